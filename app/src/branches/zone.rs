//! The branch's clock: an instant in the branch's IANA time zone (DST included), from the
//! bundled time zone database, so every server answers the same whatever its own zone files.

use super::hours::LocalMoment;
use crate::time::{LocalDate, MinuteOfDay, TimeZoneName, Timestamp};

pub fn zone_exists(zone: &TimeZoneName) -> bool {
    jiff::tz::TimeZone::get(zone.as_str()).is_ok()
}

/// The local moment at `at` in `zone`, and the day before it (for last night's late hours).
pub fn local_moment(at: Timestamp, zone: &TimeZoneName) -> Option<(LocalMoment, LocalDate)> {
    let tz = jiff::tz::TimeZone::get(zone.as_str()).ok()?;
    let zoned = jiff::Timestamp::from_millisecond(at.as_millis())
        .ok()?
        .to_zoned_datetime(tz);
    let civil = |d: jiff::civil::Date| LocalDate {
        year: d.year(),
        month: d.month() as u8,
        day: d.day() as u8,
    };
    let minute = MinuteOfDay::new(zoned.hour() as u16 * 60 + zoned.minute() as u16)?;
    let moment = LocalMoment {
        date: civil(zoned.date()),
        weekday: zoned.weekday().to_monday_zero_offset() as usize,
        minute,
    };
    Some((moment, civil(zoned.date().yesterday().ok()?)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::branches::hours::{Interval, OpenStatus, OpeningHours};

    fn utc(text: &str) -> Timestamp {
        let ts: jiff::Timestamp = text.parse().unwrap();
        Timestamp::from_millis(ts.as_millisecond())
    }

    fn nine_to_five() -> OpeningHours {
        let mut hours = OpeningHours::default();
        let interval = Interval {
            opens: MinuteOfDay::parse("09:00").unwrap(),
            closes: MinuteOfDay::parse("17:00").unwrap(),
        };
        hours.weekly = [Some(interval); 7];
        hours
    }

    fn status(at: &str, zone: &str) -> OpenStatus {
        let (now, yesterday) = local_moment(utc(at), &TimeZoneName::parse(zone).unwrap()).unwrap();
        nine_to_five().status(now, yesterday)
    }

    #[test]
    fn the_branch_clock_follows_dst_changes() {
        // London springs forward on 2026-03-29: 08:30 UTC is 09:30 BST, open.
        assert!(matches!(
            status("2026-03-29T08:30:00Z", "Europe/London"),
            OpenStatus::Open { .. }
        ));
        // The Saturday before, 08:30 UTC is 08:30 GMT, still closed.
        assert!(matches!(
            status("2026-03-28T08:30:00Z", "Europe/London"),
            OpenStatus::Closed { .. }
        ));
        // Falls back on 2026-10-25: 16:30 UTC is 16:30 GMT, open; the day before it is 17:30 BST, closed.
        assert!(matches!(
            status("2026-10-25T16:30:00Z", "Europe/London"),
            OpenStatus::Open { .. }
        ));
        assert!(matches!(
            status("2026-10-24T16:30:00Z", "Europe/London"),
            OpenStatus::Closed { .. }
        ));
        // Bangkok has no DST: 02:30 UTC is 09:30 local all year.
        assert!(matches!(
            status("2026-07-01T02:30:00Z", "Asia/Bangkok"),
            OpenStatus::Open { .. }
        ));
    }

    #[test]
    fn local_dates_and_weekdays_come_from_the_zone() {
        let (moment, yesterday) = local_moment(
            utc("2026-11-27T20:00:00Z"),
            &TimeZoneName::parse("Asia/Tokyo").unwrap(),
        )
        .unwrap();
        assert_eq!(
            moment.date.to_string(),
            "2026-11-28",
            "already Saturday in Tokyo"
        );
        assert_eq!(moment.weekday, 5);
        assert_eq!(yesterday.to_string(), "2026-11-27");
        assert!(zone_exists(
            &TimeZoneName::parse("America/Argentina/Buenos_Aires").unwrap()
        ));
        assert!(!zone_exists(
            &TimeZoneName::parse("Mars/Olympus_Mons").unwrap()
        ));
    }
}
