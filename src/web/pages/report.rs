//! «Rapport»: the portfolio report for the steering group — every assessed change with its
//! verdict — and the report as PDF, rendered on request by the same renderer as
//! `vesentlig report`.

use maud::{Markup, html};

use super::{Ctx, Nav, contract_link, encode, layout};
use crate::web::snapshot::Assessed;

pub(crate) fn page(ctx: &Ctx<'_>, a: &Assessed) -> Markup {
    let report = a.report(ctx.lang);
    let content = html! {
        h1 { (ctx.t("Rapport", "Report")) }
        p.lead { (ctx.t(
            "Rapporten til styringsgruppen: fordeling av anbefalinger, alle vurderte endringer, tidslinjen og fristene, i én PDF.",
            "The report for the steering group: the recommendations, every assessed change, the timeline and the deadlines, in one PDF.")) }
        p.downloads {
            a.button href=(ctx.href("/rapport.pdf")) download { (ctx.t("Last ned rapporten (PDF)", "Download the report (PDF)")) }
            " "
            a href=(format!("/rapport.pdf?lang={}", ctx.t("en", "nb"))) download { (ctx.t("på engelsk", "in Norwegian")) }
        }
        h2 { (ctx.t("Vurderte endringer", "Assessed changes")) }
        table {
            thead { tr {
                th { (ctx.t("Kontrakt", "Contract")) }
                th { (ctx.t("Endring", "Change")) }
                th { (ctx.t("Dato", "Date")) }
                th { (ctx.t("Del", "Part")) }
                th { (ctx.t("Anbefaling", "Recommendation")) }
                th { (ctx.t("Grunnlag", "Grounds")) }
            } }
            tbody {
                @for r in &report.changes {
                    tr {
                        td { (contract_link(ctx, &r.contract, &r.title)) br; span.sub { (r.contract) } }
                        td { a href=(ctx.href(&format!("/kontrakter/{}#endring-{}", encode(&r.contract), r.change))) { code { (r.change) } } }
                        td.date { (r.date) }
                        td { (r.part) }
                        td { span class={ "badge rec-" (r.code) } { (r.recommendation) } }
                        td { (r.grounds) @if !r.notice.is_empty() { br; span.sub { (r.notice) } } }
                    }
                }
            }
        }
    };
    layout(ctx, ctx.t("Rapport", "Report"), Nav::Report, content)
}
