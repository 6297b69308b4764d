//! Speed of memo rendering: the shipped example's 27 memos, in parallel, as `vesentlig memo`
//! does. (Load, assessment and planning: `benches/data_path.rs`.)
//! Run with `cargo bench --bench portfolio`.

use std::path::Path;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).expect("date");
    let config = vesentlig::plan::PlanningConfig::default();

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
