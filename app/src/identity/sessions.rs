//! Browser sessions: tower-sessions' store on the application's own database (both engines).
//! Each row also names its user, so a person can list their sessions and sign out the others,
//! and a password reset can end all of them.
//!
//! A session just read is remembered for `SESSION_MEMO`: a phone reloading the drop page and
//! pressing Book reads its session once, not on every request. Ending a session forgets it here
//! at once; another instance may still accept it until its memo lapses (two seconds, where a
//! REST access token outlives a sign-out by its whole lifetime). The read brings who the session
//! is with it (one query, not two), remembered as long for `IdentityService::principal`.

use super::model::{Principal, SessionSummary, UserId};
use crate::{db::Db, execute, memo::TimedMemo, on_db, time::Timestamp};
use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};
use tower_sessions::{
    SessionStore,
    session::{Id, Record},
    session_store::{self, ExpiredDeletion},
};

/// The session key under which a signed-in session keeps who it belongs to.
pub const AUTH_KEY: &str = "auth";

/// What a signed-in session remembers about its sign-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthSession {
    pub user_id: UserId,
    pub signed_in_at: Timestamp,
    /// The browser that signed in, shown in the sessions list (at most 200 characters).
    pub user_agent: String,
    /// When the session's end was last moved on by activity (sign-in, if never).
    #[serde(default)]
    pub renewed_at: Option<Timestamp>,
}

impl AuthSession {
    /// Whether activity at `now` should move the session's end on: once `step_ms` has passed
    /// since it last was, so a busy session is written a few times a day, not at every request.
    pub fn due_for_renewal(&self, now: Timestamp, step_ms: i64) -> bool {
        let last = self.renewed_at.unwrap_or(self.signed_in_at);
        now.as_millis() - last.as_millis() >= step_ms
    }
}

const SESSION_MEMO: Duration = Duration::from_secs(2);
/// Sessions remembered at once: a stampede's worth of phones.
const REMEMBERED_SESSIONS: usize = 100_000;

#[derive(Clone)]
pub struct DbSessionStore {
    db: Db,
    recent: TimedMemo<Id, Record>,
    principals: TimedMemo<UserId, Principal>,
}

impl std::fmt::Debug for DbSessionStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DbSessionStore").finish_non_exhaustive()
    }
}

impl DbSessionStore {
    pub fn new(db: Db) -> Self {
        Self {
            db,
            recent: TimedMemo::bounded(SESSION_MEMO, REMEMBERED_SESSIONS),
            principals: TimedMemo::bounded(SESSION_MEMO, REMEMBERED_SESSIONS),
        }
    }

    /// Who `user` is, if a session read or a lookup told it a moment ago.
    pub(super) fn remembered_principal(&self, user: UserId) -> Option<Principal> {
        self.principals.get(&user, Instant::now())
    }

    pub(super) fn remember_principal(&self, user: UserId, principal: Principal) {
        self.principals.put(user, Instant::now(), principal);
    }

    /// After a change to who `user` is (made platform admin).
    pub(super) fn forget_principal(&self, user: UserId) {
        self.principals.forget(&user);
    }

    pub async fn list_for_user(
        &self,
        user: UserId,
        current: Option<Id>,
        now: Timestamp,
    ) -> Result<Vec<SessionSummary>, sqlx::Error> {
        let rows: Vec<(String, i64, i64, String)> = on_db!(&self.db, pool => sqlx::query_as(
            "SELECT id, created_at, last_seen_at, user_agent FROM sessions \
             WHERE user_id = $1 AND expires_at > $2 ORDER BY last_seen_at DESC",
        )
        .bind(user.to_string())
        .bind(now.as_millis())
        .fetch_all(pool)
        .await)?;
        let current = current.map(|id| id.to_string());
        Ok(rows
            .into_iter()
            .map(
                |(id, created_at, last_seen_at, user_agent)| SessionSummary {
                    handle: super::secret_token::hash_token(&id)[..10].to_owned(),
                    created_at: Timestamp::from_millis(created_at),
                    last_seen_at: Timestamp::from_millis(last_seen_at),
                    user_agent,
                    current: current.as_deref() == Some(id.as_str()),
                },
            )
            .collect())
    }

    /// Ends every session of `user` except `keep`; returns how many ended.
    pub async fn delete_for_user(
        &self,
        user: UserId,
        keep: Option<Id>,
    ) -> Result<u64, sqlx::Error> {
        let kept = keep.map(|id| id.to_string()).unwrap_or_default();
        let ended = execute!(
            &self.db,
            "DELETE FROM sessions WHERE user_id = $1 AND id <> $2",
            user.to_string(),
            kept
        )?;
        // Whose sessions they were is not in the memo's key: forget everyone's but the kept one.
        let kept = keep.and_then(|id| self.recent.get(&id, Instant::now()).map(|r| (id, r)));
        self.recent.clear();
        if let Some((id, record)) = kept {
            self.recent.put(id, Instant::now(), record);
        }
        Ok(ended)
    }
}

fn backend(error: sqlx::Error) -> session_store::Error {
    session_store::Error::Backend(error.to_string())
}

fn auth_of(record: &Record) -> Option<AuthSession> {
    record
        .data
        .get(AUTH_KEY)
        .and_then(|value| serde_json::from_value::<AuthSession>(value.clone()).ok())
}

/// The indexed columns a record's data implies: its user and that user's browser.
fn columns_of(record: &Record) -> (Option<String>, String) {
    auth_of(record).map_or((None, String::new()), |auth| {
        (
            Some(auth.user_id.to_string()),
            auth.user_agent.chars().take(200).collect(),
        )
    })
}

fn expiry_millis(record: &Record) -> i64 {
    i64::try_from(record.expiry_date.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // A fresh id on the (astronomically unlikely) collision, never an overwrite.
        loop {
            let data = serde_json::to_string(&record.data)
                .map_err(|e| session_store::Error::Encode(e.to_string()))?;
            let now = Timestamp::now().as_millis();
            let (user_id, user_agent) = columns_of(record);
            let inserted = execute!(&self.db, "INSERT INTO sessions (id, user_id, data, expires_at, created_at, last_seen_at, user_agent) \
                 VALUES ($1, $2, $3, $4, $5, $5, $6) ON CONFLICT (id) DO NOTHING", record.id.to_string(), user_id, data, expiry_millis(record), now, user_agent)
            .map_err(backend)?;
            if inserted == 1 {
                self.recent.put(record.id, Instant::now(), record.clone());
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let data = serde_json::to_string(&record.data)
            .map_err(|e| session_store::Error::Encode(e.to_string()))?;
        let now = Timestamp::now().as_millis();
        let (user_id, user_agent) = columns_of(record);
        execute!(&self.db, "INSERT INTO sessions (id, user_id, data, expires_at, created_at, last_seen_at, user_agent) \
             VALUES ($1, $2, $3, $4, $5, $5, $6) \
             ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, data = excluded.data, \
             expires_at = excluded.expires_at, last_seen_at = excluded.last_seen_at, user_agent = excluded.user_agent", record.id.to_string(), user_id, data, expiry_millis(record), now, user_agent)
        .map_err(backend)?;
        self.recent.put(record.id, Instant::now(), record.clone());
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        if let Some(record) = self.recent.get(id, Instant::now())
            && record.expiry_date > time::OffsetDateTime::now_utc()
        {
            return Ok(Some(record));
        }
        let row: Option<(String, i64, Option<String>, Option<bool>, Option<i64>)> =
            on_db!(&self.db, pool => sqlx::query_as(
            "SELECT s.data, s.expires_at, u.id, u.is_platform_admin, u.email_verified_at FROM sessions s \
             LEFT JOIN users u ON u.id = s.user_id WHERE s.id = $1 AND s.expires_at > $2",
        )
        .bind(id.to_string())
        .bind(Timestamp::now().as_millis())
        .fetch_optional(pool)
        .await)
            .map_err(backend)?;
        let Some((data, expires_at, user, is_platform_admin, verified_at)) = row else {
            return Ok(None);
        };
        if let (Some(Ok(id)), Some(is_platform_admin)) =
            (user.map(|u| u.parse()), is_platform_admin)
        {
            self.remember_principal(
                id,
                Principal::User {
                    id,
                    is_platform_admin,
                    email_verified: verified_at.is_some(),
                },
            );
        }
        let data =
            serde_json::from_str(&data).map_err(|e| session_store::Error::Decode(e.to_string()))?;
        let expiry_date =
            time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(expires_at) * 1_000_000)
                .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        let record = Record {
            id: *id,
            data,
            expiry_date,
        };
        self.recent.put(*id, Instant::now(), record.clone());
        Ok(Some(record))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.recent.forget(id);
        execute!(
            &self.db,
            "DELETE FROM sessions WHERE id = $1",
            id.to_string()
        )
        .map_err(backend)?;
        Ok(())
    }
}

#[async_trait]
impl ExpiredDeletion for DbSessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        execute!(
            &self.db,
            "DELETE FROM sessions WHERE expires_at <= $1",
            Timestamp::now().as_millis()
        )
        .map_err(backend)?;
        Ok(())
    }
}
