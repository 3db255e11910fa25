//! Fresh databases for tests: the same test body runs once on SQLite (a temporary file) and once
//! on PostgreSQL (a uniquely named database on `TEST_DATABASE_URL` or the local server, dropped
//! afterwards). Without a PostgreSQL server those runs are skipped with one line, except under
//! `CI=true`, where they fail.
//!
//! Each database is a copy of a template migrated once, as crates.io's test databases are:
//! migrating took most of a short test's time. SQLite's template is a file's bytes, kept for the
//! process. PostgreSQL's is a database named after the migrations it holds, built by one process
//! at a time and reused by later processes and runs; one is left behind for each set of
//! migrations ever tested (about 9 MB each; `DROP DATABASE` removes them).

use super::{Db, Engine, POSTGRES_MIGRATIONS};
use sha2::{Digest, Sha256};
use sqlx::{Connection, PgConnection};
use std::{future::Future, sync::Once};
use tokio::sync::OnceCell;

const DEFAULT_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// The advisory lock that lets one process at a time build a PostgreSQL template.
const TEMPLATE_LOCK: i64 = 0x6472_6f70_736c_6f74;

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
            let path = dir.path().join("test.db");
            std::fs::write(&path, sqlite_template().await).expect("copy the SQLite template");
            let db = Db::connect(&format!("sqlite://{}", path.display()), 4)
                .await
                .expect("open SQLite");
            let outcome = tokio::spawn(test(db.clone())).await;
            db.close().await;
            resume(outcome);
        }
        Engine::Postgres => {
            let Some(mut admin) = postgres_admin().await else {
                return;
            };
            let template = postgres_template(&mut admin).await;
            let name = format!("dropslot_test_{}", uuid::Uuid::now_v7().simple());
            sqlx::query(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
                .execute(&mut admin)
                .await
                .expect("copy the template database");
            let db = Db::connect(&database_url(&name), 8)
                .await
                .expect("connect to the test database");
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

/// A migrated SQLite database file's bytes, made once per process.
async fn sqlite_template() -> &'static [u8] {
    static TEMPLATE: OnceCell<Vec<u8>> = OnceCell::const_new();
    TEMPLATE
        .get_or_init(|| async {
            let dir = tempfile::tempdir().expect("temporary directory");
            let path = dir.path().join("template.db");
            let db = Db::connect(&format!("sqlite://{}", path.display()), 1)
                .await
                .expect("open the SQLite template");
            db.migrate().await.expect("migrate the SQLite template");
            // Moves everything from the write-ahead log into the file, so the file alone is whole.
            crate::execute!(&db, "PRAGMA wal_checkpoint(TRUNCATE)")
                .expect("checkpoint the SQLite template");
            db.close().await;
            std::fs::read(&path).expect("read the SQLite template")
        })
        .await
}

/// The name of a migrated PostgreSQL database to copy, built by this process if no process has.
/// The name only ever names a whole template: it is built under another name and renamed when
/// done, under a lock that a process dying mid-build releases with its session.
async fn postgres_template(admin: &mut PgConnection) -> &'static str {
    static TEMPLATE: OnceCell<String> = OnceCell::const_new();
    TEMPLATE
        .get_or_init(|| async {
            let name = format!("dropslot_template_{}", migrations_fingerprint());
            sqlx::query("SELECT pg_advisory_lock($1)")
                .bind(TEMPLATE_LOCK)
                .execute(&mut *admin)
                .await
                .expect("lock the template");
            let built: bool =
                sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
                    .bind(&name)
                    .fetch_one(&mut *admin)
                    .await
                    .expect("look for the template");
            if !built {
                build_postgres_template(admin, &name).await;
            }
            sqlx::query("SELECT pg_advisory_unlock($1)")
                .bind(TEMPLATE_LOCK)
                .execute(&mut *admin)
                .await
                .expect("unlock the template");
            name
        })
        .await
}

/// Migrates a database under a building name, then gives it `name`, closed to connections: a
/// copy is refused while anyone is connected to its template.
async fn build_postgres_template(admin: &mut PgConnection, name: &str) {
    let building = format!("{name}_building");
    for statement in [
        // Left by a process that died while building; nobody else builds without the lock.
        format!("DROP DATABASE IF EXISTS {building} WITH (FORCE)"),
        format!("CREATE DATABASE {building}"),
    ] {
        sqlx::query(&statement)
            .execute(&mut *admin)
            .await
            .expect("create the template");
    }
    let db = Db::connect(&database_url(&building), 1)
        .await
        .expect("connect to the template");
    db.migrate().await.expect("migrate the template");
    db.close().await;
    sqlx::query(&format!(
        "ALTER DATABASE {building} WITH ALLOW_CONNECTIONS false"
    ))
    .execute(&mut *admin)
    .await
    .expect("seal the template");
    // A closed connection's server process ends a moment after the client hangs up, and an
    // autovacuum worker may have come to the new database: until they are gone, the database
    // cannot be renamed.
    let rename = format!("ALTER DATABASE {building} RENAME TO {name}");
    let others = format!(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = '{building}' AND pid <> pg_backend_pid()"
    );
    for attempt in 1.. {
        sqlx::query(&others)
            .execute(&mut *admin)
            .await
            .expect("end the template's other sessions");
        match sqlx::query(&rename).execute(&mut *admin).await {
            Ok(_) => break,
            Err(error) if attempt < 100 && is_in_use(&error) => {
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            }
            Err(error) => panic!("name the template: {error}"),
        }
    }
}

/// PostgreSQL's "object in use" (55006).
fn is_in_use(error: &sqlx::Error) -> bool {
    error
        .as_database_error()
        .and_then(|e| e.code())
        .is_some_and(|code| code == "55006")
}

/// A short hash of the PostgreSQL migrations' versions and checksums: the template's name.
fn migrations_fingerprint() -> String {
    let mut hash = Sha256::new();
    for migration in POSTGRES_MIGRATIONS.iter() {
        hash.update(migration.version.to_be_bytes());
        hash.update(&migration.checksum);
    }
    hex::encode(&hash.finalize()[..8])
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

/// The URL of database `name` on the admin URL's server.
fn database_url(name: &str) -> String {
    let admin = admin_url();
    let server = admin
        .rsplit_once('/')
        .map_or(DEFAULT_ADMIN_URL, |(server, _)| server);
    format!("{server}/{name}")
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
