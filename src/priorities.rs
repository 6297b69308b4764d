//! System priorities per service area, from the KS FoU report «Digitale konsekvenser av en
//! kommunesammenslåing» (PA Consulting and KS Advokatene for KS, 2017), chapter 5: the row
//! priority of each IT system (Kritisk / Middels / Lav; «Høy» never occurs) and the area's
//! colour (rød / gul / grønn). See `data/README.md` for the source and what the levels mean.
//!
//! A system is identified by the pair (service area, system): several systems occur in more
//! than one area with different priorities. A system the table does not hold is reported as
//! [`Priority::Unknown`]; the tool never guesses a priority.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::text::Text;

/// The table rows, embedded at build time so the tool never reads the source at run time.
const DATA: &str = include_str!("../data/system_priorities.json");

/// The priority of a system row (column «Prioritet» of the report's tables).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// «Kritisk»: must run from the merged municipality's first day.
    Kritisk,
    /// «Høy»: defined by the data format, never used in the report's chapter 5.
    Hoy,
    /// «Middels»: parallel systems possible in the transition phase.
    Middels,
    /// «Lav»: parallel systems or manual solutions in the transition phase.
    Lav,
    /// Not in the table (or no `system` given): the priority is not known.
    Unknown,
}

impl PriorityLookup {
    /// Whether the plan treats the system as critical: a `Kritisk` row, or a system in a red
    /// area that has no system table (IKT-infrastruktur, Arkiv: the report marks the area
    /// itself red). An unknown system in an area *with* a table is not assumed critical: those
    /// tables also hold Middels and Lav rows, and the area may cover services that are not IT.
    pub fn is_critical(&self) -> bool {
        self.priority == Priority::Kritisk || self.critical_by_area
    }
}

impl Priority {
    pub fn label(self) -> Text {
        match self {
            Priority::Kritisk => Text::new("kritisk", "critical"),
            Priority::Hoy => Text::new("høy", "high"),
            Priority::Middels => Text::new("middels", "medium"),
            Priority::Lav => Text::new("lav", "low"),
            Priority::Unknown => Text::new("ukjent", "unknown"),
        }
    }
}

/// The colour of a service area (report ch. 5.1): rød, gul, grønn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AreaPriority {
    /// Rød: must work from the first day of the new municipality.
    Critical,
    /// Gul: should be prioritised, may be handled in the transition phase.
    Prioritise,
    /// Grønn: may wait for the transition phase.
    Transition,
}

impl AreaPriority {
    pub fn label(self) -> Text {
        match self {
            AreaPriority::Critical => Text::new("rød (kritisk)", "red (critical)"),
            AreaPriority::Prioritise => Text::new("gul (prioriteres)", "yellow (prioritise)"),
            AreaPriority::Transition => Text::new("grønn (overgangsfasen)", "green (transition)"),
        }
    }
}

/// One row of the report's tables (the fields the tool uses).
#[derive(Debug, Clone, Deserialize)]
pub struct Row {
    pub chapter: String,
    pub area: String,
    pub area_priority: AreaPriority,
    pub system: String,
    pub priority: Priority,
    pub reason: String,
    pub table: String,
    pub seed_line: u32,
}

/// Areas the report colours but gives no system table (see `data/README.md`): the area colour
/// is known, the system's priority is not.
const AREAS_WITHOUT_TABLE: [(&str, &str, AreaPriority); 3] = [
    // 5.2: «må etableres før alle andre løsninger» (ch. 5.1 item 1); red by our reading.
    ("5.2", "IKT-infrastruktur og -drift", AreaPriority::Critical),
    // 5.4.4: «Arkivverdig dokumentasjon og arkivsystem er markert med rødt.»
    (
        "5.4.4",
        "Arkiv og dokumenthåndtering",
        AreaPriority::Critical,
    ),
    // 5.8: «ikke kritiske for drift av kommunen»; green by our reading.
    (
        "5.8",
        "Digitale tjenester til innbyggere og næringsliv",
        AreaPriority::Transition,
    ),
];

/// Every row of the embedded table.
pub fn rows() -> &'static [Row] {
    static ROWS: OnceLock<Vec<Row>> = OnceLock::new();
    // The data is embedded and checked by a test; an empty table would only make every
    // system «unknown», which the outputs say.
    ROWS.get_or_init(|| serde_json::from_str(DATA).unwrap_or_default())
}

/// The priority found for a contract's (service area, system).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PriorityLookup {
    pub priority: Priority,
    /// The area colour, when the area is known (even if the system is not).
    pub area_priority: Option<AreaPriority>,
    /// Where the row is: e.g. «KS 2017, kap. 5.4.3, Tabell 12: Personal- og lønnssystem».
    pub source: Option<String>,
    /// Why the priority is unknown, or how it was matched.
    pub note: Option<Text>,
    /// The area is red and has no system table, so the plan treats the system as critical.
    pub critical_by_area: bool,
}

/// A name with runs of whitespace made single spaces, in lower case: names are compared
/// case- and whitespace-insensitively (here and by the planner's overlap check).
pub fn normalised(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Every row with its area and system names normalised once, not at every lookup.
fn keyed_rows() -> &'static [(String, String, Row)] {
    static KEYED: OnceLock<Vec<(String, String, Row)>> = OnceLock::new();
    KEYED.get_or_init(|| {
        rows()
            .iter()
            .map(|r| (normalised(&r.area), normalised(&r.system), r.clone()))
            .collect()
    })
}

fn found(row: &Row, note: Option<Text>) -> PriorityLookup {
    PriorityLookup {
        priority: row.priority,
        area_priority: Some(row.area_priority),
        source: Some(format!(
            "KS 2017, kap. {}, {}: {}",
            row.chapter, row.table, row.system
        )),
        note,
        critical_by_area: false,
    }
}

fn unknown(area_priority: Option<AreaPriority>, note: Text) -> PriorityLookup {
    PriorityLookup {
        priority: Priority::Unknown,
        area_priority,
        source: None,
        note: Some(note),
        critical_by_area: false,
    }
}

/// Looks up a contract's system. The pair (area, system) must match a row; without an area, a
/// system name that occurs in exactly one area is accepted. Anything else is `Unknown`.
pub fn lookup(service_area: Option<&str>, system: Option<&str>) -> PriorityLookup {
    let rows = keyed_rows();
    let area_key = service_area.map(normalised);
    let system_key = system.map(normalised);
    let area_rows: Vec<&(String, String, Row)> = match &area_key {
        Some(a) => rows.iter().filter(|(area, _, _)| area == a).collect(),
        None => Vec::new(),
    };
    let table_less = area_key.as_deref().and_then(|a| {
        AREAS_WITHOUT_TABLE
            .iter()
            .find(|(_, name, _)| normalised(name) == a)
    });
    let area_priority = area_rows
        .first()
        .map(|(_, _, r)| r.area_priority)
        .or(table_less.map(|(_, _, p)| *p));
    let (Some(system), Some(system_key)) = (system, system_key) else {
        return unknown(
            area_priority,
            Text::new(
                "Kontrakten oppgir ikke system; prioriteten er ukjent.",
                "The contract names no system; the priority is unknown.",
            ),
        );
    };
    if service_area.is_some() {
        if let Some((_, _, row)) = area_rows.iter().find(|(_, s, _)| *s == system_key) {
            return found(row, None);
        }
        let why = if let Some((chapter, name, colour)) = table_less {
            let colour = colour.label();
            Text::new(
                format!(
                    "Området «{name}» har fargen {} i KS-rapporten (kap. {chapter}), men rapporten har ingen systemtabell for det; systemets prioritet er ukjent.",
                    colour.nb
                ),
                format!(
                    "The area «{name}» has the colour {} in the KS report (ch. {chapter}), but the report has no system table for it; the system's priority is unknown.",
                    colour.en
                ),
            )
        } else if area_rows.is_empty() {
            Text::new(
                format!(
                    "Tjenesteområdet «{}» finnes ikke i KS-rapportens tabeller; prioriteten er ukjent.",
                    service_area.unwrap_or_default()
                ),
                format!(
                    "The service area «{}» is not in the KS report's tables; the priority is unknown.",
                    service_area.unwrap_or_default()
                ),
            )
        } else {
            Text::new(
                format!(
                    "Systemet «{system}» finnes ikke i KS-rapportens tabell for dette området; prioriteten er ukjent."
                ),
                format!(
                    "The system «{system}» is not in the KS report's table for this area; the priority is unknown."
                ),
            )
        };
        let mut result = unknown(area_priority, why);
        result.critical_by_area = table_less.is_some_and(|t| t.2 == AreaPriority::Critical);
        return result;
    }
    let matches: Vec<&Row> = rows
        .iter()
        .filter(|(_, s, _)| *s == system_key)
        .map(|(_, _, r)| r)
        .collect();
    match matches.as_slice() {
        [row] => found(
            row,
            Some(Text::new(
                format!(
                    "Funnet uten tjenesteområde: systemet finnes bare under «{}».",
                    row.area
                ),
                format!(
                    "Matched without a service area: the system occurs only under «{}».",
                    row.area
                ),
            )),
        ),
        [] => unknown(
            None,
            Text::new(
                format!(
                    "Systemet «{system}» finnes ikke i KS-rapportens tabeller; prioriteten er ukjent."
                ),
                format!(
                    "The system «{system}» is not in the KS report's tables; the priority is unknown."
                ),
            ),
        ),
        _ => unknown(
            None,
            Text::new(
                format!(
                    "Systemet «{system}» finnes i flere tjenesteområder; oppgi service_area for å finne prioriteten."
                ),
                format!(
                    "The system «{system}» occurs in several service areas; give service_area to find its priority."
                ),
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_table_parses() {
        assert_eq!(rows().len(), 47);
    }

    #[test]
    fn lookup_by_area_and_system() {
        let l = lookup(Some("Personal og lønn"), Some("Personal- og lønnssystem"));
        assert_eq!(l.priority, Priority::Kritisk);
        assert_eq!(l.area_priority, Some(AreaPriority::Critical));
        // The same system name in two areas: the area decides.
        let l = lookup(Some("PPT"), Some("analyse- og statistikkverktøy"));
        assert_eq!(l.priority, Priority::Lav);
        assert_eq!(l.area_priority, Some(AreaPriority::Prioritise));
        // Red system in a green area.
        let l = lookup(Some("Innkjøp"), Some("System for konkurransegjennomføring"));
        assert_eq!(l.priority, Priority::Kritisk);
        assert_eq!(l.area_priority, Some(AreaPriority::Transition));
    }

    #[test]
    fn unknown_is_said_not_guessed() {
        let l = lookup(Some("Personal og lønn"), Some("Kantinesystem"));
        assert_eq!(l.priority, Priority::Unknown);
        assert_eq!(l.area_priority, Some(AreaPriority::Critical));
        assert!(l.note.is_some());
        assert_eq!(
            lookup(None, Some("Kvalitetssystem")).priority,
            Priority::Unknown
        );
        assert_eq!(
            lookup(None, Some("Legevaktsystem")).priority,
            Priority::Kritisk
        );
        assert_eq!(lookup(Some("Legevakt"), None).priority, Priority::Unknown);
        // An area with a colour but no system table.
        let l = lookup(
            Some("Arkiv og dokumenthåndtering"),
            Some("Sak- og arkivsystem"),
        );
        assert_eq!(l.priority, Priority::Unknown);
        assert_eq!(l.area_priority, Some(AreaPriority::Critical));
        assert!(l.is_critical());
        // An unknown system in a red area with a table is not assumed critical.
        assert!(!lookup(Some("Tekniske tjenester"), Some("Veiarbeid")).is_critical());
    }
}
