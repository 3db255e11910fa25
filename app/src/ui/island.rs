//! What every island shares. Pages are rendered on the server; an island is the part of a page
//! that runs in the browser, hydrated on its own, without the page's context (router, meta).

use crate::{
    i18n::{I18n, use_i18n},
    t,
};
use leptos::prelude::*;
use leptos_meta::{MetaContext, Title, provide_meta_context};
use leptos_router::hooks::{use_params_map, use_query_map};

/// The page's `<title>`, with the site's name after it. An island in the browser has no meta
/// context from the page around it, so the site's title formatter is given here, not inherited.
#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    if use_context::<MetaContext>().is_none() {
        provide_meta_context();
    }
    let i18n = use_i18n();
    view! { <Title text formatter=move |title| site_title(i18n, title)/> }
}

/// A page's title with the site's name after it: "Archive release 07 · DropSlot".
pub fn site_title(i18n: I18n, page: String) -> String {
    t!(i18n, "site-title-suffix", title = page)
}

/// Counts the island as interactive on `<body data-islands>`, so tests and scripts can wait for
/// every island of a page (lazy ones arrive later) instead of guessing.
pub fn count_hydrated_island() {
    #[cfg(feature = "hydrate")]
    Effect::new(|| {
        let Some(body) = document().body() else {
            return;
        };
        let hydrated = body
            .get_attribute("data-islands")
            .and_then(|count| count.parse::<u32>().ok())
            .unwrap_or(0);
        let _ = body.set_attribute("data-islands", &(hydrated + 1).to_string());
    });
}

/// An island's prop as a Copy closure: views call it in several places, as they would a route
/// hook, and closures that own a `String` are not Copy.
pub fn prop_reader(value: String) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let value = StoredValue::new(value);
    move || value.get_value()
}

/// A route parameter of the page being rendered, for its island's props (an island in the
/// browser has no router).
pub fn route_param(name: &str) -> String {
    use_params_map()
        .read_untracked()
        .get(name)
        .unwrap_or_default()
}

/// A query parameter of the page being rendered, for its island's props.
pub fn query_param(name: &str) -> Option<String> {
    use_query_map().read_untracked().get(name)
}
