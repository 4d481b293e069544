//! `explainer serve`: builds the site in memory, serves it on 127.0.0.1 (or the address
//! of `--bind`), rebuilds when a file of `content/`, `templates/` or `static/` changes,
//! and reloads open pages. A content error is shown as an error page (and in the
//! terminal); the server keeps running, and fixing the file brings the site back.
//!
//! `session` builds, `watch` sees changes, `guard` decides which requests are answered
//! at all, `http` answers them.

mod guard;
mod http;
mod session;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::mpsc::Receiver;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use anyhow::{Result, bail};

use guard::{Authority, Hosts, Refused};
use session::{Built, Session};
use watch::Change;

/// Where and to whom `serve` answers.
#[derive(Debug, Clone)]
pub struct Config {
    /// The port to listen on (0: one the system picks).
    pub port: u16,
    /// The address to listen on: 127.0.0.1 unless a preview on the network is wanted.
    pub bind: IpAddr,
    /// More hosts that requests may name, each `NAME` or `NAME:PORT` (`--allow-host`).
    pub allow_hosts: Vec<String>,
}

/// How many threads answer requests. An answer is a copy out of memory, so a few do;
/// a fixed number keeps memory flat however many requests come at once.
const WORKERS: usize = 8;

/// The site as last built, and the number of that build (which open pages poll). A
/// rebuild replaces the whole snapshot at once: a request is answered from one build.
struct Snapshot {
    built: Built,
    version: u64,
}

/// What the threads answering requests share.
struct Shared {
    site: RwLock<Arc<Snapshot>>,
    hosts: Hosts,
    refused: Refused,
}

/// Serves the site at `root` as `config` says until the process is stopped.
pub fn run(root: &Path, config: &Config) -> Result<()> {
    let mut allowed = Vec::new();
    for name in &config.allow_hosts {
        match Authority::parse(name.trim()) {
            Some(a) => allowed.push(a),
            None => bail!(
                "--allow-host {name:?} is not a host name or IP address, with maybe a port (e.g. preview.lan, 192.168.1.20 or localhost:9000)"
            ),
        }
    }
    let wanted = SocketAddr::new(config.bind, config.port);
    let server = tiny_http::Server::http(wanted)
        .map_err(|e| anyhow::anyhow!("cannot listen on {wanted}: {e}"))?;
    let port = server
        .server_addr()
        .to_ip()
        .map_or(config.port, |a| a.port());
    let hosts = Hosts::new(config.bind, port, &allowed);
    // Watching starts before the first build, so that no change goes unseen.
    let (_watcher, changes) = watch::watch(root)?;
    let mut session = Session::new(root);
    let first = Snapshot {
        built: rebuild(&mut session, Change::Everything),
        version: 1,
    };
    let shared = Arc::new(Shared {
        site: RwLock::new(Arc::new(first)),
        hosts,
        refused: Refused::default(),
    });
    keep_building(changes, session, Arc::clone(&shared));
    eprintln!("{}", announce(root, config.bind, port, &shared.hosts));
    let server = Arc::new(server);
    let (stopped, why) = std::sync::mpsc::channel();
    for _ in 0..WORKERS {
        let (server, shared, stopped) = (Arc::clone(&server), Arc::clone(&shared), stopped.clone());
        std::thread::spawn(move || {
            loop {
                match server.recv() {
                    Ok(request) => respond(request, &shared),
                    Err(e) => {
                        let _ = stopped.send(e);
                        return;
                    }
                }
            }
        });
    }
    match why.recv() {
        Ok(e) => bail!("the server stopped accepting connections: {e}"),
        Err(_) => bail!("the server stopped"),
    }
}

/// What the terminal is told when serving starts: where, and a warning when the drafts
/// can be read from other machines.
fn announce(root: &Path, bind: IpAddr, port: u16, hosts: &Hosts) -> String {
    let shown = match bind {
        IpAddr::V4(ip) if ip.is_unspecified() => "127.0.0.1".to_string(),
        IpAddr::V6(ip) if ip.is_unspecified() => "[::1]".to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    let mut text = format!(
        "serving {} at http://{shown}:{port}/ (Ctrl-C to stop)",
        root.display()
    );
    if !bind.is_loopback() {
        let place = if bind.is_unspecified() {
            format!("every address of this machine (port {port})")
        } else {
            format!("{}", SocketAddr::new(bind, port))
        };
        text.push_str(&format!(
            "\nwarning: serving on {place}: anyone who can reach it can read the drafts and the error messages of this site"
        ));
    }
    text.push_str(&format!("\nanswering requests for {}", hosts.describe()));
    text
}

/// Answers one request from the snapshot current when it arrived.
fn respond(request: tiny_http::Request, shared: &Shared) {
    let site = match shared.site.read() {
        Ok(site) => Arc::clone(&site),
        Err(_) => return,
    };
    let answer = http::answer(
        request.method(),
        request.url(),
        request.headers(),
        &shared.hosts,
        &site,
    );
    drop(site);
    if let Some(refusal) = &answer.refused {
        if let Some(line) = shared.refused.first(refusal, &shared.hosts) {
            eprintln!("{line}");
        }
    }
    let _ = request.respond(answer.into_response());
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

/// Rebuilds and bumps the version after every change, on a thread of its own.
fn keep_building(changes: Receiver<Change>, mut session: Session, shared: Arc<Shared>) {
    std::thread::spawn(move || {
        while let Ok(mut change) = changes.recv() {
            // An editor's save is often several events: wait until they settle.
            while let Ok(more) = changes.recv_timeout(Duration::from_millis(30)) {
                change = change.and(more);
            }
            let built = rebuild(&mut session, change);
            if let Ok(mut site) = shared.site.write() {
                let version = site.version + 1;
                *site = Arc::new(Snapshot { built, version });
            }
        }
    });
}
