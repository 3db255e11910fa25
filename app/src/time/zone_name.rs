//! Time zone names as people and the IANA database write them; whether a name exists is the
//! server's question (branches/zone.rs), its shape is checked here, in the browser too.

use crate::{i18n::Text, newtype::string_newtype_conversions, text};
use serde::{Deserialize, Serialize};

/// An IANA time zone name such as "Asia/Bangkok" (its shape: letters, digits, `/_-+`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TimeZoneName(String);

impl TimeZoneName {
    pub fn parse(input: &str) -> Result<Self, TimeZoneError> {
        let name = input.trim();
        let shaped = !name.is_empty()
            && name.len() <= 64
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "/_-+".contains(c))
            && !name.starts_with('/')
            && !name.ends_with('/');
        if !shaped {
            return Err(TimeZoneError);
        }
        Ok(Self(name.to_owned()))
    }

    pub fn utc() -> Self {
        Self("UTC".to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("is not a time zone name like Asia/Bangkok")]
pub struct TimeZoneError;

impl From<TimeZoneError> for Text {
    fn from(_: TimeZoneError) -> Self {
        text!("check-zone-name")
    }
}

string_newtype_conversions!(TimeZoneName);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_zone_names_have_the_iana_shape() {
        assert!(TimeZoneName::parse("Asia/Bangkok").is_ok());
        assert!(TimeZoneName::parse("America/Argentina/Buenos_Aires").is_ok());
        assert!(TimeZoneName::parse("Etc/GMT+7").is_ok());
        assert!(TimeZoneName::parse("../../etc/passwd").is_err());
        assert!(TimeZoneName::parse("").is_err());
    }
}
