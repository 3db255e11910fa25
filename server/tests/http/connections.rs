//! What one instance takes on at once: a client that never finishes its headers is cut off, and
//! past `max_in_flight` requests the next is turned away at once with 503 and Retry-After, while
//! probes are still answered.

use crate::support::{TestApp, problem};
use app::db_test;
use reqwest::{StatusCode, header};
use std::time::{Duration, Instant};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

db_test!(
    async fn a_client_trickling_its_headers_is_cut_off(db: Db) {
        let app = TestApp::spawn_with(db, "[server]\nheader_read_timeout_secs = 1\n").await;
        let mut slow = TcpStream::connect(app.addr).await.unwrap();
        slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
            .await
            .unwrap();
        let started = Instant::now();
        let mut rest = Vec::new();
        let closed =
            tokio::time::timeout(Duration::from_secs(10), slow.read_to_end(&mut rest)).await;
        assert!(
            closed.is_ok(),
            "the connection is still open 10 s after its headers began"
        );
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
        // The server still serves everyone else.
        assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
    }
);

db_test!(
    async fn past_the_in_flight_limit_requests_are_turned_away_at_once(db: Db) {
        let app = TestApp::spawn_with(db, "[server]\nmax_in_flight = 1\n").await;
        let stuck = stuck_request(&app).await;
        let api = wait_until(&app, |status| status == StatusCode::SERVICE_UNAVAILABLE).await;
        assert_eq!(api.headers()[header::RETRY_AFTER], "1");
        let body = problem(api, StatusCode::SERVICE_UNAVAILABLE).await;
        assert_eq!(body["type"], "urn:dropslot:problem:busy");
        let page = app
            .client
            .get(app.url("/"))
            .header(header::ACCEPT, "text/html")
            .header(header::ACCEPT_LANGUAGE, "th")
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(page.text().await.unwrap().contains("ขณะนี้มีผู้ใช้งานจำนวนมาก"));
        assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
        assert_eq!(app.get("/readyz").await.status(), StatusCode::OK);
        // Once the stuck request ends, its turn is free again.
        drop(stuck);
        wait_until(&app, |status| status != StatusCode::SERVICE_UNAVAILABLE).await;
    }
);

/// A request whose body never finishes arriving, once it holds its turn: one answered at once
/// (another request held the turn) is sent again.
async fn stuck_request(app: &TestApp) -> TcpStream {
    for _ in 0..50 {
        let mut stuck = TcpStream::connect(app.addr).await.unwrap();
        stuck
            .write_all(
                b"POST /api/v1/auth/token HTTP/1.1\r\nHost: x\r\n\
                  Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{",
            )
            .await
            .unwrap();
        let mut answer = [0u8; 64];
        let answered =
            tokio::time::timeout(Duration::from_millis(100), stuck.read(&mut answer)).await;
        if answered.is_err() {
            return stuck;
        }
    }
    panic!("the stuck request never got its turn");
}

/// The first API answer whose status passes `wanted`: the stuck request takes its turn a moment
/// after its headers are written, and gives it back a moment after its connection closes.
async fn wait_until(app: &TestApp, wanted: impl Fn(StatusCode) -> bool) -> reqwest::Response {
    for _ in 0..100 {
        let response = app.get("/api/v1/drops/no-such-drop").await;
        if wanted(response.status()) {
            return response;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("no such answer in 2 s");
}
