//! The `explainer` command: parse arguments, dispatch, print diagnostics, set the exit code.

use std::process::ExitCode;

use clap::Parser;
use explainer::cli::{Cli, Command};
use explainer::{Options, Report};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = cli.root.clone();
    let result = match cli.command {
        Command::Build { output, base_url } => explainer::build(&Options {
            root,
            output,
            base_url,
        })
        .map(|r| report(r, "built")),
        Command::Check => explainer::check(&Options {
            root,
            output: None,
            base_url: None,
        })
        .map(|r| report(r, "checked")),
        Command::Serve {
            port,
            bind,
            allow_host,
        } => explainer::serve::run(
            &root,
            &explainer::serve::Config {
                port,
                bind,
                allow_hosts: allow_host,
            },
        )
        .map(|()| ExitCode::SUCCESS),
        Command::New { kind, name } => explainer::new::run(&root, kind, &name).map(|msg| {
            eprintln!("{msg}");
            ExitCode::SUCCESS
        }),
        Command::Import { file, date, slug } => {
            explainer::import::run(&root, &file, date.as_deref(), slug.as_deref()).map(|msg| {
                eprintln!("{msg}");
                ExitCode::SUCCESS
            })
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn report(r: Report, verb: &str) -> ExitCode {
    for d in &r.diagnostics {
        eprintln!("{d}");
    }
    if r.has_errors() {
        let n = r.diagnostics.iter().filter(|d| d.is_error()).count();
        eprintln!(
            "{n} error{} found; nothing was written",
            if n == 1 { "" } else { "s" }
        );
        return ExitCode::from(1);
    }
    match &r.written {
        Some(dir) => eprintln!("{verb} {} files into {}", r.files, dir.display()),
        None => eprintln!(
            "{verb}: the content and the {} files of the site are fine",
            r.files
        ),
    }
    ExitCode::SUCCESS
}

// mimalloc keeps memory lower and allocation faster than the system allocator when
// rayon's threads render pages in parallel. Built without transparent huge pages
// (feature `no_thp`): a build touches memory all over its heap once, and the kernel
// zeroing a whole 2 MiB page for each first touch cost a tenth of a big build's time
// and raised its peak memory.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
