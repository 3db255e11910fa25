//! Demo data for the run command, created through the services like any other data. Seeding is
//! idempotent: what exists already is left alone.

use app::{
    services::Services,
    stores::{model::NewStore, service::StoreError},
};

const DEMO_STORES: [(&str, &str); 3] = [
    ("Kanom Bakery", "kanom-bakery"),
    ("Sole Archive", "sole-archive"),
    ("Gallery Nine", "gallery-nine"),
];

pub async fn seed_demo(services: &Services) -> Result<(), StoreError> {
    for (name, slug) in DEMO_STORES {
        let new = NewStore::parse(name, Some(slug)).expect("demo stores are valid");
        match services.stores.create(new).await {
            Ok(_) | Err(StoreError::SlugTaken(_)) => {}
            Err(error) => return Err(error),
        }
    }
    Ok(())
}
