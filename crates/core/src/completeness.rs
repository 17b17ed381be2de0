//! Whether the actuals up to an as-of month are all there.
//!
//! A report on months nobody reported looks final unless it says so. The rule:
//!
//! - a **month** from January to the as-of month is *reported* when at least one row of
//!   actuals is for it (any item). A unit spends on its 基本支出 every month, so a month
//!   with no row at all means its file is missing, not that nothing happened. A month
//!   that is not reported makes every report on it incomplete.
//! - a **level or grade** (`latest`, `grade` measures) that has a target for the period
//!   being judged and no figure by the as-of month cannot be judged: it is *unreported*.
//!   That makes a mid-year or year-end evaluation incomplete, not a monthly progress
//!   report (qualitative items are usually judged at June and December only).
//!
//! Counts (`sum`) and spending are not listed per item: a month with no row for them
//! counts as zero by design ("report only what happened"), so their absence is only
//! visible at the level of the month.

use serde::Serialize;

use crate::actuals::{Actuals, Item};
use crate::indicator::Measure;
use crate::model::Model;
use crate::period::{Month, Period};
use crate::target::Target;

/// What is missing from the actuals up to an as-of month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Completeness {
    pub as_of: Month,
    /// Months from January to as-of with no row of actuals at all, in order.
    pub missing_months: Vec<Month>,
    /// Levels and grades with a target for the period and no figure by as-of: their
    /// ids, in the model's order.
    pub unreported: Vec<String>,
}

impl Completeness {
    /// What is missing as of `as_of`, judging levels and grades against the targets of
    /// `period`.
    pub fn of(model: &Model, actuals: &Actuals, as_of: Month, period: Period) -> Completeness {
        let reported: std::collections::BTreeSet<Month> =
            actuals.entries().iter().map(|e| e.month).collect();
        let missing_months = as_of
            .year_to_date()
            .filter(|m| !reported.contains(m))
            .collect();
        let unreported = model
            .indicators
            .iter()
            .filter(|i| matches!(i.measure, Measure::Latest | Measure::Grade))
            .filter(|i| !matches!(i.target(period), Target::NotApplicable))
            .filter(|i| {
                let item = Item::Indicator(i.id.0.as_str().into());
                let reported = actuals.series(&item, as_of).next().is_some();
                !reported
            })
            .map(|i| i.id.0.clone())
            .collect();
        Completeness {
            as_of,
            missing_months,
            unreported,
        }
    }

    /// Every month up to as-of has figures (enough for a monthly progress report).
    pub fn months_complete(&self) -> bool {
        self.missing_months.is_empty()
    }

    /// Every month has figures and every level and grade to judge was reported
    /// (needed for a mid-year or year-end evaluation).
    pub fn is_complete(&self) -> bool {
        self.months_complete() && self.unreported.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actuals::Entry;
    use crate::value::Value;

    fn month(m: u8) -> Month {
        Month::new(2026, m).unwrap()
    }

    fn entry(m: u8, item: Item, value: Value) -> Entry {
        Entry {
            month: month(m),
            item,
            value,
            note: String::new(),
            source: Default::default(),
        }
    }

    fn indicator(id: &str, fy: &str, measure: Measure) -> crate::Indicator {
        crate::Indicator {
            id: crate::IndicatorId(id.into()),
            level1: crate::Level1::Process,
            level2: "测试".into(),
            key_work: None,
            name: id.into(),
            h1: Target::NotApplicable,
            fy: fy.parse().unwrap(),
            weight: 1.into(),
            measure,
            rule: None,
        }
    }

    fn model() -> Model {
        Model {
            unit: crate::UnitInfo {
                name: "测试单位".into(),
                year: 2026,
                functions: vec![],
                staffing: String::new(),
                long_term_goal: String::new(),
                annual_goal: String::new(),
                supervisor: String::new(),
            },
            settings: Default::default(),
            budget: crate::Budget {
                lines: vec![crate::BudgetLine {
                    name: "基本支出".into(),
                    parent: None,
                    h1_plan: 50.into(),
                    budget: 100.into(),
                }],
                income_total: None,
                income: vec![],
                lookup: Default::default(),
            },
            indicators: vec![
                indicator("A-01", "健全", Measure::Grade),
                indicator("A-02", "≥95%", Measure::Latest),
                indicator("A-03", "≥3个", Measure::Sum),
                indicator("A-04", "/", Measure::Latest),
            ]
            .into(),
            lookup: Default::default(),
        }
    }

    #[test]
    fn months_without_any_row_are_missing() {
        let model = model();
        let mut a = Actuals::default();
        for m in [1, 2, 4] {
            a.insert(entry(
                m,
                Item::Line("基本支出".into()),
                Value::Number(1.into()),
            ))
            .unwrap();
        }
        let c = Completeness::of(&model, &a, month(6), Period::H1);
        assert_eq!(c.missing_months, vec![month(3), month(5), month(6)]);
        assert!(!c.months_complete());
        let c = Completeness::of(&model, &a, month(2), Period::H1);
        assert_eq!(c.missing_months, Vec::<Month>::new());
    }

    #[test]
    fn levels_and_grades_without_a_figure_are_unreported() {
        let model = model();
        let mut a = Actuals::default();
        for m in 1..=12 {
            a.insert(entry(
                m,
                Item::Line("基本支出".into()),
                Value::Number(1.into()),
            ))
            .unwrap();
        }
        // No figure for any indicator: the grade and the level with a target are
        // unreported; the count is not (no row counts 0), nor the level without a
        // target (A-04 is "/").
        let c = Completeness::of(&model, &a, month(12), Period::FullYear);
        assert_eq!(c.unreported, vec!["A-01".to_string(), "A-02".to_string()]);
        assert!(c.months_complete());
        assert!(!c.is_complete());
        // The level reported in March counts from then on; not before.
        a.insert(entry(
            3,
            Item::Indicator("A-02".into()),
            Value::Number(1.into()),
        ))
        .unwrap();
        let c = Completeness::of(&model, &a, month(12), Period::FullYear);
        assert_eq!(c.unreported, vec!["A-01".to_string()]);
        let c = Completeness::of(&model, &a, month(2), Period::FullYear);
        assert_eq!(c.unreported, vec!["A-01".to_string(), "A-02".to_string()]);
        // Against the half-year targets (all "/"), nothing is to judge.
        let c = Completeness::of(&model, &a, month(6), Period::H1);
        assert!(c.is_complete());
    }
}
