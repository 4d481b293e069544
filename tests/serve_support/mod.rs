//! Helpers of the `serve` end-to-end tests: start the real binary on a free port of
//! 127.0.0.1, keep what it prints, and talk HTTP to it.
//!
//! The requests are written by hand on a TCP stream rather than with an HTTP client
//! crate: the tests need exactly the bytes a hostile page or a browser would send (a
//! spoofed or missing `Host`, an absolute target, `Origin`), which clients normalise.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A running `explainer serve`; stopped when dropped.
pub struct Server {
    child: Child,
    pub port: u16,
    /// Everything it has printed to stderr so far.
    stderr: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port that was free a moment ago.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Server {
    /// Starts `explainer serve --port P ARGS` on the site at `root`, and waits for its
    /// front page.
    pub fn start(root: &Path, args: &[&str]) -> Server {
        let port = free_port();
        let mut child = Command::new(env!("CARGO_BIN_EXE_explainer"))
            .args(["serve", "--port", &port.to_string()])
            .args(args)
            .arg("--root")
            .arg(root)
            .env_remove("RUST_BACKTRACE")
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        let pipe = child.stderr.take().unwrap();
        let into = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines() {
                let Ok(line) = line else { return };
                let mut all = into.lock().unwrap();
                all.push_str(&line);
                all.push('\n');
            }
        });
        let server = Server {
            child,
            port,
            stderr,
        };
        server.wait_for("/", |r| r.status == 200);
        server
    }

    /// The process id, for /proc.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// What the server has printed so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits (up to 10 s) until the server has printed a line containing `text`.
    pub fn wait_for_output(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let all = self.stderr();
            if all.contains(text) {
                return all;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "the server never printed {text:?}; it printed:\n{all}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// `Host` as a browser at http://127.0.0.1:PORT/ sends it.
    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// A GET of `path` as a browser on the site's own address sends it.
    pub fn get(&self, path: &str) -> Option<Reply> {
        get_once(self.port, path)
    }

    /// Sends `head` (a whole request) on a new connection; reads the reply to its end.
    pub fn send(&self, head: &str) -> Option<Reply> {
        send_to(self.port, head)
    }

    /// Polls `path` until `ok` holds (or fails the test after 10 s).
    pub fn wait_for(&self, path: &str, ok: impl Fn(&Reply) -> bool) -> Reply {
        let start = Instant::now();
        loop {
            if let Some(reply) = self.get(path) {
                if ok(&reply) {
                    return reply;
                }
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "timed out waiting for {path}; the server printed:\n{}",
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The server's resident memory, in KiB (VmRSS of /proc/PID/status).
    pub fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap()
    }
}

/// A GET of `path` on a new connection to 127.0.0.1:`port`, as a browser there sends it.
pub fn get_once(port: u16, path: &str) -> Option<Reply> {
    send_to(
        port,
        &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"),
    )
}

/// Sends `head` (a whole request) on a new connection; reads the reply to its end.
pub fn send_to(port: u16, head: &str) -> Option<Reply> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    stream.write_all(head.as_bytes()).ok()?;
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).ok()?;
    Reply::parse(&bytes)
}

/// A response: status, headers (names in lower case) and body.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    /// A whole response as read up to the closing of the connection.
    pub fn parse(bytes: &[u8]) -> Option<Reply> {
        let end = bytes.windows(4).position(|w| w == b"\r\n\r\n")?;
        let head = std::str::from_utf8(&bytes[..end]).ok()?;
        let mut lines = head.split("\r\n");
        let status = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let mut body = bytes[end + 4..].to_vec();
        let chunked = headers
            .iter()
            .any(|(n, v)| n == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"));
        if chunked {
            body = unchunk(&body)?;
        }
        Some(Reply {
            status,
            headers,
            body,
        })
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The value of header `name` (lower case), if sent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The body of a chunked response.
fn unchunk(mut bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = bytes.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&bytes[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        bytes = &bytes[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(bytes.get(..size)?);
        bytes = bytes.get(size + 2..)?;
    }
}

/// One keep-alive connection, as a browser tab holds one: requests one after another.
pub struct Tab {
    reader: BufReader<TcpStream>,
    port: u16,
}

impl Tab {
    pub fn open(port: u16) -> std::io::Result<Tab> {
        let stream = TcpStream::connect(("127.0.0.1", port))?;
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        Ok(Tab {
            reader: BufReader::new(stream),
            port,
        })
    }

    /// A same-origin GET of `path` (as the reload script's `fetch` sends it); the
    /// response must carry a Content-Length.
    pub fn get(&mut self, path: &str) -> std::io::Result<Reply> {
        let bad = |what: &str| std::io::Error::other(what.to_string());
        // In one write: pieces would wait on each other's acknowledgement (Nagle).
        let head = format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nSec-Fetch-Site: same-origin\r\n\r\n",
            self.port
        );
        self.reader.get_mut().write_all(head.as_bytes())?;
        let mut head = Vec::new();
        while !head.ends_with(b"\r\n\r\n") {
            let mut line = Vec::new();
            if self.reader.read_until(b'\n', &mut line)? == 0 {
                return Err(bad("closed"));
            }
            head.extend(line);
        }
        let mut reply = Reply::parse(&head).ok_or_else(|| bad("not HTTP"))?;
        let length: usize = reply
            .header("content-length")
            .and_then(|l| l.parse().ok())
            .ok_or_else(|| bad("no Content-Length"))?;
        reply.body = vec![0; length];
        self.reader.read_exact(&mut reply.body)?;
        Ok(reply)
    }
}
