//! /api/v1 products over HTTP: the catalogue, search, and bad input.

use crate::support::TestApp;
use app::db_test;
use reqwest::StatusCode;
use serde_json::{Value, json};

db_test!(
    async fn owners_manage_products_over_the_api(db: Db) {
        let app = TestApp::spawn(db).await;
        let owner = app.bearer("owner@example.com").await;
        let post = |path: &str, body: Value| {
            app.client
                .post(app.url(path))
                .header("authorization", &owner)
                .json(&body)
                .send()
        };
        assert_eq!(
            post("/api/v1/stores", json!({ "name": "Kanom Bakery" }))
                .await
                .unwrap()
                .status(),
            StatusCode::CREATED
        );

        let created = post("/api/v1/stores/kanom-bakery/products", json!({
        "sku": "cr-1", "name": "Butter croissant", "description": "Flaky", "price": "45.50", "currency": "THB"
    })).await.unwrap();
        assert_eq!(created.status(), StatusCode::CREATED);
        let product: Value = created.json().await.unwrap();
        assert_eq!(product["sku"], "CR-1");
        assert_eq!(
            product["price"],
            json!({ "minor": 4550, "currency": "THB" })
        );
        let id = product["id"].as_str().unwrap().to_owned();

        let listed: Value = app
            .client
            .get(app.url("/api/v1/stores/kanom-bakery/products?per_page=10"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            (listed["total"].as_u64(), listed["per_page"].as_u64()),
            (Some(1), Some(10))
        );

        let found: Value = app
            .client
            .get(app.url("/api/v1/products/search?q=croiss"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(found.as_array().unwrap().len(), 1);

        let archived = post(&format!("/api/v1/products/{id}/archive"), json!(null)).await;
        assert_eq!(archived.unwrap().status(), StatusCode::OK);
        let hidden = app
            .client
            .get(app.url(&format!("/api/v1/products/{id}")))
            .send()
            .await
            .unwrap();
        assert_eq!(
            hidden.status(),
            StatusCode::NOT_FOUND,
            "archived products are hidden from shoppers"
        );
        let stranger = app.bearer("stranger@example.com").await;
        let refused = app
            .client
            .post(app.url(&format!("/api/v1/products/{id}/restore")))
            .header("authorization", &stranger)
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    }
);

db_test!(
    async fn bad_product_input_is_refused_and_nothing_is_stored(db: Db) {
        let app = TestApp::spawn(db).await;
        let owner = app.bearer("owner@example.com").await;
        app.client
            .post(app.url("/api/v1/stores"))
            .header("authorization", &owner)
            .json(&json!({ "name": "Kanom" }))
            .send()
            .await
            .unwrap();
        let url = app.url("/api/v1/stores/kanom/products");
        let cases = [
            (
                json!({ "sku": "A", "name": "Cake", "price": "10", "currency": "XYZ" }),
                "currency",
            ),
            (
                json!({ "sku": "A", "name": "Cake", "price": "99999999999999999999", "currency": "USD" }),
                "price",
            ),
            (
                json!({ "sku": "A", "name": "Cake", "price": "10.001", "currency": "USD" }),
                "price",
            ),
            (
                json!({ "sku": "A", "name": "Cake", "price": "-5", "currency": "USD" }),
                "price",
            ),
            (
                json!({ "sku": "A", "name": "Cake", "price": "1.5", "currency": "JPY" }),
                "price",
            ),
            (
                json!({ "sku": "A B", "name": "Cake", "price": "10", "currency": "USD" }),
                "sku",
            ),
        ];
        for (body, field) in cases {
            let response = app
                .client
                .post(&url)
                .header("authorization", &owner)
                .json(&body)
                .send()
                .await
                .unwrap();
            assert_eq!(
                response.status(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "{body}"
            );
            let problem: Value = response.json().await.unwrap();
            assert_eq!(problem["errors"][0]["field"], field, "{body}");
        }
        let float = app
            .client
            .post(&url)
            .header("authorization", &owner)
            .json(&json!({ "sku": "A", "name": "Cake", "price": 10.5, "currency": "USD" }))
            .send()
            .await
            .unwrap();
        assert_eq!(
            float.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "a float price is refused"
        );
        let listed: Value = app
            .client
            .get(&url)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(listed["total"], 0);
    }
);
