//! Reservation rows on both engines: read back, and moved from one state to another in one
//! write transaction with the slot's places, the person's count and the event. Bookings are
//! written by the booking engine (`booking/`); the statements several transactions share are
//! functions here and in `ledger`.

pub(super) mod ledger;

use super::{
    model::{Reservation, ReservationId},
    rules::ReservationStatus,
};
use crate::{
    db::{Db, Tx, Value},
    drops::model::SlotId,
    events::{DomainEvent, ReservationFacts, outbox::append_event},
    identity::model::UserId,
    in_write_tx, on_db,
    time::Timestamp,
};
use ledger::{Places, confirm_held_places, remove_places};
use tracing::instrument;

pub(super) const COLUMNS: &str =
    "id, drop_id, slot_id, user_id, units, status, hold_expires_at, ticket_version, created_at";

#[derive(sqlx::FromRow)]
pub(super) struct ReservationRow {
    id: String,
    drop_id: String,
    slot_id: String,
    user_id: String,
    units: i64,
    status: String,
    hold_expires_at: Option<i64>,
    ticket_version: i64,
    created_at: i64,
}

impl TryFrom<ReservationRow> for Reservation {
    type Error = sqlx::Error;
    fn try_from(row: ReservationRow) -> Result<Self, Self::Error> {
        let bad = |what: &str| {
            sqlx::Error::Decode(format!("reservations row {}: bad {what}", row.id).into())
        };
        Ok(Reservation {
            id: row.id.parse().map_err(|_| bad("id"))?,
            drop_id: row.drop_id.parse().map_err(|_| bad("drop_id"))?,
            slot_id: row.slot_id.parse().map_err(|_| bad("slot_id"))?,
            user_id: row.user_id.parse().map_err(|_| bad("user_id"))?,
            units: u16::try_from(row.units).map_err(|_| bad("units"))?,
            status: ReservationStatus::parse(&row.status).ok_or_else(|| bad("status"))?,
            hold_expires_at: row.hold_expires_at.map(Timestamp::from_millis),
            ticket_version: u8::try_from(row.ticket_version).map_err(|_| bad("ticket_version"))?,
            created_at: Timestamp::from_millis(row.created_at),
        })
    }
}

pub(super) fn facts(reservation: &Reservation) -> ReservationFacts {
    ReservationFacts {
        reservation_id: reservation.id,
        drop_id: reservation.drop_id,
        slot_id: reservation.slot_id,
        user_id: reservation.user_id,
        units: reservation.units,
    }
}

#[derive(Clone)]
pub(super) struct ReservationStorage {
    pub(super) db: Db,
}

impl ReservationStorage {
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    pub async fn find(&self, id: ReservationId) -> Result<Option<Reservation>, sqlx::Error> {
        let sql = format!("SELECT {COLUMNS} FROM reservations WHERE id = $1");
        let row = on_db!(&self.db, pool => sqlx::query_as::<_, ReservationRow>(&sql).bind(id.to_string()).fetch_optional(pool).await)?;
        row.map(TryInto::try_into).transpose()
    }

    /// A person's reservations, newest first.
    pub async fn for_user(&self, user: UserId) -> Result<Vec<Reservation>, sqlx::Error> {
        let sql = format!(
            "SELECT {COLUMNS} FROM reservations WHERE user_id = $1 ORDER BY created_at DESC, id DESC"
        );
        let rows = on_db!(&self.db, pool => sqlx::query_as::<_, ReservationRow>(&sql).bind(user.to_string()).fetch_all(pool).await)?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// Holds past their time, optionally in one slot, oldest first.
    pub async fn lapsed_holds(
        &self,
        slot: Option<SlotId>,
        now: Timestamp,
        limit: i64,
    ) -> Result<Vec<Reservation>, sqlx::Error> {
        let sql = format!(
            "SELECT {COLUMNS} FROM reservations WHERE status = 'held' AND hold_expires_at <= $1 \
             AND ($2 IS NULL OR slot_id = $2) ORDER BY hold_expires_at LIMIT $3"
        );
        let rows = on_db!(&self.db, pool => sqlx::query_as::<_, ReservationRow>(&sql)
            .bind(now.as_millis())
            .bind(slot.map(|s| s.to_string()))
            .bind(limit)
            .fetch_all(pool)
            .await)?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// Moves a reservation from `from` to `to` if it is still in `from` (and, for a hold being
    /// confirmed, not lapsed), with its places and the person's count, and writes `event`.
    /// Answers whether it moved.
    #[instrument(skip_all)]
    pub async fn transition(
        &self,
        r: &Reservation,
        from: ReservationStatus,
        to: ReservationStatus,
        event: &DomainEvent,
        now: Timestamp,
    ) -> Result<bool, sqlx::Error> {
        use ReservationStatus as S;
        let moved = in_write_tx!(&self.db, tx => {
            let moved = sqlx::query(
                "UPDATE reservations SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4 \
                 AND ($5 = 0 OR hold_expires_at > $2)",
            )
            .bind(to.as_str())
            .bind(now.as_millis())
            .bind(r.id.to_string())
            .bind(from.as_str())
            .bind(i64::from(from == S::Held && to == S::Confirmed))
            .execute(&mut *tx)
            .await?
            .rows_affected()
                == 1;
            if moved {
                if from.takes_places() && !to.takes_places() {
                    sqlx::query("UPDATE drop_participants SET active = active - 1 WHERE drop_id = $1 AND user_id = $2")
                        .bind(r.drop_id.to_string())
                        .bind(r.user_id.to_string())
                        .execute(&mut *tx)
                        .await?;
                }
                match (from, to) {
                    (S::Held, S::Confirmed) => confirm_held_places(&mut *tx, r.slot_id, r.units).await?,
                    (S::Held, _) => remove_places(&mut *tx, r.slot_id, r.units, Places::Held).await?,
                    (S::Confirmed, S::Cancelled | S::NoShow) => remove_places(&mut *tx, r.slot_id, r.units, Places::Confirmed).await?,
                    _ => {}
                }
                append_event(&mut *tx, event, now).await?;
            }
            moved
        });
        Ok(moved)
    }
}

/// Counts one more active booking for the reservation's person in its drop, if that stays
/// within `limit`; answers whether it did.
pub(super) async fn count_person(
    tx: impl Into<Tx<'_>>,
    r: &Reservation,
    limit: u16,
) -> Result<bool, sqlx::Error> {
    let (drop, user) = (r.drop_id.to_string(), r.user_id.to_string());
    let counted = tx
        .into()
        .execute(
            "INSERT INTO drop_participants (drop_id, user_id, active) VALUES ($1, $2, 1) \
             ON CONFLICT (drop_id, user_id) DO UPDATE SET active = drop_participants.active + 1 \
             WHERE drop_participants.active < $3",
            &[
                Value::Text(&drop),
                Value::Text(&user),
                Value::Integer(i64::from(limit)),
            ],
        )
        .await?;
    Ok(counted == 1)
}

/// Inserts the reservation row inside the caller's open write transaction.
pub(super) async fn insert_reservation(
    tx: impl Into<Tx<'_>>,
    r: &Reservation,
    idempotency_key: Option<&str>,
    slot_ends_at: Timestamp,
    now: Timestamp,
) -> Result<(), sqlx::Error> {
    let (id, drop_id) = (r.id.to_string(), r.drop_id.to_string());
    let (slot, user) = (r.slot_id.to_string(), r.user_id.to_string());
    tx.into()
        .execute(
            "INSERT INTO reservations (id, drop_id, slot_id, user_id, units, status, hold_expires_at, idempotency_key, created_at, updated_at, slot_ends_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)",
            &[
                Value::Text(&id),
                Value::Text(&drop_id),
                Value::Text(&slot),
                Value::Text(&user),
                Value::Integer(i64::from(r.units)),
                Value::Text(r.status.as_str()),
                r.hold_expires_at.map_or(Value::Null, |at| Value::Integer(at.as_millis())),
                idempotency_key.map_or(Value::Null, Value::Text),
                Value::Integer(now.as_millis()),
                Value::Integer(slot_ends_at.as_millis()),
            ],
        )
        .await
        .map(drop)
}
