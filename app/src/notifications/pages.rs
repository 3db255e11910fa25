//! The owner's page of messages that could not be sent (the delivery log's dead letters), with
//! "send again" for each; and "Notify me on this phone" for the account page.

use super::{
    api::{
        FailedMessageList, SavePushSubscription, SendMessageAgain, failed_messages, push_browsers,
    },
    model::{Channel, Delivery, MessageKind},
};
use crate::{
    i18n::{I18n, use_i18n},
    t,
    ui::{
        ErrorPage, FormAlert, OwnerFrame, OwnerSection, PageTitle, Pager, count_hydrated_island,
        page_param, prop_reader, query_param, route_param,
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
    let messages = Resource::new(
        move || (slug(), again.version().get()),
        move |(slug, _)| failed_messages(slug, page),
    );
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match messages.await {
                    Ok(messages) => Either::Left(view! { <Failed messages again/> }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Transition>
    }
}

#[component]
fn Failed(messages: FailedMessageList, again: ServerAction<SendMessageAgain>) -> impl IntoView {
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
                <Pager page=failed href=move |n| format!("/owner/stores/{slug}/messages?page={n}")/>
            </section>
        </OwnerFrame>
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
