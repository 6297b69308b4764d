//! The command-line interface: one module per command, dispatched from `run`.

pub mod args;
mod assess;
mod check;
mod memo;
mod plan;
mod report;

use std::process::ExitCode;

use args::{Cli, Command};

/// Exit status: the portfolio is invalid (errors on stderr).
pub const EXIT_INVALID: u8 = 1;
/// Exit status: bad command-line usage.
pub const EXIT_USAGE: u8 = 2;
/// Exit status: a document could not be rendered or written (each failure on stderr); every
/// other document of the run was written.
pub const EXIT_FAILED: u8 = 3;

/// Runs one command and returns the process exit status.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check(a) => check::run(&a),
        Command::Assess(a) => assess::run(&a),
        Command::Memo(a) => memo::run(&a),
        Command::Plan(a) => plan::run(&a),
        Command::Report(a) => report::run(&a),
    }
}

/// Today's date, unless the user fixed one for reproducible output.
pub fn today_or(date: Option<chrono::NaiveDate>) -> chrono::NaiveDate {
    date.unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// Prints an invalid portfolio's diagnostics on stderr and returns exit status 1.
pub fn fail(report: &crate::diagnostics::Report) -> ExitCode {
    eprint!("{}", report.render());
    let n = report.diagnostics.len();
    eprintln!(
        "error: the portfolio is invalid ({n} {})",
        if n == 1 { "problem" } else { "problems" }
    );
    ExitCode::from(EXIT_INVALID)
}
