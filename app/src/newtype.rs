//! Conversions every string newtype shares: serde goes through `parse` (`try_from = "String"`),
//! and the value displays as its text.

macro_rules! string_newtype_conversions {
    ($($ty:ty),*) => {$(
        impl TryFrom<String> for $ty {
            type Error = String;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse(&value).map_err(|e| e.to_string())
            }
        }

        impl From<$ty> for String {
            fn from(value: $ty) -> String {
                value.0
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}

pub(crate) use string_newtype_conversions;
