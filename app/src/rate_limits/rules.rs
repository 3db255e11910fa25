//! The pure rules: which subject a request counts against, fixed windows, and when a counted key
//! is worth sharing with the other instances.

use crate::ids::UserId;
use serde::Deserialize;
use std::net::{IpAddr, Ipv6Addr};

/// What a request does, as far as limits go. `Any` is every request; the others add a stricter
/// limit of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Any,
    SignIn,
    Register,
    PasswordReset,
    Token,
    Booking,
    Waitlist,
}

impl Action {
    pub const COUNT: usize = 7;
    pub const ALL: [Action; Self::COUNT] = [
        Action::Any,
        Action::SignIn,
        Action::Register,
        Action::PasswordReset,
        Action::Token,
        Action::Booking,
        Action::Waitlist,
    ];

    /// The actions guarding accounts, with limits of a few dozen: every count is shared.
    pub fn is_strict(self) -> bool {
        matches!(
            self,
            Action::SignIn | Action::Register | Action::PasswordReset | Action::Token
        )
    }

    /// Its place in `ALL`, for per-action arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn name(self) -> &'static str {
        match self {
            Action::Any => "any",
            Action::SignIn => "sign_in",
            Action::Register => "register",
            Action::PasswordReset => "password_reset",
            Action::Token => "token",
            Action::Booking => "booking",
            Action::Waitlist => "waitlist",
        }
    }
}

/// At most `per_address` requests from one client address and `per_account` from one account
/// in each window of `per_secs` seconds; a missing bound is not limited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limit {
    pub per_address: Option<u32>,
    pub per_account: Option<u32>,
    pub per_secs: u32,
}

impl Limit {
    pub fn bound(&self, subject: &Subject) -> Option<u32> {
        match subject {
            Subject::Address(_) => self.per_address,
            Subject::Account(_) => self.per_account,
        }
    }

    pub fn window_ms(&self) -> i64 {
        i64::from(self.per_secs.max(1)) * 1000
    }
}

/// Who a request counts against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Subject {
    Address(IpAddr),
    Account(UserId),
}

impl Subject {
    /// A client address, counted by its network (`network_of`).
    pub fn address(ip: IpAddr) -> Self {
        Subject::Address(network_of(ip))
    }

    /// The key of the shared row: action, kind and subject.
    pub fn key(&self, action: Action) -> String {
        match self {
            Subject::Address(ip) => format!("{}:a:{ip}", action.name()),
            Subject::Account(user) => format!("{}:u:{user}", action.name()),
        }
    }
}

/// The network a client address stands for: an IPv6 address's /64, which one household or
/// phone is usually given whole; an IPv4 address (mapped into IPv6 or not) itself.
pub fn network_of(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(Ipv6Addr::from(u128::from(v6) & !((1u128 << 64) - 1))),
        },
    }
}

/// The start of the fixed window `now_ms` falls in.
pub fn window_start(now_ms: i64, window_ms: i64) -> i64 {
    now_ms - now_ms.rem_euclid(window_ms)
}

/// Whole seconds until the window ends, at least one: the `Retry-After` of a refusal.
pub fn retry_after_secs(now_ms: i64, start_ms: i64, window_ms: i64) -> u64 {
    let left = (start_ms + window_ms - now_ms).max(0);
    u64::try_from((left + 999) / 1000).unwrap_or(1).max(1)
}

/// One key's count in one process: what it admitted since its last sync (`pending`) and the
/// total of all instances as the last sync read it (`shared`, which includes this process's
/// earlier counts).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Bucket {
    pub window_start: i64,
    pub pending: u32,
    pub shared: u32,
}

impl Bucket {
    /// Counts one request if the window has room for it; a new window starts empty.
    pub fn admit(&mut self, window_start: i64, bound: u32) -> bool {
        if self.window_start != window_start {
            *self = Bucket {
                window_start,
                ..Bucket::default()
            };
        }
        if self.shared.saturating_add(self.pending) >= bound {
            return false;
        }
        self.pending += 1;
        true
    }

    /// Worth sharing: it has reached a quarter of its bound, the point from which other
    /// instances' counts could matter, and has room left that their counts could use up (or a
    /// count of its own to add).
    pub fn needs_sync(&self, bound: u32) -> bool {
        let seen = self.shared.saturating_add(self.pending);
        seen.saturating_mul(4) >= bound && (self.pending > 0 || seen < bound)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_clients_count_by_their_64_and_mapped_ipv4_as_itself() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff::9".parse().unwrap();
        let other: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(Subject::address(a), Subject::address(b));
        assert_ne!(Subject::address(a), Subject::address(other));
        let mapped: IpAddr = "::ffff:203.0.113.9".parse().unwrap();
        assert_eq!(
            Subject::address(mapped),
            Subject::address("203.0.113.9".parse().unwrap())
        );
        assert_eq!(
            Subject::address(a).key(Action::SignIn),
            "sign_in:a:2001:db8:1:2::"
        );
    }

    #[test]
    fn a_bucket_admits_its_bound_per_window_then_starts_again() {
        let mut bucket = Bucket::default();
        assert!((0..3).all(|_| bucket.admit(60_000, 3)));
        assert!(!bucket.admit(60_000, 3));
        assert!(bucket.admit(120_000, 3), "a new window");
        assert_eq!(bucket.pending, 1);
    }

    #[test]
    fn what_other_instances_counted_uses_up_the_room() {
        let mut bucket = Bucket {
            window_start: 0,
            pending: 0,
            shared: 9,
        };
        assert!(bucket.admit(0, 10));
        assert!(!bucket.admit(0, 10));
    }

    #[test]
    fn only_keys_near_their_bound_are_shared() {
        let quiet = Bucket {
            window_start: 0,
            pending: 2,
            shared: 0,
        };
        assert!(!quiet.needs_sync(20));
        let busy = Bucket {
            pending: 5,
            ..quiet
        };
        assert!(busy.needs_sync(20));
        let used_up = Bucket {
            window_start: 0,
            pending: 0,
            shared: 20,
        };
        assert!(!used_up.needs_sync(20), "nothing to add, no room to lose");
        assert!(
            Bucket {
                shared: 19,
                ..used_up
            }
            .needs_sync(20),
            "other instances may have used the last place"
        );
    }

    #[test]
    fn actions_index_their_place() {
        for (index, action) in Action::ALL.into_iter().enumerate() {
            assert_eq!(action.index(), index);
        }
    }

    #[test]
    fn windows_are_fixed_and_retry_after_rounds_up() {
        assert_eq!(window_start(61_500, 60_000), 60_000);
        assert_eq!(retry_after_secs(61_500, 60_000, 60_000), 59);
        assert_eq!(retry_after_secs(119_999, 60_000, 60_000), 1);
    }
}
