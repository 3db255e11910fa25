//! A message still to be put into words: errors carry one (its id and arguments) from where
//! they are made to where a page or an API answers, and only there is it translated, into the
//! language of whoever reads it.

use super::{Arg, Language, Message, catalog::format};

/// Message `id` with its arguments, in no language yet. Made by the `text!` macro, which finds
/// the message while compiling, as `t!` does.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    id: &'static str,
    message: &'static Message,
    args: Vec<(&'static str, Arg)>,
    /// Arguments that are messages themselves, translated with this one.
    parts: Vec<(&'static str, Text)>,
}

impl Text {
    /// Prefer the `text!` macro, which checks the id while compiling.
    pub fn new(
        id: &'static str,
        message: &'static Message,
        args: Vec<(&'static str, Arg)>,
    ) -> Self {
        Self {
            id,
            message,
            args,
            parts: Vec::new(),
        }
    }

    /// This message with `part` (in the same language) as its argument `name`.
    pub fn with(mut self, name: &'static str, part: Text) -> Self {
        self.parts.push((name, part));
        self
    }

    /// The message's id in `app/locales/*.ftl`: a stable name for what went wrong.
    pub fn id(&self) -> &'static str {
        self.id
    }

    pub fn in_language(&self, language: Language) -> String {
        if self.parts.is_empty() {
            return format(language, self.message, &self.args);
        }
        let mut args = self.args.clone();
        args.extend(
            self.parts
                .iter()
                .map(|(name, part)| (*name, Arg::Text(part.in_language(language)))),
        );
        format(language, self.message, &args)
    }
}

/// Message `id` with optional `name = value` arguments, to translate later:
/// `text!("check-required")`, `text!("check-at-most", max = 500)`.
#[macro_export]
macro_rules! text {
    ($id:literal) => {
        $crate::i18n::Text::new($id, const { $crate::i18n::find($id) }, Vec::new())
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::Text::new(
            $id,
            const { $crate::i18n::find($id) },
            vec![$((stringify!($name), $crate::i18n::Arg::from($value))),+],
        )
    };
}
