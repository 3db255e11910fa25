//! Notifications on both engines: what a booking's events send, once each, with the ticket and
//! the calendar file; reminders that respect cancellations with the clock moved; retries, the
//! dead letter and the owner's "send again"; opening alerts and their one-click way out; the
//! store's notes.

use super::{
    model::{Channel, DeliveryStatus, MessageKind, StoreNote},
    service::NotificationError,
    storage::{NewNotification, NotificationStorage, Planned},
};
use crate::{
    db_test,
    drops::{
        rules::DropCommand,
        tests::{Fixture, drop_input, fixture},
    },
    error::{DomainError, ErrorKind},
    events::outbox::StoredEvent,
    identity::model::Principal,
    ids::DropId,
    mail::OutgoingMail,
    paging::PageRequest,
    reservations::{
        door::qr_read::read_qr,
        tests::{open_drop, open_drop_from, opened_a_minute_ago, request},
        tickets::{Ticket, verifying_key},
    },
    services::Services,
    testing::{MemoryMailer, signed_in, test_services},
    time::Timestamp,
};

/// Hands every pending event to its handlers, then sends every message due at `now` (or due
/// now, if the clock was not moved ahead).
async fn settle(services: &Services, now: Timestamp) {
    while services
        .outbox
        .dispatch_once(Timestamp::now(), 500)
        .await
        .unwrap()
        > 0
    {}
    let now = now.max(Timestamp::now());
    while services.notifications.deliver_due(now, 100).await.unwrap() > 0 {}
}

fn only_mail(mailbox: &MemoryMailer, to: &str) -> OutgoingMail {
    let sent = mailbox.sent_to(to);
    assert_eq!(
        sent.len(),
        1,
        "{:#?}",
        sent.iter().map(|m| &m.subject).collect::<Vec<_>>()
    );
    sent.into_iter().next().unwrap()
}

db_test!(
    async fn a_confirmed_booking_is_mailed_with_its_ticket_and_calendar_file(db: Db) {
        let (services, mailbox) = test_services(db);
        let f = fixture(services.clone()).await;
        let (_, slots) = open_drop(&f, 1, 10, 1, false).await;
        let shopper = signed_in(&services, "ploy@example.com").await;
        let booked = services
            .reservations
            .book(&shopper, &request(slots[0], 1, None))
            .await
            .unwrap();
        settle(&services, Timestamp::now()).await;

        let mail = only_mail(&mailbox, "ploy@example.com");
        assert!(mail.subject.starts_with("Booked: "), "{}", mail.subject);
        assert!(mail.body.contains("Booking code: "), "{}", mail.body);
        let html = mail.html.expect("an HTML part");
        assert!(html.html.contains("cid:ticket-qr"));
        let qr = image::load_from_memory(&html.inline[0].bytes)
            .unwrap()
            .to_luma8();
        let text = read_qr(qr.width() as usize, qr.height() as usize, qr.as_raw())
            .expect("the QR code reads");
        let key = services
            .reservations
            .ticket_public_key(f.store)
            .await
            .unwrap();
        let ticket =
            Ticket::verify(&text, &verifying_key(&key).unwrap()).expect("signed by the store");
        assert_eq!(ticket.reservation, booked.id);
        let ics = String::from_utf8(mail.attachments[0].bytes.clone()).unwrap();
        assert!(
            ics.contains(&format!("UID:{}@dropslot.test", booked.id)),
            "{ics}"
        );
        assert!(ics.contains("METHOD:REQUEST"));
        assert_eq!(
            mail.message_id
                .as_deref()
                .map(|id| id.ends_with("@dropslot.test>")),
            Some(true)
        );
    }
);

db_test!(
    async fn an_event_delivered_twice_sends_its_message_once(db: Db) {
        let (services, mailbox) = test_services(db);
        let f = fixture(services.clone()).await;
        let (_, slots) = open_drop(&f, 1, 10, 1, false).await;
        let shopper = signed_in(&services, "ploy@example.com").await;
        let booked = services
            .reservations
            .book(&shopper, &request(slots[0], 1, None))
            .await
            .unwrap();
        let events: Vec<StoredEvent> = services
            .outbox
            .events_for(&booked.id.to_string())
            .await
            .unwrap();
        // At least once from the outbox: the same event planned again, before and after sending.
        for event in &events {
            services.notifications.plan(event).await.unwrap();
            services.notifications.plan(event).await.unwrap();
        }
        settle(&services, Timestamp::now()).await;
        for event in &events {
            services.notifications.plan(event).await.unwrap();
        }
        settle(&services, Timestamp::now()).await;
        only_mail(&mailbox, "ploy@example.com");
    }
);

db_test!(
    async fn a_cancelled_reservation_gets_no_reminder(db: Db) {
        let (services, mailbox) = test_services(db);
        let f = fixture(services.clone()).await;
        let (drop, slots) = open_drop(&f, 1, 10, 2, false).await;
        let slot = services.drops.slots(&f.owner, drop).await.unwrap()[0]
            .slot
            .clone();
        let kept = signed_in(&services, "kept@example.com").await;
        let cancelled = signed_in(&services, "gone@example.com").await;
        services
            .reservations
            .book(&kept, &request(slots[0], 1, None))
            .await
            .unwrap();
        let gone = services
            .reservations
            .book(&cancelled, &request(slots[0], 1, None))
            .await
            .unwrap();
        settle(&services, Timestamp::now()).await;
        services
            .reservations
            .cancel(&cancelled, gone.id)
            .await
            .unwrap();
        settle(&services, Timestamp::now()).await;
        let log = services
            .notifications
            .log_for(&cancelled.user_id().unwrap().to_string())
            .await
            .unwrap();
        assert_eq!(
            mailbox.sent_to("gone@example.com").len(),
            2,
            "booked, then cancelled: {log:#?}"
        );

        // The clock moved to an hour before the slot: both reminders are due.
        let hour_before = Timestamp::from_millis(slot.starts_at.as_millis() - 3_600_000);
        settle(&services, hour_before).await;
        let reminders = |to: &str| {
            mailbox
                .sent_to(to)
                .into_iter()
                .filter(|m| m.subject.starts_with("Reminder"))
                .count()
        };
        assert_eq!(
            reminders("kept@example.com"),
            2,
            "the day before and two hours before"
        );
        assert_eq!(reminders("gone@example.com"), 0);
        let log = services
            .notifications
            .log_for(&cancelled.user_id().unwrap().to_string())
            .await
            .unwrap();
        let skipped: Vec<_> = log
            .iter()
            .filter(|d| d.kind == MessageKind::Reminder)
            .map(|d| d.status)
            .collect();
        assert_eq!(skipped, [DeliveryStatus::Skipped, DeliveryStatus::Skipped]);
    }
);

db_test!(
    async fn a_dead_mail_server_is_retried_until_the_message_goes_or_is_given_up(db: Db) {
        let (services, mailbox) = test_services(db);
        let f = fixture(services.clone()).await;
        let (_, slots) = open_drop(&f, 1, 10, 1, false).await;
        for email in ["a@example.com", "b@example.com"] {
            let shopper = signed_in(&services, email).await;
            services
                .reservations
                .book(&shopper, &request(slots[0], 1, None))
                .await
                .unwrap();
        }
        mailbox.set_down(true);
        let start = Timestamp::now();
        settle(&services, start).await;
        // The server came back: the retries (at most a minute later) get through, once each.
        mailbox.set_down(false);
        settle(
            &services,
            Timestamp::from_millis(start.as_millis() + 31 * 60_000),
        )
        .await;
        only_mail(&mailbox, "a@example.com");
        only_mail(&mailbox, "b@example.com");

        // A message that never gets through ends as a dead letter the owner can send again.
        let late = signed_in(&services, "late@example.com").await;
        services
            .reservations
            .book(&late, &request(slots[0], 1, None))
            .await
            .unwrap();
        mailbox.set_down(true);
        let mut now = Timestamp::now();
        for _ in 0..crate::notifications::rules::MAX_ATTEMPTS + 2 {
            settle(&services, now).await;
            // Past the longest wait, and past the breaker's rest.
            now = Timestamp::from_millis(now.as_millis() + 3_700_000);
        }
        let failed = services
            .notifications
            .failed_for_store(&f.owner, f.store, PageRequest::new(None, None))
            .await
            .unwrap();
        assert_eq!(failed.total, 1);
        let dead = &failed.items[0];
        assert_eq!(
            (dead.recipient.as_str(), dead.attempts),
            (
                "late@example.com",
                crate::notifications::rules::MAX_ATTEMPTS
            )
        );
        assert!(
            dead.last_error
                .as_deref()
                .unwrap()
                .contains("connection refused")
        );

        let stranger = signed_in(&services, "stranger@example.com").await;
        assert!(
            services
                .notifications
                .failed_for_store(&stranger, f.store, PageRequest::new(None, None))
                .await
                .is_err()
        );
        assert!(
            services
                .notifications
                .send_again(&stranger, f.store, dead.id)
                .await
                .is_err()
        );
        mailbox.set_down(false);
        services
            .notifications
            .send_again(&f.owner, f.store, dead.id)
            .await
            .unwrap();
        settle(&services, now).await;
        only_mail(&mailbox, "late@example.com");
    }
);

db_test!(
    async fn a_waitlist_offer_is_told_once_as_an_offer_with_its_link(db: Db) {
        let (services, mailbox) = test_services(db);
        let f = fixture(services.clone()).await;
        let (_, slots) = open_drop(&f, 1, 1, 1, false).await;
        let first = signed_in(&services, "first@example.com").await;
        let waiting = signed_in(&services, "next@example.com").await;
        let booked = services
            .reservations
            .book(&first, &request(slots[0], 1, None))
            .await
            .unwrap();
        services
            .reservations
            .join_waitlist(&waiting, slots[0], 1, None)
            .await
            .unwrap();
        settle(&services, Timestamp::now()).await;
        services
            .reservations
            .cancel(&first, booked.id)
            .await
            .unwrap();
        // The cancellation frees the place; the line's offer holds it for the next person.
        settle(&services, Timestamp::now()).await;
        settle(
            &services,
            Timestamp::from_millis(Timestamp::now().as_millis() + 5_000),
        )
        .await;
        let subjects: Vec<String> = mailbox
            .sent_to("next@example.com")
            .into_iter()
            .map(|m| m.subject)
            .collect();
        assert_eq!(subjects.len(), 2, "{subjects:?}");
        assert!(subjects[0].starts_with("On the waitlist"), "{subjects:?}");
        assert!(
            subjects[1].starts_with("A place is yours until"),
            "{subjects:?}"
        );
        let offer = mailbox.sent_to("next@example.com").pop().unwrap();
        assert!(
            offer
                .body
                .contains("http://dropslot.test/reservations?offer="),
            "{}",
            offer.body
        );
    }
);

db_test!(
    async fn each_drop_sets_the_hours_of_its_reminders(db: Db) {
        let (services, mailbox) = test_services(db);
        let f = fixture(services.clone()).await;
        let mut input = opened_a_minute_ago(&f);
        input.rules.reminder_hours = "48".into();
        let (drop, slots) = open_drop_from(&f, &input, 1, 10).await;
        input.rules.reminder_hours = String::new();
        let (_, quiet) = open_drop_from(&f, &input, 1, 10).await;
        let shopper = signed_in(&services, "ploy@example.com").await;
        services
            .reservations
            .book(&shopper, &request(slots[0], 1, None))
            .await
            .unwrap();
        services
            .reservations
            .book(&shopper, &request(quiet[0], 1, None))
            .await
            .unwrap();
        let start = services.drops.slots(&f.owner, drop).await.unwrap()[0]
            .slot
            .starts_at;
        settle(
            &services,
            Timestamp::from_millis(start.as_millis() - 60_000),
        )
        .await;
        let reminders: Vec<String> = mailbox
            .sent_to("ploy@example.com")
            .into_iter()
            .map(|m| m.subject)
            .filter(|s| s.starts_with("Reminder"))
            .collect();
        assert_eq!(
            reminders.len(),
            1,
            "one reminder, 48 hours before, for the first drop only: {reminders:?}"
        );
    }
);

db_test!(
    async fn account_mail_is_logged_retried_and_its_link_forgotten_once_sent(db: Db) {
        let (services, mailbox) = test_services(db);
        signed_in(&services, "ploy@example.com").await;
        mailbox.set_down(true);
        services
            .identity
            .request_password_reset("ploy@example.com")
            .await
            .unwrap();
        let log = || async {
            for _ in 0..100 {
                let log = services
                    .notifications
                    .log_for("ploy@example.com")
                    .await
                    .unwrap();
                if log.iter().any(|d| d.attempts > 0) {
                    return log;
                }
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            }
            panic!("the mail was not tried");
        };
        let tried = log().await;
        assert_eq!(tried[0].kind, MessageKind::AccountMail);
        assert_eq!(tried[0].status, DeliveryStatus::Sending);
        assert!(mailbox.sent_to("ploy@example.com").is_empty());

        // The worker takes it over once its lease ends (the first retry's wait).
        mailbox.set_down(false);
        settle(
            &services,
            Timestamp::from_millis(Timestamp::now().as_millis() + 31_000),
        )
        .await;
        let reset = only_mail(&mailbox, "ploy@example.com");
        assert!(
            reset.body.contains("/reset-password?token="),
            "{}",
            reset.body
        );
        let sent = services
            .notifications
            .log_for("ploy@example.com")
            .await
            .unwrap();
        assert_eq!(
            (sent[0].status, sent[0].attempts),
            (DeliveryStatus::Sent, 2)
        );
        assert!(
            !services
                .notifications
                .stored_text_of(sent[0].id)
                .await
                .unwrap()
                .contains("token=")
        );
    }
);

/// A published drop that opens `minutes` from now, for an hour.
async fn drop_opening_in(f: &Fixture, minutes: i64) -> (DropId, Timestamp) {
    let now = Timestamp::now().as_millis();
    let opens = Timestamp::from_millis((now / 1000 + minutes * 60) * 1000);
    let closes = Timestamp::from_millis(opens.as_millis() + 3_600_000);
    let (drop, _) = open_drop_from(f, &drop_input(f, opens, closes), 1, 10).await;
    (drop, opens)
}

/// Asks (or stops asking) as `who` to be told when `drop` opens.
async fn ask(services: &Services, who: &Principal, drop: DropId, on: bool) {
    services
        .notifications
        .ask_opening_alert(who, drop, on)
        .await
        .unwrap();
}

fn minutes_before(at: Timestamp, minutes: i64) -> Timestamp {
    Timestamp::from_millis(at.as_millis() - minutes * 60_000)
}

/// The person and signature of a "stop these alerts" link.
fn link_parts(url: &str) -> (String, String) {
    let query = url.split_once('?').expect("a query").1;
    let part = |name: &str| {
        query
            .split('&')
            .find_map(|pair| pair.strip_prefix(&format!("{name}=")))
            .expect("the part")
            .to_owned()
    };
    (part("u"), part("s"))
}

db_test!(
    async fn an_opening_alert_goes_half_an_hour_before_with_a_one_click_way_out(db: Db) {
        let (services, mailbox) = test_services(db);
        let f = fixture(services.clone()).await;
        let (drop, opens) = drop_opening_in(&f, 120).await;
        let shopper = signed_in(&services, "ploy@example.com").await;
        let alerts = &services.notifications;
        assert!(!alerts.opening_alert_on(&shopper, drop).await.unwrap());
        ask(&services, &shopper, drop, true).await;
        // Asked twice: told once.
        ask(&services, &shopper, drop, true).await;
        assert!(alerts.opening_alert_on(&shopper, drop).await.unwrap());

        settle(&services, minutes_before(opens, 31)).await;
        assert!(mailbox.sent_to("ploy@example.com").is_empty());
        settle(&services, minutes_before(opens, 29)).await;
        let mail = only_mail(&mailbox, "ploy@example.com");
        assert!(mail.subject.contains(" opens "), "{}", mail.subject);
        assert!(mail.body.contains(&format!("/d/{drop}")), "{}", mail.body);
        let stop = mail.unsubscribe_url.clone().expect("a one-click way out");
        assert!(
            stop.starts_with("http://dropslot.test/alerts/stop?u="),
            "{stop}"
        );
        assert!(mail.body.contains(&stop), "{}", mail.body);
        assert!(!alerts.opening_alert_on(&shopper, drop).await.unwrap());

        // Asking about a drop already open is refused, and says why.
        let (open, _) = open_drop(&f, 1, 10, 1, false).await;
        let refused = alerts
            .ask_opening_alert(&shopper, open, true)
            .await
            .unwrap_err();
        assert!(
            matches!(refused, NotificationError::NotAwaited),
            "{refused}"
        );
        assert_eq!(refused.kind(), ErrorKind::Conflict);
    }
);

db_test!(
    async fn the_signed_link_stops_every_waiting_alert_and_asking_again_starts_one(db: Db) {
        let (services, mailbox) = test_services(db);
        let f = fixture(services.clone()).await;
        let (soon, _) = drop_opening_in(&f, 10).await;
        let (later, opens_later) = drop_opening_in(&f, 180).await;
        let shopper = signed_in(&services, "ploy@example.com").await;
        let alerts = &services.notifications;
        ask(&services, &shopper, soon, true).await;
        ask(&services, &shopper, later, true).await;
        settle(&services, Timestamp::now()).await;
        let mail = only_mail(&mailbox, "ploy@example.com");
        let (user, signature) = link_parts(&mail.unsubscribe_url.unwrap());

        let forged = format!("{}A", &signature[1..]);
        let refused = alerts
            .stop_opening_alerts(&user, &forged)
            .await
            .unwrap_err();
        assert_eq!(refused.kind(), ErrorKind::Forbidden);
        assert!(alerts.opening_alert_on(&shopper, later).await.unwrap());

        assert_eq!(
            alerts.stop_opening_alerts(&user, &signature).await.unwrap(),
            1
        );
        assert!(!alerts.opening_alert_on(&shopper, later).await.unwrap());
        settle(&services, minutes_before(opens_later, 20)).await;
        assert_eq!(mailbox.sent_to("ploy@example.com").len(), 1);

        // A fresh opt-in after the way out counts.
        ask(&services, &shopper, later, true).await;
        assert!(alerts.opening_alert_on(&shopper, later).await.unwrap());
        ask(&services, &shopper, later, false).await;
        assert!(!alerts.opening_alert_on(&shopper, later).await.unwrap());
    }
);

db_test!(
    async fn an_alert_for_a_cancelled_drop_is_never_sent(db: Db) {
        let (services, mailbox) = test_services(db);
        let f = fixture(services.clone()).await;
        let (drop, opens) = drop_opening_in(&f, 120).await;
        let shopper = signed_in(&services, "ploy@example.com").await;
        ask(&services, &shopper, drop, true).await;
        services
            .drops
            .command(&f.owner, drop, DropCommand::Cancel)
            .await
            .unwrap();
        settle(&services, minutes_before(opens, 10)).await;
        assert!(mailbox.sent_to("ploy@example.com").is_empty());
        let log = services
            .notifications
            .log_for(&shopper.user_id().unwrap().to_string())
            .await
            .unwrap();
        assert_eq!(log[0].status, DeliveryStatus::Skipped);
    }
);

db_test!(
    async fn the_stores_note_is_in_its_mails_and_its_preview_and_only_owners_write_it(db: Db) {
        let (services, mailbox) = test_services(db);
        let f = fixture(services.clone()).await;
        let (_, slots) = open_drop(&f, 1, 10, 1, false).await;
        let note = StoreNote::parse("Park behind the shop <gate B>.\nBring a bag.").unwrap();
        let shopper = signed_in(&services, "ploy@example.com").await;
        let notes = &services.notifications;
        let refused = notes
            .set_note(
                &shopper,
                f.store,
                MessageKind::Confirmed,
                Some(note.clone()),
            )
            .await
            .unwrap_err();
        assert_eq!(refused.kind(), ErrorKind::Forbidden);
        notes
            .set_note(
                &f.owner,
                f.store,
                MessageKind::Confirmed,
                Some(note.clone()),
            )
            .await
            .unwrap();
        let kept = notes.notes(&f.owner, f.store).await.unwrap();
        assert_eq!(
            kept.iter()
                .find(|(kind, _)| *kind == MessageKind::Confirmed),
            Some(&(MessageKind::Confirmed, Some(note.to_string())))
        );

        let preview = notes
            .preview_note(
                &f.owner,
                f.store,
                MessageKind::Reminder,
                Some(note.clone()),
                crate::i18n::Language::Th,
            )
            .await
            .unwrap();
        assert!(
            preview.contains("Park behind the shop &lt;gate B&gt;."),
            "{preview}"
        );
        assert!(preview.contains("lang=\"th\""));

        services
            .reservations
            .book(&shopper, &request(slots[0], 1, None))
            .await
            .unwrap();
        settle(&services, Timestamp::now()).await;
        let mail = only_mail(&mailbox, "ploy@example.com");
        assert!(
            mail.body
                .contains("Park behind the shop <gate B>.\nBring a bag."),
            "{}",
            mail.body
        );
        assert!(
            mail.html
                .unwrap()
                .html
                .contains("Park behind the shop &lt;gate B&gt;.")
        );

        // Removed: the next mail goes without it.
        notes
            .set_note(&f.owner, f.store, MessageKind::Confirmed, None)
            .await
            .unwrap();
        assert_eq!(
            notes.notes(&f.owner, f.store).await.unwrap()[0],
            (MessageKind::Confirmed, None)
        );
    }
);

db_test!(
    async fn deadlines_go_before_a_backlog_of_confirmations(db: Db) {
        let storage = NotificationStorage::new(db);
        let row = |kind: MessageKind, key: &str, due: i64| NewNotification {
            dedupe_key: key.into(),
            recipient: "someone".into(),
            channel: Channel::Email,
            kind,
            subject: "{}".into(),
            store_id: None,
            drop_id: None,
            due_at: Timestamp::from_millis(due),
        };
        let planned = [
            row(MessageKind::Confirmed, "a", 1_000),
            row(MessageKind::Confirmed, "b", 2_000),
            row(MessageKind::DropOpening, "c", 2_500),
            row(MessageKind::WaitlistOffered, "d", 3_000),
        ];
        storage
            .plan(&planned, Timestamp::from_millis(0), Planned::Keep)
            .await
            .unwrap();
        let mut order = Vec::new();
        for _ in 0..4 {
            let claimed = storage
                .claim(Timestamp::from_millis(10_000), 1, 60_000)
                .await
                .unwrap();
            order.push(claimed[0].kind.clone());
        }
        assert_eq!(
            order,
            ["waitlist_offered", "drop_opening", "confirmed", "confirmed"]
        );
    }
);

db_test!(
    async fn an_alert_follows_an_opening_moved_earlier(db: Db) {
        let (services, mailbox) = test_services(db);
        let f = fixture(services.clone()).await;
        let (drop, _) = drop_opening_in(&f, 180).await;
        let shopper = signed_in(&services, "ploy@example.com").await;
        ask(&services, &shopper, drop, true).await;
        settle(&services, Timestamp::now()).await;
        assert!(mailbox.sent_to("ploy@example.com").is_empty());
        // The owner moves the opening to twenty minutes from now: the alert goes at once.
        let now = Timestamp::now().as_millis();
        let opens = Timestamp::from_millis((now / 1000 + 20 * 60) * 1000);
        let closes = Timestamp::from_millis(opens.as_millis() + 3_600_000);
        services
            .drops
            .update(&f.owner, drop, &drop_input(&f, opens, closes))
            .await
            .unwrap();
        settle(&services, Timestamp::now()).await;
        only_mail(&mailbox, "ploy@example.com");
    }
);
