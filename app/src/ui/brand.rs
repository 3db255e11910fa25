//! A store's branding on shopper pages: its accent colour for the page, its logo beside its name.

use crate::{media::Image, stores::model::AccentColor};
use leptos::prelude::*;

/// The inline style that gives a page the store's accent colour.
pub fn brand_style(accent: &AccentColor) -> String {
    format!("--color-accent: {accent}; --color-accent-strong: {accent};")
}

/// The store's logo on a white tile. The store's name is always written next to it, so the
/// image adds nothing to read aloud.
#[component]
pub fn StoreLogo(logo: Option<Image>, #[prop(default = "")] class: &'static str) -> impl IntoView {
    logo.map(|logo| {
        view! {
            <img class=format!("store-logo {class}").trim_end().to_owned() src=logo.src(160) width=logo.width height=logo.height alt=""/>
        }
    })
}
