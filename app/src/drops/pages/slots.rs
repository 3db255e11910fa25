use crate::{
    drops::model::SlotView,
    reservations::{
        api::{BookSlot, JoinWaitlist, LeaveWaitlist},
        model::places_label,
        waitlist::WaitlistEntry,
    },
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
    by_branch(slots)
        .into_iter()
        .map(|(branch, slots)| {
            let zone = slots.first().map(|s| s.time_zone.to_string()).unwrap_or_default();
            view! {
                <section class="slot-group" aria-label=format!("Slots at {branch}")>
                    <h3>{branch.clone()} <span class="muted zone">{format!(" · times in {zone}")}</span></h3>
                    <ul class="slot-list" role="list">
                        {slots.into_iter().map(|slot| {
                            let left = slot.remaining();
                            let state = if left == 0 {
                                view! { <span class="badge sold-out">"Sold out"</span> }.into_any()
                            } else {
                                view! { <span class="places">{format!("{left} of {} left", slot.slot.capacity.get())}</span> }.into_any()
                            };
                            let label = format!("{} {}–{}", slot.local_day, slot.local_start, slot.local_end);
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
    view! {
        <ActionForm action=booking.action attr:class="book-form">
            <input type="hidden" name="slot_id" value=slot_id.clone()/>
            <input type="hidden" name="form_token" value=booking.form_token/>
            <UnitsField id=units_id max label=label.clone()/>
            {booking.needs_code.then(|| view! { <AccessCodeField id=code_id.clone()/> })}
            <button type="submit" class="button primary small" aria-label=format!("Book {label}")>"Book"</button>
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
    let places = places_label(entry.units);
    let position = entry.position.unwrap_or(1);
    view! {
        <div class="in-line">
            <p class="badge waiting">{format!("#{position} in line")}</p>
            <p class="muted small">{format!("Waiting for {places}: we hold them for you when they free up.")}</p>
            <ActionForm action=leave attr:class="inline-form">
                <input type="hidden" name="id" value=entry.id.to_string()/>
                <button type="submit" class="button small" aria-label=format!("Leave the waitlist for {label}")>"Leave the waitlist"</button>
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
    view! {
        <ActionForm action=booking.join attr:class="book-form">
            <input type="hidden" name="slot_id" value=slot_id.clone()/>
            <UnitsField id=units_id max label=label.clone()/>
            {booking.needs_code.then(|| view! { <AccessCodeField id=code_id.clone()/> })}
            <button type="submit" class="button small" aria-label=format!("Join the waitlist for {label}")>"Join the waitlist"</button>
        </ActionForm>
    }
}

/// How many places: a select up to `max`, or a fixed 1.
#[component]
fn UnitsField(id: String, max: u16, label: String) -> impl IntoView {
    if max > 1 {
        view! {
            <label for=id.clone() class="visually-hidden">{format!("Places for {label}")}</label>
            <select id=id name="units">
                {(1..=max).map(|n| view! { <option value=n.to_string()>{places_label(n)}</option> }).collect_view()}
            </select>
        }.into_any()
    } else {
        view! { <input type="hidden" name="units" value="1"/> }.into_any()
    }
}

/// The early-access code a drop may ask for.
#[component]
fn AccessCodeField(id: String) -> impl IntoView {
    view! {
        <label for=id.clone() class="visually-hidden">"Access code"</label>
        <input id=id name="access_code" placeholder="Access code" required/>
    }
}
