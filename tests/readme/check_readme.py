#!/usr/bin/env python3
"""Runs README.md, so that it cannot rot.

Every ```sh block is run, as a reader would run it, except a block holding a line
`# not run by tests: REASON` (counted as skipped):

- blocks that build, test or install explainer itself (a command starting with `cargo`
  or `scripts/`) run first, in this checkout, with CARGO_INSTALL_ROOT in a scratch
  folder, so the README's own `cargo install` provides the `explainer` that the other
  blocks use. `scripts/test` is not run again from inside itself: the check is that it
  exists and runs this file;
- the other blocks run in document order in a scratch folder, the working directory
  carried from one block to the next like one terminal session;
- each ```toml, ```markdown and ```text block whose introducing line ends with a
  backquoted path and a colon (`content/site.toml`:) is written to that path at its place
  in the document, as the reader would save it. A ```toml or ```markdown block without
  such a path is an error: every example must be a file that gets built.

Then the site so assembled is checked and built, and every article, actor and position
written from the README must have its page. Stdlib only.
"""

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from fences import blocks  # noqa: E402
from tally import Tally  # noqa: E402

README = REPO / "README.md"
FIRST_COMMANDS = ["cargo run --release -- build", "scripts/test"]
SKIP = re.compile(r"^\s*#\s*not run by tests:\s*(.+?)\s*$", re.M)
FILE_INTRO = re.compile(r"`([^`\s]+)`:$")
SNIPPET_LANGS = {"toml", "markdown", "md"}
PAGES = {"articles", "actors", "positions"}
TIMEOUT = 900


def commands(block):
    """The commands of a shell block, without comments and blank lines."""
    lines = (line.split(" #")[0].strip() for line in block.text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def is_repository_block(block):
    return any(c.startswith(("cargo ", "scripts/")) for c in commands(block))


def run_shell(text, cwd, env):
    """Runs `text` with bash -euo pipefail in `cwd`; returns (ok, output, final cwd)."""
    with tempfile.NamedTemporaryFile("r", suffix=".cwd") as cwd_file:
        script = f'set -euo pipefail\n{text}\npwd > "{cwd_file.name}"\n'
        try:
            done = subprocess.run(
                ["bash", "--noprofile", "--norc", "-c", script],
                cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            return False, f"still running after {TIMEOUT} s", cwd
        ok = done.returncode == 0
        new_cwd = Path(cwd_file.read().strip() or cwd) if ok else cwd
        return ok, f"exit {done.returncode}\n{done.stdout}{done.stderr}", new_cwd


def check_opening(tally, all_blocks):
    """The README opens with its title and the two commands, before any other command."""
    first_sh = next((b for b in all_blocks if b.lang == "sh"), None)
    title_ok = README.read_text(encoding="utf-8").startswith("# explainer\n")
    tally.check(
        title_ok and first_sh is not None and commands(first_sh) == FIRST_COMMANDS,
        "README.md opens with its title and the two commands",
        f"first commands: {commands(first_sh) if first_sh else None}",
    )


def run_repository_blocks(tally, repo_blocks, env):
    for block in repo_blocks:
        lines = []
        for line in block.text.splitlines():
            if line.split(" #")[0].strip() == "scripts/test":
                tests_readme = "tests/readme/check_readme.py" in (REPO / "scripts/test").read_text()
                tally.check(
                    os.access(REPO / "scripts/test", os.X_OK) and tests_readme,
                    f"README.md:{block.line}: scripts/test is executable and runs this check",
                )
                continue
            lines.append(line)
        ok, output, _ = run_shell("\n".join(lines), REPO, env)
        tally.check(ok, f"README.md:{block.line}: {'; '.join(commands(block))}", output)


def write_snippet(tally, block, cwd, written):
    match = FILE_INTRO.search(block.intro)
    if not match:
        if block.lang in SNIPPET_LANGS:
            tally.check(False, f"README.md:{block.line}: a ```{block.lang} block names its file",
                        f"the line before it should end with the path, e.g. `content/site.toml`: (it is {block.intro!r})")
        return
    path = cwd / match.group(1)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(block.text, encoding="utf-8")
    written.append((block, path))


def run_site_blocks(tally, site_blocks, cwd, env):
    """The reader's session; returns the folder it ends in and the files it wrote."""
    written = []
    for block in site_blocks:
        if block.lang == "sh":
            ok, output, cwd = run_shell(block.text, cwd, env)
            tally.check(ok, f"README.md:{block.line}: {'; '.join(commands(block))}", output)
            if not ok:
                break
        else:
            write_snippet(tally, block, cwd, written)
    return cwd, written


def check_built_site(tally, cwd, written, env, out):
    """The examples, put together, make a site that checks and builds, with a page for
    every article, actor and position among them."""
    done = subprocess.run(["explainer", "build", "--output", str(out)], cwd=cwd, env=env,
                          capture_output=True, text=True)
    if not tally.check(done.returncode == 0, "the README's examples build into a site", done.stderr):
        return
    for block, path in written:
        rel = path.relative_to(cwd)
        if len(rel.parts) == 3 and rel.parts[0] == "content" and rel.parts[1] in PAGES:
            page = out / rel.parts[1] / rel.stem / "index.html"
            tally.check(page.is_file(), f"README.md:{block.line}: {rel} has its page {page.relative_to(out)}")
        else:
            tally.check(path.is_file(), f"README.md:{block.line}: {rel} is written where the README says")


def main():
    sys.stdout.reconfigure(line_buffering=True)
    tally = Tally()
    all_blocks = blocks(README)
    check_opening(tally, all_blocks)

    runnable = []
    for block in all_blocks:
        reason = SKIP.search(block.text) if block.lang == "sh" else None
        if reason:
            tally.skip(f"README.md:{block.line}: {'; '.join(commands(block))}", reason.group(1))
        elif block.lang == "sh" or block.lang in SNIPPET_LANGS | {"text"}:
            runnable.append(block)
    repo_blocks = [b for b in runnable if b.lang == "sh" and is_repository_block(b)]
    site_blocks = [b for b in runnable if b not in repo_blocks]

    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        install_root = scratch / "cargo"
        env = dict(os.environ)
        env["CARGO_INSTALL_ROOT"] = str(install_root)
        env["PATH"] = f"{install_root / 'bin'}{os.pathsep}{env['PATH']}"
        run_repository_blocks(tally, repo_blocks, env)
        if tally.check((install_root / "bin" / "explainer").is_file(),
                       "the README's install command put explainer in place"):
            work = scratch / "work"
            work.mkdir()
            cwd, written = run_site_blocks(tally, site_blocks, work, env)
            check_built_site(tally, cwd, written, env, scratch / "built")
    return tally.close()


if __name__ == "__main__":
    sys.exit(main())
