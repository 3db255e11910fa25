//! The only way into the Identity context: accounts, sign-in, mail tokens, profile, sessions.

use super::{
    api_tokens::{ApiTokens, TokenError, TokenPair},
    model::{
        Account, DisplayName, Password, Preferences, Principal, Registration, SessionSummary,
        UserId,
    },
    password::{HashError, PasswordHasher},
    rules::{ThrottleLimit, minutes_until},
    secret_token::{SecretToken, hash_token},
    sessions::DbSessionStore,
    storage::{IdentityStorage, TokenPurpose},
};
use crate::{
    contact::{Email, MobileNumber},
    db::{Db, is_unique_violation},
    error::{DomainError, ErrorKind, FieldErrors, internal_text},
    i18n::{I18n, Text},
    mail::{OutgoingMail, SharedMailer},
    rate_limits::rules::network_of,
    t, text,
    time::Timestamp,
};
use std::net::IpAddr;
use tower_sessions::session::Id as SessionId;
use tracing::instrument;

const VERIFY_TTL_MS: i64 = 24 * 60 * 60 * 1000;
const RESET_TTL_MS: i64 = 60 * 60 * 1000;

#[derive(Debug, thiserror::Error)]
pub enum IdentityError {
    #[error("the email or password is wrong")]
    InvalidCredentials,
    #[error("too many failed sign-ins: try again in {minutes} minutes")]
    Throttled { minutes: i64 },
    #[error("this link is invalid, already used or expired")]
    InvalidLink,
    #[error("sign in first")]
    Unauthenticated,
    #[error("invalid input")]
    Invalid(FieldErrors),
    #[error(transparent)]
    Token(#[from] TokenError),
    #[error("storage failed: {0}")]
    Storage(#[from] sqlx::Error),
    #[error(transparent)]
    Hash(#[from] HashError),
    #[error(
        "an account with this email exists: pass --promote-existing to make it a platform admin"
    )]
    AccountExists,
    #[error("this account's email is not confirmed, so it is not made a platform admin")]
    NotConfirmed,
}

/// What `provision_admin` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdminProvisioned {
    Created(UserId),
    Promoted(UserId),
}

impl DomainError for IdentityError {
    fn kind(&self) -> ErrorKind {
        match self {
            IdentityError::InvalidCredentials
            | IdentityError::Throttled { .. }
            | IdentityError::Unauthenticated
            | IdentityError::Token(
                TokenError::InvalidAccessToken | TokenError::InvalidRefreshToken,
            ) => ErrorKind::Unauthenticated,
            IdentityError::InvalidLink => ErrorKind::BadRequest,
            IdentityError::AccountExists | IdentityError::NotConfirmed => ErrorKind::Conflict,
            IdentityError::Invalid(fields) => fields.kind(),
            IdentityError::Hash(HashError::Busy) => ErrorKind::Busy,
            IdentityError::Token(_) | IdentityError::Storage(_) | IdentityError::Hash(_) => {
                ErrorKind::Internal
            }
        }
    }

    fn text(&self) -> Text {
        match self {
            IdentityError::InvalidCredentials => text!("id-err-credentials"),
            IdentityError::Throttled { minutes } => text!("id-err-throttled", minutes = *minutes),
            IdentityError::InvalidLink => text!("id-err-link"),
            IdentityError::AccountExists => text!("id-err-account-exists"),
            IdentityError::NotConfirmed => text!("id-err-not-confirmed"),
            IdentityError::Unauthenticated => text!("id-err-sign-in"),
            IdentityError::Invalid(fields) => fields.text(),
            IdentityError::Token(TokenError::InvalidAccessToken) => text!("id-err-access-token"),
            IdentityError::Token(TokenError::InvalidRefreshToken) => {
                text!("id-err-refresh-token")
            }
            IdentityError::Hash(HashError::Busy) => text!("id-err-busy"),
            IdentityError::Token(_) | IdentityError::Storage(_) | IdentityError::Hash(_) => {
                internal_text()
            }
        }
    }

    fn fields(&self) -> Option<&FieldErrors> {
        match self {
            IdentityError::Invalid(fields) => Some(fields),
            _ => None,
        }
    }
}

#[cfg(test)]
impl IdentityError {
    /// One of each refusal, for the catalogue tests.
    pub(crate) fn examples() -> Vec<Self> {
        vec![
            IdentityError::InvalidCredentials,
            IdentityError::Throttled { minutes: 5 },
            IdentityError::InvalidLink,
            IdentityError::Unauthenticated,
            IdentityError::Invalid(FieldErrors::single("email", text!("check-email"))),
            IdentityError::Token(TokenError::InvalidAccessToken),
            IdentityError::Token(TokenError::InvalidRefreshToken),
            IdentityError::Token(TokenError::Signing("key".to_owned())),
            IdentityError::AccountExists,
            IdentityError::NotConfirmed,
            IdentityError::Hash(HashError::Busy),
        ]
    }
}

/// Where links in mail point: the address people reach this DropSlot at.
#[derive(Debug, Clone)]
pub struct IdentitySettings {
    pub public_url: String,
}

#[derive(Clone)]
pub struct IdentityService {
    storage: IdentityStorage,
    sessions: DbSessionStore,
    tokens: ApiTokens,
    hasher: PasswordHasher,
    mailer: SharedMailer,
    settings: IdentitySettings,
}

impl IdentityService {
    pub fn new(
        db: Db,
        hasher: PasswordHasher,
        tokens: ApiTokens,
        mailer: SharedMailer,
        settings: IdentitySettings,
    ) -> Self {
        Self {
            storage: IdentityStorage::new(db.clone()),
            sessions: DbSessionStore::new(db),
            tokens,
            hasher,
            mailer,
            settings,
        }
    }

    pub fn session_store(&self) -> DbSessionStore {
        self.sessions.clone()
    }

    /// Registers an account and mails a verification link. A registered email gets the same
    /// answer (and a note in its inbox instead), so the form cannot tell who has an account.
    #[instrument(skip_all)]
    pub async fn register(&self, registration: Registration) -> Result<(), IdentityError> {
        let now = Timestamp::now();
        let password_hash = self.hasher.hash(&registration.password).await?;
        let account = Account {
            id: UserId::generate(),
            email: registration.email,
            display_name: registration.display_name,
            email_verified: false,
            is_platform_admin: false,
            preferences: Preferences {
                language: registration.language,
                ..Preferences::default()
            },
            created_at: now,
        };
        // Mail speaks the language the person signed up in.
        let i18n = I18n(registration.language);
        match self.storage.insert_user(&account, &password_hash).await {
            Ok(()) => {
                let link = self
                    .issue_link(account.id, TokenPurpose::VerifyEmail, "/verify-email", now)
                    .await?;
                self.send_later(OutgoingMail {
                    to: account.email.to_string(),
                    subject: t!(i18n, "mail-verify-subject"),
                    body: t!(
                        i18n,
                        "mail-verify-body",
                        name = account.display_name.to_string(),
                        link = link
                    ),
                    ..OutgoingMail::default()
                });
            }
            Err(e) if is_unique_violation(&e) => self.send_later(OutgoingMail {
                to: account.email.to_string(),
                subject: t!(i18n, "mail-taken-subject"),
                body: t!(
                    i18n,
                    "mail-taken-body",
                    link = format!("{}/forgot-password", self.settings.public_url)
                ),
                ..OutgoingMail::default()
            }),
            Err(e) => return Err(e.into()),
        }
        Ok(())
    }

    /// Confirms an email address with the token from the mail (single use, 24 hours).
    #[instrument(skip_all)]
    pub async fn verify_email(&self, token: &str) -> Result<UserId, IdentityError> {
        let now = Timestamp::now();
        let user = self
            .storage
            .consume_token(&hash_token(token), TokenPurpose::VerifyEmail, now)
            .await?
            .ok_or(IdentityError::InvalidLink)?;
        self.storage.mark_email_verified(user, now).await?;
        // Sessions read who they are from a memo; the next page must know the address is confirmed.
        self.sessions.forget_principal(user);
        Ok(user)
    }

    /// Checks an email and password, throttled per account and per client address. Unknown
    /// emails cost the same time as wrong passwords and get the same answer.
    #[instrument(skip_all)]
    pub async fn authenticate(
        &self,
        email: &str,
        password: &str,
        client: Option<IpAddr>,
    ) -> Result<Account, IdentityError> {
        let now = Timestamp::now();
        let email = Email::parse(email).ok();
        let account_key = email.as_ref().map(|e| format!("account:{e}"));
        // An IPv6 client by its /64, which one household or phone is given whole.
        let address_key = client.map(|ip| format!("address:{}", network_of(ip)));
        let keys: Vec<String> = [&account_key, &address_key]
            .into_iter()
            .flatten()
            .cloned()
            .collect();
        // Recorded before the check, so guesses sent in parallel count each other: of any number
        // at once, only the allowance reaches the password check.
        let attempt = uuid::Uuid::new_v4().to_string();
        self.storage.record_attempt(&keys, &attempt, now).await?;
        for (key, limit) in [
            (&account_key, ThrottleLimit::PER_ACCOUNT),
            (&address_key, ThrottleLimit::PER_ADDRESS),
        ] {
            let Some(key) = key else { continue };
            let since = Timestamp::from_millis(now.as_millis() - limit.window_ms);
            let mut attempts = self.storage.failures_since(key, since).await?;
            // The allowance is for the attempts before this one.
            attempts.pop();
            if let Some(retry_at) = limit.retry_at(&attempts, now) {
                self.storage.forget_attempt(&attempt).await?;
                return Err(IdentityError::Throttled {
                    minutes: minutes_until(retry_at, now),
                });
            }
        }
        let found = match &email {
            Some(email) => self.storage.find_by_email(email).await?,
            None => None,
        };
        let stored_hash = found.as_ref().map(|(_, hash)| hash.as_str());
        let verified = match self.hasher.verify(password, stored_hash).await {
            Ok(verified) => verified,
            Err(error) => {
                self.storage.forget_attempt(&attempt).await?;
                return Err(error.into());
            }
        };
        if verified {
            if let (Some((account, _)), Some(key)) = (found, &account_key) {
                self.storage.forget_attempt(&attempt).await?;
                self.storage.clear_failures(key).await?;
                return Ok(account);
            }
        }
        Err(IdentityError::InvalidCredentials)
    }

    /// Forgets failed sign-ins older than any throttling window looks at (housekeeping).
    pub async fn prune_sign_in_failures(&self) -> Result<u64, IdentityError> {
        let window = ThrottleLimit::PER_ACCOUNT
            .window_ms
            .max(ThrottleLimit::PER_ADDRESS.window_ms);
        Ok(self
            .storage
            .delete_failures_before(Timestamp::from_millis(
                Timestamp::now().as_millis() - window,
            ))
            .await?)
    }

    /// Mails a reset link if the email has an account; answers the same either way.
    #[instrument(skip_all)]
    pub async fn request_password_reset(&self, email: &str) -> Result<(), IdentityError> {
        let Ok(email) = Email::parse(email) else {
            return Ok(());
        };
        let Some((account, _)) = self.storage.find_by_email(&email).await? else {
            return Ok(());
        };
        let link = self
            .issue_link(
                account.id,
                TokenPurpose::ResetPassword,
                "/reset-password",
                Timestamp::now(),
            )
            .await?;
        let i18n = I18n(account.preferences.language);
        self.send_later(OutgoingMail {
            to: account.email.to_string(),
            subject: t!(i18n, "mail-reset-subject"),
            body: t!(
                i18n,
                "mail-reset-body",
                name = account.display_name.to_string(),
                link = link
            ),
            ..OutgoingMail::default()
        });
        Ok(())
    }

    /// Sets a new password with a reset token (single use, one hour) and signs the person out
    /// everywhere: every browser session and every API refresh token.
    #[instrument(skip_all)]
    pub async fn reset_password(
        &self,
        token: &str,
        new_password: &str,
    ) -> Result<UserId, IdentityError> {
        let now = Timestamp::now();
        let token_hash = hash_token(token);
        // The policy needs the account's email: peek first, so a weak password leaves the link usable.
        let user = self
            .storage
            .peek_token(&token_hash, TokenPurpose::ResetPassword, now)
            .await?
            .ok_or(IdentityError::InvalidLink)?;
        let account = self
            .storage
            .find_by_id(user)
            .await?
            .ok_or(IdentityError::InvalidLink)?;
        let password = Password::parse(new_password, Some(&account.email))
            .map_err(|error| IdentityError::Invalid(FieldErrors::single("password", error)))?;
        if self
            .storage
            .consume_token(&token_hash, TokenPurpose::ResetPassword, now)
            .await?
            != Some(user)
        {
            return Err(IdentityError::InvalidLink);
        }
        let hash = self.hasher.hash(&password).await?;
        self.storage.set_password(user, &hash, now).await?;
        self.sessions.delete_for_user(user, None).await?;
        self.tokens.revoke_all_for_user(user, now).await?;
        Ok(user)
    }

    /// The principal a signed-in user id stands for now (admin rights can change).
    /// Who a signed-in request is: as its session's read told a moment ago (a phone's page load
    /// and its Book press resolve the person once), else from the account. Only being made
    /// platform admin changes a principal, and that forgets it.
    pub async fn principal(&self, user: UserId) -> Result<Principal, IdentityError> {
        if let Some(principal) = self.sessions.remembered_principal(user) {
            return Ok(principal);
        }
        let principal = match self.storage.find_by_id(user).await? {
            Some(account) => Principal::User {
                id: account.id,
                is_platform_admin: account.is_platform_admin,
                email_verified: account.email_verified,
            },
            None => Principal::Anonymous,
        };
        self.sessions.remember_principal(user, principal.clone());
        Ok(principal)
    }

    pub async fn account(&self, principal: &Principal) -> Result<Account, IdentityError> {
        let user = principal.user_id().ok_or(IdentityError::Unauthenticated)?;
        self.storage
            .find_by_id(user)
            .await?
            .ok_or(IdentityError::Unauthenticated)
    }

    /// An account by id, for other contexts that already decided the caller may see it (a
    /// store's owners see their members).
    pub async fn account_by_id(&self, user: UserId) -> Result<Option<Account>, IdentityError> {
        Ok(self.storage.find_by_id(user).await?)
    }

    /// Accounts by id (missing ones left out), for lists another context already authorised.
    pub async fn accounts_by_ids(
        &self,
        users: &[UserId],
    ) -> Result<std::collections::HashMap<UserId, Account>, IdentityError> {
        Ok(self
            .storage
            .find_by_ids(users)
            .await?
            .into_iter()
            .map(|account| (account.id, account))
            .collect())
    }

    /// Turns off texts for a person whose number answered STOP (told by the SMS provider), if
    /// it is still their number.
    pub async fn stop_texts(
        &self,
        user: UserId,
        number: &MobileNumber,
    ) -> Result<(), IdentityError> {
        self.storage
            .stop_texts(user, number, Timestamp::now())
            .await?;
        Ok(())
    }

    /// Turns on push for a person whose browser just subscribed: asking a phone to notify them
    /// is choosing the channel.
    pub async fn want_push(&self, user: UserId) -> Result<(), IdentityError> {
        self.storage.want_push(user, Timestamp::now()).await?;
        Ok(())
    }

    pub async fn update_profile(
        &self,
        principal: &Principal,
        display_name: DisplayName,
        preferences: Preferences,
    ) -> Result<Account, IdentityError> {
        let user = principal.user_id().ok_or(IdentityError::Unauthenticated)?;
        if !self
            .storage
            .update_profile(user, &display_name, &preferences, Timestamp::now())
            .await?
        {
            return Err(IdentityError::Unauthenticated);
        }
        self.account(principal).await
    }

    pub async fn sessions(
        &self,
        principal: &Principal,
        current: Option<SessionId>,
    ) -> Result<Vec<SessionSummary>, IdentityError> {
        let user = principal.user_id().ok_or(IdentityError::Unauthenticated)?;
        Ok(self
            .sessions
            .list_for_user(user, current, Timestamp::now())
            .await?)
    }

    /// Ends every session of the caller but the current one.
    pub async fn sign_out_other_sessions(
        &self,
        principal: &Principal,
        current: Option<SessionId>,
    ) -> Result<u64, IdentityError> {
        let user = principal.user_id().ok_or(IdentityError::Unauthenticated)?;
        Ok(self.sessions.delete_for_user(user, current).await?)
    }

    /// API sign-in: email and password for a token pair.
    pub async fn issue_api_tokens(
        &self,
        email: &str,
        password: &str,
        client: Option<IpAddr>,
    ) -> Result<TokenPair, IdentityError> {
        let account = self.authenticate(email, password, client).await?;
        Ok(self
            .tokens
            .issue(
                account.id,
                account.is_platform_admin,
                account.email_verified,
                Timestamp::now(),
            )
            .await?)
    }

    pub async fn refresh_api_tokens(
        &self,
        refresh_token: &str,
    ) -> Result<TokenPair, IdentityError> {
        Ok(self.tokens.refresh(refresh_token, Timestamp::now()).await?)
    }

    pub async fn revoke_api_tokens(&self, refresh_token: &str) -> Result<(), IdentityError> {
        Ok(self.tokens.revoke(refresh_token, Timestamp::now()).await?)
    }

    /// The principal behind a bearer access token.
    pub async fn principal_for_access_token(
        &self,
        token: &str,
    ) -> Result<Principal, IdentityError> {
        Ok(self.tokens.verify_access(token)?)
    }

    /// The `create-admin` command, never a request: creates a confirmed platform admin, or, with
    /// `promote_existing`, makes an existing account one. Only a confirmed account is promoted:
    /// whoever registered the operator's email first, unconfirmed and with their own password,
    /// must not become admin by it.
    pub async fn provision_admin(
        &self,
        registration: Registration,
        promote_existing: bool,
    ) -> Result<AdminProvisioned, IdentityError> {
        let Some((account, _)) = self.storage.find_by_email(&registration.email).await? else {
            return Ok(AdminProvisioned::Created(
                self.create_confirmed(registration, true).await?,
            ));
        };
        if !promote_existing {
            return Err(IdentityError::AccountExists);
        }
        if !account.email_verified {
            return Err(IdentityError::NotConfirmed);
        }
        self.storage
            .make_platform_admin(account.id, Timestamp::now())
            .await?;
        self.sessions.forget_principal(account.id);
        Ok(AdminProvisioned::Promoted(account.id))
    }

    /// Creates a confirmed account (a platform admin with `platform_admin`), or finds the
    /// existing one unchanged, for the demo seed, tests and `provision_admin`; never for
    /// requests.
    pub async fn provision_account(
        &self,
        registration: Registration,
        platform_admin: bool,
    ) -> Result<UserId, IdentityError> {
        if let Some((account, _)) = self.storage.find_by_email(&registration.email).await? {
            return Ok(account.id);
        }
        self.create_confirmed(registration, platform_admin).await
    }

    async fn create_confirmed(
        &self,
        registration: Registration,
        platform_admin: bool,
    ) -> Result<UserId, IdentityError> {
        let now = Timestamp::now();
        let account = Account {
            id: UserId::generate(),
            email: registration.email,
            display_name: registration.display_name,
            email_verified: true,
            is_platform_admin: platform_admin,
            preferences: Preferences {
                language: registration.language,
                ..Preferences::default()
            },
            created_at: now,
        };
        let hash = self.hasher.hash(&registration.password).await?;
        self.storage.insert_user(&account, &hash).await?;
        Ok(account.id)
    }

    /// Many confirmed accounts sharing one password, hashed once and inserted in one
    /// transaction: seeding and load tests make thousands in seconds, where one argon2id hash
    /// per account would take minutes. Answers their ids, in order.
    pub async fn provision_accounts(
        &self,
        people: &[(Email, DisplayName)],
        password: &Password,
    ) -> Result<Vec<UserId>, IdentityError> {
        let now = Timestamp::now();
        let hash = self.hasher.hash(password).await?;
        let accounts: Vec<Account> = people
            .iter()
            .map(|(email, name)| Account {
                id: UserId::generate(),
                email: email.clone(),
                display_name: name.clone(),
                email_verified: true,
                is_platform_admin: false,
                preferences: Preferences::default(),
                created_at: now,
            })
            .collect();
        self.storage.insert_users(&accounts, &hash).await?;
        Ok(accounts.into_iter().map(|a| a.id).collect())
    }

    /// A short-lived API access token for a confirmed shopper's account, without a sign-in
    /// (load tests).
    pub fn access_token(&self, user: UserId) -> Result<String, IdentityError> {
        Ok(self
            .tokens
            .access_token(user, false, true, Timestamp::now())?)
    }

    async fn issue_link(
        &self,
        user: UserId,
        purpose: TokenPurpose,
        path: &str,
        now: Timestamp,
    ) -> Result<String, IdentityError> {
        let ttl = match purpose {
            TokenPurpose::VerifyEmail => VERIFY_TTL_MS,
            TokenPurpose::ResetPassword => RESET_TTL_MS,
        };
        let token = SecretToken::generate();
        self.storage
            .insert_token(
                &token.hash,
                user,
                purpose,
                Timestamp::from_millis(now.as_millis() + ttl),
                now,
            )
            .await?;
        Ok(format!(
            "{}{path}?token={}",
            self.settings.public_url, token.plain
        ))
    }

    /// Sends mail without making the request wait for it: the answer's timing must not reveal
    /// whether an account exists, and a slow mail server must not slow sign-up.
    fn send_later(&self, mail: OutgoingMail) {
        let mailer = self.mailer.clone();
        tokio::spawn(async move {
            if let Err(error) = mailer.send(mail).await {
                tracing::error!(%error, "mail not sent");
            }
        });
    }
}
