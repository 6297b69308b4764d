//! Every command-line argument of `vesentlig` (clap derive).

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use crate::text::Lang;

/// Sorts the contracts of merging municipalities under FOA ch. 28: continue, intention notice or retender.
#[derive(Debug, Parser)]
#[command(name = "vesentlig", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load and validate the portfolio; print every error.
    Check(CheckArgs),
    /// Apply the change tests to every proposed change and print the verdicts.
    Assess(AssessArgs),
    /// Render one PDF memo per assessed change.
    Memo(MemoArgs),
    /// The tender, notice and termination schedule.
    Plan(PlanArgs),
    /// One PDF for the whole portfolio: verdicts, timeline, deadlines.
    Report(ReportArgs),
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The portfolio folder.
    #[arg(default_value = "contracts")]
    pub portfolio: PathBuf,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum AssessFormat {
    #[default]
    Table,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct AssessArgs {
    /// The portfolio folder.
    #[arg(default_value = "contracts")]
    pub portfolio: PathBuf,
    /// Only these contracts (repeatable).
    #[arg(long = "contract", value_name = "ID")]
    pub contracts: Vec<String>,
    #[arg(long, value_enum, default_value_t)]
    pub format: AssessFormat,
    #[arg(long, value_enum, default_value_t)]
    pub lang: Lang,
}

#[derive(Debug, clap::Args)]
pub struct MemoArgs {
    /// The portfolio folder.
    #[arg(default_value = "contracts")]
    pub portfolio: PathBuf,
    /// Only these contracts (repeatable).
    #[arg(long = "contract", value_name = "ID")]
    pub contracts: Vec<String>,
    #[arg(long, value_enum, default_value_t)]
    pub lang: Lang,
    /// Output folder.
    #[arg(long, default_value = "memos")]
    pub out: PathBuf,
    /// The memo's date (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<NaiveDate>,
    /// How many memos to render at once (default: one per CPU core).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    #[default]
    Table,
    Json,
    Csv,
    Ics,
}

#[derive(Debug, clap::Args)]
pub struct PlanArgs {
    /// The portfolio folder.
    #[arg(default_value = "contracts")]
    pub portfolio: PathBuf,
    #[arg(long, value_enum, default_value_t)]
    pub format: PlanFormat,
    /// Write to this file instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// The date deadlines are measured against (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<NaiveDate>,
    #[arg(long, value_enum, default_value_t)]
    pub lang: Lang,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The portfolio folder.
    #[arg(default_value = "contracts")]
    pub portfolio: PathBuf,
    #[arg(long, value_enum, default_value_t)]
    pub lang: Lang,
    /// Output file.
    #[arg(long, default_value = "report.pdf")]
    pub out: PathBuf,
    /// The report's date (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<NaiveDate>,
}
