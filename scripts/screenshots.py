"""The README's screenshots, taken of the project's own site (not a test):

    python3 tests/browser/run.py          # once: sets up target/browser-venv and Chromium
    target/browser-venv/bin/python scripts/screenshots.py

The position card is copied from a build with a base URL (cards need one).
"""
import functools, http.server, threading, sys, subprocess, tempfile, shutil
from pathlib import Path
from playwright.sync_api import sync_playwright
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
site = Path(tempfile.mkdtemp()) / "site"
BIN = str(ROOT / "target/release/explainer")
subprocess.run([BIN, "build", "--root", str(ROOT), "--output", str(site)], check=True, capture_output=True)
carded = site.parent / "carded"
subprocess.run([BIN, "build", "--root", str(ROOT), "--output", str(carded), "--base-url",
                "https://your-org.github.io/explainer/"], check=True, capture_output=True)
shutil.copy(carded / "positions/ukraine-joins-nato/card.png", OUT / "card.png")
class Q(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a): pass
srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Q, directory=str(site)))
threading.Thread(target=srv.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{srv.server_address[1]}/"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
with sync_playwright() as pw:
    b = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
    def page(w, h, dark=False):
        return b.new_page(viewport={"width": w, "height": h}, color_scheme="dark" if dark else "light")
    # Search: "Merz" typed into the header box.
    p = page(1280, 800); p.goto(base + "search/?q=Merz"); p.wait_for_selector("#search-results li")
    p.screenshot(path=str(OUT / "search.png"))
    # The map on the home page, light, and on a position page at 375 px, dark.
    p = page(1280, 900); p.goto(base)
    p.locator(".map").first.screenshot(path=str(OUT / "map.png"))
    p = page(375, 800, dark=True); p.goto(base + "positions/ukraine-joins-nato/")
    p.locator(".map").first.screenshot(path=str(OUT / "map-375-dark.png"))
    # A preview of a mention, on hover.
    p = page(1280, 700); p.goto(base + "articles/us-rules-out-ukraine-nato-entry/")
    m = p.locator(".text p a.mention[aria-describedby]").first
    m.scroll_into_view_if_needed(); m.hover(); p.wait_for_timeout(1200)
    box = m.bounding_box()
    p.screenshot(path=str(OUT / "preview.png"), clip={"x": 0, "y": max(0, box["y"] - 120), "width": 1280, "height": 360})
    b.close()
srv.shutdown()
print("ok")
