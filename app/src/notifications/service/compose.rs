//! Writing a message when it is sent, from the facts as they are then (so a reminder never goes
//! to a cancelled booking), in its person's language, for its channel.

use super::{Composed, NotificationService, Subject};
use crate::{
    drops::{
        model::{Drop, DropStatus},
        rules::effective_status,
        schedule::describe_span,
    },
    i18n::{I18n, Language},
    identity::model::{Account, Principal},
    ids::DropId,
    mail::OutgoingMail,
    notifications::{
        email::{self, Detail, Notice, TicketImage},
        ics::CalendarEvent,
        model::{Channel, MessageKind, STOP_ALERTS_PATH},
        push::Urgency,
        queue::StoredMail,
        rules::{self, ReminderCheck},
        storage::Claimed,
    },
    reservations::{door::model::booking_code, rules::ReservationStatus, tickets::qr_png},
    stores::model::Store,
    t,
    time::{TimeZoneName, Timestamp},
};

/// A message in words, before it is put on a channel.
struct Told {
    store: Store,
    language: Language,
    subject: String,
    heading: String,
    intro: String,
    details: Vec<Detail>,
    /// A button's label and where it leads.
    action: Option<(String, String)>,
    ticket: Option<TicketImage>,
    calendar: Option<String>,
    /// The message in a sentence or two, for a text or a push.
    short: String,
    urgency: Urgency,
    footer: String,
    /// For messages people opted into: the link that stops them (RFC 8058 one-click).
    unsubscribe: Option<String>,
}

/// A step of composing: its result, or what became of the message instead.
type Step<T> = Result<T, Composed>;

fn retry(error: impl ToString) -> Composed {
    Composed::Retry(error.to_string())
}

impl NotificationService {
    /// The message as the facts stand now, in its person's language.
    pub(super) async fn compose(
        &self,
        row: &Claimed,
        channel: Channel,
        now: Timestamp,
    ) -> Composed {
        let told = async {
            let kind = MessageKind::parse(&row.kind).ok_or(Composed::Skip(
                "a kind of message this version does not know",
            ))?;
            if kind == MessageKind::AccountMail {
                return Err(self.account_mail(row));
            }
            let subject: Subject = serde_json::from_str(&row.subject)
                .map_err(|_| Composed::Skip("a message this version cannot read"))?;
            let user = row
                .recipient
                .parse()
                .map_err(|_| Composed::Skip("no such person"))?;
            let account = self
                .0
                .identity
                .account_by_id(user)
                .await
                .map_err(retry)?
                .ok_or(Composed::Skip("the person's account is gone"))?;
            let told = match subject {
                Subject::Opening { drop_id } => self.opening(&account, drop_id, now).await?,
                subject => self.booking(kind, &subject, &account, row, now).await?,
            };
            Ok((kind, account, told))
        };
        match told.await {
            Ok((kind, account, told)) => self.on_channel(kind, told, channel, &account, row).await,
            Err(composed) => composed,
        }
    }

    fn account_mail(&self, row: &Claimed) -> Composed {
        match serde_json::from_str::<StoredMail>(&row.subject) {
            Ok(mail) => Composed::Mail(OutgoingMail {
                message_id: Some(self.message_id(row)),
                ..OutgoingMail::plain(&row.recipient, mail.subject, mail.body)
            }),
            Err(_) => Composed::Skip("a mail this version cannot read"),
        }
    }

    fn message_id(&self, row: &Claimed) -> String {
        format!("<{}@{}>", row.id, self.host())
    }

    pub(super) fn host(&self) -> &str {
        let url = &self.0.settings.public_url;
        let host = url.split("://").nth(1).unwrap_or(url);
        host.split(['/', ':']).next().unwrap_or(host)
    }

    pub(super) fn logo_url(&self, store: &Store) -> Option<String> {
        let logo = store.logo.as_ref()?;
        Some(format!("{}{}", self.0.settings.public_url, logo.src(64)))
    }

    async fn store(&self, drop: &Drop) -> Step<Store> {
        self.0
            .stores
            .get_by_id(&Principal::Anonymous, drop.store_id)
            .await
            .map_err(retry)
    }

    /// "Opens soon", to someone who asked: while the drop still waits for its opening.
    async fn opening(&self, account: &Account, drop_id: DropId, now: Timestamp) -> Step<Told> {
        let drop = self
            .0
            .drops
            .get(&Principal::Anonymous, drop_id)
            .await
            .map_err(|_| Composed::Skip("the drop is gone"))?;
        let status = effective_status(drop.status, drop.window, now);
        let opens_at = drop.window.map(|w| w.opens_at());
        let scheduled_or_open = matches!(status, DropStatus::Scheduled | DropStatus::Open);
        match rules::check_opening_alert(scheduled_or_open, opens_at, now) {
            ReminderCheck::Send => {}
            ReminderCheck::Skip => return Err(Composed::Skip("the drop no longer waits to open")),
            ReminderCheck::MoveTo(at) => return Err(Composed::MoveTo(at)),
        }
        let store = self.store(&drop).await?;
        let language = account.preferences.language;
        let i18n = I18n(language);
        let when = moment(opens_at.unwrap_or(now), &drop.time_zone, language);
        let (drop_name, store_name) = (drop.name.to_string(), store.name.to_string());
        let drop_url = format!("{}/d/{}", self.0.settings.public_url, drop.id);
        let unsubscribe = format!(
            "{}{STOP_ALERTS_PATH}?{}",
            self.0.settings.public_url,
            self.0.links.stop_alerts_query(account.id)
        );
        let name = account.display_name.to_string();
        let Words {
            subject,
            heading,
            intro,
        } = words(
            i18n,
            MessageKind::DropOpening,
            &Facts {
                name: &name,
                drop: &drop_name,
                store: &store_name,
                branch: "",
                when: &when,
                deadline: "",
                deposit: None,
            },
        )
        .ok_or(Composed::Skip("not an opening's message"))?;
        Ok(Told {
            subject,
            heading,
            intro,
            details: vec![
                detail(t!(i18n, "notice-detail-drop"), drop_name.clone()),
                detail(t!(i18n, "notice-detail-opens"), when.clone()),
            ],
            action: Some((t!(i18n, "notice-opening-action"), drop_url.clone())),
            ticket: None,
            calendar: None,
            short: rules::fit_sms(&drop_name, |drop| {
                t!(
                    i18n,
                    "sms-opening",
                    store = store_name.clone(),
                    drop = drop,
                    when = when.clone(),
                    link = drop_url.clone()
                )
            }),
            urgency: Urgency::High,
            footer: t!(i18n, "notice-opening-footer", store = store_name),
            unsubscribe: Some(unsubscribe),
            store,
            language,
        })
    }

    /// A booking's messages: confirmed, held, cancelled, lapsed, the waitlist's, reminders.
    async fn booking(
        &self,
        kind: MessageKind,
        subject: &Subject,
        account: &Account,
        row: &Claimed,
        now: Timestamp,
    ) -> Step<Told> {
        let (slot_id, reservation_id) = match subject {
            Subject::Reservation {
                slot_id,
                reservation_id,
            }
            | Subject::Reminder {
                slot_id,
                reservation_id,
                ..
            } => (*slot_id, Some(*reservation_id)),
            Subject::Waitlist { slot_id, .. } => (*slot_id, None),
            Subject::Opening { .. } => return Err(Composed::Skip("not a booking's message")),
        };
        let (drop, slot) = self
            .0
            .drops
            .slot_with_drop(slot_id, now)
            .await
            .map_err(|_| Composed::Skip("the slot is gone"))?;
        let reservation = match reservation_id {
            Some(id) => Some(
                self.0
                    .reservations
                    .notice(id)
                    .await
                    .map_err(|_| Composed::Skip("the reservation is gone"))?,
            ),
            None => None,
        };
        if let (Subject::Reminder { lead_minutes, .. }, Some((reservation, _))) =
            (subject, &reservation)
        {
            let confirmed = reservation.status == ReservationStatus::Confirmed;
            let planned = Timestamp::from_millis(row.due_at);
            match rules::check_reminder(confirmed, slot.starts_at, *lead_minutes, planned, now) {
                ReminderCheck::Send => {}
                ReminderCheck::Skip => {
                    return Err(Composed::Skip("the reservation no longer awaits its slot"));
                }
                ReminderCheck::MoveTo(at) => return Err(Composed::MoveTo(at)),
            }
        }
        let store = self.store(&drop).await?;
        let branch = self
            .0
            .branches
            .get(&Principal::Anonymous, slot.branch_id)
            .await
            .map_err(retry)?;
        let language = account.preferences.language;
        let i18n = I18n(language);
        let zone = &branch.time_zone;
        let when = describe_span(slot.starts_at, slot.ends_at, zone).label(language);
        let (name, drop_name, store_name) = (
            account.display_name.to_string(),
            drop.name.to_string(),
            store.name.to_string(),
        );
        let place = format!(
            "{}, {}, {}",
            branch.name, branch.address.street, branch.address.city
        );
        let mut details = vec![
            detail(t!(i18n, "notice-detail-drop"), drop_name.clone()),
            detail(t!(i18n, "notice-detail-when"), when.clone()),
            detail(t!(i18n, "notice-detail-where"), place.clone()),
        ];
        let held = reservation.as_ref().map(|(r, _)| r);
        if let Some(units) = held.map(|r| r.units).filter(|units| *units > 0) {
            details.push(detail(t!(i18n, "notice-detail-places"), units.to_string()));
        }
        // The deadline of a hold, or of a waitlist's offer.
        let until = held
            .and_then(|r| r.hold_expires_at)
            .or(match subject {
                Subject::Waitlist {
                    offer: Some((_, until)),
                    ..
                } => Some(*until),
                _ => None,
            })
            .map(|at| moment(at, zone, language))
            .unwrap_or_default();
        let bookings_url = format!("{}/reservations", self.0.settings.public_url);
        let deposit = match (kind, drop.rules.deposit) {
            (MessageKind::Held, Some(deposit)) => {
                let deposit = deposit.format(language);
                details.push(detail(t!(i18n, "notice-detail-deposit"), deposit.clone()));
                Some(deposit)
            }
            _ => None,
        };
        let action = match (kind, subject) {
            (MessageKind::Confirmed | MessageKind::Held | MessageKind::WaitlistJoined, _) => {
                Some((t!(i18n, "notice-view-bookings"), bookings_url.clone()))
            }
            (
                MessageKind::WaitlistOffered,
                Subject::Waitlist {
                    offer: Some((offered, _)),
                    ..
                },
            ) => Some((
                t!(i18n, "notice-offered-action"),
                format!("{bookings_url}?offer={offered}"),
            )),
            (MessageKind::WaitlistOffered, _) => {
                return Err(Composed::Skip("an offer without its hold"));
            }
            _ => None,
        };
        let Words {
            subject: subject_line,
            heading,
            intro,
        } = words(
            i18n,
            kind,
            &Facts {
                name: &name,
                drop: &drop_name,
                store: &store_name,
                branch: &branch.name.to_string(),
                when: &when,
                deadline: &until,
                deposit: deposit.as_deref(),
            },
        )
        .ok_or(Composed::Skip("not a booking's message"))?;
        let shows_ticket = matches!(kind, MessageKind::Confirmed | MessageKind::Reminder);
        let ticket = match (&reservation, shows_ticket) {
            (Some((r, Some(signed))), true) => qr_png(signed).map(|png| TicketImage {
                png,
                code_label: t!(i18n, "notice-detail-code"),
                code: booking_code(r.id),
            }),
            _ => None,
        };
        if let Some(ticket) = &ticket {
            details.push(Detail {
                label: ticket.code_label.clone(),
                value: ticket.code.clone(),
                code: true,
            });
        }
        let calendar = match (kind, held) {
            (MessageKind::Confirmed | MessageKind::Cancelled, Some(r)) => Some(
                CalendarEvent {
                    uid: format!("{}@{}", r.id, self.host()),
                    sequence: u32::from(r.ticket_version)
                        + u32::from(kind == MessageKind::Cancelled),
                    cancelled: kind == MessageKind::Cancelled,
                    summary: &format!("{drop_name} · {store_name}"),
                    location: &place,
                    description: &bookings_url,
                    starts: slot.starts_at,
                    ends: slot.ends_at,
                    zone,
                    organizer: &self.0.settings.sender,
                    attendee: account.email.as_str(),
                    stamp: now,
                }
                .to_ics(),
            ),
            _ => None,
        };
        let code = held.map(|r| booking_code(r.id)).unwrap_or_default();
        let short = short_booking_text(
            i18n,
            kind,
            &Facts {
                name: &name,
                drop: &drop_name,
                store: &store_name,
                branch: &branch.name.to_string(),
                when: &when,
                deadline: &until,
                deposit: None,
            },
            &code,
            &bookings_url,
        );
        Ok(Told {
            subject: subject_line,
            heading,
            intro,
            details,
            action,
            ticket,
            calendar,
            short,
            urgency: match kind {
                MessageKind::Held | MessageKind::WaitlistOffered => Urgency::High,
                _ => Urgency::Normal,
            },
            footer: t!(i18n, "notice-footer", store = store_name),
            unsubscribe: None,
            store,
            language,
        })
    }

    /// Puts a message on its channel: a mail with the store's note, a text, or a push.
    async fn on_channel(
        &self,
        kind: MessageKind,
        told: Told,
        channel: Channel,
        account: &Account,
        row: &Claimed,
    ) -> Composed {
        match channel {
            Channel::Push => {
                let url = told.action.map_or_else(
                    || format!("{}/reservations", self.0.settings.public_url),
                    |(_, url)| url,
                );
                let payload =
                    serde_json::json!({ "title": told.subject, "body": told.short, "url": url });
                Composed::Push {
                    payload: payload.to_string(),
                    urgency: told.urgency,
                }
            }
            Channel::Sms => match account.preferences.mobile.clone() {
                Some(to) => Composed::Text {
                    to,
                    body: told.short,
                },
                None => Composed::Skip("the person has no mobile number"),
            },
            Channel::Email => {
                let note = match self.note_of(told.store.id, kind).await {
                    Ok(note) => note,
                    Err(error) => return retry(error),
                };
                let notice = Notice {
                    lang: told.language.code(),
                    subject: told.subject,
                    heading: told.heading,
                    intro: told.intro,
                    note,
                    details: told.details,
                    action_label: told.action.as_ref().map(|(label, _)| label.clone()),
                    action_url: told.action.map(|(_, url)| url),
                    footer: told.footer,
                    unsubscribe_label: told
                        .unsubscribe
                        .as_ref()
                        .map(|_| t!(I18n(told.language), "notice-unsubscribe")),
                    unsubscribe_url: told.unsubscribe,
                    store: told.store.name.to_string(),
                    accent: told.store.profile.accent.to_string(),
                    logo_url: self.logo_url(&told.store),
                    ticket: told.ticket,
                    calendar: told.calendar,
                };
                match email::render(notice, account.email.as_str(), self.message_id(row)) {
                    Ok(mail) => Composed::Mail(mail),
                    Err(reason) => Composed::Retry(reason),
                }
            }
        }
    }
}

/// What the words of a message are made of, in the reader's language.
pub(super) struct Facts<'a> {
    pub name: &'a str,
    pub drop: &'a str,
    pub store: &'a str,
    pub branch: &'a str,
    /// The slot, or the drop's opening.
    pub when: &'a str,
    /// Of a hold or an offer.
    pub deadline: &'a str,
    pub deposit: Option<&'a str>,
}

pub(super) struct Words {
    pub subject: String,
    pub heading: String,
    pub intro: String,
}

/// A message's subject, heading and opening sentence by its kind (None for mail written
/// elsewhere).
pub(super) fn words(i18n: I18n, kind: MessageKind, facts: &Facts<'_>) -> Option<Words> {
    let Facts {
        name,
        drop,
        store,
        branch,
        when,
        deadline,
        deposit,
    } = *facts;
    let (subject, heading, intro) = match kind {
        MessageKind::Confirmed => (
            t!(i18n, "notice-confirmed-subject", drop = drop),
            t!(i18n, "notice-confirmed-heading"),
            t!(i18n, "notice-confirmed-intro", name = name, store = store),
        ),
        MessageKind::Held => (
            t!(
                i18n,
                "notice-held-subject",
                drop = drop,
                deadline = deadline
            ),
            t!(i18n, "notice-held-heading"),
            match deposit {
                Some(deposit) => t!(
                    i18n,
                    "notice-held-intro-deposit",
                    name = name,
                    deadline = deadline,
                    deposit = deposit
                ),
                None => t!(i18n, "notice-held-intro", name = name, deadline = deadline),
            },
        ),
        MessageKind::Cancelled => (
            t!(i18n, "notice-cancelled-subject", drop = drop),
            t!(i18n, "notice-cancelled-heading"),
            t!(i18n, "notice-cancelled-intro", name = name, drop = drop),
        ),
        MessageKind::HoldExpired => (
            t!(i18n, "notice-expired-subject", drop = drop),
            t!(i18n, "notice-expired-heading"),
            t!(i18n, "notice-expired-intro", name = name),
        ),
        MessageKind::WaitlistJoined => (
            t!(i18n, "notice-joined-subject", drop = drop),
            t!(i18n, "notice-joined-heading"),
            t!(i18n, "notice-joined-intro", name = name),
        ),
        MessageKind::WaitlistOffered => (
            t!(
                i18n,
                "notice-offered-subject",
                drop = drop,
                deadline = deadline
            ),
            t!(i18n, "notice-offered-heading"),
            t!(
                i18n,
                "notice-offered-intro",
                name = name,
                deadline = deadline
            ),
        ),
        MessageKind::Reminder => (
            t!(i18n, "notice-reminder-subject", drop = drop, when = when),
            t!(i18n, "notice-reminder-heading"),
            t!(
                i18n,
                "notice-reminder-intro",
                name = name,
                branch = branch,
                when = when
            ),
        ),
        MessageKind::DropOpening => (
            t!(i18n, "notice-opening-subject", drop = drop, when = when),
            t!(i18n, "notice-opening-heading"),
            t!(
                i18n,
                "notice-opening-intro",
                name = name,
                drop = drop,
                store = store,
                when = when
            ),
        ),
        MessageKind::AccountMail => return None,
    };
    Some(Words {
        subject,
        heading,
        intro,
    })
}

/// A booking's message in a sentence or two, the drop's name shortened to fit a text.
fn short_booking_text(
    i18n: I18n,
    kind: MessageKind,
    facts: &Facts<'_>,
    code: &str,
    link: &str,
) -> String {
    let Facts {
        store,
        branch,
        when,
        deadline,
        ..
    } = *facts;
    rules::fit_sms(facts.drop, |drop| match kind {
        MessageKind::Confirmed => t!(
            i18n,
            "sms-confirmed",
            store = store,
            drop = drop,
            when = when,
            branch = branch,
            code = code
        ),
        MessageKind::Held => t!(
            i18n,
            "sms-held",
            store = store,
            drop = drop,
            deadline = deadline,
            link = link
        ),
        MessageKind::Cancelled => t!(
            i18n,
            "sms-cancelled",
            store = store,
            drop = drop,
            when = when
        ),
        MessageKind::HoldExpired => t!(i18n, "sms-expired", store = store, drop = drop),
        MessageKind::WaitlistJoined => {
            t!(i18n, "sms-joined", store = store, drop = drop, when = when)
        }
        MessageKind::WaitlistOffered => t!(
            i18n,
            "sms-offered",
            store = store,
            drop = drop,
            deadline = deadline,
            link = link
        ),
        MessageKind::Reminder | MessageKind::DropOpening | MessageKind::AccountMail => t!(
            i18n,
            "sms-reminder",
            store = store,
            drop = drop,
            when = when,
            branch = branch,
            code = code
        ),
    })
}

fn detail(label: String, value: String) -> Detail {
    Detail {
        label,
        value,
        code: false,
    }
}

/// "Tue 8 Dec 10:05" on the branch's clock, in the reader's language.
fn moment(at: Timestamp, zone: &TimeZoneName, language: Language) -> String {
    let span = describe_span(at, at, zone);
    format!("{} {}", span.date.text().in_language(language), span.start)
}
