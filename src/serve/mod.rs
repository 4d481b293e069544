//! `explainer serve`: builds the site in memory, serves it on 127.0.0.1 (or the address
//! of `--bind`), rebuilds when a file of `content/`, `templates/`, `static/` or `i18n/`
//! changes, and reloads open pages. A content error is shown as an error page (and in the
//! terminal); the server keeps running, and fixing the file brings the site back.
//!
//! `session` builds, `watch` sees changes, `guard` decides which requests are answered
//! at all, `http` answers them.

mod guard;
mod http;
mod served;
mod session;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::mpsc::Receiver;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

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

/// How many threads answer requests. An answer is a copy out of memory, so a few do.
const WORKERS: usize = 4;

/// At most this many connections are served at once; more wait to be accepted. Each is
/// a task with its buffers, so memory stays bounded however many come.
const CONNECTIONS: usize = 512;

/// A connection that sends no whole request head in this time (an idle one kept alive
/// too) is closed; browsers open a new one when they need it.
const HEAD_TIMEOUT: Duration = Duration::from_secs(30);

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
    let listener = std::net::TcpListener::bind(wanted)
        .with_context(|| format!("cannot listen on {wanted}"))?;
    let port = listener.local_addr().map_or(config.port, |a| a.port());
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
    listener.set_nonblocking(true)?;
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(WORKERS)
        .enable_all()
        .build()
        .context("cannot start the server's threads")?
        .block_on(serve(listener, shared))
}

/// Accepts connections for ever, each answered by HTTP/1.1 on a task of its own.
async fn serve(listener: std::net::TcpListener, shared: Arc<Shared>) -> Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let slots = Arc::new(tokio::sync::Semaphore::new(CONNECTIONS));
    loop {
        let slot = Arc::clone(&slots).acquire_owned().await?;
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors, or a connection gone before it was accepted:
            // neither stops the server.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let shared = Arc::clone(&shared);
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let response = respond(&request, &shared);
                async move { Ok::<_, std::convert::Infallible>(response) }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEAD_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service)
                .await;
            drop(slot);
        });
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
fn respond<B>(
    request: &hyper::Request<B>,
    shared: &Shared,
) -> hyper::Response<http_body_util::Full<hyper::body::Bytes>> {
    let site = match shared.site.read() {
        Ok(site) => Arc::clone(&site),
        Err(poisoned) => Arc::clone(&poisoned.into_inner()),
    };
    // A value that is not visible ASCII is read as empty: no check accepts it.
    let headers: Vec<(&str, &str)> = request
        .headers()
        .iter()
        .map(|(n, v)| (n.as_str(), v.to_str().unwrap_or("")))
        .collect();
    let target = request.uri().to_string();
    let answer = http::answer(
        request.method().as_str(),
        &target,
        &headers,
        &shared.hosts,
        &site,
    );
    drop(site);
    if let Some(refusal) = &answer.refused {
        if let Some(line) = shared.refused.first(refusal, &shared.hosts) {
            eprintln!("{line}");
        }
    }
    answer.into_response()
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
/// An edit's pages are served first; its search index follows unless another edit is
/// waiting (the index is written whole, a second's work on a big site).
fn keep_building(changes: Receiver<Change>, mut session: Session, shared: Arc<Shared>) {
    use std::sync::mpsc::RecvTimeoutError;
    // The site's files replace the snapshot's; `reload` tells open pages to load again.
    let publish = move |built: Built, reload: bool| {
        if let Ok(mut site) = shared.site.write() {
            let version = site.version + u64::from(reload);
            *site = Arc::new(Snapshot { built, version });
        }
    };
    std::thread::spawn(move || {
        let mut waiting = None;
        while let Some(mut change) = waiting.take().or_else(|| changes.recv().ok()) {
            // An editor's save is often several events: wait until they settle.
            while let Ok(more) = changes.recv_timeout(Duration::from_millis(30)) {
                change = change.and(more);
            }
            publish(rebuild(&mut session, change), true);
            match changes.recv_timeout(Duration::from_millis(50)) {
                Ok(more) => {
                    waiting = Some(more);
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => break,
                Err(RecvTimeoutError::Timeout) => {}
            }
            let started = Instant::now();
            if let Some(files) = session.index() {
                eprintln!(
                    "search index written in {} ms",
                    started.elapsed().as_millis()
                );
                publish(Built::Site(files), false);
            }
        }
    });
}
