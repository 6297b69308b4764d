//! «Oversikt»: what needs doing — verdict counts, the next 90 days' deadlines, the plan's
//! critical warnings, the timeline and the thresholds in force.

use maud::{Markup, html};

use super::{Ctx, Nav, contract_link, deadlines, layout, severity};
use crate::model::{AuthorityKind, Subject};
use crate::plan::Severity;
use crate::render::report::{ReportData, TimelineRow};
use crate::text::{date_long, nok};
use crate::web::snapshot::Assessed;

/// Days ahead the overview lists deadlines for.
pub const HORIZON_DAYS: u64 = 90;
/// Rows of a list shown on the overview before it points to the full page.
const LIST_MAX: usize = 25;
/// Contracts drawn on the overview's timeline (the first to expire).
pub const TIMELINE_MAX: usize = 40;

pub(crate) fn page(ctx: &Ctx<'_>, a: &Assessed) -> Markup {
    let report = a.report(ctx.lang);
    let p = &a.loaded.portfolio;
    let upcoming: Vec<_> = a.plan.upcoming(HORIZON_DAYS).collect();
    let critical: Vec<_> = a
        .plan
        .warnings
        .iter()
        .filter(|w| w.severity == Severity::Critical)
        .collect();
    let others = a
        .plan
        .warnings
        .iter()
        .filter(|w| w.severity == Severity::Warning)
        .count();
    let content = html! {
        h1 { (ctx.t("Oversikt", "Overview")) }
        p.lead {
            (p.contracts.len()) " " (ctx.t("kontrakter", "contracts")) ", "
            (a.assessments.len()) " " (ctx.t("vurderte endringer", "assessed changes")) "."
            @if let Some(m) = &p.merger {
                " " (m.name) " "
                (ctx.t("trer i kraft", "takes effect on")) " " strong { (date_long(m.effective, ctx.lang)) }
                @let days = (m.effective - a.plan.today).num_days();
                @if days > 0 { " (" (ctx.t("om", "in")) " " (days) " " (ctx.t("dager", "days")) ")" }
                "."
            }
        }
        section.cards aria-label=(ctx.t("Anbefalinger", "Recommendations")) {
            @for c in &report.counts {
                a class={ "card rec-" (c.code) } href=(ctx.href(&format!("/kontrakter?anbefaling={}", c.code))) {
                    span.number { (c.count) }
                    span.label { (c.label) }
                    span.hint { (ctx.t("endringer – vis kontraktene", "changes – show the contracts")) }
                }
            }
        }
        div.columns {
            section #frister {
                h2 { (ctx.t("Frister de neste 90 dagene", "Deadlines in the next 90 days")) }
                (deadlines(ctx, upcoming.iter().take(LIST_MAX).copied(), true, false))
                @if upcoming.len() > LIST_MAX {
                    p { a href=(ctx.href("/plan")) { (ctx.t("Alle", "All")) " " (upcoming.len()) " " (ctx.t("frister i planen", "deadlines in the plan")) " →" } }
                }
            }
            section #advarsler {
                h2 { (ctx.t("Kritiske advarsler", "Critical warnings")) }
                p.muted { (ctx.t(
                    "Kritiske systemer som kan stå uten lovlig kontrakt ved sammenslåingen.",
                    "Critical systems that may be without a lawful contract at the merger.")) }
                @if critical.is_empty() {
                    p { (ctx.t("Ingen.", "None.")) }
                }
                ul.alerts {
                    @for w in critical.iter().take(LIST_MAX) {
                        li {
                            (severity(ctx, w.severity)) " " (w.text.get(ctx.lang))
                            @if !w.contract.is_empty() { " " (contract_link(ctx, &w.contract, ctx.t("Til kontrakten →", "To the contract →"))) }
                        }
                    }
                }
                @if critical.len() > LIST_MAX || others > 0 {
                    p { a href=(ctx.href("/plan#advarsler")) {
                        (ctx.t("Alle advarsler i planen", "All warnings in the plan"))
                        @if others > 0 { " (" (others) " " (ctx.t("andre", "more")) ")" }
                        " →"
                    } }
                }
            }
        }
        section #tidslinje {
            h2 { (ctx.t("Tidslinje", "Timeline")) }
            (timeline(ctx, report))
        }
        section #terskelverdier {
            h2 { (ctx.t("Terskelverdier i kraft", "Thresholds in force")) }
            (thresholds(ctx, a))
        }
    };
    layout(ctx, ctx.t("Oversikt", "Overview"), Nav::Overview, content)
}

/// Geometry of the timeline drawing, in SVG user units.
const LABEL_W: u32 = 352;
const CHART_X: u32 = 362;
const CHART_W: u32 = 630;
const ROW_H: u32 = 22;
const TOP: u32 = 34;

fn x(at: u32) -> u32 {
    CHART_X + at * CHART_W / 1000
}

/// The report's timeline as inline SVG (no script, no inline style: colours come from the
/// stylesheet by class). Contracts sorted by end; at most [`TIMELINE_MAX`].
pub(crate) fn timeline(ctx: &Ctx<'_>, report: &ReportData) -> Markup {
    let mut rows: Vec<&TimelineRow> = report.rows.iter().collect();
    rows.sort_by_key(|r| (r.to, r.id.as_str()));
    let shown = rows.len().min(TIMELINE_MAX);
    let height = TOP + u32::try_from(shown).unwrap_or(0) * ROW_H + 8;
    html! {
        @if rows.len() > shown {
            p.muted {
                (ctx.t("Viser de", "Showing the")) " " (shown) " "
                (ctx.t("kontraktene som utløper først, av", "contracts that expire first, of")) " " (rows.len()) ". "
                a href=(ctx.href("/kontrakter?sorter=utlop")) { (ctx.t("Alle kontrakter", "All contracts")) }
            }
        }
        figure.timeline {
            svg xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 1000 " (height) } role="img"
                aria-label=(ctx.t("Tidslinje over kontraktenes løpetid", "Timeline of the contracts' terms")) {
                @for t in &report.ticks {
                    line.tl-grid x1=(x(t.at)) x2=(x(t.at)) y1="20" y2=(height) {}
                    // The last tick closes the axis; its year would stand outside the chart.
                    @if t.at < 980 { text.tl-tick x=(x(t.at) + 3) y="14" { (t.label) } }
                }
                @for (i, r) in rows.iter().take(shown).enumerate() {
                    @let y = TOP + u32::try_from(i).unwrap_or(0) * ROW_H;
                    a href=(ctx.href(&format!("/kontrakter/{}", super::encode(&r.id)))) {
                        text.tl-label x=(LABEL_W) y=(y + 12) text-anchor="end" { (r.label) }
                    }
                    rect class={ "tl-bar rec-" (r.code) } x=(x(r.from)) y=(y + 3) width=(x(r.to).saturating_sub(x(r.from)).max(1)) height="12" {
                        title { (r.label) }
                    }
                    @if r.options_to > r.to {
                        rect.tl-opt x=(x(r.to)) y=(y + 6) width=(x(r.options_to) - x(r.to)) height="6" {
                            title { (ctx.t("gjenstående opsjoner", "remaining options")) }
                        }
                    }
                    @for m in &r.markers {
                        @let cx = x(m.at);
                        @let cy = y + 9;
                        path class={ "tl-m tl-" (m.kind) } d=(marker_path(m.kind, cx, cy)) {
                            title { (marker_label(ctx, m.kind)) " " (m.label) }
                        }
                    }
                }
                @for l in &report.lines {
                    line class={ "tl-line tl-" (l.kind) } x1=(x(l.at)) x2=(x(l.at)) y1="18" y2=(height) {}
                    // The date of the report left of its line, the merger right of its own.
                    @let (lx, anchor) = if l.kind == "today" { (x(l.at).saturating_sub(3), "end") } else { (x(l.at) + 3, "start") };
                    text class={ "tl-linelabel tl-" (l.kind) } x=(lx) y="28" text-anchor=(anchor) { (l.label) }
                }
            }
            figcaption.legend {
                span.key.rec-continue { (ctx.t("fortsett", "continue")) }
                span.key.rec-intention_notice { (ctx.t("intensjonskunngjøring", "intention notice")) }
                span.key.rec-retender { (ctx.t("ny konkurranse", "retender")) }
                span.key.opt { (ctx.t("gjenstående opsjoner", "remaining options")) }
                span { span.mark.tl-change { "●" } " " (ctx.t("endring", "change")) }
                span { span.mark.tl-tender { "▲" } " " (ctx.t("siste kunngjøring av konkurranse", "latest contract notice")) }
                span { span.mark.tl-termination { "■" } " " (ctx.t("siste oppsigelse", "latest termination")) }
                span { span.mark.tl-intention { "◆" } " " (ctx.t("siste intensjonskunngjøring", "latest intention notice")) }
            }
        }
    }
}

fn marker_path(kind: &str, cx: u32, cy: u32) -> String {
    let (x, y) = (i64::from(cx), i64::from(cy));
    match kind {
        "change" => format!("M{} {y}a4 4 0 1 0 8 0a4 4 0 1 0 -8 0", x - 4),
        "tender" => format!("M{x} {}L{} {}L{} {}Z", y - 5, x + 5, y + 4, x - 5, y + 4),
        "termination" => format!("M{} {}h8v8h-8Z", x - 4, y - 4),
        _ => format!("M{x} {}L{} {y}L{x} {}L{} {y}Z", y - 5, x + 5, y + 5, x - 5),
    }
}

fn marker_label<'s>(ctx: &Ctx<'_>, kind: &str) -> &'s str {
    match kind {
        "change" => ctx.t("Endring", "Change"),
        "tender" => ctx.t("Siste kunngjøring av konkurranse", "Latest contract notice"),
        "termination" => ctx.t("Siste oppsigelse", "Latest termination"),
        _ => ctx.t("Siste intensjonskunngjøring", "Latest intention notice"),
    }
}

/// The threshold values in force on the plan's date, for the merger's kind of authority.
fn thresholds(ctx: &Ctx<'_>, a: &Assessed) -> Markup {
    let kind = a
        .loaded
        .portfolio
        .merger
        .as_ref()
        .map_or(AuthorityKind::SubCentral, |m| m.authority_kind);
    let today = a.plan.today;
    let t = &a.loaded.thresholds;
    let (Some(services), Some(works)) = (
        t.in_force(today, Subject::Services, kind),
        t.in_force(today, Subject::Works, kind),
    ) else {
        return html! { p.muted { (ctx.t("Ingen terskelverdier for denne datoen.", "No thresholds for this date.")) } };
    };
    let lang = ctx.lang;
    html! {
        table.facts {
            tr { th scope="row" { (ctx.t("Nasjonal terskelverdi (FOA § 5-1)", "National threshold (FOA § 5-1)")) } td { (nok(services.national, lang)) } }
            tr { th scope="row" { (ctx.t("EØS-terskelverdi, varer og tjenester (FOA § 5-3)", "EEA threshold, supplies and services (FOA § 5-3)")) } td { (nok(services.eea, lang)) } }
            tr { th scope="row" { (ctx.t("EØS-terskelverdi, bygge- og anleggskontrakter (FOA § 5-3)", "EEA threshold, works (FOA § 5-3)")) } td { (nok(works.eea, lang)) } }
            tr { th scope="row" { (ctx.t("Gjelder fra", "In force from")) } td { (date_long(services.period.from, lang)) } }
            tr { th scope="row" { (ctx.t("Kilde", "Source")) } td { (services.period.source) } }
        }
        p.muted { (ctx.t("Beløp ekskl. mva. Kolonnen for", "Amounts excl. VAT. The column for")) " "
            (match kind { AuthorityKind::SubCentral => ctx.t("andre oppdragsgivere (kommuner)", "other contracting authorities (municipalities)"), AuthorityKind::Central => ctx.t("statlige oppdragsgivere", "central government authorities") })
            "." }
        @if services.possibly_outdated {
            p.notice { (ctx.t(
                "Terskelverdiene kan være utdatert: perioden begynte for mer enn to år siden. Legg nyere verdier i thresholds.json.",
                "The thresholds may be outdated: the period began more than two years ago. Put newer values in thresholds.json.")) }
        }
    }
}
