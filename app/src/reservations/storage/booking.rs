//! Writing a booking: the person's count, the slot's places, the row and its events, all or
//! nothing.
//!
//! Bookings that arrive together are written as a group by one writer task per process: one
//! transaction and so one commit (one fsync) for all. Each is answered only after that commit, so
//! an acknowledged booking is on disk. On SQLite, which has one writer anyway, each booking runs
//! in its own savepoint (a refused one is rolled back alone); statements there cost no network
//! round trip. On PostgreSQL the group is decided with a few set-based statements
//! (`group_postgres`), since there a statement per booking would cost a round trip each while
//! the group holds its slots' locks.

use super::{COLUMNS, ReservationRow, ReservationStorage, facts};
use crate::{
    append_event, claim_places,
    db::Db,
    drops::model::SlotId,
    events::DomainEvent,
    reservations::{model::Reservation, rules::ReservationStatus},
    time::Timestamp,
};
use sqlx::{SqliteConnection, SqlitePool};
use std::{
    collections::HashMap,
    sync::{Arc, OnceLock},
};
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

/// The statements of one booking inside an open SQLite transaction; anything but `Booked` must be
/// rolled back by the caller (the person's count may already have been raised).
async fn book_on_sqlite(
    tx: &mut SqliteConnection,
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
                    let _ = pending.answer.send(outcome);
                }
            }
            // The group's transaction failed as a whole (begin or commit): nothing of it was
            // written, so each booking is tried again on its own and answered with that.
            Err(error) => {
                tracing::warn!(%error, bookings = group.len(), "group commit failed; writing one by one");
                for pending in group.drain(..) {
                    let alone = write_group(&db, std::slice::from_ref(&pending))
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
    db: &Db,
    group: &[Pending],
) -> Result<Vec<Result<BookOutcome, sqlx::Error>>, sqlx::Error> {
    match db {
        Db::Sqlite(pool) => write_group_sqlite(pool, group).await,
        Db::Postgres(pool) => super::group_postgres::write_group(pool, group).await,
    }
}

async fn write_group_sqlite(
    pool: &SqlitePool,
    group: &[Pending],
) -> Result<Vec<Result<BookOutcome, sqlx::Error>>, sqlx::Error> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let mut outcomes = Vec::with_capacity(group.len());
    // Within a group places are only taken: once a slot refused `units` places, it refuses as
    // many or more to everyone after in the group, without five statements each to say so (an
    // idempotent retry among them is found by the service, which looks up a refusal's key).
    let mut refused: HashMap<SlotId, u16> = HashMap::new();
    for pending in group {
        let reservation = &pending.booking.reservation;
        if refused
            .get(&reservation.slot_id)
            .is_some_and(|units| reservation.units >= *units)
        {
            outcomes.push(Ok(BookOutcome::Full));
            continue;
        }
        sqlx::query("SAVEPOINT booking").execute(&mut *tx).await?;
        let outcome = book_on_sqlite(&mut *tx, &pending.booking, pending.now).await;
        if !matches!(outcome, Ok(BookOutcome::Booked)) {
            sqlx::query("ROLLBACK TO booking").execute(&mut *tx).await?;
        }
        sqlx::query("RELEASE booking").execute(&mut *tx).await?;
        if matches!(outcome, Ok(BookOutcome::Full)) {
            let units = refused
                .entry(reservation.slot_id)
                .or_insert(reservation.units);
            *units = (*units).min(reservation.units);
        }
        outcomes.push(outcome);
    }
    tx.commit().await?;
    Ok(outcomes)
}
