//! Branches over JSON: /api/v1/stores/{slug}/branches (list with status, create) and
//! /api/v1/branches/{id} (get, update). Hours travel as the form does: an opens/closes pair a
//! weekday (Monday first, "" for closed) and exception lines.

use super::{
    caller::Caller,
    json::ApiJson,
    problem::{ApiResult, Problem},
    store_by_slug,
};
use crate::state::AppState;
use app::{
    branches::model::{Branch, BranchDraft, BranchId, BranchInput, BranchStatus},
    services::Services,
    time::Timestamp,
};
use axum::{
    Json, Router,
    extract::{Path, State},
    http::{StatusCode, header},
    response::IntoResponse,
    routing::get,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/stores/{slug}/branches", get(list).post(create))
        .route("/branches/{id}", get(show).patch(update))
}

fn draft(input: &BranchInput) -> Result<BranchDraft, Problem> {
    Ok(BranchDraft::parse(input)?)
}

async fn list(
    State(services): State<Services>,
    Caller(principal): Caller,
    Path(slug): Path<String>,
) -> ApiResult<Json<Vec<BranchStatus>>> {
    let store = store_by_slug(&services, &principal, &slug).await?;
    let found = services
        .branches
        .for_store(&principal, store.id, Timestamp::now())
        .await?;
    Ok(Json(found))
}

async fn create(
    State(services): State<Services>,
    Caller(principal): Caller,
    Path(slug): Path<String>,
    ApiJson(input): ApiJson<BranchInput>,
) -> ApiResult<impl IntoResponse> {
    let draft = draft(&input)?;
    let store = store_by_slug(&services, &principal, &slug).await?;
    let branch = services
        .branches
        .create(&principal, store.id, draft)
        .await?;
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, format!("/api/v1/branches/{}", branch.id))],
        Json(branch),
    ))
}

async fn show(
    State(services): State<Services>,
    Caller(principal): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Branch>> {
    let id = BranchId::from_path(&id)?;
    Ok(Json(services.branches.get(&principal, id).await?))
}

async fn update(
    State(services): State<Services>,
    Caller(principal): Caller,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<BranchInput>,
) -> ApiResult<Json<Branch>> {
    let id = BranchId::from_path(&id)?;
    let draft = draft(&input)?;
    Ok(Json(services.branches.update(&principal, id, draft).await?))
}
