//! Checks beyond types: ids are well-formed and unique, references resolve, and the facts of
//! the portfolio do not contradict each other. Every problem is returned; nothing stops at the
//! first. Legal questions (may this change be made?) are the engine's, never an input error:
//! a proposal to exercise more of an option than remains is valid input.
//!
//! The rules are listed in docs/portfolio-format.md, «Consistency rules».

mod contract;
mod ids;
mod merger;
mod references;

use std::collections::HashSet;
use std::path::Path;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Sources};
use crate::model::{Origin, Portfolio};
use crate::thresholds::Thresholds;

/// All consistency problems of a loaded portfolio. `thresholds` is the table in use (built-in
/// plus `thresholds.json`), needed to tell whether a contract's part can be derived.
pub fn validate(
    portfolio: &Portfolio,
    sources: &Sources,
    thresholds: &Thresholds,
) -> Vec<Diagnostic> {
    let mut v = Validator::default();
    let municipality_ids: HashSet<&str> = portfolio
        .merger
        .iter()
        .flat_map(|m| &m.municipalities)
        .map(|m| m.id.as_str())
        .collect();
    let merger_state = merger_state(portfolio, sources, &municipality_ids);
    if let Some(m) = &portfolio.merger {
        merger::check(&mut v, m);
    }
    ids::check_contract_ids(&mut v, portfolio);
    // Each contract on its own, in parallel; the problems stay in portfolio order.
    let per_contract: Vec<Vec<Diagnostic>> = portfolio
        .contracts
        .par_iter()
        .map(|c| {
            let mut v = Validator::default();
            ids::check_within_contract(&mut v, c);
            references::check(&mut v, c, merger_state);
            contract::check(&mut v, c, thresholds);
            v.out
        })
        .collect();
    v.out.extend(per_contract.into_iter().flatten());
    v.out
}

/// What is known about `merger.json`, for checking municipality references.
#[derive(Debug, Clone, Copy)]
pub(crate) enum MergerState<'p> {
    Absent,
    /// Present but unreadable: its own errors are reported; references are not checked.
    Unreadable,
    /// Loaded, with its municipality ids for lookups (a merger may have hundreds).
    Loaded(&'p crate::model::Merger, &'p HashSet<&'p str>),
}

fn merger_state<'p>(
    portfolio: &'p Portfolio,
    sources: &Sources,
    ids: &'p HashSet<&'p str>,
) -> MergerState<'p> {
    match &portfolio.merger {
        Some(m) => MergerState::Loaded(m, ids),
        None if sources
            .files
            .contains_key(&portfolio.root.join(crate::load::MERGER_FILE)) =>
        {
            MergerState::Unreadable
        }
        None => MergerState::Absent,
    }
}

/// Collects diagnostics.
#[derive(Default)]
pub(crate) struct Validator {
    out: Vec<Diagnostic>,
}

impl Validator {
    /// Reports a problem at `suffix` below `origin` (e.g. `.options[1].quantity`).
    fn error(&mut self, origin: &Origin, suffix: &str, message: String, help: String) {
        self.report(&origin.file, origin.field(suffix), message, help);
    }

    fn report(&mut self, file: &Path, path: String, message: String, help: String) {
        self.out
            .push(Diagnostic::new(file, path, message).help(help));
    }
}

/// An organisation number, when given, is nine digits (Enhetsregisteret).
fn check_org_no(
    v: &mut Validator,
    origin: &Origin,
    suffix: &dyn Fn() -> String,
    org_no: Option<&str>,
) {
    if let Some(n) = org_no
        && !(n.len() == 9 && n.bytes().all(|b| b.is_ascii_digit()))
    {
        v.error(
            origin,
            &suffix(),
            format!("invalid organisation number {n:?}"),
            "an organisation number is 9 digits, written without spaces, e.g. \"944496394\"; leave the field out if unknown".to_owned(),
        );
    }
}
