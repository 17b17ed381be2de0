//! The `attain` command: argument handling and glue only. Reading lives in
//! `attain-ingest`, all evaluation in `attain-core`, all rendering in `attain-report`.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use attain_core::progress::Inputs;
use attain_core::Month;
use attain_ingest::{Diagnostic, Diagnostics, Failed};
use attain_report::{Lang, Report};
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "attain",
    version,
    about = "Track a budget unit's performance targets (整体预算绩效目标) against its monthly actuals",
    long_about = None
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Import a published target table (pasted text or CSV) into a unit folder
    Import {
        /// The table: tab-separated text pasted from Word or a web page, or CSV
        table: PathBuf,
        /// The unit folder to write (unit.toml, targets.csv, budget.csv)
        #[arg(long)]
        out: PathBuf,
        /// The budget year, when the table does not say
        #[arg(long)]
        year: Option<u16>,
        /// Replace unit.toml, targets.csv and budget.csv if the folder has them
        #[arg(long)]
        force: bool,
    },
    /// Validate a unit folder and print a summary
    Check {
        /// The unit folder
        dir: PathBuf,
    },
    /// Print the indicator tree with targets, weights and measures
    Show {
        /// The unit folder
        dir: PathBuf,
    },
    /// Write a report as of a month: progress (monthly), midyear or yearend
    Report {
        /// The unit folder
        dir: PathBuf,
        /// The month the report is as of, e.g. 2026-06
        #[arg(long)]
        as_of: Month,
        /// Which report
        #[arg(long, value_enum, default_value_t = Kind::Progress)]
        kind: Kind,
        /// Formats to write, comma-separated: md, json, csv, html (one self-contained
        /// page), svg (execution.svg, execution-<n>.svg per budget line, indicators.svg),
        /// xlsx (an Excel workbook)
        #[arg(long, value_delimiter = ',', default_value = "md,json,csv,html,svg")]
        format: Vec<Format>,
        /// Also write the charts as PNG (needs a CJK font: found in the usual font
        /// folders, or given with --font)
        #[arg(long)]
        png: bool,
        /// The CJK font file (.ttf, .otf, .ttc) for the PNG charts
        #[arg(long, value_name = "PATH")]
        font: Option<PathBuf>,
        /// Output folder (default: reports/<unit folder name>/<as-of>)
        #[arg(long)]
        out: Option<PathBuf>,
        /// Label language: zh or en (indicator names stay as written)
        #[arg(long, default_value = "zh")]
        lang: Lang,
        /// Show the indicators' ids (编号, e.g. PRO-03) in the tables and lists
        #[arg(long)]
        ids: bool,
        /// Refuse (exit 1) to write a report on incomplete actuals, or a provisional
        /// (预评估) year-end table; without it such reports are written and stamped
        #[arg(long)]
        strict: bool,
    },
    /// Review a filled-in self-evaluation table (项目支出绩效自评表): recompute each
    /// row's score and check weights, totals and grade. Exit 0 when consistent, 1 when
    /// there are findings, 2 when the table cannot be read.
    Review {
        /// The table: tab-separated text pasted from a web page, Word, a PDF or Excel,
        /// or attain's own yearend.md
        table: PathBuf,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
        /// Row score rounding: cents (2 decimals) or whole points
        #[arg(long, value_parser = ["cents", "whole"], default_value = "cents")]
        rounding: String,
        /// Grade bands: 优/良/中 lower bounds
        #[arg(long, value_parser = ["90/80/60", "80/70/60"], default_value = "90/80/60")]
        grades: String,
        /// A qualitative actual word and its tier, e.g. 尚可=部分达成 (achieved/达成,
        /// partly/部分达成, not/未达成); repeatable
        #[arg(long = "word", value_name = "WORD=TIER")]
        words: Vec<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Kind {
    /// Monthly progress (月度进度)
    Progress,
    /// Mid-year monitoring against the half-year targets (绩效运行监控)
    Midyear,
    /// Year-end self-evaluation against the full-year targets (绩效自评)
    Yearend,
}

impl Format {
    fn to_report(self) -> attain_report::Format {
        match self {
            Format::Md => attain_report::Format::Md,
            Format::Json => attain_report::Format::Json,
            Format::Csv => attain_report::Format::Csv,
            Format::Html => attain_report::Format::Html,
            Format::Svg => attain_report::Format::Svg,
            Format::Xlsx => attain_report::Format::Xlsx,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Md,
    Json,
    Csv,
    /// One self-contained HTML page
    Html,
    /// The charts as SVG
    Svg,
    /// An Excel workbook
    Xlsx,
}

/// Print to stdout; a closed pipe (`attain … | head`) is not an error.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout(), $($arg)*);
    }};
}

/// Print to stderr, ignoring a closed pipe.
macro_rules! warn {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), $($arg)*);
    }};
}

fn print_diagnostics(d: &Diagnostics) {
    if !d.is_empty() {
        warn!("{d}");
    }
}

fn fail(f: Failed) -> ExitCode {
    print_diagnostics(&f.0);
    ExitCode::from(1)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Import {
            table,
            out,
            year,
            force,
        } => import(&table, &out, year, force),
        Command::Check { dir } => check(&dir),
        Command::Report {
            dir,
            as_of,
            kind,
            format,
            png,
            font,
            out,
            lang,
            ids,
            strict,
        } => report(
            &dir,
            as_of,
            kind,
            &format,
            Charts { png, font },
            out,
            Labels { lang, ids, strict },
        ),
        Command::Review {
            table,
            json,
            rounding,
            grades,
            words,
        } => review(&table, json, &rounding, &grades, &words),
        Command::Show { dir } => match attain_ingest::unitdir::load(&dir) {
            Ok(u) => {
                print_diagnostics(&u.diagnostics);
                say!("{}", attain_report::terminal::indicator_tree(&u.model));
                ExitCode::SUCCESS
            }
            Err(f) => fail(f),
        },
    }
}

fn import(table: &Path, out: &Path, year: Option<u16>, force: bool) -> ExitCode {
    let imported = match attain_ingest::import_table(table, year) {
        Ok(i) => i,
        Err(f) => return fail(f),
    };
    print_diagnostics(&imported.diagnostics);
    let files = attain_ingest::unitdir::render_files(&imported.model);
    if let Err(d) = attain_ingest::unitdir::write_atomically(out, &files, force) {
        return fail(d.into());
    }
    let m = &imported.model;
    println!(
        "imported {} indicators and {} budget lines of {} ({}) into {} (the table was read as {})\n",
        m.indicators.len(),
        m.budget.lines.len(),
        m.unit.name,
        m.unit.year,
        out.display(),
        imported.encoding.name()
    );
    say!("{}", attain_report::terminal::unit_summary(m));
    ExitCode::SUCCESS
}

/// Refused manual scores as diagnostics on their adjustments.csv lines.
fn refused_adjustments(
    dir: &Path,
    evaluator: &attain_ingest::evaluation::EvaluatorFiles,
    period: attain_core::Period,
    checks: &[attain_core::Check],
) -> Failed {
    let sources = evaluator.adjustment_sources(dir, period);
    let fallback = dir.join(attain_ingest::evaluation::ADJUSTMENTS_FILE);
    Failed(Diagnostics(
        checks
            .iter()
            .map(|c| sources.diagnostic(c, &fallback))
            .collect(),
    ))
}

/// Refuse manual scores the rules refuse (core checks each period as of its
/// closing month), so that `check` catches them before a report does.
fn check_adjustments(dir: &Path, l: &attain_ingest::Loaded) -> Result<(), Failed> {
    let inputs = Inputs {
        model: &l.unit.model,
        actuals: &l.actuals.actuals,
        plan: l.plan.as_ref(),
    };
    let ev = &l.evaluator;
    inputs
        .check_adjustments(&ev.adjustments, &ev.explanations)
        .map_err(|(period, checks)| refused_adjustments(dir, ev, period, &checks))
}

fn check(dir: &Path) -> ExitCode {
    match attain_ingest::load_all(dir) {
        Ok(l) => {
            print_diagnostics(&l.diagnostics);
            if let Err(f) = check_adjustments(dir, &l) {
                return fail(f);
            }
            say!("{}", attain_report::terminal::unit_summary(&l.unit.model));
            say!(
                "{}",
                attain_report::terminal::ledger(&l.unit.model, &l.actuals.ledger)
            );
            say!("{}: ok\n", dir.display());
            ExitCode::SUCCESS
        }
        Err(f) => fail(f),
    }
}

/// The default report folder: reports/<unit folder name>/<as-of>.
fn default_out(dir: &Path, as_of: Month) -> PathBuf {
    let name = dir
        .canonicalize()
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_os_string()))
        .unwrap_or_else(|| "unit".into());
    PathBuf::from("reports").join(name).join(as_of.to_string())
}

/// The chart options of `report`.
#[derive(Debug)]
struct Charts {
    png: bool,
    font: Option<PathBuf>,
}

/// How `report` labels: the language, and whether the tables show ids.
#[derive(Debug, Clone, Copy)]
struct Labels {
    lang: Lang,
    ids: bool,
    /// `--strict`: incomplete or provisional is an error.
    strict: bool,
}

fn report(
    dir: &Path,
    as_of: Month,
    kind: Kind,
    formats: &[Format],
    charts: Charts,
    out: Option<PathBuf>,
    labels: Labels,
) -> ExitCode {
    let Labels { lang, ids, strict } = labels;
    let loaded = match attain_ingest::load_all(dir) {
        Ok(l) => l,
        Err(f) => return fail(f),
    };
    print_diagnostics(&loaded.diagnostics);
    let model = &loaded.unit.model;
    if as_of.year() != model.unit.year {
        let d = Diagnostic::error(format!(
            "--as-of {as_of} is outside the unit's year {}",
            model.unit.year
        ))
        .help(format!(
            "pass a month of {}, e.g. --as-of {}-06",
            model.unit.year, model.unit.year
        ));
        return fail(d.into());
    }
    let inputs = Inputs {
        model,
        actuals: &loaded.actuals.actuals,
        plan: loaded.plan.as_ref(),
    };
    let out = out.unwrap_or_else(|| default_out(dir, as_of));
    let report = match kind {
        Kind::Progress => Report::Progress(Box::new(attain_report::progress::build(
            model,
            &inputs.evaluate(as_of),
        ))),
        Kind::Midyear | Kind::Yearend => {
            use attain_core::evaluation::Kind as Ek;
            let ek = if kind == Kind::Midyear {
                Ek::Midyear
            } else {
                Ek::Yearend
            };
            let e = &loaded.evaluator;
            match inputs.evaluate_period(ek, as_of, &e.adjustments, &e.explanations) {
                Ok(ev) => {
                    let fallback = dir.join(attain_ingest::evaluation::EXPLANATIONS_FILE);
                    let places = attain_ingest::unitdir::SourceMap::default();
                    for c in &ev.warnings {
                        warn!("{}", places.diagnostic(c, &fallback));
                    }
                    let achieved = match ek {
                        Ek::Midyear => e.summary.midyear.clone(),
                        Ek::Yearend => e.summary.yearend.clone(),
                    };
                    Report::Evaluation(Box::new(
                        attain_report::evaluation::build(model, ev).with_achieved(achieved),
                    ))
                }
                Err(checks) => return fail(refused_adjustments(dir, e, ek.period(), &checks)),
            }
        }
    };
    // Incomplete actuals and a provisional year-end table are stamped in every format;
    // --strict refuses them.
    if let Some(d) = incompleteness(dir, &report, as_of) {
        if strict {
            return fail(
                Diagnostic::error(d.message.clone())
                    .in_file(&dir.join("actuals"))
                    .help("add the missing figures to actuals/, or leave out --strict to write the report stamped as incomplete")
                    .into(),
            );
        }
        warn!("{d}");
    }
    let style = attain_report::chart::ChartStyle {
        lang,
        ..Default::default()
    };
    let mut files = Vec::new();
    let mut seen = Vec::new();
    for f in formats.iter().map(|f| f.to_report()) {
        if seen.contains(&f) {
            continue;
        }
        seen.push(f);
        match report.render(f, &style, ids) {
            Ok(more) => files.extend(more),
            Err(e) => {
                return fail(
                    Diagnostic::error(e)
                        .help("this is a bug in attain; the other formats still work")
                        .into(),
                )
            }
        }
    }
    if charts.png {
        let font = match &charts.font {
            Some(p) => attain_report::chart::FontSource::file(p),
            None => attain_report::chart::FontSource::System,
        };
        match report.render_png(&style, &font) {
            Ok(pngs) => files.extend(pngs),
            Err(e) => {
                return fail(
                    Diagnostic::error(format!("cannot draw the PNG charts: {e}"))
                        .help("leave out --png to write the SVG charts only")
                        .into(),
                )
            }
        }
    } else if charts.font.is_some() {
        warn!(
            "{}",
            Diagnostic::warning("--font is only used with --png; no PNG written")
                .help("add --png to draw the charts as PNG with this font")
        );
    }
    say!("{}", report.summary(lang));
    if let Err(d) = attain_ingest::unitdir::write_atomically(&out, &files, true) {
        return fail(d.into());
    }
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    say!("wrote {} to {}\n", names.join(", "), out.display());
    ExitCode::SUCCESS
}

/// What makes a report incomplete or provisional, as a warning; `None` when it is
/// complete (and, for a year-end table, final).
fn incompleteness(dir: &Path, report: &Report, as_of: Month) -> Option<Diagnostic> {
    let (c, items, provisional) = match report {
        Report::Progress(r) => (&r.completeness, false, false),
        Report::Evaluation(r) => (&r.completeness, true, r.provisional),
    };
    let mut what = Vec::new();
    if !c.missing_months.is_empty() {
        let months: Vec<String> = c.missing_months.iter().map(|m| m.to_string()).collect();
        what.push(format!(
            "no actuals for {} (counted as nothing reported)",
            months.join(", ")
        ));
    }
    if items && !c.unreported.is_empty() {
        what.push(format!(
            "no figure for {} by {as_of}",
            c.unreported.join(", ")
        ));
    }
    if provisional {
        what.push(if as_of.is_year_end() {
            "the year-end table is provisional (预评估) until the actuals are complete".to_string()
        } else {
            format!("a year-end table as of {as_of} is provisional (预评估)")
        });
    }
    if what.is_empty() {
        return None;
    }
    Some(
        Diagnostic::warning(format!("incomplete data: {}", what.join("; ")))
            .in_file(&dir.join("actuals"))
            .help("the report is stamped 数据不完整 / 预评估 in every format; add the missing figures to actuals/ (--strict makes this an error)"),
    )
}

fn review(table: &Path, json: bool, rounding: &str, grades: &str, words: &[String]) -> ExitCode {
    let vocabulary =
        match attain_core::target::Vocabulary::default().with_entries(&words.join("\n")) {
            Ok(v) => v,
            Err(e) => {
                warn!("error: --word: {e}\n");
                return ExitCode::from(2);
            }
        };
    let read = match attain_ingest::selfeval::read_file_with(table, &vocabulary) {
        Ok(r) => r,
        Err(f) => {
            print_diagnostics(&f.0);
            return ExitCode::from(2);
        }
    };
    print_diagnostics(&read.diagnostics);
    let mut settings = attain_core::settings::Scoring {
        rounding: if rounding == "whole" {
            attain_core::settings::Rounding::Whole
        } else {
            attain_core::settings::Rounding::Cents
        },
        ..Default::default()
    };
    if let Some(g) = attain_core::settings::GradeBands::named(grades) {
        settings.grades = g;
    }
    let r = attain_core::review::review(&read.table, &settings);
    let name = table.display().to_string();
    let ctx = attain_report::review::Context {
        table: &name,
        settings: &settings,
    };
    if json {
        say!("{}", attain_report::review::json(&r, ctx));
    } else {
        say!("{}", attain_report::review::text(&r, ctx));
    }
    if r.is_consistent() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
