//! Inputs that used to be dropped or misreported without a word: every sheet of an
//! actuals workbook, cells beyond the header, subfolders of actuals/, second
//! explanations and manual scores, counts that are not whole, workbooks given to
//! `import`, and the permissions of what attain writes.

use std::path::{Path, PathBuf};

use crate::util::{attain_p, root, tmp};

fn unit() -> PathBuf {
    root().join("data/jiangsu-wb-office-2026")
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
