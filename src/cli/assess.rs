//! `vesentlig assess`: the verdict on every proposed change (or implicit merger transfer), as a
//! terminal table (Norwegian by default) or as the stable JSON of `docs/product.md`.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::process::ExitCode;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::args::{AssessArgs, AssessFormat};
use crate::assessment::{
    Assessment, Basis, Element, ElementCoverage, Ground, Outcome, Recommendation, TestResult,
};
use crate::law::{self, labels};
use crate::model::Part;
use crate::text::{Lang, nok};

pub fn run(args: &AssessArgs) -> ExitCode {
    let loaded = match crate::load::load_checked(&args.portfolio) {
        Ok(loaded) => loaded,
        Err(report) => return super::fail(&report),
    };
    let portfolio = &loaded.portfolio;
    let unknown: Vec<&str> = args
        .contracts
        .iter()
        .map(String::as_str)
        .filter(|id| portfolio.contract(id).is_none())
        .collect();
    if !unknown.is_empty() {
        let known: Vec<&str> = portfolio.contracts.iter().map(|c| c.id.as_str()).collect();
        eprintln!(
            "error: no contract with id {} in the portfolio\n  help: known contract ids: {}",
            unknown
                .iter()
                .map(|id| format!("`{id}`"))
                .collect::<Vec<_>>()
                .join(", "),
            known.join(", ")
        );
        return ExitCode::from(super::EXIT_USAGE);
    }
    let wanted: BTreeSet<&str> = args.contracts.iter().map(String::as_str).collect();
    let assessments: Vec<Assessment> = law::assess_portfolio(portfolio, &loaded.thresholds)
        .into_iter()
        .filter(|a| wanted.is_empty() || wanted.contains(a.contract.as_str()))
        .collect();
    let out = match args.format {
        AssessFormat::Json => json(&assessments, args.lang),
        AssessFormat::Table => table(&assessments, args.lang),
    };
    print!("{out}");
    ExitCode::SUCCESS
}

/// The JSON document of `docs/product.md` «assess --format json»: the specified keys first, in
/// the specified order, then the engine's extra keys.
pub fn json(assessments: &[Assessment], lang: Lang) -> String {
    let doc = JsonDoc {
        assessments: assessments
            .iter()
            .map(|a| JsonAssessment::new(a, lang))
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    assessments: Vec<JsonAssessment<'a>>,
}

#[derive(Serialize)]
struct JsonAssessment<'a> {
    contract: &'a str,
    change: &'a str,
    recommendation: Recommendation,
    grounds: &'a [Ground],
    modification_notice: bool,
    part: Part,
    figures: JsonFigures,
    tests: Vec<JsonTest<'a>>,
    // Extra keys, after the specified ones.
    implicit: bool,
    date: NaiveDate,
    elements: &'a [ElementCoverage],
    warnings: Vec<&'a str>,
    conclusion: &'a str,
    contract_ended: Option<NaiveDate>,
}

impl<'a> JsonAssessment<'a> {
    fn new(a: &'a Assessment, lang: Lang) -> Self {
        Self {
            contract: &a.contract,
            change: &a.change,
            recommendation: a.recommendation,
            grounds: &a.grounds,
            modification_notice: a.modification_notice,
            part: a.part,
            figures: JsonFigures::new(a),
            tests: a.tests.iter().map(|t| JsonTest::new(t, lang)).collect(),
            implicit: a.implicit,
            date: a.date,
            elements: &a.elements,
            warnings: a.warnings.iter().map(|w| w.get(lang)).collect(),
            conclusion: a.conclusion.get(lang),
            contract_ended: a.contract_ended,
        }
    }
}

/// Amounts as normalized decimal strings: `"1250000"`, never `"1250000.00"`.
fn amount(d: Decimal) -> String {
    d.normalize().to_string()
}

#[derive(Serialize)]
struct JsonFigures {
    base_value: String,
    value_increase: String,
    cumulative_increase: String,
    de_minimis_limit: String,
    eea_threshold: Option<String>,
    cap_50: String,
    // Extra keys.
    original_value: String,
    value_including_options: String,
    term_extension_value: Option<String>,
    term_extension_days: Option<i64>,
    earlier_increase: String,
    de_minimis_percent: String,
    national_threshold: Option<String>,
    thresholds_from: Option<NaiveDate>,
    estimated_value: Option<String>,
}

impl JsonFigures {
    fn new(a: &Assessment) -> Self {
        let f = &a.figures;
        Self {
            base_value: amount(f.base_value),
            value_increase: amount(f.value_increase),
            cumulative_increase: amount(f.cumulative_increase),
            de_minimis_limit: amount(f.de_minimis_limit),
            eea_threshold: f.eea_threshold.map(amount),
            cap_50: amount(f.cap_50),
            original_value: amount(f.original_value),
            value_including_options: amount(f.value_including_options),
            term_extension_value: f.term_extension_value.map(amount),
            term_extension_days: f.term_extension_days,
            earlier_increase: amount(f.earlier_increase),
            de_minimis_percent: amount(f.de_minimis_percent),
            national_threshold: f.national_threshold.map(amount),
            thresholds_from: f.thresholds_from,
            estimated_value: f.estimated_value.map(amount),
        }
    }
}

#[derive(Serialize)]
struct JsonTest<'a> {
    test: Ground,
    outcome: Outcome,
    provision: &'a str,
    reasons: Vec<&'a str>,
    // Extra keys.
    notice_code: Option<&'a str>,
    basis: Basis,
    covers: &'a [Element],
}

impl<'a> JsonTest<'a> {
    fn new(t: &'a TestResult, lang: Lang) -> Self {
        Self {
            test: t.test,
            outcome: t.outcome,
            provision: t.provision,
            reasons: t.reasons.iter().map(|r| r.get(lang)).collect(),
            notice_code: t.notice_code,
            basis: t.basis,
            covers: &t.covers,
        }
    }
}

/// The terminal table: per change the recommendation, grounds, key figures and each applicable
/// test with its provision and reasons; a summary count at the end.
pub fn table(assessments: &[Assessment], lang: Lang) -> String {
    let mut out = String::new();
    for a in assessments {
        change_block(&mut out, a, lang);
        out.push('\n');
    }
    summary(&mut out, assessments, lang);
    out
}

fn label<'a>(lang: Lang, nb: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Nb => nb,
        Lang::En => en,
    }
}

fn change_block(out: &mut String, a: &Assessment, lang: Lang) {
    let implicit = if a.implicit {
        label(lang, " (implisitt)", " (implicit)")
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "{} · {}{implicit} · {}",
        a.contract,
        a.change,
        crate::text::date_short(a.date, lang)
    );
    let grounds: Vec<_> = a.grounds.iter().map(|g| labels::ground(*g)).collect();
    let grounds = labels::join(&grounds);
    let _ = writeln!(
        out,
        "  {}: {}   {} {:?}   {}: {}",
        label(lang, "Anbefaling", "Recommendation"),
        labels::recommendation(a.recommendation)
            .get(lang)
            .to_uppercase(),
        label(lang, "Del", "Part"),
        a.part,
        label(lang, "Grunnlag", "Grounds"),
        if grounds.nb.is_empty() {
            "–"
        } else {
            grounds.get(lang)
        }
    );
    if a.modification_notice {
        let _ = writeln!(
            out,
            "  {}",
            label(
                lang,
                "Kunngjøring om endring må publiseres (FOA § 28-1 (3)).",
                "A contract modification notice must be published (FOA § 28-1 (3))."
            )
        );
    }
    figures_line(out, a, lang);
    for c in &a.elements {
        let by = match (c.covered_by, c.basis) {
            (Some(g), Some(b)) => format!(
                "{} ({})",
                labels::ground(g).get(lang),
                labels::basis(b).get(lang)
            ),
            _ => label(lang, "IKKE DEKKET", "NOT COVERED").to_owned(),
        };
        let _ = writeln!(
            out,
            "  {} {}: {by}",
            label(lang, "Element", "Element"),
            labels::element(c.element).get(lang)
        );
    }
    for t in a
        .tests
        .iter()
        .filter(|t| t.outcome != Outcome::NotApplicable)
    {
        let _ = writeln!(
            out,
            "  [{}] {} ({})",
            labels::outcome(t.outcome).get(lang),
            labels::ground(t.test).get(lang),
            labels::provision(t.provision, lang)
        );
        for r in &t.reasons {
            let _ = writeln!(out, "      - {}", r.get(lang));
        }
    }
    for w in &a.warnings {
        let _ = writeln!(out, "  ! {}", w.get(lang));
    }
    let _ = writeln!(
        out,
        "  {}: {}",
        label(lang, "Konklusjon", "Conclusion"),
        a.conclusion.get(lang)
    );
}

fn figures_line(out: &mut String, a: &Assessment, lang: Lang) {
    let f = &a.figures;
    let figure =
        |nb: &str, en: &str, amount| format!("{} {}", label(lang, nb, en), nok(amount, lang));
    let mut parts = vec![
        figure("grunnlag", "base", f.base_value),
        figure("økning", "increase", f.value_increase),
        figure("samlet", "cumulative", f.cumulative_increase),
        figure("de minimis-grense", "de minimis limit", f.de_minimis_limit),
    ];
    if let Some(t) = f.eea_threshold {
        parts.push(figure("EØS-terskelverdi", "EEA threshold", t));
    }
    parts.push(figure("50\u{a0}%", "50%", f.cap_50));
    let _ = writeln!(
        out,
        "  {}: {}",
        label(lang, "Tall", "Figures"),
        parts.join(" · ")
    );
}

fn summary(out: &mut String, assessments: &[Assessment], lang: Lang) {
    let count = |r: Recommendation| assessments.iter().filter(|a| a.recommendation == r).count();
    let notices = assessments.iter().filter(|a| a.modification_notice).count();
    let _ = writeln!(
        out,
        "{}: {} {}: {} {}, {} {}, {} {}; {} {}.",
        label(lang, "Oppsummering", "Summary"),
        assessments.len(),
        label(lang, "endringer", "changes"),
        count(Recommendation::Continue),
        labels::recommendation(Recommendation::Continue).get(lang),
        count(Recommendation::IntentionNotice),
        labels::recommendation(Recommendation::IntentionNotice).get(lang),
        count(Recommendation::Retender),
        labels::recommendation(Recommendation::Retender).get(lang),
        notices,
        label(
            lang,
            "med kunngjøring om endring",
            "with a modification notice"
        ),
    );
}
