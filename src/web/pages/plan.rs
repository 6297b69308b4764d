//! «Plan»: every dated action of the procurement plan, the planner's warnings, and the plan as
//! CSV (for Excel) and ICS (for the calendar).

use maud::{Markup, html};

use super::{Ctx, Nav, contract_link, deadlines, layout, severity};
use crate::plan::render::convention;
use crate::web::snapshot::Assessed;

pub(crate) fn page(ctx: &Ctx<'_>, a: &Assessed) -> Markup {
    let plan = &a.plan;
    let content = html! {
        h1 { (ctx.t("Plan", "Plan")) }
        p.lead { (ctx.t(
            "Frister for oppsigelse, intensjonskunngjøring og nye konkurranser, beregnet fra lovens minstefrister og ledetidsmodellen (planning.json).",
            "Deadlines for termination, intention notices and new competitions, computed from the legal minimum time limits and the lead-time model (planning.json).")) }
        p.downloads {
            a.button href=(ctx.href("/plan.csv")) download { (ctx.t("Last ned for Excel (CSV)", "Download for Excel (CSV)")) }
            " "
            a.button href=(ctx.href("/plan.ics")) download { (ctx.t("Last ned til kalenderen (ICS)", "Download to the calendar (ICS)")) }
        }
        p.muted { (convention(ctx.lang)) }
        @if !plan.warnings.is_empty() {
            h2 #advarsler { (ctx.t("Advarsler", "Warnings")) }
            ul.alerts {
                @for w in &plan.warnings {
                    li {
                        (severity(ctx, w.severity)) " " (w.text.get(ctx.lang))
                        @if !w.contract.is_empty() { " " (contract_link(ctx, &w.contract, ctx.t("Til kontrakten →", "To the contract →"))) }
                    }
                }
            }
        }
        h2 { (ctx.t("Alle frister", "All deadlines")) " (" (plan.actions.len()) ")" }
        (deadlines(ctx, plan.actions.iter(), true, true))
    };
    layout(ctx, ctx.t("Plan", "Plan"), Nav::Plan, content)
}
