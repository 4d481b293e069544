//! The files of a served site, in two layers so that publishing an edit's few files
//! does not copy a big site's tens of thousands: a `base` shared by every snapshot made
//! since it was laid, and the files written over it since (`top`, a file gone being
//! `None` there). Copying a `Served` copies the top alone; the top is folded into a new
//! base once it holds an eighth as many files as the base.

use std::collections::BTreeMap;
use std::sync::Arc;

type Map<V> = BTreeMap<Arc<str>, V>;

/// Every file of a served site, by output path; cheap to copy.
#[derive(Clone, Default, Debug)]
pub(super) struct Served {
    base: Arc<Map<Arc<[u8]>>>,
    top: Map<Option<Arc<[u8]>>>,
}

impl Served {
    pub(super) fn new() -> Served {
        Served::default()
    }

    /// The bytes of the file at `path`.
    pub(super) fn get(&self, path: &str) -> Option<&Arc<[u8]>> {
        match self.top.get(path) {
            Some(file) => file.as_ref(),
            None => self.base.get(path),
        }
    }

    pub(super) fn contains_key(&self, path: &str) -> bool {
        self.get(path).is_some()
    }

    /// How many files there are.
    pub(super) fn len(&self) -> usize {
        let mut n = self.base.len();
        for (path, file) in &self.top {
            match (self.base.contains_key(path), file.is_some()) {
                (false, true) => n += 1,
                (true, false) => n -= 1,
                _ => {}
            }
        }
        n
    }

    /// Puts `bytes` at `path`, in place of the file there.
    pub(super) fn insert(&mut self, path: Arc<str>, bytes: Arc<[u8]>) {
        self.top.insert(path, Some(bytes));
        self.fold_when_big();
    }

    /// Removes the files whose path `keep` refuses.
    pub(super) fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        for path in self.base.keys().filter(|p| !keep(p)) {
            self.top.insert(Arc::clone(path), None);
        }
        let base = &self.base;
        self.top.retain(|path, file| {
            if !keep(path) {
                *file = None;
            }
            file.is_some() || base.contains_key(path)
        });
        self.fold_when_big();
    }

    /// Every file, by path.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&Arc<str>, &Arc<[u8]>)> {
        let below = (self.base.iter()).filter(|(p, _)| !self.top.contains_key(*p));
        let above = (self.top.iter()).filter_map(|(p, f)| Some((p, f.as_ref()?)));
        let mut all: Vec<_> = below.chain(above).collect();
        all.sort_by(|a, b| a.0.cmp(b.0));
        all.into_iter()
    }

    fn fold_when_big(&mut self) {
        if self.top.len() > 64 && self.top.len() > self.base.len() / 8 {
            let top = std::mem::take(&mut self.top);
            let base = Arc::make_mut(&mut self.base);
            for (path, file) in top {
                match file {
                    Some(bytes) => base.insert(path, bytes),
                    None => base.remove(&path),
                };
            }
        }
    }
}

impl Extend<(Arc<str>, Arc<[u8]>)> for Served {
    fn extend<I: IntoIterator<Item = (Arc<str>, Arc<[u8]>)>>(&mut self, files: I) {
        for (path, bytes) in files {
            self.top.insert(path, Some(bytes));
        }
        self.fold_when_big();
    }
}

impl FromIterator<(Arc<str>, Arc<[u8]>)> for Served {
    fn from_iter<I: IntoIterator<Item = (Arc<str>, Arc<[u8]>)>>(files: I) -> Served {
        let mut served = Served::new();
        served.extend(files);
        served
    }
}

/// Equal when they hold the same files, however layered.
impl PartialEq for Served {
    fn eq(&self, other: &Served) -> bool {
        self.iter().eq(other.iter())
    }
}

impl IntoIterator for Served {
    type Item = (Arc<str>, Arc<[u8]>);
    type IntoIter = std::vec::IntoIter<Self::Item>;

    fn into_iter(self) -> Self::IntoIter {
        let files: Vec<Self::Item> = (self.iter())
            .map(|(p, b)| (Arc::clone(p), Arc::clone(b)))
            .collect();
        files.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> Arc<[u8]> {
        Arc::from(text.as_bytes())
    }

    /// What `served` holds, as a plain map.
    fn plain(served: &Served) -> BTreeMap<String, String> {
        (served.iter())
            .map(|(p, b)| (p.to_string(), String::from_utf8_lossy(b).into_owned()))
            .collect()
    }

    #[test]
    fn the_layers_read_as_one_map_whatever_was_written_and_removed() {
        let mut served = Served::new();
        let mut model: BTreeMap<String, String> = BTreeMap::new();
        // Enough writes, over and over the same paths, that the top is folded several
        // times, with copies taken in between that must not change.
        let mut copies = Vec::new();
        for round in 0..2000u32 {
            let path = format!("p/{}/index.html", (round * 7919) % 300);
            if round % 5 == 4 {
                let n = round % 3;
                served.retain(|p| !p.ends_with(&format!("{n}/index.html")));
                model.retain(|p, _| !p.ends_with(&format!("{n}/index.html")));
            } else {
                let text = format!("{round}");
                served.insert(Arc::from(path.as_str()), file(&text));
                model.insert(path, text);
            }
            assert_eq!(served.len(), model.len());
            if round % 97 == 0 {
                copies.push((served.clone(), model.clone()));
            }
        }
        assert_eq!(plain(&served), model);
        for path in model.keys() {
            assert!(served.contains_key(path));
        }
        assert!(!served.contains_key("p/1000/index.html"));
        for (copy, then) in copies {
            assert_eq!(
                plain(&copy),
                then,
                "a copy keeps the files it was made with"
            );
        }
    }
}
