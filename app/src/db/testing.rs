//! Fresh databases for tests: the same test body runs once on SQLite (a temporary file) and once
//! on PostgreSQL (a uniquely named database on `TEST_DATABASE_URL` or the local server, dropped
//! afterwards). Without a PostgreSQL server those runs are skipped with one line, except under
//! `CI=true`, where they fail.

use super::{Db, Engine};
use sqlx::{Connection, PgConnection};
use std::{future::Future, sync::Once};

const DEFAULT_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// Writes one test body for both engines: `db_test!(async fn name(db: Db) { ... });`
#[macro_export]
macro_rules! db_test {
    ($(#[$meta:meta])* async fn $name:ident($db:ident: Db) $body:block) => {
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn body($db: $crate::db::Db) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                $crate::db::testing::run($crate::db::Engine::Sqlite, body).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                $crate::db::testing::run($crate::db::Engine::Postgres, body).await
            }
        }
    };
}

/// Runs `test` against a fresh, migrated database of `engine`, cleans up, then re-raises a panic.
pub async fn run<F, Fut>(engine: Engine, test: F)
where
    F: FnOnce(Db) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    match engine {
        Engine::Sqlite => {
            let dir = tempfile::tempdir().expect("temporary directory");
            let url = format!("sqlite://{}", dir.path().join("test.db").display());
            let db = Db::connect(&url, 4).await.expect("open SQLite");
            db.migrate().await.expect("migrate SQLite");
            let outcome = tokio::spawn(test(db.clone())).await;
            db.close().await;
            resume(outcome);
        }
        Engine::Postgres => {
            let Some(mut admin) = postgres_admin().await else {
                return;
            };
            let name = format!("dropslot_test_{}", uuid::Uuid::now_v7().simple());
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut admin)
                .await
                .expect("create database");
            let url = format!(
                "{}/{name}",
                admin_url()
                    .rsplit_once('/')
                    .map_or(DEFAULT_ADMIN_URL, |(base, _)| base)
            );
            let db = Db::connect(&url, 8)
                .await
                .expect("connect to the test database");
            db.migrate().await.expect("migrate PostgreSQL");
            let outcome = tokio::spawn(test(db.clone())).await;
            db.close().await;
            sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&mut admin)
                .await
                .expect("drop the test database");
            resume(outcome);
        }
    }
}

fn resume(outcome: Result<(), tokio::task::JoinError>) {
    if let Err(error) = outcome {
        match error.try_into_panic() {
            Ok(panic) => std::panic::resume_unwind(panic),
            Err(error) => panic!("test task failed: {error}"),
        }
    }
}

fn admin_url() -> String {
    std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| DEFAULT_ADMIN_URL.to_owned())
}

/// A connection able to create databases, or `None` (with one notice) when PostgreSQL is absent
/// outside CI.
async fn postgres_admin() -> Option<PgConnection> {
    static SKIP_NOTICE: Once = Once::new();
    match PgConnection::connect(&admin_url()).await {
        Ok(conn) => Some(conn),
        Err(error) if std::env::var("CI").as_deref() == Ok("true") => {
            panic!(
                "PostgreSQL is required when CI=true, but {} is unreachable: {error}",
                admin_url()
            )
        }
        Err(error) => {
            SKIP_NOTICE.call_once(|| {
                eprintln!(
                    "skipping PostgreSQL tests: {} is unreachable ({error})",
                    admin_url()
                );
            });
            None
        }
    }
}

/// Another connection pool on the same database, as a further server instance has its own.
pub async fn another_instance_pool(db: &Db) -> Db {
    let connections = match db {
        Db::Sqlite(_) => 4,
        Db::Postgres(_) => 8,
    };
    pool_of(db, connections).await
}

/// Another pool on the same database with `connections` connections at most.
pub async fn pool_of(db: &Db, connections: u32) -> Db {
    use sqlx::{postgres::PgPoolOptions, sqlite::SqlitePoolOptions};
    match db {
        Db::Sqlite(pool) => Db::Sqlite(
            SqlitePoolOptions::new()
                .max_connections(connections)
                .connect_with((*pool.connect_options()).clone())
                .await
                .expect("another SQLite pool"),
        ),
        Db::Postgres(pool) => Db::Postgres(
            PgPoolOptions::new()
                .max_connections(connections)
                .connect_with((*pool.connect_options()).clone())
                .await
                .expect("another PostgreSQL pool"),
        ),
    }
}
