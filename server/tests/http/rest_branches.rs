//! /api/v1 branches over HTTP, with the bad input the catalogue must refuse.

use crate::support::TestApp;
use app::db_test;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn branch(name: &str) -> Value {
    json!({
        "name": name, "street": "991 Rama I Rd", "city": "Bangkok", "postcode": "10330", "country": "TH",
        "latitude": "13.7462", "longitude": "100.5347", "time_zone": "Asia/Bangkok",
        "opens": ["09:00", "09:00", "09:00", "09:00", "09:00", "10:00", ""],
        "closes": ["21:00", "21:00", "21:00", "21:00", "02:00", "22:00", ""],
        "exceptions": "2026-12-25 closed"
    })
}

db_test!(
    async fn owners_manage_branches_and_bad_input_stores_nothing(db: Db) {
        let app = TestApp::spawn(db).await;
        let owner = app.bearer("owner@example.com").await;
        app.client
            .post(app.url("/api/v1/stores"))
            .header("authorization", &owner)
            .json(&json!({ "name": "Kanom" }))
            .send()
            .await
            .unwrap();
        let url = app.url("/api/v1/stores/kanom/branches");

        let created = app
            .client
            .post(&url)
            .header("authorization", &owner)
            .json(&branch("Siam"))
            .send()
            .await
            .unwrap();
        assert_eq!(created.status(), StatusCode::CREATED);
        let created: Value = created.json().await.unwrap();
        assert_eq!(
            created["coordinates"],
            json!({ "lat_e6": 13_746_200, "lon_e6": 100_534_700 })
        );

        let mut cases = Vec::new();
        let mut bad = branch("Latitude");
        bad["latitude"] = json!("91");
        cases.push((bad, "latitude"));
        let mut bad = branch("Zone");
        bad["time_zone"] = json!("Mars/Olympus_Mons");
        cases.push((bad, "time_zone"));
        let mut bad = branch("Overlap");
        bad["opens"][5] = json!("01:00");
        cases.push((bad, "hours"));
        let mut bad = branch("Time");
        bad["opens"][0] = json!("25:00");
        cases.push((bad, "hours_mon"));
        let mut bad = branch("Holiday");
        bad["exceptions"] = json!("2026-02-30 closed");
        cases.push((bad, "exceptions"));
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
                "{field}"
            );
            let problem: Value = response.json().await.unwrap();
            assert_eq!(problem["errors"][0]["field"], field);
        }
        let listed: Value = app
            .client
            .get(&url)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            listed.as_array().unwrap().len(),
            1,
            "only the valid branch was stored"
        );
        assert!(listed[0]["status"].is_object());

        let stranger = app.bearer("stranger@example.com").await;
        let id = created["id"].as_str().unwrap();
        let refused = app
            .client
            .patch(app.url(&format!("/api/v1/branches/{id}")))
            .header("authorization", &stranger)
            .json(&branch("Taken"))
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    }
);
