//! Public pages served from a copy to people not signed in: a copy is at most a second old, it
//! is never a signed-in person's page, and a booking is decided by the engine whatever the copy
//! showed.

use crate::support::{
    TestApp,
    shop::{open_drop, shop},
};
use app::db_test;
use reqwest::{StatusCode, header};
use serde_json::json;
use std::time::Duration;

async fn page_text(app: &TestApp, path: &str, cookie: Option<&str>) -> (String, String) {
    let mut request = app.client.get(app.url(path));
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let cache_control = response
        .headers()
        .get(header::CACHE_CONTROL)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (cache_control, response.text().await.unwrap())
}

db_test!(
    async fn a_copy_never_outlives_a_second_nor_books_what_the_engine_refuses(db: Db) {
        let app = TestApp::spawn(db).await;
        let shop = shop(&app).await;
        let (drop, slot) = open_drop(&app, &shop, 1).await;
        let path = format!("/d/{drop}");
        let (cache_control, before) = page_text(&app, &path, None).await;
        assert_eq!(cache_control, "public, max-age=1, stale-while-revalidate=4");
        assert!(before.contains("1 of 1 left"), "{before}");

        let book = |who: String| {
            app.client
                .post(app.url("/api/v1/reservations"))
                .header("authorization", who)
                .json(&json!({ "slot_id": slot }))
                .send()
        };
        let first = app.bearer("first@example.com").await;
        assert_eq!(book(first).await.unwrap().status(), StatusCode::CREATED);
        // The copy may still show the place for the rest of its second; the engine does not.
        let second = app.bearer("second@example.com").await;
        assert_eq!(book(second).await.unwrap().status(), StatusCode::CONFLICT);

        tokio::time::sleep(Duration::from_millis(1_100)).await;
        let (_, after) = page_text(&app, &path, None).await;
        assert!(!after.contains("1 of 1 left"), "{after}");
        assert!(after.contains("Sold out"), "{after}");
    }
);

db_test!(
    async fn a_signed_in_page_is_never_a_shared_copy(db: Db) {
        let app = TestApp::spawn(db).await;
        let shop = shop(&app).await;
        let (drop, _) = open_drop(&app, &shop, 5).await;
        let path = format!("/d/{drop}");
        let (_, anonymous) = page_text(&app, &path, None).await;
        app.bearer("ploy@example.com").await;
        let session = app.sign_in("ploy@example.com", None).await;
        let (cache_control, signed_in) = page_text(&app, &path, Some(&session)).await;
        assert_eq!(cache_control, "private, no-store");
        assert!(
            signed_in.contains("book_slot"),
            "the signed-in page has booking forms"
        );
        assert!(
            !anonymous.contains("book_slot"),
            "the anonymous copy has none"
        );
        let (_, thai) = page_text(&app, &path, Some("lang=th")).await;
        assert!(thai.contains("lang=\"th\""), "a copy per language");
    }
);
