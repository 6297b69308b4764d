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
    let loaded = match super::load_for(&args.portfolio, &args.contracts) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let portfolio = &loaded.portfolio;
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
