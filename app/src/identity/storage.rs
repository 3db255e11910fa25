//! Identity rows on both engines: accounts, single-use mail tokens and the failed sign-ins that
//! throttling counts.

use super::model::{Account, DisplayName, NotificationChannels, Preferences, UserId};
use crate::{
    contact::{Email, MobileNumber},
    db::Db,
    execute,
    i18n::Language,
    in_write_tx, on_db,
    time::{TimeZoneName, Timestamp},
};
use tracing::instrument;

#[derive(sqlx::FromRow)]
struct UserRow {
    id: String,
    email: String,
    display_name: String,
    password_hash: String,
    email_verified_at: Option<i64>,
    is_platform_admin: bool,
    language: String,
    time_zone: String,
    notify_email: bool,
    notify_sms: bool,
    notify_push: bool,
    mobile: Option<String>,
    created_at: i64,
}

const USER_COLUMNS: &str = "id, email, display_name, password_hash, email_verified_at, is_platform_admin, \
    language, time_zone, notify_email, notify_sms, notify_push, mobile, created_at";

impl UserRow {
    fn into_account(self) -> Result<(Account, String), sqlx::Error> {
        let corrupt =
            |what: &str| sqlx::Error::Decode(format!("users row {}: bad {what}", self.id).into());
        let account = Account {
            id: self.id.parse().map_err(|_| corrupt("id"))?,
            email: Email::parse(&self.email).map_err(|_| corrupt("email"))?,
            display_name: DisplayName::parse(&self.display_name)
                .map_err(|_| corrupt("display_name"))?,
            email_verified: self.email_verified_at.is_some(),
            is_platform_admin: self.is_platform_admin,
            preferences: Preferences {
                language: Language::parse(&self.language).ok_or_else(|| corrupt("language"))?,
                time_zone: TimeZoneName::parse(&self.time_zone)
                    .map_err(|_| corrupt("time_zone"))?,
                channels: NotificationChannels {
                    email: self.notify_email,
                    sms: self.notify_sms,
                    push: self.notify_push,
                },
                mobile: self
                    .mobile
                    .as_deref()
                    .and_then(|m| MobileNumber::parse(m).ok()),
            },
            created_at: Timestamp::from_millis(self.created_at),
        };
        Ok((account, self.password_hash))
    }
}

/// What a single-use token is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    VerifyEmail,
    ResetPassword,
}

impl TokenPurpose {
    fn as_str(self) -> &'static str {
        match self {
            TokenPurpose::VerifyEmail => "verify_email",
            TokenPurpose::ResetPassword => "reset_password",
        }
    }
}

#[derive(Clone)]
pub(super) struct IdentityStorage {
    db: Db,
}

impl IdentityStorage {
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    #[instrument(skip_all)]
    pub async fn insert_user(
        &self,
        account: &Account,
        password_hash: &str,
    ) -> Result<(), sqlx::Error> {
        let prefs = &account.preferences;
        execute!(
            &self.db,
            "INSERT INTO users (id, email, display_name, password_hash, email_verified_at, is_platform_admin, \
             language, time_zone, notify_email, notify_sms, notify_push, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)",
            account.id.to_string(),
            account.email.as_str(),
            account.display_name.as_str(),
            password_hash,
            account
                .email_verified
                .then_some(account.created_at.as_millis()),
            account.is_platform_admin,
            prefs.language.code(),
            prefs.time_zone.as_str(),
            prefs.channels.email,
            prefs.channels.sms,
            prefs.channels.push,
            account.created_at.as_millis()
        )?;
        Ok(())
    }

    /// Many accounts with one password hash, in one transaction.
    pub async fn insert_users(
        &self,
        accounts: &[Account],
        password_hash: &str,
    ) -> Result<(), sqlx::Error> {
        in_write_tx!(&self.db, tx => {
            for account in accounts {
                let prefs = &account.preferences;
                sqlx::query(
                    "INSERT INTO users (id, email, display_name, password_hash, email_verified_at, is_platform_admin, \
                     language, time_zone, notify_email, notify_sms, notify_push, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)",
                )
                .bind(account.id.to_string())
                .bind(account.email.as_str())
                .bind(account.display_name.as_str())
                .bind(password_hash)
                .bind(account.email_verified.then_some(account.created_at.as_millis()))
                .bind(account.is_platform_admin)
                .bind(prefs.language.code())
                .bind(prefs.time_zone.as_str())
                .bind(prefs.channels.email)
                .bind(prefs.channels.sms)
                .bind(prefs.channels.push)
                .bind(account.created_at.as_millis())
                .execute(&mut *tx)
                .await?;
            }
        });
        Ok(())
    }

    /// The account and its password hash.
    #[instrument(skip_all)]
    pub async fn find_by_email(
        &self,
        email: &Email,
    ) -> Result<Option<(Account, String)>, sqlx::Error> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE email = $1");
        let row = on_db!(&self.db, pool => sqlx::query_as::<_, UserRow>(&sql).bind(email.as_str()).fetch_optional(pool).await)?;
        row.map(UserRow::into_account).transpose()
    }

    #[instrument(skip_all)]
    pub async fn find_by_id(&self, id: UserId) -> Result<Option<Account>, sqlx::Error> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
        let row = on_db!(&self.db, pool => sqlx::query_as::<_, UserRow>(&sql).bind(id.to_string()).fetch_optional(pool).await)?;
        Ok(row
            .map(UserRow::into_account)
            .transpose()?
            .map(|(account, _)| account))
    }

    /// Accounts by id, in chunks so no statement binds too many values.
    pub async fn find_by_ids(&self, ids: &[UserId]) -> Result<Vec<Account>, sqlx::Error> {
        let mut accounts = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(500) {
            let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT {USER_COLUMNS} FROM users WHERE id IN ({})",
                marks.join(", ")
            );
            let rows = on_db!(&self.db, pool => {
                let mut query = sqlx::query_as::<_, UserRow>(&sql);
                for id in chunk {
                    query = query.bind(id.to_string());
                }
                query.fetch_all(pool).await
            })?;
            for row in rows {
                accounts.push(row.into_account()?.0);
            }
        }
        Ok(accounts)
    }

    #[instrument(skip_all)]
    pub async fn update_profile(
        &self,
        id: UserId,
        display_name: &DisplayName,
        prefs: &Preferences,
        now: Timestamp,
    ) -> Result<bool, sqlx::Error> {
        let updated = execute!(
            &self.db,
            "UPDATE users SET display_name = $1, language = $2, time_zone = $3, notify_email = $4, notify_sms = $5, \
             notify_push = $6, updated_at = $7, mobile = $9 WHERE id = $8",
            display_name.as_str(),
            prefs.language.code(),
            prefs.time_zone.as_str(),
            prefs.channels.email,
            prefs.channels.sms,
            prefs.channels.push,
            now.as_millis(),
            id.to_string(),
            prefs.mobile.as_ref().map(MobileNumber::as_str)
        )?;
        Ok(updated == 1)
    }

    pub async fn want_push(&self, id: UserId, now: Timestamp) -> Result<(), sqlx::Error> {
        execute!(
            &self.db,
            "UPDATE users SET notify_push = TRUE, updated_at = $2 WHERE id = $1",
            id.to_string(),
            now.as_millis()
        )
        .map(drop)
    }

    pub async fn stop_texts(
        &self,
        id: UserId,
        number: &MobileNumber,
        now: Timestamp,
    ) -> Result<(), sqlx::Error> {
        execute!(
            &self.db,
            "UPDATE users SET notify_sms = FALSE, updated_at = $3 WHERE id = $1 AND mobile = $2",
            id.to_string(),
            number.as_str(),
            now.as_millis()
        )
        .map(drop)
    }

    #[instrument(skip_all)]
    pub async fn set_password(
        &self,
        id: UserId,
        password_hash: &str,
        now: Timestamp,
    ) -> Result<(), sqlx::Error> {
        execute!(
            &self.db,
            "UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3",
            password_hash,
            now.as_millis(),
            id.to_string()
        )?;
        Ok(())
    }

    #[instrument(skip_all)]
    pub async fn mark_email_verified(&self, id: UserId, now: Timestamp) -> Result<(), sqlx::Error> {
        execute!(
            &self.db,
            "UPDATE users SET email_verified_at = COALESCE(email_verified_at, $1), updated_at = $1 WHERE id = $2",
            now.as_millis(),
            id.to_string()
        )?;
        Ok(())
    }

    #[instrument(skip_all)]
    pub async fn make_platform_admin(&self, id: UserId, now: Timestamp) -> Result<(), sqlx::Error> {
        execute!(
            &self.db,
            "UPDATE users SET is_platform_admin = $1, updated_at = $2 WHERE id = $3",
            true,
            now.as_millis(),
            id.to_string()
        )?;
        Ok(())
    }

    #[instrument(skip_all)]
    pub async fn insert_token(
        &self,
        token_hash: &str,
        user: UserId,
        purpose: TokenPurpose,
        expires_at: Timestamp,
        now: Timestamp,
    ) -> Result<(), sqlx::Error> {
        execute!(
            &self.db,
            "INSERT INTO user_tokens (token_hash, user_id, purpose, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)",
            token_hash,
            user.to_string(),
            purpose.as_str(),
            expires_at.as_millis(),
            now.as_millis()
        )?;
        Ok(())
    }

    /// The user a token would verify, without using it up.
    #[instrument(skip_all)]
    pub async fn peek_token(
        &self,
        token_hash: &str,
        purpose: TokenPurpose,
        now: Timestamp,
    ) -> Result<Option<UserId>, sqlx::Error> {
        let user: Option<String> = on_db!(&self.db, pool => sqlx::query_scalar(
            "SELECT user_id FROM user_tokens WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
        )
        .bind(token_hash)
        .bind(purpose.as_str())
        .bind(now.as_millis())
        .fetch_optional(pool)
        .await)?;
        user.map(|id| {
            id.parse()
                .map_err(|_| sqlx::Error::Decode("user_tokens.user_id".into()))
        })
        .transpose()
    }

    /// Uses a token up in one conditional update: of two concurrent uses, exactly one wins.
    #[instrument(skip_all)]
    pub async fn consume_token(
        &self,
        token_hash: &str,
        purpose: TokenPurpose,
        now: Timestamp,
    ) -> Result<Option<UserId>, sqlx::Error> {
        let user: Option<String> = on_db!(&self.db, pool => sqlx::query_scalar(
            "UPDATE user_tokens SET used_at = $1 \
             WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1 RETURNING user_id",
        )
        .bind(now.as_millis())
        .bind(token_hash)
        .bind(purpose.as_str())
        .fetch_optional(pool)
        .await)?;
        user.map(|id| {
            id.parse()
                .map_err(|_| sqlx::Error::Decode("user_tokens.user_id".into()))
        })
        .transpose()
    }

    /// Records one sign-in attempt under each key; it stays as a failure unless forgotten.
    #[instrument(skip_all)]
    pub async fn record_attempt(
        &self,
        keys: &[String],
        attempt: &str,
        now: Timestamp,
    ) -> Result<(), sqlx::Error> {
        for key in keys {
            execute!(
                &self.db,
                "INSERT INTO auth_failures (throttle_key, failed_at, attempt_id) VALUES ($1, $2, $3)",
                key,
                now.as_millis(),
                attempt
            )?;
        }
        Ok(())
    }

    /// Takes back an attempt that was refused before checking or that succeeded.
    #[instrument(skip_all)]
    pub async fn forget_attempt(&self, attempt: &str) -> Result<(), sqlx::Error> {
        execute!(
            &self.db,
            "DELETE FROM auth_failures WHERE attempt_id = $1",
            attempt
        )?;
        Ok(())
    }

    /// Failures per key since `since`, oldest first, for the throttling rule.
    #[instrument(skip_all)]
    pub async fn failures_since(
        &self,
        key: &str,
        since: Timestamp,
    ) -> Result<Vec<Timestamp>, sqlx::Error> {
        let rows: Vec<i64> = on_db!(&self.db, pool => sqlx::query_scalar(
            "SELECT failed_at FROM auth_failures WHERE throttle_key = $1 AND failed_at >= $2 ORDER BY failed_at",
        )
        .bind(key)
        .bind(since.as_millis())
        .fetch_all(pool)
        .await)?;
        Ok(rows.into_iter().map(Timestamp::from_millis).collect())
    }

    #[instrument(skip_all)]
    pub async fn clear_failures(&self, key: &str) -> Result<(), sqlx::Error> {
        execute!(
            &self.db,
            "DELETE FROM auth_failures WHERE throttle_key = $1",
            key
        )?;
        Ok(())
    }

    #[instrument(skip_all)]
    pub async fn delete_failures_before(&self, cutoff: Timestamp) -> Result<u64, sqlx::Error> {
        execute!(
            &self.db,
            "DELETE FROM auth_failures WHERE failed_at < $1",
            cutoff.as_millis()
        )
    }
}
