//! Share cards: a 1200×630 PNG for every article, actor and position (its kind, its
//! title, the site's name, and for a position the tally of its stances), drawn from the
//! SVG template `card.svg` with resvg and the faces shipped in the binary (no system
//! fonts: the same bytes on every machine). Pages name their card in `og:image`.

pub mod cache;
mod encode;
pub mod fit;
pub mod write;

pub use encode::encode;

use std::path::Path;
use std::sync::Arc;

use anyhow::{Context as _, Result};
use resvg::{tiny_skia, usvg};
use serde::Serialize;

use super::i18n::Strings;
use crate::diagnostic::Diagnostic;
use crate::model::{Site, StanceKind};
use fit::{Block, Measure};

/// A card's width in pixels.
pub const WIDTH: u32 = 1200;
/// A card's height in pixels.
pub const HEIGHT: u32 = 630;
/// The space kept clear around a card's text, in pixels.
pub const MARGIN: f32 = 80.0;
/// The file name of a page's card, beside its `index.html`.
pub const FILE: &str = "card.png";

/// The built-in card template.
pub const DEFAULT_TEMPLATE: &str = include_str!("../../../templates/card.svg");

/// What a card shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    /// What kind of page it is for: `Article`, `Actor`, `Position` (from the tables).
    pub kind: String,
    /// The page's title.
    pub title: String,
    /// The site's name.
    pub site: String,
    /// For a position: how many actors hold each stance, in words and numbers.
    pub tally: Option<String>,
    /// Whether the site's language is written right to left.
    pub rtl: bool,
}

/// Draws cards: the template and the fonts, loaded once and shared by every thread.
pub struct Drawer {
    tera: tera::Tera,
    /// The template's text, which keys the cache with what each card shows.
    template: String,
    origin: String,
    options: usvg::Options<'static>,
    measure: Measure,
}

/// What the card template is given.
#[derive(Serialize)]
struct Layout<'a> {
    width: u32,
    height: u32,
    margin: f32,
    inner: f32,
    /// Where each line starts (its end, right to left).
    x: f32,
    anchor: &'a str,
    dir: &'a str,
    kind: Block,
    title: Block,
    tally: Option<Block>,
    rule: f32,
    site: Block,
}

impl Drawer {
    /// The drawer of the site at `root`: its `templates/card.svg`, or the built-in one.
    /// A template that does not parse is a diagnostic at its line.
    pub fn load(root: &Path) -> Result<(Option<Drawer>, Vec<Diagnostic>)> {
        let path = root.join("templates").join("card.svg");
        let (origin, text) = if path.is_file() {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("failed to read {}", path.display()))?;
            ("templates/card.svg".to_string(), text)
        } else {
            (
                "templates/card.svg (built-in)".to_string(),
                DEFAULT_TEMPLATE.to_string(),
            )
        };
        match Drawer::new(&text) {
            Ok(d) => Ok((
                Some(Drawer {
                    origin: origin.clone(),
                    ..d
                }),
                Vec::new(),
            )),
            Err(e) => {
                let origins = [("card.svg".to_string(), origin)].into();
                Ok((
                    None,
                    vec![super::templates::template_error(
                        &e,
                        &origins,
                        Some("card.svg"),
                    )],
                ))
            }
        }
    }

    /// A drawer with the card template `template`.
    pub fn new(template: &str) -> Result<Drawer, tera::Error> {
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".svg"]);
        tera.add_raw_template("card.svg", template)?;
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(fit::MAIN.to_vec());
        db.load_font_data(fit::FALLBACK.to_vec());
        db.set_serif_family("Charis SIL");
        db.set_sans_serif_family("Charis SIL");
        let options = usvg::Options {
            font_family: "Charis SIL".into(),
            fontdb: Arc::new(db),
            ..usvg::Options::default()
        };
        Ok(Drawer {
            tera,
            template: template.to_string(),
            origin: "templates/card.svg (built-in)".into(),
            options,
            measure: Measure::new(),
        })
    }

    /// The cache key of `card`: its template and all it shows (see `cache::key`).
    pub fn key(&self, card: &Card) -> String {
        let tally = card.tally.as_deref().unwrap_or_default();
        let flags = [u8::from(card.rtl), u8::from(card.tally.is_some())];
        cache::key(&[
            self.template.as_bytes(),
            card.kind.as_bytes(),
            card.title.as_bytes(),
            card.site.as_bytes(),
            tally.as_bytes(),
            &flags,
        ])
    }

    /// The card's SVG: its text fitted into lines, through the template.
    pub fn svg(&self, card: &Card) -> Result<String, Diagnostic> {
        let inner = WIDTH as f32 - 2.0 * MARGIN;
        let m = &self.measure;
        let bottom = HEIGHT as f32 - MARGIN;
        let site = m.fit(
            &card.site,
            &[34.0, 28.0, 22.0],
            inner,
            bottom - 40.0,
            bottom,
        );
        let rule = bottom - 70.0;
        let tally = card
            .tally
            .as_ref()
            .map(|t| m.fit(t, &[34.0, 28.0, 22.0], inner, rule - 70.0, rule - 20.0));
        let title_bottom = tally.as_ref().map_or(rule - 24.0, |_| rule - 90.0);
        let kind = m.fit(
            &card.kind,
            &[32.0, 26.0, 20.0],
            inner,
            MARGIN,
            MARGIN + 40.0,
        );
        let title = m.fit(
            &card.title,
            &[76.0, 68.0, 60.0, 52.0, 44.0, 38.0],
            inner,
            MARGIN + 72.0,
            title_bottom,
        );
        let layout = Layout {
            width: WIDTH,
            height: HEIGHT,
            margin: MARGIN,
            inner,
            x: if card.rtl {
                WIDTH as f32 - MARGIN
            } else {
                MARGIN
            },
            anchor: if card.rtl { "end" } else { "start" },
            dir: if card.rtl { "rtl" } else { "ltr" },
            kind,
            title,
            tally,
            rule,
            site,
        };
        let context = tera::Context::from_serialize(&layout).map_err(|e| self.error(&e))?;
        self.tera
            .render("card.svg", &context)
            .map_err(|e| self.error(&e))
    }

    fn error(&self, e: &tera::Error) -> Diagnostic {
        let origins = [("card.svg".to_string(), self.origin.clone())].into();
        super::templates::template_error(e, &origins, Some("card.svg"))
    }

    /// The card's SVG, parsed and laid out (its text made into outlines).
    pub fn tree(&self, svg: &str) -> Result<usvg::Tree, Diagnostic> {
        usvg::Tree::from_str(svg, &self.options).map_err(|e| {
            Diagnostic::error(
                self.origin.clone(),
                Some(1),
                format!("the card template does not make an SVG: {e}"),
            )
        })
    }

    /// The card's PNG, from its SVG.
    pub fn draw(&self, svg: &str) -> Result<Vec<u8>, Diagnostic> {
        let tree = self.tree(svg)?;
        let mut pixmap = tiny_skia::Pixmap::new(WIDTH, HEIGHT).expect("a card has a size");
        resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
        Ok(encode(&pixmap))
    }
}

/// The site path of the card of the page at site path `page` (`articles/x/`).
pub fn path_of(page: &str) -> String {
    format!("{page}{FILE}")
}

/// Every card of the site, by output path, sorted: one for each article, actor and
/// position, when the site has cards (`cards`, on unless `site.toml` turns it off) and
/// a base URL (without one no page can name its card: `og:image` is an absolute URL).
pub fn cards_of(site: &Site, t: &Strings) -> Vec<(String, Card)> {
    if !drawn(site) {
        return Vec::new();
    }
    every_card(site, t)
}

/// Every card the site would have with a base URL, by output path, sorted.
pub fn every_card(site: &Site, t: &Strings) -> Vec<(String, Card)> {
    let rtl = t.get("dir") == "rtl";
    let card = |kind: &str, title: &str, tally: Option<String>| Card {
        kind: t.get(kind).to_string(),
        title: title.to_string(),
        site: site.title.clone(),
        tally,
        rtl,
    };
    let page = super::urls::page_path;
    let mut out: Vec<(String, Card)> = Vec::new();
    for (slug, a) in &site.articles {
        out.push((
            path_of(&page("articles", slug)),
            card("card_article", &a.title, None),
        ));
    }
    for (slug, a) in &site.actors {
        out.push((
            path_of(&page("actors", slug)),
            card("card_actor", &a.name, None),
        ));
    }
    for (slug, p) in &site.positions {
        let tally = tally(t, p.stances.iter().map(|s| s.stance));
        out.push((
            path_of(&page("positions", slug)),
            card("card_position", &p.title, Some(tally)),
        ));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The output path of every card of the site.
pub fn paths(site: &Site) -> impl Iterator<Item = String> + '_ {
    let page = super::urls::page_path;
    let on = drawn(site);
    let articles = site.articles.keys().map(move |s| page("articles", s));
    let actors = site.actors.keys().map(move |s| page("actors", s));
    let positions = site.positions.keys().map(move |s| page("positions", s));
    articles
        .chain(actors)
        .chain(positions)
        .filter(move |_| on)
        .map(|p| path_of(&p))
}

/// Whether the site's cards are drawn.
pub fn drawn(site: &Site) -> bool {
    site.cards && site.base_url.is_some()
}

/// How many stances of each kind, in words and numbers: `Supports: 3 · Opposes: 1`.
pub fn tally(t: &Strings, stances: impl Iterator<Item = StanceKind>) -> String {
    let mut counts = [0usize; 4];
    for s in stances {
        counts[s as usize] += 1;
    }
    let kinds = [
        StanceKind::Supports,
        StanceKind::Opposes,
        StanceKind::Mixed,
        StanceKind::Unclear,
    ];
    let parts: Vec<String> = kinds
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| {
            t.fill(
                "card_tally_item",
                &[("stance", t.stance(*k)), ("n", &n.to_string())],
            )
        })
        .collect();
    if parts.is_empty() {
        t.get("no_stances_yet").to_string()
    } else {
        parts.join(" · ")
    }
}

/// What the card of a page shows, said for `og:image:alt`: its kind, title and site,
/// and a position's tally, as the card draws them.
pub fn alt(t: &Strings, kind: &str, title: &str, site: &Site, tally: Option<&str>) -> String {
    let said = t.fill(
        "card_alt",
        &[
            ("kind", t.get(kind)),
            ("title", title),
            ("site", &site.title),
        ],
    );
    match tally {
        Some(tally) => format!("{said} · {tally}"),
        None => said,
    }
}

/// The `og:image` of the page at site path `page`, when the site draws cards: its card,
/// by absolute URL.
pub fn social(
    site: &Site,
    t: &Strings,
    page: &str,
    kind: &str,
    title: &str,
    tally: Option<String>,
) -> Option<super::images::SocialImage> {
    if !drawn(site) {
        return None;
    }
    let base = site.base_url.as_deref()?;
    Some(super::images::SocialImage {
        url: format!("{base}{}", path_of(page)),
        width: WIDTH,
        height: HEIGHT,
        alt: alt(t, kind, title, site, tally.as_deref()),
    })
}
