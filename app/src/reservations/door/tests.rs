//! The door on both engines: scans synced late from offline scanners (the earliest keeps the
//! check-in, the other scanner reads its conflict), the door view a scanner caches, and a
//! slot's no-shows.

use crate::reservations::tests::{booked_ticket, open_drop, request};
use crate::{
    db_test,
    drops::tests::fixture,
    execute,
    i18n::{I18n, Language},
    reservations::{
        door::model::{DeviceId, LocalRecord, ScanOutcome, check_at_door},
        door::service::CheckInRequest,
        error::ReservationError,
        rules::ReservationStatus,
    },
    testing::{signed_in, test_services},
    time::Timestamp,
};

fn device(n: u8) -> DeviceId {
    format!("0190f1a6-0000-7000-8000-0000000000{n:02}")
        .parse()
        .unwrap()
}

db_test!(
    async fn the_earliest_offline_scan_keeps_the_check_in(db: Db) {
        let (services, _) = test_services(db);
        let f = fixture(services).await;
        let (drop, slots) = open_drop(&f, 1, 5, 1, false).await;
        let reservations = &f.services.reservations;
        let (_, booked, ticket) = booked_ticket(&f, "shopper@example.com", slots[0], 2).await;
        let now = Timestamp::now().as_millis();
        let synced = |device: DeviceId, seconds_ago: i64| CheckInRequest {
            ticket: ticket.clone(),
            override_timing: true,
            drop_id: Some(drop),
            scanned_at: Some(Timestamp::from_millis(now - seconds_ago * 1000)),
            device: Some(device),
            ..CheckInRequest::default()
        };
        let (a, b, c) = (device(1), device(2), device(3));

        // B scanned a minute ago and syncs first; A scanned two minutes ago and syncs later.
        reservations
            .check_in(&f.owner, &synced(b, 60))
            .await
            .unwrap();
        reservations
            .check_in(&f.owner, &synced(a, 120))
            .await
            .unwrap();
        // A's sync repeated (its answer was lost) is still A's check-in.
        reservations
            .check_in(&f.owner, &synced(a, 120))
            .await
            .unwrap();
        // C scanned after both: told at once.
        assert!(matches!(
            reservations.check_in(&f.owner, &synced(c, 30)).await,
            Err(ReservationError::AlreadyCheckedIn { .. })
        ));

        let door_of = |d| reservations.door_view(&f.owner, drop, None, Some(d));
        let for_b = door_of(b).await.unwrap();
        assert_eq!(for_b.conflicts.len(), 1, "B lost its scan");
        assert_eq!(for_b.conflicts[0].reservation_id, booked.id);
        assert!(for_b.conflicts[0].winner.ends_with(" by Test Person"));
        assert!(door_of(a).await.unwrap().conflicts.is_empty());
        assert!(door_of(c).await.unwrap().conflicts.is_empty());

        let attendee = &for_b.attendees[0];
        assert_eq!(attendee.status, ReservationStatus::CheckedIn);
        assert_eq!(
            attendee.checked_in_at,
            Some(Timestamp::from_millis(now - 120_000)),
            "the earliest scan's time"
        );
        assert_eq!((for_b.slots[0].expected, for_b.slots[0].checked_in), (2, 2));
        let events = f
            .services
            .outbox
            .events_for(&booked.id.to_string())
            .await
            .unwrap();
        assert_eq!(
            events
                .iter()
                .filter(|e| e.event.kind() == "CheckedIn")
                .count(),
            1,
            "one check-in however many scans"
        );

        let stale = CheckInRequest {
            scanned_at: Some(Timestamp::from_millis(now - 8 * 24 * 3_600_000)),
            ..synced(c, 0)
        };
        assert!(matches!(
            reservations.check_in(&f.owner, &stale).await,
            Err(ReservationError::ScanTime)
        ));
    }
);

db_test!(
    async fn a_scanner_checks_tickets_with_the_cached_door_view(db: Db) {
        let (services, _) = test_services(db);
        let f = fixture(services).await;
        let (drop, slots) = open_drop(&f, 2, 5, 1, false).await;
        let reservations = &f.services.reservations;
        let (_, _, ticket) = booked_ticket(&f, "shopper@example.com", slots[0], 1).await;
        let stranger = signed_in(&f.services, "stranger@example.com").await;
        assert!(matches!(
            reservations.door_view(&stranger, drop, None, None).await,
            Err(ReservationError::NotStaff)
        ));

        let view = reservations
            .door_view(&f.owner, drop, Some(slots[0]), Some(device(1)))
            .await
            .unwrap();
        assert_eq!(view.slots.len(), 2);
        assert_eq!(view.slot_id, Some(slots[0]));
        assert_eq!(view.attendees.len(), 1);
        assert_eq!(
            view.attendees[0].ticket, ticket,
            "staff can let people in by name"
        );
        assert_eq!(view.attendees[0].email, "shopper@example.com");

        // Offline, on the device: the ticket is genuine but the slot is in 2030.
        let nothing = |_| LocalRecord::default();
        let at = Timestamp::now();
        assert!(matches!(
            check_at_door(&view, &ticket, at, false, nothing, I18n(Language::En)).0,
            ScanOutcome::OutsideWindow { .. }
        ));
        assert!(matches!(
            check_at_door(&view, &ticket, at, true, nothing, I18n(Language::En)).0,
            ScanOutcome::Admitted { ref name, units: Some(1), .. } if name == "Test Person"
        ));
        let here = |_| LocalRecord {
            admitted_here_at: Some(at),
        };
        assert!(matches!(
            check_at_door(&view, &ticket, at, true, here, I18n(Language::En)).0,
            ScanOutcome::Refused { ref message } if message.starts_with("Already checked in on this device")
        ));
        let mut forged = ticket.clone().into_bytes();
        forged[120] = if forged[120] == b'A' { b'B' } else { b'A' };
        assert!(matches!(
            check_at_door(
                &view,
                &String::from_utf8(forged).unwrap(),
                at,
                true,
                nothing,
                I18n(Language::En)
            )
            .0,
            ScanOutcome::Refused { .. }
        ));
    }
);

db_test!(
    async fn staff_mark_a_slots_no_shows_once_it_ended(db: Db) {
        let (services, _) = test_services(db.clone());
        let f = fixture(services).await;
        let (drop, slots) = open_drop(&f, 1, 5, 2, false).await;
        let reservations = &f.services.reservations;
        let shopper = signed_in(&f.services, "shopper@example.com").await;
        let (came, missed) = (
            reservations
                .book(&shopper, &request(slots[0], 1, None))
                .await
                .unwrap(),
            reservations
                .book(&shopper, &request(slots[0], 1, None))
                .await
                .unwrap(),
        );
        let ticket = reservations.ticket(&shopper, came.id).await.unwrap();
        reservations
            .check_in(
                &f.owner,
                &CheckInRequest {
                    ticket,
                    override_timing: true,
                    ..CheckInRequest::default()
                },
            )
            .await
            .unwrap();
        assert!(matches!(
            reservations.mark_slot_no_shows(&f.owner, slots[0]).await,
            Err(ReservationError::SlotNotOver)
        ));

        // The clock moves past the slot: its times are set an hour back.
        let view = reservations
            .door_view(&f.owner, drop, None, None)
            .await
            .unwrap();
        let shift = view.slots[0].ends_at.as_millis() - Timestamp::now().as_millis() + 3_600_000;
        execute!(
            &db,
            "UPDATE drop_slots SET starts_at = starts_at - $1, ends_at = ends_at - $1 WHERE id = $2",
            shift,
            slots[0].to_string()
        )
        .unwrap();
        assert_eq!(
            reservations
                .mark_slot_no_shows(&f.owner, slots[0])
                .await
                .unwrap(),
            1
        );
        let view = reservations
            .door_view(&f.owner, drop, None, None)
            .await
            .unwrap();
        let status_of = |id| {
            view.attendees
                .iter()
                .find(|a| a.reservation_id == id)
                .unwrap()
                .status
        };
        assert_eq!(status_of(came.id), ReservationStatus::CheckedIn);
        assert_eq!(status_of(missed.id), ReservationStatus::NoShow);
        assert_eq!(view.slots[0].expected, 1, "a no-show is no longer expected");
    }
);
