//! A contract that has ended cannot be changed (legal-rules.md § 3).
//!
//! FOA § 28-1 (1) and art. 72 of Directive 2014/24/EU govern «endringer i en kontrakt»: they
//! presuppose a contract in force. A change dated after the contract's current end (exercised
//! extension options included) has no contract to attach to; agreeing the deliveries now is a
//! new contract, and without a competition an unlawful direct award (ulovlig direkte
//! anskaffelse). No ground is considered and the recommendation is a retender. The implicit
//! transfer of a contract to the merged municipality is not a change the buyer agrees, and is
//! not judged by this rule (legal-rules.md § 6 no. 7).

use crate::assessment::{Assessment, Element, ElementCoverage, Recommendation};
use crate::model::OptionKind;
use crate::text::date_long;

use super::Ctx;

/// The provisions the reason cites.
pub(crate) const PROVISION: &str = "FOA § 28-1 (1); direktiv 2014/24/EU art. 72";

/// The retender of a change dated after the contract ended, with the reason in one sentence.
pub(crate) fn assess(ctx: &Ctx) -> Assessment {
    let end = ctx.contract.end;
    let conclusion = say!(
        |l| "Kontrakten utløp {end}, før endringen skal avtales ({date}), og det finnes ingen kontrakt å endre: reglene om endringer ({provision}) gjelder bare en kontrakt som løper. Å avtale leveransene nå uten konkurranse vil være en ulovlig direkte anskaffelse; de må anskaffes i en ny konkurranse.",
        "The contract ended on {end}, before the change is to be agreed ({date}), so there is no contract left to change: the rules on modifications ({provision}) apply only to a contract in force. Agreeing the deliveries now without a competition would be an unlawful direct award; they must be procured in a new competition.",
        end = date_long(end, l),
        date = date_long(ctx.change.date, l),
        provision = super::labels::provision(PROVISION, l)
    );
    let mut warnings = Vec::new();
    let unexercised = ctx
        .contract
        .options
        .iter()
        .any(|o| o.kind == OptionKind::Extension && !o.exercised);
    if unexercised {
        warnings.push(say!(|l|
            "Kontrakten har en forlengelsesopsjon som ikke ble utløst før {end}; en opsjon kan ikke utløses etter at kontrakten er utløpt.",
            "The contract has an extension option that was not exercised before {end}; an option cannot be exercised once the contract has ended.",
            end = date_long(end, l)));
    }
    Assessment {
        contract: ctx.contract.id.clone(),
        change: ctx.change.id.clone(),
        implicit: false,
        date: ctx.change.date,
        recommendation: Recommendation::Retender,
        grounds: Vec::new(),
        modification_notice: false,
        part: ctx.part,
        figures: ctx.figures.clone(),
        // What the change asked for, none of it covered; nothing passes to the merged
        // municipality under a contract that no longer exists.
        elements: ctx
            .elements
            .iter()
            .filter(|e| **e != Element::BuyerSuccession)
            .map(|&element| ElementCoverage {
                element,
                covered_by: None,
                basis: None,
            })
            .collect(),
        tests: Vec::new(),
        warnings,
        conclusion,
        contract_ended: Some(end),
    }
}
