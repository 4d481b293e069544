//! Dated updates: what changed on an article, actor, position or annotation, and when.
//! Each is checked where it is written (its date a whole day, its text's links like any
//! body's; an article's never before the article itself) and kept newest first.

use toml::Spanned;

use super::resolve::Ctx;
use crate::content::SourceFile;
use crate::content::front::UpdateFront;
use crate::markdown::RawHtml;

/// One dated update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Update {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// What changed, Markdown.
    pub text: String,
    /// How its raw HTML shows: as text in an article's (as in the article's body), kept
    /// for the sanitizer elsewhere (as in a profile).
    pub html: RawHtml,
}

/// The day of a TOML date (a date with a time keeps its day; a time alone has none and
/// was reported when the file was read), as `YYYY-MM-DD`.
pub fn day(value: &toml::value::Datetime) -> Option<String> {
    let d = value.date?;
    Some(format!("{:04}-{:02}-{:02}", d.year, d.month, d.day))
}

/// The updates of `file`, newest first (those of one day, the last written first), their
/// texts' links checked, raw HTML as `html` says. An article's (`not_before` its date)
/// must not predate it.
pub(super) fn resolve<F>(
    cx: &mut Ctx<'_>,
    file: &SourceFile<F>,
    written: &[Spanned<UpdateFront>],
    not_before: Option<&str>,
    html: RawHtml,
) -> Vec<Update> {
    let mut out = Vec::with_capacity(written.len());
    // Asked of the clock once per file, and only of a file with updates.
    let today = std::cell::OnceCell::new();
    for u in written {
        let u = u.get_ref();
        let text = u.text.get_ref();
        cx.wikilinks(&file.path, text, html, &|at| {
            file.string_line_at(u.text.span(), text, at)
        });
        let Some(date) = day(u.date.get_ref()) else {
            continue;
        };
        // A day to come is a slip of the keyboard more often than a plan: pages, the
        // feed and the sitemap would all say the page changed then.
        let today = today.get_or_init(crate::new::today);
        if date > *today {
            cx.diags.push(crate::Diagnostic::warning(
                &file.path,
                Some(file.line(u.date.span())),
                format!("the update of {date} is dated after today ({today})"),
            ));
        }
        if let Some(first) = not_before.filter(|first| date.as_str() < *first) {
            cx.error(
                file,
                Some(u.date.span()),
                format!("the update of {date} is dated before the article itself ({first})"),
            );
        }
        out.push(Update {
            date,
            text: text.trim().to_string(),
            html,
        });
    }
    // Newest first: of one day, the one written last (a file lists its updates as they
    // come, as `import --revise` adds them).
    out.reverse();
    out.sort_by(|a, b| b.date.cmp(&a.date));
    out
}

/// The day of the latest of `updates` (kept newest first).
pub fn latest(updates: &[Update]) -> Option<&str> {
    updates.first().map(|u| u.date.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latest_is_the_first_of_updates_kept_newest_first() {
        let u = |d: &str| Update {
            date: d.into(),
            text: "t".into(),
            html: RawHtml::Keep,
        };
        assert_eq!(
            latest(&[u("2025-08-20"), u("2025-08-19")]),
            Some("2025-08-20")
        );
        assert_eq!(latest(&[]), None);
    }

    #[test]
    fn a_day_is_read_from_a_date_or_a_date_with_a_time() {
        let d: toml::value::Datetime = "2025-08-19".parse().unwrap();
        assert_eq!(day(&d).as_deref(), Some("2025-08-19"));
        let d: toml::value::Datetime = "2025-08-19T10:00:00Z".parse().unwrap();
        assert_eq!(day(&d).as_deref(), Some("2025-08-19"));
        let d: toml::value::Datetime = "10:00:00".parse().unwrap();
        assert_eq!(day(&d), None);
    }
}
