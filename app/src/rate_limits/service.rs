//! The limiter every request passes: counts in this process, shared with the other instances
//! by `sync`, which a background task runs every `SYNC_INTERVAL`.

use super::{
    rules::{Action, Bucket, Limit, Subject, retry_after_secs, window_start},
    storage::{Count, SharedCounts},
};
use crate::db::Db;
use std::{
    collections::HashMap,
    hash::{DefaultHasher, Hash, Hasher},
    sync::{Arc, Mutex, MutexGuard},
    time::Duration,
};

pub const SYNC_INTERVAL: Duration = Duration::from_millis(250);
/// Requests from many cores check different keys at once; one lock for all would serialise them.
const SHARDS: usize = 16;

type Buckets = HashMap<(Action, Subject), Bucket>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Allowed,
    Refused { retry_after_secs: u64 },
}

#[derive(Clone)]
pub struct RateLimiter(Arc<Inner>);

struct Inner {
    limits: HashMap<Action, Limit>,
    shards: Vec<Mutex<Buckets>>,
    shared: SharedCounts,
}

impl RateLimiter {
    pub fn new(db: Db, limits: HashMap<Action, Limit>) -> Self {
        Self(Arc::new(Inner {
            limits,
            shards: (0..SHARDS).map(|_| Mutex::default()).collect(),
            shared: SharedCounts::new(db),
        }))
    }

    /// Counts the request against each subject's limit for the action; refused if any is used
    /// up (the subjects checked before it keep the count: an attempt is an attempt).
    pub fn check(&self, action: Action, subjects: &[Subject], now_ms: i64) -> Verdict {
        let Some(limit) = self.0.limits.get(&action) else {
            return Verdict::Allowed;
        };
        let window_ms = limit.window_ms();
        let start = window_start(now_ms, window_ms);
        for subject in subjects {
            let Some(bound) = limit.bound(subject) else {
                continue;
            };
            let admitted = self
                .shard(action, subject)
                .entry((action, *subject))
                .or_default()
                .admit(start, bound);
            if !admitted {
                return Verdict::Refused {
                    retry_after_secs: retry_after_secs(now_ms, start, window_ms),
                };
            }
        }
        Verdict::Allowed
    }

    /// Adds this process's counts of busy keys to the shared ones and reads back the totals;
    /// forgets keys whose window is over.
    pub async fn sync(&self, now_ms: i64) -> Result<usize, sqlx::Error> {
        let mut taken: Vec<(Action, Subject, Count)> = Vec::new();
        for shard in &self.0.shards {
            let mut buckets = lock(shard);
            buckets.retain(|(action, _), bucket| {
                self.0.limits.get(action).is_some_and(|limit| {
                    bucket.window_start == window_start(now_ms, limit.window_ms())
                })
            });
            for ((action, subject), bucket) in buckets.iter_mut() {
                let bound = self.0.limits[action].bound(subject).unwrap_or(u32::MAX);
                if bucket.needs_sync(bound) {
                    // Counted as shared from now on, so admitting goes on seeing it.
                    bucket.shared = bucket.shared.saturating_add(bucket.pending);
                    taken.push((
                        *action,
                        *subject,
                        Count {
                            key: subject.key(*action),
                            window_start: bucket.window_start,
                            hits: std::mem::take(&mut bucket.pending),
                        },
                    ));
                }
            }
        }
        if taken.is_empty() {
            return Ok(0);
        }
        taken.sort_by(|a, b| a.2.key.cmp(&b.2.key));
        let counts: Vec<Count> = taken.iter().map(|(_, _, count)| count.clone()).collect();
        let totals = self.0.shared.add(&counts).await?;
        for ((action, subject, count), total) in taken.iter().zip(totals) {
            if let Some(bucket) = self.shard(*action, subject).get_mut(&(*action, *subject))
                && bucket.window_start == count.window_start
            {
                bucket.shared = bucket.shared.max(total);
            }
        }
        Ok(counts.len())
    }

    /// Forgets shared counts of windows long over (housekeeping).
    pub async fn forget_old_counts(&self, now_ms: i64) -> Result<u64, sqlx::Error> {
        let longest = self
            .0
            .limits
            .values()
            .map(Limit::window_ms)
            .max()
            .unwrap_or(0);
        self.0.shared.forget_before(now_ms - longest).await
    }

    fn shard(&self, action: Action, subject: &Subject) -> MutexGuard<'_, Buckets> {
        let mut hasher = DefaultHasher::new();
        (action, subject).hash(&mut hasher);
        let index = usize::try_from(hasher.finish() % SHARDS as u64).unwrap_or(0);
        lock(&self.0.shards[index])
    }
}

/// A panic while a shard was held leaves counts that are still counts.
fn lock(shard: &Mutex<Buckets>) -> MutexGuard<'_, Buckets> {
    shard
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
