//! `vesentlig report`: one PDF for the steering group — verdict counts, every change, the
//! timeline and the deadlines.

use std::process::ExitCode;

use super::args::ReportArgs;
use crate::atomic_file::write_atomic;
use crate::render::report::{ReportData, ReportInput};
use crate::render::{Renderer, Template};

pub fn run(args: &ReportArgs) -> ExitCode {
    let (loaded, config) = match super::load_with_config(&args.portfolio) {
        Ok(both) => both,
        Err(code) => return code,
    };
    match render(args, &loaded, &config) {
        Ok(()) => {
            println!("{}", crate::diagnostics::display_path(&args.out));
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(super::EXIT_FAILED)
        }
    }
}

fn render(
    args: &ReportArgs,
    loaded: &crate::load::Loaded,
    config: &crate::plan::lead_time::PlanningConfig,
) -> Result<(), String> {
    let portfolio = &loaded.portfolio;
    let assessments = crate::law::assess_portfolio(portfolio, &loaded.thresholds);
    let fingerprint = crate::fingerprint::portfolio(&args.portfolio)
        .map_err(|e| format!("cannot read the portfolio to fingerprint it: {e}"))?;
    let date = super::today_or(args.date);
    let plan = crate::plan::plan_portfolio(portfolio, &assessments, date, config);
    let headroom =
        crate::analysis::headroom::continue_up_to(portfolio, &assessments, &loaded.thresholds);
    let consolidation =
        crate::analysis::consolidation::analyse(&crate::analysis::consolidation::Input {
            portfolio,
            thresholds: &loaded.thresholds,
            config,
            date,
        });
    let data = ReportData::build(&ReportInput {
        portfolio,
        assessments: &assessments,
        lang: args.lang,
        date,
        fingerprint: &fingerprint,
        plan: &plan,
        headroom: &headroom,
        consolidation: &consolidation,
    });
    let rendered = Renderer::new()
        .and_then(|r| r.render(Template::Report, &data, date))
        .map_err(|e| e.to_string())?;
    for w in &rendered.warnings {
        eprintln!("warning: {w}");
    }
    let pdf = rendered.pdf;
    if let Some(dir) = args.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    write_atomic(&args.out, &pdf).map_err(|e| format!("cannot write {}: {e}", args.out.display()))
}
