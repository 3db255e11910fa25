//! Waitlist rows on both engines. Joining, leaving and offering are each one write transaction
//! with the slot's `waitlisted` count and the events; an offer also writes the hold, the
//! person's count and the places, so it commits whole or not at all.

use super::model::{WaitlistEntry, WaitlistEntryId, WaitlistStatus};
use crate::{
    drops::model::{DropId, SlotId},
    events::{DomainEvent, WaitlistFacts, outbox::append_event},
    identity::model::UserId,
    in_write_tx, on_db,
    reservations::{
        model::Reservation,
        storage::{
            COLUMNS, ReservationRow, ReservationStorage, count_person, facts, insert_reservation,
            ledger::{Places, add_places, hold_places_for_the_line, remove_places},
        },
    },
    time::Timestamp,
};
use tracing::instrument;

const ENTRY_COLUMNS: &str = "id, drop_id, slot_id, user_id, units, status, joined_at";

/// A waitlist entry with the person it belongs to.
#[derive(Debug, Clone)]
pub(in crate::reservations) struct LineEntry {
    pub entry: WaitlistEntry,
    pub user_id: UserId,
}

impl LineEntry {
    pub fn facts(&self) -> WaitlistFacts {
        WaitlistFacts {
            entry_id: self.entry.id,
            drop_id: self.entry.drop_id,
            slot_id: self.entry.slot_id,
            user_id: self.user_id,
            units: self.entry.units,
        }
    }
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    id: String,
    drop_id: String,
    slot_id: String,
    user_id: String,
    units: i64,
    status: String,
    joined_at: i64,
}

impl TryFrom<EntryRow> for LineEntry {
    type Error = sqlx::Error;
    fn try_from(row: EntryRow) -> Result<Self, Self::Error> {
        let bad = |what: &str| {
            sqlx::Error::Decode(format!("waitlist_entries row {}: bad {what}", row.id).into())
        };
        Ok(LineEntry {
            entry: WaitlistEntry {
                id: row.id.parse().map_err(|_| bad("id"))?,
                drop_id: row.drop_id.parse().map_err(|_| bad("drop_id"))?,
                slot_id: row.slot_id.parse().map_err(|_| bad("slot_id"))?,
                units: u16::try_from(row.units).map_err(|_| bad("units"))?,
                status: WaitlistStatus::parse(&row.status).ok_or_else(|| bad("status"))?,
                joined_at: Timestamp::from_millis(row.joined_at),
                position: None,
            },
            user_id: row.user_id.parse().map_err(|_| bad("user_id"))?,
        })
    }
}

/// What offering freed places to someone in line came to.
#[derive(Debug, PartialEq, Eq)]
pub(in crate::reservations) enum OfferOutcome {
    Offered,
    /// The entry left the line meanwhile (or another instance offered first).
    Gone,
    /// The places were taken meanwhile.
    NoRoom,
    /// The person already has as many bookings as the drop allows.
    OverLimit,
}

impl ReservationStorage {
    /// Puts a person in a slot's line. A second entry for the same person and slot while the
    /// first waits is refused by a unique index (a unique-violation error).
    #[instrument(skip_all)]
    pub async fn join_line(&self, line: &LineEntry, now: Timestamp) -> Result<(), sqlx::Error> {
        let e = &line.entry;
        let event = DomainEvent::WaitlistJoined(line.facts());
        in_write_tx!(&self.db, tx => {
            sqlx::query(
                "INSERT INTO waitlist_entries (id, drop_id, slot_id, user_id, units, status, joined_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, 'waiting', $6, $6)",
            )
            .bind(e.id.to_string())
            .bind(e.drop_id.to_string())
            .bind(e.slot_id.to_string())
            .bind(line.user_id.to_string())
            .bind(i64::from(e.units))
            .bind(now.as_millis())
            .execute(&mut *tx)
            .await?;
            add_places(&mut *tx, e.slot_id, e.units, Places::Waitlisted).await?;
            append_event(&mut *tx, &event, now).await?;
        });
        Ok(())
    }

    /// Takes a waiting entry out of line (`Left` by its person, or `Void`); answers the entry
    /// if it was still waiting (and, given `user`, is that person's).
    #[instrument(skip_all)]
    pub async fn leave_line(
        &self,
        id: WaitlistEntryId,
        user: Option<UserId>,
        to: WaitlistStatus,
        now: Timestamp,
    ) -> Result<Option<LineEntry>, sqlx::Error> {
        let sql = format!(
            "UPDATE waitlist_entries SET status = $1, updated_at = $2 \
             WHERE id = $3 AND status = 'waiting' AND ($4 IS NULL OR user_id = $4) RETURNING {ENTRY_COLUMNS}"
        );
        let left = in_write_tx!(&self.db, tx => {
            let row = sqlx::query_as::<_, EntryRow>(&sql)
                .bind(to.as_str())
                .bind(now.as_millis())
                .bind(id.to_string())
                .bind(user.map(|u| u.to_string()))
                .fetch_optional(&mut *tx)
                .await?;
            match row {
                Some(row) => {
                    let line = LineEntry::try_from(row)?;
                    remove_places(&mut *tx, line.entry.slot_id, line.entry.units, Places::Waitlisted).await?;
                    append_event(&mut *tx, &DomainEvent::WaitlistLeft(line.facts()), now).await?;
                    Some(line)
                }
                None => None,
            }
        });
        Ok(left)
    }

    /// Offers freed places to someone in line: the entry moves to offered, the places are held
    /// for them as `hold` (past the line, which they are at the head of), counted against the
    /// drop's limit, with the events. Nothing is written unless all of it is.
    #[instrument(skip_all)]
    pub async fn offer(
        &self,
        line: &LineEntry,
        hold: &Reservation,
        slot_ends_at: Timestamp,
        per_person_limit: u16,
        now: Timestamp,
    ) -> Result<OfferOutcome, sqlx::Error> {
        let e = &line.entry;
        let events = [
            DomainEvent::ReservationHeld(facts(hold)),
            DomainEvent::WaitlistOffered {
                entry: line.facts(),
                reservation_id: hold.id,
                expires_at: hold.hold_expires_at.unwrap_or(now),
            },
        ];
        let outcome = in_write_tx!(&self.db, tx => {
            let taken = sqlx::query(
                "UPDATE waitlist_entries SET status = 'offered', reservation_id = $1, updated_at = $2 \
                 WHERE id = $3 AND status = 'waiting'",
            )
            .bind(hold.id.to_string())
            .bind(now.as_millis())
            .bind(e.id.to_string())
            .execute(&mut *tx)
            .await?
            .rows_affected()
                == 1;
            if !taken {
                return Ok(OfferOutcome::Gone);
            }
            // The ledger's lock order: the person before the slot.
            if !count_person(&mut *tx, &hold, per_person_limit).await? {
                return Ok(OfferOutcome::OverLimit);
            }
            remove_places(&mut *tx, e.slot_id, e.units, Places::Waitlisted).await?;
            if !hold_places_for_the_line(&mut *tx, e.slot_id, e.units).await? {
                return Ok(OfferOutcome::NoRoom);
            }
            insert_reservation(&mut *tx, &hold, None, slot_ends_at, now).await?;
            for event in &events {
                append_event(&mut *tx, event, now).await?;
            }
            OfferOutcome::Offered
        });
        Ok(outcome)
    }

    /// A slot's line, first in line first.
    pub async fn line(&self, slot: SlotId, limit: i64) -> Result<Vec<LineEntry>, sqlx::Error> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM waitlist_entries WHERE slot_id = $1 AND status = 'waiting' \
             ORDER BY joined_at, id LIMIT $2"
        );
        let rows = on_db!(&self.db, pool => sqlx::query_as::<_, EntryRow>(&sql)
            .bind(slot.to_string())
            .bind(limit)
            .fetch_all(pool)
            .await)?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// Where a waiting entry stands: 1 for the first in line.
    pub async fn position(&self, entry: &WaitlistEntry) -> Result<u32, sqlx::Error> {
        let ahead: i64 = on_db!(&self.db, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM waitlist_entries WHERE slot_id = $1 AND status = 'waiting' \
             AND (joined_at < $2 OR (joined_at = $2 AND id < $3))",
        )
        .bind(entry.slot_id.to_string())
        .bind(entry.joined_at.as_millis())
        .bind(entry.id.to_string())
        .fetch_one(pool)
        .await)?;
        Ok(u32::try_from(ahead).unwrap_or(u32::MAX).saturating_add(1))
    }

    /// A person's waiting entries (in one drop, or all), oldest first.
    pub async fn waiting_for(
        &self,
        user: UserId,
        drop: Option<DropId>,
    ) -> Result<Vec<LineEntry>, sqlx::Error> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM waitlist_entries WHERE user_id = $1 AND status = 'waiting' \
             AND ($2 IS NULL OR drop_id = $2) ORDER BY joined_at, id"
        );
        let rows = on_db!(&self.db, pool => sqlx::query_as::<_, EntryRow>(&sql)
            .bind(user.to_string())
            .bind(drop.map(|d| d.to_string()))
            .fetch_all(pool)
            .await)?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// How many places offered to a person in a drop's lines lapsed untaken.
    pub async fn lapsed_offers(&self, drop: DropId, user: UserId) -> Result<u32, sqlx::Error> {
        let lapsed: i64 = on_db!(&self.db, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM waitlist_entries w JOIN reservations r ON r.id = w.reservation_id \
             WHERE w.drop_id = $1 AND w.user_id = $2 AND w.status = 'offered' AND r.status = 'expired'",
        )
        .bind(drop.to_string())
        .bind(user.to_string())
        .fetch_one(pool)
        .await)?;
        Ok(u32::try_from(lapsed).unwrap_or(u32::MAX))
    }

    /// Every waiting entry of a drop (to take them out of line when it is cancelled).
    pub async fn waiting_in_drop(&self, drop: DropId) -> Result<Vec<LineEntry>, sqlx::Error> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM waitlist_entries WHERE drop_id = $1 AND status = 'waiting'"
        );
        let rows = on_db!(&self.db, pool => sqlx::query_as::<_, EntryRow>(&sql)
            .bind(drop.to_string())
            .fetch_all(pool)
            .await)?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// A person's bookings that take places in a drop.
    pub async fn active_count(&self, drop: DropId, user: UserId) -> Result<u16, sqlx::Error> {
        let active: Option<i64> = on_db!(&self.db, pool => sqlx::query_scalar(
            "SELECT active FROM drop_participants WHERE drop_id = $1 AND user_id = $2",
        )
        .bind(drop.to_string())
        .bind(user.to_string())
        .fetch_optional(pool)
        .await)?;
        Ok(u16::try_from(active.unwrap_or(0)).unwrap_or(u16::MAX))
    }

    /// A drop's reservations that still take places (to cancel them with the drop).
    pub async fn active_in_drop(&self, drop: DropId) -> Result<Vec<Reservation>, sqlx::Error> {
        let sql = format!(
            "SELECT {COLUMNS} FROM reservations WHERE drop_id = $1 AND status IN ('held', 'confirmed')"
        );
        let rows = on_db!(&self.db, pool => sqlx::query_as::<_, ReservationRow>(&sql)
            .bind(drop.to_string())
            .fetch_all(pool)
            .await)?;
        rows.into_iter().map(TryInto::try_into).collect()
    }
}
