//! "Notify me on this phone" in the browser: asks for permission, registers the worker that
//! shows pushed messages (`/push-sw.js`), subscribes with the server's VAPID key and answers
//! the subscription's endpoint and keys.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use serde::Deserialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Notification, NotificationPermission, PushSubscription, PushSubscriptionOptionsInit,
    RegistrationOptions, ServiceWorkerRegistration,
};

/// Why this browser could not be subscribed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PushRefusal {
    /// The person (or the browser's settings) said no.
    Denied,
    /// No push here: an old browser, or Safari outside a Home Screen app.
    Unsupported,
}

#[derive(Deserialize)]
struct SubscriptionJson {
    endpoint: String,
    keys: Keys,
}

#[derive(Deserialize)]
struct Keys {
    p256dh: String,
    auth: String,
}

/// (endpoint, p256dh, auth) of a new subscription for `server_key` (base64url).
pub async fn subscribe(server_key: &str) -> Result<(String, String, String), PushRefusal> {
    let unsupported = |_: JsValue| PushRefusal::Unsupported;
    let window = web_sys::window().ok_or(PushRefusal::Unsupported)?;
    let permission = Notification::request_permission().map_err(unsupported)?;
    JsFuture::from(permission).await.map_err(unsupported)?;
    if Notification::permission() != NotificationPermission::Granted {
        return Err(PushRefusal::Denied);
    }
    let workers = window.navigator().service_worker();
    let options = RegistrationOptions::new();
    options.set_scope("/");
    JsFuture::from(workers.register_with_options("/push-sw.js", &options))
        .await
        .map_err(unsupported)?;
    let ready: ServiceWorkerRegistration = JsFuture::from(workers.ready().map_err(unsupported)?)
        .await
        .map_err(unsupported)?
        .unchecked_into();
    let key = URL_SAFE_NO_PAD
        .decode(server_key)
        .map_err(|_| PushRefusal::Unsupported)?;
    let subscribe = PushSubscriptionOptionsInit::new();
    subscribe.set_user_visible_only(true);
    subscribe.set_application_server_key(&js_sys::Uint8Array::from(key.as_slice()));
    let manager = ready.push_manager().map_err(unsupported)?;
    let subscription: PushSubscription = JsFuture::from(
        manager
            .subscribe_with_options(&subscribe)
            .map_err(unsupported)?,
    )
    .await
    .map_err(|_| PushRefusal::Denied)?
    .unchecked_into();
    let json = js_sys::JSON::stringify(&subscription)
        .ok()
        .and_then(|text| text.as_string())
        .ok_or(PushRefusal::Unsupported)?;
    let parsed: SubscriptionJson =
        serde_json::from_str(&json).map_err(|_| PushRefusal::Unsupported)?;
    Ok((parsed.endpoint, parsed.keys.p256dh, parsed.keys.auth))
}
