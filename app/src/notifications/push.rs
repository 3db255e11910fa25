//! Web push to a person's browsers (RFC 8030), encrypted for each subscription (RFC 8291,
//! aes128gcm) and signed with this server's VAPID key (RFC 8292), with `web-push-native`; the
//! request goes out with reqwest. A subscription the push service no longer knows (404, 410)
//! is dropped.

use crate::error::FieldErrors;
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use std::time::Duration;
use web_push_native::{
    Auth, WebPushBuilder,
    jwt_simple::algorithms::{ECDSAP256KeyPairLike, ES256KeyPair},
    p256::PublicKey,
};

/// A browser's subscription, as its `PushSubscription.toJSON()` gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    pub endpoint: String,
    /// The browser's P-256 key, base64url.
    pub p256dh: String,
    /// Its 16-byte authentication secret, base64url.
    pub auth: String,
}

impl Subscription {
    /// A browser's subscription as its page sent it: an https endpoint (http only on this
    /// machine, for tests), a P-256 point and a 16-byte secret.
    pub fn parse(endpoint: String, p256dh: String, auth: String) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let local = ["http://127.0.0.1", "http://localhost"]
            .iter()
            .any(|prefix| endpoint.starts_with(prefix));
        if endpoint.len() > 2048 || !(endpoint.starts_with("https://") || local) {
            errors.add("endpoint", crate::text!("check-push-subscription"));
        }
        let decoded = |text: &str| URL_SAFE_NO_PAD.decode(text.trim_end_matches('=')).ok();
        if !decoded(&p256dh).is_some_and(|key| key.len() == 65 && key[0] == 4) {
            errors.add("p256dh", crate::text!("check-push-subscription"));
        }
        if !decoded(&auth).is_some_and(|secret| secret.len() == 16) {
            errors.add("auth", crate::text!("check-push-subscription"));
        }
        if errors.is_empty() {
            Ok(Self {
                endpoint,
                p256dh,
                auth,
            })
        } else {
            Err(errors)
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PushError {
    /// The subscription is gone (404, 410) or was never valid: drop it.
    #[error("the subscription is gone: {0}")]
    Gone(String),
    /// Unreachable, overloaded or failing: worth another try.
    #[error("cannot reach the push service: {0}")]
    Unavailable(String),
    #[error("the push service refused the message: {0}")]
    Refused(String),
}

/// How soon a message must arrive to be worth showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    /// Reminders and confirmations.
    Normal,
    /// A place held for minutes (a waitlist's offer).
    High,
}

/// This server's VAPID key pair, made once and kept (as the 32 bytes of its secret scalar).
pub struct VapidKey(ES256KeyPair);

impl VapidKey {
    pub fn generate() -> (Self, String) {
        let pair = ES256KeyPair::generate();
        let secret = URL_SAFE_NO_PAD.encode(pair.to_bytes());
        (Self(pair), secret)
    }

    pub fn from_secret(secret: &str) -> Option<Self> {
        let bytes = URL_SAFE_NO_PAD
            .decode(secret)
            .ok()
            .filter(|b| b.len() == 32)?;
        ES256KeyPair::from_bytes(&bytes).ok().map(Self)
    }

    /// The public key as the browser's `applicationServerKey` takes it: the uncompressed point,
    /// base64url.
    pub fn public_key(&self) -> String {
        let point = self.0.key_pair().public_key().to_bytes_uncompressed();
        URL_SAFE_NO_PAD.encode(point)
    }
}

pub struct WebPush {
    http: reqwest::Client,
    /// The VAPID `sub` claim: who the push service can contact about this sender.
    contact: String,
}

impl WebPush {
    pub fn new(contact: String) -> Self {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            // Only a TLS backend that cannot start fails here; the plain client still sends.
            .unwrap_or_default();
        Self { http, contact }
    }

    /// Sends `payload` (JSON the service worker shows) to one subscription.
    pub async fn send(
        &self,
        key: &VapidKey,
        to: &Subscription,
        payload: &[u8],
        ttl: Duration,
        urgency: Urgency,
    ) -> Result<(), PushError> {
        let gone = |what: &str| PushError::Gone(what.to_owned());
        let endpoint = to.endpoint.parse().map_err(|_| gone("a bad endpoint"))?;
        let browser_key = URL_SAFE_NO_PAD
            .decode(to.p256dh.trim_end_matches('='))
            .ok()
            .and_then(|bytes| PublicKey::from_sec1_bytes(&bytes).ok())
            .ok_or_else(|| gone("a bad p256dh key"))?;
        let auth = URL_SAFE_NO_PAD
            .decode(to.auth.trim_end_matches('='))
            .ok()
            .filter(|bytes| bytes.len() == 16)
            .ok_or_else(|| gone("a bad auth secret"))?;
        // The JWT lives as long as the message (RFC 8292 allows at most a day).
        let request = WebPushBuilder::new(endpoint, browser_key, Auth::clone_from_slice(&auth))
            .with_valid_duration(ttl.min(Duration::from_secs(86_400)))
            .with_vapid(&key.0, &self.contact)
            .build(payload.to_vec())
            .map_err(|e| PushError::Refused(e.to_string()))?;
        let (parts, body) = request.into_parts();
        let mut outgoing = self.http.post(to.endpoint.as_str()).body(body);
        for (name, value) in &parts.headers {
            outgoing = outgoing.header(name.as_str(), value.as_bytes());
        }
        let urgency = match urgency {
            Urgency::Normal => "normal",
            Urgency::High => "high",
        };
        let response = outgoing
            .header("Urgency", urgency)
            .send()
            .await
            .map_err(|e| PushError::Unavailable(e.to_string()))?;
        match response.status().as_u16() {
            200..=299 => Ok(()),
            404 | 410 => Err(gone("the push service forgot it")),
            429 | 500..=599 => Err(PushError::Unavailable(response.status().to_string())),
            _ => Err(PushError::Refused(response.status().to_string())),
        }
    }
}
