//! Slots just found sold out, per process. In a stampede most attempts come after the last place
//! went: refusing those from memory for `MEMO` spares the database their writes and, where this
//! process writes every booking (SQLite), the idempotency-key read too, since only someone who
//! booked in the slot with a key can be retrying a booking that went through.
//!
//! Once an entry expires, one attempt goes to the write while the others are still refused, and
//! what that write finds renews or clears it. A place freed on another instance is offered again
//! about `MEMO` late; anything booked or freed here clears the entry at once, and an entry is
//! never stored if something changed in its slot while it was being read.

use crate::{drops::model::SlotId, identity::model::UserId};
use std::{
    collections::{HashMap, HashSet},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

const MEMO: Duration = Duration::from_millis(250);
/// Past this many slots, old records are dropped. A change record is only ever compared within
/// one read of a slot's bookers (milliseconds), so a minute's are plenty.
const MAX_SLOTS: usize = 10_000;
const KEEP_CHANGES: Duration = Duration::from_secs(60);

/// What the memo says to an attempt.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Sold out, and this person has no keyed booking here to be retrying: refuse.
    Refuse,
    /// Sold out, unless this is a retry of a booking that went through: look the key up.
    RefuseUnlessRetry,
    /// Unknown, or this attempt is the one to find out again: try the write.
    Check,
}

/// When the slot last changed on this process, as the caller saw it before reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen(Option<u64>);

#[derive(Clone, Default)]
pub struct SoldOutSlots(Arc<Mutex<Memo>>);

#[derive(Default)]
struct Memo {
    sold_out: HashMap<SlotId, Entry>,
    /// Slots whose bookers are being read to be remembered: one read at a time per slot.
    reading: HashSet<SlotId>,
    changes: HashMap<SlotId, (u64, Instant)>,
    next_change: u64,
}

impl Memo {
    /// The slot's last change here, as a reader sees it.
    fn seen(&self, slot: SlotId) -> Seen {
        Seen(self.changes.get(&slot).map(|(n, _)| *n))
    }
}

struct Entry {
    at: Instant,
    /// Everyone with a booking in the slot made with an idempotency key, where known exactly.
    keyed_bookers: Option<HashSet<UserId>>,
}

impl SoldOutSlots {
    pub fn verdict(&self, slot: SlotId, user: UserId, now: Instant) -> Verdict {
        let Ok(mut memo) = self.0.lock() else {
            return Verdict::Check;
        };
        let Some(entry) = memo.sold_out.get_mut(&slot) else {
            return Verdict::Check;
        };
        if now.saturating_duration_since(entry.at) >= MEMO {
            entry.at = now;
            return Verdict::Check;
        }
        match &entry.keyed_bookers {
            Some(bookers) if !bookers.contains(&user) => Verdict::Refuse,
            _ => Verdict::RefuseUnlessRetry,
        }
    }

    /// To call before reading what `remember` will store: `None` when there is nothing to do
    /// (the slot is remembered, or someone is reading it already); each `Some` must be followed
    /// by `remember` or `abandon`.
    pub fn start_remembering(&self, slot: SlotId, now: Instant) -> Option<Seen> {
        let mut memo = self.0.lock().ok()?;
        let fresh = memo
            .sold_out
            .get(&slot)
            .is_some_and(|entry| now.saturating_duration_since(entry.at) < MEMO);
        if fresh || !memo.reading.insert(slot) {
            return None;
        }
        Some(memo.seen(slot))
    }

    /// The read for `slot` failed: someone else may try.
    pub fn abandon(&self, slot: SlotId) {
        if let Ok(mut memo) = self.0.lock() {
            memo.reading.remove(&slot);
        }
    }

    /// Remembers `slot` as sold out, unless it changed here since `seen`.
    pub fn remember(
        &self,
        slot: SlotId,
        seen: Seen,
        now: Instant,
        keyed_bookers: Option<HashSet<UserId>>,
    ) {
        let Ok(mut memo) = self.0.lock() else {
            return;
        };
        memo.reading.remove(&slot);
        if memo.seen(slot) != seen {
            return;
        }
        if memo.sold_out.len() >= MAX_SLOTS {
            memo.sold_out
                .retain(|_, entry| now.saturating_duration_since(entry.at) < MEMO);
        }
        memo.sold_out.insert(
            slot,
            Entry {
                at: now,
                keyed_bookers,
            },
        );
    }

    /// Something was booked or freed in `slot` on this process.
    pub fn changed(&self, slot: SlotId, now: Instant) {
        let Ok(mut memo) = self.0.lock() else {
            return;
        };
        memo.sold_out.remove(&slot);
        if memo.changes.len() >= MAX_SLOTS {
            memo.changes
                .retain(|_, (_, at)| now.saturating_duration_since(*at) < KEEP_CHANGES);
        }
        memo.next_change += 1;
        let change = memo.next_change;
        memo.changes.insert(slot, (change, now));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids() -> (SlotId, UserId, UserId) {
        (
            "0190f1a6-0000-7000-8000-000000000001".parse().unwrap(),
            "0190f1a6-0000-7000-8000-000000000002".parse().unwrap(),
            "0190f1a6-0000-7000-8000-000000000003".parse().unwrap(),
        )
    }

    #[test]
    fn a_sold_out_slot_refuses_for_a_moment_and_lets_one_attempt_check_again() {
        let (slot, booker, other) = ids();
        let memo = SoldOutSlots::default();
        let start = Instant::now();
        assert_eq!(memo.verdict(slot, other, start), Verdict::Check);
        let seen = memo.start_remembering(slot, start).unwrap();
        assert_eq!(
            memo.start_remembering(slot, start),
            None,
            "one read at a time"
        );
        memo.remember(slot, seen, start, Some(HashSet::from([booker])));
        assert_eq!(
            memo.start_remembering(slot, start),
            None,
            "nor while remembered"
        );
        assert_eq!(memo.verdict(slot, other, start), Verdict::Refuse);
        assert_eq!(
            memo.verdict(slot, booker, start),
            Verdict::RefuseUnlessRetry,
            "a booker may be retrying"
        );
        let later = start + MEMO;
        assert_eq!(
            memo.verdict(slot, other, later),
            Verdict::Check,
            "one checks again"
        );
        assert_eq!(
            memo.verdict(slot, other, later),
            Verdict::Refuse,
            "the rest wait"
        );
    }

    #[test]
    fn without_known_bookers_every_refusal_looks_its_key_up() {
        let (slot, _, other) = ids();
        let memo = SoldOutSlots::default();
        let start = Instant::now();
        let seen = memo.start_remembering(slot, start).unwrap();
        memo.remember(slot, seen, start, None);
        assert_eq!(memo.verdict(slot, other, start), Verdict::RefuseUnlessRetry);
    }

    #[test]
    fn a_change_clears_the_slot_and_spoils_a_read_taken_before_it() {
        let (slot, booker, other) = ids();
        let memo = SoldOutSlots::default();
        let start = Instant::now();
        let seen = memo.start_remembering(slot, start).unwrap();
        memo.remember(slot, seen, start, Some(HashSet::from([booker])));
        memo.changed(slot, start);
        assert_eq!(memo.verdict(slot, other, start), Verdict::Check, "cleared");

        let seen = memo.start_remembering(slot, start).unwrap();
        memo.changed(slot, start); // someone booked while the bookers were being read
        memo.remember(slot, seen, start, Some(HashSet::from([booker])));
        assert_eq!(
            memo.verdict(slot, other, start),
            Verdict::Check,
            "not stored"
        );

        let seen = memo.start_remembering(slot, start).unwrap();
        memo.remember(slot, seen, start, Some(HashSet::new()));
        assert_eq!(
            memo.verdict(slot, other, start),
            Verdict::Refuse,
            "a clean read is"
        );
    }

    #[test]
    fn an_abandoned_read_lets_the_next_one_try() {
        let (slot, _, _) = ids();
        let memo = SoldOutSlots::default();
        let start = Instant::now();
        assert!(memo.start_remembering(slot, start).is_some());
        memo.abandon(slot);
        assert!(memo.start_remembering(slot, start).is_some());
    }
}
