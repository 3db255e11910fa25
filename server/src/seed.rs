//! Demo data for the run command, created through the services like any other data. Seeding is
//! idempotent: what exists already is left alone.

mod photos;

use app::{
    branches::{
        model::{BranchDraft, BranchInput},
        service::BranchError,
    },
    drops::{
        model::{DropInput, ScheduleInput},
        rules::DropCommand,
        schedule::instant_to_local,
        service::DropError,
    },
    identity::model::{Principal, Registration},
    products::{model::ProductDraft, service::ProductError},
    reservations::{
        error::ReservationError,
        model::{BookingRequest, IdempotencyKey},
    },
    services::Services,
    stores::{
        model::{NewStore, StoreProfile},
        service::StoreError,
    },
    time::TimeZoneName,
    time::Timestamp,
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
    #[error(transparent)]
    Drop(#[from] DropError),
    #[error(transparent)]
    Reservation(#[from] ReservationError),
}

/// (store slug, name, description, opens this many minutes from now, lasts days, slot minutes,
/// places per slot): one drop opening soon after start, one already open.
const DEMO_DROPS: [(&str, &str, &str, i64, i64, &str, &str); 2] = [
    (
        "kanom-bakery",
        "Weekend croissant drop",
        "Two hundred butter croissants a morning, laminated for three days. Pick a pickup slot.",
        3,
        7,
        "30",
        "20",
    ),
    (
        "sole-archive",
        "Archive release 07",
        "Forty numbered pairs of the 2007 archive runner. One pair per person; try-on by slot.",
        -10,
        7,
        "60",
        "10",
    ),
];

/// Bangkok wall-clock text ("2026-12-01T10:00:00") for the minute `minutes` from now, and its
/// date (the demo branches are there).
fn bangkok(minutes: i64) -> (String, String) {
    let now = Timestamp::now().as_millis() / 60_000 * 60_000;
    let zone = TimeZoneName::parse("Asia/Bangkok").expect("a valid zone name");
    let local = instant_to_local(Timestamp::from_millis(now + minutes * 60_000), &zone)
        .expect("Bangkok is in the bundled time zone database");
    let date = local[..10].to_owned();
    (local, date)
}

async fn seed_drops(services: &Services, owner: &Principal) -> Result<(), SeedError> {
    for (slug, name, description, opens_in, days, slot_minutes, capacity) in DEMO_DROPS {
        let slug = app::stores::model::StoreSlug::parse(slug).expect("demo slugs are valid");
        let store = services.stores.get_by_slug(owner, &slug).await?;
        let existing = services
            .drops
            .for_store(owner, store.id, Timestamp::now())
            .await?;
        if existing.iter().any(|d| d.name.as_str() == name) {
            continue;
        }
        let products = services
            .products
            .list_for_store(owner, store.id, app::paging::PageRequest::new(None, None))
            .await?;
        let branches = services
            .branches
            .for_store(owner, store.id, Timestamp::now())
            .await?;
        let (opens_at, _) = bangkok(opens_in);
        let (closes_at, _) = bangkok(days * 24 * 60);
        let input = DropInput {
            name: name.into(),
            description: description.into(),
            time_zone: "Asia/Bangkok".into(),
            opens_at,
            closes_at,
            products: products.items.iter().map(|p| p.id.to_string()).collect(),
            ..DropInput::default()
        };
        let drop = services.drops.create(owner, store.id, &input).await?;
        let (_, first_day) = bangkok(24 * 60);
        let (_, last_day) = bangkok(days * 24 * 60);
        for branch in branches {
            let schedule = ScheduleInput {
                branch_id: branch.branch.id.to_string(),
                first_day: first_day.clone(),
                last_day: last_day.clone(),
                daily_from: "10:00".into(),
                daily_until: "14:00".into(),
                slot_minutes: slot_minutes.into(),
                capacity: capacity.into(),
                weekdays: Vec::new(),
            };
            services.drops.add_slots(owner, drop.id, &schedule).await?;
        }
        services
            .drops
            .command(owner, drop.id, DropCommand::Publish)
            .await?;
    }
    Ok(())
}

pub async fn seed_demo(services: &Services) -> Result<(), SeedError> {
    let provision = |(email, name, password): (&str, &str, &str)| {
        let registration =
            Registration::parse(email, name, password).expect("demo accounts are valid");
        services.identity.provision_account(registration, false)
    };
    let owner = provision(DEMO_OWNER).await.map_err(StoreError::from)?;
    let shopper = provision(DEMO_SHOPPER).await.map_err(StoreError::from)?;
    let owner = Principal::User {
        id: owner,
        is_platform_admin: false,
        email_verified: true,
    };
    let shopper = Principal::User {
        id: shopper,
        is_platform_admin: false,
        email_verified: true,
    };
    for (index, (name, slug, description, accent)) in DEMO_STORES.into_iter().enumerate() {
        let new = NewStore::parse(name, Some(slug)).expect("demo stores are valid");
        match services.stores.create(&owner, new).await {
            Ok(store) => {
                let profile = StoreProfile::parse(description, "", "", accent, "THB")
                    .expect("demo profiles are valid");
                services
                    .stores
                    .update_profile(&owner, store.id, profile, None)
                    .await?;
                let logo = photos::store_logo(accent, index);
                services.stores.set_logo(&owner, store.id, logo).await?;
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
            .for_store(&owner, store.id, Timestamp::now())
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
    for (index, (slug, sku, name, description, price, currency)) in
        DEMO_PRODUCTS.into_iter().enumerate()
    {
        let slug = app::stores::model::StoreSlug::parse(slug).expect("demo slugs are valid");
        let store = services.stores.get_by_slug(&owner, &slug).await?;
        let draft = ProductDraft::parse(sku, name, description, price, currency, None)
            .expect("demo products are valid");
        match services.products.create(&owner, store.id, draft).await {
            Ok(product) => {
                let photo = photos::product_photo(store.profile.accent.as_str(), index);
                services
                    .products
                    .add_image(&owner, product.id, photo)
                    .await?;
            }
            Err(ProductError::SkuTaken(_)) => {}
            Err(error) => return Err(error.into()),
        }
    }
    seed_drops(services, &owner).await?;
    seed_booking(services, &owner, &shopper).await
}

/// The demo shopper's ticket for the first slot of the open drop, so the door scanner has
/// someone to let in. Its idempotency key makes a second seed answer the same booking.
async fn seed_booking(
    services: &Services,
    owner: &Principal,
    shopper: &Principal,
) -> Result<(), SeedError> {
    let (slug, name, ..) = DEMO_DROPS[1];
    let slug = app::stores::model::StoreSlug::parse(slug).expect("demo slugs are valid");
    let store = services.stores.get_by_slug(owner, &slug).await?;
    let drops = services
        .drops
        .for_store(owner, store.id, Timestamp::now())
        .await?;
    let Some(drop) = drops.iter().find(|d| d.name.as_str() == name) else {
        return Ok(());
    };
    let Some(first) = services
        .drops
        .slots(owner, drop.id)
        .await?
        .into_iter()
        .next()
    else {
        return Ok(());
    };
    let request = BookingRequest {
        slot_id: first.slot.id,
        units: 1.into(),
        idempotency_key: IdempotencyKey::parse("demo-booking").ok(),
        access_code: None,
        key_is_new: false,
    };
    services.reservations.book(shopper, &request).await?;
    Ok(())
}
