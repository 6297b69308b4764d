//! Speed of rendering: memos on one worker and on two (as `vesentlig memo` does on the 2-core
//! reference machine), and the portfolio report at 3 000 contracts.
//!
//! Portfolios are the shipped example replicated with fresh ids (`tests/support/replicate.rs`).
//! Run with `cargo bench --bench render`. Peak memory and the comparison with one process per
//! memo are measured by `cargo bench --bench side_by_side` (see `docs/performance.md`).

#[path = "../tests/support/replicate.rs"]
mod replicate;

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use replicate::{CONTRACTS_PER_COPY, MEMOS_PER_COPY, replicated_portfolio};
use vesentlig::render::batch::{MemoBatch, write_memos};
use vesentlig::render::report::{ReportData, ReportInput};
use vesentlig::render::{Renderer, Template};
use vesentlig::text::Lang;

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).expect("date")
}

/// Memos per iteration: the example twice, enough for both workers to stay busy.
const MEMO_COPIES: usize = 2;

fn memos(c: &mut Criterion) {
    let (_keep, root) = replicated_portfolio(MEMO_COPIES);
    let loaded = vesentlig::load::load_checked(&root).expect("valid portfolio");
    let assessments = vesentlig::law::assess_portfolio(&loaded.portfolio, &loaded.thresholds);
    let plan = vesentlig::plan::plan_portfolio(
        &loaded.portfolio,
        &assessments,
        date(),
        &Default::default(),
    );
    let renderer = Renderer::new().expect("fonts and templates");
    let out = tempfile::tempdir().expect("temp dir");
    let batch = MemoBatch {
        portfolio: &loaded.portfolio,
        lang: Lang::Nb,
        date: date(),
        fingerprint: "bench",
        out_dir: out.path(),
        plan: Some(&plan),
        thresholds: &loaded.thresholds,
    };
    let n = MEMO_COPIES * MEMOS_PER_COPY;
    let mut group = c.benchmark_group(format!("{n} memos, rendered and written"));
    group.sample_size(10);
    group.throughput(Throughput::Elements(n as u64));
    for workers in [1, 2] {
        group.bench_function(format!("{workers} worker(s)"), |b| {
            b.iter(|| {
                let outcomes = write_memos(&renderer, &batch, &assessments, workers, &|| {});
                assert!(outcomes.iter().all(|o| o.result.is_ok()));
            })
        });
    }
    group.finish();
}

/// Copies of the example giving about 3 000 contracts.
const REPORT_COPIES: usize = 3_000usize.div_ceil(CONTRACTS_PER_COPY);

fn report(c: &mut Criterion) {
    let (_keep, root) = replicated_portfolio(REPORT_COPIES);
    let loaded = vesentlig::load::load_checked(&root).expect("valid portfolio");
    let p = &loaded.portfolio;
    let assessments = vesentlig::law::assess_portfolio(p, &loaded.thresholds);
    let plan = vesentlig::plan::plan_portfolio(p, &assessments, date(), &Default::default());
    let headroom =
        vesentlig::analysis::headroom::continue_up_to(p, &assessments, &loaded.thresholds);
    let consolidation =
        vesentlig::analysis::consolidation::analyse(&vesentlig::analysis::consolidation::Input {
            portfolio: p,
            thresholds: &loaded.thresholds,
            config: &Default::default(),
            date: date(),
        });
    let input = ReportInput {
        portfolio: p,
        assessments: &assessments,
        lang: Lang::Nb,
        date: date(),
        fingerprint: "bench",
        plan: &plan,
        headroom: &headroom,
        consolidation: &consolidation,
    };
    let data = ReportData::build(&input);
    let renderer = Renderer::new().expect("fonts and templates");
    let mut group = c.benchmark_group(format!("report of {} contracts", p.contracts.len()));
    group.sample_size(10);
    group.bench_function("build the data", |b| b.iter(|| ReportData::build(&input)));
    group.bench_function("render", |b| {
        b.iter(|| {
            renderer
                .render(Template::Report, &data, date())
                .expect("report")
                .pdf
                .len()
        })
    });
    group.finish();
}

criterion_group!(benches, memos, report);
criterion_main!(benches);
