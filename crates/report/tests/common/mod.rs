//! Sample chart inputs shared by the chart tests and the `charts` example.
#![allow(dead_code)]

use attain_core::{Decimal, Month};
use attain_report::chart::{ExecutionCurve, IndicatorBar, IndicatorProgress, Light, Milestone};
use rust_decimal_macros::dec;

/// Whether this run is under CI, where a test that cannot run (no browser, no CJK
/// font) is a failure, not a skip. One rule for every test: the variable `CI` set to
/// anything but empty, `false` or `0`.
pub fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0")
}

pub fn m(n: u8) -> Month {
    Month::new(2026, n).unwrap()
}

/// The milestone path: 0 → 46 % at June → 100 % at December.
pub fn milestone_path(h1: Decimal, fy: Decimal) -> Vec<(Month, Decimal)> {
    (1..=12u8)
        .map(|k| {
            let r = if k <= 6 {
                h1 * Decimal::from(k) / dec!(6)
            } else {
                h1 + (fy - h1) * Decimal::from(k - 6) / dec!(6)
            };
            (m(k), r)
        })
        .collect()
}

pub fn curve() -> ExecutionCurve {
    let actual = [
        dec!(0.031),
        dec!(0.084),
        dec!(0.152),
        dec!(0.240),
        dec!(0.326),
        dec!(0.412),
    ];
    ExecutionCurve {
        title: "2026年 部门预算执行率（合计）".into(),
        year: 2026,
        as_of: m(6),
        actual: actual
            .iter()
            .enumerate()
            .map(|(i, r)| (m(i as u8 + 1), *r))
            .collect(),
        reference: milestone_path(dec!(0.46), dec!(1)),
        reference_label: "序时进度（里程碑）".into(),
        milestones: vec![
            Milestone {
                month: m(6),
                rate: dec!(0.46),
                label: "半年目标".into(),
            },
            Milestone {
                month: m(12),
                rate: dec!(1.00),
                label: "全年目标".into(),
            },
        ],
        forecast: (6..=12u8)
            .map(|k| (m(k), dec!(0.412) + dec!(0.083) * Decimal::from(k - 6)))
            .collect(),
        forecast_label: String::new(),
        gap_pp: Some(dec!(-4.8)),
    }
}

pub fn progress() -> IndicatorProgress {
    let bar = |name: &str, a: Option<Decimal>, h1: Option<Decimal>, e: Option<Decimal>, light| {
        IndicatorBar {
            name: name.into(),
            actual_pct_of_fy: a,
            h1_pct_of_fy: h1,
            expected_pct_of_fy: e,
            light,
            qualitative: None,
        }
    };
    IndicatorProgress {
        title: "2026年 绩效指标完成进度（截至6月）".into(),
        rows: vec![
            bar(
                "部门预算执行率",
                Some(dec!(0.412)),
                Some(dec!(0.46)),
                Some(dec!(0.46)),
                Light::Green,
            ),
            bar(
                "政府采购完成率",
                Some(dec!(0.38)),
                Some(dec!(0.5)),
                Some(dec!(0.5)),
                Light::Yellow,
            ),
            bar(
                "培训人次",
                Some(dec!(0.22)),
                Some(dec!(0.5)),
                Some(dec!(0.5)),
                Light::Red,
            ),
            bar(
                "课题结题数",
                Some(dec!(0.85)),
                Some(dec!(0.4)),
                Some(dec!(0.4)),
                Light::Blue,
            ),
            bar("信息系统上线数", None, None, None, Light::None),
            IndicatorBar {
                name: "服务对象满意度".into(),
                actual_pct_of_fy: None,
                h1_pct_of_fy: None,
                expected_pct_of_fy: None,
                light: Light::Green,
                qualitative: Some("达成".into()),
            },
            IndicatorBar {
                name: "内控制度建设".into(),
                actual_pct_of_fy: None,
                h1_pct_of_fy: None,
                expected_pct_of_fy: None,
                light: Light::Yellow,
                qualitative: Some("部分达成".into()),
            },
        ],
        list_title: String::new(),
    }
}
