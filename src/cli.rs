//! The commands and flags.

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::diagnostic::Format;

/// What `explainer --version` prints after the name: the version of the package and the
/// commit it was built from (`unknown` when the build could not tell, see build.rs).
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("EXPLAINER_BUILD_COMMIT"),
    ")"
);

/// Builds explainer sites: an article, its actors, positions and annotations, linked.
#[derive(Debug, Parser)]
#[command(name = "explainer", version = VERSION, about, long_about = None)]
pub struct Cli {
    /// The site's folder, holding content/ (and maybe templates/ and static/) [default: .]
    /// (not for `init`, which makes the folder it is given)
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a new site into DIR (made if missing; refused if it holds anything but .git):
    /// a fictional article, two actors, a position and a note that pass `check`, a
    /// .gitignore, and the workflow that publishes the site on GitHub Pages.
    Init {
        /// The new site's folder.
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// The site's language, a BCP 47 tag: en, en-GB, pt-BR.
        #[arg(long, value_name = "CODE", default_value = "en")]
        language: String,
    },
    /// Validate the content, then write the whole site (nothing at all if there are errors).
    Build {
        /// Where to write the site [default: ROOT/public].
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// The site's absolute URL, for the sitemap and canonical links; overrides base_url of site.toml.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Fail on any warning too (a placeholder left, a source on an avoided domain):
        /// for CI and publishing.
        #[arg(long)]
        strict: bool,
        /// How diagnostics are printed.
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Validate the content and the links of the site it would write; write nothing.
    Check {
        /// Rewrite each annotation or stance quote that is no longer in its article but
        /// has exactly one passage at least 85% similar, printing each change as a diff;
        /// nothing else is changed.
        #[arg(long)]
        fix_quotes: bool,
        /// The site's absolute URL, as `build --base-url` takes it: the site is checked
        /// as that build writes it (with its feed, sitemap and cards).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// How diagnostics are printed.
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Build, serve on 127.0.0.1, rebuild and reload the browser when a file changes.
    Serve {
        /// The port to listen on.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; any other than 127.0.0.1 or ::1 lets every machine
        /// that can reach it read the drafts (0.0.0.0: every address of this machine).
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Also answer requests that name this host (NAME or NAME:PORT), e.g. for a tunnel
        /// or a name on the local network; repeatable.
        #[arg(long = "allow-host", value_name = "NAME")]
        allow_host: Vec<String>,
    },
    /// Write a new content file with every required key present; never overwrite one.
    New {
        /// What to create.
        #[arg(value_name = "WHAT")]
        what: NewKind,
        /// Its slug: lower-case letters and digits in words joined by hyphens, e.g. donald-trump.
        name: String,
        /// For an actor: what it is. Without it, the file marks the kind for review.
        #[arg(long, value_enum)]
        kind: Option<ActorKindArg>,
    },
    /// List the capitalised names and acronyms of the article text that no actor's name
    /// or alias covers, most frequent first, with the command that starts each actor.
    Suggest {
        /// Only this article [default: every article].
        #[arg(long, value_name = "SLUG")]
        article: Option<String>,
    },
    /// How far the explainer is from done: per article, the blocks with notes and
    /// mentions; actors without stances; positions with fewer than two stances;
    /// fact-checks without sources; placeholders left.
    Stats {
        /// human (default) or json (one object).
        #[arg(long, value_enum, default_value = "human")]
        format: StatsFormat,
    },
    /// Turn a plain-text article into content/articles/SLUG.md (headline; blank line;
    /// standfirst, picture and caption lines and the picture's credit; blank line;
    /// paragraphs).
    Import {
        /// The plain-text article.
        file: PathBuf,
        /// The article's date, YYYY-MM-DD [default: today].
        #[arg(long)]
        date: Option<String>,
        /// The article's slug [default: made from the headline].
        #[arg(long)]
        slug: Option<String>,
        /// Who wrote it.
        #[arg(long)]
        byline: Option<String>,
        /// The publication it comes from.
        #[arg(long)]
        source: Option<String>,
        /// Where the original can be read (an http(s) URL).
        #[arg(long, value_name = "URL")]
        source_url: Option<String>,
        /// Replace the text of the existing article --slug with this one, keep its front
        /// matter and add an update (of --date) saying so; then check the site.
        #[arg(long, requires = "slug", conflicts_with_all = ["byline", "source", "source_url"])]
        revise: bool,
        /// With --revise: the text of the update [default: how many paragraphs changed].
        #[arg(long, requires = "revise")]
        note: Option<String>,
    },
}

/// How `build` and `check` print their diagnostics.
#[derive(Debug, Clone, Default, Args)]
pub struct ReportArgs {
    /// human: `error: PATH:LINE: message` on stderr; json: one JSON object per line on
    /// stdout; github: GitHub workflow commands (annotations) on stdout. The summary line
    /// is always on stderr.
    #[arg(
        long,
        value_name = "FORMAT",
        default_value = "human",
        value_parser = PossibleValuesParser::new(Format::NAMES)
            .map(|s| s.parse::<Format>().unwrap_or_default()),
    )]
    pub format: Format,
    /// Put DIR/ before every path in diagnostics, e.g. the site's folder in its
    /// repository, since GitHub wants paths from the repository's root.
    #[arg(long, value_name = "DIR")]
    pub path_prefix: Option<String>,
}

/// How `stats` prints.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum StatsFormat {
    /// Lines of text.
    Human,
    /// One JSON object.
    Json,
}

/// What an actor is, for `new actor --kind`.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ActorKindArg {
    /// A person.
    Person,
    /// A state.
    State,
    /// An organisation (also spelt organization).
    #[value(alias = "organization")]
    Organisation,
}

impl ActorKindArg {
    /// The value of `kind` in an actor's front matter.
    pub fn key(self) -> &'static str {
        match self {
            ActorKindArg::Person => "person",
            ActorKindArg::State => "state",
            ActorKindArg::Organisation => "organization",
        }
    }
}

/// The kinds of file `new` writes.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum NewKind {
    /// content/articles/NAME.md
    Article,
    /// content/actors/NAME.md
    Actor,
    /// content/positions/NAME.md
    Position,
    /// content/annotations/NAME.md
    Annotation,
}

impl From<NewKind> for crate::new::NewKind {
    fn from(kind: NewKind) -> Self {
        match kind {
            NewKind::Article => crate::new::NewKind::Article,
            NewKind::Actor => crate::new::NewKind::Actor,
            NewKind::Position => crate::new::NewKind::Position,
            NewKind::Annotation => crate::new::NewKind::Annotation,
        }
    }
}
