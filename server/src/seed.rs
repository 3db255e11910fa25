//! Demo data for the run command, created through the services like any other data. Seeding is
//! idempotent: what exists already is left alone.

use app::{
    identity::model::{Principal, Registration},
    services::Services,
    stores::{model::NewStore, service::StoreError},
};

/// Sign in with these to try the owner pages and, later, booking.
pub const DEMO_OWNER: (&str, &str, &str) = (
    "owner@dropslot.test",
    "Nok (demo owner)",
    "nok-bakes-croissants-26",
);
pub const DEMO_SHOPPER: (&str, &str, &str) = (
    "shopper@dropslot.test",
    "Ploy (demo shopper)",
    "ploy-loves-sneakers-26",
);

const DEMO_STORES: [(&str, &str); 3] = [
    ("Kanom Bakery", "kanom-bakery"),
    ("Sole Archive", "sole-archive"),
    ("Gallery Nine", "gallery-nine"),
];

pub async fn seed_demo(services: &Services) -> Result<(), StoreError> {
    let provision = |(email, name, password): (&str, &str, &str)| {
        let registration =
            Registration::parse(email, name, password).expect("demo accounts are valid");
        services.identity.provision_account(registration, false)
    };
    let owner = provision(DEMO_OWNER).await?;
    provision(DEMO_SHOPPER).await?;
    let owner = Principal::User {
        id: owner,
        is_platform_admin: false,
    };
    for (name, slug) in DEMO_STORES {
        let new = NewStore::parse(name, Some(slug)).expect("demo stores are valid");
        match services.stores.create(&owner, new).await {
            Ok(_) | Err(StoreError::SlugTaken(_)) => {}
            Err(error) => return Err(error),
        }
    }
    Ok(())
}
