//! Tickets: a confirmed booking's QR code, signed with its store's key so a scanner can check it
//! without the network.

mod model;
#[cfg(feature = "ssr")]
mod service;
#[cfg(feature = "ssr")]
mod storage;

#[cfg(test)]
pub(super) use model::tests;
pub use model::{Ticket, TicketError, verifying_key};
#[cfg(feature = "ssr")]
pub use model::{qr_png, qr_svg};
#[cfg(feature = "ssr")]
pub(super) use service::public_key_text;
