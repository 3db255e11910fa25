//! The door: what a scanner needs to work (also offline), and the slot's no-shows.

use super::{
    api::StaffDrop,
    model::{Attendee, Conflict, DeviceId, DoorSlot, DoorView, clock_label, current_slot},
    storage::CheckInRecord,
};
use crate::{
    branches::model::BranchId,
    drops::{
        model::{DropId, DropStatus, SlotId},
        schedule::{describe, describe_span, utc_offset_minutes},
        service::DropError,
    },
    i18n::Text,
    identity::model::{Principal, UserId},
    reservations::{
        error::ReservationError,
        model::{CheckedIn, Reservation, ReservationId},
        rules::{
            DoorTiming, IllegalReservationMove, ReservationEvent, ReservationStatus, door_timing,
        },
        service::{ReservationService, user_of},
        tickets::{Ticket, TicketError, public_key_text},
    },
    stores::model::StoreId,
    text,
    time::Timestamp,
};
use tracing::instrument;

/// A scan at the door.
#[derive(Debug, Clone, Default)]
pub struct CheckInRequest {
    pub ticket: String,
    /// The branch the scanner stands at, when it says.
    pub branch_id: Option<BranchId>,
    /// Staff let an early or late ticket in anyway.
    pub override_timing: bool,
    /// The drop whose door the scanner stands at, when it says.
    pub drop_id: Option<DropId>,
    /// When an offline scanner read the ticket (a scan synced late); now when absent.
    pub scanned_at: Option<Timestamp>,
    /// The scanner, so a scan that loses to an earlier one can be told to it.
    pub device: Option<DeviceId>,
}

/// How far a synced scan may lie in the past (a scanner offline for a week is stale) or, for
/// clock skew, in the future.
fn scan_time_plausible(at: Timestamp, now: Timestamp) -> bool {
    const WEEK_MS: i64 = 7 * 24 * 3_600_000;
    const SKEW_MS: i64 = 120_000;
    (now.as_millis() - WEEK_MS..=now.as_millis() + SKEW_MS).contains(&at.as_millis())
}

impl ReservationService {
    pub(in crate::reservations) async fn require_staff(
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
                local: view.local,
                branch: view.branch_name,
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

    /// Lets a ticket in at the door, exactly once: signature, store, drop, branch, timing at the
    /// moment of the scan (staff may override early or late), then one conditional update; of
    /// concurrent scans one wins and the others hear when and by whom it was checked in. A scan
    /// synced late from an offline scanner that was earlier than the recorded one takes the
    /// check-in over, and the other scanner reads the conflict on its next sync.
    #[instrument(skip_all)]
    pub async fn check_in(
        &self,
        principal: &Principal,
        scan: &CheckInRequest,
    ) -> Result<CheckedIn, ReservationError> {
        let staff = user_of(principal)?;
        let now = Timestamp::now();
        let at = scan.scanned_at.unwrap_or(now);
        if !scan_time_plausible(at, now) {
            return Err(ReservationError::ScanTime);
        }
        let claimed = Ticket::read_unverified(&scan.ticket)?;
        let reservation = self
            .found(claimed.reservation)
            .await
            .map_err(|_| TicketError::BadSignature)?;
        let (drop, slot) = self.drops.slot_with_drop(reservation.slot_id, now).await?;
        let key = self.signing_key(drop.store_id).await?;
        let ticket = Ticket::verify(&scan.ticket, &key.verifying_key())?;
        self.require_staff(principal, drop.store_id).await?;
        let clock = |at: Timestamp| {
            let (date, time, _) = describe(at, &drop.time_zone);
            text!("door-time-on-day", time = time).with("day", date.text())
        };
        if ticket.version != reservation.ticket_version {
            return Err(ReservationError::Reissued);
        }
        if scan.drop_id.is_some_and(|expected| expected != drop.id) {
            return Err(ReservationError::OtherDrop(drop.name.to_string()));
        }
        let late_sync = scan.scanned_at.and(scan.device);
        match reservation.status {
            ReservationStatus::Confirmed => {}
            ReservationStatus::CheckedIn if late_sync.is_some() => {}
            ReservationStatus::CheckedIn => {
                let record = self.storage.check_in_record(reservation.id).await?;
                return Err(self.already(&reservation, record, &clock).await?);
            }
            other => return Err(ReservationError::NotValid(other.as_str())),
        }
        if let Some(branch) = scan.branch_id
            && branch != slot.branch_id
        {
            let name = self.branch_name(principal, slot.branch_id).await;
            return Err(ReservationError::WrongBranch(name));
        }
        if !scan.override_timing {
            match door_timing(
                at.as_millis(),
                slot.starts_at.as_millis(),
                slot.ends_at.as_millis(),
                self.settings.check_in_grace_minutes,
            ) {
                DoorTiming::TooEarly => {
                    return Err(ReservationError::TooEarly(clock(slot.starts_at)));
                }
                DoorTiming::TooLate => return Err(ReservationError::TooLate(clock(slot.ends_at))),
                DoorTiming::OnTime => {}
            }
        }
        let admitted = reservation.status == ReservationStatus::Confirmed
            && self
                .storage
                .check_in(&reservation, ticket.version, staff, at, scan.device, now)
                .await?;
        if !admitted {
            let current = self.found(reservation.id).await?;
            if current.status != ReservationStatus::CheckedIn {
                return Err(ReservationError::NotValid(current.status.as_str()));
            }
            let record = self.storage.check_in_record(current.id).await?;
            let taken = match (late_sync, &record) {
                // The same scan synced twice (its first answer was lost): it already holds it.
                (Some(device), Some(record))
                    if record.device == Some(device) && record.at == at =>
                {
                    true
                }
                (Some(device), Some(record)) => {
                    self.storage
                        .take_over_check_in(&current, record, staff, at, device, now)
                        .await?
                }
                _ => false,
            };
            if !taken {
                return Err(self.already(&current, record, &clock).await?);
            }
        }
        let name = self
            .identity
            .account_by_id(reservation.user_id)
            .await
            .ok()
            .flatten()
            .map_or_else(String::new, |a| a.display_name.to_string());
        Ok(CheckedIn {
            reservation: Reservation {
                status: ReservationStatus::CheckedIn,
                ..reservation
            },
            name,
            drop_name: drop.name.to_string(),
            slot: describe_span(slot.starts_at, slot.ends_at, &drop.time_zone),
        })
    }

    /// Takes a check-in back within the undo window (store staff and owners).
    pub async fn undo_check_in(
        &self,
        principal: &Principal,
        id: ReservationId,
    ) -> Result<Reservation, ReservationError> {
        let reservation = self.found(id).await?;
        let now = Timestamp::now();
        let (drop, _) = self.drops.slot_with_drop(reservation.slot_id, now).await?;
        self.require_staff(principal, drop.store_id).await?;
        let at = self
            .storage
            .check_in_record(id)
            .await?
            .map(|record| record.at.as_millis())
            .ok_or(IllegalReservationMove {
                from: reservation.status,
                event: ReservationEvent::UndoCheckIn,
            })?;
        let window = self.settings.check_in_undo_minutes;
        if now.as_millis() > at + i64::from(window) * 60_000 {
            return Err(ReservationError::UndoTooLate(window));
        }
        if !self.storage.undo_check_in(&reservation, now).await? {
            let current = self.found(id).await?;
            return Err(IllegalReservationMove {
                from: current.status,
                event: ReservationEvent::UndoCheckIn,
            }
            .into());
        }
        Ok(Reservation {
            status: ReservationStatus::Confirmed,
            ..reservation
        })
    }

    /// Marks confirmed reservations no-shows once their slot ended and the door's grace passed;
    /// answers how many. Safe on every instance at once.
    pub async fn mark_no_shows(&self, now: Timestamp) -> Result<usize, ReservationError> {
        let grace = i64::from(self.settings.check_in_grace_minutes) * 60_000;
        let cutoff = Timestamp::from_millis(now.as_millis() - grace);
        let mut marked = 0;
        for reservation in self.storage.unattended(cutoff, 500).await? {
            if self
                .move_to(&reservation, ReservationEvent::MarkNoShow, now)
                .await
                .is_ok()
            {
                marked += 1;
            }
        }
        Ok(marked)
    }

    /// "Already checked in at … by …" from the check-in's record.
    async fn already(
        &self,
        reservation: &Reservation,
        record: Option<CheckInRecord>,
        clock: &impl Fn(Timestamp) -> Text,
    ) -> Result<ReservationError, ReservationError> {
        let Some(record) = record else {
            return Ok(ReservationError::NotValid(reservation.status.as_str()));
        };
        let by = match record.by.parse() {
            Ok(user) => self
                .identity
                .account_by_id(user)
                .await
                .ok()
                .flatten()
                .map(|a| a.display_name.to_string()),
            Err(_) => None,
        };
        Ok(ReservationError::AlreadyCheckedIn {
            at: clock(record.at),
            by,
        })
    }

    async fn branch_name(&self, principal: &Principal, branch: BranchId) -> String {
        self.drops
            .branch_name(principal, branch)
            .await
            .unwrap_or_else(|| "another branch".to_owned())
    }
}
