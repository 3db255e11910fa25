//! The Products context: a store's catalogue (SKUs, prices, categories) and search.

pub mod api;
pub mod model;
pub mod pages;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
mod storage;
#[cfg(all(test, feature = "ssr"))]
mod tests;
