//! Demo data for the run command, created through the services like any other data. Seeding is
//! idempotent: what exists already is left alone.

use app::{
    identity::model::{Principal, Registration},
    products::{model::ProductDraft, service::ProductError},
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

/// (store slug, SKU, name, description, price, currency)
const DEMO_PRODUCTS: [(&str, &str, &str, &str, &str, &str); 6] = [
    ("kanom-bakery", "CR-BUTTER", "Butter croissant", "Laminated for three days, baked at dawn.", "65", "THB"),
    ("kanom-bakery", "CR-PISTA", "Pistachio croissant", "Filled with Bronte pistachio cream.", "120", "THB"),
    ("sole-archive", "SA-RUN-01", "Night Runner 01", "Reflective upper, numbered pair.", "6900", "THB"),
    ("sole-archive", "SA-HI-TOP", "Archive Hi-Top", "Suede high-top in bone white.", "180", "USD"),
    ("gallery-nine", "G9-PRINT-A", "Monsoon print (A2)", "Giclée print, edition of 50, signed.", "4500", "THB"),
    ("gallery-nine", "G9-PREVIEW", "Preview evening pass", "Entry to the private preview.", "0", "THB"),
];

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Product(#[from] ProductError),
}

pub async fn seed_demo(services: &Services) -> Result<(), SeedError> {
    let provision = |(email, name, password): (&str, &str, &str)| {
        let registration =
            Registration::parse(email, name, password).expect("demo accounts are valid");
        services.identity.provision_account(registration, false)
    };
    let owner = provision(DEMO_OWNER).await.map_err(StoreError::from)?;
    provision(DEMO_SHOPPER).await.map_err(StoreError::from)?;
    let owner = Principal::User {
        id: owner,
        is_platform_admin: false,
    };
    for (name, slug) in DEMO_STORES {
        let new = NewStore::parse(name, Some(slug)).expect("demo stores are valid");
        match services.stores.create(&owner, new).await {
            Ok(_) | Err(StoreError::SlugTaken(_)) => {}
            Err(error) => return Err(error.into()),
        }
    }
    for (slug, sku, name, description, price, currency) in DEMO_PRODUCTS {
        let slug = app::stores::model::StoreSlug::parse(slug).expect("demo slugs are valid");
        let store = services.stores.get_by_slug(&owner, &slug).await?;
        let draft = ProductDraft::parse(sku, name, description, price, currency, None).expect("demo products are valid");
        match services.products.create(&owner, store.id, draft).await {
            Ok(_) | Err(ProductError::SkuTaken(_)) => {}
            Err(error) => return Err(error.into()),
        }
    }
    Ok(())
}
