//! The door (staff's scanner PWA at /staff): scanning tickets with the phone's camera, checking
//! them on the device when the network is gone, a queue that syncs by itself, and the slot's
//! list with undo and no-shows.

pub mod api;
#[cfg(feature = "hydrate")]
mod camera;
#[cfg(feature = "hydrate")]
mod feedback;
pub mod model;
#[cfg(feature = "hydrate")]
mod offline;
pub mod pages;
#[cfg(any(feature = "hydrate", test))]
pub(crate) mod qr_read;
#[cfg(feature = "ssr")]
pub mod service;
mod state;
#[cfg(feature = "hydrate")]
mod station;
#[cfg(not(feature = "hydrate"))]
#[path = "station_stub.rs"]
mod station;
#[cfg(feature = "ssr")]
pub(super) mod storage;
#[cfg(all(test, feature = "ssr"))]
mod tests;
