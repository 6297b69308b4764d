//! The memo PDF: facts, figures and provisions for each recommendation, hostile user text
//! printed literally, byte-identical output, English from the same template, no warnings.

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
use vesentlig::render::memo::{MemoData, MemoInput};
use vesentlig::render::{Renderer, Template};
use vesentlig::text::{Lang, Text};

fn d(s: &str) -> NaiveDate {
    NaiveDate::from_str(s).unwrap()
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn merger() -> Merger {
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
fn cleaning(title: &str, change_description: &str, value_change: &str) -> Contract {
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

fn test(ground: Ground, outcome: Outcome, provision: &'static str, reason: &str) -> TestResult {
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

fn figures(increase: &str, cumulative: &str) -> Figures {
    Figures {
        original_value: dec("12000000"),
        base_value: dec("12000000"),
        value_including_options: dec("15000000"),
        value_increase: dec(increase),
        term_extension_value: None,
        term_extension_days: None,
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

fn assessment(recommendation: Recommendation, increase: &str, cumulative: &str) -> Assessment {
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
    }
}

fn render(a: &Assessment, c: &Contract, lang: Lang) -> Vec<u8> {
    let m = merger();
    let data = MemoData::build(&MemoInput {
        assessment: a,
        contract: c,
        merger: Some(&m),
        lang,
        date: d("2025-01-06"),
        fingerprint: "0123456789abcdef",
        plan_actions: &[],
    });
    let renderer = Renderer::new().unwrap();
    // Strict: any Typst warning (e.g. an unknown font family) fails the test.
    let pdf = renderer
        .render_strict(Template::Memo, &data, d("2025-01-06"))
        .unwrap();
    // For reviewing the typography by eye: MEMO_DUMP=/tmp/x cargo test --test memo
    if let Ok(dir) = std::env::var("MEMO_DUMP") {
        let name = format!("{dir}/{:?}-{:?}.pdf", a.recommendation, lang);
        std::fs::write(name, &pdf).unwrap();
    }
    pdf
}

/// The PDF's text, normalised: soft hyphens at line ends removed, whitespace collapsed.
fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("memo.pdf");
    std::fs::write(&path, pdf).unwrap();
    text_of(&path)
}

fn text_of(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout)
        .unwrap()
        .replace("\u{ad}\n", "");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn assert_contains_all(text: &str, needles: &[&str]) {
    for n in needles {
        assert!(text.contains(n), "missing {n:?} in:\n{text}");
    }
}

#[test]
fn continue_memo_has_facts_figures_and_provisions() {
    let c = cleaning(
        "Renhold av kommunale bygg",
        "Renhold av to nye bygg",
        "1000000",
    );
    let a = assessment(Recommendation::Continue, "1000000", "1100000");
    let text = pdf_text(&render(&a, &c, Lang::Nb));
    assert_contains_all(
        &text,
        &[
            "Notat",
            "Nye Fjordvik kommune, innkjøpsteamet",
            "vesentlig (maskinelt utkast til juridisk vurdering)",
            "6. januar 2025",
            "Renhold av kommunale bygg",
            "Kan videreføres",
            "Renhold AS (org.nr. 987654321)",
            "Austvik kommune",
            "12 000 000 kr",
            "1 000 000 kr",
            "1 100 000 kr",
            "1 200 000 kr",
            "2 300 000 kr",
            "6 000 000 kr",
            "8,33 % av grunnlaget",
            "9,17 % av grunnlaget",
            "Oppdragsgiver kan endre omfanget med inntil 5 % av kontraktsverdien.",
            "Vindusvask i rådhuset",
            "FOA § 28-1 (1) b",
            "FOA § 28-2",
            "FOA § 19-1 (2)",
            "KMD 2018",
            "Oppfylt",
            "Terskelverdiene kan være utdatert.",
            "anskaffelsesloven § 12",
            "15 %",
            "ikke avklart",
            "side 1 av",
            "0123456789abcdef",
        ],
    );
}

#[test]
fn intention_notice_memo_gives_the_standstill_dates() {
    let c = cleaning(
        "Renhold av kommunale bygg",
        "Renhold av to nye bygg",
        "1500000",
    );
    let a = assessment(Recommendation::IntentionNotice, "1500000", "1600000");
    let text = pdf_text(&render(&a, &c, Lang::Nb));
    assert_contains_all(
        &text,
        &[
            "Intensjonskunngjøring",
            "Usikkert",
            "Doffin",
            "TED",
            // Memo dated Monday 6 January 2025: published that day, period to 16 January.
            "publisert 6. januar 2025",
            "16. januar 2025",
            "tidligst avtales 17. januar 2025",
            "FOA § 25-3",
            "12,50 % av grunnlaget",
            "samlet økning er ikke lavere",
        ],
    );
}

#[test]
fn retender_memo_gives_termination_and_plan_pointer() {
    let c = cleaning("Renhold av kommunale bygg", "Utvid til Bakkeby", "4000000");
    let a = assessment(Recommendation::Retender, "4000000", "4100000");
    let text = pdf_text(&render(&a, &c, Lang::Nb));
    assert_contains_all(
        &text,
        &[
            "Ny konkurranse",
            "Ikke oppfylt",
            "ikke dekket",
            "oppsigelse med 6 måneders varsel gis senest 1. juli 2026",
            "vesentlig plan",
            "§§ 13–14",
            "innen to år",
        ],
    );
}

#[test]
fn hostile_user_text_prints_literally() {
    let hostile = r#"#read("/etc/passwd") *bold* $x$ <lbl> @ref #set text(red) ]["#;
    let c = cleaning(hostile, hostile, "1000000");
    let a = assessment(Recommendation::Continue, "1000000", "1100000");
    let text = pdf_text(&render(&a, &c, Lang::Nb));
    assert!(
        text.contains(r#"#read("/etc/passwd") *bold* $x$ <lbl> @ref #set text(red) ]["#),
        "{text}"
    );
    assert!(!text.contains("root:"));
}

#[test]
fn two_runs_give_identical_pdfs() {
    let c = cleaning("Renhold", "To bygg", "1000000");
    let a = assessment(Recommendation::Continue, "1000000", "1100000");
    assert_eq!(render(&a, &c, Lang::Nb), render(&a, &c, Lang::Nb));
}

#[test]
fn english_memo_is_english() {
    let c = cleaning("Cleaning", "Two more buildings", "1500000");
    let a = assessment(Recommendation::IntentionNotice, "1500000", "1600000");
    let text = pdf_text(&render(&a, &c, Lang::En));
    assert_contains_all(
        &text,
        &[
            "Memorandum",
            "Nye Fjordvik kommune, procurement team",
            "6 January 2025",
            "Intention notice",
            "NOK 12,000,000",
            "12.50% of the base",
            "Legal framework",
            "Uncertain",
            "page 1 of",
            "Reviewed and approved",
        ],
    );
    for nb in [
        "Notat",
        "innkjøpsteamet",
        "Konklusjon",
        "side 1 av",
        "kroner",
    ] {
        assert!(!text.contains(nb), "Norwegian {nb:?} in the English memo");
    }
}
