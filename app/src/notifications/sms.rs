//! Text messages through Twilio's Messages API: a thin client over the one call DropSlot needs
//! (the SDKs are heavy), and the check of `X-Twilio-Signature` on its status callbacks.

use crate::contact::MobileNumber;
use async_trait::async_trait;
use base64::{Engine, engine::general_purpose::STANDARD};
use hmac::{Hmac, Mac};
use serde::Deserialize;
use sha1::Sha1;
use std::{sync::Arc, time::Duration};

#[derive(Debug, thiserror::Error)]
pub enum SmsError {
    /// The number answered STOP: Twilio refuses to text it until it answers START.
    #[error("the number has opted out of texts (it replied STOP)")]
    OptedOut,
    /// Refused for good: a number that cannot take texts, bad credentials.
    #[error("the SMS provider refused the message: {0}")]
    Refused(String),
    /// Unreachable, overloaded (429) or failing (5xx): worth another try.
    #[error("cannot reach the SMS provider: {0}")]
    Unavailable(String),
}

impl SmsError {
    pub fn is_transient(&self) -> bool {
        matches!(self, Self::Unavailable(_))
    }
}

#[async_trait]
pub trait SmsSender: Send + Sync {
    /// Sends `body` to `to`; answers the provider's id of the message.
    async fn send(&self, to: &MobileNumber, body: &str) -> Result<String, SmsError>;

    /// Whether a status report posted to `url` with `params` carries the provider's signature.
    fn signed_report(&self, url: &str, params: &[(String, String)], signature: &str) -> bool;
}

/// What the provider reports of a text it took: where a callback says it ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextOutcome {
    Delivered,
    /// Undelivered or failed, with the provider's error code.
    Failed(String),
    /// Still on its way (queued, sent): nothing to record yet.
    Underway,
}

/// Twilio's callback fields: `MessageSid`, `MessageStatus` and, on failure, `ErrorCode`.
pub fn twilio_report(params: &[(String, String)]) -> Option<(String, TextOutcome)> {
    let field = |name: &str| {
        params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let outcome = match field("MessageStatus")? {
        "delivered" | "read" => TextOutcome::Delivered,
        "failed" | "undelivered" => TextOutcome::Failed(format!(
            "{} (Twilio error {})",
            field("MessageStatus").unwrap_or_default(),
            field("ErrorCode").unwrap_or("unknown")
        )),
        _ => TextOutcome::Underway,
    };
    Some((field("MessageSid")?.to_owned(), outcome))
}

pub type SharedSms = Arc<dyn SmsSender>;

#[derive(Debug, Clone)]
pub struct TwilioSettings {
    /// `https://api.twilio.com` (a test points it at a server of its own).
    pub api_base: String,
    pub account_sid: String,
    pub auth_token: String,
    pub messaging_service_sid: String,
    /// Where Twilio reports what became of each message, if anywhere.
    pub status_callback: Option<String>,
}

pub struct TwilioSms {
    http: reqwest::Client,
    settings: TwilioSettings,
}

impl TwilioSms {
    pub fn new(settings: TwilioSettings) -> Result<Self, SmsError> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| SmsError::Refused(e.to_string()))?;
        Ok(Self { http, settings })
    }
}

#[derive(Deserialize)]
struct Created {
    sid: String,
}

#[derive(Deserialize, Default)]
struct TwilioError {
    code: Option<u32>,
    message: Option<String>,
}

/// Twilio's code for a number that replied STOP.
const OPTED_OUT: u32 = 21610;

#[async_trait]
impl SmsSender for TwilioSms {
    async fn send(&self, to: &MobileNumber, body: &str) -> Result<String, SmsError> {
        let settings = &self.settings;
        let url = format!(
            "{}/2010-04-01/Accounts/{}/Messages.json",
            settings.api_base.trim_end_matches('/'),
            settings.account_sid
        );
        let mut form = vec![
            ("To", to.as_str()),
            (
                "MessagingServiceSid",
                settings.messaging_service_sid.as_str(),
            ),
            ("Body", body),
        ];
        if let Some(callback) = &settings.status_callback {
            form.push(("StatusCallback", callback));
        }
        let response = self
            .http
            .post(url)
            .basic_auth(&settings.account_sid, Some(&settings.auth_token))
            .form(&form)
            .send()
            .await
            .map_err(|e| SmsError::Unavailable(e.to_string()))?;
        let status = response.status();
        if status.is_success() {
            let created: Created = response
                .json()
                .await
                .map_err(|e| SmsError::Unavailable(format!("unreadable answer: {e}")))?;
            return Ok(created.sid);
        }
        let error: TwilioError = response.json().await.unwrap_or_default();
        let said = format!(
            "{status} {} {}",
            error.code.map(|c| c.to_string()).unwrap_or_default(),
            error.message.unwrap_or_default()
        );
        match (status.as_u16(), error.code) {
            (_, Some(OPTED_OUT)) => Err(SmsError::OptedOut),
            (429 | 500..=599, _) => Err(SmsError::Unavailable(said)),
            _ => Err(SmsError::Refused(said)),
        }
    }

    fn signed_report(&self, url: &str, params: &[(String, String)], signature: &str) -> bool {
        signed_by_twilio(&self.settings.auth_token, url, params, signature)
    }
}

/// `X-Twilio-Signature`: base64 of HMAC-SHA1, keyed with the auth token, over the URL Twilio
/// called followed by each form field's name and value, sorted by name.
fn signature_mac(auth_token: &str, url: &str, params: &[(String, String)]) -> Hmac<Sha1> {
    let mut sorted: Vec<&(String, String)> = params.iter().collect();
    sorted.sort();
    let mut mac = Hmac::<Sha1>::new_from_slice(auth_token.as_bytes()).expect("HMAC takes any key");
    mac.update(url.as_bytes());
    for (name, value) in sorted {
        mac.update(name.as_bytes());
        mac.update(value.as_bytes());
    }
    mac
}

pub fn twilio_signature(auth_token: &str, url: &str, params: &[(String, String)]) -> String {
    STANDARD.encode(
        signature_mac(auth_token, url, params)
            .finalize()
            .into_bytes(),
    )
}

/// Whether a callback carries Twilio's signature (compared in constant time).
pub fn signed_by_twilio(
    auth_token: &str,
    url: &str,
    params: &[(String, String)],
    header: &str,
) -> bool {
    STANDARD.decode(header).is_ok_and(|given| {
        signature_mac(auth_token, url, params)
            .verify_slice(&given)
            .is_ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_matches_twilios_documented_example() {
        let params: Vec<(String, String)> = [
            ("CallSid", "CA1234567890ABCDE"),
            ("Caller", "+12349013030"),
            ("Digits", "1234"),
            ("From", "+12349013030"),
            ("To", "+18005551212"),
        ]
        .into_iter()
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect();
        let url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        assert_eq!(
            twilio_signature("12345", url, &params),
            "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
        );
        assert!(signed_by_twilio(
            "12345",
            url,
            &params,
            "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
        ));
        assert!(!signed_by_twilio(
            "54321",
            url,
            &params,
            "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
        ));
        assert!(!signed_by_twilio(
            "12345",
            url,
            &params[1..],
            "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
        ));
        assert!(!signed_by_twilio("12345", url, &params, "not base64!"));
    }
}
