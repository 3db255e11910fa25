//! DropSlot: limited product drops, booked fairly. The Leptos application, compiled for the
//! server (feature `ssr`) and for the browser (feature `hydrate`).

#![recursion_limit = "256"]

pub mod branches;
mod case;
pub mod contact;
#[cfg(feature = "ssr")]
pub mod db;
pub mod drops;
pub mod error;
pub mod events;
pub mod i18n;
pub mod identity;
pub mod ids;
#[cfg(feature = "ssr")]
pub mod mail;
pub mod media;
#[cfg(feature = "ssr")]
pub mod memo;
pub mod money;
mod newtype;
pub mod notifications;
pub mod paging;
pub mod products;
#[cfg(feature = "ssr")]
pub mod quotas;
#[cfg(feature = "ssr")]
pub mod rate_limits;
#[cfg(feature = "ssr")]
pub mod request;
pub mod reservations;
mod routes;
#[cfg(feature = "ssr")]
pub mod services;
pub mod stores;
#[cfg(all(feature = "ssr", any(test, feature = "testing")))]
pub mod testing;
pub mod time;
pub mod ui;

use leptos::prelude::*;
use leptos_meta::{Link, Meta, MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::Router;
use routes::PageRoutes;
use ui::{SiteFooter, SiteHeader};

/// The HTML document around the application, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let language = i18n::provide_i18n().language();
    view! {
        <!DOCTYPE html>
        <html lang=language.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let i18n = i18n::provide_i18n();
    view! {
        <Stylesheet id="leptos" href="/pkg/dropslot.css"/>
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml"/>
        <Meta name="theme-color" content="#4f46e5"/>
        <Meta name="description" content=t!(i18n, "site-description")/>
        <Title formatter=move |title| ui::site_title(i18n, title)/>
        <Router>
            <ShopperManifest/>
            <SiteHeader/>
            <main id="main" class="page">
                <PageRoutes/>
            </main>
            <SiteFooter/>
        </Router>
    }
}

/// The shoppers' install manifest; the scanner's pages point at their own.
#[component]
fn ShopperManifest() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    move || {
        (!location.pathname.get().starts_with("/staff"))
            .then(|| view! { <Link rel="manifest" href="/manifest.webmanifest"/> })
    }
}
