//! Store rows on both engines. Rows are parsed back into domain types on the way out, so a
//! corrupt row is an error here rather than an invalid value further in.

use super::model::{
    AccentColor, PendingInvitation, Store, StoreId, StoreName, StoreProfile, StoreRole, StoreSlug,
};
use crate::paging::{Page, PageRequest};
use crate::{
    contact::{Email, Phone},
    db::Db,
    execute,
    identity::model::UserId,
    in_write_tx,
    media::Image,
    on_db,
    time::Timestamp,
};
use std::collections::HashSet;
use tracing::instrument;

#[derive(sqlx::FromRow)]
struct StoreRow {
    id: String,
    slug: String,
    name: String,
    description: String,
    contact_email: Option<String>,
    contact_phone: Option<String>,
    accent_color: String,
    default_currency: String,
    parent_id: Option<String>,
    logo_hash: Option<String>,
    logo_width: Option<i64>,
    logo_height: Option<i64>,
    created_at: i64,
}

impl TryFrom<StoreRow> for Store {
    type Error = sqlx::Error;

    fn try_from(row: StoreRow) -> Result<Self, Self::Error> {
        let corrupt =
            |what: &str| sqlx::Error::Decode(format!("stores row {}: bad {what}", row.id).into());
        Ok(Store {
            id: row.id.parse().map_err(|_| corrupt("id"))?,
            slug: StoreSlug::parse(&row.slug).map_err(|_| corrupt("slug"))?,
            name: StoreName::parse(&row.name).map_err(|_| corrupt("name"))?,
            profile: StoreProfile {
                description: row.description.clone(),
                contact_email: row
                    .contact_email
                    .as_deref()
                    .map(Email::parse)
                    .transpose()
                    .map_err(|_| corrupt("contact_email"))?,
                contact_phone: row
                    .contact_phone
                    .as_deref()
                    .map(Phone::parse)
                    .transpose()
                    .map_err(|_| corrupt("contact_phone"))?,
                accent: AccentColor::parse(&row.accent_color)
                    .map_err(|_| corrupt("accent_color"))?,
                default_currency: row
                    .default_currency
                    .parse()
                    .map_err(|_| corrupt("default_currency"))?,
            },
            parent_id: row
                .parent_id
                .as_deref()
                .map(str::parse)
                .transpose()
                .map_err(|_| corrupt("parent_id"))?,
            logo: match (row.logo_hash, row.logo_width, row.logo_height) {
                (Some(hash), Some(width), Some(height)) => Some(Image {
                    hash,
                    width: u32::try_from(width).map_err(|_| corrupt("logo_width"))?,
                    height: u32::try_from(height).map_err(|_| corrupt("logo_height"))?,
                }),
                _ => None,
            },
            created_at: Timestamp::from_millis(row.created_at),
        })
    }
}

#[derive(sqlx::FromRow)]
struct MemberStoreRow {
    #[sqlx(flatten)]
    store: StoreRow,
    role: String,
}

const COLUMNS: &str = "id, slug, name, description, contact_email, contact_phone, accent_color, default_currency, parent_id, logo_hash, logo_width, logo_height, created_at";

#[derive(Clone)]
pub(super) struct StoreStorage {
    db: Db,
}

impl StoreStorage {
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    /// The stores `user` owns.
    pub async fn count_owned(&self, user: UserId) -> Result<u64, sqlx::Error> {
        let count: i64 = on_db!(&self.db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM store_members WHERE user_id = $1 AND role = 'owner'")
            .bind(user.to_string())
            .fetch_one(pool)
            .await)?;
        Ok(u64::try_from(count).unwrap_or(0))
    }

    /// Creates a store and makes its creator the first owner, in one transaction.
    #[instrument(skip_all)]
    pub async fn insert_with_owner(&self, store: &Store, owner: UserId) -> Result<(), sqlx::Error> {
        in_write_tx!(&self.db, tx => {
            sqlx::query("INSERT INTO stores (id, slug, name, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)")
                .bind(store.id.to_string())
                .bind(store.slug.as_str())
                .bind(store.name.as_str())
                .bind(store.created_at.as_millis())
                .execute(&mut *tx)
                .await?;
            sqlx::query("INSERT INTO store_members (store_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)")
                .bind(store.id.to_string())
                .bind(owner.to_string())
                .bind(StoreRole::Owner.as_str())
                .bind(store.created_at.as_millis())
                .execute(&mut *tx)
                .await?;
        });
        Ok(())
    }

    #[instrument(skip_all)]
    pub async fn rename(
        &self,
        id: StoreId,
        name: &StoreName,
        now: Timestamp,
    ) -> Result<Option<Store>, sqlx::Error> {
        let sql = format!(
            "UPDATE stores SET name = $1, updated_at = $2 WHERE id = $3 RETURNING {COLUMNS}"
        );
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
        let rows =
            on_db!(&self.db, pool => sqlx::query_as::<_, StoreRow>(&sql).fetch_all(pool).await)?;
        rows.into_iter().map(Store::try_from).collect()
    }

    /// One page of every store, by name.
    #[instrument(skip_all)]
    pub async fn list_page(&self, page: PageRequest) -> Result<Page<Store>, sqlx::Error> {
        let sql = format!("SELECT {COLUMNS} FROM stores ORDER BY name, id LIMIT $1 OFFSET $2");
        let (rows, total): (Vec<StoreRow>, i64) = on_db!(&self.db, pool => {
            let rows = sqlx::query_as::<_, StoreRow>(&sql)
                .bind(i64::from(page.per_page))
                .bind(page.offset())
                .fetch_all(pool)
                .await?;
            let total = sqlx::query_scalar("SELECT COUNT(*) FROM stores").fetch_one(pool).await?;
            (rows, total)
        });
        Page::from_rows(rows, total, page)
    }

    /// The stores a user is a member of, with the role there.
    #[instrument(skip_all)]
    pub async fn list_for_member(
        &self,
        user: UserId,
    ) -> Result<Vec<(Store, StoreRole)>, sqlx::Error> {
        let columns = COLUMNS
            .split(", ")
            .map(|c| format!("s.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT {columns}, m.role FROM stores s JOIN store_members m ON m.store_id = s.id \
             WHERE m.user_id = $1 ORDER BY s.name, s.id"
        );
        let rows = on_db!(&self.db, pool => sqlx::query_as::<_, MemberStoreRow>(&sql)
            .bind(user.to_string())
            .fetch_all(pool)
            .await)?;
        rows.into_iter()
            .map(|row| Ok((Store::try_from(row.store)?, parse_role(&row.role)?)))
            .collect()
    }

    /// Saves a store's profile and its brand.
    #[instrument(skip_all)]
    pub async fn update_profile(
        &self,
        id: StoreId,
        profile: &StoreProfile,
        parent: Option<StoreId>,
        now: Timestamp,
    ) -> Result<(), sqlx::Error> {
        execute!(
            &self.db,
            "UPDATE stores SET description = $1, contact_email = $2, contact_phone = $3, accent_color = $4, \
             default_currency = $5, parent_id = $6, updated_at = $7 WHERE id = $8",
            profile.description.as_str(),
            profile.contact_email.as_ref().map(ToString::to_string),
            profile.contact_phone.as_ref().map(ToString::to_string),
            profile.accent.as_str(),
            profile.default_currency.code(),
            parent.map(|p| p.to_string()),
            now.as_millis(),
            id.to_string()
        )?;
        Ok(())
    }

    /// Sets (or with `None`, clears) a store's logo.
    #[instrument(skip_all)]
    pub async fn set_logo(
        &self,
        id: StoreId,
        logo: Option<&Image>,
        now: Timestamp,
    ) -> Result<(), sqlx::Error> {
        execute!(
            &self.db,
            "UPDATE stores SET logo_hash = $1, logo_width = $2, logo_height = $3, updated_at = $4 WHERE id = $5",
            logo.map(|l| l.hash.clone()),
            logo.map(|l| i64::from(l.width)),
            logo.map(|l| i64::from(l.height)),
            now.as_millis(),
            id.to_string()
        )?;
        Ok(())
    }

    /// The stores under a brand, by name.
    #[instrument(skip_all)]
    pub async fn children(&self, parent: StoreId) -> Result<Vec<Store>, sqlx::Error> {
        let sql = format!("SELECT {COLUMNS} FROM stores WHERE parent_id = $1 ORDER BY name, id");
        let rows = on_db!(&self.db, pool => sqlx::query_as::<_, StoreRow>(&sql)
            .bind(parent.to_string())
            .fetch_all(pool)
            .await)?;
        rows.into_iter().map(Store::try_from).collect()
    }

    /// Everyone with a role in the store.
    #[instrument(skip_all)]
    pub async fn member_ids(&self, store: StoreId) -> Result<HashSet<UserId>, sqlx::Error> {
        let ids: Vec<String> = on_db!(&self.db, pool => sqlx::query_scalar(
            "SELECT user_id FROM store_members WHERE store_id = $1",
        )
        .bind(store.to_string())
        .fetch_all(pool)
        .await)?;
        ids.iter()
            .map(|id| {
                id.parse()
                    .map_err(|_| sqlx::Error::Decode("store_members.user_id".into()))
            })
            .collect()
    }

    #[instrument(skip_all)]
    pub async fn role_of(
        &self,
        store: StoreId,
        user: UserId,
    ) -> Result<Option<StoreRole>, sqlx::Error> {
        let role: Option<String> = on_db!(&self.db, pool => sqlx::query_scalar(
            "SELECT role FROM store_members WHERE store_id = $1 AND user_id = $2",
        )
        .bind(store.to_string())
        .bind(user.to_string())
        .fetch_optional(pool)
        .await)?;
        role.as_deref().map(parse_role).transpose()
    }

    #[instrument(skip_all)]
    pub async fn members(
        &self,
        store: StoreId,
    ) -> Result<Vec<(UserId, StoreRole, Timestamp)>, sqlx::Error> {
        let rows: Vec<(String, String, i64)> = on_db!(&self.db, pool => sqlx::query_as(
            "SELECT user_id, role, created_at FROM store_members WHERE store_id = $1 ORDER BY created_at, user_id",
        )
        .bind(store.to_string())
        .fetch_all(pool)
        .await)?;
        rows.into_iter()
            .map(|(user, role, since)| {
                let user = user
                    .parse()
                    .map_err(|_| sqlx::Error::Decode("store_members.user_id".into()))?;
                Ok((user, parse_role(&role)?, Timestamp::from_millis(since)))
            })
            .collect()
    }

    /// Removes a member unless they are the store's last owner. The store row is locked first
    /// (one SQL text on both engines) so two owners leaving at once cannot both succeed.
    #[instrument(skip_all)]
    pub async fn remove_member(
        &self,
        store: StoreId,
        user: UserId,
        now: Timestamp,
    ) -> Result<RemoveOutcome, sqlx::Error> {
        let outcome = in_write_tx!(&self.db, tx => {
            sqlx::query("UPDATE stores SET updated_at = $1 WHERE id = $2")
                .bind(now.as_millis())
                .bind(store.to_string())
                .execute(&mut *tx)
                .await?;
            let role: Option<String> = sqlx::query_scalar("SELECT role FROM store_members WHERE store_id = $1 AND user_id = $2")
                .bind(store.to_string())
                .bind(user.to_string())
                .fetch_optional(&mut *tx)
                .await?;
            let owners: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM store_members WHERE store_id = $1 AND role = 'owner'")
                .bind(store.to_string())
                .fetch_one(&mut *tx)
                .await?;
            match role.as_deref() {
                None => RemoveOutcome::NotMember,
                Some("owner") if owners <= 1 => RemoveOutcome::LastOwner,
                Some(_) => {
                    sqlx::query("DELETE FROM store_members WHERE store_id = $1 AND user_id = $2")
                        .bind(store.to_string())
                        .bind(user.to_string())
                        .execute(&mut *tx)
                        .await?;
                    RemoveOutcome::Removed
                }
            }
        });
        Ok(outcome)
    }

    #[instrument(skip_all)]
    pub async fn insert_invitation(
        &self,
        token_hash: &str,
        store: StoreId,
        email: &Email,
        role: StoreRole,
        invited_by: UserId,
        expires_at: Timestamp,
        now: Timestamp,
    ) -> Result<(), sqlx::Error> {
        execute!(
            &self.db,
            "INSERT INTO store_invitations (token_hash, store_id, email, role, invited_by, expires_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            token_hash,
            store.to_string(),
            email.as_str(),
            role.as_str(),
            invited_by.to_string(),
            expires_at.as_millis(),
            now.as_millis()
        )?;
        Ok(())
    }

    #[instrument(skip_all)]
    pub async fn pending_invitations(
        &self,
        store: StoreId,
        now: Timestamp,
    ) -> Result<Vec<PendingInvitation>, sqlx::Error> {
        let rows: Vec<(String, String, i64)> = on_db!(&self.db, pool => sqlx::query_as(
            "SELECT email, role, expires_at FROM store_invitations \
             WHERE store_id = $1 AND accepted_at IS NULL AND expires_at > $2 ORDER BY created_at",
        )
        .bind(store.to_string())
        .bind(now.as_millis())
        .fetch_all(pool)
        .await)?;
        rows.into_iter()
            .map(|(email, role, expires_at)| {
                Ok(PendingInvitation {
                    email: Email::parse(&email)
                        .map_err(|_| sqlx::Error::Decode("store_invitations.email".into()))?,
                    role: parse_role(&role)?,
                    expires_at: Timestamp::from_millis(expires_at),
                })
            })
            .collect()
    }

    /// The store, role and email of a usable invitation, without using it up.
    #[instrument(skip_all)]
    pub async fn find_invitation(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> Result<Option<(StoreId, StoreRole, String)>, sqlx::Error> {
        let row: Option<(String, String, String)> = on_db!(&self.db, pool => sqlx::query_as(
            "SELECT store_id, role, email FROM store_invitations \
             WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > $2",
        )
        .bind(token_hash)
        .bind(now.as_millis())
        .fetch_optional(pool)
        .await)?;
        row.map(|(store, role, email)| {
            let store = store
                .parse()
                .map_err(|_| sqlx::Error::Decode("store_invitations.store_id".into()))?;
            Ok((store, parse_role(&role)?, email))
        })
        .transpose()
    }

    /// Uses an invitation up and adds the member, in one transaction; `false` if it was used
    /// meanwhile. An owner invitation raises a staff member to owner; nothing lowers a role.
    #[instrument(skip_all)]
    pub async fn accept_invitation(
        &self,
        token_hash: &str,
        user: UserId,
        now: Timestamp,
    ) -> Result<bool, sqlx::Error> {
        let accepted = in_write_tx!(&self.db, tx => {
            let claimed: Option<(String, String)> = sqlx::query_as(
                "UPDATE store_invitations SET accepted_at = $1 \
                 WHERE token_hash = $2 AND accepted_at IS NULL AND expires_at > $1 RETURNING store_id, role",
            )
            .bind(now.as_millis())
            .bind(token_hash)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some((store, role)) = &claimed {
                sqlx::query(
                    "INSERT INTO store_members (store_id, user_id, role, created_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (store_id, user_id) DO UPDATE SET role = CASE WHEN excluded.role = 'owner' \
                     THEN 'owner' ELSE store_members.role END",
                )
                .bind(store)
                .bind(user.to_string())
                .bind(role)
                .bind(now.as_millis())
                .execute(&mut *tx)
                .await?;
            }
            claimed.is_some()
        });
        Ok(accepted)
    }

    #[instrument(skip_all)]
    pub async fn find_by_id(&self, id: StoreId) -> Result<Option<Store>, sqlx::Error> {
        let sql = format!("SELECT {COLUMNS} FROM stores WHERE id = $1");
        let row = on_db!(&self.db, pool => sqlx::query_as::<_, StoreRow>(&sql)
            .bind(id.to_string())
            .fetch_optional(pool)
            .await)?;
        row.map(Store::try_from).transpose()
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

/// What removing a member came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RemoveOutcome {
    Removed,
    NotMember,
    LastOwner,
}

fn parse_role(role: &str) -> Result<StoreRole, sqlx::Error> {
    StoreRole::parse(role)
        .map_err(|_| sqlx::Error::Decode(format!("store_members.role {role:?}").into()))
}
