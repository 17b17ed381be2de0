//! What each report contains, built once into a [`Document`] from core's results:
//! [`progress`] (月度进度), [`evaluation`] (绩效运行监控 and 绩效自评). The writers
//! in [`crate::write`] turn a document into Markdown, CSV, HTML and XLSX; they know
//! no report kind and no column position.
//!
//! Nothing here decides a rule of the domain: every figure, verdict, likelihood and
//! list comes from core (through [`ProgressReport`] and [`EvaluationReport`]); this
//! module only chooses columns, labels and order.

use attain_core::evaluation::{Basis, EvalRow, Kind as EvKind};
use attain_core::progress::{LineStatus, Verdict};
use attain_core::{Decimal, Indicator, Period, Value as Actual};

use crate::doc::{
    Block, Cell, Column, Document, Figure, Kind, Role, Row, Section, Style, Table, Value,
};
use crate::evaluation::{self as ev, EvaluationReport};
use crate::lang::{Lang, W};
use crate::progress::{self as prog, ProgressReport};

fn col(key: &'static str, head: impl Into<String>, kind: Kind, role: Role) -> Column {
    Column {
        key,
        head: head.into(),
        kind,
        role,
    }
}

fn text_col(key: &'static str, w: W, role: Role, lang: Lang) -> Column {
    col(key, w.text(lang), Kind::Text, role)
}

fn num_col(key: &'static str, w: W, lang: Lang) -> Column {
    col(key, w.text(lang), Kind::Number, Role::Figure)
}

fn light_col(lang: Lang) -> Column {
    col("light", W::Light.text(lang), Kind::Light, Role::Light)
}

/// A rate, a count with its unit, or a grade's word.
pub fn value(ind: &Indicator, v: &Actual) -> Value {
    match v {
        Actual::Number(d) if ind.is_percent() => Value::Rate(*d),
        // A date (`2026年10月`) or a ratio (`1:1.3`) as written.
        Actual::Number(d) if ind.fy.show_value(*d).is_some() => {
            Value::Text(ind.fy.show_value(*d).unwrap_or_default())
        }
        Actual::Number(d) => Value::Count {
            value: *d,
            unit: unit(ind),
        },
        Actual::Grade { word, .. } => Value::Text(word.clone()),
    }
}

fn unit(ind: &Indicator) -> String {
    if ind.is_percent() {
        return "%".into();
    }
    ind.unit()
        .map(|u| u.as_str().to_string())
        .unwrap_or_default()
}

fn opt<T>(v: Option<T>, f: impl FnOnce(T) -> Value) -> Cell {
    Cell::new(v.map_or(Value::Empty, f))
}

fn verdict(v: Option<Verdict>, lang: Lang) -> Cell {
    Cell::new(match v {
        None => Value::Empty,
        Some(Verdict::Met) => Value::Text(W::Met.text(lang).into()),
        Some(Verdict::NotMet) => Value::Text(W::NotMet.text(lang).into()),
        Some(Verdict::NoData) => Value::NoData,
        Some(Verdict::NotApplicable) => Value::NotApplicable,
    })
}

fn table(
    id: &'static str,
    name: W,
    columns: Vec<Column>,
    rows: Vec<Row>,
    frozen: u16,
    lang: Lang,
) -> Table {
    Table {
        id,
        name: name.text(lang).into(),
        columns,
        rows,
        frozen,
    }
}

/// The tables of `sections` without the indicators' ids unless asked for.
fn ids_if_asked(mut sections: Vec<Section>, ids: bool) -> Vec<Section> {
    if ids {
        return sections;
    }
    for s in &mut sections {
        for b in &mut s.blocks {
            if let Block::Table(t) = b {
                *t = std::mem::take(t).without("id");
            }
        }
    }
    sections
}

/// An indicator in a list: `支付进度符合率`, or with ids `PRO-02 支付进度符合率`.
fn item(ind: &Indicator, ids: bool) -> String {
    if ids {
        format!("{} {}", ind.id, ind.name)
    } else {
        ind.name.clone()
    }
}

/// The progress report (progress.md/csv/html/xlsx); `ids`: show the indicators' ids.
pub fn progress(r: &ProgressReport, lang: Lang, ids: bool) -> Document {
    let mut sections = vec![
        Section {
            id: "execution",
            heading_id: "budget-execution",
            heading: W::SectionExecution.text(lang).into(),
            blocks: vec![
                Block::Figure(Figure::Execution),
                Block::Table(progress_lines(r, lang)),
            ],
        },
        Section {
            id: "indicators",
            heading_id: "indicators",
            heading: W::SectionIndicators.text(lang).into(),
            blocks: vec![
                Block::Figure(Figure::Indicators),
                Block::Table(progress_indicators(r, lang)),
            ],
        },
    ];
    let notes: Vec<String> = prog::notes(r)
        .into_iter()
        .map(|n| prog::Note {
            id: n.id.filter(|_| ids),
            ..n
        })
        .map(|n| n.text())
        .collect();
    if !notes.is_empty() {
        sections.push(Section {
            id: "notes",
            heading_id: "notes",
            heading: W::SectionNotes.text(lang).into(),
            blocks: vec![Block::List {
                class: "notes",
                items: notes,
            }],
        });
    }
    Document {
        stem: "progress",
        lang,
        unit: r.unit.clone(),
        as_of: r.as_of,
        title: prog::title(r, lang),
        stamp: None,
        headline: prog::headline(r, lang),
        sections: ids_if_asked(sections, ids),
        footnote: prog::legend(r, lang),
    }
}

fn line_name(name: &str, depth: usize) -> Cell {
    Cell::text(name).indented(depth)
}

fn progress_lines(r: &ProgressReport, lang: Lang) -> Table {
    let columns = vec![
        text_col("name", W::BudgetLine, Role::Name, lang),
        num_col("budget", W::Budget, lang),
        num_col("spent", W::Spent, lang),
        num_col("rate", W::Rate, lang),
        num_col("expected", W::Path(r.expected_path), lang),
        num_col("time_elapsed", W::TimeElapsed, lang),
        num_col("gap", W::GapPp, lang),
        num_col("gap_amount", W::GapAmount, lang),
        light_col(lang),
        num_col("forecast", W::ForecastRunRate, lang),
        num_col("forecast_plan", W::ForecastPlan, lang),
        num_col("pace_needed", W::PaceNeededAmount, lang),
    ];
    let cells = |name: Cell, s: &LineStatus| {
        vec![
            name,
            Cell::new(Value::Amount(s.budget)),
            Cell::new(Value::Amount(s.spent)),
            opt(s.rate, Value::Rate),
            Cell::new(Value::Rate(s.expected)),
            Cell::new(Value::Rate(r.time_elapsed)),
            opt(s.gap, Value::PercentagePoints),
            Cell::new(Value::SignedAmount(s.gap_amount)),
            Cell::new(Value::Light(s.light)),
            Cell::new(Value::Amount(s.forecast_run_rate)),
            Cell::new(Value::Amount(s.forecast_plan)),
            opt(s.pace_needed, Value::Amount),
        ]
    };
    let mut rows: Vec<Row> = r
        .lines
        .iter()
        .map(|l| Row::body(cells(line_name(&l.name, l.depth), &l.status)))
        .collect();
    rows.push(Row::styled(
        Style::Total,
        cells(Cell::text(W::Total.text(lang)), &r.total),
    ));
    table("lines", W::SheetExecution, columns, rows, 1, lang)
}

fn progress_indicators(r: &ProgressReport, lang: Lang) -> Table {
    let columns = vec![
        text_col("id", W::Id, Role::Code, lang),
        text_col("level1", W::Level1, Role::Code, lang),
        text_col("level2", W::Level2, Role::Group, lang),
        text_col("name", W::Indicator, Role::Name, lang),
        text_col("h1_target", W::H1Target, Role::Code, lang),
        text_col("fy_target", W::FyTarget, Role::Code, lang),
        text_col("unit", W::Unit, Role::Code, lang),
        num_col("actual", W::Actual, lang),
        num_col("expected", W::ExpectedTarget, lang),
        num_col("ratio", W::OfExpected, lang),
        light_col(lang),
        num_col("forecast", W::Forecast, lang),
        num_col("pace_needed", W::PaceNeeded, lang),
        text_col("h1_verdict", W::H1Verdict, Role::Code, lang),
    ];
    let rows = r
        .indicators
        .iter()
        .map(|row| {
            let (i, s) = (&row.indicator, &row.status);
            let number = |d: Decimal| value(i, &Actual::Number(d));
            Row::body(vec![
                Cell::text(i.id.to_string()),
                Cell::text(i.level1.name()),
                Cell::text(i.level2.clone()),
                Cell::text(i.name.clone()),
                Cell::text(i.h1.to_string()),
                Cell::text(i.fy.to_string()),
                Cell::text(unit(i)),
                Cell::new(s.actual.as_ref().map_or(Value::NoData, |v| value(i, v))),
                if i.fy.is_qualitative() {
                    Cell::text(i.target_in_force(r.as_of).to_string())
                } else {
                    opt(s.expected, number)
                },
                opt(s.ratio, Value::Ratio),
                Cell::new(Value::Light(s.light)),
                Cell::new(s.forecast.as_ref().map_or(Value::Empty, |v| value(i, v))),
                opt(s.pace_needed, number),
                verdict(s.h1_verdict, lang),
            ])
        })
        .collect();
    table("indicators", W::SheetIndicators, columns, rows, 4, lang)
}

/// The mid-year monitoring or year-end self-evaluation (midyear.* / yearend.*);
/// `ids`: show the indicators' ids.
pub fn evaluation(r: &EvaluationReport, lang: Lang, ids: bool) -> Document {
    let mut funds = vec![
        Block::Figure(Figure::Execution),
        Block::Table(budget(r, lang)),
    ];
    if r.kind == EvKind::Yearend {
        if let Some(t) = ev::funds_text(r, lang) {
            funds.push(Block::Paragraph {
                class: "funds",
                text: t,
            });
        }
    }
    let mut sections = vec![
        Section {
            id: "execution",
            heading_id: "budget",
            heading: match r.kind {
                EvKind::Midyear => W::SectionBudget,
                EvKind::Yearend => W::SectionFunds,
            }
            .text(lang)
            .into(),
            blocks: funds,
        },
        Section {
            id: "indicators",
            heading_id: "indicators",
            heading: match r.kind {
                EvKind::Midyear => W::SectionTargets,
                EvKind::Yearend => W::SectionAnnualIndicators,
            }
            .text(lang)
            .into(),
            blocks: vec![Block::Table(match r.kind {
                EvKind::Midyear => midyear_indicators(r, lang),
                EvKind::Yearend => yearend_indicators(r, lang),
            })],
        },
        Section {
            id: "blocks",
            heading_id: "blocks",
            heading: W::SectionBlocks.text(lang).into(),
            blocks: vec![Block::Table(blocks(r, lang))],
        },
    ];
    let item = |x: &EvalRow| item(&x.indicator, ids);
    let fill: Vec<String> = r.to_fill().map(item).collect();
    if !fill.is_empty() {
        sections.push(Section {
            id: "to-fill",
            heading_id: "to-fill",
            heading: W::SectionToFill.text(lang).into(),
            blocks: vec![Block::List {
                class: "to-fill",
                items: fill,
            }],
        });
    }
    let review: Vec<String> = r.rows.iter().filter(|x| x.score.review).map(item).collect();
    if !review.is_empty() {
        let pct = r.review_threshold.round().try_into().unwrap_or(120);
        sections.push(Section {
            id: "review",
            heading_id: "review",
            heading: W::SectionReview(pct).text(lang).into(),
            blocks: vec![Block::List {
                class: "review",
                items: review,
            }],
        });
    }
    Document {
        stem: r.kind.code(),
        lang,
        unit: r.unit.clone(),
        as_of: r.as_of,
        title: ev::title(r, lang),
        stamp: ev::stamp(r, lang),
        headline: ev::headline(r, lang),
        sections: ids_if_asked(sections, ids),
        footnote: ev::legend(r, lang),
    }
}

/// The budget block: 年初预算数, 1–N月执行数, 执行率, 全年预计执行数, light.
fn budget(r: &EvaluationReport, lang: Lang) -> Table {
    let columns = vec![
        text_col("name", W::BudgetLine, Role::Name, lang),
        num_col("budget", W::BudgetAtStart, lang),
        num_col("spent", W::SpentTo(r.as_of.number()), lang),
        num_col("rate", W::Rate, lang),
        num_col("forecast", W::ForecastRunRateYear, lang),
        num_col("forecast_plan", W::ForecastPlanYear, lang),
        light_col(lang),
    ];
    let cells = |name: Cell, s: &LineStatus| {
        vec![
            name,
            Cell::new(Value::Amount(s.budget)),
            Cell::new(Value::Amount(s.spent)),
            opt(s.rate, Value::Rate),
            Cell::new(Value::Amount(s.forecast_run_rate)),
            Cell::new(Value::Amount(s.forecast_plan)),
            Cell::new(Value::Light(s.light)),
        ]
    };
    let mut rows: Vec<Row> = r
        .lines
        .iter()
        .map(|l| Row::body(cells(line_name(&l.name, l.depth), l)))
        .collect();
    rows.push(Row::styled(
        Style::Total,
        cells(Cell::text(W::Total.text(lang)), &r.total),
    ));
    table("lines", W::SheetExecution, columns, rows, 1, lang)
}

fn deviation(row: &EvalRow) -> Cell {
    let i = &row.indicator;
    opt(row.deviation, |d| {
        if i.is_percent() {
            Value::PercentagePoints(d)
        } else {
            Value::CountDelta {
                value: d,
                unit: unit(i),
            }
        }
    })
}

fn likelihood(row: &EvalRow, lang: Lang) -> Cell {
    match row.likelihood {
        None => Cell::empty(),
        Some(l) => {
            let word = match lang {
                Lang::Zh => l.zh(),
                Lang::En => l.en(),
            };
            if row.likelihood_suggested {
                Cell::text(format!("{word}{}", W::Suggested.text(lang)))
            } else {
                Cell::text(word)
            }
        }
    }
}

/// 得分 (the score that counts, a number), 规则得分 beside it when adjusted by hand.
fn scores(row: &EvalRow) -> [Cell; 3] {
    let s = &row.score;
    if !s.is_applicable() {
        return [
            Cell::new(Value::Points(s.weight)),
            Cell::new(Value::NotApplicable),
            Cell::empty(),
        ];
    }
    [
        Cell::new(Value::Points(s.weight)),
        Cell::new(Value::Points(s.score)),
        if s.adjusted {
            Cell::new(Value::Points(s.rule_score))
        } else {
            Cell::empty()
        },
    ]
}

/// 【偏离目标】 for a row above an `=` target (core's `RowScore::deviation`), else empty.
fn off_target(row: &EvalRow, lang: Lang) -> String {
    if row.score.deviation {
        W::OffTargetMark.text(lang).into_owned()
    } else {
        String::new()
    }
}

fn adjustment_reason(row: &EvalRow) -> Cell {
    match row.score.reason.as_ref().filter(|_| row.score.adjusted) {
        Some(r) => Cell::text(r.clone()),
        None => Cell::empty(),
    }
}

fn midyear_indicators(r: &EvaluationReport, lang: Lang) -> Table {
    let after_june = r.basis == Basis::ForecastToYearEnd;
    let target = if r.period() == Period::H1 {
        W::H1TargetFull
    } else {
        W::FyTargetFull
    };
    let columns = vec![
        text_col("id", W::Id, Role::Code, lang),
        text_col("level1", W::Level1, Role::Code, lang),
        text_col("level2", W::Level2, Role::Group, lang),
        text_col("name", W::Indicator, Role::Name, lang),
        text_col(
            if after_june { "fy_target" } else { "h1_target" },
            target,
            Role::Code,
            lang,
        ),
        text_col("unit", W::Unit, Role::Code, lang),
        num_col("actual", W::ActualTo(r.as_of.number()), lang),
        num_col("forecast", W::ForecastYear, lang),
        num_col("deviation", W::Deviation, lang),
        num_col("deviation_rate", W::DeviationRate, lang),
        light_col(lang),
        text_col("likelihood", W::Likelihood, Role::Code, lang),
        text_col("cause", W::Cause, Role::Code, lang),
        text_col("measures", W::Measures, Role::Prose, lang),
        num_col("weight", W::Weight, lang),
        num_col("score", W::Score, lang),
        num_col("rule_score", W::RuleScore, lang),
        text_col("adjustment_reason", W::AdjustmentReason, Role::Prose, lang),
    ];
    let rows = r
        .rows
        .iter()
        .map(|row| {
            let i = &row.indicator;
            let [weight, score, rule_score] = scores(row);
            let off = off_target(row, lang);
            let (cause, measures) = match &row.explanation {
                Some(e) => (
                    Cell::text(format!("{off}{}", e.cause.zh())),
                    Cell::text(e.measures.clone()),
                ),
                None if row.to_fill => (
                    Cell::text(format!("{off}{}", W::ToFillMark.text(lang))),
                    Cell::empty(),
                ),
                None if !off.is_empty() => (Cell::text(off), Cell::empty()),
                None => (Cell::empty(), Cell::empty()),
            };
            Row::body(vec![
                Cell::text(i.id.to_string()),
                Cell::text(i.level1.name()),
                Cell::text(i.level2.clone()),
                Cell::text(i.name.clone()),
                Cell::text(i.target(r.period()).to_string()),
                Cell::text(unit(i)),
                Cell::new(
                    row.status
                        .actual
                        .as_ref()
                        .map_or(Value::NoData, |v| value(i, v)),
                ),
                Cell::new(
                    row.status
                        .forecast
                        .as_ref()
                        .map_or(Value::Empty, |v| value(i, v)),
                ),
                deviation(row),
                opt(row.deviation_rate, Value::Rate),
                Cell::new(Value::Light(row.status.light)),
                likelihood(row, lang),
                cause,
                measures,
                weight,
                score,
                rule_score,
                adjustment_reason(row),
            ])
        })
        .collect();
    table("indicators", W::SheetIndicators, columns, rows, 4, lang)
}

fn yearend_indicators(r: &EvaluationReport, lang: Lang) -> Table {
    let columns = vec![
        text_col("id", W::Id, Role::Code, lang),
        text_col("level1", W::Level1Full, Role::Code, lang),
        text_col("level2", W::Level2Full, Role::Group, lang),
        text_col("name", W::Indicator, Role::Name, lang),
        text_col("fy_target", W::AnnualTarget, Role::Code, lang),
        text_col("unit", W::Unit, Role::Code, lang),
        num_col("actual", W::ActualYear, lang),
        num_col("weight", W::Weight, lang),
        num_col("score", W::Score, lang),
        num_col("rule_score", W::RuleScore, lang),
        text_col("explanation", W::CauseAndMeasures, Role::Prose, lang),
        text_col("adjustment_reason", W::AdjustmentReason, Role::Prose, lang),
    ];
    let n = columns.len();
    // Subtotal and total rows: the label spans id to actual (7 columns).
    let label_span = 7u16;
    let summary = |style: Style, label: String, weight: Decimal, score: Decimal, last: Cell| {
        let mut cells = vec![
            Cell::text(label).spanning(label_span),
            Cell::new(Value::Points(weight)),
            Cell::new(Value::Points(score)),
            Cell::empty(),
            last,
        ];
        cells.resize(n - usize::from(label_span) + 1, Cell::empty());
        Row::styled(style, cells)
    };
    let mut rows = Vec::new();
    let mut i = 0;
    while i < r.rows.len() {
        let block = r.rows[i].indicator.level1.name().to_string();
        while i < r.rows.len() && r.rows[i].indicator.level1.name() == block {
            let row = &r.rows[i];
            let ind = &row.indicator;
            let [weight, score, rule_score] = scores(row);
            let off = off_target(row, lang);
            let explanation = match &row.explanation {
                Some(e) => Cell::text(format!("{off}{}：{}", e.cause.zh(), e.measures)),
                None if row.to_fill => Cell::text(format!("{off}{}", W::ToFillMark.text(lang))),
                None if !off.is_empty() => Cell::text(off),
                None => Cell::empty(),
            };
            rows.push(Row::body(vec![
                Cell::text(ind.id.to_string()),
                Cell::text(ind.level1.name()),
                Cell::text(ind.level2.clone()),
                Cell::text(ind.name.clone()),
                Cell::text(ind.fy.to_string()),
                Cell::text(unit(ind)),
                Cell::new(
                    row.status
                        .actual
                        .as_ref()
                        .map_or(Value::NoData, |v| value(ind, v)),
                ),
                weight,
                score,
                rule_score,
                explanation,
                adjustment_reason(row),
            ]));
            i += 1;
        }
        if let Some(b) = r.scorecard.blocks.iter().find(|b| b.block == block) {
            rows.push(summary(
                Style::Subtotal,
                format!("{block}{}", W::Subtotal.text(lang)),
                b.weight,
                b.score,
                Cell::empty(),
            ));
        }
    }
    let s = &r.scorecard;
    rows.push(summary(
        Style::Total,
        W::TotalScore.text(lang).into(),
        s.max,
        s.total,
        Cell::text(format!("{} {}", W::Grade.text(lang), grade(r, lang))),
    ));
    if r.provisional {
        if let Some(stamp) = ev::stamp(r, lang) {
            rows.push(Row::styled(
                Style::Note,
                vec![Cell::text(stamp).spanning(u16::try_from(n).unwrap_or(1))],
            ));
        }
    }
    table("indicators", W::SheetIndicators, columns, rows, 4, lang)
}

fn grade(r: &EvaluationReport, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => r.scorecard.grade.zh(),
        Lang::En => r.scorecard.grade.en(),
    }
}

/// 一级指标得分: weight and score per block, the total and the grade.
fn blocks(r: &EvaluationReport, lang: Lang) -> Table {
    let graded = r.kind.is_graded();
    let mut columns = vec![
        text_col("block", W::Block, Role::Name, lang),
        num_col("weight", W::Weight, lang),
        num_col("score", W::Score, lang),
    ];
    if graded {
        columns.push(text_col("grade", W::Grade, Role::Code, lang));
    }
    let s = &r.scorecard;
    let mut rows: Vec<Row> = s
        .blocks
        .iter()
        .map(|b| {
            let mut cells = vec![
                Cell::text(b.block.clone()),
                Cell::new(Value::Points(b.weight)),
                Cell::new(Value::Points(b.score)),
            ];
            if graded {
                cells.push(Cell::empty());
            }
            Row::body(cells)
        })
        .collect();
    let mut total = vec![
        Cell::text(W::TotalScore.text(lang)),
        Cell::new(Value::Points(s.max)),
        Cell::new(Value::Points(s.total)),
    ];
    if graded {
        total.push(Cell::text(grade(r, lang)));
    }
    rows.push(Row::styled(Style::Total, total));
    table("blocks", W::SheetBlocks, columns, rows, 1, lang)
}
