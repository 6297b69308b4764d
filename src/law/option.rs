//! Options (opsjoner), FOA § 28-1 (1) a and § 19-1 (2).
//!
//! > (1) Oppdragsgiveren kan foreta følgende endringer i en kontrakt uten å gjennomføre en ny
//! > konkurranse etter forskriften: a. endringer som foretas etter en endringsklausul som nevnt
//! > i § 19-1 annet ledd;
//! >
//! > § 19-1 (2): Oppdragsgiveren kan fastsette endringsklausuler, for eksempel prisindeksklausuler
//! > eller opsjoner. […] det skal fremgå klart hvilke endringer oppdragsgiveren kan foreta, i
//! > hvilket omfang og på hvilke vilkår.
//!
//! Objective. Covers only when the change names the option (`exercise_option`): a volume option
//! covers the price increase within its remaining quantity and value; an unexercised extension
//! option covers a term extension of at most its months.

use crate::assessment::{Basis, Element, Ground, Outcome};
use crate::model::{ContractOption, OptionKind};
use crate::text::{Lang, Text, date_long, nok, number};

use super::{Ctx, Finding};

pub(crate) const PROVISION: &str = "FOA § 28-1 (1) a, jf. § 19-1 (2)";

pub(crate) fn test(ctx: &Ctx) -> Finding {
    let f = Finding::new(Ground::Option, PROVISION, Basis::Objective).code("mod-rev");
    let Some(used) = &ctx.change.exercise_option else {
        let mut f = f.not_applicable(Text::new(
            "Endringen viser ikke til noen opsjon.",
            "The change does not rely on an option.",
        ));
        unnamed_options(ctx, &mut f);
        return f;
    };
    let mut f = f;
    let Some(option) = ctx.contract.option(&used.id) else {
        f.outcome(Outcome::Fail).reason(say!(
            |l| "Kontrakten har ingen opsjon «{}».",
            "The contract has no option «{}».",
            used.id
        ));
        return f;
    };
    match option.kind {
        OptionKind::Volume => volume(ctx, option, used.quantity, &mut f),
        OptionKind::Extension => extension(ctx, option, &mut f),
    }
    f
}

/// A volume option covers the price increase within the remaining quantity and value.
fn volume(
    ctx: &Ctx,
    option: &ContractOption,
    asked: Option<rust_decimal::Decimal>,
    f: &mut Finding,
) {
    if !ctx.has(Element::PriceIncrease) {
        f.outcome(Outcome::NotApplicable).reason(Text::new(
            "Endringen gir ingen prisøkning som en volumopsjon kan dekke.",
            "The change brings no price increase for a volume option to cover.",
        ));
        return;
    }
    let increase = ctx.price_increase();
    let remaining_q = option.remaining_quantity();
    let remaining_v = option.remaining_value();
    let unit = option.unit.clone().unwrap_or_default();
    let quantity_ok = asked.is_none_or(|q| q <= remaining_q);
    let value_ok = increase <= remaining_v;
    f.reason(say!(|l|
        "Opsjonen «{id}» gjelder {quantity} {unit} til {value}; {exercised} er utløst, slik at {remaining} {unit} til {remaining_value} gjenstår.",
        "Option «{id}» covers {quantity} {unit} at {value}; {exercised} have been called off, leaving {remaining} {unit} at {remaining_value}.",
        id = option.id,
        quantity = number(option.quantity.unwrap_or_default(), l),
        unit = unit,
        value = nok(option.value.unwrap_or_default(), l),
        exercised = number(option.exercised_quantity, l),
        remaining = number(remaining_q, l),
        remaining_value = nok(remaining_v, l)));
    f.reason(match asked {
        Some(q) => say!(
            |l| "Endringen ber om {q} {unit}, som er {within} gjenværende mengde.",
            "The change asks for {q} {unit}, which is {within} the remaining quantity.",
            q = number(q, l),
            unit = unit,
            within = match (l, quantity_ok) {
                (Lang::Nb, true) => "innenfor",
                (Lang::Nb, false) => "mer enn",
                (Lang::En, true) => "within",
                (Lang::En, false) => "more than",
            }
        ),
        None => Text::new(
            "Endringen oppgir ikke mengden som utløses; bare verdien er kontrollert.",
            "The change does not state the quantity called off; only the value is checked.",
        ),
    });
    f.reason(say!(
        |l| "Prisøkningen {increase} {within} gjenværende opsjonsverdi {remaining_value}.",
        "The price increase {increase} {within} the remaining option value {remaining_value}.",
        increase = nok(increase, l),
        within = match (l, value_ok) {
            (Lang::Nb, true) => "er innenfor",
            (Lang::Nb, false) => "overstiger",
            (Lang::En, true) => "is within",
            (Lang::En, false) => "exceeds",
        },
        remaining_value = nok(remaining_v, l)
    ));
    if quantity_ok && value_ok {
        f.outcome(Outcome::Pass);
        f.offer([Element::PriceIncrease], Basis::Objective);
    } else {
        f.outcome(Outcome::Fail);
    }
}

/// An unexercised extension option covers a term extension of at most its months.
fn extension(ctx: &Ctx, option: &ContractOption, f: &mut Finding) {
    let months = option.months.unwrap_or(0);
    let Some(new_end) = ctx
        .change
        .new_end
        .filter(|_| ctx.has(Element::TermExtension))
    else {
        f.outcome(Outcome::NotApplicable).reason(Text::new(
            "Endringen forlenger ikke løpetiden, så forlengelsesopsjonen har ikke noe å dekke.",
            "The change does not extend the term, so the extension option has nothing to cover.",
        ));
        return;
    };
    if option.exercised {
        f.outcome(Outcome::Fail).reason(Text::from_fn(|l| match l {
            Lang::Nb => {
                format!("Forlengelsesopsjonen «{}» er allerede utløst.", option.id)
            }
            Lang::En => {
                format!(
                    "Extension option «{}» has already been exercised.",
                    option.id
                )
            }
        }));
        return;
    }
    let limit = extension_limit(ctx, option);
    let ok = limit.is_some_and(|limit| new_end <= limit);
    let limit = limit.unwrap_or(ctx.contract.end);
    let verdict = if ok {
        Text::new("innenfor", "within it")
    } else {
        Text::new("senere enn dette", "later than that")
    };
    f.reason(say!(|l|
        "Opsjonen «{id}» gir rett til å forlenge med {months} måneder, fra {end} til {limit}; ny sluttdato {new_end} er {verdict}.",
        "Option «{id}» allows an extension of {months} months, from {end} to {limit}; the new end {new_end} is {verdict}.",
        id = option.id,
        months = months,
        end = date_long(ctx.contract.end, l),
        limit = date_long(limit, l),
        new_end = date_long(new_end, l),
        verdict = verdict.get(l)));
    if ok {
        f.outcome(Outcome::Pass);
        f.offer([Element::TermExtension], Basis::Objective);
    } else {
        f.outcome(Outcome::Fail);
    }
}

/// Points out an option the change does not name that would have covered it: the memo may
/// say so, but an option covers only when named (legal-rules.md § 3).
fn unnamed_options(ctx: &Ctx, f: &mut Finding) {
    for option in &ctx.contract.options {
        let fits = match option.kind {
            OptionKind::Volume => {
                ctx.has(Element::PriceIncrease) && ctx.price_increase() <= option.remaining_value()
            }
            OptionKind::Extension => {
                !option.exercised
                    && ctx.change.new_end.is_some_and(|new_end| {
                        ctx.has(Element::TermExtension)
                            && extension_limit(ctx, option).is_some_and(|limit| new_end <= limit)
                    })
            }
        };
        if fits {
            f.warn(say!(|l| "Kontrakten har opsjonen «{}», som ser ut til å kunne dekke endringen, men endringen viser ikke til den. Vurder om endringen skal gjøres som utløsning av opsjonen.", "The contract has option «{}», which appears able to cover the change, but the change does not rely on it. Consider making the change as an exercise of the option.", option.id));
        }
    }
}

/// The latest end an extension option allows: its months after the current end, counted as
/// whole calendar months (§ 19-1 (2): the clause fixes the extent of the change).
fn extension_limit(ctx: &Ctx, option: &ContractOption) -> Option<chrono::NaiveDate> {
    crate::model::months_after(ctx.contract.end, option.months.unwrap_or(0))
}
