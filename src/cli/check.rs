//! `vesentlig check`: load and validate, print every error, or a one-line summary when the
//! portfolio is sound.

use std::process::ExitCode;

use super::args::CheckArgs;
use crate::load::Loaded;

pub fn run(args: &CheckArgs) -> ExitCode {
    match crate::load::load_checked(&args.portfolio) {
        Ok(loaded) => {
            println!("{}", summary(&args.portfolio, &loaded));
            ExitCode::SUCCESS
        }
        Err(report) => super::fail(&report),
    }
}

/// "contracts: 12 contracts, 9 proposed changes, merger Nye Fjordvik kommune, thresholds …: OK"
fn summary(dir: &std::path::Path, loaded: &Loaded) -> String {
    let p = &loaded.portfolio;
    let changes: usize = p.contracts.iter().map(|c| c.proposed_changes.len()).sum();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let newest = loaded
        .thresholds
        .periods()
        .last()
        .map_or_else(|| "none".to_owned(), |t| t.from.to_string());
    let own = loaded
        .sources
        .files
        .contains_key(&dir.join(crate::load::thresholds::THRESHOLDS_FILE));
    format!(
        "{}: {}, {}, merger {}, thresholds up to the period from {newest}{}: OK",
        crate::diagnostics::display_path(dir),
        plural(p.contracts.len(), "contract", "contracts"),
        plural(changes, "proposed change", "proposed changes"),
        p.merger.as_ref().map_or("none", |m| m.name.as_str()),
        if own { " (with thresholds.json)" } else { "" },
    )
}
