//! Notifications: telling people what happened to their bookings (confirmed with the ticket,
//! held, cancelled, lapsed, a waitlist's offer), reminding them before their slot, and telling
//! those who asked when a drop opens. Planned
//! from the outbox's events as rows (the delivery log), sent by a worker with retries, a dead
//! letter after the last, and a circuit breaker per provider.

pub mod api;
#[cfg(feature = "hydrate")]
mod browser;
pub mod model;
pub mod pages;
pub mod rules;

#[cfg(feature = "ssr")]
pub mod email;
#[cfg(feature = "ssr")]
pub mod ics;
#[cfg(feature = "ssr")]
pub mod links;
#[cfg(feature = "ssr")]
pub mod push;
#[cfg(feature = "ssr")]
pub mod queue;
#[cfg(feature = "ssr")]
pub mod reactions;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod sms;
#[cfg(feature = "ssr")]
pub mod storage;

#[cfg(all(test, feature = "ssr"))]
mod tests;
