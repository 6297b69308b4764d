//! `vesentlig export`: the portfolio, its assessments and the plan's deadlines as a workbook,
//! or as CSV files of the same sheets.

use std::process::ExitCode;

use super::args::{ExportArgs, ExportFormat};
use crate::diagnostics::display_path;
use crate::plan::{self, lead_time};
use crate::register::export;

pub fn run(args: &ExportArgs) -> ExitCode {
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
    let tables = export::tables(&loaded.portfolio, &assessments, &plan, args.lang);
    match args.format {
        ExportFormat::Xlsx => match export::xlsx(&tables, args.lang) {
            Ok(bytes) => {
                let status = super::write_out(&args.out, &bytes);
                if status == ExitCode::SUCCESS {
                    println!(
                        "{}: {} contracts, {} assessments, {} deadlines",
                        display_path(&args.out),
                        tables[0].rows.len(),
                        tables[1].rows.len(),
                        tables[2].rows.len()
                    );
                }
                status
            }
            Err(e) => {
                eprintln!("error: cannot build the workbook: {e}");
                ExitCode::FAILURE
            }
        },
        ExportFormat::Csv => {
            if let Err(e) = std::fs::create_dir_all(&args.out) {
                eprintln!("error: cannot create {}: {e}", display_path(&args.out));
                return ExitCode::FAILURE;
            }
            for t in &tables {
                let path = args.out.join(t.file);
                let text = match export::csv(t, args.lang) {
                    Ok(text) => text,
                    Err(e) => {
                        eprintln!("error: cannot write the CSV: {e}");
                        return ExitCode::FAILURE;
                    }
                };
                let status = super::write_out(&path, text.as_bytes());
                if status != ExitCode::SUCCESS {
                    return status;
                }
                println!("{}: {} rows", display_path(&path), t.rows.len());
            }
            ExitCode::SUCCESS
        }
    }
}
