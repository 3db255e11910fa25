//! /api/v1/stores over HTTP: the happy paths and every kind of bad input.

use crate::support::{TestApp, fields, problem};
use app::db_test;
use reqwest::StatusCode;
use serde_json::{Value, json};

db_test!(
    async fn create_list_show_and_rename(db: Db) {
        let app = TestApp::spawn(db).await;
        let owner = app.bearer("owner@example.com").await;
        let created = app
            .client
            .post(app.url("/api/v1/stores"))
            .header("authorization", &owner)
            .json(&json!({ "name": "Kanom Bakery" }))
            .send()
            .await
            .unwrap();
        assert_eq!(created.status(), StatusCode::CREATED);
        assert_eq!(created.headers()["location"], "/api/v1/stores/kanom-bakery");
        let store: Value = created.json().await.unwrap();
        assert_eq!(store["slug"], "kanom-bakery");
        assert_eq!(store["name"], "Kanom Bakery");

        let list: Value = app.get("/api/v1/stores").await.json().await.unwrap();
        assert_eq!(list["items"].as_array().unwrap().len(), 1);

        let renamed = app
            .client
            .patch(app.url("/api/v1/stores/kanom-bakery"))
            .header("authorization", &owner)
            .json(&json!({ "name": "Kanom Bakery Sukhumvit" }))
            .send()
            .await
            .unwrap();
        assert_eq!(renamed.status(), StatusCode::OK);
        let shown: Value = app
            .get("/api/v1/stores/kanom-bakery")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(shown["name"], "Kanom Bakery Sukhumvit");
        assert_eq!(shown["id"], store["id"]);

        let stranger = app.bearer("stranger@example.com").await;
        let refused = app
            .client
            .patch(app.url("/api/v1/stores/kanom-bakery"))
            .header("authorization", &stranger)
            .json(&json!({ "name": "Taken Over" }))
            .send()
            .await
            .unwrap();
        problem(refused, StatusCode::FORBIDDEN).await;
        let anonymous = app
            .client
            .post(app.url("/api/v1/stores"))
            .json(&json!({ "name": "Anon Shop" }))
            .send()
            .await
            .unwrap();
        problem(anonymous, StatusCode::UNAUTHORIZED).await;
        let bad_token = app
            .client
            .get(app.url("/api/v1/stores"))
            .header("authorization", "Bearer not-a-token")
            .send()
            .await
            .unwrap();
        assert_eq!(
            bad_token.headers()["www-authenticate"],
            "Bearer error=\"invalid_token\""
        );
        problem(bad_token, StatusCode::UNAUTHORIZED).await;
    }
);

db_test!(
    async fn invalid_fields_are_all_listed(db: Db) {
        let app = TestApp::spawn(db).await;
        let owner = app.bearer("owner@example.com").await;
        let response = app
            .client
            .post(app.url("/api/v1/stores"))
            .header("authorization", &owner)
            .json(&json!({ "name": "x", "slug": "Bad Slug" }))
            .send()
            .await
            .unwrap();
        let body = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(fields(&body), ["name", "slug"]);

        let response = app
            .client
            .post(app.url("/api/v1/stores"))
            .header("authorization", &owner)
            .json(&json!({ "name": "y".repeat(10_000) }))
            .send()
            .await
            .unwrap();
        assert_eq!(
            fields(&problem(response, StatusCode::UNPROCESSABLE_ENTITY).await),
            ["name"]
        );

        let list: Value = app.get("/api/v1/stores").await.json().await.unwrap();
        assert_eq!(list["items"], json!([]), "nothing was stored");
    }
);

db_test!(
    async fn a_taken_slug_is_a_conflict(db: Db) {
        let app = TestApp::spawn(db).await;
        let owner = app.bearer("owner@example.com").await;
        let body = json!({ "name": "Kanom", "slug": "kanom" });
        let post = || {
            app.client
                .post(app.url("/api/v1/stores"))
                .header("authorization", &owner)
                .json(&body)
                .send()
        };
        assert_eq!(post().await.unwrap().status(), StatusCode::CREATED);
        let again = post().await.unwrap();
        assert_eq!(
            fields(&problem(again, StatusCode::CONFLICT).await),
            ["slug"]
        );
    }
);

db_test!(
    async fn malformed_requests_get_problems_not_crashes(db: Db) {
        let app = TestApp::spawn(db).await;
        let owner = app.bearer("owner@example.com").await;
        let url = app.url("/api/v1/stores");

        let wrong_type = app
            .client
            .post(&url)
            .header("authorization", &owner)
            .header("content-type", "text/plain")
            .body("name=Kanom")
            .send()
            .await
            .unwrap();
        problem(wrong_type, StatusCode::UNSUPPORTED_MEDIA_TYPE).await;

        let bad_syntax = app
            .client
            .post(&url)
            .header("authorization", &owner)
            .header("content-type", "application/json")
            .body("{\"name\":")
            .send()
            .await
            .unwrap();
        problem(bad_syntax, StatusCode::BAD_REQUEST).await;

        let wrong_shape = app
            .post_json("/api/v1/stores", Some(&owner), &json!({ "name": 42 }))
            .await;
        problem(wrong_shape, StatusCode::UNPROCESSABLE_ENTITY).await;

        let unknown_field = app
            .post_json(
                "/api/v1/stores",
                Some(&owner),
                &json!({ "name": "Kanom", "owner": "me" }),
            )
            .await;
        problem(unknown_field, StatusCode::UNPROCESSABLE_ENTITY).await;

        let oversized = app
            .post_json(
                "/api/v1/stores",
                Some(&owner),
                &json!({ "name": "z".repeat(100_000) }),
            )
            .await;
        problem(oversized, StatusCode::PAYLOAD_TOO_LARGE).await;

        let unknown_store = app.get("/api/v1/stores/nowhere").await;
        problem(unknown_store, StatusCode::NOT_FOUND).await;
        let impossible_slug = app.get("/api/v1/stores/NOT%20A%20SLUG").await;
        problem(impossible_slug, StatusCode::NOT_FOUND).await;

        let unknown_endpoint = app.get("/api/v1/nothing-here").await;
        problem(unknown_endpoint, StatusCode::NOT_FOUND).await;
        let wrong_method = app.client.delete(&url).send().await.unwrap();
        problem(wrong_method, StatusCode::METHOD_NOT_ALLOWED).await;
    }
);

db_test!(
    async fn profiles_over_the_api(db: Db) {
        let app = TestApp::spawn(db).await;
        let owner = app.bearer("owner@example.com").await;
        for name in ["Kanom Group", "Kanom Siam"] {
            app.client
                .post(app.url("/api/v1/stores"))
                .header("authorization", &owner)
                .json(&json!({ "name": name }))
                .send()
                .await
                .unwrap();
        }
        let url = app.url("/api/v1/stores/kanom-siam/profile");
        let body = json!({ "description": "Fresh every dawn.", "accent": "#7c2d12", "default_currency": "THB", "brand": "kanom-group" });
        let saved = app
            .client
            .put(&url)
            .header("authorization", &owner)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(saved.status(), StatusCode::OK, "{:?}", saved.text().await);
        let store: Value = saved.json().await.unwrap();
        assert_eq!(store["profile"]["accent"], "#7c2d12");
        assert!(store["parent_id"].is_string());

        let too_light = json!({ "accent": "#fff7cc", "default_currency": "THB" });
        let refused = app
            .client
            .put(&url)
            .header("authorization", &owner)
            .json(&too_light)
            .send()
            .await
            .unwrap();
        let problem = problem(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(fields(&problem), ["accent"]);
    }
);

db_test!(
    async fn the_directory_comes_a_page_at_a_time(db: Db) {
        use app::stores::model::NewStore;
        let app = TestApp::spawn_with(db, "[quotas]\nstores_per_account = 60\n").await;
        let owner = app.account("owner@example.com").await;
        for n in 0..50 {
            let new = NewStore::parse(&format!("Store {n:02}"), None).unwrap();
            app.services.stores.create(&owner, new).await.unwrap();
        }
        let page: Value = app
            .get("/api/v1/stores?page=3&per_page=20")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            (page["total"].as_u64(), page["page"].as_u64()),
            (Some(50), Some(3))
        );
        let names: Vec<_> = page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap())
            .collect();
        assert_eq!(names.len(), 10);
        assert_eq!(names[0], "Store 40");

        // The front page shows 48 and links on; the second page links back.
        let first = app.get("/").await.text().await.unwrap();
        assert!(first.contains("Store 47") && !first.contains("Store 48"));
        assert!(
            first.contains("href=\"/?page=2\""),
            "a link to the next page"
        );
        let second = app.get("/?page=2").await.text().await.unwrap();
        assert!(second.contains("Store 49") && !second.contains("Store 47"));
        assert!(second.contains("href=\"/?page=1\"") && second.contains("Page 2 of 2"));
    }
);
