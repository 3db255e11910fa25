//! The error every server function returns, and the one place where a context's typed error
//! becomes an HTTP status. REST handlers turn the same value into RFC 7807 problem+json.

use crate::i18n::{Language, Text};
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
    /// The server is at a limit it keeps to stay up (password hashes at once): try again in a
    /// moment. Answered with `Retry-After`.
    Busy,
    /// The client (its address or account) sent more than its limit allows; `Retry-After` says
    /// when the window ends.
    RateLimited,
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
            ErrorKind::Unreachable | ErrorKind::Busy => 503,
            ErrorKind::RateLimited => 429,
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
            ErrorKind::Busy => "Busy: try again in a moment",
            ErrorKind::RateLimited => "Too many requests",
        }
    }
}

/// A context's error: what kind of failure it is, and what to tell people, as a message id to
/// translate where the answer is made (lemmy's `LemmyErrorType` is the model). An internal
/// failure's text is an apology; its cause, in `Display`, goes to the log.
pub trait DomainError: fmt::Display {
    fn kind(&self) -> ErrorKind;

    fn text(&self) -> Text;

    /// The input field the error is about, when there is one.
    fn field(&self) -> Option<&'static str> {
        None
    }

    /// The problems with several fields, for an error made of them.
    fn fields(&self) -> Option<&FieldErrors> {
        None
    }
}

/// The apology an internal failure shows.
pub fn internal_text() -> Text {
    crate::text!("error-try-again")
}

/// The problems found while parsing a form or a request body, all at once, not yet in words.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldErrors(Vec<(String, Text)>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, message: impl Into<Text>) {
        self.0.push((field.to_owned(), message.into()));
    }

    pub fn single(field: &str, message: impl Into<Text>) -> Self {
        let mut errors = Self::default();
        errors.add(field, message);
        errors
    }

    /// Records the error of a parse result under `field` and passes the value on.
    pub fn check<T, E: Into<Text>>(&mut self, field: &str, result: Result<T, E>) -> Option<T> {
        result.map_err(|error| self.add(field, error)).ok()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn for_field(&self, field: &str) -> Option<&Text> {
        self.0
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, text)| text)
    }

    pub fn in_language(&self, language: Language) -> FieldMessages {
        FieldMessages(
            self.0
                .iter()
                .map(|(field, text)| FieldError {
                    field: field.clone(),
                    message: text.in_language(language),
                })
                .collect(),
        )
    }
}

impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fields: Vec<_> = self.0.iter().map(|(field, _)| field.as_str()).collect();
        write!(f, "invalid {}", fields.join(", "))
    }
}

impl DomainError for FieldErrors {
    fn kind(&self) -> ErrorKind {
        ErrorKind::Invalid
    }

    fn text(&self) -> Text {
        crate::text!("error-fix-fields")
    }

    fn fields(&self) -> Option<&FieldErrors> {
        Some(self)
    }
}

/// One problem with one named input field, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// The problems with a form's fields, in the language of the answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldMessages(Vec<FieldError>);

impl FieldMessages {
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

/// An error as it crosses the wire: translated, for the person who will read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    pub kind: ErrorKind,
    pub message: String,
    #[serde(default, skip_serializing_if = "FieldMessages::is_empty")]
    pub fields: FieldMessages,
}

impl AppError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            fields: FieldMessages::default(),
        }
    }

    /// `error` in `language`: the one place a context's error becomes text. An internal
    /// failure's cause is logged here, on the server, and never sent.
    pub fn from_error(error: &(impl DomainError + ?Sized), language: Language) -> Self {
        let kind = error.kind();
        if kind == ErrorKind::Internal {
            #[cfg(feature = "ssr")]
            tracing::error!(cause = %error, "internal error");
        }
        let text = error.text().in_language(language);
        let fields = match (error.fields(), error.field()) {
            (Some(fields), _) => fields.in_language(language),
            (None, Some(field)) => FieldMessages(vec![FieldError {
                field: field.to_owned(),
                message: text.clone(),
            }]),
            (None, None) => FieldMessages::default(),
        };
        // A single bad field is told beside the field; the answer asks to correct it.
        let message = if kind == ErrorKind::Invalid && error.fields().is_none() {
            crate::text!("error-fix-fields").in_language(language)
        } else {
            text
        };
        Self {
            kind,
            message,
            fields,
        }
    }

    /// An internal failure that is no context's (a missing piece of the server).
    pub fn internal(cause: &dyn fmt::Display) -> Self {
        Internal(cause.to_string()).into()
    }

    pub fn field(&self, name: &str) -> Option<String> {
        self.fields.for_field(name).map(str::to_owned)
    }
}

/// A server function answers in the language of its request (pages in the browser: the
/// page's), so `?` turns a context's error into an answer.
impl<E: DomainError> From<E> for AppError {
    fn from(error: E) -> Self {
        AppError::from_error(&error, answer_language())
    }
}

/// How long a `Busy` answer asks the client to wait, in seconds.
pub const RETRY_AFTER_SECS: &str = "2";

/// The language of the request being answered (on the server) or of the page (in the browser).
fn answer_language() -> Language {
    #[cfg(feature = "ssr")]
    return crate::i18n::request_language();
    #[cfg(not(feature = "ssr"))]
    return crate::i18n::use_i18n().language();
}

/// A failure that is no context's: a missing piece of the server, a transport error. Its
/// cause is logged and never shown.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct Internal(String);

impl DomainError for Internal {
    fn kind(&self) -> ErrorKind {
        ErrorKind::Internal
    }

    fn text(&self) -> Text {
        internal_text()
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::ServerError(message) => Self::internal(&message),
            ServerFnErrorErr::Request(_) => Self::new(
                ErrorKind::Unreachable,
                crate::text!("error-offline").in_language(answer_language()),
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
            if self.kind == ErrorKind::Busy {
                response.insert_header(
                    http::header::RETRY_AFTER,
                    http::HeaderValue::from_static(RETRY_AFTER_SECS),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        branches::service::BranchError, drops::service::DropError,
        identity::service::IdentityError, media::UploadError, products::service::ProductError,
        reservations::error::ReservationError, stores::service::StoreError,
    };

    fn translations(error: &dyn DomainError) -> (String, String) {
        let text = error.text();
        (
            text.in_language(Language::En),
            text.in_language(Language::Th),
        )
    }

    /// Every refusal of every context reads in English and in Thai, and the Thai is Thai.
    #[test]
    fn every_error_has_a_message_in_every_language() {
        let mut errors: Vec<Box<dyn DomainError>> = Vec::new();
        errors.extend(
            IdentityError::examples()
                .into_iter()
                .map(|e| Box::new(e) as _),
        );
        errors.extend(StoreError::examples().into_iter().map(|e| Box::new(e) as _));
        errors.extend(
            ProductError::examples()
                .into_iter()
                .map(|e| Box::new(e) as _),
        );
        errors.extend(
            BranchError::examples()
                .into_iter()
                .map(|e| Box::new(e) as _),
        );
        errors.extend(DropError::examples().into_iter().map(|e| Box::new(e) as _));
        errors.extend(
            ReservationError::examples()
                .into_iter()
                .map(|e| Box::new(e) as _),
        );
        for error in &errors {
            let (english, thai) = translations(error.as_ref());
            assert!(!english.is_empty(), "{error}: no English");
            assert!(!thai.is_empty(), "{error}: no Thai");
            assert_ne!(english, thai, "{error}: the Thai is English");
            assert!(!english.contains("{$"), "{error}: an argument is missing");
        }
    }

    /// Each refusal a booking meets reaches a Thai page in Thai, under the field it is about.
    #[test]
    fn a_thai_page_reads_booking_refusals_in_thai() {
        for refusal in ReservationError::booking_refusals() {
            let answer = AppError::from_error(&refusal, Language::Th);
            let thai = |text: &str| text.chars().any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c));
            assert!(thai(&answer.message), "{refusal}: {}", answer.message);
            if let Some(field) = refusal.field() {
                assert!(answer.field(field).is_some_and(|m| thai(&m)), "{refusal}");
            }
            assert_eq!(answer.kind, refusal.kind());
        }
    }

    /// Where a refusal names a field, the answer says so beside it; an invalid form asks for
    /// corrections; an internal failure says nothing of its cause.
    #[test]
    fn an_answer_keeps_its_fields_and_hides_causes() {
        let units = AppError::from_error(&ReservationError::Units(4), Language::En);
        assert_eq!(units.kind, ErrorKind::Invalid);
        assert_eq!(units.message, "Please correct the marked fields.");
        assert_eq!(
            units.field("units").as_deref(),
            Some("Must be from 1 to 4.")
        );
        let taken = AppError::from_error(&DropError::CodeTaken, Language::Th);
        assert_eq!(taken.kind, ErrorKind::Conflict);
        assert_eq!(taken.field("code"), Some(taken.message.clone()));
        let nested = StoreError::Identity(IdentityError::Invalid(FieldErrors::single(
            "email",
            crate::text!("check-email"),
        )));
        let answer = AppError::from_error(&nested, Language::Th);
        assert_eq!(
            answer.field("email").as_deref(),
            Some(
                crate::text!("check-email")
                    .in_language(Language::Th)
                    .as_str()
            )
        );
        let failed = StoreError::Upload(UploadError::Media(std::io::Error::other("disk full")));
        let answer = AppError::from_error(&failed, Language::En);
        assert_eq!(answer.kind, ErrorKind::Internal);
        assert!(!answer.message.contains("disk full"));
    }
}
