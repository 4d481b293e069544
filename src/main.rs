//! The `explainer` command: parse arguments, dispatch, print diagnostics, set the exit code.

use std::process::ExitCode;

use clap::Parser;
use explainer::cli::{Cli, Command, ReportArgs};
use explainer::diagnostic::Format;
use explainer::{Options, Report};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let (Command::Init { .. }, Some(root)) = (&cli.command, &cli.root) {
        eprintln!(
            "error: init takes no --root ({}): name the folder to make, as in `explainer init DIR`",
            root.display()
        );
        return ExitCode::from(2);
    }
    let root = cli.root.clone().unwrap_or_else(|| ".".into());
    // `new` and `import` write into content/: a root without it is most likely a typo.
    let reads_a_site = !matches!(cli.command, Command::Init { .. });
    if reads_a_site && !explainer::is_site(&root) {
        eprintln!(
            "error: {} has no content/ folder: run explainer in a site's folder, or name one with --root",
            root.display()
        );
        return ExitCode::from(2);
    }
    let result = match cli.command {
        Command::Init { dir, language } => explainer::init::run(&dir, &language).map(|msg| {
            eprintln!("{msg}");
            ExitCode::SUCCESS
        }),
        Command::Build {
            output,
            base_url,
            strict,
            report: how,
        } => explainer::build_with(
            &Options {
                root,
                output,
                base_url,
            },
            strict,
        )
        .map(|r| report(r, "built", &how)),
        Command::Check {
            fix_quotes,
            base_url,
            report: how,
        } => {
            let fixed = if fix_quotes {
                explainer::fix_quotes::run(&root).map(|(said, n)| {
                    // Machine formats keep stdout to their diagnostics alone.
                    if how.format == Format::Human {
                        print!("{said}");
                    } else {
                        eprint!("{said}");
                    }
                    n
                })
            } else {
                Ok(0)
            };
            fixed.and_then(|rewritten| {
                explainer::check(&Options {
                    root,
                    output: None,
                    base_url,
                })
                .map(|r| report_rewritten(r, "checked", &how, rewritten))
            })
        }
        Command::Serve {
            port,
            bind,
            allow_host,
        } => {
            keep_freed_memory();
            explainer::serve::run(
                &root,
                &explainer::serve::Config {
                    port,
                    bind,
                    allow_hosts: allow_host,
                },
            )
            .map(|()| ExitCode::SUCCESS)
        }
        Command::New { what, name, kind } => {
            explainer::new::run(&root, what.into(), &name, kind.map(|k| k.key())).map(|msg| {
                eprintln!("{msg}");
                ExitCode::SUCCESS
            })
        }
        Command::Stats { format } => stats(root, format),
        Command::Suggest { article } => {
            explainer::suggest::run(&root, article.as_deref()).map(|outcome| match outcome {
                explainer::suggest::Outcome::Found(found) => {
                    print!("{}", explainer::suggest::render(&found));
                    ExitCode::SUCCESS
                }
                explainer::suggest::Outcome::Unread(diagnostics) => report(
                    Report {
                        diagnostics,
                        ..Report::default()
                    },
                    "suggest",
                    &ReportArgs::default(),
                ),
            })
        }
        Command::Import {
            file,
            date,
            slug,
            revise: true,
            note,
            ..
        } => {
            let date = date.unwrap_or_else(explainer::new::today);
            let slug = slug.unwrap_or_default();
            explainer::import::revise::run(&root, &file, &slug, &date, note.as_deref()).and_then(
                |msg| {
                    eprintln!("{msg}");
                    explainer::check(&Options {
                        root,
                        output: None,
                        base_url: None,
                    })
                    .map(|r| report(r, "revised", &ReportArgs::default()))
                },
            )
        }
        Command::Import {
            file,
            date,
            slug,
            byline,
            source,
            source_url,
            ..
        } => {
            let attribution = explainer::import::Attribution {
                byline,
                source,
                source_url,
            };
            explainer::import::run(&root, &file, date.as_deref(), slug.as_deref(), &attribution)
                .map(|msg| {
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

fn stats(
    root: std::path::PathBuf,
    format: explainer::cli::StatsFormat,
) -> anyhow::Result<ExitCode> {
    let opts = Options {
        root: root.clone(),
        output: None,
        base_url: None,
    };
    // A site being written has errors (a note without its quote yet): its figures are
    // what the model makes of it, and its errors follow them, with the exit code of
    // `check`.
    let (site, diagnostics) = explainer::model_anyway(&opts)?;
    let stats = explainer::stats::of(&site, &root)?;
    match format {
        explainer::cli::StatsFormat::Human => print!("{}", explainer::stats::render(&stats)),
        explainer::cli::StatsFormat::Json => println!("{}", serde_json::to_string(&stats)?),
    }
    if diagnostics
        .iter()
        .any(explainer::diagnostic::Diagnostic::is_error)
    {
        return Ok(report(
            Report {
                diagnostics,
                ..Report::default()
            },
            "read",
            &ReportArgs::default(),
        ));
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints the diagnostics of `r` as `how` says (people's on stderr, machines' on
/// stdout), then the summary on stderr; the exit code.
fn report(r: Report, verb: &str, how: &ReportArgs) -> ExitCode {
    report_rewritten(r, verb, how, 0)
}

/// `report`, after `check --fix-quotes` rewrote `rewritten` quotes (its summary says so).
fn report_rewritten(r: Report, verb: &str, how: &ReportArgs, rewritten: usize) -> ExitCode {
    let prefix = how.path_prefix.as_deref();
    for d in &r.diagnostics {
        let line = d.render(how.format, prefix);
        match how.format {
            Format::Human => eprintln!("{line}"),
            Format::Json | Format::Github => println!("{line}"),
        }
    }
    if r.has_errors() {
        let n = r.diagnostics.iter().filter(|d| d.is_error()).count();
        let errors = if n == 1 { "error" } else { "errors" };
        if verb == "revised" {
            // `--fix-quotes` is worth a try only where a quote has a close passage.
            let close = r
                .diagnostics
                .iter()
                .any(|d| d.message.contains("(closest: "));
            eprintln!(
                "{n} {errors} found after the revision (its text was written){}",
                if close {
                    ": `explainer check --fix-quotes` rewrites each quote that has one close passage"
                } else {
                    ""
                }
            );
        } else if rewritten > 0 {
            let (quotes, were) = if rewritten == 1 {
                ("quote", "was")
            } else {
                ("quotes", "were")
            };
            eprintln!(
                "{n} {errors} found; {rewritten} {quotes} {were} rewritten (shown above), nothing else was written"
            );
        } else if verb == "suggest" {
            eprintln!(
                "{n} {errors} found: `suggest` reads every article and actor, and makes no suggestion until they read"
            );
        } else if verb == "read" {
            eprintln!("{n} {errors} found");
        } else {
            eprintln!("{n} {errors} found; nothing was written");
        }
        return ExitCode::from(1);
    }
    let warnings = r.diagnostics.len();
    let with = if warnings == 0 {
        String::new()
    } else {
        format!(
            ", with {} (build --strict would fail)",
            explainer::plural::counted(warnings, "warning", "warnings")
        )
    };
    match &r.written {
        Some(dir) => eprintln!("{verb} {} files into {}{with}", r.files, dir.display()),
        None => eprintln!(
            "{verb}: the content and the {} files of the site are fine{with}",
            r.files
        ),
    }
    if let Some(cards) = &r.cards {
        eprintln!("{}", cards.note());
    }
    for note in &r.notes {
        eprintln!("note: {note}");
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

/// Tells the allocator to keep the memory a program frees instead of giving it back to
/// the system 10 ms later, its default. For `serve`: after each edit it writes the search
/// index, and frees the hundreds of megabytes that took on a big site; given back, they
/// had to be faulted in again by the next edit, whose rebuild then took half as long
/// again (21 ms instead of 14 on the 10k benchmark site).
fn keep_freed_memory() {
    /// `mi_option_purge_delay` in mimalloc.h (v2, the version libmimalloc-sys builds by
    /// default), which the crate does not name: -1 is "never".
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: sets one of the allocator's options, which it reads when it frees.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) };
}
