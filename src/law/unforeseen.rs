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
use crate::text::{Lang, Text, date_long};

use super::{Ctx, Finding, pick, text};

pub(crate) const PROVISION: &str = "FOA § 28-1 (1) d";

pub(crate) fn test(ctx: &Ctx) -> Finding {
    let mut f = Finding::new(Ground::Unforeseen, PROVISION, Basis::Assessment).code("mod-cir");
    let Some(facts) = &ctx.change.unforeseen else {
        return f.not_applicable(text(|l| {
            pick(
                l,
                "Endringen er ikke begrunnet med uforutsette omstendigheter.",
                "The change is not put forward as caused by unforeseen circumstances.",
            )
            .to_owned()
        }));
    };
    let relevant: Vec<Element> = [Element::PriceIncrease, Element::TermExtension]
        .into_iter()
        .filter(|e| ctx.has(*e))
        .collect();
    if relevant.is_empty() {
        return f.not_applicable(text(|l| {
            pick(
                l,
                "Endringen gir ingen prisøkning eller forlengelse som bokstav d kan dekke.",
                "The change brings no price increase or extension for (d) to cover.",
            )
            .to_owned()
        }));
    }
    let arose = arose(ctx, facts.arose);
    let unforeseeable = unforeseeable(ctx, &facts.circumstance, arose, &mut f);
    let same_nature = !ctx.has(Element::NewKindsOfDeliveries);
    if !same_nature {
        f.reason(text(|l| {
            pick(
                l,
                "Endringen gjelder nye typer leveranser, slik at anskaffelsens overordnede karakter endres (vilkår 1).",
                "The change concerns new kinds of deliveries, so the overall nature of the procurement changes (condition 1).",
            )
            .to_owned()
        }));
    }
    let capped = super::cap::within(ctx, ModificationGround::Unforeseen, "d", &mut f);
    if unforeseeable && same_nature && capped {
        f.outcome(Outcome::Uncertain).reason(text(|l| {
            pick(
                l,
                "Vilkårene ser ut til å være oppfylt, men om en aktsom oppdragsgiver kunne forutse omstendigheten og om endringen er nødvendig, er skjønnsmessig. Endringen må kunngjøres (§ 28-1 (3)).",
                "The conditions appear to be met, but whether a diligent buyer could have foreseen the circumstance and whether the change is necessary is a matter of judgement. The change must be published (§ 28-1 (3)).",
            )
            .to_owned()
        }));
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

/// The circumstance must have arisen after signature.
fn unforeseeable(ctx: &Ctx, circumstance: &str, arose: Option<NaiveDate>, f: &mut Finding) -> bool {
    let signed = ctx.contract.award.signed;
    let Some(arose) = arose else {
        f.reason(text(|l| match l {
            Lang::Nb => format!(
                "Omstendigheten «{circumstance}» er ikke datert, så det kan ikke fastslås at den oppstod etter at kontrakten ble signert {}.",
                date_long(signed, l)
            ),
            Lang::En => format!(
                "The circumstance «{circumstance}» is not dated, so it cannot be established that it arose after the contract was signed on {}.",
                date_long(signed, l)
            ),
        }));
        return false;
    };
    let merger_note = match ctx.merger {
        Some(m)
            if ctx
                .change
                .unforeseen
                .as_ref()
                .is_some_and(|u| u.arose.is_none()) =>
        {
            if m.explored_from.is_some() {
                Text::new(
                    " (sammenslåingen regnes som forutsigbar fra sonderingene startet)",
                    " (the merger counts as foreseeable from the start of the exploratory talks)",
                )
            } else {
                Text::new(
                    " (sammenslåingen regnes som forutsigbar fra vedtaket om sammenslåing)",
                    " (the merger counts as foreseeable from the merger decision)",
                )
            }
        }
        _ => Text::new("", ""),
    };
    let after = arose > signed;
    f.reason(text(|l| match l {
        Lang::Nb => format!(
            "Omstendigheten «{circumstance}» oppstod {}{}; kontrakten ble signert {}, altså {}.",
            date_long(arose, l),
            merger_note.nb,
            date_long(signed, l),
            if after {
                "før omstendigheten oppstod"
            } else {
                "samtidig med eller etter at omstendigheten oppstod, så den var forutsigbar"
            }
        ),
        Lang::En => format!(
            "The circumstance «{circumstance}» arose on {}{}; the contract was signed on {}, {}.",
            date_long(arose, l),
            merger_note.en,
            date_long(signed, l),
            if after {
                "before it arose"
            } else {
                "on or after the day it arose, so it was foreseeable"
            }
        ),
    }));
    if !after
        && ctx
            .change
            .unforeseen
            .as_ref()
            .is_some_and(|u| u.arose.is_none())
    {
        f.reason(text(|l| {
            pick(
                l,
                "Departementets veileder (kap. 40.2.1) forventer at en oppdragsgiver som kjenner til en mulig sammenslåing, tar inn en endringsklausul.",
                "The ministry's guide (ch. 40.2.1) expects a buyer aware of a possible merger to include a change clause.",
            )
            .to_owned()
        }));
    }
    after
}
