//! Branches on both engines: storage round trip, time zones, who may change them, "near me".

use super::{
    geo::Coordinates,
    hours::OpenStatus,
    model::{BranchDraft, BranchInput},
    service::BranchError,
};
use crate::paging::PageRequest;
use crate::{
    db_test,
    identity::model::Principal,
    stores::{model::NewStore, service::StoreError},
    testing::{signed_in, test_services},
    time::Timestamp,
};

fn input(name: &str, postcode: &str, lat: &str, lon: &str) -> BranchInput {
    let mut input = BranchInput {
        name: name.into(),
        street: "1 Main Rd".into(),
        city: "Bangkok".into(),
        postcode: postcode.into(),
        country: "TH".into(),
        latitude: lat.into(),
        longitude: lon.into(),
        time_zone: "Asia/Bangkok".into(),
        exceptions: "2026-12-25 closed".into(),
        ..BranchInput::default()
    };
    for day in 0..7 {
        input.opens[day] = "00:00".into();
        input.closes[day] = "00:00".into();
    }
    input.opens[6] = String::new();
    input.closes[6] = String::new();
    input.opens[5] = "00:00".into();
    input.closes[5] = "23:59".into();
    input
}

fn draft(name: &str, postcode: &str, lat: &str, lon: &str) -> BranchDraft {
    BranchDraft::parse(&input(name, postcode, lat, lon)).expect("valid branch")
}

db_test!(
    async fn branches_round_trip_and_report_their_status(db: Db) {
        let (services, _) = test_services(db);
        let owner = signed_in(&services, "owner@example.com").await;
        let store = services
            .stores
            .create(&owner, NewStore::parse("Kanom", Some("kanom")).unwrap())
            .await
            .unwrap();
        let branches = &services.branches;
        let siam = branches
            .create(
                &owner,
                store.id,
                draft("Siam", "10330", "13.7462", "100.5347"),
            )
            .await
            .unwrap();
        assert_eq!(
            branches.get(&Principal::Anonymous, siam.id).await.unwrap(),
            siam,
            "every field survives storage"
        );

        let mut moved = input("Siam Square", "10330", "13.7450", "100.5340");
        moved.exceptions = String::new();
        let updated = branches
            .update(&owner, siam.id, BranchDraft::parse(&moved).unwrap())
            .await
            .unwrap();
        assert_eq!(
            (
                updated.id,
                updated.name.as_str(),
                updated.hours.exceptions.len()
            ),
            (siam.id, "Siam Square", 0)
        );

        // 2026-11-25 is a Wednesday; 05:00 UTC is noon in Bangkok, inside Wednesday's all-day hours.
        let noon = Timestamp::from_millis(1_795_582_800_000);
        let listed = branches
            .for_store(&Principal::Anonymous, store.id, noon)
            .await
            .unwrap();
        assert_eq!(listed.len(), 1);
        assert!(
            matches!(listed[0].status, OpenStatus::Open { .. }),
            "{:?}",
            listed[0].status
        );
        assert_eq!(listed[0].weekday, 2);
    }
);

db_test!(
    async fn unknown_time_zones_and_strangers_are_refused(db: Db) {
        let (services, _) = test_services(db);
        let owner = signed_in(&services, "owner@example.com").await;
        let stranger = signed_in(&services, "stranger@example.com").await;
        let store = services
            .stores
            .create(&owner, NewStore::parse("Kanom", Some("kanom")).unwrap())
            .await
            .unwrap();
        let mut mars = input("Olympus", "1", "1", "1");
        mars.time_zone = "Mars/Olympus_Mons".into();
        let refused = services
            .branches
            .create(&owner, store.id, BranchDraft::parse(&mars).unwrap())
            .await;
        assert!(matches!(refused, Err(BranchError::UnknownTimeZone)));
        for who in [Principal::Anonymous, stranger] {
            let result = services
                .branches
                .create(&who, store.id, draft("Sneaky", "1", "1", "1"))
                .await;
            assert!(matches!(
                result,
                Err(BranchError::Store(
                    StoreError::Unauthenticated | StoreError::Forbidden
                ))
            ));
        }
        assert!(
            services
                .branches
                .for_store(&owner, store.id, Timestamp::now())
                .await
                .unwrap()
                .is_empty(),
            "nothing stored"
        );
    }
);

db_test!(
    async fn the_nearest_branch_comes_first(db: Db) {
        let (services, _) = test_services(db);
        let owner = signed_in(&services, "owner@example.com").await;
        let store = services
            .stores
            .create(&owner, NewStore::parse("Kanom", Some("kanom")).unwrap())
            .await
            .unwrap();
        let branches = &services.branches;
        branches
            .create(
                &owner,
                store.id,
                draft("Chiang Mai", "50200", "18.7883", "98.9853"),
            )
            .await
            .unwrap();
        branches
            .create(
                &owner,
                store.id,
                draft("Asok", "10110", "13.7370", "100.5603"),
            )
            .await
            .unwrap();
        branches
            .create(
                &owner,
                store.id,
                draft("Siam", "10330", "13.7462", "100.5347"),
            )
            .await
            .unwrap();

        let near_siam = Coordinates::parse("13.7465", "100.5320").unwrap();
        let all = PageRequest::new(None, None);
        let found = branches
            .near(
                &Principal::Anonymous,
                near_siam,
                None,
                Timestamp::now(),
                all,
            )
            .await
            .unwrap()
            .items;
        let names: Vec<_> = found.iter().map(|b| b.branch.name.as_str()).collect();
        assert_eq!(names, ["Siam", "Asok", "Chiang Mai"]);
        assert!(found[0].distance_m.unwrap() < 500);
        let second = PageRequest::new(Some(2), Some(2));
        let rest = branches
            .near(
                &Principal::Anonymous,
                near_siam,
                None,
                Timestamp::now(),
                second,
            )
            .await
            .unwrap();
        assert_eq!(rest.items.len(), 1, "the farthest, on a page of its own");
        assert_eq!(rest.items[0].branch.name.as_str(), "Chiang Mai");
        let by_name = branches
            .all(&Principal::Anonymous, Timestamp::now(), second)
            .await
            .unwrap();
        assert_eq!((by_name.total, by_name.items.len()), (3, 1));
        assert_eq!(by_name.items[0].branch.name.as_str(), "Siam");

        let located = branches
            .locate_place(&Principal::Anonymous, "50200")
            .await
            .unwrap()
            .unwrap();
        let from_chiang_mai = branches
            .near(&Principal::Anonymous, located, None, Timestamp::now(), all)
            .await
            .unwrap();
        assert_eq!(from_chiang_mai.items[0].branch.name.as_str(), "Chiang Mai");
        assert!(
            branches
                .locate_place(&Principal::Anonymous, "Atlantis")
                .await
                .unwrap()
                .is_none()
        );
    }
);
