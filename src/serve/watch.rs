//! Watching the site's folders, and what each change means for the next build.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;

use anyhow::{Context, Result};

/// What changed since the last build, as the watcher saw it.
#[derive(Debug, PartialEq)]
pub(super) enum Change {
    /// The text of these files (relative to the root, `/`-separated), and nothing else.
    Files(BTreeSet<String>),
    /// Files came or went, or the watcher lost track: every folder is read again.
    Everything,
}

impl Change {
    /// Both changes.
    pub(super) fn and(self, other: Change) -> Change {
        match (self, other) {
            (Change::Files(mut a), Change::Files(b)) => {
                a.extend(b);
                Change::Files(a)
            }
            _ => Change::Everything,
        }
    }
}

/// The folders of a site that a build reads.
const READ: [&str; 4] = ["content", "templates", "static", "i18n"];

/// The symbolic links of the folders a build reads that lead elsewhere in the site:
/// (where they lead, canonical; the link, relative to the root). A change there is a
/// change of the file read through the link.
pub(super) type Links = Vec<(PathBuf, String)>;

/// The links of the site at `root` (canonical) that lead out of the folders a build
/// reads (but stay in the site: no other is read).
pub(super) fn links(root: &Path) -> Links {
    let mut out = Links::new();
    for folder in READ {
        let walk = walkdir::WalkDir::new(root.join(folder))
            .min_depth(1)
            .sort_by_file_name();
        for entry in walk.into_iter().flatten() {
            if !entry.path_is_symlink() {
                continue;
            }
            let Ok(to) = std::fs::canonicalize(entry.path()) else {
                continue;
            };
            let read = READ.iter().any(|f| to.starts_with(root.join(f)));
            if let (false, Ok(rel)) = (read, entry.path().strip_prefix(root)) {
                out.push((to, rel.to_string_lossy().replace('\\', "/")));
            }
        }
    }
    out
}

/// The change a watcher's event (or error) makes to the site at `root`, if any; `links`
/// are the site's links that lead out of the folders a build reads (see `links`).
fn change_of(root: &Path, links: &Links, event: notify::Result<notify::Event>) -> Option<Change> {
    use notify::EventKind;
    use notify::event::ModifyKind;
    // An error may be events lost.
    let Ok(event) = event else {
        return Some(Change::Everything);
    };
    if event.need_rescan() {
        return Some(Change::Everything);
    }
    let ours: BTreeSet<String> = event
        .paths
        .iter()
        .filter_map(|p| {
            let rel = p.strip_prefix(root).ok()?;
            let first = rel.components().next()?;
            if READ.iter().any(|w| first.as_os_str() == *w) {
                return Some(rel.to_string_lossy().replace('\\', "/"));
            }
            // A file read through a link: the change is the link's.
            let (to, link) = links.iter().find(|(to, _)| p.starts_with(to))?;
            let below = p
                .strip_prefix(to)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            Some(if below.is_empty() {
                link.clone()
            } else {
                format!("{link}/{below}")
            })
        })
        .collect();
    if ours.is_empty() {
        return None;
    }
    match event.kind {
        // Reading the files to build them is an event too: only changes count.
        EventKind::Modify(ModifyKind::Metadata(_)) => None,
        // New text in files that were there and still are.
        EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Any) => Some(Change::Files(ours)),
        // Created, removed, renamed, or something else.
        EventKind::Create(_) | EventKind::Remove(_) | EventKind::Modify(_) => {
            Some(Change::Everything)
        }
        _ => None,
    }
}

/// Watches the site's folders: each change comes out of the receiver.
pub(super) fn watch(root: &Path) -> Result<(notify::RecommendedWatcher, Receiver<Change>)> {
    use notify::{RecursiveMode, Watcher};
    let (tx, rx) = std::sync::mpsc::channel::<Change>();
    let root_buf = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let filter_root = root_buf.clone();
    // The links, found when an event outside the folders a build reads needs them (a
    // rare event): not on each file saved, which on a big site would walk it each time.
    let mut links: Option<Links> = None;
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let read = |p: &Path| {
            let rel = p.strip_prefix(&filter_root).ok();
            let first = rel.and_then(|r| r.components().next());
            first.is_none_or(|f| READ.iter().any(|w| f.as_os_str() == *w))
        };
        let outside = res.as_ref().is_ok_and(|e| e.paths.iter().any(|p| !read(p)));
        let known = match (&links, outside) {
            (Some(known), _) => known,
            (None, true) => links.insert(self::links(&filter_root)),
            (None, false) => &Links::new(),
        };
        if let Some(change) = change_of(&filter_root, known, res) {
            // Files came or went: a link may have too.
            if change == Change::Everything {
                links = None;
            }
            let _ = tx.send(change);
        }
    })
    .context("cannot watch the site's files")?;
    watcher
        .watch(&root_buf, RecursiveMode::Recursive)
        .with_context(|| format!("cannot watch {}", root.display()))?;
    Ok((watcher, rx))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_text_is_a_change_of_files_and_anything_else_of_everything() {
        use notify::event::{CreateKind, DataChange, Flag, ModifyKind, RemoveKind, RenameMode};
        use notify::{Event, EventKind};
        let root = Path::new("/site");
        let event = |kind, path: &str| Ok(Event::new(kind).add_path(root.join(path)));
        let data = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        assert_eq!(
            change_of(root, &Links::new(), event(data, "content/articles/a.md")),
            Some(Change::Files(["content/articles/a.md".to_string()].into()))
        );
        // The site's own words are watched too.
        assert_eq!(
            change_of(root, &Links::new(), event(data, "i18n/de.toml")),
            Some(Change::Files(["i18n/de.toml".to_string()].into()))
        );
        assert_eq!(
            change_of(
                root,
                &Links::new(),
                event(EventKind::Modify(ModifyKind::Any), "static/x.css")
            ),
            Some(Change::Files(["static/x.css".to_string()].into()))
        );
        for kind in [
            EventKind::Create(CreateKind::File),
            EventKind::Create(CreateKind::Folder),
            EventKind::Remove(RemoveKind::Any),
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
        ] {
            assert_eq!(
                change_of(root, &Links::new(), event(kind, "content/articles/a.md")),
                Some(Change::Everything),
                "{kind:?}"
            );
        }
        let metadata = EventKind::Modify(ModifyKind::Metadata(notify::event::MetadataKind::Any));
        assert_eq!(
            change_of(
                root,
                &Links::new(),
                event(metadata, "content/articles/a.md")
            ),
            None
        );
        let access = EventKind::Access(notify::event::AccessKind::Any);
        assert_eq!(
            change_of(root, &Links::new(), event(access, "content/articles/a.md")),
            None
        );
        assert_eq!(
            change_of(root, &Links::new(), event(data, "public/index.html")),
            None
        );
        assert_eq!(
            change_of(
                Path::new("/elsewhere"),
                &Links::new(),
                event(data, "content/a.md")
            ),
            None
        );
        let rescan = Ok(Event::new(EventKind::Other).set_flag(Flag::Rescan));
        assert_eq!(
            change_of(root, &Links::new(), rescan),
            Some(Change::Everything)
        );
        let lost = Err(notify::Error::generic("queue overflow"));
        assert_eq!(
            change_of(root, &Links::new(), lost),
            Some(Change::Everything)
        );
    }

    #[test]
    fn a_change_where_a_link_leads_is_a_change_of_the_link() {
        // `static/info.txt` → `shared/info.txt`: an edit of the file it leads to was
        // not seen, and serve kept the old text.
        use notify::event::{DataChange, ModifyKind};
        use notify::{Event, EventKind};
        let root = Path::new("/site");
        let links: Links = vec![
            (root.join("shared/info.txt"), "static/info.txt".into()),
            (root.join("shared"), "static/shared".into()),
        ];
        let data = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        let event = |path: &str| Ok(Event::new(data).add_path(root.join(path)));
        assert_eq!(
            change_of(root, &links, event("shared/info.txt")),
            Some(Change::Files(["static/info.txt".to_string()].into()))
        );
        assert_eq!(
            change_of(root, &links, event("shared/more/x.css")),
            Some(Change::Files(
                ["static/shared/more/x.css".to_string()].into()
            ))
        );
        assert_eq!(change_of(root, &links, event("elsewhere/x.css")), None);
    }

    #[test]
    fn the_links_of_a_site_are_those_out_of_the_folders_it_reads() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().canonicalize().unwrap();
        for dir in ["shared", "static", "content/actors"] {
            std::fs::create_dir_all(root.join(dir)).unwrap();
        }
        std::fs::write(root.join("shared/info.txt"), "v1").unwrap();
        std::fs::write(root.join("content/actors/a.md"), "x").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("../shared/info.txt", root.join("static/info.txt")).unwrap();
            std::os::unix::fs::symlink("../shared", root.join("static/shared")).unwrap();
            // Into a folder the build reads anyway: watched already.
            std::os::unix::fs::symlink("../content/actors/a.md", root.join("static/a.md")).unwrap();
            assert_eq!(
                links(&root),
                vec![
                    (root.join("shared/info.txt"), "static/info.txt".to_string()),
                    (root.join("shared"), "static/shared".to_string()),
                ]
            );
        }
    }

    #[test]
    fn changes_add_up() {
        let files = |p: &[&str]| Change::Files(p.iter().map(|p| p.to_string()).collect());
        assert_eq!(files(&["a"]).and(files(&["b"])), files(&["a", "b"]));
        assert_eq!(files(&["a"]).and(Change::Everything), Change::Everything);
        assert_eq!(Change::Everything.and(files(&["a"])), Change::Everything);
    }
}
