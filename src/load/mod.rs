//! Reads a portfolio folder: `merger.json`, every contract file, and the project's optional
//! extension files, into the model, keeping the source text and spans for diagnostics.
//!
//! Each file goes through three steps: the JSON syntax (with a nesting limit), the structural
//! pre-pass of `schema` (every unknown or missing field, wrong type, bad date or amount in
//! the whole file), then serde into the model. `validate` then checks the facts.

pub mod json;
pub mod schema;
pub mod thresholds;

use std::fs;
use std::path::{Path, PathBuf};

use jsonc_parser::ast::Value;

use crate::diagnostics::{Diagnostic, Report, SourceFile, Sources};
use crate::model::{Contract, Merger, Origin, Portfolio};
use crate::thresholds::Thresholds;

/// The merger file at the portfolio's root.
pub const MERGER_FILE: &str = "merger.json";
/// The planner's extension file at the portfolio's root (see docs/planning.md); not read here.
pub const PLANNING_FILE: &str = "planning.json";
/// Root files that are not contracts: the merger and the project's documented extensions.
pub const NON_CONTRACT_FILES: [&str; 3] = [MERGER_FILE, PLANNING_FILE, thresholds::THRESHOLDS_FILE];

/// Deeper JSON than this is refused before parsing (no real portfolio nests more than ~6 levels;
/// the limit keeps recursive code far from the stack's end).
pub const MAX_NESTING: usize = 64;

/// A portfolio read from disk together with the sources its diagnostics point into.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub portfolio: Portfolio,
    pub sources: Sources,
    /// The built-in threshold table, with the periods of `thresholds.json` when present.
    pub thresholds: Thresholds,
}

/// Loads and validates a portfolio: the entry point of every command. All problems of all
/// files are collected in one report, sorted by file and position.
pub fn load_checked(dir: &Path) -> Result<Loaded, Report> {
    let (loaded, mut diagnostics) = load(dir);
    diagnostics.extend(crate::validate::validate(
        &loaded.portfolio,
        &loaded.sources,
        &loaded.thresholds,
    ));
    if diagnostics.is_empty() {
        Ok(loaded)
    } else {
        let mut report = Report {
            diagnostics,
            sources: loaded.sources,
        };
        report.sort();
        Err(report)
    }
}

const SYNTAX_HELP: &str = "fix the syntax at the position shown (strict JSON: commas between items, none after the last, keys and strings in double quotes, no comments)";

/// What a file at the portfolio root or below is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Merger,
    Thresholds,
    /// Read by the planner (docs/planning.md), not by the loader.
    Planning,
    Contracts,
}

fn role(file: &Path, dir: &Path) -> Role {
    let at_root =
        |name: &str| file.parent() == Some(dir) && file.file_name().is_some_and(|n| n == name);
    if at_root(MERGER_FILE) {
        Role::Merger
    } else if at_root(thresholds::THRESHOLDS_FILE) {
        Role::Thresholds
    } else if at_root(PLANNING_FILE) {
        Role::Planning
    } else {
        Role::Contracts
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
    if files.is_empty() {
        diagnostics.push(
            Diagnostic::new(dir, "$", "the portfolio folder holds no .json files")
                .help("put merger.json and one file per contract (*.json) in the folder; see docs/portfolio-format.md"),
        );
    }

    for file in files {
        let text = match fs::read_to_string(&file) {
            // Editors on Windows may save a byte-order mark; it is not part of the JSON.
            Ok(t) => t.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(t),
            Err(e) => {
                diagnostics.push(
                    Diagnostic::new(&file, "$", format!("cannot read the file: {e}"))
                        .help("save the file as UTF-8 JSON"),
                );
                continue;
            }
        };
        let source = read_file(
            &text,
            &file,
            role(&file, dir),
            &mut loaded,
            &mut diagnostics,
        );
        loaded.sources.files.insert(file, source);
    }
    (loaded, diagnostics)
}

/// Parses one file and reads it according to its role; returns its text and spans.
fn read_file(
    text: &str,
    file: &Path,
    role: Role,
    loaded: &mut Loaded,
    out: &mut Vec<Diagnostic>,
) -> SourceFile {
    let mut source = SourceFile {
        text: text.to_owned(),
        ..Default::default()
    };
    if let Some(at) = json::nesting_exceeds(text, MAX_NESTING) {
        out.push(
            Diagnostic::new(
                file,
                "$",
                format!("JSON nested more than {MAX_NESTING} levels deep"),
            )
            .at(at..at + 1)
            .help("a portfolio file nests a few levels at most; check for runaway brackets"),
        );
        return source;
    }
    if text.trim().is_empty() {
        out.push(Diagnostic::new(file, "$", "the file is empty").help(empty_file_help(role)));
        return source;
    }
    if let Err(e) = json::check_strict(text) {
        out.push(
            Diagnostic::new(file, "$", format!("invalid JSON: {}", e.message))
                .at(e.offset..e.offset + 1)
                .help(SYNTAX_HELP),
        );
        return source;
    }
    let ast = match json::parse(text) {
        Ok(ast) => ast,
        Err(e) => {
            let r = e.range();
            out.push(
                Diagnostic::new(file, "$", format!("invalid JSON: {}", e.kind()))
                    .at(r.start..r.end)
                    .help(SYNTAX_HELP),
            );
            return source;
        }
    };
    json::index_spans(&ast, "$", &mut source.spans);
    if role == Role::Planning {
        return source;
    }
    let problems = prepass(&ast, role);
    let flagged = |path: &str| problems.iter().any(|p| within(&p.path, path));
    match role {
        Role::Merger => {
            if !flagged("$") {
                read_merger(&ast, file, &mut loaded.portfolio, out);
            }
        }
        Role::Thresholds => {
            if !flagged("$") {
                let (t, d) = thresholds::read(&ast, file);
                loaded.thresholds = t;
                out.extend(d);
            }
        }
        Role::Contracts => {
            for (value, path) in contract_items(&ast) {
                if !flagged(&path) {
                    read_contract(value, path, file, &mut loaded.portfolio, out);
                }
            }
        }
        Role::Planning => {}
    }
    out.extend(problems.into_iter().map(|p| {
        let d = Diagnostic::new(file, p.path, p.message).help(p.help);
        match p.span {
            Some(s) => d.at(s),
            None => d,
        }
    }));
    source
}

fn empty_file_help(role: Role) -> &'static str {
    match role {
        Role::Merger => {
            "describe the merger here, or delete the file if there is none (docs/portfolio-format.md, «merger.json»)"
        }
        Role::Thresholds => {
            "give `{ \"periods\": [ … ] }`, or delete the file to use the built-in table"
        }
        Role::Planning => {
            "give the planning settings (docs/planning.md), or delete the file to use the defaults"
        }
        Role::Contracts => {
            "write one contract object, or an array of contract objects, or delete the file"
        }
    }
}

/// The structural pre-pass for a file of `role`.
fn prepass(ast: &Value<'_>, role: Role) -> Vec<schema::Problem> {
    let mut problems = Vec::new();
    match role {
        Role::Merger => schema::check(ast, "$", schema::Kind::Object(&schema::MERGER), &mut problems),
        Role::Thresholds => {
            schema::check(ast, "$", schema::Kind::Object(&thresholds::FILE), &mut problems)
        }
        Role::Contracts => match ast {
            Value::Object(_) | Value::Array(_) => {
                for (value, path) in contract_items(ast) {
                    schema::check(value, &path, schema::Kind::Object(&schema::CONTRACT), &mut problems);
                }
            }
            other => problems.push(schema::Problem {
                path: "$".into(),
                span: None,
                message: format!(
                    "expected a contract object or an array of contracts, found {}",
                    schema::found(other)
                ),
                help: "a contract file holds one contract object `{ … }` or an array of them `[ { … }, { … } ]`".into(),
            }),
        },
        Role::Planning => {}
    }
    problems
}

/// Whether `path` is `parent` or lies below it (`$[1].id` is below `$[1]`, `$[10]` is not).
fn within(path: &str, parent: &str) -> bool {
    path.strip_prefix(parent)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

/// A contract file holds one contract object or an array of them; each is read on its own so
/// that one bad contract does not hide the problems of the others.
fn contract_items<'v, 'a>(ast: &'v Value<'a>) -> Vec<(&'v Value<'a>, String)> {
    match ast {
        Value::Array(a) => a
            .elements
            .iter()
            .enumerate()
            .map(|(i, v)| (v, format!("$[{i}]")))
            .collect(),
        other => vec![(other, "$".to_owned())],
    }
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

fn read_contract(
    value: &Value<'_>,
    path: String,
    file: &Path,
    portfolio: &mut Portfolio,
    out: &mut Vec<Diagnostic>,
) {
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

#[cfg(test)]
mod tests {
    use super::within;

    #[test]
    fn paths_nest_by_segment() {
        assert!(within("$[1].id", "$[1]"));
        assert!(within("$[1]", "$[1]"));
        assert!(!within("$[10].id", "$[1]"));
        assert!(within("$.a", "$"));
    }
}
