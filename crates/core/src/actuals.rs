//! Monthly actuals, resolved against a model: spending per budget line and values
//! per indicator, month by month. Readers (ingest) build this; the engine reads it.

use std::collections::BTreeMap;

use foldhash::HashMap;

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
    /// item → month → index in `entries` (a hash lookup by item, without cloning it).
    index: HashMap<Item, BTreeMap<Month, usize>>,
}

impl Actuals {
    /// Empty, with room for `n` entries.
    pub fn with_capacity(n: usize) -> Actuals {
        Actuals {
            entries: Vec::with_capacity(n),
            index: HashMap::default(),
        }
    }

    /// Add an entry. Returns the entry already recorded for the same item and month,
    /// if any (the new one is not added).
    pub fn insert(&mut self, e: Entry) -> Result<(), &Entry> {
        let n = self.entries.len();
        let months = match self.index.get_mut(&e.item) {
            Some(m) => m,
            None => self.index.entry(e.item.clone()).or_default(),
        };
        if let Some(&i) = months.get(&e.month) {
            return Err(&self.entries[i]);
        }
        months.insert(e.month, n);
        self.entries.push(e);
        Ok(())
    }

    /// Add a payment (the detail form of actuals) of an item whose figures add up
    /// (spending, a count; the caller decides): a number for an item and month that
    /// already has one is added to it, and its source is appended to the entry's
    /// (`actuals/2026.csv:4, actuals/2026.csv:9`), so that every row stays traceable;
    /// its note too, when it has one. Returns the entry already recorded when the two
    /// cannot be added (a level or a grade).
    pub fn add(&mut self, e: Entry) -> Result<(), &Entry> {
        let at = self
            .index
            .get(&e.item)
            .and_then(|m| m.get(&e.month))
            .copied();
        let Some(i) = at else {
            return self.insert(e);
        };
        let first = &mut self.entries[i];
        match (&mut first.value, &e.value) {
            (Value::Number(a), Value::Number(b)) => {
                *a += *b;
                first.source.push_str(", ");
                first.source.push_str(&e.source);
                if !e.note.is_empty() {
                    if !first.note.is_empty() {
                        first.note.push('；');
                    }
                    first.note.push_str(&e.note);
                }
                Ok(())
            }
            _ => Err(&self.entries[i]),
        }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, item: &Item, month: Month) -> Option<&Entry> {
        self.index
            .get(item)
            .and_then(|m| m.get(&month))
            .map(|&i| &self.entries[i])
    }

    /// Entries of `item` from January to `as_of`, in month order.
    pub fn series<'a>(
        &'a self,
        item: &'a Item,
        as_of: Month,
    ) -> impl Iterator<Item = &'a Entry> + 'a {
        let january = Month::new(as_of.year(), 1).unwrap_or(as_of);
        self.index
            .get(item)
            .into_iter()
            .flat_map(move |m| m.range(january..=as_of))
            .map(|(_, &i)| &self.entries[i])
    }

    /// The latest month with any entry.
    pub fn last_month(&self) -> Option<Month> {
        self.entries.iter().map(|e| e.month).max()
    }

    /// [`Actuals::series`] with the entries borrowed from the actuals alone, not from
    /// `item` (so that one item can be rewritten for the next lookup while the entries
    /// are still in use).
    pub fn series_of<'a>(
        &'a self,
        item: &Item,
        as_of: Month,
    ) -> impl Iterator<Item = &'a Entry> + 'a {
        let january = Month::new(as_of.year(), 1).unwrap_or(as_of);
        self.index
            .get(item)
            .into_iter()
            // Walked from the first month rather than searched: an item has a few.
            .flat_map(move |m| {
                m.iter()
                    .skip_while(move |(k, _)| **k < january)
                    .take_while(move |(k, _)| **k <= as_of)
            })
            .map(|(_, &i)| &self.entries[i])
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
        self.amounts
            .range((line.to_string(), Month::FIRST)..)
            .next()
            .is_some_and(|((l, _), _)| l == line)
    }

    /// Planned spending of `line` from January to `m`.
    pub fn cumulative(&self, line: &str, m: Month) -> Decimal {
        let Some(first) = Month::new(m.year(), 1) else {
            return Decimal::ZERO;
        };
        self.amounts
            .range((line.to_string(), first)..=(line.to_string(), m))
            .map(|(_, a)| *a)
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(m: u8, item: &str, v: Value, source: &str) -> Entry {
        Entry {
            month: Month::new(2026, m).unwrap(),
            item: Item::Line(item.into()),
            value: v,
            note: String::new(),
            source: source.into(),
        }
    }

    #[test]
    fn payments_add_up_per_item_and_month_and_keep_their_rows() {
        let n = |d: i64| Value::Number(Decimal::new(d, 2));
        let mut a = Actuals::default();
        a.add(entry(3, "x", n(1050), "f.csv:2")).unwrap();
        a.add(entry(3, "x", n(250), "f.csv:5")).unwrap();
        a.add(entry(4, "x", n(100), "f.csv:6")).unwrap();
        let e = a
            .get(&Item::Line("x".into()), Month::new(2026, 3).unwrap())
            .unwrap();
        assert_eq!(e.value, n(1300));
        assert_eq!(e.source, "f.csv:2, f.csv:5");
        assert_eq!(a.entries().len(), 2);
        // The one-figure-per-month form still refuses a second figure.
        assert!(a.insert(entry(4, "x", n(1), "f.csv:7")).is_err());
        // Grades are not added.
        let g = Value::Grade {
            word: "健全".into(),
            tier: crate::value::Tier::Achieved,
        };
        a.add(entry(5, "y", g.clone(), "f.csv:8")).unwrap();
        assert_eq!(
            a.add(entry(5, "y", g, "f.csv:9")).unwrap_err().source,
            "f.csv:8"
        );
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
