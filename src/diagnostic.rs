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
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when a hint helps (e.g. `did you mean "donald-trump"?`).
    pub hint: Option<String>,
    /// The 1-based column (in characters) on `line`, when it is known.
    pub column: Option<usize>,
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
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}", self.path)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

/// Sorts diagnostics by file, line and message, and drops exact repeats.
pub fn sorted(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.severity, &a.message).cmp(&(&b.path, b.line, b.severity, &b.message))
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
