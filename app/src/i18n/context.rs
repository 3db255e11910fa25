use super::{Arg, Language, Message, catalog::format};
use leptos::prelude::*;

/// The current page's language, handed to every component through the context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct I18n(pub Language);

impl I18n {
    pub fn language(self) -> Language {
        self.0
    }

    /// Prefer the `t!` macro, which the catalogue tests can see.
    pub fn text(self, message: &Message, args: &[(&str, Arg)]) -> String {
        format(self.0, message, args)
    }
}

/// Decides the page's language once: from the request on the server, from the server-rendered
/// `<html lang>` in the browser, so hydration renders the same words.
pub fn provide_i18n() -> I18n {
    #[cfg(feature = "ssr")]
    let language = super::request_language();
    #[cfg(not(feature = "ssr"))]
    let language = document()
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|code| Language::parse(&code))
        .unwrap_or_default();
    let i18n = I18n(language);
    provide_context(i18n);
    i18n
}

/// The page's language. An island in the browser has no context from the page around it, so
/// it decides the language again from `<html lang>`.
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(provide_i18n)
}
