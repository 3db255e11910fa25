//! Time in the shared kernel: instants as milliseconds since the Unix epoch (one portable INTEGER
//! column on both engines), wall-clock values on a local calendar, and time zone names.

mod calendar;
mod zone_name;

pub use calendar::{
    LocalDate, LocalDateTime, LocalSpan, MinuteOfDay, NotADate, NotADateTime, NotATime,
    days_between,
};
pub use zone_name::{TimeZoneError, TimeZoneName};

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(i64);

impl Timestamp {
    pub const fn from_millis(millis: i64) -> Self {
        Self(millis)
    }

    pub const fn as_millis(self) -> i64 {
        self.0
    }

    #[cfg(feature = "ssr")]
    pub fn now() -> Self {
        let since_epoch = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        Self(i64::try_from(since_epoch.as_millis()).unwrap_or(i64::MAX))
    }
}

/// "2026-11-25 14:05 UTC": a plain, unambiguous instant until pages format per zone and locale.
pub fn utc_minute(at: Timestamp) -> String {
    match time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(at.as_millis()) * 1_000_000) {
        Ok(t) => format!(
            "{:04}-{:02}-{:02} {:02}:{:02} UTC",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute()
        ),
        Err(_) => "an unknown time".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_print_as_utc_minutes() {
        assert_eq!(
            utc_minute(Timestamp::from_millis(0)),
            "1970-01-01 00:00 UTC"
        );
        assert_eq!(
            utc_minute(Timestamp::from_millis(1_795_572_765_740)),
            "2026-11-25 02:12 UTC"
        );
        assert_eq!(
            utc_minute(Timestamp::from_millis(951_782_400_000)),
            "2000-02-29 00:00 UTC"
        );
    }
}
