//! Booking mail through a real SMTP server: aiosmtpd (from PyPI, installed by scripts/bootstrap)
//! runs on loopback as its own process and keeps what it receives in a maildir, which the tests
//! read back: headers, both parts, the inline QR code (read and verified with the store's key)
//! and the calendar file. One test stops the server mid-run and starts it again; one follows an
//! opening alert's one-click unsubscribe (RFC 8058) back to the server, as a mail provider does.

use crate::support::{
    TestApp, problem,
    shop::{drop_opening_at, open_drop, shop},
};
use app::{
    db_test,
    identity::model::Principal,
    ids::DropId,
    notifications::api::AskOpeningAlert,
    reservations::tickets::{Ticket, verifying_key},
    stores::model::StoreSlug,
};
use leptos::server_fn::ServerFn;
use mail_parser::{MessageParser, MimeHeaders};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::{
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::Duration,
};

/// An aiosmtpd process on loopback, writing what it receives into `maildir`; killed on drop.
struct SmtpServer {
    process: Child,
    port: u16,
    maildir: PathBuf,
}

impl SmtpServer {
    fn python() -> PathBuf {
        let tools = std::env::var("DS_TOOLS")
            .map(PathBuf::from)
            .unwrap_or_else(|_| {
                PathBuf::from(std::env::var("HOME").expect("HOME")).join(".cache/dropslot/tools")
            });
        let python = tools.join("aiosmtpd/bin/python");
        assert!(
            python.exists(),
            "aiosmtpd is missing: run scripts/bootstrap ({})",
            python.display()
        );
        python
    }

    async fn start(maildir: &Path, port: Option<u16>) -> Self {
        let port = port.unwrap_or_else(|| {
            std::net::TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port()
        });
        let process = Command::new(Self::python())
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start aiosmtpd");
        for _ in 0..200 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return Self {
                    process,
                    port,
                    maildir: maildir.to_owned(),
                };
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("aiosmtpd did not start on port {port}");
    }

    fn stop(mut self) -> u16 {
        self.process.kill().expect("stop aiosmtpd");
        self.process.wait().expect("aiosmtpd ended");
        self.port
    }

    /// Every message received so far, as raw bytes.
    fn received(&self) -> Vec<Vec<u8>> {
        received(&self.maildir)
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

fn received(maildir: &Path) -> Vec<Vec<u8>> {
    std::fs::read_dir(maildir.join("new"))
        .map(|files| {
            files
                .filter_map(|f| std::fs::read(f.ok()?.path()).ok())
                .collect()
        })
        .unwrap_or_default()
}

async fn wait_for(maildir: &Path, count: usize) -> Vec<Vec<u8>> {
    for _ in 0..600 {
        let messages = received(maildir);
        if messages.len() >= count {
            return messages;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "{count} messages did not arrive; {} did",
        received(maildir).len()
    );
}

async fn spawn_sending_to(db: app::db::Db, port: u16) -> TestApp {
    let app = TestApp::spawn_with(
        db,
        &format!(
            "[mail]\ntransport = \"smtp\"\nsmtp_host = \"127.0.0.1\"\nsmtp_port = {port}\nsmtp_tls = \"none\"\n\
             [notifications]\nfirst_retry_seconds = 1\nprovider_rest_seconds = 1\n"
        ),
    )
    .await;
    app.run_message_workers();
    app
}

async fn book(app: &TestApp, email: &str, slot: &str) -> Value {
    let bearer = app.bearer(email).await;
    let response = app
        .post_json(
            "/api/v1/reservations",
            Some(&bearer),
            &json!({ "slot_id": slot }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED, "{email} books");
    response.json().await.unwrap()
}

db_test!(
    async fn a_booking_arrives_as_mail_with_its_ticket_and_calendar_file(db: Db) {
        let folder = tempfile::tempdir().unwrap();
        // aiosmtpd makes the maildir (one made beforehand lacks its subfolders).
        let maildir = folder.path().join("maildir");
        let smtp = SmtpServer::start(&maildir, None).await;
        let app = spawn_sending_to(db, smtp.port).await;
        let shop = shop(&app).await;
        let (_, slot) = open_drop(&app, &shop, 5).await;
        let booked = book(&app, "ploy@example.com", &slot).await;
        let raw = wait_for(&maildir, 1).await.remove(0);

        let message = MessageParser::default().parse(&raw).expect("a message");
        assert_eq!(message.subject(), Some("Booked: Croissant Friday"));
        let to = message
            .to()
            .and_then(|to| to.first())
            .and_then(|a| a.address())
            .unwrap();
        assert_eq!(to, "ploy@example.com");
        assert_eq!(
            message
                .from()
                .and_then(|f| f.first())
                .and_then(|a| a.address()),
            Some("no-reply@dropslot.localhost")
        );
        assert!(message.message_id().is_some());
        let text = message.body_text(0).expect("a text part");
        let html = message.body_html(0).expect("an HTML part");
        assert!(text.contains("Booking code: "), "{text}");
        assert!(text.contains("Siam, 991 Rama I Rd, Bangkok"), "{text}");
        assert!(html.contains("src=\"cid:ticket-qr\""), "{html}");

        // The QR code travels inline, by Content-ID, and reads back as the store's signed ticket.
        let qr = message
            .parts
            .iter()
            .find(|part| part.content_id() == Some("ticket-qr"))
            .expect("an inline part with Content-ID ticket-qr");
        assert_eq!(
            qr.content_type().map(|c| (c.ctype(), c.subtype())),
            Some(("image", Some("png")))
        );
        let pixels = image::load_from_memory(qr.contents()).unwrap().to_luma8();
        let mut decoder = quircs::Quirc::default();
        let read = decoder
            .identify(
                pixels.width() as usize,
                pixels.height() as usize,
                pixels.as_raw(),
            )
            .find_map(|code| code.ok()?.decode().ok())
            .expect("the QR code reads");
        let store = app
            .services
            .stores
            .get_by_slug(&Principal::Anonymous, &StoreSlug::parse("kanom").unwrap())
            .await
            .unwrap();
        let key = app
            .services
            .reservations
            .ticket_public_key(store.id)
            .await
            .unwrap();
        let ticket = Ticket::verify(
            std::str::from_utf8(&read.payload).unwrap(),
            &verifying_key(&key).unwrap(),
        )
        .expect("signed with the store's key");
        assert_eq!(
            ticket.reservation.to_string(),
            booked["id"].as_str().unwrap()
        );

        // The calendar file parses, on the branch's clock, with a stable UID.
        let ics = message
            .attachments()
            .find(|part| part.attachment_name() == Some("dropslot.ics"))
            .expect("a calendar file");
        let calendar = ical::IcalParser::new(std::io::BufReader::new(ics.contents()))
            .next()
            .expect("a calendar")
            .expect("a valid calendar");
        let event = &calendar.events[0];
        let property = |name: &str| {
            event
                .properties
                .iter()
                .find(|p| p.name == name)
                .unwrap_or_else(|| panic!("{name}"))
        };
        assert_eq!(
            property("DTSTART").value.as_deref(),
            Some("20300107T100000")
        );
        let tzid = property("DTSTART")
            .params
            .as_ref()
            .unwrap()
            .iter()
            .find(|(name, _)| name == "TZID")
            .unwrap();
        assert_eq!(tzid.1, ["Asia/Bangkok"]);
        assert_eq!(
            property("UID").value.as_deref(),
            Some(format!("{}@127.0.0.1", booked["id"].as_str().unwrap()).as_str())
        );
        assert_eq!(
            calendar.timezones[0].properties[0].value.as_deref(),
            Some("Asia/Bangkok")
        );
        drop(smtp);
    }
);

db_test!(
    async fn mail_sent_while_the_smtp_server_is_down_arrives_once_it_is_back(db: Db) {
        let folder = tempfile::tempdir().unwrap();
        // aiosmtpd makes the maildir (one made beforehand lacks its subfolders).
        let maildir = folder.path().join("maildir");
        let smtp = SmtpServer::start(&maildir, None).await;
        let app = spawn_sending_to(db, smtp.port).await;
        let shop = shop(&app).await;
        let (_, slot) = open_drop(&app, &shop, 20).await;
        for n in 0..3 {
            book(&app, &format!("before{n}@example.com"), &slot).await;
        }
        wait_for(&maildir, 3).await;

        let port = smtp.stop();
        let mut during = Vec::new();
        for n in 0..4 {
            let booked = book(&app, &format!("during{n}@example.com"), &slot).await;
            during.push(booked["user_id"].as_str().unwrap().to_owned());
        }
        // Every message of the outage has failed at least once before the server comes back.
        let mut failures = 0;
        for _ in 0..200 {
            failures = 0;
            for person in &during {
                let log = app.services.notifications.log_for(person).await.unwrap();
                failures += usize::from(log.iter().any(|d| d.last_error.is_some()));
            }
            if failures == 4 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(failures, 4, "the outage's messages failed first");

        let smtp = SmtpServer::start(&maildir, Some(port)).await;
        for n in 3..5 {
            book(&app, &format!("after{n}@example.com"), &slot).await;
        }
        wait_for(&maildir, 9).await;
        tokio::time::sleep(Duration::from_secs(2)).await;
        let mut recipients: Vec<String> = smtp
            .received()
            .iter()
            .map(|raw| {
                let message = MessageParser::default().parse(raw).unwrap();
                message
                    .to()
                    .and_then(|to| to.first())
                    .and_then(|a| a.address())
                    .unwrap()
                    .to_owned()
            })
            .collect();
        recipients.sort();
        let mut expected: Vec<String> = (0..3)
            .map(|n| format!("before{n}@example.com"))
            .chain((0..4).map(|n| format!("during{n}@example.com")))
            .chain((3..5).map(|n| format!("after{n}@example.com")))
            .collect();
        expected.sort();
        assert_eq!(recipients, expected, "every message arrived, none twice");
    }
);

db_test!(
    async fn the_owner_sees_a_message_that_could_not_be_sent_and_sends_it_again(db: Db) {
        // Nothing listens on the port: every attempt fails, and one attempt is all there is.
        let closed = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let app = TestApp::spawn_with(
            db,
            &format!(
                "[mail]\ntransport = \"smtp\"\nsmtp_host = \"127.0.0.1\"\nsmtp_port = {closed}\nsmtp_tls = \"none\"\n\
                 [notifications]\nmax_attempts = 1\n"
            ),
        )
        .await;
        app.run_message_workers();
        let shop = shop(&app).await;
        let (_, slot) = open_drop(&app, &shop, 5).await;
        let booked = book(&app, "lost@example.com", &slot).await;
        let person = booked["user_id"].as_str().unwrap().to_owned();
        let mut failed = None;
        for _ in 0..200 {
            let log = app.services.notifications.log_for(&person).await.unwrap();
            failed = log
                .into_iter()
                .find(|d| d.status == app::notifications::model::DeliveryStatus::Failed);
            if failed.is_some() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let failed = failed.expect("the message failed for good");

        let session = app.sign_in("owner@example.com", None).await;
        let page = app
            .client
            .get(app.url("/owner/stores/kanom/messages"))
            .header("cookie", &session)
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), StatusCode::OK);
        let html = page.text().await.unwrap();
        assert!(html.contains("lost@example.com"), "{html}");
        assert!(html.contains("Booking confirmed"));
        assert!(html.contains("Send again"));

        // A stranger cannot send it again; the owner can, and it waits for its turn again.
        let path = <app::notifications::api::SendMessageAgain as ServerFn>::PATH;
        let id = failed.id.to_string();
        let form = [("slug", "kanom"), ("id", id.as_str())];
        app.bearer("stranger@example.com").await;
        let stranger = app.sign_in("stranger@example.com", None).await;
        for (cookie, status) in [
            (&stranger, StatusCode::FORBIDDEN),
            (&session, StatusCode::OK),
        ] {
            let answer = app.server_fn(path, &form, Some(cookie)).await;
            assert_eq!(answer.status(), status);
        }
        let log = app.services.notifications.log_for(&person).await.unwrap();
        assert!(
            log.iter().any(|d| d.id == failed.id
                && d.status != app::notifications::model::DeliveryStatus::Failed)
        );
    }
);

db_test!(
    async fn an_opening_alert_carries_a_one_click_unsubscribe_that_needs_no_session(db: Db) {
        let folder = tempfile::tempdir().unwrap();
        let maildir = folder.path().join("maildir");
        let smtp = SmtpServer::start(&maildir, None).await;
        let app = spawn_sending_to(db, smtp.port).await;
        let shop = shop(&app).await;
        let now = app::time::Timestamp::now().as_millis();
        // One opens in ten minutes (its alert goes at once), one in three hours.
        let (soon, _) = drop_opening_at(&app, &shop, now + 600_000, 5).await;
        let (later, _) = drop_opening_at(&app, &shop, now + 3 * 3_600_000, 5).await;
        let ploy = app.account("ploy@example.com").await;
        let cookie = app.sign_in("ploy@example.com", None).await;
        for drop in [&soon, &later] {
            let asked = app
                .server_fn(
                    AskOpeningAlert::PATH,
                    &[("drop_id", drop.as_str()), ("on", "true")],
                    Some(&cookie),
                )
                .await;
            assert!(asked.status().is_success(), "{}", asked.status());
        }
        let raw = wait_for(&maildir, 1).await.remove(0);
        let message = MessageParser::default().parse(&raw).expect("a message");
        assert!(
            message
                .subject()
                .unwrap()
                .starts_with("Croissant Friday opens ")
        );
        let header = |name: &str| {
            message
                .header_raw(name)
                .map(|value| value.trim().to_owned())
                .unwrap_or_else(|| panic!("{name}"))
        };
        assert_eq!(
            header("List-Unsubscribe-Post"),
            "List-Unsubscribe=One-Click"
        );
        let link = header("List-Unsubscribe");
        let url = link
            .strip_prefix('<')
            .and_then(|l| l.strip_suffix('>'))
            .unwrap_or_else(|| panic!("{link}"));
        // The configured public address, here not the test server's port: follow its path.
        let path = &url[url
            .find("/alerts/stop?u=")
            .unwrap_or_else(|| panic!("{url}"))..];
        let url = &app.url(path);
        let later = DropId::from_path(&later).unwrap();
        let alerts = &app.services.notifications;
        assert!(alerts.opening_alert_on(&ploy, later).await.unwrap());

        // The link opened in a browser is a page with a button, which changes nothing yet.
        let page = app.client.get(url).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::OK);
        assert!(page.text().await.unwrap().contains("Stop these alerts"));
        assert!(alerts.opening_alert_on(&ploy, later).await.unwrap());

        // A forged link is refused; the provider's POST, with no cookie, stops the alerts.
        let one_click = |url: String| {
            app.client
                .post(url)
                .header("content-type", "application/x-www-form-urlencoded")
                .body("List-Unsubscribe=One-Click")
                .send()
        };
        let forged = one_click(url.replace("&s=", "&s=A")).await.unwrap();
        problem(forged, StatusCode::FORBIDDEN).await;
        assert!(alerts.opening_alert_on(&ploy, later).await.unwrap());
        let stopped = one_click(url.to_owned()).await.unwrap();
        assert_eq!(stopped.status(), StatusCode::OK);
        assert!(!alerts.opening_alert_on(&ploy, later).await.unwrap());
        drop(smtp);
    }
);
