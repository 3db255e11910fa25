//! A store's own words in its messages: a short note per kind of message, kept by its owners
//! and previewed in the admin as the mail its shoppers will get.

use super::{
    NotificationError, NotificationService,
    compose::{Facts, Words, words},
};
use crate::{
    i18n::{I18n, Language},
    identity::model::Principal,
    ids::StoreId,
    notifications::{
        email::{self, Detail, Notice},
        model::{MessageKind, StoreNote},
    },
    t,
    time::Timestamp,
};
use std::time::Instant;

/// A kind of message and the note its store adds to it, if any.
pub type KindNote = (MessageKind, Option<String>);

impl NotificationService {
    /// The store's note on each kind of message that may carry one (its owners only).
    pub async fn notes(
        &self,
        principal: &Principal,
        store: StoreId,
    ) -> Result<Vec<KindNote>, NotificationError> {
        self.0.stores.require_owner(principal, store).await?;
        let kept = self.0.storage.notes(store).await?;
        Ok(MessageKind::noted()
            .map(|kind| {
                let note = kept
                    .iter()
                    .find(|(name, _)| name == kind.as_str())
                    .map(|(_, note)| note.clone());
                (kind, note)
            })
            .collect())
    }

    /// Keeps the store's note on one kind of message, or removes it (its owners only).
    pub async fn set_note(
        &self,
        principal: &Principal,
        store: StoreId,
        kind: MessageKind,
        note: Option<StoreNote>,
    ) -> Result<(), NotificationError> {
        self.0.stores.require_owner(principal, store).await?;
        if !kind.takes_notes() {
            return Err(NotificationError::NotFound);
        }
        let text = note.as_ref().map(StoreNote::as_str);
        self.0
            .storage
            .set_note(store, kind, text, Timestamp::now())
            .await?;
        // This instance's next mail has it at once; others within the memo's time.
        self.0
            .notes
            .put((store, kind), Instant::now(), text.map(str::to_owned));
        Ok(())
    }

    /// The store's note on a kind of message, remembered for a moment: every mail reads it.
    pub(super) async fn note_of(
        &self,
        store: StoreId,
        kind: MessageKind,
    ) -> Result<Option<String>, NotificationError> {
        if let Some(note) = self.0.notes.get(&(store, kind), Instant::now()) {
            return Ok(note);
        }
        let note = self.0.storage.note(store, kind).await?;
        self.0
            .notes
            .put((store, kind), Instant::now(), note.clone());
        Ok(note)
    }

    /// The mail a kind of message makes with `note`, as HTML, with made-up booking details
    /// and the store's own name, colour and logo (its owners only).
    pub async fn preview_note(
        &self,
        principal: &Principal,
        store: StoreId,
        kind: MessageKind,
        note: Option<StoreNote>,
        language: Language,
    ) -> Result<String, NotificationError> {
        self.0.stores.require_owner(principal, store).await?;
        let store = self.0.stores.get_by_id(principal, store).await?;
        let i18n = I18n(language);
        let (name, drop, branch, when, deadline) = (
            t!(i18n, "notes-sample-name"),
            t!(i18n, "notes-sample-drop"),
            t!(i18n, "notes-sample-branch"),
            t!(i18n, "notes-sample-when"),
            t!(i18n, "notes-sample-deadline"),
        );
        let store_name = store.name.to_string();
        let facts = Facts {
            name: &name,
            drop: &drop,
            store: &store_name,
            branch: &branch,
            when: &when,
            deadline: &deadline,
            deposit: None,
        };
        let Some(Words {
            subject,
            heading,
            intro,
        }) = words(i18n, kind, &facts)
        else {
            return Err(NotificationError::NotFound);
        };
        let notice = Notice {
            lang: language.code(),
            subject,
            heading,
            intro,
            note: note.map(String::from),
            details: vec![
                Detail {
                    label: t!(i18n, "notice-detail-drop"),
                    value: drop.clone(),
                    code: false,
                },
                Detail {
                    label: t!(i18n, "notice-detail-when"),
                    value: when.clone(),
                    code: false,
                },
            ],
            action_label: None,
            action_url: None,
            footer: t!(i18n, "notice-footer", store = store_name.clone()),
            unsubscribe_label: None,
            unsubscribe_url: None,
            store: store_name,
            accent: store.profile.accent.to_string(),
            logo_url: self.logo_url(&store),
            ticket: None,
            calendar: None,
        };
        let mail = email::render(notice, "preview@dropslot.invalid", String::new())
            .map_err(NotificationError::Render)?;
        Ok(mail.html.map(|html| html.html).unwrap_or_default())
    }
}
