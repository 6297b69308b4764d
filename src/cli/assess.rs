//! `vesentlig assess`: the verdict on every proposed change (or implicit merger transfer), as a
//! terminal table (Norwegian by default) or as the stable JSON of `docs/product.md`.

use std::collections::BTreeSet;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use super::args::{AssessArgs, AssessFormat};
use crate::assessment::render::{JsonWriter, TableWriter};
use crate::law;
use crate::model::Contract;
use crate::text::{Languages, with_languages};

pub fn run(args: &AssessArgs) -> ExitCode {
    let loaded = match crate::load::load_checked(&args.portfolio) {
        Ok(loaded) => loaded,
        Err(report) => return super::fail(&report),
    };
    let portfolio = &loaded.portfolio;
    let ids: BTreeSet<&str> = portfolio.contracts.iter().map(|c| c.id.as_str()).collect();
    let unknown: Vec<&str> = args
        .contracts
        .iter()
        .map(String::as_str)
        .filter(|id| !ids.contains(id))
        .collect();
    if !unknown.is_empty() {
        let known: Vec<&str> = portfolio.contracts.iter().map(|c| c.id.as_str()).collect();
        eprintln!(
            "error: no contract with id {} in the portfolio\n  help: known contract ids: {}",
            unknown
                .iter()
                .map(|id| format!("`{id}`"))
                .collect::<Vec<_>>()
                .join(", "),
            known.join(", ")
        );
        return ExitCode::from(super::EXIT_USAGE);
    }
    // A contract's assessments depend on nothing but the contract, the merger and the
    // thresholds: assessing only the contracts asked for gives the same verdicts.
    let wanted: BTreeSet<&str> = args.contracts.iter().map(String::as_str).collect();
    let contracts: Vec<&Contract> = portfolio
        .contracts
        .iter()
        .filter(|c| wanted.is_empty() || wanted.contains(c.id.as_str()))
        .collect();
    let (merger, thresholds, lang) = (portfolio.merger.as_ref(), &loaded.thresholds, args.lang);
    let out = BufWriter::with_capacity(1 << 20, io::stdout().lock());
    // The texts in the output language only.
    let written = with_languages(Languages::Only(lang), || match args.format {
        AssessFormat::Json => {
            let mut w = JsonWriter::new(out, lang)?;
            law::assess_in_batches(&contracts, merger, thresholds, |batch| w.write(batch))?;
            w.finish()
        }
        AssessFormat::Table => {
            let mut w = TableWriter::new(out, lang);
            law::assess_in_batches(&contracts, merger, thresholds, |batch| w.write(batch))?;
            w.finish()
        }
    });
    drop(contracts);
    super::leave_to_exit(loaded);
    match written.and_then(|mut out| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) is not an error of the portfolio.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write the assessments: {e}");
            ExitCode::FAILURE
        }
    }
}
