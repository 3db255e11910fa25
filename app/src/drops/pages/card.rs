use crate::{
    drops::{api::DropSummary, model::DropStatus},
    i18n::{I18n, use_i18n},
    t,
};
use leptos::{either::Either, prelude::*};

/// A drop's status as a badge.
#[component]
pub fn StatusBadge(status: DropStatus) -> impl IntoView {
    let label = status_label(use_i18n(), status);
    view! { <span class=format!("badge status-{}", status.as_str())>{label}</span> }
}

/// A drop's status in words.
pub fn status_label(i18n: I18n, status: DropStatus) -> String {
    match status {
        DropStatus::Draft => t!(i18n, "drop-status-draft"),
        DropStatus::Scheduled => t!(i18n, "drop-status-scheduled"),
        DropStatus::Open => t!(i18n, "drop-status-open"),
        DropStatus::Closed => t!(i18n, "drop-status-closed"),
        DropStatus::Archived => t!(i18n, "drop-status-archived"),
        DropStatus::Cancelled => t!(i18n, "drop-status-cancelled"),
    }
}

/// Drops as cards linking to their pages (the store page's list).
#[component]
pub fn DropList(drops: Vec<DropSummary>) -> impl IntoView {
    let i18n = use_i18n();
    if drops.is_empty() {
        return Either::Left(view! { <p class="empty">{t!(i18n, "drops-none")}</p> });
    }
    Either::Right(view! {
        <ul class="card-grid" role="list">
            {drops.into_iter().map(|summary| {
                let href = format!("/d/{}", summary.drop.id);
                let when = if summary.status == DropStatus::Open {
                    t!(i18n, "drop-open-until", when = &summary.closes_label)
                } else {
                    t!(i18n, "drop-opens", when = &summary.opens_label)
                };
                view! {
                    <li class="card drop-card">
                        <StatusBadge status=summary.status/>
                        <h3><a href=href>{summary.drop.name.to_string()}</a></h3>
                        <p class="muted">{when}</p>
                    </li>
                }
            }).collect_view()}
        </ul>
    })
}
