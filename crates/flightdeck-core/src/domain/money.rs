//! Money in integer minor units with an ISO 4217 currency; never floating point.

use serde::{Deserialize, Serialize};

use super::DomainError;

/// An ISO 4217 currency code (three upper-case letters), EUR by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency([u8; 3]);

impl Currency {
    /// The euro, Flightdeck's default currency.
    pub const EUR: Currency = Currency(*b"EUR");

    /// Parses a three-letter ISO 4217 code, case-insensitively.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let upper = raw.trim().to_ascii_uppercase();
        let bytes = upper.as_bytes();
        if bytes.len() == 3 && bytes.iter().all(u8::is_ascii_uppercase) {
            Ok(Currency([bytes[0], bytes[1], bytes[2]]))
        } else {
            Err(DomainError::new("currency", format!("expected a three-letter ISO 4217 code such as EUR, got `{raw}`")))
        }
    }

    /// The code as text (`"EUR"`).
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }

    /// How many minor units a major unit has (2 for EUR, 0 for JPY, 3 for KWD).
    pub fn minor_digits(&self) -> u32 {
        match self.as_str() {
            "JPY" | "KRW" | "ISK" | "CLP" | "VND" | "XOF" | "XAF" | "HUF" => 0,
            "KWD" | "BHD" | "JOD" | "OMR" | "TND" | "LYD" | "IQD" => 3,
            _ => 2,
        }
    }
}

impl Default for Currency {
    fn default() -> Self {
        Currency::EUR
    }
}

impl TryFrom<String> for Currency {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Currency::parse(&value)
    }
}

impl From<Currency> for String {
    fn from(value: Currency) -> Self {
        value.as_str().to_owned()
    }
}

impl std::fmt::Display for Currency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An amount of money: integer minor units (cents) and a currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    /// The amount in minor units (cents for EUR); negative for refunds.
    pub minor: i64,
    /// The currency of the amount.
    pub currency: Currency,
}

impl Money {
    /// An amount in minor units of `currency`.
    pub fn new(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
    }

    /// Parses a decimal string as the shops send it (`"102.00"`, `"14.752066"`, `"-3.5"`)
    /// into minor units of `currency`, exactly, without ever going through a float.
    /// Extra fractional digits are rounded half away from zero.
    pub fn parse_decimal(raw: &str, currency: Currency) -> Result<Self, DomainError> {
        parse_decimal_minor(raw, currency.minor_digits()).map(|minor| Money::new(minor, currency))
    }

    /// The amount as a decimal string in major units (`1234` cents → `"12.34"`).
    pub fn to_decimal_string(&self) -> String {
        let digits = self.currency.minor_digits();
        if digits == 0 {
            return self.minor.to_string();
        }
        let scale = 10_i64.pow(digits);
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        let scale = scale.unsigned_abs();
        format!("{sign}{}.{:0width$}", abs / scale, abs % scale, width = digits as usize)
    }
}

impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.currency, self.to_decimal_string())
    }
}

fn money_error(raw: &str) -> DomainError {
    DomainError::new("amount", format!("expected a decimal amount such as `12.34`, got `{raw}`"))
}

/// Parses a decimal string into an integer number of `digits`-digit minor units.
pub fn parse_decimal_minor(raw: &str, digits: u32) -> Result<i64, DomainError> {
    let text = raw.trim();
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (whole, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let well_formed = !(whole.is_empty() && frac.is_empty())
        && whole.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit());
    if !well_formed {
        return Err(money_error(raw));
    }
    let scale = 10_i64.pow(digits);
    let whole_value: i64 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| money_error(raw))? };
    let mut frac_value: i64 = 0;
    for (i, b) in frac.bytes().enumerate() {
        let digit = i64::from(b - b'0');
        if (i as u32) < digits {
            frac_value = frac_value * 10 + digit;
        } else {
            if i as u32 == digits && digit >= 5 {
                frac_value += 1;
            }
            break;
        }
    }
    let present = frac.len().min(digits as usize) as u32;
    frac_value *= 10_i64.pow(digits - present.min(digits));
    // A round-up that lands exactly on the next unit is carried by the addition below.
    let total =
        whole_value.checked_mul(scale).and_then(|w| w.checked_add(frac_value)).ok_or_else(|| money_error(raw))?;
    Ok(if negative { -total } else { total })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_parse_exactly() {
        let eur = Currency::EUR;
        assert_eq!(Money::parse_decimal("102.00", eur).map(|m| m.minor), Ok(10200));
        assert_eq!(Money::parse_decimal("14.752066", eur).map(|m| m.minor), Ok(1475));
        assert_eq!(Money::parse_decimal("0.005", eur).map(|m| m.minor), Ok(1));
        assert_eq!(Money::parse_decimal("9.995", eur).map(|m| m.minor), Ok(1000));
        assert_eq!(Money::parse_decimal("-3.5", eur).map(|m| m.minor), Ok(-350));
        assert_eq!(Money::parse_decimal("7", eur).map(|m| m.minor), Ok(700));
        assert_eq!(Money::parse_decimal(".5", eur).map(|m| m.minor), Ok(50));
        for bad in ["", "abc", "1.2.3", "1e5", "--1", "12,50", "."] {
            assert!(Money::parse_decimal(bad, eur).is_err(), "{bad}");
        }
    }

    #[test]
    fn decimal_strings_round_trip() {
        let m = Money::new(-1205, Currency::EUR);
        assert_eq!(m.to_decimal_string(), "-12.05");
        assert_eq!(Money::new(5, Currency::EUR).to_decimal_string(), "0.05");
        let jpy = Currency::parse("jpy").map(|c| Money::new(500, c).to_decimal_string());
        assert_eq!(jpy, Ok("500".to_owned()));
    }

    #[test]
    fn huge_amounts_do_not_overflow_silently() {
        assert!(Money::parse_decimal("99999999999999999999.00", Currency::EUR).is_err());
    }
}
