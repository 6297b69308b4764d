//! The web workspace over real HTTP: the server is started on an ephemeral loopback port and
//! every page is fetched — content, status codes, security headers, escaping of hostile text,
//! path traversal, the Host check, the what-if form, an invalid portfolio and live reloading.

mod support;
use support::{example_contracts, example_dir as example};

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

use vesentlig::web::{Options, Server};

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

fn start(dir: &Path) -> Server {
    let mut options = Options::local(dir, 0);
    options.today = Some(today());
    Server::start(options).unwrap()
}

/// A copy of the example portfolio in a temporary folder (for tests that change files).
fn copy_example() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(example()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            std::fs::copy(&path, tmp.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    tmp
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into()
}

fn get(server: &Server, path: &str) -> Reply {
    let response = agent()
        .get(&format!("http://{}{path}", server.addr()))
        .call()
        .unwrap();
    reply(response)
}

fn post(server: &Server, path: &str, form: &[(&str, &str)]) -> Reply {
    let response = agent()
        .post(&format!("http://{}{path}", server.addr()))
        .send_form(form.iter().copied())
        .unwrap();
    reply(response)
}

fn reply(mut response: ureq::http::Response<ureq::Body>) -> Reply {
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_owned()))
        .collect();
    let body = response
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_vec()
        .unwrap();
    Reply {
        status,
        headers,
        body,
    }
}

/// A request written byte for byte (own Host header, paths no client would normalise).
fn raw(server: &Server, request: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut out = Vec::new();
    stream.read_to_end(&mut out).unwrap();
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, text)
}

fn raw_get(server: &Server, path: &str, host: &str) -> (u16, String) {
    raw(
        server,
        &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
    )
}

/// Waits until the server's data version differs from `from`.
fn wait_for_version(server: &Server, from: &str) -> String {
    let start = Instant::now();
    loop {
        let v = get(server, "/api/versjon").text();
        if v != from {
            return v;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the server did not reload"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn every_page_is_served_with_its_content() {
    let server = start(&example());
    let n = example_contracts();
    let all_of_all = format!("{n}</span> av {n} kontrakter");
    let pages: [(&str, &[&str]); 9] = [
        (
            "/",
            &[
                "Oversikt",
                "Frister de neste 90 dagene",
                "Terskelverdier i kraft",
                "<svg",
                "Nye Fjordvik kommune",
            ],
        ),
        (
            "/kontrakter",
            &[
                &all_of_all,
                "Systemprioritet",
                "Fagsystem for barnehageadministrasjon",
            ],
        ),
        (
            "/kontrakter/storvik-barnehage-2022",
            &[
                "Fakta",
                "Opsjoner",
                "lisensopsjon",
                "FOA § 28-1 (1) a",
                "Beregninger",
                "Prøv en endring",
                "/kontrakter/storvik-barnehage-2022/notat/lillevik-5-lisenser",
                // Headroom: the licence option's 360 000 kr is the largest without a notice.
                "Handlingsrom",
                "inntil 360\u{a0}000",
            ],
        ),
        (
            // The payroll contracts overlap: the consolidation section, ranked.
            "/kontrakter/fjordvik-lonn-2021",
            &[
                "Overlappende kontrakter",
                "Behold fjordvik-lonn-2021",
                "Ny felles konkurranse",
                "/kontrakter/storvik-lonn-2017",
            ],
        ),
        ("/plan", &["Alle frister", "/plan.csv", "/plan.ics"]),
        ("/rapport", &["Vurderte endringer", "/rapport.pdf"]),
        ("/feil", &["ingen feil"]),
        (
            "/?lang=en",
            &["Overview", "Deadlines in the next 90 days", "Norsk"],
        ),
        (
            "/kontrakter/storvik-barnehage-2022?lang=en",
            &["Facts", "Try a change", "Options"],
        ),
    ];
    for (path, expected) in pages {
        let r = get(&server, path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(
            r.header("content-type"),
            Some("text/html; charset=utf-8"),
            "{path}"
        );
        let text = r.text();
        for e in expected {
            assert!(text.contains(e), "{path} lacks {e:?}");
        }
        // Scripts only from the server's own file, no inline handlers.
        for (i, _) in text.match_indices("<script") {
            assert!(
                text[i..].starts_with("<script src=\"/assets/app.js\""),
                "{path}: inline script"
            );
        }
        assert!(!text.contains(" onclick="), "{path}");
    }
    // The text search wants every word, in any field.
    let r = get(&server, "/kontrakter?sok=l%C3%B8nn+Storvik");
    assert!(
        r.text()
            .contains(&format!("1</span> av {} kontrakter", example_contracts())),
        "one payroll contract of Storvik"
    );
    // The language choice travels with the links.
    assert!(
        get(&server, "/?lang=en")
            .text()
            .contains("href=\"/kontrakter?lang=en\"")
    );
}

#[test]
fn security_headers_on_every_response() {
    let server = start(&example());
    for path in ["/", "/kontrakter", "/assets/style.css", "/finnes-ikke"] {
        let r = get(&server, path);
        let csp = r.header("content-security-policy").unwrap_or_default();
        assert!(csp.contains("default-src 'none'"), "{path}: {csp}");
        assert!(csp.contains("script-src 'self'"), "{path}");
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(r.header("x-frame-options"), Some("DENY"));
    }
    assert_eq!(get(&server, "/").header("cache-control"), Some("no-store"));
    assert_eq!(get(&server, "/finnes-ikke").status, 404);
}

#[test]
fn assets_are_embedded() {
    let server = start(&example());
    for (path, kind, start) in [
        ("/assets/style.css", "text/css; charset=utf-8", &b"/*"[..]),
        ("/assets/app.js", "text/javascript; charset=utf-8", b"//"),
        ("/assets/favicon.svg", "image/svg+xml", b"<svg"),
        ("/assets/serif-regular.otf", "font/otf", b"OTTO"),
        ("/assets/serif-bold.otf", "font/otf", b"OTTO"),
    ] {
        let r = get(&server, path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type"), Some(kind), "{path}");
        assert!(r.body.starts_with(start), "{path}");
    }
}

#[test]
fn downloads_plan_memo_and_report() {
    let server = start(&example());
    let csv = get(&server, "/plan.csv");
    assert_eq!(csv.status, 200);
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    assert!(csv.text().starts_with("\u{feff}Dato;Lovens dato;"));
    assert_eq!(
        csv.header("content-disposition"),
        Some("attachment; filename=\"plan.csv\"")
    );
    let ics = get(&server, "/plan.ics");
    assert!(ics.text().starts_with("BEGIN:VCALENDAR"));
    assert!(
        get(&server, "/plan.csv?lang=en")
            .text()
            .contains("Date;Legal date;")
    );

    let memo = get(
        &server,
        "/kontrakter/storvik-barnehage-2022/notat/lillevik-5-lisenser",
    );
    assert_eq!(memo.status, 200);
    assert_eq!(memo.header("content-type"), Some("application/pdf"));
    assert!(memo.body.starts_with(b"%PDF"));
    assert_eq!(
        memo.header("content-disposition"),
        Some("attachment; filename=\"storvik-barnehage-2022__lillevik-5-lisenser.pdf\"")
    );
    // The implicit transfer has a memo too.
    let implicit = get(&server, "/rapport");
    assert!(implicit.text().contains("overdragelse"));

    let report = get(&server, "/rapport.pdf?lang=en");
    assert_eq!(report.status, 200);
    assert!(report.body.starts_with(b"%PDF"));
}

#[test]
fn ids_never_reach_the_file_system() {
    let server = start(&example());
    let host = format!("127.0.0.1:{}", server.addr().port());
    for path in [
        "/../../../etc/passwd",
        "/kontrakter/..%2F..%2F..%2Fetc%2Fpasswd",
        "/kontrakter/storvik-barnehage-2022/notat/..%2F..%2Fmerger.json",
        "/kontrakter/..%2Fmerger.json/notat/x",
        "/assets/..%2F..%2FCargo.toml",
        "/assets/%2Fetc%2Fpasswd",
        "/plan.csv/../../etc/passwd",
    ] {
        let (status, text) = raw_get(&server, path, &host);
        assert!(status == 404 || status == 400, "{path}: {status}");
        assert!(!text.contains("root:"), "{path}");
        assert!(!text.contains("[package]"), "{path}");
        assert!(!text.contains("\"municipalities\""), "{path}");
    }
}

#[test]
fn foreign_hosts_and_origins_are_refused() {
    let server = start(&example());
    let port = server.addr().port();
    let (status, _) = raw_get(&server, "/", &format!("evil.example:{port}"));
    assert_eq!(status, 421, "DNS rebinding: a foreign Host is refused");
    let (status, _) = raw_get(&server, "/", "127.0.0.1");
    assert_eq!(status, 421, "the port is part of the host");
    for host in [format!("localhost:{port}"), format!("127.0.0.1:{port}")] {
        assert_eq!(raw_get(&server, "/", &host).0, 200, "{host}");
    }
    let body = "date=2027-11-01";
    let (status, _) = raw(
        &server,
        &format!(
            "POST /kontrakter/storvik-barnehage-2022/prov-endring HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://evil.example\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    );
    assert_eq!(status, 403);
}

#[test]
fn request_bodies_are_limited() {
    let server = start(&example());
    let big = "x".repeat(vesentlig::web::MAX_BODY_BYTES + 1);
    let r = post(
        &server,
        "/kontrakter/storvik-barnehage-2022/prov-endring",
        &[("description", &big)],
    );
    assert_eq!(r.status, 413);
}

#[test]
fn what_if_gives_the_engines_verdict_and_writes_nothing() {
    let tmp = copy_example();
    let before = vesentlig::fingerprint::portfolio(tmp.path()).unwrap();
    let server = start(tmp.path());
    let url = "/kontrakter/storvik-barnehage-2022/prov-endring";

    // 50 000 of 1 980 000 is within de minimis (10 % and below the EEA threshold).
    let r = post(
        &server,
        url,
        &[("date", "2027-11-01"), ("value_change", "50 000")],
    );
    assert_eq!(r.status, 200);
    let text = r.text();
    let result = &text[text.find("id=\"whatif-result\"").unwrap()..];
    assert!(result.contains("rec-continue"), "{result}");
    assert!(result.contains("FOA § 28-1 (1) b"));
    assert!(result.contains("De minimis"));
    // The form keeps what was typed.
    assert!(text.contains("value=\"50 000\""));

    // 400 000 (20 %) is beyond de minimis; whether it is substantial is a judgement.
    let r = post(
        &server,
        url,
        &[("date", "2027-11-01"), ("value_change", "400000")],
    );
    let text = r.text();
    let result = &text[text.find("id=\"whatif-result\"").unwrap()..];
    assert!(result.contains("rec-intention_notice"), "{result}");
    assert!(result.contains("FOA § 28-1 (1) f, jf. § 28-2"));

    // 1 200 000 (61 %) is more than half the value: a new competition.
    let r = post(
        &server,
        url,
        &[("date", "2027-11-01"), ("value_change", "1 200 000")],
    );
    let text = r.text();
    let result = &text[text.find("id=\"whatif-result\"").unwrap()..];
    assert!(result.contains("rec-retender"), "{result}");

    // English.
    let r = post(
        &server,
        &format!("{url}?lang=en"),
        &[("date", "2027-11-01"), ("value_change", "50000")],
    );
    let text = r.text();
    assert!(text.contains("Result for the hypothetical change"));
    assert!(
        text.contains("action=\"/kontrakter/storvik-barnehage-2022/prov-endring?lang=en#hva-om\"")
    );

    assert_eq!(
        vesentlig::fingerprint::portfolio(tmp.path()).unwrap(),
        before,
        "the portfolio is never written"
    );
}

#[test]
fn bad_what_if_input_is_answered_on_the_form() {
    let server = start(&example());
    let url = "/kontrakter/storvik-barnehage-2022/prov-endring";
    let cases: [(&[(&str, &str)], &str); 6] = [
        (
            &[("date", "2027-11-01"), ("value_change", "mye")],
            "er ikke et tall",
        ),
        (&[("date", "i morgen")], "er ikke en dato"),
        (&[("date", "")], "Oppgi datoen"),
        (
            &[("date", "2027-11-01"), ("option", "finnes-ikke")],
            "no option",
        ),
        (
            &[("date", "2027-11-01"), ("add_authorities", "oslo")],
            "oslo",
        ),
        (
            &[("date", "2027-11-01"), ("new_end", "2020-01-01")],
            "new_end",
        ),
    ];
    for (form, expected) in cases {
        let r = post(&server, url, form);
        assert_eq!(r.status, 200, "{form:?}");
        let text = r.text();
        assert!(text.contains("class=\"problems\""), "{form:?}");
        assert!(
            text.contains(expected) || text.contains("field-problem"),
            "{form:?}: {expected}"
        );
        assert!(!text.contains("id=\"whatif-result\" aria-live=\"polite\"><h3"));
    }
    // A form for a contract that does not exist.
    let r = post(
        &server,
        "/kontrakter/finnes-ikke/prov-endring",
        &[("date", "2027-11-01")],
    );
    assert_eq!(r.status, 404);
    // Opening the form's address shows the contract page at the form.
    let r = get(&server, url);
    assert_eq!(r.status, 303);
    assert_eq!(
        r.header("location"),
        Some("/kontrakter/storvik-barnehage-2022#hva-om")
    );
}

/// The memo tests' hostile title, plus HTML.
const HOSTILE: &str = r#"<script>alert(1)</script> #read("/etc/passwd") *bold* $x$ <lbl> @ref ]["#;

#[test]
fn hostile_user_text_shows_literally_on_every_page() {
    let tmp = copy_example();
    let file = tmp.path().join("storvik-barnehage.json");
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    json["title"] = HOSTILE.into();
    json["supplier"]["name"] = HOSTILE.into();
    json["proposed_changes"][0]["description"] = HOSTILE.into();
    std::fs::write(&file, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    let server = start(tmp.path());
    let escaped = "&lt;script&gt;alert(1)&lt;/script&gt; #read(\"/etc/passwd\") *bold* $x$ &lt;lbl&gt; @ref ][";
    for path in [
        "/",
        "/kontrakter",
        "/kontrakter?sok=%3Cscript%3E",
        "/kontrakter/storvik-barnehage-2022",
        "/rapport",
    ] {
        let text = get(&server, path).text();
        assert!(!text.contains("<script>alert"), "{path}: unescaped");
        assert!(!text.contains("<lbl>"), "{path}: unescaped");
        assert!(
            text.contains(escaped) || text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{path}: not shown"
        );
    }
    // In a what-if description too.
    let text = post(
        &server,
        "/kontrakter/storvik-barnehage-2022/prov-endring",
        &[
            ("date", "2027-11-01"),
            ("description", HOSTILE),
            ("value_change", HOSTILE),
        ],
    )
    .text();
    assert!(!text.contains("<script>alert"));
    assert!(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    // The memo renders: the title reaches Typst as data.
    let memo = get(
        &server,
        "/kontrakter/storvik-barnehage-2022/notat/lillevik-5-lisenser",
    );
    assert_eq!(memo.status, 200);
    assert!(memo.body.starts_with(b"%PDF"));
}

#[test]
fn an_invalid_portfolio_is_shown_and_live_fixes_are_picked_up() {
    let tmp = copy_example();
    let server = start(tmp.path());
    let v1 = get(&server, "/api/versjon").text();
    assert_eq!(get(&server, "/").status, 200);

    // A syntax error: every data page shows the diagnostics; the server keeps running.
    let file = tmp.path().join("lillevik-renhold.json");
    let good = std::fs::read_to_string(&file).unwrap();
    let bad = good.replacen("\"end\": \"2028-06-30\"", "\"end\": \"2028-13-30\"", 1);
    assert_ne!(bad, good);
    std::fs::write(&file, &bad).unwrap();
    let v2 = wait_for_version(&server, &v1);
    let r = get(&server, "/");
    assert_eq!(r.status, 503);
    let text = r.text();
    assert!(text.contains("Porteføljen har feil"));
    assert!(
        text.contains("lillevik-renhold.json:"),
        "file, line and column"
    );
    assert!(text.contains("$.end"), "JSON path");
    assert!(text.contains("2028-13-30"), "the source line");
    assert!(text.contains("linje"));
    assert_eq!(get(&server, "/feil").status, 200);
    assert_eq!(get(&server, "/kontrakter").status, 503);
    assert_eq!(get(&server, "/plan.csv").status, 503);

    // Half a file, as an editor writing it: never a crash, never a half-loaded portfolio.
    std::fs::write(&file, &good[..good.len() / 2]).unwrap();
    std::thread::sleep(Duration::from_millis(100));
    let r = get(&server, "/kontrakter");
    let all_of_all = format!("{n}</span> av {n}", n = example_contracts());
    assert!(r.status == 503 || r.text().contains(&all_of_all));

    // Fixed: the pages come back with the data.
    std::fs::write(&file, &good).unwrap();
    let start = Instant::now();
    while get(&server, "/").status != 200 {
        assert!(start.elapsed() < Duration::from_secs(20), "not reloaded");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_ne!(get(&server, "/api/versjon").text(), v2);
    assert!(get(&server, "/kontrakter").text().contains(&all_of_all));
}

#[test]
fn a_changed_file_is_reloaded_and_the_version_moves() {
    let tmp = copy_example();
    let server = start(tmp.path());
    let v1 = get(&server, "/api/versjon").text();
    let page = get(&server, "/").text();
    assert!(
        page.contains(&format!("content=\"{v1}\"")),
        "pages carry the version"
    );
    let file = tmp.path().join("storvik-barnehage.json");
    let text = std::fs::read_to_string(&file).unwrap().replace(
        "Fagsystem for barnehageadministrasjon (55 lisenser)",
        "Fagsystem for barnehager, nytt navn",
    );
    std::fs::write(&file, text).unwrap();
    wait_for_version(&server, &v1);
    assert!(
        get(&server, "/kontrakter")
            .text()
            .contains("Fagsystem for barnehager, nytt navn")
    );
}
