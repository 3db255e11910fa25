//! The outbox table and its dispatcher. `append_event!` writes an event inside a caller's
//! transaction; `Outbox::dispatch_once` leases a batch (so several server instances never
//! deliver the same event at the same time), hands each event to every handler, and marks it
//! delivered. A handler that fails leaves the event for the next round after its lease ends.

use super::DomainEvent;
use crate::{db::Db, execute, on_db, time::Timestamp};
use std::sync::Arc;

/// Appends `$event` (a `&DomainEvent`) to the outbox inside the open transaction `$tx`.
#[macro_export]
macro_rules! append_event {
    ($tx:ident, $event:expr, $now:expr) => {{
        let event: &$crate::events::DomainEvent = $event;
        let payload = serde_json::to_string(event).map_err(|e| sqlx::Error::Encode(e.into()))?;
        sqlx::query(
            "INSERT INTO outbox (event_id, kind, aggregate_id, payload, occurred_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(uuid::Uuid::now_v7().to_string())
        .bind(event.kind())
        .bind(event.aggregate_id())
        .bind(payload)
        .bind($now.as_millis())
        .execute(&mut *$tx)
        .await?;
    }};
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

/// How long a claimed batch is reserved for the instance that claimed it.
const LEASE_MS: i64 = 30_000;

impl Outbox {
    pub fn new(db: Db, handlers: Vec<Arc<dyn EventHandler>>) -> Self {
        Self {
            db,
            handlers: Arc::new(handlers),
        }
    }

    /// Delivers up to `limit` pending events; answers how many were delivered.
    pub async fn dispatch_once(&self, now: Timestamp, limit: i64) -> Result<usize, sqlx::Error> {
        let batch = self.claim(now, limit).await?;
        let mut delivered = Vec::new();
        'events: for stored in batch {
            for handler in self.handlers.iter() {
                if let Err(reason) = handler.handle(&stored).await {
                    tracing::warn!(handler = handler.name(), event.id = %stored.event_id, %reason, "event handler failed; retried after the lease");
                    continue 'events;
                }
            }
            delivered.push(stored.seq);
        }
        for seq in &delivered {
            execute!(
                &self.db,
                "UPDATE outbox SET dispatched_at = $1, lease_until = NULL WHERE seq = $2",
                now.as_millis(),
                *seq
            )?;
        }
        Ok(delivered.len())
    }

    async fn claim(&self, now: Timestamp, limit: i64) -> Result<Vec<StoredEvent>, sqlx::Error> {
        // PostgreSQL: SKIP LOCKED lets instances claim disjoint batches; SQLite has one writer.
        let lock = match self.db {
            Db::Postgres(_) => "FOR UPDATE SKIP LOCKED",
            Db::Sqlite(_) => "",
        };
        let sql = format!(
            "UPDATE outbox SET lease_until = $1, attempts = attempts + 1 WHERE seq IN \
             (SELECT seq FROM outbox WHERE dispatched_at IS NULL AND (lease_until IS NULL OR lease_until < $2) \
              ORDER BY seq LIMIT $3 {lock}) \
             RETURNING seq, event_id, payload, occurred_at"
        );
        let mut rows = on_db!(&self.db, pool => sqlx::query_as::<_, OutboxRow>(&sql)
            .bind(now.as_millis() + LEASE_MS)
            .bind(now.as_millis())
            .bind(limit)
            .fetch_all(pool)
            .await)?;
        rows.sort_by_key(|r| r.seq);
        rows.into_iter().map(OutboxRow::into_event).collect()
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
        on_db!(&self.db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE dispatched_at IS NULL")
            .fetch_one(pool)
            .await)
    }
}
