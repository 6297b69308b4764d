//! Splitting a change into the elements of legal-rules.md § 3; each must be covered by a ground.

use crate::assessment::Element;
use crate::model::{AuthorityRef, Contract, Merger, PriceTerms, ProposedChange};

/// The elements of `change`, in element order:
/// 1. price increase, 2. term extension, 3. joining authorities, 4. new supplier,
/// 5. the § 28-2 markers, 6. buyer succession, 7. price decrease, 8. postponed start.
pub fn split(
    contract: &Contract,
    change: &ProposedChange,
    merger: Option<&Merger>,
) -> Vec<Element> {
    let mut out = Vec::new();
    if change.value_change.is_sign_positive() && !change.value_change.is_zero() {
        out.push(Element::PriceIncrease);
    }
    if extension_days(contract, change).is_some() {
        out.push(Element::TermExtension);
    }
    if !joining_authorities(contract, change).is_empty() {
        out.push(Element::JoiningAuthorities);
    }
    if change.new_supplier.is_some() {
        out.push(Element::NewSupplier);
    }
    let n = &change.nature;
    if n.price_terms == PriceTerms::FavourSupplier {
        out.push(Element::PriceTermsFavourSupplier);
    }
    if n.relaxes_requirements {
        out.push(Element::RelaxesRequirements);
    }
    if n.shifts_risk_to_buyer {
        out.push(Element::ShiftsRiskToBuyer);
    }
    if n.new_kinds_of_deliveries {
        out.push(Element::NewKindsOfDeliveries);
    }
    if merger.is_some_and(|m| passes_to_merged(contract, m)) {
        out.push(Element::BuyerSuccession);
    }
    if change.value_change.is_sign_negative() && !change.value_change.is_zero() {
        out.push(Element::PriceDecrease);
    }
    if change.postponement_days(contract).is_some() {
        out.push(Element::PostponedStart);
    }
    out
}

/// True for the § 28-2 markers (element 5).
pub fn is_marker(e: Element) -> bool {
    matches!(
        e,
        Element::PriceTermsFavourSupplier
            | Element::RelaxesRequirements
            | Element::ShiftsRiskToBuyer
            | Element::NewKindsOfDeliveries
    )
}

/// Whether the contract passes to the merged municipality: an original authority is a
/// merging municipality that does not continue (element 6).
pub fn passes_to_merged(contract: &Contract, merger: &Merger) -> bool {
    contract
        .municipality_ids()
        .any(|id| merger.municipality(id).is_some_and(|m| !m.continues))
}

/// Days of term extension: `new_end` after the current `end` (element 2), or after the end a
/// postponed start has moved (element 8: the term keeps its length); `None` otherwise.
pub fn extension_days(contract: &Contract, change: &ProposedChange) -> Option<i64> {
    let end = change.end_after_postponement(contract);
    change
        .new_end
        .filter(|new_end| *new_end > end)
        .map(|new_end| (new_end - end).num_days())
}

/// The authorities the change adds that are not among the original authorities (element 3):
/// merger municipalities by id, authorities outside the merger by organisation number where
/// both have one, else by name.
pub fn joining_authorities<'a>(
    contract: &Contract,
    change: &'a ProposedChange,
) -> Vec<&'a AuthorityRef> {
    change
        .add_authorities
        .iter()
        .filter(|new| {
            !contract
                .authorities
                .iter()
                .any(|own| same_authority(own, new))
        })
        .collect()
}

fn same_authority(a: &AuthorityRef, b: &AuthorityRef) -> bool {
    match (a, b) {
        (AuthorityRef::Municipality(x), AuthorityRef::Municipality(y)) => x == y,
        (AuthorityRef::External(x), AuthorityRef::External(y)) => match (&x.org_no, &y.org_no) {
            (Some(p), Some(q)) => p == q,
            _ => x.name.trim().eq_ignore_ascii_case(y.name.trim()),
        },
        _ => false,
    }
}
