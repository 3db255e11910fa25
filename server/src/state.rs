use app::{db::Db, rate_limits::RateLimiter, services::Services};
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::{ops::Deref, sync::Arc};

/// What every handler can reach. Axum clones the state for every middleware and handler of
/// every request, so it is one shared allocation and a clone is a reference count.
#[derive(Clone)]
pub struct AppState(Arc<SharedState>);

pub struct SharedState {
    pub leptos_options: LeptosOptions,
    pub services: Services,
    pub db: Db,
    pub web: WebSettings,
    pub limiter: RateLimiter,
}

impl AppState {
    pub fn new(shared: SharedState) -> Self {
        Self(Arc::new(shared))
    }
}

impl Deref for AppState {
    type Target = SharedState;
    fn deref(&self) -> &SharedState {
        &self.0
    }
}

/// Leptos's handlers take the options through `FromRef`; only they pay for the copy.
impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// REST handlers take the services through `FromRef`: a clone is one reference count.
impl FromRef<AppState> for Services {
    fn from_ref(state: &AppState) -> Self {
        state.services.clone()
    }
}

/// The browser-facing settings the middleware needs.
#[derive(Debug, Clone)]
pub struct WebSettings {
    /// `scheme://host[:port]` of the public address, for the Origin check.
    pub public_origin: String,
    pub secure_cookies: bool,
    pub session_idle_secs: i64,
    pub session_absolute_ms: i64,
    /// Proxies whose X-Forwarded-For names the real client.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Requests handled at once before the next is turned away.
    pub max_in_flight: usize,
    /// The largest upload the media settings take.
    pub max_upload_bytes: u64,
}
