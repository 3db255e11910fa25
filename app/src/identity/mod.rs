//! The Identity context: accounts, sign-in (browser sessions and API tokens), mail links,
//! profile and preferences.

pub mod api;
#[cfg(feature = "ssr")]
pub mod api_tokens;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod password;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod secret_token;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod sessions;
#[cfg(feature = "ssr")]
mod storage;
#[cfg(all(test, feature = "ssr"))]
mod tests;
