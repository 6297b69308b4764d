//! Side by side: the same memos rendered (a) by one `vesentlig memo` run and (b) by one
//! `vesentlig memo --contract ID` process per contract, two at a time. Prints each one's
//! throughput, the one run's peak memory, and the ratio; checks that both wrote every memo and
//! byte-identical PDFs.
//!
//! `cargo bench --bench side_by_side -- --memos 1000` (options: `--help`). The binary measured
//! is the one Cargo builds for benchmarks (release profile). Without `--portfolio`, the
//! portfolio is the shipped example replicated (`tests/support/replicate.rs`) to at least
//! `--memos` memos.

#[path = "../tests/support/replicate.rs"]
mod replicate;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use clap::Parser;
use replicate::{MEMOS_PER_COPY, replicated_portfolio};
use sha2::{Digest, Sha256};

const BINARY: &str = env!("CARGO_BIN_EXE_vesentlig");
const DATE: &str = "2026-11-27";

#[derive(Debug, Parser)]
#[command(about = "One `vesentlig memo` run against one process per contract")]
struct Options {
    /// At least this many memos (the example is replicated in whole copies of 27).
    #[arg(long, default_value_t = 1000)]
    memos: usize,
    /// Memos rendered at once by the one run, and processes run at once for (b).
    #[arg(long, default_value_t = 2)]
    jobs: usize,
    /// Use this portfolio (every assessed change) instead of the replicated example.
    #[arg(long)]
    portfolio: Option<PathBuf>,
    /// Only time the one run (e.g. for 10 000 memos, where (b) takes long).
    #[arg(long)]
    one_run_only: bool,
    /// Passed by `cargo bench`; ignored.
    #[arg(long, hide = true)]
    bench: bool,
}

fn main() -> ExitCode {
    let options = Options::parse();
    let (_keep, portfolio) = match &options.portfolio {
        Some(dir) => (None, dir.clone()),
        None => {
            let (keep, dir) = replicated_portfolio(options.memos.div_ceil(MEMOS_PER_COPY));
            (Some(keep), dir)
        }
    };
    let out = tempfile::tempdir().expect("temp dir");
    let (one_run, many) = (out.path().join("one-run"), out.path().join("per-process"));

    // First child of this process, so the children's peak RSS below is the one run's.
    let started = Instant::now();
    let jobs = options.jobs.to_string();
    let ok = run(&[
        "memo",
        path(&portfolio),
        "--out",
        path(&one_run),
        "--date",
        DATE,
        "--jobs",
        &jobs,
    ]);
    let a = started.elapsed();
    let written = pdfs(&one_run);
    let n = written.len();
    println!(
        "(a) one run, {} workers: {n} memos in {:.1} s = {:.1} memos/s, peak RSS {}",
        options.jobs,
        a.as_secs_f64(),
        rate(n, a),
        peak_children_rss().unwrap_or_else(|| "unknown".to_owned()),
    );
    if !ok {
        return ExitCode::FAILURE;
    }
    if options.one_run_only {
        return ExitCode::SUCCESS;
    }

    let contracts = assessed_contracts(&portfolio);
    let started = Instant::now();
    let ok = per_process(&portfolio, &many, &contracts, options.jobs);
    let b = started.elapsed();
    let m = pdfs(&many).len();
    println!(
        "(b) one process per contract, {} at a time: {m} memos in {:.1} s = {:.1} memos/s ({} processes)",
        options.jobs,
        b.as_secs_f64(),
        rate(m, b),
        contracts.len(),
    );
    println!("ratio (a) / (b): {:.1}x", rate(n, a) / rate(m, b));
    let identical = written == pdfs(&many);
    println!(
        "the two ways wrote {}",
        if identical {
            "the same, byte-identical PDFs"
        } else {
            "DIFFERENT files"
        }
    );
    if ok && identical {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

fn rate(n: usize, d: Duration) -> f64 {
    n as f64 / d.as_secs_f64()
}

/// Runs `vesentlig` with `args`, standard output discarded; false (and its stderr shown) on
/// failure.
fn run(args: &[&str]) -> bool {
    let output = Command::new(BINARY)
        .args(args)
        .stdout(Stdio::null())
        .output()
        .expect("run vesentlig");
    if !output.status.success() {
        eprintln!(
            "vesentlig {} failed ({}):\n{}",
            args.join(" "),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    output.status.success()
}

/// The contracts with at least one assessed change, from `vesentlig assess --format json`.
fn assessed_contracts(portfolio: &Path) -> Vec<String> {
    let output = Command::new(BINARY)
        .args(["assess", path(portfolio), "--format", "json"])
        .output()
        .expect("run vesentlig assess");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("assess JSON");
    let mut seen = BTreeSet::new();
    json["assessments"]
        .as_array()
        .expect("an array of assessments")
        .iter()
        .filter_map(|a| a["contract"].as_str())
        .filter(|c| seen.insert(c.to_owned()))
        .map(str::to_owned)
        .collect()
}

/// One `vesentlig memo --contract ID` process per contract, `jobs` at a time.
fn per_process(portfolio: &Path, out: &Path, contracts: &[String], jobs: usize) -> bool {
    let next = AtomicUsize::new(0);
    let failed = Mutex::new(0usize);
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1) {
            scope.spawn(|| {
                while let Some(id) = contracts.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let args = [
                        "memo",
                        path(portfolio),
                        "--contract",
                        id,
                        "--out",
                        path(out),
                        "--date",
                        DATE,
                    ];
                    if !run(&args) {
                        *failed.lock().expect("lock") += 1;
                    }
                }
            });
        }
    });
    failed.into_inner().expect("lock") == 0
}

/// The PDFs of a folder by name, with the SHA-256 of their bytes.
fn pdfs(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|entries| entries.flatten().collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let bytes = std::fs::read(e.path()).unwrap_or_default();
            name.ends_with(".pdf")
                .then(|| (name, Sha256::digest(bytes).to_vec()))
        })
        .collect();
    files.sort();
    files
}

/// The largest peak resident set size among the children waited for so far.
#[cfg(unix)]
fn peak_children_rss() -> Option<String> {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    // Linux reports kilobytes (macOS bytes; this is measured on Linux).
    (rc == 0).then(|| format!("{:.0} MiB", usage.ru_maxrss as f64 / 1024.0))
}

#[cfg(not(unix))]
fn peak_children_rss() -> Option<String> {
    None
}
