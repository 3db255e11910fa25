//! Probes for orchestrators: /healthz says the process runs, /readyz that it can serve (its
//! database answers).

use crate::{rest::problem::Problem, state::AppState};
use app::error::ErrorKind;
use axum::{extract::State, http::StatusCode, response::IntoResponse};

pub async fn healthz() -> &'static str {
    "ok"
}

pub async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    match state.db.ping().await {
        Ok(()) => Ok("ready"),
        Err(error) => {
            tracing::warn!(%error, "readiness check failed");
            Err(Problem::new(
                ErrorKind::Internal,
                StatusCode::SERVICE_UNAVAILABLE,
                "The database is not reachable.",
            ))
        }
    }
}
