//! The waitlist through the Reservations service: join and leave a full slot's line, see where
//! one stands, and offer freed places to the line (held for the next in line for a limited time).

use super::{
    model::{Waiting, WaitlistEntry, WaitlistEntryId, WaitlistStatus, offers},
    storage::{LineEntry, OfferOutcome},
};
use crate::{
    db::is_unique_violation,
    drops::{
        model::{DropId, DropStatus, SlotId},
        rules::slot_bookable,
    },
    identity::model::{Principal, UserId},
    reservations::{
        error::ReservationError,
        model::{Reservation, ReservationId},
        rules::{ReservationEvent, ReservationStatus},
        service::{ReservationService, check_bookable, user_of},
    },
    time::Timestamp,
};
use std::{collections::HashSet, sync::Arc, time::Instant};
use tracing::instrument;

/// How much of a line one round of offers looks at.
const LINE_WINDOW: i64 = 200;
/// Rounds of offers per call, so a slot whose state keeps changing cannot keep a worker busy.
const MAX_ROUNDS: usize = 50;
/// Lines one person may wait in per drop: enough to be flexible about the time, too few to
/// stand in front of every slot's freed places.
pub const MAX_LINES_PER_DROP: usize = 3;
/// Offers a person may let lapse in a drop before their places in its lines are given up: each
/// lapsed offer kept freed places from everyone behind them for the offer's minutes.
const LAPSED_OFFERS_ALLOWED: u32 = 2;

impl ReservationService {
    /// Puts the person in a full slot's line for `units` places; answers the entry with its
    /// position. Refused while places are free (book them instead) or when the person already
    /// has as many bookings as the drop allows.
    #[instrument(skip_all, fields(slot.id = %slot_id))]
    pub async fn join_waitlist(
        &self,
        principal: &Principal,
        slot_id: SlotId,
        units: u16,
        access_code: Option<&str>,
    ) -> Result<WaitlistEntry, ReservationError> {
        let user = user_of(principal)?;
        let now = Timestamp::now();
        let (drop, slot, counts) = self.drops.slot_state(slot_id, now).await?;
        check_bookable(&drop, &slot, units, principal, now)?;
        if counts.open_places(slot.capacity) >= u32::from(units) {
            return Err(ReservationError::PlacesFree);
        }
        let limit = drop.rules.reservations_per_person;
        if self.storage.active_count(drop.id, user).await? >= limit {
            return Err(ReservationError::LimitReached(limit));
        }
        if self.storage.waiting_for(user, Some(drop.id)).await?.len() >= MAX_LINES_PER_DROP {
            return Err(ReservationError::TooManyLines(MAX_LINES_PER_DROP as u16));
        }
        if self.storage.lapsed_offers(drop.id, user).await? >= LAPSED_OFFERS_ALLOWED {
            return Err(ReservationError::OffersLapsed);
        }
        let code = self.check_access(user, &drop, access_code).await?;
        let line = LineEntry {
            entry: WaitlistEntry {
                id: WaitlistEntryId::generate(),
                drop_id: drop.id,
                slot_id,
                units,
                status: WaitlistStatus::Waiting,
                joined_at: now,
                position: None,
            },
            user_id: user,
        };
        match self.storage.join_line(&line, now).await {
            Err(e) if is_unique_violation(&e) => return Err(ReservationError::AlreadyWaiting),
            other => other?,
        }
        // Lines joined at the same moment all passed the count above; counted again with this
        // one in, a place past the cap is given up (racing joins may all give theirs up, never
        // keep too many).
        if self.storage.waiting_for(user, Some(drop.id)).await?.len() > MAX_LINES_PER_DROP {
            self.storage
                .leave_line(line.entry.id, Some(user), WaitlistStatus::Void, now)
                .await?;
            return Err(ReservationError::TooManyLines(MAX_LINES_PER_DROP as u16));
        }
        // A place in line takes one of the code's uses (an offer taken later takes none), so a
        // shared code cannot stand everyone in every line. Used up meanwhile: out of line again.
        if let Some(code) = code
            && !self.drops.use_access_code(drop.id, &code).await?
        {
            self.storage
                .leave_line(line.entry.id, Some(user), WaitlistStatus::Void, now)
                .await?;
            return Err(ReservationError::AccessCode);
        }
        self.waiting.forget(&drop.id);
        self.acted_on(user, drop.id);
        let position = self.storage.position(&line.entry).await?;
        Ok(WaitlistEntry {
            position: Some(position),
            ..line.entry
        })
    }

    /// Takes the person out of a line they wait in.
    pub async fn leave_waitlist(
        &self,
        principal: &Principal,
        id: WaitlistEntryId,
    ) -> Result<(), ReservationError> {
        let user = user_of(principal)?;
        let left = self
            .storage
            .leave_line(id, Some(user), WaitlistStatus::Left, Timestamp::now())
            .await?;
        let left = left.ok_or(ReservationError::NotFound)?;
        self.waiting.forget(&left.entry.drop_id);
        self.acted_on(user, left.entry.drop_id);
        Ok(())
    }

    /// Whether `user` waits in any of the drop's lines, as read at most a moment ago.
    pub(in crate::reservations) async fn waits_in(
        &self,
        user: UserId,
        drop: DropId,
    ) -> Result<bool, ReservationError> {
        let waiting = match self.waiting.get(&drop, Instant::now()) {
            Some(waiting) => waiting,
            None => {
                let lines = self.storage.waiting_in_drop(drop).await?;
                let waiting: Arc<HashSet<UserId>> =
                    Arc::new(lines.into_iter().map(|line| line.user_id).collect());
                self.waiting.put(drop, Instant::now(), waiting.clone());
                waiting
            }
        };
        Ok(waiting.contains(&user))
    }

    /// The lines the person waits in (in one drop, or all), with their positions.
    pub async fn my_waitlist(
        &self,
        principal: &Principal,
        drop: Option<DropId>,
    ) -> Result<Vec<WaitlistEntry>, ReservationError> {
        let user = user_of(principal)?;
        let mut entries = Vec::new();
        for line in self.storage.waiting_for(user, drop).await? {
            let position = self.storage.position(&line.entry).await?;
            entries.push(WaitlistEntry {
                position: Some(position),
                ..line.entry
            });
        }
        Ok(entries)
    }

    /// Offers a slot's free places to its line, in order, each offer a hold for
    /// `waitlist_offer_minutes`; answers how many offers were made. Safe on every instance at
    /// once: an entry is offered by one conditional update, the places by the slot's ledger.
    #[instrument(skip_all, fields(slot.id = %slot_id))]
    pub async fn promote(
        &self,
        slot_id: SlotId,
        now: Timestamp,
    ) -> Result<usize, ReservationError> {
        let offer_ms = i64::from(self.settings.waitlist_offer_minutes) * 60_000;
        let mut made = 0;
        for _ in 0..MAX_ROUNDS {
            let (drop, slot, counts) = self.drops.slot_state(slot_id, now).await?;
            if drop.status != DropStatus::Open
                || !slot_bookable(slot.starts_at, drop.rules.booking_cutoff_minutes, now)
            {
                break;
            }
            let free = slot.capacity.get().saturating_sub(counts.taken());
            let line = self.storage.line(slot_id, LINE_WINDOW).await?;
            let waiting: Vec<_> = line
                .iter()
                .enumerate()
                .map(|(id, l)| Waiting {
                    id,
                    units: l.entry.units,
                })
                .collect();
            let chosen = offers(free, &waiting);
            let mut progressed = false;
            for index in chosen {
                let entry = &line[index];
                if self.storage.lapsed_offers(drop.id, entry.user_id).await?
                    >= LAPSED_OFFERS_ALLOWED
                {
                    self.storage
                        .leave_line(entry.entry.id, None, WaitlistStatus::Void, now)
                        .await?;
                    progressed = true;
                    continue;
                }
                let hold = Reservation {
                    id: ReservationId::generate(),
                    drop_id: drop.id,
                    slot_id,
                    user_id: entry.user_id,
                    units: entry.entry.units,
                    status: ReservationStatus::Held,
                    hold_expires_at: Some(Timestamp::from_millis(now.as_millis() + offer_ms)),
                    ticket_version: 1,
                    created_at: now,
                };
                let limit = drop.rules.reservations_per_person;
                match self
                    .storage
                    .offer(entry, &hold, slot.ends_at, limit, now)
                    .await?
                {
                    OfferOutcome::Offered => made += 1,
                    OfferOutcome::OverLimit => {
                        self.storage
                            .leave_line(entry.entry.id, None, WaitlistStatus::Void, now)
                            .await?;
                    }
                    OfferOutcome::Gone => {}
                    // Someone took places meanwhile: look at the slot again.
                    OfferOutcome::NoRoom => break,
                }
                progressed = true;
            }
            if !progressed {
                break;
            }
        }
        Ok(made)
    }

    /// A cancelled drop lets everyone go: its reservations are cancelled (each with its event,
    /// so people are told) and its lines emptied. Safe to repeat.
    pub async fn release_cancelled_drop(&self, drop: DropId) -> Result<(), ReservationError> {
        let now = Timestamp::now();
        for reservation in self.storage.active_in_drop(drop).await? {
            match self
                .move_to(&reservation, ReservationEvent::Cancel, now)
                .await
            {
                // One that moved on meanwhile (checked in, lapsed) is settled either way.
                Ok(_) | Err(ReservationError::Illegal(_)) => {}
                Err(other) => return Err(other),
            }
        }
        for line in self.storage.waiting_in_drop(drop).await? {
            self.storage
                .leave_line(line.entry.id, None, WaitlistStatus::Void, now)
                .await?;
        }
        Ok(())
    }
}
