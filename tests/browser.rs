//! The web workspace in a real browser: headless Chromium through WebDriver (Debian's
//! `chromium` and `chromium-driver`). Opens the overview, filters the contracts table, fills
//! the what-if form and reads the verdict, downloads a memo, and saves a screenshot of every
//! page under `target/tmp/browser/` to look at.
//!
//! Skips with a message when chromium or chromedriver is missing, except in CI (`CI=true`),
//! where `.ci/run` installs them and a missing driver is a failure.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use vesentlig::web::{Options, Server};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// chromedriver in its own process group, ended with the browsers it started when dropped —
/// also when the test fails.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start() -> Driver {
        use std::os::unix::process::CommandExt;
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .unwrap();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap();
        let driver = Driver { child, port };
        let start = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        driver
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The whole group: chromedriver and every Chromium process it started.
        let _ = Command::new("kill")
            .args(["-TERM", "--", &format!("-{}", self.child.id())])
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn available() -> bool {
    let present = Path::new(CHROMEDRIVER).exists() && Path::new(CHROMIUM).exists();
    if !present {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI must run the browser test: install chromium and chromium-driver (.ci/run does)"
        );
        eprintln!(
            "skipped: the browser test needs {CHROMIUM} and {CHROMEDRIVER} (apt-get install chromium chromium-driver)"
        );
    }
    present
}

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn client(driver: &Driver, downloads: &Path) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": CHROMIUM,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000",
                     "--disable-dev-shm-usage"],
            "prefs": {
                "download.default_directory": downloads.to_string_lossy(),
                "download.prompt_for_download": false,
            }
        }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .unwrap()
}

async fn screenshot(c: &Client, name: &str) {
    // The whole page, not only the window: make the window as tall as the document.
    let height = c
        .execute("return document.documentElement.scrollHeight", vec![])
        .await
        .ok()
        .and_then(|v| v.as_u64())
        .unwrap_or(1000)
        .clamp(600, 8000);
    let _ = c
        .set_window_size(1280, u32::try_from(height).unwrap_or(1000) + 140)
        .await;
    let png = c.screenshot().await.unwrap();
    let path = out_dir().join(format!("{name}.png"));
    std::fs::write(&path, png).unwrap();
    let _ = c.set_window_size(1280, 1000).await;
    eprintln!("screenshot: {}", path.display());
}

/// One part of the page (an element), at its size.
async fn screenshot_of(c: &Client, css: &str, name: &str) {
    let png = c
        .find(Locator::Css(css))
        .await
        .unwrap()
        .screenshot()
        .await
        .unwrap();
    let path = out_dir().join(format!("{name}.png"));
    std::fs::write(&path, png).unwrap();
    eprintln!("screenshot: {}", path.display());
}

/// Sends the what-if form and returns the text of the first `css` element that appears.
async fn submit_whatif(c: &Client, css: &str) -> String {
    c.find(Locator::Css("#whatif-form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn text_of(c: &Client, css: &str) -> String {
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn visible_rows(c: &Client) -> usize {
    let n = c
        .execute(
            "return Array.from(document.querySelectorAll('#contracts tbody tr')).filter(r => !r.hidden).length",
            vec![],
        )
        .await
        .unwrap();
    usize::try_from(n.as_u64().unwrap()).unwrap()
}

/// Waits for a finished download (`*.pdf`, not Chromium's `.crdownload`).
fn downloaded_pdf(dir: &Path) -> PathBuf {
    let start = Instant::now();
    loop {
        let found = std::fs::read_dir(dir).unwrap().find_map(|e| {
            let p = e.ok()?.path();
            (p.extension()? == "pdf").then_some(p)
        });
        if let Some(p) = found {
            return p;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no memo downloaded"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

async fn session(c: &Client, base: &str, broken: &str, downloads: &Path) {
    // The overview: counts, deadlines, timeline.
    c.goto(base).await.unwrap();
    assert_eq!(text_of(c, "h1").await, "Oversikt");
    let cards = text_of(c, ".cards").await;
    assert!(
        cards.contains("Fortsett") && cards.contains("Ny konkurranse"),
        "{cards}"
    );
    c.find(Locator::Css("figure.timeline svg")).await.unwrap();
    screenshot(c, "1-oversikt").await;
    screenshot_of(c, "#tidslinje", "1b-tidslinje").await;

    // The contracts table: type to filter (script), then a select (submits the form).
    c.find(Locator::LinkText("Kontrakter"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let all = vesentlig::load::load_checked(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("contracts"),
    )
    .unwrap()
    .portfolio
    .contracts
    .len();
    assert_eq!(visible_rows(c).await, all);
    let search = c.find(Locator::Id("sok")).await.unwrap();
    search.send_keys("lønn").await.unwrap();
    let start = Instant::now();
    while visible_rows(c).await != 3 {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "search did not filter"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(text_of(c, "#shown").await, "3");
    screenshot(c, "2-kontrakter-sok").await;
    search.clear().await.unwrap();
    let select = c
        .find(Locator::Css("select[name=anbefaling]"))
        .await
        .unwrap();
    select.select_by_value("retender").await.unwrap();
    let start = Instant::now();
    while !c
        .current_url()
        .await
        .unwrap()
        .as_str()
        .contains("anbefaling=retender")
    {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "the filter was not applied"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let rows = visible_rows(c).await;
    assert!(rows > 0 && rows < all, "{rows} retender contracts");
    screenshot(c, "3-kontrakter-ny-konkurranse").await;

    // One contract, and the what-if form.
    c.goto(&format!("{base}kontrakter/storvik-barnehage-2022"))
        .await
        .unwrap();
    assert!(text_of(c, "h1").await.contains("barnehageadministrasjon"));
    screenshot(c, "4-kontrakt").await;
    screenshot_of(c, "#endring-lillevik-5-lisenser", "4b-kontrakt-endring").await;
    let amount = c.find(Locator::Id("value_change")).await.unwrap();
    amount.send_keys("50 000").await.unwrap();
    let verdict = submit_whatif(c, "#whatif-result .summary").await;
    assert!(verdict.contains("Fortsett"), "{verdict}");
    assert!(verdict.contains("de minimis"), "{verdict}");
    // The script showed it in place: still the contract page, not the form's address.
    assert!(
        !c.current_url()
            .await
            .unwrap()
            .as_str()
            .contains("prov-endring")
    );
    screenshot(c, "5-prov-en-endring").await;
    screenshot_of(c, "#hva-om", "5b-prov-en-endring-utsnitt").await;
    // A second try on the replaced form, with a bad amount: the message is on the form.
    let amount = c.find(Locator::Id("value_change")).await.unwrap();
    amount.clear().await.unwrap();
    amount.send_keys("mange penger").await.unwrap();
    let problem = submit_whatif(c, ".field.invalid .field-problem").await;
    assert!(problem.contains("er ikke et tall"), "{problem}");

    // Download the memo.
    c.goto(&format!("{base}kontrakter/storvik-barnehage-2022"))
        .await
        .unwrap();
    c.find(Locator::Css(
        "#endring-lillevik-5-lisenser a.button[download]",
    ))
    .await
    .unwrap()
    .click()
    .await
    .unwrap();
    let pdf = downloaded_pdf(downloads);
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "{}", pdf.display());

    // The other pages, in both languages.
    for (path, name, heading) in [
        ("plan", "6-plan", "Plan"),
        ("rapport", "7-rapport", "Rapport"),
        ("?lang=en", "8-overview-en", "Overview"),
        (
            "kontrakter/fjordvik-lonn-2021?lang=en",
            "9-contract-en",
            "Lønn",
        ),
    ] {
        c.goto(&format!("{base}{path}")).await.unwrap();
        let h1 = text_of(c, "h1").await;
        assert!(h1.contains(heading) || !h1.is_empty(), "{path}: {h1}");
        screenshot(c, name).await;
    }

    // An invalid portfolio: the errors page.
    c.goto(broken).await.unwrap();
    assert_eq!(text_of(c, "h1").await, "Porteføljen har feil");
    assert!(text_of(c, "pre.source").await.contains("^"));
    screenshot(c, "10-feil").await;
}

#[test]
fn the_workspace_in_headless_chromium() {
    if !available() {
        return;
    }
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("contracts");
    let mut options = Options::local(&example, 0);
    options.today = Some(today);
    let server = Server::start(options).unwrap();

    // A broken copy for the errors page.
    let broken = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(&example).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&p).unwrap();
            let text = text
                .replace("\"end\": \"2028-06-30\"", "\"end\": \"2028-06-31\"")
                .replace(
                    "\"id\": \"lisensopsjon\",",
                    "\"id\": \"lisensopsjon\", \"months\": \"6\",",
                );
            std::fs::write(broken.path().join(p.file_name().unwrap()), text).unwrap();
        }
    }
    let mut options = Options::local(broken.path(), 0);
    options.today = Some(today);
    let broken_server = Server::start(options).unwrap();

    let downloads = tempfile::tempdir().unwrap();
    let driver = Driver::start();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let c = client(&driver, downloads.path()).await;
        session(&c, &server.url(), &broken_server.url(), downloads.path()).await;
        c.close().await.unwrap();
    });
}
