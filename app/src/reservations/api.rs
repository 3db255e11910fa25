//! Server functions of the Reservations context: booking from the drop page, my reservations,
//! cancelling, the waitlist and taking places it offers.

use super::{
    model::{Reservation, ReservationId},
    waitlist::{WaitlistEntry, WaitlistEntryId},
};
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
    /// The deposit that confirms a hold ("฿500.00"), when the drop asks one.
    pub deposit: Option<String>,
}

/// A place in a slot's line, with the drop's name and the slot on the branch clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitlistView {
    pub entry: WaitlistEntry,
    pub drop_name: String,
    pub slot: SlotView,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyReservationList {
    pub reservations: Vec<ReservationView>,
    pub waitlist: Vec<WaitlistView>,
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
) -> Result<ReservationId, AppError> {
    use super::model::{BookingRequest, IdempotencyKey};
    use crate::{request::principal, services::services};
    let key = format!("{form_token}:{slot_id}");
    // The page's own key: a token too long to make one books without it, as before.
    let key = IdempotencyKey::parse(&key).is_ok().then_some(key.as_str());
    let request = BookingRequest::parse(&slot_id, &units, key, access_code.as_deref())?;
    let reservation = services()?
        .reservations
        .book(&principal(), &request)
        .await?;
    leptos_axum::redirect(&format!("/reservations?booked={}", reservation.id));
    Ok(reservation.id)
}

#[server]
pub async fn my_reservations() -> Result<MyReservationList, AppError> {
    use crate::{
        drops::model::{Drop, DropId},
        i18n::request_language,
        request::principal,
        services::services,
    };
    use std::collections::HashMap;
    let services = services()?;
    let principal = principal();
    let now = Timestamp::now();
    let reservations = services.reservations.mine(&principal).await?;
    let waiting = services.reservations.my_waitlist(&principal, None).await?;
    let mut drops: HashMap<DropId, (Drop, Vec<SlotView>)> = HashMap::new();
    for drop_id in reservations
        .iter()
        .map(|r| r.drop_id)
        .chain(waiting.iter().map(|e| e.drop_id))
    {
        if !drops.contains_key(&drop_id) {
            let drop = services.drops.get(&principal, drop_id).await?;
            let slots = services.drops.slots(&principal, drop_id).await?;
            drops.insert(drop_id, (drop, slots));
        }
    }
    let slot_of = |drop_id: DropId, slot_id| {
        let (drop, slots) = &drops[&drop_id];
        slots
            .iter()
            .find(|s| s.slot.id == slot_id)
            .map(|slot| (drop, slot.clone()))
    };
    let mut views = Vec::new();
    for reservation in reservations {
        let Some((drop, slot)) = slot_of(reservation.drop_id, reservation.slot_id) else {
            continue;
        };
        let upcoming = slot.slot.ends_at > now;
        let ticket_svg =
            if upcoming && reservation.status == super::rules::ReservationStatus::Confirmed {
                let ticket = services
                    .reservations
                    .ticket(&principal, reservation.id)
                    .await?;
                super::tickets::qr_svg(&ticket)
            } else {
                None
            };
        views.push(ReservationView {
            upcoming,
            ticket_svg,
            drop_name: drop.name.to_string(),
            deposit: drop.rules.deposit.map(|d| d.format(request_language())),
            slot,
            reservation,
        });
    }
    let waitlist = waiting
        .into_iter()
        .filter_map(|entry| {
            let (drop, slot) = slot_of(entry.drop_id, entry.slot_id)?;
            Some(WaitlistView {
                drop_name: drop.name.to_string(),
                slot,
                entry,
            })
        })
        .collect();
    Ok(MyReservationList {
        reservations: views,
        waitlist,
        server_now: now,
    })
}

/// A reservation id from a form: an unknown or malformed one is simply not found.
#[server]
pub async fn cancel_reservation(id: String) -> Result<Reservation, AppError> {
    use crate::{request::principal, services::services};
    Ok(services()?
        .reservations
        .cancel(&principal(), ReservationId::from_path(&id)?)
        .await?)
}

/// Takes places offered from the waitlist (confirmed at once when no deposit is due).
#[server]
pub async fn accept_offer(id: String) -> Result<Reservation, AppError> {
    use crate::{request::principal, services::services};
    Ok(services()?
        .reservations
        .accept(&principal(), ReservationId::from_path(&id)?)
        .await?)
}

/// Joins a full slot's waitlist from the drop page.
#[server]
pub async fn join_waitlist(
    slot_id: String,
    units: String,
    access_code: Option<String>,
) -> Result<WaitlistEntryId, AppError> {
    use super::model::BookingRequest;
    use crate::{request::principal, services::services};
    let request = BookingRequest::parse(&slot_id, &units, None, access_code.as_deref())?;
    Ok(services()?
        .reservations
        .join_waitlist(
            &principal(),
            request.slot_id,
            request.units.get(),
            request.access_code.as_deref(),
        )
        .await?
        .id)
}

#[server]
pub async fn leave_waitlist(id: String) -> Result<(), AppError> {
    use super::error::ReservationError;
    use crate::{request::principal, services::services};
    let id = id
        .parse()
        .map_err(|_| AppError::from(ReservationError::NoWaitlistEntry))?;
    Ok(services()?
        .reservations
        .leave_waitlist(&principal(), id)
        .await?)
}
