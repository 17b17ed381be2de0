//! Inputs that used to be dropped or misreported without a word: every sheet of an
//! actuals workbook, cells beyond the header, subfolders of actuals/, second
//! explanations and manual scores, counts that are not whole, workbooks given to
//! `import`, and the permissions of what attain writes.

use std::path::{Path, PathBuf};

use crate::util::{attain_p, root, tmp};

fn unit() -> PathBuf {
    root().join("data/jiangsu-wb-office-2026")
}

/// Copy the example unit (with its actuals and evaluator files) into `to`.
fn copy_unit(to: &Path) {
    let from = unit();
    std::fs::create_dir_all(to.join("actuals")).unwrap();
    for f in [
        "unit.toml",
        "targets.csv",
        "budget.csv",
        "explanations.csv",
        "adjustments.csv",
    ] {
        std::fs::copy(from.join(f), to.join(f)).unwrap();
    }
    for e in std::fs::read_dir(from.join("actuals")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, to.join("actuals").join(p.file_name().unwrap())).unwrap();
    }
}

/// A copy of the example unit in a temporary folder: (the guard, the unit folder).
fn unit_copy() -> (tempfile::TempDir, PathBuf) {
    let t = tmp();
    let dir = t.path().join("unit");
    copy_unit(&dir);
    (t, dir)
}

/// Write CSV text into a worksheet as a user would have it: numbers as numbers, the
/// rest as text.
fn fill_sheet(ws: &mut rust_xlsxwriter::Worksheet, csv_text: &str) {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    for (r, rec) in rdr.records().enumerate() {
        for (c, cell) in rec.unwrap().iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            if r > 0 && cell.parse::<rust_decimal::Decimal>().is_ok() {
                ws.write_number(r, c, cell.parse::<f64>().unwrap()).unwrap();
            } else if !cell.is_empty() {
                ws.write_string(r, c, cell).unwrap();
            }
        }
    }
}

/// Save a workbook with the named sheets (CSV text each; `None` for an empty sheet).
fn workbook(path: &Path, sheets: &[(&str, Option<&str>)]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, content) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        if let Some(c) = content {
            fill_sheet(ws, c);
        }
    }
    wb.save(path).unwrap();
}

/// Replace `file` in a copy of the example unit and run a year-end report; returns
/// (code, stderr).
fn with_file(file: &str, content: &str) -> (i32, String) {
    let (_t, dir) = unit_copy();
    std::fs::write(dir.join(file), content).unwrap();
    let out = dir.join("../out");
    let (code, _, stderr) = attain_p(&[
        &"report", &dir, &"--as-of", &"2026-12", &"--kind", &"yearend", &"--out", &out,
    ]);
    assert!(code == 0 || !out.exists(), "nothing written on errors");
    (code, stderr)
}

#[test]
fn a_second_explanation_or_manual_score_is_an_error_naming_both_lines() {
    let (code, err) = with_file(
        "explanations.csv",
        "indicator,period,cause,likelihood,measures\n\
         设备完好率,FY,硬件保障,有可能,更换老旧设备\n\
         结转结余率,FY,其他,确定能,年末核算\n\
         DUT-09,FY,经费保障,不可能,无\n",
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("a second explanation for `设备完好率` in FY (the first is on line 2)"),
        "{err}"
    );
    assert!(
        err.contains("explanations.csv:4:1 (indicator)")
            && err.contains("also: explanations.csv:2 (first)"),
        "{err}"
    );
    let (code, err) = with_file(
        "adjustments.csv",
        "indicator,period,score,reason\n\
         基础信息完善性,FY,0.30,补录未完成\n\
         基础信息完善性,FY,0.25,复核后下调\n",
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("a second manual score for `基础信息完善性` in FY (the first is on line 2)"),
        "{err}"
    );
    assert!(
        err.contains("adjustments.csv:3:1 (indicator)")
            && err.contains("also: adjustments.csv:2 (first)"),
        "{err}"
    );
}

#[test]
fn a_count_that_is_not_whole_gets_a_warning() {
    let (_t, dir) = unit_copy();
    std::fs::write(
        dir.join("actuals/2026-07-late.csv"),
        "month,item,value,note\n2026-07,出访团组个数,1.5,\n2026-08,设备采购数量,2.0,\n",
    )
    .unwrap();
    let (code, _, err) = attain_p(&[&"check", &dir]);
    assert_eq!(code, 0, "a warning, not an error: {err}");
    assert!(
        err.contains(
            "warning: the count `1.5` for `出访团组个数` is not a whole number (its unit is 个)"
        ),
        "{err}"
    );
    assert!(
        err.contains("actuals/2026-07-late.csv:2:16 (value)"),
        "{err}"
    );
    // 2.0 台/辆 is whole; spending in 万元 and rates are not counts.
    assert!(!err.contains("`2.0`"), "{err}");
    assert!(
        !err.contains("not a whole number (its unit is 万元"),
        "{err}"
    );
}

#[test]
fn importing_a_workbook_says_to_save_it_as_csv() {
    let t = tmp();
    for (name, bytes) in [
        ("table.xlsx", None),
        // An old .xls starts with the compound-document signature.
        (
            "table.xls",
            Some(vec![
                0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0,
            ]),
        ),
    ] {
        let p = t.path().join(name);
        match bytes {
            Some(b) => std::fs::write(&p, b).unwrap(),
            None => workbook(
                &p,
                &[("Sheet1", Some("一级指标,二级指标\n决策,计划制定\n"))],
            ),
        }
        let out = t.path().join("unit");
        let (code, _, err) = attain_p(&[&"import", &p, &"--out", &out]);
        assert_eq!(code, 1, "{err}");
        assert!(
            err.contains("this is an Excel workbook; `attain import` reads a table pasted as text or saved as CSV"),
            "{err}"
        );
        assert!(err.contains("in Excel use 另存为 → CSV (UTF-8)"), "{err}");
        assert!(!err.contains("must keep its .xlsx name"), "{err}");
        assert!(!out.exists());
    }
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
