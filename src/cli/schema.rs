//! `vesentlig schema`: the JSON Schema of a contract file or of `merger.json`, derived from the
//! model, for editors (docs/portfolio-format.md, «Editor support»).

use std::io::Write;
use std::process::ExitCode;

use super::args::SchemaArgs;
use crate::portfolio_schema::file_schema_text;

pub fn run(args: &SchemaArgs) -> ExitCode {
    let text = file_schema_text(args.file);
    match &args.out {
        Some(path) => super::write_out(path, text.as_bytes()),
        None => match std::io::stdout().lock().write_all(text.as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(_) => ExitCode::FAILURE,
        },
    }
}
