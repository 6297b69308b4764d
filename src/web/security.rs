//! Secure by default. Every request passes [`guard`]:
//!
//! - The `Host` header must name the address the server listens on (`127.0.0.1:PORT`,
//!   `localhost:PORT`, `[::1]:PORT`): a web page on another site that rebinds its DNS name to
//!   127.0.0.1 sends its own name and is refused (DNS rebinding).
//! - A form post from a page of another origin is refused.
//! - Every response carries a Content-Security-Policy without inline script or style, and
//!   headers against sniffing, framing and referrer leaks. Pages are not cached: the data
//!   changes with the files.

use std::net::SocketAddr;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::App;

/// Scripts, styles, fonts and images only from the server itself; no inline script, no
/// plugins, no framing, forms only to the server.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The `Host` values the server answers to.
#[derive(Debug)]
pub(crate) struct AllowedHosts {
    hosts: Vec<String>,
    /// Listening on every interface (`--bind 0.0.0.0`): the user chose to be reachable under
    /// names the server cannot know, so the check is off.
    any: bool,
}

impl AllowedHosts {
    pub fn new(addr: SocketAddr) -> Self {
        let port = addr.port();
        let mut hosts = vec![
            format!("127.0.0.1:{port}"),
            format!("localhost:{port}"),
            format!("[::1]:{port}"),
        ];
        hosts.push(addr.to_string());
        Self {
            hosts,
            any: addr.ip().is_unspecified(),
        }
    }

    fn allows_host(&self, host: &str) -> bool {
        self.any || self.hosts.iter().any(|h| h.eq_ignore_ascii_case(host))
    }

    /// An `Origin` header (`http://127.0.0.1:PORT`) of one of the allowed hosts.
    fn allows_origin(&self, origin: &str) -> bool {
        origin
            .strip_prefix("http://")
            .is_some_and(|host| self.allows_host(host))
    }
}

/// Refuses foreign hosts and cross-origin posts; adds the security headers.
pub(crate) async fn guard(State(app): State<App>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let host = header_str(headers, header::HOST);
    if !host.is_some_and(|h| app.hosts.allows_host(h)) {
        return refuse(
            StatusCode::MISDIRECTED_REQUEST,
            "This server only answers to its own address (127.0.0.1 or localhost).",
        );
    }
    if request.method() == Method::POST
        && let Some(origin) = header_str(headers, header::ORIGIN)
        && !app.hosts.allows_origin(origin)
    {
        return refuse(
            StatusCode::FORBIDDEN,
            "Cross-origin form posts are refused.",
        );
    }
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    response
}

fn header_str(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fn refuse(status: StatusCode, message: &'static str) -> Response {
    (status, message).into_response()
}
