//! The stampede benchmark: a drop opens and U signed-in shoppers each try to book one place at
//! once, K at a time, over HTTP on loopback. Prepares the scenario (not timed), measures the
//! same binary's HTTP ceiling, runs the stampede, checks the database and prints one JSON line.
//! Exits non-zero when an invariant broke (oversell, undersell, a limit, a lost booking).
//! With `--abuse`, runs the abuse scenario instead (abuse.rs).

mod abuse;
mod database;
mod load;
mod phone;
mod scenario;
mod servers;

use clap::{Parser, ValueEnum};
use serde_json::json;
use std::{path::PathBuf, time::Duration};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EngineChoice {
    Sqlite,
    Postgres,
}

#[derive(Debug, Parser)]
#[command(about = "Books a drop's slots as a stampede of shoppers and checks the outcome")]
// A flag given twice takes its last value, so scripts can set defaults of their own before "$@".
#[command(args_override_self = true)]
pub struct Flags {
    #[arg(long, value_enum, default_value = "sqlite")]
    pub engine: EngineChoice,
    /// Server instances sharing the database (PostgreSQL only above 1); the generator spreads
    /// requests over them.
    #[arg(long, default_value_t = 1)]
    pub instances: usize,
    /// Slots in the drop (S).
    #[arg(long, default_value_t = 10)]
    pub slots: u32,
    /// Places per slot (C).
    #[arg(long, default_value_t = 100)]
    pub capacity: u32,
    /// Distinct signed-in shoppers, one booking attempt each (U).
    #[arg(long, default_value_t = 20_000)]
    pub users: usize,
    /// Requests in flight at once (K).
    #[arg(long, default_value_t = 256)]
    pub concurrency: usize,
    /// Kill the server with SIGKILL mid-stampede, restart it, and check nothing acknowledged
    /// was lost.
    #[arg(long)]
    pub crash: bool,
    /// The server binary to run (built by bench/run).
    #[arg(long)]
    pub server_bin: PathBuf,
    /// PostgreSQL URL able to create databases (`--engine postgres`).
    #[arg(
        long,
        env = "BENCH_POSTGRES_URL",
        default_value = "postgres://postgres@127.0.0.1:5432/postgres"
    )]
    pub postgres_admin_url: String,
    /// Each server's database connection pool size (`database.max_connections`).
    #[arg(long, default_value_t = 16)]
    pub db_connections: u32,
    /// First port of the server instances (loopback only).
    #[arg(long, default_value_t = 3700)]
    pub port: u16,
    /// Shoppers take the phone's path: signed in with a session cookie, each loads the drop
    /// page and posts one of its booking forms, as a phone without JavaScript does.
    #[arg(long)]
    pub phone: bool,
    /// GETs of `/healthz` and of each shopper page (front, store, drop; anonymous and signed
    /// in) at `--concurrency` after the stampede, for pages a second; 0 skips them.
    #[arg(long, default_value_t = 20_000)]
    pub page_requests: usize,
    /// Booking attempts after the stampede once every place is taken (new keys, refused
    /// shoppers and booked ones alike), to time a refusal apart from the stampede's queue; 0
    /// skips them.
    #[arg(long, default_value_t = 5000)]
    pub sold_out_requests: usize,
    /// Those attempts in flight at once; `/healthz` is timed at the same concurrency beside them.
    #[arg(long, default_value_t = 16)]
    pub sold_out_concurrency: usize,
    /// Give up on a phase after this many seconds.
    #[arg(long, default_value_t = 300)]
    pub max_seconds: u64,
    /// Instead of the stampede: scripted accounts on one address race `--users` ordinary
    /// shoppers for the drop's places while people sign up (bench/abuse runs every variant).
    #[arg(long, value_enum, conflicts_with_all = ["crash", "phone"])]
    pub abuse: Option<abuse::Variant>,
    /// With `--abuse`: the script's accounts.
    #[arg(long, default_value_t = 200)]
    pub scripted: usize,
    /// With `--abuse`: sign-ups sent at once a tenth of a second after the opening.
    #[arg(long, default_value_t = 500)]
    pub registrations: usize,
}

/// Once the stampede took every place: refusals and `/healthz` at `--sold-out-concurrency`.
async fn sold_out(
    fleet: &servers::Fleet,
    prepared: &scenario::Prepared,
    drop: &scenario::OpenDrop,
    stampede: &load::Stampede,
    flags: &Flags,
    limit: Duration,
) -> Result<serde_json::Value, String> {
    let places = drop.slots.len() * flags.capacity as usize;
    if flags.sold_out_requests == 0 || stampede.acknowledged.len() < places {
        return Ok(serde_json::Value::Null);
    }
    let (requests, concurrency) = (flags.sold_out_requests, flags.sold_out_concurrency);
    let urls = fleet.urls();
    let (_, floor) = load::ceiling(&urls, requests, concurrency, limit).await?;
    let refused = load::sold_out(&urls, prepared, drop, requests, concurrency, limit).await?;
    Ok(json!({
        "concurrency": concurrency,
        "rejection_ms": refused.summary(),
        "ceiling_ms": floor.summary(),
    }))
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let flags = Flags::parse();
    match run(&flags).await {
        Ok(true) => std::process::ExitCode::SUCCESS,
        Ok(false) => std::process::ExitCode::FAILURE,
        Err(error) => {
            eprintln!("stampede: {error}");
            std::process::ExitCode::from(2)
        }
    }
}

/// Runs the benchmark; answers whether every invariant held.
async fn run(flags: &Flags) -> Result<bool, String> {
    if let Some(variant) = flags.abuse {
        return abuse::run(flags, variant).await;
    }
    if flags.instances == 0 || (flags.instances > 1 && flags.engine == EngineChoice::Sqlite) {
        return Err("--instances above 1 needs --engine postgres".into());
    }
    if flags.crash && flags.instances > 1 {
        return Err("--crash runs with one instance".into());
    }
    let limit = Duration::from_secs(flags.max_seconds);
    let database = database::BenchDatabase::create(flags).await?;
    let outcome = async {
        let prepared = scenario::prepare(flags, &database, scenario::ONE_ADDRESS_LIMITS).await?;
        let mut fleet = servers::Fleet::start(flags, &prepared.config_file, limit).await?;
        let drop = scenario::open_drop(&fleet.urls()[0], &prepared, flags, true).await?;
        let ceiling = load::ceiling(&fleet.urls(), flags.users, flags.concurrency, limit).await?;
        let (stampede, phone) = if flags.phone {
            let run = phone::stampede(&fleet.urls(), &prepared, &drop, flags, limit).await?;
            let figures = json!({
                "shoppers_per_s": run.shoppers_per_s.round(),
                "pages_per_s": run.pages_per_s.round(),
                "page_ms": run.pages.summary(),
            });
            (run.stampede, figures)
        } else {
            let run = load::stampede(&mut fleet, &prepared, &drop, flags, limit).await?;
            (run, serde_json::Value::Null)
        };
        let sold_out = sold_out(&fleet, &prepared, &drop, &stampede, flags, limit).await?;
        let pages = if flags.page_requests > 0 {
            phone::throughput(&fleet.urls(), &prepared, &drop, flags, limit).await?
        } else {
            serde_json::Value::Null
        };
        let peak_rss_mb = fleet.peak_rss_mb();
        fleet.stop().await;
        let checked = database::check(&database, &drop, flags, &stampede.acknowledged).await?;
        Ok::<_, String>((
            ceiling,
            stampede,
            phone,
            sold_out,
            checked,
            pages,
            peak_rss_mb,
        ))
    }
    .await;
    database.drop_it().await;
    let (ceiling, stampede, phone, sold_out, checked, pages, peak_rss_mb) = outcome?;
    let (ceiling, ceiling_latencies) = ceiling;
    let attempts_per_s = stampede.attempts as f64 / stampede.seconds;
    let report = json!({
        "engine": format!("{:?}", flags.engine).to_lowercase(),
        "instances": flags.instances,
        "slots": flags.slots,
        "capacity": flags.capacity,
        "users": flags.users,
        "concurrency": flags.concurrency,
        "db_connections": flags.db_connections,
        "crash": flags.crash,
        "path": if flags.phone { "phone" } else { "api" },
        "ceiling_rps": ceiling.round(),
        "ceiling_ms": ceiling_latencies.summary(),
        "attempts": stampede.attempts,
        "attempts_per_s": attempts_per_s.round(),
        "ratio_of_ceiling": (attempts_per_s / ceiling * 1000.0).round() / 1000.0,
        "bookings": stampede.acknowledged.len(),
        "bookings_per_s": (stampede.acknowledged.len() as f64 / stampede.booking_seconds).round(),
        "success_ms": stampede.successes.summary(),
        "rejection_ms": stampede.rejections.summary(),
        "errors": stampede.errors,
        "sold_out": sold_out,
        "oversell": checked.oversell,
        "undersell": checked.undersell,
        "limit_violations": checked.limit_violations,
        "lost_acknowledged": checked.lost,
        "phone": phone,
        "pages": pages,
        "peak_rss_mb": peak_rss_mb,
    });
    println!("{report}");
    Ok(checked.holds())
}
