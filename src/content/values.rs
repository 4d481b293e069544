//! What a value of front matter or `site.toml` must look like beyond its TOML type:
//! URLs, the base URL, Wikidata ids, language tags, domain names. Each check returns
//! the message (and a hint) of what is wrong, or `None`.

/// What is wrong with a value: a message, and a hint when one helps.
pub type Problem = (String, Option<String>);

/// A URL a reader may follow: an absolute http(s) URL with a host, or a `mailto:` with an
/// address. `label` names the key in the message (`source_url`, `links url`).
pub fn url_problem(label: &str, raw: &str) -> Option<Problem> {
    let s = raw.trim();
    let lower = s.to_ascii_lowercase();
    let web = ["http://", "https://"]
        .iter()
        .find(|p| lower.starts_with(*p))
        .map(|p| p.len());
    let mail = lower.starts_with("mailto:");
    if web.is_none() && !mail {
        return Some((
            format!("{label} \"{raw}\" is not an http(s) or mailto URL"),
            None,
        ));
    }
    if s.contains(char::is_whitespace) {
        return Some((
            format!("{label} \"{raw}\" has a space in it"),
            Some("a URL holds no spaces: write each as %20, or remove it".into()),
        ));
    }
    let no_host = || {
        Some((
            format!("{label} \"{raw}\" has no host"),
            Some("write the whole address, e.g. https://example.org/page".into()),
        ))
    };
    if s.contains(char::is_control) {
        return Some((
            format!(
                "{label} \"{}\" has a control character in it",
                s.escape_debug()
            ),
            Some("remove it: a URL is printable text".into()),
        ));
    }
    match url::Url::parse(s) {
        Err(url::ParseError::EmptyHost) => no_host(),
        Ok(u) if !u.username().is_empty() || u.password().is_some() => Some((
            format!("{label} \"{raw}\" holds a user name or password"),
            Some("browsers refuse such addresses, and the page would publish them".into()),
        )),
        Ok(u) if domain_problem(&u) => Some((
            format!("{label} \"{raw}\" has no valid host name"),
            Some("a host name is words of letters, digits and hyphens between dots, e.g. example.org".into()),
        )),
        Err(e) => Some((format!("{label} \"{raw}\" is not a valid URL: {e}"), None)),
        // `https:///x` parses (as `https://x/`), but no one means it.
        Ok(_) if web.is_some_and(|n| s[n..].starts_with('/')) => no_host(),
        Ok(u) if web.is_some() && u.host_str().is_none_or(str::is_empty) => no_host(),
        Ok(u) if mail && u.path().trim_matches('/').is_empty() => Some((
            format!("{label} \"{raw}\" has no address after mailto:"),
            None,
        )),
        Ok(_) => None,
    }
}

/// Whether `u`'s host is a domain name that no DNS could hold: an empty label
/// (`a..org`, `...`), a character other than letters, digits and hyphens (`a_b.org`; the
/// URL parser has turned other scripts into `xn--` labels), or a label that starts or
/// ends with a hyphen. IP addresses and hosts of other schemes pass.
fn domain_problem(u: &url::Url) -> bool {
    let Some(url::Host::Domain(d)) = u.host() else {
        return false;
    };
    let d = d.strip_suffix('.').unwrap_or(d);
    d.split('.').any(|label| {
        label.is_empty()
            || label.starts_with('-')
            || label.ends_with('-')
            || !label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    })
}

/// `base_url`: an absolute http(s) URL with a host (a trailing `/` is added later),
/// written as a browser reads it, since every address of the site is made by putting a
/// path after it: no query, fragment, user name or password, and nothing a parser would
/// rewrite (`a/../`, `<`, a bad `%` escape, an upper-case host).
pub fn base_url_problem(raw: &str) -> Option<Problem> {
    let s = raw.trim();
    let problem =
        |what: String, hint: Option<String>| {
            Some((
                format!("base_url \"{raw}\" {what}"),
                Some(hint.unwrap_or_else(|| {
                    "e.g. base_url = \"https://your-org.github.io/site/\"".into()
                })),
            ))
        };
    let not_absolute = || problem("is not an absolute http(s) URL".into(), None);
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    if !rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/')) {
        return not_absolute();
    }
    if s.contains(char::is_whitespace) {
        return not_absolute();
    }
    let mut u = match url::Url::parse(s) {
        Ok(u) => u,
        Err(url::ParseError::InvalidPort) => {
            return problem(
                "has a port that is not a number from 0 to 65535".into(),
                None,
            );
        }
        Err(_) => return not_absolute(),
    };
    if u.host_str().is_none_or(str::is_empty) || domain_problem(&u) {
        return not_absolute();
    }
    if u.query().is_some() || u.fragment().is_some() {
        return problem(
            "has a query or a fragment (?… or #…): the site's addresses are made by adding paths to it".into(),
            None,
        );
    }
    if !u.username().is_empty() || u.password().is_some() {
        return problem(
            "holds a user name or password: every page would publish it".into(),
            None,
        );
    }
    let bad_escape = s.match_indices('%').any(|(i, _)| {
        s.get(i + 1..i + 3)
            .is_none_or(|h| !h.bytes().all(|b| b.is_ascii_hexdigit()))
    });
    if bad_escape {
        return problem(
            "has a % that is not followed by two hex digits".into(),
            None,
        );
    }
    if !u.path().ends_with('/') {
        let path = format!("{}/", u.path());
        u.set_path(&path);
    }
    let written = if s.ends_with('/') {
        s.to_string()
    } else {
        format!("{s}/")
    };
    (u.as_str() != written).then(|| {
        (
            format!("base_url \"{raw}\" is not written as a browser reads it"),
            Some(format!("write it as \"{u}\"")),
        )
    })
}

/// `wikidata`: `Q` and digits.
pub fn wikidata_problem(id: &str) -> Option<Problem> {
    let fine = id.len() > 1 && id.starts_with('Q') && id[1..].bytes().all(|b| b.is_ascii_digit());
    (!fine).then(|| {
        (
            format!("wikidata \"{id}\" is not a Wikidata id like \"Q42\""),
            None,
        )
    })
}

/// `language`: a well-formed BCP 47 tag (RFC 5646: `en`, `en-GB`, `pt-BR`, `zh-Hant`).
pub fn language_problem(tag: &str) -> Option<Problem> {
    oxilangtag::LanguageTag::parse(tag).is_err().then(|| {
        (
            format!("language \"{tag}\" is not a language tag"),
            Some("write a BCP 47 tag such as \"en\", \"en-GB\" or \"pt-BR\"".into()),
        )
    })
}

/// A text that must say something (`title` of `site.toml`).
pub fn empty_problem(key: &str, text: &str) -> Option<Problem> {
    let name = key.rsplit(' ').next().unwrap_or(key);
    crate::text::is_blank(text).then(|| {
        (
            format!("{key} is empty"),
            Some(format!("write the {key}: {name} = \"…\"")),
        )
    })
}

/// The `alt` of a picture: it must say what the picture shows.
pub fn alt_problem(label: &str, text: &str) -> Option<Problem> {
    crate::text::is_blank(text).then(|| {
        (
            format!("{label} is empty"),
            Some("say what the picture shows, for readers who cannot see it".into()),
        )
    })
}

/// A size in pixels (`width`, `height` of an image), the integer `value` when it fits
/// in an `i128`: a whole number from 1 up.
pub fn pixels_problem(label: &str, value: Option<i128>) -> Option<Problem> {
    let key = label.rsplit(' ').next().unwrap_or(label);
    let fine = value.is_some_and(|n| n >= 1 && n <= i128::from(u32::MAX));
    (!fine).then(|| {
        (
            format!("{label} is not a size in pixels"),
            Some(format!(
                "write a whole number, 1 or more, e.g. {key} = 1200"
            )),
        )
    })
}

/// A host of `[images] allow`, lower-cased (and punycode for other scripts), with `*.`
/// kept before one that allows its subdomains; or what is wrong with it.
pub fn host(raw: &str) -> Result<String, Problem> {
    let wrong = || {
        (
            format!("allow \"{raw}\" is not a host name"),
            Some(
                "write the host alone, e.g. \"upload.wikimedia.org\"; \"*.example.org\" allows every subdomain of example.org"
                    .into(),
            ),
        )
    };
    let name = raw.trim();
    let (star, name) = match name.strip_prefix("*.") {
        Some(rest) => ("*.", rest),
        None => ("", name),
    };
    let name = name.strip_suffix('.').unwrap_or(name);
    match url::Host::parse(name) {
        Ok(url::Host::Domain(d)) if !d.is_empty() && !d.starts_with('.') && !d.contains('*') => {
            Ok(format!("{star}{}", d.to_lowercase()))
        }
        Ok(url::Host::Ipv4(ip)) if star.is_empty() => Ok(ip.to_string()),
        _ => Err(wrong()),
    }
}

/// Whether `host` (lower-case) is allowed by `entry`, a host of `[images] allow`: it is
/// the host, or `*.` and a domain that the host is a subdomain of.
pub fn host_allowed(host: &str, entry: &str) -> bool {
    match entry.strip_prefix("*.") {
        Some(domain) => host
            .strip_suffix(domain)
            .is_some_and(|rest| rest.len() > 1 && rest.ends_with('.')),
        None => host == entry,
    }
}

/// A domain name of `[sources] avoid`, lower-cased (and punycode for other scripts), or
/// what is wrong with it.
pub fn domain(raw: &str) -> Result<String, Problem> {
    let wrong = || {
        (
            format!("avoid \"{raw}\" is not a domain name"),
            Some(
                "write the domain alone, e.g. \"example.com\"; its subdomains are avoided too"
                    .into(),
            ),
        )
    };
    // "*.example.com" and "example.com." name the same domain as "example.com".
    let name = raw.trim();
    let name = name.strip_prefix("*.").unwrap_or(name);
    let name = name.strip_suffix('.').unwrap_or(name);
    match url::Host::parse(name) {
        Ok(url::Host::Domain(d)) if !d.is_empty() && !d.starts_with('.') && !d.contains('*') => {
            Ok(d.to_lowercase())
        }
        Ok(url::Host::Ipv4(ip)) => Ok(ip.to_string()),
        Ok(url::Host::Ipv6(ip)) => Ok(format!("[{ip}]")),
        _ => Err(wrong()),
    }
}

/// Whether `host` is `domain` or one of its subdomains.
pub fn within(host: &str, domain: &str) -> bool {
    host == domain
        || host
            .strip_suffix(domain)
            .is_some_and(|rest| rest.ends_with('.'))
}

#[cfg(test)]
#[path = "values_tests.rs"]
mod tests;
