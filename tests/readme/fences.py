"""The fenced code blocks of a Markdown file, each with the line that introduces it.

Shared by the README check (tests/readme/check_readme.py) and the workflow lint
(tests/workflows/check_workflows.py), which lints the README's example workflows.
"""

import re
from dataclasses import dataclass
from pathlib import Path

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)[^`]*$")


@dataclass
class Block:
    """One fenced code block."""

    lang: str  # the first word of the info string: sh, toml, markdown, yaml, …
    text: str  # the lines between the fences
    line: int  # the 1-based line of the opening fence
    intro: str  # the nearest non-blank line before the fence, stripped


def blocks(path: Path) -> list[Block]:
    """Every fenced block of the file, in order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found, i = [], 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        fence, lang = match.group(1), match.group(2).lower()
        intro = next((l.strip() for l in reversed(lines[:i]) if l.strip()), "")
        start, i = i, i + 1
        body = []
        while i < len(lines) and not (
            lines[i].strip().startswith(fence) and set(lines[i].strip()) == {fence[0]}
        ):
            body.append(lines[i])
            i += 1
        found.append(Block(lang, "\n".join(body) + "\n", start + 1, intro))
        i += 1
    return found
