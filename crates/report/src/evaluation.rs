//! The two evaluations a unit writes about itself (DOMAIN.md §2):
//!
//! * **mid-year monitoring** (绩效运行监控, "双监控"): as of a month (June by default,
//!   Jan–Jul or Jan–Aug in some provinces), every indicator against its half-year
//!   target with the deviation, light, full-year forecast, 完成目标可能性, 偏差原因 and
//!   改进措施, and the budget block (年初预算数, 1–N月执行数, 全年预计执行数);
//! * **year-end self-evaluation** (绩效自评): every indicator against its full-year
//!   target, weight (分值), score (得分) and explanation, block subtotals, the total
//!   out of 100 and the grade.
//!
//! Both are scored with [`attain_core::scoring`]; manual adjustments replace the
//! rule's score only with a reason, and reports show both.

use attain_core::fmt::{fixed, percent, plain, round};
use attain_core::progress::{IndicatorStatus, Light, LineStatus, Progress};
use attain_core::scoring::{
    apply_adjustments, score_indicator, suggest_likelihood, Adjustment, Explanation, Likelihood,
    RowScore, Scorecard,
};
use attain_core::{Check, Decimal, Indicator, Model, Month, Period, Value};
use serde_json::{json, Value as Json};

use crate::lang::Lang;
use crate::progress::{amount_str, light_cell, rate_str, value_json, value_text};

/// Which evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Midyear,
    Yearend,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Midyear => "midyear",
            Kind::Yearend => "yearend",
        }
    }

    pub fn period(self) -> Period {
        match self {
            Kind::Midyear => Period::H1,
            Kind::Yearend => Period::FullYear,
        }
    }
}

/// One indicator in an evaluation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvalRow {
    pub indicator: Indicator,
    pub status: IndicatorStatus,
    pub score: RowScore,
    /// actual − target, in the actual's terms (a fraction for rates).
    pub deviation: Option<Decimal>,
    /// (actual − target) ÷ target.
    pub deviation_rate: Option<Decimal>,
    pub explanation: Option<Explanation>,
    /// The explanation's likelihood, else the one suggested from the forecast.
    pub likelihood: Option<Likelihood>,
    pub likelihood_suggested: bool,
    /// Below target and not explained: 偏差原因 still to fill.
    pub to_fill: bool,
}

/// A mid-year or year-end evaluation as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvaluationReport {
    pub kind: Kind,
    pub unit: String,
    pub year: u16,
    pub as_of: Month,
    pub total: LineStatus,
    pub lines: Vec<LineStatus>,
    pub rows: Vec<EvalRow>,
    pub scorecard: Scorecard,
    /// The grade bands scored with.
    pub bands: attain_core::settings::GradeBands,
    /// The progress report as of the same month, for the charts.
    pub progress: crate::progress::ProgressReport,
}

impl EvaluationReport {
    pub fn period(&self) -> Period {
        self.kind.period()
    }

    /// Rows below target without an explanation.
    pub fn to_fill(&self) -> impl Iterator<Item = &EvalRow> {
        self.rows.iter().filter(|r| r.to_fill)
    }
}

/// Build an evaluation. Refused manual adjustments come back as errors (with the
/// indicator id as subject).
pub fn build(
    model: &Model,
    progress: &Progress,
    kind: Kind,
    adjustments: &[Adjustment],
    explanations: &[Explanation],
) -> Result<EvaluationReport, Vec<Check>> {
    let period = kind.period();
    let settings = &model.settings.scoring;
    let mut scores: Vec<RowScore> = model
        .indicators
        .iter()
        .zip(&progress.indicators)
        .map(|(i, s)| score_indicator(i, period, s.actual.as_ref(), settings))
        .collect();
    let errors = apply_adjustments(&mut scores, adjustments, period);
    if !errors.is_empty() {
        return Err(errors);
    }
    let scorecard = Scorecard::build(scores, settings);
    let rows = model
        .indicators
        .iter()
        .zip(&progress.indicators)
        .zip(&scorecard.rows)
        .map(|((ind, status), score)| {
            let t = ind.target(period);
            let (deviation, deviation_rate) = match (
                t.threshold(),
                status.actual.as_ref().and_then(Value::number),
            ) {
                (Some(t), Some(a)) => (Some(a - t), (!t.is_zero()).then(|| (a - t) / t)),
                _ => (None, None),
            };
            let explanation = explanations
                .iter()
                .find(|e| e.id == ind.id && e.period == period)
                .cloned();
            let suggested = suggestion(ind, status, &model.settings.lights);
            let likelihood = explanation.as_ref().map(|e| e.likelihood).or(suggested);
            let below = score.is_applicable() && score.met == Some(false);
            EvalRow {
                indicator: ind.clone(),
                status: status.clone(),
                score: score.clone(),
                deviation,
                deviation_rate,
                likelihood,
                likelihood_suggested: explanation.is_none() && suggested.is_some(),
                // Below target, or off an `=` target (偏离目标): to explain.
                to_fill: (below || score.deviation) && explanation.is_none(),
                explanation,
            }
        })
        .collect();
    let mut lines = progress.lines.clone();
    let mut total = progress.total.clone();
    crate::progress::add_up_to_the_cent(&mut lines, &mut total);
    Ok(EvaluationReport {
        kind,
        unit: model.unit.name.clone(),
        year: model.unit.year,
        as_of: progress.as_of,
        total,
        lines,
        rows,
        scorecard,
        bands: settings.grades.clone(),
        progress: crate::progress::build(model, progress),
    })
}

/// The likelihood of meeting the full-year target, suggested from where the indicator
/// stands against its expected path: a count or level on a higher-is-better path is
/// projected to December at the same share of the path (actual ÷ expected-to-date ×
/// full-year target), so that an indicator on plan is 确定能 even when its work falls
/// in the second half; with nothing expected yet it is 有可能. Lower-is-better and
/// qualitative indicators are judged on their latest value.
fn suggestion(
    ind: &Indicator,
    status: &IndicatorStatus,
    lights: &attain_core::settings::Lights,
) -> Option<Likelihood> {
    use attain_core::Direction;
    let projected = match (
        &status.actual,
        status.expected,
        ind.fy.threshold(),
        ind.fy.direction(),
    ) {
        (Some(Value::Number(a)), Some(e), Some(fy), Some(Direction::HigherIsBetter)) => {
            if ind.fy.comparator().is_some_and(|c| c.is_met(*a, fy)) {
                Some(Value::Number(*a))
            } else if e > Decimal::ZERO {
                a.checked_mul(fy)
                    .and_then(|x| x.checked_div(e))
                    .map(Value::Number)
            } else {
                return Some(Likelihood::Possible);
            }
        }
        _ => status.forecast.clone(),
    };
    projected.and_then(|f| suggest_likelihood(&ind.fy, &f, lights))
}

fn deviation_text(r: &EvalRow, lang: Lang) -> (String, String) {
    let i = &r.indicator;
    let d = match r.deviation {
        Some(d) if i.is_percent() => {
            let s = fixed(d * Decimal::ONE_HUNDRED, 2).replace('-', "−");
            match lang {
                Lang::Zh => format!("{s} 个百分点"),
                Lang::En => format!("{s} pp"),
            }
        }
        Some(d) => {
            let unit = i.unit().map(|u| u.as_str()).unwrap_or("");
            format!("{}{unit}", plain(round(d, 2)).replace('-', "−"))
        }
        None => String::new(),
    };
    let p = r
        .deviation_rate
        .map(|p| percent(p, 2).replace('-', "−"))
        .unwrap_or_default();
    (d, p)
}

fn score_cell(r: &RowScore, lang: Lang) -> String {
    if !r.is_applicable() {
        return match lang {
            Lang::Zh => "不适用".into(),
            Lang::En => "n/a".into(),
        };
    }
    if r.adjusted {
        match lang {
            Lang::Zh => format!(
                "{}（人工调整；规则得分 {}）",
                fixed(r.score, 2),
                fixed(r.rule_score, 2)
            ),
            Lang::En => format!(
                "{} (adjusted; rule gives {})",
                fixed(r.score, 2),
                fixed(r.rule_score, 2)
            ),
        }
    } else {
        fixed(r.score, 2)
    }
}

fn likelihood_cell(r: &EvalRow, lang: Lang) -> String {
    match (r.likelihood, r.likelihood_suggested, lang) {
        (None, _, _) => String::new(),
        (Some(l), false, Lang::Zh) => l.zh().to_string(),
        (Some(l), false, Lang::En) => l.en().to_string(),
        (Some(l), true, Lang::Zh) => format!("{}（建议）", l.zh()),
        (Some(l), true, Lang::En) => format!("{} (suggested)", l.en()),
    }
}

fn explanation_cell(r: &EvalRow, lang: Lang) -> String {
    let mut parts = Vec::new();
    if r.score.deviation {
        parts.push(match lang {
            Lang::Zh => "【偏离目标】".to_string(),
            Lang::En => "[off target]".to_string(),
        });
    }
    if let Some(e) = &r.explanation {
        parts.push(format!("{}：{}", e.cause.zh(), e.measures));
    } else if r.to_fill {
        parts.push(match lang {
            Lang::Zh => "【待填写偏差原因】".to_string(),
            Lang::En => "[explanation to fill]".to_string(),
        });
    }
    if let Some(reason) = r.score.reason.as_ref().filter(|_| r.score.adjusted) {
        parts.push(match lang {
            Lang::Zh => format!("调整理由：{reason}"),
            Lang::En => format!("adjustment: {reason}"),
        });
    }
    parts.join("；")
}

/// The budget block: per line and in total, 年初预算数, 1–N月执行数, 执行率, 全年预计执行数.
pub fn budget_table(r: &EvaluationReport, lang: Lang) -> (Vec<String>, Vec<Vec<String>>) {
    let n = r.as_of.number();
    let header = match lang {
        Lang::Zh => vec![
            "预算项目".into(),
            "年初预算数".into(),
            format!("1–{n}月执行数"),
            "执行率".into(),
            "全年预计执行数（按当前进度）".into(),
            "全年预计执行数（按计划）".into(),
            "灯".into(),
        ],
        Lang::En => vec![
            "Budget line".into(),
            "Budget".into(),
            format!(
                "Spent Jan–{} {}",
                Lang::En.month(r.as_of.number()),
                r.as_of.year()
            ),
            "Rate".into(),
            "Year-end forecast (run rate)".into(),
            "Year-end forecast (plan)".into(),
            "Light".into(),
        ],
    };
    let row = |name: String, s: &LineStatus| {
        vec![
            name,
            amount_str(s.budget),
            amount_str(s.spent),
            s.rate.map(|x| percent(x, 2)).unwrap_or_default(),
            amount_str(s.forecast_run_rate),
            amount_str(s.forecast_plan),
            light_cell(s.light, lang),
        ]
    };
    let mut rows: Vec<Vec<String>> = r
        .lines
        .iter()
        .map(|l| row(format!("{}{}", "\u{3000}".repeat(l.depth), l.name), l))
        .collect();
    rows.push(row(
        if lang == Lang::Zh {
            "合计".into()
        } else {
            "Total".into()
        },
        &r.total,
    ));
    (header, rows)
}

/// The columns of [`midyear_table`] / [`yearend_table`] that hold points (分值, 得分),
/// for renderers that write numbers as numbers. Keep in step with the tables.
pub fn points_columns(kind: Kind) -> [usize; 2] {
    match kind {
        Kind::Midyear => [12, 13],
        Kind::Yearend => [6, 7],
    }
}

/// The header of the mid-year monitoring table (`n`: the as-of month).
fn midyear_header(lang: Lang, n: u8) -> Vec<String> {
    match lang {
        Lang::Zh => [
            "编号",
            "一级",
            "二级",
            "三级指标",
            "半年指标值",
            &format!("1–{n}月完成值"),
            "偏差值",
            "偏差率",
            "灯",
            "全年预计（按当前进度）",
            "完成目标可能性",
            "偏差原因及改进措施",
            "分值",
            "得分",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        Lang::En => [
            "Id",
            "Level 1",
            "Level 2",
            "Indicator",
            "H1 target",
            "Actual to date",
            "Deviation",
            "Deviation %",
            "Light",
            "Year-end forecast (run rate)",
            "Likelihood",
            "Cause and measures",
            "Weight",
            "Score",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
    }
}

/// The indicator table of the mid-year monitoring.
pub fn midyear_table(r: &EvaluationReport, lang: Lang) -> (Vec<String>, Vec<Vec<String>>) {
    let header = midyear_header(lang, r.as_of.number());
    let rows = r
        .rows
        .iter()
        .map(|row| {
            let i = &row.indicator;
            let (d, p) = deviation_text(row, lang);
            vec![
                i.id.to_string(),
                i.level1.name().to_string(),
                i.level2.clone(),
                i.name.clone(),
                i.h1.to_string(),
                row.status
                    .actual
                    .as_ref()
                    .map(|v| value_text(i, v))
                    .unwrap_or_else(|| no_data(lang)),
                d,
                p,
                light_cell(row.status.light, lang),
                row.status
                    .forecast
                    .as_ref()
                    .map(|v| value_text(i, v))
                    .unwrap_or_default(),
                likelihood_cell(row, lang),
                explanation_cell(row, lang),
                fixed(row.score.weight, 2),
                score_cell(&row.score, lang),
            ]
        })
        .collect();
    (header, rows)
}

fn no_data(lang: Lang) -> String {
    match lang {
        Lang::Zh => "无数据".into(),
        Lang::En => "no data".into(),
    }
}

/// The header of the year-end self-evaluation table (绩效自评表 columns).
fn yearend_header(lang: Lang) -> Vec<String> {
    match lang {
        Lang::Zh => [
            "编号",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        Lang::En => [
            "Id",
            "Level 1",
            "Level 2",
            "Indicator",
            "Target",
            "Actual",
            "Weight",
            "Score",
            "Cause and measures",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
    }
}

/// The indicator table of the year-end self-evaluation, with block subtotals and the
/// total.
pub fn yearend_table(r: &EvaluationReport, lang: Lang) -> (Vec<String>, Vec<Vec<String>>) {
    let header = yearend_header(lang);
    let mut rows = Vec::new();
    let mut last_block = String::new();
    for row in &r.rows {
        let i = &row.indicator;
        let block = i.level1.name().to_string();
        if block != last_block && !last_block.is_empty() {
            rows.push(subtotal_row(r, &last_block, lang));
        }
        last_block = block;
        rows.push(vec![
            i.id.to_string(),
            i.level1.name().to_string(),
            i.level2.clone(),
            i.name.clone(),
            i.fy.to_string(),
            row.status
                .actual
                .as_ref()
                .map(|v| value_text(i, v))
                .unwrap_or_else(|| no_data(lang)),
            fixed(row.score.weight, 2),
            score_cell(&row.score, lang),
            explanation_cell(row, lang),
        ]);
    }
    if !last_block.is_empty() {
        rows.push(subtotal_row(r, &last_block, lang));
    }
    rows.push(vec![
        String::new(),
        if lang == Lang::Zh {
            "总分".into()
        } else {
            "Total".into()
        },
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        fixed(r.scorecard.max, 2),
        fixed(r.scorecard.total, 2),
        match lang {
            Lang::Zh => format!("等级 {}", r.scorecard.grade.zh()),
            Lang::En => format!("Grade {}", r.scorecard.grade.en()),
        },
    ]);
    (header, rows)
}

fn subtotal_row(r: &EvaluationReport, block: &str, lang: Lang) -> Vec<String> {
    let b = r.scorecard.blocks.iter().find(|b| b.block == block);
    vec![
        String::new(),
        format!(
            "{block}{}",
            if lang == Lang::Zh {
                "小计"
            } else {
                " subtotal"
            }
        ),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        b.map(|b| fixed(b.weight, 2)).unwrap_or_default(),
        b.map(|b| fixed(b.score, 2)).unwrap_or_default(),
        String::new(),
    ]
}

/// The execution row of a self-evaluation's funds block in words: 执行率, 分值 and
/// 得分 of the total 预算执行率 indicator (the same in every format).
pub fn funds_text(r: &EvaluationReport, lang: Lang) -> Option<String> {
    let e = r.rows.iter().find(|row| {
        matches!(
            row.indicator.measure,
            attain_core::Measure::Execution { line: None }
        )
    })?;
    let rate = r.total.rate.map(|x| percent(x, 2)).unwrap_or_default();
    let (weight, score) = (fixed(e.score.weight, 2), score_cell(&e.score, lang));
    Some(match lang {
        Lang::Zh => format!("预算执行率 {rate}：分值 {weight}，得分 {score}。"),
        Lang::En => format!("Budget execution {rate}: weight {weight}, score {score}."),
    })
}

/// One-paragraph summary in words.
pub fn headline(r: &EvaluationReport, lang: Lang) -> String {
    let s = &r.scorecard;
    let rate = r.total.rate.unwrap_or(Decimal::ZERO);
    let below = r.rows.iter().filter(|x| x.score.met == Some(false)).count();
    // Rows off an `=` target (偏离目标) are to be explained too: say so when there are.
    let off = r.rows.iter().filter(|x| x.score.deviation).count();
    let (off_zh, off_en) = if off > 0 {
        (
            format!("、{off} 个偏离目标"),
            format!(" and {off} are off an = target"),
        )
    } else {
        (String::new(), String::new())
    };
    let fill = r.to_fill().count();
    match (r.kind, lang) {
        (Kind::Midyear, Lang::Zh) => format!(
            "截至 {} 年 {} 月，预算执行率 {}（{} / {} 万元）。对照半年指标值，{} 个指标中 {below} 个未达到{off_zh}，其中 {fill} 个尚未填写偏差原因。按半年目标计分 {} / {}，等级 {}。",
            r.year, r.as_of.number(), percent(rate, 2), amount_str(r.total.spent), amount_str(r.total.budget),
            r.rows.len(), fixed(s.total, 2), fixed(s.max, 2), s.grade.zh()
        ),
        (Kind::Midyear, Lang::En) => format!(
            "As of {}, budget execution is {} ({} of {} 万元). Against the half-year targets, {below} of {} indicators fall short{off_en}, {fill} of them without an explanation yet. Scored against the half-year targets: {} of {}, grade {}.",
            r.as_of, percent(rate, 2), amount_str(r.total.spent), amount_str(r.total.budget),
            r.rows.len(), fixed(s.total, 2), fixed(s.max, 2), s.grade.en()
        ),
        (Kind::Yearend, Lang::Zh) => format!(
            "{} 年度绩效自评：总分 {}（满分 {}），等级 {}。预算执行率 {}（{} / {} 万元）。{} 个指标中 {below} 个未达到年度指标值{off_zh}，其中 {fill} 个尚未填写偏差原因。",
            r.year, fixed(s.total, 2), fixed(s.max, 2), s.grade.zh(), percent(rate, 2), amount_str(r.total.spent),
            amount_str(r.total.budget), r.rows.len()
        ),
        (Kind::Yearend, Lang::En) => format!(
            "Self-evaluation {}: total {} of {}, grade {}. Budget execution {} ({} of {} 万元). {below} of {} indicators fall short of their annual targets{off_en}, {fill} of them without an explanation yet.",
            r.year, fixed(s.total, 2), fixed(s.max, 2), s.grade.en(), percent(rate, 2), amount_str(r.total.spent),
            amount_str(r.total.budget), r.rows.len()
        ),
    }
}

/// The report's title.
pub fn title(r: &EvaluationReport, lang: Lang) -> String {
    match (r.kind, lang) {
        (Kind::Midyear, Lang::Zh) => format!(
            "{} {} 年度绩效运行监控表（1–{} 月）",
            r.unit,
            r.year,
            r.as_of.number()
        ),
        (Kind::Midyear, Lang::En) => format!(
            "{} — performance monitoring {} (January to {})",
            r.unit, r.year, r.as_of
        ),
        (Kind::Yearend, Lang::Zh) if !r.as_of.is_year_end() => format!(
            "{} {} 年度绩效自评表（预评估，截至 {} 月）",
            r.unit,
            r.year,
            r.as_of.number()
        ),
        (Kind::Yearend, Lang::En) if !r.as_of.is_year_end() => format!(
            "{} — self-evaluation {} (provisional, as of {})",
            r.unit, r.year, r.as_of
        ),
        (Kind::Yearend, Lang::Zh) => format!("{} {} 年度绩效自评表", r.unit, r.year),
        (Kind::Yearend, Lang::En) => format!("{} — self-evaluation {}", r.unit, r.year),
    }
}

/// midyear.md / yearend.md
pub fn markdown(r: &EvaluationReport, lang: Lang) -> String {
    let mut out = String::new();
    let title = format!("# {}\n\n", title(r, lang));
    out.push_str(&title);
    if r.kind == Kind::Yearend && !r.as_of.is_year_end() {
        out.push_str(match lang {
            Lang::Zh => "> 注意：本表未到年末，得分为按已报实际数的预评估，非年度结果。\n\n",
            Lang::En => "> Note: this is before December; the scores are provisional, from the actuals reported so far.\n\n",
        });
    }
    out.push_str(&headline(r, lang));
    out.push_str("\n\n");
    let (h, rows) = budget_table(r, lang);
    out.push_str(match (r.kind, lang) {
        (Kind::Midyear, Lang::Zh) => "## 预算执行情况\n\n",
        (Kind::Yearend, Lang::Zh) => "## 项目资金（万元）\n\n",
        (_, Lang::En) => "## Budget\n\n",
    });
    let hs: Vec<&str> = h.iter().map(String::as_str).collect();
    out.push_str(&crate::progress::md_table(&hs, &rows, &[]));
    if r.kind == Kind::Yearend {
        if let Some(t) = funds_text(r, lang) {
            out.push_str(&format!("\n{t}\n"));
        }
    }
    out.push('\n');
    let (h, rows) = match r.kind {
        Kind::Midyear => midyear_table(r, lang),
        Kind::Yearend => yearend_table(r, lang),
    };
    out.push_str(match (r.kind, lang) {
        (Kind::Midyear, Lang::Zh) => "## 绩效目标完成情况\n\n",
        (Kind::Yearend, Lang::Zh) => "## 年度绩效指标完成情况\n\n",
        (_, Lang::En) => "## Indicators\n\n",
    });
    let hs: Vec<&str> = h.iter().map(String::as_str).collect();
    out.push_str(&crate::progress::md_table(&hs, &rows, &[]));
    out.push('\n');
    if r.kind == Kind::Midyear {
        out.push_str(&match lang {
            Lang::Zh => "### 一级指标得分\n\n".to_string(),
            Lang::En => "### Block scores\n\n".to_string(),
        });
        let rows: Vec<Vec<String>> = r
            .scorecard
            .blocks
            .iter()
            .map(|b| vec![b.block.clone(), fixed(b.weight, 2), fixed(b.score, 2)])
            .chain(std::iter::once(vec![
                if lang == Lang::Zh {
                    "总分".into()
                } else {
                    "Total".into()
                },
                fixed(r.scorecard.max, 2),
                match lang {
                    Lang::Zh => format!(
                        "{}（{}）",
                        fixed(r.scorecard.total, 2),
                        r.scorecard.grade.zh()
                    ),
                    Lang::En => format!(
                        "{} ({})",
                        fixed(r.scorecard.total, 2),
                        r.scorecard.grade.en()
                    ),
                },
            ]))
            .collect();
        out.push_str(&crate::progress::md_table(
            &if lang == Lang::Zh {
                ["一级指标", "分值", "得分"]
            } else {
                ["Block", "Weight", "Score"]
            },
            &rows,
            &[],
        ));
        out.push('\n');
    }
    let fill: Vec<String> = r
        .to_fill()
        .map(|x| format!("- {} {}", x.indicator.id, x.indicator.name))
        .collect();
    if !fill.is_empty() {
        out.push_str(match lang {
            Lang::Zh => "## 待填写偏差原因（explanations.csv）\n\n",
            Lang::En => "## Explanations to fill (explanations.csv)\n\n",
        });
        out.push_str(&fill.join("\n"));
        out.push_str("\n\n");
    }
    let reviews: Vec<String> = r
        .rows
        .iter()
        .filter(|x| x.score.review)
        .map(|x| format!("- {} {}", x.indicator.id, x.indicator.name))
        .collect();
    if !reviews.is_empty() {
        out.push_str(match lang {
            Lang::Zh => "## 超额完成需复核目标（实际超过目标 120%）\n\n",
            Lang::En => "## Over-achieved: review the target (actual above 120 % of target)\n\n",
        });
        out.push_str(&reviews.join("\n"));
        out.push_str("\n\n");
    }
    out.push_str(&format!("---\n\n{}\n", legend(r, lang)));
    out
}

/// How scores, grades and likelihoods are made.
pub fn legend(r: &EvaluationReport, lang: Lang) -> String {
    let s = &r.scorecard;
    let (e, g, f) = (
        plain(r.bands.excellent),
        plain(r.bands.good),
        plain(r.bands.fair),
    );
    let rescaled = if s.rescaled {
        match lang {
            Lang::Zh => "不适用指标已剔除，其余分值按比例折算为 100 分。",
            Lang::En => "Indicators without a target were dropped and the others rescaled to 100.",
        }
    } else {
        ""
    };
    match lang {
        Lang::Zh => format!(
            "说明：计分规则 mof-2020（财预〔2020〕10号）：正向指标按完成比例计分，反向指标超出目标按设置扣分，定性指标按达成 / 部分达成 / 未达成三档计分；得分保留两位小数（或按设置取整）。等级：优 ≥ {e}，良 {g}–{e}，中 {f}–{g}，差 < {f}。完成目标可能性标注“建议”的为按年末预测推算，请核实后在 explanations.csv 中填写。{rescaled}"
        ),
        Lang::En => format!(
            "Scoring profile mof-2020 (财预〔2020〕10号): higher-is-better indicators score in proportion, lower-is-better ones lose points above target per the setting, qualitative ones by tier (achieved / partly / not). Grades: 优 ≥ {e}, 良 {g}–{e}, 中 {f}–{g}, 差 < {f}. Likelihoods marked \"suggested\" follow from the year-end forecast; confirm them in explanations.csv. {rescaled}"
        ),
    }
}

/// midyear.json / yearend.json: the progress contract's fields plus scores.
pub fn json(r: &EvaluationReport) -> Json {
    let s = &r.scorecard;
    json!({
        "unit": r.unit,
        "year": r.year,
        "as_of": r.as_of.to_string(),
        "kind": r.kind.code(),
        "period": r.period().code(),
        "execution": {
            "budget": amount_str(r.total.budget),
            "spent": amount_str(r.total.spent),
            "rate": r.total.rate.map(rate_str),
            "expected": rate_str(r.total.expected),
            "light": r.total.light.code(),
            "forecast": amount_str(r.total.forecast_run_rate),
            "forecast_plan": amount_str(r.total.forecast_plan),
            "lines": r.lines.iter().map(|l| json!({
                "name": l.name,
                "parent": l.parent,
                "budget": amount_str(l.budget),
                "spent": amount_str(l.spent),
                "rate": l.rate.map(rate_str),
                "expected": rate_str(l.expected),
                "light": l.light.code(),
                "forecast": amount_str(l.forecast_run_rate),
                "forecast_plan": amount_str(l.forecast_plan),
            })).collect::<Vec<_>>(),
        },
        "indicators": r.rows.iter().map(|row| {
            let (i, st, sc) = (&row.indicator, &row.status, &row.score);
            json!({
                "id": i.id.0,
                "name": i.name,
                "level1": i.level1.name(),
                "level2": i.level2,
                "h1_target": i.h1.to_string(),
                "fy_target": i.fy.to_string(),
                "measure": i.measure.to_string(),
                "actual": st.actual.as_ref().map_or(Json::Null, |v| value_json(i, v)),
                "expected": match st.expected {
                    Some(e) if i.is_percent() => Json::String(rate_str(e)),
                    Some(e) => Json::String(plain(round(e, 4))),
                    None => Json::Null,
                },
                "deviation": row.deviation.map(|d| plain(round(d, 4))),
                "deviation_rate": row.deviation_rate.map(rate_str),
                "light": st.light.code(),
                "forecast": st.forecast.as_ref().map_or(Json::Null, |v| value_json(i, v)),
                "weight": fixed(sc.weight, 2),
                "score": sc.is_applicable().then(|| fixed(sc.score, 2)),
                "rule_score": sc.is_applicable().then(|| fixed(sc.rule_score, 2)),
                "adjusted": sc.adjusted,
                "adjustment_reason": sc.reason.as_ref().filter(|_| sc.adjusted),
                "rule": sc.rule.as_ref().map(|x| x.to_string()),
                "working": sc.working,
                "met": sc.met,
                "off_target": sc.deviation,
                "review": sc.review,
                "likelihood": row.likelihood.map(|l| l.zh()),
                "likelihood_suggested": row.likelihood_suggested,
                "cause": row.explanation.as_ref().map(|e| e.cause.zh()),
                "measures": row.explanation.as_ref().map(|e| e.measures.clone()),
                "to_fill": row.to_fill,
            })
        }).collect::<Vec<_>>(),
        "blocks": s.blocks.iter().map(|b| json!({
            "block": b.block,
            "weight": fixed(b.weight, 2),
            "score": fixed(b.score, 2),
        })).collect::<Vec<_>>(),
        "total": {
            "score": fixed(s.total, 2),
            "max": fixed(s.max, 2),
            "grade": s.grade.zh(),
            "rescaled": s.rescaled,
        },
        "to_fill": r.to_fill().map(|x| x.indicator.id.0.clone()).collect::<Vec<_>>(),
        "light": Light::worst(std::iter::once(r.total.light).chain(r.rows.iter().map(|x| x.status.light))).code(),
    })
}

pub fn json_text(r: &EvaluationReport) -> String {
    crate::text::json_pretty(&json(r))
}

/// midyear.csv / yearend.csv: the indicator table as on paper, one row per
/// indicator, UTF-8 with a BOM for Excel.
pub fn csv(r: &EvaluationReport, lang: Lang) -> String {
    let (h, mut rows) = match r.kind {
        Kind::Midyear => midyear_table(r, lang),
        Kind::Yearend => yearend_table(r, lang),
    };
    // A table has no title: a year-end table before December says what it is in a
    // last row, so that it cannot be handed on as final.
    if r.kind == Kind::Yearend && !r.as_of.is_year_end() {
        let mut note = vec![String::new(); h.len()];
        note[0] = match lang {
            Lang::Zh => format!("注：截至 {} 月的预评估，非年度结果", r.as_of.number()),
            Lang::En => format!("Note: provisional, as of {}", r.as_of),
        };
        rows.push(note);
    }
    crate::text::csv_with_bom(&h, rows)
}

/// A short terminal summary.
pub fn summary(r: &EvaluationReport, lang: Lang) -> String {
    let mut out = format!("{}\n", headline(r, lang));
    let fill: Vec<String> = r
        .to_fill()
        .map(|x| format!("  ? {} {}", x.indicator.id, x.indicator.name))
        .collect();
    if !fill.is_empty() {
        out.push_str(match lang {
            Lang::Zh => "待填写偏差原因：\n",
            Lang::En => "Explanations to fill:\n",
        });
        out.push_str(&fill.join("\n"));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_columns_name_the_weight_and_score_headers() {
        // An empty report is enough to read the headers.
        for (kind, lang, names) in [
            (Kind::Midyear, Lang::Zh, ["分值", "得分"]),
            (Kind::Yearend, Lang::Zh, ["分值", "得分"]),
            (Kind::Midyear, Lang::En, ["Weight", "Score"]),
            (Kind::Yearend, Lang::En, ["Weight", "Score"]),
        ] {
            let header = match kind {
                Kind::Midyear => midyear_header(lang, 6),
                Kind::Yearend => yearend_header(lang),
            };
            let [w, s] = points_columns(kind);
            assert_eq!(
                [header[w].as_str(), header[s].as_str()],
                names,
                "{kind:?} {lang:?}"
            );
        }
    }
}
