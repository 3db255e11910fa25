//! Reservation types shared by the server and the browser.

use super::rules::ReservationStatus;
use crate::{
    error::FieldErrors,
    i18n::Text,
    ids::{DropId, SlotId, UserId},
    newtype::string_newtype_conversions,
    time::{LocalSpan, Timestamp},
};
use serde::{Deserialize, Serialize};

pub use crate::ids::ReservationId;

/// A client's key for one booking attempt (the `Idempotency-Key` header or the form's token):
/// 1 to 100 visible ASCII characters. A retry with the same key gets the first answer.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IdempotencyKey(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("must be 1 to 100 visible ASCII characters")]
pub struct IdempotencyKeyError;

impl From<IdempotencyKeyError> for Text {
    fn from(_: IdempotencyKeyError) -> Self {
        crate::text!("check-idempotency-key")
    }
}

impl IdempotencyKey {
    pub fn parse(input: &str) -> Result<Self, IdempotencyKeyError> {
        let shaped =
            (1..=100).contains(&input.len()) && input.bytes().all(|b| b.is_ascii_graphic());
        if shaped {
            Ok(Self(input.to_owned()))
        } else {
            Err(IdempotencyKeyError)
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

string_newtype_conversions!(IdempotencyKey);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reservation {
    pub id: ReservationId,
    pub drop_id: DropId,
    pub slot_id: SlotId,
    pub user_id: UserId,
    pub units: u16,
    pub status: ReservationStatus,
    /// While held: when the hold lapses.
    pub hold_expires_at: Option<Timestamp>,
    /// Bumped when the ticket is reissued, so an old QR code stops working.
    pub ticket_version: u8,
    pub created_at: Timestamp,
}

/// How many places one booking asks for: a whole number, which the drop's rules bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Units(u16);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("must be a whole number")]
pub struct UnitsError;

impl From<UnitsError> for Text {
    fn from(_: UnitsError) -> Self {
        crate::text!("check-whole-number")
    }
}

impl Units {
    pub fn parse(input: &str) -> Result<Self, UnitsError> {
        input.trim().parse().map(Self).map_err(|_| UnitsError)
    }

    pub fn get(self) -> u16 {
        self.0
    }
}

/// Every whole number parses, so a count the code holds is one.
impl From<u16> for Units {
    fn from(count: u16) -> Self {
        Self(count)
    }
}

/// What a booking attempt asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingRequest {
    pub slot_id: SlotId,
    pub units: Units,
    pub idempotency_key: Option<IdempotencyKey>,
    pub access_code: Option<String>,
    /// The key was made for this very request (a REST booking sent without one): no earlier
    /// booking can have it, so a refusal does not look for one.
    pub key_is_new: bool,
}

impl BookingRequest {
    /// A booking attempt from a form or a request body, every bad part reported at once. A bad
    /// key is reported as `Idempotency-Key`, the header REST clients send it in (pages make
    /// their own); a blank access code is none.
    pub fn parse(
        slot_id: &str,
        units: &str,
        idempotency_key: Option<&str>,
        access_code: Option<&str>,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let slot_id = errors.check(
            "slot_id",
            slot_id
                .trim()
                .parse()
                .map_err(|_| crate::text!("check-slot-id")),
        );
        let units = errors.check("units", Units::parse(units));
        let idempotency_key = idempotency_key
            .and_then(|key| errors.check("Idempotency-Key", IdempotencyKey::parse(key)));
        match (slot_id, units) {
            (Some(slot_id), Some(units)) if errors.is_empty() => Ok(Self {
                slot_id,
                units,
                idempotency_key,
                access_code: access_code
                    .map(str::trim)
                    .filter(|code| !code.is_empty())
                    .map(str::to_owned),
                key_is_new: false,
            }),
            _ => Err(errors),
        }
    }
}

/// A ticket let in at the door: who, and for what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckedIn {
    pub reservation: Reservation,
    pub name: String,
    pub drop_name: String,
    /// On the branch's clock.
    pub slot: LocalSpan,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_booking_request_reports_every_bad_part_at_once() {
        let errors = BookingRequest::parse("nope", "two", Some(""), None).unwrap_err();
        for field in ["slot_id", "units", "Idempotency-Key"] {
            assert!(errors.for_field(field).is_some(), "{field}");
        }
    }

    #[test]
    fn a_booking_request_parses_once_with_a_blank_code_as_none() {
        let slot = "0190f1a6-0000-7000-8000-000000000001";
        let request = BookingRequest::parse(slot, " 2 ", Some("k-1"), Some("  ")).unwrap();
        assert_eq!(request.slot_id.to_string(), slot);
        assert_eq!(request.units.get(), 2);
        assert_eq!(request.idempotency_key.unwrap().as_str(), "k-1");
        assert_eq!(request.access_code, None);
    }
}
