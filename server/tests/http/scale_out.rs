//! Three server instances with their own connection pools on one database, booking over HTTP
//! at once: no oversell, no undersell, nobody over the limit, every acknowledged booking stored,
//! and retries answered with the first booking whichever instance they reach.

use crate::support::{
    TestApp,
    shop::{open_drop, shop},
};
use app::{db::testing::another_instance_pool, db_test};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};

const CAPACITY: u32 = 25;
const PEOPLE: usize = 120;
const ATTEMPTS: usize = 500;
/// Everyone here signs in and books from one address, as no real crowd does.
const ONE_ADDRESS: &str = "[limits]\ntoken = { per_address = 1000, per_secs = 60 }\n";

db_test!(
    async fn three_instances_book_one_slot_without_overselling(db: Db) {
        let apps = [
            TestApp::spawn_with(db.clone(), ONE_ADDRESS).await,
            TestApp::spawn_with(another_instance_pool(&db).await, ONE_ADDRESS).await,
            TestApp::spawn_with(another_instance_pool(&db).await, ONE_ADDRESS).await,
        ];
        let shop = shop(&apps[0]).await;
        let (drop, slot) = open_drop(&apps[1], &shop, CAPACITY).await;
        let mut people = Vec::with_capacity(PEOPLE);
        for i in 0..PEOPLE {
            people.push(apps[i % 3].bearer(&format!("p{i}@example.com")).await);
        }

        let mut attempts = Vec::with_capacity(ATTEMPTS);
        for attempt in 0..ATTEMPTS {
            let person = attempt % PEOPLE;
            // Every fifth attempt retries the person's first key, on another instance.
            let key = if attempt % 5 == 0 { 0 } else { attempt };
            let app = &apps[(attempt * 7) % 3];
            let request = app
                .client
                .post(app.url("/api/v1/reservations"))
                .header("authorization", &people[person])
                .header("idempotency-key", format!("k{key}"))
                .json(&json!({ "slot_id": slot }));
            attempts.push(tokio::spawn(async move {
                let response = request.send().await.expect("booking request");
                let status = response.status();
                let body: Value = response.json().await.expect("JSON answer");
                (person, key, status, body)
            }));
        }
        let mut acknowledged: HashMap<usize, HashSet<String>> = HashMap::new();
        let mut first_answers: HashMap<(usize, usize), String> = HashMap::new();
        for attempt in attempts {
            let (person, key, status, body) = attempt.await.unwrap();
            match status {
                StatusCode::CREATED => {
                    let id = body["id"].as_str().unwrap().to_owned();
                    if let Some(first) = first_answers.insert((person, key), id.clone()) {
                        assert_eq!(first, id, "a retry answers the first booking");
                    }
                    acknowledged.entry(person).or_default().insert(id);
                }
                StatusCode::CONFLICT => {
                    let detail = body["detail"].as_str().unwrap_or_default();
                    assert!(
                        detail.contains("full") || detail.contains("as many bookings"),
                        "{detail}"
                    );
                }
                other => panic!("unexpected {other}: {body}"),
            }
        }
        let booked: usize = acknowledged.values().map(HashSet::len).sum();
        assert_eq!(booked, CAPACITY as usize, "no oversell, no undersell");
        assert!(
            acknowledged.values().all(|ids| ids.len() == 1),
            "one booking per person"
        );

        let slots: Value = apps[2]
            .client
            .get(apps[2].url(&format!("/api/v1/drops/{drop}/slots")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(slots[0]["counts"]["confirmed"], CAPACITY);
        assert_eq!(slots[0]["counts"]["held"], 0);
        for (person, ids) in &acknowledged {
            let app = &apps[person % 3];
            let mine: Value = app
                .client
                .get(app.url("/api/v1/reservations"))
                .header("authorization", &people[*person])
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            let stored: HashSet<String> = mine
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["id"].as_str().unwrap().to_owned())
                .collect();
            assert_eq!(&stored, ids, "every acknowledged booking is stored");
        }
    }
);
