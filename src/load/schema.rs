//! A structural pre-pass over the whole syntax tree, before serde: unknown fields, missing
//! required fields, wrong JSON types, invalid enum values, dates and amounts — all of them.
//!
//! Serde stops at the first error in an object, so three misspelled fields in one contract
//! would take three runs to find. This pass reports every one in a single run; serde remains
//! the backstop for anything the schema does not describe. `tests` below keep the field lists
//! in step with the serde model.

use std::ops::Range;
use std::str::FromStr;

use chrono::NaiveDate;
use jsonc_parser::ast::{ObjectPropName, Value};
use rust_decimal::Decimal;

use super::json::field_path;

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
    /// A merger municipality id (string) or an authority outside the merger (object).
    Authority,
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

const fn req(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        required: true,
    }
}

const fn opt(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        required: false,
    }
}

pub const PARTY: Schema = Schema {
    noun: "supplier",
    doc: "«Contract», `supplier`",
    fields: &[req("name", Kind::Str), opt("org_no", Kind::Str)],
};

/// An authority outside the merger: the same fields as a supplier.
pub const AUTHORITY: Schema = Schema {
    noun: "authority",
    doc: "«Contract», `authorities`",
    fields: PARTY.fields,
};

pub const MUNICIPALITY: Schema = Schema {
    noun: "municipality",
    doc: "«merger.json», `municipalities`",
    fields: &[
        req("id", Kind::Str),
        req("name", Kind::Str),
        opt("org_no", Kind::Str),
        opt("continues", Kind::Bool),
    ],
};

pub const MERGER: Schema = Schema {
    noun: "merger",
    doc: "«merger.json»",
    fields: &[
        req("name", Kind::Str),
        opt("org_no", Kind::Str),
        req("form", Kind::Enum(&["new_entity", "annexation"])),
        opt("explored_from", Kind::Date),
        req("decided", Kind::Date),
        req("effective", Kind::Date),
        opt("authority_kind", Kind::Enum(&["sub_central", "central"])),
        req("municipalities", Kind::Array(&Kind::Object(&MUNICIPALITY))),
    ],
};

pub const AWARD: Schema = Schema {
    noun: "award",
    doc: "«Contract», `award`",
    fields: &[
        req(
            "procedure",
            Kind::Enum(&[
                "open",
                "restricted",
                "competitive_negotiation",
                "negotiated_without_notice",
                "direct_award",
                "other",
            ]),
        ),
        req("announced", Kind::Bool),
        opt("notice", Kind::Str),
        req("signed", Kind::Date),
        opt("part", Kind::Enum(&["I", "II", "III"])),
    ],
};

pub const PRICE_INDEX: Schema = Schema {
    noun: "price index",
    doc: "«Contract», `price_index`",
    fields: &[
        req("index", Kind::Str),
        req("adjusted_value", Kind::Amount),
        req("as_of", Kind::Date),
    ],
};

pub const OPTION: Schema = Schema {
    noun: "option",
    doc: "«Contract», `options`",
    fields: &[
        req("id", Kind::Str),
        req("kind", Kind::Enum(&["extension", "volume"])),
        opt("months", Kind::Count),
        opt("exercised", Kind::Bool),
        opt("value", Kind::Amount),
        opt("description", Kind::Str),
        opt("quantity", Kind::Quantity),
        opt("unit", Kind::Str),
        opt("exercised_quantity", Kind::Quantity),
    ],
};

pub const CLAUSE: Schema = Schema {
    noun: "change clause",
    doc: "«Contract», `change_clauses`",
    fields: &[
        req("id", Kind::Str),
        req("text", Kind::Str),
        req(
            "covers",
            Kind::Array(&Kind::Enum(&["volume", "new_authorities", "term", "price"])),
        ),
        opt("max_value", Kind::Amount),
        req("clear_precise_unequivocal", Kind::Bool),
    ],
};

pub const TERMINATION: Schema = Schema {
    noun: "termination",
    doc: "«Contract», `termination`",
    fields: &[
        req("for_convenience", Kind::Bool),
        req("notice_months", Kind::Count),
        req("on_merger", Kind::Bool),
    ],
};

pub const MODIFICATION: Schema = Schema {
    noun: "modification",
    doc: "«Contract», `modifications`",
    fields: &[
        req("date", Kind::Date),
        req("description", Kind::Str),
        req("value_change", Kind::Amount),
        opt("clause", Kind::Str),
        req(
            "ground",
            Kind::Enum(&[
                "option",
                "change_clause",
                "de_minimis",
                "additional_deliveries",
                "unforeseen",
                "supplier_succession",
                "non_substantial",
                "unknown",
            ]),
        ),
    ],
};

pub const OPTION_USE: Schema = Schema {
    noun: "option use",
    doc: "«Proposed change», `exercise_option`",
    fields: &[req("id", Kind::Str), opt("quantity", Kind::Quantity)],
};

pub const NEW_SUPPLIER: Schema = Schema {
    noun: "new supplier",
    doc: "«Proposed change», `new_supplier`",
    fields: &[
        req("name", Kind::Str),
        opt("org_no", Kind::Str),
        req(
            "cause",
            Kind::Enum(&[
                "merger",
                "acquisition",
                "insolvency",
                "restructuring",
                "other",
            ]),
        ),
        req("meets_original_qualifications", Kind::Bool),
    ],
};

pub const NATURE: Schema = Schema {
    noun: "nature",
    doc: "«Proposed change», `nature`",
    fields: &[
        opt("new_kinds_of_deliveries", Kind::Bool),
        opt(
            "price_terms",
            Kind::Enum(&["unchanged", "favour_supplier", "favour_buyer"]),
        ),
        opt("relaxes_requirements", Kind::Bool),
        opt("shifts_risk_to_buyer", Kind::Bool),
    ],
};

pub const ADDITIONAL_DELIVERIES: Schema = Schema {
    noun: "additional deliveries",
    doc: "«Proposed change», `additional_deliveries`",
    fields: &[
        req("change_of_supplier_impossible", Kind::Bool),
        req("significant_inconvenience_or_cost", Kind::Bool),
        req("reason", Kind::Str),
    ],
};

pub const UNFORESEEN: Schema = Schema {
    noun: "unforeseen",
    doc: "«Proposed change», `unforeseen`",
    fields: &[req("circumstance", Kind::Str), opt("arose", Kind::Date)],
};

pub const PROPOSED_CHANGE: Schema = Schema {
    noun: "proposed change",
    doc: "«Proposed change»",
    fields: &[
        req("id", Kind::Str),
        req("description", Kind::Str),
        req("date", Kind::Date),
        opt("value_change", Kind::Amount),
        opt("new_end", Kind::Date),
        opt("add_authorities", Kind::Array(&Kind::Str)),
        opt("exercise_option", Kind::Object(&OPTION_USE)),
        opt("under_clause", Kind::Str),
        opt("new_supplier", Kind::Object(&NEW_SUPPLIER)),
        opt("nature", Kind::Object(&NATURE)),
        opt(
            "additional_deliveries",
            Kind::Object(&ADDITIONAL_DELIVERIES),
        ),
        opt("unforeseen", Kind::Object(&UNFORESEEN)),
    ],
};

pub const CONTRACT: Schema = Schema {
    noun: "contract",
    doc: "«Contract»",
    fields: &[
        req("id", Kind::Str),
        req("title", Kind::Str),
        opt("service_area", Kind::Str),
        opt("system", Kind::Str),
        req("authorities", Kind::Array(&Kind::Authority)),
        req("supplier", Kind::Object(&PARTY)),
        req("kind", Kind::Enum(&["contract", "framework_agreement"])),
        req("subject", Kind::Enum(&["supplies", "services", "works"])),
        req("character", Kind::Enum(&["standard", "complex"])),
        req("award", Kind::Object(&AWARD)),
        req("start", Kind::Date),
        req("end", Kind::Date),
        req("value", Kind::Amount),
        opt("value_is_estimate", Kind::Bool),
        opt("annual_value", Kind::Amount),
        opt("price_index", Kind::Object(&PRICE_INDEX)),
        opt("options", Kind::Array(&Kind::Object(&OPTION))),
        opt("change_clauses", Kind::Array(&Kind::Object(&CLAUSE))),
        opt("termination", Kind::Object(&TERMINATION)),
        opt("modifications", Kind::Array(&Kind::Object(&MODIFICATION))),
        opt(
            "proposed_changes",
            Kind::Array(&Kind::Object(&PROPOSED_CHANGE)),
        ),
    ],
};

/// Checks `value` at `path` against `kind`, appending every problem found.
pub fn check(value: &Value<'_>, path: &str, kind: Kind, out: &mut Vec<Problem>) {
    match (kind, value) {
        (Kind::Str, Value::StringLit(_))
        | (Kind::Bool, Value::BooleanLit(_))
        | (Kind::Authority, Value::StringLit(_)) => {}
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
        (Kind::Authority, Value::Object(_)) => check_object(value, path, &AUTHORITY, out),
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
                let optional_null = !field.required && matches!(prop.value, Value::NullKeyword(_));
                if !optional_null {
                    check(&prop.value, &child, field.kind, out);
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
        Kind::Authority => "\"fjordvik\"".into(),
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
        Kind::Authority => {
            "a municipality id from merger.json or an object { \"name\", \"org_no\" }".into()
        }
    }
}

fn plural(kind: Kind) -> String {
    match kind {
        Kind::Str => "strings".into(),
        Kind::Object(schema) => format!("{} objects", schema.noun),
        Kind::Authority => "authorities (municipality ids or { \"name\", \"org_no\" })".into(),
        Kind::Enum(_) => format!("values, each {}", describe(kind)),
        other => format!("values, each {}", describe(other)),
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

    #[test]
    fn schema_matches_the_serde_model() {
        let pairs: Vec<(&Schema, Vec<&str>)> = vec![
            (&MERGER, serde_fields::<model::Merger>()),
            (&MUNICIPALITY, serde_fields::<model::Municipality>()),
            (&CONTRACT, serde_fields::<model::Contract>()),
            (&PARTY, serde_fields::<model::Party>()),
            (&AWARD, serde_fields::<model::Award>()),
            (&PRICE_INDEX, serde_fields::<model::PriceIndex>()),
            (&OPTION, serde_fields::<model::ContractOption>()),
            (&CLAUSE, serde_fields::<model::ChangeClause>()),
            (&TERMINATION, serde_fields::<model::Termination>()),
            (&MODIFICATION, serde_fields::<model::Modification>()),
            (&PROPOSED_CHANGE, serde_fields::<model::ProposedChange>()),
            (&OPTION_USE, serde_fields::<model::OptionUse>()),
            (&NEW_SUPPLIER, serde_fields::<model::NewSupplier>()),
            (&NATURE, serde_fields::<model::Nature>()),
            (
                &ADDITIONAL_DELIVERIES,
                serde_fields::<model::AdditionalDeliveries>(),
            ),
            (&UNFORESEEN, serde_fields::<model::Unforeseen>()),
        ];
        for (schema, fields) in pairs {
            let names: Vec<&str> = schema.fields.iter().map(|f| f.name).collect();
            assert_eq!(names, fields, "schema of {}", schema.noun);
        }
    }

    #[test]
    fn suggests_the_nearest_field() {
        assert_eq!(closest("titel", &["id", "title"]), Some("title"));
        assert_eq!(closest("valeu", &["value", "values_x"]), Some("value"));
        assert_eq!(closest("zzzzzz", &["id", "title"]), None);
    }
}
