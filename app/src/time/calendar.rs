//! Wall-clock values on a local calendar, before a time zone turns them into instants: shared by
//! branches (opening hours), drops (windows and slot series) and the door.

use crate::{
    i18n::{Language, Text},
    text,
};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Minutes since local midnight, 0..1440.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u16", into = "u16")]
pub struct MinuteOfDay(u16);

impl MinuteOfDay {
    pub fn new(minute: u16) -> Option<Self> {
        (minute < 1440).then_some(Self(minute))
    }

    /// "09:30" or "9:30".
    pub fn parse(text: &str) -> Result<Self, NotATime> {
        let (h, m) = text.trim().split_once(':').ok_or(NotATime)?;
        let (h, m): (u16, u16) = (
            h.parse().map_err(|_| NotATime)?,
            m.parse().map_err(|_| NotATime)?,
        );
        if h > 23 || m > 59 || text.trim().len() > 5 {
            return Err(NotATime);
        }
        Ok(Self(h * 60 + m))
    }

    pub fn minutes(self) -> u16 {
        self.0
    }
}

impl TryFrom<u16> for MinuteOfDay {
    type Error = String;
    fn try_from(minute: u16) -> Result<Self, Self::Error> {
        Self::new(minute).ok_or_else(|| format!("{minute} is not a minute of the day"))
    }
}

impl From<MinuteOfDay> for u16 {
    fn from(minute: MinuteOfDay) -> u16 {
        minute.0
    }
}

impl fmt::Display for MinuteOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// A calendar date on a local calendar, as year, month, day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LocalDate {
    pub year: i16,
    pub month: u8,
    pub day: u8,
}

impl LocalDate {
    /// "2026-12-31", checked against the calendar (leap years included).
    pub fn parse(text: &str) -> Result<Self, NotADate> {
        let parts: Vec<&str> = text.trim().split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(NotADate);
        };
        let (year, month, day): (i16, u8, u8) = (
            y.parse().map_err(|_| NotADate)?,
            m.parse().map_err(|_| NotADate)?,
            d.parse().map_err(|_| NotADate)?,
        );
        let month_of_year = time::Month::try_from(month).map_err(|_| NotADate)?;
        if !(1970..=2200).contains(&year)
            || time::Date::from_calendar_date(year.into(), month_of_year, day).is_err()
        {
            return Err(NotADate);
        }
        Ok(Self { year, month, day })
    }
}

impl LocalDate {
    /// ISO 8601's weekday number: 1 is Monday, 7 Sunday.
    pub fn weekday(self) -> u8 {
        time::Month::try_from(self.month)
            .ok()
            .and_then(|m| time::Date::from_calendar_date(self.year.into(), m, self.day).ok())
            .map_or(1, |d| d.weekday().number_from_monday())
    }

    /// "Sat 5 Dec" in the reader's language, put into words where a page answers.
    pub fn text(self) -> Text {
        text!(
            "date-day",
            weekday = self.weekday(),
            day = self.day,
            month = self.month
        )
    }
}

impl fmt::Display for LocalDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A wall-clock date and time, to the second, before a time zone turns it into an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct LocalDateTime {
    pub date: LocalDate,
    pub second_of_day: u32,
}

impl LocalDateTime {
    /// "2026-12-01T10:00" or "2026-12-01T10:00:30" (what `<input type=datetime-local>` sends).
    pub fn parse(text: &str) -> Result<Self, NotADateTime> {
        let (date, time) = text.trim().split_once(['T', ' ']).ok_or(NotADateTime)?;
        let date = LocalDate::parse(date).map_err(|_| NotADateTime)?;
        let parts: Vec<u32> = time
            .split(':')
            .map(|p| p.parse::<u32>().map_err(|_| NotADateTime))
            .collect::<Result<_, _>>()?;
        let (h, m, s) = match parts.as_slice() {
            [h, m] => (*h, *m, 0),
            [h, m, s] => (*h, *m, *s),
            _ => return Err(NotADateTime),
        };
        if h > 23 || m > 59 || s > 59 {
            return Err(NotADateTime);
        }
        Ok(Self {
            date,
            second_of_day: h * 3600 + m * 60 + s,
        })
    }
}

impl fmt::Display for LocalDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.second_of_day;
        write!(
            f,
            "{}T{:02}:{:02}:{:02}",
            self.date,
            s / 3600,
            s / 60 % 60,
            s % 60
        )
    }
}

/// Whole days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: LocalDate, b: LocalDate) -> i32 {
    let julian = |d: LocalDate| {
        time::Month::try_from(d.month)
            .ok()
            .and_then(|m| time::Date::from_calendar_date(d.year.into(), m, d.day).ok())
            .map_or(0, time::Date::to_julian_day)
    };
    julian(b) - julian(a)
}

/// A stretch of one day on a local clock, as a slot is read at its branch: 2026-12-05,
/// "10:00", "10:30".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalSpan {
    pub date: LocalDate,
    pub start: String,
    pub end: String,
}

impl LocalSpan {
    /// "Sat 5 Dec 10:00–10:30" in `language`.
    pub fn label(&self, language: Language) -> String {
        format!(
            "{} {}–{}",
            self.date.text().in_language(language),
            self.start,
            self.end
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("is not a time like 09:30")]
pub struct NotATime;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("is not a date like 2026-12-31")]
pub struct NotADate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("must be a date and time like 2026-12-01T10:00")]
pub struct NotADateTime;

impl From<NotATime> for Text {
    fn from(_: NotATime) -> Self {
        text!("check-time")
    }
}

impl From<NotADate> for Text {
    fn from(_: NotADate) -> Self {
        text!("check-date")
    }
}

impl From<NotADateTime> for Text {
    fn from(_: NotADateTime) -> Self {
        text!("check-date-time")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_dates_parse_strictly() {
        assert_eq!(MinuteOfDay::parse("9:05").unwrap().minutes(), 545);
        for bad in ["24:00", "12:60", "noon", "12", "-1:00", "09:300"] {
            assert!(MinuteOfDay::parse(bad).is_err(), "{bad}");
        }
        assert!(LocalDate::parse("2028-02-29").is_ok());
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-04-31",
            "26-1-1x",
            "2026/01/01",
        ] {
            assert!(LocalDate::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn wall_clock_times_parse_with_or_without_seconds() {
        let at = LocalDateTime::parse("2026-12-01T10:00").unwrap();
        assert_eq!(at.to_string(), "2026-12-01T10:00:00");
        assert_eq!(
            LocalDateTime::parse("2026-12-01 10:00:30")
                .unwrap()
                .second_of_day,
            36_030
        );
        for bad in [
            "2026-12-01",
            "2026-12-01T24:00",
            "2026-12-01T10:60",
            "10:00",
        ] {
            assert!(LocalDateTime::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_date_names_its_weekday_in_each_language() {
        let saturday = LocalDate::parse("2026-12-05").unwrap();
        assert_eq!(saturday.weekday(), 6);
        assert_eq!(saturday.text().in_language(Language::En), "Sat 5 Dec");
        assert_eq!(LocalDate::parse("2026-12-07").unwrap().weekday(), 1);
    }

    #[test]
    fn days_between_counts_across_months_and_leap_days() {
        let day = |text| LocalDate::parse(text).unwrap();
        assert_eq!(days_between(day("2028-02-28"), day("2028-03-01")), 2);
        assert_eq!(days_between(day("2026-12-31"), day("2026-12-01")), -30);
    }
}
