use super::Language;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue, concurrent::FluentBundle};
use std::{borrow::Cow, sync::LazyLock};

pub(super) const ENGLISH_SOURCE: &str = include_str!("../../locales/en.ftl");

const SOURCES: [(Language, &str); 2] = [
    (Language::En, ENGLISH_SOURCE),
    (Language::Th, include_str!("../../locales/th.ftl")),
];

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: LazyLock<Vec<(Language, Bundle)>> = LazyLock::new(|| {
    SOURCES
        .into_iter()
        .map(|(language, source)| (language, bundle(language, source)))
        .collect()
});

fn bundle(language: Language, source: &'static str) -> Bundle {
    // A broken file is caught by the catalogue tests; here it keeps what did parse.
    let resource =
        FluentResource::try_new(source.to_owned()).unwrap_or_else(|(partial, _)| partial);
    let tag = language.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![tag]);
    // Unicode isolation marks would end up in form values and copied text.
    bundle.set_use_isolating(false);
    let _ = bundle.add_resource(resource);
    bundle
}

/// A value for a `{ $name }` placeholder.
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Number(i64),
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Arg::Text(value.to_owned())
    }
}

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Arg::Text(value)
    }
}

impl From<&String> for Arg {
    fn from(value: &String) -> Self {
        Arg::Text(value.clone())
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(value: $t) -> Self {
                Arg::Number(i64::from(value))
            }
        }
    )*};
}
number_args!(i8, u8, i16, u16, i32, u32, i64);

macro_rules! wide_number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(value: $t) -> Self {
                Arg::Number(i64::try_from(value).unwrap_or(i64::MAX))
            }
        }
    )*};
}
wide_number_args!(u64, usize);

/// The text of message `id` in `language`; the id itself when no language has it, so a slip
/// shows on the page instead of an empty space (the catalogue tests keep that from shipping).
pub fn translate(language: Language, id: &str, args: &[(&str, Arg)]) -> String {
    let bundles = &*BUNDLES;
    let found = [language, Language::En].into_iter().find_map(|wanted| {
        let (_, bundle) = bundles.iter().find(|(l, _)| *l == wanted)?;
        Some((bundle, bundle.get_message(id)?.value()?))
    });
    let Some((bundle, pattern)) = found else {
        return id.to_owned();
    };
    let fluent_args = (!args.is_empty()).then(|| {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            let value = match value {
                Arg::Text(text) => FluentValue::String(Cow::Owned(text.clone())),
                Arg::Number(number) => FluentValue::from(*number),
            };
            fluent_args.set(*name, value);
        }
        fluent_args
    });
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, fluent_args.as_ref(), &mut errors)
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_syntax::{ast, parser};
    use std::collections::BTreeSet;

    fn ids(source: &str) -> BTreeSet<String> {
        let resource = parser::parse(source)
            .unwrap_or_else(|(_, errors)| panic!("the catalogue does not parse: {errors:?}"));
        resource
            .body
            .iter()
            .filter_map(|entry| match entry {
                ast::Entry::Message(message) => Some(message.id.name.to_owned()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_language_has_every_message() {
        let english = ids(SOURCES[0].1);
        for (language, source) in SOURCES {
            let theirs = ids(source);
            let missing: Vec<_> = english.difference(&theirs).collect();
            let extra: Vec<_> = theirs.difference(&english).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{}: missing {missing:?}, not in English {extra:?}",
                language.code()
            );
        }
    }

    /// The message ids the `t!` calls in `code` ask for (a literal after the first comma).
    fn asked_ids(code: &str) -> Vec<&str> {
        code.match_indices("t!(")
            .filter(|(at, _)| !code[..*at].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
            .filter_map(|(at, call)| {
                let rest = &code[at + call.len()..];
                let (_, after_comma) = rest.split_once(',')?;
                after_comma
                    .trim_start()
                    .strip_prefix('"')?
                    .split('"')
                    .next()
            })
            .collect()
    }

    /// Every message id a `t!` call in the source asks for is in the catalogue, and every
    /// message in the catalogue is asked for somewhere.
    #[test]
    fn the_code_and_the_catalogue_agree() {
        let english = ids(SOURCES[0].1);
        let mut asked = BTreeSet::new();
        let mut unknown = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(path) = stack.pop() {
            if path.is_dir() {
                stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            if path.extension().is_none_or(|ext| ext != "rs") {
                continue;
            }
            let code = std::fs::read_to_string(&path).unwrap();
            for id in asked_ids(&code) {
                if !english.contains(id) {
                    unknown.push(format!("{}: {id}", path.display()));
                }
                asked.insert(id.to_owned());
            }
        }
        assert!(
            unknown.is_empty(),
            "messages missing from the catalogue: {unknown:?}"
        );
        // `check-*` messages are found by their shape (see checks.rs), not asked for by id.
        let unused: Vec<_> = english
            .difference(&asked)
            .filter(|id| !id.starts_with("check-"))
            .collect();
        assert!(unused.is_empty(), "messages nothing asks for: {unused:?}");
    }

    #[test]
    fn placeholders_and_fallbacks() {
        assert_eq!(
            translate(Language::Th, "no-such-message", &[]),
            "no-such-message"
        );
        assert_eq!(
            translate(Language::En, "places", &[("count", Arg::from(1))]),
            "1 place"
        );
        assert_eq!(
            translate(Language::En, "places", &[("count", Arg::from(3))]),
            "3 places"
        );
        assert_eq!(
            translate(Language::Th, "places", &[("count", Arg::from(3))]),
            "3 ที่"
        );
    }
}
