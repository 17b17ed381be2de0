//! The `attain` command: argument handling and glue only. Reading lives in
//! `attain-ingest`, all evaluation in `attain-core`, all rendering in `attain-report`.
//! Every byte for the terminal goes through `out` (colour, closed pipes, verbosity).

mod help;
mod out;

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use attain_core::msg::cli::{self as m, report_cmd as rm};
use attain_core::msg::Msg;
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
// The about of every command and the help of every argument are the catalogue's
// (`attain_core::msg::help`), applied for the user's language by `help::localized`.
#[command(name = "attain", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    color: ColorWhen,
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    quiet: bool,
    #[arg(long, short, global = true)]
    verbose: bool,
    #[arg(long, global = true, value_parser = parse_lang, value_name = "LANG")]
    lang: Option<Lang>,
}

/// `--lang`, with the error in the language of the environment.
fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse::<Lang>()
        .map_err(|m| m.render(Lang::from_env(locale_vars().iter().map(|v| v.as_deref()))))
}

/// A month on the command line; the error in the locale's language (as for --lang).
fn parse_month(s: &str) -> Result<Month, String> {
    s.parse::<Month>().map_err(|e| {
        e.message()
            .render(Lang::from_env(locale_vars().iter().map(|v| v.as_deref())))
    })
}

/// LC_ALL, LC_MESSAGES and LANG, in that order of precedence.
fn locale_vars() -> [Option<String>; 3] {
    ["LC_ALL", "LC_MESSAGES", "LANG"].map(|k| std::env::var(k).ok())
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
    Import {
        table: PathBuf,
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        year: Option<u16>,
        #[arg(long)]
        force: bool,
    },
    Check {
        dir: PathBuf,
        #[arg(long)]
        json: bool,
    },
    Show {
        dir: PathBuf,
        #[arg(long)]
        json: bool,
    },
    Template {
        dir: PathBuf,
        #[arg(long, value_parser = parse_month)]
        month: Month,
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long)]
        force: bool,
    },
    Completions {
        shell: clap_complete::Shell,
    },
    Man,
    Report {
        dir: PathBuf,
        #[arg(long, value_parser = parse_month)]
        as_of: Month,
        #[arg(long, value_enum, default_value_t = Kind::Progress)]
        kind: Kind,
        #[arg(long, value_delimiter = ',', default_value = "md,json,csv,html,svg")]
        format: Vec<Format>,
        #[arg(long)]
        png: bool,
        #[arg(long, value_name = "PATH")]
        font: Option<PathBuf>,
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long)]
        ids: bool,
        #[arg(long)]
        strict: bool,
    },
    Review {
        table: PathBuf,
        #[arg(long)]
        json: bool,
        #[arg(long, value_parser = ["cents", "whole"], default_value = "cents")]
        rounding: String,
        #[arg(long, value_parser = ["90/80/60", "80/70/60"], default_value = "90/80/60")]
        grades: String,
        #[arg(long = "word", value_name = "WORD=TIER")]
        words: Vec<String>,
    },
    Portfolio {
        input: PathBuf,
        #[arg(long, value_parser = parse_month)]
        as_of: Month,
        #[arg(long, value_delimiter = ',', default_value = "md,json,csv,html,svg")]
        format: Vec<Format>,
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long)]
        per_unit: bool,
        #[arg(long)]
        strict: bool,
        #[arg(long, default_value_t = 50)]
        top: usize,
        #[arg(long, default_value_t = 12)]
        charts: usize,
        #[arg(long, default_value_t = 20)]
        max_diagnostics: usize,
    },
    Gen {
        #[arg(long)]
        units: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, value_enum, default_value_t = Shape::Both)]
        shape: Shape,
        #[arg(long, default_value_t = 45)]
        indicators: usize,
        #[arg(long, default_value_t = 2026)]
        year: u16,
        #[arg(long, default_value_t = 0)]
        bad_units: usize,
        #[arg(long)]
        detail: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Shape {
    Folders,
    Export,
    Both,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Kind {
    Progress,
    Midyear,
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
    Html,
    Svg,
    Xlsx,
}

/// A summary line for standard output, in the user's language: left out with
/// `--quiet`, and a closed pipe ends the output quietly (see `out`).
fn say(msg: Msg) {
    out::info(&format!("{}\n", out::text(&msg)));
}

/// `--verbose` only: a line on standard error, in the user's language.
fn detail(msg: Msg) {
    out::detail(&format!("{}\n", out::text(&msg)));
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
                    Diagnostic::error(m::stdin_unreadable(e)).help(m::stdin_unreadable_help()),
                )
            })?;
        if bytes.len() as u64 > max {
            return Err(Diagnostic::error(m::stdin_too_large(max / (1024 * 1024)))
                .help(m::stdin_too_large_help())
                .into());
        }
        Ok((bytes, PathBuf::from(STDIN_NAME)))
    } else {
        let bytes = attain_ingest::text::read_bytes(path)?;
        detail(m::read_file(path.display(), bytes.len()));
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

/// `--lang` as given, read before clap parses so that `--help` is in it; else the
/// locale's language.
fn lang_arg() -> Lang {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let mut lang = None;
    for (i, a) in args.iter().enumerate() {
        let value = match a.strip_prefix("--lang=") {
            Some(v) => Some(v),
            None if a == "--lang" => args.get(i + 1).map(String::as_str),
            None => None,
        };
        if let Some(Ok(l)) = value.map(str::parse::<Lang>) {
            lang = Some(l);
        }
    }
    lang.unwrap_or_else(|| Lang::from_env(locale_vars().iter().map(|v| v.as_deref())))
}

/// The command line, worded in `lang`.
fn cli_command(lang: Lang) -> clap::Command {
    help::localized(Cli::command(), lang)
}

fn main() -> ExitCode {
    // The colour is set before the tree is built, so that every subcommand has it.
    let lang = lang_arg();
    let matches = match help::localized(Cli::command().color(color_arg()), lang).try_get_matches() {
        Ok(m) => m,
        // Help and version, and English errors, as clap prints them (with colour).
        Err(e) if lang == Lang::En || !e.use_stderr() => e.exit(),
        Err(e) => {
            out::err(&help::parse_error(&e, lang));
            return ExitCode::from(2);
        }
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => e.exit(),
    };
    anstream::ColorChoice::write_global(match cli.color {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    });
    out::set_lang(
        cli.lang
            .unwrap_or_else(|| Lang::from_env(locale_vars().iter().map(|v| v.as_deref()))),
    );
    // Reports are a deliverable: the same command writes the same files everywhere,
    // so their language is Chinese unless --lang says otherwise.
    let report_lang = cli.lang.unwrap_or_default();
    out::set_verbosity(if cli.quiet {
        out::Verbosity::Quiet
    } else if cli.verbose {
        out::Verbosity::Verbose
    } else {
        out::Verbosity::Normal
    });
    run(cli.command, report_lang)
}

fn run(command: Command, lang: Lang) -> ExitCode {
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
                        say(m::wrote_units(units, d.display()));
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
                    out::say(&attain_report::terminal::indicator_tree(
                        &u.model,
                        out::lang(),
                    ));
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
            clap_complete::generate(shell, &mut cli_command(out::lang()), "attain", &mut buf);
            write_stdout(&buf)
        }
        Command::Man => {
            let mut buf = Vec::new();
            match clap_mangen::Man::new(cli_command(out::lang())).render(&mut buf) {
                Ok(()) => write_stdout(&buf),
                Err(e) => fail(Diagnostic::error(m::man_failed(e)).into()),
            }
        }
    }
}

/// Bytes to standard output; a write error other than a closed pipe fails.
fn write_stdout(bytes: &[u8]) -> ExitCode {
    match out::raw(bytes) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(
            Diagnostic::error(m::stdout_failed(e))
                .help(m::stdout_failed_help())
                .into(),
        ),
    }
}

fn import(table: &Path, out_dir: &Path, year: Option<u16>, force: bool) -> ExitCode {
    if out_dir.as_os_str() == STDIO {
        return fail(
            Diagnostic::error(m::import_out_dash())
                .help(m::import_out_dash_help())
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
    let model = &imported.model;
    say(m::imported(
        model.indicators.len(),
        model.budget.lines.len(),
        &model.unit.name,
        model.unit.year,
        out_dir.display(),
        match imported.encoding {
            Some(e) => Msg::verbatim(e.name()),
            None => m::an_excel_workbook(),
        },
    ));
    out::info("\n");
    out::info(&attain_report::terminal::unit_summary(model, out::lang()));
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
            Diagnostic::error(m::month_outside_year(month, model.unit.year))
                .help(m::month_outside_year_help(model.unit.year))
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
            &Diagnostic::warning(m::template_has_figures(already, month))
                .in_file(&dir.join(attain_ingest::actuals::ACTUALS_DIR))
                .help(m::template_has_figures_help(month)),
        );
    }
    let bytes = match attain_report::template::entry_workbook(model, &loaded.actuals.actuals, month)
    {
        Ok(b) => b,
        Err(e) => {
            return fail(
                Diagnostic::error(m::template_failed(e))
                    .help(m::template_failed_help())
                    .into(),
            )
        }
    };
    let target = out_file.unwrap_or_else(|| PathBuf::from(format!("{month}.xlsx")));
    if target.as_os_str() == STDIO {
        if out::stdout_is_terminal() {
            return fail(
                Diagnostic::error(m::workbook_to_terminal())
                    .help(m::template_to_terminal_help())
                    .into(),
            );
        }
        return write_stdout(&bytes);
    }
    if target.exists() && !force {
        return fail(
            Diagnostic::error(m::workbook_exists())
                .in_file(&target)
                .help(m::workbook_exists_help())
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
    say(m::template_wrote(
        target.display(),
        month,
        dir.join(attain_ingest::actuals::ACTUALS_DIR).display(),
    ));
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
            out::info(&attain_report::terminal::unit_summary(
                &l.unit.model,
                out::lang(),
            ));
            out::info(&attain_report::terminal::ledger(
                &l.unit.model,
                &l.actuals.ledger,
                out::lang(),
            ));
            say(m::check_ok(dir.display()));
            ExitCode::SUCCESS
        }
        Err(f) => fail(f),
    }
}

/// A diagnostic in `check --json`: its fields, with the text as printed.
fn diagnostic_json(d: &Diagnostic) -> serde_json::Value {
    serde_json::json!({
        "severity": d.severity,
        "code": d.message.key(),
        "message": out::text(&d.message),
        "file": d.file.as_ref().map(|f| f.display().to_string()),
        "line": d.line,
        "column": d.column,
        "column_name": d.column_name,
        "place": d.place.as_ref().map(out::text),
        "help": d.help.as_ref().map(out::text),
        "related": d.related.iter().map(out::text).collect::<Vec<_>>(),
        "text": d.render(out::lang()),
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
    // The cross-checks the report lists: up to as-of, like the report.
    print_diagnostics(&loaded.diagnostics_as_of(as_of));
    let model = &loaded.unit.model;
    if as_of.year() != model.unit.year {
        let d = Diagnostic::error(rm::as_of_outside_year(as_of, model.unit.year))
            .help(rm::as_of_outside_year_help(model.unit.year));
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
                                &Diagnostic::warning(rm::narrative_other_month(
                                    key,
                                    month,
                                    as_of.number(),
                                ))
                                .in_file(&dir.join(attain_ingest::evaluation::SUMMARY_FILE))
                                .help(if ek == Ek::Midyear {
                                    rm::narrative_midyear_help()
                                } else {
                                    rm::narrative_yearend_help()
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
                    .help(rm::strict_help())
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
                    Diagnostic::error(Msg::verbatim(e))
                        .help(rm::format_failed_help())
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
                    Diagnostic::error(rm::png_failed(e))
                        .help(rm::png_failed_help())
                        .into(),
                )
            }
        }
    } else if charts.font.is_some() {
        out::diagnostic(
            &Diagnostic::warning(rm::font_without_png()).help(rm::font_without_png_help()),
        );
    }
    if to_stdout {
        // Checked above: one format of one file. The summary stays off stdout.
        let Some((name, bytes)) = files.first() else {
            return ExitCode::SUCCESS;
        };
        detail(m::writing_stdout(name, bytes.len()));
        return write_stdout(bytes);
    }
    if let Err(d) = attain_ingest::atomic::replace_report(&out_dir, &files, report.stem()) {
        return fail(d.into());
    }
    out::summary(&report.summary(out::lang()));
    for (name, bytes) in &files {
        detail(m::wrote_file(out_dir.join(name).display(), bytes.len()));
    }
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    say(m::wrote_files(
        attain_core::msg::list(names),
        out_dir.display(),
    ));
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
    let refuse = |reason: Msg| {
        Err(Failed::from(
            Diagnostic::error(rm::stdout_one_file(reason)).help(rm::stdout_one_file_help()),
        ))
    };
    match distinct.as_slice() {
        [Format::Svg] => refuse(rm::svg_several()),
        [_] if png => refuse(rm::png_several()),
        [Format::Xlsx] if out::stdout_is_terminal() => Err(Failed::from(
            Diagnostic::error(m::workbook_to_terminal()).help(rm::report_to_terminal_help()),
        )),
        [_] => Ok(()),
        _ => refuse(rm::formats_several(distinct.len())),
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
        what.push(rm::missing_months(attain_core::msg::list(
            c.missing_months.iter().map(|m| m.to_string()),
        )));
    }
    if items && !c.unreported.is_empty() {
        what.push(rm::unreported(attain_core::msg::list(&c.unreported), as_of));
    }
    if provisional {
        what.push(if as_of.is_year_end() {
            rm::provisional_year_end()
        } else {
            rm::provisional_as_of(as_of)
        });
    }
    // The parts in order, joined by the language's separator.
    let what = what
        .into_iter()
        .rev()
        .reduce(|rest, first| m::list(first, rest))?;
    Some(
        Diagnostic::warning(rm::incomplete(what))
            .in_file(&dir.join("actuals"))
            .help(rm::incomplete_help()),
    )
}

fn review(table: &Path, json: bool, rounding: &str, grades: &str, words: &[String]) -> ExitCode {
    let vocabulary =
        match attain_core::target::Vocabulary::default().with_entries(&words.join("\n")) {
            Ok(v) => v,
            Err(e) => {
                out::diagnostic(&Diagnostic::error(m::word_option(e)));
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
        lang: out::lang(),
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
