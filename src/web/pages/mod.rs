//! The HTML of the workspace (maud: every interpolated string is escaped). Pages only lay out
//! what the library computed; words come from `render::labels`, `law::labels` and `text`.
//! Norwegian by default; every link carries `lang=en` when the page is in English, so the
//! choice survives navigation without cookies or script.

pub mod contract;
pub mod contracts;
pub mod errors;
pub mod overview;
pub mod plan;
pub mod report;
pub mod whatif;

use maud::{DOCTYPE, Markup, html};

use super::snapshot::Snapshot;
use crate::assessment::Recommendation;
use crate::plan::Severity;
use crate::render::labels;
use crate::text::{Lang, date_short};

/// What every page needs: the language, the snapshot shown, and where the page is.
pub(crate) struct Ctx<'a> {
    pub lang: Lang,
    pub snap: &'a Snapshot,
    /// This page's path and query without `lang`, for the language switch.
    pub path: String,
    pub query: String,
}

impl<'a> Ctx<'a> {
    pub fn new(lang: Lang, snap: &'a Snapshot, path: &str, query: String) -> Self {
        Self {
            lang,
            snap,
            path: path.to_owned(),
            query,
        }
    }

    /// The Norwegian or the English text.
    pub fn t<'s>(&self, nb: &'s str, en: &'s str) -> &'s str {
        match self.lang {
            Lang::Nb => nb,
            Lang::En => en,
        }
    }

    /// A link to `path` (which may have a query and a `#fragment`) in this page's language.
    pub fn href(&self, path: &str) -> String {
        let (path, fragment) = path.split_once('#').map_or((path, ""), |(p, f)| (p, f));
        let mut out = match self.lang {
            Lang::Nb => path.to_owned(),
            Lang::En if path.contains('?') => format!("{path}&lang=en"),
            Lang::En => format!("{path}?lang=en"),
        };
        if !fragment.is_empty() {
            out.push('#');
            out.push_str(fragment);
        }
        out
    }

    /// This page in the other language.
    fn switch(&self) -> String {
        let mut q = self.query.clone();
        if self.lang == Lang::Nb {
            if !q.is_empty() {
                q.push('&');
            }
            q.push_str("lang=en");
        }
        if q.is_empty() {
            self.path.clone()
        } else {
            format!("{}?{q}", self.path)
        }
    }

    pub fn date(&self, d: chrono::NaiveDate) -> String {
        date_short(d, self.lang)
    }
}

/// The sections of the navigation bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Nav {
    Overview,
    Contracts,
    Plan,
    Report,
    Errors,
}

/// The frame of every page: header with navigation and language switch, the live-update
/// notice, the content and a footer naming the data shown.
pub(crate) fn layout(ctx: &Ctx<'_>, title: &str, active: Nav, content: Markup) -> Markup {
    let snap = ctx.snap;
    let merger = snap
        .data
        .as_ref()
        .ok()
        .and_then(|a| a.loaded.portfolio.merger.as_ref());
    let problems = snap.problems();
    let nav = [
        (Nav::Overview, "/", ctx.t("Oversikt", "Overview")),
        (
            Nav::Contracts,
            "/kontrakter",
            ctx.t("Kontrakter", "Contracts"),
        ),
        (Nav::Plan, "/plan", ctx.t("Plan", "Plan")),
        (Nav::Report, "/rapport", ctx.t("Rapport", "Report")),
    ];
    html! {
        (DOCTYPE)
        html lang=(ctx.t("nb", "en")) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="vesentlig-version" content=(snap.version);
                title { (title) " – vesentlig" }
                link rel="stylesheet" href="/assets/style.css";
                link rel="icon" href="/assets/favicon.svg" type="image/svg+xml";
                script src="/assets/app.js" defer {}
            }
            body {
                header.top {
                    a.brand href=(ctx.href("/")) { "vesentlig" }
                    @if let Some(m) = merger {
                        span.merger {
                            (m.name) " · "
                            (ctx.t("sammenslåing", "merger")) " " (ctx.date(m.effective))
                        }
                    }
                    nav {
                        @for (section, path, label) in nav {
                            a href=(ctx.href(path)) class=[(section == active).then_some("active")] { (label) }
                        }
                        @if problems > 0 {
                            a href=(ctx.href("/feil")) class={ "errors" @if active == Nav::Errors { " active" } } {
                                (ctx.t("Feil", "Errors")) " " span.count { (problems) }
                            }
                        }
                    }
                    a.lang href=(ctx.switch()) lang=(ctx.t("en", "nb")) { (ctx.t("English", "Norsk")) }
                }
                div #live .live role="status" hidden {
                    (ctx.t("Porteføljen er endret på disk.", "The portfolio has changed on disk."))
                    " "
                    a href=(ctx.here()) { (ctx.t("Vis de nye dataene", "Show the new data")) }
                }
                main { (content) }
                footer {
                    (ctx.t("Portefølje", "Portfolio")) " "
                    code { (crate::diagnostics::display_path(&snap.root)) }
                    " · " (ctx.t("fingeravtrykk", "fingerprint")) " " code { (snap.fingerprint) }
                    " · " (ctx.t("lest", "read")) " " (snap.loaded_at)
                    " · " (ctx.t("frister regnet fra", "deadlines measured from")) " " (ctx.date(snap.today))
                    " · " (ctx.t("Filene i porteføljen leses, aldri skrives.", "The portfolio files are only read, never written."))
                }
            }
        }
    }
}

impl Ctx<'_> {
    /// This page in its language (the live notice reloads it).
    fn here(&self) -> String {
        let path = if self.query.is_empty() {
            self.path.clone()
        } else {
            format!("{}?{}", self.path, self.query)
        };
        self.href(&path)
    }
}

/// A recommendation as a coloured label; `None`: nothing assessed.
pub(crate) fn recommendation(ctx: &Ctx<'_>, r: Option<Recommendation>) -> Markup {
    match r {
        Some(r) => html! {
            span class={ "badge rec-" (labels::recommendation_code(r)) } {
                (labels::recommendation(r, ctx.lang))
            }
        },
        None => html! { span.badge.rec-none { (ctx.t("Ikke vurdert", "Not assessed")) } },
    }
}

/// A plan warning's severity as a label.
pub(crate) fn severity(ctx: &Ctx<'_>, s: Severity) -> Markup {
    let (code, label) = match s {
        Severity::Critical => ("critical", ctx.t("Kritisk", "Critical")),
        Severity::Warning => ("warning", ctx.t("Advarsel", "Warning")),
        Severity::Note => ("note", ctx.t("Merknad", "Note")),
    };
    html! { span class={ "badge sev-" (code) } { (label) } }
}

/// A link to a contract's page.
pub(crate) fn contract_link(ctx: &Ctx<'_>, id: &str, text: &str) -> Markup {
    html! { a href=(ctx.href(&format!("/kontrakter/{}", encode(id)))) { (text) } }
}

/// A path segment percent-encoded (ids are `[A-Za-z0-9._-]`, but the page does not rely on it).
pub(crate) fn encode(segment: &str) -> String {
    form_urlencoded::byte_serialize(segment.as_bytes()).collect()
}

/// A table of label/value rows (the memo's facts tables).
pub(crate) fn facts(rows: &[crate::render::memo::Row]) -> Markup {
    html! {
        table.facts {
            @for r in rows {
                tr { th scope="row" { (r.label) } td { (r.value) } }
            }
        }
    }
}

/// The plan's dated actions as a table.
pub(crate) fn deadlines<'d>(
    ctx: &Ctx<'_>,
    actions: impl Iterator<Item = &'d crate::plan::Action>,
    with_contract: bool,
    with_basis: bool,
) -> Markup {
    let rows: Vec<_> = actions.collect();
    html! {
        @if rows.is_empty() {
            p.muted { (ctx.t("Ingen frister.", "No deadlines.")) }
        } @else {
            table.deadlines {
                thead { tr {
                    th { (ctx.t("Dato", "Date")) }
                    th { (ctx.t("Hva", "What")) }
                    @if with_contract { th { (ctx.t("Kontrakt", "Contract")) } }
                    @if with_basis { th { (ctx.t("Grunnlag", "Basis")) } }
                } }
                tbody {
                    @for a in rows {
                        @let row = crate::render::memo::deadline_row(a, ctx.lang);
                        tr class=[row.past.then_some("past")] {
                            td.date {
                                (row.date)
                                @if row.past { br; span.badge.sev-warning { (ctx.t("passert", "passed")) } }
                            }
                            td { (row.what) }
                            @if with_contract {
                                td { @if !a.contract.is_empty() { (contract_link(ctx, &a.contract, &a.contract)) } }
                            }
                            @if with_basis { td.basis { (row.basis) } }
                        }
                    }
                }
            }
        }
    }
}

/// Text that may contain line breaks, shown with them.
pub(crate) fn lines(text: &str) -> Markup {
    html! {
        @for (i, line) in text.lines().enumerate() {
            @if i > 0 { br; }
            (line)
        }
    }
}

/// The page for an address that names nothing.
pub(crate) fn not_found(ctx: &Ctx<'_>) -> Markup {
    let content = html! {
        h1 { (ctx.t("Finnes ikke", "Not found")) }
        p { (ctx.t("Denne siden eller kontrakten finnes ikke i porteføljen.", "This page or contract is not in the portfolio.")) }
        p { a href=(ctx.href("/kontrakter")) { (ctx.t("Til kontraktene", "To the contracts")) } }
    };
    layout(
        ctx,
        ctx.t("Finnes ikke", "Not found"),
        Nav::Overview,
        content,
    )
}
