use crate::{
    drops::model::SlotView,
    i18n::use_i18n,
    reservations::{
        api::{BookSlot, JoinWaitlist, LeaveWaitlist},
        waitlist::WaitlistEntry,
    },
    t,
};
use leptos::{either::EitherOf4, prelude::*};

/// What a slot's booking and waitlist forms need.
#[derive(Clone)]
pub struct BookingForm {
    pub action: ServerAction<BookSlot>,
    pub join: ServerAction<JoinWaitlist>,
    pub leave: ServerAction<LeaveWaitlist>,
    pub form_token: String,
    pub max_units: u16,
    pub needs_code: bool,
    /// The lines the person already waits in.
    pub waiting: Vec<WaitlistEntry>,
}

/// Slots grouped by branch, in the order they come (by start time).
pub fn by_branch(slots: Vec<SlotView>) -> Vec<(String, Vec<SlotView>)> {
    let mut groups: Vec<(String, Vec<SlotView>)> = Vec::new();
    for slot in slots {
        match groups
            .iter_mut()
            .find(|(name, _)| *name == slot.branch_name)
        {
            Some((_, list)) => list.push(slot),
            None => groups.push((slot.branch_name.clone(), vec![slot])),
        }
    }
    groups
}

/// The shopper's slot list: per branch, on the branch's clock, with the places left.
#[component]
pub fn SlotList(slots: Vec<SlotView>, booking: Option<BookingForm>) -> impl IntoView {
    let i18n = use_i18n();
    by_branch(slots)
        .into_iter()
        .map(|(branch, slots)| {
            let zone = slots.first().map(|s| s.time_zone.to_string()).unwrap_or_default();
            view! {
                <section class="slot-group" aria-label=t!(i18n, "slots-at", branch = &branch)>
                    <h3>{branch.clone()} <span class="muted zone">" "{t!(i18n, "slots-times-in", zone = zone)}</span></h3>
                    <ul class="slot-list" role="list">
                        {slots.into_iter().map(|slot| {
                            let left = slot.remaining();
                            let state = if left == 0 {
                                view! { <span class="badge sold-out">{t!(i18n, "slot-sold-out")}</span> }.into_any()
                            } else {
                                view! { <span class="places">{t!(i18n, "slot-left-of", left = left, capacity = slot.slot.capacity.get())}</span> }.into_any()
                            };
                            let label = slot.local_label(i18n);
                            let form = booking.clone().map(|b| {
                                let place = slot.clone();
                                let label = label.clone();
                                match b.waiting.iter().find(|e| e.slot_id == place.slot.id).cloned() {
                                    Some(entry) => EitherOf4::A(view! { <InLine entry leave=b.leave label/> }),
                                    None if left > 0 => EitherOf4::B(view! { <BookForm place label booking=b/> }),
                                    None if place.counts.waitlisted > 0 || place.counts.taken() > 0 => EitherOf4::C(view! { <WaitlistForm place label booking=b/> }),
                                    None => EitherOf4::D(()),
                                }
                            });
                            view! {
                                <li class="slot" class:full=left == 0>
                                    <span class="slot-time">{label}</span>
                                    {state}
                                    {form}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
        .collect_view()
}

#[component]
fn BookForm(place: SlotView, label: String, booking: BookingForm) -> impl IntoView {
    let slot_id = place.slot.id.to_string();
    let max = booking
        .max_units
        .min(u16::try_from(place.remaining()).unwrap_or(u16::MAX))
        .max(1);
    let units_id = format!("units-{slot_id}");
    let code_id = format!("code-{slot_id}");
    let i18n = use_i18n();
    view! {
        <ActionForm action=booking.action attr:class="book-form">
            <input type="hidden" name="slot_id" value=slot_id.clone()/>
            <input type="hidden" name="form_token" value=booking.form_token/>
            <UnitsField id=units_id max label=label.clone()/>
            {booking.needs_code.then(|| view! { <AccessCodeField id=code_id.clone()/> })}
            <button type="submit" class="button primary small" aria-label=t!(i18n, "slot-book-label", slot = &label)
                disabled=move || booking.action.pending().get()>{t!(i18n, "slot-book")}</button>
        </ActionForm>
    }
}

/// The person's place in a slot's line, with a way out.
#[component]
fn InLine(
    entry: WaitlistEntry,
    leave: ServerAction<LeaveWaitlist>,
    label: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let places = t!(i18n, "places", count = entry.units);
    let position = entry.position.unwrap_or(1);
    view! {
        <div class="in-line">
            <p class="badge waiting">{t!(i18n, "slot-in-line", position = position)}</p>
            <p class="muted small">{t!(i18n, "slot-waiting-for", places = places)}</p>
            <ActionForm action=leave attr:class="inline-form">
                <input type="hidden" name="id" value=entry.id.to_string()/>
                <button type="submit" class="button small" aria-label=t!(i18n, "slot-leave-waitlist-label", slot = &label)>{t!(i18n, "slot-leave-waitlist")}</button>
            </ActionForm>
        </div>
    }
}

/// Joining a full slot's line.
#[component]
fn WaitlistForm(place: SlotView, label: String, booking: BookingForm) -> impl IntoView {
    let slot_id = place.slot.id.to_string();
    let units_id = format!("wait-units-{slot_id}");
    let code_id = format!("wait-code-{slot_id}");
    let max = booking.max_units.max(1);
    let i18n = use_i18n();
    view! {
        <ActionForm action=booking.join attr:class="book-form">
            <input type="hidden" name="slot_id" value=slot_id.clone()/>
            <UnitsField id=units_id max label=label.clone()/>
            {booking.needs_code.then(|| view! { <AccessCodeField id=code_id.clone()/> })}
            <button type="submit" class="button small" aria-label=t!(i18n, "slot-join-waitlist-label", slot = &label)
                disabled=move || booking.join.pending().get()>{t!(i18n, "slot-join-waitlist")}</button>
        </ActionForm>
    }
}

/// How many places: a select up to `max`, or a fixed 1.
#[component]
fn UnitsField(id: String, max: u16, label: String) -> impl IntoView {
    let i18n = use_i18n();
    if max > 1 {
        view! {
            <label for=id.clone() class="visually-hidden">{t!(i18n, "slot-places-for", slot = &label)}</label>
            <select id=id name="units">
                {(1..=max).map(|n| view! { <option value=n.to_string()>{t!(i18n, "places", count = n)}</option> }).collect_view()}
            </select>
        }.into_any()
    } else {
        view! { <input type="hidden" name="units" value="1"/> }.into_any()
    }
}

/// The early-access code a drop may ask for.
#[component]
fn AccessCodeField(id: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label for=id.clone() class="visually-hidden">{t!(i18n, "slot-access-code")}</label>
        <input id=id name="access_code" placeholder=t!(i18n, "slot-access-code") required/>
    }
}
