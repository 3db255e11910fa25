//! One server per test, on port 0, over a fresh database, configured like production except for
//! cheap password hashing and a temporary mail folder; and the readers of its answers that several
//! test modules share.

pub mod shop;

use app::{
    db::Db,
    identity::{
        api::Login,
        model::{Principal, Registration},
    },
    services::Services,
    time::Timestamp,
};
use figment::providers::{Format, Toml};
use leptos::server_fn::ServerFn;
use reqwest::{Response, StatusCode, header};
use serde_json::Value;
use server::{config::Config, startup};
use std::{net::SocketAddr, path::PathBuf};
use tokio::{net::TcpListener, sync::oneshot};

pub const PASSWORD: &str = "violet-harbour-42";

pub struct TestApp {
    pub addr: SocketAddr,
    pub client: reqwest::Client,
    pub services: Services,
    pub mail_dir: tempfile::TempDir,
    _stop: oneshot::Sender<()>,
}

impl TestApp {
    pub async fn spawn(db: Db) -> Self {
        Self::spawn_with(db, "").await
    }

    /// `extra` is TOML layered over the test configuration.
    pub async fn spawn_with(db: Db, extra: &str) -> Self {
        // TEST_LOG=info (or any filter) shows the server's request logs while debugging a test.
        if let Ok(filter) = std::env::var("TEST_LOG") {
            let _ = tracing_subscriber::fmt()
                .with_env_filter(filter)
                .with_test_writer()
                .try_init();
        }
        let mail_dir = tempfile::tempdir().expect("mail folder");
        let base = format!(
            "[identity]\npassword_hash = \"insecure_fast_for_tests\"\njwt_secret = \"test-secret-test-secret-test-secret-1234\"\n\
             [mail]\nfile_dir = \"{}\"\n[media]\ndir = \"{}\"\n",
            mail_dir.path().display(),
            mail_dir.path().join("media").display()
        );
        let figment = Config::figment(None)
            .expect("figment")
            .merge(Toml::string(&base))
            .merge(Toml::string(extra));
        let config = Config::from_figment(figment).expect("test configuration");
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind port 0");
        let addr = listener.local_addr().expect("local address");
        let services = startup::build_services(db.clone(), &config).expect("services");
        let state = startup::app_state(db, services.clone(), addr, &config);
        let (stop, stopped) = oneshot::channel::<()>();
        let shutdown = async move {
            let _ = stopped.await;
        };
        tokio::spawn(async move {
            server::serve_until(listener, state, shutdown, &config.server).await
        });
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Self {
            addr,
            client,
            services,
            mail_dir,
            _stop: stop,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("GET request")
    }

    /// POSTs JSON, with a bearer token's `Authorization` value when given.
    pub async fn post_json(
        &self,
        path: &str,
        authorization: Option<&str>,
        body: &Value,
    ) -> Response {
        let mut request = self.client.post(self.url(path)).json(body);
        if let Some(authorization) = authorization {
            request = request.header("authorization", authorization);
        }
        request.send().await.expect("POST request")
    }

    /// A confirmed account with the test password.
    pub async fn account(&self, email: &str) -> Principal {
        let registration =
            Registration::parse(email, "Test Person", PASSWORD).expect("valid account");
        let id = self
            .services
            .identity
            .provision_account(registration, false)
            .await
            .expect("provision");
        Principal::User {
            id,
            is_platform_admin: false,
            email_verified: true,
        }
    }

    /// An access token for a new confirmed account, through the API's own sign-in.
    pub async fn bearer(&self, email: &str) -> String {
        self.account(email).await;
        self.token(email).await
    }

    /// An access token for an existing account, through the API's own sign-in.
    pub async fn token(&self, email: &str) -> String {
        let response = self
            .client
            .post(self.url("/api/v1/auth/token"))
            .json(&serde_json::json!({ "email": email, "password": PASSWORD }))
            .send()
            .await
            .expect("token request");
        assert_eq!(response.status(), 200, "sign-in for {email}");
        let body: Value = response.json().await.expect("token JSON");
        format!(
            "Bearer {}",
            body["access_token"].as_str().expect("access token")
        )
    }

    /// Runs the background work messages need (tests start no workers): events handed to their
    /// handlers, due messages sent.
    pub fn run_message_workers(&self) {
        let services = self.services.clone();
        tokio::spawn(async move {
            loop {
                let _ = services.outbox.dispatch_once(Timestamp::now(), 200).await;
                let _ = services
                    .notifications
                    .deliver_due(Timestamp::now(), 50)
                    .await;
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
        });
    }

    /// Signs an existing account in through the sign-in form's server function, as a browser
    /// does, presenting `cookie` when given; answers the session cookie the server sets.
    pub async fn sign_in(&self, email: &str, cookie: Option<&str>) -> String {
        let response = self
            .server_fn(
                Login::PATH,
                &[("email", email), ("password", PASSWORD), ("next", "/")],
                cookie,
            )
            .await;
        assert!(
            response.status().is_success() || response.status().is_redirection(),
            "sign-in for {email}: {}",
            response.status()
        );
        session_cookie(&response).unwrap_or_else(|| panic!("sign-in for {email} sets no cookie"))
    }

    /// Calls a server function like the hydrated page does (form-encoded, same origin).
    pub async fn server_fn(
        &self,
        path: &str,
        form: &[(&str, &str)],
        cookie: Option<&str>,
    ) -> Response {
        let mut request = self
            .client
            .post(self.url(path))
            .form(form)
            .header("sec-fetch-site", "same-origin");
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        request.send().await.expect("server function request")
    }

    /// The .eml files written so far, as text.
    pub fn mails(&self) -> Vec<String> {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(self.mail_dir.path())
            .map(|dir| dir.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        paths.sort();
        paths
            .iter()
            .filter_map(|p| std::fs::read(p).ok())
            .map(|raw| decode_quoted_printable(&raw))
            .collect()
    }
}

/// Mail bodies with long lines (links) are quoted-printable: `=XX` bytes and `=` soft breaks.
fn decode_quoted_printable(raw: &[u8]) -> String {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'=' if raw[i + 1..].starts_with(b"\r\n") => i += 3,
            b'=' if raw[i + 1..].starts_with(b"\n") => i += 2,
            b'=' if i + 2 < raw.len()
                && raw[i + 1].is_ascii_hexdigit()
                && raw[i + 2].is_ascii_hexdigit() =>
            {
                let hex = std::str::from_utf8(&raw[i + 1..i + 3]).expect("hex digits");
                out.push(u8::from_str_radix(hex, 16).expect("hex"));
                i += 3;
            }
            byte => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The `name=value` of the session cookie a response sets, if any.
pub fn session_cookie(response: &Response) -> Option<String> {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("dropslot_session="))
        .and_then(|v| v.split(';').next())
        .map(str::to_owned)
}

/// The RFC 7807 body of a refusal, after checking its status, media type and problem type.
pub async fn problem(response: Response, status: StatusCode) -> Value {
    assert_eq!(response.status(), status);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let body: Value = response.json().await.expect("problem JSON");
    assert_eq!(body["status"], status.as_u16());
    assert!(
        body["type"]
            .as_str()
            .expect("problem type")
            .starts_with("urn:dropslot:problem:")
    );
    body
}

/// The fields a problem names as invalid, in its order.
pub fn fields(problem: &Value) -> Vec<&str> {
    problem["errors"].as_array().map_or(vec![], |e| {
        e.iter().map(|f| f["field"].as_str().unwrap()).collect()
    })
}
