//! Branch types shared by the server and the browser.

use super::{
    geo::{CoordinateError, Coordinates},
    hours::{HoursError, HoursException, Interval, OpenStatus, OpeningHours},
};
use crate::{
    contact::{Email, Phone},
    error::FieldErrors,
    i18n::Text,
    ids::StoreId,
    newtype::string_newtype_conversions,
    time::{LocalDate, MinuteOfDay, TimeZoneName},
};
use serde::{Deserialize, Serialize};

pub use crate::ids::BranchId;

/// Trimmed text of bounded length without control characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Line(String);

impl Line {
    pub const MAX_CHARS: usize = 200;

    pub fn parse(input: &str) -> Result<Self, LineError> {
        let text = input.trim();
        if text.is_empty() {
            return Err(LineError::Empty);
        }
        if text.chars().count() > Self::MAX_CHARS {
            return Err(LineError::TooLong);
        }
        if text.chars().any(char::is_control) {
            return Err(LineError::ControlCharacter);
        }
        Ok(Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LineError {
    #[error("is required")]
    Empty,
    #[error("must be at most {} characters", Line::MAX_CHARS)]
    TooLong,
    #[error("must not contain control characters")]
    ControlCharacter,
}

impl From<LineError> for Text {
    fn from(error: LineError) -> Self {
        match error {
            LineError::Empty => crate::text!("check-required"),
            LineError::TooLong => crate::text!("check-at-most-chars", max = Line::MAX_CHARS),
            LineError::ControlCharacter => crate::text!("check-control-chars"),
        }
    }
}

/// ISO 3166-1 alpha-2, upper case ("TH").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CountryCode(String);

impl CountryCode {
    pub fn parse(input: &str) -> Result<Self, CountryError> {
        let code = input.trim().to_ascii_uppercase();
        if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(CountryError);
        }
        Ok(Self(code))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("is not a two-letter country code like TH")]
pub struct CountryError;

impl From<CountryError> for Text {
    fn from(_: CountryError) -> Self {
        crate::text!("check-country")
    }
}

string_newtype_conversions!(Line, CountryCode);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub street: Line,
    pub city: Line,
    pub postcode: String,
    pub country: CountryCode,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Branch {
    pub id: BranchId,
    pub store_id: StoreId,
    pub name: Line,
    pub address: Address,
    pub coordinates: Coordinates,
    pub time_zone: TimeZoneName,
    pub phone: Option<Phone>,
    pub email: Option<Email>,
    pub hours: OpeningHours,
}

/// The branch form as typed: every field raw text. Hours are one opens/closes pair a weekday
/// (empty for closed) and exception lines such as "2026-12-25 closed" or "2026-12-24 09:00-12:00".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BranchInput {
    pub name: String,
    pub street: String,
    pub city: String,
    pub postcode: String,
    pub country: String,
    pub latitude: String,
    pub longitude: String,
    pub time_zone: String,
    pub phone: String,
    pub email: String,
    pub opens: [String; 7],
    pub closes: [String; 7],
    pub exceptions: String,
}

/// A branch's fields, parsed (the time zone's existence is checked by the service).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BranchDraft {
    pub name: Line,
    pub address: Address,
    pub coordinates: Coordinates,
    pub time_zone: TimeZoneName,
    pub phone: Option<Phone>,
    pub email: Option<Email>,
    pub hours: OpeningHours,
}

impl BranchDraft {
    pub fn into_branch(self, id: BranchId, store_id: StoreId) -> Branch {
        Branch {
            id,
            store_id,
            name: self.name,
            address: self.address,
            coordinates: self.coordinates,
            time_zone: self.time_zone,
            phone: self.phone,
            email: self.email,
            hours: self.hours,
        }
    }
}

/// A branch as shoppers see it now: open or not on its own clock, and how far away.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BranchStatus {
    pub branch: Branch,
    pub status: OpenStatus,
    /// Today's weekday on the branch's clock (0 is Monday), for "opens Monday 09:00".
    pub weekday: usize,
    pub distance_m: Option<u32>,
}

pub const DAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

impl BranchDraft {
    pub fn parse(input: &BranchInput) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = errors.check("name", Line::parse(&input.name));
        let street = errors.check("street", Line::parse(&input.street));
        let city = errors.check("city", Line::parse(&input.city));
        let country = errors.check("country", CountryCode::parse(&input.country));
        let postcode = input.postcode.trim().to_owned();
        if postcode.chars().count() > 16 || postcode.chars().any(char::is_control) {
            errors.add("postcode", crate::text!("check-at-most-chars", max = 16));
        }
        let coordinates = match Coordinates::parse(&input.latitude, &input.longitude) {
            Ok(point) => Some(point),
            Err((lat, lon)) => {
                lat.map(|e: CoordinateError| errors.add("latitude", e));
                lon.map(|e: CoordinateError| errors.add("longitude", e));
                None
            }
        };
        let time_zone = errors.check("time_zone", TimeZoneName::parse(&input.time_zone));
        let optional = |text: &str| {
            Some(text.trim())
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
        };
        let phone = optional(&input.phone).map(|p| errors.check("phone", Phone::parse(&p)));
        let email = optional(&input.email).map(|e| errors.check("email", Email::parse(&e)));
        let hours = parse_hours(input, &mut errors);
        match (name, street, city, country, coordinates, time_zone, hours) {
            (
                Some(name),
                Some(street),
                Some(city),
                Some(country),
                Some(coordinates),
                Some(time_zone),
                Some(hours),
            ) if errors.is_empty() => Ok(Self {
                name,
                address: Address {
                    street,
                    city,
                    postcode,
                    country,
                },
                coordinates,
                time_zone,
                phone: phone.flatten(),
                email: email.flatten(),
                hours,
            }),
            _ => Err(errors),
        }
    }
}

fn parse_hours(input: &BranchInput, errors: &mut FieldErrors) -> Option<OpeningHours> {
    let mut hours = OpeningHours::default();
    let mut ok = true;
    for (day, key) in DAY_KEYS.iter().enumerate() {
        let (opens, closes) = (input.opens[day].trim(), input.closes[day].trim());
        match (opens.is_empty(), closes.is_empty()) {
            (true, true) => {}
            (false, false) => match (MinuteOfDay::parse(opens), MinuteOfDay::parse(closes)) {
                (Ok(opens), Ok(closes)) => hours.weekly[day] = Some(Interval { opens, closes }),
                (Err(e), _) | (_, Err(e)) => {
                    errors.add(&format!("hours_{key}"), e);
                    ok = false;
                }
            },
            _ => {
                errors.add(&format!("hours_{key}"), crate::text!("check-hours-both"));
                ok = false;
            }
        }
    }
    for (number, line) in input
        .exceptions
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        match parse_exception(line) {
            Ok(exception) => hours.exceptions.push(exception),
            Err(error) => {
                errors.add(
                    "exceptions",
                    crate::text!("check-line", line = number + 1).with("problem", error),
                );
                ok = false;
            }
        }
    }
    if ok {
        if let Err(error) = hours.validate() {
            let field = if matches!(error, HoursError::DuplicateException(_)) {
                "exceptions"
            } else {
                "hours"
            };
            errors.add(field, error);
            ok = false;
        }
    }
    ok.then_some(hours)
}

/// "2026-12-25 closed" or "2026-12-24 09:00-12:00".
fn parse_exception(line: &str) -> Result<HoursException, Text> {
    let mut words = line.split_whitespace();
    let date = LocalDate::parse(words.next().unwrap_or_default())?;
    let rest: Vec<&str> = words.collect();
    let hours = match rest.as_slice() {
        ["closed"] | ["Closed"] => None,
        [range] => {
            let (opens, closes) = range
                .split_once('-')
                .ok_or_else(|| crate::text!("check-hours-shape"))?;
            let opens = MinuteOfDay::parse(opens)?;
            let closes = MinuteOfDay::parse(closes)?;
            Some(Interval { opens, closes })
        }
        _ => return Err(crate::text!("check-hours-shape")),
    };
    Ok(HoursException { date, hours })
}

/// Exceptions back to the editor's text form.
pub fn exceptions_text(hours: &OpeningHours) -> String {
    hours
        .exceptions
        .iter()
        .map(|e| match e.hours {
            Some(interval) => format!("{} {}-{}", e.date, interval.opens, interval.closes),
            None => format!("{} closed", e.date),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;

    pub fn sample_input() -> BranchInput {
        let mut input = BranchInput {
            name: "Kanom Siam".into(),
            street: "991 Rama I Rd".into(),
            city: "Bangkok".into(),
            postcode: "10330".into(),
            country: "th".into(),
            latitude: "13.7462".into(),
            longitude: "100.5347".into(),
            time_zone: "Asia/Bangkok".into(),
            phone: "+66 2 123 4567".into(),
            email: "siam@kanom.example".into(),
            exceptions: "2026-12-31 10:00-14:00\n\n2027-01-01 closed".into(),
            ..BranchInput::default()
        };
        for day in 0..6 {
            input.opens[day] = "08:00".into();
            input.closes[day] = "20:00".into();
        }
        input
    }

    #[test]
    fn a_complete_form_parses() {
        let draft = BranchDraft::parse(&sample_input()).unwrap();
        assert_eq!(draft.address.country, CountryCode::parse("TH").unwrap());
        assert_eq!(draft.hours.weekly.iter().filter(|d| d.is_some()).count(), 6);
        assert_eq!(draft.hours.exceptions.len(), 2);
        assert_eq!(
            exceptions_text(&draft.hours),
            "2026-12-31 10:00-14:00\n2027-01-01 closed"
        );
    }

    #[test]
    fn every_bad_field_is_reported() {
        let mut input = sample_input();
        input.name = " ".into();
        input.latitude = "91".into();
        input.longitude = "east".into();
        input.phone = "call me".into();
        input.email = "nope".into();
        input.country = "Thailand".into();
        input.opens[0] = "25:00".into();
        input.closes[1] = String::new();
        input.exceptions = "2026-02-30 closed".into();
        let errors = BranchDraft::parse(&input).unwrap_err();
        for field in [
            "name",
            "latitude",
            "longitude",
            "phone",
            "email",
            "country",
            "hours_mon",
            "hours_tue",
            "exceptions",
        ] {
            assert!(errors.for_field(field).is_some(), "{field}");
        }
    }

    #[test]
    fn overlapping_hours_are_a_form_error() {
        let mut input = sample_input();
        input.opens[4] = "18:00".into();
        input.closes[4] = "03:00".into();
        input.opens[5] = "02:00".into();
        let errors = BranchDraft::parse(&input).unwrap_err();
        assert_eq!(
            errors
                .for_field("hours")
                .map(|t| t.in_language(Language::En)),
            Some("Friday's hours run into Saturday's".to_owned())
        );
    }
}
