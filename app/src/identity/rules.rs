//! Pure identity rules: the password policy and the throttling windows.

use crate::contact::Email;
use crate::time::Timestamp;

pub const PASSWORD_MIN_CHARS: usize = 10;
pub const PASSWORD_MAX_CHARS: usize = 128;

/// A small list of the most common passwords, shipped with the app (one per line).
const COMMON_PASSWORDS: &str = include_str!("common-passwords.txt");

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordPolicyError {
    #[error("must be at least {PASSWORD_MIN_CHARS} characters")]
    TooShort,
    #[error("must be at most {PASSWORD_MAX_CHARS} characters")]
    TooLong,
    #[error("must not contain your email address")]
    ContainsEmail,
    #[error("is one of the most common passwords; choose another")]
    Common,
}

impl From<PasswordPolicyError> for crate::i18n::Text {
    fn from(error: PasswordPolicyError) -> Self {
        match error {
            PasswordPolicyError::TooShort => {
                crate::text!("check-at-least-chars", min = PASSWORD_MIN_CHARS)
            }
            PasswordPolicyError::TooLong => {
                crate::text!("check-at-most-chars", max = PASSWORD_MAX_CHARS)
            }
            PasswordPolicyError::ContainsEmail => crate::text!("check-password-email"),
            PasswordPolicyError::Common => crate::text!("check-password-common"),
        }
    }
}

/// Length, not the email, not a common password (NIST SP 800-63B's advice, without composition
/// rules).
pub fn check_password_policy(
    password: &str,
    email: Option<&Email>,
) -> Result<(), PasswordPolicyError> {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        return Err(PasswordPolicyError::TooShort);
    }
    if chars > PASSWORD_MAX_CHARS {
        return Err(PasswordPolicyError::TooLong);
    }
    let lowered = password.to_lowercase();
    if let Some(email) = email {
        let local = email.local_part();
        if lowered.contains(email.as_str())
            || (local.chars().count() >= 4 && lowered.contains(local))
        {
            return Err(PasswordPolicyError::ContainsEmail);
        }
    }
    if COMMON_PASSWORDS.lines().any(|common| common == lowered) {
        return Err(PasswordPolicyError::Common);
    }
    Ok(())
}

/// How many failed sign-ins a key (an account or an address) may have within a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleLimit {
    pub failures: usize,
    pub window_ms: i64,
}

impl ThrottleLimit {
    pub const PER_ACCOUNT: Self = Self {
        failures: 5,
        window_ms: 15 * 60 * 1000,
    };
    pub const PER_ADDRESS: Self = Self {
        failures: 20,
        window_ms: 15 * 60 * 1000,
    };

    /// When sign-in may be tried again, if the failures (oldest first, all inside the window
    /// ending at `now`) have used the allowance up.
    pub fn retry_at(self, failures: &[Timestamp], now: Timestamp) -> Option<Timestamp> {
        let recent: Vec<_> = failures
            .iter()
            .filter(|at| at.as_millis() > now.as_millis() - self.window_ms)
            .collect();
        if recent.len() < self.failures {
            return None;
        }
        // The allowance frees up when the failure that exhausted it leaves the window.
        let pivot = recent[recent.len() - self.failures];
        Some(Timestamp::from_millis(pivot.as_millis() + self.window_ms))
    }
}

/// "N minutes", rounded up, for the throttling message.
pub fn minutes_until(later: Timestamp, now: Timestamp) -> i64 {
    ((later.as_millis() - now.as_millis()).max(0) + 59_999) / 60_000
}

/// A person-readable summary of a User-Agent header, such as "Chrome on Android".
pub fn describe_user_agent(user_agent: &str) -> String {
    const BROWSERS: [(&str, &str); 7] = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("SamsungBrowser/", "Samsung Internet"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Chromium/", "Chromium"),
        ("Safari/", "Safari"),
    ];
    const SYSTEMS: [(&str, &str); 6] = [
        ("Android", "Android"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
    ];
    let browser = BROWSERS
        .iter()
        .find(|(marker, _)| user_agent.contains(marker))
        .map(|(_, name)| *name);
    let system = SYSTEMS
        .iter()
        .find(|(marker, _)| user_agent.contains(marker))
        .map(|(_, name)| *name);
    match (browser, system) {
        (Some(browser), Some(system)) => format!("{browser} on {system}"),
        (Some(name), None) | (None, Some(name)) => name.to_owned(),
        (None, None) if user_agent.trim().is_empty() => "Unknown browser".to_owned(),
        (None, None) => user_agent.chars().take(40).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_agents_read_like_devices() {
        let android = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36";
        assert_eq!(describe_user_agent(android), "Chrome on Android");
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
        assert_eq!(describe_user_agent(iphone), "Safari on iPhone");
        let edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0";
        assert_eq!(describe_user_agent(edge), "Edge on Windows");
        assert_eq!(describe_user_agent(""), "Unknown browser");
        assert_eq!(describe_user_agent("curl/8.5.0"), "curl/8.5.0");
    }

    fn at(minute: i64) -> Timestamp {
        Timestamp::from_millis(minute * 60_000)
    }

    #[test]
    fn throttling_locks_after_the_limit_and_frees_with_the_window() {
        let limit = ThrottleLimit {
            failures: 3,
            window_ms: 15 * 60_000,
        };
        assert_eq!(limit.retry_at(&[at(0), at(1)], at(2)), None);
        assert_eq!(limit.retry_at(&[at(0), at(1), at(2)], at(3)), Some(at(15)));
        assert_eq!(
            limit.retry_at(&[at(0), at(1), at(2)], at(16)),
            None,
            "the oldest left the window"
        );
        assert_eq!(
            limit.retry_at(&[at(0), at(1), at(2), at(10)], at(11)),
            Some(at(16))
        );
        assert_eq!(
            minutes_until(at(15), Timestamp::from_millis(3 * 60_000 + 1)),
            12
        );
    }

    #[test]
    fn policy_explains_each_refusal() {
        let email = Email::parse("somchai@example.com").unwrap();
        assert_eq!(
            check_password_policy("short", None),
            Err(PasswordPolicyError::TooShort)
        );
        assert_eq!(
            check_password_policy(&"x".repeat(129), None),
            Err(PasswordPolicyError::TooLong)
        );
        assert_eq!(
            check_password_policy("Somchai-2026!", Some(&email)),
            Err(PasswordPolicyError::ContainsEmail)
        );
        assert_eq!(
            check_password_policy("Password123", None),
            Err(PasswordPolicyError::Common)
        );
        assert_eq!(
            check_password_policy("qwertyuiop", None),
            Err(PasswordPolicyError::Common)
        );
        assert_eq!(
            check_password_policy("violet-harbour-42", Some(&email)),
            Ok(())
        );
    }

    #[test]
    fn the_common_list_is_lowercase_and_long_enough_to_matter() {
        let entries: Vec<_> = COMMON_PASSWORDS.lines().collect();
        assert!(entries.len() >= 100);
        assert!(
            entries
                .iter()
                .all(|p| *p == p.to_lowercase() && !p.is_empty())
        );
    }
}
