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

fn form_token(page: &str) -> &str {
    let start = page
        .find("name=\"form_token\" value=\"")
        .expect("a booking form")
        + 26;
    &page[start..start + page[start..].find('"').unwrap()]
}

db_test!(
    async fn shoppers_share_a_private_copy_and_the_store_s_people_get_their_own(db: Db) {
        let app = TestApp::spawn(db).await;
        let shop = shop(&app).await;
        let (drop, _) = open_drop(&app, &shop, 5).await;
        let path = format!("/d/{drop}");
        let (_, anonymous) = page_text(&app, &path, None).await;
        assert!(
            !anonymous.contains("book_slot"),
            "no booking form for nobody"
        );

        app.bearer("ploy@example.com").await;
        let ploy = app.sign_in("ploy@example.com", None).await;
        let (cache_control, ploy_page) = page_text(&app, &path, Some(&ploy)).await;
        assert_eq!(cache_control, "private, no-store");
        assert!(!ploy_page.contains("ploy@example.com"), "nothing of hers");
        app.bearer("nok@example.com").await;
        let nok = app.sign_in("nok@example.com", None).await;
        let (_, nok_page) = page_text(&app, &path, Some(&nok)).await;
        assert_eq!(form_token(&ploy_page), form_token(&nok_page), "one copy");

        let owner = app.sign_in("owner@example.com", None).await;
        let (cache_control, owner_page) = page_text(&app, &path, Some(&owner)).await;
        assert_eq!(cache_control, "private, no-store");
        assert!(
            owner_page.contains(&format!("/owner/drops/{drop}")),
            "the edit link"
        );
        assert_ne!(
            form_token(&owner_page),
            form_token(&ploy_page),
            "their own page"
        );

        let (_, thai) = page_text(&app, &path, Some(&format!("{ploy}; lang=th"))).await;
        assert!(thai.contains("lang=\"th\""), "a copy per language");
    }
);

db_test!(
    async fn someone_in_a_line_sees_their_place_not_the_shared_copy(db: Db) {
        let app = TestApp::spawn(db).await;
        let shop = shop(&app).await;
        let (drop, slot) = open_drop(&app, &shop, 1).await;
        let path = format!("/d/{drop}");
        let first = app.bearer("first@example.com").await;
        let booked = app
            .post_json(
                "/api/v1/reservations",
                Some(&first),
                &json!({ "slot_id": slot }),
            )
            .await;
        assert_eq!(booked.status(), StatusCode::CREATED);
        app.bearer("plain@example.com").await;
        let plain = app.sign_in("plain@example.com", None).await;
        let (_, plain_page) = page_text(&app, &path, Some(&plain)).await;
        assert!(!plain_page.contains("in line"), "{plain_page}");

        let waiting = app.bearer("waiting@example.com").await;
        let joined = app
            .post_json(
                "/api/v1/waitlist",
                Some(&waiting),
                &json!({ "slot_id": slot }),
            )
            .await;
        assert_eq!(joined.status(), StatusCode::CREATED);
        let session = app.sign_in("waiting@example.com", None).await;
        let (_, own_page) = page_text(&app, &path, Some(&session)).await;
        assert!(own_page.contains("#1 in line"), "{own_page}");
    }
);

db_test!(
    async fn someone_back_from_booking_sees_their_booking_at_once(db: Db) {
        let app = TestApp::spawn(db).await;
        let shop = shop(&app).await;
        let (drop, slot) = open_drop(&app, &shop, 2).await;
        let path = format!("/d/{drop}");
        app.bearer("ploy@example.com").await;
        let ploy = app.sign_in("ploy@example.com", None).await;
        let (_, before) = page_text(&app, &path, Some(&ploy)).await;
        assert!(before.contains("2 of 2 left"), "{before}");
        let path_of_book = <app::reservations::api::BookSlot as leptos::server_fn::ServerFn>::PATH;
        let form = [
            ("slot_id", slot.as_str()),
            ("units", "1"),
            ("form_token", form_token(&before)),
        ];
        let booked = app.server_fn(path_of_book, &form, Some(&ploy)).await;
        assert_eq!(booked.status(), StatusCode::OK);
        // Within the shared copy's second: her own page, not the copy.
        let (_, after) = page_text(&app, &path, Some(&ploy)).await;
        assert!(after.contains("1 of 2 left"), "{after}");
    }
);
