//! The waitlist over JSON: join a full slot's line (`POST /api/v1/waitlist`), see your places
//! in line, leave; and take places offered to you (`POST /api/v1/reservations/{id}/accept`).

use super::{
    caller::Caller,
    json::ApiJson,
    problem::{ApiResult, Problem},
};
use crate::state::AppState;
use app::{
    error::FieldErrors,
    ids::ReservationId,
    reservations::{model::Reservation, waitlist::WaitlistEntry},
    services::Services,
};
use axum::{
    Json, Router,
    extract::{Path, State},
    http::{StatusCode, header},
    response::IntoResponse,
    routing::{delete, get, post},
};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/waitlist", get(mine).post(join))
        .route("/waitlist/{id}", delete(leave))
        .route("/reservations/{id}/accept", post(accept))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Join {
    slot_id: String,
    units: Option<u16>,
    access_code: Option<String>,
}

/// `201` with the entry and its position; `409` while places are free (book instead), when
/// already in this line, or at the drop's limit.
async fn join(
    State(services): State<Services>,
    Caller(principal): Caller,
    ApiJson(join): ApiJson<Join>,
) -> ApiResult<impl IntoResponse> {
    let slot_id = join
        .slot_id
        .parse()
        .map_err(|_| Problem::from(FieldErrors::single("slot_id", app::text!("check-slot-id"))))?;
    let entry = services
        .reservations
        .join_waitlist(
            &principal,
            slot_id,
            join.units.unwrap_or(1),
            join.access_code.as_deref(),
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, format!("/api/v1/waitlist/{}", entry.id))],
        Json(entry),
    ))
}

async fn mine(
    State(services): State<Services>,
    Caller(principal): Caller,
) -> ApiResult<Json<Vec<WaitlistEntry>>> {
    let entries = services.reservations.my_waitlist(&principal, None).await?;
    Ok(Json(entries))
}

async fn leave(
    State(services): State<Services>,
    Caller(principal): Caller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let id = id
        .parse()
        .map_err(|_| Problem::from(app::reservations::error::ReservationError::NoWaitlistEntry))?;
    services.reservations.leave_waitlist(&principal, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Takes places held for you: `200` confirmed; `409` when a deposit is due or the hold lapsed.
async fn accept(
    State(services): State<Services>,
    Caller(principal): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Reservation>> {
    let accepted = services
        .reservations
        .accept(&principal, ReservationId::from_path(&id)?)
        .await?;
    Ok(Json(accepted))
}
