//! Tests of `content::values`.

use super::*;

/// Probe L15: URLs with spaces or without a host are errors.
#[test]
fn urls_must_be_absolute_with_a_host_and_no_spaces() {
    for ok in [
        "https://example.org/x",
        " https://example.org/a%20b ",
        "http://e.org",
        "mailto:desk@example.org",
        "https://xn--caf-dma.example/",
        "https://café.example/",
        "https://192.0.2.1:8080/",
        "https://a-b.example.org./",
    ] {
        assert_eq!(url_problem("url", ok), None, "{ok}");
    }
    for (bad, says) in [
        ("https:// not a url", "has a space"),
        ("https://e.org/a b", "has a space"),
        ("https://", "has no host"),
        ("https:///x", "has no host"),
        ("http://exa mple.org", "has a space"),
        ("https://exa<mple.org", "not a valid URL"),
        ("mailto:", "no address"),
        ("javascript:alert(1)", "not an http(s) or mailto URL"),
        ("data:text/html,x", "not an http(s) or mailto URL"),
        ("ftp://x", "not an http(s) or mailto URL"),
        ("/local", "not an http(s) or mailto URL"),
        // Probe D14.
        ("https://example.org/\u{0}x", "has a control character"),
        ("https://exa_mple..org/", "has no valid host name"),
        ("https://.../", "has no valid host name"),
        ("https://-a.org/", "has no valid host name"),
        (
            "https://user:pass@example.org/",
            "holds a user name or password",
        ),
        ("https://user@example.org/", "holds a user name or password"),
    ] {
        let got = url_problem("url", bad).map(|p| p.0).unwrap_or_default();
        assert!(got.contains(says), "{bad}: {got}");
    }
}

#[test]
fn base_urls_are_absolute_http() {
    assert_eq!(base_url_problem("https://x.org/repo"), None);
    for bad in [
        "/repo/",
        "https:///x",
        "https://",
        "ftp://x.org/",
        "https://a b/",
        // Probe D8: the site's addresses are the base URL and a path.
        "https://ex.org/news/#top/",
        "https://ex.org/?q=1/",
        "https://user:pw@ex.org/",
        "https://ex.org/sub/../",
        "https://ex.org/<x>/",
        "https://ex.org/\"/",
        "https://ex.org/%zz/",
        "https://Ex.org/",
    ] {
        assert!(base_url_problem(bad).is_some(), "{bad}");
    }
    for good in [
        "https://x.org",
        "http://localhost:8000/",
        "https://your-org.github.io/site/",
        "https://ex.org/caf%C3%A9/",
    ] {
        assert_eq!(base_url_problem(good), None, "{good}");
    }
    // Probe: a port out of range was "not an absolute http(s) URL".
    assert_eq!(
        base_url_problem("https://ex.org:99999/").unwrap().0,
        "base_url \"https://ex.org:99999/\" has a port that is not a number from 0 to 65535"
    );
}

/// Probe L16: `language` is a well-formed tag.
#[test]
fn language_tags_are_well_formed() {
    for ok in ["en", "en-GB", "pt-BR", "zh-Hant-TW", "de-CH-1996"] {
        assert_eq!(language_problem(ok), None, "{ok}");
    }
    for bad in ["", "en US", "<script>", "en_US", "e"] {
        assert!(language_problem(bad).is_some(), "{bad}");
    }
}

#[test]
fn image_hosts_and_their_subdomains() {
    assert_eq!(
        host("Upload.Wikimedia.org").unwrap(),
        "upload.wikimedia.org"
    );
    assert_eq!(host("*.example.org.").unwrap(), "*.example.org");
    assert_eq!(host("192.0.2.1").unwrap(), "192.0.2.1");
    for bad in [
        "https://e.org",
        "e.org/x",
        "",
        "*.",
        "a*b.org",
        "*.192.0.2.1",
    ] {
        assert!(host(bad).is_err(), "{bad}");
    }
    assert!(host_allowed("upload.wikimedia.org", "upload.wikimedia.org"));
    assert!(!host_allowed(
        "evil.upload.wikimedia.org",
        "upload.wikimedia.org"
    ));
    assert!(host_allowed("a.example.org", "*.example.org"));
    assert!(!host_allowed("example.org", "*.example.org"));
    assert!(!host_allowed("badexample.org", "*.example.org"));
}

#[test]
fn sizes_in_pixels() {
    assert_eq!(pixels_problem("image width", Some(1)), None);
    assert_eq!(pixels_problem("image width", Some(4_294_967_295)), None);
    for bad in [Some(0), Some(-3), Some(4_294_967_296), None] {
        let (message, hint) = pixels_problem("image width", bad).unwrap();
        assert_eq!(message, "image width is not a size in pixels");
        assert_eq!(
            hint.as_deref(),
            Some("write a whole number, 1 or more, e.g. width = 1200")
        );
    }
}

#[test]
fn domains_and_subdomains() {
    assert_eq!(domain("Example.COM").unwrap(), "example.com");
    // Probe-3 N3: a final dot or a wildcard names the same domain.
    assert_eq!(domain("example.com.").unwrap(), "example.com");
    assert_eq!(domain("*.example.com").unwrap(), "example.com");
    assert!(domain("ex*ample.com").is_err());
    assert!(domain("https://example.com").is_err());
    assert!(domain("example.com/path").is_err());
    assert!(domain("").is_err());
    assert!(within("example.com", "example.com"));
    assert!(within("www.example.com", "example.com"));
    assert!(!within("badexample.com", "example.com"));
    assert!(!within("example.com.evil.org", "example.com"));
}
