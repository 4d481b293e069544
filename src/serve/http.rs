//! Answering one request: the guard first (nothing of the site is looked at before
//! it), then the server's own endpoints, then the files of the site as last built, or
//! the page of its errors. Every answer carries the same protective headers.

use http_body_util::Full;
use hyper::body::Bytes;

use super::Snapshot;
use super::guard::{self, Hosts, Refusal};
use super::session::Built;

/// The path under which the server answers its own requests (never a page's).
pub(super) const OWN: &str = "/__explainer/";

/// The script that reloads a page when the site changes (only ever served by `serve`):
/// it asks for the version of the site every 300 ms, from the page's own origin.
const RELOAD_JS: &str = "(function(){var seen=null;function poll(){fetch('/__explainer/version',{cache:'no-store'}).then(function(r){return r.text();}).then(function(v){if(seen===null){seen=v;}else if(v!==seen){location.reload();}}).catch(function(){}).then(function(){setTimeout(poll,300);});}poll();})();\n";

/// The one line a request for another host gets: nothing of the site.
const NOT_OUR_HOST: &str =
    "forbidden: this server does not answer to the host this request names (see --allow-host)\n";

/// Sent with every answer. No `Access-Control-*` header is ever sent: no other origin
/// may read anything.
const ALWAYS: &[(&str, &str)] = &[
    ("Cache-Control", "no-store"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    ("X-Frame-Options", "SAMEORIGIN"),
];

/// What the server says to a request, before it becomes a response.
#[derive(Debug)]
pub(super) struct Answer {
    pub(super) status: u16,
    pub(super) content_type: &'static str,
    pub(super) body: Vec<u8>,
    /// More headers (`Location`, `Allow`).
    pub(super) headers: Vec<(&'static str, String)>,
    /// Why the request was refused, for the terminal.
    pub(super) refused: Option<Refusal>,
}

impl Answer {
    fn new(status: u16, content_type: &'static str, body: Vec<u8>) -> Answer {
        Answer {
            status,
            content_type,
            body,
            headers: Vec::new(),
            refused: None,
        }
    }

    fn text(status: u16, line: &str) -> Answer {
        Answer::new(
            status,
            "text/plain; charset=utf-8",
            line.as_bytes().to_vec(),
        )
    }

    fn with(mut self, name: &'static str, value: String) -> Answer {
        self.headers.push((name, value));
        self
    }

    /// The response to send, with the headers every answer carries.
    pub(super) fn into_response(self) -> hyper::Response<Full<Bytes>> {
        let mut r = hyper::Response::new(Full::new(Bytes::from(self.body)));
        *r.status_mut() = hyper::StatusCode::from_u16(self.status)
            .unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
        let headers = [("Content-Type", self.content_type)]
            .into_iter()
            .chain(ALWAYS.iter().copied())
            .chain(self.headers.iter().map(|(n, v)| (*n, v.as_str())));
        for (name, value) in headers {
            if let Ok(value) = hyper::header::HeaderValue::from_str(value) {
                r.headers_mut().append(name, value);
            }
        }
        r
    }
}

/// The answer to `method target` with `headers` (name, value), from `site`.
pub(super) fn answer(
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    hosts: &Hosts,
    site: &Snapshot,
) -> Answer {
    let values = |name: &str| -> Vec<&str> {
        headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| *v)
            .collect()
    };
    let host = values("Host");
    let path = match guard::admit(hosts, target, &host) {
        Ok(path) => path,
        Err(Refusal::BadTarget) => {
            return Answer::text(400, "bad request: the target is not a path\n");
        }
        Err(refusal) => {
            let mut a = Answer::text(403, NOT_OUR_HOST);
            a.refused = Some(refusal);
            return a;
        }
    };
    if method != "GET" && method != "HEAD" {
        return Answer::text(405, "method not allowed: this server only reads\n")
            .with("Allow", "GET, HEAD".into());
    }
    let path = path.split(['?', '#']).next().unwrap_or("/");
    if let Some(own) = path.strip_prefix(OWN) {
        if !guard::same_origin(host[0], &values("Sec-Fetch-Site"), &values("Origin")) {
            return Answer::text(403, "forbidden: only the site's own pages may ask this\n");
        }
        return match own {
            "version" => Answer::new(200, "text/plain", site.version.to_string().into_bytes()),
            "reload.js" => Answer::new(200, "text/javascript", RELOAD_JS.as_bytes().to_vec()),
            _ => Answer::text(404, "not found\n"),
        };
    }
    let files = match &site.built {
        Built::Site(files) => files,
        Built::Failed(text) => {
            return Answer::new(
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
        return Answer::new(200, content_type(&file), served(&file, bytes));
    }
    if files.contains_key(format!("{rel}/index.html").as_str()) {
        return Answer::text(301, "").with("Location", format!("/{rel}/"));
    }
    match files.get("404.html") {
        Some(b) => Answer::new(404, "text/html; charset=utf-8", served("404.html", b)),
        None => Answer::text(404, "not found\n"),
    }
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

    fn site() -> Snapshot {
        let files = [
            ("index.html", "<body>secret draft</body>"),
            ("a/index.html", "<body>page a</body>"),
            ("404.html", "<body>site 404</body>"),
        ];
        Snapshot {
            built: Built::Site(
                files
                    .into_iter()
                    .map(|(p, b)| (p.into(), b.as_bytes().into()))
                    .collect(),
            ),
            version: 7,
        }
    }

    fn ask(method: &str, target: &str, headers: &[(&str, &str)], site: &Snapshot) -> Answer {
        let hosts = Hosts::new(std::net::Ipv4Addr::LOCALHOST.into(), 1111, &[]);
        answer(method, target, headers, &hosts, site)
    }

    const OURS: (&str, &str) = ("Host", "127.0.0.1:1111");

    #[test]
    fn another_host_gets_one_line_and_nothing_of_the_site() {
        let failed = Snapshot {
            built: Built::Failed("error: content/secret.md:1: embargoed\n".into()),
            version: 1,
        };
        for snapshot in [site(), failed] {
            for target in ["/", "/a/", "/__explainer/version", "/nothing"] {
                let a = ask("GET", target, &[("host", "evil.example:1111")], &snapshot);
                assert_eq!(a.status, 403);
                assert_eq!(a.body, NOT_OUR_HOST.as_bytes());
                assert_eq!(NOT_OUR_HOST.lines().count(), 1);
                assert_eq!(a.refused, Some(Refusal::Host("evil.example:1111".into())));
            }
        }
        let a = ask("GET", "/", &[], &site());
        assert_eq!((a.status, a.refused), (403, Some(Refusal::NoHost)));
        let a = ask("GET", "http://evil.example:1111/", &[OURS], &site());
        assert_eq!(a.status, 403);
        let a = ask("GET", "http://localhost:1111/a/", &[OURS], &site());
        assert_eq!((a.status, a.body.starts_with(b"<body>page a")), (200, true));
    }

    #[test]
    fn only_reads_are_answered() {
        for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
            let a = ask(method, "/", &[OURS], &site());
            assert_eq!(a.status, 405);
            assert!(!String::from_utf8_lossy(&a.body).contains("secret"));
        }
        assert_eq!(ask("HEAD", "/", &[OURS], &site()).status, 200);
    }

    #[test]
    fn own_endpoints_refuse_other_sites() {
        let version =
            |headers: &[(&str, &str)]| ask("GET", "/__explainer/version", headers, &site());
        let ok = version(&[OURS, ("Sec-Fetch-Site", "same-origin")]);
        assert_eq!((ok.status, ok.body), (200, b"7".to_vec()));
        for other in [
            ("Sec-Fetch-Site", "cross-site"),
            ("Origin", "http://evil.example"),
            ("Origin", "null"),
        ] {
            let a = version(&[OURS, other]);
            assert_eq!(a.status, 403, "{other:?}");
            assert!(!a.body.contains(&b'7'));
        }
        let script = ask(
            "GET",
            "/__explainer/reload.js",
            &[OURS, ("Sec-Fetch-Site", "cross-site")],
            &site(),
        );
        assert_eq!(script.status, 403);
    }

    #[test]
    fn every_answer_carries_the_protective_headers_and_none_for_other_origins() {
        for a in [
            ask("GET", "/", &[OURS], &site()),
            ask("GET", "/", &[("Host", "evil.example")], &site()),
            ask("GET", "/a", &[OURS], &site()),
            ask(
                "GET",
                "/nothing",
                &[OURS, ("Origin", "http://evil.example")],
                &site(),
            ),
        ] {
            let status = a.status;
            let r = a.into_response();
            let names: Vec<String> = r.headers().keys().map(|n| n.to_string()).collect();
            for (name, _) in ALWAYS {
                assert!(
                    names.iter().any(|n| n.eq_ignore_ascii_case(name)),
                    "{status}: {names:?}"
                );
            }
            assert!(
                !names
                    .iter()
                    .any(|n| n.to_ascii_lowercase().starts_with("access-control")),
                "{names:?}"
            );
        }
    }
}
