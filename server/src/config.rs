//! Layered configuration: built-in defaults, then an optional TOML file, then the environment.
//! Checked once at start; an error names the key that is wrong.

use app::{
    db::Engine,
    identity::password::HashCost,
    mail::SmtpTls,
    rate_limits::{Action, Limit},
};
use figment::{
    Figment,
    providers::{Env, Format, Toml},
};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use std::{
    collections::HashMap,
    net::SocketAddr,
    path::{Path, PathBuf},
};

const DEFAULTS: &str = include_str!("../config/defaults.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub server: ServerConfig,
    pub database: DatabaseConfig,
    pub log: LogConfig,
    pub identity: IdentityConfig,
    pub mail: MailConfig,
    pub notifications: NotificationsConfig,
    pub sms: SmsConfig,
    pub media: MediaConfig,
    pub drops: DropsConfig,
    pub reservations: ReservationsConfig,
    pub limits: LimitsConfig,
    pub quotas: app::quotas::Quotas,
}

/// Rate limits per action; see `app::rate_limits`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsConfig {
    pub any: Limit,
    pub sign_in: Limit,
    pub register: Limit,
    pub password_reset: Limit,
    pub token: Limit,
    pub booking: Limit,
    pub waitlist: Limit,
}

impl LimitsConfig {
    pub fn by_action(&self) -> HashMap<Action, Limit> {
        HashMap::from([
            (Action::Any, self.any),
            (Action::SignIn, self.sign_in),
            (Action::Register, self.register),
            (Action::PasswordReset, self.password_reset),
            (Action::Token, self.token),
            (Action::Booking, self.booking),
            (Action::Waitlist, self.waitlist),
        ])
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReservationsConfig {
    pub check_in_grace_minutes: u32,
    pub check_in_undo_minutes: u32,
    pub waitlist_offer_minutes: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DropsConfig {
    pub max_slots_per_schedule: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MediaConfig {
    pub dir: PathBuf,
    pub max_upload_mb: u32,
}

impl MediaConfig {
    pub fn max_upload_bytes(&self) -> u64 {
        u64::from(self.max_upload_mb) * 1024 * 1024
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerConfig {
    pub addr: SocketAddr,
    pub site_root: PathBuf,
    pub shutdown_grace_secs: u64,
    pub trusted_proxies: Vec<std::net::IpAddr>,
    pub header_read_timeout_secs: u64,
    pub max_connections: u32,
    pub max_in_flight: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseConfig {
    /// May carry a password, so it is never printed.
    pub url: SecretString,
    pub max_connections: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogConfig {
    pub filter: String,
    pub format: LogFormat,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentityConfig {
    pub public_url: String,
    pub password_hash: HashCost,
    pub session_idle_minutes: u32,
    pub session_absolute_minutes: u32,
    pub jwt_secret: Option<SecretString>,
    pub jwt_secret_file: PathBuf,
    pub access_token_minutes: u32,
    pub refresh_token_days: u32,
}

impl IdentityConfig {
    /// Whether the site is served over https, which makes cookies Secure and __Host- prefixed.
    pub fn is_https(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum MailTransport {
    File,
    Smtp,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailConfig {
    pub transport: MailTransport,
    pub from: String,
    pub file_dir: PathBuf,
    pub smtp_host: String,
    pub smtp_port: u16,
    pub smtp_tls: SmtpTls,
    pub smtp_username: Option<String>,
    pub smtp_password: Option<SecretString>,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SmsProvider {
    None,
    Twilio,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmsConfig {
    pub provider: SmsProvider,
    pub api_base: String,
    pub account_sid: String,
    pub messaging_service_sid: String,
    pub auth_token: Option<SecretString>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotificationsConfig {
    pub emails_per_second: u32,
    pub texts_per_second: u32,
    pub first_retry_seconds: u32,
    pub provider_rest_seconds: u32,
    pub max_attempts: u32,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Pretty,
    Json,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("configuration file {0} does not exist")]
    MissingFile(PathBuf),
    #[error("invalid configuration: {0}")]
    Parse(#[from] Box<figment::Error>),
    #[error("invalid configuration: {key}: {message}")]
    Invalid { key: &'static str, message: String },
}

impl Config {
    /// Loads the configuration from the process environment and an optional file.
    pub fn load(file: Option<&Path>) -> Result<Self, ConfigError> {
        Self::from_figment(Self::figment(file)?)
    }

    pub fn figment(file: Option<&Path>) -> Result<Figment, ConfigError> {
        let mut figment = Figment::from(Toml::string(DEFAULTS));
        if let Some(file) = file {
            if !file.is_file() {
                return Err(ConfigError::MissingFile(file.to_owned()));
            }
            figment = figment.merge(Toml::file_exact(file));
        }
        Ok(figment
            .merge(
                Env::raw()
                    .only(&["DATABASE_URL"])
                    .map(|_| "database.url".into()),
            )
            .merge(Env::prefixed("DROPSLOT_").ignore(&["CONFIG"]).split("__")))
    }

    pub fn from_figment(figment: Figment) -> Result<Self, ConfigError> {
        let config: Config = figment.extract().map_err(Box::new)?;
        config.validate()?;
        Ok(config)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        if Engine::of_url(self.database.url.expose_secret()).is_none() {
            return Err(ConfigError::Invalid {
                key: "database.url",
                message: "must start with sqlite: or postgres://".into(),
            });
        }
        // Event delivery holds one connection while its handlers use another.
        if self.database.max_connections < 2 {
            return Err(ConfigError::Invalid {
                key: "database.max_connections",
                message: "must be at least 2".into(),
            });
        }
        tracing_subscriber::EnvFilter::try_new(&self.log.filter).map_err(|e| {
            ConfigError::Invalid {
                key: "log.filter",
                message: e.to_string(),
            }
        })?;
        let url = &self.identity.public_url;
        if !(url.starts_with("http://") || url.starts_with("https://")) || url.ends_with('/') {
            return Err(ConfigError::Invalid {
                key: "identity.public_url",
                message: "must be an http:// or https:// address without a trailing slash".into(),
            });
        }
        if self
            .identity
            .jwt_secret
            .as_ref()
            .is_some_and(|s| s.expose_secret().len() < 32)
        {
            return Err(ConfigError::Invalid {
                key: "identity.jwt_secret",
                message: "must be at least 32 characters".into(),
            });
        }
        self.validate_public_serving()?;
        if self.identity.session_idle_minutes == 0
            || self.identity.session_absolute_minutes < self.identity.session_idle_minutes
        {
            return Err(ConfigError::Invalid {
                key: "identity.session_absolute_minutes",
                message: "must be at least session_idle_minutes, which must be above 0".into(),
            });
        }
        if !(1..=300).contains(&self.server.header_read_timeout_secs) {
            return Err(ConfigError::Invalid {
                key: "server.header_read_timeout_secs",
                message: "must be between 1 and 300".into(),
            });
        }
        if self.server.max_connections == 0 || self.server.max_in_flight == 0 {
            return Err(ConfigError::Invalid {
                key: "server.max_in_flight",
                message: "max_connections and max_in_flight must be above 0".into(),
            });
        }
        if !(1..=64).contains(&self.media.max_upload_mb) {
            return Err(ConfigError::Invalid {
                key: "media.max_upload_mb",
                message: "must be between 1 and 64".into(),
            });
        }
        if self.reservations.check_in_grace_minutes > 24 * 60
            || self.reservations.check_in_undo_minutes > 24 * 60
        {
            return Err(ConfigError::Invalid {
                key: "reservations.check_in_grace_minutes",
                message: "must be at most 1440 (a day)".into(),
            });
        }
        if !(1..=24 * 60).contains(&self.reservations.waitlist_offer_minutes) {
            return Err(ConfigError::Invalid {
                key: "reservations.waitlist_offer_minutes",
                message: "must be between 1 and 1440 (a day)".into(),
            });
        }
        let quotas = &self.quotas;
        if [
            quotas.stores_per_account,
            quotas.branches_per_store,
            quotas.products_per_store,
            quotas.slots_per_drop,
        ]
        .contains(&0)
        {
            return Err(ConfigError::Invalid {
                key: "quotas",
                message: "every quota must be at least 1".into(),
            });
        }
        if !(1..=100_000).contains(&self.drops.max_slots_per_schedule) {
            return Err(ConfigError::Invalid {
                key: "drops.max_slots_per_schedule",
                message: "must be between 1 and 100000".into(),
            });
        }
        app::mail::parse_sender(&self.mail.from).map_err(|e| ConfigError::Invalid {
            key: "mail.from",
            message: e.to_string(),
        })?;
        Ok(())
    }
}

impl Config {
    /// Whether the server listens beyond this machine: then it is someone's production.
    fn serves_others(&self) -> bool {
        !self.server.addr.ip().is_loopback()
    }

    /// Listening beyond this machine, the defaults made for a laptop would be unsafe: links in
    /// mail to 127.0.0.1 and cookies without Secure, or, with PostgreSQL, each instance signing
    /// API tokens with a key of its own.
    fn validate_public_serving(&self) -> Result<(), ConfigError> {
        if !self.serves_others() {
            return Ok(());
        }
        if is_loopback_url(&self.identity.public_url) {
            return Err(ConfigError::Invalid {
                key: "identity.public_url",
                message: format!(
                    "must be the address people reach DropSlot at (https://...) when listening on {}",
                    self.server.addr
                ),
            });
        }
        let engine = Engine::of_url(self.database.url.expose_secret());
        if engine == Some(Engine::Postgres) && self.identity.jwt_secret.is_none() {
            return Err(ConfigError::Invalid {
                key: "identity.jwt_secret",
                message: "must be set when instances share PostgreSQL: each would otherwise \
                          sign API tokens with its own key and refuse the others'"
                    .into(),
            });
        }
        Ok(())
    }

    /// What is allowed but probably a mistake where people are served, logged at start.
    pub fn warnings(&self) -> Vec<String> {
        if !self.serves_others() {
            return Vec::new();
        }
        let mut warnings = Vec::new();
        if !self.identity.is_https() {
            warnings.push(
                "identity.public_url is not https://: session cookies are sent without Secure"
                    .to_owned(),
            );
        }
        if self.mail.transport == MailTransport::File {
            warnings.push(format!(
                "mail.transport is \"file\": mail is written to {}, nobody receives it",
                self.mail.file_dir.display()
            ));
        }
        if self.server.trusted_proxies.is_empty() {
            warnings.push(
                "server.trusted_proxies is empty: behind a proxy every client counts as the \
                 proxy's address for rate limits and sign-in throttling"
                    .to_owned(),
            );
        }
        warnings
    }
}

/// Whether a URL's host is this machine (`127.x`, `::1`, `localhost`).
fn is_loopback_url(url: &str) -> bool {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = after_scheme.split('/').next().unwrap_or_default();
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => authority.split(':').next().unwrap_or_default(),
    };
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;
    use figment::Jail;

    #[test]
    fn serving_others_needs_a_public_address_and_a_shared_token_key() {
        Jail::expect_with(|jail| {
            jail.clear_env();
            jail.set_env("DROPSLOT_SERVER__ADDR", "0.0.0.0:3000");
            let error = Config::load(None).unwrap_err().to_string();
            assert!(error.contains("identity.public_url"), "{error}");

            jail.set_env("DROPSLOT_IDENTITY__PUBLIC_URL", "https://drops.example.com");
            let config = Config::load(None).expect("SQLite makes its own key");
            let warnings = config.warnings().join("\n");
            assert!(warnings.contains("mail.transport"), "{warnings}");
            assert!(warnings.contains("trusted_proxies"), "{warnings}");
            assert!(!warnings.contains("Secure"), "{warnings}");

            jail.set_env("DATABASE_URL", "postgres://dropslot@db/dropslot");
            let error = Config::load(None).unwrap_err().to_string();
            assert!(error.contains("identity.jwt_secret"), "{error}");
            jail.set_env(
                "DROPSLOT_IDENTITY__JWT_SECRET",
                "correct-horse-battery-staple-0123456789",
            );
            Config::load(None).expect("explicit key");
            Ok(())
        });
    }

    #[test]
    fn loopback_addresses_are_recognised() {
        for url in [
            "http://127.0.0.1:3000",
            "http://localhost",
            "http://[::1]:8080/x",
        ] {
            assert!(is_loopback_url(url), "{url}");
        }
        for url in [
            "https://drops.example.com",
            "http://10.0.0.5:3000",
            "https://[2001:db8::1]",
        ] {
            assert!(!is_loopback_url(url), "{url}");
        }
    }

    #[test]
    fn defaults_are_valid() {
        Jail::expect_with(|jail| {
            jail.clear_env();
            let config = Config::load(None).expect("defaults load");
            assert_eq!(config.server.addr.to_string(), "127.0.0.1:3000");
            assert_eq!(config.log.format, LogFormat::Pretty);
            Ok(())
        });
    }

    #[test]
    fn environment_overrides_file_overrides_defaults() {
        Jail::expect_with(|jail| {
            jail.clear_env();
            jail.create_file(
                "dropslot.toml",
                "[server]\naddr = \"0.0.0.0:8080\"\n[database]\nmax_connections = 3\n\
                 [identity]\npublic_url = \"https://drops.example.com\"\n",
            )?;
            jail.set_env("DROPSLOT_DATABASE__MAX_CONNECTIONS", "7");
            let config = Config::load(Some(Path::new("dropslot.toml"))).expect("loads");
            assert_eq!(config.server.addr.port(), 8080);
            assert_eq!(config.database.max_connections, 7);
            Ok(())
        });
    }

    #[test]
    fn database_url_is_accepted_and_redacted() {
        Jail::expect_with(|jail| {
            jail.clear_env();
            jail.set_env("DATABASE_URL", "postgres://app:hunter2@db/dropslot");
            jail.set_env("DROPSLOT_MAIL__SMTP_PASSWORD", "swordfish");
            jail.set_env(
                "DROPSLOT_IDENTITY__JWT_SECRET",
                "correct-horse-battery-staple-0123456789",
            );
            let config = Config::load(None).expect("loads");
            assert_eq!(
                config.database.url.expose_secret(),
                "postgres://app:hunter2@db/dropslot"
            );
            let debug = format!("{config:?}");
            for secret in ["hunter2", "swordfish", "correct-horse"] {
                assert!(
                    !debug.contains(secret),
                    "secrets never reach Debug output: {secret}"
                );
            }
            Ok(())
        });
    }

    #[test]
    fn errors_name_the_bad_key() {
        Jail::expect_with(|jail| {
            jail.clear_env();
            jail.set_env("DROPSLOT_DATABASE__URL", "mysql://nope");
            let error = Config::load(None).unwrap_err().to_string().to_lowercase();
            assert!(error.contains("database.url"), "{error}");
            Ok(())
        });
        Jail::expect_with(|jail| {
            jail.clear_env();
            jail.set_env("DROPSLOT_SERVER__ADDR", "not an address");
            let error = Config::load(None).unwrap_err().to_string().to_lowercase();
            assert!(error.contains("server.addr"), "{error}");
            Ok(())
        });
        Jail::expect_with(|jail| {
            jail.clear_env();
            jail.set_env("DROPSLOT_DATABASE_URL", "sqlite://typo.db");
            let error = Config::load(None).unwrap_err().to_string().to_lowercase();
            assert!(
                error.contains("database_url"),
                "a misspelt key is reported: {error}"
            );
            Ok(())
        });
    }

    #[test]
    fn a_missing_file_is_an_error() {
        Jail::expect_with(|jail| {
            jail.clear_env();
            assert!(matches!(
                Config::load(Some(Path::new("absent.toml"))),
                Err(ConfigError::MissingFile(_))
            ));
            Ok(())
        });
    }
}
