//! The workspace's stylesheet, script and icon, embedded at build time, and the memo's
//! typeface (Libertinus Serif) served from the fonts already embedded for Typst: nothing is
//! fetched from another server, so the workspace works offline.

use std::sync::OnceLock;

use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

const STYLE: &str = include_str!("../../assets/web/style.css");
const SCRIPT: &str = include_str!("../../assets/web/app.js");
const ICON: &str = include_str!("../../assets/web/favicon.svg");

/// Serves one embedded file by its name; anything else is 404 (the name is never a path).
pub(crate) async fn serve(Path(file): Path<String>) -> Response {
    let (kind, body): (&str, &'static [u8]) = match file.as_str() {
        "style.css" => ("text/css; charset=utf-8", STYLE.as_bytes()),
        "app.js" => ("text/javascript; charset=utf-8", SCRIPT.as_bytes()),
        "favicon.svg" => ("image/svg+xml", ICON.as_bytes()),
        "serif-regular.otf" => ("font/otf", serif(400)),
        "serif-bold.otf" => ("font/otf", serif(700)),
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    if body.is_empty() {
        return StatusCode::NOT_FOUND.into_response();
    }
    let mut response = body.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    response
}

/// The upright Libertinus Serif of `weight` among the fonts embedded for Typst.
fn serif(weight: u16) -> &'static [u8] {
    static FONTS: OnceLock<[&'static [u8]; 2]> = OnceLock::new();
    let fonts = FONTS.get_or_init(|| {
        let find = |w: u16| {
            typst_assets::fonts()
                .find(|data| {
                    typst::text::Font::new(typst::foundations::Bytes::new(*data), 0).is_some_and(
                        |f| {
                            let info = f.info();
                            info.family == "Libertinus Serif"
                                && info.variant.weight.to_number() == w
                                && info.variant.style == typst::text::FontStyle::Normal
                        },
                    )
                })
                .unwrap_or_default()
        };
        [find(400), find(700)]
    });
    if weight >= 700 { fonts[1] } else { fonts[0] }
}
