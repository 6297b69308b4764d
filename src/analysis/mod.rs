//! Analyses built on the engine for the merger's own questions: how far each contract can
//! stretch without a new competition (`headroom`), and which of the overlapping contracts the
//! merged municipality should keep (`consolidation`). Every verdict comes from
//! `law::assess_change` on a hypothetical change, so the analyses cannot disagree with `assess`.

pub mod consolidation;
pub mod headroom;
pub mod termination;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::assessment::Assessment;
use crate::model::{
    AdditionalDeliveries, AuthorityRef, Contract, Merger, OptionUse, ProposedChange, Unforeseen,
};
use crate::thresholds::Thresholds;

/// The id of every hypothetical change the analyses assess.
pub const PROBE_ID: &str = "hypotetisk";

/// The facts of a ground that rests on a judgement, assumed to hold when asking how far a
/// contract can stretch with an intention notice.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum AssumedFacts {
    #[default]
    None,
    /// FOA § 28-1 (1) c: a change of supplier is impossible and would be costly.
    AdditionalDeliveries,
    /// FOA § 28-1 (1) d: the circumstance arose after signing (on the change's date).
    Unforeseen,
    /// FOA § 28-1 (1) d with the merger itself as the circumstance: the engine judges its
    /// foreseeability from the merger's dates (legal-rules.md § 3), nothing is assumed.
    Merger,
}

/// A hypothetical change dated `date`: a price increase and a new end, naming an option or a
/// clause, adding authorities, with the facts of (c) or (d) assumed where asked.
#[derive(Debug, Clone)]
pub struct Probe {
    pub date: NaiveDate,
    pub description: String,
    pub value_change: Decimal,
    pub new_end: Option<NaiveDate>,
    pub option: Option<String>,
    pub clause: Option<String>,
    pub add_authorities: Vec<AuthorityRef>,
    pub facts: AssumedFacts,
}

impl Probe {
    /// A change on `date` with nothing in it yet.
    pub fn on(date: NaiveDate, description: &str) -> Self {
        Self {
            date,
            description: description.to_owned(),
            value_change: Decimal::ZERO,
            new_end: None,
            option: None,
            clause: None,
            add_authorities: Vec::new(),
            facts: AssumedFacts::None,
        }
    }

    /// The change in the portfolio format.
    pub fn change(&self) -> ProposedChange {
        let mut change = crate::law::implicit_transfer(self.date);
        change.id = PROBE_ID.to_owned();
        change.description.clone_from(&self.description);
        change.value_change = self.value_change;
        change.new_end = self.new_end;
        change.add_authorities.clone_from(&self.add_authorities);
        change.exercise_option = self.option.as_ref().map(|id| OptionUse {
            id: id.clone(),
            quantity: None,
        });
        change.under_clause.clone_from(&self.clause);
        match self.facts {
            AssumedFacts::None => {}
            AssumedFacts::AdditionalDeliveries => {
                change.additional_deliveries = Some(AdditionalDeliveries {
                    change_of_supplier_impossible: true,
                    significant_inconvenience_or_cost: true,
                    reason: ASSUMED.to_owned(),
                });
            }
            AssumedFacts::Unforeseen => {
                change.unforeseen = Some(Unforeseen {
                    circumstance: ASSUMED.to_owned(),
                    arose: Some(self.date),
                });
            }
            AssumedFacts::Merger => {
                change.unforeseen = Some(Unforeseen {
                    circumstance: MERGER.to_owned(),
                    arose: None,
                });
            }
        }
        change
    }

    /// The engine's assessment of the change.
    pub fn assess(&self, c: &Contract, merger: Option<&Merger>, t: &Thresholds) -> Assessment {
        crate::law::assess_change(c, &self.change(), merger, t)
    }
}

const MERGER: &str = "kommunesammenslåingen";
const ASSUMED: &str = "antatt oppfylt for analysens skyld (assumed for the analysis)";
