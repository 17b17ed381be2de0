//! CSV files with a header: `Column` schemas (an English key and the Chinese headers
//! also accepted), `CsvTable` (a file in any encoding, its header mapped to keys, every
//! cell outside the header's columns an error) and the cell readers shared by every
//! CSV reader of the unit folder.

use std::collections::BTreeMap;
use std::path::Path;

use attain_core::Decimal;

use crate::cells::{csv_rows, Cell, Row};
use crate::diag::{Diagnostic, Diagnostics, Msg};
use crate::text;
use attain_core::msg::csv as msg;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_error_reads_in_either_language() {
        let path = Path::new("actuals/2026-05.csv");
        let rows = csv_rows("月份,项目,金额单位\n", path).unwrap();
        let d = map_header(&rows[0], crate::actuals::ACTUAL_COLUMNS, path).unwrap_err();
        let zh = d.render(crate::diag::Lang::Zh);
        assert!(zh.starts_with("错误：未知的列“金额单位”\n"), "{zh}");
        assert!(
            zh.contains("= 帮助：可用的列为：月份（month）、日期（date）"),
            "{zh}"
        );
        let en = d.render(crate::diag::Lang::En);
        assert!(en.starts_with("error: unknown column `金额单位`\n"), "{en}");
        assert!(
            en.contains("= help: the columns are: month (月份), date (日期)"),
            "{en}"
        );
        assert_eq!(d.message.key(), "csv.unknown_column");
    }

    #[test]
    fn numbers_that_are_not_read_say_why() {
        let (m, h) = number_problem("3.3000000000000003").unwrap();
        assert!(m.en().contains("binary rounding artefact"), "{m:?}");
        assert!(h.en().contains("ROUND"), "{h:?}");
        assert_eq!(
            m.zh(),
            "“3.3000000000000003”是二进制舍入的残余（电子表格中 1.1+2.2 得 3.3000000000000003），不是照原样填写的数"
        );
        let (m, _) = number_problem("0.30000000000000004").unwrap();
        assert!(m.en().contains("binary rounding artefact"), "{m:?}");
        let (m, _) = number_problem("2.9999999999999996").unwrap();
        assert!(m.en().contains("binary rounding artefact"), "{m:?}");
        let (m, h) = number_problem("1.12345678901").unwrap();
        assert_eq!(
            m.en(),
            "`1.12345678901` has 11 decimals; attain reads at most 10"
        );
        assert_eq!(m.zh(), "“1.12345678901”有 11 位小数；attain 最多读取 10 位");
        assert_eq!(h.en(), "round the figure, e.g. to 1.1234567890");
        assert_eq!(h.zh(), "请对该数取整，例如取为 1.1234567890");
        let (m, _) = number_problem("12345678901234567890123456789012").unwrap();
        assert!(m.en().contains("has 32 digits"), "{m:?}");
        assert_eq!(number_problem("12.5"), None);
        assert_eq!(number_problem("abc"), None);
        assert_eq!(number_problem("."), None);
    }
}

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
                    .point(path, Diagnostic::error(msg::column_twice(h)), cell, "")
                    .help(msg::column_twice_help()));
            }
            Some(c) => {
                map.insert(c.key, i);
            }
            None => {
                let known = attain_core::msg::list(
                    columns.iter().map(|c| msg::column_named(c.key, c.zh[0])),
                );
                return Err(row
                    .point(path, Diagnostic::error(msg::unknown_column(h)), cell, "")
                    .help(msg::the_columns_are(known)));
            }
        }
    }
    for c in columns.iter().filter(|c| c.required) {
        if !map.contains_key(c.key) {
            return Err(row
                .point_row(path, Diagnostic::error(msg::missing_column(c.key, c.zh[0])))
                .help(msg::missing_column_help()));
        }
    }
    Ok(map)
}

/// The warning for an optional CSV file without any content (an actuals file,
/// plan.csv, adjustments.csv, explanations.csv): it is read as no file.
pub fn empty_file(path: &Path) -> Diagnostic {
    use attain_core::msg::actuals;
    Diagnostic::warning(actuals::empty_file())
        .in_file(path)
        .help(actuals::empty_file_help())
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
        CsvTable::from_bytes(&text::read_bytes(path)?, path, columns, diags)
    }

    /// [`CsvTable::read`] on a file's bytes in memory; `path` names it in diagnostics.
    pub fn from_bytes(
        bytes: &[u8],
        path: &Path,
        columns: &[Column],
        diags: &mut Diagnostics,
    ) -> Result<CsvTable, Diagnostic> {
        CsvTable::from_bytes_or_empty(bytes, path, columns, diags)?.ok_or_else(|| {
            Diagnostic::error(msg::empty_file())
                .in_file(path)
                .help(msg::empty_file_help())
        })
    }

    /// As [`CsvTable::read`], with `None` for a file without any non-blank line.
    fn read_or_empty(
        path: &Path,
        columns: &[Column],
        diags: &mut Diagnostics,
    ) -> Result<Option<CsvTable>, Diagnostic> {
        CsvTable::from_bytes_or_empty(&text::read_bytes(path)?, path, columns, diags)
    }

    /// As [`CsvTable::from_bytes`], with `None` for bytes without any non-blank line.
    fn from_bytes_or_empty(
        bytes: &[u8],
        path: &Path,
        columns: &[Column],
        diags: &mut Diagnostics,
    ) -> Result<Option<CsvTable>, Diagnostic> {
        let t = text::decode(bytes, path)?;
        let mut rows = csv_rows(&t.content, path)?
            .into_iter()
            .filter(|r| !r.is_blank());
        let Some(header) = rows.next() else {
            return Ok(None);
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
        Ok(Some(CsvTable { header, rows, map }))
    }

    /// The cell of `row` in column `key`, if the row reaches it.
    pub fn cell<'r>(&self, row: &'r Row, key: &str) -> Option<&'r Cell> {
        cell(row, &self.map, key)
    }

    /// Read `path` if it exists: `None` when it does not, or cannot be read (the
    /// reason is then in `diags`). An optional file that is empty is a warning, as an
    /// empty actuals file is: the same as no file.
    pub fn read_optional(
        path: &Path,
        columns: &[Column],
        diags: &mut Diagnostics,
    ) -> Option<CsvTable> {
        // A link to nothing is there (and refused when read), not absent.
        if std::fs::symlink_metadata(path).is_err() {
            return None;
        }
        match CsvTable::read_or_empty(path, columns, diags) {
            Ok(Some(t)) => Some(t),
            Ok(None) => {
                diags.push(empty_file(path));
                None
            }
            Err(d) => {
                diags.push(d);
                None
            }
        }
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
            row.point_row(path, Diagnostic::error(msg::row_too_short()))
                .help(msg::row_needs(attain_core::msg::list(keys)))
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
/// whether the row comes from CSV text (then the help is about commas and quotes, and
/// a row with more cells than the header is an error even when the extra cells are
/// empty: `2026-05,基本支出,1,234.50,` is a thousands separator, not a note).
pub fn stray_cell(
    row: &Row,
    header: &Row,
    map: &BTreeMap<&'static str, usize>,
    path: &Path,
    csv: bool,
) -> Option<Diagnostic> {
    let named = header.trimmed();
    let last = named
        .last()
        .map_or("", |c| c.text.trim_start_matches('\u{feff}'));
    if csv && row.cells.len() > header.cells.len() {
        let cell = row.cells[header.cells.len()..]
            .iter()
            .find(|c| !c.is_empty())
            .unwrap_or(&row.cells[header.cells.len()]);
        let extra = row.cells.len() - header.cells.len();
        let d = if cell.is_empty() {
            // An empty cell's column is the comma before it.
            let d = Diagnostic::error(msg::trailing_commas(
                row.cells.len(),
                header.cells.len(),
                extra,
            ))
            .in_file(path);
            row.at(d, cell.column, 1).help(msg::trailing_commas_help())
        } else {
            row.point(
                path,
                Diagnostic::error(msg::comma_inside(
                    row.trimmed().len(),
                    header.cells.len(),
                    last,
                )),
                cell,
                "",
            )
            .help(msg::comma_inside_help())
        };
        return Some(d);
    }
    let (i, cell) = row
        .cells
        .iter()
        .enumerate()
        .find(|(i, c)| !c.is_empty() && !map.values().any(|m| m == i))?;
    let d = if i >= named.len() {
        let (cells, header) = (row.trimmed().len(), named.len());
        if csv {
            row.point(
                path,
                Diagnostic::error(msg::comma_inside(cells, header, last)),
                cell,
                "",
            )
            .help(msg::comma_inside_help())
        } else {
            row.point(
                path,
                Diagnostic::error(msg::row_longer(cells, header)),
                cell,
                "",
            )
            .help(msg::name_the_column_help())
        }
    } else {
        row.point(
            path,
            Diagnostic::error(msg::cell_without_header()),
            cell,
            "",
        )
        .help(msg::name_the_column_help())
    };
    Some(d)
}

/// A number split in two by an unquoted thousands separator: `1,234.50` read as the
/// cells `1` and `234.50`. `value` and `next` are adjacent cells of a CSV row; the
/// error points at the pair.
pub fn split_number(row: &Row, value: &Cell, next: &Cell, path: &Path) -> Option<Diagnostic> {
    let short = |t: &str| {
        let d = t.strip_prefix(['-', '+']).unwrap_or(t);
        (1..=3).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit())
    };
    let group = |t: &str| {
        let (int, frac) = t.split_once('.').unwrap_or((t, "0"));
        int.len() >= 3
            && int
                .split(',')
                .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
            && !frac.is_empty()
            && frac.bytes().all(|b| b.is_ascii_digit())
    };
    if row.is_quoted(value) || row.is_quoted(next) || !short(&value.raw) || !group(&next.raw) {
        return None;
    }
    let joined = format!("{},{}", value.raw, next.raw);
    let width = joined.chars().count();
    Some(
        row.at(
            Diagnostic::error(msg::split_number(&joined, &value.raw, &next.raw)).in_file(path),
            value.column,
            width,
        )
        .help(msg::split_number_help(joined.replace(',', ""), &joined)),
    )
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
pub fn month_in_year(text: &str, year: u16) -> Result<attain_core::Month, (Msg, Option<Msg>)> {
    match text.parse::<attain_core::Month>() {
        Ok(m) if m.year() == year => Ok(m),
        Ok(m) => Err((
            msg::month_outside_year(m, year),
            Some(msg::month_outside_year_help(year)),
        )),
        Err(e) => Err((msg::not_a_month(e.text), None)),
    }
}

/// Why `text`, which looks like a number, is not read as one, when the reason is not
/// simply "not a number": too many decimals (and then whether it is a computer's
/// binary rounding, as Excel's `=1.1+2.2` gives 3.3000000000000003) or too many
/// digits. The message and its help; `None` when `text` is not number-like at all.
pub fn number_problem(text: &str) -> Option<(Msg, Msg)> {
    let t = text.trim();
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let int: String = int.chars().filter(|&c| c != ',').collect();
    if int.is_empty() && frac.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let max = attain_core::target::MAX_DECIMALS as usize;
    if frac.len() > max {
        // Binary rounding: a run of 0s or 9s, then a few last digits.
        let core = &frac[..frac.len().saturating_sub(3)];
        let noise = ["000000", "999999"].iter().any(|run| {
            core.find(run)
                .is_some_and(|i| core[i..].bytes().all(|b| b == run.as_bytes()[0]))
        });
        let shown = format!("{int}.{}", &frac[..max.min(frac.len())]);
        return Some(if noise {
            (msg::binary_rounding(t), msg::binary_rounding_help())
        } else {
            (
                msg::too_many_decimals(t, frac.len(), max),
                msg::too_many_decimals_help(shown),
            )
        });
    }
    let digits = int.trim_start_matches('0').len();
    if digits > 15 {
        return Some((msg::too_many_digits(t, digits), msg::too_many_digits_help()));
    }
    None
}

/// Parse a decimal cell; the error points at the cell.
pub fn decimal_cell(
    row: &Row,
    map: &BTreeMap<&str, usize>,
    key: &str,
    path: &Path,
    what: Msg,
) -> Result<Decimal, Diagnostic> {
    let Some(c) = cell(row, map, key) else {
        return Err(row
            .point_row(path, Diagnostic::error(msg::no_cell(what, key)))
            .help(msg::no_cell_help()));
    };
    let t = c.text.trim();
    attain_core::target::parse_decimal(t).ok_or_else(|| {
        let (message, help) = match number_problem(t) {
            Some((m, h)) => (msg::number_in(what, m), h),
            None => (msg::not_a_number(what, t), msg::not_a_number_help()),
        };
        row.point(path, Diagnostic::error(message), c, "")
            .column_name(key)
            .help(help)
    })
}
