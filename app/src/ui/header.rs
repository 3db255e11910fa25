use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <header class="site-header">
            <a class="skip-link" href="#main">"Skip to content"</a>
            <A href="/" attr:class="brand">
                <img src="/icons/icon.svg" alt="" width="28" height="28"/>
                <span>"DropSlot"</span>
            </A>
            <nav aria-label="Main">
                <A href="/">"Stores"</A>
                <A href="/owner/stores">"For owners"</A>
            </nav>
        </header>
    }
}
