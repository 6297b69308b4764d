//! The command-line interface: one module per command, dispatched from `run`.

pub mod args;
mod assess;
mod check;
mod consolidate;
mod export;
mod headroom;
mod import;
mod memo;
mod plan;
mod report;
mod schema;
mod serve;
mod template;

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
        Command::Headroom(a) => headroom::run(&a),
        Command::Consolidate(a) => consolidate::run(&a),
        Command::Import(a) => import::run(&a),
        Command::Export(a) => export::run(&a),
        Command::Template(a) => template::run(&a),
        Command::Schema(a) => schema::run(&a),
        Command::Serve(a) => serve::run(&a),
    }
}

/// Today's date, unless the user fixed one for reproducible output.
pub fn today_or(date: Option<chrono::NaiveDate>) -> chrono::NaiveDate {
    date.unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// Leaves `value` to be reclaimed when the process exits, which it does right after the
/// command: freeing a large portfolio allocation by allocation would cost more than the rest
/// of the exit (≈ 0.1 s of CPU for 178 000 contracts).
fn leave_to_exit<T>(value: T) {
    std::mem::forget(value);
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

/// Loads and validates the portfolio; an invalid one is reported (exit 1).
pub fn load(portfolio: &std::path::Path) -> Result<crate::load::Loaded, ExitCode> {
    crate::load::load_checked(portfolio).map_err(|r| fail(&r))
}

/// Loads the portfolio, then refuses `--contract` ids it does not hold (exit 2).
pub fn load_for(
    portfolio: &std::path::Path,
    contracts: &[String],
) -> Result<crate::load::Loaded, ExitCode> {
    let loaded = load(portfolio)?;
    match check_contract_filter(&loaded.portfolio, contracts) {
        Some(code) => Err(code),
        None => Ok(loaded),
    }
}

/// The portfolio and its `planning.json` (or the defaults); either invalid is reported.
pub fn load_with_config(
    portfolio: &std::path::Path,
) -> Result<(crate::load::Loaded, crate::plan::lead_time::PlanningConfig), ExitCode> {
    let loaded = load(portfolio)?;
    let config = crate::plan::lead_time::load_config(portfolio).map_err(|r| fail(&r))?;
    Ok((loaded, config))
}

/// `--contract` ids that are not in the portfolio are a usage error (exit 2), listing the ids.
pub fn check_contract_filter(
    portfolio: &crate::model::Portfolio,
    ids: &[String],
) -> Option<ExitCode> {
    let unknown: Vec<&String> = ids
        .iter()
        .filter(|id| portfolio.contract(id).is_none())
        .collect();
    if unknown.is_empty() {
        return None;
    }
    for id in unknown {
        eprintln!("error: no contract `{id}` in the portfolio");
    }
    // A national portfolio has too many ids to list them all.
    const SHOWN: usize = 30;
    let known: Vec<&str> = portfolio
        .contracts
        .iter()
        .map(|c| c.id.as_str())
        .take(SHOWN)
        .collect();
    let more = portfolio.contracts.len().saturating_sub(SHOWN);
    let more = if more > 0 {
        format!(" … and {more} more")
    } else {
        String::new()
    };
    eprintln!("hint: the contracts are: {}{more}", known.join(", "));
    Some(ExitCode::from(EXIT_USAGE))
}

/// An amount in JSON output: a normalized decimal string (`"1250000"`, never `"1250000.00"`).
pub(crate) fn amount(d: rust_decimal::Decimal) -> String {
    d.normalize().to_string()
}

/// Writes `text` to standard output; a closed pipe (`| head`) is not an error.
pub fn print_out(text: &str) -> ExitCode {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write the output: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Writes `bytes` to `path` (atomically) or prints an error; the exit status.
pub fn write_out(path: &std::path::Path, bytes: &[u8]) -> ExitCode {
    match crate::atomic_file::write_atomic(path, bytes) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "error: cannot write {}: {e}",
                crate::diagnostics::display_path(path)
            );
            ExitCode::FAILURE
        }
    }
}

/// Reads `merger.json` for the register commands, which take it on its own.
pub fn read_merger(path: &std::path::Path) -> Result<crate::model::Merger, String> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "cannot read {}: {e}",
            crate::diagnostics::display_path(path)
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    serde_json::from_str(text).map_err(|e| {
        format!(
            "{}: {e} (run `vesentlig check` on the portfolio for every problem)",
            crate::diagnostics::display_path(path)
        )
    })
}

/// A validated portfolio, assessed and planned: what `plan` and `export` show.
pub struct Planned {
    pub loaded: crate::load::Loaded,
    pub assessments: Vec<crate::assessment::Assessment>,
    pub plan: crate::plan::Plan,
    pub config: crate::plan::PlanningConfig,
}

/// Loads the portfolio and `planning.json`, assesses every change and plans; on an invalid
/// input prints every problem and returns exit status 1.
pub fn assess_and_plan(
    portfolio: &std::path::Path,
    today: Option<chrono::NaiveDate>,
) -> Result<Planned, ExitCode> {
    let (loaded, config) = load_with_config(portfolio)?;
    let assessments = crate::law::assess_portfolio(&loaded.portfolio, &loaded.thresholds);
    let plan =
        crate::plan::plan_portfolio(&loaded.portfolio, &assessments, today_or(today), &config);
    Ok(Planned {
        loaded,
        assessments,
        plan,
        config,
    })
}
