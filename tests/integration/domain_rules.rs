//! Issue 10: the domain rules a 绩效 reviewer would query, as known answers on the
//! bundled example (data/jiangsu-wb-office-2026), each worked out by hand. Every
//! test failed on main before the fix; the comments say what main gave.

use std::path::{Path, PathBuf};

use serde_json::Value as Json;

use crate::util::{attain_p, read, root, tmp};

fn unit() -> PathBuf {
    root().join("data/jiangsu-wb-office-2026")
}

/// Copy the example unit folder (actuals and evaluator files included).
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

/// Replace `from` by `to` in a file of the unit (the text must be there).
fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let p = dir.join(file);
    let s = read(&p);
    assert!(s.contains(from), "{file} has no `{from}`");
    std::fs::write(&p, s.replacen(from, to, 1)).unwrap();
}

/// Run `report` of `kind` and return (the JSON, the Markdown, stderr).
fn report(dir: &Path, as_of: &str, kind: &str) -> (Json, String, String) {
    let t = tmp();
    let out = t.path().join("r");
    let (code, stdout, stderr) = attain_p(&[
        &"report", &dir, &"--as-of", &as_of, &"--kind", &kind, &"--out", &out,
    ]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    (
        serde_json::from_str(&read(&out.join(format!("{kind}.json")))).unwrap(),
        read(&out.join(format!("{kind}.md"))),
        stderr,
    )
}

fn ind<'a>(j: &'a Json, id: &str) -> &'a Json {
    j["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap()
}

fn line<'a>(j: &'a Json, name: &str) -> &'a Json {
    j["execution"]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["name"] == name)
        .unwrap()
}

/// 1. `=` targets are two-sided: 在职人员控制率 (PRO-22, =100%, weight 0.41) at 110 %.
#[test]
fn equal_target_over_the_target_is_a_deviation_and_a_rule_scores_it() {
    let t = tmp();
    let dir = t.path().join("unit");
    copy_unit(&dir);
    edit(
        &dir,
        "actuals/2026-12.csv",
        "2026-12,在职人员控制率,100%",
        "2026-12,在职人员控制率,110%",
    );
    // Default: full marks, but 偏离目标 and to explain (main: 0.41, not listed).
    let (j, md, _) = report(&dir, "2026-12", "yearend");
    let r = ind(&j, "PRO-22");
    assert_eq!(
        (r["score"].as_str(), r["off_target"].as_bool()),
        (Some("0.41"), Some(true))
    );
    assert_eq!(j["to_fill"], serde_json::json!(["PRO-22"]));
    assert!(md.contains("【偏离目标】【待填写】"), "{md}");
    assert!(
        md.contains(
            "45 个指标中 5 个未达到年度指标值、1 个偏离目标，1 个指标尚未填写偏差原因及改进措施"
        ),
        "{md}"
    );

    // Hunan: −0.5 per point over. 10 points over on 0.41 takes everything: 0
    // (main: 0.41, the deduction silently ignored).
    edit(
        &dir,
        "targets.csv",
        "在职人员控制率,=100%,=100%,0.41,latest,",
        "在职人员控制率,=100%,=100%,0.41,latest,deduct:0.5/1%",
    );
    let (j, _, _) = report(&dir, "2026-12", "yearend");
    assert_eq!(ind(&j, "PRO-22")["score"], "0.00");

    // linear-to-zero: 0.41 × (1 − 0.10 ÷ 1) = 0.369 → 0.37 (main refused the rule).
    edit(&dir, "targets.csv", "deduct:0.5/1%", "linear-to-zero");
    let (j, _, _) = report(&dir, "2026-12", "yearend");
    assert_eq!(ind(&j, "PRO-22")["score"], "0.37");
    // Below the target it is scored as ≥: 95 % → 0.41 × 0.95 = 0.3895 → 0.39.
    edit(
        &dir,
        "actuals/2026-12.csv",
        "2026-12,在职人员控制率,110%",
        "2026-12,在职人员控制率,95%",
    );
    let (j, _, _) = report(&dir, "2026-12", "yearend");
    let r = ind(&j, "PRO-22");
    assert_eq!(
        (r["score"].as_str(), r["off_target"].as_bool()),
        (Some("0.39"), Some(false))
    );
}

/// 2. Qualitative tiers: half-open bands, defaults inside them, edges a setting.
#[test]
fn partly_achieved_defaults_to_the_middle_of_its_band() {
    // 基础信息完善性 (PRO-12, 0.42) is 基本完善 at June: 部分达成, [0.252, 0.336) of
    // 0.42; the default is the midpoint, 0.294 → 0.29 (main: 0.8 w = 0.34, which the
    // manual-score check refused).
    let (j, _, _) = report(&unit(), "2026-06", "midyear");
    assert_eq!(ind(&j, "PRO-12")["score"], "0.29");
    // Its own score as a manual score passes the check.
    let t = tmp();
    let dir = t.path().join("unit");
    copy_unit(&dir);
    std::fs::write(
        dir.join("adjustments.csv"),
        "indicator,period,score,reason\n基础信息完善性,H1,0.29,按部分达成档中段计分\n",
    )
    .unwrap();
    let (j, _, _) = report(&dir, "2026-06", "midyear");
    assert_eq!(ind(&j, "PRO-12")["score"], "0.29");
    // The band's top, 0.336, belongs to 达成: refused for 部分达成.
    std::fs::write(
        dir.join("adjustments.csv"),
        "indicator,period,score,reason\n基础信息完善性,H1,0.336,复核\n",
    )
    .unwrap();
    let out = t.path().join("r");
    let (code, _, err) = attain_p(&[
        &"report", &dir, &"--as-of", &"2026-06", &"--kind", &"midyear", &"--out", &out,
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("(0.252 to 0.336 of 0.42, the top excluded)"),
        "{err}"
    );
    // Hubei's 80/50 bands: 部分达成 [50 %, 80 %), midpoint 65 %: 0.273 → 0.27.
    std::fs::remove_file(dir.join("adjustments.csv")).unwrap();
    edit(
        &dir,
        "unit.toml",
        "partly_from = \"60\"",
        "partly_from = \"50\"",
    );
    let (j, _, _) = report(&dir, "2026-06", "midyear");
    assert_eq!(ind(&j, "PRO-12")["score"], "0.27");
}

/// 3. 序时进度 is time elapsed; the milestone path is 目标进度.
#[test]
fn time_elapsed_is_shown_beside_the_milestone_path() {
    // June: 303.05 / 735.55 = 41.20 %; 目标进度 46 % (4.80 behind); 序时进度 6 ÷ 12 =
    // 50 % (8.80 behind). Main: "低于序时进度 46.00% 4.80 个百分点".
    let (j, md, _) = report(&unit(), "2026-06", "progress");
    let e = &j["execution"];
    assert_eq!(
        (
            e["expected"].as_str(),
            e["time_elapsed"].as_str(),
            e["expected_path"].as_str()
        ),
        (Some("0.4600"), Some("0.5000"), Some("milestone"))
    );
    assert!(
        md.contains("低于目标进度 46.00% 4.80 个百分点，低于序时进度 50.00% 8.80 个百分点"),
        "{md}"
    );
    assert!(
        md.contains("| 预算项目 | 全年预算数（万元） | 累计支出（万元） | 执行率（%） | 目标进度（%） | 序时进度（%） |"),
        "{md}"
    );
    // March: 3 ÷ 12 = 25 %.
    let (j, _, _) = report(&unit(), "2026-03", "progress");
    assert_eq!(j["execution"]["time_elapsed"], "0.2500");
}

/// 6. A 合计 is the sum of its lines or says what it is; one forecast per figure.
#[test]
fn totals_add_up() {
    let (j, md, _) = report(&unit(), "2026-06", "progress");
    let amount = |v: &Json| v.as_str().unwrap().parse::<f64>().unwrap();
    // The plan forecast: the total is the top-level lines' sum, a parent its
    // children's (main: 合计 700.25 vs lines 577.56 + 122.05 = 699.61).
    let total = amount(&j["execution"]["forecast_plan"]);
    let lines = amount(&line(&j, "基本支出")["forecast_plan"])
        + amount(&line(&j, "项目支出")["forecast_plan"]);
    assert_eq!(j["execution"]["forecast_plan"], "735.55");
    assert!((total - lines).abs() < 0.001, "{total} vs {lines}");
    let kids = amount(&line(&j, "环境国际合作及履约")["forecast_plan"])
        + amount(&line(&j, "办公设备购置")["forecast_plan"]);
    assert!((amount(&line(&j, "项目支出")["forecast_plan"]) - kids).abs() < 0.001);
    // The run-rate forecast adds up too: 550.00 + 56.10 = 606.10.
    assert_eq!(j["execution"]["forecast"], "606.10");
    assert_eq!(
        (
            line(&j, "基本支出")["forecast"].as_str(),
            line(&j, "项目支出")["forecast"].as_str()
        ),
        (Some("550.00"), Some("56.10"))
    );
    // The pace needed (review point 9): a per-month rate, the total's own figure
    // rounded once, (735.55 − 303.05) ÷ 6 = 72.083 → 72.08, not the rounded lines'
    // 52.93 + 19.16 = 72.09; amounts (the forecasts) still add up to the cent.
    assert_eq!(j["execution"]["pace_needed"], "72.08");
    assert_eq!(line(&j, "项目支出")["pace_needed"], "19.16");
    // The total's gap follows the 预算执行率 target (−35.30 against lines adding to
    // −35.94) and the footnote says so.
    assert_eq!(j["execution"]["gap_amount"], "-35.30");
    // A parent line's gap in 万元 is its lines' as printed: in January 项目支出 is
    // behind its lines' paths by 48.99 ÷ 6 = 8.165 − 0 spent, while its lines print
    // −3.83 and −4.33 (23 ÷ 6, 25.99 ÷ 6): −8.16, not −8.17.
    let (jan, _, _) = report(&unit(), "2026-01", "progress");
    let gap = |name: &str| line(&jan, name)["gap_amount"].as_str().unwrap().to_string();
    assert_eq!(
        (
            gap("环境国际合作及履约"),
            gap("办公设备购置"),
            gap("项目支出")
        ),
        (
            "-3.83".to_string(),
            "-4.33".to_string(),
            "-8.16".to_string()
        )
    );
    assert!(
        md.contains(
            "合计行的目标进度、偏差与灯号按预算执行率目标计算，故其偏差（万元）不等于各行之和"
        ),
        "{md}"
    );
    // Midyear: the funds block shows the run-rate forecast the 预算执行率 row uses
    // (606.10 = 82.40 % of 735.55) beside the plan's (main: only 700.25, 95.2 %).
    let (j, md, _) = report(&unit(), "2026-06", "midyear");
    assert_eq!(ind(&j, "PRO-03")["forecast"], "0.8240");
    assert!(
        md.contains("| **合计** | **735.55** | **303.05** | **41.20%** | **606.10** | **735.55** | **● 绿** |"),
        "{md}"
    );
}

/// 7. The plan forecast keeps a deferred shortfall.
#[test]
fn plan_forecast_keeps_the_deferred_shortfall() {
    // 办公设备购置 at June: 10.00 spent, its path 25.99 (96.29 %), procurement moved
    // to July. Plan kept: 10.00 + the remaining 1.00 + the 15.99 deferred = 26.99
    // (main: 11.00; the actual year end is 26.15).
    let (j, _, _) = report(&unit(), "2026-06", "progress");
    assert_eq!(line(&j, "办公设备购置")["forecast_plan"], "26.99");
    // In December the forecast is what was spent.
    let (j, _, _) = report(&unit(), "2026-12", "progress");
    assert_eq!(line(&j, "办公设备购置")["forecast_plan"], "26.15");
    assert_eq!(j["execution"]["forecast_plan"], "731.51");
}

/// 9. Red budget lines count in the headline and the overall light.
#[test]
fn red_budget_lines_count_in_the_headline_and_overall_light() {
    // June: 项目支出 (19.62 % of its 34.26 % path: 57 %) and 办公设备购置 (37.05 % of
    // 96.29 %: 38 %) are red. Main: "红灯 0 个 … 总体：▲ 黄", light "yellow".
    let (j, md, _) = report(&unit(), "2026-06", "progress");
    assert_eq!(j["light"], "red");
    assert!(
        md.contains("4 个预算项目中：绿灯 1 个，黄灯 1 个，红灯 2 个，暂无数据 0 个。总体：■ 红。"),
        "{md}"
    );
    let (code, stdout, _) = attain_p(&[
        &"report",
        &unit(),
        &"--as-of",
        &"2026-06",
        &"--out",
        &tmp().path().join("r"),
    ]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("Red budget lines:\n  ■ 项目支出\n  ■ 办公设备购置"),
        "{stdout}"
    );
}

/// 10. Reported rates that spending, budget and plan contradict are warned about.
#[test]
fn reported_rates_are_cross_checked_with_the_ledger() {
    // 结转结余率 reported 0 % at year end; the ledger leaves 735.55 − 731.51 = 4.04
    // 万元 unspent: 4.04 ÷ 735.55 = 0.55 %. 支付进度符合率 92 % at June against
    // 303.05 ÷ 338.99 (the half-year plan) = 89.40 %; 98 % in December against
    // 731.51 ÷ 735.55 = 99.45 %. Main said nothing.
    let (code, _, err) = attain_p(&[&"check", &unit()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: `结转结余率` is reported as 0.00% for 2026-12, but the ledger leaves 4.04 of 735.55 万元 unspent at year end: 0.55%"),
        "{err}"
    );
    assert!(err.contains("actuals/2026-12.csv:11"), "{err}");
    assert!(
        err.contains("`支付进度符合率` is reported as 92.00% for 2026-06, but 303.05 万元 spent against 338.99 万元 planned to 2026-06: 89.40%"),
        "{err}"
    );
    assert!(err.contains("actuals/2026-06.csv:15"), "{err}");
    assert!(err.contains("98.00% for 2026-12"), "{err}");

    // With plan.csv the plan is the unit's own: March, 130.25 + 3.20 = 133.45 spent
    // against (40 + 1 + 1) × 3 = 126 planned: 105.91 %; reported 95 % → warned.
    let t = tmp();
    let dir = t.path().join("unit");
    copy_unit(&dir);
    let mut plan = String::from("month,line,amount\n");
    for m in 1..=12 {
        plan.push_str(&format!("2026-{m:02},基本支出,40\n2026-{m:02},环境国际合作及履约,1\n2026-{m:02},办公设备购置,1\n"));
    }
    std::fs::write(dir.join("plan.csv"), plan).unwrap();
    let (code, _, err) = attain_p(&[&"check", &dir]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("`支付进度符合率` is reported as 95.00% for 2026-03, but 133.45 万元 spent against 126.00 万元 planned to 2026-03: 105.91%"),
        "{err}"
    );
    assert!(err.contains("actuals/2026-03.csv:8"), "{err}");
    // Within the tolerance (a setting) nothing is said.
    edit(
        &dir,
        "unit.toml",
        "cross_check_tolerance = \"0.005\"",
        "cross_check_tolerance = \"0.5\"",
    );
    let (_, _, err) = attain_p(&[&"check", &dir]);
    assert!(!err.contains("is reported as"), "{err}");
}
