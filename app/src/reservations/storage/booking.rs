//! Writing a booking: the person's count (conditional upsert), the slot's places (conditional
//! update), the row and its events, all or nothing.
//!
//! On SQLite, which has one writer, bookings that arrive together are written as a group: one
//! transaction, each booking in its own savepoint (a refused one is rolled back alone), one
//! commit and so one fsync for all. Each is answered only after that commit, so an acknowledged
//! booking is on disk. On PostgreSQL each booking is its own transaction, so instances and
//! connections write in parallel.

use super::{COLUMNS, ReservationRow, ReservationStorage, facts};
use crate::{
    append_event, claim_places,
    db::Db,
    events::DomainEvent,
    reservations::{model::Reservation, rules::ReservationStatus},
    time::Timestamp,
};
use sqlx::{PgConnection, SqliteConnection, SqlitePool};
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

/// The statements of one booking inside an open transaction; anything but `Booked` must be
/// rolled back by the caller (the person's count may already have been raised).
macro_rules! book_on {
    ($name:ident, $connection:ty) => {
        async fn $name(
            tx: &mut $connection,
            booking: &NewBooking,
            now: Timestamp,
        ) -> Result<BookOutcome, sqlx::Error> {
            let r = &booking.reservation;
            if let Some(key) = &booking.idempotency_key {
                let sql = format!(
                    "SELECT {COLUMNS} FROM reservations WHERE user_id = $1 AND idempotency_key = $2"
                );
                let first = sqlx::query_as::<_, ReservationRow>(&sql)
                    .bind(r.user_id.to_string())
                    .bind(key)
                    .fetch_optional(&mut *tx)
                    .await?;
                if let Some(first) = first {
                    return Ok(BookOutcome::Replayed(first.try_into()?));
                }
            }
            if !count_person!(tx, r, booking.per_person_limit) {
                return Ok(BookOutcome::LimitReached);
            }
            let confirmed = r.status == ReservationStatus::Confirmed;
            let placed = if confirmed {
                claim_places!(tx, r.slot_id, r.units, "confirmed")
            } else {
                claim_places!(tx, r.slot_id, r.units, "held")
            };
            if !placed {
                return Ok(BookOutcome::Full);
            }
            insert_reservation!(
                tx,
                r,
                booking.idempotency_key.as_deref(),
                booking.slot_ends_at,
                now
            );
            append_event!(tx, &DomainEvent::ReservationHeld(facts(r)), now);
            if confirmed {
                append_event!(tx, &DomainEvent::ReservationConfirmed(facts(r)), now);
            }
            Ok(BookOutcome::Booked)
        }
    };
}

book_on!(book_on_sqlite, SqliteConnection);
book_on!(book_on_postgres, PgConnection);

struct Pending {
    booking: NewBooking,
    now: Timestamp,
    answer: oneshot::Sender<Result<BookOutcome, sqlx::Error>>,
}

/// The queue to this process's SQLite group writer, started on first use.
#[derive(Clone, Default)]
pub(super) struct GroupCommit(Arc<OnceLock<mpsc::UnboundedSender<Pending>>>);

impl ReservationStorage {
    #[instrument(skip_all)]
    pub async fn book(
        &self,
        booking: NewBooking,
        now: Timestamp,
    ) -> Result<BookOutcome, sqlx::Error> {
        match &self.db {
            Db::Sqlite(pool) => {
                let queue = self.groups.0.get_or_init(|| {
                    let (sender, receiver) = mpsc::unbounded_channel();
                    tokio::spawn(write_groups(pool.clone(), receiver));
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
            Db::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                let outcome = book_on_postgres(&mut *tx, &booking, now).await?;
                if matches!(outcome, BookOutcome::Booked) {
                    tx.commit().await?;
                }
                Ok(outcome)
            }
        }
    }
}

/// Writes the queued bookings in groups until the queue closes.
async fn write_groups(pool: SqlitePool, mut queue: mpsc::UnboundedReceiver<Pending>) {
    let mut group = Vec::with_capacity(MAX_GROUP);
    while queue.recv_many(&mut group, MAX_GROUP).await > 0 {
        match write_group(&pool, &group).await {
            Ok(outcomes) => {
                for (pending, outcome) in group.drain(..).zip(outcomes) {
                    let _ = pending.answer.send(outcome);
                }
            }
            // The group's transaction failed as a whole (begin or commit): nothing of it was
            // written, so each booking is tried again on its own and answered with that.
            Err(error) => {
                tracing::warn!(%error, bookings = group.len(), "group commit failed; writing one by one");
                for pending in group.drain(..) {
                    let alone = write_group(&pool, std::slice::from_ref(&pending))
                        .await
                        .and_then(|mut outcomes| {
                            outcomes.pop().unwrap_or(Err(sqlx::Error::RowNotFound))
                        });
                    let _ = pending.answer.send(alone);
                }
            }
        }
    }
}

async fn write_group(
    pool: &SqlitePool,
    group: &[Pending],
) -> Result<Vec<Result<BookOutcome, sqlx::Error>>, sqlx::Error> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let mut outcomes = Vec::with_capacity(group.len());
    for pending in group {
        sqlx::query("SAVEPOINT booking").execute(&mut *tx).await?;
        let outcome = book_on_sqlite(&mut *tx, &pending.booking, pending.now).await;
        if !matches!(outcome, Ok(BookOutcome::Booked)) {
            sqlx::query("ROLLBACK TO booking").execute(&mut *tx).await?;
        }
        sqlx::query("RELEASE booking").execute(&mut *tx).await?;
        outcomes.push(outcome);
    }
    tx.commit().await?;
    Ok(outcomes)
}
