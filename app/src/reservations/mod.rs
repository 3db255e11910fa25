//! The Reservations context (the brief's Reservation service): holds, confirmed bookings and
//! their places in a slot, safe under any number of concurrent bookings and server instances.

pub mod api;
pub mod door;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod reactions;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
mod sold_out;
#[cfg(feature = "ssr")]
mod storage;
#[cfg(all(test, feature = "ssr"))]
mod tests;
pub mod ticket;
pub mod waitlist;
