#!/usr/bin/env bash
# Lints .github/workflows/, the README's example workflow, the starter's workflow and
# action.yml, runs the action here, builds the Linux release and runs the action on it
# (tests/workflows/check_workflows.py). Installs actionlint, shellcheck and PyYAML into
# a venv under target/ on first use, and again when requirements.txt changes
# (scripts/release installs zig for the release the same way).
set -euo pipefail
cd "$(dirname "$0")/../.."

venv="${CARGO_TARGET_DIR:-target}/tools-venv"
requirements=tests/workflows/requirements.txt
if ! cmp -s "$requirements" "$venv/installed-requirements.txt"; then
  python3 -m venv --clear "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
  cp "$requirements" "$venv/installed-requirements.txt"
fi
exec "$venv/bin/python" tests/workflows/check_workflows.py
