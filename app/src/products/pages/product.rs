use crate::{
    identity::model::Language,
    products::{api::get_product, model::Product},
    ui::ErrorPage,
};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// A product's public page at /p/{id}.
#[component]
pub fn ProductPage() -> impl IntoView {
    let params = use_params_map();
    let view = Resource::new(move || params.read().get("id").unwrap_or_default(), get_product);
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match view.await {
                    Ok(found) => Either::Left(view! {
                        <Title text=found.product.name.to_string()/>
                        <article class="product-page">
                            <p class="eyebrow"><a href=format!("/s/{}", found.store.slug)>{found.store.name.to_string()}</a></p>
                            <h1>{found.product.name.to_string()}</h1>
                            <p class="price">{found.product.price.format(Language::En)}</p>
                            {found.product.archived.then(|| view! { <p class="badge">"No longer on sale"</p> })}
                            <p class="description">{found.product.description.to_string()}</p>
                        </article>
                    }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

/// Products as cards linking to their pages (store page, search results).
#[component]
pub fn ProductList(products: Vec<Product>, #[prop(optional)] store_names: Vec<String>) -> impl IntoView {
    view! {
        <ul class="card-grid" role="list">
            {products.into_iter().enumerate().map(|(i, product)| view! {
                <li class="card product-card">
                    <a class="card-link" href=format!("/p/{}", product.id)>{product.name.to_string()}</a>
                    <p class="price">{product.price.format(Language::En)}</p>
                    {store_names.get(i).map(|store| view! { <p class="muted">{store.clone()}</p> })}
                </li>
            }).collect_view()}
        </ul>
    }
}
