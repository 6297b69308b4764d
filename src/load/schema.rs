//! A structural pre-pass over the whole syntax tree, before serde: unknown fields, missing
//! required fields, wrong JSON types, invalid enum values, dates and amounts — all of them.
//!
//! Serde stops at the first error in an object, so three misspelled fields in one contract
//! would take three runs to find. This pass reports every one in a single run; serde remains
//! the backstop for anything the schema does not describe. The field tables of contracts and
//! of `merger.json` are read from the JSON Schema the model derives (`portfolio_schema`), so a
//! field added to the model is checked here without a word changed; `tests` below hold the
//! derived tables against serde's own field lists.

use std::ops::Range;
use std::str::FromStr;
use std::sync::LazyLock;

use chrono::NaiveDate;
use jsonc_parser::ast::{ObjectPropName, Value};
use rust_decimal::Decimal;

use serde_json::Value as JsonValue;

use super::json::field_path;
use crate::portfolio_schema::{self, FileKind};

/// What a JSON value must be.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Str,
    Bool,
    /// A whole number ≥ 0 (`u32`).
    Count,
    /// An exact decimal, as a number or a string: an amount in NOK.
    Amount,
    /// An exact decimal, as a number or a string: a quantity of units.
    Quantity,
    /// `YYYY-MM-DD`, a real calendar date.
    Date,
    Enum(&'static [&'static str]),
    Object(&'static Schema),
    Array(&'static Kind),
    /// A merger municipality id (string) or an authority outside the merger (an object of
    /// these fields).
    Authority(&'static Schema),
    /// Not described here; serde checks it.
    Any,
}

/// One field of an object.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
}

/// The fields of one kind of object.
#[derive(Debug)]
pub struct Schema {
    /// How the object is called in messages: "contract", "option".
    pub noun: &'static str,
    /// The section of docs/portfolio-format.md that documents it.
    pub doc: &'static str,
    pub fields: &'static [Field],
}

/// A problem found by the pre-pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    /// Where to point, when not at the value of `path` (e.g. at an unknown field's name).
    pub span: Option<Range<usize>>,
    pub message: String,
    pub help: String,
}

/// The fields of a contract, from the model's JSON Schema.
pub static CONTRACT: LazyLock<Schema> =
    LazyLock::new(|| derived(FileKind::Contract, "Contract", "contract", "«Contract»"));

/// The fields of `merger.json`, from the model's JSON Schema.
pub static MERGER: LazyLock<Schema> =
    LazyLock::new(|| derived(FileKind::Merger, "", "merger", "«merger.json»"));

/// Objects documented in a section of their own in docs/portfolio-format.md; the objects below
/// them are documented there as «Section», `field`.
const SECTIONS: [(&str, &str); 1] = [("ProposedChange", "«Proposed change»")];

/// Builds the field table of `def` (the root when empty) from the published schema: every
/// field the model has, with its kind and whether it is required. Nested objects are named
/// after the field that holds them (`price_index` → "price index"; an array item in the
/// singular: `change_clauses` → "change clause"). Built once; the tables live as long as the
/// program.
fn derived(file: FileKind, def: &str, noun: &str, doc: &str) -> Schema {
    let root = portfolio_schema::file_schema(file);
    let empty = serde_json::Map::new();
    let defs = root
        .get("$defs")
        .and_then(JsonValue::as_object)
        .unwrap_or(&empty);
    let node = if def.is_empty() {
        &root
    } else {
        defs.get(def).unwrap_or(&root)
    };
    Deriver { defs }.object(node, leak(noun.to_owned()), leak(doc.to_owned()))
}

struct Deriver<'d> {
    defs: &'d serde_json::Map<String, JsonValue>,
}

impl Deriver<'_> {
    /// The referenced definition, or the node itself, and the definition's name.
    fn resolve<'v>(&'v self, node: &'v JsonValue) -> (&'v JsonValue, Option<&'v str>) {
        match node.get("$ref").and_then(JsonValue::as_str) {
            Some(r) => {
                let name = r.rsplit('/').next().unwrap_or(r);
                match self.defs.get(name) {
                    Some(def) => (def, Some(name)),
                    None => (node, None),
                }
            }
            None => (node, None),
        }
    }

    fn object(&self, node: &JsonValue, noun: &'static str, doc: &'static str) -> Schema {
        let required: Vec<&str> = node
            .get("required")
            .and_then(JsonValue::as_array)
            .map(|r| r.iter().filter_map(JsonValue::as_str).collect())
            .unwrap_or_default();
        let fields = node
            .get("properties")
            .and_then(JsonValue::as_object)
            .map(|props| {
                props
                    .iter()
                    .map(|(name, field)| Field {
                        name: leak(name.clone()),
                        kind: self.kind(field, name, name.replace('_', " "), doc),
                        required: required.contains(&name.as_str()),
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        Schema {
            noun,
            doc,
            fields: Box::leak(fields.into_boxed_slice()),
        }
    }

    /// The kind of the value of field `name` of an object documented in `section`; an object
    /// found there is called `noun`.
    fn kind(&self, node: &JsonValue, name: &str, noun: String, section: &str) -> Kind {
        let node = non_null(node);
        let (node, def) = self.resolve(node);
        let node = non_null(node);
        let doc = || match def.and_then(|d| SECTIONS.iter().find(|(n, _)| *n == d)) {
            Some((_, own)) => (*own).to_owned(),
            None => format!("{section}, `{name}`"),
        };
        if node.get("x-kind").and_then(JsonValue::as_str) == Some("quantity") {
            return Kind::Quantity;
        }
        if let Some(values) = enum_values(node) {
            return Kind::Enum(Box::leak(values.into_boxed_slice()));
        }
        if let Some(alternatives) = node.get("anyOf").and_then(JsonValue::as_array) {
            // A string or an object: an authority (a municipality id or { "name", "org_no" }).
            let object = alternatives
                .iter()
                .map(|a| self.resolve(a).0)
                .find(|a| types(a).contains(&"object"));
            let string = alternatives.iter().any(|a| types(a).contains(&"string"));
            if let (Some(object), true) = (object, string) {
                // Named for what it is, whatever the field: `authorities`, `add_authorities`.
                return Kind::Authority(leak_schema(self.object(object, "authority", leak(doc()))));
            }
        }
        let t = types(node);
        match t.as_slice() {
            ["string"] if node.get("format").and_then(JsonValue::as_str) == Some("date") => {
                Kind::Date
            }
            ["string"] => Kind::Str,
            ["boolean"] => Kind::Bool,
            ["integer"] => Kind::Count,
            ["string", "number"] | ["number", "string"] | ["number"] => Kind::Amount,
            ["array"] => {
                let item = node.get("items").unwrap_or(&JsonValue::Null);
                Kind::Array(Box::leak(Box::new(self.kind(
                    item,
                    name,
                    singular(name),
                    section,
                ))))
            }
            ["object"] => Kind::Object(leak_schema(self.object(node, leak(noun), leak(doc())))),
            // Anything the pre-pass does not know is left to serde, which reports it.
            _ => Kind::Any,
        }
    }
}

/// The node without its `null` alternative (an optional field).
fn non_null(node: &JsonValue) -> &JsonValue {
    if let Some(alts) = node.get("anyOf").and_then(JsonValue::as_array) {
        let rest: Vec<&JsonValue> = alts.iter().filter(|a| !is_null_type(a)).collect();
        if let [only] = rest.as_slice() {
            return only;
        }
    }
    node
}

fn is_null_type(node: &JsonValue) -> bool {
    node.get("type").and_then(JsonValue::as_str) == Some("null")
}

/// The JSON types a node allows, without `null`.
fn types(node: &JsonValue) -> Vec<&str> {
    match node.get("type") {
        Some(JsonValue::String(t)) if t != "null" => vec![t.as_str()],
        Some(JsonValue::Array(ts)) => ts
            .iter()
            .filter_map(JsonValue::as_str)
            .filter(|t| *t != "null")
            .collect(),
        _ => Vec::new(),
    }
}

/// The values of an enumeration: `enum`, or `oneOf` of `const`s (variants with doc comments).
fn enum_values(node: &JsonValue) -> Option<Vec<&'static str>> {
    if let Some(values) = node.get("enum").and_then(JsonValue::as_array) {
        return values
            .iter()
            .map(|v| v.as_str().map(|s| leak(s.to_owned())))
            .collect();
    }
    let alts = node.get("oneOf").and_then(JsonValue::as_array)?;
    alts.iter()
        .map(|a| {
            a.get("const")
                .and_then(JsonValue::as_str)
                .or_else(|| a.get("enum")?.as_array()?.first()?.as_str())
                .map(|s| leak(s.to_owned()))
        })
        .collect()
}

/// The noun for one item of an array field: `authorities` → "authority", `options` → "option".
fn singular(name: &str) -> String {
    let words = name.replace('_', " ");
    if let Some(stem) = words.strip_suffix("ies") {
        format!("{stem}y")
    } else {
        words.strip_suffix('s').unwrap_or(&words).to_owned()
    }
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn leak_schema(s: Schema) -> &'static Schema {
    Box::leak(Box::new(s))
}

/// Checks `value` at `path` against `kind`, appending every problem found.
pub fn check(value: &Value<'_>, path: &str, kind: Kind, out: &mut Vec<Problem>) {
    match (kind, value) {
        (Kind::Str, Value::StringLit(_))
        | (Kind::Bool, Value::BooleanLit(_))
        | (Kind::Authority(_), Value::StringLit(_))
        | (Kind::Any, _) => {}
        (Kind::Count, Value::NumberLit(n)) if n.value.parse::<u32>().is_ok() => {}
        (Kind::Amount | Kind::Quantity, Value::NumberLit(n)) => {
            check_decimal(n.value, path, kind, out)
        }
        (Kind::Amount | Kind::Quantity, Value::StringLit(s)) => {
            check_decimal(&s.value, path, kind, out)
        }
        (Kind::Date, Value::StringLit(s)) => check_date(&s.value, path, out),
        (Kind::Enum(allowed), Value::StringLit(s)) => {
            if !allowed.contains(&s.value.as_ref()) {
                out.push(problem(
                    path,
                    format!("unknown value \"{}\" for `{}`", s.value, last_segment(path)),
                    format!("expected {}", describe(kind)),
                ));
            }
        }
        (Kind::Object(schema), Value::Object(_)) => check_object(value, path, schema, out),
        (Kind::Authority(schema), Value::Object(_)) => check_object(value, path, schema, out),
        (Kind::Array(item), Value::Array(a)) => {
            for (i, e) in a.elements.iter().enumerate() {
                check(e, &format!("{path}[{i}]"), *item, out);
            }
        }
        _ => out.push(problem(
            path,
            format!("expected {}, found {}", describe(kind), found(value)),
            mismatch_help(kind, value),
        )),
    }
}

fn check_object(value: &Value<'_>, path: &str, schema: &Schema, out: &mut Vec<Problem>) {
    let Value::Object(object) = value else {
        return;
    };
    let mut seen: Vec<&str> = Vec::new();
    let mut misspelt: Vec<&str> = Vec::new();
    for prop in &object.properties {
        let key = prop.name.as_str();
        let key_span = name_range(&prop.name);
        let child = field_path(path, key);
        if seen.contains(&key) {
            out.push(Problem {
                span: Some(key_span),
                ..problem(
                    &child,
                    format!("field `{key}` appears twice in this {}", schema.noun),
                    "keep one of them: the other would be silently ignored".to_owned(),
                )
            });
            continue;
        }
        seen.push(key);
        match schema.fields.iter().find(|f| f.name == key) {
            Some(field) => {
                match (&prop.value, field.required) {
                    // An optional field written as null is absent.
                    (Value::NullKeyword(_), false) => {}
                    // A required fact left open, e.g. by `vesentlig import`.
                    (Value::NullKeyword(_), true) => out.push(problem(
                        &child,
                        format!("`{key}` is not filled in (null) in this {}", schema.noun),
                        format!(
                            "replace null with {}, e.g. {} (docs/portfolio-format.md, {})",
                            describe(field.kind),
                            example(field.kind),
                            schema.doc
                        ),
                    )),
                    _ => check(&prop.value, &child, field.kind, out),
                }
            }
            None => {
                let names: Vec<&str> = schema.fields.iter().map(|f| f.name).collect();
                let suggestion = closest(key, &names);
                let present = |n: &str| object.properties.iter().any(|p| p.name.as_str() == n);
                let help = match suggestion {
                    Some(best) if !present(best) => {
                        misspelt.push(best);
                        format!(
                            "did you mean `{best}`? The fields of {} are: {}",
                            article(schema.noun),
                            names.join(", ")
                        )
                    }
                    _ => format!(
                        "the fields of {} are: {}",
                        article(schema.noun),
                        names.join(", ")
                    ),
                };
                out.push(Problem {
                    span: Some(key_span),
                    ..problem(
                        &child,
                        format!("unknown field `{key}` in this {}", schema.noun),
                        help,
                    )
                });
            }
        }
    }
    let open_brace = object.range.start..object.range.start + 1;
    for field in schema.fields.iter().filter(|f| f.required) {
        // A misspelt field already says "did you mean"; do not report it twice.
        if !seen.contains(&field.name) && !misspelt.contains(&field.name) {
            out.push(Problem {
                span: Some(open_brace.clone()),
                ..problem(
                    path,
                    format!("missing field `{}` in this {}", field.name, schema.noun),
                    format!(
                        "add `\"{}\": …` with {} (docs/portfolio-format.md, {})",
                        field.name,
                        describe(field.kind),
                        schema.doc
                    ),
                )
            });
        }
    }
}

/// The known name nearest to a misspelt one (at most a third of its letters off).
fn closest<'n>(key: &str, names: &[&'n str]) -> Option<&'n str> {
    let key = key.to_lowercase();
    names
        .iter()
        .map(|n| (edit_distance(&key, n), *n))
        .filter(|(d, n)| *d <= (n.len() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n)
}

/// Levenshtein distance, with a swap of two neighbouring letters counted as one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

fn check_decimal(text: &str, path: &str, kind: Kind, out: &mut Vec<Problem>) {
    if Decimal::from_str(text).is_err() {
        let (what, example) = match kind {
            Kind::Quantity => ("quantity", "a number such as 100 or \"12.5\""),
            _ => (
                "amount",
                "the amount in NOK excl. VAT as a number such as 12500000 or \"12500000.50\"",
            ),
        };
        out.push(problem(
            path,
            format!("invalid {what} {text:?}"),
            format!("write {example}: digits and one decimal point; no spaces, thousands separators or currency; at most 28 digits"),
        ));
    }
}

fn check_date(text: &str, path: &str, out: &mut Vec<Problem>) {
    if !super::exact::is_date_shaped(text) {
        out.push(problem(
            path,
            format!("invalid date \"{text}\""),
            "write a date as YYYY-MM-DD, e.g. \"2025-03-31\"".to_owned(),
        ));
    } else if NaiveDate::parse_from_str(text, "%Y-%m-%d").is_err() {
        out.push(problem(
            path,
            format!("invalid date \"{text}\": there is no such day in the calendar"),
            "check the day and the month (YYYY-MM-DD)".to_owned(),
        ));
    }
}

/// What to write instead of a value of the wrong type.
fn mismatch_help(kind: Kind, value: &Value<'_>) -> String {
    let unquoted = match (kind, value) {
        (Kind::Count, Value::StringLit(s)) if s.value.trim().parse::<u32>().is_ok() => {
            Some(s.value.trim())
        }
        (Kind::Bool, Value::StringLit(s)) if matches!(s.value.trim(), "true" | "false") => {
            Some(s.value.trim())
        }
        _ => None,
    };
    match unquoted {
        Some(v) => format!("write it without quotes: {v}"),
        None => format!("write {}, e.g. {}", describe(kind), example(kind)),
    }
}

fn example(kind: Kind) -> String {
    match kind {
        Kind::Str => "\"text\"".into(),
        Kind::Bool => "true".into(),
        Kind::Count => "12".into(),
        Kind::Amount => "12500000".into(),
        Kind::Quantity => "100".into(),
        Kind::Date => "\"2025-03-31\"".into(),
        Kind::Enum(values) => values
            .first()
            .map_or_else(String::new, |v| format!("\"{v}\"")),
        Kind::Object(schema) => format!("{{ … }} (docs/portfolio-format.md, {})", schema.doc),
        Kind::Array(_) => "[ … ]".into(),
        Kind::Authority(_) => "\"fjordvik\"".into(),
        Kind::Any => "a value".into(),
    }
}

/// The last field name of a path: `$.award.part` → `part`; `$.covers[1]` → `covers`.
fn last_segment(path: &str) -> &str {
    let trimmed = path.trim_end_matches(|c: char| c == ']' || c.is_ascii_digit());
    let trimmed = trimmed.strip_suffix('[').unwrap_or(trimmed);
    trimmed.rsplit('.').next().unwrap_or(trimmed)
}

fn problem(path: &str, message: String, help: String) -> Problem {
    Problem {
        path: path.to_owned(),
        span: None,
        message,
        help,
    }
}

fn name_range(name: &ObjectPropName<'_>) -> Range<usize> {
    let r = match name {
        ObjectPropName::String(s) => s.range,
        ObjectPropName::Word(w) => w.range,
    };
    r.start..r.end
}

/// What a value of `kind` looks like, for messages.
pub fn describe(kind: Kind) -> String {
    match kind {
        Kind::Str => "a string".into(),
        Kind::Bool => "true or false".into(),
        Kind::Count => "a whole number ≥ 0".into(),
        Kind::Amount => {
            "an amount in NOK excl. VAT (a number such as 12500000 or a string such as \"12500000.50\")"
                .into()
        }
        Kind::Quantity => "a number (a quantity, such as 100 or \"12.5\")".into(),
        Kind::Date => "a date written YYYY-MM-DD".into(),
        Kind::Enum(values) => {
            let quoted: Vec<String> = values.iter().map(|v| format!("\"{v}\"")).collect();
            format!("one of {}", quoted.join(", "))
        }
        Kind::Object(schema) => format!("{} object", article(schema.noun)),
        Kind::Array(item) => format!("an array of {}", plural(*item)),
        Kind::Authority(schema) => format!(
            "a municipality id from merger.json or an object {{ {} }}",
            quoted_names(schema)
        ),
        Kind::Any => "a value".into(),
    }
}

fn plural(kind: Kind) -> String {
    match kind {
        Kind::Str => "strings".into(),
        Kind::Object(schema) => format!("{} objects", schema.noun),
        Kind::Authority(schema) => format!(
            "{} (municipality ids or {{ {} }})",
            plural_noun(schema.noun),
            quoted_names(schema)
        ),
        Kind::Enum(_) => format!("values, each {}", describe(kind)),
        other => format!("values, each {}", describe(other)),
    }
}

/// `"name", "org_no"`: the field names of an object, for messages.
fn quoted_names(schema: &Schema) -> String {
    let names: Vec<String> = schema
        .fields
        .iter()
        .map(|f| format!("\"{}\"", f.name))
        .collect();
    names.join(", ")
}

fn plural_noun(noun: &str) -> String {
    match noun.strip_suffix('y') {
        Some(stem) => format!("{stem}ies"),
        None => format!("{noun}s"),
    }
}

fn article(noun: &str) -> String {
    if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {noun}")
    } else {
        format!("a {noun}")
    }
}

/// What was found, for messages.
pub fn found(value: &Value<'_>) -> String {
    match value {
        Value::StringLit(s) => format!("the string \"{}\"", s.value),
        Value::NumberLit(n) => format!("the number {}", n.value),
        Value::BooleanLit(b) => b.value.to_string(),
        Value::Object(_) => "an object".into(),
        Value::Array(_) => "an array".into(),
        Value::NullKeyword(_) => "null".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model;
    use serde::de::{self, Visitor};

    /// Captures the field list serde derives for a struct.
    struct FieldNames;

    #[derive(Debug)]
    struct Captured(Vec<&'static str>);

    impl std::fmt::Display for Captured {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "{:?}", self.0)
        }
    }
    impl std::error::Error for Captured {}
    impl de::Error for Captured {
        fn custom<T: std::fmt::Display>(_: T) -> Self {
            Captured(Vec::new())
        }
    }

    impl<'de> de::Deserializer<'de> for FieldNames {
        type Error = Captured;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Captured> {
            Err(Captured(Vec::new()))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Captured> {
            Err(Captured(fields.to_vec()))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }

    fn serde_fields<T: de::DeserializeOwned + std::fmt::Debug>() -> Vec<&'static str> {
        match T::deserialize(FieldNames) {
            Err(Captured(f)) => f,
            Ok(v) => unreachable!("{v:?}"),
        }
    }

    /// The object schema at a field path below `root`: `["options"]` → the option.
    fn nested(root: &'static Schema, path: &[&str]) -> &'static Schema {
        path.iter().fold(root, |schema, name| {
            let field = schema.fields.iter().find(|f| f.name == *name).unwrap();
            let mut kind = field.kind;
            loop {
                match kind {
                    Kind::Array(item) => kind = *item,
                    Kind::Object(s) | Kind::Authority(s) => return s,
                    other => panic!("{name} is {other:?}"),
                }
            }
        })
    }

    #[test]
    fn derived_tables_match_the_serde_model() {
        let contract: &'static Schema = &CONTRACT;
        let merger: &'static Schema = &MERGER;
        let change = nested(contract, &["proposed_changes"]);
        let pairs: Vec<(&Schema, Vec<&str>)> = vec![
            (merger, serde_fields::<model::Merger>()),
            (
                nested(merger, &["municipalities"]),
                serde_fields::<model::Municipality>(),
            ),
            (contract, serde_fields::<model::Contract>()),
            (
                nested(contract, &["supplier"]),
                serde_fields::<model::Party>(),
            ),
            (
                nested(contract, &["authorities"]),
                serde_fields::<model::Party>(),
            ),
            (nested(contract, &["award"]), serde_fields::<model::Award>()),
            (
                nested(contract, &["price_index"]),
                serde_fields::<model::PriceIndex>(),
            ),
            (
                nested(contract, &["options"]),
                serde_fields::<model::ContractOption>(),
            ),
            (
                nested(contract, &["change_clauses"]),
                serde_fields::<model::ChangeClause>(),
            ),
            (
                nested(contract, &["termination"]),
                serde_fields::<model::Termination>(),
            ),
            (
                nested(contract, &["modifications"]),
                serde_fields::<model::Modification>(),
            ),
            (change, serde_fields::<model::ProposedChange>()),
            (
                nested(change, &["exercise_option"]),
                serde_fields::<model::OptionUse>(),
            ),
            (
                nested(change, &["new_supplier"]),
                serde_fields::<model::NewSupplier>(),
            ),
            (nested(change, &["nature"]), serde_fields::<model::Nature>()),
            (
                nested(change, &["additional_deliveries"]),
                serde_fields::<model::AdditionalDeliveries>(),
            ),
            (
                nested(change, &["unforeseen"]),
                serde_fields::<model::Unforeseen>(),
            ),
        ];
        for (schema, fields) in pairs {
            let names: Vec<&str> = schema.fields.iter().map(|f| f.name).collect();
            assert_eq!(names, fields, "schema of {}", schema.noun);
        }
    }

    #[test]
    fn derived_kinds_and_nouns() {
        let contract: &'static Schema = &CONTRACT;
        let kind = |s: &Schema, name: &str| s.fields.iter().find(|f| f.name == name).unwrap().kind;
        assert!(matches!(kind(contract, "value"), Kind::Amount));
        assert!(matches!(kind(contract, "start"), Kind::Date));
        assert!(matches!(
            kind(contract, "kind"),
            Kind::Enum(["contract", "framework_agreement"])
        ));
        let option = nested(contract, &["options"]);
        assert_eq!(option.noun, "option");
        assert_eq!(option.doc, "«Contract», `options`");
        assert!(matches!(kind(option, "quantity"), Kind::Quantity));
        assert!(matches!(kind(option, "months"), Kind::Count));
        let change = nested(contract, &["proposed_changes"]);
        assert_eq!(change.doc, "«Proposed change»");
        assert_eq!(
            nested(change, &["new_supplier"]).doc,
            "«Proposed change», `new_supplier`"
        );
        assert_eq!(nested(contract, &["authorities"]).noun, "authority");
        let merger: &'static Schema = &MERGER;
        assert!(matches!(
            kind(merger, "form"),
            Kind::Enum(["new_entity", "annexation"])
        ));
        assert!(
            merger
                .fields
                .iter()
                .find(|f| f.name == "decided")
                .unwrap()
                .required
        );
    }

    #[test]
    fn suggests_the_nearest_field() {
        assert_eq!(closest("titel", &["id", "title"]), Some("title"));
        assert_eq!(closest("valeu", &["value", "values_x"]), Some("value"));
        assert_eq!(closest("zzzzzz", &["id", "title"]), None);
    }
}
