//! Deciding a whole group of bookings at once, in arrival order, from the rows the group's
//! transaction has locked: what each person already holds in the drop and what each slot has
//! left. The decision is pure, so the rule that nobody oversells or passes the per-person limit
//! is tested here; the booking engine (`reservations::booking`) reads and writes around it.

use super::ReservationStatus;
use crate::{
    drops::model::{DropId, SlotId},
    identity::model::UserId,
    reservations::model::Reservation,
    time::Timestamp,
};
use std::collections::HashMap;

/// A booking to write: the reservation (held, or confirmed when no deposit is due).
#[derive(Debug, Clone)]
pub struct NewBooking {
    pub reservation: Reservation,
    /// When the slot ends, kept on the row so no-shows are found without the slot table.
    pub slot_ends_at: Timestamp,
    pub idempotency_key: Option<String>,
    pub per_person_limit: u16,
    /// The access code an early-access drop asks for: used once, and only by a booking that
    /// is written.
    pub access_code: Option<String>,
    /// When it was asked for.
    pub now: Timestamp,
}

#[derive(Debug)]
pub enum BookOutcome {
    Booked,
    Replayed(Reservation),
    Full,
    LimitReached,
    /// The access code is not the drop's, or is used up.
    CodeRefused,
}

/// An access code's uses as locked for the group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeLedger {
    pub max_uses: Option<i64>,
    pub uses: i64,
}

/// A slot's ledger as locked for the group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlotLedger {
    pub capacity: i64,
    pub held: i64,
    pub confirmed: i64,
    /// People in the slot's line: freed places are theirs first, so nobody new books.
    pub waitlisted: i64,
}

/// The locked state a group is decided against, updated as it is decided.
#[derive(Debug, Default)]
pub struct GroupState {
    /// Earlier bookings by (person, idempotency key).
    pub earlier: HashMap<(UserId, String), Reservation>,
    /// Active bookings per person and drop.
    pub active: HashMap<(DropId, UserId), i64>,
    pub slots: HashMap<SlotId, SlotLedger>,
    /// The group's access codes by (drop, code); a code missing here is not the drop's.
    pub codes: HashMap<(DropId, String), CodeLedger>,
}

/// Decides each booking in order. A booking whose slot or person the state does not know is
/// refused as full: the caller locks every slot and person the group names.
pub fn decide(state: &mut GroupState, bookings: &[&NewBooking]) -> Vec<BookOutcome> {
    bookings
        .iter()
        .map(|booking| decide_one(state, booking))
        .collect()
}

fn decide_one(state: &mut GroupState, booking: &NewBooking) -> BookOutcome {
    let r = &booking.reservation;
    if let Some(key) = &booking.idempotency_key
        && let Some(first) = state.earlier.get(&(r.user_id, key.clone()))
    {
        return BookOutcome::Replayed(first.clone());
    }
    let code = match &booking.access_code {
        Some(code) => match state.codes.get(&(r.drop_id, code.clone())) {
            Some(ledger) if ledger.max_uses.is_none_or(|max| ledger.uses < max) => {
                Some((r.drop_id, code.clone()))
            }
            _ => return BookOutcome::CodeRefused,
        },
        None => None,
    };
    let active = state.active.entry((r.drop_id, r.user_id)).or_insert(0);
    if *active >= i64::from(booking.per_person_limit) {
        return BookOutcome::LimitReached;
    }
    let Some(slot) = state.slots.get_mut(&r.slot_id) else {
        return BookOutcome::Full;
    };
    let units = i64::from(r.units);
    if slot.waitlisted > 0 || slot.held + slot.confirmed + units > slot.capacity {
        return BookOutcome::Full;
    }
    match r.status {
        ReservationStatus::Confirmed => slot.confirmed += units,
        _ => slot.held += units,
    }
    *active += 1;
    if let Some(ledger) = code.and_then(|code| state.codes.get_mut(&code)) {
        ledger.uses += 1;
    }
    if let Some(key) = &booking.idempotency_key {
        state.earlier.insert((r.user_id, key.clone()), r.clone());
    }
    BookOutcome::Booked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reservations::model::ReservationId;
    use proptest::prelude::*;

    fn booking(
        drop: DropId,
        slot: SlotId,
        user: UserId,
        units: u16,
        key: Option<&str>,
    ) -> NewBooking {
        NewBooking {
            reservation: Reservation {
                id: ReservationId::generate(),
                drop_id: drop,
                slot_id: slot,
                user_id: user,
                units,
                status: ReservationStatus::Confirmed,
                hold_expires_at: None,
                ticket_version: 1,
                created_at: Timestamp::from_millis(0),
            },
            slot_ends_at: Timestamp::from_millis(1),
            idempotency_key: key.map(str::to_owned),
            per_person_limit: 1,
            access_code: None,
            now: Timestamp::from_millis(0),
        }
    }

    #[test]
    fn an_access_code_is_used_only_by_bookings_written_and_never_past_its_uses() {
        let (drop, slot) = (DropId::generate(), SlotId::generate());
        let mut state = GroupState::default();
        state.slots.insert(slot, ledger(1));
        state.codes.insert(
            (drop, "EARLY-BIRD".into()),
            CodeLedger {
                max_uses: Some(2),
                uses: 0,
            },
        );
        let with_code = |code: &str| NewBooking {
            access_code: Some(code.into()),
            ..booking(drop, slot, UserId::generate(), 1, None)
        };
        let (first, full, wrong) = (
            with_code("EARLY-BIRD"),
            with_code("EARLY-BIRD"),
            with_code("GUESS"),
        );
        let outcomes = decide(&mut state, &[&first, &full, &wrong]);
        assert!(matches!(
            outcomes[..],
            [
                BookOutcome::Booked,
                BookOutcome::Full,
                BookOutcome::CodeRefused
            ]
        ));
        assert_eq!(
            state.codes[&(drop, "EARLY-BIRD".into())].uses,
            1,
            "the full slot used nothing"
        );
        state.slots.insert(slot, ledger(5));
        let (second, third) = (with_code("EARLY-BIRD"), with_code("EARLY-BIRD"));
        let outcomes = decide(&mut state, &[&second, &third]);
        assert!(matches!(
            outcomes[..],
            [BookOutcome::Booked, BookOutcome::CodeRefused]
        ));
    }

    fn ledger(capacity: i64) -> SlotLedger {
        SlotLedger {
            capacity,
            held: 0,
            confirmed: 0,
            waitlisted: 0,
        }
    }

    #[test]
    fn books_in_arrival_order_until_the_slot_is_full() {
        let (drop, slot) = (DropId::generate(), SlotId::generate());
        let mut state = GroupState::default();
        state.slots.insert(slot, ledger(2));
        let group: Vec<_> = (0..3)
            .map(|_| booking(drop, slot, UserId::generate(), 1, None))
            .collect();
        let outcomes = decide(&mut state, &group.iter().collect::<Vec<_>>());
        assert!(matches!(
            outcomes[..],
            [BookOutcome::Booked, BookOutcome::Booked, BookOutcome::Full]
        ));
        assert_eq!(state.slots[&slot].confirmed, 2);
    }

    #[test]
    fn the_same_key_twice_in_one_group_answers_the_first_booking() {
        let (drop, slot, user) = (DropId::generate(), SlotId::generate(), UserId::generate());
        let mut state = GroupState::default();
        state.slots.insert(slot, ledger(5));
        let first = booking(drop, slot, user, 1, Some("k"));
        let again = booking(drop, slot, user, 1, Some("k"));
        let outcomes = decide(&mut state, &[&first, &again]);
        assert!(matches!(outcomes[0], BookOutcome::Booked));
        assert!(matches!(&outcomes[1], BookOutcome::Replayed(r) if r.id == first.reservation.id));
    }

    #[test]
    fn a_second_booking_past_the_limit_is_refused_and_takes_nothing() {
        let (drop, slot, user) = (DropId::generate(), SlotId::generate(), UserId::generate());
        let mut state = GroupState::default();
        state.slots.insert(slot, ledger(5));
        let first = booking(drop, slot, user, 1, None);
        let second = booking(drop, slot, user, 1, None);
        let outcomes = decide(&mut state, &[&first, &second]);
        assert!(matches!(outcomes[1], BookOutcome::LimitReached));
        assert_eq!(state.slots[&slot].confirmed, 1);
    }

    #[test]
    fn nobody_new_books_while_people_wait_in_the_line() {
        let (drop, slot) = (DropId::generate(), SlotId::generate());
        let mut state = GroupState::default();
        state.slots.insert(
            slot,
            SlotLedger {
                waitlisted: 1,
                ..ledger(5)
            },
        );
        let b = booking(drop, slot, UserId::generate(), 1, None);
        assert!(matches!(decide(&mut state, &[&b])[..], [BookOutcome::Full]));
    }

    proptest! {
        /// Whatever arrives, no slot goes past its capacity, nobody past the limit, and the
        /// ledger grows by exactly the units of the bookings answered `Booked`.
        #[test]
        fn never_oversells_nor_passes_the_limit(
            capacities in prop::collection::vec(1i64..6, 1..4),
            arrivals in prop::collection::vec((0usize..4, 0usize..5, 1u16..3), 0..60),
        ) {
            let drop = DropId::generate();
            let slots: Vec<SlotId> = capacities.iter().map(|_| SlotId::generate()).collect();
            let users: Vec<UserId> = (0..5).map(|_| UserId::generate()).collect();
            let mut state = GroupState::default();
            for (slot, capacity) in slots.iter().zip(&capacities) {
                state.slots.insert(*slot, ledger(*capacity));
            }
            let group: Vec<_> = arrivals
                .iter()
                .map(|(s, u, units)| booking(drop, slots[s % slots.len()], users[*u], *units, None))
                .collect();
            let outcomes = decide(&mut state, &group.iter().collect::<Vec<_>>());
            for (slot, capacity) in slots.iter().zip(&capacities) {
                let booked: i64 = group
                    .iter()
                    .zip(&outcomes)
                    .filter(|(b, o)| b.reservation.slot_id == *slot && matches!(o, BookOutcome::Booked))
                    .map(|(b, _)| i64::from(b.reservation.units))
                    .sum();
                prop_assert!(booked <= *capacity);
                prop_assert_eq!(state.slots[slot].confirmed, booked);
            }
            for user in &users {
                let booked = group
                    .iter()
                    .zip(&outcomes)
                    .filter(|(b, o)| b.reservation.user_id == *user && matches!(o, BookOutcome::Booked))
                    .count();
                prop_assert!(booked <= 1);
            }
        }
    }
}
