//! The consolidation analysis: groups, the earliest lawful end of each contract, the exposure of
//! ending it at the merger, the hypothetical change that keeps one contract for everyone — judged
//! exactly as `assess` judges it — and the ranking; worked figures on the example portfolio.

#[path = "cases/builders.rs"]
mod builders;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::json;
use vesentlig::analysis::consolidation::{self, AlternativeKind, Group, GroupBasis, Input};
use vesentlig::analysis::termination::{self, EndBy};
use vesentlig::assessment::Recommendation;
use vesentlig::model::{AuthorityRef, Portfolio};
use vesentlig::plan::PlanningConfig;
use vesentlig::thresholds::Thresholds;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn example_groups(date: &str) -> (vesentlig::load::Loaded, Vec<Group>) {
    let loaded = vesentlig::load::load_checked(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/contracts"
    )))
    .unwrap();
    let groups = consolidation::analyse(&Input {
        portfolio: &loaded.portfolio,
        thresholds: &loaded.thresholds,
        config: &PlanningConfig::default(),
        date: d(date),
    });
    (loaded, groups)
}

fn group<'a>(groups: &'a [Group], name: &str) -> &'a Group {
    groups
        .iter()
        .find(|g| g.group == name)
        .unwrap_or_else(|| panic!("no group {name}"))
}

/// The worked figures of contracts/README.md, «Consolidation».
#[test]
fn the_example_payroll_and_library_groups() {
    let (_, groups) = example_groups("2026-12-01");
    let payroll = group(&groups, "Personal- og lønnssystem");
    assert_eq!(payroll.basis, GroupBasis::System);
    assert_eq!(
        payroll.contracts().collect::<Vec<_>>(),
        [
            "fjordvik-lonn-2021",
            "lillevik-lonn-2019",
            "storvik-lonn-2017"
        ]
    );
    let keep = |g: &Group, id: &str| {
        g.alternatives
            .iter()
            .find(|a| a.keep.as_deref() == Some(id))
            .unwrap()
            .clone()
    };
    // Fjordvik's payroll can take the others' needs under (d): the merger arose after its
    // signing, and 714 164 kr is 14.9 % of 4 800 000 kr, within the 50 % limit.
    let fjordvik = keep(payroll, "fjordvik-lonn-2021");
    let change = fjordvik.change.as_ref().unwrap();
    assert_eq!(change.value_change, Decimal::new(714_164, 0));
    assert_eq!(change.add_authorities, ["lillevik", "storvik"]);
    assert_eq!(change.with_options_until, Some(d("2028-12-31")));
    assert_eq!(fjordvik.recommendation, Recommendation::IntentionNotice);
    assert_eq!(fjordvik.one_contract_from, Some(d("2028-01-01")));
    // Storvik's cannot: 2 736 411 kr is 90 % of 3 040 000 kr.
    let storvik = keep(payroll, "storvik-lonn-2017");
    assert_eq!(storvik.recommendation, Recommendation::Retender);
    assert_eq!(
        payroll
            .recommended
            .map(|i| payroll.alternatives[i].keep.clone()),
        Some(Some("fjordvik-lonn-2021".into()))
    );

    // The library: Lillevik's part I contract absorbs Storvik's below the national threshold.
    let library = group(&groups, "Biblioteksystem");
    let lillevik = keep(library, "lillevik-bibliotek-2023");
    assert_eq!(lillevik.recommendation, Recommendation::Continue);
    assert_eq!(lillevik.rank, 1);
    // Storvik's library contract has no right to end early: ending it at the merger could cost
    // 180 000 × 305 / 365 = 150 411 kr; waiting gives one contract from 2028-11-01.
    assert_eq!(lillevik.exposure, Decimal::new(150_411, 0));
    assert_eq!(lillevik.one_contract_from, Some(d("2028-11-01")));
    assert_eq!(
        lillevik.change.as_ref().unwrap().value_change,
        Decimal::new(45_370, 0)
    );
    // Storvik's, in part II, only on an assessment under § 11-2 (the merger as (d)).
    assert_eq!(
        keep(library, "storvik-bibliotek-2020").recommendation,
        Recommendation::IntentionNotice
    );

    // A single contract is listed, with nothing to weigh.
    let single = group(&groups, "Turnussystem");
    assert!(single.alternatives.is_empty() && single.recommended.is_none());
}

/// Every keep alternative's verdict is the one `assess` gives for the change it describes.
#[test]
fn every_hypothetical_change_is_judged_as_assess_judges_it() {
    let (loaded, groups) = example_groups("2026-12-01");
    let p = &loaded.portfolio;
    for g in &groups {
        for a in g
            .alternatives
            .iter()
            .filter(|a| a.kind == AlternativeKind::Keep)
        {
            let c = p.contract(a.keep.as_deref().unwrap()).unwrap();
            let h = a.change.as_ref().unwrap();
            let mut change = vesentlig::law::implicit_transfer(h.date);
            change.id = "k".into();
            change.value_change = h.value_change;
            change.new_end = h.new_end;
            change.add_authorities = h
                .add_authorities
                .iter()
                .cloned()
                .map(AuthorityRef::Municipality)
                .collect();
            change.unforeseen = Some(vesentlig::model::Unforeseen {
                circumstance: "kommunesammenslåingen".into(),
                arose: None,
            });
            let assessed =
                vesentlig::law::assess_change(c, &change, p.merger.as_ref(), &loaded.thresholds);
            assert_eq!(assessed.recommendation, a.recommendation, "{}", c.id);
            assert_eq!(assessed.grounds, h.assessment.grounds, "{}", c.id);
        }
    }
}

fn portfolio_of(contracts: Vec<serde_json::Value>) -> Portfolio {
    Portfolio {
        merger: Some(builders::to_merger(&builders::merger())),
        contracts: contracts.iter().map(builders::to_contract).collect(),
        ..Default::default()
    }
}

/// The merger of the builders takes effect 2026-01-01.
#[test]
fn earliest_lawful_end_and_exposure() {
    let base = |id: &str, extra: serde_json::Value| {
        let mut c = builders::contract_json(extra, json!({}));
        c["id"] = json!(id);
        c["service_area"] = json!("Byggforvaltning");
        c["proposed_changes"] = json!([]);
        c
    };
    let p = portfolio_of(vec![
        base("a", json!({})),
        base(
            "b",
            json!({ "termination": { "for_convenience": false, "notice_months": 6, "on_merger": true } }),
        ),
        base(
            "c",
            json!({ "termination": { "for_convenience": true, "notice_months": 3, "on_merger": false } }),
        ),
    ]);
    let m = p.merger.as_ref();
    let [a, b, c] = [&p.contracts[0], &p.contracts[1], &p.contracts[2]];
    // No right: the term runs out on 2026-12-31.
    let end = termination::earliest_end(a, m, d("2025-03-01"));
    assert_eq!((end.last_day, end.by), (d("2026-12-31"), EndBy::Expiry));
    // All of 2026 (365 days) remains after the merger, valued as the engine values term.
    assert_eq!(
        termination::remaining_value(a, d("2026-01-01"), end.last_day),
        a.term_value(365)
    );
    // On the merger, with six months' notice by 2025-07-01.
    let end = termination::earliest_end(b, m, d("2025-03-01"));
    assert_eq!(
        (end.last_day, end.by, end.notice_by),
        (d("2025-12-31"), EndBy::OnMerger, Some(d("2025-07-01")))
    );
    // Too late for the notice: the right on the merger is lost; expiry.
    assert_eq!(
        termination::earliest_end(b, m, d("2025-07-02")).by,
        EndBy::Expiry
    );
    // For convenience: three months from the notice.
    let end = termination::earliest_end(c, m, d("2025-03-01"));
    assert_eq!(
        (end.last_day, end.by),
        (d("2025-06-01"), EndBy::ForConvenience)
    );

    let groups = consolidation::analyse(&Input {
        portfolio: &p,
        thresholds: &Thresholds::default(),
        config: &PlanningConfig::default(),
        date: d("2025-03-01"),
    });
    assert_eq!(groups.len(), 1, "the same service area and subject");
    let g = &groups[0];
    assert_eq!(g.basis, GroupBasis::ServiceArea);
    let exposure: Vec<Decimal> = g.members.iter().map(|x| x.exposure_at_merger).collect();
    // Only «a» still runs at the merger without a right to end: all of 2026.
    assert_eq!(exposure[1..], [Decimal::ZERO, Decimal::ZERO]);
    assert_eq!(exposure[0], p.contracts[0].term_value(365));
    // Keeping «a» ends the others, who can end in time: no exposure.
    let keep_a = g
        .alternatives
        .iter()
        .find(|x| x.keep.as_deref() == Some("a"))
        .unwrap();
    assert_eq!(keep_a.exposure, Decimal::ZERO);
    // A new tender would have to end «a» at the merger too.
    let tender = g
        .alternatives
        .iter()
        .find(|x| x.kind == AlternativeKind::NewTender)
        .unwrap();
    assert_eq!(tender.exposure, exposure[0]);
}

/// `consolidation_group` overrides the system: two differently named systems, one need.
#[test]
fn a_given_group_overrides_the_system() {
    let with = |id: &str, system: &str, group: Option<&str>| {
        let mut c = builders::contract_json(json!({ "system": system }), json!({}));
        c["id"] = json!(id);
        c["proposed_changes"] = json!([]);
        if let Some(g) = group {
            c["consolidation_group"] = json!(g);
        }
        c
    };
    let p = portfolio_of(vec![
        with("x", "Visma Lønn", Some("Lønn")),
        with("y", "Personal- og lønnssystem", Some("lønn ")),
        with("z", "Personal- og lønnssystem", None),
    ]);
    let groups = consolidation::analyse(&Input {
        portfolio: &p,
        thresholds: &Thresholds::default(),
        config: &PlanningConfig::default(),
        date: d("2025-03-01"),
    });
    let names: Vec<(&str, GroupBasis, usize)> = groups
        .iter()
        .map(|g| (g.group.as_str(), g.basis, g.members.len()))
        .collect();
    assert_eq!(
        names,
        [
            ("Lønn", GroupBasis::Given, 2),
            ("Personal- og lønnssystem", GroupBasis::System, 1)
        ]
    );
}

/// The stable JSON of `consolidate` on the example, reviewed.
#[test]
fn consolidate_json_on_the_example() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vesentlig"))
        .args([
            "consolidate",
            "contracts",
            "--date",
            "2026-12-01",
            "--format",
            "json",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    // The keys of the specification come first, in order (serde_json's Value would sort them).
    let position = |key: &str| text.find(&format!("\"{key}\":")).unwrap();
    let group_keys = ["group", "contracts", "alternatives", "recommended", "basis"];
    assert!(
        group_keys
            .windows(2)
            .all(|w| position(w[0]) < position(w[1]))
    );
    let alternative_keys = [
        "kind",
        "keep",
        "recommendation",
        "exposure",
        "one_contract_from",
        "reasons",
        "rank",
    ];
    assert!(
        alternative_keys
            .windows(2)
            .all(|w| position(w[0]) < position(w[1]))
    );
    insta::assert_snapshot!("consolidate_json", text);
}
