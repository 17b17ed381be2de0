//! Inputs that used to be dropped or misreported without a word: every sheet of an
//! actuals workbook, cells beyond the header, subfolders of actuals/, second
//! explanations and manual scores, counts that are not whole, workbooks given to
//! `import`, and the permissions of what attain writes.

use std::path::{Path, PathBuf};

use serde_json::Value as Json;

use crate::util::{attain_p, read, root, tmp};

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

/// Run `report` into a fresh folder; returns (code, stderr, progress.json if written).
fn report(dir: &Path, as_of: &str) -> (i32, String, Option<Json>) {
    let t = tmp();
    let out = t.path().join("r");
    let (code, _, stderr) = attain_p(&[&"report", &dir, &"--as-of", &as_of, &"--out", &out]);
    let json = out
        .join("progress.json")
        .exists()
        .then(|| serde_json::from_str(&read(&out.join("progress.json"))).unwrap());
    (code, stderr, json)
}

/// July and August of the example unit as CSV text.
fn july_august() -> (String, String) {
    (
        read(&unit().join("actuals/2026-07.csv")),
        read(&unit().join("actuals/2026-08.csv")),
    )
}

#[test]
fn every_sheet_of_an_actuals_workbook_is_read() {
    // July and August as two sheets of one workbook give the same August report as
    // the two CSV files: the second sheet is not dropped.
    let (t, dir) = unit_copy();
    let (jul, aug) = july_august();
    for m in ["07", "08"] {
        std::fs::remove_file(dir.join(format!("actuals/2026-{m}.csv"))).unwrap();
    }
    workbook(
        &dir.join("actuals/2026-07-08.xlsx"),
        &[("7月", Some(&jul)), ("8月", Some(&aug))],
    );
    let (code, err, j) = report(&dir, "2026-08");
    assert_eq!(code, 0, "{err}");
    let (_, _, expected) = report(&unit(), "2026-08");
    assert_eq!(j, expected);
    // The ledger lists the sheets with their rows.
    let (code, stdout, err) = attain_p(&[&"check", &dir]);
    assert_eq!(code, 0, "{err}");
    let rows = |csv: &str| csv.lines().skip(1).filter(|l| !l.is_empty()).count();
    for (sheet, text) in [("7月", &jul), ("8月", &aug)] {
        let label = format!("actuals/2026-07-08.xlsx[{sheet}]");
        assert!(
            stdout
                .lines()
                .any(|l| l.starts_with(&label)
                    && l.trim_end().ends_with(&format!(" {}", rows(text)))),
            "{label} with {} rows in:\n{stdout}",
            rows(text)
        );
    }
    // 10 CSV files and one workbook of two sheets: 11 files.
    assert!(
        stdout.contains("actuals    142 rows in 11 files (2 workbook sheets)"),
        "{stdout}"
    );
    drop(t);
}

#[test]
fn an_empty_first_sheet_is_skipped_and_a_notes_sheet_is_named() {
    let (_t, dir) = unit_copy();
    let (_, aug) = july_august();
    std::fs::remove_file(dir.join("actuals/2026-08.csv")).unwrap();
    let wb = dir.join("actuals/2026-08.xlsx");
    // An empty first sheet (as a new workbook has) before the data: read the data.
    workbook(&wb, &[("Sheet1", None), ("8月", Some(&aug))]);
    let (code, err, j) = report(&dir, "2026-08");
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("the file is empty"), "{err}");
    let (_, _, expected) = report(&unit(), "2026-08");
    assert_eq!(j, expected);
    // A sheet of notes is not a sheet of actuals: an error naming the sheet.
    workbook(
        &wb,
        &[
            ("说明", Some("本月支出说明\n办公设备款项9月支付\n")),
            ("8月", Some(&aug)),
        ],
    );
    let (code, err, j) = report(&dir, "2026-08");
    assert_eq!((code, j.is_none()), (1, true), "{err}");
    assert!(
        err.contains("error: sheet 说明 has no header of actuals: unknown column `本月支出说明`"),
        "{err}"
    );
    assert!(
        err.contains("actuals/2026-08.xlsx:1:1 (sheet 说明, cell A1)"),
        "{err}"
    );
    assert!(err.contains("every sheet with content is read"), "{err}");
}

#[test]
fn workbook_diagnostics_name_the_sheet_and_put_the_caret_under_the_cell() {
    let (_t, dir) = unit_copy();
    let (jul, _) = july_august();
    std::fs::remove_file(dir.join("actuals/2026-07.csv")).unwrap();
    workbook(
        &dir.join("actuals/2026.xlsx"),
        &[
            ("7月", Some(&jul)),
            ("8月", Some("月份,项目,数值\n2026-08,基本支出,四十\n")),
        ],
    );
    let (code, _, err) = attain_p(&[&"check", &dir]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("spending `四十` is not a number"), "{err}");
    // `2026-08⇥基本支出⇥四十`: the value starts at character 14, in cell C2 of 8月.
    assert!(
        err.contains("actuals/2026.xlsx:2:14 (value, sheet 8月, cell C2)"),
        "{err}"
    );
    // The caret is under 四十: 2026-08, a space, 基本支出 (8 columns), a space.
    assert!(
        err.contains(&format!(
            "2 | 2026-08 基本支出 四十\n  | {}^^^^\n",
            " ".repeat(17)
        )),
        "{err}"
    );
    // In Chinese: the message, the sheet and cell, the help.
    let (code, _, err) = attain_p(&[&"--lang", &"zh", &"check", &dir]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("错误：支出“四十”不是数字\n"), "{err}");
    assert!(
        err.contains("actuals/2026.xlsx:2:14 (value，工作表 8月，单元格 C2)"),
        "{err}"
    );
    assert!(
        err.contains("= 帮助：请以万元填写当月支出，只写数字，例如 48.20\n"),
        "{err}"
    );
    // check --json: the column and the place apart, the key beside the text.
    let (code, out, _) = attain_p(&[&"check", &dir, &"--json"]);
    assert_eq!(code, 1);
    let v: Json = serde_json::from_str(&out).unwrap();
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "actuals.spending_not_a_number")
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(d["column_name"], "value");
    assert_eq!(d["place"], "sheet 8月, cell C2");
    assert_eq!(d["message"], "spending `四十` is not a number");
}

#[test]
fn the_same_month_and_item_on_two_sheets_names_both_sheets() {
    let (_t, dir) = unit_copy();
    let (_, aug) = july_august();
    std::fs::remove_file(dir.join("actuals/2026-08.csv")).unwrap();
    // 8月 and a 补报 sheet that repeats 基本支出 for August.
    workbook(
        &dir.join("actuals/2026.xlsx"),
        &[
            ("8月", Some(&aug)),
            (
                "补报",
                Some("月份,项目,数值,备注\n2026-08,基本支出,1.00,补报\n"),
            ),
        ],
    );
    let (code, _, err) = attain_p(&[&"check", &dir]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("`基本支出` has a second figure for 2026-08"),
        "{err}"
    );
    assert!(
        err.contains("actuals/2026.xlsx:2:9 (item, sheet 补报, cell B2)"),
        "{err}"
    );
    assert!(
        err.contains("also: actuals/2026.xlsx[8月]:2 (first)"),
        "{err}"
    );
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
fn a_comma_in_free_text_is_an_error_not_a_shortened_note() {
    // actuals: the note 出访,会议 would have been cut to 出访.
    let (code, err) = with_file(
        "actuals/2026-07-late.csv",
        "月份,项目,数值,备注\n2026-07,出访团组个数,1,出访,会议\n",
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("error: this row has 5 cells but the header has 4: a comma inside the 备注?"),
        "{err}"
    );
    assert!(err.contains("actuals/2026-07-late.csv:2:21"), "{err}");
    assert!(
        err.contains("put the text in double quotes, or use the full-width ，"),
        "{err}"
    );
    // The same in every CSV file of the unit folder.
    let targets = read(&unit().join("targets.csv")).replacen(
        "\nDEC-01,决策,计划制定,,中长期规划制定健全性,健全,健全,1.67,grade",
        "\nDEC-01,决策,计划制定,,中长期规划制定健全性,健全,健全,1.67,grade,,含五年规划,年度计划",
        1,
    );
    let budget = read(&unit().join("budget.csv")).replacen(
        "基本支出,,290,592.56",
        "基本支出,,290,592.56,人员,公用",
        1,
    );
    for (file, content, at) in [
        ("targets.csv", targets.as_str(), "targets.csv:2:"),
        ("budget.csv", budget.as_str(), "budget.csv:2:18"),
        (
            "explanations.csv",
            "indicator,period,cause,likelihood,measures\n设备完好率,FY,硬件保障,不可能,更换,维修\n",
            "explanations.csv:2:22",
        ),
        (
            "adjustments.csv",
            "indicator,period,score,reason\n基础信息完善性,FY,0.30,补录未完成,按中段计分\n",
            "adjustments.csv:2:23",
        ),
        (
            "plan.csv",
            "month,line,amount\n2026-01,基本支出,49.38,按月均\n",
            "plan.csv:2:20",
        ),
    ] {
        let (code, err) = with_file(file, content);
        assert_eq!(code, 1, "{file}: {err}");
        assert!(err.contains("cells but the header has"), "{file}: {err}");
        assert!(err.contains(at), "{file} at {at}: {err}");
    }
    assert_eq!(
        budget.lines().nth(1),
        Some("基本支出,,290,592.56,人员,公用")
    );
}

#[test]
fn a_subfolder_of_actuals_is_skipped_with_a_note() {
    let (_t, dir) = unit_copy();
    std::fs::create_dir(dir.join("actuals/old")).unwrap();
    std::fs::copy(
        unit().join("actuals/2026-06.csv"),
        dir.join("actuals/old/2026-06.csv"),
    )
    .unwrap();
    let (code, stdout, err) = attain_p(&[&"check", &dir]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("note: skipped the folder actuals/old: files in subfolders are not read"),
        "{err}"
    );
    assert!(!err.contains("neither CSV nor an Excel workbook"), "{err}");
    assert!(
        stdout.contains("actuals    142 rows in 12 files"),
        "{stdout}"
    );
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
fn importing_an_old_xls_says_to_save_it_as_xlsx() {
    // An .xlsx table is imported (see cli.rs); an old .xls is named as such.
    let t = tmp();
    let p = t.path().join("table.xls");
    // An old .xls starts with the compound-document signature.
    std::fs::write(
        &p,
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0],
    )
    .unwrap();
    let out = t.path().join("unit");
    let (code, _, err) = attain_p(&[&"import", &p, &"--out", &out]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("this is an old Excel workbook (.xls); `attain import` reads .xlsx workbooks"),
        "{err}"
    );
    assert!(err.contains("另存为 → Excel 工作簿 (.xlsx)"), "{err}");
    assert!(!out.exists());
    // A workbook without a target table fails naming the sheet, not as a CSV.
    let p = t.path().join("table.xlsx");
    workbook(
        &p,
        &[("Sheet1", Some("一级指标,二级指标\n决策,计划制定\n"))],
    );
    let (code, _, err) = attain_p(&[&"import", &p, &"--out", &out]);
    assert_eq!(code, 1, "{err}");
    assert!(!err.contains("this is an Excel workbook"), "{err}");
    assert!(!out.exists());
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

/// Whole-point rounding with weights such as 1.67 and 0.42 cannot give whole-point
/// scores: `check` warns, naming the setting (the example's cents rounding does not).
#[test]
fn whole_point_rounding_with_fractional_weights_is_warned_about() {
    let t = tmp();
    let dir = t.path().join("u");
    copy_unit(&dir);
    let (code, _, err) = attain_p(&[&"check", &dir]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("rounding is \"whole\""), "{err}");
    let toml = read(&dir.join("unit.toml")).replace("rounding = \"cents\"", "rounding = \"whole\"");
    std::fs::write(dir.join("unit.toml"), toml).unwrap();
    let (code, _, err) = attain_p(&[&"check", &dir]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: settings.scoring.rounding is \"whole\" but 39 indicator(s) have weights that are not whole points (`中长期规划制定健全性` …)"),
        "{err}"
    );
}

/// An empty optional file is what an empty actuals file is: a warning naming the file,
/// read as no file; the report is the one without it.
#[test]
fn empty_optional_files_are_warnings_naming_the_file() {
    for file in [
        "explanations.csv",
        "adjustments.csv",
        "plan.csv",
        "summary.toml",
        "actuals/2026-12.csv",
    ] {
        let (_t, dir) = unit_copy();
        // Blank lines only: empty to a reader.
        std::fs::write(dir.join(file), "\n  \n").unwrap();
        let (code, _, err) = attain_p(&[&"check", &dir]);
        assert_eq!(code, 0, "{file}: {err}");
        let path = dir.join(file).display().to_string();
        assert!(
            err.contains(&format!("warning: the file is empty\n  --> {path}\n")),
            "{file}: {err}"
        );
        assert!(!err.contains("error:"), "{file}: {err}");
    }
}

/// A value written with a thousands separator is refused the same way in a workbook's
/// text cell, a quoted CSV field and an unquoted one (which the comma splits): an
/// error at the cell, with the figure to write. A real number cell that a format
/// shows with separators is a number.
#[test]
fn a_thousands_separator_in_a_text_cell_is_an_error_as_in_csv() {
    let (_t, dir) = unit_copy();
    let (jul, _) = july_august();
    let first = jul.lines().nth(1).unwrap().to_string();
    assert!(first.starts_with("2026-07,基本支出,"), "{first}");
    std::fs::remove_file(dir.join("actuals/2026-07.csv")).unwrap();
    let book = dir.join("actuals/2026-07.xlsx");

    // A text cell `1,046.30` (as typed with an apostrophe, or pasted as text).
    let text = jul.replacen(&first, "2026-07,基本支出,\"1,046.30\",", 1);
    workbook(&book, &[("7月", Some(&text))]);
    let (code, err, _) = report(&dir, "2026-07");
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("error: `1,046.30` is written with a thousands separator"),
        "{err}"
    );
    assert!(err.contains("(value, sheet 7月, cell C2)"), "{err}");
    assert!(
        err.contains("help: write 1046.30 without the separator"),
        "{err}"
    );

    // The same figure in a CSV file, quoted: the same error, at the field.
    std::fs::remove_file(&book).unwrap();
    std::fs::write(dir.join("actuals/2026-07.csv"), &text).unwrap();
    let (code, err, _) = report(&dir, "2026-07");
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("error: `1,046.30` is written with a thousands separator"),
        "{err}"
    );
    assert!(err.contains("actuals/2026-07.csv:2:"), "{err}");

    // A number cell with a thousands format is the number it holds: July as a
    // workbook of number cells formatted `#,##0.00` reads as the CSV file does.
    std::fs::remove_file(dir.join("actuals/2026-07.csv")).unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    fill_sheet(ws, &jul);
    let thousands = rust_xlsxwriter::Format::new().set_num_format("#,##0.00");
    let value: f64 = first.split(',').nth(2).unwrap().parse().unwrap();
    ws.write_number_with_format(1, 2, value, &thousands)
        .unwrap();
    wb.save(&book).unwrap();
    let (code, err, j) = report(&dir, "2026-07");
    assert_eq!(code, 0, "{err}");
    let (_, _, expected) = report(&unit(), "2026-07");
    assert_eq!(j, expected);
}

/// The model's and the settings' findings read in Chinese with `--lang zh`, help too.
#[test]
fn model_and_settings_findings_in_chinese() {
    let t = tmp();
    let dir = t.path().join("u");
    copy_unit(&dir);
    let toml = read(&dir.join("unit.toml"))
        .replace("rounding = \"cents\"", "rounding = \"whole\"")
        .replace("red_below = \"60\"", "red_below = \"-10\"");
    std::fs::write(dir.join("unit.toml"), toml).unwrap();
    let (code, _, err) = attain_p(&[&"check", &dir, &"--lang", &"zh"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("settings.scoring.rounding 为 \"whole\"，但有 39 个指标的分值不是整数（“中长期规划制定健全性”等）"),
        "{err}"
    );
    assert!(
        err.contains("settings.lights.red_below 为负数：-10"),
        "{err}"
    );
    assert!(
        err.contains("请填写零或正数：预期进度的百分比，例如 60"),
        "{err}"
    );
    let (_, _, err) = attain_p(&[&"check", &dir, &"--lang", &"en"]);
    assert!(
        err.contains("settings.lights.red_below is negative: -10"),
        "{err}"
    );
}

/// A rule and a target that cannot be read, in Chinese with `--lang zh`: the wrapper and
/// the reason both in the language, with the key in `check --json`.
#[test]
fn rule_and_target_errors_in_chinese() {
    let t = tmp();
    let dir = t.path().join("u");
    copy_unit(&dir);
    let csv = read(&dir.join("targets.csv"))
        .replace(
            "中长期规划制定健全性,健全,健全,1.67,grade,",
            "中长期规划制定健全性,健全,健全,1.67,grade,tier:edge",
        )
        .replace(
            "工作计划制定健全性,健全,健全",
            "工作计划制定健全性,健全,≥3个5",
        );
    std::fs::write(dir.join("targets.csv"), csv).unwrap();
    let (code, _, err) = attain_p(&[&"check", &dir, &"--lang", &"zh"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "评分规则有误：“edge”不是档次区间中的位置，请写 tier:top、tier:middle 或 tier:bottom"
        ),
        "{err}"
    );
    assert!(
        err.contains("指标值“≥3个5”有误：单位“个5”中有无法识别的“5”"),
        "{err}"
    );
    let (_, out, _) = attain_p(&[&"check", &dir, &"--json", &"--lang", &"en"]);
    let v: Json = serde_json::from_str(&out).expect("check --json");
    let text = v.to_string();
    assert!(text.contains("\"code\":\"rule.malformed\""), "{text}");
    assert!(
        text.contains("malformed rule: `edge` is not a place in a tier's band"),
        "{text}"
    );
}
