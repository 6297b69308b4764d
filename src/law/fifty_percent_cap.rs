//! What FOA § 28-1 (1) c and d share: the 50 % cap of c no. 3 and d no. 2, and the modification
//! notice of § 28-1 (3) (below). The cap:
//!
//! > prisøkningen ikke overstiger 50 prosent av den opprinnelige kontraktsverdien. Dersom det
//! > foretas flere endringer etter hverandre, gjelder denne begrensningen for hver enkelt
//! > endring. Slike endringer må ikke foretas for å omgå forskriften;
//!
//! «Ikke overstiger» is inclusive (exactly 50 % passes) and applies per change; where earlier
//! changes on the same ground and this one together exceed 50 %, the reader is warned of the
//! anti-circumvention proviso.

use crate::model::ModificationGround;
use crate::text::{Lang, Text, nok};

use super::{Ctx, Finding, pct};

/// Checks this change's increase (elements 1 and 2) against 50 % of the base value, adds the
/// reason and, where the earlier changes on `ground` push the total past the cap, the warning.
pub(crate) fn within(ctx: &Ctx, ground: ModificationGround, letter: &str, f: &mut Finding) -> bool {
    let fig = &ctx.figures;
    let ok = fig.value_increase <= fig.cap_50;
    if let Some(base) = super::de_minimis::base_reason(ctx) {
        f.reason(base);
    }
    let exceeds = |l: Lang| match (l, ok) {
        (Lang::Nb, true) => "ikke overstiger",
        (Lang::Nb, false) => "overstiger",
        (Lang::En, true) => "does not exceed",
        (Lang::En, false) => "exceeds",
    };
    let with_term = |l: Lang| match (l, fig.term_extension_value.is_some()) {
        (Lang::Nb, true) => ", medregnet verdien av forlengelsen,",
        (Lang::En, true) => ", including the value of the extension,",
        (_, false) => "",
    };
    f.reason(say!(|l|
        "Endringens prisøkning{term} er {increase} ({share}), som {exceeds} 50\u{a0}% av {base} ({cap}); grensen gjelder for hver enkelt endring.",
        "The change's price increase{term} is {increase} ({share}), which {exceeds} 50% of {base} ({cap}); the limit applies to each change.",
        term = with_term(l),
        increase = nok(fig.value_increase, l),
        share = pct(fig.value_increase, fig.base_value, l),
        exceeds = exceeds(l),
        base = nok(fig.base_value, l),
        cap = nok(fig.cap_50, l)));
    let earlier = ctx.earlier_on(&[ground]);
    let total = earlier + fig.value_increase;
    if !earlier.is_zero() && total > fig.cap_50 {
        f.warn(circumvention(letter, earlier, total, fig.cap_50));
    }
    ok
}

fn circumvention(
    letter: &str,
    earlier: rust_decimal::Decimal,
    total: rust_decimal::Decimal,
    cap: rust_decimal::Decimal,
) -> Text {
    say!(
        |l| "Omgåelsesrisiko: tidligere endringer etter § 28-1 (1) {letter} utgjør {}, og sammen med denne endringen {}, mer enn 50\u{a0}% av kontraktsverdien ({}). Grensen gjelder per endring, men endringer må ikke foretas for å omgå forskriften; oppdelingen må kunne begrunnes.",
        "Circumvention risk: earlier changes under § 28-1 (1) {letter} amount to {}, and together with this change {}, more than 50% of the contract value ({}). The limit applies per change, but changes must not be made to circumvent the regulation; splitting them must be justified.",
        nok(earlier, l),
        nok(total, l),
        nok(cap, l)
    )
}

/// § 28-1 (3): «Oppdragsgiveren skal kunngjøre endringer som nevnt i første ledd bokstav c og d
/// etter § 21-1.» Part III only: parts I and II have no such duty.
pub(crate) fn modification_notice(ctx: &Ctx, f: &mut Finding) {
    if ctx.part == crate::model::Part::III {
        f.reason(Text::new(
            "Endringen skal kunngjøres med en kunngjøring om endring (§ 28-1 (3)).",
            "A contract modification notice must be published (§ 28-1 (3)).",
        ));
    }
}
