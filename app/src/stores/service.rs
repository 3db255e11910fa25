//! The only way into the Stores context.

use super::{
    model::{NewStore, Store, StoreId, StoreName, StoreSlug},
    storage::StoreStorage,
};
use crate::{
    db::{Db, is_unique_violation},
    error::AppError,
    time::Timestamp,
};
use tracing::instrument;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no store has the address {0}")]
    NotFound(String),
    #[error("the address {0} is already taken by another store")]
    SlugTaken(StoreSlug),
    #[error("storage failed: {0}")]
    Storage(#[from] sqlx::Error),
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound(_) => AppError::not_found(error.to_string()),
            StoreError::SlugTaken(_) => AppError::conflict("slug", &error),
            StoreError::Storage(cause) => AppError::internal(&cause),
        }
    }
}

#[derive(Clone)]
pub struct StoreService {
    storage: StoreStorage,
}

impl StoreService {
    pub fn new(db: Db) -> Self {
        Self { storage: StoreStorage::new(db) }
    }

    #[instrument(skip_all, fields(store.slug = %new.slug))]
    pub async fn create(&self, new: NewStore) -> Result<Store, StoreError> {
        let store = Store { id: StoreId::generate(), slug: new.slug, name: new.name, created_at: Timestamp::now() };
        match self.storage.insert(&store).await {
            Ok(()) => Ok(store),
            Err(e) if is_unique_violation(&e) => Err(StoreError::SlugTaken(store.slug)),
            Err(e) => Err(e.into()),
        }
    }

    #[instrument(skip_all, fields(store.id = %id))]
    pub async fn rename(&self, id: StoreId, name: StoreName) -> Result<Store, StoreError> {
        self.storage.rename(id, &name, Timestamp::now()).await?.ok_or_else(|| StoreError::NotFound(id.to_string()))
    }

    pub async fn list(&self) -> Result<Vec<Store>, StoreError> {
        Ok(self.storage.list().await?)
    }

    #[instrument(skip_all, fields(store.slug = %slug))]
    pub async fn get_by_slug(&self, slug: &StoreSlug) -> Result<Store, StoreError> {
        self.storage.find_by_slug(slug).await?.ok_or_else(|| StoreError::NotFound(slug.to_string()))
    }
}
