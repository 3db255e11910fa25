//! Money as integer minor units plus an ISO 4217 currency. No floats anywhere: amounts are
//! parsed from decimal text digit by digit and formatted back the same way.

use crate::i18n::Language;
use serde::{Deserialize, Serialize};
use std::{fmt, str::FromStr};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Currency {
    THB,
    USD,
    EUR,
    JPY,
    GBP,
    SGD,
}

impl Currency {
    pub const ALL: [Currency; 6] = [
        Currency::THB,
        Currency::USD,
        Currency::EUR,
        Currency::JPY,
        Currency::GBP,
        Currency::SGD,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Currency::THB => "THB",
            Currency::USD => "USD",
            Currency::EUR => "EUR",
            Currency::JPY => "JPY",
            Currency::GBP => "GBP",
            Currency::SGD => "SGD",
        }
    }

    /// Digits after the decimal point (ISO 4217's minor unit): the yen has none.
    pub fn minor_digits(self) -> u32 {
        match self {
            Currency::JPY => 0,
            _ => 2,
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Currency::THB => "฿",
            Currency::USD => "$",
            Currency::EUR => "€",
            Currency::JPY => "¥",
            Currency::GBP => "£",
            Currency::SGD => "S$",
        }
    }
}

impl FromStr for Currency {
    type Err = MoneyError;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        let code = code.trim().to_ascii_uppercase();
        Currency::ALL
            .into_iter()
            .find(|c| c.code() == code)
            .ok_or(MoneyError::UnknownCurrency)
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("is not a currency DropSlot supports (THB, USD, EUR, JPY, GBP, SGD)")]
    UnknownCurrency,
    #[error("is not an amount like 120 or 120.50")]
    Shape,
    #[error("has more decimals than the currency allows")]
    TooPrecise,
    #[error("must not be negative")]
    Negative,
    #[error("is too large")]
    TooLarge,
}

impl From<MoneyError> for crate::i18n::Text {
    fn from(error: MoneyError) -> Self {
        match error {
            MoneyError::UnknownCurrency => crate::text!("check-currency"),
            MoneyError::Shape => crate::text!("check-amount"),
            MoneyError::TooPrecise => crate::text!("check-decimals"),
            MoneyError::Negative => crate::text!("check-not-negative"),
            MoneyError::TooLarge => crate::text!("check-too-large"),
        }
    }
}

/// An amount of one currency, in its minor unit (satang, cents, yen).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    minor: i64,
    currency: Currency,
}

impl Money {
    /// The largest price DropSlot accepts: ten billion major units, far from i64's edge so that
    /// sums of many prices cannot overflow.
    pub const MAX_MINOR: i64 = 1_000_000_000_000;

    pub fn from_minor(minor: i64, currency: Currency) -> Result<Self, MoneyError> {
        if minor < 0 {
            return Err(MoneyError::Negative);
        }
        if minor > Self::MAX_MINOR {
            return Err(MoneyError::TooLarge);
        }
        Ok(Self { minor, currency })
    }

    /// Parses decimal text such as "1,250.50" (grouping commas allowed) in `currency`.
    pub fn parse(amount: &str, currency: Currency) -> Result<Self, MoneyError> {
        let amount = amount.trim().replace(',', "");
        if amount.starts_with('-') {
            return Err(MoneyError::Negative);
        }
        let (whole, fraction) = amount.split_once('.').unwrap_or((&amount, ""));
        if whole.is_empty()
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !fraction.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(MoneyError::Shape);
        }
        if amount.contains('.') && fraction.is_empty() {
            return Err(MoneyError::Shape);
        }
        let digits = currency.minor_digits() as usize;
        let fraction = fraction.trim_end_matches('0');
        if fraction.len() > digits {
            return Err(MoneyError::TooPrecise);
        }
        let scale = 10i64.pow(currency.minor_digits());
        let whole: i64 = whole.parse().map_err(|_| MoneyError::TooLarge)?;
        let fraction: i64 = if fraction.is_empty() {
            0
        } else {
            format!("{fraction:0<digits$}")
                .parse()
                .map_err(|_| MoneyError::Shape)?
        };
        let minor = whole
            .checked_mul(scale)
            .and_then(|m| m.checked_add(fraction))
            .ok_or(MoneyError::TooLarge)?;
        Self::from_minor(minor, currency)
    }

    pub fn minor(self) -> i64 {
        self.minor
    }

    pub fn currency(self) -> Currency {
        self.currency
    }

    /// The amount as plain decimal text, "1250.50" (for form fields).
    pub fn decimal(self) -> String {
        let digits = self.currency.minor_digits();
        if digits == 0 {
            return self.minor.to_string();
        }
        let scale = 10i64.pow(digits);
        format!(
            "{}.{:0width$}",
            self.minor / scale,
            self.minor % scale,
            width = digits as usize
        )
    }

    /// The amount for people reading `language`: "฿1,250.50", or "1,250.50 บาท" in Thai.
    pub fn format(self, language: Language) -> String {
        let decimal = self.decimal();
        let (whole, fraction) = decimal
            .split_once('.')
            .map_or((decimal.as_str(), None), |(w, f)| (w, Some(f)));
        let mut grouped = String::new();
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        let number = match fraction {
            Some(fraction) => format!("{grouped}.{fraction}"),
            None => grouped,
        };
        match (language, self.currency) {
            (Language::Th, Currency::THB) => format!("{number} บาท"),
            (_, currency) => format!("{}{number}", currency.symbol()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn money(amount: &str, currency: Currency) -> Result<i64, MoneyError> {
        Money::parse(amount, currency).map(Money::minor)
    }

    #[test]
    fn amounts_parse_into_minor_units() {
        assert_eq!(money("120", Currency::THB), Ok(12_000));
        assert_eq!(money("120.5", Currency::THB), Ok(12_050));
        assert_eq!(money("1,250.05", Currency::USD), Ok(125_005));
        assert_eq!(money("0.10", Currency::EUR), Ok(10));
        assert_eq!(money("1200", Currency::JPY), Ok(1200));
        assert_eq!(
            money("1200.0", Currency::JPY),
            Ok(1200),
            "trailing zeros are not precision"
        );
    }

    #[test]
    fn bad_amounts_are_refused() {
        assert_eq!(money("12.345", Currency::USD), Err(MoneyError::TooPrecise));
        assert_eq!(money("1200.5", Currency::JPY), Err(MoneyError::TooPrecise));
        assert_eq!(money("-1", Currency::USD), Err(MoneyError::Negative));
        for bad in ["", "abc", "1.2.3", "1e5", ".5", "5.", " . "] {
            assert_eq!(money(bad, Currency::USD), Err(MoneyError::Shape), "{bad:?}");
        }
        assert_eq!(
            money("10000000001", Currency::USD),
            Err(MoneyError::TooLarge)
        );
        assert_eq!(
            money("99999999999999999999999", Currency::USD),
            Err(MoneyError::TooLarge),
            "overflow is an error"
        );
        assert_eq!("XYZ".parse::<Currency>(), Err(MoneyError::UnknownCurrency));
        assert_eq!("thb".parse::<Currency>(), Ok(Currency::THB));
    }

    #[test]
    fn amounts_format_per_language() {
        let price = Money::parse("1250.5", Currency::THB).unwrap();
        assert_eq!(price.format(Language::En), "฿1,250.50");
        assert_eq!(price.format(Language::Th), "1,250.50 บาท");
        assert_eq!(
            Money::parse("1234567", Currency::JPY)
                .unwrap()
                .format(Language::En),
            "¥1,234,567"
        );
        assert_eq!(
            Money::parse("0.05", Currency::GBP)
                .unwrap()
                .format(Language::En),
            "£0.05"
        );
        assert_eq!(
            Money::parse("12", Currency::SGD).unwrap().decimal(),
            "12.00"
        );
    }

    proptest! {
        #[test]
        fn decimal_text_round_trips(minor in 0i64..=Money::MAX_MINOR, currency in prop::sample::select(Currency::ALL.to_vec())) {
            let price = Money::from_minor(minor, currency).unwrap();
            prop_assert_eq!(Money::parse(&price.decimal(), currency), Ok(price));
            prop_assert_eq!(Money::parse(&price.format(Language::En).trim_start_matches(|c: char| !c.is_ascii_digit()), currency), Ok(price));
        }
    }
}
