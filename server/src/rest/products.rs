//! Products over JSON: /api/v1/stores/{slug}/products (list, create), /api/v1/products/{id}
//! (get, update, archive), /api/v1/products/search. Prices travel as decimal strings with a
//! currency code, never as floating point numbers.

use super::{
    PageQuery,
    caller::Caller,
    json::ApiJson,
    problem::{ApiResult, Problem},
    store_by_slug,
};
use crate::state::AppState;
use app::{
    error::FieldErrors,
    identity::model::Principal,
    paging::Page,
    products::model::{CategoryId, Product, ProductDraft, ProductId},
    services::Services,
};
use axum::{
    Json, Router,
    extract::{Path, Query, State},
    http::{StatusCode, header},
    response::IntoResponse,
    routing::{get, post},
};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/stores/{slug}/products", get(list).post(create))
        .route("/products/search", get(search))
        .route("/products/{id}", get(show).patch(update))
        .route("/products/{id}/archive", post(archive))
        .route("/products/{id}/restore", post(restore))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProductBody {
    sku: String,
    name: String,
    #[serde(default)]
    description: String,
    /// Decimal text: "45.50".
    price: String,
    currency: String,
    category: Option<String>,
}

impl ProductBody {
    fn parse(&self) -> Result<ProductDraft, FieldErrors> {
        ProductDraft::parse(
            &self.sku,
            &self.name,
            &self.description,
            &self.price,
            &self.currency,
            self.category.as_deref(),
        )
    }
}

#[derive(Deserialize)]
struct SearchQuery {
    q: String,
    store: Option<String>,
    category: Option<String>,
}

async fn list(
    State(services): State<Services>,
    Caller(principal): Caller,
    Path(slug): Path<String>,
    Query(query): Query<PageQuery>,
) -> ApiResult<Json<Page<Product>>> {
    let store = store_by_slug(&services, &principal, &slug).await?;
    Ok(Json(
        services
            .products
            .list_for_store(&principal, store.id, query.into())
            .await?,
    ))
}

async fn create(
    State(services): State<Services>,
    Caller(principal): Caller,
    Path(slug): Path<String>,
    ApiJson(body): ApiJson<ProductBody>,
) -> ApiResult<impl IntoResponse> {
    let draft = body.parse()?;
    let store = store_by_slug(&services, &principal, &slug).await?;
    let product = services
        .products
        .create(&principal, store.id, draft)
        .await?;
    let location = format!("/api/v1/products/{}", product.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(product),
    ))
}

async fn show(
    State(services): State<Services>,
    Caller(principal): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Product>> {
    let id = ProductId::from_path(&id)?;
    Ok(Json(services.products.get(&principal, id).await?))
}

async fn update(
    State(services): State<Services>,
    Caller(principal): Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ProductBody>,
) -> ApiResult<Json<Product>> {
    let id = ProductId::from_path(&id)?;
    let draft = body.parse()?;
    Ok(Json(services.products.update(&principal, id, draft).await?))
}

async fn set_archived(
    services: &Services,
    principal: &Principal,
    id: &str,
    archived: bool,
) -> ApiResult<Json<Product>> {
    let id = ProductId::from_path(id)?;
    Ok(Json(
        services
            .products
            .set_archived(principal, id, archived)
            .await?,
    ))
}

async fn archive(
    State(services): State<Services>,
    Caller(principal): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Product>> {
    set_archived(&services, &principal, &id, true).await
}

async fn restore(
    State(services): State<Services>,
    Caller(principal): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Product>> {
    set_archived(&services, &principal, &id, false).await
}

async fn search(
    State(services): State<Services>,
    Caller(principal): Caller,
    Query(query): Query<SearchQuery>,
) -> ApiResult<Json<Vec<Product>>> {
    let store = match query.store.as_deref().filter(|s| !s.is_empty()) {
        Some(slug) => Some(store_by_slug(&services, &principal, slug).await?.id),
        None => None,
    };
    let category = match query.category.as_deref().filter(|c| !c.is_empty()) {
        Some(id) => Some(
            id.parse::<CategoryId>()
                .map_err(|_| Problem::from(app::products::service::ProductError::NoSuchCategory))?,
        ),
        None => None,
    };
    let found = services
        .products
        .search(&principal, &query.q, store, category)
        .await?;
    Ok(Json(found))
}
