//! Rate limits at the edge: every request counts against its client address and its account
//! (`Action::Any`), and the actions scripts abuse count again against a stricter limit. Runs
//! after the request's context is known and before any handler or page copy.

use crate::{rest::problem::Problem, state::AppState};
use app::{
    error::{AppError, ErrorKind},
    i18n::{Language, Text, language_of},
    identity::api::{Login, Register, RequestPasswordReset, ResetPassword},
    rate_limits::{Action, Subject, Verdict},
    request::RequestContext,
    reservations::api::{BookSlot, JoinWaitlist},
    text,
    time::Timestamp,
};
use axum::{
    extract::{OriginalUri, Request, State},
    http::{HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{Html, IntoResponse, Response},
};
use leptos::server_fn::ServerFn;

/// /api/v1 (the paths are the nested router's, without the prefix).
pub async fn limit_api(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let action = (request.method() == Method::POST)
        .then(|| match request.uri().path() {
            "/auth/token" | "/auth/refresh" => Some(Action::Token),
            "/reservations" => Some(Action::Booking),
            "/waitlist" => Some(Action::Waitlist),
            _ => None,
        })
        .flatten();
    match refusal(&state, &request, action) {
        Some(retry_after_secs) => refuse(&request, Refusal::rate_limited(retry_after_secs)),
        None => next.run(request).await,
    }
}

/// Pages and server functions.
pub async fn limit_web(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let action = (request.method() == Method::POST)
        .then(|| web_action(request.uri().path()))
        .flatten();
    match refusal(&state, &request, action) {
        Some(retry_after_secs) => refuse(&request, Refusal::rate_limited(retry_after_secs)),
        None => next.run(request).await,
    }
}

/// The refusal of a request that is answered without reaching `limit_api` or `limit_web` (a
/// refused token), if it is over its limit.
pub fn over_limit(state: &AppState, request: &Request) -> Option<Response> {
    refusal(state, request, None).map(|secs| refuse(request, Refusal::rate_limited(secs)))
}

/// A request turned away before any handler: by a rate limit, or because the instance is full.
pub struct Refusal {
    pub status: StatusCode,
    pub kind: ErrorKind,
    pub title: Text,
    pub message: Text,
    /// When to come back, for a refusal that passes.
    pub retry_after_secs: Option<u64>,
}

impl Refusal {
    fn rate_limited(retry_after_secs: u64) -> Self {
        Self {
            status: StatusCode::TOO_MANY_REQUESTS,
            kind: ErrorKind::RateLimited,
            title: text!("error-rate-limited-title"),
            message: text!("error-rate-limited", seconds = retry_after_secs),
            retry_after_secs: Some(retry_after_secs),
        }
    }
}

/// The refusal in the form its caller reads, with any Retry-After: problem+json in English on the
/// REST API (server functions live under /api/ too, and read an `AppError`), a short page for a browser loading a page, and the error a server function's client
/// reads otherwise.
pub fn refuse(request: &Request, refusal: Refusal) -> Response {
    let path = request
        .extensions()
        .get::<OriginalUri>()
        .map_or(request.uri().path(), |original| original.path());
    let response = if path.starts_with("/api/v1/") {
        let detail = refusal.message.in_language(Language::En);
        Problem::new(refusal.kind, refusal.status, detail).into_response()
    } else {
        let language = language_of(request.headers());
        let message = refusal.message.in_language(language);
        let wants_page = request
            .headers()
            .get(header::ACCEPT)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"));
        if wants_page {
            let title = refusal.title.in_language(language);
            let page = format!(
                "<!DOCTYPE html><html lang=\"{}\"><meta charset=\"utf-8\">\
                 <meta name=\"viewport\" content=\"width=device-width\"><title>{title}</title>\
                 <h1>{title}</h1><p>{message}</p></html>",
                language.code()
            );
            (refusal.status, Html(page)).into_response()
        } else {
            let error = AppError::new(refusal.kind, message);
            (refusal.status, axum::Json(error)).into_response()
        }
    };
    match refusal.retry_after_secs {
        Some(seconds) => with_retry_after(response, seconds),
        None => response,
    }
}

/// The server functions with a stricter limit of their own.
fn web_action(path: &str) -> Option<Action> {
    [
        (Login::PATH, Action::SignIn),
        (Register::PATH, Action::Register),
        (RequestPasswordReset::PATH, Action::PasswordReset),
        (ResetPassword::PATH, Action::PasswordReset),
        (BookSlot::PATH, Action::Booking),
        (JoinWaitlist::PATH, Action::Waitlist),
    ]
    .into_iter()
    .find_map(|(fn_path, action)| (fn_path == path).then_some(action))
}

/// Counts the request; the seconds to wait if a limit is used up.
fn refusal(state: &AppState, request: &Request, action: Option<Action>) -> Option<u64> {
    let context = request.extensions().get::<RequestContext>()?;
    let subjects = [
        context.client.map(Subject::address),
        context.principal.user_id().map(Subject::Account),
    ];
    let subjects: Vec<Subject> = subjects.into_iter().flatten().collect();
    let now = Timestamp::now().as_millis();
    let checked = match action {
        Some(action) => state.limiter.check(&[Action::Any, action], &subjects, now),
        None => state.limiter.check(&[Action::Any], &subjects, now),
    };
    match checked {
        Verdict::Allowed => None,
        Verdict::Refused { retry_after_secs } => Some(retry_after_secs),
    }
}

fn with_retry_after(mut response: Response, seconds: u64) -> Response {
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    response
}
