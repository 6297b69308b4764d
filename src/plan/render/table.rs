//! The plan as a readable terminal table: warnings first, then the contracts, then every
//! action by date, then how each date was computed.

use std::fmt::Write as _;
use std::io;

use crate::text::{Lang, date_short};

use super::super::{Action, ActionKind, ContractPlan, Plan, Severity, Warning};
use super::{convention, date_kind_label, recommendation_label};

/// Renders the plan for the terminal.
pub fn table(plan: &Plan, lang: Lang) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = write_table(plan, lang, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`table`], written to `out` line by line (each grid in two passes: the column widths, then
/// the rows), so that a large plan's table is never held whole.
pub fn write_table(plan: &Plan, lang: Lang, mut out: impl io::Write) -> io::Result<()> {
    out.write_all(heading(plan, lang).as_bytes())?;
    if !plan.warnings.is_empty() {
        writeln!(out, "{}", pick(lang, "Varsler", "Warnings"))?;
        for w in &plan.warnings {
            writeln!(out, "  [{}] {}", severity_tag(w, lang), w.text.get(lang))?;
        }
        writeln!(out)?;
    }
    contracts_grid(plan, lang, &mut out)?;
    writeln!(out)?;
    actions_grid(plan, lang, &mut out)?;
    writeln!(out)?;
    bases(plan, lang, &mut out)?;
    writeln!(out, "\n{}", convention(lang))
}

/// The Norwegian or the English word.
fn pick(lang: Lang, nb: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Nb => nb,
        Lang::En => en,
    }
}

fn heading(plan: &Plan, lang: Lang) -> String {
    let title = pick(lang, "Anskaffelsesplan", "Procurement plan");
    let mut out = match &plan.merger {
        Some(m) => format!(
            "{title}: {} ({} {})\n",
            m.name,
            pick(lang, "i kraft", "effective"),
            date_short(m.effective, lang)
        ),
        None => format!("{title}\n"),
    };
    let _ = writeln!(
        out,
        "{} {}\n",
        pick(lang, "Frister målt mot", "Deadlines measured against"),
        date_short(plan.today, lang)
    );
    out
}

fn severity_tag(w: &Warning, lang: Lang) -> &'static str {
    match w.severity {
        Severity::Critical => pick(lang, "KRITISK", "CRITICAL"),
        Severity::Warning => pick(lang, "ADVARSEL", "WARNING"),
        Severity::Note => pick(lang, "MERKNAD", "NOTE"),
    }
}

fn contracts_grid(plan: &Plan, lang: Lang, out: impl io::Write) -> io::Result<()> {
    let head = match lang {
        Lang::Nb => [
            "Kontrakt",
            "System",
            "Prioritet",
            "Slutt",
            "Med opsjoner",
            "Etter sammenslåing",
            "Anbefaling",
        ],
        Lang::En => [
            "Contract",
            "System",
            "Priority",
            "End",
            "With options",
            "Past merger",
            "Recommendation",
        ],
    };
    grid(
        &head,
        || plan.contracts.iter().map(|c| contract_row(c, lang)),
        out,
    )
}

fn contract_row(c: &ContractPlan, lang: Lang) -> Vec<String> {
    let priority = if c.priority.critical_by_area {
        pick(lang, "ukjent (rødt område)", "unknown (red area)").to_owned()
    } else {
        c.priority.priority.label().get(lang).to_owned()
    };
    let end = if c.planned_end.date == c.end {
        date_short(c.end, lang)
    } else {
        // A term extension assessed `continue` moves the end.
        format!(
            "{} → {}",
            date_short(c.end, lang),
            date_short(c.planned_end.date, lang)
        )
    };
    let past_merger = match c.runs_past_merger {
        Some(true) => pick(lang, "ja", "yes"),
        Some(false) => pick(lang, "nei", "no"),
        None => "–",
    };
    vec![
        c.contract.clone(),
        c.system.clone().unwrap_or_else(|| "–".into()),
        priority,
        end,
        date_short(c.end_with_options, lang),
        past_merger.to_owned(),
        c.recommendation.map_or("–".into(), |r| {
            recommendation_label(r).get(lang).to_owned()
        }),
    ]
}

fn actions_grid(plan: &Plan, lang: Lang, out: impl io::Write) -> io::Result<()> {
    let head = match lang {
        Lang::Nb => ["Dato", "", "Handling", "Kontrakt", "Merknad"],
        Lang::En => ["Date", "", "Action", "Contract", "Note"],
    };
    grid(
        &head,
        || plan.actions.iter().map(|a| action_row(a, lang)),
        out,
    )
}

fn action_row(a: &Action, lang: Lang) -> Vec<String> {
    let mut note = Vec::new();
    if a.past {
        note.push(pick(lang, "PASSERT", "PASSED").to_owned());
    }
    if a.deadline.is_adjusted() {
        note.push(format!(
            "{} {}",
            pick(lang, "lovens dato", "legal date"),
            date_short(a.deadline.legal_date, lang)
        ));
    }
    if let Some(ch) = &a.change {
        note.push(format!("{} {ch}", pick(lang, "endring", "change")));
    }
    vec![
        date_short(a.deadline.date, lang),
        date_kind_label(a.deadline.kind, lang).to_owned(),
        a.kind.label().get(lang).to_owned(),
        if a.contract.is_empty() {
            "–".into()
        } else {
            a.contract.clone()
        },
        note.join("; "),
    ]
}

/// How every date of a contract's actions was computed, by contract in plan order. The
/// merger's date is given, not computed, and is left out.
fn bases(plan: &Plan, lang: Lang, mut out: impl io::Write) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        pick(lang, "Slik er datoene regnet", "How the dates are computed")
    )?;
    for c in &plan.contracts {
        writeln!(out, "  {}", c.contract)?;
        for a in c.actions.iter().filter(|a| a.kind != ActionKind::Merger) {
            writeln!(
                out,
                "    {} {}: {}",
                date_short(a.deadline.date, lang),
                a.kind.label().get(lang),
                a.basis.get(lang)
            )?;
        }
    }
    Ok(())
}

/// Left-aligned columns separated by two spaces, widths by character count. `rows` is called
/// twice: once for the widths, once to write.
fn grid<I: Iterator<Item = Vec<String>>>(
    head: &[&str],
    rows: impl Fn() -> I,
    mut out: impl io::Write,
) -> io::Result<()> {
    let mut widths: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
    for r in rows() {
        for (i, cell) in r.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(cell.chars().count());
            }
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let padded: Vec<String> = cells
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        format!("{}\n", padded.join("  ").trim_end())
    };
    out.write_all(line(&mut head.iter().copied()).as_bytes())?;
    let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
    out.write_all(line(&mut rule.iter().map(String::as_str)).as_bytes())?;
    for r in rows() {
        out.write_all(line(&mut r.iter().map(String::as_str)).as_bytes())?;
    }
    Ok(())
}
