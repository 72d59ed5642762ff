//! Lenient readers for the values shops send: ids as numbers or strings, money as
//! decimal strings (never through a float), timestamps with or without an offset.

use chrono::{DateTime, NaiveDateTime, Utc};
use flightdeck_core::domain::{Currency, Money};
use flightdeck_core::tracking::normalize_code;
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

use super::error::ShopError;

/// An id sent as a JSON integer (up to 2^64, read as an integer, never as a float) or
/// as a string.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct JsonId(pub String);

impl<'de> Deserialize<'de> for JsonId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IdVisitor;
        impl Visitor<'_> for IdVisitor {
            type Value = JsonId;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an integer id or a string id")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<JsonId, E> {
                Ok(JsonId(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<JsonId, E> {
                Ok(JsonId(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<JsonId, E> {
                Err(E::custom("an id must be an integer; a number with a fraction or beyond 2^64 cannot be an id"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<JsonId, E> {
                Ok(JsonId(v.trim().to_owned()))
            }
        }
        deserializer.deserialize_any(IdVisitor)
    }
}

/// A decimal amount: a JSON string (`"102.00"`, `"14.752066"`) or an integer. A JSON
/// number with a fraction is refused, since it has already been through a float.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Decimal(pub String);

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DecimalVisitor;
        impl Visitor<'_> for DecimalVisitor {
            type Value = Decimal;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a decimal amount as a string, e.g. \"12.34\"")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
                Ok(Decimal(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
                Ok(Decimal(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Decimal, E> {
                Err(E::custom("money must be a decimal string such as \"12.34\", not a JSON number with a fraction"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
                Ok(Decimal(v.to_owned()))
            }
        }
        deserializer.deserialize_any(DecimalVisitor)
    }
}

/// Parses a JSON document, mapping the parser's error (with line and column).
pub(crate) fn from_json<'a, T: Deserialize<'a>>(what: &'static str, body: &'a [u8]) -> Result<T, ShopError> {
    serde_json::from_slice(body).map_err(|e| ShopError::Json { what, reason: e.to_string() })
}

/// The currency code, `EUR` when the payload has none.
pub(crate) fn currency(field: &'static str, raw: Option<&str>) -> Result<Currency, ShopError> {
    match raw.map(str::trim).filter(|c| !c.is_empty()) {
        Some(code) => Currency::parse(code).map_err(|e| ShopError::field(field, e.reason)),
        None => Ok(Currency::EUR),
    }
}

/// An amount of `currency`, exactly.
pub(crate) fn money(field: &'static str, raw: &Decimal, currency: Currency) -> Result<Money, ShopError> {
    Money::parse_decimal(&raw.0, currency).map_err(|e| ShopError::field(field, e.reason))
}

/// An RFC 3339 timestamp with an offset (`2025-04-12T20:31:07+02:00`), in UTC.
pub(crate) fn rfc3339_utc(field: &'static str, raw: &str) -> Result<DateTime<Utc>, ShopError> {
    DateTime::parse_from_rfc3339(raw.trim()).map(|t| t.with_timezone(&Utc)).map_err(|e| {
        ShopError::field(field, format!("expected a timestamp such as 2025-04-12T20:31:07+02:00, got `{raw}` ({e})"))
    })
}

/// A UTC timestamp that may lack its `Z` (WooCommerce `*_gmt`: `2025-04-12T18:31:07`).
pub(crate) fn gmt_utc(field: &'static str, raw: &str) -> Result<DateTime<Utc>, ShopError> {
    let t = raw.trim();
    if let Ok(with_offset) = DateTime::parse_from_rfc3339(t) {
        return Ok(with_offset.with_timezone(&Utc));
    }
    NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S%.f")
        .or_else(|_| NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S%.f"))
        .map(|n| n.and_utc())
        .map_err(|_| ShopError::field(field, format!("expected a UTC time such as 2025-04-12T18:31:07, got `{raw}`")))
}

/// Discount codes normalised (upper case) and deduplicated, in order of appearance.
pub(crate) fn codes<'a>(raw: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for code in raw.map(normalize_code).filter(|c| !c.is_empty()) {
        if !out.contains(&code) {
            out.push(code);
        }
    }
    out
}

/// A click id as Flightdeck issues them (`ck_…`): 1–64 ASCII letters, digits, `_` or
/// `-`. Anything else is not ours and is dropped.
pub(crate) fn click_id(raw: &str) -> Option<String> {
    let t = raw.trim();
    let ok = !t.is_empty() && t.len() <= 64 && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    ok.then(|| t.to_owned())
}

/// A non-empty, trimmed string.
pub(crate) fn non_empty(raw: Option<&str>) -> Option<&str> {
    raw.map(str::trim).filter(|s| !s.is_empty())
}
