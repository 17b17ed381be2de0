//! Monthly actuals, resolved against a model: spending per budget line and values
//! per indicator, month by month. Readers (ingest) build this; the engine reads it.

use std::collections::BTreeMap;

use compact_str::CompactString;
use foldhash::fast::FixedState;
use hashbrown::hash_table::{self, HashTable};
use smallvec::SmallVec;
use std::hash::BuildHasher;

use rust_decimal::Decimal;

use crate::period::Month;
use crate::value::Value;

/// What a row of actuals is about. Its text is a `CompactString`: an id or a line's
/// name is mostly short enough to be kept inline, so that the copy every entry
/// holds costs no allocation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Item {
    /// A 三级 indicator, by id.
    Indicator(CompactString),
    /// A budget line (a leaf), by name: that month's spending in 万元.
    Line(CompactString),
}

impl Item {
    /// `self == other`, comparing the texts without a library call
    /// ([`crate::lookup::same_text`]): made once per row by the readers.
    #[inline(always)]
    pub fn same(&self, other: &Item) -> bool {
        match (self, other) {
            (Item::Indicator(a), Item::Indicator(b)) | (Item::Line(a), Item::Line(b)) => {
                crate::lookup::same_text(a, b)
            }
            _ => false,
        }
    }
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
    /// Where it came from: a row of a file of its actuals, or the rows of the
    /// payments it adds up. [`Actuals::source`] writes it as text
    /// (`actuals/2026-06.csv:4`) where a message shows it: a row costs no text.
    pub source: Origin,
}

/// A file the actuals were read from, by its number in its [`Actuals`]
/// ([`Actuals::file`]): the file's label is kept once, not in every entry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(usize);

/// A row of a file of actuals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Place {
    pub file: FileId,
    /// The row's line in the file (from 1).
    pub line: usize,
}

/// Where an entry came from ([`Entry::source`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// One row.
    Row(Place),
    /// The rows of the payments an entry adds up ([`Actuals::add`]), in the order
    /// they came.
    Rows(Vec<Place>),
}

impl Default for Origin {
    fn default() -> Origin {
        Origin::Row(Place::default())
    }
}

impl Origin {
    /// The row at `line` of `file`.
    pub fn at(file: FileId, line: usize) -> Origin {
        Origin::Row(Place { file, line })
    }

    /// Its rows, in the order they came.
    pub fn places(&self) -> &[Place] {
        match self {
            Origin::Row(p) => std::slice::from_ref(p),
            Origin::Rows(v) => v,
        }
    }

    /// Its first row.
    pub fn first(&self) -> Place {
        self.places().first().copied().unwrap_or_default()
    }

    /// Append the rows of `other`.
    fn append(&mut self, other: &Origin) {
        match self {
            Origin::Rows(v) => v.extend_from_slice(other.places()),
            Origin::Row(p) => {
                let mut v = Vec::with_capacity(2);
                v.push(*p);
                v.extend_from_slice(other.places());
                *self = Origin::Rows(v);
            }
        }
    }
}

/// All actuals of a unit's year.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actuals {
    entries: Vec<Entry>,
    /// item → its place in `items` and `months`.
    index: Places,
    /// The items by place, in the order they came.
    items: Vec<Item>,
    /// Per item (by place): its months in order, each with its index in `entries`.
    months: Vec<Months>,
    /// The labels of the files the entries came from, by [`FileId`].
    files: Vec<CompactString>,
}

/// An item's place in [`Actuals`] ([`Actuals::slot`]): a reader that keeps it adds
/// the item's entries ([`Actuals::insert_at`], [`Actuals::add_at`]) without looking
/// the item up by name each time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemSlot(usize);

/// An item's months in order, each with its index in [`Actuals`]' entries: a year
/// has at most twelve per item, kept inline (no allocation per item; more would
/// move to the heap). An index is 32 bits (an entry is over a hundred bytes: more
/// entries than that do not fit in memory), so that the twelve take 96 bytes.
type Months = SmallVec<[(Month, u32); 12]>;

/// Entry number `n` as [`Months`] keeps it.
#[inline]
fn entry_index(n: usize) -> u32 {
    u32::try_from(n).expect("fewer than 2³² entries")
}

/// The places of [`Actuals`]' items by item: each a place, found by its item's hash
/// and checked against the item at that place (the items are not copied). A cache
/// of `items`: ignored by equality and debug output.
#[derive(Clone, Default)]
struct Places(HashTable<usize>);

impl std::fmt::Debug for Places {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Places")
    }
}

impl PartialEq for Places {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}
impl Eq for Places {}

/// The hash of an item for [`Places`].
fn hash(item: &Item) -> u64 {
    FixedState::default().hash_one(item)
}

/// Where month `m` is in an item's months (in order): found, or where it goes.
fn slot(months: &[(Month, u32)], m: Month) -> Result<usize, usize> {
    match months.last() {
        // Rows mostly come month by month.
        Some(&(last, _)) if last < m => Err(months.len()),
        _ => months.binary_search_by(|(x, _)| x.cmp(&m)),
    }
}

impl Actuals {
    /// Empty, with room for `n` entries.
    pub fn with_capacity(n: usize) -> Actuals {
        Actuals {
            entries: Vec::with_capacity(n),
            ..Default::default()
        }
    }

    /// Room for `n` more items.
    pub fn reserve_items(&mut self, n: usize) {
        let items = &self.items;
        self.index.0.reserve(n, |&k| hash(&items[k]));
        self.items.reserve(n);
        self.months.reserve(n);
    }

    /// The place of `item`, made for it if it has none yet.
    pub fn slot(&mut self, item: &Item) -> ItemSlot {
        match self.index.0.find(hash(item), |&p| self.items[p].same(item)) {
            Some(&p) => ItemSlot(p),
            None => self.slot_of(item.clone()),
        }
    }

    /// [`Actuals::slot`] of an item the caller gives away (kept, not copied, when
    /// it is new).
    pub fn slot_of(&mut self, item: Item) -> ItemSlot {
        let items = &self.items;
        let k = items.len();
        match self
            .index
            .0
            .entry(hash(&item), |&p| items[p].same(&item), |&p| hash(&items[p]))
        {
            hash_table::Entry::Occupied(e) => return ItemSlot(*e.get()),
            hash_table::Entry::Vacant(e) => {
                e.insert(k);
            }
        }
        self.items.push(item);
        self.months.push(Months::new());
        ItemSlot(k)
    }

    /// The months of `item`, if it has any entry.
    fn months_of(&self, item: &Item) -> Option<&[(Month, u32)]> {
        self.index
            .0
            .find(hash(item), |&p| self.items[p].same(item))
            .map(|&k| self.months[k].as_slice())
    }

    /// The number of the file labelled `label` (`actuals/2026-06.csv`, a path
    /// relative to the unit folder), made for it if it has none yet: the
    /// [`Origin`] of an entry read from it names it by this number.
    pub fn file(&mut self, label: &str) -> FileId {
        match self.files.iter().position(|f| f == label) {
            Some(k) => FileId(k),
            None => {
                self.files.push(label.into());
                FileId(self.files.len() - 1)
            }
        }
    }

    /// The label of `file` (empty for a number these actuals did not give).
    pub fn label(&self, file: FileId) -> &str {
        self.files.get(file.0).map_or("", CompactString::as_str)
    }

    /// `origin` as text, for a message: each row as `file:line`
    /// (`actuals/2026.csv:4, actuals/2026.csv:9`).
    pub fn source(&self, origin: &Origin) -> String {
        let mut s = String::new();
        for (k, p) in origin.places().iter().enumerate() {
            if k > 0 {
                s.push_str(", ");
            }
            s.push_str(self.label(p.file));
            s.push(':');
            s.push_str(&p.line.to_string());
        }
        s
    }

    /// Add an entry. Returns where the entry already recorded for the same item and
    /// month came from ([`Actuals::source`]), if there is one (the new one is not
    /// added).
    pub fn insert(&mut self, e: Entry) -> Result<(), String> {
        let at = self.slot(&e.item);
        self.insert_at(at, e)
    }

    /// [`Actuals::insert`] of an entry of the item at `at`. An entry of another item
    /// is inserted by its own item.
    #[inline]
    pub fn insert_at(&mut self, at: ItemSlot, e: Entry) -> Result<(), String> {
        // Mostly the item's next month, with room in its months and in the entries:
        // two pushes, made where the reader is (the entry written in place).
        let n = self.entries.len();
        if let (Some(item), Some(months)) = (self.items.get(at.0), self.months.get_mut(at.0)) {
            if item.same(&e.item)
                && months.last().is_none_or(|&(last, _)| last < e.month)
                && months.len() < months.inline_size()
                && n < self.entries.capacity()
            {
                months.push((e.month, entry_index(n)));
                self.entries.push(e);
                return Ok(());
            }
        }
        self.insert_at_with_room(at, e)
    }

    /// [`Actuals::insert_at`] in any case.
    fn insert_at_with_room(&mut self, at: ItemSlot, e: Entry) -> Result<(), String> {
        if !self.items.get(at.0).is_some_and(|i| i.same(&e.item)) {
            return self.insert(e);
        }
        self.insert_in(at, e.month, e.value, e.note, e.source)
    }

    /// [`Actuals::insert_at`] of an entry given by its parts but its item: the item
    /// is the one at `at`, a place these actuals gave ([`Actuals::slot`]; another
    /// panics). A reader that keeps the places makes no item per row.
    #[inline]
    pub fn insert_in(
        &mut self,
        at: ItemSlot,
        month: Month,
        value: Value,
        note: String,
        source: Origin,
    ) -> Result<(), String> {
        let n = self.entries.len();
        let months = &mut self.months[at.0];
        match months.last() {
            // Mostly the next month: a push, not an insertion.
            Some(&(last, _)) if last >= month => match slot(months, month) {
                Ok(k) => {
                    let i = months[k].1 as usize;
                    return Err(self.refused(i));
                }
                Err(k) => months.insert(k, (month, entry_index(n))),
            },
            _ => months.push((month, entry_index(n))),
        }
        let item = self.items[at.0].clone();
        self.entries.push(Entry {
            month,
            item,
            value,
            note,
            source,
        });
        Ok(())
    }

    /// Where the entry `i` that refused another came from (out of the way of the
    /// rows that are added).
    #[cold]
    #[inline(never)]
    fn refused(&self, i: usize) -> String {
        self.source(&self.entries[i].source)
    }

    /// Add a payment (the detail form of actuals) of an item whose figures add up
    /// (spending, a count; the caller decides): a number for an item and month that
    /// already has one is added to it, and its row is appended to the entry's origin
    /// (`actuals/2026.csv:4, actuals/2026.csv:9`), so that every row stays traceable;
    /// its note too, when it has one. Returns where the entry already recorded came
    /// from when the two cannot be added (a level or a grade).
    pub fn add(&mut self, e: Entry) -> Result<(), String> {
        let at = self.slot(&e.item);
        self.add_at(at, e)
    }

    /// [`Actuals::add`] of an entry of the item at `at`. An entry of another item is
    /// added by its own item.
    pub fn add_at(&mut self, at: ItemSlot, e: Entry) -> Result<(), String> {
        if !self.items.get(at.0).is_some_and(|i| i.same(&e.item)) {
            return self.add(e);
        }
        self.add_in(at, e.month, e.value, e.note, e.source)
    }

    /// [`Actuals::add_at`] of an entry given by its parts but its item, as
    /// [`Actuals::insert_in`].
    pub fn add_in(
        &mut self,
        at: ItemSlot,
        month: Month,
        value: Value,
        note: String,
        source: Origin,
    ) -> Result<(), String> {
        let months = &self.months[at.0];
        let Ok(k) = slot(months, month) else {
            return self.insert_in(at, month, value, note, source);
        };
        let i = months[k].1 as usize;
        let first = &mut self.entries[i];
        match (&mut first.value, &value) {
            (Value::Number(a), Value::Number(b)) => {
                *a += *b;
                first.source.append(&source);
                if !note.is_empty() {
                    if !first.note.is_empty() {
                        first.note.push('；');
                    }
                    first.note.push_str(&note);
                }
                Ok(())
            }
            _ => Err(self.refused(i)),
        }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, item: &Item, month: Month) -> Option<&Entry> {
        self.months_of(item)
            .and_then(|m| Some(&self.entries[m[slot(m, month).ok()?].1 as usize]))
    }

    /// Entries of `item` from January to `as_of`, in month order.
    pub fn series<'a>(
        &'a self,
        item: &'a Item,
        as_of: Month,
    ) -> impl Iterator<Item = &'a Entry> + 'a {
        self.months_to(item, as_of)
            .iter()
            .map(|&(_, i)| &self.entries[i as usize])
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
    ) -> impl DoubleEndedIterator<Item = &'a Entry> + Clone + 'a {
        self.months_to(item, as_of)
            .iter()
            .map(|&(_, i)| &self.entries[i as usize])
    }

    /// The item at `at`, when `at` is a place of these actuals ([`Actuals::slot`]).
    pub fn item_at(&self, at: ItemSlot) -> Option<&Item> {
        self.items.get(at.0)
    }

    /// [`Actuals::series_of`] of the item at `at` (its place, [`Actuals::slot`]),
    /// without a lookup by name; nothing for a place these actuals do not have.
    #[inline]
    pub fn series_at(
        &self,
        at: ItemSlot,
        as_of: Month,
    ) -> impl DoubleEndedIterator<Item = &Entry> + Clone + '_ {
        months_to(self.months.get(at.0).map_or(&[], |m| m.as_slice()), as_of)
            .iter()
            .map(|&(_, i)| &self.entries[i as usize])
    }

    /// The months of `item` from January to `as_of`, with their entries' indexes.
    fn months_to(&self, item: &Item, as_of: Month) -> &[(Month, u32)] {
        months_to(self.months_of(item).unwrap_or_default(), as_of)
    }
}

/// The months of an item's `m` (in order) from January to `as_of`.
#[inline]
fn months_to(m: &[(Month, u32)], as_of: Month) -> &[(Month, u32)] {
    let january = Month::new(as_of.year(), 1).unwrap_or(as_of);
    // Walked from the first month rather than searched: an item has a few.
    let from = m.iter().take_while(|&&(x, _)| x < january).count();
    let to = from + m[from..].iter().take_while(|&&(x, _)| x <= as_of).count();
    &m[from..to]
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

    /// An entry of row `line` of file `f`.
    fn entry(m: u8, item: &str, v: Value, f: FileId, line: usize) -> Entry {
        Entry {
            month: Month::new(2026, m).unwrap(),
            item: Item::Line(item.into()),
            value: v,
            note: String::new(),
            source: Origin::at(f, line),
        }
    }

    #[test]
    fn files_are_numbered_once_and_origins_written_as_file_and_line() {
        let mut a = Actuals::default();
        let f = a.file("actuals/2026-01.csv");
        let g = a.file("actuals/2026.xlsx[1月]");
        assert_ne!(f, g);
        assert_eq!(a.file("actuals/2026-01.csv"), f);
        assert_eq!(a.label(g), "actuals/2026.xlsx[1月]");
        assert_eq!(a.source(&Origin::at(f, 12)), "actuals/2026-01.csv:12");
        let mut o = Origin::at(g, 3);
        o.append(&Origin::at(f, 1234567));
        o.append(&Origin::at(g, 4));
        assert_eq!(o.first(), Place { file: g, line: 3 });
        assert_eq!(
            a.source(&o),
            "actuals/2026.xlsx[1月]:3, actuals/2026-01.csv:1234567, actuals/2026.xlsx[1月]:4"
        );
        let long = "各单位/很长的文件夹名称/".repeat(4) + "actuals.csv";
        let h = a.file(&long);
        for n in [0, 7, 10, 99, 12345, 21_086_756, usize::MAX] {
            assert_eq!(a.source(&Origin::at(h, n)), format!("{long}:{n}"));
        }
        // A number another Actuals gave has no label here.
        assert_eq!(Actuals::default().source(&Origin::at(g, 7)), ":7");
    }

    #[test]
    fn entries_with_room_or_without_are_the_same() {
        // Months in order and out of it, a second figure, more than twelve months
        // of an item (two years): with room made beforehand and with none.
        let n = |d: i64| Value::Number(Decimal::new(d, 0));
        let mut rows: Vec<(u16, u8, &str)> = Vec::new();
        for year in [2025, 2026] {
            for m in 1..=12 {
                rows.push((year, m, "x"));
                if m % 5 == 0 {
                    rows.push((year, m, "x"));
                    rows.push((year, m - 2, "y"));
                }
                rows.push((year, 13 - m, "y"));
            }
        }
        let mut roomy = Actuals::with_capacity(rows.len());
        let mut tight = Actuals::default();
        let f = roomy.file("f");
        assert_eq!(tight.file("f"), f);
        let mut places = Vec::new();
        for (line, &(year, m, item)) in rows.iter().enumerate() {
            let e = Entry {
                month: Month::new(year, m).unwrap(),
                item: Item::Line(item.into()),
                value: n(line as i64),
                note: String::new(),
                source: Origin::at(f, line + 2),
            };
            let at = roomy.slot(&e.item);
            places.push(at);
            let a = roomy.insert_at(at, e.clone());
            let b = tight.insert(e);
            assert_eq!(a, b, "row {line}");
        }
        assert_eq!(roomy, tight);
        for item in ["x", "y"] {
            let item = Item::Line(item.into());
            for year in [2025, 2026] {
                let dec = Month::new(year, 12).unwrap();
                let months: Vec<Month> = roomy.series(&item, dec).map(|e| e.month).collect();
                assert_eq!(months.len(), 12);
                assert!(months.windows(2).all(|w| w[0] < w[1]));
                assert_eq!(
                    months,
                    tight
                        .series(&item, dec)
                        .map(|e| e.month)
                        .collect::<Vec<_>>()
                );
            }
        }
        // The second figures were refused with the first's row.
        assert_eq!(roomy.entries().len(), 48);
    }

    #[test]
    fn payments_add_up_per_item_and_month_and_keep_their_rows() {
        let n = |d: i64| Value::Number(Decimal::new(d, 2));
        let mut a = Actuals::default();
        let f = a.file("f.csv");
        a.add(entry(3, "x", n(1050), f, 2)).unwrap();
        a.add(entry(3, "x", n(250), f, 5)).unwrap();
        a.add(entry(4, "x", n(100), f, 6)).unwrap();
        let e = a
            .get(&Item::Line("x".into()), Month::new(2026, 3).unwrap())
            .unwrap();
        assert_eq!(e.value, n(1300));
        assert_eq!(a.source(&e.source), "f.csv:2, f.csv:5");
        assert_eq!(a.entries().len(), 2);
        // The one-figure-per-month form still refuses a second figure.
        assert_eq!(a.insert(entry(4, "x", n(1), f, 7)).unwrap_err(), "f.csv:6");
        // Grades are not added.
        let g = Value::Grade {
            word: "健全".into(),
            tier: crate::value::Tier::Achieved,
        };
        a.add(entry(5, "y", g.clone(), f, 8)).unwrap();
        assert_eq!(a.add(entry(5, "y", g, f, 9)).unwrap_err(), "f.csv:8");
    }

    #[test]
    fn entries_added_at_an_items_place_are_the_entries_added_by_name() {
        let n = |d: i64| Value::Number(Decimal::new(d, 0));
        let rows = [
            (2, "x", 1, 1),
            (1, "x", 2, 2),
            (2, "y", 3, 3),
            (3, "x", 4, 4),
            (2, "x", 5, 5),
        ];
        let mut by_name = Actuals::default();
        let mut by_place = Actuals::default();
        let f = by_name.file("f");
        assert_eq!(by_place.file("f"), f);
        let mut places: Vec<(&str, ItemSlot)> = Vec::new();
        for (m, item, v, src) in rows {
            let e = entry(m, item, n(v), f, src);
            let at = match places.iter().find(|(i, _)| *i == item) {
                Some(&(_, at)) => at,
                None => {
                    let at = by_place.slot(&e.item);
                    places.push((item, at));
                    at
                }
            };
            let a = by_name.insert(e.clone()).err();
            let b = by_place.insert_at(at, e).err();
            assert_eq!(a, b, "{src}");
        }
        // x's second figure for month 2 is refused, with the first's place.
        assert_eq!(by_name, by_place);
        assert_eq!(by_place.entries().len(), 4);
        let x = Item::Line("x".into());
        let months: Vec<u8> = by_place
            .series(&x, Month::new(2026, 12).unwrap())
            .map(|e| e.month.number())
            .collect();
        assert_eq!(months, [1, 2, 3]);
        // A place given with another item's entry: the entry goes to its own item.
        let x_at = places[0].1;
        by_place.insert_at(x_at, entry(7, "z", n(9), f, 9)).unwrap();
        let z = Item::Line("z".into());
        assert_eq!(
            by_place
                .get(&z, Month::new(2026, 7).unwrap())
                .unwrap()
                .source,
            Origin::at(f, 9)
        );
        assert!(by_place.get(&x, Month::new(2026, 7).unwrap()).is_none());
        // Payments at a place add up as by name.
        by_place.add_at(x_at, entry(3, "x", n(6), f, 10)).unwrap();
        let e = by_place.get(&x, Month::new(2026, 3).unwrap()).unwrap();
        assert_eq!(
            (e.value.clone(), by_place.source(&e.source)),
            (n(10), "f:4, f:10".to_string())
        );
        by_place.add_at(x_at, entry(9, "z", n(1), f, 11)).unwrap();
        assert_eq!(
            by_place
                .get(&z, Month::new(2026, 9).unwrap())
                .unwrap()
                .source,
            Origin::at(f, 11)
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
