//! Slots from a schedule, on the branch's clock. Each day's window is turned into instants in
//! the branch's zone (the tz database bundled with the server), then cut into slots of the exact
//! length in real time: on a spring-forward day a 00:00-04:00 window holds one hour fewer, on a
//! fall-back day one hour more, and every slot is as long as the owner asked.

use super::model::Schedule;
use crate::time::{LocalDate, LocalDateTime, LocalSpan, TimeZoneName, Timestamp};
use jiff::{civil, tz::TimeZone};

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    #[error("is not a time zone DropSlot knows")]
    UnknownZone,
    #[error("would make {0} slots; one schedule may make at most {1}")]
    TooManySlots(usize, usize),
    #[error("makes no slots: check the days, the daily window and the slot length")]
    Empty,
}

impl From<ScheduleError> for crate::i18n::Text {
    fn from(error: ScheduleError) -> Self {
        match error {
            ScheduleError::UnknownZone => crate::text!("check-zone-known"),
            ScheduleError::TooManySlots(count, max) => {
                crate::text!("check-too-many-slots", count = count, max = max)
            }
            ScheduleError::Empty => crate::text!("check-no-slots"),
        }
    }
}

/// A generated slot's start and end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlotTimes {
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
}

fn zone(name: &TimeZoneName) -> Result<TimeZone, ScheduleError> {
    TimeZone::get(name.as_str()).map_err(|_| ScheduleError::UnknownZone)
}

fn civil_date(d: LocalDate) -> Option<civil::Date> {
    civil::Date::new(d.year, d.month as i8, d.day as i8).ok()
}

/// The instant of a wall-clock time in `zone`; a time the clocks skip resolves later, a
/// repeated one to its first occurrence (jiff's "compatible" rule, as RFC 5545 does).
fn instant(tz: &TimeZone, date: civil::Date, minute: i32) -> Option<i64> {
    let time = civil::Time::new((minute / 60) as i8, (minute % 60) as i8, 0, 0).ok()?;
    let zoned = date.to_datetime(time).to_zoned_datetime(tz.clone()).ok()?;
    Some(zoned.timestamp().as_millisecond())
}

pub fn generate(
    schedule: &Schedule,
    zone_name: &TimeZoneName,
    max_slots: usize,
) -> Result<Vec<SlotTimes>, ScheduleError> {
    let tz = zone(zone_name)?;
    let (Some(first), Some(last)) = (
        civil_date(schedule.first_day),
        civil_date(schedule.last_day),
    ) else {
        return Err(ScheduleError::Empty);
    };
    let step = i64::from(schedule.length.minutes()) * 60_000;
    let mut slots = Vec::new();
    let mut day = first;
    while day <= last {
        let weekday = day.weekday().to_monday_zero_offset() as usize;
        if schedule.weekdays[weekday] {
            let from = instant(&tz, day, i32::from(schedule.daily_from.minutes()));
            let until = instant(&tz, day, i32::from(schedule.daily_until.minutes()));
            if let (Some(from), Some(until)) = (from, until) {
                let mut start = from;
                while start + step <= until {
                    slots.push(SlotTimes {
                        starts_at: Timestamp::from_millis(start),
                        ends_at: Timestamp::from_millis(start + step),
                    });
                    if slots.len() > max_slots {
                        let total = count_all(schedule, &tz, day, start + step, until, step);
                        return Err(ScheduleError::TooManySlots(slots.len() + total, max_slots));
                    }
                    start += step;
                }
            }
        }
        let Ok(next) = day.tomorrow() else { break };
        day = next;
    }
    if slots.is_empty() {
        return Err(ScheduleError::Empty);
    }
    Ok(slots)
}

/// How many more slots the rest of an oversized schedule would make (for the error message).
fn count_all(
    schedule: &Schedule,
    tz: &TimeZone,
    mut day: civil::Date,
    mut start: i64,
    until: i64,
    step: i64,
) -> usize {
    let mut count = 0;
    while start + step <= until {
        count += 1;
        start += step;
    }
    let Some(last) = civil_date(schedule.last_day) else {
        return count;
    };
    while let Ok(next) = day.tomorrow() {
        day = next;
        if day > last {
            break;
        }
        if !schedule.weekdays[day.weekday().to_monday_zero_offset() as usize] {
            continue;
        }
        let from = instant(tz, day, i32::from(schedule.daily_from.minutes()));
        let until = instant(tz, day, i32::from(schedule.daily_until.minutes()));
        if let (Some(from), Some(until)) = (from, until) {
            count += usize::try_from((until - from) / step).unwrap_or(0);
        }
    }
    count
}

/// A wall-clock date and time in `zone` as an instant (a skipped time is refused, so an owner
/// never opens a drop at an instant they did not mean).
pub fn local_to_instant(
    local: LocalDateTime,
    zone_name: &TimeZoneName,
) -> Result<Timestamp, super::model::WindowError> {
    use super::model::WindowError;
    let tz = zone(zone_name).map_err(|_| WindowError::Shape)?;
    let date = civil_date(local.date).ok_or(WindowError::Shape)?;
    let s = local.second_of_day as i32;
    let time = civil::Time::new((s / 3600) as i8, (s / 60 % 60) as i8, (s % 60) as i8, 0)
        .map_err(|_| WindowError::Shape)?;
    let ambiguous = tz.to_ambiguous_zoned_datetime(date.to_datetime(time));
    if matches!(ambiguous.offset(), jiff::tz::AmbiguousOffset::Gap { .. }) {
        return Err(WindowError::Skipped);
    }
    let zoned = ambiguous.compatible().map_err(|_| WindowError::Shape)?;
    Ok(Timestamp::from_millis(zoned.timestamp().as_millisecond()))
}

/// An instant on `zone`'s clock for forms: "2026-12-01T10:00:00".
pub fn instant_to_local(at: Timestamp, zone_name: &TimeZoneName) -> Option<String> {
    let tz = zone(zone_name).ok()?;
    let zoned = jiff::Timestamp::from_millisecond(at.as_millis())
        .ok()?
        .to_zoned_datetime(tz);
    Some(zoned.strftime("%Y-%m-%dT%H:%M:%S").to_string())
}

/// How far `zone`'s clock is from UTC at an instant, in minutes (0 for an unknown zone).
pub fn utc_offset_minutes(at: Timestamp, zone_name: &TimeZoneName) -> i32 {
    let (Ok(tz), Ok(ts)) = (
        zone(zone_name),
        jiff::Timestamp::from_millisecond(at.as_millis()),
    ) else {
        return 0;
    };
    tz.to_offset(ts).seconds() / 60
}

/// A slot's times read on its zone's clock (the end on the start's day, as slots are shown).
pub fn describe_span(starts: Timestamp, ends: Timestamp, zone_name: &TimeZoneName) -> LocalSpan {
    let (date, start, _) = describe(starts, zone_name);
    let (_, end, _) = describe(ends, zone_name);
    LocalSpan { date, start, end }
}

/// An instant read on a zone's clock: its date, "10:30" and the zone's abbreviation ("ICT"),
/// none of it in words yet. A zone the database lost since it was checked reads as UTC.
pub fn describe(at: Timestamp, zone_name: &TimeZoneName) -> (LocalDate, String, String) {
    let zoned = jiff::Timestamp::from_millisecond(at.as_millis())
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .to_zoned_datetime(zone(zone_name).unwrap_or(TimeZone::UTC));
    let date = LocalDate {
        year: zoned.year(),
        month: zoned.month().unsigned_abs(),
        day: zoned.day().unsigned_abs(),
    };
    (
        date,
        zoned.strftime("%H:%M").to_string(),
        zoned.strftime("%Z").to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        branches::model::BranchId,
        drops::model::{Capacity, SlotLength},
        time::MinuteOfDay,
    };

    fn schedule(first: &str, last: &str, from: &str, until: &str, minutes: u16) -> Schedule {
        Schedule {
            branch_id: "0190f1a6-0000-7000-8000-000000000001"
                .parse::<BranchId>()
                .unwrap(),
            first_day: LocalDate::parse(first).unwrap(),
            last_day: LocalDate::parse(last).unwrap(),
            daily_from: MinuteOfDay::parse(from).unwrap(),
            daily_until: MinuteOfDay::parse(until).unwrap(),
            length: SlotLength::new(minutes).unwrap(),
            capacity: Capacity::new(10).unwrap(),
            weekdays: [true; 7],
        }
    }

    fn zone(name: &str) -> TimeZoneName {
        TimeZoneName::parse(name).unwrap()
    }

    fn utc(at: Timestamp) -> String {
        jiff::Timestamp::from_millisecond(at.as_millis())
            .unwrap()
            .to_string()
    }

    #[test]
    fn slots_follow_the_branch_clock() {
        let slots = generate(
            &schedule("2026-12-05", "2026-12-06", "10:00", "12:00", 30),
            &zone("Asia/Bangkok"),
            100,
        )
        .unwrap();
        assert_eq!(slots.len(), 8);
        assert_eq!(utc(slots[0].starts_at), "2026-12-05T03:00:00Z");
        assert_eq!(utc(slots[3].ends_at), "2026-12-05T05:00:00Z");
        assert_eq!(utc(slots[4].starts_at), "2026-12-06T03:00:00Z");
    }

    #[test]
    fn spring_forward_day_has_an_hour_fewer() {
        // London: 2026-03-29 01:00 GMT becomes 02:00 BST.
        let london = zone("Europe/London");
        let normal = generate(
            &schedule("2026-03-28", "2026-03-28", "00:00", "04:00", 60),
            &london,
            100,
        )
        .unwrap();
        let spring = generate(
            &schedule("2026-03-29", "2026-03-29", "00:00", "04:00", 60),
            &london,
            100,
        )
        .unwrap();
        assert_eq!(normal.len(), 4);
        assert_eq!(spring.len(), 3);
        assert_eq!(utc(spring[0].starts_at), "2026-03-29T00:00:00Z");
        assert_eq!(utc(spring[2].ends_at), "2026-03-29T03:00:00Z", "04:00 BST");
        // A morning slot on that day is on summer time.
        let morning = generate(
            &schedule("2026-03-29", "2026-03-29", "09:00", "09:30", 30),
            &london,
            100,
        )
        .unwrap();
        assert_eq!(utc(morning[0].starts_at), "2026-03-29T08:00:00Z");
    }

    #[test]
    fn fall_back_day_has_an_hour_more() {
        // New York: 2026-11-01 02:00 EDT becomes 01:00 EST.
        let new_york = zone("America/New_York");
        let fall = generate(
            &schedule("2026-11-01", "2026-11-01", "00:00", "04:00", 60),
            &new_york,
            100,
        )
        .unwrap();
        assert_eq!(fall.len(), 5);
        assert_eq!(utc(fall[0].starts_at), "2026-11-01T04:00:00Z");
        assert_eq!(utc(fall[4].ends_at), "2026-11-01T09:00:00Z", "04:00 EST");
        for slot in &fall {
            assert_eq!(
                slot.ends_at.as_millis() - slot.starts_at.as_millis(),
                3_600_000
            );
        }
    }

    #[test]
    fn only_the_chosen_weekdays_get_slots() {
        let mut weekends = schedule("2026-12-01", "2026-12-31", "10:00", "11:00", 60);
        weekends.weekdays = [false, false, false, false, false, true, true];
        let slots = generate(&weekends, &zone("UTC"), 100).unwrap();
        assert_eq!(slots.len(), 8, "four weekends in December 2026");
    }

    #[test]
    fn too_many_slots_is_refused_with_the_count() {
        let big = schedule("2026-12-01", "2026-12-31", "00:00", "23:55", 5);
        assert_eq!(
            generate(&big, &zone("UTC"), 1_000),
            Err(ScheduleError::TooManySlots(31 * 287, 1_000))
        );
        assert_eq!(
            generate(&big, &zone("Mars/Olympus"), 1_000),
            Err(ScheduleError::UnknownZone)
        );
    }

    #[test]
    fn window_times_refuse_the_skipped_hour() {
        let london = zone("Europe/London");
        let at = |text| local_to_instant(LocalDateTime::parse(text).unwrap(), &london);
        assert!(at("2026-03-29T01:30").is_err());
        assert_eq!(
            utc(at("2026-03-29T09:00:15").unwrap()),
            "2026-03-29T08:00:15Z"
        );
        assert_eq!(
            instant_to_local(at("2026-12-01T10:00").unwrap(), &london).unwrap(),
            "2026-12-01T10:00:00"
        );
        let (date, time, abbreviation) = describe(at("2026-12-05T10:30").unwrap(), &london);
        assert_eq!(
            (
                date.to_string().as_str(),
                time.as_str(),
                abbreviation.as_str()
            ),
            ("2026-12-05", "10:30", "GMT")
        );
    }
}
