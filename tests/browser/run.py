#!/usr/bin/env python3
"""Browser tests of the project's own site, in headless Chromium.

    python3 tests/browser/run.py

Sets up what it needs (Debian's chromium, a venv under target/ with the pinned Python
client from requirements.txt), builds the site in content/ with target/release/explainer
into a temporary folder, serves it on 127.0.0.1 under a sub-path (as GitHub Pages does),
and checks what a reader meets: every page loads cleanly, a note is reached from its
passage and back, no page scrolls sideways on a phone, the margin notes sit beside their
paragraph on a wide screen and after it on a narrow one, dark mode and print render.
Then it makes the starter site of `explainer init` in Arabic and in Ukrainian and checks
them at 375 and 1280 px: axe finds no violation, no page is wider than the window, and
the Arabic pages run right to left with the notes, the infobox and the matrix's sticky
column on the mirrored side. Site search is checked by search.py (Merz first, stance
filters, 375 px, axe, JavaScript off, and Pagefind as an oracle). Screenshots go to target/screenshots/. The last line is `N passed, M failed`; the exit
status is non-zero when a check fails or cannot run.
"""
import functools
import http.server
import os
import re
import subprocess
import sys
import tempfile
import threading
import traceback
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
VENV = ROOT / "target" / "browser-venv"
SHOTS = ROOT / "target" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage"]
SUB = "site"  # served under /site/, like a project page


def say(msg):
    print(f"browser: {msg}", file=sys.stderr, flush=True)


def sh(cmd, **kw):
    say("$ " + " ".join(map(str, cmd)))
    subprocess.run(cmd, check=True, **kw)


# ------------------------------------------------------------------ setting up
sys.path.insert(0, str(ROOT / "tests"))
import suite  # noqa: E402

sys.path.insert(0, str(HERE))
import visuals  # noqa: E402


def apt(packages):
    suite.apt(packages, say)


def ensure_chromium():
    if not Path(CHROMIUM).exists():
        apt(["chromium", "fonts-liberation", "fonts-dejavu-core"])


def ensure_venv():
    """Re-runs this script inside target/browser-venv, creating it on first use."""
    suite.ensure(VENV, HERE / "requirements.txt", __file__, say)


EXPLAINER = ROOT / "target/release/explainer"
LANGUAGES = ("ar", "uk")  # the starter site is also checked in these languages


def build_site(out):
    sh(["cargo", "build", "--release", "--quiet"], cwd=ROOT)
    sh([str(EXPLAINER), "build", "--root", str(ROOT), "--output", str(out)],
       cwd=ROOT, stdout=subprocess.DEVNULL)


def build_starter(lang, tmp):
    """`explainer init --language LANG`, built into TMP/LANG; returns that folder."""
    src, out = Path(tmp) / f"starter-{lang}", Path(tmp) / lang
    sh([str(EXPLAINER), "init", str(src), "--language", lang], stderr=subprocess.DEVNULL)
    sh([str(EXPLAINER), "build", "--strict", "--root", str(src), "--output", str(out)],
       stdout=subprocess.DEVNULL)
    return out


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a):
        pass


def serve(folder):
    handler = functools.partial(Quiet, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/{SUB}/"


# ------------------------------------------------------------------ the checks
results = []


def check(name, fn):
    try:
        detail = fn()
        ok = detail is None or detail is True
    except Exception as e:  # a check that crashes has failed
        ok, detail = False, f"{type(e).__name__}: {e}"
        if os.environ.get("BROWSER_TEST_DEBUG"):
            traceback.print_exc()
    results.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {name}" + ("" if ok else f": {detail}"), flush=True)


def luminance(css):
    nums = [float(x) for x in re.findall(r"[\d.]+", css)[:3]]
    lin = [(c / 255) / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in nums]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


class Visit:
    """A page opened in a fresh tab, with what went wrong while it loaded."""

    def __init__(self, ctx, url):
        self.errors, self.failed, self.external = [], [], []
        self.page = ctx.new_page()
        origin = "{0.scheme}://{0.netloc}/".format(urlsplit(url))
        self.page.route("**/*", lambda route: self._route(route, origin))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url} {r.failure}"))
        self.page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.url} {r.status}"))
        self.response = self.page.goto(url, wait_until="load")

    def _route(self, route, origin):
        if route.request.url.startswith(origin):
            return route.continue_()
        self.external.append(route.request.url)
        return route.abort("blockedbyclient")

    def problems(self):
        out = []
        if not self.response or self.response.status != 200:
            out.append(f"status {self.response and self.response.status}")
        out += [f"console: {e}" for e in self.errors]
        out += [f"failed: {f}" for f in self.failed]
        out += [f"other host: {u}" for u in self.external]
        return out

    def close(self):
        self.page.close()


def run_checks(browser, base, site):
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    url = lambda rel: base + (rel[:-len("index.html")] if rel.endswith("index.html") else rel)
    kinds = {
        "home": [p for p in pages if p == "index.html"],
        "article": [p for p in pages if p.startswith("articles/")],
        "actor": [p for p in pages if p.startswith("actors/") and p != "actors/index.html"],
        "actors index": ["actors/index.html"],
        "position": [p for p in pages if p.startswith("positions/") and p != "positions/index.html"],
        "positions index": ["positions/index.html"],
        "404": ["404.html"],
    }
    article = kinds["article"][0]
    actor = "actors/keir-starmer/index.html" if "actors/keir-starmer/index.html" in pages else kinds["actor"][0]
    position = next((p for p in kinds["position"] if "nato-style" in p), kinds["position"][0])

    wide = browser.new_context(viewport={"width": 1280, "height": 900})
    # A plain 375 px window: with is_mobile the layout viewport would grow to fit wide
    # content, and a page that scrolls sideways would go unnoticed.
    narrow = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=2)
    dark = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    dark_narrow = browser.new_context(viewport={"width": 375, "height": 812}, color_scheme="dark",
                                      device_scale_factor=2)

    # 1. every page of every type loads without errors, failed requests or other hosts
    for kind, rels in kinds.items():
        def loads(rels=rels):
            bad = []
            for rel in rels:
                v = Visit(wide, url(rel))
                bad += [f"{rel}: {p}" for p in v.problems()]
                v.close()
            return "; ".join(bad[:5]) or None
        check(f"{kind} pages load without console errors ({len(rels)})", loads)

    # 2. nothing scrolls the page sideways on a 375 px phone, on any page
    def no_sideways():
        wide_pages = []
        for rel in pages:
            v = Visit(narrow, url(rel))
            sw, iw = v.page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
            if sw > iw or iw != 375:
                wide_pages.append(f"{rel} ({sw} > {iw})")
            v.close()
        return ", ".join(wide_pages) or None
    check("no page scrolls sideways at 375 px", no_sideways)

    def matrix_box():
        v = Visit(narrow, url("index.html"))
        sw, iw, box, inner, cells, linked, shade = v.page.evaluate("""() => {
            const b = document.querySelector('.matrix-scroll');
            const cells = [...document.querySelectorAll('.matrix tbody td')];
            const st = getComputedStyle(b);
            return [document.documentElement.scrollWidth, innerWidth, b.clientWidth, b.scrollWidth,
                    cells.length, cells.filter(c => c.querySelector('a[href]')).length,
                    st.backgroundImage.split('gradient').length - 1 + ' ' + st.backgroundAttachment];
        }""")
        v.close()
        # Columns out of sight are marked: two shadows fixed to the box's edges, two
        # covers that scroll with the table and hide a shadow at its end.
        if shade != "4 local, local, scroll, scroll":
            return f"no shadow marks the columns out of sight ({shade})"
        if sw > iw:
            return f"page is {sw} px wide"
        if inner <= box:
            return "the matrix does not scroll inside its own box"
        if not linked:
            return "no matrix cell links to evidence"
        return None
    check("the matrix scrolls inside its own box at 375 px, the page does not, and shows where columns are out of sight", matrix_box)

    def matrix_headers_and_focus():
        # Probe: scrolled sideways, the position headers slid under the pinned actor
        # column while their cells did not, and a focused cell could sit under it.
        v = Visit(narrow, url("index.html"))
        found = v.page.evaluate("""() => {
            const box = document.querySelector('.matrix-scroll');
            box.scrollLeft = 200;
            const corner = document.querySelector('.matrix thead th').getBoundingClientRect();
            const pinned = document.querySelector('.matrix tbody th').getBoundingClientRect();
            const heads = [...document.querySelectorAll('.matrix thead th')].slice(1);
            const row = [...document.querySelector('.matrix tbody tr').querySelectorAll('td')];
            const apart = heads.map((h, i) => Math.abs(h.getBoundingClientRect().left - row[i].getBoundingClientRect().left));
            const hidden = [];
            for (const a of document.querySelectorAll('.matrix tbody td a')) {
                a.focus();
                const r = a.getBoundingClientRect();
                const th = a.closest('tr').querySelector('th').getBoundingClientRect();
                if (r.left < th.right - 1) hidden.push(a.textContent.trim());
            }
            return [Math.round(corner.left - pinned.left), Math.max(...apart), hidden.length, hidden.slice(0, 3)];
        }""")
        v.close()
        corner, apart, hidden, some = found
        if corner != 0:
            return f"the corner header is {corner} px off the pinned actor column"
        if apart > 1:
            return f"a position header is {apart} px off its column"
        if hidden:
            return f"{hidden} focused cells sit under the pinned column, e.g. {some}"
        return None
    check("the matrix's corner stays with its pinned column, each header over its cells, and a focused cell is never under it (375 px)", matrix_headers_and_focus)

    # 3. a note is reached from its passage, and the passage from the note
    def note_round_trip(ctx):
        v = Visit(ctx, url(article))
        p = v.page
        ref = p.locator("sup.note-ref a").first
        target = ref.get_attribute("href")
        ref.click()
        p.wait_for_url(re.compile(re.escape(target) + "$"))
        note = p.locator(target)
        if not note.is_visible() or not note.evaluate("n => { const r = n.getBoundingClientRect(); return r.top < innerHeight && r.bottom > 0; }"):
            return f"{target} not in view after the click"
        back = note.locator("a.note-back").first
        if back.evaluate("a => a.parentElement.getBoundingClientRect().width") < 100:
            return f"{target} is reached but its text stays folded away"
        mark = back.get_attribute("href")
        back.click()
        p.wait_for_url(re.compile(re.escape(mark) + "$"))
        in_view = p.locator(mark).evaluate("m => { const r = m.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }")
        v.close()
        return None if in_view else f"{mark} not in view after going back"
    check("mark -> note -> mark at 1280 px", lambda: note_round_trip(wide))
    check("mark -> note -> mark at 375 px", lambda: note_round_trip(narrow))

    # 4. margin notes beside the paragraph when wide, after it when narrow
    def note_place(ctx, beside):
        v = Visit(ctx, url(article))
        bad = v.page.evaluate("""(beside) => {
            const out = [];
            for (const b of document.querySelectorAll('.block')) {
                const notes = b.querySelector(':scope > .notes');
                if (!notes) continue;
                const text = b.firstElementChild.getBoundingClientRect(), n = notes.getBoundingClientRect();
                const ok = beside ? n.left >= text.right && Math.abs(n.top - text.top) < 40 : n.top >= text.bottom - 1;
                if (!ok) out.push(b.id);
            }
            return out;
        }""", beside)
        v.close()
        return ("misplaced next to " + ", ".join(bad)) if bad else None
    check("notes sit in the margin beside their paragraph at 1280 px", lambda: note_place(wide, True))
    check("notes follow their paragraph at 375 px", lambda: note_place(narrow, False))

    # 5. the kinds of note are told apart by words, not colour alone
    def kinds_in_words():
        v = Visit(wide, url(article))
        bad = v.page.evaluate("""() => [...document.querySelectorAll('aside.note')].filter(n => {
            const label = n.querySelector(':scope > p').innerText.toLowerCase();
            return !/context|definition|fact.check|analysis/.test(label)
                || (n.classList.contains('fact-check') && !/verdict/.test(label));
        }).map(n => n.id)""")
        v.close()
        return ", ".join(bad) or None
    check("every note says its kind (and a fact-check its verdict) in words", kinds_in_words)

    # 6. dark mode renders dark, light mode light, and text keeps its contrast
    def scheme(ctx, want_dark):
        bad = []
        for rel in ("index.html", article, actor, position):
            v = Visit(ctx, url(rel))
            bg, fg = v.page.evaluate("[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]")
            v.close()
            lb, lf = luminance(bg), luminance(fg)
            ratio = (max(lb, lf) + 0.05) / (min(lb, lf) + 0.05)
            if (lb < 0.2) != want_dark or ratio < 7:
                bad.append(f"{rel}: background {bg}, text {fg} ({ratio:.1f}:1)")
        return "; ".join(bad) or None
    check("dark mode: pages render with a dark background", lambda: scheme(dark, True))
    check("light mode: pages render with a light background", lambda: scheme(wide, False))

    # 7. keyboard: the first Tab reaches a visible skip link that leads to the main content
    def skip_link():
        v = Visit(wide, url(article))
        p = v.page
        p.keyboard.press("Tab")
        info = p.evaluate("""() => { const a = document.activeElement, r = a.getBoundingClientRect(), s = getComputedStyle(a);
            return [a.className, a.getAttribute('href'), r.top >= 0 && r.height > 0, s.outlineStyle]; }""")
        p.keyboard.press("Enter")
        p.wait_for_url(re.compile("#main$"))
        v.close()
        if info[0] != "skip" or not info[2]:
            return f"first Tab lands on {info}"
        return None
    check("the skip link is the first stop and is visible when focused", skip_link)

    def focus_visible():
        v = Visit(wide, url(article))
        p = v.page
        for _ in range(3):
            p.keyboard.press("Tab")
        style = p.evaluate("(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; })()")
        v.close()
        return None if style[0] != "none" and style[1] != "0px" else f"focused link has outline {style}"
    check("a focused link shows a visible outline", focus_visible)

    # 8. print: the article prints with its notes, in one column
    def prints():
        v = Visit(wide, url(article))
        p = v.page
        p.emulate_media(media="print")
        shown = p.evaluate("""() => { const n = document.querySelector('aside.note'), b = n.closest('.block');
            return [getComputedStyle(n).display, getComputedStyle(b).display,
                    getComputedStyle(document.querySelector('.masthead nav')).display,
                    document.querySelectorAll('aside.note').length]; }""")
        SHOTS.mkdir(parents=True, exist_ok=True)
        p.pdf(path=str(SHOTS / "article-print.pdf"), format="A4", print_background=True)
        v.close()
        if shown[0] == "none" or shown[1] == "grid" or shown[2] != "none" or not shown[3]:
            return f"note {shown[0]}, block {shown[1]}, nav {shown[2]}"
        return None
    check("print: the article prints with its notes after their paragraphs", prints)

    # 9. screenshots for a person to look at
    def shots():
        SHOTS.mkdir(parents=True, exist_ok=True)
        n = 0
        for ctx, tag, width in ((wide, "1280", 1280), (narrow, "375", 375),
                                (dark, "1280-dark", 1280), (dark_narrow, "375-dark", 375)):
            for name, rel in (("home", "index.html"), ("article", article), ("actor", actor),
                              ("position", position)):
                v = Visit(ctx, url(rel))
                h = min(v.page.evaluate("document.documentElement.scrollHeight"), 6000)
                v.page.screenshot(path=str(SHOTS / f"{name}-{tag}.png"), full_page=True,
                                  clip={"x": 0, "y": 0, "width": width, "height": h})
                v.close()
                n += 1
        return None if n == 16 else f"{n} screenshots"
    check(f"screenshots at 375 and 1280 px, light and dark, saved to {SHOTS.relative_to(ROOT)}/", shots)

    for ctx in (wide, narrow, dark, dark_narrow):
        ctx.close()


def run_language_checks(browser, base, site, lang):
    """The starter site in `lang`, served at `base` from the folder `site`."""
    from axe_playwright_python.sync_playwright import Axe

    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    url = lambda rel: base + (rel[:-len("index.html")] if rel.endswith("index.html") else rel)
    article = next(p for p in pages if p.startswith("articles/"))
    actor = next(p for p in pages if p.startswith("actors/") and p != "actors/index.html")
    rtl = lang == "ar"
    # axe reads the page with a script of its own, which the pages' CSP would refuse.
    contexts = {width: browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
                for width in (375, 1280)}
    axe = Axe()

    for width, ctx in contexts.items():
        def clean(ctx=ctx, width=width):
            bad = []
            for rel in pages:
                v = Visit(ctx, url(rel))
                bad += [f"{rel}: {p}" for p in v.problems()]
                found = axe.run(v.page).response.get("violations", [])
                bad += [f"{rel}: {x['id']} ({len(x['nodes'])})" for x in found]
                sw, iw, direction = v.page.evaluate(
                    "[document.documentElement.scrollWidth, innerWidth, document.documentElement.dir]")
                if sw > iw:
                    bad.append(f"{rel}: {sw} px wide at {iw}")
                if (direction == "rtl") != rtl:
                    bad.append(f"{rel}: dir={direction!r}")
                v.close()
            return "; ".join(bad[:6]) or None
        check(f"{lang}: every page is axe-clean, fits the window and runs "
              f"{'right to left' if rtl else 'left to right'} at {width} px ({len(pages)})", clean)

    def sides():
        """Where the notes, the infobox and the matrix's first column sit, and the ends
        of the masthead, are mirrored in a right-to-left language."""
        ctx = contexts[1280]
        bad = []
        v = Visit(ctx, url(article))
        placed = v.page.evaluate("""() => [...document.querySelectorAll('.block')].filter(b => b.querySelector(':scope > .notes'))
            .map(b => { const t = b.firstElementChild.getBoundingClientRect(), n = b.querySelector(':scope > .notes').getBoundingClientRect();
                        return [b.id, n.left >= t.right, n.right <= t.left]; })""")
        v.page.screenshot(path=str(SHOTS / f"starter-{lang}-article-1280.png"), full_page=True)
        v.close()
        if not placed:
            bad.append("no margin note on the article")
        for block, right, left in placed:
            if not (left if rtl else right):
                bad.append(f"the note of {block} is not on the {'left' if rtl else 'right'}")
        v = Visit(ctx, url(actor))
        box, prose = v.page.evaluate("""() => [document.querySelector('.infobox').getBoundingClientRect().left,
                                             document.querySelector('.prose').getBoundingClientRect().left]""")
        v.close()
        if (box < prose) != rtl:
            bad.append(f"the infobox is on the wrong side ({box} vs {prose})")
        v = Visit(contexts[375], url("index.html"))
        first, last, head, mark = v.page.evaluate("""() => {
            const box = document.querySelector('.matrix-scroll').getBoundingClientRect();
            const th = document.querySelector('.matrix tbody th').getBoundingClientRect();
            const brand = document.querySelector('.brand').getBoundingClientRect();
            return [th.left - box.left, box.right - th.right, brand.left, getComputedStyle(document.querySelector('.matrix th')).textAlign];
        }""")
        v.page.screenshot(path=str(SHOTS / f"starter-{lang}-home-375.png"), full_page=True)
        v.close()
        at_start = last < 2 if rtl else first < 2
        if not at_start:
            bad.append(f"the matrix's actor column is not at the {'right' if rtl else 'left'} ({first}, {last})")
        if mark != "start":
            bad.append(f"matrix headings align {mark}")
        return "; ".join(bad) or None
    SHOTS.mkdir(parents=True, exist_ok=True)
    check(f"{lang}: the notes, the infobox and the matrix's actor column sit on the "
          f"{'mirrored' if rtl else 'usual'} side", sides)

    for ctx in contexts.values():
        ctx.close()


def main():
    ensure_chromium()
    ensure_venv()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="explainer-browser-") as tmp:
        site = Path(tmp) / SUB
        httpd = None
        try:
            build_site(site)
            starters = {lang: build_starter(lang, tmp) for lang in LANGUAGES}
            sh([str(EXPLAINER), "build", "--strict", "--root", str(HERE.parent / "fixtures" / "search-cases"),
                "--output", str(Path(tmp) / "search-cases")], stdout=subprocess.DEVNULL)
            httpd, base = serve(tmp)
            root = base[:-len(f"{SUB}/")]
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                try:
                    run_checks(browser, base, site)
                    SHOTS.mkdir(parents=True, exist_ok=True)
                    visuals.run(browser, base, site, check, Visit, SHOTS, luminance)
                    import search  # tests/browser/search.py: site search
                    search.run(browser, base, site, check, Visit, Path(tmp) / "pagefind", root + "pagefind/")
                    search.run_cases(browser, root + "search-cases/", check, Visit)
                    for lang, folder in starters.items():
                        run_language_checks(browser, f"{root}{lang}/", folder, lang)
                finally:
                    browser.close()
        except Exception as e:
            print(f"FAIL the browser tests could not run: {type(e).__name__}: {e}", flush=True)
            results.append(False)
        finally:
            if httpd:
                httpd.shutdown()
                httpd.server_close()
    return suite.closing(results)


if __name__ == "__main__":
    sys.exit(main())
