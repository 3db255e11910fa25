//! Opening hours as pure values: a weekly pattern with at most one interval a day (an interval may
//! run past midnight), dated exceptions, and the "open now / opens at" rule over local wall-clock
//! time. Turning an instant into the branch's local time (time zones, DST) happens on the server.

use crate::{
    i18n::I18n,
    t,
    time::{LocalDate, MinuteOfDay, NotADate, NotATime},
};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Open from `opens` to `closes`; a `closes` at or before `opens` means the next day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interval {
    pub opens: MinuteOfDay,
    pub closes: MinuteOfDay,
}

impl Interval {
    /// Length in minutes (a whole day when opens == closes).
    fn length(self) -> u16 {
        let (o, c) = (self.opens.minutes(), self.closes.minutes());
        if c > o { c - o } else { 1440 - o + c }
    }

    pub fn crosses_midnight(self) -> bool {
        self.closes.minutes() <= self.opens.minutes()
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}–{}", self.opens, self.closes)
    }
}

/// Monday first, as ISO 8601 numbers them.
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A dated change to the weekly pattern: closed all day, or other hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoursException {
    pub date: LocalDate,
    pub hours: Option<Interval>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OpeningHours {
    /// Index 0 is Monday; `None` is closed.
    pub weekly: [Option<Interval>; 7],
    pub exceptions: Vec<HoursException>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HoursError {
    #[error("is not a time like 09:30")]
    TimeShape,
    #[error("is not a date like 2026-12-31")]
    DateShape,
    #[error("{0}'s hours run into {1}'s")]
    Overlap(&'static str, &'static str),
    #[error("{0} is listed twice")]
    DuplicateException(LocalDate),
}

impl From<NotATime> for HoursError {
    fn from(_: NotATime) -> Self {
        Self::TimeShape
    }
}

impl From<NotADate> for HoursError {
    fn from(_: NotADate) -> Self {
        Self::DateShape
    }
}

impl From<HoursError> for crate::i18n::Text {
    fn from(error: HoursError) -> Self {
        match error {
            HoursError::TimeShape => crate::text!("check-time"),
            HoursError::DateShape => crate::text!("check-date"),
            HoursError::Overlap(day, next) => {
                crate::text!("check-hours-overlap", day = day, next = next)
            }
            HoursError::DuplicateException(date) => {
                crate::text!("check-listed-twice", day = date.to_string())
            }
        }
    }
}

impl OpeningHours {
    /// Checks that no day's hours run into the next day's (a late night must end before the
    /// next opening).
    pub fn validate(&self) -> Result<(), HoursError> {
        for day in 0..7 {
            let next = (day + 1) % 7;
            if let (Some(today), Some(tomorrow)) = (self.weekly[day], self.weekly[next]) {
                let spill = (today.opens.minutes() + today.length()).saturating_sub(1440);
                if spill > tomorrow.opens.minutes() {
                    return Err(HoursError::Overlap(WEEKDAYS[day], WEEKDAYS[next]));
                }
            }
        }
        let mut dates: Vec<_> = self.exceptions.iter().map(|e| e.date).collect();
        dates.sort();
        if let Some(pair) = dates.windows(2).find(|pair| pair[0] == pair[1]) {
            return Err(HoursError::DuplicateException(pair[0]));
        }
        Ok(())
    }

    fn hours_on(&self, date: LocalDate, weekday: usize) -> Option<Interval> {
        match self.exceptions.iter().find(|e| e.date == date) {
            Some(exception) => exception.hours,
            None => self.weekly[weekday],
        }
    }

    /// Open or closed at a local wall-clock moment. `yesterday` is the previous calendar date,
    /// because last night's hours may still be running.
    pub fn status(&self, now: LocalMoment, yesterday: LocalDate) -> OpenStatus {
        let minute = now.minute.minutes();
        if let Some(last_night) = self.hours_on(yesterday, (now.weekday + 6) % 7) {
            let spill = (last_night.opens.minutes() + last_night.length()).saturating_sub(1440);
            if last_night.crosses_midnight() && minute < spill {
                return OpenStatus::Open {
                    closes: last_night.closes,
                };
            }
        }
        if let Some(today) = self.hours_on(now.date, now.weekday) {
            let end = today.opens.minutes() + today.length();
            if minute >= today.opens.minutes() && minute < end {
                return OpenStatus::Open {
                    closes: today.closes,
                };
            }
            if minute < today.opens.minutes() {
                return OpenStatus::Closed {
                    opens: Some(NextOpening {
                        days_ahead: 0,
                        at: today.opens,
                    }),
                };
            }
        }
        // The next weekly opening within a week (exceptions beyond today are not known here
        // without their weekdays, so the weekly pattern answers).
        let opens = (1..=7).find_map(|ahead| {
            self.weekly[(now.weekday + ahead) % 7].map(|hours| NextOpening {
                days_ahead: ahead as u8,
                at: hours.opens,
            })
        });
        OpenStatus::Closed { opens }
    }
}

/// A moment on the branch's own clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalMoment {
    pub date: LocalDate,
    /// 0 is Monday.
    pub weekday: usize,
    pub minute: MinuteOfDay,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextOpening {
    pub days_ahead: u8,
    pub at: MinuteOfDay,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OpenStatus {
    Open { closes: MinuteOfDay },
    Closed { opens: Option<NextOpening> },
}

impl OpenStatus {
    /// "Open now · closes 17:00", "Closed · opens tomorrow 09:00", in `i18n`'s language.
    pub fn describe(self, today_weekday: usize, i18n: I18n) -> String {
        match self {
            OpenStatus::Open { closes } => t!(i18n, "hours-open-now", closes = closes.to_string()),
            OpenStatus::Closed { opens: None } => t!(i18n, "hours-closed"),
            OpenStatus::Closed {
                opens: Some(NextOpening { days_ahead: 0, at }),
            } => t!(i18n, "hours-opens-today", at = at.to_string()),
            OpenStatus::Closed {
                opens: Some(NextOpening { days_ahead: 1, at }),
            } => t!(i18n, "hours-opens-tomorrow", at = at.to_string()),
            OpenStatus::Closed {
                opens: Some(NextOpening { days_ahead, at }),
            } => t!(
                i18n,
                "hours-opens-on",
                day = weekday_name(i18n, (today_weekday + days_ahead as usize) % 7),
                at = at.to_string(),
            ),
        }
    }
}

/// A weekday's name; day 0 is Monday, as in `WEEKDAYS`.
pub fn weekday_name(i18n: I18n, day: usize) -> String {
    t!(i18n, "weekday-name", weekday = day + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;

    fn t(text: &str) -> MinuteOfDay {
        MinuteOfDay::parse(text).unwrap()
    }

    fn hours(opens: &str, closes: &str) -> Option<Interval> {
        Some(Interval {
            opens: t(opens),
            closes: t(closes),
        })
    }

    fn date(text: &str) -> LocalDate {
        LocalDate::parse(text).unwrap()
    }

    fn at(day: &str, weekday: usize, time: &str) -> LocalMoment {
        LocalMoment {
            date: date(day),
            weekday,
            minute: t(time),
        }
    }

    #[test]
    fn a_day_that_crosses_midnight_is_still_open_after_it() {
        // Friday 18:00 to 02:00; Saturday closed.
        let mut week = OpeningHours::default();
        week.weekly[4] = hours("18:00", "02:00");
        let friday = "2026-11-27";
        let saturday = "2026-11-28";
        assert_eq!(
            week.status(at(friday, 4, "17:59"), date("2026-11-26")),
            OpenStatus::Closed {
                opens: Some(NextOpening {
                    days_ahead: 0,
                    at: t("18:00")
                })
            }
        );
        assert_eq!(
            week.status(at(friday, 4, "23:30"), date("2026-11-26")),
            OpenStatus::Open { closes: t("02:00") }
        );
        assert_eq!(
            week.status(at(saturday, 5, "01:30"), date(friday)),
            OpenStatus::Open { closes: t("02:00") }
        );
        assert_eq!(
            week.status(at(saturday, 5, "02:00"), date(friday)),
            OpenStatus::Closed {
                opens: Some(NextOpening {
                    days_ahead: 6,
                    at: t("18:00")
                })
            }
        );
    }

    #[test]
    fn exceptions_replace_the_weekly_hours() {
        let mut week = OpeningHours::default();
        for day in 0..7 {
            week.weekly[day] = hours("09:00", "17:00");
        }
        week.exceptions.push(HoursException {
            date: date("2026-12-25"),
            hours: None,
        });
        week.exceptions.push(HoursException {
            date: date("2026-12-24"),
            hours: hours("09:00", "12:00"),
        });
        assert!(matches!(
            week.status(at("2026-12-25", 4, "10:00"), date("2026-12-24")),
            OpenStatus::Closed { .. }
        ));
        assert_eq!(
            week.status(at("2026-12-24", 3, "11:00"), date("2026-12-23")),
            OpenStatus::Open { closes: t("12:00") }
        );
        assert!(matches!(
            week.status(at("2026-12-24", 3, "13:00"), date("2026-12-23")),
            OpenStatus::Closed { .. }
        ));
    }

    #[test]
    fn overlapping_hours_are_refused() {
        let mut week = OpeningHours::default();
        week.weekly[4] = hours("18:00", "03:00");
        week.weekly[5] = hours("02:00", "10:00");
        assert_eq!(
            week.validate(),
            Err(HoursError::Overlap("Friday", "Saturday"))
        );
        week.weekly[5] = hours("03:00", "10:00");
        assert_eq!(
            week.validate(),
            Ok(()),
            "ending exactly at the next opening is fine"
        );
        week.weekly[6] = hours("12:00", "12:00");
        week.weekly[0] = hours("09:00", "17:00");
        assert_eq!(
            week.validate(),
            Err(HoursError::Overlap("Sunday", "Monday")),
            "a 24-hour Sunday runs into Monday"
        );
        let mut twice = OpeningHours::default();
        twice.exceptions = vec![
            HoursException {
                date: date("2026-12-25"),
                hours: None
            };
            2
        ];
        assert!(matches!(
            twice.validate(),
            Err(HoursError::DuplicateException(_))
        ));
    }

    #[test]
    fn statuses_read_naturally() {
        let english = I18n(Language::En);
        assert_eq!(
            OpenStatus::Open { closes: t("17:00") }.describe(0, english),
            "Open now · closes 17:00"
        );
        let opens = |days_ahead| OpenStatus::Closed {
            opens: Some(NextOpening {
                days_ahead,
                at: t("09:00"),
            }),
        };
        assert_eq!(opens(0).describe(0, english), "Closed · opens at 09:00");
        assert_eq!(
            opens(1).describe(0, english),
            "Closed · opens tomorrow 09:00"
        );
        assert_eq!(opens(2).describe(5, english), "Closed · opens Monday 09:00");
        assert_eq!(
            opens(2).describe(5, I18n(Language::Th)),
            "ปิด · เปิดวันจันทร์ 09:00"
        );
    }
}
