//! `vesentlig plan`: the tender, notice and termination schedule as a table, JSON, CSV or ICS.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use super::args::{PlanArgs, PlanFormat};
use crate::atomic_file::write_atomic_with;
use crate::plan::{self, render};
use crate::text::{Languages, with_languages};

pub fn run(args: &PlanArgs) -> ExitCode {
    let (loaded, config) = match super::load_with_config(&args.portfolio) {
        Ok(both) => both,
        Err(code) => return code,
    };
    let today = super::today_or(args.today);
    // The planner reads the verdicts and dates of the assessments, never their texts.
    let assessments = with_languages(Languages::Neither, || {
        crate::law::assess_portfolio(&loaded.portfolio, &loaded.thresholds)
    });
    // The JSON carries both languages of every text; the other formats one.
    let languages = match args.format {
        PlanFormat::Json => Languages::Both,
        _ => Languages::Only(args.lang),
    };
    let plan = with_languages(languages, || {
        plan::plan_portfolio(&loaded.portfolio, &assessments, today, &config)
    });
    drop(assessments);
    let write = |out: &mut dyn Write| match args.format {
        PlanFormat::Table => render::table::write_table(&plan, args.lang, out),
        PlanFormat::Json => render::write_json(&plan, out),
        PlanFormat::Csv => render::csv::write_csv(&plan, args.lang, out).map_err(io::Error::other),
        PlanFormat::Ics => render::ics::write_ics(&plan, args.lang, config.reminder_days, out),
    };
    let (written, target) = match &args.out {
        Some(path) => (
            write_atomic_with(path, write),
            crate::diagnostics::display_path(path),
        ),
        None => {
            let mut stdout = BufWriter::with_capacity(1 << 20, io::stdout().lock());
            let written = write(&mut stdout).and_then(|()| stdout.flush());
            (written, "standard output".to_owned())
        }
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe && args.out.is_none() => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write {target}: {e}");
            ExitCode::FAILURE
        }
    }
}
