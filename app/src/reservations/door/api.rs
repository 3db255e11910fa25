//! Server functions of the door: the drops a staff member works, a drop's door view, a scan
//! (live or synced from the offline queue), undo and no-shows.

use super::model::{DoorView, ScanOutcome};
use crate::{error::AppError, time::Timestamp};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A drop at a store the caller works at, for the staff home.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffDrop {
    pub drop_id: String,
    pub drop_name: String,
    pub store_name: String,
    /// "open", "scheduled", "closed".
    pub status: String,
    pub opens_at: Timestamp,
}

#[cfg(feature = "ssr")]
fn device_id(id: &str) -> Result<super::model::DeviceId, AppError> {
    use crate::error::FieldErrors;
    id.parse()
        .map_err(|_| AppError::from(FieldErrors::single("device", crate::text!("check-scanner"))))
}

/// The drops at the caller's stores whose door may be busy: scheduled, open or closed for
/// booking (their slots can still be ahead).
#[server]
pub async fn staff_drops() -> Result<Vec<StaffDrop>, AppError> {
    use crate::{request::principal, services::services};
    Ok(services()?.reservations.staff_drops(&principal()).await?)
}

/// A drop's door for a scanner: key, slots, one slot's list and this scanner's conflicts.
#[server]
pub async fn load_door(
    drop_id: String,
    slot_id: Option<String>,
    device: Option<String>,
) -> Result<DoorView, AppError> {
    use crate::{ids::DropId, request::principal, services::services};
    let slot = slot_id.and_then(|s| s.parse().ok());
    let device = device.as_deref().map(device_id).transpose()?;
    Ok(services()?
        .reservations
        .door_view(&principal(), DropId::from_path(&drop_id)?, slot, device)
        .await?)
}

/// One scan at a drop's door: green, amber (outside the window) or red, as an answer rather
/// than an error, so the scanner shows every outcome the same way. `scanned_at` (milliseconds)
/// is set for scans synced from the offline queue.
#[server]
pub async fn scan_ticket(
    drop_id: String,
    ticket: String,
    device: String,
    override_timing: bool,
    scanned_at: Option<i64>,
) -> Result<ScanOutcome, AppError> {
    use crate::{
        ids::DropId,
        request::principal,
        reservations::{door::service::CheckInRequest, error::ReservationError as E},
        services::services,
    };
    let request = CheckInRequest {
        ticket: ticket.trim().to_owned(),
        branch_id: None,
        override_timing,
        drop_id: Some(DropId::from_path(&drop_id)?),
        scanned_at: scanned_at.map(Timestamp::from_millis),
        device: Some(device_id(&device)?),
    };
    match services()?
        .reservations
        .check_in(&principal(), &request)
        .await
    {
        Ok(admitted) => Ok(ScanOutcome::Admitted {
            reservation_id: admitted.reservation.id,
            name: admitted.name,
            slot_label: admitted.slot.label(crate::i18n::request_language()),
            units: Some(admitted.reservation.units),
        }),
        Err(error @ (E::TooEarly(_) | E::TooLate(_))) => Ok(ScanOutcome::OutsideWindow {
            message: AppError::from(error).message,
        }),
        Err(
            error @ (E::Ticket(_)
            | E::NotFound
            | E::WrongBranch(_)
            | E::OtherDrop(_)
            | E::AlreadyCheckedIn { .. }
            | E::NotValid(_)
            | E::Reissued),
        ) => Ok(ScanOutcome::refused(AppError::from(error).message)),
        Err(other) => Err(other.into()),
    }
}

/// Takes a check-in back within the undo window.
#[server]
pub async fn undo_door_check_in(reservation_id: String) -> Result<(), AppError> {
    use crate::{ids::ReservationId, request::principal, services::services};
    let id = ReservationId::from_path(&reservation_id)?;
    services()?
        .reservations
        .undo_check_in(&principal(), id)
        .await?;
    Ok(())
}

/// Marks the slot's confirmed reservations not checked in as no-shows; answers how many.
#[server]
pub async fn mark_slot_no_shows(slot_id: String) -> Result<usize, AppError> {
    use crate::{ids::SlotId, request::principal, services::services};
    let slot = SlotId::from_path(&slot_id)?;
    Ok(services()?
        .reservations
        .mark_slot_no_shows(&principal(), slot)
        .await?)
}
