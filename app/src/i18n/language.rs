use serde::{Deserialize, Serialize};

/// A language DropSlot's interface speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    Th,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::En, Language::Th];

    /// The BCP 47 tag, as in `<html lang>` and the language cookie.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Th => "th",
        }
    }

    /// The language's name in itself, so a reader finds their own in any interface.
    pub fn label(self) -> &'static str {
        match self {
            Language::En => "English",
            Language::Th => "ไทย",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }
}
