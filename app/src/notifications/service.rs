//! The only way into the Notifications context. Planning turns domain events into rows (one per
//! message, person and channel; a reservation's reminders with it); delivery takes due rows,
//! composes each from the facts as they are at sending time (so a reminder never goes to a
//! cancelled booking), and puts it on its channel behind that provider's circuit breaker and
//! rate. Bookings never wait on any of it: planning runs in the outbox's worker, sending in its
//! own.

use super::{
    links::LinkSigner,
    model::{Channel, Delivery, DeliveryStatus, MessageKind},
    push::{PushError, Subscription, Urgency, VapidKey, WebPush},
    rules::{self, Breaker, MAX_ATTEMPTS},
    sms::{SharedSms, SmsError, TextOutcome, twilio_report},
    storage::{Claimed, NewNotification, NotificationStorage, Planned},
};
use crate::{
    branches::service::BranchService,
    contact::MobileNumber,
    db::Db,
    drops::service::{DropError, DropService},
    error::{DomainError, ErrorKind, internal_text},
    events::{DomainEvent, ReservationFacts, WaitlistFacts, outbox::StoredEvent},
    i18n::Text,
    identity::{
        model::{Account, Principal},
        service::{IdentityError, IdentityService},
    },
    ids::{DropId, NotificationId, ReservationId, SlotId, StoreId, UserId},
    mail::{OutgoingMail, SharedMailer},
    memo::TimedMemo,
    paging::{Page, PageRequest},
    reservations::service::ReservationService,
    stores::service::{StoreError, StoreService},
    text,
    time::Timestamp,
};
use serde::{Deserialize, Serialize};
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::Duration,
};
use tracing::instrument;

mod compose;
mod notes;
mod opening;

pub use notes::KindNote;

crate::ids::owned_ids!(NotificationId => NotificationError::NotFound);

#[derive(Debug, thiserror::Error)]
pub enum NotificationError {
    #[error("no such message")]
    NotFound,
    #[error("the report is not signed by the provider")]
    Unsigned,
    #[error("sign in first")]
    Unauthenticated,
    #[error("the link is not valid")]
    BadLink,
    #[error("cannot render the message: {0}")]
    Render(String),
    #[error("the drop is not waiting to open")]
    NotAwaited,
    #[error(transparent)]
    Drop(#[from] DropError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Identity(#[from] IdentityError),
    #[error("storage failed: {0}")]
    Storage(#[from] sqlx::Error),
}

impl DomainError for NotificationError {
    fn kind(&self) -> ErrorKind {
        match self {
            Self::NotFound => ErrorKind::NotFound,
            Self::Unsigned => ErrorKind::Forbidden,
            Self::Unauthenticated => ErrorKind::Unauthenticated,
            Self::BadLink => ErrorKind::Forbidden,
            Self::Render(_) => ErrorKind::Internal,
            Self::NotAwaited => ErrorKind::Conflict,
            Self::Drop(inner) => inner.kind(),
            Self::Store(inner) => inner.kind(),
            Self::Identity(inner) => inner.kind(),
            Self::Storage(_) => ErrorKind::Internal,
        }
    }

    fn text(&self) -> Text {
        match self {
            Self::NotFound => text!("notice-err-not-found"),
            Self::Unsigned => text!("notice-err-unsigned"),
            Self::Unauthenticated => text!("notice-err-sign-in"),
            Self::BadLink => text!("notice-err-bad-link"),
            Self::Render(_) => internal_text(),
            Self::NotAwaited => text!("notice-err-not-awaited"),
            Self::Drop(inner) => inner.text(),
            Self::Store(inner) => inner.text(),
            Self::Identity(inner) => inner.text(),
            Self::Storage(_) => internal_text(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct NotificationSettings {
    /// The address people reach this DropSlot at, for links and message ids.
    pub public_url: String,
    /// The sender's address, the calendar event's organiser.
    pub sender: String,
    /// The most mails a second this instance hands to the mail server.
    pub emails_per_second: u32,
    /// The most texts a second this instance hands to the SMS provider.
    pub texts_per_second: u32,
    /// The first wait after a failed send (it doubles with each failure, up to an hour).
    pub first_retry_ms: i64,
    /// How long a provider is left alone after failing `Breaker::THRESHOLD` times in a row.
    pub provider_rest_ms: i64,
    /// Attempts before a message is given up on and listed for its store's owners.
    pub max_attempts: u32,
    /// The server's secret, from which the key of links acting without a sign-in ("stop these
    /// alerts") is derived.
    pub link_secret: Vec<u8>,
}

impl Default for NotificationSettings {
    fn default() -> Self {
        Self {
            public_url: "http://localhost:3000".into(),
            sender: "no-reply@dropslot.localhost".into(),
            emails_per_second: 50,
            texts_per_second: 10,
            first_retry_ms: rules::FIRST_RETRY_MS,
            provider_rest_ms: Breaker::COOL_OFF_MS,
            max_attempts: MAX_ATTEMPTS,
            // Made afresh: production derives it from the configured secret.
            link_secret: [UserId::generate(), UserId::generate()]
                .map(|id| id.to_string())
                .concat()
                .into_bytes(),
        }
    }
}

/// What a message is about, as stored with it; read again at sending time.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "about", rename_all = "snake_case")]
enum Subject {
    Reservation {
        reservation_id: ReservationId,
        slot_id: SlotId,
    },
    Reminder {
        reservation_id: ReservationId,
        slot_id: SlotId,
        lead_minutes: u32,
    },
    Waitlist {
        slot_id: SlotId,
        /// The places held for the person, when the line offered them some.
        offer: Option<(ReservationId, Timestamp)>,
    },
    /// A drop's opening, for someone who asked to be told.
    Opening { drop_id: DropId },
}

/// How long an instance sends with a store's note as it read it: another instance's change
/// reaches its mail within this.
const NOTE_MEMO: Duration = Duration::from_secs(30);

/// How long a claimed message is the claiming worker's before another may take it over.
const LEASE_MS: i64 = 60_000;
/// Held messages wait this long before they go, so that a waitlist offer (which holds places
/// too) is told once, as an offer.
const HELD_GRACE_MS: i64 = 2_000;

#[derive(Clone)]
pub struct NotificationService(Arc<Inner>);

struct Inner {
    storage: NotificationStorage,
    identity: IdentityService,
    stores: StoreService,
    branches: BranchService,
    drops: DropService,
    reservations: ReservationService,
    mailer: SharedMailer,
    /// Texts, when an SMS provider is configured.
    sms: Option<SharedSms>,
    push: WebPush,
    /// This server's VAPID key, read (or made) on first use.
    vapid: tokio::sync::OnceCell<VapidKey>,
    settings: NotificationSettings,
    links: LinkSigner,
    /// Each store's note per kind of message, read by every mail it sends.
    notes: TimedMemo<(StoreId, MessageKind), Option<String>>,
    breakers: Mutex<HashMap<Channel, Breaker>>,
    /// When the next message of each channel may go, at its provider's rate.
    next_send: tokio::sync::Mutex<HashMap<Channel, tokio::time::Instant>>,
}

/// What became of one claimed message.
enum Composed {
    Mail(OutgoingMail),
    Text {
        to: MobileNumber,
        body: String,
    },
    Push {
        payload: String,
        urgency: Urgency,
    },
    Skip(&'static str),
    MoveTo(Timestamp),
    /// The facts could not be read now (the database is busy): tried again later.
    Retry(String),
}

/// Why a send failed, as the log and the retry rule need it.
struct SendFailure {
    reason: String,
    /// The provider failed (worth another try), not this one message.
    transient: bool,
}

impl NotificationService {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        db: Db,
        identity: IdentityService,
        stores: StoreService,
        branches: BranchService,
        drops: DropService,
        reservations: ReservationService,
        mailer: SharedMailer,
        sms: Option<SharedSms>,
        settings: NotificationSettings,
    ) -> Self {
        Self(Arc::new(Inner {
            storage: NotificationStorage::new(db),
            identity,
            stores,
            branches,
            drops,
            reservations,
            mailer,
            sms,
            push: WebPush::new(format!("mailto:{}", settings.sender)),
            vapid: tokio::sync::OnceCell::new(),
            links: LinkSigner::new(&settings.link_secret),
            notes: TimedMemo::new(NOTE_MEMO),
            settings,
            breakers: Mutex::new(HashMap::new()),
            next_send: tokio::sync::Mutex::new(HashMap::new()),
        }))
    }

    /// Plans the messages an event causes (idempotent: an event planned twice is planned once).
    #[instrument(skip_all, fields(event = stored.event.kind()))]
    pub async fn plan(&self, stored: &StoredEvent) -> Result<(), NotificationError> {
        let now = Timestamp::now();
        let mut planned = Vec::new();
        let mut replacing = Vec::new();
        match &stored.event {
            DomainEvent::WaitlistJoined(entry) => {
                planned.push(self.waitlist_message(
                    &stored.event_id,
                    MessageKind::WaitlistJoined,
                    entry,
                    None,
                    now,
                ));
            }
            // Alerts wait for the opening as it is now.
            DomainEvent::DropRescheduled {
                drop_id, opens_at, ..
            } => {
                let due = rules::opening_alert_due(*opens_at, now);
                let key = opening::opening_key(*drop_id);
                self.0
                    .storage
                    .move_waiting(MessageKind::DropOpening, &key, due)
                    .await?;
            }
            // Told as an offer, in place of the plain "held" its hold plans (same key).
            DomainEvent::WaitlistOffered {
                entry,
                reservation_id,
                expires_at,
            } => replacing.push(self.waitlist_message(
                &held_key(*reservation_id),
                MessageKind::WaitlistOffered,
                entry,
                Some((*reservation_id, *expires_at)),
                now,
            )),
            event => {
                if let Some((kind, facts)) = rules::reservation_message(event) {
                    let (key, due) = match kind {
                        MessageKind::Held => (
                            held_key(facts.reservation_id),
                            now.as_millis() + HELD_GRACE_MS,
                        ),
                        _ => (stored.event_id.clone(), now.as_millis()),
                    };
                    let subject = Subject::Reservation {
                        reservation_id: facts.reservation_id,
                        slot_id: facts.slot_id,
                    };
                    planned.push(self.message(
                        &key,
                        kind,
                        facts,
                        subject,
                        Timestamp::from_millis(due),
                    ));
                    if kind == MessageKind::Confirmed {
                        planned.extend(self.reminders(facts, now).await?);
                    }
                }
                if let Some(facts) = rules::ends_waiting_for_slot(event) {
                    self.0
                        .storage
                        .skip_waiting(
                            MessageKind::Reminder,
                            &reminder_key_prefix(facts.reservation_id),
                            "the reservation no longer awaits its slot",
                        )
                        .await?;
                }
            }
        }
        let Some(drop_id) = planned.iter().chain(&replacing).find_map(|row| row.drop_id) else {
            return Ok(());
        };
        let person = planned
            .iter()
            .chain(&replacing)
            .find_map(|row| row.recipient.parse().ok());
        let Some(account) = self.account(person).await? else {
            return Ok(());
        };
        // Kept with each message so its store's owners can see what failed.
        let store = self.0.drops.store_of(drop_id).await.ok();
        for row in planned.iter_mut().chain(replacing.iter_mut()) {
            row.store_id = store;
        }
        let other_channels = self.other_channels(&account);
        for rows in [&mut planned, &mut replacing] {
            copy_to_channels(rows, &other_channels);
        }
        let channels = account.preferences.channels;
        // Bookings, cancellations and offers always go by email; reminders as the person chose.
        planned.retain(|row| {
            row.kind != MessageKind::Reminder || row.channel != Channel::Email || channels.email
        });
        self.0.storage.plan(&planned, now, Planned::Keep).await?;
        self.0
            .storage
            .plan(&replacing, now, Planned::ReplaceWaiting)
            .await?;
        Ok(())
    }

    /// The channels besides email the person chose and this server can use.
    fn other_channels(&self, account: &Account) -> Vec<Channel> {
        let channels = account.preferences.channels;
        let texts = channels.sms && account.preferences.mobile.is_some() && self.0.sms.is_some();
        [(Channel::Sms, texts), (Channel::Push, channels.push)]
            .into_iter()
            .filter_map(|(channel, wanted)| wanted.then_some(channel))
            .collect()
    }

    async fn account(&self, person: Option<UserId>) -> Result<Option<Account>, NotificationError> {
        let Some(person) = person else {
            return Ok(None);
        };
        Ok(self.0.identity.account_by_id(person).await?)
    }

    fn message(
        &self,
        key: &str,
        kind: MessageKind,
        about: impl Into<Party>,
        subject: Subject,
        due_at: Timestamp,
    ) -> NewNotification {
        let Party { user_id, drop_id } = about.into();
        NewNotification {
            dedupe_key: key.to_owned(),
            recipient: user_id.to_string(),
            channel: Channel::Email,
            kind,
            subject: serde_json::to_string(&subject).unwrap_or_default(),
            store_id: None,
            drop_id: Some(drop_id),
            due_at,
        }
    }

    fn waitlist_message(
        &self,
        key: &str,
        kind: MessageKind,
        entry: &WaitlistFacts,
        offer: Option<(ReservationId, Timestamp)>,
        now: Timestamp,
    ) -> NewNotification {
        self.message(
            key,
            kind,
            entry,
            Subject::Waitlist {
                slot_id: entry.slot_id,
                offer,
            },
            now,
        )
    }

    /// A confirmed reservation's reminders, at the drop's hours before its slot.
    async fn reminders(
        &self,
        facts: &ReservationFacts,
        now: Timestamp,
    ) -> Result<Vec<NewNotification>, NotificationError> {
        let Ok((drop, slot)) = self.0.drops.slot_with_drop(facts.slot_id, now).await else {
            return Ok(Vec::new());
        };
        let leads: Vec<u32> = drop
            .rules
            .reminder_hours
            .hours()
            .map(|h| u32::from(h) * 60)
            .collect();
        Ok(rules::reminders(slot.starts_at, &leads, now)
            .into_iter()
            .map(|(lead, due)| {
                self.message(
                    &format!("{}{lead}", reminder_key_prefix(facts.reservation_id)),
                    MessageKind::Reminder,
                    facts,
                    Subject::Reminder {
                        reservation_id: facts.reservation_id,
                        slot_id: facts.slot_id,
                        lead_minutes: lead,
                    },
                    due,
                )
            })
            .collect())
    }

    /// Sends up to `limit` due messages; answers how many were handled (sent, skipped, failed
    /// or put back).
    #[instrument(skip_all)]
    pub async fn deliver_due(
        &self,
        now: Timestamp,
        limit: i64,
    ) -> Result<usize, NotificationError> {
        let claimed = self.0.storage.claim(now, limit, LEASE_MS).await?;
        let handled = claimed.len();
        for row in claimed {
            self.deliver(row, now).await?;
        }
        Ok(handled)
    }

    async fn deliver(&self, row: Claimed, now: Timestamp) -> Result<(), NotificationError> {
        let storage = &self.0.storage;
        let channel = Channel::parse(&row.channel).unwrap_or(Channel::Email);
        if let Some(until) = self.breaker_closed_until(channel, now) {
            storage.postpone(&row.id, until).await?;
            return Ok(());
        }
        let sent = match self.compose(&row, channel, now).await {
            Composed::Mail(mail) => {
                self.pace(channel).await;
                self.0.mailer.send(mail).await.map_err(|error| SendFailure {
                    transient: error.is_transient(),
                    reason: error.to_string(),
                })
            }
            Composed::Text { to, body } => {
                self.pace(channel).await;
                self.text(&row, &to, &body).await
            }
            Composed::Push { payload, urgency } => {
                self.push_to_browsers(&row, &payload, urgency).await
            }
            Composed::Skip(reason) => return Ok(storage.mark_skipped(&row.id, reason).await?),
            Composed::MoveTo(at) => return Ok(storage.postpone(&row.id, at).await?),
            Composed::Retry(reason) => {
                // The facts could not be read (the database is busy): like a failed send.
                return self.failed(&row, &reason, true, now).await;
            }
        };
        match sent {
            Ok(provider_id) => {
                self.breaker(channel, |b| b.succeeded());
                let forget = row.kind == MessageKind::AccountMail.as_str();
                Ok(storage
                    .mark_sent(&row.id, &provider_id, Timestamp::now(), forget)
                    .await?)
            }
            Err(failure) => {
                if failure.transient {
                    let rest = self.0.settings.provider_rest_ms;
                    self.breaker(channel, |b| b.failed(Timestamp::now(), rest));
                }
                self.failed(&row, &failure.reason, failure.transient, now)
                    .await
            }
        }
    }

    /// Sends to every browser the person turned notifications on in; one the push service
    /// forgot is dropped. Sent when any browser took it.
    async fn push_to_browsers(
        &self,
        row: &Claimed,
        payload: &str,
        urgency: Urgency,
    ) -> Result<String, SendFailure> {
        let failure = |reason: String, transient: bool| SendFailure { reason, transient };
        let user: UserId = row
            .recipient
            .parse()
            .map_err(|_| failure("no such person".into(), false))?;
        let key = self
            .vapid_key()
            .await
            .map_err(|e| failure(e.to_string(), true))?;
        let browsers = self
            .0
            .storage
            .subscriptions_of(user)
            .await
            .map_err(|e| failure(e.to_string(), true))?;
        let ttl = Duration::from_secs(if urgency == Urgency::High {
            900
        } else {
            86_400
        });
        let (mut took, mut last_error, mut transient) = (0, None, false);
        for browser in &browsers {
            match self
                .0
                .push
                .send(key, browser, payload.as_bytes(), ttl, urgency)
                .await
            {
                Ok(()) => took += 1,
                Err(PushError::Gone(reason)) => {
                    tracing::info!(%reason, "dropping a push subscription");
                    let _ = self
                        .0
                        .storage
                        .drop_subscription(&browser.endpoint, None)
                        .await;
                }
                Err(error) => {
                    transient |= matches!(error, PushError::Unavailable(_));
                    last_error = Some(error.to_string());
                }
            }
        }
        match (took, last_error) {
            (0, Some(reason)) => Err(failure(reason, transient)),
            (0, None) => Err(failure("no browser has notifications on".into(), false)),
            (took, _) => Ok(format!("{took} of {} browsers", browsers.len())),
        }
    }

    async fn vapid_key(&self) -> Result<&VapidKey, NotificationError> {
        self.0
            .vapid
            .get_or_try_init(|| async {
                let (fresh, secret) = VapidKey::generate();
                let kept = self
                    .0
                    .storage
                    .vapid_secret(&secret, Timestamp::now())
                    .await?;
                Ok(VapidKey::from_secret(&kept).unwrap_or(fresh))
            })
            .await
    }

    /// The key browsers subscribe with (`applicationServerKey`).
    pub async fn push_public_key(&self) -> Result<String, NotificationError> {
        Ok(self.vapid_key().await?.public_key())
    }

    /// Keeps the signed-in person's browser subscription.
    pub async fn subscribe(
        &self,
        principal: &Principal,
        subscription: Subscription,
        user_agent: &str,
    ) -> Result<(), NotificationError> {
        let user = principal
            .user_id()
            .ok_or(NotificationError::Unauthenticated)?;
        self.0
            .storage
            .save_subscription(user, &subscription, user_agent, Timestamp::now())
            .await?;
        Ok(self.0.identity.want_push(user).await?)
    }

    /// The person's browsers with notifications on.
    pub async fn subscriptions(
        &self,
        principal: &Principal,
    ) -> Result<Vec<Subscription>, NotificationError> {
        let user = principal
            .user_id()
            .ok_or(NotificationError::Unauthenticated)?;
        Ok(self.0.storage.subscriptions_of(user).await?)
    }

    /// Sends a text; a number that answered STOP gets no more (its person's texts are turned off).
    async fn text(
        &self,
        row: &Claimed,
        to: &MobileNumber,
        body: &str,
    ) -> Result<String, SendFailure> {
        let Some(sms) = &self.0.sms else {
            return Err(SendFailure {
                reason: "no SMS provider is configured".into(),
                transient: false,
            });
        };
        let sent = sms.send(to, body).await;
        if let (Err(SmsError::OptedOut), Ok(user)) = (&sent, row.recipient.parse()) {
            if let Err(error) = self.0.identity.stop_texts(user, to).await {
                tracing::warn!(%error, "cannot turn off texts of a number that opted out");
            }
        }
        sent.map_err(|error| SendFailure {
            transient: error.is_transient(),
            reason: error.to_string(),
        })
    }

    async fn failed(
        &self,
        row: &Claimed,
        reason: &str,
        transient: bool,
        now: Timestamp,
    ) -> Result<(), NotificationError> {
        let attempt = u32::try_from(row.attempts + 1).unwrap_or(u32::MAX);
        let retry_at = (transient && attempt < self.0.settings.max_attempts).then(|| {
            Timestamp::from_millis(
                now.as_millis()
                    + rules::retry_delay_ms(attempt, self.0.settings.first_retry_ms, jitter()),
            )
        });
        if retry_at.is_none() {
            tracing::error!(alert = "notification_dead_letter", id = %row.id, %reason, "a message was given up on");
        } else {
            tracing::warn!(id = %row.id, %reason, "a message was not sent; tried again later");
        }
        Ok(self
            .0
            .storage
            .mark_failed(&row.id, reason, retry_at)
            .await?)
    }

    fn breaker(&self, channel: Channel, change: impl FnOnce(&mut Breaker)) {
        let mut breakers = self.0.breakers.lock().expect("breakers lock");
        change(breakers.entry(channel).or_default());
    }

    /// While the channel's provider rests after failures: until when.
    fn breaker_closed_until(&self, channel: Channel, now: Timestamp) -> Option<Timestamp> {
        let mut breakers = self.0.breakers.lock().expect("breakers lock");
        let breaker = breakers.entry(channel).or_default();
        if breaker.allow(now) {
            None
        } else {
            Some(
                breaker
                    .closed_until()
                    .unwrap_or(Timestamp::from_millis(now.as_millis() + 1_000)),
            )
        }
    }

    /// Waits for the channel's provider's turn: mail and texts at their configured rates (a
    /// provider limits its senders); pushes go to many push services, unpaced.
    async fn pace(&self, channel: Channel) {
        let per_second = match channel {
            Channel::Email => self.0.settings.emails_per_second,
            Channel::Sms => self.0.settings.texts_per_second,
            Channel::Push => return,
        };
        let gap = Duration::from_secs(1) / per_second.max(1);
        let mut turns = self.0.next_send.lock().await;
        let next = turns
            .entry(channel)
            .or_insert_with(tokio::time::Instant::now);
        let now = tokio::time::Instant::now();
        if *next > now {
            tokio::time::sleep_until(*next).await;
        }
        *next = (*next).max(now) + gap;
    }

    /// Records what the SMS provider reports of a text (a signed callback to `url`): one that
    /// was not delivered becomes a failed message its store's owners see.
    pub async fn text_report(
        &self,
        url: &str,
        params: &[(String, String)],
        signature: &str,
    ) -> Result<(), NotificationError> {
        let Some(sms) = &self.0.sms else {
            return Err(NotificationError::NotFound);
        };
        if !sms.signed_report(url, params, signature) {
            return Err(NotificationError::Unsigned);
        }
        if let Some((provider_id, TextOutcome::Failed(reason))) = twilio_report(params) {
            self.0
                .storage
                .provider_failed(&provider_id, &reason)
                .await?;
        }
        Ok(())
    }

    /// A store's messages that were given up on, newest first (its owners only).
    pub async fn failed_for_store(
        &self,
        principal: &Principal,
        store: StoreId,
        page: PageRequest,
    ) -> Result<Page<Delivery>, NotificationError> {
        self.0.stores.require_owner(principal, store).await?;
        let page = self
            .0
            .storage
            .for_store(store, DeliveryStatus::Failed, page)
            .await?;
        let ids: Vec<UserId> = page
            .items
            .iter()
            .filter_map(|d| d.recipient.parse().ok())
            .collect();
        let accounts = self
            .0
            .identity
            .accounts_by_ids(&ids)
            .await
            .unwrap_or_default();
        Ok(page.map(|mut delivery| {
            let account = delivery
                .recipient
                .parse()
                .ok()
                .and_then(|id: UserId| accounts.get(&id));
            if let Some(account) = account {
                delivery.recipient = account.email.to_string();
            }
            delivery
        }))
    }

    /// Puts a failed message of the store's back in line (its owners only).
    pub async fn send_again(
        &self,
        principal: &Principal,
        store: StoreId,
        id: NotificationId,
    ) -> Result<(), NotificationError> {
        self.0.stores.require_owner(principal, store).await?;
        if self
            .0
            .storage
            .send_again(id, store, Timestamp::now())
            .await?
        {
            Ok(())
        } else {
            Err(NotificationError::NotFound)
        }
    }

    /// Every message to one person, oldest first (tests and support).
    pub async fn log_for(&self, recipient: &str) -> Result<Vec<Delivery>, NotificationError> {
        Ok(self.0.storage.for_recipient(recipient).await?)
    }

    /// What the log keeps of a message (tests: a sent account mail keeps no link).
    #[cfg(any(test, feature = "testing"))]
    pub async fn stored_text_of(&self, id: NotificationId) -> Result<String, NotificationError> {
        Ok(self.0.storage.subject_of(id).await?)
    }

    /// How many messages wait to be sent.
    pub async fn backlog(&self) -> Result<i64, NotificationError> {
        Ok(self.0.storage.backlog().await?)
    }
}

/// Who a message goes to and which drop it is about.
struct Party {
    user_id: UserId,
    drop_id: DropId,
}

impl From<&ReservationFacts> for Party {
    fn from(facts: &ReservationFacts) -> Self {
        Self {
            user_id: facts.user_id,
            drop_id: facts.drop_id,
        }
    }
}

impl From<&WaitlistFacts> for Party {
    fn from(facts: &WaitlistFacts) -> Self {
        Self {
            user_id: facts.user_id,
            drop_id: facts.drop_id,
        }
    }
}

/// Adds a copy of each (email) row for each of `channels`.
fn copy_to_channels(rows: &mut Vec<NewNotification>, channels: &[Channel]) {
    let copies: Vec<NewNotification> = channels
        .iter()
        .flat_map(|channel| {
            rows.iter().map(|row| NewNotification {
                channel: *channel,
                ..row.clone()
            })
        })
        .collect();
    rows.extend(copies);
}

fn held_key(reservation: ReservationId) -> String {
    format!("held:{reservation}")
}

fn reminder_key_prefix(reservation: ReservationId) -> String {
    format!("reminder:{reservation}:")
}

/// A number in 0..1 for spreading retries, from the clock's nanoseconds (no need for more).
fn jitter() -> f64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    f64::from(nanos % 1_000_000) / 1_000_000.0
}
