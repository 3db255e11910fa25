//! Drops over HTTP: the REST flow from draft to open with RFC 7807 errors for bad input, and
//! the editor's form posts (checkbox lists) through the server functions.

use crate::support::{
    TestApp, problem,
    shop::{bangkok, shop},
};
use app::{
    db_test,
    drops::api::{SaveDrop, ScheduleSlots},
    time::Timestamp,
};
use leptos::server_fn::ServerFn;
use reqwest::StatusCode;
use serde_json::{Value, json};

db_test!(
    async fn owners_build_and_publish_drops_over_the_api(db: Db) {
        let app = TestApp::spawn(db).await;
        let shop = shop(&app).await;
        let auth = shop.owner.as_str();
        let now = Timestamp::now().as_millis();
        let (opens, closes) = (now - 60_000, now + 3_600_000);

        // A closing before the opening: 422, field named, nothing stored.
        let bad = app
            .post_json("/api/v1/stores/kanom/drops", Some(auth), &json!({
                "name": "Croissant Friday", "time_zone": "Asia/Bangkok",
                "opens_at": bangkok(closes), "closes_at": bangkok(opens), "products": [shop.product]
            }))
            .await;
        let body = problem(bad, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(body["errors"][0]["field"], "closes_at", "{body}");

        let created = app
            .post_json("/api/v1/stores/kanom/drops", Some(auth), &json!({
                "name": "Croissant Friday", "time_zone": "Asia/Bangkok",
                "opens_at": bangkok(opens), "closes_at": bangkok(closes), "products": [shop.product]
            }))
            .await;
        assert_eq!(created.status(), StatusCode::CREATED);
        let drop: Value = created.json().await.unwrap();
        let id = drop["drop"]["id"].as_str().unwrap().to_owned();
        assert_eq!(drop["status"], "draft");
        assert_eq!(
            drop["drop"]["rules"]["hold_seconds"], 300,
            "default rules when none are sent"
        );

        for (schedule, field) in [
            (json!({ "slot_minutes": "0" }), "slot_minutes"),
            (json!({ "capacity": "0" }), "capacity"),
            (json!({ "capacity": "-3" }), "capacity"),
            (json!({ "capacity": "1000000" }), "capacity"),
        ] {
            let mut body = json!({
                "branch_id": shop.branch, "first_day": "2030-01-07", "last_day": "2030-01-07",
                "daily_from": "10:00", "daily_until": "11:00", "slot_minutes": "30", "capacity": "5"
            });
            body.as_object_mut()
                .unwrap()
                .extend(schedule.as_object().unwrap().clone());
            let response = app
                .post_json(&format!("/api/v1/drops/{id}/slots"), Some(auth), &body)
                .await;
            let problem = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
            assert_eq!(problem["errors"][0]["field"], field, "{problem}");
        }
        let schedule = json!({
            "branch_id": shop.branch, "first_day": "2030-01-07", "last_day": "2030-01-07",
            "daily_from": "10:00", "daily_until": "11:00", "slot_minutes": "30", "capacity": "5"
        });
        let preview: Value = app
            .post_json(
                &format!("/api/v1/drops/{id}/slots/preview"),
                Some(auth),
                &schedule,
            )
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(preview.as_array().unwrap().len(), 2);
        assert_eq!(preview[0]["local"]["start"], "10:00");
        let added = app
            .post_json(&format!("/api/v1/drops/{id}/slots"), Some(auth), &schedule)
            .await;
        assert_eq!(added.status(), StatusCode::CREATED);
        assert_eq!(added.json::<Value>().await.unwrap()["added"], 2);

        let shopper = app.bearer("shopper@example.com").await;
        let hidden = app
            .client
            .get(app.url(&format!("/api/v1/drops/{id}")))
            .header("authorization", &shopper)
            .send()
            .await
            .unwrap();
        problem(hidden, StatusCode::NOT_FOUND).await;

        let published = app
            .post_json(
                &format!("/api/v1/drops/{id}/publish"),
                Some(auth),
                &json!({}),
            )
            .await;
        assert_eq!(published.status(), StatusCode::OK);
        assert_eq!(
            published.json::<Value>().await.unwrap()["status"],
            "open",
            "its opening has passed"
        );
        let again = app
            .post_json(
                &format!("/api/v1/drops/{id}/publish"),
                Some(auth),
                &json!({}),
            )
            .await;
        let body = problem(again, StatusCode::CONFLICT).await;
        assert_eq!(
            body["detail"], "a drop that is open cannot be published",
            "{body}"
        );

        let slots: Value = app
            .client
            .get(app.url(&format!("/api/v1/drops/{id}/slots")))
            .header("authorization", &shopper)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let slot = slots[0]["slot"]["id"].as_str().unwrap();
        let lowered = app
            .client
            .patch(app.url(&format!("/api/v1/drops/{id}/slots/{slot}")))
            .header("authorization", auth)
            .json(&json!({ "capacity": 0 }))
            .send()
            .await
            .unwrap();
        problem(lowered, StatusCode::UNPROCESSABLE_ENTITY).await;
        let raised = app
            .client
            .patch(app.url(&format!("/api/v1/drops/{id}/slots/{slot}")))
            .header("authorization", auth)
            .json(&json!({ "capacity": 8 }))
            .send()
            .await
            .unwrap();
        assert_eq!(raised.status(), StatusCode::NO_CONTENT);
        let removal = app
            .client
            .delete(app.url(&format!("/api/v1/drops/{id}/slots/{slot}")))
            .header("authorization", auth)
            .send()
            .await
            .unwrap();
        problem(removal, StatusCode::CONFLICT).await;

        let listed: Value = app
            .client
            .get(app.url("/api/v1/stores/kanom/drops"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            listed.as_array().unwrap().len(),
            1,
            "shoppers see the open drop"
        );
        let page = app
            .client
            .get(app.url(&format!("/d/{id}")))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), StatusCode::OK);
        let html = page.text().await.unwrap();
        assert!(
            html.contains("Croissant Friday") && html.contains("5 of 5 left"),
            "the drop page lists its open slots"
        );
        let store_page = app
            .client
            .get(app.url("/s/kanom"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            store_page.contains(&format!("/d/{id}")),
            "the store page links its drop"
        );
    }
);

db_test!(
    async fn the_editor_forms_post_checkbox_lists(db: Db) {
        let app = TestApp::spawn(db).await;
        let shop = shop(&app).await;
        let cookie = app.sign_in("owner@example.com", None).await;
        let created = app
            .post_json(
                "/api/v1/stores/kanom/drops",
                Some(&shop.owner),
                &json!({ "name": "Gallery preview", "time_zone": "Asia/Bangkok" }),
            )
            .await
            .json::<Value>()
            .await
            .unwrap();
        let id = created["drop"]["id"].as_str().unwrap().to_owned();
        let saved = app
            .server_fn(
                SaveDrop::PATH,
                &[
                    ("drop_id", &id),
                    ("name", "Gallery preview"),
                    ("description", "Members first"),
                    ("time_zone", "Asia/Bangkok"),
                    ("opens_at", "2030-01-06T10:00"),
                    ("closes_at", "2030-01-06T18:00:30"),
                    ("reservations_per_person", "2"),
                    ("units_per_reservation", "1"),
                    ("hold_minutes", "10"),
                    ("deposit", ""),
                    ("booking_cutoff_minutes", "0"),
                    ("cancellation_window_minutes", "120"),
                    ("access_codes_required", "on"),
                    ("products[3]", &shop.product),
                ],
                Some(&cookie),
            )
            .await;
        assert_eq!(
            saved.status(),
            StatusCode::OK,
            "{}",
            saved.text().await.unwrap()
        );
        let drop: Value = saved.json().await.unwrap();
        assert_eq!(
            drop["products"][0],
            shop.product.as_str(),
            "an indexed checkbox with gaps arrives"
        );
        assert_eq!(drop["rules"]["eligibility"], "access_code");

        let schedule = |preview: bool| {
            let mut form = vec![
                ("drop_id", id.clone()),
                ("branch_id", shop.branch.clone()),
                ("first_day", "2030-01-07".into()),
                ("last_day", "2030-01-13".into()),
                ("daily_from", "10:00".into()),
                ("daily_until", "12:00".into()),
                ("slot_minutes", "60".into()),
                ("capacity", "10".into()),
                ("weekdays[5]", "5".into()),
                ("weekdays[6]", "6".into()),
            ];
            if preview {
                form.push(("preview", "1".into()));
            }
            form
        };
        let as_pairs = |form: &[(&'static str, String)]| {
            form.iter()
                .map(|(k, v)| (*k, v.clone()))
                .collect::<Vec<_>>()
        };
        let preview_form = as_pairs(&schedule(true));
        let preview_refs: Vec<(&str, &str)> =
            preview_form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let preview: Value = app
            .server_fn(ScheduleSlots::PATH, &preview_refs, Some(&cookie))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            preview["Preview"].as_array().unwrap().len(),
            4,
            "weekend days only: {preview}"
        );
        let add_form = as_pairs(&schedule(false));
        let add_refs: Vec<(&str, &str)> = add_form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let added: Value = app
            .server_fn(ScheduleSlots::PATH, &add_refs, Some(&cookie))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(added["Added"], 4);
    }
);

db_test!(
    async fn a_scheduled_drops_slots_are_hidden_from_shoppers_until_it_opens(db: Db) {
        let app = TestApp::spawn(db).await;
        let shop = shop(&app).await;
        let owner = Some(shop.owner.as_str());
        let id = drop_in_an_hour(&app, &shop, "Sneaker Saturday").await;
        let added = app
            .post_json(&format!("/api/v1/drops/{id}/slots"), owner, &json!({
                "branch_id": shop.branch, "first_day": "2030-01-07", "last_day": "2030-01-07",
                "daily_from": "10:00", "daily_until": "10:30", "slot_minutes": "30", "capacity": "5"
            }))
            .await;
        assert_eq!(added.status(), StatusCode::CREATED);
        let published = app
            .post_json(&format!("/api/v1/drops/{id}/publish"), owner, &json!({}))
            .await;
        assert_eq!(published.status(), StatusCode::OK);

        let slots_as = |auth: Option<String>| {
            let mut request = app
                .client
                .get(app.url(&format!("/api/v1/drops/{id}/slots")));
            if let Some(auth) = auth {
                request = request.header("authorization", auth);
            }
            async move {
                request
                    .send()
                    .await
                    .unwrap()
                    .json::<Vec<Value>>()
                    .await
                    .unwrap()
            }
        };
        assert!(slots_as(None).await.is_empty(), "anonymous");
        let shopper = app.bearer("ann@example.com").await;
        assert!(slots_as(Some(shopper)).await.is_empty(), "a shopper");
        assert_eq!(
            slots_as(Some(shop.owner.clone())).await.len(),
            1,
            "the owner"
        );
    }
);

db_test!(
    async fn access_codes_are_made_for_the_owner_or_long_enough_to_resist_guessing(db: Db) {
        let app = TestApp::spawn(db).await;
        let shop = shop(&app).await;
        let owner = Some(shop.owner.as_str());
        let id = drop_in_an_hour(&app, &shop, "Early birds").await;
        let codes = format!("/api/v1/drops/{id}/access-codes");
        let made = app
            .post_json(&codes, owner, &json!({ "max_uses": 3 }))
            .await;
        assert_eq!(made.status(), StatusCode::CREATED);
        let made: Value = made.json().await.unwrap();
        assert_eq!(made["code"].as_str().unwrap().len(), 14, "{made}");
        let short = app
            .post_json(&codes, owner, &json!({ "code": "vip1" }))
            .await;
        let short = problem(short, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(short["errors"][0]["field"], "code");
        let chosen = app
            .post_json(&codes, owner, &json!({ "code": "friends-of-kanom" }))
            .await;
        assert_eq!(chosen.status(), StatusCode::CREATED);
    }
);

/// A draft drop opening in an hour, made over the API by the shop's owner; answers its id.
async fn drop_in_an_hour(app: &TestApp, shop: &crate::support::shop::Shop, name: &str) -> String {
    let now = Timestamp::now().as_millis();
    let created: Value = app
        .post_json(
            "/api/v1/stores/kanom/drops",
            Some(&shop.owner),
            &json!({
                "name": name, "time_zone": "Asia/Bangkok",
                "opens_at": bangkok(now + 3_600_000),
                "closes_at": bangkok(now + 7_200_000),
                "products": [shop.product]
            }),
        )
        .await
        .json()
        .await
        .unwrap();
    created["drop"]["id"].as_str().unwrap().to_owned()
}
