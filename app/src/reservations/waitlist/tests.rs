//! The waitlist on both engines: a line served in order, offers that lapse and pass on,
//! capacity raised for the line, leaving, a cancelled drop, and a line under concurrency.

use crate::reservations::tests::{open_drop, request, shoppers};
use crate::{
    db_test,
    drops::{
        model::{Capacity, DropId, SlotId},
        rules::DropCommand,
        tests::{Fixture, fixture},
    },
    events::DomainEvent,
    identity::model::Principal,
    reservations::{
        error::ReservationError, model::Reservation, rules::ReservationStatus,
        waitlist::WaitlistEntry,
    },
    testing::{signed_in, test_services},
    time::Timestamp,
};

/// Delivers every pending event, so the reactions (offers to the line) have run.
async fn settle(f: &Fixture) {
    while f
        .services
        .outbox
        .dispatch_once(Timestamp::now(), 100)
        .await
        .unwrap()
        > 0
    {}
}

async fn held_for(f: &Fixture, person: &Principal) -> Option<Reservation> {
    f.services
        .reservations
        .mine(person)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.status == ReservationStatus::Held)
}

async fn counts(f: &Fixture, drop: DropId) -> (u32, u32, u32) {
    let view = &f.services.drops.slots(&f.owner, drop).await.unwrap()[0];
    (
        view.counts.held,
        view.counts.confirmed,
        view.counts.waitlisted,
    )
}

async fn join(f: &Fixture, person: &Principal, slot: SlotId) -> WaitlistEntry {
    f.services
        .reservations
        .join_waitlist(person, slot, 1, None)
        .await
        .unwrap()
}

db_test!(
    async fn a_full_slot_has_a_line_served_in_order(db: Db) {
        let (services, _) = test_services(db);
        let f = fixture(services).await;
        let (drop, slots) = open_drop(&f, 1, 2, 1, false).await;
        let reservations = &f.services.reservations;
        let people = shoppers(&f, 5).await;
        let [a, b, c, d, e] = &people[..] else {
            unreachable!()
        };

        assert!(matches!(
            reservations.join_waitlist(a, slots[0], 1, None).await,
            Err(ReservationError::PlacesFree)
        ));
        let booked_a = reservations
            .book(a, &request(slots[0], 1, None))
            .await
            .unwrap();
        reservations
            .book(b, &request(slots[0], 1, None))
            .await
            .unwrap();
        assert_eq!(join(&f, c, slots[0]).await.position, Some(1));
        assert_eq!(join(&f, d, slots[0]).await.position, Some(2));
        assert!(matches!(
            reservations.join_waitlist(c, slots[0], 1, None).await,
            Err(ReservationError::AlreadyWaiting)
        ));
        assert!(matches!(
            reservations.join_waitlist(a, slots[0], 1, None).await,
            Err(ReservationError::LimitReached(1))
        ));
        assert_eq!(counts(&f, drop).await, (0, 2, 2));

        // A place frees up: the line has it before anyone new, even before the offer is made.
        reservations.cancel(a, booked_a.id).await.unwrap();
        assert!(matches!(
            reservations.book(e, &request(slots[0], 1, None)).await,
            Err(ReservationError::Full)
        ));
        settle(&f).await;
        let offer = held_for(&f, c).await.expect("the first in line is offered");
        assert!(offer.hold_expires_at.unwrap() > Timestamp::now());
        assert!(held_for(&f, d).await.is_none(), "only one place freed");
        assert_eq!(counts(&f, drop).await, (1, 1, 1));
        let waiting = reservations.my_waitlist(d, Some(drop)).await.unwrap();
        assert_eq!(waiting[0].position, Some(1), "the next moved up");
        assert!(
            reservations.my_waitlist(c, None).await.unwrap().is_empty(),
            "an offered person is out of line"
        );

        let accepted = reservations.accept(c, offer.id).await.unwrap();
        assert_eq!(accepted.status, ReservationStatus::Confirmed);
        assert_eq!(counts(&f, drop).await, (0, 2, 1));

        let kinds: Vec<_> = f
            .services
            .outbox
            .events_for(&waiting[0].id.to_string())
            .await
            .unwrap()
            .iter()
            .map(|e| e.event.kind())
            .collect();
        assert_eq!(kinds, ["WaitlistJoined"]);
    }
);

db_test!(
    async fn an_offer_not_taken_in_time_passes_to_the_next(db: Db) {
        let (services, _) = test_services(db);
        let f = fixture(services).await;
        let (drop, slots) = open_drop(&f, 1, 1, 1, false).await;
        let reservations = &f.services.reservations;
        let people = shoppers(&f, 3).await;
        let [a, b, c] = &people[..] else {
            unreachable!()
        };
        let booked = reservations
            .book(a, &request(slots[0], 1, None))
            .await
            .unwrap();
        let entry_b = join(&f, b, slots[0]).await;
        join(&f, c, slots[0]).await;
        reservations.cancel(a, booked.id).await.unwrap();
        settle(&f).await;
        let offer = held_for(&f, b).await.unwrap();

        let later = Timestamp::from_millis(offer.hold_expires_at.unwrap().as_millis() + 1);
        assert_eq!(reservations.expire_holds(None, later).await.unwrap(), 1);
        assert!(matches!(
            reservations.accept(b, offer.id).await,
            Err(ReservationError::Illegal(_))
        ));
        settle(&f).await;
        assert!(
            held_for(&f, c).await.is_some(),
            "the next in line is offered"
        );
        assert_eq!(counts(&f, drop).await, (1, 0, 0));

        let events = f
            .services
            .outbox
            .events_for(&entry_b.id.to_string())
            .await
            .unwrap();
        assert!(matches!(
            &events[1].event,
            DomainEvent::WaitlistOffered { reservation_id, .. } if *reservation_id == offer.id
        ));
    }
);

db_test!(
    async fn a_lapsed_offer_cannot_be_confirmed(db: Db) {
        let (services, _) = test_services(db.clone());
        let f = fixture(services).await;
        let (_, slots) = open_drop(&f, 1, 1, 1, true).await;
        let reservations = &f.services.reservations;
        let shopper = signed_in(&f.services, "shopper@example.com").await;
        let held = reservations
            .book(&shopper, &request(slots[0], 1, None))
            .await
            .unwrap();
        assert!(matches!(
            reservations.accept(&shopper, held.id).await,
            Err(ReservationError::DepositDue(amount)) if amount.format(crate::i18n::Language::En) == "฿50.00"
        ));
        crate::execute!(
            &db,
            "UPDATE reservations SET hold_expires_at = $1 WHERE id = $2",
            Timestamp::now().as_millis() - 1,
            held.id.to_string()
        )
        .unwrap();
        assert!(matches!(
            reservations.confirm_paid(held.id).await,
            Err(ReservationError::HoldLapsed)
        ));
        let still = reservations.get(&shopper, held.id).await.unwrap();
        assert_eq!(still.status, ReservationStatus::Held, "nothing changed");
    }
);

db_test!(
    async fn raised_capacity_goes_to_the_line_and_leaving_frees_a_place_in_it(db: Db) {
        let (services, _) = test_services(db);
        let f = fixture(services).await;
        let (drop, slots) = open_drop(&f, 1, 1, 1, false).await;
        let reservations = &f.services.reservations;
        let people = shoppers(&f, 4).await;
        let [a, b, c, d] = &people[..] else {
            unreachable!()
        };
        reservations
            .book(a, &request(slots[0], 1, None))
            .await
            .unwrap();
        let entry_b = join(&f, b, slots[0]).await;
        join(&f, c, slots[0]).await;
        assert_eq!(join(&f, d, slots[0]).await.position, Some(3));

        assert!(matches!(
            reservations.leave_waitlist(c, entry_b.id).await,
            Err(ReservationError::NotFound)
        ));
        reservations.leave_waitlist(b, entry_b.id).await.unwrap();
        assert_eq!(
            reservations.my_waitlist(d, None).await.unwrap()[0].position,
            Some(2)
        );
        assert_eq!(counts(&f, drop).await, (0, 1, 2));

        f.services
            .drops
            .set_capacity(&f.owner, drop, slots[0], Capacity::new(2).unwrap())
            .await
            .unwrap();
        settle(&f).await;
        assert!(held_for(&f, c).await.is_some(), "c is first now");
        assert!(held_for(&f, b).await.is_none(), "b left");
        assert_eq!(counts(&f, drop).await, (1, 1, 1));
    }
);

db_test!(
    async fn a_cancelled_drop_cancels_its_bookings_and_empties_its_lines(db: Db) {
        let (services, _) = test_services(db);
        let f = fixture(services).await;
        let (drop, slots) = open_drop(&f, 1, 1, 1, false).await;
        let reservations = &f.services.reservations;
        let people = shoppers(&f, 2).await;
        let booked = reservations
            .book(&people[0], &request(slots[0], 1, None))
            .await
            .unwrap();
        join(&f, &people[1], slots[0]).await;
        f.services
            .drops
            .command(&f.owner, drop, DropCommand::Cancel)
            .await
            .unwrap();
        settle(&f).await;
        assert!(matches!(
            reservations
                .book(&people[1], &request(slots[0], 1, None))
                .await,
            Err(ReservationError::NotOpen)
        ));
        assert!(matches!(
            reservations
                .join_waitlist(&people[1], slots[0], 1, None)
                .await,
            Err(ReservationError::NotOpen)
        ));
        let after = reservations.get(&people[0], booked.id).await.unwrap();
        assert_eq!(after.status, ReservationStatus::Cancelled);
        assert!(
            reservations
                .my_waitlist(&people[1], None)
                .await
                .unwrap()
                .is_empty()
        );
        assert_eq!(counts(&f, drop).await, (0, 0, 0));
        let kinds: Vec<_> = f
            .services
            .outbox
            .events_for(&booked.id.to_string())
            .await
            .unwrap()
            .iter()
            .map(|e| e.event.kind())
            .collect();
        // Booked without a deposit: confirmed at once, never held.
        assert_eq!(kinds, ["ReservationConfirmed", "ReservationCancelled"]);
    }
);

db_test!(
    async fn concurrent_cancellations_offer_each_place_once(db: Db) {
        let (services, _) = test_services(db);
        let f = fixture(services).await;
        let capacity = 10;
        let (drop, slots) = open_drop(&f, 1, capacity, 1, false).await;
        let reservations = &f.services.reservations;
        let people = shoppers(&f, 30).await;
        let (holders, line) = people.split_at(capacity as usize);
        let mut booked = Vec::new();
        for person in holders {
            booked.push(
                reservations
                    .book(person, &request(slots[0], 1, None))
                    .await
                    .unwrap(),
            );
        }
        for person in line {
            join(&f, person, slots[0]).await;
        }
        // Everyone cancels at once while several workers promote the line at once.
        let mut tasks = Vec::new();
        for (person, reservation) in holders.iter().zip(&booked) {
            let (service, person, id) = (reservations.clone(), person.clone(), reservation.id);
            tasks.push(tokio::spawn(async move {
                service.cancel(&person, id).await.map(|_| ())
            }));
        }
        for _ in 0..4 {
            let (service, slot) = (reservations.clone(), slots[0]);
            tasks.push(tokio::spawn(async move {
                service.promote(slot, Timestamp::now()).await.map(|_| ())
            }));
        }
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        settle(&f).await;
        assert_eq!(
            counts(&f, drop).await,
            (capacity, 0, 20 - capacity),
            "every freed place is held for the line, none twice"
        );
        for (i, person) in line.iter().enumerate() {
            assert_eq!(
                held_for(&f, person).await.is_some(),
                i < capacity as usize,
                "offers follow the line"
            );
        }
    }
);

db_test!(
    async fn lines_joined_all_at_once_stay_within_the_cap(db: Db) {
        let (services, _) = test_services(db);
        let f = fixture(services).await;
        let (drop, slots) = open_drop(&f, 6, 1, 1, false).await;
        let people = shoppers(&f, 7).await;
        for (holder, slot) in people.iter().zip(&slots) {
            f.services
                .reservations
                .book(holder, &request(*slot, 1, None))
                .await
                .unwrap();
        }
        let racer = &people[6];
        let mut joins = tokio::task::JoinSet::new();
        for slot in slots.clone() {
            let (services, racer) = (f.services.clone(), racer.clone());
            joins.spawn(async move {
                services
                    .reservations
                    .join_waitlist(&racer, slot, 1, None)
                    .await
            });
        }
        let joined = joins
            .join_all()
            .await
            .into_iter()
            .filter(Result::is_ok)
            .count();
        let waiting = f
            .services
            .reservations
            .my_waitlist(racer, Some(drop))
            .await
            .unwrap()
            .len();
        assert!(
            joined <= 3 && waiting == joined,
            "{joined} joined, {waiting} waiting"
        );
    }
);

db_test!(
    async fn squatting_is_bounded_by_lines_per_drop_and_lapsed_offers(db: Db) {
        let (services, _) = test_services(db);
        let f = fixture(services).await;
        let (_, slots) = open_drop(&f, 4, 1, 1, false).await;
        let reservations = &f.services.reservations;
        let people = shoppers(&f, 6).await;
        let (holders, squatter, patient) = (&people[..4], &people[4], &people[5]);
        let mut booked = Vec::new();
        for (holder, slot) in holders.iter().zip(&slots) {
            booked.push(
                reservations
                    .book(holder, &request(*slot, 1, None))
                    .await
                    .unwrap(),
            );
        }
        for slot in &slots[..3] {
            join(&f, squatter, *slot).await;
        }
        assert!(matches!(
            reservations
                .join_waitlist(squatter, slots[3], 1, None)
                .await,
            Err(ReservationError::TooManyLines(3))
        ));
        join(&f, patient, slots[2]).await;

        // Two offers to the squatter lapse, one after the other.
        for i in 0..2 {
            reservations
                .cancel(&holders[i], booked[i].id)
                .await
                .unwrap();
            settle(&f).await;
            let offer = held_for(&f, squatter).await.expect("offered");
            let later = Timestamp::from_millis(offer.hold_expires_at.unwrap().as_millis() + 1);
            assert_eq!(reservations.expire_holds(None, later).await.unwrap(), 1);
            settle(&f).await;
        }
        // The third slot's freed place skips the squatter's place in line.
        reservations
            .cancel(&holders[2], booked[2].id)
            .await
            .unwrap();
        settle(&f).await;
        assert!(held_for(&f, squatter).await.is_none());
        assert!(held_for(&f, patient).await.is_some(), "the next in line");
        assert!(matches!(
            reservations
                .join_waitlist(squatter, slots[3], 1, None)
                .await,
            Err(ReservationError::OffersLapsed)
        ));
    }
);
