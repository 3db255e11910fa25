//! Drop, slot and access-code rows on both engines. Every status change and capacity change
//! writes its event to the outbox in the same transaction.

use super::model::{
    Capacity, Drop, DropId, DropName, DropRules, DropStatus, DropWindow, Slot, SlotCounts, SlotId,
};
use crate::{
    db::Db,
    events::{DomainEvent, outbox::append_event},
    execute, in_write_tx, on_db,
    products::model::ProductId,
    stores::model::StoreId,
    time::{TimeZoneName, Timestamp},
};
use tracing::instrument;

// `drop_id`, the name slots give it too, so a slot and its drop read in one row share it.
const DROP_COLUMNS: &str = "id AS drop_id, store_id, name, description, status, opens_at, closes_at, time_zone, rules, created_at";
const SLOT_COLUMNS: &str =
    "id, drop_id, branch_id, starts_at, ends_at, capacity, held, confirmed, checked_in, waitlisted";

#[derive(sqlx::FromRow)]
struct DropRow {
    #[sqlx(rename = "drop_id")]
    id: String,
    store_id: String,
    name: String,
    description: String,
    status: String,
    opens_at: Option<i64>,
    closes_at: Option<i64>,
    time_zone: String,
    rules: String,
    created_at: i64,
}

impl DropRow {
    fn into_drop(self, products: Vec<ProductId>) -> Result<Drop, sqlx::Error> {
        let bad =
            |what: &str| sqlx::Error::Decode(format!("drops row {}: bad {what}", self.id).into());
        let window = match (self.opens_at, self.closes_at) {
            (Some(o), Some(c)) => Some(
                DropWindow::new(Timestamp::from_millis(o), Timestamp::from_millis(c))
                    .map_err(|_| bad("window"))?,
            ),
            _ => None,
        };
        let rules: DropRules = serde_json::from_str(&self.rules).map_err(|_| bad("rules"))?;
        Ok(Drop {
            id: self.id.parse().map_err(|_| bad("id"))?,
            store_id: self.store_id.parse().map_err(|_| bad("store_id"))?,
            name: DropName::parse(&self.name).map_err(|_| bad("name"))?,
            description: self.description.clone(),
            status: DropStatus::parse(&self.status).ok_or_else(|| bad("status"))?,
            window,
            time_zone: TimeZoneName::parse(&self.time_zone).map_err(|_| bad("time_zone"))?,
            rules,
            products,
            created_at: Timestamp::from_millis(self.created_at),
        })
    }
}

#[derive(sqlx::FromRow)]
struct SlotRow {
    id: String,
    drop_id: String,
    branch_id: String,
    starts_at: i64,
    ends_at: i64,
    capacity: i64,
    held: i64,
    confirmed: i64,
    checked_in: i64,
    waitlisted: i64,
}

#[derive(sqlx::FromRow)]
struct SlotWithDropRow {
    #[sqlx(flatten)]
    slot: SlotRow,
    #[sqlx(flatten)]
    drop: DropRow,
    /// The drop's products in order, comma-separated.
    products: Option<String>,
}

impl SlotWithDropRow {
    fn parse(self) -> Result<(Drop, Slot, SlotCounts), sqlx::Error> {
        let ids = self.products.as_deref().unwrap_or_default();
        let products = parse_product_ids(ids.split(',').filter(|id| !id.is_empty()))?;
        let drop = self.drop.into_drop(products)?;
        let (slot, counts) = self.slot.try_into()?;
        Ok((drop, slot, counts))
    }
}

fn parse_product_ids<'a>(
    ids: impl Iterator<Item = &'a str>,
) -> Result<Vec<ProductId>, sqlx::Error> {
    ids.map(|id| {
        id.parse()
            .map_err(|_| sqlx::Error::Decode("drop_products: bad id".into()))
    })
    .collect()
}

impl TryFrom<SlotRow> for (Slot, SlotCounts) {
    type Error = sqlx::Error;
    fn try_from(row: SlotRow) -> Result<Self, Self::Error> {
        let bad = |what: &str| {
            sqlx::Error::Decode(format!("drop_slots row {}: bad {what}", row.id).into())
        };
        let count = |n: i64| u32::try_from(n).map_err(|_| bad("count"));
        Ok((
            Slot {
                id: row.id.parse().map_err(|_| bad("id"))?,
                drop_id: row.drop_id.parse().map_err(|_| bad("drop_id"))?,
                branch_id: row.branch_id.parse().map_err(|_| bad("branch_id"))?,
                starts_at: Timestamp::from_millis(row.starts_at),
                ends_at: Timestamp::from_millis(row.ends_at),
                capacity: Capacity::new(count(row.capacity)?).map_err(|_| bad("capacity"))?,
            },
            SlotCounts {
                held: count(row.held)?,
                confirmed: count(row.confirmed)?,
                checked_in: count(row.checked_in)?,
                waitlisted: count(row.waitlisted)?,
            },
        ))
    }
}

/// A drop whose stored status the clock may have overtaken.
pub(super) struct DueDrop {
    pub id: DropId,
    pub store_id: StoreId,
    pub status: DropStatus,
    pub window: Option<DropWindow>,
}

#[derive(Clone)]
pub(super) struct DropStorage {
    db: Db,
}

/// What adding a schedule's slots did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotsAdded {
    /// This many were new.
    Added(u64),
    /// They would have brought the drop to `total` slots, past its quota.
    OverQuota { total: u64 },
}

impl DropStorage {
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    /// Inserts or replaces a drop's details and product list (never its status).
    #[instrument(skip_all)]
    pub async fn save(
        &self,
        drop: &Drop,
        event: Option<&DomainEvent>,
        now: Timestamp,
    ) -> Result<(), sqlx::Error> {
        let rules =
            serde_json::to_string(&drop.rules).map_err(|e| sqlx::Error::Encode(e.into()))?;
        let id = drop.id.to_string();
        in_write_tx!(&self.db, tx => {
            sqlx::query(
                "INSERT INTO drops (id, store_id, name, description, status, opens_at, closes_at, time_zone, rules, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description, \
                 opens_at = excluded.opens_at, closes_at = excluded.closes_at, time_zone = excluded.time_zone, \
                 rules = excluded.rules, updated_at = excluded.updated_at",
            )
            .bind(&id)
            .bind(drop.store_id.to_string())
            .bind(drop.name.as_str())
            .bind(&drop.description)
            .bind(drop.status.as_str())
            .bind(drop.window.map(|w| w.opens_at().as_millis()))
            .bind(drop.window.map(|w| w.closes_at().as_millis()))
            .bind(drop.time_zone.as_str())
            .bind(&rules)
            .bind(drop.created_at.as_millis())
            .bind(now.as_millis())
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM drop_products WHERE drop_id = $1")
                .bind(&id)
                .execute(&mut *tx)
                .await?;
            for (position, product) in drop.products.iter().enumerate() {
                sqlx::query("INSERT INTO drop_products (drop_id, product_id, position) VALUES ($1, $2, $3)")
                    .bind(&id)
                    .bind(product.to_string())
                    .bind(position as i64)
                    .execute(&mut *tx)
                    .await?;
            }
            if let Some(event) = event {
                append_event(&mut *tx, event, now).await?;
            }
        });
        Ok(())
    }

    async fn products_of(&self, drop: &str) -> Result<Vec<ProductId>, sqlx::Error> {
        let ids: Vec<String> = on_db!(&self.db, pool => sqlx::query_scalar(
            "SELECT product_id FROM drop_products WHERE drop_id = $1 ORDER BY position",
        )
        .bind(drop)
        .fetch_all(pool)
        .await)?;
        parse_product_ids(ids.iter().map(String::as_str))
    }

    #[instrument(skip_all)]
    pub async fn find(&self, id: DropId) -> Result<Option<Drop>, sqlx::Error> {
        let sql = format!("SELECT {DROP_COLUMNS} FROM drops WHERE id = $1");
        let row = on_db!(&self.db, pool => sqlx::query_as::<_, DropRow>(&sql).bind(id.to_string()).fetch_optional(pool).await)?;
        match row {
            Some(row) => {
                let products = self.products_of(&row.id).await?;
                row.into_drop(products).map(Some)
            }
            None => Ok(None),
        }
    }

    /// A store's drops, soonest opening first (drafts without a window last).
    #[instrument(skip_all)]
    pub async fn list_for_store(&self, store: StoreId) -> Result<Vec<Drop>, sqlx::Error> {
        let sql = format!(
            "SELECT {DROP_COLUMNS} FROM drops WHERE store_id = $1 \
             ORDER BY CASE WHEN opens_at IS NULL THEN 1 ELSE 0 END, opens_at, created_at"
        );
        let rows = on_db!(&self.db, pool => sqlx::query_as::<_, DropRow>(&sql).bind(store.to_string()).fetch_all(pool).await)?;
        let mut drops = Vec::with_capacity(rows.len());
        for row in rows {
            let products = self.products_of(&row.id).await?;
            drops.push(row.into_drop(products)?);
        }
        Ok(drops)
    }

    /// Moves a drop from `from` to `to` only if it is still in `from` (so of two racing
    /// instances exactly one moves it and writes the event).
    #[instrument(skip_all)]
    pub async fn transition(
        &self,
        id: DropId,
        from: DropStatus,
        to: DropStatus,
        event: Option<&DomainEvent>,
        now: Timestamp,
    ) -> Result<bool, sqlx::Error> {
        let moved = in_write_tx!(&self.db, tx => {
            let moved = sqlx::query("UPDATE drops SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4")
                .bind(to.as_str())
                .bind(now.as_millis())
                .bind(id.to_string())
                .bind(from.as_str())
                .execute(&mut *tx)
                .await?
                .rows_affected()
                == 1;
            if moved && let Some(event) = event {
                append_event(&mut *tx, event, now).await?;
            }
            moved
        });
        Ok(moved)
    }

    /// Published drops the clock has overtaken at `now`.
    pub async fn due(&self, now: Timestamp) -> Result<Vec<DueDrop>, sqlx::Error> {
        let rows: Vec<(String, String, String, Option<i64>, Option<i64>)> = on_db!(&self.db, pool => sqlx::query_as(
            "SELECT id, store_id, status, opens_at, closes_at FROM drops \
             WHERE (status = 'scheduled' AND opens_at <= $1) OR (status IN ('scheduled', 'open') AND closes_at <= $1)",
        )
        .bind(now.as_millis())
        .fetch_all(pool)
        .await)?;
        let bad = || sqlx::Error::Decode("drops: bad due row".into());
        rows.into_iter()
            .map(|(id, store, status, opens, closes)| {
                Ok(DueDrop {
                    id: id.parse().map_err(|_| bad())?,
                    store_id: store.parse().map_err(|_| bad())?,
                    status: DropStatus::parse(&status).ok_or_else(bad)?,
                    window: opens.zip(closes).and_then(|(o, c)| {
                        DropWindow::new(Timestamp::from_millis(o), Timestamp::from_millis(c)).ok()
                    }),
                })
            })
            .collect()
    }

    /// The next instant at which some published drop opens or closes.
    pub async fn next_due(&self, now: Timestamp) -> Result<Option<Timestamp>, sqlx::Error> {
        let next: Option<i64> = on_db!(&self.db, pool => sqlx::query_scalar(
            "SELECT MIN(t) FROM (SELECT opens_at AS t FROM drops WHERE status = 'scheduled' AND opens_at > $1 \
             UNION ALL SELECT closes_at AS t FROM drops WHERE status IN ('scheduled', 'open') AND closes_at > $1) AS due",
        )
        .bind(now.as_millis())
        .fetch_one(pool)
        .await)?;
        Ok(next.map(Timestamp::from_millis))
    }

    /// Adds slots to `drop`, skipping any that starts at the same branch and instant as an
    /// existing one; answers how many were added, or adds none when the drop would then have
    /// more than `max_slots` (counted inside the same transaction).
    #[instrument(skip_all)]
    pub async fn insert_slots(
        &self,
        drop: DropId,
        slots: &[Slot],
        max_slots: u32,
    ) -> Result<SlotsAdded, sqlx::Error> {
        let added = in_write_tx!(&self.db, tx => {
            // Schedules added to one drop at once wait for each other here (a no-op update
            // locks the drop's row on PostgreSQL; SQLite's write lock is taken already), so
            // each counts the other's slots.
            sqlx::query("UPDATE drops SET id = id WHERE id = $1")
                .bind(drop.to_string())
                .execute(&mut *tx)
                .await?;
            let mut added = 0;
            for slot in slots {
                added += sqlx::query(
                    "INSERT INTO drop_slots (id, drop_id, branch_id, starts_at, ends_at, capacity) VALUES ($1, $2, $3, $4, $5, $6) \
                     ON CONFLICT (drop_id, branch_id, starts_at) DO NOTHING",
                )
                .bind(slot.id.to_string())
                .bind(slot.drop_id.to_string())
                .bind(slot.branch_id.to_string())
                .bind(slot.starts_at.as_millis())
                .bind(slot.ends_at.as_millis())
                .bind(i64::from(slot.capacity.get()))
                .execute(&mut *tx)
                .await?
                .rows_affected();
            }
            let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM drop_slots WHERE drop_id = $1")
                .bind(drop.to_string())
                .fetch_one(&mut *tx)
                .await?;
            if total > i64::from(max_slots) {
                // Returning drops the transaction uncommitted: nothing is added.
                return Ok(SlotsAdded::OverQuota { total: total as u64 });
            }
            added
        });
        Ok(SlotsAdded::Added(added))
    }

    /// Removes a slot nobody holds or booked.
    pub async fn delete_slot(&self, drop: DropId, slot: SlotId) -> Result<bool, sqlx::Error> {
        Ok(execute!(
            &self.db,
            "DELETE FROM drop_slots WHERE id = $1 AND drop_id = $2 AND held = 0 AND confirmed = 0",
            slot.to_string(),
            drop.to_string()
        )? == 1)
    }

    pub async fn slots(&self, drop: DropId) -> Result<Vec<(Slot, SlotCounts)>, sqlx::Error> {
        let sql = format!(
            "SELECT {SLOT_COLUMNS} FROM drop_slots WHERE drop_id = $1 ORDER BY starts_at, branch_id"
        );
        let rows = on_db!(&self.db, pool => sqlx::query_as::<_, SlotRow>(&sql).bind(drop.to_string()).fetch_all(pool).await)?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    pub async fn slot(&self, id: SlotId) -> Result<Option<(Slot, SlotCounts)>, sqlx::Error> {
        let sql = format!("SELECT {SLOT_COLUMNS} FROM drop_slots WHERE id = $1");
        let row = on_db!(&self.db, pool => sqlx::query_as::<_, SlotRow>(&sql).bind(id.to_string()).fetch_optional(pool).await)?;
        row.map(TryInto::try_into).transpose()
    }

    /// A slot, its ledger and its drop in one read: booking asks for this on every attempt.
    pub async fn slot_with_drop(
        &self,
        id: SlotId,
    ) -> Result<Option<(Drop, Slot, SlotCounts)>, sqlx::Error> {
        // The products as one comma-separated column, in the drop's order.
        let products = match &self.db {
            Db::Sqlite(_) => {
                "SELECT group_concat(product_id, ',') FROM \
                 (SELECT product_id FROM drop_products WHERE drop_id = s.drop_id ORDER BY position)"
            }
            Db::Postgres(_) => {
                "SELECT string_agg(product_id, ',' ORDER BY position) FROM drop_products WHERE drop_id = s.drop_id"
            }
        };
        let sql = format!(
            "SELECT s.id, s.drop_id, s.branch_id, s.starts_at, s.ends_at, s.capacity, s.held, s.confirmed, \
             s.checked_in, s.waitlisted, d.store_id, d.name, d.description, d.status, d.opens_at, \
             d.closes_at, d.time_zone, d.rules, d.created_at, ({products}) AS products \
             FROM drop_slots s JOIN drops d ON d.id = s.drop_id WHERE s.id = $1"
        );
        let row = on_db!(&self.db, pool => sqlx::query_as::<_, SlotWithDropRow>(&sql).bind(id.to_string()).fetch_optional(pool).await)?;
        row.map(SlotWithDropRow::parse).transpose()
    }

    /// Sets a slot's capacity unless what is held and confirmed no longer fits (checked in the
    /// same statement, so a booking racing the edit cannot slip under it).
    #[instrument(skip_all)]
    pub async fn set_capacity(
        &self,
        slot: &Slot,
        capacity: Capacity,
        now: Timestamp,
    ) -> Result<bool, sqlx::Error> {
        let event = DomainEvent::CapacityChanged {
            drop_id: slot.drop_id,
            slot_id: slot.id,
            from: slot.capacity.get(),
            to: capacity.get(),
        };
        let changed = in_write_tx!(&self.db, tx => {
            let changed = sqlx::query("UPDATE drop_slots SET capacity = $1 WHERE id = $2 AND held + confirmed <= $1")
                .bind(i64::from(capacity.get()))
                .bind(slot.id.to_string())
                .execute(&mut *tx)
                .await?
                .rows_affected()
                == 1;
            if changed {
                append_event(&mut *tx, &event, now).await?;
            }
            changed
        });
        Ok(changed)
    }

    pub async fn add_access_code(
        &self,
        drop: DropId,
        code: &str,
        max_uses: Option<u32>,
        now: Timestamp,
    ) -> Result<(), sqlx::Error> {
        execute!(
            &self.db,
            "INSERT INTO drop_access_codes (drop_id, code, max_uses, created_at) VALUES ($1, $2, $3, $4)",
            drop.to_string(),
            code,
            max_uses.map(i64::from),
            now.as_millis()
        )?;
        Ok(())
    }

    pub async fn access_codes(
        &self,
        drop: DropId,
    ) -> Result<Vec<(String, Option<i64>, i64)>, sqlx::Error> {
        on_db!(&self.db, pool => sqlx::query_as(
            "SELECT code, max_uses, uses FROM drop_access_codes WHERE drop_id = $1 ORDER BY created_at, code",
        )
        .bind(drop.to_string())
        .fetch_all(pool)
        .await)
    }

    /// Uses a code once if it has uses left (joining a line; bookings use codes in their own
    /// transaction).
    pub async fn use_access_code(&self, drop: DropId, code: &str) -> Result<bool, sqlx::Error> {
        Ok(execute!(
            &self.db,
            "UPDATE drop_access_codes SET uses = uses + 1 WHERE drop_id = $1 AND code = $2 AND (max_uses IS NULL OR uses < max_uses)",
            drop.to_string(),
            code
        )? == 1)
    }

    /// Whether a code of the drop has uses left.
    pub async fn access_code_has_uses(
        &self,
        drop: DropId,
        code: &str,
    ) -> Result<bool, sqlx::Error> {
        let found: Option<i64> = on_db!(&self.db, pool => sqlx::query_scalar(
            "SELECT CAST(1 AS BIGINT) FROM drop_access_codes WHERE drop_id = $1 AND code = $2 AND (max_uses IS NULL OR uses < max_uses)",
        )
        .bind(drop.to_string())
        .bind(code)
        .fetch_optional(pool)
        .await)?;
        Ok(found.is_some())
    }
}
