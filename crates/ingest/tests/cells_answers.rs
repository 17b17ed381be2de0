//! Known answers for the positions the readers point at (written against
//! cargo-mutants' missed mutants in cells.rs): the column of a part of a cell, a
//! quoted cell, and a cell on the second physical line of a row with a line break.

use std::path::Path;

use attain_ingest::cells::{csv_rows, tsv_rows, Cell};
use attain_ingest::Diagnostic;

#[test]
fn a_part_of_a_cell_is_found_at_its_own_column() {
    let c = Cell {
        text: "12x.5".into(),
        raw: "12x.5".into(),
        column: 9,
    };
    assert_eq!(c.column_of("x"), 11);
    assert_eq!(c.column_of("12"), 9);
    // Not in the raw text: the cell's column.
    assert_eq!(c.column_of("q"), 9);
    // Characters, not bytes: 一二 before the part.
    let c = Cell {
        text: "一二x".into(),
        raw: "一二x".into(),
        column: 5,
    };
    assert_eq!(c.column_of("x"), 7);
}

#[test]
fn quoted_cells_are_told_from_bare_ones() {
    let rows = csv_rows("aaaa,\"b\",c\n", Path::new("t.csv")).unwrap();
    let r = &rows[0];
    assert_eq!(r.cells[1].text, "b");
    assert_eq!(r.cells[1].column, 7);
    assert!(r.is_quoted(&r.cells[1]));
    assert!(!r.is_quoted(&r.cells[0]));
    assert!(!r.is_quoted(&r.cells[2]));
}

/// A pasted (tab-separated) row whose quoted cell holds a line break.
#[test]
fn a_cell_after_a_line_break_is_pointed_at_on_its_own_line() {
    let rows = tsv_rows("a\t\"x\ny\"\t12x.5\n");
    let r = &rows[0];
    let cell = &r.cells[2];
    assert_eq!(cell.text, "12x.5");
    let d = r.point(
        Path::new("t.csv"),
        Diagnostic::error(attain_core::msg::Msg::verbatim("test")),
        cell,
        "x",
    );
    assert_eq!((d.line, d.column, d.width), (Some(2), Some(6), 1));
    assert_eq!(d.source.as_deref(), Some("y\"\t12x.5"));
    // The whole cell: its first column on that line.
    let d = r.point(
        Path::new("t.csv"),
        Diagnostic::error(attain_core::msg::Msg::verbatim("test")),
        cell,
        "",
    );
    assert_eq!((d.line, d.column, d.width), (Some(2), Some(4), 5));
}

/// The same text twice in a pasted row: the cell pointed at is the one asked for.
#[test]
fn a_repeated_cell_after_a_line_break_is_found_by_its_position() {
    let rows = tsv_rows("12x.5\t\"x\ny\"\t12x.5\n");
    let r = &rows[0];
    assert_eq!(r.cells[0].raw, r.cells[2].raw);
    let d = r.point(
        Path::new("t.tsv"),
        Diagnostic::error(attain_core::msg::Msg::verbatim("test")),
        &r.cells[2],
        "x",
    );
    assert_eq!((d.line, d.column), (Some(2), Some(6)));
    let d = r.point(
        Path::new("t.tsv"),
        Diagnostic::error(attain_core::msg::Msg::verbatim("test")),
        &r.cells[0],
        "x",
    );
    assert_eq!((d.line, d.column), (Some(1), Some(3)));
}

/// Pasted HTML: a line break and the end of a paragraph, a block or an item start a
/// new line; other tags go.
#[test]
fn html_line_ends_become_line_breaks() {
    use attain_ingest::cells::clean;
    assert_eq!(
        clean("a</p>b</div>c</li>d<br/>e<span>f</span>"),
        "a\nb\nc\nd\nef"
    );
    assert_eq!(clean("x<p>y</P>z"), "xy\nz");
}

/// A quoted cell on one line: the row's source is the line as pasted.
#[test]
fn a_pasted_row_with_a_quoted_cell_quotes_its_own_line() {
    let rows = tsv_rows("a\t\"b\"\tc\nd\t\"e\"\tf");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].source, "a\t\"b\"\tc");
    assert_eq!(rows[1].source, "d\t\"e\"\tf");
    assert_eq!(rows[1].cells[1].text, "e");
    assert_eq!(rows[1].line, 2);
}
