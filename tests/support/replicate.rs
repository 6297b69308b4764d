//! A large synthetic portfolio: the shipped example (`contracts/`, 22 contracts, 31 assessed
//! changes) copied `copies` times into a temporary folder with fresh ids (`k{n}-…`), so the
//! figures reflect a merger of many municipalities' contracts. Shared by the tests (through
//! `support`) and the benchmarks (`#[path]`), so every measurement uses the same portfolio.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

/// Assessed changes per copy of the shipped example (28 proposed changes, 3 implicit transfers;
/// `tests/example_portfolio.rs` holds the example to these counts).
pub const MEMOS_PER_COPY: usize = 31;

/// Contracts per copy of the shipped example.
pub const CONTRACTS_PER_COPY: usize = 22;

/// Copies `contracts/` `copies` times into a temporary folder, prefixing every contract id.
/// The folder lives as long as the returned `TempDir`.
pub fn replicated_portfolio(copies: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().to_path_buf();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("contracts");
    fs::copy(src.join("merger.json"), root.join("merger.json")).expect("merger");
    for entry in fs::read_dir(&src).expect("contracts/") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        if !name.ends_with(".json") || name == "merger.json" {
            continue;
        }
        let text = fs::read_to_string(&path).expect("read");
        for k in 0..copies {
            let mut json: serde_json::Value = serde_json::from_str(&text).expect("json");
            let contracts = match &mut json {
                serde_json::Value::Array(items) => items.iter_mut().collect::<Vec<_>>(),
                one => vec![one],
            };
            for contract in contracts {
                if let Some(id) = contract
                    .get("id")
                    .and_then(|v| v.as_str())
                    .map(str::to_owned)
                {
                    contract["id"] = serde_json::Value::String(format!("k{k}-{id}"));
                }
            }
            fs::write(root.join(format!("k{k}-{name}")), json.to_string()).expect("write");
        }
    }
    (dir, root)
}
