//! Rate limits over HTTP: per client address (believed from X-Forwarded-For only via a trusted
//! proxy) and per account, 429 with Retry-After in the shape each surface's client reads.

use crate::support::{
    TestApp, problem,
    shop::{open_drop, shop},
};
use app::{db_test, identity::api::Login};
use leptos::server_fn::ServerFn;
use reqwest::StatusCode;
use serde_json::{Value, json};

db_test!(
    async fn api_tokens_are_limited_per_address(db: Db) {
        let app = TestApp::spawn_with(
            db,
            "[server]\ntrusted_proxies = [\"127.0.0.1\"]\n\
             [limits]\ntoken = { per_address = 3, per_secs = 60 }\n",
        )
        .await;
        app.account("ann@example.com").await;
        let token = |from: &'static str| {
            app.client
                .post(app.url("/api/v1/auth/token"))
                .header("x-forwarded-for", from)
                .json(&json!({ "email": "ann@example.com", "password": "wrong-wrong-wrong" }))
                .send()
        };
        for _ in 0..3 {
            assert_eq!(
                token("198.51.100.1").await.unwrap().status(),
                StatusCode::UNAUTHORIZED
            );
        }
        let limited = token("198.51.100.1").await.unwrap();
        let retry_after: u64 = limited.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=60).contains(&retry_after), "{retry_after}");
        let body = problem(limited, StatusCode::TOO_MANY_REQUESTS).await;
        assert_eq!(body["type"], "urn:dropslot:problem:rate_limited");
        assert!(body["detail"].as_str().unwrap().contains("seconds"));
        // Another client behind the same proxy has its own count.
        assert_eq!(
            token("198.51.100.2").await.unwrap().status(),
            StatusCode::UNAUTHORIZED
        );
    }
);

db_test!(
    async fn bookings_are_limited_per_account_refusals_included(db: Db) {
        let app = TestApp::spawn_with(
            db,
            "[limits]\nbooking = { per_address = 1000, per_account = 3, per_secs = 60 }\n",
        )
        .await;
        let shop = shop(&app).await;
        let (_, slot) = open_drop(&app, &shop, 1).await;
        let ann = app.bearer("ann@example.com").await;
        let body = json!({ "slot_id": slot });
        let book = || app.post_json("/api/v1/reservations", Some(&ann), &body);
        assert_eq!(book().await.status(), StatusCode::CREATED);
        for _ in 0..2 {
            assert_ne!(book().await.status(), StatusCode::TOO_MANY_REQUESTS);
        }
        problem(book().await, StatusCode::TOO_MANY_REQUESTS).await;
        // Someone else books on.
        let bob = app.bearer("bob@example.com").await;
        let other = app
            .post_json(
                "/api/v1/reservations",
                Some(&bob),
                &json!({ "slot_id": slot }),
            )
            .await;
        assert_ne!(other.status(), StatusCode::TOO_MANY_REQUESTS);
    }
);

db_test!(
    async fn sign_in_forms_are_limited_in_the_language_of_the_page(db: Db) {
        let app = TestApp::spawn_with(
            db,
            "[limits]\nsign_in = { per_address = 2, per_secs = 60 }\n",
        )
        .await;
        let form = [
            ("email", "ann@example.com"),
            ("password", "nope"),
            ("next", "/"),
        ];
        for _ in 0..2 {
            let answer = app.server_fn(Login::PATH, &form, None).await;
            assert_ne!(answer.status(), StatusCode::TOO_MANY_REQUESTS);
        }
        let limited = app
            .client
            .post(app.url(Login::PATH))
            .form(&form)
            .header("sec-fetch-site", "same-origin")
            .header("accept-language", "th")
            .send()
            .await
            .unwrap();
        assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(limited.headers().contains_key("retry-after"));
        let error: Value = limited.json().await.unwrap();
        assert_eq!(error["kind"], "rate_limited");
        assert!(
            error["message"].as_str().unwrap().contains("วินาที"),
            "{error}"
        );
        // A browser without JavaScript gets a page, not JSON.
        let page = app
            .client
            .post(app.url(Login::PATH))
            .form(&form)
            .header("sec-fetch-site", "same-origin")
            .header("accept", "text/html")
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(page.text().await.unwrap().contains("Too many requests"));
    }
);

db_test!(
    async fn refused_tokens_count_against_their_address(db: Db) {
        let app = TestApp::spawn_with(
            db,
            "[limits]\nany = { per_address = 3, per_account = 1000, per_secs = 60 }\n",
        )
        .await;
        let guess = || {
            app.client
                .get(app.url("/api/v1/reservations"))
                .header("authorization", "Bearer not-a-token")
                .send()
        };
        for _ in 0..3 {
            assert_eq!(guess().await.unwrap().status(), StatusCode::UNAUTHORIZED);
        }
        let limited = guess().await.unwrap();
        assert!(limited.headers().contains_key("retry-after"));
        problem(limited, StatusCode::TOO_MANY_REQUESTS).await;
    }
);
