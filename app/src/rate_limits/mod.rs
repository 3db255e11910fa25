//! Rate limits per client address (IPv6 by its /64) and per account, for every request and more
//! strictly for the actions scripts abuse: sign-in, registration, password reset, API tokens,
//! booking and waitlist joins.
//!
//! Counting happens in each process, so checking a request costs no database round trip. Across
//! instances the counts meet in one table: every `SYNC_INTERVAL` an instance adds what it
//! counted to the shared row of each busy key and reads back the total of all instances. A key
//! far below its limit (under a quarter) stays local, so a stampede of shoppers who book once
//! each writes nothing. What the instances together may admit beyond a limit is bounded by what
//! each admits in one interval plus the quarter before a key is shared.

pub mod rules;
mod service;
mod storage;
#[cfg(test)]
mod tests;

pub use rules::{Action, Limit, Subject};
pub use service::{RateLimiter, SYNC_INTERVAL, Verdict};
