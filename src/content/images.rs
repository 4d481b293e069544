//! The pictures of front matter (the `image` of an article or actor), checked against
//! the site: a file under `static/`, whose size in pixels is read from its header, or
//! an https URL on a host that `[images] allow` of `site.toml` names, whose size is
//! given. Its keys and values alone were checked when the file was parsed.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use rayon::prelude::*;
use toml::Spanned;

use super::front::{ImageFront, SiteFront};
use super::measure::{Unread, is_svg, measure, scaled};
use super::{LineMap, RawSite, values};
use crate::diagnostic::Diagnostic;

#[path = "logo.rs"]
mod logo;

/// A picture, checked and measured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// Where it is.
    pub src: ImageSrc,
    /// What it shows, for readers who cannot see it.
    pub alt: String,
    /// Who made it, as written.
    pub credit: Option<String>,
    /// Its width in pixels.
    pub width: u32,
    /// Its height in pixels.
    pub height: u32,
    /// The width and height of the file itself, as browsers show it: what Open Graph
    /// and schema.org ask for, where `width` and `height` are the size it is shown at.
    /// As given, for a picture whose file is not read (an SVG, another host's).
    pub pixels: (u32, u32),
}

/// Where a picture is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageSrc {
    /// A file of `static/`: its path from there, `/`-separated (its path in the output).
    Static(String),
    /// An https URL on an allowed host.
    Remote(String),
}

/// The pictures of a site, by the content file (relative to the root) whose `image`
/// they are.
pub type Images = BTreeMap<String, Image>;

/// What checking one `image` gave: its file, the picture, and its problems.
type Checked = (String, Option<Image>, Vec<Diagnostic>);

/// An `image` to check: the file it is in, and, for an article, its `image_credit`.
struct Job<'a> {
    path: &'a str,
    lines: &'a LineMap,
    image: &'a Spanned<ImageFront>,
    credit: Option<&'a Spanned<String>>,
}

/// The hosts of `[images] allow` (well-formed ones; the others were reported when
/// `site.toml` was read), as `values::host` writes them.
pub fn allowed_hosts(site: &SiteFront) -> Vec<String> {
    (site.images.allow.iter())
        .filter_map(|h| values::host(h.get_ref()).ok())
        .collect()
}

/// Checks and measures the `image` of every article and actor of `raw`.
pub(super) fn check(root: &Path, raw: &RawSite) -> (Images, Vec<Diagnostic>) {
    let mut jobs = Vec::new();
    for f in raw.articles.iter() {
        if let Some(image) = &f.front.image {
            jobs.push(Job {
                path: &f.path,
                lines: &f.lines,
                image,
                credit: f.front.image_credit.as_ref(),
            });
        }
    }
    for f in raw.actors.iter() {
        if let Some(image) = &f.front.image {
            jobs.push(Job {
                path: &f.path,
                lines: &f.lines,
                image,
                credit: None,
            });
        }
    }
    let mut early = Vec::new();
    let logo = raw
        .site
        .as_ref()
        .and_then(|s| logo::logo_image(s, &raw.site_lines, &mut early));
    if let Some(logo) = &logo {
        jobs.push(Job {
            path: SITE_TOML,
            lines: &raw.site_lines,
            image: logo,
            credit: None,
        });
    }
    if jobs.is_empty() {
        return (Images::new(), early);
    }
    // Without a site.toml that parses, no host is known to be allowed or refused.
    let allow = raw.site.as_ref().map(allowed_hosts);
    let inside = root.canonicalize().ok();
    let site = Site {
        root,
        inside: inside.as_deref(),
        allow: allow.as_deref(),
    };
    // Each job's picture (or none) and its problems, in the order of the jobs.
    let done: Vec<Checked> = jobs
        .par_iter()
        .map(|job| {
            let mut diags = Vec::new();
            let image = site.image(job, &mut diags);
            (job.path.to_string(), image, diags)
        })
        .collect();
    let mut images = Images::new();
    let mut diags = early;
    for (path, image, more) in done {
        if let Some(image) = image {
            images.insert(path, image);
        }
        diags.extend(more);
    }
    (images, diags)
}

/// The file whose `image` the publisher's logo is.
pub const SITE_TOML: &str = "content/site.toml";

/// What checking a picture needs to know of the site.
struct Site<'a> {
    root: &'a Path,
    /// The site's folder with every link resolved, when it can be.
    inside: Option<&'a Path>,
    /// The allowed hosts, when `site.toml` parsed.
    allow: Option<&'a [String]>,
}

/// A problem of one picture: the message and its hint.
type Problem = (String, String);

const FROM_STATIC: &str =
    "save the picture under static/ and give its path from there, e.g. src = \"images/lead.jpg\"";
const GIVE_SIZE: &str = "its size in pixels, e.g. width = 1200, height = 800";

impl Site<'_> {
    /// The picture of `job`, or `None` with its problems in `diags`.
    fn image(&self, job: &Job<'_>, diags: &mut Vec<Diagnostic>) -> Option<Image> {
        let f = job.image.get_ref();
        let line = |span: Range<usize>| Some(job.lines.line(span.start));
        let mut report = |line: Option<usize>, (message, hint): Problem| {
            diags.push(Diagnostic::error(job.path, line, message).with_hint(Some(hint)));
        };
        let credit = match (&f.credit, job.credit) {
            (Some(_), Some(other)) => {
                report(
                    line(other.span()),
                    (
                        "image_credit and the credit of image both say who made the picture".into(),
                        "keep one of them".into(),
                    ),
                );
                None
            }
            (Some(c), None) => Some(c.clone()),
            (None, c) => c.map(|c| c.get_ref().clone()),
        };
        let given = (
            f.width.as_ref().map(|w| *w.get_ref()),
            f.height.as_ref().map(|h| *h.get_ref()),
        );
        let raw = f.src.get_ref();
        let (src, measured) = match self.src(raw, given) {
            Ok(found) => found,
            Err(Fault::Reported) => return None,
            Err(Fault::Src(p)) => {
                report(line(f.src.span()), p);
                return None;
            }
            Err(Fault::Size(p)) => {
                report(line(job.image.span()), p);
                return None;
            }
        };
        let (width, height) = match (given, measured) {
            ((Some(w), Some(h)), _) => (w, h),
            ((Some(w), None), Some((mw, mh))) => (w, scaled(w, mw, mh)),
            ((None, Some(h)), Some((mw, mh))) => (scaled(h, mh, mw), h),
            (_, Some(size)) => size,
            // `src` asks for both sizes where nothing is measured.
            (_, None) => return None,
        };
        Some(Image {
            src,
            pixels: measured.unwrap_or((width, height)),
            alt: f.alt.get_ref().trim().to_string(),
            credit: credit
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty()),
            width,
            height,
        })
    }

    /// Where the picture `raw` is, and its size in pixels when it was read (the sizes
    /// `given` are required where it is not).
    fn src(
        &self,
        raw: &str,
        given: (Option<u32>, Option<u32>),
    ) -> Result<(ImageSrc, Option<(u32, u32)>), Fault> {
        let s = raw.trim();
        let both = given.0.is_some() && given.1.is_some();
        if s.get(..8)
            .is_some_and(|p| p.eq_ignore_ascii_case("https://"))
        {
            let url = self.remote(raw)?;
            if !both {
                return Err(Fault::Size((
                    format!(
                        "image src \"{raw}\" is on another host, so the build cannot read its size: give width and height"
                    ),
                    GIVE_SIZE.into(),
                )));
            }
            return Ok((ImageSrc::Remote(url), None));
        }
        let neither = || {
            Fault::Src((
                format!("image src \"{raw}\" is neither a file under static/ nor an https:// URL"),
                FROM_STATIC.into(),
            ))
        };
        // A scheme (`http:`, `data:`), or `//host/…`.
        let scheme = s.find(':').is_some_and(|c| !s[..c].contains('/'));
        if scheme || s.starts_with("//") {
            return Err(neither());
        }
        // The path from static/ (the root of the site: a leading `/` says the same).
        let mut parts = Vec::new();
        for part in s.split('/').filter(|p| !p.is_empty() && *p != ".") {
            // `img/../img/a.png` is `img/a.png`; only a `..` above static/ leads out.
            if part == ".." && parts.pop().is_none() {
                return Err(Fault::Src((
                    format!("image src \"{raw}\" leads out of static/"),
                    "give the path from static/, e.g. src = \"images/lead.jpg\"".into(),
                )));
            }
            if part != ".." {
                parts.push(part);
            }
        }
        if parts.is_empty() {
            return Err(neither());
        }
        let path = parts.join("/");
        let shown = format!("static/{path}");
        let full = self.root.join("static").join(&path);
        let at = |what: &str, hint: &str| {
            Fault::Src((format!("image src \"{raw}\": {what}"), hint.to_string()))
        };
        let Ok(meta) = std::fs::metadata(&full) else {
            if super::folder_to_read(self.root, "static").is_err() {
                return Err(Fault::Reported);
            }
            // `static/images/a.jpg` for `images/a.jpg`: the path from the site's folder.
            let from_root = (parts.first() == Some(&"static") && parts.len() > 1)
                .then(|| parts[1..].join("/"))
                .filter(|rest| self.root.join("static").join(rest).is_file());
            let hint = match from_root {
                Some(rest) => format!("write src = \"{rest}\": the path is read from static/"),
                None => "save the picture there, or correct the path, which is read from static/"
                    .to_string(),
            };
            return Err(at(&format!("there is no file {shown}"), &hint));
        };
        if meta.is_dir() {
            return Err(at(
                &format!("{shown} is a folder, not a picture"),
                FROM_STATIC,
            ));
        }
        let outside = self
            .inside
            .is_some_and(|root| full.canonicalize().is_ok_and(|f| !f.starts_with(root)));
        if outside {
            return Err(at(
                &format!("{shown} is a symbolic link that leads outside the site's folder"),
                "copy the picture into static/",
            ));
        }
        let svg = path
            .rsplit_once('.')
            .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("svg"));
        if svg {
            if !both {
                return Err(Fault::Size((
                    format!(
                        "image src \"{raw}\" is an SVG, whose size in pixels the build does not read: give width and height"
                    ),
                    GIVE_SIZE.into(),
                )));
            }
            return match is_svg(&full) {
                Ok(true) => Ok((ImageSrc::Static(path), None)),
                Ok(false) => Err(at(
                    &format!("{shown} is not an SVG image: no <svg> element in the SVG namespace"),
                    "save the picture again as SVG, or as PNG, JPEG, WebP or AVIF",
                )),
                Err(e) => Err(at(
                    &format!("{shown} cannot be read ({e})"),
                    "make the file readable",
                )),
            };
        }
        match measure(&full) {
            Ok(size) => Ok((ImageSrc::Static(path), Some(size))),
            Err(Unread::Format) => Err(at(
                &format!(
                    "{shown} is not a PNG, JPEG, GIF, WebP or AVIF image, so its size cannot be read"
                ),
                "save it in one of these formats (an SVG needs width and height)",
            )),
            Err(Unread::Heic) => Err(at(
                &format!("{shown} is a HEIC image, which most browsers do not show"),
                "save it as JPEG, PNG, WebP or AVIF",
            )),
            Err(Unread::Damaged) => Err(at(
                &format!("{shown} is cut short or damaged, so its size cannot be read"),
                "save the picture again",
            )),
            Err(Unread::Io(e)) => Err(at(
                &format!("{shown} cannot be read ({e})"),
                "make the file readable",
            )),
        }
    }

    /// The https URL `raw`, when it is a valid one on an allowed host.
    fn remote(&self, raw: &str) -> Result<String, Fault> {
        if let Some((message, _)) = values::url_problem("image src", raw) {
            return Err(Fault::Src((
                message,
                "write the whole address, e.g. https://upload.wikimedia.org/…".into(),
            )));
        }
        let Ok(url) = url::Url::parse(raw.trim()) else {
            return Err(Fault::Src((
                format!("image src \"{raw}\" is not a valid URL"),
                FROM_STATIC.into(),
            )));
        };
        let host = url
            .host_str()
            .unwrap_or_default()
            .trim_end_matches('.')
            .to_lowercase();
        // The page's policy names the host alone, which allows https's own port only.
        if let Some(port) = url.port() {
            return Err(Fault::Src((
                format!(
                    "image src \"{raw}\" names port {port}, and pages load pictures from other hosts on https's own port only"
                ),
                "remove the port, or save the picture under static/ and give its path".into(),
            )));
        }
        let allowed = self
            .allow
            .is_none_or(|allow| allow.iter().any(|a| values::host_allowed(&host, a)));
        if !allowed {
            return Err(Fault::Src((
                format!(
                    "image src \"{raw}\" is on {host}, and pages load nothing from other hosts unless content/site.toml allows it"
                ),
                format!(
                    "save the picture under static/ and give its path, or allow its host in content/site.toml: [images] allow = [\"{host}\"]"
                ),
            )));
        }
        Ok(url.to_string())
    }
}

/// What is wrong with a picture: its `src`, or the sizes it lacks.
enum Fault {
    /// Reported already: `static/` is a file, which the build reports at its name.
    Reported,
    /// Reported at the `src` key.
    Src(Problem),
    /// Reported at the `image` key.
    Size(Problem),
}
