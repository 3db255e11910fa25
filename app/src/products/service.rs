//! The only way into the Products context: a store's catalogue and categories, and search.

use super::{
    model::{Category, CategoryId, CategoryName, Product, ProductDraft, ProductId, Sku},
    rules::search_terms,
    storage::{ProductStorage, SearchScope},
};
use crate::paging::{Page, PageRequest};
use crate::quotas::{Quotas, has_room};
use crate::{
    db::{Db, is_unique_violation},
    error::{DomainError, ErrorKind, FieldErrors, internal_text},
    i18n::Text,
    identity::model::Principal,
    media::{Image, UploadError, Uploads},
    stores::{
        model::StoreId,
        service::{StoreError, StoreService},
    },
    text,
    time::Timestamp,
};
use tracing::instrument;

/// Search answers at most this many products.
const SEARCH_LIMIT: u32 = 50;

crate::ids::owned_ids!(
    ProductId => ProductError::NotFound,
    CategoryId => ProductError::NoSuchCategory,
);

#[derive(Debug, thiserror::Error)]
pub enum ProductError {
    #[error("no such product")]
    NotFound,
    #[error("no such category")]
    NoSuchCategory,
    #[error("the SKU {0} is already used by another product of this store")]
    SkuTaken(Sku),
    #[error("this store already has {0} products, the most a store may have")]
    QuotaReached(u32),
    #[error("that category does not belong to this store")]
    ForeignCategory,
    #[error(transparent)]
    Upload(#[from] UploadError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("storage failed: {0}")]
    Storage(#[from] sqlx::Error),
}

impl DomainError for ProductError {
    fn kind(&self) -> ErrorKind {
        match self {
            ProductError::NotFound | ProductError::NoSuchCategory => ErrorKind::NotFound,
            ProductError::SkuTaken(_) | ProductError::QuotaReached(_) => ErrorKind::Conflict,
            ProductError::ForeignCategory => ErrorKind::Invalid,
            ProductError::Upload(inner) => inner.kind(),
            ProductError::Store(inner) => inner.kind(),
            ProductError::Storage(_) => ErrorKind::Internal,
        }
    }

    fn text(&self) -> Text {
        match self {
            ProductError::NotFound => text!("product-err-not-found"),
            ProductError::NoSuchCategory => text!("product-err-no-category"),
            ProductError::SkuTaken(sku) => text!("check-sku-taken", sku = sku.as_str()),
            ProductError::QuotaReached(max) => text!("product-err-quota", max = *max),
            ProductError::ForeignCategory => text!("check-category"),
            ProductError::Upload(inner) => inner.text(),
            ProductError::Store(inner) => inner.text(),
            ProductError::Storage(_) => internal_text(),
        }
    }

    fn field(&self) -> Option<&'static str> {
        match self {
            ProductError::SkuTaken(_) => Some("sku"),
            ProductError::ForeignCategory => Some("category"),
            ProductError::Upload(UploadError::Image(_)) => Some("image"),
            ProductError::Store(inner) => inner.field(),
            _ => None,
        }
    }

    fn fields(&self) -> Option<&FieldErrors> {
        match self {
            ProductError::Store(inner) => inner.fields(),
            _ => None,
        }
    }
}

#[cfg(test)]
impl ProductError {
    /// One of each refusal, for the catalogue tests.
    pub(crate) fn examples() -> Vec<Self> {
        use crate::media::ImageError;
        vec![
            ProductError::NotFound,
            ProductError::NoSuchCategory,
            ProductError::SkuTaken(Sku::parse("CR-1").unwrap()),
            ProductError::QuotaReached(5000),
            ProductError::ForeignCategory,
            ProductError::Upload(UploadError::Image(ImageError::Damaged)),
        ]
    }
}

#[derive(Clone)]
pub struct ProductService {
    storage: ProductStorage,
    stores: StoreService,
    uploads: Uploads,
    quotas: Quotas,
}

impl ProductService {
    pub fn new(db: Db, stores: StoreService, uploads: Uploads, quotas: Quotas) -> Self {
        Self {
            quotas,
            storage: ProductStorage::new(db),
            stores,
            uploads,
        }
    }

    /// Whether `principal` may add photos to the product (its store's owners): asked before an
    /// upload's bytes are read.
    pub async fn may_add_image(
        &self,
        principal: &Principal,
        id: ProductId,
    ) -> Result<(), ProductError> {
        let product = self.storage.find(id).await?.ok_or(ProductError::NotFound)?;
        self.stores
            .require_owner(principal, product.store_id)
            .await?;
        Ok(())
    }

    /// Checks, strips and resizes an uploaded photo and adds it to the product's gallery.
    #[instrument(skip_all, fields(product.id = %id, bytes = upload.len()))]
    pub async fn add_image(
        &self,
        principal: &Principal,
        id: ProductId,
        upload: Vec<u8>,
    ) -> Result<Image, ProductError> {
        self.may_add_image(principal, id).await?;
        let image = self.uploads.save(upload).await?;
        self.storage.add_image(id, &image, Timestamp::now()).await?;
        Ok(image)
    }

    /// A product's photos in gallery order (for whoever may see the product).
    pub async fn images(
        &self,
        principal: &Principal,
        id: ProductId,
    ) -> Result<Vec<Image>, ProductError> {
        self.get(principal, id).await?;
        Ok(self.storage.images(id).await?)
    }

    /// The first photo of each listed product that has one, for lists of products the caller
    /// was allowed to list.
    pub async fn covers(
        &self,
        products: &[ProductId],
    ) -> Result<Vec<(ProductId, Image)>, ProductError> {
        Ok(self.storage.covers(products).await?)
    }

    #[instrument(skip_all, fields(store.id = %store))]
    pub async fn create(
        &self,
        principal: &Principal,
        store: StoreId,
        draft: ProductDraft,
    ) -> Result<Product, ProductError> {
        self.stores.require_owner(principal, store).await?;
        self.check_category(store, draft.category_id).await?;
        let quota = self.quotas.products_per_store;
        if !has_room(self.storage.count_for_store(store).await?, 1, quota) {
            return Err(ProductError::QuotaReached(quota));
        }
        let product = Product {
            id: ProductId::generate(),
            store_id: store,
            category_id: draft.category_id,
            sku: draft.sku,
            name: draft.name,
            description: draft.description,
            price: draft.price,
            archived: false,
            created_at: Timestamp::now(),
        };
        match self.storage.insert(&product).await {
            Ok(()) => Ok(product),
            Err(e) if is_unique_violation(&e) => Err(ProductError::SkuTaken(product.sku)),
            Err(e) => Err(e.into()),
        }
    }

    #[instrument(skip_all, fields(product.id = %id))]
    pub async fn update(
        &self,
        principal: &Principal,
        id: ProductId,
        draft: ProductDraft,
    ) -> Result<Product, ProductError> {
        let current = self.storage.find(id).await?.ok_or(ProductError::NotFound)?;
        self.stores
            .require_owner(principal, current.store_id)
            .await?;
        self.check_category(current.store_id, draft.category_id)
            .await?;
        let product = Product {
            category_id: draft.category_id,
            sku: draft.sku,
            name: draft.name,
            description: draft.description,
            price: draft.price,
            ..current
        };
        self.save(product).await
    }

    /// Archived products disappear from the store page and search but stay for past orders.
    #[instrument(skip_all, fields(product.id = %id))]
    pub async fn set_archived(
        &self,
        principal: &Principal,
        id: ProductId,
        archived: bool,
    ) -> Result<Product, ProductError> {
        let current = self.storage.find(id).await?.ok_or(ProductError::NotFound)?;
        self.stores
            .require_owner(principal, current.store_id)
            .await?;
        self.save(Product {
            archived,
            ..current
        })
        .await
    }

    async fn save(&self, product: Product) -> Result<Product, ProductError> {
        match self.storage.update(&product, Timestamp::now()).await {
            Ok(()) => Ok(product),
            Err(e) if is_unique_violation(&e) => Err(ProductError::SkuTaken(product.sku)),
            Err(e) => Err(e.into()),
        }
    }

    /// A product; archived ones only for the store's owners.
    pub async fn get(&self, principal: &Principal, id: ProductId) -> Result<Product, ProductError> {
        let product = self.storage.find(id).await?.ok_or(ProductError::NotFound)?;
        if product.archived && !self.manages(principal, product.store_id).await? {
            return Err(ProductError::NotFound);
        }
        Ok(product)
    }

    /// A store's products by name; owners also see archived ones.
    pub async fn list_for_store(
        &self,
        principal: &Principal,
        store: StoreId,
        page: PageRequest,
    ) -> Result<Page<Product>, ProductError> {
        let include_archived = self.manages(principal, store).await?;
        Ok(self
            .storage
            .list_for_store(store, include_archived, page)
            .await?)
    }

    /// Active products whose name or description has every word of `query` (as a prefix).
    #[instrument(skip_all)]
    pub async fn search(
        &self,
        _principal: &Principal,
        query: &str,
        store: Option<StoreId>,
        category: Option<CategoryId>,
    ) -> Result<Vec<Product>, ProductError> {
        let terms = search_terms(query);
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        Ok(self
            .storage
            .search(&terms, SearchScope { store, category }, SEARCH_LIMIT)
            .await?)
    }

    pub async fn create_category(
        &self,
        principal: &Principal,
        store: StoreId,
        name: CategoryName,
        parent: Option<CategoryId>,
    ) -> Result<Category, ProductError> {
        self.stores.require_owner(principal, store).await?;
        self.check_category(store, parent).await?;
        let category = Category {
            id: CategoryId::generate(),
            store_id: store,
            parent_id: parent,
            name,
        };
        self.storage
            .insert_category(&category, Timestamp::now())
            .await?;
        Ok(category)
    }

    pub async fn categories(
        &self,
        _principal: &Principal,
        store: StoreId,
    ) -> Result<Vec<Category>, ProductError> {
        Ok(self.storage.categories(store).await?)
    }

    async fn check_category(
        &self,
        store: StoreId,
        category: Option<CategoryId>,
    ) -> Result<(), ProductError> {
        match category {
            Some(id)
                if !self
                    .storage
                    .categories(store)
                    .await?
                    .iter()
                    .any(|c| c.id == id) =>
            {
                Err(ProductError::ForeignCategory)
            }
            _ => Ok(()),
        }
    }

    async fn manages(&self, principal: &Principal, store: StoreId) -> Result<bool, ProductError> {
        match self.stores.require_owner(principal, store).await {
            Ok(_) => Ok(true),
            Err(StoreError::Unauthenticated | StoreError::Forbidden) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }
}
