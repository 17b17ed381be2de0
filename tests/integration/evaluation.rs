//! Mid-year monitoring and year-end self-evaluation of the example unit: scores
//! worked out by hand, manual adjustments, explanations, and bad evaluator files.

use std::path::{Path, PathBuf};

use serde_json::Value as Json;

use crate::util::{attain_p, read, root, tmp};

fn unit() -> PathBuf {
    root().join("data/jiangsu-wb-office-2026")
}

fn evaluate(dir: &Path, as_of: &str, kind: &str) -> Json {
    let t = tmp();
    let out = t.path().join("r");
    let (code, stdout, stderr) = attain_p(&[
        &"report", &dir, &"--as-of", &as_of, &"--kind", &kind, &"--out", &out,
    ]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    serde_json::from_str(&read(&out.join(format!("{kind}.json")))).unwrap()
}

fn ind<'a>(j: &'a Json, id: &str) -> &'a Json {
    j["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap()
}

#[test]
fn yearend_scores_worked_out_by_hand() {
    let j = evaluate(&unit(), "2026-12", "yearend");
    assert_eq!(
        (j["kind"].as_str(), j["period"].as_str()),
        (Some("yearend"), Some("FY"))
    );
    // 预算执行率: 10 × 731.51 / 735.55 = 9.9451 → 9.95.
    assert_eq!(ind(&j, "PRO-03")["score"], "9.95");
    // 完成满意度率 =100%, actual 97 %: 10 × 0.97 = 9.70.
    assert_eq!(ind(&j, "SAT-01")["score"], "9.70");
    // 设备完好率 =100%, 95 %: 4.44 × 0.95 = 4.218 → 4.22.
    assert_eq!(ind(&j, "DUT-09")["score"], "4.22");
    // 基础信息完善性 partly achieved: the rule gives the midpoint of the half-open
    // [60 %, 80 %) band, 0.42 × 0.7 = 0.294 → 0.29 (main gave 0.34, the band's
    // excluded top); adjusted by hand to 0.30 with a reason.
    let q = ind(&j, "PRO-12");
    assert_eq!(
        (
            q["rule_score"].as_str(),
            q["score"].as_str(),
            q["adjusted"].as_bool()
        ),
        (Some("0.29"), Some("0.30"), Some(true))
    );
    assert!(q["adjustment_reason"]
        .as_str()
        .unwrap()
        .contains("资产卡片"));
    // 支付进度符合率 98 % of =100 %: 0.42 × 0.98 = 0.4116 → 0.41.
    assert_eq!(ind(&j, "PRO-02")["score"], "0.41");
    // Blocks: 过程 = 20 − (10 − 9.95) − (0.42 − 0.30) − (0.42 − 0.41) = 19.82;
    // 履职 = 40 − (4.44 − 4.22) = 39.78; 满意度 9.70; 决策 10; 效益 20.
    let blocks: Vec<(&str, &str)> = j["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["block"].as_str().unwrap(), b["score"].as_str().unwrap()))
        .collect();
    assert_eq!(
        blocks,
        [
            ("决策", "10.00"),
            ("过程", "19.82"),
            ("履职", "39.78"),
            ("效益", "20.00"),
            ("满意度", "9.70")
        ]
    );
    // Total 10 + 19.82 + 39.78 + 20 + 9.70 = 99.30: 优.
    assert_eq!(
        (
            j["total"]["score"].as_str(),
            j["total"]["max"].as_str(),
            j["total"]["grade"].as_str()
        ),
        (Some("99.30"), Some("100.00"), Some("优"))
    );
    assert_eq!(j["to_fill"].as_array().unwrap().len(), 0);
    let md = read(&root().join("reports/jiangsu-wb-office-2026/2026-12/yearend.md"));
    // The adjusted score counts; the rule's score and the reason are in the
    // explanation beside it (the form has no column for them).
    assert!(
        md.contains("| 0.42 | 0.30 | 制度保障：部分资产卡片待补录；下年度一季度完成并建立月度核对机制（人工调整，规则得分 0.29："),
        "adjusted rows show both scores: {md}"
    );
    // 总分 and 自评等级 close the form; the block scores are in their own table.
    assert!(
        md.contains("| **总分** |  |  |  |  | **100.00** | **99.30** |  |")
            && md.contains("| **自评等级** |  |  |  |  | **优** |  |  |")
            && md.contains("| 过程 | 20.00 | 19.82 |"),
        "{md}"
    );
}

#[test]
fn midyear_against_half_year_targets() {
    let j = evaluate(&unit(), "2026-06", "midyear");
    assert_eq!(
        (j["kind"].as_str(), j["period"].as_str()),
        (Some("midyear"), Some("H1"))
    );
    // 预算执行率 H1 =46 %: 10 × 0.41200 / 0.46 = 8.9566 → 8.96; deviation −4.80 pp.
    let e = ind(&j, "PRO-03");
    assert_eq!(
        (e["score"].as_str(), e["deviation"].as_str()),
        (Some("8.96"), Some("-0.048"))
    );
    assert_eq!(
        (e["likelihood"].as_str(), e["cause"].as_str()),
        (Some("有可能"), Some("经费保障"))
    );
    // 组织引导…“走出去” 2 of ≥3: 5 × 2 / 3 = 3.3333 → 3.33.
    assert_eq!(ind(&j, "BEN-01")["score"], "3.33");
    // 支付进度符合率 is below target without explanation: to fill, likelihood suggested.
    assert_eq!(j["to_fill"][0], "PRO-02");
    let p = ind(&j, "PRO-02");
    assert_eq!(
        (
            p["likelihood"].as_str(),
            p["likelihood_suggested"].as_bool()
        ),
        (Some("有可能"), Some(true))
    );
    // The budget block: 全年预算数 (review point 8: budget.csv's full-year budget,
    // was labelled 年初预算数), 1–6月执行数, 全年预计执行数 (the plan kept: the
    // remaining months as planned and the shortfall so far deferred, not dropped).
    // Every line is behind its path at June, so each is forecast at its budget and
    // the total is their sum, 592.56 + 142.99 = 735.55 (main gave 700.25, its own
    // 46 % path, while the lines added up to 699.61).
    assert_eq!(
        (
            j["execution"]["spent"].as_str(),
            j["execution"]["forecast_plan"].as_str()
        ),
        (Some("303.05"), Some("735.55"))
    );
    // As in progress.json, `forecast` is the run rate: 303.05 × 12 ÷ 6 = 606.10.
    assert_eq!(j["execution"]["forecast"], "606.10");
    let md = read(&root().join("reports/jiangsu-wb-office-2026/2026-06/midyear.md"));
    assert!(
        md.contains(
            "| 预算项目 | 全年预算数（万元） | 1–6月执行数（万元） | 执行率（%） | 全年预计执行数（按当前进度，万元） | 全年预计执行数（按计划，万元） | 灯 |"
        ),
        "{md}"
    );
    assert!(md.contains("【待填写】"));
}

#[test]
fn midyear_month_is_a_parameter() {
    // Some provinces monitor January to August.
    let j = evaluate(&unit(), "2026-08", "midyear");
    assert_eq!(j["as_of"], "2026-08");
    // 303.05 + 66.15 + 51.95 = 421.15.
    assert_eq!(j["execution"]["spent"], "421.15");
}

/// A copy of the example unit with `file` replaced; run a year-end report.
fn with_file(file: &str, content: &str) -> (i32, String, bool) {
    let t = tmp();
    let dir = t.path().join("unit");
    std::fs::create_dir_all(dir.join("actuals")).unwrap();
    for f in [
        "unit.toml",
        "targets.csv",
        "budget.csv",
        "explanations.csv",
        "adjustments.csv",
    ] {
        std::fs::copy(unit().join(f), dir.join(f)).unwrap();
    }
    for e in std::fs::read_dir(unit().join("actuals")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join("actuals").join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(dir.join(file), content).unwrap();
    let out = t.path().join("out");
    let (code, _, stderr) = attain_p(&[
        &"report", &dir, &"--as-of", &"2026-12", &"--kind", &"yearend", &"--out", &out,
    ]);
    (code, stderr, out.exists())
}

#[test]
fn manual_score_without_reason_is_refused() {
    let (code, err, written) = with_file(
        "adjustments.csv",
        "indicator,period,score,reason\n设备完好率,FY,4.44,\n",
    );
    assert_eq!((code, written), (1, false));
    assert!(
        err.contains("a manual score needs a written reason") && err.contains("adjustments.csv:2"),
        "{err}"
    );
}

#[test]
fn manual_score_outside_its_tier_band_is_refused() {
    // Partly achieved: 60–80 % of 0.42 = 0.252 to 0.336; 0.40 is outside.
    let (code, err, written) = with_file(
        "adjustments.csv",
        "indicator,period,score,reason\n基础信息完善性,FY,0.40,已基本完成\n",
    );
    assert_eq!((code, written), (1, false));
    assert!(
        err.contains(
            "outside the band of its tier 部分达成 (0.252 to 0.336 of 0.42, the top excluded)"
        ),
        "{err}"
    );
    assert!(err.contains("adjustments.csv:2"), "{err}");
}

#[test]
fn manual_score_above_weight_and_unknown_indicator() {
    let (code, err, _) = with_file(
        "adjustments.csv",
        "indicator,period,score,reason\n设备完好率,FY,5,复核后调整\n",
    );
    assert_eq!(code, 1);
    assert!(err.contains("outside 0 to its weight 4.44"), "{err}");
    let (code, err, _) = with_file(
        "adjustments.csv",
        "indicator,period,score,reason\n设备完好度,FY,4,复核\n",
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("unknown indicator `设备完好度`") && err.contains("did you mean `设备完好率`"),
        "{err}"
    );
}

#[test]
fn explanation_with_a_cause_off_the_list() {
    let (code, err, written) = with_file(
        "explanations.csv",
        "indicator,period,cause,likelihood,measures\n设备完好率,FY,天气原因,不可能,无\n",
    );
    assert_eq!((code, written), (1, false));
    assert!(err.contains("explanations.csv:2:10 (cause)"), "{err}");
    assert!(err.contains("经费保障"), "the fixed list is offered: {err}");
    let (code, err, _) = with_file(
        "explanations.csv",
        "indicator,period,cause,likelihood,measures\n设备完好率,FY,硬件保障,也许,无\n",
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("(likelihood)") && err.contains("确定能, 有可能 or 不可能"),
        "{err}"
    );
}

/// The year-end form read back from the workbook cell by cell (calamine): title and
/// header fields, the funds block by source, merged 一级/二级 cells, number formats,
/// 总分 = SUM of the 得分 cells, the grade, and the page setup.
#[test]
fn yearend_workbook_has_numbers_for_weights_and_scores() {
    use calamine::{Data, Reader};
    use rust_decimal::Decimal;
    let t = tmp();
    let out = t.path().join("r");
    let (code, _, err) = attain_p(&[
        &"report",
        &unit(),
        &"--as-of",
        &"2026-12",
        &"--kind",
        &"yearend",
        &"--format",
        &"xlsx",
        &"--ids",
        &"--out",
        &out,
    ]);
    assert_eq!(code, 0, "{err}");
    let path = out.join("yearend.xlsx");
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "绩效自评表",
            "预算执行",
            "一级指标得分",
            "数据核对：报送值与推算值不符",
            "超额完成需复核目标（实际超过目标 120%）"
        ]
    );
    let sheet = wb.worksheet_range("绩效自评表").unwrap();
    let rows: Vec<&[Data]> = sheet.rows().collect();
    let text = |r: usize, c: usize| rows[r].get(c).map(|d| d.to_string()).unwrap_or_default();
    assert_eq!(text(0, 0), "部门整体支出绩效自评表（2026 年度）");
    assert!(text(1, 0).starts_with("部门（单位）名称：江苏省环境保护利用世界银行贷款项目办公室"));
    assert!(text(1, 0).contains("主管部门："));
    // The funds block by source: 年初预算数, 全年预算数, 全年执行数 (on the total only),
    // 分值, 执行率, 得分 of 预算执行率.
    let at = |label: &str| {
        rows.iter()
            .position(|r| {
                r.first()
                    .is_some_and(|d| d.to_string().trim_start_matches('\u{3000}') == label)
            })
            .unwrap_or_else(|| panic!("no row {label}"))
    };
    let total = at("年度资金总额");
    // The block is stretched over the form's columns: find its columns by header.
    let col = |head: &str| {
        rows[total - 1]
            .iter()
            .position(|d| matches!(d, Data::String(s) if s == head))
            .unwrap_or_else(|| panic!("no column {head}"))
    };
    let funds = [
        ("年初预算数（万元）", 735.55),
        ("全年预算数（万元）", 735.55),
        ("全年执行数（万元）", 731.51),
        ("分值", 10.0),
        ("执行率（%）", 0.9945),
        ("得分", 9.95),
    ];
    for (head, want) in funds {
        assert_eq!(rows[total][col(head)], Data::Float(want), "{head}");
    }
    let initial = col("年初预算数（万元）");
    let source = |label: &str| rows[at(label)][initial].clone();
    assert_eq!(source("其中：本年财政拨款"), Data::Float(704.36));
    assert_eq!(source("上年结转资金"), Data::Float(29.99));
    assert_eq!(source("其他资金"), Data::Float(1.2));
    assert_eq!(
        rows[at("上年结转资金")][col("全年执行数（万元）")],
        Data::Empty,
        "no invented split"
    );
    // The goal block: 预期目标 from unit.toml, 实际完成情况 from summary.toml.
    let goal = at("预期目标");
    assert!(text(goal + 1, 0).starts_with("2026年，将坚持"));
    assert!(rows[goal + 1]
        .iter()
        .any(|d| matches!(d, Data::String(s) if s.starts_with("全年预算执行率99.45%"))));
    // The indicators: numbers, an adjusted score explained in words.
    let row = |id: &str| {
        rows.iter()
            .find(|r| r.first() == Some(&Data::String(id.into())))
            .unwrap_or_else(|| panic!("no {id}"))
    };
    assert_eq!(row("SAT-01")[7], Data::Float(9.7));
    let adj = row("PRO-12");
    assert_eq!((&adj[6], &adj[7]), (&Data::Float(0.42), &Data::Float(0.3)));
    assert!(
        matches!(&adj[8], Data::String(s) if s.contains("资产卡片") && s.contains("规则得分 0.29"))
    );
    // 总分 = SUM of the 得分 cells above it; the grade below.
    let t_row = at("总分");
    let first = at("DEC-01");
    let sum: Decimal = rows[first..t_row]
        .iter()
        .map(|r| match r[7] {
            Data::Float(f) => Decimal::try_from(f).unwrap().round_dp(2),
            ref other => panic!("{other:?}"),
        })
        .sum();
    assert_eq!(sum, Decimal::new(9930, 2));
    assert_eq!(
        (&rows[t_row][6], &rows[t_row][7]),
        (&Data::Float(100.0), &Data::Float(99.3))
    );
    assert_eq!(text(t_row + 1, 0), "自评等级");
    assert_eq!(text(t_row + 1, 6), "优");
    // Merged ranges: the title over the form, 一级 决策 over its 6 rows, 二级 计划制定
    // over its 2, the 总分 label over id to actual.
    let merges = merged(&path, "xl/worksheets/sheet1.xml");
    let r1 = |r: usize| r + 1;
    for m in [
        "A1:I1".to_string(),
        format!("B{}:B{}", r1(first), r1(first + 5)),
        format!("C{}:C{}", r1(first), r1(first + 1)),
        format!("A{}:F{}", r1(t_row), r1(t_row)),
        format!("G{}:I{}", r1(t_row + 1), r1(t_row + 1)),
    ] {
        assert!(merges.contains(&m), "{m} not in {merges:?}");
    }
    // Number formats by type; A4 landscape, one page wide, header rows repeated.
    let sheet_xml = part(&path, "xl/worksheets/sheet1.xml");
    assert!(
        sheet_xml.contains(r#"orientation="landscape""#),
        "{sheet_xml}"
    );
    assert!(sheet_xml.contains(r#"paperSize="9""#));
    assert!(sheet_xml.contains(r#"fitToWidth="1""#) || sheet_xml.contains(r#"fitToHeight="0""#));
    let styles = part(&path, "xl/styles.xml");
    assert!(
        styles.contains("0.00%") && styles.contains("#,##0.00"),
        "{styles}"
    );
    let book = part(&path, "xl/workbook.xml");
    assert!(book.contains("_xlnm.Print_Titles"), "{book}");
    let budget = wb.worksheet_range("预算执行").unwrap();
    let total = budget
        .rows()
        .find(|r| r.first() == Some(&Data::String("合计".into())))
        .unwrap();
    assert_eq!(
        (&total[1], &total[2]),
        (&Data::Float(735.55), &Data::Float(731.51))
    );
}

/// A part of an xlsx file (a zip) as text.
fn part(path: &std::path::Path, name: &str) -> String {
    use std::io::Read;
    let f = std::fs::File::open(path).unwrap();
    let mut z = zip::ZipArchive::new(f).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// The merged ranges of a sheet (`A1:I1` …).
fn merged(path: &std::path::Path, sheet: &str) -> Vec<String> {
    let xml = part(path, sheet);
    xml.split("<mergeCell ref=\"")
        .skip(1)
        .filter_map(|p| p.split('"').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn likelihood_is_suggested_from_the_path_capped_by_the_forecast() {
    let j = evaluate(&unit(), "2026-06", "midyear");
    // 出访团组个数: 1 by June on a path of ≥1 at June and ≥3 at December: on plan,
    // projected 1 ÷ 1 × 3 = 3 (确定能 by the path), but the forecast printed beside it
    // (the run rate, 1 ÷ 6 × 12 = 2) misses ≥3个: 有可能, not 不可能.
    let d = ind(&j, "DUT-01");
    assert_eq!(
        (
            d["likelihood"].as_str(),
            d["likelihood_suggested"].as_bool()
        ),
        (Some("有可能"), Some(true))
    );
    // 举办国际会议次数: nothing expected before June (≥0次): 有可能.
    assert_eq!(ind(&j, "DUT-02")["likelihood"], "有可能");
    // 设备采购数量 3 of ≥3 at June, forecast 6 of ≥6: 确定能.
    assert_eq!(ind(&j, "DUT-07")["likelihood"], "确定能");
    // At year end nothing is suggested: the year is over.
    let y = evaluate(&unit(), "2026-12", "yearend");
    assert_eq!(ind(&y, "DUT-02")["likelihood"], serde_json::Value::Null);
}

/// Issue 10, point 4: monitoring after June compares the full-year forecast with the
/// 全年指标值, not the actual to date with the June targets. On the example, July's
/// 预算执行率 is 50.19 % (which scored 10/10 against `=46%`); its full-year forecast
/// 50.19 % ÷ 7 × 12 = 86.05 % of `=100%` scores 10 × 0.8605 = 8.60.
#[test]
fn monitoring_after_june_compares_the_forecast_with_the_full_year_target() {
    let j = evaluate(&unit(), "2026-07", "midyear");
    assert_eq!(j["period"], "FY");
    let e = ind(&j, "PRO-03");
    assert_eq!(e["actual"], "0.5019");
    assert_eq!(e["forecast"], "0.8605");
    assert_eq!(e["score"], "8.60");
    // The deviation is the forecast's from the full-year target: 86.05 % − 100 %.
    assert_eq!(e["deviation"], "-0.1395");
    // In June the half-year target still holds: 41.20 % of =46 %.
    let june = evaluate(&unit(), "2026-06", "midyear");
    assert_eq!(june["period"], "H1");
    assert_eq!(ind(&june, "PRO-03")["score"], "8.96");
}

/// Issue 10, point 5: the suggested likelihood agrees with the full-year forecast in
/// the same row (a forecast short of the full-year target is never 确定能), and every
/// 有可能 / 不可能 without an explanation is listed to fill, not only rows below target.
#[test]
fn likelihood_agrees_with_the_forecast_and_doubtful_rows_are_to_fill() {
    let j = evaluate(&unit(), "2026-06", "midyear");
    // Forecasts 2个 of ≥3个, 48 of ≥50, 6 of ≥8, 25 % of ≥50 %: none is 确定能.
    for id in ["DUT-01", "DUT-04", "DUT-05", "BEN-04"] {
        let i = ind(&j, id);
        assert_eq!(
            (
                i["likelihood"].as_str(),
                i["likelihood_suggested"].as_bool()
            ),
            (Some("有可能"), Some(true)),
            "{id}: forecast {} against {}",
            i["forecast"],
            i["fy_target"]
        );
    }
    // Every suggested 确定能 with a `≥` target has a forecast that meets it.
    for i in j["indicators"].as_array().unwrap() {
        let (Some(f), Some(t)) = (i["forecast"].as_str(), i["fy_target"].as_str()) else {
            continue;
        };
        if i["likelihood"] != "确定能" || i["likelihood_suggested"] != true {
            continue;
        }
        let Some(t) = t.strip_prefix('≥') else {
            continue;
        };
        let digits: String = t
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let mut t: rust_decimal::Decimal = digits.parse().unwrap();
        if i["fy_target"].as_str().unwrap().ends_with('%') {
            t /= rust_decimal::Decimal::ONE_HUNDRED;
        }
        let f: rust_decimal::Decimal = f.parse().unwrap();
        assert!(f >= t, "{}: 确定能 with forecast {f} below {t}", i["id"]);
    }
    // DUT-02 and DUT-03 meet their half-year targets (≥0) but are 有可能: listed.
    let to_fill: Vec<&str> = j["to_fill"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    // BEN-01's written 确定能 contradicts its forecast (review point 2): listed too.
    assert_eq!(
        to_fill,
        ["PRO-02", "DUT-01", "DUT-02", "DUT-03", "DUT-04", "DUT-05", "BEN-01", "BEN-04"]
    );
}

/// A written 确定能 that the forecast contradicts is a warning naming the indicator
/// and the file (BEN-01: forecast 4个 at June against ≥10个); the report is written.
#[test]
fn a_written_certain_likelihood_against_the_forecast_is_a_warning() {
    let t = tmp();
    let out = t.path().join("r");
    let (code, _, err) = attain_p(&[
        &"report",
        &unit(),
        &"--as-of",
        &"2026-06",
        &"--kind",
        &"midyear",
        &"--out",
        &out,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: `BEN-01`")
            && err.contains("确定能")
            && err.contains("≥10个")
            && err.contains("explanations.csv"),
        "{err}"
    );
    // Rows whose written likelihood agrees with the forecast are not flagged.
    assert!(!err.contains("`PRO-03`"), "{err}");
}

/// Review point 1: after June, monitoring compares with the full year and reads the
/// FY explanations (DOMAIN §2), never the H1 ones.
#[test]
fn monitoring_after_june_reads_the_full_year_explanations() {
    let j = evaluate(&unit(), "2026-07", "midyear");
    assert_eq!(j["period"], "FY");
    // 预算执行率: the FY row (不可能, 年末结余…), not the H1 row (有可能, 出访与国际会议…).
    let e = ind(&j, "PRO-03");
    assert_eq!(
        (
            e["likelihood"].as_str(),
            e["likelihood_suggested"].as_bool()
        ),
        (Some("不可能"), Some(false))
    );
    assert!(
        e["measures"]
            .as_str()
            .unwrap()
            .starts_with("年末结余4.04万元"),
        "{e}"
    );
    let d = evaluate(&unit(), "2026-12", "midyear");
    for (id, cause) in [("PRO-02", "经费保障"), ("DUT-09", "硬件保障")] {
        let i = ind(&d, id);
        assert_eq!(
            (
                i["cause"].as_str(),
                i["likelihood"].as_str(),
                i["to_fill"].as_bool()
            ),
            (Some(cause), Some("不可能"), Some(false)),
            "{id}: {i}"
        );
    }
    // Up to June the H1 explanation holds.
    let june = evaluate(&unit(), "2026-06", "midyear");
    assert_eq!(ind(&june, "PRO-03")["likelihood"], "有可能");
}

/// Review point 3: at July, work with months to go is 有可能 (建议), not written off
/// as 不可能 (all four were met by December).
#[test]
fn july_suggestions_do_not_write_off_work_with_months_to_go() {
    let j = evaluate(&unit(), "2026-07", "midyear");
    for (id, actual) in [
        ("DUT-01", "1"),
        ("DUT-02", "0"),
        ("DUT-03", "0"),
        ("DUT-05", "3"),
    ] {
        let i = ind(&j, id);
        assert_eq!(
            (
                i["actual"].as_str(),
                i["likelihood"].as_str(),
                i["likelihood_suggested"].as_bool()
            ),
            (Some(actual), Some("有可能"), Some(true)),
            "{id}: {i}"
        );
    }
    // In December no month is left: a miss without explanation is 不可能 (建议).
    let d = evaluate(&unit(), "2026-12", "midyear");
    let miss: Vec<&Json> = d["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["likelihood_suggested"] == true && i["likelihood"] != "确定能")
        .collect();
    assert!(miss.iter().all(|i| i["likelihood"] == "不可能"), "{miss:?}");
}

/// Review point 2: a written 确定能 whose printed forecast misses the full-year
/// target (BEN-01: ≥10个, forecast 4个 at June) is marked in the likelihood cell of
/// every format and listed to fill with the reason, not only warned about on stderr.
#[test]
fn a_contradicted_certain_likelihood_shows_in_every_format() {
    let t = tmp();
    let out = t.path().join("r");
    let (code, _, err) = attain_p(&[
        &"report",
        &unit(),
        &"--as-of",
        &"2026-06",
        &"--kind",
        &"midyear",
        &"--format",
        &"md,csv,json,html",
        &"--out",
        &out,
    ]);
    assert_eq!(code, 0, "{err}");
    let j: Json = serde_json::from_str(&read(&out.join("midyear.json"))).unwrap();
    let b = ind(&j, "BEN-01");
    assert_eq!(
        (
            b["forecast"].as_str(),
            b["likelihood"].as_str(),
            b["likelihood_contradicted"].as_bool(),
            b["to_fill"].as_bool()
        ),
        (Some("4"), Some("确定能"), Some(true), Some(true))
    );
    assert!(j["to_fill"].as_array().unwrap().contains(&"BEN-01".into()));
    // Rows whose written likelihood agrees with the forecast are not marked.
    assert_eq!(ind(&j, "PRO-03")["likelihood_contradicted"], false);
    let md = read(&out.join("midyear.md"));
    assert!(
        md.contains("| ≥10个 | ≥3个 | 2个 | 4个 | 确定能（与预测不符） | 其他 |"),
        "{md}"
    );
    assert!(
        md.contains("- 组织引导优秀技术企业“走出去”：填写为确定能，但全年预计完成值未达全年指标值")
    );
    let csv = read(&out.join("midyear.csv"));
    assert!(
        csv.contains(",2,个,4,个,确定能（与预测不符）,其他,"),
        "{csv}"
    );
    let html = read(&out.join("midyear.html"));
    assert!(html.contains("确定能（与预测不符）"));
    assert_eq!(md.matches("与预测不符").count(), 1);
}

/// Review point 4: after June the over-achievement review compares the actual to
/// date with the target in force, the full year (DOMAIN §3), not the forecast:
/// 设备采购数量 5 of ≥6 at July (83 %) is not flagged (was: forecast 8.57, 143 %).
#[test]
fn over_achievement_after_june_is_the_actual_against_the_full_year() {
    let j = evaluate(&unit(), "2026-07", "midyear");
    let d = ind(&j, "DUT-07");
    assert_eq!(
        (d["actual"].as_str(), d["review"].as_bool()),
        (Some("5"), Some(false))
    );
    let flagged = |j: &Json| -> Vec<String> {
        j["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["review"] == true)
            .map(|i| i["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(flagged(&j).is_empty(), "{:?}", flagged(&j));
    // December: 4 of ≥3 (133 %), 36 of ≥20 (180 %), 5 of ≥4 (125 %) are above 120 %.
    let d = evaluate(&unit(), "2026-12", "midyear");
    assert_eq!(flagged(&d), ["DUT-01", "DUT-03", "BEN-03"]);
}

/// Review point 6: an indicator without data (结转结余率 at June) is counted apart in
/// the headline, not as a miss (was "45 个指标中 6 个未达到").
#[test]
fn the_headline_counts_no_data_apart_from_misses() {
    let t = tmp();
    let out = t.path().join("r");
    let (code, _, err) = attain_p(&[
        &"report",
        &unit(),
        &"--as-of",
        &"2026-06",
        &"--kind",
        &"midyear",
        &"--format",
        &"md,json",
        &"--out",
        &out,
    ]);
    assert_eq!(code, 0, "{err}");
    let j: Json = serde_json::from_str(&read(&out.join("midyear.json"))).unwrap();
    assert!(
        ind(&j, "PRO-04")["actual"].is_null(),
        "{}",
        ind(&j, "PRO-04")
    );
    let md = read(&out.join("midyear.md"));
    assert!(
        md.contains("对照半年指标值，45 个指标中 5 个未达到、1 个暂无数据；"),
        "{md}"
    );
}

/// A reported rate that the ledger contradicts is listed in the deliverable itself
/// (not only on the terminal): 结转结余率 reported 0 % while 4.04 of 735.55 万元 are left
/// unspent (0.55 %); months after as-of are not listed.
#[test]
fn cross_checks_stand_in_the_reports() {
    let t = tmp();
    let out = t.path().join("r");
    let (code, _, err) = attain_p(&[
        &"report",
        &unit(),
        &"--as-of",
        &"2026-12",
        &"--kind",
        &"yearend",
        &"--format",
        &"md,json",
        &"--out",
        &out,
    ]);
    assert_eq!(code, 0, "{err}");
    let md = read(&out.join("yearend.md"));
    assert!(
        md.contains("- 结转结余率（2026-12）：报送 0.00%，按支出、预算和计划推算 0.55%"),
        "{md}"
    );
    let j: serde_json::Value = serde_json::from_str(&read(&out.join("yearend.json"))).unwrap();
    let c = j["cross_checks"].as_array().unwrap();
    assert_eq!(c.len(), 3, "{c:?}");
    assert_eq!(
        (
            c[2]["name"].as_str(),
            c[2]["reported"].as_str(),
            c[2]["derived"].as_str()
        ),
        (Some("结转结余率"), Some("0.0000"), Some("0.0055"))
    );
    // At June only June's check is due.
    let (code, _, err) = attain_p(&[
        &"report",
        &unit(),
        &"--as-of",
        &"2026-06",
        &"--format",
        &"json",
        &"--out",
        &out,
    ]);
    assert_eq!(code, 0, "{err}");
    let j: serde_json::Value = serde_json::from_str(&read(&out.join("progress.json"))).unwrap();
    let months: Vec<&str> = j["cross_checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["month"].as_str().unwrap())
        .collect();
    assert_eq!(months, ["2026-06"]);
    // The terminal agrees with the report: June's check as a warning, the two of
    // December counted in a note as outside the report, not printed as warnings.
    assert_eq!(err.matches("warning: `").count(), 1, "{err}");
    assert!(err.contains("reported as 92.00% for 2026-06"), "{err}");
    assert!(!err.contains("for 2026-12"), "{err}");
    assert!(
        err.contains(
            "note: 2 cross-check warning(s) on figures after 2026-06 are outside this report"
        ),
        "{err}"
    );
    assert!(err.contains("0 error(s), 1 warning(s)"), "{err}");
    // `check` has no month: it lists every one.
    let (code, _, err) = attain_p(&[&"check", &unit()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("for 2026-12"), "{err}");
}

/// A level last reported before the report's month is marked with that month on the
/// forms, in every format (设备交付率: 100 % reported in September, none since), with
/// a note under the indicator table; in the workbook it stays a number, the mark in
/// its number format; the JSON says `stale` with `last_reported`.
#[test]
fn a_figure_older_than_the_month_is_marked_with_its_month() {
    use calamine::{Data, Reader};
    let t = tmp();
    let out = t.path().join("r");
    let (code, _, err) = attain_p(&[
        &"report",
        &unit(),
        &"--as-of",
        &"2026-12",
        &"--kind",
        &"yearend",
        &"--format",
        &"md,csv,html,json,xlsx",
        &"--out",
        &out,
    ]);
    assert_eq!(code, 0, "{err}");
    let md = read(&out.join("yearend.md"));
    assert!(
        md.contains("| 设备交付率 | =100% | 100.00%（9月数） |"),
        "{md}"
    );
    assert!(
        md.contains("注：标“（N月数）”的实际完成值为该指标最近一次报送的数值"),
        "{md}"
    );
    // Reported in December: not marked.
    assert!(md.contains("| 预算调整率 | =0% | 0.00% |"), "{md}");
    // The headline says so too.
    assert!(
        md.contains("1 个指标的实际完成值为 12 月之前的报送数（表中注明月份）。"),
        "{md}"
    );
    let csv = read(&out.join("yearend.csv"));
    assert!(csv.contains(",设备交付率,'=100%,100.00（9月数）,"), "{csv}");
    let html = read(&out.join("yearend.html"));
    assert!(
        html.contains("100.00%<span class=\"mark\">（9月数）</span>"),
        "{html}"
    );
    let j: Json = serde_json::from_str(&read(&out.join("yearend.json"))).unwrap();
    let row = j["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["name"] == "设备交付率")
        .unwrap();
    assert_eq!(
        (&row["stale"], &row["last_reported"]),
        (&Json::Bool(true), &Json::String("2026-09".into()))
    );
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(out.join("yearend.xlsx")).unwrap();
    let s = wb.worksheet_range("绩效自评表").unwrap();
    let (r, c) = s
        .cells()
        .find(|(_, _, v)| **v == Data::String("设备交付率".into()))
        .map(|(r, c, _)| (r, c))
        .unwrap();
    let (r0, c0) = s.start().unwrap();
    let (r, c) = (r0 + r as u32, c0 + c as u32);
    let actual = c + 2;
    assert_eq!(s.get_value((r, actual)), Some(&Data::Float(1.0)));
    let styles = wb.worksheet_style("绩效自评表").unwrap();
    let format = styles
        .get((r, actual))
        .and_then(|st| st.number_format.as_ref())
        .map(|f| f.format_code.clone());
    assert_eq!(format.as_deref(), Some("0.00%\"（9月数）\""));
    // The monthly progress report marks it too, and its headline counts it.
    let (code, _, err) = attain_p(&[
        &"report",
        &unit(),
        &"--as-of",
        &"2026-12",
        &"--format",
        &"md",
        &"--out",
        &out,
    ]);
    assert_eq!(code, 0, "{err}");
    let md = read(&out.join("progress.md"));
    assert!(
        md.contains("| 设备交付率 | =100% | =100% | % | 100.00%（9月数） |"),
        "{md}"
    );
    assert!(
        md.contains("总体：▲ 黄。1 个指标的累计实际为 12 月之前的报送数（表中注明月份）。"),
        "{md}"
    );
}
