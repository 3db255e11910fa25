//! Web push to a push service of the test's own on loopback, which checks what a browser's push
//! service checks (the VAPID JWT against the key in its header, TTL, Urgency, aes128gcm) and
//! decrypts the message as the browser would, with the subscription's private key.

use crate::support::{
    TestApp,
    shop::{open_drop, shop},
};
use app::{
    db_test,
    identity::model::{DisplayName, NotificationChannels, Preferences},
    notifications::{
        api::SavePushSubscription,
        model::{Channel, DeliveryStatus, MessageKind},
    },
};
use axum::{
    Router,
    body::Bytes,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    routing::post,
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use leptos::server_fn::ServerFn;
use reqwest::StatusCode as Status;
use serde_json::{Value, json};
use std::{
    sync::{Arc, Mutex},
    time::Duration,
};
use web_push_native::{
    Auth,
    jwt_simple::prelude::{
        ECDSAP256PublicKeyLike, ES256KeyPair, ES256PublicKey, HashSet, NoCustomClaims,
        VerificationOptions,
    },
    p256::{SecretKey, elliptic_curve::sec1::ToEncodedPoint},
};

const AUTH: [u8; 16] = [7; 16];

struct PushService {
    browser: SecretKey,
    received: Mutex<Vec<Value>>,
}

/// A push service's endpoint: "gone" is one it forgot.
async fn push(
    State(service): State<Arc<PushService>>,
    Path(name): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    if name == "gone" {
        return StatusCode::GONE;
    }
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    if header("content-encoding") != "aes128gcm"
        || header("ttl").is_empty()
        || header("urgency").is_empty()
    {
        return StatusCode::BAD_REQUEST;
    }
    let authorization = header("authorization");
    let Some(fields) = authorization.strip_prefix("vapid ") else {
        return StatusCode::UNAUTHORIZED;
    };
    let field = |prefix: &str| {
        fields
            .split(',')
            .map(str::trim)
            .find_map(|f| f.strip_prefix(prefix))
            .unwrap_or_default()
    };
    let Ok(key) = URL_SAFE_NO_PAD
        .decode(field("k="))
        .map_err(drop)
        .and_then(|k| ES256PublicKey::from_bytes(&k).map_err(drop))
    else {
        return StatusCode::UNAUTHORIZED;
    };
    let options = VerificationOptions {
        allowed_audiences: Some(HashSet::from(["http://127.0.0.1".to_owned()])),
        required_subject: Some("mailto:no-reply@dropslot.localhost".to_owned()),
        ..VerificationOptions::default()
    };
    if key
        .verify_token::<NoCustomClaims>(field("t="), Some(options))
        .is_err()
    {
        return StatusCode::UNAUTHORIZED;
    }
    let Ok(plain) = web_push_native::decrypt(
        body.to_vec(),
        &service.browser,
        &Auth::clone_from_slice(&AUTH),
    ) else {
        return StatusCode::BAD_REQUEST;
    };
    service
        .received
        .lock()
        .unwrap()
        .push(serde_json::from_slice(&plain).unwrap());
    StatusCode::CREATED
}

async fn push_service() -> (u16, Arc<PushService>) {
    let browser = SecretKey::from_slice(&ES256KeyPair::generate().to_bytes()).unwrap();
    let service = Arc::new(PushService {
        browser,
        received: Mutex::default(),
    });
    let app = Router::new()
        .route("/push/{name}", post(push))
        .with_state(service.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (port, service)
}

db_test!(
    async fn a_booking_is_pushed_to_the_shoppers_browsers_and_a_forgotten_one_is_dropped(db: Db) {
        let (port, service) = push_service().await;
        let app = TestApp::spawn(db).await;
        app.run_message_workers();
        let shop = shop(&app).await;
        let (_, slot) = open_drop(&app, &shop, 5).await;
        let principal = app.account("ploy@example.com").await;
        app.services
            .identity
            .update_profile(
                &principal,
                DisplayName::parse("Ploy").unwrap(),
                Preferences {
                    // Push off: turning a browser on turns it on.
                    channels: NotificationChannels {
                        email: true,
                        sms: false,
                        push: false,
                    },
                    ..Preferences::default()
                },
            )
            .await
            .unwrap();

        // "Notify me on this phone", as the browser sends it, for two browsers.
        let p256dh = URL_SAFE_NO_PAD.encode(
            service
                .browser
                .public_key()
                .to_encoded_point(false)
                .as_bytes(),
        );
        let auth = URL_SAFE_NO_PAD.encode(AUTH);
        let subscribe = |cookie: Option<String>, name: &'static str| {
            let endpoint = format!("http://127.0.0.1:{port}/push/{name}");
            let (p256dh, auth) = (p256dh.clone(), auth.clone());
            let app = &app;
            async move {
                let form = [
                    ("endpoint", endpoint.as_str()),
                    ("p256dh", p256dh.as_str()),
                    ("auth", auth.as_str()),
                ];
                app.server_fn(SavePushSubscription::PATH, &form, cookie.as_deref())
                    .await
                    .status()
            }
        };
        assert_eq!(subscribe(None, "phone").await, Status::UNAUTHORIZED);
        let session = app.sign_in("ploy@example.com", None).await;
        for name in ["phone", "gone"] {
            assert_eq!(subscribe(Some(session.clone()), name).await, Status::OK);
        }
        let bad = app
            .server_fn(
                SavePushSubscription::PATH,
                &[("endpoint", "ftp://x"), ("p256dh", "x"), ("auth", "y")],
                Some(&session),
            )
            .await;
        assert_eq!(bad.status(), Status::UNPROCESSABLE_ENTITY);

        let bearer = app.token("ploy@example.com").await;
        let booked = app
            .post_json(
                "/api/v1/reservations",
                Some(&bearer),
                &json!({ "slot_id": slot }),
            )
            .await;
        assert_eq!(booked.status(), Status::CREATED);

        let person = principal.user_id().unwrap().to_string();
        let mut pushed = None;
        for _ in 0..200 {
            let log = app.services.notifications.log_for(&person).await.unwrap();
            pushed = log.into_iter().find(|d| {
                d.channel == Channel::Push
                    && d.kind == MessageKind::Confirmed
                    && d.status == DeliveryStatus::Sent
            });
            if pushed.is_some() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let pushed = pushed.expect("the confirmation was pushed");
        assert_eq!(pushed.provider_id.as_deref(), Some("1 of 2 browsers"));
        let received = service.received.lock().unwrap().clone();
        assert_eq!(received.len(), 1);
        assert_eq!(received[0]["title"], "Booked: Croissant Friday");
        assert!(received[0]["body"].as_str().unwrap().contains("Code "));
        assert_eq!(received[0]["url"], "http://127.0.0.1:3000/reservations");
        let left = app
            .services
            .notifications
            .subscriptions(&principal)
            .await
            .unwrap();
        assert_eq!(
            left.len(),
            1,
            "the subscription its push service forgot is dropped"
        );
        assert!(left[0].endpoint.ends_with("/push/phone"));
    }
);
