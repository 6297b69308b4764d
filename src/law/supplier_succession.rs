//! Supplier succession by restructuring, FOA § 28-1 (1) e (and § 28-2 d).
//!
//! > e. endringer som gjelder skifte av leverandøren ved at en ny leverandør helt eller delvis
//! > trer inn i den eksisterende leverandørens rettigheter og plikter som følge av en
//! > omstrukturering, for eksempel ved overtakelse, fusjon, oppkjøp eller konkurs. Dette gjelder
//! > bare når 1. den nye leverandøren oppfyller de opprinnelige kvalifikasjonskravene, 2. det
//! > ikke foretas andre vesentlige endringer i kontrakten og 3. skiftet av leverandøren ikke
//! > skjer for å omgå forskriften;
//! >
//! > § 28-2 d: [en endring er alltid vesentlig dersom den] gjelder skifte av leverandøren i andre
//! > tilfeller enn dem som er nevnt i § 28-1 første ledd bokstav e.
//!
//! Objective. Judged after every other ground: the new supplier is covered only when the cause
//! is a restructuring, the new supplier meets the original qualification requirements, and
//! every other element of the change is covered by an objective ground (condition 2).

use crate::assessment::{Basis, Element, ElementCoverage, Ground, Outcome};
use crate::model::SuccessionCause;
use crate::text::{Lang, Text};

use super::{Ctx, Finding, labels};

pub(crate) const PROVISION: &str = "FOA § 28-1 (1) e, jf. § 28-2 d";

pub(crate) fn test(ctx: &Ctx, coverage: &[ElementCoverage]) -> Finding {
    let mut f =
        Finding::new(Ground::SupplierSuccession, PROVISION, Basis::Objective).code("mod-repl");
    let Some(new) = &ctx.change.new_supplier else {
        return f.not_applicable(Text::new(
            "Leverandøren skiftes ikke.",
            "The supplier does not change.",
        ));
    };
    let restructuring = new.cause != SuccessionCause::Other;
    let cause = cause_name(new.cause);
    let kind = if restructuring {
        Text::new("en omstrukturering", "a restructuring")
    } else {
        Text::new("ikke en omstrukturering", "not a restructuring")
    };
    f.reason(say!(
        |l| "{new} skal tre inn i stedet for {old} som følge av {cause}, {kind}.",
        "{new} is to take the place of {old} as a result of {cause}, {kind}.",
        new = new.name,
        old = ctx.contract.supplier.name,
        cause = cause.get(l),
        kind = kind.get(l)
    ));
    let qualified = new.meets_original_qualifications;
    f.reason(Text::from_fn(|l| match (l, qualified) {
        (Lang::Nb, true) => "Den nye leverandøren oppfyller de opprinnelige kvalifikasjonskravene (vilkår 1).".to_owned(),
        (Lang::Nb, false) => "Det er ikke opplyst at den nye leverandøren oppfyller de opprinnelige kvalifikasjonskravene (vilkår 1).".to_owned(),
        (Lang::En, true) => "The new supplier meets the original qualification requirements (condition 1).".to_owned(),
        (Lang::En, false) => "It is not stated that the new supplier meets the original qualification requirements (condition 1).".to_owned(),
    }));
    let not_objective: Vec<Element> = coverage
        .iter()
        .filter(|c| c.element != Element::NewSupplier && c.basis != Some(Basis::Objective))
        .map(|c| c.element)
        .collect();
    if not_objective.is_empty() {
        f.reason(Text::new(
            "Alle andre elementer i endringen er dekket av objektive grunnlag, så det foretas ikke andre vesentlige endringer (vilkår 2).",
            "Every other element of the change is covered by an objective ground, so no other substantial change is made (condition 2).",
        ));
    } else {
        f.reason(say!(|l|
            "Leverandørskiftet kombineres med endringer som ikke er dekket av et objektivt grunnlag ({names}); det kan ikke utelukkes at det foretas andre vesentlige endringer (vilkår 2).",
            "The change of supplier comes with changes not covered by an objective ground ({names}); other substantial changes cannot be ruled out (condition 2).",
            names = labels::elements(&not_objective).get(l)));
    }
    if restructuring && qualified && not_objective.is_empty() {
        f.outcome(Outcome::Pass);
        f.offer([Element::NewSupplier], Basis::Objective);
    } else {
        f.outcome(Outcome::Fail).reason(Text::new(
            "Leverandørskiftet er derfor en vesentlig endring (§ 28-2 d).",
            "The change of supplier is therefore a substantial change (§ 28-2 d).",
        ));
    }
    f
}

fn cause_name(cause: SuccessionCause) -> crate::text::Text {
    let (nb, en) = match cause {
        SuccessionCause::Merger => ("fusjon", "a merger"),
        SuccessionCause::Acquisition => ("oppkjøp", "an acquisition"),
        SuccessionCause::Insolvency => ("konkurs", "insolvency"),
        SuccessionCause::Restructuring => ("omstrukturering", "a restructuring"),
        SuccessionCause::Other => ("annen årsak", "another cause"),
    };
    crate::text::Text::new(nb, en)
}
