//! `vesentlig check`: load and validate the portfolio and the planner's `planning.json`, print
//! every error, or a one-line summary when all is sound.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use super::args::CheckArgs;
use crate::diagnostics::SourceFile;
use crate::load::{Loaded, PLANNING_FILE};
use crate::plan::lead_time;

pub fn run(args: &CheckArgs) -> ExitCode {
    let planning = lead_time::load_config(&args.portfolio).err();
    match (crate::load::load_checked(&args.portfolio), planning) {
        (Ok(loaded), None) => {
            println!("{}", summary(&args.portfolio, &loaded));
            for note in notes(&loaded) {
                eprintln!("{note}");
            }
            super::leave_to_exit(loaded);
            ExitCode::SUCCESS
        }
        (Ok(_), Some(report)) => super::fail(&report),
        (Err(mut report), planning) => {
            if let Some(p) = planning {
                report.merge_unreported(p);
            }
            super::fail(&report)
        }
    }
}

/// "contracts: 12 contracts, 9 proposed changes, merger Nye Fjordvik kommune, thresholds …: OK"
fn summary(dir: &Path, loaded: &Loaded) -> String {
    let p = &loaded.portfolio;
    let changes: usize = p.contracts.iter().map(|c| c.proposed_changes.len()).sum();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let newest = loaded
        .thresholds
        .periods()
        .last()
        .map_or_else(|| "none".to_owned(), |t| t.from.to_string());
    let has = |name: &str| loaded.sources.files.contains_key(&dir.join(name));
    let extensions: Vec<&str> = [crate::load::thresholds::THRESHOLDS_FILE, PLANNING_FILE]
        .into_iter()
        .filter(|f| has(f))
        .collect();
    let with = if extensions.is_empty() {
        String::new()
    } else {
        format!(" (with {})", extensions.join(", "))
    };
    format!(
        "{}: {}, {}, merger {}, thresholds up to the period from {newest}{with}: OK",
        crate::diagnostics::display_path(dir),
        plural(p.contracts.len(), "contract", "contracts"),
        plural(changes, "proposed change", "proposed changes"),
        p.merger.as_ref().map_or("none", |m| m.name.as_str()),
    )
}

/// At most this many notes are printed; the rest are counted.
const NOTES_SHOWN: usize = 20;

/// Notes on a sound portfolio: valid facts on which the engine cannot rely on a ground. A
/// § 28-2 marker whose value is not stated is never taken as zero, so de minimis (FOA § 28-1
/// (1) b) cannot cover that change until `nature.estimated_value` is given (legal-rules.md § 3).
fn notes(loaded: &Loaded) -> Vec<String> {
    let unvalued: Vec<(&crate::model::Contract, usize)> = loaded
        .portfolio
        .contracts
        .iter()
        .flat_map(|c| {
            c.proposed_changes
                .iter()
                .enumerate()
                .filter(|(_, ch)| {
                    ch.nature.has_valued_marker() && ch.nature.estimated_value.is_none()
                })
                .map(move |(i, _)| (c, i))
        })
        .collect();
    // Files are read on the fast path without positions: read again only those noted.
    let mut spanned: BTreeMap<&Path, Option<SourceFile>> = BTreeMap::new();
    let mut out: Vec<String> = unvalued
        .iter()
        .take(NOTES_SHOWN)
        .map(|&(c, i)| {
            let path = c.origin.field(&format!(".proposed_changes[{i}].nature"));
            let source = spanned
                .entry(c.origin.file.as_path())
                .or_insert_with(|| with_spans(&c.origin.file));
            let at = source
                .as_ref()
                .and_then(|s| Some(s.line_col(s.span(&path)?.start)))
                .map_or_else(String::new, |(line, col)| format!(":{line}:{col}"));
            format!(
                "note: {}{at}: {path}: change `{}` of `{}` has a § 28-2 marker but no `estimated_value`; de minimis (FOA § 28-1 (1) b) cannot cover it until the value of its non-price elements is stated (an unknown value is never taken as zero)",
                crate::diagnostics::display_path(&c.origin.file),
                c.proposed_changes[i].id,
                c.id,
            )
        })
        .collect();
    if unvalued.len() > NOTES_SHOWN {
        out.push(format!(
            "note: … and {} more changes with a § 28-2 marker but no `estimated_value`",
            unvalued.len() - NOTES_SHOWN
        ));
    }
    out
}

/// A file's text with the span of every JSON path, or `None` if it cannot be read again.
fn with_spans(file: &Path) -> Option<SourceFile> {
    let text = std::fs::read_to_string(file).ok()?;
    let mut spans = BTreeMap::new();
    crate::load::json::index_spans(&crate::load::json::parse(&text).ok()?, "$", &mut spans);
    Some(SourceFile { text, spans })
}
