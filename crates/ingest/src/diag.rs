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

pub use attain_core::Severity;

/// One finding about an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub file: Option<PathBuf>,
    /// 1-based line.
    pub line: Option<usize>,
    /// 1-based column, in characters.
    pub column: Option<usize>,
    /// Width of the underlined part, in characters.
    pub width: usize,
    /// What the column is (`半年指标值`, `value`), shown after the position.
    pub column_name: Option<String>,
    /// The text of the line, to quote.
    pub source: Option<String>,
    pub help: Option<String>,
    /// Further places that belong to this finding (e.g. the first of two duplicates).
    pub related: Vec<String>,
}

impl Diagnostic {
    pub fn new(severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            message: message.into(),
            file: None,
            line: None,
            column: None,
            width: 1,
            column_name: None,
            source: None,
            help: None,
            related: Vec::new(),
        }
    }

    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic::new(Severity::Error, message)
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic::new(Severity::Warning, message)
    }

    pub fn note(message: impl Into<String>) -> Self {
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

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn related(mut self, place: impl Into<String>) -> Self {
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

fn label(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

pub use attain_core::fmt::display_width;

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}: {}", label(self.severity), self.message)?;
        if let Some(loc) = self.location() {
            match &self.column_name {
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
            writeln!(f, "   = also: {r}")?;
        }
        if let Some(h) = &self.help {
            writeln!(f, "   = help: {h}")?;
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

/// Diagnostics gathered while reading, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }

    pub fn count(&self, s: Severity) -> usize {
        self.0.iter().filter(|d| d.severity == s).count()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        let (e, w) = (self.count(Severity::Error), self.count(Severity::Warning));
        if e + w > 0 {
            writeln!(f, "{e} error(s), {w} warning(s)")?;
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
        Failed(Diagnostics(vec![d]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_with_caret_under_cjk() {
        let d = Diagnostic::error("expected a number after `≥`, found `三个`")
            .in_file(Path::new("t.txt"))
            .at(60, 7, 2, "出访团组\t≥三个")
            .column_name("半年指标值")
            .help("write digits");
        let s = d.to_string();
        assert!(s.contains("--> t.txt:60:7 (半年指标值)"), "{s}");
        // Four CJK characters (8 columns), the tab shown as one space, `≥`: 10 columns.
        assert!(s.contains(&format!("   | {}^^^^\n", " ".repeat(10))), "{s}");
        assert!(s.contains("= help: write digits"));
    }
}
