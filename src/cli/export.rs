//! `vesentlig export`: the portfolio, its assessments and the plan's deadlines as a workbook,
//! or as CSV files of the same sheets.

use std::process::ExitCode;

use super::args::{ExportArgs, ExportFormat};
use crate::diagnostics::display_path;
use crate::register::export;

pub fn run(args: &ExportArgs) -> ExitCode {
    let planned = match super::assess_and_plan(&args.portfolio, args.today) {
        Ok(p) => p,
        Err(status) => return status,
    };
    let tables = export::tables(
        &planned.loaded.portfolio,
        &planned.assessments,
        &planned.plan,
        args.lang,
    );
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
