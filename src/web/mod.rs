//! `vesentlig serve`: the local web workspace for the procurement team. A thin front end over
//! the library: every figure and sentence comes from `law`, `plan` and `render` (the same
//! functions the command line uses); this module only lays them out as HTML.
//!
//! - `snapshot`: the portfolio loaded, validated, assessed and planned, as an immutable
//!   [`snapshot::Snapshot`] that the folder watcher replaces atomically.
//! - `security`: the `Host` check against DNS rebinding and the security headers (CSP).
//! - `handlers`: one function per route; `pages`: the HTML (maud, escaped by construction).
//! - `assets`: CSS, JS, the icon and the memo's typeface, embedded in the binary.

mod assets;
mod handlers;
mod pages;
mod params;
mod security;
pub mod snapshot;

use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::thread::JoinHandle;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use chrono::NaiveDate;
use tokio::sync::{Semaphore, oneshot, watch};

use crate::render::Renderer;
use snapshot::Snapshot;

/// The largest request body accepted (the what-if form is a few hundred bytes).
pub const MAX_BODY_BYTES: usize = 16 * 1024;
/// PDFs rendered at the same time; more requests wait their turn.
const PDF_RENDERS: usize = 2;

/// How to run the server.
#[derive(Debug, Clone)]
pub struct Options {
    /// The portfolio folder (only ever read).
    pub portfolio: PathBuf,
    /// The address to listen on: loopback unless the user asks otherwise.
    pub bind: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// The date deadlines are measured against; `None`: today, re-read every hour.
    pub today: Option<NaiveDate>,
}

impl Options {
    /// Loopback on `port`, dated today.
    pub fn local(portfolio: impl Into<PathBuf>, port: u16) -> Self {
        Self {
            portfolio: portfolio.into(),
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port,
            today: None,
        }
    }
}

/// What every request handler shares.
#[derive(Clone)]
pub(crate) struct App {
    snapshot: watch::Receiver<Arc<Snapshot>>,
    renderer: Arc<OnceLock<Result<Renderer, String>>>,
    pdf_permits: Arc<Semaphore>,
    hosts: Arc<security::AllowedHosts>,
}

impl App {
    /// The current snapshot: a cheap clone of an `Arc`, consistent for the whole request.
    fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot.borrow().clone()
    }
}

/// A running server: its address, and the thread that serves. Dropping it stops the server.
pub struct Server {
    addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Binds the address, loads the portfolio once (an invalid one is served as its
    /// diagnostics), starts watching the folder and serves on a background thread.
    pub fn start(options: Options) -> io::Result<Server> {
        let listener = std::net::TcpListener::bind((options.bind, options.port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        // Watching starts before the first load, so that no change after it is missed.
        let changes = snapshot::Changes::watch(&options.portfolio);
        let first = Snapshot::load(&options.portfolio, options.today, 1);
        let (tx, rx) = watch::channel(Arc::new(first));
        let app = App {
            snapshot: rx,
            renderer: Arc::new(OnceLock::new()),
            pdf_permits: Arc::new(Semaphore::new(PDF_RENDERS)),
            hosts: Arc::new(security::AllowedHosts::new(addr)),
        };
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .worker_threads(2)
            .thread_name("vesentlig-serve")
            .build()?;
        let (stop, stopped) = oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("vesentlig-server".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                        return;
                    };
                    tokio::spawn(snapshot::watch(
                        options.portfolio,
                        options.today,
                        tx,
                        changes,
                    ));
                    let serve =
                        axum::serve(listener, router(app)).with_graceful_shutdown(async move {
                            let _ = stopped.await;
                        });
                    if let Err(e) = serve.await {
                        eprintln!("error: the server stopped: {e}");
                    }
                });
                // Open keep-alive connections and a PDF still rendering do not hold up the exit.
                runtime.shutdown_timeout(std::time::Duration::from_secs(2));
            })?;
        Ok(Server {
            addr,
            shutdown: Some(stop),
            thread: Some(thread),
        })
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The workspace's address for a browser, e.g. `http://127.0.0.1:8080/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Serves until the process is stopped.
    pub fn wait(mut self) {
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.shutdown.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Every route. Paths are Norwegian like the pages; ids in paths are looked up in the
/// snapshot, never used as file names.
fn router(app: App) -> Router {
    use handlers as h;
    Router::new()
        .route("/", get(h::overview))
        .route("/kontrakter", get(h::contracts))
        .route("/kontrakter/{id}", get(h::contract))
        .route(
            "/kontrakter/{id}/prov-endring",
            post(h::whatif).get(h::whatif_get),
        )
        .route("/kontrakter/{id}/notat/{change}", get(h::memo_pdf))
        .route("/plan", get(h::plan))
        .route("/plan.csv", get(h::plan_csv))
        .route("/plan.ics", get(h::plan_ics))
        .route("/rapport", get(h::report))
        .route("/rapport.pdf", get(h::report_pdf))
        .route("/feil", get(h::errors))
        .route("/api/versjon", get(h::version))
        .route("/assets/{file}", get(assets::serve))
        .fallback(h::not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            security::guard,
        ))
        .with_state(app)
}
