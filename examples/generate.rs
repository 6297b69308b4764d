//! Writes a synthetic portfolio (`vesentlig::synthetic`) for benchmarks and load tests:
//!
//! ```sh
//! cargo run --release --example generate -- --contracts 178000 --seed 1 --out /tmp/p178k
//! vesentlig check /tmp/p178k
//! ```
//!
//! The same arguments give byte-identical files.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use vesentlig::synthetic::{Spec, generate};

/// Writes a synthetic portfolio: merger.json and one file of contracts per municipality.
#[derive(Parser)]
struct Args {
    /// Contracts in all.
    #[arg(long)]
    contracts: usize,
    /// Seed of the random sequence: the same seed gives the same files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Contracts per municipality file.
    #[arg(long, default_value_t = 500)]
    per_file: usize,
    /// The folder to write (created; must hold no JSON files yet).
    #[arg(long)]
    out: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let spec = Spec {
        contracts: args.contracts,
        seed: args.seed,
        per_file: args.per_file,
    };
    match generate(&spec, &args.out) {
        Ok(w) => {
            println!(
                "{}: {} contracts, {} proposed changes, {} files, {:.1} MB",
                args.out.display(),
                w.contracts,
                w.proposed_changes,
                w.files.len(),
                w.bytes as f64 / 1e6
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", args.out.display());
            ExitCode::FAILURE
        }
    }
}
