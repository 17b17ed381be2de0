//! CSV for Excel: UTF-8 with a BOM, the document's tables one after the other, each
//! under a row with its section's heading and followed by an empty row; the headers
//! as in the other formats (Chinese, or English with `--lang en`), with the unit in
//! the header; figures as plain numbers (rates in percent, ASCII minus, no grouping).
//!
//! No cell is a formula to Excel: a text cell that starts with `=`, `+`, `-`, `@`, a
//! tab or a carriage return (a target `=46%`, a user's note) gets a leading
//! apostrophe, which Excel shows as text and hides (OWASP's CSV-injection advice).
//! Numbers are written as they are: a negative figure is a number, not text.
//!
//! A column whose figures carry their own unit (a count `4个` beside a rate `98%`, as
//! in the forms' 实际完成值) is followed by a `…·单位` column holding each row's unit,
//! unless the table has a 单位 column of its own: the number stays a number and
//! nobody reads `98.00` beside `4` without knowing what they count.

use rayon::prelude::*;

use crate::doc::{Block, Cell, Document, Row, Table, Value};
use crate::lang::W;

/// The unit a cell's figure is in, for a unit column: `%` for a rate, the count's unit.
fn unit_of(c: &Cell) -> &str {
    match &c.value {
        Value::Rate(_) => "%",
        Value::Count { unit, .. } | Value::CountDelta { unit, .. } => unit,
        _ => "",
    }
}

/// Which columns of the flat rows get a unit column after them: those holding a
/// count with a unit (whose unit varies by row), when the table has no 单位 column.
/// Counts without a unit (the portfolio's ranks and numbers of indicators) need none.
fn unit_columns(t: &Table, flat: &[Vec<&Cell>]) -> Vec<bool> {
    let own = t.columns.iter().any(|c| c.key == "unit");
    (0..t.columns.len())
        .map(|j| {
            !own && flat.iter().any(|r| {
                r.get(j).is_some_and(|c| {
                    matches!(&c.value, Value::Count { unit, .. } | Value::CountDelta { unit, .. } if !unit.is_empty())
                })
            })
        })
        .collect()
}

/// A text cell made safe from formula evaluation.
pub fn guard(mut s: String) -> String {
    guard_in_place(&mut s);
    s
}

/// [`guard`] on a buffer.
fn guard_in_place(s: &mut String) {
    if let Some('=' | '+' | '-' | '@' | '\t' | '\r') = s.chars().next() {
        s.insert(0, '\'');
    }
}

/// How every CSV record is written.
fn writer<W: std::io::Write>(w: W) -> csv::Writer<W> {
    csv::WriterBuilder::new().flexible(true).from_writer(w)
}

/// Rows written by one task of [`rows`].
const ROWS_PER_TASK: usize = 512;

/// One row's cells as a CSV record, each field formatted into `field` (reused).
fn write_row<W: std::io::Write>(
    w: &mut csv::Writer<W>,
    flat: &[&Cell],
    with_unit: &[bool],
    lang: crate::Lang,
    field: &mut String,
) {
    for (c, u) in flat.iter().zip(with_unit) {
        field.clear();
        match &c.value {
            v @ (Value::Text(_)
            | Value::Empty
            | Value::NoData
            | Value::NotApplicable
            | Value::Light(_)) => {
                for _ in 0..c.indent {
                    field.push('\u{3000}');
                }
                v.write_plain(field, lang);
                field.push_str(c.mark_text());
                guard_in_place(field);
            }
            // A marked figure is the figure with its mark (`95.00（6月数）`).
            v if c.mark.is_some() => {
                v.write_plain(field, lang);
                field.push_str(c.mark_text());
                guard_in_place(field);
            }
            v => v.write_plain(field, lang),
        }
        // Writing into memory cannot fail.
        let _ = w.write_field(&*field);
        if *u {
            field.clear();
            field.push_str(unit_of(c));
            guard_in_place(field);
            let _ = w.write_field(&*field);
        }
    }
    let _ = w.write_record(None::<&[u8]>);
}

/// A table's rows as CSV records: written in parallel, a block of rows per task
/// (a portfolio's ranking has a row per unit), joined in order.
fn rows(rows: &[Vec<&Cell>], with_unit: &[bool], lang: crate::Lang) -> Vec<Vec<u8>> {
    rows.par_chunks(ROWS_PER_TASK)
        .map(|chunk| {
            let mut w = writer(Vec::with_capacity(chunk.len() * 128));
            let mut field = String::new();
            for flat in chunk {
                write_row(&mut w, flat, with_unit, lang, &mut field);
            }
            w.into_inner().unwrap_or_default()
        })
        .collect()
}

/// The rows of a table given apart from its document: a row made from each item,
/// written as a CSV record and dropped at once (a portfolio's ranking has a row per
/// unit, which as a whole would be a hundred megabytes of cells), in parallel
/// blocks, in order. The rows' cells span one column each, and the table has its
/// own 单位 column or no count with a unit (no unit columns).
pub(crate) struct RowsOf<'a, T> {
    /// The table whose rows these are.
    pub table: &'static str,
    pub items: &'a [T],
    /// The row of the item at a place.
    pub row: &'a (dyn Fn(usize, &T) -> Row + Sync),
}

/// Blocks of rows written at the same time by [`RowsOf::records_each`] (then handed
/// over in order, while the next ones are written).
const TASKS_PER_WAVE: usize = 8;

impl<T: Sync> RowsOf<'_, T> {
    /// The records, handed to `part` in order, a block of rows at a time.
    fn records_each(
        &self,
        columns: usize,
        own_unit: bool,
        lang: crate::Lang,
        part: &mut dyn FnMut(Vec<u8>),
    ) {
        for (w, wave) in self
            .items
            .chunks(ROWS_PER_TASK * TASKS_PER_WAVE)
            .enumerate()
        {
            let first = w * ROWS_PER_TASK * TASKS_PER_WAVE;
            for block in self.records(wave, first, columns, own_unit, lang) {
                part(block);
            }
        }
    }

    /// The records of `items` (the first of them at place `first`), in parallel
    /// blocks.
    fn records(
        &self,
        items: &[T],
        first: usize,
        columns: usize,
        own_unit: bool,
        lang: crate::Lang,
    ) -> Vec<Vec<u8>> {
        let empty = Cell::empty();
        let no_units = vec![false; columns];
        items
            .par_chunks(ROWS_PER_TASK)
            .enumerate()
            .map(|(c, chunk)| {
                let mut w = writer(Vec::with_capacity(chunk.len() * 128));
                let mut field = String::new();
                for (k, item) in chunk.iter().enumerate() {
                    let row = (self.row)(first + c * ROWS_PER_TASK + k, item);
                    debug_assert!(row.cells.iter().all(|c| c.span == 1 && c.row_span == 1));
                    debug_assert!(own_unit || row.cells.iter().all(|c| unit_of(c).is_empty()));
                    let flat: Vec<&Cell> = row
                        .cells
                        .iter()
                        .chain(std::iter::repeat(&empty))
                        .take(columns)
                        .collect();
                    write_row(&mut w, &flat, &no_units, lang, &mut field);
                }
                w.into_inner().unwrap_or_default()
            })
            .collect()
    }
}

/// The document as CSV text (with the BOM).
pub fn write(d: &Document) -> String {
    // Made of text only.
    String::from_utf8(write_with::<()>(d, None)).unwrap_or_default()
}

/// [`write`]'s bytes (not checked again as text), the rows of one table given
/// apart ([`RowsOf`]), after the rows the document holds for it.
pub(crate) fn write_with<T: Sync>(d: &Document, more: Option<RowsOf<'_, T>>) -> Vec<u8> {
    let mut out = Vec::new();
    write_with_each(d, more, &mut |part| {
        if out.is_empty() {
            out = part;
        } else {
            out.extend_from_slice(&part);
        }
    });
    out
}

/// [`write_with`]'s bytes handed to `part` in order, a few at a time (the rows of
/// `more` a block at a time, each handed over while the next are written), to be
/// written as they come.
pub(crate) fn write_with_each<T: Sync>(
    d: &Document,
    more: Option<RowsOf<'_, T>>,
    part: &mut dyn FnMut(Vec<u8>),
) {
    let mut w = writer("\u{feff}".as_bytes().to_vec());
    // Writing into memory cannot fail.
    let _ = w.write_record([guard(d.title.clone())]);
    if !d.fields.is_empty() {
        let _ = w.write_record(d.field_texts().into_iter().map(guard));
    }
    if let Some(s) = &d.stamp {
        let _ = w.write_record([guard(s.clone())]);
    }
    for s in &d.sections {
        for b in &s.blocks {
            let Block::Table(t) = b else { continue };
            let _ = w.write_record([""]);
            let _ = w.write_record([guard(s.heading.clone())]);
            let flat = super::flat(t);
            let with_unit = unit_columns(t, &flat);
            let mut head = Vec::new();
            for (c, u) in t.columns.iter().zip(&with_unit) {
                head.push(guard(c.full_head()));
                if *u {
                    head.push(guard(format!("{}·{}", c.full_head(), W::Unit.text(d.lang))));
                }
            }
            let _ = w.write_record(head);
            let mut out = w.into_inner().unwrap_or_default();
            let parts = rows(&flat, &with_unit, d.lang);
            out.reserve(parts.iter().map(Vec::len).sum());
            for p in parts {
                out.extend_from_slice(&p);
            }
            if let Some(more) = more.as_ref().filter(|m| m.table == t.id) {
                part(std::mem::take(&mut out));
                let own_unit = t.columns.iter().any(|c| c.key == "unit");
                more.records_each(t.columns.len(), own_unit, d.lang, part);
            }
            w = writer(out);
        }
        for b in &s.blocks {
            match b {
                Block::List { items, .. } => {
                    let _ = w.write_record([""]);
                    let _ = w.write_record([guard(s.heading.clone())]);
                    for i in items {
                        let _ = w.write_record([guard(i.clone())]);
                    }
                }
                Block::Paragraph { text, .. } => {
                    let _ = w.write_record([guard(text.clone())]);
                }
                Block::Table(_) | Block::Figure(_) => {}
            }
        }
    }
    part(w.into_inner().unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text() {
        assert_eq!(guard("=46%".into()), "'=46%");
        assert_eq!(guard("+1".into()), "'+1");
        assert_eq!(guard("-x".into()), "'-x");
        assert_eq!(guard("@SUM(A1)".into()), "'@SUM(A1)");
        assert_eq!(guard("\tx".into()), "'\tx");
        assert_eq!(guard("≥3个".into()), "≥3个");
    }
}
