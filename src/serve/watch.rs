//! Watching the site's folders, and what each change means for the next build.

use std::collections::BTreeSet;
use std::path::Path;
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

/// The change a watcher's event (or error) makes to the site at `root`, if any.
fn change_of(root: &Path, event: notify::Result<notify::Event>) -> Option<Change> {
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
            ["content", "templates", "static", "i18n"]
                .iter()
                .any(|w| first.as_os_str() == *w)
                .then(|| rel.to_string_lossy().replace('\\', "/"))
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
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Some(change) = change_of(&filter_root, res) {
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
            change_of(root, event(data, "content/articles/a.md")),
            Some(Change::Files(["content/articles/a.md".to_string()].into()))
        );
        // The site's own words are watched too.
        assert_eq!(
            change_of(root, event(data, "i18n/de.toml")),
            Some(Change::Files(["i18n/de.toml".to_string()].into()))
        );
        assert_eq!(
            change_of(
                root,
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
                change_of(root, event(kind, "content/articles/a.md")),
                Some(Change::Everything),
                "{kind:?}"
            );
        }
        let metadata = EventKind::Modify(ModifyKind::Metadata(notify::event::MetadataKind::Any));
        assert_eq!(
            change_of(root, event(metadata, "content/articles/a.md")),
            None
        );
        let access = EventKind::Access(notify::event::AccessKind::Any);
        assert_eq!(
            change_of(root, event(access, "content/articles/a.md")),
            None
        );
        assert_eq!(change_of(root, event(data, "public/index.html")), None);
        assert_eq!(
            change_of(Path::new("/elsewhere"), event(data, "content/a.md")),
            None
        );
        let rescan = Ok(Event::new(EventKind::Other).set_flag(Flag::Rescan));
        assert_eq!(change_of(root, rescan), Some(Change::Everything));
        let lost = Err(notify::Error::generic("queue overflow"));
        assert_eq!(change_of(root, lost), Some(Change::Everything));
    }

    #[test]
    fn changes_add_up() {
        let files = |p: &[&str]| Change::Files(p.iter().map(|p| p.to_string()).collect());
        assert_eq!(files(&["a"]).and(files(&["b"])), files(&["a", "b"]));
        assert_eq!(files(&["a"]).and(Change::Everything), Change::Everything);
        assert_eq!(Change::Everything.and(files(&["a"])), Change::Everything);
    }
}
