//! The target wordings and table shapes people really paste (issue 14): one table
//! per class under tests/data/tables/wordings/, each saying what it imitates. Every
//! one of them failed, or was misread, before the target grammar and the header-placed
//! columns.

use std::path::Path;

use crate::util::{attain_p, data, tmp};

/// A targets.csv row: name, half-year target, full-year target, measure.
type TargetRow = (String, String, String, String);

/// Import `tests/data/tables/wordings/<name>`; returns (stderr, the targets.csv
/// rows as (name, h1, fy, measure), unit.toml).
fn import(name: &str) -> (String, Vec<TargetRow>, String) {
    let t = tmp();
    let out = t.path().join("u");
    let table = data(&format!("tables/wordings/{name}"));
    let (code, stdout, stderr) = attain_p(&[&"import", &table, &"--out", &out]);
    assert_eq!(code, 0, "{name}: {stdout}\n{stderr}");
    (
        stderr,
        targets(&out),
        std::fs::read_to_string(out.join("unit.toml")).unwrap(),
    )
}

fn targets(dir: &Path) -> Vec<TargetRow> {
    let mut r = csv::Reader::from_path(dir.join("targets.csv")).unwrap();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            (
                rec[4].to_string(),
                rec[5].to_string(),
                rec[6].to_string(),
                rec[8].to_string(),
            )
        })
        .collect()
}

fn row<'a>(rows: &'a [TargetRow], name: &str) -> (&'a str, &'a str, &'a str) {
    let r = rows
        .iter()
        .find(|r| r.0 == name)
        .unwrap_or_else(|| panic!("no indicator {name} in {rows:?}"));
    (r.1.as_str(), r.2.as_str(), r.3.as_str())
}

#[test]
fn excel_clipboard_cells_keep_every_line() {
    let (_, rows, unit) = import("clipboard-quoted-cells.txt");
    assert_eq!(rows.len(), 4);
    let v: toml::Table = unit.parse().unwrap();
    let unit = v["unit"].as_table().unwrap();
    let functions: Vec<&str> = unit["functions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert_eq!(
        functions,
        [
            "1.承担全市生态环境质量监测工作；",
            "2.承担污染源监督性监测工作；",
            "3.负责\"智慧监测\"平台运行维护；",
            "4.配合做好突发环境事件应急监测。",
        ]
    );
    assert_eq!(
        unit["annual_goal"].as_str().unwrap(),
        "1.完成年度例行监测任务；\n2.监测数据有效率不低于95%。"
    );
}

#[test]
fn rates_with_qualifiers_stay_rates() {
    let (err, rows, _) = import("rates-with-qualifiers.txt");
    assert_eq!(row(&rows, "重点国家合作比率"), ("≥20%", "≥50%", "latest"));
    assert_eq!(row(&rows, "项目验收合格率"), ("≥100%", "≥100%", "latest"));
    assert_eq!(row(&rows, "资金拨付延迟率"), ("≤5%", "≤5%", "latest"));
    assert_eq!(row(&rows, "培训覆盖率"), ("≥80%", "≥90%", "latest"));
    assert!(!err.contains("has no comparator"), "{err}");
}

#[test]
fn comparators_in_words() {
    let (_, rows, _) = import("word-comparators.txt");
    assert_eq!(rows.len(), 6);
    assert_eq!(row(&rows, "技术培训场次"), ("≥4场", "≥10场", "sum"));
    assert_eq!(row(&rows, "示范基地数量"), (">0个", ">2个", "sum"));
    assert_eq!(row(&rows, "技术到位率"), ("≥80%", "≥95%", "latest"));
    assert_eq!(row(&rows, "人均培训成本"), ("≤300元", "≤300元", "sum"));
    assert_eq!(row(&rows, "化肥使用量增长率"), ("≤0%", "≤0%", "latest"));
}

#[test]
fn html_entities_are_decoded() {
    let (_, rows, _) = import("html-entities.txt");
    assert_eq!(row(&rows, "设备采购数量"), ("≥3台/辆", "≥6台/辆", "sum"));
    assert_eq!(
        row(&rows, "参与“一带一路”合作项目数"),
        ("≥1个", "≥2个", "sum")
    );
    assert_eq!(row(&rows, "公用经费控制率"), ("≤100%", "≤100%", "latest"));
    assert_eq!(row(&rows, "资料归档率"), ("≥90%", "≥95%", "latest"));
    assert_eq!(row(&rows, "外宾满意度"), ("≥85%", "≥90%", "latest"));
}

#[test]
fn page_numbers_and_repeated_headers_are_skipped_with_a_note() {
    let (err, rows, _) = import("pdf-page-furniture.txt");
    assert_eq!(rows.len(), 5);
    assert_eq!(row(&rows, "数字化成果合格率"), ("≥98%", "≥98%", "latest"));
    assert!(
        err.contains("note: skipped `— 2 —`: a page number"),
        "{err}"
    );
    assert!(err.contains("note: skipped `3`: a page number"), "{err}");
    assert!(
        err.contains("note: the indicator header of line 5 is repeated"),
        "{err}"
    );
}

#[test]
fn qualitative_words_ratios_and_dates() {
    let (err, rows, _) = import("qualitative-ratio-date.txt");
    assert_eq!(row(&rows, "工程运行状况"), ("好", "好", "grade"));
    assert_eq!(row(&rows, "工程质量等级"), ("优良", "优良", "grade"));
    assert_eq!(
        row(&rows, "年度维修任务"),
        ("按时完成", "按时完成", "grade")
    );
    assert_eq!(row(&rows, "防洪能力"), ("逐步提高", "显著提升", "grade"));
    assert_eq!(row(&rows, "配套资金比例"), ("≥1:1.2", "≥1:1.2", "latest"));
    assert_eq!(
        row(&rows, "除险加固完工时间"),
        ("/", "≤2026年12月", "latest")
    );
    // Without a year: the table's.
    assert_eq!(
        row(&rows, "防汛物资补充时间"),
        ("/", "≤2026年12月", "latest")
    );
    assert!(!err.contains("not one of the usual qualitative"), "{err}");
}

#[test]
fn a_remark_column_is_placed_by_the_header() {
    let (err, rows, _) = import("remark-column.txt");
    assert_eq!(rows.len(), 5);
    assert_eq!(
        row(&rows, "举办阅读推广活动场次"),
        ("≥10场", "≥25场", "sum")
    );
    assert_eq!(
        row(&rows, "新增馆藏图书册数"),
        ("≥5000册", "≥12000册", "sum")
    );
    assert_eq!(row(&rows, "读者满意度"), ("≥85%", "≥90%", "latest"));
    assert!(
        err.contains("the 备注 column is not imported (rows on lines 6, 10)"),
        "{err}"
    );
}

#[test]
fn annual_only_tables_with_a_unit_column() {
    let (err, rows, _) = import("annual-only-unit-column.txt");
    assert_eq!(rows.len(), 5);
    assert_eq!(
        row(&rows, "免疫规划疫苗接种人次"),
        ("/", "≥12000人次", "sum")
    );
    assert_eq!(
        row(&rows, "适龄儿童免疫规划疫苗接种率"),
        ("/", "≥95%", "latest")
    );
    assert_eq!(row(&rows, "疫情报告及时率"), ("/", "=100%", "latest"));
    assert!(err.contains("no 半年指标值 column"), "{err}");
}

#[test]
fn a_malformed_annual_only_target_names_its_column() {
    let t = tmp();
    let table = t.path().join("t.txt");
    let text = std::fs::read_to_string(data("tables/wordings/annual-only-unit-column.txt"))
        .unwrap()
        .replace("≥95\t%", "≥九五\t%");
    std::fs::write(&table, text).unwrap();
    let (code, _, err) = attain_p(&[&"import", &table, &"--out", &t.path().join("u")]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("malformed target `≥九五`"), "{err}");
    assert!(err.contains("*指标值"), "{err}");
}

/// Dates and ratios end to end: reported in actuals as `2026年10月` and `1:1.3`, a date
/// is met when done on or before it (all or nothing), a ratio compared as right ÷ left.
#[test]
fn date_and_ratio_targets_are_scored_from_their_actuals() {
    let t = tmp();
    let unit = t.path().join("u");
    let table = data("tables/wordings/qualitative-ratio-date.txt");
    let (code, _, err) = attain_p(&[&"import", &table, &"--out", &unit]);
    assert_eq!(code, 0, "{err}");
    std::fs::create_dir(unit.join("actuals")).unwrap();
    std::fs::write(
        unit.join("actuals/2026.csv"),
        "月份,项目,数值\n2026-10,除险加固完工时间,2026年10月\n2026-12,防汛物资补充时间,2027年1月\n2026-06,配套资金比例,1:1.3\n",
    )
    .unwrap();
    let out = t.path().join("r");
    let (code, _, err) = attain_p(&[
        &"report",
        &unit,
        &"--as-of",
        &"2026-12",
        &"--kind",
        &"yearend",
        &"--format",
        &"json,md",
        &"--out",
        &out,
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("yearend.json")).unwrap()).unwrap();
    let ind = |name: &str| {
        v["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["name"] == name)
            .unwrap_or_else(|| panic!("{name}: {v}"))
            .clone()
    };
    let early = ind("除险加固完工时间");
    assert_eq!(
        (early["met"].clone(), early["score"].clone()),
        (true.into(), "9.26".into())
    );
    // 12月底前 in a 2026 table: January 2027 is late.
    let late = ind("防汛物资补充时间");
    assert_eq!(
        (late["met"].clone(), late["score"].clone()),
        (false.into(), "0.00".into()),
        "{late}"
    );
    let ratio = ind("配套资金比例");
    assert_eq!(
        (ratio["actual"].clone(), ratio["met"].clone()),
        ("1.3".into(), true.into())
    );
    let md = std::fs::read_to_string(out.join("yearend.md")).unwrap();
    assert!(md.contains("| ≤2026年12月 | 2026年10月 |"), "{md}");
    // A ratio is a level: reported in June only, it is marked as June's figure.
    assert!(md.contains("| ≥1:1.2 | 1:1.3（6月数） |"), "{md}");
    // The entry workbook shows last month's date or ratio as written, not the number
    // it is kept as.
    for (month, item, shown) in [
        ("2026-07", "配套资金比例", "1:1.3"),
        ("2026-11", "除险加固完工时间", "2026年10月"),
    ] {
        use calamine::Reader;
        let book = t.path().join(format!("{month}.xlsx"));
        let (code, _, err) = attain_p(&[&"template", &unit, &"--month", &month, &"--out", &book]);
        assert_eq!(code, 0, "{err}");
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&book).unwrap();
        let s = wb.worksheet_range(month).unwrap();
        let row = s
            .rows()
            .find(|r| r.get(1) == Some(&calamine::Data::String(item.into())))
            .unwrap();
        assert_eq!(
            row[3],
            calamine::Data::String(shown.into()),
            "{month} {item}"
        );
    }
    // Not a date: refused with the target named.
    std::fs::write(
        unit.join("actuals/2026.csv"),
        "月份,项目,数值\n2026-10,除险加固完工时间,已完成\n",
    )
    .unwrap();
    let (code, _, err) = attain_p(&[&"check", &unit]);
    assert_eq!(code, 1);
    assert!(
        err.contains("`已完成` is not a date; `除险加固完工时间` has the date target ≤2026年12月"),
        "{err}"
    );
}

/// A unit's own qualitative words: `[settings.words]` in unit.toml.
#[test]
fn a_unit_adds_qualitative_words_in_its_settings() {
    let t = tmp();
    let unit = t.path().join("u");
    let table = data("tables/wordings/qualitative-ratio-date.txt");
    let (code, _, err) = attain_p(&[&"import", &table, &"--out", &unit]);
    assert_eq!(code, 0, "{err}");
    std::fs::create_dir(unit.join("actuals")).unwrap();
    std::fs::write(
        unit.join("actuals/2026.csv"),
        "月份,项目,数值\n2026-06,工程运行状况,尚可\n2026-06,工程质量等级,较好\n",
    )
    .unwrap();
    let (code, _, err) = attain_p(&[&"check", &unit]);
    assert_eq!(code, 1);
    assert!(
        err.contains("`尚可` is not a grade `工程运行状况` accepts"),
        "{err}"
    );
    assert!(!err.contains("`较好`"), "较好 is partly by default: {err}");
    let toml = unit.join("unit.toml");
    let mut text = std::fs::read_to_string(&toml).unwrap();
    text.push_str("\n[settings.words]\n\"尚可\" = \"部分达成\"\n");
    std::fs::write(&toml, &text).unwrap();
    let (code, _, err) = attain_p(&[&"check", &unit]);
    assert_eq!(code, 0, "{err}");
    text.push_str("\"还行\" = \"maybe\"\n");
    std::fs::write(&toml, &text).unwrap();
    let (code, _, err) = attain_p(&[&"check", &unit]);
    assert_eq!(code, 1);
    assert!(
        err.contains("settings.words: `maybe` is not a tier"),
        "{err}"
    );
}

/// A bad cell after a multi-line clipboard cell is pointed at on its own line.
#[test]
fn a_diagnostic_after_a_multi_line_cell_names_its_own_line() {
    let t = tmp();
    let table = t.path().join("t.txt");
    std::fs::write(
        &table,
        "2026年度\n单位名称\t甲\n一级指标\t二级指标\t三级指标\t半年指标值\t全年指标值\n产出\t数量\t\"培训\n人次\"\t≥三个\t≥3个\n",
    )
    .unwrap();
    let (code, _, err) = attain_p(&[&"import", &table, &"--out", &t.path().join("u")]);
    assert_eq!(code, 1);
    assert!(err.contains("t.txt:5:6 (半年指标值)"), "{err}");
    assert!(err.contains("5 | 人次\" ≥三个 ≥3个"), "{err}");
}
