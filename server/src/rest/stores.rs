//! /api/v1/stores: the Stores service over JSON.

use super::{
    PageQuery,
    caller::Caller,
    json::ApiJson,
    parse_slug,
    problem::{ApiResult, Problem},
};
use crate::state::AppState;
use app::{
    error::FieldErrors,
    paging::Page,
    services::Services,
    stores::model::{NewStore, Store, StoreName, StoreProfile},
};
use axum::{
    Json, Router,
    extract::{Path, Query, State},
    http::{StatusCode, header},
    response::IntoResponse,
    routing::{get, put},
};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(list).post(create))
        .route("/{slug}", get(show).patch(update))
        .route("/{slug}/profile", put(set_profile))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CreateStoreBody {
    name: String,
    slug: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UpdateStoreBody {
    name: String,
}

async fn list(
    State(services): State<Services>,
    Caller(principal): Caller,
    Query(query): Query<PageQuery>,
) -> ApiResult<Json<Page<Store>>> {
    Ok(Json(services.stores.list(&principal, query.into()).await?))
}

async fn create(
    State(services): State<Services>,
    Caller(principal): Caller,
    ApiJson(body): ApiJson<CreateStoreBody>,
) -> ApiResult<impl IntoResponse> {
    let new = NewStore::parse(&body.name, body.slug.as_deref())?;
    let store = services.stores.create(&principal, new).await?;
    let location = format!("/api/v1/stores/{}", store.slug);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(store),
    ))
}

async fn show(
    State(services): State<Services>,
    Caller(principal): Caller,
    Path(slug): Path<String>,
) -> ApiResult<Json<Store>> {
    let slug = parse_slug(&slug)?;
    Ok(Json(services.stores.get_by_slug(&principal, &slug).await?))
}

async fn update(
    State(services): State<Services>,
    Caller(principal): Caller,
    Path(slug): Path<String>,
    ApiJson(body): ApiJson<UpdateStoreBody>,
) -> ApiResult<Json<Store>> {
    let slug = parse_slug(&slug)?;
    let name =
        StoreName::parse(&body.name).map_err(|e| Problem::from(FieldErrors::single("name", e)))?;
    let stores = &services.stores;
    let store = stores.get_by_slug(&principal, &slug).await?;
    Ok(Json(stores.rename(&principal, store.id, name).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileBody {
    #[serde(default)]
    description: String,
    #[serde(default)]
    contact_email: String,
    #[serde(default)]
    contact_phone: String,
    accent: String,
    default_currency: String,
    /// The slug of the brand this store belongs to.
    brand: Option<String>,
}

async fn set_profile(
    State(services): State<Services>,
    Caller(principal): Caller,
    Path(slug): Path<String>,
    ApiJson(body): ApiJson<ProfileBody>,
) -> ApiResult<Json<Store>> {
    let profile = StoreProfile::parse(
        &body.description,
        &body.contact_email,
        &body.contact_phone,
        &body.accent,
        &body.default_currency,
    )?;
    let stores = &services.stores;
    let store = stores.get_by_slug(&principal, &parse_slug(&slug)?).await?;
    let brand = match body.brand.as_deref().filter(|b| !b.is_empty()) {
        Some(brand) => Some(
            stores
                .get_by_slug(&principal, &parse_slug(brand)?)
                .await?
                .id,
        ),
        None => None,
    };
    Ok(Json(
        stores
            .update_profile(&principal, store.id, profile, brand)
            .await?,
    ))
}
