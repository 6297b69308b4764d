//! The synthetic portfolios of the benchmarks: valid, deterministic, and varied.

use std::fs;
use std::path::Path;
use std::process::Command;

use vesentlig::model::{ContractKind, OptionKind, Subject};
use vesentlig::synthetic::{Spec, generate};

fn spec(seed: u64) -> Spec {
    Spec {
        per_file: 100,
        ..Spec::new(400, seed)
    }
}

/// Every file of `dir`, by name, with its bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read(&path).unwrap())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_generated_portfolio_passes_check() {
    let tmp = tempfile::tempdir().unwrap();
    let written = generate(&spec(1), tmp.path()).unwrap();
    assert_eq!(written.contracts, 400);
    assert_eq!(
        written.files.len(),
        5,
        "merger.json and four municipality files"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_vesentlig"))
        .arg("check")
        .arg(tmp.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("400 contracts"), "{stdout}");
}

#[test]
fn the_same_seed_gives_the_same_files() {
    let (a, b, c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    generate(&spec(1), a.path()).unwrap();
    generate(&spec(1), b.path()).unwrap();
    generate(&spec(2), c.path()).unwrap();
    assert_eq!(files(a.path()), files(b.path()));
    assert_ne!(files(a.path()), files(c.path()));
}

#[test]
fn an_occupied_folder_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("merger.json"), "{}").unwrap();
    assert!(generate(&spec(1), tmp.path()).is_err());
    assert_eq!(fs::read(tmp.path().join("merger.json")).unwrap(), b"{}");
}

#[test]
fn the_portfolio_holds_every_kind_of_contract_and_change() {
    let tmp = tempfile::tempdir().unwrap();
    generate(&spec(1), tmp.path()).unwrap();
    let loaded = vesentlig::load::load_checked(tmp.path()).unwrap();
    let contracts = &loaded.portfolio.contracts;
    let some = |what: &str, f: &dyn Fn(&vesentlig::model::Contract) -> bool| {
        assert!(contracts.iter().any(f), "no contract with {what}");
    };
    some("a framework agreement", &|c| {
        c.kind == ContractKind::FrameworkAgreement
    });
    some("works", &|c| c.subject == Subject::Works);
    some("supplies", &|c| c.subject == Subject::Supplies);
    some("an extension option", &|c| {
        c.options.iter().any(|o| o.kind == OptionKind::Extension)
    });
    some("a volume option", &|c| {
        c.options.iter().any(|o| o.kind == OptionKind::Volume)
    });
    some("a change clause", &|c| !c.change_clauses.is_empty());
    some("a price index", &|c| c.price_index.is_some());
    some("a modification", &|c| !c.modifications.is_empty());
    some("the part given at award", &|c| c.award.part.is_some());
    some("a joint purchase", &|c| c.authorities.len() > 1);
    let changes: Vec<_> = contracts.iter().flat_map(|c| &c.proposed_changes).collect();
    let any = |what: &str, f: &dyn Fn(&&vesentlig::model::ProposedChange) -> bool| {
        assert!(changes.iter().any(f), "no proposed change with {what}");
    };
    any("an option exercised", &|p| p.exercise_option.is_some());
    any("a clause", &|p| p.under_clause.is_some());
    any("additional deliveries", &|p| {
        p.additional_deliveries.is_some()
    });
    any("unforeseen circumstances", &|p| p.unforeseen.is_some());
    any("a new supplier", &|p| p.new_supplier.is_some());
    any("a new end", &|p| p.new_end.is_some());
    any("joining municipalities", &|p| !p.add_authorities.is_empty());
    any("a price decrease", &|p| p.value_change.is_sign_negative());
    any("new kinds of deliveries", &|p| {
        p.nature.new_kinds_of_deliveries
    });
    any("a stated non-price value", &|p| {
        p.nature.estimated_value.is_some()
    });
    any("a non-price marker of unknown value", &|p| {
        p.nature.has_valued_marker() && p.nature.estimated_value.is_none()
    });
    any("an authority outside the merger joining", &|p| {
        p.add_authorities
            .iter()
            .any(|a| matches!(a, vesentlig::model::AuthorityRef::External(_)))
    });
    // Every recommendation occurs, and a change agreed after its contract ended.
    let assessments = vesentlig::law::assess_portfolio(&loaded.portfolio, &loaded.thresholds);
    assert!(assessments.iter().any(|a| a.contract_ended.is_some()));
    for r in [
        vesentlig::assessment::Recommendation::Continue,
        vesentlig::assessment::Recommendation::IntentionNotice,
        vesentlig::assessment::Recommendation::Retender,
    ] {
        assert!(
            assessments.iter().any(|a| a.recommendation == r),
            "no {r:?}"
        );
    }
}
