//! Products over JSON: /api/v1/stores/{slug}/products (list, create), /api/v1/products/{id}
//! (get, update, archive), /api/v1/products/search. Prices travel as decimal strings with a
//! currency code, never as floating point numbers.

use super::{
    json::ApiJson,
    problem::{ApiResult, Problem},
    store_by_slug,
};
use crate::state::AppState;
use app::{
    error::FieldErrors,
    products::model::{CategoryId, Page, PageRequest, Product, ProductDraft, ProductId},
    request::RequestContext,
};
use axum::{
    Extension, Json, Router,
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
struct PageQuery {
    page: Option<u32>,
    per_page: Option<u32>,
}

#[derive(Deserialize)]
struct SearchQuery {
    q: String,
    store: Option<String>,
    category: Option<String>,
}

fn product_id(id: &str) -> Result<ProductId, Problem> {
    id.parse()
        .map_err(|_| app::products::service::ProductError::NotFound.into())
}

async fn list(
    State(state): State<AppState>,
    Extension(context): Extension<RequestContext>,
    Path(slug): Path<String>,
    Query(query): Query<PageQuery>,
) -> ApiResult<Json<Page<Product>>> {
    let store = store_by_slug(&state, &context, &slug).await?;
    let page = PageRequest::new(query.page, query.per_page);
    Ok(Json(
        state
            .services
            .products
            .list_for_store(&context.principal, store.id, page)
            .await?,
    ))
}

async fn create(
    State(state): State<AppState>,
    Extension(context): Extension<RequestContext>,
    Path(slug): Path<String>,
    ApiJson(body): ApiJson<ProductBody>,
) -> ApiResult<impl IntoResponse> {
    let draft = body.parse()?;
    let store = store_by_slug(&state, &context, &slug).await?;
    let product = state
        .services
        .products
        .create(&context.principal, store.id, draft)
        .await?;
    let location = format!("/api/v1/products/{}", product.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(product),
    ))
}

async fn show(
    State(state): State<AppState>,
    Extension(context): Extension<RequestContext>,
    Path(id): Path<String>,
) -> ApiResult<Json<Product>> {
    let id = product_id(&id)?;
    Ok(Json(
        state.services.products.get(&context.principal, id).await?,
    ))
}

async fn update(
    State(state): State<AppState>,
    Extension(context): Extension<RequestContext>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ProductBody>,
) -> ApiResult<Json<Product>> {
    let id = product_id(&id)?;
    let draft = body.parse()?;
    Ok(Json(
        state
            .services
            .products
            .update(&context.principal, id, draft)
            .await?,
    ))
}

async fn set_archived(
    state: &AppState,
    context: &RequestContext,
    id: &str,
    archived: bool,
) -> ApiResult<Json<Product>> {
    let id = product_id(id)?;
    Ok(Json(
        state
            .services
            .products
            .set_archived(&context.principal, id, archived)
            .await?,
    ))
}

async fn archive(
    State(state): State<AppState>,
    Extension(context): Extension<RequestContext>,
    Path(id): Path<String>,
) -> ApiResult<Json<Product>> {
    set_archived(&state, &context, &id, true).await
}

async fn restore(
    State(state): State<AppState>,
    Extension(context): Extension<RequestContext>,
    Path(id): Path<String>,
) -> ApiResult<Json<Product>> {
    set_archived(&state, &context, &id, false).await
}

async fn search(
    State(state): State<AppState>,
    Extension(context): Extension<RequestContext>,
    Query(query): Query<SearchQuery>,
) -> ApiResult<Json<Vec<Product>>> {
    let store = match query.store.as_deref().filter(|s| !s.is_empty()) {
        Some(slug) => Some(store_by_slug(&state, &context, slug).await?.id),
        None => None,
    };
    let category = match query.category.as_deref().filter(|c| !c.is_empty()) {
        Some(id) => Some(
            id.parse::<CategoryId>()
                .map_err(|_| Problem::from(app::products::service::ProductError::NoSuchCategory))?,
        ),
        None => None,
    };
    let found = state
        .services
        .products
        .search(&context.principal, &query.q, store, category)
        .await?;
    Ok(Json(found))
}
