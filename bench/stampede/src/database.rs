//! The benchmark's own database: a fresh SQLite file or PostgreSQL database for each run,
//! dropped afterwards, and the checks of the booking invariant once the stampede is over.

use crate::{EngineChoice, Flags, scenario::OpenDrop};
use app::db::Db;
use sqlx::{Connection, PgConnection};
use std::{collections::HashSet, path::Path, process::Stdio};

pub struct BenchDatabase {
    pub url: String,
    pub db: Db,
    /// Keeps the SQLite file's folder until the run ends.
    _dir: Option<tempfile::TempDir>,
    /// (admin URL, database name) to drop a PostgreSQL database afterwards.
    postgres: Option<(String, String)>,
}

impl BenchDatabase {
    pub async fn create(flags: &Flags) -> Result<Self, String> {
        let (url, dir, postgres) = match flags.engine {
            EngineChoice::Sqlite => {
                let dir = tempfile::tempdir().map_err(|e| format!("temporary folder: {e}"))?;
                let url = format!("sqlite://{}", dir.path().join("bench.db").display());
                (url, Some(dir), None)
            }
            EngineChoice::Postgres => {
                let name = format!("dropslot_bench_{}", uuid::Uuid::now_v7().simple());
                let mut admin = PgConnection::connect(&flags.postgres_admin_url)
                    .await
                    .map_err(|e| format!("PostgreSQL at {}: {e}", flags.postgres_admin_url))?;
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&mut admin)
                    .await
                    .map_err(|e| format!("create database: {e}"))?;
                let base = flags
                    .postgres_admin_url
                    .rsplit_once('/')
                    .map_or(flags.postgres_admin_url.as_str(), |(base, _)| base);
                let url = format!("{base}/{name}");
                (url, None, Some((flags.postgres_admin_url.clone(), name)))
            }
        };
        let db = Db::connect(&url, 8)
            .await
            .map_err(|e| format!("connect: {e}"))?;
        migrate(&flags.server_bin, &url).await?;
        Ok(Self {
            url,
            db,
            _dir: dir,
            postgres,
        })
    }

    pub async fn drop_it(&self) {
        self.db.close().await;
        if let Some((admin_url, name)) = &self.postgres
            && let Ok(mut admin) = PgConnection::connect(admin_url).await
        {
            let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&mut admin)
                .await;
        }
    }
}

/// The schema of the server under test, by its own `migrate`: a build whose migrations differ
/// from this generator's can be measured too (`--server-bin` of an earlier commit).
async fn migrate(server_bin: &Path, url: &str) -> Result<(), String> {
    let output = tokio::process::Command::new(server_bin)
        .arg("migrate")
        .env("DROPSLOT_DATABASE__URL", url)
        .stdin(Stdio::null())
        .output()
        .await
        .map_err(|e| format!("cannot start {}: {e}", server_bin.display()))?;
    if !output.status.success() {
        return Err(format!(
            "migrate: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(())
}

/// What the database says after the stampede.
pub struct Checked {
    /// Places held or confirmed beyond capacity, summed over slots.
    pub oversell: i64,
    /// Places left free while demand exceeded supply, summed over slots.
    pub undersell: i64,
    /// People holding more bookings in the drop than its limit allows.
    pub limit_violations: i64,
    /// Bookings the generator saw acknowledged that are not stored.
    pub lost: usize,
}

impl Checked {
    pub fn holds(&self) -> bool {
        self.oversell == 0 && self.undersell == 0 && self.limit_violations == 0 && self.lost == 0
    }
}

/// Counts from the reservations themselves, not only the slots' ledger, so a ledger that
/// drifted from the rows would show here.
pub async fn check(
    database: &BenchDatabase,
    drop: &OpenDrop,
    flags: &Flags,
    acknowledged: &HashSet<String>,
) -> Result<Checked, String> {
    let fail = |e: sqlx::Error| format!("check: {e}");
    let per_slot: Vec<(i64, i64, i64)> = app::on_db!(&database.db, pool => sqlx::query_as(
        "SELECT s.capacity, s.held + s.confirmed, \
         CAST(COALESCE((SELECT SUM(r.units) FROM reservations r WHERE r.slot_id = s.id AND r.status IN ('held', 'confirmed')), 0) AS BIGINT) \
         FROM drop_slots s WHERE s.drop_id = $1",
    )
    .bind(&drop.id)
    .fetch_all(pool)
    .await)
    .map_err(fail)?;
    let mut oversell = 0;
    let mut free = 0;
    for (capacity, ledger, rows) in &per_slot {
        if ledger != rows {
            return Err(format!(
                "a slot's ledger says {ledger} places are taken, its reservations {rows}"
            ));
        }
        oversell += (rows - capacity).max(0);
        free += (capacity - rows).max(0);
    }
    let demand_exceeds_supply = flags.users as u64 >= u64::from(flags.slots * flags.capacity);
    let undersell = if demand_exceeds_supply { free } else { 0 };
    let limit_violations: i64 = app::on_db!(&database.db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM (SELECT user_id FROM reservations WHERE drop_id = $1 AND status IN ('held', 'confirmed') \
         GROUP BY user_id HAVING COUNT(*) > $2) AS over",
    )
    .bind(&drop.id)
    .bind(i64::from(drop.per_person_limit))
    .fetch_one(pool)
    .await)
    .map_err(fail)?;
    let stored: Vec<String> = app::on_db!(&database.db, pool => sqlx::query_scalar(
        "SELECT id FROM reservations WHERE drop_id = $1 AND status IN ('held', 'confirmed')",
    )
    .bind(&drop.id)
    .fetch_all(pool)
    .await)
    .map_err(fail)?;
    let stored: HashSet<String> = stored.into_iter().collect();
    let lost = acknowledged.difference(&stored).count();
    Ok(Checked {
        oversell,
        undersell,
        limit_violations,
        lost,
    })
}
