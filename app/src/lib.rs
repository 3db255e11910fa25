//! DropSlot: limited product drops, booked fairly. The Leptos application, compiled for the
//! server (feature `ssr`) and for the browser (feature `hydrate`).

#![recursion_limit = "256"]

pub mod branches;
#[cfg(feature = "ssr")]
pub mod db;
pub mod drops;
pub mod error;
pub mod events;
pub mod i18n;
pub mod identity;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod media;
pub mod money;
mod newtype;
pub mod products;
#[cfg(feature = "ssr")]
pub mod request;
pub mod reservations;
#[cfg(feature = "ssr")]
pub mod services;
pub mod stores;
#[cfg(feature = "ssr")]
pub mod testing;
pub mod time;
pub mod ui;

use branches::pages::{NearbyBranchesPage, OwnerBranchesPage};
use drops::pages::{DropEditorPage, DropLivePage, DropPage, OwnerDropsPage};
use identity::pages::{
    AccountPage, ForgotPasswordPage, LoginPage, RegisterPage, ResetPasswordPage, VerifyEmailPage,
};
use leptos::prelude::*;
use leptos_meta::{Link, Meta, MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};
use products::pages::{OwnerCataloguePage, ProductPage, SearchPage};
use reservations::{
    door::pages::{DoorPage, StaffHomePage},
    pages::MyReservationsPage,
};
use stores::pages::{
    AcceptInvitationPage, OwnerStoresPage, StoreDirectoryPage, StoreMembersPage, StorePage,
    StoreSettingsPage,
};
use ui::{NotFoundPage, SiteFooter, SiteHeader};

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
                <HydrationScripts options/>
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
        <Title formatter=move |title: String| t!(i18n, "site-title-suffix", title = title)/>
        <Router>
            <ShopperManifest/>
            <SiteHeader/>
            <main id="main" class="page">
                <Routes fallback=NotFoundPage>
                    // In-order streaming: every page must read right without JavaScript.
                    <Route path=path!("") view=StoreDirectoryPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/s/:slug") view=StorePage ssr=SsrMode::Async/>
                    <Route path=path!("/owner/stores") view=OwnerStoresPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/owner/stores/:slug/members") view=StoreMembersPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/owner/stores/:slug/products") view=OwnerCataloguePage ssr=SsrMode::InOrder/>
                    <Route path=path!("/owner/stores/:slug/profile") view=StoreSettingsPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/owner/stores/:slug/branches") view=OwnerBranchesPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/owner/stores/:slug/drops") view=OwnerDropsPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/owner/drops/:id") view=DropEditorPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/owner/drops/:id/live") view=DropLivePage ssr=SsrMode::InOrder/>
                    <Route path=path!("/d/:id") view=DropPage ssr=SsrMode::Async/>
                    <Route path=path!("/reservations") view=MyReservationsPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/staff") view=StaffHomePage ssr=SsrMode::InOrder/>
                    <Route path=path!("/staff/drops/:id") view=DoorPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/branches") view=NearbyBranchesPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/p/:id") view=ProductPage ssr=SsrMode::Async/>
                    <Route path=path!("/search") view=SearchPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/invitations/accept") view=AcceptInvitationPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/register") view=RegisterPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/verify-email") view=VerifyEmailPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/forgot-password") view=ForgotPasswordPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/reset-password") view=ResetPasswordPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/account") view=AccountPage ssr=SsrMode::InOrder/>
                </Routes>
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
