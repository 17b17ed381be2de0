//! The `attain` command: argument handling and glue only. Reading lives in
//! `attain-ingest`, all evaluation in `attain-core`, all rendering in `attain-report`.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use attain_ingest::{Diagnostics, Failed};
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
    /// Review a filled-in self-evaluation table (项目支出绩效自评表): recompute each
    /// row's score and check weights, totals and grade. Exit 0 when consistent, 1 when
    /// there are findings, 2 when the table cannot be read.
    Review {
        /// The table, tab-separated text pasted from a web page or Word
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
    },
}

fn print_diagnostics(d: &Diagnostics) {
    if !d.is_empty() {
        eprint!("{d}");
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
        Command::Review {
            table,
            json,
            rounding,
            grades,
        } => review(&table, json, &rounding, &grades),
        Command::Show { dir } => match attain_ingest::unitdir::load(&dir) {
            Ok(u) => {
                print_diagnostics(&u.diagnostics);
                print!("{}", attain_report::terminal::indicator_tree(&u.model));
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
        "imported {} indicators and {} budget lines of {} ({}) into {}",
        m.indicators.len(),
        m.budget.lines.len(),
        m.unit.name,
        m.unit.year,
        out.display()
    );
    print!("{}", attain_report::terminal::unit_summary(m));
    ExitCode::SUCCESS
}

fn check(dir: &Path) -> ExitCode {
    match attain_ingest::unitdir::load(dir) {
        Ok(u) => {
            print_diagnostics(&u.diagnostics);
            print!("{}", attain_report::terminal::unit_summary(&u.model));
            println!("{}: ok", dir.display());
            ExitCode::SUCCESS
        }
        Err(f) => fail(f),
    }
}

fn review(table: &Path, json: bool, rounding: &str, grades: &str) -> ExitCode {
    let read = match attain_ingest::selfeval::read_file(table) {
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
        print!("{}", attain_report::review::json(&r, ctx));
    } else {
        print!("{}", attain_report::review::text(&r, ctx));
    }
    if r.is_consistent() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
