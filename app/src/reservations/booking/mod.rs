//! The booking engine, behind one call: `Booker::book` takes an attempt the service has
//! authorised and answers the reservation or the refusal. Everything between is here, in this
//! order:
//!
//! 1. the sold-out memo (`memo`) refuses what the last write found full, without the database;
//! 2. otherwise the service prepares the booking (terms, access code) and the group writers
//!    (`group_commit`, one engine's statements in `postgres` / `sqlite`) write it with the others
//!    queued, decided by `rules::booking::decide`;
//! 3. a slot found full whose holds have lapsed is released (`release_lapsed_holds`) and tried
//!    once more;
//! 4. what the write found renews or clears the memo;
//! 5. a refusal that carries an idempotency key is answered with the booking that key made, if
//!    any (`replays`): a retry of a booking that went through gets it back.
//!
//! Places, the person's limit and the key are only ever decided by the write.

mod group;
mod group_commit;
mod key_reads;
mod memo;
mod postgres;
mod replays;
mod sqlite;

use super::{
    error::ReservationError,
    model::{IdempotencyKey, Reservation},
    rules::{
        ReservationEvent,
        booking::{BookOutcome, NewBooking},
        next,
    },
    storage::{ReservationStorage, facts},
};
use crate::{
    db::Db, drops::model::SlotId, events::DomainEvent, identity::model::UserId, time::Timestamp,
};
use group_commit::GroupCommit;
use memo::{SoldOutSlots, Verdict};
use replays::Replays;
use std::time::Instant;

#[derive(Clone)]
pub(super) struct Booker {
    storage: ReservationStorage,
    writers: GroupCommit,
    replays: Replays,
    memo: SoldOutSlots,
}

impl Booker {
    pub fn new(db: Db) -> Self {
        Self {
            storage: ReservationStorage::new(db.clone()),
            writers: GroupCommit::new(db.clone()),
            replays: Replays::new(db),
            memo: SoldOutSlots::default(),
        }
    }

    /// Books for `user` in `slot`: `prepare` reads the terms and builds the booking, and is only
    /// called when the memo does not refuse at once.
    pub async fn book(
        &self,
        user: UserId,
        slot: SlotId,
        key: Option<&IdempotencyKey>,
        prepare: impl AsyncFnOnce() -> Result<NewBooking, ReservationError>,
    ) -> Result<Reservation, ReservationError> {
        let attempt = match self.memo.verdict(slot, user, Instant::now()) {
            Verdict::Refuse => return Err(ReservationError::Full),
            Verdict::RefuseUnlessRetry => Err(ReservationError::Full),
            Verdict::Check => match prepare().await {
                Ok(booking) => self.write(booking).await,
                Err(refusal) => Err(refusal),
            },
        };
        // The write looks the key up itself, so only a refusal needs to: a retry of a booking
        // that went through must get it back, even once the slot is sold out or the drop closed.
        match (attempt, key) {
            (Err(refusal), Some(key)) => match self.replays.find(user, key.as_str()).await? {
                Some(first) => Ok(first),
                None => Err(refusal),
            },
            (outcome, _) => outcome,
        }
    }

    async fn write(&self, booking: NewBooking) -> Result<Reservation, ReservationError> {
        let (slot, units, limit) = {
            let r = &booking.reservation;
            (r.slot_id, r.units, booking.per_person_limit)
        };
        let mut outcome = self.write_once(&booking).await?;
        // Lapsed holds still count in the ledger until released: release this slot's and try
        // once more.
        if matches!(outcome, BookOutcome::Full)
            && self.release_lapsed_holds(Some(slot), booking.now).await? > 0
        {
            outcome = self.write_once(&booking).await?;
        }
        // What the write found settles the memo: sold out (as far as one place goes), or not.
        if matches!(outcome, BookOutcome::Full) && units == 1 {
            self.remember_sold_out(slot).await;
        } else {
            self.memo.changed(slot, Instant::now());
        }
        match outcome {
            BookOutcome::Booked => Ok(booking.reservation),
            BookOutcome::Replayed(first) => Ok(first),
            BookOutcome::Full => Err(ReservationError::Full),
            BookOutcome::LimitReached => Err(ReservationError::LimitReached(limit)),
            BookOutcome::CodeRefused => Err(ReservationError::AccessCode),
        }
    }

    /// One write; a concurrent retry with the same key that committed first wins, and this one
    /// answers with it.
    async fn write_once(&self, booking: &NewBooking) -> Result<BookOutcome, ReservationError> {
        match (
            self.writers.write(booking.clone()).await,
            &booking.idempotency_key,
        ) {
            (Err(sqlx::Error::Database(e)), Some(key)) if e.is_unique_violation() => {
                let first = self
                    .replays
                    .find(booking.reservation.user_id, key)
                    .await?
                    .ok_or(ReservationError::NotFound)?;
                Ok(BookOutcome::Replayed(first))
            }
            (other, _) => Ok(other?),
        }
    }

    /// Remembers a slot the write found sold out. Where this process writes every booking
    /// (SQLite), it also remembers who booked there with a key, so that everyone else is refused
    /// without reading their key. Only a shortcut: if that read fails, the refusal stands and
    /// the next one tries again.
    async fn remember_sold_out(&self, slot: SlotId) {
        let Some(seen) = self.memo.start_remembering(slot, Instant::now()) else {
            return;
        };
        let keyed_bookers = if self.replays.writes_every_booking() {
            match self.replays.keyed_bookers(slot).await {
                Ok(bookers) => Some(bookers),
                Err(error) => {
                    tracing::warn!(%error, "cannot read a sold-out slot's bookers");
                    self.memo.abandon(slot);
                    return;
                }
            }
        } else {
            None
        };
        self.memo
            .remember(slot, seen, Instant::now(), keyed_bookers);
    }

    /// Lets lapsed holds go (all, or one slot's), giving their places back; answers how many.
    /// Safe on every instance at once: each release is a conditional update.
    pub async fn release_lapsed_holds(
        &self,
        slot: Option<SlotId>,
        now: Timestamp,
    ) -> Result<usize, ReservationError> {
        let mut released = 0;
        for hold in self.storage.lapsed_holds(slot, now, 500).await? {
            let to = next(hold.status, ReservationEvent::Expire)?;
            let event = DomainEvent::ReservationExpired(facts(&hold));
            if self
                .storage
                .transition(&hold, hold.status, to, &event, now)
                .await?
            {
                self.places_freed(hold.slot_id);
                released += 1;
            }
        }
        Ok(released)
    }

    /// Places were freed in `slot` on this process: the memo forgets it was sold out.
    pub fn places_freed(&self, slot: SlotId) {
        self.memo.changed(slot, Instant::now());
    }
}
