use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    vesentlig::cli::run(vesentlig::cli::args::Cli::parse())
}
