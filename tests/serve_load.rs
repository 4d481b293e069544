//! `explainer serve` under load, against the real binary on 127.0.0.1 only: 50 open tabs
//! polling for reloads and a burst of 500 requests are all answered, the server's memory
//! stays flat, and a rebuild during the burst serves either the old or the new site,
//! never a mix. Bounded in requests and time; prints its figures (run it with
//! `--nocapture` to see them).

mod common;
mod serve_support;

use std::collections::BTreeSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;
use serve_support::{Server, Tab};

const TABS: usize = 50;
/// Requests in the burst; it goes on (up to `MOST`) until the rebuild has been served.
const BURST: usize = 500;
const MOST: usize = 5_000;
/// Connections the burst holds open at once.
const CLIENTS: usize = 50;
/// The pages asked for, the edited article first.
const PATHS: &[&str] = &[
    "/articles/budget-vote/",
    "/",
    "/articles/schools/",
    "/actors/jane-roe/",
    "/positions/carbon-tax/",
    "/style.css",
];

fn digest(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// The digest of every page of `PATHS`, as served now.
fn digests(server: &Server) -> Vec<u64> {
    PATHS
        .iter()
        .map(|p| digest(&server.wait_for(p, |r| r.status == 200).body))
        .collect()
}

/// What the polling tabs saw.
#[derive(Default)]
struct Polls {
    answered: usize,
    failed: usize,
    slowest: Duration,
    saw_rebuild: usize,
}

#[test]
fn fifty_polling_tabs_and_a_burst_of_500_requests_are_all_answered() {
    let site = TempSite::fixture("newsroom");
    let server = Server::start(site.root(), &[]);
    let port = server.port;
    let old = digests(&server);
    let started_version = server.get("/__explainer/version").unwrap().text();

    // 50 tabs poll the version as the reload script does, each on its connection.
    let stop = Arc::new(AtomicBool::new(false));
    let polls = Arc::new(Mutex::new(Polls::default()));
    let tabs: Vec<_> = (0..TABS)
        .map(|_| {
            let (stop, polls, first) = (stop.clone(), polls.clone(), started_version.clone());
            std::thread::spawn(move || {
                let mut tab = Tab::open(port).ok();
                let mut saw = false;
                while !stop.load(Ordering::Relaxed) {
                    let asked = Instant::now();
                    let reply = tab.as_mut().map(|t| t.get("/__explainer/version"));
                    let mut p = polls.lock().unwrap();
                    match reply {
                        Some(Ok(r)) if r.status == 200 => {
                            p.answered += 1;
                            p.slowest = p.slowest.max(asked.elapsed());
                            saw |= r.text() != first;
                        }
                        _ => {
                            p.failed += 1;
                            tab = Tab::open(port).ok();
                        }
                    }
                    drop(p);
                    std::thread::sleep(Duration::from_millis(300));
                }
                polls.lock().unwrap().saw_rebuild += usize::from(saw);
            })
        })
        .collect();
    // Long enough that a poll left waiting for another connection to come shows.
    std::thread::sleep(Duration::from_secs(3));
    let rss_before = server.rss_kib();

    // The burst: fresh connections, and an edit of the first page once 100 are answered.
    let done = Arc::new(AtomicUsize::new(0));
    let saw_new = Arc::new(AtomicBool::new(false));
    let seen = Arc::new(Mutex::new(Vec::<(usize, u16, u64)>::new()));
    let began = Instant::now();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let (done, saw_new, seen) = (done.clone(), saw_new.clone(), seen.clone());
            let edited_before = old[0];
            let server_port = port;
            std::thread::spawn(move || {
                let mut i = c;
                loop {
                    let n = done.load(Ordering::Relaxed);
                    let enough = n >= BURST && saw_new.load(Ordering::Relaxed);
                    if enough || n >= MOST || began.elapsed() > Duration::from_secs(60) {
                        return;
                    }
                    let which = i % PATHS.len();
                    i += 1;
                    let reply = serve_support::get_once(server_port, PATHS[which]);
                    let (status, d) = reply.map_or((0, 0), |r| (r.status, digest(&r.body)));
                    if which == 0 && status == 200 && d != edited_before {
                        saw_new.store(true, Ordering::Relaxed);
                    }
                    seen.lock().unwrap().push((which, status, d));
                    done.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    while done.load(Ordering::Relaxed) < 100 && began.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(1));
    }
    let text = std::fs::read_to_string(site.root().join("content/articles/budget-vote.md"))
        .unwrap()
        .replacen("won the vote at 3 a.m.", "won the vote at 4 a.m.", 1);
    site.write("content/articles/budget-vote.md", &text);
    for c in clients {
        c.join().unwrap();
    }
    let burst_time = began.elapsed();

    // The new site, once built; then the tabs stop.
    server.wait_for(PATHS[0], |r| r.text().contains("4 a.m."));
    let new = digests(&server);
    std::thread::sleep(Duration::from_secs(1));
    stop.store(true, Ordering::Relaxed);
    for t in tabs {
        t.join().unwrap();
    }
    let rss_after = server.rss_kib();

    let seen = seen.lock().unwrap();
    let polls = polls.lock().unwrap();
    let (mut olds, mut news) = (0, 0);
    for (which, status, d) in seen.iter() {
        assert_eq!(*status, 200, "{}: not answered", PATHS[*which]);
        assert!(
            *d == old[*which] || *d == new[*which],
            "{}: neither the old nor the new build",
            PATHS[*which]
        );
        if old[*which] != new[*which] {
            if *d == old[*which] {
                olds += 1
            } else {
                news += 1
            }
        }
    }
    let changed: BTreeSet<&str> = (0..PATHS.len())
        .filter(|&i| old[i] != new[i])
        .map(|i| PATHS[i])
        .collect();
    println!(
        "serve under load: {} burst requests from {CLIENTS} connections at once answered in {} ms \
         (of the pages the edit changed, {olds} served old and {news} new: {changed:?}); \
         {TABS} tabs polling: {} polls answered, {} failed, slowest {} ms, {} of {TABS} saw the rebuild; \
         server RSS {} KiB before, {} KiB after",
        seen.len(),
        burst_time.as_millis(),
        polls.answered,
        polls.failed,
        polls.slowest.as_millis(),
        polls.saw_rebuild,
        rss_before,
        rss_after,
    );
    assert!(
        seen.len() >= BURST && news > 0,
        "the rebuild came during the burst"
    );
    assert_eq!(polls.failed, 0, "every poll answered");
    assert_eq!(polls.saw_rebuild, TABS, "every tab sees the new version");
    assert!(
        polls.slowest < Duration::from_secs(2),
        "polls stay quick, and none waits for other connections"
    );
    assert!(
        rss_after < rss_before + 64 * 1024,
        "memory stays flat: {rss_before} KiB before, {rss_after} KiB after"
    );
}

/// Connections that a browser opens together (a page, its stylesheet, the reload script,
/// spare ones) are each answered at once, none left waiting until another connection
/// comes; before, the server's pool of connection threads could miss one.
#[test]
fn connections_opened_together_are_each_answered_without_waiting_for_another() {
    let site = TempSite::new(&small_site());
    let server = Server::start(site.root(), &[]);
    let port = server.port;
    for round in 0..5 {
        let gate = Arc::new(std::sync::Barrier::new(20));
        let tabs: Vec<_> = (0..20)
            .map(|_| {
                let gate = gate.clone();
                std::thread::spawn(move || {
                    let mut tab = Tab::open(port).unwrap();
                    gate.wait();
                    let asked = Instant::now();
                    let answered = tab.get("/__explainer/version").map(|r| r.status);
                    // The connection stays open, as a tab keeps it.
                    (answered, asked.elapsed(), tab)
                })
            })
            .collect();
        let done: Vec<_> = tabs.into_iter().map(|t| t.join().unwrap()).collect();
        let mut slowest = Duration::ZERO;
        for (answered, took, _tab) in &done {
            assert_eq!(answered.as_ref().ok(), Some(&200), "round {round}");
            slowest = slowest.max(*took);
        }
        assert!(
            slowest < Duration::from_secs(2),
            "round {round}: a request waited {} ms",
            slowest.as_millis()
        );
    }
}
