//! The only way into the Drops context: owners build, publish and run drops; shoppers see the
//! published ones; the clock opens and closes them.

use super::{
    model::{
        AccessCode, AccessCodeUse, Capacity, Drop, DropDetails, DropId, DropInput, DropStatus,
        DropWindow, ScheduleInput, Slot, SlotCounts, SlotId, SlotView,
    },
    rules::{
        CapacityEditError, DropCommand, IllegalTransition, check_capacity_edit, due_commands,
        effective_status, slots_editable, transition,
    },
    schedule::{ScheduleError, SlotTimes, describe_span, generate, local_to_instant},
    storage::{DropStorage, SlotsAdded},
};
use crate::{
    branches::{
        model::{Branch, BranchId},
        service::{BranchError, BranchService},
    },
    db::Db,
    error::{DomainError, ErrorKind, FieldErrors, internal_text},
    events::DomainEvent,
    i18n::Text,
    identity::model::Principal,
    memo::{SingleFlight, TimedMemo},
    products::service::{ProductError, ProductService},
    quotas::Quotas,
    stores::{
        model::StoreId,
        service::{StoreError, StoreService},
    },
    text,
    time::{LocalDateTime, TimeZoneName, Timestamp},
};
use std::{
    collections::HashMap,
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};
use tracing::instrument;

crate::ids::owned_ids!(
    DropId => DropError::NotFound,
    SlotId => DropError::SlotNotFound,
);

#[derive(Debug, thiserror::Error)]
pub enum DropError {
    #[error("no such drop")]
    NotFound,
    #[error("no such slot in this drop")]
    SlotNotFound,
    #[error("the drop has mistakes")]
    Invalid(FieldErrors),
    #[error(transparent)]
    Illegal(#[from] IllegalTransition),
    #[error(transparent)]
    Capacity(#[from] CapacityEditError),
    #[error("slots can only be added or removed while the drop is a draft")]
    SlotsLocked,
    #[error("a {} drop can no longer be edited", .0.as_str())]
    Locked(DropStatus),
    #[error("this slot has bookings and cannot be removed")]
    SlotBooked,
    #[error("this access code already exists for the drop")]
    CodeTaken,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Product(#[from] ProductError),
    #[error(transparent)]
    Branch(#[from] BranchError),
    #[error("storage failed: {0}")]
    Storage(#[from] sqlx::Error),
}

impl DomainError for DropError {
    fn kind(&self) -> ErrorKind {
        match self {
            DropError::NotFound | DropError::SlotNotFound => ErrorKind::NotFound,
            DropError::Invalid(fields) => fields.kind(),
            DropError::Illegal(_)
            | DropError::Capacity(_)
            | DropError::SlotsLocked
            | DropError::Locked(_)
            | DropError::SlotBooked
            | DropError::CodeTaken => ErrorKind::Conflict,
            DropError::Store(inner) => inner.kind(),
            DropError::Product(inner) => inner.kind(),
            DropError::Branch(inner) => inner.kind(),
            DropError::Storage(_) => ErrorKind::Internal,
        }
    }

    fn text(&self) -> Text {
        match self {
            DropError::NotFound => text!("drop-err-not-found"),
            DropError::SlotNotFound => text!("drop-err-slot-not-found"),
            DropError::Invalid(fields) => fields.text(),
            DropError::Illegal(illegal) => (*illegal).into(),
            DropError::Capacity(capacity) => (*capacity).into(),
            DropError::SlotsLocked => text!("drop-err-slots-locked"),
            DropError::Locked(status) => text!("drop-err-locked", status = status.as_str()),
            DropError::SlotBooked => text!("drop-err-slot-booked"),
            DropError::CodeTaken => text!("check-access-code-taken"),
            DropError::Store(inner) => inner.text(),
            DropError::Product(inner) => inner.text(),
            DropError::Branch(inner) => inner.text(),
            DropError::Storage(_) => internal_text(),
        }
    }

    fn field(&self) -> Option<&'static str> {
        match self {
            DropError::Capacity(_) => Some("capacity"),
            DropError::CodeTaken => Some("code"),
            DropError::Store(inner) => inner.field(),
            DropError::Product(inner) => inner.field(),
            DropError::Branch(inner) => inner.field(),
            _ => None,
        }
    }

    fn fields(&self) -> Option<&FieldErrors> {
        match self {
            DropError::Invalid(fields) => Some(fields),
            DropError::Store(inner) => inner.fields(),
            DropError::Product(inner) => inner.fields(),
            DropError::Branch(inner) => inner.fields(),
            _ => None,
        }
    }
}

#[cfg(test)]
impl DropError {
    /// One of each refusal, for the catalogue tests.
    pub(crate) fn examples() -> Vec<Self> {
        let commands = [
            DropCommand::Publish,
            DropCommand::Unpublish,
            DropCommand::Open,
            DropCommand::Close,
            DropCommand::Archive,
            DropCommand::Cancel,
        ];
        let illegal = commands.map(|command| {
            DropError::Illegal(IllegalTransition {
                from: DropStatus::Archived,
                command,
            })
        });
        illegal
            .into_iter()
            .chain([
                DropError::NotFound,
                DropError::SlotNotFound,
                DropError::Invalid(FieldErrors::single("name", text!("check-required"))),
                DropError::Capacity(CapacityEditError::BelowTaken { taken: 3 }),
                DropError::Capacity(CapacityEditError::Finished(DropStatus::Closed)),
                DropError::SlotsLocked,
                DropError::Locked(DropStatus::Open),
                DropError::SlotBooked,
                DropError::CodeTaken,
            ])
            .collect()
    }
}

fn invalid(field: &str, message: impl Into<Text>) -> DropError {
    DropError::Invalid(FieldErrors::single(field, message))
}

/// Limits from configuration.
#[derive(Debug, Clone, Copy)]
pub struct DropSettings {
    /// The most slots one schedule may generate.
    pub max_slots_per_schedule: usize,
}

impl Default for DropSettings {
    fn default() -> Self {
        Self {
            max_slots_per_schedule: 2_000,
        }
    }
}

#[derive(Clone)]
pub struct DropService {
    storage: DropStorage,
    stores: StoreService,
    products: ProductService,
    branches: BranchService,
    settings: DropSettings,
    quotas: Quotas,
    /// Each slot's terms for booking, read at most once a second per slot (see `booking_terms`).
    booking_terms: TimedMemo<SlotId, Arc<(Drop, Slot)>>,
    /// Slot ids found to be no slot, for a second, kept apart so that a flood of made-up ids
    /// cannot push the real slots' terms out.
    unknown_slots: TimedMemo<SlotId, ()>,
    /// The misses of a drop's opening instant read each slot once, and a slot's read never
    /// holds up another slot's.
    booking_terms_reading: Arc<SingleFlight<SlotId>>,
    /// Counts edits: a read begun before an edit does not keep what it read.
    booking_terms_edits: Arc<AtomicU64>,
    /// Each drop's store, which never changes.
    stores_of: TimedMemo<DropId, StoreId>,
}

const BOOKING_TERMS_MEMO: Duration = Duration::from_secs(1);
/// A drop never moves to another store; the memo only bounds what a deleted drop leaves.
const STORE_OF_MEMO: Duration = Duration::from_secs(600);

impl DropService {
    pub fn new(
        db: Db,
        stores: StoreService,
        products: ProductService,
        branches: BranchService,
        settings: DropSettings,
        quotas: Quotas,
    ) -> Self {
        Self {
            storage: DropStorage::new(db),
            stores,
            products,
            branches,
            settings,
            quotas,
            booking_terms: TimedMemo::new(BOOKING_TERMS_MEMO),
            booking_terms_reading: Arc::default(),
            booking_terms_edits: Arc::default(),
            unknown_slots: TimedMemo::new(BOOKING_TERMS_MEMO),
            stores_of: TimedMemo::new(STORE_OF_MEMO),
        }
    }

    pub fn settings(&self) -> DropSettings {
        self.settings
    }

    async fn owned(&self, principal: &Principal, id: DropId) -> Result<Drop, DropError> {
        let drop = self.storage.find(id).await?.ok_or(DropError::NotFound)?;
        self.stores.require_owner(principal, drop.store_id).await?;
        Ok(drop)
    }

    async fn manages(&self, principal: &Principal, store: StoreId) -> bool {
        self.stores.require_owner(principal, store).await.is_ok()
    }

    /// Turns parsed details into a drop, checking products and the window against the store.
    async fn apply_details(
        &self,
        principal: &Principal,
        mut drop: Drop,
        details: DropDetails,
    ) -> Result<Drop, DropError> {
        for product in &details.products {
            let found = self.products.get(principal, *product).await;
            if !matches!(&found, Ok(p) if p.store_id == drop.store_id && !p.archived) {
                return Err(invalid("products", text!("check-product-not-sold")));
            }
        }
        let window = window(details.opens, details.closes, &details.time_zone)?;
        drop.name = details.name;
        drop.description = details.description;
        drop.time_zone = details.time_zone;
        drop.window = window;
        drop.rules = details.rules;
        drop.products = details.products;
        Ok(drop)
    }

    #[instrument(skip_all, fields(store.id = %store))]
    pub async fn create(
        &self,
        principal: &Principal,
        store: StoreId,
        input: &DropInput,
    ) -> Result<Drop, DropError> {
        self.stores.require_owner(principal, store).await?;
        let currency = self
            .stores
            .get_by_id(principal, store)
            .await?
            .profile
            .default_currency;
        let details = input.parse(currency).map_err(DropError::Invalid)?;
        let now = Timestamp::now();
        let blank = Drop {
            id: DropId::generate(),
            store_id: store,
            name: details.name.clone(),
            description: String::new(),
            status: DropStatus::Draft,
            window: None,
            time_zone: details.time_zone.clone(),
            rules: details.rules,
            products: Vec::new(),
            created_at: now,
        };
        let drop = self.apply_details(principal, blank, details).await?;
        self.storage.save(&drop, None, now).await?;
        Ok(drop)
    }

    /// Edits a drop's details while it has not opened.
    #[instrument(skip_all, fields(drop.id = %id))]
    pub async fn update(
        &self,
        principal: &Principal,
        id: DropId,
        input: &DropInput,
    ) -> Result<Drop, DropError> {
        let current = self.owned(principal, id).await?;
        let now = Timestamp::now();
        let status = effective_status(current.status, current.window, now);
        if !matches!(status, DropStatus::Draft | DropStatus::Scheduled) {
            return Err(DropError::Locked(status));
        }
        let currency = self
            .stores
            .get_by_id(principal, current.store_id)
            .await?
            .profile
            .default_currency;
        let details = input.parse(currency).map_err(DropError::Invalid)?;
        let current_window = current.window;
        let drop = self.apply_details(principal, current, details).await?;
        if drop.status == DropStatus::Scheduled {
            publishable_window(drop.window, now)?;
        }
        // Who waits for the opening (alerts) follows a moved window.
        let rescheduled = match (drop.status, drop.window) {
            (DropStatus::Scheduled, Some(window)) if drop.window != current_window => {
                Some(DomainEvent::DropRescheduled {
                    drop_id: drop.id,
                    store_id: drop.store_id,
                    opens_at: window.opens_at(),
                    closes_at: window.closes_at(),
                })
            }
            _ => None,
        };
        self.storage.save(&drop, rescheduled.as_ref(), now).await?;
        self.forget_booking_terms();
        Ok(drop)
    }

    /// A drop: published ones for everyone, drafts only for the store's owners.
    /// The store a drop belongs to. Anyone may ask: a drop's page names its store.
    pub async fn store_of(&self, id: DropId) -> Result<StoreId, DropError> {
        if let Some(store) = self.stores_of.get(&id, Instant::now()) {
            return Ok(store);
        }
        let drop = self.storage.find(id).await?.ok_or(DropError::NotFound)?;
        self.stores_of.put(id, Instant::now(), drop.store_id);
        Ok(drop.store_id)
    }

    pub async fn get(&self, principal: &Principal, id: DropId) -> Result<Drop, DropError> {
        let drop = self.storage.find(id).await?.ok_or(DropError::NotFound)?;
        if drop.status == DropStatus::Draft && !self.manages(principal, drop.store_id).await {
            return Err(DropError::NotFound);
        }
        Ok(drop)
    }

    /// A store's drops as the caller may see them, with their status now: owners see all,
    /// shoppers the scheduled and open ones.
    pub async fn for_store(
        &self,
        principal: &Principal,
        store: StoreId,
        now: Timestamp,
    ) -> Result<Vec<Drop>, DropError> {
        let manages = self.manages(principal, store).await;
        let mut drops = self.storage.list_for_store(store).await?;
        for drop in &mut drops {
            drop.status = effective_status(drop.status, drop.window, now);
        }
        drops.retain(|d| manages || matches!(d.status, DropStatus::Scheduled | DropStatus::Open));
        Ok(drops)
    }

    /// An owner's command: publish, unpublish, close, archive or cancel.
    #[instrument(skip_all, fields(drop.id = %id, ?command))]
    pub async fn command(
        &self,
        principal: &Principal,
        id: DropId,
        command: DropCommand,
    ) -> Result<Drop, DropError> {
        let mut drop = self.owned(principal, id).await?;
        let now = Timestamp::now();
        self.catch_up(&mut drop, now).await?;
        let stored = drop.status;
        let next = transition(stored, command)?;
        let event = match command {
            DropCommand::Publish => {
                let window = publishable_window(drop.window, now)?;
                if drop.products.is_empty() {
                    return Err(invalid("products", text!("check-products-needed")));
                }
                if self.storage.slots(id).await?.is_empty() {
                    return Err(invalid("slots", text!("check-slots-needed")));
                }
                Some(DomainEvent::DropPublished {
                    drop_id: id,
                    store_id: drop.store_id,
                    opens_at: window.opens_at(),
                    closes_at: window.closes_at(),
                })
            }
            DropCommand::Close => Some(DomainEvent::DropClosed {
                drop_id: id,
                store_id: drop.store_id,
                by_owner: true,
            }),
            DropCommand::Cancel => Some(DomainEvent::DropCancelled {
                drop_id: id,
                store_id: drop.store_id,
            }),
            DropCommand::Unpublish | DropCommand::Archive | DropCommand::Open => None,
        };
        let moved = self
            .storage
            .transition(id, stored, next, event.as_ref(), now)
            .await?;
        // Moved by us or, first, by another instance or the clock: the terms changed either way.
        self.forget_booking_terms();
        if !moved {
            // Another instance (or the clock) moved it first: report what it is now.
            let current = self.storage.find(id).await?.ok_or(DropError::NotFound)?;
            return Err(IllegalTransition {
                from: current.status,
                command,
            }
            .into());
        }
        Ok(Drop {
            status: next,
            ..drop
        })
    }

    /// Writes down the moves the clock has made on `drop` (with their events), so an owner's
    /// change meets the drop as it is now and the events stay in order.
    async fn catch_up(&self, drop: &mut Drop, now: Timestamp) -> Result<(), DropError> {
        for due in due_commands(drop.status, drop.window, now) {
            let next = transition(drop.status, due)?;
            let event = clock_event(drop.id, drop.store_id, due);
            if !self
                .storage
                .transition(drop.id, drop.status, next, event.as_ref(), now)
                .await?
            {
                *drop = self
                    .storage
                    .find(drop.id)
                    .await?
                    .ok_or(DropError::NotFound)?;
                return Ok(());
            }
            drop.status = next;
        }
        Ok(())
    }

    /// Opens and closes every published drop whose instant has come; answers how many moves
    /// were made. Safe to run on every instance at once: each move is a conditional update.
    pub async fn advance_clock(&self, now: Timestamp) -> Result<usize, DropError> {
        let mut moves = 0;
        for due in self.storage.due(now).await? {
            let mut status = due.status;
            for command in due_commands(status, due.window, now) {
                let next = transition(status, command)?;
                let event = clock_event(due.id, due.store_id, command);
                if !self
                    .storage
                    .transition(due.id, status, next, event.as_ref(), now)
                    .await?
                {
                    break;
                }
                moves += 1;
                status = next;
            }
        }
        Ok(moves)
    }

    /// When the clock next has work, if ever.
    pub async fn next_clock_instant(&self, now: Timestamp) -> Result<Option<Timestamp>, DropError> {
        Ok(self.storage.next_due(now).await?)
    }

    /// The slots a schedule would make, without storing them (for the preview).
    pub async fn preview_schedule(
        &self,
        principal: &Principal,
        store: StoreId,
        input: &ScheduleInput,
    ) -> Result<Vec<SlotView>, DropError> {
        self.stores.require_owner(principal, store).await?;
        let (branch, times, capacity) = self.schedule_slots(principal, store, input).await?;
        Ok(times
            .into_iter()
            .map(|t| {
                slot_view(
                    Slot {
                        id: SlotId::generate(),
                        drop_id: DropId::generate(),
                        branch_id: branch.id,
                        starts_at: t.starts_at,
                        ends_at: t.ends_at,
                        capacity,
                    },
                    SlotCounts::default(),
                    &branch,
                )
            })
            .collect())
    }

    async fn schedule_slots(
        &self,
        principal: &Principal,
        store: StoreId,
        input: &ScheduleInput,
    ) -> Result<(Branch, Vec<SlotTimes>, Capacity), DropError> {
        let schedule = input.parse().map_err(DropError::Invalid)?;
        let branch = match self.branches.get(principal, schedule.branch_id).await {
            Ok(branch) if branch.store_id == store => branch,
            _ => return Err(invalid("branch_id", text!("check-branch"))),
        };
        let times = generate(
            &schedule,
            &branch.time_zone,
            self.settings.max_slots_per_schedule,
        )
        .map_err(|e| match e {
            ScheduleError::UnknownZone => invalid("branch_id", text!("check-branch-zone")),
            other => invalid("schedule", other),
        })?;
        Ok((branch, times, schedule.capacity))
    }

    /// Adds a schedule's slots to a draft (a one-day window one slot long adds one slot);
    /// answers how many were new.
    #[instrument(skip_all, fields(drop.id = %id))]
    pub async fn add_slots(
        &self,
        principal: &Principal,
        id: DropId,
        input: &ScheduleInput,
    ) -> Result<u64, DropError> {
        let drop = self.owned(principal, id).await?;
        if !slots_editable(drop.status) {
            return Err(DropError::SlotsLocked);
        }
        let (branch, times, capacity) =
            self.schedule_slots(principal, drop.store_id, input).await?;
        let slots: Vec<Slot> = times
            .into_iter()
            .map(|t| Slot {
                id: SlotId::generate(),
                drop_id: id,
                branch_id: branch.id,
                starts_at: t.starts_at,
                ends_at: t.ends_at,
                capacity,
            })
            .collect();
        let quota = self.quotas.slots_per_drop;
        match self.storage.insert_slots(id, &slots, quota).await? {
            SlotsAdded::Added(added) => Ok(added),
            SlotsAdded::OverQuota { total } => Err(invalid(
                "schedule",
                text!("check-drop-slot-quota", count = total, max = quota),
            )),
        }
    }

    pub async fn remove_slot(
        &self,
        principal: &Principal,
        id: DropId,
        slot: SlotId,
    ) -> Result<(), DropError> {
        let drop = self.owned(principal, id).await?;
        if !slots_editable(drop.status) {
            return Err(DropError::SlotsLocked);
        }
        if self
            .storage
            .slot(slot)
            .await?
            .is_none_or(|(s, _)| s.drop_id != id)
        {
            return Err(DropError::SlotNotFound);
        }
        if !self.storage.delete_slot(id, slot).await? {
            return Err(DropError::SlotBooked);
        }
        self.forget_booking_terms();
        Ok(())
    }

    /// Changes one slot's capacity; never below what is held plus confirmed.
    #[instrument(skip_all, fields(slot.id = %slot))]
    pub async fn set_capacity(
        &self,
        principal: &Principal,
        id: DropId,
        slot: SlotId,
        capacity: Capacity,
    ) -> Result<(), DropError> {
        let mut drop = self.owned(principal, id).await?;
        let now = Timestamp::now();
        self.catch_up(&mut drop, now).await?;
        let (current, counts) = self
            .storage
            .slot(slot)
            .await?
            .filter(|(s, _)| s.drop_id == id)
            .ok_or(DropError::SlotNotFound)?;
        check_capacity_edit(drop.status, counts, capacity)?;
        if current.capacity == capacity {
            return Ok(());
        }
        if !self.storage.set_capacity(&current, capacity, now).await? {
            let (_, counts) = self
                .storage
                .slot(slot)
                .await?
                .ok_or(DropError::SlotNotFound)?;
            return Err(CapacityEditError::BelowTaken {
                taken: counts.taken(),
            }
            .into());
        }
        self.forget_booking_terms();
        Ok(())
    }

    /// A drop's slots with their counts, on their branches' clocks.
    pub async fn slots(
        &self,
        principal: &Principal,
        id: DropId,
    ) -> Result<Vec<SlotView>, DropError> {
        let drop = self.get(principal, id).await?;
        // Before the opening only the store's people see the slots: a script that knew the slot
        // ids in advance could fire its bookings at the opening instant ahead of every phone.
        let status = effective_status(drop.status, drop.window, Timestamp::now());
        if matches!(status, DropStatus::Scheduled | DropStatus::Draft)
            && !self.manages(principal, drop.store_id).await
        {
            return Ok(Vec::new());
        }
        let branches: HashMap<_, _> = self
            .branches
            .for_store(principal, drop.store_id, Timestamp::now())
            .await?
            .into_iter()
            .map(|b| (b.branch.id, b.branch))
            .collect();
        Ok(self
            .storage
            .slots(id)
            .await?
            .into_iter()
            .filter_map(|(slot, counts)| {
                let branch = branches.get(&slot.branch_id)?;
                Some(slot_view(slot, counts, branch))
            })
            .collect())
    }

    /// A branch's name (for messages at the door).
    pub async fn branch_name(&self, principal: &Principal, branch: BranchId) -> Option<String> {
        self.branches
            .get(principal, branch)
            .await
            .ok()
            .map(|b| b.name.to_string())
    }

    /// A slot and its drop, with the drop's status now (for booking).
    pub async fn slot_with_drop(
        &self,
        slot: SlotId,
        now: Timestamp,
    ) -> Result<(Drop, Slot), DropError> {
        let (drop, slot, _) = self.slot_state(slot, now).await?;
        Ok((drop, slot))
    }

    /// A slot and its drop for a booking attempt, with the drop's status now. In a stampede every
    /// attempt needs them and they do not change while it runs, so they are read once a second
    /// per slot: the status is recomputed from the window at every call (opening and closing on
    /// schedule stay exact), and an owner's edit on this instance clears the memo at once (on
    /// other instances it shows within the second). What must hold exactly (places, the
    /// person's limit) the booking's write checks from the database.
    pub async fn booking_terms(
        &self,
        slot: SlotId,
        now: Timestamp,
    ) -> Result<(Drop, Slot), DropError> {
        let terms = match self.booking_terms.get(&slot, Instant::now()) {
            Some(terms) => terms,
            None => self.read_booking_terms(slot).await?,
        };
        let (mut drop, slot) = (*terms).clone();
        drop.status = effective_status(drop.status, drop.window, now);
        Ok((drop, slot))
    }

    /// One reader per slot at a time: whoever waited finds what the one before read.
    async fn read_booking_terms(&self, slot: SlotId) -> Result<Arc<(Drop, Slot)>, DropError> {
        if self.unknown_slots.get(&slot, Instant::now()).is_some() {
            return Err(DropError::SlotNotFound);
        }
        let _turn = self.booking_terms_reading.enter(&slot).await;
        let read_at = Instant::now();
        if let Some(terms) = self.booking_terms.get(&slot, read_at) {
            return Ok(terms);
        }
        let edits = self.booking_terms_edits.load(Ordering::Acquire);
        let terms = self
            .storage
            .slot_with_drop(slot)
            .await?
            .map(|(drop, slot_row, _)| Arc::new((drop, slot_row)));
        let Some(terms) = terms else {
            self.unknown_slots.put(slot, read_at, ());
            return Err(DropError::SlotNotFound);
        };
        self.booking_terms.put(slot, read_at, terms.clone());
        // Checked after keeping it: an edit that cleared the memo while this read ran has
        // counted itself by then.
        if self.booking_terms_edits.load(Ordering::Acquire) != edits {
            self.booking_terms.forget(&slot);
        }
        Ok(terms)
    }

    /// After an edit: the next attempt reads the terms afresh, and reads begun before it keep
    /// nothing.
    fn forget_booking_terms(&self) {
        self.booking_terms_edits.fetch_add(1, Ordering::AcqRel);
        self.booking_terms.clear();
        self.unknown_slots.clear();
    }

    /// A slot with what is booked in it, and its drop with the drop's status now.
    pub async fn slot_state(
        &self,
        slot: SlotId,
        now: Timestamp,
    ) -> Result<(Drop, Slot, SlotCounts), DropError> {
        let (mut drop, slot, counts) = self
            .storage
            .slot_with_drop(slot)
            .await?
            .ok_or(DropError::SlotNotFound)?;
        drop.status = effective_status(drop.status, drop.window, now);
        Ok((drop, slot, counts))
    }

    pub async fn add_access_code(
        &self,
        principal: &Principal,
        id: DropId,
        code: &AccessCode,
        max_uses: Option<u32>,
    ) -> Result<(), DropError> {
        self.owned(principal, id).await?;
        if max_uses == Some(0) {
            return Err(invalid("max_uses", text!("check-max-uses")));
        }
        match self
            .storage
            .add_access_code(id, code.as_str(), max_uses, Timestamp::now())
            .await
        {
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Err(DropError::CodeTaken),
            other => Ok(other?),
        }
    }

    pub async fn access_codes(
        &self,
        principal: &Principal,
        id: DropId,
    ) -> Result<Vec<AccessCodeUse>, DropError> {
        self.owned(principal, id).await?;
        Ok(self
            .storage
            .access_codes(id)
            .await?
            .into_iter()
            .filter_map(|(code, max, uses)| {
                Some(AccessCodeUse {
                    code: AccessCode::parse(&code).ok()?,
                    max_uses: max.and_then(|m| u32::try_from(m).ok()),
                    uses: u32::try_from(uses).ok()?,
                })
            })
            .collect())
    }

    /// Uses a code once, for a place in a line; false when it is unknown or used up.
    pub async fn use_access_code(&self, id: DropId, code: &AccessCode) -> Result<bool, DropError> {
        Ok(self.storage.use_access_code(id, code.as_str()).await?)
    }

    /// Whether a code is the drop's and has uses left (a booking's write uses it).
    pub async fn access_code_has_uses(
        &self,
        id: DropId,
        code: &AccessCode,
    ) -> Result<bool, DropError> {
        Ok(self.storage.access_code_has_uses(id, code.as_str()).await?)
    }
}

fn window(
    opens: Option<LocalDateTime>,
    closes: Option<LocalDateTime>,
    zone: &TimeZoneName,
) -> Result<Option<DropWindow>, DropError> {
    let (Some(opens), Some(closes)) = (opens, closes) else {
        return Ok(None);
    };
    if !crate::branches::zone::zone_exists(zone) {
        return Err(invalid("time_zone", text!("check-zone-known")));
    }
    let opens_at = local_to_instant(opens, zone).map_err(|e| invalid("opens_at", e))?;
    let closes_at = local_to_instant(closes, zone).map_err(|e| invalid("closes_at", e))?;
    DropWindow::new(opens_at, closes_at)
        .map(Some)
        .map_err(|e| invalid("closes_at", e))
}

/// A window a drop can be published with: set, and not over already.
fn publishable_window(window: Option<DropWindow>, now: Timestamp) -> Result<DropWindow, DropError> {
    let window = window.ok_or_else(|| invalid("opens_at", text!("check-window-needed")))?;
    if window.closes_at() <= now {
        return Err(invalid("closes_at", text!("check-in-the-past")));
    }
    Ok(window)
}

/// The event of a move the clock makes.
fn clock_event(drop_id: DropId, store_id: StoreId, command: DropCommand) -> Option<DomainEvent> {
    match command {
        DropCommand::Open => Some(DomainEvent::DropOpened { drop_id, store_id }),
        DropCommand::Close => Some(DomainEvent::DropClosed {
            drop_id,
            store_id,
            by_owner: false,
        }),
        _ => None,
    }
}

fn slot_view(slot: Slot, counts: SlotCounts, branch: &Branch) -> SlotView {
    let local = describe_span(slot.starts_at, slot.ends_at, &branch.time_zone);
    SlotView {
        slot,
        counts,
        branch_name: branch.name.to_string(),
        time_zone: branch.time_zone.clone(),
        local,
    }
}
