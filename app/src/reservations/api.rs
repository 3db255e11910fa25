//! Server functions of the Reservations context: booking from the drop page, my reservations,
//! cancelling.

use super::{model::Reservation, rules::ReservationStatus};
use crate::{drops::model::SlotView, error::AppError, time::Timestamp};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A reservation as its owner sees it: with the drop's name and the slot on the branch clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReservationView {
    pub reservation: Reservation,
    pub drop_name: String,
    pub slot: SlotView,
    /// Whether the slot is still ahead (upcoming) or over (past).
    pub upcoming: bool,
    /// The ticket's QR code as SVG, for upcoming confirmed reservations.
    pub ticket_svg: Option<String>,
}

impl ReservationView {
    pub fn status_label(&self) -> &'static str {
        match self.reservation.status {
            ReservationStatus::Held => "Held: pay the deposit to confirm",
            ReservationStatus::Confirmed => "Confirmed",
            ReservationStatus::CheckedIn => "Checked in",
            ReservationStatus::Cancelled => "Cancelled",
            ReservationStatus::Expired => "Hold lapsed",
            ReservationStatus::NoShow => "Missed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyReservationList {
    pub reservations: Vec<ReservationView>,
    pub server_now: Timestamp,
}

/// Books from the drop page. `form_token` (rendered into the page) with the slot makes the
/// idempotency key, so a double click or a resent form books once.
#[server]
pub async fn book_slot(
    slot_id: String,
    units: String,
    access_code: Option<String>,
    form_token: String,
) -> Result<Reservation, AppError> {
    use super::model::{BookingRequest, IdempotencyKey};
    use crate::{error::FieldErrors, request::principal, services::services};
    let mut errors = FieldErrors::default();
    let slot = errors.check("slot_id", slot_id.parse().map_err(|_| "choose a slot"));
    let units = errors.check(
        "units",
        units
            .trim()
            .parse::<u16>()
            .map_err(|_| "must be a whole number"),
    );
    let key = IdempotencyKey::parse(&format!("{form_token}:{slot_id}")).ok();
    let (Some(slot_id), Some(units)) = (slot, units) else {
        return Err(AppError::invalid(errors));
    };
    let request = BookingRequest {
        slot_id,
        units,
        idempotency_key: key,
        access_code: access_code.filter(|c| !c.trim().is_empty()),
    };
    let reservation = services()?
        .reservations
        .book(&principal(), &request)
        .await?;
    leptos_axum::redirect("/reservations");
    Ok(reservation)
}

#[server]
pub async fn my_reservations() -> Result<MyReservationList, AppError> {
    use crate::{request::principal, services::services};
    let services = services()?;
    let principal = principal();
    let now = Timestamp::now();
    let mut slots_by_drop = std::collections::HashMap::new();
    let mut views = Vec::new();
    for reservation in services.reservations.mine(&principal).await? {
        if !slots_by_drop.contains_key(&reservation.drop_id) {
            let drop = services.drops.get(&principal, reservation.drop_id).await?;
            let slots = services
                .drops
                .slots(&principal, reservation.drop_id)
                .await?;
            slots_by_drop.insert(reservation.drop_id, (drop.name.to_string(), slots));
        }
        let (drop_name, slots) = &slots_by_drop[&reservation.drop_id];
        if let Some(slot) = slots.iter().find(|s| s.slot.id == reservation.slot_id) {
            let upcoming = slot.slot.ends_at > now;
            let ticket_svg = if upcoming && reservation.status == ReservationStatus::Confirmed {
                let ticket = services
                    .reservations
                    .ticket(&principal, reservation.id)
                    .await?;
                super::ticket::qr_svg(&ticket)
            } else {
                None
            };
            views.push(ReservationView {
                upcoming,
                ticket_svg,
                drop_name: drop_name.clone(),
                slot: slot.clone(),
                reservation,
            });
        }
    }
    Ok(MyReservationList {
        reservations: views,
        server_now: now,
    })
}

#[server]
pub async fn cancel_reservation(id: String) -> Result<Reservation, AppError> {
    use crate::{request::principal, services::services};
    let id = id
        .parse()
        .map_err(|_| AppError::not_found("no such reservation"))?;
    Ok(services()?.reservations.cancel(&principal(), id).await?)
}
