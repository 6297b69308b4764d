//! Unforeseen circumstances, FOA § 28-1 (1) d.
//!
//! > d. endringer som er nødvendige som følge av omstendigheter som en aktsom oppdragsgiver
//! > ikke kunne forutse. Dette gjelder bare når 1. anskaffelsens overordnede karakter ikke blir
//! > endret; og 2. prisøkningen ikke overstiger 50 prosent av den opprinnelige
//! > kontraktsverdien. Dersom det foretas flere endringer etter hverandre, gjelder denne
//! > begrensningen for hver enkelt endring. Slike endringer må ikke foretas for å omgå
//! > forskriften;
//!
//! An assessment ground. Covers the price increase and the term extension when the increase is
//! at most 50 % of the base value, no new kinds of deliveries are added, and the circumstance
//! arose after signature. A merger is foreseeable from `explored_from` (else `decided`): a
//! contract signed on or after that date fails (the ministry's guide, ch. 40.2.1, expects a
//! change clause then). A modification notice is required (§ 28-1 (3)).

use chrono::NaiveDate;

use crate::assessment::{Basis, Element, Ground, Outcome};
use crate::model::ModificationGround;
use crate::text::{Text, date_long};

use super::{Ctx, Finding};

pub(crate) const PROVISION: &str = "FOA § 28-1 (1) d";

pub(crate) fn test(ctx: &Ctx) -> Finding {
    let mut f = Finding::new(Ground::Unforeseen, PROVISION, Basis::Assessment).code("mod-cir");
    let Some(facts) = &ctx.change.unforeseen else {
        return f.not_applicable(Text::new(
            "Endringen er ikke begrunnet med uforutsette omstendigheter.",
            "The change is not put forward as caused by unforeseen circumstances.",
        ));
    };
    let relevant: Vec<Element> = [Element::PriceIncrease, Element::TermExtension]
        .into_iter()
        .filter(|e| ctx.has(*e))
        .collect();
    if relevant.is_empty() {
        return f.not_applicable(Text::new(
            "Endringen gir ingen prisøkning eller forlengelse som bokstav d kan dekke.",
            "The change brings no price increase or extension for (d) to cover.",
        ));
    }
    let arose = arose(ctx, facts.arose);
    let unforeseeable = unforeseeable(ctx, &facts.circumstance, arose, &mut f);
    let same_nature = !ctx.has(Element::NewKindsOfDeliveries);
    if !same_nature {
        f.reason(Text::new(
            "Endringen gjelder nye typer leveranser, slik at anskaffelsens overordnede karakter endres (vilkår 1).",
            "The change concerns new kinds of deliveries, so the overall nature of the procurement changes (condition 1).",
        ));
    }
    let capped = super::fifty_percent_cap::within(ctx, ModificationGround::Unforeseen, "d", &mut f);
    if unforeseeable && same_nature && capped {
        f.outcome(Outcome::Uncertain).reason(Text::new(
            "Vilkårene ser ut til å være oppfylt, men om en aktsom oppdragsgiver kunne forutse omstendigheten og om endringen er nødvendig, er skjønnsmessig.",
            "The conditions appear to be met, but whether a diligent buyer could have foreseen the circumstance and whether the change is necessary is a matter of judgement.",
        ));
        super::fifty_percent_cap::modification_notice(ctx, &mut f);
        f.offer(relevant, Basis::Assessment);
    } else {
        f.outcome(Outcome::Fail);
    }
    f
}

/// When the circumstance arose: as given, else for a merger the date it became foreseeable.
fn arose(ctx: &Ctx, given: Option<NaiveDate>) -> Option<NaiveDate> {
    given.or_else(|| ctx.merger.map(crate::model::Merger::foreseeable_from))
}

/// The circumstance must have arisen after signature: a diligent buyer cannot foresee what
/// had not arisen when the contract was signed (condition in the chapeau of § 28-1 (1) d).
fn unforeseeable(ctx: &Ctx, circumstance: &str, arose: Option<NaiveDate>, f: &mut Finding) -> bool {
    let signed = ctx.contract.award.signed;
    let Some(arose) = arose else {
        f.reason(say!(|l|
            "Omstendigheten «{circumstance}» er ikke datert, så det kan ikke fastslås at den oppstod etter at kontrakten ble signert {signed}.",
            "The circumstance «{circumstance}» is not dated, so it cannot be established that it arose after the contract was signed on {signed}.",
            circumstance = circumstance, signed = date_long(signed, l)));
        return false;
    };
    let merger_date = ctx.merger.filter(|_| {
        ctx.change
            .unforeseen
            .as_ref()
            .is_some_and(|u| u.arose.is_none())
    });
    let when = match merger_date {
        Some(m) if m.explored_from.is_some() => Text::new(
            "regnes som oppstått da sonderingene om sammenslåing startet,",
            "counts as having arisen when the exploratory talks on the merger began,",
        ),
        Some(_) => Text::new(
            "regnes som oppstått da sammenslåingen ble vedtatt,",
            "counts as having arisen when the merger was decided,",
        ),
        None => Text::new("oppstod", "arose on"),
    };
    let after = arose > signed;
    let verdict = if after {
        Text::new(
            "før omstendigheten oppstod",
            "before the circumstance arose",
        )
    } else {
        Text::new(
            "samme dag eller senere, så en aktsom oppdragsgiver kunne forutse den",
            "on that day or later, so a diligent buyer could have foreseen it",
        )
    };
    f.reason(say!(|l|
        "Omstendigheten «{circumstance}» {when} {arose}; kontrakten ble signert {signed}, {verdict}.",
        "The circumstance «{circumstance}» {when} {arose}; the contract was signed on {signed}, {verdict}.",
        circumstance = circumstance, when = when.get(l), arose = date_long(arose, l),
        signed = date_long(signed, l), verdict = verdict.get(l)));
    if !after && merger_date.is_some() {
        f.reason(Text::new(
            "Departementets veileder (kap. 40.2.1) forventer at en oppdragsgiver som kjenner til en mulig sammenslåing, tar inn en endringsklausul.",
            "The ministry's guide (ch. 40.2.1) expects a buyer aware of a possible merger to include a change clause.",
        ));
    }
    after
}
