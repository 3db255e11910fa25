//! The drop lifecycle and capacity rules as pure functions.
//!
//! draft -> scheduled (publish, with a window) -> open (at the opening instant) -> closed (at the
//! closing instant, or by the owner) -> archived; cancelled from any state before closed.

use super::model::{Capacity, DropStatus, DropWindow, SlotCounts};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DropCommand {
    Publish,
    /// Back to draft before opening, to change slots.
    Unpublish,
    Open,
    Close,
    Archive,
    Cancel,
}

impl DropCommand {
    /// The commands an owner may give, by name: publish, unpublish, close, archive, cancel
    /// (opening is the clock's).
    pub fn parse_owner_command(name: &str) -> Option<Self> {
        match name {
            "publish" => Some(Self::Publish),
            "unpublish" => Some(Self::Unpublish),
            "close" => Some(Self::Close),
            "archive" => Some(Self::Archive),
            "cancel" => Some(Self::Cancel),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a drop that is {from} cannot be {verb}", from = from.as_str(), verb = command_verb(*command))]
pub struct IllegalTransition {
    pub from: DropStatus,
    pub command: DropCommand,
}

fn command_verb(command: DropCommand) -> &'static str {
    match command {
        DropCommand::Publish => "published",
        DropCommand::Unpublish => "returned to draft",
        DropCommand::Open => "opened",
        DropCommand::Close => "closed",
        DropCommand::Archive => "archived",
        DropCommand::Cancel => "cancelled",
    }
}

impl From<IllegalTransition> for crate::i18n::Text {
    fn from(error: IllegalTransition) -> Self {
        let from = error.from.as_str();
        match error.command {
            DropCommand::Publish => crate::text!("drop-err-cannot-publish", from = from),
            DropCommand::Unpublish => crate::text!("drop-err-cannot-unpublish", from = from),
            DropCommand::Open => crate::text!("drop-err-cannot-open", from = from),
            DropCommand::Close => crate::text!("drop-err-cannot-close", from = from),
            DropCommand::Archive => crate::text!("drop-err-cannot-archive", from = from),
            DropCommand::Cancel => crate::text!("drop-err-cannot-cancel", from = from),
        }
    }
}

/// The one table of legal moves.
pub fn transition(from: DropStatus, command: DropCommand) -> Result<DropStatus, IllegalTransition> {
    use DropCommand as C;
    use DropStatus as S;
    match (from, command) {
        (S::Draft, C::Publish) => Ok(S::Scheduled),
        (S::Scheduled, C::Unpublish) => Ok(S::Draft),
        (S::Scheduled, C::Open) => Ok(S::Open),
        (S::Scheduled | S::Open, C::Close) => Ok(S::Closed),
        (S::Closed | S::Cancelled, C::Archive) => Ok(S::Archived),
        (S::Draft | S::Scheduled | S::Open, C::Cancel) => Ok(S::Cancelled),
        _ => Err(IllegalTransition { from, command }),
    }
}

/// The status at `now`: a published drop opens and closes by the clock, to the millisecond,
/// whether or not the background worker has written it down yet.
pub fn effective_status(
    stored: DropStatus,
    window: Option<DropWindow>,
    now: Timestamp,
) -> DropStatus {
    match (stored, window) {
        (DropStatus::Scheduled | DropStatus::Open, Some(w)) if now >= w.closes_at() => {
            DropStatus::Closed
        }
        (DropStatus::Scheduled, Some(w)) if now >= w.opens_at() => DropStatus::Open,
        (status, _) => status,
    }
}

/// The commands the clock has due for a drop at `now`, in order (a drop whose whole window
/// passed while no worker ran both opens and closes, so each event is written).
pub fn due_commands(
    stored: DropStatus,
    window: Option<DropWindow>,
    now: Timestamp,
) -> Vec<DropCommand> {
    let Some(w) = window else { return Vec::new() };
    let mut due = Vec::new();
    let mut status = stored;
    if status == DropStatus::Scheduled && now >= w.opens_at() {
        due.push(DropCommand::Open);
        status = DropStatus::Open;
    }
    if status == DropStatus::Open && now >= w.closes_at() {
        due.push(DropCommand::Close);
    }
    due
}

/// Whether slots may be added or removed: only while nobody can have booked.
pub fn slots_editable(status: DropStatus) -> bool {
    status == DropStatus::Draft
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CapacityEditError {
    #[error(
        "{taken} places are already held or confirmed in this slot; the capacity cannot go below that"
    )]
    BelowTaken { taken: u32 },
    #[error("capacity cannot change on a {} drop", .0.as_str())]
    Finished(DropStatus),
}

impl From<CapacityEditError> for crate::i18n::Text {
    fn from(error: CapacityEditError) -> Self {
        match error {
            CapacityEditError::BelowTaken { taken } => {
                crate::text!("drop-err-below-taken", taken = taken)
            }
            CapacityEditError::Finished(status) => {
                crate::text!("drop-err-capacity-finished", status = status.as_str())
            }
        }
    }
}

/// A capacity change: raising always works while the drop lives (the freed places go to the
/// waitlist); lowering never below what is held plus confirmed.
pub fn check_capacity_edit(
    status: DropStatus,
    counts: SlotCounts,
    new: Capacity,
) -> Result<(), CapacityEditError> {
    if matches!(
        status,
        DropStatus::Closed | DropStatus::Archived | DropStatus::Cancelled
    ) {
        return Err(CapacityEditError::Finished(status));
    }
    if new.get() < counts.taken() {
        return Err(CapacityEditError::BelowTaken {
            taken: counts.taken(),
        });
    }
    Ok(())
}

/// Whether a slot still takes bookings at `now`, given the drop's cutoff before its start.
pub fn slot_bookable(starts_at: Timestamp, cutoff_minutes: u32, now: Timestamp) -> bool {
    now.as_millis() + i64::from(cutoff_minutes) * 60_000 < starts_at.as_millis()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn window(opens: i64, closes: i64) -> Option<DropWindow> {
        DropWindow::new(
            Timestamp::from_millis(opens),
            Timestamp::from_millis(closes),
        )
        .ok()
    }

    #[test]
    fn a_drop_goes_from_draft_to_archived() {
        let mut status = DropStatus::Draft;
        for command in [
            DropCommand::Publish,
            DropCommand::Open,
            DropCommand::Close,
            DropCommand::Archive,
        ] {
            status = transition(status, command).unwrap();
        }
        assert_eq!(status, DropStatus::Archived);
    }

    #[test]
    fn illegal_moves_are_typed_errors_with_a_message() {
        let error = transition(DropStatus::Closed, DropCommand::Cancel).unwrap_err();
        assert_eq!(
            error.to_string(),
            "a drop that is closed cannot be cancelled"
        );
        assert!(transition(DropStatus::Draft, DropCommand::Open).is_err());
        assert!(transition(DropStatus::Archived, DropCommand::Publish).is_err());
    }

    #[test]
    fn the_clock_opens_and_closes_a_published_drop() {
        let w = window(1_000, 2_000);
        let at = Timestamp::from_millis;
        assert_eq!(
            effective_status(DropStatus::Scheduled, w, at(999)),
            DropStatus::Scheduled
        );
        assert_eq!(
            effective_status(DropStatus::Scheduled, w, at(1_000)),
            DropStatus::Open
        );
        assert_eq!(
            effective_status(DropStatus::Open, w, at(2_000)),
            DropStatus::Closed
        );
        assert_eq!(
            effective_status(DropStatus::Draft, w, at(1_500)),
            DropStatus::Draft,
            "a draft never opens by itself"
        );
        assert_eq!(
            due_commands(DropStatus::Scheduled, w, at(5_000)),
            [DropCommand::Open, DropCommand::Close]
        );
        assert!(due_commands(DropStatus::Cancelled, w, at(5_000)).is_empty());
    }

    #[test]
    fn capacity_never_drops_below_what_is_taken() {
        let counts = SlotCounts {
            held: 3,
            confirmed: 4,
            ..SlotCounts::default()
        };
        let cap = |n| Capacity::new(n).unwrap();
        assert_eq!(
            check_capacity_edit(DropStatus::Open, counts, cap(6)),
            Err(CapacityEditError::BelowTaken { taken: 7 })
        );
        assert!(check_capacity_edit(DropStatus::Open, counts, cap(7)).is_ok());
        assert!(check_capacity_edit(DropStatus::Scheduled, counts, cap(500)).is_ok());
        assert!(check_capacity_edit(DropStatus::Closed, counts, cap(500)).is_err());
    }

    #[test]
    fn bookings_stop_at_the_cutoff() {
        let start = Timestamp::from_millis(60 * 60_000);
        assert!(slot_bookable(
            start,
            30,
            Timestamp::from_millis(29 * 60_000)
        ));
        assert!(!slot_bookable(
            start,
            30,
            Timestamp::from_millis(30 * 60_000)
        ));
        assert!(!slot_bookable(start, 0, start));
    }

    fn any_command() -> impl Strategy<Value = DropCommand> {
        prop_oneof![
            Just(DropCommand::Publish),
            Just(DropCommand::Unpublish),
            Just(DropCommand::Open),
            Just(DropCommand::Close),
            Just(DropCommand::Archive),
            Just(DropCommand::Cancel),
        ]
    }

    proptest! {
        #[test]
        fn random_command_sequences_keep_the_lifecycle_honest(commands in prop::collection::vec(any_command(), 0..40)) {
            let mut status = DropStatus::Draft;
            let mut was_closed = false;
            for command in commands {
                match transition(status, command) {
                    Ok(next) => {
                        // Finished drops never come back to life.
                        prop_assert!(!matches!(status, DropStatus::Archived));
                        if was_closed || status == DropStatus::Cancelled {
                            prop_assert!(matches!(next, DropStatus::Archived));
                        }
                        // Cancelling is only possible before closing.
                        if command == DropCommand::Cancel {
                            prop_assert!(matches!(status, DropStatus::Draft | DropStatus::Scheduled | DropStatus::Open));
                        }
                        was_closed |= next == DropStatus::Closed;
                        status = next;
                    }
                    Err(error) => {
                        prop_assert_eq!(error.from, status);
                        prop_assert_eq!(error.command, command);
                    }
                }
            }
        }

        #[test]
        fn the_clock_agrees_with_the_commands_it_schedules(opens in 0i64..10_000, length in 1i64..10_000, now in 0i64..30_000) {
            let w = window(opens, opens + length);
            let mut status = DropStatus::Scheduled;
            for command in due_commands(status, w, Timestamp::from_millis(now)) {
                status = transition(status, command).unwrap();
            }
            prop_assert_eq!(status, effective_status(DropStatus::Scheduled, w, Timestamp::from_millis(now)));
        }

        #[test]
        fn an_accepted_capacity_always_covers_what_is_taken(held in 0u32..500, confirmed in 0u32..500, new in 1u32..1_000) {
            let counts = SlotCounts { held, confirmed, ..SlotCounts::default() };
            let ok = check_capacity_edit(DropStatus::Open, counts, Capacity::new(new).unwrap()).is_ok();
            prop_assert_eq!(ok, new >= held + confirmed);
        }
    }
}
