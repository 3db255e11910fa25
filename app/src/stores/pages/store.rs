use crate::{
    branches::{api::store_branches, pages::BranchCard},
    products::{api::store_catalogue, pages::ProductList},
    ui::ErrorPage,
};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// A store's public page at /s/{slug}. Rendered whole before sending (SsrMode::Async) so an
/// unknown store answers 404.
#[component]
pub fn StorePage() -> impl IntoView {
    let params = use_params_map();
    let catalogue = Resource::new(move || params.read().get("slug").unwrap_or_default(), |slug| {
        store_catalogue(slug, None)
    });
    let branches = Resource::new(move || params.read().get("slug").unwrap_or_default(), store_branches);
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match catalogue.await {
                    Ok(catalogue) => {
                        let store = catalogue.store;
                        let products: Vec<_> = catalogue.products.items.into_iter().filter(|p| !p.archived).collect();
                        Either::Left(view! {
                        <Title text=store.name.to_string()/>
                        <article class="store-page">
                            <header class="store-hero">
                                <p class="eyebrow">"Store"</p>
                                <h1>{store.name.to_string()}</h1>
                                <p class="muted">{format!("/s/{}", store.slug)}</p>
                            </header>
                            <section aria-labelledby="branches-title">
                                <h2 id="branches-title">"Branches"</h2>
                                <Suspense fallback=|| ()>
                                    {move || Suspend::new(async move {
                                        branches.await.ok().map(|found| view! {
                                            <ul class="card-grid" role="list">
                                                {found.branches.into_iter().map(|status| view! { <BranchCard status/> }).collect_view()}
                                            </ul>
                                        })
                                    })}
                                </Suspense>
                            </section>
                            <section aria-labelledby="drops-title">
                                <h2 id="drops-title">"Drops"</h2>
                                <p class="empty">"No drops are scheduled at this store right now. Check back soon."</p>
                            </section>
                            <section aria-labelledby="products-title">
                                <h2 id="products-title">"Products"</h2>
                                {if products.is_empty() {
                                    Either::Left(view! { <p class="empty">"This store has not listed products yet."</p> })
                                } else {
                                    Either::Right(view! { <ProductList products/> })
                                }}
                            </section>
                        </article>
                    })
                    }
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}
