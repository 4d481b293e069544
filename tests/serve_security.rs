//! What `explainer serve` answers, and to whom, against the real binary: a spoofed
//! `Host` (DNS rebinding) gets nothing of the site, `--allow-host` and `--bind` add
//! hosts on purpose, every answer carries the protective headers, and the reload
//! endpoint answers only the site's own pages.

mod common;
mod serve_support;

use common::*;
use serve_support::{Reply, Server};

/// A GET of `path` with `host` as its `Host` header and `more` header lines.
fn get_as(server: &Server, path: &str, host: &str, more: &str) -> Reply {
    server
        .send(&format!(
            "GET {path} HTTP/1.1\r\nHost: {host}\r\n{more}Connection: close\r\n\r\n"
        ))
        .unwrap()
}

/// Asserts a reply is the one-line refusal, with nothing of the site in it.
#[track_caller]
fn refused(reply: &Reply, what: &str) {
    assert_eq!(reply.status, 403, "{what}: {reply:?}");
    let text = reply.text();
    assert_eq!(text.lines().count(), 1, "{what}: {text:?}");
    assert!(text.starts_with("forbidden: "), "{what}: {text:?}");
    for secret in ["Bob", "Story", "error", "<", "__explainer"] {
        assert!(!text.contains(secret), "{what}: {text:?} holds {secret:?}");
    }
    assert_eq!(
        reply.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
}

#[test]
fn a_request_for_another_host_gets_nothing_of_the_site() {
    let site = TempSite::new(&small_site());
    let server = Server::start(site.root(), &[]);
    let port = server.port;
    for path in [
        "/",
        "/articles/story/",
        "/style.css",
        "/no/such/page/",
        "/__explainer/version",
        "/__explainer/reload.js",
    ] {
        refused(
            &get_as(&server, path, &format!("evil.example:{port}"), ""),
            path,
        );
    }
    for host in [
        format!("EVIL.example.:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        "127.0.0.1".to_string(),
        format!("[::ffff:127.0.0.1]:{port}"),
        format!("localhost:{port}@evil.example"),
    ] {
        refused(&get_as(&server, "/", &host, ""), &host);
    }
    // No Host at all (HTTP/1.0), two of them, and an absolute target for another host.
    let no_host = server.send("GET / HTTP/1.0\r\n\r\n").unwrap();
    refused(&no_host, "no Host");
    let two = format!("127.0.0.1:{port}\r\nHost: evil.example:{port}");
    refused(&get_as(&server, "/", &two, ""), "two Host headers");
    let absolute = format!("http://evil.example:{port}/articles/story/");
    refused(&get_as(&server, &absolute, &server.host(), ""), &absolute);

    // The names of this machine, however written, are answered.
    for host in [
        format!("LocalHost:{port}"),
        format!("localhost.:{port}"),
        format!("[::1]:{port}"),
        format!("[0:0::1]:{port}"),
    ] {
        let page = get_as(&server, "/articles/story/", &host, "");
        assert_eq!(page.status, 200, "{host}");
        assert!(
            page.text().contains("<h1>Story</h1>"),
            "{host}: {}",
            page.text()
        );
    }
    let absolute = format!("http://localhost:{port}/articles/story/");
    assert_eq!(get_as(&server, &absolute, &server.host(), "").status, 200);

    // The terminal is told once which host was refused, and nothing is a warning. The
    // server may print after it answers: wait for each line, not the first alone.
    server.wait_for_output(&format!(
        "refused a request for host \"evil.example:{port}\""
    ));
    let said = server.wait_for_output("refused a request without a single Host header");
    assert_eq!(
        said.matches(&format!("\"evil.example:{port}\"")).count(),
        1,
        "{said}"
    );
    assert!(
        said.contains("refused a request without a single Host header"),
        "{said}"
    );
    assert!(!said.contains("warning"), "{said}");

    // Nor are the diagnostics of a broken site shown to another host.
    site.write(
        "content/actors/bob-jones.md",
        "+++\nname = \"Bob Jones\"\nkind = person\n+++\n",
    );
    server.wait_for("/actors/bob-jones/", |r| r.status == 500);
    refused(
        &get_as(
            &server,
            "/actors/bob-jones/",
            &format!("evil.example:{port}"),
            "",
        ),
        "the error page",
    );
}

#[test]
fn allowed_hosts_are_answered_on_purpose_only() {
    let site = TempSite::new(&small_site());
    let server = Server::start(
        site.root(),
        &[
            "--allow-host",
            "preview.lan",
            "--allow-host",
            "tunnel.example:9000",
        ],
    );
    let port = server.port;
    for host in [
        format!("preview.lan:{port}"),
        format!("Preview.LAN.:{port}"),
        "tunnel.example:9000".to_string(),
    ] {
        assert_eq!(get_as(&server, "/", &host, "").status, 200, "{host}");
    }
    refused(
        &get_as(&server, "/", &format!("tunnel.example:{port}"), ""),
        "the port given",
    );
    refused(
        &get_as(&server, "/", "preview.lan:9000", ""),
        "the port served",
    );
    let said = server.stderr();
    assert!(
        said.contains(&format!("preview.lan:{port}, tunnel.example:9000")),
        "{said}"
    );

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_explainer"))
        .args([
            "serve",
            "--port",
            "0",
            "--allow-host",
            "evil.example/x",
            "--root",
        ])
        .arg(site.root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("--allow-host \"evil.example/x\" is not a host name"),
        "{text}"
    );
}

#[test]
fn serving_on_every_address_warns_and_answers_addresses_but_no_other_names() {
    let site = TempSite::new(&small_site());
    let server = Server::start(site.root(), &["--bind", "0.0.0.0"]);
    let port = server.port;
    let said = server.wait_for_output("warning:");
    assert!(
        said.contains("warning: serving on every address of this machine")
            && said.contains("anyone who can reach it can read the drafts"),
        "{said}"
    );
    // A colleague's browser names the machine by its address on the network.
    for host in [format!("192.0.2.7:{port}"), format!("[2001:db8::7]:{port}")] {
        assert_eq!(get_as(&server, "/", &host, "").status, 200, "{host}");
    }
    refused(
        &get_as(&server, "/", &format!("my-laptop.local:{port}"), ""),
        "a name",
    );
    refused(
        &get_as(&server, "/", &format!("192.0.2.7:{}", port ^ 1), ""),
        "a port",
    );
}

#[test]
fn every_answer_carries_the_protective_headers_and_none_for_other_origins() {
    let site = TempSite::new(&small_site());
    let server = Server::start(site.root(), &[]);
    let host = server.host();
    let evil = "Origin: http://evil.example\r\n";
    for (path, host, status) in [
        ("/", host.as_str(), 200),
        ("/style.css", &host, 200),
        ("/articles/story", &host, 301),
        ("/no/such/page/", &host, 404),
        ("/", "evil.example", 403),
    ] {
        let reply = get_as(&server, path, host, evil);
        assert_eq!(reply.status, status, "{path}");
        assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(reply.header("referrer-policy"), Some("no-referrer"));
        assert!(
            !reply
                .headers
                .iter()
                .any(|(n, _)| n.starts_with("access-control-")),
            "{path}: {:?}",
            reply.headers
        );
    }
    let post = server
        .send(&format!(
            "POST / HTTP/1.1\r\nHost: {host}\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi"
        ))
        .unwrap();
    assert_eq!(
        (post.status, post.header("allow")),
        (405, Some("GET, HEAD"))
    );
}

#[test]
fn the_reload_endpoint_answers_only_the_sites_own_pages() {
    let site = TempSite::new(&small_site());
    let server = Server::start(site.root(), &[]);
    let host = server.host();
    let own = format!("Origin: http://{host}\r\n");
    for more in ["Sec-Fetch-Site: same-origin\r\n", own.as_str(), ""] {
        let version = get_as(&server, "/__explainer/version", &host, more);
        assert_eq!(version.status, 200, "{more}");
        assert!(version.text().parse::<u64>().is_ok());
    }
    for more in [
        "Sec-Fetch-Site: cross-site\r\n",
        "Sec-Fetch-Site: same-site\r\n",
        "Origin: http://evil.example\r\n",
        "Origin: null\r\n",
        "Sec-Fetch-Site: same-origin\r\nOrigin: http://localhost:1\r\n",
    ] {
        for path in ["/__explainer/version", "/__explainer/reload.js"] {
            let reply = get_as(&server, path, &host, more);
            assert_eq!(reply.status, 403, "{path} {more}");
            assert_eq!(reply.text().lines().count(), 1);
        }
    }
    // A page itself may be opened from a link on another site.
    let page = get_as(&server, "/", &host, "Sec-Fetch-Site: cross-site\r\n");
    assert_eq!(page.status, 200);
}
