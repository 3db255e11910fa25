//! The owner area's frame: a sidebar with the store's sections and breadcrumbs to where one is.

use crate::{i18n::use_i18n, t};
use leptos::prelude::*;

/// The parts of a store an owner manages, in sidebar order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnerSection {
    Profile,
    Branches,
    Products,
    Drops,
    Members,
    Messages,
}

impl OwnerSection {
    const ALL: [OwnerSection; 6] = [
        OwnerSection::Profile,
        OwnerSection::Branches,
        OwnerSection::Products,
        OwnerSection::Drops,
        OwnerSection::Members,
        OwnerSection::Messages,
    ];

    fn path(self) -> &'static str {
        match self {
            OwnerSection::Profile => "profile",
            OwnerSection::Branches => "branches",
            OwnerSection::Products => "products",
            OwnerSection::Drops => "drops",
            OwnerSection::Members => "members",
            OwnerSection::Messages => "messages",
        }
    }
}

/// A step below a section in the breadcrumbs (a drop, its live view); the last one is the
/// current page and takes no link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crumb {
    pub label: String,
    pub href: Option<String>,
}

#[component]
pub fn OwnerFrame(
    #[prop(into)] slug: String,
    #[prop(into)] store_name: String,
    section: OwnerSection,
    #[prop(optional)] crumbs: Vec<Crumb>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = move |section: OwnerSection| match section {
        OwnerSection::Profile => t!(i18n, "owner-profile"),
        OwnerSection::Branches => t!(i18n, "owner-branches"),
        OwnerSection::Products => t!(i18n, "owner-products"),
        OwnerSection::Drops => t!(i18n, "owner-drops"),
        OwnerSection::Members => t!(i18n, "owner-members"),
        OwnerSection::Messages => t!(i18n, "owner-messages"),
    };
    let public_page = format!("/s/{slug}");
    let href = move |section: OwnerSection| format!("/owner/stores/{slug}/{}", section.path());
    let section_is_page = crumbs.is_empty();
    view! {
        <div class="owner-layout">
            <nav class="owner-nav" aria-label=t!(i18n, "owner-store-nav", store = &store_name)>
                <p class="owner-nav-store">{store_name.clone()}</p>
                <ul role="list">
                    {OwnerSection::ALL.into_iter().map(|item| view! {
                        <li><a href=href(item) aria-current=(item == section).then_some("page")>{label(item)}</a></li>
                    }).collect_view()}
                    <li class="owner-nav-public"><a href=public_page>{t!(i18n, "owner-public-page")}</a></li>
                </ul>
            </nav>
            <div class="owner-content">
                <nav aria-label=t!(i18n, "breadcrumb") class="breadcrumbs">
                    <ol role="list">
                        <li><a href="/owner/stores">{t!(i18n, "owner-your-stores")}</a></li>
                        <li>{store_name}</li>
                        <li>{if section_is_page {
                            view! { <span aria-current="page">{label(section)}</span> }.into_any()
                        } else {
                            view! { <a href=href(section)>{label(section)}</a> }.into_any()
                        }}</li>
                        {crumbs.into_iter().map(|crumb| view! {
                            <li>{match crumb.href {
                                Some(href) => view! { <a href=href>{crumb.label}</a> }.into_any(),
                                None => view! { <span aria-current="page">{crumb.label}</span> }.into_any(),
                            }}</li>
                        }).collect_view()}
                    </ol>
                </nav>
                {children()}
            </div>
        </div>
    }
}
