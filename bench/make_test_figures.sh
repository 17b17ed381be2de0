#!/bin/sh
# Regenerates tests/data/portfolio/duckdb-*.csv: DuckDB's per-unit figures (spent,
# rate, execution light; bench/duckdb_figures.py) of the generated portfolios that the
# integration test `portfolio_figures_match_duckdb` generates again and compares with
# attain's. Needs the duckdb Python package (pip install duckdb); the test does not.
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cargo run -q -- gen --units 60 --seed 11 --shape export --out "$tmp/monthly" >/dev/null
cargo run -q -- gen --units 60 --seed 11 --shape export --detail --out "$tmp/detail" >/dev/null
for form in monthly detail; do
  for m in 2026-06 2026-09; do
    python3 bench/duckdb_figures.py "$tmp/$form/export" --as-of "$m" \
      --out "tests/data/portfolio/duckdb-$form-$m.csv"
  done
done
