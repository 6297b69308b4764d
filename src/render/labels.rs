//! The words for codes in both languages, shared by the memo and the report: the engine's
//! codes via `law::labels` (capitalised for headings), and the contract facts' codes here.

use crate::assessment::{Basis, Element, Ground, Outcome, Recommendation};
use crate::law::labels as law;
use crate::model::{
    ClauseCover, ContractKind, ModificationGround, OptionKind, Procedure, Subject, SuccessionCause,
};
use crate::text::{Lang, Text};

fn t(lang: Lang, nb: &str, en: &str) -> String {
    Text::new(nb, en).get(lang).to_owned()
}

/// The law module's name for a code, with a capital first letter for headings and tables.
fn capitalised(text: Text, lang: Lang) -> String {
    let s = text.get(lang);
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The recommendation as a short label.
pub fn recommendation(r: Recommendation, lang: Lang) -> String {
    capitalised(law::recommendation(r), lang)
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
    capitalised(law::ground(g), lang)
}

/// The outcome of a test.
pub fn outcome(o: Outcome, lang: Lang) -> String {
    capitalised(law::outcome(o), lang)
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

/// Objective ground or assessment ground (lower case, for running text).
pub fn basis(b: Basis, lang: Lang) -> String {
    law::basis(b).get(lang).to_owned()
}

/// An element of the change (legal-rules.md § 3).
pub fn element(e: Element, lang: Lang) -> String {
    capitalised(law::element(e), lang)
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
