//! Product types shared by the server and the browser.

use crate::{
    error::FieldErrors,
    ids::StoreId,
    money::{Currency, Money},
    newtype::string_newtype_conversions,
    time::Timestamp,
};
use serde::{Deserialize, Serialize};

pub use crate::ids::{CategoryId, ProductId};

/// A stock-keeping unit, unique within a store: 1 to 32 of A-Z, 0-9, `-`, `_`, `.` (kept upper case).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Sku(String);

impl Sku {
    pub const MAX_CHARS: usize = 32;

    pub fn parse(input: &str) -> Result<Self, SkuError> {
        let sku = input.trim().to_ascii_uppercase();
        if sku.is_empty() {
            return Err(SkuError::Empty);
        }
        if sku.len() > Self::MAX_CHARS {
            return Err(SkuError::TooLong);
        }
        if !sku
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
        {
            return Err(SkuError::Character);
        }
        Ok(Self(sku))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SkuError {
    #[error("is required")]
    Empty,
    #[error("must be at most {} characters", Sku::MAX_CHARS)]
    TooLong,
    #[error("may only use letters A-Z, digits, '-', '_' and '.'")]
    Character,
}

impl From<SkuError> for crate::i18n::Text {
    fn from(error: SkuError) -> Self {
        match error {
            SkuError::Empty => crate::text!("check-required"),
            SkuError::TooLong => crate::text!("check-at-most-chars", max = Sku::MAX_CHARS),
            SkuError::Character => crate::text!("check-sku-chars"),
        }
    }
}

/// Free text with a trimmed length range and no control characters (newlines allowed if `multiline`).
pub(crate) fn bounded_text(
    input: &str,
    min: usize,
    max: usize,
    multiline: bool,
) -> Result<String, TextError> {
    let text = input.trim();
    let chars = text.chars().count();
    if chars < min {
        return Err(if min == 1 {
            TextError::Empty
        } else {
            TextError::TooShort(min)
        });
    }
    if chars > max {
        return Err(TextError::TooLong(max));
    }
    if text
        .chars()
        .any(|c| c.is_control() && !(multiline && (c == '\n' || c == '\r' || c == '\t')))
    {
        return Err(TextError::ControlCharacter);
    }
    Ok(text.to_owned())
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("is required")]
    Empty,
    #[error("must be at least {0} characters")]
    TooShort(usize),
    #[error("must be at most {0} characters")]
    TooLong(usize),
    #[error("must not contain control characters")]
    ControlCharacter,
}

impl From<TextError> for crate::i18n::Text {
    fn from(error: TextError) -> Self {
        match error {
            TextError::Empty => crate::text!("check-required"),
            TextError::TooShort(min) => crate::text!("check-at-least-chars", min = min),
            TextError::TooLong(max) => crate::text!("check-at-most-chars", max = max),
            TextError::ControlCharacter => crate::text!("check-control-chars"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ProductName(String);

impl ProductName {
    pub const MAX_CHARS: usize = 120;
    pub fn parse(input: &str) -> Result<Self, TextError> {
        bounded_text(input, 2, Self::MAX_CHARS, false).map(Self)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Description(String);

impl Description {
    pub const MAX_CHARS: usize = 5000;
    pub fn parse(input: &str) -> Result<Self, TextError> {
        bounded_text(input, 0, Self::MAX_CHARS, true).map(Self)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CategoryName(String);

impl CategoryName {
    pub const MAX_CHARS: usize = 60;
    pub fn parse(input: &str) -> Result<Self, TextError> {
        bounded_text(input, 1, Self::MAX_CHARS, false).map(Self)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

string_newtype_conversions!(Sku, ProductName, Description, CategoryName);

/// A node of a store's category tree ("Shoes" > "Running").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub id: CategoryId,
    pub store_id: StoreId,
    pub parent_id: Option<CategoryId>,
    pub name: CategoryName,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    pub id: ProductId,
    pub store_id: StoreId,
    pub category_id: Option<CategoryId>,
    pub sku: Sku,
    pub name: ProductName,
    pub description: Description,
    pub price: Money,
    pub archived: bool,
    pub created_at: Timestamp,
}

/// A product's editable fields, parsed from a form or JSON body all at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductDraft {
    pub sku: Sku,
    pub name: ProductName,
    pub description: Description,
    pub price: Money,
    pub category_id: Option<CategoryId>,
}

impl ProductDraft {
    pub fn parse(
        sku: &str,
        name: &str,
        description: &str,
        price: &str,
        currency: &str,
        category: Option<&str>,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let sku = errors.check("sku", Sku::parse(sku));
        let name = errors.check("name", ProductName::parse(name));
        let description = errors.check("description", Description::parse(description));
        let currency = errors.check("currency", currency.parse::<Currency>());
        let price =
            currency.and_then(|currency| errors.check("price", Money::parse(price, currency)));
        let category_id = match category.map(str::trim).filter(|c| !c.is_empty()) {
            None => Some(None),
            Some(id) => errors
                .check(
                    "category",
                    id.parse::<CategoryId>()
                        .map_err(|_| crate::text!("check-category-of-store")),
                )
                .map(Some),
        };
        match (sku, name, description, price, category_id) {
            (Some(sku), Some(name), Some(description), Some(price), Some(category_id))
                if errors.is_empty() =>
            {
                Ok(Self {
                    sku,
                    name,
                    description,
                    price,
                    category_id,
                })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skus_are_normalised_and_bounded() {
        assert_eq!(Sku::parse(" ab-12.x ").unwrap().as_str(), "AB-12.X");
        assert_eq!(Sku::parse(""), Err(SkuError::Empty));
        assert_eq!(Sku::parse("AB 12"), Err(SkuError::Character));
        assert_eq!(Sku::parse(&"A".repeat(33)), Err(SkuError::TooLong));
    }

    #[test]
    fn drafts_report_every_bad_field() {
        let errors = ProductDraft::parse("", "x", &"d".repeat(5001), "12.345", "USD", Some("nope"))
            .unwrap_err();
        for field in ["sku", "name", "description", "price", "category"] {
            assert!(errors.for_field(field).is_some(), "{field}");
        }
        let errors = ProductDraft::parse("SKU-1", "Croissant", "", "45", "XYZ", None).unwrap_err();
        assert!(errors.for_field("currency").is_some());
        let draft = ProductDraft::parse(
            "sku-1",
            "Butter croissant",
            "Flaky.\nBaked at 6.",
            "45.50",
            "THB",
            Some(""),
        )
        .unwrap();
        assert_eq!(
            (draft.sku.as_str(), draft.price.minor(), draft.category_id),
            ("SKU-1", 4550, None)
        );
    }
}
