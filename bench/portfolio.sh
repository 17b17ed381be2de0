#!/bin/sh
# The portfolio benchmark (README, "Benchmark"): builds the release binaries, then
# runs bench/portfolio.py (attain portfolio, DuckDB and a bare csv pass on the same
# generated files; --scaling adds the single-unit cost per indicator).
#
#   bench/portfolio.sh                    # 10 000 and 100 000 units
#   bench/portfolio.sh 2000 --scaling     # a quick run
#
# Needs python3 with the duckdb package (pip install duckdb) and /usr/bin/time.
set -eu
cd "$(dirname "$0")/.."
cargo build --release --bin attain --example csv_floor --example unit_scaling
exec python3 bench/portfolio.py "$@"
