//! One function per route: take the current snapshot, call the library, hand the result to a
//! page. Nothing here decides anything legal. An invalid portfolio answers every data page with
//! its diagnostics (503); unknown ids are 404; bad form input is answered on the form.

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use maud::Markup;

use super::App;
use super::pages::whatif::WhatIf;
use super::pages::{self, Ctx};
use super::params::Params;
use super::snapshot::{Assessed, Snapshot};
use crate::render::report::ReportData;
use crate::render::{Renderer, Template};

fn html(markup: Markup) -> Response {
    Html(markup.into_string()).into_response()
}

/// Runs `page` with the assessed portfolio, or answers with the diagnostics when it is invalid.
fn with_data(
    app: &App,
    path: &str,
    query: Option<&str>,
    page: impl FnOnce(&Ctx<'_>, &Assessed, &Params) -> Response,
) -> Response {
    let snap = app.snapshot();
    let params = Params::from_query(query);
    let ctx = Ctx::new(params.lang(), &snap, path, params.without_lang());
    match &snap.data {
        Ok(a) => page(&ctx, a, &params),
        Err(report) => (
            StatusCode::SERVICE_UNAVAILABLE,
            html(pages::errors::page(&ctx, Some(report))),
        )
            .into_response(),
    }
}

pub(crate) async fn overview(State(app): State<App>, RawQuery(q): RawQuery) -> Response {
    with_data(&app, "/", q.as_deref(), |ctx, a, _| {
        html(pages::overview::page(ctx, a))
    })
}

pub(crate) async fn contracts(State(app): State<App>, RawQuery(q): RawQuery) -> Response {
    with_data(&app, "/kontrakter", q.as_deref(), |ctx, a, params| {
        let filter = pages::contracts::Filter::from_params(params);
        html(pages::contracts::page(ctx, a, &filter))
    })
}

pub(crate) async fn contract(
    State(app): State<App>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let path = format!("/kontrakter/{}", pages::encode(&id));
    with_data(&app, &path, q.as_deref(), |ctx, a, _| {
        match a.position(&id) {
            Some(i) => html(pages::contract::page(ctx, a, i, &WhatIf::default())),
            None => not_found_page(ctx),
        }
    })
}

/// The what-if form posted: the contract page with the verdict (or the problems) on the form.
pub(crate) async fn whatif(
    State(app): State<App>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
    body: Bytes,
) -> Response {
    let path = format!("/kontrakter/{}", pages::encode(&id));
    with_data(&app, &path, q.as_deref(), |ctx, a, _| {
        let Some(i) = a.position(&id) else {
            return not_found_page(ctx);
        };
        let contract = &a.loaded.portfolio.contracts[i];
        let w = WhatIf::submit(Params::parse(&body), a, contract, ctx.lang);
        html(pages::contract::page(ctx, a, i, &w))
    })
}

/// The form's address opened directly: the contract page at the form.
pub(crate) async fn whatif_get(Path(id): Path<String>, RawQuery(q): RawQuery) -> Response {
    let lang = Params::from_query(q.as_deref()).lang();
    let query = if lang == crate::text::Lang::En {
        "?lang=en"
    } else {
        ""
    };
    Redirect::to(&format!("/kontrakter/{}{query}#hva-om", pages::encode(&id))).into_response()
}

pub(crate) async fn plan(State(app): State<App>, RawQuery(q): RawQuery) -> Response {
    with_data(&app, "/plan", q.as_deref(), |ctx, a, _| {
        html(pages::plan::page(ctx, a))
    })
}

pub(crate) async fn plan_csv(State(app): State<App>, RawQuery(q): RawQuery) -> Response {
    with_data(
        &app,
        "/plan.csv",
        q.as_deref(),
        |ctx, a, _| match crate::plan::render::csv::csv(&a.plan, ctx.lang) {
            Ok(text) => download(text.into_bytes(), "text/csv; charset=utf-8", "plan.csv"),
            Err(e) => server_error(&e.to_string()),
        },
    )
}

pub(crate) async fn plan_ics(State(app): State<App>, RawQuery(q): RawQuery) -> Response {
    with_data(&app, "/plan.ics", q.as_deref(), |ctx, a, _| {
        let text = crate::plan::render::ics::ics(&a.plan, ctx.lang, a.config.reminder_days);
        download(
            text.into_bytes(),
            "text/calendar; charset=utf-8",
            "plan.ics",
        )
    })
}

pub(crate) async fn report(State(app): State<App>, RawQuery(q): RawQuery) -> Response {
    with_data(&app, "/rapport", q.as_deref(), |ctx, a, _| {
        html(pages::report::page(ctx, a))
    })
}

pub(crate) async fn errors(State(app): State<App>, RawQuery(q): RawQuery) -> Response {
    let snap = app.snapshot();
    let params = Params::from_query(q.as_deref());
    let ctx = Ctx::new(params.lang(), &snap, "/feil", params.without_lang());
    html(pages::errors::page(&ctx, snap.data.as_ref().err()))
}

/// The snapshot's version: open pages poll it to notice that the data changed.
pub(crate) async fn version(State(app): State<App>) -> Response {
    let v = app.snapshot().version;
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        v.to_string(),
    )
        .into_response()
}

/// One change's memo as PDF, rendered now from the current snapshot.
pub(crate) async fn memo_pdf(
    State(app): State<App>,
    Path((id, change)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> Response {
    let snap = app.snapshot();
    let lang = Params::from_query(q.as_deref()).lang();
    let Ok(a) = &snap.data else {
        return unavailable();
    };
    let Some(assessment) = a
        .assessments
        .iter()
        .find(|x| x.contract == id && x.change == change)
    else {
        return (StatusCode::NOT_FOUND, "no such contract or change").into_response();
    };
    let data = match a.memo(assessment, lang, snap.today, &snap.fingerprint) {
        Ok(d) => d,
        Err(e) => return server_error(&e.to_string()),
    };
    let name = crate::render::batch::file_name(&id, &change);
    pdf(&app, &snap, Template::Memo, data, &name).await
}

/// The portfolio report as PDF, rendered now.
pub(crate) async fn report_pdf(State(app): State<App>, RawQuery(q): RawQuery) -> Response {
    let snap = app.snapshot();
    let lang = Params::from_query(q.as_deref()).lang();
    let Ok(a) = &snap.data else {
        return unavailable();
    };
    let data: ReportData = a.report(lang).clone();
    let name = match lang {
        crate::text::Lang::Nb => "rapport.pdf",
        crate::text::Lang::En => "report.pdf",
    };
    pdf(&app, &snap, Template::Report, data, name).await
}

/// Renders a PDF on a blocking thread, at most `PDF_RENDERS` at a time, with the sandboxed
/// renderer built once on first use.
async fn pdf<T: serde::Serialize + Send + 'static>(
    app: &App,
    snap: &Snapshot,
    template: Template,
    data: T,
    name: &str,
) -> Response {
    let Ok(_permit) = app.pdf_permits.acquire().await else {
        return unavailable();
    };
    let renderer = app.renderer.clone();
    let date: NaiveDate = snap.today;
    let rendered = tokio::task::spawn_blocking(move || {
        let r = renderer.get_or_init(|| Renderer::new().map_err(|e| e.to_string()));
        match r {
            Ok(r) => r
                .render(template, &data, date)
                .map(|x| x.pdf)
                .map_err(|e| e.to_string()),
            Err(e) => Err(e.clone()),
        }
    })
    .await;
    match rendered {
        Ok(Ok(bytes)) => download(bytes, "application/pdf", name),
        Ok(Err(e)) => server_error(&e),
        Err(e) => server_error(&e.to_string()),
    }
}

fn download(body: Vec<u8>, kind: &'static str, name: &str) -> Response {
    let mut response = body.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    // `name` is built from `[A-Za-z0-9._-]` only (render::batch::file_name) or a constant.
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

fn unavailable() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        "the portfolio is invalid; see /feil",
    )
        .into_response()
}

/// A failure of ours (the renderer), reported without the server going down.
fn server_error(message: &str) -> Response {
    eprintln!("error: {message}");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "the document could not be produced; see the server's output",
    )
        .into_response()
}

fn not_found_page(ctx: &Ctx<'_>) -> Response {
    (StatusCode::NOT_FOUND, html(pages::not_found(ctx))).into_response()
}

pub(crate) async fn not_found(State(app): State<App>, RawQuery(q): RawQuery) -> Response {
    let snap = app.snapshot();
    let params = Params::from_query(q.as_deref());
    let ctx = Ctx::new(params.lang(), &snap, "/", params.without_lang());
    not_found_page(&ctx)
}
