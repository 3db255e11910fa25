//! Abuse mode: scripted accounts firing from one address race ordinary shoppers, each on an
//! address of their own, for a drop's places, while people sign up. Measures what share of the
//! places the script wins, and what the ordinary shoppers and the sign-ups get meanwhile, with
//! and without DropSlot's protections. The server believes X-Forwarded-For from loopback, and
//! every request names its client there.

use crate::{
    Flags,
    database::{self, BenchDatabase},
    load::{self, Latencies},
    scenario::{self, Prepared},
    servers::Fleet,
};
use app::{
    contact::Email,
    identity::model::{DisplayName, Password},
};
use clap::ValueEnum;
use reqwest::{StatusCode, header::RETRY_AFTER};
use serde_json::{Value, json};
use std::{
    collections::{BTreeMap, HashSet},
    hash::{BuildHasher, RandomState},
    sync::Arc,
    time::Duration,
};
use tokio::time::{Instant, sleep, sleep_until};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Variant {
    /// As DropSlot was before its protections: limits out of reach, a drop that takes
    /// unconfirmed emails, the script's accounts unconfirmed.
    Unprotected,
    /// Today's defaults: the default limits, a drop that wants confirmed emails, the script's
    /// accounts throwaway sign-ups (unconfirmed).
    Protected,
    /// Today's defaults against a script whose accounts have real inboxes (confirmed).
    ProtectedVerified,
}

/// The script's one address (TEST-NET-3).
const SCRIPT_ADDRESS: &str = "203.0.113.7";
/// How long each scripted account keeps firing at most.
const SCRIPT_FOR: Duration = Duration::from_secs(30);
/// An ordinary shopper presses "book" within this long of the opening.
const REACTION: Duration = Duration::from_secs(2);
/// The sign-ups arrive this long after the opening, into the booking rush (the script's first
/// requests are answered by then).
const SIGN_UPS_AFTER: Duration = Duration::from_millis(100);
/// Told to come back (429, 503) without a Retry-After, a shopper waits this long.
const DEFAULT_WAIT: Duration = Duration::from_secs(1);
/// A slot's answer when it has no place left.
const FULL: &str = "409 res-err-full";

/// What every task shares: the client, the server, the drop's slots and the clock.
struct Opening {
    client: reqwest::Client,
    base: String,
    slots: Vec<String>,
    /// Everyone starts from here.
    t0: Instant,
    /// Nobody goes on past this (`--max-seconds`).
    deadline: Instant,
}

/// One booking's answer.
struct Answer {
    status: Option<StatusCode>,
    /// The status with the problem's type (`409 res-err-full`), or how the request failed.
    label: String,
    /// The reservation's id when it was booked.
    reservation: Option<String>,
    retry_after: Option<Duration>,
}

/// One booking request for `slot` from `address`, with a key of its own.
async fn book(opening: &Opening, token: &str, address: &str, slot: usize, key: String) -> Answer {
    let request = opening
        .client
        .post(format!("{}/api/v1/reservations", opening.base))
        .header("authorization", token)
        .header("idempotency-key", key)
        .header("x-forwarded-for", address)
        .json(&json!({ "slot_id": opening.slots[slot] }));
    let response = match request.send().await {
        Ok(response) => response,
        Err(e) => {
            let kind = if e.is_connect() {
                "connect"
            } else if e.is_timeout() {
                "timeout"
            } else {
                "transport"
            };
            return Answer {
                status: None,
                label: kind.to_owned(),
                reservation: None,
                retry_after: None,
            };
        }
    };
    let status = response.status();
    let retry_after = response
        .headers()
        .get(RETRY_AFTER)
        .and_then(|v| v.to_str().ok()?.parse().ok())
        .map(Duration::from_secs);
    let body: Value = response.json().await.unwrap_or(Value::Null);
    let label = match body["type"].as_str() {
        Some(problem) => format!(
            "{} {}",
            status.as_u16(),
            problem.trim_start_matches("urn:dropslot:problem:")
        ),
        None => status.as_u16().to_string(),
    };
    let reservation = body["id"]
        .as_str()
        .filter(|_| status == StatusCode::CREATED)
        .map(str::to_owned);
    Answer {
        status: Some(status),
        label,
        reservation,
        retry_after,
    }
}

/// A random number, new at each call: std's hasher keys are random and differ per `RandomState`.
fn random() -> u64 {
    RandomState::new().hash_one(())
}

#[derive(Default)]
struct Script {
    sent: u64,
    answers: BTreeMap<String, u64>,
    won: Option<String>,
}

/// One scripted account: bookings at the slots in turn as fast as the answers come, Retry-After
/// ignored, until it holds a place, every slot has answered full, or `SCRIPT_FOR` has passed.
async fn script(opening: Arc<Opening>, token: String, account: usize) -> Script {
    sleep_until(opening.t0).await;
    let stop = (opening.t0 + SCRIPT_FOR).min(opening.deadline);
    let slots = opening.slots.len();
    let mut seen = Script::default();
    let mut full = HashSet::new();
    let mut slot = account % slots;
    while full.len() < slots && Instant::now() < stop {
        let key = format!("script-{account}-{}", seen.sent);
        let answer = book(&opening, &token, SCRIPT_ADDRESS, slot, key).await;
        seen.sent += 1;
        *seen.answers.entry(answer.label.clone()).or_default() += 1;
        if answer.reservation.is_some() {
            seen.won = answer.reservation;
            break;
        }
        if answer.label == FULL {
            full.insert(slot);
        }
        slot = (slot + 1) % slots;
    }
    seen
}

#[derive(Default)]
struct Shopper {
    answers: BTreeMap<String, u64>,
    /// Every request: when it was sent and how long its answer took.
    requests: Vec<(Instant, Duration)>,
    /// The booking request that got the place: how long it took, and the reservation's id.
    booked: Option<(Duration, String)>,
}

/// One ordinary shopper: presses "book" on a random slot within `REACTION`; on "full" tries each
/// other slot once, in turn; told to come back (429, 503), waits as told, once, and tries again.
async fn shop(opening: Arc<Opening>, token: String, shopper: usize) -> Shopper {
    let reaction = Duration::from_millis(random() % (REACTION.as_millis() as u64 + 1));
    sleep_until(opening.t0 + reaction).await;
    let address = format!(
        "10.{}.{}.{}",
        (shopper >> 16) & 255,
        (shopper >> 8) & 255,
        shopper & 255
    );
    let slots = opening.slots.len();
    let first = random() as usize % slots;
    let mut seen = Shopper::default();
    let (mut tried, mut waited, mut sent) = (0, false, 0);
    while tried < slots && Instant::now() < opening.deadline {
        let slot = (first + tried) % slots;
        let key = format!("shopper-{shopper}-{sent}");
        sent += 1;
        let asked = Instant::now();
        let answer = book(&opening, &token, &address, slot, key).await;
        seen.requests.push((asked, asked.elapsed()));
        *seen.answers.entry(answer.label.clone()).or_default() += 1;
        if let Some(id) = answer.reservation {
            seen.booked = Some((asked.elapsed(), id));
            break;
        }
        match answer.status {
            Some(StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE) if !waited => {
                waited = true;
                sleep(answer.retry_after.unwrap_or(DEFAULT_WAIT)).await;
            }
            _ if answer.label == FULL => tried += 1,
            // Refused for another reason, or turned away twice: the shopper gives up.
            _ => break,
        }
    }
    seen
}

/// One sign-up: a new email, from an address of its own. Its answer's status (or how it
/// failed), how long it took, and when it was sent and answered.
async fn sign_up(
    opening: Arc<Opening>,
    path: Arc<str>,
    person: usize,
) -> (String, Duration, Instant, Instant) {
    sleep_until(opening.t0 + SIGN_UPS_AFTER).await;
    let email = format!("signup{person}@abuse.test");
    let request = opening
        .client
        .post(format!("{}{path}", opening.base))
        // A server function is posted by the site's own page.
        .header("sec-fetch-site", "same-origin")
        .header(
            "x-forwarded-for",
            format!("172.16.{}.{}", (person >> 8) & 255, person & 255),
        )
        .form(&[
            ("email", email.as_str()),
            ("display_name", "New Shopper"),
            ("password", scenario::PASSWORD),
        ]);
    let sent = Instant::now();
    let label = match request.send().await {
        Ok(response) => {
            let status = response.status().as_u16().to_string();
            // The answer counts once read to its end.
            let _ = response.bytes().await;
            status
        }
        Err(e) if e.is_timeout() => "timeout".to_owned(),
        Err(_) => "transport".to_owned(),
    };
    (label, sent.elapsed(), sent, Instant::now())
}

/// The server function the sign-up page's form posts to, read from the page as a script would
/// (its path ends in a hash of its own).
async fn sign_up_path(client: &reqwest::Client, base: &str) -> Result<String, String> {
    let page = client
        .get(format!("{base}/register"))
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .map_err(|e| format!("sign-up page: {e}"))?
        .text()
        .await
        .map_err(|e| format!("sign-up page: {e}"))?;
    let start = page
        .find("action=\"/api/register")
        .ok_or("the sign-up page has no sign-up form")?
        + "action=\"".len();
    let length = page[start..].find('"').ok_or("the sign-up form's action")?;
    Ok(page[start..start + length].to_owned())
}

/// The script's accounts: made as the shoppers are, set back to unconfirmed in their rows unless
/// `confirmed`, then each signed in for its access token. A token carries whether its email was
/// confirmed when it was made (requests look nothing up), so it must come after the change.
async fn scripted_accounts(
    flags: &Flags,
    database: &BenchDatabase,
    prepared: &Prepared,
    confirmed: bool,
) -> Result<Vec<String>, String> {
    let identity = &prepared.services.identity;
    let emails: Vec<String> = (0..flags.scripted)
        .map(|i| format!("script{i}@scripted.test"))
        .collect();
    let name = DisplayName::parse("Script").map_err(|e| format!("name: {e}"))?;
    let mut people = Vec::with_capacity(emails.len());
    for email in &emails {
        let email = Email::parse(email).map_err(|e| format!("email: {e}"))?;
        people.push((email, name.clone()));
    }
    let password =
        Password::parse(scenario::PASSWORD, None).map_err(|e| format!("password: {e}"))?;
    identity
        .provision_accounts(&people, &password)
        .await
        .map_err(|e| format!("scripted accounts: {e}"))?;
    if !confirmed {
        app::on_db!(&database.db, pool => sqlx::query(
            "UPDATE users SET email_verified_at = NULL WHERE email LIKE '%@scripted.test'",
        )
        .execute(pool)
        .await
        .map(|_| ()))
        .map_err(|e| format!("unconfirm: {e}"))?;
    }
    let mut tokens = Vec::with_capacity(emails.len());
    for email in &emails {
        let pair = identity
            .issue_api_tokens(email, scenario::PASSWORD, None)
            .await
            .map_err(|e| format!("scripted sign-in: {e}"))?;
        tokens.push(format!("Bearer {}", pair.access_token));
    }
    Ok(tokens)
}

/// Runs `variant` on a database of its own and prints one JSON line; answers whether the
/// booking invariants held.
pub async fn run(flags: &Flags, variant: Variant) -> Result<bool, String> {
    if flags.instances != 1 {
        return Err("--abuse runs with one instance".into());
    }
    let database = BenchDatabase::create(flags).await?;
    let outcome = measure(flags, variant, &database).await;
    database.drop_it().await;
    let (report, holds) = outcome?;
    println!("{report}");
    Ok(holds)
}

async fn measure(
    flags: &Flags,
    variant: Variant,
    database: &BenchDatabase,
) -> Result<(Value, bool), String> {
    let limit = Duration::from_secs(flags.max_seconds);
    let mut settings = "[server]\ntrusted_proxies = [\"127.0.0.1\"]\n".to_owned();
    if variant == Variant::Unprotected {
        settings.push_str(scenario::ONE_ADDRESS_LIMITS);
    }
    let prepared = scenario::prepare(flags, database, &settings).await?;
    let confirmed = variant == Variant::ProtectedVerified;
    let script_tokens = scripted_accounts(flags, database, &prepared, confirmed).await?;
    let fleet = Fleet::start(flags, &prepared.config_file, limit).await?;
    let base = fleet.urls()[0].clone();
    let email_rule = variant != Variant::Unprotected;
    let drop = scenario::open_drop(&base, &prepared, flags, email_rule).await?;
    let client = load::client(flags.users + flags.scripted + flags.registrations)?;
    let path: Arc<str> = sign_up_path(&client, &base).await?.into();
    // Time to start every task before the opening.
    let t0 = Instant::now() + Duration::from_millis(200);
    let opening = Arc::new(Opening {
        client,
        base,
        slots: drop.slots.clone(),
        t0,
        deadline: t0 + limit,
    });
    let scripts: Vec<_> = script_tokens
        .into_iter()
        .enumerate()
        .map(|(i, token)| tokio::spawn(script(opening.clone(), token, i)))
        .collect();
    let shoppers: Vec<_> = prepared
        .shoppers
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, token)| tokio::spawn(shop(opening.clone(), token, i)))
        .collect();
    let sign_ups: Vec<_> = (0..flags.registrations)
        .map(|i| tokio::spawn(sign_up(opening.clone(), path.clone(), i)))
        .collect();

    let mut acknowledged = HashSet::new();
    let (mut script_answers, mut script_requests, mut won_by_scripted) = (BTreeMap::new(), 0, 0);
    for task in scripts {
        let seen = task.await.map_err(|e| format!("script: {e}"))?;
        script_requests += seen.sent;
        for (label, n) in seen.answers {
            *script_answers.entry(label).or_insert(0) += n;
        }
        if let Some(id) = seen.won {
            won_by_scripted += 1;
            acknowledged.insert(id);
        }
    }
    let (mut shopper_answers, mut success, mut requests) =
        (BTreeMap::new(), Latencies::new(), Vec::new());
    for task in shoppers {
        let seen = task.await.map_err(|e| format!("shopper: {e}"))?;
        requests.extend(seen.requests);
        for (label, n) in seen.answers {
            *shopper_answers.entry(label).or_insert(0) += n;
        }
        if let Some((took, id)) = seen.booked {
            success.record(took);
            acknowledged.insert(id);
        }
    }
    let mut registrations: BTreeMap<String, Latencies> = BTreeMap::new();
    let (mut first_sent, mut last_answered) = (None::<Instant>, None::<Instant>);
    for task in sign_ups {
        let (label, took, sent, answered) = task.await.map_err(|e| format!("sign-up: {e}"))?;
        registrations
            .entry(label)
            .or_insert_with(Latencies::new)
            .record(took);
        first_sent = Some(first_sent.map_or(sent, |at| at.min(sent)));
        last_answered = Some(last_answered.map_or(answered, |at| at.max(answered)));
    }
    // The booking path while every password-hashing turn is taken: the shoppers' requests sent
    // while sign-ups were waiting or hashing, whatever their answer.
    let mut during_sign_ups = Latencies::new();
    if let (Some(from), Some(to)) = (first_sent, last_answered) {
        for (_, took) in requests
            .iter()
            .filter(|(sent, _)| (from..=to).contains(sent))
        {
            during_sign_ups.record(*took);
        }
    }
    // VmHWM is the kernel's high-water mark of the server's whole life, so reading it now, before
    // the server stops, covers the run.
    let peak_rss_mb = fleet.peak_rss_mb();
    fleet.stop().await;
    let checked = database::check(database, &drop, flags, &acknowledged).await?;

    let places = drop.slots.len() * flags.capacity as usize;
    let registrations: BTreeMap<String, Value> = registrations
        .into_iter()
        .map(|(label, latencies)| (label, latencies.summary()))
        .collect();
    let report = json!({
        "variant": variant.to_possible_value().map(|v| v.get_name().to_owned()),
        "engine": format!("{:?}", flags.engine).to_lowercase(),
        "slots": drop.slots.len(),
        "capacity": flags.capacity,
        "ordinary": flags.users,
        "scripted": flags.scripted,
        "places": places,
        "won_by_scripted": won_by_scripted,
        "won_by_ordinary": acknowledged.len() - won_by_scripted,
        "scripted_share": (won_by_scripted as f64 / places as f64 * 1000.0).round() / 1000.0,
        "ordinary_success_ms": success.summary(),
        "ordinary_answers": shopper_answers,
        "scripted_requests": script_requests,
        "scripted_answers": script_answers,
        "registrations": registrations,
        "ordinary_ms_during_registrations": during_sign_ups.summary(),
        "peak_rss_mb": peak_rss_mb,
        "oversell": checked.oversell,
        "undersell": checked.undersell,
        "limit_violations": checked.limit_violations,
        "lost_acknowledged": checked.lost,
    });
    Ok((report, checked.holds()))
}
