//! The Reservations context's refusals and failures, and their one mapping to `AppError`.

use crate::{
    drops::service::DropError,
    error::{AppError, ErrorKind, FieldErrors},
    identity::service::IdentityError,
    reservations::{rules::IllegalReservationMove, tickets::TicketError},
};

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
    Identity(#[from] IdentityError),
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
