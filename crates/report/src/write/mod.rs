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
    // Without merged cells (a portfolio's ranking: a row per unit), a row's cells
    // fill its positions in order: the grid, without laying it out.
    let n = t.columns.len();
    if t.rows
        .iter()
        .all(|r| r.cells.iter().all(|c| c.span == 1 && c.row_span == 1))
    {
        return t
            .rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .chain(std::iter::repeat(empty))
                    .take(n)
                    .collect()
            })
            .collect();
    }
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
