//! `vesentlig check`: load and validate, print every error.

use std::process::ExitCode;

use super::args::CheckArgs;

pub fn run(args: &CheckArgs) -> ExitCode {
    match crate::load::load_checked(&args.portfolio) {
        Ok(loaded) => {
            let p = &loaded.portfolio;
            let changes: usize = p.contracts.iter().map(|c| c.proposed_changes.len()).sum();
            println!(
                "{}: {} contracts, {} proposed changes, merger {}: OK",
                crate::diagnostics::display_path(&args.portfolio),
                p.contracts.len(),
                changes,
                p.merger.as_ref().map_or("none", |m| m.name.as_str())
            );
            ExitCode::SUCCESS
        }
        Err(report) => super::fail(&report),
    }
}
