//! The Reservations context's refusals and failures, and what each one tells people.

use crate::{
    drops::service::DropError,
    error::{DomainError, ErrorKind, FieldErrors, internal_text},
    i18n::{Language, Text},
    identity::service::IdentityError,
    ids::ReservationId,
    money::Money,
    reservations::{rules::IllegalReservationMove, tickets::TicketError},
    text,
};

crate::ids::owned_ids!(ReservationId => ReservationError::NotFound);

#[derive(Debug, thiserror::Error)]
pub enum ReservationError {
    #[error("sign in to book")]
    Unauthenticated,
    #[error("no such reservation")]
    NotFound,
    #[error("no such waitlist entry")]
    NoWaitlistEntry,
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
    #[error("confirm your email address to book in this drop")]
    EmailNotVerified,
    #[error("too many wrong access codes: try again in {0} minutes")]
    TooManyWrongCodes(u32),
    #[error(
        "it is too late to cancel: the drop allows cancelling until {0} minutes before the slot"
    )]
    TooLateToCancel(u32),
    #[error("only the person who booked or the store's owners may do that")]
    Forbidden,
    #[error("this hold has lapsed: its places went back to the slot")]
    HoldLapsed,
    #[error("pay the deposit of {} to confirm these places", .0.format(Language::En))]
    DepositDue(Money),
    #[error("places are free in this slot: book it instead of waiting")]
    PlacesFree,
    #[error("you are already in this slot's waitlist")]
    AlreadyWaiting,
    #[error("you can wait in at most {0} of this drop's slots at once")]
    TooManyLines(u16),
    #[error(
        "places were held for you twice in this drop and not taken: you can no longer wait in its lines"
    )]
    OffersLapsed,
    #[error("only a confirmed reservation has a ticket")]
    NoTicket,
    #[error(transparent)]
    Ticket(#[from] TicketError),
    #[error("only this store's staff and owners check tickets in")]
    NotStaff,
    #[error("this ticket is for {0}, another branch")]
    WrongBranch(String),
    #[error("too early: this slot starts at {}", .0.in_language(Language::En))]
    TooEarly(Text),
    #[error("too late: this slot ended at {}", .0.in_language(Language::En))]
    TooLate(Text),
    #[error("already checked in at {}", at.in_language(Language::En))]
    AlreadyCheckedIn { at: Text, by: Option<String> },
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
    Identity(#[from] IdentityError),
    #[error("storage failed: {0}")]
    Storage(#[from] sqlx::Error),
}

impl DomainError for ReservationError {
    fn kind(&self) -> ErrorKind {
        use ReservationError as E;
        match self {
            E::Unauthenticated => ErrorKind::Unauthenticated,
            E::NotFound | E::NoWaitlistEntry => ErrorKind::NotFound,
            E::Forbidden | E::NotStaff | E::EmailNotVerified => ErrorKind::Forbidden,
            E::TooManyWrongCodes(_) => ErrorKind::RateLimited,
            E::Units(_) | E::AccessCode | E::Ticket(_) | E::ScanTime => ErrorKind::Invalid,
            E::NotOpen
            | E::SlotClosed
            | E::Full
            | E::LimitReached(_)
            | E::TooLateToCancel(_)
            | E::HoldLapsed
            | E::DepositDue(_)
            | E::PlacesFree
            | E::AlreadyWaiting
            | E::TooManyLines(_)
            | E::OffersLapsed
            | E::NoTicket
            | E::WrongBranch(_)
            | E::TooEarly(_)
            | E::TooLate(_)
            | E::AlreadyCheckedIn { .. }
            | E::NotValid(_)
            | E::Reissued
            | E::OtherDrop(_)
            | E::SlotNotOver
            | E::UndoTooLate(_)
            | E::Illegal(_) => ErrorKind::Conflict,
            E::Drop(inner) => inner.kind(),
            E::Identity(inner) => inner.kind(),
            // No connection in time, or the booking writers' line is full: overload, not a fault.
            E::Storage(sqlx::Error::PoolTimedOut) => ErrorKind::Busy,
            E::Storage(_) => ErrorKind::Internal,
        }
    }

    fn text(&self) -> Text {
        use ReservationError as E;
        match self {
            E::Unauthenticated => text!("res-err-sign-in"),
            E::NotFound => text!("res-err-not-found"),
            E::NoWaitlistEntry => text!("res-err-no-waitlist-entry"),
            E::NotOpen => text!("res-err-not-open"),
            E::SlotClosed => text!("res-err-slot-closed"),
            E::Full => text!("res-err-full"),
            E::LimitReached(limit) => text!("res-err-limit", limit = *limit),
            E::Units(max) => text!("res-err-units", max = *max),
            E::AccessCode => text!("res-err-access-code"),
            E::EmailNotVerified => text!("res-err-verify-email"),
            E::TooManyWrongCodes(minutes) => text!("res-err-wrong-codes", minutes = *minutes),
            E::TooLateToCancel(minutes) => text!("res-err-too-late-to-cancel", minutes = *minutes),
            E::Forbidden => text!("res-err-forbidden"),
            E::HoldLapsed => text!("res-err-hold-lapsed"),
            E::DepositDue(deposit) => text!("res-err-deposit-due", deposit = *deposit),
            E::PlacesFree => text!("res-err-places-free"),
            E::AlreadyWaiting => text!("res-err-already-waiting"),
            E::TooManyLines(max) => text!("res-err-too-many-lines", max = *max),
            E::OffersLapsed => text!("res-err-offers-lapsed"),
            E::NoTicket => text!("res-err-no-ticket"),
            E::Ticket(ticket) => (*ticket).into(),
            E::NotStaff => text!("res-err-not-staff"),
            E::WrongBranch(branch) => text!("res-err-wrong-branch", branch = branch),
            E::TooEarly(at) => text!("res-err-too-early").with("at", at.clone()),
            E::TooLate(at) => text!("res-err-too-late").with("at", at.clone()),
            E::AlreadyCheckedIn { at, by: Some(by) } => {
                text!("res-err-already-checked-in", by = by).with("at", at.clone())
            }
            E::AlreadyCheckedIn { at, by: None } => {
                text!("res-err-already-checked-in-by-someone").with("at", at.clone())
            }
            E::NotValid(status) => text!("res-err-not-valid", status = *status),
            E::Reissued => text!("res-err-reissued"),
            E::OtherDrop(name) => text!("res-err-other-drop", drop = name),
            E::ScanTime => text!("check-within-week"),
            E::SlotNotOver => text!("res-err-slot-not-over"),
            E::UndoTooLate(minutes) => text!("res-err-undo-too-late", minutes = *minutes),
            E::Illegal(illegal) => text!(
                "res-err-illegal",
                from = illegal.from.as_str(),
                event = format!("{:?}", illegal.event)
            ),
            E::Drop(inner) => inner.text(),
            E::Identity(inner) => inner.text(),
            E::Storage(sqlx::Error::PoolTimedOut) => text!("res-err-busy"),
            E::Storage(_) => internal_text(),
        }
    }

    fn field(&self) -> Option<&'static str> {
        use ReservationError as E;
        match self {
            E::Units(_) => Some("units"),
            E::AccessCode | E::TooManyWrongCodes(_) => Some("access_code"),
            E::Ticket(_) => Some("ticket"),
            E::ScanTime => Some("scanned_at"),
            E::Drop(inner) => inner.field(),
            _ => None,
        }
    }

    fn fields(&self) -> Option<&FieldErrors> {
        match self {
            ReservationError::Drop(inner) => inner.fields(),
            ReservationError::Identity(inner) => inner.fields(),
            _ => None,
        }
    }
}

#[cfg(test)]
impl ReservationError {
    /// The refusals a booking meets, for the Thai booking test.
    pub(crate) fn booking_refusals() -> Vec<Self> {
        use crate::money::Currency;
        use ReservationError as E;
        vec![
            E::Full,
            E::LimitReached(2),
            E::NotOpen,
            E::SlotClosed,
            E::Units(4),
            E::AccessCode,
            E::EmailNotVerified,
            E::TooManyWrongCodes(15),
            E::HoldLapsed,
            E::DepositDue(Money::parse("50", Currency::THB).expect("an amount")),
            E::PlacesFree,
            E::AlreadyWaiting,
            E::TooManyLines(3),
            E::OffersLapsed,
            E::Storage(sqlx::Error::PoolTimedOut),
        ]
    }

    /// One of each refusal, for the catalogue tests.
    pub(crate) fn examples() -> Vec<Self> {
        use crate::{
            reservations::rules::{ReservationEvent, ReservationStatus},
            time::LocalDate,
        };
        use ReservationError as E;
        let mut examples = Self::booking_refusals();
        let saturday = LocalDate {
            year: 2026,
            month: 12,
            day: 5,
        };
        examples.extend([
            E::Unauthenticated,
            E::NotFound,
            E::NoWaitlistEntry,
            E::TooLateToCancel(60),
            E::Forbidden,
            E::NoTicket,
            E::Ticket(TicketError::Malformed),
            E::Ticket(TicketError::BadSignature),
            E::NotStaff,
            E::WrongBranch("Siam".to_owned()),
            E::TooEarly(text!("door-time-on-day", time = "10:00").with("day", saturday.text())),
            E::TooLate(text!("door-time-on-day", time = "10:30").with("day", saturday.text())),
            E::AlreadyCheckedIn {
                at: text!("door-time-on-day", time = "10:05").with("day", saturday.text()),
                by: Some("Ploy".to_owned()),
            },
            E::AlreadyCheckedIn {
                at: text!("door-time-on-day", time = "10:05").with("day", saturday.text()),
                by: None,
            },
            E::NotValid("cancelled"),
            E::Reissued,
            E::OtherDrop("Songkran".to_owned()),
            E::ScanTime,
            E::SlotNotOver,
            E::UndoTooLate(10),
            E::Illegal(IllegalReservationMove {
                from: ReservationStatus::Cancelled,
                event: ReservationEvent::Confirm,
            }),
        ]);
        examples
    }
}
