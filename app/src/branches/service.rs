//! The only way into the Branches context: a store's branches, their opening status on their
//! own clock, and "branches near me".

use super::{
    geo::Coordinates,
    hours::OpenStatus,
    model::{Branch, BranchDraft, BranchId, BranchStatus},
    storage::BranchStorage,
    zone::{local_moment, zone_exists},
};
use crate::paging::{Page, PageRequest};
use crate::quotas::{Quotas, has_room};
use crate::{
    db::Db,
    error::{DomainError, ErrorKind, FieldErrors, internal_text},
    i18n::Text,
    identity::model::Principal,
    stores::{
        model::StoreId,
        service::{StoreError, StoreService},
    },
    text,
    time::Timestamp,
};
use tracing::instrument;

crate::ids::owned_ids!(BranchId => BranchError::NotFound);

#[derive(Debug, thiserror::Error)]
pub enum BranchError {
    #[error("no such branch")]
    NotFound,
    #[error("is not a time zone DropSlot knows (use an IANA name like Asia/Bangkok)")]
    UnknownTimeZone,
    #[error("this store already has {0} branches, the most a store may have")]
    QuotaReached(u32),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("storage failed: {0}")]
    Storage(#[from] sqlx::Error),
}

impl DomainError for BranchError {
    fn kind(&self) -> ErrorKind {
        match self {
            BranchError::NotFound => ErrorKind::NotFound,
            BranchError::UnknownTimeZone => ErrorKind::Invalid,
            BranchError::QuotaReached(_) => ErrorKind::Conflict,
            BranchError::Store(inner) => inner.kind(),
            BranchError::Storage(_) => ErrorKind::Internal,
        }
    }

    fn text(&self) -> Text {
        match self {
            BranchError::NotFound => text!("branch-err-not-found"),
            BranchError::UnknownTimeZone => text!("check-zone-known-iana"),
            BranchError::QuotaReached(max) => text!("branch-err-quota", max = *max),
            BranchError::Store(inner) => inner.text(),
            BranchError::Storage(_) => internal_text(),
        }
    }

    fn field(&self) -> Option<&'static str> {
        match self {
            BranchError::UnknownTimeZone => Some("time_zone"),
            BranchError::Store(inner) => inner.field(),
            _ => None,
        }
    }

    fn fields(&self) -> Option<&FieldErrors> {
        match self {
            BranchError::Store(inner) => inner.fields(),
            _ => None,
        }
    }
}

#[cfg(test)]
impl BranchError {
    /// One of each refusal, for the catalogue tests.
    pub(crate) fn examples() -> Vec<Self> {
        vec![
            BranchError::NotFound,
            BranchError::UnknownTimeZone,
            BranchError::QuotaReached(200),
        ]
    }
}

#[derive(Clone)]
pub struct BranchService {
    storage: BranchStorage,
    stores: StoreService,
    quotas: Quotas,
}

impl BranchService {
    pub fn new(db: Db, stores: StoreService, quotas: Quotas) -> Self {
        Self {
            storage: BranchStorage::new(db),
            stores,
            quotas,
        }
    }

    #[instrument(skip_all, fields(store.id = %store))]
    pub async fn create(
        &self,
        principal: &Principal,
        store: StoreId,
        draft: BranchDraft,
    ) -> Result<Branch, BranchError> {
        self.stores.require_owner(principal, store).await?;
        let quota = self.quotas.branches_per_store;
        if !has_room(self.storage.count_for_store(store).await?, 1, quota) {
            return Err(BranchError::QuotaReached(quota));
        }
        self.save(draft.into_branch(BranchId::generate(), store))
            .await
    }

    #[instrument(skip_all, fields(branch.id = %id))]
    pub async fn update(
        &self,
        principal: &Principal,
        id: BranchId,
        draft: BranchDraft,
    ) -> Result<Branch, BranchError> {
        let current = self.storage.find(id).await?.ok_or(BranchError::NotFound)?;
        self.stores
            .require_owner(principal, current.store_id)
            .await?;
        self.save(draft.into_branch(id, current.store_id)).await
    }

    async fn save(&self, branch: Branch) -> Result<Branch, BranchError> {
        if !zone_exists(&branch.time_zone) {
            return Err(BranchError::UnknownTimeZone);
        }
        self.storage.upsert(&branch, Timestamp::now()).await?;
        Ok(branch)
    }

    pub async fn get(&self, _principal: &Principal, id: BranchId) -> Result<Branch, BranchError> {
        self.storage.find(id).await?.ok_or(BranchError::NotFound)
    }

    /// A store's branches with their status now.
    pub async fn for_store(
        &self,
        _principal: &Principal,
        store: StoreId,
        now: Timestamp,
    ) -> Result<Vec<BranchStatus>, BranchError> {
        Ok(self
            .storage
            .list(Some(store))
            .await?
            .into_iter()
            .map(|b| Self::status(b, now, None))
            .collect())
    }

    /// Every branch of every store, by name, a page at a time.
    pub async fn all(
        &self,
        _principal: &Principal,
        now: Timestamp,
        page: PageRequest,
    ) -> Result<Page<BranchStatus>, BranchError> {
        let page = self.storage.list_page(page).await?;
        Ok(page.map(|b| Self::status(b, now, None)))
    }

    /// Branches nearest `origin` first, from every store or one, a page at a time (sorted in
    /// memory: a store has at most its quota of branches, the whole directory a few thousand).
    pub async fn near(
        &self,
        _principal: &Principal,
        origin: Coordinates,
        store: Option<StoreId>,
        now: Timestamp,
        page: PageRequest,
    ) -> Result<Page<BranchStatus>, BranchError> {
        let mut branches: Vec<_> = self
            .storage
            .list(store)
            .await?
            .into_iter()
            .map(|b| Self::status(b, now, Some(origin)))
            .collect();
        branches.sort_by_key(|b| (b.distance_m, b.branch.name.to_string()));
        Ok(Page::of_all(branches, page))
    }

    /// Where a typed place or postcode is, judged by the branches DropSlot knows (no outside
    /// geocoder is needed): the first branch whose postcode, city or street matches.
    pub async fn locate_place(
        &self,
        _principal: &Principal,
        place: &str,
    ) -> Result<Option<Coordinates>, BranchError> {
        let place = place.trim().to_lowercase();
        if place.is_empty() {
            return Ok(None);
        }
        let branches = self.storage.list(None).await?;
        let matches = |b: &&Branch| {
            b.address.postcode.to_lowercase() == place
                || b.address.city.as_str().to_lowercase() == place
                || b.address.street.as_str().to_lowercase().contains(&place)
                || b.name.as_str().to_lowercase().contains(&place)
        };
        Ok(branches.iter().find(matches).map(|b| b.coordinates))
    }

    fn status(branch: Branch, now: Timestamp, origin: Option<Coordinates>) -> BranchStatus {
        let (status, weekday) = match local_moment(now, &branch.time_zone) {
            Some((moment, yesterday)) => (branch.hours.status(moment, yesterday), moment.weekday),
            None => (OpenStatus::Closed { opens: None }, 0),
        };
        let distance_m = origin.map(|o| o.distance_m(branch.coordinates));
        BranchStatus {
            branch,
            status,
            weekday,
            distance_m,
        }
    }
}
