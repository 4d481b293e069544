#!/usr/bin/env python3
"""Prints the median time of each benchmark of the last `cargo bench` run, as a table.

    python3 bench/medians.py [TARGET_DIR]

reads TARGET_DIR/criterion/**/new/estimates.json (TARGET_DIR defaults to ./target) and
prints one row a benchmark: its name, the median time per iteration and, where the
benchmark declares one, the median throughput. Python 3 standard library only.
"""

import json
import os
import re
import sys


def duration(ns):
    for unit, size in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= size:
            return "%.3g %s" % (ns / size, unit)
    return "%.3g ns" % ns


def throughput(spec, ns):
    if not spec:
        return ""
    (kind, amount), = spec.items()
    per_second = amount / (ns / 1e9)
    if kind == "Bytes":
        return "%.0f MiB/s" % (per_second / 2**20)
    return "{:,.0f} elements/s".format(per_second)


def order(bench):
    """Sorts a group's inputs by size: 10KB before 100KB before 1MB, 10 before 100."""
    m = re.fullmatch(r"(\d+)(KB|MB)?", bench.get("value_str") or "")
    size = int(m.group(1)) * {None: 1, "KB": 10**3, "MB": 10**6}[m.group(2)] if m else 0
    return (bench["group_id"], bench.get("function_id") or "", size, bench["full_id"])


def main():
    target = sys.argv[1] if len(sys.argv) > 1 else "target"
    root = os.path.join(target, "criterion")
    rows = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        if os.path.basename(folder) != "new" or "estimates.json" not in files:
            continue
        with open(os.path.join(folder, "estimates.json")) as f:
            median = json.load(f)["median"]["point_estimate"]
        with open(os.path.join(folder, "benchmark.json")) as f:
            bench = json.load(f)
        rows.append((order(bench), bench["full_id"], duration(median),
                     throughput(bench.get("throughput"), median)))
    if not rows:
        sys.exit("no results under %s: run `cargo bench` first" % root)
    rows.sort()
    width = max(len(r[1]) for r in rows)
    print("%-*s  %10s  %s" % (width, "benchmark", "median", "throughput"))
    for _, name, time, rate in rows:
        print("%-*s  %10s  %s" % (width, name, time, rate))


if __name__ == "__main__":
    main()
