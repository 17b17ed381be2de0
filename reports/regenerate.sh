#!/usr/bin/env bash
# Regenerates the example unit's reports in reports/ from data/. The test
# `reports_in_the_repository_are_current` checks them byte for byte with the same runs.
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
