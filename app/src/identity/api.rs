//! Server functions of the Identity context. Sign-in and sign-out change the browser session;
//! the rest call the service with the request's principal.

use super::model::{Account, SessionSummary};
use crate::{error::AppError, i18n::Language};
use leptos::prelude::*;

/// The signed-in account, or `None`, for the header and guarded pages.
#[server]
pub async fn current_account() -> Result<Option<Account>, AppError> {
    use crate::{identity::model::Principal, request::principal, services::services};
    match principal() {
        Principal::Anonymous => Ok(None),
        principal => Ok(Some(services()?.identity.account(&principal).await?)),
    }
}

/// Whether the request is signed in: all the site header shows of who is asking.
#[server]
pub async fn signed_in() -> Result<bool, AppError> {
    use crate::{identity::model::Principal, request::principal};
    Ok(!matches!(principal(), Principal::Anonymous))
}

#[server]
pub async fn register(
    email: String,
    display_name: String,
    password: String,
) -> Result<(), AppError> {
    use crate::identity::model::Registration;
    let registration = Registration::parse(&email, &display_name, &password)?
        .speaking(crate::i18n::request_language());
    Ok(crate::services::services()?
        .identity
        .register(registration)
        .await?)
}

#[server]
pub async fn verify_email(token: String) -> Result<(), AppError> {
    crate::services::services()?
        .identity
        .verify_email(&token)
        .await?;
    Ok(())
}

/// Signs in: a new session id (no fixation), then back to `next` if it is a local path. Answers
/// the language of the person's profile, which the browser remembers from now on.
#[server]
pub async fn login(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<Language, AppError> {
    use crate::{
        identity::sessions::{AUTH_KEY, AuthSession},
        request::{request_context, session},
        services::services,
        time::Timestamp,
    };
    let context = request_context();
    let account = services()?
        .identity
        .authenticate(&email, &password, context.client)
        .await?;
    let session = session()?;
    session
        .cycle_id()
        .await
        .map_err(|e| AppError::internal(&e))?;
    let auth = AuthSession {
        user_id: account.id,
        signed_in_at: Timestamp::now(),
        user_agent: context.user_agent,
        renewed_at: None,
    };
    session
        .insert(AUTH_KEY, auth)
        .await
        .map_err(|e| AppError::internal(&e))?;
    crate::i18n::remember_language(account.preferences.language);
    leptos_axum::redirect(&local_path(next.as_deref()));
    Ok(account.preferences.language)
}

/// Only same-site paths, so a crafted link cannot send people elsewhere after signing in.
pub fn local_path(next: Option<&str>) -> String {
    match next {
        Some(path) if is_local_path(path) => path.to_owned(),
        _ => "/account".to_owned(),
    }
}

/// One leading slash and nothing a browser drops or reads as one (control characters such as a
/// tab, whitespace, backslashes): "/\t/evil.example" would otherwise become "//evil.example".
fn is_local_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_paths_on_this_site_are_followed_after_sign_in() {
        for local in ["/d/0190f1a6", "/reservations?booked=1", "/s/kanom#slots"] {
            assert_eq!(local_path(Some(local)), local);
        }
        for elsewhere in [
            "//evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/ /evil.example",
            "/\\evil.example",
            "https://evil.example",
            "evil.example",
            "",
        ] {
            assert_eq!(local_path(Some(elsewhere)), "/account", "{elsewhere:?}");
        }
        assert_eq!(local_path(None), "/account");
    }
}

#[server]
pub async fn logout() -> Result<(), AppError> {
    let session = crate::request::session()?;
    session.flush().await.map_err(|e| AppError::internal(&e))?;
    leptos_axum::redirect("/");
    Ok(())
}

#[server]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    Ok(crate::services::services()?
        .identity
        .request_password_reset(&email)
        .await?)
}

#[server]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    crate::services::services()?
        .identity
        .reset_password(&token, &password)
        .await?;
    Ok(())
}

#[server]
pub async fn update_profile(
    display_name: String,
    language: String,
    time_zone: String,
    notify_email: Option<String>,
    notify_sms: Option<String>,
    notify_push: Option<String>,
    mobile: Option<String>,
) -> Result<Account, AppError> {
    use crate::{
        error::FieldErrors,
        i18n::Language,
        identity::model::{DisplayName, NotificationChannels, Preferences},
        request::principal,
        services::services,
        time::TimeZoneName,
    };
    let mut errors = FieldErrors::default();
    let display_name = errors.check("display_name", DisplayName::parse(&display_name));
    let language = errors.check(
        "language",
        Language::parse(&language).ok_or_else(|| crate::text!("check-language")),
    );
    let time_zone = errors.check("time_zone", TimeZoneName::parse(&time_zone));
    let mobile = match mobile.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(number) => errors.check("mobile", crate::contact::MobileNumber::parse(number)),
    };
    if notify_sms.is_some() && mobile.is_none() && errors.for_field("mobile").is_none() {
        errors.add("mobile", crate::text!("account-mobile-needed"));
    }
    let (Some(display_name), Some(language), Some(time_zone)) = (display_name, language, time_zone)
    else {
        return Err(errors.into());
    };
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let channels = NotificationChannels {
        email: notify_email.is_some(),
        sms: notify_sms.is_some(),
        push: notify_push.is_some(),
    };
    let preferences = Preferences {
        language,
        time_zone,
        channels,
        mobile,
    };
    let account = services()?
        .identity
        .update_profile(&principal(), display_name, preferences)
        .await?;
    crate::i18n::remember_language(account.preferences.language);
    Ok(account)
}

#[server]
pub async fn list_sessions() -> Result<Vec<SessionSummary>, AppError> {
    use crate::{
        request::{principal, session},
        services::services,
    };
    let current = session()?.id();
    Ok(services()?.identity.sessions(&principal(), current).await?)
}

#[server]
pub async fn sign_out_other_sessions() -> Result<u64, AppError> {
    use crate::{
        request::{principal, session},
        services::services,
    };
    let current = session()?.id();
    Ok(services()?
        .identity
        .sign_out_other_sessions(&principal(), current)
        .await?)
}
