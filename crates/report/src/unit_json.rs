//! The JSON of `attain show --json` and `attain check --json`: the unit folder as
//! read (indicator tree, budget lines, income) and the ledger of the actuals.
//!
//! Shapes (decimals are JSON strings, as in progress.json; amounts in 万元):
//!
//! * `tree(model)`: `{unit, year, indicators: [{id, level1, level2, key_work, name,
//!   h1_target, fy_target, weight, measure}], weights_total, budget: [{name, parent,
//!   depth, h1_plan, budget}]}`
//! * `summary(model)`: `{unit, year, indicators, blocks: [{name, indicators, weight}],
//!   weights_total, budget: {lines, full_year, half_year_plan, half_year_ratio},
//!   income: {total, sources: [{name, amount}]}}`
//! * `ledger(model, ledger)`: `{rows, files: [{file, rows}], months: [{month, rows}],
//!   spending: [{line, months: {"2026-01": "12.30", …}, total, budget}]}`

use attain_core::actuals::Ledger;
use attain_core::fmt::{fixed, plain};
use attain_core::{Decimal, Model};
use serde_json::{json, Map, Value};

/// The indicator tree and budget lines (`show --json`).
pub fn tree(m: &Model) -> Value {
    let indicators: Vec<Value> = m
        .indicators
        .iter()
        .map(|i| {
            json!({
                "id": i.id.to_string(),
                "level1": i.level1.name(),
                "level2": i.level2,
                "key_work": i.key_work,
                "name": i.name,
                "h1_target": i.h1.to_string(),
                "fy_target": i.fy.to_string(),
                "weight": plain(i.weight),
                "measure": i.measure.to_string(),
            })
        })
        .collect();
    let b = &m.budget;
    let budget: Vec<Value> = b
        .lines
        .iter()
        .map(|l| {
            json!({
                "name": l.name,
                "parent": l.parent,
                "depth": b.depth(&l.name),
                "h1_plan": fixed(l.h1_plan, 2),
                "budget": fixed(l.budget, 2),
            })
        })
        .collect();
    json!({
        "unit": m.unit.name,
        "year": m.unit.year,
        "indicators": indicators,
        "weights_total": plain(m.total_weight()),
        "budget": budget,
    })
}

/// Indicators per block, weights, budget and income (`check --json`).
pub fn summary(m: &Model) -> Value {
    let mut blocks: Vec<(String, usize, Decimal)> = Vec::new();
    for i in &m.indicators {
        match blocks.iter_mut().find(|(b, _, _)| b == i.level1.name()) {
            Some(b) => {
                b.1 += 1;
                b.2 += i.weight;
            }
            None => blocks.push((i.level1.name().to_string(), 1, i.weight)),
        }
    }
    let b = &m.budget;
    json!({
        "unit": m.unit.name,
        "year": m.unit.year,
        "indicators": m.indicators.len(),
        "blocks": blocks
            .iter()
            .map(|(name, n, w)| json!({"name": name, "indicators": n, "weight": plain(*w)}))
            .collect::<Vec<_>>(),
        "weights_total": plain(m.total_weight()),
        "budget": {
            "lines": b.lines.len(),
            "full_year": fixed(b.total_budget(), 2),
            "half_year_plan": fixed(b.total_h1_plan(), 2),
            "half_year_ratio": b.h1_plan_ratio().map(|r| fixed(r, 4)),
        },
        "income": {
            "total": fixed(b.income_total(), 2),
            "sources": b
                .income
                .iter()
                .map(|s| json!({"name": s.name, "amount": fixed(s.amount, 2)}))
                .collect::<Vec<_>>(),
        },
    })
}

/// What was read from actuals/ (`check --json`): rows per file and month, spending
/// per leaf line and month with its total and budget.
pub fn ledger(m: &Model, l: &Ledger) -> Value {
    let spending: Vec<Value> = m
        .budget
        .leaves()
        .map(|line| {
            let per = l.spending.get(&line.name);
            let mut months = Map::new();
            let mut total = Decimal::ZERO;
            for month in l.months.keys() {
                let v = per.and_then(|p| p.get(month)).copied().unwrap_or_default();
                total += v;
                months.insert(month.to_string(), Value::String(fixed(v, 2)));
            }
            json!({
                "line": line.name,
                "months": months,
                "total": fixed(total, 2),
                "budget": fixed(line.budget, 2),
            })
        })
        .collect();
    json!({
        "rows": l.files.iter().map(|(_, n)| n).sum::<usize>(),
        "files": l
            .files
            .iter()
            .map(|(f, n)| json!({"file": f, "rows": n}))
            .collect::<Vec<_>>(),
        "months": l
            .months
            .iter()
            .map(|(mo, n)| json!({"month": mo.to_string(), "rows": n}))
            .collect::<Vec<_>>(),
        "spending": spending,
    })
}
