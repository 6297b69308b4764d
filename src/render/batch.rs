//! Renders many memos at once: in parallel, each written atomically, failures isolated.

use std::io;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;

use super::memo::{MemoData, MemoInput};
use super::{RenderError, Renderer, Template};
use crate::assessment::Assessment;
use crate::atomic_file::write_atomic;
use crate::model::Portfolio;
use crate::plan::{Plan, Severity};
use crate::text::Lang;

/// What every memo of a batch shares.
#[derive(Debug, Clone, Copy)]
pub struct MemoBatch<'a> {
    pub portfolio: &'a Portfolio,
    pub lang: Lang,
    pub date: NaiveDate,
    pub fingerprint: &'a str,
    pub out_dir: &'a Path,
    /// The procurement plan the memos take their deadlines from.
    pub plan: Option<&'a Plan>,
}

/// Why one memo was not written.
#[derive(Debug, thiserror::Error)]
pub enum MemoError {
    #[error("contract `{0}` is not in the portfolio")]
    UnknownContract(String),
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error("cannot write {}: {source}", .path.display())]
    Write { path: PathBuf, source: io::Error },
}

/// The outcome for one assessment: the file written, or why not.
#[derive(Debug)]
pub struct MemoOutcome {
    pub contract: String,
    pub change: String,
    pub result: Result<PathBuf, MemoError>,
    /// Typst's warnings for this memo (none expected: the templates are ours).
    pub warnings: Vec<String>,
}

/// The memo's file name from the contract and change ids, reduced to `[A-Za-z0-9._-]` so a
/// hostile id can never name a path outside the output folder.
pub fn file_name(contract: &str, change: &str) -> String {
    let clean = |s: &str| -> String {
        let s: String = s
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        // No hidden files and no `..`.
        s.trim_start_matches('.').to_owned()
    };
    format!("{}__{}.pdf", clean(contract), clean(change))
}

/// Renders one memo per assessment into `batch.out_dir`, in parallel. `tick` is called after
/// each memo (for a progress bar). Outcomes come back in the order of `assessments`.
pub fn write_memos(
    renderer: &Renderer,
    batch: &MemoBatch<'_>,
    assessments: &[Assessment],
    tick: &(dyn Fn() + Sync),
) -> Vec<MemoOutcome> {
    assessments
        .par_iter()
        .map(|a| {
            let (result, warnings) = match write_memo(renderer, batch, a) {
                Ok((path, warnings)) => (Ok(path), warnings),
                Err(e) => (Err(e), Vec::new()),
            };
            tick();
            MemoOutcome {
                contract: a.contract.clone(),
                change: a.change.clone(),
                result,
                warnings,
            }
        })
        .collect()
}

fn write_memo(
    renderer: &Renderer,
    batch: &MemoBatch<'_>,
    a: &Assessment,
) -> Result<(PathBuf, Vec<String>), MemoError> {
    let data = memo_data(
        batch.portfolio,
        batch.plan,
        batch.lang,
        batch.date,
        batch.fingerprint,
        a,
    )?;
    let rendered = renderer.render(Template::Memo, &data, batch.date)?;
    let path = batch.out_dir.join(file_name(&a.contract, &a.change));
    write_atomic(&path, &rendered.pdf).map_err(|source| MemoError::Write {
        path: path.clone(),
        source,
    })?;
    Ok((path, rendered.warnings))
}

/// The memo of one assessment of `portfolio`, with the plan's deadlines and warnings for its
/// contract: what `vesentlig memo` renders, and what the web workspace renders on request.
pub fn memo_data(
    portfolio: &Portfolio,
    plan: Option<&Plan>,
    lang: Lang,
    date: NaiveDate,
    fingerprint: &str,
    a: &Assessment,
) -> Result<MemoData, MemoError> {
    let contract = portfolio
        .contract(&a.contract)
        .ok_or_else(|| MemoError::UnknownContract(a.contract.clone()))?;
    let contract_plan = plan.and_then(|p| p.contracts.iter().find(|c| c.contract == a.contract));
    // The planner's warnings and critical warnings belong in the memo; its notes do not.
    let plan_warnings: Vec<_> = plan
        .map(|p| {
            p.warnings
                .iter()
                .filter(|w| w.contract == a.contract && w.severity != Severity::Note)
                .collect()
        })
        .unwrap_or_default();
    Ok(MemoData::build(&MemoInput {
        assessment: a,
        contract,
        merger: portfolio.merger.as_ref(),
        lang,
        date,
        fingerprint,
        plan: contract_plan,
        plan_warnings: &plan_warnings,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_sanitised() {
        assert_eq!(file_name("a-lonn-2015", "utvid"), "a-lonn-2015__utvid.pdf");
        assert_eq!(file_name("../../etc", "x/y z"), "_.._etc__x_y_z.pdf");
        assert_eq!(file_name(".hidden", "ø"), "hidden___.pdf");
    }
}
