use crate::{
    i18n::use_i18n,
    stores::{api::list_stores, model::Store},
    t,
    ui::{Pager, StoreLogo, page_param},
};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The front page: every store on this DropSlot, a page at a time.
#[component]
pub fn StoreDirectoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let stores = Resource::new(move || page_param(query.read().get("page")), list_stores);
    view! {
        <Title text=t!(i18n, "home-title")/>
        <section class="hero">
            <h1>{t!(i18n, "home-heading")}</h1>
            <p class="lead">
                {t!(i18n, "home-lead")}
            </p>
        </section>
        <section aria-labelledby="stores-title">
            <h2 id="stores-title">{t!(i18n, "home-stores")}</h2>
            <Suspense fallback=move || view! { <p class="muted">{t!(i18n, "home-loading-stores")}</p> }>
                {move || Suspend::new(async move {
                    match stores.await {
                        Ok(page) if page.total == 0 => Either::Left(view! {
                            <p class="empty">{t!(i18n, "home-no-stores")}</p>
                        }.into_any()),
                        Ok(mut page) => {
                            let stores = std::mem::take(&mut page.items);
                            Either::Left(view! {
                                <StoreCards stores/>
                                <Pager page href=|n| format!("/?page={n}")/>
                            }.into_any())
                        }
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
                    <div class="brand-title">
                        <StoreLogo logo=store.logo.clone()/>
                        <a class="card-link" href=format!("/s/{}", store.slug)>{store.name.to_string()}</a>
                    </div>
                    <p class="muted">{format!("/s/{}", store.slug)}</p>
                </li>
            }).collect_view()}
        </ul>
    }
}
