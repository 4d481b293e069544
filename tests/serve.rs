//! `explainer serve` end to end: start it on a free port, fetch pages, edit files, and see
//! the site change, break, and come back.

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

struct Server(Child, u16);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(site: &TempSite) -> Server {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(env!("CARGO_BIN_EXE_explainer"))
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(site.root())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = Server(child, port);
    wait_for(&server, "/", |status, _| status == 200);
    server
}

/// A plain HTTP/1.0 GET: (status, body).
fn get(server: &Server, path: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", server.1)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").ok()?;
    let mut text = String::new();
    stream.read_to_string(&mut text).ok()?;
    let status = text.split_whitespace().nth(1)?.parse().ok()?;
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    Some((status, body))
}

/// Polls `path` until `ok` holds (or fails the test after 10 s).
fn wait_for(server: &Server, path: &str, ok: impl Fn(u16, &str) -> bool) -> String {
    let start = Instant::now();
    loop {
        if let Some((status, body)) = get(server, path) {
            if ok(status, &body) {
                return body;
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "timed out waiting for {path}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serves_rebuilds_on_change_and_survives_errors() {
    let site = TempSite::new(&small_site());
    let server = start(&site);
    let page = wait_for(&server, "/actors/bob-jones/", |s, _| s == 200);
    assert!(page.contains("Bob is a diplomat."));
    assert!(
        page.contains("/__explainer/reload.js"),
        "pages carry the reload script while serving"
    );
    let article = wait_for(&server, "/articles/story/", |s, _| s == 200);
    assert!(
        article.contains("href=\"../../actors/bob-jones/\""),
        "the same relative links as a deployment"
    );
    let version = wait_for(&server, "/__explainer/version", |s, _| s == 200);

    site.write("content/actors/bob-jones.md", "+++\nname = \"Bob Jones\"\nkind = \"person\"\naliases = [\"Bob\"]\n+++\n\nBob is now an envoy.\n");
    wait_for(&server, "/actors/bob-jones/", |_, b| {
        b.contains("Bob is now an envoy.")
    });
    let newer = wait_for(&server, "/__explainer/version", |s, _| s == 200);
    assert_ne!(version, newer, "the version the pages poll changes");

    site.write(
        "content/actors/bob-jones.md",
        "+++\nname = \"Bob Jones\"\nkind = person\n+++\n",
    );
    let error = wait_for(&server, "/actors/bob-jones/", |s, _| s == 500);
    assert!(
        error.contains("error: content/actors/bob-jones.md:3:"),
        "{error}"
    );

    site.write(
        "content/actors/bob-jones.md",
        "+++\nname = \"Bob Jones\"\nkind = \"person\"\n+++\n\nBob is back.\n",
    );
    wait_for(&server, "/actors/bob-jones/", |s, b| {
        s == 200 && b.contains("Bob is back.")
    });
    let (status, body) = get(&server, "/no/such/page/").unwrap();
    assert_eq!(status, 404);
    assert!(
        body.contains("Page not found") || body.contains("not"),
        "the site's 404 page"
    );
}
