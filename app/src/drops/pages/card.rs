use crate::drops::{api::DropSummary, model::DropStatus};
use leptos::{either::Either, prelude::*};

/// A drop's status as a badge.
#[component]
pub fn StatusBadge(status: DropStatus) -> impl IntoView {
    view! { <span class=format!("badge status-{}", status.as_str())>{status.label()}</span> }
}

/// Drops as cards linking to their pages (the store page's list).
#[component]
pub fn DropList(drops: Vec<DropSummary>) -> impl IntoView {
    if drops.is_empty() {
        return Either::Left(view! {
            <p class="empty">"No drops are scheduled at this store right now. Check back soon."</p>
        });
    }
    Either::Right(view! {
        <ul class="card-grid" role="list">
            {drops.into_iter().map(|summary| {
                let href = format!("/d/{}", summary.drop.id);
                let when = if summary.status == DropStatus::Open {
                    format!("Open until {}", summary.closes_label)
                } else {
                    format!("Opens {}", summary.opens_label)
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
