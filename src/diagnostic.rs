//! Content errors as data: collected, sorted and printed together.

use std::fmt;

/// How serious a diagnostic is: errors fail the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The content is wrong; nothing is written.
    Error,
    /// Worth a look; the build goes on.
    Warning,
}

/// One problem in the content, located by file (relative to the site root) and line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The file at fault, relative to the site root, with `/` separators.
    pub path: String,
    /// The 1-based line of the key or text at fault, when one is known.
    pub line: Option<usize>,
    /// The 1-based column (in characters) on `line`, when it is known: diagnostics of
    /// one line sort in the order they were written.
    pub column: Option<usize>,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when a hint helps (e.g. `did you mean "donald-trump"?`).
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at `path:line`.
    pub fn error(path: impl Into<String>, line: Option<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line,
            severity: Severity::Error,
            message: message.into(),
            hint: None,
            column: None,
        }
    }

    /// A warning at `path:line`.
    pub fn warning(
        path: impl Into<String>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, line, message)
        }
    }

    /// The same diagnostic with a hint.
    pub fn with_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    /// The same diagnostic with a column.
    pub fn with_column(mut self, column: Option<usize>) -> Self {
        self.column = column;
        self
    }

    /// Whether this diagnostic fails the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.label(), one_line(&self.path))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}", one_line(&self.message))?;
        if let Some(hint) = &self.hint {
            write!(f, " ({})", one_line(hint))?;
        }
        Ok(())
    }
}

/// Text from content as it may stand on one line of a log: line breaks and other control
/// characters escaped, so that no content can start a line of its own (which CI logs
/// would read as a command, e.g. `::error::` on GitHub).
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return text.into();
    }
    text.chars()
        .map(|c| match c {
            '\n' => "\\n".to_string(),
            '\r' => "\\r".to_string(),
            '\t' => "\\t".to_string(),
            c if c.is_control() => c.escape_unicode().to_string(),
            c => c.to_string(),
        })
        .collect::<String>()
        .into()
}

/// How diagnostics are printed: `human` (`error: PATH:LINE: message (hint)`, on stderr),
/// `json` (one JSON object per line, on stdout) or `github` (GitHub workflow commands,
/// on stdout, which the runner turns into annotations on the files).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// For people.
    #[default]
    Human,
    /// JSON Lines.
    Json,
    /// `::error file=…,line=…::message`.
    Github,
}

impl Format {
    /// The names the command line takes.
    pub const NAMES: [&'static str; 3] = ["human", "json", "github"];
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "human" => Ok(Format::Human),
            "json" => Ok(Format::Json),
            "github" => Ok(Format::Github),
            _ => Err(format!("unknown format \"{s}\": human, json or github")),
        }
    }
}

/// `path` under `prefix` (e.g. the site's folder in its repository), `/`-separated,
/// the prefix's empty and `.` parts left out (`./site//x/` is `site/x`).
pub fn prefixed(prefix: Option<&str>, path: &str) -> String {
    let parts: Vec<&str> = prefix
        .unwrap_or("")
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    if parts.is_empty() {
        path.to_string()
    } else {
        format!("{}/{path}", parts.join("/"))
    }
}

/// One JSON line (see README, "Diagnostics for machines").
#[derive(serde::Serialize)]
struct JsonLine<'a> {
    severity: &'static str,
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
    hint: Option<&'a str>,
}

impl Diagnostic {
    /// The diagnostic as `format` prints it, its path under `prefix`.
    pub fn render(&self, format: Format, prefix: Option<&str>) -> String {
        let path = prefixed(prefix, &self.path);
        match format {
            Format::Human => Diagnostic {
                path,
                ..self.clone()
            }
            .to_string(),
            Format::Json => serde_json::to_string(&JsonLine {
                severity: self.label(),
                file: &path,
                line: self.line,
                column: self.column,
                message: &self.message,
                hint: self.hint.as_deref(),
            })
            .unwrap_or_default(),
            Format::Github => {
                let mut props = format!("file={}", github_property(&path));
                if let Some(line) = self.line {
                    props.push_str(&format!(",line={line}"));
                    if let Some(col) = self.column {
                        props.push_str(&format!(",col={col}"));
                    }
                }
                let mut text = self.message.clone();
                if let Some(hint) = &self.hint {
                    text.push_str(&format!(" ({hint})"));
                }
                format!(
                    "::{} {props},title=explainer::{}",
                    self.label(),
                    github_data(&text)
                )
            }
        }
    }

    fn label(&self) -> &'static str {
        match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A workflow command's message, escaped as `@actions/core` does (`escapeData`).
pub fn github_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value, escaped as `@actions/core` does
/// (`escapeProperty`): as data, and `:` and `,` too.
pub fn github_property(s: &str) -> String {
    github_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Sorts diagnostics by file, line, column and message, and drops exact repeats.
pub fn sorted(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    // Those of one line in the order written where their columns are known; those
    // without one after them.
    let key = |d: &Diagnostic| (d.column.is_none(), d.column);
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, key(a), a.severity, &a.message).cmp(&(
            &b.path,
            b.line,
            key(b),
            b.severity,
            &b.message,
        ))
    });
    diagnostics.dedup();
    diagnostics
}

/// `did you mean "…"?` for the known name closest to `wrong`, if one is close enough.
pub fn did_you_mean<'a>(wrong: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let mut best: Option<(f64, &str)> = None;
    for candidate in known {
        let score = strsim::jaro_winkler(wrong, candidate);
        if score >= 0.8 && best.is_none_or(|(s, c)| score > s || (score == s && candidate < c)) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| format!("did you mean \"{c}\"?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_human_line_stays_one_line() {
        // Probe-3 N9: a key holding a line break could start a workflow command.
        let d = Diagnostic::error(
            "content/a.md",
            Some(2),
            "unknown key \"x\n::error::pwned\u{7}\"",
        );
        assert_eq!(
            d.to_string(),
            "error: content/a.md:2: unknown key \"x\\n::error::pwned\\u{7}\""
        );
    }

    #[test]
    fn displays_path_line_and_hint() {
        let d = Diagnostic::error("content/a.md", Some(3), "unknown actor \"trmp\"")
            .with_hint(Some("did you mean \"trump\"?".into()));
        assert_eq!(
            d.to_string(),
            "error: content/a.md:3: unknown actor \"trmp\" (did you mean \"trump\"?)"
        );
        let w = Diagnostic::warning("content/x", None, "ignored");
        assert_eq!(w.to_string(), "warning: content/x: ignored");
    }

    #[test]
    fn renders_json_and_github_commands() {
        let d = Diagnostic::error("content/a,b.md", Some(3), "100% sure: a, b\nc")
            .with_hint(Some("fix".into()))
            .with_column(Some(7));
        assert_eq!(
            d.render(Format::Github, Some("./site/")),
            "::error file=site/content/a%2Cb.md,line=3,col=7,title=explainer::100%25 sure: a, b%0Ac (fix)"
        );
        assert_eq!(
            d.render(Format::Json, None),
            r#"{"severity":"error","file":"content/a,b.md","line":3,"column":7,"message":"100% sure: a, b\nc","hint":"fix"}"#
        );
        let w = Diagnostic::warning("content/x", None, "ignored");
        assert_eq!(
            w.render(Format::Github, None),
            "::warning file=content/x,title=explainer::ignored"
        );
        assert_eq!(
            w.render(Format::Human, Some(".")),
            "warning: content/x: ignored"
        );
        assert_eq!(github_property("a:b,c%\r"), "a%3Ab%2Cc%25%0D");
    }

    #[test]
    fn suggests_the_nearest_slug_only_when_close() {
        let known = ["donald-trump", "vladimir-putin", "nato"];
        assert_eq!(
            did_you_mean("donald-trum", known).as_deref(),
            Some("did you mean \"donald-trump\"?")
        );
        assert_eq!(did_you_mean("zzzzzz", known), None);
    }

    #[test]
    fn sorting_orders_by_file_then_line() {
        let v = sorted(vec![
            Diagnostic::error("b.md", Some(1), "x"),
            Diagnostic::error("a.md", Some(9), "y"),
            Diagnostic::error("a.md", Some(2), "z"),
            Diagnostic::error("a.md", Some(2), "z"),
        ]);
        let got: Vec<_> = v.iter().map(|d| (d.path.as_str(), d.line)).collect();
        assert_eq!(
            got,
            [("a.md", Some(2)), ("a.md", Some(9)), ("b.md", Some(1))]
        );
    }
}
