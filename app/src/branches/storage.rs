//! Branch rows on both engines.

use super::{
    geo::Coordinates,
    hours::OpeningHours,
    model::{Address, Branch, BranchId, CountryCode, Line},
};
use crate::paging::{Page, PageRequest};
use crate::{
    contact::{Email, Phone},
    db::Db,
    execute, on_db,
    stores::model::StoreId,
    time::TimeZoneName,
    time::Timestamp,
};
use tracing::instrument;

const COLUMNS: &str = "id, store_id, name, street, city, postcode, country, lat_e6, lon_e6, time_zone, phone, email, hours";

#[derive(sqlx::FromRow)]
struct BranchRow {
    id: String,
    store_id: String,
    name: String,
    street: String,
    city: String,
    postcode: String,
    country: String,
    lat_e6: i64,
    lon_e6: i64,
    time_zone: String,
    phone: Option<String>,
    email: Option<String>,
    hours: String,
}

impl TryFrom<BranchRow> for Branch {
    type Error = sqlx::Error;

    fn try_from(row: BranchRow) -> Result<Self, Self::Error> {
        let bad =
            |what: &str| sqlx::Error::Decode(format!("branches row {}: bad {what}", row.id).into());
        let hours: OpeningHours = serde_json::from_str(&row.hours).map_err(|_| bad("hours"))?;
        hours.validate().map_err(|_| bad("hours"))?;
        Ok(Branch {
            id: row.id.parse().map_err(|_| bad("id"))?,
            store_id: row.store_id.parse().map_err(|_| bad("store_id"))?,
            name: Line::parse(&row.name).map_err(|_| bad("name"))?,
            address: Address {
                street: Line::parse(&row.street).map_err(|_| bad("street"))?,
                city: Line::parse(&row.city).map_err(|_| bad("city"))?,
                postcode: row.postcode.clone(),
                country: CountryCode::parse(&row.country).map_err(|_| bad("country"))?,
            },
            coordinates: i32::try_from(row.lat_e6)
                .ok()
                .zip(i32::try_from(row.lon_e6).ok())
                .and_then(|(lat, lon)| Coordinates::from_micro_degrees(lat, lon))
                .ok_or_else(|| bad("coordinates"))?,
            time_zone: TimeZoneName::parse(&row.time_zone).map_err(|_| bad("time_zone"))?,
            phone: row
                .phone
                .as_deref()
                .map(Phone::parse)
                .transpose()
                .map_err(|_| bad("phone"))?,
            email: row
                .email
                .as_deref()
                .map(Email::parse)
                .transpose()
                .map_err(|_| bad("email"))?,
            hours,
        })
    }
}

#[derive(Clone)]
pub(super) struct BranchStorage {
    db: Db,
}

impl BranchStorage {
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    /// The branches of `store`.
    pub async fn count_for_store(&self, store: StoreId) -> Result<u64, sqlx::Error> {
        let count: i64 = on_db!(&self.db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM branches WHERE store_id = $1")
            .bind(store.to_string())
            .fetch_one(pool)
            .await)?;
        Ok(u64::try_from(count).unwrap_or(0))
    }

    #[instrument(skip_all)]
    pub async fn upsert(&self, branch: &Branch, now: Timestamp) -> Result<(), sqlx::Error> {
        let hours =
            serde_json::to_string(&branch.hours).map_err(|e| sqlx::Error::Encode(e.into()))?;
        execute!(
            &self.db,
            "INSERT INTO branches (id, store_id, name, street, city, postcode, country, lat_e6, lon_e6, time_zone, phone, email, hours, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) \
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, street = excluded.street, city = excluded.city, \
             postcode = excluded.postcode, country = excluded.country, lat_e6 = excluded.lat_e6, lon_e6 = excluded.lon_e6, \
             time_zone = excluded.time_zone, phone = excluded.phone, email = excluded.email, hours = excluded.hours, \
             updated_at = excluded.updated_at",
            branch.id.to_string(),
            branch.store_id.to_string(),
            branch.name.as_str(),
            branch.address.street.as_str(),
            branch.address.city.as_str(),
            branch.address.postcode.as_str(),
            branch.address.country.to_string(),
            i64::from(branch.coordinates.lat_e6()),
            i64::from(branch.coordinates.lon_e6()),
            branch.time_zone.as_str(),
            branch.phone.as_ref().map(ToString::to_string),
            branch.email.as_ref().map(ToString::to_string),
            hours,
            now.as_millis()
        )?;
        Ok(())
    }

    #[instrument(skip_all)]
    pub async fn find(&self, id: BranchId) -> Result<Option<Branch>, sqlx::Error> {
        let sql = format!("SELECT {COLUMNS} FROM branches WHERE id = $1");
        let row = on_db!(&self.db, pool => sqlx::query_as::<_, BranchRow>(&sql).bind(id.to_string()).fetch_optional(pool).await)?;
        row.map(Branch::try_from).transpose()
    }

    /// Every branch of one store, or of all stores.
    #[instrument(skip_all)]
    pub async fn list(&self, store: Option<StoreId>) -> Result<Vec<Branch>, sqlx::Error> {
        let sql = format!(
            "SELECT {COLUMNS} FROM branches WHERE ($1 IS NULL OR store_id = $1) ORDER BY name, id"
        );
        let rows = on_db!(&self.db, pool => sqlx::query_as::<_, BranchRow>(&sql)
            .bind(store.map(|s| s.to_string()))
            .fetch_all(pool)
            .await)?;
        rows.into_iter().map(Branch::try_from).collect()
    }

    /// One page of every store's branches, by name.
    #[instrument(skip_all)]
    pub async fn list_page(&self, page: PageRequest) -> Result<Page<Branch>, sqlx::Error> {
        let sql = format!("SELECT {COLUMNS} FROM branches ORDER BY name, id LIMIT $1 OFFSET $2");
        let (rows, total): (Vec<BranchRow>, i64) = on_db!(&self.db, pool => {
            let rows = sqlx::query_as::<_, BranchRow>(&sql)
                .bind(i64::from(page.per_page))
                .bind(page.offset())
                .fetch_all(pool)
                .await?;
            let total = sqlx::query_scalar("SELECT COUNT(*) FROM branches").fetch_one(pool).await?;
            (rows, total)
        });
        Page::from_rows(rows, total, page)
    }
}
