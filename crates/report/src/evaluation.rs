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

use attain_core::evaluation::Evaluation;
use attain_core::fmt::{fixed, percent, plain, round};
use attain_core::progress::{Light, LineStatus};
use attain_core::scoring::Scorecard;
use attain_core::{Decimal, Model, Month, Period};
use serde_json::{json, Value as Json};

use crate::lang::Lang;
use crate::progress::{amount_str, rate_str, value_json};

pub use attain_core::evaluation::{Basis, EvalRow, Kind};

/// A mid-year or year-end evaluation as data: core's [`Evaluation`] with the unit's
/// facts and the progress of the same month (for the charts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvaluationReport {
    pub kind: Kind,
    pub unit: String,
    pub year: u16,
    pub as_of: Month,
    /// The targets compared with (see [`Evaluation::period`]).
    pub period: Period,
    pub basis: Basis,
    pub provisional: bool,
    pub total: LineStatus,
    pub lines: Vec<LineStatus>,
    pub rows: Vec<EvalRow>,
    pub scorecard: Scorecard,
    /// The grade bands scored with.
    pub bands: attain_core::settings::GradeBands,
    /// Actual above this percentage of a higher-is-better target asks for a review.
    pub review_threshold: Decimal,
    /// The progress report as of the same month, for the charts.
    pub progress: crate::progress::ProgressReport,
}

impl EvaluationReport {
    pub fn period(&self) -> Period {
        self.period
    }

    /// Rows whose 偏差原因 and 改进措施 are still to fill.
    pub fn to_fill(&self) -> impl Iterator<Item = &EvalRow> {
        self.rows.iter().filter(|r| r.to_fill)
    }
}

/// Present an evaluation of core.
pub fn build(model: &Model, ev: Evaluation) -> EvaluationReport {
    // A printed 合计 is the sum of its printed lines (see `add_up_to_the_cent`).
    let mut lines = ev.progress.lines.clone();
    let mut total = ev.progress.total.clone();
    crate::progress::add_up_to_the_cent(&mut lines, &mut total);
    EvaluationReport {
        kind: ev.kind,
        unit: model.unit.name.clone(),
        year: model.unit.year,
        as_of: ev.as_of,
        period: ev.period,
        basis: ev.basis,
        provisional: ev.provisional,
        total,
        lines,
        progress: crate::progress::build(model, &ev.progress),
        rows: ev.rows,
        scorecard: ev.scorecard,
        bands: ev.bands,
        review_threshold: model.settings.scoring.over_achievement_review,
    }
}

/// The execution row of a self-evaluation's funds block in words: 执行率, 分值 and
/// 得分 of the total 预算执行率 indicator (the same in every format).
pub fn funds_text(r: &EvaluationReport, lang: Lang) -> Option<String> {
    use crate::doc::Value;
    let e = r.rows.iter().find(|row| {
        matches!(
            row.indicator.measure,
            attain_core::Measure::Execution { line: None }
        )
    })?;
    let rate = r
        .total
        .rate
        .map(|x| Value::Rate(x).display(lang))
        .unwrap_or_default();
    let weight = Value::Points(e.score.weight).display(lang);
    let score = if e.score.is_applicable() {
        Value::Points(e.score.score).display(lang)
    } else {
        Value::NotApplicable.display(lang)
    };
    let rule = Value::Points(e.score.rule_score).display(lang);
    Some(match (lang, e.score.adjusted) {
        (Lang::Zh, false) => format!("预算执行率 {rate}：分值 {weight}，得分 {score}。"),
        (Lang::Zh, true) => format!("预算执行率 {rate}：分值 {weight}，得分 {score}（人工调整，规则得分 {rule}）。"),
        (Lang::En, false) => format!("Budget execution {rate}: weight {weight}, score {score}."),
        (Lang::En, true) => format!("Budget execution {rate}: weight {weight}, score {score} (adjusted; the rule gives {rule})."),
    })
}

/// The stamp of a provisional year-end evaluation (before December), if it is one.
pub fn stamp(r: &EvaluationReport, lang: Lang) -> Option<String> {
    r.provisional.then(|| match lang {
        Lang::Zh => format!(
            "注意：截至 {} 月的预评估，非年度结果：本表未到年末，得分按已报实际数计算。",
            r.as_of.number()
        ),
        Lang::En => format!(
            "Note: provisional, as of {}: this is before December; the scores are from the actuals reported so far.",
            r.as_of
        ),
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
    let against = match (r.basis, lang) {
        (Basis::ActualToDate, Lang::Zh) => "半年指标值",
        (Basis::ForecastToYearEnd, Lang::Zh) => "全年指标值（按全年预计完成值）",
        (Basis::ActualToDate, Lang::En) => "the half-year targets",
        (Basis::ForecastToYearEnd, Lang::En) => "the full-year targets (by the year-end forecast)",
    };
    match (r.kind, lang) {
        (Kind::Midyear, Lang::Zh) => format!(
            "截至 {} 年 {} 月，预算执行率 {}（{} / {} 万元）。对照{against}，{} 个指标中 {below} 个未达到{off_zh}；{fill} 个指标尚未填写偏差原因及改进措施。参考得分 {} / {}（监控不评等级）。",
            r.year, r.as_of.number(), percent(rate, 2), amount_str(r.total.spent), amount_str(r.total.budget),
            r.rows.len(), fixed(s.total, 2), fixed(s.max, 2)
        ),
        (Kind::Midyear, Lang::En) => format!(
            "As of {}, budget execution is {} ({} of {} 万元). Against {against}, {below} of {} indicators fall short{off_en}; {fill} indicators still need a cause and measures. Reference score {} of {} (monitoring is not graded).",
            r.as_of, percent(rate, 2), amount_str(r.total.spent), amount_str(r.total.budget),
            r.rows.len(), fixed(s.total, 2), fixed(s.max, 2)
        ),
        (Kind::Yearend, Lang::Zh) => format!(
            "{} 年度绩效自评：总分 {}（满分 {}），等级 {}。预算执行率 {}（{} / {} 万元）。{} 个指标中 {below} 个未达到年度指标值{off_zh}，{fill} 个指标尚未填写偏差原因及改进措施。",
            r.year, fixed(s.total, 2), fixed(s.max, 2), s.grade.zh(), percent(rate, 2), amount_str(r.total.spent),
            amount_str(r.total.budget), r.rows.len()
        ),
        (Kind::Yearend, Lang::En) => format!(
            "Self-evaluation {}: total {} of {}, grade {}. Budget execution {} ({} of {} 万元). {below} of {} indicators fall short of their annual targets{off_en}, {fill} still need a cause and measures.",
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
    let grades = match (r.kind.is_graded(), lang) {
        (true, Lang::Zh) => format!("等级：优 ≥ {e}，良 {g}–{e}，中 {f}–{g}，差 < {f}。"),
        (true, Lang::En) => format!("Grades: 优 ≥ {e}, 良 {g}–{e}, 中 {f}–{g}, 差 < {f}. "),
        (false, Lang::Zh) => "监控得分仅供参考，不评等级。".to_string(),
        (false, Lang::En) => "Monitoring scores are for reference and not graded. ".to_string(),
    };
    let likelihood = match (r.kind, lang) {
        (Kind::Yearend, _) => "",
        (Kind::Midyear, Lang::Zh) => "完成目标可能性标注“建议”的按序时进度推算至年末，并与同行的全年预计完成值核对（预计完成值未达全年指标值的不为“确定能”），请核实后填写。",
        (Kind::Midyear, Lang::En) => "Likelihoods marked \"suggested\" project the path to date to December and agree with the year-end forecast in the same row (never certain when it misses the full-year target); confirm them. ",
    };
    match lang {
        Lang::Zh => format!(
            "说明：计分规则 mof-2020（财预〔2020〕10号）：正向指标按完成比例计分，反向指标超出目标按设置扣分，定性指标按达成 / 部分达成 / 未达成三档计分；得分保留两位小数（或按设置取整）。{grades}{likelihood}{rescaled}"
        ),
        Lang::En => format!(
            "Scoring profile mof-2020 (财预〔2020〕10号): higher-is-better indicators score in proportion, lower-is-better ones lose points above target per the setting, qualitative ones by tier (achieved / partly / not). {grades}{likelihood}{rescaled}"
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
        "provisional": r.provisional,
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
            "grade": r.kind.is_graded().then(|| s.grade.zh()),
            "rescaled": s.rescaled,
        },
        "to_fill": r.to_fill().map(|x| x.indicator.id.0.clone()).collect::<Vec<_>>(),
        "light": Light::worst(std::iter::once(r.total.light).chain(r.lines.iter().map(|l| l.light)).chain(r.rows.iter().map(|x| x.status.light))).code(),
    })
}

pub fn json_text(r: &EvaluationReport) -> String {
    crate::text::json_pretty(&json(r))
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
            Lang::Zh => "待填写偏差原因及改进措施：\n",
            Lang::En => "Causes and measures to fill:\n",
        });
        out.push_str(&fill.join("\n"));
        out.push('\n');
    }
    out
}
