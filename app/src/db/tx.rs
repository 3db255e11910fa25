//! A write transaction's connection on either engine, handed to the statement helpers that
//! several storages run inside their own transactions (the outbox, the places ledger): typed
//! async functions that return a `Result`, instead of macros with a hidden `.await?`.

use sqlx::{PgConnection, SqliteConnection};

pub enum Tx<'c> {
    Sqlite(&'c mut SqliteConnection),
    Postgres(&'c mut PgConnection),
}

impl<'c> From<&'c mut SqliteConnection> for Tx<'c> {
    fn from(conn: &'c mut SqliteConnection) -> Self {
        Tx::Sqlite(conn)
    }
}

impl<'c> From<&'c mut PgConnection> for Tx<'c> {
    fn from(conn: &'c mut PgConnection) -> Self {
        Tx::Postgres(conn)
    }
}

/// A bound value: the only column types the schema uses.
#[derive(Debug, Clone, Copy)]
pub enum Value<'a> {
    Text(&'a str),
    Integer(i64),
    Null,
}

impl Tx<'_> {
    /// Runs one statement with its values; answers the rows it affected.
    pub async fn execute(&mut self, sql: &str, values: &[Value<'_>]) -> Result<u64, sqlx::Error> {
        // Each engine's query type is its own, so the values are bound once per arm.
        macro_rules! bound {
            ($query:expr) => {{
                let mut query = $query;
                for value in values {
                    query = match *value {
                        Value::Text(text) => query.bind(text),
                        Value::Integer(number) => query.bind(number),
                        Value::Null => query.bind(None::<&str>),
                    };
                }
                query
            }};
        }
        let affected = match self {
            Tx::Sqlite(conn) => bound!(sqlx::query(sql))
                .execute(&mut **conn)
                .await?
                .rows_affected(),
            Tx::Postgres(conn) => bound!(sqlx::query(sql))
                .execute(&mut **conn)
                .await?
                .rows_affected(),
        };
        Ok(affected)
    }
}
