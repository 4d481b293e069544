"""Browser checks of the map of who stands where and of the previews of mentions.

Called by run.py with its `check` and `Visit`: a mention's preview opens on hover and
on keyboard focus at 1280 px and while pressed at 375 px, sits next to its mention and
moves no text; the map fits a phone with legible labels, is readable in dark mode, and
the pages that carry them are axe-clean.
"""

# A preview is shown by the page's own style (allowed by its hash in the CSP, which these
# contexts enforce): it is open when it is displayed.
OPEN = "el => getComputedStyle(el).display != 'none'"
# Where every paragraph and note of the article is: nothing may move when a preview opens.
BOXES = """() => [...document.querySelectorAll('.text p, .text aside')].map(e => {
    const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })"""


def wait_open(page, card, want=True, ms=3000):
    for _ in range(ms // 100):
        if card.evaluate(OPEN) == want:
            return True
        page.wait_for_timeout(100)
    return False


def placed_near(mention, card):
    m, c = mention.bounding_box(), card.bounding_box()
    if not c or c["width"] < 40 or c["height"] < 20:
        return f"the preview is not visible ({c})"
    # Below the mention or, near the bottom of the window, above it.
    gap = min(abs(c["y"] - (m["y"] + m["height"])), abs(m["y"] - (c["y"] + c["height"])))
    if gap > 24:
        return f"the preview is {gap:.0f} px from its mention"
    return None


def run(browser, base, site, check, Visit, shots, luminance):
    from axe_playwright_python.sync_playwright import Axe

    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    url = lambda rel: base + (rel[:-len("index.html")] if rel.endswith("index.html") else rel)
    article = next(p for p in pages if p.startswith("articles/") and p.count("/") == 2)
    actor = next(p for p in pages if p.startswith("actors/") and p != "actors/index.html")
    position = next(p for p in pages if p.startswith("positions/") and p != "positions/index.html")
    wide = browser.new_context(viewport={"width": 1280, "height": 900})
    touch = browser.new_context(viewport={"width": 375, "height": 812}, has_touch=True,
                                is_mobile=True)
    dark = browser.new_context(viewport={"width": 375, "height": 812}, color_scheme="dark")
    axe = Axe()

    def first_mention(page):
        mention = page.locator(".text p a.mention[aria-describedby]").first
        mention.scroll_into_view_if_needed()
        return mention, page.locator("#" + mention.get_attribute("aria-describedby"))

    def shared():
        v = Visit(wide, url(article))
        ids, cards = v.page.evaluate("""() => [
            [...document.querySelectorAll('a[aria-describedby]')].map(a => a.getAttribute('aria-describedby')),
            [...document.querySelectorAll('.pv')].map(p => p.id)]""")
        v.close()
        if len(ids) < 5:
            return f"only {len(ids)} links name a preview"
        if sorted(set(ids)) != sorted(cards):
            return f"links name {sorted(set(ids))}, the page has {sorted(cards)}"
        if len(cards) != len(set(cards)):
            return "a preview is written twice"
        return None
    check("each mentioned actor's or position's preview is on the article once, and every link names one", shared)

    def hover():
        v = Visit(wide, url(article))
        mention, card = first_mention(v.page)
        before = v.page.evaluate(BOXES)
        mention.hover()
        if not wait_open(v.page, card):
            return "hovering the mention opens no preview"
        bad = placed_near(mention, card)
        text = card.inner_text()
        v.page.screenshot(path=str(shots / "preview-hover-1280.png"))
        moved = v.page.evaluate(BOXES) != before
        found = axe.run(v.page).response.get("violations", [])
        v.page.mouse.move(5, 5)
        closed = wait_open(v.page, card, want=False)
        v.close()
        if bad:
            return bad
        if moved:
            return "text moved when the preview opened"
        if not any(ch.isdigit() for ch in text):
            return f"the preview has no stance count: {text!r}"
        if found:
            return "axe: " + ", ".join(f"{x['id']} ({len(x['nodes'])})" for x in found)
        return None if closed else "the preview stays open after the pointer leaves"
    check("hovering a mention shows its preview beside it, moves nothing, axe-clean (1280 px)", hover)

    def focus():
        v = Visit(wide, url(article))
        mention, card = first_mention(v.page)
        before = v.page.evaluate(BOXES)
        # Reach the mention from the keyboard: focus what comes before it, then Tab.
        mention.focus()
        v.page.keyboard.press("Shift+Tab")
        v.page.keyboard.press("Tab")
        opened = wait_open(v.page, card)
        bad = placed_near(mention, card) if opened else "keyboard focus opens no preview"
        moved = v.page.evaluate(BOXES) != before
        v.close()
        return bad or ("text moved when the preview opened" if moved else None)
    check("focusing a mention from the keyboard shows its preview (1280 px)", focus)

    def long_press():
        # A finger held on a link makes it :active, which shows its preview. Headless
        # Chromium synthesises no press state from touch events, so the state is set as
        # DevTools does (CSS.forcePseudoState); the page's own CSS does the rest.
        v = Visit(touch, url(article))
        mention, card = first_mention(v.page)
        before = v.page.evaluate(BOXES)
        cdp = touch.new_cdp_session(v.page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {
            "nodeId": root, "selector": ".text p a.mention[aria-describedby]"})["nodeId"]
        cdp.send("CSS.forcePseudoState", {"nodeId": node, "forcedPseudoClasses": ["active"]})
        opened = wait_open(v.page, card)
        bad = placed_near(mention, card) if opened else "pressing a mention opens no preview"
        c = card.bounding_box() if opened else None
        if c and (c["x"] < 0 or c["x"] + c["width"] > 375):
            bad = bad or f"the preview runs off a 375 px screen ({c})"
        moved = v.page.evaluate(BOXES) != before
        v.page.screenshot(path=str(shots / "preview-touch-375.png"))
        cdp.send("CSS.forcePseudoState", {"nodeId": node, "forcedPseudoClasses": []})
        closed = wait_open(v.page, card, want=False)
        v.close()
        bad = bad or ("text moved when the preview opened" if moved else None)
        return bad or (None if closed else "the preview stays open after the finger lifts")
    check("pressing a mention (touch) shows its preview within a 375 px screen", long_press)

    def map_fits():
        bad = []
        for rel in ("index.html", actor, position):
            v = Visit(touch, url(rel))
            got = v.page.evaluate("""() => {
                const svg = document.querySelector('figure.map > svg');
                if (!svg) return null;
                const r = svg.getBoundingClientRect();
                const sizes = [...svg.querySelectorAll('text')].map(t => t.getBoundingClientRect().height);
                return [r.left, r.right, Math.min(...sizes), svg.querySelectorAll('a[href]').length,
                        document.documentElement.scrollWidth];
            }""")
            v.page.locator("figure.map").screenshot(path=str(shots / f"map-{rel.split('/')[0] or 'home'}-375.png"))
            v.close()
            if not got:
                bad.append(f"{rel}: no map")
                continue
            left, right, smallest, links, width = got
            if left < 0 or right > 375 or width > 375:
                bad.append(f"{rel}: the map is {left}–{right} px, the page {width} px wide")
            if smallest < 10:
                bad.append(f"{rel}: a label is {smallest:.1f} px tall")
            if links < 2:
                bad.append(f"{rel}: {links} linked nodes")
        return "; ".join(bad) or None
    check("the maps fit a 375 px screen with labels at least 10 px tall, every node a link", map_fits)

    def map_dark():
        v = Visit(dark, url("index.html"))
        text, bg = v.page.evaluate("""() => [getComputedStyle(document.querySelector('figure.map text')).fill,
                                           getComputedStyle(document.body).backgroundColor]""")
        v.page.locator("figure.map").screenshot(path=str(shots / "map-home-375-dark.png"))
        v.close()
        lt, lb = luminance(text), luminance(bg)
        ratio = (max(lt, lb) + 0.05) / (min(lt, lb) + 0.05)
        return None if ratio >= 4.5 else f"labels {text} on {bg}: contrast {ratio:.1f}"
    check("the map's labels keep their contrast in dark mode", map_dark)

    def axe_clean():
        bad = []
        for ctx in (wide, touch):
            for rel in ("index.html", actor, position):
                v = Visit(ctx, url(rel))
                found = axe.run(v.page).response.get("violations", [])
                bad += [f"{rel}: {x['id']} ({len(x['nodes'])})" for x in found]
                v.close()
        return "; ".join(bad[:6]) or None
    check("the pages with a map are axe-clean at 375 and 1280 px", axe_clean)

    for ctx in (wide, touch, dark):
        ctx.close()
