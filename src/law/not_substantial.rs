//! Non-substantial changes, FOA § 28-1 (1) f and § 28-2.
//!
//! > § 28-1 (1) f: endringer, uavhengig av verdi, som ikke er vesentlige, jf. § 28-2.
//! >
//! > § 28-2: En endring er ikke tillatt etter § 28-1 første ledd bokstav f dersom den fører til
//! > at innholdet i kontrakten blir vesentlig forskjellig fra den opprinnelige kontrakten. En
//! > endring er alltid vesentlig dersom den a. gjelder nye betingelser som, dersom de hadde vært
//! > en del av den opprinnelige konkurransen, ville ha ført til at andre leverandører potensielt
//! > kunne ha deltatt, eller at oppdragsgiveren kunne tildelt kontrakten til en annen
//! > leverandør, b. endrer kontraktens økonomiske balanse til fordel for leverandøren, c. utvider
//! > kontraktens omfang betydelig eller d. gjelder skifte av leverandøren i andre tilfeller enn
//! > dem som er nevnt i § 28-1 første ledd bokstav e.
//!
//! An assessment ground, except for the cases legal-rules.md § 3 calls «covered». Only when no
//! § 28-2 marker is present: a price increase without joining authorities whose cumulative
//! increase is at most 50 % (uncertain); joining authorities whose needs bring no price
//! increase (covered, the seed's 20-licences example); a price decrease below the (b) limits
//! (covered), larger (uncertain, C-549/14 Finn Frogne), half the base value or more (not
//! covered); a postponed start before performance has begun (uncertain: it may have kept out
//! suppliers who could not deliver at the original date, § 28-2 a). Never a term extension
//! (C-526/17), joining authorities' increase, or a marker.
//! For a framework agreement, new authorities may call off only if identified in the notice
//! (§ 26-1 (3)).

use crate::assessment::{Basis, Element, Ground, Outcome};
use crate::text::{Lang, Text, date_long, nok, number};

use super::{Ctx, Finding, labels, pct};

pub(crate) const PROVISION: &str = "FOA § 28-1 (1) f, jf. § 28-2";

pub(crate) fn test(ctx: &Ctx) -> Finding {
    let mut f = Finding::new(Ground::NotSubstantial, PROVISION, Basis::Assessment).code("mod-nons");
    let relevant = [
        Element::PriceIncrease,
        Element::TermExtension,
        Element::JoiningAuthorities,
        Element::PriceDecrease,
        Element::PostponedStart,
    ]
    .into_iter()
    .any(|e| ctx.has(e));
    let markers = ctx.markers();
    if !relevant && markers.is_empty() {
        return f.not_applicable(Text::new(
            "Endringen har ingen elementer som vurderes etter denne bestemmelsen.",
            "The change has no elements assessed under this provision.",
        ));
    }
    if !markers.is_empty() {
        let names = labels::elements(&markers);
        f.outcome(Outcome::Fail).reason(say!(|l|
            "Endringen gjelder {names}; en slik endring er alltid vesentlig (§ 28-2 a–c), og bokstav f kan ikke brukes.",
            "The change concerns {names}; such a change is always substantial (§ 28-2 a–c), and (f) cannot be relied on.",
            names = names.get(l)));
        return f;
    }
    price_increase(ctx, &mut f);
    term_extension(ctx, &mut f);
    joining_authorities(ctx, &mut f);
    price_decrease(ctx, &mut f);
    postponed_start(ctx, &mut f);
    let outcome = if f.offers.iter().any(|(_, b)| *b == Basis::Assessment) {
        Outcome::Uncertain
    } else if f.offers.is_empty() {
        Outcome::Fail
    } else {
        Outcome::Pass
    };
    f.outcome(outcome);
    f.result.basis = if outcome == Outcome::Pass {
        Basis::Objective
    } else {
        Basis::Assessment
    };
    f
}

fn price_increase(ctx: &Ctx, f: &mut Finding) {
    if !ctx.has(Element::PriceIncrease) {
        return;
    }
    let fig = &ctx.figures;
    if ctx.has(Element::JoiningAuthorities) {
        f.reason(say!(|l|
            "Prisøkningen på {increase} skyldes at behovene til {who} tas inn i kontrakten; det utvider omfanget og kunne ha trukket andre leverandører (§ 28-2 a og c), og dekkes ikke av bokstav f.",
            "The price increase of {increase} brings the needs of {who} into the contract; that extends its scope and could have attracted other suppliers (§ 28-2 a and c), and is not covered by (f).",
            increase = nok(ctx.price_increase(), l),
            who = ctx.joining_names().get(l)));
        return;
    }
    let ok = fig.cumulative_increase <= fig.cap_50;
    f.reason(Text::from_fn(|l| match l {
        Lang::Nb => format!(
            "Samlet prisøkning {} ({}) {} halvparten av {} ({}).",
            nok(fig.cumulative_increase, l),
            pct(fig.cumulative_increase, fig.base_value, l),
            if ok { "er ikke mer enn" } else { "er mer enn" },
            nok(fig.base_value, l),
            nok(fig.cap_50, l)
        ),
        Lang::En => format!(
            "The cumulative increase {} ({}) is {} half of {} ({}).",
            nok(fig.cumulative_increase, l),
            pct(fig.cumulative_increase, fig.base_value, l),
            if ok { "not more than" } else { "more than" },
            nok(fig.base_value, l),
            nok(fig.cap_50, l)
        ),
    }));
    if ok {
        f.reason(Text::new(
            "Om økningen utvider kontraktens omfang betydelig (§ 28-2 c), er et skjønnsspørsmål; vurderingen er usikker.",
            "Whether the increase extends the contract's scope considerably (§ 28-2 c) is a matter of judgement; the assessment is uncertain.",
        ));
        f.offer([Element::PriceIncrease], Basis::Assessment);
    } else {
        f.reason(Text::new(
            "En så stor økning utvider kontraktens omfang betydelig (§ 28-2 c).",
            "An increase of that size extends the contract's scope considerably (§ 28-2 c).",
        ));
    }
}

fn term_extension(ctx: &Ctx, f: &mut Finding) {
    let fig = &ctx.figures;
    if let (Some(days), Some(value)) = (fig.term_extension_days, fig.term_extension_value) {
        f.reason(say!(|l|
            "Forlengelsen av løpetiden med {days} dager, verdsatt til {value}, går utover det kontrakten gir rett til; det er en vesentlig endring (C-526/17) som ikke dekkes av bokstav f.",
            "The extension of the term by {days} days, valued at {value}, goes beyond what the contract provides for; that is a substantial change (C-526/17) not covered by (f).",
            days = number(days.into(), l),
            value = nok(value, l)));
    }
}

fn joining_authorities(ctx: &Ctx, f: &mut Finding) {
    if !ctx.has(Element::JoiningAuthorities) {
        return;
    }
    let who = ctx.joining_names();
    if ctx.is_framework() {
        f.reason(say!(|l|
            "Rammeavtalen kan bare brukes av oppdragsgivere som er klart identifisert i kunngjøringen (§ 26-1 (3)); at {who} tiltrer, kan ikke dekkes av bokstav f, bare av en endringsklausul med en øvre verdi (C-216/17).",
            "The framework agreement may be used only by authorities clearly identified in the notice (§ 26-1 (3)); {who} joining cannot be covered by (f), only by a change clause with a maximum value (C-216/17).",
            who = who.get(l)));
    } else if !ctx.has(Element::PriceIncrease) {
        f.reason(say!(|l|
            "Behovene til {who} skal dekkes av kontrakten uten at volum eller pris øker; de dekkes innenfor den avtalte mengden, så endringen er ikke vesentlig.",
            "The needs of {who} are to be met under the contract with no increase in volume or price; they are met within the agreed quantity, so the change is not substantial.",
            who = who.get(l)));
        f.offer([Element::JoiningAuthorities], Basis::Objective);
    }
}

fn price_decrease(ctx: &Ctx, f: &mut Finding) {
    if !ctx.has(Element::PriceDecrease) {
        return;
    }
    let fig = &ctx.figures;
    let decrease = -ctx.change.value_change;
    let below_b =
        decrease < fig.de_minimis_limit && fig.eea_threshold.is_some_and(|t| decrease < t);
    let below_half = decrease < fig.cap_50;
    let lower = |l: Lang| match (l, below_b) {
        (Lang::Nb, true) => "lavere enn",
        (Lang::Nb, false) => "ikke lavere enn",
        (Lang::En, true) => "lower than",
        (Lang::En, false) => "not lower than",
    };
    let half = |l: Lang| match (l, below_b, below_half) {
        (_, true, _) => String::new(),
        (Lang::Nb, false, true) => format!(
            ", men mindre enn halvparten av kontraktsverdien ({})",
            nok(fig.cap_50, l)
        ),
        (Lang::Nb, false, false) => format!(
            ", og utgjør minst halvparten av kontraktsverdien ({})",
            nok(fig.cap_50, l)
        ),
        (Lang::En, false, true) => format!(
            ", but less than half the contract value ({})",
            nok(fig.cap_50, l)
        ),
        (Lang::En, false, false) => format!(
            ", and is at least half the contract value ({})",
            nok(fig.cap_50, l)
        ),
    };
    let unknown = Text::new("ukjent", "unknown");
    f.reason(say!(|l|
        "Prisreduksjonen {decrease} ({share}) er {lower} grensene i bokstav b ({limit} og EØS-terskelverdien {eea}){half}.",
        "The price decrease {decrease} ({share}) is {lower} the limits of (b) ({limit} and the EEA threshold {eea}){half}.",
        decrease = nok(decrease, l),
        share = pct(decrease, fig.base_value, l),
        lower = lower(l),
        limit = nok(fig.de_minimis_limit, l),
        eea = fig.eea_threshold.map_or_else(|| unknown.get(l).to_owned(), |t| nok(t, l)),
        half = half(l)));
    if below_b {
        f.offer([Element::PriceDecrease], Basis::Objective);
    } else if below_half {
        f.reason(Text::new(
            "Også reduksjoner kan være vesentlige (C-549/14 Finn Frogne): en mindre kontrakt kunne ha trukket andre leverandører. Vurderingen er usikker.",
            "Reductions can also be substantial (C-549/14 Finn Frogne): a smaller contract could have attracted other suppliers. The assessment is uncertain.",
        ));
        f.offer([Element::PriceDecrease], Basis::Assessment);
    } else {
        f.reason(Text::new(
            "En så stor reduksjon endrer kontrakten vesentlig (C-549/14 Finn Frogne).",
            "A reduction of that size changes the contract substantially (C-549/14 Finn Frogne).",
        ));
    }
}

/// A postponed start (legal-rules.md § 3, element 8) keeps the contract's content but moves
/// when it is performed: suppliers who could not deliver from the original date might have
/// competed for the later one (§ 28-2 a), so it is a judgement.
fn postponed_start(ctx: &Ctx, f: &mut Finding) {
    let Some(days) = ctx.change.postponement_days(ctx.contract) else {
        return;
    };
    f.reason(say!(|l|
        "Oppstarten utsettes fra {start} til {new_start} ({days} dager), før leveransene har begynt. Om en senere oppstart kunne ha gitt leverandører som ikke kunne levere fra den opprinnelige datoen, mulighet til å delta (§ 28-2 a), er et skjønnsspørsmål; vurderingen er usikker.",
        "The start is postponed from {start} to {new_start} ({days} days), before performance has begun. Whether a later start could have let suppliers compete who could not deliver from the original date (§ 28-2 a) is a matter of judgement; the assessment is uncertain.",
        start = date_long(ctx.contract.start, l),
        new_start = date_long(ctx.change.start_after(ctx.contract), l),
        days = number(days.into(), l)));
    f.offer([Element::PostponedStart], Basis::Assessment);
}
