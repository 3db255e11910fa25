//! API credentials: short-lived JWT access tokens (HS256 only, with `iss`, `aud`, `exp`, `sub`)
//! and opaque refresh tokens, stored hashed and rotated on every use. Presenting a refresh token
//! that was already rotated means it was copied: its whole family is revoked.

use super::{
    model::{Principal, UserId},
    secret_token::{SecretToken, hash_token},
};
use crate::{db::Db, execute, in_write_tx, on_db, time::Timestamp};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

pub struct ApiTokenSettings {
    /// The HS256 secret; at least 32 bytes.
    pub signing_key: Vec<u8>,
    pub issuer: String,
    pub audience: String,
    pub access_ttl_secs: i64,
    pub refresh_ttl_secs: i64,
}

/// What `POST /api/v1/auth/token` and `/refresh` answer (RFC 6749's token response).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TokenPair {
    pub access_token: String,
    pub token_type: String,
    pub expires_in: i64,
    pub refresh_token: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    iss: String,
    aud: String,
    sub: String,
    iat: i64,
    exp: i64,
    /// A platform admin's token says so, so a request needs no account lookup: a demotion
    /// takes effect when the token expires (minutes).
    #[serde(default)]
    adm: bool,
    /// Likewise whether the email address was confirmed when the token was made.
    #[serde(default)]
    ver: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("the access token is invalid or expired")]
    InvalidAccessToken,
    #[error("the refresh token is invalid, expired or revoked")]
    InvalidRefreshToken,
    #[error("storage failed: {0}")]
    Storage(#[from] sqlx::Error),
    #[error("signing failed: {0}")]
    Signing(String),
}

#[derive(Clone)]
pub struct ApiTokens {
    db: Db,
    encoding: Arc<EncodingKey>,
    decoding: Arc<DecodingKey>,
    validation: Arc<Validation>,
    issuer: String,
    audience: String,
    access_ttl_secs: i64,
    refresh_ttl_secs: i64,
}

impl ApiTokens {
    pub fn new(db: Db, settings: ApiTokenSettings) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[&settings.issuer]);
        validation.set_audience(&[&settings.audience]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 5;
        Self {
            db,
            encoding: Arc::new(EncodingKey::from_secret(&settings.signing_key)),
            decoding: Arc::new(DecodingKey::from_secret(&settings.signing_key)),
            validation: Arc::new(validation),
            issuer: settings.issuer,
            audience: settings.audience,
            access_ttl_secs: settings.access_ttl_secs,
            refresh_ttl_secs: settings.refresh_ttl_secs,
        }
    }

    /// A new pair in a new family (a sign-in).
    pub async fn issue(
        &self,
        user: UserId,
        admin: bool,
        verified: bool,
        now: Timestamp,
    ) -> Result<TokenPair, TokenError> {
        let family = uuid::Uuid::now_v7().to_string();
        let refresh = SecretToken::generate();
        execute!(
            &self.db,
            "INSERT INTO refresh_tokens (token_hash, family_id, user_id, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)",
            &refresh.hash,
            &family,
            user.to_string(),
            now.as_millis() + self.refresh_ttl_secs * 1000,
            now.as_millis()
        )?;
        self.pair(user, admin, verified, refresh.plain, now)
    }

    fn pair(
        &self,
        user: UserId,
        admin: bool,
        verified: bool,
        refresh_token: String,
        now: Timestamp,
    ) -> Result<TokenPair, TokenError> {
        Ok(TokenPair {
            access_token: self.access_token(user, admin, verified, now)?,
            token_type: "Bearer".into(),
            expires_in: self.access_ttl_secs,
            refresh_token,
        })
    }

    /// A signed access token for `user`, valid for the configured minutes from `now`.
    pub fn access_token(
        &self,
        user: UserId,
        admin: bool,
        verified: bool,
        now: Timestamp,
    ) -> Result<String, TokenError> {
        let iat = now.as_millis() / 1000;
        let claims = Claims {
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            sub: user.to_string(),
            iat,
            exp: iat + self.access_ttl_secs,
            adm: admin,
            ver: verified,
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| TokenError::Signing(e.to_string()))
    }

    /// Who a valid access token speaks for, from the token alone.
    pub fn verify_access(&self, token: &str) -> Result<Principal, TokenError> {
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .map_err(|_| TokenError::InvalidAccessToken)?;
        let id = data
            .claims
            .sub
            .parse()
            .map_err(|_| TokenError::InvalidAccessToken)?;
        Ok(Principal::User {
            id,
            is_platform_admin: data.claims.adm,
            email_verified: data.claims.ver,
        })
    }

    /// Trades a refresh token for a new pair in the same family. A token used twice revokes the
    /// family, so whoever holds a stolen copy is cut off together with the victim.
    pub async fn refresh(&self, presented: &str, now: Timestamp) -> Result<TokenPair, TokenError> {
        let hash = hash_token(presented);
        let next = SecretToken::generate();
        let db = &self.db;
        // Err(Some(family)) is a reuse, Err(None) an unknown, expired or revoked token.
        let outcome: Result<(UserId, bool, bool), Option<String>> = in_write_tx!(db, tx => {
            // One conditional update rotates the token: of two concurrent uses exactly one wins.
            let rotated: Option<(String, String)> = sqlx::query_as(
                "UPDATE refresh_tokens SET rotated_at = $1 \
                 WHERE token_hash = $2 AND rotated_at IS NULL AND revoked_at IS NULL AND expires_at > $1 \
                 RETURNING family_id, user_id",
            )
            .bind(now.as_millis())
            .bind(&hash)
            .fetch_optional(&mut *tx)
            .await?;
            match rotated {
                Some((family, user)) => {
                    sqlx::query(
                        "INSERT INTO refresh_tokens (token_hash, family_id, user_id, expires_at, created_at) \
                         VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(&next.hash)
                    .bind(&family)
                    .bind(&user)
                    .bind(now.as_millis() + self.refresh_ttl_secs * 1000)
                    .bind(now.as_millis())
                    .execute(&mut *tx)
                    .await?;
                    let (admin, verified): (bool, bool) = sqlx::query_as(
                        "SELECT is_platform_admin, email_verified_at IS NOT NULL FROM users WHERE id = $1",
                    )
                    .bind(&user)
                    .fetch_one(&mut *tx)
                    .await?;
                    Ok((user.parse::<UserId>().map_err(|_| sqlx::Error::Decode("refresh_tokens.user_id".into()))?, admin, verified))
                }
                None => {
                    let reused: Option<String> = sqlx::query_scalar(
                        "SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND rotated_at IS NOT NULL",
                    )
                    .bind(&hash)
                    .fetch_optional(&mut *tx)
                    .await?;
                    Err(reused)
                }
            }
        });
        match outcome {
            Ok((user, admin, verified)) => self.pair(user, admin, verified, next.plain, now),
            Err(reused_family) => {
                if let Some(family) = reused_family {
                    tracing::warn!(%family, "refresh token reused: revoking its family");
                    self.revoke_family(&family, now).await?;
                }
                Err(TokenError::InvalidRefreshToken)
            }
        }
    }

    /// Ends the family of a refresh token (API sign-out). Unknown tokens are ignored.
    pub async fn revoke(&self, presented: &str, now: Timestamp) -> Result<(), TokenError> {
        let family: Option<String> = on_db!(&self.db, pool => sqlx::query_scalar(
            "SELECT family_id FROM refresh_tokens WHERE token_hash = $1",
        )
        .bind(hash_token(presented))
        .fetch_optional(pool)
        .await)?;
        if let Some(family) = family {
            self.revoke_family(&family, now).await?;
        }
        Ok(())
    }

    async fn revoke_family(&self, family: &str, now: Timestamp) -> Result<(), TokenError> {
        execute!(
            &self.db,
            "UPDATE refresh_tokens SET revoked_at = $1 WHERE family_id = $2 AND revoked_at IS NULL",
            now.as_millis(),
            family
        )?;
        Ok(())
    }

    /// Ends every refresh token of a user (password reset).
    pub async fn revoke_all_for_user(
        &self,
        user: UserId,
        now: Timestamp,
    ) -> Result<(), TokenError> {
        execute!(
            &self.db,
            "UPDATE refresh_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
            now.as_millis(),
            user.to_string()
        )?;
        Ok(())
    }
}
