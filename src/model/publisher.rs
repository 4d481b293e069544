//! Who publishes the site (`[publisher]` of `site.toml`), and the warning for a site
//! whose fact-checks would name no one.

use crate::content::RawSite;
use crate::content::front::AnnotationKind;
use crate::content::images::SITE_TOML;
use crate::diagnostic::Diagnostic;

use super::Publisher;

/// The site's publisher. A site
/// with fact-checks and no `[publisher]` gets a warning in `diags`, at the first line
/// of `site.toml` (the file that lacks it).
pub(super) fn publisher(raw: &RawSite, diags: &mut Vec<Diagnostic>) -> Option<Publisher> {
    let site = raw.site.as_ref()?;
    let Some(front) = &site.publisher else {
        let fact_checks = raw
            .annotations
            .iter()
            .filter(|a| a.front.kind == AnnotationKind::FactCheck)
            .count();
        if fact_checks > 0 {
            diags.push(
                Diagnostic::warning(
                    SITE_TOML,
                    Some(1),
                    format!(
                        "the site has {fact_checks} fact-check{} but no [publisher]: search engines show a fact-check only with its author",
                        if fact_checks == 1 { "" } else { "s" }
                    ),
                )
                .with_hint(Some(
                    "add [publisher] with name = \"…\" (the newsroom), and url = \"https://…\" unless it is the base URL"
                        .into(),
                )),
            );
        }
        return None;
    };
    let front = front.get_ref();
    Some(Publisher {
        name: front.name.get_ref().trim().to_string(),
        url: front.url.as_ref().map(|u| u.get_ref().trim().to_string()),
        logo: raw.images.get(SITE_TOML).cloned(),
    })
}
