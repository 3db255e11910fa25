//! The reservation lifecycle as a pure state machine.
//!
//! held -> confirmed (at once without a deposit, after payment with one) -> checked in;
//! held -> expired (past its time to live) or cancelled; confirmed -> cancelled (by the shopper
//! within the cancellation window, or by the owner) or no-show (not checked in when the slot
//! ended). Checked in, cancelled, expired and no-show are final, except that a check-in may be
//! undone within the undo window (back to confirmed).

pub mod booking;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReservationStatus {
    Held,
    Confirmed,
    CheckedIn,
    Cancelled,
    Expired,
    NoShow,
}

impl ReservationStatus {
    pub const ALL: [Self; 6] = [
        Self::Held,
        Self::Confirmed,
        Self::CheckedIn,
        Self::Cancelled,
        Self::Expired,
        Self::NoShow,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Held => "held",
            Self::Confirmed => "confirmed",
            Self::CheckedIn => "checked_in",
            Self::Cancelled => "cancelled",
            Self::Expired => "expired",
            Self::NoShow => "no_show",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Whether the reservation takes places in its slot.
    pub fn takes_places(self) -> bool {
        matches!(self, Self::Held | Self::Confirmed | Self::CheckedIn)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReservationEvent {
    Confirm,
    CheckIn,
    UndoCheckIn,
    Cancel,
    Expire,
    MarkNoShow,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a reservation that is {} cannot take {:?}", .from.as_str(), .event)]
pub struct IllegalReservationMove {
    pub from: ReservationStatus,
    pub event: ReservationEvent,
}

pub fn next(
    from: ReservationStatus,
    event: ReservationEvent,
) -> Result<ReservationStatus, IllegalReservationMove> {
    use ReservationEvent as E;
    use ReservationStatus as S;
    match (from, event) {
        (S::Held, E::Confirm) => Ok(S::Confirmed),
        (S::Held, E::Expire) => Ok(S::Expired),
        (S::Held | S::Confirmed, E::Cancel) => Ok(S::Cancelled),
        (S::Confirmed, E::CheckIn) => Ok(S::CheckedIn),
        (S::CheckedIn, E::UndoCheckIn) => Ok(S::Confirmed),
        (S::Confirmed, E::MarkNoShow) => Ok(S::NoShow),
        _ => Err(IllegalReservationMove { from, event }),
    }
}

/// Where a scan falls against its slot, with the door's grace on both sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DoorTiming {
    TooEarly,
    OnTime,
    TooLate,
}

pub fn door_timing(now_ms: i64, starts_ms: i64, ends_ms: i64, grace_minutes: u32) -> DoorTiming {
    let grace = i64::from(grace_minutes) * 60_000;
    if now_ms < starts_ms - grace {
        DoorTiming::TooEarly
    } else if now_ms > ends_ms + grace {
        DoorTiming::TooLate
    } else {
        DoorTiming::OnTime
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_door_opens_grace_minutes_before_and_closes_grace_minutes_after() {
        let (start, end) = (60 * 60_000, 90 * 60_000);
        assert_eq!(
            door_timing(44 * 60_000, start, end, 15),
            DoorTiming::TooEarly
        );
        assert_eq!(door_timing(45 * 60_000, start, end, 15), DoorTiming::OnTime);
        assert_eq!(
            door_timing(105 * 60_000, start, end, 15),
            DoorTiming::OnTime
        );
        assert_eq!(
            door_timing(105 * 60_000 + 1, start, end, 15),
            DoorTiming::TooLate
        );
    }

    fn any_event() -> impl Strategy<Value = ReservationEvent> {
        prop_oneof![
            Just(ReservationEvent::Confirm),
            Just(ReservationEvent::CheckIn),
            Just(ReservationEvent::UndoCheckIn),
            Just(ReservationEvent::Cancel),
            Just(ReservationEvent::Expire),
            Just(ReservationEvent::MarkNoShow),
        ]
    }

    #[test]
    fn a_booking_is_held_confirmed_and_checked_in() {
        let mut status = ReservationStatus::Held;
        for event in [ReservationEvent::Confirm, ReservationEvent::CheckIn] {
            status = next(status, event).unwrap();
        }
        assert_eq!(status, ReservationStatus::CheckedIn);
        assert!(
            next(status, ReservationEvent::CheckIn).is_err(),
            "checked in at most once"
        );
        assert!(next(ReservationStatus::Expired, ReservationEvent::Confirm).is_err());
    }

    proptest! {
        #[test]
        fn final_states_stay_final_and_check_ins_count_once(events in prop::collection::vec(any_event(), 0..40)) {
            let mut status = ReservationStatus::Held;
            let mut check_ins = 0i32;
            for event in events {
                if let Ok(moved) = next(status, event) {
                    prop_assert!(!matches!(status, ReservationStatus::Cancelled | ReservationStatus::Expired | ReservationStatus::NoShow));
                    match (status, moved) {
                        (_, ReservationStatus::CheckedIn) => check_ins += 1,
                        (ReservationStatus::CheckedIn, _) => check_ins -= 1,
                        _ => {}
                    }
                    // Places are only ever given back, never taken again.
                    prop_assert!(status.takes_places() || !moved.takes_places());
                    status = moved;
                }
                prop_assert!((0..=1).contains(&check_ins));
            }
        }
    }
}
