//! One writer per format over the same [`Document`](crate::doc::Document): each
//! formats cells by their type and lays out tables by their columns' kinds and
//! rows' styles; none knows a report kind or a column position.

pub mod csv;
pub mod html;
pub mod md;
pub mod xlsx;

use crate::doc::{Cell, Row};

/// A row's cells with every span expanded into the cell followed by empty ones, so
/// that cell `k` is in column `k` (for formats without merged cells).
pub fn expanded(row: &Row) -> Vec<&Cell> {
    static EMPTY: std::sync::OnceLock<Cell> = std::sync::OnceLock::new();
    let empty = EMPTY.get_or_init(Cell::empty);
    let mut out = Vec::new();
    for c in &row.cells {
        out.push(c);
        for _ in 1..c.span {
            out.push(empty);
        }
    }
    out
}
