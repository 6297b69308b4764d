//! A serde `Deserializer` over a spanned JSON syntax tree (jsonc-parser), so that every error
//! knows the JSON path and byte range of the offending value, and numbers reach
//! `rust_decimal::Decimal` as their exact source text, never through `f64`.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use jsonc_parser::ast::{Array, Object, Value};
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};

/// A deserialization error placed at a JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeError {
    pub message: String,
    /// Set by the innermost node that saw the error.
    pub path: Option<String>,
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError {
            message: msg.to_string(),
            path: None,
        }
    }
}

/// Parses JSON strictly (no comments, no trailing commas, quoted keys only).
pub fn parse(text: &str) -> Result<Value<'_>, jsonc_parser::errors::ParseError> {
    let options = jsonc_parser::ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
    };
    let result = jsonc_parser::parse_to_ast(text, &Default::default(), &options)?;
    Ok(result
        .value
        .unwrap_or(Value::NullKeyword(jsonc_parser::ast::NullKeyword {
            range: jsonc_parser::common::Range { start: 0, end: 0 },
        })))
}

/// The byte offset where `text` first nests deeper than `limit` arrays and objects, if it does.
/// Checked before parsing so that hostile input cannot exhaust the stack of recursive code.
pub fn nesting_exceeds(text: &str, limit: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// A syntax error found by the strict check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    /// Byte offset of the error in the text.
    pub offset: usize,
}

/// Checks that `text` is strict JSON (RFC 8259). jsonc-parser, used for the spans, tolerates a
/// missing comma between members; serde_json does not, and says where the problem is.
pub fn check_strict(text: &str) -> Result<(), SyntaxError> {
    let Err(e) = serde_json::from_str::<de::IgnoredAny>(text) else {
        return Ok(());
    };
    let full = e.to_string();
    let message = full
        .rfind(" at line ")
        .map_or(full.as_str(), |i| &full[..i])
        .to_owned();
    // serde_json counts lines from 1 and columns in bytes from 1 (0 at a line's start).
    let line_start = text
        .split_inclusive('\n')
        .take(e.line().saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let offset = (line_start + e.column().saturating_sub(1)).min(text.len());
    Err(SyntaxError { message, offset })
}

/// Byte range of a node.
pub fn range(value: &Value<'_>) -> Range<usize> {
    let r = match value {
        Value::StringLit(v) => v.range,
        Value::NumberLit(v) => v.range,
        Value::BooleanLit(v) => v.range,
        Value::Object(v) => v.range,
        Value::Array(v) => v.range,
        Value::NullKeyword(v) => v.range,
    };
    r.start..r.end
}

/// Records the span of every value below `value`, keyed by JSON path.
pub fn index_spans(value: &Value<'_>, path: &str, out: &mut BTreeMap<String, Range<usize>>) {
    out.insert(path.to_owned(), range(value));
    match value {
        Value::Object(o) => {
            for p in &o.properties {
                index_spans(&p.value, &field_path(path, p.name.as_str()), out);
            }
        }
        Value::Array(a) => {
            for (i, e) in a.elements.iter().enumerate() {
                index_spans(e, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// `$.a` + `b` → `$.a.b`; keys that are not plain identifiers are quoted: `$["a b"]`.
pub fn field_path(parent: &str, key: &str) -> String {
    if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        format!("{parent}.{key}")
    } else {
        format!("{parent}[{key:?}]")
    }
}

/// Deserializes `T` from `value` at `path`.
pub fn from_node<T: de::DeserializeOwned>(value: &Value<'_>, path: &str) -> Result<T, DeError> {
    T::deserialize(Node {
        value,
        path: path.to_owned(),
    })
}

/// One node of the tree, with its path.
struct Node<'v, 'a> {
    value: &'v Value<'a>,
    path: String,
}

impl Node<'_, '_> {
    /// Places an error that no inner node placed at this node, and says what was found.
    fn place(&self, mut e: DeError) -> DeError {
        if e.path.is_none() {
            e.message = improve_message(&e.message, self.value);
            e.path = Some(self.path.clone());
        }
        e
    }

    fn describe(&self) -> de::Unexpected<'_> {
        match self.value {
            Value::StringLit(s) => de::Unexpected::Str(&s.value),
            Value::NumberLit(_) => de::Unexpected::Other("number"),
            Value::BooleanLit(b) => de::Unexpected::Bool(b.value),
            Value::Object(_) => de::Unexpected::Map,
            Value::Array(_) => de::Unexpected::Seq,
            Value::NullKeyword(_) => de::Unexpected::Unit,
        }
    }
}

/// Makes library messages (chrono, rust_decimal) say what was found and what is valid.
fn improve_message(message: &str, value: &Value<'_>) -> String {
    let found = match value {
        Value::StringLit(s) => format!("\"{}\"", s.value),
        Value::NumberLit(n) => n.value.to_owned(),
        _ => return message.to_owned(),
    };
    let is_date_error = [
        "premature end of input",
        "input contains invalid characters",
        "input is out of range",
        "trailing input",
        "input is not enough",
    ]
    .iter()
    .any(|m| message.contains(m));
    if is_date_error {
        format!("invalid date {found} ({message}): expected a calendar date written YYYY-MM-DD")
    } else if message.contains("decimal") || message.contains("Decimal") {
        format!(
            "invalid amount {found} ({message}): expected a number such as 12500000 or \"12500000.50\""
        )
    } else {
        message.to_owned()
    }
}

macro_rules! forward_to_any {
    ($($name:ident)*) => {
        $(fn $name<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            self.deserialize_any(visitor)
        })*
    };
}

impl<'de> de::Deserializer<'de> for Node<'_, '_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let result = match self.value {
            Value::StringLit(s) => visitor.visit_str(&s.value),
            Value::NumberLit(n) => visit_number(n.value, visitor),
            Value::BooleanLit(b) => visitor.visit_bool(b.value),
            Value::NullKeyword(_) => visitor.visit_unit(),
            Value::Object(o) => visitor.visit_map(ObjectAccess::new(o, &self.path)),
            Value::Array(a) => visitor.visit_seq(ArrayAccess::new(a, &self.path)),
        };
        result.map_err(|e| self.place(e))
    }

    /// Strings, and numbers as their exact source text (for `Decimal`).
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let result = match self.value {
            Value::StringLit(s) => visitor.visit_str(&s.value),
            Value::NumberLit(n) => visitor.visit_str(n.value),
            _ => Err(de::Error::invalid_type(self.describe(), &visitor)),
        };
        result.map_err(|e| self.place(e))
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.value {
            Value::StringLit(_) => self.deserialize_str(visitor),
            _ => Err(self.place(de::Error::invalid_type(self.describe(), &visitor))),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.value {
            Value::NullKeyword(_) => visitor.visit_none().map_err(|e| self.place(e)),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let result = match self.value {
            Value::StringLit(s) => visitor.visit_enum(s.value.as_ref().into_deserializer()),
            _ => Err(de::Error::invalid_type(self.describe(), &visitor)),
        };
        result.map_err(|e| self.place(e))
    }

    /// [`super::exact::EXACT`] asks for a number's exact text (or a string's), as `deserialize_str`
    /// gives it; any other newtype is transparent.
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if name == super::exact::EXACT {
            self.deserialize_str(visitor)
        } else {
            visitor.visit_newtype_struct(self)
        }
    }

    forward_to_any! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64 deserialize_char deserialize_bytes deserialize_byte_buf
        deserialize_unit deserialize_seq deserialize_map deserialize_identifier deserialize_ignored_any
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_any(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_any(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_any(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match self.value {
            Value::Object(_) => self.deserialize_any(visitor),
            _ => Err(self.place(de::Error::invalid_type(self.describe(), &visitor))),
        }
    }
}

/// Integers go to integer visitors, other numbers to float visitors (only so that an integer
/// field can say what it found). Amounts never come here: `Decimal` asks for `deserialize_str`
/// and gets the number's exact source text.
fn visit_number<'de, V: Visitor<'de>>(raw: &str, visitor: V) -> Result<V::Value, DeError> {
    if let Ok(u) = raw.parse::<u64>() {
        visitor.visit_u64(u)
    } else if let Ok(i) = raw.parse::<i64>() {
        visitor.visit_i64(i)
    } else if let Ok(f) = raw.parse::<f64>() {
        visitor.visit_f64(f)
    } else {
        visitor.visit_str(raw)
    }
}

struct ObjectAccess<'v, 'a> {
    object: &'v Object<'a>,
    parent: String,
    next: usize,
}

impl<'v, 'a> ObjectAccess<'v, 'a> {
    fn new(object: &'v Object<'a>, parent: &str) -> Self {
        Self {
            object,
            parent: parent.to_owned(),
            next: 0,
        }
    }
}

impl<'de> MapAccess<'de> for ObjectAccess<'_, '_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some(prop) = self.object.properties.get(self.next) else {
            return Ok(None);
        };
        let key = prop.name.as_str();
        let de: de::value::StrDeserializer<'_, DeError> = key.into_deserializer();
        seed.deserialize(de).map(Some).map_err(|mut e| {
            e.path.get_or_insert_with(|| field_path(&self.parent, key));
            e
        })
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let prop = &self.object.properties[self
            .next
            .min(self.object.properties.len().saturating_sub(1))];
        self.next += 1;
        seed.deserialize(Node {
            value: &prop.value,
            path: field_path(&self.parent, prop.name.as_str()),
        })
    }
}

struct ArrayAccess<'v, 'a> {
    array: &'v Array<'a>,
    parent: String,
    next: usize,
}

impl<'v, 'a> ArrayAccess<'v, 'a> {
    fn new(array: &'v Array<'a>, parent: &str) -> Self {
        Self {
            array,
            parent: parent.to_owned(),
            next: 0,
        }
    }
}

impl<'de> SeqAccess<'de> for ArrayAccess<'_, '_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        let Some(value) = self.array.elements.get(self.next) else {
            return Ok(None);
        };
        let path = format!("{}[{}]", self.parent, self.next);
        self.next += 1;
        seed.deserialize(Node { value, path }).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use serde::Deserialize;
    use std::str::FromStr;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Probe {
        amount: Decimal,
        months: u32,
        #[serde(default)]
        list: Vec<Decimal>,
    }

    #[test]
    fn numbers_keep_every_digit() {
        let text =
            r#"{ "amount": 12345678901234.56, "months": 12, "list": ["999999.99", 0.1, 7] }"#;
        let p: Probe = from_node(&parse(text).unwrap(), "$").unwrap();
        assert_eq!(p.amount, Decimal::from_str("12345678901234.56").unwrap());
        assert_eq!(
            p.list,
            vec![
                Decimal::from_str("999999.99").unwrap(),
                Decimal::from_str("0.1").unwrap(),
                Decimal::from(7)
            ]
        );
        assert_eq!(p.months, 12);
    }

    #[test]
    fn nesting_is_measured_outside_strings() {
        assert_eq!(nesting_exceeds(r#"{"a": [[1]]}"#, 3), None);
        assert_eq!(nesting_exceeds(r#"{"a": [[[1]]]}"#, 3), Some(8));
        assert_eq!(nesting_exceeds(r#"{"a": "[[[[\"[[["}"#, 1), None);
    }

    #[test]
    fn errors_carry_the_innermost_path() {
        let text = r#"{ "amount": 1, "months": 12.5 }"#;
        let e = from_node::<Probe>(&parse(text).unwrap(), "$").unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.months"));
        let text = r#"{ "amount": 1, "months": 1, "list": [1, true] }"#;
        let e = from_node::<Probe>(&parse(text).unwrap(), "$").unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.list[1]"));
        let text = r#"{ "amount": 1, "monhts": 1 }"#;
        let e = from_node::<Probe>(&parse(text).unwrap(), "$").unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.monhts"));
        assert!(e.message.contains("expected one of"), "{}", e.message);
        let text = r#"{ "amount": 1 }"#;
        let e = from_node::<Probe>(&parse(text).unwrap(), "$").unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$"));
        assert!(e.message.contains("missing field `months`"));
    }
}
