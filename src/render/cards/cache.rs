//! The cards' cache: each card drawn is kept in a folder beside the output, named by a
//! hash of everything it is drawn from (its SVG, which holds its text and template; the
//! fonts; the binary's version), so that a build draws only the cards whose inputs
//! changed. The folder is safe to delete. What it holds is never trusted blindly: a
//! folder of another version is emptied, and an entry that is not a whole card is drawn
//! again.

use std::collections::BTreeSet;
use std::fs;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

/// The version of the binary and of the way cards are drawn: a cache written by any
/// other is emptied.
pub const VERSION: &str = concat!(
    "explainer ",
    env!("CARGO_PKG_VERSION"),
    " ",
    env!("EXPLAINER_BUILD_COMMIT"),
    " cards 1"
);

/// The file in the cache folder that says which version wrote it.
const STAMP: &str = "VERSION";

/// The cache folder of the output folder `out`: `NAME.cards-cache` beside it.
pub fn dir_for(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    out.with_file_name(format!("{name}.cards-cache"))
}

/// The key of a card drawn from `parts` (the card template's text and what the card
/// shows): a hex XXH3-128 of them, the fonts and `VERSION`, which names the commit the
/// binary was built from and so the code that lays a card out. A build that finds the
/// key in the cache neither lays the card out nor draws it. (XXH3's output is fixed by
/// its specification, so keys stay valid between runs.)
pub fn key(parts: &[&[u8]]) -> String {
    use std::sync::OnceLock;
    static FONTS: OnceLock<u128> = OnceLock::new();
    let fonts = *FONTS.get_or_init(|| {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(super::fit::MAIN);
        h.update(super::fit::FALLBACK);
        h.digest128()
    });
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(VERSION.as_bytes());
    h.update(&fonts.to_le_bytes());
    for part in parts {
        // Each part's length first, so that no two lists of parts hash alike.
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part);
    }
    format!("{:032x}", h.digest128())
}

/// Refuses a cache folder `dir` (beside the output) that a build must not write into or
/// prune: a symbolic link (it could lead anywhere), something that is not a folder, the
/// site's root or a folder holding it, a folder inside the site's own `content/`,
/// `templates/`, `static/` or `i18n/`, and a folder that holds files but no stamp of
/// this program (pruning deletes files named like cards: only in a folder it wrote).
pub fn check(root: &Path, dir: &Path) -> Result<()> {
    let refuse = |why: &str| {
        anyhow::bail!(
            "refusing to keep share cards in {}: {why}; remove it, or choose another --output (the cache is OUTPUT.cards-cache beside it)",
            dir.display()
        )
    };
    match fs::symlink_metadata(dir) {
        Ok(meta) if meta.file_type().is_symlink() => return refuse("it is a symbolic link"),
        Ok(meta) if !meta.is_dir() => return refuse("it is not a folder"),
        _ => {}
    }
    let root = crate::output::absolute(root)?;
    let abs = crate::output::absolute(dir)?;
    if root.starts_with(&abs) {
        return refuse("it holds the site's own files");
    }
    for own in ["content", "templates", "static", "i18n"] {
        if abs.starts_with(root.join(own)) {
            return refuse(&format!("it is inside {own}/"));
        }
    }
    if dir.is_dir() {
        let stamped =
            fs::read_to_string(dir.join(STAMP)).is_ok_and(|s| s.starts_with("explainer "));
        let empty = fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !stamped && !empty {
            return refuse(&format!(
                "it holds files but was not written by explainer (no {STAMP} in it)"
            ));
        }
    }
    Ok(())
}

/// An open cache folder.
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// Opens (creating it as needed) the cache folder `dir`; one written by another
    /// version, or without a stamp, is emptied of its cards first.
    pub fn open(dir: &Path) -> Result<Cache> {
        fs::create_dir_all(dir).with_context(|| format!("failed to create {}", dir.display()))?;
        let stamp = dir.join(STAMP);
        if fs::read_to_string(&stamp).ok().as_deref() != Some(VERSION) {
            let cache = Cache {
                dir: dir.to_path_buf(),
            };
            cache.prune(&BTreeSet::new())?;
            fs::write(&stamp, VERSION)
                .with_context(|| format!("failed to write {}", stamp.display()))?;
        }
        Ok(Cache {
            dir: dir.to_path_buf(),
        })
    }

    /// The file of the card with key `key`, whether or not it is there.
    pub fn entry(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.png"))
    }

    /// The file of the card `key` if the cache holds a whole card by that key: a PNG of
    /// the card's size, to its last chunk (a file cut short or overwritten is not one).
    pub fn get(&self, key: &str) -> Option<PathBuf> {
        let path = self.entry(key);
        whole_card(&path).then_some(path)
    }

    /// Keeps `png` as the card `key` (written aside, then renamed: never half a file
    /// under its name); its file.
    pub fn put(&self, key: &str, png: &[u8]) -> Result<PathBuf> {
        let path = self.entry(key);
        // Two cards of the same inputs can be drawn at once: each writes a file of its
        // own, and either rename leaves a whole card.
        static WRITES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmp = self
            .dir
            .join(format!(".{key}.tmp-{}-{n}", std::process::id()));
        fs::write(&tmp, png).with_context(|| format!("failed to write {}", tmp.display()))?;
        fs::rename(&tmp, &path).with_context(|| format!("failed to write {}", path.display()))?;
        Ok(path)
    }

    /// Removes the cards (and leftovers of writing them) whose key is not in `keep`.
    pub fn prune(&self, keep: &BTreeSet<String>) -> Result<()> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(_) => return Ok(()),
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let ours = match name.strip_suffix(".png") {
                Some(key) => is_key(key) && !keep.contains(key),
                None => name.starts_with('.') && name.contains(".tmp-"),
            };
            if ours {
                let _ = fs::remove_file(entry.path());
            }
        }
        Ok(())
    }
}

fn is_key(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Whether the file at `path` is a whole PNG card: the signature, a header with the
/// card's size, and the end chunk last.
fn whole_card(path: &Path) -> bool {
    let check = || -> std::io::Result<bool> {
        let mut f = fs::File::open(path)?;
        let mut head = [0u8; 24];
        f.read_exact(&mut head)?;
        let mut size = [0u8; 8];
        size[..4].copy_from_slice(&super::WIDTH.to_be_bytes());
        size[4..].copy_from_slice(&super::HEIGHT.to_be_bytes());
        if head[..8] != *b"\x89PNG\r\n\x1a\n" || head[12..16] != *b"IHDR" || head[16..24] != size {
            return Ok(false);
        }
        let mut tail = [0u8; 12];
        f.seek(SeekFrom::End(-12))?;
        f.read_exact(&mut tail)?;
        Ok(tail == *b"\0\0\0\0IEND\xae\x42\x60\x82")
    };
    check().unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;

    /// Bytes that pass for a whole card: the signature, a header of the card's size, a
    /// body, and the end chunk.
    fn card() -> Vec<u8> {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend(super::super::WIDTH.to_be_bytes());
        png.extend(super::super::HEIGHT.to_be_bytes());
        png.extend([7u8; 100_000]);
        png.extend(b"\0\0\0\0IEND\xae\x42\x60\x82");
        png
    }

    #[test]
    fn keys_tell_lists_of_parts_apart() {
        assert_ne!(key(&[b"ab", b"c"]), key(&[b"a", b"bc"]));
        assert_ne!(key(&[b"a", b""]), key(&[b"a"]));
        assert_eq!(key(&[b"a", b"b"]), key(&[b"a", b"b"]));
    }

    #[test]
    fn the_same_card_kept_by_many_threads_at_once_is_whole() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path()).unwrap();
        let png = card();
        let key = key(&[b"<svg/>"]);
        (0..32)
            .into_par_iter()
            .try_for_each(|_| cache.put(&key, &png).map(drop))
            .unwrap();
        let file = cache.get(&key).unwrap();
        assert_eq!(fs::read(file).unwrap(), png);
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "the card and the stamp: {names:?}");
    }

    #[test]
    fn a_file_cut_short_or_of_another_size_is_not_a_card() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path()).unwrap();
        let png = card();
        cache.put("a", &png[..png.len() - 1]).unwrap();
        assert_eq!(cache.get("a"), None);
        let mut other = png.clone();
        other[19] ^= 1;
        cache.put("b", &other).unwrap();
        assert_eq!(cache.get("b"), None);
        cache.put("c", &png).unwrap();
        assert!(cache.get("c").is_some());
    }
}
