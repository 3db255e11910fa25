//! Products on both engines: the catalogue, search with one ordering rule, and who may do what.

use super::{
    model::{CategoryName, ProductDraft},
    service::ProductError,
};
use crate::paging::PageRequest;
use crate::{
    db_test,
    identity::model::Principal,
    media::UploadError,
    services::Services,
    stores::{
        model::{NewStore, Store},
        service::StoreError,
    },
    testing::{signed_in, test_services},
};

/// The store most tests here sell from, owned by `owner`.
async fn kanom(services: &Services, owner: &Principal) -> Store {
    services
        .stores
        .create(owner, NewStore::parse("Kanom", Some("kanom")).unwrap())
        .await
        .unwrap()
}

fn draft(sku: &str, name: &str, description: &str, price: &str) -> ProductDraft {
    ProductDraft::parse(sku, name, description, price, "THB", None).expect("valid draft")
}

db_test!(
    async fn owners_build_a_catalogue_shoppers_see_the_active_part(db: Db) {
        let (services, _) = test_services(db);
        let owner = signed_in(&services, "owner@example.com").await;
        let store = kanom(&services, &owner).await;
        let products = &services.products;
        let croissant = products
            .create(
                &owner,
                store.id,
                draft("CR-1", "Butter croissant", "Flaky", "45.50"),
            )
            .await
            .unwrap();
        let tart = products
            .create(&owner, store.id, draft("TA-1", "Egg tart", "", "30"))
            .await
            .unwrap();
        assert_eq!(croissant.price.minor(), 4550);

        let duplicate = products
            .create(&owner, store.id, draft("cr-1", "Another", "", "1"))
            .await;
        assert!(
            matches!(duplicate, Err(ProductError::SkuTaken(sku)) if sku.as_str() == "CR-1"),
            "SKUs are unique per store"
        );

        products.set_archived(&owner, tart.id, true).await.unwrap();
        let shopper_view = products
            .list_for_store(
                &Principal::Anonymous,
                store.id,
                PageRequest::new(None, None),
            )
            .await
            .unwrap();
        assert_eq!(shopper_view.items, vec![croissant.clone()]);
        assert_eq!(shopper_view.total, 1);
        let owner_view = products
            .list_for_store(&owner, store.id, PageRequest::new(None, None))
            .await
            .unwrap();
        assert_eq!(owner_view.total, 2);
        assert!(matches!(
            products.get(&Principal::Anonymous, tart.id).await,
            Err(ProductError::NotFound)
        ));
        assert!(products.get(&owner, tart.id).await.unwrap().archived);

        let renamed = products
            .update(
                &owner,
                croissant.id,
                draft("CR-1", "Almond croissant", "Flaky", "55"),
            )
            .await
            .unwrap();
        assert_eq!(
            (
                renamed.name.as_str(),
                renamed.price.minor(),
                renamed.created_at
            ),
            ("Almond croissant", 5500, croissant.created_at)
        );

        // Another store may reuse the SKU.
        let other = services
            .stores
            .create(
                &owner,
                NewStore::parse("Elsewhere", Some("elsewhere")).unwrap(),
            )
            .await
            .unwrap();
        products
            .create(&owner, other.id, draft("CR-1", "Croissant", "", "40"))
            .await
            .expect("SKU free in another store");
    }
);

db_test!(
    async fn search_orders_name_matches_first_on_both_engines(db: Db) {
        let (services, _) = test_services(db);
        let owner = signed_in(&services, "owner@example.com").await;
        let store = kanom(&services, &owner).await;
        let products = &services.products;
        let pastry = products
            .create(
                &owner,
                store.id,
                draft("P1", "Danish pastry", "with butter and jam", "50"),
            )
            .await
            .unwrap();
        let butter_bun = products
            .create(&owner, store.id, draft("P2", "Butter bun", "soft", "20"))
            .await
            .unwrap();
        let butter_cookie = products
            .create(
                &owner,
                store.id,
                draft("P3", "Butter cookies", "crisp", "60"),
            )
            .await
            .unwrap();
        products
            .create(&owner, store.id, draft("P4", "Rye bread", "dark", "80"))
            .await
            .unwrap();
        let archived = products
            .create(&owner, store.id, draft("P5", "Butter cake", "", "90"))
            .await
            .unwrap();
        products
            .set_archived(&owner, archived.id, true)
            .await
            .unwrap();

        let found = products
            .search(&Principal::Anonymous, "butt", None, None)
            .await
            .unwrap();
        let ids: Vec<_> = found.iter().map(|p| p.id).collect();
        assert_eq!(
            ids,
            vec![butter_bun.id, butter_cookie.id, pastry.id],
            "name matches by name, then description matches"
        );

        let narrowed = products
            .search(&Principal::Anonymous, "BUTTER cook", None, None)
            .await
            .unwrap();
        assert_eq!(
            narrowed.iter().map(|p| p.id).collect::<Vec<_>>(),
            vec![butter_cookie.id],
            "every word must match"
        );
        assert!(
            products
                .search(
                    &Principal::Anonymous,
                    "\"; DROP TABLE products; --",
                    None,
                    None
                )
                .await
                .unwrap()
                .is_empty()
        );
        assert!(
            products
                .search(&Principal::Anonymous, "   ", None, None)
                .await
                .unwrap()
                .is_empty()
        );

        // Renaming updates the index.
        products
            .update(
                &owner,
                pastry.id,
                draft("P1", "Apricot danish", "with jam", "50"),
            )
            .await
            .unwrap();
        assert_eq!(
            products
                .search(&Principal::Anonymous, "butter", None, None)
                .await
                .unwrap()
                .len(),
            2
        );
        assert_eq!(
            products
                .search(&Principal::Anonymous, "apricot", None, None)
                .await
                .unwrap()
                .len(),
            1
        );
    }
);

db_test!(
    async fn a_category_filter_includes_its_subcategories(db: Db) {
        let (services, _) = test_services(db);
        let owner = signed_in(&services, "owner@example.com").await;
        let store = services
            .stores
            .create(&owner, NewStore::parse("Soles", Some("soles")).unwrap())
            .await
            .unwrap();
        let products = &services.products;
        let shoes = products
            .create_category(
                &owner,
                store.id,
                CategoryName::parse("Shoes").unwrap(),
                None,
            )
            .await
            .unwrap();
        let running = products
            .create_category(
                &owner,
                store.id,
                CategoryName::parse("Running").unwrap(),
                Some(shoes.id),
            )
            .await
            .unwrap();
        let shirts = products
            .create_category(
                &owner,
                store.id,
                CategoryName::parse("Shirts").unwrap(),
                None,
            )
            .await
            .unwrap();
        let in_category = |sku: &str, name: &str, category: Option<_>| ProductDraft {
            category_id: category,
            ..draft(sku, name, "limited", "100")
        };
        let racer = products
            .create(
                &owner,
                store.id,
                in_category("S1", "Racer limited", Some(running.id)),
            )
            .await
            .unwrap();
        let boot = products
            .create(
                &owner,
                store.id,
                in_category("S2", "Boot limited", Some(shoes.id)),
            )
            .await
            .unwrap();
        products
            .create(
                &owner,
                store.id,
                in_category("T1", "Tee limited", Some(shirts.id)),
            )
            .await
            .unwrap();

        let found = products
            .search(
                &Principal::Anonymous,
                "limited",
                Some(store.id),
                Some(shoes.id),
            )
            .await
            .unwrap();
        assert_eq!(
            found.iter().map(|p| p.id).collect::<Vec<_>>(),
            vec![boot.id, racer.id]
        );
        let only_running = products
            .search(&Principal::Anonymous, "limited", None, Some(running.id))
            .await
            .unwrap();
        assert_eq!(
            only_running.iter().map(|p| p.id).collect::<Vec<_>>(),
            vec![racer.id]
        );

        let other = services
            .stores
            .create(&owner, NewStore::parse("Other", Some("other")).unwrap())
            .await
            .unwrap();
        let foreign = products
            .create(
                &owner,
                other.id,
                in_category("X1", "Foreign", Some(shoes.id)),
            )
            .await;
        assert!(
            matches!(foreign, Err(ProductError::ForeignCategory)),
            "a product cannot use another store's category"
        );
    }
);

db_test!(
    async fn only_owners_change_the_catalogue(db: Db) {
        let (services, _) = test_services(db);
        let owner = signed_in(&services, "owner@example.com").await;
        let stranger = signed_in(&services, "stranger@example.com").await;
        let store = kanom(&services, &owner).await;
        let products = &services.products;
        let product = products
            .create(&owner, store.id, draft("CR-1", "Croissant", "", "45"))
            .await
            .unwrap();
        for who in [Principal::Anonymous, stranger] {
            let refused = |r: Result<_, ProductError>| {
                matches!(
                    r,
                    Err(ProductError::Store(
                        StoreError::Unauthenticated | StoreError::Forbidden
                    ))
                )
            };
            assert!(refused(
                products
                    .create(&who, store.id, draft("X", "Sneaky", "", "1"))
                    .await
                    .map(drop)
            ));
            assert!(refused(
                products
                    .update(&who, product.id, draft("CR-1", "Hijacked", "", "1"))
                    .await
                    .map(drop)
            ));
            assert!(refused(
                products
                    .set_archived(&who, product.id, true)
                    .await
                    .map(drop)
            ));
            assert!(refused(
                products
                    .create_category(&who, store.id, CategoryName::parse("X").unwrap(), None)
                    .await
                    .map(drop)
            ));
        }
        assert_eq!(
            products
                .get(&Principal::Anonymous, product.id)
                .await
                .unwrap()
                .name
                .as_str(),
            "Croissant"
        );
    }
);

db_test!(
    async fn owners_add_photos_and_bad_uploads_store_nothing(db: Db) {
        use crate::testing::{png, png_bomb};
        let (services, _) = test_services(db);
        let owner = signed_in(&services, "owner@example.com").await;
        let stranger = signed_in(&services, "stranger@example.com").await;
        let store = kanom(&services, &owner).await;
        let products = &services.products;
        let product = products
            .create(&owner, store.id, draft("CR-1", "Croissant", "", "45"))
            .await
            .unwrap();

        let image = products
            .add_image(&owner, product.id, png(1200, 800))
            .await
            .unwrap();
        assert_eq!((image.width, image.height), (1200, 800));
        assert_eq!(image.widths(), [320, 960]);
        for width in image.widths() {
            let file = services
                .media
                .get(&format!("{}-{width}.jpg", image.hash))
                .await
                .unwrap()
                .expect("stored");
            assert_eq!(&file[..2], b"\xFF\xD8", "a JPEG");
        }
        products
            .add_image(&owner, product.id, png(1200, 800))
            .await
            .unwrap();
        assert_eq!(
            products
                .images(&Principal::Anonymous, product.id)
                .await
                .unwrap(),
            vec![image],
            "the same photo once"
        );

        let mut oversized = png(100, 100);
        oversized.resize(3 * 1024 * 1024, 0);
        for bad in [
            b"plain text renamed to photo.png".to_vec(),
            png_bomb(),
            oversized,
        ] {
            let refused = products.add_image(&owner, product.id, bad).await;
            assert!(
                matches!(refused, Err(ProductError::Upload(UploadError::Image(_)))),
                "{refused:?}"
            );
        }
        let sneaky = products
            .add_image(&stranger, product.id, png(100, 100))
            .await;
        assert!(matches!(
            sneaky,
            Err(ProductError::Store(StoreError::Forbidden))
        ));
        assert_eq!(
            products.images(&owner, product.id).await.unwrap().len(),
            1,
            "nothing else was stored"
        );
    }
);

db_test!(
    async fn lists_show_each_products_first_photo(db: Db) {
        use crate::testing::png;
        let (services, _) = test_services(db);
        let owner = signed_in(&services, "owner@example.com").await;
        let store = kanom(&services, &owner).await;
        let products = &services.products;
        let pictured = products
            .create(&owner, store.id, draft("CR-1", "Croissant", "", "45"))
            .await
            .unwrap();
        let bare = products
            .create(&owner, store.id, draft("CR-2", "Plain", "", "30"))
            .await
            .unwrap();
        let first = products
            .add_image(&owner, pictured.id, png(1200, 800))
            .await
            .unwrap();
        products
            .add_image(&owner, pictured.id, png(600, 400))
            .await
            .unwrap();
        assert_eq!(
            products.covers(&[pictured.id, bare.id]).await.unwrap(),
            vec![(pictured.id, first)],
            "the first photo, and nothing for a product without one"
        );
        assert!(products.covers(&[]).await.unwrap().is_empty());
    }
);
