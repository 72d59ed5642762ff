//! `flightdeck`: one binary for every part of Flightdeck — the CLI and the server.

mod command;
mod error;
mod output;
mod progress;

use std::process::ExitCode;

use clap::Parser;

use crate::command::{Cli, Ctx};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    init_tracing(cli.global.verbose);
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    let ctx = Ctx::new(&cli.global);
    match runtime.block_on(command::run(cli.command, &ctx)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            report(&e);
            ExitCode::from(1)
        }
    }
}

/// Prints an error and its causes on stderr.
fn report(e: &anyhow::Error) {
    eprintln!("error: {e}");
    for cause in e.chain().skip(1) {
        eprintln!("  caused by: {cause}");
    }
}

/// Logs go to stderr (`RUST_LOG` or `-v` sets the level), so stdout stays data.
fn init_tracing(verbose: u8) {
    let default = match verbose {
        0 => "warn,flightdeck=info,flightdeck_server=info",
        1 => "info",
        _ => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}
