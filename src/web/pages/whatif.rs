//! «Prøv en endring»: the what-if form on the contract page. The form's fields are the facts
//! of a proposed change in the portfolio format (`docs/portfolio-format.md`); the change is
//! validated and assessed by `crate::whatif` and shown like an assessed change. Nothing is
//! written. Bad input is answered on the form, next to the field.

use std::str::FromStr;

use chrono::NaiveDate;
use maud::{Markup, html};
use rust_decimal::Decimal;

use super::Ctx;
use super::contract::assessment_body;
use crate::model::{
    AdditionalDeliveries, AuthorityRef, Contract, Nature, NewSupplier, OptionUse, PriceTerms,
    ProposedChange, SuccessionCause, Unforeseen,
};
use crate::render::labels;
use crate::render::memo::{MemoData, MemoInput};
use crate::text::Lang;
use crate::web::params::Params;
use crate::web::snapshot::Assessed;
use crate::whatif::{CHANGE_ID, Hypothetical};

/// The form as submitted (kept to show it again) and what came of it.
#[derive(Debug, Default)]
pub(crate) struct WhatIf {
    pub input: Params,
    pub outcome: Outcome,
}

#[derive(Debug, Default)]
pub(crate) enum Outcome {
    /// The form has not been sent.
    #[default]
    Empty,
    /// Problems, each with the form field it belongs to (empty: the whole change).
    Problems(Vec<(String, String)>),
    Verdict(Box<Hypothetical>),
}

impl WhatIf {
    /// Reads the form, builds the change and has the engine assess it.
    pub fn submit(input: Params, a: &Assessed, contract: &Contract, lang: Lang) -> Self {
        let outcome = match change(&input, lang) {
            Err(problems) => Outcome::Problems(problems),
            Ok(change) => match crate::whatif::assess(
                &a.loaded.portfolio,
                &a.loaded.thresholds,
                &contract.id,
                change,
            ) {
                Ok(h) => Outcome::Verdict(Box::new(h)),
                Err(problems) => Outcome::Problems(
                    problems
                        .into_iter()
                        .map(|p| {
                            let text = match p.help {
                                Some(h) => format!("{} ({h})", p.message),
                                None => p.message,
                            };
                            (form_field(&p.field).to_owned(), text)
                        })
                        .collect(),
                ),
            },
        };
        Self { input, outcome }
    }

    fn problem(&self, field: &str) -> Option<&str> {
        match &self.outcome {
            Outcome::Problems(p) => p.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str()),
            _ => None,
        }
    }
}

/// The form field a validator's field path belongs to.
fn form_field(path: &str) -> &str {
    const BY_PREFIX: [(&str, &str); 11] = [
        ("exercise_option.quantity", "option_quantity"),
        ("exercise_option", "option"),
        ("add_authorities", "add_authorities"),
        ("additional_deliveries", "additional_reason"),
        ("unforeseen.arose", "unforeseen_arose"),
        ("unforeseen", "unforeseen_circumstance"),
        ("new_supplier", "supplier_name"),
        ("nature.estimated_value", "estimated_value"),
        ("nature", "nature"),
        ("new_start", "new_start"),
        ("under_clause", "under_clause"),
    ];
    BY_PREFIX
        .iter()
        .find(|(prefix, _)| path.starts_with(prefix))
        .map_or(path, |(_, field)| field)
}

/// The change described by the form, or a message for each field that cannot be read.
fn change(p: &Params, lang: Lang) -> Result<ProposedChange, Vec<(String, String)>> {
    let mut problems = Vec::new();
    let mut date = |field| read(p, field, parse_date, DATE_HINT, lang, &mut problems);
    let (when, new_end, arose) = (date("date"), date("new_end"), date("unforeseen_arose"));
    let new_start = date("new_start");
    let mut amount = |field| read(p, field, parse_amount, AMOUNT_HINT, lang, &mut problems);
    let (value_change, quantity) = (amount("value_change"), amount("option_quantity"));
    let estimated_value = amount("estimated_value");
    if when.is_none() && p.get("date").is_none() {
        problems.push((
            "date".to_owned(),
            labels::tr(
                lang,
                "Oppgi datoen endringen skal avtales.",
                "Give the date the change is to be agreed.",
            ),
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let Some(date) = when else {
        return Err(problems);
    };
    Ok(ProposedChange {
        id: CHANGE_ID.to_owned(),
        description: p
            .get("description")
            .unwrap_or(labels::tr(lang, "Hypotetisk endring", "Hypothetical change").as_str())
            .to_owned(),
        date,
        value_change: value_change.unwrap_or_default(),
        new_end,
        add_authorities: p
            .all("add_authorities")
            .into_iter()
            .map(|id| AuthorityRef::Municipality(id.to_owned()))
            .collect(),
        new_start,
        exercise_option: p.get("option").map(|id| OptionUse {
            id: id.to_owned(),
            quantity,
        }),
        under_clause: p.get("under_clause").map(str::to_owned),
        new_supplier: p.get("supplier_name").map(|name| NewSupplier {
            name: name.to_owned(),
            org_no: p.get("supplier_org_no").map(str::to_owned),
            cause: match p.get("supplier_cause") {
                Some("acquisition") => SuccessionCause::Acquisition,
                Some("insolvency") => SuccessionCause::Insolvency,
                Some("restructuring") => SuccessionCause::Restructuring,
                Some("other") => SuccessionCause::Other,
                _ => SuccessionCause::Merger,
            },
            meets_original_qualifications: p.checked("supplier_qualified"),
        }),
        nature: Nature {
            new_kinds_of_deliveries: p.checked("new_kinds_of_deliveries"),
            price_terms: match p.get("price_terms") {
                Some("favour_supplier") => PriceTerms::FavourSupplier,
                Some("favour_buyer") => PriceTerms::FavourBuyer,
                _ => PriceTerms::Unchanged,
            },
            relaxes_requirements: p.checked("relaxes_requirements"),
            shifts_risk_to_buyer: p.checked("shifts_risk_to_buyer"),
            estimated_value,
        },
        additional_deliveries: (p.get("additional_reason").is_some()
            || p.checked("change_of_supplier_impossible")
            || p.checked("significant_inconvenience_or_cost"))
        .then(|| AdditionalDeliveries {
            change_of_supplier_impossible: p.checked("change_of_supplier_impossible"),
            significant_inconvenience_or_cost: p.checked("significant_inconvenience_or_cost"),
            reason: p.get("additional_reason").unwrap_or_default().to_owned(),
        }),
        unforeseen: p
            .get("unforeseen_circumstance")
            .map(|circumstance| Unforeseen {
                circumstance: circumstance.to_owned(),
                arose,
            }),
    })
}

/// What a date or an amount field takes, for the message when it cannot be read.
const DATE_HINT: (&str, &str) = (
    "en dato; skriv for eksempel 2028-01-01 eller 01.01.2028",
    "a date; write e.g. 2028-01-01",
);
const AMOUNT_HINT: (&str, &str) = (
    "et tall; skriv for eksempel 250 000 eller -50 000",
    "a number; write e.g. 250000 or -50000",
);

/// The value of `field` read with `parse`; a value that cannot be read is reported with
/// `hint`, what the field takes.
fn read<T>(
    p: &Params,
    field: &str,
    parse: fn(&str) -> Option<T>,
    hint: (&str, &str),
    lang: Lang,
    problems: &mut Vec<(String, String)>,
) -> Option<T> {
    let raw = p.get(field)?;
    let value = parse(raw);
    if value.is_none() {
        problems.push((
            field.to_owned(),
            labels::tr(
                lang,
                format!("«{raw}» er ikke {}.", hint.0),
                format!("“{raw}” is not {}.", hint.1),
            ),
        ));
    }
    value
}

/// `2028-01-01` (as a date field sends it) or `01.01.2028` (as Norwegians write it).
fn parse_date(raw: &str) -> Option<NaiveDate> {
    NaiveDate::from_str(raw)
        .ok()
        .or_else(|| NaiveDate::parse_from_str(raw, "%d.%m.%Y").ok())
}

/// An amount as people type it: `250000`, `250 000`, `-50 000`, `1 000,50`, `12 500 kr`.
/// Exact decimal, never a float.
fn parse_amount(raw: &str) -> Option<Decimal> {
    let s: String = raw
        .trim()
        .trim_end_matches("kr")
        .trim_start_matches("NOK")
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}')
        .map(|c| if c == '−' { '-' } else { c })
        .collect();
    let s = match (s.contains(','), s.contains('.')) {
        (true, true) => return None,
        (true, false) => s.replace(',', "."),
        _ => s,
    };
    Decimal::from_str(&s).ok()
}

/// The form, and the verdict or the problems when it has been sent.
pub(crate) fn section(ctx: &Ctx<'_>, a: &Assessed, c: &Contract, w: &WhatIf) -> Markup {
    let merger = a.loaded.portfolio.merger.as_ref();
    let default_date = merger.map_or(ctx.snap.today, |m| m.effective.max(ctx.snap.today));
    let p = &w.input;
    let value = |k: &str| p.get(k).map(str::to_owned);
    let joining: Vec<_> = merger
        .map(|m| {
            m.municipalities
                .iter()
                .filter(|k| !c.municipality_ids().any(|id| id == k.id))
                .collect()
        })
        .unwrap_or_default();
    let chosen = p.all("add_authorities");
    let action = ctx.href(&format!(
        "/kontrakter/{}/prov-endring#hva-om",
        super::encode(&c.id)
    ));
    let sent = !matches!(w.outcome, Outcome::Empty);
    html! {
        p { (ctx.t(
            "Beskriv en endring og se straks hva regelverket sier om den. Ingenting lagres, og porteføljen endres ikke.",
            "Describe a change and see at once what the rules say about it. Nothing is saved and the portfolio is not changed.")) }
        form.whatif #whatif-form method="post" action=(action) {
            @if let Outcome::Problems(problems) = &w.outcome {
                div.problems role="alert" {
                    strong { (ctx.t("Endringen kan ikke vurderes ennå:", "The change cannot be assessed yet:")) }
                    ul { @for (_, m) in problems { li { (m) } } }
                }
            }
            fieldset {
                legend { (ctx.t("Endringen", "The change")) }
                (field(w, "date", ctx.t("Dato endringen avtales", "Date the change is agreed"),
                    html! { input #date type="date" name="date" value=(value("date").unwrap_or_else(|| default_date.to_string())) required; }))
                (field(w, "value_change", ctx.t("Prisendring (kr ekskl. mva., negativ for reduksjon)", "Price change (NOK excl. VAT, negative for a decrease)"),
                    html! { input #value_change type="text" inputmode="decimal" name="value_change" value=[value("value_change")] placeholder="0"; }))
                (field(w, "new_end", ctx.t("Ny sluttdato (forlengelse)", "New end date (extension)"),
                    html! { input #new_end type="date" name="new_end" value=[value("new_end")]; }))
                (field(w, "new_start", ctx.t("Utsatt oppstart (bare før leveransene har begynt)", "Postponed start (only before performance has begun)"),
                    html! { input #new_start type="date" name="new_start" value=[value("new_start")]; }))
                (field(w, "description", ctx.t("Beskrivelse (valgfri)", "Description (optional)"),
                    html! { input #description type="text" name="description" value=[value("description")] maxlength="500"; }))
            }
            @if !joining.is_empty() {
                fieldset {
                    legend { (ctx.t("Nye oppdragsgivere", "Joining authorities")) }
                    @for k in &joining {
                        label.check {
                            input type="checkbox" name="add_authorities" value=(k.id) checked[chosen.contains(&k.id.as_str())];
                            " " (k.name)
                        }
                    }
                    (problem(w, "add_authorities"))
                }
            }
            fieldset {
                legend { (ctx.t("Grunnlag i kontrakten (FOA § 28-1 (1) a)", "Basis in the contract (FOA § 28-1 (1) a)")) }
                (field(w, "option", ctx.t("Opsjon som utløses", "Option exercised"), html! {
                    select #option name="option" {
                        option value="" { (ctx.t("ingen", "none")) }
                        @for o in &c.options {
                            option value=(o.id) selected[p.get("option") == Some(o.id.as_str())] {
                                (o.id) " (" (labels::option_kind(o.kind, ctx.lang)) ")"
                            }
                        }
                    }
                }))
                (field(w, "option_quantity", ctx.t("Mengde (volumopsjon)", "Quantity (volume option)"),
                    html! { input #option_quantity type="text" inputmode="decimal" name="option_quantity" value=[value("option_quantity")]; }))
                (field(w, "under_clause", ctx.t("Endringsklausul", "Change clause"), html! {
                    select #under_clause name="under_clause" {
                        option value="" { (ctx.t("ingen", "none")) }
                        @for cl in &c.change_clauses {
                            option value=(cl.id) selected[p.get("under_clause") == Some(cl.id.as_str())] { (cl.id) }
                        }
                    }
                }))
            }
            fieldset {
                legend { (ctx.t("Endringens karakter (FOA § 28-2)", "Character of the change (FOA § 28-2)")) }
                (check(p, "new_kinds_of_deliveries", ctx.t("Nye typer leveranser", "New kinds of deliveries")))
                (check(p, "relaxes_requirements", ctx.t("Lemper krav fra konkurransen", "Relaxes requirements of the competition")))
                (check(p, "shifts_risk_to_buyer", ctx.t("Flytter risiko til oppdragsgiveren", "Shifts risk to the buyer")))
                (field(w, "estimated_value", ctx.t("Verdien for leverandøren av disse endringene (kr; uten den kan bokstav b ikke anvendes)", "Their value to the supplier (NOK; without it (b) cannot be applied)"),
                    html! { input #estimated_value type="text" inputmode="decimal" name="estimated_value" value=[value("estimated_value")]; }))
                (field(w, "price_terms", ctx.t("Prisvilkår", "Price terms"), html! {
                    select #price_terms name="price_terms" {
                        @for (code, nb, en) in [("unchanged", "uendret", "unchanged"), ("favour_supplier", "til fordel for leverandøren", "in the supplier's favour"), ("favour_buyer", "til fordel for oppdragsgiveren", "in the buyer's favour")] {
                            option value=(code) selected[p.get("price_terms") == Some(code)] { (ctx.t(nb, en)) }
                        }
                    }
                }))
            }
            details open[p.get("additional_reason").is_some() || p.checked("change_of_supplier_impossible") || p.checked("significant_inconvenience_or_cost")] {
                summary { (ctx.t("Nødvendige tilleggsleveranser (FOA § 28-1 (1) c)", "Necessary additional deliveries (FOA § 28-1 (1) c)")) }
                (check(p, "change_of_supplier_impossible", ctx.t("Skifte av leverandør kan ikke skje av økonomiske eller tekniske grunner", "A change of supplier cannot be made for economic or technical reasons")))
                (check(p, "significant_inconvenience_or_cost", ctx.t("Skifte ville gi betydelige ulemper eller kostnader", "A change would cause significant inconvenience or cost")))
                (field(w, "additional_reason", ctx.t("Begrunnelse", "Reason"),
                    html! { textarea #additional_reason name="additional_reason" rows="2" maxlength="2000" { (value("additional_reason").unwrap_or_default()) } }))
            }
            details open[p.get("unforeseen_circumstance").is_some()] {
                summary { (ctx.t("Uforutsette omstendigheter (FOA § 28-1 (1) d)", "Unforeseen circumstances (FOA § 28-1 (1) d)")) }
                (field(w, "unforeseen_circumstance", ctx.t("Omstendigheten", "The circumstance"),
                    html! { textarea #unforeseen_circumstance name="unforeseen_circumstance" rows="2" maxlength="2000" { (value("unforeseen_circumstance").unwrap_or_default()) } }))
                (field(w, "unforeseen_arose", ctx.t("Oppstod (tom: sammenslåingen ble forutsigbar)", "Arose (empty: when the merger became foreseeable)"),
                    html! { input #unforeseen_arose type="date" name="unforeseen_arose" value=[value("unforeseen_arose")]; }))
            }
            details open[p.get("supplier_name").is_some()] {
                summary { (ctx.t("Ny leverandør (FOA § 28-1 (1) e)", "New supplier (FOA § 28-1 (1) e)")) }
                (field(w, "supplier_name", ctx.t("Navn", "Name"),
                    html! { input #supplier_name type="text" name="supplier_name" value=[value("supplier_name")] maxlength="200"; }))
                (field(w, "supplier_org_no", ctx.t("Organisasjonsnummer", "Organisation number"),
                    html! { input #supplier_org_no type="text" name="supplier_org_no" value=[value("supplier_org_no")] maxlength="20"; }))
                (field(w, "supplier_cause", ctx.t("Årsak", "Cause"), html! {
                    select #supplier_cause name="supplier_cause" {
                        @for (code, cause) in [("merger", SuccessionCause::Merger), ("acquisition", SuccessionCause::Acquisition), ("insolvency", SuccessionCause::Insolvency), ("restructuring", SuccessionCause::Restructuring), ("other", SuccessionCause::Other)] {
                            option value=(code) selected[p.get("supplier_cause") == Some(code)] { (labels::succession_cause(cause, ctx.lang)) }
                        }
                    }
                }))
                (check(p, "supplier_qualified", ctx.t("Oppfyller de opprinnelige kvalifikasjonskravene", "Meets the original qualification requirements")))
            }
            div.buttons {
                button type="submit" { (ctx.t("Vurder endringen", "Assess the change")) }
                @if sent { a.reset href=(ctx.href(&format!("/kontrakter/{}#hva-om", super::encode(&c.id)))) { (ctx.t("Tøm skjemaet", "Clear the form")) } }
            }
        }
        div #whatif-result aria-live="polite" {
            @if let Outcome::Verdict(h) = &w.outcome {
                h3 { (ctx.t("Resultat for den hypotetiske endringen", "Result for the hypothetical change")) }
                (assessment_body(ctx, &hypothetical_memo(ctx, a, h)))
            }
        }
    }
}

fn field(w: &WhatIf, name: &str, label: &str, input: Markup) -> Markup {
    let invalid = w.problem(name).is_some();
    html! {
        div class={ "field" @if invalid { " invalid" } } {
            label for=(name) { (label) }
            (input)
            (problem(w, name))
        }
    }
}

fn problem(w: &WhatIf, name: &str) -> Markup {
    html! {
        @if let Some(m) = w.problem(name) { p.field-problem { (m) } }
    }
}

fn check(p: &Params, name: &str, label: &str) -> Markup {
    html! {
        label.check {
            input type="checkbox" name=(name) value="ja" checked[p.checked(name)];
            " " (label)
        }
    }
}

/// The hypothetical change laid out like a memo (without the plan: it is not planned).
fn hypothetical_memo(ctx: &Ctx<'_>, a: &Assessed, h: &Hypothetical) -> MemoData {
    MemoData::build(&MemoInput {
        assessment: &h.assessment,
        contract: &h.contract,
        merger: a.loaded.portfolio.merger.as_ref(),
        lang: ctx.lang,
        date: ctx.snap.today,
        fingerprint: &ctx.snap.fingerprint,
        plan: None,
        plan_warnings: &[],
        headroom: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_as_people_type_them() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(parse_amount("250000"), Some(d("250000")));
        assert_eq!(parse_amount("250 000"), Some(d("250000")));
        assert_eq!(parse_amount("−50 000 kr"), Some(d("-50000")));
        assert_eq!(parse_amount("1 000,50"), Some(d("1000.50")));
        assert_eq!(parse_amount("1.000,50"), None);
        assert_eq!(parse_amount("tusen"), None);
    }

    #[test]
    fn dates_in_both_forms() {
        let d = NaiveDate::from_ymd_opt(2028, 1, 1);
        assert_eq!(parse_date("2028-01-01"), d);
        assert_eq!(parse_date("01.01.2028"), d);
        assert_eq!(parse_date("31.02.2028"), None);
    }
}
