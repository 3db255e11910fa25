//! Server functions of the Products context.

use super::model::{Category, Product, ProductId};
use crate::paging::Page;
use crate::{error::AppError, media::Image, stores::model::Store};
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};
use serde::{Deserialize, Serialize};

/// A store's catalogue page: the store, its categories, a page of products, and whether the
/// caller may manage it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalogue {
    pub store: Store,
    pub categories: Vec<Category>,
    pub products: Page<Product>,
    /// The first photo of each listed product that has one.
    pub covers: Vec<(ProductId, Image)>,
    pub can_manage: bool,
}

#[server]
pub async fn store_catalogue(slug: String, page: Option<u32>) -> Result<Catalogue, AppError> {
    use crate::paging::PageRequest;
    use crate::{
        request::principal,
        services::services,
        stores::{model::StoreSlug, service::StoreError},
    };
    let services = services()?;
    let principal = principal();
    let slug = StoreSlug::parse(&slug)
        .map_err(|_| AppError::from(StoreError::NotFound(slug.to_string())))?;
    let store = services.stores.get_by_slug(&principal, &slug).await?;
    let can_manage = services
        .stores
        .require_owner(&principal, store.id)
        .await
        .is_ok();
    let categories = services.products.categories(&principal, store.id).await?;
    let products = services
        .products
        .list_for_store(&principal, store.id, PageRequest::new(page, Some(50)))
        .await?;
    let ids: Vec<_> = products.items.iter().map(|p| p.id).collect();
    let covers = services.products.covers(&ids).await?;
    Ok(Catalogue {
        store,
        categories,
        products,
        covers,
        can_manage,
    })
}

#[server]
pub async fn create_product(
    store_id: String,
    sku: String,
    name: String,
    description: String,
    price: String,
    currency: String,
    category: Option<String>,
) -> Result<Product, AppError> {
    use super::model::ProductDraft;
    use crate::{ids::StoreId, request::principal, services::services};
    let store = StoreId::from_path(&store_id)?;
    let draft = ProductDraft::parse(
        &sku,
        &name,
        &description,
        &price,
        &currency,
        category.as_deref(),
    )?;
    Ok(services()?
        .products
        .create(&principal(), store, draft)
        .await?)
}

#[server]
pub async fn set_product_archived(product_id: String, archived: bool) -> Result<Product, AppError> {
    use crate::{request::principal, services::services};
    let id = ProductId::from_path(&product_id)?;
    Ok(services()?
        .products
        .set_archived(&principal(), id, archived)
        .await?)
}

#[server]
pub async fn create_category(
    store_id: String,
    name: String,
    parent: Option<String>,
) -> Result<Category, AppError> {
    use super::model::CategoryName;
    use crate::{error::FieldErrors, ids::StoreId, request::principal, services::services};
    let store = StoreId::from_path(&store_id)?;
    let name =
        CategoryName::parse(&name).map_err(|e| AppError::from(FieldErrors::single("name", e)))?;
    let parent = match parent.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(id) => Some(id.parse().map_err(|_| {
            AppError::from(FieldErrors::single(
                "parent",
                crate::text!("check-category-of-store"),
            ))
        })?),
        None => None,
    };
    Ok(services()?
        .products
        .create_category(&principal(), store, name, parent)
        .await?)
}

/// A product with its store (and, on the product page, its photos and whether the caller may
/// manage it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductView {
    pub product: Product,
    pub store: Store,
    pub images: Vec<Image>,
    pub can_manage: bool,
}

#[server]
pub async fn get_product(product_id: String) -> Result<ProductView, AppError> {
    use crate::{request::principal, services::services};
    let services = services()?;
    let principal = principal();
    let id = ProductId::from_path(&product_id)?;
    let product = services.products.get(&principal, id).await?;
    let store = services
        .stores
        .get_by_id(&principal, product.store_id)
        .await?;
    let images = services.products.images(&principal, id).await?;
    let can_manage = services
        .stores
        .require_owner(&principal, store.id)
        .await
        .is_ok();
    Ok(ProductView {
        product,
        store,
        images,
        can_manage,
    })
}

/// Search results with the store each product belongs to.
#[server]
pub async fn search_products(
    query: String,
    store: Option<String>,
    category: Option<String>,
) -> Result<Vec<ProductView>, AppError> {
    use crate::{
        ids::CategoryId,
        request::principal,
        services::services,
        stores::{model::StoreSlug, service::StoreError},
    };
    let services = services()?;
    let principal = principal();
    let store = match store.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(slug) => {
            let slug = StoreSlug::parse(slug)
                .map_err(|_| AppError::from(StoreError::NotFound(slug.to_string())))?;
            Some(services.stores.get_by_slug(&principal, &slug).await?.id)
        }
        None => None,
    };
    let category = match category.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        Some(id) => Some(CategoryId::from_path(id)?),
        None => None,
    };
    let found = services
        .products
        .search(&principal, &query, store, category)
        .await?;
    let ids: Vec<_> = found.iter().map(|p| p.id).collect();
    let mut covers = services.products.covers(&ids).await?;
    // Each store looked up once, however many of its products match.
    let mut stores: Vec<Store> = Vec::new();
    let mut views = Vec::with_capacity(found.len());
    for product in found {
        let store = match stores.iter().find(|s| s.id == product.store_id) {
            Some(store) => store.clone(),
            None => {
                let store = services
                    .stores
                    .get_by_id(&principal, product.store_id)
                    .await?;
                stores.push(store.clone());
                store
            }
        };
        let cover = covers
            .iter()
            .position(|(id, _)| *id == product.id)
            .map(|at| covers.swap_remove(at).1);
        views.push(ProductView {
            product,
            store,
            images: cover.into_iter().collect(),
            can_manage: false,
        });
    }
    Ok(views)
}

/// Adds a photo to a product: a multipart form with `product_id` and `image`. Works as a plain
/// form post (the browser is sent back to the page) and from the enhanced page.
#[server(input = MultipartFormData)]
pub async fn upload_product_image(data: MultipartData) -> Result<Image, AppError> {
    use crate::{media::ImageForm, request::principal, services::services};
    let form = ImageForm::open(data, "product_id").await?;
    let id = ProductId::from_path(form.id())?;
    let products = &services()?.products;
    products.may_add_image(&principal(), id).await?;
    let upload = form.file("image").await?;
    Ok(products.add_image(&principal(), id, upload).await?)
}
