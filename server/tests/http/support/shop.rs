//! A store with one product and one branch in Bangkok, made over the REST API by its owner.

use super::TestApp;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// "2030-01-07T10:00:00"-style text for an instant, on Bangkok's clock (UTC+7, no DST).
pub fn bangkok(at_ms: i64) -> String {
    let at = time::OffsetDateTime::from_unix_timestamp(at_ms / 1000 + 7 * 3600).unwrap();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

pub struct Shop {
    pub owner: String,
    pub product: String,
    pub branch: String,
}

pub async fn shop(app: &TestApp) -> Shop {
    let owner = app.bearer("owner@example.com").await;
    let post = |path: &'static str, body: Value| {
        let request = app
            .client
            .post(app.url(path))
            .header("authorization", &owner)
            .json(&body);
        async move {
            let response = request.send().await.unwrap();
            assert_eq!(response.status(), StatusCode::CREATED, "{path}");
            response.json::<Value>().await.unwrap()
        }
    };
    post("/api/v1/stores", json!({ "name": "Kanom" })).await;
    let product = post(
        "/api/v1/stores/kanom/products",
        json!({ "sku": "CRO-1", "name": "Croissant", "description": "", "price": "95", "currency": "THB" }),
    )
    .await;
    let branch = post(
        "/api/v1/stores/kanom/branches",
        json!({
            "name": "Siam", "street": "991 Rama I Rd", "city": "Bangkok", "postcode": "10330", "country": "TH",
            "latitude": "13.7462", "longitude": "100.5347", "time_zone": "Asia/Bangkok",
            "opens": ["09:00", "09:00", "09:00", "09:00", "09:00", "09:00", "09:00"],
            "closes": ["21:00", "21:00", "21:00", "21:00", "21:00", "21:00", "21:00"],
            "exceptions": ""
        }),
    )
    .await;
    Shop {
        owner,
        product: product["id"].as_str().unwrap().to_owned(),
        branch: branch["id"].as_str().unwrap().to_owned(),
    }
}

/// An open drop (opened a minute ago) with one slot of `capacity` places on 2030-01-07 at 10:00
/// Bangkok time, published; answers (drop id, slot id).
pub async fn open_drop(app: &TestApp, shop: &Shop, capacity: u32) -> (String, String) {
    let now = app::time::Timestamp::now().as_millis();
    drop_opening_at(app, shop, now - 60_000, capacity).await
}

/// A published drop opening at `opens_ms`, for an hour, with one slot of `capacity` places on
/// 2030-01-07 at 10:00 Bangkok time; answers (drop id, slot id).
pub async fn drop_opening_at(
    app: &TestApp,
    shop: &Shop,
    opens_ms: i64,
    capacity: u32,
) -> (String, String) {
    let auth = Some(shop.owner.as_str());
    let created: Value = app
        .post_json("/api/v1/stores/kanom/drops", auth, &json!({
            "name": "Croissant Friday", "time_zone": "Asia/Bangkok",
            "opens_at": bangkok(opens_ms), "closes_at": bangkok(opens_ms + 3_600_000), "products": [shop.product]
        }))
        .await
        .json()
        .await
        .unwrap();
    let id = created["drop"]["id"].as_str().unwrap().to_owned();
    let added = app
        .post_json(&format!("/api/v1/drops/{id}/slots"), auth, &json!({
            "branch_id": shop.branch, "first_day": "2030-01-07", "last_day": "2030-01-07",
            "daily_from": "10:00", "daily_until": "10:30", "slot_minutes": "30", "capacity": capacity.to_string()
        }))
        .await;
    assert_eq!(added.status(), StatusCode::CREATED);
    let published = app
        .post_json(&format!("/api/v1/drops/{id}/publish"), auth, &json!({}))
        .await;
    assert_eq!(published.status(), StatusCode::OK);
    let slots: Value = app
        .client
        .get(app.url(&format!("/api/v1/drops/{id}/slots")))
        // Before the opening only the owners see the slots.
        .header("authorization", &shop.owner)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let slot = slots[0]["slot"]["id"].as_str().unwrap().to_owned();
    (id, slot)
}
