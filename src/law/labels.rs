//! Norwegian and English names of grounds, elements, outcomes and recommendations, for every
//! renderer (assess table, memos, report).

use crate::assessment::{Basis, Element, Ground, Outcome, Recommendation};
use crate::text::{Lang, Text};

/// The name of a ground (test).
pub fn ground(g: Ground) -> Text {
    let (nb, en) = match g {
        Ground::Option => ("opsjon", "option"),
        Ground::ChangeClause => ("endringsklausul", "change clause"),
        Ground::DeMinimis => ("de minimis-regelen", "de minimis rule"),
        Ground::AdditionalDeliveries => (
            "nødvendige tilleggsleveranser",
            "necessary additional deliveries",
        ),
        Ground::Unforeseen => ("uforutsette omstendigheter", "unforeseen circumstances"),
        Ground::SupplierSuccession => (
            "leverandørskifte ved omstrukturering",
            "supplier succession by restructuring",
        ),
        Ground::BuyerSuccession => (
            "kontinuitetsprinsippet (overføring til den sammenslåtte kommunen)",
            "continuity principle (transfer to the merged municipality)",
        ),
        Ground::NotSubstantial => ("ikke vesentlig endring", "non-substantial change"),
        Ground::FrameworkDuration => ("rammeavtalens varighet", "framework agreement duration"),
        Ground::BelowNationalThreshold => (
            "under nasjonal terskelverdi (del I)",
            "below the national threshold (part I)",
        ),
    };
    Text::new(nb, en)
}

/// The name of an element of a change.
pub fn element(e: Element) -> Text {
    let (nb, en) = match e {
        Element::PriceIncrease => ("prisøkning", "price increase"),
        Element::TermExtension => ("forlengelse av løpetiden", "term extension"),
        Element::JoiningAuthorities => ("nye oppdragsgivere", "joining authorities"),
        Element::NewSupplier => ("ny leverandør", "new supplier"),
        Element::PriceTermsFavourSupplier => (
            "prisvilkår til fordel for leverandøren",
            "price terms in the supplier's favour",
        ),
        Element::RelaxesRequirements => ("lempede krav", "relaxed requirements"),
        Element::ShiftsRiskToBuyer => (
            "risiko overført til oppdragsgiveren",
            "risk shifted to the buyer",
        ),
        Element::NewKindsOfDeliveries => ("nye typer leveranser", "new kinds of deliveries"),
        Element::BuyerSuccession => (
            "overføring til den sammenslåtte kommunen",
            "transfer to the merged municipality",
        ),
        Element::PriceDecrease => ("prisreduksjon", "price decrease"),
        Element::PostponedStart => ("utsatt oppstart", "postponed start"),
    };
    Text::new(nb, en)
}

/// Elements named in prose: «prisøkning og nye oppdragsgivere» / «the price increase and the
/// joining authorities».
pub fn elements(es: &[Element]) -> Text {
    let names: Vec<Text> = es
        .iter()
        .map(|e| {
            let name = element(*e);
            Text::new(name.nb, format!("the {}", name.en))
        })
        .collect();
    join(&names)
}

/// The name of a recommendation.
pub fn recommendation(r: Recommendation) -> Text {
    let (nb, en) = match r {
        Recommendation::Continue => ("fortsett", "continue"),
        Recommendation::IntentionNotice => ("intensjonskunngjøring", "intention notice"),
        Recommendation::Retender => ("ny konkurranse", "retender"),
    };
    Text::new(nb, en)
}

/// The name of a test outcome.
pub fn outcome(o: Outcome) -> Text {
    let (nb, en) = match o {
        Outcome::Pass => ("oppfylt", "pass"),
        Outcome::Fail => ("ikke oppfylt", "fail"),
        Outcome::Uncertain => ("usikker", "uncertain"),
        Outcome::NotApplicable => ("ikke aktuell", "not applicable"),
    };
    Text::new(nb, en)
}

/// The name of a basis.
pub fn basis(b: Basis) -> Text {
    let (nb, en) = match b {
        Basis::Objective => ("objektivt", "objective"),
        Basis::Assessment => ("skjønn", "assessment"),
    };
    Text::new(nb, en)
}

/// A list of names joined as in prose: «a, b og c» / «a, b and c».
pub fn join(items: &[Text]) -> Text {
    Text::new(
        join_in(items, |t| &t.nb, "og"),
        join_in(items, |t| &t.en, "and"),
    )
}

fn join_in(items: &[Text], get: impl Fn(&Text) -> &String, and: &str) -> String {
    let names: Vec<&str> = items.iter().map(|t| get(t).as_str()).collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} {and} {last}", rest.join(", ")),
    }
}

/// A provision as cited in `lang`: the engine's citations are Norwegian («jf.», «del I»,
/// «analogisk»); in English they read «cf.», «part I», «by analogy».
pub fn provision(p: &str, lang: Lang) -> String {
    match lang {
        Lang::Nb => p.to_owned(),
        Lang::En => p
            .replace(", jf. ", ", cf. ")
            .replace("Kontinuitetsprinsippet; ", "Continuity principle; ")
            .replace(" og § 28-2 d analogisk", " and § 28-2 d by analogy")
            .replace(
                "Anskaffelsesloven",
                "Public Procurement Act (anskaffelsesloven)",
            )
            .replace("(del I)", "(part I)"),
    }
}
