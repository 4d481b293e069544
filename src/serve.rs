//! `explainer serve`: builds the site in memory, serves it on 127.0.0.1, rebuilds when a
//! file of `content/`, `templates/` or `static/` changes, and reloads open pages. A
//! content error is shown as an error page (and in the terminal); the server keeps
//! running, and fixing the file brings the site back.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::{Files, Options};

/// The path under which the server answers its own requests (never a page's).
const OWN: &str = "/__explainer/";

/// The script that reloads a page when the site changes (only ever served by `serve`).
const RELOAD_JS: &str = "(function(){var seen=null;function poll(){fetch('/__explainer/version',{cache:'no-store'}).then(function(r){return r.text();}).then(function(v){if(seen===null){seen=v;}else if(v!==seen){location.reload();}}).catch(function(){}).then(function(){setTimeout(poll,300);});}poll();})();\n";

/// Every file of a served site, by output path; cheap to copy.
type Served = std::collections::BTreeMap<Arc<str>, Arc<[u8]>>;

/// The site as last built.
enum Built {
    /// Every file, by output path.
    Site(Served),
    /// What went wrong, as printed in the terminal.
    Failed(String),
}

struct State {
    built: Built,
    version: u64,
}

/// A site kept between rebuilds: what the next build can reuse.
struct Session {
    root: PathBuf,
    caches: crate::Caches,
    last: Option<Last>,
    /// How many files the last build rendered (not reused).
    rendered: usize,
    /// Whether the last build took new article text into the site it had.
    #[cfg(test)]
    updated: bool,
}

/// The last good build.
struct Last {
    prepared: crate::Prepared,
    files: Served,
    rendered: crate::render::Rendered,
}

impl Session {
    fn new(root: &Path) -> Session {
        Session {
            root: root.to_path_buf(),
            caches: crate::Caches::default(),
            last: None,
            rendered: 0,
            #[cfg(test)]
            updated: false,
        }
    }

    /// Builds the site into memory after `change`, reusing parsed files and analysed
    /// articles, and rendering again only the pages the change touches.
    fn build(&mut self, change: Change) -> Built {
        self.caches.changed = match change {
            Change::Files(paths) => Some(paths),
            Change::Everything => None,
        };
        match self.try_build() {
            Ok(Ok(files)) => Built::Site(files),
            Ok(Err(diags)) => Built::Failed(diags.iter().map(|d| format!("{d}\n")).collect()),
            Err(e) => Built::Failed(format!("error: {e:#}\n")),
        }
    }

    fn try_build(&mut self) -> Result<Result<Served, Vec<crate::Diagnostic>>> {
        let opts = Options {
            root: self.root.clone(),
            output: None,
            base_url: None,
        };
        let (mut earlier, kept) = match self.last.take() {
            Some(l) => (Some(l.prepared), Some((l.files, l.rendered))),
            None => (None, None),
        };
        let frame = |p: &crate::Prepared| {
            let statics: Vec<String> = p.statics.iter().map(|s| s.path.clone()).collect();
            (p.templates.fingerprint, statics)
        };
        let frame_before = earlier.as_ref().map(frame);
        let prepared = crate::prepare_after(&opts, Some(&mut self.caches), &mut earlier);
        // The last good build stays for the next one as long as it is whole.
        let mut keep = |earlier: Option<crate::Prepared>, kept| {
            if let (Some(prepared), Some((files, rendered))) = (earlier, kept) {
                self.last = Some(Last {
                    prepared,
                    files,
                    rendered,
                });
            }
        };
        let (prepared, mut diags, delta) = match prepared {
            Ok(p) => p,
            Err(e) => {
                keep(earlier, kept);
                return Err(e);
            }
        };
        let Some(prepared) = prepared else {
            keep(earlier, kept);
            return Ok(Err(diags));
        };
        #[cfg(test)]
        {
            self.updated = delta.is_some();
        }
        // With other templates or static files, every page is rendered again.
        let touched = match (&delta, &earlier) {
            _ if frame_before != Some(frame(&prepared)) => None,
            (Some(d), _) => crate::render::affected::affected(&d.before, &d.after),
            (None, Some(e)) => crate::render::affected::affected(&e.site, &prepared.site),
            (None, None) => None,
        };
        drop(earlier);
        let (mut files, mut rendered) = match (kept, &touched) {
            (Some((files, rendered)), Some(_)) => (files, rendered),
            _ => (Served::new(), crate::render::Rendered::indexed()),
        };
        let out = std::sync::Mutex::new(Files::new());
        let sink = |path: &str, bytes: &[u8]| -> Result<()> {
            out.lock()
                .map_err(|_| anyhow::anyhow!("a rendering thread failed"))?
                .insert(path.to_string(), bytes.to_vec());
            Ok(())
        };
        let wanted = |path: &str| touched.as_ref().is_none_or(|t| t.contains(path));
        let statics: Vec<String> = prepared.statics.iter().map(|s| s.path.clone()).collect();
        let site = &prepared.site;
        let mut more = crate::render::render_pages(
            site,
            &prepared.templates,
            &statics,
            &wanted,
            &sink,
            &mut rendered,
        )?;
        if more.is_empty() {
            more = crate::render::finish(
                site,
                &prepared.templates,
                &prepared.written,
                &rendered,
                touched.as_ref(),
                &sink,
            )?;
        }
        diags.extend(more);
        if diags.iter().any(crate::Diagnostic::is_error) {
            return Ok(Err(crate::diagnostic::sorted(diags)));
        }
        for d in &diags {
            eprintln!("{d}");
        }
        let fresh = out
            .into_inner()
            .map_err(|_| anyhow::anyhow!("a rendering thread failed"))?;
        self.rendered = fresh.len();
        files.extend(fresh.into_iter().map(|(p, b)| (Arc::from(p), Arc::from(b))));
        for s in &prepared.statics {
            let bytes = std::fs::read(&s.source)
                .with_context(|| format!("failed to read {}", s.source.display()))?;
            files.insert(Arc::from(s.path.as_str()), Arc::from(bytes));
        }
        let result = files.clone();
        self.last = Some(Last {
            prepared,
            files,
            rendered,
        });
        Ok(Ok(result))
    }
}

/// Serves the site at `root` on `127.0.0.1:port` until the process is stopped.
pub fn run(root: &Path, port: u16) -> Result<()> {
    let server = tiny_http::Server::http(("127.0.0.1", port))
        .map_err(|e| anyhow::anyhow!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    let port = server.server_addr().to_ip().map_or(port, |a| a.port());
    // Watching starts before the first build, so that no change goes unseen.
    let (_watcher, changes) = watch(root)?;
    let mut session = Session::new(root);
    let state = Arc::new(RwLock::new(State {
        built: rebuild(&mut session, Change::Everything),
        version: 1,
    }));
    keep_building(changes, session, Arc::clone(&state));
    eprintln!(
        "serving {} at http://127.0.0.1:{port}/ (Ctrl-C to stop)",
        root.display()
    );
    for request in server.incoming_requests() {
        let state = Arc::clone(&state);
        std::thread::spawn(move || {
            let response = respond(request.url(), &state);
            let _ = request.respond(response);
        });
    }
    Ok(())
}

fn rebuild(session: &mut Session, change: Change) -> Built {
    let started = Instant::now();
    let built = session.build(change);
    match &built {
        Built::Site(files) => eprintln!(
            "built {} files in {} ms ({} rendered, the others unchanged)",
            files.len(),
            started.elapsed().as_millis(),
            session.rendered
        ),
        Built::Failed(text) => eprintln!("{text}the site is not updated until this is fixed"),
    }
    built
}

/// What changed since the last build, as the watcher saw it.
#[derive(Debug, PartialEq)]
enum Change {
    /// The text of these files (relative to the root, `/`-separated), and nothing else.
    Files(BTreeSet<String>),
    /// Files came or went, or the watcher lost track: every folder is read again.
    Everything,
}

impl Change {
    /// Both changes.
    fn and(self, other: Change) -> Change {
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
            ["content", "templates", "static"]
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
fn watch(root: &Path) -> Result<(notify::RecommendedWatcher, Receiver<Change>)> {
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

/// Rebuilds and bumps the version after every change, on a thread of its own.
fn keep_building(changes: Receiver<Change>, mut session: Session, state: Arc<RwLock<State>>) {
    std::thread::spawn(move || {
        while let Ok(mut change) = changes.recv() {
            // An editor's save is often several events: wait until they settle.
            while let Ok(more) = changes.recv_timeout(Duration::from_millis(30)) {
                change = change.and(more);
            }
            let built = rebuild(&mut session, change);
            if let Ok(mut s) = state.write() {
                s.built = built;
                s.version += 1;
            }
        }
    });
}

type Response = tiny_http::Response<std::io::Cursor<Vec<u8>>>;

fn respond(url: &str, state: &RwLock<State>) -> Response {
    let Ok(state) = state.read() else {
        return reply(500, "text/plain", b"the server failed".to_vec());
    };
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if let Some(own) = path.strip_prefix(OWN) {
        return match own {
            "version" => reply(200, "text/plain", state.version.to_string().into_bytes()),
            "reload.js" => reply(200, "text/javascript", RELOAD_JS.as_bytes().to_vec()),
            _ => reply(404, "text/plain", b"not found".to_vec()),
        };
    }
    let files = match &state.built {
        Built::Site(files) => files,
        Built::Failed(text) => {
            return reply(
                500,
                "text/html; charset=utf-8",
                error_page(text).into_bytes(),
            );
        }
    };
    let rel = percent_decode(path.trim_start_matches('/'));
    let file = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.clone()
    };
    if let Some(bytes) = files.get(file.as_str()) {
        return reply(200, content_type(&file), served(&file, bytes));
    }
    if files.contains_key(format!("{rel}/index.html").as_str()) {
        let mut r = reply(301, "text/plain", Vec::new());
        if let Ok(h) = tiny_http::Header::from_bytes("Location", format!("/{rel}/")) {
            r.add_header(h);
        }
        return r;
    }
    let body = files
        .get("404.html")
        .map(|b| served("404.html", b))
        .unwrap_or_else(|| b"not found".to_vec());
    reply(404, "text/html; charset=utf-8", body)
}

fn reply(status: u16, content_type: &str, body: Vec<u8>) -> Response {
    let mut r = tiny_http::Response::from_data(body).with_status_code(status);
    if let Ok(h) = tiny_http::Header::from_bytes("Content-Type", content_type) {
        r.add_header(h);
    }
    if let Ok(h) = tiny_http::Header::from_bytes("Cache-Control", "no-store") {
        r.add_header(h);
    }
    r
}

/// A page as served: with the reload script, which the page's policy is told to allow.
fn served(file: &str, bytes: &[u8]) -> Vec<u8> {
    if !file.ends_with(".html") {
        return bytes.to_vec();
    }
    let html = String::from_utf8_lossy(bytes).replace("script-src 'none'", "script-src 'self'");
    with_reload(&html).into_bytes()
}

fn with_reload(html: &str) -> String {
    let tag = format!("<script src=\"{OWN}reload.js\"></script>");
    match html.rfind("</body>") {
        Some(i) => format!("{}{tag}{}", &html[..i], &html[i..]),
        None => format!("{html}{tag}"),
    }
}

fn error_page(text: &str) -> String {
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    with_reload(&format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build error</title><style>body{{font:16px/1.5 system-ui,sans-serif;margin:2rem;max-width:60rem}}pre{{white-space:pre-wrap;background:#fee;padding:1rem;border-left:4px solid #b00}}</style></head><body><h1>The site has errors</h1><p>Fix them and save: this page reloads by itself.</p><pre>{escaped}</pre></body></html>"
    ))
}

fn content_type(file: &str) -> &'static str {
    match file.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// `%XX` escapes of a URL path decoded (invalid ones kept as written).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_get_the_reload_script_and_a_policy_that_allows_it() {
        let page = b"<meta content=\"script-src 'none'\"><body><p>x</p></body>";
        let out = String::from_utf8(served("a/index.html", page)).unwrap();
        assert!(out.contains("script-src 'self'"));
        assert!(out.contains("<script src=\"/__explainer/reload.js\"></script></body>"));
        assert_eq!(served("style.css", b"p{}"), b"p{}");
    }

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

    #[test]
    fn decodes_paths() {
        assert_eq!(percent_decode("a%20b/%zz"), "a b/%zz");
    }
}

#[cfg(test)]
mod incremental_tests {
    use super::*;

    fn copy(from: &Path, to: &Path) {
        for entry in walkdir::WalkDir::new(from) {
            let entry = entry.unwrap();
            let dest = to.join(entry.path().strip_prefix(from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&dest).unwrap();
            } else {
                std::fs::copy(entry.path(), &dest).unwrap();
            }
        }
    }

    /// The site as a full, fresh build makes it (with its static files).
    fn full(root: &Path) -> Files {
        let opts = Options {
            root: root.to_path_buf(),
            output: None,
            base_url: None,
        };
        let prepared = crate::prepare(&opts).unwrap().0.unwrap();
        let mut files = prepared.render_to_memory().unwrap().0;
        for s in &prepared.statics {
            files.insert(s.path.clone(), std::fs::read(&s.source).unwrap());
        }
        files
    }

    /// The paths whose bytes differ between two builds.
    fn differ(a: &Files, b: &Files) -> Vec<String> {
        let paths: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
        paths
            .into_iter()
            .filter(|p| a.get(*p) != b.get(*p))
            .cloned()
            .collect()
    }

    fn served(session: &mut Session, change: Change) -> Files {
        match session.build(change) {
            Built::Site(files) => files
                .into_iter()
                .map(|(p, b)| (p.to_string(), b.to_vec()))
                .collect(),
            Built::Failed(text) => panic!("{text}"),
        }
    }

    /// The change a watcher reports for new text in `paths`.
    fn text(paths: &[&str]) -> Change {
        Change::Files(paths.iter().map(|p| p.to_string()).collect())
    }

    fn edit(root: &Path, rel: &str, from: &str, to: &str) {
        let path = root.join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} has no {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    #[test]
    fn every_rebuild_equals_a_fresh_build() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        copy(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/newsroom"),
            root,
        );
        let mut session = Session::new(root);
        assert_eq!(
            differ(&served(&mut session, Change::Everything), &full(root)),
            Vec::<String>::new()
        );
        let everything = session.rendered;
        let edits: &[(&str, &str, &str)] = &[
            (
                "content/articles/budget-vote.md",
                "won the vote at 3 a.m.",
                "won the vote at 4 a.m.",
            ),
            (
                "content/articles/schools.md",
                "The Greens supported the plan",
                "Sam Poe supported the plan",
            ),
            (
                "content/annotations/gamble.md",
                "cannot be checked",
                "cannot be verified",
            ),
            (
                "content/annotations/repeal.md",
                "quote = \"he would repeal it\"",
                "quote = \"repeal it\"",
            ),
            (
                "content/positions/carbon-tax.md",
                "stance = \"mixed\"",
                "stance = \"opposes\"",
            ),
            (
                "content/actors/max-doe.md",
                "has promised to repeal",
                "has sworn to repeal",
            ),
            (
                "content/actors/sam-poe.md",
                "affiliation = \"greens\"",
                "affiliation = \"coalition\"",
            ),
            (
                "content/actors/max-doe.md",
                "name = \"Max Doe\"",
                "name = \"Max Doe\"\naliases = [\"Doe\"]",
            ),
            (
                "content/positions/school-spending.md",
                "title = \"More spending on schools\"",
                "title = \"Spend more on schools\"",
            ),
        ];
        for (i, (rel, from, to)) in edits.iter().enumerate() {
            edit(root, rel, from, to);
            let files = served(&mut session, text(&[rel]));
            assert_eq!(
                differ(&files, &full(root)),
                Vec::<String>::new(),
                "after editing {rel}"
            );
            if i < 7 {
                let n = session.rendered;
                assert!(
                    n > 0 && n < everything,
                    "{rel}: {n} of {everything} files rendered again"
                );
            }
            assert_eq!(
                session.updated,
                rel.starts_with("content/articles/"),
                "{rel}: new article text alone is taken into the site as it was"
            );
        }
        // The same edits seen as a rescan: every folder read again.
        for (rel, from, to) in edits.iter().rev() {
            edit(root, rel, to, from);
            let files = served(&mut session, Change::Everything);
            assert_eq!(
                differ(&files, &full(root)),
                Vec::<String>::new(),
                "after editing {rel} back"
            );
        }
    }

    /// Asserts that building after `change` serves what a fresh build makes.
    #[track_caller]
    fn fresh_after(session: &mut Session, root: &Path, change: Change, what: &str) {
        let files = served(session, change);
        assert_eq!(
            differ(&files, &full(root)),
            Vec::<String>::new(),
            "after {what}"
        );
    }

    #[test]
    fn files_that_come_and_go_templates_and_static_files_are_seen() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        copy(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/newsroom"),
            root,
        );
        let mut session = Session::new(root);
        fresh_after(&mut session, root, Change::Everything, "the first build");
        let everything = session.rendered;

        let note = "content/annotations/vote-time.md";
        std::fs::write(
            root.join(note),
            "+++\narticle = \"budget-vote\"\nquote = \"won the vote\"\nkind = \"context\"\n+++\n\nThe vote was held at night.\n",
        )
        .unwrap();
        fresh_after(&mut session, root, Change::Everything, "creating a file");
        edit(root, note, "held at night", "held before dawn");
        fresh_after(&mut session, root, text(&[note]), "editing the new file");
        std::fs::remove_file(root.join(note)).unwrap();
        fresh_after(&mut session, root, Change::Everything, "removing a file");

        // A watcher that reports a new file as new text in it: the folder is walked.
        std::fs::write(
            root.join(note),
            "+++\narticle = \"budget-vote\"\nquote = \"won the vote\"\nkind = \"context\"\n+++\n\nAt night.\n",
        )
        .unwrap();
        fresh_after(
            &mut session,
            root,
            text(&[note]),
            "a file created unannounced",
        );
        std::fs::remove_file(root.join(note)).unwrap();
        fresh_after(
            &mut session,
            root,
            text(&[note]),
            "a file removed unannounced",
        );

        // Files that no build reads.
        std::fs::write(root.join("content/articles/.schools.md.swp"), "x").unwrap();
        fresh_after(
            &mut session,
            root,
            text(&["content/articles/.schools.md.swp"]),
            "editing a hidden file",
        );
        std::fs::write(root.join("content/notes.txt"), "x").unwrap();
        fresh_after(
            &mut session,
            root,
            Change::Everything,
            "adding a stray file",
        );
        std::fs::write(root.join("content/notes.txt"), "xy").unwrap();
        fresh_after(
            &mut session,
            root,
            text(&["content/notes.txt"]),
            "editing a stray file",
        );

        // A content error, then its fix, both seen as new text.
        let rel = "content/actors/max-doe.md";
        let good = std::fs::read_to_string(root.join(rel)).unwrap();
        std::fs::write(
            root.join(rel),
            "+++\nname = \"Max Doe\"\nkind = person\n+++\n",
        )
        .unwrap();
        assert!(matches!(session.build(text(&[rel])), Built::Failed(_)));
        std::fs::write(root.join(rel), &good).unwrap();
        fresh_after(&mut session, root, text(&[rel]), "fixing an error");
        std::fs::write(root.join(rel), b"+++\nname = \"Max \xff\"\n+++\n").unwrap();
        assert!(matches!(session.build(text(&[rel])), Built::Failed(_)));
        std::fs::write(root.join(rel), &good).unwrap();
        fresh_after(&mut session, root, text(&[rel]), "fixing bad UTF-8");

        // A broken quote in an article, then its fix: taken into the site of the last
        // good build.
        let rel = "content/articles/budget-vote.md";
        edit(root, rel, "a gamble", "a bet");
        assert!(matches!(session.build(text(&[rel])), Built::Failed(_)));
        edit(root, rel, "a bet", "a gamble");
        fresh_after(&mut session, root, text(&[rel]), "fixing a broken quote");
        assert!(session.updated);
        edit(root, rel, "won the vote", "carried the vote");
        fresh_after(&mut session, root, text(&[rel]), "editing after the fix");
        assert!(session.updated);

        // A static file.
        std::fs::write(
            root.join("static/robots.txt"),
            "User-agent: *\nDisallow: /\n",
        )
        .unwrap();
        fresh_after(
            &mut session,
            root,
            text(&["static/robots.txt"]),
            "editing a static file",
        );
        assert!(session.rendered < everything);

        // A template: added, then edited.
        let article = crate::render::templates::DEFAULTS
            .iter()
            .find(|(name, _)| *name == "article.html")
            .unwrap()
            .1;
        std::fs::create_dir_all(root.join("templates")).unwrap();
        std::fs::write(root.join("templates/article.html"), article).unwrap();
        fresh_after(&mut session, root, Change::Everything, "adding a template");
        std::fs::write(
            root.join("templates/article.html"),
            article.replacen("<article", "<article data-edited", 1),
        )
        .unwrap();
        fresh_after(
            &mut session,
            root,
            text(&["templates/article.html"]),
            "editing a template",
        );
    }
}
