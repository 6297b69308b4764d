//! «Feil»: every problem of an invalid portfolio, as `vesentlig check` reports it — file, JSON
//! path, line, column, the source line and what would be valid. The server keeps running; the
//! page updates when the files are fixed.

use maud::{Markup, html};

use super::{Ctx, Nav, layout};
use crate::diagnostics::{Report, display_path};

pub(crate) fn page(ctx: &Ctx<'_>, report: Option<&Report>) -> Markup {
    let content = match report {
        None => html! {
            h1 { (ctx.t("Feil", "Errors")) }
            p.ok { (ctx.t("Porteføljen er gyldig: ingen feil.", "The portfolio is valid: no errors.")) }
        },
        Some(r) => problems(ctx, r),
    };
    layout(
        ctx,
        ctx.t("Feil i porteføljen", "Errors in the portfolio"),
        Nav::Errors,
        content,
    )
}

fn problems(ctx: &Ctx<'_>, r: &Report) -> Markup {
    let n = r.diagnostics.len();
    html! {
        h1 { (ctx.t("Porteføljen har feil", "The portfolio has errors")) }
        p.lead {
            (n) " " (if n == 1 { ctx.t("problem", "problem") } else { ctx.t("problemer", "problems") }) ". "
            (ctx.t(
                "Rett filene; siden oppdateres når de er lagret. Til da kan porteføljen ikke vurderes.",
                "Fix the files; the page updates once they are saved. Until then the portfolio cannot be assessed."))
        }
        ol.diagnostics {
            @for d in &r.diagnostics {
                @let pos = r.position(d);
                li.diagnostic {
                    p.where {
                        code.file { (display_path(d.file.strip_prefix(&ctx.snap.root).unwrap_or(&d.file))) @if let Some((line, col)) = pos { ":" (line) ":" (col) } }
                        " " span.path { (d.path) }
                        @if let Some((line, col)) = pos {
                            " " span.sub { (ctx.t("linje", "line")) " " (line) ", " (ctx.t("kolonne", "column")) " " (col) }
                        }
                    }
                    p.message { (d.message) }
                    @if let Some(snippet) = snippet(r, d) {
                        pre.source { span.lineno { (snippet.line) " │ " } (snippet.text) "\n" span.lineno { (" ".repeat(snippet.line.to_string().len())) " │ " } span.caret { (snippet.caret) } }
                    }
                    @if let Some(help) = &d.help { p.help { (ctx.t("Hjelp", "Help")) ": " (help) } }
                }
            }
        }
    }
}

/// The source line of a diagnostic and a caret line under the span.
struct Snippet {
    line: usize,
    text: String,
    caret: String,
}

fn snippet(r: &Report, d: &crate::diagnostics::Diagnostic) -> Option<Snippet> {
    let file = r.sources.files.get(&d.file)?;
    let span = r.span(d)?;
    let (line, col) = file.line_col(span.start);
    let text = file.text.lines().nth(line - 1)?.to_owned();
    let line_len = text.chars().count();
    let width = file.text[span.clone()]
        .lines()
        .next()
        .map_or(1, |s| s.chars().count())
        .clamp(1, line_len.saturating_sub(col - 1).max(1));
    Some(Snippet {
        line,
        caret: format!("{}{}", " ".repeat(col - 1), "^".repeat(width)),
        text,
    })
}
