#!/usr/bin/env python3
"""`make bench`: the performance budgets of docs/performance.md, measured side by side.

For S, M and L synthetic clusters (Benchmarks/generate.py): the whole `bulkhead scan` (all
checks, all four report formats) with wall time, peak RSS and MB/s, next to
`jq '.items | length'` on the same file; and the engine scenarios (bulkhead-bench). The live
pull of L next to kubectl is not measured here yet (docs/performance.md says so).
Prints a Markdown table with each budget met or missed. BENCH_SIZES=S,M to run fewer.
"""
import json
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, ".build-bench")
BIN = os.path.join(ROOT, ".build", "release", "bulkhead")


def timed(cmd, **kw):
    """Wall seconds and peak RSS (MB) of a command, via GNU time."""
    out = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True, **kw)
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", out.stderr)
    h, m, s = (int(wall.group(1) or 0), int(wall.group(2)), float(wall.group(3)))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", out.stderr).group(1)) / 1024
    return h * 3600 + m * 60 + s, rss, out


def main():
    os.makedirs(WORK, exist_ok=True)
    sizes = os.environ.get("BENCH_SIZES", "S,M,L").split(",")
    rows, budgets = [], []
    scan_times = {}
    for size in sizes:
        path = os.path.join(WORK, f"{size}.json")
        if not os.path.exists(path):
            subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "generate.py"), size, path], check=True)
        mb = os.path.getsize(path) / 1e6
        items = None
        wall, rss, out = timed([BIN, "scan", path, "--format", "junit,json,markdown,sarif", "--output-dir", os.path.join(WORK, f"report-{size}"),
                                "-q", "--exit-zero", "--timings"])
        phases = next((l for l in out.stderr.splitlines() if l.startswith("timings:")), "")
        jq_wall, jq_rss, jq_out = timed(["jq", ".items | length", path])
        items = jq_out.stdout.strip()
        scan_times[size] = (wall, mb)
        rows.append(f"| {size} | {items} objects, {mb:.0f} MB | {wall:.2f} s | {rss:.0f} MB | {mb / wall:.0f} MB/s | {jq_wall:.2f} s | {jq_rss:.0f} MB | {wall / jq_wall:.2f} | {phases.replace('timings: ', '')} |")
        if size == "L":
            budgets.append(("L scan ≤ ¼ of jq's parse time", wall <= jq_wall / 4, f"{wall:.2f} s vs {jq_wall:.2f} s (ratio {wall / jq_wall:.2f})"))
            budgets.append(("L scan peak RSS < 1 GB", rss < 1024, f"{rss:.0f} MB (jq {jq_rss:.0f} MB)"))
    if "S" in scan_times and "L" in scan_times:
        (ws, ms), (wl, ml) = scan_times["S"], scan_times["L"]
        growth = (wl / ws) / (ml / ms)
        budgets.append(("S → L grows ≤ 1.2× linear", growth <= 1.2, f"time ×{wl / ws:.1f} for data ×{ml / ms:.1f}: {growth:.2f}× linear"))
    engine = subprocess.run([os.path.join(ROOT, ".build", "release", "bulkhead-bench"), "100 namespaces x 20 deployments x 5 policies"],
                            capture_output=True, text=True)
    for line in engine.stdout.splitlines():
        if line.startswith("| 100 namespaces x 20 deployments x 5 policies |"):
            seconds = float(line.split("|")[7])
            budgets.append(("connectivity 100 × 20 × 5 < 2 s", seconds < 2, f"{seconds:.3f} s (map only)"))
    print("| size | input | bulkhead scan | peak RSS | throughput | jq parse | jq RSS | scan ÷ jq | phases (s) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---|")
    print("\n".join(rows))
    print()
    print("| budget | verdict | measured |")
    print("|---|---|---|")
    for name, ok, measured in budgets:
        print(f"| {name} | {'met' if ok else 'MISSED'} | {measured} |")


if __name__ == "__main__":
    main()
