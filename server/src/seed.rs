//! Demo data for the run command, created through the services like any other data. Seeding is
//! idempotent: what exists already is left alone.

use app::{
    branches::{
        model::{BranchDraft, BranchInput},
        service::BranchError,
    },
    identity::model::{Principal, Registration},
    products::{model::ProductDraft, service::ProductError},
    services::Services,
    stores::{
        model::{NewStore, StoreProfile},
        service::StoreError,
    },
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

/// (name, slug, description, accent colour)
const DEMO_STORES: [(&str, &str, &str, &str); 3] = [
    (
        "Kanom Bakery",
        "kanom-bakery",
        "Laminated pastry and Thai kanom, baked before dawn. Weekend croissants sell out by nine.",
        "#9a3412",
    ),
    (
        "Sole Archive",
        "sole-archive",
        "Numbered sneaker releases and archive pairs, one pair per person.",
        "#1f2937",
    ),
    (
        "Gallery Nine",
        "gallery-nine",
        "Editions, prints and private previews by Bangkok artists.",
        "#0b6e4f",
    ),
];

/// (store slug, SKU, name, description, price, currency)
const DEMO_PRODUCTS: [(&str, &str, &str, &str, &str, &str); 6] = [
    (
        "kanom-bakery",
        "CR-BUTTER",
        "Butter croissant",
        "Laminated for three days, baked at dawn.",
        "65",
        "THB",
    ),
    (
        "kanom-bakery",
        "CR-PISTA",
        "Pistachio croissant",
        "Filled with Bronte pistachio cream.",
        "120",
        "THB",
    ),
    (
        "sole-archive",
        "SA-RUN-01",
        "Night Runner 01",
        "Reflective upper, numbered pair.",
        "6900",
        "THB",
    ),
    (
        "sole-archive",
        "SA-HI-TOP",
        "Archive Hi-Top",
        "Suede high-top in bone white.",
        "180",
        "USD",
    ),
    (
        "gallery-nine",
        "G9-PRINT-A",
        "Monsoon print (A2)",
        "Giclée print, edition of 50, signed.",
        "4500",
        "THB",
    ),
    (
        "gallery-nine",
        "G9-PREVIEW",
        "Preview evening pass",
        "Entry to the private preview.",
        "0",
        "THB",
    ),
];

/// (store slug, name, street, city, postcode, latitude, longitude, opens, closes)
const DEMO_BRANCHES: [(&str, &str, &str, &str, &str, &str, &str, &str, &str); 4] = [
    (
        "kanom-bakery",
        "Kanom Siam",
        "991 Rama I Rd",
        "Bangkok",
        "10330",
        "13.7462",
        "100.5347",
        "07:00",
        "19:00",
    ),
    (
        "kanom-bakery",
        "Kanom Nimman",
        "12 Nimmanhaemin Rd",
        "Chiang Mai",
        "50200",
        "18.7996",
        "98.9676",
        "08:00",
        "18:00",
    ),
    (
        "sole-archive",
        "Sole Archive Asok",
        "21 Sukhumvit Soi 21",
        "Bangkok",
        "10110",
        "13.7370",
        "100.5603",
        "11:00",
        "21:00",
    ),
    (
        "gallery-nine",
        "Gallery Nine Charoen Krung",
        "1 Charoen Krung 30",
        "Bangkok",
        "10500",
        "13.7262",
        "100.5149",
        "10:00",
        "18:00",
    ),
];

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error(transparent)]
    Branch(#[from] BranchError),
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
    for (name, slug, description, accent) in DEMO_STORES {
        let new = NewStore::parse(name, Some(slug)).expect("demo stores are valid");
        match services.stores.create(&owner, new).await {
            Ok(store) => {
                let profile = StoreProfile::parse(description, "", "", accent, "THB")
                    .expect("demo profiles are valid");
                services
                    .stores
                    .update_profile(&owner, store.id, profile, None)
                    .await?;
            }
            Err(StoreError::SlugTaken(_)) => {}
            Err(error) => return Err(error.into()),
        }
    }
    for (slug, name, street, city, postcode, latitude, longitude, opens, closes) in DEMO_BRANCHES {
        let slug = app::stores::model::StoreSlug::parse(slug).expect("demo slugs are valid");
        let store = services.stores.get_by_slug(&owner, &slug).await?;
        let existing = services
            .branches
            .for_store(&owner, store.id, app::time::Timestamp::now())
            .await?;
        if existing.iter().any(|b| b.branch.name.as_str() == name) {
            continue;
        }
        let input = BranchInput {
            name: name.into(),
            street: street.into(),
            city: city.into(),
            postcode: postcode.into(),
            country: "TH".into(),
            latitude: latitude.into(),
            longitude: longitude.into(),
            time_zone: "Asia/Bangkok".into(),
            opens: std::array::from_fn(|_| opens.to_owned()),
            closes: std::array::from_fn(|_| closes.to_owned()),
            exceptions: "2026-12-31 10:00-14:00\n2027-01-01 closed".into(),
            ..BranchInput::default()
        };
        let draft = BranchDraft::parse(&input).expect("demo branches are valid");
        services.branches.create(&owner, store.id, draft).await?;
    }
    for (slug, sku, name, description, price, currency) in DEMO_PRODUCTS {
        let slug = app::stores::model::StoreSlug::parse(slug).expect("demo slugs are valid");
        let store = services.stores.get_by_slug(&owner, &slug).await?;
        let draft = ProductDraft::parse(sku, name, description, price, currency, None)
            .expect("demo products are valid");
        match services.products.create(&owner, store.id, draft).await {
            Ok(_) | Err(ProductError::SkuTaken(_)) => {}
            Err(error) => return Err(error.into()),
        }
    }
    Ok(())
}
