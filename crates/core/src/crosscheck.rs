//! Cross-checks between reported and derived figures (DOMAIN.md §5). Some process
//! indicators are reported as monthly levels although attain holds what they are made
//! of: spending, budget and the spending plan. Where it can derive one, a reported
//! value that differs by more than `settings.cross_check_tolerance` is a warning:
//!
//! | indicator (name contains) | derived as | when |
//! |---|---|---|
//! | 结转结余 (结转结余率) | (budget − spending to date) ÷ budget | December (year end) |
//! | 预算执行率, when reported rather than computed | spending to date ÷ budget | every reported month |
//! | 支付进度 (支付进度符合率) | spending to date ÷ planned spending to date | months with a plan: every month with plan.csv covering every line, else June (半年计划执行数) and December (the budget) |
//!
//! The budget is the total of the top-level lines (incl. carry-over, as the income
//! total). The warnings name the reported row; ingest locates them.

use rust_decimal::Decimal;

use crate::actuals::{Actuals, Item, MonthlyPlan};
use crate::check::Check;
use crate::fmt::{fixed, percent};
use crate::indicator::{IndicatorId, Measure};
use crate::model::Model;
use crate::msg::crosscheck as msg;
use crate::msg::Arg;
use crate::period::Month;

/// A reported figure that disagrees with the same figure derived from spending,
/// budget and plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossCheck {
    pub id: IndicatorId,
    /// The month of the reported row.
    pub month: Month,
    pub reported: Decimal,
    pub derived: Decimal,
    /// The warning, with `subject` the indicator's id.
    pub check: Check,
}

/// What a reported indicator can be derived from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Derivable {
    CarryOver,
    Execution,
    PaymentProgress,
}

fn derivable(name: &str, measure: &Measure) -> Option<Derivable> {
    if matches!(measure, Measure::Execution { .. }) {
        return None;
    }
    if name.contains("结转结余") {
        Some(Derivable::CarryOver)
    } else if name.contains("预算执行率") {
        Some(Derivable::Execution)
    } else if name.contains("支付进度") {
        Some(Derivable::PaymentProgress)
    } else {
        None
    }
}

/// Spending on all leaves from January to `m`.
fn spent(model: &Model, actuals: &Actuals, m: Month) -> Decimal {
    model
        .budget
        .leaves()
        .map(|l| {
            actuals
                .series(&Item::Line(l.name.as_str().into()), m)
                .filter_map(|e| e.value.number())
                .sum::<Decimal>()
        })
        .sum()
}

/// Planned spending to the end of `m`: from plan.csv when it covers every leaf, else
/// the half-year plan at June and the budget at December; `None` otherwise.
fn planned(model: &Model, plan: Option<&MonthlyPlan>, m: Month) -> Option<Decimal> {
    let leaves: Vec<&str> = model.budget.leaves().map(|l| l.name.as_str()).collect();
    match plan {
        Some(p) if !leaves.is_empty() && leaves.iter().all(|l| p.has_line(l)) => {
            Some(leaves.iter().map(|l| p.cumulative(l, m)).sum())
        }
        _ if m.number() == 6 => Some(model.budget.total_h1_plan()),
        _ if m.is_year_end() => Some(model.budget.total_budget()),
        _ => None,
    }
}

/// A cross-check message: name, reported, month, the figure, the base, derived.
type Explain = fn(Arg, Arg, Arg, Arg, Arg, Arg) -> crate::msg::Msg;

/// Compare every reported value of a derivable indicator with its derivation.
pub fn cross_checks(
    model: &Model,
    actuals: &Actuals,
    plan: Option<&MonthlyPlan>,
) -> Vec<CrossCheck> {
    let tolerance = model.settings.cross_check_tolerance;
    let budget = model.budget.total_budget();
    let mut out = Vec::new();
    if budget <= Decimal::ZERO {
        return out;
    }
    let kinds: Vec<Option<Derivable>> = model
        .indicators
        .iter()
        .map(|ind| derivable(&ind.name, &ind.measure).filter(|_| ind.is_percent()))
        .collect();
    // The entries of each derivable indicator, in the order they were read: one pass
    // over the entries, not one per indicator.
    let mut reported_rows: foldhash::HashMap<&str, Vec<&crate::actuals::Entry>> =
        foldhash::HashMap::default();
    for (ind, kind) in model.indicators.iter().zip(&kinds) {
        if kind.is_some() {
            reported_rows.entry(ind.id.0.as_str()).or_default();
        }
    }
    if reported_rows.is_empty() {
        return out;
    }
    for e in actuals.entries() {
        if let Item::Indicator(id) = &e.item {
            if let Some(rows) = reported_rows.get_mut(id.as_str()) {
                rows.push(e);
            }
        }
    }
    // Spending and planned spending to each month, summed once per month.
    let mut spent_to: foldhash::HashMap<Month, Decimal> = foldhash::HashMap::default();
    let mut planned_to: foldhash::HashMap<Month, Option<Decimal>> = foldhash::HashMap::default();
    for (ind, kind) in model.indicators.iter().zip(&kinds) {
        let Some(kind) = *kind else {
            continue;
        };
        let rows = reported_rows
            .get(ind.id.0.as_str())
            .map_or(&[][..], Vec::as_slice);
        for e in rows {
            let Some(reported) = e.value.number() else {
                continue;
            };
            let m = e.month;
            let s = *spent_to
                .entry(m)
                .or_insert_with(|| spent(model, actuals, m));
            // The derived rate, and the message that explains it.
            let (derived, how, base, against) = match kind {
                Derivable::CarryOver if m.is_year_end() => (
                    (budget - s) / budget,
                    msg::carry_over as Explain,
                    budget - s,
                    budget,
                ),
                Derivable::CarryOver => continue,
                Derivable::Execution => (s / budget, msg::execution as Explain, s, budget),
                Derivable::PaymentProgress => match *planned_to
                    .entry(m)
                    .or_insert_with(|| planned(model, plan, m))
                {
                    Some(p) if p > Decimal::ZERO => (s / p, msg::payment as Explain, s, p),
                    _ => continue,
                },
            };
            if (reported - derived).abs() <= tolerance {
                continue;
            }
            let check = Check::warning(
                Some(&ind.id.0),
                how(
                    ind.name.as_str().into(),
                    percent(reported, 2).into(),
                    m.into(),
                    fixed(base, 2).into(),
                    fixed(against, 2).into(),
                    percent(derived, 2).into(),
                ),
                msg::help(),
            );
            out.push(CrossCheck {
                id: ind.id.clone(),
                month: m,
                reported,
                derived,
                check,
            });
        }
    }
    out
}
