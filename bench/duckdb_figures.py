#!/usr/bin/env python3
"""Per-unit figures of a portfolio in the export shape, computed with SQL in DuckDB:
the same spent, rate and execution light that `attain portfolio` reports.

    python3 bench/duckdb_figures.py <export-dir> --as-of 2026-06 --out figures.csv

Reads <export-dir>/budget.csv (unit,name,parent,h1_plan,budget),
<export-dir>/actuals.csv (unit,month,item,value,note) and the 预算执行率 row of
<export-dir>/targets.csv (its half-year and full-year targets), and writes one row per
unit: unit, budget, spent, rate (rounded half away from zero to 4 decimals), light (red / yellow / green / none).

The rules restated in SQL (README, "The progress report"): spending is booked on
budget lines without children; the budget is the sum of the top-level lines; the
expected rate at month m is the milestone path 0 → H1 target at June → FY target at
December; the light is red below 60 % of the expected rate, yellow below 80 %, green
otherwise (budget execution has no blue), red whenever spending is above the budget,
none for a zero budget. The comparisons are done in exact decimals (cross-multiplied),
never on rounded rates.

Needs the duckdb Python package (`pip install duckdb`).
"""
import argparse
import csv
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path


def milestones(targets: Path):
    """H1 and FY targets of 预算执行率 (measure `execution`) as fractions."""
    with open(targets, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            if row.get("measure", "").strip() == "execution":
                def frac(t):
                    t = t.strip().lstrip("=≥≤><").rstrip("%％")
                    return Decimal(t) / 100
                return frac(row["h1_target"]), frac(row["fy_target"])
    sys.exit(f"{targets}: no row with measure `execution`")


def query(export: Path, month: int, h1: Decimal, fy: Decimal, when: str = "month") -> str:
    # Six times the expected rate, to stay in exact decimals.
    if month <= 6:
        e6 = f"({h1} * {month})"
    else:
        e6 = f"({h1} * {12 - month} + {fy} * {month - 6})"
    b = str(export / "budget.csv").replace("'", "''")
    a = str(export / "actuals.csv").replace("'", "''")
    return f"""
WITH budget AS (
  SELECT unit, name, coalesce(parent, '') AS parent,
         CAST(budget AS DECIMAL(38, 6)) AS budget
  FROM read_csv('{b}', header = true, all_varchar = true)
),
leaves AS (
  SELECT b.unit, b.name FROM budget b
  WHERE NOT EXISTS (SELECT 1 FROM budget c WHERE c.unit = b.unit AND c.parent = b.name)
),
totals AS (
  SELECT unit, sum(budget) AS budget FROM budget WHERE parent = '' GROUP BY unit
),
spent AS (
  SELECT a.unit, sum(CAST(trim(a.value) AS DECIMAL(38, 6))) AS spent
  FROM read_csv('{a}', header = true, all_varchar = true) a
  JOIN leaves l ON l.unit = a.unit AND l.name = trim(a.item)
  WHERE CAST(substr(trim(a.{when}), 6, 2) AS INTEGER) <= {month}
  GROUP BY a.unit
)
SELECT t.unit,
       t.budget,
       coalesce(s.spent, 0) AS spent,

       CASE WHEN t.budget = 0 THEN 'none'
            WHEN coalesce(s.spent, 0) > t.budget THEN 'red'
            WHEN {e6} = 0 THEN 'green'
            WHEN coalesce(s.spent, 0) * 600 < 60 * {e6} * t.budget THEN 'red'
            WHEN coalesce(s.spent, 0) * 600 < 80 * {e6} * t.budget THEN 'yellow'
            ELSE 'green' END AS light
FROM totals t LEFT JOIN spent s USING (unit)
ORDER BY t.unit
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("export", type=Path)
    ap.add_argument("--as-of", required=True, help="e.g. 2026-06")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--threads", type=int, default=0, help="DuckDB threads (0: its default)")
    args = ap.parse_args()
    import duckdb

    month = int(args.as_of.split("-")[1])
    h1, fy = milestones(args.export / "targets.csv")
    con = duckdb.connect()
    if args.threads:
        con.execute(f"SET threads = {args.threads}")
    # One figure per month (`month`), or one row per payment (`date`, the detail
    # form: the payments add up in the same sum).
    with open(args.export / "actuals.csv", encoding="utf-8-sig") as f:
        when = "date" if "date" in f.readline().strip().split(",") else "month"
    rows = con.execute(query(args.export, month, h1, fy, when)).fetchall()
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["unit", "budget", "spent", "rate", "light"])
        for unit, budget, spent, light in rows:
            # DuckDB divides decimals in binary floating point (78.21 / 227.52, exactly
            # 0.34375, comes out below it): the quotient of its exact sums is taken
            # here, rounded half away from zero as attain rounds.
            budget, spent = Decimal(budget), Decimal(spent)
            rate = "" if budget == 0 else str((spent / budget).quantize(Decimal("0.0001"), ROUND_HALF_UP))
            w.writerow([unit, f"{budget:.2f}", f"{spent:.2f}", rate, light])


if __name__ == "__main__":
    main()
