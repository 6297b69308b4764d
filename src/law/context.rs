//! The facts every ground reads: the contract, the change, its elements, the part, the
//! thresholds in force on the change's date, and the figures computed once (exact decimals).

use rust_decimal::Decimal;

use crate::assessment::{Element, Figures};
use crate::model::{
    AuthorityKind, AuthorityRef, Contract, ContractKind, Merger, ModificationGround, Part,
    ProposedChange, Subject,
};
use crate::thresholds::{Thresholds, ThresholdsInForce};

use super::elements;

/// Everything known about one change before any ground is applied.
pub(crate) struct Ctx<'a> {
    pub contract: &'a Contract,
    pub change: &'a ProposedChange,
    pub merger: Option<&'a Merger>,
    /// The part at award (`award.part`, else derived); `None` when it cannot be derived.
    pub derived_part: Option<crate::model::Part>,
    /// The part the tests apply: the derived part, or part III when it cannot be derived.
    pub part: Part,
    /// The thresholds in force on the change's date, if the table covers it.
    pub limits: Option<ThresholdsInForce<'a>>,
    pub figures: Figures,
    /// The elements of the change (legal-rules.md § 3), in element order.
    pub elements: Vec<Element>,
    /// The authorities the change adds that are not original authorities.
    pub joining: Vec<&'a AuthorityRef>,
}

impl<'a> Ctx<'a> {
    pub fn new(
        contract: &'a Contract,
        change: &'a ProposedChange,
        merger: Option<&'a Merger>,
        t: &'a Thresholds,
    ) -> Self {
        let kind = merger.map_or(AuthorityKind::SubCentral, |m| m.authority_kind);
        let derived_part = t.part_at_award(contract, kind);
        let limits = t.in_force(change.date, contract.subject, kind);
        let elements = elements::split(contract, change, merger);
        let joining = elements::joining_authorities(contract, change);
        let figures = figures(contract, change, limits.as_ref());
        Self {
            contract,
            change,
            merger,
            derived_part,
            part: derived_part.unwrap_or(Part::III),
            limits,
            figures,
            elements,
            joining,
        }
    }

    pub fn has(&self, e: Element) -> bool {
        self.elements.contains(&e)
    }

    pub fn is_framework(&self) -> bool {
        self.contract.kind == ContractKind::FrameworkAgreement
    }

    /// The price increase of element 1 (zero when the change is a decrease).
    pub fn price_increase(&self) -> Decimal {
        self.change.value_change.max(Decimal::ZERO)
    }

    /// The joining authorities by name where the merger knows them, else by id, joined as in
    /// prose: «Lillevik kommune og Storvik kommune».
    pub fn joining_names(&self) -> crate::text::Text {
        let names: Vec<crate::text::Text> = self
            .joining
            .iter()
            .map(|a| {
                let name = match a {
                    AuthorityRef::Municipality(id) => self
                        .merger
                        .and_then(|m| m.municipality(id))
                        .map_or(id.as_str(), |m| m.name.as_str()),
                    AuthorityRef::External(party) => party.name.as_str(),
                };
                crate::text::Text::new(name, name)
            })
            .collect();
        super::labels::join(&names)
    }

    /// The § 28-2 markers present in the change.
    pub fn markers(&self) -> Vec<Element> {
        self.elements
            .iter()
            .copied()
            .filter(|e| elements::is_marker(*e))
            .collect()
    }

    /// The § 28-2 markers whose value to the supplier is unknown: every marker but new kinds of
    /// deliveries, when `nature.estimated_value` is not given (legal-rules.md § 3, element 5:
    /// an unstated value is never taken as zero).
    pub fn unvalued_markers(&self) -> Vec<Element> {
        if self.change.nature.estimated_value.is_some() {
            return Vec::new();
        }
        self.markers()
            .into_iter()
            .filter(|e| *e != Element::NewKindsOfDeliveries)
            .collect()
    }

    /// Positive value changes of earlier modifications made on `grounds`.
    pub fn earlier_on(&self, grounds: &[ModificationGround]) -> Decimal {
        earlier_on(self.contract, grounds)
    }
}

/// Grounds whose earlier increases count cumulatively for FOA § 28-1 (1) b (legal-rules.md § 3).
pub(crate) const CUMULATIVE_GROUNDS: [ModificationGround; 3] = [
    ModificationGround::DeMinimis,
    ModificationGround::NonSubstantial,
    ModificationGround::Unknown,
];

fn earlier_on(contract: &Contract, grounds: &[ModificationGround]) -> Decimal {
    contract
        .modifications
        .iter()
        .filter(|m| grounds.contains(&m.ground))
        .map(|m| m.value_change.max(Decimal::ZERO))
        .sum()
}

/// The figures of legal-rules.md § 3, computed once for all grounds.
fn figures(
    contract: &Contract,
    change: &ProposedChange,
    limits: Option<&ThresholdsInForce<'_>>,
) -> Figures {
    let base = contract.base_value();
    let term_days = elements::extension_days(contract, change);
    let term_value = term_days.map(|d| contract.term_value(d));
    let value_increase = change.value_change.max(Decimal::ZERO) + term_value.unwrap_or_default();
    // The value of the modification (art. 72 (2)) includes the stated value of its non-price
    // elements; an unknown value is not counted as zero but reported by the grounds.
    let estimated_value = change.nature.estimated_value;
    let earlier_increase = earlier_on(contract, &CUMULATIVE_GROUNDS);
    // § 28-1 (1) b no. 2: 10 % for supplies and services, 15 % for works.
    let de_minimis_percent = Decimal::from(match contract.subject {
        Subject::Works => 15,
        Subject::Supplies | Subject::Services => 10,
    });
    Figures {
        original_value: contract.value,
        base_value: base,
        value_including_options: contract.value_including_options(),
        value_increase,
        term_extension_value: term_value,
        term_extension_days: term_days,
        estimated_value,
        earlier_increase,
        cumulative_increase: earlier_increase
            + value_increase
            + estimated_value.unwrap_or_default(),
        de_minimis_percent,
        de_minimis_limit: base * de_minimis_percent / Decimal::ONE_HUNDRED,
        eea_threshold: limits.map(|l| l.eea),
        national_threshold: limits.map(|l| l.national),
        cap_50: base / Decimal::TWO,
        thresholds_from: limits.map(|l| l.period.from),
    }
}
