//! Speed of the data path on a large portfolio: load + validate, assess, plan; and memo
//! rendering (the shipped example's 27 memos, in parallel, as `vesentlig memo` does).
//!
//! The shipped example (21 contracts) is replicated into a temporary folder with fresh ids,
//! so the numbers reflect a merger of many municipalities' contracts.
//! Run with `cargo bench --bench portfolio`.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};

/// Copies `contracts/` `copies` times into a temporary folder, prefixing every contract id.
fn replicated_portfolio(copies: usize) -> (tempfile::TempDir, PathBuf) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("contracts");
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().to_path_buf();
    fs::copy(src.join("merger.json"), root.join("merger.json")).expect("merger");
    for entry in fs::read_dir(&src).expect("contracts/") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        if !name.ends_with(".json") || name == "merger.json" {
            continue;
        }
        let text = fs::read_to_string(&path).expect("read");
        for k in 0..copies {
            let mut json: serde_json::Value = serde_json::from_str(&text).expect("json");
            let contracts = match &mut json {
                serde_json::Value::Array(items) => items.iter_mut().collect::<Vec<_>>(),
                one => vec![one],
            };
            for contract in contracts {
                if let Some(id) = contract
                    .get("id")
                    .and_then(|v| v.as_str())
                    .map(str::to_owned)
                {
                    contract["id"] = serde_json::Value::String(format!("k{k}-{id}"));
                }
            }
            fs::write(root.join(format!("k{k}-{name}")), json.to_string()).expect("write");
        }
    }
    (dir, root)
}

fn bench(c: &mut Criterion) {
    let (_keep, root) = replicated_portfolio(50);
    let loaded = vesentlig::load::load_checked(&root).expect("the replicated portfolio is valid");
    let n = loaded.portfolio.contracts.len();
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).expect("date");
    let config = vesentlig::plan::PlanningConfig::default();

    let mut group = c.benchmark_group(format!("portfolio of {n} contracts"));
    group.sample_size(20);
    group.bench_function("load and validate", |b| {
        b.iter(|| vesentlig::load::load_checked(&root).is_ok())
    });
    group.bench_function("assess", |b| {
        b.iter(|| vesentlig::law::assess_portfolio(&loaded.portfolio, &loaded.thresholds).len())
    });
    let assessments = vesentlig::law::assess_portfolio(&loaded.portfolio, &loaded.thresholds);
    group.bench_function("plan", |b| {
        b.iter(|| vesentlig::plan::plan_portfolio(&loaded.portfolio, &assessments, today, &config))
    });
    group.finish();

    // Memo rendering: fonts and templates loaded once, memos rendered in parallel.
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("contracts");
    let example = vesentlig::load::load_checked(&example).expect("the example is valid");
    let assessments = vesentlig::law::assess_portfolio(&example.portfolio, &example.thresholds);
    let plan = vesentlig::plan::plan_portfolio(&example.portfolio, &assessments, today, &config);
    let renderer = vesentlig::render::Renderer::new().expect("fonts and templates");
    let out = tempfile::tempdir().expect("temp dir");
    let batch = vesentlig::render::batch::MemoBatch {
        portfolio: &example.portfolio,
        lang: vesentlig::text::Lang::Nb,
        date: today,
        fingerprint: "bench",
        out_dir: out.path(),
        plan: Some(&plan),
    };
    let mut group = c.benchmark_group(format!("{} memos of the example", assessments.len()));
    group.sample_size(10);
    group.bench_function("render and write", |b| {
        b.iter(|| {
            vesentlig::render::batch::write_memos(&renderer, &batch, &assessments, &|| {}).len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
