//! Inputs that used to be dropped or misreported without a word: every sheet of an
//! actuals workbook, cells beyond the header, subfolders of actuals/, second
//! explanations and manual scores, counts that are not whole, workbooks given to
//! `import`, and the permissions of what attain writes.

use std::path::{Path, PathBuf};

use crate::util::{attain_p, root, tmp};

fn unit() -> PathBuf {
    root().join("data/jiangsu-wb-office-2026")
}

#[cfg(unix)]
#[test]
fn reports_are_readable_by_others_on_a_shared_drive() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let t = tmp();
    // A new folder…
    let out = t.path().join("r");
    let (code, _, err) = attain_p(&[
        &"report",
        &unit(),
        &"--as-of",
        &"2026-06",
        &"--out",
        &out,
        &"--format",
        &"md",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(mode(&out), 0o755);
    assert_eq!(mode(&out.join("progress.md")), 0o644);
    // …and an existing one.
    let (code, _, err) = attain_p(&[
        &"report",
        &unit(),
        &"--as-of",
        &"2026-06",
        &"--out",
        &out,
        &"--format",
        &"json",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(mode(&out.join("progress.json")), 0o644);
}
