//! Who is asking: every request gets a `RequestContext` before any handler runs. On /api/v1 the
//! principal comes from a Bearer access token; on pages and server functions from the browser
//! session, which also enforces the absolute session lifetime.

use crate::{rest::problem::Problem, state::AppState};
use app::{
    error::ErrorKind,
    identity::{
        model::Principal,
        sessions::{AUTH_KEY, AuthSession},
    },
    request::RequestContext,
    time::Timestamp,
};
use axum::{
    extract::{ConnectInfo, Request, State},
    http::{HeaderValue, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::net::SocketAddr;
use tower_sessions::Session;

pub async fn resolve_request_context(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let client = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip());
    let user_agent = request
        .headers()
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .chars()
        .take(200)
        .collect();
    // Taken out before awaiting: a request body is not Sync, so no reference to it may be held.
    let authorization = request.headers().get(header::AUTHORIZATION).cloned();
    let session = request.extensions().get::<Session>().cloned();
    let principal = if request.uri().path().starts_with("/api/v1/") {
        match bearer_principal(&state, authorization.as_ref()).await {
            Ok(principal) => principal,
            Err(response) => return response,
        }
    } else {
        session_principal(&state, session.as_ref()).await
    };
    request.extensions_mut().insert(RequestContext {
        principal,
        client,
        user_agent,
    });
    next.run(request).await
}

async fn bearer_principal(
    state: &AppState,
    authorization: Option<&HeaderValue>,
) -> Result<Principal, Response> {
    let Some(authorization) = authorization else {
        return Ok(Principal::Anonymous);
    };
    let token = authorization
        .to_str()
        .ok()
        .and_then(|value| {
            value
                .strip_prefix("Bearer ")
                .or_else(|| value.strip_prefix("bearer "))
        })
        .ok_or_else(|| unauthorized("Use an Authorization: Bearer <access token> header."))?;
    state
        .services
        .identity
        .principal_for_access_token(token.trim())
        .await
        .map_err(|_| unauthorized("The access token is invalid or expired."))
}

fn unauthorized(detail: &str) -> Response {
    let mut response =
        Problem::new(ErrorKind::Unauthenticated, StatusCode::UNAUTHORIZED, detail).into_response();
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer error=\"invalid_token\""),
    );
    response
}

async fn session_principal(state: &AppState, session: Option<&Session>) -> Principal {
    let Some(session) = session else {
        return Principal::Anonymous;
    };
    let Ok(Some(auth)) = session.get::<AuthSession>(AUTH_KEY).await else {
        return Principal::Anonymous;
    };
    let age = Timestamp::now().as_millis() - auth.signed_in_at.as_millis();
    if age > state.web.session_absolute_ms {
        let _ = session.flush().await;
        return Principal::Anonymous;
    }
    match state.services.identity.principal(auth.user_id).await {
        Ok(principal) => principal,
        Err(error) => {
            tracing::error!(%error, "cannot resolve the session's user");
            Principal::Anonymous
        }
    }
}
