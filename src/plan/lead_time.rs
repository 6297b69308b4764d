//! The lead-time model: how long a new competition takes, from the start of preparation to the
//! day the new contract must be in force, and the optional `planning.json` that overrides its
//! defaults.
//!
//! Only the tender periods and the standstill are law (`legal-rules.md` § 4: FOA §§ 20-2,
//! 20-3, 20-4, 8-14, 25-2, 10-2). Everything else (needs analysis, market dialogue,
//! qualification, negotiation, evaluation, implementation) is this project's documented
//! default, which a buyer can override. Periods are calendar days (FOA § 7-6); dates moved by
//! the working-day convention of [`super::calendar`]. See `docs/planning.md`.

use std::collections::BTreeMap;
use std::fs;
use std::ops::Range;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::calendar::{self, Deadline};
use crate::diagnostics::{Diagnostic, Report, SourceFile, Sources};
use crate::load::{MAX_NESTING, json};
use crate::model::Part;
use crate::priorities::Priority;
use crate::text::{Lang, Text, date_long};

/// The file, at the portfolio's root, that overrides the defaults below.
pub use crate::load::PLANNING_FILE;

/// The largest period `planning.json` accepts, in days (ten years): larger values are typing
/// errors and would leave the calendar.
pub const MAX_DAYS: u32 = 3650;

/// The procedure planned for a new competition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TenderProcedure {
    /// Åpen anbudskonkurranse: one stage.
    Open,
    /// Begrenset anbudskonkurranse: requests to participate, then tenders.
    Restricted,
    /// Konkurranse med forhandling: requests, tenders, then negotiation.
    CompetitiveNegotiation,
}

impl TenderProcedure {
    pub fn label(self) -> Text {
        match self {
            TenderProcedure::Open => Text::new("åpen anbudskonkurranse", "open procedure"),
            TenderProcedure::Restricted => {
                Text::new("begrenset anbudskonkurranse", "restricted procedure")
            }
            TenderProcedure::CompetitiveNegotiation => Text::new(
                "konkurranse med forhandling",
                "competitive procedure with negotiation",
            ),
        }
    }
}

/// Implementation time (from signature to go-live) by the system's priority. A critical system
/// must run from the merged municipality's first day (KS 2017 ch. 5.1), so it gets the longest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ImplementationDays {
    /// Default 180: data migration, integrations (KS 2017 lists «kritiske» integrations for
    /// every critical system), testing and training before day one.
    pub kritisk: u32,
    /// Default 120.
    pub hoy: u32,
    /// Default 90: parallel systems are possible in the transition phase.
    pub middels: u32,
    /// Default 60: parallel or manual solutions are possible.
    pub lav: u32,
    /// Default 180, as `kritisk`: an unknown priority is planned as if critical (the safe side).
    pub unknown: u32,
}

impl Default for ImplementationDays {
    fn default() -> Self {
        Self {
            kritisk: 180,
            hoy: 120,
            middels: 90,
            lav: 60,
            unknown: 180,
        }
    }
}

impl ImplementationDays {
    pub fn for_priority(&self, p: Priority) -> u32 {
        match p {
            Priority::Kritisk => self.kritisk,
            Priority::Hoy => self.hoy,
            Priority::Middels => self.middels,
            Priority::Lav => self.lav,
            Priority::Unknown => self.unknown,
        }
    }
}

/// The planning defaults; every field can be overridden in `planning.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PlanningConfig {
    /// Days between the end of the intention notice's standstill and the change date, so the
    /// change is not agreed on the last possible day. Default 7.
    pub intention_notice_margin_days: u32,
    /// Needs analysis and specification before the notice. Default 60.
    pub needs_analysis_days: u32,
    /// Market dialogue (RFI, supplier meetings) before the notice. Default 30.
    pub market_dialogue_days: u32,
    /// The procedure for every new competition; when absent, an open procedure for contracts of
    /// `standard` character and competitive negotiation for `complex` ones.
    pub procedure: Option<TenderProcedure>,
    /// Electronic submission and award letters (the normal case). When false the longer legal
    /// minimums apply: 35-day open tender period (§ 20-2), 30-day tender period after
    /// qualification (§§ 20-3, 20-4), 15-day standstill (§ 25-2).
    pub electronic: bool,
    /// Tender period where the law sets no minimum (part II: «reasonable», § 8-14; part I).
    /// Default 30.
    pub reasonable_tender_days: u32,
    /// Standstill where the buyer sets a reasonable period (part II, § 10-2). Default 10.
    pub reasonable_standstill_days: u32,
    /// Evaluating requests to participate and inviting the qualified (two-stage procedures).
    /// Default 14.
    pub qualification_days: u32,
    /// Negotiation and final tenders (competitive negotiation only). Default 30.
    pub negotiation_days: u32,
    /// Evaluating tenders and writing the award letter. Default 30.
    pub evaluation_days: u32,
    /// From signature to go-live, by system priority.
    pub implementation_days: ImplementationDays,
    /// Calendar reminder (VALARM) this many days before each deadline. Default 14.
    pub reminder_days: u32,
}

impl Default for PlanningConfig {
    fn default() -> Self {
        Self {
            intention_notice_margin_days: 7,
            needs_analysis_days: 60,
            market_dialogue_days: 30,
            procedure: None,
            electronic: true,
            reasonable_tender_days: 30,
            reasonable_standstill_days: 10,
            qualification_days: 14,
            negotiation_days: 30,
            evaluation_days: 30,
            implementation_days: ImplementationDays::default(),
            reminder_days: 14,
        }
    }
}

impl PlanningConfig {
    /// Every period with its JSON path, for the range check.
    fn periods(&self) -> Vec<(&'static str, u32)> {
        let i = &self.implementation_days;
        vec![
            (
                "$.intention_notice_margin_days",
                self.intention_notice_margin_days,
            ),
            ("$.needs_analysis_days", self.needs_analysis_days),
            ("$.market_dialogue_days", self.market_dialogue_days),
            ("$.reasonable_tender_days", self.reasonable_tender_days),
            (
                "$.reasonable_standstill_days",
                self.reasonable_standstill_days,
            ),
            ("$.qualification_days", self.qualification_days),
            ("$.negotiation_days", self.negotiation_days),
            ("$.evaluation_days", self.evaluation_days),
            ("$.implementation_days.kritisk", i.kritisk),
            ("$.implementation_days.hoy", i.hoy),
            ("$.implementation_days.middels", i.middels),
            ("$.implementation_days.lav", i.lav),
            ("$.implementation_days.unknown", i.unknown),
            ("$.reminder_days", self.reminder_days),
        ]
    }
}

/// Reads `planning.json` from the portfolio root; the defaults when there is none. Errors name
/// the file, JSON path, line and column, and say what is valid. `check` runs this too, so a
/// typo is found before `plan`.
pub fn load_config(root: &Path) -> Result<PlanningConfig, Report> {
    let file = root.join(PLANNING_FILE);
    if !file.is_file() {
        return Ok(PlanningConfig::default());
    }
    let mut source = SourceFile::default();
    let result = match fs::read_to_string(&file) {
        // Editors on Windows may save a byte-order mark; it is not part of the JSON.
        Ok(text) => {
            source.text = text
                .strip_prefix('\u{feff}')
                .map(str::to_owned)
                .unwrap_or(text);
            read_config(&source.text, &file, &mut source.spans)
        }
        Err(e) => Err(Diagnostic::new(
            &file,
            "$",
            format!("cannot read the file: {e}"),
        )),
    };
    result.map_err(|d| {
        let mut sources = Sources::default();
        sources.files.insert(file, source);
        Report {
            diagnostics: vec![d.help(CONFIG_HELP)],
            sources,
        }
    })
}

const CONFIG_HELP: &str = "see docs/planning.md for the fields of planning.json and their defaults";

/// Parses the text of `planning.json`: strict JSON syntax first (jsonc-parser alone would let a
/// missing comma pass), then the fields, then the ranges. Fills `spans` for the diagnostics.
fn read_config(
    text: &str,
    file: &Path,
    spans: &mut BTreeMap<String, Range<usize>>,
) -> Result<PlanningConfig, Diagnostic> {
    let syntax = |message: String, at: Range<usize>| {
        Diagnostic::new(file, "$", format!("invalid JSON: {message}")).at(at)
    };
    if let Some(at) = json::nesting_exceeds(text, MAX_NESTING) {
        return Err(syntax(
            format!("nested more than {MAX_NESTING} levels deep"),
            at..at + 1,
        ));
    }
    if text.trim().is_empty() {
        return Err(Diagnostic::new(file, "$", "the file is empty"));
    }
    json::check_strict(text).map_err(|e| syntax(e.message, e.offset..e.offset + 1))?;
    let ast = json::parse(text).map_err(|e| {
        let r = e.range();
        syntax(e.kind().to_string(), r.start..r.end)
    })?;
    json::index_spans(&ast, "$", spans);
    let config: PlanningConfig = json::from_node(&ast, "$").map_err(|e| {
        // Every number in the file is a period in days; say so rather than «u32».
        let message = e.message.replace(
            "expected u32",
            &format!("expected a whole number of days from 0 to {MAX_DAYS}"),
        );
        Diagnostic::new(file, e.path.unwrap_or_else(|| "$".into()), message)
    })?;
    match config.periods().into_iter().find(|(_, d)| *d > MAX_DAYS) {
        Some((path, days)) => Err(Diagnostic::new(
            file,
            path,
            format!("{days} days is more than the {MAX_DAYS} days (ten years) accepted"),
        )),
        None => Ok(config),
    }
}

/// One phase of a new competition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    NeedsAnalysis,
    MarketDialogue,
    /// From the notice to the deadline for requests to participate (two-stage procedures).
    RequestPeriod,
    Qualification,
    /// From the notice (open) or the invitation (two-stage) to the tender deadline.
    TenderPeriod,
    Negotiation,
    Evaluation,
    /// From the award letter: the contract may not be signed before it ends.
    Standstill,
    /// From signature to the date the contract must be in force.
    Implementation,
}

impl StepKind {
    /// Whether the step starts with the contract notice: the first period after publication.
    pub fn opens_competition(self) -> bool {
        matches!(self, StepKind::RequestPeriod | StepKind::TenderPeriod)
    }

    pub fn label(self) -> Text {
        match self {
            StepKind::NeedsAnalysis => Text::new("Behovsavklaring", "Needs analysis"),
            StepKind::MarketDialogue => Text::new("Markedsdialog", "Market dialogue"),
            StepKind::RequestPeriod => Text::new(
                "Frist for forespørsel om deltakelse",
                "Period for requests to participate",
            ),
            StepKind::Qualification => Text::new("Kvalifisering", "Qualification"),
            StepKind::TenderPeriod => Text::new("Tilbudsfrist", "Tender period"),
            StepKind::Negotiation => Text::new("Forhandlinger", "Negotiation"),
            StepKind::Evaluation => Text::new("Evaluering og tildeling", "Evaluation and award"),
            StepKind::Standstill => Text::new("Karensperiode", "Standstill period"),
            StepKind::Implementation => Text::new("Implementering", "Implementation"),
        }
    }
}

/// One step of the lead time with its duration and the latest day it must start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    pub step: StepKind,
    /// Planned duration in calendar days.
    pub days: u32,
    /// The legal minimum, where the law sets one.
    pub legal_minimum_days: Option<u32>,
    /// The provision of the legal minimum, or of the rule that leaves it to the buyer.
    pub provision: Option<&'static str>,
    /// Latest start of the step, working back from the in-force date.
    pub latest_start: Deadline,
}

/// The steps of a competition in order, with durations (no dates yet).
fn step_durations(
    part: Part,
    procedure: TenderProcedure,
    priority: Priority,
    c: &PlanningConfig,
) -> Vec<(StepKind, u32, Option<u32>, Option<&'static str>)> {
    use StepKind::*;
    let mut steps = vec![
        (NeedsAnalysis, c.needs_analysis_days, None, None),
        (MarketDialogue, c.market_dialogue_days, None, None),
    ];
    let part_iii = part == Part::III;
    if !part_iii {
        // Part II (and I): no fixed minimum; the buyer sets a reasonable period.
        steps.push((
            TenderPeriod,
            c.reasonable_tender_days,
            None,
            Some("FOA § 8-14"),
        ));
    } else {
        let provision = match procedure {
            TenderProcedure::Open => "FOA § 20-2",
            TenderProcedure::Restricted => "FOA § 20-3",
            TenderProcedure::CompetitiveNegotiation => "FOA § 20-4",
        };
        match procedure {
            TenderProcedure::Open => {
                let min = if c.electronic { 30 } else { 35 };
                steps.push((TenderPeriod, min, Some(min), Some(provision)));
            }
            TenderProcedure::Restricted | TenderProcedure::CompetitiveNegotiation => {
                steps.push((RequestPeriod, 30, Some(30), Some(provision)));
                steps.push((Qualification, c.qualification_days, None, None));
                // 25 days; 30 where tenders are not submitted electronically. Municipalities
                // may agree a shorter period with the candidates; the plan does not assume it.
                let min = if c.electronic { 25 } else { 30 };
                steps.push((TenderPeriod, min, Some(min), Some(provision)));
            }
        }
    }
    if procedure == TenderProcedure::CompetitiveNegotiation {
        steps.push((Negotiation, c.negotiation_days, None, None));
    }
    steps.push((Evaluation, c.evaluation_days, None, None));
    if part_iii {
        let min = if c.electronic { 10 } else { 15 };
        steps.push((Standstill, min, Some(min), Some("FOA § 25-2")));
    } else {
        steps.push((
            Standstill,
            c.reasonable_standstill_days,
            None,
            Some("FOA § 10-2"),
        ));
    }
    steps.push((
        Implementation,
        c.implementation_days.for_priority(priority),
        None,
        None,
    ));
    steps
}

/// A new competition planned backwards from the date its contract must be in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeadTime {
    pub part: Part,
    pub procedure: TenderProcedure,
    /// The system's priority, which sets the implementation time.
    pub priority: Priority,
    /// The new contract must be in force on this date.
    pub in_force_by: NaiveDate,
    /// The steps in order, each with its latest start.
    pub steps: Vec<Step>,
    /// Calendar days from the latest start of the first step to `in_force_by`.
    pub total_days: i64,
    /// Latest start of the procurement (needs analysis).
    pub latest_start: Deadline,
    /// Latest dispatch of the contract notice (Doffin; TED for part III).
    pub latest_notice: Deadline,
    /// When a contract could be in force at the earliest if the work started on `today`.
    pub earliest_in_force_from_today: NaiveDate,
}

/// Plans a competition backwards from `in_force_by`: each step's latest start is the next
/// step's (adjusted) latest start minus the step's days, moved to the previous working day, so
/// that no period is ever shorter than planned. The standstill is placed so that the earliest
/// signature after it, with the convention, is not after the implementation's latest start.
pub fn plan_tender(
    in_force_by: NaiveDate,
    part: Part,
    procedure: TenderProcedure,
    priority: Priority,
    today: NaiveDate,
    config: &PlanningConfig,
) -> LeadTime {
    let durations = step_durations(part, procedure, priority, config);
    let mut next_start = in_force_by;
    let mut steps: Vec<Step> = Vec::with_capacity(durations.len());
    for &(step, days, legal_minimum_days, provision) in durations.iter().rev() {
        let latest_start = if step == StepKind::Standstill {
            calendar::latest_start_for(next_start, days)
        } else {
            Deadline::latest(calendar::sub_days(next_start, days))
        };
        next_start = latest_start.date;
        steps.push(Step {
            step,
            days,
            legal_minimum_days,
            provision,
            latest_start,
        });
    }
    steps.reverse();
    let latest_start = steps
        .first()
        .map_or(Deadline::latest(in_force_by), |s| s.latest_start);
    let latest_notice = steps
        .iter()
        .find(|s| s.step.opens_competition())
        .map_or(latest_start, |s| s.latest_start);
    LeadTime {
        part,
        procedure,
        priority,
        in_force_by,
        total_days: (in_force_by - latest_start.date).num_days(),
        earliest_in_force_from_today: forward(today, &steps),
        steps,
        latest_start,
        latest_notice,
    }
}

impl LeadTime {
    /// How the latest dates of the competition are computed, step by step: the latest start
    /// (from the in-force date back over every step) and the latest notice (back over the steps
    /// from the contract notice on), with each step's days and provision, and the days added
    /// where a date moved to a working day.
    pub fn bases(&self) -> (Text, Text) {
        let nb = self.bases_in(Lang::Nb);
        let en = self.bases_in(Lang::En);
        (Text::new(nb.0, en.0), Text::new(nb.1, en.1))
    }

    /// The two bases in one language; the steps' phrases are written once for both.
    fn bases_in(&self, lang: Lang) -> (String, String) {
        let phrases: Vec<String> = self
            .steps
            .iter()
            .map(|s| step_basis(s, self.priority, lang))
            .collect();
        let notice_from = self
            .steps
            .iter()
            .position(|s| s.step.opens_competition())
            .unwrap_or(0);
        (
            self.basis_from(self.latest_start, 0, &phrases, lang),
            self.basis_from(self.latest_notice, notice_from, &phrases, lang),
        )
    }

    /// The basis of `first`, the latest start of step `from`, back from the in-force date.
    fn basis_from(&self, first: Deadline, from: usize, phrases: &[String], lang: Lang) -> String {
        let total = (self.in_force_by - first.date).num_days();
        let days: i64 = self
            .steps
            .iter()
            .skip(from)
            .map(|s| i64::from(s.days))
            .sum();
        let moved = total - days;
        let steps = phrases.get(from..).unwrap_or_default().join(", ");
        let in_force = date_long(self.in_force_by, lang);
        let procedure = self.procedure.label();
        let procedure = procedure.get(lang);
        let part = self.part;
        match (lang, moved > 0) {
            (Lang::Nb, false) => format!(
                "Ny kontrakt i kraft senest {in_force} − {total} dager ({procedure}, del {part:?}): {steps}"
            ),
            (Lang::Nb, true) => format!(
                "Ny kontrakt i kraft senest {in_force} − {total} dager ({procedure}, del {part:?}): {steps}, og {moved} dager fordi frister flyttes til virkedag og karensperioden regnes fra dagen etter tildelingsbrevet"
            ),
            (Lang::En, false) => format!(
                "New contract in force by {in_force} − {total} days ({procedure}, part {part:?}): {steps}"
            ),
            (Lang::En, true) => format!(
                "New contract in force by {in_force} − {total} days ({procedure}, part {part:?}): {steps}, and {moved} days because dates move to working days and the standstill counts from the day after the award letter"
            ),
        }
    }
}

/// One step in a basis: «tilbudsfrist 30 dager (lovens minimum, FOA § 20-2)»; the
/// implementation names the priority that sets its days.
fn step_basis(s: &Step, priority: Priority, lang: Lang) -> String {
    let label = s.step.label().get(lang).to_lowercase();
    let days = match lang {
        Lang::Nb => format!("{} dager", s.days),
        Lang::En => format!("{} days", s.days),
    };
    let provision = match (s.legal_minimum_days, s.provision, lang) {
        (Some(min), Some(p), Lang::Nb) if min == s.days => format!(" (lovens minimum, {p})"),
        (Some(min), Some(p), Lang::En) if min == s.days => format!(" (the legal minimum, {p})"),
        (Some(min), Some(p), Lang::Nb) => format!(" (minst {min}, {p})"),
        (Some(min), Some(p), Lang::En) => format!(" (at least {min}, {p})"),
        (None, Some(p), _) => format!(" ({p})"),
        _ if s.step == StepKind::Implementation => implementation_note(priority, lang),
        _ => String::new(),
    };
    format!("{label} {days}{provision}")
}

/// Which priority set the implementation days; an unknown one is planned as critical by
/// default, and says so.
fn implementation_note(priority: Priority, lang: Lang) -> String {
    let label = priority.label();
    match (priority, lang) {
        (Priority::Unknown, Lang::Nb) => {
            " (ukjent prioritet: som kritisk, med mindre implementation_days.unknown er satt i planning.json)".into()
        }
        (Priority::Unknown, Lang::En) => {
            " (unknown priority: as critical, unless implementation_days.unknown is set in planning.json)".into()
        }
        (_, Lang::Nb) => format!(" (prioritet {})", label.nb),
        (_, Lang::En) => format!(" ({} priority)", label.en),
    }
}

/// Runs the steps forwards from `start` with the earliest-date convention.
fn forward(start: NaiveDate, steps: &[Step]) -> NaiveDate {
    let mut d = calendar::next_working_day(start);
    for s in steps {
        d = if s.step == StepKind::Standstill {
            calendar::earliest_after_period(d, s.days).date
        } else {
            calendar::next_working_day(calendar::add_days(d, s.days))
        };
    }
    d
}

/// The earliest tender deadline of an open procedure in part III: the notice's dispatch to TED
/// plus 30 days (35 without electronic submission), FOA § 20-2.
pub fn earliest_open_tender_deadline(dispatched: NaiveDate, electronic: bool) -> Deadline {
    Deadline::earliest(calendar::add_days(
        dispatched,
        if electronic { 30 } else { 35 },
    ))
}

/// The earliest signature after an award letter sent on `sent`: standstill of 10 days (15 when
/// not sent electronically) from the day after, FOA § 25-2.
pub fn earliest_signature_after_award(sent: NaiveDate, electronic: bool) -> Deadline {
    calendar::earliest_after_period(sent, if electronic { 10 } else { 15 })
}

/// The intention notice's suspension window: ten days from the day after publication
/// (FOA § 25-3 (1) b, (4)).
pub const INTENTION_NOTICE_DAYS: u32 = 10;

/// The earliest conclusion after an intention notice published on `published`: publication +
/// 11 days (FOA § 25-3 (1) b, (4)).
pub fn earliest_conclusion_after_intention_notice(published: NaiveDate) -> Deadline {
    calendar::earliest_after_period(published, INTENTION_NOTICE_DAYS)
}

/// The latest publication of an intention notice for a change agreed on `change_date`, keeping
/// `margin_days` between the earliest conclusion and the change date.
pub fn latest_intention_notice(change_date: NaiveDate, margin_days: u32) -> Deadline {
    calendar::latest_start_for(
        calendar::sub_days(change_date, margin_days),
        INTENTION_NOTICE_DAYS,
    )
}
