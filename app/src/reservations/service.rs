//! The only way into the Reservations context: book (through the booking engine, `booking`),
//! confirm after payment, cancel, and let lapsed holds go. The door, tickets and the waitlist
//! add their own `impl ReservationService` in their folders.

use super::{
    booking::Booker,
    error::ReservationError,
    model::{BookingRequest, Reservation, ReservationId},
    rules::{
        IllegalReservationMove, ReservationEvent, ReservationStatus, booking::NewBooking, next,
    },
    storage::{ReservationStorage, facts},
};
use crate::{
    db::Db,
    drops::{
        model::{AccessCode, Drop, DropId, DropStatus, Eligibility, Slot, SlotId},
        rules::slot_bookable,
        service::DropService,
    },
    events::DomainEvent,
    identity::{
        model::{Principal, UserId},
        service::IdentityService,
    },
    memo::TimedMemo,
    stores::service::StoreService,
    time::Timestamp,
};
use std::{
    collections::HashSet,
    sync::{Arc, OnceLock},
    time::{Duration, Instant},
};
use tracing::instrument;

/// Joining or leaving a line on this instance forgets it at once; on another, within this.
const WAITING_MEMO: Duration = Duration::from_secs(1);
/// Longer than a shared page copy lives, so a person's next look shows what they just did.
const ACTED_MEMO: Duration = Duration::from_secs(3);
const REMEMBERED_ACTS: usize = 100_000;
/// Wrong access codes a person may try in a drop before waiting `WRONG_CODE_PAUSE` (counted per
/// instance; codes made by DropSlot are long enough that guessing is hopeless anyway).
const WRONG_CODES_ALLOWED: u32 = 5;
const WRONG_CODE_PAUSE: Duration = Duration::from_secs(15 * 60);

/// Limits from configuration.
#[derive(Debug, Clone, Copy)]
pub struct ReservationSettings {
    /// How long before a slot starts and after it ends the door still lets a ticket in (after
    /// that, a confirmed reservation not checked in is a no-show).
    pub check_in_grace_minutes: u32,
    /// How long a check-in can be taken back.
    pub check_in_undo_minutes: u32,
    /// How long places offered to the next in a waitlist are held for them.
    pub waitlist_offer_minutes: u32,
}

impl Default for ReservationSettings {
    fn default() -> Self {
        Self {
            check_in_grace_minutes: 30,
            check_in_undo_minutes: 5,
            waitlist_offer_minutes: 15,
        }
    }
}

#[derive(Clone)]
pub struct ReservationService {
    pub(super) storage: ReservationStorage,
    pub(super) booker: Booker,
    pub(super) drops: DropService,
    pub(super) stores: StoreService,
    pub(super) identity: IdentityService,
    pub(super) settings: ReservationSettings,
    /// Who waits in each drop's lines, as read a moment ago (see `has_own_view`).
    pub(super) waiting: TimedMemo<DropId, Arc<HashSet<UserId>>>,
    /// Who just booked, cancelled, joined or left a line in a drop here (see `has_own_view`).
    pub(super) acted: TimedMemo<(UserId, DropId), ()>,
    /// Wrong access codes per person and drop, forgotten `WRONG_CODE_PAUSE` after the last.
    wrong_codes: TimedMemo<(UserId, DropId), u32>,
}

pub(super) fn user_of(principal: &Principal) -> Result<UserId, ReservationError> {
    match principal {
        Principal::User { id, .. } => Ok(*id),
        _ => Err(ReservationError::Unauthenticated),
    }
}

/// Whether `booker` may ask for `units` places in `slot` now: the drop open, the booker's email
/// confirmed if the drop asks for it, the slot before its cutoff, the units within the rule.
pub(super) fn check_bookable(
    drop: &Drop,
    slot: &Slot,
    units: u16,
    booker: &Principal,
    now: Timestamp,
) -> Result<(), ReservationError> {
    if drop.status != DropStatus::Open {
        return Err(ReservationError::NotOpen);
    }
    if drop.rules.verified_email_required && !booker.email_verified() {
        return Err(ReservationError::EmailNotVerified);
    }
    if !slot_bookable(slot.starts_at, drop.rules.booking_cutoff_minutes, now) {
        return Err(ReservationError::SlotClosed);
    }
    let max_units = drop.rules.units_per_reservation;
    if units == 0 || units > max_units {
        return Err(ReservationError::Units(max_units));
    }
    Ok(())
}

impl ReservationService {
    pub fn new(
        db: Db,
        drops: DropService,
        stores: StoreService,
        identity: IdentityService,
        settings: ReservationSettings,
    ) -> Self {
        Self {
            storage: ReservationStorage::new(db.clone()),
            booker: Booker::new(db),
            drops,
            stores,
            identity,
            settings,
            waiting: TimedMemo::new(WAITING_MEMO),
            acted: TimedMemo::bounded(ACTED_MEMO, REMEMBERED_ACTS),
            wrong_codes: TimedMemo::bounded(WRONG_CODE_PAUSE, REMEMBERED_ACTS),
        }
    }

    /// Books places in a slot: held for the drop's hold time when a deposit is due, confirmed at
    /// once otherwise. A retry with the same idempotency key answers the first booking.
    #[instrument(skip_all, fields(slot.id = %request.slot_id))]
    pub async fn book(
        &self,
        principal: &Principal,
        request: &BookingRequest,
    ) -> Result<Reservation, ReservationError> {
        let user = user_of(principal)?;
        let key = request
            .idempotency_key
            .as_ref()
            .filter(|_| !request.key_is_new);
        // The drop whose code was counted as a wrong try before it was checked, if one was.
        let code_counted = OnceLock::new();
        let booked = self
            .booker
            .book(user, request.slot_id, key, async || {
                self.prepare(principal, user, request, &code_counted).await
            })
            .await;
        // A counted code that was not refused is forgiven; only a counted one.
        if let Some(drop) = code_counted.get()
            && !matches!(
                booked,
                Err(ReservationError::AccessCode | ReservationError::TooManyWrongCodes(_))
            )
        {
            self.forgive_code_try(user, *drop);
        }
        let booked = booked?;
        self.acted_on(user, booked.drop_id);
        Ok(booked)
    }

    /// Remembers that `user` just changed something of theirs in `drop`.
    pub(super) fn acted_on(&self, user: UserId, drop: DropId) {
        self.acted.put((user, drop), Instant::now(), ());
    }

    /// Whether `user`'s page of `drop` shows something of their own: their places in one of its
    /// lines (as read at most a moment ago), or what they just did here (a booking, a
    /// cancellation, a line joined or left), which a page shared by shoppers a moment ago does
    /// not show yet. Another instance learns it within a moment.
    pub async fn has_own_view(&self, user: UserId, drop: DropId) -> Result<bool, ReservationError> {
        if self.acted.get(&(user, drop), Instant::now()).is_some() {
            return Ok(true);
        }
        self.waits_in(user, drop).await
    }

    /// The booking to write, under the slot's terms: refused at once when they surely refuse it
    /// (the drop closed, the slot past its cutoff, too many units, no valid access code).
    /// `code_counted` learns the drop when an access code was counted as a try.
    pub(super) async fn prepare(
        &self,
        principal: &Principal,
        user: UserId,
        request: &BookingRequest,
        code_counted: &OnceLock<DropId>,
    ) -> Result<NewBooking, ReservationError> {
        let now = Timestamp::now();
        // The terms may be a second old: the write checks places, the person's limit and the
        // key again from the database.
        let (drop, slot) = self.drops.booking_terms(request.slot_id, now).await?;
        check_bookable(&drop, &slot, request.units.get(), principal, now)?;
        if drop.rules.eligibility == Eligibility::AccessCode {
            let _ = code_counted.set(drop.id);
        }
        let access_code = self.code_to_try(user, &drop, request.access_code.as_deref())?;
        let (status, hold_expires_at) = match drop.rules.deposit {
            Some(_) => (
                ReservationStatus::Held,
                Some(Timestamp::from_millis(
                    now.as_millis() + i64::from(drop.rules.hold_seconds) * 1000,
                )),
            ),
            None => (ReservationStatus::Confirmed, None),
        };
        Ok(NewBooking {
            reservation: Reservation {
                id: ReservationId::generate(),
                drop_id: drop.id,
                slot_id: slot.id,
                user_id: user,
                units: request.units.get(),
                status,
                hold_expires_at,
                ticket_version: 1,
                created_at: now,
            },
            slot_ends_at: slot.ends_at,
            idempotency_key: request
                .idempotency_key
                .as_ref()
                .map(|k| k.as_str().to_owned()),
            per_person_limit: drop.rules.reservations_per_person,
            access_code,
            now,
        })
    }

    /// The access code an early-access drop asks for, to be used by the booking's write (only
    /// if it is written). Each code is counted as a wrong try before it is checked, so that
    /// parallel guesses cannot all pass the count; the caller forgives one that was right.
    /// Refused at once when it cannot be a code, or when this person has already tried too many
    /// in this drop.
    pub(super) fn code_to_try(
        &self,
        user: UserId,
        drop: &Drop,
        code: Option<&str>,
    ) -> Result<Option<String>, ReservationError> {
        if drop.rules.eligibility != Eligibility::AccessCode {
            return Ok(None);
        }
        let (key, now) = ((user, drop.id), Instant::now());
        // Past the allowance the count is left alone: the pause runs from the last wrong try
        // that was checked, not from each refused one.
        let paused = self
            .wrong_codes
            .get(&key, now)
            .is_some_and(|tries| tries >= WRONG_CODES_ALLOWED);
        let tries = if paused {
            WRONG_CODES_ALLOWED + 1
        } else {
            self.wrong_codes
                .update(key, now, |tries| Some(tries.unwrap_or(0) + 1))
                .unwrap_or(0)
        };
        if tries > WRONG_CODES_ALLOWED {
            return Err(ReservationError::TooManyWrongCodes(
                WRONG_CODE_PAUSE.as_secs().div_ceil(60) as u32,
            ));
        }
        match code.map(AccessCode::parse) {
            Some(Ok(code)) => Ok(Some(code.as_str().to_owned())),
            _ => Err(ReservationError::AccessCode),
        }
    }

    /// Takes back the try `code_to_try` counted for a code that turned out right.
    fn forgive_code_try(&self, user: UserId, drop: DropId) {
        self.wrong_codes
            .update((user, drop), Instant::now(), |tries| {
                tries.map(|tries| tries.saturating_sub(1))
            });
    }

    /// Checks that a code is the drop's and has uses left, before joining a line; answers the
    /// code to use once the place in line is taken (`use_access_code`).
    pub(super) async fn check_access(
        &self,
        user: UserId,
        drop: &Drop,
        code: Option<&str>,
    ) -> Result<Option<AccessCode>, ReservationError> {
        let Some(code) = self.code_to_try(user, drop, code)? else {
            return Ok(None);
        };
        let code = match AccessCode::parse(&code) {
            Ok(code) if self.drops.access_code_has_uses(drop.id, &code).await? => code,
            _ => return Err(ReservationError::AccessCode),
        };
        self.forgive_code_try(user, drop.id);
        Ok(Some(code))
    }

    pub(super) async fn move_to(
        &self,
        reservation: &Reservation,
        event: ReservationEvent,
        now: Timestamp,
    ) -> Result<Reservation, ReservationError> {
        let to = next(reservation.status, event)?;
        let facts = facts(reservation);
        let domain_event = match to {
            ReservationStatus::Confirmed => DomainEvent::ReservationConfirmed(facts),
            ReservationStatus::Expired => DomainEvent::ReservationExpired(facts),
            ReservationStatus::NoShow => DomainEvent::NoShow(facts),
            _ => DomainEvent::ReservationCancelled(facts),
        };
        if !self
            .storage
            .transition(reservation, reservation.status, to, &domain_event, now)
            .await?
        {
            let current = self
                .storage
                .find(reservation.id)
                .await?
                .ok_or(ReservationError::NotFound)?;
            return Err(IllegalReservationMove {
                from: current.status,
                event,
            }
            .into());
        }
        if reservation.status.takes_places() && !to.takes_places() {
            self.booker.places_freed(reservation.slot_id);
        }
        Ok(Reservation {
            status: to,
            hold_expires_at: None,
            ..reservation.clone()
        })
    }

    pub(super) async fn found(&self, id: ReservationId) -> Result<Reservation, ReservationError> {
        self.storage
            .find(id)
            .await?
            .ok_or(ReservationError::NotFound)
    }

    /// The payment seam: confirms a hold once its deposit is paid (refused once it lapsed).
    pub async fn confirm_paid(&self, id: ReservationId) -> Result<Reservation, ReservationError> {
        let reservation = self.found(id).await?;
        self.confirm_hold(&reservation, Timestamp::now()).await
    }

    /// The person takes places held for them (a waitlist offer): confirmed at once when the
    /// drop asks no deposit; with a deposit, paying it confirms them.
    pub async fn accept(
        &self,
        principal: &Principal,
        id: ReservationId,
    ) -> Result<Reservation, ReservationError> {
        let reservation = self.get(principal, id).await?;
        let now = Timestamp::now();
        let (drop, _) = self.drops.slot_with_drop(reservation.slot_id, now).await?;
        if reservation.status == ReservationStatus::Held
            && let Some(deposit) = drop.rules.deposit
        {
            return Err(ReservationError::DepositDue(deposit));
        }
        let confirmed = self.confirm_hold(&reservation, now).await?;
        self.acted_on(confirmed.user_id, confirmed.drop_id);
        Ok(confirmed)
    }

    pub(super) async fn confirm_hold(
        &self,
        reservation: &Reservation,
        now: Timestamp,
    ) -> Result<Reservation, ReservationError> {
        if reservation.status == ReservationStatus::Held
            && reservation.hold_expires_at.is_some_and(|at| at <= now)
        {
            return Err(ReservationError::HoldLapsed);
        }
        self.move_to(reservation, ReservationEvent::Confirm, now)
            .await
    }

    /// Cancels: the person who booked, until the drop's cancellation window; the store's owners
    /// at any time.
    pub async fn cancel(
        &self,
        principal: &Principal,
        id: ReservationId,
    ) -> Result<Reservation, ReservationError> {
        let user = user_of(principal)?;
        let reservation = self.found(id).await?;
        let now = Timestamp::now();
        let (drop, slot) = self.drops.slot_with_drop(reservation.slot_id, now).await?;
        let owner = self
            .stores
            .require_owner(principal, drop.store_id)
            .await
            .is_ok();
        if !owner {
            if reservation.user_id != user {
                return Err(ReservationError::NotFound);
            }
            let window = drop.rules.cancellation_window_minutes;
            if now.as_millis() + i64::from(window) * 60_000 > slot.starts_at.as_millis() {
                return Err(ReservationError::TooLateToCancel(window));
            }
        }
        let cancelled = self
            .move_to(&reservation, ReservationEvent::Cancel, now)
            .await?;
        self.acted_on(cancelled.user_id, cancelled.drop_id);
        Ok(cancelled)
    }

    pub async fn get(
        &self,
        principal: &Principal,
        id: ReservationId,
    ) -> Result<Reservation, ReservationError> {
        let user = user_of(principal)?;
        let reservation = self.found(id).await?;
        if reservation.user_id != user {
            return Err(ReservationError::NotFound);
        }
        Ok(reservation)
    }

    /// The signed-in person's reservations, newest first.
    pub async fn mine(&self, principal: &Principal) -> Result<Vec<Reservation>, ReservationError> {
        Ok(self.storage.for_user(user_of(principal)?).await?)
    }

    /// Lets lapsed holds go (all, or one slot's), giving their places back; answers how many.
    /// Safe on every instance at once: each release is a conditional update.
    pub async fn expire_holds(
        &self,
        slot: Option<SlotId>,
        now: Timestamp,
    ) -> Result<usize, ReservationError> {
        self.booker.release_lapsed_holds(slot, now).await
    }
}
