//! «Kontrakter»: every contract in one table, filtered and sorted on the server (a plain GET
//! form, so it works without script; the script filters the rows as the user types).

use std::cmp::Ordering;

use maud::{Markup, html};

use super::{Ctx, Nav, contract_link, layout, recommendation};
use crate::assessment::Recommendation;
use crate::model::{Contract, ContractKind};
use crate::plan::ContractPlan;
use crate::priorities::Priority;
use crate::render::labels;
use crate::text::Lang;
use crate::web::params::Params;
use crate::web::snapshot::Assessed;

/// The table's filters and order, read from the query string.
#[derive(Debug, Clone, Default)]
pub(crate) struct Filter {
    pub text: Option<String>,
    pub municipality: Option<String>,
    pub priority: Option<String>,
    pub kind: Option<String>,
    pub expiry: Option<String>,
    pub recommendation: Option<String>,
    pub sort: Sort,
    pub descending: bool,
}

/// The columns the table sorts by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Sort {
    #[default]
    Contract,
    Municipality,
    Priority,
    Kind,
    Expiry,
    Recommendation,
}

impl Sort {
    const ALL: [(Sort, &'static str); 6] = [
        (Sort::Contract, "kontrakt"),
        (Sort::Municipality, "kommune"),
        (Sort::Priority, "prioritet"),
        (Sort::Kind, "type"),
        (Sort::Expiry, "utlop"),
        (Sort::Recommendation, "anbefaling"),
    ];

    fn code(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(s, _)| *s == self)
            .map_or("kontrakt", |(_, c)| c)
    }
}

impl Filter {
    pub fn from_params(p: &Params) -> Self {
        let owned = |k: &str| p.get(k).map(str::to_owned);
        Self {
            text: owned("sok"),
            municipality: owned("kommune"),
            priority: owned("prioritet"),
            kind: owned("type"),
            expiry: owned("utlop"),
            recommendation: owned("anbefaling"),
            sort: p
                .get("sorter")
                .and_then(|s| Sort::ALL.iter().find(|(_, c)| *c == s))
                .map(|(s, _)| *s)
                .unwrap_or_default(),
            descending: p.get("retning") == Some("synkende"),
        }
    }

    /// The query string of this filter with another order.
    fn with_sort(&self, sort: Sort, descending: bool) -> String {
        let mut s = form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("sok", &self.text),
            ("kommune", &self.municipality),
            ("prioritet", &self.priority),
            ("type", &self.kind),
            ("utlop", &self.expiry),
            ("anbefaling", &self.recommendation),
        ] {
            if let Some(v) = v {
                s.append_pair(k, v);
            }
        }
        s.append_pair("sorter", sort.code());
        if descending {
            s.append_pair("retning", "synkende");
        }
        s.finish()
    }
}

/// One contract as the table shows it.
struct Line<'a> {
    contract: &'a Contract,
    plan: &'a ContractPlan,
    municipalities: String,
    changes: usize,
}

fn priority_code(p: &ContractPlan) -> &'static str {
    if p.priority.is_critical() {
        return "kritisk";
    }
    match p.priority.priority {
        Priority::Kritisk => "kritisk",
        Priority::Hoy => "hoy",
        Priority::Middels => "middels",
        Priority::Lav => "lav",
        Priority::Unknown => "ukjent",
    }
}

fn priority_rank(p: &ContractPlan) -> u8 {
    match priority_code(p) {
        "kritisk" => 0,
        "hoy" => 1,
        "middels" => 2,
        "lav" => 3,
        _ => 4,
    }
}

fn kind_code(k: ContractKind) -> &'static str {
    match k {
        ContractKind::Contract => "kontrakt",
        ContractKind::FrameworkAgreement => "rammeavtale",
    }
}

fn recommendation_code(r: Option<Recommendation>) -> &'static str {
    r.map_or("ingen", labels::recommendation_code)
}

impl Filter {
    fn keeps(&self, l: &Line<'_>, a: &Assessed) -> bool {
        let c = l.contract;
        // Every word somewhere in the row, as the script filters while the user types.
        let text_ok = self.text.as_ref().is_none_or(|q| {
            let haystack = search_text(l);
            q.to_lowercase()
                .split_whitespace()
                .all(|word| haystack.contains(word))
        });
        let municipality_ok = self
            .municipality
            .as_ref()
            .is_none_or(|m| c.municipality_ids().any(|id| id == m));
        let priority_ok = self
            .priority
            .as_deref()
            .is_none_or(|p| p == priority_code(l.plan));
        let kind_ok = self.kind.as_deref().is_none_or(|k| k == kind_code(c.kind));
        let rec_ok = self
            .recommendation
            .as_deref()
            .is_none_or(|r| r == recommendation_code(l.plan.recommendation));
        let expiry_ok = self
            .expiry
            .as_deref()
            .is_none_or(|e| expiry_matches(e, l, a));
        text_ok && municipality_ok && priority_ok && kind_ok && rec_ok && expiry_ok
    }

    fn compare(&self, a: &Line<'_>, b: &Line<'_>) -> Ordering {
        let by = match self.sort {
            Sort::Contract => a.contract.title.cmp(&b.contract.title),
            Sort::Municipality => a.municipalities.cmp(&b.municipalities),
            Sort::Priority => priority_rank(a.plan).cmp(&priority_rank(b.plan)),
            Sort::Kind => kind_code(a.contract.kind).cmp(kind_code(b.contract.kind)),
            Sort::Expiry => a.plan.end.cmp(&b.plan.end),
            // The strictest first when descending; contracts not assessed last.
            Sort::Recommendation => a.plan.recommendation.cmp(&b.plan.recommendation),
        };
        let by = if self.descending { by.reverse() } else { by };
        by.then_with(|| a.contract.id.cmp(&b.contract.id))
    }
}

/// The expiry filter: before the merger, past it, or within a number of months of today.
fn expiry_matches(code: &str, l: &Line<'_>, a: &Assessed) -> bool {
    let end = l.plan.end;
    let months = |m: u32| {
        a.plan
            .today
            .checked_add_months(chrono::Months::new(m))
            .is_some_and(|limit| end >= a.plan.today && end <= limit)
    };
    match code {
        "for-sammenslaing" => l.plan.runs_past_merger == Some(false),
        "etter-sammenslaing" => l.plan.runs_past_merger == Some(true),
        "6-mnd" => months(6),
        "12-mnd" => months(12),
        "utlopt" => end < a.plan.today,
        _ => true,
    }
}

fn municipality_names(c: &Contract, a: &Assessed) -> String {
    let merger = a.loaded.portfolio.merger.as_ref();
    let names: Vec<String> = c
        .municipality_ids()
        .map(|id| {
            merger
                .and_then(|m| m.municipality(id))
                .map_or_else(|| id.to_owned(), |m| m.name.clone())
        })
        .collect();
    names.join(", ")
}

pub(crate) fn page(ctx: &Ctx<'_>, a: &Assessed, filter: &Filter) -> Markup {
    let p = &a.loaded.portfolio;
    let mut lines: Vec<Line<'_>> = p
        .contracts
        .iter()
        .zip(&a.plan.contracts)
        .enumerate()
        .map(|(i, (contract, plan))| Line {
            contract,
            plan,
            municipalities: municipality_names(contract, a),
            changes: a.assessments_of(i).count(),
        })
        .filter(|l| filter.keeps(l, a))
        .collect();
    lines.sort_by(|x, y| filter.compare(x, y));
    let content = html! {
        h1 { (ctx.t("Kontrakter", "Contracts")) }
        (filters(ctx, a, filter))
        p.count #count {
            span #shown { (lines.len()) } " " (ctx.t("av", "of")) " " (p.contracts.len()) " " (ctx.t("kontrakter", "contracts"))
        }
        table.contracts #contracts {
            thead { tr {
                (header(ctx, filter, Sort::Contract, ctx.t("Kontrakt", "Contract")))
                (header(ctx, filter, Sort::Municipality, ctx.t("Kommune", "Municipality")))
                (header(ctx, filter, Sort::Priority, ctx.t("Systemprioritet", "System priority")))
                (header(ctx, filter, Sort::Kind, ctx.t("Type", "Kind")))
                (header(ctx, filter, Sort::Expiry, ctx.t("Utløper", "Expires")))
                (header(ctx, filter, Sort::Recommendation, ctx.t("Anbefaling", "Recommendation")))
            } }
            tbody {
                @for l in &lines {
                    (row(ctx, l))
                }
            }
        }
        @if lines.is_empty() {
            p.muted { (ctx.t("Ingen kontrakter passer til filteret.", "No contract matches the filter.")) }
        }
    };
    layout(
        ctx,
        ctx.t("Kontrakter", "Contracts"),
        Nav::Contracts,
        content,
    )
}

/// What the text search looks in, lower-cased: title, id, supplier, system, area, municipalities.
fn search_text(l: &Line<'_>) -> String {
    let c = l.contract;
    format!(
        "{} {} {} {} {} {}",
        c.title,
        c.id,
        c.supplier.name,
        c.system.as_deref().unwrap_or_default(),
        c.service_area.as_deref().unwrap_or_default(),
        l.municipalities
    )
    .to_lowercase()
}

fn row(ctx: &Ctx<'_>, l: &Line<'_>) -> Markup {
    let c = l.contract;
    let search = search_text(l);
    let lang = ctx.lang;
    html! {
        tr data-search=(search) {
            td {
                (contract_link(ctx, &c.id, &c.title))
                br;
                span.sub { (c.id) " · " (c.supplier.name) }
            }
            td { (l.municipalities) }
            td {
                span class={ "prio prio-" (priority_code(l.plan)) } { (priority_label(l.plan, lang)) }
                @if let Some(system) = &c.system { br; span.sub { (system) } }
            }
            td { (labels::contract_kind(c.kind, lang)) }
            td.date data-sort=(l.plan.end) {
                (ctx.date(l.plan.end))
                @if l.plan.end_with_options > l.plan.end {
                    br; span.sub { (ctx.t("med opsjoner", "with options")) " " (ctx.date(l.plan.end_with_options)) }
                }
            }
            td {
                (recommendation(ctx, l.plan.recommendation))
                @if l.changes > 1 { br; span.sub { (ctx.t("strengeste av", "strictest of")) " " (l.changes) " " (ctx.t("endringer", "changes")) } }
            }
        }
    }
}

fn priority_label(p: &ContractPlan, lang: Lang) -> String {
    let label = p.priority.priority.label().get(lang).to_owned();
    if p.priority.critical_by_area && p.priority.priority != Priority::Kritisk {
        return match lang {
            Lang::Nb => "kritisk (område)".to_owned(),
            Lang::En => "critical (area)".to_owned(),
        };
    }
    label
}

fn header(ctx: &Ctx<'_>, filter: &Filter, sort: Sort, label: &str) -> Markup {
    let active = filter.sort == sort;
    let descending = active && !filter.descending;
    let href = ctx.href(&format!(
        "/kontrakter?{}",
        filter.with_sort(sort, descending)
    ));
    let aria = match (active, filter.descending) {
        (false, _) => "none",
        (true, false) => "ascending",
        (true, true) => "descending",
    };
    html! {
        th scope="col" aria-sort=(aria) {
            a href=(href) { (label) @if active { @if filter.descending { " ▼" } @else { " ▲" } } }
        }
    }
}

fn filters(ctx: &Ctx<'_>, a: &Assessed, f: &Filter) -> Markup {
    let merger = a.loaded.portfolio.merger.as_ref();
    let selected = |v: &Option<String>, code: &str| v.as_deref() == Some(code);
    html! {
        form.filters #filters method="get" action="/kontrakter" {
            @if ctx.lang == Lang::En { input type="hidden" name="lang" value="en"; }
            input type="hidden" name="sorter" value=(f.sort.code());
            @if f.descending { input type="hidden" name="retning" value="synkende"; }
            label.search {
                span { (ctx.t("Søk", "Search")) }
                input #sok type="search" name="sok" value=[f.text.as_deref()]
                    placeholder=(ctx.t("tittel, id, leverandør, system …", "title, id, supplier, system …"));
            }
            label {
                span { (ctx.t("Kommune", "Municipality")) }
                select name="kommune" {
                    option value="" { (ctx.t("alle", "all")) }
                    @if let Some(m) = merger {
                        @for k in &m.municipalities {
                            option value=(k.id) selected[selected(&f.municipality, &k.id)] { (k.name) }
                        }
                    }
                }
            }
            label {
                span { (ctx.t("Systemprioritet", "System priority")) }
                select name="prioritet" {
                    option value="" { (ctx.t("alle", "all")) }
                    @for (code, nb, en) in [("kritisk", "kritisk", "critical"), ("middels", "middels", "medium"), ("lav", "lav", "low"), ("ukjent", "ukjent", "unknown")] {
                        option value=(code) selected[selected(&f.priority, code)] { (ctx.t(nb, en)) }
                    }
                }
            }
            label {
                span { (ctx.t("Type", "Kind")) }
                select name="type" {
                    option value="" { (ctx.t("alle", "all")) }
                    @for (code, k) in [("kontrakt", ContractKind::Contract), ("rammeavtale", ContractKind::FrameworkAgreement)] {
                        option value=(code) selected[selected(&f.kind, code)] { (labels::contract_kind(k, ctx.lang)) }
                    }
                }
            }
            label {
                span { (ctx.t("Utløper", "Expires")) }
                select name="utlop" {
                    option value="" { (ctx.t("når som helst", "any time")) }
                    @for (code, nb, en) in [
                        ("utlopt", "allerede utløpt", "already expired"),
                        ("6-mnd", "innen 6 måneder", "within 6 months"),
                        ("12-mnd", "innen 12 måneder", "within 12 months"),
                        ("for-sammenslaing", "før sammenslåingen", "before the merger"),
                        ("etter-sammenslaing", "løper etter sammenslåingen", "runs past the merger"),
                    ] {
                        option value=(code) selected[selected(&f.expiry, code)] { (ctx.t(nb, en)) }
                    }
                }
            }
            label {
                span { (ctx.t("Anbefaling", "Recommendation")) }
                select name="anbefaling" {
                    option value="" { (ctx.t("alle", "all")) }
                    @for r in [Recommendation::Continue, Recommendation::IntentionNotice, Recommendation::Retender] {
                        @let code = labels::recommendation_code(r);
                        option value=(code) selected[selected(&f.recommendation, code)] { (labels::recommendation(r, ctx.lang)) }
                    }
                    option value="ingen" selected[selected(&f.recommendation, "ingen")] { (ctx.t("ikke vurdert", "not assessed")) }
                }
            }
            div.buttons {
                button type="submit" { (ctx.t("Filtrer", "Filter")) }
                a.reset href=(ctx.href("/kontrakter")) { (ctx.t("Nullstill", "Reset")) }
            }
        }
    }
}
