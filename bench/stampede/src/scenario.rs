//! Preparing the stampede, untimed: U shopper accounts inserted in bulk with one password hash
//! and an access token each (signed directly, no sign-in), an owner, and over the server's own
//! REST API a store, a branch, a product and a drop with S slots of C places, opened already.

use crate::{Flags, database::BenchDatabase, phone};
use app::{
    contact::Email,
    identity::{
        model::{DisplayName, Password, UserId},
        sessions::{AUTH_KEY, AuthSession},
    },
    services::Services,
    time::Timestamp,
};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::Write;
use tower_sessions::{
    SessionStore,
    session::{Id, Record},
};

pub const PASSWORD: &str = "stampede-bench-password-26";
/// Shared by the benchmark and the servers it starts, so the tokens it signs are accepted.
const JWT_SECRET: &str = "stampede-bench-secret-stampede-bench-secret";
/// Every shopper here comes from one address (loopback), as no crowd does, and the sold-out and
/// page phases send many requests per shopper: every limit is lifted out of reach, but stays
/// set, so counting each request is part of what is measured.
pub const ONE_ADDRESS_LIMITS: &str = "[limits]\n\
     any = { per_address = 4000000000, per_account = 4000000000, per_secs = 60 }\n\
     booking = { per_address = 4000000000, per_account = 4000000000, per_secs = 60 }\n";

pub struct Prepared {
    /// The servers' configuration (database, secret, logging), layered over the defaults.
    pub config_file: tempfile::NamedTempFile,
    pub owner_token: String,
    /// `Authorization` values, one per shopper.
    pub shoppers: Vec<String>,
    /// `Cookie` values of a signed-in browser session, one per shopper (the same shoppers).
    pub cookies: Vec<String>,
    /// The services over the benchmark's database, for accounts made after these.
    pub services: Services,
}

pub struct OpenDrop {
    pub id: String,
    pub slots: Vec<String>,
    pub per_person_limit: u16,
}

/// `settings` is TOML appended to the servers' configuration (tables the rest does not name).
pub async fn prepare(
    flags: &Flags,
    database: &BenchDatabase,
    settings: &str,
) -> Result<Prepared, String> {
    let mut config_file =
        tempfile::NamedTempFile::new().map_err(|e| format!("config file: {e}"))?;
    let media = tempfile::env::temp_dir().join("dropslot-bench-media");
    write!(
        config_file,
        "[database]\nurl = \"{}\"\nmax_connections = {}\n\
         [identity]\njwt_secret = \"{JWT_SECRET}\"\naccess_token_minutes = 60\n\
         [log]\nfilter = \"warn\"\n[mail]\nfile_dir = \"{}\"\n[media]\ndir = \"{}\"\n\
         {settings}",
        database.url,
        flags.db_connections,
        media.join("mail").display(),
        media.display()
    )
    .map_err(|e| format!("config file: {e}"))?;
    let config = server::config::Config::load(Some(config_file.path()))
        .map_err(|e| format!("configuration: {e}"))?;
    let services = server::startup::build_services(database.db.clone(), &config)
        .map_err(|e| format!("services: {e}"))?;
    let password = Password::parse(PASSWORD, None).map_err(|e| format!("password: {e}"))?;
    let name = DisplayName::parse("Shopper").map_err(|e| format!("name: {e}"))?;
    let mut people = Vec::with_capacity(flags.users + 1);
    for i in 0..=flags.users {
        let email = Email::parse(&format!("shopper{i}@stampede.test"))
            .map_err(|e| format!("email: {e}"))?;
        people.push((email, name.clone()));
    }
    let ids = services
        .identity
        .provision_accounts(&people, &password)
        .await
        .map_err(|e| format!("accounts: {e}"))?;
    let cookies = sessions(&services, &ids[1..]).await?;
    let mut tokens = Vec::with_capacity(ids.len());
    for id in ids {
        let token = services
            .identity
            .access_token(id)
            .map_err(|e| format!("token: {e}"))?;
        tokens.push(format!("Bearer {token}"));
    }
    let owner_token = tokens.remove(0);
    Ok(Prepared {
        config_file,
        owner_token,
        shoppers: tokens,
        cookies,
        services,
    })
}

/// A signed-in browser session per shopper, written straight to the store as signing in
/// would, with no password hashing (not timed).
async fn sessions(services: &Services, people: &[UserId]) -> Result<Vec<String>, String> {
    let store = services.identity.session_store();
    let expiry = time::OffsetDateTime::now_utc() + time::Duration::days(1);
    let mut cookies = Vec::with_capacity(people.len());
    for user_id in people {
        let auth = AuthSession {
            user_id: *user_id,
            signed_in_at: Timestamp::now(),
            user_agent: "stampede".to_owned(),
            renewed_at: None,
        };
        let data = HashMap::from([(
            AUTH_KEY.to_owned(),
            serde_json::to_value(auth).map_err(|e| format!("session: {e}"))?,
        )]);
        let mut record = Record {
            id: Id::default(),
            data,
            expiry_date: expiry,
        };
        store
            .create(&mut record)
            .await
            .map_err(|e| format!("session: {e}"))?;
        cookies.push(format!("{}={}", phone::SESSION_COOKIE, record.id));
    }
    Ok(cookies)
}

/// "2030-01-07T10:00:00" on UTC's clock, `offset_ms` from now.
fn utc_text(offset_ms: i64) -> String {
    let at = time::OffsetDateTime::now_utc() + time::Duration::milliseconds(offset_ms);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

/// Five-minute slots from midnight: S of them end at this wall-clock time.
fn daily_until(slots: u32) -> Result<String, String> {
    let minutes = slots * 5;
    if slots == 0 || minutes >= 24 * 60 {
        return Err(format!("--slots must be from 1 to {}", 24 * 60 / 5 - 1));
    }
    Ok(format!("{:02}:{:02}", minutes / 60, minutes % 60))
}

/// Builds and publishes the drop over the REST API, opened two minutes ago, on UTC's clock. Its
/// email rule is left to the default (confirmed emails only) unless `verified_email_required`
/// is false, so a server from before the rule gets the body it knows.
pub async fn open_drop(
    base: &str,
    prepared: &Prepared,
    flags: &Flags,
    verified_email_required: bool,
) -> Result<OpenDrop, String> {
    let client = reqwest::Client::new();
    let auth = prepared.owner_token.as_str();
    let post = |path: String, body: Value| {
        let request = client
            .post(format!("{base}{path}"))
            .header("authorization", auth)
            .json(&body);
        async move {
            let response = request.send().await.map_err(|e| format!("{path}: {e}"))?;
            let status = response.status();
            let body: Value = response.json().await.unwrap_or(Value::Null);
            if status.is_success() {
                Ok(body)
            } else {
                Err(format!("{path}: {status} {body}"))
            }
        }
    };
    post(
        "/api/v1/stores".into(),
        json!({ "name": "Stampede", "slug": "stampede" }),
    )
    .await?;
    let product = post(
        "/api/v1/stores/stampede/products".into(),
        json!({ "sku": "SNK-1", "name": "Sneaker", "description": "", "price": "4200", "currency": "THB" }),
    )
    .await?;
    let branch = post(
        "/api/v1/stores/stampede/branches".into(),
        json!({
            "name": "Loopback", "street": "1 Local Rd", "city": "Bangkok", "postcode": "10330", "country": "TH",
            "latitude": "13.7462", "longitude": "100.5347", "time_zone": "UTC",
            "opens": ["00:00", "00:00", "00:00", "00:00", "00:00", "00:00", "00:00"],
            "closes": ["23:59", "23:59", "23:59", "23:59", "23:59", "23:59", "23:59"],
            "exceptions": ""
        }),
    )
    .await?;
    let (opens, closes) = (utc_text(-120_000), utc_text(3_600_000));
    let mut rules = json!({ "reservations_per_person": "1", "units_per_reservation": "1" });
    if !verified_email_required {
        rules["verified_email_required"] = Value::Bool(false);
    }
    let created = post(
        "/api/v1/stores/stampede/drops".into(),
        json!({
            "name": "Stampede drop", "time_zone": "UTC", "opens_at": opens, "closes_at": closes,
            "products": [product["id"]], "rules": rules
        }),
    )
    .await?;
    let id = created["drop"]["id"]
        .as_str()
        .ok_or("the drop has no id")?
        .to_owned();
    post(
        format!("/api/v1/drops/{id}/slots"),
        json!({
            "branch_id": branch["id"], "first_day": "2030-01-07", "last_day": "2030-01-07",
            "daily_from": "00:00", "daily_until": daily_until(flags.slots)?,
            "slot_minutes": "5", "capacity": flags.capacity.to_string()
        }),
    )
    .await?;
    post(format!("/api/v1/drops/{id}/publish"), json!({})).await?;
    let listed: Value = client
        .get(format!("{base}/api/v1/drops/{id}/slots"))
        .send()
        .await
        .map_err(|e| format!("slots: {e}"))?
        .json()
        .await
        .map_err(|e| format!("slots: {e}"))?;
    let slots = listed
        .as_array()
        .ok_or("slots: not a list")?
        .iter()
        .filter_map(|s| s["slot"]["id"].as_str().map(str::to_owned))
        .collect();
    Ok(OpenDrop {
        id,
        slots,
        per_person_limit: 1,
    })
}
