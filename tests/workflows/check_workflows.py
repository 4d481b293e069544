#!/usr/bin/env python3
"""Lints the GitHub workflows and the composite action, then runs the action here.

- actionlint (with shellcheck) on every .github/workflows/*.yml and on every ```yaml
  workflow of README.md, so the example a newsroom copies is valid too;
- action.yml: valid YAML with what a composite action needs (name, description,
  runs.using: composite, a shell on every run step), inputs and step ids that exist
  wherever they are used, no expression spliced into a script, shellcheck on each script;
- the workflow of `explainer init`'s starter: actionlint, and the same, byte for byte,
  as the one README.md gives to copy;
- the action's steps, run by tests/workflows/local_runner.py as a runner would, build a
  site kept the way a newsroom keeps one: only content/ in the workspace, every input
  left at its default but base-url (compiled from the checkout, as at `@main`);
- the release and the action at a release tag (tests/workflows/release_checks.py).

Run by tests/workflows/lint.sh, which installs actionlint, shellcheck and PyYAML.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "readme"))
from fences import blocks  # noqa: E402
from local_runner import ActionError, run_action  # noqa: E402
from release_checks import build_release, run_the_released_action  # noqa: E402
from tally import Tally  # noqa: E402

BIN = Path(sys.executable).parent
ACTIONLINT = [str(BIN / "actionlint"), "-oneline", "-shellcheck", str(BIN / "shellcheck"), "-pyflakes", ""]
INPUT_REF = re.compile(r"\binputs\.([A-Za-z_][\w-]*)")
STEP_REF = re.compile(r"\bsteps\.([A-Za-z_][\w-]*)\.")
BASE_URL = "https://your-org.github.io/newsroom/"


def lint_workflows(tally):
    workflows = sorted((REPO / ".github" / "workflows").glob("*.y*ml"))
    tally.check(bool(workflows), "there are workflows in .github/workflows")
    for workflow in workflows:
        done = subprocess.run(ACTIONLINT + [str(workflow)], cwd=REPO, capture_output=True, text=True)
        tally.check(done.returncode == 0, f"actionlint {workflow.relative_to(REPO)}", done.stdout + done.stderr)


def lint_readme_workflows(tally):
    examples = [b for b in blocks(REPO / "README.md") if b.lang in ("yaml", "yml")]
    tally.check(bool(examples), "README.md has an example workflow")
    for block in examples:
        name = f"README.md:{block.line}"
        done = subprocess.run(
            ACTIONLINT + ["-stdin-filename", name, "-"],
            cwd=REPO, input=block.text, capture_output=True, text=True,
        )
        tally.check(done.returncode == 0, f"actionlint {name}", done.stdout + done.stderr)


def check_starter_workflow(tally):
    """`explainer init` writes a workflow that actionlint passes, and README.md shows it."""
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        done = subprocess.run(["cargo", "run", "--quiet", "--locked", "--", "init", str(site)],
                              cwd=REPO, capture_output=True, text=True)
        if not tally.check(done.returncode == 0, "explainer init writes a starter site", done.stderr):
            return
        workflow = site / ".github" / "workflows" / "pages.yml"
        done = subprocess.run(ACTIONLINT + [str(workflow)], cwd=site, capture_output=True, text=True)
        tally.check(done.returncode == 0, "actionlint on the starter's .github/workflows/pages.yml", done.stdout + done.stderr)
        text = workflow.read_text(encoding="utf-8")
        shown = [b.text for b in blocks(REPO / "README.md") if b.lang in ("yaml", "yml")]
        tally.check(text in shown, "README.md shows the starter's workflow as init writes it",
                    "update the README's example from:\n" + text)


def action_problems(action):
    """What action.yml lacks or gets wrong, as a list of sentences."""
    problems = []
    for key in ("name", "description"):
        if not isinstance(action.get(key), str) or not action[key].strip():
            problems.append(f"no {key}")
    runs = action.get("runs") or {}
    if runs.get("using") != "composite":
        problems.append(f"runs.using is {runs.get('using')!r}, not 'composite'")
    inputs = action.get("inputs") or {}
    for name, spec in inputs.items():
        if not (spec or {}).get("description"):
            problems.append(f"input {name} has no description")
    for name, spec in (action.get("outputs") or {}).items():
        if not (spec or {}).get("description") or "value" not in (spec or {}):
            problems.append(f"output {name} needs a description and a value")
    steps = runs.get("steps") or []
    if not steps:
        problems.append("runs.steps is empty")
    ids = set()
    for number, step in enumerate(steps, 1):
        where = f"step {number} ({step.get('name', 'unnamed')})"
        if ("run" in step) == ("uses" in step):
            problems.append(f"{where} needs exactly one of run and uses")
        if "run" in step and not step.get("shell"):
            problems.append(f"{where} runs a script but has no shell")
        if "${{" in str(step.get("run", "")):
            problems.append(f"{where} splices an expression into its script: pass it through env")
        text = yaml.safe_dump(step)
        problems += [f"{where} uses undeclared input {n}" for n in INPUT_REF.findall(text) if n not in inputs]
        problems += [f"{where} uses step {s}, not an earlier step id" for s in STEP_REF.findall(text) if s not in ids]
        ids.add(step.get("id"))
    for name, spec in (action.get("outputs") or {}).items():
        problems += [f"output {name} uses unknown step {s}" for s in STEP_REF.findall(str(spec.get("value"))) if s not in ids]
    return problems


def check_action(tally):
    path = REPO / "action.yml"
    try:
        action = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        tally.check(False, "action.yml is valid YAML", str(e))
        return None
    if not tally.check(isinstance(action, dict), "action.yml is valid YAML"):
        return None
    problems = action_problems(action)
    tally.check(not problems, "action.yml is a complete composite action", "\n".join(problems))
    for number, step in enumerate(action.get("runs", {}).get("steps") or [], 1):
        if step.get("shell") in ("bash", "sh") and "run" in step:
            done = subprocess.run(
                [str(BIN / "shellcheck"), "--shell", step["shell"], "-"],
                input=step["run"], capture_output=True, text=True,
            )
            tally.check(done.returncode == 0, f"shellcheck action.yml step {number} ({step.get('name')})", done.stdout)
    return action


def run_the_action(tally):
    """The action, run here, builds a newsroom's site: content/ alone in the workspace."""
    with tempfile.TemporaryDirectory() as tmp:
        workspace, runner_temp = Path(tmp) / "workspace", Path(tmp) / "runner"
        shutil.copytree(REPO / "content", workspace / "content")
        try:
            outputs = run_action(REPO, {"base-url": BASE_URL}, workspace, runner_temp)
        except ActionError as e:
            tally.check(False, "the action builds a newsroom's site", str(e))
            return
        site = workspace / outputs.get("output", "")
        tally.check(outputs.get("output") == "public", "the action's output is the folder it wrote, public by default", str(outputs))
        tally.check((site / "index.html").is_file(), "the action wrote the site's index.html")
        page_404 = (site / "404.html").read_text(encoding="utf-8") if (site / "404.html").is_file() else ""
        tally.check(BASE_URL in page_404, f"the action passed base-url on: 404.html links under {BASE_URL}")
        binary = outputs.get("explainer", "")
        tally.check(bool(binary) and os.access(binary, os.X_OK), "the action's explainer output is the binary")


def main():
    sys.stdout.reconfigure(line_buffering=True)
    tally = Tally()
    lint_workflows(tally)
    lint_readme_workflows(tally)
    check_starter_workflow(tally)
    if check_action(tally) is not None:
        run_the_action(tally)
        with tempfile.TemporaryDirectory() as dist:
            binary = build_release(tally, Path(dist))
            if binary is not None:
                run_the_released_action(tally, Path(dist), binary)
    return tally.close()


if __name__ == "__main__":
    sys.exit(main())
