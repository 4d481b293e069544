#!/usr/bin/env python3
"""The site works under a project sub-path, as GitHub Pages serves it.

Builds the project's own site with `--base-url http://127.0.0.1:PORT/some-repo/`, serves
the output over real HTTP under /some-repo/ only (anything else is a 404, as is a missing
file, answered with the site's 404.html the way Pages does), and follows every internal
link (href and src) from /some-repo/ and from a missing deep page. It fails on any answer
but 200, on a link that escapes /some-repo/, on a `#fragment` that names no id of its
page, on an internal link written as an absolute URL or from the host's root (only
404.html, which hosts serve at any depth, and canonical links may use the base URL), and
on a page of the output that no link reaches.

    python3 tests/subpath/crawl.py                      # build the site, then crawl it
    python3 tests/subpath/crawl.py --site DIR --base-url URL
                                                        # crawl a built site, its base URL
                                                        # mapped onto the local server

Stdlib only. The binary is $EXPLAINER, or target/debug/explainer built by `cargo build`.
"""

import argparse
import http.client
import http.server
import mimetypes
import os
import posixpath
import subprocess
import sys
import tempfile
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

REPO = Path(__file__).resolve().parents[2]
PREFIX = "/some-repo/"
MAX_PAGES = 5000
SKIPPED_SCHEMES = ("mailto:", "tel:", "data:", "javascript:")
# Links that name the page's own absolute address by design.
ABSOLUTE_RELS = {"canonical", "alternate"}


def make_handler(site: Path, prefix: str):
    """A handler serving `site` under `prefix` only, as a static host would."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.answer(send_body=True)

        def do_HEAD(self):
            self.answer(send_body=False)

        def answer(self, send_body):
            path = unquote(urlsplit(self.path).path)
            file = self.resolve(path)
            if file is None:
                status, file = 404, site / "404.html"
                body = file.read_bytes() if file.is_file() else b"not found"
                kind = "text/html; charset=utf-8"
            else:
                status, body = 200, file.read_bytes()
                kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
                if kind.startswith("text/"):
                    kind += "; charset=utf-8"
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if send_body:
                self.wfile.write(body)

        def resolve(self, path):
            """The file a URL path names, or None: outside the prefix, a folder named
            without its slash, or missing."""
            if not path.startswith(prefix):
                return None
            rest = path[len(prefix):]
            if rest == "" or rest.endswith("/"):
                rest += "index.html"
            clean = posixpath.normpath("/" + rest).lstrip("/")
            if clean != rest:
                return None
            file = site / clean
            return file if file.is_file() else None

        def log_message(self, *args):
            pass

    return Handler


class Page(HTMLParser):
    """The links (tag, attribute, rel, value) and the ids of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("id",) + (("name",) if tag == "a" else ()):
            if attrs.get(name):
                self.ids.add(attrs[name])
        rel = set((attrs.get("rel") or "").split())
        for name in ("href", "src"):
            value = attrs.get(name)
            if value is not None:
                self.links.append((tag, name, rel, value.strip()))

    handle_startendtag = handle_starttag


class Crawl:
    """Follows every internal link from the start pages and records what it finds."""

    def __init__(self, server_origin, base_url):
        self.origin = server_origin  # http://127.0.0.1:PORT
        self.base = base_url  # the site's own base URL, ending in /
        self.base_path = urlsplit(base_url).path
        self.passed = 0
        self.failures = []
        self.pages = {}  # URL → ids, for every HTML page fetched
        self.fetched = set()
        self.fragments = []  # (URL, fragment, where it was linked)

    def fail(self, message):
        if message not in self.failures:
            self.failures.append(message)

    def local(self, url):
        """The local server's URL for a URL under the base URL."""
        return self.origin + urlsplit(url).path if url.startswith(self.base) else url

    def get(self, url):
        """(status, content type, body) of a GET on the local server, no redirects followed."""
        parts = urlsplit(self.local(url))
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        try:
            conn.request("GET", parts.path or "/")
            response = conn.getresponse()
            return response.status, response.getheader("Content-Type", ""), response.read()
        finally:
            conn.close()

    def internal(self, url):
        """Whether a resolved URL is on the site's host (and so must stay under its base)."""
        return urlsplit(url).netloc == urlsplit(self.base).netloc

    def run(self, start, missing):
        queue = [(start, "the start")]
        self.check_missing(missing, queue)
        while queue and len(self.fetched) < MAX_PAGES:
            url, source = queue.pop()
            if url in self.fetched:
                continue
            self.fetched.add(url)
            status, kind, body = self.get(url)
            if status != 200:
                self.fail(f"{url} answered {status} (linked from {source})")
                continue
            self.passed += 1
            if kind.startswith("text/html"):
                self.scan(url, url, body, queue)
        self.check_fragments()

    def check_missing(self, url, queue):
        """A missing page deep under the base answers 404 with the site's 404.html, whose
        links must work from there."""
        status, kind, body = self.get(url)
        if status != 404:
            self.fail(f"{url} (missing) answered {status}, not 404")
        elif not kind.startswith("text/html"):
            self.fail(f"{url} (missing) answered with {kind}, not the 404 page")
        else:
            self.passed += 1
            self.scan(url, self.base + "404.html", body, queue)

    def scan(self, url, page_name, body, queue):
        page = Page()
        page.feed(body.decode("utf-8", errors="replace"))
        self.pages[url] = page.ids
        is_404 = page_name.endswith("/404.html")
        for tag, attr, rel, value in page.links:
            where = f'<{tag} {attr}="{value}"> in {page_name}'
            if not value or value.lower().startswith(SKIPPED_SCHEMES):
                continue
            if value.startswith("#"):
                self.fragments.append((url, value[1:], where))
                continue
            if value.startswith("/") and not value.startswith("//"):
                self.fail(f"{where}: starts with / and leaves the sub-path on a project site")
                continue
            target, fragment = urldefrag(urljoin(url, value))
            if not self.internal(target):
                continue
            if not urlsplit(target).path.startswith(self.base_path):
                self.fail(f"{where}: resolves to {target}, outside {self.base_path}")
                continue
            if ("://" in value or value.startswith("//")) and not is_404 and not rel & ABSOLUTE_RELS:
                self.fail(f"{where}: an internal link written as an absolute URL")
                continue
            if fragment:
                self.fragments.append((target, fragment, where))
            queue.append((target, page_name))

    def check_fragments(self):
        seen = set()
        for target, fragment, where in self.fragments:
            if (target, fragment) in seen or target not in self.pages:
                continue
            seen.add((target, fragment))
            if unquote(fragment) in self.pages[target]:
                self.passed += 1
            else:
                self.fail(f"{where}: no id {fragment!r} in {target}")

    def check_reached(self, site):
        """Every page of the output (404.html aside) is reached by some link."""
        for file in sorted(site.rglob("*.html")):
            rel = file.relative_to(site).as_posix()
            if rel == "404.html":
                continue
            url = self.base + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
            if url in self.fetched:
                self.passed += 1
            else:
                self.fail(f"{rel}: no link of the site reaches it")

    def check_sitemap(self, site):
        """Every address of the sitemap is under the base URL and answers 200."""
        sitemap = site / "sitemap.xml"
        if not sitemap.is_file():
            return
        import xml.etree.ElementTree as ET

        ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
        for loc in ET.parse(sitemap).getroot().iter(ns + "loc"):
            url = (loc.text or "").strip()
            if not url.startswith(self.base):
                self.fail(f"sitemap.xml: {url} is not under {self.base}")
            elif (status := self.get(url)[0]) != 200:
                self.fail(f"sitemap.xml: {url} answered {status}")
            else:
                self.passed += 1


def explainer_binary():
    if os.environ.get("EXPLAINER"):
        return os.environ["EXPLAINER"]
    subprocess.run(["cargo", "build", "--quiet"], cwd=REPO, check=True)
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    return str(target / "debug" / "explainer")


def serve(site, prefix):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make_handler(site, prefix))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main():
    sys.stdout.reconfigure(line_buffering=True)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site to crawl instead of building one")
    parser.add_argument("--base-url", help="the base URL the --site was built with")
    args = parser.parse_args()
    if bool(args.site) != bool(args.base_url):
        parser.error("--site and --base-url go together")

    with tempfile.TemporaryDirectory() as tmp:
        if args.site:
            site, base = args.site.resolve(), args.base_url.rstrip("/") + "/"
            prefix = urlsplit(base).path
        else:
            site, prefix = Path(tmp) / "site", PREFIX
        server = serve(site, prefix)
        origin = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            if not args.site:
                base = origin + prefix
                # With the server's own address as the base, its URLs are the site's.
                built = subprocess.run(
                    [explainer_binary(), "build", "--root", str(REPO),
                     "--output", str(site), "--base-url", base],
                    capture_output=True, text=True,
                )
                if built.returncode != 0:
                    print(f"FAIL explainer build exited {built.returncode}\n{built.stderr}")
                    print("0 passed, 1 failed")
                    return 1
            crawl = Crawl(origin, base)
            crawl.run(base, base + "no/such/page/")
            crawl.check_reached(site)
            crawl.check_sitemap(site)
        finally:
            server.shutdown()
            server.server_close()

    for failure in crawl.failures:
        print(f"FAIL {failure}")
    print(f"crawled {len(crawl.fetched)} URLs under {prefix}")
    print(f"{crawl.passed} passed, {len(crawl.failures)} failed")
    return 1 if crawl.failures else 0


if __name__ == "__main__":
    sys.exit(main())
