//! Markdown: the title, a stamp as a quote, the headline, each section with its
//! tables (figures right-aligned) and lists, and the footnote. User text is escaped:
//! HTML and link syntax show as written, a line break never starts a new block.

use crate::doc::{Block, Document, Kind, Style, Table};
use crate::lang::Lang;

/// Text safe inside a Markdown paragraph, list item or table cell: `\ | * _ [ ] < >
/// ` #` and friends escaped, line breaks as spaces.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' => out.push(' '),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
}

fn table(t: &Table, lang: Lang) -> String {
    // One header row: a grouped column is headed `group·head`.
    let head: Vec<String> = t.columns.iter().map(|c| escape(&c.full_head())).collect();
    let mut out = format!("| {} |\n", head.join(" | "));
    let seps: Vec<&str> = t
        .columns
        .iter()
        .map(|c| match c.kind {
            Kind::Number => "---:",
            _ => "---",
        })
        .collect();
    out.push_str(&format!("| {} |\n", seps.join(" | ")));
    for (r, flat) in t.rows.iter().zip(super::flat(t)) {
        let cells: Vec<String> = flat
            .iter()
            .map(|c| {
                let s = escape(&c.display(lang));
                let s = format!("{}{s}", "\u{3000}".repeat(usize::from(c.indent)));
                match r.style {
                    Style::Total | Style::Subtotal if !s.is_empty() => format!("**{s}**"),
                    _ => s,
                }
            })
            .collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

/// The document as Markdown.
pub fn write(d: &Document) -> String {
    let mut out = format!("# {}\n\n", escape(&d.title));
    if !d.fields.is_empty() {
        let fields: Vec<String> = d.field_texts().iter().map(|f| escape(f)).collect();
        out.push_str(&format!("{}\n\n", fields.join("　　")));
    }
    if let Some(s) = &d.stamp {
        out.push_str(&format!("> {}\n\n", escape(s)));
    }
    out.push_str(&escape(&d.headline));
    out.push_str("\n\n");
    for s in &d.sections {
        out.push_str(&format!("## {}\n\n", escape(&s.heading)));
        for b in &s.blocks {
            match b {
                Block::Table(t) => {
                    out.push_str(&table(t, d.lang));
                    out.push('\n');
                }
                Block::Figure(_) => {}
                Block::List { items, .. } => {
                    for i in items {
                        out.push_str(&format!("- {}\n", escape(i)));
                    }
                    out.push('\n');
                }
                Block::Paragraph { text, .. } => {
                    out.push_str(&escape(text));
                    out.push_str("\n\n");
                }
            }
        }
    }
    out.push_str(&format!("---\n\n{}\n", escape(&d.footnote)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_cannot_make_markup() {
        assert_eq!(escape("a|b"), "a\\|b");
        assert_eq!(escape("x\n# heading"), "x \\# heading");
        assert_eq!(escape("[link](http://x)"), "\\[link\\](http://x)");
        assert_eq!(escape("<script>"), "\\<script\\>");
        assert_eq!(escape("=46%"), "=46%");
    }
}
