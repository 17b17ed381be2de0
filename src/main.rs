//! The `attain` command: argument handling and glue only. Reading lives in
//! `attain-ingest`, all evaluation in `attain-core`, all rendering in `attain-report`.
//! Every byte for the terminal goes through `out` (colour, closed pipes, verbosity).

mod out;

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use attain_core::progress::Inputs;
use attain_core::Month;
use attain_ingest::{Diagnostic, Diagnostics, Failed};
use attain_report::{Lang, Report};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

mod portfolio;

// A portfolio run allocates many small values on several threads; mimalloc does that
// with far less contention than the system allocator. Without transparent huge pages
// (`no_thp`): the kernel zeroing 2 MiB pages cost more than it saved.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Colour in the terminal: auto (when writing to a terminal and NO_COLOR is not
    /// set), always or never
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    color: ColorWhen,
    /// Print errors only (and the data asked for: --json, show, review)
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Also print what was read and written
    #[arg(long, short, global = true)]
    verbose: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// Standard input or output, for a file argument.
const STDIO: &str = "-";
/// How standard input is named in diagnostics.
const STDIN_NAME: &str = "<stdin>";

#[derive(Debug, Subcommand)]
enum Command {
    /// Import a published target table (pasted text, CSV or an .xlsx workbook) into a
    /// unit folder
    Import {
        /// The table: tab-separated text pasted from Word or a web page, CSV, or an
        /// Excel workbook (.xlsx; merged cells mean "as above"); `-` reads standard input
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
        /// Print JSON instead of text: {dir, ok, diagnostics, summary, actuals}
        /// (see README); printed also when the folder has errors
        #[arg(long)]
        json: bool,
    },
    /// Print the indicator tree with targets, weights and measures
    Show {
        /// The unit folder
        dir: PathBuf,
        /// Print JSON instead of text: {unit, year, indicators, weights_total, budget}
        #[arg(long)]
        json: bool,
    },
    /// Write a month's entry workbook: one row per budget line and indicator to fill
    /// in, with last month's figures beside; save it into actuals/ when filled
    Template {
        /// The unit folder
        dir: PathBuf,
        /// The month to enter, e.g. 2026-07
        #[arg(long)]
        month: Month,
        /// The workbook to write (default: <month>.xlsx in the current folder); `-`
        /// writes it to standard output
        #[arg(long)]
        out: Option<PathBuf>,
        /// Replace the workbook if it exists
        #[arg(long)]
        force: bool,
    },
    /// Print a shell completion script: attain completions bash > /etc/bash_completion.d/attain
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): attain man > attain.1
    Man,
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
        /// Output folder (default: reports/<unit folder name>/<as-of>); `-` writes the
        /// one report file of a single --format (md, json, csv, html or xlsx) to
        /// standard output
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
        /// or attain's own yearend.md; `-` reads standard input
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
        /// Formats to write, comma-separated: md, json, csv, html, svg, xlsx
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
        /// Units listed in the Markdown and HTML ranking (JSON, CSV and XLSX have all)
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

/// A summary line for standard output (`format!` arguments): left out with `--quiet`,
/// and a closed pipe ends the output quietly (see `out`).
macro_rules! say {
    ($($arg:tt)*) => {
        out::info(&format!($($arg)*))
    };
}

fn print_diagnostics(d: &Diagnostics) {
    out::diagnostics(d);
}

fn fail(f: Failed) -> ExitCode {
    print_diagnostics(&f.0);
    ExitCode::from(1)
}

/// The bytes of a file argument, or of standard input for `-`, with the name to use
/// in diagnostics.
fn read_input(path: &Path) -> Result<(Vec<u8>, PathBuf), Failed> {
    if path.as_os_str() == STDIO {
        // The same limit as for files: standard input may be endless (`< /dev/zero`).
        let max = attain_ingest::text::MAX_FILE_BYTES;
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(max + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| {
                Failed::from(
                    Diagnostic::error(format!("cannot read standard input: {e}"))
                        .help("pipe the table into attain, or give its file name instead of `-`"),
                )
            })?;
        if bytes.len() as u64 > max {
            return Err(Diagnostic::error(format!(
                "standard input is larger than {} MiB, the most attain reads",
                max / (1024 * 1024)
            ))
            .help("check that the right file is piped in")
            .into());
        }
        Ok((bytes, PathBuf::from(STDIN_NAME)))
    } else {
        let bytes = attain_ingest::text::read_bytes(path)?;
        out::detail(&format!(
            "read {} ({} bytes)\n",
            path.display(),
            bytes.len()
        ));
        Ok((bytes, path.to_path_buf()))
    }
}

/// `--color` as given, read before clap parses so that clap's own help and errors
/// follow it too.
fn color_arg() -> clap::ColorChoice {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let mut choice = clap::ColorChoice::Auto;
    for (i, a) in args.iter().enumerate() {
        let value = match a.strip_prefix("--color=") {
            Some(v) => Some(v),
            None if a == "--color" => args.get(i + 1).map(String::as_str),
            None => None,
        };
        match value {
            Some("always") => choice = clap::ColorChoice::Always,
            Some("never") => choice = clap::ColorChoice::Never,
            Some("auto") => choice = clap::ColorChoice::Auto,
            _ => {}
        }
    }
    choice
}

fn main() -> ExitCode {
    let matches = Cli::command().color(color_arg()).get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => e.exit(),
    };
    anstream::ColorChoice::write_global(match cli.color {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    });
    out::set_verbosity(if cli.quiet {
        out::Verbosity::Quiet
    } else if cli.verbose {
        out::Verbosity::Verbose
    } else {
        out::Verbosity::Normal
    });
    run(cli.command)
}

fn run(command: Command) -> ExitCode {
    match command {
        Command::Import {
            table,
            out,
            year,
            force,
        } => import(&table, &out, year, force),
        Command::Check { dir, json } => check(&dir, json),
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
        Command::Show { dir, json } => match attain_ingest::unitdir::load(&dir) {
            Ok(u) => {
                print_diagnostics(&u.diagnostics);
                if json {
                    out::say(&attain_report::text::json_pretty(
                        &attain_report::unit_json::tree(&u.model),
                    ));
                } else {
                    out::say(&attain_report::terminal::indicator_tree(&u.model));
                }
                ExitCode::SUCCESS
            }
            Err(f) => fail(f),
        },
        Command::Template {
            dir,
            month,
            out,
            force,
        } => template(&dir, month, out, force),
        Command::Completions { shell } => {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "attain", &mut buf);
            write_stdout(&buf)
        }
        Command::Man => {
            let mut buf = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut buf) {
                Ok(()) => write_stdout(&buf),
                Err(e) => {
                    fail(Diagnostic::error(format!("cannot render the manual page: {e}")).into())
                }
            }
        }
    }
}

/// Bytes to standard output; a write error other than a closed pipe fails.
fn write_stdout(bytes: &[u8]) -> ExitCode {
    match out::raw(bytes) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(
            Diagnostic::error(format!("cannot write to standard output: {e}"))
                .help("check the disk or the program reading attain's output")
                .into(),
        ),
    }
}

fn import(table: &Path, out_dir: &Path, year: Option<u16>, force: bool) -> ExitCode {
    if out_dir.as_os_str() == STDIO {
        return fail(
            Diagnostic::error(
                "`--out -` cannot hold a unit folder (unit.toml, targets.csv, budget.csv)",
            )
            .help("give the folder to write, e.g. --out data/my-unit")
            .into(),
        );
    }
    let imported = match read_input(table)
        .and_then(|(bytes, name)| attain_ingest::import_table_bytes(&bytes, &name, year))
    {
        Ok(i) => i,
        Err(f) => return fail(f),
    };
    print_diagnostics(&imported.diagnostics);
    let files = attain_ingest::unitdir::render_files(&imported.model);
    if let Err(d) = attain_ingest::atomic::write_atomically(out_dir, &files, force) {
        return fail(d.into());
    }
    let m = &imported.model;
    say!(
        "imported {} indicators and {} budget lines of {} ({}) into {} (the table was read as {})\n\n",
        m.indicators.len(),
        m.budget.lines.len(),
        m.unit.name,
        m.unit.year,
        out_dir.display(),
        imported.encoding.map_or("an Excel workbook", |e| e.name())
    );
    out::info(&attain_report::terminal::unit_summary(m));
    ExitCode::SUCCESS
}

/// `attain template`: the month's entry workbook, to fill in Excel and save into
/// actuals/.
fn template(dir: &Path, month: Month, out_file: Option<PathBuf>, force: bool) -> ExitCode {
    let loaded = match attain_ingest::load_all(dir) {
        Ok(l) => l,
        Err(f) => return fail(f),
    };
    print_diagnostics(&loaded.diagnostics);
    let model = &loaded.unit.model;
    if month.year() != model.unit.year {
        return fail(
            Diagnostic::error(format!(
                "--month {month} is outside the unit's year {}",
                model.unit.year
            ))
            .help(format!(
                "pass a month of {}, e.g. --month {}-07",
                model.unit.year, model.unit.year
            ))
            .into(),
        );
    }
    let already = loaded
        .actuals
        .actuals
        .entries()
        .iter()
        .filter(|e| e.month == month)
        .count();
    if already > 0 {
        out::diagnostic(
            &Diagnostic::warning(format!(
                "actuals/ already has {already} figures for {month}: saving the filled workbook there as well reports them twice"
            ))
            .in_file(&dir.join(attain_ingest::actuals::ACTUALS_DIR))
            .help(format!("fill in only what is missing, or move the existing {month} file out of actuals/ first")),
        );
    }
    let bytes = match attain_report::template::entry_workbook(model, &loaded.actuals.actuals, month)
    {
        Ok(b) => b,
        Err(e) => {
            return fail(
                Diagnostic::error(format!("cannot build the entry workbook: {e}"))
                    .help("this is a bug in attain; write the month's CSV by hand meanwhile")
                    .into(),
            )
        }
    };
    let target = out_file.unwrap_or_else(|| PathBuf::from(format!("{month}.xlsx")));
    if target.as_os_str() == STDIO {
        if out::stdout_is_terminal() {
            return fail(
                Diagnostic::error(
                    "`--out -` would print an Excel workbook (binary) to the terminal",
                )
                .help("redirect it to a file (`> 2026-07.xlsx`) or give --out FILE")
                .into(),
            );
        }
        return write_stdout(&bytes);
    }
    if target.exists() && !force {
        return fail(
            Diagnostic::error("the workbook exists already")
                .in_file(&target)
                .help("pass --force to replace it, or give another --out")
                .into(),
        );
    }
    let (folder, name) = match (target.parent(), target.file_name()) {
        (Some(p), Some(n)) => (p, n.to_string_lossy().into_owned()),
        _ => (Path::new("."), target.display().to_string()),
    };
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    if let Err(d) = attain_ingest::unitdir::write_atomically(folder, &[(name, bytes)], true) {
        return fail(d.into());
    }
    say!(
        "wrote {}: fill in 数值 (and 备注) for {month}, then save it into {}\n",
        target.display(),
        dir.join(attain_ingest::actuals::ACTUALS_DIR).display()
    );
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
    Failed(
        checks
            .iter()
            .map(|c| sources.diagnostic(c, &fallback))
            .collect::<Diagnostics>(),
    )
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

fn check(dir: &Path, json: bool) -> ExitCode {
    let loaded = attain_ingest::load_all(dir).and_then(|l| match check_adjustments(dir, &l) {
        Ok(()) => Ok(l),
        Err(f) => {
            // Warnings of the load stay with the refused adjustments.
            let mut d = l.diagnostics;
            d.extend(f.0);
            Err(Failed(d))
        }
    });
    if json {
        let (ok, diagnostics, summary, actuals) = match &loaded {
            Ok(l) => (
                true,
                &l.diagnostics,
                attain_report::unit_json::summary(&l.unit.model),
                attain_report::unit_json::ledger(&l.unit.model, &l.actuals.ledger),
            ),
            Err(f) => (
                false,
                &f.0,
                serde_json::Value::Null,
                serde_json::Value::Null,
            ),
        };
        let v = serde_json::json!({
            "dir": dir.display().to_string(),
            "ok": ok,
            "diagnostics": diagnostics.iter().map(diagnostic_json).collect::<Vec<_>>(),
            "summary": summary,
            "actuals": actuals,
        });
        out::say(&attain_report::text::json_pretty(&v));
        return if ok {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        };
    }
    match loaded {
        Ok(l) => {
            print_diagnostics(&l.diagnostics);
            out::info(&attain_report::terminal::unit_summary(&l.unit.model));
            out::info(&attain_report::terminal::ledger(
                &l.unit.model,
                &l.actuals.ledger,
            ));
            say!("{}: ok\n", dir.display());
            ExitCode::SUCCESS
        }
        Err(f) => fail(f),
    }
}

/// A diagnostic in `check --json`: its fields, with the text as printed.
fn diagnostic_json(d: &Diagnostic) -> serde_json::Value {
    serde_json::json!({
        "severity": d.severity,
        "message": d.message,
        "file": d.file.as_ref().map(|f| f.display().to_string()),
        "line": d.line,
        "column": d.column,
        "column_name": d.column_name,
        "help": d.help,
        "related": d.related,
        "text": d.to_string(),
    })
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
    out_dir: Option<PathBuf>,
    labels: Labels,
) -> ExitCode {
    let Labels { lang, ids, strict } = labels;
    if out_dir.as_deref() == Some(Path::new(STDIO)) {
        if let Err(f) = check_stdout_report(formats, charts.png) {
            return fail(f);
        }
    }
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
    let to_stdout = out_dir.as_deref() == Some(Path::new(STDIO));
    let out_dir = out_dir.unwrap_or_else(|| default_out(dir, as_of));
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
                        out::diagnostic(&places.diagnostic(c, &fallback));
                    }
                    let (key, text) = match ek {
                        Ek::Midyear => ("midyear", &e.summary.midyear),
                        Ek::Yearend => ("yearend", &e.summary.yearend),
                    };
                    // A narrative applies to the month it was written for (core).
                    let month = ek.narrative_month(e.summary.midyear_month);
                    let achieved = match text {
                        Some(_) if as_of.number() != month => {
                            out::diagnostic(
                                &Diagnostic::warning(format!(
                                    "summary.toml's `{key}` text is written for 1–{month}月, not for this report's 1–{}月: 实际完成情况 is shown as 【待填写】",
                                    as_of.number()
                                ))
                                .in_file(&dir.join(attain_ingest::evaluation::SUMMARY_FILE))
                                .help(if ek == Ek::Midyear {
                                    "write the text for this month and set midyear_month to it in summary.toml (midyear_month = 7 for 1–7月)"
                                } else {
                                    "the yearend text is for December: run the year-end report --as-of December"
                                }),
                            );
                            None
                        }
                        t => t.clone(),
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
        out::diagnostic(&d);
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
        out::diagnostic(
            &Diagnostic::warning("--font is only used with --png; no PNG written")
                .help("add --png to draw the charts as PNG with this font"),
        );
    }
    if to_stdout {
        // Checked above: one format of one file. The summary stays off stdout.
        let Some((name, bytes)) = files.first() else {
            return ExitCode::SUCCESS;
        };
        out::detail(&format!(
            "writing {name} ({} bytes) to standard output\n",
            bytes.len()
        ));
        return write_stdout(bytes);
    }
    if let Err(d) = attain_ingest::atomic::replace_report(&out_dir, &files, report.stem()) {
        return fail(d.into());
    }
    out::summary(&report.summary(lang));
    for (name, bytes) in &files {
        out::detail(&format!(
            "wrote {} ({} bytes)\n",
            out_dir.join(name).display(),
            bytes.len()
        ));
    }
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    say!("wrote {} to {}\n", names.join(", "), out_dir.display());
    ExitCode::SUCCESS
}

/// `--out -`: the report goes to standard output, which holds one file: refuse
/// what would be several files, and a workbook for a terminal.
fn check_stdout_report(formats: &[Format], png: bool) -> Result<(), Failed> {
    let mut distinct: Vec<Format> = Vec::new();
    for f in formats {
        if !distinct.contains(f) {
            distinct.push(*f);
        }
    }
    let refuse = |msg: &str| {
        Err(Failed::from(
            Diagnostic::error(format!("`--out -` writes one file to standard output: {msg}"))
                .help("pass one of --format md, json, csv, html or xlsx with --out -, or give a folder to --out"),
        ))
    };
    match distinct.as_slice() {
        [Format::Svg] => refuse("the charts are several SVG files"),
        [_] if png => refuse("--png writes several files"),
        [Format::Xlsx] if out::stdout_is_terminal() => Err(Failed::from(
            Diagnostic::error("`--out -` would print an Excel workbook (binary) to the terminal")
                .help("redirect it to a file (`> progress.xlsx`) or pipe it on"),
        )),
        [_] => Ok(()),
        _ => refuse(&format!(
            "{} formats asked for (the default is md,json,csv,html,svg)",
            distinct.len()
        )),
    }
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
                out::err(&format!("error: --word: {e}\n"));
                return ExitCode::from(2);
            }
        };
    let read = match read_input(table).and_then(|(bytes, name)| {
        let text = attain_ingest::text::decode(&bytes, &name)?;
        attain_ingest::selfeval::parse_text_with(&text.content, &name, &vocabulary)
    }) {
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
    let name = if table.as_os_str() == STDIO {
        STDIN_NAME.to_string()
    } else {
        table.display().to_string()
    };
    let ctx = attain_report::review::Context {
        table: &name,
        settings: &settings,
    };
    if json {
        out::say(&attain_report::review::json(&r, ctx));
    } else {
        out::say(&attain_report::review::text(&r, ctx));
    }
    if r.is_consistent() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
