//! Speed of the data path on a large portfolio: load + validate, assess, plan; and memo
//! rendering (the shipped example's 27 memos, in parallel, as `vesentlig memo` does).
//!
//! The shipped example (21 contracts) is replicated into a temporary folder with fresh ids,
//! so the numbers reflect a merger of many municipalities' contracts.
//! Run with `cargo bench --bench portfolio`.

use std::path::Path;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};

mod support;
use support::replicated_portfolio;

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
