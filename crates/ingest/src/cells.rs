//! Rows and cells of pasted tables and CSV files, with the position of every cell so
//! that a diagnostic can point at it.

use std::path::Path;

use crate::diag::{Diagnostic, Msg};
use attain_core::msg::csv as msg;

/// One cell: its cleaned text and where it starts in the source line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// Text with HTML tags and entities removed and white space trimmed.
    pub text: String,
    /// The raw text of the cell as in the file.
    pub raw: String,
    /// 1-based character column of the cell's first character in the line.
    pub column: usize,
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// 1-based column of `part` (a piece of the cleaned text) in the line, or of the
    /// cell when it cannot be found in the raw text.
    pub fn column_of(&self, part: &str) -> usize {
        match self.raw.find(part) {
            Some(b) => self.column + self.raw[..b].chars().count(),
            None => self.column,
        }
    }
}

/// One line of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based line number.
    pub line: usize,
    /// The line as in the file (for quoting in diagnostics).
    pub source: String,
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(Cell::is_empty)
    }

    /// Cells up to the last non-empty one.
    pub fn trimmed(&self) -> &[Cell] {
        let n = self
            .cells
            .iter()
            .rposition(|c| !c.is_empty())
            .map_or(0, |i| i + 1);
        &self.cells[..n]
    }

    pub fn non_empty(&self) -> impl Iterator<Item = &Cell> {
        self.cells.iter().filter(|c| !c.is_empty())
    }

    /// Whether `cell` was written in double quotes in the source line (CSV).
    pub fn is_quoted(&self, cell: &Cell) -> bool {
        cell.column >= 2 && self.source.chars().nth(cell.column - 2) == Some('"')
    }

    /// A diagnostic pointing at `cell` of this row.
    pub fn point(&self, path: &Path, d: Diagnostic, cell: &Cell, part: &str) -> Diagnostic {
        let col = if part.is_empty() {
            cell.column
        } else {
            cell.column_of(part)
        };
        let width = if part.is_empty() {
            cell.raw.lines().next().unwrap_or("").chars().count()
        } else {
            part.chars().count()
        };
        self.point_at(path, d, cell, col.saturating_sub(cell.column), width)
    }

    /// A diagnostic pointing `offset` characters into `cell`, `width` wide, on the
    /// line where that character is (a row may span lines).
    pub fn point_at(
        &self,
        path: &Path,
        d: Diagnostic,
        cell: &Cell,
        offset: usize,
        width: usize,
    ) -> Diagnostic {
        self.at(d.in_file(path), cell.column + offset, width)
    }

    /// `d` placed at character `column` of the row's source, `width` wide: on the
    /// physical line where that character is, with that line quoted.
    pub fn at(&self, d: Diagnostic, column: usize, width: usize) -> Diagnostic {
        let (line, column, text) = self.locate(column);
        d.at(line, column, width, text)
    }

    /// The physical line, the column in it and its text of character `column` of the
    /// row's source. A row's source holds every line of a row that spans lines (a
    /// quoted cell with line breaks), and its cells' columns count the characters from
    /// the row's start, line breaks included.
    pub fn locate(&self, column: usize) -> (usize, usize, &str) {
        if !self.source.contains('\n') {
            return (self.line, column, &self.source);
        }
        let (mut line, mut start_char, mut start_byte) = (self.line, 0, 0);
        for (i, (b, ch)) in self.source.char_indices().enumerate() {
            if i + 1 >= column {
                break;
            }
            if ch == '\n' {
                line += 1;
                start_char = i + 1;
                start_byte = b + 1;
            }
        }
        let text = self.source[start_byte..].split('\n').next().unwrap_or("");
        let text = text.strip_suffix('\r').unwrap_or(text);
        (line, column - start_char, text)
    }

    /// The row's first line (the whole row unless a cell spans lines).
    pub fn first_line(&self) -> &str {
        self.locate(1).2
    }

    /// A diagnostic pointing at the whole row (its first line when it spans lines).
    pub fn point_row(&self, path: &Path, d: Diagnostic) -> Diagnostic {
        let first = self.first_line();
        let width = first.chars().count();
        d.in_file(path).at(self.line, 1, width, first)
    }
}

/// Strip HTML tags, turn `<br>` and paragraph ends into new lines, decode HTML
/// entities (named and numeric), fold white space (including full-width spaces and NBSP) and trim.
pub fn clean(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let after = &rest[lt..];
        match after.find('>') {
            Some(gt) if looks_like_tag(&after[1..gt]) => {
                let tag = after[1..gt].trim().to_ascii_lowercase();
                if tag.starts_with("br") || tag == "/p" || tag == "/div" || tag == "/li" {
                    out.push('\n');
                }
                rest = &after[gt + 1..];
            }
            _ => {
                out.push('<');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    // Every named and numeric entity (`&le;`, `&ldquo;`, `&#8805;` …).
    let decoded = html_escape::decode_html_entities(&out);
    let lines: Vec<String> = decoded
        .split('\n')
        .map(|l| {
            l.split(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

fn looks_like_tag(inner: &str) -> bool {
    let t = inner.trim_start_matches('/').trim();
    let name: String = t
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    !name.is_empty()
        && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && matches!(
            name.to_ascii_lowercase().as_str(),
            "p" | "br"
                | "span"
                | "div"
                | "b"
                | "strong"
                | "i"
                | "em"
                | "u"
                | "font"
                | "td"
                | "tr"
                | "li"
                | "ul"
                | "ol"
                | "sup"
                | "sub"
                | "a"
        )
}

/// Split tab-separated text into rows.
///
/// Cells copied from Excel that hold a line break, a tab or a quote come quoted:
/// `"1.承担…<LF>2.承担…"`, inner quotes doubled. Such a cell is one cell, its line
/// breaks kept; the row's line is where it starts. A cell that merely starts with a
/// quote (`"一带一路"倡议`, pasted from a web page) is not quoted: a field is read as
/// quoted only when its closing quote is followed by a tab or the end of a line.
pub fn tsv_rows(text: &str) -> Vec<Row> {
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let mut rows = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let start = i;
        let mut column = 1;
        let mut cells = Vec::new();
        // The rest of the current physical line, and the logical row's text so far.
        let mut rest: &str = lines[i];
        let mut source = lines[i].to_string();
        loop {
            let (raw, inner, next) = match quoted_field(&lines, i, rest) {
                Some((raw, inner, end_line, after)) => {
                    for l in &lines[i + 1..=end_line] {
                        source.push('\n');
                        source.push_str(l);
                    }
                    i = end_line;
                    (raw, inner, after)
                }
                None => {
                    let end = rest.find('\t').unwrap_or(rest.len());
                    let raw = rest[..end].to_string();
                    (raw.clone(), raw, &rest[end..])
                }
            };
            let width = raw.chars().count();
            cells.push(Cell {
                text: clean(&inner),
                raw,
                column,
            });
            column += width + 1;
            match next.strip_prefix('\t') {
                Some(after) => rest = after,
                None => break,
            }
        }
        rows.push(Row {
            line: start + 1,
            // Every line of a row that spans lines: the cells' columns count from its
            // start (diagnostics quote the line the cell is on).
            source,
            cells,
        });
        i += 1;
    }
    rows
}

/// A quoted field at the start of `rest` (on line `i` of `lines`): its raw text, its
/// content (quotes removed, doubled quotes undone), the line it ends on and what
/// follows its closing quote on that line. `None` when `rest` does not start with a
/// quote or the quote does not close before a tab or a line end.
fn quoted_field<'a>(
    lines: &[&'a str],
    i: usize,
    rest: &'a str,
) -> Option<(String, String, usize, &'a str)> {
    let body = rest.strip_prefix('"')?;
    let mut inner = String::new();
    let mut raw = String::from("\"");
    let mut line = i;
    let mut cur: &str = body;
    loop {
        let mut chars = cur.char_indices().peekable();
        while let Some((b, c)) = chars.next() {
            if c != '"' {
                inner.push(c);
                raw.push(c);
                continue;
            }
            if let Some(&(_, '"')) = chars.peek() {
                chars.next();
                inner.push('"');
                raw.push_str("\"\"");
                continue;
            }
            let after = &cur[b + 1..];
            if after.is_empty() || after.starts_with('\t') {
                raw.push('"');
                return Some((raw, inner, line, after));
            }
            return None;
        }
        // The quoted cell goes on to the next line (at most 200 lines: a stray quote
        // must not swallow the table).
        line += 1;
        if line >= lines.len() || line - i > 200 {
            return None;
        }
        inner.push('\n');
        raw.push('\n');
        cur = lines[line];
    }
}

/// Split CSV text into rows. Quoted fields may span lines; a row's line is where it
/// starts.
///
/// A double quote that is never closed, or one closed only after lines that look
/// like rows of their own (a stray quote in a note swallowing the rows below it), is
/// an error at the opening quote: read on, the rows would silently disappear.
pub fn csv_rows(text: &str, path: &Path) -> Result<Vec<Row>, Diagnostic> {
    let mut rows = CsvRows::new(text, path)?;
    let out: Vec<Row> = rows.by_ref().collect();
    match rows.error.take() {
        Some(e) => Err(e),
        None => Ok(out),
    }
}

/// The rows of CSV text one at a time (a file of a million rows is not held as rows
/// all at once). Reading stops at the first malformed record, whose diagnostic is
/// then in `error`.
#[derive(Debug)]
pub struct CsvRows<'t> {
    bytes: &'t [u8],
    lines: Vec<&'t str>,
    reader: csv::Reader<&'t [u8]>,
    record: csv::StringRecord,
    /// The line breaks counted so far (records come in order).
    counted: LineCount,
    path: std::path::PathBuf,
    /// The error that stopped the reading, if any.
    pub error: Option<Diagnostic>,
}

impl<'t> CsvRows<'t> {
    /// Check the quotes of `text` and start reading it.
    pub fn new(text: &'t str, path: &Path) -> Result<Self, Diagnostic> {
        let lines: Vec<&str> = text
            .split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .collect();
        check_quotes(text, &lines, path)?;
        Ok(CsvRows {
            bytes: text.as_bytes(),
            lines,
            reader: csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes()),
            record: csv::StringRecord::new(),
            counted: LineCount::default(),
            path: path.to_path_buf(),
            error: None,
        })
    }

    /// The 1-based line of a record at byte offset `byte` ([`LineCount`]).
    fn line_of(&mut self, byte: usize) -> usize {
        self.counted.line_at(self.bytes, byte)
    }
}

/// The line of a record in bytes held in memory, counted on from the last one asked
/// about. The csv crate's own line count skips blank lines and counts a CRLF once; a
/// record's position (right after the previous record's first line-end byte) can
/// fall on the `\n` of a `\r\n` or on blank lines: they are skipped before counting.
#[derive(Debug, Default)]
pub(crate) struct LineCount {
    at: usize,
    breaks: usize,
}

impl LineCount {
    /// The 1-based line in `b` of the record at `pos`: the line of its first byte that
    /// ends no line. Asked in increasing order (else counted again from the start).
    pub(crate) fn line_at(&mut self, b: &[u8], pos: usize) -> usize {
        let pos = pos.min(b.len());
        let run = b[pos..]
            .iter()
            .take_while(|&&c| c == b'\n' || c == b'\r')
            .count();
        let end = pos + run;
        if end < self.at {
            *self = LineCount::default();
        }
        self.breaks += memchr::memchr_iter(b'\n', &b[self.at..end]).count();
        self.at = end;
        self.breaks + 1
    }
}

impl Iterator for CsvRows<'_> {
    type Item = Row;

    fn next(&mut self) -> Option<Row> {
        if self.error.is_some() {
            return None;
        }
        match self.reader.read_record(&mut self.record) {
            Ok(true) => {}
            Ok(false) => return None,
            Err(e) => {
                let line = e.position().map(|p| self.line_of(p.byte() as usize));
                self.error = Some(csv_error_at(&e, &self.path, &self.lines, line));
                return None;
            }
        }
        let line = self.record.position().map_or(1, |p| p.byte() as usize);
        let line = self.line_of(line);
        // A quoted cell with line breaks makes the row span lines: its source holds
        // them all, so that a cell after the break is found on its own line.
        let breaks: usize = self.record.iter().map(|f| f.matches('\n').count()).sum();
        let first = line
            .saturating_sub(1)
            .min(self.lines.len().saturating_sub(1));
        let last = (first + breaks).min(self.lines.len().saturating_sub(1));
        let source = self.lines.get(first..=last).unwrap_or(&[]).join("\n");
        let columns = field_columns(&source);
        let cells = self
            .record
            .iter()
            .enumerate()
            .map(|(i, raw)| Cell {
                text: clean(raw),
                raw: raw.to_string(),
                column: columns
                    .get(i)
                    .copied()
                    .unwrap_or_else(|| source.chars().count() + 1),
            })
            .collect();
        Some(Row {
            line,
            source,
            cells,
        })
    }
}

/// The 1-based character column where each field's text starts in a CSV row's
/// source (the character after the opening quote of a quoted field), with the csv
/// crate's rules: a quote opens a field only at its start, `""` inside is a quote, any
/// other quote closes it (what follows up to the comma still belongs to the field).
fn field_columns(source: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut chars = source.chars().peekable();
    let mut col = 1;
    loop {
        let quoted = chars.peek() == Some(&'"');
        if quoted {
            chars.next();
            col += 1;
        }
        // An empty field's column is the comma before it.
        let empty = !quoted && matches!(chars.peek(), None | Some(','));
        out.push(if empty && col > 1 { col - 1 } else { col });
        let mut in_quotes = quoted;
        loop {
            match chars.next() {
                None => return out,
                Some('"') if in_quotes => {
                    col += 1;
                    if chars.peek() == Some(&'"') {
                        chars.next();
                        col += 1;
                    } else {
                        in_quotes = false;
                    }
                }
                Some(',') if !in_quotes => {
                    col += 1;
                    break;
                }
                Some(_) => col += 1,
            }
        }
    }
}

/// A quoted field as the csv reader sees it: where its opening quote is (1-based line,
/// byte offset in the line) and the line of its closing quote (`None`: never closed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct QuotedSpan {
    line: usize,
    byte: usize,
    end_line: Option<usize>,
    /// Byte offset in the end line of the closing quote.
    end_byte: usize,
}

/// The quoted fields that span lines, with the csv crate's rules: a quote opens a
/// field only at its start, `""` inside is a quote, any other quote closes it.
fn multiline_quotes(text: &str) -> Vec<QuotedSpan> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let (mut line, mut line_start) = (1usize, 0usize);
    let mut at_field_start = true;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' if at_field_start => {
                let (open_line, open_byte) = (line, i - line_start);
                i += 1;
                let mut closed = false;
                while i < b.len() {
                    match b[i] {
                        b'"' if b.get(i + 1) == Some(&b'"') => i += 2,
                        b'"' => {
                            closed = true;
                            break;
                        }
                        b'\n' => {
                            line += 1;
                            line_start = i + 1;
                            i += 1;
                        }
                        _ => i += 1,
                    }
                }
                if !closed || line > open_line {
                    out.push(QuotedSpan {
                        line: open_line,
                        byte: open_byte,
                        end_line: closed.then_some(line),
                        end_byte: i.saturating_sub(line_start),
                    });
                }
                at_field_start = false;
                i += 1;
            }
            b',' => {
                at_field_start = true;
                i += 1;
            }
            b'\n' => {
                line += 1;
                line_start = i + 1;
                at_field_start = true;
                i += 1;
            }
            b'\r' => i += 1,
            _ => {
                at_field_start = false;
                i += 1;
            }
        }
    }
    out
}

/// The error for an unclosed quote, or a quote whose field swallows lines that look
/// like rows (as many commas as the first line has).
fn check_quotes(text: &str, lines: &[&str], path: &Path) -> Result<(), Diagnostic> {
    let commas = lines.first().map_or(0, |l| l.matches(',').count()).max(2);
    for q in multiline_quotes(text) {
        let src = lines.get(q.line - 1).copied().unwrap_or("");
        let col = src.get(..q.byte).map_or(1, |s| s.chars().count() + 1);
        let at = |d: Diagnostic| d.in_file(path).at(q.line, col, 1, src);
        let Some(end) = q.end_line else {
            return Err(at(Diagnostic::error(msg::quote_never_closed()))
                .help(msg::quote_never_closed_help()));
        };
        let swallowed = (q.line + 1..=end).find(|&l| {
            let line = lines.get(l - 1).copied().unwrap_or("");
            let part = if l == end {
                line.get(..q.end_byte).unwrap_or(line)
            } else {
                line
            };
            part.matches(',').count() >= commas
        });
        if let Some(l) = swallowed {
            return Err(at(Diagnostic::error(msg::quote_closed_late(end, l)))
                .related(Msg::verbatim(format!("{}:{l}", path.display())))
                .help(msg::quote_closed_late_help()));
        }
    }
    Ok(())
}

/// A csv-crate error as a diagnostic at its line.
pub fn csv_error_at(
    e: &csv::Error,
    path: &Path,
    lines: &[&str],
    line: Option<usize>,
) -> Diagnostic {
    let d = Diagnostic::error(msg::unreadable(e))
        .in_file(path)
        .help(msg::unreadable_help());
    match line {
        Some(l) => d.at(l, 1, 1, lines.get(l - 1).copied().unwrap_or("")),
        None => d,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_html_and_space() {
        assert_eq!(clean("<p>1.承担</p> <p>2.负责</p>"), "1.承担\n2.负责");
        assert_eq!(clean("  a&nbsp;&amp;\u{3000}b "), "a & b");
        assert_eq!(clean("≤100%"), "≤100%");
        assert_eq!(clean("a<b"), "a<b");
        assert_eq!(clean("<script>x</script>"), "<script>x</script>");
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(clean("&le;100%"), "≤100%");
        assert_eq!(clean("&ge;3台/辆"), "≥3台/辆");
        assert_eq!(clean("&lt;=5%"), "<=5%");
        assert_eq!(clean("&ldquo;一带一路&rdquo;"), "“一带一路”");
        assert_eq!(clean("&#8805;90%"), "≥90%");
    }

    /// Where a cell's text starts, for each field of a CSV row.
    #[test]
    fn csv_field_columns() {
        assert_eq!(field_columns("a,bc,d"), [1, 3, 6]);
        // An empty field is at the comma before it; the first at column 1.
        assert_eq!(field_columns(",a,,"), [1, 2, 3, 4]);
        // A quoted field starts after its quote; a doubled quote is one character
        // of text but two of the line; a comma inside quotes is text.
        assert_eq!(field_columns("\"x,\"\"y\",z"), [2, 9]);
        assert_eq!(field_columns("基本,\"支\n出\",7"), [1, 5, 10]);
        // Text after a closing quote belongs to the field (the csv crate's rule).
        assert_eq!(field_columns("\"ab\"cd,e"), [2, 8]);
        assert_eq!(field_columns(""), [1]);
    }

    /// A cell after a quoted line break is pointed at on its own line, in CSV as in
    /// pasted tables, with that line quoted.
    #[test]
    fn csv_cells_after_a_line_break_are_on_their_line() {
        let text = "月份,项目,数值\r\n2026-05,\"基本\r\n支出\",4x,\"备\n注\"\r\n2026-06,a,1\r\n";
        let rows = csv_rows(text, Path::new("a.csv")).unwrap();
        assert_eq!(rows.len(), 3);
        let r = &rows[1];
        assert_eq!(r.line, 2);
        assert_eq!(r.first_line(), "2026-05,\"基本");
        let at = |i: usize| {
            let d = r.point(
                Path::new("a.csv"),
                Diagnostic::error(crate::diag::Msg::verbatim("x")),
                &r.cells[i],
                "",
            );
            (d.line, d.column, d.width, d.source)
        };
        assert_eq!(at(0), (Some(2), Some(1), 7, Some("2026-05,\"基本".into())));
        assert_eq!(at(1), (Some(2), Some(10), 2, Some("2026-05,\"基本".into())));
        assert_eq!(at(2), (Some(3), Some(5), 2, Some("支出\",4x,\"备".into())));
        assert_eq!(at(3), (Some(3), Some(9), 1, Some("支出\",4x,\"备".into())));
        // The next row's line counts the breaks inside the quotes.
        assert_eq!(rows[2].line, 5);
        assert_eq!(rows[2].cells[2].column, 11);
        // The whole row: its first line.
        let d = r.point_row(
            Path::new("a.csv"),
            Diagnostic::error(crate::diag::Msg::verbatim("x")),
        );
        assert_eq!((d.line, d.column, d.width), (Some(2), Some(1), 11));
    }

    #[test]
    fn excel_clipboard_quoting() {
        let rows = tsv_rows("单位主要职能\t\"1.承担外事工作；\n2.负责\"\"项目\"\"管理；\n3.配合\"\t备注\n下一行\t\"一带一路\"倡议\n");
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].line, 1);
        assert_eq!(rows[0].cells.len(), 3);
        assert_eq!(
            rows[0].cells[1].text,
            "1.承担外事工作；\n2.负责\"项目\"管理；\n3.配合"
        );
        assert_eq!(rows[0].cells[2].text, "备注");
        assert_eq!(rows[0].first_line(), "单位主要职能\t\"1.承担外事工作；");
        assert_eq!(rows[0].source.lines().count(), 3);
        // A cell that only starts with a quote is not quoted.
        assert_eq!(rows[1].line, 4);
        assert_eq!(rows[1].cells[1].text, "\"一带一路\"倡议");
        // A cell after a multi-line one is pointed at on its own line.
        let d = rows[0].point(
            Path::new("t.txt"),
            Diagnostic::error(crate::diag::Msg::verbatim("x")),
            &rows[0].cells[2],
            "",
        );
        assert_eq!((d.line, d.column), (Some(3), Some(7)));
        assert_eq!(d.source.as_deref(), Some("3.配合\"\t备注"));
        let d = rows[0].point(
            Path::new("t.txt"),
            Diagnostic::error(crate::diag::Msg::verbatim("x")),
            &rows[0].cells[0],
            "",
        );
        assert_eq!((d.line, d.column), (Some(1), Some(1)));
        // An unclosed quote is text.
        let rows = tsv_rows("a\t\"b\nc\td\n");
        assert_eq!(rows[0].cells[1].text, "\"b");
        assert_eq!(rows[1].cells[0].text, "c");
    }

    #[test]
    fn tsv_columns_count_characters() {
        let rows = tsv_rows("一级\t二级\t=46%\r\n");
        assert_eq!(rows[0].cells[2].column, 7);
        assert_eq!(rows[0].cells[2].text, "=46%");
        assert_eq!(rows.len(), 2);
    }

    #[test]
    fn an_unclosed_quote_is_an_error_at_its_line() {
        let text = "month,item,value,note\n2026-05,a,1,\"note\n2026-06,b,2,\n2026-07,c,3,\n";
        let e = csv_rows(text, Path::new("x.csv")).unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(13)), "{e}");
        assert!(e.message.en().contains("never closed"), "{e}");
    }

    #[test]
    fn a_quote_closed_rows_later_is_an_error() {
        let text = "month,item,value,note\n2026-05,a,1,\"note\n2026-06,b,2,x\n2026-07,c,3,\"y\"\n";
        let e = csv_rows(text, Path::new("x.csv")).unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(13)), "{e}");
        assert!(e.message.en().contains("closed only on line 4"), "{e}");
        // A note over two lines, without commas, is fine.
        let ok = "month,item,value,note\n2026-05,a,1,\"two\nlines\"\n2026-06,b,2,\n";
        let rows = csv_rows(ok, Path::new("x.csv")).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1].cells[3].raw, "two\nlines");
        assert_eq!(rows[2].line, 4);
    }

    #[test]
    fn quoted_cells_are_known() {
        let rows = csv_rows("a,\"1,234\",5\n", Path::new("x.csv")).unwrap();
        assert!(!rows[0].is_quoted(&rows[0].cells[0]));
        assert!(rows[0].is_quoted(&rows[0].cells[1]));
        assert!(!rows[0].is_quoted(&rows[0].cells[2]));
    }

    #[test]
    fn csv_rows_with_quotes() {
        let rows = csv_rows("a,\"b,c\",=46%\n", Path::new("x.csv")).unwrap();
        assert_eq!(rows[0].cells[1].text, "b,c");
        assert_eq!(rows[0].cells[2].column, 9);
    }
}
