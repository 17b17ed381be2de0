//! A single unit's June report, end to end: ingest → engine → every format (md,
//! json, csv, html, svg, xlsx).
//!
//! Figures are relative: the `baseline` is reading the same files' bytes from disk
//! (no parsing), measured in the same run, so the ratio pipeline ÷ baseline says how
//! much work attain adds on top of the unavoidable I/O, whatever the machine.
//!
//! Run: `cargo bench -p attain-report --bench june_report`

use std::hint::black_box;
use std::path::{Path, PathBuf};

use attain_core::progress::Inputs;
use attain_core::Month;
use attain_report::{progress, Format};
use criterion::{criterion_group, criterion_main, Criterion};

fn unit_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/jiangsu-wb-office-2026")
}

fn all_files(dir: &Path) -> Vec<PathBuf> {
    let mut v = vec![
        dir.join("unit.toml"),
        dir.join("targets.csv"),
        dir.join("budget.csv"),
    ];
    let mut a: Vec<PathBuf> = std::fs::read_dir(dir.join("actuals"))
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    a.sort();
    v.extend(a);
    v
}

/// Every format the report command can write: md, json, csv, html, the SVG charts and
/// the workbook.
fn render_all(model: &attain_core::Model, p: &attain_core::progress::Progress) -> usize {
    let r = attain_report::Report::Progress(Box::new(progress::build(model, p)));
    let style = attain_report::chart::ChartStyle::default();
    [
        Format::Md,
        Format::Json,
        Format::Csv,
        Format::Html,
        Format::Svg,
        Format::Xlsx,
    ]
    .into_iter()
    .flat_map(|f| r.render(f, &style, false).unwrap_or_default())
    .map(|(_, b)| b.len())
    .sum()
}

fn bench(c: &mut Criterion) {
    let dir = unit_dir();
    let files = all_files(&dir);
    let june = Month::new(2026, 6).expect("a month");
    let mut g = c.benchmark_group("june_report");
    g.bench_function("baseline_read_bytes", |b| {
        b.iter(|| {
            files
                .iter()
                .map(|f| std::fs::read(f).map(|v| v.len()).unwrap_or(0))
                .sum::<usize>()
        })
    });
    g.bench_function("ingest", |b| {
        b.iter(|| black_box(attain_ingest::load_all(&dir).is_ok()))
    });
    let loaded = attain_ingest::load_all(&dir).expect("the example unit loads");
    let inputs = Inputs {
        model: &loaded.unit.model,
        actuals: &loaded.actuals.actuals,
        plan: loaded.plan.as_ref(),
    };
    g.bench_function("engine", |b| b.iter(|| black_box(inputs.evaluate(june))));
    let p = inputs.evaluate(june);
    g.bench_function("render_all_formats", |b| {
        b.iter(|| black_box(render_all(&loaded.unit.model, &p)))
    });
    g.bench_function("pipeline", |b| {
        b.iter(|| {
            let l = attain_ingest::load_all(&dir).expect("loads");
            let i = Inputs {
                model: &l.unit.model,
                actuals: &l.actuals.actuals,
                plan: l.plan.as_ref(),
            };
            black_box(render_all(&l.unit.model, &i.evaluate(june)))
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
