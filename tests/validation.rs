//! `vesentlig check` on invalid portfolios: one small portfolio per kind of problem, the exact
//! stderr snapshotted, exit status 1. Plus: valid inputs pass, and no input makes it panic.

use std::path::Path;
use std::process::{Command, Output};

use proptest::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;

const MERGER: &str = r#"{
  "name": "Nye Fjordvik kommune",
  "org_no": "921234567",
  "form": "new_entity",
  "explored_from": "2023-05-01",
  "decided": "2024-06-20",
  "effective": "2027-01-01",
  "municipalities": [
    { "id": "fjordvik", "name": "Fjordvik kommune", "org_no": "964000001" },
    { "id": "lillevik", "name": "Lillevik kommune", "org_no": "964000002" }
  ]
}
"#;

const CONTRACT: &str = r#"{
  "id": "lonn-2021",
  "title": "Lønns- og personalsystem",
  "authorities": ["fjordvik"],
  "supplier": { "name": "Lønnsdata AS", "org_no": "912345678" },
  "kind": "contract",
  "subject": "services",
  "character": "standard",
  "award": { "procedure": "open", "announced": true, "signed": "2021-03-01" },
  "start": "2021-04-01",
  "end": "2025-03-31",
  "value": 12000000,
  "options": [
    { "id": "forlengelse-1", "kind": "extension", "months": 12, "exercised": false },
    { "id": "lisenser", "kind": "volume", "description": "ekstra brukerlisenser", "quantity": 100, "unit": "lisenser", "value": 500000, "exercised_quantity": 40 }
  ],
  "change_clauses": [
    { "id": "volum", "text": "Oppdragsgiver kan øke volumet med inntil 20 %.", "covers": ["volume"], "max_value": 2400000, "clear_precise_unequivocal": true }
  ],
  "modifications": [
    { "date": "2023-02-01", "description": "Ny modul for reiseregninger", "value_change": 300000, "clause": "volum", "ground": "change_clause" }
  ],
  "proposed_changes": [
    { "id": "utvid-lillevik", "description": "Lillevik tas inn i avtalen", "date": "2025-01-15", "value_change": 900000, "add_authorities": ["lillevik"], "exercise_option": { "id": "lisenser", "quantity": 60 }, "under_clause": "volum" }
  ]
}
"#;

/// The base contract with each `(from, to)` replaced; every `from` must occur.
fn contract(edits: &[(&str, &str)]) -> String {
    edit(CONTRACT, edits)
}

fn merger(edits: &[(&str, &str)]) -> String {
    edit(MERGER, edits)
}

fn edit(base: &str, edits: &[(&str, &str)]) -> String {
    edits.iter().fold(base.to_owned(), |text, (from, to)| {
        assert!(text.contains(from), "edit target not found: {from}");
        text.replacen(from, to, 1)
    })
}

/// Writes a portfolio folder `p` in a fresh temporary directory.
fn portfolio(files: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = tmp.path().join("p").join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    tmp
}

/// Runs `vesentlig check p` inside the temporary directory, so that paths print as `p/…`.
fn check(tmp: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vesentlig"))
        .args(["check", "p"])
        .current_dir(tmp)
        .output()
        .unwrap()
}

/// Asserts exit status 1, an empty stdout, and snapshots stderr.
fn assert_invalid(name: &str, files: &[(&str, &str)]) {
    let tmp = portfolio(files);
    let out = check(tmp.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
    assert!(out.stdout.is_empty(), "{name}: stdout not empty");
    insta::assert_snapshot!(name, stderr);
}

fn with_contract(name: &str, edits: &[(&str, &str)]) {
    assert_invalid(
        name,
        &[("merger.json", MERGER), ("lonn.json", &contract(edits))],
    );
}

#[test]
fn the_base_portfolio_is_valid() {
    let tmp = portfolio(&[("merger.json", MERGER), ("lonn.json", CONTRACT)]);
    let out = check(tmp.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty());
    insta::assert_snapshot!("valid", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn syntax_errors_give_line_and_column() {
    with_contract(
        "syntax_missing_comma",
        &[(r#""kind": "contract","#, r#""kind": "contract""#)],
    );
    with_contract(
        "syntax_trailing_comma",
        &[(
            r#""character": "standard","#,
            r#""character": "standard",,"#,
        )],
    );
    assert_invalid(
        "syntax_truncated",
        &[("merger.json", MERGER), ("lonn.json", &CONTRACT[..300])],
    );
    assert_invalid(
        "empty_file",
        &[("merger.json", MERGER), ("lonn.json", "  \n")],
    );
    assert_invalid(
        "not_a_contract",
        &[("merger.json", MERGER), ("lonn.json", "42")],
    );
}

#[test]
fn wrong_types() {
    with_contract(
        "wrong_types",
        &[
            (
                r#""authorities": ["fjordvik"]"#,
                r#""authorities": "fjordvik""#,
            ),
            (r#""announced": true"#, r#""announced": "yes""#),
            (r#""value": 12000000"#, r#""value": true"#),
            (r#""months": 12"#, r#""months": "12""#),
            (
                r#""covers": ["volume"]"#,
                r#""covers": ["volume", "everything"]"#,
            ),
        ],
    );
}

#[test]
fn every_unknown_and_missing_field_in_one_contract() {
    with_contract(
        "unknown_fields",
        &[
            (r#""title""#, r#""titel""#),
            (r#""value": 12000000"#, r#""valeu": 12000000"#),
            (r#""supplier""#, r#""leverandor""#),
            (r#""exercised": false"#, r#""excercised": false"#),
            (
                r#""end": "2025-03-31","#,
                r#""end": "2025-03-31", "comment": "x","#,
            ),
        ],
    );
    with_contract(
        "missing_fields",
        &[
            (r#""title": "Lønns- og personalsystem","#, ""),
            (r#""start": "2021-04-01","#, ""),
            (r#", "signed": "2021-03-01""#, ""),
        ],
    );
    with_contract(
        "duplicate_key",
        &[(
            r#""value": 12000000,"#,
            r#""value": 12000000, "value": 13000000,"#,
        )],
    );
}

#[test]
fn bad_dates() {
    with_contract(
        "bad_dates",
        &[
            (r#""signed": "2021-03-01""#, r#""signed": "2025-02-30""#),
            (r#""start": "2021-04-01""#, r#""start": "2021-4-1""#),
            (r#""end": "2025-03-31""#, r#""end": "31.03.2025""#),
        ],
    );
}

#[test]
fn bad_amounts() {
    with_contract(
        "bad_amounts",
        &[
            (r#""value": 12000000"#, r#""value": "12 000 000""#),
            (r#""value": 500000"#, r#""value": 5e5"#),
            (r#""quantity": 100"#, r#""quantity": "hundre""#),
            (r#""max_value": 2400000"#, r#""max_value": "2,4 mill""#),
            (
                r#""value_change": 900000"#,
                r#""value_change": 123456789012345678901234567890"#,
            ),
        ],
    );
}

#[test]
fn amounts_keep_every_digit() {
    // In messages …
    with_contract(
        "negative_amounts_exact",
        &[
            (r#""value": 12000000"#, r#""value": "-999999.99""#),
            (
                r#""max_value": 2400000"#,
                r#""max_value": -12345678901234.56"#,
            ),
        ],
    );
    // … and in the model.
    let text = contract(&[
        (r#""value": 12000000"#, r#""value": 12345678901234.56"#),
        (r#""value": 500000"#, r#""value": "999999.99""#),
    ]);
    let tmp = portfolio(&[("merger.json", MERGER), ("lonn.json", &text)]);
    let loaded = vesentlig::load::load_checked(&tmp.path().join("p")).unwrap();
    let c = &loaded.portfolio.contracts[0];
    assert_eq!(c.value, Decimal::from_str("12345678901234.56").unwrap());
    assert_eq!(
        c.options[1].value,
        Some(Decimal::from_str("999999.99").unwrap())
    );
}

#[test]
fn amounts_beyond_any_contract() {
    with_contract(
        "amounts_beyond_limit",
        &[
            (
                r#""value": 12000000"#,
                r#""value": "79228162514264337593543950335""#,
            ),
            (
                r#""value_change": 900000"#,
                r#""value_change": -10000000000000000"#,
            ),
        ],
    );
}

#[test]
fn ids() {
    with_contract(
        "invalid_ids",
        &[
            (r#""id": "lonn-2021""#, r#""id": "lønn 2021""#),
            (r#""id": "lisenser""#, r#""id": "lisenser/2""#),
        ],
    );
    assert_invalid(
        "duplicate_contract_ids",
        &[
            ("merger.json", MERGER),
            ("a/lonn.json", CONTRACT),
            ("b/lonn-kopi.json", CONTRACT),
        ],
    );
    with_contract(
        "duplicate_ids_within_contract",
        &[
            (r#""id": "lisenser""#, r#""id": "forlengelse-1""#),
            (
                r#""exercise_option": { "id": "lisenser""#,
                r#""exercise_option": { "id": "forlengelse-1""#,
            ),
            (
                r#""clear_precise_unequivocal": true }"#,
                r#""clear_precise_unequivocal": true }, { "id": "volum", "text": "Pris", "covers": ["price"], "clear_precise_unequivocal": false }"#,
            ),
            (
                r#""under_clause": "volum" }"#,
                r#""under_clause": "volum" }, { "id": "utvid-lillevik", "description": "Igjen", "date": "2025-02-01" }"#,
            ),
        ],
    );
    assert_invalid(
        "duplicate_municipality_ids",
        &[
            (
                "merger.json",
                &merger(&[(r#""id": "lillevik""#, r#""id": "fjordvik""#)]),
            ),
            ("lonn.json", CONTRACT),
        ],
    );
}

#[test]
fn unresolved_references() {
    with_contract(
        "unresolved_references",
        &[
            (
                r#""authorities": ["fjordvik"]"#,
                r#""authorities": ["fjordvik", "storvik"]"#,
            ),
            (r#""clause": "volum""#, r#""clause": "volume""#),
            (
                r#""add_authorities": ["lillevik"]"#,
                r#""add_authorities": ["lilevik"]"#,
            ),
            (
                r#""exercise_option": { "id": "lisenser""#,
                r#""exercise_option": { "id": "lisens""#,
            ),
            (r#""under_clause": "volum""#, r#""under_clause": "pris""#),
        ],
    );
    assert_invalid("municipality_without_merger", &[("lonn.json", CONTRACT)]);
}

#[test]
fn options() {
    with_contract(
        "option_exercised_beyond_quantity",
        &[(
            r#""exercised_quantity": 40"#,
            r#""exercised_quantity": 140"#,
        )],
    );
    with_contract(
        "option_fields_by_kind",
        &[
            (
                r#""months": 12, "exercised": false"#,
                r#""exercised": false, "quantity": 1"#,
            ),
            (
                r#", "unit": "lisenser", "value": 500000"#,
                r#", "months": 6"#,
            ),
        ],
    );
}

#[test]
fn a_proposal_beyond_an_option_is_a_legal_question_not_an_input_error() {
    let text = contract(&[(r#""quantity": 60 }"#, r#""quantity": 600 }"#)]);
    let tmp = portfolio(&[("merger.json", MERGER), ("lonn.json", &text)]);
    assert_eq!(check(tmp.path()).status.code(), Some(0));
}

#[test]
fn negative_amounts() {
    with_contract(
        "negative_amounts",
        &[
            (
                r#""value": 12000000,"#,
                r#""value": -12000000, "annual_value": -1, "price_index": { "index": "KPI", "adjusted_value": -5, "as_of": "2024-01-01" },"#,
            ),
            (r#""value": 500000"#, r#""value": -500000"#),
            (r#""value_change": 900000"#, r#""value_change": -900000"#),
            (r#""value_change": 300000"#, r#""value_change": -300000"#),
        ],
    );
}

#[test]
fn dates_that_contradict_each_other() {
    with_contract(
        "term_dates",
        &[
            (r#""signed": "2021-03-01""#, r#""signed": "2021-05-01""#),
            (r#""end": "2025-03-31""#, r#""end": "2021-03-31""#),
            (
                r#""value": 12000000,"#,
                r#""value": 12000000, "price_index": { "index": "KPI", "adjusted_value": 12500000, "as_of": "2020-01-01" },"#,
            ),
            (
                r#""date": "2025-01-15""#,
                r#""date": "2021-06-01", "new_end": "2020-12-31""#,
            ),
        ],
    );
    with_contract(
        "changes_outside_the_contracts_life",
        &[
            (r#""date": "2023-02-01""#, r#""date": "2020-12-01""#),
            (r#""date": "2025-01-15""#, r#""date": "2021-02-15""#),
        ],
    );
    with_contract(
        "signed_before_2017_without_part",
        &[
            (r#""signed": "2021-03-01""#, r#""signed": "2016-05-01""#),
            (r#""start": "2021-04-01""#, r#""start": "2016-06-01""#),
            (r#""date": "2023-02-01""#, r#""date": "2018-02-01""#),
        ],
    );
}

/// A proposed change dated after the contract's end is a legal question (the engine answers
/// retender: the contract cannot be changed), not an input error (legal-rules.md § 3).
#[test]
fn a_change_after_the_contracts_end_is_valid_input() {
    for date in ["2025-04-01", "2026-04-01", "2030-01-01"] {
        let text = contract(&[(r#""date": "2025-01-15""#, &format!(r#""date": "{date}""#))]);
        let tmp = portfolio(&[("merger.json", MERGER), ("lonn.json", &text)]);
        let out = check(tmp.path());
        assert_eq!(
            out.status.code(),
            Some(0),
            "{date}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// A postponed start is agreed before performance begins, and moves the start later.
#[test]
fn postponed_starts() {
    with_contract(
        "postponed_start_agreed_on_the_start_date",
        &[(
            r#""date": "2025-01-15""#,
            r#""date": "2021-04-01", "new_start": "2021-10-01""#,
        )],
    );
    with_contract(
        "postponed_start_not_later",
        &[(
            r#""date": "2025-01-15""#,
            r#""date": "2021-03-10", "new_start": "2021-04-01", "new_end": "2021-03-31""#,
        )],
    );
    let valid = contract(&[(
        r#""date": "2025-01-15""#,
        r#""date": "2021-03-10", "new_start": "2021-09-01", "new_end": "2025-09-30""#,
    )]);
    let tmp = portfolio(&[("merger.json", MERGER), ("lonn.json", &valid)]);
    assert_eq!(check(tmp.path()).status.code(), Some(0));
}

/// `nature.estimated_value` values a non-price marker: it needs one, and is not negative.
#[test]
fn estimated_values() {
    with_contract(
        "estimated_value_without_a_marker_or_negative",
        &[(
            r#""under_clause": "volum" }"#,
            r#""under_clause": "volum", "nature": { "estimated_value": 50000 } },
    { "id": "risiko", "description": "Risiko for lisenspriser overføres", "date": "2025-01-20", "nature": { "shifts_risk_to_buyer": true, "estimated_value": "-1" } }"#,
        )],
    );
    let valid = contract(&[(
        r#""under_clause": "volum" }"#,
        r#""under_clause": "volum", "nature": { "relaxes_requirements": true, "estimated_value": "12345.67" } }"#,
    )]);
    let tmp = portfolio(&[("merger.json", MERGER), ("lonn.json", &valid)]);
    let out = check(tmp.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty(), "a stated value needs no note");
    // A marker without a value is valid input, but `check` says what the engine will say:
    // de minimis cannot cover it (legal-rules.md § 3), with the position of the change's nature.
    let unvalued = contract(&[(
        r#""under_clause": "volum" }"#,
        r#""under_clause": "volum", "nature": { "relaxes_requirements": true } }"#,
    )]);
    let tmp = portfolio(&[("merger.json", MERGER), ("lonn.json", &unvalued)]);
    let out = check(tmp.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains(": OK"));
    insta::assert_snapshot!(
        "note_marker_without_a_value",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `add_authorities` takes the form of `authorities`: municipality ids or outside authorities.
#[test]
fn joining_authorities_outside_the_merger() {
    with_contract(
        "add_authorities_forms",
        &[(
            r#""add_authorities": ["lillevik"]"#,
            r#""add_authorities": ["lillevik", { "name": "Nabovik kommune", "org_no": "9440001" }, "nabovik"]"#,
        )],
    );
    let valid = contract(&[(
        r#""add_authorities": ["lillevik"]"#,
        r#""add_authorities": ["lillevik", { "name": "Nabovik kommune", "org_no": "944000001" }, { "name": "Havn IKS" }]"#,
    )]);
    let tmp = portfolio(&[("merger.json", MERGER), ("lonn.json", &valid)]);
    assert_eq!(check(tmp.path()).status.code(), Some(0));
}

#[test]
fn merger_facts() {
    let annexation_none = merger(&[(r#""new_entity""#, r#""annexation""#)]);
    let annexation_two = merger(&[
        (r#""new_entity""#, r#""annexation""#),
        (
            r#""org_no": "964000001" }"#,
            r#""org_no": "964000001", "continues": true }"#,
        ),
        (
            r#""org_no": "964000002" }"#,
            r#""org_no": "964000002", "continues": true }"#,
        ),
    ]);
    let new_entity_continues = merger(&[(
        r#""org_no": "964000002" }"#,
        r#""org_no": "964000002", "continues": true }"#,
    )]);
    let dates = merger(&[
        (
            r#""explored_from": "2023-05-01""#,
            r#""explored_from": "2024-07-01""#,
        ),
        (
            r#""effective": "2027-01-01""#,
            r#""effective": "2024-01-01""#,
        ),
    ]);
    for (name, text) in [
        ("merger_annexation_without_continuing", &annexation_none),
        ("merger_annexation_two_continuing", &annexation_two),
        ("merger_new_entity_with_continuing", &new_entity_continues),
        ("merger_dates_out_of_order", &dates),
    ] {
        assert_invalid(name, &[("merger.json", text), ("lonn.json", CONTRACT)]);
    }
    let broken = merger(&[
        (r#""form": "new_entity""#, r#""form": "merger""#),
        (
            r#""municipalities": ["#,
            r#""municipalities": [ { "id": "storvik" },"#,
        ),
    ]);
    assert_invalid(
        "merger_fields",
        &[("merger.json", &broken), ("lonn.json", CONTRACT)],
    );
}

#[test]
fn authorities_outside_the_merger() {
    with_contract(
        "external_authorities",
        &[(
            r#""authorities": ["fjordvik"]"#,
            r#""authorities": ["fjordvik", { "name": "Vestfjord fylkeskommune", "orgnr": "974000000" }, { "name": "Havn IKS", "org_no": "97400000" }, 7]"#,
        )],
    );
}

#[test]
fn organisation_numbers_authorities_and_clauses() {
    with_contract(
        "org_no_authorities_clauses",
        &[
            (r#""authorities": ["fjordvik"]"#, r#""authorities": []"#),
            (r#""org_no": "912345678""#, r#""org_no": "912 345 678""#),
            (r#""covers": ["volume"]"#, r#""covers": []"#),
        ],
    );
}

#[test]
fn several_contracts_in_one_file_are_checked_one_by_one() {
    let second = contract(&[
        (r#""id": "lonn-2021""#, r#""id": "lonn-2022""#),
        (r#""kind": "contract""#, r#""kind": "rammeavtale""#),
    ]);
    let third = contract(&[
        (r#""id": "lonn-2021""#, r#""id": "lonn-2023""#),
        (r#""end": "2025-03-31""#, r#""end": "2019-03-31""#),
    ]);
    let file = format!("[{CONTRACT},{second},{third}]");
    assert_invalid(
        "array_of_contracts",
        &[("merger.json", MERGER), ("alle.json", &file)],
    );
}

#[test]
fn thresholds_file() {
    let bad = r#"{ "periods": [
  { "from": "2026-01-01", "central_supplies_services": 1500000, "other_supplies_services": -2400000,
    "works": 60000000, "national": 1300000, "source": "" },
  { "from": "2026-01-01", "central_supplies_services": 1500000, "other_supplies_services": 2400000,
    "works": 60000000, "national": 1300000, "kilde": "x" }
] }"#;
    assert_invalid(
        "thresholds_invalid",
        &[
            ("merger.json", MERGER),
            ("lonn.json", CONTRACT),
            ("thresholds.json", bad),
        ],
    );
    let good = r#"{ "periods": [
  { "from": "2026-01-01", "central_supplies_services": 1500000, "other_supplies_services": 2400000,
    "works": 60000000, "national": 1300000, "source": "Example regulation, 2025" },
  { "from": "2016-01-01", "central_supplies_services": 1100000, "other_supplies_services": 1750000,
    "works": 44000000, "national": 500000, "source": "Example: FOA 2006" }
] }"#;
    // The user's 2016 period lets a 2016 contract derive its part without `award.part`.
    let old = contract(&[
        (r#""signed": "2021-03-01""#, r#""signed": "2016-05-01""#),
        (r#""start": "2021-04-01""#, r#""start": "2016-06-01""#),
        (r#""date": "2023-02-01""#, r#""date": "2018-02-01""#),
    ]);
    let tmp = portfolio(&[
        ("merger.json", MERGER),
        ("lonn.json", &old),
        ("thresholds.json", good),
    ]);
    let loaded = vesentlig::load::load_checked(&tmp.path().join("p")).unwrap();
    let froms: Vec<String> = loaded
        .thresholds
        .periods()
        .iter()
        .map(|p| p.from.to_string())
        .collect();
    assert_eq!(froms.first().map(String::as_str), Some("2016-01-01"));
    assert_eq!(froms.last().map(String::as_str), Some("2026-01-01"));
    assert_eq!(froms.len(), 7);
    let out = check(tmp.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    insta::assert_snapshot!("thresholds_valid", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn deep_nesting_is_refused() {
    let deep = format!("{}{}", "[\n".repeat(100_000), "]".repeat(100_000));
    assert_invalid(
        "deep_nesting",
        &[("merger.json", MERGER), ("lonn.json", &deep)],
    );
}

#[test]
fn unusable_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = check(tmp.path());
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("missing_folder", String::from_utf8_lossy(&out.stderr));
    std::fs::create_dir(tmp.path().join("p")).unwrap();
    let out = check(tmp.path());
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("empty_folder", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn bad_usage_exits_2() {
    let out = Command::new(env!("CARGO_BIN_EXE_vesentlig"))
        .args(["check", "--no-such-flag"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// Loads `text` as a contract file in-process and renders the report: must not panic.
/// Returns whether the portfolio was found invalid.
fn survives(text: &[u8]) -> bool {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("merger.json"), MERGER).unwrap();
    std::fs::write(tmp.path().join("x.json"), text).unwrap();
    match vesentlig::load::load_checked(tmp.path()) {
        Ok(_) => false,
        Err(report) => {
            assert!(!report.render().is_empty());
            true
        }
    }
}

#[test]
fn no_input_panics() {
    // Every truncation of a valid contract is invalid, and reported.
    for end in 0..CONTRACT.trim_end().len() {
        if CONTRACT.is_char_boundary(end) {
            assert!(
                survives(&CONTRACT.as_bytes()[..end]),
                "prefix of {end} bytes accepted"
            );
        }
    }
    // Hostile files, through the binary: exit 1, no panic.
    for hostile in [
        b"\xff\xfe\x00garbage".to_vec(),
        b"{\"id\": \"\xe2\x82\"}".to_vec(),
        "[".repeat(1_000_000).into_bytes(),
        "{\"a\":".repeat(100_000).into_bytes(),
        "[{".repeat(50_000).into_bytes(),
        format!("{{\"value\": 1{}}}", "0".repeat(100_000)).into_bytes(),
        b"{\"value\": 1e999999999, \"months\": -0, \"quantity\": -1e-999}".to_vec(),
        contract(&[(r#""months": 12"#, r#""months": 99999999999999999999"#)]).into_bytes(),
        contract(&[
            (r#""months": 12"#, r#""months": 4294967295"#),
            (r#""end": "2025-03-31""#, r#""end": "9999-12-31""#),
        ])
        .into_bytes(),
        contract(&[(
            r#""value": 12000000"#,
            r#""value": "79228162514264337593543950336""#,
        )])
        .into_bytes(),
        contract(&[(r#""end": "2025-03-31""#, r#""end": "+262143-12-31""#)]).into_bytes(),
        b"\"\\ud800\"".to_vec(),
        "\u{feff}{}".as_bytes().to_vec(),
        b"null".to_vec(),
        b"[]"
            .to_vec()
            .into_iter()
            .chain(b" x".iter().copied())
            .collect(),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir(tmp.path().join("p")).unwrap();
        std::fs::write(tmp.path().join("p/merger.json"), MERGER).unwrap();
        std::fs::write(tmp.path().join("p/x.json"), &hostile).unwrap();
        let out = check(tmp.path());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}: {stderr}",
            String::from_utf8_lossy(&hostile[..hostile.len().min(80)])
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn random_edits_never_panic(at in 0usize..CONTRACT.len(), junk in "[\\[\\]{}\",:0-9a-z.\\-eE ]{0,12}") {
        let mut at = at;
        while !CONTRACT.is_char_boundary(at) { at -= 1; }
        let text = format!("{}{}{}", &CONTRACT[..at], junk, &CONTRACT[at..]);
        survives(text.as_bytes());
    }
}
