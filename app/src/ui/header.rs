use crate::{i18n::use_i18n, identity::api::signed_in, t};
use leptos::{either::Either, prelude::*};
use leptos_router::{components::A, hooks::use_location};

#[component]
pub fn SiteHeader() -> impl IntoView {
    let i18n = use_i18n();
    // Asked again on every navigation, so signing in or out shows at once.
    let location = use_location();
    let signed_in = Resource::new(move || location.pathname.get(), |_| signed_in());
    view! {
        <header class="site-header">
            <a class="skip-link" href="#main">{t!(i18n, "skip-to-content")}</a>
            <A href="/" attr:class="brand">
                <img src="/icons/icon.svg" alt="" width="28" height="28"/>
                <span>"DropSlot"</span>
            </A>
            <nav aria-label=t!(i18n, "nav-main")>
                <A href="/">{t!(i18n, "nav-stores")}</A>
                <A href="/search">{t!(i18n, "nav-search")}</A>
                <A href="/owner/stores">{t!(i18n, "nav-owners")}</A>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        // Who is signed in is not shown: the header is then the same for every
                        // shopper, and so are the pages they share at a drop's opening.
                        match signed_in.await {
                            Ok(true) => Either::Left(view! {
                                <A href="/reservations">{t!(i18n, "nav-reservations")}</A>
                                <A href="/account" attr:class="account-link">{t!(i18n, "nav-account")}</A>
                            }),
                            _ => Either::Right(view! { <A href="/login">{t!(i18n, "nav-sign-in")}</A> }),
                        }
                    })}
                </Transition>
            </nav>
        </header>
    }
}

/// The foot of every page: the language switcher.
#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <crate::i18n::LanguageSwitch/>
        </footer>
    }
}
