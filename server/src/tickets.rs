//! A reservation's ticket as a PNG download, for the person who booked (browser session).

use crate::state::AppState;
use app::{error::AppError, request::RequestContext, reservations::tickets::qr_png};
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
) -> Result<Response, crate::rest::problem::Problem> {
    let id = id
        .parse()
        .map_err(|_| AppError::not_found("no such reservation"))?;
    let ticket = state
        .services
        .reservations
        .ticket(&context.principal, id)
        .await
        .map_err(AppError::from)?;
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
