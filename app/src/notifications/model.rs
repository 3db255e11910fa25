//! Notification types shared by the server and the browser: what kind of message, on which
//! channel, and where its delivery stands.

use crate::{
    ids::{DropId, NotificationId},
    newtype::string_newtype_conversions,
    products::model::{TextError, bounded_text},
    time::Timestamp,
};
use serde::{Deserialize, Serialize};

/// The path of "stop telling me when drops open": a page on GET, RFC 8058's one-click on POST.
pub const STOP_ALERTS_PATH: &str = "/alerts/stop";

/// What a message tells. Stored by name (`as_str`), so names never change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageKind {
    /// Booked and confirmed: carries the ticket.
    Confirmed,
    /// Places held until a deadline, for a deposit.
    Held,
    Cancelled,
    HoldExpired,
    WaitlistJoined,
    /// Freed places held for the person until a deadline, with a one-tap link.
    WaitlistOffered,
    /// Before the slot, at each of the drop's lead times.
    Reminder,
    /// Before a drop opens, to people who asked to be told (the only kind that needs opt-in).
    DropOpening,
    /// Written by another context (an account link, a staff invitation), sent as it is.
    AccountMail,
}

impl MessageKind {
    pub const ALL: [Self; 9] = [
        Self::Confirmed,
        Self::Held,
        Self::Cancelled,
        Self::HoldExpired,
        Self::WaitlistJoined,
        Self::WaitlistOffered,
        Self::Reminder,
        Self::DropOpening,
        Self::AccountMail,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Confirmed => "confirmed",
            Self::Held => "held",
            Self::Cancelled => "cancelled",
            Self::HoldExpired => "hold_expired",
            Self::WaitlistJoined => "waitlist_joined",
            Self::WaitlistOffered => "waitlist_offered",
            Self::Reminder => "reminder",
            Self::DropOpening => "drop_opening",
            Self::AccountMail => "account_mail",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == text)
    }

    /// What goes first when messages queue up (lower first): deadlines, then what someone
    /// waits for now, then the rest.
    pub fn priority(self) -> i64 {
        match self {
            Self::Held | Self::WaitlistOffered => 0,
            Self::DropOpening | Self::AccountMail => 1,
            Self::Confirmed
            | Self::Cancelled
            | Self::HoldExpired
            | Self::WaitlistJoined
            | Self::Reminder => 2,
        }
    }

    /// Whether a store's owners may add a note to this kind: all but mail written elsewhere.
    pub fn takes_notes(self) -> bool {
        self != Self::AccountMail
    }

    /// The kinds that take notes, in the order the owner's page lists them.
    pub fn noted() -> impl Iterator<Item = Self> {
        Self::ALL.into_iter().filter(|kind| kind.takes_notes())
    }
}

/// A store's own words added to one kind of message (where to park, what to bring): up to
/// `MAX_CHARS`, lines kept; refused when longer, never cut.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct StoreNote(String);

impl StoreNote {
    pub const MAX_CHARS: usize = 500;

    pub fn parse(input: &str) -> Result<Self, TextError> {
        bounded_text(input, 1, Self::MAX_CHARS, true).map(Self)
    }

    /// What an owner typed: nothing (no note) or a note.
    pub fn parse_optional(input: &str) -> Result<Option<Self>, TextError> {
        if input.trim().is_empty() {
            Ok(None)
        } else {
            Self::parse(input).map(Some)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

string_newtype_conversions!(StoreNote);

/// How a message reaches a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Email,
    Sms,
    Push,
}

impl Channel {
    pub const ALL: [Self; 3] = [Self::Email, Self::Sms, Self::Push];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Sms => "sms",
            Self::Push => "push",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|channel| channel.as_str() == text)
    }
}

/// Where one message on one channel stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Waiting for its time (a reminder, a retry).
    Pending,
    /// Taken by a worker, which holds it until its lease ends.
    Sending,
    Sent,
    /// Given up on after the last attempt, or refused for good by the provider: a dead letter.
    Failed,
    /// Not sent because it no longer applied (a reminder for a cancelled reservation).
    Skipped,
}

impl DeliveryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sending => "sending",
            Self::Sent => "sent",
            Self::Failed => "failed",
            Self::Skipped => "skipped",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            Self::Pending,
            Self::Sending,
            Self::Sent,
            Self::Failed,
            Self::Skipped,
        ]
        .into_iter()
        .find(|status| status.as_str() == text)
    }
}

/// One message on one channel as its log shows it: to the owner (failed deliveries of their
/// drops) and in tests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delivery {
    pub id: NotificationId,
    pub kind: MessageKind,
    pub channel: Channel,
    pub status: DeliveryStatus,
    /// The person's email address (or the address written to, for mail to someone without an
    /// account), as the owner may see it: people who booked at their store.
    pub recipient: String,
    pub drop_id: Option<DropId>,
    pub attempts: u32,
    pub last_error: Option<String>,
    pub provider_id: Option<String>,
    pub created_at: Timestamp,
    pub sent_at: Option<Timestamp>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_note_keeps_its_lines_and_is_refused_when_too_long() {
        let note = StoreNote::parse("  Park at the back.\nBring a bag.  ").unwrap();
        assert_eq!(note.as_str(), "Park at the back.\nBring a bag.");
        assert_eq!(StoreNote::parse_optional("   "), Ok(None));
        let long = "a".repeat(StoreNote::MAX_CHARS + 1);
        assert_eq!(
            StoreNote::parse(&long),
            Err(TextError::TooLong(StoreNote::MAX_CHARS))
        );
        assert_eq!(
            StoreNote::parse("bell\u{7}"),
            Err(TextError::ControlCharacter)
        );
    }

    #[test]
    fn kinds_keep_their_stored_names() {
        for kind in MessageKind::ALL {
            assert_eq!(MessageKind::parse(kind.as_str()), Some(kind));
        }
        assert!(!MessageKind::noted().any(|kind| kind == MessageKind::AccountMail));
    }
}
