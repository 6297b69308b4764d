//! The planner: date arithmetic (calendar days, weekends, Norwegian holidays, month ends, leap
//! days), the lead-time model, the plan of a portfolio, and its CSV, ICS and JSON outputs.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Command;

use chrono::{Datelike, NaiveDate, Weekday};
use icalendar::{Component, DatePerhapsTime};
use vesentlig::assessment::{Assessment, Figures, Recommendation};
use vesentlig::model::Part;
use vesentlig::plan::calendar::{
    self, DateKind, easter_sunday, holidays, is_working_day, next_working_day, previous_working_day,
};
use vesentlig::plan::lead_time::{
    self, PlanningConfig, StepKind, TenderProcedure, earliest_conclusion_after_intention_notice,
    earliest_open_tender_deadline, earliest_signature_after_award, latest_intention_notice,
};
use vesentlig::plan::render;
use vesentlig::plan::{ActionKind, Plan, Severity, WarningKind, plan_portfolio};
use vesentlig::priorities::Priority;
use vesentlig::text::{Lang, Text};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

// ---------------------------------------------------------------- calendar

#[test]
fn easter_by_the_computus() {
    for (year, easter) in [
        (1818, "1818-03-22"), // earliest possible
        (1943, "1943-04-25"), // latest possible
        (2024, "2024-03-31"),
        (2025, "2025-04-20"),
        (2026, "2026-04-05"),
        (2027, "2027-03-28"),
        (2028, "2028-04-16"),
        (2029, "2029-04-01"),
        (2030, "2030-04-21"),
        (2038, "2038-04-25"),
        (2285, "2285-03-22"),
    ] {
        assert_eq!(easter_sunday(year), Some(d(easter)), "{year}");
        assert_eq!(d(easter).weekday(), Weekday::Sun);
    }
}

#[test]
fn norwegian_public_holidays_2026() {
    let days: Vec<NaiveDate> = holidays(2026).into_iter().map(|(d, _)| d).collect();
    let expected = [
        "2026-01-01", // 1. nyttårsdag
        "2026-04-02", // skjærtorsdag
        "2026-04-03", // langfredag
        "2026-04-06", // 2. påskedag
        "2026-05-01",
        "2026-05-14", // Kristi himmelfartsdag
        "2026-05-17", // a Sunday this year
        "2026-05-25", // 2. pinsedag
        "2026-12-25",
        "2026-12-26",
    ];
    assert_eq!(days, expected.map(d).to_vec());
    // Christmas Eve and New Year's Eve are not public holidays.
    assert!(is_working_day(d("2026-12-24")));
    assert!(is_working_day(d("2026-12-31")));
}

#[test]
fn working_day_moves_across_easter_and_christmas() {
    // Easter Monday 2026: back over Easter to Wednesday 1 April; forward to Tuesday 7 April.
    assert_eq!(previous_working_day(d("2026-04-06")), d("2026-04-01"));
    assert_eq!(next_working_day(d("2026-04-02")), d("2026-04-07"));
    // Christmas 2027: 25 Saturday, 26 Sunday; Monday 27 is a working day.
    assert_eq!(next_working_day(d("2027-12-25")), d("2027-12-27"));
    // 17 May 2027 is a Monday; Ascension 2027 is Thursday 6 May.
    assert_eq!(previous_working_day(d("2027-05-17")), d("2027-05-14"));
    assert!(!is_working_day(d("2027-05-06")));
    assert_eq!(previous_working_day(d("2026-11-27")), d("2026-11-27"));
}

#[test]
fn month_ends_and_leap_days() {
    assert_eq!(calendar::add_days(d("2028-02-28"), 1), d("2028-02-29"));
    assert_eq!(calendar::add_days(d("2027-02-28"), 1), d("2027-03-01"));
    assert_eq!(calendar::sub_days(d("2028-03-01"), 1), d("2028-02-29"));
    // A 30-day tender period across a leap February: dispatched 2028-02-01 → 2028-03-02.
    let t = earliest_open_tender_deadline(d("2028-02-01"), true);
    assert_eq!(t.legal_date, d("2028-03-02"));
    // Standstill from an award letter on 31 January 2028 ends Thursday 10 February.
    let s = earliest_signature_after_award(d("2028-01-31"), true);
    assert_eq!((s.legal_date, s.date), (d("2028-02-11"), d("2028-02-11")));
}

// ------------------------------------------- the scheduling examples (cases/README.md)

#[test]
fn intention_notice_published_monday_2_march_2026() {
    // Window 2026-03-03 to 2026-03-12; agreed at the earliest Friday 2026-03-13.
    let e = earliest_conclusion_after_intention_notice(d("2026-03-02"));
    assert_eq!(e.legal_date, d("2026-03-13"));
    assert_eq!(e.date, d("2026-03-13"));
    assert_eq!(e.kind, DateKind::Earliest);
    // Working backwards from a change on 2026-03-13 without margin gives the same Monday.
    assert_eq!(
        latest_intention_notice(d("2026-03-13"), 0).date,
        d("2026-03-02")
    );
}

#[test]
fn award_letter_tuesday_1_december_2026() {
    // Standstill 2026-12-02 to 2026-12-11; legally signable Saturday 12 December; by the
    // earliest-date convention the next working day, Monday 14 December.
    let s = earliest_signature_after_award(d("2026-12-01"), true);
    assert_eq!(s.legal_date, d("2026-12-12"));
    assert_eq!(s.legal_date.weekday(), Weekday::Sat);
    assert_eq!(s.date, d("2026-12-14"));
    assert!(s.is_adjusted());
    // Not electronic: 15 days, ends Wednesday 16 December, signature Thursday 17.
    assert_eq!(
        earliest_signature_after_award(d("2026-12-01"), false).date,
        d("2026-12-17")
    );
}

#[test]
fn open_procedure_notice_monday_2_november_2026() {
    let t = earliest_open_tender_deadline(d("2026-11-02"), true);
    assert_eq!(t.legal_date, d("2026-12-02"));
    assert_eq!(t.date, d("2026-12-02"));
    assert_eq!(
        earliest_open_tender_deadline(d("2026-11-02"), false).legal_date,
        d("2026-12-07")
    );
}

#[test]
fn intention_notice_before_a_change_on_new_years_day() {
    // Change 2027-01-01, margin 7 → act by 2026-12-25 (Christmas Day). Published Monday 14
    // December, the window ends Thursday 24 and the change could legally be agreed on 25, a
    // holiday; the next working day, 28, is too late. Friday 11 December is the latest.
    let n = latest_intention_notice(d("2027-01-01"), 7);
    assert_eq!(n.legal_date, d("2026-12-14"));
    assert_eq!(n.date, d("2026-12-11"));
    assert!(earliest_conclusion_after_intention_notice(n.date).date <= d("2026-12-25"));
}

// ------------------------------------------------------------- lead time

#[test]
fn lead_time_of_an_open_part_iii_procedure() {
    let c = PlanningConfig::default();
    let lt = lead_time::plan_tender(
        d("2027-01-01"),
        Part::III,
        TenderProcedure::Open,
        Priority::Kritisk,
        d("2026-01-01"),
        &c,
    );
    let kinds: Vec<StepKind> = lt.steps.iter().map(|s| s.step).collect();
    assert_eq!(
        kinds,
        [
            StepKind::NeedsAnalysis,
            StepKind::MarketDialogue,
            StepKind::TenderPeriod,
            StepKind::Evaluation,
            StepKind::Standstill,
            StepKind::Implementation
        ]
    );
    let tender = &lt.steps[2];
    assert_eq!((tender.days, tender.legal_minimum_days), (30, Some(30)));
    assert_eq!(tender.provision, Some("FOA § 20-2"));
    // Implementation of a critical system: 180 days back from 1 January 2027 is Sunday
    // 5 July 2026 → Friday 3 July.
    let imp = &lt.steps[5];
    assert_eq!(imp.latest_start.legal_date, d("2026-07-05"));
    assert_eq!(imp.latest_start.date, d("2026-07-03"));
    // Every step starts on a working day and no period is shorter than planned.
    for w in lt.steps.windows(2) {
        assert!(is_working_day(w[0].latest_start.date));
        let gap = (w[1].latest_start.date - w[0].latest_start.date).num_days();
        assert!(gap >= i64::from(w[0].days), "{:?}", w[0].step);
    }
    // The signature after the standstill is no later than the implementation start.
    let standstill = &lt.steps[4];
    assert!(
        earliest_signature_after_award(standstill.latest_start.date, true).date
            <= imp.latest_start.date
    );
    assert_eq!(lt.latest_notice, tender.latest_start);
    assert_eq!(lt.latest_start, lt.steps[0].latest_start);
    assert_eq!(
        lt.total_days,
        (d("2027-01-01") - lt.latest_start.date).num_days()
    );
    // Started on time (1 January 2026), it finishes well before the in-force date.
    assert!(lt.earliest_in_force_from_today <= d("2027-01-01"));
}

#[test]
fn two_stage_procedures_and_part_ii() {
    let c = PlanningConfig::default();
    let lt = lead_time::plan_tender(
        d("2028-01-01"),
        Part::III,
        TenderProcedure::CompetitiveNegotiation,
        Priority::Lav,
        d("2026-01-01"),
        &c,
    );
    let mins: Vec<(StepKind, Option<u32>)> = lt
        .steps
        .iter()
        .filter(|s| s.legal_minimum_days.is_some())
        .map(|s| (s.step, s.legal_minimum_days))
        .collect();
    assert_eq!(
        mins,
        [
            (StepKind::RequestPeriod, Some(30)),
            (StepKind::TenderPeriod, Some(25)),
            (StepKind::Standstill, Some(10))
        ]
    );
    assert!(lt.steps.iter().any(|s| s.step == StepKind::Negotiation));
    assert_eq!(lt.latest_notice, lt.steps[2].latest_start);
    // Part II: no fixed minimum (§ 8-14), a reasonable standstill (§ 10-2).
    let lt = lead_time::plan_tender(
        d("2028-01-01"),
        Part::II,
        TenderProcedure::Open,
        Priority::Lav,
        d("2026-01-01"),
        &c,
    );
    assert!(lt.steps.iter().all(|s| s.legal_minimum_days.is_none()));
    assert!(lt.steps.iter().any(|s| s.provision == Some("FOA § 8-14")));
    assert!(lt.steps.iter().any(|s| s.provision == Some("FOA § 10-2")));
}

// ------------------------------------------------------- a test portfolio

const MERGER: &str = r#"{
  "name": "Nye Fjordvik kommune",
  "form": "new_entity",
  "decided": "2025-06-01",
  "effective": "2027-01-01",
  "municipalities": [
    { "id": "a", "name": "Austvik kommune" },
    { "id": "b", "name": "Bergvik kommune" },
    { "id": "c", "name": "City kommune" }
  ]
}"#;

fn contract(
    id: &str,
    area: &str,
    system: &str,
    authority: &str,
    end: &str,
    termination: &str,
) -> String {
    format!(
        r#"{{
  "id": "{id}",
  "title": "Avtale {id}",
  "service_area": "{area}",
  "system": "{system}",
  "authorities": ["{authority}"],
  "supplier": {{ "name": "Leverandør AS" }},
  "kind": "contract",
  "subject": "services",
  "character": "standard",
  "award": {{ "procedure": "open", "announced": true, "signed": "2022-01-15" }},
  "start": "2022-02-01",
  "end": "{end}",
  "value": 5000000,
  "options": [ {{ "id": "forlengelse", "kind": "extension", "months": 12, "exercised": false }} ]
  {termination}
}}"#
    )
}

/// A portfolio with a retender, an intention notice, overlapping contracts for the same
/// system, a critical contract that ends before the merger, and an unknown system.
fn write_portfolio(dir: &Path) {
    fs::write(dir.join("merger.json"), MERGER).unwrap();
    let on_merger =
        r#", "termination": { "for_convenience": false, "notice_months": 3, "on_merger": true }"#;
    let extension = r#", "proposed_changes": [ { "id": "forleng", "description": "Forlengelse", "date": "2030-06-01", "new_end": "2031-06-30" } ]"#;
    let files = [
        contract(
            "a-lonn",
            "Personal og lønn",
            "Personal- og lønnssystem",
            "a",
            "2028-12-31",
            on_merger,
        ),
        contract(
            "b-lonn",
            "Personal og lønn",
            "Personal- og lønnssystem",
            "b",
            "2029-06-30",
            "",
        ),
        contract(
            "c-pleie",
            "Pleie og omsorg",
            "Pleie- og omsorgssystem",
            "c",
            "2026-10-31",
            "",
        ),
        contract(
            "a-bibliotek",
            "Bibliotek",
            "Biblioteksystem",
            "a",
            "2027-06-30",
            "",
        ),
        contract(
            "b-kantine",
            "Personal og lønn",
            "Kantinesystem",
            "b",
            "2030-12-31",
            extension,
        ),
    ];
    for (i, text) in files.iter().enumerate() {
        fs::write(dir.join(format!("k{i}.json")), text).unwrap();
    }
}

fn assessment(contract: &str, change: &str, date: &str, r: Recommendation) -> Assessment {
    Assessment {
        contract: contract.into(),
        change: change.into(),
        implicit: false,
        date: d(date),
        recommendation: r,
        grounds: vec![],
        modification_notice: false,
        part: Part::III,
        figures: Figures::default(),
        elements: vec![],
        tests: vec![],
        warnings: vec![],
        conclusion: Text::new("", ""),
        contract_ended: None,
    }
}

fn test_plan(today: &str) -> Plan {
    let dir = tempfile::tempdir().unwrap();
    write_portfolio(dir.path());
    let loaded = vesentlig::load::load_checked(dir.path()).unwrap();
    let assessments = [
        assessment(
            "a-lonn",
            "utvid-til-abc",
            "2027-01-01",
            Recommendation::Retender,
        ),
        assessment(
            "a-bibliotek",
            "utvid",
            "2027-01-01",
            Recommendation::IntentionNotice,
        ),
        assessment(
            "b-lonn",
            "overdragelse",
            "2027-01-01",
            Recommendation::Continue,
        ),
        assessment(
            "b-kantine",
            "forleng",
            "2030-06-01",
            Recommendation::Continue,
        ),
    ];
    plan_portfolio(
        &loaded.portfolio,
        &assessments,
        d(today),
        &PlanningConfig::default(),
    )
}

fn warnings_of(plan: &Plan, contract: &str) -> Vec<WarningKind> {
    plan.warnings
        .iter()
        .filter(|w| w.contract == contract)
        .map(|w| w.kind)
        .collect()
}

#[test]
fn the_plan_of_each_contract() {
    let plan = test_plan("2026-06-01");
    let c = |id: &str| plan.contracts.iter().find(|c| c.contract == id).unwrap();

    let lonn = c("a-lonn");
    assert_eq!(lonn.priority.priority, Priority::Kritisk);
    assert_eq!(lonn.end_with_options, d("2029-12-31"));
    assert_eq!(lonn.runs_past_merger, Some(true));
    assert_eq!(lonn.recommendation, Some(Recommendation::Retender));
    let tender = lonn.tender.as_ref().unwrap();
    assert_eq!(tender.lead_time.in_force_by, d("2027-01-01"));
    // Retender: the termination notice so that it ends on the merger: 1 October 2026 (Thu).
    let term = lonn
        .actions
        .iter()
        .find(|a| a.kind == ActionKind::TerminationNotice)
        .unwrap();
    assert_eq!(term.deadline.date, d("2026-10-01"));
    assert!(!term.past);

    let bib = c("a-bibliotek");
    assert_eq!(bib.priority.priority, Priority::Lav);
    let notice = bib
        .actions
        .iter()
        .find(|a| a.kind == ActionKind::IntentionNotice)
        .unwrap();
    assert_eq!(notice.deadline.date, d("2026-12-11"));
    assert_eq!(notice.uid, "a-bibliotek-intention-notice-utvid@vesentlig");
    // No retender: the successor is planned for the current end.
    assert_eq!(
        bib.tender.as_ref().unwrap().lead_time.in_force_by,
        d("2027-06-30")
    );

    // A term extension assessed `continue` moves the end the plan works with.
    let kantine = c("b-kantine");
    assert_eq!(kantine.planned_end.date, d("2031-06-30"));
    assert_eq!(kantine.planned_end.by_change.as_deref(), Some("forleng"));
    let expiry = kantine
        .actions
        .iter()
        .find(|a| a.kind == ActionKind::ContractExpiry)
        .unwrap();
    assert_eq!(expiry.deadline.date, d("2031-06-30"));
    assert_eq!(
        kantine.tender.as_ref().unwrap().lead_time.in_force_by,
        d("2031-06-30")
    );
    assert_eq!(kantine.priority.priority, Priority::Unknown);
    assert_eq!(
        warnings_of(&plan, "b-kantine"),
        [WarningKind::UnknownPriority]
    );
}

#[test]
fn warnings_for_critical_systems_overlaps_and_past_deadlines() {
    let plan = test_plan("2026-11-27");
    // c-pleie: critical, ends 31 October 2026, before the merger; its successor's tender is late.
    let pleie = warnings_of(&plan, "c-pleie");
    assert!(pleie.contains(&WarningKind::CriticalEndsBeforeMerger));
    assert!(pleie.contains(&WarningKind::CriticalTenderTooLate));
    // a-lonn and b-lonn: same system in two municipalities, both past the merger.
    assert!(warnings_of(&plan, "a-lonn").contains(&WarningKind::OverlappingContracts));
    assert!(warnings_of(&plan, "b-lonn").contains(&WarningKind::OverlappingContracts));
    // b-lonn cannot be terminated.
    assert!(warnings_of(&plan, "b-lonn").contains(&WarningKind::NoTerminationRight));
    // a-lonn's termination notice (1 October 2026) has passed.
    assert!(warnings_of(&plan, "a-lonn").contains(&WarningKind::DeadlinePassed));
    // Critical warnings first.
    assert_eq!(plan.warnings[0].severity, Severity::Critical);
    // Unique UIDs, actions by date.
    let uids: BTreeSet<&str> = plan.actions.iter().map(|a| a.uid.as_str()).collect();
    assert_eq!(uids.len(), plan.actions.len());
    assert!(
        plan.actions
            .windows(2)
            .all(|w| w[0].deadline.date <= w[1].deadline.date)
    );
    assert_eq!(
        plan.actions
            .iter()
            .filter(|a| a.kind == ActionKind::Merger)
            .count(),
        1
    );
}

// --------------------------------------------------------------- outputs

#[test]
fn csv_has_bom_semicolons_norwegian_headers_and_one_row_per_action() {
    let plan = test_plan("2026-11-27");
    let text = render::csv::csv(&plan, Lang::Nb).unwrap();
    assert!(text.starts_with('\u{feff}'));
    let body = text.trim_start_matches('\u{feff}');
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(body.as_bytes());
    let headers: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    // Norwegian headers; the full list is the renderer's own.
    assert_eq!(headers, render::csv::headers(Lang::Nb));
    assert_eq!(
        (
            headers[0].as_str(),
            headers[1].as_str(),
            headers[11].as_str()
        ),
        ("Dato", "Lovens dato", "Grunnlag")
    );
    let rows: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), plan.actions.len());
    for (row, a) in rows.iter().zip(&plan.actions) {
        assert_eq!(row.len(), 13);
        assert_eq!(&row[0], a.deadline.date.to_string());
        assert_eq!(&row[12], a.uid);
    }
    assert!(rows.iter().any(|r| &r[9] == "ja"));
}

#[test]
fn ics_is_valid_rfc_5545_and_parses_back() {
    let plan = test_plan("2026-11-27");
    let text = render::ics::ics(&plan, Lang::Nb, 14);
    // CRLF only, lines folded at 75 octets.
    assert!(text.ends_with("\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'));
    assert!(!text.replace("\r\n", "").contains('\r'));
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(lines.iter().all(|l| l.len() <= 75));
    assert!(
        lines.iter().any(|l| l.starts_with(' ')),
        "long lines are folded"
    );
    // BEGIN/END balance and nesting.
    let mut stack: Vec<&str> = Vec::new();
    for l in &lines {
        if let Some(name) = l.strip_prefix("BEGIN:") {
            stack.push(name);
        } else if let Some(name) = l.strip_prefix("END:") {
            assert_eq!(stack.pop(), Some(name));
        }
    }
    assert!(stack.is_empty());
    // A reminder for every date still to come, none for a date already past.
    let upcoming = plan.actions.iter().filter(|a| !a.past).count();
    assert!(
        upcoming < plan.actions.len(),
        "the test plan has past dates"
    );
    assert_eq!(
        lines.iter().filter(|l| **l == "BEGIN:VALARM").count(),
        upcoming
    );
    assert!(lines.contains(&"DTSTAMP:20261127T000000Z"));
    // Days from 2000-01-01 to 2026-11-27.
    assert!(lines.contains(&"SEQUENCE:9827"));
    // Parsed back with the icalendar crate: one event per action, unique UIDs, all-day dates.
    let cal: icalendar::Calendar = text.parse().unwrap();
    let events: Vec<&icalendar::Event> =
        cal.components.iter().filter_map(|c| c.as_event()).collect();
    assert_eq!(events.len(), plan.actions.len());
    let uids: BTreeSet<&str> = events.iter().filter_map(|e| e.get_uid()).collect();
    assert_eq!(uids.len(), events.len());
    for (e, a) in events.iter().zip(&plan.actions) {
        assert_eq!(e.get_uid(), Some(a.uid.as_str()));
        assert_eq!(e.get_start(), Some(DatePerhapsTime::Date(a.deadline.date)));
        assert!(e.get_summary().is_some_and(|s| !s.is_empty()));
    }
}

#[test]
fn json_has_iso_dates_and_both_languages() {
    let plan = test_plan("2026-11-27");
    let text = render::json(&plan);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["today"], "2026-11-27");
    assert_eq!(v["merger"]["effective"], "2027-01-01");
    let first = &v["contracts"][0];
    assert!(first["priority"]["priority"].is_string());
    assert!(v["actions"][0]["summary"]["nb"].is_string());
    assert!(v["actions"][0]["deadline"]["legal_date"].is_string());
}

// -------------------------------------------------------------------- CLI

fn run(args: &[&str]) -> (i32, String, String) {
    output(Command::new(env!("CARGO_BIN_EXE_vesentlig")).args(args))
}

/// Runs the command: exit status, stdout, stderr.
fn output(command: &mut Command) -> (i32, String, String) {
    let out = command.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_format_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    write_portfolio(dir.path());
    let p = dir.path().to_str().unwrap();
    for format in ["table", "json", "csv", "ics"] {
        let a = run(&["plan", p, "--format", format, "--today", "2026-11-27"]);
        let b = run(&["plan", p, "--format", format, "--today", "2026-11-27"]);
        assert_eq!(a.0, 0, "{format}: {}", a.2);
        assert!(!a.1.is_empty());
        assert_eq!(a.1, b.1, "{format}");
    }
}

#[test]
fn out_writes_the_file_atomically() {
    let dir = tempfile::tempdir().unwrap();
    write_portfolio(dir.path());
    let out = dir.path().join("plan.ics");
    let (code, stdout, stderr) = run(&[
        "plan",
        dir.path().to_str().unwrap(),
        "--format",
        "ics",
        "--today",
        "2026-11-27",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.is_empty());
    assert!(
        fs::read_to_string(&out)
            .unwrap()
            .starts_with("BEGIN:VCALENDAR\r\n")
    );
    // No temporary file is left behind.
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn planning_json_overrides_and_rejects_unknown_fields() {
    let dir = tempfile::tempdir().unwrap();
    write_portfolio(dir.path());
    let p = dir.path().to_str().unwrap();
    fs::write(
        dir.path().join("planning.json"),
        r#"{ "evaluation_days": 45, "implementation_days": { "kritisk": 240 } }"#,
    )
    .unwrap();
    let (code, stdout, stderr) = run(&["plan", p, "--format", "json", "--today", "2026-11-27"]);
    assert_eq!(code, 0, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["config"]["evaluation_days"], 45);
    assert_eq!(v["config"]["implementation_days"]["kritisk"], 240);
    assert_eq!(v["config"]["implementation_days"]["lav"], 60);

    fs::write(
        dir.path().join("planning.json"),
        "{\n  \"evaluation_days\": 45,\n  \"evalution_days\": 3\n}",
    )
    .unwrap();
    let (code, _, stderr) = run(&["plan", p, "--today", "2026-11-27"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("planning.json"), "{stderr}");
    assert!(stderr.contains("$.evalution_days"), "{stderr}");
    assert!(stderr.contains(":3:"), "line 3 is shown: {stderr}");

    fs::write(
        dir.path().join("planning.json"),
        r#"{ "needs_analysis_days": 99999 }"#,
    )
    .unwrap();
    let (code, _, stderr) = run(&["plan", p, "--today", "2026-11-27"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("$.needs_analysis_days"), "{stderr}");
}

/// Runs `vesentlig <command> p` inside `dir`, so that paths print as `p/…`.
fn run_in(dir: &Path, command: &str) -> (i32, String, String) {
    let today: &[&str] = if command == "plan" {
        &["--today", "2026-11-27"]
    } else {
        &[]
    };
    output(
        Command::new(env!("CARGO_BIN_EXE_vesentlig"))
            .args([command, "p"])
            .args(today)
            .current_dir(dir),
    )
}

/// The test portfolio in the folder `p` of a temporary directory.
fn portfolio_in_p() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p");
    fs::create_dir(&p).unwrap();
    write_portfolio(&p);
    (dir, p)
}

/// `check` and `plan` both refuse a bad `planning.json` with exit status 1 and the same
/// message; returns it.
fn planning_error(planning: &str) -> String {
    let (dir, p) = portfolio_in_p();
    fs::write(p.join("planning.json"), planning).unwrap();
    let (code, stdout, check) = run_in(dir.path(), "check");
    assert_eq!(code, 1, "check: {stdout}{check}");
    assert!(stdout.is_empty());
    let (code, stdout, plan) = run_in(dir.path(), "plan");
    assert_eq!(code, 1, "plan: {plan}");
    assert!(stdout.is_empty());
    assert_eq!(check, plan);
    check
}

#[test]
fn check_and_plan_refuse_a_missing_comma_in_planning_json() {
    let stderr = planning_error("{\n  \"evaluation_days\": 45\n  \"negotiation_days\": 20\n}\n");
    assert!(stderr.contains("p/planning.json:3:3"), "{stderr}");
    insta::assert_snapshot!("planning_missing_comma", stderr);
}

#[test]
fn check_and_plan_refuse_a_misspelt_field_in_planning_json() {
    let stderr = planning_error("{\n  \"evaluation_days\": 45,\n  \"evalution_days\": 3\n}\n");
    assert!(stderr.contains("$.evalution_days"), "{stderr}");
    insta::assert_snapshot!("planning_unknown_field", stderr);
}

#[test]
fn check_and_plan_refuse_a_bad_value_in_planning_json() {
    let stderr = planning_error("{ \"implementation_days\": { \"kritisk\": -1 } }");
    assert!(stderr.contains("whole number of days"), "{stderr}");
    insta::assert_snapshot!("planning_negative_days", stderr);
    let stderr = planning_error("{ \"procedure\": \"opn\" }");
    assert!(stderr.contains("competitive_negotiation"), "{stderr}");
    insta::assert_snapshot!("planning_unknown_procedure", stderr);
}

#[test]
fn check_reports_planning_json_with_the_portfolio_errors() {
    let (dir, p) = portfolio_in_p();
    fs::write(p.join("broken.json"), "{ \"id\": 1 }").unwrap();
    // A byte-order mark is not part of the JSON; the column counts without it.
    fs::write(
        p.join("planning.json"),
        "\u{feff}{ \"procedure\": \"opn\" }",
    )
    .unwrap();
    let (code, _, stderr) = run_in(dir.path(), "check");
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("p/broken.json"), "{stderr}");
    assert!(stderr.contains("p/planning.json:1:16"), "{stderr}");
}

#[test]
fn check_names_a_valid_planning_json() {
    let (dir, p) = portfolio_in_p();
    fs::write(p.join("planning.json"), r#"{ "evaluation_days": 45 }"#).unwrap();
    let (code, stdout, stderr) = run_in(dir.path(), "check");
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("(with planning.json): OK"), "{stdout}");
}

// ------------------------------------------------------- the example portfolio

#[test]
fn plan_of_the_example_portfolio() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("contracts");
    let (code, stdout, stderr) = run(&[
        "plan",
        dir.to_str().unwrap(),
        "--format",
        "json",
        "--today",
        "2026-11-27",
    ]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!("plan_json_contracts", stdout);
}

// ---------------------------------------------------------------- properties

mod properties {
    use super::*;
    use proptest::prelude::*;
    use vesentlig::plan::Deadline;

    fn date() -> impl Strategy<Value = NaiveDate> {
        // 2020-01-01 plus up to about 30 years.
        (0u32..11_000).prop_map(|n| calendar::add_days(d("2020-01-01"), n))
    }

    proptest! {
        #[test]
        fn latest_dates_are_working_days_never_later(day in date()) {
            let l = Deadline::latest(day);
            prop_assert!(l.date <= day);
            prop_assert!(is_working_day(l.date));
            prop_assert!((day - l.date).num_days() <= 5);
        }

        #[test]
        fn earliest_dates_are_working_days_never_earlier(day in date()) {
            let e = Deadline::earliest(day);
            prop_assert!(e.date >= day);
            prop_assert!(is_working_day(e.date));
            prop_assert!((e.date - day).num_days() <= 5);
        }

        #[test]
        fn a_waiting_period_started_on_the_latest_day_ends_in_time(
            act_by in date(),
            days in prop_oneof![Just(10u32), Just(15u32)],
        ) {
            let start = calendar::latest_start_for(act_by, days);
            prop_assert!(is_working_day(start.date));
            prop_assert!(start.date <= start.legal_date);
            let after = calendar::earliest_after_period(start.date, days);
            prop_assert!(after.date <= act_by);
            prop_assert!(after.legal_date >= calendar::add_days(start.date, days + 1));
        }

        #[test]
        fn lead_time_steps_never_shorter_than_planned(
            in_force in date(),
            complex in any::<bool>(),
        ) {
            let procedure = if complex {
                TenderProcedure::CompetitiveNegotiation
            } else {
                TenderProcedure::Open
            };
            let lt = lead_time::plan_tender(
                in_force, Part::III, procedure, Priority::Middels, in_force,
                &PlanningConfig::default(),
            );
            let mut next = lt.in_force_by;
            for s in lt.steps.iter().rev() {
                prop_assert!(is_working_day(s.latest_start.date));
                prop_assert!((next - s.latest_start.date).num_days() >= i64::from(s.days));
                next = s.latest_start.date;
            }
        }
    }
}

#[path = "support/replicate.rs"]
mod replicate;

/// A warning about overlapping contracts names a few of them and counts the rest: a national
/// portfolio may hold thousands of contracts for one system, and listing them all made the plan
/// grow with the square of their number.
#[test]
fn overlapping_contracts_are_named_a_few_at_a_time() {
    let (_keep, root) = replicate::replicated_portfolio(8);
    let loaded = vesentlig::load::load_checked(&root).unwrap();
    let a = vesentlig::law::assess_portfolio(&loaded.portfolio, &loaded.thresholds);
    let plan = vesentlig::plan::plan_portfolio(
        &loaded.portfolio,
        &a,
        d("2026-11-27"),
        &Default::default(),
    );
    let w = plan
        .warnings
        .iter()
        .find(|w| w.contract == "k0-storvik-bibliotek-2020" && w.text.nb.contains("samme system"))
        .expect("an overlap warning");
    // Eight copies of Lillevik's library contract overlap: five named, three counted.
    assert!(
        w.text.nb.contains("som k0-lillevik-bibliotek-2023, k1-lillevik-bibliotek-2023, k2-lillevik-bibliotek-2023, k3-lillevik-bibliotek-2023, k4-lillevik-bibliotek-2023 og 3 andre i en annen kommune"),
        "{}",
        w.text.nb
    );
    assert!(w.text.en.contains("and 3 others in another municipality"));
}
