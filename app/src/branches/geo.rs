//! Coordinates and distances. Stored as integer micro-degrees (exact, portable); distance is
//! computed with the haversine formula, which is plenty for "which branch is nearest".

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Coordinates {
    lat_e6: i32,
    lon_e6: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CoordinateError {
    #[error("is not a number of degrees like 13.7563")]
    Shape,
    #[error("must be between -90 and 90")]
    Latitude,
    #[error("must be between -180 and 180")]
    Longitude,
}

impl From<CoordinateError> for crate::i18n::Text {
    fn from(error: CoordinateError) -> Self {
        match error {
            CoordinateError::Shape => crate::text!("check-degrees"),
            CoordinateError::Latitude => crate::text!("check-latitude"),
            CoordinateError::Longitude => crate::text!("check-longitude"),
        }
    }
}

/// Decimal degrees as text to micro-degrees, digit by digit (extra precision is rounded away).
fn micro_degrees(text: &str) -> Result<i64, CoordinateError> {
    let text = text.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let valid = !whole.is_empty()
        && whole.len() <= 3
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit());
    if !valid || (digits.contains('.') && fraction.is_empty()) {
        return Err(CoordinateError::Shape);
    }
    let whole: i64 = whole.parse().map_err(|_| CoordinateError::Shape)?;
    let mut micro = 0i64;
    for (i, digit) in fraction
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(7)
        .enumerate()
    {
        let value = i64::from(digit - b'0');
        if i < 6 {
            micro = micro * 10 + value;
        } else if value >= 5 {
            micro += 1;
        }
    }
    let value = whole * 1_000_000 + micro;
    Ok(if negative { -value } else { value })
}

impl Coordinates {
    pub fn parse(
        latitude: &str,
        longitude: &str,
    ) -> Result<Self, (Option<CoordinateError>, Option<CoordinateError>)> {
        let lat = micro_degrees(latitude).and_then(|v| {
            if v.abs() <= 90_000_000 {
                Ok(v)
            } else {
                Err(CoordinateError::Latitude)
            }
        });
        let lon = micro_degrees(longitude).and_then(|v| {
            if v.abs() <= 180_000_000 {
                Ok(v)
            } else {
                Err(CoordinateError::Longitude)
            }
        });
        match (lat, lon) {
            (Ok(lat), Ok(lon)) => Ok(Self {
                lat_e6: lat as i32,
                lon_e6: lon as i32,
            }),
            (lat, lon) => Err((lat.err(), lon.err())),
        }
    }

    pub fn from_micro_degrees(lat_e6: i32, lon_e6: i32) -> Option<Self> {
        (lat_e6.abs() <= 90_000_000 && lon_e6.abs() <= 180_000_000)
            .then_some(Self { lat_e6, lon_e6 })
    }

    pub fn lat_e6(self) -> i32 {
        self.lat_e6
    }

    pub fn lon_e6(self) -> i32 {
        self.lon_e6
    }

    /// "13.756300" style, for form fields and links.
    pub fn latitude_text(self) -> String {
        degrees_text(self.lat_e6)
    }

    pub fn longitude_text(self) -> String {
        degrees_text(self.lon_e6)
    }

    /// Great-circle distance in metres.
    pub fn distance_m(self, other: Coordinates) -> u32 {
        const EARTH_RADIUS_M: f64 = 6_371_000.0;
        let rad = |micro: i32| (f64::from(micro) / 1e6).to_radians();
        let (lat1, lat2) = (rad(self.lat_e6), rad(other.lat_e6));
        let d_lat = lat2 - lat1;
        let d_lon = rad(other.lon_e6) - rad(self.lon_e6);
        let a = (d_lat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (d_lon / 2.0).sin().powi(2);
        (2.0 * EARTH_RADIUS_M * a.sqrt().asin()).round() as u32
    }
}

fn degrees_text(micro: i32) -> String {
    let sign = if micro < 0 { "-" } else { "" };
    let micro = micro.unsigned_abs();
    format!("{sign}{}.{:06}", micro / 1_000_000, micro % 1_000_000)
}

/// "850 m", "12.4 km".
pub fn describe_distance(metres: u32) -> String {
    if metres < 1000 {
        format!("{metres} m")
    } else {
        format!("{}.{} km", metres / 1000, (metres % 1000) / 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn coordinates_are_parsed_and_bounded() {
        let bangkok = Coordinates::parse("13.7563", "100.5018").unwrap();
        assert_eq!(
            (bangkok.lat_e6(), bangkok.lon_e6()),
            (13_756_300, 100_501_800)
        );
        assert_eq!(
            Coordinates::parse("-33.8688", "151.2093")
                .unwrap()
                .latitude_text(),
            "-33.868800"
        );
        assert_eq!(
            Coordinates::parse("91", "0"),
            Err((Some(CoordinateError::Latitude), None))
        );
        assert_eq!(
            Coordinates::parse("0", "-180.5"),
            Err((None, Some(CoordinateError::Longitude)))
        );
        assert_eq!(
            Coordinates::parse("north", "1e3").unwrap_err(),
            (Some(CoordinateError::Shape), Some(CoordinateError::Shape))
        );
        assert_eq!(
            Coordinates::parse("1.23456789", "0").unwrap().lat_e6(),
            1_234_568,
            "rounded to a micro-degree"
        );
    }

    #[test]
    fn distances_are_right_to_the_metre_scale() {
        let siam = Coordinates::parse("13.7462", "100.5347").unwrap();
        let asok = Coordinates::parse("13.7370", "100.5603").unwrap();
        let km = siam.distance_m(asok);
        assert!((2_900..3_000).contains(&km), "{km}");
        assert_eq!(siam.distance_m(siam), 0);
        assert_eq!(describe_distance(850), "850 m");
        assert_eq!(describe_distance(12_450), "12.4 km");
    }

    proptest! {
        #[test]
        fn text_round_trips(lat in -90_000_000i32..=90_000_000, lon in -180_000_000i32..=180_000_000) {
            let point = Coordinates::from_micro_degrees(lat, lon).unwrap();
            prop_assert_eq!(Coordinates::parse(&point.latitude_text(), &point.longitude_text()), Ok(point));
        }
    }
}
