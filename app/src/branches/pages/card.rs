use crate::branches::{geo::describe_distance, hours::OpenStatus, model::BranchStatus};
use crate::{i18n::use_i18n, t};
use leptos::prelude::*;

/// A branch for shoppers: where it is, whether it is open now, and how far.
#[component]
pub fn BranchCard(
    status: BranchStatus,
    #[prop(optional, into)] store_name: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let branch = status.branch;
    let open = matches!(status.status, OpenStatus::Open { .. });
    let map = format!(
        "https://www.openstreetmap.org/?mlat={}&mlon={}#map=17/{}/{}",
        branch.coordinates.latitude_text(),
        branch.coordinates.longitude_text(),
        branch.coordinates.latitude_text(),
        branch.coordinates.longitude_text()
    );
    view! {
        <li class="card branch-card">
            <h3>{branch.name.to_string()}</h3>
            {store_name.map(|name| view! { <p class="eyebrow">{name}</p> })}
            <p class=if open { "status open" } else { "status closed" }>{status.status.describe(status.weekday, i18n)}</p>
            <p class="muted">
                {format!("{}, {} {}", branch.address.street, branch.address.city, branch.address.postcode)}
            </p>
            {status.distance_m.map(|m| view! { <p class="distance">{t!(i18n, "branch-away", distance = describe_distance(m))}</p> })}
            <a href=map rel="noopener" target="_blank">{t!(i18n, "branch-map")}</a>
        </li>
    }
}
