//! Parts I and II of FOA, which have no listed safe harbours.
//!
//! > § 11-2 (1) Oppdragsgiveren kan foreta endringer som ikke er vesentlige i en kontrakt uten å
//! > gjennomføre en ny konkurranse etter forskriften. (2) En endring er vesentlig dersom den
//! > fører til at innholdet i kontrakten blir vesentlig forskjellig fra den opprinnelige
//! > kontrakten.
//!
//! Part II (legal-rules.md § 3): the grounds of § 28-1 (1) b–e do not exist there. What part III
//! covers on objective grounds is covered a fortiori (part II leaves more room, veileder ch.
//! 14.2); what part III covers only on an assessment is uncertain under § 11-2 and leads to an
//! intention notice in Doffin (§ 8-18); there is no modification notice. Part I has no change
//! provision (anskaffelsesloven § 4 applies): if the value including options plus the cumulative
//! increase stays below the national threshold on the change's date, the whole contract could
//! have been awarded without a notice and the change is covered; otherwise part II applies.

use crate::assessment::{Basis, ElementCoverage, Ground, Outcome};
use crate::model::Part;
use crate::text::{Text, nok};

use super::{Ctx, Finding};

const PART_I_PROVISION: &str = "Anskaffelsesloven § 4; FOA § 5-1 (del I)";

/// Applies the rules of the contract's part to the part III findings and coverage.
pub(crate) fn apply(ctx: &Ctx, findings: &mut Vec<Finding>, coverage: &mut [ElementCoverage]) {
    match ctx.part {
        Part::III => {}
        Part::II => part_two(findings, true),
        Part::I => {
            let below = part_one(ctx);
            let covered = below.result.outcome == Outcome::Pass;
            findings.push(below);
            // The part III safe harbours do not exist in part I either: cite them under § 11-2
            // as part II does; the explanatory notes only matter when part II decides.
            part_two(findings, !covered);
            if covered {
                moot(findings);
                for c in coverage.iter_mut() {
                    c.covered_by = Some(Ground::BelowNationalThreshold);
                    c.basis = Some(Basis::Objective);
                }
            }
        }
    }
}

/// Part II: the same coverage, cited under § 11-2, with no modification-notice codes; `notes`
/// adds the explanation to every test that applied.
fn part_two(findings: &mut [Finding], notes: bool) {
    for f in findings.iter_mut() {
        let Some(provision) = part_two_provision(f.result.test) else {
            continue;
        };
        f.result.provision = provision;
        f.result.notice_code = None;
        if !notes || f.result.outcome == Outcome::NotApplicable {
            continue;
        }
        let note = match f.result.test {
            Ground::Option
            | Ground::ChangeClause
            | Ground::DeMinimis
            | Ground::SupplierSuccession => Text::new(
                "Kontrakten følger del II, som ikke har denne unntaksbestemmelsen; det som ville vært tillatt på objektivt grunnlag etter del III, er etter § 11-2 tillatt i alle fall (del II gir noe større rom for endringer, veilederen kap. 14.2).",
                "The contract falls under part II, which has no such safe harbour; what part III would allow on an objective ground is allowed a fortiori under § 11-2 (part II leaves somewhat more room, guide ch. 14.2).",
            ),
            Ground::AdditionalDeliveries | Ground::Unforeseen | Ground::NotSubstantial => {
                Text::new(
                    "Kontrakten følger del II: spørsmålet er etter § 11-2 om kontrakten blir vesentlig forskjellig. Det som bare kan dekkes etter en skjønnsmessig vurdering, er usikkert og bør kunngjøres med en intensjonskunngjøring i Doffin (§ 8-18); det skal ikke kunngjøres en endring.",
                    "The contract falls under part II: under § 11-2 the question is whether the contract becomes substantially different. What can only be covered on an assessment is uncertain and calls for an intention notice in Doffin (§ 8-18); no modification notice is published.",
                )
            }
            Ground::BuyerSuccession
            | Ground::FrameworkDuration
            | Ground::BelowNationalThreshold => continue,
        };
        f.reason(note);
    }
}

/// In part I below the national threshold, a failed part III test does not decide anything:
/// say so, so that «ikke oppfylt» is not read as the verdict.
fn moot(findings: &mut [Finding]) {
    for f in findings
        .iter_mut()
        .filter(|f| f.result.outcome == Outcome::Fail)
    {
        f.reason(Text::new(
            "Uten betydning for resultatet: kontrakten følger del I, og endringen er dekket fordi verdien holder seg under den nasjonale terskelverdien.",
            "Of no consequence for the result: the contract falls under part I, and the change is covered because the value stays below the national threshold.",
        ));
    }
}

/// The provision a test cites in part II.
fn part_two_provision(g: Ground) -> Option<&'static str> {
    Some(match g {
        Ground::Option | Ground::ChangeClause => "FOA § 11-2, jf. § 28-1 (1) a (a fortiori)",
        Ground::DeMinimis => "FOA § 11-2, jf. § 28-1 (1) b (a fortiori)",
        Ground::AdditionalDeliveries => "FOA § 11-2, jf. § 28-1 (1) c",
        Ground::Unforeseen => "FOA § 11-2, jf. § 28-1 (1) d",
        Ground::SupplierSuccession => "FOA § 11-2, jf. § 28-1 (1) e (a fortiori)",
        Ground::NotSubstantial => "FOA § 11-2",
        Ground::FrameworkDuration => "FOA § 11-1 (4)",
        Ground::BuyerSuccession | Ground::BelowNationalThreshold => return None,
    })
}

/// Part I: the value including options plus the cumulative increase against the national
/// threshold in force on the change's date (strictly below).
fn part_one(ctx: &Ctx) -> Finding {
    let mut f = Finding::new(
        Ground::BelowNationalThreshold,
        PART_I_PROVISION,
        Basis::Objective,
    );
    let fig = &ctx.figures;
    let total = fig.value_including_options + fig.cumulative_increase;
    let unvalued = ctx.unvalued_markers();
    if !unvalued.is_empty() {
        // The value of the change is unknown, so staying below the threshold cannot be shown.
        f.outcome(Outcome::Fail).reason(say!(|l|
            "Verdien for leverandøren av {names} er ikke oppgitt (nature.estimated_value), så det kan ikke fastslås at kontraktens verdi med endringen holder seg under den nasjonale terskelverdien; endringen vurderes etter del II.",
            "The value to the supplier of {names} is not stated (nature.estimated_value), so it cannot be shown that the contract's value with the change stays below the national threshold; the change is assessed under part II.",
            names = super::labels::elements(&unvalued).get(l)));
        return f;
    }
    let Some(national) = fig.national_threshold else {
        f.outcome(Outcome::Fail).reason(Text::new(
            "Den nasjonale terskelverdien på endringsdatoen er ukjent; endringen vurderes etter del II.",
            "The national threshold on the change date is unknown; the change is assessed under part II.",
        ));
        return f;
    };
    let below = total < national;
    let lower = if below {
        Text::new("lavere enn", "lower than")
    } else {
        Text::new("ikke lavere enn", "not lower than")
    };
    f.reason(say!(|l|
        "Kontraktens verdi medregnet opsjoner {value} pluss {what} {increase} er {total}, som er {lower} den nasjonale terskelverdien {national}.",
        "The contract value including options {value} plus {what} {increase} is {total}, which is {lower} the national threshold {national}.",
        value = nok(fig.value_including_options, l),
        increase = nok(fig.cumulative_increase, l),
        what = super::de_minimis::cumulative_label(ctx).get(l).to_lowercase(),
        total = nok(total, l),
        lower = lower.get(l),
        national = nok(national, l)));
    if below {
        f.outcome(Outcome::Pass).reason(Text::new(
            "Hele kontrakten kunne vært inngått uten kunngjøring (del I); endringen er dekket, men de grunnleggende prinsippene i anskaffelsesloven § 4 gjelder fortsatt.",
            "The whole contract could have been awarded without a notice (part I); the change is covered, but the basic principles of anskaffelsesloven § 4 still apply.",
        ));
    } else {
        f.outcome(Outcome::Fail).reason(Text::new(
            "Del I har ingen endringsbestemmelse; endringen vurderes som etter del II.",
            "Part I has no change provision; the change is assessed as under part II.",
        ));
    }
    f
}
