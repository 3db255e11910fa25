use crate::products::{api::search_products, pages::ProductList};
use crate::{i18n::use_i18n, t};
use leptos::{either::EitherOf3, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Product search across every store at /search?q=…; a plain GET form, so it works without
/// JavaScript and results can be linked.
#[component]
pub fn SearchPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let store = move || query.read().get("store");
    let category = move || query.read().get("category");
    let results = Resource::new(
        move || (q(), store(), category()),
        |(q, store, category)| search_products(q, store, category),
    );
    view! {
        <Title text=t!(i18n, "search-title")/>
        <h1>{t!(i18n, "search-title")}</h1>
        <form method="get" action="/search" role="search" class="search-form">
            <label for="search-q" class="visually-hidden">{t!(i18n, "search-title")}</label>
            <input id="search-q" type="search" name="q" value=q placeholder=t!(i18n, "search-placeholder") autocomplete="off"/>
            {move || store().map(|store| view! { <input type="hidden" name="store" value=store/> })}
            {move || category().map(|category| view! { <input type="hidden" name="category" value=category/> })}
            <button type="submit" class="button primary">{t!(i18n, "store-search-submit")}</button>
        </form>
        <Suspense fallback=move || view! { <p class="muted">{t!(i18n, "search-searching")}</p> }>
            {move || Suspend::new(async move {
                match results.await {
                    Ok(found) if found.is_empty() => EitherOf3::A(view! {
                        <p class="empty" role="status">{t!(i18n, "search-nothing")}</p>
                    }),
                    Ok(found) => {
                        let count = t!(i18n, "search-found", count = found.len());
                        let store_names = found.iter().map(|v| v.store.name.to_string()).collect();
                        let covers = found
                            .iter()
                            .filter_map(|v| v.images.first().map(|image| (v.product.id, image.clone())))
                            .collect();
                        let products = found.into_iter().map(|v| v.product).collect();
                        EitherOf3::B(view! {
                            <p class="muted" role="status">{count}</p>
                            <ProductList products store_names covers/>
                        })
                    }
                    Err(error) => EitherOf3::C(view! { <p class="form-alert" role="alert">{error.message}</p> }),
                }
            })}
        </Suspense>
    }
}
