//! Server functions of the Notifications context: the messages of a store's drops that could
//! not be sent and sending one again, the store's notes on its messages, web push, and "tell
//! me when it opens".

use super::model::{Delivery, MessageKind};
use crate::{error::AppError, paging::Page, stores::model::Store};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A store's messages that were given up on, for its owners.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailedMessageList {
    pub store: Store,
    pub failed: Page<Delivery>,
}

#[server]
pub async fn failed_messages(
    slug: String,
    page: Option<u32>,
) -> Result<FailedMessageList, AppError> {
    use crate::{
        paging::PageRequest, request::principal, services::services, stores::api::store_id_of,
    };
    let (store, id) = store_id_of(&slug).await?;
    let failed = services()?
        .notifications
        .failed_for_store(&principal(), id, PageRequest::new(page, None))
        .await?;
    Ok(FailedMessageList { store, failed })
}

#[server]
pub async fn send_message_again(slug: String, id: String) -> Result<(), AppError> {
    use crate::{
        ids::NotificationId, request::principal, services::services, stores::api::store_id_of,
    };
    let (_, store) = store_id_of(&slug).await?;
    let id = NotificationId::from_path(&id)?;
    Ok(services()?
        .notifications
        .send_again(&principal(), store, id)
        .await?)
}

/// The key a browser subscribes to push with (its `applicationServerKey`).
#[server]
pub async fn push_key() -> Result<String, AppError> {
    use crate::services::services;
    Ok(services()?.notifications.push_public_key().await?)
}

/// Keeps the browser's push subscription for the signed-in person: the endpoint and keys of
/// its `PushSubscription.toJSON()`.
#[server]
pub async fn save_push_subscription(
    endpoint: String,
    p256dh: String,
    auth: String,
) -> Result<(), AppError> {
    use super::push::Subscription;
    use crate::{request::request_context, services::services};
    let subscription = Subscription::parse(endpoint, p256dh, auth)?;
    let context = request_context();
    Ok(services()?
        .notifications
        .subscribe(&context.principal, subscription, &context.user_agent)
        .await?)
}

/// How many of the signed-in person's browsers have notifications on.
#[server]
pub async fn push_browsers() -> Result<usize, AppError> {
    use crate::{request::principal, services::services};
    Ok(services()?
        .notifications
        .subscriptions(&principal())
        .await?
        .len())
}

/// Asks (`on`) or stops asking to be told before the drop opens.
#[server]
pub async fn ask_opening_alert(drop_id: String, on: bool) -> Result<(), AppError> {
    use crate::{ids::DropId, request::principal, services::services};
    let drop = DropId::from_path(&drop_id)?;
    Ok(services()?
        .notifications
        .ask_opening_alert(&principal(), drop, on)
        .await?)
}

/// Whether the signed-in person asked to be told when the drop opens.
#[server]
pub async fn opening_alert_state(drop_id: String) -> Result<bool, AppError> {
    use crate::{ids::DropId, request::principal, services::services};
    let drop = DropId::from_path(&drop_id)?;
    Ok(services()?
        .notifications
        .opening_alert_on(&principal(), drop)
        .await?)
}

/// A store's notes on its messages, for its owners.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreMessageNotes {
    pub store: Store,
    pub notes: Vec<(MessageKind, Option<String>)>,
}

#[server]
pub async fn message_notes(slug: String) -> Result<StoreMessageNotes, AppError> {
    use crate::{request::principal, services::services, stores::api::store_id_of};
    let (store, id) = store_id_of(&slug).await?;
    let notes = services()?.notifications.notes(&principal(), id).await?;
    Ok(StoreMessageNotes { store, notes })
}

#[server]
pub async fn save_message_note(slug: String, kind: String, note: String) -> Result<(), AppError> {
    use crate::{request::principal, services::services, stores::api::store_id_of};
    let (kind, note) = parse_note(&kind, &note)?;
    let (_, store) = store_id_of(&slug).await?;
    Ok(services()?
        .notifications
        .set_note(&principal(), store, kind, note)
        .await?)
}

/// The mail a kind of message makes with the note as typed, as HTML (not kept).
#[server]
pub async fn preview_message_note(
    slug: String,
    kind: String,
    note: String,
) -> Result<String, AppError> {
    use crate::{
        i18n::request_language, request::principal, services::services, stores::api::store_id_of,
    };
    let (kind, note) = parse_note(&kind, &note)?;
    let (_, store) = store_id_of(&slug).await?;
    Ok(services()?
        .notifications
        .preview_note(&principal(), store, kind, note, request_language())
        .await?)
}

#[cfg(feature = "ssr")]
fn parse_note(
    kind: &str,
    note: &str,
) -> Result<(MessageKind, Option<super::model::StoreNote>), AppError> {
    use crate::{error::FieldErrors, notifications::service::NotificationError};
    let kind = MessageKind::parse(kind).ok_or(NotificationError::NotFound)?;
    let note = super::model::StoreNote::parse_optional(note)
        .map_err(|error| FieldErrors::single("note", error))?;
    Ok((kind, note))
}
