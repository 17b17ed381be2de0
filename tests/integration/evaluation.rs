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
    assert!(
        md.contains("0.30（人工调整；规则得分 0.29）"),
        "adjusted rows show both scores"
    );
    assert!(
        md.contains("| 过程小计 |") && md.contains("| 99.30 | 等级 优 |"),
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
    assert_eq!(j["to_fill"], serde_json::json!(["PRO-02"]));
    let p = ind(&j, "PRO-02");
    assert_eq!(
        (
            p["likelihood"].as_str(),
            p["likelihood_suggested"].as_bool()
        ),
        (Some("有可能"), Some(true))
    );
    // The budget block: 年初预算数, 1–6月执行数, 全年预计执行数 (the plan kept: the
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
            "| 预算项目 | 年初预算数 | 1–6月执行数 | 执行率 | 全年预计执行数（按当前进度） | 全年预计执行数（按计划） | 灯 |"
        ),
        "{md}"
    );
    assert!(md.contains("【待填写偏差原因】"));
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

#[test]
fn yearend_workbook_has_numbers_for_weights_and_scores() {
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
        &"xlsx",
        &"--out",
        &out,
    ]);
    assert_eq!(code, 0, "{err}");
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(out.join("yearend.xlsx")).unwrap();
    assert_eq!(wb.sheet_names(), ["预算执行", "绩效指标"]);
    let sheet = wb.worksheet_range("绩效指标").unwrap();
    let rows: Vec<&[Data]> = sheet.rows().collect();
    let total = rows
        .iter()
        .find(|r| r.get(1) == Some(&Data::String("总分".into())))
        .unwrap();
    // 分值 and 得分 are numbers: 100.00 and 99.30.
    assert_eq!(
        (&total[6], &total[7]),
        (&Data::Float(100.0), &Data::Float(99.3))
    );
    let sat = rows
        .iter()
        .find(|r| r.first() == Some(&Data::String("SAT-01".into())))
        .unwrap();
    assert_eq!(sat[7], Data::Float(9.7));
    // The adjusted row keeps its text with both scores.
    let adj = rows
        .iter()
        .find(|r| r.first() == Some(&Data::String("PRO-12".into())))
        .unwrap();
    assert_eq!(
        adj[7],
        Data::String("0.30（人工调整；规则得分 0.29）".into())
    );
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

#[test]
fn likelihood_is_suggested_from_the_path_not_the_run_rate() {
    let j = evaluate(&unit(), "2026-06", "midyear");
    // 出访团组个数: 1 by June on a path of ≥1 at June and ≥3 at December: on plan,
    // projected 1 ÷ 1 × 3 = 3 → 确定能 (the run rate 1 ÷ 6 × 12 = 2 would say otherwise).
    let d = ind(&j, "DUT-01");
    assert_eq!(
        (
            d["likelihood"].as_str(),
            d["likelihood_suggested"].as_bool()
        ),
        (Some("确定能"), Some(true))
    );
    // 举办国际会议次数: nothing expected before June (≥0次): 有可能.
    assert_eq!(ind(&j, "DUT-02")["likelihood"], "有可能");
    // 重点国家合作比率 25 % against the 20 % expected: 25 ÷ 20 × 50 % = 62.5 % → 确定能.
    assert_eq!(ind(&j, "BEN-04")["likelihood"], "确定能");
    // At year end a met target is 确定能 (1 of ≥1次).
    let y = evaluate(&unit(), "2026-12", "yearend");
    assert_eq!(ind(&y, "DUT-02")["likelihood"], "确定能");
}

#[test]
fn whole_point_rounding_keeps_full_points_on_met_targets() {
    let t = tmp();
    let dir = t.path().join("unit");
    std::fs::create_dir_all(dir.join("actuals")).unwrap();
    for f in ["unit.toml", "targets.csv", "budget.csv", "explanations.csv"] {
        std::fs::copy(unit().join(f), dir.join(f)).unwrap();
    }
    for e in std::fs::read_dir(unit().join("actuals")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join("actuals").join(p.file_name().unwrap())).unwrap();
    }
    let toml = read(&dir.join("unit.toml")).replace("rounding = \"cents\"", "rounding = \"whole\"");
    std::fs::write(dir.join("unit.toml"), toml).unwrap();
    let j = evaluate(&dir, "2026-12", "yearend");
    // Met: full points, fractional weights and all.
    assert_eq!(ind(&j, "DEC-01")["score"], "1.67");
    assert_eq!(ind(&j, "DUT-01")["score"], "4.45");
    // Partial: whole points. 10 × 0.9945 = 9.945 → 10; 4.44 × 0.95 = 4.218 → 4;
    // 0.42 × 0.98 = 0.4116 → 0; 基础信息完善性 partly: 0.336 → 0.
    assert_eq!(ind(&j, "PRO-03")["score"], "10.00");
    assert_eq!(ind(&j, "DUT-09")["score"], "4.00");
    assert_eq!(ind(&j, "PRO-02")["score"], "0.00");
}

#[test]
fn check_catches_bad_evaluator_files_before_a_report_does() {
    for (file, content, expect) in [
        (
            "adjustments.csv",
            "indicator,period,score,reason\n基础信息完善性,FY,0.40,已基本完成\n",
            "outside the band of its tier 部分达成",
        ),
        (
            "explanations.csv",
            "indicator,period,cause,likelihood,measures\n设备完好率,FY,资金问题,不可能,无\n",
            "(cause)",
        ),
    ] {
        let t = tmp();
        let dir = t.path().join("unit");
        std::fs::create_dir_all(dir.join("actuals")).unwrap();
        for f in ["unit.toml", "targets.csv", "budget.csv"] {
            std::fs::copy(unit().join(f), dir.join(f)).unwrap();
        }
        for e in std::fs::read_dir(unit().join("actuals")).unwrap() {
            let p = e.unwrap().path();
            std::fs::copy(&p, dir.join("actuals").join(p.file_name().unwrap())).unwrap();
        }
        std::fs::write(dir.join(file), content).unwrap();
        let (code, out, err) = attain_p(&[&"check", &dir]);
        assert_eq!(code, 1, "{file}: {out}");
        assert!(
            err.contains(&format!("{file}:2")) && err.contains(expect),
            "{file}: {err}"
        );
    }
}

#[test]
fn a_year_end_table_before_december_says_it_is_provisional_in_every_format() {
    let t = tmp();
    let out = t.path().join("r");
    let (code, _, err) = attain_p(&[
        &"report",
        &unit(),
        &"--as-of",
        &"2026-06",
        &"--kind",
        &"yearend",
        &"--format",
        &"md,csv,html",
        &"--out",
        &out,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("a year-end evaluation as of 2026-06: the scores are provisional"),
        "{err}"
    );
    assert!(read(&out.join("yearend.md")).starts_with(
        "# 江苏省环境保护利用世界银行贷款项目办公室 2026 年度绩效自评表（预评估，截至 6 月）"
    ));
    assert!(read(&out.join("yearend.csv"))
        .trim_end()
        .ends_with("注：截至 6 月的预评估，非年度结果,,,,,,,,"));
    assert!(read(&out.join("yearend.html")).contains("<title>江苏省环境保护利用世界银行贷款项目办公室 2026 年度绩效自评表（预评估，截至 6 月）</title>"));
}

#[test]
fn english_evaluation_labels_are_english() {
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
        &"md",
        &"--lang",
        &"en",
        &"--out",
        &out,
    ]);
    assert_eq!(code, 0, "{err}");
    let md = read(&out.join("midyear.md"));
    for zh in ["个百分点", "（建议）", "全年预计"] {
        assert!(!md.contains(zh), "{zh} in the English report");
    }
    assert!(
        md.contains("−4.80 pp")
            && md.contains("possible (suggested)")
            && md.contains("优 (excellent)"),
        "{md}"
    );
}
