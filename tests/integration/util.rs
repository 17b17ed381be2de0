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

/// The `attain` binary, speaking English: the tests read its messages in English
/// unless they ask for Chinese with `--lang zh` (the flag beats the locale).
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_attain"));
    c.env("LC_ALL", "en_US.UTF-8");
    c
}

/// Run `attain` with `args`; returns (exit code, stdout, stderr).
pub fn attain(args: &[&str]) -> (i32, String, String) {
    let out: Output = bin().args(args).output().expect("the attain binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `attain` with path arguments.
pub fn attain_p(args: &[&dyn AsRef<std::ffi::OsStr>]) -> (i32, String, String) {
    let out = bin()
        .args(args.iter().map(|a| a.as_ref()))
        .output()
        .expect("the attain binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Whether this run is under CI, where a test that cannot run (no browser, no CJK
/// font) is a failure, not a skip. One rule for every test: the variable `CI` set to
/// anything but empty, `false` or `0`.
pub fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// A fresh temporary folder.
pub fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

/// Read a file as UTF-8.
pub fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// A published self-evaluation example under tests/data/examples.
pub fn example(name: &str) -> PathBuf {
    data(&format!("examples/{name}"))
}

/// Run `attain review <table> <extra…>`; returns (exit code, stdout, stderr).
pub fn review(table: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"review", &table];
    for e in extra {
        args.push(e);
    }
    attain_p(&args)
}

/// Run `attain review <table> --json <extra…>` and parse what it prints; returns the
/// exit code and the JSON.
pub fn review_json(table: &Path, extra: &[&str]) -> (i32, serde_json::Value) {
    let mut all = vec!["--json"];
    all.extend_from_slice(extra);
    let (code, out, err) = review(table, &all);
    let v = serde_json::from_str(&out)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{out}\nstderr:\n{err}"));
    (code, v)
}

/// The findings of a review as (row, kind, published, expected) strings.
pub fn findings(v: &serde_json::Value) -> Vec<(u64, String, String, String)> {
    let s = |x: &serde_json::Value| x.as_str().unwrap_or("null").to_string();
    v["findings"]
        .as_array()
        .expect("findings is an array")
        .iter()
        .map(|f| {
            (
                f["row"].as_u64().expect("row is a number"),
                s(&f["kind"]),
                s(&f["published"]),
                s(&f["expected"]),
            )
        })
        .collect()
}
