//! RFC 7807 problem details: the body of every REST error. The API speaks English; a
//! context's error gets a `type` of its own, named by its message id.

use app::{
    branches::service::BranchError,
    drops::service::DropError,
    error::{AppError, DomainError, ErrorKind, FieldError, FieldErrors},
    i18n::Language,
    identity::service::IdentityError,
    notifications::service::NotificationError,
    products::service::ProductError,
    reservations::error::ReservationError,
    stores::service::StoreError,
};
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

impl Problem {
    /// `error` in English, typed by what went wrong: `urn:dropslot:problem:res-err-full`.
    fn from_error(error: &impl DomainError) -> Self {
        let mut problem = Problem::from(AppError::from_error(error, Language::En));
        if error.kind() != ErrorKind::Internal {
            problem.problem_type = format!("urn:dropslot:problem:{}", error.text().id());
        }
        problem
    }
}

/// `?` on a context's result in a REST handler.
macro_rules! problems_from {
    ($($error:ty),* $(,)?) => {$(
        impl From<$error> for Problem {
            fn from(error: $error) -> Self {
                Problem::from_error(&error)
            }
        }
    )*};
}

problems_from!(
    IdentityError,
    StoreError,
    ProductError,
    BranchError,
    DropError,
    ReservationError,
    NotificationError,
    FieldErrors,
);

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
        if status == StatusCode::SERVICE_UNAVAILABLE {
            response.headers_mut().insert(
                header::RETRY_AFTER,
                HeaderValue::from_static(app::error::RETRY_AFTER_SECS),
            );
        }
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        response
    }
}

/// A REST handler's result: its JSON answer or a problem.
pub type ApiResult<T> = Result<T, Problem>;

#[cfg(test)]
mod tests {
    use super::*;
    use app::identity::password::HashError;

    #[test]
    fn a_busy_server_says_when_to_come_back() {
        let response = Problem::from(IdentityError::Hash(HashError::Busy)).into_response();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers()[header::RETRY_AFTER], "2");
        let response = Problem::from(IdentityError::InvalidCredentials).into_response();
        assert!(!response.headers().contains_key(header::RETRY_AFTER));
    }
}
