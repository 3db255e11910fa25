//! Who is asking: every request but the probes and static files gets a `RequestContext` before
//! any handler runs. On /api/v1 the principal comes from a Bearer access token; on pages and
//! server functions from the browser session, which also enforces the absolute session lifetime.

use crate::{limits, rest::problem::Problem, state::AppState};
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
use std::net::{IpAddr, SocketAddr};
use tower_sessions::Session;

/// /api/v1: the principal comes from a Bearer access token; a bad token is refused here.
pub async fn bearer_context(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    // Taken out before awaiting: a request body is not Sync, so no reference to it may be held.
    let authorization = request.headers().get(header::AUTHORIZATION).cloned();
    let principal = match bearer_principal(&state, authorization.as_ref()).await {
        Ok(principal) => principal,
        Err(unauthorized) => {
            // A refused token still counts against its address: guessing is limited too.
            let context = request_context(&state, &request, Principal::Anonymous);
            request.extensions_mut().insert(context);
            return limits::over_limit(&state, &request).unwrap_or(unauthorized);
        }
    };
    let context = request_context(&state, &request, principal);
    request.extensions_mut().insert(context);
    next.run(request).await
}

/// Pages and server functions: the principal comes from the browser session.
pub async fn session_context(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let session = request.extensions().get::<Session>().cloned();
    let principal = session_principal(&state, session.as_ref()).await;
    let context = request_context(&state, &request, principal);
    request.extensions_mut().insert(context);
    next.run(request).await
}

fn request_context(state: &AppState, request: &Request, principal: Principal) -> RequestContext {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip());
    // Every X-Forwarded-For line: some proxies add a line of their own rather than append.
    let forwarded: Vec<&str> = request
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    let client = peer.map(|peer| client_address(peer, &forwarded, &state.web.trusted_proxies));
    let user_agent = request
        .headers()
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .chars()
        .take(200)
        .collect();
    RequestContext {
        principal,
        client,
        user_agent,
    }
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
    let Ok(Some(mut auth)) = session.get::<AuthSession>(AUTH_KEY).await else {
        return Principal::Anonymous;
    };
    let now = Timestamp::now();
    let age = now.as_millis() - auth.signed_in_at.as_millis();
    if age > state.web.session_absolute_ms {
        let _ = session.flush().await;
        return Principal::Anonymous;
    }
    // Idle sessions end; used ones slide on. Changing the session makes the layer save it,
    // with its end moved to a full idle time from now.
    if auth.due_for_renewal(now, renewal_step_ms(state.web.session_idle_secs)) {
        auth.renewed_at = Some(now);
        if let Err(error) = session.insert(AUTH_KEY, &auth).await {
            tracing::warn!(%error, "cannot renew a session");
        }
    }
    match state.services.identity.principal(auth.user_id).await {
        Ok(principal) => principal,
        Err(error) => {
            tracing::error!(%error, "cannot resolve the session's user");
            Principal::Anonymous
        }
    }
}

/// How long after its last renewal a used session is renewed again: a day, or a quarter of the
/// idle time when that is shorter. Each renewal is a write, and at a drop's opening every phone
/// loads a page at once: most of them were renewed less than a day before.
fn renewal_step_ms(idle_secs: i64) -> i64 {
    (idle_secs * 1000 / 4).min(24 * 3_600_000)
}

/// The client's address: the peer, unless the peer is a trusted proxy, in which case the
/// rightmost X-Forwarded-For entry that is not itself a trusted proxy (entries further left can
/// be forged by the client). An entry that cannot be read ends the walk: nothing to its left
/// can be believed, so the last proxy stands for the client.
fn client_address(peer: IpAddr, forwarded_for: &[&str], trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let mut client = peer;
    for entry in forwarded_for.iter().rev().flat_map(|line| line.rsplit(',')) {
        let Some(address) = forwarded_address(entry.trim()) else {
            return client;
        };
        if !trusted.contains(&address) {
            return address;
        }
        client = address;
    }
    client
}

/// An X-Forwarded-For entry: an address, or an address with a port (`1.2.3.4:5`, `[::1]:5`).
fn forwarded_address(entry: &str) -> Option<IpAddr> {
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|socket| socket.ip()))
}

#[cfg(test)]
mod tests {
    use super::client_address;
    use std::net::IpAddr;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn forwarded_addresses_are_believed_only_from_trusted_proxies() {
        let proxy = [ip("10.0.0.2")];
        assert_eq!(
            client_address(ip("203.0.113.9"), &["198.51.100.1"], &proxy),
            ip("203.0.113.9"),
            "not via a proxy"
        );
        assert_eq!(
            client_address(ip("10.0.0.2"), &["198.51.100.1"], &proxy),
            ip("198.51.100.1")
        );
        assert_eq!(
            client_address(ip("10.0.0.2"), &["6.6.6.6, 198.51.100.1"], &proxy),
            ip("198.51.100.1"),
            "a forged left entry is ignored"
        );
        assert_eq!(
            client_address(ip("10.0.0.2"), &["198.51.100.1, 10.0.0.2"], &proxy),
            ip("198.51.100.1"),
            "chained proxies are skipped"
        );
        assert_eq!(
            client_address(ip("10.0.0.2"), &["garbage"], &proxy),
            ip("10.0.0.2")
        );
        assert_eq!(client_address(ip("10.0.0.2"), &[], &proxy), ip("10.0.0.2"));
        assert_eq!(
            client_address(ip("10.0.0.2"), &["6.6.6.6", "198.51.100.1"], &proxy),
            ip("198.51.100.1"),
            "a proxy that adds its own line: the client's line is not believed"
        );
        assert_eq!(
            client_address(ip("10.0.0.2"), &["6.6.6.6, 198.51.100.1:4711"], &proxy),
            ip("198.51.100.1"),
            "an address with its port"
        );
        assert_eq!(
            client_address(ip("10.0.0.2"), &["6.6.6.6, unknown"], &proxy),
            ip("10.0.0.2"),
            "nothing left of an unreadable entry is believed"
        );
    }
}
