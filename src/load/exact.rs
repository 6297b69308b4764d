//! How the model reads amounts, quantities and dates, identically from both parsers the loader
//! uses: serde_json (the fast path for valid files) and the spanned tree of [`super::json`]
//! (files that fail the fast path, for diagnostics with positions).
//!
//! Amounts reach `Decimal` from their exact source text, never through `f64`. The model asks
//! for an [`Exact`] through a newtype-struct name of our own ([`EXACT`]): the spanned tree
//! answers with the text of the number or string; serde_json does not know the name and hands
//! over its deserializer, from which the value is taken as a `RawValue` (serde_json's
//! `raw_value` feature), i.e. its exact text. serde_json's `arbitrary_precision` feature would
//! also keep the digits, but Cargo unifies features across the build and typst decodes JSON
//! through serde_json into its own values: every number in a memo's `data.json` would reach the
//! templates as a one-key dictionary instead of a number.
//!
//! The fast path must accept exactly what the structural pre-pass (`schema`) accepts, so dates
//! are checked for the `YYYY-MM-DD` shape (chrono alone would take `2025-1-1`) and amounts are
//! read by `Decimal::from_str`, as the pre-pass checks them (rust_decimal's serde would fall
//! back to `from_scientific`).

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::de::value::StrDeserializer;
use serde::de::{self, Deserialize, Deserializer, Unexpected, Visitor};
use serde_json::value::RawValue;

/// The newtype-struct name by which the model asks for a number's exact text.
pub const EXACT: &str = "$vesentlig::exact";

/// An amount or quantity, read from its exact source text (a JSON number or a string).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Exact(pub Decimal);

impl<'de> Deserialize<'de> for Exact {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_newtype_struct(EXACT, ExactVisitor).map(Exact)
    }
}

struct ExactVisitor;

impl<'de> Visitor<'de> for ExactVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        // rust_decimal's wording, so that messages do not depend on the path taken.
        f.write_str("a Decimal type representing a fixed-point number")
    }

    /// The spanned tree: the number's or the string's text, read by rust_decimal's own rules.
    fn visit_str<E: de::Error>(self, text: &str) -> Result<Decimal, E> {
        <Decimal as Deserialize>::deserialize(StrDeserializer::<E>::new(text))
    }

    /// serde_json: the value's raw text.
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Decimal, D::Error> {
        let raw = <Box<RawValue>>::deserialize(d)?;
        let raw = raw.get();
        let text: Cow<'_, str> = match raw.as_bytes().first() {
            Some(b'"') if !raw.contains('\\') => Cow::Borrowed(&raw[1..raw.len() - 1]),
            Some(b'"') => {
                Cow::Owned(serde_json::from_str::<String>(raw).map_err(de::Error::custom)?)
            }
            Some(b'-' | b'0'..=b'9') => Cow::Borrowed(raw),
            _ => return Err(de::Error::invalid_type(Unexpected::Other(raw), &self)),
        };
        Decimal::from_str(&text)
            .map_err(|_| de::Error::invalid_value(Unexpected::Str(&text), &self))
    }
}

/// A calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IsoDate(pub NaiveDate);

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(DateVisitor).map(IsoDate)
    }
}

struct DateVisitor;

impl Visitor<'_> for DateVisitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        // chrono's wording.
        f.write_str("a formatted date string")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<NaiveDate, E> {
        if !is_date_shaped(text) {
            return Err(E::invalid_value(
                Unexpected::Str(text),
                &"a date written YYYY-MM-DD",
            ));
        }
        text.parse().map_err(E::custom)
    }
}

/// Whether `text` has the shape `YYYY-MM-DD` (digits and two hyphens; the calendar is checked
/// apart).
pub fn is_date_shaped(text: &str) -> bool {
    text.len() == 10
        && text.bytes().enumerate().all(|(i, c)| match i {
            4 | 7 => c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// `deserialize_with` for an amount or quantity.
pub fn amount<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    Exact::deserialize(d).map(|e| e.0)
}

/// `deserialize_with` for an optional amount or quantity (`null` is none).
pub fn optional_amount<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    Option::<Exact>::deserialize(d).map(|e| e.map(|e| e.0))
}

/// `deserialize_with` for a date.
pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    IsoDate::deserialize(d).map(|e| e.0)
}

/// `deserialize_with` for an optional date (`null` is none).
pub fn optional_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    Option::<IsoDate>::deserialize(d).map(|e| e.map(|e| e.0))
}

/// A field that records whether the file wrote it (even as `null`), for fields whose mere
/// presence matters: an option's fields of the other kind are an error, not silently ignored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written<T> {
    pub value: T,
    pub written: bool,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Written<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(|value| Written {
            value,
            written: true,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::json;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Probe {
        #[serde(deserialize_with = "amount")]
        a: Decimal,
        #[serde(default, deserialize_with = "optional_amount")]
        b: Option<Decimal>,
        #[serde(deserialize_with = "date")]
        d: NaiveDate,
    }

    fn both(text: &str) -> (Result<Probe, String>, Result<Probe, String>) {
        let fast = serde_json::from_str::<Probe>(text).map_err(|e| e.to_string());
        let slow =
            json::from_node::<Probe>(&json::parse(text).unwrap(), "$").map_err(|e| e.message);
        (fast, slow)
    }

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn every_digit_is_kept_on_both_paths() {
        for (a, b, want_a, want_b) in [
            (
                r#""999999.99""#,
                "12345678901234.56",
                "999999.99",
                "12345678901234.56",
            ),
            // 28 significant digits, as a number and as a string.
            (
                "1234567890.123456789012345678",
                r#""-9999999999999999999999999.999""#,
                "1234567890.123456789012345678",
                "-9999999999999999999999999.999",
            ),
            ("0.1", r#""0.30""#, "0.1", "0.30"),
            ("-0", "7", "-0", "7"),
        ] {
            let text = format!(r#"{{ "a": {a}, "b": {b}, "d": "2025-03-31" }}"#);
            let (fast, slow) = both(&text);
            let want = Probe {
                a: dec(want_a),
                b: Some(dec(want_b)),
                d: NaiveDate::from_ymd_opt(2025, 3, 31).unwrap(),
            };
            assert_eq!(fast.as_ref(), Ok(&want), "{text}");
            assert_eq!(slow.as_ref(), Ok(&want), "{text}");
            // Equal decimals can differ in scale; the scale is kept too.
            assert_eq!(fast.unwrap().a.scale(), want.a.scale());
        }
    }

    #[test]
    fn escaped_strings_and_nulls() {
        let (fast, slow) = both(r#"{ "a": "1\u0032.5", "b": null, "d": "2025-03-31" }"#);
        assert_eq!(fast.unwrap().a, dec("12.5"));
        let slow = slow.unwrap();
        assert_eq!((slow.a, slow.b), (dec("12.5"), None));
    }

    #[test]
    fn the_fast_path_refuses_what_the_schema_refuses() {
        for text in [
            r#"{ "a": "12 500", "d": "2025-03-31" }"#,
            r#"{ "a": true, "d": "2025-03-31" }"#,
            r#"{ "a": 1, "d": "2025-3-31" }"#,
            r#"{ "a": 1, "d": "2025-02-30" }"#,
            r#"{ "a": 1, "d": " 2025-03-31" }"#,
            r#"{ "a": 123456789012345678901234567890, "d": "2025-03-31" }"#,
        ] {
            assert!(both(text).0.is_err(), "{text}");
        }
    }

    #[test]
    fn written_tells_null_from_absent() {
        #[derive(Deserialize)]
        struct W {
            #[serde(default)]
            x: Written<Option<u32>>,
            #[serde(default)]
            y: Written<Option<u32>>,
        }
        let w: W = serde_json::from_str(r#"{ "x": null }"#).unwrap();
        assert_eq!((w.x.written, w.x.value, w.y.written), (true, None, false));
        let w: W = json::from_node(&json::parse(r#"{ "x": null }"#).unwrap(), "$").unwrap();
        assert_eq!((w.x.written, w.y.written), (true, false));
    }
}
