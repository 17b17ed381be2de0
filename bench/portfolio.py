#!/usr/bin/env python3
"""Portfolio benchmark: attain portfolio against DuckDB and a bare csv pass.

For each size, on the same generated files (`attain gen --shape export`), each
timed with /usr/bin/time -v (CPU time and peak memory) and this script's clock (wall
time, to the millisecond):

- attain:  target/release/attain portfolio <export> --as-of M --format json,csv
- duckdb:  python3 bench/duckdb_figures.py <export> --as-of M (the same per-unit
           spent, rate and execution light, in SQL; Python start included)
- floor:   target/release/examples/csv_floor budget.csv actuals.csv (one bare pass
           of the csv crate over the files, nothing else)

and checks that attain and DuckDB give the same figures for every unit. The three
commands run interleaved, --runs times (5 by default): the medians are reported.
Then, with --scaling, the single-unit cost per indicator from 45 to 13 201 indicators
(target/release/examples/unit_scaling, in-process, fastest of about a second of
runs each), and with --loop N, N unit folders read the way it was done before: one
`attain report --format json` process per unit (xargs -P2), against one
`attain portfolio` on the same folders.

Ratios, not absolute times, are the result: the machine is shared. Run through
bench/portfolio.sh, which builds the release binaries first.
"""
import argparse
import csv
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ATTAIN = ROOT / "target/release/attain"
FLOOR = ROOT / "target/release/examples/csv_floor"
SCALING = ROOT / "target/release/examples/unit_scaling"


def timed(cmd, log):
    """Run `cmd` under /usr/bin/time -v; returns wall seconds, user+sys seconds and
    peak resident memory in MiB. The wall time is this process's clock around the
    run (time's own elapsed field has only hundredths of a second, too coarse for a
    0.2 s run); time's start adds the same to every command."""
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v", *map(str, cmd)],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - t0
    log.write(f"$ {' '.join(map(str, cmd))}\n{p.stdout[-2000:]}{p.stderr[-4000:]}\n")
    if p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {' '.join(map(str, cmd))}\n{p.stderr[-3000:]}")
    def field(name):
        m = re.search(rf"{re.escape(name)}: (.*)", p.stderr)
        return m.group(1).strip() if m else ""
    cpu = float(field("User time (seconds)") or 0) + float(field("System time (seconds)") or 0)
    rss = int(field("Maximum resident set size (kbytes)") or 0) / 1024
    return elapsed, cpu, rss


def machine():
    model = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs ({model}), {mem} RAM, {platform.system()} {platform.release()}"


def load():
    try:
        return open("/proc/loadavg").read().split()[0]
    except OSError:
        return "?"


def compare(attain_json: Path, duck_csv: Path):
    """Units whose spent, rate or execution light differ, and the number compared
    (the ranked units of attain's portfolio.json)."""
    with open(duck_csv, encoding="utf-8") as f:
        duck = {r["unit"]: r for r in csv.DictReader(f)}
    differ = 0
    n = 0
    with open(attain_json, encoding="utf-8") as f:
        units = json.load(f)["units"]
    for r in units:
        n += 1
        d = duck.get(r["unit"])
        if d is None or (r["budget"], r["spent"], r["rate"], r["execution_light"]) != (
                d["budget"], d["spent"], d["rate"], d["light"]):
            differ += 1
    return differ, n


def size_run(units, args, work, log):
    base = work / f"units-{units}"
    export = base / "export"
    if not (export / "actuals.csv").exists():
        t0 = time.time()
        subprocess.run([ATTAIN, "gen", "--units", str(units), "--seed", str(args.seed),
                        "--shape", "export", "--out", base], check=True,
                       stdout=subprocess.DEVNULL)
        print(f"generated {units} units in {time.time() - t0:.1f} s", file=sys.stderr)
    size = sum(f.stat().st_size for f in export.iterdir()) / 1024 / 1024
    rows = sum(1 for _ in open(export / "actuals.csv", "rb")) - 1
    out = {"units": units, "files_mib": round(size, 1), "actual_rows": rows, "load_before": load()}
    runs = {
        "attain": [ATTAIN, "portfolio", export, "--as-of", args.as_of, "--format", "json,csv",
                   "--max-diagnostics", "0", "--out", base / "attain"],
        "duckdb": [sys.executable, ROOT / "bench/duckdb_figures.py", export, "--as-of",
                   args.as_of, "--out", base / "duckdb.csv"],
        "floor": [FLOOR, export / "budget.csv", export / "actuals.csv"],
    }
    # The three commands interleaved, `--runs` times: each one's median wall and CPU
    # time (a shared machine's load moves between runs), and its highest peak.
    times = {name: [] for name in runs}
    for _ in range(args.runs):
        for name, cmd in runs.items():
            wall, cpu, rss = timed(cmd, log)
            times[name].append((wall, cpu, rss))
            print(f"{units} units, {name}: {wall:.3f} s wall, {cpu:.2f} s cpu, {rss:.0f} MiB",
                  file=sys.stderr)
    for name, t in times.items():
        out[name] = {"wall_s": round(statistics.median(w for w, _, _ in t), 3),
                     "cpu_s": round(statistics.median(c for _, c, _ in t), 3),
                     "peak_mib": round(max(r for _, _, r in t)),
                     "runs": [{"wall_s": round(w, 3), "cpu_s": round(c, 3)} for w, c, _ in t]}
    out["load_after"] = load()
    differ, n = compare(base / "attain/portfolio.json", base / "duckdb.csv")
    out["compared_units"] = n
    out["differing_units"] = differ
    out["attain_over_duckdb"] = round(out["attain"]["wall_s"] / out["duckdb"]["wall_s"], 2)
    out["attain_over_floor"] = round(out["attain"]["wall_s"] / max(out["floor"]["wall_s"], 0.01), 2)
    out["attain_over_duckdb_cpu"] = round(out["attain"]["cpu_s"] / max(out["duckdb"]["cpu_s"], 0.01), 2)
    out["attain_over_floor_cpu"] = round(out["attain"]["cpu_s"] / max(out["floor"]["cpu_s"], 0.01), 2)
    return out


def scaling(args, work, log):
    dirs = []
    for k in [45, 441, 1321, 4401, 13201]:
        base = work / f"scaling-{k}"
        if not (base / "folders/U000001/unit.toml").exists():
            subprocess.run([ATTAIN, "gen", "--units", "1", "--seed", str(args.seed),
                            "--indicators", str(k), "--shape", "folders", "--out", base],
                           check=True, stdout=subprocess.DEVNULL)
        dirs.append(base / "folders/U000001")
    p = subprocess.run([SCALING, *dirs], check=True, stdout=subprocess.PIPE, text=True)
    log.write(p.stdout)
    rows = list(csv.DictReader(p.stdout.splitlines()))
    first = int(rows[0]["ns_per_indicator"])
    first_cpu = int(rows[0]["cpu_ns_per_indicator"])
    for r in rows:
        r["ratio_to_45"] = round(int(r["ns_per_indicator"]) / first, 2)
        r["cpu_ratio_to_45"] = (round(int(r["cpu_ns_per_indicator"]) / first_cpu, 2)
                                if first_cpu else None)
    return rows


def loop_run(units, args, work, log):
    """The way before `attain portfolio`: one `attain report --format json` process
    per unit folder (xargs -P2), against `attain portfolio` on the same folders."""
    base = work / f"folders-{units}"
    folders = base / "folders"
    if not folders.exists():
        subprocess.run([ATTAIN, "gen", "--units", str(units), "--seed", str(args.seed),
                        "--shape", "folders", "--out", base], check=True,
                       stdout=subprocess.DEVNULL)
    dirs = sorted(p for p in folders.iterdir() if p.is_dir())
    script = (f"ls -d {folders}/*/ | xargs -P2 -I{{}} sh -c "
              f"'{ATTAIN} report {{}} --as-of {args.as_of} --format json "
              f"--out {base}/loop/$(basename {{}}) >/dev/null 2>&1'")
    loop_wall, loop_cpu, loop_rss = timed(["sh", "-c", script], log)
    wall, cpu, rss = timed([ATTAIN, "portfolio", folders, "--as-of", args.as_of, "--format",
                            "json,csv", "--max-diagnostics", "0", "--out", base / "attain"], log)
    print(f"{len(dirs)} unit folders: loop {loop_wall:.2f} s, portfolio {wall:.2f} s", file=sys.stderr)
    return {"units": len(dirs), "loop_wall_s": round(loop_wall, 2), "loop_cpu_s": round(loop_cpu, 2),
            "portfolio_wall_s": round(wall, 2), "portfolio_cpu_s": round(cpu, 2),
            "portfolio_peak_mib": round(rss), "loop_over_portfolio": round(loop_wall / wall, 2)}


def table(results, scale, loop=None):
    lines = [
        "| units | files | rows | attain s wall (CPU) | attain MiB | DuckDB s wall (CPU) "
        "| DuckDB MiB | floor s wall (CPU) | attain/DuckDB wall (CPU) | attain/floor wall (CPU) "
        "| same figures |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        a, d, f = r["attain"], r["duckdb"], r["floor"]
        lines.append(
            f"| {r['units']} | {r['files_mib']} MiB | {r['actual_rows']} "
            f"| {a['wall_s']} ({a['cpu_s']}) | {a['peak_mib']} "
            f"| {d['wall_s']} ({d['cpu_s']}) | {d['peak_mib']} | {f['wall_s']} ({f['cpu_s']}) "
            f"| {r['attain_over_duckdb']} ({r['attain_over_duckdb_cpu']}) "
            f"| {r['attain_over_floor']} ({r['attain_over_floor_cpu']}) "
            f"| {r['compared_units'] - r['differing_units']}/{r['compared_units']} |")
    if scale:
        lines += ["", "| indicators | budget lines | actual entries | µs per run (fastest) | ns per indicator | ratio to 45 "
                  "| CPU µs per run (mean) | CPU ns per indicator | CPU ratio to 45 |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for r in scale:
            lines.append(f"| {r['indicators']} | {r['lines']} | {r['entries']} | {r['us_per_run']} "
                         f"| {r['ns_per_indicator']} | {r['ratio_to_45']} | {r['cpu_us_per_run']} "
                         f"| {r['cpu_ns_per_indicator']} | {r['cpu_ratio_to_45']} |")
    if loop:
        lines += ["", "| unit folders | one process per unit (xargs -P2) s | attain portfolio s | ratio |",
                  "|---|---|---|---|",
                  f"| {loop['units']} | {loop['loop_wall_s']} | {loop['portfolio_wall_s']} "
                  f"| {loop['loop_over_portfolio']} |"]
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("units", nargs="*", type=int, default=[10000, 100000])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--as-of", default="2026-06")
    ap.add_argument("--work", type=Path, default=ROOT / "target/bench-portfolio")
    ap.add_argument("--runs", type=int, default=5,
                    help="runs of each command per size, interleaved (medians are reported)")
    ap.add_argument("--scaling", action="store_true", help="also the single-unit scaling")
    ap.add_argument("--loop", type=int, default=0, metavar="N",
                    help="also N unit folders: one attain report per unit against attain portfolio")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    with open(args.work / "log.txt", "a", encoding="utf-8") as log:
        results = [size_run(n, args, args.work, log) for n in args.units]
        scale = scaling(args, args.work, log) if args.scaling else []
        loop = loop_run(args.loop, args, args.work, log) if args.loop else None
    report = {"machine": machine(), "results": results, "scaling": scale, "loop": loop}
    (args.work / "results.json").write_text(json.dumps(report, indent=2) + "\n")
    md = f"Machine: {report['machine']}; load average before/after each size: " + ", ".join(
        f"{r['units']}: {r['load_before']}/{r['load_after']}" for r in results) + "\n\n" + table(results, scale, loop)
    (args.work / "results.md").write_text(md + "\n")
    print(md)


if __name__ == "__main__":
    main()
