use super::{card::StatusBadge, slots::by_branch};
use crate::{
    drops::api::{LiveCounts, drop_live},
    ui::ErrorPage,
};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// How often the live view asks for fresh counts.
#[cfg(feature = "hydrate")]
const REFRESH: std::time::Duration = std::time::Duration::from_secs(2);

/// A drop's live view for its owners: per slot capacity, held, confirmed, checked in and
/// waitlisted, refreshed by itself every two seconds.
#[component]
pub fn DropLivePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let (tick, set_tick) = signal(0u32);
    #[cfg(feature = "hydrate")]
    if let Ok(handle) = set_interval_with_handle(move || set_tick.update(|n| *n += 1), REFRESH) {
        on_cleanup(move || handle.clear());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = set_tick;
    let live = Resource::new(move || (id(), tick.get()), |(id, _)| drop_live(id));
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match live.await {
                    Ok(live) => Either::Left(view! { <LiveTable live/> }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Transition>
    }
}

#[component]
fn LiveTable(live: LiveCounts) -> impl IntoView {
    let LiveCounts {
        summary,
        store,
        slots,
        server_now,
    } = live;
    let drop = summary.drop;
    let capacity: u32 = slots.iter().map(|s| s.slot.capacity.get()).sum();
    let taken: u32 = slots.iter().map(|s| s.counts.taken()).sum();
    let fill = if capacity == 0 {
        0
    } else {
        taken * 100 / capacity
    };
    view! {
        <Title text=format!("Live: {}", drop.name)/>
        <nav aria-label="Breadcrumb" class="breadcrumbs">
            <a href=format!("/owner/stores/{}/drops", store.slug)>{format!("Drops of {}", store.name)}</a> " / "
            <a href=format!("/owner/drops/{}", drop.id)>{drop.name.to_string()}</a> " / "
            <span aria-current="page">"Live"</span>
        </nav>
        <h1>{format!("Live: {}", drop.name)} " " <StatusBadge status=summary.status/></h1>
        <p class="lead" aria-live="polite">
            <strong data-testid="fill-rate">{format!("{fill}% full")}</strong>
            {format!(" · {taken} of {capacity} places taken · updated {}", crate::time::utc_minute(server_now))}
        </p>
        <p><a class="button" href=format!("/staff/drops/{}", drop.id)>"Open the door scanner"</a></p>
        {by_branch(slots).into_iter().map(|(branch, slots)| view! {
            <section aria-label=format!("Slots at {branch}")>
                <h2>{branch.clone()}</h2>
                <div class="table-wrap">
                    <table class="table live-table">
                        <thead><tr>
                            <th scope="col">"Slot"</th><th scope="col">"Capacity"</th><th scope="col">"Held"</th>
                            <th scope="col">"Confirmed"</th><th scope="col">"Checked in"</th><th scope="col">"Waitlisted"</th><th scope="col">"Left"</th>
                        </tr></thead>
                        <tbody>
                            {slots.into_iter().map(|s| view! {
                                <tr>
                                    <th scope="row">{format!("{} {}–{}", s.local_day, s.local_start, s.local_end)}</th>
                                    <td>{s.slot.capacity.get()}</td>
                                    <td>{s.counts.held}</td>
                                    <td>{s.counts.confirmed}</td>
                                    <td>{s.counts.checked_in}</td>
                                    <td>{s.counts.waitlisted}</td>
                                    <td>{s.remaining()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
        }).collect_view()}
    }
}
