//! The run command's demo data: valid, idempotent, and usable for signing in.

use crate::support::TestApp;
use app::paging::PageRequest;
use app::{db_test, drops::model::DropStatus, identity::model::Principal, time::Timestamp};
use server::seed::{DEMO_OWNER, DEMO_SHOPPER, seed_demo};

db_test!(
    async fn demo_seed_is_idempotent_and_usable(db: Db) {
        let app = TestApp::spawn(db).await;
        seed_demo(&app.services).await.expect("first seed");
        seed_demo(&app.services)
            .await
            .expect("second seed changes nothing");
        let stores = app
            .services
            .stores
            .list(&Principal::Anonymous, PageRequest::new(None, None))
            .await
            .unwrap()
            .items;
        assert_eq!(stores.len(), 3);
        assert!(
            stores.iter().all(|s| !s.profile.description.is_empty()),
            "demo stores have profiles"
        );

        for (email, _, password) in [DEMO_OWNER, DEMO_SHOPPER] {
            let account = app
                .services
                .identity
                .authenticate(email, password, None)
                .await
                .expect("demo sign-in");
            assert!(account.email_verified);
        }
        let signed_in = |(email, _, password): (&'static str, &str, &'static str)| {
            let identity = app.services.identity.clone();
            async move {
                let account = identity.authenticate(email, password, None).await.unwrap();
                Principal::User {
                    id: account.id,
                    is_platform_admin: false,
                    email_verified: true,
                }
            }
        };
        let shopper = signed_in(DEMO_SHOPPER).await;
        let booked = app.services.reservations.mine(&shopper).await.unwrap();
        assert_eq!(booked.len(), 1, "one demo ticket, however often seeded");
        let owner = signed_in(DEMO_OWNER).await;
        assert_eq!(
            app.services
                .stores
                .list_managed(&owner)
                .await
                .unwrap()
                .len(),
            3,
            "the demo owner runs every demo store"
        );

        let mut statuses = Vec::new();
        for store in &stores {
            for drop in app
                .services
                .drops
                .for_store(&Principal::Anonymous, store.id, Timestamp::now())
                .await
                .unwrap()
            {
                // Shoppers see a scheduled drop's slots only once it opens.
                let slots = app.services.drops.slots(&owner, drop.id).await.unwrap();
                assert!(
                    !slots.is_empty() && !drop.products.is_empty(),
                    "{} is bookable",
                    drop.name
                );
                statuses.push(drop.status);
            }
        }
        statuses.sort_by_key(|s| s.as_str());
        assert_eq!(
            statuses,
            [DropStatus::Open, DropStatus::Scheduled],
            "one drop open, one opening a few minutes after start"
        );
    }
);
