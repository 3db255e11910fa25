//! Identity types shared by the server and the browser: accounts, the acting principal, and the
//! parsed inputs of the account forms.

use super::rules::{PasswordPolicyError, check_password_policy};
use crate::{
    contact::{Email, MobileNumber},
    error::FieldErrors,
    i18n::Language,
    newtype::string_newtype_conversions,
    time::{TimeZoneName, Timestamp},
};
use serde::{Deserialize, Serialize};
use std::fmt;

pub use crate::ids::UserId;

/// The name shown to store staff and in the header: 1 to 60 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DisplayName(String);

impl DisplayName {
    pub const MAX_CHARS: usize = 60;

    pub fn parse(input: &str) -> Result<Self, DisplayNameError> {
        let name = input.trim();
        if name.is_empty() {
            return Err(DisplayNameError::Empty);
        }
        if name.chars().count() > Self::MAX_CHARS {
            return Err(DisplayNameError::TooLong);
        }
        if name.chars().any(char::is_control) {
            return Err(DisplayNameError::ControlCharacter);
        }
        Ok(Self(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DisplayNameError {
    #[error("is required")]
    Empty,
    #[error("must be at most {} characters", DisplayName::MAX_CHARS)]
    TooLong,
    #[error("must not contain control characters")]
    ControlCharacter,
}

impl From<DisplayNameError> for crate::i18n::Text {
    fn from(error: DisplayNameError) -> Self {
        match error {
            DisplayNameError::Empty => crate::text!("check-required"),
            DisplayNameError::TooLong => {
                crate::text!("check-at-most-chars", max = DisplayName::MAX_CHARS)
            }
            DisplayNameError::ControlCharacter => crate::text!("check-control-chars"),
        }
    }
}

/// A password that passed the policy. Never serialised, never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub fn parse(input: &str, email: Option<&Email>) -> Result<Self, PasswordPolicyError> {
        check_password_policy(input, email)?;
        Ok(Self(input.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(redacted)")
    }
}

string_newtype_conversions!(DisplayName);

/// Which channels a person wants notifications on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationChannels {
    pub email: bool,
    pub sms: bool,
    pub push: bool,
}

impl Default for NotificationChannels {
    fn default() -> Self {
        Self {
            email: true,
            sms: false,
            push: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preferences {
    pub language: Language,
    pub time_zone: TimeZoneName,
    pub channels: NotificationChannels,
    /// Where texts go, when `channels.sms` is on.
    pub mobile: Option<MobileNumber>,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            language: Language::En,
            time_zone: TimeZoneName::utc(),
            channels: NotificationChannels::default(),
            mobile: None,
        }
    }
}

/// An account as its owner (and the platform admin) sees it. Never carries the password hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: UserId,
    pub email: Email,
    pub display_name: DisplayName,
    pub email_verified: bool,
    pub is_platform_admin: bool,
    pub preferences: Preferences,
    pub created_at: Timestamp,
}

/// One of a person's signed-in sessions, as the profile lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSummary {
    /// A short, non-secret handle: the first characters of the id's hash.
    pub handle: String,
    pub created_at: Timestamp,
    pub last_seen_at: Timestamp,
    pub user_agent: String,
    pub current: bool,
}

/// Who is acting. Every service method takes one and decides there what it may do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Principal {
    Anonymous,
    User {
        id: UserId,
        is_platform_admin: bool,
        /// Whether the account's email address is confirmed; drops may require it to book.
        email_verified: bool,
    },
}

impl Principal {
    pub fn user_id(&self) -> Option<UserId> {
        match self {
            Principal::Anonymous => None,
            Principal::User { id, .. } => Some(*id),
        }
    }

    pub fn email_verified(&self) -> bool {
        matches!(
            self,
            Principal::User {
                email_verified: true,
                ..
            }
        )
    }

    pub fn is_platform_admin(&self) -> bool {
        matches!(
            self,
            Principal::User {
                is_platform_admin: true,
                ..
            }
        )
    }
}

/// The registration form, parsed: every field checked, every problem reported at once.
#[derive(Debug, Clone)]
pub struct Registration {
    pub email: Email,
    pub display_name: DisplayName,
    pub password: Password,
    /// The profile's first language: the one the person signed up in.
    pub language: Language,
}

impl Registration {
    pub fn parse(email: &str, display_name: &str, password: &str) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let email = errors.check("email", Email::parse(email));
        let display_name = errors.check("display_name", DisplayName::parse(display_name));
        let password = errors.check("password", Password::parse(password, email.as_ref()));
        match (email, display_name, password) {
            (Some(email), Some(display_name), Some(password)) => Ok(Self {
                email,
                display_name,
                password,
                language: Language::default(),
            }),
            _ => Err(errors),
        }
    }

    pub fn speaking(self, language: Language) -> Self {
        Self { language, ..self }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn display_names_are_bounded() {
        assert_eq!(DisplayName::parse("  Ann  ").unwrap().as_str(), "Ann");
        assert_eq!(DisplayName::parse("   "), Err(DisplayNameError::Empty));
        assert_eq!(
            DisplayName::parse(&"n".repeat(61)),
            Err(DisplayNameError::TooLong)
        );
    }

    #[test]
    fn registration_reports_every_field() {
        let errors = Registration::parse("nope", "", "short").unwrap_err();
        assert!(errors.for_field("email").is_some());
        assert!(errors.for_field("display_name").is_some());
        assert!(errors.for_field("password").is_some());
        assert!(Registration::parse("ann@example.com", "Ann", "violet-harbour-42").is_ok());
    }

    #[test]
    fn passwords_never_print() {
        let password = Password::parse("violet-harbour-42", None).unwrap();
        assert!(!format!("{password:?}").contains("violet"));
    }

    proptest! {
        #[test]
        fn parsed_emails_are_fixed_points(input in "[A-Za-z0-9._%+-]{1,20}@[A-Za-z0-9-]{1,10}\\.[A-Za-z]{2,6}") {
            if let Ok(email) = Email::parse(&input) {
                prop_assert_eq!(Email::parse(email.as_str()), Ok(email.clone()));
                prop_assert_eq!(email.as_str(), email.as_str().to_lowercase());
            }
        }
    }
}
