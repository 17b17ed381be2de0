//! Many units in one run (`attain portfolio`): a folder of unit folders, or the
//! export shape of a budget system, read unit by unit and handed to the caller in
//! parallel (rayon).
//!
//! The export shape is a folder with
//!
//! - `unit.toml`: the year and settings shared by every unit (its name is a
//!   placeholder; income is not read: the budget balance is not checked);
//! - `targets.csv`: the target template shared by every unit, unless the unit has its
//!   own `units/<unit>/targets.csv`;
//! - `budget.csv`: budget lines with a `unit` (单位) column before the usual ones;
//! - `actuals.csv`: actuals with a `unit` column before the usual ones;
//! - `units.csv` (optional): `unit,name`, the units' full names.
//!
//! `actuals.csv` is streamed: when each unit's rows are together (the order an export
//! has), a unit is evaluated as soon as its rows end, so that memory holds the units'
//! budgets and results, not the rows. When a unit's rows come back after another
//! unit's, the file is read again holding every unit's rows until the end (memory in
//! proportion to the file), and a note says to sort the file by unit.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{Read, Seek};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use attain_core::actuals::{Actuals, Entry, Item, MonthlyPlan, Origin};
use attain_core::lookup::{same_bytes, same_text};
use attain_core::{BudgetLine, Decimal, Model, Part, Settings, UnitInfo, Value};
use rayon::prelude::*;

use crate::cells::{Cell, Row};
use crate::diag::{Diagnostic, Diagnostics, Failed};
use crate::unitdir::{self, map_header, Column, SourceMap};
use attain_core::msg::portfolio as cat;

pub const UNITS_FILE: &str = "units.csv";
pub const EXPORT_ACTUALS: &str = "actuals.csv";
pub const UNIT_FOLDERS: &str = "units";

const UNIT_COLUMN: Column = Column {
    key: "unit",
    zh: &["单位", "单位名称", "预算单位"],
    required: true,
};

/// One unit ready for the engine.
#[derive(Debug, Clone)]
pub struct UnitData {
    /// Folder name, or the value of the `unit` column.
    pub key: String,
    pub model: Model,
    pub actuals: Actuals,
    pub plan: Option<MonthlyPlan>,
    /// Per item number of the model (its indicators in order, then its budget
    /// lines): the item's place in `actuals`, where the reader kept it (empty for a
    /// unit folder).
    pub places: Vec<Option<attain_core::actuals::ItemSlot>>,
    /// Its indicators are the export's shared targets.csv (the very same list as
    /// every other unit without targets of its own).
    pub shared_targets: bool,
    /// Warnings and notes.
    pub diagnostics: Diagnostics,
}

/// A unit whose files have errors.
#[derive(Debug, Clone)]
pub struct UnitFailed {
    pub key: String,
    /// Its errors (and warnings).
    pub diagnostics: Diagnostics,
}

/// What `attain portfolio` reads.
#[derive(Debug, Clone)]
pub enum Source {
    /// Unit folders (each with unit.toml), in name order.
    Folders(Vec<PathBuf>),
    /// The export shape, in this folder.
    Export(PathBuf),
}

impl Source {
    /// The shape of `input`: the export shape when it holds actuals.csv and
    /// budget.csv, else the unit folders in it.
    pub fn of(input: &Path) -> Result<Source, Diagnostic> {
        if !input.is_dir() {
            return Err(Diagnostic::error(cat::not_a_folder(input.display()))
                .in_file(input)
                .help(cat::not_a_folder_help()));
        }
        if input.join(EXPORT_ACTUALS).is_file() && input.join(unitdir::BUDGET_FILE).is_file() {
            return Ok(Source::Export(input.to_path_buf()));
        }
        let rd = std::fs::read_dir(input)
            .map_err(|e| Diagnostic::error(cat::cannot_list(e)).in_file(input))?;
        let mut dirs: Vec<PathBuf> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.join(unitdir::UNIT_FILE).is_file())
            .collect();
        dirs.sort();
        if dirs.is_empty() {
            return Err(Diagnostic::error(cat::nothing_here())
                .in_file(input)
                .help(cat::nothing_here_help()));
        }
        Ok(Source::Folders(dirs))
    }
}

/// Read every unit of `source` and apply `f` to each, in parallel; `tick` is called
/// once per unit done (for a progress bar). `total` gets the number of units expected
/// before reading starts (again, from zero, when the export is read a second time). Fails only when the shared files of the
/// export shape cannot be read; a unit's own errors go to `f`.
pub fn for_each_unit<T: Send>(
    source: &Source,
    total: impl Fn(usize),
    tick: impl Fn() + Sync,
    f: impl Fn(Result<UnitData, UnitFailed>) -> T + Sync,
) -> Result<(Vec<T>, Diagnostics), Failed> {
    let (out, notes, shared) = for_each_unit_keeping(source, total, tick, f)?;
    // The shared files' data (every unit's budget lines) are freed by a worker
    // while the caller goes on.
    rayon::spawn(move || drop(shared));
    Ok((out, notes))
}

/// The data of the export shape's shared files (every unit's budget lines, the
/// template), kept after the units are read: freed when this is dropped.
#[derive(Debug, Default)]
pub struct SharedData {
    _shared: Option<Arc<Shared>>,
}

/// [`for_each_unit`], handing back the shared files' data rather than freeing them,
/// for a caller that ends soon after and leaves them to the system (freeing the
/// budget lines of 100 000 units one allocation at a time takes a core a while).
pub fn for_each_unit_keeping<T: Send>(
    source: &Source,
    total: impl Fn(usize),
    tick: impl Fn() + Sync,
    f: impl Fn(Result<UnitData, UnitFailed>) -> T + Sync,
) -> Result<(Vec<T>, Diagnostics, SharedData), Failed> {
    match source {
        Source::Folders(dirs) => {
            total(dirs.len());
            let out = dirs
                .par_iter()
                .map(|d| {
                    let key = d
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    let r = match crate::load_all(d) {
                        Ok(l) => Ok(UnitData {
                            key,
                            model: l.unit.model,
                            actuals: l.actuals.actuals,
                            plan: l.plan,
                            places: Vec::new(),
                            shared_targets: false,
                            diagnostics: l.diagnostics,
                        }),
                        Err(Failed(diagnostics)) => Err(UnitFailed { key, diagnostics }),
                    };
                    let t = f(r);
                    tick();
                    t
                })
                .collect();
            Ok((out, Diagnostics::default(), SharedData::default()))
        }
        Source::Export(dir) => {
            let shared = Arc::new(Shared::read(dir)?);
            total(shared.in_budget);
            let (out, notes) = read_export(Arc::clone(&shared), Some(CHUNK), total, tick, f)?;
            Ok((
                out,
                notes,
                SharedData {
                    _shared: Some(shared),
                },
            ))
        }
    }
}

/// How many bytes of actuals.csv a thread takes at a time (more when one unit's
/// rows are longer): small enough to stay in the cache between reading and parsing.
const CHUNK: usize = 1 << 20;

/// Read actuals.csv of the export shape and evaluate its units: in chunks of about
/// `chunk` bytes, each read and evaluated by a thread of its own
/// ([`stream_chunks`]), else (`None`, or when that gives up) by one reading thread
/// handing each unit to the others ([`stream`]).
fn read_export<T: Send>(
    shared: Arc<Shared>,
    chunk: Option<usize>,
    total: impl Fn(usize),
    tick: impl Fn() + Sync,
    f: impl Fn(Result<UnitData, UnitFailed>) -> T + Sync,
) -> Result<(Vec<T>, Diagnostics), Failed> {
    let grouped = match chunk.map(|c| stream_chunks(&shared, c, &tick, &f)) {
        Some(Ok(r)) => return Ok(r),
        Some(Err(Fallback::NotGrouped)) => {
            total(shared.in_budget);
            Err(NotGrouped)
        }
        Some(Err(Fallback::Sequential)) => {
            total(shared.in_budget);
            stream(&shared, true, &tick, &f)
        }
        None => stream(&shared, true, &tick, &f),
    };
    match grouped {
        Ok(r) => Ok(r),
        Err(NotGrouped) => {
            total(shared.in_budget);
            let (out, mut notes) =
                stream(&shared, false, &tick, &f).map_err(|_| Failed(Diagnostics::default()))?;
            notes.push(
                Diagnostic::note(cat::not_grouped())
                    .in_file(&shared.dir.join(EXPORT_ACTUALS))
                    .help(cat::not_grouped_help()),
            );
            Ok((out, notes))
        }
    }
}

/// A unit's budget lines from budget.csv, with their lines there (one entry per
/// unit, so that a unit is looked up once).
#[derive(Debug, Default)]
struct UnitBudget {
    lines: Vec<BudgetLine>,
    rows: Vec<usize>,
    errors: Diagnostics,
    /// budget.csv has rows of the unit (lines or rows with errors).
    in_budget: bool,
    /// The last reading of actuals.csv in chunks ([`Together::pass`]) that found
    /// rows of the unit: marked by the thread that found them, with no lock and no
    /// copy of the key.
    read_in: std::sync::atomic::AtomicU32,
}

impl UnitBudget {
    /// The budget of one row, with room for `lines` lines (units have budgets of
    /// similar size: room for as many as the unit before saves growing the lists).
    fn of(row: BudgetRow, lines: usize) -> UnitBudget {
        let mut b = UnitBudget {
            lines: Vec::with_capacity(lines),
            rows: Vec::with_capacity(lines),
            ..Default::default()
        };
        b.add(row);
        b
    }

    /// Add the lines and errors of `more` (rows that come after).
    fn append(&mut self, mut more: UnitBudget) {
        self.lines.append(&mut more.lines);
        self.rows.append(&mut more.rows);
        self.errors.extend(more.errors);
    }

    /// Add a row's line, or its errors.
    fn add(&mut self, row: BudgetRow) {
        match row {
            BudgetRow::Errors(d) => {
                for d in d {
                    self.errors.push(d);
                }
            }
            BudgetRow::Line(l, line) => {
                self.lines.push(l);
                self.rows.push(line);
            }
        }
    }
}

/// Every unit of budget.csv by key: each unit's budget stays in the list of the
/// piece of the file it was read in (where it was made, on any thread), and the
/// index holds its place there. Rows of a unit that come back later (or go on in the
/// next piece) are added to its first budget.
#[derive(Debug, Default)]
struct Budgets {
    /// Hashed with foldhash: looked up twice per unit (keys from local files).
    index: foldhash::HashMap<String, (u32, u32)>,
    lists: Vec<Vec<UnitBudget>>,
}

impl Budgets {
    fn get(&self, key: &str) -> Option<&UnitBudget> {
        let &(l, k) = self.index.get(key)?;
        self.lists.get(l as usize)?.get(k as usize)
    }

    fn len(&self) -> usize {
        self.index.len()
    }

    fn iter(&self) -> impl Iterator<Item = (&String, &UnitBudget)> {
        self.index
            .iter()
            .map(|(k, &(l, i))| (k, &self.lists[l as usize][i as usize]))
    }

    /// Add the budgets read from a piece of the file, by key in file order (an empty
    /// key's budget holds the errors of rows without a unit: they go to `notes`).
    /// Gives the number of units new to the index.
    fn add_list(
        &mut self,
        keys: impl IntoIterator<Item = impl AsRef<str> + Into<String>>,
        mut list: Vec<UnitBudget>,
        notes: &mut Diagnostics,
    ) -> usize {
        let l = u32::try_from(self.lists.len()).unwrap_or(u32::MAX);
        let mut new = 0;
        for (k, key) in keys.into_iter().enumerate() {
            if key.as_ref().is_empty() {
                notes.extend(std::mem::take(&mut list[k].errors));
                continue;
            }
            match self.index.entry(key.into()) {
                std::collections::hash_map::Entry::Vacant(v) => {
                    list[k].in_budget = true;
                    v.insert((l, u32::try_from(k).unwrap_or(u32::MAX)));
                    new += 1;
                }
                std::collections::hash_map::Entry::Occupied(o) => {
                    let (pl, pk) = *o.get();
                    let more = std::mem::take(&mut list[k]);
                    match self.lists.get_mut(pl as usize) {
                        Some(earlier) => earlier[pk as usize].append(more),
                        // An earlier run of this very list.
                        None => list[pk as usize].append(more),
                    }
                }
            }
        }
        self.lists.push(list);
        new
    }
}

/// What a row of budget.csv gives its unit (or, without a unit, the notes).
#[derive(Debug)]
enum BudgetRow {
    Line(BudgetLine, usize),
    Errors(Vec<Diagnostic>),
}

/// budget.csv's columns, for reading its rows.
struct BudgetColumns {
    map: BTreeMap<&'static str, usize>,
    /// The positions of [`BudgetColumns::KEYS`] in a row (looked up once, not per
    /// row).
    at: [Option<usize>; 5],
    head: Row,
    mapped: Vec<bool>,
    path: PathBuf,
}

impl BudgetColumns {
    /// The columns read, by key.
    const KEYS: [&'static str; 5] = ["unit", "name", "parent", "h1_plan", "budget"];

    fn new(map: BTreeMap<&'static str, usize>, head: Row, path: PathBuf) -> BudgetColumns {
        BudgetColumns {
            mapped: mapped_columns(&head, &map),
            at: Self::KEYS.map(|k| map.get(k).copied()),
            map,
            head,
            path,
        }
    }

    /// A row's unit and what it gives; `None` for a blank row.
    fn row<'c>(
        &self,
        cells: Cells<'c, '_>,
        line: usize,
    ) -> Option<(std::borrow::Cow<'c, str>, BudgetRow)> {
        let (map, path) = (&self.map, &self.path);
        if cells.blank() {
            return None;
        }
        // The cell of key `Self::KEYS[k]`, cleaned.
        let cell = |k: usize| {
            let raw = cells.get(self.at[k]?)?;
            Some(if cells.tidy {
                Cow::Borrowed(raw)
            } else {
                clean(raw)
            })
        };
        let [unit, name, parent, h1_plan, budget] = [0, 1, 2, 3, 4];
        let key = cell(unit).unwrap_or_default();
        if key.is_empty() {
            let row = cells.row(line);
            return Some((
                key,
                BudgetRow::Errors(vec![row
                    .point_row(path, Diagnostic::error(cat::budget_line_without_unit()))
                    .help(cat::unit_code_help())]),
            ));
        }
        let error = |d: Diagnostic| Some((key.clone(), BudgetRow::Errors(vec![d])));
        if let (Some(d), _) = row_checks(cells, &self.head, map, &self.mapped, None, line, path) {
            return error(d);
        }
        let invisible = [name, parent].iter().any(|&k| {
            self.at[k]
                .and_then(|i| cells.get(i))
                .is_some_and(|c| crate::names::invisible(c).is_some())
        });
        if invisible {
            let row = cells.row(line);
            if let Some(d) =
                unitdir::invisible_in(&row, map, &["name", "parent"], path, unitdir::line_field)
            {
                return error(d);
            }
        }
        let name = cell(name).map(|c| c.into_owned()).unwrap_or_default();
        let amount =
            |i: usize, what: fn() -> attain_core::msg::Msg| -> Result<Decimal, Diagnostic> {
                let k = Self::KEYS[i];
                let t = cell(i).unwrap_or_default();
                match crate::actuals::plain_decimal(&t)
                    .or_else(|| attain_core::target::parse_decimal(&t))
                {
                    Some(d) => Ok(d),
                    None => {
                        let row = cells.row(line);
                        let c = map.get(k).and_then(|&i| row.cells.get(i));
                        let d = Diagnostic::error(cat::amount_not_number(what(), &t));
                        Err(match c {
                            Some(c) => row.point(path, d, c, "").column_name(k),
                            None => row.point_row(path, d),
                        }
                        .help(cat::amount_help()))
                    }
                }
            };
        if name.is_empty() {
            return error(
                cells
                    .row(line)
                    .point_row(path, Diagnostic::error(cat::budget_line_without_name()))
                    .help(cat::budget_line_without_name_help()),
            );
        }
        match (
            amount(h1_plan, cat::half_year_plan),
            amount(budget, cat::full_year_budget),
        ) {
            (Ok(h1_plan), Ok(budget)) => {
                let parent = cell(parent)
                    .map(|c| c.into_owned())
                    .filter(|p| !p.is_empty());
                Some((
                    key,
                    BudgetRow::Line(
                        BudgetLine {
                            name,
                            parent,
                            h1_plan,
                            budget,
                        },
                        line,
                    ),
                ))
            }
            (a, c) => Some((
                key,
                BudgetRow::Errors([a.err(), c.err()].into_iter().flatten().collect()),
            )),
        }
    }

    /// Read budget.csv from byte `start` (after the header) in pieces on all threads,
    /// the rows of each unit handed to `into` in file order, when the file is UTF-8 that can be
    /// split at line breaks and commas ([`is_plain`]) and not over 256 MiB; `false`
    /// (nothing read) when it is not, or cannot be read.
    fn read_plain(&self, start: u64, piece: usize, into: &mut Shared) -> bool {
        let Some(bytes) = read_small(&self.path) else {
            return false;
        };
        let Some(pieces) = plain_pieces(&bytes, start as usize, piece) else {
            return false;
        };
        // Each piece's rows gathered by unit (the rows of one unit come one after
        // another; a row without a unit alone), so that only whole runs are handed
        // over in file order.
        type Runs<'b> = (Vec<std::borrow::Cow<'b, str>>, Vec<UnitBudget>);
        let read: Vec<Runs<'_>> = pieces
            .into_par_iter()
            .map(|(piece, lines_before)| {
                // Room for about as many units as the piece has rows of the size of
                // the first one's.
                let room = piece
                    .find('\n')
                    .map_or(1, |n| piece.len() / (n + 1) / 2 + 1);
                let (mut keys, mut runs): Runs<'_> =
                    (Vec::with_capacity(room), Vec::with_capacity(room));
                let mut ranges = Vec::new();
                let mut lines = PlainLines::new(piece, lines_before);
                while let Some((line, cells)) = lines.next_cells(&mut ranges) {
                    let Some((key, row)) = self.row(cells, line) else {
                        continue;
                    };
                    match (keys.last(), runs.last_mut()) {
                        (Some(k), Some(b)) if !key.is_empty() && same_text(k, &key) => b.add(row),
                        (_, last) => {
                            let room = last.map_or(1, |b| b.lines.len().max(1));
                            keys.push(key);
                            runs.push(UnitBudget::of(row, room));
                        }
                    }
                }
                (keys, runs)
            })
            .collect();
        // Room for every unit at once (mostly one run each), not grown as they come.
        into.budgets
            .index
            .reserve(read.iter().map(|(k, _)| k.len()).sum());
        for (keys, runs) in read {
            into.in_budget += into.budgets.add_list(keys, runs, &mut into.notes);
        }
        true
    }
}

/// The files every unit of the export shape shares.
#[derive(Debug)]
struct Shared {
    dir: PathBuf,
    /// unit.toml, budget.csv and targets.csv in `dir`.
    paths: [PathBuf; 3],
    unit: UnitInfo,
    settings: Settings,
    /// The template targets and their lines in targets.csv.
    template: attain_core::model::Indicators,
    /// The template's own checks, made once for its units.
    template_checks: attain_core::model::IndicatorChecks,
    template_sources: SourceMap,
    /// The template's indicator ids and names, made once for its units.
    template_names: crate::actuals::IndicatorNames,
    /// How the values of the template's indicators read, made once for its units.
    template_rules: Vec<crate::actuals::PlainRule>,
    /// The template's indicators as items of actuals, made once for its units.
    template_items: Vec<Item>,
    /// The qualitative words of `settings`, made once for every unit.
    vocabulary: attain_core::target::Vocabulary,
    /// Units with their own targets.csv.
    own_targets: HashSet<String>,
    /// Every unit of budget.csv.
    budgets: Budgets,
    /// The units' full names in units.csv.
    names: foldhash::HashMap<String, String>,
    /// The units with rows in budget.csv.
    in_budget: usize,
    /// Problems of the shared files that are not a unit's (rows without a unit).
    notes: Diagnostics,
}

/// A shared file's bytes, read whole when it is up to 256 MiB (a million units'
/// lines; a larger file streams).
fn read_small(path: &Path) -> Option<Vec<u8>> {
    let small = std::fs::metadata(path).is_ok_and(|m| m.len() <= 256 << 20);
    small.then(|| std::fs::read(path).ok()).flatten()
}

/// `bytes` from byte `start` (after the header) in pieces of about `piece` bytes cut
/// after a line break, each with the line breaks before it, when they are UTF-8
/// that can be split at line breaks and commas ([`is_plain`]); `None` when not.
fn plain_pieces(bytes: &[u8], start: usize, piece: usize) -> Option<Vec<(&str, usize)>> {
    let body = bytes.get(start..)?;
    if !is_plain(body) {
        return None;
    }
    let text = simdutf8::basic::from_utf8(body).ok()?;
    let piece = piece.max(1);
    let mut pieces = Vec::new();
    let (mut from, mut lines) = (0, newlines(&bytes[..start]));
    while from < body.len() {
        let to = match body.get(from + piece..) {
            Some(rest) => memchr::memchr(b'\n', rest).map_or(body.len(), |i| from + piece + i + 1),
            None => body.len(),
        };
        pieces.push((&text[from..to], lines));
        lines += newlines(&body[from..to]);
        from = to;
    }
    Some(pieces)
}

/// The units' full names in units.csv of the export folder `dir` (none without the
/// file), in file order: read in pieces on all threads when the file is plain
/// ([`plain_pieces`]), else record by record.
fn names_in(dir: &Path) -> Result<Vec<(String, String)>, Failed> {
    names_read(dir, true)
}

/// [`names_in`], in pieces only when `pieces` (else record by record).
fn names_read(dir: &Path, pieces: bool) -> Result<Vec<(String, String)>, Failed> {
    let path = dir.join(UNITS_FILE);
    if !path.is_file() {
        return Ok(Vec::new());
    }
    const COLUMNS: &[Column] = &[
        UNIT_COLUMN,
        Column {
            key: "name",
            zh: &["名称", "单位全称"],
            required: true,
        },
    ];
    let (mut rdr, start) = csv_reader_with(&path)?;
    let (map, _) = header(&mut rdr, COLUMNS, &path)?;
    let (unit_col, name_col) = (map["unit"], map["name"]);
    // A cell cleaned as the record reader below cleans it (a tidy one is its own
    // cleaned text).
    let cleaned = |c: &str, tidy: bool| {
        if tidy {
            c.to_string()
        } else {
            clean(c).into_owned()
        }
    };
    if let Some(start) = start.filter(|_| pieces) {
        let start = (start + rdr.position().byte()) as usize;
        let bytes = read_small(&path);
        if let Some(pieces) = bytes
            .as_deref()
            .and_then(|b| plain_pieces(b, start, 256 << 10))
        {
            let read: Vec<Vec<(String, String)>> = pieces
                .into_par_iter()
                .map(|(piece, lines_before)| {
                    let mut out = Vec::new();
                    let mut ranges = Vec::new();
                    let mut lines = PlainLines::new(piece, lines_before);
                    while let Some((_, cells)) = lines.next_cells(&mut ranges) {
                        let get = |i| {
                            cells
                                .get(i)
                                .map(|c| cleaned(c, cells.tidy))
                                .unwrap_or_default()
                        };
                        let key = get(unit_col);
                        if !key.is_empty() {
                            out.push((key, get(name_col)));
                        }
                    }
                    out
                })
                .collect();
            return Ok(read.into_iter().flatten().collect());
        }
    }
    let mut rec = csv::StringRecord::new();
    let mut names = Vec::new();
    loop {
        match rdr.read_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(csv_failure(&e, &rdr, &path).into()),
        }
        let get = |k: &str| {
            rec.get(map[k])
                .map(|c| clean(c).into_owned())
                .unwrap_or_default()
        };
        let key = get("unit");
        if !key.is_empty() {
            names.push((key, get("name")));
        }
    }
    Ok(names)
}

/// A CSV file read record by record: UTF-8 (with or without BOM) is streamed; other
/// encodings are decoded whole first.
fn csv_reader(path: &Path) -> Result<CsvReader, Diagnostic> {
    csv_reader_with(path).map(|(r, _)| r)
}

/// A CSV reader of any source, counting its lines.
type CsvReader = csv::Reader<Counted>;

/// The source of a CSV reader, noting the line breaks it passes on, so that a
/// record's line is told from its byte position ([`line_of`]) as the unit-folder
/// reader tells it: the csv crate's own count leaves out blank lines and counts a
/// CRLF line end once for the record and not for its line feed.
struct Counted {
    inner: Box<dyn Read + Send>,
    /// Bytes passed on so far.
    read: u64,
    /// The line breaks passed on that no record has been placed after yet.
    breaks: std::cell::RefCell<Breaks>,
}

#[derive(Debug, Default)]
struct Breaks {
    /// Each line break's offset, and where the run of line-end bytes (`\r`, `\n`)
    /// it is in starts.
    ahead: std::collections::VecDeque<(u64, u64)>,
    /// The line breaks before the last position asked about.
    passed: usize,
    /// Where the run of line-end bytes at the end of the bytes passed on starts.
    run: Option<u64>,
}

impl Counted {
    fn new(inner: Box<dyn Read + Send>) -> Counted {
        Counted {
            inner,
            read: 0,
            breaks: Default::default(),
        }
    }

    /// The 1-based line of the record whose position (as the csv crate gives it,
    /// right after the previous record's first line-end byte) is `byte`: the line
    /// of its first byte that ends no line. Asked in increasing order.
    fn line_at(&self, byte: u64) -> usize {
        let mut b = self.breaks.borrow_mut();
        while b.ahead.front().is_some_and(|&(at, _)| at < byte) {
            b.ahead.pop_front();
            b.passed += 1;
        }
        // The line breaks of the line ends `byte` is in (blank lines, or the line
        // feed of a CRLF) are before the record too.
        let more = b.ahead.iter().take_while(|&&(_, run)| run <= byte).count();
        b.passed + more + 1
    }
}

impl Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let b = self.breaks.get_mut();
        let mut run = b.run;
        for (i, &c) in buf[..n].iter().enumerate() {
            let at = self.read + i as u64;
            match c {
                b'\n' => {
                    let start = *run.get_or_insert(at);
                    b.ahead.push_back((at, start));
                }
                b'\r' => {
                    run.get_or_insert(at);
                }
                _ => run = None,
            }
        }
        b.run = run;
        self.read += n as u64;
        Ok(n)
    }
}

/// The line of a record of `rdr` at `pos` (see [`Counted`]).
fn line_of(rdr: &CsvReader, pos: Option<&csv::Position>) -> usize {
    pos.map_or(0, |p| rdr.get_ref().line_at(p.byte()))
}

/// What the chunks gave: the units' results and the notes of rows that are no unit's.
type ChunksRead<T> = Result<(Vec<T>, Diagnostics), Fallback>;

/// The CSV reader's settings (every record, of any length).
fn csv_builder() -> csv::ReaderBuilder {
    let mut b = csv::ReaderBuilder::new();
    b.has_headers(false).flexible(true).buffer_capacity(1 << 20);
    b
}

/// [`csv_reader`], and where its bytes start in the file when it streams it (after
/// the byte order mark); `None` when the file was decoded.
fn csv_reader_with(path: &Path) -> Result<(CsvReader, Option<u64>), Diagnostic> {
    let cannot = |e: std::io::Error| {
        Diagnostic::error(cat::cannot_read(e))
            .in_file(path)
            .help(cat::cannot_read_help())
    };
    let mut f = std::fs::File::open(path).map_err(cannot)?;
    let mut head = vec![0u8; 1 << 16];
    let mut n = 0;
    while n < head.len() {
        let k = f.read(&mut head[n..]).map_err(cannot)?;
        if k == 0 {
            break;
        }
        n += k;
    }
    head.truncate(n);
    let utf8 = match std::str::from_utf8(&head) {
        Ok(_) => true,
        // A character cut at the end of the sample is fine.
        Err(e) => e.error_len().is_none(),
    };
    let (reader, start): (Box<dyn Read + Send>, _) = if utf8 {
        let skip = if head.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        head.drain(..skip);
        (
            Box::new(
                std::io::Cursor::new(head).chain(std::io::BufReader::with_capacity(1 << 20, f)),
            ),
            Some(skip as u64),
        )
    } else {
        let t = crate::text::read(path)?;
        (Box::new(std::io::Cursor::new(t.content.into_bytes())), None)
    };
    Ok((csv_builder().from_reader(Counted::new(reader)), start))
}

/// A row as the unit-folder readers see it, for a diagnostic: the cells joined by
/// commas (quoted where needed) with their columns.
/// [`row_of`], for other modules' tests.
#[cfg(test)]
pub(crate) fn row_for_tests(line: usize, fields: &[&str]) -> Row {
    row_of(line, fields)
}

fn row_of(line: usize, fields: &[&str]) -> Row {
    let mut source = String::new();
    let mut cells = Vec::with_capacity(fields.len());
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            source.push(',');
        }
        let quoted = f.contains([',', '"', '\n']);
        let column = source.chars().count() + 1 + usize::from(quoted);
        if quoted {
            source.push('"');
            source.push_str(&f.replace('"', "\"\""));
            source.push('"');
        } else {
            source.push_str(f);
        }
        cells.push(Cell {
            text: crate::cells::clean(f),
            raw: f.to_string(),
            column,
        });
    }
    Row {
        line,
        source,
        cells,
    }
}

/// `raw` trimmed of white space: most cells start and end with a visible ASCII
/// character, and then there is nothing to trim (no Unicode scan).
fn trim(raw: &str) -> &str {
    let b = raw.as_bytes();
    let visible = |c: Option<char>| c.is_some_and(|c| !c.is_whitespace());
    if b.first().is_some_and(u8::is_ascii_graphic) && b.last().is_some_and(u8::is_ascii_graphic) {
        raw
    } else if visible(raw.chars().next()) && visible(raw.chars().next_back()) {
        // Chinese text at either end: only its first and last characters looked at.
        raw
    } else {
        raw.trim()
    }
}

/// The cleaned text of a cell: trimmed, and through the full cleaning (HTML, white
/// space) only when it could change something.
fn clean(raw: &str) -> std::borrow::Cow<'_, str> {
    let t = trim(raw);
    if needs_cleaning(t) {
        std::borrow::Cow::Owned(crate::cells::clean(raw))
    } else {
        std::borrow::Cow::Borrowed(t)
    }
}

/// Whether `t` holds anything the full cleaning changes: `<`, `&`, a tab or line
/// break, two spaces in a row, an ideographic or no-break space (one pass over the
/// bytes; both spaces are recognised by their UTF-8 bytes).
fn needs_cleaning(t: &str) -> bool {
    // The bytes that may start something to clean, looked up in a table (most
    // cells have none of them).
    const MAY: [bool; 256] = {
        let mut t = [false; 256];
        let mut k = 0;
        let bytes = [b'<', b'&', b'\t', b'\n', b'\r', b' ', 0xC2, 0xE3];
        while k < bytes.len() {
            t[bytes[k] as usize] = true;
            k += 1;
        }
        t
    };
    let b = t.as_bytes();
    if !b.iter().any(|&c| MAY[c as usize]) {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'<' | b'&' | b'\t' | b'\n' | b'\r' => return true,
            b' ' if b.get(i + 1) == Some(&b' ') => return true,
            // U+00A0
            0xC2 if b.get(i + 1) == Some(&0xA0) => return true,
            // U+3000
            0xE3 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x80) => return true,
            _ => {}
        }
        i += 1;
    }
    false
}

fn csv_failure(e: &csv::Error, rdr: &CsvReader, path: &Path) -> Diagnostic {
    let d = Diagnostic::error(cat::bad_csv(e))
        .in_file(path)
        .help(cat::bad_csv_help());
    match e.position() {
        Some(p) => d.at_line(line_of(rdr, Some(p))),
        None => d,
    }
}

/// Map a header record: the columns' positions by key, and the header as a row.
fn header(
    rdr: &mut CsvReader,
    columns: &[Column],
    path: &Path,
) -> Result<(BTreeMap<&'static str, usize>, Row), Diagnostic> {
    let mut rec = csv::StringRecord::new();
    match rdr.read_record(&mut rec) {
        Ok(true) => {}
        Ok(false) => {
            return Err(Diagnostic::error(cat::empty_file())
                .in_file(path)
                .help(cat::empty_file_help()))
        }
        Err(e) => return Err(csv_failure(&e, rdr, path)),
    }
    let fields: Vec<&str> = rec.iter().collect();
    let row = row_of(1, &fields);
    let map = map_header(&row, columns, path)?;
    Ok((map, row))
}

/// A record's cells: the text they are in and where each cell is in it. The CSV
/// parser's records ([`Cells::of_record`]) and a chunk's lines split at commas
/// ([`PlainLines`]) are read the same way.
#[derive(Debug, Clone, Copy)]
struct Cells<'a, 'r> {
    /// Every cell is its own cleaned text (nothing to trim or clean in the row).
    tidy: bool,
    text: &'a str,
    split: Split<'r>,
}

/// Where a record's cells are in their text.
#[derive(Debug, Clone, Copy)]
enum Split<'r> {
    /// The byte range of each cell.
    Ranges(&'r [(u32, u32)]),
    /// A short line split at its commas: where they are, as bits (no range per
    /// cell is kept).
    Commas(Commas),
}

/// A short line's cells: see [`Split::Commas`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Commas {
    /// The line, without its line break.
    start: u32,
    end: u32,
    /// Bit `i` is set when byte `start + i` is a comma.
    commas: u64,
}

impl Commas {
    /// The number of cells.
    #[inline]
    fn len(self) -> usize {
        self.commas.count_ones() as usize + 1
    }

    /// The byte range of the `i`-th cell, if the line has one.
    #[inline]
    fn range(self, i: usize) -> Option<(u32, u32)> {
        let mut a = self.start;
        let mut m = self.commas;
        for _ in 0..i {
            if m == 0 {
                return None;
            }
            a = self.start + m.trailing_zeros() + 1;
            m &= m - 1;
        }
        let b = if m == 0 {
            self.end
        } else {
            self.start + m.trailing_zeros()
        };
        Some((a, b))
    }
}

impl<'a, 'r> Cells<'a, 'r> {
    /// The cells of `rec`, with their ranges in `ranges` (cleared first).
    fn of_record(rec: &'a csv::StringRecord, ranges: &'r mut Vec<(u32, u32)>) -> Cells<'a, 'r> {
        ranges.clear();
        ranges.extend(
            (0..rec.len())
                .filter_map(|i| rec.range(i))
                .map(|r| (r.start as u32, r.end as u32)),
        );
        Cells {
            tidy: false,
            text: rec.as_slice(),
            split: Split::Ranges(ranges),
        }
    }

    #[inline]
    fn len(&self) -> usize {
        match self.split {
            Split::Ranges(r) => r.len(),
            Split::Commas(c) => c.len(),
        }
    }

    /// The byte range of the `i`-th cell in the text.
    #[inline]
    fn range(&self, i: usize) -> Option<(u32, u32)> {
        match self.split {
            Split::Ranges(r) => r.get(i).copied(),
            Split::Commas(c) => c.range(i),
        }
    }

    #[inline]
    fn get(&self, i: usize) -> Option<&'a str> {
        let (a, b) = self.range(i)?;
        self.text.get(a as usize..b as usize)
    }

    fn iter(&self) -> impl Iterator<Item = &'a str> + use<'a, 'r> {
        let cells = *self;
        (0..self.len()).map(move |i| cells.get(i).unwrap_or(""))
    }

    /// Every cell is blank.
    fn blank(&self) -> bool {
        if self.tidy {
            // Nothing to trim: blank is empty.
            return match self.split {
                Split::Ranges(r) => r.iter().all(|&(a, b)| a == b),
                // Nothing but commas.
                Split::Commas(c) => c.commas.count_ones() == c.end - c.start,
            };
        }
        self.iter().all(|c| c.trim().is_empty())
    }

    /// The row, for a diagnostic.
    fn row(&self, line: usize) -> Row {
        let fields: Vec<&str> = self.iter().collect();
        row_of(line, &fields)
    }
}

/// The unit-folder reader's checks of a CSV row against its header
/// ([`crate::actuals::csv_row_checks`]: a cell outside the header's columns, a number
/// split by a thousands separator, a note that is only a number), made only when the
/// record could draw one (the row is built for them): the error that keeps the row
/// from being read, and a warning. `mapped`: which of the header's columns `map`
/// reads ([`mapped_columns`]); `value`: the value's column.
#[allow(clippy::too_many_arguments)]
fn row_checks(
    cells: Cells<'_, '_>,
    header: &Row,
    map: &BTreeMap<&'static str, usize>,
    mapped: &[bool],
    value: Option<usize>,
    line: usize,
    path: &Path,
) -> (Option<Diagnostic>, Option<Diagnostic>) {
    let width = header.cells.len();
    // Most files have only columns that are read, and most rows no note: those
    // rows are passed without looking at their text.
    let stray = cells.len() > width
        || (!mapped.iter().all(|&m| m)
            && cells
                .iter()
                .zip(mapped)
                .any(|(c, &m)| !m && !trim(c).is_empty()));
    let short_value = value.is_some_and(|v| {
        cells.range(v + 1).is_some_and(|(a, b)| a != b)
            && cells.get(v + 1).is_some_and(|c| !trim(c).is_empty())
            && cells.get(v).is_some_and(|c| c.trim().chars().count() <= 4)
    });
    if !stray && !short_value {
        return (None, None);
    }
    crate::actuals::csv_row_checks(&cells.row(line), header, map, path)
}

/// Which of the header's columns `map` reads.
fn mapped_columns(header: &Row, map: &BTreeMap<&'static str, usize>) -> Vec<bool> {
    (0..header.cells.len())
        .map(|i| map.values().any(|&m| m == i))
        .collect()
}

impl Shared {
    fn read(dir: &Path) -> Result<Shared, Failed> {
        let mut diags = Diagnostics::default();
        let unit_path = dir.join(unitdir::UNIT_FILE);
        let (unit, settings) = unitdir::read_unit_settings(&unit_path).map_err(Failed::from)?;
        let mut template_sources = SourceMap::default();
        let targets = dir.join(unitdir::TARGETS_FILE);
        let template: attain_core::model::Indicators =
            unitdir::read_targets(&targets, &mut template_sources, &mut diags).into();
        if diags.has_errors() {
            return Err(Failed(diags));
        }
        let own_targets = std::fs::read_dir(dir.join(UNIT_FOLDERS))
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .filter(|e| e.path().join(unitdir::TARGETS_FILE).is_file())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        let template_checks = attain_core::model::IndicatorChecks::new(&template, &settings);
        let template_names = crate::actuals::IndicatorNames::new(&template);
        let template_rules = template
            .iter()
            .map(|i| crate::actuals::PlainRule::of(Some(i)))
            .collect();
        let template_items = template
            .iter()
            .map(crate::actuals::indicator_item)
            .collect();
        let vocabulary = settings.vocabulary();
        let mut shared = Shared {
            dir: dir.to_path_buf(),
            paths: [
                unitdir::UNIT_FILE,
                unitdir::BUDGET_FILE,
                unitdir::TARGETS_FILE,
            ]
            .map(|f| dir.join(f)),
            unit,
            settings,
            template,
            template_checks,
            template_sources,
            template_names,
            template_rules,
            template_items,
            vocabulary,
            own_targets,
            budgets: Budgets::default(),
            names: foldhash::HashMap::default(),
            in_budget: 0,
            notes: diags,
        };
        // units.csv and budget.csv read at the same time (each in pieces), each
        // indexed by key when read.
        let (names, budgets) = rayon::join(
            || -> Result<foldhash::HashMap<String, String>, Failed> {
                let names = names_in(dir)?;
                let mut map = foldhash::HashMap::with_capacity_and_hasher(
                    names.len(),
                    foldhash::fast::RandomState::default(),
                );
                // A unit named twice has its last name.
                map.extend(names);
                Ok(map)
            },
            || shared.read_budgets(),
        );
        shared.names = names?;
        budgets?;
        Ok(shared)
    }

    fn read_budgets(&mut self) -> Result<(), Failed> {
        self.read_budgets_in(256 << 10)
    }

    /// [`Shared::read_budgets`] in pieces of about `piece` bytes.
    fn read_budgets_in(&mut self, piece: usize) -> Result<(), Failed> {
        let path = self.dir.join(unitdir::BUDGET_FILE);
        let mut columns = vec![UNIT_COLUMN];
        columns.extend_from_slice(unitdir::BUDGET_COLUMNS);
        let (mut rdr, start) = csv_reader_with(&path)?;
        let (map, head) = header(&mut rdr, &columns, &path)?;
        let cols = BudgetColumns::new(map, head, path);
        // A plain UTF-8 file is read in pieces by all threads; any other by this one.
        if let Some(start) = start {
            let start = start + rdr.position().byte();
            if cols.read_plain(start, piece, self) {
                return Ok(());
            }
        }
        let mut rec = csv::StringRecord::new();
        let mut ranges = Vec::new();
        let (mut keys, mut runs): (Vec<String>, Vec<UnitBudget>) = (Vec::new(), Vec::new());
        loop {
            match rdr.read_record(&mut rec) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => return Err(csv_failure(&e, &rdr, &cols.path).into()),
            }
            let line = line_of(&rdr, rec.position());
            let cells = Cells::of_record(&rec, &mut ranges);
            if let Some((key, row)) = cols.row(cells, line) {
                // Rows of one unit come one after another: one run each.
                match (keys.last(), runs.last_mut()) {
                    (Some(k), Some(b)) if !key.is_empty() && same_text(k, &key) => b.add(row),
                    _ => {
                        keys.push(key.into_owned());
                        runs.push(UnitBudget::of(row, 1));
                    }
                }
            }
        }
        self.in_budget += self.budgets.add_list(keys, runs, &mut self.notes);
        Ok(())
    }

    /// The model of unit `key`, with its checks as diagnostics, and where its parts
    /// came from.
    fn model(&self, key: &str, diags: &mut Diagnostics) -> (Model, UnitSources<'_>) {
        let [_, budget_path, template_path] = &self.paths;
        let name = self.names.get(key).cloned();
        let b = self.budgets.get(key).filter(|b| b.in_budget);
        let (lines, rows): (Vec<BudgetLine>, &[usize]) = match b {
            Some(b) => {
                if !b.errors.is_empty() {
                    diags.extend(b.errors.clone());
                }
                (b.lines.clone(), &b.rows)
            }
            None => (Vec::new(), &[]),
        };
        let own = self.own_targets.contains(key);
        let mut own_sources = SourceMap::default();
        let targets_path = if own {
            Cow::Owned(
                self.dir
                    .join(UNIT_FOLDERS)
                    .join(key)
                    .join(unitdir::TARGETS_FILE),
            )
        } else {
            Cow::Borrowed(template_path.as_path())
        };
        // The template is shared by its units, not copied.
        let indicators = if own {
            unitdir::read_targets(&targets_path, &mut own_sources, diags).into()
        } else {
            self.template.clone()
        };
        if b.is_none() {
            diags.push(
                Diagnostic::error(cat::actuals_without_budget(key))
                    .in_file(budget_path)
                    .help(cat::actuals_without_budget_help()),
            );
        }
        let mut unit = self.unit.clone();
        unit.name = name.unwrap_or_else(|| key.to_string());
        let model = Model::new(
            unit,
            self.settings.clone(),
            attain_core::Budget {
                lines,
                ..Default::default()
            },
            indicators,
        );
        // The export shape has no income: the balance against it is not checked.
        let checks: Vec<_> = model
            .check_with((!own).then_some(&self.template_checks))
            .into_iter()
            .filter(|c| c.part != Some(Part::Income))
            .collect();
        let sources = UnitSources {
            own: own.then_some(own_sources).into(),
            rows,
            targets_path,
            made: std::cell::OnceCell::new(),
            line_rows: std::cell::OnceCell::new(),
        };
        // Names that fold to one: found first, placed only then; none when every
        // name folds to itself (two equal as written are not such names).
        let names = || model.budget.lines.iter().map(|l| l.name.as_str());
        let folds_to_itself =
            |n: &str| matches!(crate::names::fold(n), Cow::Borrowed(f) if f.len() == n.len());
        if !names().all(folds_to_itself)
            && !crate::names::fold_duplicates(names().map(|n| (n, 0))).is_empty()
        {
            unitdir::fold_duplicates(
                names(),
                sources.get(self, &model),
                budget_path,
                attain_core::msg::unit::names::line_name(),
                diags,
            );
        }
        for c in &checks {
            diags.push(
                sources
                    .get(self, &model)
                    .diagnostic(c, &sources.targets_path),
            );
        }
        (model, sources)
    }
}

/// Where a unit's indicators and budget lines came from, made into a [`SourceMap`]
/// only when a diagnostic points at one (most units have none).
#[derive(Debug)]
struct UnitSources<'s> {
    /// The places of the unit's own targets (none: the template's).
    own: std::cell::RefCell<Option<SourceMap>>,
    /// The budget lines' rows in budget.csv.
    rows: &'s [usize],
    targets_path: Cow<'s, Path>,
    made: std::cell::OnceCell<SourceMap>,
    /// Each budget line's row by name (the last of a name), made for a finding.
    line_rows: std::cell::OnceCell<HashMap<String, usize>>,
}

impl<'s> UnitSources<'s> {
    /// Where budget line `name` came from: [`UnitSources::get`] for a line, without
    /// the targets.
    fn line(&self, shared: &'s Shared, model: &Model, name: &str) -> Option<(&'s Path, usize)> {
        let rows = self.line_rows.get_or_init(|| {
            let mut rows = HashMap::with_capacity(model.budget.lines.len());
            for (l, row) in model.budget.lines.iter().zip(self.rows) {
                rows.insert(l.name.clone(), *row);
            }
            rows
        });
        rows.get(name).map(|&row| (shared.paths[1].as_path(), row))
    }

    /// The places of the targets (the unit's own, or the template's), the budget
    /// lines (a name at its last row) and the files of the parts.
    fn get(&self, shared: &Shared, model: &Model) -> &SourceMap {
        self.made.get_or_init(|| {
            let [unit_path, budget_path, _] = &shared.paths;
            let mut sources = self
                .own
                .take()
                .unwrap_or_else(|| shared.template_sources.clone());
            for (l, row) in model.budget.lines.iter().zip(self.rows) {
                sources.insert(&l.name, budget_path, *row);
            }
            sources.set_part(Part::Settings, unit_path);
            sources.set_part(Part::Budget, budget_path);
            sources.set_part(Part::Indicators, &self.targets_path);
            sources
        })
    }
}

/// One unit's rows held for reading it at once: the cells' text, and where each cell
/// of each row is in it. The text is the unit's own copy (`Cow::Owned`, filled row by
/// row) or, for a chunk split at commas, the chunk itself (`Cow::Borrowed`: nothing
/// is copied).
#[derive(Debug, Default)]
struct Block<'t> {
    key: String,
    buf: std::borrow::Cow<'t, str>,
    /// The byte range in `buf` of every cell of the rows not kept by their commas
    /// ([`BlockRow::by_commas`]).
    fields: Vec<(u32, u32)>,
    rows: Vec<BlockRow>,
    /// The positions of month (or date), item, value and note in a row.
    cols: [Option<usize>; 4],
    /// What was found while splitting: rows not read (a cell outside the header's
    /// columns, a number split by a thousands separator) and warnings.
    diagnostics: Diagnostics,
    /// The file is in the detail form (one row per payment).
    detail: bool,
}

/// A row of a [`Block`].
#[derive(Debug, Clone, Copy)]
struct BlockRow {
    /// Its line in the file.
    line: usize,
    /// With `by_commas`: the row's bytes in the block's text, `start..end` (a short
    /// line of a chunk split at commas, [`Split::Commas`]), with its commas as bits;
    /// else the range of its cells in the block's `fields`.
    start: u32,
    end: u32,
    commas: u64,
    by_commas: bool,
    /// Its cells are their own cleaned text ([`Cells::tidy`]).
    tidy: bool,
}

impl<'t> Block<'t> {
    fn new(key: String, detail: bool, cols: [Option<usize>; 4]) -> Block<'t> {
        Block {
            key,
            detail,
            cols,
            ..Default::default()
        }
    }

    /// The cells of a row.
    #[inline]
    fn cells(&self, r: &BlockRow) -> Cells<'_, '_> {
        let split = if r.by_commas {
            Split::Commas(Commas {
                start: r.start,
                end: r.end,
                commas: r.commas,
            })
        } else {
            Split::Ranges(
                self.fields
                    .get(r.start as usize..r.end as usize)
                    .unwrap_or_default(),
            )
        };
        Cells {
            tidy: r.tidy,
            text: &self.buf,
            split,
        }
    }

    /// The cells `cols` of a row (`""` where it has none, as for `usize::MAX`).
    #[inline]
    fn cells_at<const N: usize>(&self, r: &BlockRow, cols: [usize; N]) -> [&str; N] {
        let text: &str = &self.buf;
        if r.by_commas {
            if !cols.is_sorted_by(|a, b| a < b) {
                let c = Commas {
                    start: r.start,
                    end: r.end,
                    commas: r.commas,
                };
                return cols.map(|i| {
                    c.range(i)
                        .and_then(|(a, b)| text.get(a as usize..b as usize))
                        .unwrap_or("")
                });
            }
            // One walk over the commas, the columns in order.
            let (start, len) = (r.start as usize, (r.end - r.start) as usize);
            let mut out = [""; N];
            let (mut m, mut a, mut k) = (r.commas, 0, 0);
            for (o, &c) in out.iter_mut().zip(&cols) {
                while k < c {
                    if m == 0 {
                        // No such cell, nor any after it.
                        return out;
                    }
                    a = m.trailing_zeros() as usize + 1;
                    m &= m - 1;
                    k += 1;
                }
                let b = if m == 0 {
                    len
                } else {
                    m.trailing_zeros() as usize
                };
                // An empty cell (a note, mostly) without a look at the text.
                if a < b {
                    *o = text.get(start + a..start + b).unwrap_or("");
                }
            }
            out
        } else {
            let fields = self
                .fields
                .get(r.start as usize..r.end as usize)
                .unwrap_or_default();
            cols.map(|i| {
                fields
                    .get(i)
                    .and_then(|&(a, b)| text.get(a as usize..b as usize))
                    .unwrap_or("")
            })
        }
    }

    /// The block's rows are read in `text` itself.
    #[inline]
    fn reads(&self, text: &str) -> bool {
        matches!(&self.buf, std::borrow::Cow::Borrowed(t) if std::ptr::eq(*t, text))
    }

    /// Add a tidy row of the block's text by its commas ([`Block::push`] without
    /// looking at the row's form).
    #[inline]
    fn push_commas(&mut self, line: usize, c: Commas, tidy: bool) {
        self.rows.push(BlockRow {
            line,
            start: c.start,
            end: c.end,
            commas: c.commas,
            by_commas: true,
            tidy,
        });
    }

    /// Add a row's cells: copied into the block's own text, or, when the block reads
    /// `cells.text` itself, by their commas or ranges only.
    #[inline]
    fn push(&mut self, line: usize, cells: Cells<'_, '_>) {
        let first = self.fields.len() as u32;
        match &mut self.buf {
            std::borrow::Cow::Borrowed(t) if std::ptr::eq(*t, cells.text) => match cells.split {
                Split::Commas(c) => return self.push_commas(line, c, cells.tidy),
                Split::Ranges(r) => self.fields.extend_from_slice(r),
            },
            buf => {
                let buf = buf.to_mut();
                for text in cells.iter() {
                    let start = buf.len() as u32;
                    buf.push_str(text);
                    self.fields.push((start, buf.len() as u32));
                }
            }
        }
        self.rows.push(BlockRow {
            line,
            start: first,
            end: self.fields.len() as u32,
            commas: 0,
            by_commas: false,
            tidy: cells.tidy,
        });
    }
}

/// The actuals rows came back to a unit after another one.
#[derive(Debug)]
struct NotGrouped;

const ACTUAL_KEYS: [&str; 4] = ["month", "item", "value", "note"];

/// Read actuals.csv and evaluate each unit: `grouped` hands a unit over as soon as
/// its rows end (and gives up when a unit's rows come back); otherwise every unit's
/// rows are held to the end. Units without actuals rows are evaluated too.
fn stream<T: Send>(
    shared: &Arc<Shared>,
    grouped: bool,
    tick: &(impl Fn() + Sync),
    f: &(impl Fn(Result<UnitData, UnitFailed>) -> T + Sync),
) -> Result<(Vec<T>, Diagnostics), NotGrouped> {
    let path = shared.dir.join(EXPORT_ACTUALS);
    let (tx, rx) = std::sync::mpsc::sync_channel::<Block<'static>>(256);
    let reader_shared = Arc::clone(shared);
    let reader_path = path.clone();
    std::thread::scope(|s| {
        let reader = s.spawn(move || split(&reader_shared, &reader_path, grouped, tx));
        let out: Vec<T> = rx
            .into_iter()
            .par_bridge()
            .map(|b| {
                let t = f(unit(shared, &path, b));
                tick();
                t
            })
            .collect();
        match reader.join() {
            Ok(Ok(mut notes)) => {
                notes.extend(shared.notes.clone());
                Ok((out, notes))
            }
            Ok(Err(NotGrouped)) => Err(NotGrouped),
            Err(p) => std::panic::resume_unwind(p),
        }
    })
}

/// Why [`stream_chunks`] gave up; the file is read again by [`stream`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fallback {
    /// A unit's rows come back after another unit's.
    NotGrouped,
    /// The file is not streamed UTF-8, or a record could not be read: the reading
    /// thread reports it as before.
    Sequential,
}

/// A piece of actuals.csv that starts where a record starts, as the sequential
/// reader would be there (right after the end of a record's first terminator byte).
#[derive(Debug)]
struct Chunk {
    bytes: Vec<u8>,
    /// The line breaks in the file before it: a record's line is this plus its line
    /// in the chunk.
    lines_before: usize,
    /// It can be split at line breaks and commas ([`is_plain`]).
    plain: bool,
}

/// Read actuals.csv in chunks of about `size` bytes cut where a unit's rows begin,
/// each parsed and its units evaluated by one thread (no hand-over of rows between
/// threads); one thread only reads the file and finds the cuts. A chunk without a
/// quote is cut at a line break; one with a quote (a line break may be inside a
/// cell) is cut at a record found by the CSV parser itself. Line numbers are the
/// sequential reader's: each chunk knows the line breaks before it.
fn stream_chunks<T: Send>(
    shared: &Shared,
    size: usize,
    tick: &(impl Fn() + Sync),
    f: &(impl Fn(Result<UnitData, UnitFailed>) -> T + Sync),
) -> ChunksRead<T> {
    let path = shared.dir.join(EXPORT_ACTUALS);
    let (mut rdr, start) = csv_reader_with(&path).map_err(|_| Fallback::Sequential)?;
    let start = start.ok_or(Fallback::Sequential)?;
    let layout = Layout::read(&mut rdr, &path).map_err(|_| Fallback::Sequential)?;
    let start = start + rdr.position().byte();
    drop(rdr);
    let mut file = std::fs::File::open(&path).map_err(|_| Fallback::Sequential)?;
    let mut head = Vec::new();
    (&mut file)
        .take(start)
        .read_to_end(&mut head)
        .map_err(|_| Fallback::Sequential)?;
    let lines_before = newlines(&head);
    let together = Together::new();
    let stop = std::sync::atomic::AtomicBool::new(false);
    let (tx, rx) = std::sync::mpsc::sync_channel::<Chunk>(2);
    let unit_col = layout.unit_col;
    let (chunks, read) = std::thread::scope(|s| {
        let pool = &together.pool;
        let reader = s.spawn(move || cut_file(file, lines_before, size, unit_col, &tx, pool));
        let mut chunks: Vec<(usize, ChunksRead<T>)> = rx
            .into_iter()
            .enumerate()
            .par_bridge()
            .map(|(i, c)| {
                // After a chunk gave up, the rest are not read (the weaker reason:
                // the chunk that gave up says why).
                if stop.load(std::sync::atomic::Ordering::Relaxed) {
                    return (i, Err(Fallback::NotGrouped));
                }
                let r = read_chunk(shared, &layout, &path, c, &together, tick, f);
                if r.is_err() {
                    stop.store(true, std::sync::atomic::Ordering::Relaxed);
                }
                (i, r)
            })
            .collect();
        chunks.sort_by_key(|(i, _)| *i);
        let read = match reader.join() {
            Ok(r) => r,
            Err(p) => std::panic::resume_unwind(p),
        };
        (chunks, read)
    });
    read.map_err(|_| Fallback::Sequential)?;
    let mut failed = None;
    for (_, c) in &chunks {
        match c {
            Ok(_) => {}
            // The sequential reader also finds a unit's rows out of order.
            Err(e) if failed != Some(Fallback::Sequential) => failed = Some(*e),
            Err(_) => {}
        }
    }
    if let Some(e) = failed {
        return Err(e);
    }
    // The chunks' units are put together in one list, made big enough once, while
    // the units without rows are found and read.
    let ((mut out, mut notes), rest) = rayon::join(
        || {
            let read = chunks
                .iter()
                .map(|(_, c)| c.as_ref().map_or(0, |(o, _)| o.len()))
                .sum::<usize>();
            // Room for the units without rows too (at most every unit of
            // budget.csv; room never used is never touched).
            let mut out = Vec::with_capacity(read + shared.budgets.len());
            let mut notes = Diagnostics::default();
            for (o, n) in chunks.into_iter().filter_map(|(_, c)| c.ok()) {
                out.extend(o);
                notes.extend(n);
            }
            (out, notes)
        },
        || -> Vec<T> {
            silent(shared, |_, b| {
                b.read_in.load(std::sync::atomic::Ordering::Relaxed) != together.pass
            })
            .into_par_iter()
            .map(|k| {
                let t = f(unit(
                    shared,
                    &path,
                    Block::new(k.clone(), false, layout.cols),
                ));
                tick();
                t
            })
            .collect()
        },
    );
    out.extend(rest);
    notes.extend(shared.notes.clone());
    Ok((out, notes))
}

/// The number of line breaks in `b`.
fn newlines(b: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', b).count()
}

/// The size of the next chunk when `left` bytes of the file are left: `size`, down
/// to an eighth of what is left near the end (at least [`SMALLEST_CHUNK`]), so that
/// the threads finish together rather than one of them reading the last big chunk
/// alone.
fn tail_size(size: usize, left: u64) -> usize {
    let eighth = usize::try_from(left / 8).unwrap_or(usize::MAX);
    size.min(eighth.max(SMALLEST_CHUNK))
}

/// The smallest chunk [`tail_size`] makes.
const SMALLEST_CHUNK: usize = 64 << 10;

/// Read `file` (from after the header) and send it in chunks cut where a unit's rows
/// begin ([`cut`]); a chunk grows until it holds one such place or the file ends.
/// Buffers the readers are done with come back through `pool`.
fn cut_file(
    mut file: std::fs::File,
    mut lines_before: usize,
    size: usize,
    unit_col: usize,
    tx: &std::sync::mpsc::SyncSender<Chunk>,
    pool: &std::sync::Mutex<Vec<Vec<u8>>>,
) -> std::io::Result<()> {
    let size = size.max(1);
    // The bytes not read yet: the last chunks are smaller ([`tail_size`]).
    let mut unread = file
        .metadata()
        .ok()
        .zip(file.stream_position().ok())
        .map_or(0, |(m, at)| m.len().saturating_sub(at));
    let mut buf: Vec<u8> = Vec::with_capacity(size);
    let mut want = size;
    loop {
        let have = buf.len();
        if have < want {
            buf.reserve(want - have);
            let n = (&mut file)
                .take((want - have) as u64)
                .read_to_end(&mut buf)?;
            unread = unread.saturating_sub(n as u64);
        }
        let end = buf.len() < want;
        let (at, plain) = if end {
            (buf.len(), false)
        } else {
            match cut(&buf, unit_col) {
                Some(cut) => cut,
                None => {
                    want = want.saturating_mul(2);
                    continue;
                }
            }
        };
        let mut next = pool
            .lock()
            .ok()
            .and_then(|mut p| p.pop())
            .unwrap_or_default();
        next.clear();
        want = tail_size(size, unread + (buf.len() - at) as u64).max(buf.len() - at + 1);
        next.reserve(want);
        next.extend_from_slice(&buf[at..]);
        buf.truncate(at);
        let chunk = std::mem::replace(&mut buf, next);
        if !chunk.is_empty() {
            let n = newlines(&chunk);
            if tx
                .send(Chunk {
                    plain: plain || is_plain(&chunk),
                    bytes: chunk,
                    lines_before,
                })
                .is_err()
            {
                return Ok(());
            }
            lines_before += n;
        }
        if end {
            return Ok(());
        }
    }
}

/// Where to cut `b` (which starts where a record starts) so that the rest starts
/// with a unit's first row: right after the first terminator byte of the last
/// record of another unit before it (where the sequential reader would be), found
/// from the end. Rows without a unit do not count. Only complete records are looked
/// at (the last one may be cut off). `None` when `b` holds no such place; else the
/// place, and `true` when the bytes before it are plain ([`is_plain`]: found on the
/// way, for all the complete records, so that the chunk is not searched again).
fn cut(b: &[u8], unit_col: usize) -> Option<(usize, bool)> {
    let end = memchr::memrchr(b'\n', b)? + 1;
    let lines = &b[..end];
    if !is_plain(lines) {
        return cut_records(b, unit_col).map(|at| (at, false));
    }
    // Every line break ends a record (or a blank line): walk back line by line.
    let mut later: Option<&str> = None;
    let mut e = end - 1;
    loop {
        let s = memchr::memrchr(b'\n', &lines[..e]).map_or(0, |i| i + 1);
        let line = &lines[s..e];
        let (content, term) = match line.strip_suffix(b"\r") {
            Some(c) => (c, e - 1),
            None => (line, e),
        };
        if !content.is_empty() {
            let key = content
                .split(|&c| c == b',')
                .nth(unit_col)
                .and_then(|k| std::str::from_utf8(k).ok())
                .map_or("", str::trim);
            if !key.is_empty() {
                match later {
                    // Within `lines`, which is plain: so are the bytes before.
                    Some(l) if l != key => return Some((term + 1, true)),
                    _ => later = Some(key),
                }
            }
        }
        if s == 0 {
            return None;
        }
        e = s - 1;
    }
}

/// [`cut`] for a piece with quotes (or a carriage return alone): the records as the
/// CSV parser finds them from the start.
fn cut_records(b: &[u8], unit_col: usize) -> Option<usize> {
    let mut rdr = csv_builder().buffer_capacity(64 << 10).from_reader(b);
    let mut rec = csv::ByteRecord::new();
    // The last unit's key, and where the reader was after its last record.
    let mut last: Option<(Vec<u8>, u64)> = None;
    // A cut before the record just read, made good when another one follows (that
    // record is complete).
    let mut pending: Option<u64> = None;
    let mut found = None;
    while let Ok(true) = rdr.read_byte_record(&mut rec) {
        if let Some(p) = pending.take() {
            found = Some(p);
        }
        let key = rec.get(unit_col).map_or(&b""[..], |k| k.trim_ascii());
        let key = std::str::from_utf8(key).map_or(key, |k| k.trim().as_bytes());
        if key.is_empty() {
            continue;
        }
        let after = rdr.position().byte();
        match &mut last {
            Some((k, at)) if k.as_slice() == key => *at = after,
            _ => {
                if let Some((_, at)) = &last {
                    pending = Some(*at);
                }
                last = Some((key.to_vec(), after));
            }
        }
    }
    found.map(|p| p as usize)
}

/// What the threads reading chunks share.
#[derive(Debug)]
struct Together {
    /// This reading of the file, unlike any before it on the same [`Shared`] (a
    /// unit of budget.csv is marked read with it: [`UnitBudget::read_in`]).
    pass: u32,
    /// The units read so far that are not in budget.csv (a unit in two chunks is
    /// out of order).
    seen: std::sync::Mutex<HashSet<String>>,
    /// Chunk buffers done with, for the reading thread to fill again.
    pool: std::sync::Mutex<Vec<Vec<u8>>>,
}

impl Together {
    /// For a new reading of the file.
    fn new() -> Together {
        static PASSES: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
        Together {
            pass: PASSES.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            seen: Default::default(),
            pool: Default::default(),
        }
    }

    /// Mark unit `key` read; false when it was read before (out of order).
    fn first_time(&self, shared: &Shared, key: &str) -> bool {
        match shared.budgets.get(key) {
            Some(b) => {
                b.read_in
                    .swap(self.pass, std::sync::atomic::Ordering::Relaxed)
                    != self.pass
            }
            None => self
                .seen
                .lock()
                .map(|mut s| s.insert(key.to_string()))
                .unwrap_or(false),
        }
    }
}

/// Parse one chunk into its units' blocks and evaluate them. A plain chunk is split
/// at line breaks and commas and its units read their cells in the chunk itself;
/// any other is parsed by the CSV parser and each unit gets a copy of its cells.
fn read_chunk<T>(
    shared: &Shared,
    layout: &Layout,
    path: &Path,
    chunk: Chunk,
    together: &Together,
    tick: &(impl Fn() + Sync),
    f: &(impl Fn(Result<UnitData, UnitFailed>) -> T + Sync),
) -> ChunksRead<T> {
    let text = if chunk.plain {
        // Validated with SIMD (the chunk is mostly Chinese text: no ASCII shortcut).
        Some(simdutf8::basic::from_utf8(&chunk.bytes).map_err(|_| Fallback::Sequential)?)
    } else {
        None
    };
    // A small buffer: the bytes are in memory already (and in the cache).
    let mut rdr = text.is_none().then(|| {
        csv_builder()
            .buffer_capacity(64 << 10)
            .from_reader(&chunk.bytes[..])
    });
    let mut notes = Diagnostics::default();
    let mut out = Vec::new();
    // A unit is evaluated as soon as its rows end (while they are in the cache),
    // unless it was read before: then the file is out of order.
    let mut evaluate = |b: Block<'_>| -> Result<(), Fallback> {
        if !together.first_time(shared, &b.key) {
            return Err(Fallback::NotGrouped);
        }
        out.push(f(unit(shared, path, b)));
        tick();
        Ok(())
    };
    let mut cur = Block::default();
    let mut rec = csv::StringRecord::new();
    let mut ranges = Vec::new();
    let mut plain = text.map(|t| PlainLines::new(t, chunk.lines_before));
    let mut counted = crate::cells::LineCount::default();
    loop {
        if let Some(p) = plain.as_mut() {
            p.take_quiet(layout, &mut cur);
        }
        let (line, cells) = match (text, &mut rdr) {
            (Some(_), _) => match plain.as_mut().and_then(|p| p.next_cells(&mut ranges)) {
                Some(c) => c,
                None => break,
            },
            (None, Some(rdr)) => {
                match rdr.read_record(&mut rec) {
                    Ok(true) => {}
                    Ok(false) => break,
                    Err(_) => return Err(Fallback::Sequential),
                }
                let at = rec.position().map_or(0, |p| p.byte() as usize);
                let line = chunk.lines_before + counted.line_at(&chunk.bytes, at);
                (line, Cells::of_record(&rec, &mut ranges))
            }
            (None, None) => break,
        };
        // Most rows of a plain chunk are quiet ([`Layout::quiet_key`]): only their
        // key is read here.
        let quiet = match cells.split {
            Split::Commas(c) if cells.tidy => layout
                .quiet_key(c)
                .and_then(|(a, b)| cells.text.get(a as usize..b as usize))
                .map(|k| (k, c)),
            _ => None,
        };
        let key = match quiet {
            Some((key, _)) => key,
            None => match layout.key(cells, line, path, &mut notes) {
                Some(key) => key,
                None => continue,
            },
        };
        if !same_text(key, &cur.key) {
            let b = layout.block_like(key, &cur, text);
            let prev = std::mem::replace(&mut cur, b);
            if !prev.key.is_empty() {
                evaluate(prev)?;
            }
        }
        match quiet {
            Some((_, c)) if cur.reads(cells.text) => cur.push_commas(line, c, true),
            _ => layout.add(cells, line, path, &mut cur),
        }
    }
    if !cur.key.is_empty() {
        evaluate(cur)?;
    }
    drop(rdr);
    if let Ok(mut p) = together.pool.lock() {
        p.push(chunk.bytes);
    }
    Ok((out, notes))
}

/// The records of a plain chunk ([`is_plain`]), line by line: each line that is not
/// empty split at commas. As the CSV parser reads it: a line break ends a record
/// (after a carriage return, which is left out) and an empty line is skipped. The
/// commas, line breaks and odd bytes of the whole text are found first, 64 bytes at
/// a time ([`text_masks`]); a line shorter than 64 bytes (most are) is then read
/// from the bits alone, its end the next line break's bit and its commas the bits
/// before it ([`Split::Commas`]); a longer one byte by byte ([`Split::Ranges`]).
struct PlainLines<'t> {
    text: &'t str,
    /// The [`Masks`] of every 64 bytes of `text`, and of none after them.
    masks: Vec<Masks>,
    /// Where the current line starts.
    at: usize,
    /// The lines passed (the line number of the last line read).
    line: usize,
}

/// The commas, line breaks and odd bytes of 64 bytes, bit `i` for byte `i`. Odd are
/// the bytes [`odd_byte`] finds, and carriage returns and line breaks too: in a
/// plain text, a record's bytes have neither.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Masks {
    commas: u64,
    lf: u64,
    odd: u64,
}

impl<'t> PlainLines<'t> {
    /// The lines of `text` (plain: [`is_plain`]), the first being line
    /// `lines_before + 1`.
    fn new(text: &'t str, lines_before: usize) -> PlainLines<'t> {
        PlainLines {
            text,
            masks: text_masks(text.as_bytes()),
            at: 0,
            line: lines_before,
        }
    }

    /// The next record's cells and its line number. A line read byte by byte has
    /// its cells' ranges put in `ranges`.
    #[inline]
    fn next_cells<'r>(
        &mut self,
        ranges: &'r mut Vec<(u32, u32)>,
    ) -> Option<(usize, Cells<'t, 'r>)> {
        if let Some((c, tidy)) = self.next_short() {
            let cells = Cells {
                tidy,
                text: self.text,
                split: Split::Commas(c),
            };
            return Some((self.line, cells));
        }
        if self.at >= self.text.len() {
            return None;
        }
        self.long_line(ranges)
    }

    /// The next record if its line is short (read from the bits alone): its cells
    /// by their commas, and whether it is tidy. Empty lines are passed. `None` at
    /// the end, and for a line to read byte by byte (not passed).
    #[inline(always)]
    fn next_short(&mut self) -> Option<(Commas, bool)> {
        let b = self.text.as_bytes();
        loop {
            let s = self.at;
            if s >= b.len() {
                return None;
            }
            // The 64 bits from `s` of each mask (from two words; the second one's
            // shifted in two steps so that at offset 0 none of it is).
            let w = s / 64;
            let off = (s % 64) as u32;
            let [m0, m1] = self.masks.get(w..w + 2)?.first_chunk::<2>()?.to_owned();
            let from = |a: u64, b: u64| a >> off | b << 1 << (63 - off);
            let lf = from(m0.lf, m1.lf);
            if lf == 0 {
                return None;
            }
            let e = s + lf.trailing_zeros() as usize;
            let end = if e > s && b[e - 1] == b'\r' { e - 1 } else { e };
            if end == s {
                self.at = e + 1;
                self.line += 1;
                continue;
            }
            let keep = (1u64 << (end - s)) - 1;
            let odd = from(m0.odd, m1.odd) & keep != 0;
            self.at = e + 1;
            self.line += 1;
            let c = Commas {
                start: s as u32,
                end: end as u32,
                commas: from(m0.commas, m1.commas) & keep,
            };
            return Some((c, !odd));
        }
    }

    /// Add to `cur` the quiet rows ([`Layout::quiet_key`]) of its unit that come
    /// next, when it reads its rows in this text; the first other row is left.
    #[inline]
    fn take_quiet(&mut self, layout: &Layout, cur: &mut Block<'_>) {
        if cur.key.is_empty() || !cur.reads(self.text) {
            return;
        }
        loop {
            let (at, line) = (self.at, self.line);
            let Some((c, tidy)) = self.next_short() else {
                (self.at, self.line) = (at, line);
                return;
            };
            let b = self.text.as_bytes();
            let same = tidy
                && layout.quiet_key(c).is_some_and(|(k0, k1)| {
                    b.get(k0 as usize..k1 as usize)
                        .is_some_and(|k| same_bytes(k, cur.key.as_bytes()))
                });
            if !same {
                (self.at, self.line) = (at, line);
                return;
            }
            cur.push_commas(self.line, c, true);
        }
    }

    /// The line from `at` that [`PlainLines::next_short`] leaves (64 bytes or
    /// longer, or the last one without a line break): read byte by byte.
    #[cold]
    fn long_line<'r>(&mut self, ranges: &'r mut Vec<(u32, u32)>) -> Option<(usize, Cells<'t, 'r>)> {
        let b = self.text.as_bytes();
        let s = self.at;
        let e = memchr::memchr(b'\n', &b[s..]).map_or(b.len(), |i| s + i);
        self.at = e + 1;
        self.line += 1;
        let end = if e > s && b[e - 1] == b'\r' { e - 1 } else { e };
        if end == s {
            return self.next_cells(ranges);
        }
        let tidy = !b[s..end].iter().any(|&c| odd_byte(c));
        let cells = Cells {
            tidy,
            text: self.text,
            split: Split::Ranges(split_ranges(b, s, end, ranges)),
        };
        Some((self.line, cells))
    }
}

/// The cells of `b[s..end]` (split at commas), by their ranges in `b`, into
/// `ranges` (cleared first).
fn split_ranges<'r>(
    b: &[u8],
    s: usize,
    end: usize,
    ranges: &'r mut Vec<(u32, u32)>,
) -> &'r [(u32, u32)] {
    ranges.clear();
    let mut from = s;
    for i in memchr::memchr_iter(b',', &b[s..end]) {
        ranges.push((from as u32, (s + i) as u32));
        from = s + i + 1;
    }
    ranges.push((from as u32, end as u32));
    ranges
}

/// A byte that may be, or start, something that trimming or cleaning a cell changes:
/// ASCII control characters and space, `<`, `&`, and the first bytes of the
/// non-ASCII white space (U+0085, U+00A0: 0xC2; U+1680, U+2000–U+205F, U+3000:
/// 0xE1–0xE3). A cell without any is its own cleaned text (a test checks that).
/// Not a line break, which ends a record in a plain chunk ([`is_plain`]), nor a
/// carriage return, which is there only before a line break and left out of the
/// record's last cell: so the bytes of a record without any are tidy.
fn odd_byte(b: u8) -> bool {
    (b <= b' ' && b != b'\r' && b != b'\n')
        || b == b'<'
        || b == b'&'
        || b == 0xC2
        || (0xE1..=0xE3).contains(&b)
}

/// The [`Masks`] of every 64 bytes of `bytes` (the last ones fewer), and an empty
/// one after them: found by SIMD comparisons (through `wide`, which picks the
/// instructions the target has).
fn text_masks(bytes: &[u8]) -> Vec<Masks> {
    let (blocks, rest) = bytes.as_chunks::<64>();
    let mut out = Vec::with_capacity(blocks.len() + 2);
    out.extend(blocks.iter().map(block_masks));
    if !rest.is_empty() {
        out.push(
            rest.iter()
                .enumerate()
                .fold(Masks::default(), |m, (i, &b)| Masks {
                    commas: m.commas | u64::from(b == b',') << i,
                    lf: m.lf | u64::from(b == b'\n') << i,
                    odd: m.odd | u64::from(odd_byte(b) || b == b'\r' || b == b'\n') << i,
                }),
        );
    }
    out.push(Masks::default());
    out
}

/// The [`Masks`] of 64 bytes.
#[inline]
fn block_masks(block: &[u8; 64]) -> Masks {
    use wide::u8x16;
    let splat = u8x16::splat;
    let mut m = Masks::default();
    for (k, lane) in block.as_chunks::<16>().0.iter().enumerate() {
        let v = u8x16::new(*lane);
        let lf = v.simd_eq(splat(b'\n'));
        let commas = v.simd_eq(splat(b','));
        m.commas |= u64::from(commas.to_bitmask()) << (16 * k);
        m.lf |= u64::from(lf.to_bitmask()) << (16 * k);
        // `x <= n` as `min(x, n) == x`; 0xE1..=0xE3 as `x - 0xE1 <= 2` (wrapping).
        let low = v.min(splat(b' ')).simd_eq(v);
        let e = v - splat(0xE1);
        let lead = e.min(splat(2)).simd_eq(e);
        let odds =
            low | lead | v.simd_eq(splat(b'<')) | v.simd_eq(splat(b'&')) | v.simd_eq(splat(0xC2));
        m.odd |= u64::from(odds.to_bitmask()) << (16 * k);
    }
    m
}

/// A carriage return not followed by a line break (the last byte may be one: its
/// line break starts the next chunk).
fn lone_cr(b: &[u8]) -> bool {
    memchr::memchr_iter(b'\r', b).any(|i| i + 1 < b.len() && b[i + 1] != b'\n')
}

/// Whether a chunk can be split at line breaks and commas: no quote (a comma or
/// line break in a quoted cell is part of it) and no carriage return alone (the CSV
/// parser ends a record there); its ranges fit in 32 bits.
fn is_plain(b: &[u8]) -> bool {
    b.len() <= u32::MAX as usize && memchr::memchr(b'"', b).is_none() && !lone_cr(b)
}

/// How actuals.csv's rows are read: its header's columns and where month, item,
/// value and note are.
struct Layout {
    map: BTreeMap<&'static str, usize>,
    header_row: Row,
    /// The header's number of cells.
    width: usize,
    detail: bool,
    unit_col: usize,
    /// The positions of month (or date), item, value and note in a row.
    cols: [Option<usize>; 4],
    /// Month, item and value: a row without them is shorter than the header.
    needed: usize,
    mapped: Vec<bool>,
    value_at: Option<usize>,
    /// Every column of the header is read (no cell can be stray).
    all_mapped: bool,
}

impl Layout {
    /// Read the header of actuals.csv from `rdr`.
    fn read(rdr: &mut CsvReader, path: &Path) -> Result<Layout, Diagnostic> {
        let mut columns = vec![UNIT_COLUMN];
        columns.extend_from_slice(crate::actuals::ACTUAL_COLUMNS);
        let (map, header_row) = header(rdr, &columns, path)?;
        let map = crate::actuals::with_month_column(map, &header_row, path)?;
        let detail = crate::actuals::is_detail(&map);
        let unit_col = map["unit"];
        let cols: [Option<usize>; 4] = ACTUAL_KEYS.map(|k| match k {
            "month" => map.get("date").or(map.get("month")).copied(),
            k => map.get(k).copied(),
        });
        let needed = cols[..3].iter().flatten().copied().max().unwrap_or(0);
        let mapped = mapped_columns(&header_row, &map);
        let value_at = map.get("value").copied();
        Ok(Layout {
            map,
            width: header_row.cells.len(),
            header_row,
            detail,
            unit_col,
            cols,
            needed,
            all_mapped: mapped.iter().all(|&m| m),
            mapped,
            value_at,
        })
    }

    /// The unit of a record: `None` for a row without one (a blank row is skipped;
    /// any other gets an error in `notes`).
    #[inline]
    fn key<'r>(
        &self,
        cells: Cells<'r, '_>,
        line: usize,
        path: &Path,
        notes: &mut Diagnostics,
    ) -> Option<&'r str> {
        let key = cells
            .get(self.unit_col)
            .map(|c| if cells.tidy { c } else { trim(c) })
            .unwrap_or("");
        if !key.is_empty() {
            return Some(key);
        }
        if !cells.blank() {
            notes.push(
                cells
                    .row(line)
                    .point_row(path, Diagnostic::error(cat::row_without_unit()))
                    .help(cat::unit_code_help()),
            );
        }
        None
    }

    /// Where the unit is in a tidy row by its commas that [`Layout::key`] and
    /// [`Layout::add`] pass without a word: a unit, no more cells than the header's,
    /// all of them read, nothing after the value, and month, item and value there.
    /// `None` for any other (read by those).
    #[inline]
    fn quiet_key(&self, c: Commas) -> Option<(u32, u32)> {
        let cells = c.len();
        if cells > self.width || cells <= self.needed || !self.all_mapped {
            return None;
        }
        // The cell after the value is empty (or not there): after the value's
        // comma comes another one, or the line's end.
        if let Some(v) = self.value_at {
            if v + 1 < cells {
                let mut m = c.commas;
                for _ in 0..v {
                    m &= m - 1;
                }
                let p = m.trailing_zeros() + 1;
                if p != c.end - c.start && (c.commas >> p) & 1 == 0 {
                    return None;
                }
            }
        }
        let (a, b) = c.range(self.unit_col)?;
        (a < b).then_some((a, b))
    }

    /// A new block for unit `key`, with its own copy of its rows' text.
    fn block<'t>(&self, key: &str) -> Block<'t> {
        Block::new(key.to_string(), self.detail, self.cols)
    }

    /// A new block for unit `key` with room for as much as `last` took: units are
    /// of similar size, so the buffers do not grow row by row. With `text`, the block
    /// reads its rows' cells in it (a chunk split at commas) instead of copying them.
    fn block_like<'t>(&self, key: &str, last: &Block<'_>, text: Option<&'t str>) -> Block<'t> {
        let mut b = self.block(key);
        match text {
            Some(t) => b.buf = std::borrow::Cow::Borrowed(t),
            None => b.buf.to_mut().reserve(last.buf.len()),
        }
        b.fields.reserve(last.fields.len());
        b.rows.reserve(last.rows.len());
        b
    }

    /// Add a record of the unit of `cur` to it: the row's cells, or the error that
    /// keeps it from being read (and a warning).
    #[inline]
    fn add(&self, cells: Cells<'_, '_>, line: usize, path: &Path, cur: &mut Block<'_>) {
        // What `row_checks` passes without a look: no more cells than the header's,
        // all of them read, and nothing after the value.
        let quiet = cells.len() <= self.header_row.cells.len()
            && self.all_mapped
            && self
                .value_at
                .is_none_or(|v| cells.range(v + 1).is_none_or(|(a, b)| a == b));
        let checks = if quiet {
            (None, None)
        } else {
            row_checks(
                cells,
                &self.header_row,
                &self.map,
                &self.mapped,
                self.value_at,
                line,
                path,
            )
        };
        match checks {
            (Some(e), _) => {
                cur.diagnostics.push(e);
                return;
            }
            (None, Some(w)) => cur.diagnostics.push(w),
            (None, None) => {}
        }
        if cells.len() <= self.needed {
            cur.diagnostics.push(
                cells
                    .row(line)
                    .point_row(path, Diagnostic::error(cat::row_short()))
                    .help(cat::row_short_help()),
            );
            return;
        }
        cur.push(line, cells);
    }
}

/// Split actuals.csv into blocks of one unit's rows and send them, then a block for
/// every unit with budget lines but no rows. Problems of rows that belong to no unit
/// are returned.
fn split(
    shared: &Shared,
    path: &Path,
    grouped: bool,
    tx: std::sync::mpsc::SyncSender<Block<'static>>,
) -> Result<Diagnostics, NotGrouped> {
    let mut notes = Diagnostics::default();
    let mut done: HashSet<String> = HashSet::new();
    let mut held: HashMap<String, Block<'static>> = HashMap::new();
    let mut rdr = match csv_reader(path) {
        Ok(r) => r,
        Err(d) => {
            notes.push(d);
            return Ok(notes);
        }
    };
    let layout = match Layout::read(&mut rdr, path) {
        Ok(l) => l,
        Err(d) => {
            notes.push(d);
            return Ok(notes);
        }
    };
    let mut cur = Block::default();
    let mut rec = csv::StringRecord::new();
    let mut ranges = Vec::new();
    let send = |b: Block<'static>, tx: &std::sync::mpsc::SyncSender<Block<'static>>| {
        // The receiver only stops early when evaluation panics; the panic is raised
        // there.
        let _ = tx.send(b);
    };
    loop {
        match rdr.read_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                notes.push(csv_failure(&e, &rdr, path));
                break;
            }
        }
        let line = line_of(&rdr, rec.position());
        let cells = Cells::of_record(&rec, &mut ranges);
        let Some(key) = layout.key(cells, line, path, &mut notes) else {
            continue;
        };
        if key != cur.key {
            let next = if grouped {
                if done.contains(key) {
                    return Err(NotGrouped);
                }
                layout.block_like(key, &cur, None)
            } else {
                held.remove(key).unwrap_or_else(|| layout.block(key))
            };
            let prev = std::mem::replace(&mut cur, next);
            if !prev.key.is_empty() {
                done.insert(prev.key.clone());
                if grouped {
                    send(prev, &tx);
                } else {
                    held.insert(prev.key.clone(), prev);
                }
            }
        }
        layout.add(cells, line, path, &mut cur);
    }
    if !cur.key.is_empty() {
        done.insert(cur.key.clone());
        if grouped {
            send(cur, &tx);
        } else {
            held.insert(cur.key.clone(), cur);
        }
    }
    let mut rest: Vec<Block<'static>> = held.into_values().collect();
    rest.sort_by(|a, b| a.key.cmp(&b.key));
    for b in rest {
        send(b, &tx);
    }
    for k in silent(shared, |k, _| !done.contains(k)) {
        send(Block::new(k.clone(), false, layout.cols), &tx);
    }
    Ok(notes)
}

/// Everything a unit's reading gives, as text: key, whether it failed, its
/// diagnostics and (when read) its actuals; what the readings of [`read_every_way`]
/// (and the chunk tests) compare.
fn outcome_text(r: Result<UnitData, UnitFailed>) -> String {
    match r {
        Ok(u) => format!(
            "{} read {:?} {:?}",
            u.key,
            u.diagnostics.iter().collect::<Vec<_>>(),
            u.actuals.entries()
        ),
        Err(f) => format!(
            "{} failed {:?}",
            f.key,
            f.diagnostics.iter().collect::<Vec<_>>()
        ),
    }
}

/// For the fuzz target `export_csv` (`crate::fuzzing`): the export folder `dir`'s
/// actuals.csv read by the sequential reader, then in chunks of each size in
/// `chunks`: each way's units (key, read or not, diagnostics, entries) and notes, as
/// text, for the caller to compare.
#[doc(hidden)]
pub fn read_every_way(dir: &Path, chunks: &[usize]) -> Result<Vec<String>, Failed> {
    let shared = Arc::new(Shared::read(dir)?);
    let read = |chunk: Option<usize>| match read_export(
        Arc::clone(&shared),
        chunk,
        |_| {},
        || {},
        outcome_text,
    ) {
        Ok((mut units, notes)) => {
            units.sort();
            format!("{units:#?}\n{:?}", notes.iter().collect::<Vec<_>>())
        }
        Err(f) => format!("failed {:?}", f.0.iter().collect::<Vec<_>>()),
    };
    Ok(std::iter::once(None)
        .chain(chunks.iter().map(|&c| Some(c)))
        .map(read)
        .collect())
}

/// The units with budget lines but no actuals rows (`unread`), in key order.
fn silent(shared: &Shared, unread: impl Fn(&str, &UnitBudget) -> bool) -> Vec<&String> {
    let mut silent: Vec<&String> = shared
        .budgets
        .iter()
        .filter(|(k, b)| b.in_budget && unread(k, b))
        .map(|(k, _)| k)
        .collect();
    silent.sort();
    silent
}

/// The item named by `text` among the [`NEARBY`] item numbers from `from` on (round
/// to the first), by the texts that named them before (`seen`): rows name a month's
/// items in the order of their numbers, some left out, and the budget lines (the last
/// numbers) come before the indicators (the first).
fn nearby(seen: &[Option<&str>], from: usize, text: &str) -> Option<usize> {
    let n = seen.len();
    // `from` is at most `n`: past the end is round to the first, without a division.
    let mut k = if from >= n { 0 } else { from };
    for _ in 0..NEARBY.min(n) {
        if seen[k].is_some_and(|s| same_text(s, text)) {
            return Some(k);
        }
        k += 1;
        if k == n {
            k = 0;
        }
    }
    None
}

/// How many item numbers [`nearby`] tries: more than a month's rows mostly skip.
const NEARBY: usize = 12;

/// Texts by a 256-bit signature: a text it may hold or surely does not (a row naming
/// an item for the first time is not looked for among the items seen).
#[derive(Debug, Default)]
struct TextSet([u64; 4]);

impl TextSet {
    /// The word and bit of `t`: from its length and first and last eight bytes.
    #[inline]
    fn bit(t: &str) -> (usize, u64) {
        let (first, last) = crate::actuals::end_words(t);
        let h = (first.rotate_left(17) ^ last ^ t.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
            >> 56;
        ((h >> 6) as usize, 1 << (h & 63))
    }

    fn add(&mut self, t: &str) {
        let (w, bit) = TextSet::bit(t);
        self.0[w] |= bit;
    }

    /// False when `t` was surely never added.
    #[inline]
    fn may_hold(&self, t: &str) -> bool {
        let (w, bit) = TextSet::bit(t);
        self.0[w] & bit != 0
    }
}

/// A value read in full: the value, its warning noted; or its error noted.
fn value_or_note(
    read: Result<(Value, Option<Diagnostic>), Diagnostic>,
    diags: &mut Diagnostics,
) -> Option<Value> {
    match read {
        Ok((v, warn)) => {
            if let Some(w) = warn {
                diags.push(w);
            }
            Some(v)
        }
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

/// One unit from its block: model, actuals and diagnostics.
fn unit(shared: &Shared, path: &Path, mut block: Block<'_>) -> Result<UnitData, UnitFailed> {
    let mut diags = Diagnostics::default();
    let (model, sources) = shared.model(&block.key, &mut diags);
    diags.extend(std::mem::take(&mut block.diagnostics));
    let year = model.unit.year;
    // The unit's qualitative words: its settings are the shared ones.
    let vocabulary = &shared.vocabulary;
    let resolver = crate::actuals::Resolver::with_names(&model, Some(&shared.template_names));
    let mut unknown = 0usize;
    let label = EXPORT_ACTUALS;
    let mut actuals = Actuals::with_capacity(block.rows.len());
    // Each entry names its row by the file's number and its line: no text per row.
    let file = actuals.file(label);
    // Month, item and value are in every row (shorter rows are left out with an
    // error when the file is split).
    let [month_col, item_col, value_col, note_col] = block.cols;
    let (month_col, item_col, value_col) = (
        month_col.unwrap_or(0),
        item_col.unwrap_or(0),
        value_col.unwrap_or(0),
    );
    let mut last_month: Option<(&str, attain_core::Month)> = None;
    // Per item the resolver numbers: its place in `actuals`, and for a line its
    // spending in the year, if it has any (what `overspent` checks at the end): no
    // lookup by name per row.
    let mut slots: Vec<Option<attain_core::actuals::ItemSlot>> = vec![None; resolver.items()];
    actuals.reserve_items(resolver.items());
    let mut spent: Vec<Option<Decimal>> = vec![None; resolver.items()];
    // The spending of lines found by name alone (no number), by name.
    let mut spent_by_name: HashMap<String, Decimal> = HashMap::new();
    // Rows name the items in the same order month after month: per item number + 1
    // (0: before the first row), the text and number of the item that came next.
    let mut next: Vec<Option<(&str, usize)>> = vec![None; resolver.items() + 1];
    // Per item number: the text that named it in an earlier row. A text names one
    // item, so a row whose text is an item's seen text names that item: the items
    // just after the previous row's are tried so ([`nearby`]) before a lookup.
    let mut seen: Vec<Option<&str>> = vec![None; resolver.items()];
    // The texts in `seen`, to walk `seen` only for a text that may be one of them.
    let mut seen_texts = TextSet::default();
    // How the values of each indicator read: the template's made once for its units.
    let n_indicators = model.indicators.len();
    let template = model.indicators.is(&shared.template);
    // The template's items, made once for its units.
    let made_items: &[Item] = if template {
        &shared.template_items
    } else {
        &[]
    };
    let rules: Cow<'_, [crate::actuals::PlainRule]> = if template {
        Cow::Borrowed(&shared.template_rules)
    } else {
        model
            .indicators
            .iter()
            .map(|i| crate::actuals::PlainRule::of(Some(i)))
            .collect()
    };
    // Per item number: the last grade word read plainly, and its tier.
    let mut grades: Vec<Option<(&str, attain_core::Tier)>> = vec![None; resolver.items()];
    // Per budget line: when a figure is far over its budget, made at its first row.
    let mut far_over: Vec<Option<attain_core::budget::FarOver>> =
        vec![None; model.budget.lines.len()];
    let mut after = 0;
    let note_col = note_col.unwrap_or(usize::MAX);
    for row in &block.rows {
        let line = row.line;
        // A tidy row's cells need no trimming or cleaning.
        let clean = |raw| {
            if row.tidy {
                Cow::Borrowed(raw)
            } else {
                clean(raw)
            }
        };
        let [month_raw, item_raw, value_raw, note_raw] =
            block.cells_at(row, [month_col, item_col, value_col, note_col]);
        let full_row = || block.cells(row).row(line);
        // Rows of a unit mostly repeat the month of the row before.
        let parsed = match &last_month {
            Some((raw, m)) if same_text(raw, month_raw) => Ok(*m),
            _ => crate::actuals::month_of_cell(&clean(month_raw), year, block.detail),
        };
        let month = match parsed {
            Ok(m) => {
                last_month = Some((month_raw, m));
                m
            }
            Err((msg, help)) => {
                let row = full_row();
                let d = row
                    .point(path, Diagnostic::error(msg), &row.cells[month_col], "")
                    .column_name(if block.detail { "date" } else { "month" });
                diags.push(match help {
                    Some(h) => d.help(h),
                    None => d,
                });
                continue;
            }
        };
        let item_text = clean(item_raw);
        // The item that followed the previous row's item before, if this row names
        // it too (one comparison instead of a lookup by name).
        let guess = match (next[after], &item_text) {
            (Some((text, k)), Cow::Borrowed(t)) if same_text(text, t) => Some(k),
            (_, Cow::Borrowed(t)) if seen_texts.may_hold(t) => nearby(&seen, after, t),
            _ => None,
        };
        let known = match guess {
            Some(k) => Some(k),
            None => resolver.known(&item_text).map(|(_, k)| {
                if let Cow::Borrowed(t) = item_text {
                    next[after].get_or_insert((t, k));
                    if seen[k].is_none() {
                        seen[k] = Some(t);
                        seen_texts.add(t);
                    }
                }
                k
            }),
        };
        let known = known.filter(|&k| k < resolver.items());
        after = known.map_or(0, |k| k + 1);
        let value_text = clean(value_raw);
        let note = clean(note_raw).into_owned();
        let source = Origin::at(file, line);
        let (added, ind) = match known {
            // An item the resolver numbers: its rule (an indicator's) or its limit (a
            // line's) and its place are made once; no item is made per row.
            Some(k) => {
                let (rule, ind, far) = match k.checked_sub(n_indicators) {
                    None => (rules[k], resolver.indicator(k), None),
                    Some(l) => (
                        crate::actuals::PlainRule::Number,
                        None,
                        Some(
                            &*far_over[l]
                                .get_or_insert_with(|| resolver.far_over(&model.budget.lines[l])),
                        ),
                    ),
                };
                // A grade word read before for this item reads the same.
                let plain = match (rule, &value_text) {
                    (crate::actuals::PlainRule::Grade, Cow::Borrowed(t)) => match grades[k] {
                        Some((word, tier)) if same_text(word, t) => Some(Value::Grade {
                            word: word.to_string(),
                            tier,
                        }),
                        _ => {
                            let v = resolver.plain_by(t, rule, ind, far, vocabulary);
                            if let Some(Value::Grade { tier, .. }) = &v {
                                grades[k] = Some((t, *tier));
                            }
                            v
                        }
                    },
                    _ => resolver.plain_by(&value_text, rule, ind, far, vocabulary),
                };
                let value = match plain {
                    Some(v) => v,
                    None => {
                        let row = full_row();
                        let item = resolver.numbered(k);
                        let read = resolver.value(path, &row, &row.cells[value_col], &item, ind);
                        let Some(v) = value_or_note(read, &mut diags) else {
                            continue;
                        };
                        v
                    }
                };
                if let (Some(_), Value::Number(d)) = (far, &value) {
                    *spent[k].get_or_insert(Decimal::ZERO) += *d;
                }
                let at = *slots[k].get_or_insert_with(|| {
                    actuals.slot_of(
                        made_items
                            .get(k)
                            .map_or_else(|| resolver.numbered(k), Item::clone),
                    )
                });
                let adds_up = block.detail
                    && actuals
                        .item_at(at)
                        .is_some_and(|item| crate::actuals::adds_up(item, ind));
                let added = if adds_up {
                    actuals.add_in(at, month, value, note, source)
                } else {
                    actuals.insert_in(at, month, value, note, source)
                };
                (added, ind)
            }
            None => {
                let row = full_row();
                let suggest = unknown < crate::diag::MAX_PER_KIND;
                let (item, ind) = match resolver.item(path, &row, &row.cells[item_col], suggest) {
                    Ok(found) => found,
                    Err(d) => {
                        unknown += 1;
                        diags.push(d);
                        continue;
                    }
                };
                let value = match resolver.plain(&value_text, &item, ind, None, vocabulary) {
                    Some(v) => v,
                    None => {
                        let read = resolver.value(path, &row, &row.cells[value_col], &item, ind);
                        let Some(v) = value_or_note(read, &mut diags) else {
                            continue;
                        };
                        v
                    }
                };
                if let (Item::Line(l), Value::Number(d)) = (&item, &value) {
                    *spent_by_name.entry(l.to_string()).or_default() += *d;
                }
                let adds_up = block.detail && crate::actuals::adds_up(&item, ind);
                let entry = Entry {
                    month,
                    item,
                    value,
                    note,
                    source,
                };
                let added = if adds_up {
                    actuals.add(entry)
                } else {
                    actuals.insert(entry)
                };
                (added, ind)
            }
        };
        if let Err(first) = added {
            let row = full_row();
            let what = ind.map_or(item_text.to_string(), |i| i.name.clone());
            diags.push(
                row.point(
                    path,
                    Diagnostic::error(cat::second_figure(&what, month)),
                    &row.cells[item_col],
                    "",
                )
                .column_name("item")
                .related(cat::first_source(&first))
                .help(if block.detail {
                    cat::second_figure_detail_help()
                } else {
                    cat::second_figure_help()
                }),
            );
            continue;
        }
    }
    // Each line's spending in the year, by name (as a unit folder's ledger has it).
    let n = model.indicators.len();
    let mut by_name: HashMap<&str, Decimal> = HashMap::with_capacity(model.budget.lines.len());
    for (l, d) in model.budget.lines.iter().zip(&spent[n..]) {
        if let Some(d) = d {
            *by_name.entry(l.name.as_str()).or_default() += *d;
        }
    }
    for (l, d) in &spent_by_name {
        *by_name.entry(l.as_str()).or_default() += *d;
    }
    let spent_on = |line: &str| by_name.get(line).copied().unwrap_or_default();
    crate::overspent_by(
        &model,
        |line| sources.line(shared, &model, line),
        spent_on,
        &actuals,
        &mut diags,
    );
    if diags.has_errors() {
        return Err(UnitFailed {
            key: block.key,
            diagnostics: diags,
        });
    }
    let shared_targets = model.indicators.is(&shared.template);
    Ok(UnitData {
        key: block.key,
        model,
        actuals,
        plan: None,
        places: slots,
        shared_targets,
        diagnostics: diags,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const UNIT: &str = include_str!("../../../data/jiangsu-wb-office-2026/unit.toml");
    const TARGETS: &str = include_str!("../../../data/jiangsu-wb-office-2026/targets.csv");

    /// An export folder of the example unit's files with `budget` and `actuals`
    /// (both with a `unit` column); each unit's diagnostics, by unit.
    fn read_export(budget: &str, actuals: &str) -> Vec<(String, bool, Vec<Diagnostic>)> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("unit.toml"), UNIT).unwrap();
        std::fs::write(dir.path().join("targets.csv"), TARGETS).unwrap();
        std::fs::write(dir.path().join("budget.csv"), budget).unwrap();
        std::fs::write(dir.path().join("actuals.csv"), actuals).unwrap();
        let source = Source::of(dir.path()).unwrap();
        let (mut out, _) = for_each_unit(
            &source,
            |_| {},
            || {},
            |r| match r {
                Ok(u) => (u.key, true, u.diagnostics.iter().cloned().collect()),
                Err(f) => (f.key, false, f.diagnostics.iter().cloned().collect()),
            },
        )
        .unwrap();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    const BUDGET: &str = "unit,name,parent,h1_plan,budget\n\
        A,基本支出,,290,592.56\n\
        B,基本支出,,290,592.56\n";

    fn messages(d: &[Diagnostic]) -> Vec<String> {
        d.iter().map(|d| d.message.en()).collect()
    }

    /// A reading in chunks of a size: what it gave, and whether the chunks alone
    /// read the file.
    type Chunked = (usize, String, Result<(), Fallback>);

    /// An export folder of the example unit's files with `budget` and `actuals`
    /// (as bytes), read by the sequential reader and in chunks of every size from 1
    /// to `max_chunk` bytes: each reading's units (sorted) and notes.
    fn both_ways(budget: &str, actuals: &[u8], max_chunk: usize) -> (String, Vec<Chunked>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("unit.toml"), UNIT).unwrap();
        std::fs::write(dir.path().join("targets.csv"), TARGETS).unwrap();
        std::fs::write(dir.path().join("budget.csv"), budget).unwrap();
        std::fs::write(dir.path().join("actuals.csv"), actuals).unwrap();
        let shared = Arc::new(Shared::read(dir.path()).unwrap());
        let show = |(mut units, notes): (Vec<String>, Diagnostics)| {
            units.sort();
            format!("{units:#?}\n{:?}", notes.iter().collect::<Vec<_>>())
        };
        let read = |chunk| {
            show(
                super::read_export(Arc::clone(&shared), chunk, |_| {}, || {}, outcome_text)
                    .unwrap(),
            )
        };
        let sequential = read(None);
        let chunked = (1..=max_chunk)
            .map(|k| {
                let direct = stream_chunks(&shared, k, &|| {}, &outcome_text).map(|_| ());
                (k, read(Some(k)), direct)
            })
            .collect();
        (sequential, chunked)
    }

    /// Three units' rows with what the readers must keep: a blank line, a row
    /// without a unit, a blank row, errors (a bad month, an unknown item, a second
    /// figure) in every unit, so that line numbers show in the diagnostics.
    fn three_units(crlf: bool) -> String {
        let rows = [
            "unit,month,item,value,note",
            "A,2026-01,基本支出,10,",
            "A,2026-13,基本支出,10,",
            "",
            "A,2026-02,基本支出,11,一",
            ",2026-02,基本支出,11,",
            "B,2026-01,基本支出,12,",
            ",,,,",
            "B,2026-02,无此项目,12,",
            "B,2026-01,基本支出,13,",
            "C,2026-01,基本支出,14,",
            "C,2026-02,DEC-01,健全,",
            "C,2026-02,DEC-01,健全,",
        ];
        let mut s = rows.join(if crlf { "\r\n" } else { "\n" });
        s.push('\n');
        s
    }

    const BUDGET3: &str = "unit,name,parent,h1_plan,budget\n\
        A,基本支出,,290,592.56\n\
        B,基本支出,,290,592.56\n\
        C,基本支出,,290,592.56\n\
        D,基本支出,,290,592.56\n";

    /// Every chunk size read the file itself (no fallback) and as the sequential
    /// reader did.
    fn every_chunk_reads_as(sequential: &str, chunked: Vec<Chunked>, crlf: bool) {
        for (k, c, direct) in chunked {
            assert_eq!(direct, Ok(()), "chunk {k}, crlf {crlf}");
            assert_eq!(c, sequential, "chunk {k}, crlf {crlf}");
        }
    }

    proptest::proptest! {
        /// The masks found 64 bytes at a time are the commas, line breaks and odd
        /// bytes a byte-by-byte look finds, at any length (the last block is short,
        /// and past the end there are none).
        #[test]
        fn masks_are_every_comma_line_break_and_odd_byte(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![proptest::strategy::Just(b','), proptest::strategy::Just(b'\n'), proptest::num::u8::ANY],
                0..300,
            )
        ) {
            let mut want = vec![Masks::default(); bytes.len().div_ceil(64) + 1];
            for (i, &b) in bytes.iter().enumerate() {
                let (m, bit) = (&mut want[i / 64], 1u64 << (i % 64));
                m.commas |= if b == b',' { bit } else { 0 };
                m.lf |= if b == b'\n' { bit } else { 0 };
                m.odd |= if odd_byte(b) || b == b'\r' || b == b'\n' { bit } else { 0 };
            }
            proptest::prop_assert_eq!(text_masks(&bytes), want);
        }

        /// Lines of any length (shorter and longer than 64 bytes, across 64-byte
        /// blocks), with carriage returns and empty lines, split as a line-by-line
        /// split does.
        #[test]
        fn plain_lines_split_as_the_lines_and_commas(
            t in "(([a-z,调 ]{0,3}|[a-z,<调 ]{20,70}|[a-z,调]{60,140}|,{7,10})\r?\n){0,10}([a-z,调 ]{0,70}\r?)",
            before in 0usize..3,
        ) {
            proptest::prop_assert_eq!(plain_lines(&t, before), naive_lines(&t, before));
        }
    }

    /// What [`PlainLines`] reads in the plain text `t`: each record's line, cells
    /// and tidiness (and that its cells are kept by their commas exactly when its
    /// line break is less than 64 bytes from its start).
    fn plain_lines(t: &str, before: usize) -> Vec<(usize, Vec<String>, bool)> {
        let mut lines = PlainLines::new(t, before);
        let mut ranges = Vec::new();
        let mut out = Vec::new();
        while let Some((line, cells)) = lines.next_cells(&mut ranges) {
            let (start, _) = cells.range(0).unwrap();
            let (_, end) = cells.range(cells.len() - 1).unwrap();
            let by_commas = matches!(cells.split, Split::Commas(_));
            let (start, end) = (start as usize, end as usize);
            let e = end + usize::from(t[end..].starts_with('\r'));
            let short = t[e..].starts_with('\n') && e - start < 64;
            assert_eq!(by_commas, short, "{:?}", &t[start..]);
            let cells_text: Vec<String> = cells.iter().map(str::to_string).collect();
            assert_eq!(cells.range(cells.len()), None);
            out.push((line, cells_text, cells.tidy));
        }
        out
    }

    /// [`plain_lines`] the plain way: the text split at line breaks, a carriage
    /// return at a line's end left out, empty lines skipped, the rest split at
    /// commas; tidy without an odd byte.
    fn naive_lines(t: &str, before: usize) -> Vec<(usize, Vec<String>, bool)> {
        let mut pieces: Vec<&str> = t.split('\n').collect();
        if t.ends_with('\n') {
            pieces.pop();
        }
        pieces
            .into_iter()
            .enumerate()
            .filter_map(|(i, l)| {
                let l = l.strip_suffix('\r').unwrap_or(l);
                (!l.is_empty()).then(|| {
                    (
                        before + i + 1,
                        l.split(',').map(str::to_string).collect(),
                        !l.bytes().any(odd_byte),
                    )
                })
            })
            .collect()
    }

    proptest::proptest! {
        /// The shortcut trims as `str::trim` does, Unicode white space included.
        #[test]
        fn trim_is_str_trim(t in "[ \t\u{3000}\u{a0}\u{2003}\u{85}a-z调研（）,.%-]{0,12}") {
            proptest::prop_assert_eq!(trim(&t), t.trim());
        }
    }

    proptest::proptest! {
        /// A record is tidy exactly when none of its bytes is odd, and a tidy
        /// record's cells are their own cleaned text.
        #[test]
        fn tidy_records_need_no_cleaning(
            t in "([a-z0-9,.%<&调研　\u{a0}\u{85}\u{2003}é\t ]{0,30}\r?\n){0,12}[a-z,调 ]{0,20}"
        ) {
            let mut lines = PlainLines::new(&t, 0);
            let mut ranges = Vec::new();
            while let Some((_, cells)) = lines.next_cells(&mut ranges) {
                let (start, _) = cells.range(0).unwrap();
                let (_, end) = cells.range(cells.len() - 1).unwrap();
                let (start, end) = (start as usize, end as usize);
                let naive = !t.as_bytes()[start..end].iter().any(|&b| odd_byte(b));
                proptest::prop_assert_eq!(cells.tidy, naive, "{:?}", &t[start..end]);
                if cells.tidy {
                    for c in cells.iter() {
                        proptest::prop_assert!(matches!(clean(c), Cow::Borrowed(x) if x == c), "{:?}", c);
                    }
                }
            }
        }
    }

    /// An odd byte in the middle of a record several blocks long is seen.
    #[test]
    fn long_records_are_tidy_only_without_odd_bytes() {
        for at in [0, 1, 63, 64, 100, 128, 191, 199] {
            let mut row = vec![b'a'; 200];
            row[at] = b' ';
            let t = format!("x,y\n{}\nz\n", String::from_utf8(row).unwrap());
            let mut lines = PlainLines::new(&t, 0);
            let mut ranges = Vec::new();
            let tidy: Vec<bool> =
                std::iter::from_fn(|| Some(lines.next_cells(&mut ranges)?.1.tidy)).collect();
            assert_eq!(tidy, [true, false, true], "{at}");
        }
    }

    /// Every cell that cleaning or trimming changes has an odd byte.
    #[test]
    fn cells_that_cleaning_changes_have_an_odd_byte() {
        for c in [
            " a",
            "a ",
            "a\tb",
            "a  b",
            "<b>",
            "&amp;",
            "\u{3000}a",
            "a\u{a0}",
            "\u{2003}",
            "\u{85}x",
            "\u{1680}",
            "a\u{205f}",
        ] {
            assert!(!matches!(clean(c), Cow::Borrowed(x) if x == c), "{c:?}");
            assert!(c.bytes().any(odd_byte), "{c:?}");
        }
    }

    /// Commas and line breaks at and around the edges of 64-byte blocks.
    #[test]
    fn plain_lines_at_block_edges() {
        for len in [0, 1, 63, 64, 65, 127, 128, 129] {
            for at in 0..len {
                let mut b = vec![b'x'; len];
                b[at] = b',';
                b[len - 1 - at] = b'\n';
                let t = String::from_utf8(b).unwrap();
                assert_eq!(plain_lines(&t, 5), naive_lines(&t, 5), "{len} {at}");
                let crlf = t.replace('\n', "\r\n");
                assert_eq!(plain_lines(&crlf, 0), naive_lines(&crlf, 0), "{len} {at}");
            }
        }
    }

    proptest::proptest! {
        /// `nearby` tries the `NEARBY` numbers from `from` on, round to the first, in
        /// that order, and finds the first whose text is the row's.
        #[test]
        fn nearby_tries_the_next_numbers_round(
            seen in proptest::collection::vec(proptest::option::of("[ab]{0,2}"), 0..30),
            from in 0usize..31,
            text in "[ab]{0,2}",
        ) {
            let n = seen.len();
            let from = from.min(n);
            let seen: Vec<Option<&str>> = seen.iter().map(|s| s.as_deref()).collect();
            let want = (0..NEARBY.min(n))
                .map(|d| (from + d) % n)
                .find(|&k| seen[k] == Some(text.as_str()));
            proptest::prop_assert_eq!(nearby(&seen, from, &text), want);
        }

        /// A `TextSet` holds every text added (it may hold others), and tells most
        /// of a unit's item texts apart.
        #[test]
        fn a_text_set_holds_what_was_added(
            added in proptest::collection::vec("[a-z调研（）0-9-]{0,12}", 0..50),
            other in "[a-z调研（）0-9-]{0,12}",
        ) {
            let mut set = TextSet::default();
            for t in &added {
                set.add(t);
            }
            for t in &added {
                proptest::prop_assert!(set.may_hold(t), "{}", t);
            }
            if added.is_empty() {
                proptest::prop_assert!(!set.may_hold(&other));
            }
        }
    }

    #[test]
    fn a_text_set_tells_item_texts_apart() {
        let texts: Vec<String> = (1..=45)
            .map(|k| format!("PRO-{k:02}"))
            .chain((30..45).map(|k| format!("调研报告数量（{k}）")))
            .collect();
        let (first, rest) = texts.split_at(30);
        let mut set = TextSet::default();
        for t in first {
            set.add(t);
        }
        let thought_held = rest.iter().filter(|t| set.may_hold(t)).count();
        assert!(
            thought_held < rest.len() / 2,
            "{thought_held} of {}",
            rest.len()
        );
    }

    #[test]
    fn unit_names_read_in_pieces_as_record_by_record() {
        let names =
            "unit,name\nU1,甲单位\nU2, 乙单位 \n\nU3,\"丙,单位\"\n,无代码\nU4\nU5,戊\u{3000}单位\n";
        let variants = [
            names.to_string(),
            names.replace('\n', "\r\n"),
            format!("\u{feff}{}", names.replace("\"丙,单位\"", "丙单位")),
            names.replace("\"丙,单位\"", "丙单位").replace('\n', "\r\n"),
            "单位,单位全称\nU1,甲\nU2,乙".to_string(),
        ];
        for (k, text) in variants.iter().enumerate() {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join(UNITS_FILE), text).unwrap();
            let pieces = names_read(dir.path(), true).unwrap();
            let records = names_read(dir.path(), false).unwrap();
            assert_eq!(pieces, records, "variant {k}");
            assert!(records.len() >= 2, "variant {k}: {records:?}");
        }
        // Many units, cut into several pieces.
        let many: String = std::iter::once("unit,name\n".to_string())
            .chain((0..20_000).map(|i| format!("U{i:05},单位{i}\n")))
            .collect();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(UNITS_FILE), many).unwrap();
        let pieces = names_read(dir.path(), true).unwrap();
        assert_eq!(pieces.len(), 20_000);
        assert_eq!(pieces, names_read(dir.path(), false).unwrap());
        assert_eq!(
            pieces[19_999],
            ("U19999".to_string(), "单位19999".to_string())
        );
    }

    #[test]
    fn the_last_chunks_are_smaller() {
        let mb = 1 << 20;
        assert_eq!(tail_size(mb, 100 * mb as u64), mb);
        assert_eq!(tail_size(mb, 8 * mb as u64), mb);
        assert_eq!(tail_size(mb, 4 * mb as u64), mb / 2);
        assert_eq!(tail_size(mb, 100_000), SMALLEST_CHUNK);
        assert_eq!(tail_size(mb, 0), SMALLEST_CHUNK);
        // A chunk asked smaller than the smallest stays so.
        assert_eq!(tail_size(1000, 10), 1000);
    }

    #[test]
    fn chunks_cut_anywhere_read_as_the_sequential_reader() {
        for crlf in [false, true] {
            let a = three_units(crlf);
            let (sequential, chunked) = both_ways(BUDGET3, a.as_bytes(), a.len() + 1);
            // The diagnostics carry lines: the second chunk's too, the same with
            // CRLF line ends (the csv crate's own count is one short there).
            let last = 13;
            assert!(
                sequential.contains(&format!("line: Some({last})")),
                "{sequential}"
            );
            assert!(sequential.contains("D read"), "{sequential}");
            every_chunk_reads_as(&sequential, chunked, crlf);
        }
    }

    #[test]
    fn quoted_line_breaks_and_a_byte_order_mark_are_cut_by_the_csv_parser() {
        for crlf in [false, true] {
            let mut a = String::from("\u{feff}");
            a.push_str(&three_units(false).replace(
                "A,2026-02,基本支出,11,一",
                "A,2026-02,基本支出,11,\"一\n\"\"二\"\",\nB,2026-09\"",
            ));
            a.push_str("\"C\",2026-03,无此项目,1,\"x\ny\"\n");
            if crlf {
                a = a.replace('\n', "\r\n");
            }
            let (sequential, chunked) = both_ways(BUDGET3, a.as_bytes(), a.len() + 1);
            // Two line breaks inside quotes before B's unknown item (line 9 without).
            assert!(sequential.contains("line: Some(11)"), "{sequential}");
            assert!(sequential.contains("line: Some(16)"), "{sequential}");
            every_chunk_reads_as(&sequential, chunked, crlf);
        }
    }

    #[test]
    fn every_reader_gives_a_row_its_line_in_the_file() {
        // Blank lines, LF or CRLF: the lines a text editor shows (the chunked
        // readers give the sequential reader's lines: the test above).
        for crlf in [false, true] {
            let units = read_export(BUDGET3, &three_units(crlf));
            let lines: Vec<(String, usize)> = units
                .iter()
                .flat_map(|(_, _, d)| d)
                .filter_map(|d| Some((d.source.clone()?, d.line?)))
                .collect();
            let want = [
                ("A,2026-13,基本支出,10,", 3),
                ("B,2026-02,无此项目,12,", 9),
                ("B,2026-01,基本支出,13,", 10),
                ("C,2026-02,DEC-01,健全,", 13),
            ];
            assert_eq!(lines, want.map(|(s, l)| (s.to_string(), l)), "crlf {crlf}");
        }
    }

    #[test]
    fn budget_pieces_read_as_the_csv_parser_reads_the_file() {
        let rows = [
            "unit,name,parent,h1_plan,budget",
            "A,基本支出,,290,592.56",
            "",
            ",无单位,,1,2",
            "A,项目支出,,1x,2y",
            "B,基本支出,,290,592.56",
            ",,,,",
            "B,,,1,2",
            "C,基本支出,,290,592.56,多余",
            "A,专项,项目支出,3,4",
        ];
        for crlf in [false, true] {
            let mut text = rows.join(if crlf { "\r\n" } else { "\n" });
            text.push('\n');
            let read = |budget: &str, piece: usize| {
                let dir = tempfile::tempdir().unwrap();
                std::fs::write(dir.path().join("unit.toml"), UNIT).unwrap();
                std::fs::write(dir.path().join("targets.csv"), TARGETS).unwrap();
                std::fs::write(dir.path().join("budget.csv"), budget).unwrap();
                std::fs::write(dir.path().join("actuals.csv"), "unit,month,item,value\n").unwrap();
                let mut shared = Shared::read(dir.path()).unwrap();
                shared.budgets = Budgets::default();
                shared.in_budget = 0;
                shared.notes = Diagnostics::default();
                shared.read_budgets_in(piece).unwrap();
                let mut units: Vec<_> = shared.budgets.iter().collect();
                units.sort_by(|a, b| a.0.cmp(b.0));
                let show = |d: &Diagnostics| {
                    d.iter()
                        .map(|d| {
                            format!("{}:{:?} {}", d.line.unwrap_or(0), d.column, d.message.en())
                        })
                        .collect::<Vec<_>>()
                };
                let units: Vec<String> = units
                    .iter()
                    .map(|(k, b)| format!("{k} {:?} {:?} {:?}", b.lines, b.rows, show(&b.errors)))
                    .collect();
                (units, show(&shared.notes))
            };
            // A quoted cell: the CSV parser reads the file, on one thread.
            let parsed = read(&text.replacen("A,基本支出", "\"A\",基本支出", 1), 1 << 20);
            assert!(parsed.0[0].contains("[2, 10]"), "{parsed:?}");
            assert!(parsed.1[0].starts_with("4:"), "{parsed:?}");
            for piece in 1..text.len() + 2 {
                assert_eq!(read(&text, piece), parsed, "piece {piece}, crlf {crlf}");
            }
        }
    }

    #[test]
    fn line_counts_of_streamed_and_held_bytes_agree_with_the_line_breaks() {
        let text = "h\r\na\r\nb\r\n\r\nc\r\n\"x\r\ny\"\r\nz\n\n\nw";
        let mut rdr = csv_builder().from_reader(Counted::new(Box::new(std::io::Cursor::new(
            text.as_bytes().to_vec(),
        ))));
        let mut rec = csv::StringRecord::new();
        let mut held = crate::cells::LineCount::default();
        let mut got = Vec::new();
        while rdr.read_record(&mut rec).unwrap() {
            let at = rec.position().unwrap().byte() as usize;
            let streamed = line_of(&rdr, rec.position());
            assert_eq!(streamed, held.line_at(text.as_bytes(), at), "{rec:?}");
            got.push((rec[0].to_string(), streamed));
        }
        let want = [
            ("h", 1),
            ("a", 2),
            ("b", 3),
            ("c", 5),
            ("x\r\ny", 6),
            ("z", 8),
            ("w", 11),
        ];
        assert_eq!(got, want.map(|(t, l)| (t.to_string(), l)));
    }

    #[test]
    fn units_out_of_order_or_other_encodings_fall_back_to_the_sequential_reader() {
        let a = three_units(false) + "A,2026-03,基本支出,1,\n";
        let (sequential, chunked) = both_ways(BUDGET3, a.as_bytes(), a.len() + 1);
        assert!(sequential.contains("sort"), "{sequential}");
        for (k, c, direct) in chunked {
            assert_eq!(direct, Err(Fallback::NotGrouped), "chunk {k}");
            assert_eq!(c, sequential, "chunk {k}");
        }
        let (gbk, _, _) = encoding_rs::GBK.encode(&a);
        let (sequential, chunked) = both_ways(BUDGET3, &gbk, 3);
        assert!(sequential.contains("无此项目"), "{sequential}");
        for (k, c, direct) in chunked {
            assert_eq!(direct, Err(Fallback::Sequential), "chunk {k}");
            assert_eq!(c, sequential, "chunk {k}");
        }
        // Not UTF-8 after the first 64 KiB: the sequential reader's error.
        let mut late = three_units(false).into_bytes();
        while late.len() < 70_000 {
            late.extend_from_slice("C,2026-04,基本支出,1,\n".as_bytes());
        }
        late.extend_from_slice(b"C,2026-05,\xff,1,\n");
        let (sequential, chunked) = both_ways(BUDGET3, &late, 1);
        assert!(sequential.contains("UTF-8"), "{sequential}");
        for (k, c, direct) in chunked {
            assert_eq!(direct, Err(Fallback::Sequential), "chunk {k}");
            assert_eq!(c, sequential, "chunk {k}");
        }
    }

    #[test]
    fn export_rows_follow_the_unit_folder_rules() {
        let out = read_export(
            BUDGET,
            "unit,month,item,value,note\n\
             A,2026-05,基本支出,1,234.50\n\
             A,2026-06,基本支出,59256,\n\
             B,2026-05,基本支出\u{200B},3,\n\
             B,2026-06,ＤＥＣ－０１,健全,\n",
        );
        let (a, b) = (&out[0], &out[1]);
        assert_eq!(a.0, "A");
        assert!(!a.1, "A has errors");
        let am = messages(&a.2);
        // The thousands separator, at its line and column.
        let split =
            a.2.iter()
                .find(|d| d.message.en().contains("`1,234.50`"))
                .unwrap();
        assert_eq!((split.line, split.column), (Some(2), Some(16)), "{am:?}");
        // 元 for 万元 in one month: the far-over-budget error.
        assert!(
            am.iter()
                .any(|m| m.contains("more than") && m.contains("full-year budget")),
            "{am:?}"
        );
        assert_eq!(b.0, "B");
        assert!(!b.1, "B has errors");
        let bm = messages(&b.2);
        // An invisible character is refused with its code point; a full-width id
        // is folded to DEC-01 (no error about it).
        assert!(bm.iter().any(|m| m.contains("U+200B")), "{bm:?}");
        assert_eq!(b.2.iter().filter(|d| d.is_error()).count(), 1, "{bm:?}");
    }

    /// The places a unit's diagnostics point at are made only for a finding: line
    /// names that fold to one, and an overspent line, still point at budget.csv's
    /// rows.
    #[test]
    fn findings_of_budget_lines_point_at_their_rows() {
        let out = read_export(
            "unit,name,parent,h1_plan,budget\n\
             A,基本支出,,10,20\n\
             A,设备（一）,,1,2\n\
             A,设备(一),,1,2\n\
             B,基本支出,,10,20\n",
            "unit,month,item,value,note\n\
             A,2026-05,基本支出,1,\n\
             B,2026-05,基本支出,15,\n\
             B,2026-06,基本支出,15,\n",
        );
        let (a, b) = (&out[0], &out[1]);
        let folded = a.2.iter().find(|d| d.message.en().contains("设备(一)"));
        let folded = folded.unwrap_or_else(|| panic!("{:?}", messages(&a.2)));
        assert!(folded.is_error());
        assert_eq!(folded.line, Some(4), "{:?}", messages(&a.2));
        assert!(folded.message.en().contains("设备（一）"));
        // B spent 30 of 20: a warning at its line, row 5 of budget.csv.
        let over = b.2.iter().find(|d| d.message.en().contains("基本支出"));
        let over = over.unwrap_or_else(|| panic!("{:?}", messages(&b.2)));
        assert!(!over.is_error(), "{:?}", messages(&b.2));
        assert_eq!(over.line, Some(5));
        assert!(over
            .file
            .as_deref()
            .is_some_and(|f| f.ends_with("budget.csv")));
    }

    #[test]
    fn items_in_any_order_and_by_id_or_name_read_the_same() {
        let entries = |actuals: &str| {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join("unit.toml"), UNIT).unwrap();
            std::fs::write(dir.path().join("targets.csv"), TARGETS).unwrap();
            std::fs::write(dir.path().join("budget.csv"), BUDGET).unwrap();
            std::fs::write(dir.path().join("actuals.csv"), actuals).unwrap();
            let source = Source::of(dir.path()).unwrap();
            let (out, _) = for_each_unit(
                &source,
                |_| {},
                || {},
                |r| match r {
                    Ok(u) => {
                        let mut e: Vec<String> = u
                            .actuals
                            .entries()
                            .iter()
                            .map(|e| format!("{:?} {} {:?}", e.item, e.month, e.value))
                            .collect();
                        e.sort();
                        Ok(e)
                    }
                    Err(f) => Err(f
                        .diagnostics
                        .iter()
                        .map(|d| d.message.en())
                        .collect::<Vec<_>>()),
                },
            )
            .unwrap();
            out.into_iter().next().unwrap()
        };
        // Month by month in one order, then another order, an item by id then by
        // name: the entries the same rows give in any order.
        let rows = [
            "A,2026-01,基本支出,1,",
            "A,2026-01,DEC-01,健全,",
            "A,2026-02,基本支出,2,",
            "A,2026-02,DEC-01,健全,",
            "A,2026-03,中长期规划制定健全性,健全,",
            "A,2026-03,基本支出,3,",
        ];
        let text = |rows: &[&str]| format!("unit,month,item,value,note\n{}\n", rows.join("\n"));
        let read = entries(&text(&rows)).unwrap();
        assert_eq!(read.len(), 6, "{read:?}");
        let mut reversed = rows;
        reversed.reverse();
        assert_eq!(entries(&text(&reversed)).unwrap(), read);
        // The same item twice in a month, by id and by name: refused.
        let mut twice = rows.to_vec();
        twice.push("A,2026-03,DEC-01,健全,");
        let refused = entries(&text(&twice)).unwrap_err();
        assert!(
            refused.iter().any(|m| m.contains("second figure")),
            "{refused:?}"
        );
    }

    #[test]
    fn unknown_items_are_bounded_per_kind() {
        let mut actuals = String::from("unit,month,item,value\n");
        for k in 0..50 {
            actuals.push_str(&format!("A,2026-05,无此项目{k},1\n"));
        }
        let out = read_export(BUDGET, &actuals);
        let a = &out[0];
        let unknown =
            a.2.iter()
                .filter(|d| d.message.en().starts_with("unknown item"))
                .count();
        assert_eq!(unknown, crate::diag::MAX_PER_KIND);
    }

    #[test]
    fn a_stray_cell_in_budget_or_actuals_is_an_error_at_its_column() {
        let out = read_export(
            "unit,name,parent,h1_plan,budget\nA,基本支出,,290,592.56,多余\n",
            "unit,month,item,value\nA,2026-05,基本支出,3,备注\n",
        );
        let a = &out[0];
        let strays: Vec<_> =
            a.2.iter()
                .filter(|d| d.message.en().contains("cells but the header has"))
                .collect();
        assert_eq!(strays.len(), 2, "{:?}", messages(&a.2));
        assert!(strays.iter().all(|d| d.is_error()));
        assert_eq!(strays[1].column, Some(18));
    }

    proptest::proptest! {
        /// The byte scan finds exactly what the full cleaning would change.
        #[test]
        fn needs_cleaning_is_the_full_predicate(t in "[a-z 基<&\t\n\r\u{3000}\u{a0}\u{80}\u{3001}\u{e000}]{0,12}") {
            let full = t.contains(['<', '&', '\u{3000}', '\u{a0}', '\t', '\n', '\r'])
                || t.contains("  ");
            proptest::prop_assert_eq!(super::needs_cleaning(&t), full);
        }
    }
}
