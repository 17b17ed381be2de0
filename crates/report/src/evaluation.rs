//! The two evaluations a unit writes about itself (DOMAIN.md §2):
//!
//! * **mid-year monitoring** (绩效运行监控, "双监控"): as of a month (June by default,
//!   Jan–Jul or Jan–Aug in some provinces), every indicator against its half-year
//!   target with the deviation, light, full-year forecast, 完成目标可能性, 偏差原因 and
//!   改进措施, and the budget block (全年预算数, 1–N月执行数, 全年预计执行数);
//! * **year-end self-evaluation** (绩效自评): every indicator against its full-year
//!   target, weight (分值), score (得分) and explanation, block subtotals, the total
//!   out of 100 and the grade.
//!
//! Both are scored with [`attain_core::scoring`]; manual adjustments replace the
//! rule's score only with a reason, and reports show both.

use attain_core::budget::FundRow;
use attain_core::completeness::Completeness;
use attain_core::evaluation::Evaluation;
use attain_core::fmt::{fixed, pct, plain, round};
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
    /// What is missing from the actuals (core's [`Completeness`]).
    pub completeness: Completeness,
    /// The forms' funds block by source (core's [`Budget::funds_by_source`]).
    ///
    /// [`Budget::funds_by_source`]: attain_core::Budget::funds_by_source
    pub funds: Vec<FundRow>,
    /// 半年计划执行数 of the whole budget.
    pub h1_plan: Decimal,
    /// 年度总体目标 (unit.toml `annual_goal`).
    pub annual_goal: String,
    /// Its 实际完成情况 in words (summary.toml), if written.
    pub achieved: Option<String>,
    /// 主管部门 (unit.toml `supervisor`).
    pub supervisor: String,
    /// The monitoring form shows 分值 and a 参考得分 (settings.reference_score).
    pub reference_score: bool,
}

impl EvaluationReport {
    pub fn period(&self) -> Period {
        self.period
    }

    /// With the 实际完成情况 of the 年度总体目标 as written in summary.toml.
    pub fn with_achieved(mut self, text: Option<String>) -> EvaluationReport {
        self.achieved = text;
        self
    }

    /// Whether the actuals are complete for this evaluation (every month up to as-of,
    /// every level and grade to judge).
    pub fn complete(&self) -> bool {
        self.completeness.is_complete()
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
        completeness: ev.completeness,
        funds: model.budget.funds_by_source(),
        h1_plan: model.budget.total_h1_plan(),
        annual_goal: model.unit.annual_goal.clone(),
        achieved: None,
        supervisor: model.unit.supervisor.clone(),
        reference_score: model.settings.reference_score,
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

/// The stamp: incomplete data (what is missing) and a provisional year-end
/// evaluation (预评估: before December or on incomplete data), if either.
pub fn stamp(r: &EvaluationReport, lang: Lang) -> Option<String> {
    let incomplete = crate::progress::incomplete_stamp(&r.completeness, true, lang);
    let provisional = r.provisional.then(|| match (lang, r.as_of.is_year_end()) {
        (Lang::Zh, false) => format!(
            "预评估：截至 {} 月，非年度结果：本表未到年末，得分按已报实际数计算。",
            r.as_of.number()
        ),
        (Lang::Zh, true) => "预评估：实际数不完整，得分按已报实际数计算，非最终结果。".to_string(),
        (Lang::En, false) => format!(
            "Provisional, as of {}: this is before December; the scores are from the actuals reported so far.",
            r.as_of
        ),
        (Lang::En, true) => "Provisional: the actuals are incomplete; the scores are from the figures reported so far, not final.".to_string(),
    });
    match (incomplete, provisional) {
        (None, None) => None,
        (Some(a), None) | (None, Some(a)) => Some(a),
        (Some(a), Some(b)) => Some(format!("{a} {b}")),
    }
}

/// Rows off an `=` target (偏离目标) are to be explained too: say so when there are.
fn off_zh_of(r: &EvaluationReport) -> String {
    match r.rows.iter().filter(|x| x.score.deviation).count() {
        0 => String::new(),
        off => format!("、{off} 个偏离目标"),
    }
}

fn off_en_of(r: &EvaluationReport) -> String {
    match r.rows.iter().filter(|x| x.score.deviation).count() {
        0 => String::new(),
        off => format!(" and {off} are off an = target"),
    }
}

/// One-paragraph summary in words.
pub fn headline(r: &EvaluationReport, lang: Lang) -> String {
    let s = &r.scorecard;
    let rate = r.total.rate.unwrap_or(Decimal::ZERO);
    // A row without an actual is scored 0 but is no data, not a miss: counted apart.
    let no_data = |x: &&EvalRow| x.score.status == attain_core::scoring::Status::NoActual;
    let below = r
        .rows
        .iter()
        .filter(|x| x.score.met == Some(false) && !no_data(x))
        .count();
    let missing = r.rows.iter().filter(no_data).count();
    let (off_zh, off_en) = match missing {
        0 => (off_zh_of(r), off_en_of(r)),
        n => (
            format!("{}、{n} 个暂无数据", off_zh_of(r)),
            format!("{}, {n} have no data", off_en_of(r)),
        ),
    };
    let fill = r.to_fill().count();
    let against = match (r.basis, lang) {
        (Basis::ActualToDate, Lang::Zh) => "半年指标值",
        (Basis::ForecastToYearEnd, Lang::Zh) => "全年指标值（按全年预计完成值）",
        (Basis::ActualToDate, Lang::En) => "the half-year targets",
        (Basis::ForecastToYearEnd, Lang::En) => "the full-year targets (by the year-end forecast)",
    };
    // Figures carried forward from an earlier month (core's `stale`), marked in the
    // table: said here too, so that a reader of the headline alone knows.
    let older = r.rows.iter().filter(|x| x.status.stale).count();
    let older = match (older, lang) {
        (0, _) => String::new(),
        (n, Lang::Zh) => format!(
            "{n} 个指标的实际完成值为 {} 月之前的报送数（表中注明月份）。",
            r.as_of.number()
        ),
        (n, Lang::En) => format!(
            " {n} figures date from before {} (their month is marked in the table).",
            r.as_of
        ),
    };
    let headline = match (r.kind, lang) {
        (Kind::Midyear, Lang::Zh) => format!(
            "截至 {} 年 {} 月，预算执行率 {}（{} / {} 万元）。对照{against}，{} 个指标中 {below} 个未达到{off_zh}；{fill} 个指标尚未填写偏差原因及改进措施。{}",
            r.year, r.as_of.number(), pct(rate), amount_str(r.total.spent), amount_str(r.total.budget),
            r.rows.len(),
            if r.reference_score { format!("参考得分 {} / {}（监控不评等级）。", fixed(s.total, 2), fixed(s.max, 2)) } else { String::new() }
        ),
        (Kind::Midyear, Lang::En) => format!(
            "As of {}, budget execution is {} ({} of {} 万元). Against {against}, {below} of {} indicators fall short{off_en}; {fill} indicators still need a cause and measures.{}",
            r.as_of, pct(rate), amount_str(r.total.spent), amount_str(r.total.budget),
            r.rows.len(),
            if r.reference_score { format!(" Reference score {} of {} (monitoring is not graded).", fixed(s.total, 2), fixed(s.max, 2)) } else { String::new() }
        ),
        (Kind::Yearend, Lang::Zh) => format!(
            "{} 年度绩效自评：总分 {}（满分 {}），等级 {}。预算执行率 {}（{} / {} 万元）。{} 个指标中 {below} 个未达到年度指标值{off_zh}，{fill} 个指标尚未填写偏差原因及改进措施。",
            r.year, fixed(s.total, 2), fixed(s.max, 2), s.grade.zh(), pct(rate), amount_str(r.total.spent),
            amount_str(r.total.budget), r.rows.len()
        ),
        (Kind::Yearend, Lang::En) => format!(
            "Self-evaluation {}: total {} of {}, grade {}. Budget execution {} ({} of {} 万元). {below} of {} indicators fall short of their annual targets{off_en}, {fill} still need a cause and measures.",
            r.year, fixed(s.total, 2), fixed(s.max, 2), s.grade.en(), pct(rate), amount_str(r.total.spent),
            amount_str(r.total.budget), r.rows.len()
        ),
    };
    format!("{headline}{older}")
}

/// The report's title: the official form's name (部门整体绩效运行监控表,
/// 部门整体支出绩效自评表) with its period, 预评估 when provisional, and the mark of
/// incomplete data.
pub fn title(r: &EvaluationReport, lang: Lang) -> String {
    let n = r.as_of.number();
    let title = match (r.kind, lang) {
        (Kind::Midyear, Lang::Zh) => {
            format!("部门整体绩效运行监控表（{} 年 1–{n} 月）", r.year)
        }
        (Kind::Midyear, Lang::En) => format!(
            "Performance monitoring form {} (January to {})",
            r.year, r.as_of
        ),
        (Kind::Yearend, Lang::Zh) if r.provisional && !r.as_of.is_year_end() => {
            format!(
                "部门整体支出绩效自评表（{} 年度，预评估，截至 {n} 月）",
                r.year
            )
        }
        (Kind::Yearend, Lang::Zh) if r.provisional => {
            format!("部门整体支出绩效自评表（{} 年度，预评估）", r.year)
        }
        (Kind::Yearend, Lang::En) if r.provisional && !r.as_of.is_year_end() => format!(
            "Self-evaluation form {} (provisional, as of {})",
            r.year, r.as_of
        ),
        (Kind::Yearend, Lang::En) if r.provisional => {
            format!("Self-evaluation form {} (provisional)", r.year)
        }
        (Kind::Yearend, Lang::Zh) => format!("部门整体支出绩效自评表（{} 年度）", r.year),
        (Kind::Yearend, Lang::En) => format!("Self-evaluation form {}", r.year),
    };
    match crate::progress::incomplete_mark(&r.completeness, true, lang) {
        Some(m) => format!("{title}{m}"),
        None => title,
    }
}

/// The header fields of the form: 部门（单位）名称, 主管部门 (【待填写】 when unit.toml
/// has none), 单位.
pub fn fields(r: &EvaluationReport, lang: Lang) -> Vec<(String, String)> {
    let to_fill = crate::lang::W::ToFillMark.text(lang).into_owned();
    let supervisor = if r.supervisor.trim().is_empty() {
        to_fill
    } else {
        r.supervisor.clone()
    };
    match lang {
        Lang::Zh => vec![
            ("部门（单位）名称".into(), r.unit.clone()),
            ("主管部门".into(), supervisor),
            ("金额单位".into(), "万元".into()),
        ],
        Lang::En => vec![
            ("Unit".into(), r.unit.clone()),
            ("Supervising department".into(), supervisor),
            ("Amounts".into(), "万元".into()),
        ],
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
        (false, Lang::Zh) if r.reference_score => "监控得分仅供参考（参考得分），不评等级。".to_string(),
        (false, Lang::En) if r.reference_score => {
            "Monitoring scores are for reference (参考得分) and not graded. ".to_string()
        }
        (false, Lang::Zh) => "监控表不计分、不评等级（需要参考得分时设置 settings.reference_score = true）。".to_string(),
        (false, Lang::En) => {
            "The monitoring form is not scored or graded (settings.reference_score = true adds a reference score). ".to_string()
        }
    };
    let funds = match lang {
        Lang::Zh => "资金情况：全年预算数为调整后预算（unit.toml 中资金来源的 adjusted，未调整时等于年初预算数）；支出按支出项目记录、不按资金来源拆分，执行数只填年度资金总额行（全部支出之和），各来源行只列预算数。",
        Lang::En => "Funds: the full-year budget is the adjusted one (`adjusted` of an income source in unit.toml; the initial budget when not adjusted); spending is recorded per spending line, not per source, so the amount spent is on the total row only. ",
    };
    let likelihood = match (r.kind, lang) {
        (Kind::Yearend, _) => "",
        (Kind::Midyear, Lang::Zh) => "完成目标可能性标注“建议”的依同行的全年预计完成值：达到全年指标值为“确定能”，已无法达到（无剩余月份，或累计数已超出上限）为“不可能”，其余为“有可能”，请核实后填写。",
        (Kind::Midyear, Lang::En) => "Likelihoods marked \"suggested\" follow the year-end forecast in the same row: certain when it meets the full-year target, impossible only when the target can no longer be reached (no month left, or a count already over its cap), else possible; confirm them. ",
    };
    match lang {
        Lang::Zh => format!(
            "说明：{funds}计分规则 mof-2020（财预〔2020〕10号）：正向指标按完成比例计分，反向指标超出目标按设置扣分，定性指标按达成 / 部分达成 / 未达成三档计分；得分保留两位小数（或按设置取整）。{grades}{likelihood}{rescaled}"
        ),
        Lang::En => format!(
            "{funds}Scoring profile mof-2020 (财预〔2020〕10号): higher-is-better indicators score in proportion, lower-is-better ones lose points above target per the setting, qualitative ones by tier (achieved / partly / not). {grades}{likelihood}{rescaled}"
        ),
    }
}

/// midyear.json / yearend.json: the progress contract's fields plus scores.
pub fn json(r: &EvaluationReport) -> Json {
    let s = &r.scorecard;
    let mut v = json!({
        "unit": r.unit,
        "year": r.year,
        "as_of": r.as_of.to_string(),
        "kind": r.kind.code(),
        "provisional": r.provisional,
        "complete": r.complete(),
        "missing_months": r.completeness.missing_months.iter().map(|m| m.to_string()).collect::<Vec<_>>(),
        "unreported": r.completeness.unreported,
        "period": r.period().code(),
        "goal": {
            "expected": r.annual_goal,
            "achieved": r.achieved,
        },
        "funds": r.funds.iter().map(|f| json!({
            "source": f.source,
            "initial": amount_str(f.initial),
            "full_year": amount_str(f.full_year),
        })).collect::<Vec<_>>(),
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
            let mut o = json!({
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
            });
            // A written 确定能 that the forecast contradicts (DOMAIN.md §2).
            o["likelihood_contradicted"] = Json::Bool(row.likelihood_contradicted);
            // The month of the figure, and whether it is older than as-of (marked in
            // the forms).
            o["last_reported"] = st.last_reported.map_or(Json::Null, |m| Json::String(m.to_string()));
            o["stale"] = Json::Bool(st.stale);
            o
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
    });
    v["cross_checks"] = crate::progress::cross_checks_json(&r.progress);
    v
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
