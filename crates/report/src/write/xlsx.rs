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

use crate::text::excel_cell;
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
/// Excel's format for rates and 完成度 held as fractions: 0.412 shows as 41.20%
/// (as many decimals as `fmt::PERCENT_DP`, checked by a test).
pub const RATE_FORMAT: &str = "0.00%";
/// Points of a score or weight, and percentage points.
pub const POINTS_FORMAT: &str = "0.00";

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
        Value::Rate(_) | Value::Ratio(_) => RATE_FORMAT.into(),
        Value::PercentagePoints(_) | Value::Points(_) => POINTS_FORMAT.into(),
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
        // A marked figure shows its mark through the number format: still a number.
        (_, Some(nf)) => match &c.mark {
            Some(m) => f.set_num_format(format!("{nf}\"{}\"", m.replace('"', ""))),
            None => f.set_num_format(nf),
        },
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
    let f = f.set_border(FormatBorder::Thin);
    match style {
        Style::Total | Style::Subtotal => f.set_bold(),
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
        .set_border(FormatBorder::Thin)
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

/// Where a table's columns go on the sheet: column `i` of the table covers sheet
/// columns `start(i)` to `start(i + 1) − 1`. A table as wide as the sheet maps one to
/// one; a narrower table on a form's sheet is stretched over the sheet's columns.
#[derive(Debug, Clone, Copy)]
struct Layout {
    /// Columns of the table.
    k: usize,
    /// Columns of the sheet (≥ k).
    n: usize,
}

impl Layout {
    fn one_to_one(k: usize) -> Layout {
        Layout { k, n: k }
    }

    /// A table at least half as wide as the sheet gives the extra columns to its
    /// first column (the row labels: 资金来源 over 一级 and 二级指标); a narrower one
    /// (预期目标 | 实际完成情况) shares the sheet evenly.
    fn start(self, i: usize) -> u16 {
        let k = self.k.max(1);
        if i == 0 {
            0
        } else if 2 * k >= self.n {
            col(i + self.n - k)
        } else {
            col(i * self.n / k)
        }
    }

    /// The first and last sheet column of `span` table columns from column `i`.
    fn range(self, i: usize, span: usize) -> (u16, u16) {
        (self.start(i), self.start(i + span).saturating_sub(1))
    }
}

/// Write a cell over the sheet columns `first..=last` and rows `row..=last_row`.
#[allow(clippy::too_many_arguments)]
fn write_cell_at(
    ws: &mut Worksheet,
    row: u32,
    last_row: u32,
    first: u16,
    last: u16,
    cell: &Cell,
    style: Style,
    lang: Lang,
) -> Result<(), XlsxError> {
    let f = cell_format(cell, style);
    if last > first || last_row > row {
        // Merge first, then write the value (a number stays a number).
        ws.merge_range(row, first, last_row, last, "", &f)?;
    }
    if let Some(d) = cell.value.number() {
        ws.write_number_with_format(row, first, excel_number(d), &f)?;
        return Ok(());
    }
    match &cell.value {
        Value::Empty => ws.write_blank(row, first, &f)?,
        // A text longer than a cell holds is cut with a visible mark (the other
        // formats keep it whole), never failing the workbook.
        v => ws.write_string_with_format(
            row,
            first,
            excel_cell(&format!("{}{}", v.display(lang), cell.mark_text())).as_ref(),
            &f,
        )?,
    };
    Ok(())
}

/// Write a table's header (one row, or two with header groups) and rows at `top`,
/// laid out by `at`; returns (the last header row, the row after the table). `sheet`
/// widths size the rows of stretched, wrapped text (Excel does not size merged rows).
fn write_rows(
    ws: &mut Worksheet,
    t: &Table,
    top: u32,
    at: Layout,
    sheet: &[usize],
    lang: Lang,
) -> Result<(u32, u32), XlsxError> {
    let hf = header_format();
    let head_rows = if t.has_groups() { 2 } else { 1 };
    let width_of = |first: u16, last: u16| -> usize {
        (usize::from(first)..=usize::from(last))
            .map(|c| sheet.get(c).copied().unwrap_or(10).saturating_sub(2))
            .sum::<usize>()
            .max(1)
    };
    let mut head_lines = 1;
    if t.has_groups() {
        for (group, first, n) in t.header_runs() {
            let (a, b) = at.range(first, n);
            match group {
                Some(g) => {
                    merge_or_write(ws, top, top, a, b, g, &hf)?;
                    for (i, c) in t.columns.iter().enumerate().skip(first).take(n) {
                        let (a, b) = at.range(i, 1);
                        merge_or_write(ws, top + 1, top + 1, a, b, &c.head, &hf)?;
                        head_lines = head_lines.max(width(&c.head).div_ceil(width_of(a, b)));
                    }
                }
                None => {
                    let h = &t.columns[first].head;
                    merge_or_write(ws, top, top + 1, a, b, h, &hf)?;
                }
            }
        }
    } else {
        for (i, c) in t.columns.iter().enumerate() {
            let (a, b) = at.range(i, 1);
            merge_or_write(ws, top, top, a, b, &c.head, &hf)?;
            head_lines = head_lines.max(width(&c.head).div_ceil(width_of(a, b)));
        }
    }
    let last_head = top + head_rows - 1;
    ws.set_row_height(last_head, points(15 * head_lines.max(1)))?;
    let mut row = last_head;
    for (r, slots) in t.rows.iter().zip(t.grid()) {
        row += 1;
        let mut lines = 1;
        for (c, slot) in slots.iter().enumerate() {
            if let Slot::Start(cell) = slot {
                let (a, b) = at.range(c, usize::from(cell.span));
                let last_row = row + u32::from(cell.row_span) - 1;
                write_cell_at(ws, row, last_row, a, b, cell, r.style, lang)?;
                // Wrapped text needs its lines (Excel and LibreOffice do not size a
                // row with merged cells, nor always one that was written).
                if cell.row_span == 1 && cell.value.number().is_none() {
                    lines = lines.max(width(&cell.value.display(lang)).div_ceil(width_of(a, b)));
                }
            }
        }
        if lines > 1 {
            ws.set_row_height(row, points(15 * lines + 3))?;
        }
    }
    Ok((last_head, row + 1))
}

fn merge_or_write(
    ws: &mut Worksheet,
    row: u32,
    last_row: u32,
    first: u16,
    last: u16,
    text: &str,
    f: &Format,
) -> Result<(), XlsxError> {
    let text = excel_cell(text);
    if last > first || last_row > row {
        ws.merge_range(row, first, last_row, last, text.as_ref(), f)?;
    } else {
        ws.write_string_with_format(row, first, text.as_ref(), f)?;
    }
    Ok(())
}

/// Write a table with its header at `top` on a sheet of its own; returns the row
/// after the table.
fn write_table(ws: &mut Worksheet, t: &Table, top: u32, lang: Lang) -> Result<u32, XlsxError> {
    let widths = widths(t, lang);
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(col(c), excel_width(*w))?;
    }
    let (head, next) = write_rows(
        ws,
        t,
        top,
        Layout::one_to_one(t.columns.len()),
        &widths,
        lang,
    )?;
    let filtered_to = t
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.style == Style::Body)
        .map(|(k, _)| head + 1 + u32::try_from(k).unwrap_or(0))
        .max()
        .unwrap_or(head);
    let last_col = col(t.columns.len().saturating_sub(1));
    ws.autofilter(head, 0, filtered_to, last_col)?;
    ws.set_freeze_panes(head + 1, t.frozen)?;
    ws.set_repeat_rows(top, head)?;
    Ok(next)
}

/// A form's sheet (DOMAIN.md §8): the title centred over the form, the header fields,
/// the stamp, then each table under its heading, stretched to the widest table's
/// columns, with borders; the widest table's header rows repeat on every printed page.
fn write_form(ws: &mut Worksheet, d: &Document, parts: &[(&str, &Table)]) -> Result<(), XlsxError> {
    let lang = d.lang;
    let widest = parts
        .iter()
        .map(|(_, t)| t.columns.len())
        .max()
        .unwrap_or(1)
        .max(1);
    // Widths from the tables as wide as the sheet.
    let mut w = vec![6usize; widest];
    for (_, t) in parts.iter().filter(|(_, t)| t.columns.len() == widest) {
        for (c, x) in widths(t, lang).into_iter().enumerate() {
            w[c] = w[c].max(x);
        }
    }
    for (c, x) in w.iter().enumerate() {
        ws.set_column_width(col(c), excel_width(*x))?;
    }
    let last = col(widest - 1);
    let title = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    ws.merge_range(0, 0, 0, last, &d.title, &title)?;
    ws.set_row_height(0, 28)?;
    let fields = d.field_texts();
    let para = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Left)
        .set_align(FormatAlign::VerticalCenter);
    paragraph(ws, 1, &fields.join("　　　"), &w, &para)?;
    let mut row = 2;
    if let Some(stamp) = &d.stamp {
        paragraph(ws, row, stamp, &w, &para.clone().set_bold())?;
        row += 1;
    }
    let heading = Format::new()
        .set_bold()
        .set_align(FormatAlign::VerticalCenter);
    let mut repeat = None;
    for (name, t) in parts {
        ws.merge_range(row, 0, row, last, name, &heading)?;
        let at = Layout {
            k: t.columns.len().max(1),
            n: widest,
        };
        let (head, next) = write_rows(ws, t, row + 1, at, &w, lang)?;
        if t.columns.len() == widest {
            repeat = Some((row + 1, head));
        }
        row = next;
    }
    if let Some((a, b)) = repeat {
        ws.set_repeat_rows(a, b)?;
    }
    paragraph(ws, row + 1, &d.headline, &w, &para)?;
    paragraph(ws, row + 2, &d.footnote, &w, &para)?;
    Ok(())
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
    let mut forms: Vec<&str> = Vec::new();
    for s in &d.sections {
        if let Some(sheet) = s.sheet.as_deref() {
            if forms.contains(&sheet) {
                continue;
            }
            forms.push(sheet);
            let parts: Vec<(&str, &Table)> = d
                .sections
                .iter()
                .filter(|x| x.sheet.as_deref() == Some(sheet))
                .flat_map(|x| {
                    x.blocks.iter().filter_map(move |b| match b {
                        Block::Table(t) => Some((x.heading.as_str(), t)),
                        _ => None,
                    })
                })
                .collect();
            let ws = wb.add_worksheet();
            ws.set_name(sheet_name(sheet))?;
            write_form(ws, d, &parts)?;
            print_setup(ws, lang);
            first = false;
            continue;
        }
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
                ws.write_string_with_format(
                    row,
                    0,
                    excel_cell(i).as_ref(),
                    &Format::new().set_text_wrap(),
                )?;
            }
            print_setup(ws, lang);
        }
    }
    wb.save_to_buffer()
}
