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

use crate::doc::{Block, Cell, Document, Table, Value};
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
pub fn guard(s: String) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s,
    }
}

/// The document as CSV text (with the BOM).
pub fn write(d: &Document) -> String {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
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
            let rows = super::flat(t);
            let with_unit = unit_columns(t, &rows);
            let mut head = Vec::new();
            for (c, u) in t.columns.iter().zip(&with_unit) {
                head.push(guard(c.full_head()));
                if *u {
                    head.push(guard(format!("{}·{}", c.full_head(), W::Unit.text(d.lang))));
                }
            }
            let _ = w.write_record(head);
            for flat in rows {
                let mut cells = Vec::new();
                for (c, u) in flat.into_iter().zip(&with_unit) {
                    let indent = "\u{3000}".repeat(usize::from(c.indent));
                    cells.push(match &c.value {
                        v @ (Value::Text(_)
                        | Value::Empty
                        | Value::NoData
                        | Value::NotApplicable
                        | Value::Light(_)) => {
                            guard(format!("{indent}{}{}", v.display(d.lang), c.mark_text()))
                        }
                        // A marked figure is the figure with its mark (`95.00（6月数）`).
                        v if c.mark.is_some() => {
                            guard(format!("{}{}", v.plain(d.lang), c.mark_text()))
                        }
                        v => v.plain(d.lang),
                    });
                    if *u {
                        cells.push(guard(unit_of(c).to_string()));
                    }
                }
                let _ = w.write_record(cells);
            }
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
    let body = String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default();
    format!("\u{feff}{body}")
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
