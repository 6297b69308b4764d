//! The plan as an iCalendar file (RFC 5545), written by hand so that every byte is under
//! control: CRLF line ends, lines folded at 75 octets on character boundaries, TEXT values
//! escaped, one all-day VEVENT per action with a stable UID (re-importing updates the event
//! instead of duplicating it), DTSTAMP and SEQUENCE from `--today` (deterministic output, and
//! a later plan counts as an update of an earlier one) and a VALARM
//! reminder ahead of each event still to come. (The `icalendar` crate writes a random UID and the current
//! time into every component that lacks them, including VALARM, so it is used only to parse
//! the output back in the tests.)

use std::io;

use chrono::NaiveDate;

use crate::text::{Lang, date_long};

use super::super::{Action, DateKind, Plan};
use super::convention;

/// Longest content line in octets, CRLF excluded (RFC 5545 § 3.1).
pub const MAX_LINE_OCTETS: usize = 75;

/// The calendar.
pub fn ics(plan: &Plan, lang: Lang, reminder_days: u32) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = write_ics(plan, lang, reminder_days, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`ics`], written to `out` event by event.
pub fn write_ics(
    plan: &Plan,
    lang: Lang,
    reminder_days: u32,
    mut out: impl io::Write,
) -> io::Result<()> {
    let mut head = Writer::default();
    head.line("BEGIN:VCALENDAR");
    head.line("VERSION:2.0");
    head.line("PRODID:-//vesentlig//plan//NO");
    head.line("CALSCALE:GREGORIAN");
    head.line("METHOD:PUBLISH");
    let name = match (&plan.merger, lang) {
        (Some(m), Lang::Nb) => format!("Anskaffelsesplan: {}", m.name),
        (Some(m), Lang::En) => format!("Procurement plan: {}", m.name),
        (None, Lang::Nb) => "Anskaffelsesplan".to_owned(),
        (None, Lang::En) => "Procurement plan".to_owned(),
    };
    head.property("X-WR-CALNAME", &escape(&name));
    out.write_all(head.text.as_bytes())?;
    for a in &plan.actions {
        let mut e = Writer::default();
        event(&mut e, plan, a, lang, reminder_days);
        out.write_all(e.text.as_bytes())?;
    }
    out.write_all(fold("END:VCALENDAR").as_bytes())
}

fn event(out: &mut Writer, plan: &Plan, a: &Action, lang: Lang, reminder_days: u32) {
    let day = a.deadline.date;
    out.line("BEGIN:VEVENT");
    out.property("UID", &a.uid);
    out.property("DTSTAMP", &format!("{}T000000Z", ymd(plan.today)));
    out.property("SEQUENCE", &sequence(plan.today).to_string());
    out.property("DTSTART;VALUE=DATE", &ymd(day));
    out.property("DTEND;VALUE=DATE", &ymd(day.succ_opt().unwrap_or(day)));
    let summary = match (a.deadline.kind, lang) {
        (DateKind::Latest, Lang::Nb) => format!("Frist: {}", a.summary.get(lang)),
        (DateKind::Latest, Lang::En) => format!("Deadline: {}", a.summary.get(lang)),
        _ => a.summary.get(lang).to_owned(),
    };
    out.property("SUMMARY", &escape(&summary));
    out.property("DESCRIPTION", &escape(&description(a, lang)));
    out.property("CATEGORIES", &escape(a.kind.code()));
    // All-day deadlines must not block the planner's calendar.
    out.line("TRANSP:TRANSPARENT");
    // No reminder for a date already past: importing the plan would fire them all at once.
    if reminder_days > 0 && !a.past {
        out.line("BEGIN:VALARM");
        out.line("ACTION:DISPLAY");
        out.property("DESCRIPTION", &escape(&summary));
        out.property("TRIGGER", &format!("-P{reminder_days}D"));
        out.line("END:VALARM");
    }
    out.line("END:VEVENT");
}

/// The event's text: which contract, how the date was computed, and the legal date where the
/// working-day convention moved it.
fn description(a: &Action, lang: Lang) -> String {
    let mut d = String::new();
    if !a.contract.is_empty() {
        let label = match lang {
            Lang::Nb => "Kontrakt",
            Lang::En => "Contract",
        };
        d.push_str(&format!("{label}: {}\n", a.contract));
    }
    d.push_str(a.basis.get(lang));
    if a.deadline.is_adjusted() {
        let label = match lang {
            Lang::Nb => "Lovens dato",
            Lang::En => "Legal date",
        };
        let legal = date_long(a.deadline.legal_date, lang);
        d.push_str(&format!("\n{label}: {legal}. {}", convention(lang)));
    }
    d
}

/// The revision number of every event: days from 2000-01-01 to `--today`. It grows with each
/// later run, so a calendar that has imported an earlier plan treats the events as updates
/// (RFC 5545 § 3.8.7.4), and stays the same for the same `--today` (deterministic output).
fn sequence(today: NaiveDate) -> i64 {
    NaiveDate::from_ymd_opt(2000, 1, 1).map_or(0, |epoch| (today - epoch).num_days().max(0))
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// Escapes a TEXT value (RFC 5545 § 3.3.11).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line: at most 75 octets per line, continuation lines start with one space,
/// never splitting a UTF-8 character (RFC 5545 § 3.1).
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 64 * 3);
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > MAX_LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
    out
}

#[derive(Default)]
struct Writer {
    text: String,
}

impl Writer {
    fn line(&mut self, l: &str) {
        self.text.push_str(&fold(l));
    }

    fn property(&mut self, name: &str, value: &str) {
        self.line(&format!("{name}:{value}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_respects_octets_and_characters() {
        let line = format!("SUMMARY:{}", "æ".repeat(100));
        let folded = fold(&line);
        for l in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= MAX_LINE_OCTETS, "{} octets", l.len());
        }
        assert_eq!(folded.replace("\r\n ", ""), format!("{line}\r\n"));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
    }
}
