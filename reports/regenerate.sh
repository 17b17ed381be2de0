#!/usr/bin/env bash
# Regenerates the example unit's reports in reports/ from data/, and the portfolio
# report. The tests `reports_in_the_repository_are_current` and
# `portfolio_report_in_the_repository_is_current` check them byte for byte.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q
bin=target/debug/attain
unit=data/jiangsu-wb-office-2026
out=reports/jiangsu-wb-office-2026
forms=md,json,csv,html,svg,xlsx   # the official forms also as the workbook that is submitted
rm -rf "$out"
"$bin" -q report "$unit" --as-of 2026-03 --out "$out/2026-03"
"$bin" -q report "$unit" --as-of 2026-06 --out "$out/2026-06"
"$bin" -q report "$unit" --as-of 2026-06 --kind midyear --format "$forms" --out "$out/2026-06"
"$bin" -q report "$unit" --as-of 2026-12 --out "$out/2026-12"
"$bin" -q report "$unit" --as-of 2026-12 --kind yearend --format "$forms" --out "$out/2026-12"
# The portfolio report of a generated 200-unit province (three units with a bad row),
# checked by `portfolio_report_in_the_repository_is_current`.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" gen --units 200 --seed 2026 --bad-units 3 --shape export --out "$tmp" >/dev/null
rm -rf reports/portfolio-200
"$bin" portfolio "$tmp/export" --as-of 2026-06 --out reports/portfolio-200/2026-06 >/dev/null 2>&1
