//! Chart inputs built from the progress report: the execution curves (the total and
//! one per budget line) and the indicators' progress towards their full-year targets.
//!
//! Everything comes from the report model, which comes from the engine: the actual
//! curve is `LineStatus::monthly`, the reference is `LineStatus::expected_path`, the
//! milestones are the targets the engine used. The only figures computed here are
//! the ones a chart needs and no table shows: the forecast per month (the run rate,
//! rate × k / m for months k from the as-of month m to December, which ends at the
//! report's run-rate forecast) and percentages of the full-year target.

#[allow(unused_imports)]
use crate::chart::ChartWords as _;
use attain_core::progress::LineStatus;
use attain_core::settings::ExpectedPath;
use attain_core::{Decimal, Direction, Measure, Month, Target};

use crate::chart::{
    self, ChartError, ChartStyle, ExecutionCurve, FontSource, IndicatorBar, IndicatorProgress,
    Milestone,
};
use crate::lang::Lang;
use crate::progress::{value_text, LineRow, ProgressReport};

/// What the reference path is, as the legend says it.
pub fn reference_label(basis: ExpectedPath, lang: Lang) -> &'static str {
    match (basis, lang) {
        (ExpectedPath::Milestone, Lang::Zh) => "目标进度（里程碑路径）",
        (ExpectedPath::Plan, Lang::Zh) => "计划进度（用款计划）",
        (ExpectedPath::Linear, Lang::Zh) => "序时进度（月份÷12）",
        (ExpectedPath::Milestone, Lang::En) => "Milestone path",
        (ExpectedPath::Plan, Lang::En) => "Planned progress (monthly plan)",
        (ExpectedPath::Linear, Lang::En) => "Time elapsed (month ÷ 12)",
    }
}

/// Which forecast the dotted line is: the average monthly pace so far, continued.
pub fn forecast_label(as_of: Month, lang: Lang) -> String {
    let m = as_of.number();
    match (lang, m) {
        (Lang::Zh, 1) => "按1月进度预测".into(),
        (Lang::Zh, _) => format!("按1–{m}月月均进度预测"),
        (Lang::En, 1) => "Forecast at January's pace".into(),
        (Lang::En, _) => format!(
            "Forecast at the {}–{} monthly average",
            Lang::En.month(1),
            Lang::En.month(m)
        ),
    }
}

/// The run-rate forecast month by month: `rate × k / m` for k = m … 12. Empty in
/// December (nothing left to forecast) and without a rate (zero budget).
pub fn run_rate_forecast(rate: Option<Decimal>, as_of: Month) -> Vec<(Month, Decimal)> {
    let Some(rate) = rate else {
        return Vec::new();
    };
    if as_of.is_year_end() {
        return Vec::new();
    }
    let m = Decimal::from(as_of.elapsed());
    Month::all_of(as_of.year())
        .filter(|k| *k >= as_of)
        .map(|k| (k, rate * Decimal::from(k.elapsed()) / m))
        .collect()
}

fn curve(
    r: &ProgressReport,
    title: String,
    s: &LineStatus,
    milestones: Vec<Milestone>,
    lang: Lang,
) -> ExecutionCurve {
    ExecutionCurve {
        title,
        year: r.year,
        as_of: r.as_of,
        actual: s
            .monthly
            .iter()
            .filter_map(|(m, _, rate)| rate.map(|x| (*m, x)))
            .collect(),
        reference: s.expected_path.clone(),
        reference_label: reference_label(s.expected_basis, lang).to_string(),
        milestones,
        forecast: run_rate_forecast(s.rate, r.as_of),
        forecast_label: forecast_label(r.as_of, lang),
        gap_pp: s.gap.map(|g| g * Decimal::ONE_HUNDRED),
    }
}

fn milestone_pair(year: u16, (h1, fy): (Decimal, Decimal), labels: [&str; 2]) -> Vec<Milestone> {
    let at = |m| Month::new(year, m).expect("June and December are months");
    vec![
        Milestone {
            month: at(6),
            rate: h1,
            label: labels[0].to_string(),
        },
        Milestone {
            month: at(12),
            rate: fy,
            label: labels[1].to_string(),
        },
    ]
}

/// The total's execution curve, with the 预算执行率 half-year and full-year targets
/// as milestones.
pub fn execution_total(r: &ProgressReport, lang: Lang) -> ExecutionCurve {
    let title = match lang {
        Lang::Zh => format!("{}年 预算执行率（合计）", r.year),
        Lang::En => format!("Budget execution {} — total", r.year),
    };
    let labels = match lang {
        Lang::Zh => ["半年目标", "全年目标"],
        Lang::En => ["Half-year target", "Full-year target"],
    };
    let milestones = milestone_pair(r.year, r.milestones, labels);
    curve(r, title, &r.total, milestones, lang)
}

/// Whether the line's milestones come from its own `execution:<line>` targets (else
/// from its half-year plan and its budget).
fn has_own_targets(r: &ProgressReport, line: &str) -> bool {
    r.indicators.iter().any(|row| {
        matches!(&row.indicator.measure, Measure::Execution { line: Some(l) } if l == line)
            && row.indicator.h1.threshold().is_some()
            && row.indicator.fy.threshold().is_some()
    })
}

/// One budget line's execution curve, with its milestones: its half-year plan ratio
/// at June and 100 % at December (or its own `execution:<line>` targets).
pub fn execution_line(r: &ProgressReport, line: &LineRow, lang: Lang) -> ExecutionCurve {
    let title = match lang {
        Lang::Zh => format!("{}年 预算执行率：{}", r.year, line.name),
        Lang::En => format!("Budget execution {} — {}", r.year, line.name),
    };
    let labels = match (lang, has_own_targets(r, &line.name)) {
        (Lang::Zh, true) => ["半年目标", "全年目标"],
        (Lang::Zh, false) => ["半年计划", "全年预算数"],
        (Lang::En, true) => ["Half-year target", "Full-year target"],
        (Lang::En, false) => ["Half-year plan", "Full budget"],
    };
    let milestones = milestone_pair(r.year, line.status.milestones, labels);
    curve(r, title, &line.status, milestones, lang)
}

/// The indicators' progress: a bar per quantitative, higher-is-better indicator with
/// a full-year target above zero (actual, half-year target and expected-to-date as
/// fractions of the full-year target); every other indicator listed with a word —
/// a qualitative one with its grade, a lower-is-better one with its value and target.
pub fn indicator_progress(r: &ProgressReport, lang: Lang) -> IndicatorProgress {
    let no_data = crate::lang::W::NoData.text(lang);
    let mut listed_quantitative = false;
    let rows = r
        .indicators
        .iter()
        .map(|row| {
            let (i, s) = (&row.indicator, &row.status);
            let bar_base = match (&i.fy, i.fy.direction()) {
                (Target::Quantitative { .. }, Some(Direction::HigherIsBetter)) => {
                    i.fy.threshold().filter(|t| *t > Decimal::ZERO)
                }
                _ => None,
            };
            let qualitative =
                i.fy.is_qualitative() || (!i.fy.is_applicable() && i.h1.is_qualitative());
            let of_fy = |v: Decimal, fy: Decimal| v / fy;
            match bar_base {
                Some(fy) if !qualitative => IndicatorBar {
                    name: i.name.clone(),
                    actual_pct_of_fy: s
                        .actual
                        .as_ref()
                        .and_then(|v| v.number())
                        .map(|a| of_fy(a, fy)),
                    h1_pct_of_fy: i.h1.threshold().map(|h| of_fy(h, fy)),
                    expected_pct_of_fy: s.expected.map(|e| of_fy(e, fy)),
                    light: s.light,
                    qualitative: None,
                },
                _ => {
                    let word = match &s.actual {
                        None => no_data.to_string(),
                        Some(v) if qualitative => value_text(i, v),
                        Some(v) => {
                            listed_quantitative = true;
                            let target = i.target_in_force(r.as_of);
                            match lang {
                                Lang::Zh => format!("{}（目标 {target}）", value_text(i, v)),
                                Lang::En => format!("{} (target {target})", value_text(i, v)),
                            }
                        }
                    };
                    IndicatorBar {
                        name: i.name.clone(),
                        actual_pct_of_fy: None,
                        h1_pct_of_fy: None,
                        expected_pct_of_fy: None,
                        light: s.light,
                        qualitative: Some(word),
                    }
                }
            }
        })
        .collect();
    let title = match lang {
        Lang::Zh => format!(
            "{}年 绩效指标完成进度（截至{}月）",
            r.year,
            r.as_of.number()
        ),
        Lang::En => format!(
            "Indicator progress {} (as of {} {})",
            r.year,
            Lang::En.month(r.as_of.number()),
            r.as_of.year()
        ),
    };
    let list_title = match (lang, listed_quantitative) {
        (Lang::Zh, true) => "定性指标与反向指标",
        (Lang::En, true) => "Qualitative and lower-is-better indicators",
        _ => "",
    };
    IndicatorProgress {
        title,
        rows,
        list_title: list_title.to_string(),
    }
}

/// A chart file: its name in the report folder and its bytes.
pub type ChartFile = (String, Vec<u8>);

/// The file name of a budget line's chart: `execution-<n>` with n its 1-based
/// position in budget.csv (ASCII and stable; the chart's title names the line).
pub fn line_file_stem(index: usize) -> String {
    format!("execution-{}", index + 1)
}

/// Every chart of the report as SVG: `execution.svg` (the total), `execution-<n>.svg`
/// per budget line, `indicators.svg`.
pub fn svg_files(r: &ProgressReport, style: &ChartStyle) -> Vec<ChartFile> {
    let lang = style.lang;
    let mut out = vec![(
        "execution.svg".to_string(),
        chart::execution_svg(&execution_total(r, lang), style).into_bytes(),
    )];
    for (n, line) in r.lines.iter().enumerate() {
        out.push((
            format!("{}.svg", line_file_stem(n)),
            chart::execution_svg(&execution_line(r, line, lang), style).into_bytes(),
        ));
    }
    out.push((
        "indicators.svg".to_string(),
        chart::indicators_svg(&indicator_progress(r, lang), style).into_bytes(),
    ));
    out
}

/// The same charts as PNG, drawn with the CJK font that `font` finds; fails (naming
/// the font package to install) rather than draw boxes.
pub fn png_files(
    r: &ProgressReport,
    style: &ChartStyle,
    font: &FontSource,
) -> Result<Vec<ChartFile>, ChartError> {
    let lang = style.lang;
    // Resolve once, so that a missing font fails before anything is drawn.
    let found = font.resolve()?;
    let font = FontSource::File {
        path: found.path,
        index: Some(found.index),
    };
    let mut out = vec![(
        "execution.png".to_string(),
        chart::execution_png(&execution_total(r, lang), style, &font)?,
    )];
    for (n, line) in r.lines.iter().enumerate() {
        out.push((
            format!("{}.png", line_file_stem(n)),
            chart::execution_png(&execution_line(r, line, lang), style, &font)?,
        ));
    }
    out.push((
        "indicators.png".to_string(),
        chart::indicators_png(&indicator_progress(r, lang), style, &font)?,
    ));
    Ok(out)
}
