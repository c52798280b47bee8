//! The command line: clap definitions and the dispatch to the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::build::{self, BuildOptions};
use crate::check::{self, CheckOptions};
use crate::error::Result;
use crate::i18n::{Lang, msg};

/// gongjiang (工匠): builds a static site from Markdown with typed figures, Tera templates and
/// static files.
#[derive(Debug, Parser)]
#[command(name = "gongjiang", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    command: Command,
    /// The language of messages: en or zh [default: zh when LC_ALL, LC_MESSAGES or LANG starts
    /// with zh, else en].
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    lang: Option<Lang>,
}

impl Cli {
    /// The language of messages: `--lang`, else the locale's.
    pub fn lang(&self) -> Lang {
        self.lang.unwrap_or_else(Lang::from_env)
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Build the site into a folder any static host can serve.
    Build(BuildArgs),
    /// Build the site in memory (writing nothing) and report broken links and anchors, images
    /// without alt text, unreachable pages, figure problems and third-party requests.
    /// Exits with 0 when there is no error (warnings alone pass), 1 with errors, 2 when the
    /// site cannot be checked at all.
    Check(CheckArgs),
    /// Serve the site on a local address, rebuild on every save and reload open tabs.
    Serve(ServeArgs),
    /// Write a small working site (a home page, a section with one page, figures and a chart)
    /// into DIR, which must be empty or missing. It uses the built-in theme.
    Init(InitArgs),
    /// List the built-in theme's files; `theme eject` copies them into the site to edit.
    Theme(ThemeArgs),
}

/// `gongjiang init`.
#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// The folder to create the site in [default: the current folder].
    #[arg(value_name = "DIR")]
    dir: Option<PathBuf>,
    /// The site's title.
    #[arg(long)]
    title: Option<String>,
    /// The language of the site and of its sample texts.
    #[arg(long, value_enum, default_value = "zh", value_name = "LANG")]
    language: Lang,
}

/// `gongjiang theme`.
#[derive(Debug, Args)]
pub(crate) struct ThemeArgs {
    /// The site root.
    #[arg(long, default_value = ".", value_name = "DIR", global = true)]
    root: PathBuf,
    #[command(subcommand)]
    action: Option<ThemeAction>,
}

/// `gongjiang theme eject`.
#[derive(Debug, Subcommand)]
pub(crate) enum ThemeAction {
    /// Copy built-in files into the site (all of them, or the ones named, e.g.
    /// templates/page.html or css/site.css); an existing file is never replaced.
    Eject {
        /// The files, as `gongjiang theme` lists them.
        #[arg(value_name = "FILE")]
        files: Vec<String>,
    },
}

/// Flags every command shares.
#[derive(Debug, Args)]
pub(crate) struct SiteArgs {
    /// The site root: the folder holding content/, templates/ and static/.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub(crate) root: PathBuf,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub(crate) drafts: bool,
}

/// `gongjiang build`.
#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
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

/// `gongjiang serve`.
#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// The port to listen on; 0 picks a free one (the address is printed).
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// The address to listen on. Anything but a loopback address makes the site reachable from
    /// other machines.
    #[arg(long, default_value = "127.0.0.1", value_name = "IP")]
    bind: std::net::IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
}

/// `gongjiang check`.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Also request every external link (8 at a time, 10 s limit; answers cached for a day in
    /// ROOT/target/gongjiang-link-cache.json).
    #[arg(long)]
    external: bool,
    /// How to print the report: for people, or as one JSON object for tools.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

/// Report formats of `gongjiang check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// Grouped by file, with hints and a summary line.
    Human,
    /// `{"problems": [...], "external": [...], "pages": N}`.
    Json,
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let lang = cli.lang();
    match cli.command {
        Command::Build(args) => {
            let options = BuildOptions {
                root: args.site.root,
                output: args.output,
                base_url: args.base_url,
                drafts: args.site.drafts,
            };
            let report = build::build(&options)?;
            let warning = msg!("label-warning").text(lang);
            for problem in &report.warnings {
                eprintln!("{warning}: {}", problem.render(lang));
            }
            let done = msg!(
                "build-done",
                pages = report.pages,
                statics = report.static_files,
                ms = report.elapsed.as_millis().to_string(),
                output = &report.output_dir
            );
            let done = match report.search {
                Some(sizes) => msg!("build-done-search", done = done, search = sizes.message()),
                None => done,
            };
            println!("{}", done.text(lang));
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve(args) => {
            let options = crate::serve::ServeOptions {
                root: args.site.root,
                bind: args.bind,
                port: args.port,
                open: args.open,
                drafts: args.site.drafts,
                lang,
            };
            crate::serve::serve(&options)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Init(args) => {
            let folder = args.dir.unwrap_or_else(|| PathBuf::from("."));
            let options = crate::init::InitOptions {
                folder: folder.clone(),
                title: args.title,
                language: args.language,
            };
            crate::init::init(&options)?;
            let shown = folder.display().to_string();
            let root = if shown == "." {
                String::new()
            } else {
                format!(" --root {shown}")
            };
            println!("{}", msg!("init-done", folder = &folder).text(lang));
            let next = msg!(
                "init-next",
                build = format!("gongjiang build{root}"),
                serve = format!("gongjiang serve{root}"),
                folder = &folder
            );
            println!("{}", next.text(lang));
            Ok(ExitCode::SUCCESS)
        }
        Command::Theme(args) => {
            match args.action {
                None => {
                    println!("{}", msg!("theme-list-heading").text(lang));
                    for (file, own) in crate::theme::list(&args.root) {
                        if own {
                            println!("  {}", msg!("theme-file-own", file = file).text(lang));
                        } else {
                            println!("  {file}");
                        }
                    }
                    println!("{}", msg!("theme-list-eject").text(lang));
                }
                Some(ThemeAction::Eject { files }) => {
                    for file in crate::theme::eject(&args.root, &files)? {
                        println!("{}", msg!("theme-ejected", file = &file).text(lang));
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Check(args) => {
            let options = CheckOptions {
                root: args.site.root,
                drafts: args.site.drafts,
                external: args.external,
            };
            let report = check::check(&options)?;
            match args.format {
                Format::Human => print!("{}", report.human(lang)),
                Format::Json => print!("{}", report.json()),
            }
            Ok(report.exit_code())
        }
    }
}
