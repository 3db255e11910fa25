//! The limiter every request passes: counts in this process, shared with the other instances
//! by `sync`, which a background task runs every `SYNC_INTERVAL`.

use super::{
    rules::{Action, Bucket, Limit, Subject, retry_after_secs, window_start},
    storage::{Count, SharedCounts},
};
use crate::db::Db;
use std::{
    collections::HashMap,
    hash::{BuildHasher, RandomState},
    sync::{Arc, Mutex, MutexGuard},
    time::Duration,
};

pub const SYNC_INTERVAL: Duration = Duration::from_millis(250);
/// Requests from many cores check different keys at once; one lock for all would serialise them.
const SHARDS: usize = 16;

/// A subject's counts, one per action: a request finds all it needs with one lookup.
type Buckets = HashMap<Subject, [Bucket; Action::COUNT]>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Allowed,
    Refused { retry_after_secs: u64 },
}

#[derive(Clone)]
pub struct RateLimiter(Arc<Inner>);

struct Inner {
    limits: [Option<Limit>; Action::COUNT],
    shards: Vec<Mutex<Buckets>>,
    /// Picks a subject's shard (the shards' maps hash with their own keys).
    sharding: RandomState,
    /// The table the instances meet in; none on SQLite, which one process serves alone.
    shared: Option<SharedCounts>,
}

impl RateLimiter {
    pub fn new(db: Db, limits: HashMap<Action, Limit>) -> Self {
        Self(Arc::new(Inner {
            limits: Action::ALL.map(|action| limits.get(&action).copied()),
            shards: (0..SHARDS).map(|_| Mutex::default()).collect(),
            sharding: RandomState::new(),
            shared: match db {
                Db::Postgres(_) => Some(SharedCounts::new(db)),
                Db::Sqlite(_) => None,
            },
        }))
    }

    /// Counts the request against each subject's limits for the actions; refused if any is used
    /// up (what was counted before it stays counted: an attempt is an attempt).
    pub fn check(&self, actions: &[Action], subjects: &[Subject], now_ms: i64) -> Verdict {
        for subject in subjects {
            let bounded = |action: Action| {
                let limit = self.0.limits[action.index()]?;
                Some((limit, limit.bound(subject)?))
            };
            if !actions.iter().any(|&action| bounded(action).is_some()) {
                continue;
            }
            let mut buckets = self.shard(subject);
            let counts = buckets.entry(*subject).or_default();
            for &action in actions {
                let Some((limit, bound)) = bounded(action) else {
                    continue;
                };
                let window_ms = limit.window_ms();
                let start = window_start(now_ms, window_ms);
                if !counts[action.index()].admit(start, bound) {
                    return Verdict::Refused {
                        retry_after_secs: retry_after_secs(now_ms, start, window_ms),
                    };
                }
            }
        }
        Verdict::Allowed
    }

    /// Adds this process's counts of busy keys to the shared ones and reads back the totals;
    /// forgets subjects whose windows are all over.
    pub async fn sync(&self, now_ms: i64) -> Result<usize, sqlx::Error> {
        let mut taken: Vec<(Subject, Action, Count)> = Vec::new();
        let sharing = self.0.shared.is_some();
        for shard in &self.0.shards {
            let mut buckets = lock(shard);
            buckets.retain(|subject, counts| {
                let mut current = false;
                for action in Action::ALL {
                    let Some(limit) = self.0.limits[action.index()] else {
                        continue;
                    };
                    let bucket = &mut counts[action.index()];
                    if bucket.window_start != window_start(now_ms, limit.window_ms()) {
                        continue;
                    }
                    current = true;
                    let bound = limit.bound(subject).unwrap_or(u32::MAX);
                    // A strict action's few requests are all shared: a quarter of 30 sign-ins
                    // on each of several instances would add up past the limit unseen.
                    let due =
                        bucket.needs_sync(bound) || (action.is_strict() && bucket.pending > 0);
                    if sharing && due {
                        // Counted as shared from now on, so admitting goes on seeing it.
                        bucket.shared = bucket.shared.saturating_add(bucket.pending);
                        taken.push((
                            *subject,
                            action,
                            Count {
                                key: subject.key(action),
                                window_start: bucket.window_start,
                                hits: std::mem::take(&mut bucket.pending),
                            },
                        ));
                    }
                }
                current
            });
        }
        let Some(shared) = self.0.shared.as_ref().filter(|_| !taken.is_empty()) else {
            return Ok(0);
        };
        taken.sort_by(|a, b| a.2.key.cmp(&b.2.key));
        let counts: Vec<Count> = taken.iter().map(|(_, _, count)| count.clone()).collect();
        let totals = match shared.add(&counts).await {
            Ok(totals) => totals,
            Err(error) => {
                // Not shared after all: the counts go back to waiting for the next sync.
                for (subject, action, count) in &taken {
                    if let Some(counts) = self.shard(subject).get_mut(subject) {
                        let bucket = &mut counts[action.index()];
                        if bucket.window_start == count.window_start {
                            bucket.shared = bucket.shared.saturating_sub(count.hits);
                            bucket.pending = bucket.pending.saturating_add(count.hits);
                        }
                    }
                }
                return Err(error);
            }
        };
        for ((subject, action, count), total) in taken.iter().zip(totals) {
            if let Some(counts) = self.shard(subject).get_mut(subject) {
                let bucket = &mut counts[action.index()];
                if bucket.window_start == count.window_start {
                    bucket.shared = bucket.shared.max(total);
                }
            }
        }
        Ok(counts.len())
    }

    /// Forgets shared counts of windows long over (housekeeping).
    pub async fn forget_old_counts(&self, now_ms: i64) -> Result<u64, sqlx::Error> {
        let Some(shared) = &self.0.shared else {
            return Ok(0);
        };
        let longest = self
            .0
            .limits
            .iter()
            .flatten()
            .map(Limit::window_ms)
            .max()
            .unwrap_or(0);
        shared.forget_before(now_ms - longest).await
    }

    fn shard(&self, subject: &Subject) -> MutexGuard<'_, Buckets> {
        let index = usize::try_from(self.0.sharding.hash_one(subject) % SHARDS as u64).unwrap_or(0);
        lock(&self.0.shards[index])
    }
}

/// A panic while a shard was held leaves counts that are still counts.
fn lock(shard: &Mutex<Buckets>) -> MutexGuard<'_, Buckets> {
    shard
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
