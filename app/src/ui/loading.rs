use crate::{i18n::use_i18n, t};
use leptos::prelude::*;

/// What a page shows while its data is on the way: grey lines in the shape of text, and the
/// word for screen readers.
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="skeleton" role="status" aria-busy="true">
            <span class="visually-hidden">{t!(i18n, "loading")}</span>
            <span class="skeleton-line wide" aria-hidden="true"></span>
            <span class="skeleton-line" aria-hidden="true"></span>
            <span class="skeleton-line short" aria-hidden="true"></span>
        </div>
    }
}
