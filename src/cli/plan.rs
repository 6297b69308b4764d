//! `vesentlig plan`: the tender, notice and termination schedule as a table, JSON, CSV or ICS.

use std::io::Write;

use std::process::ExitCode;

use super::args::{PlanArgs, PlanFormat};
use crate::plan::render;

pub fn run(args: &PlanArgs) -> ExitCode {
    let planned = match super::assess_and_plan(&args.portfolio, args.today) {
        Ok(p) => p,
        Err(status) => return status,
    };
    let (plan, config) = (&planned.plan, &planned.config);
    let text = match args.format {
        PlanFormat::Table => render::table::table(plan, args.lang),
        PlanFormat::Json => render::json(plan),
        PlanFormat::Csv => match render::csv::csv(plan, args.lang) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error: cannot write the CSV: {e}");
                return ExitCode::FAILURE;
            }
        },
        PlanFormat::Ics => render::ics::ics(plan, args.lang, config.reminder_days),
    };
    match &args.out {
        Some(path) => super::write_out(path, text.as_bytes()),
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
