//! Fixtures shared by the rendering tests: a merger, a contract, hand-built assessments,
//! and reading a PDF's text back with `pdftotext`.
#![allow(dead_code)]

pub mod replicate;

use std::path::Path;
use std::process::Command;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use vesentlig::assessment::{
    Assessment, Basis, Element, ElementCoverage, Figures, Ground, Outcome, Recommendation,
    TestResult,
};
use vesentlig::model::{Contract, Merger, Part};
use vesentlig::text::Text;

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::from_str(s).unwrap()
}

pub fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

pub fn merger() -> Merger {
    serde_json::from_str(
        r#"{ "name": "Nye Fjordvik kommune", "form": "new_entity", "explored_from": "2023-06-01",
             "decided": "2024-02-01", "effective": "2027-01-01",
             "municipalities": [
               { "id": "a", "name": "Austvik kommune", "org_no": "964000001" },
               { "id": "b", "name": "Bakkeby kommune" } ] }"#,
    )
    .unwrap()
}

/// Case 1/2 of the worked scenarios: cleaning services, 12 000 000, signed 2021.
pub fn cleaning(title: &str, change_description: &str, value_change: &str) -> Contract {
    let json = serde_json::json!({
        "id": "a-renhold-2021", "title": title,
        "authorities": ["a"], "supplier": { "name": "Renhold AS", "org_no": "987654321" },
        "kind": "contract", "subject": "services", "character": "standard",
        "award": { "procedure": "open", "announced": true, "notice": "2021-123456", "signed": "2021-03-01" },
        "start": "2021-04-01", "end": "2025-03-31", "value": "12000000",
        "options": [ { "id": "forlengelse-1", "kind": "extension", "months": 12, "exercised": false } ],
        "change_clauses": [ { "id": "k1", "text": "Oppdragsgiver kan endre omfanget med inntil 5 % av kontraktsverdien.", "covers": ["volume"], "max_value": "600000", "clear_precise_unequivocal": true } ],
        "modifications": [ { "date": "2023-05-01", "description": "Vindusvask i rådhuset", "value_change": "100000", "ground": "de_minimis" } ],
        "termination": { "for_convenience": true, "notice_months": 6, "on_merger": false },
        "proposed_changes": [ { "id": "to-bygg", "description": change_description, "date": "2025-02-01", "value_change": value_change } ]
    });
    serde_json::from_value(json).unwrap()
}

pub fn test(ground: Ground, outcome: Outcome, provision: &'static str, reason: &str) -> TestResult {
    TestResult {
        test: ground,
        outcome,
        provision,
        basis: Basis::Objective,
        covers: if outcome == Outcome::Pass {
            vec![Element::PriceIncrease]
        } else {
            vec![]
        },
        reasons: vec![Text::new(reason, format!("EN: {reason}"))],
        notice_code: None,
    }
}

pub fn figures(increase: &str, cumulative: &str) -> Figures {
    Figures {
        original_value: dec("12000000"),
        base_value: dec("12000000"),
        value_including_options: dec("15000000"),
        value_increase: dec(increase),
        term_extension_value: None,
        term_extension_days: None,
        estimated_value: None,
        earlier_increase: dec("100000"),
        cumulative_increase: dec(cumulative),
        de_minimis_percent: dec("10"),
        de_minimis_limit: dec("1200000"),
        eea_threshold: Some(dec("2300000")),
        national_threshold: Some(dec("1300000")),
        cap_50: dec("6000000"),
        thresholds_from: Some(d("2024-03-14")),
    }
}

pub fn assessment(recommendation: Recommendation, increase: &str, cumulative: &str) -> Assessment {
    let (tests, grounds, covered_by, basis, conclusion) = match recommendation {
        Recommendation::Continue => (
            vec![test(
                Ground::DeMinimis,
                Outcome::Pass,
                "FOA § 28-1 (1) b",
                "Samlet økning 1 100 000 kr er lavere enn både 10 % av grunnlaget og EØS-terskelverdien.",
            )],
            vec![Ground::DeMinimis],
            Some(Ground::DeMinimis),
            Some(Basis::Objective),
            Text::new(
                "Endringen kan gjøres uten ny konkurranse etter FOA § 28-1 (1) b.",
                "The change may be made without a new competition under FOA § 28-1 (1) (b).",
            ),
        ),
        Recommendation::IntentionNotice => (
            vec![
                test(
                    Ground::DeMinimis,
                    Outcome::Fail,
                    "FOA § 28-1 (1) b",
                    "Samlet økning 1 600 000 kr er ikke lavere enn 10 % av grunnlaget.",
                ),
                test(
                    Ground::NotSubstantial,
                    Outcome::Uncertain,
                    "FOA § 28-1 (1) f, § 28-2",
                    "Økningen er under 50 % og uten kjennetegn etter § 28-2, men om den er vesentlig beror på skjønn.",
                ),
            ],
            vec![Ground::NotSubstantial],
            Some(Ground::NotSubstantial),
            Some(Basis::Assessment),
            Text::new(
                "Endringen bør bare gjøres etter en intensjonskunngjøring, fordi hjemmelen beror på skjønn.",
                "The change should only be made after an intention notice, because its legal basis rests on judgement.",
            ),
        ),
        Recommendation::Retender => (
            vec![
                test(
                    Ground::DeMinimis,
                    Outcome::Fail,
                    "FOA § 28-1 (1) b",
                    "Samlet økning er ikke lavere enn 10 % av grunnlaget.",
                ),
                test(
                    Ground::NotSubstantial,
                    Outcome::Fail,
                    "FOA § 28-1 (1) f, § 28-2",
                    "Nye oppdragsgiveres behov med prisøkning er alltid en vesentlig endring (§ 28-2 c).",
                ),
            ],
            vec![],
            None,
            None,
            Text::new(
                "Endringen krever ny konkurranse.",
                "The change requires a new competition.",
            ),
        ),
    };
    Assessment {
        contract: "a-renhold-2021".into(),
        change: "to-bygg".into(),
        implicit: false,
        date: d("2025-02-01"),
        recommendation,
        grounds,
        modification_notice: false,
        part: Part::III,
        figures: figures(increase, cumulative),
        elements: vec![ElementCoverage {
            element: Element::PriceIncrease,
            covered_by,
            basis,
        }],
        tests,
        warnings: vec![Text::new(
            "Terskelverdiene kan være utdatert.",
            "The thresholds may be outdated.",
        )],
        conclusion,
        contract_ended: None,
    }
}

/// The PDF's text, normalised: soft hyphens at line ends removed, whitespace collapsed.
pub fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("memo.pdf");
    std::fs::write(&path, pdf).unwrap();
    text_of(&path)
}

pub fn text_of(path: &Path) -> String {
    normalise(&raw_text(path))
}

/// Each page's text, normalised as by `pdf_text`.
pub fn pdf_pages(pdf: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    raw_text(&path).split('\u{c}').map(normalise).collect()
}

fn raw_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

fn normalise(text: &str) -> String {
    let text = text.replace("\u{ad}\n", "");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn assert_contains_all(text: &str, needles: &[&str]) {
    for n in needles {
        assert!(text.contains(n), "missing {n:?} in:\n{text}");
    }
}

/// The shipped example portfolio.
pub fn example_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("contracts")
}

/// The number of contracts in the example portfolio.
pub fn example_contracts() -> usize {
    vesentlig::load::load_checked(&example_dir())
        .unwrap()
        .portfolio
        .contracts
        .len()
}

/// Runs the `vesentlig` binary.
pub fn vesentlig(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_vesentlig"))
        .args(args)
        .output()
        .unwrap()
}

/// The files of a folder by name, with their bytes.
pub fn folder(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(&path).unwrap_or_default();
            (name, bytes)
        })
        .collect();
    files.sort();
    files
}
