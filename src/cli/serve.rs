//! `vesentlig serve`: starts the web workspace (`crate::web`) and prints its address.

use std::net::{IpAddr, Ipv4Addr};
use std::process::ExitCode;

use super::args::ServeArgs;
use crate::web::{Options, Server};

pub fn run(args: &ServeArgs) -> ExitCode {
    let options = Options {
        portfolio: args.portfolio.clone(),
        bind: args.bind.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST)),
        port: args.port,
        today: args.today,
    };
    let server = match Server::start(options) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot listen on port {}: {e}", args.port);
            eprintln!("help: give another port with --port, or --port 0 for any free one");
            return ExitCode::FAILURE;
        }
    };
    let url = server.url();
    println!(
        "vesentlig: the workspace for {} is at {url}",
        crate::diagnostics::display_path(&args.portfolio)
    );
    if args.bind.is_some_and(|ip| !ip.is_loopback()) {
        eprintln!(
            "warning: listening on {}: anyone who can reach this address can read the portfolio",
            server.addr()
        );
    }
    println!("Stop it with Ctrl+C.");
    if args.open
        && let Err(e) = open::that_detached(&url)
    {
        eprintln!("warning: cannot open a browser ({e}); open {url} yourself");
    }
    server.wait();
    ExitCode::SUCCESS
}
