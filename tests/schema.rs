//! The published JSON Schema (`vesentlig schema`) against the shipped example: every file in
//! `contracts/` validates, and typical mistakes do not. The validator is a small walker over the
//! keywords the schema uses (type, properties, required, additionalProperties, items, enum,
//! const, anyOf, oneOf, $ref, format date, pattern of amounts, minimum).

use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};

fn schema(file: &str) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_vesentlig"))
        .args(["schema", file])
        .output()
        .unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Every violation of `schema` by `value`, as JSON paths with a reason.
fn validate(root: &Value, schema: &Value, value: &Value, path: &str, out: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap();
        let target = if r == "#" { root } else { &root["$defs"][name] };
        assert!(!target.is_null(), "unresolved {r}");
        validate(root, target, value, path, out);
    }
    if let Some(types) = schema.get("type") {
        let allowed: Vec<&str> = match types {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let actual = match value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(n) if n.is_u64() || n.is_i64() => "integer",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        };
        let ok = allowed.contains(&actual) || (actual == "integer" && allowed.contains(&"number"));
        if !ok {
            out.push(format!("{path}: {actual} is not {allowed:?}"));
            return;
        }
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array)
        && !values.contains(value)
    {
        out.push(format!("{path}: {value} not in {values:?}"));
    }
    if let Some(c) = schema.get("const")
        && c != value
    {
        out.push(format!("{path}: {value} is not {c}"));
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(alts) = schema.get(key).and_then(Value::as_array) {
            let results: Vec<Vec<String>> = alts
                .iter()
                .map(|a| {
                    let mut errs = Vec::new();
                    validate(root, a, value, path, &mut errs);
                    errs
                })
                .collect();
            let passing = results.iter().filter(|e| e.is_empty()).count();
            let ok = if key == "oneOf" {
                passing == 1
            } else {
                passing >= 1
            };
            if !ok {
                out.push(format!("{path}: {passing} alternatives of {key} match"));
                // Why each alternative failed.
                out.extend(results.into_iter().flatten());
            }
        }
    }
    if let (Some(format), Value::String(s)) = (schema.get("format").and_then(Value::as_str), value)
        && format == "date"
        && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_err()
    {
        out.push(format!("{path}: {s} is not a date"));
    }
    if let (Some(pattern), Value::String(s)) =
        (schema.get("pattern").and_then(Value::as_str), value)
    {
        // The only pattern in the schema is the decimal one of amounts and quantities.
        assert_eq!(pattern, r"^-?\d+(\.\d+)?([eE]\d+)?$");
        if s.parse::<rust_decimal::Decimal>().is_err() {
            out.push(format!("{path}: {s:?} is not a decimal"));
        }
    }
    if let (Some(min), Some(n)) = (
        schema.get("minimum").and_then(Value::as_f64),
        value.as_f64(),
    ) && n < min
    {
        out.push(format!("{path}: {n} < {min}"));
    }
    if let Value::Object(o) = value {
        let props = schema.get("properties").and_then(Value::as_object);
        for req in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let req = req.as_str().unwrap();
            if !o.contains_key(req) {
                out.push(format!("{path}: missing {req}"));
            }
        }
        for (k, v) in o {
            match props.and_then(|p| p.get(k)) {
                Some(s) => validate(root, s, v, &format!("{path}.{k}"), out),
                None if schema.get("additionalProperties") == Some(&json!(false)) => {
                    out.push(format!("{path}.{k}: unknown field"));
                }
                None => {}
            }
        }
    }
    if let (Value::Array(items), Some(s)) = (value, schema.get("items")) {
        for (i, v) in items.iter().enumerate() {
            validate(root, s, v, &format!("{path}[{i}]"), out);
        }
    }
}

fn errors(schema: &Value, value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    validate(schema, schema, value, "$", &mut out);
    out
}

#[test]
fn every_shipped_file_validates() {
    let contract = schema("contract");
    let merger = schema("merger");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("contracts");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let value: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let s = if path.ends_with("merger.json") {
            &merger
        } else {
            &contract
        };
        assert_eq!(
            errors(s, &value),
            Vec::<String>::new(),
            "{}",
            path.display()
        );
        n += 1;
    }
    // merger.json and every contract file: none skipped.
    let json_files = std::fs::read_dir(&dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "json")
        })
        .count();
    assert!(n >= 15 && n == json_files, "{n} of {json_files} files");
}

#[test]
fn typical_mistakes_are_caught() {
    let s = schema("contract");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("contracts");
    let good: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("fjordvik-lonn.json")).unwrap())
            .unwrap();
    let cases = [
        ("/valeu", json!(1), "unknown field"),
        ("/kind", json!("rammeavtale"), "not in"),
        ("/start", json!("2025-02-30"), "not a date"),
        ("/value", json!("12 500 000"), "not a decimal"),
        ("/award/signed", Value::Null, "is not"),
        ("/options/0/months", json!(-1), "< 0"),
    ];
    for (pointer, bad, expected) in cases {
        let mut v = good.clone();
        match v.pointer_mut(pointer) {
            Some(slot) => *slot = bad,
            None => {
                v.as_object_mut()
                    .unwrap()
                    .insert(pointer.trim_start_matches('/').into(), bad);
            }
        }
        let errs = errors(&s, &v);
        assert!(
            errs.iter().any(|e| e.contains(expected)),
            "{pointer}: {errs:?}"
        );
    }
    // An array of contracts is a contract file too.
    assert_eq!(
        errors(&s, &json!([good.clone(), good])),
        Vec::<String>::new()
    );
}
