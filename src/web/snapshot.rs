//! The portfolio as the server shows it: loaded, validated, assessed and planned in one go,
//! kept as an immutable [`Snapshot`] behind an `Arc`. The folder watcher builds a new snapshot
//! after the files have been quiet for a moment and swaps it in atomically; a request always
//! sees one whole snapshot. An invalid portfolio is a snapshot too: its diagnostics.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use tokio::sync::{mpsc, watch};

use crate::assessment::Assessment;
use crate::diagnostics::Report;
use crate::load::Loaded;
use crate::plan::{Plan, PlanningConfig};
use crate::render::report::{ReportData, ReportInput};
use crate::text::Lang;

/// Quiet time after the last file event before the folder is read.
const DEBOUNCE: Duration = Duration::from_millis(300);
/// An invalid result is published only when the folder stays quiet this much longer: an editor
/// that truncates and then writes produces a momentarily empty file.
const INVALID_GRACE: Duration = Duration::from_millis(700);
/// How often the date is looked at again when no date was given (deadlines are relative to it).
const DATE_CHECK: Duration = Duration::from_secs(600);
/// Polling interval when the operating system cannot watch the folder.
const POLL: Duration = Duration::from_secs(2);

/// One consistent state of the portfolio.
#[derive(Debug)]
pub struct Snapshot {
    /// Increases by one each time the data shown changes; pages poll it.
    pub version: u64,
    /// The date deadlines are measured against.
    pub today: NaiveDate,
    /// The folder served.
    pub root: PathBuf,
    /// The fingerprint of the files read (as in every memo's footer).
    pub fingerprint: String,
    /// When the snapshot was built (local time, for the footer).
    pub loaded_at: String,
    /// The assessed portfolio, or every problem that stops it from being assessed.
    pub data: Result<Assessed, Report>,
}

/// A valid portfolio with everything the pages show.
#[derive(Debug)]
pub struct Assessed {
    pub loaded: Loaded,
    pub config: PlanningConfig,
    pub assessments: Vec<Assessment>,
    pub plan: Plan,
    /// Contract id → position in `loaded.portfolio.contracts` (and `plan.contracts`).
    index: HashMap<String, usize>,
    /// The positions in `assessments` of each contract's assessments, by contract position.
    by_contract: Vec<Vec<usize>>,
    /// The report's data (counts, verdict table, timeline) in Norwegian and English.
    report: [ReportData; 2],
    /// The consolidation analysis of the portfolio (`analysis::consolidation`).
    pub(crate) consolidation: Vec<crate::analysis::consolidation::Group>,
}

impl Assessed {
    fn new(loaded: Loaded, config: PlanningConfig, today: NaiveDate, fingerprint: &str) -> Self {
        let assessments = crate::law::assess_portfolio(&loaded.portfolio, &loaded.thresholds);
        let plan = crate::plan::plan_portfolio(&loaded.portfolio, &assessments, today, &config);
        let contracts = &loaded.portfolio.contracts;
        let index: HashMap<String, usize> = contracts
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        let mut by_contract = vec![Vec::new(); contracts.len()];
        for (i, a) in assessments.iter().enumerate() {
            if let Some(&c) = index.get(&a.contract) {
                by_contract[c].push(i);
            }
        }
        let headroom = crate::analysis::headroom::continue_up_to(
            &loaded.portfolio,
            &assessments,
            &loaded.thresholds,
        );
        let consolidation =
            crate::analysis::consolidation::analyse(&crate::analysis::consolidation::Input {
                portfolio: &loaded.portfolio,
                thresholds: &loaded.thresholds,
                config: &config,
                date: today,
            });
        let report = [Lang::Nb, Lang::En].map(|lang| {
            ReportData::build(&ReportInput {
                portfolio: &loaded.portfolio,
                assessments: &assessments,
                lang,
                date: today,
                fingerprint,
                plan: &plan,
                headroom: &headroom,
                consolidation: &consolidation,
            })
        });
        Self {
            loaded,
            config,
            assessments,
            plan,
            index,
            by_contract,
            report,
            consolidation,
        }
    }

    /// The memo of one of its assessments, as `vesentlig memo` builds it (the plan's deadlines,
    /// the headroom on the change's date).
    pub(crate) fn memo(
        &self,
        x: &crate::assessment::Assessment,
        lang: Lang,
        today: NaiveDate,
        fingerprint: &str,
    ) -> Result<crate::render::memo::MemoData, crate::render::batch::MemoError> {
        let batch = crate::render::batch::MemoBatch {
            portfolio: &self.loaded.portfolio,
            lang,
            date: today,
            fingerprint,
            // Nothing is written: the page shows the data, the PDF route serves the bytes.
            out_dir: std::path::Path::new(""),
            plan: Some(&self.plan),
            thresholds: &self.loaded.thresholds,
        };
        crate::render::batch::memo_data(&batch, x)
    }

    /// The position of contract `id`.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The assessments of the contract at `position`, in the engine's order.
    pub fn assessments_of(&self, position: usize) -> impl Iterator<Item = &Assessment> {
        self.by_contract
            .get(position)
            .into_iter()
            .flatten()
            .map(|&i| &self.assessments[i])
    }

    /// The report's data in `lang`.
    pub fn report(&self, lang: Lang) -> &ReportData {
        match lang {
            Lang::Nb => &self.report[0],
            Lang::En => &self.report[1],
        }
    }
}

impl Snapshot {
    /// Reads the folder and builds a snapshot numbered `version`. If the files change while
    /// they are read (the fingerprint before and after differ), they are read again, so a
    /// snapshot never mixes two states of the folder.
    pub fn load(root: &Path, today: Option<NaiveDate>, version: u64) -> Snapshot {
        let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
        let mut attempt = 0;
        loop {
            let before = fingerprint(root);
            let data = read(root, today, &before);
            let after = fingerprint(root);
            attempt += 1;
            if before == after || attempt >= 5 {
                return Snapshot {
                    version,
                    today,
                    root: root.to_path_buf(),
                    fingerprint: after,
                    loaded_at: chrono::Local::now().format("%H:%M:%S").to_string(),
                    data,
                };
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The number of problems, when the portfolio is invalid.
    pub fn problems(&self) -> usize {
        self.data.as_ref().err().map_or(0, |r| r.diagnostics.len())
    }

    /// Whether `other` shows the same data (same files, same date).
    fn same_as(&self, other: &Snapshot) -> bool {
        self.fingerprint == other.fingerprint && self.today == other.today
    }
}

fn fingerprint(root: &Path) -> String {
    crate::fingerprint::portfolio(root).unwrap_or_default()
}

/// Loads and validates the portfolio and `planning.json` (every problem of both, as `check`
/// reports them), then assesses and plans.
fn read(root: &Path, today: NaiveDate, fingerprint: &str) -> Result<Assessed, Report> {
    let planning = crate::plan::lead_time::load_config(root);
    match (crate::load::load_checked(root), planning) {
        (Ok(loaded), Ok(config)) => Ok(Assessed::new(loaded, config, today, fingerprint)),
        (Ok(_), Err(report)) => Err(report),
        (Err(mut report), planning) => {
            if let Err(p) = planning {
                report.merge_unreported(p);
            }
            Err(report)
        }
    }
}

/// The folder's change events: a watcher registered before the first load (so no change made
/// after it is missed), or `None` when the operating system cannot watch the folder.
pub(crate) struct Changes {
    watcher: Option<notify::RecommendedWatcher>,
    rx: mpsc::UnboundedReceiver<()>,
}

impl Changes {
    /// Starts watching `root`; call before loading the first snapshot.
    pub(crate) fn watch(root: &Path) -> Self {
        let (events, rx) = mpsc::unbounded_channel::<()>();
        let watcher = start_watcher(root, events);
        if watcher.is_none() {
            eprintln!(
                "warning: cannot watch {} for changes; checking every {} s instead",
                crate::diagnostics::display_path(root),
                POLL.as_secs()
            );
        }
        Self { watcher, rx }
    }
}

/// Publishes a new snapshot whenever the folder's data changes. Runs until the server stops
/// (the receiving side is dropped).
pub(crate) async fn watch(
    root: PathBuf,
    today: Option<NaiveDate>,
    tx: watch::Sender<Arc<Snapshot>>,
    changes: Changes,
) {
    // The watcher is kept alive for as long as this task runs.
    let Changes { watcher, mut rx } = changes;
    let idle = if watcher.is_some() { DATE_CHECK } else { POLL };
    // Events already drained while waiting for quiet: read the folder without a new event.
    let mut pending = false;
    loop {
        let current = tx.borrow().clone();
        if !pending {
            let timer = tokio::select! {
                event = rx.recv() => if event.is_none() { return } else { false },
                () = tx.closed() => return,
                () = tokio::time::sleep(idle) => true,
            };
            if timer && !stale(&current, &root, today) {
                continue;
            }
        }
        pending = false;
        quiet(&mut rx, DEBOUNCE).await;
        let version = current.version + 1;
        let (root2, today2) = (root.clone(), today);
        let Ok(next) =
            tokio::task::spawn_blocking(move || Snapshot::load(&root2, today2, version)).await
        else {
            continue;
        };
        // Files changed while they were read, or an invalid state did not last: read again.
        if !rx.is_empty() || (next.data.is_err() && !quiet(&mut rx, INVALID_GRACE).await) {
            pending = true;
            continue;
        }
        if !current.same_as(&next) {
            tx.send_replace(Arc::new(next));
        }
    }
}

/// Whether the files or the date differ from what `current` shows (checked on the timer).
fn stale(current: &Snapshot, root: &Path, today: Option<NaiveDate>) -> bool {
    let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
    current.today != today || current.fingerprint != fingerprint(root)
}

/// Waits until no event has arrived for `period`; returns whether none arrived at all.
async fn quiet(rx: &mut mpsc::UnboundedReceiver<()>, period: Duration) -> bool {
    let mut none = true;
    while let Ok(Some(())) = tokio::time::timeout(period, rx.recv()).await {
        none = false;
    }
    none
}

/// A recursive watcher on `root` that sends `()` for every change to a portfolio file.
fn start_watcher(
    root: &Path,
    events: mpsc::UnboundedSender<()>,
) -> Option<notify::RecommendedWatcher> {
    use notify::{EventKind, RecursiveMode, Watcher};
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(event) = res else {
            // An overflow or another error: read the folder again to be sure.
            let _ = events.send(());
            return;
        };
        // Our own reads must not trigger a reload; editors' swap files do not matter.
        let relevant = !matches!(event.kind, EventKind::Access(_))
            && event
                .paths
                .iter()
                .any(|p| p.extension().is_none_or(|e| e == "json"));
        if relevant {
            let _ = events.send(());
        }
    })
    .ok()?;
    watcher.watch(root, RecursiveMode::Recursive).ok()?;
    Some(watcher)
}
