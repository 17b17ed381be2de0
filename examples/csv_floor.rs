//! The floor of the portfolio benchmark (bench/portfolio.py): one bare pass of the csv
//! crate over the given files, touching every field, and nothing else. attain
//! portfolio reads the same files and does all its work besides; its time is compared
//! with this one.
//!
//!     cargo run --release --example csv_floor -- budget.csv actuals.csv
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut records = 0u64;
    let mut bytes = 0u64;
    for path in std::env::args().skip(1) {
        let mut rdr = match csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(1 << 20)
            .from_path(&path)
        {
            Ok(r) => r,
            Err(e) => {
                eprintln!("{path}: {e}");
                return ExitCode::from(1);
            }
        };
        let mut rec = csv::ByteRecord::new();
        loop {
            match rdr.read_byte_record(&mut rec) {
                Ok(true) => {
                    records += 1;
                    bytes += rec.iter().map(|f| f.len() as u64).sum::<u64>();
                }
                Ok(false) => break,
                Err(e) => {
                    eprintln!("{path}: {e}");
                    return ExitCode::from(1);
                }
            }
        }
    }
    println!("{records} records, {bytes} bytes of fields");
    ExitCode::SUCCESS
}
