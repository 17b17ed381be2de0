//! CSV files with a header: `Column` schemas (an English key and the Chinese headers
//! also accepted), `CsvTable` (a file in any encoding, its header mapped to keys, every
//! cell outside the header's columns an error) and the cell readers shared by every
//! CSV reader of the unit folder.

use std::collections::BTreeMap;
use std::path::Path;

use attain_core::Decimal;

use crate::cells::{csv_rows, Cell, Row};
use crate::diag::{Diagnostic, Diagnostics};
use crate::text;

/// A column of a CSV file: its English key and the Chinese headers also accepted.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub key: &'static str,
    pub zh: &'static [&'static str],
    pub required: bool,
}

/// Map the header row of a CSV file to column keys. Errors name the unknown or
/// missing column.
pub fn map_header(
    row: &Row,
    columns: &[Column],
    path: &Path,
) -> Result<BTreeMap<&'static str, usize>, Diagnostic> {
    let mut map = BTreeMap::new();
    for (i, cell) in row.cells.iter().enumerate() {
        let h = cell.text.trim().trim_start_matches('\u{feff}');
        if h.is_empty() {
            continue;
        }
        let found = columns
            .iter()
            .find(|c| c.key.eq_ignore_ascii_case(h) || c.zh.contains(&h));
        match found {
            Some(c) if map.contains_key(c.key) => {
                return Err(row
                    .point(
                        path,
                        Diagnostic::error(format!("column `{h}` appears twice in the header")),
                        cell,
                        "",
                    )
                    .help("delete one of the two columns"));
            }
            Some(c) => {
                map.insert(c.key, i);
            }
            None => {
                let known = columns
                    .iter()
                    .map(|c| format!("{} ({})", c.key, c.zh[0]))
                    .collect::<Vec<_>>()
                    .join(", ");
                return Err(row
                    .point(
                        path,
                        Diagnostic::error(format!("unknown column `{h}`")),
                        cell,
                        "",
                    )
                    .help(format!("the columns are: {known}")));
            }
        }
    }
    for c in columns.iter().filter(|c| c.required) {
        if !map.contains_key(c.key) {
            return Err(row
                .point_row(
                    path,
                    Diagnostic::error(format!(
                        "the header has no `{}` ({}) column",
                        c.key, c.zh[0]
                    )),
                )
                .help("add the column; the first line of the file names the columns"));
        }
    }
    Ok(map)
}

/// A CSV file whose header has been mapped to column keys.
#[derive(Debug, Clone)]
pub struct CsvTable {
    pub header: Row,
    /// The data rows (blank lines dropped), in file order.
    pub rows: Vec<Row>,
    pub map: BTreeMap<&'static str, usize>,
}

impl CsvTable {
    /// Read `path` (any supported encoding) and map its header to `columns`. An empty
    /// file, an unknown or duplicated column, or a missing required one is an error.
    /// A row with a non-empty cell outside the header's columns (a comma in free
    /// text) is an error in `diags` and is left out of `rows`.
    pub fn read(
        path: &Path,
        columns: &[Column],
        diags: &mut Diagnostics,
    ) -> Result<CsvTable, Diagnostic> {
        let t = text::read(path)?;
        let mut rows = csv_rows(&t.content, path)?
            .into_iter()
            .filter(|r| !r.is_blank());
        let Some(header) = rows.next() else {
            return Err(Diagnostic::error("the file is empty")
                .in_file(path)
                .help("the first line must name the columns"));
        };
        let map = map_header(&header, columns, path)?;
        let rows = rows
            .filter(|row| match stray_cell(row, &header, &map, path, true) {
                Some(d) => {
                    diags.push(d);
                    false
                }
                None => true,
            })
            .collect();
        Ok(CsvTable { header, rows, map })
    }

    /// The cell of `row` in column `key`, if the row reaches it.
    pub fn cell<'r>(&self, row: &'r Row, key: &str) -> Option<&'r Cell> {
        cell(row, &self.map, key)
    }

    /// Read `path` if it exists: `None` when it does not, or cannot be read (the
    /// reason is then in `diags`).
    pub fn read_optional(
        path: &Path,
        columns: &[Column],
        diags: &mut Diagnostics,
    ) -> Option<CsvTable> {
        if !path.exists() {
            return None;
        }
        CsvTable::read(path, columns, diags)
            .map_err(|d| diags.push(d))
            .ok()
    }

    /// The cells of `row` in the columns `keys`, or an error saying the row is shorter
    /// than the header and what it needs.
    pub fn required<'r, const N: usize>(
        &self,
        row: &'r Row,
        keys: [&str; N],
        path: &Path,
    ) -> Result<[&'r Cell; N], Diagnostic> {
        let cells: Vec<&Cell> = keys.iter().filter_map(|k| self.cell(row, k)).collect();
        <[&Cell; N]>::try_from(cells).map_err(|_| {
            row.point_row(
                path,
                Diagnostic::error("this row is shorter than the header"),
            )
            .help(format!("each row needs {}", keys.join(", ")))
        })
    }

    /// The text of `row` in column `key` (empty when absent).
    pub fn text(&self, row: &Row, key: &str) -> String {
        text_of(row, &self.map, key)
    }
}

/// The first non-empty cell of `row` that no header column reads, as an error
/// pointing at it: a cell beyond the header's last column (in a CSV file most often
/// a half-width comma in free text, which splits the text in two) or under an empty
/// header cell. Such a cell would otherwise be dropped without a word. `csv` says
/// whether the row comes from CSV text (then the help is about commas and quotes).
pub fn stray_cell(
    row: &Row,
    header: &Row,
    map: &BTreeMap<&'static str, usize>,
    path: &Path,
    csv: bool,
) -> Option<Diagnostic> {
    let (i, cell) = row
        .cells
        .iter()
        .enumerate()
        .find(|(i, c)| !c.is_empty() && !map.values().any(|m| m == i))?;
    let named = header.trimmed();
    let d = if i >= named.len() {
        let last = named
            .last()
            .map_or("", |c| c.text.trim_start_matches('\u{feff}'));
        let msg = format!(
            "this row has {} cells but the header has {}",
            row.trimmed().len(),
            named.len()
        );
        if csv {
            row.point(
                path,
                Diagnostic::error(format!("{msg}: a comma inside the {last}?")),
                cell,
                "",
            )
            .help("put the text in double quotes, or use the full-width ，; write numbers without thousands separators")
        } else {
            row.point(path, Diagnostic::error(msg), cell, "")
                .help("name the column in the header row, or move the value into a named column")
        }
    } else {
        row.point(
            path,
            Diagnostic::error("this cell is in a column without a header, so it would not be read"),
            cell,
            "",
        )
        .help("name the column in the header row, or move the value into a named column")
    };
    Some(d)
}

pub(crate) fn cell<'r>(row: &'r Row, map: &BTreeMap<&str, usize>, key: &str) -> Option<&'r Cell> {
    map.get(key).and_then(|&i| row.cells.get(i))
}

pub(crate) fn text_of(row: &Row, map: &BTreeMap<&str, usize>, key: &str) -> String {
    cell(row, map, key)
        .map(|c| c.text.clone())
        .unwrap_or_default()
}

/// A month in the unit's year, from a cell's text; the error message and its help.
pub fn month_in_year(
    text: &str,
    year: u16,
) -> Result<attain_core::Month, (String, Option<String>)> {
    match text.parse::<attain_core::Month>() {
        Ok(m) if m.year() == year => Ok(m),
        Ok(m) => Err((
            format!("month {m} is outside the target year {year}"),
            Some(format!(
                "this unit folder is for {year}; move other years' figures to that year's unit folder"
            )),
        )),
        Err(e) => Err((e.to_string(), None)),
    }
}

/// Parse a decimal cell; the error points at the cell.
pub fn decimal_cell(
    row: &Row,
    map: &BTreeMap<&str, usize>,
    key: &str,
    path: &Path,
    what: &str,
) -> Result<Decimal, Diagnostic> {
    let Some(c) = cell(row, map, key) else {
        return Err(row
            .point_row(
                path,
                Diagnostic::error(format!("this row has no {what} ({key}) cell")),
            )
            .help("the row is shorter than the header: fill in the missing cells"));
    };
    let t = c.text.trim();
    attain_core::target::parse_decimal(t).ok_or_else(|| {
        row.point(
            path,
            Diagnostic::error(format!("{what} `{t}` is not a number")),
            c,
            "",
        )
        .column_name(key)
        .help("write a plain decimal number such as 592.56, without units or thousands separators")
    })
}
