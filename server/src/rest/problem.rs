//! RFC 7807 problem details: the body of every REST error.

use app::error::{AppError, ErrorKind, FieldError};
use axum::{
    Json,
    extract::rejection::JsonRejection,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Problem {
    #[serde(rename = "type")]
    pub problem_type: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

impl Problem {
    pub fn new(kind: ErrorKind, status: StatusCode, detail: impl Into<String>) -> Self {
        Self {
            problem_type: format!("urn:dropslot:problem:{}", kind_name(kind)),
            title: kind.title().to_owned(),
            status: status.as_u16(),
            detail: detail.into(),
            errors: Vec::new(),
        }
    }
}

fn kind_name(kind: ErrorKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

impl From<AppError> for Problem {
    fn from(error: AppError) -> Self {
        let status =
            StatusCode::from_u16(error.kind.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut problem = Problem::new(error.kind, status, error.message);
        problem.errors = error.fields.iter().cloned().collect();
        problem
    }
}

impl From<JsonRejection> for Problem {
    fn from(rejection: JsonRejection) -> Self {
        let status = rejection.status();
        let kind = if status == StatusCode::UNPROCESSABLE_ENTITY {
            ErrorKind::Invalid
        } else {
            ErrorKind::BadRequest
        };
        Problem::new(kind, status, rejection.body_text())
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, Json(self)).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        response
    }
}

/// A REST handler's result: its JSON answer or a problem.
pub type ApiResult<T> = Result<T, Problem>;
