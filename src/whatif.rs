//! «Prøv en endring»: a hypothetical change to one contract, validated exactly like a change
//! written in the portfolio and assessed by the same engine. Nothing is written: the contract is
//! cloned, the hypothetical change is its only proposed change, and the portfolio is untouched.

use crate::assessment::Assessment;
use crate::diagnostics::Sources;
use crate::model::{Contract, Portfolio, ProposedChange};
use crate::thresholds::Thresholds;

/// Id given to a hypothetical change (a valid change id, see docs/portfolio-format.md).
pub const CHANGE_ID: &str = "hva-om";

/// A hypothetical change and the engine's verdict on it.
#[derive(Debug, Clone)]
pub struct Hypothetical {
    /// The contract with the hypothetical change as its only proposed change.
    pub contract: Contract,
    pub assessment: Assessment,
}

/// Why a hypothetical change cannot be assessed: a field of it contradicts the contract or the
/// merger, as `check` would report for a change written in the portfolio.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    /// The field below the change, as in the portfolio format: `new_end`,
    /// `exercise_option.quantity`, `add_authorities[0]`; empty for the change as a whole.
    pub field: String,
    pub message: String,
    pub help: Option<String>,
}

/// Validates `change` against contract `contract_id` and, when it is consistent, assesses it.
pub fn assess(
    portfolio: &Portfolio,
    thresholds: &Thresholds,
    contract_id: &str,
    change: ProposedChange,
) -> Result<Hypothetical, Vec<FieldProblem>> {
    let Some(original) = portfolio.contract(contract_id) else {
        return Err(vec![FieldProblem {
            field: String::new(),
            message: format!("no contract \"{contract_id}\" in the portfolio"),
            help: None,
        }]);
    };
    let mut contract = original.clone();
    contract.proposed_changes = vec![change];
    let single = Portfolio {
        root: portfolio.root.clone(),
        merger: portfolio.merger.clone(),
        contracts: vec![contract],
    };
    // The rest of the portfolio is valid (it was loaded with `load_checked`); only problems of
    // the hypothetical change can appear, and only those are reported.
    let prefix = single.contracts[0].origin.field(".proposed_changes[0]");
    let problems: Vec<FieldProblem> =
        crate::validate::validate(&single, &Sources::default(), thresholds)
            .into_iter()
            .filter_map(|d| {
                let rest = d.path.strip_prefix(&prefix)?;
                Some(FieldProblem {
                    field: rest.trim_start_matches('.').to_owned(),
                    message: d.message,
                    help: d.help,
                })
            })
            .collect();
    if !problems.is_empty() {
        return Err(problems);
    }
    let Portfolio {
        merger,
        mut contracts,
        ..
    } = single;
    let contract = contracts.remove(0);
    let change = &contract.proposed_changes[0];
    let assessment = crate::law::assess_change(&contract, change, merger.as_ref(), thresholds);
    Ok(Hypothetical {
        contract,
        assessment,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Recommendation;
    use std::path::Path;

    fn example() -> crate::load::Loaded {
        crate::load::load_checked(&Path::new(env!("CARGO_MANIFEST_DIR")).join("contracts")).unwrap()
    }

    fn change(json: serde_json::Value) -> ProposedChange {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn a_small_price_increase_continues_and_writes_nothing() {
        let loaded = example();
        let before = loaded.portfolio.contract("storvik-barnehage-2022").cloned();
        let h = assess(
            &loaded.portfolio,
            &loaded.thresholds,
            "storvik-barnehage-2022",
            change(serde_json::json!({
                "id": CHANGE_ID, "description": "test", "date": "2027-11-01", "value_change": "10000"
            })),
        )
        .unwrap();
        assert_eq!(h.assessment.recommendation, Recommendation::Continue);
        assert_eq!(h.assessment.change, CHANGE_ID);
        let after = loaded.portfolio.contract("storvik-barnehage-2022");
        assert_eq!(
            before.map(|c| c.proposed_changes.len()),
            after.map(|c| c.proposed_changes.len())
        );
    }

    #[test]
    fn an_unknown_option_is_a_field_problem() {
        let loaded = example();
        let problems = assess(
            &loaded.portfolio,
            &loaded.thresholds,
            "storvik-barnehage-2022",
            change(serde_json::json!({
                "id": CHANGE_ID, "description": "test", "date": "2027-11-01",
                "exercise_option": { "id": "finnes-ikke" }
            })),
        )
        .unwrap_err();
        assert_eq!(problems[0].field, "exercise_option.id");
        assert!(problems[0].message.contains("finnes-ikke"));
    }
}
