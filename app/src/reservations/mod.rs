//! The Reservations context (the brief's Reservation service): holds, confirmed bookings and
//! their places in a slot, safe under any number of concurrent bookings and server instances.
//! The booking engine (`booking`), the door, tickets and the waitlist are folders of the same
//! shape as the context.

pub mod api;
#[cfg(feature = "ssr")]
mod booking;
pub mod door;
#[cfg(feature = "ssr")]
pub mod error;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod reactions;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
mod storage;
#[cfg(all(test, feature = "ssr"))]
pub(crate) mod tests;
pub mod tickets;
pub mod waitlist;
