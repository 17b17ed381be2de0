//! The official forms (issue 9): completeness stamps in every format, --strict, the
//! goal block from summary.toml, adjusted income, the monitoring form without scores,
//! and review of attain's own year-end form.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader};
use serde_json::Value as Json;

use crate::util::{attain_p, read, review_json, root, tmp};

fn unit() -> PathBuf {
    root().join("data/jiangsu-wb-office-2026")
}

/// Copy the example unit folder (actuals and evaluator files included).
fn copy_unit(to: &Path) {
    let from = unit();
    std::fs::create_dir_all(to.join("actuals")).unwrap();
    for e in std::fs::read_dir(&from).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
        }
    }
    for e in std::fs::read_dir(from.join("actuals")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, to.join("actuals").join(p.file_name().unwrap())).unwrap();
    }
}

/// `attain report` in every format; the exit code, stderr and the output folder.
fn report(dir: &Path, as_of: &str, kind: &str, extra: &[&str]) -> (i32, String, PathBuf) {
    let out = dir.join("out");
    let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![
        &"report",
        &dir,
        &"--as-of",
        &as_of,
        &"--kind",
        &kind,
        &"--format",
        &"md,json,csv,html,xlsx",
        &"--out",
        &out,
    ];
    for e in extra {
        args.push(e);
    }
    let (code, _, err) = attain_p(&args);
    (code, err, out)
}

/// Every string cell of every sheet of a workbook.
fn sheets(path: &Path) -> Vec<(String, Vec<String>)> {
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(path).unwrap();
    wb.sheet_names()
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).unwrap();
            let cells = range
                .rows()
                .flat_map(|r| r.iter())
                .filter_map(|c| match c {
                    Data::String(s) => Some(s.clone()),
                    _ => None,
                })
                .collect();
            (name, cells)
        })
        .collect()
}

#[test]
fn a_missing_month_is_stamped_in_every_format_and_strict_refuses_it() {
    let t = tmp();
    let dir = t.path().join("unit");
    copy_unit(&dir);
    std::fs::remove_file(dir.join("actuals/2026-07.csv")).unwrap();
    for (kind, stem) in [("progress", "progress"), ("midyear", "midyear")] {
        let (code, err, out) = report(&dir, "2026-08", kind, &[]);
        assert_eq!(code, 0, "{err}");
        // One clear warning instead of "the latest actuals are for …".
        assert!(
            err.contains("incomplete data: no actuals for 2026-07"),
            "{err}"
        );
        let j: Json = serde_json::from_str(&read(&out.join(format!("{stem}.json")))).unwrap();
        assert_eq!(j["complete"], false, "{kind}");
        assert_eq!(
            j["missing_months"],
            serde_json::json!(["2026-07"]),
            "{kind}"
        );
        let md = read(&out.join(format!("{stem}.md")));
        let title = md.lines().next().unwrap();
        assert!(title.contains("【数据不完整：缺 7 月】"), "{kind}: {title}");
        assert!(md.contains("## 缺报数据"), "{kind}");
        assert!(md.contains("2026 年 7 月：没有任何实际数"), "{kind}");
        for f in ["csv", "html"] {
            let text = read(&out.join(format!("{stem}.{f}")));
            assert!(text.contains("【数据不完整：缺 7 月】"), "{kind}.{f}");
            assert!(
                text.contains("注意：数据不完整：缺 7 月"),
                "{kind}.{f}: the stamp"
            );
        }
        for (name, cells) in sheets(&out.join(format!("{stem}.xlsx"))) {
            assert!(
                cells.iter().any(|c| c.contains("数据不完整：缺 7 月")),
                "{kind}: sheet {name} is not stamped"
            );
        }
        // --strict: an error, nothing written.
        std::fs::remove_dir_all(&out).unwrap();
        let (code, err, out) = report(&dir, "2026-08", kind, &["--strict"]);
        assert_eq!(code, 1, "{err}");
        assert!(
            err.contains("error: incomplete data: no actuals for 2026-07"),
            "{err}"
        );
        assert!(!out.exists());
    }
}

#[test]
fn a_year_end_table_on_incomplete_data_is_provisional_everywhere() {
    let t = tmp();
    let dir = t.path().join("unit");
    copy_unit(&dir);
    std::fs::remove_file(dir.join("actuals/2026-11.csv")).unwrap();
    let (code, err, out) = report(&dir, "2026-12", "yearend", &[]);
    assert_eq!(code, 0, "{err}");
    let j: Json = serde_json::from_str(&read(&out.join("yearend.json"))).unwrap();
    assert_eq!(
        (j["provisional"].clone(), j["complete"].clone()),
        (true.into(), false.into())
    );
    let md = read(&out.join("yearend.md"));
    assert!(
        md.starts_with("# 部门整体支出绩效自评表（2026 年度，预评估）【数据不完整：缺 11 月】"),
        "{md}"
    );
    let csv = read(&out.join("yearend.csv"));
    assert!(csv.contains("预评估：实际数不完整"), "{csv}");
    for (name, cells) in sheets(&out.join("yearend.xlsx")) {
        assert!(
            cells.iter().any(|c| c.contains("预评估")),
            "sheet {name} is not marked provisional"
        );
    }
    let (code, err, _) = report(&dir, "2026-12", "yearend", &["--strict"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("provisional (预评估)"), "{err}");
    // Before December, on complete data: provisional, and --strict refuses it too.
    let (code, err, _) = report(&unit_copy(&t), "2026-09", "yearend", &["--strict"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("a year-end table as of 2026-09 is provisional"),
        "{err}"
    );
}

fn unit_copy(t: &tempfile::TempDir) -> PathBuf {
    let dir = t.path().join("whole");
    copy_unit(&dir);
    dir
}

#[test]
fn the_goal_block_reads_summary_toml_and_says_what_is_to_fill() {
    let t = tmp();
    let dir = t.path().join("unit");
    copy_unit(&dir);
    // Without summary.toml: 实际完成情况 is to fill.
    let _ = std::fs::remove_file(dir.join("summary.toml"));
    let (code, err, out) = report(&dir, "2026-12", "yearend", &[]);
    assert_eq!(code, 0, "{err}");
    let md = read(&out.join("yearend.md"));
    assert!(md.contains("| 预期目标 | 实际完成情况 |"), "{md}");
    assert!(
        md.contains("努力使江苏成为展现中国生态环境保护生动实践的窗口。 | 【待填写】 |"),
        "{md}"
    );
    std::fs::remove_dir_all(&out).unwrap();
    std::fs::write(
        dir.join("summary.toml"),
        "midyear = \"1–6月完成出访团组1个。\"\nyearend = \"全年完成出访团组4个，举办国际会议1次。\"\n",
    )
    .unwrap();
    let (code, err, out) = report(&dir, "2026-12", "yearend", &[]);
    assert_eq!(code, 0, "{err}");
    let j: Json = serde_json::from_str(&read(&out.join("yearend.json"))).unwrap();
    assert_eq!(
        j["goal"]["achieved"],
        "全年完成出访团组4个，举办国际会议1次。"
    );
    assert!(read(&out.join("yearend.md")).contains("| 全年完成出访团组4个，举办国际会议1次。 |"));
    std::fs::remove_dir_all(&out).unwrap();
    let (code, err, out) = report(&dir, "2026-06", "midyear", &[]);
    assert_eq!(code, 0, "{err}");
    let md = read(&out.join("midyear.md"));
    assert!(md.contains("| 预期目标 | 1–6月实际完成情况 |"), "{md}");
    assert!(md.contains("| 1–6月完成出访团组1个。 |"), "{md}");
    // A mistake in summary.toml is an error at its line and column.
    std::fs::remove_dir_all(&out).unwrap();
    std::fs::write(
        dir.join("summary.toml"),
        "midyear = \"ok\"\nyear_end = \"typo\"\n",
    )
    .unwrap();
    let (code, err, _) = report(&dir, "2026-06", "midyear", &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("summary.toml cannot be read: unknown field `year_end`"),
        "{err}"
    );
    assert!(err.contains("summary.toml:2:1"), "{err}");
}

#[test]
fn adjusted_income_and_the_supervisor_head_the_form() {
    let t = tmp();
    let dir = t.path().join("unit");
    copy_unit(&dir);
    let toml = read(&dir.join("unit.toml"))
        .replace(
            "name = \"上年结转资金\"\namount = \"29.99\"",
            "name = \"上年结转资金\"\namount = \"29.99\"\nadjusted = \"35.99\"",
        )
        .replace(
            "year = 2026\n",
            "year = 2026\nsupervisor = \"江苏省生态环境厅\"\n",
        );
    std::fs::write(dir.join("unit.toml"), toml).unwrap();
    // Without the adjustment in budget.csv the lines no longer hold the full-year
    // budget: an error, not an execution rate against the wrong figure.
    let (code, err, _) = report(&dir, "2026-12", "yearend", &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("expenditure lines add up to 735.55 万元 but the full-year (adjusted) income is 741.55 万元"),
        "{err}"
    );
    let budget =
        read(&dir.join("budget.csv")).replace("基本支出,,290,592.56", "基本支出,,290,598.56");
    std::fs::write(dir.join("budget.csv"), budget).unwrap();
    let (code, err, out) = report(&dir, "2026-12", "yearend", &[]);
    assert_eq!(code, 0, "{err}");
    let md = read(&out.join("yearend.md"));
    assert!(md.contains("主管部门：江苏省生态环境厅"), "{md}");
    // 全年预算数: the total and the carried-over row carry the adjustment (+6).
    assert!(
        // 731.51 ÷ 741.55 = 98.65 %, scored 10 × 0.9865 = 9.86.
        md.contains("| 年度资金总额 | 735.55 | 741.55 | 731.51 | 10.00 | 98.65% | 9.86 |"),
        "{md}"
    );
    assert!(md.contains("| 　上年结转资金 | 29.99 | 35.99 |  |"), "{md}");
    let j: Json = serde_json::from_str(&read(&out.join("yearend.json"))).unwrap();
    assert_eq!(j["funds"][0]["full_year"], "741.55");
    assert_eq!(j["funds"][2]["source"], "carried-over");
}

#[test]
fn the_monitoring_form_has_no_score_unless_a_reference_score_is_asked_for() {
    let t = tmp();
    let dir = t.path().join("unit");
    copy_unit(&dir);
    let (code, err, out) = report(&dir, "2026-06", "midyear", &[]);
    assert_eq!(code, 0, "{err}");
    let md = read(&out.join("midyear.md"));
    assert!(
        md.contains("| 一级指标 | 二级指标 | 三级指标 | 指标值·年度指标值 | 指标值·半年指标值 | 1–6月执行情况·实际完成值 | 1–6月执行情况·全年预计完成值 | 完成目标可能性 | 偏差原因 | 改进措施 |"),
        "{md}"
    );
    let tables = md.lines().filter(|l| l.starts_with("| "));
    assert!(!tables.clone().any(|l| l.contains("得分")), "{md}");
    assert!(!tables.clone().any(|l| l.contains("等级")), "{md}");
    // The funds block: 半年计划执行数 and the run-rate forecast on the total row.
    assert!(
        md.contains("| 年度资金总额 | 735.55 | 735.55 | 338.99 | 303.05 | 41.20% | 606.10 |"),
        "{md}"
    );
    // The workbook: the form on one sheet, two header rows with the group merged.
    let xlsx = out.join("midyear.xlsx");
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    assert_eq!(wb.sheet_names()[0], "绩效运行监控表");
    let s = wb.worksheet_range("绩效运行监控表").unwrap();
    let rows: Vec<&[Data]> = s.rows().collect();
    let head = rows
        .iter()
        .position(|r| {
            r.iter()
                .any(|c| *c == Data::String("完成目标可能性".into()))
        })
        .expect("the indicator header");
    assert!(rows[head].contains(&Data::String("1–6月执行情况".into())));
    assert!(rows[head + 1].contains(&Data::String("实际完成值".into())));
    assert!(!rows
        .iter()
        .flat_map(|r| r.iter())
        .any(|c| *c == Data::String("得分".into())));
    // settings.reference_score: 分值 and 参考得分, never 等级.
    std::fs::remove_dir_all(&out).unwrap();
    let toml = read(&dir.join("unit.toml"))
        .replace("[settings]\n", "[settings]\nreference_score = true\n");
    std::fs::write(dir.join("unit.toml"), toml).unwrap();
    let (code, err, out) = report(&dir, "2026-06", "midyear", &[]);
    assert_eq!(code, 0, "{err}");
    let md = read(&out.join("midyear.md"));
    assert!(md.contains("| 分值 | 参考得分 |"), "{md}");
    assert!(md.contains("参考得分 96.5"), "{md}");
    assert!(!md.contains("自评等级"), "{md}");
    // Review point 7: the 一级指标 table is labelled 参考 too (was 得分 / 总分).
    assert!(md.contains("## 一级指标参考得分"), "{md}");
    assert!(md.contains("| 一级指标 | 分值 | 参考得分 |"), "{md}");
    assert!(md.contains("| **参考总分** | **100.00** |"), "{md}");
    let tables: Vec<&str> = md.lines().filter(|l| l.starts_with("| ")).collect();
    assert!(
        !tables
            .iter()
            .any(|l| l.contains("| 得分 |") || l.contains("总分**") && !l.contains("参考总分")),
        "{md}"
    );
}

/// `attain review` of the year-end form attain wrote, as Markdown and as CSV, is
/// consistent: 总分 = the rows, the funds row counted once, the grade.
#[test]
fn review_of_attains_own_year_end_form_is_consistent() {
    let t = tmp();
    let dir = t.path().join("unit");
    copy_unit(&dir);
    let (code, err, out) = report(&dir, "2026-12", "yearend", &[]);
    assert_eq!(code, 0, "{err}");
    for f in ["yearend.md", "yearend.csv"] {
        let (code, v) = review_json(&out.join(f), &[]);
        assert_eq!(code, 0, "{f}: {v}");
        assert_eq!(v["consistent"], true, "{f}");
        assert_eq!(v["weights"], "100", "{f}");
        assert_eq!(
            (
                v["total"]["published"].as_str(),
                v["grade"]["published"].as_str()
            ),
            (Some("99.3"), Some("优")),
            "{f}"
        );
        let rows = v["rows"].as_array().unwrap();
        assert_eq!(rows.len(), 46, "{f}: the funds row and 45 indicators");
        // Every target reads back (the CSV marks `=100%` as text with an apostrophe),
        // so every row is recomputed by its rule, none taken as given.
        let (_, _, err) = crate::util::review(&out.join(f), &[]);
        assert!(!err.contains("cannot be read"), "{f}: {err}");
        for r in rows {
            assert!(r["recomputed"].is_string(), "{f}: {r}");
        }
        let notes = v["notes"].to_string();
        assert!(!notes.contains("has no target"), "{f}: {notes}");
    }
}

/// Review point 5: a narrative applies to the month it was written for: `midyear`
/// to its monitoring month (June unless `midyear_month` says otherwise), `yearend`
/// to December; elsewhere 【待填写】 and a warning naming summary.toml.
#[test]
fn narratives_apply_only_to_their_own_month() {
    let t = tmp();
    let dir = t.path().join("unit");
    copy_unit(&dir);
    std::fs::write(
        dir.join("summary.toml"),
        "midyear = \"1–6月完成出访团组1个。\"\nyearend = \"全年完成出访团组4个。\"\n",
    )
    .unwrap();
    let goal = |out: &std::path::Path, kind: &str| -> Json {
        let j: Json = serde_json::from_str(&read(&out.join(format!("{kind}.json")))).unwrap();
        j["goal"]["achieved"].clone()
    };
    // June: the midyear text is shown.
    let (code, err, out) = report(&dir, "2026-06", "midyear", &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(goal(&out, "midyear"), "1–6月完成出访团组1个。");
    assert!(!err.contains("summary.toml"), "{err}");
    std::fs::remove_dir_all(&out).unwrap();
    // July and December monitoring: not the June text.
    for month in ["2026-07", "2026-12"] {
        let (code, err, out) = report(&dir, month, "midyear", &[]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(goal(&out, "midyear"), Json::Null, "{month}");
        let md = read(&out.join("midyear.md"));
        assert!(!md.contains("1–6月完成出访团组1个。"), "{md}");
        assert!(md.contains("实际完成情况 |"), "{md}");
        assert!(md.contains("| 【待填写】 |"), "{md}");
        assert!(
            err.contains("warning: summary.toml's `midyear` text is written for 1–6月")
                && err.contains("summary.toml"),
            "{err}"
        );
        std::fs::remove_dir_all(&out).unwrap();
    }
    // A provisional year-end table in June: not the December text.
    let (code, err, out) = report(&dir, "2026-06", "yearend", &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(goal(&out, "yearend"), Json::Null);
    assert!(
        err.contains("`yearend` text is written for 1–12月"),
        "{err}"
    );
    std::fs::remove_dir_all(&out).unwrap();
    // midyear_month = 7: the text is for July, and no longer for June.
    std::fs::write(
        dir.join("summary.toml"),
        "midyear = \"1–7月完成出访团组1个。\"\nmidyear_month = 7\n",
    )
    .unwrap();
    let (code, err, out) = report(&dir, "2026-07", "midyear", &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(goal(&out, "midyear"), "1–7月完成出访团组1个。");
    std::fs::remove_dir_all(&out).unwrap();
    let (code, err, out) = report(&dir, "2026-06", "midyear", &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(goal(&out, "midyear"), Json::Null);
    std::fs::remove_dir_all(&out).unwrap();
    // A month out of range is an error at its line and column.
    std::fs::write(
        dir.join("summary.toml"),
        "midyear = \"x\"\nmidyear_month = 13\n",
    )
    .unwrap();
    let (code, err, _) = report(&dir, "2026-06", "midyear", &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("midyear_month = 13 is not a month") && err.contains("summary.toml:2:17"),
        "{err}"
    );
}
