//! The outbox table and its dispatcher. `append_event` writes an event inside a caller's
//! transaction; `Outbox::dispatch_once` takes a batch of due events (on PostgreSQL locked, so
//! several server instances never deliver the same event at the same time), hands each event to
//! every handler, and marks the batch delivered in one statement. An event a handler failed, or
//! one this version cannot read (a newer instance wrote it during a rolling deploy), waits
//! `RETRY_AFTER_MS` and is tried again, without holding up the events after it; after
//! `MAX_ATTEMPTS` it is set aside as a dead letter.

use super::DomainEvent;
use crate::{
    db::{Db, Tx, Value},
    execute, on_db,
    time::Timestamp,
};
use std::sync::Arc;

/// Appends `event` to the outbox inside the caller's open write transaction.
pub async fn append_event(
    tx: impl Into<Tx<'_>>,
    event: &DomainEvent,
    now: Timestamp,
) -> Result<(), sqlx::Error> {
    let payload = serde_json::to_string(event).map_err(|e| sqlx::Error::Encode(e.into()))?;
    let (id, aggregate) = (uuid::Uuid::now_v7().to_string(), event.aggregate_id());
    tx.into()
        .execute(
            "INSERT INTO outbox (event_id, kind, aggregate_id, payload, occurred_at) VALUES ($1, $2, $3, $4, $5)",
            &[
                Value::Text(&id),
                Value::Text(event.kind()),
                Value::Text(&aggregate),
                Value::Text(&payload),
                Value::Integer(now.as_millis()),
            ],
        )
        .await
        .map(drop)
}

/// An event as stored, with its delivery identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEvent {
    pub seq: i64,
    pub event_id: String,
    pub occurred_at: Timestamp,
    pub event: DomainEvent,
}

/// A consumer of events. Called at least once per event: it must tolerate repeats.
#[async_trait::async_trait]
pub trait EventHandler: Send + Sync {
    fn name(&self) -> &'static str;
    async fn handle(&self, event: &StoredEvent) -> Result<(), String>;
}

/// Logs every event: the trail an operator reads, and the first consumer.
pub struct LogEvents;

#[async_trait::async_trait]
impl EventHandler for LogEvents {
    fn name(&self) -> &'static str {
        "log"
    }
    async fn handle(&self, event: &StoredEvent) -> Result<(), String> {
        tracing::info!(
            event.kind = event.event.kind(),
            event.id = %event.event_id,
            aggregate = %event.event.aggregate_id(),
            "domain event"
        );
        Ok(())
    }
}

#[derive(sqlx::FromRow)]
struct OutboxRow {
    seq: i64,
    event_id: String,
    payload: String,
    occurred_at: i64,
    #[sqlx(default)]
    attempts: i64,
}

impl OutboxRow {
    fn into_event(self) -> Result<StoredEvent, sqlx::Error> {
        let event = serde_json::from_str(&self.payload)
            .map_err(|e| sqlx::Error::Decode(format!("outbox {}: {e}", self.seq).into()))?;
        Ok(StoredEvent {
            seq: self.seq,
            event_id: self.event_id,
            occurred_at: Timestamp::from_millis(self.occurred_at),
            event,
        })
    }
}

#[derive(Clone)]
pub struct Outbox {
    db: Db,
    handlers: Arc<Vec<Arc<dyn EventHandler>>>,
}

/// How long an event a handler failed waits before it is tried again (`lease_until`).
const RETRY_AFTER_MS: i64 = 30_000;
/// Tries before an event is set aside as a dead letter: about an hour of retries, longer than a
/// handler's dependency is down or a rolling deploy lasts.
const MAX_ATTEMPTS: i64 = 120;

/// Due events, oldest first: not delivered, not dead, and not waiting after a failure.
fn due_sql(lock: &str) -> String {
    format!(
        "SELECT seq, event_id, payload, occurred_at, attempts FROM outbox \
         WHERE dispatched_at IS NULL AND dead_at IS NULL AND (lease_until IS NULL OR lease_until <= $1) \
         ORDER BY seq LIMIT $2 {lock}"
    )
}

/// What became of a batch's events.
#[derive(Default)]
struct Batch {
    delivered: Vec<i64>,
    failed: Vec<i64>,
    dead: Vec<i64>,
}

impl Batch {
    /// One statement per outcome for the whole batch, `in_seqs` being the engine's way to
    /// match `seq` against the list bound as `$2`: (SQL, the instant to write, the events).
    fn marks(&self, now: Timestamp, in_seqs: &str) -> Vec<(String, i64, &[i64])> {
        let mut marks = Vec::new();
        if !self.delivered.is_empty() {
            marks.push((
                format!(
                    "UPDATE outbox SET dispatched_at = $1, lease_until = NULL, attempts = attempts + 1 \
                     WHERE seq {in_seqs}"
                ),
                now.as_millis(),
                self.delivered.as_slice(),
            ));
        }
        if !self.failed.is_empty() {
            marks.push((
                format!("UPDATE outbox SET lease_until = $1, attempts = attempts + 1 WHERE seq {in_seqs}"),
                now.as_millis() + RETRY_AFTER_MS,
                self.failed.as_slice(),
            ));
        }
        if !self.dead.is_empty() {
            marks.push((
                format!("UPDATE outbox SET dead_at = $1, lease_until = NULL, attempts = attempts + 1 WHERE seq {in_seqs}"),
                now.as_millis(),
                self.dead.as_slice(),
            ));
        }
        marks
    }
}

impl Outbox {
    pub fn new(db: Db, handlers: Vec<Arc<dyn EventHandler>>) -> Self {
        Self {
            db,
            handlers: Arc::new(handlers),
        }
    }

    /// Delivers up to `limit` due events; answers how many were delivered.
    pub async fn dispatch_once(&self, now: Timestamp, limit: i64) -> Result<usize, sqlx::Error> {
        match &self.db {
            // The batch's rows stay locked while it is handled: other instances skip them, and
            // an instance that dies lets them go with its connection. Claiming writes nothing,
            // so an event costs one row version (delivered), not two, in a stampede's database.
            Db::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                let rows = sqlx::query_as(&due_sql("FOR UPDATE SKIP LOCKED"))
                    .bind(now.as_millis())
                    .bind(limit)
                    .fetch_all(&mut *tx)
                    .await?;
                let batch = self.deliver(rows).await?;
                for (sql, at, seqs) in batch.marks(now, "= ANY($2)") {
                    sqlx::query(&sql)
                        .bind(at)
                        .bind(seqs)
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                Ok(batch.delivered.len())
            }
            // One process writes an embedded database, so it delivers alone: nothing to claim.
            Db::Sqlite(pool) => {
                let rows = sqlx::query_as(&due_sql(""))
                    .bind(now.as_millis())
                    .bind(limit)
                    .fetch_all(pool)
                    .await?;
                let batch = self.deliver(rows).await?;
                for (sql, at, seqs) in batch.marks(now, "IN (SELECT value FROM json_each($2))") {
                    let seqs =
                        serde_json::to_string(seqs).map_err(|e| sqlx::Error::Encode(e.into()))?;
                    sqlx::query(&sql).bind(at).bind(seqs).execute(pool).await?;
                }
                Ok(batch.delivered.len())
            }
        }
    }

    /// Hands each event to every handler, in order; an event is delivered once all accept it.
    /// Each event on its own: one that fails (or cannot be read) holds up nothing after it.
    async fn deliver(&self, rows: Vec<OutboxRow>) -> Result<Batch, sqlx::Error> {
        let mut batch = Batch::default();
        for row in rows {
            let (seq, attempts) = (row.seq, row.attempts);
            let failure = match row.into_event() {
                Ok(stored) => self.hand_over(&stored).await.err(),
                // Written by a newer version (a rolling deploy), or damaged: later, or by
                // another instance that can read it.
                Err(error) => Some(error.to_string()),
            };
            match failure {
                None => batch.delivered.push(seq),
                Some(reason) if attempts + 1 >= MAX_ATTEMPTS => {
                    tracing::error!(
                        alert = "outbox_dead_letter",
                        seq,
                        attempts = attempts + 1,
                        %reason,
                        "an event was set aside as a dead letter"
                    );
                    batch.dead.push(seq);
                }
                Some(reason) => {
                    tracing::warn!(seq, %reason, "an event was not delivered; tried again later");
                    batch.failed.push(seq);
                }
            }
        }
        Ok(batch)
    }

    /// Gives the event to every handler, stopping at the first that fails.
    async fn hand_over(&self, stored: &StoredEvent) -> Result<(), String> {
        for handler in self.handlers.iter() {
            handler
                .handle(stored)
                .await
                .map_err(|reason| format!("{}: {reason}", handler.name()))?;
        }
        Ok(())
    }

    /// Events set aside as dead letters, for an operator's attention.
    pub async fn dead_letters(&self) -> Result<i64, sqlx::Error> {
        on_db!(&self.db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE dead_at IS NOT NULL")
            .fetch_one(pool)
            .await)
    }

    /// Puts every dead letter back in line with a fresh count of attempts (after the fix or the
    /// version that reads them is deployed); answers how many.
    pub async fn requeue_dead_letters(&self) -> Result<u64, sqlx::Error> {
        execute!(
            &self.db,
            "UPDATE outbox SET dead_at = NULL, attempts = 0, lease_until = NULL WHERE dead_at IS NOT NULL"
        )
    }

    /// Every event about one entity, oldest first (for tests and the admin trail).
    pub async fn events_for(&self, aggregate_id: &str) -> Result<Vec<StoredEvent>, sqlx::Error> {
        let rows = on_db!(&self.db, pool => sqlx::query_as::<_, OutboxRow>(
            "SELECT seq, event_id, payload, occurred_at FROM outbox WHERE aggregate_id = $1 ORDER BY seq",
        )
        .bind(aggregate_id)
        .fetch_all(pool)
        .await)?;
        rows.into_iter().map(OutboxRow::into_event).collect()
    }

    pub async fn pending(&self) -> Result<i64, sqlx::Error> {
        on_db!(&self.db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE dispatched_at IS NULL AND dead_at IS NULL")
            .fetch_one(pool)
            .await)
    }
}
