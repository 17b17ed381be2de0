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
