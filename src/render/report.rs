//! The data of the portfolio report for the steering group: counts by recommendation, every
//! change with its verdict and ground, and a timeline of contracts, options, deadlines and the
//! merger date. Geometry is pre-computed here (positions in per-mille of the timeline width)
//! so the template only draws.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::dates::termination_notice_before_merger;
use super::labels;
use crate::assessment::{Assessment, Recommendation};
use crate::model::{Contract, Portfolio};
use crate::text::{Lang, Text, date_long, date_short};

/// One recommendation and how many changes got it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Count {
    pub code: &'static str,
    pub label: String,
    pub count: usize,
}

/// One assessed change in the verdict table.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ChangeRow {
    pub contract: String,
    pub title: String,
    pub change: String,
    pub date: String,
    pub part: String,
    pub code: &'static str,
    pub recommendation: String,
    pub grounds: String,
    pub notice: String,
}

/// A marker on a timeline row or across the whole chart.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Marker {
    /// Position in per-mille of the timeline width.
    pub at: u32,
    pub kind: &'static str,
    pub label: String,
}

/// One contract on the timeline.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TimelineRow {
    pub label: String,
    pub id: String,
    /// The worst recommendation for the contract (`continue` when nothing was assessed).
    pub code: &'static str,
    /// The current term, start to `end` (per-mille).
    pub from: u32,
    pub to: u32,
    /// The end with the remaining extension options (per-mille; equal to `to` without any).
    pub options_to: u32,
    pub markers: Vec<Marker>,
}

/// A year tick on the axis.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Tick {
    pub at: u32,
    pub label: String,
}

/// A dated event in the deadline table.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Deadline {
    pub date: String,
    pub contract: String,
    pub what: String,
    /// True when the date lies before the report's date.
    pub past: bool,
    #[serde(skip)]
    sort: (NaiveDate, String),
}

/// Everything the report template prints.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ReportData {
    pub lang: Lang,
    pub merger: String,
    pub date: String,
    pub fingerprint: String,
    pub contracts: usize,
    pub counts: Vec<Count>,
    pub changes: Vec<ChangeRow>,
    pub ticks: Vec<Tick>,
    pub rows: Vec<TimelineRow>,
    /// Chart-wide lines: the merger date and the report's date.
    pub lines: Vec<Marker>,
    pub deadlines: Vec<Deadline>,
    /// Said plainly when the plan's deadlines are not part of the report.
    pub notes: Vec<String>,
}

/// What the report is built from.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    pub portfolio: &'a Portfolio,
    pub assessments: &'a [Assessment],
    pub lang: Lang,
    pub date: NaiveDate,
    pub fingerprint: &'a str,
}

fn tr(lang: Lang, nb: impl Into<String>, en: impl Into<String>) -> String {
    Text::new(nb, en).get(lang).to_owned()
}

const RECOMMENDATIONS: [Recommendation; 3] = [
    Recommendation::Continue,
    Recommendation::IntentionNotice,
    Recommendation::Retender,
];

impl ReportData {
    pub fn build(input: &ReportInput<'_>) -> Self {
        let p = input.portfolio;
        let lang = input.lang;
        let scale = Scale::new(p, input.date);
        let mut deadlines: Vec<Deadline> = p
            .contracts
            .iter()
            .flat_map(|c| contract_deadlines(c, p, lang, input.date))
            .collect();
        if let Some(m) = &p.merger {
            deadlines.push(Deadline {
                date: date_short(m.effective, lang),
                contract: "–".to_owned(),
                what: tr(
                    lang,
                    format!("sammenslåingstidspunktet: {} trer i kraft", m.name),
                    format!("merger date: {} comes into being", m.name),
                ),
                past: m.effective < input.date,
                sort: (m.effective, String::new()),
            });
        }
        deadlines.sort_by(|a, b| a.sort.cmp(&b.sort));
        Self {
            lang,
            merger: p
                .merger
                .as_ref()
                .map(|m| m.name.clone())
                .unwrap_or_default(),
            date: date_long(input.date, lang),
            fingerprint: input.fingerprint.to_owned(),
            contracts: p.contracts.len(),
            counts: RECOMMENDATIONS
                .iter()
                .map(|r| Count {
                    code: labels::recommendation_code(*r),
                    label: labels::recommendation(*r, lang),
                    count: input
                        .assessments
                        .iter()
                        .filter(|a| a.recommendation == *r)
                        .count(),
                })
                .collect(),
            changes: input
                .assessments
                .iter()
                .map(|a| change_row(a, p, lang))
                .collect(),
            ticks: scale.ticks(),
            rows: p
                .contracts
                .iter()
                .map(|c| timeline_row(c, input.assessments, &scale, lang))
                .collect(),
            lines: chart_lines(p, input.date, &scale, lang),
            deadlines,
            notes: vec![tr(
                lang,
                "Tidslinjen og fristlisten viser kontraktenes løpetid, opsjoner, oppsigelsesfrister, planlagte endringer og sammenslåingstidspunktet. Seneste datoer for kunngjøring av nye konkurranser og intensjonskunngjøringer følger av anskaffelsesplanen («vesentlig plan»), som ikke er tatt med i denne rapporten.",
                "The timeline and the deadline list show the contracts' terms, options, termination deadlines, planned changes and the merger date. The latest dates to launch new competitions and publish intention notices come from the procurement plan (“vesentlig plan”), which this report does not include.",
            )],
        }
    }
}

fn change_row(a: &Assessment, p: &Portfolio, lang: Lang) -> ChangeRow {
    let grounds: Vec<String> = a.grounds.iter().map(|g| labels::ground(*g, lang)).collect();
    ChangeRow {
        contract: a.contract.clone(),
        title: p
            .contract(&a.contract)
            .map(|c| c.title.clone())
            .unwrap_or_default(),
        change: a.change.clone(),
        date: date_short(a.date, lang),
        part: format!("{:?}", a.part),
        code: labels::recommendation_code(a.recommendation),
        recommendation: labels::recommendation(a.recommendation, lang),
        grounds: if grounds.is_empty() {
            "–".to_owned()
        } else {
            grounds.join("; ")
        },
        notice: if a.modification_notice {
            tr(lang, "kunngjøring om endring", "modification notice")
        } else {
            String::new()
        },
    }
}

/// Maps dates onto 0..=1000 across whole calendar years.
struct Scale {
    from: NaiveDate,
    to: NaiveDate,
}

fn year_start(y: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or_default()
}

impl Scale {
    fn new(p: &Portfolio, today: NaiveDate) -> Self {
        let mut dates = vec![today];
        dates.extend(p.merger.as_ref().map(|m| m.effective));
        for c in &p.contracts {
            dates.push(c.start);
            dates.push(c.end_with_options());
        }
        let min = dates.iter().min().copied().unwrap_or(today);
        let max = dates.iter().max().copied().unwrap_or(today);
        Self {
            from: year_start(min.year()),
            to: year_start(max.year() + 1),
        }
    }

    fn at(&self, d: NaiveDate) -> u32 {
        let total = (self.to - self.from).num_days().max(1);
        let offset = (d - self.from).num_days().clamp(0, total);
        u32::try_from(offset * 1000 / total).unwrap_or(0)
    }

    fn ticks(&self) -> Vec<Tick> {
        (self.from.year()..=self.to.year())
            .map(|y| Tick {
                at: self.at(year_start(y)),
                label: y.to_string(),
            })
            .collect()
    }
}

/// The strictest recommendation among a contract's assessed changes.
fn worst(c: &Contract, assessments: &[Assessment]) -> Recommendation {
    assessments
        .iter()
        .filter(|a| a.contract == c.id)
        .map(|a| a.recommendation)
        .max()
        .unwrap_or(Recommendation::Continue)
}

fn timeline_row(c: &Contract, assessments: &[Assessment], s: &Scale, lang: Lang) -> TimelineRow {
    let markers = c
        .proposed_changes
        .iter()
        .map(|p| Marker {
            at: s.at(p.date),
            kind: "change",
            label: tr(
                lang,
                format!("endring {}", date_short(p.date, lang)),
                format!("change {}", date_short(p.date, lang)),
            ),
        })
        .collect();
    TimelineRow {
        label: shorten(&c.title, LABEL_CHARS),
        id: c.id.clone(),
        code: labels::recommendation_code(worst(c, assessments)),
        from: s.at(c.start),
        to: s.at(c.end),
        options_to: s.at(c.end_with_options()),
        markers,
    }
}

/// About what fits on one line of the timeline's label column at 8 pt.
const LABEL_CHARS: usize = 54;

/// `text` cut at a word boundary to at most `max` characters, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        let len = out.chars().count() + usize::from(!out.is_empty()) + word.chars().count();
        if len + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = text.chars().take(max.saturating_sub(1)).collect();
    }
    out.trim_end_matches([',', ';', ':', '–', '-'])
        .trim_end()
        .to_owned()
        + "…"
}

fn chart_lines(p: &Portfolio, today: NaiveDate, s: &Scale, lang: Lang) -> Vec<Marker> {
    let mut out = vec![Marker {
        at: s.at(today),
        kind: "today",
        label: tr(lang, "rapportdato", "report date"),
    }];
    if let Some(m) = &p.merger {
        out.push(Marker {
            at: s.at(m.effective),
            kind: "merger",
            label: tr(
                lang,
                format!("sammenslåing {}", date_short(m.effective, lang)),
                format!("merger {}", date_short(m.effective, lang)),
            ),
        });
    }
    out
}

fn deadline(c: &Contract, date: NaiveDate, what: String, today: NaiveDate, lang: Lang) -> Deadline {
    Deadline {
        date: date_short(date, lang),
        contract: c.id.clone(),
        what,
        past: date < today,
        sort: (date, c.id.clone()),
    }
}

/// The dated facts of one contract: end, end with options, latest termination notice.
fn contract_deadlines(c: &Contract, p: &Portfolio, lang: Lang, today: NaiveDate) -> Vec<Deadline> {
    let mut out = vec![deadline(
        c,
        c.end,
        tr(lang, "kontrakten utløper", "contract expires"),
        today,
        lang,
    )];
    if c.end_with_options() != c.end {
        out.push(deadline(
            c,
            c.end_with_options(),
            tr(
                lang,
                "utløp om alle forlengelsesopsjoner utløses",
                "expiry if every extension option is exercised",
            ),
            today,
            lang,
        ));
    }
    if let (Some(t), Some(m)) = (&c.termination, &p.merger)
        && let Some(latest) = termination_notice_before_merger(c, m)
    {
        out.push(deadline(
            c,
            latest,
            tr(
                lang,
                format!(
                    "siste frist for oppsigelse ({} mnd.) for å avslutte ved sammenslåingen",
                    t.notice_months
                ),
                format!(
                    "latest termination notice ({} months) to end at the merger",
                    t.notice_months
                ),
            ),
            today,
            lang,
        ));
    }
    for ch in &c.proposed_changes {
        out.push(deadline(
            c,
            ch.date,
            tr(
                lang,
                format!("planlagt endring «{}»", ch.id),
                format!("planned change “{}”", ch.id),
            ),
            today,
            lang,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::shorten;

    #[test]
    fn long_titles_are_cut_at_a_word() {
        assert_eq!(shorten("Renhold", 10), "Renhold");
        assert_eq!(
            shorten("Drift av IKT-infrastruktur: servere, nettverk", 30),
            "Drift av IKT-infrastruktur…"
        );
        assert_eq!(shorten("Abcdefghijklmnop", 6), "Abcde…");
    }
}
