//! The law: the change tests of FOA ch. 28 applied to every proposed change, following the
//! decision procedure of `docs/legal-rules.md` § 3.
//!
//! A change is split into elements (`elements`); every ground (one module each) says which
//! elements it can cover and whether it rests on facts (objective) or on a judgement
//! (assessment); `allocate` gives each element to the first objective ground that covers it,
//! else the first assessment ground; parts I and II are handled last (`parts`). The
//! recommendation follows from the coverage: an uncovered element → retender, an element
//! covered only by an assessment → intention notice, else continue.

/// A sentence in both languages from two format strings that share their arguments;
/// the arguments are evaluated once per language with `$l` bound to it, so figures are
/// formatted the Norwegian or the English way:
/// `say!(|l| "Økningen {v}.", "The increase {v}.", v = nok(x, l))`.
macro_rules! say {
    (|$l:ident| $nb:literal, $en:literal $(, $($args:tt)*)?) => {
        $crate::text::Text::from_fn(|$l| match $l {
            $crate::text::Lang::Nb => format!($nb $(, $($args)*)?),
            $crate::text::Lang::En => format!($en $(, $($args)*)?),
        })
    };
}

mod additional_deliveries;
mod buyer_succession;
mod change_clause;
mod context;
mod contract_ended;
mod de_minimis;
pub mod elements;
mod fifty_percent_cap;
mod framework_duration;
pub mod labels;
mod not_substantial;
mod option;
mod parts;
mod supplier_succession;
mod unforeseen;
mod verdict;

use chrono::NaiveDate;
use rayon::prelude::*;
use rust_decimal::Decimal;

use crate::assessment::{Assessment, Basis, Element, Ground, Outcome, TestResult};
use crate::model::{Contract, Merger, Portfolio, ProposedChange};
use crate::text::{Lang, Text, percent, share};
use crate::thresholds::Thresholds;

pub(crate) use context::Ctx;

/// Id of the implicit change assessed for a contract that passes to the merged municipality.
pub const IMPLICIT_CHANGE_ID: &str = "overdragelse";
/// Description of the implicit change.
pub const IMPLICIT_CHANGE_DESCRIPTION: &str = "overdragelse til den sammenslåtte kommunen";

/// Assesses every proposed change of every contract, in portfolio order and file order. A
/// contract with no proposed changes that passes to the merged municipality gets the implicit
/// change «overdragelse til den sammenslåtte kommunen», dated the merger's effective date.
pub fn assess_portfolio(p: &Portfolio, t: &Thresholds) -> Vec<Assessment> {
    assess_contracts(&p.contracts, p.merger.as_ref(), t)
}

/// [`assess_portfolio`] for some of the portfolio's contracts (a batch, or those asked for):
/// the contracts are assessed in parallel, the assessments returned in the contracts' order.
/// The texts are built in the languages of the calling thread ([`crate::text::with_languages`]).
pub fn assess_contracts<'c>(
    contracts: impl IntoParallelIterator<Item = &'c Contract, Iter: IndexedParallelIterator>,
    merger: Option<&Merger>,
    t: &Thresholds,
) -> Vec<Assessment> {
    let languages = crate::text::languages();
    let per_contract: Vec<Vec<Assessment>> = contracts
        .into_par_iter()
        .map(|c| crate::text::with_languages(languages, || assess_contract(c, merger, t)))
        .collect();
    per_contract.into_iter().flatten().collect()
}

/// Contracts assessed per batch by [`assess_in_batches`]: a batch's assessments (and their
/// output) take a few megabytes.
pub const BATCH: usize = 2048;

/// Assesses `contracts` a batch at a time (each batch in parallel) and hands each batch's
/// assessments to `f`, in the contracts' order, before assessing the next: the assessments of
/// a large portfolio never all exist at once. Texts as in [`assess_contracts`].
pub fn assess_in_batches<E>(
    contracts: &[&Contract],
    merger: Option<&Merger>,
    t: &Thresholds,
    mut f: impl FnMut(&[Assessment]) -> Result<(), E>,
) -> Result<(), E> {
    for batch in contracts.chunks(BATCH) {
        f(&assess_contracts(batch.par_iter().copied(), merger, t))?;
    }
    Ok(())
}

/// The assessments of one contract: of each proposed change, or of the implicit transfer.
fn assess_contract(
    contract: &Contract,
    merger: Option<&Merger>,
    t: &Thresholds,
) -> Vec<Assessment> {
    if !contract.proposed_changes.is_empty() {
        return contract
            .proposed_changes
            .iter()
            .map(|change| assess_change(contract, change, merger, t))
            .collect();
    }
    match merger.filter(|m| elements::passes_to_merged(contract, m)) {
        Some(m) => {
            let change = implicit_transfer(m.effective);
            // Not a change the buyer agrees: judged even after the contract's end (§ 6 no. 7).
            let mut a = assess_in_force(&Ctx::new(contract, &change, Some(m), t));
            a.implicit = true;
            vec![a]
        }
        None => Vec::new(),
    }
}

/// The implicit transfer of a contract to the merged municipality on `effective`.
pub fn implicit_transfer(effective: NaiveDate) -> ProposedChange {
    ProposedChange {
        id: IMPLICIT_CHANGE_ID.to_owned(),
        description: IMPLICIT_CHANGE_DESCRIPTION.to_owned(),
        date: effective,
        value_change: Decimal::ZERO,
        new_end: None,
        add_authorities: Vec::new(),
        new_start: None,
        exercise_option: None,
        under_clause: None,
        new_supplier: None,
        nature: Default::default(),
        additional_deliveries: None,
        unforeseen: None,
    }
}

/// Assesses one proposed change of one contract. A change dated after the contract's end is a
/// retender with no ground considered (`contract_ended`).
pub fn assess_change(
    contract: &Contract,
    change: &ProposedChange,
    merger: Option<&Merger>,
    t: &Thresholds,
) -> Assessment {
    let ctx = Ctx::new(contract, change, merger, t);
    if change.after_end_of(contract) {
        return contract_ended::assess(&ctx);
    }
    assess_in_force(&ctx)
}

/// Applies every ground to a change of a contract in force.
fn assess_in_force(ctx: &Ctx) -> Assessment {
    let mut findings = vec![
        option::test(ctx),
        change_clause::test(ctx),
        de_minimis::test(ctx),
        additional_deliveries::test(ctx),
        unforeseen::test(ctx),
        buyer_succession::test(ctx),
        not_substantial::test(ctx),
        framework_duration::test(ctx),
    ];
    let mut coverage = verdict::allocate(ctx, &findings);
    let succession = supplier_succession::test(ctx, &coverage);
    verdict::add_supplier_succession(&mut coverage, &succession);
    findings.insert(5, succession);
    parts::apply(ctx, &mut findings, &mut coverage);
    verdict::assemble(ctx, findings, coverage)
}

/// What one ground found: its test result (with `covers` filled in after allocation), the
/// elements it is able to cover and on which basis, elements it bars from any cover, and
/// warnings for the reader.
#[derive(Debug, Clone)]
pub(crate) struct Finding {
    pub result: TestResult,
    pub offers: Vec<(Element, Basis)>,
    pub blocks: Vec<Element>,
    pub warnings: Vec<Text>,
}

impl Finding {
    /// A finding with no reasons yet.
    pub fn new(test: Ground, provision: &'static str, basis: Basis) -> Self {
        Self {
            result: TestResult {
                test,
                outcome: Outcome::NotApplicable,
                provision,
                basis,
                covers: Vec::new(),
                reasons: Vec::new(),
                notice_code: None,
            },
            offers: Vec::new(),
            blocks: Vec::new(),
            warnings: Vec::new(),
        }
    }

    pub fn code(mut self, code: &'static str) -> Self {
        self.result.notice_code = Some(code);
        self
    }

    pub fn outcome(&mut self, outcome: Outcome) -> &mut Self {
        self.result.outcome = outcome;
        self
    }

    pub fn reason(&mut self, reason: Text) -> &mut Self {
        self.result.reasons.push(reason);
        self
    }

    pub fn warn(&mut self, warning: Text) -> &mut Self {
        self.warnings.push(warning);
        self
    }

    /// Offers to cover `elements` on `basis`.
    pub fn offer(&mut self, elements: impl IntoIterator<Item = Element>, basis: Basis) {
        self.offers.extend(elements.into_iter().map(|e| (e, basis)));
    }

    /// A not-applicable finding with one reason.
    pub fn not_applicable(mut self, reason: Text) -> Self {
        self.result.outcome = Outcome::NotApplicable;
        self.result.reasons.push(reason);
        self
    }
}

/// `part` as a percentage of `whole`, formatted (`8,33 %`); `0` when `whole` is zero. Where two
/// decimals would round a share onto a whole percentage it is not equal to (9,99999 % shown as
/// «10,00 %» next to «lavere enn 10 %»), four decimals are shown, truncated toward zero.
pub(crate) fn pct(part: Decimal, whole: Decimal, lang: Lang) -> String {
    let exact = share(part, whole).unwrap_or_default();
    let rounded = exact.round_dp(2);
    if rounded.fract().is_zero() && rounded != exact {
        let shown = exact.round_dp_with_strategy(4, rust_decimal::RoundingStrategy::ToZero);
        let s = format!("{shown:.4}");
        return match lang {
            Lang::Nb => format!("{}\u{a0}%", s.replace('.', ",")),
            Lang::En => format!("{s}%"),
        };
    }
    percent(exact, lang)
}
