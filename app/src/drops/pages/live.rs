use super::{card::StatusBadge, slots::by_branch};
use crate::{
    drops::api::{LiveCounts, drop_live},
    i18n::use_i18n,
    t,
    ui::{
        Crumb, ErrorPage, OwnerFrame, OwnerSection, PageTitle, count_hydrated_island, prop_reader,
        route_param,
    },
};
use leptos::{either::Either, prelude::*};

/// How often the live view asks for fresh counts.
#[cfg(feature = "hydrate")]
const REFRESH: std::time::Duration = std::time::Duration::from_secs(2);

/// A drop's live view for its owners: per slot capacity, held, confirmed, checked in and
/// waitlisted, refreshed by itself every two seconds.
#[component]
pub fn DropLivePage() -> impl IntoView {
    let id = route_param("id");
    view! { <DropLiveIsland id/> }
}

#[island(lazy)]
fn DropLiveIsland(id: String) -> impl IntoView {
    count_hydrated_island();
    let id = prop_reader(id);
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
    let i18n = use_i18n();
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
        <PageTitle text=t!(i18n, "live-title", drop = drop.name.to_string())/>
        <OwnerFrame slug=store.slug.to_string() store_name=store.name.to_string() section=OwnerSection::Drops crumbs=vec![Crumb { label: drop.name.to_string(), href: Some(format!("/owner/drops/{}", drop.id)) }, Crumb { label: t!(i18n, "live-crumb"), href: None }]>
        <h1>{t!(i18n, "live-title", drop = drop.name.to_string())} " " <StatusBadge status=summary.status/></h1>
        <p class="lead" aria-live="polite">
            <strong data-testid="fill-rate">{t!(i18n, "live-fill", percent = fill)}</strong>
            " · "{t!(i18n, "live-taken", taken = taken, capacity = capacity, updated = crate::time::utc_minute(server_now))}
        </p>
        <p><a class="button" href=format!("/staff/drops/{}", drop.id)>{t!(i18n, "live-open-scanner")}</a></p>
        {by_branch(slots).into_iter().map(|(branch, slots)| view! {
            <section aria-label=t!(i18n, "slots-at", branch = &branch)>
                <h2>{branch.clone()}</h2>
                <div class="table-wrap" tabindex="0" role="region" aria-label=t!(i18n, "slots-at", branch = &branch)>
                    <table class="table live-table">
                        <thead><tr>
                            <th scope="col">{t!(i18n, "door-slot")}</th><th scope="col">{t!(i18n, "live-capacity")}</th><th scope="col">{t!(i18n, "live-held")}</th>
                            <th scope="col">{t!(i18n, "reservation-confirmed")}</th><th scope="col">{t!(i18n, "reservation-checked-in")}</th><th scope="col">{t!(i18n, "live-waitlisted")}</th><th scope="col">{t!(i18n, "live-left")}</th>
                        </tr></thead>
                        <tbody>
                            {slots.into_iter().map(|s| view! {
                                <tr>
                                    <th scope="row">{s.local_label(i18n)}</th>
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
        </OwnerFrame>
    }
}
