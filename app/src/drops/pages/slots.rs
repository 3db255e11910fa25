use crate::drops::model::SlotView;
use leptos::prelude::*;

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
pub fn SlotList(slots: Vec<SlotView>) -> impl IntoView {
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
                            view! {
                                <li class="slot" class:full=left == 0>
                                    <span class="slot-time">{format!("{} {}–{}", slot.local_day, slot.local_start, slot.local_end)}</span>
                                    {state}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
        .collect_view()
}
