//! The owner's page of messages: those that could not be sent (the delivery log's dead
//! letters) with "send again" for each, and the store's notes on each kind with a preview.
//! Also "Notify me on this phone" for the account page, "tell me when it opens" for a drop's
//! page, and the page that stops opening alerts.

use super::{
    api::{
        AskOpeningAlert, FailedMessageList, PreviewMessageNote, SaveMessageNote,
        SavePushSubscription, SendMessageAgain, StoreMessageNotes, failed_messages, message_notes,
        opening_alert_state, push_browsers,
    },
    model::{Channel, Delivery, MessageKind},
};
use crate::{
    i18n::{I18n, use_i18n},
    t,
    ui::{
        ErrorPage, FieldMessage, FormAlert, OwnerFrame, OwnerSection, PageTitle, Pager,
        count_hydrated_island, page_param, prop_reader, query_param, route_param,
    },
};
use leptos::{either::Either, prelude::*};

#[component]
pub fn StoreMessagesPage() -> impl IntoView {
    let slug = route_param("slug");
    let page = page_param(query_param("page"));
    view! { <StoreMessagesIsland slug page/> }
}

#[island(lazy)]
fn StoreMessagesIsland(slug: String, page: Option<u32>) -> impl IntoView {
    count_hydrated_island();
    let slug = prop_reader(slug);
    let again = ServerAction::<SendMessageAgain>::new();
    let save_note = ServerAction::<SaveMessageNote>::new();
    // Both lists in one answer: a second suspense inside the island's would outlive it on
    // the server.
    let messages = Resource::new(
        move || (slug(), again.version().get() + save_note.version().get()),
        move |(slug, _)| async move {
            let failed = failed_messages(slug.clone(), page).await?;
            let notes = message_notes(slug).await?;
            Ok::<_, crate::error::AppError>((failed, notes))
        },
    );
    // Kept across the answers after each save, so the chosen kind stays chosen.
    let editor = NoteEditor::new(save_note);
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match messages.await {
                    Ok((messages, notes)) => Either::Left(view! { <Messages messages notes again editor/> }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Transition>
    }
}

#[component]
fn Messages(
    messages: FailedMessageList,
    notes: StoreMessageNotes,
    again: ServerAction<SendMessageAgain>,
    editor: NoteEditor,
) -> impl IntoView {
    let i18n = use_i18n();
    let FailedMessageList { store, failed } = messages;
    let slug = store.slug.to_string();
    let title = t!(i18n, "messages-title", store = store.name.to_string());
    let error = Signal::derive(move || again.value().get().and_then(Result::err));
    let queued = move || again.value().get().is_some_and(|r| r.is_ok());
    let list = if failed.items.is_empty() {
        Either::Left(view! { <p class="empty">{t!(i18n, "messages-none-failed")}</p> })
    } else {
        let rows = failed
            .items
            .iter()
            .cloned()
            .map(|delivery| view! { <FailedRow delivery slug=slug.clone() again/> })
            .collect_view();
        Either::Right(view! {
            <div class="table-wrap" tabindex="0" role="region" aria-label=t!(i18n, "messages-failed")>
                <table class="table">
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, "messages-to")}</th>
                            <th scope="col">{t!(i18n, "messages-kind")}</th>
                            <th scope="col">{t!(i18n, "messages-attempts")}</th>
                            <th scope="col">{t!(i18n, "messages-last-error")}</th>
                            <th scope="col"><span class="visually-hidden">{t!(i18n, "members-actions")}</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        })
    };
    let pager_slug = slug.clone();
    view! {
        <PageTitle text=title.clone()/>
        <OwnerFrame slug=slug.clone() store_name=store.name.to_string() section=OwnerSection::Messages>
            <h1>{title}</h1>
            <p class="lead">{t!(i18n, "messages-lead")}</p>
            <section aria-labelledby="failed-title">
                <h2 id="failed-title">{t!(i18n, "messages-failed")}</h2>
                <FormAlert error/>
                <p class="form-success" role="status" hidden=move || !queued()>{t!(i18n, "messages-queued")}</p>
                {list}
                <Pager page=failed href=move |n| format!("/owner/stores/{pager_slug}/messages?page={n}")/>
            </section>
            <NotesSection slug notes=notes.notes editor/>
        </OwnerFrame>
    }
}

/// The notes form's state, made once per page so that it outlives the list's reloads.
#[derive(Clone, Copy)]
struct NoteEditor {
    save: ServerAction<SaveMessageNote>,
    preview: ServerAction<PreviewMessageNote>,
    kind: RwSignal<MessageKind>,
    /// What is typed, once something is: until then the chosen kind's note as stored.
    typed: RwSignal<Option<String>>,
}

impl NoteEditor {
    fn new(save: ServerAction<SaveMessageNote>) -> Self {
        Self {
            save,
            preview: ServerAction::new(),
            kind: RwSignal::new(MessageKind::Confirmed),
            typed: RwSignal::new(None),
        }
    }
}

/// The store's note on each kind of message: choose a kind, write, preview the mail, save.
#[component]
fn NotesSection(
    slug: String,
    notes: Vec<(MessageKind, Option<String>)>,
    editor: NoteEditor,
) -> impl IntoView {
    let i18n = use_i18n();
    let NoteEditor {
        save,
        preview,
        kind,
        typed,
    } = editor;
    let stored = StoredValue::new(notes);
    let stored_note = move |chosen: MessageKind| {
        stored.with_value(|notes| {
            notes
                .iter()
                .find(|(k, _)| *k == chosen)
                .and_then(|(_, note)| note.clone())
                .unwrap_or_default()
        })
    };
    let note = move || typed.get().unwrap_or_else(|| stored_note(kind.get()));
    let error = Signal::derive(move || {
        save.value()
            .get()
            .and_then(Result::err)
            .or_else(|| preview.value().get().and_then(Result::err))
    });
    let saved = move || save.value().get().is_some_and(|r| r.is_ok());
    let choose = move |ev| {
        if let Some(chosen) = MessageKind::parse(&event_target_value(&ev)) {
            kind.set(chosen);
            typed.set(None);
            preview.value().set(None);
        }
    };
    let show_preview = {
        let slug = slug.clone();
        move |_| {
            preview.dispatch(PreviewMessageNote {
                slug: slug.clone(),
                kind: kind.get_untracked().as_str().to_owned(),
                note: note(),
            });
        }
    };
    let preview_html = move || preview.value().get().and_then(Result::ok);
    view! {
        <section aria-labelledby="notes-title" class="card form-card">
            <h2 id="notes-title">{t!(i18n, "notes-title")}</h2>
            <p class="muted">{t!(i18n, "notes-lead")}</p>
            <ActionForm action=save attr:class="form">
                <FormAlert error/>
                <input type="hidden" name="slug" value=slug/>
                <div class="field">
                    <label for="field-kind">{t!(i18n, "messages-kind")}</label>
                    <select id="field-kind" name="kind" on:change=choose>
                        {MessageKind::noted().map(|k| view! {
                            <option value=k.as_str() selected=move || kind.get() == k>{kind_label(i18n, k)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="field-note">{t!(i18n, "notes-note")}</label>
                    // No `maxlength`: a browser would cut a pasted note silently; the server refuses
                    // one that is too long and says its limit.
                    <textarea id="field-note" name="note" rows="4"
                        aria-describedby="note-hint field-note-error"
                        prop:value=note on:input=move |ev| typed.set(Some(event_target_value(&ev)))>
                        {note()}
                    </textarea>
                    <p class="hint" id="note-hint">{t!(i18n, "notes-note-hint")}</p>
                    <FieldMessage id="field-note-error" field="note" error/>
                </div>
                <div class="button-row">
                    <button type="button" class="button" on:click=show_preview disabled=move || preview.pending().get()>{t!(i18n, "notes-preview")}</button>
                    <button type="submit" class="button primary">{t!(i18n, "notes-save")}</button>
                </div>
                <p class="form-success" role="status" hidden=move || !saved()>{t!(i18n, "notes-saved")}</p>
            </ActionForm>
            {move || preview_html().map(|html| view! {
                <h3>{t!(i18n, "notes-preview-title")}</h3>
                // Sandboxed: the mail's HTML runs nothing and reaches nothing of the page.
                <iframe class="mail-preview" title=t!(i18n, "notes-preview-title") sandbox="" srcdoc=html></iframe>
            })}
        </section>
    }
}

#[component]
fn FailedRow(
    delivery: Delivery,
    slug: String,
    again: ServerAction<SendMessageAgain>,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = t!(
        i18n,
        "messages-send-again-to",
        to = delivery.recipient.clone()
    );
    view! {
        <tr>
            <td>{delivery.recipient.clone()}<br/><span class="muted">{channel_label(i18n, delivery.channel)}</span></td>
            <td>{kind_label(i18n, delivery.kind)}</td>
            <td>{delivery.attempts}</td>
            <td class="muted">{delivery.last_error.clone().unwrap_or_default()}</td>
            <td>
                <ActionForm action=again attr:class="inline-form">
                    <input type="hidden" name="slug" value=slug/>
                    <input type="hidden" name="id" value=delivery.id.to_string()/>
                    <button type="submit" class="button small" aria-label=label>{t!(i18n, "messages-send-again")}</button>
                </ActionForm>
            </td>
        </tr>
    }
}

fn kind_label(i18n: I18n, kind: MessageKind) -> String {
    match kind {
        MessageKind::Confirmed => t!(i18n, "messages-kind-confirmed"),
        MessageKind::Held => t!(i18n, "messages-kind-held"),
        MessageKind::Cancelled => t!(i18n, "messages-kind-cancelled"),
        MessageKind::HoldExpired => t!(i18n, "messages-kind-expired"),
        MessageKind::WaitlistJoined => t!(i18n, "messages-kind-joined"),
        MessageKind::WaitlistOffered => t!(i18n, "messages-kind-offered"),
        MessageKind::Reminder => t!(i18n, "messages-kind-reminder"),
        MessageKind::DropOpening => t!(i18n, "messages-kind-opening"),
        MessageKind::AccountMail => t!(i18n, "messages-kind-account"),
    }
}

fn channel_label(i18n: I18n, channel: Channel) -> String {
    match channel {
        Channel::Email => t!(i18n, "messages-channel-email"),
        Channel::Sms => t!(i18n, "messages-channel-sms"),
        Channel::Push => t!(i18n, "messages-channel-push"),
    }
}

/// "Notify me on this phone": turns web push on in this browser (inside the account page's
/// island). Says first that iPhones deliver only to Home Screen apps.
#[component]
pub fn PushSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SavePushSubscription>::new();
    // Read in the browser once the island runs: the count needs no suspense of its own inside
    // the account island's.
    let browsers = LocalResource::new(move || {
        save.version().get();
        push_browsers()
    });
    let (problem, set_problem) = signal(None::<String>);
    let turn_on = move |_| {
        set_problem.set(None);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            use super::browser::{PushRefusal, subscribe};
            let key = match super::api::push_key().await {
                Ok(key) => key,
                Err(error) => return set_problem.set(Some(error.message)),
            };
            match subscribe(&key).await {
                Ok((endpoint, p256dh, auth)) => {
                    save.dispatch(SavePushSubscription {
                        endpoint,
                        p256dh,
                        auth,
                    });
                }
                Err(PushRefusal::Denied) => set_problem.set(Some(t!(i18n, "push-denied"))),
                Err(PushRefusal::Unsupported) => {
                    set_problem.set(Some(t!(i18n, "push-unsupported")))
                }
            }
        });
    };
    let save_error = move || save.value().get().and_then(Result::err).map(|e| e.message);
    view! {
        <section class="card form-card" aria-labelledby="push-title">
            <h2 id="push-title">{t!(i18n, "push-title")}</h2>
            <p class="muted">{t!(i18n, "push-ios")}</p>
            {move || {
                let count = browsers.get().and_then(Result::ok).filter(|count| *count > 0)?;
                Some(view! { <p class="form-success push-on" role="status">{t!(i18n, "push-on", count = count)}</p> })
            }}
            <p class="form-alert" role="alert" hidden=move || problem.get().or_else(save_error).is_none()>
                {move || problem.get().or_else(save_error)}
            </p>
            <button type="button" class="button" on:click=turn_on disabled=move || save.pending().get()>{t!(i18n, "push-turn-on")}</button>
        </section>
    }
}

/// "Tell me when it opens" on a drop's page before its opening (inside the page's slots
/// island): a form, so it works before the page's code has loaded too. Whether the person
/// asked is read in the browser, so the page itself stays the same for every shopper (the
/// opening's reload storm is served from shared copies).
#[component]
pub fn OpeningAlertForm(drop_id: String, signed_in: bool) -> impl IntoView {
    let i18n = use_i18n();
    if !signed_in {
        return Either::Left(view! {
            <p class="notice-plain">
                <a href=format!("/login?next=/d/{drop_id}")>{t!(i18n, "nav-sign-in")}</a>" "{t!(i18n, "opening-alert-sign-in")}
            </p>
        });
    }
    let action = ServerAction::<AskOpeningAlert>::new();
    // Asked in the browser once the island runs (effects never run on the server): a resource
    // here would hold the slots' suspense on the server.
    let (on, set_on) = signal(false);
    let asked_about = drop_id.clone();
    Effect::new(move || {
        action.version().get();
        let drop_id = asked_about.clone();
        leptos::task::spawn_local(async move {
            if let Ok(asked) = opening_alert_state(drop_id).await {
                set_on.set(asked);
            }
        });
    });
    let on = move || on.get();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    Either::Right(view! {
        <ActionForm action attr:class="opening-alert">
            <FormAlert error/>
            <input type="hidden" name="drop_id" value=drop_id/>
            <input type="hidden" name="on" prop:value=move || (!on()).to_string() value="true"/>
            <p class="form-success" role="status" hidden=move || !on()>{t!(i18n, "opening-alert-on")}</p>
            <button type="submit" class=move || if on() { "button" } else { "button primary" } disabled=move || action.pending().get()>
                {move || if on() { t!(i18n, "opening-alert-stop") } else { t!(i18n, "opening-alert-ask") }}
            </button>
        </ActionForm>
    })
}

/// Where "stop telling me when drops open" leads from a mail: a button that posts the same
/// signed link (the POST is RFC 8058's one-click, which mail providers send on their own).
#[component]
pub fn StopAlertsPage() -> impl IntoView {
    let i18n = use_i18n();
    let (user, signature, done) = (query_param("u"), query_param("s"), query_param("done"));
    let title = t!(i18n, "alerts-stop-title");
    view! {
        <PageTitle text=title.clone()/>
        <section class="card form-card narrow">
            <h1>{title}</h1>
            {if done.is_some() {
                Either::Left(view! { <p class="form-success" role="status">{t!(i18n, "alerts-stop-done")}</p> })
            } else {
                let action = format!(
                    "{}?u={}&s={}",
                    super::model::STOP_ALERTS_PATH,
                    user.unwrap_or_default(),
                    signature.unwrap_or_default()
                );
                Either::Right(view! {
                    <p>{t!(i18n, "alerts-stop-lead")}</p>
                    <form method="post" action=action>
                        <input type="hidden" name="List-Unsubscribe" value="One-Click"/>
                        <button type="submit" class="button primary">{t!(i18n, "alerts-stop-button")}</button>
                    </form>
                })
            }}
        </section>
    }
}
