use super::{
    card::StatusBadge,
    slots::{BookingForm, SlotList},
};
use crate::{
    drops::{
        api::{DropPageData, DropSlotsData, drop_page, drop_slots},
        model::{DropRules, DropStatus, Eligibility},
    },
    i18n::use_i18n,
    notifications::pages::OpeningAlertForm,
    reservations::api::{BookSlot, JoinWaitlist, LeaveWaitlist},
    t,
    ui::{
        Countdown, ErrorPage, FormAlert, Loading, PageTitle, StoreLogo, brand_style,
        count_hydrated_island, prop_reader, route_param,
    },
};
use leptos::{either::Either, prelude::*};

/// A drop for shoppers at /d/{id}: what is dropped, when, and (once open) the slots. Rendered
/// on the server; only the slots section runs in the browser.
#[component]
pub fn DropPage() -> impl IntoView {
    let id = route_param("id");
    let page = Resource::new(move || id.clone(), drop_page);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(data) => Either::Left(view! { <DropView data/> }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DropView(data: DropPageData) -> impl IntoView {
    let DropPageData {
        summary,
        store,
        products,
        can_manage,
    } = data;
    let drop = summary.drop;
    let accent = brand_style(&store.profile.accent);
    let i18n = use_i18n();
    let language = i18n.language();
    view! {
        <PageTitle text=drop.name.to_string()/>
        <article class="drop-page" style=accent>
            <header class="store-hero">
                <p class="eyebrow brand-title">
                    <StoreLogo logo=store.logo.clone()/>
                    <a href=format!("/s/{}", store.slug)>{store.name.to_string()}</a>
                </p>
                <h1>{drop.name.to_string()}</h1>
                {(!drop.description.is_empty()).then(|| view! { <p class="lead description">{drop.description.clone()}</p> })}
                <p class="muted">{t!(i18n, "drop-window", opens = summary.opens_label, closes = summary.closes_label)}</p>
                {can_manage.then(|| view! { <p><a href=format!("/owner/drops/{}", drop.id)>{t!(i18n, "drop-edit")}</a></p> })}
            </header>
            <section aria-labelledby="drop-products-title">
                <h2 id="drop-products-title">{t!(i18n, "drop-products")}</h2>
                <ul class="card-grid" role="list">
                    {products.into_iter().map(|p| view! {
                        <li class="card">
                            <h3><a href=format!("/p/{}", p.id)>{p.name.to_string()}</a></h3>
                            <p class="price">{p.price.format(language)}</p>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
            <section aria-labelledby="slots-title" class="slots">
                <DropSlots id=drop.id.to_string()/>
            </section>
            <RulesSummary rules=drop.rules/>
        </article>
    }
}

/// The drop page's slots section, the part that runs in the browser: it counts down to the
/// opening, then asks for the slots again, and again after each of its forms' answers. The
/// shopper's page that must load fastest, so not lazy.
#[island]
fn DropSlots(id: String) -> impl IntoView {
    count_hydrated_island();
    // Bumped when the countdown reaches zero: the section asks again and the slots appear.
    let (opened, set_opened) = signal(0u32);
    let book = ServerAction::<BookSlot>::new();
    let join = ServerAction::<JoinWaitlist>::new();
    let leave = ServerAction::<LeaveWaitlist>::new();
    let drop_id = prop_reader(id);
    let slots = Resource::new(
        move || {
            (
                opened.get(),
                book.version().get() + join.version().get() + leave.version().get(),
            )
        },
        move |_| drop_slots(drop_id()),
    );
    let on_zero = Callback::new(move |()| set_opened.update(|n| *n += 1));
    let i18n = use_i18n();
    view! {
        <h2 id="slots-title">{t!(i18n, "drop-slots")}</h2>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match slots.await {
                    Ok(data) => Either::Left(view! { <SlotsView data drop_id=drop_id() on_zero book join leave/> }),
                    Err(error) => Either::Right(view! { <p class="form-alert" role="alert">{error.message}</p> }),
                }
            })}
        </Transition>
    }
}

#[component]
fn SlotsView(
    data: DropSlotsData,
    drop_id: String,
    on_zero: Callback<()>,
    book: ServerAction<BookSlot>,
    join: ServerAction<JoinWaitlist>,
    leave: ServerAction<LeaveWaitlist>,
) -> impl IntoView {
    let DropSlotsData {
        status,
        opens_at,
        server_now,
        slots,
        signed_in,
        form_token,
        my_waitlist,
        units_per_reservation,
        needs_code,
    } = data;
    let booking = signed_in.then(|| BookingForm {
        action: book,
        join,
        leave,
        waiting: my_waitlist,
        form_token,
        max_units: units_per_reservation,
        needs_code,
    });
    // The latest refusal of any of the section's forms, said aloud.
    let error = Signal::derive(move || {
        book.value()
            .get()
            .and_then(Result::err)
            .or_else(|| join.value().get().and_then(Result::err))
            .or_else(|| leave.value().get().and_then(Result::err))
    });
    let i18n = use_i18n();
    view! {
        <StatusBadge status/>
        {match (status, opens_at) {
            (DropStatus::Scheduled, Some(opens_at)) => Either::Left(view! {
                <Countdown until=opens_at server_now on_zero label=t!(i18n, "countdown-opens-in")/>
                <p class="muted">{t!(i18n, "drop-slots-appear")}</p>
                <OpeningAlertForm drop_id=drop_id.clone() signed_in/>
            }),
            (DropStatus::Open, _) => Either::Right(Either::Left(view! {
                // A booking goes on to My reservations; a refusal stays here, said aloud.
                <div aria-live="polite"><FormAlert error/></div>
                {(!signed_in).then(|| view! { <p class="notice-plain"><a href=format!("/login?next=/d/{drop_id}")>{t!(i18n, "nav-sign-in")}</a>" "{t!(i18n, "drop-sign-in-to-book")}</p> })}
                <SlotList slots booking/>
            })),
            // The badge above says why: closed, cancelled, archived.
            _ => Either::Right(Either::Right(view! {
                <p class="empty">{t!(i18n, "drop-no-more-bookings")}</p>
            })),
        }}
    }
}

#[component]
fn RulesSummary(rules: DropRules) -> impl IntoView {
    let i18n = use_i18n();
    let per_person = t!(
        i18n,
        "drop-rules-per-person",
        count = rules.reservations_per_person
    );
    let places = t!(
        i18n,
        "drop-rules-places",
        count = rules.units_per_reservation
    );
    view! {
        <section aria-labelledby="rules-title" class="rules">
            <h2 id="rules-title">{t!(i18n, "drop-rules")}</h2>
            <ul>
                <li>{per_person}{places}</li>
                <li>{match rules.deposit {
                    Some(deposit) => t!(
                        i18n,
                        "drop-rules-deposit",
                        minutes = rules.hold_seconds / 60,
                        deposit = deposit.format(i18n.language()),
                    ),
                    None => t!(i18n, "drop-rules-no-deposit"),
                }}</li>
                {(rules.booking_cutoff_minutes > 0).then(|| view! { <li>{t!(i18n, "drop-rules-cutoff", minutes = rules.booking_cutoff_minutes)}</li> })}
                <li>{t!(i18n, "drop-rules-cancel", minutes = rules.cancellation_window_minutes)}</li>
                {(rules.eligibility == Eligibility::AccessCode).then(|| view! { <li>{t!(i18n, "drop-rules-access-code")}</li> })}
                {rules.verified_email_required.then(|| view! { <li>{t!(i18n, "drop-rules-verified-email")}</li> })}
            </ul>
        </section>
    }
}
