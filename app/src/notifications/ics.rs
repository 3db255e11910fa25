//! The calendar file sent with a booking (RFC 5545, iTIP's REQUEST and CANCEL): the slot on the
//! branch's clock, with a VTIMEZONE giving that clock's offset, a UID that stays the same for
//! the reservation, and a SEQUENCE that grows with each change, so a calendar updates (or
//! removes) the event it already has instead of adding another. Written here rather than with
//! the `icalendar` crate, which brings chrono beside the jiff the rest of DropSlot uses.

use crate::{
    drops::schedule::utc_offset_minutes,
    time::{TimeZoneName, Timestamp},
};

/// One booking as a calendar event.
pub struct CalendarEvent<'a> {
    /// Unique and stable for the reservation (its id at this site's host).
    pub uid: String,
    pub sequence: u32,
    pub cancelled: bool,
    pub summary: &'a str,
    pub location: &'a str,
    pub description: &'a str,
    pub starts: Timestamp,
    pub ends: Timestamp,
    pub zone: &'a TimeZoneName,
    /// Who sends it (ORGANIZER) and who it is for (ATTENDEE), as email addresses.
    pub organizer: &'a str,
    pub attendee: &'a str,
    pub stamp: Timestamp,
}

impl CalendarEvent<'_> {
    pub fn to_ics(&self) -> String {
        let method = if self.cancelled { "CANCEL" } else { "REQUEST" };
        let status = if self.cancelled {
            "CANCELLED"
        } else {
            "CONFIRMED"
        };
        let zone = self.zone.as_str();
        let mut lines = vec![
            "BEGIN:VCALENDAR".to_owned(),
            "VERSION:2.0".to_owned(),
            "PRODID:-//DropSlot//Bookings//EN".to_owned(),
            format!("METHOD:{method}"),
        ];
        lines.extend(self.timezone());
        lines.extend([
            "BEGIN:VEVENT".to_owned(),
            format!("UID:{}", self.uid),
            format!("SEQUENCE:{}", self.sequence),
            format!("DTSTAMP:{}", utc_stamp(self.stamp)),
            format!(
                "DTSTART;TZID={zone}:{}",
                local_stamp(self.starts, self.zone)
            ),
            format!("DTEND;TZID={zone}:{}", local_stamp(self.ends, self.zone)),
            format!("SUMMARY:{}", escape(self.summary)),
            format!("LOCATION:{}", escape(self.location)),
            format!("DESCRIPTION:{}", escape(self.description)),
            format!("STATUS:{status}"),
            format!("ORGANIZER:mailto:{}", self.organizer),
            format!(
                "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:{}",
                self.attendee
            ),
            "END:VEVENT".to_owned(),
            "END:VCALENDAR".to_owned(),
        ]);
        lines.iter().map(|line| fold(line)).collect()
    }

    /// The zone as one observance: the offset in force at the slot, which is all this event's
    /// times need (a calendar converts them with it).
    fn timezone(&self) -> Vec<String> {
        let offset = offset_text(utc_offset_minutes(self.starts, self.zone));
        vec![
            "BEGIN:VTIMEZONE".to_owned(),
            format!("TZID:{}", self.zone.as_str()),
            "BEGIN:STANDARD".to_owned(),
            "DTSTART:19700101T000000".to_owned(),
            format!("TZOFFSETFROM:{offset}"),
            format!("TZOFFSETTO:{offset}"),
            "END:STANDARD".to_owned(),
            "END:VTIMEZONE".to_owned(),
        ]
    }
}

fn offset_text(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let minutes = minutes.unsigned_abs();
    format!("{sign}{:02}{:02}", minutes / 60, minutes % 60)
}

fn utc_stamp(at: Timestamp) -> String {
    jiff::Timestamp::from_millisecond(at.as_millis())
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string()
}

fn local_stamp(at: Timestamp, zone: &TimeZoneName) -> String {
    let offset = i64::from(utc_offset_minutes(at, zone)) * 60_000;
    utc_stamp(Timestamp::from_millis(at.as_millis() + offset))
        .trim_end_matches('Z')
        .to_owned()
}

/// TEXT values escape backslashes, separators and line breaks.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            ';' => escaped.push_str("\\;"),
            ',' => escaped.push_str("\\,"),
            '\n' => escaped.push_str("\\n"),
            '\r' => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// Lines end in CRLF and are folded at 75 octets, never inside a character (Thai is three
/// octets a character).
fn fold(line: &str) -> String {
    let mut folded = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            folded.push_str("\r\n ");
            width = 1;
        }
        folded.push(c);
        width += c.len_utf8();
    }
    folded.push_str("\r\n");
    folded
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(cancelled: bool) -> String {
        let zone = TimeZoneName::parse("Asia/Bangkok").unwrap();
        CalendarEvent {
            uid: "0190-abc@dropslot.test".into(),
            sequence: u32::from(cancelled),
            cancelled,
            summary: "Croissant drop, Sukhumvit",
            location: "Nok Bakes; 12 Sukhumvit Soi 11, Bangkok",
            description: "ครัวซองต์ 2 ชิ้น\nShow the QR code at the door.",
            // 2026-12-08 03:00Z is 10:00 in Bangkok.
            starts: Timestamp::from_millis(1_765_162_800_000),
            ends: Timestamp::from_millis(1_765_164_600_000),
            zone: &zone,
            organizer: "no-reply@dropslot.test",
            attendee: "ploy@example.com",
            stamp: Timestamp::from_millis(1_765_000_000_000),
        }
        .to_ics()
    }

    #[test]
    fn the_slot_is_written_on_the_branch_clock_with_its_offset() {
        let ics = event(false);
        assert!(
            ics.contains("DTSTART;TZID=Asia/Bangkok:20251208T100000\r\n"),
            "{ics}"
        );
        assert!(ics.contains("DTEND;TZID=Asia/Bangkok:20251208T103000\r\n"));
        assert!(ics.contains("TZOFFSETTO:+0700\r\n"));
        assert!(ics.contains("METHOD:REQUEST\r\n"));
        assert!(ics.contains("LOCATION:Nok Bakes\\; 12 Sukhumvit Soi 11\\, Bangkok\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
    }

    #[test]
    fn a_cancellation_keeps_the_uid_and_counts_up_the_sequence() {
        let ics = event(true);
        assert!(ics.contains("UID:0190-abc@dropslot.test\r\n"));
        assert!(ics.contains("SEQUENCE:1\r\n"));
        assert!(ics.contains("METHOD:CANCEL\r\n"));
        assert!(ics.contains("STATUS:CANCELLED\r\n"));
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let ics = event(false);
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains("DESCRIPTION:ครัวซองต์ 2 ชิ้น\\nShow the QR code at the door."));
    }

    #[test]
    fn offsets_west_of_utc_are_negative() {
        assert_eq!(offset_text(-300), "-0500");
        assert_eq!(offset_text(330), "+0530");
    }
}
