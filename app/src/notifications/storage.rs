//! The notifications table: planning (idempotent by its unique key), leasing due messages to a
//! worker, recording outcomes, and the log an owner reads.

use super::{
    model::{Channel, Delivery, DeliveryStatus, MessageKind},
    push::Subscription,
};
use crate::{
    db::Db,
    execute,
    ids::{DropId, NotificationId, StoreId, UserId},
    on_db,
    paging::{Page, PageRequest},
    time::Timestamp,
};

/// A message to plan.
#[derive(Debug, Clone)]
pub struct NewNotification {
    pub dedupe_key: String,
    pub recipient: String,
    pub channel: Channel,
    pub kind: MessageKind,
    /// JSON: what the composer needs to read at sending time.
    pub subject: String,
    pub store_id: Option<StoreId>,
    pub drop_id: Option<DropId>,
    pub due_at: Timestamp,
}

/// What planning does with a message already planned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Planned {
    /// Leaves it as it is (an event delivered twice).
    Keep,
    /// Replaces it while it waits to be sent (a waitlist's offer in place of its hold's notice).
    ReplaceWaiting,
    /// Makes it wait again, also when it was called off or already sent (a person who asks
    /// again).
    Revive,
}

/// A message a worker took to send.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Claimed {
    pub id: String,
    pub recipient: String,
    pub channel: String,
    pub kind: String,
    pub subject: String,
    pub attempts: i64,
    pub due_at: i64,
}

#[derive(sqlx::FromRow)]
struct DeliveryRow {
    id: String,
    kind: String,
    channel: String,
    status: String,
    recipient: String,
    drop_id: Option<String>,
    attempts: i64,
    last_error: Option<String>,
    provider_id: Option<String>,
    created_at: i64,
    sent_at: Option<i64>,
}

impl TryFrom<DeliveryRow> for Delivery {
    type Error = sqlx::Error;

    fn try_from(row: DeliveryRow) -> Result<Self, sqlx::Error> {
        let bad = |what: &str| {
            sqlx::Error::Decode(format!("notifications {}: bad {what}", row.id).into())
        };
        Ok(Delivery {
            id: row.id.parse().map_err(|_| bad("id"))?,
            kind: MessageKind::parse(&row.kind).ok_or_else(|| bad("kind"))?,
            channel: Channel::parse(&row.channel).ok_or_else(|| bad("channel"))?,
            status: DeliveryStatus::parse(&row.status).ok_or_else(|| bad("status"))?,
            drop_id: row.drop_id.as_deref().and_then(|id| id.parse().ok()),
            attempts: u32::try_from(row.attempts).unwrap_or(u32::MAX),
            last_error: row.last_error,
            provider_id: row.provider_id,
            created_at: Timestamp::from_millis(row.created_at),
            sent_at: row.sent_at.map(Timestamp::from_millis),
            recipient: row.recipient,
        })
    }
}

const DELIVERY_COLUMNS: &str = "id, kind, channel, status, recipient, drop_id, attempts, \
     last_error, provider_id, created_at, sent_at";

#[derive(Clone)]
pub struct NotificationStorage {
    db: Db,
}

impl NotificationStorage {
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    /// Plans messages in one transaction; `on_conflict` says what becomes of one already
    /// planned (same key, person and channel).
    pub async fn plan(
        &self,
        planned: &[NewNotification],
        now: Timestamp,
        on_conflict: Planned,
    ) -> Result<(), sqlx::Error> {
        if planned.is_empty() {
            return Ok(());
        }
        let on_conflict = match on_conflict {
            Planned::Keep => "DO NOTHING",
            Planned::ReplaceWaiting => {
                "DO UPDATE SET kind = excluded.kind, priority = excluded.priority, \
                 subject = excluded.subject, due_at = excluded.due_at \
                 WHERE notifications.status = 'pending'"
            }
            Planned::Revive => {
                "DO UPDATE SET status = 'pending', subject = excluded.subject, due_at = excluded.due_at, \
                 attempts = 0, last_error = NULL WHERE notifications.status IN ('pending', 'skipped', 'sent')"
            }
        };
        let insert = format!(
            "INSERT INTO notifications \
             (id, dedupe_key, recipient, channel, kind, priority, subject, store_id, drop_id, due_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
             ON CONFLICT (dedupe_key, recipient, channel) {on_conflict}"
        );
        crate::in_write_tx!(&self.db, tx => {
            for row in planned {
                sqlx::query(&insert)
                    .bind(NotificationId::generate().to_string())
                    .bind(&row.dedupe_key)
                    .bind(&row.recipient)
                    .bind(row.channel.as_str())
                    .bind(row.kind.as_str())
                    .bind(row.kind.priority())
                    .bind(&row.subject)
                    .bind(row.store_id.map(|id| id.to_string()))
                    .bind(row.drop_id.map(|id| id.to_string()))
                    .bind(row.due_at.as_millis())
                    .bind(now.as_millis())
                    .execute(&mut *tx)
                    .await?;
            }
        });
        Ok(())
    }

    /// Takes up to `limit` due messages for `lease_ms`: pending ones whose time has come, and
    /// ones whose sender died mid-way (its lease ran out). On PostgreSQL, instances skip each
    /// other's rows; SQLite has one writer.
    pub async fn claim(
        &self,
        now: Timestamp,
        limit: i64,
        lease_ms: i64,
    ) -> Result<Vec<Claimed>, sqlx::Error> {
        let lock = match self.db {
            Db::Postgres(_) => "FOR UPDATE SKIP LOCKED",
            Db::Sqlite(_) => "",
        };
        let sql = format!(
            "UPDATE notifications SET status = 'sending', lease_until = $2 WHERE id IN ( \
                 SELECT id FROM notifications \
                 WHERE (status = 'pending' AND due_at <= $1) OR (status = 'sending' AND lease_until <= $1) \
                 ORDER BY priority, due_at LIMIT $3 {lock}) \
             RETURNING id, recipient, channel, kind, subject, attempts, due_at"
        );
        on_db!(&self.db, pool => sqlx::query_as(&sql)
            .bind(now.as_millis())
            .bind(now.as_millis() + lease_ms)
            .bind(limit)
            .fetch_all(pool)
            .await)
    }

    /// Logs a message its sender is sending right now, held for `lease_ms`; answers its id.
    pub async fn queue_sending(
        &self,
        row: &NewNotification,
        now: Timestamp,
        lease_ms: i64,
    ) -> Result<String, sqlx::Error> {
        let id = NotificationId::generate().to_string();
        execute!(
            &self.db,
            "INSERT INTO notifications \
             (id, dedupe_key, recipient, channel, kind, subject, status, due_at, lease_until, created_at, priority) \
             VALUES ($1, $2, $3, $4, $5, $6, 'sending', $7, $8, $7, $9)",
            &id,
            &row.dedupe_key,
            &row.recipient,
            row.channel.as_str(),
            row.kind.as_str(),
            &row.subject,
            now.as_millis(),
            now.as_millis() + lease_ms,
            row.kind.priority()
        )?;
        Ok(id)
    }

    /// A sent message; `forget_content` drops what it said (secret links) from the log.
    pub async fn mark_sent(
        &self,
        id: &str,
        provider_id: &str,
        now: Timestamp,
        forget_content: bool,
    ) -> Result<(), sqlx::Error> {
        execute!(
            &self.db,
            "UPDATE notifications SET status = 'sent', sent_at = $2, provider_id = $3, \
             attempts = attempts + 1, lease_until = NULL, last_error = NULL, \
             subject = CASE WHEN $4 THEN '{}' ELSE subject END WHERE id = $1",
            id,
            now.as_millis(),
            provider_id,
            forget_content
        )
        .map(drop)
    }

    /// A failed attempt of a message still leased: the worker takes it over when the lease ends.
    pub async fn note_error(&self, id: &str, error: &str) -> Result<(), sqlx::Error> {
        execute!(
            &self.db,
            "UPDATE notifications SET attempts = attempts + 1, last_error = $2 WHERE id = $1",
            id,
            error
        )
        .map(drop)
    }

    /// A failed attempt: tried again at `retry_at`, or given up on (a dead letter) without one.
    pub async fn mark_failed(
        &self,
        id: &str,
        error: &str,
        retry_at: Option<Timestamp>,
    ) -> Result<(), sqlx::Error> {
        let (status, due) = match retry_at {
            Some(at) => ("pending", Some(at.as_millis())),
            None => ("failed", None),
        };
        execute!(
            &self.db,
            "UPDATE notifications SET status = $2, due_at = COALESCE($3, due_at), \
             attempts = attempts + 1, lease_until = NULL, last_error = $4 WHERE id = $1",
            id,
            status,
            due,
            error
        )
        .map(drop)
    }

    /// The provider could not deliver a message it had taken: a dead letter after all.
    pub async fn provider_failed(
        &self,
        provider_id: &str,
        reason: &str,
    ) -> Result<(), sqlx::Error> {
        execute!(
            &self.db,
            "UPDATE notifications SET status = 'failed', last_error = $2 WHERE provider_id = $1 AND status = 'sent'",
            provider_id,
            reason
        )
        .map(drop)
    }

    /// Back in line at `at` without counting an attempt (its provider is resting, a reminder
    /// moved with its slot).
    pub async fn postpone(&self, id: &str, at: Timestamp) -> Result<(), sqlx::Error> {
        execute!(
            &self.db,
            "UPDATE notifications SET status = 'pending', due_at = $2, lease_until = NULL WHERE id = $1",
            id,
            at.as_millis()
        )
        .map(drop)
    }

    pub async fn mark_skipped(&self, id: &str, reason: &str) -> Result<(), sqlx::Error> {
        execute!(
            &self.db,
            "UPDATE notifications SET status = 'skipped', lease_until = NULL, last_error = $2 WHERE id = $1",
            id,
            reason
        )
        .map(drop)
    }

    /// Skips the messages of `kind` still waiting about a subject (a cancelled reservation's
    /// reminders); answers how many.
    pub async fn skip_waiting(
        &self,
        kind: MessageKind,
        subject_key_prefix: &str,
        reason: &str,
    ) -> Result<u64, sqlx::Error> {
        execute!(
            &self.db,
            "UPDATE notifications SET status = 'skipped', last_error = $3 \
             WHERE kind = $1 AND status = 'pending' AND dedupe_key LIKE $2",
            kind.as_str(),
            format!("{subject_key_prefix}%"),
            reason
        )
    }

    /// Calls off a person's messages of one kind still waiting to go: with `key`, those about
    /// one thing (a drop's opening); without, all of them. Answers how many.
    pub async fn skip_for(
        &self,
        kind: MessageKind,
        recipient: &str,
        key: Option<&str>,
        reason: &str,
    ) -> Result<u64, sqlx::Error> {
        execute!(
            &self.db,
            "UPDATE notifications SET status = 'skipped', last_error = $4 \
             WHERE kind = $1 AND recipient = $2 AND status = 'pending' AND ($3 = '' OR dedupe_key = $3)",
            kind.as_str(),
            recipient,
            key.unwrap_or_default(),
            reason
        )
    }

    /// Moves the messages of one kind and key still waiting to go (everyone's) to `due_at`.
    pub async fn move_waiting(
        &self,
        kind: MessageKind,
        key: &str,
        due_at: Timestamp,
    ) -> Result<u64, sqlx::Error> {
        execute!(
            &self.db,
            "UPDATE notifications SET due_at = $3 \
             WHERE kind = $1 AND dedupe_key = $2 AND status = 'pending'",
            kind.as_str(),
            key,
            due_at.as_millis()
        )
    }

    /// Whether a message of this kind, key and person waits to go (on any channel).
    pub async fn is_waiting(
        &self,
        kind: MessageKind,
        key: &str,
        recipient: &str,
    ) -> Result<bool, sqlx::Error> {
        let count: i64 = on_db!(&self.db, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM notifications WHERE kind = $1 AND dedupe_key = $2 \
             AND recipient = $3 AND status IN ('pending', 'sending')"
        )
        .bind(kind.as_str())
        .bind(key)
        .bind(recipient)
        .fetch_one(pool)
        .await)?;
        Ok(count > 0)
    }

    /// The store's note for one kind of message, if its owners wrote one.
    pub async fn note(
        &self,
        store: StoreId,
        kind: MessageKind,
    ) -> Result<Option<String>, sqlx::Error> {
        on_db!(&self.db, pool => sqlx::query_scalar(
            "SELECT note FROM store_message_notes WHERE store_id = $1 AND kind = $2"
        )
        .bind(store.to_string())
        .bind(kind.as_str())
        .fetch_optional(pool)
        .await)
    }

    /// The store's notes, by kind's stored name.
    pub async fn notes(&self, store: StoreId) -> Result<Vec<(String, String)>, sqlx::Error> {
        on_db!(&self.db, pool => sqlx::query_as(
            "SELECT kind, note FROM store_message_notes WHERE store_id = $1"
        )
        .bind(store.to_string())
        .fetch_all(pool)
        .await)
    }

    /// Keeps (or, with None, removes) the store's note for one kind of message.
    pub async fn set_note(
        &self,
        store: StoreId,
        kind: MessageKind,
        note: Option<&str>,
        now: Timestamp,
    ) -> Result<(), sqlx::Error> {
        match note {
            Some(note) => execute!(
                &self.db,
                "INSERT INTO store_message_notes (store_id, kind, note, updated_at) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (store_id, kind) \
                 DO UPDATE SET note = excluded.note, updated_at = excluded.updated_at",
                store.to_string(),
                kind.as_str(),
                note,
                now.as_millis()
            ),
            None => execute!(
                &self.db,
                "DELETE FROM store_message_notes WHERE store_id = $1 AND kind = $2",
                store.to_string(),
                kind.as_str()
            ),
        }
        .map(|_| ())
    }

    /// Puts a failed message back in line now, with a fresh count of attempts; only one of
    /// `store`'s. Answers whether there was one.
    pub async fn send_again(
        &self,
        id: NotificationId,
        store: StoreId,
        now: Timestamp,
    ) -> Result<bool, sqlx::Error> {
        execute!(
            &self.db,
            "UPDATE notifications SET status = 'pending', attempts = 0, due_at = $3, last_error = NULL \
             WHERE id = $1 AND store_id = $2 AND status = 'failed'",
            id.to_string(),
            store.to_string(),
            now.as_millis()
        )
        .map(|changed| changed == 1)
    }

    /// A store's messages in `status`, newest first.
    pub async fn for_store(
        &self,
        store: StoreId,
        status: DeliveryStatus,
        page: PageRequest,
    ) -> Result<Page<Delivery>, sqlx::Error> {
        let sql = format!(
            "SELECT {DELIVERY_COLUMNS} FROM notifications \
             WHERE store_id = $1 AND status = $2 ORDER BY created_at DESC, id LIMIT $3 OFFSET $4"
        );
        let (store, status) = (store.to_string(), status.as_str());
        let rows = on_db!(&self.db, pool => sqlx::query_as::<_, DeliveryRow>(&sql)
            .bind(&store)
            .bind(status)
            .bind(i64::from(page.per_page))
            .bind(page.offset())
            .fetch_all(pool)
            .await)?;
        let total: i64 = on_db!(&self.db, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM notifications WHERE store_id = $1 AND status = $2"
        )
        .bind(&store)
        .bind(status)
        .fetch_one(pool)
        .await)?;
        Page::from_rows(rows, total, page)
    }

    /// Every message to one person (user id or address), oldest first.
    pub async fn for_recipient(&self, recipient: &str) -> Result<Vec<Delivery>, sqlx::Error> {
        let sql = format!(
            "SELECT {DELIVERY_COLUMNS} FROM notifications WHERE recipient = $1 ORDER BY created_at, id"
        );
        let rows = on_db!(&self.db, pool => sqlx::query_as::<_, DeliveryRow>(&sql)
            .bind(recipient)
            .fetch_all(pool)
            .await)?;
        rows.into_iter().map(Delivery::try_from).collect()
    }

    #[cfg(any(test, feature = "testing"))]
    pub async fn subject_of(&self, id: NotificationId) -> Result<String, sqlx::Error> {
        on_db!(&self.db, pool => sqlx::query_scalar("SELECT subject FROM notifications WHERE id = $1")
            .bind(id.to_string())
            .fetch_one(pool)
            .await)
    }

    /// This server's VAPID secret: `fresh` if none was kept yet (the first instance to ask keeps
    /// its own; every other reads that one).
    pub async fn vapid_secret(&self, fresh: &str, now: Timestamp) -> Result<String, sqlx::Error> {
        execute!(
            &self.db,
            "INSERT INTO vapid_keys (id, secret, created_at) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING",
            fresh,
            now.as_millis()
        )?;
        on_db!(&self.db, pool => sqlx::query_scalar("SELECT secret FROM vapid_keys WHERE id = 1")
            .fetch_one(pool)
            .await)
    }

    /// Keeps a browser's subscription for `user` (a browser that signs in as someone else moves
    /// to them).
    pub async fn save_subscription(
        &self,
        user: UserId,
        subscription: &Subscription,
        user_agent: &str,
        now: Timestamp,
    ) -> Result<(), sqlx::Error> {
        execute!(
            &self.db,
            "INSERT INTO push_subscriptions (endpoint, user_id, p256dh, auth, user_agent, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (endpoint) DO UPDATE SET \
             user_id = excluded.user_id, p256dh = excluded.p256dh, auth = excluded.auth, \
             user_agent = excluded.user_agent",
            &subscription.endpoint,
            user.to_string(),
            &subscription.p256dh,
            &subscription.auth,
            user_agent,
            now.as_millis()
        )
        .map(drop)
    }

    pub async fn subscriptions_of(&self, user: UserId) -> Result<Vec<Subscription>, sqlx::Error> {
        let rows: Vec<(String, String, String)> = on_db!(&self.db, pool => sqlx::query_as(
            "SELECT endpoint, p256dh, auth FROM push_subscriptions WHERE user_id = $1 ORDER BY created_at"
        )
        .bind(user.to_string())
        .fetch_all(pool)
        .await)?;
        Ok(rows
            .into_iter()
            .map(|(endpoint, p256dh, auth)| Subscription {
                endpoint,
                p256dh,
                auth,
            })
            .collect())
    }

    /// Forgets a subscription (the push service dropped it, or its person turned it off);
    /// `user`, when given, must be its person.
    pub async fn drop_subscription(
        &self,
        endpoint: &str,
        user: Option<UserId>,
    ) -> Result<u64, sqlx::Error> {
        execute!(
            &self.db,
            "DELETE FROM push_subscriptions WHERE endpoint = $1 AND ($2 IS NULL OR user_id = $2)",
            endpoint,
            user.map(|u| u.to_string())
        )
    }

    /// How many messages are waiting or being sent (for the benchmark and an operator).
    pub async fn backlog(&self) -> Result<i64, sqlx::Error> {
        on_db!(&self.db, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM notifications WHERE status IN ('pending', 'sending')"
        )
        .fetch_one(pool)
        .await)
    }
}
