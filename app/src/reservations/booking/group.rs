//! What both engines' writers (`postgres`, `sqlite`) share: the group's people and slots, the
//! decision's state filled from their rows, the booked and their outbox rows.

use super::group_commit::Pending;
use crate::{
    events::DomainEvent,
    reservations::{
        rules::{
            ReservationStatus,
            booking::{BookOutcome, CodeLedger, GroupState, NewBooking, SlotLedger},
        },
        storage::facts,
    },
};
use std::collections::BTreeSet;

impl GroupState {
    /// A person's count row as read, by its text ids.
    pub fn add_person(&mut self, drop: &str, user: &str, active: i64) -> Result<(), sqlx::Error> {
        let bad = || sqlx::Error::Decode("drop_participants: bad id".into());
        let person = (
            drop.parse().map_err(|_| bad())?,
            user.parse().map_err(|_| bad())?,
        );
        self.active.insert(person, active);
        Ok(())
    }

    /// A slot's row as read: id, capacity, held, confirmed, waitlisted.
    pub fn add_slot(&mut self, row: (String, i64, i64, i64, i64)) -> Result<(), sqlx::Error> {
        let (id, capacity, held, confirmed, waitlisted) = row;
        let id = id
            .parse()
            .map_err(|_| sqlx::Error::Decode("drop_slots: bad id".into()))?;
        let ledger = SlotLedger {
            capacity,
            held,
            confirmed,
            waitlisted,
        };
        self.slots.insert(id, ledger);
        Ok(())
    }

    /// An access code's row as read: drop, code, most uses, uses.
    pub fn add_code(&mut self, row: (String, String, Option<i64>, i64)) -> Result<(), sqlx::Error> {
        let (drop, code, max_uses, uses) = row;
        let drop = drop
            .parse()
            .map_err(|_| sqlx::Error::Decode("drop_access_codes: bad id".into()))?;
        self.codes
            .insert((drop, code), CodeLedger { max_uses, uses });
        Ok(())
    }

    /// Each code's (drop, code, uses) as decided, for writing back.
    pub fn code_uses(&self) -> (Vec<String>, Vec<String>, Vec<i64>) {
        let mut uses = (Vec::new(), Vec::new(), Vec::new());
        for ((drop, code), ledger) in &self.codes {
            uses.0.push(drop.to_string());
            uses.1.push(code.clone());
            uses.2.push(ledger.uses);
        }
        uses
    }
}

/// The (drop, access code) pairs of a group, each once and in key order.
pub(super) fn codes_of(bookings: &[&NewBooking]) -> BTreeSet<(String, String)> {
    bookings
        .iter()
        .filter_map(|b| Some((b.reservation.drop_id.to_string(), b.access_code.clone()?)))
        .collect()
}

/// The (drop, person) pairs of a group, each once and in key order (the order rows are locked in).
pub(super) fn people_of(bookings: &[&NewBooking]) -> BTreeSet<(String, String)> {
    bookings
        .iter()
        .map(|b| {
            let r = &b.reservation;
            (r.drop_id.to_string(), r.user_id.to_string())
        })
        .collect()
}

/// The slots of a group, each once and in key order.
pub(super) fn slots_of(bookings: &[&NewBooking]) -> BTreeSet<String> {
    bookings
        .iter()
        .map(|b| b.reservation.slot_id.to_string())
        .collect()
}

/// The bookings of a group that were decided `Booked`: the ones to write.
pub(super) fn booked<'a>(group: &'a [Pending], outcomes: &[BookOutcome]) -> Vec<&'a Pending> {
    group
        .iter()
        .zip(outcomes)
        .filter(|(_, outcome)| matches!(outcome, BookOutcome::Booked))
        .map(|(pending, _)| pending)
        .collect()
}

/// One outbox row to write for a booking.
pub(super) struct EventRow {
    pub id: String,
    pub kind: String,
    pub aggregate: String,
    pub payload: String,
    pub at: i64,
}

/// The outbox row of each booked: confirmed when no deposit is due (it was never held), held
/// until the deposit confirms it otherwise.
pub(super) fn booked_events(booked: &[&Pending]) -> Result<Vec<EventRow>, sqlx::Error> {
    let mut rows = Vec::with_capacity(booked.len());
    for pending in booked {
        let r = &pending.booking.reservation;
        let event = match r.status {
            ReservationStatus::Confirmed => DomainEvent::ReservationConfirmed(facts(r)),
            _ => DomainEvent::ReservationHeld(facts(r)),
        };
        rows.push(EventRow {
            id: uuid::Uuid::now_v7().to_string(),
            kind: event.kind().to_owned(),
            aggregate: event.aggregate_id(),
            payload: serde_json::to_string(&event).map_err(|e| sqlx::Error::Encode(e.into()))?,
            at: pending.booking.now.as_millis(),
        });
    }
    Ok(rows)
}
