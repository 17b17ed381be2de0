//! XLSX: the document as an Excel workbook, for finance staff who work in Excel.
//!
//! One sheet per table (named by the table), the first with the title, the stamp and
//! the headline above its table and the footnote below, the others with the stamp
//! (a provisional evaluation) above theirs; lists (notes, what is to
//! fill, what to review) on a sheet of their own. Figures are Excel numbers with a
//! number format by their type (万元 `#,##0.00`, rates `0.00%`, points and percentage
//! points `0.00`, counts with their unit as a format), so that they can be summed,
//! sorted and charted: an adjusted score is the number, with the rule's score in its
//! own column, and a SUM over a block's scores gives its subtotal. Words stay text.
//! Subtotal and total rows are bold and kept out of the autofilter range.
//!
//! Nothing is computed here: a cell's number is the document's figure, rounded as
//! every other format rounds it ([`Value::number`]), and only then turned into
//! Excel's binary number, in `excel_number`.
//!
//! The output is deterministic: the workbook's creation time (which the writer would
//! otherwise take from the clock) is the first day of the as-of month, and the zip
//! entries carry the writer's fixed timestamp, so the same report gives the same bytes.

use attain_core::progress::Light;
use attain_core::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};

pub use rust_xlsxwriter::XlsxError;

use crate::doc::{Block, Cell, Document, Slot, Style, Table, Value};
use crate::lang::Lang;
use crate::terminal::width;

/// Excel's format for amounts (万元).
pub const AMOUNT_FORMAT: &str = "#,##0.00";
/// Excel's format for rates held as fractions: 0.412 shows as 41.20%.
pub const RATE_FORMAT: &str = "0.00%";
/// Points of a score or weight, and percentage points.
pub const POINTS_FORMAT: &str = "0.00";
/// Actual ÷ expected, one decimal as in the other formats.
const RATIO_FORMAT: &str = "0.0%";

/// The row of the first table's header on the first sheet (title, stamp and
/// headline above it): 3, or 4 with a stamp.
pub const EXECUTION_HEADER_ROW: u32 = 3;

/// Widest column, in characters (longer text wraps).
const MAX_WIDTH: usize = 40;

/// The one place where an exact decimal becomes a binary float: the value of an
/// Excel number cell. `d` is already rounded for display (at most 4 decimals), so
/// for report-sized figures the result is the double nearest to `d`, which Excel
/// shows as exactly `d`. Decimals never come back from here into a computation.
fn excel_number(d: Decimal) -> f64 {
    // A Decimal always has an f64 approximation; `None` cannot happen.
    d.to_f64().unwrap_or_default()
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

/// The number format of a value.
fn num_format(v: &Value) -> Option<String> {
    Some(match v {
        Value::Amount(_) | Value::SignedAmount(_) => AMOUNT_FORMAT.into(),
        Value::Rate(_) => RATE_FORMAT.into(),
        Value::PercentagePoints(_) | Value::Points(_) => POINTS_FORMAT.into(),
        Value::Ratio(_) => RATIO_FORMAT.into(),
        Value::Count { unit, .. } | Value::CountDelta { unit, .. } if unit.is_empty() => {
            "General".into()
        }
        Value::Count { unit, .. } | Value::CountDelta { unit, .. } => {
            format!("General\"{}\"", unit.replace('"', ""))
        }
        _ => return None,
    })
}

/// The format of a data cell.
fn cell_format(c: &Cell, style: Style) -> Format {
    let f = Format::new().set_align(FormatAlign::VerticalCenter);
    let f = match (&c.value, num_format(&c.value)) {
        (_, Some(nf)) => f.set_num_format(nf),
        (Value::Light(l), _) => {
            let f = f.set_align(FormatAlign::Center);
            match light_fill(*l) {
                Some(c) => f.set_background_color(c),
                None => f,
            }
        }
        _ if c.indent > 0 => f.set_text_wrap().set_indent(c.indent),
        _ => f.set_text_wrap(),
    };
    match style {
        Style::Total | Style::Subtotal => f.set_bold().set_border_top(FormatBorder::Thin),
        Style::Note => f.set_italic(),
        Style::Body => f,
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

/// Roughly what Excel shows, for column widths.
fn shown_width(c: &Cell, lang: Lang) -> usize {
    if c.span > 1 || c.row_span > 1 {
        return 0;
    }
    let s = c.display(lang);
    width(&s) + 2 * usize::from(c.indent)
}

/// Column widths in Excel's units: the widest cell, the header wrapped to at most two
/// lines, within 6 and [`MAX_WIDTH`] terminal columns, a tenth more for CJK glyphs,
/// plus a margin.
fn widths(t: &Table, lang: Lang) -> Vec<usize> {
    t.columns
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let cells = super::flat(t)
                .iter()
                .filter_map(|r| r.get(i).map(|c| shown_width(c, lang)))
                .max()
                .unwrap_or(0);
            let header = width(&h.head).div_ceil(2);
            (cells.max(header).clamp(6, MAX_WIDTH) * 11).div_ceil(10) + 2
        })
        .collect()
}

fn col(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

/// A column width in Excel's units (about one digit of the default font).
fn excel_width(chars: usize) -> f64 {
    f64::from(u32::try_from(chars).unwrap_or(u32::MAX))
}

/// A row height in points.
fn points(pt: usize) -> f64 {
    f64::from(u32::try_from(pt).unwrap_or(409).min(409))
}

fn write_cell(
    ws: &mut Worksheet,
    row: u32,
    c: u16,
    cell: &Cell,
    style: Style,
    lang: Lang,
) -> Result<(), XlsxError> {
    let f = cell_format(cell, style);
    if cell.span > 1 || cell.row_span > 1 {
        // Merge first, then write the value (a number stays a number).
        let last_col = c.saturating_add(cell.span - 1);
        let last_row = row.saturating_add(u32::from(cell.row_span) - 1);
        ws.merge_range(row, c, last_row, last_col, "", &f)?;
    }
    if let Some(d) = cell.value.number() {
        ws.write_number_with_format(row, c, excel_number(d), &f)?;
        return Ok(());
    }
    match &cell.value {
        Value::Empty => ws.write_blank(row, c, &f)?,
        v => ws.write_string_with_format(row, c, v.display(lang), &f)?,
    };
    Ok(())
}

/// Write a table with its header at `top`; returns the row after the table.
fn write_table(ws: &mut Worksheet, t: &Table, top: u32, lang: Lang) -> Result<u32, XlsxError> {
    let widths = widths(t, lang);
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(col(c), excel_width(*w))?;
    }
    let hf = header_format();
    for (c, h) in t.columns.iter().enumerate() {
        ws.write_string_with_format(top, col(c), &h.head, &hf)?;
    }
    let lines = t
        .columns
        .iter()
        .zip(&widths)
        .map(|(h, w)| width(&h.head).div_ceil(w.saturating_sub(2).max(1)))
        .max()
        .unwrap_or(1)
        .max(1);
    ws.set_row_height(top, points(15 * lines))?;
    let mut row = top;
    let mut filtered_to = top;
    for (r, slots) in t.rows.iter().zip(t.grid()) {
        row += 1;
        if r.style == Style::Body {
            filtered_to = row;
        }
        for (c, slot) in slots.iter().enumerate() {
            if let Slot::Start(cell) = slot {
                write_cell(ws, row, col(c), cell, r.style, lang)?;
            }
        }
    }
    let last_col = col(t.columns.len().saturating_sub(1));
    ws.autofilter(top, 0, filtered_to, last_col)?;
    ws.set_freeze_panes(top + 1, t.frozen)?;
    ws.set_repeat_rows(top, top)?;
    Ok(row + 1)
}

/// A paragraph merged across the columns of `widths`, wrapped, with a row height for
/// the lines it needs (Excel does not size merged rows itself).
fn paragraph(
    ws: &mut Worksheet,
    row: u32,
    text: &str,
    widths: &[usize],
    f: &Format,
) -> Result<(), XlsxError> {
    let last = col(widths.len().saturating_sub(1));
    ws.merge_range(row, 0, row, last, text, f)?;
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

/// Excel allows 31 characters in a sheet name and no `[]:*?/\`.
fn sheet_name(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect()
}

/// The document as workbook bytes.
pub fn write(d: &Document) -> Result<Vec<u8>, XlsxError> {
    let lang = d.lang;
    let mut wb = Workbook::new();
    // Not the clock: the first day of the as-of month.
    let created = ExcelDateTime::from_ymd(d.as_of.year(), d.as_of.number(), 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(&d.title)
            .set_company(&d.unit)
            .set_creation_datetime(&created),
    );
    let para = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Left)
        .set_align(FormatAlign::Top);
    let mut first = true;
    for s in &d.sections {
        for b in &s.blocks {
            let Block::Table(t) = b else { continue };
            let ws = wb.add_worksheet();
            ws.set_name(sheet_name(&t.name))?;
            if first {
                let w = widths(t, lang);
                ws.write_string_with_format(
                    0,
                    0,
                    &d.title,
                    &Format::new().set_bold().set_font_size(14),
                )?;
                ws.set_row_height(0, 22)?;
                let mut top = 1;
                if let Some(stamp) = &d.stamp {
                    paragraph(ws, top, stamp, &w, &para.clone().set_bold())?;
                    top += 1;
                }
                paragraph(ws, top, &d.headline, &w, &para)?;
                let mut next = write_table(ws, t, top + 2, lang)?;
                for b in &s.blocks {
                    if let Block::Paragraph { text, .. } = b {
                        paragraph(ws, next, text, &w, &para)?;
                        next += 1;
                    }
                }
                paragraph(ws, next + 1, &d.footnote, &w, &para)?;
                first = false;
            } else if let Some(stamp) = &d.stamp {
                // Every sheet says the figures are provisional.
                let w = widths(t, lang);
                paragraph(ws, 0, stamp, &w, &para.clone().set_bold())?;
                write_table(ws, t, 2, lang)?;
            } else {
                write_table(ws, t, 0, lang)?;
            }
            print_setup(ws, lang);
        }
    }
    for s in &d.sections {
        for b in &s.blocks {
            let Block::List { items, .. } = b else {
                continue;
            };
            let ws = wb.add_worksheet();
            ws.set_name(sheet_name(&s.heading))?;
            ws.set_column_width(0, excel_width(MAX_WIDTH * 2))?;
            let top = match &d.stamp {
                Some(stamp) => {
                    ws.write_string_with_format(0, 0, stamp, &para.clone().set_bold())?;
                    2
                }
                None => 0,
            };
            ws.write_string_with_format(top, 0, &s.heading, &header_format())?;
            for (k, i) in items.iter().enumerate() {
                let row = top.saturating_add(u32::try_from(k + 1).unwrap_or(u32::MAX));
                ws.write_string_with_format(row, 0, i, &Format::new().set_text_wrap())?;
            }
            print_setup(ws, lang);
        }
    }
    wb.save_to_buffer()
}
