//! The Drops context (the brief's Drop service): limited releases of products at branches,
//! booked through time slots, with their lifecycle, schedules, capacities and rules.

pub mod api;
pub mod model;
pub mod pages;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod schedule;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
mod storage;
#[cfg(all(test, feature = "ssr"))]
pub(crate) mod tests;
