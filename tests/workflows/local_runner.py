"""Runs the `run:` steps of a composite action here, the way a GitHub runner would.

Enough of a runner to try action.yml for real: inputs with their defaults, the `env:` of
each step, GITHUB_OUTPUT, GITHUB_PATH, GITHUB_ACTION_PATH, GITHUB_SERVER_URL, RUNNER_TEMP,
RUNNER_OS, RUNNER_ARCH and the action's outputs. `uses:` steps (the cache, the Rust installer) are left out: here the cache is
empty and Rust is installed. Expressions may only name a context value, like
`${{ inputs.root }}`; a `run:` step may not have an `if:`. Anything else is an error, so
that the action cannot drift into what this runner would get wrong.
"""

import os
import re
import subprocess
import tempfile
from pathlib import Path

import yaml

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
CONTEXT_PATH = re.compile(r"^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$")
SHELLS = {"bash": ["bash", "--noprofile", "--norc", "-eo", "pipefail"], "sh": ["sh", "-e"]}


class ActionError(Exception):
    """The action failed, or uses what this runner does not do."""


def evaluate(text, context):
    """`text` with each `${{ a.b.c }}` replaced by that context value ('' when missing)."""

    def value(match):
        expr = match.group(1)
        if not CONTEXT_PATH.match(expr):
            raise ActionError(f"the local runner evaluates only context paths, not {expr!r}")
        node = context
        for key in expr.split("."):
            node = node.get(key, "") if isinstance(node, dict) else ""
        return str(node)

    return EXPRESSION.sub(value, str(text))


def read_outputs(file):
    """The name=value lines (and name<<DELIM heredocs) of a GITHUB_OUTPUT file."""
    outputs, lines = {}, file.read_text().splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            end = lines.index(delimiter, i + 1)
            outputs[name] = "\n".join(lines[i + 1 : end])
            i = end
        elif "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
        i += 1
    return outputs


def run_action(action_dir, inputs, workspace, runner_temp, log=print, env=None):
    """Runs the action in `action_dir` with `inputs`; returns its outputs. `env` adds to
    or replaces the variables the runner sets (GITHUB_SERVER_URL, PATH, …)."""
    action_dir, workspace, runner_temp = map(Path, (action_dir, workspace, runner_temp))
    meta = yaml.safe_load((action_dir / "action.yml").read_text())
    declared = meta.get("inputs") or {}
    unknown = set(inputs) - set(declared)
    if unknown:
        raise ActionError(f"no such inputs: {sorted(unknown)}")
    context = {
        "inputs": {name: str(spec.get("default", "")) for name, spec in declared.items()}
        | inputs,
        "github": {"action_path": str(action_dir), "workspace": str(workspace)},
        "runner": {"temp": str(runner_temp), "os": "Linux", "arch": "X64"},
        "steps": {},
    }
    runner_temp.mkdir(parents=True, exist_ok=True)
    path_additions = []
    for number, step in enumerate(meta["runs"]["steps"], 1):
        name = step.get("name") or step.get("uses") or f"step {number}"
        if "uses" in step:
            log(f"  skipped: {name} (uses {step['uses']})")
            continue
        if "if" in step:
            raise ActionError(f"{name}: the local runner does not evaluate `if:` on run steps")
        outputs = _run_step(step, name, context, workspace, runner_temp, path_additions, env or {})
        if step.get("id"):
            context["steps"][step["id"]] = {"outputs": outputs}
        log(f"  ran: {name}")
    return {name: evaluate(spec["value"], context) for name, spec in (meta.get("outputs") or {}).items()}


def _run_step(step, name, context, workspace, runner_temp, path_additions, extra_env):
    """Runs one `run:` step; returns its outputs and adds its GITHUB_PATH lines."""
    shell = step.get("shell")
    if shell not in SHELLS:
        raise ActionError(f"{name}: shell {shell!r} is not one this runner knows")
    with tempfile.TemporaryDirectory(dir=runner_temp) as files:
        files = Path(files)
        script, output, path = files / "script", files / "output", files / "path"
        script.write_text(step["run"])
        output.touch()
        path.touch()
        env = dict(os.environ)
        env.update(
            GITHUB_ACTION_PATH=context["github"]["action_path"],
            GITHUB_WORKSPACE=str(workspace),
            GITHUB_OUTPUT=str(output),
            GITHUB_PATH=str(path),
            GITHUB_SERVER_URL="https://github.com",
            RUNNER_TEMP=str(runner_temp),
            RUNNER_OS=context["runner"]["os"],
            RUNNER_ARCH=context["runner"]["arch"],
        )
        env.update(extra_env)
        env["PATH"] = os.pathsep.join(path_additions + [env.get("PATH", os.environ["PATH"])])
        env.update({k: evaluate(v, context) for k, v in (step.get("env") or {}).items()})
        cwd = workspace / evaluate(step.get("working-directory", "."), context)
        done = subprocess.run(
            SHELLS[shell] + [str(script)], cwd=cwd, env=env, capture_output=True, text=True
        )
        if done.returncode != 0:
            raise ActionError(
                f"{name} exited {done.returncode}\n{done.stdout}{done.stderr}".rstrip()
            )
        path_additions[:0] = reversed([l for l in path.read_text().splitlines() if l])
        return read_outputs(output)
