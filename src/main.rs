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

mod portfolio;

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
    /// Every unit of a province in one run: units ranked by their gap to the expected
    /// execution path, lights, red and yellow indicators, change since last month,
    /// the aggregate. Input: a folder of unit folders, or the export shape (unit.toml,
    /// targets.csv, budget.csv and actuals.csv with a `unit` column)
    Portfolio {
        /// A folder of unit folders, or a folder with the export files
        input: PathBuf,
        /// The month the report is as of, e.g. 2026-06
        #[arg(long)]
        as_of: Month,
        /// Formats to write, comma-separated: md, json, csv, html, svg
        #[arg(long, value_delimiter = ',', default_value = "md,json,csv,html,svg")]
        format: Vec<Format>,
        /// Output folder (default: reports/<input folder name>/<as-of>)
        #[arg(long)]
        out: Option<PathBuf>,
        /// Also write each unit's own progress report, in <out>/units/<unit>/
        #[arg(long)]
        per_unit: bool,
        /// Fail (exit 1, nothing written) when any unit has an error, instead of
        /// leaving the unit out of the ranking
        #[arg(long)]
        strict: bool,
        /// Units listed in the Markdown and HTML ranking (JSON and CSV have all)
        #[arg(long, default_value_t = 50)]
        top: usize,
        /// Units furthest behind drawn as small multiples
        #[arg(long, default_value_t = 12)]
        charts: usize,
        /// Errors (and, apart, warnings) printed in full; the rest are counted
        #[arg(long, default_value_t = 20)]
        max_diagnostics: usize,
        /// Label language: zh or en
        #[arg(long, default_value = "zh")]
        lang: Lang,
    },
    /// Generate a synthetic portfolio (deterministic for a seed) for tests and
    /// benchmarks: unit folders under <out>/folders, the export shape under
    /// <out>/export
    Gen {
        /// Number of units
        #[arg(long)]
        units: usize,
        /// Random seed: the same seed gives the same files
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Output folder
        #[arg(long)]
        out: PathBuf,
        /// Which input shapes to write
        #[arg(long, value_enum, default_value_t = Shape::Both)]
        shape: Shape,
        /// Indicators per unit (at least 6; the example unit has 45)
        #[arg(long, default_value_t = 45)]
        indicators: usize,
        /// Budget year
        #[arg(long, default_value_t = 2026)]
        year: u16,
        /// Number of units that get one bad row each
        #[arg(long, default_value_t = 0)]
        bad_units: usize,
        /// Write spending as one row per payment with its date (the detail form)
        #[arg(long)]
        detail: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Shape {
    /// A folder per unit
    Folders,
    /// One file of each kind with a `unit` column
    Export,
    /// Both
    Both,
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
        } => report(&dir, as_of, kind, &format, Charts { png, font }, out, lang),
        Command::Review {
            table,
            json,
            rounding,
            grades,
            words,
        } => review(&table, json, &rounding, &grades, &words),
        Command::Portfolio {
            input,
            as_of,
            format,
            out,
            per_unit,
            strict,
            top,
            charts,
            max_diagnostics,
            lang,
        } => portfolio::run(&portfolio::Args {
            out: out.unwrap_or_else(|| default_out(&input, as_of)),
            input,
            as_of,
            formats: format.iter().map(|f| f.to_report()).collect(),
            per_unit,
            strict,
            options: attain_report::portfolio::Options { top, charts },
            max_diagnostics,
            lang,
        }),
        Command::Gen {
            units,
            seed,
            out,
            shape,
            indicators,
            year,
            bad_units,
            detail,
        } => {
            let opts = attain_ingest::gen::GenOptions {
                units,
                seed,
                year,
                indicators,
                folders: shape != Shape::Export,
                export: shape != Shape::Folders,
                bad_units,
                detail,
            };
            match attain_ingest::gen::generate(&out, &opts) {
                Ok(dirs) => {
                    for d in dirs {
                        say!("wrote {units} units to {}\n", d.display());
                    }
                    ExitCode::SUCCESS
                }
                Err(d) => fail(d.into()),
            }
        }
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

/// Score each period that has manual scores (June for H1, December for the year) to
/// find the ones the rules refuse, so that `check` catches them before a report does.
fn check_adjustments(dir: &Path, l: &attain_ingest::Loaded) -> Result<(), Failed> {
    use attain_report::evaluation as ev;
    let model = &l.unit.model;
    for (kind, month) in [(ev::Kind::Midyear, 6), (ev::Kind::Yearend, 12)] {
        let ev = &l.evaluator;
        if !ev.adjustments.iter().any(|a| a.period == kind.period()) {
            continue;
        }
        let Some(as_of) = Month::new(model.unit.year, month) else {
            continue;
        };
        let inputs = Inputs {
            model,
            actuals: &l.actuals.actuals,
            plan: l.plan.as_ref(),
        };
        if let Err(checks) = ev::build(
            model,
            &inputs.evaluate(as_of),
            kind,
            &ev.adjustments,
            &ev.explanations,
        ) {
            return Err(refused_adjustments(dir, ev, kind.period(), &checks));
        }
    }
    Ok(())
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

fn report(
    dir: &Path,
    as_of: Month,
    kind: Kind,
    formats: &[Format],
    charts: Charts,
    out: Option<PathBuf>,
    lang: Lang,
) -> ExitCode {
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
    if let Some(last) = loaded.actuals.actuals.last_month() {
        if last < as_of {
            warn!(
                "{}",
                Diagnostic::warning(format!(
                    "the latest actuals are for {last}; months after it count as nothing reported"
                ))
                .help("add the missing months to actuals/, or pass an earlier --as-of")
            );
        }
    }
    let inputs = Inputs {
        model,
        actuals: &loaded.actuals.actuals,
        plan: loaded.plan.as_ref(),
    };
    let progress = inputs.evaluate(as_of);
    let out = out.unwrap_or_else(|| default_out(dir, as_of));
    let report = match kind {
        Kind::Progress => {
            Report::Progress(Box::new(attain_report::progress::build(model, &progress)))
        }
        Kind::Midyear | Kind::Yearend => {
            use attain_report::evaluation as ev;
            let ek = if kind == Kind::Midyear {
                ev::Kind::Midyear
            } else {
                ev::Kind::Yearend
            };
            if ek == ev::Kind::Yearend && !as_of.is_year_end() {
                warn!(
                    "{}",
                    Diagnostic::warning(format!(
                        "a year-end evaluation as of {as_of}: the scores are provisional"
                    ))
                    .help("pass --as-of with December for the real year-end evaluation")
                );
            }
            let e = &loaded.evaluator;
            match ev::build(model, &progress, ek, &e.adjustments, &e.explanations) {
                Ok(r) => Report::Evaluation(Box::new(r)),
                Err(checks) => return fail(refused_adjustments(dir, e, ek.period(), &checks)),
            }
        }
    };
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
        match report.render(f, &style) {
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
