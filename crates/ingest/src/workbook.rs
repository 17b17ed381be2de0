//! Reading Excel workbooks (`.xlsx`, `.xlsm`) within limits checked before anything
//! large is allocated: the file's size, every part's declared uncompressed size (a
//! 1.5 MB file can hold a 1.5 GB shared string), the number of cells and how far
//! right a cell lies. Cells are streamed into sparse rows, so a sheet with cells at A1
//! and XFD1048576 costs two cells, not a dense range of 17 billion.

use std::io::Cursor;
use std::path::Path;

use crate::cells::{clean, Cell, Row};
use crate::diag::{Diagnostic, Msg};
use crate::text;
use attain_core::msg::workbook as msg;

/// The most one part of a workbook (a sheet's XML, the shared strings) may hold
/// uncompressed.
pub const MAX_PART_BYTES: u64 = 128 * 1024 * 1024;
/// The most all parts of a workbook together may hold uncompressed.
pub const MAX_UNCOMPRESSED_BYTES: u64 = 256 * 1024 * 1024;
/// The most cells with content a workbook may have (all sheets).
pub const MAX_CELLS: usize = 4_000_000;
/// The rightmost column a cell may be in (1-based: 256 is IV).
pub const MAX_COLUMNS: u32 = 256;

/// One sheet with content: its name, the 0-based column of its leftmost cell, and
/// its rows with content (a row's `line` is its spreadsheet row number; its source
/// shows the cells separated by tabs, a cell's `column` is its character column in
/// that line, so that the caret lands under it).
#[derive(Debug, Clone)]
pub struct SheetRows {
    pub name: String,
    pub col0: usize,
    pub rows: Vec<Row>,
}

fn bad(path: &Path, e: impl std::fmt::Display) -> Diagnostic {
    bad_in(path, e, None)
}

/// A reader's error, in the sheet `sheet` when it is about one.
fn bad_in(path: &Path, e: impl std::fmt::Display, sheet: Option<&str>) -> Diagnostic {
    let e = e.to_string();
    // The zip reader stops a part that inflates beyond its declared size.
    if e.contains("larger than its declared uncompressed size") {
        return Diagnostic::error(msg::damaged())
            .in_file(path)
            .help(msg::damaged_help());
    }
    let error = match sheet {
        Some(name) => msg::sheet_error(name, Msg::verbatim(e)),
        None => Msg::verbatim(e),
    };
    Diagnostic::error(msg::unreadable(error))
        .in_file(path)
        .help(msg::unreadable_help())
}

fn mib(n: u64) -> u64 {
    n / (1024 * 1024)
}

/// Check the parts' declared sizes before a reader inflates them.
fn check_parts(bytes: &[u8], path: &Path) -> Result<(), Diagnostic> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| bad(path, e))?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(|e| bad(path, e))?;
        let size = part.size();
        total = total.saturating_add(size);
        let name = String::from_utf8_lossy(part.name_raw()).into_owned();
        if size > MAX_PART_BYTES {
            let what = if name.contains("sharedStrings") {
                msg::shared_strings()
            } else {
                msg::part(&name)
            };
            return Err(
                Diagnostic::error(msg::part_too_big(what, mib(size), mib(MAX_PART_BYTES)))
                    .in_file(path)
                    .help(msg::part_too_big_help()),
            );
        }
    }
    if total > MAX_UNCOMPRESSED_BYTES {
        return Err(
            Diagnostic::error(msg::too_big(mib(total), mib(MAX_UNCOMPRESSED_BYTES)))
                .in_file(path)
                .help(msg::split_help()),
        );
    }
    check_shared_string_count(&mut zip, path)
}

/// The shared strings' declared `uniqueCount`: the reader reserves room for that many
/// strings before reading one, so a few bytes could ask for terabytes. Refused above
/// [`MAX_CELLS`] (more strings than attain reads cells).
fn check_shared_string_count(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    path: &Path,
) -> Result<(), Diagnostic> {
    use std::io::Read;
    for i in 0..zip.len() {
        let is_strings = zip
            .by_index_raw(i)
            .is_ok_and(|p| String::from_utf8_lossy(p.name_raw()).contains("sharedStrings"));
        if !is_strings {
            continue;
        }
        // A part that cannot be opened is reported by the reader, as before.
        let Ok(mut part) = zip.by_index(i) else {
            continue;
        };
        // The count is an attribute of the first element: the start of the part.
        let mut head = Vec::new();
        let _ = part.by_ref().take(4096).read_to_end(&mut head);
        let head = String::from_utf8_lossy(&head);
        let Some(at) = head.find("uniqueCount=\"") else {
            continue;
        };
        let digits: String = head[at + 13..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let count = digits.parse::<u128>().unwrap_or(u128::MAX);
        if !digits.is_empty() && count > MAX_CELLS as u128 {
            return Err(
                Diagnostic::error(msg::too_many_shared_strings(&digits, MAX_CELLS))
                    .in_file(path)
                    .help(msg::not_a_workbook_help()),
            );
        }
    }
    Ok(())
}

/// Spreadsheet column letters for a 0-based index: 0 → A, 27 → AB.
pub fn column_letters(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// A cell's value as text. Excel stores numbers as binary floats; its shortest text
/// is the number as typed (0.1 stays 0.1), so go through that, never f64 maths.
fn cell_text(c: &calamine::DataRef<'_>) -> String {
    use calamine::DataRef as D;
    match c {
        D::Empty => String::new(),
        D::SharedString(s) => s.to_string(),
        D::Float(f) => excel_number(*f),
        D::Int(i) => i.to_string(),
        D::Bool(b) => b.to_string(),
        // A month typed into Excel becomes a date: keep its year and month.
        D::DateTime(d) if d.is_datetime() => {
            let (y, m, ..) = d.to_ymd_hms_milli();
            format!("{y:04}-{m:02}")
        }
        D::DateTime(d) => d.to_string(),
        D::DateTimeIso(s) => s.get(..7).unwrap_or(s).to_string(),
        D::DurationIso(s) | D::String(s) => s.clone(),
        D::Error(e) => format!("#{e:?}"),
    }
}

/// A number cell as Excel shows it: Excel keeps 15 significant digits, so the binary
/// rounding of a formula (`=1.1+2.2` stores 3.3000000000000003) is cut off as in
/// Excel's own display. The float is only formatted, never computed with.
fn excel_number(f: f64) -> String {
    let shortest = format!("{f}");
    let sci = format!("{f:.14e}");
    match attain_core::Decimal::from_scientific(&sci) {
        Ok(d) if f.is_finite() => {
            let d = d.normalize();
            // Keep the shortest text when it is already within 15 digits.
            if shortest.trim_start_matches(['-', '0', '.']).len() <= 16 {
                shortest
            } else {
                d.to_string()
            }
        }
        _ => shortest,
    }
}

/// Every sheet of the workbook at `path` that has a cell with content, in the
/// workbook's order, within the limits above.
pub fn read_sheets(path: &Path) -> Result<Vec<SheetRows>, Diagnostic> {
    read_sheets_bytes(text::read_bytes(path)?, path)
}

/// [`read_sheets`] on a workbook's bytes in memory; `path` names it in diagnostics.
pub fn read_sheets_bytes(bytes: Vec<u8>, path: &Path) -> Result<Vec<SheetRows>, Diagnostic> {
    use calamine::{Reader, Xlsx};
    if !bytes.starts_with(b"PK\x03\x04") {
        let looks_text = text::decode(&bytes, path).is_ok();
        let (message, help) = if looks_text {
            (msg::text_named_workbook(), msg::text_named_workbook_help())
        } else {
            (msg::not_a_workbook(), msg::not_a_workbook_help())
        };
        return Err(Diagnostic::error(message).in_file(path).help(help));
    }
    check_parts(&bytes, path)?;
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| bad(path, e))?;
    let mut out = Vec::new();
    let mut cells_seen = 0usize;
    for name in wb.sheet_names() {
        let mut reader = wb
            .worksheet_cells_reader(&name)
            .map_err(|e| bad_in(path, e, Some(&name)))?;
        // Sparse: (row, column, text) of the cells with content.
        let mut cells: Vec<(u32, u32, String)> = Vec::new();
        while let Some(c) = reader
            .next_cell()
            .map_err(|e| bad_in(path, e, Some(&name)))?
        {
            let text = cell_text(c.get_value());
            if text.is_empty() {
                continue;
            }
            let (r, col) = c.get_position();
            if col >= MAX_COLUMNS {
                let cell = format!("{}{}", column_letters(col as usize), u64::from(r) + 1);
                return Err(Diagnostic::error(msg::cell_too_far_right(
                    &name,
                    cell,
                    column_letters(MAX_COLUMNS as usize - 1),
                    MAX_COLUMNS,
                ))
                .in_file(path)
                .place(msg::at_sheet(&name))
                .help(msg::cell_too_far_right_help()));
            }
            cells_seen += 1;
            if cells_seen > MAX_CELLS {
                return Err(Diagnostic::error(msg::too_many_cells(MAX_CELLS, &name))
                    .in_file(path)
                    .place(msg::at_sheet(&name))
                    .help(msg::split_help()));
            }
            cells.push((r, col, text));
        }
        if cells.is_empty() {
            continue;
        }
        cells.sort_by_key(|&(r, c, _)| (r, c));
        let col0 = cells.iter().map(|&(_, c, _)| c).min().unwrap_or(0);
        let mut rows: Vec<Row> = Vec::new();
        let mut i = 0;
        while i < cells.len() {
            let r = cells[i].0;
            let end = cells[i..]
                .iter()
                .position(|&(rr, _, _)| rr != r)
                .map_or(cells.len(), |n| i + n);
            let last = cells[end - 1].1;
            let mut texts = vec![String::new(); (last - col0 + 1) as usize];
            for (_, c, t) in cells[i..end].iter_mut() {
                texts[(*c - col0) as usize] = std::mem::take(t);
            }
            rows.push(row_of(u64::from(r) as usize + 1, &texts));
            i = end;
        }
        out.push(SheetRows {
            name,
            col0: col0 as usize,
            rows,
        });
    }
    Ok(out)
}

/// A row from its cells' texts, shown separated by tabs.
fn row_of(line: usize, texts: &[String]) -> Row {
    // A sheet row is one line however many line breaks its cells hold: they are
    // shown as ↵ (one character for one, so that the cells' columns stay right).
    let source = texts.join("\t").replace('\n', "↵");
    let mut column = 1;
    let cells = texts
        .iter()
        .map(|t| {
            let c = Cell {
                text: clean(t),
                raw: t.to_string(),
                column,
            };
            column += t.chars().count() + 1;
            c
        })
        .collect();
    Row {
        line,
        source,
        cells,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_numbers_read_as_excel_shows_them() {
        assert_eq!(excel_number(3.300_000_000_000_000_3), "3.3");
        assert_eq!(excel_number(0.1), "0.1");
        assert_eq!(excel_number(592.56), "592.56");
        assert_eq!(excel_number(48.0), "48");
        assert_eq!(excel_number(-0.300_000_000_000_000_04), "-0.3");
        assert_eq!(excel_number(123456789012345.0), "123456789012345");
    }

    #[test]
    fn letters() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(16383), "XFD");
    }
}
