use crate::{
    branches::{model::BranchStatus, pages::BranchCard},
    drops::{api::DropSummary, pages::DropList},
    i18n::use_i18n,
    products::{
        api::Catalogue,
        pages::{ProductList, category_paths},
    },
    stores::api::{FamilyOverview, StorePageData, store_page},
    t,
    ui::{ErrorPage, Loading, StoreLogo, brand_style},
};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// A store's public page at /s/{slug}, in the store's colour. Rendered whole before sending
/// (SsrMode::Async) so that an unknown store answers 404.
#[component]
pub fn StorePage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let page = Resource::new(slug, store_page);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(StorePageData { catalogue, branches, family, drops }) => Either::Left(view! { <StoreView catalogue branches family drops/> }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn StoreView(
    catalogue: Catalogue,
    branches: Vec<BranchStatus>,
    family: FamilyOverview,
    drops: Vec<DropSummary>,
) -> impl IntoView {
    let Catalogue {
        store,
        categories,
        products,
        covers,
        ..
    } = catalogue;
    let slug = store.slug.to_string();
    let products: Vec<_> = products.items.into_iter().filter(|p| !p.archived).collect();
    let accent = brand_style(&store.profile.accent);
    let profile = store.profile.clone();
    let i18n = use_i18n();
    view! {
        <Title text=store.name.to_string()/>
        <article class="store-page" style=accent>
            <header class="store-hero">
                <StoreFamily family/>
                <div class="brand-title">
                    <StoreLogo logo=store.logo.clone() class="large"/>
                    <h1>{store.name.to_string()}</h1>
                </div>
                {(!profile.description.is_empty()).then(|| view! { <p class="lead description">{profile.description.clone()}</p> })}
                <p class="muted contact">
                    {profile.contact_email.map(|email| view! { <a href=format!("mailto:{email}")>{email.to_string()}</a> " " })}
                    {profile.contact_phone.map(|phone| view! { <a href=format!("tel:{}", phone.to_string().replace(' ', ""))>{phone.to_string()}</a> })}
                </p>
            </header>
            <section aria-labelledby="branches-title">
                <h2 id="branches-title">{t!(i18n, "store-branches")}</h2>
                <StoreBranches branches/>
            </section>
            <section aria-labelledby="drops-title">
                <h2 id="drops-title">{t!(i18n, "store-drops")}</h2>
                <DropList drops/>
            </section>
            <section aria-labelledby="products-title">
                <h2 id="products-title">{t!(i18n, "store-products")}</h2>
                <form method="get" action="/search" role="search" class="search-form">
                    <input type="hidden" name="store" value=slug/>
                    <label for="store-search" class="visually-hidden">{t!(i18n, "store-search")}</label>
                    <input id="store-search" type="search" name="q" placeholder=t!(i18n, "store-search") required/>
                    {(!categories.is_empty()).then(|| view! {
                        <label for="store-search-category" class="visually-hidden">{t!(i18n, "store-category")}</label>
                        <select id="store-search-category" name="category">
                            <option value="">{t!(i18n, "store-all-categories")}</option>
                            {category_paths(&categories).into_iter().map(|(id, path)| view! { <option value=id>{path}</option> }).collect_view()}
                        </select>
                    })}
                    <button type="submit" class="button primary">{t!(i18n, "store-search-submit")}</button>
                </form>
                {if products.is_empty() {
                    Either::Left(view! { <p class="empty">{t!(i18n, "store-no-products")}</p> })
                } else {
                    Either::Right(view! { <ProductList products covers/> })
                }}
            </section>
        </article>
    }
}

#[component]
fn StoreBranches(branches: Vec<BranchStatus>) -> impl IntoView {
    if branches.is_empty() {
        let i18n = use_i18n();
        return Either::Left(view! { <p class="empty">{t!(i18n, "store-no-branches")}</p> });
    }
    Either::Right(view! {
        <ul class="card-grid" role="list">
            {branches.into_iter().map(|status| view! { <BranchCard status/> }).collect_view()}
        </ul>
    })
}

/// "Part of <brand>" above a store's name, and "Stores of this brand" for a brand.
#[component]
fn StoreFamily(family: FamilyOverview) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {match family.brand {
            Some(brand) => Either::Left(view! {
                <p class="eyebrow">{t!(i18n, "store-part-of")}" " <a href=format!("/s/{}", brand.slug)>{brand.name.to_string()}</a></p>
            }),
            None => Either::Right(view! { <p class="eyebrow">{t!(i18n, "store-eyebrow")}</p> }),
        }}
        {(!family.children.is_empty()).then(|| view! {
            <nav aria-label=t!(i18n, "store-brand-stores") class="brand-stores">
                {family.children.into_iter().map(|child| view! {
                    <a class="chip" href=format!("/s/{}", child.slug)>{child.name.to_string()}</a>
                }).collect_view()}
            </nav>
        })}
    }
}
