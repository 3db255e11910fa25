//! A per-process memo of slots just found sold out. In a stampede most attempts come after the
//! last place went; answering those from memory for a moment spares the database the reads.
//! Only refusals are ever answered from it, and only for `MEMO`: a place freed meanwhile
//! (another instance's cancellation, a raised capacity) is offered again at most that late.

use crate::drops::model::SlotId;
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

const MEMO: Duration = Duration::from_millis(250);

#[derive(Clone, Default)]
pub struct SoldOut(Arc<Mutex<HashMap<SlotId, Instant>>>);

impl SoldOut {
    /// Whether `slot` was found sold out within the memo's time before `now`.
    pub fn recently(&self, slot: SlotId, now: Instant) -> bool {
        self.0
            .lock()
            .map(|seen| {
                seen.get(&slot)
                    .is_some_and(|at| now.saturating_duration_since(*at) < MEMO)
            })
            .unwrap_or(false)
    }

    pub fn mark(&self, slot: SlotId, now: Instant) {
        if let Ok(mut seen) = self.0.lock() {
            seen.retain(|_, at| now.saturating_duration_since(*at) < MEMO);
            seen.insert(slot, now);
        }
    }

    /// Places freed on this instance: the slot is bookable again at once.
    pub fn forget(&self, slot: SlotId) {
        if let Ok(mut seen) = self.0.lock() {
            seen.remove(&slot);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sold_out_slot_is_remembered_briefly_and_forgotten_when_places_free_up() {
        let memo = SoldOut::default();
        let slot: SlotId = "0190f1a6-0000-7000-8000-000000000001".parse().unwrap();
        let other: SlotId = "0190f1a6-0000-7000-8000-000000000002".parse().unwrap();
        let start = Instant::now();
        assert!(!memo.recently(slot, start));
        memo.mark(slot, start);
        assert!(memo.recently(slot, start + MEMO / 2));
        assert!(!memo.recently(other, start));
        assert!(!memo.recently(slot, start + MEMO), "only for a moment");
        memo.forget(slot);
        assert!(!memo.recently(slot, start));
    }
}
