//! `explainer serve`: builds the site in memory, serves it on 127.0.0.1, rebuilds when a
//! file of `content/`, `templates/` or `static/` changes, and reloads open pages. A
//! content error is shown as an error page (and in the terminal); the server keeps
//! running, and fixing the file brings the site back.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::{Files, Options};

/// The path under which the server answers its own requests (never a page's).
const OWN: &str = "/__explainer/";

/// The script that reloads a page when the site changes (only ever served by `serve`).
const RELOAD_JS: &str = "(function(){var seen=null;function poll(){fetch('/__explainer/version',{cache:'no-store'}).then(function(r){return r.text();}).then(function(v){if(seen===null){seen=v;}else if(v!==seen){location.reload();}}).catch(function(){}).then(function(){setTimeout(poll,300);});}poll();})();\n";

/// Every file of a served site, by output path; cheap to copy.
type Served = std::collections::BTreeMap<String, Arc<[u8]>>;

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
        }
    }

    /// Builds the site into memory, reusing parsed files and analysed articles, and
    /// rendering again only the pages the change touches.
    fn build(&mut self) -> Built {
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
        let (prepared, mut diags) = crate::prepare_with(&opts, Some(&mut self.caches))?;
        let Some(prepared) = prepared else {
            return Ok(Err(diags));
        };
        let last = self.last.take().filter(|l| {
            l.prepared.templates.fingerprint == prepared.templates.fingerprint
                && l.prepared
                    .statics
                    .iter()
                    .map(|s| &s.path)
                    .eq(prepared.statics.iter().map(|s| &s.path))
        });
        let touched = last
            .as_ref()
            .and_then(|l| crate::render::affected::affected(&l.prepared.site, &prepared.site));
        let (mut files, mut rendered) = match (last, &touched) {
            (Some(l), Some(_)) => (l.files, l.rendered),
            _ => (Served::new(), crate::render::Rendered::default()),
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
        files.extend(fresh.into_iter().map(|(p, b)| (p, Arc::from(b))));
        for s in &prepared.statics {
            let bytes = std::fs::read(&s.source)
                .with_context(|| format!("failed to read {}", s.source.display()))?;
            files.insert(s.path.clone(), Arc::from(bytes));
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
    let mut session = Session::new(root);
    let state = Arc::new(RwLock::new(State {
        built: rebuild(&mut session),
        version: 1,
    }));
    let _watcher = watch(root, session, Arc::clone(&state))?;
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

fn rebuild(session: &mut Session) -> Built {
    let started = Instant::now();
    let built = session.build();
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

/// Watches the site's folders; rebuilds and bumps the version on every change.
fn watch(
    root: &Path,
    mut session: Session,
    state: Arc<RwLock<State>>,
) -> Result<notify::RecommendedWatcher> {
    use notify::{EventKind, RecursiveMode, Watcher};
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let root_buf = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let filter_root = root_buf.clone();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(event) = res else { return };
        // Reading the files to build them is an event too: only changes count.
        let change = matches!(event.kind, EventKind::Create(_) | EventKind::Remove(_))
            || matches!(event.kind, EventKind::Modify(m) if !matches!(m, notify::event::ModifyKind::Metadata(_)));
        let ours = event.paths.iter().any(|p| {
            p.strip_prefix(&filter_root)
                .ok()
                .and_then(|p| p.components().next())
                .is_some_and(|c| ["content", "templates", "static"].iter().any(|w| c.as_os_str() == *w))
        });
        if change && ours {
            let _ = tx.send(());
        }
    })
    .context("cannot watch the site's files")?;
    watcher
        .watch(&root_buf, RecursiveMode::Recursive)
        .with_context(|| format!("cannot watch {}", root.display()))?;
    std::thread::spawn(move || {
        while rx.recv().is_ok() {
            // An editor's save is often several events: wait until they settle.
            while rx.recv_timeout(Duration::from_millis(30)).is_ok() {}
            let built = rebuild(&mut session);
            if let Ok(mut s) = state.write() {
                s.built = built;
                s.version += 1;
            }
        }
    });
    Ok(watcher)
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
    if let Some(bytes) = files.get(&file) {
        return reply(200, content_type(&file), served(&file, bytes));
    }
    if files.contains_key(&format!("{rel}/index.html")) {
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

    fn served(session: &mut Session) -> Files {
        match session.build() {
            Built::Site(files) => files.into_iter().map(|(p, b)| (p, b.to_vec())).collect(),
            Built::Failed(text) => panic!("{text}"),
        }
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
            differ(&served(&mut session), &full(root)),
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
            let files = served(&mut session);
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
        }
    }
}
