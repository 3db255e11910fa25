//! The domain's validation messages ("must be at least 3 characters") are English `Display`
//! text, kept that way for logs and the REST API. For pages they are translated here by shape:
//! each `check-*` message in the English catalogue is a template whose `{ $name }` parts match
//! any text, and the matching template's message is formatted in the wanted language.

use super::{
    Arg, Language, Message,
    catalog::{check_messages, format},
};
use std::sync::LazyLock;

/// (message, English template split at its placeholders, the placeholders' names)
type Template = (&'static Message, Vec<String>, Vec<String>);

static TEMPLATES: LazyLock<Vec<Template>> = LazyLock::new(|| {
    check_messages()
        .map(|message| {
            // Formatted without arguments, a placeholder reads "{$name}", as in Fluent.
            let text = format(Language::En, message, &[]);
            let mut literals = Vec::new();
            let mut names = Vec::new();
            let mut rest = text.as_str();
            while let Some((before, after)) = rest.split_once("{$") {
                let (name, tail) = after.split_once('}').unwrap_or((after, ""));
                literals.push(before.to_owned());
                names.push(name.to_owned());
                rest = tail;
            }
            literals.push(rest.to_owned());
            (message, literals, names)
        })
        .collect()
});

/// `message` in `language`, when a template matches it; otherwise as it is.
pub fn translate_check(language: Language, message: &str) -> String {
    if language == Language::En {
        return message.to_owned();
    }
    TEMPLATES
        .iter()
        .find_map(|(template, literals, names)| {
            let values = match_template(message, literals)?;
            let args: Vec<(&str, Arg)> = names
                .iter()
                .map(String::as_str)
                .zip(values.into_iter().map(Arg::from))
                .collect();
            Some(format(language, template, &args))
        })
        .unwrap_or_else(|| message.to_owned())
}

/// The texts standing in for the placeholders between `literals`, if `message` has that shape.
fn match_template(message: &str, literals: &[String]) -> Option<Vec<String>> {
    let (first, rest) = literals.split_first()?;
    let mut remaining = message.strip_prefix(first.as_str())?;
    let mut values = Vec::new();
    for (i, literal) in rest.iter().enumerate() {
        let last = i == rest.len() - 1;
        let at = if last && literal.is_empty() {
            remaining.len()
        } else if last {
            remaining.strip_suffix(literal.as_str()).map(str::len)?
        } else {
            remaining.find(literal.as_str())?
        };
        if at == 0 {
            return None;
        }
        values.push(remaining[..at].to_owned());
        remaining = &remaining[at + literal.len()..];
    }
    (remaining.is_empty()).then_some(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_messages_are_translated_by_shape() {
        assert_eq!(
            translate_check(Language::Th, "must be at least 3 characters"),
            "ต้องมีอย่างน้อย 3 ตัวอักษร"
        );
        assert_eq!(translate_check(Language::Th, "is required"), "จำเป็นต้องกรอก");
        assert_eq!(
            translate_check(
                Language::Th,
                "the SKU CR-1 is already used by another product of this store"
            ),
            "SKU CR-1 ถูกใช้กับสินค้าอื่นของร้านนี้แล้ว"
        );
        assert_eq!(
            translate_check(Language::Th, "no template has this shape"),
            "no template has this shape"
        );
        assert_eq!(translate_check(Language::En, "is required"), "is required");
    }
}
