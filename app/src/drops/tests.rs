//! Drops on both engines: building a drop, the lifecycle and its events, the clock, capacity
//! edits, access codes, and bad input leaving nothing stored.

use super::{
    model::{AccessCode, Capacity, DropInput, DropStatus, RulesInput, ScheduleInput},
    rules::DropCommand,
    service::DropError,
};
use crate::{
    branches::model::{BranchDraft, BranchId, BranchInput},
    db_test,
    events::{DomainEvent, outbox::StoredEvent},
    i18n::Language,
    identity::model::Principal,
    products::model::{ProductDraft, ProductId},
    services::Services,
    stores::model::{NewStore, StoreId},
    testing::{signed_in, test_services},
    time::{TimeZoneName, Timestamp},
};

pub(crate) struct Fixture {
    pub services: Services,
    pub owner: Principal,
    pub store: StoreId,
    pub branch: BranchId,
    pub product: ProductId,
}

pub(crate) async fn fixture(services: Services) -> Fixture {
    let owner = signed_in(&services, "owner@example.com").await;
    let store = services
        .stores
        .create(&owner, NewStore::parse("Kanom", Some("kanom")).unwrap())
        .await
        .unwrap()
        .id;
    let branch = services
        .branches
        .create(
            &owner,
            store,
            BranchDraft::parse(&branch_input("Siam")).unwrap(),
        )
        .await
        .unwrap()
        .id;
    let product = services
        .products
        .create(
            &owner,
            store,
            ProductDraft::parse("CRO-1", "Croissant", "", "95", "THB", None).unwrap(),
        )
        .await
        .unwrap()
        .id;
    Fixture {
        services,
        owner,
        store,
        branch,
        product,
    }
}

fn branch_input(name: &str) -> BranchInput {
    let mut branch = BranchInput {
        name: name.into(),
        street: "1 Rama I Rd".into(),
        city: "Bangkok".into(),
        postcode: "10330".into(),
        country: "TH".into(),
        latitude: "13.7462".into(),
        longitude: "100.5347".into(),
        time_zone: "Asia/Bangkok".into(),
        ..BranchInput::default()
    };
    branch.opens = std::array::from_fn(|_| "09:00".into());
    branch.closes = std::array::from_fn(|_| "18:00".into());
    branch
}

fn local(at: Timestamp) -> String {
    let zone = TimeZoneName::parse("Asia/Bangkok").unwrap();
    crate::drops::schedule::instant_to_local(at, &zone).unwrap()
}

pub(crate) fn drop_input(f: &Fixture, opens: Timestamp, closes: Timestamp) -> DropInput {
    DropInput {
        name: "Croissant Friday".into(),
        description: "200 croissants, fresh at eight.".into(),
        time_zone: "Asia/Bangkok".into(),
        opens_at: local(opens),
        closes_at: local(closes),
        rules: RulesInput {
            reservations_per_person: "1".into(),
            units_per_reservation: "2".into(),
            hold_minutes: "5".into(),
            deposit: "50".into(),
            booking_cutoff_minutes: "30".into(),
            cancellation_window_minutes: "60".into(),
            reminder_hours: "24, 2".into(),
            access_codes_required: false,
            verified_email_required: true,
        },
        products: vec![f.product.to_string()],
    }
}

pub(crate) fn schedule_input(f: &Fixture) -> ScheduleInput {
    ScheduleInput {
        branch_id: f.branch.to_string(),
        first_day: "2030-01-07".into(),
        last_day: "2030-01-08".into(),
        daily_from: "10:00".into(),
        daily_until: "12:00".into(),
        slot_minutes: "30".into(),
        capacity: "20".into(),
        weekdays: Vec::new(),
    }
}

fn kinds(events: &[StoredEvent]) -> Vec<&'static str> {
    events.iter().map(|e| e.event.kind()).collect()
}

db_test!(
    async fn a_drop_is_built_published_opened_and_closed_with_events(db: Db) {
        let (services, _) = test_services(db);
        let f = fixture(services).await;
        let drops = &f.services.drops;
        let now = Timestamp::now().as_millis();
        let opens = Timestamp::from_millis((now / 1000 + 3600) * 1000);
        let closes = Timestamp::from_millis(opens.as_millis() + 7200_000);
        let drop = drops
            .create(&f.owner, f.store, &drop_input(&f, opens, closes))
            .await
            .unwrap();
        assert_eq!(drop.status, DropStatus::Draft);
        assert_eq!(
            drop.window.unwrap().opens_at(),
            opens,
            "the window survives the zone round trip"
        );
        assert_eq!(drop.rules.deposit.unwrap().minor(), 5000);

        let shopper = signed_in(&f.services, "shopper@example.com").await;
        assert!(
            matches!(drops.get(&shopper, drop.id).await, Err(DropError::NotFound)),
            "drafts are private"
        );
        assert!(
            matches!(drops.command(&f.owner, drop.id, DropCommand::Publish).await, Err(DropError::Invalid(e)) if e.for_field("slots").is_some()),
            "no slots, no publishing"
        );

        assert_eq!(
            drops
                .add_slots(&f.owner, drop.id, &schedule_input(&f))
                .await
                .unwrap(),
            8
        );
        assert_eq!(
            drops
                .add_slots(&f.owner, drop.id, &schedule_input(&f))
                .await
                .unwrap(),
            0,
            "the same schedule twice adds nothing"
        );
        let slots = drops.slots(&f.owner, drop.id).await.unwrap();
        assert_eq!(slots.len(), 8);
        assert_eq!(
            (
                slots[0].local.date.to_string(),
                slots[0].local.start.as_str(),
                slots[0].local.end.as_str()
            ),
            ("2030-01-07".to_owned(), "10:00", "10:30")
        );
        assert_eq!(slots[0].remaining(), 20);
        let (read_drop, read_slot, counts) = drops
            .slot_state(slots[0].slot.id, Timestamp::now())
            .await
            .unwrap();
        assert_eq!(
            (read_drop, read_slot, counts.taken()),
            (drop.clone(), slots[0].slot.clone(), 0),
            "a slot is read with its drop and the drop's products in one go"
        );

        drops
            .remove_slot(&f.owner, drop.id, slots[7].slot.id)
            .await
            .unwrap();
        let published = drops
            .command(&f.owner, drop.id, DropCommand::Publish)
            .await
            .unwrap();
        assert_eq!(published.status, DropStatus::Scheduled);
        assert_eq!(drops.get(&shopper, drop.id).await.unwrap().id, drop.id);
        assert!(matches!(
            drops.remove_slot(&f.owner, drop.id, slots[0].slot.id).await,
            Err(DropError::SlotsLocked)
        ));
        assert!(
            matches!(
                drops.command(&shopper, drop.id, DropCommand::Cancel).await,
                Err(DropError::Store(_))
            ),
            "only owners run a drop"
        );

        // The clock: nothing due before the opening, then open, then closed, each once.
        assert_eq!(
            drops
                .next_clock_instant(Timestamp::from_millis(now))
                .await
                .unwrap(),
            Some(opens)
        );
        assert_eq!(
            drops
                .advance_clock(Timestamp::from_millis(opens.as_millis() - 1))
                .await
                .unwrap(),
            0
        );
        assert_eq!(drops.advance_clock(opens).await.unwrap(), 1);
        assert_eq!(
            drops.advance_clock(opens).await.unwrap(),
            0,
            "a second instance finds nothing to do"
        );
        assert_eq!(drops.advance_clock(closes).await.unwrap(), 1);
        let events = f
            .services
            .outbox
            .events_for(&drop.id.to_string())
            .await
            .unwrap();
        assert_eq!(
            kinds(&events),
            ["DropPublished", "DropOpened", "DropClosed"]
        );
        assert!(matches!(
            events[2].event,
            DomainEvent::DropClosed {
                by_owner: false,
                ..
            }
        ));

        assert!(
            matches!(
                drops.command(&f.owner, drop.id, DropCommand::Cancel).await,
                Err(DropError::Illegal(_))
            ),
            "a closed drop cannot be cancelled"
        );
        drops
            .command(&f.owner, drop.id, DropCommand::Archive)
            .await
            .unwrap();

        // Delivery: every event once, then nothing pending.
        assert_eq!(
            f.services
                .outbox
                .dispatch_once(Timestamp::now(), 100)
                .await
                .unwrap(),
            3
        );
        assert_eq!(
            f.services
                .outbox
                .dispatch_once(Timestamp::now(), 100)
                .await
                .unwrap(),
            0
        );
        assert_eq!(f.services.outbox.pending().await.unwrap(), 0);
    }
);

db_test!(
    async fn cancelling_and_capacity_edits_write_events(db: Db) {
        let (services, _) = test_services(db);
        let f = fixture(services).await;
        let drops = &f.services.drops;
        let now = Timestamp::now().as_millis();
        let opens = Timestamp::from_millis((now / 1000 - 60) * 1000);
        let closes = Timestamp::from_millis(opens.as_millis() + 3_600_000);
        let drop = drops
            .create(&f.owner, f.store, &drop_input(&f, opens, closes))
            .await
            .unwrap();
        drops
            .add_slots(&f.owner, drop.id, &schedule_input(&f))
            .await
            .unwrap();
        drops
            .command(&f.owner, drop.id, DropCommand::Publish)
            .await
            .unwrap();
        let listed = drops
            .for_store(&Principal::Anonymous, f.store, Timestamp::now())
            .await
            .unwrap();
        assert_eq!(
            listed[0].status,
            DropStatus::Open,
            "opened by the clock on read, to the millisecond"
        );

        let slot = drops.slots(&f.owner, drop.id).await.unwrap()[0]
            .slot
            .clone();
        drops
            .set_capacity(&f.owner, drop.id, slot.id, Capacity::new(25).unwrap())
            .await
            .unwrap();
        assert_eq!(
            drops.slots(&f.owner, drop.id).await.unwrap()[0]
                .slot
                .capacity
                .get(),
            25
        );

        drops
            .command(&f.owner, drop.id, DropCommand::Cancel)
            .await
            .unwrap();
        let events = f
            .services
            .outbox
            .events_for(&drop.id.to_string())
            .await
            .unwrap();
        assert_eq!(
            kinds(&events),
            [
                "DropPublished",
                "DropOpened",
                "CapacityChanged",
                "DropCancelled"
            ]
        );
        assert!(matches!(
            events[2].event,
            DomainEvent::CapacityChanged {
                from: 20,
                to: 25,
                ..
            }
        ));
        assert!(
            matches!(
                drops
                    .set_capacity(&f.owner, drop.id, slot.id, Capacity::new(30).unwrap())
                    .await,
                Err(DropError::Capacity(_))
            ),
            "a cancelled drop's capacity is final"
        );
        assert!(
            drops
                .for_store(&Principal::Anonymous, f.store, Timestamp::now())
                .await
                .unwrap()
                .is_empty(),
            "shoppers no longer see it"
        );
    }
);

db_test!(
    async fn bad_input_is_refused_and_nothing_is_stored(db: Db) {
        let (services, _) = test_services(db);
        let f = fixture(services).await;
        let drops = &f.services.drops;
        let opens = Timestamp::from_millis(1_900_000_000_000);
        let mut input = drop_input(
            &f,
            opens,
            Timestamp::from_millis(opens.as_millis() - 60_000),
        );
        let Err(DropError::Invalid(errors)) = drops.create(&f.owner, f.store, &input).await else {
            panic!("a closing before the opening is refused");
        };
        assert_eq!(
            errors.for_field("closes_at").map(|t| t.id()),
            Some("check-after-opening")
        );
        input = drop_input(
            &f,
            opens,
            Timestamp::from_millis(opens.as_millis() + 60_000),
        );
        input.rules.units_per_reservation = "0".into();
        input.products = vec!["not-an-id".into()];
        let Err(DropError::Invalid(errors)) = drops.create(&f.owner, f.store, &input).await else {
            panic!("bad rules are refused");
        };
        assert!(errors.for_field("units_per_reservation").is_some());
        assert!(errors.for_field("products").is_some());
        assert!(
            drops
                .for_store(&f.owner, f.store, Timestamp::now())
                .await
                .unwrap()
                .is_empty()
        );

        let drop = drops
            .create(
                &f.owner,
                f.store,
                &drop_input(
                    &f,
                    opens,
                    Timestamp::from_millis(opens.as_millis() + 60_000),
                ),
            )
            .await
            .unwrap();
        for (field, value, expected) in [
            ("slot_minutes", "0", "slot_minutes"),
            ("capacity", "0", "capacity"),
            ("capacity", "-5", "capacity"),
            ("capacity", "100001", "capacity"),
            ("daily_until", "09:00", "daily_until"),
        ] {
            let mut schedule = schedule_input(&f);
            match field {
                "slot_minutes" => schedule.slot_minutes = value.into(),
                "capacity" => schedule.capacity = value.into(),
                _ => schedule.daily_until = value.into(),
            }
            let Err(DropError::Invalid(errors)) =
                drops.add_slots(&f.owner, drop.id, &schedule).await
            else {
                panic!("{field} = {value} is refused");
            };
            assert!(
                errors.for_field(expected).is_some(),
                "{field} = {value}: {errors:?}"
            );
        }
        let mut huge = schedule_input(&f);
        huge.last_day = "2030-12-31".into();
        huge.daily_from = "00:00".into();
        huge.daily_until = "23:55".into();
        huge.slot_minutes = "5".into();
        let Err(DropError::Invalid(errors)) = drops.add_slots(&f.owner, drop.id, &huge).await
        else {
            panic!("a schedule over the limit is refused");
        };
        assert!(
            errors
                .for_field("schedule")
                .unwrap()
                .in_language(Language::En)
                .contains("at most 2000"),
            "{errors:?}"
        );
        assert!(
            drops.slots(&f.owner, drop.id).await.unwrap().is_empty(),
            "nothing stored"
        );
    }
);

db_test!(
    async fn access_codes_are_added_once_each_and_listed(db: Db) {
        let (services, _) = test_services(db);
        let f = fixture(services).await;
        let drops = &f.services.drops;
        let opens = Timestamp::from_millis(1_900_000_000_000);
        let drop = drops
            .create(
                &f.owner,
                f.store,
                &drop_input(
                    &f,
                    opens,
                    Timestamp::from_millis(opens.as_millis() + 60_000),
                ),
            )
            .await
            .unwrap();
        let once = AccessCode::parse("vip-2026").unwrap();
        let many = AccessCode::parse("FRIENDS").unwrap();
        drops
            .add_access_code(&f.owner, drop.id, &once, Some(1))
            .await
            .unwrap();
        drops
            .add_access_code(&f.owner, drop.id, &many, None)
            .await
            .unwrap();
        assert!(matches!(
            drops.add_access_code(&f.owner, drop.id, &once, None).await,
            Err(DropError::CodeTaken)
        ));
        assert!(drops.access_code_has_uses(drop.id, &once).await.unwrap());
        assert!(
            !drops
                .access_code_has_uses(drop.id, &AccessCode::parse("GUESS").unwrap())
                .await
                .unwrap()
        );
        let codes = drops.access_codes(&f.owner, drop.id).await.unwrap();
        assert_eq!(
            codes
                .iter()
                .map(|c| (c.code.as_str(), c.uses))
                .collect::<Vec<_>>(),
            [("VIP-2026", 0), ("FRIENDS", 0)],
            "bookings use codes (reservations' tests)"
        );
    }
);

db_test!(
    async fn quotas_bound_what_one_account_or_store_creates(db: Db) {
        use crate::{
            branches::service::BranchError, products::service::ProductError, quotas::Quotas,
            stores::service::StoreError, testing::test_services_with_quotas,
        };
        let quotas = Quotas {
            stores_per_account: 2,
            branches_per_store: 1,
            products_per_store: 1,
            slots_per_drop: 10,
        };
        // The fixture makes one store, one branch and one product.
        let f = fixture(test_services_with_quotas(db, quotas).0).await;
        let stores = &f.services.stores;
        stores
            .create(&f.owner, NewStore::parse("Kanom 2", None).unwrap())
            .await
            .unwrap();
        assert!(matches!(
            stores
                .create(&f.owner, NewStore::parse("Kanom 3", None).unwrap())
                .await,
            Err(StoreError::QuotaReached(2))
        ));
        let branch = BranchDraft::parse(&branch_input("Thonglor")).unwrap();
        assert!(matches!(
            f.services.branches.create(&f.owner, f.store, branch).await,
            Err(BranchError::QuotaReached(1))
        ));
        let product = ProductDraft::parse("CRO-2", "Pain", "", "95", "THB", None).unwrap();
        assert!(matches!(
            f.services.products.create(&f.owner, f.store, product).await,
            Err(ProductError::QuotaReached(1))
        ));

        let drops = &f.services.drops;
        let opens = Timestamp::from_millis(Timestamp::now().as_millis() + 3_600_000);
        let closes = Timestamp::from_millis(opens.as_millis() + 7_200_000);
        let drop = drops
            .create(&f.owner, f.store, &drop_input(&f, opens, closes))
            .await
            .unwrap();
        assert_eq!(
            drops
                .add_slots(&f.owner, drop.id, &schedule_input(&f))
                .await
                .unwrap(),
            8
        );
        let one_more_day = ScheduleInput {
            first_day: "2030-01-09".into(),
            last_day: "2030-01-09".into(),
            ..schedule_input(&f)
        };
        let Err(DropError::Invalid(errors)) =
            drops.add_slots(&f.owner, drop.id, &one_more_day).await
        else {
            panic!("12 slots are past a quota of 10");
        };
        assert_eq!(
            errors
                .for_field("schedule")
                .unwrap()
                .in_language(Language::En),
            "would bring this drop to 12 slots; a drop may have at most 10"
        );
        assert_eq!(
            drops.slots(&f.owner, drop.id).await.unwrap().len(),
            8,
            "none of the schedule's slots were added"
        );
    }
);
