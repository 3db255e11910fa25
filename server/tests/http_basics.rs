//! Probes, request ids and page status codes over real HTTP.

mod support;

use app::db_test;
use support::TestApp;

db_test!(
    async fn probes_answer(db: Db) {
        let app = TestApp::spawn(db).await;
        let health = app.client.get(app.url("/healthz")).send().await.unwrap();
        assert_eq!(health.status(), 200);
        assert_eq!(health.text().await.unwrap(), "ok");
        let ready = app.client.get(app.url("/readyz")).send().await.unwrap();
        assert_eq!(ready.status(), 200);
    }
);

db_test!(
    async fn every_response_carries_a_request_id(db: Db) {
        let app = TestApp::spawn(db).await;
        let generated = app.client.get(app.url("/healthz")).send().await.unwrap();
        let id = generated
            .headers()
            .get("x-request-id")
            .expect("an id is generated")
            .to_str()
            .unwrap()
            .to_owned();
        assert_eq!(id.len(), 36, "a UUID: {id}");
        let given = app
            .client
            .get(app.url("/healthz"))
            .header("x-request-id", "trace-me-42")
            .send()
            .await
            .unwrap();
        assert_eq!(
            given.headers()["x-request-id"],
            "trace-me-42",
            "a caller's id is kept"
        );
    }
);

db_test!(
    async fn pages_render_on_the_server_with_the_right_status(db: Db) {
        let app = TestApp::spawn(db).await;
        let owner = app.bearer("owner@example.com").await;
        app.client
            .post(app.url("/api/v1/stores"))
            .header("authorization", &owner)
            .json(&serde_json::json!({ "name": "Kanom Bakery" }))
            .send()
            .await
            .unwrap();

        let store = app
            .client
            .get(app.url("/s/kanom-bakery"))
            .send()
            .await
            .unwrap();
        assert_eq!(store.status(), 200);
        let html = store.text().await.unwrap();
        assert!(html.contains("<h1>Kanom Bakery</h1>"), "{html}");
        assert!(
            html.contains("Kanom Bakery · DropSlot"),
            "the title names the store"
        );

        let home = app
            .client
            .get(app.url("/"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            home.contains("/s/kanom-bakery"),
            "the directory links the store"
        );

        let unknown_store = app
            .client
            .get(app.url("/s/no-such-store"))
            .send()
            .await
            .unwrap();
        assert_eq!(unknown_store.status(), 404);
        let unknown_page = app
            .client
            .get(app.url("/no/such/page"))
            .send()
            .await
            .unwrap();
        assert_eq!(unknown_page.status(), 404);
        assert!(
            unknown_page
                .text()
                .await
                .unwrap()
                .contains("There is no page at this address.")
        );
    }
);
