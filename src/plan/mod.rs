//! The tender, notice and termination plan: for every contract, when it ends, whether it runs
//! past the merger, how critical its system is, and the dated actions that follow from its
//! assessment (KS 2017 ch. 5.1 priorities; ch. 6.3.1 on staggered expiry and termination
//! clauses). The [`Plan`] is what the `plan` command prints and the portfolio report draws.
//!
//! Dates: calendar-day arithmetic as the law counts (FOA § 7-6), then the working-day
//! convention of [`calendar`]: latest dates move to the previous working day, earliest dates
//! to the next. Every [`Deadline`] keeps both.

pub mod calendar;
pub mod lead_time;
pub mod render;
mod warnings;

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;

use crate::assessment::{Assessment, Recommendation};
use crate::model::{Character, Contract, Part, Portfolio};
use crate::priorities::{self, PriorityLookup};
use crate::text::{Lang, Text, date_long};

pub use calendar::{DateKind, Deadline};
pub use lead_time::{LeadTime, PlanningConfig, TenderProcedure};

/// The plan of a whole portfolio.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Plan {
    /// The date deadlines are measured against (`--today`).
    pub today: NaiveDate,
    /// The merger, when the portfolio has one.
    pub merger: Option<MergerDate>,
    /// The lead-time assumptions used (defaults, overridden by `planning.json`).
    pub config: PlanningConfig,
    /// One entry per contract, in portfolio order.
    pub contracts: Vec<ContractPlan>,
    /// Every action of every contract, and the merger, by date, then contract, then kind.
    pub actions: Vec<Action>,
    /// Everything a planner must look at, most severe first.
    pub warnings: Vec<Warning>,
}

impl Plan {
    /// The actions dated from `today` to `days` days after it, by date: what needs doing soon.
    pub fn upcoming(&self, days: u64) -> impl Iterator<Item = &Action> {
        let until = self
            .today
            .checked_add_days(chrono::Days::new(days))
            .unwrap_or(self.today);
        self.actions
            .iter()
            .filter(move |a| a.deadline.date >= self.today && a.deadline.date <= until)
    }
}

/// The merger's name and effective date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MergerDate {
    pub name: String,
    pub effective: NaiveDate,
}

/// The plan of one contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContractPlan {
    pub contract: String,
    pub title: String,
    pub service_area: Option<String>,
    pub system: Option<String>,
    /// The merger municipalities among the original authorities.
    pub municipalities: Vec<String>,
    pub supplier: String,
    pub start: NaiveDate,
    /// The current end (exercised options included).
    pub end: NaiveDate,
    /// The end if every unexercised extension option were exercised.
    pub end_with_options: NaiveDate,
    /// The end the plan works with: `end`, or the new end of a term extension assessed
    /// `continue` (lawful without a competition).
    pub planned_end: PlannedEnd,
    /// Whether the planned end is after the merger date (`None` without a merger).
    pub runs_past_merger: Option<bool>,
    /// The system's priority (KS 2017 ch. 5).
    pub priority: PriorityLookup,
    /// The verdict of every assessed change of this contract.
    pub changes: Vec<ChangeVerdict>,
    /// The strictest recommendation of the changes, if any were assessed.
    pub recommendation: Option<Recommendation>,
    /// The new competition: a retender, or the successor contract at expiry.
    pub tender: Option<TenderPlan>,
    /// This contract's dated actions, by date.
    pub actions: Vec<Action>,
}

/// The end the plan works with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlannedEnd {
    pub date: NaiveDate,
    /// The change whose term extension moved the end, if any.
    pub by_change: Option<String>,
}

/// The current end, moved by the latest `new_end` of a term extension the assessment lets the
/// buyer make without a competition. Extensions behind an intention notice are not counted:
/// the notice does not make an unlawful change lawful (legal-rules.md § 1).
fn planned_end(c: &Contract, own: &[&Assessment]) -> PlannedEnd {
    own.iter()
        .filter(|a| a.recommendation == Recommendation::Continue)
        .filter_map(|a| {
            let change = c.proposed_changes.iter().find(|p| p.id == a.change)?;
            change
                .new_end
                .filter(|e| *e > c.end)
                .map(|e| (e, &a.change))
        })
        .max()
        .map_or(
            PlannedEnd {
                date: c.end,
                by_change: None,
            },
            |(date, change)| PlannedEnd {
                date,
                by_change: Some(change.clone()),
            },
        )
}

/// One assessed change as the plan uses it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangeVerdict {
    pub change: String,
    pub implicit: bool,
    pub date: NaiveDate,
    pub recommendation: Recommendation,
}

/// Why a new competition is planned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum TenderReason {
    /// A change needs a new competition; the new contract must be in force on the change date.
    Retender { change: String },
    /// The contract expires; a successor must be in force on the current end.
    Expiry,
}

/// A new competition for a contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TenderPlan {
    pub reason: TenderReason,
    /// The part of FOA assumed for the new competition: the assessed part, else the part
    /// recorded at award; `part_assumed` when neither is known and part III (the longer legal
    /// minimums) is assumed.
    pub part_assumed: bool,
    pub lead_time: LeadTime,
}

/// What a dated action is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// Latest start of the work on a new competition (needs analysis).
    TenderStart,
    /// Latest dispatch of the contract notice.
    TenderNotice,
    /// Latest notice of termination so that the contract ends on the merger date.
    TerminationNotice,
    /// Latest publication of an intention notice (intensjonskunngjøring).
    IntentionNotice,
    /// The contract's current end.
    ContractExpiry,
    /// The merger takes effect.
    Merger,
}

impl ActionKind {
    /// The code used in UIDs and CSV.
    pub fn code(self) -> &'static str {
        match self {
            ActionKind::TenderStart => "tender-start",
            ActionKind::TenderNotice => "tender-notice",
            ActionKind::TerminationNotice => "termination-notice",
            ActionKind::IntentionNotice => "intention-notice",
            ActionKind::ContractExpiry => "contract-expiry",
            ActionKind::Merger => "merger",
        }
    }

    pub fn label(self) -> Text {
        match self {
            ActionKind::TenderStart => Text::new(
                "Siste frist for oppstart av ny anskaffelse",
                "Latest start of the new procurement",
            ),
            ActionKind::TenderNotice => Text::new(
                "Siste frist for kunngjøring av konkurranse",
                "Latest contract notice",
            ),
            ActionKind::TerminationNotice => {
                Text::new("Siste frist for oppsigelse", "Latest notice of termination")
            }
            ActionKind::IntentionNotice => Text::new(
                "Siste frist for intensjonskunngjøring",
                "Latest intention notice",
            ),
            ActionKind::ContractExpiry => Text::new("Kontrakten utløper", "Contract expires"),
            ActionKind::Merger => {
                Text::new("Sammenslåingen trer i kraft", "The merger takes effect")
            }
        }
    }
}

/// One dated action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Action {
    pub kind: ActionKind,
    /// The contract (empty for the merger).
    pub contract: String,
    /// The change it follows from, if any.
    pub change: Option<String>,
    pub deadline: Deadline,
    /// A latest date before `today`, or an event already passed.
    pub past: bool,
    /// Stable identifier: `<contract>-<action>@vesentlig`, plus `-<change>` for an intention
    /// notice (a contract can have several). A contract has one new competition whatever its
    /// reason, so its tender UIDs survive a change of verdict.
    pub uid: String,
    /// What to do, in one line.
    pub summary: Text,
    /// How the date was computed, with the provision.
    pub basis: Text,
}

/// How serious a warning is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A critical system may be without a lawful contract on the merger date.
    Critical,
    /// A deadline has passed, or something else needs action.
    Warning,
    /// For information.
    Note,
}

/// What a warning is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// A critical system's contract ends before the merger date.
    CriticalEndsBeforeMerger,
    /// A new competition for a critical system cannot finish in time.
    CriticalTenderTooLate,
    /// A new competition for another system cannot finish in time.
    TenderTooLate,
    /// A latest date is already past.
    DeadlinePassed,
    /// Several municipalities' contracts for the same system run past the merger.
    OverlappingContracts,
    /// A contract that must be replaced runs past the merger without a termination right.
    NoTerminationRight,
    /// The system's priority is unknown.
    UnknownPriority,
}

/// A warning for the planner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub severity: Severity,
    pub kind: WarningKind,
    /// The contract concerned.
    pub contract: String,
    pub text: Text,
}

/// Plans the portfolio: per contract its ends, priority, verdicts, new competition, termination
/// and intention-notice deadlines, with warnings. `today` is the date deadlines are measured
/// against; nothing here reads the clock.
pub fn plan_portfolio(
    p: &Portfolio,
    assessments: &[Assessment],
    today: NaiveDate,
    config: &PlanningConfig,
) -> Plan {
    let merger = p.merger.as_ref().map(|m| MergerDate {
        name: m.name.clone(),
        effective: m.effective,
    });
    let merger_date = merger.as_ref().map(|m| m.effective);
    let mut warnings = Vec::new();
    let by_contract = assessments_by_contract(assessments);
    let own = |c: &Contract| {
        by_contract
            .get(c.id.as_str())
            .map_or(&[][..], Vec::as_slice)
    };
    let ends: Vec<PlannedEnd> = p.contracts.iter().map(|c| planned_end(c, own(c))).collect();
    let overlaps = overlapping_systems(p, &ends, merger_date);
    let run = Run {
        merger: merger_date,
        today,
        config,
    };
    let contracts: Vec<ContractPlan> = p
        .contracts
        .iter()
        .zip(ends)
        .map(|(c, end)| {
            let overlap = overlaps.get(c.id.as_str());
            plan_contract(c, own(c), end, overlap, &run, &mut warnings)
        })
        .collect();
    let mut actions: Vec<Action> = contracts.iter().flat_map(|c| c.actions.clone()).collect();
    if let Some(m) = &merger {
        actions.push(merger_action(m, today));
    }
    sort_actions(&mut actions);
    warnings
        .sort_by(|a, b| (a.severity, a.kind, &a.contract).cmp(&(b.severity, b.kind, &b.contract)));
    Plan {
        today,
        merger,
        config: config.clone(),
        contracts,
        actions,
        warnings,
    }
}

/// The assessments of each contract, in the engine's order: one pass instead of a search of
/// every assessment per contract.
fn assessments_by_contract(assessments: &[Assessment]) -> BTreeMap<&str, Vec<&Assessment>> {
    let mut out: BTreeMap<&str, Vec<&Assessment>> = BTreeMap::new();
    for a in assessments {
        out.entry(a.contract.as_str()).or_default().push(a);
    }
    out
}

fn sort_actions(actions: &mut [Action]) {
    actions.sort_by(|a, b| {
        (a.deadline.date, &a.contract, a.kind, &a.change).cmp(&(
            b.deadline.date,
            &b.contract,
            b.kind,
            &b.change,
        ))
    });
}

/// Builds the UID of an action: stable across runs so a re-imported calendar updates events.
fn uid(contract: &str, kind: ActionKind, change: Option<&str>) -> String {
    let mut s = String::new();
    if !contract.is_empty() {
        s.push_str(contract);
        s.push('-');
    }
    s.push_str(kind.code());
    if let Some(ch) = change {
        s.push('-');
        s.push_str(ch);
    }
    s.push_str("@vesentlig");
    s
}

fn action(
    contract: &str,
    kind: ActionKind,
    change: Option<&str>,
    deadline: Deadline,
    today: NaiveDate,
    summary: Text,
    basis: Text,
) -> Action {
    Action {
        kind,
        contract: contract.to_owned(),
        change: change.map(str::to_owned),
        past: deadline.date < today,
        uid: uid(
            contract,
            kind,
            change.filter(|_| kind == ActionKind::IntentionNotice),
        ),
        deadline,
        summary,
        basis,
    }
}

fn merger_action(m: &MergerDate, today: NaiveDate) -> Action {
    action(
        "",
        ActionKind::Merger,
        None,
        Deadline::fixed(m.effective),
        today,
        Text::new(
            format!("{} trer i kraft", m.name),
            format!("{} takes effect", m.name),
        ),
        Text::new("merger.json: effective", "merger.json: effective"),
    )
}

/// The other municipalities' contracts for the same need that also run past the merger: the
/// first few by id, and how many more (a national portfolio may hold thousands per system).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Overlap<'a> {
    pub listed: Vec<&'a str>,
    pub more: usize,
}

/// How many overlapping contracts a warning names before «and N others».
const OVERLAPS_LISTED: usize = 5;

impl Overlap<'_> {
    /// «a, b og 3 andre» / «a, b and 3 others».
    pub fn names(&self, lang: Lang) -> String {
        let listed = self.listed.join(", ");
        match (self.more, lang) {
            (0, _) => listed,
            (n, Lang::Nb) => format!("{listed} og {n} andre"),
            (n, Lang::En) => format!("{listed} and {n} others"),
        }
    }
}

/// For each contract whose need (its `consolidation_group`, else its system: the grouping of
/// `analysis::consolidation`) is also served by another municipality's contract, both running
/// past the merger (KS 2017 ch. 6.3.1: overlapping contracts are the case for termination
/// clauses). Linear in the group's size: a contract lists a few others and counts the rest.
fn overlapping_systems<'a>(
    p: &'a Portfolio,
    ends: &[PlannedEnd],
    merger: Option<NaiveDate>,
) -> BTreeMap<&'a str, Overlap<'a>> {
    use crate::analysis::consolidation::{GroupBasis, group_key};
    let mut out = BTreeMap::new();
    let Some(merger) = merger else {
        return out;
    };
    let mut groups: BTreeMap<String, Vec<(&Contract, Vec<&str>)>> = BTreeMap::new();
    for (c, _) in p
        .contracts
        .iter()
        .zip(ends)
        .filter(|(_, e)| e.date > merger)
    {
        if let (GroupBasis::Given | GroupBasis::System, key) = group_key(c) {
            groups
                .entry(key)
                .or_default()
                .push((c, c.municipality_ids().collect()));
        }
    }
    for group in groups.values_mut() {
        group.sort_by(|(a, _), (b, _)| a.id.cmp(&b.id));
        // How many contracts each set of municipalities holds: the rest are the overlaps.
        let mut same: HashMap<&[&str], usize> = HashMap::new();
        for (_, m) in group.iter() {
            *same.entry(m.as_slice()).or_default() += 1;
        }
        for (a, a_municipalities) in group.iter() {
            let others = group.len() - same.get(a_municipalities.as_slice()).copied().unwrap_or(0);
            if others == 0 {
                continue;
            }
            let listed: Vec<&str> = group
                .iter()
                .filter(|(_, b_municipalities)| b_municipalities != a_municipalities)
                .take(OVERLAPS_LISTED)
                .map(|(b, _)| b.id.as_str())
                .collect();
            let more = others - listed.len();
            out.insert(a.id.as_str(), Overlap { listed, more });
        }
    }
    out
}

/// The part for a new competition: the assessed part, else the part recorded at award, else
/// part III assumed (its legal minimums are the longer ones).
fn tender_part(c: &Contract, own: &[&Assessment]) -> (Part, bool) {
    if let Some(a) = own.iter().max_by_key(|a| a.part) {
        return (a.part, false);
    }
    match c.award.part {
        Some(p) => (p, false),
        None => (Part::III, true),
    }
}

fn tender_procedure(c: &Contract, config: &PlanningConfig) -> TenderProcedure {
    config.procedure.unwrap_or(match c.character {
        Character::Standard => TenderProcedure::Open,
        Character::Complex => TenderProcedure::CompetitiveNegotiation,
    })
}

/// What every contract's plan is measured against.
struct Run<'a> {
    merger: Option<NaiveDate>,
    today: NaiveDate,
    config: &'a PlanningConfig,
}

fn plan_contract(
    c: &Contract,
    own: &[&Assessment],
    end: PlannedEnd,
    overlap: Option<&Overlap<'_>>,
    run: &Run<'_>,
    warnings: &mut Vec<Warning>,
) -> ContractPlan {
    let Run {
        merger,
        today,
        config,
    } = *run;
    let priority = priorities::lookup(c.service_area.as_deref(), c.system.as_deref());
    let changes: Vec<ChangeVerdict> = own
        .iter()
        .map(|a| ChangeVerdict {
            change: a.change.clone(),
            implicit: a.implicit,
            date: a.date,
            recommendation: a.recommendation,
        })
        .collect();
    let recommendation = changes.iter().map(|v| v.recommendation).max();
    let runs_past_merger = merger.map(|m| end.date > m);
    let mut actions = Vec::new();

    for a in own
        .iter()
        .filter(|a| a.recommendation == Recommendation::IntentionNotice)
    {
        actions.push(intention_notice_action(c, a, today, config));
    }
    let tender = tender_plan(c, own, end.date, &priority, today, config);
    if let Some(t) = &tender {
        actions.extend(tender_actions(c, t, today));
    }
    let must_end = recommendation == Some(Recommendation::Retender) || overlap.is_some();
    // A termination notice only matters where the contract must give way at the merger: a
    // retender, or another municipality's contract for the same system.
    if let (Some(m), Some(true), true) = (merger, runs_past_merger, must_end) {
        match termination_action(c, m, overlap, today) {
            Some(a) => actions.push(a),
            None => warnings.push(warnings::no_termination_warning(c, end.date, m)),
        }
    }
    actions.push(action(
        &c.id,
        ActionKind::ContractExpiry,
        None,
        Deadline::fixed(end.date),
        today,
        Text::new(
            format!("{}: kontrakten utløper", c.title),
            format!("{}: the contract expires", c.title),
        ),
        expiry_basis(c, &end),
    ));
    sort_actions(&mut actions);

    warnings.extend(warnings::contract_warnings(&warnings::Facts {
        c,
        end: end.date,
        priority: &priority,
        merger,
        overlap,
        tender: tender.as_ref(),
        actions: &actions,
        today,
    }));
    ContractPlan {
        contract: c.id.clone(),
        title: c.title.clone(),
        service_area: c.service_area.clone(),
        system: c.system.clone(),
        municipalities: c.municipality_ids().map(str::to_owned).collect(),
        supplier: c.supplier.name.clone(),
        start: c.start,
        end: c.end,
        end_with_options: c.end_with_options(),
        planned_end: end,
        runs_past_merger,
        priority,
        changes,
        recommendation,
        tender,
        actions,
    }
}

fn expiry_basis(c: &Contract, end: &PlannedEnd) -> Text {
    let with = c.end_with_options();
    Text::from_fn(|l| {
        let mut t = match (&end.by_change, l) {
            (None, Lang::Nb) => "Kontraktens gjeldende sluttdato".to_owned(),
            (None, Lang::En) => "The contract's current end date".to_owned(),
            (Some(ch), Lang::Nb) => format!(
                "Sluttdato {} forlenget ved endringen «{ch}», som kan gjøres uten ny konkurranse",
                date_long(c.end, l)
            ),
            (Some(ch), Lang::En) => format!(
                "End date {} extended by the change «{ch}», which may be made without a new competition",
                date_long(c.end, l)
            ),
        };
        if with > end.date {
            t.push_str(&match l {
                Lang::Nb => format!("; med uutløste forlengelsesopsjoner {}", date_long(with, l)),
                Lang::En => format!(
                    "; with the unexercised extension options {}",
                    date_long(with, l)
                ),
            });
        }
        t
    })
}

fn intention_notice_action(
    c: &Contract,
    a: &Assessment,
    today: NaiveDate,
    config: &PlanningConfig,
) -> Action {
    let margin = config.intention_notice_margin_days;
    let d = lead_time::latest_intention_notice(a.date, margin);
    let earliest = lead_time::earliest_conclusion_after_intention_notice(d.date);
    action(
        &c.id,
        ActionKind::IntentionNotice,
        Some(&a.change),
        d,
        today,
        Text::new(
            format!(
                "Publiser intensjonskunngjøring for «{}» ({})",
                a.change, c.title
            ),
            format!(
                "Publish the intention notice for «{}» ({})",
                a.change, c.title
            ),
        ),
        Text::new(
            format!(
                "Endringsdato {} − 11 dager (FOA § 25-3 (1) b, (4): avtale tidligst dagen etter ti dager regnet fra dagen etter kunngjøringen) − {margin} dagers margin; publisert denne dagen kan endringen tidligst avtales {}",
                date_long(a.date, Lang::Nb),
                date_long(earliest.date, Lang::Nb)
            ),
            format!(
                "Change date {} − 11 days (FOA § 25-3 (1) b, (4): conclusion at the earliest the day after ten days counted from the day after publication) − {margin} days' margin; published on this day, the change may be agreed at the earliest on {}",
                date_long(a.date, Lang::En),
                date_long(earliest.date, Lang::En)
            ),
        ),
    )
}

/// The new competition: a retender by the earliest date a change needing one must be replaced,
/// else the successor contract by the current end.
fn tender_plan(
    c: &Contract,
    own: &[&Assessment],
    end: NaiveDate,
    priority: &PriorityLookup,
    today: NaiveDate,
    config: &PlanningConfig,
) -> Option<TenderPlan> {
    let retender = own
        .iter()
        .filter(|a| a.recommendation == Recommendation::Retender)
        .min_by_key(|a| (retender_in_force_by(c, end, a), a.change.clone()));
    let (reason, in_force_by) = match retender {
        Some(a) => (
            TenderReason::Retender {
                change: a.change.clone(),
            },
            retender_in_force_by(c, end, a),
        ),
        None => (TenderReason::Expiry, end),
    };
    let (part, part_assumed) = tender_part(c, own);
    let lead_time = lead_time::plan_tender(
        in_force_by,
        part,
        tender_procedure(c, config),
        priority.priority,
        today,
        config,
    );
    Some(TenderPlan {
        reason,
        part_assumed,
        lead_time,
    })
}

/// When the contract that replaces a change needing a retender must be in force. The contract
/// itself may go on unchanged until its end, so the need arises where the change would have
/// taken effect: for a term extension (`new_end`) at the current end, for any other change on
/// its date (for changes made at the merger, the merger date), and never after the current end.
fn retender_in_force_by(c: &Contract, end: NaiveDate, a: &Assessment) -> NaiveDate {
    let extends_term = c
        .proposed_changes
        .iter()
        .any(|p| p.id == a.change && p.new_end.is_some_and(|e| e > end));
    if extends_term { end } else { a.date.min(end) }
}

fn tender_actions(c: &Contract, t: &TenderPlan, today: NaiveDate) -> Vec<Action> {
    let lt = &t.lead_time;
    let change = match &t.reason {
        TenderReason::Retender { change } => Some(change.as_str()),
        TenderReason::Expiry => None,
    };
    let why = match change {
        Some(ch) => Text::new(
            format!("endringen «{ch}» krever ny konkurranse"),
            format!("the change «{ch}» requires a new competition"),
        ),
        None => Text::new(
            "avløser kontrakten når den utløper",
            "to succeed the contract when it expires",
        ),
    };
    let summary_start = Text::new(
        format!("Start ny anskaffelse for {} ({})", c.title, why.nb),
        format!("Start the new procurement for {} ({})", c.title, why.en),
    );
    let summary_notice = Text::new(
        format!("Kunngjør konkurransen for {}", c.title),
        format!("Publish the contract notice for {}", c.title),
    );
    let (start_basis, notice_basis) = lt.bases();
    vec![
        action(
            &c.id,
            ActionKind::TenderStart,
            change,
            lt.latest_start,
            today,
            summary_start,
            start_basis,
        ),
        action(
            &c.id,
            ActionKind::TenderNotice,
            change,
            lt.latest_notice,
            today,
            summary_notice,
            notice_basis,
        ),
    ]
}

/// The latest termination notice for the contract to end on the merger date, where the
/// contract allows termination on the merger or for convenience.
fn termination_action(
    c: &Contract,
    merger: NaiveDate,
    overlap: Option<&Overlap<'_>>,
    today: NaiveDate,
) -> Option<Action> {
    let t = c
        .termination
        .as_ref()
        .filter(|t| t.on_merger || t.for_convenience)?;
    let legal = t.notice_by(merger);
    let ground = if t.on_merger {
        Text::new("oppsigelse ved sammenslåing", "termination on the merger")
    } else {
        Text::new("oppsigelse uten grunn", "termination for convenience")
    };
    let why = match overlap {
        Some(others) => Text::from_fn(|l| match l {
            Lang::Nb => format!(" Overlapper med {}.", others.names(l)),
            Lang::En => format!(" Overlaps with {}.", others.names(l)),
        }),
        None => Text::new("", ""),
    };
    Some(action(
        &c.id,
        ActionKind::TerminationNotice,
        None,
        Deadline::latest(legal),
        today,
        Text::new(
            format!(
                "Si opp {} dersom den skal avsluttes ved sammenslåingen",
                c.title
            ),
            format!("Terminate {} if it is to end at the merger", c.title),
        ),
        Text::new(
            format!(
                "Sammenslåingsdato {} − {} måneders oppsigelsesfrist ({}, kontraktens oppsigelsesbestemmelse). Regnet i hele kalendermåneder; sjekk kontraktens ordlyd (f.eks. «til utgangen av en måned»).{}",
                date_long(merger, Lang::Nb),
                t.notice_months,
                ground.nb,
                why.nb
            ),
            format!(
                "Merger date {} − {} months' notice ({}, the contract's termination clause). Counted in whole calendar months; check the contract's wording (e.g. “to the end of a month”).{}",
                date_long(merger, Lang::En),
                t.notice_months,
                ground.en,
                why.en
            ),
        ),
    ))
}
