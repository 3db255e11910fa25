//! The DropSlot server: configuration, the HTTP surface over the application's services, and
//! the process lifecycle (migrate, seed, serve, shut down gracefully).

mod auth;
pub mod config;
mod connections;
mod csrf;
mod guards;
mod health;
mod limits;
mod media;
mod page_cache;
pub mod rest;
pub mod router;
pub mod seed;
pub mod startup;
pub mod state;
pub mod telemetry;
mod tickets;
mod webhooks;
mod workers;

use app::{
    db::{ConnectError, Db},
    mail::MailError,
};
use config::{Config, DatabaseConfig, ServerConfig};
use connections::{ConnectionLimits, serve_connections};
use leptos::config::LeptosOptions;
use secrecy::ExposeSecret;
use state::AppState;
use std::{future::Future, net::SocketAddr, path::Path, time::Duration};
use tokio::net::TcpListener;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot open the database: {0}")]
    Connect(#[from] ConnectError),
    #[error("cannot migrate the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("cannot seed the demo data: {0}")]
    Seed(#[from] seed::SeedError),
    #[error("cannot write {0}: {1}")]
    Secret(std::path::PathBuf, #[source] std::io::Error),
    #[error("mail is misconfigured: {0}")]
    Mail(MailError),
    #[error(transparent)]
    Config(#[from] config::ConfigError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("the server stopped with an error: {0}")]
    Serve(#[source] std::io::Error),
}

/// Opens the configured database and brings its schema up to date.
pub async fn open_database(config: &DatabaseConfig) -> Result<Db, StartError> {
    let db = Db::connect(config.url.expose_secret(), config.max_connections).await?;
    db.migrate().await?;
    Ok(db)
}

pub fn leptos_options(addr: SocketAddr, site_root: &Path) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("dropslot")
        .site_root(site_root.to_string_lossy().as_ref())
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .build()
}

/// Runs the server until SIGTERM or Ctrl-C, then lets in-flight requests finish (within the grace
/// period) before closing the database.
pub async fn serve(config: Config, seed_demo: bool) -> Result<(), StartError> {
    for warning in config.warnings() {
        tracing::warn!("{warning}");
    }
    let db = open_database(&config.database).await?;
    let listener = TcpListener::bind(config.server.addr)
        .await
        .map_err(|source| StartError::Bind {
            addr: config.server.addr,
            source,
        })?;
    let addr = listener.local_addr().map_err(StartError::Serve)?;
    let services = startup::build_services(db.clone(), &config)?;
    let state = startup::app_state(db.clone(), services, addr, &config);
    if seed_demo {
        seed::seed_demo(&state.services).await?;
    }
    workers::spawn_all(&state.services, &state.limiter);
    println!(
        "DropSlot is running at http://{addr}  (database: {:?})",
        db.engine()
    );
    serve_until(listener, state, shutdown_signal(), &config.server).await;
    db.close().await;
    Ok(())
}

/// Serves until `shutdown` completes, then waits at most `grace` for in-flight requests.
pub async fn serve_until(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
    server: &ServerConfig,
) {
    let (stopping_tx, stopping_rx) = tokio::sync::oneshot::channel::<()>();
    let signal = async move {
        shutdown.await;
        tracing::info!("shutting down: finishing in-flight requests");
        let _ = stopping_tx.send(());
    };
    let limits = ConnectionLimits {
        header_read_timeout: Duration::from_secs(server.header_read_timeout_secs),
        max_connections: server.max_connections as usize,
    };
    let grace = Duration::from_secs(server.shutdown_grace_secs);
    let grace_over = async {
        match stopping_rx.await {
            Ok(()) => tokio::time::sleep(grace).await,
            Err(_) => std::future::pending().await,
        }
    };
    tokio::select! {
        () = serve_connections(listener, router::router(state), limits, signal) => {}
        () = grace_over => {
            tracing::warn!(grace_secs = grace.as_secs(), "grace period over: dropping unfinished requests");
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
