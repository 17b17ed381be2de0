//! The official target table from an Excel workbook (`.xlsx`): the sheet becomes the
//! same rows of cells that a pasted table gives, and `table::import_rows` reads them.
//!
//! * The sheet read is the first one holding a `三级指标` cell (the indicator header);
//!   without one, the first sheet with content. Other sheets with content are named
//!   in a note, never read silently.
//! * Merged cells mean "as above", as blank cells do in a pasted table: the cells a
//!   merged region covers below its first row are blank, and the columns it spans
//!   to the right of its first column are one cell, as Word pastes a merged cell.
//! * Every diagnostic names the sheet and the cell (`三级指标, sheet 目标表, cell C24`)
//!   besides the line (the sheet's row) and the column in the row as shown, with the
//!   cells separated by tabs.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Dimensions, Reader, Xlsx};

use crate::actuals::column_letters;
use crate::cells::{clean, Cell, Row};
use crate::diag::{Diagnostic, Failed};
use crate::table::{import_rows, ImportedTable};
use attain_core::msg::import::xlsx as cat;

/// Import the target table from the bytes of an `.xlsx` workbook.
pub fn import(bytes: &[u8], path: &Path, year: Option<u16>) -> Result<ImportedTable, Failed> {
    let sheet = read_sheet(bytes, path)?;
    let place = |d: Diagnostic| sheet.place(d, path);
    match import_rows(&sheet.rows, path, year) {
        Ok(mut t) => {
            t.diagnostics = t
                .diagnostics
                .0
                .drain(..)
                .map(place)
                .chain(sheet.hidden.iter().cloned())
                .collect();
            for other in &sheet.skipped {
                t.diagnostics.push(
                    Diagnostic::note(cat::sheet_not_read(other, &sheet.name))
                        .in_file(path)
                        .help(cat::sheet_not_read_help()),
                );
            }
            Ok(t)
        }
        Err(Failed(d)) => Err(Failed(
            d.0.into_iter()
                .map(place)
                .chain(sheet.hidden.iter().cloned())
                .collect(),
        )),
    }
}

/// The rows of the sheet read, and what is needed to name a cell.
#[derive(Debug)]
struct Sheet {
    name: String,
    rows: Vec<Row>,
    /// Per row (by line): the spreadsheet column (0-based) of each cell of the row.
    columns: BTreeMap<usize, Vec<usize>>,
    /// Other sheets with content.
    skipped: Vec<String>,
    /// Warnings about text under merged cells (not read).
    hidden: Vec<Diagnostic>,
}

impl Sheet {
    /// Add the sheet and the cell (or row) to a diagnostic about this sheet.
    fn place(&self, d: Diagnostic, path: &Path) -> Diagnostic {
        if d.file.as_deref() != Some(path) {
            return d;
        }
        let Some(line) = d.line else {
            return d;
        };
        let at = match (d.column, self.rows.iter().find(|r| r.line == line)) {
            (Some(col), Some(row)) => {
                // The cell the column falls in: the last one starting at or before it.
                let i = row.cells.iter().rposition(|c| c.column <= col).unwrap_or(0);
                match self.columns.get(&line).and_then(|c| c.get(i)) {
                    Some(c) => format!("sheet {}, cell {}{line}", self.name, column_letters(*c)),
                    None => format!("sheet {}, row {line}", self.name),
                }
            }
            _ => format!("sheet {}, row {line}", self.name),
        };
        let name = match &d.column_name {
            Some(c) => format!("{c}, {at}"),
            None => at,
        };
        d.column_name(name)
    }
}

fn cell_text(c: &Data) -> String {
    match c {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        // Excel stores numbers as binary floats; its shortest text is the number as
        // typed (0.1 stays 0.1), so go through that, never f64 maths.
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

fn read_sheet(bytes: &[u8], path: &Path) -> Result<Sheet, Diagnostic> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(Diagnostic::error(cat::old_workbook())
            .in_file(path)
            .help(cat::old_workbook_help()));
    }
    let bad = |e: attain_core::msg::Msg| {
        Diagnostic::error(cat::unreadable(e))
            .in_file(path)
            .help(cat::unreadable_help())
    };
    let mut wb = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| bad(attain_core::msg::Msg::verbatim(e.to_string())))?;
    let mut with_content = Vec::new();
    for name in wb.sheet_names() {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| bad(cat::in_sheet(&name, e)))?;
        if range
            .used_cells()
            .any(|(_, _, c)| !cell_text(c).trim().is_empty())
        {
            with_content.push((name, range));
        }
    }
    let Some(pick) = with_content
        .iter()
        .position(|(_, r)| {
            r.used_cells()
                .any(|(_, _, c)| clean(&cell_text(c)).contains("三级指标"))
        })
        .or(if with_content.is_empty() {
            None
        } else {
            Some(0)
        })
    else {
        return Err(Diagnostic::error(cat::no_sheet_with_content())
            .in_file(path)
            .help(cat::no_sheet_with_content_help()));
    };
    let (name, range) = with_content.swap_remove(pick);
    let merges: Vec<Dimensions> = wb
        .merge_cells_by_sheet_name(&name)
        .map_err(|e| bad(cat::in_sheet(&name, e)))?;
    let mut skipped: Vec<String> = with_content.into_iter().map(|(n, _)| n).collect();
    skipped.sort();
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::new();
    let mut columns = BTreeMap::new();
    let mut hidden = Vec::new();
    for (r, cells) in range.rows().enumerate() {
        let sheet_row = row0 + r as u32;
        let mut texts = Vec::new();
        let mut cols = Vec::new();
        for (k, c) in cells.iter().enumerate() {
            let sheet_col = col0 + k as u32;
            let region = merges.iter().find(|m| {
                (m.start.0..=m.end.0).contains(&sheet_row)
                    && (m.start.1..=m.end.1).contains(&sheet_col)
            });
            let covered = region.is_some_and(|m| (sheet_row, sheet_col) != m.start);
            if covered && !cell_text(c).trim().is_empty() {
                // Excel keeps only the first cell of a merged region; other tools
                // may leave text under it, which Excel does not show.
                hidden.push(
                    Diagnostic::warning(cat::hidden_under_merge(cell_text(c).trim()))
                        .in_file(path)
                        .at_line(sheet_row as usize + 1)
                        .column_name(format!(
                            "sheet {name}, cell {}{}",
                            column_letters(sheet_col as usize),
                            sheet_row + 1
                        ))
                        .help(cat::hidden_under_merge_help()),
                );
            }
            let text = match region {
                // Columns right of a region's first: part of its one cell.
                Some(m) if sheet_col > m.start.1 => continue,
                // Rows below a region's first: as above.
                Some(m) if sheet_row > m.start.0 => String::new(),
                _ => cell_text(c),
            };
            texts.push(text);
            cols.push(sheet_col as usize);
        }
        // A sheet row is one line however many line breaks its cells hold: they are
        // shown as ↵ (one character for one, so that the cells' columns stay right).
        let source = texts.join("\t").replace('\n', "↵");
        let mut column = 1;
        let cells = texts
            .iter()
            .map(|t| {
                let cell = Cell {
                    text: clean(t),
                    raw: t.clone(),
                    column,
                };
                column += t.chars().count() + 1;
                cell
            })
            .collect();
        let line = sheet_row as usize + 1;
        columns.insert(line, cols);
        rows.push(Row {
            line,
            source,
            cells,
        });
    }
    Ok(Sheet {
        name,
        rows,
        columns,
        skipped,
        hidden,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::Workbook;

    fn book(build: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet().set_name("目标表").unwrap();
        build(ws);
        wb.save_to_buffer().unwrap()
    }

    #[test]
    fn merged_cells_read_as_above_and_as_one_cell() {
        let bytes = book(|ws| {
            ws.merge_range(0, 0, 2, 0, "产出指标", &Default::default())
                .unwrap();
            ws.merge_range(0, 1, 0, 2, "数量指标", &Default::default())
                .unwrap();
            ws.write(0, 3, "x").unwrap();
            ws.write(1, 1, "a").unwrap();
            ws.write(2, 3, 3.5).unwrap();
        });
        let s = read_sheet(&bytes, Path::new("t.xlsx")).unwrap();
        let texts: Vec<Vec<&str>> = s
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect())
            .collect();
        assert_eq!(
            texts,
            vec![
                vec!["产出指标", "数量指标", "x"],
                vec!["", "a", "", ""],
                vec!["", "", "", "3.5"],
            ]
        );
        assert_eq!(s.columns[&1], vec![0, 1, 3]);
    }

    #[test]
    fn text_under_a_merged_cell_is_a_warning() {
        let bytes = book(|ws| {
            ws.merge_range(0, 0, 0, 2, "单位名称", &Default::default())
                .unwrap();
            ws.write(0, 2, "藏在下面").unwrap();
        });
        let s = read_sheet(&bytes, Path::new("t.xlsx")).unwrap();
        assert_eq!(s.hidden.len(), 1, "{:?}", s.hidden);
        let d = s.hidden[0].to_string();
        assert!(
            d.contains("the text `藏在下面` is hidden under a merged cell"),
            "{d}"
        );
        assert!(d.contains("(sheet 目标表, cell C1)"), "{d}");
    }

    #[test]
    fn diagnostics_name_sheet_and_cell() {
        let bytes = book(|ws| {
            ws.write(0, 0, "单位名称").unwrap();
            ws.write(0, 1, "某单位").unwrap();
            ws.write(2, 0, "一级指标").unwrap();
            ws.write(2, 1, "二级指标").unwrap();
            ws.write(2, 2, "三级指标").unwrap();
            ws.write(2, 3, "半年指标值").unwrap();
            ws.write(2, 4, "全年指标值").unwrap();
            ws.write(3, 0, "产出指标").unwrap();
            ws.write(3, 1, "数量指标").unwrap();
            ws.write(3, 2, "出访团组个数").unwrap();
            ws.write(3, 3, "≥三个").unwrap();
            ws.write(3, 4, "≥3个").unwrap();
        });
        let e = import(&bytes, Path::new("t.xlsx"), Some(2026)).unwrap_err();
        let d =
            e.0.errors()
                .find(|d| d.line == Some(4))
                .expect("an error on row 4");
        assert!(
            d.column_name
                .as_deref()
                .is_some_and(|c| c.ends_with("sheet 目标表, cell D4")),
            "{d}"
        );
    }

    #[test]
    fn a_broken_workbook_is_an_error() {
        let e = import(b"PK\x03\x04broken", Path::new("t.xlsx"), None).unwrap_err();
        assert!(e.0 .0[0]
            .message
            .en()
            .starts_with("this workbook cannot be read"));
    }
}
