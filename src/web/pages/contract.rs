//! «Kontrakt»: one contract — its facts, options, clauses and earlier modifications; every
//! assessed change with its verdict, tests, reasons and figures, as in the memo; the memo as
//! PDF; the contract's deadlines; and the what-if form.
//!
//! The page is a list of sections (`sections`), each a function of the contract; a later
//! analysis (headroom, consolidation) is one more entry there and in the table of contents.

use maud::{Markup, html};

use super::whatif::WhatIf;
use super::{
    Ctx, Nav, contract_link, deadlines, encode, facts, layout, lines, recommendation, severity,
};
use crate::analysis::consolidation::Group;
use crate::assessment::Assessment;
use crate::model::{AuthorityKind, Contract, Part};
use crate::plan::ContractPlan;
use crate::render::labels;
use crate::render::memo::{self, MemoData};
use crate::text::{date_long, date_short, nok};
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
        let Ok(m) = a.memo(x, ctx.lang, ctx.snap.today, &ctx.snap.fingerprint) else {
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
        anchor: "handlingsrom".into(),
        title: ctx.t("Handlingsrom", "Headroom").into(),
        body: headroom_section(ctx, a, c),
    });
    if let Some(g) = a
        .consolidation
        .iter()
        .find(|g| !g.alternatives.is_empty() && g.contracts().any(|id| id == c.id))
    {
        sections.push(Section {
            anchor: "samordning".into(),
            title: ctx
                .t("Overlappende kontrakter", "Overlapping contracts")
                .into(),
            body: consolidation_section(ctx, c, g),
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
        @if !m.headroom.is_empty() {
            h3 { (ctx.t("Handlingsrom på endringsdatoen", "Headroom on the change's date")) }
            @for s in &m.headroom { p { (s) } }
        }
        h3 { (ctx.t("Konklusjon", "Conclusion")) }
        p { (m.conclusion) }
        @if !m.warnings.is_empty() {
            h3 { (ctx.t("Usikkerhet og advarsler", "Uncertainties and warnings")) }
            ul.warnings { @for w in &m.warnings { li { (w) } } }
        }
    }
}

/// How far the contract can stretch today (`analysis::headroom`): the sentences of the memo and
/// the room under each ground.
fn headroom_section(ctx: &Ctx<'_>, a: &Assessed, c: &Contract) -> Markup {
    let p = &a.loaded.portfolio;
    let h = crate::analysis::headroom::headroom(
        c,
        p.merger.as_ref(),
        &a.loaded.thresholds,
        ctx.snap.today,
    );
    if let Some(end) = h.contract_ended {
        return html! { p { (ctx.t("Kontrakten utløp", "The contract ended on")) " " (date_long(end, ctx.lang)) "." } };
    }
    html! {
        @for s in memo::headroom_sentences(&h, ctx.lang) { p { (s) } }
        table {
            thead { tr {
                th { (ctx.t("Grunnlag", "Ground")) } th { (ctx.t("Hjemmel", "Provision")) }
                th.num { (ctx.t("Rom", "Room")) } th { (ctx.t("Til og med", "Until")) } th { (ctx.t("Forklaring", "Explanation")) }
            } }
            tbody {
                @for g in &h.grounds {
                    tr {
                        td { (labels::ground(g.ground, ctx.lang)) @if let Some(id) = &g.id { " «" (id) "»" } }
                        td.sub { (labels::provision(g.provision, ctx.lang)) }
                        td.num { @if let Some(r) = g.room { (nok(r, ctx.lang)) } @else { "–" } }
                        td { @if let Some(u) = g.until { (date_short(u, ctx.lang)) } @else { "–" } }
                        td.sub { (g.reason.get(ctx.lang)) }
                    }
                }
            }
        }
        @for n in &h.notes { p.sub { (n.get(ctx.lang)) } }
    }
}

/// The group of overlapping contracts this one belongs to, with the ranked alternatives
/// (`analysis::consolidation`).
fn consolidation_section(ctx: &Ctx<'_>, c: &Contract, g: &Group) -> Markup {
    // The best few, and keeping this contract wherever it ranks.
    const SHOWN: usize = 6;
    let mut ranked: Vec<_> = g.alternatives.iter().collect();
    ranked.sort_by_key(|x| x.rank);
    let own = ranked
        .iter()
        .skip(SHOWN)
        .find(|x| x.keep.as_deref() == Some(c.id.as_str()))
        .copied();
    ranked.truncate(SHOWN);
    ranked.extend(own);
    let hidden = g.alternatives.len() - ranked.len();
    html! {
        p { (ctx.t("Samme behov dekkes av", "The same need is served by")) " "
            @for (i, id) in g.contracts().enumerate() {
                @if i > 0 { ", " }
                @if id == c.id { strong { (id) } } @else { (contract_link(ctx, id, id)) }
            }
            " (" (g.group) ")."
        }
        @for r in &g.reasons { p { strong { (r.get(ctx.lang)) } } }
        table {
            thead { tr {
                th { "#" } th { (ctx.t("Alternativ", "Alternative")) } th { (ctx.t("Vurdering", "Verdict")) }
                th.num { (ctx.t("Eksponering", "Exposure")) } th { (ctx.t("Én kontrakt fra", "One contract from")) }
                th { (ctx.t("Begrunnelse", "Reasons")) }
            } }
            tbody {
                @for x in &ranked {
                    tr {
                        td { (x.rank) }
                        td { @match x.keep.as_deref() {
                            Some(k) => { (ctx.t("Behold", "Keep")) " " (k) },
                            None => { (ctx.t("Ny felles konkurranse", "New common competition")) },
                        } }
                        td { (recommendation(ctx, Some(x.recommendation))) }
                        td.num { (nok(x.exposure, ctx.lang)) }
                        td { @if let Some(d) = x.one_contract_from { (date_short(d, ctx.lang)) } @else { "–" } }
                        td.sub { ul { @for r in &x.reasons { li { (r.get(ctx.lang)) } } } }
                    }
                }
            }
        }
        @if hidden > 0 {
            p.sub { (hidden) " " (ctx.t("alternativer til vises av «vesentlig consolidate».", "more alternatives are listed by «vesentlig consolidate».")) }
        }
        p.sub { (ctx.t(
            "Eksponering: verdien av resten av løpetiden for kontrakter som må avsluttes ved sammenslåingen uten hjemmel. Metoden står i docs/consolidation.md.",
            "Exposure: the value of the rest of the term of contracts that must end at the merger without a right to. The method is in docs/consolidation.md.")) }
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
