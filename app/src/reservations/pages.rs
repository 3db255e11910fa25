//! The shopper's reservations: upcoming ones first, with cancel; then past ones.

use super::{
    api::{
        AcceptOffer, CancelReservation, LeaveWaitlist, MyReservationList, ReservationView,
        WaitlistView, my_reservations,
    },
    door::model::booking_code,
    rules::ReservationStatus,
};
use crate::{
    error::ErrorKind,
    i18n::{I18n, use_i18n},
    t,
    time::Timestamp,
    ui::{
        ConfirmDialog, Countdown, ErrorPage, FormAlert, Loading, PageTitle, SignInRequired,
        count_hydrated_island, query_param,
    },
};
use leptos::{either::EitherOf3, prelude::*};

#[component]
pub fn MyReservationsPage() -> impl IntoView {
    let booked = query_param("booked");
    view! { <MyReservationsIsland booked/> }
}

#[island(lazy)]
fn MyReservationsIsland(booked: Option<String>) -> impl IntoView {
    count_hydrated_island();
    let actions = Actions {
        cancel: ServerAction::new(),
        accept: ServerAction::new(),
        leave: ServerAction::new(),
    };
    // Bumped when a hold's countdown ends: the list is asked again and shows it lapsed.
    let (lapsed, set_lapsed) = signal(0u32);
    let list = Resource::new(
        move || {
            actions.cancel.version().get()
                + actions.accept.version().get()
                + actions.leave.version().get()
                + lapsed.get() as usize
        },
        |_| my_reservations(),
    );
    let on_lapse = Callback::new(move |()| set_lapsed.update(|n| *n += 1));
    let i18n = use_i18n();
    view! {
        <PageTitle text=t!(i18n, "nav-reservations")/>
        <Transition fallback=Loading>
            {move || {
                let booked = booked.clone();
                Suspend::new(async move {
                match list.await {
                    Ok(list) => EitherOf3::A(view! { <Reservations list actions on_lapse booked/> }),
                    Err(error) if error.kind == ErrorKind::Unauthenticated => EitherOf3::B(view! { <SignInRequired next="/reservations"/> }),
                    Err(error) => EitherOf3::C(view! { <ErrorPage error/> }),
                }
                })
            }}
        </Transition>
    }
}

/// The page's forms; each answer reloads the list.
#[derive(Clone, Copy)]
struct Actions {
    cancel: ServerAction<CancelReservation>,
    accept: ServerAction<AcceptOffer>,
    leave: ServerAction<LeaveWaitlist>,
}

#[component]
fn Reservations(
    list: MyReservationList,
    actions: Actions,
    on_lapse: Callback<()>,
    /// The reservation just booked (`?booked=`), announced first.
    booked: Option<String>,
) -> impl IntoView {
    let error = Signal::derive(move || {
        actions
            .cancel
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| actions.accept.value().get().and_then(Result::err))
            .or_else(|| actions.leave.value().get().and_then(Result::err))
    });
    let now = list.server_now;
    let (upcoming, past): (Vec<_>, Vec<_>) = list
        .reservations
        .into_iter()
        .partition(|r| r.upcoming && r.reservation.status.takes_places());
    let waitlist = list.waitlist;
    let i18n = use_i18n();
    // Arriving from a booking: say so first, before the list.
    let just_booked = upcoming
        .iter()
        .find(|r| booked.as_deref() == Some(r.reservation.id.to_string().as_str()))
        .map(|r| {
            t!(
                i18n,
                "reservation-booked",
                drop = &r.drop_name,
                slot = r.slot.local_label(i18n)
            )
        });
    view! {
        <h1>{t!(i18n, "nav-reservations")}</h1>
        {just_booked.map(|text| view! { <p class="toast success" role="status">{text}</p> })}
        <div aria-live="polite"><FormAlert error/></div>
        <section aria-labelledby="upcoming-title">
            <h2 id="upcoming-title">{t!(i18n, "reservations-upcoming")}</h2>
            {if upcoming.is_empty() {
                view! { <p class="empty">{t!(i18n, "reservations-none")}</p> }.into_any()
            } else {
                view! {
                    <ul class="card-grid reservations" role="list">
                        {upcoming.into_iter().map(|r| view! { <ReservationCard view=r actions now on_lapse/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        {(!waitlist.is_empty()).then(|| view! {
            <section aria-labelledby="waitlist-title">
                <h2 id="waitlist-title">{t!(i18n, "reservations-waitlists")}</h2>
                <ul class="card-grid reservations" role="list">
                    {waitlist.into_iter().map(|w| view! { <WaitlistCard view=w leave=actions.leave/> }).collect_view()}
                </ul>
            </section>
        })}
        {(!past.is_empty()).then(|| view! {
            <section aria-labelledby="past-title">
                <h2 id="past-title">{t!(i18n, "reservations-past")}</h2>
                <ul class="card-grid reservations" role="list">
                    {past.into_iter().map(|r| view! { <ReservationCard view=r actions now on_lapse/> }).collect_view()}
                </ul>
            </section>
        })}
    }
}

#[component]
fn ReservationCard(
    view: ReservationView,
    actions: Actions,
    now: Timestamp,
    on_lapse: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let status = status_label(i18n, &view);
    let r = view.reservation;
    let slot = view.slot;
    let can_cancel = view.upcoming
        && matches!(
            r.status,
            ReservationStatus::Held | ReservationStatus::Confirmed
        );
    let hold = (r.status == ReservationStatus::Held)
        .then_some(r.hold_expires_at)
        .flatten()
        .filter(|at| *at > now);
    let hold_view = hold.map(|until| {
        let take = match view.deposit.clone() {
            Some(deposit) => view! { <p class="notice-plain">{t!(i18n, "reservation-deposit-confirms", deposit = deposit)}</p> }.into_any(),
            None => view! {
                <ActionForm action=actions.accept attr:class="inline-form">
                    <input type="hidden" name="id" value=r.id.to_string()/>
                    <button type="submit" class="button primary small" disabled=move || actions.accept.pending().get()>{t!(i18n, "reservation-confirm")}</button>
                </ActionForm>
            }.into_any(),
        };
        view! {
            <div class="hold">
                <Countdown until server_now=now on_zero=on_lapse label=t!(i18n, "countdown-held-for")/>
                {take}
            </div>
        }
    });
    view! {
        <li class="card reservation-card">
            <p class=format!("badge reservation-{}", r.status.as_str())>{status}</p>
            <h3><a href=format!("/d/{}", r.drop_id)>{view.drop_name}</a></h3>
            <p class="slot-time">{slot.local_label(i18n)}</p>
            <p class="muted">{format!("{} · {} ({})", t!(i18n, "places", count = r.units), slot.branch_name, slot.time_zone)}</p>
            {hold_view}
            {view.ticket_svg.map(|svg| view! {
                <figure class="ticket">
                    <div class="qr" role="img" aria-label=t!(i18n, "reservation-ticket-qr") inner_html=svg></div>
                    <figcaption>
                        <span class="booking-code">{t!(i18n, "reservation-booking-code")}" "<strong>{booking_code(r.id)}</strong></span>
                        " · "<a href=format!("/reservations/{}/ticket.png", r.id) download="">{t!(i18n, "reservation-download-code")}</a>
                    </figcaption>
                </figure>
            })}
            // A booking won in a stampede is not given up by one stray tap: the button asks first.
            {can_cancel.then(|| view! {
                <ConfirmDialog id=format!("cancel-{}", r.id) trigger=t!(i18n, "reservation-cancel")
                    question=t!(i18n, "reservation-cancel-question")>
                    <ActionForm action=actions.cancel attr:class="inline-form">
                        <input type="hidden" name="id" value=r.id.to_string()/>
                        <button type="submit" class="button danger" disabled=move || actions.cancel.pending().get()>
                            {t!(i18n, "reservation-cancel-confirm")}
                        </button>
                    </ActionForm>
                </ConfirmDialog>
            })}
        </li>
    }
}

#[component]
fn WaitlistCard(view: WaitlistView, leave: ServerAction<LeaveWaitlist>) -> impl IntoView {
    let entry = view.entry;
    let slot = view.slot;
    let i18n = use_i18n();
    view! {
        <li class="card reservation-card">
            <p class="badge waiting">{t!(i18n, "slot-in-line", position = entry.position.unwrap_or(1))}</p>
            <h3><a href=format!("/d/{}", entry.drop_id)>{view.drop_name}</a></h3>
            <p class="slot-time">{slot.local_label(i18n)}</p>
            <p class="muted">{format!("{} · {} ({})", t!(i18n, "places", count = entry.units), slot.branch_name, slot.time_zone)}</p>
            <p class="muted small">{t!(i18n, "reservation-waitlist-explained")}</p>
            <ActionForm action=leave attr:class="inline-form">
                <input type="hidden" name="id" value=entry.id.to_string()/>
                <button type="submit" class="button small">{t!(i18n, "slot-leave-waitlist")}</button>
            </ActionForm>
        </li>
    }
}

/// Where a reservation stands, in words the shopper can act on.
fn status_label(i18n: I18n, view: &ReservationView) -> String {
    match view.reservation.status {
        ReservationStatus::Held if view.deposit.is_some() => t!(i18n, "reservation-held-deposit"),
        ReservationStatus::Held => t!(i18n, "reservation-held"),
        ReservationStatus::Confirmed => t!(i18n, "reservation-confirmed"),
        ReservationStatus::CheckedIn => t!(i18n, "reservation-checked-in"),
        ReservationStatus::Cancelled => t!(i18n, "reservation-cancelled"),
        ReservationStatus::Expired => t!(i18n, "reservation-expired"),
        ReservationStatus::NoShow => t!(i18n, "reservation-no-show"),
    }
}
