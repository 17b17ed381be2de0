//! The monthly progress report: a model built from the engine's [`Progress`], and
//! renderers for Markdown, JSON and CSV.
//!
//! Numbers in the model are exact decimals as the engine computed them; rounding
//! happens only when rendering: rates to 0.01 percentage point (4 decimals as
//! fractions), amounts to the cent, half away from zero.

use attain_core::fmt::{fixed, percent, plain, round};
use attain_core::progress::{IndicatorStatus, Light, LineStatus, Progress, Verdict};
use attain_core::{Decimal, Indicator, Model, Month, Value};
use serde_json::{json, Value as Json};

use crate::lang::Lang;

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
}

/// Build the report model.
pub fn build(model: &Model, progress: &Progress) -> ProgressReport {
    // The engine's milestones, so that the headline, the footnote and the charts
    // name the same points the expected path goes through.
    let milestones = progress.total.milestones;
    ProgressReport {
        unit: model.unit.name.clone(),
        year: model.unit.year,
        as_of: progress.as_of,
        total: progress.total.clone(),
        lines: progress
            .lines
            .iter()
            .map(|l| LineRow {
                name: l.name.clone(),
                depth: l.depth,
                status: l.clone(),
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
    }
}

/// Round a rate (fraction) for output: 4 decimals.
pub fn rate_str(r: Decimal) -> String {
    fixed(r, 4)
}

/// Round an amount for output: 2 decimals.
pub fn amount_str(a: Decimal) -> String {
    fixed(a, 2)
}

/// A value as a person reads it: `41.20%` for a rate, `12` for a count, the word for
/// a grade.
pub fn value_text(ind: &Indicator, v: &Value) -> String {
    match v {
        Value::Number(d) if ind.is_percent() => minus(percent(*d, 2)),
        // A date (`2026年10月`) or a ratio (`1:1.3`) as written.
        Value::Number(d) if ind.fy.show_value(*d).is_some() => {
            ind.fy.show_value(*d).unwrap_or_default()
        }
        Value::Number(d) => {
            let unit = ind.unit().map(|u| u.as_str()).unwrap_or("");
            format!("{}{unit}", minus(plain(round(*d, 2))))
        }
        Value::Grade { word, .. } => word.clone(),
    }
}

/// A leading ASCII minus as the typographic one (−), as in the other figures people read.
pub fn minus(s: String) -> String {
    match s.strip_prefix('-') {
        Some(rest) => format!("−{rest}"),
        None => s,
    }
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

fn expected_text(ind: &Indicator, e: Option<Decimal>) -> String {
    match e {
        None => "—".into(),
        Some(e) if ind.is_percent() => percent(e, 2),
        Some(e) if ind.fy.show_value(e).is_some() => ind.fy.show_value(e).unwrap_or_default(),
        Some(e) => {
            let unit = ind.unit().map(|u| u.as_str()).unwrap_or("");
            format!("{}{unit}", plain(round(e, 2)))
        }
    }
}

pub fn light_cell(l: Light, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{} {}", l.symbol(), l.zh()),
        Lang::En => format!("{} {}", l.symbol(), l.code()),
    }
}

pub fn verdict_text(v: Option<Verdict>, lang: Lang) -> &'static str {
    match (v, lang) {
        (None, _) => "",
        (Some(Verdict::Met), Lang::Zh) => "达成",
        (Some(Verdict::NotMet), Lang::Zh) => "未达成",
        (Some(Verdict::NoData), Lang::Zh) => "无数据",
        (Some(Verdict::NotApplicable), Lang::Zh) => "不适用",
        (Some(Verdict::Met), Lang::En) => "met",
        (Some(Verdict::NotMet), Lang::En) => "not met",
        (Some(Verdict::NoData), Lang::En) => "no data",
        (Some(Verdict::NotApplicable), Lang::En) => "n/a",
    }
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

/// Percentage points with a sign: `−4.80`.
pub fn pp(gap: Decimal) -> String {
    signed(gap * Decimal::ONE_HUNDRED)
}

/// A signed figure with two decimals and a typographic minus: `−15.00`, `+2.10`.
pub fn signed(d: Decimal) -> String {
    let s = fixed(d, 2);
    match s.strip_prefix('-') {
        Some(rest) => format!("−{rest}"),
        None if s == "0.00" => s,
        None => format!("+{s}"),
    }
}

/// The headline in words.
pub fn headline(r: &ProgressReport, lang: Lang) -> String {
    let t = &r.total;
    let rate = t.rate.unwrap_or(Decimal::ZERO);
    let gap = t.gap.unwrap_or(Decimal::ZERO);
    let gap_abs = fixed((gap * Decimal::ONE_HUNDRED).abs(), 2);
    let m = r.as_of.number();
    let count = |l: Light| r.indicators.iter().filter(|i| i.status.light == l).count();
    let (reds, yellows, greens, blues, nodata) = (
        count(Light::Red),
        count(Light::Yellow),
        count(Light::Green),
        count(Light::Blue),
        count(Light::None),
    );
    match lang {
        Lang::Zh => {
            let pos = if gap < Decimal::ZERO {
                format!("低于序时进度 {} {gap_abs} 个百分点", percent(t.expected, 2))
            } else if gap > Decimal::ZERO {
                format!("高于序时进度 {} {gap_abs} 个百分点", percent(t.expected, 2))
            } else {
                format!("与序时进度 {} 持平", percent(t.expected, 2))
            };
            format!(
                "截至 {} 年 {m} 月，预算执行率 {}（累计支出 {} 万元，全年预算 {} 万元），{pos}；\
                 半年目标 {}，全年目标 {}。按当前进度，年末预计支出 {} 万元（执行率 {}）。\
                 {} 个指标中：绿灯 {greens} 个，蓝灯 {blues} 个，黄灯 {yellows} 个，红灯 {reds} 个，暂无数据 {nodata} 个。总体：{}。",
                r.year,
                percent(rate, 2),
                amount_str(t.spent),
                amount_str(t.budget),
                percent(r.milestones.0, 0),
                percent(r.milestones.1, 0),
                amount_str(t.forecast_run_rate),
                t.budget.is_zero().then(String::new).unwrap_or_else(|| percent(t.forecast_run_rate / t.budget, 2)),
                r.indicators.len(),
                light_cell(r.light, lang),
            )
        }
        Lang::En => {
            let pos = if gap < Decimal::ZERO {
                format!(
                    "{gap_abs} percentage points below the expected {}",
                    percent(t.expected, 2)
                )
            } else if gap > Decimal::ZERO {
                format!(
                    "{gap_abs} percentage points above the expected {}",
                    percent(t.expected, 2)
                )
            } else {
                format!("on the expected {}", percent(t.expected, 2))
            };
            format!(
                "As of {}, budget execution is {} ({} of {} 万元 spent), {pos}; \
                 the milestones are {} at June and {} at December. At the current pace, year-end spending will be {} 万元 ({}). \
                 Of {} indicators, {greens} green, {blues} blue, {yellows} yellow, {reds} red, {nodata} without data. Overall: {}.",
                r.as_of,
                percent(rate, 2),
                amount_str(t.spent),
                amount_str(t.budget),
                percent(r.milestones.0, 0),
                percent(r.milestones.1, 0),
                amount_str(t.forecast_run_rate),
                t.budget.is_zero().then(String::new).unwrap_or_else(|| percent(t.forecast_run_rate / t.budget, 2)),
                r.indicators.len(),
                light_cell(r.light, lang),
            )
        }
    }
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// A Markdown table; columns listed in `right` are right-aligned.
pub(crate) fn md_table(header: &[&str], rows: &[Vec<String>], right: &[usize]) -> String {
    let mut out = format!("| {} |\n", header.join(" | "));
    let seps: Vec<&str> = (0..header.len())
        .map(|i| if right.contains(&i) { "---:" } else { "---" })
        .collect();
    out.push_str(&format!("| {} |\n", seps.join(" | ")));
    for r in rows {
        let cells: Vec<String> = r.iter().map(|c| md_escape(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

/// The execution cell in hledger's budget style: `303.05 [41.20% of 735.55]`.
fn budget_cell(s: &LineStatus, lang: Lang) -> String {
    let rate = s.rate.map(|r| percent(r, 2)).unwrap_or_else(|| "—".into());
    match lang {
        Lang::Zh => format!(
            "{} [{rate} / {}]",
            amount_str(s.spent),
            amount_str(s.budget)
        ),
        Lang::En => format!(
            "{} [{rate} of {}]",
            amount_str(s.spent),
            amount_str(s.budget)
        ),
    }
}

/// Rows of the budget-execution table, total last.
pub fn line_table(r: &ProgressReport, lang: Lang) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let header = match lang {
        Lang::Zh => vec![
            "预算项目",
            "全年预算",
            "累计支出 [执行率 / 预算]",
            "序时进度",
            "偏差（百分点）",
            "偏差（万元）",
            "灯",
            "年末预测（按当前进度）",
            "年末预测（按计划）",
            "剩余每月需支出",
        ],
        Lang::En => vec![
            "Budget line",
            "Budget",
            "Spent [rate of budget]",
            "Expected",
            "Gap (pp)",
            "Gap (万元)",
            "Light",
            "Year-end (run rate)",
            "Year-end (plan)",
            "Needed per month",
        ],
    };
    let row = |name: String, s: &LineStatus| {
        vec![
            name,
            amount_str(s.budget),
            budget_cell(s, lang),
            percent(s.expected, 2),
            s.gap.map(pp).unwrap_or_default(),
            signed(s.gap_amount),
            light_cell(s.light, lang),
            amount_str(s.forecast_run_rate),
            amount_str(s.forecast_plan),
            s.pace_needed.map(amount_str).unwrap_or_else(|| "—".into()),
        ]
    };
    let mut rows: Vec<Vec<String>> = r
        .lines
        .iter()
        .map(|l| {
            row(
                format!("{}{}", "\u{3000}".repeat(l.depth), l.name),
                &l.status,
            )
        })
        .collect();
    rows.push(row(
        match lang {
            Lang::Zh => "合计".into(),
            Lang::En => "Total".into(),
        },
        &r.total,
    ));
    (header, rows)
}

/// The header of the indicator table.
pub fn indicator_header(lang: Lang) -> Vec<&'static str> {
    match lang {
        Lang::Zh => vec![
            "编号",
            "一级",
            "二级",
            "三级指标",
            "半年目标",
            "全年目标",
            "累计实际",
            "序时目标",
            "完成度",
            "灯",
            "年末预测",
            "剩余每月需完成",
            "半年判定",
        ],
        Lang::En => vec![
            "Id",
            "Level 1",
            "Level 2",
            "Indicator",
            "H1 target",
            "FY target",
            "Actual",
            "Expected",
            "% of expected",
            "Light",
            "Year-end forecast",
            "Needed per month",
            "H1 verdict",
        ],
    }
}

/// Rows of the indicator table.
pub fn indicator_table(r: &ProgressReport, lang: Lang) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let header = indicator_header(lang);
    let rows = r
        .indicators
        .iter()
        .map(|row| {
            let (i, s) = (&row.indicator, &row.status);
            let unit = i.unit().map(|u| u.as_str()).unwrap_or("");
            vec![
                i.id.to_string(),
                i.level1.name().to_string(),
                i.level2.clone(),
                i.name.clone(),
                i.h1.to_string(),
                i.fy.to_string(),
                s.actual
                    .as_ref()
                    .map(|v| value_text(i, v))
                    .unwrap_or_else(|| match lang {
                        Lang::Zh => "无数据".into(),
                        Lang::En => "no data".into(),
                    }),
                if i.fy.is_qualitative() {
                    i.target_in_force(r.as_of).to_string()
                } else {
                    expected_text(i, s.expected)
                },
                s.ratio
                    .map(|x| format!("{}%", fixed(x, 1)))
                    .unwrap_or_default(),
                light_cell(s.light, lang),
                s.forecast
                    .as_ref()
                    .map(|v| value_text(i, v))
                    .unwrap_or_default(),
                s.pace_needed
                    .map(|p| format!("{}{unit}", plain(round(p, 2))))
                    .unwrap_or_default(),
                verdict_text(s.h1_verdict, lang).to_string(),
            ]
        })
        .collect();
    (header, rows)
}

/// The report's title.
pub fn title(r: &ProgressReport, lang: Lang) -> String {
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

/// progress.md
pub fn markdown(r: &ProgressReport, lang: Lang) -> String {
    let mut out = String::new();
    out.push_str(&format!("# {}\n\n", title(r, lang)));
    out.push_str(&headline(r, lang));
    out.push_str("\n\n");
    let (h, rows) = line_table(r, lang);
    out.push_str(match lang {
        Lang::Zh => "## 预算执行\n\n",
        Lang::En => "## Budget execution\n\n",
    });
    out.push_str(&md_table(&h, &rows, &[1, 3, 4, 5, 7, 8, 9]));
    out.push('\n');
    let (h, rows) = indicator_table(r, lang);
    out.push_str(match lang {
        Lang::Zh => "## 绩效指标\n\n",
        Lang::En => "## Indicators\n\n",
    });
    out.push_str(&md_table(&h, &rows, &[8]));
    out.push('\n');
    let notes: Vec<String> = notes(r).iter().map(|n| format!("- {}", n.text())).collect();
    if !notes.is_empty() {
        out.push_str(match lang {
            Lang::Zh => "## 备注\n\n",
            Lang::En => "## Notes\n\n",
        });
        out.push_str(&notes.join("\n"));
        out.push_str("\n\n");
    }
    out.push_str(&format!("---\n\n{}\n", legend(r, lang)));
    out
}

/// How expected progress is computed, what the lights mean and how figures are rounded.
pub fn legend(r: &ProgressReport, lang: Lang) -> String {
    use attain_core::settings::ExpectedPath;
    match lang {
        Lang::Zh => format!(
            "说明：序时进度按{}计算；灯号：● 绿（≥80%）▲ 黄（60%–80%）■ 红（<60%）◆ 蓝（≥120%，请复核目标）○ 无数据。\
             执行率 = 累计支出 ÷ 全年预算；比率四舍五入到 0.01 个百分点，金额到分（万元两位小数）。",
            match r.expected_path {
                ExpectedPath::Milestone => format!("里程碑路径（6 月 {}、12 月 {}，其间线性）", percent(r.milestones.0, 0), percent(r.milestones.1, 0)),
                ExpectedPath::Plan => "单位月度用款计划（plan.csv）".to_string(),
                ExpectedPath::Linear => "月份 ÷ 12".to_string(),
            }
        ),
        Lang::En => format!(
            "Expected progress: {}. Lights: ● green (≥80 %), ▲ yellow (60–80 %), ■ red (<60 %), ◆ blue (≥120 %: check the target), ○ no data. \
             Execution rate = cumulative spending ÷ full-year budget; rates rounded to 0.01 percentage point, amounts to the cent (万元).",
            match r.expected_path {
                ExpectedPath::Milestone => format!("the milestone path ({} at June, {} at December, straight lines between)", percent(r.milestones.0, 0), percent(r.milestones.1, 0)),
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
                "notes": s.notes.iter().map(|(m, n)| json!({"month": m.to_string(), "note": n})).collect::<Vec<_>>(),
            })
        }).collect::<Vec<_>>(),
        "light": r.light.code(),
    })
}

/// Pretty JSON text with a final newline.
pub fn json_text(r: &ProgressReport) -> String {
    crate::text::json_pretty(&json(r))
}

/// progress.csv: one row per budget line (and the total) and per indicator, in one
/// table with a `section` column, UTF-8 with a BOM so that Excel opens it as such.
pub fn csv(r: &ProgressReport) -> String {
    let header = [
        "section",
        "id",
        "name",
        "level1",
        "level2",
        "h1_target",
        "fy_target",
        "measure",
        "budget",
        "actual",
        "expected",
        "gap",
        "light",
        "forecast",
        "pace_needed",
        "h1_verdict",
        "fy_verdict",
    ];
    let mut rows: Vec<Vec<String>> = Vec::new();
    let opt = |d: Option<Decimal>, f: fn(Decimal) -> String| d.map(f).unwrap_or_default();
    let code = |v: Option<Verdict>| match verdict_code(v) {
        Json::String(s) => s,
        _ => String::new(),
    };
    let line_rec = |name: &str, s: &LineStatus| {
        vec![
            "execution".to_string(),
            String::new(),
            name.to_string(),
            String::new(),
            s.parent.clone().unwrap_or_default(),
            String::new(),
            String::new(),
            "execution".into(),
            amount_str(s.budget),
            opt(s.rate, rate_str),
            rate_str(s.expected),
            opt(s.gap, rate_str),
            s.light.code().into(),
            amount_str(s.forecast_run_rate),
            opt(s.pace_needed, amount_str),
            code(s.h1_verdict),
            code(s.fy_verdict),
        ]
    };
    for l in &r.lines {
        rows.push(line_rec(&l.name, &l.status));
    }
    rows.push(line_rec("合计", &r.total));
    for row in &r.indicators {
        let (i, s) = (&row.indicator, &row.status);
        let text = |v: &Json| match v {
            Json::String(s) => s.clone(),
            _ => String::new(),
        };
        rows.push(vec![
            "indicator".to_string(),
            i.id.0.clone(),
            i.name.clone(),
            i.level1.name().into(),
            i.level2.clone(),
            i.h1.to_string(),
            i.fy.to_string(),
            i.measure.to_string(),
            String::new(),
            s.actual
                .as_ref()
                .map(|v| text(&value_json(i, v)))
                .unwrap_or_default(),
            match s.expected {
                Some(e) if i.is_percent() => rate_str(e),
                Some(e) => plain(round(e, 4)),
                None => String::new(),
            },
            String::new(),
            s.light.code().into(),
            s.forecast
                .as_ref()
                .map(|v| text(&value_json(i, v)))
                .unwrap_or_default(),
            s.pace_needed
                .map(|d| plain(round(d, 4)))
                .unwrap_or_default(),
            code(s.h1_verdict),
            code(s.fy_verdict),
        ]);
    }
    crate::text::csv_with_bom(&header, rows)
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
