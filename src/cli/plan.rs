//! `vesentlig plan`: the tender, notice and termination schedule as a table, JSON, CSV or ICS.

use std::io::Write;

use std::process::ExitCode;

use super::args::{PlanArgs, PlanFormat};
use crate::atomic_file::write_atomic;
use crate::plan::{self, lead_time, render};

pub fn run(args: &PlanArgs) -> ExitCode {
    let loaded = match crate::load::load_checked(&args.portfolio) {
        Ok(l) => l,
        Err(report) => return super::fail(&report),
    };
    let config = match lead_time::load_config(&args.portfolio) {
        Ok(c) => c,
        Err(report) => return super::fail(&report),
    };
    let today = super::today_or(args.today);
    let assessments = crate::law::assess_portfolio(&loaded.portfolio, &loaded.thresholds);
    let plan = plan::plan_portfolio(&loaded.portfolio, &assessments, today, &config);
    let text = match args.format {
        PlanFormat::Table => render::table::table(&plan, args.lang),
        PlanFormat::Json => render::json(&plan),
        PlanFormat::Csv => match render::csv::csv(&plan, args.lang) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error: cannot write the CSV: {e}");
                return ExitCode::FAILURE;
            }
        },
        PlanFormat::Ics => render::ics::ics(&plan, args.lang, config.reminder_days),
    };
    match &args.out {
        Some(path) => match write_atomic(path, text.as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!(
                    "error: cannot write {}: {e}",
                    crate::diagnostics::display_path(path)
                );
                ExitCode::FAILURE
            }
        },
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Ok(()) => ExitCode::SUCCESS,
                Err(_) => ExitCode::FAILURE,
            }
        }
    }
}
