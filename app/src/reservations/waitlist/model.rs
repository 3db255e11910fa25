//! The waitlist of a full slot, as pure rules shared with the browser: who is offered freed
//! places, and where a person stands in line.
//!
//! Fairness: while anyone waits, freed places go to the line, never to a new booking. The line
//! is served in the order people joined; someone who wants more places than are free keeps their
//! position, and the next person whose request fits is offered instead, so places never sit idle
//! behind one large request.

use crate::{
    ids::{DropId, SlotId},
    time::Timestamp,
};
use serde::{Deserialize, Serialize};

pub use crate::ids::WaitlistEntryId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WaitlistStatus {
    /// In line.
    Waiting,
    /// Places were held for this person (a reservation in the held state).
    Offered,
    /// The person left the line.
    Left,
    /// Taken out of line: the drop was cancelled, or the person reached the drop's limit.
    Void,
}

impl WaitlistStatus {
    pub const ALL: [Self; 4] = [Self::Waiting, Self::Offered, Self::Left, Self::Void];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Waiting => "waiting",
            Self::Offered => "offered",
            Self::Left => "left",
            Self::Void => "void",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// One person in one slot's line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitlistEntry {
    pub id: WaitlistEntryId,
    pub drop_id: DropId,
    pub slot_id: SlotId,
    pub units: u16,
    pub status: WaitlistStatus,
    pub joined_at: Timestamp,
    /// 1 for the first in line; only while waiting.
    pub position: Option<u32>,
}

/// Someone waiting, as the offer rule sees them: in line order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Waiting<Id> {
    pub id: Id,
    pub units: u16,
}

/// Who gets offered places when `free` places are free in a slot whose line is `line` (in the
/// order people joined): each in turn whose request fits in what is still free.
pub fn offers<Id: Copy>(free: u32, line: &[Waiting<Id>]) -> Vec<Id> {
    let mut left = free;
    let mut chosen = Vec::new();
    for waiting in line {
        if left == 0 {
            break;
        }
        let units = u32::from(waiting.units);
        if units <= left {
            left -= units;
            chosen.push(waiting.id);
        }
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn line(units: &[u16]) -> Vec<Waiting<usize>> {
        units
            .iter()
            .enumerate()
            .map(|(id, &units)| Waiting { id, units })
            .collect()
    }

    #[test]
    fn the_first_in_line_is_offered_first() {
        assert_eq!(offers(1, &line(&[1, 1, 1])), vec![0]);
        assert_eq!(offers(2, &line(&[1, 1, 1])), vec![0, 1]);
        assert_eq!(offers(0, &line(&[1])), Vec::<usize>::new());
    }

    #[test]
    fn a_request_too_large_keeps_its_place_and_the_next_that_fits_is_offered() {
        assert_eq!(offers(2, &line(&[3, 2, 1])), vec![1]);
        assert_eq!(offers(3, &line(&[2, 2, 1])), vec![0, 2]);
    }

    proptest! {
        #[test]
        fn offers_never_exceed_what_is_free_and_follow_the_line(
            free in 0u32..20,
            units in prop::collection::vec(1u16..5, 0..30),
        ) {
            let line = line(&units);
            let chosen = offers(free, &line);
            let offered: u32 = chosen.iter().map(|&i| u32::from(units[i])).sum();
            prop_assert!(offered <= free, "never more than is free");
            prop_assert!(chosen.windows(2).all(|w| w[0] < w[1]), "in line order");
            // Nobody passed over could still have been served: whoever was skipped did not fit
            // in what was left when their turn came.
            let mut left = free;
            for (i, &u) in units.iter().enumerate() {
                let fits = u32::from(u) <= left;
                prop_assert_eq!(chosen.contains(&i), fits && left > 0);
                if chosen.contains(&i) {
                    left -= u32::from(u);
                }
            }
        }
    }
}
