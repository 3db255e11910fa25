//! Probes, request ids and page status codes over real HTTP.

use crate::support::TestApp;
use app::db_test;

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

db_test!(
    async fn the_browser_bundle_is_sent_gzipped_when_compressed_ahead(db: Db) {
        let site = tempfile::tempdir().unwrap();
        let pkg = site.path().join("pkg");
        std::fs::create_dir(&pkg).unwrap();
        std::fs::write(pkg.join("dropslot.js"), "console.log('plain');").unwrap();
        std::fs::write(pkg.join("dropslot.js.gz"), b"\x1f\x8b gzipped").unwrap();
        std::fs::write(pkg.join("dropslot.js.br"), b"brotli").unwrap();
        std::fs::write(pkg.join("chunk_1.wasm"), b"\0asm").unwrap();
        let config = format!("[server]\nsite_root = \"{}\"\n", site.path().display());
        let app = TestApp::spawn_with(db, &config).await;
        let get = |path: &str, encoding: &str| {
            app.client
                .get(app.url(path))
                .header("accept-encoding", encoding)
                .send()
        };

        let brotli = get("/pkg/dropslot.js", "gzip, br").await.unwrap();
        assert_eq!(brotli.headers()["content-encoding"], "br");
        assert_eq!(brotli.bytes().await.unwrap().as_ref(), b"brotli");

        let gzipped = get("/pkg/dropslot.js", "gzip").await.unwrap();
        assert_eq!(gzipped.status(), 200);
        assert_eq!(gzipped.headers()["content-encoding"], "gzip");
        assert_eq!(gzipped.bytes().await.unwrap().as_ref(), b"\x1f\x8b gzipped");

        let plain = get("/pkg/dropslot.js", "identity").await.unwrap();
        assert!(plain.headers().get("content-encoding").is_none());
        assert_eq!(plain.text().await.unwrap(), "console.log('plain');");

        let uncompressed = get("/pkg/chunk_1.wasm", "gzip").await.unwrap();
        assert_eq!(uncompressed.status(), 200);
        assert!(uncompressed.headers().get("content-encoding").is_none());
        assert_eq!(get("/pkg/missing.js", "gzip").await.unwrap().status(), 404);
    }
);
