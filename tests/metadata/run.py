#!/usr/bin/env python3
"""What search engines and platforms read from a built site, checked against their rules.

    python3 tests/metadata/run.py

Sets up a venv under target/ with the pinned packages of requirements.txt on first use,
builds the project's own site and each fixture of tests/fixtures/ (and one of them cut
into many pages) with target/release/explainer and a base URL into temporary folders,
and checks every page: its JSON-LD, read with a JSON-LD processor (PyLD), has every node
complete by the table PROPERTIES below and no null or empty value; its Open Graph and
Twitter tags and its canonical link are there; robots.txt names the sitemap, and the
sitemap validates against the sitemaps.org schemas in schemas/. Each check is one
function of CHECKS. The last line is `N passed, M failed`; the exit status is non-zero
when a check fails or cannot run.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "tests"))
import suite  # noqa: E402

VENV = ROOT / "target" / "metadata-venv"
BASE = "https://example.github.io/explainer/"
SCHEMA = "https://schema.org/"

# The properties each node must have, by type: (required, recommended, conditional).
# Required and recommended ones must be there on every node of these types; a
# conditional one is checked by the check that knows when it applies.
# - ClaimReview, Claim, Rating: Google Search Central, "Fact Check (ClaimReview)
#   structured data",
#   https://developers.google.com/search/docs/appearance/structured-data/factcheck;
#   datePublished of ClaimReview: schema.org/Review, and the publish date the Fact
#   Check Tools markup requires of every fact-check.
# - NewsArticle: https://developers.google.com/search/docs/appearance/structured-data/article
#   (image where the article has a picture); publisher: schema.org/CreativeWork, as
#   Google News and platforms read it.
# - BreadcrumbList, ListItem:
#   https://developers.google.com/search/docs/appearance/structured-data/breadcrumb
#   (item may be left out on the last crumb only; here every crumb has it).
# - Person, Organization, Country, WebSite, ImageObject: https://schema.org/ (name and
#   url of an entity; sameAs of an actor where it has a Wikidata id or a Wikipedia link).
PROPERTIES = {
    "ClaimReview": (["claimReviewed", "reviewRating", "url"],
                    ["author", "datePublished", "itemReviewed"], []),
    "Rating": (["alternateName"], [], ["ratingValue", "bestRating", "worstRating"]),
    "Claim": ([], ["appearance", "datePublished"], ["author", "firstAppearance"]),
    "NewsArticle": ([], ["headline", "datePublished", "dateModified", "author", "publisher",
                         "url"], ["image"]),
    "BreadcrumbList": (["itemListElement"], [], []),
    "ListItem": (["position", "name", "item"], [], []),
    "Person": (["name"], [], ["url", "sameAs"]),
    "Organization": (["name"], ["url"], ["logo", "sameAs"]),
    "Country": (["name"], ["url"], ["sameAs"]),
    "WebSite": (["name", "url"], ["publisher"], []),
    "ImageObject": (["url"], ["width", "height"], []),
}


def say(msg):
    print(f"metadata: {msg}", file=sys.stderr, flush=True)


def sh(cmd, **kw):
    suite.sh(cmd, say, **kw)


def ensure_venv():
    """Re-runs this script inside target/metadata-venv, creating it on first use."""
    suite.ensure(VENV, HERE / "requirements.txt", __file__, say)


# ------------------------------------------------------------------ the sites
class Site:
    """A built site: its name, output folder, and each page parsed."""

    def __init__(self, name, root, out):
        from lxml import html
        self.name, self.root, self.out = name, root, out
        self.pages = {}
        for f in sorted(out.rglob("*.html")):
            rel = f.relative_to(out).as_posix()
            self.pages[rel] = html.fromstring(f.read_bytes())

    def url(self, rel):
        return BASE + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def build(name, root, out):
    sh([str(ROOT / "target/release/explainer"), "build", "--root", str(root), "--output",
        str(out), "--base-url", BASE], stdout=subprocess.DEVNULL)
    return Site(name, root, out)


def build_all(tmp):
    sh(["cargo", "build", "--release", "--quiet"], cwd=ROOT)
    sites = [build("site", ROOT, tmp / "site")]
    for fixture in sorted((ROOT / "tests" / "fixtures").iterdir()):
        if (fixture / "content").is_dir():
            sites.append(build(fixture.name, fixture, tmp / fixture.name))
    # The newsroom cut into pages of one item, its matrix into pages of one position.
    paged = tmp / "paged-src"
    shutil.copytree(ROOT / "tests" / "fixtures" / "newsroom", paged)
    with open(paged / "content" / "site.toml", "a") as f:
        f.write("\n[pagination]\npage_size = 1\n\n[matrix]\nrows = 1\ncolumns = 1\n")
    sites.append(build("newsroom, paged", paged, tmp / "paged"))
    return sites


# ------------------------------------------------------------------ JSON-LD
def load_context(url, options=None):
    """The schema.org context, without the network: its vocabulary is all a check needs."""
    if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
        raise ValueError(f"a context from elsewhere: {url}")
    return {"contextUrl": None, "documentUrl": url,
            "document": {"@context": {"@vocab": SCHEMA}}}


def scripts(page):
    return [json.loads(s.text_content())
            for s in page.xpath("//script[@type='application/ld+json']")]


def expanded(site, rel):
    """The nodes of a page's JSON-LD, expanded by the JSON-LD processor."""
    from pyld import jsonld
    out = []
    for doc in scripts(site.pages[rel]):
        out.extend(jsonld.expand(doc, {"base": site.url(rel), "documentLoader": load_context}))
    return out


def nodes_in(value):
    """Every node object under an expanded value, nested ones included."""
    if isinstance(value, list):
        for v in value:
            yield from nodes_in(v)
    elif isinstance(value, dict):
        if "@type" in value:
            yield value
        for k, v in value.items():
            if not k.startswith("@"):
                yield from nodes_in(v)


def types(node):
    return [t[len(SCHEMA):] for t in node.get("@type", []) if t.startswith(SCHEMA)]


def has(node, prop):
    values = node.get(SCHEMA + prop, [])
    return any(v.get("@value", v.get("@id", v)) not in ("", None) for v in values)


def blanks(value, at):
    """Paths to every null, blank string, empty list or empty object in raw JSON."""
    if value is None or value == [] or value == {} or (isinstance(value, str) and not value.strip()):
        return [at]
    if isinstance(value, list):
        return [b for i, v in enumerate(value) for b in blanks(v, f"{at}[{i}]")]
    if isinstance(value, dict):
        return [b for k, v in value.items() for b in blanks(v, f"{at}.{k}")]
    return []


def incomplete(nodes):
    """What each node lacks of the table's required and recommended properties."""
    problems = []
    for node in nodes_in(nodes):
        for t in types(node):
            required, recommended, _ = PROPERTIES.get(t, ([], [], []))
            missing = [p for p in required + recommended if not has(node, p)]
            if missing:
                problems.append(f"{t} lacks {', '.join(missing)}")
    return problems


def of_type(nodes, t):
    return [n for n in nodes_in(nodes) if t in types(n)]


# ------------------------------------------------------------------ the checks
def check_json_ld_parses_and_has_no_blank(site):
    bad = []
    for rel, page in site.pages.items():
        docs = scripts(page)
        if len(docs) != 1 or docs[0].get("@context") != "https://schema.org":
            bad.append(f"{rel}: {len(docs)} JSON-LD scripts, or no schema.org context")
        bad += [f"{rel}: blank {b}" for d in docs for b in blanks(d, "")]
        if not expanded(site, rel):
            bad.append(f"{rel}: the JSON-LD processor finds no node")
    return bad


def check_every_node_complete(site):
    return [f"{rel}: {p}" for rel in site.pages for p in incomplete(expanded(site, rel))]


def check_breadcrumbs_on_every_page(site):
    bad = []
    for rel in site.pages:
        lists = of_type(expanded(site, rel), "BreadcrumbList")
        if len(lists) != 1:
            bad.append(f"{rel}: {len(lists)} BreadcrumbList")
            continue
        items = lists[0][SCHEMA + "itemListElement"]
        positions = [i[SCHEMA + "position"][0]["@value"] for i in items]
        last = items[-1][SCHEMA + "item"][0]
        if positions != list(range(1, len(items) + 1)) or last.get("@value", last.get("@id")) != site.url(rel):
            bad.append(f"{rel}: crumbs {positions} ending at {last}")
    return bad


def check_article_pages(site):
    """A NewsArticle on each article page, a ClaimReview for each fact-check shown, at
    its note's anchor, and the picture in JSON-LD where the page has one."""
    bad = []
    for rel, page in site.pages.items():
        if not (rel.startswith("articles/") and rel.count("/") == 2 and rel != "articles/index.html"):
            continue
        nodes = expanded(site, rel)
        if len(of_type(nodes, "NewsArticle")) < 1:
            bad.append(f"{rel}: no NewsArticle")
            continue
        notes = page.xpath("//aside[contains(concat(' ', @class, ' '), ' fact-check ')]/@id")
        urls = sorted(r[SCHEMA + "url"][0]["@value"] for r in of_type(nodes, "ClaimReview"))
        if urls != sorted(f"{site.url(rel)}#{n}" for n in notes):
            bad.append(f"{rel}: ClaimReview urls {urls} for the notes {notes}")
        article = [n for n in nodes if "NewsArticle" in types(n)][0]
        if page.xpath("//meta[@property='og:image']") and not has(article, "image"):
            bad.append(f"{rel}: a picture in Open Graph but not in the NewsArticle")
    return bad


def check_entities(site):
    """The home page's WebSite, and each actor with sameAs where it has Wikidata."""
    bad = []
    if not of_type(expanded(site, "index.html"), "WebSite"):
        bad.append("index.html: no WebSite")
    for rel, page in site.pages.items():
        if rel.startswith("actors/") and rel.count("/") == 2 and rel != "actors/index.html":
            nodes = [n for n in expanded(site, rel)
                     if {"Person", "Organization", "Country"} & set(types(n))]
            wikidata = page.xpath("//a[contains(@href, 'wikidata.org/wiki/')]")
            if len(nodes) != 1 or (wikidata and not has(nodes[0], "sameAs")):
                bad.append(f"{rel}: {len(nodes)} actor nodes, sameAs missing?")
    return bad


def meta(page, attr, name):
    found = page.xpath(f"//meta[@{attr}='{name}']/@content")
    return found[0] if found else None


def check_open_graph_and_twitter(site):
    bad = []
    for rel, page in site.pages.items():
        for prop in ["og:title", "og:type", "og:url", "og:description", "og:site_name"]:
            if not (meta(page, "property", prop) or "").strip():
                bad.append(f"{rel}: no {prop}")
        if meta(page, "property", "og:url") != site.url(rel):
            bad.append(f"{rel}: og:url {meta(page, 'property', 'og:url')}")
        image = meta(page, "property", "og:image")
        card = meta(page, "name", "twitter:card")
        if card != ("summary_large_image" if image else "summary"):
            bad.append(f"{rel}: twitter:card {card} with og:image {image}")
        if image and not (image.startswith("https://") or image.startswith(BASE)):
            bad.append(f"{rel}: og:image {image} is not absolute")
    return bad


def check_canonical_on_every_page(site):
    """A canonical link on every page, 404 and further pages of lists included."""
    bad = []
    for rel, page in site.pages.items():
        canonical = page.xpath("//link[@rel='canonical']/@href")
        if canonical != [site.url(rel)]:
            bad.append(f"{rel}: canonical {canonical}")
    if "404.html" not in site.pages:
        bad.append("no 404.html")
    paged = any("/page/" in r for r in site.pages) and any(r.startswith("matrix/") for r in site.pages)
    if site.name.endswith("paged") and not paged:
        bad.append("no further page of a list, or no matrix page, was checked")
    return bad


def check_robots_txt(site):
    """robots.txt names the sitemap, unless the site has one of its own in static/."""
    text = (site.out / "robots.txt").read_text()
    own = site.root / "static" / "robots.txt"
    want = own.read_text() if own.exists() else None
    if want is not None:
        return None if text == want else [f"robots.txt is not the site's own: {text!r}"]
    return None if f"\nSitemap: {BASE}sitemap.xml\n" in text else [f"robots.txt: {text!r}"]


def check_sitemap_validates(site):
    from lxml import etree
    schemas = {name: etree.XMLSchema(etree.parse(str(HERE / "schemas" / f"{name}.xsd")))
               for name in ("sitemap", "siteindex")}
    bad, locs = [], set()
    for f in sorted(site.out.glob("sitemap*.xml")):
        doc = etree.parse(str(f))
        schema = schemas["siteindex" if doc.getroot().tag.endswith("sitemapindex") else "sitemap"]
        if not schema.validate(doc):
            bad.append(f"{f.name}: {schema.error_log.last_error}")
        ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
        locs |= set(doc.xpath("//s:url/s:loc/text()", namespaces=ns))
    pages = {site.url(rel) for rel in site.pages if rel != "404.html"}
    if locs != pages:
        bad.append(f"sitemap lists {len(locs)} URLs for {len(pages)} pages: "
                   f"{sorted(locs ^ pages)[:5]}")
    return bad


def check_feed(site):
    """feed.xml reads as a feed readers' parser reads it: the site's id and links, its
    entries newest first, each with an id, a date and a link to a page of the site (and
    to an id on it), and every page pointing at it."""
    import feedparser
    from urllib.parse import urldefrag
    feed = feedparser.parse(str(site.out / "feed.xml"))
    if feed.bozo:
        return [f"feed.xml does not parse: {feed.bozo_exception}"]
    bad = []
    if feed.version != "atom10" or feed.feed.get("id") != BASE:
        bad.append(f"feed: {feed.version}, id {feed.feed.get('id')!r}")
    links = {l.rel: l.href for l in feed.feed.links}
    if links.get("self") != BASE + "feed.xml" or links.get("alternate") != BASE:
        bad.append(f"feed links {links}")
    days = [e.updated_parsed for e in feed.entries]
    if not feed.entries or days != sorted(days, reverse=True):
        bad.append("entries missing or not newest first")
    ids = [e.id for e in feed.entries]
    if len(set(ids)) != len(ids):
        bad.append("entry ids repeat")
    for e in feed.entries:
        page, fragment = urldefrag(e.link)
        rel = page[len(BASE):] + "index.html" if page.startswith(BASE) else None
        if rel not in site.pages:
            bad.append(f"{e.id}: links to {e.link}, not a page of the site")
        elif fragment and not site.pages[rel].xpath(f"//*[@id='{fragment}']"):
            bad.append(f"{e.id}: {rel} has no id {fragment!r}")
    for rel, page in site.pages.items():
        hrefs = page.xpath("//link[@rel='alternate'][@type='application/atom+xml']/@href")
        base = BASE if rel == "404.html" else site.url(rel)
        from urllib.parse import urljoin
        if [urljoin(base, h) for h in hrefs] != [BASE + "feed.xml"]:
            bad.append(f"{rel}: feed links {hrefs}")
    return bad


CHECKS = [
    check_json_ld_parses_and_has_no_blank,
    check_every_node_complete,
    check_breadcrumbs_on_every_page,
    check_article_pages,
    check_entities,
    check_open_graph_and_twitter,
    check_canonical_on_every_page,
    check_robots_txt,
    check_sitemap_validates,
    check_feed,
]


def run(check, site):
    try:
        problems = check(site) or []
    except Exception as e:  # a check that crashes has failed
        problems = [f"{type(e).__name__}: {e}"]
        if os.environ.get("METADATA_TEST_DEBUG"):
            traceback.print_exc()
    name = f"{check.__name__[len('check_'):]} ({site.name}, {len(site.pages)} pages)"
    print(("ok   " if not problems else "FAIL ") + name, flush=True)
    for p in problems[:10]:
        print(f"     {p}", flush=True)
    return not problems


def main():
    ensure_venv()
    results = []
    with tempfile.TemporaryDirectory(prefix="explainer-metadata-") as tmp:
        try:
            sites = build_all(Path(tmp))
        except Exception as e:
            print(f"FAIL the sites could not be built: {type(e).__name__}: {e}", flush=True)
            sites = []
            results.append(False)
        for site in sites:
            results += [run(check, site) for check in CHECKS]
    return suite.closing(results)


if __name__ == "__main__":
    sys.exit(main())
