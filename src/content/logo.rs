//! The publisher's logo (`[publisher] logo` of `site.toml`), checked as an `image` of
//! its own.

use toml::Spanned;

use super::SITE_TOML;
use crate::content::LineMap;
use crate::content::front::{ImageFront, SiteFront};
use crate::diagnostic::Diagnostic;

/// The `logo` of `[publisher]` as an `image` to check (its `alt` the publisher's name),
/// when it names a file: a URL is refused into `diags`.
pub(super) fn logo_image(
    site: &SiteFront,
    lines: &LineMap,
    diags: &mut Vec<Diagnostic>,
) -> Option<Spanned<ImageFront>> {
    let publisher = site.publisher.as_ref()?.get_ref();
    let logo = publisher.logo.as_ref()?;
    if logo.get_ref().contains("://") {
        diags.push(
            Diagnostic::error(
                SITE_TOML,
                Some(lines.line(logo.span().start)),
                format!("publisher logo \"{}\" is not a file under static/", logo.get_ref()),
            )
            .with_hint(Some(
                "save the logo under static/ and give its path from there, e.g. logo = \"logo.png\""
                    .into(),
            )),
        );
        return None;
    }
    // Its size is read from its file, and an SVG has none to read (nor would search
    // engines show one as a logo): `width` and `height`, which an SVG `image` takes,
    // `logo` does not.
    if logo.get_ref().to_ascii_lowercase().ends_with(".svg") {
        diags.push(
            Diagnostic::error(
                SITE_TOML,
                Some(lines.line(logo.span().start)),
                format!("publisher logo \"{}\" is an SVG", logo.get_ref()),
            )
            .with_hint(Some(
                "save the logo as a PNG, JPEG, GIF or WebP under static/".into(),
            )),
        );
        return None;
    }
    Some(Spanned::new(
        logo.span(),
        ImageFront {
            src: logo.clone(),
            alt: publisher.name.clone(),
            credit: None,
            width: None,
            height: None,
        },
    ))
}
