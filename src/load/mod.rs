//! Reads a portfolio folder: `merger.json`, every contract file, and the project's optional
//! extension files, into the model, keeping the source text and spans for diagnostics.

pub mod json;

use std::fs;
use std::path::{Path, PathBuf};

use jsonc_parser::ast::Value;

use crate::diagnostics::{Diagnostic, Report, SourceFile, Sources};
use crate::model::{Contract, Merger, Origin, Portfolio};

/// The merger file at the portfolio's root.
pub const MERGER_FILE: &str = "merger.json";
/// Root files that are not contracts: the merger and the project's documented extensions.
pub const NON_CONTRACT_FILES: [&str; 3] = [MERGER_FILE, "planning.json", "thresholds.json"];

/// A portfolio read from disk together with the sources its diagnostics point into.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub portfolio: Portfolio,
    pub sources: Sources,
}

/// Loads and validates a portfolio: the entry point of every command. All problems of all
/// files are collected in one report.
pub fn load_checked(dir: &Path) -> Result<Loaded, Report> {
    let (loaded, mut diagnostics) = load(dir);
    diagnostics.extend(crate::validate::validate(
        &loaded.portfolio,
        &loaded.sources,
    ));
    if diagnostics.is_empty() {
        Ok(loaded)
    } else {
        Err(Report {
            diagnostics,
            sources: loaded.sources,
        })
    }
}

/// Reads every file of the portfolio. Returns what could be read and the problems found;
/// a contract that cannot be read is left out of the portfolio.
pub fn load(dir: &Path) -> (Loaded, Vec<Diagnostic>) {
    let mut loaded = Loaded::default();
    loaded.portfolio.root = dir.to_path_buf();
    let mut diagnostics = Vec::new();

    let files = match json_files(dir) {
        Ok(files) => files,
        Err(e) => {
            diagnostics.push(
                Diagnostic::new(dir, "$", format!("cannot read the portfolio folder: {e}"))
                    .help("give a folder that holds merger.json and the contract files (*.json)"),
            );
            return (loaded, diagnostics);
        }
    };

    for file in files {
        let text = match fs::read_to_string(&file) {
            Ok(t) => t,
            Err(e) => {
                diagnostics.push(
                    Diagnostic::new(&file, "$", format!("cannot read the file: {e}"))
                        .help("a UTF-8 JSON file"),
                );
                continue;
            }
        };
        let is_root_file =
            |name: &str| file.parent() == Some(dir) && file.file_name().is_some_and(|n| n == name);
        let mut source = SourceFile {
            text,
            ..Default::default()
        };
        match json::parse(&source.text) {
            Err(e) => {
                let r = e.range();
                source.spans.insert("$".into(), r.start..r.end);
                diagnostics.push(
                    Diagnostic::new(&file, "$", format!("invalid JSON: {}", e.kind()))
                        .help("fix the syntax at the position shown"),
                );
            }
            Ok(ast) => {
                json::index_spans(&ast, "$", &mut source.spans);
                if is_root_file(MERGER_FILE) {
                    read_merger(&ast, &file, &mut loaded.portfolio, &mut diagnostics);
                } else if !NON_CONTRACT_FILES.iter().any(|n| is_root_file(n)) {
                    read_contracts(&ast, &file, &mut loaded.portfolio, &mut diagnostics);
                }
            }
        }
        loaded.sources.files.insert(file, source);
    }
    (loaded, diagnostics)
}

fn read_merger(ast: &Value<'_>, file: &Path, portfolio: &mut Portfolio, out: &mut Vec<Diagnostic>) {
    match json::from_node::<Merger>(ast, "$") {
        Ok(mut m) => {
            m.origin = Origin {
                file: file.to_path_buf(),
                path: "$".into(),
            };
            portfolio.merger = Some(m);
        }
        Err(e) => out.push(de_error(
            file,
            e,
            "see docs/portfolio-format.md, «merger.json»",
        )),
    }
}

/// A contract file holds one contract object or an array of them; each is read on its own so
/// that one bad contract does not hide the problems of the others.
fn read_contracts(
    ast: &Value<'_>,
    file: &Path,
    portfolio: &mut Portfolio,
    out: &mut Vec<Diagnostic>,
) {
    let items: Vec<(&Value<'_>, String)> = match ast {
        Value::Array(a) => a
            .elements
            .iter()
            .enumerate()
            .map(|(i, v)| (v, format!("$[{i}]")))
            .collect(),
        other => vec![(other, "$".to_owned())],
    };
    for (value, path) in items {
        match json::from_node::<Contract>(value, &path) {
            Ok(mut c) => {
                c.origin = Origin {
                    file: file.to_path_buf(),
                    path,
                };
                portfolio.contracts.push(c);
            }
            Err(e) => out.push(de_error(
                file,
                e,
                "see docs/portfolio-format.md, «Contract»",
            )),
        }
    }
}

fn de_error(file: &Path, e: json::DeError, help: &str) -> Diagnostic {
    Diagnostic::new(file, e.path.unwrap_or_else(|| "$".into()), e.message).help(help)
}

/// Every `*.json` file below `dir`, sorted by path so that loading is deterministic.
fn json_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}
