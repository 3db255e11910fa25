//! The error every server function returns, and the one place where a context's typed error
//! becomes an HTTP status. REST handlers turn the same value into RFC 7807 problem+json.

use crate::i18n::translate_check;
use leptos::server_fn::{
    Bytes, Encodes,
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};
use std::fmt;

/// What went wrong, in terms a client can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The input did not parse; `fields` says which parts and why.
    Invalid,
    NotFound,
    /// The input is valid but clashes with what is stored (a taken slug, a full slot).
    Conflict,
    Unauthenticated,
    Forbidden,
    /// The request never reached the application code intact (transport, encoding).
    BadRequest,
    /// Something failed on our side; the details are in the server log, never in the answer.
    Internal,
    /// The browser could not reach the server (offline, or the server is down); never sent by
    /// the server itself.
    Unreachable,
}

impl ErrorKind {
    pub fn status(self) -> u16 {
        match self {
            ErrorKind::Invalid => 422,
            ErrorKind::NotFound => 404,
            ErrorKind::Conflict => 409,
            ErrorKind::Unauthenticated => 401,
            ErrorKind::Forbidden => 403,
            ErrorKind::BadRequest => 400,
            ErrorKind::Internal => 500,
            ErrorKind::Unreachable => 503,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            ErrorKind::Invalid => "Invalid input",
            ErrorKind::NotFound => "Not found",
            ErrorKind::Conflict => "Conflict",
            ErrorKind::Unauthenticated => "Sign-in required",
            ErrorKind::Forbidden => "Not allowed",
            ErrorKind::BadRequest => "Bad request",
            ErrorKind::Internal => "Something went wrong",
            ErrorKind::Unreachable => "Cannot reach DropSlot",
        }
    }
}

/// One problem with one named input field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// The problems found while parsing a form or a request body, all at once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, message: impl fmt::Display) {
        self.0.push(FieldError {
            field: field.to_owned(),
            message: message.to_string(),
        });
    }

    pub fn single(field: &str, message: impl fmt::Display) -> Self {
        let mut errors = Self::default();
        errors.add(field, message);
        errors
    }

    /// Records the error of a parse result under `field` and passes the value on.
    pub fn check<T, E: fmt::Display>(&mut self, field: &str, result: Result<T, E>) -> Option<T> {
        result.map_err(|error| self.add(field, error)).ok()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn for_field(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = &FieldError> {
        self.0.iter()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    pub kind: ErrorKind,
    pub message: String,
    #[serde(default, skip_serializing_if = "FieldErrors::is_empty")]
    pub fields: FieldErrors,
}

impl AppError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            fields: FieldErrors::default(),
        }
    }

    pub fn invalid(fields: FieldErrors) -> Self {
        let language = request_i18n().language();
        Self {
            kind: ErrorKind::Invalid,
            message: crate::t!(request_i18n(), "error-fix-fields"),
            fields: FieldErrors(
                fields
                    .0
                    .into_iter()
                    .map(|error| FieldError {
                        message: translate_check(language, &error.message),
                        ..error
                    })
                    .collect(),
            ),
        }
    }

    pub fn conflict(field: &str, message: impl fmt::Display) -> Self {
        let message = translate_check(request_i18n().language(), &message.to_string());
        Self {
            kind: ErrorKind::Conflict,
            fields: FieldErrors::single(field, &message),
            message,
        }
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::NotFound, message)
    }

    /// An internal failure. The cause is logged here, on the server, and never sent.
    pub fn internal(cause: &dyn fmt::Display) -> Self {
        #[cfg(feature = "ssr")]
        tracing::error!(%cause, "internal error");
        #[cfg(not(feature = "ssr"))]
        let _ = cause;
        Self::new(
            ErrorKind::Internal,
            crate::t!(request_i18n(), "error-try-again"),
        )
    }

    pub fn field(&self, name: &str) -> Option<String> {
        self.fields.for_field(name).map(str::to_owned)
    }
}

/// The language of the request being answered (on the server) or of the page (in the browser).
fn request_i18n() -> crate::i18n::I18n {
    #[cfg(feature = "ssr")]
    return crate::i18n::I18n(crate::i18n::request_language());
    #[cfg(not(feature = "ssr"))]
    return crate::i18n::use_i18n();
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::ServerError(message) => Self::internal(&message),
            ServerFnErrorErr::Request(_) => Self::new(
                ErrorKind::Unreachable,
                crate::t!(request_i18n(), "error-offline"),
            ),
            other => Self::new(ErrorKind::BadRequest, other.to_string()),
        }
    }

    /// Encodes the error for the response, and gives that response the error's status (server
    /// functions answer 500 otherwise). A plain form post keeps its redirect back to the form.
    fn ser(&self) -> Bytes {
        #[cfg(feature = "ssr")]
        self.set_response_status();
        JsonEncoding::encode(self)
            .unwrap_or_else(|_| Bytes::from_static(br#"{"kind":"internal","message":"error"}"#))
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    fn set_response_status(&self) {
        use leptos::prelude::use_context;
        let plain_form_post = use_context::<http::request::Parts>().is_some_and(|parts| {
            parts
                .headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("text/html"))
        });
        if let (false, Some(response)) = (
            plain_form_post,
            use_context::<leptos_axum::ResponseOptions>(),
        ) {
            response.set_status(
                http::StatusCode::from_u16(self.kind.status())
                    .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
            );
        }
    }
}
