//! How much one account or store may create: enough for any real shop, bounded so that a script
//! with an account cannot fill the database. Checked by each context's service against a count
//! read just before the write, so requests racing the one that reaches a quota may pass it by
//! their number, never further.

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quotas {
    /// Stores one account may own.
    pub stores_per_account: u32,
    pub branches_per_store: u32,
    /// Products of a store, archived ones included.
    pub products_per_store: u32,
    pub slots_per_drop: u32,
}

impl Default for Quotas {
    fn default() -> Self {
        Self {
            stores_per_account: 20,
            branches_per_store: 200,
            products_per_store: 5_000,
            slots_per_drop: 5_000,
        }
    }
}

/// Whether `count` things leave room for `adding` more under `quota`.
pub fn has_room(count: u64, adding: u64, quota: u32) -> bool {
    count + adding <= u64::from(quota)
}

#[cfg(test)]
mod tests {
    use super::has_room;

    #[test]
    fn a_quota_is_room_for_exactly_that_many() {
        assert!(has_room(0, 1, 1));
        assert!(!has_room(1, 1, 1));
        assert!(has_room(3, 2, 5));
        assert!(!has_room(3, 3, 5));
        assert!(!has_room(0, 1, 0));
    }
}
