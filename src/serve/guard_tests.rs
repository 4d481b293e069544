//! Which requests `serve` answers: hosts, targets and origins admitted or refused.

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
    let extra =
        ["preview.lan", "Tunnel.Example.:9000", "[fd00::7]"].map(|h| Authority::parse(h).unwrap());
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
