//! What each report contains, built once into a [`Document`] from core's results:
//! [`progress`] (月度进度), [`evaluation`] (绩效运行监控 and 绩效自评). The writers
//! in [`crate::write`] turn a document into Markdown, CSV, HTML and XLSX; they know
//! no report kind and no column position.
//!
//! Nothing here decides a rule of the domain: every figure, verdict, likelihood and
//! list comes from core (through [`ProgressReport`] and [`EvaluationReport`]); this
//! module only chooses columns, labels and order.

use attain_core::budget::FundSource;
use attain_core::evaluation::{EvalRow, Kind as EvKind};
use attain_core::progress::{LineStatus, Verdict};
use attain_core::{Decimal, Indicator, Value as Actual};

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
        group: None,
    }
}

fn grouped(mut c: Column, group: impl Into<String>) -> Column {
    c.group = Some(group.into());
    c
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
            sheet: None,
        },
        Section {
            id: "indicators",
            heading_id: "indicators",
            heading: W::SectionIndicators.text(lang).into(),
            blocks: vec![
                Block::Figure(Figure::Indicators),
                Block::Table(progress_indicators(r, lang)),
            ],
            sheet: None,
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
            sheet: None,
        });
    }
    let checks = prog::cross_check_items(r, lang);
    if !checks.is_empty() {
        sections.push(Section {
            id: "cross-checks",
            heading_id: "cross-checks",
            heading: W::SectionCrossChecks.text(lang).into(),
            blocks: vec![Block::List {
                class: "cross-checks",
                items: checks,
            }],
            sheet: None,
        });
    }
    let missing = prog::missing_items(&r.completeness, false, str::to_string, lang);
    if !missing.is_empty() {
        sections.push(Section {
            id: "missing",
            heading_id: "missing",
            heading: W::SectionMissing.text(lang).into(),
            blocks: vec![Block::List {
                class: "missing",
                items: missing,
            }],
            sheet: None,
        });
    }
    Document {
        stem: "progress",
        lang,
        unit: r.unit.clone(),
        as_of: r.as_of,
        title: prog::title(r, lang),
        fields: Vec::new(),
        stamp: prog::incomplete_stamp(&r.completeness, false, lang),
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
        // Empty before December, when the year closes.
        text_col("fy_verdict", W::FyVerdict, Role::Code, lang),
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
                marked_if_stale(
                    Cell::new(s.actual.as_ref().map_or(Value::NoData, |v| value(i, v))),
                    s,
                    lang,
                ),
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
                verdict(s.fy_verdict, lang),
            ])
        })
        .collect();
    let mut rows: Vec<Row> = rows;
    rows.extend(reported_before_note(
        r.indicators.iter().map(|x| x.status.stale),
        r.as_of,
        columns.len(),
        lang,
    ));
    table("indicators", W::SheetIndicators, columns, rows, 4, lang)
}

/// The mid-year monitoring form (部门整体绩效运行监控表) or the year-end
/// self-evaluation form (部门整体支出绩效自评表) in the official layout of DOMAIN.md §8
/// (midyear.* / yearend.*): the funds block by source, the 年度总体目标 block and the
/// indicator block, stacked on one sheet under the title and the header fields; then
/// the spending lines, the block scores, what is missing, what is to fill and what to
/// review. `ids`: show the indicators' ids.
pub fn evaluation(r: &EvaluationReport, lang: Lang, ids: bool) -> Document {
    let form = Some(
        match r.kind {
            EvKind::Midyear => W::SheetMonitoringForm,
            EvKind::Yearend => W::SheetSelfEvaluationForm,
        }
        .text(lang)
        .into_owned(),
    );
    let mut sections = vec![
        Section {
            id: "funds",
            heading_id: "funds",
            heading: W::SectionFundsBySource.text(lang).into(),
            blocks: vec![Block::Table(funds(r, lang))],
            sheet: form.clone(),
        },
        Section {
            id: "goal",
            heading_id: "goal",
            heading: W::SectionGoal.text(lang).into(),
            blocks: vec![Block::Table(goal(r, lang))],
            sheet: form.clone(),
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
            sheet: form,
        },
    ];
    let mut lines = vec![
        Block::Figure(Figure::Execution),
        Block::Table(budget(r, lang)),
    ];
    if r.kind == EvKind::Yearend {
        if let Some(t) = ev::funds_text(r, lang) {
            lines.push(Block::Paragraph {
                class: "funds",
                text: t,
            });
        }
    }
    sections.push(Section {
        id: "execution",
        heading_id: "budget",
        heading: W::SectionBudget.text(lang).into(),
        blocks: lines,
        sheet: None,
    });
    if r.kind.is_graded() || r.reference_score {
        sections.push(Section {
            id: "blocks",
            heading_id: "blocks",
            heading: if r.kind.is_graded() {
                W::SectionBlocks
            } else {
                W::SectionReferenceBlocks
            }
            .text(lang)
            .into(),
            blocks: vec![Block::Table(blocks(r, lang))],
            sheet: None,
        });
    }
    let checks = prog::cross_check_items(&r.progress, lang);
    if !checks.is_empty() {
        sections.push(Section {
            id: "cross-checks",
            heading_id: "cross-checks",
            heading: W::SectionCrossChecks.text(lang).into(),
            blocks: vec![Block::List {
                class: "cross-checks",
                items: checks,
            }],
            sheet: None,
        });
    }
    let missing = prog::missing_items(
        &r.completeness,
        true,
        |id| {
            r.rows
                .iter()
                .find(|x| x.indicator.id.0 == id)
                .map_or_else(|| id.to_string(), |x| item(&x.indicator, ids))
        },
        lang,
    );
    if !missing.is_empty() {
        sections.push(Section {
            id: "missing",
            heading_id: "missing",
            heading: W::SectionMissing.text(lang).into(),
            blocks: vec![Block::List {
                class: "missing",
                items: missing,
            }],
            sheet: None,
        });
    }
    let item = |x: &EvalRow| item(&x.indicator, ids);
    let fill: Vec<String> = r
        .to_fill()
        .map(|x| {
            if x.likelihood_contradicted {
                format!("{}{}", item(x), W::ContradictedToFill.text(lang))
            } else {
                item(x)
            }
        })
        .collect();
    if !fill.is_empty() {
        sections.push(Section {
            id: "to-fill",
            heading_id: "to-fill",
            heading: W::SectionToFill.text(lang).into(),
            blocks: vec![Block::List {
                class: "to-fill",
                items: fill,
            }],
            sheet: None,
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
            sheet: None,
        });
    }
    Document {
        stem: r.kind.code(),
        lang,
        unit: r.unit.clone(),
        as_of: r.as_of,
        title: ev::title(r, lang),
        fields: ev::fields(r, lang),
        stamp: ev::stamp(r, lang),
        headline: ev::headline(r, lang),
        sections: ids_if_asked(sections, ids),
        footnote: ev::legend(r, lang),
    }
}

/// The funds block by source (DOMAIN.md §8). Spending is recorded per spending line,
/// not per source: the 执行数 is on the 年度资金总额 row only (the sum of every line's
/// spending), and the rows of the sources show their budgets.
fn funds(r: &EvaluationReport, lang: Lang) -> Table {
    let n = r.as_of.number();
    let exec = r.rows.iter().find(|row| {
        matches!(
            row.indicator.measure,
            attain_core::Measure::Execution { line: None }
        )
    });
    let source = |f: &attain_core::budget::FundRow| match lang {
        Lang::Zh => f.source.zh(),
        Lang::En => f.source.en(),
    };
    let total = |f: &attain_core::budget::FundRow| f.source == FundSource::Total;
    match r.kind {
        EvKind::Yearend => {
            let columns = vec![
                text_col("source", W::FundSource, Role::Name, lang),
                num_col("initial", W::BudgetAtStart, lang),
                num_col("full_year", W::BudgetFullYear, lang),
                num_col("executed", W::ExecutedYear, lang),
                num_col("weight", W::Weight, lang),
                num_col("rate", W::Rate, lang),
                num_col("score", W::Score, lang),
            ];
            let rows = r
                .funds
                .iter()
                .map(|f| {
                    let t = total(f);
                    let on_total = |v: Value| if t { Cell::new(v) } else { Cell::empty() };
                    let (weight, score) = match exec.map(|e| &e.score) {
                        Some(s) if t && s.is_applicable() => (
                            Cell::new(Value::Points(s.weight)),
                            Cell::new(Value::Points(s.score)),
                        ),
                        Some(s) if t => (
                            Cell::new(Value::Points(s.weight)),
                            Cell::new(Value::NotApplicable),
                        ),
                        _ => (Cell::empty(), Cell::empty()),
                    };
                    Row::body(vec![
                        Cell::text(source(f)).indented(usize::from(!t)),
                        Cell::new(Value::Amount(f.initial)),
                        Cell::new(Value::Amount(f.full_year)),
                        on_total(Value::Amount(r.total.spent)),
                        weight,
                        if t {
                            opt(r.total.rate, Value::Rate)
                        } else {
                            Cell::empty()
                        },
                        score,
                    ])
                })
                .collect();
            table("funds", W::SheetFunds, columns, rows, 1, lang)
        }
        EvKind::Midyear => {
            let group = W::ExecutionTo(n).text(lang).into_owned();
            let columns = vec![
                text_col("source", W::FundSource, Role::Name, lang),
                num_col("initial", W::BudgetAtStart, lang),
                num_col("full_year", W::BudgetFullYear, lang),
                num_col("h1_plan", W::H1Plan, lang),
                grouped(num_col("executed", W::ExecutedShort, lang), group.clone()),
                grouped(num_col("rate", W::Rate, lang), group),
                num_col("forecast", W::ForecastRunRateYear, lang),
                text_col("cause", W::Cause, Role::Code, lang),
                text_col("measures", W::Measures, Role::Prose, lang),
            ];
            let rows = r
                .funds
                .iter()
                .map(|f| {
                    let t = total(f);
                    let on_total = |v: Value| if t { Cell::new(v) } else { Cell::empty() };
                    let (cause, measures) = match exec {
                        Some(e) if t => explanation_cells(e, lang),
                        _ => (Cell::empty(), Cell::empty()),
                    };
                    Row::body(vec![
                        Cell::text(source(f)).indented(usize::from(!t)),
                        Cell::new(Value::Amount(f.initial)),
                        Cell::new(Value::Amount(f.full_year)),
                        on_total(Value::Amount(r.h1_plan)),
                        on_total(Value::Amount(r.total.spent)),
                        if t {
                            opt(r.total.rate, Value::Rate)
                        } else {
                            Cell::empty()
                        },
                        on_total(Value::Amount(r.total.forecast_run_rate)),
                        cause,
                        measures,
                    ])
                })
                .collect();
            table("funds", W::SheetFunds, columns, rows, 1, lang)
        }
    }
}

/// 年度总体目标: 预期目标 and what was achieved (【待填写】 when summary.toml has none).
fn goal(r: &EvaluationReport, lang: Lang) -> Table {
    let to_fill = || Cell::text(W::ToFillMark.text(lang));
    let columns = vec![
        text_col("expected", W::GoalExpected, Role::Prose, lang),
        text_col(
            "achieved",
            match r.kind {
                EvKind::Midyear => W::GoalAchievedTo(r.as_of.number()),
                EvKind::Yearend => W::GoalAchieved,
            },
            Role::Prose,
            lang,
        ),
    ];
    let expected = if r.annual_goal.trim().is_empty() {
        to_fill()
    } else {
        Cell::text(r.annual_goal.clone())
    };
    let achieved = r.achieved.clone().map_or_else(to_fill, Cell::text);
    table(
        "goal",
        W::SectionGoal,
        columns,
        vec![Row::body(vec![expected, achieved])],
        0,
        lang,
    )
}

/// The spending lines: 全年预算数 (budget.csv's full-year budget), 1–N月执行数, 执行率,
/// 全年预计执行数, light.
fn budget(r: &EvaluationReport, lang: Lang) -> Table {
    let columns = vec![
        text_col("name", W::BudgetLine, Role::Name, lang),
        num_col("budget", W::BudgetFullYear, lang),
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

/// 偏差原因 (the category, 【偏离目标】 first for a row off an `=` target) and 改进措施;
/// 【待填写】 where they are still to fill.
fn explanation_cells(row: &EvalRow, lang: Lang) -> (Cell, Cell) {
    let off = off_target(row, lang);
    match &row.explanation {
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
    }
}

/// 【偏离目标】 for a row above an `=` target (core's `RowScore::deviation`), else empty.
fn off_target(row: &EvalRow, lang: Lang) -> String {
    if row.score.deviation {
        W::OffTargetMark.text(lang).into_owned()
    } else {
        String::new()
    }
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
            } else if row.likelihood_contradicted {
                Cell::text(format!("{word}{}", W::Contradicted.text(lang)))
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

fn actual(row: &EvalRow, lang: Lang) -> Cell {
    let i = &row.indicator;
    marked_if_stale(
        Cell::new(
            row.status
                .actual
                .as_ref()
                .map_or(Value::NoData, |v| value(i, v)),
        ),
        &row.status,
        lang,
    )
}

/// A figure older than the report's month (core's `stale`) marked with the month it
/// was last reported: `95.00%（6月数）`.
fn marked_if_stale(cell: Cell, s: &attain_core::progress::IndicatorStatus, lang: Lang) -> Cell {
    match s.last_reported {
        Some(m) if s.stale => cell.marked(W::ReportedIn(m.number()).text(lang)),
        _ => cell,
    }
}

/// The note under an indicator table with marked figures, spanning its `n` columns;
/// `None` when no figure is marked.
fn reported_before_note(
    stale: impl IntoIterator<Item = bool>,
    as_of: attain_core::Month,
    n: usize,
    lang: Lang,
) -> Option<Row> {
    stale.into_iter().any(|s| s).then(|| {
        Row::styled(
            Style::Note,
            vec![Cell::text(W::ReportedBeforeNote(as_of.number()).text(lang))
                .spanning(u16::try_from(n).unwrap_or(1))],
        )
    })
}

/// The first cells of an indicator row: [id,] 一级 and 二级 merged down over the rows
/// of the same block and group, 三级. `at` is the row's index in `r.rows`.
fn hierarchy(r: &EvaluationReport, at: usize) -> Vec<Cell> {
    let rows = &r.rows;
    let ind = &rows[at].indicator;
    let same1 = |k: usize| rows[k].indicator.level1.name() == ind.level1.name();
    let same2 = |k: usize| same1(k) && rows[k].indicator.level2 == ind.level2;
    let run = |same: &dyn Fn(usize) -> bool| {
        let starts = at == 0 || !same(at - 1);
        let len = (at..rows.len()).take_while(|&k| same(k)).count();
        starts.then(|| u16::try_from(len).unwrap_or(u16::MAX))
    };
    let mut cells = vec![Cell::text(ind.id.to_string())];
    if let Some(n) = run(&same1) {
        cells.push(Cell::text(ind.level1.name()).spanning_rows(n));
    }
    if let Some(n) = run(&same2) {
        cells.push(Cell::text(ind.level2.clone()).spanning_rows(n));
    }
    cells.push(Cell::text(ind.name.clone()));
    cells
}

fn midyear_indicators(r: &EvaluationReport, lang: Lang) -> Table {
    let n = r.as_of.number();
    let group = W::ExecutionTo(n).text(lang).into_owned();
    let targets = W::TargetValues.text(lang).into_owned();
    let mut columns = vec![
        text_col("id", W::Id, Role::Code, lang),
        text_col("level1", W::Level1Full, Role::Code, lang),
        text_col("level2", W::Level2Full, Role::Group, lang),
        text_col("name", W::Indicator, Role::Name, lang),
        grouped(
            text_col("fy_target", W::AnnualTarget, Role::Code, lang),
            targets.clone(),
        ),
        grouped(
            text_col("h1_target", W::H1Target, Role::Code, lang),
            targets,
        ),
        grouped(num_col("actual", W::ActualShort, lang), group.clone()),
        grouped(num_col("forecast", W::ForecastYear, lang), group),
        text_col("likelihood", W::Likelihood, Role::Code, lang),
        text_col("cause", W::Cause, Role::Code, lang),
        text_col("measures", W::Measures, Role::Prose, lang),
    ];
    if r.reference_score {
        columns.push(num_col("weight", W::Weight, lang));
        columns.push(num_col("score", W::ReferenceScore, lang));
    }
    let rows = (0..r.rows.len())
        .map(|k| {
            let row = &r.rows[k];
            let i = &row.indicator;
            let (cause, measures) = explanation_cells(row, lang);
            let mut cells = hierarchy(r, k);
            cells.extend([
                Cell::text(i.fy.to_string()),
                Cell::text(i.h1.to_string()),
                actual(row, lang),
                Cell::new(
                    row.status
                        .forecast
                        .as_ref()
                        .map_or(Value::Empty, |v| value(i, v)),
                ),
                likelihood(row, lang),
                cause,
                measures,
            ]);
            if r.reference_score {
                let [weight, score, _] = scores(row);
                cells.extend([weight, score]);
            }
            Row::body(cells)
        })
        .collect();
    let mut rows: Vec<Row> = rows;
    rows.extend(reported_before_note(
        r.rows.iter().map(|x| x.status.stale),
        r.as_of,
        columns.len(),
        lang,
    ));
    table("indicators", W::SheetIndicators, columns, rows, 4, lang)
}

fn yearend_indicators(r: &EvaluationReport, lang: Lang) -> Table {
    let columns = vec![
        text_col("id", W::Id, Role::Code, lang),
        text_col("level1", W::Level1Full, Role::Code, lang),
        text_col("level2", W::Level2Full, Role::Group, lang),
        text_col("name", W::Indicator, Role::Name, lang),
        text_col("fy_target", W::AnnualTarget, Role::Code, lang),
        num_col("actual", W::ActualYear, lang),
        num_col("weight", W::Weight, lang),
        num_col("score", W::Score, lang),
        text_col("explanation", W::CauseAndMeasures, Role::Prose, lang),
    ];
    let n = columns.len();
    // 总分 and 自评等级: the label spans id to actual (6 columns).
    let label_span = 6u16;
    let mut rows: Vec<Row> = (0..r.rows.len())
        .map(|k| {
            let row = &r.rows[k];
            let ind = &row.indicator;
            let [weight, score, _] = scores(row);
            let off = off_target(row, lang);
            let mut text = match &row.explanation {
                Some(e) => format!("{off}{}：{}", e.cause.zh(), e.measures),
                None if row.to_fill => format!("{off}{}", W::ToFillMark.text(lang)),
                None => off,
            };
            if row.score.adjusted {
                let rule = Value::Points(row.score.rule_score).display(lang);
                let reason = row.score.reason.clone().unwrap_or_default();
                let note = match lang {
                    Lang::Zh => format!("（人工调整，规则得分 {rule}：{reason}）"),
                    Lang::En => format!(" (adjusted; the rule gives {rule}: {reason})"),
                };
                text.push_str(&note);
            }
            let mut cells = hierarchy(r, k);
            cells.extend([
                Cell::text(ind.fy.to_string()),
                actual(row, lang),
                weight,
                score,
                Cell::text(text),
            ]);
            Row::body(cells)
        })
        .collect();
    let s = &r.scorecard;
    rows.push(Row::styled(
        Style::Total,
        vec![
            Cell::text(W::TotalScore.text(lang)).spanning(label_span),
            Cell::new(Value::Points(s.max)),
            Cell::new(Value::Points(s.total)),
            Cell::empty(),
        ],
    ));
    rows.push(Row::styled(
        Style::Total,
        vec![
            Cell::text(W::SelfGrade.text(lang)).spanning(label_span),
            Cell::text(grade(r, lang)).spanning(3),
        ],
    ));
    rows.extend(reported_before_note(
        r.rows.iter().map(|x| x.status.stale),
        r.as_of,
        n,
        lang,
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

/// 一级指标得分: weight and score per block, the total and the grade. Monitoring is
/// not graded: its scores are labelled 参考 (DOMAIN.md §2).
fn blocks(r: &EvaluationReport, lang: Lang) -> Table {
    let graded = r.kind.is_graded();
    let (score, total_score) = if graded {
        (W::Score, W::TotalScore)
    } else {
        (W::ReferenceScore, W::ReferenceTotalScore)
    };
    let mut columns = vec![
        text_col("block", W::Block, Role::Name, lang),
        num_col("weight", W::Weight, lang),
        num_col("score", score, lang),
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
        Cell::text(total_score.text(lang)),
        Cell::new(Value::Points(s.max)),
        Cell::new(Value::Points(s.total)),
    ];
    if graded {
        total.push(Cell::text(grade(r, lang)));
    }
    rows.push(Row::styled(Style::Total, total));
    table("blocks", W::SheetBlocks, columns, rows, 1, lang)
}
