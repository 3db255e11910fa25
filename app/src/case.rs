//! Unicode case mapping. The browser has the tables already (JavaScript's `toLowerCase`), so
//! the browser build asks it instead of carrying Rust's (about 10 KB gzip on every page, since
//! data is never split out of the main wasm module).

pub fn lowercase(text: &str) -> String {
    #[cfg(feature = "hydrate")]
    return js_sys::JsString::from(text).to_lower_case().into();
    #[cfg(not(feature = "hydrate"))]
    text.to_lowercase()
}

pub fn uppercase(text: &str) -> String {
    #[cfg(feature = "hydrate")]
    return js_sys::JsString::from(text).to_upper_case().into();
    #[cfg(not(feature = "hydrate"))]
    text.to_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_follows_unicode() {
        assert_eq!(lowercase("ÉLODIE@Example.COM"), "élodie@example.com");
        assert_eq!(uppercase("straße"), "STRASSE");
        assert_eq!(lowercase("ร้านขนม"), "ร้านขนม");
    }
}
