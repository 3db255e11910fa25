//! Writing a booking: the person's count, the slot's places, the row and its events, all or
//! nothing.
//!
//! Bookings that arrive together are written as a group by one writer task per process: one
//! transaction and so one commit (one fsync) for all. Each is answered only after that commit, so
//! an acknowledged booking is on disk. On both engines the group is read, decided in memory in
//! arrival order (`group::decide`) and written with a few set-based statements whatever its
//! size (`group_postgres`, `group_sqlite`): on PostgreSQL a statement per booking would cost a
//! round trip each while the group holds its slots' locks, on SQLite a hop to sqlx's thread.

use super::ReservationStorage;
use crate::{db::Db, reservations::model::Reservation, time::Timestamp};
use std::sync::{Arc, OnceLock};
use tokio::sync::{mpsc, oneshot};
use tracing::instrument;

/// The most bookings one group commit writes.
const MAX_GROUP: usize = 256;

/// A booking to write: the reservation (held, or confirmed when no deposit is due).
#[derive(Debug, Clone)]
pub(in crate::reservations) struct NewBooking {
    pub reservation: Reservation,
    /// When the slot ends, kept on the row so no-shows are found without the slot table.
    pub slot_ends_at: Timestamp,
    pub idempotency_key: Option<String>,
    pub per_person_limit: u16,
}

#[derive(Debug)]
pub(in crate::reservations) enum BookOutcome {
    Booked,
    Replayed(Reservation),
    Full,
    LimitReached,
}

pub(super) struct Pending {
    pub booking: NewBooking,
    pub now: Timestamp,
    answer: oneshot::Sender<Result<BookOutcome, sqlx::Error>>,
}

/// The queue to this process's group writer, started on first use.
#[derive(Clone, Default)]
pub(super) struct GroupCommit(Arc<OnceLock<mpsc::UnboundedSender<Pending>>>);

impl ReservationStorage {
    #[instrument(skip_all)]
    pub async fn book(
        &self,
        booking: NewBooking,
        now: Timestamp,
    ) -> Result<BookOutcome, sqlx::Error> {
        let queue = self.groups.0.get_or_init(|| {
            let (sender, receiver) = mpsc::unbounded_channel();
            tokio::spawn(write_groups(self.db.clone(), receiver));
            sender
        });
        let (answer, answered) = oneshot::channel();
        queue
            .send(Pending {
                booking,
                now,
                answer,
            })
            .map_err(|_| sqlx::Error::PoolClosed)?;
        answered.await.map_err(|_| sqlx::Error::PoolClosed)?
    }
}

/// Writes the queued bookings in groups until the queue closes.
async fn write_groups(db: Db, mut queue: mpsc::UnboundedReceiver<Pending>) {
    let mut group = Vec::with_capacity(MAX_GROUP);
    while queue.recv_many(&mut group, MAX_GROUP).await > 0 {
        match write_group(&db, &group).await {
            Ok(outcomes) => {
                for (pending, outcome) in group.drain(..).zip(outcomes) {
                    let _ = pending.answer.send(Ok(outcome));
                }
            }
            // The group's transaction failed as a whole (begin or commit): nothing of it was
            // written, so each booking is tried again on its own and answered with that.
            Err(error) => {
                tracing::warn!(%error, bookings = group.len(), "group commit failed; writing one by one");
                for pending in group.drain(..) {
                    let alone = write_group(&db, std::slice::from_ref(&pending))
                        .await
                        .and_then(|mut outcomes| outcomes.pop().ok_or(sqlx::Error::RowNotFound));
                    let _ = pending.answer.send(alone);
                }
            }
        }
    }
}

async fn write_group(db: &Db, group: &[Pending]) -> Result<Vec<BookOutcome>, sqlx::Error> {
    match db {
        Db::Sqlite(pool) => super::group_sqlite::write_group(pool, group).await,
        Db::Postgres(pool) => super::group_postgres::write_group(pool, group).await,
    }
}
