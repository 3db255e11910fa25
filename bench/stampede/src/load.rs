//! The load generator: K workers share one list of requests, each sent once, over keep-alive
//! connections to loopback. Latencies go to HDR histograms (microseconds) per outcome.

use crate::{
    Flags,
    scenario::{OpenDrop, Prepared},
    servers::Fleet,
};
use hdrhistogram::Histogram;
use serde_json::{Value, json};
use std::{
    collections::{BTreeMap, HashSet},
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

/// One outcome's latencies.
pub struct Latencies(Histogram<u64>);

impl Latencies {
    pub fn new() -> Self {
        // 1 µs to 10 minutes, 3 significant digits.
        Self(Histogram::new_with_bounds(1, 600_000_000, 3).expect("histogram bounds"))
    }

    pub fn record(&mut self, elapsed: Duration) {
        let micros = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX);
        self.0.saturating_record(micros.max(1));
    }

    pub fn merge(&mut self, other: &Latencies) {
        self.0.add(&other.0).expect("histograms of one shape");
    }

    pub fn count(&self) -> u64 {
        self.0.len()
    }

    /// p50, p95, p99 and max in milliseconds.
    pub fn summary(&self) -> Value {
        let ms = |micros: u64| (micros as f64 / 10.0).round() / 100.0;
        if self.0.is_empty() {
            return Value::Null;
        }
        json!({
            "count": self.0.len(),
            "p50": ms(self.0.value_at_quantile(0.50)),
            "p95": ms(self.0.value_at_quantile(0.95)),
            "p99": ms(self.0.value_at_quantile(0.99)),
            "max": ms(self.0.max()),
        })
    }
}

/// What one worker saw.
struct Seen {
    successes: Latencies,
    rejections: Latencies,
    errors: BTreeMap<String, u64>,
    acknowledged: Vec<String>,
    last_success: Option<Instant>,
}

impl Seen {
    fn new() -> Self {
        Self {
            successes: Latencies::new(),
            rejections: Latencies::new(),
            errors: BTreeMap::new(),
            acknowledged: Vec::new(),
            last_success: None,
        }
    }
}

pub fn client(concurrency: usize) -> Result<reqwest::Client, String> {
    reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .timeout(Duration::from_secs(30))
        .build()
        .map_err(|e| format!("HTTP client: {e}"))
}

/// `total` requests, `concurrency` at a time, each read to its end: their latencies, or the
/// first answer other than `expected`.
pub async fn timed<F>(
    total: usize,
    concurrency: usize,
    limit: Duration,
    expected: reqwest::StatusCode,
    request: F,
) -> Result<Latencies, String>
where
    F: Fn(usize) -> reqwest::RequestBuilder + Clone + Send + 'static,
{
    let next = Arc::new(AtomicUsize::new(0));
    let deadline = Instant::now() + limit;
    let mut workers = Vec::new();
    for _ in 0..concurrency.max(1) {
        let (next, request) = (next.clone(), request.clone());
        workers.push(tokio::spawn(async move {
            let mut seen = Latencies::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= total || Instant::now() > deadline {
                    return Ok(seen);
                }
                let sent = Instant::now();
                match request(i).send().await {
                    Ok(r) if r.status() == expected => {
                        r.bytes().await.map_err(|e| format!("body: {e}"))?;
                        seen.record(sent.elapsed());
                    }
                    Ok(r) => return Err(format!("{} answered {}", r.url(), r.status())),
                    Err(e) => return Err(format!("request: {e}")),
                }
            }
        }));
    }
    let mut all = Latencies::new();
    for worker in workers {
        all.merge(&worker.await.map_err(|e| format!("worker: {e}"))??);
    }
    Ok(all)
}

/// The HTTP ceiling: `requests` at `concurrency` to the server's trivial `/healthz` (no
/// database, no session): requests per second, and their latencies (the floor under any
/// booking's at this concurrency on this machine).
pub async fn ceiling(
    urls: &[String],
    requests: usize,
    concurrency: usize,
    limit: Duration,
) -> Result<(f64, Latencies), String> {
    let client = client(concurrency)?;
    let urls = urls.to_vec();
    let started = Instant::now();
    let latencies = timed(
        requests,
        concurrency,
        limit,
        reqwest::StatusCode::OK,
        move |i| client.get(format!("{}/healthz", urls[i % urls.len()])),
    )
    .await?;
    Ok((requests as f64 / started.elapsed().as_secs_f64(), latencies))
}

/// Booking attempts once every place is taken: shoppers press "book" again with new keys,
/// `concurrency` at a time. Each must be refused (409).
pub async fn sold_out(
    urls: &[String],
    prepared: &Prepared,
    drop: &OpenDrop,
    requests: usize,
    concurrency: usize,
    limit: Duration,
) -> Result<Latencies, String> {
    let client = client(concurrency)?;
    let urls = urls.to_vec();
    let (shoppers, slots) = (prepared.shoppers.clone(), drop.slots.clone());
    timed(
        requests,
        concurrency,
        limit,
        reqwest::StatusCode::CONFLICT,
        move |i| {
            let shopper = &shoppers[i % shoppers.len()];
            booking(&client, &urls, i, shopper, &slots, &format!("sold-out-{i}"))
        },
    )
    .await
}

/// Attempt `i`: one place in a slot, slots and instances taken round-robin.
fn booking(
    client: &reqwest::Client,
    urls: &[String],
    i: usize,
    shopper: &str,
    slots: &[String],
    key: &str,
) -> reqwest::RequestBuilder {
    client
        .post(format!("{}/api/v1/reservations", urls[i % urls.len()]))
        .header("authorization", shopper)
        .header("idempotency-key", key)
        .json(&json!({ "slot_id": slots[i % slots.len()] }))
}

/// Sends one request; answers its status and JSON body, or the kind of failure.
async fn send(
    request: Option<reqwest::RequestBuilder>,
) -> Result<(reqwest::StatusCode, Value), String> {
    let request = request.ok_or("a request that cannot be sent twice")?;
    match request.send().await {
        Ok(response) => {
            let status = response.status();
            response
                .json::<Value>()
                .await
                .map(|body| (status, body))
                .map_err(|_| "unreadable answer".to_owned())
        }
        Err(e) if e.is_connect() => Err("connect".to_owned()),
        Err(e) if e.is_timeout() => Err("timeout".to_owned()),
        Err(_) => Err("transport".to_owned()),
    }
}

pub struct Stampede {
    pub attempts: usize,
    /// From the first attempt to the last answer.
    pub seconds: f64,
    /// From the first attempt to the last successful booking.
    pub booking_seconds: f64,
    pub acknowledged: HashSet<String>,
    pub successes: Latencies,
    pub rejections: Latencies,
    pub errors: BTreeMap<String, u64>,
}

/// Every shopper tries once to book one place, slots taken round-robin, instances too. In crash
/// mode the server is killed once half the places are acknowledged, and restarted.
pub async fn stampede(
    fleet: &mut Fleet,
    prepared: &Prepared,
    drop: &OpenDrop,
    flags: &Flags,
    limit: Duration,
) -> Result<Stampede, String> {
    let client = client(flags.concurrency)?;
    let urls = fleet.urls();
    let next = Arc::new(AtomicUsize::new(0));
    let booked = Arc::new(AtomicUsize::new(0));
    let shoppers = Arc::new(prepared.shoppers.clone());
    let slots = Arc::new(drop.slots.clone());
    let total = shoppers.len();
    let deadline = Instant::now() + limit;
    let started = Instant::now();
    let retry_on_failure = flags.crash;
    let mut workers = Vec::new();
    for _ in 0..flags.concurrency {
        let (client, next, booked) = (client.clone(), next.clone(), booked.clone());
        let (shoppers, slots, urls) = (shoppers.clone(), slots.clone(), urls.clone());
        workers.push(tokio::spawn(async move {
            let mut seen = Seen::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= total || Instant::now() > deadline {
                    return seen;
                }
                let request = booking(
                    &client,
                    &urls,
                    i,
                    &shoppers[i],
                    &slots,
                    &format!("stampede-{i}"),
                );
                let sent = Instant::now();
                let mut answer = send(request.try_clone()).await;
                // While the server restarts (crash mode) the shopper presses again with the same
                // key: a booking committed before the crash is answered, never made twice.
                while retry_on_failure
                    && matches!(&answer, Err(kind) if kind != "timeout")
                    && Instant::now() < deadline
                {
                    *seen.errors.entry("retried".to_owned()).or_default() += 1;
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    answer = send(request.try_clone()).await;
                }
                match answer {
                    Ok((status, body)) if status == reqwest::StatusCode::CREATED => {
                        seen.successes.record(sent.elapsed());
                        seen.last_success = Some(Instant::now());
                        if let Some(id) = body["id"].as_str() {
                            seen.acknowledged.push(id.to_owned());
                        }
                        booked.fetch_add(1, Ordering::Relaxed);
                    }
                    Ok((status, _)) if status == reqwest::StatusCode::CONFLICT => {
                        seen.rejections.record(sent.elapsed());
                    }
                    Ok((status, _)) => *seen.errors.entry(status.to_string()).or_default() += 1,
                    Err(kind) => *seen.errors.entry(kind).or_default() += 1,
                }
            }
        }));
    }
    if flags.crash {
        let half = (drop.slots.len() * flags.capacity as usize / 2).max(1);
        while booked.load(Ordering::Relaxed) < half
            && next.load(Ordering::Relaxed) < total
            && Instant::now() < deadline
        {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        fleet.crash_and_restart().await?;
    }
    let mut all = Seen::new();
    for worker in workers {
        let seen = worker.await.map_err(|e| format!("worker: {e}"))?;
        all.successes.merge(&seen.successes);
        all.rejections.merge(&seen.rejections);
        for (kind, n) in seen.errors {
            *all.errors.entry(kind).or_default() += n;
        }
        all.acknowledged.extend(seen.acknowledged);
        all.last_success = all.last_success.max(seen.last_success);
    }
    let seconds = started.elapsed().as_secs_f64();
    let booking_seconds = all
        .last_success
        .map_or(seconds, |at| at.duration_since(started).as_secs_f64());
    Ok(Stampede {
        attempts: total.min(next.load(Ordering::Relaxed)),
        seconds,
        booking_seconds,
        acknowledged: all.acknowledged.into_iter().collect(),
        successes: all.successes,
        rejections: all.rejections,
        errors: all.errors,
    })
}
