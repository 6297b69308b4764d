//! Speed of the data path on synthetic portfolios (`vesentlig::synthetic`, seed 1, files of
//! 500 contracts): load and validate, and assess with the JSON of `vesentlig assess --format
//! json` written to a sink (texts in Norwegian only, as the command builds them), at 1 000,
//! 10 000 and 178 000 contracts; the plan at 3 000 contracts.
//!
//! `cargo bench --bench data_path` runs them all (the 178 000-contract portfolio is generated
//! into a temporary folder first, ≈ 240 MB); one size: `cargo bench --bench data_path -- 10000`.

use std::cell::OnceCell;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use vesentlig::assessment::render::JsonWriter;
use vesentlig::load::{Loaded, load_checked};
use vesentlig::model::Contract;
use vesentlig::synthetic::{Spec, generate};
use vesentlig::text::{Lang, Languages, with_languages};

/// A portfolio of `contracts`, generated and loaded on first use, so that a size filtered out
/// on the command line costs nothing.
struct Fixture {
    contracts: usize,
    dir: OnceCell<(tempfile::TempDir, PathBuf)>,
    loaded: OnceCell<Loaded>,
}

impl Fixture {
    fn new(contracts: usize) -> Self {
        Self {
            contracts,
            dir: OnceCell::new(),
            loaded: OnceCell::new(),
        }
    }

    fn root(&self) -> &Path {
        &self
            .dir
            .get_or_init(|| {
                let tmp = tempfile::tempdir().expect("temp dir");
                let root = tmp.path().join("portfolio");
                generate(&Spec::new(self.contracts, 1), &root).expect("generate");
                (tmp, root)
            })
            .1
    }

    fn loaded(&self) -> &Loaded {
        self.loaded
            .get_or_init(|| load_checked(self.root()).expect("a generated portfolio is valid"))
    }
}

/// `vesentlig assess --format json` without the terminal: assessed batch by batch, written.
fn assess_json(loaded: &Loaded) -> io::Result<()> {
    let contracts: Vec<&Contract> = loaded.portfolio.contracts.iter().collect();
    with_languages(Languages::Only(Lang::Nb), || {
        let mut w = JsonWriter::new(io::sink(), Lang::Nb)?;
        vesentlig::law::assess_in_batches(
            &contracts,
            loaded.portfolio.merger.as_ref(),
            &loaded.thresholds,
            |batch| w.write(batch),
        )?;
        w.finish().map(drop)
    })
}

fn load_and_assess(c: &mut Criterion) {
    for (contracts, samples, seconds) in [(1_000, 20, 8), (10_000, 10, 12), (178_000, 10, 60)] {
        let fixture = Fixture::new(contracts);
        let mut group = c.benchmark_group(format!("{contracts} contracts"));
        group.sample_size(samples);
        group.measurement_time(Duration::from_secs(seconds));
        if contracts > 100_000 {
            // Seconds per run: one run per sample.
            group.sampling_mode(SamplingMode::Flat);
        }
        group.bench_function("load and validate", |b| {
            let root = fixture.root();
            b.iter(|| load_checked(root).is_ok())
        });
        group.bench_function("assess, JSON written", |b| {
            let loaded = fixture.loaded();
            b.iter(|| assess_json(loaded).expect("to a sink"))
        });
        group.finish();
    }
}

fn plan(c: &mut Criterion) {
    let fixture = Fixture::new(3_000);
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).expect("date");
    let config = vesentlig::plan::PlanningConfig::default();
    let mut group = c.benchmark_group("3000 contracts");
    group.sample_size(20);
    group.bench_function("plan, JSON written", |b| {
        let loaded = fixture.loaded();
        let assessments = with_languages(Languages::Neither, || {
            vesentlig::law::assess_portfolio(&loaded.portfolio, &loaded.thresholds)
        });
        b.iter(|| {
            let plan =
                vesentlig::plan::plan_portfolio(&loaded.portfolio, &assessments, today, &config);
            vesentlig::plan::render::write_json(&plan, io::sink()).expect("to a sink")
        })
    });
    group.finish();
}

criterion_group!(benches, load_and_assess, plan);
criterion_main!(benches);
