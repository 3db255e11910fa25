//! Cross-site request forgery defence for cookie-authenticated requests: a state-changing request
//! from a browser must come from this site, judged by `Sec-Fetch-Site` or, without it, `Origin`.
//! Not layered on the REST API, which authenticates with Bearer tokens, never cookies.

use crate::{rest::problem::Problem, state::AppState};
use app::error::ErrorKind;
use axum::{
    extract::{Request, State},
    http::{Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

pub async fn same_origin_only(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if is_allowed(&state, &request) {
        next.run(request).await
    } else {
        tracing::warn!(path = request.uri().path(), "cross-site request refused");
        Problem::new(
            ErrorKind::Forbidden,
            StatusCode::FORBIDDEN,
            "Cross-site requests are not accepted.",
        )
        .into_response()
    }
}

fn is_allowed(state: &AppState, request: &Request) -> bool {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return true;
    }
    let headers = request.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return matches!(site, "same-origin" | "none");
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        // Neither header: not a browser, so no ambient cookies to abuse.
        return true;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    origin == state.web.public_origin
        || origin == format!("http://{host}")
        || origin == format!("https://{host}")
}
