//! `vesentlig template`: an empty contract register to fill in and import.

use std::process::ExitCode;

use super::args::TemplateArgs;
use crate::diagnostics::display_path;

pub fn run(args: &TemplateArgs) -> ExitCode {
    let merger = match args.merger.as_deref().map(super::read_merger).transpose() {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(super::EXIT_INVALID);
        }
    };
    match crate::register::template::template(merger.as_ref(), args.lang) {
        Ok(bytes) => {
            let status = super::write_out(&args.out, &bytes);
            if status == ExitCode::SUCCESS {
                println!("{}: register template written", display_path(&args.out));
            }
            status
        }
        Err(e) => {
            eprintln!("error: cannot build the template: {e}");
            ExitCode::FAILURE
        }
    }
}
