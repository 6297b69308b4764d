//! «Kontrakt»: one contract — its facts, options, clauses and earlier modifications; every
//! assessed change with its verdict, tests, reasons and figures, as in the memo; the memo as
//! PDF; the contract's deadlines; and the what-if form.
//!
//! The page is a list of sections (`sections`), each a function of the contract; a later
//! analysis (headroom, consolidation) is one more entry there and in the table of contents.

use maud::{Markup, html};

use super::whatif::WhatIf;
use super::{Ctx, Nav, deadlines, encode, facts, layout, lines, recommendation, severity};
use crate::assessment::Assessment;
use crate::model::{AuthorityKind, Contract, Part};
use crate::plan::ContractPlan;
use crate::render::memo::{self, MemoData};
use crate::web::snapshot::Assessed;

/// One section of the contract page: its anchor, its title in the table of contents, and
/// its content.
struct Section {
    anchor: String,
    title: String,
    body: Markup,
}

pub(crate) fn page(ctx: &Ctx<'_>, a: &Assessed, position: usize, whatif: &WhatIf) -> Markup {
    let c = &a.loaded.portfolio.contracts[position];
    let plan = &a.plan.contracts[position];
    let own: Vec<&Assessment> = a.assessments_of(position).collect();
    let mut sections = vec![Section {
        anchor: "fakta".into(),
        title: ctx.t("Fakta", "Facts").into(),
        body: facts_section(ctx, a, c, own.first().map(|x| x.part)),
    }];
    for x in &own {
        // The memo's data: the page shows each change as its memo does.
        let Ok(m) = crate::render::batch::memo_data(
            &a.loaded.portfolio,
            Some(&a.plan),
            ctx.lang,
            ctx.snap.today,
            &ctx.snap.fingerprint,
            x,
        ) else {
            continue;
        };
        sections.push(Section {
            anchor: format!("endring-{}", x.change),
            title: if x.implicit {
                ctx.t("Overdragelse", "Transfer").into()
            } else {
                format!("{} «{}»", ctx.t("Endring", "Change"), x.change)
            },
            body: change_section(ctx, c, x, &m),
        });
    }
    sections.push(Section {
        anchor: "frister".into(),
        title: ctx.t("Frister", "Deadlines").into(),
        body: deadlines_section(ctx, a, plan),
    });
    sections.push(Section {
        anchor: "hva-om".into(),
        title: ctx.t("Prøv en endring", "Try a change").into(),
        body: super::whatif::section(ctx, a, c, whatif),
    });
    let content = html! {
        p.crumbs { a href=(ctx.href("/kontrakter")) { (ctx.t("Kontrakter", "Contracts")) } " › " (c.id) }
        h1 { (c.title) }
        p.lead {
            (c.supplier.name)
            @if let Some(s) = &c.system { " · " (s) }
            " · " (ctx.t("systemprioritet", "system priority")) " "
            strong { (plan.priority.priority.label().get(ctx.lang)) }
            @if plan.priority.critical_by_area { " (" (ctx.t("kritisk område", "critical area")) ")" }
        }
        div.verdict {
            (recommendation(ctx, plan.recommendation))
            span {
                @match own.len() {
                    0 => { (ctx.t("Ingen endring er vurdert for denne kontrakten.", "No change has been assessed for this contract.")) }
                    1 => { (ctx.t("Én vurdert endring.", "One assessed change.")) }
                    n => { (n) " " (ctx.t("vurderte endringer; den strengeste anbefalingen vises.", "assessed changes; the strictest recommendation is shown.")) }
                }
            }
        }
        nav.toc aria-label=(ctx.t("Innhold", "Contents")) {
            @for s in &sections { a href={ "#" (s.anchor) } { (s.title) } }
        }
        @for s in &sections {
            section.block id=(s.anchor) {
                h2 { (s.title) }
                (s.body)
            }
        }
    };
    layout(ctx, &c.title, Nav::Contracts, content)
}

fn facts_section(ctx: &Ctx<'_>, a: &Assessed, c: &Contract, part: Option<Part>) -> Markup {
    let merger = a.loaded.portfolio.merger.as_ref();
    // Without an assessment the part is the one at award (FOA §§ 5-1, 5-4).
    let kind = merger.map_or(AuthorityKind::SubCentral, |m| m.authority_kind);
    let part = part
        .or_else(|| a.loaded.thresholds.part_at_award(c, kind))
        .unwrap_or(Part::III);
    let lang = ctx.lang;
    let options = memo::options(c, lang);
    let clauses = memo::clauses(c, lang);
    let modifications = memo::modifications(c, lang);
    html! {
        (facts(&memo::contract_facts(c, part, merger, lang)))
        h3 { (ctx.t("Opsjoner", "Options")) }
        @if options.is_empty() { p.muted { (ctx.t("Ingen.", "None.")) } } @else {
            table {
                thead { tr { th { "Id" } th { (ctx.t("Type", "Kind")) } th { (ctx.t("Omfang", "Scope")) } th { (ctx.t("Verdi", "Value")) } th { (ctx.t("Status", "Status")) } } }
                tbody { @for o in &options { tr { td { code { (o.id) } } td { (o.kind) } td { (o.scope) } td.num { (o.value) } td { (o.status) } } } }
            }
        }
        h3 { (ctx.t("Endringsklausuler", "Change clauses")) }
        @if clauses.is_empty() { p.muted { (ctx.t("Ingen.", "None.")) } }
        @for cl in &clauses {
            blockquote.clause { p { code { (cl.id) } " " (cl.text) } p.sub { (cl.details) } }
        }
        h3 { (ctx.t("Tidligere endringer", "Earlier modifications")) }
        @if modifications.is_empty() { p.muted { (ctx.t("Ingen.", "None.")) } } @else {
            table {
                thead { tr { th { (ctx.t("Dato", "Date")) } th { (ctx.t("Beskrivelse", "Description")) } th { (ctx.t("Verdiendring", "Value change")) } th { (ctx.t("Grunnlag", "Ground")) } } }
                tbody { @for m in &modifications { tr { td.date { (m.date) } td { (m.description) } td.num { (m.value_change) } td { (m.ground) } } } }
            }
        }
    }
}

fn change_section(ctx: &Ctx<'_>, c: &Contract, a: &Assessment, m: &MemoData) -> Markup {
    let memo_href = |lang: &str| {
        format!(
            "/kontrakter/{}/notat/{}?lang={lang}",
            encode(&c.id),
            encode(&a.change)
        )
    };
    html! {
        p.sub { (m.change_heading) }
        p.description { (lines(&m.change_description)) }
        (assessment_body(ctx, m))
        h3 { (ctx.t("Neste steg", "Next steps")) }
        ol.steps { @for s in &m.next_steps { li { (s) } } }
        p.downloads {
            a.button href=(memo_href(ctx.t("nb", "en"))) download {
                (ctx.t("Last ned notatet (PDF)", "Download the memo (PDF)"))
            }
            " "
            a href=(memo_href(ctx.t("en", "nb"))) download {
                (ctx.t("på engelsk", "in Norwegian"))
            }
        }
    }
}

/// The verdict and its reasons as the memo gives them: recommendation, summary, the change's
/// facts, how each element is covered, every test, the calculations and the warnings. Shared by
/// the assessed changes and the what-if result.
pub(crate) fn assessment_body(ctx: &Ctx<'_>, m: &MemoData) -> Markup {
    html! {
        div class={ "summary rec-" (m.recommendation_code) } {
            span class={ "badge rec-" (m.recommendation_code) } { (m.recommendation) }
            p { (m.summary) }
        }
        (facts(&m.change_facts))
        h3 { (ctx.t("Endringens elementer", "Elements of the change")) }
        table {
            thead { tr { th { (ctx.t("Element", "Element")) } th { (ctx.t("Dekket av", "Covered by")) } th { (ctx.t("Grunnlag", "Basis")) } } }
            tbody {
                @for e in &m.elements {
                    tr class=[(!e.covered).then_some("uncovered")] { td { (e.element) } td { (e.covered_by) } td { (e.basis) } }
                }
            }
        }
        h3 { (ctx.t("Vurderingene", "The tests")) }
        div.tests {
            @for t in &m.tests {
                details class={ "test out-" (t.outcome_code) } open[t.outcome_code != "not_applicable"] {
                    summary {
                        span class={ "badge out-" (t.outcome_code) } { (t.outcome) }
                        " " strong { (t.title) } " "
                        span.provision { (t.provision) }
                    }
                    @if !t.covers.is_empty() { p.sub { (ctx.t("Dekker", "Covers")) ": " (t.covers) } }
                    ul { @for r in &t.reasons { li { (r) } } }
                    p.sub { (ctx.t("Grunnlag", "Basis")) ": " (t.basis) }
                }
            }
        }
        h3 { (ctx.t("Beregninger", "Calculations")) }
        table.calc {
            tbody {
                @for r in &m.calculations {
                    tr { th scope="row" { (r.label) } td.num { (r.value) } td.sub { (r.note) } }
                }
            }
        }
        h3 { (ctx.t("Konklusjon", "Conclusion")) }
        p { (m.conclusion) }
        @if !m.warnings.is_empty() {
            h3 { (ctx.t("Usikkerhet og advarsler", "Uncertainties and warnings")) }
            ul.warnings { @for w in &m.warnings { li { (w) } } }
        }
    }
}

fn deadlines_section(ctx: &Ctx<'_>, a: &Assessed, plan: &ContractPlan) -> Markup {
    let warnings: Vec<_> = a
        .plan
        .warnings
        .iter()
        .filter(|w| w.contract == plan.contract)
        .collect();
    html! {
        (deadlines(ctx, plan.actions.iter(), false, true))
        @if !warnings.is_empty() {
            ul.alerts {
                @for w in warnings { li { (severity(ctx, w.severity)) " " (w.text.get(ctx.lang)) } }
            }
        }
    }
}
