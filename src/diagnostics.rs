//! Input errors that name the file, the JSON path, the line and column, what was found and what
//! would be valid; rendered with codespan-reporting.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::NoColor};

/// One problem in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: PathBuf,
    /// JSON path of the offending value, e.g. `$.proposed_changes[0].exercise_option.id`.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// What would be valid.
    pub help: Option<String>,
    /// Where to point when not at the value of `path`: a syntax error, an unknown field's name.
    pub span: Option<Range<usize>>,
}

impl Diagnostic {
    pub fn new(
        file: impl Into<PathBuf>,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            file: file.into(),
            path: path.into(),
            message: message.into(),
            help: None,
            span: None,
        }
    }

    /// Points at `span` (byte range in the file) instead of the value at `path`.
    pub fn at(mut self, span: Range<usize>) -> Self {
        self.span = Some(span);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// The text of one input file and the byte span of every JSON path in it.
#[derive(Debug, Clone, Default)]
pub struct SourceFile {
    pub text: String,
    /// JSON path → byte range of the value.
    pub spans: BTreeMap<String, Range<usize>>,
}

impl SourceFile {
    /// The span of `path`, or of its nearest ancestor that exists (a missing field points at its object).
    pub fn span(&self, path: &str) -> Option<Range<usize>> {
        let mut p = path;
        loop {
            if let Some(r) = self.spans.get(p) {
                return Some(r.clone());
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
        }
    }

    /// 1-based line and column of a byte offset (columns count characters).
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut end = offset.min(self.text.len());
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let before = &self.text[..end];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }
}

/// Every input file read, by path.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub files: BTreeMap<PathBuf, SourceFile>,
}

/// All problems found in one run, with the sources to show them against.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
}

impl Report {
    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
    }

    /// The byte range a diagnostic points at, if its file was read.
    pub fn span(&self, d: &Diagnostic) -> Option<Range<usize>> {
        let file = self.sources.files.get(&d.file)?;
        let span = d.span.clone().or_else(|| file.span(&d.path))?;
        // Never point outside the text (or inside a UTF-8 sequence): the renderer would fail.
        let clamp = |mut i: usize| {
            i = i.min(file.text.len());
            while !file.text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        Some(clamp(span.start)..clamp(span.end.max(span.start)))
    }

    /// Line and column of a diagnostic, if its file was read.
    pub fn position(&self, d: &Diagnostic) -> Option<(usize, usize)> {
        let file = self.sources.files.get(&d.file)?;
        Some(file.line_col(self.span(d)?.start))
    }

    /// Orders the diagnostics by file, then position in the file (ties keep the order the
    /// checks found them in, e.g. missing fields in the documented field order); drops exact
    /// duplicates. The checks run in a fixed order, so the output is stable.
    pub fn sort(&mut self) {
        let mut keyed: Vec<_> = std::mem::take(&mut self.diagnostics)
            .into_iter()
            .map(|d| ((d.file.clone(), self.span(&d).map_or(0, |s| s.start)), d))
            .collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out: Vec<(_, Diagnostic)> = Vec::with_capacity(keyed.len());
        for (key, d) in keyed {
            // Equal diagnostics have equal keys, so only the run of equal keys needs a look.
            let duplicate = out
                .iter()
                .rev()
                .take_while(|(k, _)| *k == key)
                .any(|(_, e)| *e == d);
            if !duplicate {
                out.push((key, d));
            }
        }
        self.diagnostics = out.into_iter().map(|(_, d)| d).collect();
    }

    /// Adds the problems of `other` (e.g. those of `planning.json`), unless `other` reports a
    /// file this report already does: a syntax error found first would otherwise be shown twice.
    pub fn merge_unreported(&mut self, other: Report) {
        let reported = |file: &Path| self.diagnostics.iter().any(|d| d.file == file);
        if other.diagnostics.iter().any(|d| reported(&d.file)) {
            return;
        }
        self.diagnostics.extend(other.diagnostics);
        self.sources.files.extend(other.sources.files);
        self.sort();
    }

    /// Renders every diagnostic as text without colour, in a stable order.
    pub fn render(&self) -> String {
        let mut files = SimpleFiles::new();
        let mut ids = BTreeMap::new();
        for (path, file) in &self.sources.files {
            ids.insert(
                path.clone(),
                files.add(display_path(path), file.text.clone()),
            );
        }
        let config = term::Config::default();
        let mut out = NoColor::new(Vec::new());
        for d in &self.diagnostics {
            let mut cs = CsDiagnostic::error().with_message(&d.message);
            match (ids.get(&d.file), self.span(d)) {
                (Some(&id), Some(span)) => {
                    let label = if d.path == "$" && d.span.is_some() {
                        "here".to_owned()
                    } else {
                        format!("at {}", d.path)
                    };
                    cs = cs.with_labels(vec![Label::primary(id, span).with_message(label)]);
                }
                _ if d.path == "$" => {
                    cs = cs.with_notes(vec![format!("in {}", display_path(&d.file))]);
                }
                _ => {
                    cs = cs.with_notes(vec![format!("in {} at {}", display_path(&d.file), d.path)]);
                }
            }
            if let Some(help) = &d.help {
                cs = cs.with_notes(vec![format!("help: {help}")]);
            }
            // Writing to a Vec cannot fail; a rendering error would only lose the snippet.
            let _ = term::emit(&mut out, &config, &files, &cs);
        }
        String::from_utf8_lossy(&out.into_inner()).into_owned()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

/// A path as shown to the user: with `/` separators.
pub fn display_path(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}
