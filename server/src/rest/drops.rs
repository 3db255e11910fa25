//! Drops over JSON. A store's drops at /api/v1/stores/{slug}/drops (list, create); one drop at
//! /api/v1/drops/{id} (get, update) with its lifecycle commands (POST .../publish, unpublish,
//! close, archive, cancel), slots (list, add from a schedule, preview, capacity, remove) and
//! access codes. Drops answer with their status now (the clock applied).

use super::{
    caller::Caller,
    json::ApiJson,
    problem::{ApiResult, Problem},
    store_by_slug,
};
use crate::state::AppState;
use app::{
    drops::{
        api::DropSummary,
        model::{
            AccessCode, AccessCodeUse, Capacity, DropId, DropInput, ScheduleInput, SlotId, SlotView,
        },
        rules::DropCommand,
    },
    error::{ErrorKind, FieldErrors},
    i18n::Language,
    services::Services,
    time::Timestamp,
};
use axum::{
    Json, Router,
    extract::{Path, State},
    http::{StatusCode, header},
    response::IntoResponse,
    routing::{get, patch, post},
};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/stores/{slug}/drops", get(list).post(create))
        .route("/drops/{id}", get(show).patch(update))
        .route("/drops/{id}/slots", get(slots).post(add_slots))
        .route("/drops/{id}/slots/preview", post(preview))
        .route(
            "/drops/{id}/slots/{slot}",
            patch(set_capacity).delete(remove_slot),
        )
        .route("/drops/{id}/access-codes", get(codes).post(add_code))
        .route("/drops/{id}/{command}", post(command))
}

async fn list(
    State(services): State<Services>,
    Caller(principal): Caller,
    Path(slug): Path<String>,
) -> ApiResult<Json<Vec<DropSummary>>> {
    let store = store_by_slug(&services, &principal, &slug).await?;
    let now = Timestamp::now();
    let drops = services.drops.for_store(&principal, store.id, now).await?;
    Ok(Json(
        drops
            .into_iter()
            .map(|d| DropSummary::at(d, now, Language::En))
            .collect(),
    ))
}

async fn create(
    State(services): State<Services>,
    Caller(principal): Caller,
    Path(slug): Path<String>,
    ApiJson(input): ApiJson<DropInput>,
) -> ApiResult<impl IntoResponse> {
    let store = store_by_slug(&services, &principal, &slug).await?;
    let drop = services.drops.create(&principal, store.id, &input).await?;
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, format!("/api/v1/drops/{}", drop.id))],
        Json(DropSummary::at(drop, Timestamp::now(), Language::En)),
    ))
}

async fn show(
    State(services): State<Services>,
    Caller(principal): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<DropSummary>> {
    let drop = services
        .drops
        .get(&principal, DropId::from_path(&id)?)
        .await?;
    Ok(Json(DropSummary::at(drop, Timestamp::now(), Language::En)))
}

async fn update(
    State(services): State<Services>,
    Caller(principal): Caller,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<DropInput>,
) -> ApiResult<Json<DropSummary>> {
    let drop = services
        .drops
        .update(&principal, DropId::from_path(&id)?, &input)
        .await?;
    Ok(Json(DropSummary::at(drop, Timestamp::now(), Language::En)))
}

async fn command(
    State(services): State<Services>,
    Caller(principal): Caller,
    Path((id, command)): Path<(String, String)>,
) -> ApiResult<Json<DropSummary>> {
    let command = DropCommand::parse_owner_command(&command).ok_or_else(|| {
        Problem::new(
            ErrorKind::NotFound,
            StatusCode::NOT_FOUND,
            format!("drops have no command {command}"),
        )
    })?;
    let drop = services
        .drops
        .command(&principal, DropId::from_path(&id)?, command)
        .await?;
    Ok(Json(DropSummary::at(drop, Timestamp::now(), Language::En)))
}

async fn slots(
    State(services): State<Services>,
    Caller(principal): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<SlotView>>> {
    let slots = services
        .drops
        .slots(&principal, DropId::from_path(&id)?)
        .await?;
    Ok(Json(slots))
}

async fn add_slots(
    State(services): State<Services>,
    Caller(principal): Caller,
    Path(id): Path<String>,
    ApiJson(schedule): ApiJson<ScheduleInput>,
) -> ApiResult<impl IntoResponse> {
    let added = services
        .drops
        .add_slots(&principal, DropId::from_path(&id)?, &schedule)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(serde_json::json!({ "added": added })),
    ))
}

async fn preview(
    State(services): State<Services>,
    Caller(principal): Caller,
    Path(id): Path<String>,
    ApiJson(schedule): ApiJson<ScheduleInput>,
) -> ApiResult<Json<Vec<SlotView>>> {
    let drops = &services.drops;
    let drop = drops.get(&principal, DropId::from_path(&id)?).await?;
    let slots = drops
        .preview_schedule(&principal, drop.store_id, &schedule)
        .await?;
    Ok(Json(slots))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CapacityChange {
    capacity: i64,
}

async fn set_capacity(
    State(services): State<Services>,
    Caller(principal): Caller,
    Path((id, slot)): Path<(String, String)>,
    ApiJson(change): ApiJson<CapacityChange>,
) -> ApiResult<StatusCode> {
    let capacity = Capacity::parse(&change.capacity.to_string())
        .map_err(|e| Problem::from(FieldErrors::single("capacity", e)))?;
    services
        .drops
        .set_capacity(
            &principal,
            DropId::from_path(&id)?,
            SlotId::from_path(&slot)?,
            capacity,
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn remove_slot(
    State(services): State<Services>,
    Caller(principal): Caller,
    Path((id, slot)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    services
        .drops
        .remove_slot(
            &principal,
            DropId::from_path(&id)?,
            SlotId::from_path(&slot)?,
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn codes(
    State(services): State<Services>,
    Caller(principal): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<AccessCodeUse>>> {
    let codes = services
        .drops
        .access_codes(&principal, DropId::from_path(&id)?)
        .await?;
    Ok(Json(codes))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewAccessCode {
    code: Option<String>,
    max_uses: Option<u32>,
}

async fn add_code(
    State(services): State<Services>,
    Caller(principal): Caller,
    Path(id): Path<String>,
    ApiJson(new): ApiJson<NewAccessCode>,
) -> ApiResult<impl IntoResponse> {
    // Without a code, DropSlot makes one that cannot be guessed.
    let code = match new.code.as_deref() {
        None => AccessCode::generate(),
        Some(chosen) => {
            AccessCode::chosen(chosen).map_err(|e| Problem::from(FieldErrors::single("code", e)))?
        }
    };
    services
        .drops
        .add_access_code(&principal, DropId::from_path(&id)?, &code, new.max_uses)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(serde_json::json!({ "code": code, "max_uses": new.max_uses })),
    ))
}
