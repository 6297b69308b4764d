//! `vesentlig memo`: one PDF memo per assessed change, rendered in parallel.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::args::MemoArgs;
use crate::assessment::Assessment;
use crate::plan::Plan;
use crate::render::Renderer;
use crate::render::batch::{MemoBatch, write_memos};
use crate::text::{Languages, with_languages};

pub fn run(args: &MemoArgs) -> ExitCode {
    let loaded = match super::load_for(&args.portfolio, &args.contracts) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let portfolio = &loaded.portfolio;
    let config = match crate::plan::lead_time::load_config(&args.portfolio) {
        Ok(config) => config,
        Err(report) => return super::fail(&report),
    };
    let date = super::today_or(args.date);
    // Every text the memos print is in one language: build only that one.
    let languages = Languages::Only(args.lang);
    let mut assessments = with_languages(languages, || {
        crate::law::assess_portfolio(portfolio, &loaded.thresholds)
    });
    // Planned over the whole portfolio: overlaps between contracts affect the deadlines.
    let plan = with_languages(languages, || {
        crate::plan::plan_portfolio(portfolio, &assessments, date, &config)
    });
    if !args.contracts.is_empty() {
        assessments.retain(|a| args.contracts.contains(&a.contract));
    }
    if assessments.is_empty() {
        eprintln!("no assessed changes: no memo to write");
        return ExitCode::SUCCESS;
    }
    match render_all(args, &loaded, &assessments, &plan, date) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(super::EXIT_FAILED)
        }
    }
}

fn render_all(
    args: &MemoArgs,
    loaded: &crate::load::Loaded,
    assessments: &[Assessment],
    plan: &Plan,
    date: NaiveDate,
) -> Result<(), String> {
    let fingerprint = crate::fingerprint::portfolio(&args.portfolio)
        .map_err(|e| format!("cannot read the portfolio to fingerprint it: {e}"))?;
    std::fs::create_dir_all(&args.out)
        .map_err(|e| format!("cannot create {}: {e}", args.out.display()))?;
    // Fonts and templates are loaded once and shared by every thread.
    let renderer = Renderer::new().map_err(|e| e.to_string())?;
    let batch = MemoBatch {
        portfolio: &loaded.portfolio,
        lang: args.lang,
        date,
        fingerprint: &fingerprint,
        out_dir: &args.out,
        plan: Some(plan),
        thresholds: &loaded.thresholds,
    };
    let bar = progress_bar(assessments.len());
    let workers = args.jobs.map_or_else(cores, usize::from);
    let outcomes = write_memos(&renderer, &batch, assessments, workers, &|| bar.inc(1));
    bar.finish_and_clear();
    let mut failed = 0;
    for o in &outcomes {
        for w in &o.warnings {
            eprintln!("warning: memo for {} / {}: {w}", o.contract, o.change);
        }
        match &o.result {
            Ok(path) => println!("{}", display(path)),
            Err(e) => {
                failed += 1;
                eprintln!("error: memo for {} / {}: {e}", o.contract, o.change);
            }
        }
    }
    if failed == 0 {
        eprintln!(
            "wrote {} memo{} to {}",
            outcomes.len(),
            if outcomes.len() == 1 { "" } else { "s" },
            display(&args.out)
        );
        Ok(())
    } else {
        Err(format!(
            "{failed} of {} memos could not be written (the others were written)",
            outcomes.len()
        ))
    }
}

/// One worker per core: rendering is bound by the CPU.
fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

fn display(path: &Path) -> String {
    crate::diagnostics::display_path(path)
}

/// A progress bar on stderr, drawn only when stderr is a terminal (never in pipes or logs).
fn progress_bar(len: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} memos") {
        bar.set_style(style);
    }
    bar
}
