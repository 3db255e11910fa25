//! Domain events: what happened in one context that others (notifications, analytics, the
//! waitlist) react to. Written to the outbox in the transaction of the change itself, then
//! delivered at least once by the dispatcher, so consumers must be idempotent (by `event_id`).

#[cfg(feature = "ssr")]
pub mod outbox;

use crate::{
    ids::{DropId, ReservationId, SlotId, StoreId, UserId, WaitlistEntryId},
    time::Timestamp,
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum DomainEvent {
    DropPublished {
        drop_id: DropId,
        store_id: StoreId,
        opens_at: Timestamp,
        closes_at: Timestamp,
    },
    DropOpened {
        drop_id: DropId,
        store_id: StoreId,
    },
    DropClosed {
        drop_id: DropId,
        store_id: StoreId,
        by_owner: bool,
    },
    DropCancelled {
        drop_id: DropId,
        store_id: StoreId,
    },
    /// A scheduled drop's window was moved by its owners.
    DropRescheduled {
        drop_id: DropId,
        store_id: StoreId,
        opens_at: Timestamp,
        closes_at: Timestamp,
    },
    CapacityChanged {
        drop_id: DropId,
        slot_id: SlotId,
        from: u32,
        to: u32,
    },
    ReservationHeld(ReservationFacts),
    ReservationConfirmed(ReservationFacts),
    ReservationCancelled(ReservationFacts),
    ReservationExpired(ReservationFacts),
    CheckedIn {
        reservation: ReservationFacts,
        by: UserId,
    },
    CheckInUndone(ReservationFacts),
    NoShow(ReservationFacts),
    WaitlistJoined(WaitlistFacts),
    WaitlistLeft(WaitlistFacts),
    /// Freed places held for the next in line, until `expires_at`.
    WaitlistOffered {
        entry: WaitlistFacts,
        reservation_id: ReservationId,
        expires_at: Timestamp,
    },
}

/// What every reservation event carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReservationFacts {
    pub reservation_id: ReservationId,
    pub drop_id: DropId,
    pub slot_id: SlotId,
    pub user_id: UserId,
    pub units: u16,
}

/// What every waitlist event carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitlistFacts {
    pub entry_id: WaitlistEntryId,
    pub drop_id: DropId,
    pub slot_id: SlotId,
    pub user_id: UserId,
    pub units: u16,
}

impl DomainEvent {
    pub fn kind(&self) -> &'static str {
        match self {
            Self::DropPublished { .. } => "DropPublished",
            Self::DropOpened { .. } => "DropOpened",
            Self::DropClosed { .. } => "DropClosed",
            Self::DropCancelled { .. } => "DropCancelled",
            Self::DropRescheduled { .. } => "DropRescheduled",
            Self::CapacityChanged { .. } => "CapacityChanged",
            Self::ReservationHeld(_) => "ReservationHeld",
            Self::ReservationConfirmed(_) => "ReservationConfirmed",
            Self::ReservationCancelled(_) => "ReservationCancelled",
            Self::ReservationExpired(_) => "ReservationExpired",
            Self::CheckedIn { .. } => "CheckedIn",
            Self::CheckInUndone(_) => "CheckInUndone",
            Self::NoShow(_) => "NoShow",
            Self::WaitlistJoined(_) => "WaitlistJoined",
            Self::WaitlistLeft(_) => "WaitlistLeft",
            Self::WaitlistOffered { .. } => "WaitlistOffered",
        }
    }

    /// The entity the event is about, for ordering and lookups.
    pub fn aggregate_id(&self) -> String {
        match self {
            Self::DropPublished { drop_id, .. }
            | Self::DropOpened { drop_id, .. }
            | Self::DropClosed { drop_id, .. }
            | Self::DropCancelled { drop_id, .. }
            | Self::DropRescheduled { drop_id, .. }
            | Self::CapacityChanged { drop_id, .. } => drop_id.to_string(),
            Self::ReservationHeld(facts)
            | Self::ReservationConfirmed(facts)
            | Self::ReservationCancelled(facts)
            | Self::ReservationExpired(facts)
            | Self::CheckInUndone(facts)
            | Self::NoShow(facts)
            | Self::CheckedIn {
                reservation: facts, ..
            } => facts.reservation_id.to_string(),
            Self::WaitlistJoined(facts)
            | Self::WaitlistLeft(facts)
            | Self::WaitlistOffered { entry: facts, .. } => facts.entry_id.to_string(),
        }
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests;
