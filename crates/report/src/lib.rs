//! attain's report models and renderers.
//!
//! Invariant: builders turn core results into report models; renderers turn report
//! models into text (or, for XLSX, bytes). Renderers compute nothing: every figure in
//! a report comes from the model, so all formats agree.

pub mod chart;
pub mod chart_data;
pub mod evaluation;
pub mod html;
pub mod lang;
pub mod progress;
pub mod review;
pub mod terminal;
pub mod xlsx;

pub use lang::Lang;

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
