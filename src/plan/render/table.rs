//! The plan as a readable terminal table: warnings first, then the contracts, then every
//! action by date.

use std::fmt::Write;

use crate::text::{Lang, date_short};

use super::super::{Plan, Severity};
use super::{convention, date_kind_label, recommendation_label};

/// Renders the plan for the terminal.
pub fn table(plan: &Plan, lang: Lang) -> String {
    let nb = lang == Lang::Nb;
    let mut out = String::new();
    let title = if nb {
        "Anskaffelsesplan"
    } else {
        "Procurement plan"
    };
    let _ = match &plan.merger {
        Some(m) => writeln!(
            out,
            "{title}: {} ({} {})",
            m.name,
            if nb { "i kraft" } else { "effective" },
            date_short(m.effective, lang)
        ),
        None => writeln!(out, "{title}"),
    };
    let _ = writeln!(
        out,
        "{} {}\n",
        if nb {
            "Frister målt mot"
        } else {
            "Deadlines measured against"
        },
        date_short(plan.today, lang)
    );

    if !plan.warnings.is_empty() {
        let _ = writeln!(out, "{}", if nb { "Varsler" } else { "Warnings" });
        for w in &plan.warnings {
            let tag = match (w.severity, nb) {
                (Severity::Critical, true) => "KRITISK",
                (Severity::Critical, false) => "CRITICAL",
                (Severity::Warning, true) => "ADVARSEL",
                (Severity::Warning, false) => "WARNING",
                (Severity::Note, true) => "MERKNAD",
                (Severity::Note, false) => "NOTE",
            };
            let _ = writeln!(out, "  [{tag}] {}", w.text.get(lang));
        }
        out.push('\n');
    }

    let head: Vec<String> = if nb {
        [
            "Kontrakt",
            "System",
            "Prioritet",
            "Slutt",
            "Med opsjoner",
            "Etter sammenslåing",
            "Anbefaling",
        ]
    } else {
        [
            "Contract",
            "System",
            "Priority",
            "End",
            "With options",
            "Past merger",
            "Recommendation",
        ]
    }
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    let rows: Vec<Vec<String>> = plan
        .contracts
        .iter()
        .map(|c| {
            vec![
                c.contract.clone(),
                c.system.clone().unwrap_or_else(|| "–".into()),
                match (c.priority.critical_by_area, nb) {
                    (true, true) => "ukjent (rødt område)".to_owned(),
                    (true, false) => "unknown (red area)".to_owned(),
                    (false, _) => c.priority.priority.label().get(lang).to_owned(),
                },
                if c.planned_end.date == c.end {
                    date_short(c.end, lang)
                } else {
                    // The end as a term extension assessed `continue` moves it.
                    format!(
                        "{} → {}",
                        date_short(c.end, lang),
                        date_short(c.planned_end.date, lang)
                    )
                },
                date_short(c.end_with_options, lang),
                match (c.runs_past_merger, nb) {
                    (Some(true), true) => "ja".into(),
                    (Some(false), true) => "nei".into(),
                    (Some(true), false) => "yes".into(),
                    (Some(false), false) => "no".into(),
                    (None, _) => "–".into(),
                },
                c.recommendation.map_or("–".into(), |r| {
                    recommendation_label(r).get(lang).to_owned()
                }),
            ]
        })
        .collect();
    out.push_str(&grid(&head, &rows));
    out.push('\n');

    let head: Vec<String> = if nb {
        ["Dato", "", "Handling", "Kontrakt", "Merknad"]
    } else {
        ["Date", "", "Action", "Contract", "Note"]
    }
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    let rows: Vec<Vec<String>> = plan
        .actions
        .iter()
        .map(|a| {
            let mut note = Vec::new();
            if a.past {
                note.push(if nb { "PASSERT" } else { "PASSED" }.to_owned());
            }
            if a.deadline.is_adjusted() {
                note.push(format!(
                    "{} {}",
                    if nb { "lovens dato" } else { "legal date" },
                    date_short(a.deadline.legal_date, lang)
                ));
            }
            if let Some(ch) = &a.change {
                note.push(format!("{} {ch}", if nb { "endring" } else { "change" }));
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
        })
        .collect();
    out.push_str(&grid(&head, &rows));
    let _ = writeln!(out, "\n{}", convention(lang));
    out
}

/// Left-aligned columns separated by two spaces, widths by character count.
fn grid(head: &[String], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (i, cell) in r.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(cell.chars().count());
            }
        }
    }
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        format!("{}\n", padded.join("  ").trim_end())
    };
    let mut out = line(head);
    let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
    out.push_str(&line(&rule));
    for r in rows {
        out.push_str(&line(r));
    }
    out
}
