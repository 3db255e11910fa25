//! Sign-in over HTTP: API tokens, browser sessions (fixation, sign-out, expiry), the cross-site
//! check, and server function errors with their real status.

use crate::support::{PASSWORD, TestApp, problem, session_cookie};
use app::{
    db_test,
    identity::{
        api::{CurrentAccount, Login, Logout, Register},
        sessions::{AUTH_KEY, AuthSession},
    },
    time::Timestamp,
};
use leptos::server_fn::ServerFn;
use reqwest::StatusCode;
use serde_json::{Value, json};
use tower_sessions::{
    SessionStore,
    session::{Id, Record},
};

async fn current_email(app: &TestApp, cookie: &str) -> Value {
    let response = app.server_fn(CurrentAccount::PATH, &[], Some(cookie)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    body["email"].clone()
}

db_test!(
    async fn api_tokens_rotate_over_http(db: Db) {
        let app = TestApp::spawn(db).await;
        app.account("ann@example.com").await;
        let token_url = app.url("/api/v1/auth/token");
        let wrong = app
            .client
            .post(&token_url)
            .json(&json!({ "email": "ann@example.com", "password": "nope-nope-nope" }))
            .send()
            .await
            .unwrap();
        problem(wrong, StatusCode::UNAUTHORIZED).await;

        let first: Value = app
            .client
            .post(&token_url)
            .json(&json!({ "email": "ann@example.com", "password": PASSWORD }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(first["token_type"], "Bearer");
        assert_eq!(first["expires_in"], 900);
        let authorised = app
            .client
            .get(app.url("/api/v1/stores"))
            .header(
                "authorization",
                format!("Bearer {}", first["access_token"].as_str().unwrap()),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(authorised.status(), StatusCode::OK);

        let refresh = |token: &Value| {
            app.client
                .post(app.url("/api/v1/auth/refresh"))
                .json(&json!({ "refresh_token": token }))
                .send()
        };
        let second = refresh(&first["refresh_token"]).await.unwrap();
        assert_eq!(second.status(), StatusCode::OK);
        let second: Value = second.json().await.unwrap();
        assert_eq!(
            refresh(&first["refresh_token"]).await.unwrap().status(),
            StatusCode::UNAUTHORIZED,
            "reuse refused"
        );
        assert_eq!(
            refresh(&second["refresh_token"]).await.unwrap().status(),
            StatusCode::UNAUTHORIZED,
            "family revoked"
        );

        let third: Value = app
            .client
            .post(&token_url)
            .json(&json!({ "email": "ann@example.com", "password": PASSWORD }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let logout = app
            .client
            .post(app.url("/api/v1/auth/logout"))
            .json(&json!({ "refresh_token": third["refresh_token"] }))
            .send()
            .await
            .unwrap();
        assert_eq!(logout.status(), StatusCode::NO_CONTENT);
        assert_eq!(
            refresh(&third["refresh_token"]).await.unwrap().status(),
            StatusCode::UNAUTHORIZED
        );
    }
);

db_test!(
    async fn sign_in_always_issues_a_new_session_id(db: Db) {
        let app = TestApp::spawn(db).await;
        app.account("ann@example.com").await;
        let planted = "dropslot_session=AAAAAAAAAAAAAAAAAAAAAA";
        let first = app.sign_in("ann@example.com", Some(planted)).await;
        assert_ne!(first, planted, "a planted id is never adopted");
        assert_eq!(current_email(&app, &first).await, "ann@example.com");

        let second = app.sign_in("ann@example.com", Some(&first)).await;
        assert_ne!(second, first, "signing in again rotates the id");
        assert_eq!(current_email(&app, &second).await, "ann@example.com");
        assert_eq!(
            current_email(&app, &first).await,
            Value::Null,
            "the old id is dead"
        );
    }
);

db_test!(
    async fn sign_out_ends_the_session_on_the_server(db: Db) {
        let app = TestApp::spawn(db).await;
        app.account("ann@example.com").await;
        let cookie = app.sign_in("ann@example.com", None).await;
        let response = app.server_fn(Logout::PATH, &[], Some(&cookie)).await;
        assert!(response.status().is_success() || response.status().is_redirection());
        assert_eq!(
            current_email(&app, &cookie).await,
            Value::Null,
            "a copied cookie is useless after sign-out"
        );
    }
);

db_test!(
    async fn idle_and_absolute_expiry_sign_nobody_in(db: Db) {
        let app = TestApp::spawn_with(
            db,
            "[identity]\nsession_idle_minutes = 60\nsession_absolute_minutes = 1440\n",
        )
        .await;
        let ann = app.account("ann@example.com").await;
        let store = app.services.identity.session_store();
        let session = |signed_in_minutes_ago: i64, expires_in_minutes: i64| {
            let auth = AuthSession {
                user_id: ann.user_id().unwrap(),
                signed_in_at: Timestamp::from_millis(
                    Timestamp::now().as_millis() - signed_in_minutes_ago * 60_000,
                ),
                user_agent: "Test".into(),
                renewed_at: None,
            };
            Record {
                id: Id::default(),
                data: [(AUTH_KEY.to_owned(), serde_json::to_value(auth).unwrap())].into(),
                expiry_date: time::OffsetDateTime::now_utc()
                    + time::Duration::minutes(expires_in_minutes),
            }
        };
        let mut fresh = session(5, 30);
        let mut too_old = session(1441, 30);
        let mut idle = session(5, -1);
        let mut used = session(20, 30);
        for record in [&mut fresh, &mut too_old, &mut idle, &mut used] {
            store.create(record).await.unwrap();
        }
        assert_eq!(
            current_email(&app, &format!("dropslot_session={}", fresh.id)).await,
            "ann@example.com"
        );
        assert_eq!(
            current_email(&app, &format!("dropslot_session={}", too_old.id)).await,
            Value::Null,
            "absolute limit"
        );
        assert_eq!(
            current_email(&app, &format!("dropslot_session={}", idle.id)).await,
            Value::Null,
            "idle limit"
        );
        assert!(
            store.load(&too_old.id).await.unwrap().is_none(),
            "the over-age session is deleted"
        );
        // A session in use slides on: its end moves to a full idle time from now.
        assert_eq!(
            current_email(&app, &format!("dropslot_session={}", used.id)).await,
            "ann@example.com"
        );
        let renewed = store.load(&used.id).await.unwrap().expect("still there");
        assert!(
            renewed.expiry_date > time::OffsetDateTime::now_utc() + time::Duration::minutes(55),
            "{}",
            renewed.expiry_date
        );
    }
);

db_test!(
    async fn cross_site_posts_are_refused(db: Db) {
        let app = TestApp::spawn(db).await;
        app.account("ann@example.com").await;
        let form = [
            ("email", "ann@example.com"),
            ("password", PASSWORD),
            ("next", "/"),
        ];
        let cross_site = app
            .client
            .post(app.url(Login::PATH))
            .form(&form)
            .header("sec-fetch-site", "cross-site")
            .send()
            .await
            .unwrap();
        assert_eq!(cross_site.status(), StatusCode::FORBIDDEN);
        assert!(session_cookie(&cross_site).is_none());
        let foreign_origin = app
            .client
            .post(app.url(Login::PATH))
            .form(&form)
            .header("origin", "https://evil.example")
            .send()
            .await
            .unwrap();
        assert_eq!(foreign_origin.status(), StatusCode::FORBIDDEN);
        let own_origin = app
            .client
            .post(app.url(Login::PATH))
            .form(&form)
            .header("origin", app.url(""))
            .send()
            .await
            .unwrap();
        assert_ne!(own_origin.status(), StatusCode::FORBIDDEN);
        let same_origin = app.server_fn(Login::PATH, &form, None).await;
        assert!(session_cookie(&same_origin).is_some());
    }
);

db_test!(
    async fn server_function_errors_carry_their_status(db: Db) {
        let app = TestApp::spawn(db).await;
        let response = app
            .server_fn(
                Register::PATH,
                &[
                    ("email", "not-an-email"),
                    ("display_name", ""),
                    ("password", "short"),
                ],
                None,
            )
            .await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["kind"], "invalid");
        let fields: Vec<&str> = body["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, ["email", "display_name", "password"]);

        let wrong = app
            .server_fn(
                Login::PATH,
                &[
                    ("email", "nobody@example.com"),
                    ("password", "whatever-it-is"),
                    ("next", ""),
                ],
                None,
            )
            .await;
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);

        let huge = "x".repeat(20_000);
        let oversized = app
            .server_fn(
                Register::PATH,
                &[
                    ("email", &huge),
                    ("display_name", &huge),
                    ("password", &huge),
                ],
                None,
            )
            .await;
        assert_eq!(oversized.status(), StatusCode::UNPROCESSABLE_ENTITY);

        let wrong_type = app
            .client
            .post(app.url(Register::PATH))
            .header("sec-fetch-site", "same-origin")
            .header("content-type", "application/json")
            .body("{\"email\": 1}")
            .send()
            .await
            .unwrap();
        assert_eq!(
            wrong_type.status(),
            StatusCode::BAD_REQUEST,
            "a malformed call is the caller's error, not a 500"
        );
        let missing_field = app
            .server_fn(Register::PATH, &[("email", "a@example.com")], None)
            .await;
        assert_eq!(missing_field.status(), StatusCode::BAD_REQUEST);
    }
);

db_test!(
    async fn the_verification_mail_lands_in_the_mail_folder(db: Db) {
        let app = TestApp::spawn(db).await;
        let response = app
            .server_fn(
                Register::PATH,
                &[
                    ("email", "new@example.com"),
                    ("display_name", "New Person"),
                    ("password", PASSWORD),
                ],
                None,
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        let mut link = None;
        for _ in 0..100 {
            link = app.mails().iter().find_map(|mail| {
                mail.split_whitespace()
                    .find(|w| w.contains("/verify-email?token="))
                    .map(str::to_owned)
            });
            if link.is_some() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        let link = link.expect("a verification mail with a link");
        let path = &link[link.find("/verify-email").unwrap()..];
        let page = app
            .client
            .get(app.url(path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("Your email is confirmed"), "{page}");
    }
);
