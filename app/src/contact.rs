//! How people are reached, in the shared kernel: email addresses (accounts, store contacts, staff
//! invitations) and phone numbers (stores, branches, SMS).

use crate::{case::lowercase, i18n::Text, newtype::string_newtype_conversions, text};
use serde::{Deserialize, Serialize};

/// An email address, normalised (trimmed, lowercased) so that one mailbox is one account.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    pub const MAX_LEN: usize = 254;

    pub fn parse(input: &str) -> Result<Self, EmailError> {
        let email = lowercase(input.trim());
        if email.len() > Self::MAX_LEN {
            return Err(EmailError::TooLong);
        }
        let (local, domain) = email.rsplit_once('@').ok_or(EmailError::Shape)?;
        let domain_ok = domain.len() >= 3
            && domain.contains('.')
            && domain.split('.').all(|label| {
                !label.is_empty()
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_alphanumeric() || c == '-')
            });
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.contains('@')
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| !c.is_whitespace() && !c.is_control() && !"<>()[]\\,;:\"".contains(c));
        if !(local_ok && domain_ok) {
            return Err(EmailError::Shape);
        }
        Ok(Self(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn local_part(&self) -> &str {
        self.0.rsplit_once('@').map_or(&self.0, |(local, _)| local)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("must be at most {} characters", Email::MAX_LEN)]
    TooLong,
    #[error("is not an email address like name@example.com")]
    Shape,
}

impl From<EmailError> for Text {
    fn from(error: EmailError) -> Self {
        match error {
            EmailError::TooLong => text!("check-at-most-chars", max = Email::MAX_LEN),
            EmailError::Shape => text!("check-email"),
        }
    }
}

/// A phone number as people write it: digits with an optional leading +, spaces and hyphens.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

impl Phone {
    pub fn parse(input: &str) -> Result<Self, PhoneError> {
        let text = input.trim();
        let digits = text.chars().filter(char::is_ascii_digit).count();
        let allowed = text
            .chars()
            .enumerate()
            .all(|(i, c)| c.is_ascii_digit() || c == ' ' || c == '-' || (c == '+' && i == 0));
        if !allowed || !(6..=15).contains(&digits) || text.len() > 24 {
            return Err(PhoneError);
        }
        Ok(Self(text.to_owned()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("is not a phone number like +66 2 123 4567")]
pub struct PhoneError;

impl From<PhoneError> for Text {
    fn from(_: PhoneError) -> Self {
        text!("check-phone")
    }
}

/// A mobile number in E.164, the form SMS providers take: "+66812345678" (a plus, the country
/// code, at most 15 digits). Spaces, hyphens, dots and brackets people type are dropped.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MobileNumber(String);

impl MobileNumber {
    pub fn parse(input: &str) -> Result<Self, MobileNumberError> {
        let kept: String = input
            .trim()
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
            .collect();
        let digits = kept.strip_prefix('+').ok_or(MobileNumberError)?;
        let shaped = (8..=15).contains(&digits.len())
            && digits.chars().all(|c| c.is_ascii_digit())
            && !digits.starts_with('0');
        if shaped {
            Ok(Self(kept))
        } else {
            Err(MobileNumberError)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("is not a mobile number with its country code, like +66 81 234 5678")]
pub struct MobileNumberError;

impl From<MobileNumberError> for Text {
    fn from(_: MobileNumberError) -> Self {
        text!("check-mobile")
    }
}

string_newtype_conversions!(Email, Phone, MobileNumber);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised() {
        assert_eq!(
            Email::parse("  Ann.Lee@Example.COM ").unwrap().as_str(),
            "ann.lee@example.com"
        );
        assert_eq!(Email::parse("ann@ex.co").unwrap().local_part(), "ann");
    }

    #[test]
    fn malformed_emails_are_refused() {
        for bad in [
            "",
            "ann",
            "ann@",
            "@example.com",
            "ann@example",
            "ann lee@example.com",
            "ann@@example.com",
            "ann@exa mple.com",
            ".ann@example.com",
            "ann..lee@example.com",
            "ann@-example.com",
            "<a>@example.com",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
        assert_eq!(
            Email::parse(&format!("{}@example.com", "a".repeat(250))),
            Err(EmailError::TooLong)
        );
    }

    #[test]
    fn mobile_numbers_are_kept_in_e164() {
        assert_eq!(
            MobileNumber::parse(" +66 81-234 5678 ").unwrap().as_str(),
            "+66812345678"
        );
        assert_eq!(
            MobileNumber::parse("+1 (415) 555.2671").unwrap().as_str(),
            "+14155552671"
        );
        for bad in [
            "081 234 5678",
            "+0812345678",
            "+66 81 234",
            "+66812345678901234",
            "+66 8l 234 5678",
            "++66812345678",
        ] {
            assert_eq!(MobileNumber::parse(bad), Err(MobileNumberError), "{bad:?}");
        }
    }

    #[test]
    fn phone_numbers_are_digits_with_separators() {
        assert!(Phone::parse("+66 2 123 4567").is_ok());
        assert!(Phone::parse("02-123-4567").is_ok());
        for bad in [
            "",
            "12345",
            "+66 2 123 4567 ext 9",
            "66+2123456",
            "0".repeat(16).as_str(),
        ] {
            assert_eq!(Phone::parse(bad), Err(PhoneError), "{bad:?}");
        }
    }
}
