//! Diagnostics that point at the exact place in a file, in the style of rustc and
//! `just`:
//!
//! ```text
//! error: expected a number after `≥`, found `三个`
//!   --> data/table.txt:60:31 (半年指标值)
//!    |
//! 60 |  … 出访团组个数 ≥三个 ≥3个
//!    |                 ^^^^^
//!    = help: write the value in digits followed by the unit, e.g. `≥3个` or `=46%`
//! ```
// The example above shows a tab-separated source line as the diagnostic prints it.
#![allow(clippy::tabs_in_doc_comments)]

use std::fmt;
use std::path::{Path, PathBuf};

use attain_core::msg::{common, common::diag as words};
pub use attain_core::msg::{Lang, Msg};
pub use attain_core::Severity;

/// One finding about an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: Msg,
    pub file: Option<PathBuf>,
    /// 1-based line.
    pub line: Option<usize>,
    /// 1-based column, in characters.
    pub column: Option<usize>,
    /// Width of the underlined part, in characters.
    pub width: usize,
    /// What the column is (`半年指标值`, `value`), shown after the position.
    pub column_name: Option<String>,
    /// Where in a workbook (`sheet 8月, cell C2`), shown after the column name.
    pub place: Option<Msg>,
    /// The text of the line, to quote.
    pub source: Option<String>,
    pub help: Option<Msg>,
    /// Further places that belong to this finding (e.g. the first of two duplicates).
    pub related: Vec<Msg>,
}

impl Diagnostic {
    pub fn new(severity: Severity, message: impl Into<Msg>) -> Self {
        Diagnostic {
            severity,
            message: message.into(),
            file: None,
            line: None,
            column: None,
            width: 1,
            column_name: None,
            place: None,
            source: None,
            help: None,
            related: Vec::new(),
        }
    }

    pub fn error(message: impl Into<Msg>) -> Self {
        Diagnostic::new(Severity::Error, message)
    }

    pub fn warning(message: impl Into<Msg>) -> Self {
        Diagnostic::new(Severity::Warning, message)
    }

    pub fn note(message: impl Into<Msg>) -> Self {
        Diagnostic::new(Severity::Note, message)
    }

    pub fn in_file(mut self, file: &Path) -> Self {
        self.file = Some(file.to_path_buf());
        self
    }

    /// Point at 1-based `line` and `column` (characters), quoting `source`.
    pub fn at(mut self, line: usize, column: usize, width: usize, source: &str) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self.width = width.max(1);
        self.source = Some(source.to_string());
        self
    }

    /// Point at a whole line (no column).
    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub fn column_name(mut self, name: impl Into<String>) -> Self {
        self.column_name = Some(name.into());
        self
    }

    /// Say where in a workbook the finding is (a sheet, a cell, a row of a sheet).
    pub fn place(mut self, place: Msg) -> Self {
        self.place = Some(place);
        self
    }

    /// The column name and the place, as shown after the position:
    /// `value, sheet 8月, cell C2`.
    pub fn column_label(&self, lang: Lang) -> Option<String> {
        let place = self.place.as_ref().map(|p| p.render(lang));
        match (&self.column_name, place) {
            (Some(c), Some(p)) => Some(format!("{c}{}{p}", lang.pick("，", ", "))),
            (Some(c), None) => Some(c.clone()),
            (None, p) => p,
        }
    }

    pub fn help(mut self, help: impl Into<Msg>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn related(mut self, place: impl Into<Msg>) -> Self {
        self.related.push(place.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column`, as far as known.
    pub fn location(&self) -> Option<String> {
        let file = self.file.as_ref()?.display().to_string();
        Some(match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
            (Some(l), None) => format!("{file}:{l}"),
            _ => file,
        })
    }
}

/// The word for a severity, in `lang`.
pub fn label(s: Severity, lang: Lang) -> String {
    match s {
        Severity::Error => common::error(),
        Severity::Warning => common::warning(),
        Severity::Note => common::note(),
    }
    .render(lang)
}

pub use attain_core::fmt::display_width;

/// English, for tests and logs; the terminal uses [`Diagnostic::render`].
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, Lang::En)
    }
}

impl Diagnostic {
    /// The finding as the terminal shows it, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let mut s = String::new();
        let _ = self.write(&mut s, lang);
        s
    }

    fn write(&self, f: &mut impl fmt::Write, lang: Lang) -> fmt::Result {
        let colon = lang.pick("：", ": ");
        writeln!(
            f,
            "{}{colon}{}",
            label(self.severity, lang),
            self.message.render(lang)
        )?;
        if let Some(loc) = self.location() {
            match self.column_label(lang) {
                Some(c) => writeln!(f, "  --> {loc} ({c})")?,
                None => writeln!(f, "  --> {loc}")?,
            }
        }
        if let (Some(line), Some(src)) = (self.line, &self.source) {
            let num = line.to_string();
            let pad = " ".repeat(num.len());
            // Tabs are shown as a single space so the caret lines up.
            let shown: String = src
                .chars()
                .map(|c| if c == '\t' { ' ' } else { c })
                .collect();
            let (shown, col) = elide(&shown, self.column.unwrap_or(1));
            writeln!(f, "{pad} |")?;
            writeln!(f, "{num} | {shown}")?;
            if self.column.is_some() {
                let before: String = shown.chars().take(col - 1).collect();
                let under: String = shown.chars().skip(col - 1).take(self.width).collect();
                let under_w = display_width(&under).max(1);
                writeln!(
                    f,
                    "{pad} | {}{}",
                    " ".repeat(display_width(&before)),
                    "^".repeat(under_w)
                )?;
            }
        }
        for r in &self.related {
            writeln!(
                f,
                "   = {}{colon}{}",
                words::also().render(lang),
                r.render(lang)
            )?;
        }
        if let Some(h) = &self.help {
            writeln!(
                f,
                "   = {}{colon}{}",
                common::help().render(lang),
                h.render(lang)
            )?;
        }
        Ok(())
    }
}

/// Shorten a long source line around `col` so that the caret stays in view. Returns
/// the shown text and the column within it.
fn elide(src: &str, col: usize) -> (String, usize) {
    const KEEP: usize = 60;
    let chars: Vec<char> = src.chars().collect();
    if chars.len() <= KEEP * 2 {
        return (src.to_string(), col);
    }
    let start = col.saturating_sub(KEEP / 2).max(1) - 1;
    let end = (start + KEEP * 2).min(chars.len());
    let mut s = String::new();
    let mut new_col = col - start;
    if start > 0 {
        s.push('…');
        new_col += 1;
    }
    s.extend(&chars[start..end]);
    if end < chars.len() {
        s.push('…');
    }
    (s, new_col)
}

/// How many diagnostics of one kind in one file are kept in full; the rest are
/// counted (a file of a million bad rows prints a screenful and a count, not a
/// million messages, and memory stays bounded).
pub const MAX_PER_KIND: usize = 10;

/// Diagnostics gathered while reading, in order: the first [`MAX_PER_KIND`] of each
/// kind (the message without its quoted parts and numbers) and file in full, then a
/// count per kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>, Tally);

/// The counts behind the bound of [`Diagnostics`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// Diagnostics seen per (file, severity, kind).
    seen: std::collections::BTreeMap<KindKey, usize>,
    /// Those left out, in the order their kind was first cut: key, an example
    /// message, how many.
    omitted: Vec<(KindKey, Msg, usize)>,
}

type KindKey = (Option<PathBuf>, u8, String);

fn severity_rank(s: Severity) -> u8 {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Note => 2,
    }
}

/// The kind of a message: its catalogue key; for a verbatim text, the text with each
/// `quoted` part as `…` and each run of digits as `#`, so that "unknown item `a`" and
/// "unknown item `b`" are one kind.
pub fn kind(message: &Msg) -> String {
    match message.entry() {
        Some(e) => e.key.to_string(),
        None => kind_of(&message.en()),
    }
}

/// The kind of a verbatim text (see [`kind`]).
pub fn kind_of(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(200));
    let mut quoted = false;
    let mut digits = false;
    for c in message.chars() {
        if c == '`' {
            if !quoted {
                out.push_str("`…`");
            }
            quoted = !quoted;
            digits = false;
            continue;
        }
        if quoted {
            continue;
        }
        if c.is_ascii_digit() {
            if !digits {
                out.push('#');
            }
            digits = true;
            continue;
        }
        digits = false;
        out.push(c);
    }
    out
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        let key = (d.file.clone(), severity_rank(d.severity), kind(&d.message));
        let n = self.1.seen.entry(key.clone()).or_default();
        *n += 1;
        if *n <= MAX_PER_KIND {
            self.0.push(d);
            return;
        }
        match self.1.omitted.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, _, count)) => *count += 1,
            None => self.1.omitted.push((key, d.message, 1)),
        }
    }

    pub fn extend(&mut self, other: Diagnostics) {
        for d in other.0 {
            self.push(d);
        }
        for (key, example, count) in other.1.omitted {
            *self.1.seen.entry(key.clone()).or_default() += count;
            match self.1.omitted.iter_mut().find(|(k, _, _)| *k == key) {
                Some((_, _, c)) => *c += count,
                None => self.1.omitted.push((key, example, count)),
            }
        }
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// The errors kept in full.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }

    /// How many diagnostics of severity `s` there were, the left-out ones included.
    pub fn count(&self, s: Severity) -> usize {
        self.0.iter().filter(|d| d.severity == s).count() + self.omitted_count(s)
    }

    /// How many diagnostics of severity `s` were counted but not kept.
    pub fn omitted_count(&self, s: Severity) -> usize {
        self.1
            .omitted
            .iter()
            .filter(|((_, r, _), _, _)| *r == severity_rank(s))
            .map(|(_, _, n)| n)
            .sum()
    }

    /// The diagnostics kept in full.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        let mut d = Diagnostics::default();
        for x in iter {
            d.push(x);
        }
        d
    }
}

/// English, for tests and logs; the terminal uses [`Diagnostics::render`].
impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, Lang::En)
    }
}

impl Diagnostics {
    /// Every finding, the counts of those left out and the totals, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let mut s = String::new();
        let _ = self.write(&mut s, lang);
        s
    }

    fn write(&self, f: &mut impl fmt::Write, lang: Lang) -> fmt::Result {
        for d in &self.0 {
            d.write(f, lang)?;
            writeln!(f)?;
        }
        let colon = lang.pick("：", ": ");
        for ((file, rank, _), example, n) in &self.1.omitted {
            let what = label(
                match rank {
                    0 => Severity::Error,
                    1 => Severity::Warning,
                    _ => Severity::Note,
                },
                lang,
            );
            let place = file
                .as_ref()
                .map(|p| words::in_file(p.display()).render(lang))
                .unwrap_or_default();
            let line = words::more_of_kind(n, &what, place, MAX_PER_KIND, example);
            writeln!(f, "{what}{colon}{}\n", line.render(lang))?;
        }
        let (e, w) = (self.count(Severity::Error), self.count(Severity::Warning));
        if e + w > 0 {
            writeln!(f, "{}", words::totals(e, w).render(lang))?;
        }
        Ok(())
    }
}

/// Reading failed: the diagnostics say why (at least one is an error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failed(pub Diagnostics);

impl fmt::Display for Failed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Failed {}

impl From<Diagnostic> for Failed {
    fn from(d: Diagnostic) -> Self {
        Failed(std::iter::once(d).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnostics_are_bounded_per_kind_and_file() {
        let mut d = Diagnostics::default();
        for i in 0..1000 {
            d.push(
                Diagnostic::error(Msg::verbatim(format!("unknown item `x{i}` on row {i}")))
                    .in_file(Path::new("a.csv")),
            );
            d.push(
                Diagnostic::warning(Msg::verbatim(format!("odd value {i}")))
                    .in_file(Path::new("a.csv")),
            );
        }
        for i in 0..3 {
            d.push(
                Diagnostic::error(Msg::verbatim(format!("unknown item `y{i}`")))
                    .in_file(Path::new("b.csv")),
            );
        }
        // Ten of each kind and file in full, the rest counted.
        assert_eq!(d.0.len(), 10 + 10 + 3);
        assert_eq!(d.count(Severity::Error), 1003);
        assert_eq!(d.count(Severity::Warning), 1000);
        assert_eq!(d.omitted_count(Severity::Error), 990);
        let text = d.to_string();
        assert!(text.contains("error: 990 more error(s) of this kind in a.csv not shown (the first 10 are above), like: unknown item `x10` on row 10"), "{text}");
        assert!(text.ends_with("1003 error(s), 1000 warning(s)\n"), "{text}");
        // Merging keeps the bound and the counts.
        let mut all = Diagnostics::default();
        all.extend(d.clone());
        all.extend(d);
        assert_eq!(all.0.len(), 26, "b.csv has six now, all shown");
        assert_eq!(all.count(Severity::Error), 2006);
        assert!(all.has_errors());
        assert_eq!(
            kind_of("month 2025-05 is outside the target year 2026"),
            "month #-# is outside the target year #"
        );
    }

    #[test]
    fn renders_with_caret_under_cjk() {
        let d = Diagnostic::error(Msg::verbatim("expected a number after `≥`, found `三个`"))
            .in_file(Path::new("t.txt"))
            .at(60, 7, 2, "出访团组\t≥三个")
            .column_name("半年指标值")
            .help(Msg::verbatim("write digits"));
        let s = d.to_string();
        assert!(s.contains("--> t.txt:60:7 (半年指标值)"), "{s}");
        // Four CJK characters (8 columns), the tab shown as one space, `≥`: 10 columns.
        assert!(s.contains(&format!("   | {}^^^^\n", " ".repeat(10))), "{s}");
        assert!(s.contains("= help: write digits"));
    }

    #[test]
    fn a_workbook_place_and_the_help_follow_the_language() {
        use attain_core::msg::{actuals, workbook};
        let d = Diagnostic::error(actuals::spending_not_a_number("四十"))
            .in_file(Path::new("actuals/2026.xlsx"))
            .at(2, 14, 2, "2026-08\t基本支出\t四十")
            .column_name("value")
            .place(workbook::at_cell("8月", "C2"))
            .help(actuals::spending_not_a_number_help());
        let zh = d.render(Lang::Zh);
        assert!(zh.starts_with("错误：支出“四十”不是数字\n"), "{zh}");
        assert!(
            zh.contains("--> actuals/2026.xlsx:2:14 (value，工作表 8月，单元格 C2)\n"),
            "{zh}"
        );
        assert!(
            zh.ends_with("= 帮助：请以万元填写当月支出，只写数字，例如 48.20\n"),
            "{zh}"
        );
        let en = d.render(Lang::En);
        assert!(
            en.contains("--> actuals/2026.xlsx:2:14 (value, sheet 8月, cell C2)\n"),
            "{en}"
        );
        assert_eq!(
            d.column_label(Lang::En).as_deref(),
            Some("value, sheet 8月, cell C2")
        );
        // Without a column, the place alone.
        let d = Diagnostic::error(actuals::empty_file()).place(workbook::at_sheet("说明"));
        assert_eq!(d.column_label(Lang::Zh).as_deref(), Some("工作表 说明"));
        // Catalogue messages are bounded by their key, whatever their values.
        let mut all = Diagnostics::default();
        for i in 0..15 {
            all.push(
                Diagnostic::error(actuals::unknown_item(format!("x{i}")))
                    .in_file(Path::new("a.csv")),
            );
        }
        assert_eq!((all.0.len(), all.count(Severity::Error)), (10, 15));
        let zh = all.render(Lang::Zh);
        assert!(
            zh.contains("错误：另有 5 条同类错误（文件 a.csv）未显示（上面列出了前 10 条），例如：未知的项目“x10”"),
            "{zh}"
        );
    }
}
