//! Which requests `serve` answers at all. A request must name one of the server's own
//! hosts (in its `Host` header, and in its target when that is absolute): a web page
//! whose host name has been pointed at this machine (DNS rebinding) names its own host,
//! and is refused before anything of the site is looked at. The server's own endpoints
//! (the reload script and the version it polls) answer only the site's own pages.

use std::collections::BTreeSet;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::Mutex;

/// A host as a request names it: an IP address, or a name in lower case without a final
/// dot (`LocalHost.` and `localhost` are one DNS name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Host {
    Ip(IpAddr),
    Name(String),
}

impl fmt::Display for Host {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Host::Ip(IpAddr::V6(ip)) => write!(f, "[{ip}]"),
            Host::Ip(ip) => write!(f, "{ip}"),
            Host::Name(name) => f.write_str(name),
        }
    }
}

/// A host and maybe a port, as in a `Host` header, an `Origin` or an absolute target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Authority {
    pub(super) host: Host,
    pub(super) port: Option<u16>,
}

impl Authority {
    /// Parses `name[:port]`, `a.b.c.d[:port]` or `[v6][:port]`; `None` for anything
    /// else (user info, a zone, percent escapes, an empty or oversized port). Written
    /// here rather than with a URL crate: a `Host` header is not a URL, and what is
    /// accepted must be exactly what is listed in the README.
    pub(super) fn parse(s: &str) -> Option<Authority> {
        let (host, port) = if let Some(rest) = s.strip_prefix('[') {
            let (ip, rest) = rest.split_once(']')?;
            (Host::Ip(IpAddr::V6(ip.parse::<Ipv6Addr>().ok()?)), rest)
        } else {
            let end = s.find(':').unwrap_or(s.len());
            let name = s[..end].to_ascii_lowercase();
            let name = name.strip_suffix('.').unwrap_or(&name);
            let host = match name.parse::<Ipv4Addr>() {
                Ok(ip) => Host::Ip(IpAddr::V4(ip)),
                Err(_) => {
                    let label = |c: u8| c.is_ascii_alphanumeric() || c == b'-' || c == b'_';
                    let labels_ok = name
                        .split('.')
                        .all(|l| !l.is_empty() && l.len() <= 63 && l.bytes().all(label));
                    if !labels_ok || name.len() > 253 {
                        return None;
                    }
                    Host::Name(name.to_string())
                }
            };
            (host, &s[end..])
        };
        let port = match port.strip_prefix(':') {
            None if port.is_empty() => None,
            Some(p) if !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()) => {
                Some(p.parse().ok()?)
            }
            _ => return None,
        };
        Some(Authority { host, port })
    }

    /// The port, or HTTP's default when none is written.
    fn port_or_default(&self) -> u16 {
        self.port.unwrap_or(80)
    }
}

/// The hosts a server answers to, each with its port.
#[derive(Debug)]
pub(super) struct Hosts {
    port: u16,
    listed: Vec<(Host, u16)>,
    /// Serving on every address (`--bind 0.0.0.0` or `::`): any IP address is taken as
    /// one of this machine's. No page can rebind an IP address, only a name.
    any_ip: bool,
}

impl Hosts {
    /// The loopback names, the address served on, and the hosts of `--allow-host`
    /// (with `port` where they give none).
    pub(super) fn new(bind: IpAddr, port: u16, allowed: &[Authority]) -> Hosts {
        let mut listed = vec![
            (Host::Ip(Ipv4Addr::LOCALHOST.into()), port),
            (Host::Name("localhost".into()), port),
            (Host::Ip(Ipv6Addr::LOCALHOST.into()), port),
        ];
        if !bind.is_unspecified() {
            listed.push((Host::Ip(bind), port));
        }
        listed.extend(
            allowed
                .iter()
                .map(|a| (a.host.clone(), a.port.unwrap_or(port))),
        );
        let mut seen = Vec::new();
        listed.retain(|h| {
            let new = !seen.contains(h);
            seen.push(h.clone());
            new
        });
        Hosts {
            port,
            listed,
            any_ip: bind.is_unspecified(),
        }
    }

    pub(super) fn allows(&self, a: &Authority) -> bool {
        let port = a.port_or_default();
        self.listed.iter().any(|(h, p)| *h == a.host && *p == port)
            || (self.any_ip && matches!(a.host, Host::Ip(_)) && port == self.port)
    }

    /// The hosts answered to, for the terminal: `127.0.0.1:1111, localhost:1111, …`.
    pub(super) fn describe(&self) -> String {
        let mut list: Vec<String> = self
            .listed
            .iter()
            .map(|(h, p)| format!("{h}:{p}"))
            .collect();
        if self.any_ip {
            list.push(format!("any IP address with port {}", self.port));
        }
        list.join(", ")
    }
}

/// Why a request is refused before anything of the site is looked at.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Refusal {
    /// The target is neither a path nor an `http://` URL: 400.
    BadTarget,
    /// No `Host` header, or more than one: 403.
    NoHost,
    /// A host (as the request wrote it) that is not one of ours: 403.
    Host(String),
}

/// The path a request asks for, if its target and its `Host` name this server.
pub(super) fn admit<'a>(
    hosts: &Hosts,
    target: &'a str,
    host_headers: &[&str],
) -> Result<&'a str, Refusal> {
    let (path, named) = if target.starts_with('/') {
        (target, None)
    } else if target.len() > 7 && target[..7].eq_ignore_ascii_case("http://") {
        // Absolute form: its authority names the host, and must be ours too.
        let rest = &target[7..];
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let path = &rest[end..];
        let path = if path.starts_with('/') { path } else { "/" };
        (path, Some(&rest[..end]))
    } else {
        return Err(Refusal::BadTarget);
    };
    let [host] = host_headers else {
        return Err(Refusal::NoHost);
    };
    for written in std::iter::once(*host).chain(named) {
        if !Authority::parse(written).is_some_and(|a| hosts.allows(&a)) {
            return Err(Refusal::Host(written.to_string()));
        }
    }
    Ok(path)
}

/// Whether a request comes from a page of the origin it names in `host` (already
/// admitted), judged by what browsers send: every `Sec-Fetch-Site` must say
/// `same-origin` (or `none`, for an address typed by hand) and every `Origin` must be
/// `http://` and that host. A client that sends neither is no page of another site.
pub(super) fn same_origin(host: &str, fetch_site: &[&str], origin: &[&str]) -> bool {
    let served = Authority::parse(host).map(|a| (a.port_or_default(), a.host));
    let site_ok = |s: &&str| {
        let s = s.trim();
        s.eq_ignore_ascii_case("same-origin") || s.eq_ignore_ascii_case("none")
    };
    let origin_ok = |o: &&str| {
        let o = o.trim();
        o.len() > 7
            && o[..7].eq_ignore_ascii_case("http://")
            && served.is_some()
            && Authority::parse(&o[7..]).map(|a| (a.port_or_default(), a.host)) == served
    };
    fetch_site.iter().all(site_ok) && origin.iter().all(origin_ok)
}

/// How many refused hosts the terminal is told of, one line each; a flood of made-up
/// hosts neither fills the terminal nor grows memory.
const REPORTED: usize = 32;

/// The hosts refused so far, each reported once.
#[derive(Default)]
pub(super) struct Refused(Mutex<BTreeSet<String>>);

impl Refused {
    /// The line to print for this refusal, if it is the first of its host.
    pub(super) fn first(&self, refusal: &Refusal, hosts: &Hosts) -> Option<String> {
        let key = match refusal {
            Refusal::BadTarget => return None,
            Refusal::NoHost => String::new(),
            Refusal::Host(h) => h.chars().take(100).collect(),
        };
        let mut seen = self.0.lock().ok()?;
        if seen.len() > REPORTED || !seen.insert(key.clone()) {
            return None;
        }
        if seen.len() > REPORTED {
            return Some("refusing requests for more hosts; they are no longer listed".into());
        }
        let what = match refusal {
            Refusal::NoHost => "a request without a single Host header".to_string(),
            // Escaped: a Host header may hold terminal control sequences.
            _ => format!("a request for host \"{}\"", key.escape_default()),
        };
        Some(format!(
            "refused {what}: this server answers to {} (--allow-host NAME adds one)",
            hosts.describe()
        ))
    }
}

#[cfg(test)]
#[path = "guard_tests.rs"]
mod tests;
