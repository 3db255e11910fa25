//! Requests refused before any handler sees them, and the last answer when a handler panics:
//! neither a malformed request nor a bug ends a connection without a problem+json answer.

use crate::rest::problem::Problem;
use app::error::ErrorKind;
use axum::{
    extract::Request,
    http::{StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::any::Any;

/// A multipart body without a boundary cannot be read; the server functions' decoder would
/// panic on it, so it is refused here.
pub async fn refuse_unreadable_bodies(request: Request, next: Next) -> Response {
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    if is_multipart_without_boundary(content_type) {
        return Problem::new(
            ErrorKind::BadRequest,
            StatusCode::BAD_REQUEST,
            "A multipart body needs a boundary in its Content-Type.",
        )
        .into_response();
    }
    next.run(request).await
}

fn is_multipart_without_boundary(content_type: &str) -> bool {
    let mut parts = content_type.split(';').map(str::trim);
    let media_type = parts.next().unwrap_or_default();
    media_type.to_ascii_lowercase().starts_with("multipart/")
        && !parts.any(|parameter| {
            parameter.split_once('=').is_some_and(|(name, value)| {
                name.trim().eq_ignore_ascii_case("boundary") && !value.trim().is_empty()
            })
        })
}

/// What a panic answers: a 500 problem, its cause in the log only.
pub fn answer_panic(cause: Box<dyn Any + Send + 'static>) -> Response {
    let cause = cause
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| cause.downcast_ref::<&str>().copied())
        .unwrap_or("a panic without a message");
    tracing::error!(cause, "a request's handler panicked");
    Problem::new(
        ErrorKind::Internal,
        StatusCode::INTERNAL_SERVER_ERROR,
        "Something went wrong on our side. Please try again.",
    )
    .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_multipart_body_needs_its_boundary() {
        for unreadable in [
            "multipart/form-data",
            "Multipart/Form-Data; charset=utf-8",
            "multipart/form-data; boundary=",
        ] {
            assert!(is_multipart_without_boundary(unreadable), "{unreadable}");
        }
        for readable in [
            "multipart/form-data; boundary=----x",
            "multipart/form-data; BOUNDARY=\"q\"",
            "application/x-www-form-urlencoded",
            "",
        ] {
            assert!(!is_multipart_without_boundary(readable), "{readable}");
        }
    }
}
