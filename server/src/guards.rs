//! Requests refused before any handler sees them, and the last answer when a handler panics:
//! neither a malformed request nor a bug ends a connection without a problem+json answer.

use crate::{
    limits::{Refusal, refuse},
    rest::problem::Problem,
};
use app::{
    error::ErrorKind, products::api::UploadProductImage, stores::api::UploadStoreLogo, text,
};
use axum::{
    body::Body,
    extract::{Request, State},
    http::{StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use http_body_util::Limited;
use leptos::server_fn::ServerFn;
use std::any::Any;

/// What a form or a server function call may send; uploads may send their file besides.
const MAX_FORM_BYTES: u64 = 1024 * 1024;
/// The other fields of an upload form and the multipart framing around the file.
const UPLOAD_FORM_OVERHEAD: u64 = 64 * 1024;

/// The most a request body may hold on the browser's routes.
#[derive(Debug, Clone, Copy)]
pub struct BodyLimits {
    pub max_upload_bytes: u64,
}

impl BodyLimits {
    fn for_path(self, path: &str) -> u64 {
        if [UploadProductImage::PATH, UploadStoreLogo::PATH].contains(&path) {
            self.max_upload_bytes + UPLOAD_FORM_OVERHEAD
        } else {
            MAX_FORM_BYTES
        }
    }
}

/// Refuses a body that says it is larger than its route takes before a byte of it is read, and
/// cuts off one that grows past it while it arrives (the reader then fails).
pub async fn limit_bodies(
    State(limits): State<BodyLimits>,
    request: Request,
    next: Next,
) -> Response {
    let limit = limits.for_path(request.uri().path());
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit) {
        let megabytes = limit.div_ceil(1024 * 1024);
        return refuse(
            &request,
            Refusal {
                status: StatusCode::PAYLOAD_TOO_LARGE,
                kind: ErrorKind::BadRequest,
                title: text!("error-too-large-title"),
                message: text!("error-too-large", mb = megabytes),
                retry_after_secs: None,
            },
        );
    }
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    next.run(request.map(|body| Body::new(Limited::new(body, limit))))
        .await
}

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
