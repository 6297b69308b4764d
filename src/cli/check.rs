//! `vesentlig check`: load and validate the portfolio and the planner's `planning.json`, print
//! every error, or a one-line summary when all is sound.

use std::path::Path;
use std::process::ExitCode;

use super::args::CheckArgs;
use crate::load::{Loaded, PLANNING_FILE};
use crate::plan::lead_time;

pub fn run(args: &CheckArgs) -> ExitCode {
    let planning = lead_time::load_config(&args.portfolio).err();
    match (crate::load::load_checked(&args.portfolio), planning) {
        (Ok(loaded), None) => {
            println!("{}", summary(&args.portfolio, &loaded));
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
