//! From findings to the assessment: which ground covers which element, the recommendation,
//! the modification notice, the warnings and the one-sentence conclusion (legal-rules.md § 3).

use crate::assessment::{
    Assessment, Basis, Element, ElementCoverage, Ground, Outcome, Recommendation,
};
use crate::model::Part;
use crate::text::{Lang, Text, date_long};

use super::{Ctx, Finding, labels};

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
    let grounds = grounds_relied_on(&coverage);
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
        // A ground that could cover something the allocation gave to another ground does not
        // decide the case: say so, so that «usikker» here is not read as the verdict.
        if !f.offers.is_empty()
            && result.covers.is_empty()
            && matches!(result.outcome, Outcome::Pass | Outcome::Uncertain)
        {
            result.reasons.push(Text::new(
                "Ikke avgjørende: det denne bestemmelsen kunne dekke, er dekket av et annet grunnlag.",
                "Not decisive: what this provision could cover is covered by another ground.",
            ));
        }
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
        contract_ended: None,
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
        Some(limits) if limits.possibly_outdated => out.push(say!(|l| "Terskelverditabellen (FOA § 5-3) kan være utdatert: den nyeste perioden gjelder fra {}, mer enn to år før endringsdatoen {}. Kontroller gjeldende terskelverdier (nye verdier kan oppgis i thresholds.json).", "The thresholds table (FOA § 5-3) may be outdated: the newest period applies from {}, more than two years before the change date {}. Check the thresholds in force (newer values can be given in thresholds.json).", date_long(limits.period.from, l),
                date_long(ctx.change.date, l))),
        Some(_) => {}
        None => out.push(say!(|l| "Terskelverditabellen (FOA § 5-3) har ingen verdier for endringsdatoen {}; terskelverdiene kunne ikke brukes.", "The thresholds table (FOA § 5-3) has no values for the change date {}; the thresholds could not be applied.", date_long(ctx.change.date, l))),
    }
    if ctx.derived_part.is_none() {
        out.push(Text::new(
            "Kontraktens del (I, II eller III) kunne ikke avledes av terskelverdiene på signeringsdatoen og er ikke oppgitt (award.part); vurderingen er gjort etter del III.",
            "The contract's part (I, II or III) could not be derived from the thresholds on the signing date and is not given (award.part); the assessment applies part III.",
        ));
    }
    if ctx.contract.value_is_estimate {
        out.push(Text::new(
            "Kontraktsverdien er et estimat; prosentgrensene er regnet av estimatet og er derfor usikre.",
            "The contract value is an estimate; the percentage limits are computed from the estimate and are therefore uncertain.",
        ));
    }
    let others = ctx
        .contract
        .proposed_changes
        .iter()
        .filter(|c| {
            c.id != ctx.change.id
                && (c.value_change > rust_decimal::Decimal::ZERO
                    || c.new_end.is_some_and(|e| e > ctx.contract.end))
        })
        .count();
    if others > 0 {
        out.push(Text::from_fn(|l| match l {
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
        out.push(Text::new(
            "Endringen forkorter løpetiden. Reglene verktøyet bygger på, behandler ikke forkortelse som eget element; vurder om forkortelsen endrer kontraktens økonomiske balanse.",
            "The change shortens the term. The rules the tool applies do not treat a shortening as an element; consider whether it alters the contract's economic balance.",
        ));
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
    let subject = subject(ctx);
    let grounds = labels::join(
        &grounds_relied_on(coverage)
            .into_iter()
            .map(labels::ground)
            .collect::<Vec<_>>(),
    );
    let body = match recommendation {
        Recommendation::Continue if coverage.is_empty() => say!(
            |l| "{change} har ingen elementer som krever et endringsgrunnlag, og kan gjennomføres uten ny konkurranse.",
            "{change} has no element that needs a ground for modification and may be made without a new competition.",
            change = subject.get(l)
        ),
        Recommendation::Continue => say!(
            |l| "{change} kan gjennomføres uten ny konkurranse (grunnlag: {grounds}).",
            "{change} may be made without a new competition (grounds: {grounds}).",
            change = subject.get(l),
            grounds = grounds.get(l)
        ),
        Recommendation::IntentionNotice => {
            let (judged, many) = element_names(coverage, |c| c.basis == Some(Basis::Assessment));
            // § 21-5 (part III: Doffin and TED) or § 8-18 (part II: Doffin); a conclusion may
            // be made at the earliest once the standstill of § 25-3 (1) b has run out.
            let notice = match ctx.part {
                Part::III => Text::new("i Doffin (§ 21-5)", "in Doffin and TED (§ 21-5)"),
                Part::II | Part::I => Text::new("i Doffin (§ 8-18)", "in Doffin (§ 8-18)"),
            };
            say!(
                |l| "{change} kan trolig gjennomføres uten ny konkurranse, men {judged}{verb} dekkes bare etter en skjønnsmessig vurdering (grunnlag: {grounds}). Publiser en intensjonskunngjøring {notice} og vent karensperioden ut (§ 25-3) før endringen avtales.",
                "{change} can probably be made without a new competition, but {judged}{verb} covered only on an assessment (grounds: {grounds}). Publish an intention notice {notice} and wait out the standstill (§ 25-3) before agreeing the change.",
                change = subject.get(l),
                judged = judged.get(l),
                grounds = grounds.get(l),
                notice = notice.get(l),
                verb = verb(l, many, "")
            )
        }
        Recommendation::Retender => {
            let (open, many) = element_names(coverage, |c| c.covered_by.is_none());
            say!(
                |l| "{change} er en vesentlig endring som krever ny konkurranse: {open}{verb} ikke dekket av noe endringsgrunnlag.",
                "{change} is a substantial change that requires a new competition: {open}{verb} not covered by any ground for modification.",
                change = subject.get(l),
                open = open.get(l),
                verb = verb(l, many, " er")
            )
        }
    };
    // § 28-1 (3): said after a recommendation to go ahead; after a retender it would mislead.
    if modification_notice && recommendation != Recommendation::Retender {
        let notice = Text::new(
            " Endringen skal i tillegg kunngjøres med en kunngjøring om endring (§ 28-1 (3)).",
            " A contract modification notice must also be published (§ 28-1 (3)).",
        );
        return Text::new(body.nb + &notice.nb, body.en + &notice.en);
    }
    body
}

/// The names of the elements that satisfy `pred`, joined as in prose («a», «b» og «c» / a, b and
/// c), and whether there is more than one.
fn element_names(
    coverage: &[ElementCoverage],
    pred: impl Fn(&ElementCoverage) -> bool,
) -> (Text, bool) {
    let chosen: Vec<Element> = coverage
        .iter()
        .filter(|c| pred(c))
        .map(|c| c.element)
        .collect();
    let names: Vec<Text> = chosen
        .iter()
        .map(|e| {
            let name = labels::element(*e);
            Text::new(format!("«{}»", name.nb), format!("the {}", name.en))
        })
        .collect();
    // English agreement: «joining authorities», «relaxed requirements» … are plural nouns.
    let plural = chosen.len() > 1
        || chosen.first().is_some_and(|e| {
            matches!(
                e,
                Element::JoiningAuthorities
                    | Element::PriceTermsFavourSupplier
                    | Element::RelaxesRequirements
                    | Element::NewKindsOfDeliveries
            )
        });
    (labels::join(&names), plural)
}

/// The verb after a list of element names: English agrees in number; Norwegian gets `nb`.
fn verb(l: Lang, many: bool, nb: &'static str) -> &'static str {
    match (l, many) {
        (Lang::Nb, _) => nb,
        (Lang::En, true) => " are",
        (Lang::En, false) => " is",
    }
}

/// The grounds relied on, in test order, each once.
fn grounds_relied_on(coverage: &[ElementCoverage]) -> Vec<Ground> {
    let mut grounds: Vec<Ground> = coverage.iter().filter_map(|c| c.covered_by).collect();
    grounds.sort();
    grounds.dedup();
    grounds
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
