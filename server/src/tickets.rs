//! A reservation's ticket as a PNG download, for the person who booked (browser session).

use crate::rest::problem::Problem;
use crate::state::AppState;
use app::{
    error::AppError, request::RequestContext, reservations::error::ReservationError,
    reservations::tickets::qr_png,
};
use axum::{
    Extension,
    extract::{Path, State},
    http::header,
    response::{IntoResponse, Response},
};

pub async fn ticket_png(
    State(state): State<AppState>,
    Extension(context): Extension<RequestContext>,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let id = id
        .parse()
        .map_err(|_| Problem::from(ReservationError::NotFound))?;
    let ticket = state
        .services
        .reservations
        .ticket(&context.principal, id)
        .await?;
    let png = qr_png(&ticket).ok_or_else(|| AppError::internal(&"cannot draw the ticket"))?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/png"),
            (header::CACHE_CONTROL, "private, no-store"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"dropslot-ticket.png\"",
            ),
        ],
        png,
    )
        .into_response())
}
