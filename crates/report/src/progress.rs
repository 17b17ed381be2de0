//! The monthly progress report: a model built from the engine's [`Progress`], and
//! renderers for Markdown, JSON and CSV.
//!
//! Numbers in the model are exact decimals as the engine computed them; rounding
//! happens only when rendering: rates to 0.01 percentage point (4 decimals as
//! fractions), amounts to the cent, half away from zero.

#[allow(unused_imports)]
use crate::chart::ChartWords as _;
use attain_core::completeness::Completeness;
use attain_core::fmt::{fixed, pct, plain, round, PERCENT_DP};
use attain_core::progress::{IndicatorStatus, Light, LightCounts, LineStatus, Progress, Verdict};
use attain_core::settings::ExpectedPath;
use attain_core::{Decimal, Indicator, Model, Month, Value};
use serde_json::{json, Value as Json};

use crate::lang::{Lang, W};

/// One budget line (or the total) in the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineRow {
    pub name: String,
    pub depth: usize,
    pub status: LineStatus,
}

/// One indicator in the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorRow {
    pub indicator: Indicator,
    pub status: IndicatorStatus,
}

/// The progress report as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressReport {
    pub unit: String,
    pub year: u16,
    pub as_of: Month,
    pub total: LineStatus,
    pub lines: Vec<LineRow>,
    pub indicators: Vec<IndicatorRow>,
    pub light: Light,
    /// The 预算执行率 half-year and full-year milestones (fractions).
    pub milestones: (Decimal, Decimal),
    /// What the total's expected path follows, for the footnote.
    pub expected_path: attain_core::settings::ExpectedPath,
    /// 序时进度: time elapsed, m ÷ 12.
    pub time_elapsed: Decimal,
    /// The engine's counts of lights (indicators, budget lines).
    pub indicator_lights: LightCounts,
    pub line_lights: LightCounts,
    /// Reported rates that disagree with spending, budget and plan, up to as-of
    /// (core's cross-checks), with the indicator's name.
    pub cross_checks: Vec<(String, attain_core::crosscheck::CrossCheck)>,
    /// The unit's light thresholds (`settings.lights`), for the legend.
    pub lights: attain_core::settings::Lights,
    /// What is missing from the actuals up to as-of (core's [`Completeness`]); a
    /// monthly report is incomplete when a month is missing.
    pub completeness: Completeness,
}

/// The months missing as a phrase: `7 月`, `7、8 月` / `July`, `July, August`.
fn months_text(months: &[Month], lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "{} 月",
            months
                .iter()
                .map(|m| m.number().to_string())
                .collect::<Vec<_>>()
                .join("、")
        ),
        Lang::En => months
            .iter()
            .map(|m| Lang::En.month(m.number()))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The title's mark of incomplete data: `【数据不完整：缺 7 月】`; with `items` (an
/// evaluation) also for levels and grades without a figure. `None` when complete.
pub fn incomplete_mark(c: &Completeness, items: bool, lang: Lang) -> Option<String> {
    let n = c.unreported.len();
    match (c.missing_months.is_empty(), items && n > 0, lang) {
        (false, _, Lang::Zh) => Some(format!(
            "【数据不完整：缺 {}】",
            months_text(&c.missing_months, lang)
        )),
        (false, _, Lang::En) => Some(format!(
            " [incomplete data: {} missing]",
            months_text(&c.missing_months, lang)
        )),
        (true, true, Lang::Zh) => Some(format!("【数据不完整：{n} 个指标无实际值】")),
        (true, true, Lang::En) => Some(format!(
            " [incomplete data: {n} indicator(s) without a figure]"
        )),
        (true, false, _) => None,
    }
}

/// What is missing, one item per month and per indicator (by `name`, the indicator's
/// name for an id), for the list under the report; empty when complete.
/// The cross-checks as list items: `结转结余率（2026-12）：报送 0.00%，按支出、预算和计划推算
/// 0.55%`.
pub fn cross_check_items(r: &ProgressReport, lang: Lang) -> Vec<String> {
    r.cross_checks
        .iter()
        .map(|(name, c)| match lang {
            Lang::Zh => format!(
                "{name}（{}）：报送 {}，按支出、预算和计划推算 {}；请核对后更正报送值或支出数据",
                c.month,
                pct(c.reported),
                pct(c.derived)
            ),
            Lang::En => format!(
                "{name} ({}): reported {}, derived from spending, budget and plan {}; check and correct the reported figure or the spending",
                c.month,
                pct(c.reported),
                pct(c.derived)
            ),
        })
        .collect()
}

pub fn missing_items(
    c: &Completeness,
    items: bool,
    name: impl Fn(&str) -> String,
    lang: Lang,
) -> Vec<String> {
    let mut out: Vec<String> = c
        .missing_months
        .iter()
        .map(|m| match lang {
            Lang::Zh => format!(
                "{} 年 {} 月：没有任何实际数（actuals/ 中无该月的行），按未发生计",
                m.year(),
                m.number()
            ),
            Lang::En => format!(
                "{m}: no actuals at all (no row for the month in actuals/); counted as nothing spent or done"
            ),
        })
        .collect();
    if items {
        out.extend(c.unreported.iter().map(|id| match lang {
            Lang::Zh => format!(
                "{}：截至 {} 月无实际值，无法评价",
                name(id),
                c.as_of.number()
            ),
            Lang::En => format!("{}: no figure by {}, cannot be judged", name(id), c.as_of),
        }));
    }
    out
}

/// The stamp of incomplete data: what is missing and what it means.
pub fn incomplete_stamp(c: &Completeness, items: bool, lang: Lang) -> Option<String> {
    let mark = incomplete_mark(c, items, lang)?;
    let mark = mark.trim().trim_matches(['【', '】', '[', ']']).to_string();
    let months = !c.missing_months.is_empty();
    Some(match (lang, months) {
        (Lang::Zh, true) => format!("注意：{mark}。缺报月份按未发生计算，本表数字可能偏低；补齐 actuals/ 后重新生成。"),
        (Lang::Zh, false) => format!("注意：{mark}，这些指标无法评价（见“缺报数据”）；补报后重新生成。"),
        (Lang::En, true) => format!("Note: {mark}. Missing months count as nothing reported, so the figures may be low; add them to actuals/ and run again."),
        (Lang::En, false) => format!("Note: {mark}; they cannot be judged (listed under Missing data); report them and run again."),
    })
}

/// Make the amounts that the engine defines as sums of lines (the run-rate and plan
/// forecasts of a parent line and of the total, and a parent line's gap in 万元: its
/// expected amount is the sum of its lines') the sums of their lines as printed,
/// to the cent, so that a printed 合计 of an amount is the sum of the printed lines
/// (issue 10). The difference from the exact sum is under a cent per line. The pace
/// needed per month is a rate (万元 a month), not an amount to add up: a parent's and
/// the total's keep the engine's own figure, rounded once (72.08 = (735.55 − 303.05)
/// ÷ 6, not the rounded lines' 72.09).
pub fn add_up_to_the_cent(lines: &mut [LineStatus], total: &mut LineStatus) {
    let cents = |d: Decimal| round(d, 2);
    let sums = |lines: &[LineStatus], parent: Option<&str>| {
        let kids: Vec<&LineStatus> = lines
            .iter()
            .filter(|l| l.parent.as_deref() == parent)
            .collect();
        (!kids.is_empty()).then(|| {
            (
                kids.iter()
                    .map(|l| cents(l.forecast_run_rate))
                    .sum::<Decimal>(),
                kids.iter().map(|l| cents(l.forecast_plan)).sum::<Decimal>(),
                kids.iter().map(|l| cents(l.gap_amount)).sum::<Decimal>(),
            )
        })
    };
    let mut parents: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            lines
                .iter()
                .any(|l| l.parent.as_deref() == Some(&lines[i].name))
        })
        .collect();
    parents.sort_by_key(|&i| std::cmp::Reverse(lines[i].depth));
    for i in parents {
        let name = lines[i].name.clone();
        if let Some((run, plan, gap)) = sums(lines, Some(&name)) {
            let l = &mut lines[i];
            (l.forecast_run_rate, l.forecast_plan, l.gap_amount) = (run, plan, gap);
        }
    }
    // The total's gap is against the 预算执行率 target, not the lines' paths.
    if let Some((run, plan, _)) = sums(lines, None) {
        (total.forecast_run_rate, total.forecast_plan) = (run, plan);
    }
}

/// Build the report model.
pub fn build(model: &Model, progress: &Progress) -> ProgressReport {
    // The engine's milestones, so that the headline, the footnote and the charts
    // name the same points the expected path goes through.
    let milestones = progress.total.milestones;
    let mut lines = progress.lines.clone();
    let mut total = progress.total.clone();
    add_up_to_the_cent(&mut lines, &mut total);
    ProgressReport {
        unit: model.unit.name.clone(),
        year: model.unit.year,
        as_of: progress.as_of,
        total,
        lines: lines
            .into_iter()
            .map(|l| LineRow {
                name: l.name.clone(),
                depth: l.depth,
                status: l,
            })
            .collect(),
        indicators: model
            .indicators
            .iter()
            .zip(&progress.indicators)
            .map(|(i, s)| IndicatorRow {
                indicator: i.clone(),
                status: s.clone(),
            })
            .collect(),
        light: progress.light,
        milestones,
        // What the total's expected path follows (`plan` without a plan.csv falls
        // back to the milestone path; the footnote says which was used).
        expected_path: progress.total.expected_basis,
        time_elapsed: progress.time_elapsed,
        indicator_lights: progress.indicator_lights,
        line_lights: progress.line_lights,
        lights: model.settings.lights.clone(),
        cross_checks: progress
            .cross_checks
            .iter()
            .map(|c| {
                let name = model
                    .indicator(&c.id.0)
                    .map_or_else(|| c.id.0.clone(), |i| i.name.clone());
                (name, c.clone())
            })
            .collect(),
        completeness: progress.completeness.clone(),
    }
}

/// Round a rate (fraction) for output: 4 decimals.
pub fn rate_str(r: Decimal) -> String {
    fixed(r, 4)
}

/// A share set in the settings (a milestone) as written: `0.5` is `50%`, `0.475` is
/// `47.5%`; never rounded to a whole percent.
fn share(d: Decimal) -> String {
    format!("{}%", plain(d * Decimal::ONE_HUNDRED))
}

/// Round an amount for output: 2 decimals.
pub fn amount_str(a: Decimal) -> String {
    fixed(a, 2)
}

/// A value as a person reads it: `41.20%` for a rate, `12个` for a count, the word
/// for a grade (the documents' formatter).
pub fn value_text(ind: &Indicator, v: &Value) -> String {
    crate::document::value(ind, v).display(Lang::Zh)
}

/// A value for machines: the decimal (fraction for rates) or the word.
pub fn value_json(ind: &Indicator, v: &Value) -> Json {
    match v {
        Value::Number(d) if ind.is_percent() => Json::String(rate_str(*d)),
        Value::Number(d) => Json::String(plain(round(*d, 4))),
        Value::Grade { word, .. } => Json::String(word.clone()),
    }
}

fn dec_json(d: Option<Decimal>, f: fn(Decimal) -> String) -> Json {
    d.map_or(Json::Null, |d| Json::String(f(d)))
}

pub fn light_cell(l: Light, lang: Lang) -> String {
    crate::doc::light_text(l, lang)
}

fn verdict_code(v: Option<Verdict>) -> Json {
    match v {
        None => Json::Null,
        Some(Verdict::Met) => "met".into(),
        Some(Verdict::NotMet) => "not-met".into(),
        Some(Verdict::NoData) => "no-data".into(),
        Some(Verdict::NotApplicable) => "not-applicable".into(),
    }
}

/// The headline in words. The counts of lights and the overall light are the engine's
/// ([`Progress::light`], which counts red budget lines too).
pub fn headline(r: &ProgressReport, lang: Lang) -> String {
    // Figures carried forward from an earlier month (core's `stale`), marked in the
    // indicator table: said here too.
    let older = r.indicators.iter().filter(|x| x.status.stale).count();
    let older = match (older, lang) {
        (0, _) => String::new(),
        (n, Lang::Zh) => format!(
            "{n} 个指标的累计实际为 {} 月之前的报送数（表中注明月份）。",
            r.as_of.number()
        ),
        (n, Lang::En) => format!(
            " {n} indicator figures date from before {} (their month is marked in the table).",
            r.as_of
        ),
    };
    format!("{}{older}", headline_figures(r, lang))
}

fn headline_figures(r: &ProgressReport, lang: Lang) -> String {
    let t = &r.total;
    let rate = t.rate.unwrap_or(Decimal::ZERO);
    let gap = t.gap.unwrap_or(Decimal::ZERO);
    let gap_abs = fixed((gap * Decimal::ONE_HUNDRED).abs(), PERCENT_DP);
    let m = r.as_of.number();
    let (ic, lc) = (&r.indicator_lights, &r.line_lights);
    let path_zh = r.expected_path.zh();
    let elapsed = pct(r.time_elapsed);
    let behind_time = fixed(
        ((rate - r.time_elapsed) * Decimal::ONE_HUNDRED).abs(),
        PERCENT_DP,
    );
    match lang {
        Lang::Zh => {
            let pos = if gap < Decimal::ZERO {
                format!("低于{path_zh} {} {gap_abs} 个百分点", pct(t.expected))
            } else if gap > Decimal::ZERO {
                format!("高于{path_zh} {} {gap_abs} 个百分点", pct(t.expected))
            } else {
                format!("与{path_zh} {} 持平", pct(t.expected))
            };
            let time = if r.expected_path == ExpectedPath::Linear {
                String::new()
            } else if rate < r.time_elapsed {
                format!("，低于序时进度 {elapsed} {behind_time} 个百分点")
            } else if rate > r.time_elapsed {
                format!("，高于序时进度 {elapsed} {behind_time} 个百分点")
            } else {
                format!("，与序时进度 {elapsed} 持平")
            };
            format!(
                "截至 {} 年 {m} 月，预算执行率 {}（累计支出 {} 万元，全年预算数 {} 万元），{pos}{time}；\
                 半年指标值 {}，全年指标值 {}。按当前进度，年末预计支出 {} 万元（执行率 {}）。\
                 {} 个指标中：绿灯 {} 个，蓝灯 {} 个，黄灯 {} 个，红灯 {} 个，暂无数据 {} 个；\
                 {} 个预算项目中：绿灯 {} 个，黄灯 {} 个，红灯 {} 个，暂无数据 {} 个。总体：{}。",
                r.year,
                pct(rate),
                amount_str(t.spent),
                amount_str(t.budget),
                share(r.milestones.0),
                share(r.milestones.1),
                amount_str(t.forecast_run_rate),
                t.forecast_rate.map_or_else(|| W::NotApplicable.text(lang).to_string(), pct),
                ic.total(),
                ic.green,
                ic.blue,
                ic.yellow,
                ic.red,
                ic.none,
                lc.total(),
                lc.green + lc.blue,
                lc.yellow,
                lc.red,
                lc.none,
                light_cell(r.light, lang),
            )
        }
        Lang::En => {
            let path = r.expected_path.en();
            let pos = if gap < Decimal::ZERO {
                format!(
                    "{gap_abs} percentage points below the {path} {}",
                    pct(t.expected)
                )
            } else if gap > Decimal::ZERO {
                format!(
                    "{gap_abs} percentage points above the {path} {}",
                    pct(t.expected)
                )
            } else {
                format!("on the {path} {}", pct(t.expected))
            };
            let time = if r.expected_path == ExpectedPath::Linear {
                String::new()
            } else if rate < r.time_elapsed {
                format!(" and {behind_time} below the time elapsed {elapsed}")
            } else if rate > r.time_elapsed {
                format!(" and {behind_time} above the time elapsed {elapsed}")
            } else {
                format!(" and on the time elapsed {elapsed}")
            };
            format!(
                "As of {}, budget execution is {} ({} of {} 万元 spent), {pos}{time}; \
                 the milestones are {} at June and {} at December. At the current pace, year-end spending will be {} 万元 ({}). \
                 Of {} indicators, {} green, {} blue, {} yellow, {} red, {} without data; \
                 of {} budget lines, {} green, {} yellow, {} red, {} without data. Overall: {}.",
                r.as_of,
                pct(rate),
                amount_str(t.spent),
                amount_str(t.budget),
                share(r.milestones.0),
                share(r.milestones.1),
                amount_str(t.forecast_run_rate),
                t.forecast_rate.map_or_else(|| W::NotApplicable.text(lang).to_string(), pct),
                ic.total(),
                ic.green,
                ic.blue,
                ic.yellow,
                ic.red,
                ic.none,
                lc.total(),
                lc.green + lc.blue,
                lc.yellow,
                lc.red,
                lc.none,
                light_cell(r.light, lang),
            )
        }
    }
}

/// The report's title.
pub fn title(r: &ProgressReport, lang: Lang) -> String {
    let title = plain_title(r, lang);
    match incomplete_mark(&r.completeness, false, lang) {
        Some(m) => format!("{title}{m}"),
        None => title,
    }
}

fn plain_title(r: &ProgressReport, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "{} {} 年度预算绩效月度进度（截至 {} 月）",
            r.unit,
            r.year,
            r.as_of.number()
        ),
        Lang::En => format!(
            "{} — monthly performance progress {} (as of {})",
            r.unit, r.year, r.as_of
        ),
    }
}

/// A note reported with the actuals, on a budget line or an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Note<'a> {
    /// The indicator's id; `None` for a budget line.
    pub id: Option<&'a str>,
    pub name: &'a str,
    pub month: Month,
    pub note: &'a str,
}

impl Note<'_> {
    /// `<line>（2026-06）：<note>` or `<id> <indicator>（2026-06）：<note>`.
    pub fn text(&self) -> String {
        match self.id {
            Some(id) => format!("{id} {}（{}）：{}", self.name, self.month, self.note),
            None => format!("{}（{}）：{}", self.name, self.month, self.note),
        }
    }
}

/// All notes up to as-of: budget lines first, then indicators, each in report order.
pub fn notes(r: &ProgressReport) -> Vec<Note<'_>> {
    r.lines
        .iter()
        .flat_map(|l| {
            l.status.notes.iter().map(move |(m, n)| Note {
                id: None,
                name: &l.name,
                month: *m,
                note: n,
            })
        })
        .chain(r.indicators.iter().flat_map(|row| {
            row.status.notes.iter().map(move |(m, n)| Note {
                id: Some(&row.indicator.id.0),
                name: &row.indicator.name,
                month: *m,
                note: n,
            })
        }))
        .collect()
}

/// How expected progress is computed, what the lights mean and how figures are rounded.
pub fn legend(r: &ProgressReport, lang: Lang) -> String {
    // The thresholds are the unit's settings (percent of the expected progress).
    let l = &r.lights;
    let (red, yellow, blue) = (
        plain(l.red_below.normalize()),
        plain(l.yellow_below.normalize()),
        plain(l.blue_from.normalize()),
    );
    match lang {
        Lang::Zh => format!(
            "说明：{}按{}计算，灯号与偏差据此判定；序时进度 = 月份 ÷ 12。灯号（实际 ÷ 应达进度）：● 绿（≥{yellow}%）▲ 黄（{red}%–{yellow}%）■ 红（<{red}%）◆ 蓝（≥{blue}%，请复核目标）○ 无数据；支出超过预算的项目不为绿。\
             执行率 = 累计支出 ÷ 全年预算数。年末预测（按计划）= 累计支出 + 计划中剩余月份的支出 + 至今未完成的计划支出（视为顺延，不视为取消）；上级项目与合计为其下各行之和；其剩余每月需支出为按未取整数计算后取整一次，可能与各行之和相差 0.01。\
             合计行的{}、偏差与灯号按预算执行率目标计算，故其偏差（万元）不等于各行之和。\
             比率四舍五入到 0.01 个百分点，金额到分（万元两位小数）。",
            r.expected_path.zh(),
            match r.expected_path {
                ExpectedPath::Milestone => format!("里程碑路径（6 月 {}、12 月 {}，其间线性）", share(r.milestones.0), share(r.milestones.1)),
                ExpectedPath::Plan => "单位月度用款计划（plan.csv）".to_string(),
                ExpectedPath::Linear => "月份 ÷ 12".to_string(),
            },
            r.expected_path.zh(),
        ),
        Lang::En => format!(
            "Expected progress (for lights and gaps): {}; time elapsed = month ÷ 12. Lights (actual ÷ expected): ● green (≥{yellow} %), ▲ yellow ({red}–{yellow} %), ■ red (<{red} %), ◆ blue (≥{blue} %: check the target), ○ no data; a line spending above its budget is never green. \
             Execution rate = cumulative spending ÷ full-year budget. Year-end (plan) = spending so far + the plan's remaining months + the shortfall so far against the plan (deferred, not cancelled); a parent line and the total are the sums of their lines; their spending needed per month is worked out unrounded and rounded once, so it may differ from the lines' sum by 0.01. \
             The total's expected progress, gap and light follow the 预算执行率 target, so its gap in 万元 is not the sum of the lines'. \
             Rates rounded to 0.01 percentage point, amounts to the cent (万元).",
            match r.expected_path {
                ExpectedPath::Milestone => format!("the milestone path ({} at June, {} at December, straight lines between)", share(r.milestones.0), share(r.milestones.1)),
                ExpectedPath::Plan => "the unit's monthly plan (plan.csv)".to_string(),
                ExpectedPath::Linear => "month ÷ 12".to_string(),
            }
        ),
    }
}

fn line_json(s: &LineStatus) -> Json {
    json!({
        "name": s.name,
        "parent": s.parent,
        "budget": amount_str(s.budget),
        "spent": amount_str(s.spent),
        "rate": dec_json(s.rate, rate_str),
        "expected": rate_str(s.expected),
        "gap": dec_json(s.gap, rate_str),
        "gap_amount": amount_str(s.gap_amount),
        "light": s.light.code(),
        "forecast": amount_str(s.forecast_run_rate),
        "forecast_plan": amount_str(s.forecast_plan),
        "pace_needed": dec_json(s.pace_needed, amount_str),
        "h1_verdict": verdict_code(s.h1_verdict),
        "fy_verdict": verdict_code(s.fy_verdict),
        "notes": s.notes.iter().map(|(m, n)| json!({"month": m.to_string(), "note": n})).collect::<Vec<_>>(),
        "monthly": s.monthly.iter().map(|(m, spent, rate)| json!({
            "month": m.to_string(),
            "spent": amount_str(*spent),
            "rate": dec_json(*rate, rate_str),
        })).collect::<Vec<_>>(),
    })
}

/// The progress.json contract (see the README).
pub fn json(r: &ProgressReport) -> Json {
    let mut total = line_json(&r.total);
    if let Json::Object(o) = &mut total {
        o.remove("name");
        o.remove("parent");
        o.insert(
            "milestones".into(),
            json!({"h1": rate_str(r.milestones.0), "fy": rate_str(r.milestones.1)}),
        );
        o.insert(
            "expected_path".into(),
            Json::String(
                match r.expected_path {
                    ExpectedPath::Milestone => "milestone",
                    ExpectedPath::Plan => "plan",
                    ExpectedPath::Linear => "linear",
                }
                .into(),
            ),
        );
        o.insert(
            "time_elapsed".into(),
            Json::String(rate_str(r.time_elapsed)),
        );
        o.insert(
            "lines".into(),
            Json::Array(r.lines.iter().map(|l| line_json(&l.status)).collect()),
        );
    }
    json!({
        "unit": r.unit,
        "year": r.year,
        "as_of": r.as_of.to_string(),
        "kind": "progress",
        "execution": total,
        "indicators": r.indicators.iter().map(|row| {
            let (i, s) = (&row.indicator, &row.status);
            json!({
                "id": i.id.0,
                "name": i.name,
                "level1": i.level1.name(),
                "level2": i.level2,
                "key_work": i.key_work,
                "h1_target": i.h1.to_string(),
                "fy_target": i.fy.to_string(),
                "measure": i.measure.to_string(),
                "unit": i.unit().map(|u| u.as_str()),
                "actual": s.actual.as_ref().map_or(Json::Null, |v| value_json(i, v)),
                "expected": match s.expected {
                    Some(e) if i.is_percent() => Json::String(rate_str(e)),
                    Some(e) => Json::String(plain(round(e, 4))),
                    None => Json::Null,
                },
                "light": s.light.code(),
                "forecast": s.forecast.as_ref().map_or(Json::Null, |v| value_json(i, v)),
                "pace_needed": dec_json(s.pace_needed, |d| plain(round(d, 4))),
                "h1_verdict": verdict_code(s.h1_verdict),
                "fy_verdict": verdict_code(s.fy_verdict),
                "last_reported": s.last_reported.map(|m| m.to_string()),
                "stale": s.stale,
                "notes": s.notes.iter().map(|(m, n)| json!({"month": m.to_string(), "note": n})).collect::<Vec<_>>(),
            })
        }).collect::<Vec<_>>(),
        "light": r.light.code(),
        "complete": r.completeness.months_complete(),
        "missing_months": r.completeness.missing_months.iter().map(|m| m.to_string()).collect::<Vec<_>>(),
        "cross_checks": cross_checks_json(r),
    })
}

/// The cross-checks for JSON: `[{id, name, month, reported, derived}]`, rates as
/// fractions to 4 decimals.
pub fn cross_checks_json(r: &ProgressReport) -> Json {
    r.cross_checks
        .iter()
        .map(|(name, c)| {
            json!({
                "id": c.id.0,
                "name": name,
                "month": c.month.to_string(),
                "reported": rate_str(c.reported),
                "derived": rate_str(c.derived),
            })
        })
        .collect()
}

/// Pretty JSON text with a final newline.
pub fn json_text(r: &ProgressReport) -> String {
    crate::text::json_pretty(&json(r))
}

/// A short terminal summary.
pub fn summary(r: &ProgressReport, lang: Lang) -> String {
    let mut out = format!("{}\n", headline(r, lang));
    let reds: Vec<String> = r
        .indicators
        .iter()
        .filter(|i| i.status.light == Light::Red)
        .map(|i| format!("  ■ {} {}", i.indicator.id, i.indicator.name))
        .collect();
    let red_lines: Vec<String> = r
        .lines
        .iter()
        .filter(|l| l.status.light == Light::Red)
        .map(|l| format!("  ■ {}", l.name))
        .collect();
    if !red_lines.is_empty() {
        out.push_str(match lang {
            Lang::Zh => "红灯预算项目：\n",
            Lang::En => "Red budget lines:\n",
        });
        out.push_str(&red_lines.join("\n"));
        out.push('\n');
    }
    if !reds.is_empty() {
        out.push_str(match lang {
            Lang::Zh => "红灯指标：\n",
            Lang::En => "Red indicators:\n",
        });
        out.push_str(&reds.join("\n"));
        out.push('\n');
    }
    out
}
