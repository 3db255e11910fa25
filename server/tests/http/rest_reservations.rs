//! Booking over HTTP: idempotent retries, per-person limits, a full slot, cancelling, and
//! RFC 7807 answers for bad input.

use crate::support::{
    TestApp, problem,
    shop::{open_drop, shop},
};
use app::db_test;
use reqwest::StatusCode;
use serde_json::{Value, json};

db_test!(
    async fn a_thai_page_is_refused_a_full_slot_in_thai(db: Db) {
        let app = TestApp::spawn(db).await;
        let shop = shop(&app).await;
        let (_, slot) = open_drop(&app, &shop, 1).await;
        let first = app.bearer("first@example.com").await;
        let booked = app
            .client
            .post(app.url("/api/v1/reservations"))
            .header("authorization", first)
            .json(&json!({ "slot_id": slot }))
            .send()
            .await
            .unwrap();
        assert_eq!(booked.status(), StatusCode::CREATED);
        app.bearer("second@example.com").await;
        let session = app.sign_in("second@example.com", None).await;
        let path = <app::reservations::api::BookSlot as leptos::server_fn::ServerFn>::PATH;
        let form = [
            ("slot_id", slot.as_str()),
            ("units", "1"),
            ("form_token", "thai-page"),
        ];
        let in_thai = app
            .server_fn(path, &form, Some(&format!("{session}; lang=th")))
            .await;
        assert_eq!(in_thai.status(), StatusCode::CONFLICT);
        let refusal: Value = in_thai.json().await.unwrap();
        assert_eq!(refusal["message"], "รอบนี้เต็มแล้ว", "{refusal}");
        let in_english = app.server_fn(path, &form, Some(&session)).await;
        let refusal: Value = in_english.json().await.unwrap();
        assert_eq!(refusal["message"], "This slot is full.", "{refusal}");
    }
);

db_test!(
    async fn shoppers_book_over_the_api_and_retries_book_once(db: Db) {
        let app = TestApp::spawn(db).await;
        let shop = shop(&app).await;
        let (_, slot) = open_drop(&app, &shop, 1).await;
        let first = app.bearer("first@example.com").await;
        let second = app.bearer("second@example.com").await;
        let book = |auth: String, key: &'static str, body: Value| {
            let request = app
                .client
                .post(app.url("/api/v1/reservations"))
                .header("authorization", auth)
                .header("idempotency-key", key)
                .json(&body);
            async move { request.send().await.unwrap() }
        };

        let anonymous = app
            .post_json("/api/v1/reservations", None, &json!({ "slot_id": slot }))
            .await;
        assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
        let bad = book(first.clone(), "k", json!({ "slot_id": "nope" })).await;
        problem(bad, StatusCode::UNPROCESSABLE_ENTITY).await;

        let booked = book(first.clone(), "order-1", json!({ "slot_id": slot })).await;
        assert_eq!(booked.status(), StatusCode::CREATED);
        let booked: Value = booked.json().await.unwrap();
        assert_eq!(
            booked["status"], "confirmed",
            "no deposit: confirmed at once"
        );
        let retried: Value = book(first.clone(), "order-1", json!({ "slot_id": slot }))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            retried["id"], booked["id"],
            "the retry answers the first booking"
        );

        let full = book(second.clone(), "order-2", json!({ "slot_id": slot })).await;
        let full = problem(full, StatusCode::CONFLICT).await;
        assert_eq!(full["detail"], "This slot is full.");
        assert_eq!(full["type"], "urn:dropslot:problem:res-err-full");

        let mine: Value = app
            .client
            .get(app.url("/api/v1/reservations"))
            .header("authorization", &first)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(mine.as_array().unwrap().len(), 1);
        let id = booked["id"].as_str().unwrap();
        let first_cookie = app.sign_in("first@example.com", None).await;
        let png = app
            .client
            .get(app.url(&format!("/reservations/{id}/ticket.png")))
            .header("cookie", &first_cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(png.status(), StatusCode::OK);
        assert_eq!(png.headers()["content-type"], "image/png");
        assert!(png.bytes().await.unwrap().starts_with(b"\x89PNG"));
        let second_cookie = app.sign_in("second@example.com", None).await;
        let theirs = app
            .client
            .get(app.url(&format!("/reservations/{id}/ticket.png")))
            .header("cookie", &second_cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(
            theirs.status(),
            StatusCode::NOT_FOUND,
            "nobody else's ticket"
        );
        let hidden = app
            .client
            .get(app.url(&format!("/api/v1/reservations/{id}")))
            .header("authorization", &second)
            .send()
            .await
            .unwrap();
        assert_eq!(
            hidden.status(),
            StatusCode::NOT_FOUND,
            "nobody else's reservations"
        );
        let cancelled = app
            .post_json(
                &format!("/api/v1/reservations/{id}/cancel"),
                Some(&first),
                &json!({}),
            )
            .await;
        assert_eq!(cancelled.status(), StatusCode::OK);
        let now_free = book(second, "order-3", json!({ "slot_id": slot })).await;
        assert_eq!(
            now_free.status(),
            StatusCode::CREATED,
            "the cancelled place is free again"
        );
    }
);

db_test!(
    async fn the_door_redeems_a_ticket_once_over_the_api(db: Db) {
        let app = TestApp::spawn(db).await;
        let shop = shop(&app).await;
        let (_, slot) = open_drop(&app, &shop, 4).await;
        let shopper = app.bearer("shopper@example.com").await;
        let booked: Value = app
            .post_json(
                "/api/v1/reservations",
                Some(&shopper),
                &json!({ "slot_id": slot }),
            )
            .await
            .json()
            .await
            .unwrap();
        let id = booked["id"].as_str().unwrap();
        let cookie = app.sign_in("shopper@example.com", None).await;
        let svg_page = app
            .client
            .get(app.url("/reservations"))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            svg_page.contains("<svg"),
            "My reservations shows the QR code"
        );
        let account = app
            .services
            .identity
            .authenticate("shopper@example.com", crate::support::PASSWORD, None)
            .await
            .unwrap();
        let principal = app::identity::model::Principal::User {
            id: account.id,
            is_platform_admin: false,
            email_verified: true,
        };
        let ticket = app
            .services
            .reservations
            .ticket(&principal, id.parse().unwrap())
            .await
            .unwrap();

        let scan = json!({ "ticket": ticket, "override_timing": true });
        let by_shopper = app
            .post_json("/api/v1/checkins", Some(&shopper), &scan)
            .await;
        assert_eq!(by_shopper.status(), StatusCode::FORBIDDEN);
        let too_early = app
            .post_json(
                "/api/v1/checkins",
                Some(&shop.owner),
                &json!({ "ticket": ticket }),
            )
            .await;
        assert_eq!(too_early.status(), StatusCode::CONFLICT);
        assert!(
            too_early.json::<Value>().await.unwrap()["detail"]
                .as_str()
                .unwrap()
                .starts_with("Too early")
        );
        let garbage = app
            .post_json(
                "/api/v1/checkins",
                Some(&shop.owner),
                &json!({ "ticket": "not-a-ticket" }),
            )
            .await;
        assert_eq!(garbage.status(), StatusCode::UNPROCESSABLE_ENTITY);

        let (first, second) = tokio::join!(
            app.post_json("/api/v1/checkins", Some(&shop.owner), &scan),
            app.post_json("/api/v1/checkins", Some(&shop.owner), &scan)
        );
        let mut statuses = [first.status(), second.status()];
        statuses.sort();
        assert_eq!(
            statuses,
            [StatusCode::CREATED, StatusCode::CONFLICT],
            "exactly one scan wins"
        );

        // The scanner's server function answers the same as an outcome, from a staff session.
        let owner_cookie = app.sign_in("owner@example.com", None).await;
        let path = <app::reservations::door::api::ScanTicket as leptos::server_fn::ServerFn>::PATH;
        let drop_id = booked["drop_id"].as_str().unwrap();
        let form = [
            ("drop_id", drop_id),
            ("ticket", ticket.as_str()),
            ("device", "0190f1a6-0000-7000-8000-000000000001"),
            ("override_timing", "true"),
        ];
        let by_page = app.server_fn(path, &form, Some(&owner_cookie)).await;
        assert_eq!(by_page.status(), StatusCode::OK);
        let outcome: Value = by_page.json().await.unwrap();
        assert!(
            outcome["Refused"]["message"]
                .as_str()
                .unwrap()
                .starts_with("Already checked in at "),
            "{outcome}"
        );
        let shopper_cookie = app.sign_in("shopper@example.com", None).await;
        let not_staff = app.server_fn(path, &form, Some(&shopper_cookie)).await;
        assert_eq!(not_staff.status(), StatusCode::FORBIDDEN);
        let again: Value = app
            .post_json("/api/v1/checkins", Some(&shop.owner), &scan)
            .await
            .json()
            .await
            .unwrap();
        assert!(
            again["detail"]
                .as_str()
                .unwrap()
                .starts_with("Already checked in at "),
            "{again}"
        );
    }
);

db_test!(
    async fn a_full_slot_takes_a_waitlist_over_the_api(db: Db) {
        let app = TestApp::spawn(db).await;
        let shop = shop(&app).await;
        let (_, slot) = open_drop(&app, &shop, 1).await;
        let first = app.bearer("first@example.com").await;
        let second = app.bearer("second@example.com").await;
        let send = |method: Method, path: String, auth: &String, body: Option<Value>| {
            let mut request = app
                .client
                .request(method, app.url(&path))
                .header("authorization", auth);
            if let Some(body) = body {
                request = request.json(&body);
            }
            async move { request.send().await.unwrap() }
        };
        use reqwest::Method;

        // Places are still free: the waitlist refuses, the shopper should book instead.
        let early = send(
            Method::POST,
            "/api/v1/waitlist".into(),
            &second,
            Some(json!({ "slot_id": slot })),
        )
        .await;
        problem(early, StatusCode::CONFLICT).await;
        let booked: Value = send(
            Method::POST,
            "/api/v1/reservations".into(),
            &first,
            Some(json!({ "slot_id": slot })),
        )
        .await
        .json()
        .await
        .unwrap();

        let joined = send(
            Method::POST,
            "/api/v1/waitlist".into(),
            &second,
            Some(json!({ "slot_id": slot })),
        )
        .await;
        assert_eq!(joined.status(), StatusCode::CREATED);
        let entry: Value = joined.json().await.unwrap();
        assert_eq!(entry["position"], 1);
        let again = send(
            Method::POST,
            "/api/v1/waitlist".into(),
            &second,
            Some(json!({ "slot_id": slot })),
        )
        .await;
        assert_eq!(again.status(), StatusCode::CONFLICT);
        let bad = send(
            Method::POST,
            "/api/v1/waitlist".into(),
            &second,
            Some(json!({ "slot_id": slot, "units": 0 })),
        )
        .await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let listed: Value = send(Method::GET, "/api/v1/waitlist".into(), &second, None)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(listed[0]["id"], entry["id"]);

        // The first cancels; once the event is delivered, the place is held for the second.
        let cancelled = send(
            Method::POST,
            format!(
                "/api/v1/reservations/{}/cancel",
                booked["id"].as_str().unwrap()
            ),
            &first,
            None,
        )
        .await;
        assert_eq!(cancelled.status(), StatusCode::OK);
        app.services
            .outbox
            .dispatch_once(app::time::Timestamp::now(), 100)
            .await
            .unwrap();
        let mine: Value = send(Method::GET, "/api/v1/reservations".into(), &second, None)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(mine[0]["status"], "held");
        let offer = mine[0]["id"].as_str().unwrap();
        let stolen = send(
            Method::POST,
            format!("/api/v1/reservations/{offer}/accept"),
            &first,
            None,
        )
        .await;
        assert_eq!(
            stolen.status(),
            StatusCode::NOT_FOUND,
            "only the person offered can take it"
        );
        let accepted: Value = send(
            Method::POST,
            format!("/api/v1/reservations/{offer}/accept"),
            &second,
            None,
        )
        .await
        .json()
        .await
        .unwrap();
        assert_eq!(accepted["status"], "confirmed");

        let third = app.bearer("third@example.com").await;
        let entry: Value = send(
            Method::POST,
            "/api/v1/waitlist".into(),
            &third,
            Some(json!({ "slot_id": slot })),
        )
        .await
        .json()
        .await
        .unwrap();
        let left = send(
            Method::DELETE,
            format!("/api/v1/waitlist/{}", entry["id"].as_str().unwrap()),
            &third,
            None,
        )
        .await;
        assert_eq!(left.status(), StatusCode::NO_CONTENT);
        let gone = send(
            Method::DELETE,
            format!("/api/v1/waitlist/{}", entry["id"].as_str().unwrap()),
            &third,
            None,
        )
        .await;
        assert_eq!(gone.status(), StatusCode::NOT_FOUND);
    }
);

db_test!(
    async fn a_booking_without_a_key_gets_one_and_its_retry_gets_the_booking(db: Db) {
        let app = TestApp::spawn(db).await;
        let shop = shop(&app).await;
        let (_, slot) = open_drop(&app, &shop, 5).await;
        let ann = app.bearer("ann@example.com").await;
        let first = app
            .post_json(
                "/api/v1/reservations",
                Some(&ann),
                &json!({ "slot_id": slot }),
            )
            .await;
        assert_eq!(first.status(), StatusCode::CREATED);
        let key = first.headers()["idempotency-key"]
            .to_str()
            .unwrap()
            .to_owned();
        let booked: Value = first.json().await.unwrap();
        let retry: Value = app
            .client
            .post(app.url("/api/v1/reservations"))
            .header("authorization", &ann)
            .header("idempotency-key", &key)
            .json(&json!({ "slot_id": slot }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            retry["id"], booked["id"],
            "the same booking, not a second one"
        );
    }
);
