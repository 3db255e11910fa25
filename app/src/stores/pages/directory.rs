use crate::stores::{api::list_stores, model::Store};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;

/// The front page: every store on this DropSlot.
#[component]
pub fn StoreDirectoryPage() -> impl IntoView {
    let stores = Resource::new(|| (), |_| list_stores());
    view! {
        <Title text="Limited drops, fairly booked"/>
        <section class="hero">
            <h1>"Limited drops, fairly booked."</h1>
            <p class="lead">
                "Book a time slot for a limited release at a store near you, get a code, and show it at the door."
            </p>
        </section>
        <section aria-labelledby="stores-title">
            <h2 id="stores-title">"Stores"</h2>
            <Suspense fallback=|| view! { <p class="muted">"Loading stores…"</p> }>
                {move || Suspend::new(async move {
                    match stores.await {
                        Ok(list) if list.is_empty() => Either::Left(view! {
                            <p class="empty">"No stores yet. Owners can open one under “For owners”."</p>
                        }.into_any()),
                        Ok(list) => Either::Left(view! { <StoreCards stores=list/> }.into_any()),
                        Err(error) => Either::Right(view! { <p class="form-alert" role="alert">{error.message}</p> }),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn StoreCards(stores: Vec<Store>) -> impl IntoView {
    view! {
        <ul class="card-grid" role="list">
            {stores.into_iter().map(|store| view! {
                <li class="card">
                    <a class="card-link" href=format!("/s/{}", store.slug)>{store.name.to_string()}</a>
                    <p class="muted">{format!("/s/{}", store.slug)}</p>
                </li>
            }).collect_view()}
        </ul>
    }
}
