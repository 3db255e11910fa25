use super::Language;

/// Set when someone picks a language (the switcher, their profile, signing in); it outranks
/// what the browser asks for.
pub const LANGUAGE_COOKIE: &str = "lang";

/// The language to answer in: the chosen one from the cookie, else the best match for the
/// browser's `Accept-Language`, else English.
pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Language {
    if let Some(chosen) = cookie.and_then(Language::parse) {
        return chosen;
    }
    let requested = fluent_langneg::accepted_languages::parse(accept_language.unwrap_or(""));
    let available: Vec<unic_langid::LanguageIdentifier> = Language::ALL
        .iter()
        .filter_map(|l| l.code().parse().ok())
        .collect();
    fluent_langneg::negotiate_languages(
        &requested,
        &available,
        None,
        fluent_langneg::NegotiationStrategy::Lookup,
    )
    .first()
    .and_then(|best| Language::parse(best.language.as_str()))
    .unwrap_or_default()
}

/// The language of the request being served (English outside a request). Negotiated once per
/// request: the answer is kept in the context, where pages and later calls find it (slot lists
/// format two times per slot).
#[cfg(feature = "ssr")]
pub fn request_language() -> Language {
    use leptos::prelude::{provide_context, use_context};
    if let Some(super::I18n(language)) = use_context::<super::I18n>() {
        return language;
    }
    let Some(parts) = use_context::<http::request::Parts>() else {
        return Language::default();
    };
    let language = language_of(&parts.headers);
    provide_context(super::I18n(language));
    language
}

/// The language a request's headers ask for: its language cookie, else `Accept-Language`.
#[cfg(feature = "ssr")]
pub fn language_of(headers: &http::HeaderMap) -> Language {
    let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
    let cookie = header(http::header::COOKIE).and_then(|cookies| {
        cookies
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == LANGUAGE_COOKIE)
            .map(|(_, value)| value)
    });
    negotiate(cookie, header(http::header::ACCEPT_LANGUAGE))
}

/// Makes the current response remember a chosen language in the browser for a year.
#[cfg(feature = "ssr")]
pub fn remember_language(language: Language) {
    let cookie = format!(
        "{LANGUAGE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        language.code()
    );
    if let (Some(response), Ok(value)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&cookie),
    ) {
        response.append_header(http::header::SET_COOKIE, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chosen_language_outranks_the_browser() {
        assert_eq!(negotiate(Some("th"), Some("en-US,en;q=0.9")), Language::Th);
        assert_eq!(negotiate(Some("en"), Some("th-TH")), Language::En);
    }

    #[test]
    fn the_browser_preference_picks_among_what_we_speak() {
        assert_eq!(
            negotiate(None, Some("th-TH,th;q=0.9,en;q=0.8")),
            Language::Th
        );
        assert_eq!(
            negotiate(None, Some("fr-FR,th;q=0.5,en;q=0.4")),
            Language::Th
        );
        assert_eq!(negotiate(None, Some("de-DE,fr;q=0.8")), Language::En);
        assert_eq!(negotiate(Some("xx"), None), Language::En);
        assert_eq!(negotiate(None, Some(";;garbage==")), Language::En);
    }
}
