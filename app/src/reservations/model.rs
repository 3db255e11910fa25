//! Reservation types shared by the server and the browser.

use super::rules::ReservationStatus;
use crate::{
    drops::model::{DropId, SlotId},
    identity::model::UserId,
    newtype::{string_newtype_conversions, uuid_id},
    time::Timestamp,
};
use serde::{Deserialize, Serialize};

uuid_id!(ReservationId);

/// A client's key for one booking attempt (the `Idempotency-Key` header or the form's token):
/// 1 to 100 visible ASCII characters. A retry with the same key gets the first answer.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IdempotencyKey(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("must be 1 to 100 visible ASCII characters")]
pub struct IdempotencyKeyError;

impl From<IdempotencyKeyError> for crate::i18n::Text {
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

/// What a booking attempt asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingRequest {
    pub slot_id: SlotId,
    pub units: u16,
    pub idempotency_key: Option<IdempotencyKey>,
    pub access_code: Option<String>,
}

/// A ticket let in at the door: who, and for what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckedIn {
    pub reservation: Reservation,
    pub name: String,
    pub drop_name: String,
    /// "Sat 5 Dec · 10:00–10:30" on the branch's clock.
    pub slot_label: String,
}
