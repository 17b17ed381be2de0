//! The chart builders against the example unit: every point of a chart traced back to
//! the engine's figures, worked out by hand where they are new.

use std::path::{Path, PathBuf};

use attain_core::actuals::MonthlyPlan;
use attain_core::progress::{Inputs, Progress};
use attain_core::settings::ExpectedPath;
use attain_core::{Decimal, Model, Month};
use attain_report::chart::{ChartStyle, Light};
use attain_report::chart_data::{
    execution_line, execution_total, indicator_progress, run_rate_forecast, svg_files,
};
use attain_report::progress::{build, ProgressReport};
use attain_report::Lang;
use rust_decimal_macros::dec;

fn unit_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/jiangsu-wb-office-2026")
}

fn m(n: u8) -> Month {
    Month::new(2026, n).unwrap()
}

fn evaluate(model: &Model, plan: Option<&MonthlyPlan>, as_of: u8) -> Progress {
    let loaded = attain_ingest::load_all(&unit_dir()).expect("the example unit loads");
    Inputs {
        model,
        actuals: &loaded.actuals.actuals,
        plan,
    }
    .evaluate(m(as_of))
}

fn report(as_of: u8) -> ProgressReport {
    let loaded = attain_ingest::load_all(&unit_dir()).expect("the example unit loads");
    let model = &loaded.unit.model;
    build(model, &evaluate(model, None, as_of))
}

#[test]
fn total_curve_in_june() {
    let r = report(6);
    let c = execution_total(&r, Lang::Zh);
    assert_eq!(c.title, "2026年 预算执行率（合计）");
    assert_eq!((c.year, c.as_of), (2026, m(6)));
    // Actual: the engine's monthly cumulative rates, January to June.
    assert_eq!(c.actual.len(), 6);
    assert_eq!(c.actual[5], (m(6), dec!(303.05) / dec!(735.55)));
    assert_eq!(c.actual[2].1.round_dp(4), dec!(0.1814));
    // Reference: the milestone path, 46 % at June, 100 % at December.
    assert_eq!(c.reference.len(), 12);
    assert_eq!(c.reference[5], (m(6), dec!(0.46)));
    assert_eq!(c.reference[8], (m(9), dec!(0.73)));
    assert_eq!(c.reference[11], (m(12), dec!(1)));
    assert_eq!(c.reference_label, "目标进度（里程碑路径）");
    // Milestones from the 预算执行率 targets (=46%, =100%).
    let ms: Vec<(Month, Decimal, &str)> = c
        .milestones
        .iter()
        .map(|x| (x.month, x.rate, x.label.as_str()))
        .collect();
    assert_eq!(
        ms,
        [(m(6), dec!(0.46), "半年目标"), (m(12), dec!(1), "全年目标")]
    );
    // Forecast: the run rate, rate × k / 6 for k = 6 … 12; December is 606.10 / 735.55.
    assert_eq!(c.forecast.len(), 7);
    assert_eq!(c.forecast[0], c.actual[5]);
    assert_eq!(
        c.forecast[6].1.round_dp(10),
        (dec!(606.10) / dec!(735.55)).round_dp(10)
    );
    assert_eq!(c.forecast[6].1.round_dp(4), dec!(0.8240));
    assert_eq!(c.forecast_label, "按1–6月月均进度预测");
    // Gap: 41.20 % − 46 % in percentage points.
    assert_eq!(c.gap_pp.map(|g| g.round_dp(2)), Some(dec!(-4.80)));
}

#[test]
fn line_curves_use_their_own_plan() {
    let r = report(6);
    // 办公设备购置: half-year plan 25.99 of 26.99 = 96.29 %; spent 10.00.
    let line = r.lines.iter().find(|l| l.name == "办公设备购置").unwrap();
    let c = execution_line(&r, line, Lang::Zh);
    assert_eq!(c.title, "2026年 预算执行率：办公设备购置");
    assert_eq!(c.milestones[0].rate, dec!(25.99) / dec!(26.99));
    assert_eq!(
        (
            c.milestones[0].label.as_str(),
            c.milestones[1].label.as_str()
        ),
        ("半年计划", "全年预算数")
    );
    assert_eq!(c.milestones[1].rate, dec!(1));
    assert_eq!(c.reference[5].1, dec!(25.99) / dec!(26.99));
    assert_eq!(c.actual[5].1, dec!(10.00) / dec!(26.99));
    assert_eq!(c.gap_pp.map(|g| g.round_dp(2)), Some(dec!(-59.24)));
    let en = execution_line(&r, line, Lang::En);
    assert_eq!(en.title, "Budget execution 2026 — 办公设备购置");
    assert_eq!(en.milestones[0].label, "Half-year plan");
    assert_eq!(en.forecast_label, "Forecast at the Jan–Jun monthly average");
}

#[test]
fn december_has_no_forecast_and_march_forecasts_from_march() {
    let dec_ = execution_total(&report(12), Lang::Zh);
    assert!(dec_.forecast.is_empty());
    assert_eq!(dec_.actual.len(), 12);
    let mar = execution_total(&report(3), Lang::Zh);
    assert_eq!(mar.forecast.len(), 10);
    assert_eq!(mar.forecast[0].0, m(3));
    // 0.1814… × 12 / 3.
    assert_eq!(
        mar.forecast[9].1,
        dec!(133.45) / dec!(735.55) * dec!(12) / dec!(3)
    );
    assert_eq!(mar.forecast_label, "按1–3月月均进度预测");
    assert_eq!(run_rate_forecast(None, m(6)), vec![]);
    assert_eq!(
        run_rate_forecast(Some(dec!(0.1)), m(1)).last(),
        Some(&(m(12), dec!(1.2)))
    );
}

#[test]
fn the_reference_label_follows_the_path_used() {
    let loaded = attain_ingest::load_all(&unit_dir()).unwrap();
    let mut model = loaded.unit.model.clone();
    model.settings.expected = ExpectedPath::Linear;
    let r = build(&model, &evaluate(&model, None, 6));
    let c = execution_total(&r, Lang::Zh);
    assert_eq!(c.reference_label, "序时进度（月份÷12）");
    assert_eq!(c.reference[5].1, dec!(0.5));
    // Milestones are still the targets, whatever the reference.
    assert_eq!(c.milestones[0].rate, dec!(0.46));

    // `plan` without a plan falls back to the milestone path, and says so.
    model.settings.expected = ExpectedPath::Plan;
    let r = build(&model, &evaluate(&model, None, 6));
    assert_eq!(
        execution_total(&r, Lang::Zh).reference_label,
        "目标进度（里程碑路径）"
    );
    assert_eq!(r.expected_path, ExpectedPath::Milestone);

    // With a plan that covers one leaf only, that leaf follows the plan and the rest
    // (and the total) the milestone path.
    let mut plan = MonthlyPlan::default();
    for k in 1..=12u8 {
        plan.amounts
            .insert(("办公设备购置".to_string(), m(k)), dec!(2.24));
    }
    let r = build(&model, &evaluate(&model, Some(&plan), 6));
    let equipment = r.lines.iter().find(|l| l.name == "办公设备购置").unwrap();
    let c = execution_line(&r, equipment, Lang::En);
    assert_eq!(c.reference_label, "Planned progress (monthly plan)");
    assert_eq!(c.reference[5].1, dec!(13.44) / dec!(26.99));
    let basic = r.lines.iter().find(|l| l.name == "基本支出").unwrap();
    assert_eq!(
        execution_line(&r, basic, Lang::En).reference_label,
        "Milestone path"
    );
}

#[test]
fn indicator_progress_in_june() {
    let r = report(6);
    let p = indicator_progress(&r, Lang::Zh);
    assert_eq!(p.title, "2026年 绩效指标完成进度（截至6月）");
    assert_eq!(p.rows.len(), 45);
    let row = |name: &str| p.rows.iter().find(|b| b.name == name).unwrap();
    // 预算执行率: 41.20 % of its 100 % target; H1 46 %, expected 46 %.
    let e = row("预算执行率");
    assert_eq!(e.actual_pct_of_fy, Some(dec!(303.05) / dec!(735.55)));
    assert_eq!(
        (e.h1_pct_of_fy, e.expected_pct_of_fy, e.light),
        (Some(dec!(0.46)), Some(dec!(0.46)), Light::Green)
    );
    // 接待外宾人次: 24 of ≥50 = 48 %; H1 ≥15 = 30 %; expected 15 = 30 %; blue.
    let v = row("接待外宾人次");
    assert_eq!(
        (
            v.actual_pct_of_fy,
            v.h1_pct_of_fy,
            v.expected_pct_of_fy,
            v.light
        ),
        (
            Some(dec!(0.48)),
            Some(dec!(0.3)),
            Some(dec!(0.3)),
            Light::Blue
        )
    );
    assert_eq!(v.qualitative, None);
    // A rate level: 重点国家合作比率 25 % of ≥50 % = 50 %; H1 ≥20 % = 40 %.
    let k = row("重点国家合作比率");
    assert_eq!(
        (k.actual_pct_of_fy, k.h1_pct_of_fy),
        (Some(dec!(0.5)), Some(dec!(0.4)))
    );
    // Qualitative: the grade word and its light.
    let q = row("基础信息完善性");
    assert_eq!(
        (q.qualitative.as_deref(), q.light),
        (Some("基本完善"), Light::Yellow)
    );
    assert_eq!(q.actual_pct_of_fy, None);
    // Lower-is-better targets cannot be a bar: listed with their value and target.
    assert_eq!(
        row("“三公经费”变动率").qualitative.as_deref(),
        Some("−5.00%（目标 ≤0%）")
    );
    assert_eq!(row("结转结余率").qualitative.as_deref(), Some("无数据"));
    assert_eq!(row("结转结余率").light, Light::None);
    assert_eq!(
        p.rows.iter().filter(|b| b.qualitative.is_none()).count(),
        23
    );
    assert_eq!(p.list_title, "定性指标与反向指标");
    let en = indicator_progress(&r, Lang::En);
    assert_eq!(en.title, "Indicator progress 2026 (as of Jun 2026)");
    assert_eq!(en.list_title, "Qualitative and lower-is-better indicators");
}

#[test]
fn svg_files_are_named_by_position_and_titled_by_name() {
    let r = report(6);
    let files = svg_files(&r, &ChartStyle::default());
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "execution.svg",
            "execution-1.svg",
            "execution-2.svg",
            "execution-3.svg",
            "execution-4.svg",
            "indicators.svg"
        ]
    );
    for ((name, bytes), line) in files[1..5].iter().zip(&r.lines) {
        let svg = std::str::from_utf8(bytes).unwrap();
        assert!(
            svg.contains(&format!("<title>2026年 预算执行率：{}</title>", line.name)),
            "{name}"
        );
    }
    // Deterministic.
    assert_eq!(files, svg_files(&r, &ChartStyle::default()));
}
