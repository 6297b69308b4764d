//! The columns of a contract register: which facts a register holds, the headings Norwegian and
//! English registers give them, and how a heading row is recognised. `import` reads them,
//! `export` and `template` write them, so the three agree on one list.

use crate::text::Lang;

/// A fact a register column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Id,
    Title,
    ServiceArea,
    System,
    Authorities,
    AuthorityOrgNo,
    Supplier,
    SupplierOrgNo,
    Kind,
    /// A yes/no «Rammeavtale» column instead of a contract type.
    Framework,
    Subject,
    Character,
    Procedure,
    Announced,
    Notice,
    Signed,
    Part,
    Start,
    End,
    /// The end with every extension option: a cross-check of `end` and the options.
    EndWithOptions,
    Value,
    ValueIsEstimate,
    AnnualValue,
    Options,
    OptionsExercised,
    Termination,
    /// Whether the contract may be terminated on the merger (yes/no).
    TerminationOnMerger,
}

impl Field {
    /// Every field, in the order of an exported register.
    pub const ALL: [Field; 27] = [
        Field::Id,
        Field::Title,
        Field::Authorities,
        Field::AuthorityOrgNo,
        Field::Supplier,
        Field::SupplierOrgNo,
        Field::Kind,
        Field::Framework,
        Field::Subject,
        Field::Character,
        Field::ServiceArea,
        Field::System,
        Field::Procedure,
        Field::Announced,
        Field::Notice,
        Field::Signed,
        Field::Part,
        Field::Start,
        Field::End,
        Field::Options,
        Field::OptionsExercised,
        Field::EndWithOptions,
        Field::Value,
        Field::ValueIsEstimate,
        Field::AnnualValue,
        Field::Termination,
        Field::TerminationOnMerger,
    ];

    /// The name used in mapping files and messages.
    pub fn key(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Title => "title",
            Field::ServiceArea => "service_area",
            Field::System => "system",
            Field::Authorities => "authorities",
            Field::AuthorityOrgNo => "authority_org_no",
            Field::Supplier => "supplier",
            Field::SupplierOrgNo => "supplier_org_no",
            Field::Kind => "kind",
            Field::Framework => "framework_agreement",
            Field::Subject => "subject",
            Field::Character => "character",
            Field::Procedure => "procedure",
            Field::Announced => "announced",
            Field::Notice => "notice",
            Field::Signed => "signed",
            Field::Part => "part",
            Field::Start => "start",
            Field::End => "end",
            Field::EndWithOptions => "end_with_options",
            Field::Value => "value",
            Field::ValueIsEstimate => "value_is_estimate",
            Field::AnnualValue => "annual_value",
            Field::Options => "options",
            Field::OptionsExercised => "options_exercised",
            Field::Termination => "termination",
            Field::TerminationOnMerger => "termination_on_merger",
        }
    }

    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The heading `export` and `template` write (and `import` recognises).
    pub fn heading(self, lang: Lang) -> &'static str {
        let (nb, en) = match self {
            Field::Id => ("Avtale-ID", "Contract ID"),
            Field::Title => ("Avtalenavn", "Contract title"),
            Field::ServiceArea => ("Tjenesteområde", "Service area"),
            Field::System => ("System", "System"),
            Field::Authorities => ("Oppdragsgiver", "Contracting authority"),
            Field::AuthorityOrgNo => ("Oppdragsgivers org.nr.", "Authority org. no."),
            Field::Supplier => ("Leverandør", "Supplier"),
            Field::SupplierOrgNo => ("Leverandørens org.nr.", "Supplier org. no."),
            Field::Kind => ("Avtaletype", "Contract type"),
            Field::Framework => ("Rammeavtale (ja/nei)", "Framework agreement (yes/no)"),
            Field::Subject => ("Kategori", "Category"),
            Field::Character => ("Karakter", "Character"),
            Field::Procedure => ("Prosedyre", "Procedure"),
            Field::Announced => ("Kunngjort", "Announced"),
            Field::Notice => ("Kunngjøring (Doffin/TED)", "Notice (Doffin/TED)"),
            Field::Signed => ("Signert", "Signed"),
            Field::Part => ("FOA-del", "FOA part"),
            Field::Start => ("Oppstart", "Start date"),
            Field::End => ("Utløp", "End date"),
            Field::EndWithOptions => ("Utløp inkl. opsjoner", "End date incl. options"),
            Field::Value => ("Kontraktsverdi (eks. mva)", "Contract value (excl. VAT)"),
            Field::ValueIsEstimate => ("Verdien er estimat", "Value is an estimate"),
            Field::AnnualValue => ("Årlig verdi (eks. mva)", "Annual value (excl. VAT)"),
            Field::Options => ("Forlengelsesopsjoner", "Extension options"),
            Field::OptionsExercised => ("Opsjoner utløst", "Options exercised"),
            Field::Termination => ("Oppsigelse", "Termination"),
            Field::TerminationOnMerger => ("Oppsigelse ved sammenslåing", "Termination on merger"),
        };
        match lang {
            Lang::Nb => nb,
            Lang::En => en,
        }
    }

    /// What belongs in the column: the template's comment on the heading.
    pub fn guidance(self, lang: Lang) -> &'static str {
        let (nb, en) = match self {
            Field::Id => (
                "Avtalens nummer eller ID. Brukes som filnavn: bokstaver, tall, punktum, bindestrek. Uten ID lages en fra oppdragsgiver og avtalenavn.",
                "The contract's number or ID, used as the file name: letters, digits, dots, hyphens. Without one, an ID is made from the authority and the title.",
            ),
            Field::Title => ("Avtalens navn.", "The contract's title."),
            Field::ServiceArea => (
                "Tjenesteområdet, f.eks. Personal og lønn (for planleggingens prioritering).",
                "The service area, e.g. Payroll (for the planner's priorities).",
            ),
            Field::System => (
                "IT-systemet avtalen gjelder, f.eks. Personal- og lønnssystem.",
                "The IT system the contract covers, e.g. payroll system.",
            ),
            Field::Authorities => (
                "Oppdragsgiveren(e) som inngikk avtalen; flere skilles med komma. Kommunenavn fra merger.json.",
                "The contracting authorities that signed; separate several with commas. Municipality names from merger.json.",
            ),
            Field::AuthorityOrgNo => (
                "Oppdragsgivernes org.nr., i samme rekkefølge (valgfritt).",
                "The authorities' organisation numbers, in the same order (optional).",
            ),
            Field::Supplier => ("Leverandørens navn.", "The supplier's name."),
            Field::SupplierOrgNo => (
                "Leverandørens organisasjonsnummer, 9 siffer (mellomrom tillatt).",
                "The supplier's organisation number, 9 digits (spaces allowed).",
            ),
            Field::Kind => (
                "Kontrakt eller rammeavtale.",
                "Contract or framework agreement.",
            ),
            Field::Framework => (
                "Ja for rammeavtale, nei for kontrakt.",
                "Yes for a framework agreement, no for a contract.",
            ),
            Field::Subject => (
                "Varer, tjenester eller bygg og anlegg.",
                "Supplies, services or works.",
            ),
            Field::Character => (
                "Standard (hyllevare) eller kompleks leveranse.",
                "Standard (off the shelf) or complex delivery.",
            ),
            Field::Procedure => (
                "Anskaffelsesprosedyren, f.eks. åpen tilbudskonkurranse, konkurranse med forhandling, direkteanskaffelse.",
                "The award procedure, e.g. open, competitive negotiation, direct award.",
            ),
            Field::Announced => (
                "Ja hvis konkurransen ble kunngjort (Doffin/TED).",
                "Yes if the competition was announced (Doffin/TED).",
            ),
            Field::Notice => (
                "Kunngjøringens referanse i Doffin/TED.",
                "The notice reference in Doffin/TED.",
            ),
            Field::Signed => (
                "Datoen kontrakten ble signert (dd.mm.åååå).",
                "The date the contract was signed.",
            ),
            Field::Part => (
                "FOA-del ved tildeling (I, II eller III). Tom: beregnes fra verdi og terskelverdier. Påkrevd for avtaler signert før 2017.",
                "The FOA part at award (I, II or III). Empty: derived from the value and thresholds. Required for contracts signed before 2017.",
            ),
            Field::Start => ("Avtalens startdato.", "The contract's start date."),
            Field::End => (
                "Nåværende sluttdato, med opsjoner som allerede er utløst, uten de som gjenstår.",
                "The current end date: exercised options included, remaining ones not.",
            ),
            Field::EndWithOptions => (
                "Sluttdato om alle gjenstående opsjoner utløses (kontroll; beregnes ved eksport).",
                "The end if every remaining option is exercised (a cross-check; computed on export).",
            ),
            Field::Value => (
                "Kontraktsverdi for den opprinnelige perioden, eks. mva og uten opsjoner, i kroner (eller enheten i overskriften, f.eks. (MNOK)).",
                "The contract value over the original term, excl. VAT and options, in NOK (or the unit in the heading, e.g. (MNOK)).",
            ),
            Field::ValueIsEstimate => (
                "Ja hvis verdien er et estimat (vanlig for rammeavtaler).",
                "Yes if the value is an estimate (usual for framework agreements).",
            ),
            Field::AnnualValue => (
                "Verdi per år, eks. mva (valgfritt; brukes til å verdsette forlengelse).",
                "Value per year, excl. VAT (optional; values a term extension).",
            ),
            Field::Options => (
                "Alle forlengelsesopsjoner i rekkefølge, f.eks. 1+1 år, 2 x 12 mnd, 12 mnd, eller ingen.",
                "Every extension option in order, e.g. 1+1 years, 2 x 12 months, 12 months, or none.",
            ),
            Field::OptionsExercised => (
                "Hvor mange av opsjonene (de første) som allerede er utløst, f.eks. 1. Tom: ingen.",
                "How many of the options (the first ones) have been exercised, e.g. 1. Empty: none.",
            ),
            Field::Termination => (
                "Oppsigelsesrett uten grunn, med frist: f.eks. 6 mnd. Nei hvis avtalen ikke kan sies opp uten grunn; nei (6 mnd) hvis fristen likevel står i avtalen.",
                "Termination for convenience with its notice: e.g. 6 months. No if it cannot be terminated for convenience; no (6 months) if the contract still states a notice period.",
            ),
            Field::TerminationOnMerger => (
                "Ja hvis avtalen kan sies opp ved kommunesammenslåingen (egen klausul).",
                "Yes if the contract may be terminated on the merger (a clause of its own).",
            ),
        };
        match lang {
            Lang::Nb => nb,
            Lang::En => en,
        }
    }
}

/// What a heading is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recognised {
    Field(Field),
    /// A heading the import knows and refuses, with the reason (a value including VAT).
    Refused(&'static str),
}

/// A heading reduced for matching: lower case, punctuation as spaces, single spaces.
pub fn normalise(heading: &str) -> String {
    let lower = heading.to_lowercase();
    let spaced: String = lower
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How a heading is matched: the whole heading equals one of the words, or contains every part
/// of one of the groups.
enum Rule {
    Exact(&'static [&'static str]),
    Contains(&'static [&'static [&'static str]]),
}

/// The rules in order: the more specific first («Leverandørens org.nr.» before «Leverandør»,
/// «Utløp inkl. opsjoner» before «Utløp», «Kontraktsdato» before «Kontrakt»).
const RULES: &[(Rule, Recognised)] = &[
    (
        Rule::Contains(&[&["inkl", "mva"], &["incl", "vat"]]),
        Recognised::Refused(
            "a value including VAT: the register needs values excluding VAT (eks. mva)",
        ),
    ),
    (
        Rule::Contains(&[
            &["org", "oppdragsgiver"],
            &["org", "kommune"],
            &["org", "kunde"],
            &["org", "authorit"],
            &["org", "buyer"],
        ]),
        Recognised::Field(Field::AuthorityOrgNo),
    ),
    (
        Rule::Contains(&[
            &["org nr"],
            &["orgnr"],
            &["organisasjonsnummer"],
            &["org no"],
            &["organisation number"],
            &["organization number"],
        ]),
        Recognised::Field(Field::SupplierOrgNo),
    ),
    (
        Rule::Contains(&[
            &["inkl", "opsjon"],
            &["maks", "slutt"],
            &["maks", "utløp"],
            &["incl", "option"],
            &["with", "option"],
        ]),
        Recognised::Field(Field::EndWithOptions),
    ),
    (
        Rule::Contains(&[&["utløst"], &["exercised"]]),
        Recognised::Field(Field::OptionsExercised),
    ),
    (
        Rule::Contains(&[
            &["årlig", "verdi"],
            &["verdi", "per år"],
            &["årsverdi"],
            &["annual", "value"],
            &["value", "per year"],
        ]),
        Recognised::Field(Field::AnnualValue),
    ),
    (
        Rule::Exact(&[
            "estimat",
            "estimert",
            "anslag",
            "verdien er estimat",
            "verdi estimert",
            "value is an estimate",
            "estimate",
            "estimated",
        ]),
        Recognised::Field(Field::ValueIsEstimate),
    ),
    (
        Rule::Exact(&[
            "id",
            "avtale id",
            "avtaleid",
            "avtalenr",
            "avtalenummer",
            "avtale nr",
            "kontraktsnr",
            "kontraktsnummer",
            "kontrakt nr",
            "kontrakt id",
            "saksnr",
            "saksnummer",
            "referanse",
            "ref",
            "ref nr",
            "contract id",
            "contract no",
            "contract number",
            "agreement id",
            "agreement no",
            "reference",
        ]),
        Recognised::Field(Field::Id),
    ),
    (
        Rule::Contains(&[
            &["avtaletype"],
            &["kontraktstype"],
            &["type avtale"],
            &["contract type"],
            &["agreement type"],
        ]),
        Recognised::Field(Field::Kind),
    ),
    (
        Rule::Contains(&[&["rammeavtale"], &["framework"]]),
        Recognised::Field(Field::Framework),
    ),
    (
        Rule::Contains(&[
            &["kategori"],
            &["anskaffelsestype"],
            &["type anskaffelse"],
            &["varer", "tjenester"],
            &["bygg og anlegg"],
            &["category"],
            &["subject"],
        ]),
        Recognised::Field(Field::Subject),
    ),
    (
        Rule::Contains(&[
            &["karakter"],
            &["kompleksitet"],
            &["standard", "kompleks"],
            &["character"],
        ]),
        Recognised::Field(Field::Character),
    ),
    (
        Rule::Contains(&[&["prosedyre"], &["konkurranseform"], &["procedure"]]),
        Recognised::Field(Field::Procedure),
    ),
    (
        Rule::Contains(&[&["kunngjort"], &["announced"]]),
        Recognised::Field(Field::Announced),
    ),
    (
        Rule::Contains(&[&["oppsigelse", "sammensl"], &["termination", "merger"]]),
        Recognised::Field(Field::TerminationOnMerger),
    ),
    (
        Rule::Contains(&[&["oppsigelse"], &["termination"], &["notice period"]]),
        Recognised::Field(Field::Termination),
    ),
    (
        Rule::Contains(&[&["kunngjøring"], &["doffin"], &["notice ref"], &["ted ref"]]),
        Recognised::Field(Field::Notice),
    ),
    (
        Rule::Exact(&["ted", "notice"]),
        Recognised::Field(Field::Notice),
    ),
    (
        Rule::Contains(&[
            &["signert"],
            &["signering"],
            &["inngått"],
            &["kontraktsdato"],
            &["avtaledato"],
            &["tildel"],
            &["signed"],
            &["award date"],
        ]),
        Recognised::Field(Field::Signed),
    ),
    (
        Rule::Exact(&["del", "foa del", "foa", "part", "foa part", "regelverk"]),
        Recognised::Field(Field::Part),
    ),
    (
        Rule::Contains(&[
            &["oppstart"],
            &["start"],
            &["gyldig fra"],
            &["fra dato"],
            &["ikrafttredelse"],
        ]),
        Recognised::Field(Field::Start),
    ),
    (
        Rule::Contains(&[
            &["utløp"],
            &["slutt"],
            &["gyldig til"],
            &["til dato"],
            &["end date"],
            &["expir"],
        ]),
        Recognised::Field(Field::End),
    ),
    (
        Rule::Exact(&["end", "ends", "til", "fra"]),
        Recognised::Refused("too short to tell a start from an end: name it «Oppstart» or «Utløp»"),
    ),
    (
        Rule::Contains(&[&["opsjon"], &["forlengelse"], &["option"], &["extension"]]),
        Recognised::Field(Field::Options),
    ),
    (
        Rule::Contains(&[
            &["oppdragsgiver"],
            &["kommune"],
            &["virksomhet"],
            &["authorit"],
            &["buyer"],
            &["municipalit"],
        ]),
        Recognised::Field(Field::Authorities),
    ),
    (
        Rule::Contains(&[
            &["leverandør"],
            &["avtalepart"],
            &["motpart"],
            &["supplier"],
            &["vendor"],
            &["contractor"],
        ]),
        Recognised::Field(Field::Supplier),
    ),
    (
        Rule::Contains(&[
            &["tjenesteområde"],
            &["sektor"],
            &["fagområde"],
            &["område"],
            &["service area"],
        ]),
        Recognised::Field(Field::ServiceArea),
    ),
    (
        Rule::Contains(&[&["system"]]),
        Recognised::Field(Field::System),
    ),
    (
        Rule::Contains(&[&["verdi"], &["beløp"], &["value"], &["amount"]]),
        Recognised::Field(Field::Value),
    ),
    (
        Rule::Exact(&[
            "avtale",
            "avtaler",
            "kontrakt",
            "kontrakter",
            "avtale kontrakt",
            "contract",
            "agreement",
            "anskaffelse",
        ]),
        Recognised::Field(Field::Title),
    ),
    // Not «avtale» anywhere: «Avtaleansvarlig», «Avtalestatus», «Avtaleperiode» are other facts.
    (
        Rule::Contains(&[
            &["navn"],
            &["tittel"],
            &["title"],
            &["beskrivelse"],
            &["gjenstand"],
            &["name"],
        ]),
        Recognised::Field(Field::Title),
    ),
];

/// What a heading is read as, if anything.
pub fn recognise(heading: &str) -> Option<Recognised> {
    let h = normalise(heading);
    if h.is_empty() {
        return None;
    }
    RULES.iter().find_map(|(rule, what)| {
        let hit = match rule {
            Rule::Exact(words) => words.contains(&h.as_str()),
            Rule::Contains(groups) => groups.iter().any(|g| g.iter().all(|w| h.contains(w))),
        };
        hit.then_some(*what)
    })
}

/// The column letters of a zero-based index: 0 → A, 25 → Z, 26 → AA.
pub fn letters(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(char::from(b'A' + r as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// A cell in spreadsheet notation: `Avtaler!F12` (zero-based row and column).
pub fn cell_ref(sheet: &str, row: usize, col: usize) -> String {
    let quoted = if sheet.chars().all(|c| c.is_alphanumeric() || c == '_') {
        sheet.to_owned()
    } else {
        format!("'{}'", sheet.replace('\'', "''"))
    };
    format!("{quoted}!{}{}", letters(col), row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(h: &str) -> Option<Field> {
        match recognise(h) {
            Some(Recognised::Field(f)) => Some(f),
            _ => None,
        }
    }

    #[test]
    fn norwegian_and_english_headings() {
        assert_eq!(f("Avtalenavn"), Some(Field::Title));
        assert_eq!(f("Avtale"), Some(Field::Title));
        assert_eq!(f("Kontrakt"), Some(Field::Title));
        assert_eq!(f("Leverandør"), Some(Field::Supplier));
        assert_eq!(f("Org.nr."), Some(Field::SupplierOrgNo));
        assert_eq!(f("Leverandør org.nr"), Some(Field::SupplierOrgNo));
        assert_eq!(f("Oppdragsgivers org.nr."), Some(Field::AuthorityOrgNo));
        assert_eq!(f("Avtaletype"), Some(Field::Kind));
        assert_eq!(f("Rammeavtale"), Some(Field::Framework));
        assert_eq!(f("Kategori"), Some(Field::Subject));
        assert_eq!(f("Varer/tjenester/bygg og anlegg"), Some(Field::Subject));
        assert_eq!(f("Verdi"), Some(Field::Value));
        assert_eq!(f("Kontraktsverdi (eks. mva)"), Some(Field::Value));
        assert_eq!(f("Estimert verdi"), Some(Field::Value));
        assert_eq!(f("Årlig verdi"), Some(Field::AnnualValue));
        assert_eq!(f("Oppstart"), Some(Field::Start));
        assert_eq!(f("Startdato"), Some(Field::Start));
        assert_eq!(f("Utløp"), Some(Field::End));
        assert_eq!(f("Sluttdato"), Some(Field::End));
        assert_eq!(f("Utløp inkl. opsjoner"), Some(Field::EndWithOptions));
        assert_eq!(f("Forlengelse"), Some(Field::Options));
        assert_eq!(f("Opsjoner"), Some(Field::Options));
        assert_eq!(f("Opsjoner utløst"), Some(Field::OptionsExercised));
        assert_eq!(f("Oppsigelse"), Some(Field::Termination));
        assert_eq!(f("Oppdragsgiver"), Some(Field::Authorities));
        assert_eq!(f("Kommune"), Some(Field::Authorities));
        assert_eq!(f("System"), Some(Field::System));
        assert_eq!(f("Tjenesteområde"), Some(Field::ServiceArea));
        assert_eq!(f("Kontraktsdato"), Some(Field::Signed));
        assert_eq!(f("Avtalenr."), Some(Field::Id));
        assert_eq!(f("Contract title"), Some(Field::Title));
        assert_eq!(f("Supplier org. no."), Some(Field::SupplierOrgNo));
        assert_eq!(f("Contract value (excl. VAT)"), Some(Field::Value));
        assert_eq!(f("End date incl. options"), Some(Field::EndWithOptions));
        assert_eq!(f("Kommentar"), None);
        assert_eq!(f("Avtaleansvarlig"), None);
        assert_eq!(f("Avtalestatus"), None);
        assert_eq!(f("Avtalepart"), Some(Field::Supplier));
        assert_eq!(f("Navn på avtale"), Some(Field::Title));
        assert!(matches!(
            recognise("Verdi inkl. mva"),
            Some(Recognised::Refused(_))
        ));
    }

    #[test]
    fn every_written_heading_reads_back_as_its_field() {
        for field in Field::ALL {
            for lang in [Lang::Nb, Lang::En] {
                assert_eq!(
                    f(field.heading(lang)),
                    Some(field),
                    "{}",
                    field.heading(lang)
                );
            }
        }
    }

    #[test]
    fn cell_references() {
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
        assert_eq!(cell_ref("Avtaler", 11, 5), "Avtaler!F12");
        assert_eq!(cell_ref("Mine avtaler", 0, 0), "'Mine avtaler'!A1");
    }
}
