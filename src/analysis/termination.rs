//! When a contract can end at the earliest without breach, and what ending it earlier could
//! cost: the facts the consolidation analysis weighs (KS 2017 ch. 6.3.1: termination without a
//! contractual right «kan spise opp gevinsten»).

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{Contract, Merger};

/// How a contract can end at the earliest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EndBy {
    /// The current term runs out (extension options are the buyer's right, not a duty).
    Expiry,
    /// The termination right on the merger, with notice given in time.
    OnMerger,
    /// Termination for convenience with its notice period.
    ForConvenience,
}

/// The earliest lawful end of a contract, counted from `from`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct EarliestEnd {
    /// The last day of the contract.
    pub last_day: NaiveDate,
    pub by: EndBy,
    /// The latest date to give notice, where a notice is needed.
    pub notice_by: Option<NaiveDate>,
}

/// The earliest end without breach, if notice is given on `from` at the earliest: the
/// termination right on the merger (the contract then ends the day before the merger, if the
/// notice can still be given in time), termination for convenience (`notice_months` from
/// `from`), or expiry of the current term — whichever comes first.
pub fn earliest_end(c: &Contract, merger: Option<&Merger>, from: NaiveDate) -> EarliestEnd {
    let mut best = EarliestEnd {
        last_day: c.end,
        by: EndBy::Expiry,
        notice_by: None,
    };
    let Some(t) = &c.termination else {
        return best;
    };
    let mut consider = |last_day: NaiveDate, by: EndBy, notice_by: NaiveDate| {
        if last_day < best.last_day {
            best = EarliestEnd {
                last_day,
                by,
                notice_by: Some(notice_by),
            };
        }
    };
    if let Some(m) = merger.filter(|_| t.on_merger) {
        // Counted as the planner counts its termination deadline.
        let notice_by = t.notice_by(m.effective);
        if let Some(last_day) = m.effective.pred_opt().filter(|_| from <= notice_by) {
            consider(last_day, EndBy::OnMerger, notice_by);
        }
    }
    if t.for_convenience
        && let Some(last_day) = from.checked_add_months(Months::new(t.notice_months))
    {
        consider(last_day, EndBy::ForConvenience, from);
    }
    best
}

/// The value of the contract from `first_day` to `last_day` (both included), valued as the
/// engine values term (`Contract::term_value`): what the supplier could claim if the contract
/// were ended on `first_day` without a right to end it before `last_day`.
pub fn remaining_value(c: &Contract, first_day: NaiveDate, last_day: NaiveDate) -> Decimal {
    let days = (last_day - first_day).num_days() + 1;
    if days <= 0 {
        Decimal::ZERO
    } else {
        c.term_value(days)
    }
}
