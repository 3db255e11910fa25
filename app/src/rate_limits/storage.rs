//! The counts the instances share: one row per busy key and window.

use crate::{db::Db, execute, in_write_tx};

#[derive(Clone)]
pub struct SharedCounts {
    db: Db,
}

/// What one instance counted for a key in a window since its last sync.
#[derive(Debug, Clone)]
pub struct Count {
    pub key: String,
    pub window_start: i64,
    pub hits: u32,
}

impl SharedCounts {
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    /// Adds the counts and answers each key's total over all instances, in the same order. A
    /// count of nothing new only reads.
    pub async fn add(&self, counts: &[Count]) -> Result<Vec<u32>, sqlx::Error> {
        const UPSERT: &str = "INSERT INTO rate_counts (key, window_start, hits) VALUES ($1, $2, $3) \
             ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_counts.hits + excluded.hits \
             RETURNING hits";
        const READ: &str = "SELECT COALESCE(MAX(hits), 0) + $3 FROM rate_counts \
             WHERE key = $1 AND window_start = $2";
        // One transaction, one commit; callers pass keys sorted, so two instances adding the
        // same keys lock their rows in the same order and never deadlock.
        let totals = in_write_tx!(&self.db, tx => {
            let mut totals = Vec::with_capacity(counts.len());
            for count in counts {
                let sql = if count.hits == 0 { READ } else { UPSERT };
                let total: i64 = sqlx::query_scalar(sql)
                    .bind(&count.key)
                    .bind(count.window_start)
                    .bind(i64::from(count.hits))
                    .fetch_one(&mut *tx)
                    .await?;
                totals.push(u32::try_from(total).unwrap_or(u32::MAX));
            }
            totals
        });
        Ok(totals)
    }

    /// Forgets windows that started before `cutoff_ms` (housekeeping).
    pub async fn forget_before(&self, cutoff_ms: i64) -> Result<u64, sqlx::Error> {
        execute!(
            &self.db,
            "DELETE FROM rate_counts WHERE window_start < $1",
            cutoff_ms
        )
    }
}
