//! Rate limits at the edge: every request counts against its client address and its account
//! (`Action::Any`), and the actions scripts abuse count again against a stricter limit. Runs
//! after the request's context is known and before any handler or page copy.

use crate::{rest::problem::Problem, state::AppState};
use app::{
    error::{AppError, ErrorKind},
    i18n::language_of,
    identity::api::{Login, Register, RequestPasswordReset, ResetPassword},
    rate_limits::{Action, Subject, Verdict},
    request::RequestContext,
    reservations::api::{BookSlot, JoinWaitlist},
    text,
    time::Timestamp,
};
use axum::{
    extract::{Request, State},
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
        Some(retry_after_secs) => {
            let detail = text!("error-rate-limited", seconds = retry_after_secs)
                .in_language(app::i18n::Language::En);
            let problem = Problem::new(
                ErrorKind::RateLimited,
                StatusCode::TOO_MANY_REQUESTS,
                detail,
            );
            with_retry_after(problem.into_response(), retry_after_secs)
        }
        None => next.run(request).await,
    }
}

/// Pages and server functions: a browser's page gets a short page, a server function call the
/// error its client reads.
pub async fn limit_web(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let action = (request.method() == Method::POST)
        .then(|| web_action(request.uri().path()))
        .flatten();
    let Some(retry_after_secs) = refusal(&state, &request, action) else {
        return next.run(request).await;
    };
    let language = language_of(request.headers());
    let message = text!("error-rate-limited", seconds = retry_after_secs).in_language(language);
    let wants_page = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    let response = if wants_page {
        let title = text!("error-rate-limited-title").in_language(language);
        let page = format!(
            "<!DOCTYPE html><html lang=\"{}\"><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width\"><title>{title}</title>\
             <h1>{title}</h1><p>{message}</p></html>",
            language.code()
        );
        (StatusCode::TOO_MANY_REQUESTS, Html(page)).into_response()
    } else {
        let error = AppError::new(ErrorKind::RateLimited, message);
        (StatusCode::TOO_MANY_REQUESTS, axum::Json(error)).into_response()
    };
    with_retry_after(response, retry_after_secs)
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
