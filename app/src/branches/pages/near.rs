use super::BranchCard;
use crate::branches::api::branches_near;
use crate::{
    i18n::use_i18n,
    t,
    ui::{Loading, Pager, count_hydrated_island, page_param},
};
use leptos::{either::EitherOf3, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// "Branches near me": the browser's location when the person allows it, else a typed place or
/// postcode. The place form is a plain GET form and works without JavaScript.
#[component]
pub fn NearbyBranchesPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let param = move |key: &'static str| move || query.read().get(key);
    let (latitude, longitude, place) = (param("latitude"), param("longitude"), param("place"));
    let page = move || page_param(query.read().get("page"));
    let nearby = Resource::new(
        move || (latitude(), longitude(), place(), page()),
        |(lat, lon, place, page)| branches_near(lat, lon, place, page),
    );
    // The same search, another page of it.
    let page_href = move |n: u32| {
        let mut pairs = vec![("page", n.to_string())];
        for key in ["latitude", "longitude", "place"] {
            if let Some(value) = query.read_untracked().get(key) {
                pairs.push((key, value));
            }
        }
        let query = serde_urlencoded::to_string(pairs).unwrap_or_default();
        format!("/branches?{query}")
    };
    view! {
        <Title text=t!(i18n, "near-title")/>
        <h1>{t!(i18n, "near-title")}</h1>
        <div class="near-controls">
            <UseMyLocation/>
            <form method="get" action="/branches" class="search-form" role="search">
                <label for="near-place" class="visually-hidden">{t!(i18n, "near-place")}</label>
                <input id="near-place" type="search" name="place" value=place placeholder=t!(i18n, "near-place")/>
                <button type="submit" class="button">{t!(i18n, "store-search-submit")}</button>
            </form>
        </div>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match nearby.await {
                    Ok(found) if found.branches.total == 0 => EitherOf3::A(view! { <p class="empty">{t!(i18n, "near-none")}</p> }),
                    Ok(mut found) => {
                        let branches = std::mem::take(&mut found.branches.items);
                        EitherOf3::B(view! {
                            <h2 class="visually-hidden">{t!(i18n, "near-results")}</h2>
                            {(!found.located).then(|| view! { <p class="muted">{t!(i18n, "near-sorted-by-name")}</p> })}
                            <ul class="card-grid" role="list">
                                {branches.into_iter().map(|(status, store)| view! { <BranchCard status store_name=store/> }).collect_view()}
                            </ul>
                            <Pager page=found.branches href=page_href/>
                        })
                    }
                    Err(error) => EitherOf3::C(view! { <p class="form-alert" role="alert">{error.message}</p> }),
                }
            })}
        </Suspense>
    }
}

/// The one part of the page that needs the browser: its position, then the same page sorted by
/// distance. Without the wasm the place search beside it still works.
#[island]
fn UseMyLocation() -> impl IntoView {
    count_hydrated_island();
    let i18n = use_i18n();
    let (locating, set_locating) = signal(None::<String>);
    let use_my_location = move |_| {
        set_locating.set(Some(t!(i18n, "near-locating")));
        locate(move |found| match found {
            Some((lat, lon)) => {
                set_locating.set(None);
                let _ = window()
                    .location()
                    .set_href(&format!("/branches?latitude={lat}&longitude={lon}"));
            }
            None => set_locating.set(Some(t!(i18n, "near-unavailable"))),
        });
    };
    view! {
        <button type="button" class="button primary" on:click=use_my_location>{t!(i18n, "near-use-location")}</button>
        <p class="muted near-status" role="status" aria-live="polite">{move || locating.get()}</p>
    }
}

/// Asks the browser for its position once; `done` gets "lat", "lon" as decimal text, or None.
#[cfg(feature = "hydrate")]
fn locate(done: impl Fn(Option<(String, String)>) + Clone + 'static) {
    use wasm_bindgen::{JsCast, closure::Closure};
    let Some(geolocation) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
        done(None);
        return;
    };
    let on_error = done.clone();
    let success = Closure::once_into_js(move |position: web_sys::Position| {
        let coords = position.coords();
        done(Some((
            format!("{:.6}", coords.latitude()),
            format!("{:.6}", coords.longitude()),
        )));
    });
    let failure = Closure::once_into_js(move |_: wasm_bindgen::JsValue| on_error(None));
    // An error here means no callback will come; the status line keeps saying "finding".
    let _ = geolocation.get_current_position_with_error_callback(
        success.unchecked_ref(),
        Some(failure.unchecked_ref()),
    );
}

/// On the server there is no browser to ask.
#[cfg(not(feature = "hydrate"))]
fn locate(done: impl Fn(Option<(String, String)>) + Clone + 'static) {
    done(None);
}
