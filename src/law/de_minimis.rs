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
//! Objective. The Norwegian text says «prisøkning», but it implements art. 72 (2) of the
//! directive, which tests *the value of the modification*, and is read in conformity with it: a
//! change that favours the supplier without a price increase still has a value, its
//! `nature.estimated_value`. «Lavere enn» is strict: a value of exactly 10 % (or exactly the
//! threshold) fails. Cumulative over earlier modifications made on de minimis, as
//! non-substantial, or on an unknown ground. Covers the price increase, the term extension and
//! the § 28-2 markers other than new kinds of deliveries — the markers only when their value is
//! stated: an unstated value is never taken as zero, so a marker of unknown value makes the
//! whole value of the change unknown and the rule fails. Fails whenever the overall nature
//! changes.

use rust_decimal::Decimal;

use crate::assessment::{Basis, Element, Ground, Outcome};
use crate::text::{Lang, Text, date_long, nok, number};

use super::{Ctx, Finding, pct};

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
        return f.not_applicable(Text::new(
            "Endringen gir ingen prisøkning, forlengelse eller annen endring som de minimis-regelen kan dekke.",
            "The change brings no price increase, extension or other change the de minimis rule can cover.",
        ));
    }
    if ctx.has(Element::NewKindsOfDeliveries) {
        return fail_nature(f);
    }
    let fig = &ctx.figures;
    let Some(eea) = fig.eea_threshold else {
        f.outcome(Outcome::Fail).reason(say!(|l| "Terskelverditabellen har ingen verdier for {}; EØS-terskelverdien kan ikke fastsettes.", "The thresholds table has no values for {}; the EEA threshold cannot be determined.", date_long(ctx.change.date, l)));
        return f;
    };
    f.reason(increase_reason(ctx));
    if let Some(base) = base_reason(ctx) {
        f.reason(base);
    }
    if !ctx.markers().is_empty() {
        f.reason(Text::new(
            "Bokstav b taler om «prisøkning», men gjennomfører direktivet art. 72 (2), som gjelder verdien av endringen; en endring til fordel for leverandøren har en verdi også når prisen ikke øker, og den regnes med.",
            "Letter (b) speaks of a «price increase», but implements art. 72 (2) of the directive, which tests the value of the modification; a change in the supplier's favour has a value even when the price does not rise, and that value counts.",
        ));
    }
    let unvalued = ctx.unvalued_markers();
    if !unvalued.is_empty() {
        f.outcome(Outcome::Fail)
            .reason(unknown_value(ctx, eea, &unvalued));
        return f;
    }
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

/// A marker whose value is not stated: which value to state, and below what it must stay.
fn unknown_value(ctx: &Ctx, eea: Decimal, unvalued: &[Element]) -> Text {
    let fig = &ctx.figures;
    let first = say!(
        |l| "Verdien for leverandøren av endringene som ikke gjelder prisen ({what}), er ikke oppgitt (nature.estimated_value). En ukjent verdi settes ikke til null, så endringens samlede verdi er ukjent, og bokstav b kan ikke anvendes.",
        "The value to the supplier of the non-price changes ({what}) is not stated (nature.estimated_value). An unknown value is not taken as zero, so the change's total value is unknown and (b) cannot be applied.",
        what =
            super::labels::join(&unvalued.iter().map(|e| value_of(*e)).collect::<Vec<_>>()).get(l)
    );
    // The room the stated value would have: strictly below the lower limit, less what is known.
    let lower_limit = fig.de_minimis_limit.min(eea);
    let room = lower_limit - fig.cumulative_increase;
    let second = if room > Decimal::ZERO {
        say!(
            |l| " Oppgi verdien: bokstav b kan bare dekke endringen hvis verdien er lavere enn {room} (den laveste grensen {limit} fratrukket den kjente samlede verdien {known}).",
            " State the value: (b) can cover the change only if it is lower than {room} (the lower limit {limit} less the known cumulative value {known}).",
            room = nok(room, l),
            limit = nok(lower_limit, l),
            known = nok(fig.cumulative_increase, l)
        )
    } else {
        say!(
            |l| " Den kjente samlede verdien {known} er allerede ikke lavere enn den laveste grensen {limit}; bokstav b kan ikke dekke endringen uansett verdi.",
            " The known cumulative value {known} is already not lower than the lower limit {limit}; (b) cannot cover the change whatever the value.",
            known = nok(fig.cumulative_increase, l),
            limit = nok(lower_limit, l)
        )
    };
    Text::new(first.nb + &second.nb, first.en + &second.en)
}

/// What the value of a § 28-2 marker is, in words: the figure the user is asked to state.
fn value_of(marker: Element) -> Text {
    match marker {
        Element::PriceTermsFavourSupplier => Text::new(
            "gevinsten ved prisvilkårene til fordel for leverandøren",
            "the gain from the price terms in the supplier's favour",
        ),
        Element::RelaxesRequirements => Text::new(
            "det leverandøren sparer ved de lempede kravene",
            "what the supplier saves by the relaxed requirements",
        ),
        Element::ShiftsRiskToBuyer => Text::new(
            "verdien av risikoen oppdragsgiveren overtar",
            "the value of the risk the buyer takes over",
        ),
        _ => crate::law::labels::element(marker),
    }
}

fn fail_nature(mut f: Finding) -> Finding {
    f.outcome(Outcome::Fail).reason(Text::new(
        "Endringen gjelder nye typer leveranser, slik at anskaffelsens overordnede karakter endres; de minimis-regelen gjelder da ikke.",
        "The change concerns new kinds of deliveries, so the overall nature of the procurement changes; the de minimis rule does not apply.",
    ));
    f
}

/// How the cumulative increase is made up (§ 28-1 (1) b last sentence: «den samlede
/// prisøkningen som følge av alle endringene»).
pub(crate) fn increase_reason(ctx: &Ctx) -> Text {
    let fig = &ctx.figures;
    let price = ctx.price_increase();
    let this = match (fig.term_extension_value, fig.term_extension_days) {
        (Some(term), Some(days)) if price.is_zero() => say!(
            |l| "Endringen forlenger løpetiden med {d} dager, verdsatt til {term}.",
            "The change extends the term by {d} days, valued at {term}.",
            d = number(days.into(), l),
            term = nok(term, l)
        ),
        (Some(term), Some(days)) => say!(
            |l| "Endringen gir en prisøkning på {price} og forlenger løpetiden med {d} dager, verdsatt til {term}; til sammen {sum}.",
            "The change brings a price increase of {price} and extends the term by {d} days, valued at {term}; {sum} in all.",
            price = nok(price, l),
            d = number(days.into(), l),
            term = nok(term, l),
            sum = nok(fig.value_increase, l)
        ),
        _ if price.is_zero() => Text::new(
            "Endringen gir ingen prisøkning.",
            "The change brings no price increase.",
        ),
        _ => say!(
            |l| "Endringen gir en prisøkning på {price}.",
            "The change brings a price increase of {price}.",
            price = nok(price, l)
        ),
    };
    let this = join(this, postponed_end(ctx));
    let this = join(this, estimated(ctx));
    let earlier = if fig.earlier_increase.is_zero() {
        Text::new(
            " Ingen tidligere endringer teller med (endringer etter bokstav b, som ikke vesentlige eller på ukjent grunnlag).",
            " No earlier changes count towards it (changes under (b), as non-substantial or on an unknown ground).",
        )
    } else {
        say!(
            |l| " Tidligere endringer som teller med (etter bokstav b, som ikke vesentlige eller på ukjent grunnlag), utgjør {earlier}, slik at {what} er {total}.",
            " Earlier changes that count (under (b), as non-substantial or on an unknown ground) amount to {earlier}, so {what} is {total}.",
            earlier = nok(fig.earlier_increase, l),
            total = nok(fig.cumulative_increase, l),
            what = cumulative_label(ctx).get(l).to_lowercase()
        )
    };
    join(this, Some(earlier))
}

fn join(a: Text, b: Option<Text>) -> Text {
    match b {
        Some(b) => Text::new(a.nb + &b.nb, a.en + &b.en),
        None => a,
    }
}

/// Where the start is postponed, the extension counts from the end it moved.
fn postponed_end(ctx: &Ctx) -> Option<Text> {
    ctx.change.postponement_days(ctx.contract)?;
    ctx.figures.term_extension_days?;
    Some(say!(
        |l| " Forlengelsen regnes fra sluttdatoen etter den utsatte oppstarten, {end}.",
        " The extension counts from the end after the postponed start, {end}.",
        end = date_long(ctx.change.end_after_postponement(ctx.contract), l)
    ))
}

/// The stated value of the non-price elements, counted in the value of the change.
fn estimated(ctx: &Ctx) -> Option<Text> {
    let value = ctx.figures.estimated_value?;
    Some(say!(
        |l| " Verdien for leverandøren av endringene som ikke gjelder prisen, er oppgitt til {value} og regnes med.",
        " The value to the supplier of the non-price changes is stated as {value} and counts.",
        value = nok(value, l)
    ))
}

/// The decisive comparison, with the figures: «lavere enn» is strict.
fn comparison(ctx: &Ctx, eea: Decimal, below_percent: bool, below_threshold: bool) -> Text {
    let fig = &ctx.figures;
    let lower = |below: bool, l: Lang| match (l, below) {
        (Lang::Nb, true) => "lavere enn",
        (Lang::Nb, false) => "ikke lavere enn",
        (Lang::En, true) => "lower than",
        (Lang::En, false) => "not lower than",
    };
    let joint = |l: Lang| match (l, below_percent == below_threshold) {
        (Lang::Nb, true) => " og",
        (Lang::Nb, false) => ", men",
        (Lang::En, true) => " and",
        (Lang::En, false) => ", but",
    };
    say!(
        |l| "{what} {total} ({share}) er {cmp_p} {p}\u{a0}% av {base} ({limit}){joint} {cmp_t} EØS-terskelverdien {eea} (i kraft fra {from}).",
        "{what} {total} ({share}) is {cmp_p} {p}% of {base} ({limit}){joint} {cmp_t} the EEA threshold {eea} (in force from {from}).",
        what = cumulative_label(ctx).get(l),
        total = nok(fig.cumulative_increase, l),
        share = pct(fig.cumulative_increase, fig.base_value, l),
        cmp_p = lower(below_percent, l),
        p = number(fig.de_minimis_percent, l),
        base = nok(fig.base_value, l),
        limit = nok(fig.de_minimis_limit, l),
        joint = joint(l),
        cmp_t = lower(below_threshold, l),
        eea = nok(eea, l),
        from = fig
            .thresholds_from
            .map(|d| date_long(d, l))
            .unwrap_or_default()
    )
}

/// «Samlet prisøkning» in the words of § 28-1 (1) b, or «samlet verdi» where the stated value of
/// non-price elements is counted (art. 72 (2)).
pub(crate) fn cumulative_label(ctx: &Ctx) -> Text {
    if ctx.figures.estimated_value.is_some() {
        Text::new(
            "Samlet verdi av endringene",
            "The cumulative value of the changes",
        )
    } else {
        Text::new("Samlet prisøkning", "The cumulative increase")
    }
}

/// Where the contract has a price-index clause, the base for the percentages is the adjusted
/// price (§ 28-1 (2)): one sentence saying so, for the tests of (b) to (d).
pub(crate) fn base_reason(ctx: &Ctx) -> Option<Text> {
    let index = ctx.contract.price_index.as_ref()?;
    Some(say!(
        |l| "Kontrakten har en prisindeksklausul ({index}); prisøkningen beregnes derfor ut fra den justerte verdien {adjusted} per {as_of}, ikke den opprinnelige verdien {value} (§ 28-1 (2)).",
        "The contract has a price-index clause ({index}); the increase is therefore measured against the adjusted value {adjusted} as of {as_of}, not the original value {value} (§ 28-1 (2)).",
        index = index.index,
        adjusted = nok(index.adjusted_value, l),
        as_of = date_long(index.as_of, l),
        value = nok(ctx.contract.value, l)
    ))
}
