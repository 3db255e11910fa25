//! The Stores context: the tenants that run drops.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
mod storage;
#[cfg(all(test, feature = "ssr"))]
mod tests;
