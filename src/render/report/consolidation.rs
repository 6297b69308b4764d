//! The report's consolidation section: for each group of overlapping contracts, the ranked
//! alternatives of `analysis::consolidation` and a small timeline of when each contract can end
//! (its municipalities can join the contract kept, or the new one, the day after). Built from the
//! analysis; nothing is computed here but positions and wording.

use serde::Serialize;

use chrono::NaiveDate;

use super::{Marker, Scale, Tick, chart_lines, grounds_cell};
use crate::analysis::consolidation::{Alternative, AlternativeKind, Group};
use crate::analysis::termination::EndBy;
use crate::model::Portfolio;
use crate::render::labels::{self, tr};
use crate::text::{Lang, date_short, nok};

/// One group of overlapping contracts in the report.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Section {
    pub title: String,
    /// Why the first-ranked alternative is recommended.
    pub why: String,
    /// The best few, in rank order.
    pub alternatives: Vec<AlternativeRow>,
    /// How many more alternatives `vesentlig consolidate` lists («…» when none).
    pub more: String,
    pub members: Vec<MemberRow>,
    /// The small timeline's own axis (from the report date to the group's last end) and lines
    /// (the report date, the merger).
    pub ticks: Vec<Tick>,
    pub lines: Vec<Marker>,
}

/// One alternative, ranked.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct AlternativeRow {
    pub rank: usize,
    pub what: String,
    pub code: &'static str,
    pub recommendation: String,
    /// The grounds relied on (keep), or the competition's latest dates (new tender).
    pub note: String,
    pub exposure: String,
    pub one_contract_from: String,
}

/// One contract of the group on the small timeline.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct MemberRow {
    pub contract: String,
    pub municipalities: String,
    /// Its earliest lawful end and how.
    pub ends: String,
    pub exposure: String,
    /// Per-mille positions: today, the earliest lawful end, the current end.
    pub from: u32,
    pub earliest: u32,
    pub end: u32,
}

/// Alternatives a section shows; a group of hundreds of contracts has as many to keep.
const ALTERNATIVES_SHOWN: usize = 6;

/// The sections of the groups with something to weigh (two contracts or more).
pub(super) fn sections(
    groups: &[Group],
    p: &Portfolio,
    today: NaiveDate,
    lang: Lang,
) -> Vec<Section> {
    groups
        .iter()
        .filter(|g| !g.alternatives.is_empty())
        .map(|g| section(g, p, today, lang))
        .collect()
}

fn section(g: &Group, p: &Portfolio, today: NaiveDate, lang: Lang) -> Section {
    let mut ranked: Vec<&Alternative> = g.alternatives.iter().collect();
    ranked.sort_by_key(|a| a.rank);
    let last = g.members.iter().map(|m| m.end).max().unwrap_or(today);
    let scale = Scale::between(today, last);
    let from = scale.at(today);
    let more = ranked.len().saturating_sub(ALTERNATIVES_SHOWN);
    Section {
        more: match (more, lang) {
            (0, _) => String::new(),
            (n, Lang::Nb) => {
                format!("… og {n} alternativer til; «vesentlig consolidate» viser alle.")
            }
            (n, Lang::En) => {
                format!("… and {n} more alternatives; «vesentlig consolidate» lists them all.")
            }
        },
        ticks: scale.ticks(),
        lines: chart_lines(p, today, &scale, lang),
        title: g.group.clone(),
        why: g
            .reasons
            .first()
            .map(|r| r.get(lang).to_owned())
            .unwrap_or_default(),
        alternatives: ranked
            .into_iter()
            .take(ALTERNATIVES_SHOWN)
            .map(|a| alternative(a, lang))
            .collect(),
        members: g
            .members
            .iter()
            .map(|m| MemberRow {
                contract: m.contract.clone(),
                municipalities: m.municipalities.join(", "),
                ends: format!(
                    "{} ({})",
                    date_short(m.earliest_end.last_day, lang),
                    end_by(m.earliest_end.by, lang)
                ),
                exposure: nok(m.exposure_at_merger, lang),
                from,
                earliest: scale.at(m.earliest_end.last_day),
                end: scale.at(m.end),
            })
            .collect(),
    }
}

fn alternative(a: &Alternative, lang: Lang) -> AlternativeRow {
    let (what, note) = match (a.kind, a.keep.as_deref(), &a.change, &a.tender) {
        (AlternativeKind::Keep, Some(k), Some(change), _) => (
            tr(lang, format!("Behold {k}"), format!("Keep {k}")),
            grounds_cell(&change.assessment, lang),
        ),
        (_, _, _, Some(t)) => (
            tr(lang, "Ny felles konkurranse", "New common competition"),
            tr(
                lang,
                format!(
                    "kunngjøres senest {}",
                    date_short(t.latest_notice.date, lang)
                ),
                format!("announce by {}", date_short(t.latest_notice.date, lang)),
            ),
        ),
        _ => (String::new(), String::new()),
    };
    AlternativeRow {
        rank: a.rank,
        what,
        code: labels::recommendation_code(a.recommendation),
        recommendation: labels::recommendation(a.recommendation, lang),
        note,
        exposure: nok(a.exposure, lang),
        one_contract_from: a
            .one_contract_from
            .map_or_else(|| "–".to_owned(), |d| date_short(d, lang)),
    }
}

fn end_by(by: EndBy, lang: Lang) -> String {
    match by {
        EndBy::Expiry => tr(lang, "utløp", "expiry"),
        EndBy::OnMerger => tr(
            lang,
            "oppsigelse ved sammenslåing",
            "termination on the merger",
        ),
        EndBy::ForConvenience => tr(lang, "oppsigelse", "termination for convenience"),
    }
}
