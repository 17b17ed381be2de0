//! One writer per format over the same [`Document`](crate::doc::Document): each
//! formats cells by their type and lays out tables by their columns' kinds and
//! rows' styles; none knows a report kind or a column position.

pub mod csv;
pub mod html;
pub mod md;
pub mod xlsx;

use crate::doc::{Cell, Slot, Table};

/// The table's rows laid out flat, one cell per column: a position covered by a
/// merged cell is an empty cell (for formats without merged cells).
pub fn flat(t: &Table) -> Vec<Vec<&Cell>> {
    static EMPTY: std::sync::OnceLock<Cell> = std::sync::OnceLock::new();
    let empty = EMPTY.get_or_init(Cell::empty);
    t.grid()
        .into_iter()
        .map(|r| {
            r.into_iter()
                .map(|s| match s {
                    Slot::Start(c) => c,
                    Slot::Covered { .. } | Slot::Missing => empty,
                })
                .collect()
        })
        .collect()
}
