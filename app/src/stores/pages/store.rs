use crate::{stores::api::get_store, ui::ErrorPage};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// A store's public page at /s/{slug}. Rendered whole before sending (SsrMode::Async) so an
/// unknown store answers 404.
#[component]
pub fn StorePage() -> impl IntoView {
    let params = use_params_map();
    let store = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        get_store,
    );
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match store.await {
                    Ok(store) => Either::Left(view! {
                        <Title text=store.name.to_string()/>
                        <article class="store-page">
                            <header class="store-hero">
                                <p class="eyebrow">"Store"</p>
                                <h1>{store.name.to_string()}</h1>
                                <p class="muted">{format!("/s/{}", store.slug)}</p>
                            </header>
                            <section aria-labelledby="drops-title">
                                <h2 id="drops-title">"Drops"</h2>
                                <p class="empty">"No drops are scheduled at this store right now. Check back soon."</p>
                            </section>
                        </article>
                    }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}
