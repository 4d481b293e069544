"""Browser checks of site search (called by run.py, in its venv and with its server).

- Typing "Merz" into the header box, and into the search page's own box, lists
  Friedrich Merz's actor page first; the page works under the sub-path it is served at.
- On a position page, each "all actors marked …" link opens the search narrowed to
  exactly the actors the page lists under that stance.
- The search page fits a 375 px window and is axe-clean; with JavaScript off it still
  renders and says what to do.
- A differential test against Pagefind (PyPI `pagefind[bin]`, pinned in
  requirements.txt) on the articles of the site: for words sampled from their text and
  every word of every actor's name, the articles the site's search finds must include
  every article Pagefind finds. Rules where the two differ by design:
  * Pagefind indexes the article as shown (`article.article`), the site's index the
    article as written; notes, previews, the picture, the guide and the list of related
    positions are their own documents (or chrome), so they are excluded from Pagefind
    (`EXCLUDE`).
  * Words with digits, hyphens or apostrophes are not sampled: Pagefind splits and
    joins them in its own way (`U.S.`, `NATO-style`, `Merz's`).
  * With no match, Pagefind falls back to shorter words ("alexander" finds "a"): its
    results count only where a word it highlights shares the query's first letters.
  * The site's search also matches a word as a prefix ("Mer" finds "Merz") and a
    stem plus a short ending, so it may find more: each article it finds beyond
    Pagefind's must hold a word that shares the query's first characters.
- On tests/fixtures/search-cases (`run_cases`), words the page splits or spells
  otherwise than the index find what they name, and nothing else: ideographs, kana and
  Thai (which the browser's segmenter joins by dictionary and the index does not), a
  word typed with ' that the text typesets with ’ (and the reverse), a word whose stem
  the stemmer spelt otherwise ("policy" for "policies", stem `polici`), a word that
  only extends a stem by letters no ending of the site has ("Nigeria" for "Niger"), and the
  text of a note's raw HTML that its page shows, but not the script it drops.
"""
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

# What Pagefind leaves out of an article: what the site's index holds as documents of
# their own (notes, the previews of the actors and positions it names) or not at all
# (the byline, the picture, the reading guide, related positions, navigation).
EXCLUDE = ".notes, .pv, .meta, .updated, figure, .guide, .related, .more, .update-log, nav"


def pagefind(site, out):
    """Runs the Pagefind CLI over the articles of the built site into `out`."""
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(out),
                    "--glob", "articles/*/index.html", "--root-selector", "article.article",
                    "--exclude-selectors", EXCLUDE,
                    "--force-language", "en"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def results(page):
    """The links of the search page's results, once its status says how many."""
    page.wait_for_function("() => /\\d/.test(document.getElementById('search-status').textContent)")
    return page.eval_on_selector_all("#search-results a", "as => as.map(a => a.href)")


def run(browser, base, site, check, Visit, pf_dir, pf_url):
    narrow = browser.new_context(viewport={"width": 375, "height": 812})
    wide = browser.new_context(viewport={"width": 1280, "height": 900})
    merz = base + "actors/friedrich-merz/"

    def header_box():
        v = Visit(wide, base + "positions/")
        v.page.fill("#site-q", "Merz")
        v.page.press("#site-q", "Enter")
        v.page.wait_for_url("**/search/?q=Merz")
        found = results(v.page)
        problems = v.problems()
        v.close()
        if not found or found[0] != merz:
            return f"first result {found[:3]}"
        return "; ".join(problems) or None
    check("search: 'Merz' in the header box lists Friedrich Merz first, under a sub-path", header_box)

    def own_box():
        v = Visit(narrow, base + "search/")
        v.page.fill("#q", "merz")
        v.page.click(".search-form button")
        found = results(v.page)
        sw, iw = v.page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        v.close()
        if not found or found[0] != merz:
            return f"first result {found[:3]}"
        return f"{sw} px wide at {iw}" if sw > iw else None
    check("search: the search page's box finds Merz first and fits 375 px", own_box)

    def stance_links():
        bad, seen = [], 0
        for pos in sorted((site / "positions").glob("*/index.html")):
            v = Visit(wide, base + pos.relative_to(site).parent.as_posix() + "/")
            groups = v.page.evaluate("""() => [...document.querySelectorAll('.group')].map(g => [
                g.querySelector('.search-who a').href,
                [...g.querySelectorAll('a.actor')].map(a => a.href).sort()])""")
            v.close()
            for link, actors in groups:
                v = Visit(wide, link)
                found = sorted(results(v.page))
                v.close()
                seen += 1
                if found != actors:
                    bad.append(f"{link}: {found} != {actors}")
        return "; ".join(bad[:3]) or (None if seen else "no stance link")
    check("search: a stance link lists exactly the actors with that stance", stance_links)

    def nojs():
        ctx = browser.new_context(java_script_enabled=False)
        page = ctx.new_page()
        page.goto(base + "search/?q=merz")
        text = page.inner_text("main")
        ctx.close()
        return None if "JavaScript" in text and "actors" in text.lower() else text[:200]
    check("search: with JavaScript off the page says what to do", nojs)

    def axe_clean():
        from axe_playwright_python.sync_playwright import Axe
        bad = []
        for width in (375, 1280):
            ctx = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
            v = Visit(ctx, base + "search/?q=merz&kind=actor&kind=article")
            results(v.page)
            found = Axe().run(v.page).response.get("violations", [])
            bad += [f"{width}: {x['id']} ({len(x['nodes'])})" for x in found]
            v.close()
            ctx.close()
        return "; ".join(bad) or None
    check("search: the search page with results is axe-clean at 375 and 1280 px", axe_clean)

    def differential():
        pagefind(site, pf_dir)
        texts = {}
        for art in sorted((site / "articles").glob("*/index.html")):
            texts[art.relative_to(site).parent.as_posix() + "/"] = None
        ctx = browser.new_context(bypass_csp=True)
        page = ctx.new_page()
        page.goto(base + "search/")
        for url in texts:
            page.goto(base + url)
            texts[url] = page.evaluate("""x => { const a = document.querySelector('article.article').cloneNode(true);
                a.querySelectorAll(x).forEach(e => e.remove());
                return a.textContent.toLowerCase(); }""", EXCLUDE)
        plain = lambda w: re.fullmatch(r"[^\W\d_]+", w) is not None
        vocab = sorted({w for t in texts.values() for w in re.findall(r"[\w'’.-]+", t) if plain(w)})
        names = sorted({w.lower() for a in (site / "actors").glob("*/index.html")
                        for w in re.findall(r"<h1>([^<]*)</h1>", a.read_text())[0].split() if plain(w)})
        words = sorted(set(vocab[::max(1, len(vocab) // 40)] + names))
        page.goto(base + "search/")
        page.evaluate(f"async () => {{ window.pf = await import({pf_url!r} + 'pagefind.js'); await window.pf.options({{baseUrl: '/'}}); }}")
        bad, hits = [], 0
        for w in words:
            theirs = page.evaluate("""async w => { const r = await window.pf.search(w);
                const d = await Promise.all(r.results.map(x => x.data())); return d.map(x => [x.url, x.excerpt]); }""", w)
            head = w[:max(2, len(w) - 4)]
            # Only article pages themselves (a glob can reach the notes' pages below them),
            # and only where Pagefind matched the word: with no match it falls back to
            # shorter ones ("alexander" finds "a"), which the site's search does not.
            theirs = {u.lstrip("/") for u, excerpt in theirs if re.fullmatch(r"/?articles/[^/]+/", u)
                      and any(m.lower().startswith(head) for m in re.findall(r"<mark>([^<]*)</mark>", excerpt))}
            v = Visit(ctx, base + "search/?kind=article&q=" + quote(w))
            ours = {u[len(base):] for u in results(v.page)}
            v.close()
            hits += len(theirs)
            if theirs - ours:
                bad.append(f"{w!r}: missed {sorted(theirs - ours)}")
            for extra in ours - theirs:
                if not re.search(r"(?<!\w)" + re.escape(head), texts.get(extra, "")):
                    bad.append(f"{w!r}: {extra} has no word starting {head!r}")
        ctx.close()
        if len(words) < 20 or hits < 20:
            bad.append(f"only {len(words)} words sampled, {hits} pages found by Pagefind")
        return "; ".join(bad[:5]) or None
    check("search: every article Pagefind finds for a word, the site's search finds too", differential)

    narrow.close()
    wide.close()


# Query → the pages of tests/fixtures/search-cases it must list, exactly.
CASES = {
    "北京": ["articles/world/"],
    "主席": ["articles/world/"],
    "大統領": ["articles/world/"],
    "ภาษาไทย": ["articles/world/"],
    "ไทย": ["articles/world/"],
    "O'Neil": ["articles/world/"],
    "O’Neil": ["articles/world/"],
    "Ukraine's": ["articles/world/"],
    "Ukraine’s": ["articles/world/"],
    "supports": ["articles/world/"],
    "Niger": ["articles/world/", "articles/world/notes/niger/"],
    "policy": ["articles/world/"],
    "company": ["articles/world/"],
    "Nigeria": [],
    "Nigerian": [],
    "cartel": [],
    "blockword": ["articles/world/notes/niger/"],
    "inlinescript": [],
    "inlinestyle": [],
}


def run_cases(browser, base, check, Visit):
    """Checks `CASES` on the search page of the fixture served at `base`."""
    def cases():
        ctx = browser.new_context()
        bad = []
        for q, want in CASES.items():
            v = Visit(ctx, base + "search/?q=" + quote(q))
            found = sorted(u[len(base):] for u in results(v.page))
            problems = v.problems()
            v.close()
            if found != sorted(want) or problems:
                bad.append(f"{q!r}: {found} (expected {sorted(want)}) {'; '.join(problems)}")
        ctx.close()
        return "; ".join(bad) or None
    check("search: ideographs, Thai, apostrophes, endings and raw HTML find what the page shows", cases)

    def kind_labels():
        # Probe: a result was labelled "Notes", the heading of its kind's filter.
        ctx = browser.new_context()
        v = Visit(ctx, base + "search/?q=" + quote("niger"))
        results(v.page)
        labels = v.page.eval_on_selector_all("#search-results .kind", "els => els.map(e => e.textContent)")
        v.close()
        ctx.close()
        return None if labels and set(labels) <= {"Note", "Article", "Actor", "Position", "Event"} else f"labels {labels}"
    check("search: each result is labelled with its kind in the singular", kind_labels)
