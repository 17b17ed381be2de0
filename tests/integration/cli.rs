//! Command-line conventions: closed pipes, `-` for standard input and output,
//! `--json` on check and show, `--color`, `--quiet`/`--verbose`, completions and the
//! manual page; the month's entry workbook (`template`) and the target table from
//! an .xlsx workbook.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use calamine::{Data, Reader};

use crate::util::*;

fn unit() -> PathBuf {
    root().join("data/jiangsu-wb-office-2026")
}

/// Run attain with `input` on standard input; returns (code, stdout bytes, stderr).
fn attain_stdin(
    args: &[&dyn AsRef<std::ffi::OsStr>],
    input: &[u8],
    cwd: &Path,
) -> (i32, Vec<u8>, String) {
    let mut child = bin()
        .args(args.iter().map(|a| a.as_ref()))
        .current_dir(cwd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Copy the example unit with its actuals up to and including `last` (a month
/// number).
fn unit_until(to: &Path, last: u8) {
    std::fs::create_dir_all(to.join("actuals")).unwrap();
    for f in ["unit.toml", "targets.csv", "budget.csv"] {
        std::fs::copy(unit().join(f), to.join(f)).unwrap();
    }
    for m in 1..=last {
        let name = format!("2026-{m:02}.csv");
        std::fs::copy(
            unit().join("actuals").join(&name),
            to.join("actuals").join(&name),
        )
        .unwrap();
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let t = tmp();
    for args in [
        vec!["show".to_string(), unit().display().to_string()],
        vec!["check".to_string(), unit().display().to_string()],
        vec![
            "import".to_string(),
            seed_table().display().to_string(),
            "--out".to_string(),
            t.path().join("u").display().to_string(),
        ],
        vec!["man".to_string()],
        vec!["completions".to_string(), "bash".to_string()],
    ] {
        // The reader is gone before attain writes a byte (as in `attain … | true`).
        let mut child = bin()
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        let code = out.status.code();
        #[cfg(unix)]
        let code = code.or_else(|| {
            use std::os::unix::process::ExitStatusExt;
            out.status.signal().map(|s| 128 + s)
        });
        assert!(
            matches!(code, Some(0) | Some(141)),
            "{args:?}: {code:?} {err}"
        );
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    // The import still wrote its folder.
    assert!(t.path().join("u/targets.csv").exists());
}

#[test]
fn import_and_review_read_standard_input() {
    let t = tmp();
    let table = std::fs::read(seed_table()).unwrap();
    let (code, out, err) = attain_stdin(&[&"import", &"-", &"--out", &"piped"], &table, t.path());
    assert_eq!(code, 0, "{err}");
    assert!(String::from_utf8_lossy(&out).contains("imported 45 indicators"));
    for f in ["unit.toml", "targets.csv", "budget.csv"] {
        assert_eq!(
            read(&t.path().join("piped").join(f)),
            read(&unit().join(f)),
            "{f}"
        );
    }
    // Diagnostics name standard input.
    let (code, _, err) = attain_stdin(
        &[&"import", &"-", &"--out", &"bad"],
        "单位名称\tx\n".as_bytes(),
        t.path(),
    );
    assert_eq!(code, 1);
    assert!(err.contains("<stdin>"), "{err}");

    let example = example("tianchang-2022-flood-selfeval.txt");
    let (code_file, from_file) = review_json(&example, &[]);
    let (code, out, err) = attain_stdin(
        &[&"review", &"-", &"--json"],
        &std::fs::read(&example).unwrap(),
        t.path(),
    );
    assert_eq!(code, code_file, "{err}");
    let mut v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["table"], "<stdin>");
    v["table"] = from_file["table"].clone();
    assert_eq!(v, from_file);
}

#[test]
fn out_dash_streams_one_report_file_or_refuses() {
    let t = tmp();
    let (code, md, err) = attain_stdin(
        &[
            &"report",
            &unit(),
            &"--as-of",
            &"2026-06",
            &"--format",
            &"md",
            &"--out",
            &"-",
        ],
        b"",
        t.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        String::from_utf8(md).unwrap(),
        read(&root().join("reports/jiangsu-wb-office-2026/2026-06/progress.md"))
    );
    // A workbook goes out as its bytes, the same as written to a folder.
    let (code, xlsx, err) = attain_stdin(
        &[
            &"report",
            &unit(),
            &"--as-of",
            &"2026-06",
            &"--format",
            &"xlsx",
            &"--out",
            &"-",
        ],
        b"",
        t.path(),
    );
    assert_eq!(code, 0, "{err}");
    let folder = t.path().join("r");
    let (code, _, err) = attain_p(&[
        &"report",
        &unit(),
        &"--as-of",
        &"2026-06",
        &"--format",
        &"xlsx",
        &"--out",
        &folder,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(xlsx.starts_with(b"PK\x03\x04"));
    assert_eq!(xlsx, std::fs::read(folder.join("progress.xlsx")).unwrap());
    // So does the entry workbook.
    let (code, book, err) = attain_stdin(
        &[&"template", &unit(), &"--month", &"2026-07", &"--out", &"-"],
        b"",
        t.path(),
    );
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = attain_stdin(
        &[&"template", &unit(), &"--month", &"2026-07"],
        b"",
        t.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(book, std::fs::read(t.path().join("2026-07.xlsx")).unwrap());
    // Several files (the default formats, the SVG charts) are refused, and no folder
    // named `-` appears.
    for formats in ["md,json,csv,html,svg", "svg", "md,json"] {
        let (code, out, err) = attain_stdin(
            &[
                &"report",
                &unit(),
                &"--as-of",
                &"2026-06",
                &"--format",
                &formats,
                &"--out",
                &"-",
            ],
            b"",
            t.path(),
        );
        assert_eq!(code, 1, "{formats}: {err}");
        assert!(out.is_empty());
        assert!(
            err.contains("`--out -` writes one file to standard output"),
            "{err}"
        );
        assert!(!t.path().join("-").exists());
    }
    let (code, _, err) = attain_stdin(&[&"import", &seed_table(), &"--out", &"-"], b"", t.path());
    assert_eq!(code, 1);
    assert!(err.contains("`--out -` cannot hold a unit folder"), "{err}");
    assert!(!t.path().join("-").exists());
}

#[test]
fn check_json_has_the_summary_and_the_ledger() {
    let (code, out, err) = attain_p(&[&"check", &unit(), &"--json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["ok"], true);
    // The example's only findings are the cross-checks of reported rates against the
    // ledger (warnings at the reported rows), never an error.
    let diags = v["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 3, "{diags:?}");
    for d in diags {
        assert_eq!(d["severity"], "warning", "{d}");
        assert!(
            d["message"].as_str().unwrap().contains("is reported as"),
            "{d}"
        );
        assert!(d["file"].as_str().unwrap().contains("actuals/2026-"), "{d}");
    }
    let s = &v["summary"];
    assert_eq!(s["unit"], "江苏省环境保护利用世界银行贷款项目办公室");
    assert_eq!(s["year"], 2026);
    assert_eq!(s["indicators"], 45);
    assert_eq!(
        s["blocks"][0],
        serde_json::json!({"name": "决策", "indicators": 6, "weight": "10"})
    );
    assert_eq!(s["weights_total"], "100");
    assert_eq!(s["budget"]["full_year"], "735.55");
    assert_eq!(s["budget"]["half_year_plan"], "338.99");
    assert_eq!(s["income"]["total"], "735.55");
    let a = &v["actuals"];
    assert_eq!(a["files"].as_array().unwrap().len(), 12);
    assert_eq!(
        a["files"][6],
        serde_json::json!({"file": "actuals/2026-07.csv", "rows": 6})
    );
    assert_eq!(
        a["months"][6],
        serde_json::json!({"month": "2026-07", "rows": 6})
    );
    let basic = a["spending"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["line"] == "基本支出")
        .unwrap();
    assert_eq!(basic["months"]["2026-07"], "48.20");
    assert_eq!(basic["budget"], "592.56");

    // A folder with an error still prints JSON, with the error located.
    let t = tmp();
    unit_until(t.path(), 7);
    std::fs::write(
        t.path().join("actuals/2026-08.csv"),
        "月份,项目,数值\n2026-08,基本支出,四十\n",
    )
    .unwrap();
    let (code, out, _) = attain_p(&[&"check", &t.path(), &"--json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["ok"], false);
    assert_eq!(v["summary"], serde_json::Value::Null);
    let d = &v["diagnostics"][0];
    assert_eq!(d["severity"], "error");
    assert!(
        d["file"].as_str().unwrap().ends_with("actuals/2026-08.csv"),
        "{d}"
    );
    assert_eq!(d["line"], 2);
    assert_eq!(d["column_name"], "value");
    assert!(d["message"].as_str().unwrap().contains("四十"), "{d}");
}

#[test]
fn show_json_has_the_tree() {
    let (code, out, err) = attain_p(&[&"show", &unit(), &"--json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["year"], 2026);
    assert_eq!(v["weights_total"], "100");
    let inds = v["indicators"].as_array().unwrap();
    assert_eq!(inds.len(), 45);
    assert_eq!(
        inds[0],
        serde_json::json!({
            "id": "DEC-01", "level1": "决策", "level2": "计划制定", "key_work": null,
            "name": "中长期规划制定健全性", "h1_target": "健全", "fy_target": "健全",
            "weight": "1.67", "measure": "grade"
        })
    );
    let exec = inds.iter().find(|i| i["name"] == "预算执行率").unwrap();
    assert_eq!(
        (&exec["h1_target"], &exec["fy_target"]),
        (&"=46%".into(), &"=100%".into())
    );
    let budget = v["budget"].as_array().unwrap();
    assert_eq!(budget.len(), 4);
    let office = budget.iter().find(|l| l["name"] == "办公设备购置").unwrap();
    assert_eq!(office["parent"], "项目支出");
    assert_eq!(office["depth"], 1);
    assert_eq!(office["budget"], "26.99");
}

#[test]
fn show_aligns_names_with_emoji() {
    let t = tmp();
    unit_until(t.path(), 0);
    let targets = read(&t.path().join("targets.csv")).replace("接待外宾人次", "接待外宾人次🌏");
    std::fs::write(t.path().join("targets.csv"), targets).unwrap();
    let (code, out, err) = attain_p(&[&"show", &t.path()]);
    assert_eq!(code, 0, "{err}");
    // The column after the name (半年) starts at the same terminal column in every row.
    let col_of = |line: &str, needle: &str| {
        let at = line.find(needle).unwrap();
        attain_core::fmt::display_width(&line[..at])
    };
    let header = out.lines().next().unwrap();
    let emoji_row = out.lines().find(|l| l.contains('🌏')).unwrap();
    let plain_row = out.lines().find(|l| l.contains("出访团组个数")).unwrap();
    let target_col = col_of(header, "half-year");
    assert_eq!(col_of(emoji_row, "≥"), target_col, "{emoji_row}");
    assert_eq!(col_of(plain_row, "≥"), target_col, "{plain_row}");
}

#[test]
fn color_follows_the_flag_and_severities_are_coloured() {
    let t = tmp();
    let missing = t.path().join("none");
    let (code, _, err) = attain_p(&[&"--color", &"always", &"check", &missing]);
    assert_eq!(code, 1);
    assert!(
        err.contains("\u{1b}[1m\u{1b}[31merror:\u{1b}[0m"),
        "{err:?}"
    );
    // The environment the tests run in may have its own colour settings.
    let run_env = |args: &[&str], vars: &[(&str, &str)]| {
        let out = bin()
            .args(args)
            .arg("check")
            .arg(&missing)
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("CLICOLOR")
            .envs(vars.iter().copied())
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    for args in [&["--color", "never"][..], &[]] {
        // `auto` (the default) writes no colour into a pipe.
        let err = run_env(args, &[]);
        assert!(err.starts_with("error: "), "{err:?}");
        assert!(!err.contains('\u{1b}'), "{err:?}");
    }
    // `auto` honours NO_COLOR over CLICOLOR_FORCE (which stands in for a terminal).
    let forced = run_env(&[], &[("CLICOLOR_FORCE", "1")]);
    assert!(forced.contains("\u{1b}[31m"), "{forced:?}");
    let no_color = run_env(&[], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]);
    assert!(!no_color.contains('\u{1b}'), "{no_color:?}");
    // clap's own errors follow the flag too.
    let (code, _, err) = attain(&["--color=always", "report"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("\u{1b}[1m\u{1b}[31merror:\u{1b}[0m"),
        "{err:?}"
    );
    let (_, _, err) = attain(&["--color", "never", "report"]);
    assert!(!err.contains('\u{1b}'), "{err:?}");
    // Lights in the report summary, in colour on request.
    let out = t.path().join("r");
    let (_, stdout, _) = attain_p(&[
        &"--color",
        &"always",
        &"report",
        &unit(),
        &"--as-of",
        &"2026-06",
        &"--format",
        &"md",
        &"--out",
        &out,
    ]);
    assert!(
        stdout.contains("\u{1b}[1m\u{1b}[31m■ red\u{1b}[0m"),
        "{stdout:?}"
    );
    let (_, stdout, _) = attain_p(&[
        &"report",
        &unit(),
        &"--as-of",
        &"2026-06",
        &"--format",
        &"md",
        &"--out",
        &out,
    ]);
    assert!(
        stdout.contains("Overall: ■ red.") && !stdout.contains('\u{1b}'),
        "{stdout:?}"
    );
}

#[test]
fn quiet_and_verbose() {
    let t = tmp();
    let out = t.path().join("r");
    // As of July with actuals to June: a warning.
    let dir = t.path().join("u");
    unit_until(&dir, 6);
    let args = |flag: &'static str| -> Vec<Box<dyn AsRef<std::ffi::OsStr>>> {
        vec![
            Box::new(flag),
            Box::new("report"),
            Box::new(dir.clone()),
            Box::new("--as-of"),
            Box::new("2026-07"),
            Box::new("--format"),
            Box::new("md"),
            Box::new("--out"),
            Box::new(out.clone()),
        ]
    };
    let run = |flag| {
        let a = args(flag);
        let refs: Vec<&dyn AsRef<std::ffi::OsStr>> = a.iter().map(|b| b.as_ref() as _).collect();
        attain_p(&refs)
    };
    let (code, stdout, stderr) = run("--quiet");
    assert_eq!(code, 0);
    assert_eq!((stdout.as_str(), stderr.as_str()), ("", ""));
    assert!(out.join("progress.md").exists());
    let (code, stdout, stderr) = run("--verbose");
    assert_eq!(code, 0);
    assert!(
        stderr.contains("warning: incomplete data: no actuals for 2026-07"),
        "{stderr}"
    );
    let md_len = std::fs::metadata(out.join("progress.md")).unwrap().len();
    assert!(
        stderr.contains(&format!("progress.md ({md_len} bytes)")),
        "{stderr}"
    );
    assert!(stdout.contains("wrote progress.md to"), "{stdout}");
    // Errors stay with --quiet.
    let (code, _, stderr) = attain_p(&[&"-q", &"check", &t.path().join("none")]);
    assert_eq!(code, 1);
    assert!(stderr.starts_with("error: "), "{stderr}");
}

#[test]
fn completions_and_man_page() {
    let (code, out, _) = attain(&["completions", "bash"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("_attain()") && out.contains("template"),
        "{out}"
    );
    let (code, out, _) = attain(&["completions", "powershell"]);
    assert_eq!(code, 0);
    assert!(out.contains("Register-ArgumentCompleter"));
    let (code, out, _) = attain(&["man"]);
    assert_eq!(code, 0);
    assert!(out.contains(".TH attain 1"), "{out}");
    assert!(
        out.contains("completions") && out.contains("\\-\\-color"),
        "{out}"
    );
}

/// The cells of the first sheet of a workbook as text, row by row.
fn sheet_cells(path: &Path) -> Vec<Vec<String>> {
    let mut wb = calamine::open_workbook_auto(path).unwrap();
    let name = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&name).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_entry_workbook_reads_back_as_its_csv_twin() {
    let t = tmp();
    let dir = t.path().join("u");
    unit_until(&dir, 6);
    let book = t.path().join("2026-07.xlsx");
    let (code, stdout, err) =
        attain_p(&[&"template", &dir, &"--month", &"2026-07", &"--out", &book]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("fill in 数值"), "{stdout}");
    assert!(!err.contains("already has"), "{err}");
    // Warns when the month is in actuals/ already.
    let (code, _, err) = attain_p(&[
        &"template",
        &dir,
        &"--month",
        &"2026-06",
        &"--out",
        &t.path().join("06.xlsx"),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: actuals/ already has 41 figures for 2026-06"),
        "{err}"
    );
    // Refuses to overwrite without --force.
    let (code, _, err) = attain_p(&[&"template", &dir, &"--month", &"2026-07", &"--out", &book]);
    assert_eq!(code, 1);
    assert!(err.contains("the workbook exists already"), "{err}");

    let cells = sheet_cells(&book);
    assert_eq!(cells[0], ["月份", "项目", "单位", "上月", "数值", "备注"]);
    // Leaf lines first, with June's figures beside; then every indicator but the
    // execution rate.
    // (上月 holds numbers: calamine prints 52.60 万元 as 52.6, 45.3 % as 0.453.)
    assert_eq!(cells[1][..4], ["2026-07", "基本支出", "万元", "52.6"]);
    assert_eq!(cells.len(), 1 + 3 + 44);
    assert!(!cells.iter().any(|r| r[1] == "预算执行率"));
    let row = |name: &str| cells.iter().find(|r| r[1] == name).unwrap().clone();
    assert_eq!(row("设备交付率")[2..4], ["%", "1"]);
    assert_eq!(row("“三公经费”变动率")[3], "-0.05");
    assert_eq!(row("公用经费控制率")[3], "0.453");
    assert_eq!(row("基础信息完善性")[3], "基本完善");
    assert_eq!(row("出访团组个数")[2], "个");
    assert_eq!(row("中长期规划制定健全性")[2], "等级");
    // Value and note cells are empty to fill; the sheet is protected, with data
    // validation on the value column.
    assert!(cells
        .iter()
        .skip(1)
        .all(|r| r[4].is_empty() && r[5].is_empty()));
    let xml = {
        let f = std::fs::File::open(&book).unwrap();
        let mut z = zip::ZipArchive::new(f).unwrap();
        let mut s = String::new();
        std::io::Read::read_to_string(&mut z.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut s)
            .unwrap();
        s
    };
    assert!(xml.contains("<sheetProtection"), "protected");
    assert!(xml.contains("<dataValidations count=\"47\""), "{xml}");
    assert!(
        xml.contains("\"健全,基本健全,不健全,达成,部分达成,未达成\""),
        "grade list"
    );

    // Fill it as a user would: the figures of actuals/2026-07.csv typed in Excel
    // (numbers as numbers, 100% as a percentage), the rest left blank.
    let twin = read(&unit().join("actuals/2026-07.csv"));
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("2026-07").unwrap();
    let pct = rust_xlsxwriter::Format::new().set_num_format("0%");
    for (r, row) in cells.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, text).unwrap();
        }
        let Some(line) = twin
            .lines()
            .skip(1)
            .find(|l| l.split(',').nth(1) == Some(&row[1]))
        else {
            continue;
        };
        let value = line.split(',').nth(2).unwrap();
        match value.strip_suffix('%') {
            Some(p) => ws
                .write_number_with_format(r as u32, 4, p.parse::<f64>().unwrap() / 100.0, &pct)
                .unwrap(),
            None => ws
                .write_number(r as u32, 4, value.parse::<f64>().unwrap())
                .unwrap(),
        };
    }
    let from_book = t.path().join("b");
    unit_until(&from_book, 6);
    wb.save(from_book.join("actuals/2026-07.xlsx")).unwrap();
    let from_csv = t.path().join("c");
    unit_until(&from_csv, 7);

    let (code, _, err) = attain_p(&[&"check", &from_book]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("note: 41 of 47 rows have no value and count as not reported"),
        "{err}"
    );
    let report = |dir: &Path| {
        let (code, out, err) = attain_p(&[
            &"report",
            &dir,
            &"--as-of",
            &"2026-07",
            &"--format",
            &"json",
            &"--out",
            &"-",
        ]);
        assert_eq!(code, 0, "{err}");
        out
    };
    let (a, b) = (report(&from_book), report(&from_csv));
    assert!(a.contains("\"as_of\": \"2026-07\""), "{a}");
    assert_eq!(a, b);
}

/// The seed target table as a workbook, the way such tables arrive: each line a row,
/// numbers as numbers, the blocks' "as above" cells as merged cells, and the unit
/// facts' values merged across the columns to their right.
fn seed_workbook(path: &Path) {
    let text = read(&seed_table());
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    let funds = rows.iter().position(|r| r.contains(&"收入")).unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("目标表").unwrap();
    let fmt = rust_xlsxwriter::Format::new();
    let mut covered = std::collections::HashSet::new();
    let mut merges = 0;
    for (r, row) in rows.iter().enumerate() {
        // Unit facts: the value merged over the empty cells after it.
        if r < funds
            && row.len() > 2
            && !row[0].is_empty()
            && !row[1].is_empty()
            && row[2..].iter().all(|c| c.is_empty())
        {
            ws.merge_range(r as u32, 1, r as u32, row.len() as u16 - 1, row[1], &fmt)
                .unwrap();
            (1..row.len()).for_each(|c| {
                covered.insert((r, c));
            });
            merges += 1;
        }
        // Blocks: a cell of the first three columns merged down over the empty
        // cells below it, up to a blank line.
        if r >= funds {
            for (c, first) in row.iter().enumerate().take(3) {
                if first.is_empty() || covered.contains(&(r, c)) {
                    continue;
                }
                let mut end = r;
                while let Some(next) = rows.get(end + 1) {
                    let blank = next.iter().all(|x| x.trim().is_empty());
                    if blank || next.get(c).is_some_and(|x| !x.is_empty()) {
                        break;
                    }
                    end += 1;
                }
                if end > r {
                    ws.merge_range(r as u32, c as u16, end as u32, c as u16, row[c], &fmt)
                        .unwrap();
                    (r..=end).for_each(|k| {
                        covered.insert((k, c));
                    });
                    merges += 1;
                }
            }
        }
        for (c, cell) in row.iter().enumerate() {
            if cell.is_empty() || covered.contains(&(r, c)) {
                continue;
            }
            match cell.parse::<f64>() {
                Ok(n) if !cell.starts_with('+') => ws.write_number(r as u32, c as u16, n).unwrap(),
                _ => ws.write_string(r as u32, c as u16, *cell).unwrap(),
            };
        }
    }
    assert!(merges > 10, "the workbook has merged cells ({merges})");
    wb.save(path).unwrap();
}

#[test]
fn an_xlsx_target_table_gives_the_same_folder_as_its_text_twin() {
    let t = tmp();
    let book = t.path().join("target-table.xlsx");
    seed_workbook(&book);
    let out = t.path().join("unit");
    let (code, stdout, err) = attain_p(&[&"import", &book, &"--out", &out]);
    assert_eq!(code, 0, "{err}");
    assert!(
        stdout.contains("(the table was read as an Excel workbook)"),
        "{stdout}"
    );
    for f in ["unit.toml", "targets.csv", "budget.csv"] {
        assert_eq!(read(&out.join(f)), read(&unit().join(f)), "{f}");
    }
    // The notes of the text import, placed in the sheet.
    assert!(err.contains("target-table.xlsx:70"), "{err}");
    assert!(err.contains("sheet 目标表"), "{err}");
    // From standard input too.
    let (code, _, err) = attain_stdin(
        &[&"import", &"-", &"--out", &"piped"],
        &std::fs::read(&book).unwrap(),
        t.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        read(&t.path().join("piped/targets.csv")),
        read(&unit().join("targets.csv"))
    );
}

#[test]
fn an_xlsx_target_table_error_names_sheet_and_cell() {
    let t = tmp();
    let book = t.path().join("table.xlsx");
    let text = read(&seed_table()).replace("≥1个\t≥3个", "≥一个\t≥3个");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("绩效目标").unwrap();
    for (r, line) in text.lines().enumerate() {
        for (c, cell) in line.split('\t').enumerate() {
            if !cell.is_empty() {
                ws.write_string(r as u32, c as u16, cell).unwrap();
            }
        }
    }
    wb.save(&book).unwrap();
    let (code, _, err) = attain_p(&[&"import", &book, &"--out", &t.path().join("u")]);
    assert_eq!(code, 1, "{err}");
    let line = text.lines().position(|l| l.contains("≥一个")).unwrap() + 1;
    assert!(
        err.contains(&format!("sheet 绩效目标, cell E{line})")),
        "{err}"
    );
    assert!(!t.path().join("u").exists());
}

#[test]
fn a_big5_file_is_named_as_big5() {
    // Traditional Chinese saved on Taiwanese Windows: read as GB18030 it would give
    // `unknown column 'る…'`.
    let t = tmp();
    unit_until(t.path(), 0);
    let (big5, _, bad) = encoding_rs::BIG5.encode("月份,項目,數值\n2026-01,基本支出,10.00\n");
    assert!(!bad);
    std::fs::write(t.path().join("actuals/2026-01.csv"), &big5).unwrap();
    let (code, _, err) = attain_p(&[&"check", &t.path()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("error: this file seems to be in Big5 (traditional Chinese)"),
        "{err}"
    );
    assert!(err.contains("actuals/2026-01.csv"), "{err}");
    assert!(err.contains("save it as UTF-8"), "{err}");
    assert!(!err.contains("unknown column"), "{err}");
}
