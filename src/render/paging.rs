//! Long lists cut into pages, as Hugo and Zola cut them: page 1 at the list's own URL,
//! page N at `…/page/N/`, each page linking to its neighbours (`rel="prev"`/`"next"`)
//! and to the first, the last and the pages around it.

use serde::Serialize;

use super::urls::Urls;

/// The site path of page `n` (from 1) of the list at site path `base` (`"articles/"`,
/// `"actors/nato/"`).
pub fn page_at(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{n}/")
    }
}

/// The site paths of every page of a list of `pages` pages at `base`.
pub fn all_pages(base: &str, pages: usize) -> impl Iterator<Item = String> + '_ {
    (1..=pages).map(move |n| page_at(base, n))
}

/// The items of page `n` (from 1) of `items`, `size` to a page.
pub fn slice<T>(items: &[T], n: usize, size: usize) -> &[T] {
    let start = (n.saturating_sub(1) * size).min(items.len());
    let end = (start + size).min(items.len());
    &items[start..end]
}

/// Where a reader is in a list of pages, and the links around it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Pager {
    /// This page's number, from 1.
    pub number: usize,
    /// How many pages the list has.
    pub total: usize,
    /// The previous page, if any.
    pub prev: Option<String>,
    /// The next page, if any.
    pub next: Option<String>,
    /// The first and last pages and those near this one, in order; `None` marks a gap.
    pub links: Vec<Option<PageLink>>,
}

/// A link to one page of a list.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PageLink {
    /// Its number.
    pub number: usize,
    /// Its URL, from the page it is shown on.
    pub url: String,
    /// Whether it is the page it is shown on.
    pub current: bool,
}

/// The pager of page `n` of `total` pages of the list at `base`, with links from
/// `urls`; `None` for a list of one page.
pub fn pager(urls: &Urls, base: &str, n: usize, total: usize) -> Option<Pager> {
    if total <= 1 {
        return None;
    }
    let link = |k: usize| urls.to(&page_at(base, k));
    let mut links = Vec::new();
    let mut last = 0;
    for k in 1..=total {
        // The first two, the last two, and two either side of this one.
        let near = k <= 2 || k + 2 > total || k.abs_diff(n) <= 2;
        if !near {
            continue;
        }
        if k > last + 1 {
            links.push(None);
        }
        links.push(Some(PageLink {
            number: k,
            url: link(k),
            current: k == n,
        }));
        last = k;
    }
    Some(Pager {
        number: n,
        total,
        prev: (n > 1).then(|| link(n - 1)),
        next: (n < total).then(|| link(n + 1)),
        links,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_one_is_the_list_itself() {
        assert_eq!(page_at("articles/", 1), "articles/");
        assert_eq!(page_at("actors/x/", 3), "actors/x/page/3/");
        let all: Vec<String> = all_pages("matrix/", 2).collect();
        assert_eq!(all, ["matrix/", "matrix/page/2/"]);
        assert_eq!(all_pages("a/", 0).count(), 0);
    }

    #[test]
    fn a_slice_is_a_page_of_items() {
        let items: Vec<usize> = (1..=7).collect();
        assert_eq!(slice(&items, 1, 3), [1, 2, 3]);
        assert_eq!(slice(&items, 3, 3), [7]);
        assert!(slice(&items, 4, 3).is_empty());
    }

    #[test]
    fn a_pager_links_its_neighbours_and_its_ends() {
        let urls = Urls::from_page("articles/page/5/");
        assert_eq!(pager(&urls, "articles/", 1, 1), None);
        let p = pager(&urls, "articles/", 5, 10).unwrap();
        assert_eq!(p.prev.as_deref(), Some("../../../articles/page/4/"));
        assert_eq!(p.next.as_deref(), Some("../../../articles/page/6/"));
        let shown: Vec<String> = p
            .links
            .iter()
            .map(|l| l.as_ref().map_or("…".into(), |l| l.number.to_string()))
            .collect();
        assert_eq!(shown, ["1", "2", "3", "4", "5", "6", "7", "…", "9", "10"]);
        assert!(p.links.iter().flatten().any(|l| l.current && l.number == 5));
        let first = pager(&Urls::from_page("articles/"), "articles/", 1, 2).unwrap();
        assert_eq!(first.prev, None);
        assert_eq!(first.links[0].as_ref().unwrap().url, "../articles/");
    }
}
