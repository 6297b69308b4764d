//! The de minimis rule, FOA § 28-1 (1) b.
//!
//! > b. endringer som gir en prisøkning som er lavere enn 1. terskelverdiene i § 5-3, og
//! > 2. 10 prosent av den opprinnelige kontraktsverdien for vare- og tjenestekontrakter eller
//! > 15 prosent av den opprinnelige kontraktsverdien for bygge- og anleggskontrakter. Dette
//! > gjelder bare når anskaffelsens overordnede karakter ikke blir endret. Dersom det foretas
//! > flere endringer etter hverandre, skal prisøkningen beregnes på grunnlag av den samlede
//! > prisøkningen som følge av alle endringene;
//! >
//! > (2) Dersom kontrakten inneholder en prisindeksklausul, skal prisøkningen som følge av
//! > endringer etter første ledd bokstav b til d beregnes med utgangspunkt i den justerte prisen.
//!
//! Objective. «Lavere enn» is strict: an increase of exactly 10 % (or exactly the threshold)
//! fails. Cumulative over earlier modifications made on de minimis, as non-substantial, or on an
//! unknown ground. Covers the price increase, the term extension and the § 28-2 markers other
//! than new kinds of deliveries; fails whenever the overall nature changes.

use crate::assessment::{Basis, Element, Ground, Outcome};
use crate::text::{Lang, date_long, nok, number};

use super::{Ctx, Finding, pct, pick, text};

pub(crate) const PROVISION: &str = "FOA § 28-1 (1) b";

/// The elements de minimis can cover.
const COVERABLE: [Element; 5] = [
    Element::PriceIncrease,
    Element::TermExtension,
    Element::PriceTermsFavourSupplier,
    Element::RelaxesRequirements,
    Element::ShiftsRiskToBuyer,
];

pub(crate) fn test(ctx: &Ctx) -> Finding {
    let mut f = Finding::new(Ground::DeMinimis, PROVISION, Basis::Objective).code("mod-minv");
    let relevant: Vec<Element> = COVERABLE.into_iter().filter(|e| ctx.has(*e)).collect();
    if relevant.is_empty() {
        return f.not_applicable(text(|l| {
            pick(
                l,
                "Endringen gir ingen prisøkning, forlengelse eller annen endring som de minimis-regelen kan dekke.",
                "The change brings no price increase, extension or other change the de minimis rule can cover.",
            )
            .to_owned()
        }));
    }
    if ctx.has(Element::NewKindsOfDeliveries) {
        return fail_nature(f);
    }
    let fig = &ctx.figures;
    let Some(eea) = fig.eea_threshold else {
        f.outcome(Outcome::Fail).reason(text(|l| match l {
            Lang::Nb => format!(
                "Terskelverditabellen har ingen verdier for {}; EØS-terskelverdien kan ikke fastsettes.",
                date_long(ctx.change.date, l)
            ),
            Lang::En => format!(
                "The thresholds table has no values for {}; the EEA threshold cannot be determined.",
                date_long(ctx.change.date, l)
            ),
        }));
        return f;
    };
    f.reason(increase_reason(ctx));
    let below_percent = fig.cumulative_increase < fig.de_minimis_limit;
    let below_threshold = fig.cumulative_increase < eea;
    f.reason(comparison(ctx, eea, below_percent, below_threshold));
    if below_percent && below_threshold {
        f.outcome(Outcome::Pass);
        f.offer(relevant, Basis::Objective);
    } else {
        f.outcome(Outcome::Fail);
    }
    f
}

fn fail_nature(mut f: Finding) -> Finding {
    f.outcome(Outcome::Fail).reason(text(|l| {
        pick(
            l,
            "Endringen gjelder nye typer leveranser, slik at anskaffelsens overordnede karakter endres; de minimis-regelen gjelder da ikke.",
            "The change concerns new kinds of deliveries, so the overall nature of the procurement changes; the de minimis rule does not apply.",
        )
        .to_owned()
    }));
    f
}

/// How the cumulative increase is made up.
pub(crate) fn increase_reason(ctx: &Ctx) -> crate::text::Text {
    let fig = &ctx.figures;
    let price = ctx.price_increase();
    text(|l| {
        let term = match (fig.term_extension_value, fig.term_extension_days) {
            (Some(v), Some(d)) => match l {
                Lang::Nb => format!(
                    " og forlengelse med {} dager verdsatt til {}",
                    number(d.into(), l),
                    nok(v, l)
                ),
                Lang::En => format!(
                    " and an extension of {} days valued at {}",
                    number(d.into(), l),
                    nok(v, l)
                ),
            },
            _ => String::new(),
        };
        match l {
            Lang::Nb => format!(
                "Denne endringen gir en prisøkning på {}{term}, til sammen {}; tidligere endringer etter bokstav b, som ikke vesentlige eller på ukjent grunnlag utgjør {}; samlet prisøkning er {}.",
                nok(price, l),
                nok(fig.value_increase, l),
                nok(fig.earlier_increase, l),
                nok(fig.cumulative_increase, l)
            ),
            Lang::En => format!(
                "This change brings a price increase of {}{term}, {} in all; earlier changes under (b), as non-substantial or on an unknown ground amount to {}; the cumulative increase is {}.",
                nok(price, l),
                nok(fig.value_increase, l),
                nok(fig.earlier_increase, l),
                nok(fig.cumulative_increase, l)
            ),
        }
    })
}

/// The decisive comparison, with the figures.
fn comparison(
    ctx: &Ctx,
    eea: rust_decimal::Decimal,
    below_percent: bool,
    below_threshold: bool,
) -> crate::text::Text {
    let fig = &ctx.figures;
    let base_note = base_note(ctx);
    text(|l| {
        let p = number(fig.de_minimis_percent, l);
        let share = pct(fig.cumulative_increase, fig.base_value, l);
        match l {
            Lang::Nb => format!(
                "Samlet prisøkning {} ({share}) er {} {p}\u{a0}% av {}{} ({}){} {} EØS-terskelverdien {} (i kraft fra {}).",
                nok(fig.cumulative_increase, l),
                if below_percent {
                    "lavere enn"
                } else {
                    "ikke lavere enn"
                },
                nok(fig.base_value, l),
                base_note.nb,
                nok(fig.de_minimis_limit, l),
                if below_percent == below_threshold {
                    " og"
                } else {
                    ", men"
                },
                if below_threshold {
                    "lavere enn"
                } else {
                    "ikke lavere enn"
                },
                nok(eea, l),
                fig.thresholds_from
                    .map(|d| date_long(d, l))
                    .unwrap_or_default()
            ),
            Lang::En => format!(
                "The cumulative increase {} ({share}) is {} {p}% of {}{} ({}){} {} the EEA threshold {} (in force from {}).",
                nok(fig.cumulative_increase, l),
                if below_percent {
                    "lower than"
                } else {
                    "not lower than"
                },
                nok(fig.base_value, l),
                base_note.en,
                nok(fig.de_minimis_limit, l),
                if below_percent == below_threshold {
                    " and"
                } else {
                    ", but"
                },
                if below_threshold {
                    "lower than"
                } else {
                    "not lower than"
                },
                nok(eea, l),
                fig.thresholds_from
                    .map(|d| date_long(d, l))
                    .unwrap_or_default()
            ),
        }
    })
}

/// Explains an index-adjusted base (§ 28-1 (2)); empty without a price index.
pub(crate) fn base_note(ctx: &Ctx) -> crate::text::Text {
    match &ctx.contract.price_index {
        Some(index) => text(|l| match l {
            Lang::Nb => format!(
                " (indeksjustert per {} etter prisindeksklausulen, {}, jf. § 28-1 (2); opprinnelig verdi {})",
                date_long(index.as_of, l),
                index.index,
                nok(ctx.contract.value, l)
            ),
            Lang::En => format!(
                " (index-adjusted as of {} under the price-index clause, {}, § 28-1 (2); original value {})",
                date_long(index.as_of, l),
                index.index,
                nok(ctx.contract.value, l)
            ),
        }),
        None => crate::text::Text::new("", ""),
    }
}
