//! The Branches context (part of the brief's Store service): where a store's drops happen, with
//! address, coordinates, time zone and opening hours.

pub mod api;
pub mod geo;
pub mod hours;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
mod storage;
#[cfg(all(test, feature = "ssr"))]
mod tests;
#[cfg(feature = "ssr")]
pub mod zone;
