//! Times `attain_core::portfolio::summarize` over the units of a generated
//! export-shape province, for comparing builds by CPU time or instruction count
//! (`perf stat -e instructions`: run once with 0 rounds for the cost of reading,
//! then with N; the difference is N rounds of summaries).
//!
//! Run: `cargo run --release -p attain-ingest --example summarize_units -- <units> <rounds> <month>`

use std::hint::black_box;
use std::io::Write;
use std::time::Instant;

use attain_core::portfolio::summarize;
use attain_core::Month;
use attain_ingest::gen::{generate, GenOptions};
use attain_ingest::portfolio::{for_each_unit, Source, UnitData};

fn main() {
    let arg = |i: usize, default: usize| {
        std::env::args()
            .nth(i)
            .map_or(default, |a| a.parse().expect("a number"))
    };
    let (units, rounds, month) = (arg(1, 200), arg(2, 100), arg(3, 6));
    let dir = tempfile::tempdir().expect("a temporary folder");
    let opts = GenOptions {
        units,
        seed: 7,
        folders: false,
        export: true,
        ..GenOptions::default()
    };
    generate(dir.path(), &opts).expect("a generated province");
    let source = Source::of(&dir.path().join("export")).expect("the export shape");
    let (read, _) = for_each_unit(&source, |_| {}, || {}, |r| r.ok())
        .unwrap_or_else(|_| panic!("the generated province reads"));
    let read: Vec<UnitData> = read.into_iter().flatten().collect();
    let as_of = Month::new(opts.year, u8::try_from(month).expect("a month")).expect("a month");
    let start = Instant::now();
    for _ in 0..rounds {
        for u in &read {
            black_box(summarize(
                &u.key,
                &u.model,
                &u.actuals,
                u.plan.as_ref(),
                as_of,
            ));
        }
    }
    let n = rounds * read.len();
    let each = start.elapsed().as_nanos() / n.max(1) as u128;
    writeln!(
        std::io::stdout().lock(),
        "{n} summaries as of {as_of}: {each} ns each"
    )
    .expect("stdout");
}
