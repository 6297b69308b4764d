//! The data of one memo: every fact, figure and sentence the template prints, pre-formatted
//! in Rust (amounts, dates, percentages) so the template only lays out strings.
//!
//! User text (titles, descriptions, clause texts, names) is copied into this struct as plain
//! strings and reaches Typst only as JSON data, never as markup: a title such as
//! `#read("/etc/passwd")` prints literally.

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use super::labels::{self, tr};
use crate::analysis::headroom::Headroom;
use crate::assessment::{Assessment, Element, Figures, Outcome, Recommendation, TestResult};
use crate::law::labels as law_labels;
use crate::model::{
    AuthorityRef, Contract, ContractKind, Merger, OptionKind, Part, ProposedChange,
};
use crate::plan::calendar::{DateKind, earliest_after_period, next_working_day};
use crate::plan::{Action, ActionKind, ContractPlan, Warning as PlanWarning};
use crate::text::{Lang, Text, date_long, date_short, nok, number, percent, share};

/// A label and its value: one line of a facts table.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Row {
    pub label: String,
    pub value: String,
}

/// One line of the calculations table.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CalcRow {
    pub label: String,
    pub value: String,
    pub note: String,
}

/// An option of the contract.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct OptionRow {
    pub id: String,
    pub kind: String,
    pub scope: String,
    pub value: String,
    pub status: String,
}

/// A change clause, quoted.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ClauseRow {
    pub id: String,
    pub text: String,
    pub details: String,
}

/// An earlier modification.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ModificationRow {
    pub date: String,
    pub description: String,
    pub value_change: String,
    pub ground: String,
}

/// A provision of the legal framework, quoted briefly.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Provision {
    pub cite: String,
    pub quote: String,
}

/// One legal test and why it came out as it did.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TestSection {
    pub title: String,
    pub provision: String,
    pub outcome: String,
    /// `pass`, `fail`, `uncertain` or `not_applicable`, for colour.
    pub outcome_code: &'static str,
    pub basis: String,
    pub covers: String,
    pub reasons: Vec<String>,
}

/// How each element of the change is covered.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ElementRow {
    pub element: String,
    pub covered_by: String,
    pub basis: String,
    pub covered: bool,
}

/// One dated action from the procurement plan.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DeadlineRow {
    pub date: String,
    pub what: String,
    pub basis: String,
    /// A latest date already passed.
    pub past: bool,
}

/// Everything the memo template prints.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct MemoData {
    pub lang: Lang,
    pub to: String,
    pub date: String,
    pub subject: String,
    pub reference: String,
    pub recommendation: String,
    pub recommendation_code: &'static str,
    /// The recommendation in one sentence, for the box on page 1 (the full reasoning is in
    /// `conclusion`, so the memo does not print the same sentences twice).
    pub summary: String,
    pub conclusion: String,
    pub contract_facts: Vec<Row>,
    pub options: Vec<OptionRow>,
    pub clauses: Vec<ClauseRow>,
    pub modifications: Vec<ModificationRow>,
    /// The change named for the heading block (its id and date); the description is printed
    /// once, under «Den foreslåtte endringen».
    pub change_heading: String,
    pub change_description: String,
    pub change_facts: Vec<Row>,
    pub framework: Vec<Provision>,
    pub tests: Vec<TestSection>,
    /// Why no ground was considered: the contract had ended before the change's date
    /// (legal-rules.md § 3); `None` for a contract in force.
    pub ended: Option<String>,
    pub elements: Vec<ElementRow>,
    pub calculations: Vec<CalcRow>,
    /// The contract's headroom on the change's date, in a few sentences.
    pub headroom: Vec<String>,
    pub warnings: Vec<String>,
    pub next_steps: Vec<String>,
    /// The contract's dated actions from the procurement plan.
    pub deadlines: Vec<DeadlineRow>,
    pub sanctions: Vec<String>,
    pub fingerprint: String,
}

/// What the memo is built from.
#[derive(Debug, Clone, Copy)]
pub struct MemoInput<'a> {
    pub assessment: &'a Assessment,
    pub contract: &'a Contract,
    pub merger: Option<&'a Merger>,
    pub lang: Lang,
    /// The memo's date (`--date`): also the example publication date of an intention notice.
    pub date: NaiveDate,
    /// The portfolio fingerprint (see `crate::fingerprint`).
    pub fingerprint: &'a str,
    /// The contract's plan (`crate::plan`): its dated actions, when planned.
    pub plan: Option<&'a ContractPlan>,
    /// The planner's warnings for this contract.
    pub plan_warnings: &'a [&'a PlanWarning],
    /// How far the contract could stretch on the change's date (`analysis::headroom`).
    pub headroom: Option<&'a Headroom>,
}

fn row(label: String, value: String) -> Row {
    Row { label, value }
}

impl MemoData {
    /// Builds the memo for one assessed change.
    pub fn build(input: &MemoInput<'_>) -> Self {
        let a = input.assessment;
        let c = input.contract;
        let lang = input.lang;
        let change = c.proposed_changes.iter().find(|p| p.id == a.change);
        Self {
            lang,
            to: recipient(input.merger, lang),
            date: date_long(input.date, lang),
            subject: c.title.clone(),
            reference: format!("{} / {}", c.id, a.change),
            recommendation: labels::recommendation(a.recommendation, lang),
            recommendation_code: labels::recommendation_code(a.recommendation),
            summary: summary(a, lang),
            conclusion: a.conclusion.get(lang).to_owned(),
            contract_facts: contract_facts(c, a.part, input.merger, lang),
            options: options(c, lang),
            clauses: clauses(c, lang),
            modifications: modifications(c, lang),
            change_heading: change_heading(a, lang),
            change_description: change_description(a, change, lang),
            change_facts: change_facts(a, c, change, input.merger, lang),
            framework: framework(a, c, input.merger, lang),
            tests: a.tests.iter().map(|t| test_section(t, lang)).collect(),
            ended: ended(a, lang),
            elements: elements(a, lang),
            calculations: calculations(a, c, lang),
            headroom: input
                .headroom
                .filter(|h| h.contract_ended.is_none())
                .map(|h| headroom_sentences(h, lang))
                .unwrap_or_default(),
            warnings: a
                .warnings
                .iter()
                .chain(input.plan_warnings.iter().map(|w| &w.text))
                .map(|w| w.get(lang).to_owned())
                .collect(),
            next_steps: next_steps(input),
            deadlines: deadlines(input),
            sanctions: sanctions(lang),
            fingerprint: input.fingerprint.to_owned(),
        }
    }
}

/// The recommendation in one sentence, with the grounds relied on.
fn summary(a: &Assessment, lang: Lang) -> String {
    let names: Vec<Text> = a.grounds.iter().map(|g| law_labels::ground(*g)).collect();
    let grounds = law_labels::join(&names);
    let grounds = grounds.get(lang);
    let basis = if grounds.is_empty() {
        String::new()
    } else {
        format!(" ({}: {grounds})", tr(lang, "grunnlag", "grounds"))
    };
    let notice = if a.modification_notice {
        tr(
            lang,
            "; i tillegg skal det publiseres en kunngjøring om endring (§ 28-1 (3))",
            "; a modification notice must also be published (§ 28-1 (3))",
        )
    } else {
        String::new()
    };
    let sentence = match a.recommendation {
        Recommendation::Continue if a.implicit => tr(
            lang,
            "Kontrakten kan videreføres av den sammenslåtte kommunen uten ny konkurranse (kontinuitetsprinsippet)",
            "The merged municipality may continue the contract without a new competition (continuity principle)",
        ),
        Recommendation::Continue => tr(
            lang,
            format!("Endringen kan avtales uten ny konkurranse{basis}{notice}"),
            format!("The change may be agreed without a new competition{basis}{notice}"),
        ),
        Recommendation::IntentionNotice => tr(
            lang,
            format!(
                "Endringen kan trolig avtales uten ny konkurranse{basis}, men først etter en intensjonskunngjøring og ti dagers karensperiode{notice}"
            ),
            format!(
                "The change can probably be agreed without a new competition{basis}, but only after an intention notice and a ten-day standstill{notice}"
            ),
        ),
        Recommendation::Retender => match a.contract_ended {
            Some(end) => tr(
                lang,
                format!(
                    "Kontrakten utløp {}, så endringen kan ikke avtales; behovet må dekkes gjennom en ny anskaffelse",
                    date_long(end, lang)
                ),
                format!(
                    "The contract ended on {}, so the change cannot be agreed; the need must be met through a new procurement",
                    date_long(end, lang)
                ),
            ),
            None => tr(
                lang,
                "Endringen kan ikke avtales uten ny konkurranse; behovet må dekkes gjennom en ny anskaffelse",
                "The change may not be agreed without a new competition; the need must be met through a new procurement",
            ),
        },
    };
    sentence + "."
}

fn recipient(merger: Option<&Merger>, lang: Lang) -> String {
    match merger {
        Some(m) => tr(
            lang,
            format!("{}, innkjøpsteamet", m.name),
            format!("{}, procurement team", m.name),
        ),
        None => tr(lang, "Innkjøpsteamet", "Procurement team"),
    }
}

fn party(name: &str, org_no: Option<&str>, lang: Lang) -> String {
    match org_no {
        Some(no) => tr(
            lang,
            format!("{name} (org.nr. {no})"),
            format!("{name} (org. no. {no})"),
        ),
        None => name.to_owned(),
    }
}

fn authority_name(a: &AuthorityRef, merger: Option<&Merger>, lang: Lang) -> String {
    match a {
        AuthorityRef::Municipality(id) => merger
            .and_then(|m| m.municipality(id))
            .map_or_else(|| id.clone(), |m| party(&m.name, m.org_no.as_deref(), lang)),
        AuthorityRef::External(p) => party(&p.name, p.org_no.as_deref(), lang),
    }
}

/// The contract's facts as the memo prints them (also the web workspace's contract page).
pub fn contract_facts(c: &Contract, part: Part, merger: Option<&Merger>, lang: Lang) -> Vec<Row> {
    let authorities: Vec<String> = c
        .authorities
        .iter()
        .map(|a| authority_name(a, merger, lang))
        .collect();
    let mut rows = vec![
        row(
            tr(lang, "Kontrakt", "Contract"),
            format!("{} ({})", c.title, c.id),
        ),
        row(
            tr(lang, "Type", "Kind"),
            format!(
                "{}, {}",
                labels::contract_kind(c.kind, lang),
                labels::subject(c.subject, lang)
            ),
        ),
        row(
            tr(lang, "Oppdragsgivere", "Contracting authorities"),
            authorities.join("; "),
        ),
        row(
            tr(lang, "Leverandør", "Supplier"),
            party(&c.supplier.name, c.supplier.org_no.as_deref(), lang),
        ),
        row(tr(lang, "Tildeling", "Award"), award(c, lang)),
        row(
            tr(lang, "Forskriftens del", "Part of the regulation"),
            tr(
                lang,
                format!(
                    "del {} (FOA §§ 5-1 og 5-4: verdi inkl. opsjoner ved tildeling)",
                    labels::part(part)
                ),
                format!(
                    "part {} (FOA §§ 5-1 and 5-4: value incl. options at award)",
                    labels::part(part)
                ),
            ),
        ),
        row(tr(lang, "Løpetid", "Term"), term(c, lang)),
        row(tr(lang, "Kontraktsverdi", "Contract value"), value(c, lang)),
    ];
    if let Some(p) = &c.price_index {
        rows.push(row(
            tr(lang, "Prisindeks", "Price index"),
            tr(
                lang,
                format!(
                    "{}; justert verdi {} per {}",
                    p.index,
                    nok(p.adjusted_value, lang),
                    date_long(p.as_of, lang)
                ),
                format!(
                    "{}; adjusted value {} as of {}",
                    p.index,
                    nok(p.adjusted_value, lang),
                    date_long(p.as_of, lang)
                ),
            ),
        ));
    }
    if let Some(t) = &c.termination {
        rows.push(row(
            tr(lang, "Oppsigelse", "Termination"),
            termination(t, lang),
        ));
    }
    for (label, v) in [
        (tr(lang, "Tjenesteområde", "Service area"), &c.service_area),
        (tr(lang, "System", "System"), &c.system),
    ] {
        if let Some(v) = v {
            rows.push(row(label, v.clone()));
        }
    }
    rows
}

fn award(c: &Contract, lang: Lang) -> String {
    let announced = if c.award.announced {
        tr(lang, "kunngjort", "advertised")
    } else {
        tr(lang, "ikke kunngjort", "not advertised")
    };
    let notice = c
        .award
        .notice
        .as_ref()
        .map(|n| tr(lang, format!(", kunngjøring {n}"), format!(", notice {n}")))
        .unwrap_or_default();
    format!(
        "{} ({announced}{notice}); {} {}",
        labels::procedure(c.award.procedure, lang),
        tr(lang, "signert", "signed"),
        date_long(c.award.signed, lang)
    )
}

fn term(c: &Contract, lang: Lang) -> String {
    let (start, end) = (date_long(c.start, lang), date_long(c.end, lang));
    let with_options = c.end_with_options();
    let mut s = tr(lang, format!("{start} – {end}"), format!("{start} – {end}"));
    if c.original_end() != c.end {
        s.push_str(&tr(
            lang,
            format!(
                " (opprinnelig til {}; forlengelsesopsjon utløst)",
                date_long(c.original_end(), lang)
            ),
            format!(
                " (originally to {}; extension option exercised)",
                date_long(c.original_end(), lang)
            ),
        ));
    }
    if with_options != c.end {
        s.push_str(&tr(
            lang,
            format!(
                "; med gjenstående opsjoner til {}",
                date_long(with_options, lang)
            ),
            format!(
                "; with the remaining options to {}",
                date_long(with_options, lang)
            ),
        ));
    }
    s
}

fn value(c: &Contract, lang: Lang) -> String {
    let mut s = nok(c.value, lang);
    if c.value_is_estimate {
        s.push_str(&tr(lang, " (anslag)", " (estimate)"));
    }
    if let Some(annual) = c.annual_value {
        s.push_str(&tr(
            lang,
            format!("; årlig verdi {}", nok(annual, lang)),
            format!("; annual value {}", nok(annual, lang)),
        ));
    }
    s.push_str(&tr(
        lang,
        format!(
            "; inkl. opsjoner {}",
            nok(c.value_including_options(), lang)
        ),
        format!("; incl. options {}", nok(c.value_including_options(), lang)),
    ));
    s.push_str(&tr(lang, " (ekskl. mva.)", " (excl. VAT)"));
    s
}

fn termination(t: &crate::model::Termination, lang: Lang) -> String {
    let m = t.notice_months;
    let mut parts = vec![tr(
        lang,
        format!("{m} måneders varsel"),
        format!("{m} months' notice"),
    )];
    if t.for_convenience {
        parts.push(tr(lang, "uten saklig grunn", "for convenience"));
    }
    if t.on_merger {
        parts.push(tr(lang, "ved kommunesammenslåing", "on a municipal merger"));
    }
    if !t.for_convenience && !t.on_merger {
        parts.push(tr(
            lang,
            "ingen oppsigelsesrett før utløp",
            "no right to terminate before expiry",
        ));
    }
    parts.join(", ")
}

/// The contract's options as the memo prints them.
pub fn options(c: &Contract, lang: Lang) -> Vec<OptionRow> {
    c.options
        .iter()
        .map(|o| {
            let (scope, status) = match o.kind {
                OptionKind::Extension => (
                    tr(
                        lang,
                        format!("{} måneder", o.months.unwrap_or_default()),
                        format!("{} months", o.months.unwrap_or_default()),
                    ),
                    if o.exercised {
                        tr(lang, "utløst", "exercised")
                    } else {
                        tr(lang, "ikke utløst", "not exercised")
                    },
                ),
                OptionKind::Volume => {
                    let unit = o.unit.clone().unwrap_or_default();
                    let q = o.quantity.unwrap_or_default();
                    let desc = o.description.clone().unwrap_or_default();
                    (
                        format!("{desc}: {} {unit}", number(q, lang)),
                        tr(
                            lang,
                            format!(
                                "{} {unit} brukt, {} igjen",
                                number(o.exercised_quantity, lang),
                                number(o.remaining_quantity(), lang)
                            ),
                            format!(
                                "{} {unit} used, {} left",
                                number(o.exercised_quantity, lang),
                                number(o.remaining_quantity(), lang)
                            ),
                        ),
                    )
                }
            };
            OptionRow {
                id: o.id.clone(),
                kind: labels::option_kind(o.kind, lang),
                scope,
                value: o.value.map(|v| nok(v, lang)).unwrap_or_else(|| "–".into()),
                status,
            }
        })
        .collect()
}

/// The contract's change clauses, quoted, as the memo prints them.
pub fn clauses(c: &Contract, lang: Lang) -> Vec<ClauseRow> {
    c.change_clauses
        .iter()
        .map(|cl| {
            let covers: Vec<String> = cl
                .covers
                .iter()
                .map(|x| labels::clause_cover(*x, lang))
                .collect();
            let max = cl
                .max_value
                .map(|v| format!("; {} {}", tr(lang, "inntil", "up to"), nok(v, lang)))
                .unwrap_or_default();
            let clear = if cl.clear_precise_unequivocal {
                tr(
                    lang,
                    "klar, presis og entydig",
                    "clear, precise and unequivocal",
                )
            } else {
                tr(
                    lang,
                    "ikke klar, presis og entydig (§ 19-1 (2))",
                    "not clear, precise and unequivocal (§ 19-1 (2))",
                )
            };
            ClauseRow {
                id: cl.id.clone(),
                text: cl.text.clone(),
                details: tr(
                    lang,
                    format!("Gjelder {}{max}; {clear}.", covers.join(", ")),
                    format!("Covers {}{max}; {clear}.", covers.join(", ")),
                ),
            }
        })
        .collect()
}

/// The contract's earlier modifications as the memo prints them.
pub fn modifications(c: &Contract, lang: Lang) -> Vec<ModificationRow> {
    c.modifications
        .iter()
        .map(|m| ModificationRow {
            date: date_short(m.date, lang),
            description: m.description.clone(),
            value_change: nok(m.value_change, lang),
            ground: match &m.clause {
                Some(id) => format!("{} ({id})", labels::modification_ground(m.ground, lang)),
                None => labels::modification_ground(m.ground, lang),
            },
        })
        .collect()
}

fn change_heading(a: &Assessment, lang: Lang) -> String {
    let date = date_long(a.date, lang);
    if a.implicit {
        tr(
            lang,
            format!("Overdragelse til den sammenslåtte kommunen {date}"),
            format!("Transfer to the merged municipality on {date}"),
        )
    } else {
        let id = &a.change;
        tr(
            lang,
            format!("Endring «{id}», som skal avtales {date}"),
            format!("Change “{id}”, to be agreed on {date}"),
        )
    }
}

fn change_description(a: &Assessment, change: Option<&ProposedChange>, lang: Lang) -> String {
    match change {
        Some(p) => p.description.clone(),
        None if a.implicit => tr(
            lang,
            "Overdragelse til den sammenslåtte kommunen: kontrakten videreføres uendret av den nye oppdragsgiveren.",
            "Transfer to the merged municipality: the contract continues unchanged with the new contracting authority.",
        ),
        None => a.change.clone(),
    }
}

fn change_facts(
    a: &Assessment,
    c: &Contract,
    change: Option<&ProposedChange>,
    merger: Option<&Merger>,
    lang: Lang,
) -> Vec<Row> {
    let mut rows = vec![row(
        tr(lang, "Endringen avtales", "To be agreed on"),
        date_long(a.date, lang),
    )];
    if let Some(m) = merger {
        rows.push(row(
            tr(lang, "Sammenslåingen", "The merger"),
            format!(
                "{} {} {} ({} {})",
                m.name,
                tr(lang, "fra", "from"),
                date_long(m.effective, lang),
                tr(lang, "vedtatt", "decided"),
                date_long(m.decided, lang)
            ),
        ));
    }
    if let Some(p) = change {
        rows.extend(terms_rows(p, c, merger, lang));
        rows.extend(grounds_rows(p, lang));
    }
    let markers: Vec<String> = a
        .elements
        .iter()
        .map(|e| labels::element(e.element, lang))
        .collect();
    if !markers.is_empty() {
        rows.push(row(
            tr(lang, "Endringens elementer", "Elements of the change"),
            markers.join("; "),
        ));
    }
    rows
}

/// What the change alters: price, end date, authorities.
fn terms_rows(p: &ProposedChange, c: &Contract, merger: Option<&Merger>, lang: Lang) -> Vec<Row> {
    let mut rows = Vec::new();
    if !p.value_change.is_zero() {
        rows.push(row(
            tr(lang, "Prisendring", "Price change"),
            nok(p.value_change, lang),
        ));
    }
    if let Some(days) = p.postponement_days(c) {
        let start = p.start_after(c);
        rows.push(row(
            tr(lang, "Utsatt oppstart", "Postponed start"),
            format!(
                "{} ({} {}; {} {})",
                date_long(start, lang),
                tr(lang, "i dag", "now"),
                date_long(c.start, lang),
                number(days.into(), lang),
                tr(lang, "dager senere", "days later")
            ),
        ));
        if p.new_end.is_none() {
            rows.push(row(
                tr(
                    lang,
                    "Sluttdato etter utsettelsen",
                    "End after the postponement",
                ),
                format!(
                    "{} ({})",
                    date_long(p.end_after_postponement(c), lang),
                    tr(lang, "samme lengde", "same length")
                ),
            ));
        }
    }
    if let Some(end) = p.new_end {
        rows.push(row(
            tr(lang, "Ny sluttdato", "New end date"),
            format!(
                "{} ({} {})",
                date_long(end, lang),
                tr(lang, "i dag", "now"),
                date_long(c.end, lang)
            ),
        ));
    }
    if !p.add_authorities.is_empty() {
        let names: Vec<String> = p
            .add_authorities
            .iter()
            .map(|a| authority_name(a, merger, lang))
            .collect();
        rows.push(row(
            tr(lang, "Nye oppdragsgivere", "Joining authorities"),
            names.join("; "),
        ));
    }
    rows
}

/// «what: ja» / «what: yes».
fn yes_no_fact(nb: &str, en: &str, value: bool, lang: Lang) -> String {
    format!("{}: {}", tr(lang, nb, en), labels::yes_no(value, lang))
}

/// The facts the change relies on: an option, a clause, a new supplier, additional deliveries,
/// an unforeseen circumstance.
fn grounds_rows(p: &ProposedChange, lang: Lang) -> Vec<Row> {
    let mut rows = Vec::new();
    if let Some(o) = &p.exercise_option {
        let q = o
            .quantity
            .map(|q| format!(", {}", number(q, lang)))
            .unwrap_or_default();
        rows.push(row(tr(lang, "Opsjon", "Option"), format!("{}{q}", o.id)));
    }
    if let Some(cl) = &p.under_clause {
        rows.push(row(
            tr(lang, "Endringsklausul", "Change clause"),
            cl.clone(),
        ));
    }
    if let Some(s) = &p.new_supplier {
        rows.push(row(
            tr(lang, "Ny leverandør", "New supplier"),
            format!(
                "{} — {}: {}; {}",
                party(&s.name, s.org_no.as_deref(), lang),
                tr(lang, "årsak", "cause"),
                labels::succession_cause(s.cause, lang),
                yes_no_fact(
                    "oppfyller de opprinnelige kvalifikasjonskravene",
                    "meets the original qualification requirements",
                    s.meets_original_qualifications,
                    lang
                ),
            ),
        ));
    }
    if let Some(d) = &p.additional_deliveries {
        rows.push(row(
            tr(lang, "Tilleggsleveranser", "Additional deliveries"),
            format!(
                "{} ({}; {})",
                d.reason,
                yes_no_fact(
                    "skifte av leverandør umulig",
                    "change of supplier impossible",
                    d.change_of_supplier_impossible,
                    lang
                ),
                yes_no_fact(
                    "betydelige ulemper eller kostnader",
                    "significant inconvenience or cost",
                    d.significant_inconvenience_or_cost,
                    lang
                ),
            ),
        ));
    }
    if let Some(u) = &p.unforeseen {
        let arose = u
            .arose
            .map(|d| format!(" ({})", date_long(d, lang)))
            .unwrap_or_default();
        rows.push(row(
            tr(lang, "Uforutsett omstendighet", "Unforeseen circumstance"),
            format!("{}{arose}", u.circumstance),
        ));
    }
    rows
}

fn provision(cite: &str, lang: Lang, nb: &str, en: &str) -> Provision {
    // Citations are the same in both languages except for the conjunction.
    let cite = match lang {
        Lang::Nb => cite.to_owned(),
        Lang::En => cite.replace(" og ", " and "),
    };
    Provision {
        cite,
        quote: tr(lang, nb, en),
    }
}

/// The provisions applied, each quoted briefly (consolidated Lovdata text; English is our
/// unofficial rendering).
fn framework(a: &Assessment, c: &Contract, merger: Option<&Merger>, lang: Lang) -> Vec<Provision> {
    let mut out = Vec::new();
    if a.part != Part::III {
        out.push(provision(
            "FOA § 11-2",
            lang,
            "«Oppdragsgiveren kan foreta endringer som ikke er vesentlige i en kontrakt uten å gjennomføre en ny konkurranse etter forskriften. En endring er vesentlig dersom den fører til at innholdet i kontrakten blir vesentlig forskjellig fra den opprinnelige kontrakten.» Del II har ingen oppregnede unntak og ingen plikt til å kunngjøre endringer; rommet for endringer er noe større enn i del III (veilederen kap. 14.2).",
            "“The contracting authority may make changes that are not substantial without a new competition. A change is substantial if it makes the contract materially different from the original contract.” Part II lists no safe harbours and has no duty to publish a modification notice; the room for changes is somewhat larger than in part III (ministry guide ch. 14.2).",
        ));
    }
    out.push(provision(
        "FOA § 28-1 (1)",
        lang,
        "«Oppdragsgiveren kan foreta følgende endringer i en kontrakt uten å gjennomføre en ny konkurranse»: a) etter en endringsklausul, b) en prisøkning som er «lavere enn» terskelverdien i § 5-3 og 10 % (varer og tjenester) eller 15 % (bygg og anlegg) av den opprinnelige kontraktsverdien, beregnet samlet for flere endringer, c) nødvendige tilleggsleveranser når skifte av leverandør ikke kan skje, og prisøkningen «ikke overstiger 50 prosent», d) endringer nødvendige som følge av omstendigheter «en aktsom oppdragsgiver ikke kunne forutse», innenfor den samme 50 %-grensen, e) skifte av leverandør ved omstrukturering, f) endringer som ikke er vesentlige, jf. § 28-2.",
        "“The contracting authority may make the following changes to a contract without a new competition”: (a) under a change clause; (b) a price increase “lower than” the § 5-3 threshold and 10% (supplies and services) or 15% (works) of the initial contract value, counted cumulatively; (c) necessary additional deliveries where a change of supplier cannot be made, the increase “not exceeding 50 per cent”; (d) changes made necessary by circumstances “a diligent contracting authority could not foresee”, within the same 50% limit; (e) a change of supplier through restructuring; (f) changes that are not substantial, cf. § 28-2.",
    ));
    if c.price_index.is_some() {
        out.push(provision(
            "FOA § 28-1 (2)",
            lang,
            "«Dersom kontrakten inneholder en prisindeksklausul, skal prisøkningen … beregnes med utgangspunkt i den justerte prisen.»",
            "“Where the contract contains a price-index clause, the price increase … shall be calculated on the basis of the adjusted price.”",
        ));
    }
    out.push(provision(
        "FOA § 28-1 (3)",
        lang,
        "«Oppdragsgiveren skal kunngjøre endringer som nevnt i første ledd bokstav c og d etter § 21-1.»",
        "“The contracting authority shall publish changes under (1) (c) and (d) in accordance with § 21-1.”",
    ));
    out.push(provision(
        "FOA § 28-2",
        lang,
        "«En endring er alltid vesentlig dersom den a. gjelder nye betingelser som … ville ha ført til at andre leverandører potensielt kunne ha deltatt …, b. endrer kontraktens økonomiske balanse til fordel for leverandøren, c. utvider kontraktens omfang betydelig eller d. gjelder skifte av leverandøren i andre tilfeller enn dem som er nevnt i § 28-1 første ledd bokstav e.»",
        "“A change is always substantial if it (a) introduces conditions which, had they been part of the original procedure, would have allowed other suppliers to take part …, (b) changes the economic balance in the supplier's favour, (c) extends the scope considerably, or (d) replaces the supplier other than under § 28-1 (1) (e).”",
    ));
    out.push(provision(
        "FOA § 19-1 (2)",
        lang,
        "Endringsklausuler, for eksempel prisindeksklausuler eller opsjoner, skal angis i anskaffelsesdokumentene, «og det skal fremgå klart hvilke endringer oppdragsgiveren kan foreta, i hvilket omfang og på hvilke vilkår». De kan ikke åpne for at anskaffelsens overordnede karakter endres.",
        "Change clauses, such as price-index clauses or options, must be stated in the procurement documents, “clearly setting out which changes may be made, their scope and conditions”. They cannot allow the overall nature of the procurement to change.",
    ));
    if c.kind == ContractKind::FrameworkAgreement {
        out.push(provision(
            "FOA § 26-1 (3) og (4)",
            lang,
            "«Bare de oppdragsgiverne som er klart identifisert i kunngjøringen … kan tildele kontrakter under rammeavtalen.» Rammeavtaler kan ikke inngås «for mer enn fire år, med mindre det foreligger særlige forhold» (tilsvarende § 11-1 (4) i del II; se også C-216/17 Coopservice).",
            "“Only the contracting authorities clearly identified in the notice … may award contracts under the framework agreement.” Framework agreements may not run “for more than four years, save in special circumstances” (likewise § 11-1 (4) in part II; see also C-216/17 Coopservice).",
        ));
    }
    if merger.is_some() {
        out.push(provision(
            match lang {
            Lang::Nb => "KMD 2018 (kontinuitetsprinsippet)",
            Lang::En => "KMD 2018 (continuity principle)",
        },
            lang,
            "Departementet (brev til KS-advokatene, 2018) legger til grunn et ulovfestet kontinuitetsprinsipp: de sammenslåtte kommunenes kontrakter går over til den nye kommunen uten leverandørens samtykke, og §§ 28-1 (1) e og 28-2 d gjelder analogisk for omstrukturering på oppdragsgiversiden. Departementet påpeker selv at rettstilstanden er usikker. Å legge andre kommuners behov til kontrakten er en volumendring som må vurderes for seg.",
            "The ministry (letter to KS-advokatene, 2018) holds that an unwritten continuity principle applies: the merging municipalities' contracts pass to the new municipality without the supplier's consent, and §§ 28-1 (1) (e) and 28-2 (d) apply by analogy to restructuring on the buyer side. The ministry itself notes legal uncertainty. Adding other municipalities' needs to a contract is a change of volume that must be assessed on its own.",
        ));
    }
    out
}

fn test_section(t: &TestResult, lang: Lang) -> TestSection {
    let covers: Vec<String> = t.covers.iter().map(|e| labels::element(*e, lang)).collect();
    TestSection {
        title: labels::ground(t.test, lang),
        provision: labels::provision(t.provision, lang),
        outcome: labels::outcome(t.outcome, lang),
        outcome_code: labels::outcome_code(t.outcome),
        basis: labels::basis(t.basis, lang),
        covers: covers.join("; "),
        reasons: t.reasons.iter().map(|r| r.get(lang).to_owned()).collect(),
    }
}

/// For a change dated after the contract's end: why no ground was considered.
fn ended(a: &Assessment, lang: Lang) -> Option<String> {
    let end = a.contract_ended?;
    Some(tr(
        lang,
        format!(
            "Reglene om endringer i FOA § 28-1 og direktivet art. 72 gjelder endringer i en kontrakt som løper. Endringen skal avtales {}, men kontrakten utløp {} (gjeldende løpetid, utløste opsjoner medregnet). Det finnes ingen kontrakt å endre, og ingen endringsgrunnlag er derfor vurdert: å avtale leveransene nå er å inngå en ny kontrakt.",
            date_long(a.date, lang),
            date_long(end, lang)
        ),
        format!(
            "The rules on modifications in FOA § 28-1 and art. 72 of the directive concern changes to a contract in force. The change is to be agreed on {}, but the contract ended on {} (its current term, exercised options included). There is no contract left to change, so no ground for modification is considered: agreeing the deliveries now is concluding a new contract.",
            date_long(a.date, lang),
            date_long(end, lang)
        ),
    ))
}

fn elements(a: &Assessment, lang: Lang) -> Vec<ElementRow> {
    a.elements
        .iter()
        .map(|e| ElementRow {
            element: labels::element(e.element, lang),
            covered_by: e
                .covered_by
                .map(|g| labels::ground(g, lang))
                .unwrap_or_else(|| tr(lang, "ikke dekket", "not covered")),
            basis: e.basis.map(|b| labels::basis(b, lang)).unwrap_or_default(),
            covered: e.covered_by.is_some(),
        })
        .collect()
}

/// `amount` as a share of `base`, e.g. «8,33 % av grunnlaget».
fn share_of_base(amount: Decimal, base: Decimal, lang: Lang) -> String {
    share(amount, base)
        .map(|p| {
            tr(
                lang,
                format!("{} av grunnlaget", percent(p, lang)),
                format!("{} of the base", percent(p, lang)),
            )
        })
        .unwrap_or_default()
}

fn calculations(a: &Assessment, c: &Contract, lang: Lang) -> Vec<CalcRow> {
    let f = &a.figures;
    let calc = |label: String, value: Decimal, note: String| calc_row(label, value, note, lang);
    let mut rows = vec![
        calc(
            tr(lang, "Opprinnelig kontraktsverdi", "Initial contract value"),
            f.original_value,
            String::new(),
        ),
        calc(
            tr(lang, "Beregningsgrunnlag", "Base value"),
            f.base_value,
            if f.base_value == f.original_value {
                tr(lang, "opprinnelig verdi", "initial value")
            } else {
                tr(
                    lang,
                    "indeksjustert, § 28-1 (2)",
                    "index-adjusted, § 28-1 (2)",
                )
            },
        ),
        calc(
            tr(lang, "Verdi inkl. opsjoner", "Value incl. options"),
            f.value_including_options,
            tr(
                lang,
                format!("del {} ved tildeling (§ 5-4)", labels::part(a.part)),
                format!("part {} at award (§ 5-4)", labels::part(a.part)),
            ),
        ),
        calc(
            tr(lang, "Denne endringens økning", "This change's increase"),
            f.value_increase,
            share_of_base(f.value_increase, f.base_value, lang),
        ),
    ];
    if let (Some(v), Some(days)) = (f.term_extension_value, f.term_extension_days) {
        rows.push(calc(
            tr(lang, "herav forlengelse", "of which term extension"),
            v,
            {
                // Whole kroner, half away from zero, as `Contract::term_value` rounds.
                let yearly = c
                    .yearly_value()
                    .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
                let unit = tr(lang, "dager", "days");
                format!("{days} {unit} × {} / 365", nok(yearly, lang))
            },
        ));
    }
    let unvalued = non_price_value(a, lang);
    let value_unknown = unvalued.is_some() && f.estimated_value.is_none();
    rows.extend(unvalued);
    rows.push(calc(
        tr(lang, "Tidligere økninger", "Earlier increases"),
        f.earlier_increase,
        tr(
            lang,
            "endringer etter § 28-1 (1) b, f eller ukjent grunnlag",
            "modifications under § 28-1 (1) (b), (f) or on an unknown ground",
        ),
    ));
    rows.push(calc(
        if f.estimated_value.is_some() {
            tr(lang, "Samlet verdi (bokstav b)", "Cumulative value ((b))")
        } else {
            tr(lang, "Samlet økning", "Cumulative increase")
        },
        f.cumulative_increase,
        share_of_base(f.cumulative_increase, f.base_value, lang),
    ));
    rows.extend(limit_rows(f, value_unknown, lang));
    rows
}

/// How far the contract could stretch on a date, in words (`analysis::headroom`): the largest
/// change without any notice and the ground for it, the room under § 28-1 (1) b, the largest with
/// an intention notice, and that these are for one change on its own.
pub fn headroom_sentences(h: &Headroom, lang: Lang) -> Vec<String> {
    use crate::analysis::headroom::Reach;
    let date = date_long(h.date, lang);
    let mut out = Vec::new();
    let by = h
        .continue_by
        .map(|g| {
            format!(
                " ({}, {})",
                law_labels::ground(g).get(lang),
                ground_provision(h, g, lang)
            )
        })
        .unwrap_or_default();
    let until = match h.continue_until {
        Reach::UpTo(d) => tr(
            lang,
            format!(", eller forlenges til {}", date_long(d, lang)),
            format!(", or be extended to {}", date_long(d, lang)),
        ),
        Reach::Unlimited => tr(
            lang,
            ", og forlenges så langt klausulens ordlyd tillater",
            ", and be extended as far as the clause's wording allows",
        ),
        Reach::None => String::new(),
    };
    out.push(match h.continue_up_to {
        Reach::UpTo(v) => tr(
            lang,
            format!("Kontrakten kan {date} utvides med en prisøkning på inntil {} uten ny konkurranse og uten kunngjøring{by}{until}.", nok(v, lang)),
            format!("On {date} the contract can take a price increase of up to {} without a new competition or any notice{by}{until}.", nok(v, lang)),
        ),
        Reach::Unlimited => tr(
            lang,
            format!("Kontrakten kan {date} utvides uten ny konkurranse så langt endringsklausulen{by} tillater; klausulen oppgir ingen øvre verdi{until}."),
            format!("On {date} the contract can be extended without a new competition as far as the change clause{by} allows; the clause states no maximum{until}."),
        ),
        Reach::None => tr(
            lang,
            format!("Kontrakten kan {date} ikke få noen prisøkning uten ny konkurranse eller kunngjøring."),
            format!("On {date} the contract cannot take any price increase without a new competition or a notice."),
        ),
    });
    if let Some(b) = h
        .grounds
        .iter()
        .find(|g| g.ground == crate::assessment::Ground::DeMinimis)
        && let Some(room) = b.room
        && h.continue_by != Some(crate::assessment::Ground::DeMinimis)
    {
        out.push(tr(
            lang,
            format!("Etter § 28-1 (1) b alene er rommet {}.", nok(room, lang)),
            format!(
                "Under § 28-1 (1) (b) alone the room is {}.",
                nok(room, lang)
            ),
        ));
    }
    if let Reach::UpTo(v) = h.intention_notice_up_to {
        out.push(tr(
            lang,
            format!("Med intensjonskunngjøring, og bare hvis vilkårene for nødvendige tilleggsleveranser eller uforutsette omstendigheter er oppfylt (§ 28-1 (1) c eller d), inntil {}; ut over dette kreves ny konkurranse.", nok(v, lang)),
            format!("With an intention notice, and only if the conditions for necessary additional deliveries or unforeseen circumstances are met (§ 28-1 (1) (c) or (d)), up to {}; beyond that a new competition is needed.", nok(v, lang)),
        ));
    }
    out.push(tr(
        lang,
        "Tallene gjelder én endring for seg. En endring som gjennomføres etter bokstav b eller som ikke vesentlig, teller med i den samlede prisøkningen for senere endringer.",
        "The figures are for one change on its own. A change made under (b) or as non-substantial counts towards the cumulative increase of later changes.",
    ));
    out
}

/// The provision a headroom ground is cited under.
fn ground_provision(h: &Headroom, g: crate::assessment::Ground, lang: Lang) -> String {
    h.grounds
        .iter()
        .find(|x| x.ground == g)
        .map(|x| labels::provision(x.provision, lang))
        .unwrap_or_default()
}

/// The value of the change's non-price elements (§ 28-2 markers) for (b): stated, or unknown
/// where a marker has no stated value (legal-rules.md § 3, element 5).
fn non_price_value(a: &Assessment, lang: Lang) -> Option<CalcRow> {
    let label = tr(
        lang,
        "Verdi av endringer utenom prisen",
        "Value of the non-price changes",
    );
    if let Some(v) = a.figures.estimated_value {
        return Some(calc_row(
            label,
            v,
            tr(
                lang,
                "oppgitt (nature.estimated_value); regnes med i bokstav b, jf. direktivet art. 72 (2)",
                "stated (nature.estimated_value); counted in (b), cf. art. 72 (2) of the directive",
            ),
            lang,
        ));
    }
    let unvalued = a.elements.iter().any(|e| {
        crate::law::elements::is_marker(e.element) && e.element != Element::NewKindsOfDeliveries
    });
    unvalued.then(|| CalcRow {
        label,
        value: tr(lang, "ikke oppgitt", "not stated"),
        note: tr(
            lang,
            "ukjent, ikke null: bokstav b kan ikke anvendes før verdien er oppgitt",
            "unknown, not zero: (b) cannot be applied until the value is stated",
        ),
    })
}

fn calc_row(label: String, value: Decimal, note: String, lang: Lang) -> CalcRow {
    CalcRow {
        label,
        value: nok(value, lang),
        note,
    }
}

/// The limits the increase is measured against: § 28-1 (1) b, the thresholds, the 50 % cap.
fn limit_rows(f: &Figures, value_unknown: bool, lang: Lang) -> Vec<CalcRow> {
    let calc = |label: String, value: Decimal, note: String| calc_row(label, value, note, lang);
    let mut rows = Vec::new();
    rows.push(calc(
        tr(
            lang,
            format!("{}\u{a0}%-grensen", number(f.de_minimis_percent, lang)),
            format!("{}% limit", number(f.de_minimis_percent, lang)),
        ),
        f.de_minimis_limit,
        lower_than(
            f.cumulative_increase,
            f.de_minimis_limit,
            value_unknown,
            lang,
        ),
    ));
    if let Some(eea) = f.eea_threshold {
        let from = f
            .thresholds_from
            .map(|d| {
                let from = tr(lang, "i kraft fra", "in force from");
                format!(", {from} {}", date_short(d, lang))
            })
            .unwrap_or_default();
        rows.push(calc(
            tr(lang, "EØS-terskelverdi (§ 5-3)", "EEA threshold (§ 5-3)"),
            eea,
            format!(
                "{}{from}",
                lower_than(f.cumulative_increase, eea, value_unknown, lang)
            ),
        ));
    }
    if let Some(national) = f.national_threshold {
        rows.push(calc(
            tr(
                lang,
                "Nasjonal terskelverdi (§ 5-1)",
                "National threshold (§ 5-1)",
            ),
            national,
            String::new(),
        ));
    }
    rows.push(calc(
        tr(
            lang,
            "50 %-grensen (§ 28-1 (1) c, d)",
            "50% cap (§ 28-1 (1) (c), (d))",
        ),
        f.cap_50,
        if f.value_increase <= f.cap_50 {
            tr(
                lang,
                "denne endringen overstiger ikke",
                "this change does not exceed it",
            )
        } else {
            tr(lang, "denne endringen overstiger", "this change exceeds it")
        },
    ));
    rows
}

/// The strict comparison of § 28-1 (1) b («lavere enn»).
fn lower_than(amount: Decimal, limit: Decimal, value_unknown: bool, lang: Lang) -> String {
    // With a non-price value not stated, only the known part can be compared.
    let (nb, en) = match (amount < limit, value_unknown) {
        (true, false) => ("samlet økning er lavere", "cumulative increase is lower"),
        (false, false) => (
            "samlet økning er ikke lavere",
            "cumulative increase is not lower",
        ),
        (true, true) => (
            "den kjente delen er lavere; samlet verdi er ukjent",
            "the known part is lower; the total value is unknown",
        ),
        (false, true) => (
            "allerede den kjente delen er ikke lavere",
            "the known part alone is not lower",
        ),
    };
    tr(lang, nb, en)
}

fn notice_codes(a: &Assessment) -> Vec<&'static str> {
    a.tests
        .iter()
        .filter(|t| a.grounds.contains(&t.test) && t.outcome != Outcome::Fail)
        .filter_map(|t| t.notice_code)
        .collect()
}

fn next_steps(input: &MemoInput<'_>) -> Vec<String> {
    let a = input.assessment;
    let lang = input.lang;
    let mut out = Vec::new();
    match a.recommendation {
        Recommendation::Continue if a.implicit => out.push(tr(
            lang,
            "Kontrakten kan videreføres av den sammenslåtte kommunen uten ny konkurranse; leverandørens samtykke trengs ikke (kontinuitetsprinsippet), men varsle leverandøren om den nye oppdragsgiveren. Arkiver dette notatet med den signerte vurderingen i saken.",
            "The merged municipality may continue the contract without a new competition; the supplier's consent is not needed (continuity principle), but inform the supplier of the new contracting authority. File this memo with the signed assessment.",
        )),
        Recommendation::Continue => out.push(tr(
            lang,
            "Endringen kan avtales uten ny konkurranse. Arkiver dette notatet med den signerte vurderingen i saken.",
            "The change may be agreed without a new competition. File this memo with the signed assessment.",
        )),
        Recommendation::IntentionNotice => out.extend(intention_notice_steps(input)),
        Recommendation::Retender => out.extend(retender_steps(input)),
    }
    if a.modification_notice {
        let codes = notice_codes(a);
        let code = if codes.is_empty() {
            "other".to_owned()
        } else {
            codes.join(", ")
        };
        out.push(tr(
            lang,
            format!("Kunngjøring om endring (eForms kunngjøringstype 38) skal publiseres i Doffin og TED når endringen er gjort (FOA § 28-1 (3), jf. § 21-1). Begrunnelseskode (BT-200): «{code}»."),
            format!("A modification notice (eForms subtype 38) must be published in Doffin and TED once the change is made (FOA § 28-1 (3), cf. § 21-1). Justification code (BT-200): “{code}”."),
        ));
    }
    out
}

/// The plan's actions for this contract (an intention notice only for this change), dated.
fn deadlines(input: &MemoInput<'_>) -> Vec<DeadlineRow> {
    let Some(plan) = input.plan else {
        return Vec::new();
    };
    plan.actions
        .iter()
        .filter(|a| {
            a.kind != ActionKind::IntentionNotice
                || a.change.as_deref() == Some(input.assessment.change.as_str())
        })
        .map(|a| deadline_row(a, input.lang))
        .collect()
}

/// One action of the plan as a table row: the date (with «senest»/«tidligst»), what to do,
/// and how the date was computed.
pub fn deadline_row(a: &Action, lang: Lang) -> DeadlineRow {
    let d = &a.deadline;
    let short = date_short(d.date, lang);
    let date = match d.kind {
        DateKind::Latest => tr(lang, format!("senest {short}"), format!("by {short}")),
        DateKind::Earliest => tr(lang, format!("tidligst {short}"), format!("from {short}")),
        DateKind::Fixed => short,
    };
    let mut basis = a.basis.get(lang).to_owned();
    if d.is_adjusted() {
        let legal = date_short(d.legal_date, lang);
        basis.push_str(&tr(
            lang,
            format!(" (lovens dato {legal}; flyttet til virkedag)"),
            format!(" (legal date {legal}; moved to a working day)"),
        ));
    }
    DeadlineRow {
        date,
        what: a.summary.get(lang).to_owned(),
        basis,
        past: a.past && d.kind == DateKind::Latest,
    }
}

/// FOA § 25-3 (4): the ten-day suspension window after an intention notice.
const STANDSTILL_DAYS: u32 = 10;

fn intention_notice_steps(input: &MemoInput<'_>) -> Vec<String> {
    let a = input.assessment;
    let lang = input.lang;
    let venue = if a.part == Part::III {
        tr(
            lang,
            "i Doffin, som videresender den til TED (FOA § 21-5; eForms kunngjøringstype 25)",
            "in Doffin, which forwards it to TED (FOA § 21-5; eForms subtype 25)",
        )
    } else {
        tr(lang, "i Doffin (FOA § 8-18)", "in Doffin (FOA § 8-18)")
    };
    let standstill = standstill_example(input);
    let mut out = vec![
        tr(
            lang,
            format!(
                "Publiser en intensjonskunngjøring {venue}. Kunngjøringen må begrunne klart hvorfor endringen kan gjøres uten ny konkurranse (C-19/13 Fastweb)."
            ),
            format!(
                "Publish an intention notice {venue}. The notice must state clearly why the change may be made without a new competition (C-19/13 Fastweb)."
            ),
        ),
        standstill.text,
    ];
    out.extend(planned_notice_step(input));
    let planned = date_long(a.date, lang);
    if input.date > a.date {
        out.push(tr(
            lang,
            format!("Merk: endringen skulle etter planen avtales {planned}, før dette notatets dato."),
            format!("Note: the change was planned to be agreed on {planned}, before the date of this memo."),
        ));
    } else if standstill.earliest > a.date {
        out.push(tr(
            lang,
            format!("Merk: planlagt avtaledato {planned} er tidligere enn første lovlige dato etter eksempelet over; utsett endringen eller publiser tidligere."),
            format!("Note: the planned date {planned} is earlier than the first lawful date in the example above; postpone the change or publish earlier."),
        ));
    }
    out
}

/// The plan's latest publication date of this change's intention notice, if planned.
fn planned_notice_step(input: &MemoInput<'_>) -> Option<String> {
    let lang = input.lang;
    let action = input.plan?.actions.iter().find(|x| {
        x.kind == ActionKind::IntentionNotice
            && x.change.as_deref() == Some(input.assessment.change.as_str())
    })?;
    let latest = date_long(action.deadline.date, lang);
    let planned = date_long(input.assessment.date, lang);
    let past = if action.past {
        tr(lang, " (fristen er passert)", " (already passed)")
    } else {
        String::new()
    };
    Some(tr(
        lang,
        format!(
            "Etter anskaffelsesplanen bør kunngjøringen publiseres senest {latest}{past}, med planens margin, for at endringen kan avtales som planlagt {planned}; se fristtabellen nedenfor."
        ),
        format!(
            "Under the procurement plan the notice should be published by {latest}{past}, with the plan's margin, for the change to be agreed as planned on {planned}; see the table of deadlines below."
        ),
    ))
}

/// The standstill worked through for a notice published on the memo's date.
struct Standstill {
    text: String,
    /// The first date the change may be agreed (moved to a working day).
    earliest: NaiveDate,
}

fn standstill_example(input: &MemoInput<'_>) -> Standstill {
    let lang = input.lang;
    // The example publishes on the memo's date (or the next working day) and applies the
    // plan's convention: a period ending on a weekend or holiday runs to the next working day.
    let published = next_working_day(input.date);
    let earliest = earliest_after_period(published, STANDSTILL_DAYS);
    let last = earliest
        .legal_date
        .pred_opt()
        .unwrap_or(earliest.legal_date);
    let (p, l, e) = (
        date_long(published, lang),
        date_long(last, lang),
        date_long(earliest.legal_date, lang),
    );
    let adjusted = if earliest.is_adjusted() {
        let d = date_long(earliest.date, lang);
        tr(
            lang,
            format!(
                " Fristen ender på en helg eller helligdag; etter planens konvensjon (fristen løper til neste virkedag) avtales endringen derfor tidligst {d}."
            ),
            format!(
                " The period ends on a weekend or public holiday; under the plan's convention (the period runs to the next working day) the change is agreed at the earliest on {d}."
            ),
        )
    } else {
        String::new()
    };
    Standstill {
        text: tr(
            lang,
            format!(
                "Karensperioden er ti kalenderdager regnet fra dagen etter publiseringen (FOA § 25-3 (1) b og (4)); endringen kan tidligst avtales publiseringsdagen + 11 dager. Eksempel: publisert {p} → fristen løper ut {l} → endringen kan tidligst avtales {e}.{adjusted}"
            ),
            format!(
                "The standstill is ten calendar days counted from the day after publication (FOA § 25-3 (1) (b) and (4)); the change may be agreed at the earliest on the publication date + 11 days. Example: published {p} → the period ends {l} → the change may be agreed at the earliest on {e}.{adjusted}"
            ),
        ),
        earliest: earliest.date,
    }
}

fn retender_steps(input: &MemoInput<'_>) -> Vec<String> {
    let c = input.contract;
    let lang = input.lang;
    let limit = tender_time_limit(input.assessment.part, lang);
    if let Some(ended) = input.assessment.contract_ended {
        let ended = date_long(ended, lang);
        return vec![
            tr(
                lang,
                format!(
                    "Kontrakten utløp {ended} og kan ikke forlenges eller endres nå. Behovet må dekkes gjennom en ny anskaffelse{limit}; leveranser etter {ended} har ikke grunnlag i kontrakten."
                ),
                format!(
                    "The contract ended on {ended} and can no longer be extended or changed. The need must be met through a new procurement{limit}; deliveries after {ended} have no basis in the contract."
                ),
            ),
            planned_tender_step(input),
        ];
    }
    // The plan's end: a term extension assessed `continue` moves it, and the table of
    // deadlines below shows that date.
    let planned = input.plan.map(|p| &p.planned_end);
    let end_date = planned.map_or(c.end, |p| p.date.max(c.end));
    let end = date_long(end_date, lang);
    let extended = match planned.and_then(|p| p.by_change.as_deref()) {
        Some(ch) if end_date > c.end => tr(
            lang,
            format!(" (etter endringen «{ch}», som kan gjøres uten ny konkurranse)"),
            format!(" (after the change “{ch}”, which may be made without a new competition)"),
        ),
        _ => String::new(),
    };
    let options = if c.end_with_options() <= end_date {
        String::new()
    } else {
        let with_options = date_long(c.end_with_options(), lang);
        tr(
            lang,
            format!("; med gjenstående forlengelsesopsjoner {with_options}"),
            format!("; with the remaining extension options {with_options}"),
        )
    };
    vec![
        tr(
            lang,
            format!(
                "Endringen kan ikke avtales uten en ny konkurranse. Behovet må dekkes gjennom en ny anskaffelse{limit}; den eksisterende kontrakten kan videreføres uendret til den utløper {end}{extended}{options}."
            ),
            format!(
                "The change may not be agreed without a new competition. The need must be met through a new procurement{limit}; the existing contract may continue unchanged until it expires on {end}{extended}{options}."
            ),
        ),
        planned_tender_step(input),
    ]
}

/// The plan's latest dates for the new competition and the termination, in one sentence (the
/// table of deadlines gives how each was computed).
fn planned_tender_step(input: &MemoInput<'_>) -> String {
    let lang = input.lang;
    let steps: Vec<Text> = input
        .plan
        .filter(|p| p.tender.is_some())
        .map(|p| p.actions.iter().filter_map(tender_action).collect())
        .unwrap_or_default();
    if steps.is_empty() {
        return tr(
            lang,
            "Anskaffelsesplanen («vesentlig plan») har ingen ny konkurranse for kontrakten; sett opp tidsplanen for den nye anskaffelsen særskilt.",
            "The procurement plan (“vesentlig plan”) has no new competition for the contract; schedule the new procurement separately.",
        );
    }
    let list = law_labels::join(&steps);
    tr(
        lang,
        format!(
            "Etter anskaffelsesplanen («vesentlig plan») må oppdragsgiveren {}; se fristtabellen nedenfor.",
            list.nb
        ),
        format!(
            "Under the procurement plan (“vesentlig plan”) the contracting authority must {}; see the table of deadlines below.",
            list.en
        ),
    )
}

/// A latest date of the new competition or of the termination, as a clause.
fn tender_action(a: &Action) -> Option<Text> {
    let (nb, en) = match a.kind {
        ActionKind::TenderStart => (
            "starte arbeidet med den nye konkurransen",
            "start work on the new competition",
        ),
        ActionKind::TenderNotice => ("kunngjøre konkurransen", "publish the contract notice"),
        ActionKind::TerminationNotice => ("si opp kontrakten", "give notice of termination"),
        _ => return None,
    };
    let (d_nb, d_en) = (
        date_long(a.deadline.date, Lang::Nb),
        date_long(a.deadline.date, Lang::En),
    );
    let (past_nb, past_en) = if a.past {
        (" (fristen er passert)", " (already passed)")
    } else {
        ("", "")
    };
    Some(Text::new(
        format!("{nb} senest {d_nb}{past_nb}"),
        format!("{en} by {d_en}{past_en}"),
    ))
}

/// The legal minimum tender period for the contract's part (§ 20-2 / § 8-14).
fn tender_time_limit(part: Part, lang: Lang) -> String {
    match part {
        Part::III => tr(
            lang,
            " (i del III minst 30 dagers tilbudsfrist ved åpen anbudskonkurranse, FOA § 20-2)",
            " (in part III a tender period of at least 30 days in an open procedure, FOA § 20-2)",
        ),
        Part::II | Part::I => tr(
            lang,
            " (i del II en rimelig tilbudsfrist, FOA § 8-14)",
            " (in part II a reasonable tender period, FOA § 8-14)",
        ),
    }
}

fn sanctions(lang: Lang) -> Vec<String> {
    vec![
        tr(
            lang,
            "En endring som krevde ny konkurranse, men som likevel avtales, er en ulovlig direkte anskaffelse. KOFA kan ilegge overtredelsesgebyr på inntil 15 % av kontraktens verdi (anskaffelsesloven § 12); gebyret skal ilegges når overtredelsen er forsettlig eller grovt uaktsom. Klage til KOFA over en ulovlig direkte anskaffelse kan fremmes innen to år etter at kontrakten ble inngått.",
            "A change that required a new competition but is agreed anyway is an unlawful direct award. KOFA may impose an infringement fee of up to 15% of the contract value (Public Procurement Act § 12); the fee is mandatory where the breach is intentional or grossly negligent. A complaint to KOFA about an unlawful direct award may be filed within two years of the contract's conclusion.",
        ),
        tr(
            lang,
            "For kontrakter i del III kan domstolene kjenne kontrakten uten virkning eller forkorte den (anskaffelsesloven §§ 13–14). En intensjonskunngjøring med karensperiode verner mot dette, men bare når vurderingen er aktsom og begrunnelsen i kunngjøringen er klar (C-19/13 Fastweb; KOFA 2015/65).",
            "For part III contracts the courts may declare the contract ineffective or shorten it (Public Procurement Act §§ 13–14). An intention notice followed by the standstill protects against this, but only where the assessment was diligent and the notice states its reasons clearly (C-19/13 Fastweb; KOFA 2015/65).",
        ),
        tr(
            lang,
            "Om en intensjonskunngjøring også verner mot overtredelsesgebyr, er ikke avklart i rettspraksis eller forvaltningspraksis.",
            "Whether an intention notice also protects against the infringement fee is not settled in case law or administrative practice.",
        ),
    ]
}
