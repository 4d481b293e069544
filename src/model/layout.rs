//! How a site's long lists are cut into pages, and how much of the stance matrix its
//! home page shows: `[pagination]` and `[matrix]` of `site.toml`, with their defaults.

use crate::content::front::SiteFront;

/// The page sizes of a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// The items on a page of a long list.
    pub page_size: usize,
    /// The most actors the home page's matrix shows.
    pub matrix_rows: usize,
    /// The most positions the home page's matrix, and a page of the full matrix, show.
    pub matrix_columns: usize,
}

impl Default for Layout {
    /// Fifty items a page, as a reader scrolls them on a phone without tiring; a home
    /// matrix of at most 40 actors × 10 positions, about what a laptop screen shows.
    fn default() -> Self {
        Layout {
            page_size: 50,
            matrix_rows: 40,
            matrix_columns: 10,
        }
    }
}

impl Layout {
    /// The layout `site.toml` asks for (its values were checked when it was read: one
    /// out of range keeps the default, the error being reported).
    pub fn of(site: &SiteFront) -> Layout {
        let d = Layout::default();
        let pick = |v: Option<i64>, default: usize| {
            v.and_then(|v| usize::try_from(v).ok())
                .filter(|v| *v > 0)
                .unwrap_or(default)
        };
        Layout {
            page_size: pick(site.pagination.page_size, d.page_size),
            matrix_rows: pick(site.matrix.rows, d.matrix_rows),
            matrix_columns: pick(site.matrix.columns, d.matrix_columns),
        }
    }

    /// How many pages a list of `items` takes: at least one, an empty list's.
    pub fn pages(&self, items: usize) -> usize {
        items.div_ceil(self.page_size).max(1)
    }
}
