//! progress.xlsx: the monthly progress report as an Excel workbook, for finance staff
//! who work in Excel.
//!
//! Three sheets: budget execution (title, headline, the line table with the total
//! last, the legend), the indicators, and the notes (only when there are any).
//! Amounts, rates and counts are Excel numbers with a number format, so that they
//! can be summed, sorted and charted; words stay text.
//!
//! Like the other renderers this one computes nothing: every figure comes from the
//! [`ProgressReport`], rounded as the other renderers round it (rates to 4 decimals
//! as fractions, amounts to the cent, half away from zero) and only then turned into
//! Excel's binary number, in [`excel_number`].
//!
//! The output is deterministic: the workbook's creation time (which the writer would
//! otherwise take from the clock) is the first day of the as-of month, and the zip
//! entries carry the writer's fixed timestamp, so the same report gives the same bytes.

use attain_core::fmt::{fixed, round};
use attain_core::progress::{Light, LineStatus};
use attain_core::{Decimal, Indicator, Value};
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};

pub use rust_xlsxwriter::XlsxError;

use crate::evaluation::EvaluationReport;
use crate::lang::Lang;
use crate::progress::{
    amount_str, headline, indicator_header, legend, light_cell, notes, title, verdict_text,
    ProgressReport,
};
use crate::terminal::width;

/// Excel's format for amounts (万元).
pub const AMOUNT_FORMAT: &str = "#,##0.00";
/// Excel's format for rates held as fractions: 0.412 shows as 41.20%.
pub const RATE_FORMAT: &str = "0.00%";
/// Percentage points (the gap between rate and expected).
const POINTS_FORMAT: &str = "0.00";
/// Actual ÷ expected, one decimal as in the other renderers.
const RATIO_FORMAT: &str = "0.0%";

/// The row of the execution table's header on the first sheet (title and headline
/// above it).
pub const EXECUTION_HEADER_ROW: u32 = 3;

/// Widest column, in characters (longer text wraps).
const MAX_WIDTH: usize = 40;

/// The sheet names: execution, indicators, notes.
pub fn sheet_names(lang: Lang) -> [&'static str; 3] {
    match lang {
        Lang::Zh => ["预算执行", "绩效指标", "备注"],
        Lang::En => ["Execution", "Indicators", "Notes"],
    }
}

/// The one place where an exact decimal becomes a binary float: the value of an
/// Excel number cell. `d` is already rounded for display (at most 4 decimals), so
/// for report-sized figures the result is the double nearest to `d`, which Excel
/// shows as exactly `d`. Decimals never come back from here into a computation.
fn excel_number(d: Decimal) -> f64 {
    // A Decimal always has an f64 approximation; `None` cannot happen.
    d.to_f64().unwrap_or_default()
}

/// A cell before it is written: what kind of value and how it is shown.
#[derive(Debug, Clone)]
enum Cell {
    Text(String),
    /// A budget line's name, indented by its depth.
    Name(String, usize),
    /// 万元, to the cent.
    Amount(Decimal),
    /// A fraction, to 4 decimals.
    Rate(Decimal),
    /// rate − expected, shown in percentage points to 2 decimals.
    Points(Decimal),
    /// A count or other quantity (2 decimals) with its unit, e.g. `24人次`.
    Count(Decimal, String),
    /// actual ÷ expected × 100, to 1 decimal, shown as a percentage.
    Ratio(Decimal),
    Light(Light),
    /// Points of a score or weight, to 2 decimals.
    Score(Decimal),
    Empty,
}

impl Cell {
    /// The number written to Excel, rounded as the other renderers round it.
    fn number(&self) -> Option<Decimal> {
        match self {
            Cell::Amount(d) => Some(round(*d, 2)),
            Cell::Rate(d) => Some(round(*d, 4)),
            Cell::Points(d) => Some(round(*d * Decimal::ONE_HUNDRED, 2)),
            Cell::Count(d, _) => Some(round(*d, 2)),
            Cell::Ratio(d) => Some(round(*d, 1) / Decimal::ONE_HUNDRED),
            Cell::Score(d) => Some(round(*d, 2)),
            _ => None,
        }
    }

    /// Roughly what Excel shows, for column widths.
    fn shown_width(&self, lang: Lang) -> usize {
        match self {
            Cell::Text(s) => width(s),
            Cell::Name(s, depth) => width(s) + 2 * depth,
            Cell::Amount(d) => {
                let s = amount_str(*d);
                let digits = s
                    .trim_start_matches('-')
                    .split('.')
                    .next()
                    .map_or(0, str::len);
                s.len() + digits.saturating_sub(1) / 3
            }
            Cell::Rate(d) => fixed(*d * Decimal::ONE_HUNDRED, 2).len() + 1,
            Cell::Points(d) => fixed(*d * Decimal::ONE_HUNDRED, 2).len(),
            Cell::Count(d, unit) => attain_core::fmt::plain(round(*d, 2)).len() + width(unit),
            Cell::Ratio(d) => fixed(*d, 1).len() + 1,
            Cell::Light(l) => width(&light_cell(*l, lang)),
            Cell::Score(d) => fixed(*d, 2).len(),
            Cell::Empty => 0,
        }
    }
}

/// The fill behind a light. The word and the symbol carry the meaning; the fills
/// differ in lightness (CIE L* about 93, 82, 72, 60 for green, yellow, blue, red) so
/// that they stay apart in greyscale and for red-green colour blindness, and all keep
/// black text readable.
fn light_fill(l: Light) -> Option<Color> {
    match l {
        Light::Green => Some(Color::RGB(0xE2F0D9)),
        Light::Yellow => Some(Color::RGB(0xF4C542)),
        Light::Blue => Some(Color::RGB(0x8DB4E2)),
        Light::Red => Some(Color::RGB(0xE07070)),
        Light::None => None,
    }
}

/// The format of a data cell; `bold` for the total row.
fn cell_format(c: &Cell, bold: bool) -> Format {
    let f = Format::new().set_align(FormatAlign::VerticalCenter);
    let f = match c {
        Cell::Text(_) | Cell::Empty => f.set_text_wrap(),
        Cell::Name(_, depth) => f
            .set_text_wrap()
            .set_indent(u8::try_from(*depth).unwrap_or(u8::MAX)),
        Cell::Amount(_) => f.set_num_format(AMOUNT_FORMAT),
        Cell::Rate(_) => f.set_num_format(RATE_FORMAT),
        Cell::Points(_) | Cell::Score(_) => f.set_num_format(POINTS_FORMAT),
        Cell::Ratio(_) => f.set_num_format(RATIO_FORMAT),
        Cell::Count(_, unit) if unit.is_empty() => f.set_num_format("General"),
        Cell::Count(_, unit) => f.set_num_format(format!("General\"{}\"", unit.replace('"', ""))),
        Cell::Light(l) => {
            let f = f.set_align(FormatAlign::Center);
            match light_fill(*l) {
                Some(c) => f.set_background_color(c),
                None => f,
            }
        }
    };
    if bold {
        f.set_bold().set_border_top(FormatBorder::Thin)
    } else {
        f
    }
}

fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0xF2F2F2))
        .set_border_bottom(FormatBorder::Thin)
}

/// A table: its header and rows; `total` marks the last row as a total (bold, and
/// left out of the autofilter range so that sorting keeps it last).
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<Cell>>,
    total: bool,
    /// Columns kept in view when scrolling right (the header row always is).
    frozen_cols: u16,
}

impl Table {
    /// Column widths in Excel's units: the widest cell, the header wrapped to at most
    /// two lines, within 6 and [`MAX_WIDTH`] terminal columns, a tenth more for CJK
    /// glyphs (a little wider than two digits), plus a margin.
    fn widths(&self, lang: Lang) -> Vec<usize> {
        self.header
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let cells = self
                    .rows
                    .iter()
                    .filter_map(|r| r.get(i))
                    .map(|c| c.shown_width(lang))
                    .max()
                    .unwrap_or(0);
                let header = width(h).div_ceil(2);
                (cells.max(header).clamp(6, MAX_WIDTH) * 11).div_ceil(10) + 2
            })
            .collect()
    }

    /// Lines the wrapped header needs.
    fn header_lines(&self, widths: &[usize]) -> usize {
        self.header
            .iter()
            .zip(widths)
            .map(|(h, w)| width(h).div_ceil(w.saturating_sub(2).max(1)))
            .max()
            .unwrap_or(1)
            .max(1)
    }

    /// Write the table with its header at `top`; returns the row after the table.
    fn write(&self, ws: &mut Worksheet, top: u32, lang: Lang) -> Result<u32, XlsxError> {
        let widths = self.widths(lang);
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(col(c), excel_width(*w))?;
        }
        let hf = header_format();
        for (c, h) in self.header.iter().enumerate() {
            ws.write_string_with_format(top, col(c), h, &hf)?;
        }
        ws.set_row_height(top, points(15 * self.header_lines(&widths)))?;
        let mut row = top;
        let mut filtered_to = top;
        for (i, cells) in self.rows.iter().enumerate() {
            row += 1;
            let total = self.total && i + 1 == self.rows.len();
            if !total {
                filtered_to = row;
            }
            for (c, cell) in cells.iter().enumerate() {
                write_cell(ws, row, col(c), cell, total, lang)?;
            }
        }
        let last_col = col(self.header.len().saturating_sub(1));
        ws.autofilter(top, 0, filtered_to, last_col)?;
        ws.set_freeze_panes(top + 1, self.frozen_cols)?;
        ws.set_repeat_rows(top, top)?;
        Ok(row + 1)
    }
}

fn write_cell(
    ws: &mut Worksheet,
    row: u32,
    c: u16,
    cell: &Cell,
    bold: bool,
    lang: Lang,
) -> Result<(), XlsxError> {
    let f = cell_format(cell, bold);
    if let Some(d) = cell.number() {
        ws.write_number_with_format(row, c, excel_number(d), &f)?;
        return Ok(());
    }
    match cell {
        Cell::Text(s) | Cell::Name(s, _) => {
            ws.write_string_with_format(row, c, crate::text::excel_cell(s).as_ref(), &f)?
        }
        Cell::Light(l) => ws.write_string_with_format(row, c, light_cell(*l, lang), &f)?,
        _ => ws.write_blank(row, c, &f)?,
    };
    Ok(())
}

fn strings(v: Vec<&str>) -> Vec<String> {
    v.into_iter().map(str::to_string).collect()
}

fn col(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

/// A column width in Excel's units (about one digit of the default font; a CJK
/// character takes about two).
fn excel_width(chars: usize) -> f64 {
    f64::from(u32::try_from(chars).unwrap_or(u32::MAX))
}

/// A row height in points.
fn points(pt: usize) -> f64 {
    f64::from(u32::try_from(pt).unwrap_or(409).min(409))
}

/// A paragraph merged across `cols` columns of `widths`, wrapped, with a row height
/// for the lines it needs (Excel does not size merged rows itself).
fn paragraph(
    ws: &mut Worksheet,
    row: u32,
    text: &str,
    widths: &[usize],
    f: &Format,
) -> Result<(), XlsxError> {
    let last = col(widths.len().saturating_sub(1));
    ws.merge_range(row, 0, row, last, text, f)?;
    // Leave a tenth of the width for word breaks.
    let room = (widths.iter().sum::<usize>() * 9 / 10).max(1);
    let lines: usize = text
        .split('\n')
        .map(|l| width(l).div_ceil(room).max(1))
        .sum();
    ws.set_row_height(row, points(16 * lines + 4))?;
    Ok(())
}

fn print_setup(ws: &mut Worksheet, lang: Lang) {
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0); // one page wide, as many tall as needed
    ws.set_footer(match lang {
        Lang::Zh => "&L&A&C第 &P 页，共 &N 页",
        Lang::En => "&L&A&CPage &P of &N",
    });
}

/// A value as an Excel cell: a rate as a fraction, a count with its unit, a grade as
/// its word.
fn value_cell(ind: &Indicator, v: &Value) -> Cell {
    match v {
        Value::Number(d) if ind.is_percent() => Cell::Rate(*d),
        Value::Number(d) => Cell::Count(*d, unit(ind)),
        Value::Grade { word, .. } => Cell::Text(word.clone()),
    }
}

fn unit(ind: &Indicator) -> String {
    ind.unit()
        .map(|u| u.as_str().to_string())
        .unwrap_or_default()
}

fn line_header(lang: Lang) -> Vec<&'static str> {
    match lang {
        Lang::Zh => vec![
            "预算项目",
            "全年预算（万元）",
            "累计支出（万元）",
            "执行率",
            "序时进度",
            "偏差（百分点）",
            "偏差（万元）",
            "灯",
            "年末预测（按当前进度）",
            "年末预测（按计划）",
            "剩余每月需支出（万元）",
        ],
        Lang::En => vec![
            "Budget line",
            "Budget (万元)",
            "Spent (万元)",
            "Rate",
            "Expected",
            "Gap (pp)",
            "Gap (万元)",
            "Light",
            "Year-end (run rate)",
            "Year-end (plan)",
            "Needed per month (万元)",
        ],
    }
}

fn line_cells(name: Cell, s: &LineStatus) -> Vec<Cell> {
    vec![
        name,
        Cell::Amount(s.budget),
        Cell::Amount(s.spent),
        s.rate.map_or(Cell::Text("—".into()), Cell::Rate),
        Cell::Rate(s.expected),
        s.gap.map_or(Cell::Empty, Cell::Points),
        Cell::Amount(s.gap_amount),
        Cell::Light(s.light),
        Cell::Amount(s.forecast_run_rate),
        Cell::Amount(s.forecast_plan),
        s.pace_needed.map_or(Cell::Text("—".into()), Cell::Amount),
    ]
}

fn execution_table(r: &ProgressReport, lang: Lang) -> Table {
    let mut rows: Vec<Vec<Cell>> = r
        .lines
        .iter()
        .map(|l| line_cells(Cell::Name(l.name.clone(), l.depth), &l.status))
        .collect();
    let total = match lang {
        Lang::Zh => "合计",
        Lang::En => "Total",
    };
    rows.push(line_cells(Cell::Text(total.into()), &r.total));
    Table {
        header: strings(line_header(lang)),
        rows,
        total: true,
        frozen_cols: 1,
    }
}

fn indicator_rows(r: &ProgressReport, lang: Lang) -> Table {
    let rows = r
        .indicators
        .iter()
        .map(|row| {
            let (i, s) = (&row.indicator, &row.status);
            vec![
                Cell::Text(i.id.to_string()),
                Cell::Text(i.level1.name().to_string()),
                Cell::Text(i.level2.clone()),
                Cell::Text(i.name.clone()),
                Cell::Text(i.h1.to_string()),
                Cell::Text(i.fy.to_string()),
                s.actual.as_ref().map_or_else(
                    || {
                        Cell::Text(match lang {
                            Lang::Zh => "无数据".into(),
                            Lang::En => "no data".into(),
                        })
                    },
                    |v| value_cell(i, v),
                ),
                if i.fy.is_qualitative() {
                    Cell::Text(i.target_in_force(r.as_of).to_string())
                } else {
                    match s.expected {
                        None => Cell::Text("—".into()),
                        Some(e) if i.is_percent() => Cell::Rate(e),
                        Some(e) => Cell::Count(e, unit(i)),
                    }
                },
                s.ratio.map_or(Cell::Empty, Cell::Ratio),
                Cell::Light(s.light),
                s.forecast
                    .as_ref()
                    .map_or(Cell::Empty, |v| value_cell(i, v)),
                s.pace_needed
                    .map_or(Cell::Empty, |p| Cell::Count(p, unit(i))),
                Cell::Text(verdict_text(s.h1_verdict, lang).to_string()),
            ]
        })
        .collect();
    Table {
        header: strings(indicator_header(lang)),
        rows,
        total: false,
        frozen_cols: 0,
    }
}

fn notes_table(r: &ProgressReport, lang: Lang) -> Table {
    let rows = notes(r)
        .iter()
        .map(|n| {
            vec![
                Cell::Text(n.id.unwrap_or_default().to_string()),
                Cell::Text(n.name.to_string()),
                Cell::Text(n.month.to_string()),
                Cell::Text(n.note.to_string()),
            ]
        })
        .collect();
    Table {
        header: match lang {
            Lang::Zh => strings(vec!["编号", "预算项目或指标", "月份", "备注"]),
            Lang::En => strings(vec!["Id", "Budget line or indicator", "Month", "Note"]),
        },
        rows,
        total: false,
        frozen_cols: 0,
    }
}

/// progress.xlsx as bytes.
pub fn xlsx(r: &ProgressReport, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    // Not the clock: the first day of the as-of month, so that the same report gives
    // the same bytes.
    let created = ExcelDateTime::from_ymd(r.as_of.year(), r.as_of.number(), 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(title(r, lang))
            .set_company(&r.unit)
            .set_creation_datetime(&created),
    );
    let names = sheet_names(lang);

    // Sheet 1: title, headline, the execution table, the legend.
    let ws = wb.add_worksheet();
    ws.set_name(names[0])?;
    let table = execution_table(r, lang);
    let widths = table.widths(lang);
    ws.write_string_with_format(
        0,
        0,
        title(r, lang),
        &Format::new().set_bold().set_font_size(14),
    )?;
    ws.set_row_height(0, 22)?;
    let para = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Left)
        .set_align(FormatAlign::Top);
    paragraph(ws, 1, &headline(r, lang), &widths, &para)?;
    let next = table.write(ws, EXECUTION_HEADER_ROW, lang)?;
    paragraph(ws, next + 1, &legend(r, lang), &widths, &para)?;
    print_setup(ws, lang);

    // Sheet 2: the indicators.
    let ws = wb.add_worksheet();
    ws.set_name(names[1])?;
    indicator_rows(r, lang).write(ws, 0, lang)?;
    print_setup(ws, lang);

    // Sheet 3: the notes, if any.
    let table = notes_table(r, lang);
    if !table.rows.is_empty() {
        let ws = wb.add_worksheet();
        ws.set_name(names[2])?;
        table.write(ws, 0, lang)?;
        print_setup(ws, lang);
    }

    wb.save_to_buffer()
}

/// midyear.xlsx / yearend.xlsx: the evaluation as a workbook. Sheet 1 holds the title,
/// the headline and the budget block; sheet 2 the indicator table as on paper (for
/// the year-end table with block subtotals and the total); weights and scores are
/// numbers.
pub fn evaluation_xlsx(r: &EvaluationReport, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    use crate::evaluation::{self as ev, Kind};
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(r.as_of.year(), r.as_of.number(), 1)?;
    let title = ev::title(r, lang);
    wb.set_properties(
        &DocProperties::new()
            .set_title(&title)
            .set_company(&r.unit)
            .set_creation_datetime(&created),
    );
    let (budget_sheet, indicator_sheet) = match lang {
        Lang::Zh => ("预算执行", "绩效指标"),
        Lang::En => ("Budget", "Indicators"),
    };
    // Sheet 1: title, headline, budget block.
    let ws = wb.add_worksheet();
    ws.set_name(budget_sheet)?;
    let (header, rows) = ev::budget_table(r, lang);
    let all: Vec<&LineStatus> = r.lines.iter().chain(std::iter::once(&r.total)).collect();
    let table = Table {
        header,
        rows: rows
            .iter()
            .zip(&all)
            .map(|(text, s)| {
                vec![
                    Cell::Name(text[0].trim_start_matches('\u{3000}').to_string(), s.depth),
                    Cell::Amount(s.budget),
                    Cell::Amount(s.spent),
                    s.rate.map_or(Cell::Text("—".into()), Cell::Rate),
                    Cell::Amount(s.forecast_plan),
                    Cell::Light(s.light),
                ]
            })
            .collect(),
        total: true,
        frozen_cols: 1,
    };
    let widths = table.widths(lang);
    ws.write_string_with_format(0, 0, &title, &Format::new().set_bold().set_font_size(14))?;
    ws.set_row_height(0, 22)?;
    let para = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Left)
        .set_align(FormatAlign::Top);
    paragraph(ws, 1, &ev::headline(r, lang), &widths, &para)?;
    table.write(ws, EXECUTION_HEADER_ROW, lang)?;
    print_setup(ws, lang);

    // Sheet 2: the indicator table. Weight and score columns become numbers; the
    // score of an adjusted row stays text (it shows the rule's score beside it).
    let ws = wb.add_worksheet();
    ws.set_name(indicator_sheet)?;
    let (header, rows) = match r.kind {
        Kind::Midyear => ev::midyear_table(r, lang),
        Kind::Yearend => ev::yearend_table(r, lang),
    };
    let numeric = ev::points_columns(r.kind);
    let table = Table {
        header,
        rows: rows
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .enumerate()
                    .map(|(i, t)| match attain_core::target::parse_decimal(&t) {
                        Some(d) if numeric.contains(&i) => Cell::Score(d),
                        _ if t.is_empty() => Cell::Empty,
                        _ => Cell::Text(t),
                    })
                    .collect()
            })
            .collect(),
        total: r.kind == Kind::Yearend,
        frozen_cols: 0,
    };
    table.write(ws, 0, lang)?;
    print_setup(ws, lang);
    wb.save_to_buffer()
}
