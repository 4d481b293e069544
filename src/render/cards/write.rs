//! Writing a site's cards: each one from the cache when it holds it, else drawn (on all
//! cores) and kept there; then placed in the output.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::Result;
use rayon::prelude::*;

use super::cache::Cache;
use super::{Drawer, cards_of};
use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::render::i18n::Strings;

/// How a build came by its cards.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Drawn {
    /// Cards drawn.
    pub drawn: usize,
    /// Cards taken from the cache.
    pub cached: usize,
}

impl Drawn {
    /// The line a build reports about its cards.
    pub fn note(&self) -> String {
        format!(
            "{} drawn, {} from the cache",
            crate::plural::counted(self.drawn, "card", "cards"),
            self.cached
        )
    }
}

/// Writes every card of `site` through `place` (its output path and the file to put
/// there), drawing only those `cache` does not hold, and removes from the cache the
/// cards the site no longer has. A card template that fails is a diagnostic (once).
pub fn write(
    site: &Site,
    t: &Strings,
    drawer: &Drawer,
    cache: &Cache,
    place: &(dyn Fn(&str, &Path) -> Result<()> + Sync),
) -> Result<Result<Drawn, Diagnostic>> {
    let cards = cards_of(site, t);
    let done: Vec<Result<(String, bool), Diagnostic>> = cards
        .par_iter()
        .map(
            |(path, card)| -> Result<Result<(String, bool), Diagnostic>> {
                let key = drawer.key(card);
                let (file, hit) = match cache.get(&key) {
                    Some(file) => (file, true),
                    None => match drawer.svg(card).and_then(|svg| drawer.draw(&svg)) {
                        Ok(png) => (cache.put(&key, &png)?, false),
                        Err(d) => return Ok(Err(d)),
                    },
                };
                place(path, &file)?;
                Ok(Ok((key, hit)))
            },
        )
        .collect::<Result<_>>()?;
    let mut drawn = Drawn::default();
    let mut keys = BTreeSet::new();
    for r in done {
        match r {
            Ok((key, hit)) => {
                if hit {
                    drawn.cached += 1;
                } else {
                    drawn.drawn += 1;
                }
                keys.insert(key);
            }
            Err(d) => return Ok(Err(d)),
        }
    }
    cache.prune(&keys)?;
    Ok(Ok(drawn))
}

/// A build's cards: those of the site at `root` (with its card template), for the
/// output folder `out` (the cache beside it), each put in place by `place`. Nothing,
/// and no cache folder, when the site draws no cards.
pub fn for_build(
    root: &Path,
    site: &Site,
    t: &Strings,
    out: &Path,
    place: &(dyn Fn(&str, &Path) -> Result<()> + Sync),
) -> Result<(Option<Drawn>, Vec<Diagnostic>)> {
    if !super::drawn(site) {
        return Ok((None, Vec::new()));
    }
    let (drawer, diags) = Drawer::load(root)?;
    let Some(drawer) = drawer else {
        return Ok((None, diags));
    };
    let cache = Cache::open(&super::cache::dir_for(out))?;
    Ok(match write(site, t, &drawer, &cache, place)? {
        Ok(drawn) => (Some(drawn), diags),
        Err(d) => (None, vec![d]),
    })
}

/// `check`'s look at the card template of the site at `root`, when it draws cards, or
/// has a template of its own that a build with a base URL (the Pages workflow's) would
/// draw them with: the template parses, and makes an SVG for the first card of each
/// kind (an article's, an actor's, a position's), so that a template `build` would stop
/// at fails `check` too. Not every card: drawing them is the build's work.
pub fn check(root: &Path, site: &Site, t: &Strings) -> Result<Vec<Diagnostic>> {
    let own = root.join("templates/card.svg").exists();
    if !site.cards || !(super::drawn(site) || own) {
        return Ok(Vec::new());
    }
    let (drawer, mut diags) = Drawer::load(root)?;
    let Some(drawer) = drawer else {
        return Ok(diags);
    };
    let mut seen = BTreeSet::new();
    for (_, card) in super::every_card(site, t) {
        if !seen.insert(card.kind.clone()) {
            continue;
        }
        if let Err(d) = drawer
            .svg(&card)
            .and_then(|svg| drawer.tree(&svg).map(drop))
        {
            diags.push(d);
            break;
        }
    }
    Ok(diags)
}
