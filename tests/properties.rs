//! Properties the decision procedure must keep for any facts: a larger increase, a larger
//! stated value of the non-price elements, an unstated value, or an extra § 28-2 marker never
//! makes the recommendation less strict; a marker of unknown value never yields continue through
//! de minimis; the verdicts do not depend on the order of the contract files; and the invariants
//! of legal-rules.md § 3 hold for every assessment.

#[path = "cases/builders.rs"]
mod builders;

use proptest::prelude::*;
use serde_json::{Value, json};
use vesentlig::assessment::{Basis, Element, Ground, Recommendation};
use vesentlig::model::{Part, Portfolio};
use vesentlig::thresholds::Thresholds;

/// A random legal situation around the base contract: subject, kind, value, index, earlier
/// modifications, an option or clause named, joining authorities, a new supplier, (c) or (d)
/// facts, a term extension and the merger.
fn situation() -> impl Strategy<Value = (Value, Value, bool)> {
    (
        (
            prop_oneof![Just("services"), Just("supplies"), Just("works")],
            prop_oneof![Just("contract"), Just("framework_agreement")],
            prop_oneof![Just(400_000i64), Just(1_500_000), Just(12_000_000), Just(90_000_000)],
            proptest::option::of(0i64..3_000_000),
            proptest::option::of((0i64..2_000_000, 0usize..4)),
        ),
        (
            0usize..3,
            0usize..3,
            proptest::option::of(prop_oneof![Just("acquisition"), Just("other")]),
            0usize..3,
            proptest::option::of(prop_oneof![Just("2027-06-30"), Just("2028-12-31")]),
            any::<bool>(),
            // Now and then a change dated after the contract's end (2026-12-31).
            prop_oneof![4 => Just("2025-06-01"), 1 => Just("2027-02-01")],
        ),
    )
        .prop_map(
            |((subject, kind, value, index, earlier), (named, joining, supplier, ground, new_end, merger, date))| {
                let grounds = ["de_minimis", "unknown", "unforeseen", "option"];
                let mut contract = json!({ "subject": subject, "kind": kind, "value": value.to_string(),
                    "options": [{ "id": "o", "kind": "volume", "description": "mer", "quantity": 10,
                                  "unit": "stk", "value": "1000000", "exercised_quantity": 2 }],
                    "change_clauses": [{ "id": "k", "text": "volum og nye kommuner", "covers": ["volume", "new_authorities"],
                                         "max_value": "1500000", "clear_precise_unequivocal": true }] });
                if let Some(extra) = index {
                    builders::merge(&mut contract, &json!({ "price_index": {
                        "index": "KPI", "adjusted_value": (value + extra).to_string(), "as_of": "2025-01-01" } }));
                }
                if let Some((v, g)) = earlier {
                    builders::merge(&mut contract, &json!({ "modifications": [
                        { "date": "2023-01-01", "description": "tidligere", "value_change": v.to_string(), "ground": grounds[g] }] }));
                }
                let mut change = json!({ "date": date });
                match named {
                    1 => builders::merge(&mut change, &json!({ "exercise_option": { "id": "o", "quantity": 3 } })),
                    2 => builders::merge(&mut change, &json!({ "under_clause": "k" })),
                    _ => {}
                }
                match joining {
                    1 => builders::merge(&mut change, &json!({ "add_authorities": ["B"] })),
                    // An authority outside the merger joins (legal-rules.md § 6 no. 14).
                    2 => builders::merge(&mut change, &json!({ "add_authorities": [
                        { "name": "Nabovik kommune", "org_no": "944000001" }] })),
                    _ => {}
                }
                if let Some(cause) = supplier {
                    builders::merge(&mut change, &json!({ "new_supplier": {
                        "name": "Y AS", "cause": cause, "meets_original_qualifications": true } }));
                }
                match ground {
                    1 => builders::merge(&mut change, &json!({ "additional_deliveries": {
                        "change_of_supplier_impossible": true, "significant_inconvenience_or_cost": true, "reason": "r" } })),
                    2 => builders::merge(&mut change, &json!({ "unforeseen": { "circumstance": "c", "arose": "2023-01-01" } })),
                    _ => {}
                }
                if let Some(end) = new_end {
                    builders::merge(&mut change, &json!({ "new_end": end }));
                }
                (contract, change, merger)
            },
        )
}

fn markers() -> impl Strategy<Value = [bool; 4]> {
    any::<[bool; 4]>()
}

fn with_markers(change: &Value, m: [bool; 4]) -> Value {
    let mut c = change.clone();
    builders::merge(
        &mut c,
        &json!({ "nature": {
        "price_terms": if m[0] { "favour_supplier" } else { "unchanged" },
        "relaxes_requirements": m[1], "shifts_risk_to_buyer": m[2], "new_kinds_of_deliveries": m[3] } }),
    );
    c
}

/// The change with `nature.estimated_value` stated.
fn with_estimate(change: &Value, v: i64) -> Value {
    let mut c = change.clone();
    builders::merge(
        &mut c,
        &json!({ "nature": { "estimated_value": v.to_string() } }),
    );
    c
}

/// Markers with at least one whose value can be stated (not only new kinds of deliveries).
fn valued_markers() -> impl Strategy<Value = [bool; 4]> {
    any::<[bool; 4]>().prop_filter("a marker with a value", |m| m[0] || m[1] || m[2])
}

fn with_value(change: &Value, v: i64) -> Value {
    let mut c = change.clone();
    builders::merge(&mut c, &json!({ "value_change": v.to_string() }));
    c
}

fn merger(on: bool) -> Option<Value> {
    on.then(builders::merger)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn a_larger_increase_is_never_less_strict(
        (contract, change, m) in situation(),
        marks in markers(),
        low in 0i64..20_000_000,
        extra in 0i64..20_000_000,
    ) {
        let change = with_markers(&change, marks);
        let a = builders::assess(contract.clone(), with_value(&change, low), merger(m));
        let b = builders::assess(contract, with_value(&change, low + extra), merger(m));
        prop_assert!(a.recommendation <= b.recommendation,
            "{} kr → {:?}, but {} kr → {:?}", low, a.recommendation, low + extra, b.recommendation);
    }

    #[test]
    fn a_larger_stated_value_is_never_less_strict(
        (contract, change, m) in situation(),
        marks in valued_markers(),
        value in -3_000_000i64..6_000_000,
        low in 0i64..3_000_000,
        extra in 0i64..3_000_000,
    ) {
        let change = with_markers(&with_value(&change, value), marks);
        let a = builders::assess(contract.clone(), with_estimate(&change, low), merger(m));
        let b = builders::assess(contract.clone(), with_estimate(&change, low + extra), merger(m));
        // An unstated value is unknown, never zero: no stated value is treated more strictly.
        let unknown = builders::assess(contract, change, merger(m));
        prop_assert!(a.recommendation <= b.recommendation,
            "stated {} kr → {:?}, but {} kr → {:?}", low, a.recommendation, low + extra, b.recommendation);
        prop_assert!(b.recommendation <= unknown.recommendation,
            "stated {} kr → {:?}, but unstated → {:?}", low + extra, b.recommendation, unknown.recommendation);
    }

    #[test]
    fn a_marker_of_unknown_value_never_yields_continue_through_de_minimis(
        (contract, change, m) in situation(),
        marks in valued_markers(),
        value in -3_000_000i64..6_000_000,
    ) {
        let a = builders::assess(contract, with_markers(&with_value(&change, value), marks), merger(m));
        prop_assert!(!a.grounds.contains(&Ground::DeMinimis), "{:?}: {}", a.grounds, a.conclusion.nb);
        prop_assert!(a.elements.iter().all(|c| c.covered_by != Some(Ground::DeMinimis)));
    }

    #[test]
    fn a_further_marker_is_never_less_strict(
        (contract, change, m) in situation(),
        marks in markers(),
        add in 0usize..4,
        value in -3_000_000i64..6_000_000,
    ) {
        let mut more = marks;
        more[add] = true;
        let change = with_value(&change, value);
        let a = builders::assess(contract.clone(), with_markers(&change, marks), merger(m));
        let b = builders::assess(contract, with_markers(&change, more), merger(m));
        prop_assert!(a.recommendation <= b.recommendation,
            "{:?} → {:?}, but {:?} → {:?}", marks, a.recommendation, more, b.recommendation);
    }

    #[test]
    fn verdicts_do_not_depend_on_the_order_of_contracts(
        cases in proptest::collection::vec((situation(), -1_000_000i64..5_000_000), 1..6),
        rotate in 0usize..6,
    ) {
        let contracts: Vec<_> = cases.iter().enumerate().map(|(i, ((contract, change, _), v))| {
            let mut c = builders::contract_json(contract.clone(), with_value(change, *v));
            c["id"] = json!(format!("k{i}"));
            builders::to_contract(&c)
        }).collect();
        let mut shuffled = contracts.clone();
        shuffled.rotate_left(rotate % contracts.len());
        shuffled.reverse();
        let portfolio = |contracts| Portfolio {
            merger: Some(builders::to_merger(&builders::merger())),
            contracts,
            ..Default::default()
        };
        let t = Thresholds::default();
        let mut a = vesentlig::law::assess_portfolio(&portfolio(contracts), &t);
        let mut b = vesentlig::law::assess_portfolio(&portfolio(shuffled), &t);
        a.sort_by(|x, y| (&x.contract, &x.change).cmp(&(&y.contract, &y.change)));
        b.sort_by(|x, y| (&x.contract, &x.change).cmp(&(&y.contract, &y.change)));
        prop_assert_eq!(a, b);
    }

    #[test]
    fn the_invariants_of_the_decision_procedure_hold(
        (contract, change, m) in situation(),
        marks in markers(),
        value in -7_000_000i64..20_000_000,
    ) {
        let framework = contract["kind"] == "framework_agreement";
        let a = builders::assess(contract, with_markers(&with_value(&change, value), marks), merger(m));
        let uncovered = a.elements.iter().any(|c| c.covered_by.is_none());
        let judged = a.elements.iter().any(|c| c.basis == Some(Basis::Assessment));
        // A contract that has ended cannot be changed: retender, no ground considered.
        if a.contract_ended.is_some() {
            prop_assert_eq!(a.recommendation, Recommendation::Retender);
            prop_assert!(a.tests.is_empty() && a.grounds.is_empty());
            prop_assert!(!a.modification_notice && !judged);
            prop_assert!(a.elements.iter().all(|c| c.covered_by.is_none()));
            return Ok(());
        }
        let expected = if uncovered {
            Recommendation::Retender
        } else if judged {
            Recommendation::IntentionNotice
        } else {
            Recommendation::Continue
        };
        prop_assert_eq!(a.recommendation, expected);
        // § 28-1 (3): only part III, only when relying on (c) or (d).
        prop_assert_eq!(
            a.modification_notice,
            a.part == Part::III
                && a.grounds.iter().any(|g| matches!(g, Ground::AdditionalDeliveries | Ground::Unforeseen))
        );
        let below = |c: &vesentlig::assessment::ElementCoverage| c.covered_by == Some(Ground::BelowNationalThreshold);
        for c in a.elements.iter().filter(|c| !below(c)) {
            let marker = matches!(c.element, Element::PriceTermsFavourSupplier | Element::RelaxesRequirements
                | Element::ShiftsRiskToBuyer | Element::NewKindsOfDeliveries);
            // Markers and term extensions are never covered by (f) (§ 28-2; C-526/17).
            if marker || c.element == Element::TermExtension {
                prop_assert_ne!(c.covered_by, Some(Ground::NotSubstantial), "{:?}", c.element);
            }
            // New kinds of deliveries: no ground of part II or III covers them.
            if c.element == Element::NewKindsOfDeliveries {
                prop_assert_eq!(c.covered_by, None);
            }
            // § 26-1 (3), C-216/17: a framework's joining authorities need a change clause.
            if framework && c.element == Element::JoiningAuthorities && c.covered_by.is_some() {
                prop_assert_eq!(c.covered_by, Some(Ground::ChangeClause));
            }
        }
        // § 28-1 (1) e no. 2: supplier succession only with every other element objective.
        if a.elements.iter().any(|c| c.covered_by == Some(Ground::SupplierSuccession)) {
            prop_assert!(a.elements.iter().all(|c| c.basis == Some(Basis::Objective)));
        }
        for t in &a.tests {
            prop_assert!(!t.provision.is_empty() && !t.reasons.is_empty(), "{:?}", t.test);
            prop_assert!(t.reasons.iter().all(|r| !r.nb.is_empty() && !r.en.is_empty()));
        }
        // Each sentence once: no reason repeated within a test, no warning repeated as a reason.
        for t in &a.tests {
            for (i, r) in t.reasons.iter().enumerate() {
                prop_assert!(!t.reasons[..i].contains(r), "repeated: {}", r.nb);
                prop_assert!(!a.warnings.contains(r), "reason repeated as a warning: {}", r.nb);
            }
        }
    }
}
