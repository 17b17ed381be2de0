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
