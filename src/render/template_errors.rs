//! Tera's errors as diagnostics, each at the template file and line it is about.

use std::collections::BTreeMap;

use tera::{ErrorKind, Tera};

use crate::diagnostic::Diagnostic;

/// The diagnostics of a failure to load the templates `all` (name, text): one for each
/// syntax error of each template (Tera stops at the first template that does not parse,
/// so each is parsed alone to find them all), else one for each problem Tera found
/// once they parsed (unknown filters, tests and functions, missing includes, blocks).
pub fn loading(
    e: &tera::Error,
    all: &[(String, String)],
    origin: &BTreeMap<String, String>,
) -> Vec<Diagnostic> {
    // Each template parsed alone: its syntax error, if it has one.
    let alone: Vec<_> = all
        .iter()
        .map(|(name, text)| {
            let e = Tera::new().add_raw_template(name, text).err();
            (
                name,
                text,
                e.filter(|e| matches!(e.kind(), ErrorKind::SyntaxError(_))),
            )
        })
        .collect();
    if alone.iter().all(|(_, _, e)| e.is_none()) {
        return template_errors(e, origin, None);
    }
    let mut diags: Vec<Diagnostic> = alone
        .iter()
        .filter_map(|(_, _, e)| e.as_ref())
        .flat_map(|e| template_errors(e, origin, None))
        .collect();
    // What Tera checks once every template has parsed, in the same run: unknown
    // filters, tests and functions, and includes of templates that are nowhere. A
    // broken template stands in as its built-in default, or as an empty one, so that
    // what names it is not reported again.
    let broken: Vec<&str> = (alone.iter())
        .filter(|(_, _, e)| e.is_some())
        .map(|(n, ..)| n.as_str())
        .collect();
    let stand_in = |name: &str| {
        (super::templates::DEFAULTS.iter())
            .find(|(n, _)| *n == name)
            .map_or("", |(_, text)| *text)
    };
    let rest = alone.iter().map(|(n, t, e)| match e {
        None => (n.as_str(), t.as_str()),
        Some(_) => (n.as_str(), stand_in(n)),
    });
    let mut tera = Tera::new();
    super::i18n::register(&mut tera);
    if let Err(e) = tera.add_raw_templates(rest)
        && let ErrorKind::Msg(_) = e.kind()
    {
        let about_broken = |d: &Diagnostic| {
            broken.iter().any(|b| d.message.contains(&format!("`{b}`")))
                || (d.message.contains("is not defined in any parent template")
                    && broken.iter().any(|b| stand_in(b).is_empty()))
        };
        diags.extend(
            template_errors(&e, origin, None)
                .into_iter()
                .filter(|d| !about_broken(d)),
        );
    }
    diags
}

/// A Tera error as a diagnostic on the template's file and line.
pub fn template_error(
    e: &tera::Error,
    origin: &BTreeMap<String, String>,
    fallback: Option<&str>,
) -> Diagnostic {
    template_errors(e, origin, fallback).remove(0)
}

/// A Tera error as diagnostics on the template files and lines: one, or one for each
/// report of the message Tera joins its checks' reports into.
fn template_errors(
    e: &tera::Error,
    origin: &BTreeMap<String, String>,
    fallback: Option<&str>,
) -> Vec<Diagnostic> {
    let at = |name: &str, line: usize, message: &str| {
        let path = origin
            .get(name)
            .cloned()
            .or_else(|| fallback.and_then(|f| origin.get(f).cloned()))
            .unwrap_or_else(|| format!("templates/{name}"));
        Diagnostic::error(
            path,
            Some(line),
            format!("template error: {}", message.replace('\n', " ")),
        )
    };
    match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            vec![at(r.filename(), r.span().start_line, r.message())]
        }
        ErrorKind::MissingParent { current, .. }
        | ErrorKind::CircularExtend { tpl: current, .. }
        | ErrorKind::CircularInclude { tpl: current, .. } => vec![at(current, 1, &e.to_string())],
        ErrorKind::Msg(text) => {
            let reports = reports(text);
            if reports.is_empty() {
                vec![at(fallback.unwrap_or(""), 1, text)]
            } else {
                reports
                    .into_iter()
                    .map(|(name, line, message)| at(name, line, message))
                    .collect()
            }
        }
        _ => vec![at(fallback.unwrap_or(""), 1, &e.to_string())],
    }
}

/// The reports of a message Tera makes of several, each `error: MESSAGE` followed by
/// ` --> NAME:LINE:COLUMN` (and the lines it quotes): its name, line and message. Read
/// from the text because Tera 2 joins its template checks into one message of this
/// form and keeps no other record of them.
fn reports(text: &str) -> Vec<(&str, usize, &str)> {
    let mut out = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(message) = line.strip_prefix("error: ") else {
            continue;
        };
        let place = lines
            .peek()
            .and_then(|l| l.trim_start().strip_prefix("--> "))
            .and_then(|p| {
                let mut parts = p.rsplitn(3, ':');
                let _column = parts.next()?;
                let line = parts.next()?.parse().ok()?;
                Some((parts.next()?, line))
            });
        if let Some((name, line)) = place {
            out.push((name, line, message));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_report_of_a_joined_message_is_a_diagnostic_at_its_line() {
        let mut tera = Tera::new();
        let e = tera
            .add_raw_templates([
                ("a.html", "<p>\n{{ x | nofilter }}\n{{ y | other }}"),
                ("b.html", "{% if x is nothing %}{% endif %}"),
            ])
            .unwrap_err();
        let origin = BTreeMap::from([
            ("a.html".to_string(), "templates/a.html".to_string()),
            ("b.html".to_string(), "templates/b.html".to_string()),
        ]);
        let mut got: Vec<String> = template_errors(&e, &origin, None)
            .iter()
            .map(|d| d.to_string())
            .collect();
        got.sort();
        assert_eq!(
            got,
            [
                "error: templates/a.html:2: template error: Unknown filter `nofilter`",
                "error: templates/a.html:3: template error: Unknown filter `other`",
                "error: templates/b.html:1: template error: Unknown test `nothing`",
            ]
        );
    }

    #[test]
    fn a_syntax_error_of_each_template_is_reported() {
        let all = vec![
            ("a.html".to_string(), "{% if %}".to_string()),
            ("b.html".to_string(), "ok\n{{ }}".to_string()),
            ("c.html".to_string(), "{{ x | nofilter }}".to_string()),
        ];
        let e = Tera::new()
            .add_raw_templates(all.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .unwrap_err();
        let origin = BTreeMap::new();
        let files: Vec<(String, Option<usize>)> = loading(&e, &all, &origin)
            .into_iter()
            .map(|d| (d.path.clone(), d.line))
            .collect();
        assert_eq!(
            files,
            [
                ("templates/a.html".to_string(), Some(1)),
                ("templates/b.html".to_string(), Some(2)),
                ("templates/c.html".to_string(), Some(1)),
            ]
        );
    }
}
