//! What one instance takes on at once. Connections must send their request headers within a
//! timeout (a client trickling bytes cannot hold a connection forever), at most
//! `max_connections` are open (past that, new ones wait in the kernel's backlog), and at most
//! `max_in_flight` requests are handled at a time: the next is answered 503 with Retry-After at
//! once rather than queued behind the others, so a phone is told to come back instead of waiting
//! on a queue that only grows. Probes are never turned away.

use crate::limits::{Refusal, refuse};
use app::{error::ErrorKind, text};
use axum::{
    Router,
    body::Body,
    extract::{ConnectInfo, Request, State},
    http::StatusCode,
    middleware::Next,
    response::Response,
};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::{future::Future, net::SocketAddr, pin::pin, sync::Arc, time::Duration};
use tokio::{
    net::{TcpListener, TcpStream},
    sync::{Semaphore, watch},
};
use tower::Service;

/// How long a client turned away for load is asked to wait.
const SHED_RETRY_AFTER_SECS: u64 = 1;

#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    pub header_read_timeout: Duration,
    pub max_connections: usize,
}

/// Accepts connections until `shutdown` completes, then lets each finish its request in flight
/// and returns once all are closed.
pub async fn serve_connections(
    listener: TcpListener,
    app: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()>,
) {
    let open = Arc::new(Semaphore::new(limits.max_connections));
    let (closing, closing_seen) = watch::channel(false);
    let mut shutdown = pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = open.clone().acquire_owned() => permit.expect("the semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    wait_after_accept_error(error).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let app = app.clone();
        let closing = closing_seen.clone();
        tokio::spawn(async move {
            serve_connection(stream, remote, app, limits, closing).await;
            drop(permit);
        });
    }
    let _ = closing.send(true);
    // Every permit back means every connection has closed.
    let all = u32::try_from(limits.max_connections).unwrap_or(u32::MAX);
    let _ = open.acquire_many(all).await;
}

async fn serve_connection(
    stream: TcpStream,
    remote: SocketAddr,
    app: Router,
    limits: ConnectionLimits,
    mut closing: watch::Receiver<bool>,
) {
    // Streamed pages go out in several small writes; with Nagle's algorithm each one after the
    // first waits for the browser's delayed ACK (40 ms on Linux).
    if let Err(error) = stream.set_nodelay(true) {
        tracing::debug!(%error, "cannot set TCP_NODELAY");
    }
    let service = hyper::service::service_fn(move |request: Request<hyper::body::Incoming>| {
        let mut request = request.map(Body::new);
        request.extensions_mut().insert(ConnectInfo(remote));
        app.clone().call(request)
    });
    let connection = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .serve_connection(TokioIo::new(stream), service);
    let mut connection = pin!(connection);
    let closing = async {
        // The guard `wait_for` returns is not Send: dropped here, before the connection ends.
        let _ = closing.wait_for(|closing| *closing).await;
    };
    tokio::select! {
        result = connection.as_mut() => log_connection_end(result),
        () = closing => {
            connection.as_mut().graceful_shutdown();
            log_connection_end(connection.await);
        }
    }
}

fn log_connection_end(result: Result<(), hyper::Error>) {
    if let Err(error) = result {
        tracing::trace!(%error, "connection ended with an error");
    }
}

/// A refused or reset connection is the client's business; anything else (out of file
/// descriptors) would fail again at once, so the loop pauses first.
async fn wait_after_accept_error(error: std::io::Error) {
    use std::io::ErrorKind as E;
    if matches!(
        error.kind(),
        E::ConnectionRefused | E::ConnectionAborted | E::ConnectionReset
    ) {
        return;
    }
    tracing::error!(%error, "cannot accept connections; trying again in a second");
    tokio::time::sleep(Duration::from_secs(1)).await;
}

/// The requests this instance may handle at once, shared by every route it guards.
#[derive(Clone)]
pub struct InFlight(Arc<Semaphore>);

impl InFlight {
    pub fn new(max: usize) -> Self {
        Self(Arc::new(Semaphore::new(max)))
    }
}

/// Answers 503 with Retry-After when `max_in_flight` requests are already being handled.
pub async fn shed_load(
    State(in_flight): State<InFlight>,
    request: Request,
    next: Next,
) -> Response {
    let Ok(_turn) = in_flight.0.try_acquire() else {
        tracing::debug!("turned away: too many requests in flight");
        return refuse(
            &request,
            Refusal {
                status: StatusCode::SERVICE_UNAVAILABLE,
                kind: ErrorKind::Busy,
                title: text!("error-busy"),
                message: text!("error-overloaded", seconds = SHED_RETRY_AFTER_SECS),
                retry_after_secs: Some(SHED_RETRY_AFTER_SECS),
            },
        );
    };
    next.run(request).await
}
