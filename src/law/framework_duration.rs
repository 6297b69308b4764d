//! The four-year limit for framework agreements, FOA § 26-1 (4) (part III) and § 11-1 (4)
//! (part II).
//!
//! > (4) Oppdragsgiveren kan ikke inngå rammeavtaler for mer enn fire år, med mindre det
//! > foreligger særlige forhold, for eksempel knyttet til avtalens formål, investeringskostnader
//! > eller brukerens behov.
//!
//! A framework agreement whose term from `start` (a postponed start where the change moves it)
//! to the new end exceeds four years fails (2023-01-01 to 2026-12-31 is exactly four years and
//! passes); the term extension is then not
//! covered by any ground. The «særlige forhold» exception is for the buyer to argue: the tool
//! cannot assess it and says so.

use chrono::NaiveDate;

use crate::assessment::{Basis, Element, Ground, Outcome};
use crate::text::{Text, date_long};

use super::{Ctx, Finding};

pub(crate) const PROVISION: &str = "FOA § 26-1 (4)";

pub(crate) fn test(ctx: &Ctx) -> Finding {
    let mut f = Finding::new(Ground::FrameworkDuration, PROVISION, Basis::Objective);
    if !ctx.is_framework() {
        return f.not_applicable(Text::new(
            "Kontrakten er ikke en rammeavtale.",
            "The contract is not a framework agreement.",
        ));
    }
    let Some(new_end) = ctx
        .change
        .new_end
        .filter(|_| ctx.has(Element::TermExtension))
    else {
        return f.not_applicable(Text::new(
            "Endringen forlenger ikke rammeavtalen.",
            "The change does not extend the framework agreement.",
        ));
    };
    let start = ctx.change.start_after(ctx.contract);
    let last_day = four_years_last_day(start);
    let ok = last_day.is_some_and(|last| new_end <= last);
    let last_day = last_day.unwrap_or(new_end);
    let span = if ok {
        Text::new("høyst", "at most")
    } else {
        Text::new("mer enn", "more than")
    };
    f.reason(say!(|l|
        "Rammeavtalen løper fra {start}{postponed}; fire år varer til og med {last}. Ny sluttdato {new_end} gir en samlet varighet på {span} fire år.",
        "The framework agreement runs from {start}{postponed}; four years last until {last} inclusive. The new end {new_end} gives a total term of {span} four years.",
        start = date_long(start, l),
        postponed = if start == ctx.contract.start { "" } else if l == crate::text::Lang::Nb { " (den utsatte oppstarten)" } else { " (the postponed start)" },
        last = date_long(last_day, l),
        new_end = date_long(new_end, l),
        span = span.get(l)));
    if ok {
        f.outcome(Outcome::Pass);
    } else {
        f.outcome(Outcome::Fail).reason(Text::new(
            "Forlengelsen kan ikke dekkes av noe grunnlag. Unntaket for «særlige forhold» (avtalens formål, investeringskostnader, brukerens behov) kan verktøyet ikke vurdere; det må i så fall begrunnes særskilt.",
            "The extension cannot be covered by any ground. The exception for «special circumstances» (the agreement's purpose, investment costs, users' needs) cannot be assessed by the tool; it would need a specific justification.",
        ));
        f.blocks.push(Element::TermExtension);
    }
    f
}

/// The last day of a four-year term starting on `start` (2023-01-01 → 2026-12-31).
fn four_years_last_day(start: NaiveDate) -> Option<NaiveDate> {
    crate::model::months_after(start.pred_opt()?, 48)
}
