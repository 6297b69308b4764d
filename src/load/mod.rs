//! Reads a portfolio folder: `merger.json`, every contract file, and the project's optional
//! extension files, into the model, keeping the source text and spans for diagnostics.
//!
//! Files are read in parallel and assembled in path order. A contract file or merger.json is
//! first parsed by serde_json straight into the model (the fast path: a valid portfolio never
//! pays for positions). A file the fast path does not accept, and every other file, goes
//! through three steps: the JSON syntax (with a nesting limit), the structural pre-pass of
//! `schema` (every unknown or missing field, wrong type, bad date or amount in the whole
//! file), then serde over the spanned tree into the model. Both paths read amounts and dates
//! through `exact`, so they give the same model. `validate` then checks the facts; a file read
//! on the fast path gets its spans only if a diagnostic points into it.

pub mod exact;
pub mod json;
pub mod schema;
pub mod thresholds;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use jsonc_parser::ast::Value;
use rayon::prelude::*;

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
    let (mut loaded, mut diagnostics, fast) = read(dir);
    diagnostics.extend(crate::validate::validate(
        &loaded.portfolio,
        &loaded.sources,
        &loaded.thresholds,
    ));
    // The text of a file read on the fast path was kept only to place diagnostics: it stays,
    // with its spans now indexed, where a diagnostic points into it.
    let pointed: BTreeSet<&Path> = diagnostics.iter().map(|d| d.file.as_path()).collect();
    let sources = &mut loaded.sources.files;
    sources.retain(|path, _| !fast.contains(path) || pointed.contains(path.as_path()));
    for (_, source) in sources.iter_mut().filter(|(path, _)| fast.contains(*path)) {
        if let Ok(ast) = json::parse(&source.text) {
            json::index_spans(&ast, "$", &mut source.spans);
        }
    }
    if diagnostics.is_empty() {
        return Ok(loaded);
    }
    let mut report = Report {
        diagnostics,
        sources: loaded.sources,
    };
    report.sort();
    Err(report)
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

/// Reads every file of the portfolio, in parallel, and assembles them in path order. Returns
/// what could be read, the problems found, and the files read on the fast path (whose spans
/// are not indexed). A contract that cannot be read is left out of the portfolio.
fn read(dir: &Path) -> (Loaded, Vec<Diagnostic>, BTreeSet<PathBuf>) {
    let mut loaded = Loaded::default();
    loaded.portfolio.root = dir.to_path_buf();
    let mut diagnostics = Vec::new();
    let mut fast = BTreeSet::new();

    let files = match json_files(dir) {
        Ok(files) => files,
        Err(e) => {
            diagnostics.push(
                Diagnostic::new(dir, "$", format!("cannot read the portfolio folder: {e}"))
                    .help("give a folder that holds merger.json and the contract files (*.json)"),
            );
            return (loaded, diagnostics, fast);
        }
    };
    if files.is_empty() {
        diagnostics.push(
            Diagnostic::new(dir, "$", "the portfolio folder holds no .json files")
                .help("put merger.json and one file per contract (*.json) in the folder; see docs/portfolio-format.md"),
        );
    }

    let read: Vec<FileRead> = files
        .into_par_iter()
        .map(|file| read_file(file, dir))
        .collect();
    for f in read {
        diagnostics.extend(f.diagnostics);
        loaded.portfolio.contracts.extend(f.contracts);
        if let Some(m) = f.merger {
            loaded.portfolio.merger = Some(m);
        }
        if let Some(t) = f.thresholds {
            loaded.thresholds = t;
        }
        if f.fast {
            fast.insert(f.file.clone());
        }
        if let Some(source) = f.source {
            loaded.sources.files.insert(f.file, source);
        }
    }
    (loaded, diagnostics, fast)
}

/// What one file gave.
#[derive(Default)]
struct FileRead {
    file: PathBuf,
    /// The text and spans; `None` when the file could not be read at all.
    source: Option<SourceFile>,
    /// Read on the fast path: no spans indexed.
    fast: bool,
    contracts: Vec<Contract>,
    merger: Option<Merger>,
    thresholds: Option<Thresholds>,
    diagnostics: Vec<Diagnostic>,
}

/// Reads one file: straight into the model when it is a valid contract file or merger.json,
/// else through the span-preserving path, which gives every problem with its position.
fn read_file(file: PathBuf, dir: &Path) -> FileRead {
    let role = role(&file, dir);
    let mut out = FileRead {
        file,
        ..Default::default()
    };
    let text = match fs::read_to_string(&out.file) {
        // Editors on Windows may save a byte-order mark; it is not part of the JSON.
        Ok(t) => match t.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_owned(),
            None => t,
        },
        Err(e) => {
            out.diagnostics.push(
                Diagnostic::new(&out.file, "$", format!("cannot read the file: {e}"))
                    .help("save the file as UTF-8 JSON"),
            );
            return out;
        }
    };
    if read_fast(&text, role, &mut out) {
        out.fast = true;
        out.source = Some(SourceFile {
            text,
            ..Default::default()
        });
    } else {
        out.source = Some(read_spanned(text, role, &mut out));
    }
    out
}

/// The fast path: serde_json straight into the model, for contract files and merger.json.
/// Anything it does not accept (a syntax error, an unknown field, an amount or date the
/// pre-pass would refuse) leaves `out` untouched and returns false; the file then goes through
/// [`read_spanned`], so its diagnostics are the same whichever path was tried first.
fn read_fast(text: &str, role: Role, out: &mut FileRead) -> bool {
    let first = text.trim_start().as_bytes().first().copied();
    let origin = |path: String| Origin {
        file: out.file.clone(),
        path,
    };
    match (role, first) {
        (Role::Contracts, Some(b'{')) => {
            let Ok(mut c) = serde_json::from_str::<Contract>(text) else {
                return false;
            };
            c.origin = origin("$".into());
            out.contracts.push(c);
        }
        (Role::Contracts, Some(b'[')) => {
            let Ok(mut contracts) = serde_json::from_str::<Vec<Contract>>(text) else {
                return false;
            };
            for (i, c) in contracts.iter_mut().enumerate() {
                c.origin = origin(format!("$[{i}]"));
            }
            out.contracts = contracts;
        }
        (Role::Merger, Some(b'{')) => {
            let Ok(mut m) = serde_json::from_str::<Merger>(text) else {
                return false;
            };
            m.origin = origin("$".into());
            out.merger = Some(m);
        }
        _ => return false,
    }
    true
}

/// The span-preserving path: the JSON syntax (with a nesting limit), the structural pre-pass
/// of `schema`, then serde over the spanned tree; every problem with its JSON path and span.
fn read_spanned(text: String, role: Role, out: &mut FileRead) -> SourceFile {
    let mut source = SourceFile {
        text,
        ..Default::default()
    };
    let (text, file) = (&source.text, &out.file);
    let diagnostics = &mut out.diagnostics;
    if let Some(at) = json::nesting_exceeds(text, MAX_NESTING) {
        diagnostics.push(
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
        diagnostics
            .push(Diagnostic::new(file, "$", "the file is empty").help(empty_file_help(role)));
        return source;
    }
    if let Err(e) = json::check_strict(text) {
        diagnostics.push(
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
            diagnostics.push(
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
                out.merger = read_merger(&ast, file, diagnostics);
            }
        }
        Role::Thresholds => {
            if !flagged("$") {
                let (t, d) = thresholds::read(&ast, file);
                out.thresholds = Some(t);
                diagnostics.extend(d);
            }
        }
        Role::Contracts => {
            for (value, path) in contract_items(&ast) {
                if !flagged(&path) {
                    out.contracts
                        .extend(read_contract(value, path, file, diagnostics));
                }
            }
        }
        Role::Planning => {}
    }
    diagnostics.extend(problems.into_iter().map(|p| {
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

fn read_merger(ast: &Value<'_>, file: &Path, out: &mut Vec<Diagnostic>) -> Option<Merger> {
    match json::from_node::<Merger>(ast, "$") {
        Ok(mut m) => {
            m.origin = Origin {
                file: file.to_path_buf(),
                path: "$".into(),
            };
            Some(m)
        }
        Err(e) => {
            out.push(de_error(
                file,
                e,
                "see docs/portfolio-format.md, «merger.json»",
            ));
            None
        }
    }
}

fn read_contract(
    value: &Value<'_>,
    path: String,
    file: &Path,
    out: &mut Vec<Diagnostic>,
) -> Option<Contract> {
    match json::from_node::<Contract>(value, &path) {
        Ok(mut c) => {
            c.origin = Origin {
                file: file.to_path_buf(),
                path,
            };
            Some(c)
        }
        Err(e) => {
            out.push(de_error(
                file,
                e,
                "see docs/portfolio-format.md, «Contract»",
            ));
            None
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Both paths over every file of `dir`: the fast path must accept each file and give the
    /// model the spanned path gives.
    fn assert_paths_agree(dir: &Path) {
        for file in json_files(dir).unwrap() {
            let role = role(&file, dir);
            if !matches!(role, Role::Contracts | Role::Merger) {
                continue;
            }
            let text = fs::read_to_string(&file).unwrap();
            let mut fast = FileRead {
                file: file.clone(),
                ..Default::default()
            };
            let mut spanned = FileRead {
                file: file.clone(),
                ..Default::default()
            };
            assert!(read_fast(&text, role, &mut fast), "{}", file.display());
            read_spanned(text, role, &mut spanned);
            assert!(spanned.diagnostics.is_empty(), "{:?}", spanned.diagnostics);
            assert_eq!(
                format!("{:?}", (&fast.contracts, &fast.merger)),
                format!("{:?}", (&spanned.contracts, &spanned.merger)),
                "{}",
                file.display()
            );
        }
    }

    #[test]
    fn both_paths_give_the_same_model() {
        assert_paths_agree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("contracts"));
        let tmp = tempfile::tempdir().unwrap();
        let spec = crate::synthetic::Spec {
            per_file: 100,
            ..crate::synthetic::Spec::new(300, 7)
        };
        crate::synthetic::generate(&spec, tmp.path()).unwrap();
        assert_paths_agree(tmp.path());
    }

    #[test]
    fn a_file_the_fast_path_refuses_is_left_untouched() {
        let mut out = FileRead::default();
        let text = r#"[{ "id": "a" }]"#;
        assert!(!read_fast(text, Role::Contracts, &mut out));
        assert!(out.contracts.is_empty() && out.diagnostics.is_empty());
        assert!(!read_fast("{}", Role::Thresholds, &mut out));
    }

    #[test]
    fn paths_nest_by_segment() {
        assert!(within("$[1].id", "$[1]"));
        assert!(within("$[1]", "$[1]"));
        assert!(!within("$[10].id", "$[1]"));
        assert!(within("$.a", "$"));
    }
}
