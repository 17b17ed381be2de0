//! The typed document model every report is built into once, and every writer reads
//! (after hledger's `Write/Spreadsheet.hs`: a cell has a type, a style and a span).
//!
//! A [`Document`] is a title, a stamp (e.g. provisional), a headline, sections of
//! tables, figures, lists and paragraphs, and a footnote. A [`Table`] has typed
//! [`Column`]s (a key, the header in the report's language, a [`Kind`] and a
//! [`Role`]) and [`Row`]s of typed [`Cell`]s with a [`Style`] (body, subtotal,
//! total). Writers (`write::md`, `write::csv`, `write::html`, `write::xlsx`) format
//! cells by their type through [`Cell::text`] (one formatter per kind of figure, so
//! every format prints a figure the same way) or take the number as it is (CSV,
//! XLSX); no writer knows a column position.
//!
//! Figures are exact decimals; rounding happens only here, when a cell is formatted
//! or turned into a number: rates to 0.01 percentage point, amounts and points to the
//! cent, half away from zero.

use attain_core::fmt::{fixed, plain, round, write_fixed, write_fixed_percent, PERCENT_DP};
use attain_core::progress::Light;
use attain_core::{Decimal, Month};

use crate::lang::{Lang, W};

/// A whole report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The report's file stem: `progress`, `midyear`, `yearend`.
    pub stem: &'static str,
    pub lang: Lang,
    /// The unit's name (the workbook's company).
    pub unit: String,
    /// The month the report is as of (the workbook's creation date, not the clock).
    pub as_of: Month,
    pub title: String,
    /// The header fields of a form under its title (部门（单位）名称, 主管部门, 单位：万元),
    /// as label and value; empty for a report.
    pub fields: Vec<(String, String)>,
    /// A status stamp shown above everything (incomplete data, provisional scores), if
    /// any.
    pub stamp: Option<String>,
    /// The summary in words.
    pub headline: String,
    pub sections: Vec<Section>,
    /// How figures are made (paths, lights, rounding, scoring).
    pub footnote: String,
}

impl Document {
    /// The header fields as `label：value` (`label: value` in English).
    pub fn field_texts(&self) -> Vec<String> {
        let sep = match self.lang {
            Lang::Zh => "：",
            Lang::En => ": ",
        };
        self.fields
            .iter()
            .map(|(k, v)| format!("{k}{sep}{v}"))
            .collect()
    }
}

/// A titled part of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// A stable id (HTML `id`, anchors): `execution`, `indicators`, `to-fill` …
    pub id: &'static str,
    /// The id of its heading (HTML).
    pub heading_id: &'static str,
    pub heading: String,
    pub blocks: Vec<Block>,
    /// The sheet of a form this section's tables are stacked on (XLSX), with the
    /// document's title and fields above them; `None`: a sheet per table.
    pub sheet: Option<String>,
}

/// The content of a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Table(Table),
    /// A chart, drawn by the writers that can hold one (HTML).
    Figure(Figure),
    /// A bulleted list of text items; `class` names it (`notes`, `to-fill`).
    List {
        class: &'static str,
        items: Vec<String>,
    },
    /// A paragraph of text; `class` names it (`funds`).
    Paragraph {
        class: &'static str,
        text: String,
    },
}

/// Which chart a figure shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Figure {
    /// Cumulative execution of the total against its expected path (of the unit's
    /// progress the HTML writer is given).
    Execution,
    /// Every indicator's progress against its expected value (idem).
    Indicators,
    /// An execution curve given with the document (the portfolio's aggregate).
    Curve(Box<crate::chart::ExecutionCurve>),
    /// Small multiples: one small execution chart per curve (the units furthest
    /// behind).
    Multiples(Vec<crate::chart::ExecutionCurve>),
}

/// A table: typed columns and rows of typed cells.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    /// A stable name (HTML class, the XLSX sheet key): `lines`, `indicators`, `blocks`.
    pub id: &'static str,
    /// The table's name in the report's language (the XLSX sheet name).
    pub name: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Columns kept in view when scrolling right (XLSX).
    pub frozen: u16,
}

impl Table {
    /// The cells laid out on the table's grid: one slot per row and column, holding
    /// the cell that starts there ([`Slot::Start`]) or saying which cell covers it
    /// ([`Slot::Covered`], by the row and index of the cell in its row). Writers that
    /// cannot merge cells write a covered slot empty.
    pub fn grid(&self) -> Vec<Vec<Slot<'_>>> {
        let n = self.columns.len();
        let mut grid: Vec<Vec<Option<Slot<'_>>>> = vec![vec![None; n]; self.rows.len()];
        for (r, row) in self.rows.iter().enumerate() {
            let mut c = 0usize;
            for (k, cell) in row.cells.iter().enumerate() {
                while c < n && grid[r][c].is_some() {
                    c += 1;
                }
                if c >= n {
                    break;
                }
                for dr in 0..usize::from(cell.row_span) {
                    for dc in 0..usize::from(cell.span) {
                        if let Some(slot) = grid.get_mut(r + dr).and_then(|g| g.get_mut(c + dc)) {
                            *slot = Some(if dr == 0 && dc == 0 {
                                Slot::Start(cell)
                            } else {
                                Slot::Covered { row: r, index: k }
                            });
                        }
                    }
                }
                c += usize::from(cell.span);
            }
        }
        grid.into_iter()
            .map(|r| r.into_iter().map(|s| s.unwrap_or(Slot::Missing)).collect())
            .collect()
    }

    /// The table without the column `key` (if it has one): the column's cells go, a
    /// cell spanning it spans one column less.
    pub fn without(mut self, key: &str) -> Table {
        let Some(at) = self.column(key) else {
            return self;
        };
        // Which cell starts at, or covers, the column in each row.
        let hits: Vec<Option<(usize, usize)>> = self
            .grid()
            .iter()
            .enumerate()
            .map(|(r, g)| match g.get(at) {
                Some(Slot::Start(_)) => {
                    let k = g[..at]
                        .iter()
                        .filter(|s| matches!(s, Slot::Start(_)))
                        .count();
                    Some((r, k))
                }
                Some(Slot::Covered { row, index }) if *row == r => Some((r, *index)),
                _ => None,
            })
            .collect();
        self.columns.remove(at);
        for (r, k) in hits.into_iter().flatten() {
            let row = &mut self.rows[r];
            if row.cells[k].span > 1 {
                row.cells[k].span -= 1;
            } else {
                row.cells.remove(k);
            }
        }
        self.frozen = self.frozen.saturating_sub(1);
        self
    }

    /// The column with `key`, by position; `None` if the table has none.
    pub fn column(&self, key: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.key == key)
    }
}

/// A column: its key (the JSON field name where one exists), header and type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub key: &'static str,
    /// The header in the report's language, with the unit where the column has one
    /// (`全年预算数（万元）`).
    pub head: String,
    pub kind: Kind,
    pub role: Role,
    /// The header group over this column (a second header row: `1–6月执行情况` over
    /// 实际完成值 and 全年预计完成值); consecutive columns with the same group share it.
    pub group: Option<String>,
}

impl Column {
    /// The header in one line, for formats with a single header row: `group·head`.
    pub fn full_head(&self) -> String {
        match &self.group {
            Some(g) => format!("{g}·{}", self.head),
            None => self.head.clone(),
        }
    }
}

impl Table {
    /// Whether the header has two rows (some column has a group).
    pub fn has_groups(&self) -> bool {
        self.columns.iter().any(|c| c.group.is_some())
    }

    /// The header groups in order: (group, first column, number of columns); a column
    /// without a group is a run of its own with `None`.
    pub fn header_runs(&self) -> Vec<(Option<&str>, usize, usize)> {
        let mut runs: Vec<(Option<&str>, usize, usize)> = Vec::new();
        for (i, c) in self.columns.iter().enumerate() {
            let g = c.group.as_deref();
            match runs.last_mut() {
                Some((Some(last), _, n)) if g == Some(*last) => *n += 1,
                _ => runs.push((g, i, 1)),
            }
        }
        runs
    }
}

/// What a column holds, for alignment and number formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Words (names, targets, explanations).
    Text,
    /// Figures (amounts, rates, points, counts): right-aligned.
    Number,
    /// A traffic light.
    Light,
}

/// How a text column is laid out (HTML classes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Short codes and words that should not wrap (ids, targets, verdicts).
    Code,
    /// A grouping level (二级指标).
    Group,
    /// A name (the indicator, the budget line).
    Name,
    /// Free text that wraps.
    Prose,
    /// A figure.
    Figure,
    /// A light.
    Light,
}

impl Role {
    /// The HTML class of the column.
    pub fn class(self) -> &'static str {
        match self {
            Role::Code => "nowrap",
            Role::Group => "group",
            Role::Name => "name",
            Role::Prose | Role::Light => "",
            Role::Figure => "num",
        }
    }
}

/// A row's style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Body,
    /// A block subtotal (一级指标 小计).
    Subtotal,
    /// The total (合计, 总分).
    Total,
    /// A note under a table (e.g. provisional), one cell spanning the table.
    Note,
}

/// A position of a table's grid (see [`Table::grid`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot<'a> {
    /// The cell that starts here.
    Start(&'a Cell),
    /// Covered by the `index`-th cell of row `row`, which spans over it.
    Covered { row: usize, index: usize },
    /// No cell (a row with fewer cells than columns).
    Missing,
}

impl<'a> Slot<'a> {
    /// The cell starting here, if any.
    pub fn cell(self) -> Option<&'a Cell> {
        match self {
            Slot::Start(c) => Some(c),
            _ => None,
        }
    }
}

/// A table row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub style: Style,
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn body(cells: Vec<Cell>) -> Row {
        Row {
            style: Style::Body,
            cells,
        }
    }

    pub fn styled(style: Style, cells: Vec<Cell>) -> Row {
        Row { style, cells }
    }
}

/// A cell: a typed value and how many columns and rows it spans (1 normally; a
/// merged cell of a form spans more). A row lists only the cells that start in it:
/// positions covered by a cell spanning down from a row above are left out, as in
/// HTML; [`Table::grid`] lays the cells out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub value: Value,
    /// Columns spanned.
    pub span: u16,
    /// Rows spanned.
    pub row_span: u16,
    /// Indentation (budget lines under their parent).
    pub indent: u8,
    /// A short mark after the value, in every format: `（6月数）` on a figure last
    /// reported before the report's month. A number stays a number (in a workbook
    /// the mark is part of its number format).
    pub mark: Option<String>,
}

/// A cell's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Empty,
    /// Words as written (names, targets, explanations, verdicts).
    Text(String),
    /// 万元, to the cent: `303.05`.
    Amount(Decimal),
    /// A signed amount in 万元: `−15.00`, `+2.10`.
    SignedAmount(Decimal),
    /// A fraction shown as a percentage to 0.01 point: 0.412 → `41.20%`.
    Rate(Decimal),
    /// A difference of rates (fractions) in percentage points: −0.048 → `−4.80`.
    PercentagePoints(Decimal),
    /// Points of a weight or score, to the cent: `8.96`.
    Points(Decimal),
    /// A count or quantity with its unit: `24人次` (to 0.01 when not whole).
    Count {
        value: Decimal,
        unit: String,
    },
    /// A signed difference of counts with its unit: `−1.29个`.
    CountDelta {
        value: Decimal,
        unit: String,
    },
    /// actual ÷ expected × 100, as precise as a rate: `92.50%`.
    Ratio(Decimal),
    Light(Light),
    /// No figure reported: `无数据` / `no data`.
    NoData,
    /// Not applicable (no target): `不适用` / `n/a`.
    NotApplicable,
}

impl Cell {
    pub fn new(value: Value) -> Cell {
        Cell {
            value,
            span: 1,
            row_span: 1,
            indent: 0,
            mark: None,
        }
    }

    pub fn marked(mut self, mark: impl Into<String>) -> Cell {
        self.mark = Some(mark.into());
        self
    }

    /// The mark after the value, empty without one.
    pub fn mark_text(&self) -> &str {
        self.mark.as_deref().unwrap_or_default()
    }

    pub fn text(s: impl Into<String>) -> Cell {
        Cell::new(Value::Text(s.into()))
    }

    pub fn empty() -> Cell {
        Cell::new(Value::Empty)
    }

    pub fn spanning(mut self, span: u16) -> Cell {
        self.span = span.max(1);
        self
    }

    pub fn spanning_rows(mut self, rows: u16) -> Cell {
        self.row_span = rows.max(1);
        self
    }

    pub fn indented(mut self, indent: usize) -> Cell {
        self.indent = u8::try_from(indent).unwrap_or(u8::MAX);
        self
    }

    /// The cell as people read it, the same in every format (with its mark).
    pub fn display(&self, lang: Lang) -> String {
        format!("{}{}", self.value.display(lang), self.mark_text())
    }
}

/// A leading ASCII minus as the typographic one (−).
pub fn minus(s: String) -> String {
    match s.strip_prefix('-') {
        Some(rest) => format!("−{rest}"),
        None => s,
    }
}

/// A signed figure with two decimals and a typographic minus: `−15.00`, `+2.10`, `0.00`.
pub fn signed(d: Decimal) -> String {
    signed_dp(d, 2)
}

/// A signed figure with `dp` decimals and a typographic minus.
fn signed_dp(d: Decimal, dp: u32) -> String {
    let s = fixed(d, dp);
    match s.strip_prefix('-') {
        Some(rest) => format!("−{rest}"),
        None if s.chars().all(|c| c == '0' || c == '.') => s,
        None => format!("+{s}"),
    }
}

/// A count as people read it: whole numbers as they are, others to 0.01.
fn count_text(d: Decimal) -> String {
    // A whole count (a rank, a number of indicators) is its mantissa.
    if d.scale() == 0 {
        return d.mantissa().to_string();
    }
    plain(round(d, 2))
}

impl Value {
    /// The value as people read it: the one formatter per kind of figure.
    pub fn display(&self, lang: Lang) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(s) => s.clone(),
            Value::Amount(d) => minus(fixed(*d, 2)),
            Value::SignedAmount(d) => signed(*d),
            Value::Rate(d) => minus(format!("{}%", fixed(*d * Decimal::ONE_HUNDRED, PERCENT_DP))),
            Value::PercentagePoints(d) => signed_dp(*d * Decimal::ONE_HUNDRED, PERCENT_DP),
            Value::Points(d) => fixed(*d, 2),
            Value::Count { value, unit } => format!("{}{unit}", minus(count_text(*value))),
            Value::CountDelta { value, unit } => {
                let s = count_text(*value);
                let s = match s.strip_prefix('-') {
                    Some(rest) => format!("−{rest}"),
                    None if value.is_zero() => "0".to_string(),
                    None => format!("+{s}"),
                };
                format!("{s}{unit}")
            }
            Value::Ratio(d) => minus(format!("{}%", fixed(*d, PERCENT_DP))),
            Value::Light(l) => light_text(*l, lang),
            Value::NoData => W::NoData.text(lang).to_string(),
            Value::NotApplicable => W::NotApplicable.text(lang).to_string(),
        }
    }

    /// The number a spreadsheet holds, rounded as [`display`](Self::display) shows
    /// it: rates and ratios as fractions (0.4120), percentage points as points
    /// (−4.80), amounts, points and counts as they are. `None` for words.
    pub fn number(&self) -> Option<Decimal> {
        match self {
            Value::Amount(d) | Value::SignedAmount(d) | Value::Points(d) => Some(round(*d, 2)),
            Value::Rate(d) => Some(round(*d, PERCENT_DP + 2)),
            Value::PercentagePoints(d) => Some(round(*d * Decimal::ONE_HUNDRED, PERCENT_DP)),
            Value::Count { value, .. } | Value::CountDelta { value, .. } => Some(round(*value, 2)),
            Value::Ratio(d) => Some(round(*d, PERCENT_DP) / Decimal::ONE_HUNDRED),
            _ => None,
        }
    }

    /// The cell of a CSV file: a plain number (a rate in percent, without the sign,
    /// as the header's unit says; a count without its unit, which has its own
    /// column), else the text as people read it.
    pub fn plain(&self, lang: Lang) -> String {
        let mut out = String::new();
        self.write_plain(&mut out, lang);
        out
    }

    /// [`plain`](Self::plain) appended to `out` (a writer's buffer, reused from cell
    /// to cell).
    pub fn write_plain(&self, out: &mut String, lang: Lang) {
        match self {
            Value::Rate(d) | Value::PercentagePoints(d) => write_fixed_percent(out, *d, PERCENT_DP),
            Value::Ratio(d) => write_fixed(out, *d, PERCENT_DP),
            Value::Amount(d) | Value::SignedAmount(d) | Value::Points(d) => write_fixed(out, *d, 2),
            // A whole count (mostly) as its digits, without a text of its own.
            Value::Count { value, .. } | Value::CountDelta { value, .. } if value.scale() == 0 => {
                push_integer(out, value.mantissa())
            }
            Value::Count { value, .. } | Value::CountDelta { value, .. } => {
                out.push_str(&count_text(*value))
            }
            Value::Text(s) => out.push_str(s),
            Value::Light(l) => push_light(out, *l, lang),
            v => out.push_str(&v.display(lang)),
        }
    }
}

/// `n`'s decimal digits, written at the end of `buf` (without the formatting
/// machinery: the counts of a row per unit).
pub(crate) fn digits(n: u128, buf: &mut [u8; 40]) -> &[u8] {
    let mut at = buf.len();
    let mut m = n;
    loop {
        at -= 1;
        buf[at] = b'0' + (m % 10) as u8;
        m /= 10;
        if m == 0 {
            break;
        }
    }
    &buf[at..]
}

/// `n`'s decimal digits, with a `-` before a negative one (as `i128`'s `Display`).
fn push_integer(out: &mut String, n: i128) {
    if n < 0 {
        out.push('-');
    }
    let mut buf = [0; 40];
    for &d in digits(n.unsigned_abs(), &mut buf) {
        out.push(char::from(d));
    }
}

/// [`light_text`], pushed onto `out`.
fn push_light(out: &mut String, l: Light, lang: Lang) {
    out.push_str(l.symbol());
    out.push(' ');
    out.push_str(match lang {
        Lang::Zh => l.zh(),
        Lang::En => l.code(),
    });
}

/// A light as symbol and word: `● 绿`, `■ red`.
pub fn light_text(l: Light, lang: Lang) -> String {
    let mut out = String::new();
    push_light(&mut out, l, lang);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    /// Whole numbers of every size, as counts hold them (up to 96 bits).
    const WHOLE: [i128; 10] = [
        0,
        1,
        -1,
        9,
        10,
        -20,
        4_500_000,
        i64::MAX as i128,
        (1 << 96) - 1,
        -((1 << 96) - 1),
    ];

    #[test]
    fn whole_counts_and_lights_are_written_in_place_as_displayed() {
        for n in WHOLE.into_iter().chain([i128::MIN, i128::MAX]) {
            let mut out = "x".to_string();
            push_integer(&mut out, n);
            assert_eq!(out, format!("x{n}"));
        }
        for lang in [Lang::Zh, Lang::En] {
            for l in Light::ALL {
                let mut out = String::new();
                Value::Light(l).write_plain(&mut out, lang);
                assert_eq!(out, Value::Light(l).display(lang));
            }
            for n in [0i64, 7, -3, 1_234_567] {
                let count = Value::Count {
                    value: Decimal::from(n),
                    unit: "个".into(),
                };
                let mut out = String::new();
                count.write_plain(&mut out, lang);
                assert_eq!(out, count_text(Decimal::from(n)));
            }
        }
    }

    #[test]
    fn whole_counts_are_written_as_any_count() {
        for n in WHOLE {
            let d = Decimal::from_i128_with_scale(n, 0);
            assert_eq!(count_text(d), plain(round(d, 2)), "{n}");
        }
        assert_eq!(count_text(-Decimal::ZERO), "0");
    }

    #[test]
    fn one_formatter_per_kind() {
        let zh = Lang::Zh;
        assert_eq!(Value::Amount(dec!(303.054)).display(zh), "303.05");
        assert_eq!(Value::Amount(dec!(-15)).display(zh), "−15.00");
        assert_eq!(Value::SignedAmount(dec!(2.1)).display(zh), "+2.10");
        assert_eq!(Value::Rate(dec!(0.99454)).display(zh), "99.45%");
        assert_eq!(Value::Rate(dec!(0.412004622)).display(zh), "41.20%");
        assert_eq!(Value::PercentagePoints(dec!(-0.048)).display(zh), "−4.80");
        // 完成度 is as precise as the rates beside it, in every format.
        assert_eq!(Value::Ratio(dec!(92)).display(zh), "92.00%");
        assert_eq!(Value::Ratio(dec!(89.6053)).display(zh), "89.61%");
        assert_eq!(Value::Ratio(dec!(89.6053)).plain(zh), "89.61");
        assert_eq!(Value::Ratio(dec!(89.6053)).number(), Some(dec!(0.8961)));
        let rate_format = format!("0.{}%", "0".repeat(PERCENT_DP as usize));
        assert_eq!(crate::write::xlsx::RATE_FORMAT, rate_format);
        assert_eq!(Value::Points(dec!(8.9566)).display(zh), "8.96");
        let c = |v, u: &str| Value::Count {
            value: v,
            unit: u.into(),
        };
        assert_eq!(c(dec!(24), "人次").display(zh), "24人次");
        assert_eq!(c(dec!(1.714285), "个").display(zh), "1.71个");
        assert_eq!(
            Value::CountDelta {
                value: dec!(-1.2857),
                unit: "个".into()
            }
            .display(zh),
            "−1.29个"
        );
        assert_eq!(Value::NoData.display(zh), "无数据");
        assert_eq!(Value::NoData.display(Lang::En), "no data");
        assert_eq!(Value::Light(Light::Red).display(zh), "■ 红");
    }

    #[test]
    fn a_column_can_be_left_out() {
        let col = |key| Column {
            key,
            head: key.into(),
            kind: Kind::Text,
            role: Role::Code,
            group: None,
        };
        let t = Table {
            id: "t",
            name: "t".into(),
            columns: vec![col("id"), col("name"), col("score")],
            rows: vec![
                Row::body(vec![Cell::text("A-1"), Cell::text("a"), Cell::text("1")]),
                Row::styled(
                    Style::Total,
                    vec![Cell::text("总分").spanning(2), Cell::text("1")],
                ),
            ],
            frozen: 2,
        }
        .without("id");
        assert_eq!(t.columns.len(), 2);
        assert_eq!(t.rows[0].cells, vec![Cell::text("a"), Cell::text("1")]);
        assert_eq!(t.rows[1].cells[0].span, 1);
        assert_eq!(t.frozen, 1);
        assert_eq!(t.without("nothing").columns.len(), 2);
    }

    #[test]
    fn spans_are_laid_out_on_the_grid() {
        let col = |key| Column {
            key,
            head: key.into(),
            kind: Kind::Text,
            role: Role::Code,
            group: None,
        };
        // | a (2 rows) | b c (2 columns) |
        // |            | d     | e       |
        let t = Table {
            id: "t",
            name: "t".into(),
            columns: vec![col("x"), col("y"), col("z")],
            rows: vec![
                Row::body(vec![
                    Cell::text("a").spanning_rows(2),
                    Cell::text("bc").spanning(2),
                ]),
                Row::body(vec![Cell::text("d"), Cell::text("e")]),
            ],
            frozen: 0,
        };
        let g = t.grid();
        let shown: Vec<Vec<String>> = g
            .iter()
            .map(|r| {
                r.iter()
                    .map(|s| match s {
                        Slot::Start(c) => c.display(Lang::Zh),
                        Slot::Covered { row, index } => format!("^{row}.{index}"),
                        Slot::Missing => "?".into(),
                    })
                    .collect()
            })
            .collect();
        assert_eq!(shown, [["a", "bc", "^0.1"], ["^0.0", "d", "e"]]);
        // Leaving out the first column takes the tall cell away; the wide one stays.
        let u = t.clone().without("x");
        assert_eq!(u.rows[0].cells, vec![Cell::text("bc").spanning(2)]);
        assert_eq!(u.rows[1].cells, vec![Cell::text("d"), Cell::text("e")]);
        // Leaving out the middle column narrows the wide cell.
        let v = t.without("y");
        assert_eq!(v.rows[0].cells[1], Cell::text("bc"));
        assert_eq!(v.rows[1].cells, vec![Cell::text("e")]);
    }

    #[test]
    fn numbers_are_rounded_as_displayed() {
        assert_eq!(Value::Rate(dec!(0.412004622)).number(), Some(dec!(0.4120)));
        assert_eq!(
            Value::PercentagePoints(dec!(-0.048)).number(),
            Some(dec!(-4.80))
        );
        assert_eq!(Value::Rate(dec!(0.412004622)).plain(Lang::Zh), "41.20");
        assert_eq!(Value::Amount(dec!(-15)).plain(Lang::Zh), "-15.00");
        assert_eq!(Value::Text("=46%".into()).plain(Lang::Zh), "=46%");
    }
}
