//! Finding the booking an idempotency key made, for a retry of a booking that went through, and
//! who booked in a slot with a key (what the sold-out memo needs to refuse everyone else without
//! reading their key).

use super::key_reads::KeyReads;
use crate::{
    db::Db,
    drops::model::SlotId,
    identity::model::UserId,
    on_db,
    reservations::{
        model::Reservation,
        storage::{COLUMNS, ReservationRow},
    },
};
use std::collections::HashSet;

#[derive(Clone)]
pub(super) struct Replays {
    db: Db,
    key_reads: KeyReads,
}

impl Replays {
    pub fn new(db: Db) -> Self {
        Self {
            db,
            key_reads: KeyReads::default(),
        }
    }

    /// The booking a person made with `key`. On PostgreSQL lookups arriving together are read
    /// by one statement (`key_reads`): after a sellout every refusal makes one.
    pub async fn find(&self, user: UserId, key: &str) -> Result<Option<Reservation>, sqlx::Error> {
        let pool = match &self.db {
            Db::Postgres(pool) => return self.key_reads.find(pool, user, key).await,
            Db::Sqlite(pool) => pool,
        };
        let sql = format!(
            "SELECT {COLUMNS} FROM reservations WHERE user_id = $1 AND idempotency_key = $2"
        );
        let row = sqlx::query_as::<_, ReservationRow>(&sql)
            .bind(user.to_string())
            .bind(key)
            .fetch_optional(pool)
            .await?;
        row.map(TryInto::try_into).transpose()
    }

    /// Whether every booking in the database is written by this process: SQLite is embedded,
    /// so one server owns it; PostgreSQL may be shared by many instances.
    pub fn writes_every_booking(&self) -> bool {
        matches!(self.db, Db::Sqlite(_))
    }

    /// Everyone who booked in `slot` with an idempotency key (whatever became of the booking).
    pub async fn keyed_bookers(&self, slot: SlotId) -> Result<HashSet<UserId>, sqlx::Error> {
        let rows: Vec<(String,)> = on_db!(&self.db, pool => sqlx::query_as(
            "SELECT DISTINCT user_id FROM reservations WHERE slot_id = $1 AND idempotency_key IS NOT NULL"
        )
        .bind(slot.to_string())
        .fetch_all(pool)
        .await)?;
        rows.into_iter()
            .map(|(user,)| {
                user.parse()
                    .map_err(|_| sqlx::Error::Decode("reservations user_id".into()))
            })
            .collect()
    }
}
