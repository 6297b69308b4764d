//! From findings to the assessment: which ground covers which element, the recommendation,
//! the modification notice, the warnings and the one-sentence conclusion (legal-rules.md § 3).

use crate::assessment::{Assessment, Basis, Element, ElementCoverage, Ground, Recommendation};
use crate::model::Part;
use crate::text::{Lang, Text, date_long};

use super::{Ctx, Finding, labels, pick, text};

/// Gives each element (except the new supplier, judged last) to the first ground that covers it
/// objectively, else the first that covers it on an assessment; an element a ground blocks
/// (the framework four-year rule) stays uncovered.
pub(crate) fn allocate(ctx: &Ctx, findings: &[Finding]) -> Vec<ElementCoverage> {
    let blocked = |e: Element| findings.iter().any(|f| f.blocks.contains(&e));
    let offer = |e: Element, basis: Basis| {
        findings
            .iter()
            .find(|f| f.offers.contains(&(e, basis)))
            .map(|f| f.result.test)
    };
    let mut out: Vec<ElementCoverage> = ctx
        .elements
        .iter()
        .map(|&element| {
            let found = if element == Element::NewSupplier || blocked(element) {
                None
            } else {
                offer(element, Basis::Objective)
                    .map(|g| (g, Basis::Objective))
                    .or_else(|| offer(element, Basis::Assessment).map(|g| (g, Basis::Assessment)))
            };
            ElementCoverage {
                element,
                covered_by: found.map(|(g, _)| g),
                basis: found.map(|(_, b)| b),
            }
        })
        .collect();
    inherit_joining_authorities(ctx, &mut out);
    out
}

/// For a contract that is not a framework agreement, joining authorities are a question of
/// volume: covered by whichever ground covers the price increase they bring.
fn inherit_joining_authorities(ctx: &Ctx, coverage: &mut [ElementCoverage]) {
    if ctx.is_framework() {
        return;
    }
    let price = coverage
        .iter()
        .find(|c| c.element == Element::PriceIncrease)
        .map(|c| (c.covered_by, c.basis));
    if let (Some((by, basis)), Some(joining)) = (
        price,
        coverage
            .iter_mut()
            .find(|c| c.element == Element::JoiningAuthorities && c.covered_by.is_none()),
    ) {
        joining.covered_by = by;
        joining.basis = basis;
    }
}

/// Records the supplier-succession verdict for the new-supplier element.
pub(crate) fn add_supplier_succession(coverage: &mut [ElementCoverage], finding: &Finding) {
    for c in coverage
        .iter_mut()
        .filter(|c| c.element == Element::NewSupplier)
    {
        if let Some((_, basis)) = finding
            .offers
            .iter()
            .find(|(e, _)| *e == Element::NewSupplier)
        {
            c.covered_by = Some(Ground::SupplierSuccession);
            c.basis = Some(*basis);
        }
    }
}

/// The assessment from the findings and the final coverage.
pub(crate) fn assemble(
    ctx: &Ctx,
    findings: Vec<Finding>,
    coverage: Vec<ElementCoverage>,
) -> Assessment {
    let recommendation = recommend(&coverage);
    let mut grounds: Vec<Ground> = coverage.iter().filter_map(|c| c.covered_by).collect();
    grounds.sort();
    grounds.dedup();
    let modification_notice = ctx.part == Part::III
        && grounds
            .iter()
            .any(|g| matches!(g, Ground::AdditionalDeliveries | Ground::Unforeseen));
    let mut warnings = general_warnings(ctx);
    let mut tests = Vec::new();
    for f in findings {
        for w in f.warnings {
            if !warnings.contains(&w) {
                warnings.push(w);
            }
        }
        let mut result = f.result;
        result.covers = coverage
            .iter()
            .filter(|c| c.covered_by == Some(result.test))
            .map(|c| c.element)
            .collect();
        tests.push(result);
    }
    tests.sort_by_key(|t| t.test);
    let conclusion = conclusion(ctx, recommendation, &coverage, modification_notice);
    Assessment {
        contract: ctx.contract.id.clone(),
        change: ctx.change.id.clone(),
        implicit: false,
        date: ctx.change.date,
        recommendation,
        grounds,
        modification_notice,
        part: ctx.part,
        figures: ctx.figures.clone(),
        elements: coverage,
        tests,
        warnings,
        conclusion,
    }
}

/// Uncovered → retender; covered only by an assessment → intention notice; else continue.
fn recommend(coverage: &[ElementCoverage]) -> Recommendation {
    if coverage.iter().any(|c| c.covered_by.is_none()) {
        Recommendation::Retender
    } else if coverage.iter().any(|c| c.basis == Some(Basis::Assessment)) {
        Recommendation::IntentionNotice
    } else {
        Recommendation::Continue
    }
}

/// Warnings that concern the whole assessment rather than one ground.
fn general_warnings(ctx: &Ctx) -> Vec<Text> {
    let mut out = Vec::new();
    match &ctx.limits {
        Some(limits) if limits.possibly_outdated => out.push(text(|l| match l {
            Lang::Nb => format!(
                "Terskelverditabellen kan være utdatert: den nyeste perioden gjelder fra {}, mer enn to år før endringsdatoen {}. Kontroller gjeldende terskelverdier (nye verdier kan oppgis i thresholds.json).",
                date_long(limits.period.from, l),
                date_long(ctx.change.date, l)
            ),
            Lang::En => format!(
                "The thresholds table may be outdated: the newest period applies from {}, more than two years before the change date {}. Check the thresholds in force (newer values can be given in thresholds.json).",
                date_long(limits.period.from, l),
                date_long(ctx.change.date, l)
            ),
        })),
        Some(_) => {}
        None => out.push(text(|l| match l {
            Lang::Nb => format!(
                "Terskelverditabellen har ingen verdier for endringsdatoen {}; terskelverdiene kunne ikke brukes.",
                date_long(ctx.change.date, l)
            ),
            Lang::En => format!(
                "The thresholds table has no values for the change date {}; the thresholds could not be applied.",
                date_long(ctx.change.date, l)
            ),
        })),
    }
    if ctx.derived_part.is_none() {
        out.push(text(|l| {
            pick(
                l,
                "Kontraktens del (I, II eller III) kunne ikke avledes av terskelverdiene på signeringsdatoen og er ikke oppgitt (award.part); vurderingen er gjort etter del III.",
                "The contract's part (I, II or III) could not be derived from the thresholds on the signing date and is not given (award.part); the assessment applies part III.",
            )
            .to_owned()
        }));
    }
    if ctx.contract.value_is_estimate {
        out.push(text(|l| {
            pick(
                l,
                "Kontraktsverdien er et estimat; prosentgrensene er regnet av estimatet og er derfor usikre.",
                "The contract value is an estimate; the percentage limits are computed from the estimate and are therefore uncertain.",
            )
            .to_owned()
        }));
    }
    let others = ctx
        .contract
        .proposed_changes
        .iter()
        .filter(|c| {
            c.id != ctx.change.id
                && (c.value_change > rust_decimal::Decimal::ZERO || c.new_end.is_some())
        })
        .count();
    if others > 0 {
        out.push(text(|l| match l {
            Lang::Nb => format!(
                "Kontrakten har {} med prisøkning eller forlengelse. Hver endring er vurdert for seg mot endringene som allerede er gjort; gjennomføres flere, teller de som gjøres etter bokstav b eller f med i den samlede prisøkningen for de senere.",
                if others == 1 { "én annen foreslått endring".to_owned() } else { format!("{others} andre foreslåtte endringer") }
            ),
            Lang::En => format!(
                "The contract has {} with a price increase or extension. Each change is assessed on its own against the changes already made; where several are made, those made under (b) or (f) count towards the cumulative increase of the later ones.",
                if others == 1 { "one other proposed change".to_owned() } else { format!("{others} other proposed changes") }
            ),
        }));
    }
    if ctx.change.new_end.is_some_and(|e| e < ctx.contract.end) {
        out.push(text(|l| {
            pick(
                l,
                "Endringen forkorter løpetiden. Reglene verktøyet bygger på, behandler ikke forkortelse som eget element; vurder om forkortelsen endrer kontraktens økonomiske balanse.",
                "The change shortens the term. The rules the tool applies do not treat a shortening as an element; consider whether it alters the contract's economic balance.",
            )
            .to_owned()
        }));
    }
    out
}

/// The recommendation in one sentence.
fn conclusion(
    ctx: &Ctx,
    recommendation: Recommendation,
    coverage: &[ElementCoverage],
    modification_notice: bool,
) -> Text {
    let names = |pred: &dyn Fn(&ElementCoverage) -> bool| {
        labels::join(
            &coverage
                .iter()
                .filter(|c| pred(c))
                .map(|c| {
                    let name = labels::element(c.element);
                    Text::new(format!("«{}»", name.nb), format!("«{}»", name.en))
                })
                .collect::<Vec<_>>(),
        )
    };
    let mut grounds: Vec<Ground> = coverage.iter().filter_map(|c| c.covered_by).collect();
    grounds.sort();
    grounds.dedup();
    let grounds = labels::join(
        &grounds
            .iter()
            .map(|g| labels::ground(*g))
            .collect::<Vec<_>>(),
    );
    let notice = if modification_notice {
        text(|l| {
            pick(
                l,
                " Endringen må kunngjøres med en kunngjøring om endring (§ 28-1 (3)).",
                " A contract modification notice must be published (§ 28-1 (3)).",
            )
            .to_owned()
        })
    } else {
        Text::new("", "")
    };
    let subject = subject(ctx);
    let body = match recommendation {
        Recommendation::Continue if coverage.is_empty() => text(|l| {
            let change = subject.get(l);
            match l {
                Lang::Nb => format!(
                    "{change} har ingen elementer som krever et endringsgrunnlag, og kan gjennomføres uten ny konkurranse."
                ),
                Lang::En => format!(
                    "{change} has no element that needs a ground for modification and may be made without a new competition."
                ),
            }
        }),
        Recommendation::Continue => text(|l| {
            let change = subject.get(l);
            match l {
                Lang::Nb => format!(
                    "{change} kan gjennomføres uten ny konkurranse (grunnlag: {}).",
                    grounds.nb
                ),
                Lang::En => format!(
                    "{change} may be made without a new competition (grounds: {}).",
                    grounds.en
                ),
            }
        }),
        Recommendation::IntentionNotice => {
            let judged = names(&|c| c.basis == Some(Basis::Assessment));
            text(|l| {
                let change = subject.get(l);
                match l {
                    Lang::Nb => format!(
                        "{change} kan trolig gjennomføres uten ny konkurranse, men {} dekkes bare etter en skjønnsmessig vurdering (grunnlag: {}); publiser en intensjonskunngjøring og vent karensperioden ut før endringen avtales.",
                        judged.nb, grounds.nb
                    ),
                    Lang::En => format!(
                        "{change} can probably be made without a new competition, but {} is covered only on an assessment (grounds: {}); publish an intention notice and wait out the standstill before agreeing the change.",
                        judged.en, grounds.en
                    ),
                }
            })
        }
        Recommendation::Retender => {
            let open = names(&|c| c.covered_by.is_none());
            text(|l| {
                let change = subject.get(l);
                match l {
                    Lang::Nb => format!(
                        "{change} er en vesentlig endring som krever ny konkurranse: {} er ikke dekket av noe endringsgrunnlag.",
                        open.nb
                    ),
                    Lang::En => format!(
                        "{change} is a substantial change that requires a new competition: {} is not covered by any ground for modification.",
                        open.en
                    ),
                }
            })
        }
    };
    Text::new(body.nb + &notice.nb, body.en + &notice.en)
}

/// The subject of the conclusion: the transfer for the implicit change, else «the change».
fn subject(ctx: &Ctx) -> Text {
    if ctx.change.id == super::IMPLICIT_CHANGE_ID
        && ctx.change.description == super::IMPLICIT_CHANGE_DESCRIPTION
    {
        Text::new(
            "Overdragelsen til den sammenslåtte kommunen",
            "The transfer to the merged municipality",
        )
    } else {
        Text::new("Endringen", "The change")
    }
}
