//! Single-unit cost per indicator (bench/portfolio.py, "scaling"): for each unit
//! folder given, load it, evaluate it as of June and render the JSON progress report,
//! in one process, repeated for about a second (at least three times); prints the
//! number of indicators, budget lines and actual entries, the fastest run's time and
//! that time per indicator, and the mean CPU time of this thread per run and per
//! indicator (from /proc/thread-self/schedstat; 0 where there is none). On a loaded
//! machine a run longer than a scheduler slice always waits for the CPU, so that the
//! fastest wall time grows with the run's length; the CPU time does not.
//! Time per indicator should stay flat (within 1.5×) from 45 to 13 000 indicators:
//! every lookup is a hash lookup.
//!
//!     cargo run --release --example unit_scaling -- <unit-dir>…
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::process::ExitCode;
use std::time::{Duration, Instant};

// The allocator of the `attain` binary (src/main.rs), so that the cost measured is
// the one `attain report` has.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn run(dir: &std::path::Path) -> Result<(usize, usize, usize), String> {
    let l = attain_ingest::load_all(dir).map_err(|f| f.0.to_string())?;
    let m = &l.unit.model;
    let as_of = attain_core::Month::new(m.unit.year, 6).ok_or("no June")?;
    let p = attain_core::progress::Inputs {
        model: m,
        actuals: &l.actuals.actuals,
        plan: l.plan.as_ref(),
    }
    .evaluate(as_of);
    let r = attain_report::progress::build(m, &p);
    let json = attain_report::progress::json_text(&r);
    std::hint::black_box(json);
    Ok((
        m.indicators.len(),
        m.budget.lines.len(),
        l.actuals.actuals.entries().len(),
    ))
}

/// Nanoseconds this thread has run on a CPU (Linux), if known.
fn cpu_ns() -> Option<u128> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn main() -> ExitCode {
    println!(
        "indicators,lines,entries,runs,us_per_run,ns_per_indicator,cpu_us_per_run,cpu_ns_per_indicator"
    );
    for dir in std::env::args().skip(1) {
        let dir = std::path::PathBuf::from(dir);
        // The fastest of the runs of about a second: the machine is shared, and the
        // minimum is the least disturbed by other work.
        let start = Instant::now();
        let mut runs = 0u32;
        let mut best = Duration::MAX;
        let mut shape = (0, 0, 0);
        let cpu_start = cpu_ns();
        while runs < 3 || start.elapsed() < Duration::from_secs(1) {
            let t = Instant::now();
            match run(&dir) {
                Ok(s) => shape = s,
                Err(e) => {
                    eprintln!("{}: {e}", dir.display());
                    return ExitCode::from(1);
                }
            }
            best = best.min(t.elapsed());
            runs += 1;
        }
        let per_run = best.as_nanos();
        let cpu_per_run = match (cpu_start, cpu_ns()) {
            (Some(a), Some(b)) => b.saturating_sub(a) / u128::from(runs),
            _ => 0,
        };
        println!(
            "{},{},{},{runs},{},{},{},{}",
            shape.0,
            shape.1,
            shape.2,
            per_run / 1000,
            per_run / shape.0.max(1) as u128,
            cpu_per_run / 1000,
            cpu_per_run / shape.0.max(1) as u128
        );
    }
    ExitCode::SUCCESS
}
