//! The one helper for links: every page links to others through a prefix that climbs
//! from its own folder to the site root, so links are relative and work under any path.

/// Links as seen from one page.
#[derive(Debug, Clone)]
pub struct Urls {
    root: String,
}

impl Urls {
    /// Links from the page at site path `page` (`""`, `"actors/"`, `"actors/nato/"`).
    pub fn from_page(page: &str) -> Urls {
        let depth = page.matches('/').count();
        Urls {
            root: "../".repeat(depth),
        }
    }

    /// Absolute links under `base_url` (for `404.html`, served at any depth).
    pub fn absolute(base_url: &str) -> Urls {
        Urls {
            root: base_url.to_string(),
        }
    }

    /// The prefix that leads to the site root (`""`, `"../../"` or a base URL).
    pub fn root(&self) -> &str {
        &self.root
    }

    /// A link to site path `target` (`""` is the home page).
    pub fn to(&self, target: &str) -> String {
        let url = [self.root.as_str(), target].concat();
        if url.is_empty() {
            "./".to_string()
        } else {
            url
        }
    }
}

/// The site path of an article, actor or position page.
pub fn page_path(section: &str, slug: &str) -> String {
    [section, "/", slug, "/"].concat()
}

/// The output file of a site path: folders get `index.html`.
pub fn file_of(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        [path, "index.html"].concat()
    } else {
        path.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn climbs_to_the_root_from_any_depth() {
        assert_eq!(Urls::from_page("").to("actors/x/"), "actors/x/");
        assert_eq!(Urls::from_page("").to(""), "./");
        assert_eq!(Urls::from_page("actors/").to(""), "../");
        assert_eq!(
            Urls::from_page("actors/x/").to("positions/y/#stance-x"),
            "../../positions/y/#stance-x"
        );
        assert_eq!(
            Urls::absolute("https://e.org/r/").to("actors/"),
            "https://e.org/r/actors/"
        );
    }

    #[test]
    fn folders_are_index_files() {
        assert_eq!(file_of(""), "index.html");
        assert_eq!(file_of("actors/x/"), "actors/x/index.html");
        assert_eq!(file_of("404.html"), "404.html");
    }
}
