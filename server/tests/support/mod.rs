//! One server per test, on port 0, over a fresh database.

use app::db::Db;
use std::{net::SocketAddr, path::Path, time::Duration};
use tokio::{net::TcpListener, sync::oneshot};

pub struct TestApp {
    pub addr: SocketAddr,
    pub client: reqwest::Client,
    _stop: oneshot::Sender<()>,
}

impl TestApp {
    pub async fn spawn(db: Db) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind port 0");
        let addr = listener.local_addr().expect("local address");
        let state = server::app_state(db, addr, Path::new("target/site"));
        let (stop, stopped) = oneshot::channel::<()>();
        let shutdown = async move {
            let _ = stopped.await;
        };
        tokio::spawn(server::serve_until(listener, state, shutdown, Duration::from_secs(5)));
        let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
        Self { addr, client, _stop: stop }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}
