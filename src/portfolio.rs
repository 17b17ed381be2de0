//! `attain portfolio`: glue between the portfolio reader (ingest), the summaries
//! (core) and the report (report), with a progress bar on a terminal. Terminal
//! output goes through [`crate::out`]; the report folder is replaced whole
//! ([`attain_ingest::atomic::replace_report_with`]), like `attain report`'s.

// As in attain-ingest: a `Diagnostic` is large, but errors are rare.
#![allow(clippy::result_large_err)]

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use attain_core::msg::cli::{self as m, portfolio_cmd as pm};
use attain_core::msg::Msg;
use attain_core::portfolio::{summarize_with, Excluded, Portfolio, Template, UnitSummary};
use attain_core::Month;
use attain_ingest::atomic::Parts;
use attain_ingest::portfolio::{for_each_unit_keeping, Source, UnitData, UnitFailed};
use attain_ingest::{Diagnostic, Diagnostics, Failed};
use attain_report::{Format, Lang};
use rayon::prelude::*;

use crate::out;

#[derive(Debug)]
pub struct Args {
    pub input: PathBuf,
    pub as_of: Month,
    pub formats: Vec<Format>,
    pub out: PathBuf,
    pub per_unit: bool,
    pub strict: bool,
    pub options: attain_report::portfolio::Options,
    pub max_diagnostics: usize,
    pub lang: Lang,
}

/// What became of one unit: a few words, its summary boxed where it was made (the
/// outcomes of 100 000 units are gathered, filtered and ranked by moving pointers;
/// the boxes are never freed one by one: see the end of [`run`]).
enum Outcome {
    Ranked(Box<UnitSummary>, Diagnostics),
    Failed(Box<UnitFailed>),
}

fn fail(f: impl Into<Failed>) -> ExitCode {
    out::diagnostics(&f.into().0);
    ExitCode::from(1)
}

/// `file:line:col: message` with the file relative to the input folder, in the
/// report's language (it is listed in the report).
fn first_error(d: &Diagnostics, input: &Path, lang: Lang) -> String {
    let Some(e) = d.errors().next() else {
        return String::new();
    };
    match (&e.file, e.location()) {
        (Some(f), Some(loc)) => {
            let rel = f.strip_prefix(input).unwrap_or(f).display().to_string();
            let tail = loc.strip_prefix(&f.display().to_string()).unwrap_or("");
            format!("{rel}{tail}: {}", e.message.render(lang))
        }
        _ => e.message.render(lang),
    }
}

/// Print up to `max` diagnostics of one severity over all units, then count the rest
/// (`--quiet`: the errors only).
fn print_bounded(units: &[(&str, &Diagnostics)], errors: bool, max: usize) {
    if !errors && out::verbosity() == out::Verbosity::Quiet {
        return;
    }
    let mut shown = 0;
    let mut rest = 0;
    let mut rest_units = 0;
    for (_, d) in units {
        let mut counted = false;
        for x in d.iter().filter(|x| x.is_error() == errors) {
            if shown < max {
                out::diagnostic(x);
                shown += 1;
            } else {
                rest += 1;
                if !counted {
                    rest_units += 1;
                    counted = true;
                }
            }
        }
    }
    if rest > 0 {
        let more = if errors {
            pm::more_errors(rest, rest_units)
        } else {
            pm::more_warnings(rest, rest_units)
        };
        out::err(&format!("{}\n", out::text(&more)));
    }
}

/// The unit's own progress report, written to `<dir>/<key>/`.
fn write_unit(
    u: &UnitData,
    as_of: Month,
    formats: &[Format],
    dir: &Path,
    style: &attain_report::chart::ChartStyle,
) -> Result<(), Diagnostic> {
    let progress = attain_core::progress::Inputs {
        model: &u.model,
        actuals: &u.actuals,
        plan: u.plan.as_ref(),
    }
    .evaluate(as_of);
    let report = attain_report::Report::Progress(Box::new(attain_report::progress::build(
        &u.model, &progress,
    )));
    let mut files = Vec::new();
    for f in formats {
        files.extend(
            report
                .render(*f, style, false)
                .map_err(|e| Diagnostic::error(Msg::verbatim(e)))?,
        );
    }
    attain_ingest::unitdir::write_atomically(&dir.join(&u.key), &files, true)
}

pub fn run(a: &Args) -> ExitCode {
    let source = match Source::of(&a.input) {
        Ok(s) => s,
        Err(d) => return fail(d),
    };
    let shown = std::io::stderr().is_terminal() && out::verbosity() > out::Verbosity::Quiet;
    let bar = if shown {
        indicatif::ProgressBar::new(0)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template(&out::text(&pm::progress_bar()))
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let style = attain_report::chart::ChartStyle {
        lang: a.lang,
        ..Default::default()
    };
    // Each unit's own reports go to a folder beside the output, moved into it at the
    // end, so that a failed run leaves nothing half-written.
    let staging = a.out.with_file_name(format!(
        ".{}.units-tmp",
        a.out
            .file_name()
            .map_or("portfolio".into(), |n| n.to_string_lossy())
    ));
    if a.per_unit {
        let _ = std::fs::remove_dir_all(&staging);
    }
    let unit_formats: Vec<Format> = a
        .formats
        .iter()
        .copied()
        .filter(|f| *f != Format::Xlsx)
        .collect();
    // What the summaries of the units sharing the export's targets have in common,
    // made from the first of them (others are summarised without it).
    let template = std::sync::OnceLock::new();
    let result = for_each_unit_keeping(
        &source,
        |n| {
            bar.set_length(n as u64);
            bar.set_position(0);
        },
        // A hidden bar is not ticked at all (a tick reads the clock: 100 000 units).
        || {
            if shown {
                bar.inc(1)
            }
        },
        |r| match r {
            Ok(mut u) => {
                let mut diags = std::mem::take(&mut u.diagnostics);
                if a.per_unit {
                    if let Err(d) = write_unit(&u, a.as_of, &unit_formats, &staging, &style) {
                        diags.push(d);
                    }
                }
                if u.model.unit.year != a.as_of.year() {
                    diags.push(
                        Diagnostic::error(pm::as_of_outside_year(a.as_of, u.model.unit.year))
                            .help(pm::as_of_outside_year_help()),
                    );
                }
                if diags.has_errors() {
                    return Outcome::Failed(Box::new(UnitFailed {
                        key: u.key,
                        diagnostics: diags,
                    }));
                }
                let t = u
                    .shared_targets
                    .then(|| template.get_or_init(|| Template::new(&u.model, a.as_of)));
                let s = summarize_with(
                    t,
                    &u.places,
                    &u.key,
                    &u.model,
                    &u.actuals,
                    u.plan.as_ref(),
                    a.as_of,
                );
                Outcome::Ranked(Box::new(s), diags)
            }
            Err(f) => Outcome::Failed(Box::new(f)),
        },
    );
    bar.finish_and_clear();
    let (outcomes, shared, shared_data) = match result {
        Ok(r) => r,
        Err(f) => return fail(f),
    };
    let mut failed = Vec::new();
    // The ranked units with warnings or notes, by their place in `ranked`.
    let mut noted: Vec<(usize, Diagnostics)> = Vec::new();
    let mut ranked: Vec<Box<UnitSummary>> = Vec::with_capacity(outcomes.len());
    for o in outcomes {
        match o {
            Outcome::Ranked(s, d) => {
                if !d.is_empty() {
                    noted.push((ranked.len(), d));
                }
                ranked.push(s);
            }
            Outcome::Failed(f) => failed.push(*f),
        }
    }
    failed.sort_by(|a, b| a.key.cmp(&b.key));
    noted.sort_by(|a, b| ranked[a.0].key.cmp(&ranked[b.0].key));
    // Problems of the shared files first, then each unit's, in unit order.
    let mut all: Vec<(&str, &Diagnostics)> = vec![("", &shared)];
    all.extend(failed.iter().map(|f| (f.key.as_str(), &f.diagnostics)));
    all.extend(noted.iter().map(|(k, d)| (ranked[*k].key.as_str(), d)));
    print_bounded(&all, true, a.max_diagnostics);
    print_bounded(&all, false, a.max_diagnostics);
    let cleanup = || {
        let _ = std::fs::remove_dir_all(&staging);
    };
    if shared.has_errors() {
        cleanup();
        out::err(&format!("{}\n", out::text(&pm::shared_errors())));
        return ExitCode::from(1);
    }
    if a.strict && !failed.is_empty() {
        cleanup();
        out::err(&format!(
            "{}\n",
            out::text(&pm::strict_failed(failed.len()))
        ));
        return ExitCode::from(1);
    }
    let excluded: Vec<Excluded> = failed
        .iter()
        .map(|f| Excluded {
            key: f.key.clone(),
            errors: f.diagnostics.errors().count(),
            first: first_error(&f.diagnostics, &a.input, a.lang),
        })
        .collect();
    let p = Portfolio::new(a.as_of, ranked, excluded);
    // The new report folder, beside the previous one until it is complete.
    let staged = match attain_ingest::atomic::Staged::begin(&a.out) {
        Ok(s) => s,
        Err(d) => {
            cleanup();
            return fail(d);
        }
    };
    // The formats are made at the same time (each in parallel too where it has a
    // row per unit), each file written and synced as soon as it is made
    // (portfolio.json as its parts are made), and kept in the order asked for.
    let format_failed =
        |e: String| Diagnostic::error(Msg::verbatim(e)).help(pm::format_failed_help());
    let made: Vec<Result<Vec<(String, u64)>, Diagnostic>> = a
        .formats
        .par_iter()
        .map(|f| match attain_report::portfolio::streamed(*f) {
            Some(name) => staged
                .write_parts(name, |part| {
                    attain_report::portfolio::parts_each(&p, &a.options, *f, a.lang, part)
                })
                .map(|size| vec![(name.to_string(), size)]),
            None => attain_report::portfolio::render(&p, &a.options, *f, &style)
                .map_err(format_failed)?
                .into_iter()
                .map(|(name, parts)| {
                    let parts = Parts(parts);
                    staged.write(&name, &parts)?;
                    Ok((name, parts.len() as u64))
                })
                .collect(),
        })
        .collect();
    let mut files = Vec::new();
    for r in made {
        match r {
            Ok(more) => files.extend(more),
            Err(d) => {
                cleanup();
                return fail(d);
            }
        }
    }
    // The units' own reports replace the previous ones in units/ (and a run
    // without --per-unit leaves none of an earlier run's behind).
    let units = (a.per_unit && staging.exists()).then_some(staging.as_path());
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    if let Err(d) = staged.commit(&names, "portfolio", &[("units", units)]) {
        cleanup();
        return fail(d);
    }
    out::summary(&attain_report::portfolio::summary(&p, out::lang()));
    if !p.excluded.is_empty() {
        out::diagnostic(&Diagnostic::note(pm::left_out(p.excluded.len())));
    }
    for (name, size) in &files {
        out::detail(&format!(
            "{}\n",
            out::text(&m::wrote_file(a.out.join(name).display(), *size as usize))
        ));
    }
    out::info(&format!(
        "{}\n",
        out::text(&m::wrote_files(
            attain_core::msg::list(names),
            a.out.display()
        ))
    ));
    // Every file is written, synced and in place, and everything is printed: the
    // process ends now, and freeing the summaries and diagnostics of 100 000 units
    // one allocation at a time would only delay that (the system takes the memory
    // back whole).
    std::mem::forget((p, files, failed, noted, shared, shared_data));
    ExitCode::SUCCESS
}
