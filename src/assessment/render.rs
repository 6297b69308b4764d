//! The outputs of `vesentlig assess`: the stable JSON of `docs/product.md` and the terminal
//! table, each written batch by batch (see `law::assess_in_batches`) so that the assessments
//! of a large portfolio never all exist at once, nor its output.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use chrono::NaiveDate;
use rayon::prelude::*;
use rust_decimal::Decimal;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use super::{
    Assessment, Basis, Element, ElementCoverage, Figures, Ground, Outcome, Recommendation,
    TestResult,
};
use crate::law::labels;
use crate::model::Part;
use crate::text::{Lang, Text, nok};

/// Writes `{ "assessments": [...] }`, pretty-printed, batch by batch: per assessment the
/// specified keys first, in the specified order, then the engine's extra keys. Each assessment
/// is serialized on its own (in parallel) and indented to its place in the array, so the bytes
/// are those of the whole document serialized at once.
pub struct JsonWriter<W: Write> {
    out: W,
    lang: Lang,
    empty: bool,
}

impl<W: Write> JsonWriter<W> {
    /// Starts the document.
    pub fn new(mut out: W, lang: Lang) -> io::Result<Self> {
        out.write_all(b"{\n  \"assessments\": [")?;
        Ok(Self {
            out,
            lang,
            empty: true,
        })
    }

    /// Adds a batch of assessments.
    pub fn write(&mut self, assessments: &[Assessment]) -> io::Result<()> {
        let pieces: Vec<Vec<u8>> = assessments
            .par_iter()
            .map(|a| json_element(a, self.lang))
            .collect::<Result<_, _>>()?;
        for piece in pieces {
            self.out
                .write_all(if self.empty { b"\n" } else { b",\n" })?;
            self.out.write_all(&piece)?;
            self.empty = false;
        }
        Ok(())
    }

    /// Ends the document and returns the writer.
    pub fn finish(mut self) -> io::Result<W> {
        let end: &[u8] = if self.empty { b"]\n}\n" } else { b"\n  ]\n}\n" };
        self.out.write_all(end)?;
        Ok(self.out)
    }
}

/// One assessment as it appears in the pretty-printed document: serialized as the only
/// element of `{ "assessments": [...] }`, which serde_json indents to its depth, and cut out.
fn json_element(a: &Assessment, lang: Lang) -> io::Result<Vec<u8>> {
    #[derive(Serialize)]
    struct One<'a> {
        assessments: [JsonAssessment<'a>; 1],
    }
    let mut doc = Vec::with_capacity(8 * 1024);
    serde_json::to_writer_pretty(
        &mut doc,
        &One {
            assessments: [JsonAssessment::new(a, lang)],
        },
    )?;
    let inner = doc.len().checked_sub(ONE_SUFFIX.len()).filter(|end| {
        doc.starts_with(ONE_PREFIX) && doc.ends_with(ONE_SUFFIX) && *end >= ONE_PREFIX.len()
    });
    let end = inner.ok_or_else(|| io::Error::other("unexpected layout of an assessment's JSON"))?;
    doc.truncate(end);
    doc.drain(..ONE_PREFIX.len());
    Ok(doc)
}

/// What surrounds the element of a one-element document.
const ONE_PREFIX: &[u8] = b"{\n  \"assessments\": [\n";
const ONE_SUFFIX: &[u8] = b"\n  ]\n}";

#[derive(Serialize)]
struct JsonAssessment<'a> {
    contract: &'a str,
    change: &'a str,
    recommendation: Recommendation,
    grounds: &'a [Ground],
    modification_notice: bool,
    part: Part,
    figures: JsonFigures<'a>,
    tests: JsonTests<'a>,
    // Extra keys, after the specified ones.
    implicit: bool,
    date: NaiveDate,
    elements: &'a [ElementCoverage],
    warnings: InLang<'a>,
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
            figures: JsonFigures(&a.figures),
            tests: JsonTests(&a.tests, lang),
            implicit: a.implicit,
            date: a.date,
            elements: &a.elements,
            warnings: InLang(&a.warnings, lang),
            conclusion: a.conclusion.get(lang),
            contract_ended: a.contract_ended,
        }
    }
}

/// Texts in one language, serialized as an array of strings.
struct InLang<'a>(&'a [Text], Lang);

impl Serialize for InLang<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|t| t.get(self.1)))
    }
}

/// The tests, each as a [`JsonTest`].
struct JsonTests<'a>(&'a [TestResult], Lang);

impl Serialize for JsonTests<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|t| JsonTest::new(t, self.1)))
    }
}

/// Amounts as normalized decimal strings: `"1250000"`, never `"1250000.00"`.
struct Amount(Decimal);

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0.normalize())
    }
}

/// The figures: the specified keys, then the extra ones.
struct JsonFigures<'a>(&'a Figures);

impl Serialize for JsonFigures<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let f = self.0;
        let amount = Amount;
        let optional = |d: Option<Decimal>| d.map(Amount);
        let mut m = s.serialize_struct("JsonFigures", 15)?;
        m.serialize_field("base_value", &amount(f.base_value))?;
        m.serialize_field("value_increase", &amount(f.value_increase))?;
        m.serialize_field("cumulative_increase", &amount(f.cumulative_increase))?;
        m.serialize_field("de_minimis_limit", &amount(f.de_minimis_limit))?;
        m.serialize_field("eea_threshold", &optional(f.eea_threshold))?;
        m.serialize_field("cap_50", &amount(f.cap_50))?;
        // Extra keys.
        m.serialize_field("original_value", &amount(f.original_value))?;
        m.serialize_field(
            "value_including_options",
            &amount(f.value_including_options),
        )?;
        m.serialize_field("term_extension_value", &optional(f.term_extension_value))?;
        m.serialize_field("term_extension_days", &f.term_extension_days)?;
        m.serialize_field("earlier_increase", &amount(f.earlier_increase))?;
        m.serialize_field("de_minimis_percent", &amount(f.de_minimis_percent))?;
        m.serialize_field("national_threshold", &optional(f.national_threshold))?;
        m.serialize_field("thresholds_from", &f.thresholds_from)?;
        m.serialize_field("estimated_value", &optional(f.estimated_value))?;
        m.end()
    }
}

#[derive(Serialize)]
struct JsonTest<'a> {
    test: Ground,
    outcome: Outcome,
    provision: &'a str,
    reasons: InLang<'a>,
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
            reasons: InLang(&t.reasons, lang),
            notice_code: t.notice_code,
            basis: t.basis,
            covers: &t.covers,
        }
    }
}

/// Writes the terminal table batch by batch: per change the recommendation, grounds, key
/// figures and each applicable test with its provision and reasons; at the end a summary,
/// counted on the way.
pub struct TableWriter<W: Write> {
    out: W,
    lang: Lang,
    counts: Counts,
}

impl<W: Write> TableWriter<W> {
    pub fn new(out: W, lang: Lang) -> Self {
        Self {
            out,
            lang,
            counts: Counts::default(),
        }
    }

    /// Adds a batch of assessments.
    pub fn write(&mut self, assessments: &[Assessment]) -> io::Result<()> {
        let blocks: Vec<String> = assessments
            .par_iter()
            .map(|a| {
                let mut block = String::new();
                change_block(&mut block, a, self.lang);
                block.push('\n');
                block
            })
            .collect();
        self.counts.add(assessments);
        blocks
            .iter()
            .try_for_each(|b| self.out.write_all(b.as_bytes()))
    }

    /// Writes the summary and returns the writer.
    pub fn finish(mut self) -> io::Result<W> {
        let mut summary = String::new();
        self.counts.write(&mut summary, self.lang);
        self.out.write_all(summary.as_bytes())?;
        Ok(self.out)
    }
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
        if grounds.get(lang).is_empty() {
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

/// The summary's counts.
#[derive(Default)]
struct Counts {
    changes: usize,
    by_recommendation: BTreeMap<Recommendation, usize>,
    notices: usize,
}

impl Counts {
    fn add(&mut self, assessments: &[Assessment]) {
        self.changes += assessments.len();
        for a in assessments {
            *self.by_recommendation.entry(a.recommendation).or_default() += 1;
        }
        self.notices += assessments.iter().filter(|a| a.modification_notice).count();
    }

    fn write(&self, out: &mut String, lang: Lang) {
        let count = |r: Recommendation| self.by_recommendation.get(&r).copied().unwrap_or(0);
        let _ = writeln!(
            out,
            "{}: {} {}: {} {}, {} {}, {} {}; {} {}.",
            label(lang, "Oppsummering", "Summary"),
            self.changes,
            label(lang, "endringer", "changes"),
            count(Recommendation::Continue),
            labels::recommendation(Recommendation::Continue).get(lang),
            count(Recommendation::IntentionNotice),
            labels::recommendation(Recommendation::IntentionNotice).get(lang),
            count(Recommendation::Retender),
            labels::recommendation(Recommendation::Retender).get(lang),
            self.notices,
            label(
                lang,
                "med kunngjøring om endring",
                "with a modification notice"
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct JsonDoc<'a> {
        assessments: Vec<JsonAssessment<'a>>,
    }

    /// The document written in batches is the one serde_json writes for the whole array.
    #[test]
    fn json_in_batches_is_the_whole_document() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("contracts");
        let loaded = crate::load::load_checked(&dir).unwrap();
        let all = crate::law::assess_portfolio(&loaded.portfolio, &loaded.thresholds);
        for assessments in [&all[..], &all[..1], &[]] {
            let mut w = JsonWriter::new(Vec::new(), Lang::En).unwrap();
            for batch in assessments.chunks(5) {
                w.write(batch).unwrap();
            }
            let streamed = String::from_utf8(w.finish().unwrap()).unwrap();
            let doc = JsonDoc {
                assessments: assessments
                    .iter()
                    .map(|a| JsonAssessment::new(a, Lang::En))
                    .collect(),
            };
            let whole = serde_json::to_string_pretty(&doc).unwrap() + "\n";
            assert_eq!(streamed, whole);
        }
    }
}
