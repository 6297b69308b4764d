//! Necessary additional deliveries, FOA § 28-1 (1) c.
//!
//! > c. endringer som gjelder nødvendige tilleggsleveranser som ikke inngikk i den opprinnelige
//! > kontrakten. Dette gjelder bare når: 1. skifte av leverandøren ikke kan skje av tekniske
//! > eller økonomiske grunner, […] 2. skifte av leverandøren vil føre til betydelige
//! > vanskeligheter eller vesentlige ekstrakostnader for oppdragsgiveren; og 3. prisøkningen
//! > ikke overstiger 50 prosent av den opprinnelige kontraktsverdien. Dersom det foretas flere
//! > endringer etter hverandre, gjelder denne begrensningen for hver enkelt endring. Slike
//! > endringer må ikke foretas for å omgå forskriften;
//!
//! An assessment ground: whether a change of supplier is impossible and would cause significant
//! inconvenience is the buyer's judgement. Covers the price increase when both conditions are
//! stated and the change's increase is at most 50 % of the base value. A modification notice is
//! required (§ 28-1 (3)).

use crate::assessment::{Basis, Element, Ground, Outcome};
use crate::model::ModificationGround;
use crate::text::{Lang, Text};

use super::{Ctx, Finding};

pub(crate) const PROVISION: &str = "FOA § 28-1 (1) c";

pub(crate) fn test(ctx: &Ctx) -> Finding {
    let mut f =
        Finding::new(Ground::AdditionalDeliveries, PROVISION, Basis::Assessment).code("add-wss");
    let Some(facts) = &ctx.change.additional_deliveries else {
        return f.not_applicable(Text::new(
            "Endringen er ikke begrunnet som nødvendige tilleggsleveranser.",
            "The change is not put forward as necessary additional deliveries.",
        ));
    };
    if !ctx.has(Element::PriceIncrease) {
        return f.not_applicable(Text::new(
            "Endringen gir ingen prisøkning som bokstav c kan dekke.",
            "The change brings no price increase for (c) to cover.",
        ));
    }
    let conditions = facts.change_of_supplier_impossible && facts.significant_inconvenience_or_cost;
    f.reason(Text::from_fn(|l| match l {
        Lang::Nb => format!(
            "Skifte av leverandør er oppgitt {} av tekniske eller økonomiske grunner, og {} føre til betydelige vanskeligheter eller vesentlige ekstrakostnader. Begrunnelse: {}",
            if facts.change_of_supplier_impossible { "å være umulig" } else { "ikke å være umulig" },
            if facts.significant_inconvenience_or_cost { "oppgis å" } else { "oppgis ikke å" },
            facts.reason
        ),
        Lang::En => format!(
            "A change of supplier is stated {} for technical or economic reasons, and {} cause significant inconvenience or substantial extra cost. Reason given: {}",
            if facts.change_of_supplier_impossible { "to be impossible" } else { "not to be impossible" },
            if facts.significant_inconvenience_or_cost { "to" } else { "not to" },
            facts.reason
        ),
    }));
    let capped = super::fifty_percent_cap::within(
        ctx,
        ModificationGround::AdditionalDeliveries,
        "c",
        &mut f,
    );
    if conditions && capped {
        f.outcome(Outcome::Uncertain).reason(Text::new(
            "Vilkårene er oppgitt å være oppfylt, men bygger på oppdragsgiverens skjønn, som verktøyet ikke kan etterprøve.",
            "The conditions are stated to be met, but rest on the buyer's judgement, which the tool cannot verify.",
        ));
        super::fifty_percent_cap::modification_notice(ctx, &mut f);
        f.offer([Element::PriceIncrease], Basis::Assessment);
    } else {
        f.outcome(Outcome::Fail);
    }
    f
}
