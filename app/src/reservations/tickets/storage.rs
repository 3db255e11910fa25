//! The stores' ticket signing keys.

use crate::{on_db, reservations::storage::ReservationStorage, time::Timestamp};

impl ReservationStorage {
    /// The store's ticket signing key (base64url of its 32 secret bytes), stored on first use:
    /// of two instances creating it at once, the first write wins and both use it.
    pub async fn ticket_key(
        &self,
        store: &str,
        fresh: &str,
        public: &str,
        now: Timestamp,
    ) -> Result<String, sqlx::Error> {
        crate::execute!(
            &self.db,
            "INSERT INTO ticket_keys (store_id, secret_key, public_key, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (store_id) DO NOTHING",
            store,
            fresh,
            public,
            now.as_millis()
        )?;
        on_db!(&self.db, pool => sqlx::query_scalar("SELECT secret_key FROM ticket_keys WHERE store_id = $1").bind(store).fetch_one(pool).await)
    }
}
