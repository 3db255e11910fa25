//! Pure product rules: turning what a shopper types into search terms both engines understand.

/// At most this many words of a query count.
const MAX_TERMS: usize = 8;
const MAX_TERM_CHARS: usize = 40;

/// The words of a search query: letters and digits only (so nothing reaches the engines' query
/// languages unescaped), lowercased, each matched as a prefix.
pub fn search_terms(query: &str) -> Vec<String> {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| word.to_lowercase().chars().take(MAX_TERM_CHARS).collect())
        .take(MAX_TERMS)
        .collect()
}

/// SQLite FTS5: every term as a quoted prefix, all required.
pub fn fts5_query(terms: &[String]) -> String {
    terms
        .iter()
        .map(|t| format!("\"{t}\"*"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// PostgreSQL `to_tsquery('simple', …)`: every term as a prefix, all required.
pub fn tsquery(terms: &[String]) -> String {
    terms
        .iter()
        .map(|t| format!("{t}:*"))
        .collect::<Vec<_>>()
        .join(" & ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn queries_become_prefix_terms() {
        let terms = search_terms("  Butter-Croissant \"OR\" *; DROP TABLE");
        assert_eq!(terms, ["butter", "croissant", "or", "drop", "table"]);
        assert_eq!(fts5_query(&terms[..2]), "\"butter\"* \"croissant\"*");
        assert_eq!(tsquery(&terms[..2]), "butter:* & croissant:*");
        assert!(search_terms(" -- ").is_empty());
        assert_eq!(search_terms("ขนมปัง เนย"), ["ขนมปัง", "เนย"]);
    }

    proptest! {
        #[test]
        fn terms_never_carry_query_syntax(query in "\\PC{0,200}") {
            for term in search_terms(&query) {
                prop_assert!(term.chars().all(char::is_alphanumeric));
                prop_assert!(!term.is_empty() && term.chars().count() <= MAX_TERM_CHARS);
            }
            prop_assert!(search_terms(&query).len() <= MAX_TERMS);
        }
    }
}
