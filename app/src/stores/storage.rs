//! Store rows on both engines. Rows are parsed back into domain types on the way out, so a
//! corrupt row is an error here rather than an invalid value further in.

use super::model::{Store, StoreId, StoreName, StoreSlug};
use crate::{db::Db, on_db, time::Timestamp};
use tracing::instrument;

#[derive(sqlx::FromRow)]
struct StoreRow {
    id: String,
    slug: String,
    name: String,
    created_at: i64,
}

impl TryFrom<StoreRow> for Store {
    type Error = sqlx::Error;

    fn try_from(row: StoreRow) -> Result<Self, Self::Error> {
        let corrupt = |e: String| sqlx::Error::Decode(format!("stores row {}: {e}", row.id).into());
        Ok(Store {
            id: row.id.parse().map_err(|e: super::model::InvalidStoreId| corrupt(e.to_string()))?,
            slug: StoreSlug::parse(&row.slug).map_err(|e| corrupt(e.to_string()))?,
            name: StoreName::parse(&row.name).map_err(|e| corrupt(e.to_string()))?,
            created_at: Timestamp::from_millis(row.created_at),
        })
    }
}

const COLUMNS: &str = "id, slug, name, created_at";

#[derive(Clone)]
pub(super) struct StoreStorage {
    db: Db,
}

impl StoreStorage {
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    #[instrument(skip_all)]
    pub async fn insert(&self, store: &Store) -> Result<(), sqlx::Error> {
        on_db!(&self.db, pool => sqlx::query(
            "INSERT INTO stores (id, slug, name, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)",
        )
        .bind(store.id.to_string())
        .bind(store.slug.as_str())
        .bind(store.name.as_str())
        .bind(store.created_at.as_millis())
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))?;
        Ok(())
    }

    #[instrument(skip_all)]
    pub async fn rename(&self, id: StoreId, name: &StoreName, now: Timestamp) -> Result<Option<Store>, sqlx::Error> {
        let sql = format!("UPDATE stores SET name = $1, updated_at = $2 WHERE id = $3 RETURNING {COLUMNS}");
        let row = on_db!(&self.db, pool => sqlx::query_as::<_, StoreRow>(&sql)
            .bind(name.as_str())
            .bind(now.as_millis())
            .bind(id.to_string())
            .fetch_optional(pool)
            .await)?;
        row.map(Store::try_from).transpose()
    }

    #[instrument(skip_all)]
    pub async fn list(&self) -> Result<Vec<Store>, sqlx::Error> {
        let sql = format!("SELECT {COLUMNS} FROM stores ORDER BY name, id");
        let rows = on_db!(&self.db, pool => sqlx::query_as::<_, StoreRow>(&sql).fetch_all(pool).await)?;
        rows.into_iter().map(Store::try_from).collect()
    }

    #[instrument(skip_all)]
    pub async fn find_by_slug(&self, slug: &StoreSlug) -> Result<Option<Store>, sqlx::Error> {
        let sql = format!("SELECT {COLUMNS} FROM stores WHERE slug = $1");
        let row = on_db!(&self.db, pool => sqlx::query_as::<_, StoreRow>(&sql)
            .bind(slug.as_str())
            .fetch_optional(pool)
            .await)?;
        row.map(Store::try_from).transpose()
    }
}
