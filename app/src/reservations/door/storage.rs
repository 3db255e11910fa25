//! The door's rows: a slot's attendees, check-ins from scanners (with their device), a late
//! offline scan taking over from a later one, and the conflicts a device reads back.

use super::model::DeviceId;
use crate::{
    drops::model::{DropId, SlotId},
    events::{DomainEvent, outbox::append_event},
    identity::model::UserId,
    in_write_tx, on_db,
    reservations::{
        model::{Reservation, ReservationId},
        storage::{
            COLUMNS, ReservationRow, ReservationStorage, facts,
            ledger::{Places, add_places, remove_places},
        },
    },
    time::Timestamp,
};

/// Who let a ticket in, when, on which scanner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(in crate::reservations) struct CheckInRecord {
    pub at: Timestamp,
    pub by: String,
    pub device: Option<DeviceId>,
}

/// A scan that lost to an earlier scan of the same ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(in crate::reservations) struct ConflictRow {
    pub reservation_id: ReservationId,
    pub user_id: UserId,
    pub scanned_at: Timestamp,
    pub winner_by: String,
    pub winner_at: Timestamp,
}

impl ReservationStorage {
    /// Checks a confirmed reservation in, once: of concurrent scans exactly one changes the row.
    /// `at` is when the ticket was scanned (earlier than `now` for a scan synced late).
    pub async fn check_in(
        &self,
        r: &Reservation,
        version: u8,
        by: UserId,
        at: Timestamp,
        device: Option<DeviceId>,
        now: Timestamp,
    ) -> Result<bool, sqlx::Error> {
        let event = DomainEvent::CheckedIn {
            reservation: facts(r),
            by,
        };
        let done = in_write_tx!(&self.db, tx => {
            let done = sqlx::query(
                "UPDATE reservations SET status = 'checked_in', checked_in_at = $1, checked_in_by = $2, checked_in_device = $3, updated_at = $4 \
                 WHERE id = $5 AND status = 'confirmed' AND ticket_version = $6",
            )
            .bind(at.as_millis())
            .bind(by.to_string())
            .bind(device.map(|d| d.to_string()))
            .bind(now.as_millis())
            .bind(r.id.to_string())
            .bind(i64::from(version))
            .execute(&mut *tx)
            .await?
            .rows_affected()
                == 1;
            if done {
                add_places(&mut *tx, r.slot_id, r.units, Places::CheckedIn).await?;
                append_event(&mut *tx, &event, now).await?;
            }
            done
        });
        Ok(done)
    }

    /// When, by whom and on which scanner a reservation was checked in.
    pub async fn check_in_record(
        &self,
        id: ReservationId,
    ) -> Result<Option<CheckInRecord>, sqlx::Error> {
        let row: Option<(Option<i64>, Option<String>, Option<String>)> = on_db!(&self.db, pool => sqlx::query_as(
            "SELECT checked_in_at, checked_in_by, checked_in_device FROM reservations WHERE id = $1",
        )
        .bind(id.to_string())
        .fetch_optional(pool)
        .await)?;
        Ok(row.and_then(|(at, by, device)| {
            Some(CheckInRecord {
                at: Timestamp::from_millis(at?),
                by: by?,
                device: device.and_then(|d| d.parse().ok()),
            })
        }))
    }

    /// Gives a check-in to an earlier scan from another scanner, if the recorded one is still
    /// `current` and later than `at`; the scan that lost is kept as that scanner's conflict.
    /// Answers whether it took over.
    pub async fn take_over_check_in(
        &self,
        r: &Reservation,
        current: &CheckInRecord,
        by: UserId,
        at: Timestamp,
        device: DeviceId,
        now: Timestamp,
    ) -> Result<bool, sqlx::Error> {
        let Some(loser) = current.device.filter(|d| *d != device) else {
            return Ok(false);
        };
        if current.at <= at {
            return Ok(false);
        }
        let taken = in_write_tx!(&self.db, tx => {
            let taken = sqlx::query(
                "UPDATE reservations SET checked_in_at = $1, checked_in_by = $2, checked_in_device = $3, updated_at = $4 \
                 WHERE id = $5 AND status = 'checked_in' AND checked_in_at = $6 AND checked_in_device = $7",
            )
            .bind(at.as_millis())
            .bind(by.to_string())
            .bind(device.to_string())
            .bind(now.as_millis())
            .bind(r.id.to_string())
            .bind(current.at.as_millis())
            .bind(loser.to_string())
            .execute(&mut *tx)
            .await?
            .rows_affected()
                == 1;
            if taken {
                sqlx::query(
                    "INSERT INTO check_in_conflicts (id, drop_id, reservation_id, device_id, scanned_by, scanned_at, winner_by, winner_at, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(uuid::Uuid::now_v7().to_string())
                .bind(r.drop_id.to_string())
                .bind(r.id.to_string())
                .bind(loser.to_string())
                .bind(&current.by)
                .bind(current.at.as_millis())
                .bind(by.to_string())
                .bind(at.as_millis())
                .bind(now.as_millis())
                .execute(&mut *tx)
                .await?;
            }
            taken
        });
        Ok(taken)
    }

    /// The scans from `device` at `drop`'s door that lost to earlier ones, newest first.
    pub async fn conflicts(
        &self,
        device: DeviceId,
        drop: DropId,
    ) -> Result<Vec<ConflictRow>, sqlx::Error> {
        let rows: Vec<(String, String, i64, String, i64)> = on_db!(&self.db, pool => sqlx::query_as(
            "SELECT c.reservation_id, r.user_id, c.scanned_at, c.winner_by, c.winner_at \
             FROM check_in_conflicts c JOIN reservations r ON r.id = c.reservation_id \
             WHERE c.device_id = $1 AND c.drop_id = $2 ORDER BY c.created_at DESC LIMIT 100",
        )
        .bind(device.to_string())
        .bind(drop.to_string())
        .fetch_all(pool)
        .await)?;
        rows.into_iter()
            .map(|(id, user, scanned_at, winner_by, winner_at)| {
                let bad = || sqlx::Error::Decode("check_in_conflicts: bad id".into());
                Ok(ConflictRow {
                    reservation_id: id.parse().map_err(|_| bad())?,
                    user_id: user.parse().map_err(|_| bad())?,
                    scanned_at: Timestamp::from_millis(scanned_at),
                    winner_by,
                    winner_at: Timestamp::from_millis(winner_at),
                })
            })
            .collect()
    }

    /// A slot's reservations that come to the door (confirmed, checked in or no-show), with
    /// when each was checked in.
    pub async fn door_list(
        &self,
        slot: SlotId,
    ) -> Result<Vec<(Reservation, Option<Timestamp>)>, sqlx::Error> {
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            reservation: ReservationRow,
            checked_in_at: Option<i64>,
        }
        let sql = format!(
            "SELECT {COLUMNS}, checked_in_at FROM reservations \
             WHERE slot_id = $1 AND status IN ('confirmed', 'checked_in', 'no_show') ORDER BY created_at, id"
        );
        let rows = on_db!(&self.db, pool => sqlx::query_as::<_, Row>(&sql).bind(slot.to_string()).fetch_all(pool).await)?;
        rows.into_iter()
            .map(|row| {
                Ok((
                    row.reservation.try_into()?,
                    row.checked_in_at.map(Timestamp::from_millis),
                ))
            })
            .collect()
    }

    /// Takes a check-in back (a mistaken scan): the reservation is confirmed again.
    pub async fn undo_check_in(
        &self,
        r: &Reservation,
        now: Timestamp,
    ) -> Result<bool, sqlx::Error> {
        let event = DomainEvent::CheckInUndone(facts(r));
        let undone = in_write_tx!(&self.db, tx => {
            let undone = sqlx::query(
                "UPDATE reservations SET status = 'confirmed', checked_in_at = NULL, checked_in_by = NULL, checked_in_device = NULL, updated_at = $1 \
                 WHERE id = $2 AND status = 'checked_in'",
            )
            .bind(now.as_millis())
            .bind(r.id.to_string())
            .execute(&mut *tx)
            .await?
            .rows_affected()
                == 1;
            if undone {
                remove_places(&mut *tx, r.slot_id, r.units, Places::CheckedIn).await?;
                append_event(&mut *tx, &event, now).await?;
            }
            undone
        });
        Ok(undone)
    }

    /// Confirmed reservations whose slot ended at or before `cutoff`, oldest first.
    pub async fn unattended(
        &self,
        cutoff: Timestamp,
        limit: i64,
    ) -> Result<Vec<Reservation>, sqlx::Error> {
        let sql = format!(
            "SELECT {COLUMNS} FROM reservations WHERE status = 'confirmed' AND slot_ends_at <= $1 ORDER BY slot_ends_at LIMIT $2"
        );
        let rows = on_db!(&self.db, pool => sqlx::query_as::<_, ReservationRow>(&sql)
            .bind(cutoff.as_millis())
            .bind(limit)
            .fetch_all(pool)
            .await)?;
        rows.into_iter().map(TryInto::try_into).collect()
    }
}
