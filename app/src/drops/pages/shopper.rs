use super::{
    card::StatusBadge,
    slots::{BookingForm, SlotList},
};
use crate::{
    drops::{
        api::{DropPageData, drop_page},
        model::{DropRules, DropStatus},
    },
    identity::model::Language,
    reservations::api::{BookSlot, JoinWaitlist, LeaveWaitlist},
    ui::{Countdown, ErrorPage, FormAlert},
};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// A drop for shoppers at /d/{id}: what is dropped, when, and (once open) the slots.
#[component]
pub fn DropPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    // Bumped when the countdown reaches zero: the page asks again and the slots appear.
    let (opened, set_opened) = signal(0u32);
    let book = ServerAction::<BookSlot>::new();
    let join = ServerAction::<JoinWaitlist>::new();
    let leave = ServerAction::<LeaveWaitlist>::new();
    let page = Resource::new(
        move || {
            (
                id(),
                opened.get(),
                book.version().get() + join.version().get() + leave.version().get(),
            )
        },
        |(id, _, _)| drop_page(id),
    );
    let on_zero = Callback::new(move |()| set_opened.update(|n| *n += 1));
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(data) => Either::Left(view! { <DropView data on_zero book join leave/> }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Transition>
    }
}

#[component]
fn DropView(
    data: DropPageData,
    on_zero: Callback<()>,
    book: ServerAction<BookSlot>,
    join: ServerAction<JoinWaitlist>,
    leave: ServerAction<LeaveWaitlist>,
) -> impl IntoView {
    let DropPageData {
        summary,
        store,
        products,
        slots,
        server_now,
        can_manage,
        signed_in,
        form_token,
        my_waitlist,
    } = data;
    let booking = signed_in.then(|| BookingForm {
        action: book,
        join,
        leave,
        waiting: my_waitlist,
        form_token,
        max_units: summary.drop.rules.units_per_reservation,
        needs_code: summary.drop.rules.eligibility == crate::drops::model::Eligibility::AccessCode,
    });
    // The latest refusal of any of the page's forms, said aloud.
    let error = Signal::derive(move || {
        book.value()
            .get()
            .and_then(Result::err)
            .or_else(|| join.value().get().and_then(Result::err))
            .or_else(|| leave.value().get().and_then(Result::err))
    });
    let drop = summary.drop;
    let accent = format!(
        "--color-accent: {0}; --color-accent-strong: {0};",
        store.profile.accent
    );
    let status = summary.status;
    let window = drop.window;
    view! {
        <Title text=drop.name.to_string()/>
        <article class="drop-page" style=accent>
            <header class="store-hero">
                <p class="eyebrow"><a href=format!("/s/{}", store.slug)>{store.name.to_string()}</a></p>
                <h1>{drop.name.to_string()}</h1>
                <StatusBadge status/>
                {(!drop.description.is_empty()).then(|| view! { <p class="lead description">{drop.description.clone()}</p> })}
                <p class="muted">{format!("Opens {} · closes {}", summary.opens_label, summary.closes_label)}</p>
                {can_manage.then(|| view! { <p><a href=format!("/owner/drops/{}", drop.id)>"Edit this drop"</a></p> })}
            </header>
            <section aria-labelledby="drop-products-title">
                <h2 id="drop-products-title">"In this drop"</h2>
                <ul class="card-grid" role="list">
                    {products.into_iter().map(|p| view! {
                        <li class="card">
                            <h3><a href=format!("/p/{}", p.id)>{p.name.to_string()}</a></h3>
                            <p class="price">{p.price.format(Language::En)}</p>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
            <section aria-labelledby="slots-title" class="slots">
                <h2 id="slots-title">"Slots"</h2>
                {match (status, window) {
                    (DropStatus::Scheduled, Some(window)) => Either::Left(view! {
                        <Countdown until=window.opens_at() server_now on_zero/>
                        <p class="muted">"The slots appear here the moment the drop opens; no need to reload."</p>
                    }),
                    (DropStatus::Open, _) => Either::Right(Either::Left(view! {
                        // A booking goes on to My reservations; a refusal stays here, said aloud.
                        <div aria-live="polite"><FormAlert error/></div>
                        {(!signed_in).then(|| view! { <p class="notice-plain"><a href=format!("/login?next=/d/{}", drop.id)>"Sign in"</a>" to book a slot."</p> })}
                        <SlotList slots booking=booking.clone()/>
                    })),
                    (other, _) => Either::Right(Either::Right(view! {
                        <p class="empty">{format!("This drop is {}: it takes no more bookings.", other.label().to_lowercase())}</p>
                    })),
                }}
            </section>
            <RulesSummary rules=drop.rules/>
        </article>
    }
}

#[component]
fn RulesSummary(rules: DropRules) -> impl IntoView {
    let per_person = match rules.reservations_per_person {
        1 => "One booking per person".to_owned(),
        n => format!("Up to {n} bookings per person"),
    };
    let places = match rules.units_per_reservation {
        1 => ", for one place.".to_owned(),
        n => format!(", for up to {n} places each."),
    };
    view! {
        <section aria-labelledby="rules-title" class="rules">
            <h2 id="rules-title">"How booking works"</h2>
            <ul>
                <li>{per_person}{places}</li>
                <li>{match rules.deposit {
                    Some(deposit) => format!(
                        "Your places are held for {} minutes; a deposit of {} confirms them.",
                        rules.hold_seconds / 60,
                        deposit.format(Language::En)
                    ),
                    None => "No deposit: your booking is confirmed at once.".to_owned(),
                }}</li>
                {(rules.booking_cutoff_minutes > 0).then(|| view! { <li>{format!("Bookings close {} minutes before a slot starts.", rules.booking_cutoff_minutes)}</li> })}
                <li>{format!("You can cancel until {} minutes before your slot.", rules.cancellation_window_minutes)}</li>
                {(rules.eligibility == crate::drops::model::Eligibility::AccessCode).then(|| view! { <li>"Early access: you need an access code from the store."</li> })}
            </ul>
        </section>
    }
}
