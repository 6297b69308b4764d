//! The data of the portfolio report for the steering group: counts by recommendation, every
//! change with its verdict and ground, and a timeline of contracts, options, deadlines and the
//! merger date. Geometry is pre-computed here (positions in per-mille of the timeline width)
//! so the template only draws.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::labels::{self, tr};
use super::memo::{DeadlineRow, deadline_row};
use crate::assessment::{Assessment, Recommendation};
use crate::law::labels as law;
use crate::model::{Contract, Portfolio};
use crate::plan::{ActionKind, Plan, Severity};
use crate::text::{Lang, date_long, date_short};

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

/// A dated action of the plan in the deadline table.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Deadline {
    /// The contract (empty for the merger).
    pub contract: String,
    #[serde(flatten)]
    pub row: DeadlineRow,
}

/// A warning of the plan the steering group must see.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Alert {
    /// `critical` or `warning`.
    pub severity: &'static str,
    pub contract: String,
    pub text: String,
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
    /// The plan's critical warnings and warnings (its notes are left to `vesentlig plan`).
    pub alerts: Vec<Alert>,
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
    /// The procurement plan for the same portfolio and date.
    pub plan: &'a Plan,
}

const RECOMMENDATIONS: [Recommendation; 3] = [
    Recommendation::Continue,
    Recommendation::IntentionNotice,
    Recommendation::Retender,
];

impl ReportData {
    /// Builds the report for a portfolio, its assessments and its plan.
    pub fn build(input: &ReportInput<'_>) -> Self {
        let p = input.portfolio;
        let lang = input.lang;
        let scale = Scale::new(p, input.date);
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
            counts: counts(input.assessments, lang),
            changes: input
                .assessments
                .iter()
                .map(|a| change_row(a, p, lang))
                .collect(),
            ticks: scale.ticks(),
            rows: p
                .contracts
                .iter()
                .map(|c| timeline_row(c, input, &scale))
                .collect(),
            lines: chart_lines(p, input.date, &scale, lang),
            deadlines: deadlines(input.plan, lang),
            alerts: alerts(input.plan, lang),
            notes: vec![tr(
                lang,
                "Fristene er hentet fra anskaffelsesplanen («vesentlig plan»): seneste datoer for oppstart og kunngjøring av nye konkurranser, oppsigelse og intensjonskunngjøring, beregnet fra lovens minstefrister og prosjektets ledetidsmodell. Periodene regnes i kalenderdager; en seneste frist som faller på en helg eller helligdag er flyttet til virkedagen før.",
                "The deadlines come from the procurement plan (“vesentlig plan”): the latest dates to start and launch new competitions, to give notice of termination and to publish intention notices, computed from the legal minimum time limits and the project's lead-time model. Periods are calendar days; a latest date falling on a weekend or public holiday is moved to the working day before.",
            )],
        }
    }
}

/// How many changes got each recommendation.
fn counts(assessments: &[Assessment], lang: Lang) -> Vec<Count> {
    RECOMMENDATIONS
        .iter()
        .map(|r| Count {
            code: labels::recommendation_code(*r),
            label: labels::recommendation(*r, lang),
            count: assessments
                .iter()
                .filter(|a| a.recommendation == *r)
                .count(),
        })
        .collect()
}

fn deadlines(plan: &Plan, lang: Lang) -> Vec<Deadline> {
    plan.actions
        .iter()
        .map(|a| Deadline {
            contract: a.contract.clone(),
            row: deadline_row(a, lang),
        })
        .collect()
}

fn alerts(plan: &Plan, lang: Lang) -> Vec<Alert> {
    plan.warnings
        .iter()
        .filter_map(|w| {
            let severity = match w.severity {
                Severity::Critical => "critical",
                Severity::Warning => "warning",
                Severity::Note => return None,
            };
            Some(Alert {
                severity,
                contract: w.contract.clone(),
                text: w.text.get(lang).to_owned(),
            })
        })
        .collect()
}

/// The grounds relied on; for a retender, the elements no ground covers, since those decide it,
/// or that the contract had already ended (no ground considered).
fn grounds_cell(a: &Assessment, lang: Lang) -> String {
    if let Some(end) = a.contract_ended {
        return tr(
            lang,
            format!(
                "Kontrakten utløp {}; ingen kontrakt å endre",
                date_short(end, lang)
            ),
            format!(
                "The contract ended on {}; nothing left to change",
                date_short(end, lang)
            ),
        );
    }
    if a.recommendation == Recommendation::Retender {
        let uncovered: Vec<String> = a
            .elements
            .iter()
            .filter(|e| e.covered_by.is_none())
            .map(|e| law::element(e.element).get(lang).to_owned())
            .collect();
        return format!(
            "{}: {}",
            tr(lang, "Ikke dekket", "Not covered"),
            uncovered.join(", ")
        );
    }
    let grounds: Vec<String> = a.grounds.iter().map(|g| labels::ground(*g, lang)).collect();
    if grounds.is_empty() {
        "–".to_owned()
    } else {
        grounds.join("; ")
    }
}

fn change_row(a: &Assessment, p: &Portfolio, lang: Lang) -> ChangeRow {
    ChangeRow {
        contract: a.contract.clone(),
        title: p
            .contract(&a.contract)
            .map(|c| c.title.clone())
            .unwrap_or_default(),
        change: a.change.clone(),
        date: date_short(a.date, lang),
        part: labels::part(a.part).to_owned(),
        code: labels::recommendation_code(a.recommendation),
        recommendation: labels::recommendation(a.recommendation, lang),
        grounds: grounds_cell(a, lang),
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

fn timeline_row(c: &Contract, input: &ReportInput<'_>, s: &Scale) -> TimelineRow {
    let lang = input.lang;
    let changes = c.proposed_changes.iter().map(|p| Marker {
        at: s.at(p.date),
        kind: "change",
        label: date_short(p.date, lang),
    });
    // The plan's latest dates to act: launch the competition, terminate, publish a notice.
    let actions = input
        .plan
        .actions
        .iter()
        .filter(|a| a.contract == c.id)
        .filter_map(|a| {
            let kind = match a.kind {
                ActionKind::TenderNotice => "tender",
                ActionKind::TerminationNotice => "termination",
                ActionKind::IntentionNotice => "intention",
                _ => return None,
            };
            Some(Marker {
                at: s.at(a.deadline.date),
                kind,
                label: date_short(a.deadline.date, lang),
            })
        });
    TimelineRow {
        label: shorten(&c.title, LABEL_CHARS),
        id: c.id.clone(),
        code: labels::recommendation_code(worst(c, input.assessments)),
        from: s.at(c.start),
        to: s.at(c.end),
        options_to: s.at(c.end_with_options()),
        markers: changes.chain(actions).collect(),
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
