use app::{db::Db, services::Services};
use axum::extract::FromRef;
use leptos::config::LeptosOptions;

/// What every handler can reach. Leptos's handlers take the options through `FromRef`.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub services: Services,
    pub db: Db,
}
