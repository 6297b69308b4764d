//! `vesentlig import`: a contract register into contract files; prints which column went to
//! which field, every cell that could not be read, and what each file still needs.

use std::fmt::Write as _;
use std::process::ExitCode;

use super::args::ImportArgs;
use crate::diagnostics::display_path;
use crate::register::columns::{cell_ref, letters};
use crate::register::import::{self, Import, Issue, Mapping, Options, Role, WriteError};

pub fn run(args: &ImportArgs) -> ExitCode {
    let options = match options(args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(super::EXIT_INVALID);
        }
    };
    let imported = match import::read(&args.register, &options) {
        Ok(i) => i,
        Err(issues) => return fail(&issues, None),
    };
    out(&columns(&imported));
    if !imported.errors.is_empty() {
        return fail(&imported.errors, Some(&imported));
    }
    match import::write(&imported, &args.out, args.force) {
        Ok(_) => {
            out(&written(&imported, args));
            ExitCode::SUCCESS
        }
        Err(WriteError::Exists(paths)) => {
            for p in &paths {
                eprintln!("error: {} exists", display_path(p));
            }
            eprintln!(
                "  help: give --force to overwrite them, or import into another folder\nerror: {} files exist; nothing was written",
                paths.len()
            );
            ExitCode::from(super::EXIT_INVALID)
        }
        Err(WriteError::Io(path, e)) => {
            eprintln!(
                "error: cannot write {}: {e}; nothing was kept",
                display_path(&path)
            );
            ExitCode::FAILURE
        }
        Err(WriteError::Invalid) => fail(&imported.errors, Some(&imported)),
    }
}

/// Prints to standard output; a closed pipe (`| head`) is not an error of the import.
fn out(text: &str) {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

fn options(args: &ImportArgs) -> Result<Options, String> {
    let mapping = match &args.mapping {
        Some(path) => Mapping::read(path)?,
        None => Mapping::default(),
    };
    let merger_file = args
        .merger
        .clone()
        .or_else(|| Some(args.out.join(crate::load::MERGER_FILE)).filter(|p| p.is_file()));
    let merger = merger_file.as_deref().map(super::read_merger).transpose()?;
    Ok(Options {
        sheet: args.sheet.clone(),
        mapping,
        merger,
        authority: args.authority.clone(),
    })
}

fn fail(issues: &[Issue], imported: Option<&Import>) -> ExitCode {
    for i in issues {
        eprintln!("error: {}: {}\n  help: {}", i.at, i.message, i.help);
    }
    let n = issues.len();
    let rows = imported.map_or_else(String::new, |i| {
        format!(
            " ({})",
            plural(i.contracts.len(), "contract row", "contract rows")
        )
    });
    eprintln!(
        "error: {} in the register{rows}; nothing was written",
        plural(n, "problem", "problems")
    );
    ExitCode::from(super::EXIT_INVALID)
}

/// Which column went to which field, and what was ignored or skipped.
fn columns(i: &Import) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}): heading row {}, {}",
        i.sheet,
        i.format,
        i.heading_row + 1,
        plural(i.contracts.len(), "contract row", "contract rows")
    );
    let width = i
        .columns
        .iter()
        .map(|c| c.heading.chars().count())
        .max()
        .unwrap_or(0);
    for c in &i.columns {
        let heading = format!("«{}»", c.heading);
        let role = match &c.role {
            Role::Field(f) => format!("→ {}", f.key()),
            Role::Ignored(why) => format!("ignored: {why} ({} values)", c.values),
        };
        let _ = writeln!(
            out,
            "  {:>3}  {heading:<w$}  {role}",
            letters(c.col),
            w = width + 2
        );
    }
    if !i.empty_rows.is_empty() {
        let rows: Vec<String> = i.empty_rows.iter().map(|r| (r + 1).to_string()).collect();
        let _ = writeln!(out, "  empty rows skipped: {}", rows.join(", "));
    }
    for (r, why) in &i.skipped {
        let _ = writeln!(out, "  skipped {}: {why}", cell_ref(&i.sheet, *r, 0));
    }
    out
}

/// The files written, what each still needs, and the notes.
fn written(i: &Import, args: &ImportArgs) -> String {
    let mut out = String::new();
    let dir = display_path(&args.out);
    let files = plural(i.contracts.len(), "contract file", "contract files");
    let _ = writeln!(out, "wrote {files} to {dir}:");
    for c in &i.contracts {
        let needs = if c.missing.is_empty() {
            String::from("complete")
        } else {
            format!("to fill in: {}", c.missing.join(", "))
        };
        let _ = writeln!(out, "  {}.json (row {})  {needs}", c.id, c.row + 1);
        for n in &c.notes {
            let _ = writeln!(out, "      note: {n}");
        }
    }
    for n in &i.notes {
        let _ = writeln!(out, "note: {n}");
    }
    let _ = writeln!(
        out,
        "next: `vesentlig check {dir}` shows each value still to fill in, with file, line and column"
    );
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
