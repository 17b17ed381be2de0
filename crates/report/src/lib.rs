//! attain's reports: documents and writers.
//!
//! Invariant: core decides every figure; a document ([`document`]) chooses the columns,
//! labels and order of one report kind and builds a typed [`doc::Document`] once;
//! one writer per format ([`mod@write`]) formats its cells by their type. Writers know no
//! report kind and no column position, so all formats agree.

pub mod chart;
pub mod chart_data;
pub mod doc;
pub mod document;
pub mod evaluation;
pub mod html;
pub mod lang;
pub mod portfolio;
pub mod progress;
pub mod review;
pub mod template;
pub mod terminal;
pub mod unit_json;
pub mod write;

pub use lang::Lang;

use chart::{ChartError, ChartStyle, FontSource};
use evaluation::EvaluationReport;
use progress::ProgressReport;

/// A file a report writes: its name and its bytes.
pub type File = (String, Vec<u8>);

/// The formats a report can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Md,
    Json,
    Csv,
    /// One self-contained HTML page.
    Html,
    /// The charts as SVG.
    Svg,
    /// An Excel workbook.
    Xlsx,
}

/// A built report of any kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    Progress(Box<ProgressReport>),
    Evaluation(Box<EvaluationReport>),
}

impl Report {
    /// The file stem: `progress`, `midyear`, `yearend`.
    pub fn stem(&self) -> &'static str {
        match self {
            Report::Progress(_) => "progress",
            Report::Evaluation(r) => r.kind.code(),
        }
    }

    /// The progress of the same month, which the charts show.
    pub fn progress(&self) -> &ProgressReport {
        match self {
            Report::Progress(r) => r,
            Report::Evaluation(r) => &r.progress,
        }
    }

    /// The short summary for the terminal.
    pub fn summary(&self, lang: Lang) -> String {
        match self {
            Report::Progress(r) => progress::summary(r, lang),
            Report::Evaluation(r) => evaluation::summary(r, lang),
        }
    }

    /// The report as a typed document in `lang`, with the indicators' ids (编号) if
    /// `ids`: what every writer but JSON reads.
    pub fn document(&self, lang: Lang, ids: bool) -> doc::Document {
        match self {
            Report::Progress(r) => document::progress(r, lang, ids),
            Report::Evaluation(r) => document::evaluation(r, lang, ids),
        }
    }

    /// The JSON contract (see the README): field names are the documents' column keys.
    pub fn json(&self) -> String {
        match self {
            Report::Progress(r) => progress::json_text(r),
            Report::Evaluation(r) => evaluation::json_text(r),
        }
    }

    /// The files of one format (the charts are several files); `ids`: show the
    /// indicators' ids in the tables and lists (JSON always has them).
    pub fn render(
        &self,
        format: Format,
        style: &ChartStyle,
        ids: bool,
    ) -> Result<Vec<File>, String> {
        let lang = style.lang;
        let name = |ext: &str| format!("{}.{ext}", self.stem());
        let one = |ext: &str, text: String| Ok(vec![(name(ext), text.into_bytes())]);
        match format {
            Format::Svg => Ok(chart_data::svg_files(self.progress(), style)),
            Format::Json => one("json", self.json()),
            Format::Md => one("md", write::md::write(&self.document(lang, ids))),
            Format::Csv => one("csv", write::csv::write(&self.document(lang, ids))),
            Format::Html => one(
                "html",
                write::html::write(&self.document(lang, ids), self.progress()),
            ),
            Format::Xlsx => write::xlsx::write(&self.document(lang, ids))
                .map(|b| vec![(name("xlsx"), b)])
                .map_err(|e| format!("cannot build the workbook: {e}")),
        }
    }

    /// The charts as PNG, drawn with a CJK font; fails (naming the font package to
    /// install) rather than draw boxes.
    pub fn render_png(
        &self,
        style: &ChartStyle,
        font: &FontSource,
    ) -> Result<Vec<File>, ChartError> {
        chart_data::png_files(self.progress(), style, font)
    }
}

/// Text encodings shared by the renderers.
pub mod text {
    use serde_json::Value;

    /// The most characters an Excel cell holds.
    pub const EXCEL_CELL_MAX: usize = 32_767;

    /// `s` as an Excel cell can hold it: unchanged when it fits, else cut with a
    /// visible mark saying how much is shown, so that one long note never fails the
    /// workbook (the other formats keep the whole text).
    pub fn excel_cell(s: &str) -> std::borrow::Cow<'_, str> {
        let n = s.chars().count();
        if n <= EXCEL_CELL_MAX {
            return std::borrow::Cow::Borrowed(s);
        }
        let mark = |kept: usize| {
            format!(" …〔已截断 truncated: {kept} of {n} characters shown; the full text is in the md/json/csv/html report〕")
        };
        // The mark's length depends only on the digits of `kept`: size it for the
        // largest.
        let kept = EXCEL_CELL_MAX - mark(EXCEL_CELL_MAX).chars().count();
        let mut out: String = s.chars().take(kept).collect();
        out.push_str(&mark(kept));
        std::borrow::Cow::Owned(out)
    }

    /// Pretty JSON with a final new line.
    pub fn json_pretty(v: &Value) -> String {
        let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
        s.push('\n');
        s
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn excel_cells_are_cut_with_a_mark() {
            assert_eq!(excel_cell("短"), "短");
            let fits = "字".repeat(EXCEL_CELL_MAX);
            assert_eq!(excel_cell(&fits), fits);
            let long = "字".repeat(40_000);
            let cut = excel_cell(&long);
            assert!(
                cut.chars().count() <= EXCEL_CELL_MAX,
                "{}",
                cut.chars().count()
            );
            assert!(
                cut.ends_with(
                    "of 40000 characters shown; the full text is in the md/json/csv/html report〕"
                ),
                "{}",
                &cut[cut.len() - 200..]
            );
            assert!(cut.starts_with(&"字".repeat(32_000)));
        }
    }
}
