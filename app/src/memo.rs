//! Per-process memos of what was just read or decided, kept for a moment. In a stampede the same
//! few slots are asked about thousands of times a second; each memo's user says what it may
//! answer from it, and why a moment's staleness is safe there.

use std::{
    collections::HashMap,
    hash::Hash,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

/// Beyond this many entries (unless a memo says otherwise), expired ones are dropped, and if
/// none had expired, all: a memo never grows without bound.
const MAX_ENTRIES: usize = 10_000;

#[derive(Clone)]
pub struct TimedMemo<K, V> {
    ttl: Duration,
    max_entries: usize,
    entries: Arc<Mutex<HashMap<K, (Instant, V)>>>,
}

impl<K: Eq + Hash, V: Clone> TimedMemo<K, V> {
    pub fn new(ttl: Duration) -> Self {
        Self::bounded(ttl, MAX_ENTRIES)
    }

    /// A memo of up to `max_entries`, for one keyed by person rather than by slot.
    pub fn bounded(ttl: Duration, max_entries: usize) -> Self {
        Self {
            ttl,
            max_entries,
            entries: Arc::default(),
        }
    }

    /// The value remembered for `key`, if put less than the memo's time before `now`.
    pub fn get(&self, key: &K, now: Instant) -> Option<V> {
        let entries = self.entries.lock().ok()?;
        entries
            .get(key)
            .filter(|(at, _)| now.saturating_duration_since(*at) < self.ttl)
            .map(|(_, value)| value.clone())
    }

    pub fn put(&self, key: K, now: Instant, value: V) {
        if let Ok(mut entries) = self.entries.lock() {
            self.insert(&mut entries, key, now, value);
        }
    }

    /// Replaces the value for `key` by what `change` makes of the current one (None when there
    /// is none, or it is older than the memo's time), in one step: two callers never both see
    /// the same value. `change` answering None forgets the key. Answers the new value.
    pub fn update(
        &self,
        key: K,
        now: Instant,
        change: impl FnOnce(Option<V>) -> Option<V>,
    ) -> Option<V> {
        let mut entries = self.entries.lock().ok()?;
        let current = entries
            .get(&key)
            .filter(|(at, _)| now.saturating_duration_since(*at) < self.ttl)
            .map(|(_, value)| value.clone());
        let changed = change(current);
        match &changed {
            Some(value) => self.insert(&mut entries, key, now, value.clone()),
            None => {
                entries.remove(&key);
            }
        }
        changed
    }

    fn insert(&self, entries: &mut HashMap<K, (Instant, V)>, key: K, now: Instant, value: V) {
        if entries.len() >= self.max_entries {
            entries.retain(|_, (at, _)| now.saturating_duration_since(*at) < self.ttl);
            if entries.len() >= self.max_entries {
                entries.clear();
            }
        }
        entries.insert(key, (now, value));
    }

    pub fn forget(&self, key: &K) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.remove(key);
        }
    }

    pub fn clear(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
    }
}

/// Gates held at once past which the ones nobody holds any more are dropped.
const ABANDONED_GATES_CHECKED_AT: usize = 256;

/// One task at a time per key, the others waiting for it; keys of different values never wait
/// for each other. For reads many requests would otherwise repeat at once (a drop's opening
/// instant), where whoever waited finds what the one before read.
pub struct SingleFlight<K> {
    gates: Mutex<HashMap<K, Arc<tokio::sync::Mutex<()>>>>,
}

impl<K> Default for SingleFlight<K> {
    fn default() -> Self {
        Self {
            gates: Mutex::default(),
        }
    }
}

impl<K: Eq + Hash + Clone> SingleFlight<K> {
    /// Waits for the key's turn; the turn ends when the answer is dropped.
    pub async fn enter(&self, key: &K) -> Turn<'_, K> {
        let gate = match self.gates.lock() {
            Ok(mut gates) => {
                // A waiter cancelled after the one before it left leaves its gate behind.
                if gates.len() >= ABANDONED_GATES_CHECKED_AT {
                    gates.retain(|_, gate| Arc::strong_count(gate) > 1);
                }
                gates.entry(key.clone()).or_default().clone()
            }
            Err(_) => Arc::default(),
        };
        let guard = gate.clone().lock_owned().await;
        Turn {
            flights: self,
            key: key.clone(),
            gate,
            _guard: Some(guard),
        }
    }
}

pub struct Turn<'a, K: Eq + Hash> {
    flights: &'a SingleFlight<K>,
    key: K,
    gate: Arc<tokio::sync::Mutex<()>>,
    _guard: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl<K: Eq + Hash> Drop for Turn<'_, K> {
    fn drop(&mut self) {
        self._guard = None;
        // The last one out removes the gate: the map holds only keys being read.
        if let Ok(mut gates) = self.flights.gates.lock()
            && Arc::strong_count(&self.gate) <= 2
        {
            gates.remove(&self.key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_remembered_for_a_moment_until_cleared() {
        let ttl = Duration::from_millis(250);
        let memo = TimedMemo::new(ttl);
        let start = Instant::now();
        assert_eq!(memo.get(&1, start), None);
        memo.put(1, start, "sold out");
        assert_eq!(memo.get(&1, start + ttl / 2), Some("sold out"));
        assert_eq!(memo.get(&2, start), None);
        assert_eq!(memo.get(&1, start + ttl), None, "only for a moment");
        memo.put(2, start, "full");
        memo.forget(&2);
        assert_eq!(memo.get(&2, start), None);
        memo.clear();
        assert_eq!(memo.get(&1, start), None);
    }

    #[tokio::test]
    async fn one_flight_per_key_and_keys_do_not_wait_for_each_other() {
        let flights = SingleFlight::default();
        let first = flights.enter(&1).await;
        let other = tokio::time::timeout(Duration::from_millis(100), flights.enter(&2)).await;
        assert!(other.is_ok(), "another key goes at once");
        drop(other);
        let same = tokio::time::timeout(Duration::from_millis(100), flights.enter(&1)).await;
        assert!(same.is_err(), "the same key waits for the first");
        drop(first);
        assert!(
            flights.gates.lock().unwrap().is_empty(),
            "no gate is left behind"
        );
        let again = tokio::time::timeout(Duration::from_millis(100), flights.enter(&1)).await;
        assert!(again.is_ok());
    }

    #[test]
    fn a_full_memo_makes_room() {
        let ttl = Duration::from_secs(1);
        let memo = TimedMemo::new(ttl);
        let start = Instant::now();
        for key in 0..MAX_ENTRIES {
            memo.put(key, start, ());
        }
        memo.put(MAX_ENTRIES, start + ttl, ());
        assert_eq!(memo.get(&0, start), None, "the expired went");
        assert_eq!(memo.get(&MAX_ENTRIES, start + ttl), Some(()));
        assert_eq!(memo.entries.lock().unwrap().len(), 1);
    }
}
