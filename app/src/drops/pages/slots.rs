use crate::{drops::model::SlotView, reservations::api::BookSlot};
use leptos::prelude::*;

/// What a slot's booking form needs.
#[derive(Clone)]
pub struct BookingForm {
    pub action: ServerAction<BookSlot>,
    pub form_token: String,
    pub max_units: u16,
    pub needs_code: bool,
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
                            let form = booking.clone().filter(|_| left > 0).map(|b| view! { <BookForm place=slot.clone() label=label.clone() booking=b/> });
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
            {if max > 1 {
                view! {
                    <label for=units_id.clone() class="visually-hidden">{format!("Places for {label}")}</label>
                    <select id=units_id name="units">
                        {(1..=max).map(|n| view! { <option value=n.to_string()>{if n == 1 { "1 place".to_owned() } else { format!("{n} places") }}</option> }).collect_view()}
                    </select>
                }.into_any()
            } else {
                view! { <input type="hidden" name="units" value="1"/> }.into_any()
            }}
            {booking.needs_code.then(|| view! {
                <label for=code_id.clone() class="visually-hidden">"Access code"</label>
                <input id=code_id name="access_code" placeholder="Access code" required/>
            })}
            <button type="submit" class="button primary small" aria-label=format!("Book {label}")>"Book"</button>
        </ActionForm>
    }
}
