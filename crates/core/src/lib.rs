//! The model of attain — indicators, targets, comparators, units, periods and budget
//! lines — and all evaluation and scoring.
//!
//! Invariant: this crate does no I/O and prints nothing. Everything it needs comes in
//! as values; everything it finds goes out as values ([`Check`], report models).
//! Money and rates are [`rust_decimal::Decimal`]: never floats.

pub mod actuals;
pub mod budget;
pub mod check;
pub mod completeness;
pub mod crosscheck;
pub mod dec_serde;
pub mod evaluation;
pub mod fmt;
pub mod indicator;
pub mod lookup;
pub mod model;
pub mod msg;
pub mod period;
pub mod portfolio;
pub mod progress;
pub mod review;
pub mod rule;
pub mod scoring;
pub mod settings;
pub mod target;
pub mod value;
pub mod weights;

pub use budget::{Budget, BudgetLine, IncomeSource};
pub use check::{Check, Part, Severity};
pub use indicator::{Indicator, IndicatorId, Level1, Measure};
pub use model::{Model, UnitInfo};
pub use period::{Month, Period};
pub use rust_decimal::Decimal;
pub use scoring::{Grade, RowScore, Rule, Scorecard};
pub use settings::Settings;
pub use target::{Comparator, Direction, Target, Unit};
pub use value::{Tier, Value};
