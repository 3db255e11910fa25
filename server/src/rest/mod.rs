//! The REST API under /api/v1: the same services as the pages, JSON in and out, RFC 7807 errors.

mod auth;
mod branches;
mod json;
pub mod problem;
mod products;
mod stores;

use crate::state::AppState;
use app::error::{AppError, ErrorKind};
use axum::{Router, extract::DefaultBodyLimit, http::StatusCode};
use problem::Problem;

/// REST bodies are small JSON documents; anything larger is refused before it is read.
const MAX_BODY_BYTES: usize = 64 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .nest("/auth", auth::router())
        .nest("/stores", stores::router())
        .merge(products::router())
        .merge(branches::router())
        .fallback(|| async {
            Problem::from(AppError::new(
                ErrorKind::NotFound,
                "There is no API endpoint at this address.",
            ))
        })
        .method_not_allowed_fallback(|| async {
            Problem::new(
                ErrorKind::BadRequest,
                StatusCode::METHOD_NOT_ALLOWED,
                "This endpoint does not accept that method.",
            )
        })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
}
