//! Speed of the data path on a large portfolio: load + validate, assess, plan. Memo and report
//! rendering are in `benches/render.rs`.
//!
//! The shipped example (21 contracts) is replicated into a temporary folder with fresh ids,
//! so the numbers reflect a merger of many municipalities' contracts.
//! Run with `cargo bench --bench portfolio`.

#[path = "../tests/support/replicate.rs"]
mod replicate;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use replicate::replicated_portfolio;

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
}

criterion_group!(benches, bench);
criterion_main!(benches);
