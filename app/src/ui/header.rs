use crate::identity::api::current_account;
use leptos::{either::Either, prelude::*};
use leptos_router::{components::A, hooks::use_location};

#[component]
pub fn SiteHeader() -> impl IntoView {
    // Asked again on every navigation, so signing in or out shows at once.
    let location = use_location();
    let account = Resource::new(move || location.pathname.get(), |_| current_account());
    view! {
        <header class="site-header">
            <a class="skip-link" href="#main">"Skip to content"</a>
            <A href="/" attr:class="brand">
                <img src="/icons/icon.svg" alt="" width="28" height="28"/>
                <span>"DropSlot"</span>
            </A>
            <nav aria-label="Main">
                <A href="/">"Stores"</A>
                <A href="/search">"Search"</A>
                <A href="/owner/stores">"For owners"</A>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        match account.await {
                            Ok(Some(account)) => Either::Left(view! {
                                <A href="/reservations">"My reservations"</A>
                                <A href="/account" attr:class="account-link">{account.display_name.to_string()}</A>
                            }),
                            _ => Either::Right(view! { <A href="/login">"Sign in"</A> }),
                        }
                    })}
                </Transition>
            </nav>
        </header>
    }
}
