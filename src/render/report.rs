//! The data of the portfolio report for the steering group: counts by recommendation, every
//! change with its verdict and ground, and a timeline of contracts, options, deadlines and the
//! merger date. Geometry is pre-computed here (positions in per-mille of the timeline width)
//! so the template only draws.
//!
//! A merger may hold thousands of contracts, so every list is sorted into groups the template
//! prints under their own heading, with the count, and lists in the contents: the timeline by
//! the system's priority, then by expiry; the verdicts by recommendation, strictest first; the
//! plan's alerts by severity; the deadlines by year.

mod consolidation;

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::labels::{self, tr};
use super::memo::{DeadlineRow, deadline_row};
use crate::analysis::headroom::Reach;
use crate::assessment::{Assessment, Recommendation};
use crate::law::labels as law;
use crate::model::{Contract, Portfolio};
use crate::plan::{Action, ActionKind, ContractPlan, Plan, Severity};
use crate::priorities::Priority;
use crate::text::{Lang, date_long, date_short, nok};
use rust_decimal::Decimal;

pub use consolidation::{AlternativeRow, MemberRow, Section as ConsolidationSection};

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
    /// The largest price increase that would still be continue on the change's date
    /// (`analysis::headroom`).
    pub headroom: String,
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

/// A run of rows of one list printed under its own heading: `rows[start..end]` of that list.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Group {
    /// For colour: a priority, recommendation or severity code, or the year.
    pub code: String,
    /// The heading, with the count («Kritisk prioritet – 3 kontrakter»).
    pub title: String,
    pub start: usize,
    pub end: usize,
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
    /// Whether page 1 lists the contents: when the timeline alone runs past it.
    pub contents: bool,
    /// Every assessed change, strictest recommendation first (see `change_groups`).
    pub changes: Vec<ChangeRow>,
    pub change_groups: Vec<Group>,
    pub ticks: Vec<Tick>,
    /// Every contract, by priority and then by expiry (see `timeline_groups`).
    pub rows: Vec<TimelineRow>,
    pub timeline_groups: Vec<Group>,
    /// Chart-wide lines: the merger date and the report's date.
    pub lines: Vec<Marker>,
    /// The plan's actions by date (see `deadline_groups`, one per year).
    pub deadlines: Vec<Deadline>,
    pub deadline_groups: Vec<Group>,
    /// The plan's critical warnings and warnings (its notes are left to `vesentlig plan`),
    /// critical first (see `alert_groups`).
    pub alerts: Vec<Alert>,
    pub alert_groups: Vec<Group>,
    /// The groups of overlapping contracts and what to do about each.
    pub consolidation: Vec<ConsolidationSection>,
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
    /// The largest price increase still continue for each assessment's contract on its date
    /// (`analysis::headroom::continue_up_to`), in the order of `assessments`.
    pub headroom: &'a [Reach<Decimal>],
    /// The consolidation analysis of the same portfolio and date.
    pub consolidation: &'a [crate::analysis::consolidation::Group],
}

const RECOMMENDATIONS: [Recommendation; 3] = [
    Recommendation::Continue,
    Recommendation::IntentionNotice,
    Recommendation::Retender,
];

/// Contracts whose timeline fits on page 1 under the counts; a longer report gets contents.
const FIRST_PAGE_CONTRACTS: usize = 24;

impl ReportData {
    /// Builds the report for a portfolio, its assessments and its plan.
    pub fn build(input: &ReportInput<'_>) -> Self {
        let p = input.portfolio;
        let lang = input.lang;
        let scale = Scale::new(p, input.date);
        let plans = ContractPlans::new(input.plan);
        let (rows, timeline_groups) = timeline(input, &scale, &plans);
        let (changes, change_groups) = changes(input, &plans);
        let (deadlines, deadline_groups) = deadlines(input.plan, lang);
        let (alerts, alert_groups) = alerts(input.plan, lang);
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
            contents: p.contracts.len() > FIRST_PAGE_CONTRACTS,
            changes,
            change_groups,
            ticks: scale.ticks(),
            rows,
            timeline_groups,
            lines: chart_lines(p, input.date, &scale, lang),
            deadlines,
            deadline_groups,
            alerts,
            alert_groups,
            consolidation: consolidation::sections(input.consolidation, p, input.date, lang),
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

/// «3 kontrakter», «1 change»: a count with its noun.
fn counted(n: usize, lang: Lang, nb: (&str, &str), en: (&str, &str)) -> String {
    let (one, many) = match lang {
        Lang::Nb => nb,
        Lang::En => en,
    };
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Splits `rows`, already sorted by group key, into its runs of equal keys.
fn groups<T, K: PartialEq>(
    rows: &[T],
    key: impl Fn(&T) -> K,
    title: impl Fn(&K, usize) -> (String, String),
) -> Vec<Group> {
    let mut start = 0;
    rows.chunk_by(|a, b| key(a) == key(b))
        .filter_map(|run| {
            let (code, title) = title(&key(run.first()?), run.len());
            start += run.len();
            Some(Group {
                code,
                title,
                start: start - run.len(),
                end: start,
            })
        })
        .collect()
}

/// The plan's actions by date, grouped by year.
fn deadlines(plan: &Plan, lang: Lang) -> (Vec<Deadline>, Vec<Group>) {
    let rows: Vec<(i32, Deadline)> = plan
        .actions
        .iter()
        .map(|a| {
            let row = Deadline {
                contract: a.contract.clone(),
                row: deadline_row(a, lang),
            };
            (a.deadline.date.year(), row)
        })
        .collect();
    let groups = groups(
        &rows,
        |(year, _)| *year,
        |year, n| {
            let count = counted(n, lang, ("frist", "frister"), ("deadline", "deadlines"));
            (year.to_string(), format!("{year} – {count}"))
        },
    );
    (rows.into_iter().map(|(_, d)| d).collect(), groups)
}

/// The plan's critical warnings, then its warnings.
fn alerts(plan: &Plan, lang: Lang) -> (Vec<Alert>, Vec<Group>) {
    let mut rows: Vec<Alert> = plan
        .warnings
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
        .collect();
    // Stable: the plan's own order within each severity.
    rows.sort_by_key(|a| a.severity != "critical");
    let groups = groups(
        &rows,
        |a| a.severity,
        |severity, n| {
            let label = if *severity == "critical" {
                tr(lang, "Kritiske varsler", "Critical warnings")
            } else {
                tr(lang, "Advarsler", "Warnings")
            };
            ((*severity).to_owned(), format!("{label} – {n}"))
        },
    );
    (rows, groups)
}

/// Each contract's plan by contract id, looked up once instead of searched per row.
struct ContractPlans<'a> {
    plans: HashMap<&'a str, &'a ContractPlan>,
}

/// A contract's KS priority (from the plan), ordered as the report prints the groups: critical
/// systems first, then the systems the plan treats as critical because their area is red, then
/// high, medium, low and unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum PriorityGroup {
    Critical,
    CriticalArea,
    High,
    Medium,
    Low,
    Unknown,
}

impl<'a> ContractPlans<'a> {
    fn new(plan: &'a Plan) -> Self {
        Self {
            plans: plan
                .contracts
                .iter()
                .map(|c| (c.contract.as_str(), c))
                .collect(),
        }
    }

    fn priority(&self, contract: &str) -> PriorityGroup {
        let Some(lookup) = self.plans.get(contract).map(|c| &c.priority) else {
            return PriorityGroup::Unknown;
        };
        match lookup.priority {
            Priority::Kritisk => PriorityGroup::Critical,
            _ if lookup.critical_by_area => PriorityGroup::CriticalArea,
            Priority::Hoy => PriorityGroup::High,
            Priority::Middels => PriorityGroup::Medium,
            Priority::Lav => PriorityGroup::Low,
            Priority::Unknown => PriorityGroup::Unknown,
        }
    }

    /// The strictest recommendation among the contract's changes (`continue` without any).
    fn worst(&self, contract: &str) -> Recommendation {
        self.plans
            .get(contract)
            .and_then(|p| p.recommendation)
            .unwrap_or(Recommendation::Continue)
    }
}

impl PriorityGroup {
    fn code(self) -> &'static str {
        match self {
            Self::Critical => "critical",
            Self::CriticalArea => "critical_area",
            Self::High => "high",
            Self::Medium => "medium",
            Self::Low => "low",
            Self::Unknown => "unknown",
        }
    }

    fn label(self, lang: Lang) -> String {
        let (nb, en) = match self {
            Self::Critical => ("Kritisk prioritet", "Critical priority"),
            Self::CriticalArea => (
                "Rødt område, planlagt som kritisk",
                "Red area, planned as critical",
            ),
            Self::High => ("Høy prioritet", "High priority"),
            Self::Medium => ("Middels prioritet", "Medium priority"),
            Self::Low => ("Lav prioritet", "Low priority"),
            Self::Unknown => ("Ukjent prioritet", "Unknown priority"),
        };
        tr(lang, nb, en)
    }
}

/// Every contract on the timeline, by priority group (KS 2017) and then by expiry: the end of
/// the current term, then the end with options.
fn timeline(
    input: &ReportInput<'_>,
    scale: &Scale,
    plans: &ContractPlans<'_>,
) -> (Vec<TimelineRow>, Vec<Group>) {
    let lang = input.lang;
    let mut contracts: Vec<(PriorityGroup, &Contract)> = input
        .portfolio
        .contracts
        .iter()
        .map(|c| (plans.priority(&c.id), c))
        .collect();
    contracts.sort_by(|(ga, a), (gb, b)| {
        (ga, a.end, a.end_with_options(), &a.id).cmp(&(gb, b.end, b.end_with_options(), &b.id))
    });
    let groups = groups(
        &contracts,
        |(g, _)| *g,
        |g, n| {
            let count = counted(
                n,
                lang,
                ("kontrakt", "kontrakter"),
                ("contract", "contracts"),
            );
            (g.code().to_owned(), format!("{} – {count}", g.label(lang)))
        },
    );
    let by_contract = actions_by_contract(input.plan);
    let rows = contracts
        .iter()
        .map(|(_, c)| timeline_row(c, input, scale, plans, &by_contract))
        .collect();
    (rows, groups)
}

/// Every assessed change, strictest recommendation first; within one, by priority group and
/// then by the change's date.
fn changes(input: &ReportInput<'_>, plans: &ContractPlans<'_>) -> (Vec<ChangeRow>, Vec<Group>) {
    let lang = input.lang;
    let mut sorted: Vec<&Assessment> = input.assessments.iter().collect();
    sorted.sort_by(|a, b| {
        let key = |x: &Assessment| {
            (
                std::cmp::Reverse(x.recommendation),
                plans.priority(&x.contract),
                x.date,
            )
        };
        key(a)
            .cmp(&key(b))
            .then_with(|| (&a.contract, &a.change).cmp(&(&b.contract, &b.change)))
    });
    let groups = groups(
        &sorted,
        |a| a.recommendation,
        |r, n| {
            let count = counted(n, lang, ("endring", "endringer"), ("change", "changes"));
            (
                labels::recommendation_code(*r).to_owned(),
                format!("{} – {count}", labels::recommendation(*r, lang)),
            )
        },
    );
    let contracts: HashMap<&str, &Contract> = input
        .portfolio
        .contracts
        .iter()
        .map(|c| (c.id.as_str(), c))
        .collect();
    let headroom: HashMap<(&str, &str), Reach<Decimal>> = input
        .assessments
        .iter()
        .zip(input.headroom)
        .map(|(a, h)| ((a.contract.as_str(), a.change.as_str()), *h))
        .collect();
    let rows = sorted
        .iter()
        .map(|a| {
            let room = headroom
                .get(&(a.contract.as_str(), a.change.as_str()))
                .copied()
                .unwrap_or(Reach::None);
            change_row(a, contracts.get(a.contract.as_str()).copied(), room, lang)
        })
        .collect();
    (rows, groups)
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

fn change_row(
    a: &Assessment,
    contract: Option<&Contract>,
    headroom: Reach<Decimal>,
    lang: Lang,
) -> ChangeRow {
    ChangeRow {
        headroom: match headroom {
            Reach::UpTo(v) => nok(v, lang),
            Reach::Unlimited => tr(
                lang,
                "uten øvre grense i klausulen",
                "no maximum in the clause",
            ),
            Reach::None => "–".to_owned(),
        },
        contract: a.contract.clone(),
        title: contract.map(|c| c.title.clone()).unwrap_or_default(),
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

    /// Whole calendar years from the one holding `from` to the one holding `to`.
    fn between(from: NaiveDate, to: NaiveDate) -> Self {
        Self {
            from: year_start(from.year()),
            to: year_start(to.year().max(from.year()) + 1),
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

/// The plan's actions of each contract, looked up once rather than searched per contract.
fn actions_by_contract(plan: &Plan) -> HashMap<&str, Vec<&Action>> {
    let mut out: HashMap<&str, Vec<&Action>> = HashMap::new();
    for a in &plan.actions {
        out.entry(a.contract.as_str()).or_default().push(a);
    }
    out
}

fn timeline_row(
    c: &Contract,
    input: &ReportInput<'_>,
    s: &Scale,
    plans: &ContractPlans<'_>,
    actions: &HashMap<&str, Vec<&Action>>,
) -> TimelineRow {
    let lang = input.lang;
    let changes = c.proposed_changes.iter().map(|p| Marker {
        at: s.at(p.date),
        kind: "change",
        label: date_short(p.date, lang),
    });
    // The plan's latest dates to act: launch the competition, terminate, publish a notice.
    let actions = actions
        .get(c.id.as_str())
        .into_iter()
        .flatten()
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
        code: labels::recommendation_code(plans.worst(&c.id)),
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
