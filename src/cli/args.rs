//! Every command-line argument of `vesentlig` (clap derive).

use std::net::IpAddr;
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
    /// How far each contract can still be changed on a date without a new competition.
    Headroom(HeadroomArgs),
    /// Which of the overlapping contracts the merged municipality should keep.
    Consolidate(ConsolidateArgs),
    /// Read a contract register (xlsx, xls, ods, csv) into contract files, one per row.
    Import(ImportArgs),
    /// Write the portfolio, its assessments and deadlines as a workbook (or CSV files).
    Export(ExportArgs),
    /// Write an empty contract register to fill in and import.
    Template(TemplateArgs),
    /// Print the JSON Schema of the portfolio files (for editors).
    Schema(SchemaArgs),
    /// The web workspace: overview, contracts, what-if, plan and report in the browser.
    Serve(ServeArgs),
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

#[derive(Debug, clap::Args)]
pub struct HeadroomArgs {
    /// The portfolio folder.
    #[arg(default_value = "contracts")]
    pub portfolio: PathBuf,
    /// Only these contracts (repeatable).
    #[arg(long = "contract", value_name = "ID")]
    pub contracts: Vec<String>,
    /// The date of the change (default: today); the thresholds in force then apply.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<NaiveDate>,
    #[arg(long, value_enum, default_value_t)]
    pub format: AssessFormat,
    #[arg(long, value_enum, default_value_t)]
    pub lang: Lang,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The register: .xlsx, .xls, .ods or .csv.
    pub register: PathBuf,
    /// The sheet to read (default: the first with a heading row).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// A mapping file (JSON): headings to fields, units, the heading row (docs/register.md).
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// The merger, to turn municipality names into ids (default: DIR/merger.json if present).
    #[arg(long, value_name = "FILE")]
    pub merger: Option<PathBuf>,
    /// The contracting authority of every row, for a register of one municipality.
    #[arg(long, value_name = "ID|NAME")]
    pub authority: Option<String>,
    /// The portfolio folder to write the contract files into.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Overwrite contract files that already exist.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    #[default]
    Xlsx,
    Csv,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The portfolio folder.
    #[arg(default_value = "contracts")]
    pub portfolio: PathBuf,
    /// The workbook to write (xlsx), or the folder for the CSV files (csv).
    #[arg(long)]
    pub out: PathBuf,
    #[arg(long, value_enum, default_value_t)]
    pub format: ExportFormat,
    #[arg(long, value_enum, default_value_t)]
    pub lang: Lang,
    /// The date the plan's deadlines are measured against (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<NaiveDate>,
}

#[derive(Debug, clap::Args)]
pub struct TemplateArgs {
    /// The workbook to write.
    #[arg(long, default_value = "register.xlsx")]
    pub out: PathBuf,
    /// merger.json, for the list of municipalities.
    #[arg(long, value_name = "FILE")]
    pub merger: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t)]
    pub lang: Lang,
}

#[derive(Debug, clap::Args)]
pub struct ConsolidateArgs {
    /// The portfolio folder.
    #[arg(default_value = "contracts")]
    pub portfolio: PathBuf,
    /// The date the analysis is made (default: today): the hypothetical changes are dated then,
    /// and termination notices can be given from then.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<NaiveDate>,
    #[arg(long, value_enum, default_value_t)]
    pub format: AssessFormat,
    #[arg(long, value_enum, default_value_t)]
    pub lang: Lang,
}

#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// Which file the schema describes.
    #[arg(value_enum, default_value = "contract")]
    pub file: crate::portfolio_schema::FileKind,
    /// Write to this file instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The portfolio folder (only read, never written; watched for changes).
    #[arg(default_value = "contracts")]
    pub portfolio: PathBuf,
    /// The port to listen on (0: any free port).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Open the workspace in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Listen on this address instead of 127.0.0.1 (makes the workspace reachable by others).
    #[arg(long, value_name = "ADDRESS")]
    pub bind: Option<IpAddr>,
    /// The date deadlines are measured against (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<NaiveDate>,
}
