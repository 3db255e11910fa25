//! Languages: which one a request speaks, and the translated text of every string people read.
//! The text lives in `app/locales/<code>.ftl` (Project Fluent), compiled by `build.rs` into both
//! the server and the browser build so a page hydrates in the language it was rendered in.

mod catalog;
mod context;
mod language;
mod markers;
mod negotiate;
mod switch;
mod text;

pub use catalog::{Arg, Message, find};
pub use context::{I18n, provide_i18n, use_i18n};
pub use language::Language;
pub use negotiate::{LANGUAGE_COOKIE, negotiate};
#[cfg(feature = "ssr")]
pub use negotiate::{language_of, remember_language, request_language};
pub use switch::LanguageSwitch;
pub use text::Text;

/// The text of message `id` in the current language, with optional `name = value` arguments:
/// `t!(i18n, "nav-stores")`, `t!(i18n, "places", count = 3)`.
#[macro_export]
macro_rules! t {
    ($i18n:expr, $id:literal) => {
        $i18n.text(const { $crate::i18n::find($id) }, &[])
    };
    ($i18n:expr, $id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $i18n.text(
            const { $crate::i18n::find($id) },
            &[$((stringify!($name), $crate::i18n::Arg::from($value))),+],
        )
    };
}
