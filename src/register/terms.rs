//! The words of the enumerated register columns (avtaletype, kategori, karakter, prosedyre):
//! what `export` and the template's drop-down lists write, and every common way `import`
//! accepts them. Text that fits none, or more than one, is refused, never guessed.

use crate::model::{Character, ContractKind, Part, Procedure, Subject};
use crate::text::Lang;

use super::columns::normalise;

fn pick(lang: Lang, nb: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Nb => nb,
        Lang::En => en,
    }
}

pub fn kind_label(k: ContractKind, lang: Lang) -> &'static str {
    match k {
        ContractKind::Contract => pick(lang, "Kontrakt", "Contract"),
        ContractKind::FrameworkAgreement => pick(lang, "Rammeavtale", "Framework agreement"),
    }
}

pub fn subject_label(s: Subject, lang: Lang) -> &'static str {
    match s {
        Subject::Supplies => pick(lang, "Varer", "Supplies"),
        Subject::Services => pick(lang, "Tjenester", "Services"),
        Subject::Works => pick(lang, "Bygg og anlegg", "Works"),
    }
}

pub fn character_label(c: Character, lang: Lang) -> &'static str {
    match c {
        Character::Standard => pick(lang, "Standard", "Standard"),
        Character::Complex => pick(lang, "Kompleks", "Complex"),
    }
}

pub fn procedure_label(p: Procedure, lang: Lang) -> &'static str {
    match p {
        Procedure::Open => pick(lang, "Åpen tilbudskonkurranse", "Open procedure"),
        Procedure::Restricted => pick(lang, "Begrenset tilbudskonkurranse", "Restricted procedure"),
        Procedure::CompetitiveNegotiation => pick(
            lang,
            "Konkurranse med forhandling",
            "Competitive negotiation",
        ),
        Procedure::NegotiatedWithoutNotice => pick(
            lang,
            "Forhandlet prosedyre uten kunngjøring",
            "Negotiated without prior notice",
        ),
        Procedure::DirectAward => pick(lang, "Direkteanskaffelse", "Direct award"),
        Procedure::Other => pick(lang, "Annen", "Other"),
    }
}

pub fn yes_no_label(b: bool, lang: Lang) -> &'static str {
    match (b, lang) {
        (true, Lang::Nb) => "ja",
        (false, Lang::Nb) => "nei",
        (true, Lang::En) => "yes",
        (false, Lang::En) => "no",
    }
}

pub const KINDS: [ContractKind; 2] = [ContractKind::Contract, ContractKind::FrameworkAgreement];
pub const SUBJECTS: [Subject; 3] = [Subject::Supplies, Subject::Services, Subject::Works];
pub const CHARACTERS: [Character; 2] = [Character::Standard, Character::Complex];
pub const PROCEDURES: [Procedure; 6] = [
    Procedure::Open,
    Procedure::Restricted,
    Procedure::CompetitiveNegotiation,
    Procedure::NegotiatedWithoutNotice,
    Procedure::DirectAward,
    Procedure::Other,
];

/// The one value whose words the text contains; `Err` with the valid words otherwise.
fn one_of<T: Copy + PartialEq>(
    text: &str,
    table: &[(&[&str], T)],
    valid: &str,
) -> Result<T, String> {
    let t = normalise(text);
    let mut hits: Vec<T> = Vec::new();
    for (words, value) in table {
        if words.iter().any(|w| t == *w || t.contains(w)) && !hits.contains(value) {
            hits.push(*value);
        }
    }
    match hits.as_slice() {
        [one] => Ok(*one),
        [] => Err(format!("«{text}» is not one of: {valid}")),
        _ => Err(format!("«{text}» fits more than one of: {valid}")),
    }
}

pub fn parse_kind(text: &str) -> Result<ContractKind, String> {
    one_of(
        text,
        &[
            (&["ramme", "framework"], ContractKind::FrameworkAgreement),
            (
                &["kontrakt", "contract", "enkeltavtale", "kjøpsavtale"],
                ContractKind::Contract,
            ),
        ],
        "kontrakt, rammeavtale (contract, framework agreement)",
    )
}

pub fn parse_subject(text: &str) -> Result<Subject, String> {
    one_of(
        text,
        &[
            (
                &["vare", "supplies", "goods", "products"],
                Subject::Supplies,
            ),
            (&["tjeneste", "service"], Subject::Services),
            (&["bygg", "anlegg", "works", "b a"], Subject::Works),
        ],
        "varer, tjenester, bygg og anlegg (supplies, services, works)",
    )
}

pub fn parse_character(text: &str) -> Result<Character, String> {
    one_of(
        text,
        &[
            (&["standard", "hyllevare"], Character::Standard),
            (&["kompleks", "complex"], Character::Complex),
        ],
        "standard, kompleks (standard, complex)",
    )
}

pub fn parse_procedure(text: &str) -> Result<Procedure, String> {
    let t = normalise(text);
    // Checked in this order: «konkurranse med forhandling uten kunngjøring» is negotiated
    // without notice, not competitive negotiation.
    let table: [(&[&str], Procedure); 6] = [
        (
            &[
                "uten kunngjøring",
                "uten forutgående kunngjøring",
                "without prior",
                "without notice",
                "without publication",
            ],
            Procedure::NegotiatedWithoutNotice,
        ),
        (&["direkte", "direct"], Procedure::DirectAward),
        (
            &[
                "konkurranse med forhandling",
                "forhandling etter",
                "competitive negotiation",
                "competitive procedure with negotiation",
            ],
            Procedure::CompetitiveNegotiation,
        ),
        (&["begrenset", "restricted"], Procedure::Restricted),
        (&["åpen", "open"], Procedure::Open),
        (&["annen", "annet", "other"], Procedure::Other),
    ];
    table
        .iter()
        .find(|(words, _)| words.iter().any(|w| t.contains(w)))
        .map(|(_, p)| *p)
        .ok_or_else(|| {
            format!(
                "«{text}» is not a procedure the tool knows: åpen, begrenset, konkurranse med forhandling, uten kunngjøring, direkteanskaffelse, annen"
            )
        })
}

pub fn parse_part(text: &str) -> Result<Part, String> {
    let t = normalise(text);
    let t = t
        .trim_start_matches("del ")
        .trim_start_matches("part ")
        .trim();
    match t {
        "i" | "1" => Ok(Part::I),
        "ii" | "2" => Ok(Part::II),
        "iii" | "3" => Ok(Part::III),
        _ => Err(format!("«{text}» is not a part of FOA: I, II or III")),
    }
}

/// Whether an award procedure begins with a notice (kunngjøring): the open, restricted and
/// competitive-negotiation procedures do; the negotiated procedure without notice and a direct
/// award do not; «other» does not say.
pub fn announced_by(procedure: Procedure) -> Option<bool> {
    match procedure {
        Procedure::Open | Procedure::Restricted | Procedure::CompetitiveNegotiation => Some(true),
        Procedure::NegotiatedWithoutNotice | Procedure::DirectAward => Some(false),
        Procedure::Other => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_back() {
        for lang in [Lang::Nb, Lang::En] {
            for k in KINDS {
                assert_eq!(parse_kind(kind_label(k, lang)), Ok(k));
            }
            for s in SUBJECTS {
                assert_eq!(parse_subject(subject_label(s, lang)), Ok(s));
            }
            for c in CHARACTERS {
                assert_eq!(parse_character(character_label(c, lang)), Ok(c));
            }
            for p in PROCEDURES {
                assert_eq!(parse_procedure(procedure_label(p, lang)), Ok(p));
            }
        }
    }

    #[test]
    fn common_spellings() {
        assert_eq!(parse_subject("Tjeneste"), Ok(Subject::Services));
        assert_eq!(parse_subject("Bygg- og anleggsarbeid"), Ok(Subject::Works));
        assert!(parse_subject("Varer og tjenester").is_err());
        assert!(parse_subject("Renhold").is_err());
        assert_eq!(
            parse_kind("Rammeavtale (RA)"),
            Ok(ContractKind::FrameworkAgreement)
        );
        assert_eq!(
            parse_procedure("Åpen anbudskonkurranse"),
            Ok(Procedure::Open)
        );
        assert_eq!(
            parse_procedure("Konkurranse med forhandling uten kunngjøring"),
            Ok(Procedure::NegotiatedWithoutNotice)
        );
        assert_eq!(parse_part("Del III"), Ok(Part::III));
    }
}
