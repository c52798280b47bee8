//! The command line: clap definitions and the dispatch to the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::build::{self, BuildOptions};
use crate::error::Result;

/// gongjiang (工匠): builds a static site from Markdown with typed figures, Tera templates and
/// static files.
#[derive(Debug, Parser)]
#[command(name = "gongjiang", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into a folder any static host can serve.
    Build(BuildArgs),
}

/// Flags every command shares.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The site root: the folder holding content/, templates/ and static/.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}

/// `gongjiang build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Where to write the site [default: ROOT/public]. Only an empty folder or one a previous
    /// build wrote is replaced.
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// The address the site is published at, e.g. https://example.org/reform/ (overrides the
    /// site's own `base_url`).
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Build(args) => {
            let options = BuildOptions {
                root: args.site.root,
                output: args.output,
                base_url: args.base_url,
                drafts: args.site.drafts,
            };
            let report = build::build(&options)?;
            println!(
                "Built {} pages, {} static files in {} ms -> {}",
                report.pages,
                report.static_files,
                report.elapsed.as_millis(),
                report.output_dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
