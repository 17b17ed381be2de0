//! The portfolio report (`attain portfolio`): every unit of a province ranked by its
//! gap to the expected execution path, the units left out for errors, and the
//! aggregate, in Markdown, JSON, CSV, HTML and SVG.
//!
//! Every figure comes from [`attain_core::portfolio::Portfolio`]; this module only
//! rounds (half away from zero: rates to 0.01 percentage point, amounts to the cent)
//! and lays out. The charts reuse the execution chart: the aggregate curve, and the
//! curves of the units furthest behind as small multiples.

use std::fmt::Write as _;

use attain_core::fmt::{fixed, percent};
use attain_core::portfolio::{Change, Portfolio, UnitSummary};
use attain_core::progress::Light;
use attain_core::{Decimal, Month};
use serde_json::{json, Value};

use crate::chart::{self, ChartStyle, ExecutionCurve, Milestone};
use crate::html;
use crate::lang::Lang;
use crate::File;

/// What the report shows besides the portfolio itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Units listed in the Markdown and HTML tables (all are in JSON and CSV).
    pub top: usize,
    /// Units drawn as small multiples.
    pub charts: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            top: 50,
            charts: 12,
        }
    }
}

fn t(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

fn rate(r: Option<Decimal>) -> String {
    r.map_or_else(|| "—".into(), |r| percent(r, 2))
}

/// A gap in percentage points with its sign.
fn pp(g: Option<Decimal>) -> String {
    match g {
        Some(g) => {
            let s = fixed(g * Decimal::ONE_HUNDRED, 2);
            if s.starts_with('-') {
                s
            } else {
                format!("+{s}")
            }
        }
        None => "—".into(),
    }
}

fn light_word(l: Light, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{} {}", l.symbol(), l.zh()),
        Lang::En => format!("{} {}", l.symbol(), l.code()),
    }
}

fn change_word(c: Change, lang: Lang) -> &'static str {
    match c {
        Change::Improved => t(lang, "好转", "improved"),
        Change::Worsened => t(lang, "变差", "worsened"),
        Change::Unchanged => t(lang, "持平", "unchanged"),
        Change::New => t(lang, "—", "—"),
    }
}

/// The report's title.
pub fn title(p: &Portfolio, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "{}年{}月 预算单位绩效进度总览（{}个单位）",
            p.as_of.year(),
            p.as_of.number(),
            p.ranked.len() + p.excluded.len()
        ),
        Lang::En => format!(
            "Portfolio progress as of {} ({} units)",
            p.as_of,
            p.ranked.len() + p.excluded.len()
        ),
    }
}

/// The headline: aggregate execution, lights, indicators, change since last month.
pub fn headline(p: &Portfolio, lang: Lang) -> Vec<String> {
    let (red, yellow) = p.red_yellow_indicators();
    let lights = [
        Light::Red,
        Light::Yellow,
        Light::Green,
        Light::Blue,
        Light::None,
    ]
    .iter()
    .map(|&l| format!("{} {}", light_word(l, lang), p.count_light(l)))
    .collect::<Vec<_>>()
    .join(t(lang, "，", ", "));
    match lang {
        Lang::Zh => vec![
            format!(
                "纳入排名 {} 个单位，预算合计 {} 万元，累计支出 {} 万元，执行率 {}（序时进度 {}，差 {} 个百分点）。",
                p.ranked.len(),
                fixed(p.budget, 2),
                fixed(p.spent, 2),
                rate(p.rate()),
                percent(p.expected(), 2),
                pp(p.gap())
            ),
            format!("单位总体灯号：{lights}。"),
            format!(
                "红灯指标 {red} 个、黄灯指标 {yellow} 个（共 {} 个指标）。",
                p.indicators()
            ),
            format!(
                "与上月相比：好转 {} 个单位，变差 {} 个，持平 {} 个。",
                p.count_change(Change::Improved),
                p.count_change(Change::Worsened),
                p.count_change(Change::Unchanged)
            ),
            format!("因数据错误未纳入排名：{} 个单位。", p.excluded.len()),
        ],
        Lang::En => vec![
            format!(
                "{} units ranked, budget {} 万元, spent {} 万元, execution {} (expected {}, gap {} pp).",
                p.ranked.len(),
                fixed(p.budget, 2),
                fixed(p.spent, 2),
                rate(p.rate()),
                percent(p.expected(), 2),
                pp(p.gap())
            ),
            format!("Units by overall light: {lights}."),
            format!(
                "{red} red and {yellow} yellow indicators (of {}).",
                p.indicators()
            ),
            format!(
                "Since last month: {} units improved, {} worsened, {} unchanged.",
                p.count_change(Change::Improved),
                p.count_change(Change::Worsened),
                p.count_change(Change::Unchanged)
            ),
            format!("Left out for errors in their data: {} units.", p.excluded.len()),
        ],
    }
}

fn header(lang: Lang) -> Vec<&'static str> {
    match lang {
        Lang::Zh => vec![
            "排名",
            "单位",
            "单位名称",
            "预算数（万元）",
            "累计支出（万元）",
            "执行率",
            "序时进度",
            "差距（百分点）",
            "执行灯号",
            "总体灯号",
            "红灯指标",
            "黄灯指标",
            "较上月（百分点）",
            "变化",
        ],
        Lang::En => vec![
            "Rank",
            "Unit",
            "Name",
            "Budget (万元)",
            "Spent (万元)",
            "Rate",
            "Expected",
            "Gap (pp)",
            "Execution",
            "Overall",
            "Red",
            "Yellow",
            "Since last month (pp)",
            "Change",
        ],
    }
}

fn cells(rank: usize, u: &UnitSummary, lang: Lang) -> Vec<String> {
    vec![
        rank.to_string(),
        u.key.clone(),
        u.name.clone(),
        fixed(u.budget, 2),
        fixed(u.now.spent, 2),
        rate(u.now.rate),
        percent(u.now.expected, 2),
        pp(u.now.gap),
        light_word(u.now.execution_light, lang),
        light_word(u.now.light, lang),
        u.now.red.to_string(),
        u.now.yellow.to_string(),
        pp(u.gap_change()),
        change_word(u.change(), lang).to_string(),
    ]
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// portfolio.md.
pub fn markdown(p: &Portfolio, o: &Options, lang: Lang) -> String {
    let mut out = format!("# {}\n\n", title(p, lang));
    for h in headline(p, lang) {
        let _ = writeln!(out, "- {h}");
    }
    let shown = o.top.min(p.ranked.len());
    let _ = write!(
        out,
        "\n## {}\n\n",
        match lang {
            Lang::Zh => format!("距序时进度最远的 {shown} 个单位（完整排名见 portfolio.csv）"),
            Lang::En =>
                format!("The {shown} units furthest behind (full ranking in portfolio.csv)"),
        }
    );
    let h = header(lang);
    let _ = writeln!(out, "| {} |", h.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(h.len()));
    for (k, u) in p.ranked.iter().take(shown).enumerate() {
        let c: Vec<String> = cells(k + 1, u, lang).iter().map(|c| md_cell(c)).collect();
        let _ = writeln!(out, "| {} |", c.join(" | "));
    }
    if !p.excluded.is_empty() {
        let _ = write!(
            out,
            "\n## {}\n\n",
            t(
                lang,
                "因数据错误未纳入排名的单位",
                "Units left out for errors"
            )
        );
        for e in &p.excluded {
            let _ = writeln!(
                out,
                "- {}{}{} {} — {}",
                md_cell(&e.key),
                t(lang, "：", ": "),
                e.errors,
                t(lang, "个错误，首个", "error(s), first"),
                md_cell(&e.first)
            );
        }
    }
    out
}

fn dec(d: Decimal, dp: u32) -> Value {
    Value::String(fixed(d, dp))
}

fn opt(d: Option<Decimal>, dp: u32) -> Value {
    d.map_or(Value::Null, |d| dec(d, dp))
}

/// Where the units go in the JSON shell.
const PLACEHOLDER: &str = "\u{0}units";

/// portfolio.json: every unit, rates as fractions to 4 decimals, amounts to the cent.
pub fn json(p: &Portfolio) -> String {
    let (red, yellow) = p.red_yellow_indicators();
    let months =
        |v: &[Decimal], dp: u32| -> Value { Value::Array(v.iter().map(|d| dec(*d, dp)).collect()) };
    // Each unit is written as it is built, so that a portfolio of 100 000 units is not
    // held as one JSON tree (pretty-printed as serde_json would nest it).
    let units = p
        .ranked
        .iter()
        .enumerate()
        .map(|(k, u)| {
            json!({
                "rank": k + 1,
                "unit": u.key,
                "name": u.name,
                "budget": dec(u.budget, 2),
                "spent": dec(u.now.spent, 2),
                "rate": opt(u.now.rate, 4),
                "expected": dec(u.now.expected, 4),
                "gap": opt(u.now.gap, 4),
                "execution_light": u.now.execution_light.code(),
                "light": u.now.light.code(),
                "indicators": u.indicators,
                "red": u.now.red,
                "yellow": u.now.yellow,
                "previous": u.previous.as_ref().map(|s| json!({
                    "spent": dec(s.spent, 2),
                    "rate": opt(s.rate, 4),
                    "gap": opt(s.gap, 4),
                    "light": s.light.code(),
                    "red": s.red,
                    "yellow": s.yellow,
                })),
                "gap_change": opt(u.gap_change(), 4),
                "change": u.change().code(),
            })
        })
        .map(|v| {
            let text = serde_json::to_string_pretty(&v).unwrap_or_default();
            let mut out = String::with_capacity(text.len() + 256);
            for (i, line) in text.lines().enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                out.push_str("    ");
                out.push_str(line);
            }
            out
        });
    let excluded: Vec<Value> = p
        .excluded
        .iter()
        .map(|e| json!({"unit": e.key, "errors": e.errors, "first": e.first}))
        .collect();
    let lights: serde_json::Map<String, Value> = [
        Light::Red,
        Light::Yellow,
        Light::Green,
        Light::Blue,
        Light::None,
    ]
    .iter()
    .map(|&l| (l.code().to_string(), json!(p.count_light(l))))
    .collect();
    let v = json!({
        "kind": "portfolio",
        "year": p.as_of.year(),
        "as_of": p.as_of.to_string(),
        "aggregate": {
            "units": p.ranked.len(),
            "budget": dec(p.budget, 2),
            "spent": dec(p.spent, 2),
            "rate": opt(p.rate(), 4),
            "expected": dec(p.expected(), 4),
            "gap": opt(p.gap(), 4),
            "lights": lights,
            "red_indicators": red,
            "yellow_indicators": yellow,
            "improved": p.count_change(Change::Improved),
            "worsened": p.count_change(Change::Worsened),
            "unchanged": p.count_change(Change::Unchanged),
            "monthly_spent": months(&p.monthly_spent, 2),
            "expected_path": months(&p.expected_path, 4),
        },
        "units": PLACEHOLDER,
        "excluded": excluded,
    });
    let shell = crate::text::json_pretty(&v);
    let quoted = serde_json::to_string(PLACEHOLDER).unwrap_or_default();
    let Some((before, after)) = shell.split_once(&quoted) else {
        return shell;
    };
    let mut out = String::with_capacity(shell.len() + p.ranked.len() * 1024);
    out.push_str(before);
    let mut any = false;
    for (k, u) in units.enumerate() {
        out.push_str(if k == 0 { "[\n" } else { ",\n" });
        out.push_str(&u);
        any = true;
    }
    out.push_str(if any { "\n  ]" } else { "[]" });
    out.push_str(after);
    out
}

/// portfolio.csv: one row per unit, ranked ones first, then those left out.
pub fn csv(p: &Portfolio) -> String {
    let header = [
        "rank",
        "unit",
        "name",
        "status",
        "budget",
        "spent",
        "rate",
        "expected",
        "gap",
        "execution_light",
        "light",
        "indicators",
        "red",
        "yellow",
        "gap_change",
        "change",
        "errors",
        "first_error",
    ];
    let s = |d: Option<Decimal>, dp: u32| d.map_or(String::new(), |d| fixed(d, dp));
    let ranked = p.ranked.iter().enumerate().map(|(k, u)| {
        vec![
            (k + 1).to_string(),
            u.key.clone(),
            u.name.clone(),
            "ranked".into(),
            fixed(u.budget, 2),
            fixed(u.now.spent, 2),
            s(u.now.rate, 4),
            fixed(u.now.expected, 4),
            s(u.now.gap, 4),
            u.now.execution_light.code().into(),
            u.now.light.code().into(),
            u.indicators.to_string(),
            u.now.red.to_string(),
            u.now.yellow.to_string(),
            s(u.gap_change(), 4),
            u.change().code().into(),
            "0".into(),
            String::new(),
        ]
    });
    let excluded = p.excluded.iter().map(|e| {
        let mut r = vec![String::new(); header.len()];
        r[1] = e.key.clone();
        r[3] = "excluded".into();
        r[16] = e.errors.to_string();
        r[17] = e.first.clone();
        r
    });
    crate::text::csv_with_bom(&header, ranked.chain(excluded))
}

fn months_of(year: u16, n: usize) -> impl Iterator<Item = Month> {
    (1..=12u8).filter_map(move |m| Month::new(year, m)).take(n)
}

/// The execution curve of cumulative spending against a budget and an expected path.
fn curve(
    title: String,
    as_of: Month,
    budget: Decimal,
    monthly_spent: &[Decimal],
    expected_path: &[Decimal],
    lang: Lang,
) -> ExecutionCurve {
    let year = as_of.year();
    let actual = months_of(year, monthly_spent.len())
        .zip(monthly_spent)
        .filter_map(|(m, s)| s.checked_div(budget).map(|r| (m, r)))
        .collect::<Vec<_>>();
    let rate = actual.last().map(|(_, r)| *r);
    let reference: Vec<(Month, Decimal)> = months_of(year, 12)
        .zip(expected_path.iter().copied())
        .collect();
    let at = |m: u8| reference.get(usize::from(m) - 1).map(|(_, r)| *r);
    let milestones = [(6u8, t(lang, "半年", "H1")), (12, t(lang, "全年", "FY"))]
        .iter()
        .filter_map(|&(m, label)| {
            Some(Milestone {
                month: Month::new(year, m)?,
                rate: at(m)?,
                label: label.to_string(),
            })
        })
        .collect();
    let expected_now = at(as_of.number());
    ExecutionCurve {
        title,
        year,
        as_of,
        actual,
        reference,
        reference_label: t(lang, "序时进度", "Expected path").to_string(),
        milestones,
        forecast: crate::chart_data::run_rate_forecast(rate, as_of),
        forecast_label: crate::chart_data::forecast_label(as_of, lang),
        gap_pp: rate
            .zip(expected_now)
            .map(|(r, e)| (r - e) * Decimal::ONE_HUNDRED),
    }
}

/// The aggregate execution curve.
pub fn aggregate_curve(p: &Portfolio, lang: Lang) -> ExecutionCurve {
    let title = match lang {
        Lang::Zh => format!(
            "{}年 预算执行率（全部 {} 个单位合计）",
            p.as_of.year(),
            p.ranked.len()
        ),
        Lang::En => format!(
            "Budget execution {} — all {} units",
            p.as_of.year(),
            p.ranked.len()
        ),
    };
    curve(
        title,
        p.as_of,
        p.budget,
        &p.monthly_spent,
        &p.expected_path,
        lang,
    )
}

/// The execution curve of one unit (a small multiple).
pub fn unit_curve(p: &Portfolio, rank: usize, u: &UnitSummary, lang: Lang) -> ExecutionCurve {
    let title = format!("{rank}. {}", u.name);
    curve(
        title,
        p.as_of,
        u.budget,
        &u.monthly_spent,
        &u.expected_path,
        lang,
    )
}

/// The style of the small multiples.
fn small(style: &ChartStyle) -> ChartStyle {
    ChartStyle {
        width: 420,
        height: 280,
        ..style.clone()
    }
}

/// The charts as SVG files: `aggregate.svg` and `behind-<n>.svg` for the n-th unit
/// furthest behind.
pub fn svg_files(p: &Portfolio, o: &Options, style: &ChartStyle) -> Vec<File> {
    let mut out = vec![(
        "aggregate.svg".to_string(),
        chart::execution_svg(&aggregate_curve(p, style.lang), style).into_bytes(),
    )];
    let s = small(style);
    for (k, u) in p.ranked.iter().take(o.charts).enumerate() {
        out.push((
            format!("behind-{}.svg", k + 1),
            chart::execution_svg(&unit_curve(p, k + 1, u, style.lang), &s).into_bytes(),
        ));
    }
    out
}

/// portfolio.html: the headline, the aggregate curve, the small multiples of the
/// units furthest behind, the ranking table and the units left out.
pub fn html_page(p: &Portfolio, o: &Options, style: &ChartStyle) -> String {
    let lang = style.lang;
    let title = title(p, lang);
    let mut body = html::h1(&title);
    body.push_str(&html::list("headline", &headline(p, lang)));
    body.push_str(&html::h2(
        "aggregate",
        t(lang, "全部单位合计执行进度", "Aggregate execution"),
    ));
    body.push_str(&html::figure(
        "chart",
        &chart::execution_svg(&aggregate_curve(p, lang), style),
        None,
    ));
    let n = o.charts.min(p.ranked.len());
    if n > 0 {
        let heading = match lang {
            Lang::Zh => format!("距序时进度最远的 {n} 个单位"),
            Lang::En => format!("The {n} units furthest behind"),
        };
        body.push_str(&html::h2("behind", &heading));
        body.push_str(
            "<div class=\"multiples\" style=\"display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:12px\">\n",
        );
        let s = small(style);
        for (k, u) in p.ranked.iter().take(n).enumerate() {
            body.push_str(&html::figure(
                "chart small",
                &chart::execution_svg(&unit_curve(p, k + 1, u, lang), &s),
                None,
            ));
        }
        body.push_str("</div>\n");
    }
    let shown = o.top.min(p.ranked.len());
    let heading = match lang {
        Lang::Zh => format!("排名（前 {shown} 个；完整排名见 portfolio.csv）"),
        Lang::En => format!("Ranking (first {shown}; the full ranking is in portfolio.csv)"),
    };
    body.push_str(&html::h2("ranking", &heading));
    let rows: Vec<html::Row> = p
        .ranked
        .iter()
        .take(shown)
        .enumerate()
        .map(|(k, u)| {
            let c = cells(k + 1, u, lang);
            html::Row::new(
                c.into_iter()
                    .enumerate()
                    .map(|(i, text)| match i {
                        8 => html::Cell::light(u.now.execution_light, lang),
                        9 => html::Cell::light(u.now.light, lang),
                        _ => html::Cell::text(text),
                    })
                    .collect(),
            )
        })
        .collect();
    let classes = [
        "num", "nowrap", "name", "num", "num", "num", "num", "num", "", "", "num", "num", "num", "",
    ];
    body.push_str(&html::table("ranking", "", &header(lang), &rows, &classes));
    if !p.excluded.is_empty() {
        body.push_str(&html::h2(
            "excluded",
            t(
                lang,
                "因数据错误未纳入排名的单位",
                "Units left out for errors",
            ),
        ));
        let items: Vec<String> = p
            .excluded
            .iter()
            .map(|e| format!("{}{}{} — {}", e.key, t(lang, "：", ": "), e.errors, e.first))
            .collect();
        body.push_str(&html::list("excluded", &items));
    }
    html::page(&title, lang, &body)
}

/// The files of one format.
pub fn render(
    p: &Portfolio,
    o: &Options,
    format: crate::Format,
    style: &ChartStyle,
) -> Result<Vec<File>, String> {
    let one = |name: &str, text: String| Ok(vec![(name.to_string(), text.into_bytes())]);
    match format {
        crate::Format::Md => one("portfolio.md", markdown(p, o, style.lang)),
        crate::Format::Json => one("portfolio.json", json(p)),
        crate::Format::Csv => one("portfolio.csv", csv(p)),
        crate::Format::Html => one("portfolio.html", html_page(p, o, style)),
        crate::Format::Svg => Ok(svg_files(p, o, style)),
        crate::Format::Xlsx => Err("the portfolio report has no workbook; use csv".into()),
    }
}

/// The short summary for the terminal.
pub fn summary(p: &Portfolio, lang: Lang) -> String {
    let mut out = format!("{}\n", title(p, lang));
    for h in headline(p, lang) {
        let _ = writeln!(out, "  {h}");
    }
    out
}
