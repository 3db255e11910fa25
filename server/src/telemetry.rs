//! Logging: one subscriber, human or JSON lines, every line inside its request's span (which
//! carries the request id).

use crate::config::{LogConfig, LogFormat};
use axum::http::Request;
use tracing::Span;
use tracing_subscriber::{EnvFilter, fmt, prelude::*};

pub fn init(config: &LogConfig) {
    let filter = EnvFilter::try_new(&config.filter).unwrap_or_else(|_| EnvFilter::new("info"));
    let registry = tracing_subscriber::registry().with(filter);
    // A second init (tests spawning several servers) keeps the first subscriber.
    let _ = match config.format {
        LogFormat::Pretty => registry.with(fmt::layer().compact()).try_init(),
        LogFormat::Json => registry
            .with(fmt::layer().json().flatten_event(true))
            .try_init(),
    };
}

/// The span of one HTTP request, named by the id the request-id layer put on it.
pub fn request_span<B>(request: &Request<B>) -> Span {
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!(
        "request",
        request_id,
        method = %request.method(),
        path = request.uri().path(),
    )
}
