//! Building the application from its configuration: the mailer, the API signing key, the
//! services and the state the router shares.

use crate::{
    StartError,
    config::{Config, ConfigError, IdentityConfig, MailConfig, MailTransport, SmsProvider},
    leptos_options,
    state::{AppState, SharedState, WebSettings},
};
use app::drops::service::DropSettings;
use app::notifications::{
    service::NotificationSettings,
    sms::{SharedSms, TwilioSettings, TwilioSms},
};
use app::rate_limits::RateLimiter;
use app::reservations::service::ReservationSettings;
use app::{
    db::Db,
    identity::{api_tokens::ApiTokenSettings, secret_token::random_hex},
    mail::{FileMailer, SharedMailer, SmtpMailer, SmtpSettings, parse_sender},
    media::FileMediaStore,
    services::{ServiceSettings, Services},
};
use secrecy::ExposeSecret;
use std::{net::SocketAddr, sync::Arc};

pub fn build_services(db: Db, config: &Config) -> Result<Services, StartError> {
    let identity = &config.identity;
    let settings = ServiceSettings {
        public_url: identity.public_url.clone(),
        hash_cost: identity.password_hash,
        api_tokens: ApiTokenSettings {
            signing_key: jwt_secret(identity)?,
            issuer: identity.public_url.clone(),
            audience: format!("{}/api/v1", identity.public_url),
            access_ttl_secs: i64::from(identity.access_token_minutes) * 60,
            refresh_ttl_secs: i64::from(identity.refresh_token_days) * 24 * 60 * 60,
        },
        mailer: mailer(&config.mail)?,
        media: Arc::new(
            FileMediaStore::new(config.media.dir.clone())
                .map_err(|e| StartError::Secret(config.media.dir.clone(), e))?,
        ),
        max_upload_bytes: config.media.max_upload_bytes(),
        drops: DropSettings {
            max_slots_per_schedule: config.drops.max_slots_per_schedule as usize,
        },
        reservations: ReservationSettings {
            check_in_grace_minutes: config.reservations.check_in_grace_minutes,
            check_in_undo_minutes: config.reservations.check_in_undo_minutes,
            waitlist_offer_minutes: config.reservations.waitlist_offer_minutes,
        },
        quotas: config.quotas,
        sms: sms(config)?,
        notifications: NotificationSettings {
            public_url: identity.public_url.clone(),
            sender: sender_address(&config.mail.from),
            emails_per_second: config.notifications.emails_per_second.max(1),
            texts_per_second: config.notifications.texts_per_second.max(1),
            first_retry_ms: i64::from(config.notifications.first_retry_seconds.max(1)) * 1000,
            provider_rest_ms: i64::from(config.notifications.provider_rest_seconds.max(1)) * 1000,
            max_attempts: config.notifications.max_attempts.max(1),
            link_secret: jwt_secret(identity)?,
        },
    };
    Ok(Services::new(db, settings))
}

pub fn app_state(db: Db, services: Services, addr: SocketAddr, config: &Config) -> AppState {
    let identity = &config.identity;
    AppState::new(SharedState {
        leptos_options: leptos_options(addr, &config.server.site_root),
        services,
        limiter: RateLimiter::new(db.clone(), config.limits.by_action()),
        db,
        web: WebSettings {
            public_origin: origin_of(&identity.public_url),
            secure_cookies: identity.is_https(),
            session_idle_secs: i64::from(identity.session_idle_minutes) * 60,
            session_absolute_ms: i64::from(identity.session_absolute_minutes) * 60 * 1000,
            trusted_proxies: config.server.trusted_proxies.clone(),
            max_in_flight: config.server.max_in_flight as usize,
            max_upload_bytes: config.media.max_upload_bytes(),
        },
    })
}

/// The path Twilio posts its delivery reports to.
pub const TWILIO_REPORTS: &str = "/webhooks/twilio/status";

fn sms(config: &Config) -> Result<Option<SharedSms>, StartError> {
    let sms = &config.sms;
    if sms.provider == SmsProvider::None {
        return Ok(None);
    }
    let missing = |key: &'static str| {
        StartError::Config(ConfigError::Invalid {
            key,
            message: "is needed to send texts through Twilio".into(),
        })
    };
    if sms.account_sid.is_empty() {
        return Err(missing("sms.account_sid"));
    }
    if sms.messaging_service_sid.is_empty() {
        return Err(missing("sms.messaging_service_sid"));
    }
    let token = sms
        .auth_token
        .as_ref()
        .ok_or_else(|| missing("sms.auth_token"))?;
    let twilio = TwilioSms::new(TwilioSettings {
        api_base: sms.api_base.clone(),
        account_sid: sms.account_sid.clone(),
        auth_token: token.expose_secret().to_owned(),
        messaging_service_sid: sms.messaging_service_sid.clone(),
        status_callback: Some(format!(
            "{}{TWILIO_REPORTS}",
            origin_of(&config.identity.public_url)
        )),
    })
    .map_err(|e| {
        StartError::Config(ConfigError::Invalid {
            key: "sms",
            message: e.to_string(),
        })
    })?;
    Ok(Some(Arc::new(twilio)))
}

/// "DropSlot <no-reply@example.com>" as its address alone.
fn sender_address(from: &str) -> String {
    parse_sender(from).map_or_else(|_| from.to_owned(), |mailbox| mailbox.email.to_string())
}

fn origin_of(url: &str) -> String {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    match url[after_scheme..].find('/') {
        Some(end) => url[..after_scheme + end].to_owned(),
        None => url.to_owned(),
    }
}

/// The configured secret, or one generated on first start and kept in a file (development).
fn jwt_secret(identity: &IdentityConfig) -> Result<Vec<u8>, StartError> {
    if let Some(secret) = &identity.jwt_secret {
        return Ok(secret.expose_secret().as_bytes().to_vec());
    }
    let path = &identity.jwt_secret_file;
    match std::fs::read_to_string(path) {
        Ok(secret) if secret.trim().len() >= 32 => Ok(secret.trim().as_bytes().to_vec()),
        _ => {
            let secret = random_hex::<32>();
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| StartError::Secret(path.clone(), e))?;
            }
            std::fs::write(path, &secret).map_err(|e| StartError::Secret(path.clone(), e))?;
            tracing::info!(path = %path.display(), "generated an API signing key");
            Ok(secret.into_bytes())
        }
    }
}

fn mailer(mail: &MailConfig) -> Result<SharedMailer, StartError> {
    let from = parse_sender(&mail.from).map_err(StartError::Mail)?;
    Ok(match mail.transport {
        MailTransport::File => Arc::new(
            FileMailer::new(from, mail.file_dir.clone())
                .map_err(|e| StartError::Secret(mail.file_dir.clone(), e))?,
        ),
        MailTransport::Smtp => Arc::new(
            SmtpMailer::new(
                from,
                SmtpSettings {
                    host: mail.smtp_host.clone(),
                    port: mail.smtp_port,
                    tls: mail.smtp_tls,
                    username: mail.smtp_username.clone(),
                    password: mail
                        .smtp_password
                        .as_ref()
                        .map(|p| p.expose_secret().to_owned()),
                },
            )
            .map_err(StartError::Mail)?,
        ),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn origins_drop_the_path() {
        assert_eq!(
            super::origin_of("https://drops.example.com"),
            "https://drops.example.com"
        );
        assert_eq!(
            super::origin_of("http://127.0.0.1:3000/base"),
            "http://127.0.0.1:3000"
        );
    }
}
