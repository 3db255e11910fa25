//! The waitlist of a full slot: the pure rules of who is offered freed places (`model`, shared
//! with the browser), and joining, leaving and offering through the Reservations service.

mod model;
#[cfg(feature = "ssr")]
mod service;
#[cfg(feature = "ssr")]
pub(super) mod storage;
#[cfg(all(test, feature = "ssr"))]
mod tests;

pub use model::{Waiting, WaitlistEntry, WaitlistEntryId, WaitlistStatus, offers};
