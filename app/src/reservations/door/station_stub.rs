//! The server only renders the door's pages; what staff tap runs in the browser (`station.rs`).
//! These stand in for it in the server's build.

use super::state::{Door, Frames};
use crate::{drops::model::SlotId, reservations::model::ReservationId};

pub fn register_service_worker() {}
pub fn start(_: Door) {}
pub fn scan(_: Door, _: String, _: bool) {}
pub fn choose_slot(_: Door, _: SlotId) {}
pub fn undo(_: Door, _: ReservationId) {}
pub fn mark_no_shows(_: Door, _: SlotId) {}
pub fn start_camera(_: Door, _: Frames) {}
pub fn stop_camera(_: Door) {}
pub fn switch_camera(_: Door, _: Frames) {}
pub fn toggle_torch(_: Door) {}
