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
mod tests {
    use super::*;

    fn loopback() -> Hosts {
        Hosts::new(Ipv4Addr::LOCALHOST.into(), 1111, &[])
    }

    fn allowed(hosts: &Hosts, host: &str) -> bool {
        admit(hosts, "/", &[host]).is_ok()
    }

    #[test]
    fn only_the_loopback_hosts_with_the_port_served_are_answered() {
        let hosts = loopback();
        for ok in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LocalHost:1111",
            "localhost.:1111",
            "[::1]:1111",
            "[0:0:0:0:0:0:0:1]:1111",
        ] {
            assert!(allowed(&hosts, ok), "{ok}");
        }
        for refused in [
            "evil.example:1111",
            "evil.example.:1111",
            "localhost.evil.example:1111",
            "evil.localhost:1111",
            "127.0.0.1.nip.io:1111",
            "127.0.0.1:1112",
            "localhost:80",
            "localhost",
            "127.0.0.1",
            "127.0.0.2:1111",
            "2130706433:1111",
            "[::ffff:127.0.0.1]:1111",
            "[::1%25lo]:1111",
            "::1:1111",
            "localhost:",
            "localhost:01111x",
            "localhost:111111",
            "user@localhost:1111",
            "localhost:1111@evil.example",
            "localhost%2e:1111",
            "local host:1111",
            "",
        ] {
            assert!(!allowed(&hosts, refused), "{refused}");
        }
        assert_eq!(admit(&hosts, "/", &[]), Err(Refusal::NoHost));
        assert_eq!(
            admit(&hosts, "/", &["localhost:1111", "evil.example:1111"]),
            Err(Refusal::NoHost)
        );
        let on_80 = Hosts::new(Ipv4Addr::LOCALHOST.into(), 80, &[]);
        assert!(allowed(&on_80, "localhost") && allowed(&on_80, "localhost:80"));
    }

    #[test]
    fn absolute_targets_name_the_host_too() {
        let hosts = loopback();
        let host = ["127.0.0.1:1111"];
        assert_eq!(
            admit(&hosts, "http://localhost:1111/a/?x", &host),
            Ok("/a/?x")
        );
        assert_eq!(admit(&hosts, "HTTP://[::1]:1111", &host), Ok("/"));
        assert_eq!(
            admit(&hosts, "http://evil.example:1111/a/", &host),
            Err(Refusal::Host("evil.example:1111".into()))
        );
        assert_eq!(
            admit(&hosts, "/a/", &["evil.example:1111"]),
            Err(Refusal::Host("evil.example:1111".into()))
        );
        for bad in ["https://localhost:1111/", "*", "a/b", "localhost:1111", ""] {
            assert_eq!(admit(&hosts, bad, &host), Err(Refusal::BadTarget), "{bad}");
        }
    }

    #[test]
    fn allowed_hosts_and_addresses_served_on_are_added() {
        let extra = ["preview.lan", "Tunnel.Example.:9000", "[fd00::7]"]
            .map(|h| Authority::parse(h).unwrap());
        let hosts = Hosts::new("192.0.2.7".parse().unwrap(), 1111, &extra);
        for ok in [
            "192.0.2.7:1111",
            "preview.lan:1111",
            "PREVIEW.LAN.:1111",
            "tunnel.example:9000",
            "[fd00::7]:1111",
            "localhost:1111",
        ] {
            assert!(allowed(&hosts, ok), "{ok}");
        }
        for refused in ["preview.lan:9000", "tunnel.example:1111", "192.0.2.8:1111"] {
            assert!(!allowed(&hosts, refused), "{refused}");
        }
        // On every address: any IP address with the port, but no other name.
        let all = Hosts::new(Ipv4Addr::UNSPECIFIED.into(), 1111, &[]);
        for ok in ["10.1.2.3:1111", "[fe80::1]:1111", "localhost:1111"] {
            assert!(allowed(&all, ok), "{ok}");
        }
        for refused in ["my-laptop.local:1111", "10.1.2.3:1112", "0.0.0.0.evil:1111"] {
            assert!(!allowed(&all, refused), "{refused}");
        }
        assert!(all.describe().ends_with("any IP address with port 1111"));
    }

    #[test]
    fn own_endpoints_answer_only_the_same_origin() {
        let host = "localhost:1111";
        assert!(same_origin(host, &[], &[]));
        assert!(same_origin(host, &["same-origin"], &[]));
        assert!(same_origin(host, &["none"], &[]));
        assert!(same_origin(
            host,
            &["same-origin"],
            &["http://localhost:1111"]
        ));
        assert!(same_origin(host, &[], &["http://LOCALHOST:1111"]));
        assert!(same_origin("localhost", &[], &["http://localhost"]));
        assert!(!same_origin(host, &["cross-site"], &[]));
        assert!(!same_origin(host, &["same-site"], &[]));
        assert!(!same_origin(host, &[], &["http://evil.example"]));
        assert!(!same_origin(host, &[], &["http://127.0.0.1:1111"]));
        assert!(!same_origin(host, &[], &["https://localhost:1111"]));
        assert!(!same_origin(host, &[], &["http://localhost:1112"]));
        assert!(!same_origin(host, &[], &["null"]));
        assert!(!same_origin(
            host,
            &[],
            &["http://localhost:1111", "http://evil.example"]
        ));
        assert!(!same_origin(host, &["same-origin", "cross-site"], &[]));
    }

    #[test]
    fn each_refused_host_is_reported_once_and_escaped() {
        let hosts = loopback();
        let refused = Refused::default();
        let evil = Refusal::Host("evil.example:1111".into());
        let line = refused.first(&evil, &hosts).unwrap();
        assert!(line.contains("\"evil.example:1111\""), "{line}");
        assert!(
            line.contains("127.0.0.1:1111, localhost:1111, [::1]:1111"),
            "{line}"
        );
        assert_eq!(refused.first(&evil, &hosts), None);
        let control = refused
            .first(&Refusal::Host("\x1b[2Jx".into()), &hosts)
            .unwrap();
        assert!(!control.contains('\x1b'), "{control}");
        assert!(refused.first(&Refusal::NoHost, &hosts).is_some());
        let mut lines = 0;
        for i in 0..1000 {
            lines += usize::from(
                refused
                    .first(&Refusal::Host(format!("h{i}")), &hosts)
                    .is_some(),
            );
        }
        assert_eq!(lines, REPORTED - 3 + 1, "a bounded number of lines");
    }
}
