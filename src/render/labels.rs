//! The words for the engine's codes (grounds, outcomes, elements, contract facts) in both
//! languages, shared by the memo and the report.

use crate::assessment::{Basis, Element, Ground, Outcome, Recommendation};
use crate::model::{
    ClauseCover, ContractKind, ModificationGround, OptionKind, Procedure, Subject, SuccessionCause,
};
use crate::text::{Lang, Text};

fn t(lang: Lang, nb: &str, en: &str) -> String {
    Text::new(nb, en).get(lang).to_owned()
}

/// The recommendation as a short label.
pub fn recommendation(r: Recommendation, lang: Lang) -> String {
    match r {
        Recommendation::Continue => t(lang, "Kan videreføres", "Continue"),
        Recommendation::IntentionNotice => t(lang, "Intensjonskunngjøring", "Intention notice"),
        Recommendation::Retender => t(lang, "Ny konkurranse", "New competition"),
    }
}

/// The code of a recommendation, for the templates' colours.
pub fn recommendation_code(r: Recommendation) -> &'static str {
    match r {
        Recommendation::Continue => "continue",
        Recommendation::IntentionNotice => "intention_notice",
        Recommendation::Retender => "retender",
    }
}

/// The name of a ground (and of the test that checks it).
pub fn ground(g: Ground, lang: Lang) -> String {
    match g {
        Ground::Option => t(lang, "Opsjon", "Option"),
        Ground::ChangeClause => t(lang, "Endringsklausul", "Change clause"),
        Ground::DeMinimis => t(
            lang,
            "Mindre endringer under terskelverdien og 10/15 %",
            "Minor changes below the threshold and 10/15%",
        ),
        Ground::AdditionalDeliveries => t(
            lang,
            "Nødvendige tilleggsleveranser",
            "Necessary additional deliveries",
        ),
        Ground::Unforeseen => t(
            lang,
            "Uforutsette omstendigheter",
            "Unforeseeable circumstances",
        ),
        Ground::SupplierSuccession => t(
            lang,
            "Skifte av leverandør ved omstrukturering",
            "Change of supplier through restructuring",
        ),
        Ground::BuyerSuccession => t(
            lang,
            "Kontinuitetsprinsippet ved kommunesammenslåing",
            "The continuity principle in municipal mergers",
        ),
        Ground::NotSubstantial => t(lang, "Ikke vesentlig endring", "Not a substantial change"),
        Ground::FrameworkDuration => t(lang, "Rammeavtalens varighet", "Framework agreement term"),
    }
}

/// The outcome of a test.
pub fn outcome(o: Outcome, lang: Lang) -> String {
    match o {
        Outcome::Pass => t(lang, "Oppfylt", "Met"),
        Outcome::Fail => t(lang, "Ikke oppfylt", "Not met"),
        Outcome::Uncertain => t(lang, "Usikkert", "Uncertain"),
        Outcome::NotApplicable => t(lang, "Ikke aktuelt", "Not applicable"),
    }
}

/// The code of an outcome, for the templates' colours.
pub fn outcome_code(o: Outcome) -> &'static str {
    match o {
        Outcome::Pass => "pass",
        Outcome::Fail => "fail",
        Outcome::Uncertain => "uncertain",
        Outcome::NotApplicable => "not_applicable",
    }
}

/// Objective ground or assessment ground.
pub fn basis(b: Basis, lang: Lang) -> String {
    match b {
        Basis::Objective => t(lang, "objektivt grunnlag", "objective ground"),
        Basis::Assessment => t(
            lang,
            "skjønnsmessig grunnlag",
            "ground resting on judgement",
        ),
    }
}

/// An element of the change (legal-rules.md § 3).
pub fn element(e: Element, lang: Lang) -> String {
    match e {
        Element::PriceIncrease => t(lang, "Prisøkning", "Price increase"),
        Element::TermExtension => t(lang, "Forlengelse av løpetiden", "Term extension"),
        Element::JoiningAuthorities => t(lang, "Nye oppdragsgivere", "Joining authorities"),
        Element::NewSupplier => t(lang, "Ny leverandør", "New supplier"),
        Element::PriceTermsFavourSupplier => t(
            lang,
            "Prisvilkår til fordel for leverandøren",
            "Price terms in the supplier's favour",
        ),
        Element::RelaxesRequirements => t(lang, "Lempede krav", "Relaxed requirements"),
        Element::ShiftsRiskToBuyer => t(
            lang,
            "Risiko flyttet til oppdragsgiver",
            "Risk shifted to the buyer",
        ),
        Element::NewKindsOfDeliveries => t(lang, "Nye typer leveranser", "New kinds of deliveries"),
        Element::BuyerSuccession => t(
            lang,
            "Overdragelse til den sammenslåtte kommunen",
            "Transfer to the merged municipality",
        ),
        Element::PriceDecrease => t(lang, "Prisreduksjon", "Price decrease"),
    }
}

pub fn contract_kind(k: ContractKind, lang: Lang) -> String {
    match k {
        ContractKind::Contract => t(lang, "Kontrakt", "Contract"),
        ContractKind::FrameworkAgreement => t(lang, "Rammeavtale", "Framework agreement"),
    }
}

pub fn subject(s: Subject, lang: Lang) -> String {
    match s {
        Subject::Supplies => t(lang, "vareanskaffelse", "supplies"),
        Subject::Services => t(lang, "tjenesteanskaffelse", "services"),
        Subject::Works => t(lang, "bygge- og anleggsarbeid", "works"),
    }
}

pub fn procedure(p: Procedure, lang: Lang) -> String {
    match p {
        Procedure::Open => t(lang, "åpen anbudskonkurranse", "open procedure"),
        Procedure::Restricted => t(lang, "begrenset anbudskonkurranse", "restricted procedure"),
        Procedure::CompetitiveNegotiation => t(
            lang,
            "konkurranse med forhandling",
            "competitive procedure with negotiation",
        ),
        Procedure::NegotiatedWithoutNotice => t(
            lang,
            "forhandlet prosedyre uten forutgående kunngjøring",
            "negotiated procedure without prior publication",
        ),
        Procedure::DirectAward => t(lang, "direkteanskaffelse", "direct award"),
        Procedure::Other => t(lang, "annen prosedyre", "other procedure"),
    }
}

pub fn option_kind(k: OptionKind, lang: Lang) -> String {
    match k {
        OptionKind::Extension => t(lang, "Forlengelse", "Extension"),
        OptionKind::Volume => t(lang, "Volum", "Volume"),
    }
}

pub fn clause_cover(c: ClauseCover, lang: Lang) -> String {
    match c {
        ClauseCover::Volume => t(lang, "volum", "volume"),
        ClauseCover::NewAuthorities => t(lang, "nye oppdragsgivere", "new authorities"),
        ClauseCover::Term => t(lang, "løpetid", "term"),
        ClauseCover::Price => t(lang, "pris", "price"),
    }
}

pub fn modification_ground(g: ModificationGround, lang: Lang) -> String {
    match g {
        ModificationGround::Option => t(lang, "opsjon", "option"),
        ModificationGround::ChangeClause => t(lang, "endringsklausul", "change clause"),
        ModificationGround::DeMinimis => t(lang, "§ 28-1 (1) b", "§ 28-1 (1) b"),
        ModificationGround::AdditionalDeliveries => t(lang, "§ 28-1 (1) c", "§ 28-1 (1) c"),
        ModificationGround::Unforeseen => t(lang, "§ 28-1 (1) d", "§ 28-1 (1) d"),
        ModificationGround::SupplierSuccession => t(lang, "§ 28-1 (1) e", "§ 28-1 (1) e"),
        ModificationGround::NonSubstantial => t(lang, "ikke vesentlig", "not substantial"),
        ModificationGround::Unknown => t(lang, "ukjent", "unknown"),
    }
}

pub fn succession_cause(c: SuccessionCause, lang: Lang) -> String {
    match c {
        SuccessionCause::Merger => t(lang, "fusjon", "merger"),
        SuccessionCause::Acquisition => t(lang, "oppkjøp", "acquisition"),
        SuccessionCause::Insolvency => t(lang, "konkurs", "insolvency"),
        SuccessionCause::Restructuring => t(lang, "omstrukturering", "restructuring"),
        SuccessionCause::Other => t(lang, "annet", "other"),
    }
}

/// Yes or no.
pub fn yes_no(v: bool, lang: Lang) -> String {
    match v {
        true => t(lang, "ja", "yes"),
        false => t(lang, "nei", "no"),
    }
}
