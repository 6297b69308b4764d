//! The web workspace on a 3 000-contract portfolio (the example replicated with fresh ids):
//! the time to serve each page over loopback HTTP, and a bounded load test — 50 concurrent
//! clients, 20 requests each — that must finish without a single error.
//! Run with `cargo bench --bench web`.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use vesentlig::web::{Options, Server};

#[path = "../tests/support/replicate.rs"]
mod replicate;
use replicate::replicated_portfolio;

/// 143 copies of the example's 21 contracts.
const COPIES: usize = 143;
const CLIENTS: usize = 50;
const REQUESTS_PER_CLIENT: usize = 20;

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

fn fetch(agent: &ureq::Agent, url: &str) -> Result<usize, ureq::Error> {
    let mut r = agent.get(url).call()?;
    Ok(r.body_mut()
        .with_config()
        .limit(256 * 1024 * 1024)
        .read_to_vec()?
        .len())
}

const PAGES: [&str; 9] = [
    "/",
    "/kontrakter",
    "/kontrakter?sok=l%C3%B8nn&sorter=utlop&retning=synkende",
    "/kontrakter/k70-storvik-barnehage-2022",
    "/plan",
    "/rapport",
    "/feil",
    "/plan.csv",
    "/?lang=en",
];

/// 50 clients at once, each fetching pages in turn; every response must be a success.
fn load_test(base: &str) {
    let start = Instant::now();
    let threads: Vec<_> = (0..CLIENTS)
        .map(|i| {
            let base = base.to_owned();
            std::thread::spawn(move || {
                let agent = agent();
                let mut errors = Vec::new();
                for k in 0..REQUESTS_PER_CLIENT {
                    let page = PAGES[(i + k) % PAGES.len()];
                    if let Err(e) = fetch(&agent, &format!("{base}{}", &page[1..])) {
                        errors.push(format!("{page}: {e}"));
                    }
                }
                errors
            })
        })
        .collect();
    let errors: Vec<String> = threads
        .into_iter()
        .flat_map(|t| t.join().expect("client thread"))
        .collect();
    let n = CLIENTS * REQUESTS_PER_CLIENT;
    let elapsed = start.elapsed();
    eprintln!(
        "load test: {CLIENTS} concurrent clients, {n} requests in {:.1} s ({:.0} requests/s), {} errors",
        elapsed.as_secs_f64(),
        n as f64 / elapsed.as_secs_f64(),
        errors.len()
    );
    assert!(errors.is_empty(), "errors under load: {errors:?}");
}

fn bench(c: &mut Criterion) {
    let (_keep, root) = replicated_portfolio(COPIES);
    let mut options = Options::local(&root, 0);
    options.today = NaiveDate::from_ymd_opt(2026, 11, 27);
    let started = Instant::now();
    let server = Server::start(options).expect("server");
    eprintln!(
        "loaded, assessed and planned in {:.2} s",
        started.elapsed().as_secs_f64()
    );
    let base = server.url();
    let agent = agent();
    let contracts = fetch(&agent, &format!("{base}kontrakter")).expect("contracts page");
    eprintln!("contracts page: {} kB", contracts / 1024);

    load_test(&base);

    let mut group = c.benchmark_group("web pages, 3003 contracts");
    group.sample_size(20);
    for page in PAGES {
        let url = format!("{base}{}", &page[1..]);
        group.bench_function(page, |b| b.iter(|| fetch(&agent, &url).expect("page")));
    }
    let whatif = format!("{base}kontrakter/k70-storvik-barnehage-2022/prov-endring");
    group.bench_function("what-if (POST)", |b| {
        b.iter(|| {
            agent
                .post(&whatif)
                .send_form([("date", "2027-11-01"), ("value_change", "50000")])
                .expect("what-if")
                .body_mut()
                .read_to_vec()
                .expect("body")
                .len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
