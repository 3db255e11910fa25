//! Store types shared by the server and the browser. Every value here is valid by construction:
//! the only ways in are the parsers, and deserialisation goes through them too.

use crate::{
    contact::{Email, Phone},
    error::FieldErrors,
    identity::model::DisplayName,
    ids::UserId,
    media::Image,
    money::Currency,
    newtype::string_newtype_conversions,
    time::Timestamp,
};
use serde::{Deserialize, Serialize};

pub use crate::ids::StoreId;

/// A store's display name: trimmed, 2 to 80 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct StoreName(String);

impl StoreName {
    pub const MIN_CHARS: usize = 2;
    pub const MAX_CHARS: usize = 80;

    pub fn parse(input: &str) -> Result<Self, StoreNameError> {
        let name = input.trim();
        let chars = name.chars().count();
        if chars < Self::MIN_CHARS {
            return Err(StoreNameError::TooShort);
        }
        if chars > Self::MAX_CHARS {
            return Err(StoreNameError::TooLong);
        }
        if name.chars().any(char::is_control) {
            return Err(StoreNameError::ControlCharacter);
        }
        Ok(Self(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreNameError {
    #[error("must be at least {} characters", StoreName::MIN_CHARS)]
    TooShort,
    #[error("must be at most {} characters", StoreName::MAX_CHARS)]
    TooLong,
    #[error("must not contain control characters")]
    ControlCharacter,
}

impl From<StoreNameError> for crate::i18n::Text {
    fn from(error: StoreNameError) -> Self {
        match error {
            StoreNameError::TooShort => {
                crate::text!("check-at-least-chars", min = StoreName::MIN_CHARS)
            }
            StoreNameError::TooLong => {
                crate::text!("check-at-most-chars", max = StoreName::MAX_CHARS)
            }
            StoreNameError::ControlCharacter => crate::text!("check-control-chars"),
        }
    }
}

/// The store's part of its public address, /s/{slug}: 3 to 40 of a-z, 0-9 and single inner hyphens.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct StoreSlug(String);

impl StoreSlug {
    pub const MIN_CHARS: usize = 3;
    pub const MAX_CHARS: usize = 40;

    pub fn parse(input: &str) -> Result<Self, StoreSlugError> {
        let slug = input.trim();
        if slug.len() < Self::MIN_CHARS {
            return Err(StoreSlugError::TooShort);
        }
        if slug.len() > Self::MAX_CHARS {
            return Err(StoreSlugError::TooLong);
        }
        if !slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(StoreSlugError::Character);
        }
        if slug.starts_with('-') || slug.ends_with('-') || slug.contains("--") {
            return Err(StoreSlugError::Hyphens);
        }
        Ok(Self(slug.to_owned()))
    }

    /// Suggests a slug for a name: ASCII letters and digits kept, everything else a hyphen.
    /// Names without enough Latin letters (Thai, for one) get no suggestion.
    pub fn suggest(name: &str) -> Option<Self> {
        let mut slug = String::with_capacity(name.len());
        for c in crate::case::lowercase(name).chars() {
            if c.is_ascii_alphanumeric() {
                slug.push(c);
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        }
        slug.truncate(Self::MAX_CHARS);
        Self::parse(slug.trim_end_matches('-')).ok()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreSlugError {
    #[error("must be at least {} characters", StoreSlug::MIN_CHARS)]
    TooShort,
    #[error("must be at most {} characters", StoreSlug::MAX_CHARS)]
    TooLong,
    #[error("may only use lowercase letters a-z, digits and hyphens")]
    Character,
    #[error("must not start or end with a hyphen or have two in a row")]
    Hyphens,
}

impl From<StoreSlugError> for crate::i18n::Text {
    fn from(error: StoreSlugError) -> Self {
        match error {
            StoreSlugError::TooShort => {
                crate::text!("check-at-least-chars", min = StoreSlug::MIN_CHARS)
            }
            StoreSlugError::TooLong => {
                crate::text!("check-at-most-chars", max = StoreSlug::MAX_CHARS)
            }
            StoreSlugError::Character => crate::text!("check-slug-chars"),
            StoreSlugError::Hyphens => crate::text!("check-slug-hyphens"),
        }
    }
}

string_newtype_conversions!(StoreName, StoreSlug, AccentColor);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Store {
    pub id: StoreId,
    pub slug: StoreSlug,
    pub name: StoreName,
    pub profile: StoreProfile,
    /// The brand this store belongs to, if any (one level: brands have no parents).
    pub parent_id: Option<StoreId>,
    /// Shown beside the store's name on shopper pages.
    pub logo: Option<Image>,
    pub created_at: Timestamp,
}

/// What shoppers see about a store besides its name, and its settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreProfile {
    pub description: String,
    pub contact_email: Option<Email>,
    pub contact_phone: Option<Phone>,
    pub accent: AccentColor,
    /// Preselected when the store adds products.
    pub default_currency: Currency,
}

impl Default for StoreProfile {
    fn default() -> Self {
        Self {
            description: String::new(),
            contact_email: None,
            contact_phone: None,
            accent: AccentColor::default(),
            default_currency: Currency::THB,
        }
    }
}

impl StoreProfile {
    pub const MAX_DESCRIPTION_CHARS: usize = 2000;

    pub fn parse(
        description: &str,
        email: &str,
        phone: &str,
        accent: &str,
        currency: &str,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let description = description.trim().to_owned();
        if description.chars().count() > Self::MAX_DESCRIPTION_CHARS {
            errors.add(
                "description",
                crate::text!("check-at-most-chars", max = Self::MAX_DESCRIPTION_CHARS),
            );
        }
        let optional = |text: &str| Some(text.trim().to_owned()).filter(|t| !t.is_empty());
        let contact_email =
            optional(email).map(|e| errors.check("contact_email", Email::parse(&e)));
        let contact_phone =
            optional(phone).map(|p| errors.check("contact_phone", Phone::parse(&p)));
        let accent = errors.check("accent", AccentColor::parse(accent));
        let default_currency = errors.check("default_currency", currency.parse::<Currency>());
        match (accent, default_currency) {
            (Some(accent), Some(default_currency)) if errors.is_empty() => Ok(Self {
                description,
                contact_email: contact_email.flatten(),
                contact_phone: contact_phone.flatten(),
                accent,
                default_currency,
            }),
            _ => Err(errors),
        }
    }
}

/// A store's brand colour, "#rrggbb", dark enough that white text on it stays readable
/// (WCAG contrast of at least 4.5:1), since buttons and headers use it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AccentColor(String);

impl Default for AccentColor {
    fn default() -> Self {
        Self("#4f46e5".to_owned())
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AccentColorError {
    #[error("is not a colour like #4f46e5")]
    Shape,
    #[error("is too light for white text to be readable on it (contrast {0:.1}:1, needs 4.5:1)")]
    TooLight(f64),
}

impl From<AccentColorError> for crate::i18n::Text {
    fn from(error: AccentColorError) -> Self {
        match error {
            AccentColorError::Shape => crate::text!("check-colour"),
            AccentColorError::TooLight(contrast) => {
                crate::text!("check-colour-light", contrast = format!("{contrast:.1}"))
            }
        }
    }
}

impl AccentColor {
    pub fn parse(input: &str) -> Result<Self, AccentColorError> {
        let hex = input.trim().to_ascii_lowercase();
        let digits = hex.strip_prefix('#').ok_or(AccentColorError::Shape)?;
        if digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(AccentColorError::Shape);
        }
        let channel = |i: usize| {
            u8::from_str_radix(&digits[i..i + 2], 16).map_err(|_| AccentColorError::Shape)
        };
        let contrast = contrast_with_white(channel(0)?, channel(2)?, channel(4)?);
        if contrast < 4.5 {
            return Err(AccentColorError::TooLight(contrast));
        }
        Ok(Self(hex))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// WCAG 2 contrast ratio of white against an sRGB colour.
fn contrast_with_white(r: u8, g: u8, b: u8) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    1.05 / (luminance + 0.05)
}

/// What a member may do in a store: owners manage it and its people, staff work the door.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StoreRole {
    Owner,
    Staff,
}

impl StoreRole {
    pub fn as_str(self) -> &'static str {
        match self {
            StoreRole::Owner => "owner",
            StoreRole::Staff => "staff",
        }
    }

    pub fn parse(input: &str) -> Result<Self, InvalidStoreRole> {
        match input.trim() {
            "owner" => Ok(StoreRole::Owner),
            "staff" => Ok(StoreRole::Staff),
            _ => Err(InvalidStoreRole),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("must be owner or staff")]
pub struct InvalidStoreRole;

impl From<InvalidStoreRole> for crate::i18n::Text {
    fn from(_: InvalidStoreRole) -> Self {
        crate::text!("check-role")
    }
}

/// A person who runs a store, as its owners see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreMember {
    pub user_id: UserId,
    pub display_name: DisplayName,
    pub email: Email,
    pub role: StoreRole,
    pub since: Timestamp,
}

/// A store as the person who runs it sees it in their list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagedStore {
    pub store: Store,
    /// `None` when a platform admin sees a store they are not a member of.
    pub role: Option<StoreRole>,
}

/// An invitation not yet accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingInvitation {
    pub email: Email,
    pub role: StoreRole,
    pub expires_at: Timestamp,
}

/// Everything a store's members page shows, loaded in one round trip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamOverview {
    pub store: Store,
    pub members: Vec<StoreMember>,
    pub invitations: Vec<PendingInvitation>,
}

/// A request to open a store, parsed from form or JSON input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStore {
    pub name: StoreName,
    pub slug: StoreSlug,
}

impl NewStore {
    /// Parses raw input; a blank slug is suggested from the name. Reports every field at once.
    pub fn parse(name: &str, slug: Option<&str>) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = errors.check("name", StoreName::parse(name));
        let slug = match slug.map(str::trim).filter(|s| !s.is_empty()) {
            Some(slug) => errors.check("slug", StoreSlug::parse(slug)),
            None => {
                let suggested = name.as_ref().and_then(|n| StoreSlug::suggest(n.as_str()));
                if suggested.is_none() && name.is_some() {
                    errors.add("slug", crate::text!("check-slug-needed"));
                }
                suggested
            }
        };
        match (name, slug) {
            (Some(name), Some(slug)) if errors.is_empty() => Ok(Self { name, slug }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn name_is_trimmed_and_bounded() {
        assert_eq!(
            StoreName::parse("  Kanom Bakery ").unwrap().as_str(),
            "Kanom Bakery"
        );
        assert_eq!(StoreName::parse(" a "), Err(StoreNameError::TooShort));
        assert_eq!(
            StoreName::parse(&"x".repeat(81)),
            Err(StoreNameError::TooLong)
        );
        assert_eq!(
            StoreName::parse("Bad\u{7}Name"),
            Err(StoreNameError::ControlCharacter)
        );
        assert!(StoreName::parse("ร้านขนม").is_ok(), "Thai names are welcome");
    }

    #[test]
    fn slug_accepts_only_the_url_alphabet() {
        assert!(StoreSlug::parse("kanom-bakery-2").is_ok());
        assert_eq!(StoreSlug::parse("ab"), Err(StoreSlugError::TooShort));
        assert_eq!(StoreSlug::parse("Kanom"), Err(StoreSlugError::Character));
        assert_eq!(
            StoreSlug::parse("kanom bakery"),
            Err(StoreSlugError::Character)
        );
        assert_eq!(StoreSlug::parse("-kanom"), Err(StoreSlugError::Hyphens));
        assert_eq!(
            StoreSlug::parse("kanom--bakery"),
            Err(StoreSlugError::Hyphens)
        );
        assert_eq!(
            StoreSlug::parse(&"a".repeat(41)),
            Err(StoreSlugError::TooLong)
        );
    }

    #[test]
    fn slug_suggestion_follows_the_name() {
        let suggest = |name| StoreSlug::suggest(name).map(|s| s.to_string());
        assert_eq!(
            suggest("Kanom Bakery & Café!").as_deref(),
            Some("kanom-bakery-caf")
        );
        assert_eq!(
            suggest("  Sole   Archive  ").as_deref(),
            Some("sole-archive")
        );
        assert_eq!(suggest("ร้านขนม"), None);
    }

    #[test]
    fn new_store_reports_every_bad_field() {
        let errors = NewStore::parse("x", Some("Bad Slug")).unwrap_err();
        assert!(errors.for_field("name").is_some());
        assert!(errors.for_field("slug").is_some());
        let errors = NewStore::parse("ร้านขนม", None).unwrap_err();
        assert_eq!(errors.for_field("slug").unwrap().id(), "check-slug-needed");
        let store = NewStore::parse("Kanom Bakery", Some("  ")).unwrap();
        assert_eq!(store.slug.as_str(), "kanom-bakery");
    }

    #[test]
    fn accent_colours_must_carry_white_text() {
        assert_eq!(AccentColor::parse(" #4F46E5 ").unwrap().as_str(), "#4f46e5");
        assert!(AccentColor::parse("#0b6e4f").is_ok());
        assert!(matches!(
            AccentColor::parse("#ffe066"),
            Err(AccentColorError::TooLight(_))
        ));
        for bad in ["4f46e5", "#4f46e", "#ggg000", "red"] {
            assert_eq!(
                AccentColor::parse(bad),
                Err(AccentColorError::Shape),
                "{bad}"
            );
        }
    }

    #[test]
    fn profiles_report_every_bad_field() {
        let errors = StoreProfile::parse(&"x".repeat(2001), "nope", "call me", "#ffffff", "XYZ")
            .unwrap_err();
        for field in [
            "description",
            "contact_email",
            "contact_phone",
            "accent",
            "default_currency",
        ] {
            assert!(errors.for_field(field).is_some(), "{field}");
        }
        let profile = StoreProfile::parse(
            "Fresh every morning.",
            "",
            "+66 2 123 4567",
            "#7c2d12",
            "usd",
        )
        .unwrap();
        assert_eq!(
            (profile.contact_email, profile.default_currency),
            (None, Currency::USD)
        );
    }

    #[test]
    fn deserialising_goes_through_the_parser() {
        assert!(serde_json::from_str::<StoreSlug>("\"Not A Slug\"").is_err());
        assert!(serde_json::from_str::<StoreName>("\"Kanom\"").is_ok());
    }

    proptest! {
        #[test]
        fn every_suggestion_parses(name in "\\PC{0,120}") {
            if let Some(slug) = StoreSlug::suggest(&name) {
                prop_assert_eq!(StoreSlug::parse(slug.as_str()), Ok(slug.clone()));
            }
        }

        #[test]
        fn parsed_names_round_trip(name in "\\PC{0,100}") {
            if let Ok(parsed) = StoreName::parse(&name) {
                prop_assert_eq!(StoreName::parse(parsed.as_str()), Ok(parsed.clone()));
            }
        }
    }
}
