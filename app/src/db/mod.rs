//! The database handle shared by every context's storage: SQLite (embedded, the default) or
//! PostgreSQL, chosen by the URL's scheme. Storage code writes one SQL text and runs it on either
//! engine with [`on_db!`]; only where the engines differ does it match on [`Db`] itself.

#[cfg(any(test, feature = "testing"))]
pub mod testing;
mod tx;

pub use tx::{Tx, Value};

use sqlx::{
    migrate::{MigrateError, Migrator},
    postgres::{PgConnectOptions, PgPool, PgPoolOptions},
    sqlite::{
        SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
    },
};
use std::{str::FromStr, time::Duration};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

/// PostgreSQL 14 is the oldest release we test against (`server_version_num`).
const MIN_POSTGRES_VERSION: i64 = 140_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    pub fn of_url(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Engine::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Engine::Postgres)
        } else {
            None
        }
    }
}

#[derive(Debug, Clone)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("the database URL must start with sqlite: or postgres://")]
    UnknownScheme,
    #[error("cannot create the directory for the SQLite file: {0}")]
    Directory(#[source] std::io::Error),
    #[error("PostgreSQL {found} is too old; DropSlot needs 14 or newer")]
    PostgresTooOld { found: i64 },
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
}

/// Runs `$body` with `$pool` bound to the engine's native pool: one SQL text, both engines.
#[macro_export]
macro_rules! on_db {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($pool) => $body,
            $crate::db::Db::Postgres($pool) => $body,
        }
    };
}

/// Runs one statement with its bound values on either engine and answers the rows it affected.
#[macro_export]
macro_rules! execute {
    ($db:expr, $sql:expr $(, $bind:expr)* $(,)?) => {
        $crate::on_db!($db, pool => sqlx::query($sql)$(.bind($bind))*.execute(pool).await.map(|done| done.rows_affected()))
    };
}

/// Opens a write transaction on either engine: `BEGIN IMMEDIATE` on SQLite, so that the write
/// lock is taken up front and a busy database waits (busy timeout) instead of failing on upgrade.
#[macro_export]
macro_rules! in_write_tx {
    ($db:expr, $tx:ident => $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite(pool) => {
                let mut $tx = pool.begin_with("BEGIN IMMEDIATE").await?;
                let out = $body;
                $tx.commit().await?;
                out
            }
            $crate::db::Db::Postgres(pool) => {
                let mut $tx = pool.begin().await?;
                let out = $body;
                $tx.commit().await?;
                out
            }
        }
    };
}

impl Db {
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, ConnectError> {
        match Engine::of_url(url).ok_or(ConnectError::UnknownScheme)? {
            Engine::Sqlite => {
                let options = SqliteConnectOptions::from_str(url)?
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    // FULL: an acknowledged write survives power loss, not only a process crash.
                    .synchronous(SqliteSynchronous::Full)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(5));
                if let Some(dir) = options
                    .get_filename()
                    .parent()
                    .filter(|d| !d.as_os_str().is_empty())
                {
                    std::fs::create_dir_all(dir).map_err(ConnectError::Directory)?;
                }
                let pool = SqlitePoolOptions::new()
                    .max_connections(max_connections)
                    .connect_with(options)
                    .await?;
                Ok(Db::Sqlite(pool))
            }
            Engine::Postgres => {
                let options = PgConnectOptions::from_str(url)?;
                let pool = PgPoolOptions::new()
                    .max_connections(max_connections)
                    .acquire_timeout(Duration::from_secs(5))
                    .connect_with(options)
                    .await?;
                let version: String = sqlx::query_scalar("SHOW server_version_num")
                    .fetch_one(&pool)
                    .await?;
                let found = version.parse().unwrap_or(0);
                if found < MIN_POSTGRES_VERSION {
                    return Err(ConnectError::PostgresTooOld { found });
                }
                Ok(Db::Postgres(pool))
            }
        }
    }

    pub fn engine(&self) -> Engine {
        match self {
            Db::Sqlite(_) => Engine::Sqlite,
            Db::Postgres(_) => Engine::Postgres,
        }
    }

    /// Applies the embedded migrations for this engine; already applied ones are skipped.
    pub async fn migrate(&self) -> Result<(), MigrateError> {
        match self {
            Db::Sqlite(pool) => SQLITE_MIGRATIONS.run(pool).await,
            Db::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await,
        }
    }

    /// Answers whether the database takes queries now (readiness).
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        on_db!(self, pool => sqlx::query("SELECT 1").execute(pool).await.map(drop))
    }

    pub async fn close(&self) {
        on_db!(self, pool => pool.close().await)
    }
}

/// Whether a storage error is a unique-constraint violation (the same test on both engines).
pub fn is_unique_violation(error: &sqlx::Error) -> bool {
    error
        .as_database_error()
        .is_some_and(|e| e.is_unique_violation())
}
