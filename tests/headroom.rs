//! Headroom agrees with `assess` at every boundary: a change of exactly the reported room is
//! covered, one øre (or one day) more is not — for the headline figures and for every ground,
//! on the example portfolio and on random contracts.

#[path = "cases/builders.rs"]
mod builders;

use chrono::{NaiveDate, TimeDelta};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{Value, json};
use vesentlig::analysis::headroom::{self, Headroom, ORE, Reach};
use vesentlig::analysis::{AssumedFacts, Probe};
use vesentlig::assessment::{Assessment, Element, Ground, Outcome, Recommendation};
use vesentlig::model::{Contract, Merger};
use vesentlig::thresholds::Thresholds;

/// Every way a change can name its ground: nothing, each option, each clause.
fn configurations(c: &Contract) -> Vec<(Option<String>, Option<String>)> {
    let mut out = vec![(None, None)];
    out.extend(c.options.iter().map(|o| (Some(o.id.clone()), None)));
    out.extend(c.change_clauses.iter().map(|k| (None, Some(k.id.clone()))));
    out
}

struct Case<'a> {
    c: &'a Contract,
    m: Option<&'a Merger>,
    t: &'a Thresholds,
    h: &'a Headroom,
}

impl Case<'_> {
    fn assess(&self, f: impl Fn(&mut Probe)) -> Assessment {
        let mut p = Probe::on(self.h.date, "test");
        f(&mut p);
        p.assess(self.c, self.m, self.t)
    }

    /// The best verdict any configuration (and, for `facts`, any assumed facts) gives.
    fn best(&self, facts: &[AssumedFacts], f: impl Fn(&mut Probe)) -> Recommendation {
        let mut best = Recommendation::Retender;
        for (option, clause) in configurations(self.c) {
            for &fact in facts {
                let a = self.assess(|p| {
                    f(p);
                    p.option.clone_from(&option);
                    p.clause.clone_from(&clause);
                    p.facts = fact;
                });
                best = best.min(a.recommendation);
            }
        }
        best
    }

    fn check_headline(&self) -> Result<(), String> {
        let all = [
            AssumedFacts::None,
            AssumedFacts::AdditionalDeliveries,
            AssumedFacts::Unforeseen,
        ];
        let none = [AssumedFacts::None];
        for (reach, facts, target) in [
            (self.h.continue_up_to, &none[..], Recommendation::Continue),
            (
                self.h.intention_notice_up_to,
                &all[..],
                Recommendation::IntentionNotice,
            ),
        ] {
            match reach {
                Reach::UpTo(x) => {
                    let at = self.best(facts, |p| p.value_change = x);
                    let above = self.best(facts, |p| p.value_change = x + ORE);
                    if at > target || above <= target {
                        return Err(format!(
                            "{}: {target:?} up to {x}: at {at:?}, one øre more {above:?}",
                            self.c.id
                        ));
                    }
                }
                // Not even an increase of one øre gets the verdict.
                Reach::None => {
                    if self.best(facts, |p| p.value_change = ORE) <= target {
                        return Err(format!(
                            "{}: no room reported, but one øre is {target:?}",
                            self.c.id
                        ));
                    }
                }
                // No limit: even ten times the contract's value keeps the verdict.
                Reach::Unlimited => {
                    let far = self.c.value * Decimal::TEN;
                    let got = self.best(facts, |p| p.value_change = far);
                    if got > target {
                        return Err(format!(
                            "{}: {target:?} reported without a limit, but {far} is {got:?}",
                            self.c.id
                        ));
                    }
                }
            }
        }
        for (reach, facts, target) in [
            (self.h.continue_until, &none[..], Recommendation::Continue),
            (
                self.h.intention_notice_until,
                &all[..],
                Recommendation::IntentionNotice,
            ),
        ] {
            match reach {
                Reach::UpTo(d) => {
                    let next = d + TimeDelta::days(1);
                    let at = self.best(facts, |p| p.new_end = Some(d));
                    let above = self.best(facts, |p| p.new_end = Some(next));
                    if at > target || above <= target {
                        return Err(format!(
                            "{}: {target:?} until {d}: at {at:?}, a day later {above:?}",
                            self.c.id
                        ));
                    }
                }
                // Not even one more day gets the verdict.
                Reach::None => {
                    let next = self.c.end + TimeDelta::days(1);
                    if self.best(facts, |p| p.new_end = Some(next)) <= target {
                        return Err(format!(
                            "{}: no extension reported, but one day is {target:?}",
                            self.c.id
                        ));
                    }
                }
                // No limit: even ten more years keep the verdict.
                Reach::Unlimited => {
                    let far = self.c.end + TimeDelta::days(3650);
                    let got = self.best(facts, |p| p.new_end = Some(far));
                    if got > target {
                        return Err(format!(
                            "{}: {target:?} reported without a limit, but an end of {far} is {got:?}",
                            self.c.id
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    /// Whether the test of `ground` passes (or, for a ground resting on a judgement, is
    /// uncertain rather than failed) for `element` of the probe: the ground's own verdict,
    /// whichever ground the allocation then relies on.
    fn covers(&self, ground: Ground, element: Element, f: impl Fn(&mut Probe)) -> bool {
        let a = self.assess(f);
        a.elements.iter().any(|e| e.element == element)
            && a.tests.iter().any(|t| {
                t.test == ground && matches!(t.outcome, Outcome::Pass | Outcome::Uncertain)
            })
    }

    fn check_grounds(&self) -> Result<(), String> {
        for g in &self.h.grounds {
            let name = |p: &mut Probe| match g.ground {
                Ground::Option => p.option.clone_from(&g.id),
                Ground::ChangeClause => p.clause.clone_from(&g.id),
                Ground::AdditionalDeliveries => p.facts = AssumedFacts::AdditionalDeliveries,
                Ground::Unforeseen => p.facts = AssumedFacts::Unforeseen,
                _ => {}
            };
            let price_ground = matches!(
                g.ground,
                Ground::DeMinimis | Ground::AdditionalDeliveries | Ground::BelowNationalThreshold
            ) || (g.ground == Ground::Option && g.until.is_none())
                || (g.ground == Ground::ChangeClause
                    && self
                        .c
                        .clause(g.id.as_deref().unwrap_or_default())
                        .is_some_and(|k| {
                            k.clear_precise_unequivocal
                                && k.covers.contains(&vesentlig::model::ClauseCover::Volume)
                        }));
            if let (Some(room), true) = (g.room.filter(|r| !r.is_zero()), price_ground) {
                let at = self.covers(g.ground, Element::PriceIncrease, |p| {
                    name(p);
                    p.value_change = room;
                });
                let above = self.covers(g.ground, Element::PriceIncrease, |p| {
                    name(p);
                    p.value_change = room + ORE;
                });
                if !at || above {
                    return Err(format!(
                        "{} {:?} {:?}: room {room}: covers at {at}, one øre more {above}",
                        self.c.id, g.ground, g.id
                    ));
                }
            }
            if let Some(until) = g.until.filter(|_| g.ground != Ground::FrameworkDuration) {
                let at = self.covers(g.ground, Element::TermExtension, |p| {
                    name(p);
                    p.new_end = Some(until);
                });
                let above = self.covers(g.ground, Element::TermExtension, |p| {
                    name(p);
                    p.new_end = Some(until + TimeDelta::days(1));
                });
                if !at || above {
                    return Err(format!(
                        "{} {:?} {:?}: until {until}: covers at {at}, a day later {above}",
                        self.c.id, g.ground, g.id
                    ));
                }
            }
        }
        Ok(())
    }
}

fn check(c: &Contract, m: Option<&Merger>, t: &Thresholds, date: NaiveDate) -> Result<(), String> {
    let h = headroom::headroom(c, m, t, date);
    let case = Case { c, m, t, h: &h };
    case.check_headline()?;
    case.check_grounds()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn every_boundary_of_the_example_portfolio_agrees_with_assess() {
    let loaded = vesentlig::load::load_checked(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/contracts"
    )))
    .unwrap();
    let p = &loaded.portfolio;
    let mut failures = Vec::new();
    for date in [d("2026-12-01"), d("2027-06-15")] {
        for c in &p.contracts {
            if let Err(e) = check(c, p.merger.as_ref(), &loaded.thresholds, date) {
                failures.push(format!("{date}: {e}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn worked_figures_for_the_cleaning_contract() {
    // Base 12 000 000, services: 10 % = 1 200 000 < EEA 2 300 000; an earlier de minimis change
    // of 400 000 leaves room for 799 999,99 (strictly below 800 000).
    let c = builders::to_contract(&builders::contract_json(
        json!({ "modifications": [{ "date": "2023-01-01", "description": "tidligere", "value_change": "400000", "ground": "de_minimis" }] }),
        json!({}),
    ));
    let h = headroom::headroom(&c, None, &Thresholds::default(), d("2025-06-01"));
    assert_eq!(h.continue_up_to, Reach::UpTo(Decimal::new(79_999_999, 2)));
    assert_eq!(h.continue_by, Some(Ground::DeMinimis));
    // With the facts of (c): 50 % of the base per change.
    assert_eq!(
        h.intention_notice_up_to,
        Reach::UpTo(Decimal::new(6_000_000, 0))
    );
    let b = h
        .grounds
        .iter()
        .find(|g| g.ground == Ground::DeMinimis)
        .unwrap();
    assert_eq!(b.room, Some(Decimal::new(79_999_999, 2)));
    let most = vesentlig::text::nok(Decimal::new(79_999_999, 2), vesentlig::text::Lang::Nb);
    assert!(
        b.reason.nb.contains(&format!("høyst {most}")),
        "{}",
        b.reason.nb
    );
}

#[test]
fn an_ended_contract_has_no_headroom() {
    let c = builders::to_contract(&builders::contract_json(json!({}), json!({})));
    let h = headroom::headroom(&c, None, &Thresholds::default(), d("2027-01-01"));
    assert_eq!(h.contract_ended, Some(d("2026-12-31")));
    assert_eq!(
        (h.continue_up_to, h.intention_notice_up_to),
        (Reach::None, Reach::None)
    );
    assert!(h.grounds.is_empty());
}

/// Random contracts around the base: subject, kind, value, index, earlier modifications on
/// different grounds, volume and extension options, clauses with and without a maximum.
fn contract() -> impl Strategy<Value = Value> {
    (
        prop_oneof![Just("services"), Just("supplies"), Just("works")],
        prop_oneof![Just("contract"), Just("framework_agreement")],
        prop_oneof![Just(400_000i64), Just(1_500_000), Just(12_000_000), Just(90_000_000)],
        proptest::option::of(0i64..3_000_000),
        proptest::option::of((0i64..2_000_000, 0usize..4)),
        proptest::option::of((1u32..5, 0i64..3_000_000)),
        proptest::option::of((prop_oneof![Just("volume"), Just("term")], proptest::option::of(0i64..4_000_000))),
        proptest::option::of(1u32..36),
    )
        .prop_map(|(subject, kind, value, index, earlier, volume, clause, extension)| {
            let grounds = ["de_minimis", "unknown", "unforeseen", "change_clause"];
            let mut c = json!({ "subject": subject, "kind": kind, "value": value.to_string() });
            let mut options = Vec::new();
            if let Some((q, v)) = volume {
                options.push(json!({ "id": "v", "kind": "volume", "description": "mer", "quantity": q + 2,
                                     "unit": "stk", "value": v.to_string(), "exercised_quantity": 2 }));
            }
            if let Some(months) = extension {
                options.push(json!({ "id": "e", "kind": "extension", "months": months, "exercised": false }));
            }
            builders::merge(&mut c, &json!({ "options": options }));
            if let Some((covers, max)) = clause {
                let mut k = json!({ "id": "k", "text": "klausul", "covers": [covers], "clear_precise_unequivocal": true });
                if let Some(max) = max {
                    k["max_value"] = json!(max.to_string());
                }
                builders::merge(&mut c, &json!({ "change_clauses": [k] }));
            }
            if let Some(extra) = index {
                builders::merge(&mut c, &json!({ "price_index": {
                    "index": "KPI", "adjusted_value": (value + extra).to_string(), "as_of": "2024-01-01" } }));
            }
            if let Some((v, g)) = earlier {
                let mut m = json!({ "date": "2023-01-01", "description": "tidligere", "value_change": v.to_string(), "ground": grounds[g] });
                if grounds[g] == "change_clause" && clause.is_some() {
                    m["clause"] = json!("k");
                }
                builders::merge(&mut c, &json!({ "modifications": [m] }));
            }
            c
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn headroom_agrees_with_assess_at_every_boundary(
        c in contract(),
        merger in any::<bool>(),
        date in prop_oneof![Just("2022-03-01"), Just("2025-06-01"), Just("2026-12-30")],
    ) {
        let contract = builders::to_contract(&builders::contract_json(c, json!({})));
        let m = merger.then(|| builders::to_merger(&builders::merger()));
        let t = Thresholds::default();
        if let Err(e) = check(&contract, m.as_ref(), &t, d(date)) {
            prop_assert!(false, "{}", e);
        }
    }
}

fn vesentlig(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_vesentlig"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

/// The stable JSON of `headroom`, reviewed: the keys of the specification first.
#[test]
fn headroom_json_for_the_payroll_contracts() {
    let out = vesentlig(&[
        "headroom",
        "contracts",
        "--date",
        "2026-12-01",
        "--format",
        "json",
        "--contract",
        "fjordvik-lonn-2021",
        "--contract",
        "storvik-barnehage-2022",
        "--contract",
        "storvik-renhold-2023",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    insta::assert_snapshot!("headroom_json", String::from_utf8_lossy(&out.stdout));
    let table = vesentlig(&[
        "headroom",
        "contracts",
        "--date",
        "2027-06-01",
        "--contract",
        "storvik-renhold-2023",
        "--lang",
        "en",
    ]);
    assert_eq!(
        String::from_utf8_lossy(&table.stdout),
        "storvik-renhold-2023 · 2027-06-01 · part III\n  The contract ended on 30 April 2027.\n\n"
    );
    let unknown = vesentlig(&["headroom", "contracts", "--contract", "finnes-ikke"]);
    assert_eq!(unknown.status.code(), Some(2));
}
