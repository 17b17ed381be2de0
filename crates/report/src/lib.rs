//! attain's report models and renderers.
//!
//! Invariant: builders turn core results into report models; renderers turn report
//! models into text (or, for XLSX and PNG, bytes). Renderers compute no figure of the
//! domain: every amount, rate, score and light in a report comes from the model, so
//! all formats agree (they only round, count and lay out).

pub mod chart;
pub mod chart_data;
pub mod evaluation;
pub mod html;
pub mod lang;
pub mod portfolio;
pub mod progress;
pub mod review;
pub mod terminal;
pub mod xlsx;

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

    /// The files of one format (the charts are several files).
    pub fn render(&self, format: Format, style: &ChartStyle) -> Result<Vec<File>, String> {
        let lang = style.lang;
        let name = |ext: &str| format!("{}.{ext}", self.stem());
        let one = |ext: &str, text: String| Ok(vec![(name(ext), text.into_bytes())]);
        match (format, self) {
            (Format::Svg, _) => Ok(chart_data::svg_files(self.progress(), style)),
            (Format::Md, Report::Progress(r)) => one("md", progress::markdown(r, lang)),
            (Format::Md, Report::Evaluation(r)) => one("md", evaluation::markdown(r, lang)),
            (Format::Json, Report::Progress(r)) => one("json", progress::json_text(r)),
            (Format::Json, Report::Evaluation(r)) => one("json", evaluation::json_text(r)),
            (Format::Csv, Report::Progress(r)) => one("csv", progress::csv(r)),
            (Format::Csv, Report::Evaluation(r)) => one("csv", evaluation::csv(r, lang)),
            (Format::Html, Report::Progress(r)) => one("html", html::progress(r, lang)),
            (Format::Html, Report::Evaluation(r)) => one("html", html::evaluation(r, lang)),
            (Format::Xlsx, r) => {
                let bytes = match r {
                    Report::Progress(r) => xlsx::xlsx(r, lang),
                    Report::Evaluation(r) => xlsx::evaluation_xlsx(r, lang),
                };
                bytes
                    .map(|b| vec![(name("xlsx"), b)])
                    .map_err(|e| format!("cannot build the workbook: {e}"))
            }
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

    /// Pretty JSON with a final new line.
    pub fn json_pretty(v: &Value) -> String {
        let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
        s.push('\n');
        s
    }

    /// CSV text, UTF-8 with a BOM so that Excel on Chinese Windows opens it as UTF-8.
    pub fn csv_with_bom<R, F>(header: &[F], rows: impl IntoIterator<Item = R>) -> String
    where
        R: IntoIterator,
        R::Item: AsRef<[u8]>,
        F: AsRef<[u8]>,
    {
        let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
        // Writing into memory cannot fail.
        let _ = w.write_record(header);
        for r in rows {
            let _ = w.write_record(r);
        }
        let body = String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default();
        format!("\u{feff}{body}")
    }
}
