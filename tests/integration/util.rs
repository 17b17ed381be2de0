//! Helpers for running the `attain` binary in tests.
#![allow(dead_code)] // Helpers shared by the test files; not every file uses every one.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file under tests/data.
pub fn data(rel: &str) -> PathBuf {
    root().join("tests/data").join(rel)
}

/// The seed unit's target table as bundled in data/.
pub fn seed_table() -> PathBuf {
    root().join("data/jiangsu-wb-office-2026/source/target-table.txt")
}

/// Run `attain` with `args`; returns (exit code, stdout, stderr).
pub fn attain(args: &[&str]) -> (i32, String, String) {
    let out: Output = Command::new(env!("CARGO_BIN_EXE_attain"))
        .args(args)
        .output()
        .expect("the attain binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `attain` with path arguments.
pub fn attain_p(args: &[&dyn AsRef<std::ffi::OsStr>]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_attain"))
        .args(args.iter().map(|a| a.as_ref()))
        .output()
        .expect("the attain binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A fresh temporary folder.
pub fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

/// Read a file as UTF-8.
pub fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}
