//! `attain portfolio`'s per-unit summary (`attain_core::portfolio::summarize`: two
//! snapshots, as of the month and the month before) over the units of a generated
//! export-shape province, read once before timing.
//!
//! Figures are relative: the `baseline` walks every unit's actual entries once and
//! adds their numbers (what any summary must at least touch), measured in the same
//! run; `full_engine` is the same summary through both months' whole `Progress`
//! (`summarize_in_full`), the figures `summarize` must equal.
//!
//! Run: `cargo bench -p attain-ingest --bench portfolio_summary`

use std::hint::black_box;

use attain_core::portfolio::{summarize, summarize_in_full};
use attain_core::{Decimal, Month};
use attain_ingest::gen::{generate, GenOptions};
use attain_ingest::portfolio::{for_each_unit, Source, UnitData};
use criterion::{criterion_group, criterion_main, Criterion};

const UNITS: usize = 200;

fn units() -> Vec<UnitData> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let opts = GenOptions {
        units: UNITS,
        seed: 7,
        folders: false,
        export: true,
        ..GenOptions::default()
    };
    generate(dir.path(), &opts).expect("a generated province");
    let source = Source::of(&dir.path().join("export")).expect("the export shape");
    let (units, _) = for_each_unit(&source, |_| {}, || {}, |r| r.ok())
        .unwrap_or_else(|_| panic!("the generated province reads"));
    let units: Vec<UnitData> = units.into_iter().flatten().collect();
    assert_eq!(units.len(), UNITS);
    units
}

fn bench(c: &mut Criterion) {
    let units = units();
    let mut g = c.benchmark_group("portfolio_summary");
    for month in [6, 12] {
        let as_of = Month::new(2026, month).expect("a month");
        g.bench_function(format!("baseline_entries_{month:02}"), |b| {
            b.iter(|| {
                units
                    .iter()
                    .flat_map(|u| u.actuals.entries())
                    .filter(|e| e.month <= as_of)
                    .filter_map(|e| e.value.number())
                    .sum::<Decimal>()
            })
        });
        g.bench_function(format!("summarize_{month:02}"), |b| {
            b.iter(|| {
                for u in &units {
                    black_box(summarize(
                        &u.key,
                        &u.model,
                        &u.actuals,
                        u.plan.as_ref(),
                        as_of,
                    ));
                }
            })
        });
        g.bench_function(format!("full_engine_{month:02}"), |b| {
            b.iter(|| {
                for u in &units {
                    black_box(summarize_in_full(
                        &u.key,
                        &u.model,
                        &u.actuals,
                        u.plan.as_ref(),
                        as_of,
                    ));
                }
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
