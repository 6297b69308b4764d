//! The planner's warnings for one contract: what a planner must act on, most severe first
//! once sorted (KS 2017 ch. 5.1 priorities; ch. 6.3.1 on overlapping contracts and termination).

use chrono::NaiveDate;

use super::{Action, ActionKind, DateKind, Severity, TenderPlan, Warning, WarningKind};
use crate::model::Contract;
use crate::priorities::{Priority, PriorityLookup};
use crate::text::{Lang, Text, date_long};

/// What the warnings of one contract are drawn from.
pub(super) struct Facts<'a> {
    pub c: &'a Contract,
    /// The planned end.
    pub end: NaiveDate,
    pub priority: &'a PriorityLookup,
    pub merger: Option<NaiveDate>,
    /// Other municipalities' contracts for the same system running past the merger.
    pub overlap: Option<&'a super::Overlap<'a>>,
    pub tender: Option<&'a TenderPlan>,
    pub actions: &'a [Action],
    pub today: NaiveDate,
}

impl Facts<'_> {
    fn warn(&self, severity: Severity, kind: WarningKind, text: Text) -> Warning {
        Warning {
            severity,
            kind,
            contract: self.c.id.clone(),
            text,
        }
    }
}

/// Every warning of one contract.
pub(super) fn contract_warnings(f: &Facts<'_>) -> Vec<Warning> {
    let mut out = Vec::new();
    critical_ends_before_merger(f, &mut out);
    late_tender(f, &mut out);
    passed_deadlines(f, &mut out);
    overlapping(f, &mut out);
    unknown_priority(f, &mut out);
    out
}

/// A critical system whose contract ends before the merger date.
fn critical_ends_before_merger(f: &Facts<'_>, out: &mut Vec<Warning>) {
    let (c, end, merger) = (f.c, f.end, f.merger);
    let critical = f.priority.is_critical();
    // A system treated as critical by its area alone; say so.
    let by_area = if f.priority.priority == Priority::Kritisk {
        Text::new("", "")
    } else {
        Text::new(
            " (etter området, rødt i KS-rapporten)",
            " (by its area, red in the KS report)",
        )
    };
    if let Some(m) = merger.filter(|m| critical && end < *m) {
        let with = c.end_with_options();
        let options = if with >= m {
            Text::new(
                format!(
                    " Uutløste forlengelsesopsjoner rekker til {}; om de kan utløses må vurderes.",
                    date_long(with, Lang::Nb)
                ),
                format!(
                    " Unexercised extension options reach {}; whether they may be exercised must be assessed.",
                    date_long(with, Lang::En)
                ),
            )
        } else {
            Text::new("", "")
        };
        out.push(f.warn(
            Severity::Critical,
            WarningKind::CriticalEndsBeforeMerger,
            Text::from_fn(|l| {
                let (id, title, area) = (&c.id, &c.title, by_area.get(l));
                let (end, merger, options) = (date_long(end, l), date_long(m, l), options.get(l));
                match l {
                    Lang::Nb => format!(
                        "Kritisk system{area}: {id} ({title}) utløper {end}, før sammenslåingen {merger}. En ny avtale må være på plass før sammenslåingen.{options}"
                    ),
                    Lang::En => format!(
                        "Critical system{area}: {id} ({title}) ends on {end}, before the merger on {merger}. A new contract must be in place before the merger.{options}"
                    ),
                }
            }),
        ));
    }
}

/// A new competition that cannot finish in time, with the earliest feasible date.
fn late_tender(f: &Facts<'_>, out: &mut Vec<Warning>) {
    let (c, tender, today) = (f.c, f.tender, f.today);
    let critical = f.priority.is_critical();
    if let Some(t) = tender.filter(|t| t.lead_time.latest_start.date < today) {
        let lt = &t.lead_time;
        let severity = if critical {
            Severity::Critical
        } else {
            Severity::Warning
        };
        let kind = if critical {
            WarningKind::CriticalTenderTooLate
        } else {
            WarningKind::TenderTooLate
        };
        out.push(f.warn(
            severity,
            kind,
            Text::from_fn(|l| {
                let (id, days) = (&c.id, lt.total_days);
                let by = date_long(lt.in_force_by, l);
                let started = date_long(today, l);
                let earliest = date_long(lt.earliest_in_force_from_today, l);
                match l {
                    Lang::Nb => format!(
                        "{id}: ny konkurranse rekker ikke frem til {by} med planlagt ledetid ({days} dager); startet {started} er ny kontrakt tidligst i kraft {earliest}. Vurder kortere frister (ikke under lovens minimum), forlengelse med hjemmel, eller en midlertidig løsning."
                    ),
                    Lang::En => format!(
                        "{id}: a new competition cannot finish by {by} with the planned lead time ({days} days); started on {started}, a new contract is in force at the earliest on {earliest}. Consider shorter periods (never below the legal minimums), an extension with a legal basis, or an interim solution."
                    ),
                }
            }),
        ));
    }
}

/// Latest dates already past (a late tender is reported once, by [`late_tender`]).
fn passed_deadlines(f: &Facts<'_>, out: &mut Vec<Warning>) {
    let (c, actions) = (f.c, f.actions);
    for a in actions.iter().filter(|a| {
        // A late tender is reported once, above, with the earliest feasible date.
        a.past
            && a.deadline.kind == DateKind::Latest
            && !matches!(a.kind, ActionKind::TenderStart | ActionKind::TenderNotice)
    }) {
        out.push(f.warn(
            Severity::Warning,
            WarningKind::DeadlinePassed,
            Text::from_fn(|l| {
                let (id, what) = (&c.id, a.kind.label().get(l).to_lowercase());
                let date = date_long(a.deadline.date, l);
                match l {
                    Lang::Nb => format!("{id}: {what} var {date} og er passert."),
                    Lang::En => format!("{id}: the {what} was {date} and has passed."),
                }
            }),
        ));
    }
}

/// Another municipality's contract for the same system also runs past the merger.
fn overlapping(f: &Facts<'_>, out: &mut Vec<Warning>) {
    let (c, overlap, merger) = (f.c, f.overlap, f.merger);
    if let (Some(others), Some(m)) = (overlap, merger) {
        out.push(f.warn(
            Severity::Warning,
            WarningKind::OverlappingContracts,
            Text::from_fn(|l| {
                let (id, system) = (&c.id, c.system.as_deref().unwrap_or_default());
                let (others, merger) = (others.names(l), date_long(m, l));
                match l {
                    Lang::Nb => format!(
                        "{id}: samme system ({system}) som {others} i en annen kommune, og begge løper etter sammenslåingen {merger}. Avklar hvilken avtale som skal videreføres og si opp de andre i tide (KS 2017 kap. 6.3.1); «vesentlig consolidate» sammenligner alternativene."
                    ),
                    Lang::En => format!(
                        "{id}: same system ({system}) as {others} in another municipality, both running past the merger on {merger}. Decide which contract continues and terminate the others in time (KS 2017 ch. 6.3.1); «vesentlig consolidate» compares the alternatives."
                    ),
                }
            }),
        ));
    }
}

/// The system's priority is unknown: say why.
fn unknown_priority(f: &Facts<'_>, out: &mut Vec<Warning>) {
    let (c, priority) = (f.c, f.priority);
    if priority.priority == Priority::Unknown {
        // Why only: the implementation time this implies is stated in the tender's basis.
        let why = priority.note.clone().unwrap_or_else(|| Text::new("", ""));
        out.push(f.warn(
            Severity::Note,
            WarningKind::UnknownPriority,
            Text::from_fn(|l| format!("{}: {}", c.id, why.get(l))),
        ));
    }
}

/// A contract that must give way at the merger but cannot be terminated.
pub(super) fn no_termination_warning(c: &Contract, end: NaiveDate, merger: NaiveDate) -> Warning {
    Warning {
        severity: Severity::Warning,
        kind: WarningKind::NoTerminationRight,
        contract: c.id.clone(),
        text: Text::from_fn(|l| {
            let (id, end, merger) = (&c.id, date_long(end, l), date_long(merger, l));
            match l {
                Lang::Nb => format!(
                    "{id} løper til {end}, etter sammenslåingen {merger}, og kontrakten har ingen rett til oppsigelse ved sammenslåing eller uten grunn. Å avslutte den før utløp kan utløse krav om vederlag for resten av perioden; alternativt kan en ny felles avtale la kommunen tiltre når denne utløper (KS 2017 kap. 6.3.1)."
                ),
                Lang::En => format!(
                    "{id} runs to {end}, past the merger on {merger}, and has no right to terminate on the merger or for convenience. Ending it early may entitle the supplier to payment for the rest of the term; alternatively a new joint contract can let the municipality accede when this one expires (KS 2017 ch. 6.3.1)."
                ),
            }
        }),
    }
}
