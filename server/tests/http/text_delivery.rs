//! Texts through Twilio's Messages API, sent to a server of the test's own on loopback that
//! checks what Twilio checks (basic auth, the form's fields) and answers as Twilio does; its
//! signed delivery reports; and a number that answered STOP.

use crate::support::{
    TestApp,
    shop::{open_drop, shop},
};
use app::{
    db_test,
    identity::model::{DisplayName, NotificationChannels, Preferences},
    notifications::{
        model::{Channel, DeliveryStatus, MessageKind},
        rules::{MAX_SMS_SEGMENTS, sms_length},
        sms::twilio_signature,
    },
};
use axum::{
    Form, Json, Router,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    routing::post,
};
use base64::{Engine, engine::general_purpose::STANDARD};
use reqwest::StatusCode as Status;
use serde_json::{Value, json};
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::Duration,
};

const ACCOUNT: &str = "AC0123456789";
const TOKEN: &str = "twilio-auth-token";
const SERVICE: &str = "MG0123456789";
/// The fake answers for this number as Twilio does for one that replied STOP.
const STOPPED: &str = "+66800000000";

type Received = Arc<Mutex<Vec<HashMap<String, String>>>>;

/// Twilio's Messages endpoint as far as DropSlot uses it.
async fn messages(
    State(received): State<Received>,
    Path(account): Path<String>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> (StatusCode, Json<Value>) {
    let auth = format!("Basic {}", STANDARD.encode(format!("{ACCOUNT}:{TOKEN}")));
    if account != ACCOUNT
        || headers.get("authorization").and_then(|v| v.to_str().ok()) != Some(&auth)
    {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({ "code": 20003, "message": "Authenticate", "status": 401 })),
        );
    }
    let complete = form.get("MessagingServiceSid").map(String::as_str) == Some(SERVICE)
        && form.get("To").is_some_and(|to| to.starts_with('+'))
        && form.get("Body").is_some_and(|body| !body.is_empty());
    if !complete {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({ "code": 21602, "message": "Message body is required.", "status": 400 })),
        );
    }
    if form["To"] == STOPPED {
        return (
            StatusCode::BAD_REQUEST,
            Json(
                json!({ "code": 21610, "message": "Attempt to send to unsubscribed recipient", "status": 400 }),
            ),
        );
    }
    let mut received = received.lock().unwrap();
    received.push(form);
    let sid = format!("SM{:032}", received.len());
    (
        StatusCode::CREATED,
        Json(json!({ "sid": sid, "status": "accepted", "error_code": null })),
    )
}

async fn fake_twilio() -> (u16, Received) {
    let received = Received::default();
    let app = Router::new()
        .route(
            "/2010-04-01/Accounts/{account}/Messages.json",
            post(messages),
        )
        .with_state(received.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (port, received)
}

/// A confirmed account that wants texts at `mobile`; answers its access token and user id.
async fn texting_shopper(app: &TestApp, email: &str, mobile: &str) -> (String, String) {
    let principal = app.account(email).await;
    app.services
        .identity
        .update_profile(
            &principal,
            DisplayName::parse("Ploy").unwrap(),
            Preferences {
                channels: NotificationChannels {
                    email: true,
                    sms: true,
                    push: false,
                },
                mobile: Some(app::contact::MobileNumber::parse(mobile).unwrap()),
                ..Preferences::default()
            },
        )
        .await
        .unwrap();
    let bearer = app.token(email).await;
    (bearer, principal.user_id().unwrap().to_string())
}

async fn settled_texts(app: &TestApp, person: &str) -> Vec<app::notifications::model::Delivery> {
    for _ in 0..200 {
        let texts: Vec<_> = app
            .services
            .notifications
            .log_for(person)
            .await
            .unwrap()
            .into_iter()
            // The confirmation's text (its reminders wait for 2030).
            .filter(|d| d.channel == Channel::Sms && d.kind == MessageKind::Confirmed)
            .collect();
        if !texts.is_empty()
            && texts
                .iter()
                .all(|d| matches!(d.status, DeliveryStatus::Sent | DeliveryStatus::Failed))
        {
            return texts;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "no text settled for {person}: {:#?}",
        app.services.notifications.log_for(person).await.unwrap()
    );
}

db_test!(
    async fn texts_go_through_twilio_and_its_reports_and_stops_are_honoured(db: Db) {
        let (port, received) = fake_twilio().await;
        let app = TestApp::spawn_with(
            db,
            &format!(
                "[sms]\nprovider = \"twilio\"\napi_base = \"http://127.0.0.1:{port}\"\n\
                 account_sid = \"{ACCOUNT}\"\nmessaging_service_sid = \"{SERVICE}\"\nauth_token = \"{TOKEN}\"\n"
            ),
        )
        .await;
        app.run_message_workers();
        let shop = shop(&app).await;
        let (_, slot) = open_drop(&app, &shop, 5).await;

        let (bearer, person) = texting_shopper(&app, "ploy@example.com", "+66 81 234 5678").await;
        let booked = app
            .post_json(
                "/api/v1/reservations",
                Some(&bearer),
                &json!({ "slot_id": slot }),
            )
            .await;
        assert_eq!(booked.status(), Status::CREATED);
        let texts = settled_texts(&app, &person).await;
        assert_eq!(texts.len(), 1);
        assert_eq!(texts[0].status, DeliveryStatus::Sent);
        let sid = texts[0].provider_id.clone().unwrap();
        assert!(sid.starts_with("SM"));
        let form = received.lock().unwrap()[0].clone();
        assert_eq!(form["To"], "+66812345678");
        assert!(
            form["Body"].starts_with("Kanom: booked Croissant Friday"),
            "{}",
            form["Body"]
        );
        assert!(form["Body"].contains("Code "));
        assert!(sms_length(&form["Body"]).segments <= MAX_SMS_SEGMENTS);
        // Twilio calls (and signs) the public address; the test reaches this server on its port.
        let callback = "http://127.0.0.1:3000/webhooks/twilio/status";
        assert_eq!(form["StatusCallback"], callback);

        // Twilio's report that the text was not delivered, signed: the message failed after all.
        let report: Vec<(String, String)> = [
            ("MessageSid", sid.as_str()),
            ("MessageStatus", "undelivered"),
            ("ErrorCode", "30003"),
            ("AccountSid", ACCOUNT),
        ]
        .into_iter()
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect();
        let post_report = |signature: String| {
            app.client
                .post(app.url("/webhooks/twilio/status"))
                .header("x-twilio-signature", signature)
                .form(&report)
                .send()
        };
        assert_eq!(
            post_report("forged".into()).await.unwrap().status(),
            Status::FORBIDDEN
        );
        let signed = post_report(twilio_signature(TOKEN, callback, &report))
            .await
            .unwrap();
        assert_eq!(signed.status(), Status::NO_CONTENT);
        let failed = settled_texts(&app, &person).await;
        assert_eq!(failed[0].status, DeliveryStatus::Failed);
        assert!(failed[0].last_error.as_deref().unwrap().contains("30003"));

        // A number that answered STOP: Twilio refuses it, and the person's texts are turned off.
        let (bearer, stopped) = texting_shopper(&app, "stop@example.com", STOPPED).await;
        let booked = app
            .post_json(
                "/api/v1/reservations",
                Some(&bearer),
                &json!({ "slot_id": slot }),
            )
            .await;
        assert_eq!(booked.status(), Status::CREATED);
        let refused = settled_texts(&app, &stopped).await;
        assert_eq!(
            refused[0].status,
            DeliveryStatus::Failed,
            "no retries after STOP"
        );
        assert_eq!(refused[0].attempts, 1);
        let account = app
            .services
            .identity
            .account_by_id(stopped.parse().unwrap())
            .await
            .unwrap()
            .unwrap();
        assert!(!account.preferences.channels.sms);
        assert_eq!(received.lock().unwrap().len(), 1);
    }
);
