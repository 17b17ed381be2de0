//! The portfolio report (`attain portfolio`): every unit of a province ranked by its
//! gap to the expected execution path, the units left out for errors, and the
//! aggregate.
//!
//! Every figure comes from [`attain_core::portfolio::Portfolio`]. Like the other
//! kinds, the report is built once into a typed [`Document`] ([`document`]) that the
//! shared writers turn into Markdown, CSV, HTML and XLSX (so the portfolio gets the
//! same cell formats, CSV formula guard and numbers as numbers); portfolio.json is
//! written unit by unit ([`json`]) so that 100 000 units are never one JSON tree.
//! The charts reuse the execution chart: the aggregate curve, and the curves of the
//! units furthest behind as small multiples.

use std::fmt::Write as _;

use attain_core::fmt::fixed;
use attain_core::portfolio::{Change, Portfolio, UnitSummary};
use attain_core::progress::Light;
use attain_core::{Decimal, Month};
use rayon::prelude::*;
use serde_json::{json, Value};

use crate::chart::{self, ChartStyle, ExecutionCurve, Milestone};
use crate::doc::{
    light_text, Block, Cell, Column, Document, Figure, Kind, Role, Row, Section, Style, Table,
    Value as DocValue,
};
use crate::lang::{Lang, W};
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

/// A rate in a sentence, as the tables show it (无数据 without one).
fn rate(r: Option<Decimal>, lang: Lang) -> String {
    r.map_or(DocValue::NoData, DocValue::Rate).display(lang)
}

/// A gap in percentage points with its sign, as the tables show it.
fn pp(g: Option<Decimal>, lang: Lang) -> String {
    g.map_or(DocValue::NoData, DocValue::PercentagePoints)
        .display(lang)
}

/// The word for a unit's change since last month; none for a unit new this month.
fn change_word(c: Change) -> Option<W> {
    match c {
        Change::Improved => Some(W::Improved),
        Change::Worsened => Some(W::Worsened),
        Change::Unchanged => Some(W::Unchanged),
        Change::New => None,
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
    let lights = Light::ALL
        .iter()
        .map(|&l| format!("{} {}", light_text(l, lang), p.count_light(l)))
        .collect::<Vec<_>>()
        .join(t(lang, "，", ", "));
    match lang {
        Lang::Zh => vec![
            format!(
                "纳入排名 {} 个单位，预算合计 {} 万元，累计支出 {} 万元，执行率 {}（序时进度 {}，差 {} 个百分点）。",
                p.ranked.len(),
                DocValue::Amount(p.budget).display(lang),
                DocValue::Amount(p.spent).display(lang),
                rate(p.rate(), lang),
                rate(Some(p.expected()), lang),
                pp(p.gap(), lang)
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
                DocValue::Amount(p.budget).display(lang),
                DocValue::Amount(p.spent).display(lang),
                rate(p.rate(), lang),
                rate(Some(p.expected()), lang),
                pp(p.gap(), lang)
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

fn col(key: &'static str, w: W, kind: Kind, role: Role, lang: Lang) -> Column {
    Column {
        key,
        head: w.text(lang).into_owned(),
        kind,
        role,
        group: None,
    }
}

fn num(key: &'static str, w: W, lang: Lang) -> Column {
    col(key, w, Kind::Number, Role::Figure, lang)
}

fn rate_cell(r: Option<Decimal>) -> Cell {
    Cell::new(r.map_or(DocValue::NoData, DocValue::Rate))
}

fn pp_cell(g: Option<Decimal>) -> Cell {
    Cell::new(g.map_or(DocValue::NoData, DocValue::PercentagePoints))
}

fn count(n: usize) -> Cell {
    Cell::new(DocValue::Count {
        value: Decimal::from(n),
        unit: String::new(),
    })
}

/// The ranking's columns (the keys are portfolio.json's field names).
fn ranking_columns(lang: Lang) -> Vec<Column> {
    vec![
        num("rank", W::PortfolioRank, lang),
        col("unit", W::PortfolioUnit, Kind::Text, Role::Code, lang),
        col("name", W::PortfolioName, Kind::Text, Role::Name, lang),
        num("budget", W::Budget, lang),
        num("spent", W::Spent, lang),
        num("rate", W::Rate, lang),
        num("expected", W::PortfolioExpected, lang),
        num("gap", W::GapPp, lang),
        col(
            "execution_light",
            W::PortfolioExecutionLight,
            Kind::Light,
            Role::Light,
            lang,
        ),
        col("light", W::PortfolioLight, Kind::Light, Role::Light, lang),
        num("red", W::PortfolioRed, lang),
        num("yellow", W::PortfolioYellow, lang),
        num("gap_change", W::PortfolioGapChange, lang),
        col("change", W::PortfolioChange, Kind::Text, Role::Code, lang),
    ]
}

fn ranking_row(rank: usize, u: &UnitSummary, lang: Lang) -> Row {
    Row::body(vec![
        count(rank),
        Cell::text(u.key.clone()),
        Cell::text(u.name.clone()),
        Cell::new(DocValue::Amount(u.budget)),
        Cell::new(DocValue::Amount(u.now.spent)),
        rate_cell(u.now.rate),
        Cell::new(DocValue::Rate(u.now.expected)),
        pp_cell(u.now.gap),
        Cell::new(DocValue::Light(u.now.execution_light)),
        Cell::new(DocValue::Light(u.now.light)),
        count(u.now.red),
        count(u.now.yellow),
        match u.gap_change() {
            Some(g) => Cell::new(DocValue::PercentagePoints(g)),
            None => Cell::empty(),
        },
        change_word(u.change()).map_or_else(Cell::empty, |w| Cell::text(w.text(lang))),
    ])
}

/// The aggregate of the ranked units as one row.
fn aggregate_table(p: &Portfolio, lang: Lang) -> Table {
    let (red, yellow) = p.red_yellow_indicators();
    let mut columns = vec![num("units", W::PortfolioUnits, lang)];
    columns.extend(
        ranking_columns(lang)
            .into_iter()
            .filter(|c| matches!(c.key, "budget" | "spent" | "rate" | "expected" | "gap")),
    );
    columns.push(num("indicators", W::PortfolioIndicators, lang));
    columns.push(num("red_indicators", W::PortfolioRed, lang));
    columns.push(num("yellow_indicators", W::PortfolioYellow, lang));
    Table {
        id: "aggregate",
        name: W::SheetPortfolioAggregate.text(lang).into_owned(),
        columns,
        rows: vec![Row::styled(
            Style::Total,
            vec![
                count(p.ranked.len()),
                Cell::new(DocValue::Amount(p.budget)),
                Cell::new(DocValue::Amount(p.spent)),
                rate_cell(p.rate()),
                Cell::new(DocValue::Rate(p.expected())),
                pp_cell(p.gap()),
                count(p.indicators()),
                count(red),
                count(yellow),
            ],
        )],
        frozen: 0,
    }
}

/// The portfolio as a typed document: the headline, the aggregate (a table and its
/// curve), the units ranked by gap (the first `rows` of them, after the small
/// multiples of the `o.charts` furthest behind), and the units left out.
/// `rows`: `o.top` for the formats people read (md, html), every unit for the
/// tables (csv, xlsx).
pub fn document(p: &Portfolio, o: &Options, lang: Lang, rows: usize) -> Document {
    build(p, o, lang, rows, true)
}

/// [`document`], the ranking's rows in it (`held`) or left out, for a writer that
/// makes them as it writes them ([`ranking_rows`]).
fn build(p: &Portfolio, o: &Options, lang: Lang, rows: usize, held: bool) -> Document {
    let mut sections = vec![Section {
        id: "aggregate",
        heading_id: "aggregate",
        heading: W::SectionPortfolioAggregate.text(lang).into_owned(),
        blocks: vec![
            Block::Table(aggregate_table(p, lang)),
            Block::Figure(Figure::Curve(Box::new(aggregate_curve(p, lang)))),
        ],
        sheet: None,
    }];
    let shown = rows.min(p.ranked.len());
    let heading = match (lang, shown == p.ranked.len()) {
        (Lang::Zh, true) => format!("按距序时进度排名（全部 {shown} 个单位）"),
        (Lang::Zh, false) => {
            format!("距序时进度最远的 {shown} 个单位（完整排名见 portfolio.csv）")
        }
        (Lang::En, true) => format!("Ranked by gap to the expected path (all {shown} units)"),
        (Lang::En, false) => {
            format!("The {shown} units furthest behind (full ranking in portfolio.csv)")
        }
    };
    let mut blocks = Vec::new();
    let n = o.charts.min(p.ranked.len());
    if n > 0 {
        blocks.push(Block::Figure(Figure::Multiples(
            p.ranked
                .iter()
                .take(n)
                .enumerate()
                .map(|(k, u)| unit_curve(p, k + 1, u, lang))
                .collect(),
        )));
    }
    blocks.push(Block::Table(Table {
        id: "ranking",
        name: W::SheetPortfolioRanking.text(lang).into_owned(),
        columns: ranking_columns(lang),
        // A row per unit (every unit for csv and xlsx), built in parallel, in order.
        rows: p.ranked[..if held { shown } else { 0 }]
            .par_iter()
            .enumerate()
            .map(|(k, u)| ranking_row(k + 1, u, lang))
            .collect(),
        frozen: 3,
    }));
    sections.push(Section {
        id: "ranking",
        heading_id: "ranking",
        heading,
        blocks,
        sheet: None,
    });
    if !p.excluded.is_empty() {
        sections.push(Section {
            id: "excluded",
            heading_id: "excluded",
            heading: W::SectionPortfolioExcluded.text(lang).into_owned(),
            blocks: vec![Block::Table(Table {
                id: "excluded",
                name: W::SheetPortfolioExcluded.text(lang).into_owned(),
                columns: vec![
                    col("unit", W::PortfolioUnit, Kind::Text, Role::Code, lang),
                    num("errors", W::PortfolioErrors, lang),
                    col(
                        "first",
                        W::PortfolioFirstError,
                        Kind::Text,
                        Role::Prose,
                        lang,
                    ),
                ],
                rows: p
                    .excluded
                    .iter()
                    .map(|e| {
                        Row::body(vec![
                            Cell::text(e.key.clone()),
                            count(e.errors),
                            Cell::text(e.first.clone()),
                        ])
                    })
                    .collect(),
                frozen: 1,
            })],
            sheet: None,
        });
    }
    let sep = match lang {
        Lang::Zh => "",
        Lang::En => " ",
    };
    Document {
        stem: "portfolio",
        lang,
        unit: String::new(),
        as_of: p.as_of,
        title: title(p, lang),
        fields: Vec::new(),
        stamp: None,
        headline: headline(p, lang).join(sep),
        sections,
        footnote: footnote(lang).to_string(),
    }
}

/// How the figures are made.
fn footnote(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "执行率 = 累计支出 ÷ 全年预算数；差距 = 执行率 − 各单位设置的序时进度（百分点），按差距从小到大排名（最落后者在前）；总体灯号取单位的执行灯号与指标灯号中最差者；较上月为差距的变化。因数据错误未纳入排名的单位单列，其错误见 attain check。比率精确到 0.01 个百分点，金额精确到分，四舍五入（远离零）。",
        Lang::En => "Rate = spending to date ÷ full-year budget; gap = rate − the unit's expected path (percentage points); units are ranked by gap, furthest behind first; a unit's overall light is the worst of its execution light and its indicators' lights; since last month is the change of the gap. Units with errors in their data are listed apart (attain check shows the errors). Rates to 0.01 percentage point, amounts to the cent, rounded half away from zero.",
    }
}

fn dec(d: Decimal, dp: u32) -> Value {
    Value::String(fixed(d, dp))
}

fn opt(d: Option<Decimal>, dp: u32) -> Value {
    d.map_or(Value::Null, |d| dec(d, dp))
}

/// A JSON string: the text as it is between quotes where nothing in it needs
/// escaping (what serde_json escapes: quotes, backslashes, control characters),
/// else serde_json's own escaping.
fn json_str(out: &mut Vec<u8>, s: &str) {
    if needs_escape(s.as_bytes()) {
        // Writing into memory cannot fail.
        let _ = serde_json::to_writer(&mut *out, s);
    } else {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    }
}

/// Whether `s` has a byte that JSON escapes (below 0x20, a quote, a backslash):
/// eight bytes at a time, in a `u64` (a byte below `n` makes `x - n×0x01…01`
/// borrow into that byte's top bit where `x` has none, exactly when one is there).
fn needs_escape(s: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const TOPS: u64 = ONES * 0x80;
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x & TOPS != 0;
    let mut chunks = s.chunks_exact(8);
    for c in &mut chunks {
        let mut b = [0; 8];
        b.copy_from_slice(c);
        let x = u64::from_ne_bytes(b);
        if below(x, 0x20)
            || below(x ^ (ONES * u64::from(b'"')), 1)
            || below(x ^ (ONES * u64::from(b'\\')), 1)
        {
            return true;
        }
    }
    chunks
        .remainder()
        .iter()
        .any(|&b| b < 0x20 || b == b'"' || b == b'\\')
}

/// A code (a light's, a change's: lower-case ASCII words) as a JSON string.
fn json_code(out: &mut Vec<u8>, code: &'static str) {
    debug_assert!(code.bytes().all(|b| b.is_ascii_lowercase()), "{code}");
    out.push(b'"');
    out.extend_from_slice(code.as_bytes());
    out.push(b'"');
}

/// A decimal as a JSON string with exactly `dp` decimals ([`fixed`]'s text).
fn json_fixed(out: &mut Vec<u8>, d: Decimal, dp: u32, text: &mut String) {
    text.clear();
    attain_core::fmt::write_fixed(text, d, dp);
    out.push(b'"');
    out.extend_from_slice(text.as_bytes());
    out.push(b'"');
}

/// [`json_fixed`], or `null`.
fn json_opt(out: &mut Vec<u8>, d: Option<Decimal>, dp: u32, text: &mut String) {
    match d {
        Some(d) => json_fixed(out, d, dp, text),
        None => out.extend_from_slice(b"null"),
    }
}

/// A count as a JSON number: its decimal digits (five counts a unit: without the
/// formatting machinery).
fn json_count(out: &mut Vec<u8>, n: usize) {
    let mut buf = [0; 40];
    out.extend_from_slice(crate::doc::digits(n as u128, &mut buf));
}

/// One unit of portfolio.json as it sits in the file (two levels deep, its fields
/// three): the text serde_json's pretty printing gives the file's values, written
/// field by field (`units_are_written_as_serde_json_prints_them` compares the two).
/// `text` is a buffer for the figures, reused from unit to unit.
fn write_unit(out: &mut Vec<u8>, rank: usize, u: &UnitSummary, text: &mut String) {
    const FIELD: &[u8] = b",\n      \"";
    out.extend_from_slice(b"{\n      \"rank\": ");
    json_count(out, rank);
    out.extend_from_slice(FIELD);
    out.extend_from_slice(b"unit\": ");
    json_str(out, &u.key);
    out.extend_from_slice(FIELD);
    out.extend_from_slice(b"name\": ");
    json_str(out, &u.name);
    out.extend_from_slice(FIELD);
    out.extend_from_slice(b"budget\": ");
    json_fixed(out, u.budget, 2, text);
    out.extend_from_slice(FIELD);
    out.extend_from_slice(b"spent\": ");
    json_fixed(out, u.now.spent, 2, text);
    out.extend_from_slice(FIELD);
    out.extend_from_slice(b"rate\": ");
    json_opt(out, u.now.rate, 4, text);
    out.extend_from_slice(FIELD);
    out.extend_from_slice(b"expected\": ");
    json_fixed(out, u.now.expected, 4, text);
    out.extend_from_slice(FIELD);
    out.extend_from_slice(b"gap\": ");
    json_opt(out, u.now.gap, 4, text);
    out.extend_from_slice(FIELD);
    out.extend_from_slice(b"execution_light\": ");
    json_code(out, u.now.execution_light.code());
    out.extend_from_slice(FIELD);
    out.extend_from_slice(b"light\": ");
    json_code(out, u.now.light.code());
    out.extend_from_slice(FIELD);
    out.extend_from_slice(b"indicators\": ");
    json_count(out, u.indicators);
    out.extend_from_slice(FIELD);
    out.extend_from_slice(b"red\": ");
    json_count(out, u.now.red);
    out.extend_from_slice(FIELD);
    out.extend_from_slice(b"yellow\": ");
    json_count(out, u.now.yellow);
    out.extend_from_slice(FIELD);
    out.extend_from_slice(b"previous\": ");
    match &u.previous {
        None => out.extend_from_slice(b"null"),
        Some(p) => {
            const INNER: &[u8] = b",\n        \"";
            out.extend_from_slice(b"{\n        \"spent\": ");
            json_fixed(out, p.spent, 2, text);
            out.extend_from_slice(INNER);
            out.extend_from_slice(b"rate\": ");
            json_opt(out, p.rate, 4, text);
            out.extend_from_slice(INNER);
            out.extend_from_slice(b"gap\": ");
            json_opt(out, p.gap, 4, text);
            out.extend_from_slice(INNER);
            out.extend_from_slice(b"light\": ");
            json_code(out, p.light.code());
            out.extend_from_slice(INNER);
            out.extend_from_slice(b"red\": ");
            json_count(out, p.red);
            out.extend_from_slice(INNER);
            out.extend_from_slice(b"yellow\": ");
            json_count(out, p.yellow);
            out.extend_from_slice(b"\n      }");
        }
    }
    out.extend_from_slice(FIELD);
    out.extend_from_slice(b"gap_change\": ");
    json_opt(out, u.gap_change(), 4, text);
    out.extend_from_slice(FIELD);
    out.extend_from_slice(b"change\": ");
    json_code(out, u.change().code());
    out.extend_from_slice(b"\n    }");
}

/// Units written by one task of [`json`].
const UNITS_PER_TASK: usize = 512;

/// The units of portfolio.json as they sit in the file (two levels deep, each
/// after `[` or `,`), handed to `part` in rank order: written in parallel, a block
/// of units per task, a few blocks at a time (each handed over while the next are
/// written).
fn units_json(p: &Portfolio, part: &mut dyn FnMut(Vec<u8>)) {
    for (w, wave) in p
        .ranked
        .chunks(UNITS_PER_TASK * BLOCKS_PER_WAVE)
        .enumerate()
    {
        let blocks: Vec<Vec<u8>> = wave
            .par_chunks(UNITS_PER_TASK)
            .enumerate()
            .map(|(c, units)| {
                let mut out = Vec::with_capacity(units.len() * 640);
                let mut text = String::new();
                let first = (w * BLOCKS_PER_WAVE + c) * UNITS_PER_TASK;
                for (k, u) in units.iter().enumerate() {
                    let rank = first + k + 1;
                    out.extend_from_slice(if rank == 1 { b"[\n    " } else { b",\n    " });
                    write_unit(&mut out, rank, u, &mut text);
                }
                out
            })
            .collect();
        blocks.into_iter().for_each(&mut *part);
    }
}

/// Blocks of units written at the same time ([`units_json`]).
const BLOCKS_PER_WAVE: usize = 8;

/// Where the units go in the JSON shell.
const PLACEHOLDER: &str = "\u{0}units";

/// portfolio.json: every unit, rates as fractions to 4 decimals, amounts to the cent.
pub fn json(p: &Portfolio) -> String {
    let mut bytes = Vec::new();
    json_parts_each(p, &mut |b| bytes.extend_from_slice(&b));
    // Made of text only.
    String::from_utf8(bytes).unwrap_or_default()
}

/// portfolio.json's bytes handed to `part` in order, as they are made: the units'
/// parts on all cores, a few blocks at a time, so that a caller can write each
/// part while the next are made ([`json`] is their text).
pub fn json_parts_each(p: &Portfolio, part: &mut dyn FnMut(Vec<u8>)) {
    let (red, yellow) = p.red_yellow_indicators();
    let months =
        |v: &[Decimal], dp: u32| -> Value { Value::Array(v.iter().map(|d| dec(*d, dp)).collect()) };
    let excluded: Vec<Value> = p
        .excluded
        .iter()
        .map(|e| json!({"unit": e.key, "errors": e.errors, "first": e.first}))
        .collect();
    let lights: serde_json::Map<String, Value> = Light::ALL
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
    // The shell is small; the units (100 000 of them in a large province) are
    // written apart, straight from the summaries, and put where the placeholder is.
    let shell = crate::text::json_pretty(&v);
    let quoted = serde_json::to_string(PLACEHOLDER).unwrap_or_default();
    let Some((before, after)) = shell.split_once(&quoted) else {
        part(shell.into_bytes());
        return;
    };
    part(before.as_bytes().to_vec());
    units_json(p, part);
    let end = if p.ranked.is_empty() { "[]" } else { "\n  ]" };
    part([end, after].concat().into_bytes());
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
pub(crate) fn small(style: &ChartStyle) -> ChartStyle {
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

/// The file of a format written as it is made, a part at a time
/// ([`parts_each`]): portfolio.json and portfolio.csv (a row per unit); `None` for
/// the others ([`render`]).
pub fn streamed(format: crate::Format) -> Option<&'static str> {
    match format {
        crate::Format::Json => Some("portfolio.json"),
        crate::Format::Csv => Some("portfolio.csv"),
        _ => None,
    }
}

/// The file of a [`streamed`] format, handed to `part` in order, a part at a time
/// (nothing for another format).
pub fn parts_each(
    p: &Portfolio,
    o: &Options,
    format: crate::Format,
    lang: Lang,
    part: &mut dyn FnMut(Vec<u8>),
) {
    match format {
        crate::Format::Json => json_parts_each(p, part),
        crate::Format::Csv => csv_parts_each(p, o, lang, part),
        _ => {}
    }
}

/// portfolio.csv, handed to `part` in order a few rows at a time (every unit's row
/// is written as it is made, not held in the document), to be written as it comes.
pub fn csv_parts_each(p: &Portfolio, o: &Options, lang: Lang, part: &mut dyn FnMut(Vec<u8>)) {
    let rows = crate::write::csv::RowsOf {
        table: "ranking",
        items: &p.ranked,
        row: &|k, u| ranking_row(k + 1, u, lang),
    };
    let all = p.ranked.len();
    crate::write::csv::write_with_each(&build(p, o, lang, all, false), Some(rows), part);
}

/// The files of one format: md and html show the first `o.top` units, csv and
/// xlsx every unit, all from the same document; json is written unit by unit.
pub fn render(
    p: &Portfolio,
    o: &Options,
    format: crate::Format,
    style: &ChartStyle,
) -> Result<Vec<FileParts>, String> {
    // A streamed format's parts as they are made (tens of megabytes: not copied into
    // one buffer).
    if let Some(name) = streamed(format) {
        let mut parts = Vec::new();
        parts_each(p, o, format, style.lang, &mut |b| parts.push(b));
        return Ok(vec![(name.to_string(), parts)]);
    }
    let files = |f: Vec<File>| f.into_iter().map(|(n, b)| (n, vec![b])).collect();
    render_whole(p, o, format, style).map(files)
}

/// A file of [`render`], its bytes in parts to be written one after another.
pub type FileParts = (String, Vec<Vec<u8>>);

/// [`render`]'s files of a format, each in one buffer.
fn render_whole(
    p: &Portfolio,
    o: &Options,
    format: crate::Format,
    style: &ChartStyle,
) -> Result<Vec<File>, String> {
    let lang = style.lang;
    let one = |name: &str, text: String| Ok(vec![(name.to_string(), text.into_bytes())]);
    let all = p.ranked.len();
    match format {
        crate::Format::Md => one(
            "portfolio.md",
            crate::write::md::write(&document(p, o, lang, o.top)),
        ),
        // The streamed formats in one buffer ([`render`] hands them over in parts).
        f @ (crate::Format::Json | crate::Format::Csv) => {
            let mut bytes = Vec::new();
            parts_each(p, o, f, lang, &mut |b| bytes.extend_from_slice(&b));
            Ok(vec![(streamed(f).unwrap_or_default().to_string(), bytes)])
        }
        crate::Format::Html => one(
            "portfolio.html",
            crate::write::html::write_page(&document(p, o, lang, o.top), None),
        ),
        crate::Format::Svg => Ok(svg_files(p, o, style)),
        crate::Format::Xlsx => crate::write::xlsx::write(&document(p, o, lang, all))
            .map(|b| vec![("portfolio.xlsx".to_string(), b)])
            .map_err(|e| format!("cannot build the workbook: {e}")),
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

#[cfg(test)]
mod tests {
    use super::*;
    use attain_core::portfolio::{Excluded, Snapshot};
    use rust_decimal_macros::dec;

    fn unit(key: &str, name: &str, spent: Decimal, budget: Decimal) -> UnitSummary {
        let rate = spent / budget;
        let expected = dec!(0.4);
        UnitSummary {
            key: key.into(),
            name: name.into(),
            budget,
            indicators: 3,
            now: Snapshot {
                spent,
                rate: Some(rate),
                expected,
                gap: Some(rate - expected),
                execution_light: Light::Red,
                light: Light::Red,
                red: 2,
                yellow: 1,
            },
            previous: None,
            monthly_spent: vec![spent; 6],
            expected_path: vec![expected; 12],
        }
    }

    fn portfolio() -> Portfolio {
        Portfolio::new(
            Month::new(2026, 6).unwrap(),
            vec![
                unit("U1", "=HYPERLINK(\"x\")", dec!(10), dec!(100)),
                unit("U2", "乙单位", dec!(35.555), dec!(100)),
            ],
            vec![Excluded {
                key: "U3".into(),
                errors: 2,
                first: "-actuals.csv:2: unknown item".into(),
            }],
        )
    }

    /// A unit as serde_json prints it at its depth in portfolio.json (the values
    /// of the file, pretty-printed and indented two levels).
    fn pretty(rank: usize, u: &UnitSummary) -> String {
        let v = json!({
            "rank": rank,
            "unit": u.key,
            "name": u.name,
            "budget": fixed(u.budget, 2),
            "spent": fixed(u.now.spent, 2),
            "rate": u.now.rate.map(|d| fixed(d, 4)),
            "expected": fixed(u.now.expected, 4),
            "gap": u.now.gap.map(|d| fixed(d, 4)),
            "execution_light": u.now.execution_light.code(),
            "light": u.now.light.code(),
            "indicators": u.indicators,
            "red": u.now.red,
            "yellow": u.now.yellow,
            "previous": u.previous.as_ref().map(|s| json!({
                "spent": fixed(s.spent, 2),
                "rate": s.rate.map(|d| fixed(d, 4)),
                "gap": s.gap.map(|d| fixed(d, 4)),
                "light": s.light.code(),
                "red": s.red,
                "yellow": s.yellow,
            })),
            "gap_change": u.gap_change().map(|d| fixed(d, 4)),
            "change": u.change().code(),
        });
        serde_json::to_string_pretty(&v)
            .unwrap()
            .lines()
            .collect::<Vec<_>>()
            .join("\n    ")
    }

    #[test]
    fn strings_are_written_as_serde_json_writes_them() {
        // Every string of up to four of these characters, alone and after a prefix
        // that puts them at every place of an eight-byte word.
        let chars = [
            'a', '预', '"', '\\', '\u{0}', '\u{1f}', ' ', '\u{7f}', '/', '\n',
        ];
        let mut strings = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = strings
                .iter()
                .filter(|s| s.chars().count() == strings.last().unwrap().chars().count())
                .flat_map(|s| chars.iter().map(move |c| format!("{s}{c}")))
                .collect();
            strings.extend(longer);
        }
        assert_eq!(strings.len(), 1 + 10 + 100 + 1000 + 10000);
        for s in &strings {
            for prefix in ["", "x", "xyz", "单位", "abcdefg"] {
                let s = format!("{prefix}{s}");
                let mut out = Vec::new();
                json_str(&mut out, &s);
                assert_eq!(out, serde_json::to_vec(&s).unwrap(), "{s:?}");
            }
        }
    }

    #[test]
    fn escapes_are_found_at_every_place() {
        for special in ['"', '\\', '\u{0}', '\u{1f}', '\n'] {
            for at in 0..20 {
                let mut s: String = "预算单位ab".chars().cycle().take(20).collect();
                s.insert(
                    s.char_indices().nth(at).map_or(s.len(), |(i, _)| i),
                    special,
                );
                assert!(needs_escape(s.as_bytes()), "{s:?}");
            }
        }
        for plain in [
            "",
            "a",
            "预算单位 (2026) / 第一季度 ~\u{7f}",
            &" !#[]~".repeat(9),
        ] {
            assert!(!needs_escape(plain.as_bytes()), "{plain:?}");
        }
    }

    #[test]
    fn counts_are_written_as_their_digits() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, 1_000_000, usize::MAX] {
            let mut out = b"x".to_vec();
            json_count(&mut out, n);
            assert_eq!(String::from_utf8(out).unwrap(), format!("x{n}"));
        }
    }

    #[test]
    fn units_are_written_as_serde_json_prints_them() {
        let mut units = vec![
            unit("U1", "=HYPERLINK(\"x\")", dec!(10), dec!(100)),
            unit(
                "U2",
                "乙单位\t\"引号\"\\ \u{1} 行\n尾",
                dec!(-35.555),
                dec!(3),
            ),
            unit("U3", "", dec!(0), dec!(0.005)),
            // Not escaped by serde_json: a slash, DEL, characters beyond ASCII.
            unit("U/4", "a/b\u{7f}🌳 \u{2028}", dec!(-0.004), dec!(7)),
        ];
        // No rate and no gap (a zero budget), a previous month with and without them,
        // and a unit new this month.
        units[0].now.rate = None;
        units[0].now.gap = None;
        units[1].previous = Some(units[1].now.clone());
        units[2].previous = Some(Snapshot {
            rate: None,
            gap: None,
            light: Light::None,
            ..units[2].now.clone()
        });
        units[2].now.execution_light = Light::Green;
        units[2].indicators = 0;
        for (k, u) in units.iter().enumerate() {
            let mut out = Vec::new();
            write_unit(&mut out, k + 1, u, &mut String::new());
            assert_eq!(String::from_utf8(out).unwrap(), pretty(k + 1, u), "{u:?}");
        }
        // And the whole file, units in place.
        let p = Portfolio::new(Month::new(2026, 6).unwrap(), units, Vec::new());
        let v: Value = serde_json::from_str(&json(&p)).unwrap();
        assert_eq!(v["units"].as_array().unwrap().len(), 4);
        assert_eq!(v["units"][0]["rank"], 1);
        let empty = Portfolio::new(
            Month::new(2026, 6).unwrap(),
            Vec::<UnitSummary>::new(),
            Vec::new(),
        );
        assert!(
            json(&empty).contains("\"units\": [],\n"),
            "{}",
            json(&empty)
        );
    }

    #[test]
    fn the_csv_writes_the_rows_it_makes_as_the_document_holds_them() {
        // More units than a block of rows, with and without a previous month.
        let mut units: Vec<UnitSummary> = (0..1100)
            .map(|k| {
                unit(
                    &format!("U{k:04}"),
                    &format!("单位{k}"),
                    Decimal::from(k % 97),
                    dec!(100),
                )
            })
            .collect();
        for u in units.iter_mut().step_by(3) {
            u.previous = Some(u.now.clone());
        }
        let p = Portfolio::new(Month::new(2026, 6).unwrap(), units, portfolio().excluded);
        for lang in [Lang::Zh, Lang::En] {
            let style = ChartStyle {
                lang,
                ..Default::default()
            };
            let files = render(&p, &Options::default(), crate::Format::Csv, &style).unwrap();
            let held = crate::write::csv::write(&document(&p, &Options::default(), lang, 1100));
            assert_eq!(String::from_utf8(files[0].1.concat()).unwrap(), held);
            // The JSON in parts (the units' blocks apart) is the JSON text.
            let parts = &render(&p, &Options::default(), crate::Format::Json, &style).unwrap()[0].1;
            assert!(parts.len() > 3, "{}", parts.len());
            assert_eq!(parts.concat(), json(&p).into_bytes());
            let ranked = held
                .lines()
                .filter(|l| l.split(',').nth(1).is_some_and(|c| c.len() == 5))
                .count();
            assert_eq!(ranked, 1100);
        }
    }

    #[test]
    fn every_format_comes_from_one_document() {
        let p = portfolio();
        let o = Options { top: 1, charts: 1 };
        let style = ChartStyle::default();
        let text = |f| {
            let files = render(&p, &o, f, &style).unwrap();
            String::from_utf8(files[0].1.concat()).unwrap()
        };
        // CSV: every unit, figures as numbers, no cell a formula.
        let csv = text(crate::Format::Csv);
        assert!(csv.contains("\n1,U1,\"'=HYPERLINK(\"\"x\"\")\",100.00,10.00,10.00,40.00,-30.00,■ 红,■ 红,2,1,,\n"), "{csv}");
        assert!(
            csv.contains("\n2,U2,乙单位,100.00,35.56,35.56,40.00,-4.45,"),
            "{csv}"
        );
        assert!(
            csv.contains("\nU3,2,'-actuals.csv:2: unknown item\n"),
            "{csv}"
        );
        // Counts without a unit get no unit column.
        assert!(csv.contains("\n单位数,全年预算数（万元）,"), "{csv}");
        assert!(!csv.contains("·单位"), "{csv}");
        // Markdown: the first `top` units, figures as every report shows them.
        let md = text(crate::Format::Md);
        assert!(
            md.contains(
                "| 1 | U1 | =HYPERLINK(\"x\") | 100.00 | 10.00 | 10.00% | 40.00% | −30.00 |"
            ),
            "{md}"
        );
        assert!(!md.contains("乙单位"), "{md}");
        assert!(md.contains("执行率 22.78%"), "{md}");
        // HTML: the aggregate curve and one small multiple, escaped text.
        let html = text(crate::Format::Html);
        assert_eq!(html.matches("<figure class=\"chart small\">").count(), 1);
        assert!(html.contains("=HYPERLINK(&quot;x&quot;)"));
        assert!(html.contains("<figure class=\"chart execution\">"));
        // The workbook is written.
        let xlsx = render(&p, &o, crate::Format::Xlsx, &style).unwrap();
        assert_eq!(xlsx[0].0, "portfolio.xlsx");
        assert!(xlsx[0].1.concat().starts_with(b"PK"));
    }
}
