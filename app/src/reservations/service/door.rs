//! The door: what a scanner needs to work (also offline), and the slot's no-shows.

use super::{ReservationError, ReservationService, public_key_text, slot_label};
use crate::{
    drops::{
        model::{DropId, DropStatus, SlotId},
        schedule::utc_offset_minutes,
        service::DropError,
    },
    identity::model::{Principal, UserId},
    reservations::{
        door::{
            api::StaffDrop,
            model::{Attendee, Conflict, DeviceId, DoorSlot, DoorView, clock_label, current_slot},
        },
        rules::{ReservationEvent, ReservationStatus},
        ticket::Ticket,
    },
    stores::model::StoreId,
    time::Timestamp,
};

impl ReservationService {
    pub(super) async fn require_staff(
        &self,
        principal: &Principal,
        store: StoreId,
    ) -> Result<(), ReservationError> {
        match self
            .stores
            .role_in(principal, store)
            .await
            .map_err(DropError::from)?
        {
            Some(_) => Ok(()),
            None => Err(ReservationError::NotStaff),
        }
    }

    /// The drops at the stores the caller is a member of whose door may still be busy, soonest
    /// first.
    pub async fn staff_drops(
        &self,
        principal: &Principal,
    ) -> Result<Vec<StaffDrop>, ReservationError> {
        let now = Timestamp::now();
        let stores = self
            .stores
            .list_managed(principal)
            .await
            .map_err(DropError::from)?;
        let mut drops = Vec::new();
        for managed in stores.into_iter().filter(|m| m.role.is_some()) {
            for drop in self
                .drops
                .for_store(principal, managed.store.id, now)
                .await?
            {
                if matches!(
                    drop.status,
                    DropStatus::Scheduled | DropStatus::Open | DropStatus::Closed
                ) {
                    drops.push(StaffDrop {
                        drop_id: drop.id.to_string(),
                        drop_name: drop.name.to_string(),
                        store_name: managed.store.name.to_string(),
                        status: drop.status.as_str().to_owned(),
                        opens_at: drop.window.map_or(now, |w| w.opens_at()),
                    });
                }
            }
        }
        drops.sort_by_key(|d| d.opens_at);
        Ok(drops)
    }

    /// A drop's door for its staff: the store's public ticket key, the slots with expected and
    /// checked-in places, one slot's attendees with their tickets (`slot`, or the one at the
    /// door now) and the scans of `device` that lost to earlier ones.
    pub async fn door_view(
        &self,
        principal: &Principal,
        drop_id: DropId,
        slot: Option<SlotId>,
        device: Option<DeviceId>,
    ) -> Result<DoorView, ReservationError> {
        let now = Timestamp::now();
        let drop = self.drops.get(principal, drop_id).await?;
        self.require_staff(principal, drop.store_id).await?;
        let key = self.signing_key(drop.store_id).await?;
        let mut slots = self.drops.slots(principal, drop_id).await?;
        slots.sort_by_key(|s| (s.slot.starts_at, s.slot.id));
        let slots: Vec<DoorSlot> = slots
            .into_iter()
            .map(|view| DoorSlot {
                id: view.slot.id,
                label: format!(
                    "{} · {}",
                    slot_label(&view.slot, &view.time_zone),
                    view.branch_name
                ),
                starts_at: view.slot.starts_at,
                ends_at: view.slot.ends_at,
                expected: view.counts.confirmed,
                checked_in: view.counts.checked_in,
            })
            .collect();
        let grace = self.settings.check_in_grace_minutes;
        let slot_id = slot
            .filter(|id| slots.iter().any(|s| s.id == *id))
            .or_else(|| current_slot(&slots, now, grace));
        let list = match slot_id {
            Some(id) => self.storage.door_list(id).await?,
            None => Vec::new(),
        };
        let conflicts = match device {
            Some(device) => self.storage.conflicts(device, drop_id).await?,
            None => Vec::new(),
        };
        let mut people: Vec<UserId> = list.iter().map(|(r, _)| r.user_id).collect();
        people.extend(conflicts.iter().map(|c| c.user_id));
        people.extend(
            conflicts
                .iter()
                .filter_map(|c| c.winner_by.parse::<UserId>().ok()),
        );
        let accounts = self.identity.accounts_by_ids(&people).await?;
        let name_of = |user: &UserId| {
            accounts
                .get(user)
                .map_or_else(|| "someone".to_owned(), |a| a.display_name.to_string())
        };
        let offset = utc_offset_minutes(now, &drop.time_zone);
        let attendees = list
            .into_iter()
            .map(|(reservation, checked_in_at)| Attendee {
                reservation_id: reservation.id,
                name: name_of(&reservation.user_id),
                email: accounts
                    .get(&reservation.user_id)
                    .map(|a| a.email.to_string())
                    .unwrap_or_default(),
                units: reservation.units,
                status: reservation.status,
                checked_in_at,
                ticket: Ticket {
                    reservation: reservation.id,
                    drop: reservation.drop_id,
                    slot: reservation.slot_id,
                    version: reservation.ticket_version,
                }
                .sign(&key),
            })
            .collect();
        let conflicts = conflicts
            .into_iter()
            .map(|c| Conflict {
                reservation_id: c.reservation_id,
                name: name_of(&c.user_id),
                scanned_at: c.scanned_at,
                winner: format!(
                    "{} by {}",
                    clock_label(c.winner_at, offset),
                    c.winner_by
                        .parse()
                        .map_or_else(|_| "someone".to_owned(), |u| name_of(&u))
                ),
            })
            .collect();
        Ok(DoorView {
            drop_id,
            drop_name: drop.name.to_string(),
            store_id: drop.store_id,
            public_key: public_key_text(&key),
            utc_offset_minutes: offset,
            grace_minutes: grace,
            undo_minutes: self.settings.check_in_undo_minutes,
            slots,
            slot_id,
            attendees,
            conflicts,
            as_of: now,
        })
    }

    /// Marks a slot's confirmed reservations not checked in as no-shows, once the slot ended
    /// (staff at the door close it; the worker does the rest after the grace time). Answers how
    /// many.
    pub async fn mark_slot_no_shows(
        &self,
        principal: &Principal,
        slot: SlotId,
    ) -> Result<usize, ReservationError> {
        let now = Timestamp::now();
        let (drop, slot) = self.drops.slot_with_drop(slot, now).await?;
        self.require_staff(principal, drop.store_id).await?;
        if now < slot.ends_at {
            return Err(ReservationError::SlotNotOver);
        }
        let mut marked = 0;
        for (reservation, _) in self.storage.door_list(slot.id).await? {
            if reservation.status == ReservationStatus::Confirmed
                && self
                    .move_to(&reservation, ReservationEvent::MarkNoShow, now)
                    .await
                    .is_ok()
            {
                marked += 1;
            }
        }
        Ok(marked)
    }
}
