"""The release, as far as this machine can make one, and the action that downloads it.

- `scripts/release build x86_64-unknown-linux-musl`, the Linux step of
  .github/workflows/release.yml: the archive holds a static binary that names its
  version and commit, with LICENSE, README.md and CHANGELOG.md; `scripts/release sums`,
  `notes` and `check-tag` as the workflow runs them. (The other targets need Apple and
  Windows runners; the musl target itself comes from rustup, and the check is skipped,
  saying so, where rustup cannot install it.)
- action.yml, laid out as a runner keeps an action used at a release tag
  (`_actions/OWNER/NAME/vVERSION`), with that release served from loopback in place of
  GitHub: it downloads the binary, checks its SHA-256 and builds a starter site from
  `explainer init`, in a few seconds and without cargo; it compiles (runs `cargo
  install`) only when no release or no binary for the runner is found; and it fails on
  a binary that does not match its sum.
"""

import functools
import hashlib
import http.server
import os
import re
import shutil
import stat
import subprocess
import tarfile
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from local_runner import ActionError, run_action

REPO = Path(__file__).resolve().parents[2]
TARGET = "x86_64-unknown-linux-musl"
BASE_URL = "https://your-org.github.io/newsroom/"
# What the action needs of its checkout: the files it fingerprints and builds from.
ACTION_FILES = ["action.yml", "Cargo.toml", "Cargo.lock", "build.rs", "build", "src", "templates", "static"]
# A starter site's job does more than the action (checkout, upload, deploy): the
# action's own steps get a small part of the minute.
ACTION_SECONDS = 20


def package_field(name):
    text = (REPO / "Cargo.toml").read_text(encoding="utf-8")
    return re.search(rf'^{name} = "(.*)"$', text, re.M).group(1)


VERSION = package_field("version")
OWNER, NAME = package_field("repository").removeprefix("https://github.com/").split("/")[:2]


def expected_commit():
    """What --version should name: as build/commit.rs finds it for this checkout."""
    given = os.environ.get("EXPLAINER_COMMIT", "").strip()
    if given:
        return given
    top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=REPO, capture_output=True, text=True)
    if top.returncode == 0 and Path(top.stdout.strip()).resolve() == REPO:
        return subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=REPO,
                              capture_output=True, text=True).stdout.strip()
    return "unknown"


def target_installed(target):
    """Whether rustup has (or can now install) the standard library of `target`."""
    if not shutil.which("rustup"):
        return False
    listed = subprocess.run(["rustup", "target", "list", "--installed"], capture_output=True, text=True)
    if target in listed.stdout.split():
        return True
    return subprocess.run(["rustup", "target", "add", target], capture_output=True).returncode == 0


def is_static_elf(path):
    """An ELF executable with no program interpreter: the kernel runs it, no loader."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2:  # 64-bit
        return False
    phoff = int.from_bytes(data[0x20:0x28], "little")
    phentsize = int.from_bytes(data[0x36:0x38], "little")
    phnum = int.from_bytes(data[0x38:0x3A], "little")
    types = [int.from_bytes(data[phoff + i * phentsize:][:4], "little") for i in range(phnum)]
    return 3 not in types  # PT_INTERP


def release(*args):
    return subprocess.run([str(REPO / "scripts" / "release"), *map(str, args)], cwd=REPO,
                          capture_output=True, text=True)


def build_release(tally, dist):
    """Builds the Linux release into `dist` as the workflow does; returns the binary
    taken out of its archive, or None."""
    if not target_installed(TARGET):
        tally.skip(f"scripts/release build {TARGET}", "rustup cannot install the target on this machine")
        return None
    started = time.monotonic()
    done = release("build", TARGET, dist)
    if not tally.check(done.returncode == 0, f"scripts/release build {TARGET}", done.stderr[-3000:]):
        return None
    print(f"  (built and packed in {time.monotonic() - started:.0f} s)")
    archive = Path(done.stdout.strip().splitlines()[-1])
    folder = f"explainer-{VERSION}-{TARGET}"
    tally.check(archive.name == f"{folder}.tar.gz", "the archive is named explainer-VERSION-TARGET.tar.gz", archive.name)

    with tarfile.open(archive) as tar:
        names = sorted(tar.getnames())
        tally.check(
            names == [folder] + [f"{folder}/{n}" for n in ("CHANGELOG.md", "LICENSE", "README.md", "explainer")],
            "the archive holds explainer, LICENSE, README.md and CHANGELOG.md in a folder of its name",
            str(names),
        )
        tar.extractall(dist / "unpacked", filter="data")
    binary = dist / "unpacked" / folder / "explainer"
    tally.check(binary.stat().st_mode & stat.S_IXUSR, "the binary is executable")
    tally.check(is_static_elf(binary), "the Linux binary is static: no program interpreter")
    shown = subprocess.run([str(binary), "--version"], capture_output=True, text=True).stdout
    tally.check(shown == f"explainer {VERSION} (commit {expected_commit()})\n",
                "the release binary names its version and commit", shown)

    done = release("sums", dist)
    sums = (dist / "SHA256SUMS").read_text() if done.returncode == 0 else ""
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    tally.check(sums == f"{digest}  {archive.name}\n", "SHA256SUMS has the archive's SHA-256", sums + done.stderr)

    notes = release("notes", f"v{VERSION}")
    tally.check(notes.returncode == 0 and notes.stdout.strip() and "## [" not in notes.stdout,
                "the release notes are this version's section of CHANGELOG.md", notes.stdout + notes.stderr)
    tally.check(release("check-tag", f"v{VERSION}").returncode == 0, "check-tag takes the tag of Cargo.toml's version")
    other = release("check-tag", f"v{VERSION}.1")
    tally.check(other.returncode == 1 and "is not v and the version" in other.stderr,
                "check-tag refuses a tag of another version", other.stderr)
    return binary


@contextmanager
def serve(root):
    """An HTTP server on loopback serving `root`; yields its URL and the paths asked for."""
    asked = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            asked.append(self.path)

    handler = functools.partial(Handler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", asked
    finally:
        server.shutdown()
        server.server_close()


def run_the_released_action(tally, dist, binary):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        action = tmp / "_actions" / OWNER / NAME / f"v{VERSION}"
        action.mkdir(parents=True)
        for name in ACTION_FILES:
            source = REPO / name
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, action / name)
        download = tmp / "server" / OWNER / NAME / "releases" / "download" / f"v{VERSION}"
        download.mkdir(parents=True)
        for file in [*dist.glob("explainer-*"), dist / "SHA256SUMS"]:
            shutil.copy2(file, download / file.name)
        # A cargo that only records how it was called: the download must not need it,
        # and the fallback must call it as the action compiles explainer.
        fake = tmp / "bin" / "cargo"
        fake.parent.mkdir()
        fake.write_text('#!/bin/sh\necho "$@" >> "$CARGO_CALLS"\nexit 1\n')
        fake.chmod(0o755)
        calls = tmp / "cargo-calls"

        with serve(tmp / "server") as (url, asked):
            env = {"GITHUB_SERVER_URL": url, "PATH": f"{fake.parent}{os.pathsep}{os.environ['PATH']}",
                   "CARGO_CALLS": str(calls)}

            def attempt(run, inputs, sums=None):
                workspace, runner_temp = tmp / run / "workspace", tmp / run / "runner"
                subprocess.run([str(binary), "init", str(workspace)], check=True, capture_output=True)
                if sums is not None:
                    (download / "SHA256SUMS").write_text(sums)
                calls.unlink(missing_ok=True)
                asked.clear()
                started = time.monotonic()
                try:
                    return run_action(action, inputs, workspace, runner_temp, log=lambda _: None, env=env), \
                        workspace, runner_temp, time.monotonic() - started
                except ActionError as e:
                    return e, workspace, runner_temp, time.monotonic() - started

            sums = (download / "SHA256SUMS").read_text()
            outputs, workspace, runner_temp, seconds = attempt("release", {"base-url": BASE_URL})
            if tally.check(isinstance(outputs, dict), "the action at a release tag builds the starter site", str(outputs)):
                installed = Path(outputs["explainer"])
                tally.check(installed == runner_temp / "explainer" / "bin" / "explainer"
                            and installed.read_bytes() == binary.read_bytes(),
                            "the action runs the release's binary", str(installed))
                tally.check(not calls.exists(), "the action at a release tag compiles nothing (no cargo)")
                prefix = f"/{OWNER}/{NAME}/releases/download/v{VERSION}/"
                tally.check(sorted(asked) == sorted([prefix + "SHA256SUMS", prefix + f"explainer-{VERSION}-{TARGET}.tar.gz"]),
                            "it downloads SHA256SUMS and the Linux x86_64 archive of its own version", str(asked))
                site = workspace / "public"
                tally.check((site / "articles" / "bus-lane-vote" / "index.html").is_file(),
                            "the starter's article is built")
                tally.check(BASE_URL in (site / "404.html").read_text(encoding="utf-8"), "base-url reached the build")
                print(f"  (the action's steps, download from loopback to built site: {seconds:.2f} s)")
                tally.check(seconds < ACTION_SECONDS, f"the action's steps take under {ACTION_SECONDS} s with the release",
                            f"{seconds:.1f} s")

            cargo_install = f"install --locked --path {action} --root {{}}\n"
            for run, inputs, changed, why in [
                ("missing", {"version": "9.9.9"}, None, "a version with no release"),
                ("other-platform", {}, sums.replace(TARGET, "riscv64gc-unknown-linux-musl"),
                 "a release without a binary for the runner"),
            ]:
                result, _, runner_temp, _ = attempt(run, inputs, changed)
                recorded = calls.read_text() if calls.exists() else ""
                tally.check(recorded == cargo_install.format(runner_temp / "explainer"),
                            f"{why}: the action falls back to cargo install", f"{result}\ncargo: {recorded!r}")
            (download / "SHA256SUMS").write_text(sums)

            tampered = re.sub(r"^[0-9a-f]{64}", "0" * 64, sums)
            result, _, runner_temp, _ = attempt("tampered", {}, tampered)
            tally.check(isinstance(result, ActionError) and "does not match its SHA-256" in str(result),
                        "a binary that does not match SHA256SUMS fails the action", str(result))
            tally.check(not (runner_temp / "explainer" / "bin" / "explainer").exists() and not calls.exists(),
                        "and it is neither used nor replaced by a compiled one")
