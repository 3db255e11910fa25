//! The translated text of every message, from the catalogues `build.rs` compiles out of
//! `locales/<code>.ftl`: placeables, and selects on a number (exact or by plural category) or a
//! text. A message is a text with markers around its variables and selects; formatting it walks
//! that text once.

use super::{
    Language,
    markers::{DEFAULT_KEY, KEY_END, SELECT, SELECT_END, VARIABLE, VARIABLE_END, VARIANT},
};
use crate::money::Money;
use std::{cmp::Ordering, fmt::Write};

/// One message in each language, in `Language`'s order (`None`: not translated, English shows).
pub type Message = [Option<&'static str>; Language::ALL.len()];

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

/// A value for a `{ $name }` placeholder.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Number(i64),
    /// Written as the reader's language writes amounts ("฿50.00", "50.00 บาท").
    Money(Money),
}

impl From<Money> for Arg {
    fn from(value: Money) -> Self {
        Arg::Money(value)
    }
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

/// The message with this id, found while compiling (the `t!` macro asks in a `const` block), so
/// a build holds only the messages its code uses. An unknown id fails the build that compiles
/// the call; `the_code_and_the_catalogue_agree` finds one anywhere.
pub const fn find(id: &str) -> &'static Message {
    let (mut low, mut high) = (0, IDS.len());
    while low < high {
        let middle = (low + high) / 2;
        match compare(IDS[middle], id) {
            Ordering::Less => low = middle + 1,
            Ordering::Greater => high = middle,
            Ordering::Equal => return message(middle),
        }
    }
    panic!("no message with this id in app/locales/en.ftl")
}

const fn compare(a: &str, b: &str) -> Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut at = 0;
    while at < a.len() && at < b.len() {
        if a[at] != b[at] {
            return if a[at] < b[at] {
                Ordering::Less
            } else {
                Ordering::Greater
            };
        }
        at += 1;
    }
    if a.len() < b.len() {
        Ordering::Less
    } else if a.len() > b.len() {
        Ordering::Greater
    } else {
        Ordering::Equal
    }
}

/// `message` in `language`, with its `{ $name }` parts filled from `args`.
pub fn format(language: Language, message: &Message, args: &[(&str, Arg)]) -> String {
    let Some(compiled) = message[language as usize].or(message[Language::En as usize]) else {
        return String::new();
    };
    let mut text = String::with_capacity(compiled.len());
    write_pattern(&mut text, compiled, language, args);
    text
}

fn write_pattern(out: &mut String, compiled: &str, language: Language, args: &[(&str, Arg)]) {
    let mut rest = compiled;
    while let Some(at) = rest.find([VARIABLE, SELECT]) {
        out.push_str(&rest[..at]);
        let is_variable = rest[at..].starts_with(VARIABLE);
        let after = &rest[at + 1..];
        if is_variable {
            let (name, tail) = after.split_once(VARIABLE_END).unwrap_or((after, ""));
            match value_of(args, name) {
                Some(Arg::Text(text)) => out.push_str(text),
                Some(Arg::Number(number)) => {
                    let _ = write!(out, "{number}");
                }
                Some(Arg::Money(amount)) => out.push_str(&amount.format(language)),
                // As Fluent writes a missing variable.
                None => {
                    let _ = write!(out, "{{${name}}}");
                }
            }
            rest = tail;
        } else {
            let (selector, variants, tail) = split_select(after);
            let chosen = choose(&variants, value_of(args, selector), language);
            write_pattern(out, chosen, language, args);
            rest = tail;
        }
    }
    out.push_str(rest);
}

fn value_of<'a>(args: &'a [(&str, Arg)], name: &str) -> Option<&'a Arg> {
    args.iter()
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value)
}

/// A select (after its marker): its selector, its variants as (key, pattern), and what follows.
fn split_select(compiled: &str) -> (&str, Vec<(&str, &str)>, &str) {
    let (selector, body) = compiled.split_once(VARIANT).unwrap_or((compiled, ""));
    let mut variants = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (at, c) in body.char_indices() {
        match c {
            SELECT => depth += 1,
            SELECT_END if depth > 0 => depth -= 1,
            VARIANT | SELECT_END if depth == 0 => {
                variants.push(body[start..at].split_once(KEY_END).unwrap_or(("", "")));
                if c == SELECT_END {
                    return (selector, variants, &body[at + 1..]);
                }
                start = at + 1;
            }
            _ => {}
        }
    }
    (selector, variants, "")
}

/// Fluent's choice: the first variant whose key is the number, or its plural category, or the
/// text; else the default.
fn choose<'a>(variants: &[(&'a str, &'a str)], value: Option<&Arg>, language: Language) -> &'a str {
    let matches = |key: &str| {
        let number_key = key.parse::<i64>().ok();
        match (value, number_key) {
            (Some(Arg::Number(n)), Some(key)) => key == *n,
            (Some(Arg::Number(n)), None) => key == plural_category(language, *n),
            (Some(Arg::Text(text)), None) => key == text,
            _ => false,
        }
    };
    variants
        .iter()
        .find(|(key, _)| matches(key.trim_start_matches(DEFAULT_KEY)))
        .or_else(|| {
            variants
                .iter()
                .find(|(key, _)| key.starts_with(DEFAULT_KEY))
        })
        .map_or("", |(_, pattern)| pattern)
}

/// CLDR's cardinal plural category of a whole number in `language` (a test holds it to
/// `intl_pluralrules`): English tells one from the rest, Thai does not.
fn plural_category(language: Language, n: i64) -> &'static str {
    match language {
        Language::En if n.unsigned_abs() == 1 => "one",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_bundle::{FluentArgs, FluentResource, FluentValue, concurrent::FluentBundle};
    use fluent_syntax::{ast, parser};
    use std::collections::BTreeSet;

    #[test]
    fn amounts_are_written_as_the_reader_writes_them() {
        use crate::money::Currency;
        let due = crate::text!(
            "res-err-deposit-due",
            deposit = Money::parse("1250.5", Currency::THB).unwrap()
        );
        assert!(due.in_language(Language::En).contains("฿1,250.50"));
        assert!(due.in_language(Language::Th).contains("1,250.50 บาท"));
    }

    /// Message `id` by its id, at run time, as only the tests ask.
    fn translate(language: Language, id: &str, args: &[(&str, Arg)]) -> String {
        let index = IDS.binary_search(&id).expect("a message in the catalogue");
        format(language, message(index), args)
    }

    const SOURCES: [(Language, &str); 2] = [
        (Language::En, include_str!("../../locales/en.ftl")),
        (Language::Th, include_str!("../../locales/th.ftl")),
    ];

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

    /// The message ids the `t!` calls in `code` ask for (a literal after the first comma) and
    /// the `text!` calls (a literal first).
    fn asked_ids(code: &str) -> Vec<&str> {
        let calls = |name: &'static str| {
            code.match_indices(name)
                .filter(|(at, _)| !code[..*at].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
        };
        let translated = calls("t!(").filter_map(|(at, call)| {
            let (_, after_comma) = code[at + call.len()..].split_once(',')?;
            Some(after_comma)
        });
        let deferred = calls("text!(").map(|(at, call)| &code[at + call.len()..]);
        translated
            .chain(deferred)
            .filter_map(|rest| rest.trim_start().strip_prefix('"')?.split('"').next())
            // Not this test's own mentions of the macros.
            .filter(|id| id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
            .collect()
    }

    /// Every message id a `t!` or `text!` call in the source (app and server) asks for is in the catalogue, and every
    /// message in the catalogue is asked for somewhere.
    #[test]
    fn the_code_and_the_catalogue_agree() {
        let english = ids(SOURCES[0].1);
        let mut asked = BTreeSet::new();
        let mut unknown = Vec::new();
        // The REST API (the server crate) asks for field messages too.
        let mut stack = vec![
            std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
            std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../server/src")),
        ];
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
        let unused: Vec<_> = english.difference(&asked).collect();
        assert!(unused.is_empty(), "messages nothing asks for: {unused:?}");
    }

    #[test]
    fn placeholders_and_fallbacks() {
        assert_eq!(
            format(Language::Th, &[Some("Only English"), None], &[]),
            "Only English"
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

    /// The variables a pattern names, selectors included.
    fn variables<'s>(pattern: &ast::Pattern<&'s str>, found: &mut BTreeSet<&'s str>) {
        for element in &pattern.elements {
            let ast::PatternElement::Placeable { expression } = element else {
                continue;
            };
            match expression {
                ast::Expression::Inline(ast::InlineExpression::VariableReference { id }) => {
                    found.insert(id.name);
                }
                ast::Expression::Select { selector, variants } => {
                    if let ast::InlineExpression::VariableReference { id } = selector {
                        found.insert(id.name);
                    }
                    for variant in variants {
                        variables(&variant.value, found);
                    }
                }
                ast::Expression::Inline(_) => {}
            }
        }
    }

    /// The compiled catalogue says what Fluent itself would, for every message in every
    /// language, with no arguments, with text, and with numbers that pick every variant.
    #[test]
    fn the_compiled_catalogue_formats_as_fluent_does() {
        for (language, source) in SOURCES {
            let mut bundle = FluentBundle::new_concurrent(vec![language.code().parse().unwrap()]);
            bundle.set_use_isolating(false);
            bundle
                .add_resource(FluentResource::try_new(source.to_owned()).unwrap())
                .unwrap();
            let resource = parser::parse(source).unwrap();
            for entry in &resource.body {
                let ast::Entry::Message(message) = entry else {
                    continue;
                };
                let id = message.id.name;
                let mut names = BTreeSet::new();
                variables(message.value.as_ref().unwrap(), &mut names);
                let numbers = (-2..=30)
                    .chain([100, 101, 1000, 1_000_001])
                    .map(Arg::Number);
                for value in [None, Some(Arg::from("Ploy"))]
                    .into_iter()
                    .chain(numbers.map(Some))
                {
                    let args: Vec<(&str, Arg)> = value
                        .iter()
                        .flat_map(|v| names.iter().map(move |n| (*n, v.clone())))
                        .collect();
                    let mut fluent_args = FluentArgs::new();
                    for (name, value) in &args {
                        fluent_args.set(
                            *name,
                            match value {
                                Arg::Text(text) => FluentValue::from(text.clone()),
                                Arg::Number(number) => FluentValue::from(*number),
                                Arg::Money(_) => unreachable!("only texts and numbers are tried"),
                            },
                        );
                    }
                    let pattern = bundle.get_message(id).unwrap().value().unwrap();
                    let expected = bundle
                        .format_pattern(
                            pattern,
                            (!args.is_empty()).then_some(&fluent_args),
                            &mut vec![],
                        )
                        .into_owned();
                    assert_eq!(
                        translate(language, id, &args),
                        expected,
                        "{}: {id} with {args:?}",
                        language.code()
                    );
                }
            }
        }
    }
}
