//! The Stores service and its storage, on both engines.

use super::{
    model::{NewStore, StoreName, StoreSlug},
    service::{StoreError, StoreService},
};
use crate::db_test;

fn new_store(name: &str, slug: &str) -> NewStore {
    NewStore::parse(name, Some(slug)).expect("valid store")
}

db_test!(async fn creates_lists_and_finds_by_slug(db: Db) {
    let stores = StoreService::new(db);
    let bakery = stores.create(new_store("Kanom Bakery", "kanom-bakery")).await.unwrap();
    let archive = stores.create(new_store("Archive of Soles", "sole-archive")).await.unwrap();

    let listed = stores.list().await.unwrap();
    assert_eq!(listed, vec![archive.clone(), bakery.clone()], "listed by name");

    let found = stores.get_by_slug(&StoreSlug::parse("kanom-bakery").unwrap()).await.unwrap();
    assert_eq!(found, bakery);
});

db_test!(async fn a_taken_slug_is_refused_and_nothing_changes(db: Db) {
    let stores = StoreService::new(db);
    let first = stores.create(new_store("Kanom Bakery", "kanom")).await.unwrap();
    let second = stores.create(new_store("Another Kanom", "kanom")).await;
    assert!(matches!(second, Err(StoreError::SlugTaken(slug)) if slug.as_str() == "kanom"));
    assert_eq!(stores.list().await.unwrap(), vec![first]);
});

db_test!(async fn rename_keeps_the_address(db: Db) {
    let stores = StoreService::new(db);
    let store = stores.create(new_store("Kanom", "kanom")).await.unwrap();
    let renamed = stores.rename(store.id, StoreName::parse("Kanom Bakery").unwrap()).await.unwrap();
    assert_eq!(renamed.name.as_str(), "Kanom Bakery");
    assert_eq!(renamed.slug, store.slug);
    assert_eq!(renamed.id, store.id);
    assert_eq!(stores.get_by_slug(&store.slug).await.unwrap(), renamed);
});

db_test!(async fn unknown_stores_are_not_found(db: Db) {
    let stores = StoreService::new(db);
    let missing = stores.get_by_slug(&StoreSlug::parse("nowhere").unwrap()).await;
    assert!(matches!(missing, Err(StoreError::NotFound(_))));
    let id = stores.create(new_store("Kanom", "kanom")).await.unwrap().id;
    let other_id = "0190f0a0-0000-7000-8000-000000000000".parse().unwrap();
    assert_ne!(id, other_id);
    let renamed = stores.rename(other_id, StoreName::parse("Ghost").unwrap()).await;
    assert!(matches!(renamed, Err(StoreError::NotFound(_))));
});

db_test!(async fn names_keep_their_unicode(db: Db) {
    let stores = StoreService::new(db);
    let store = stores.create(new_store("ร้านขนม Kanom", "kanom-th")).await.unwrap();
    assert_eq!(stores.get_by_slug(&store.slug).await.unwrap().name.as_str(), "ร้านขนม Kanom");
});
