//! The JSON Schema of the portfolio files, derived from the model types (`schemars`), so that it
//! cannot drift from what the loader accepts. `vesentlig schema` prints it for editors
//! (completion and validation while writing contract files, docs/portfolio-format.md), and the
//! structural pre-pass of `load::schema` reads its field tables from the same document.

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};
use serde_json::{Value, json};

use crate::model::{Contract, Merger};

/// Which file a schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FileKind {
    /// A contract file: one contract object or an array of them.
    Contract,
    /// `merger.json`.
    Merger,
}

/// Where the published schemas say they live (their `$id`); an editor does not fetch it.
const ID_BASE: &str = "https://vesentlig.invalid/schema";

/// The JSON Schema (draft 2020-12) of one kind of portfolio file.
pub fn file_schema(kind: FileKind) -> Value {
    match kind {
        FileKind::Contract => {
            let contract = schema_of::<Contract>();
            let mut defs = take_defs(&contract);
            let mut root = contract.to_value();
            strip_root(&mut root);
            defs.insert("Contract".to_owned(), root);
            json!({
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "$id": format!("{ID_BASE}/contract.json"),
                "title": "vesentlig contract file",
                "description": "One contract object, or an array of contract objects (docs/portfolio-format.md, «Contract»). Amounts are NOK excluding VAT; dates are YYYY-MM-DD.",
                "anyOf": [
                    { "$ref": "#/$defs/Contract" },
                    { "type": "array", "items": { "$ref": "#/$defs/Contract" } }
                ],
                "$defs": defs,
            })
        }
        FileKind::Merger => {
            let merger = schema_of::<Merger>();
            let mut value = merger.to_value();
            if let Some(o) = value.as_object_mut() {
                o.insert("$id".into(), json!(format!("{ID_BASE}/merger.json")));
                o.insert("title".into(), json!("vesentlig merger.json"));
            }
            value
        }
    }
}

/// The schema's text as `vesentlig schema` prints it: pretty JSON and a final newline.
pub fn file_schema_text(kind: FileKind) -> String {
    crate::text::pretty_json(&file_schema(kind))
}

fn schema_of<T: JsonSchema>() -> Schema {
    SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>()
}

fn take_defs(schema: &Schema) -> serde_json::Map<String, Value> {
    schema
        .get("$defs")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

/// A root schema moved into `$defs`: without its `$schema`, `title` and `$defs`.
fn strip_root(v: &mut Value) {
    if let Some(o) = v.as_object_mut() {
        for key in ["$schema", "title", "$defs"] {
            o.remove(key);
        }
    }
}
