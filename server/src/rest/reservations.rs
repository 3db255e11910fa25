//! Reservations over JSON: book with `POST /api/v1/reservations` (an `Idempotency-Key` header
//! makes a retry answer the first booking; one is made when missing), list and read your own,
//! cancel.

use super::{
    caller::Caller,
    json::ApiJson,
    problem::{ApiResult, Problem},
};
use crate::state::AppState;
use app::{
    error::FieldErrors,
    reservations::{
        door::service::CheckInRequest,
        model::{BookingRequest, Reservation, ReservationId},
    },
    services::Services,
    time::Timestamp,
};
use axum::{
    Json, Router,
    extract::{Path, State},
    http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use serde::Deserialize;

const IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/reservations", get(mine).post(book))
        .route("/reservations/{id}", get(show))
        .route("/reservations/{id}/cancel", post(cancel))
        .route("/checkins", post(check_in))
        .route(
            "/checkins/{reservation}",
            axum::routing::delete(undo_check_in),
        )
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewBooking {
    slot_id: String,
    units: Option<u16>,
    access_code: Option<String>,
}

/// A booking without an `Idempotency-Key` gets one made here and returned in the same header,
/// with the booking or the refusal: a client that lost the answer (a timeout, a dropped
/// connection) sends it again with that key and gets the booking it made, never a second one.
async fn book(
    State(services): State<Services>,
    Caller(principal): Caller,
    headers: HeaderMap,
    ApiJson(new): ApiJson<NewBooking>,
) -> Response {
    // A header that is not text makes no key, and is refused as one.
    let (key, key_is_new) = match headers.get(IDEMPOTENCY_KEY) {
        Some(value) => (value.to_str().unwrap_or_default().to_owned(), false),
        None => (uuid::Uuid::new_v4().to_string(), true),
    };
    let units = new.units.unwrap_or(1).to_string();
    let booked = async {
        let mut request =
            BookingRequest::parse(&new.slot_id, &units, Some(&key), new.access_code.as_deref())?;
        request.key_is_new = key_is_new;
        Ok::<_, Problem>(services.reservations.book(&principal, &request).await?)
    };
    let mut response = match booked.await {
        Ok(reservation) => (
            StatusCode::CREATED,
            [(
                header::LOCATION,
                format!("/api/v1/reservations/{}", reservation.id),
            )],
            Json(reservation),
        )
            .into_response(),
        Err(problem) => problem.into_response(),
    };
    if let Ok(key) = HeaderValue::from_str(&key) {
        response.headers_mut().insert(IDEMPOTENCY_KEY, key);
    }
    response
}

async fn mine(
    State(services): State<Services>,
    Caller(principal): Caller,
) -> ApiResult<Json<Vec<Reservation>>> {
    let found = services.reservations.mine(&principal).await?;
    Ok(Json(found))
}

async fn show(
    State(services): State<Services>,
    Caller(principal): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Reservation>> {
    let found = services
        .reservations
        .get(&principal, ReservationId::from_path(&id)?)
        .await?;
    Ok(Json(found))
}

async fn cancel(
    State(services): State<Services>,
    Caller(principal): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Reservation>> {
    let cancelled = services
        .reservations
        .cancel(&principal, ReservationId::from_path(&id)?)
        .await?;
    Ok(Json(cancelled))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Scan {
    ticket: String,
    branch_id: Option<String>,
    #[serde(default)]
    override_timing: bool,
    /// When an offline scanner read the ticket, in milliseconds since the epoch.
    scanned_at: Option<i64>,
    /// The scanner's id (a UUID), so a scan that loses to an earlier one can be told to it.
    device_id: Option<String>,
}

/// Redeems a ticket at the door: `201` with who and what, or a problem saying why not
/// (`409` already checked in, too early, too late, other branch, cancelled; `422` not a
/// valid ticket; `403` not this store's staff).
async fn check_in(
    State(services): State<Services>,
    Caller(principal): Caller,
    ApiJson(scan): ApiJson<Scan>,
) -> ApiResult<impl IntoResponse> {
    let branch_id = match scan.branch_id.as_deref() {
        Some(id) => Some(id.parse().map_err(|_| {
            Problem::from(FieldErrors::single(
                "branch_id",
                app::text!("check-branch-id"),
            ))
        })?),
        None => None,
    };
    let device = match scan.device_id.as_deref() {
        Some(id) => Some(id.parse().map_err(|_| {
            Problem::from(FieldErrors::single(
                "device_id",
                app::text!("check-scanner"),
            ))
        })?),
        None => None,
    };
    let request = CheckInRequest {
        ticket: scan.ticket,
        branch_id,
        override_timing: scan.override_timing,
        drop_id: None,
        scanned_at: scan.scanned_at.map(Timestamp::from_millis),
        device,
    };
    let checked_in = services.reservations.check_in(&principal, &request).await?;
    Ok((StatusCode::CREATED, Json(checked_in)))
}

/// Takes a check-in back within the undo window.
async fn undo_check_in(
    State(services): State<Services>,
    Caller(principal): Caller,
    Path(reservation): Path<String>,
) -> ApiResult<Json<Reservation>> {
    let undone = services
        .reservations
        .undo_check_in(&principal, ReservationId::from_path(&reservation)?)
        .await?;
    Ok(Json(undone))
}
