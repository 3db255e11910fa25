//! Server functions of the Drops context: what the shopper's drop page, the owner's editor and
//! the live view load, and the owner's actions.

use super::model::{AccessCodeUse, Drop, DropStatus, SlotView};
use crate::{
    branches::model::Branch, error::AppError, products::model::Product,
    reservations::waitlist::WaitlistEntry, stores::model::Store, time::Timestamp,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A drop as lists show it, with its status now and its window on the drop's clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DropSummary {
    pub drop: Drop,
    pub status: DropStatus,
    /// "Sat 5 Dec 10:00 ICT", or empty while no window is set.
    pub opens_label: String,
    pub closes_label: String,
}

impl DropSummary {
    /// A drop with its status at `now` and its window on the drop's clock, in `language`.
    #[cfg(feature = "ssr")]
    pub fn at(drop: Drop, now: Timestamp, language: crate::i18n::Language) -> Self {
        use crate::drops::{rules::effective_status, schedule::describe};
        let label = |at: Timestamp| {
            let (date, time, zone) = describe(at, &drop.time_zone);
            format!("{} {time} {zone}", date.text().in_language(language))
        };
        let (opens_label, closes_label) = drop
            .window
            .map(|w| (label(w.opens_at()), label(w.closes_at())))
            .unwrap_or_default();
        Self {
            status: effective_status(drop.status, drop.window, now),
            drop,
            opens_label,
            closes_label,
        }
    }
}

/// What the shopper's drop page shows around its slots: rendered on the server only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DropPageData {
    pub summary: DropSummary,
    pub store: Store,
    pub products: Vec<Product>,
    pub can_manage: bool,
}

/// The drop page's slots section, which the browser asks for again after each form's answer
/// and when the countdown ends: only what that section shows, so the page's code stays small.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DropSlotsData {
    pub status: DropStatus,
    pub opens_at: Option<Timestamp>,
    /// The server's clock when answering, so the countdown ignores a wrong phone clock.
    pub server_now: Timestamp,
    /// Only once the drop is open or over: before that the page counts down.
    pub slots: Vec<SlotView>,
    pub signed_in: bool,
    /// Makes each booking form's idempotency key: a resent form books once.
    pub form_token: String,
    /// The lines the signed-in person waits in, in this drop.
    pub my_waitlist: Vec<WaitlistEntry>,
    pub units_per_reservation: u16,
    pub needs_code: bool,
}

/// The owner's editor: the drop, and what it can be built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DropEditorData {
    pub summary: DropSummary,
    pub store: Store,
    pub products: Vec<Product>,
    pub branches: Vec<Branch>,
    pub slots: Vec<SlotView>,
    pub codes: Vec<AccessCodeUse>,
    /// The window as the form shows it ("2026-12-01T10:00:00"), on the drop's clock.
    pub opens_local: String,
    pub closes_local: String,
}

/// A store's drops for its owners, and what a new drop starts from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnerDropList {
    pub store: Store,
    pub drops: Vec<DropSummary>,
}

/// The live view: counts per slot, asked again every few seconds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveCounts {
    pub summary: DropSummary,
    pub store: Store,
    pub slots: Vec<SlotView>,
    pub server_now: Timestamp,
}

#[cfg(feature = "ssr")]
mod server {
    use crate::{
        drops::model::{Drop, DropId},
        error::AppError,
        identity::model::Principal,
        services::Services,
        stores::model::Store,
    };

    /// A drop and its store, for the store's owners only.
    pub async fn managed_drop(
        services: &Services,
        principal: &Principal,
        id: &str,
    ) -> Result<(Drop, Store), AppError> {
        let drop = services
            .drops
            .get(principal, DropId::from_path(id)?)
            .await?;
        services
            .stores
            .require_owner(principal, drop.store_id)
            .await?;
        let store = services.stores.get_by_id(principal, drop.store_id).await?;
        Ok((drop, store))
    }
}

#[server]
pub async fn drop_page(id: String) -> Result<DropPageData, AppError> {
    use crate::{ids::DropId, request::principal, services::services};
    let services = services()?;
    let principal = principal();
    let drop = services
        .drops
        .get(&principal, DropId::from_path(&id)?)
        .await?;
    let store = services.stores.get_by_id(&principal, drop.store_id).await?;
    let can_manage = services
        .stores
        .require_owner(&principal, store.id)
        .await
        .is_ok();
    let mut products = Vec::new();
    for product in &drop.products {
        if let Ok(product) = services.products.get(&principal, *product).await {
            products.push(product);
        }
    }
    Ok(DropPageData {
        summary: DropSummary::at(drop, Timestamp::now(), crate::i18n::request_language()),
        store,
        products,
        can_manage,
    })
}

#[server]
pub async fn drop_slots(id: String) -> Result<DropSlotsData, AppError> {
    use super::{model::Eligibility, rules::effective_status};
    use crate::{identity::model::Principal, ids::DropId, request::principal, services::services};
    let services = services()?;
    let principal = principal();
    let drop = services
        .drops
        .get(&principal, DropId::from_path(&id)?)
        .await?;
    let now = Timestamp::now();
    let status = effective_status(drop.status, drop.window, now);
    let slots = if matches!(status, DropStatus::Scheduled | DropStatus::Draft) {
        Vec::new()
    } else {
        services.drops.slots(&principal, drop.id).await?
    };
    let signed_in = matches!(principal, Principal::User { .. });
    let my_waitlist = if signed_in && status == DropStatus::Open {
        services
            .reservations
            .my_waitlist(&principal, Some(drop.id))
            .await?
    } else {
        Vec::new()
    };
    Ok(DropSlotsData {
        status,
        opens_at: drop.window.map(|w| w.opens_at()),
        server_now: now,
        slots,
        signed_in,
        form_token: uuid::Uuid::now_v7().simple().to_string(),
        my_waitlist,
        units_per_reservation: drop.rules.units_per_reservation,
        needs_code: drop.rules.eligibility == Eligibility::AccessCode,
    })
}

/// A store's drops as its page lists them: scheduled and open ones, soonest first.
#[server]
pub async fn store_drops(store_id: String) -> Result<Vec<DropSummary>, AppError> {
    use crate::{ids::StoreId, request::principal, services::services};
    let store = StoreId::from_path(&store_id)?;
    let now = Timestamp::now();
    let principal = principal();
    Ok(services()?
        .drops
        .for_store(&principal, store, now)
        .await?
        .into_iter()
        .map(|d| DropSummary::at(d, now, crate::i18n::request_language()))
        .filter(|d| matches!(d.status, DropStatus::Scheduled | DropStatus::Open))
        .collect())
}

#[server]
pub async fn owner_drops(slug: String) -> Result<OwnerDropList, AppError> {
    use crate::{
        request::principal,
        services::services,
        stores::{model::StoreSlug, service::StoreError},
    };
    let services = services()?;
    let principal = principal();
    let slug = StoreSlug::parse(&slug)
        .map_err(|_| AppError::from(StoreError::NotFound(slug.to_string())))?;
    let store = services.stores.get_by_slug(&principal, &slug).await?;
    services.stores.require_owner(&principal, store.id).await?;
    let now = Timestamp::now();
    let drops = services
        .drops
        .for_store(&principal, store.id, now)
        .await?
        .into_iter()
        .map(|d| DropSummary::at(d, now, crate::i18n::request_language()))
        .collect();
    Ok(OwnerDropList { store, drops })
}

/// Starts a draft with the default rules, in the zone of the store's first branch, and opens
/// its editor.
#[server]
pub async fn create_drop(store_id: String, name: String) -> Result<Drop, AppError> {
    use super::model::DropInput;
    use crate::{ids::StoreId, request::principal, services::services};
    let services = services()?;
    let principal = principal();
    let store = StoreId::from_path(&store_id)?;
    let zone = services
        .branches
        .for_store(&principal, store, Timestamp::now())
        .await?
        .first()
        .map_or_else(|| "UTC".to_owned(), |b| b.branch.time_zone.to_string());
    let input = DropInput {
        name,
        time_zone: zone,
        ..DropInput::default()
    };
    let drop = services.drops.create(&principal, store, &input).await?;
    leptos_axum::redirect(&format!("/owner/drops/{}", drop.id));
    Ok(drop)
}

#[server]
pub async fn drop_editor(id: String) -> Result<DropEditorData, AppError> {
    use crate::{
        drops::schedule::instant_to_local, paging::PageRequest, request::principal,
        services::services,
    };
    let services = services()?;
    let principal = principal();
    let (drop, store) = server::managed_drop(&services, &principal, &id).await?;
    let now = Timestamp::now();
    let products = services
        .products
        .list_for_store(
            &principal,
            store.id,
            PageRequest::new(Some(1), Some(PageRequest::MAX_PER_PAGE)),
        )
        .await?
        .items
        .into_iter()
        .filter(|p| !p.archived)
        .collect();
    let branches = services
        .branches
        .for_store(&principal, store.id, now)
        .await?
        .into_iter()
        .map(|b| b.branch)
        .collect();
    let slots = services.drops.slots(&principal, drop.id).await?;
    let codes = services.drops.access_codes(&principal, drop.id).await?;
    let local = |at: Option<Timestamp>| {
        at.and_then(|at| instant_to_local(at, &drop.time_zone))
            .unwrap_or_default()
    };
    let (opens_local, closes_local) = (
        local(drop.window.map(|w| w.opens_at())),
        local(drop.window.map(|w| w.closes_at())),
    );
    Ok(DropEditorData {
        summary: DropSummary::at(drop, now, crate::i18n::request_language()),
        store,
        products,
        branches,
        slots,
        codes,
        opens_local,
        closes_local,
    })
}

#[server]
#[allow(clippy::too_many_arguments)]
pub async fn save_drop(
    drop_id: String,
    name: String,
    description: String,
    time_zone: String,
    opens_at: String,
    closes_at: String,
    reservations_per_person: String,
    units_per_reservation: String,
    hold_minutes: String,
    deposit: String,
    booking_cutoff_minutes: String,
    cancellation_window_minutes: String,
    access_codes_required: Option<String>,
    verified_email_required: Option<String>,
    reminder_hours: Option<String>,
    products: Option<Vec<String>>,
) -> Result<Drop, AppError> {
    use super::model::{DropInput, RulesInput};
    use crate::{ids::DropId, request::principal, services::services};
    let input = DropInput {
        name,
        description,
        time_zone,
        opens_at,
        closes_at,
        rules: RulesInput {
            reservations_per_person,
            units_per_reservation,
            hold_minutes,
            deposit,
            booking_cutoff_minutes,
            cancellation_window_minutes,
            access_codes_required: access_codes_required.is_some(),
            verified_email_required: verified_email_required.is_some(),
            // A form from before reminders were in it keeps the usual ones.
            reminder_hours: reminder_hours.unwrap_or_else(|| RulesInput::default().reminder_hours),
        },
        products: products.unwrap_or_default(),
    };
    let drop = services()?
        .drops
        .update(&principal(), DropId::from_path(&drop_id)?, &input)
        .await?;
    Ok(drop)
}

/// What a schedule form answers: the slots it would make, or how many it added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScheduleOutcome {
    Preview(Vec<SlotView>),
    Added(u64),
}

/// Adds a schedule's slots to a draft, or with `preview` set (the form's Preview button) only
/// shows the slots it would make.
#[server]
#[allow(clippy::too_many_arguments)]
pub async fn schedule_slots(
    drop_id: String,
    branch_id: String,
    first_day: String,
    last_day: String,
    daily_from: String,
    daily_until: String,
    slot_minutes: String,
    capacity: String,
    weekdays: Option<Vec<u8>>,
    preview: Option<String>,
) -> Result<ScheduleOutcome, AppError> {
    use super::model::ScheduleInput;
    use crate::{ids::DropId, request::principal, services::services};
    let services = services()?;
    let principal = principal();
    let schedule = ScheduleInput {
        branch_id,
        first_day,
        last_day,
        daily_from,
        daily_until,
        slot_minutes,
        capacity,
        weekdays: weekdays.unwrap_or_default(),
    };
    let id = DropId::from_path(&drop_id)?;
    if preview.is_some() {
        let drop = services.drops.get(&principal, id).await?;
        let slots = services
            .drops
            .preview_schedule(&principal, drop.store_id, &schedule)
            .await?;
        return Ok(ScheduleOutcome::Preview(slots));
    }
    let added = services.drops.add_slots(&principal, id, &schedule).await?;
    Ok(ScheduleOutcome::Added(added))
}

#[server]
pub async fn remove_slot(drop_id: String, slot_id: String) -> Result<(), AppError> {
    use crate::{
        ids::{DropId, SlotId},
        request::principal,
        services::services,
    };
    let slot = SlotId::from_path(&slot_id)?;
    Ok(services()?
        .drops
        .remove_slot(&principal(), DropId::from_path(&drop_id)?, slot)
        .await?)
}

#[server]
pub async fn set_slot_capacity(
    drop_id: String,
    slot_id: String,
    capacity: String,
) -> Result<(), AppError> {
    use super::model::Capacity;
    use crate::{
        error::FieldErrors,
        ids::{DropId, SlotId},
        request::principal,
        services::services,
    };
    let slot = SlotId::from_path(&slot_id)?;
    let capacity = Capacity::parse(&capacity)
        .map_err(|e| AppError::from(FieldErrors::single("capacity", e)))?;
    Ok(services()?
        .drops
        .set_capacity(&principal(), DropId::from_path(&drop_id)?, slot, capacity)
        .await?)
}

/// publish, unpublish, close, archive or cancel.
#[server]
pub async fn drop_command(drop_id: String, command: String) -> Result<Drop, AppError> {
    use super::rules::DropCommand;
    use crate::{error::FieldErrors, ids::DropId, request::principal, services::services};
    let command = DropCommand::parse_owner_command(&command).ok_or_else(|| {
        AppError::from(FieldErrors::single(
            "command",
            crate::text!("check-command"),
        ))
    })?;
    Ok(services()?
        .drops
        .command(&principal(), DropId::from_path(&drop_id)?, command)
        .await?)
}

#[server]
pub async fn add_access_code(
    drop_id: String,
    code: String,
    max_uses: String,
) -> Result<(), AppError> {
    use super::model::AccessCode;
    use crate::{error::FieldErrors, ids::DropId, request::principal, services::services};
    let mut errors = FieldErrors::default();
    // Left empty, DropSlot makes one that cannot be guessed.
    let code = match code.trim() {
        "" => Some(AccessCode::generate()),
        chosen => errors.check("code", AccessCode::chosen(chosen)),
    };
    let max_uses = match max_uses.trim() {
        "" => Some(None),
        n => errors.check(
            "max_uses",
            n.parse::<u32>()
                .ok()
                .filter(|n| *n >= 1)
                .map(Some)
                .ok_or_else(|| crate::text!("check-max-uses-number")),
        ),
    };
    let (Some(code), Some(max_uses)) = (code, max_uses) else {
        return Err(errors.into());
    };
    Ok(services()?
        .drops
        .add_access_code(&principal(), DropId::from_path(&drop_id)?, &code, max_uses)
        .await?)
}

#[server]
pub async fn drop_live(id: String) -> Result<LiveCounts, AppError> {
    use crate::{request::principal, services::services};
    let services = services()?;
    let principal = principal();
    let (drop, store) = server::managed_drop(&services, &principal, &id).await?;
    let slots = services.drops.slots(&principal, drop.id).await?;
    let now = Timestamp::now();
    Ok(LiveCounts {
        summary: DropSummary::at(drop, now, crate::i18n::request_language()),
        store,
        slots,
        server_now: now,
    })
}
