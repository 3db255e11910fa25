//! The shopper's reservations: upcoming ones first, with cancel; then past ones.

use super::{
    api::{CancelReservation, MyReservationList, ReservationView, my_reservations},
    rules::ReservationStatus,
};
use crate::{
    error::ErrorKind,
    ui::{ErrorPage, FormAlert, SignInRequired},
};
use leptos::{either::EitherOf3, prelude::*};
use leptos_meta::Title;

#[component]
pub fn MyReservationsPage() -> impl IntoView {
    let cancel = ServerAction::<CancelReservation>::new();
    let list = Resource::new(move || cancel.version().get(), |_| my_reservations());
    view! {
        <Title text="My reservations"/>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => EitherOf3::A(view! { <Reservations list cancel/> }),
                    Err(error) if error.kind == ErrorKind::Unauthenticated => EitherOf3::B(view! { <SignInRequired next="/reservations"/> }),
                    Err(error) => EitherOf3::C(view! { <ErrorPage error/> }),
                }
            })}
        </Transition>
    }
}

#[component]
fn Reservations(list: MyReservationList, cancel: ServerAction<CancelReservation>) -> impl IntoView {
    let error = Signal::derive(move || cancel.value().get().and_then(Result::err));
    let (upcoming, past): (Vec<_>, Vec<_>) = list
        .reservations
        .into_iter()
        .partition(|r| r.upcoming && r.reservation.status.takes_places());
    view! {
        <h1>"My reservations"</h1>
        <FormAlert error/>
        <section aria-labelledby="upcoming-title">
            <h2 id="upcoming-title">"Upcoming"</h2>
            {if upcoming.is_empty() {
                view! { <p class="empty">"Nothing booked yet. Find a drop on a store's page."</p> }.into_any()
            } else {
                view! {
                    <ul class="card-grid reservations" role="list">
                        {upcoming.into_iter().map(|r| view! { <ReservationCard view=r cancel/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        {(!past.is_empty()).then(|| view! {
            <section aria-labelledby="past-title">
                <h2 id="past-title">"Past and cancelled"</h2>
                <ul class="card-grid reservations" role="list">
                    {past.into_iter().map(|r| view! { <ReservationCard view=r cancel/> }).collect_view()}
                </ul>
            </section>
        })}
    }
}

#[component]
fn ReservationCard(
    view: ReservationView,
    cancel: ServerAction<CancelReservation>,
) -> impl IntoView {
    let status = view.status_label();
    let r = view.reservation;
    let slot = view.slot;
    let can_cancel = view.upcoming
        && matches!(
            r.status,
            ReservationStatus::Held | ReservationStatus::Confirmed
        );
    let places = if r.units == 1 {
        "1 place".to_owned()
    } else {
        format!("{} places", r.units)
    };
    view! {
        <li class="card reservation-card">
            <p class=format!("badge reservation-{}", r.status.as_str())>{status}</p>
            <h3><a href=format!("/d/{}", r.drop_id)>{view.drop_name}</a></h3>
            <p class="slot-time">{format!("{} {}–{}", slot.local_day, slot.local_start, slot.local_end)}</p>
            <p class="muted">{format!("{} · {} ({})", places, slot.branch_name, slot.time_zone)}</p>
            {view.ticket_svg.map(|svg| view! {
                <figure class="ticket">
                    <div class="qr" role="img" aria-label="Your ticket's QR code: show it at the door" inner_html=svg></div>
                    <figcaption><a href=format!("/reservations/{}/ticket.png", r.id) download="">"Download the code"</a></figcaption>
                </figure>
            })}
            {can_cancel.then(|| view! {
                <ActionForm action=cancel attr:class="inline-form">
                    <input type="hidden" name="id" value=r.id.to_string()/>
                    <button type="submit" class="button small danger">"Cancel"</button>
                </ActionForm>
            })}
        </li>
    }
}
