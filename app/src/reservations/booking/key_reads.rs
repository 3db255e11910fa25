//! Refusals' key lookups on PostgreSQL, read together. Once a drop sells out nearly every
//! attempt is refused, and each refusal with an idempotency key must look it up (a retry of a
//! booking that went through gets that booking back, whichever instance made it). Whatever is
//! queued is read by one statement, each key through the unique index, instead of a round trip
//! each; a lookup arriving alone is read at once.

use super::postgres::earlier_by_key;
use crate::{identity::model::UserId, reservations::model::Reservation};
use sqlx::PgPool;
use std::sync::{Arc, OnceLock};
use tokio::sync::{Mutex, mpsc, oneshot};

/// The most keys one statement reads.
const MAX_BATCH: usize = 256;
/// Statements in flight at once: while one reads, the next batch gathers.
const READERS: usize = 2;
/// The most lookups waiting; past it a refusal is answered "busy" (503) at once.
const MAX_QUEUED: usize = 8 * MAX_BATCH;

struct KeyRead {
    user: UserId,
    key: String,
    answer: oneshot::Sender<Result<Option<Reservation>, sqlx::Error>>,
}

/// The queue to this process's key readers, started on first use.
#[derive(Clone, Default)]
pub(super) struct KeyReads(Arc<OnceLock<mpsc::Sender<KeyRead>>>);

impl KeyReads {
    pub async fn find(
        &self,
        pool: &PgPool,
        user: UserId,
        key: &str,
    ) -> Result<Option<Reservation>, sqlx::Error> {
        let queue = self.0.get_or_init(|| {
            let (sender, receiver) = mpsc::channel(MAX_QUEUED);
            let receiver = Arc::new(Mutex::new(receiver));
            for _ in 0..READERS {
                tokio::spawn(read_batches(pool.clone(), receiver.clone()));
            }
            sender
        });
        let (answer, answered) = oneshot::channel();
        queue
            .try_send(KeyRead {
                user,
                key: key.to_owned(),
                answer,
            })
            .map_err(|full_or_closed| match full_or_closed {
                mpsc::error::TrySendError::Full(_) => sqlx::Error::PoolTimedOut,
                mpsc::error::TrySendError::Closed(_) => sqlx::Error::PoolClosed,
            })?;
        answered.await.map_err(|_| sqlx::Error::PoolClosed)?
    }
}

/// Takes batches off the queue and answers them until the queue closes.
async fn read_batches(pool: PgPool, queue: Arc<Mutex<mpsc::Receiver<KeyRead>>>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    loop {
        if queue.lock().await.recv_many(&mut batch, MAX_BATCH).await == 0 {
            return;
        }
        batch.retain(|read| !read.answer.is_closed());
        if batch.is_empty() {
            continue;
        }
        let keys: Vec<_> = batch.iter().map(|r| (r.user, r.key.as_str())).collect();
        match earlier_by_key(&pool, &keys).await {
            Ok(mut found) => {
                for read in batch.drain(..) {
                    let first = found.remove(&(read.user, read.key));
                    let _ = read.answer.send(Ok(first));
                }
            }
            // Each is read again on its own and answered with that.
            Err(error) => {
                tracing::warn!(%error, keys = batch.len(), "key lookups failed together; reading one by one");
                for read in batch.drain(..) {
                    let alone = earlier_by_key(&pool, &[(read.user, read.key.as_str())])
                        .await
                        .map(|mut found| found.remove(&(read.user, read.key)));
                    let _ = read.answer.send(alone);
                }
            }
        }
    }
}
