//! The words for codes in both languages, shared by the memo and the report: the engine's
//! codes via `law::labels` (capitalised for headings), and the contract facts' codes here.

use crate::assessment::{Basis, Element, Ground, Outcome, Recommendation};
use crate::law::labels as law;
use crate::model::{
    ClauseCover, ContractKind, ModificationGround, OptionKind, Part, Procedure, Subject,
    SuccessionCause,
};
use crate::text::{Lang, Text};

/// The text for `lang` of a Norwegian/English pair.
pub fn tr(lang: Lang, nb: impl Into<String>, en: impl Into<String>) -> String {
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
        ContractKind::Contract => tr(lang, "Kontrakt", "Contract"),
        ContractKind::FrameworkAgreement => tr(lang, "Rammeavtale", "Framework agreement"),
    }
}

pub fn subject(s: Subject, lang: Lang) -> String {
    match s {
        Subject::Supplies => tr(lang, "vareanskaffelse", "supplies"),
        Subject::Services => tr(lang, "tjenesteanskaffelse", "services"),
        Subject::Works => tr(lang, "bygge- og anleggsarbeid", "works"),
    }
}

pub fn procedure(p: Procedure, lang: Lang) -> String {
    match p {
        Procedure::Open => tr(lang, "åpen anbudskonkurranse", "open procedure"),
        Procedure::Restricted => tr(lang, "begrenset anbudskonkurranse", "restricted procedure"),
        Procedure::CompetitiveNegotiation => tr(
            lang,
            "konkurranse med forhandling",
            "competitive procedure with negotiation",
        ),
        Procedure::NegotiatedWithoutNotice => tr(
            lang,
            "forhandlet prosedyre uten forutgående kunngjøring",
            "negotiated procedure without prior publication",
        ),
        Procedure::DirectAward => tr(lang, "direkteanskaffelse", "direct award"),
        Procedure::Other => tr(lang, "annen prosedyre", "other procedure"),
    }
}

pub fn option_kind(k: OptionKind, lang: Lang) -> String {
    match k {
        OptionKind::Extension => tr(lang, "Forlengelse", "Extension"),
        OptionKind::Volume => tr(lang, "Volum", "Volume"),
    }
}

pub fn clause_cover(c: ClauseCover, lang: Lang) -> String {
    match c {
        ClauseCover::Volume => tr(lang, "volum", "volume"),
        ClauseCover::NewAuthorities => tr(lang, "nye oppdragsgivere", "new authorities"),
        ClauseCover::Term => tr(lang, "løpetid", "term"),
        ClauseCover::Price => tr(lang, "pris", "price"),
    }
}

pub fn modification_ground(g: ModificationGround, lang: Lang) -> String {
    match g {
        ModificationGround::Option => tr(lang, "opsjon", "option"),
        ModificationGround::ChangeClause => tr(lang, "endringsklausul", "change clause"),
        ModificationGround::DeMinimis => tr(lang, "§ 28-1 (1) b", "§ 28-1 (1) (b)"),
        ModificationGround::AdditionalDeliveries => tr(lang, "§ 28-1 (1) c", "§ 28-1 (1) (c)"),
        ModificationGround::Unforeseen => tr(lang, "§ 28-1 (1) d", "§ 28-1 (1) (d)"),
        ModificationGround::SupplierSuccession => tr(lang, "§ 28-1 (1) e", "§ 28-1 (1) (e)"),
        ModificationGround::NonSubstantial => tr(lang, "ikke vesentlig", "not substantial"),
        ModificationGround::Unknown => tr(lang, "ukjent", "unknown"),
    }
}

pub fn succession_cause(c: SuccessionCause, lang: Lang) -> String {
    match c {
        SuccessionCause::Merger => tr(lang, "fusjon", "merger"),
        SuccessionCause::Acquisition => tr(lang, "oppkjøp", "acquisition"),
        SuccessionCause::Insolvency => tr(lang, "konkurs", "insolvency"),
        SuccessionCause::Restructuring => tr(lang, "omstrukturering", "restructuring"),
        SuccessionCause::Other => tr(lang, "annet", "other"),
    }
}

/// A provision as cited in `lang` (`law::labels::provision`), with the letters of a paragraph
/// in brackets in English as in the rest of the English memo: «§ 28-1 (1) b» → «§ 28-1 (1) (b)».
pub fn provision(p: &str, lang: Lang) -> String {
    let cite = law::provision(p, lang);
    match lang {
        Lang::Nb => cite,
        Lang::En => bracket_letters(&cite),
    }
}

/// Wraps a lone letter a–h that follows a paragraph «(1)» or a section «28-2» in brackets.
fn bracket_letters(cite: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for word in cite.split(' ') {
        let mut chars = word.chars();
        let letter = chars.next().filter(|c| ('a'..='h').contains(c));
        let rest = chars.as_str();
        let after_number = out.last().is_some_and(|prev| {
            prev.ends_with(')') || prev.chars().next().is_some_and(|c| c.is_ascii_digit())
        });
        let bracketed = match letter {
            Some(l) if after_number && matches!(rest, "" | ",") => format!("({l}){rest}"),
            _ => word.to_owned(),
        };
        out.push(bracketed);
    }
    out.join(" ")
}

/// The part of FOA as a roman numeral.
pub fn part(p: Part) -> &'static str {
    match p {
        Part::I => "I",
        Part::II => "II",
        Part::III => "III",
    }
}

/// Yes or no.
pub fn yes_no(v: bool, lang: Lang) -> String {
    match v {
        true => tr(lang, "ja", "yes"),
        false => tr(lang, "nei", "no"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_citations_bracket_the_letters() {
        assert_eq!(
            provision("FOA § 28-1 (1) a, jf. § 19-1 (2)", Lang::En),
            "FOA § 28-1 (1) (a), cf. § 19-1 (2)"
        );
        assert_eq!(
            provision(
                "Kontinuitetsprinsippet; FOA § 28-1 (1) e og § 28-2 d analogisk (KMD 2018)",
                Lang::En
            ),
            "Continuity principle; FOA § 28-1 (1) (e) and § 28-2 (d) by analogy (KMD 2018)"
        );
        assert_eq!(provision("FOA § 28-1 (1) b", Lang::Nb), "FOA § 28-1 (1) b");
    }
}
