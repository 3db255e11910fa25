//! The only way into the Reservations context: book (hold, or confirm at once without a
//! deposit), confirm after payment, cancel, and let lapsed holds go; the waitlist is in
//! `waitlist`.

mod door;
mod waitlist;

use super::{
    door::model::DeviceId,
    model::{BookingRequest, CheckedIn, Reservation, ReservationId},
    rules::{
        DoorTiming, IllegalReservationMove, ReservationEvent, ReservationStatus, door_timing, next,
    },
    sold_out::{SoldOutSlots, Verdict},
    storage::{BookOutcome, CheckInRecord, NewBooking, ReservationStorage, facts},
    ticket::{Ticket, TicketError},
};
use crate::{
    db::Db,
    drops::{
        model::{AccessCode, Drop, DropId, DropStatus, Eligibility, Slot, SlotId},
        rules::slot_bookable,
        schedule::describe,
        service::{DropError, DropService},
    },
    error::{AppError, ErrorKind, FieldErrors},
    events::DomainEvent,
    identity::{
        model::{Principal, UserId},
        service::IdentityService,
    },
    stores::{model::StoreId, service::StoreService},
    time::Timestamp,
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use ed25519_dalek::SigningKey;
use std::time::Instant;
use tracing::instrument;

#[derive(Debug, thiserror::Error)]
pub enum ReservationError {
    #[error("sign in to book")]
    Unauthenticated,
    #[error("no such reservation")]
    NotFound,
    #[error("this drop is not open for booking")]
    NotOpen,
    #[error("this slot no longer takes bookings")]
    SlotClosed,
    #[error("this slot is full")]
    Full,
    #[error("you already have as many bookings in this drop as it allows ({0})")]
    LimitReached(u16),
    #[error("must be from 1 to {0}")]
    Units(u16),
    #[error("this drop needs a valid access code")]
    AccessCode,
    #[error(
        "it is too late to cancel: the drop allows cancelling until {0} minutes before the slot"
    )]
    TooLateToCancel(u32),
    #[error("only the person who booked or the store's owners may do that")]
    Forbidden,
    #[error("this hold has lapsed: its places went back to the slot")]
    HoldLapsed,
    #[error("pay the deposit of {0} to confirm these places")]
    DepositDue(String),
    #[error("places are free in this slot: book it instead of waiting")]
    PlacesFree,
    #[error("you are already in this slot's waitlist")]
    AlreadyWaiting,
    #[error("only a confirmed reservation has a ticket")]
    NoTicket,
    #[error(transparent)]
    Ticket(#[from] TicketError),
    #[error("only this store's staff and owners check tickets in")]
    NotStaff,
    #[error("this ticket is for {0}, another branch")]
    WrongBranch(String),
    #[error("too early: this slot starts at {0}")]
    TooEarly(String),
    #[error("too late: this slot ended at {0}")]
    TooLate(String),
    #[error("already checked in at {at} by {by}")]
    AlreadyCheckedIn { at: String, by: String },
    #[error("this reservation is {0}: it does not get in")]
    NotValid(&'static str),
    #[error("this ticket was replaced by a newer one")]
    Reissued,
    #[error("this ticket is for another drop: {0}")]
    OtherDrop(String),
    #[error("must be within the last week")]
    ScanTime,
    #[error("this slot has not ended yet: no-shows are marked after it")]
    SlotNotOver,
    #[error("a check-in can only be taken back within {0} minutes")]
    UndoTooLate(u32),
    #[error(transparent)]
    Illegal(#[from] IllegalReservationMove),
    #[error(transparent)]
    Drop(#[from] DropError),
    #[error(transparent)]
    Identity(#[from] crate::identity::service::IdentityError),
    #[error("storage failed: {0}")]
    Storage(#[from] sqlx::Error),
}

impl ReservationError {
    /// The refusal in the language of the request being answered; the `Display` text (English)
    /// is for logs and the REST API.
    fn localized(&self) -> String {
        use crate::{
            i18n::{I18n, request_language},
            t,
        };
        use ReservationError as E;
        let i18n = I18n(request_language());
        match self {
            E::Unauthenticated => t!(i18n, "res-err-sign-in"),
            E::NotFound => t!(i18n, "res-err-not-found"),
            E::NotOpen => t!(i18n, "res-err-not-open"),
            E::SlotClosed => t!(i18n, "res-err-slot-closed"),
            E::Full => t!(i18n, "res-err-full"),
            E::LimitReached(limit) => t!(i18n, "res-err-limit", limit = *limit),
            E::Units(max) => t!(i18n, "res-err-units", max = *max),
            E::AccessCode => t!(i18n, "res-err-access-code"),
            E::TooLateToCancel(minutes) => {
                t!(i18n, "res-err-too-late-to-cancel", minutes = *minutes)
            }
            E::Forbidden => t!(i18n, "res-err-forbidden"),
            E::HoldLapsed => t!(i18n, "res-err-hold-lapsed"),
            E::DepositDue(deposit) => t!(i18n, "res-err-deposit-due", deposit = deposit),
            E::PlacesFree => t!(i18n, "res-err-places-free"),
            E::AlreadyWaiting => t!(i18n, "res-err-already-waiting"),
            E::NoTicket => t!(i18n, "res-err-no-ticket"),
            E::NotStaff => t!(i18n, "res-err-not-staff"),
            E::WrongBranch(branch) => t!(i18n, "res-err-wrong-branch", branch = branch),
            E::TooEarly(at) => t!(i18n, "res-err-too-early", at = at),
            E::TooLate(at) => t!(i18n, "res-err-too-late", at = at),
            E::AlreadyCheckedIn { at, by } => {
                t!(i18n, "res-err-already-checked-in", at = at, by = by)
            }
            E::Reissued => t!(i18n, "res-err-reissued"),
            E::OtherDrop(name) => t!(i18n, "res-err-other-drop", drop = name),
            E::SlotNotOver => t!(i18n, "res-err-slot-not-over"),
            E::UndoTooLate(minutes) => t!(i18n, "res-err-undo-too-late", minutes = *minutes),
            other => other.to_string(),
        }
    }
}

impl From<ReservationError> for AppError {
    fn from(error: ReservationError) -> Self {
        use ReservationError as E;
        match error {
            E::Unauthenticated => AppError::new(ErrorKind::Unauthenticated, error.localized()),
            E::NotFound => AppError::not_found(error.localized()),
            E::Forbidden => AppError::new(ErrorKind::Forbidden, error.localized()),
            E::Units(_) => AppError::invalid(FieldErrors::single("units", error.localized())),
            E::AccessCode => {
                AppError::invalid(FieldErrors::single("access_code", error.localized()))
            }
            E::Ticket(_) => AppError::invalid(FieldErrors::single("ticket", &error)),
            E::ScanTime => AppError::invalid(FieldErrors::single("scanned_at", &error)),
            E::NotStaff => AppError::new(ErrorKind::Forbidden, error.localized()),
            E::WrongBranch(_)
            | E::TooEarly(_)
            | E::TooLate(_)
            | E::AlreadyCheckedIn { .. }
            | E::NotValid(_)
            | E::Reissued
            | E::OtherDrop(_)
            | E::SlotNotOver
            | E::UndoTooLate(_) => AppError::new(ErrorKind::Conflict, error.localized()),
            E::NotOpen
            | E::NoTicket
            | E::SlotClosed
            | E::Full
            | E::LimitReached(_)
            | E::TooLateToCancel(_)
            | E::HoldLapsed
            | E::DepositDue(_)
            | E::PlacesFree
            | E::AlreadyWaiting
            | E::Illegal(_) => AppError::new(ErrorKind::Conflict, error.localized()),
            E::Drop(inner) => inner.into(),
            E::Identity(inner) => inner.into(),
            E::Storage(cause) => AppError::internal(&cause),
        }
    }
}

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

/// A scan at the door.
#[derive(Debug, Clone, Default)]
pub struct CheckInRequest {
    pub ticket: String,
    /// The branch the scanner stands at, when it says.
    pub branch_id: Option<crate::branches::model::BranchId>,
    /// Staff let an early or late ticket in anyway.
    pub override_timing: bool,
    /// The drop whose door the scanner stands at, when it says.
    pub drop_id: Option<DropId>,
    /// When an offline scanner read the ticket (a scan synced late); now when absent.
    pub scanned_at: Option<Timestamp>,
    /// The scanner, so a scan that loses to an earlier one can be told to it.
    pub device: Option<DeviceId>,
}

/// How far a synced scan may lie in the past (a scanner offline for a week is stale) or, for
/// clock skew, in the future.
fn scan_time_plausible(at: Timestamp, now: Timestamp) -> bool {
    const WEEK_MS: i64 = 7 * 24 * 3_600_000;
    const SKEW_MS: i64 = 120_000;
    (now.as_millis() - WEEK_MS..=now.as_millis() + SKEW_MS).contains(&at.as_millis())
}

/// The public half of a ticket key as base64url text.
fn public_key_text(key: &SigningKey) -> String {
    URL_SAFE_NO_PAD.encode(key.verifying_key().to_bytes())
}

/// "Sat 5 Dec · 10:00–10:30" on the slot's branch clock.
fn slot_label(slot: &Slot, zone: &crate::identity::model::TimeZoneName) -> String {
    let (day, start, _) = describe(slot.starts_at, zone);
    let (_, end, _) = describe(slot.ends_at, zone);
    format!("{day} · {start}–{end}")
}

#[derive(Clone)]
pub struct ReservationService {
    storage: ReservationStorage,
    sold_out: SoldOutSlots,
    drops: DropService,
    stores: StoreService,
    identity: IdentityService,
    settings: ReservationSettings,
}

fn user_of(principal: &Principal) -> Result<UserId, ReservationError> {
    match principal {
        Principal::User { id, .. } => Ok(*id),
        _ => Err(ReservationError::Unauthenticated),
    }
}

/// Whether `units` places in `slot` can be asked for now: the drop open, the slot before its
/// cutoff, the units within the drop's rule.
fn check_bookable(
    drop: &Drop,
    slot: &Slot,
    units: u16,
    now: Timestamp,
) -> Result<(), ReservationError> {
    if drop.status != DropStatus::Open {
        return Err(ReservationError::NotOpen);
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
            storage: ReservationStorage::new(db),
            sold_out: SoldOutSlots::default(),
            drops,
            stores,
            identity,
            settings,
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
        let key = request.idempotency_key.as_ref().map(|k| k.as_str());
        let attempt = match self.sold_out.verdict(request.slot_id, user, Instant::now()) {
            Verdict::Refuse => return Err(ReservationError::Full),
            Verdict::RefuseUnlessRetry => Err(ReservationError::Full),
            Verdict::Check => self.try_book(user, request, key).await,
        };
        // The write looks the key up itself, so only a refusal needs to: a retry of a booking
        // that went through must get it back, even once the slot is sold out or the drop closed.
        match (attempt, key) {
            (Err(refusal), Some(key)) => match self.storage.find_by_key(user, key).await? {
                Some(first) => Ok(first),
                None => Err(refusal),
            },
            (outcome, _) => outcome,
        }
    }

    /// Remembers a slot the write found sold out. Where this process writes every booking
    /// (SQLite), it also remembers who booked there with a key, so that everyone else is refused
    /// without reading their key. Only a shortcut: if that read fails, the refusal stands and
    /// the next one tries again.
    async fn remember_sold_out(&self, slot: SlotId) {
        let Some(seen) = self.sold_out.start_remembering(slot, Instant::now()) else {
            return;
        };
        let keyed_bookers = if self.storage.writes_every_booking() {
            match self.storage.keyed_bookers(slot).await {
                Ok(bookers) => Some(bookers),
                Err(error) => {
                    tracing::warn!(%error, "cannot read a sold-out slot's bookers");
                    self.sold_out.abandon(slot);
                    return;
                }
            }
        } else {
            None
        };
        self.sold_out
            .remember(slot, seen, Instant::now(), keyed_bookers);
    }

    async fn try_book(
        &self,
        user: UserId,
        request: &BookingRequest,
        key: Option<&str>,
    ) -> Result<Reservation, ReservationError> {
        let now = Timestamp::now();
        // The terms may be a second old: the write checks places, the person's limit and the
        // key again from the database, and marks the slot sold out when it finds it so.
        let (drop, slot) = self.drops.booking_terms(request.slot_id, now).await?;
        check_bookable(&drop, &slot, request.units, now)?;
        let limit = drop.rules.reservations_per_person;
        self.check_access(&drop, request.access_code.as_deref())
            .await?;
        let (status, hold_expires_at) = match drop.rules.deposit {
            Some(_) => (
                ReservationStatus::Held,
                Some(Timestamp::from_millis(
                    now.as_millis() + i64::from(drop.rules.hold_seconds) * 1000,
                )),
            ),
            None => (ReservationStatus::Confirmed, None),
        };
        let reservation = Reservation {
            id: ReservationId::generate(),
            drop_id: drop.id,
            slot_id: slot.id,
            user_id: user,
            units: request.units,
            status,
            hold_expires_at,
            ticket_version: 1,
            created_at: now,
        };
        let booking = || NewBooking {
            reservation: reservation.clone(),
            slot_ends_at: slot.ends_at,
            idempotency_key: key.map(str::to_owned),
            per_person_limit: limit,
        };
        let mut outcome = self.write(booking(), user, key, now).await?;
        // Lapsed holds still count in the ledger until released: release this slot's and try once more.
        if matches!(outcome, BookOutcome::Full) && self.expire_holds(Some(slot.id), now).await? > 0
        {
            outcome = self.write(booking(), user, key, now).await?;
        }
        // What the write found settles the memo: sold out (as far as one place goes), or not.
        if matches!(outcome, BookOutcome::Full) && request.units == 1 {
            self.remember_sold_out(slot.id).await;
        } else {
            self.sold_out.changed(slot.id, Instant::now());
        }
        match outcome {
            BookOutcome::Booked => Ok(reservation),
            BookOutcome::Replayed(first) => Ok(first),
            BookOutcome::Full => Err(ReservationError::Full),
            BookOutcome::LimitReached => Err(ReservationError::LimitReached(limit)),
        }
    }

    /// Redeems the access code an early-access drop asks for.
    async fn check_access(&self, drop: &Drop, code: Option<&str>) -> Result<(), ReservationError> {
        if drop.rules.eligibility != Eligibility::AccessCode {
            return Ok(());
        }
        let code = code
            .and_then(|c| AccessCode::parse(c).ok())
            .ok_or(ReservationError::AccessCode)?;
        if self.drops.redeem_access_code(drop.id, &code).await? {
            Ok(())
        } else {
            Err(ReservationError::AccessCode)
        }
    }

    /// Writes a booking; a concurrent retry with the same key that committed first wins, and
    /// this one answers with it.
    async fn write(
        &self,
        booking: NewBooking,
        user: UserId,
        key: Option<&str>,
        now: Timestamp,
    ) -> Result<BookOutcome, ReservationError> {
        match self.storage.book(booking, now).await {
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() && key.is_some() => {
                let first = self
                    .storage
                    .find_by_key(user, key.unwrap_or_default())
                    .await?
                    .ok_or(ReservationError::NotFound)?;
                Ok(BookOutcome::Replayed(first))
            }
            other => Ok(other?),
        }
    }

    async fn move_to(
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
            self.sold_out.changed(reservation.slot_id, Instant::now());
        }
        Ok(Reservation {
            status: to,
            hold_expires_at: None,
            ..reservation.clone()
        })
    }

    async fn found(&self, id: ReservationId) -> Result<Reservation, ReservationError> {
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
            return Err(ReservationError::DepositDue(
                deposit.format(crate::i18n::Language::En),
            ));
        }
        self.confirm_hold(&reservation, now).await
    }

    async fn confirm_hold(
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
        self.move_to(&reservation, ReservationEvent::Cancel, now)
            .await
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

    /// The signed ticket (QR text) of the caller's confirmed reservation.
    pub async fn ticket(
        &self,
        principal: &Principal,
        id: ReservationId,
    ) -> Result<String, ReservationError> {
        let reservation = self.get(principal, id).await?;
        if !matches!(
            reservation.status,
            ReservationStatus::Confirmed | ReservationStatus::CheckedIn
        ) {
            return Err(ReservationError::NoTicket);
        }
        let (drop, _) = self
            .drops
            .slot_with_drop(reservation.slot_id, Timestamp::now())
            .await?;
        let key = self.signing_key(drop.store_id).await?;
        Ok(Ticket {
            reservation: reservation.id,
            drop: reservation.drop_id,
            slot: reservation.slot_id,
            version: reservation.ticket_version,
        }
        .sign(&key))
    }

    /// Lets a ticket in at the door, exactly once: signature, store, drop, branch, timing at the
    /// moment of the scan (staff may override early or late), then one conditional update; of
    /// concurrent scans one wins and the others hear when and by whom it was checked in. A scan
    /// synced late from an offline scanner that was earlier than the recorded one takes the
    /// check-in over, and the other scanner reads the conflict on its next sync.
    #[instrument(skip_all)]
    pub async fn check_in(
        &self,
        principal: &Principal,
        scan: &CheckInRequest,
    ) -> Result<CheckedIn, ReservationError> {
        let staff = user_of(principal)?;
        let now = Timestamp::now();
        let at = scan.scanned_at.unwrap_or(now);
        if !scan_time_plausible(at, now) {
            return Err(ReservationError::ScanTime);
        }
        let claimed = Ticket::read_unverified(&scan.ticket)?;
        let reservation = self
            .found(claimed.reservation)
            .await
            .map_err(|_| TicketError::BadSignature)?;
        let (drop, slot) = self.drops.slot_with_drop(reservation.slot_id, now).await?;
        let key = self.signing_key(drop.store_id).await?;
        let ticket = Ticket::verify(&scan.ticket, &key.verifying_key())?;
        self.require_staff(principal, drop.store_id).await?;
        let clock = |at: Timestamp| {
            let (day, time, _) = describe(at, &drop.time_zone);
            format!("{time} on {day}")
        };
        if ticket.version != reservation.ticket_version {
            return Err(ReservationError::Reissued);
        }
        if scan.drop_id.is_some_and(|expected| expected != drop.id) {
            return Err(ReservationError::OtherDrop(drop.name.to_string()));
        }
        let late_sync = scan.scanned_at.and(scan.device);
        match reservation.status {
            ReservationStatus::Confirmed => {}
            ReservationStatus::CheckedIn if late_sync.is_some() => {}
            ReservationStatus::CheckedIn => {
                let record = self.storage.check_in_record(reservation.id).await?;
                return Err(self.already(&reservation, record, &clock).await?);
            }
            other => return Err(ReservationError::NotValid(other.as_str())),
        }
        if let Some(branch) = scan.branch_id
            && branch != slot.branch_id
        {
            let name = self.branch_name(principal, slot.branch_id).await;
            return Err(ReservationError::WrongBranch(name));
        }
        if !scan.override_timing {
            match door_timing(
                at.as_millis(),
                slot.starts_at.as_millis(),
                slot.ends_at.as_millis(),
                self.settings.check_in_grace_minutes,
            ) {
                DoorTiming::TooEarly => {
                    return Err(ReservationError::TooEarly(clock(slot.starts_at)));
                }
                DoorTiming::TooLate => return Err(ReservationError::TooLate(clock(slot.ends_at))),
                DoorTiming::OnTime => {}
            }
        }
        let admitted = reservation.status == ReservationStatus::Confirmed
            && self
                .storage
                .check_in(&reservation, ticket.version, staff, at, scan.device, now)
                .await?;
        if !admitted {
            let current = self.found(reservation.id).await?;
            if current.status != ReservationStatus::CheckedIn {
                return Err(ReservationError::NotValid(current.status.as_str()));
            }
            let record = self.storage.check_in_record(current.id).await?;
            let taken = match (late_sync, &record) {
                // The same scan synced twice (its first answer was lost): it already holds it.
                (Some(device), Some(record))
                    if record.device == Some(device) && record.at == at =>
                {
                    true
                }
                (Some(device), Some(record)) => {
                    self.storage
                        .take_over_check_in(&current, record, staff, at, device, now)
                        .await?
                }
                _ => false,
            };
            if !taken {
                return Err(self.already(&current, record, &clock).await?);
            }
        }
        let name = self
            .identity
            .account_by_id(reservation.user_id)
            .await
            .ok()
            .flatten()
            .map_or_else(String::new, |a| a.display_name.to_string());
        Ok(CheckedIn {
            reservation: Reservation {
                status: ReservationStatus::CheckedIn,
                ..reservation
            },
            name,
            drop_name: drop.name.to_string(),
            slot_label: slot_label(&slot, &drop.time_zone),
        })
    }

    /// Takes a check-in back within the undo window (store staff and owners).
    pub async fn undo_check_in(
        &self,
        principal: &Principal,
        id: ReservationId,
    ) -> Result<Reservation, ReservationError> {
        let reservation = self.found(id).await?;
        let now = Timestamp::now();
        let (drop, _) = self.drops.slot_with_drop(reservation.slot_id, now).await?;
        self.require_staff(principal, drop.store_id).await?;
        let at = self
            .storage
            .check_in_record(id)
            .await?
            .map(|record| record.at.as_millis())
            .ok_or(IllegalReservationMove {
                from: reservation.status,
                event: ReservationEvent::UndoCheckIn,
            })?;
        let window = self.settings.check_in_undo_minutes;
        if now.as_millis() > at + i64::from(window) * 60_000 {
            return Err(ReservationError::UndoTooLate(window));
        }
        if !self.storage.undo_check_in(&reservation, now).await? {
            let current = self.found(id).await?;
            return Err(IllegalReservationMove {
                from: current.status,
                event: ReservationEvent::UndoCheckIn,
            }
            .into());
        }
        Ok(Reservation {
            status: ReservationStatus::Confirmed,
            ..reservation
        })
    }

    /// Marks confirmed reservations no-shows once their slot ended and the door's grace passed;
    /// answers how many. Safe on every instance at once.
    pub async fn mark_no_shows(&self, now: Timestamp) -> Result<usize, ReservationError> {
        let grace = i64::from(self.settings.check_in_grace_minutes) * 60_000;
        let cutoff = Timestamp::from_millis(now.as_millis() - grace);
        let mut marked = 0;
        for reservation in self.storage.unattended(cutoff, 500).await? {
            if self
                .move_to(&reservation, ReservationEvent::MarkNoShow, now)
                .await
                .is_ok()
            {
                marked += 1;
            }
        }
        Ok(marked)
    }

    /// "Already checked in at … by …" from the check-in's record.
    async fn already(
        &self,
        reservation: &Reservation,
        record: Option<CheckInRecord>,
        clock: &impl Fn(Timestamp) -> String,
    ) -> Result<ReservationError, ReservationError> {
        let Some(record) = record else {
            return Ok(ReservationError::NotValid(reservation.status.as_str()));
        };
        let by = match record.by.parse() {
            Ok(user) => self
                .identity
                .account_by_id(user)
                .await
                .ok()
                .flatten()
                .map_or_else(|| "someone".to_owned(), |a| a.display_name.to_string()),
            Err(_) => "someone".to_owned(),
        };
        Ok(ReservationError::AlreadyCheckedIn {
            at: clock(record.at),
            by,
        })
    }

    async fn branch_name(
        &self,
        principal: &Principal,
        branch: crate::branches::model::BranchId,
    ) -> String {
        self.drops
            .branch_name(principal, branch)
            .await
            .unwrap_or_else(|| "another branch".to_owned())
    }

    /// The public half of a store's ticket key (base64url), what scanners verify tickets with.
    pub async fn ticket_public_key(&self, store: StoreId) -> Result<String, ReservationError> {
        Ok(public_key_text(&self.signing_key(store).await?))
    }

    /// A store's ticket key, made on first use from the operating system's random source.
    async fn signing_key(&self, store: StoreId) -> Result<SigningKey, ReservationError> {
        use argon2::password_hash::rand_core::{OsRng, RngCore};
        let mut secret = [0u8; 32];
        OsRng.fill_bytes(&mut secret);
        let fresh = SigningKey::from_bytes(&secret);
        let stored = self
            .storage
            .ticket_key(
                &store.to_string(),
                &URL_SAFE_NO_PAD.encode(fresh.to_bytes()),
                &URL_SAFE_NO_PAD.encode(fresh.verifying_key().to_bytes()),
                Timestamp::now(),
            )
            .await?;
        let bytes: [u8; 32] = URL_SAFE_NO_PAD
            .decode(stored)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| sqlx::Error::Decode("ticket_keys: bad secret".into()))?;
        Ok(SigningKey::from_bytes(&bytes))
    }

    /// Lets lapsed holds go (all, or one slot's), giving their places back; answers how many.
    /// Safe on every instance at once: each release is a conditional update.
    pub async fn expire_holds(
        &self,
        slot: Option<crate::drops::model::SlotId>,
        now: Timestamp,
    ) -> Result<usize, ReservationError> {
        let mut released = 0;
        for hold in self.storage.lapsed_holds(slot, now, 500).await? {
            if self
                .move_to(&hold, ReservationEvent::Expire, now)
                .await
                .is_ok()
            {
                released += 1;
            }
        }
        Ok(released)
    }
}
