//! Rebuilds the app when a migration changes (`sqlx::migrate!` embeds them at compile time), and
//! compiles the Fluent catalogues in `locales/` into one constant per message (`i18n/catalog.rs`
//! reads them), so that neither the server nor the browser parses Fluent at run time, the
//! browser's bundle carries no Fluent runtime, and each build only the messages it uses.

use fluent_syntax::{
    ast::{Entry, Expression, InlineExpression, Pattern, PatternElement, VariantKey},
    parser,
    unicode::unescape_unicode_to_string,
};
use std::{collections::BTreeMap, env, fmt::Write, fs, path::Path};

/// In the order of `Language`'s variants.
const LANGUAGES: [&str; 2] = ["en", "th"];

#[path = "src/i18n/markers.rs"]
mod markers;
use markers::{DEFAULT_KEY, KEY_END, SELECT, SELECT_END, VARIABLE, VARIABLE_END, VARIANT};

fn main() {
    println!("cargo:rerun-if-changed=../migrations");
    println!("cargo:rerun-if-changed=locales");
    let mut messages: BTreeMap<String, Vec<Option<String>>> = BTreeMap::new();
    for (index, code) in LANGUAGES.iter().enumerate() {
        let path = format!("locales/{code}.ftl");
        let source = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        for (id, compiled) in compile(&path, &source) {
            messages
                .entry(id)
                .or_insert_with(|| vec![None; LANGUAGES.len()])[index] = Some(compiled);
        }
    }
    let mut out = String::new();
    for (index, texts) in messages.values().enumerate() {
        writeln!(out, "const M{index}: Message = {texts:?};").unwrap();
    }
    writeln!(
        out,
        "const IDS: [&str; {}] = {:?};",
        messages.len(),
        messages.keys().collect::<Vec<_>>()
    )
    .unwrap();
    // A `t!` call finds its message at compile time, so a build keeps only the messages its
    // code asks for: the browser's, those of the islands.
    writeln!(
        out,
        "const fn message(index: usize) -> &'static Message {{\n    match index {{"
    )
    .unwrap();
    for index in 0..messages.len() {
        writeln!(out, "        {index} => &M{index},").unwrap();
    }
    writeln!(out, "        _ => panic!(\"no such message\"),\n    }}\n}}").unwrap();
    let target = Path::new(&env::var("OUT_DIR").unwrap()).join("catalog.rs");
    fs::write(target, out).unwrap();
}

/// Each message of one catalogue in the compiled form. Fails the build on what the compiled form
/// cannot say (terms, attributes, references, functions) rather than dropping it.
fn compile(path: &str, source: &str) -> Vec<(String, String)> {
    let resource = parser::parse(source)
        .unwrap_or_else(|(_, errors)| panic!("{path} does not parse: {errors:?}"));
    resource
        .body
        .into_iter()
        .filter_map(|entry| match entry {
            Entry::Message(message) => {
                let id = message.id.name;
                assert!(
                    message.attributes.is_empty(),
                    "{path}: {id}: attributes are not supported"
                );
                let value = message
                    .value
                    .unwrap_or_else(|| panic!("{path}: {id} has no value"));
                let mut compiled = String::new();
                pattern(&mut compiled, &value, &format!("{path}: {id}"));
                Some((id.to_owned(), compiled))
            }
            Entry::Term(term) => panic!("{path}: terms are not supported (-{})", term.id.name),
            Entry::Junk { content } => panic!("{path}: cannot read {content:?}"),
            _ => None,
        })
        .collect()
}

fn pattern(out: &mut String, pattern: &Pattern<&str>, context: &str) {
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => text(out, value, context),
            PatternElement::Placeable { expression } => match expression {
                Expression::Inline(inline) => inline_expression(out, inline, context),
                Expression::Select { selector, variants } => {
                    let InlineExpression::VariableReference { id } = selector else {
                        panic!("{context}: only a variable can select");
                    };
                    write!(out, "{SELECT}{}", id.name).unwrap();
                    for variant in variants {
                        let key = match &variant.key {
                            VariantKey::Identifier { name } => *name,
                            VariantKey::NumberLiteral { value } => {
                                assert!(
                                    value.parse::<i64>().is_ok(),
                                    "{context}: [{value}]: only whole numbers"
                                );
                                value
                            }
                        };
                        out.push(VARIANT);
                        if variant.default {
                            out.push(DEFAULT_KEY);
                        }
                        write!(out, "{key}{KEY_END}").unwrap();
                        self::pattern(out, &variant.value, context);
                    }
                    out.push(SELECT_END);
                }
            },
        }
    }
}

fn inline_expression(out: &mut String, expression: &InlineExpression<&str>, context: &str) {
    match expression {
        InlineExpression::VariableReference { id } => {
            write!(out, "{VARIABLE}{}{VARIABLE_END}", id.name).unwrap();
        }
        InlineExpression::StringLiteral { value } => {
            text(out, &unescape_unicode_to_string(value), context);
        }
        InlineExpression::NumberLiteral { value } => text(out, value, context),
        InlineExpression::Placeable { expression } => match &**expression {
            Expression::Inline(inline) => inline_expression(out, inline, context),
            Expression::Select { .. } => panic!("{context}: a select inside braces"),
        },
        _ => panic!("{context}: only text, variables and selects are supported"),
    }
}

fn text(out: &mut String, text: &str, context: &str) {
    assert!(
        !text.chars().any(|c| (VARIABLE..=SELECT_END).contains(&c)),
        "{context}: control characters in text"
    );
    out.push_str(text);
}
