//! The `gongjiang` command: parse the command line, run, print any error once, set the exit code.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc: a build allocates and frees many small strings and JSON values from every core,
/// where it is markedly faster than the system allocator and returns memory sooner.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = gongjiang::cli::Cli::parse();
    let lang = cli.lang();
    match gongjiang::cli::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("{}", err.report(lang));
            ExitCode::from(2)
        }
    }
}
