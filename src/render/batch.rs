//! Renders many memos at once: on a few worker threads, each memo written atomically as soon
//! as it is done, a failure (even a panic inside Typst) costing only its own memo.
//!
//! The workers are plain threads, not rayon tasks. typst-pdf waits for its page streams with
//! `rayon::yield_now`, which on a rayon worker runs other queued jobs on the waiting stack: in
//! a rayon `par_iter` those were the next memos, so each memo rendered the next one inside its
//! own PDF export until the stack overflowed, with nothing written and every unfinished memo
//! held in memory. On a plain thread the wait blocks (`docs/performance.md`).

use std::collections::HashMap;
use std::io;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;

use super::memo::{MemoData, MemoInput};
use super::world::STACK_BYTES;
use super::{RenderError, Renderer, Template};
use crate::assessment::Assessment;
use crate::atomic_file::write_atomic;
use crate::model::{Contract, Portfolio};
use crate::plan::{ContractPlan, Plan, Severity, Warning};
use crate::text::Lang;
use crate::thresholds::Thresholds;

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
    /// The thresholds, for each memo's headroom paragraph.
    pub thresholds: &'a Thresholds,
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
    /// A bug (ours or Typst's) stopped this memo; the batch went on without it.
    #[error("rendering stopped on an internal error (a bug; please report it): {0}")]
    Panicked(String),
    /// No worker reached it (a worker thread stopped; cannot happen while every memo's work
    /// is isolated, but never reported as written).
    #[error("not rendered: its worker thread stopped")]
    NotRendered,
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

/// What rendering one memo gave: the file written and Typst's warnings, or why not.
type Written = Result<(PathBuf, Vec<String>), MemoError>;

/// Renders one memo per assessment into `batch.out_dir` on `workers` threads (at least one),
/// writing each memo as soon as it is done. `tick` is called after each memo (for a progress
/// bar). Outcomes come back in the order of `assessments`, one per assessment.
pub fn write_memos(
    renderer: &Renderer,
    batch: &MemoBatch<'_>,
    assessments: &[Assessment],
    workers: usize,
    tick: &(dyn Fn() + Sync),
) -> Vec<MemoOutcome> {
    let lookup = Lookup::new(batch);
    let slots: Vec<OnceLock<Written>> = assessments.iter().map(|_| OnceLock::new()).collect();
    let next = AtomicUsize::new(0);
    // Each worker takes the next memo until none is left, so a slow memo holds up no other.
    let work = || {
        let mut i = next.fetch_add(1, Ordering::Relaxed);
        while let (Some(slot), Some(a)) = (slots.get(i), assessments.get(i)) {
            let _ = slot.set(isolated(|| write_memo(renderer, batch, &lookup, a)));
            // The progress bar is not ours: a panic in it must not stop the batch either.
            let _ = catch_unwind(AssertUnwindSafe(tick));
            i = next.fetch_add(1, Ordering::Relaxed);
        }
    };
    std::thread::scope(|scope| {
        let started = (0..workers.max(1))
            .filter(|k| {
                std::thread::Builder::new()
                    .name(format!("memo-{k}"))
                    .stack_size(STACK_BYTES)
                    .spawn_scoped(scope, work)
                    .is_ok()
            })
            .count();
        // No thread could be started (resource limits): render on this one.
        if started == 0 {
            work();
        }
    });
    slots
        .into_iter()
        .zip(assessments)
        .map(|(slot, a)| {
            let (result, warnings) = match slot.into_inner() {
                Some(Ok((path, warnings))) => (Ok(path), warnings),
                Some(Err(e)) => (Err(e), Vec::new()),
                None => (Err(MemoError::NotRendered), Vec::new()),
            };
            MemoOutcome {
                contract: a.contract.clone(),
                change: a.change.clone(),
                result,
                warnings,
            }
        })
        .collect()
}

/// Runs one memo's work; a panic becomes this memo's error instead of ending the batch.
fn isolated<T>(f: impl FnOnce() -> Result<T, MemoError>) -> Result<T, MemoError> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        Err(MemoError::Panicked(message))
    })
}

/// Each contract, its plan and its planner warnings by contract id, looked up once per batch
/// instead of once per memo (a search per memo made a batch quadratic in the portfolio).
struct Lookup<'a> {
    contracts: HashMap<&'a str, &'a Contract>,
    plans: HashMap<&'a str, &'a ContractPlan>,
    warnings: HashMap<&'a str, Vec<&'a Warning>>,
}

impl<'a> Lookup<'a> {
    fn new(batch: &MemoBatch<'a>) -> Self {
        let contracts = batch
            .portfolio
            .contracts
            .iter()
            .map(|c| (c.id.as_str(), c))
            .collect();
        let mut plans = HashMap::new();
        let mut warnings: HashMap<&str, Vec<&Warning>> = HashMap::new();
        if let Some(plan) = batch.plan {
            plans = plan
                .contracts
                .iter()
                .map(|c| (c.contract.as_str(), c))
                .collect();
            // The planner's warnings and critical warnings belong in the memo; its notes do not.
            for w in plan
                .warnings
                .iter()
                .filter(|w| w.severity != Severity::Note)
            {
                warnings.entry(w.contract.as_str()).or_default().push(w);
            }
        }
        Self {
            contracts,
            plans,
            warnings,
        }
    }
}

fn write_memo(
    renderer: &Renderer,
    batch: &MemoBatch<'_>,
    lookup: &Lookup<'_>,
    a: &Assessment,
) -> Result<(PathBuf, Vec<String>), MemoError> {
    let data = build(batch, lookup, a)?;
    let rendered = renderer.render(Template::Memo, &data, batch.date)?;
    let path = batch.out_dir.join(file_name(&a.contract, &a.change));
    write_atomic(&path, &rendered.pdf).map_err(|source| MemoError::Write {
        path: path.clone(),
        source,
    })?;
    Ok((path, rendered.warnings))
}

/// The memo's data: the contract, its plan and warnings, and its headroom on the change's date.
fn build(
    batch: &MemoBatch<'_>,
    lookup: &Lookup<'_>,
    a: &Assessment,
) -> Result<MemoData, MemoError> {
    let id = a.contract.as_str();
    let contract = lookup
        .contracts
        .get(id)
        .ok_or_else(|| MemoError::UnknownContract(a.contract.clone()))?;
    let merger = batch.portfolio.merger.as_ref();
    let headroom = crate::analysis::headroom::headroom(contract, merger, batch.thresholds, a.date);
    Ok(MemoData::build(&MemoInput {
        assessment: a,
        contract,
        merger,
        lang: batch.lang,
        date: batch.date,
        fingerprint: batch.fingerprint,
        plan: lookup.plans.get(id).copied(),
        plan_warnings: lookup.warnings.get(id).map_or(&[], Vec::as_slice),
        headroom: Some(&headroom),
    }))
}

/// The memo of one assessment of the batch's portfolio, as `vesentlig memo` renders it: what
/// the web workspace shows and renders on request (`out_dir` is not used).
pub fn memo_data(batch: &MemoBatch<'_>, a: &Assessment) -> Result<MemoData, MemoError> {
    build(batch, &Lookup::new(batch), a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_the_memos_error() {
        let panicked = isolated::<()>(|| panic!("boom {}", 1));
        assert!(matches!(panicked, Err(MemoError::Panicked(m)) if m == "boom 1"));
        let panicked = isolated::<()>(|| std::panic::panic_any(7));
        assert!(matches!(panicked, Err(MemoError::Panicked(m)) if m == "unknown panic"));
        assert!(matches!(isolated(|| Ok(3)), Ok(3)));
    }

    #[test]
    fn file_names_are_sanitised() {
        assert_eq!(file_name("a-lonn-2015", "utvid"), "a-lonn-2015__utvid.pdf");
        assert_eq!(file_name("../../etc", "x/y z"), "_.._etc__x_y_z.pdf");
        assert_eq!(file_name(".hidden", "ø"), "hidden___.pdf");
    }
}
