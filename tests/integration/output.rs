//! Report folders are whole or absent: a failed write leaves the previous report as it
//! was, runs of one kind replace only their own files, and a value one format cannot
//! hold is cut there with a mark instead of failing the report.

use std::path::{Path, PathBuf};

use crate::util::{attain_p, root, tmp};

fn unit() -> PathBuf {
    root().join("data/jiangsu-wb-office-2026")
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    names(dir)
        .into_iter()
        .map(|n| {
            let bytes = std::fs::read(dir.join(&n)).unwrap();
            (n, bytes)
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn a_full_disk_fails_clearly_and_leaves_the_previous_report() {
    let t = tmp();
    let out = t.path().join("2026-06");
    let (code, _, err) = attain_p(&[&"report", &unit(), &"--as-of", &"2026-06", &"--out", &out]);
    assert_eq!(code, 0, "{err}");
    let before = contents(&out);
    // A file size limit of 8 KiB stands for a full disk: writing the HTML page fails
    // with "File too large" (the signal that would kill the process is ignored, as
    // a full disk sends none).
    let status = std::process::Command::new("bash")
        .env("LC_ALL", "en_US.UTF-8")
        .arg("-c")
        .arg(r#"trap '' XFSZ; ulimit -f 8; exec "$0" "$@""#)
        .arg(env!("CARGO_BIN_EXE_attain"))
        .args(["report"])
        .arg(unit())
        .args(["--as-of", "2026-07", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&status.stderr);
    assert_eq!(status.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error: cannot write the report: File too large"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the previous report, if any, is unchanged"),
        "{stderr}"
    );
    assert_eq!(contents(&out), before, "the June report is as it was");
    assert_eq!(names(t.path()), ["2026-06"], "no temporary folder is left");
}

#[test]
fn a_midyear_run_keeps_the_progress_report_and_a_new_format_list_drops_stale_files() {
    let t = tmp();
    let out = t.path().join("r");
    let u = unit();
    let run = |extra: &[&str]| {
        let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> =
            vec![&"report", &u, &"--as-of", &"2026-06", &"--out", &out];
        for e in extra {
            args.push(e);
        }
        let (code, _, err) = attain_p(&args);
        assert_eq!(code, 0, "{err}");
    };
    run(&["--format", "md,xlsx,svg"]);
    run(&["--kind", "midyear", "--format", "md"]);
    let n = names(&out);
    for f in [
        "progress.md",
        "progress.xlsx",
        "execution.svg",
        "midyear.md",
    ] {
        assert!(n.contains(&f.to_string()), "{f} in {n:?}");
    }
    // Progress again without the workbook: the old workbook goes, the mid-year and
    // the charts stay (this run drew none).
    run(&["--format", "md"]);
    let n = names(&out);
    assert!(!n.contains(&"progress.xlsx".to_string()), "{n:?}");
    for f in ["progress.md", "execution.svg", "midyear.md"] {
        assert!(n.contains(&f.to_string()), "{f} in {n:?}");
    }
}

#[test]
fn a_note_longer_than_an_excel_cell_is_cut_in_the_workbook_only() {
    use calamine::{Data, Reader};
    let t = tmp();
    let u = t.path().join("unit");
    crate::bad::copy_unit(&unit(), &u);
    let note = "说明".repeat(20_000); // 40 000 characters
    let p = u.join("actuals/2026-06.csv");
    let mut text = std::fs::read_to_string(&p).unwrap();
    text.push_str(&format!("2026-06,服务外资企业场次,1,{note}\n"));
    std::fs::write(&p, text).unwrap();
    let out = t.path().join("r");
    let (code, _, err) = attain_p(&[
        &"report",
        &u,
        &"--as-of",
        &"2026-06",
        &"--format",
        &"md,xlsx",
        &"--out",
        &out,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read_to_string(out.join("progress.md"))
        .unwrap()
        .contains(&note));
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(out.join("progress.xlsx")).unwrap();
    let mut found = None;
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        for c in range.used_cells() {
            if let Data::String(s) = c.2 {
                // The note stands in the notes list after its item and month.
                if s.contains("说明说明") {
                    found = Some(s.clone());
                }
            }
        }
    }
    let cell = found.expect("the note is in the workbook");
    assert!(cell.chars().count() <= 32_767, "{}", cell.chars().count());
    assert!(
        // The list item is the note after its item and month: a little over 40 000.
        cell.contains(" characters shown; the full text is in the md/json/csv/html report〕")
            && cell.contains(" of 400"),
        "{}",
        cell.chars().rev().take(100).collect::<String>()
    );
}

#[test]
fn a_file_of_many_bad_rows_prints_ten_of_a_kind_and_a_count() {
    let t = tmp();
    let u = t.path().join("unit");
    crate::bad::copy_unit(&unit(), &u);
    let mut text = String::from("月份,项目,数值,备注\n");
    for i in 0..5000 {
        text.push_str(&format!("2026-07,未知项目{i},1,\n"));
    }
    std::fs::write(u.join("actuals/2026-07.csv"), text).unwrap();
    let (code, _, err) = attain_p(&[&"check", &u]);
    assert_eq!(code, 1);
    assert_eq!(err.matches("error: unknown item `").count(), 10, "{err}");
    assert!(
        err.contains("error: 4990 more error(s) of this kind in "),
        "{err}"
    );
    // The example's own warnings are the three cross-checks of reported rates.
    assert!(err.ends_with("5000 error(s), 3 warning(s)\n"), "{err}");
}

#[test]
fn two_runs_at_once_into_one_folder_leave_one_whole_report() {
    let t = tmp();
    let out = t.path().join("r");
    let start = |month: &str| {
        crate::util::bin()
            .arg("report")
            .arg(unit())
            .args(["--as-of", month, "--out"])
            .arg(&out)
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    for _ in 0..3 {
        let (mut a, mut b) = (start("2026-06"), start("2026-07"));
        assert!(a.wait().unwrap().success());
        assert!(b.wait().unwrap().success());
        // Whichever run came last, its Markdown and its JSON are of the same month.
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("progress.json")).unwrap())
                .unwrap();
        let month = json["as_of"].as_str().unwrap().to_string();
        let md = std::fs::read_to_string(out.join("progress.md")).unwrap();
        let title = md.lines().next().unwrap();
        let n = if month == "2026-06" { 6 } else { 7 };
        assert!(
            title.contains(&format!("（截至 {n} 月）")),
            "{month}: {title}"
        );
        assert_eq!(names(t.path()), ["r"], "no temporary folder is left");
    }
}
