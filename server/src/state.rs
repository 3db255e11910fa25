use app::{db::Db, services::Services};
use axum::extract::FromRef;
use leptos::config::LeptosOptions;

/// What every handler can reach. Leptos's handlers take the options through `FromRef`.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub services: Services,
    pub db: Db,
    /// Shared: the state is cloned for every request.
    pub web: std::sync::Arc<WebSettings>,
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
}
