//! The sandboxed Typst world: embedded templates and fonts, one document's data, no disk.
//!
//! The shared part ([`Renderer`]) is built once per process; each document gets a cheap
//! [`DocWorld`] that borrows it and adds only that document's JSON and date. Nothing is ever
//! read from disk at render time: the templates are compiled into the binary, the data is
//! served as the one constant virtual file `/data.json` (interned file ids are global and
//! capped at 65 535, so a per-document path would eventually panic), and every other path is
//! answered with `AccessDenied`. User text therefore only ever reaches Typst as data.

use chrono::{Datelike, NaiveDate};
use typst::diag::{FileError, FileResult, PackageError, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

/// The templates compiled into the binary, by their virtual path.
const TEMPLATES: [(&str, &str); 3] = [
    ("/style.typ", include_str!("../../templates/style.typ")),
    ("/memo.typ", include_str!("../../templates/memo.typ")),
    ("/report.typ", include_str!("../../templates/report.typ")),
];

/// The one virtual path the document's data is served under.
const DATA_PATH: &str = "/data.json";

/// The stack of rayon's global pool, where Typst lays out pages and typst-pdf writes page
/// streams, and of each memo worker (`render::batch`): twice a Linux main thread's 8 MiB.
/// A document needs far less; this is headroom against deep recursion in Typst on unusual
/// data. It is reserved address space: untouched, it costs no memory.
pub const STACK_BYTES: usize = 16 << 20;

/// The document a template produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    /// One memo per assessed change (`templates/memo.typ`).
    Memo,
    /// The portfolio report for the steering group (`templates/report.typ`).
    Report,
}

impl Template {
    fn path(self) -> &'static str {
        match self {
            Self::Memo => "/memo.typ",
            Self::Report => "/report.typ",
        }
    }
}

/// Why a document could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The embedded templates or fonts could not be set up (a bug, not a user error).
    #[error("the renderer could not be set up: {0}")]
    Setup(String),
    /// The document data could not be serialised.
    #[error("the document data could not be serialised: {0}")]
    Data(#[from] serde_json::Error),
    /// Typst reported errors (or, in strict mode, warnings).
    #[error("Typst could not render the document:\n{}", .0.join("\n"))]
    Typst(Vec<String>),
}

/// A rendered PDF and the warnings Typst reported while compiling it.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub pdf: Vec<u8>,
    pub warnings: Vec<String>,
}

/// The long-lived, shared part of the world: library, fonts and templates, all in memory.
pub struct Renderer {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    templates: Vec<Source>,
    data_id: FileId,
}

fn file_id(path: &str) -> Result<FileId, RenderError> {
    let vpath = VirtualPath::new(path).map_err(|e| RenderError::Setup(format!("{path}: {e}")))?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

impl Renderer {
    /// Loads the embedded fonts and templates. Call once and share (it is `Sync`).
    pub fn new() -> Result<Self, RenderError> {
        configure_rayon();
        let fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        let book = FontBook::from_fonts(&fonts);
        let templates = TEMPLATES
            .iter()
            .map(|(path, text)| Ok(Source::new(file_id(path)?, (*text).to_owned())))
            .collect::<Result<Vec<_>, RenderError>>()?;
        Ok(Self {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(book),
            fonts,
            templates,
            data_id: file_id(DATA_PATH)?,
        })
    }

    /// Renders `template` with `data` (served as `/data.json`) dated `date`. Errors and
    /// warnings are returned; the PDF is deterministic for the same data and date.
    pub fn render(
        &self,
        template: Template,
        data: &impl serde::Serialize,
        date: NaiveDate,
    ) -> Result<Rendered, RenderError> {
        let world = DocWorld {
            shared: self,
            main: file_id(template.path())?,
            data: Bytes::new(serde_json::to_vec(data)?),
            date,
        };
        let _evict = EvictOnDrop;
        world.compile_pdf()
    }

    /// As [`Renderer::render`], but warnings (e.g. an unknown font family) are errors.
    pub fn render_strict(
        &self,
        template: Template,
        data: &impl serde::Serialize,
        date: NaiveDate,
    ) -> Result<Vec<u8>, RenderError> {
        let rendered = self.render(template, data, date)?;
        if rendered.warnings.is_empty() {
            Ok(rendered.pdf)
        } else {
            Err(RenderError::Typst(rendered.warnings))
        }
    }
}

/// Gives rayon's global pool an explicit stack ([`STACK_BYTES`]) and names its threads. A
/// no-op when the pool was already built (by whoever used rayon first).
fn configure_rayon() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = rayon::ThreadPoolBuilder::new()
            .stack_size(STACK_BYTES)
            .thread_name(|k| format!("typst-{k}"))
            .build_global();
    });
}

/// Clears Typst's memoisation caches when dropped: after every document, whether it compiled,
/// failed or panicked. Without it every document's layout stays cached and memory grows
/// without bound. Everything, not only entries unused for a few documents: distinct memos
/// reuse nothing of each other's (measured in `docs/performance.md`).
struct EvictOnDrop;

impl Drop for EvictOnDrop {
    fn drop(&mut self) {
        typst::comemo::evict(0);
    }
}

/// One document's world: the shared part plus this document's data and date.
struct DocWorld<'a> {
    shared: &'a Renderer,
    main: FileId,
    data: Bytes,
    date: NaiveDate,
}

impl DocWorld<'_> {
    fn compile_pdf(&self) -> Result<Rendered, RenderError> {
        let warned = typst::compile::<PagedDocument>(self);
        let warnings = warned.warnings.iter().map(|d| self.describe(d)).collect();
        let document = warned.output.map_err(|errors| {
            RenderError::Typst(errors.iter().map(|d| self.describe(d)).collect())
        })?;
        let options = PdfOptions {
            // A fixed identifier and a timestamp from the document's date, never the clock,
            // make the PDF byte-identical across runs.
            ident: Smart::Custom("vesentlig".to_owned()),
            timestamp: typst_date(self.date).map(Timestamp::new_utc),
            ..PdfOptions::default()
        };
        let pdf = typst_pdf::pdf(&document, &options).map_err(|errors| {
            RenderError::Typst(errors.iter().map(|d| self.describe(d)).collect())
        })?;
        Ok(Rendered { pdf, warnings })
    }

    /// One diagnostic on one line, with the template line it points at and its hints.
    fn describe(&self, d: &SourceDiagnostic) -> String {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let location = d
            .span
            .id()
            .and_then(|id| {
                let source = self.source(id).ok()?;
                let line = source.lines().byte_to_line(self.range(d.span)?.start)?;
                Some(format!("{}:{}: ", id.vpath().get_with_slash(), line + 1))
            })
            .unwrap_or_default();
        let mut s = format!("{location}{kind}: {}", d.message);
        for hint in &d.hints {
            s.push_str(&format!(" (hint: {})", hint.v));
        }
        s
    }
}

fn typst_date(date: NaiveDate) -> Option<Datetime> {
    Datetime::from_ymd(
        date.year(),
        u8::try_from(date.month()).ok()?,
        u8::try_from(date.day()).ok()?,
    )
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        check_project(id)?;
        self.shared
            .templates
            .iter()
            .find(|s| s.id() == id)
            .cloned()
            .ok_or(if id == self.shared.data_id {
                FileError::NotSource
            } else {
                FileError::AccessDenied
            })
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        check_project(id)?;
        if id == self.shared.data_id {
            return Ok(self.data.clone());
        }
        self.shared
            .templates
            .iter()
            .find(|s| s.id() == id)
            .map(|s| Bytes::from_string(s.clone()))
            .ok_or(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        typst_date(self.date)
    }
}

/// Package imports (`@preview/…`) are refused: the sandbox has no network and no cache.
fn check_project(id: FileId) -> FileResult<()> {
    match id.root() {
        VirtualRoot::Package(spec) => Err(FileError::Package(PackageError::NotFound(spec.clone()))),
        VirtualRoot::Project => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    #[test]
    fn out_of_range_font_is_none() {
        let r = Renderer::new().unwrap();
        let w = DocWorld {
            shared: &r,
            main: file_id("/memo.typ").unwrap(),
            data: Bytes::new(Vec::<u8>::new()),
            date: date(),
        };
        assert!(w.font(usize::MAX).is_none());
        assert!(w.font(0).is_some());
        assert_eq!(
            w.file(file_id("/etc/passwd").unwrap()),
            Err(FileError::AccessDenied)
        );
        assert_eq!(w.today(None), Datetime::from_ymd(2026, 11, 27));
        assert_eq!(w.file(r.data_id).ok(), Some(Bytes::new(Vec::<u8>::new())));
        assert_eq!(w.source(r.data_id).err(), Some(FileError::NotSource));
        let spec: typst::syntax::package::PackageSpec = "@preview/evil:0.1.0".parse().unwrap();
        let in_package = RootedPath::new(
            VirtualRoot::Package(spec),
            VirtualPath::new("/lib.typ").unwrap(),
        )
        .intern();
        assert!(matches!(
            w.source(in_package),
            Err(FileError::Package(PackageError::NotFound(_)))
        ));
    }
}
