//! Buyer succession in a municipal merger: the continuity principle, FOA § 28-1 (1) e and
//! § 28-2 d by analogy.
//!
//! > § 28-1 (1) e: endringer som gjelder skifte av leverandøren ved at en ny leverandør helt
//! > eller delvis trer inn i den eksisterende leverandørens rettigheter og plikter som følge av
//! > en omstrukturering, for eksempel ved overtakelse, fusjon, oppkjøp eller konkurs. […]
//!
//! The ministry (KMD's letter to KS-advokatene, 2018, regjeringen.no id2594613) holds that an
//! unwritten continuity principle lets the merging municipalities' contracts pass to the merged
//! municipality without supplier consent, even where it is a new legal entity, applying
//! §§ 28-1 (1) e and 28-2 d by analogy to the buyer side. KMD itself notes legal uncertainty.
//! Objective, with the uncertainty stated.

use crate::assessment::{Basis, Element, Ground, Outcome};
use crate::model::MergerForm;
use crate::text::{Lang, Text};

use super::{Ctx, Finding};

pub(crate) const PROVISION: &str =
    "Kontinuitetsprinsippet; FOA § 28-1 (1) e og § 28-2 d analogisk (KMD 2018)";

pub(crate) fn test(ctx: &Ctx) -> Finding {
    let mut f = Finding::new(Ground::BuyerSuccession, PROVISION, Basis::Objective);
    let Some(merger) = ctx.merger.filter(|_| ctx.has(Element::BuyerSuccession)) else {
        return f.not_applicable(Text::new(
            "Kontrakten går ikke over til en sammenslått kommune: ingen av de opprinnelige oppdragsgiverne er en kommune som opphører i sammenslåingen.",
            "The contract does not pass to a merged municipality: none of its original authorities is a municipality that ceases in the merger.",
        ));
    };
    let form = match merger.form {
        MergerForm::NewEntity => Text::new("et nytt rettssubjekt", "a new legal entity"),
        MergerForm::Annexation => {
            Text::new("den videreførte kommunen", "the continuing municipality")
        }
    };
    f.outcome(Outcome::Pass).reason(Text::from_fn(|l| match l {
        Lang::Nb => format!(
            "Kontrakten går over til {} ({}) ved sammenslåingen. Etter departementets syn (KMD, brev til KS-advokatene 2018) gjelder et ulovfestet kontinuitetsprinsipp: kontraktene går over uten leverandørens samtykke, og § 28-1 (1) e og § 28-2 d anvendes analogisk på skifte av oppdragsgiver.",
            merger.name, form.nb
        ),
        Lang::En => format!(
            "The contract passes to {} ({}) in the merger. In the ministry's view (KMD, letter to KS-advokatene 2018) an unwritten continuity principle applies: the contracts pass without the supplier's consent, and § 28-1 (1) e and § 28-2 d apply by analogy to a change of buyer.",
            merger.name, form.en
        ),
    }));
    f.warn(uncertainty());
    f.offer([Element::BuyerSuccession], Basis::Objective);
    f
}

/// The uncertainty of the continuity principle, which the reader must see: stated once, as a
/// warning of the assessment (not repeated among the reasons).
fn uncertainty() -> crate::text::Text {
    Text::new(
        "Kontinuitetsprinsippet er ulovfestet og bygger på en analogi; departementet peker selv på at rettstilstanden er usikker. Overføringen forutsetter at kontrakten ellers ikke endres vesentlig.",
        "The continuity principle is unwritten and rests on an analogy; the ministry itself notes that the law is uncertain. The transfer presupposes that the contract is not otherwise substantially changed.",
    )
}
