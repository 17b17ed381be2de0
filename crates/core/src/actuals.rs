//! Monthly actuals, resolved against a model: spending per budget line and values
//! per indicator, month by month. Readers (ingest) build this; the engine reads it.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::period::Month;
use crate::value::Value;

/// What a row of actuals is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Item {
    /// A 三级 indicator, by id.
    Indicator(String),
    /// A budget line (a leaf), by name: that month's spending in 万元.
    Line(String),
}

/// One reported figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub month: Month,
    pub item: Item,
    /// Spending (万元) for a line; the count, level or grade for an indicator.
    pub value: Value,
    /// 备注, kept and shown in reports.
    pub note: String,
    /// Where it came from (`actuals/2026-06.csv:4`), for reports and audits.
    pub source: String,
}

/// All actuals of a unit's year.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actuals {
    entries: Vec<Entry>,
    /// (item, month) → index in `entries`.
    index: BTreeMap<(Item, Month), usize>,
}

impl Actuals {
    /// Add an entry. Returns the entry already recorded for the same item and month,
    /// if any (the new one is not added).
    pub fn insert(&mut self, e: Entry) -> Result<(), &Entry> {
        let key = (e.item.clone(), e.month);
        if let Some(&i) = self.index.get(&key) {
            return Err(&self.entries[i]);
        }
        self.index.insert(key, self.entries.len());
        self.entries.push(e);
        Ok(())
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, item: &Item, month: Month) -> Option<&Entry> {
        self.index
            .get(&(item.clone(), month))
            .map(|&i| &self.entries[i])
    }

    /// Entries of `item` from January to `as_of`, in month order.
    pub fn series<'a>(
        &'a self,
        item: &'a Item,
        as_of: Month,
    ) -> impl Iterator<Item = &'a Entry> + 'a {
        as_of.year_to_date().filter_map(move |m| self.get(item, m))
    }

    /// The latest month with any entry.
    pub fn last_month(&self) -> Option<Month> {
        self.entries.iter().map(|e| e.month).max()
    }
}

/// A unit's own monthly spending plan (plan.csv): planned spending per leaf line and
/// month, 万元.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MonthlyPlan {
    pub amounts: BTreeMap<(String, Month), Decimal>,
}

impl MonthlyPlan {
    pub fn is_empty(&self) -> bool {
        self.amounts.is_empty()
    }

    pub fn has_line(&self, line: &str) -> bool {
        self.amounts.keys().any(|(l, _)| l == line)
    }

    /// Planned spending of `line` from January to `m`.
    pub fn cumulative(&self, line: &str, m: Month) -> Decimal {
        m.year_to_date()
            .filter_map(|mm| self.amounts.get(&(line.to_string(), mm)))
            .sum()
    }
}

/// What was read from actuals/, for reconciling with the finance system.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ledger {
    /// Rows read per file (path relative to the unit folder), in reading order.
    pub files: Vec<(String, usize)>,
    /// Rows per month.
    pub months: BTreeMap<Month, usize>,
    /// Spending per leaf line and month, 万元.
    pub spending: BTreeMap<String, BTreeMap<Month, Decimal>>,
}
