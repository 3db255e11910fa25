//! What the door scanner knows and decides, shared by the server and the browser: the scanner
//! checks a ticket on the device with exactly these rules while the network is gone.

use crate::{
    i18n::{I18n, Language, Text},
    ids::{DropId, SlotId},
    reservations::{
        model::ReservationId,
        rules::{DoorTiming, ReservationStatus, door_timing},
        tickets::{Ticket, TicketError},
    },
    stores::model::StoreId,
    t,
    time::{LocalSpan, Timestamp},
};
use serde::{Deserialize, Serialize};

pub use crate::ids::DeviceId;

/// The scanner's picture of one drop's door, cached on the device for offline use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoorView {
    pub drop_id: DropId,
    pub drop_name: String,
    pub store_id: StoreId,
    /// The store's ticket key, public half (base64url): tickets are verified with it offline.
    pub public_key: String,
    /// The branch clock's offset from UTC now, for times shown on the device.
    pub utc_offset_minutes: i32,
    pub grace_minutes: u32,
    pub undo_minutes: u32,
    pub slots: Vec<DoorSlot>,
    /// The slot whose list is shown (the one at the door now, or the next).
    pub slot_id: Option<SlotId>,
    pub attendees: Vec<Attendee>,
    /// Scans from this device that lost to an earlier scan of the same ticket elsewhere.
    pub conflicts: Vec<Conflict>,
    pub as_of: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoorSlot {
    pub id: SlotId,
    /// On the branch's clock.
    pub local: LocalSpan,
    pub branch: String,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    /// Places confirmed (checked in or not): who is expected at the door.
    pub expected: u32,
    pub checked_in: u32,
}

impl DoorSlot {
    /// "Sat 5 Dec 10:00–10:30 · Siam Square".
    pub fn label(&self, language: Language) -> String {
        format!("{} · {}", self.local.label(language), self.branch)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendee {
    pub reservation_id: ReservationId,
    pub name: String,
    pub email: String,
    pub units: u16,
    pub status: ReservationStatus,
    pub checked_in_at: Option<Timestamp>,
    /// The signed ticket, so staff can let someone in by name (also offline).
    pub ticket: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    pub reservation_id: ReservationId,
    pub name: String,
    pub scanned_at: Timestamp,
    /// "10:02 by Somchai": the scan that kept the check-in.
    pub winner: String,
}

/// The answer to one scan: green, amber or red.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScanOutcome {
    Admitted {
        reservation_id: ReservationId,
        /// Empty when the device let the ticket in offline without knowing the person.
        name: String,
        slot_label: String,
        units: Option<u16>,
    },
    /// Outside the door window; staff may let it in anyway.
    OutsideWindow {
        message: String,
    },
    Refused {
        message: String,
    },
}

impl ScanOutcome {
    pub fn refused(message: impl ToString) -> Self {
        Self::Refused {
            message: sentence(message),
        }
    }
}

/// A message as a sentence: capital first letter, closing full stop.
pub fn sentence(message: impl ToString) -> String {
    let message = message.to_string();
    let first = message.chars().next().map_or(0, char::len_utf8);
    let mut out = crate::case::uppercase(&message[..first]) + &message[first..];
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

/// A booking's short code for the door, when the QR code cannot be read: the last eight hex
/// digits of its id (the random part), as "A1B2-C3D4".
pub fn booking_code(id: ReservationId) -> String {
    let hex: String = id.to_string().replace('-', "").to_ascii_uppercase();
    let tail = &hex[hex.len() - 8..];
    format!("{}-{}", &tail[..4], &tail[4..])
}

/// What staff typed, as a ticket: a booking code is looked up in the slot's list (also
/// offline); anything else is taken as the ticket's text.
pub fn typed_ticket(view: &DoorView, typed: &str, i18n: I18n) -> Result<String, String> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect::<String>()
        .to_ascii_uppercase();
    let looks_like_code = code.len() == 8 && code.chars().all(|c| c.is_ascii_hexdigit());
    if !looks_like_code {
        return Ok(typed.trim().to_owned());
    }
    view.attendees
        .iter()
        .find(|a| booking_code(a.reservation_id).replace('-', "") == code)
        .map(|a| a.ticket.clone())
        .ok_or_else(|| t!(i18n, "door-no-booking", code = booking_code_text(&code)))
}

fn booking_code_text(code: &str) -> String {
    format!("{}-{}", &code[..4], &code[4..])
}

/// "14:05" for an instant on a clock `offset_minutes` from UTC.
pub fn clock_label(at: Timestamp, offset_minutes: i32) -> String {
    let minutes = (at.as_millis() / 60_000 + i64::from(offset_minutes)).rem_euclid(24 * 60);
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The slot a door shows: the one whose door window holds `now`, else the next to start, else
/// the last. Slots come in start order.
pub fn current_slot(slots: &[DoorSlot], now: Timestamp, grace_minutes: u32) -> Option<SlotId> {
    let at_door = |s: &&DoorSlot| {
        door_timing(
            now.as_millis(),
            s.starts_at.as_millis(),
            s.ends_at.as_millis(),
            grace_minutes,
        ) == DoorTiming::OnTime
    };
    slots
        .iter()
        .find(at_door)
        .or_else(|| slots.iter().find(|s| s.starts_at > now))
        .or(slots.last())
        .map(|s| s.id)
}

/// A status that keeps a ticket out, in a word.
fn status_word(i18n: I18n, status: ReservationStatus) -> String {
    match status {
        ReservationStatus::Held => t!(i18n, "door-word-held"),
        ReservationStatus::Cancelled => t!(i18n, "door-word-cancelled"),
        ReservationStatus::Expired => t!(i18n, "door-word-expired"),
        ReservationStatus::NoShow => t!(i18n, "door-word-no-show"),
        ReservationStatus::Confirmed | ReservationStatus::CheckedIn => t!(i18n, "door-word-valid"),
    }
}

/// What the device knows about a ticket besides the view: when it let it in itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LocalRecord {
    pub admitted_here_at: Option<Timestamp>,
}

/// Checks a scanned ticket on the device, as the server would with what the device knows:
/// signature, drop, slot, the last known status, this device's own scans, then timing (unless
/// staff override it). Answers the outcome and the ticket's reservation when it read one.
pub fn check_at_door(
    view: &DoorView,
    text: &str,
    now: Timestamp,
    override_timing: bool,
    local: impl Fn(ReservationId) -> LocalRecord,
    i18n: I18n,
) -> (ScanOutcome, Option<ReservationId>) {
    let ticket = match verify_for(view, text) {
        Ok(ticket) => ticket,
        Err(error) => {
            let message = Text::from(error).in_language(i18n.language());
            return (ScanOutcome::refused(message), None);
        }
    };
    let id = Some(ticket.reservation);
    let clock = |at| clock_label(at, view.utc_offset_minutes);
    if ticket.drop != view.drop_id {
        return (ScanOutcome::refused(t!(i18n, "door-other-drop")), id);
    }
    let Some(slot) = view.slots.iter().find(|s| s.id == ticket.slot) else {
        return (ScanOutcome::refused(t!(i18n, "door-slot-not-in-drop")), id);
    };
    let known = view
        .attendees
        .iter()
        .find(|a| a.reservation_id == ticket.reservation);
    if let Some(attendee) = known {
        match (attendee.status, attendee.checked_in_at) {
            (ReservationStatus::Confirmed, _) => {}
            (ReservationStatus::CheckedIn, Some(at)) => {
                return (
                    ScanOutcome::refused(t!(i18n, "door-already-in", at = clock(at))),
                    id,
                );
            }
            (status, _) => {
                return (
                    ScanOutcome::refused(t!(
                        i18n,
                        "door-not-valid",
                        status = status_word(i18n, status)
                    )),
                    id,
                );
            }
        }
    }
    if let Some(at) = local(ticket.reservation).admitted_here_at {
        return (
            ScanOutcome::refused(t!(i18n, "door-already-in-here", at = clock(at))),
            id,
        );
    }
    if !override_timing {
        let timing = door_timing(
            now.as_millis(),
            slot.starts_at.as_millis(),
            slot.ends_at.as_millis(),
            view.grace_minutes,
        );
        let message = match timing {
            DoorTiming::TooEarly => Some(t!(i18n, "res-err-too-early", at = clock(slot.starts_at))),
            DoorTiming::TooLate => Some(t!(i18n, "res-err-too-late", at = clock(slot.ends_at))),
            DoorTiming::OnTime => None,
        };
        if let Some(message) = message {
            return (ScanOutcome::OutsideWindow { message }, id);
        }
    }
    (
        ScanOutcome::Admitted {
            reservation_id: ticket.reservation,
            name: known.map(|a| a.name.clone()).unwrap_or_default(),
            slot_label: slot.label(i18n.0),
            units: known.map(|a| a.units),
        },
        id,
    )
}

fn verify_for(view: &DoorView, text: &str) -> Result<Ticket, TicketError> {
    let key = crate::reservations::tickets::verifying_key(&view.public_key)
        .ok_or(TicketError::BadSignature)?;
    Ticket::verify(text, &key)
}

/// Where one of this device's scans stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScanState {
    /// Let in on the device while offline; not yet told to the server.
    Queued,
    /// The server has it: the ticket is checked in.
    Synced,
    /// The server refused it when it synced (checked in elsewhere first, cancelled meanwhile).
    Refused,
}

/// A ticket this device let in, kept on the device (IndexedDB): the offline queue and the
/// record that catches a second scan of the same ticket on this device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalScan {
    pub reservation_id: ReservationId,
    pub drop_id: DropId,
    pub ticket: String,
    pub scanned_at: Timestamp,
    pub override_timing: bool,
    pub state: ScanState,
    /// Who, when known; or why the server refused the scan.
    pub note: String,
}

impl LocalScan {
    pub fn record(scans: &[LocalScan], id: ReservationId) -> LocalRecord {
        LocalRecord {
            admitted_here_at: scans
                .iter()
                .find(|s| s.reservation_id == id && s.state != ScanState::Refused)
                .map(|s| s.scanned_at),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::LocalDate;

    fn english() -> I18n {
        I18n(Language::En)
    }

    fn view_with(attendee: Option<Attendee>) -> DoorView {
        DoorView {
            drop_id: "0190f1a6-0000-7000-8000-000000000002".parse().unwrap(),
            drop_name: "Drop".into(),
            store_id: "0190f1a6-0000-7000-8000-000000000004".parse().unwrap(),
            public_key: String::new(),
            utc_offset_minutes: 420,
            grace_minutes: 30,
            undo_minutes: 5,
            slots: Vec::new(),
            slot_id: None,
            attendees: attendee.into_iter().collect(),
            conflicts: Vec::new(),
            as_of: Timestamp::from_millis(0),
        }
    }

    #[test]
    fn a_booking_code_finds_its_ticket_in_the_list() {
        let id: ReservationId = "0190f1a6-0000-7000-8000-00000a1b2c3d".parse().unwrap();
        assert_eq!(booking_code(id), "0A1B-2C3D");
        let view = view_with(Some(Attendee {
            reservation_id: id,
            name: "Ann".into(),
            email: "ann@example.com".into(),
            units: 1,
            status: ReservationStatus::Confirmed,
            checked_in_at: None,
            ticket: "signed-ticket".into(),
        }));
        assert_eq!(
            typed_ticket(&view, " 0a1b-2c3d ", english()),
            Ok("signed-ticket".into())
        );
        assert_eq!(
            typed_ticket(&view, "0A1B2C3D", english()),
            Ok("signed-ticket".into())
        );
        assert_eq!(
            typed_ticket(&view, "FFFF-FFFF", english()),
            Err("No booking FFFF-FFFF in this slot's list.".into())
        );
        assert_eq!(
            typed_ticket(&view, " AbC_long-ticket ", english()),
            Ok("AbC_long-ticket".into())
        );
    }

    #[test]
    fn times_read_on_the_branch_clock() {
        assert_eq!(clock_label(Timestamp::from_millis(0), 420), "07:00");
        assert_eq!(clock_label(Timestamp::from_millis(0), -300), "19:00");
        assert_eq!(
            clock_label(Timestamp::from_millis(23 * 3_600_000 + 59 * 60_000), 0),
            "23:59"
        );
    }

    #[test]
    fn messages_read_as_sentences() {
        assert_eq!(sentence("already checked in"), "Already checked in.");
        assert_eq!(sentence("Too early."), "Too early.");
    }

    fn slot(id: u8, starts_min: i64, ends_min: i64) -> DoorSlot {
        DoorSlot {
            id: format!("0190f1a6-0000-7000-8000-0000000000{id:02}")
                .parse()
                .unwrap(),
            local: LocalSpan {
                date: LocalDate {
                    year: 2026,
                    month: 12,
                    day: 5,
                },
                start: String::new(),
                end: String::new(),
            },
            branch: String::new(),
            starts_at: Timestamp::from_millis(starts_min * 60_000),
            ends_at: Timestamp::from_millis(ends_min * 60_000),
            expected: 0,
            checked_in: 0,
        }
    }

    #[test]
    fn the_door_shows_the_slot_at_the_door_then_the_next_then_the_last() {
        let slots = [slot(1, 60, 90), slot(2, 90, 120), slot(3, 300, 330)];
        let at = |minute: i64| current_slot(&slots, Timestamp::from_millis(minute * 60_000), 15);
        assert_eq!(
            at(50),
            Some(slots[0].id),
            "within the grace before the first"
        );
        assert_eq!(
            at(100),
            Some(slots[0].id),
            "the earlier slot's door is still open"
        );
        assert_eq!(at(110), Some(slots[1].id));
        assert_eq!(at(200), Some(slots[2].id), "between slots: the next");
        assert_eq!(at(1000), Some(slots[2].id), "after all: the last");
        assert_eq!(current_slot(&[], Timestamp::from_millis(0), 15), None);
    }
}
