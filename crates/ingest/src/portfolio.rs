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
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use attain_core::actuals::{Actuals, Entry, Item, Ledger, MonthlyPlan};
use attain_core::{BudgetLine, Decimal, Indicator, Model, Part, Settings, UnitInfo, Value};
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
                            diagnostics: l.diagnostics,
                        }),
                        Err(Failed(diagnostics)) => Err(UnitFailed { key, diagnostics }),
                    };
                    let t = f(r);
                    tick();
                    t
                })
                .collect();
            Ok((out, Diagnostics::default()))
        }
        Source::Export(dir) => {
            let shared = Shared::read(dir)?;
            total(shared.budgets.len());
            let shared = Arc::new(shared);
            match stream(&shared, true, &tick, &f) {
                Ok(r) => Ok(r),
                Err(NotGrouped) => {
                    total(shared.budgets.len());
                    let (out, mut notes) = stream(&shared, false, &tick, &f)
                        .map_err(|_| Failed(Diagnostics::default()))?;
                    notes.push(
                        Diagnostic::note(cat::not_grouped())
                            .in_file(&dir.join(EXPORT_ACTUALS))
                            .help(cat::not_grouped_help()),
                    );
                    Ok((out, notes))
                }
            }
        }
    }
}

/// A unit's budget lines from budget.csv, with their lines there.
#[derive(Debug, Clone, Default)]
struct UnitBudget {
    lines: Vec<BudgetLine>,
    rows: Vec<usize>,
    errors: Diagnostics,
}

/// The files every unit of the export shape shares.
#[derive(Debug)]
struct Shared {
    dir: PathBuf,
    unit: UnitInfo,
    settings: Settings,
    /// The template targets and their lines in targets.csv.
    template: Vec<Indicator>,
    template_sources: SourceMap,
    /// Units with their own targets.csv.
    own_targets: HashSet<String>,
    names: HashMap<String, String>,
    budgets: HashMap<String, UnitBudget>,
    /// Problems of the shared files that are not a unit's (rows without a unit).
    notes: Diagnostics,
}

/// A CSV file read record by record: UTF-8 (with or without BOM) is streamed; other
/// encodings are decoded whole first.
fn csv_reader(path: &Path) -> Result<csv::Reader<Box<dyn Read + Send>>, Diagnostic> {
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
    let reader: Box<dyn Read + Send> = if utf8 {
        let skip = if head.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        head.drain(..skip);
        Box::new(std::io::Cursor::new(head).chain(std::io::BufReader::with_capacity(1 << 20, f)))
    } else {
        let t = crate::text::read(path)?;
        Box::new(std::io::Cursor::new(t.content.into_bytes()))
    };
    Ok(csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 20)
        .from_reader(reader))
}

/// A row as the unit-folder readers see it, for a diagnostic: the cells joined by
/// commas (quoted where needed) with their columns.
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

/// The cleaned text of a cell: trimmed, and through the full cleaning (HTML, white
/// space) only when it could change something.
fn clean(raw: &str) -> std::borrow::Cow<'_, str> {
    let t = raw.trim();
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
    let b = t.as_bytes();
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

fn csv_failure(e: &csv::Error, path: &Path) -> Diagnostic {
    let d = Diagnostic::error(cat::bad_csv(e))
        .in_file(path)
        .help(cat::bad_csv_help());
    match e.position() {
        Some(p) => d.at_line(p.line() as usize),
        None => d,
    }
}

/// Map a header record: the columns' positions by key, and the header as a row.
fn header(
    rdr: &mut csv::Reader<Box<dyn Read + Send>>,
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
        Err(e) => return Err(csv_failure(&e, path)),
    }
    let fields: Vec<&str> = rec.iter().collect();
    let row = row_of(1, &fields);
    let map = map_header(&row, columns, path)?;
    Ok((map, row))
}

/// The unit-folder reader's checks of a CSV row against its header
/// ([`crate::actuals::csv_row_checks`]: a cell outside the header's columns, a number
/// split by a thousands separator, a note that is only a number), made only when the
/// record could draw one (the row is built for them): the error that keeps the row
/// from being read, and a warning.
fn row_checks(
    rec: &csv::StringRecord,
    header: &Row,
    map: &BTreeMap<&'static str, usize>,
    line: usize,
    path: &Path,
) -> (Option<Diagnostic>, Option<Diagnostic>) {
    let mapped = mapped_columns(header, map);
    row_checks_with(
        rec,
        header,
        map,
        &mapped,
        map.get("value").copied(),
        line,
        path,
    )
}

/// Which of the header's columns `map` reads.
fn mapped_columns(header: &Row, map: &BTreeMap<&'static str, usize>) -> Vec<bool> {
    (0..header.cells.len())
        .map(|i| map.values().any(|&m| m == i))
        .collect()
}

/// [`row_checks`] with the mapped columns and the value's column worked out once.
fn row_checks_with(
    rec: &csv::StringRecord,
    header: &Row,
    map: &BTreeMap<&'static str, usize>,
    mapped: &[bool],
    value: Option<usize>,
    line: usize,
    path: &Path,
) -> (Option<Diagnostic>, Option<Diagnostic>) {
    let width = header.cells.len();
    let stray = rec.len() > width
        || rec
            .iter()
            .zip(mapped)
            .any(|(c, &m)| !m && !c.trim().is_empty());
    let short_value = value.is_some_and(|v| {
        rec.get(v + 1).is_some_and(|c| !c.trim().is_empty())
            && rec.get(v).is_some_and(|c| c.trim().chars().count() <= 4)
    });
    if !stray && !short_value {
        return (None, None);
    }
    let fields: Vec<&str> = rec.iter().collect();
    crate::actuals::csv_row_checks(&row_of(line, &fields), header, map, path)
}

impl Shared {
    fn read(dir: &Path) -> Result<Shared, Failed> {
        let mut diags = Diagnostics::default();
        let unit_path = dir.join(unitdir::UNIT_FILE);
        let (unit, settings) = unitdir::read_unit_settings(&unit_path).map_err(Failed::from)?;
        let mut template_sources = SourceMap::default();
        let targets = dir.join(unitdir::TARGETS_FILE);
        let template = unitdir::read_targets(&targets, &mut template_sources, &mut diags);
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
        let mut shared = Shared {
            dir: dir.to_path_buf(),
            unit,
            settings,
            template,
            template_sources,
            own_targets,
            names: HashMap::new(),
            budgets: HashMap::new(),
            notes: diags,
        };
        shared.read_names()?;
        shared.read_budgets()?;
        Ok(shared)
    }

    fn read_names(&mut self) -> Result<(), Failed> {
        let path = self.dir.join(UNITS_FILE);
        if !path.is_file() {
            return Ok(());
        }
        const COLUMNS: &[Column] = &[
            UNIT_COLUMN,
            Column {
                key: "name",
                zh: &["名称", "单位全称"],
                required: true,
            },
        ];
        let mut rdr = csv_reader(&path)?;
        let (map, _) = header(&mut rdr, COLUMNS, &path)?;
        let mut rec = csv::StringRecord::new();
        loop {
            match rdr.read_record(&mut rec) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => return Err(csv_failure(&e, &path).into()),
            }
            let get = |k: &str| {
                rec.get(map[k])
                    .map(|c| clean(c).into_owned())
                    .unwrap_or_default()
            };
            let key = get("unit");
            if !key.is_empty() {
                self.names.insert(key, get("name"));
            }
        }
        Ok(())
    }

    fn read_budgets(&mut self) -> Result<(), Failed> {
        let path = self.dir.join(unitdir::BUDGET_FILE);
        let mut columns = vec![UNIT_COLUMN];
        columns.extend_from_slice(unitdir::BUDGET_COLUMNS);
        let mut rdr = csv_reader(&path)?;
        let (map, head) = header(&mut rdr, &columns, &path)?;
        let mut rec = csv::StringRecord::new();
        loop {
            match rdr.read_record(&mut rec) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => return Err(csv_failure(&e, &path).into()),
            }
            let line = rec.position().map_or(0, |p| p.line() as usize);
            if rec.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let cell = |k: &str| map.get(k).and_then(|&i| rec.get(i)).map(clean);
            let key = cell("unit").map(|c| c.into_owned()).unwrap_or_default();
            let fields: Vec<&str> = rec.iter().collect();
            if key.is_empty() {
                let row = row_of(line, &fields);
                self.notes.push(
                    row.point_row(&path, Diagnostic::error(cat::budget_line_without_unit()))
                        .help(cat::unit_code_help()),
                );
                continue;
            }
            let b = self.budgets.entry(key).or_default();
            if let (Some(d), _) = row_checks(&rec, &head, &map, line, &path) {
                b.errors.push(d);
                continue;
            }
            let invisible = ["name", "parent"].iter().any(|k| {
                map.get(k)
                    .and_then(|&i| rec.get(i))
                    .is_some_and(|c| crate::names::invisible(c).is_some())
            });
            if invisible {
                let row = row_of(line, &fields);
                if let Some(d) = unitdir::invisible_in(
                    &row,
                    &map,
                    &["name", "parent"],
                    &path,
                    unitdir::line_field,
                ) {
                    b.errors.push(d);
                    continue;
                }
            }
            let name = cell("name").map(|c| c.into_owned()).unwrap_or_default();
            let amount = |k: &str, what: attain_core::msg::Msg| -> Result<Decimal, Diagnostic> {
                let t = cell(k).unwrap_or_default();
                match attain_core::target::parse_decimal(&t) {
                    Some(d) => Ok(d),
                    None => {
                        let row = row_of(line, &fields);
                        let c = map.get(k).and_then(|&i| row.cells.get(i));
                        let d = Diagnostic::error(cat::amount_not_number(what, &t));
                        Err(match c {
                            Some(c) => row.point(&path, d, c, "").column_name(k),
                            None => row.point_row(&path, d),
                        }
                        .help(cat::amount_help()))
                    }
                }
            };
            if name.is_empty() {
                b.errors.push(
                    row_of(line, &fields)
                        .point_row(&path, Diagnostic::error(cat::budget_line_without_name()))
                        .help(cat::budget_line_without_name_help()),
                );
                continue;
            }
            match (
                amount("h1_plan", cat::half_year_plan()),
                amount("budget", cat::full_year_budget()),
            ) {
                (Ok(h1_plan), Ok(budget)) => {
                    b.lines.push(BudgetLine {
                        name,
                        parent: cell("parent")
                            .map(|c| c.into_owned())
                            .filter(|p| !p.is_empty()),
                        h1_plan,
                        budget,
                    });
                    b.rows.push(line);
                }
                (a, c) => {
                    for e in [a.err(), c.err()].into_iter().flatten() {
                        b.errors.push(e);
                    }
                }
            }
        }
        Ok(())
    }

    /// The model of unit `key`, with its checks as diagnostics.
    fn model(&self, key: &str, diags: &mut Diagnostics) -> (Model, SourceMap) {
        let budget_path = self.dir.join(unitdir::BUDGET_FILE);
        let b = self.budgets.get(key).cloned().unwrap_or_default();
        diags.extend(b.errors);
        let own = self.own_targets.contains(key);
        let mut own_sources = SourceMap::default();
        let targets_path = if own {
            self.dir
                .join(UNIT_FOLDERS)
                .join(key)
                .join(unitdir::TARGETS_FILE)
        } else {
            self.dir.join(unitdir::TARGETS_FILE)
        };
        let indicators = if own {
            unitdir::read_targets(&targets_path, &mut own_sources, diags)
        } else {
            self.template.clone()
        };
        if !self.budgets.contains_key(key) {
            diags.push(
                Diagnostic::error(cat::actuals_without_budget(key))
                    .in_file(&budget_path)
                    .help(cat::actuals_without_budget_help()),
            );
        }
        let mut unit = self.unit.clone();
        unit.name = self
            .names
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string());
        let rows = b.rows;
        let model = Model::new(
            unit,
            self.settings.clone(),
            attain_core::Budget {
                lines: b.lines,
                ..Default::default()
            },
            indicators,
        );
        // The export shape has no income: the balance against it is not checked.
        let checks: Vec<_> = model
            .check()
            .into_iter()
            .filter(|c| c.part != Some(Part::Income))
            .collect();
        // The template's places are copied only when a finding needs them.
        let mut sources = if own || checks.is_empty() {
            own_sources
        } else {
            self.template_sources.clone()
        };
        for (l, row) in model.budget.lines.iter().zip(&rows) {
            sources.insert(&l.name, &budget_path, *row);
        }
        unitdir::fold_duplicates(
            model.budget.lines.iter().map(|l| l.name.as_str()),
            &sources,
            &budget_path,
            attain_core::msg::unit::names::line_name(),
            diags,
        );
        sources.set_part(Part::Settings, &self.dir.join(unitdir::UNIT_FILE));
        sources.set_part(Part::Budget, &budget_path);
        sources.set_part(Part::Indicators, &targets_path);
        for c in &checks {
            diags.push(sources.diagnostic(c, &targets_path));
        }
        (model, sources)
    }
}

/// The file's rows held for unit-at-a-time reading: every cell's text in one buffer.
#[derive(Debug, Default)]
struct Block {
    key: String,
    buf: String,
    /// The byte range in `buf` of every cell of every row.
    fields: Vec<(u32, u32)>,
    /// Per row: its line, and the range of its cells in `fields`.
    rows: Vec<(usize, std::ops::Range<u32>)>,
    /// The positions of month (or date), item, value and note in a row.
    cols: [Option<usize>; 4],
    /// What was found while splitting: rows not read (a cell outside the header's
    /// columns, a number split by a thousands separator) and warnings.
    diagnostics: Diagnostics,
    /// The file is in the detail form (one row per payment).
    detail: bool,
}

impl Block {
    fn new(key: String, detail: bool, cols: [Option<usize>; 4]) -> Block {
        Block {
            key,
            detail,
            cols,
            ..Default::default()
        }
    }

    /// The `i`-th cell of a row, if the row has one.
    fn cell(&self, r: &std::ops::Range<u32>, i: usize) -> Option<&str> {
        let &(a, b) = self.fields[r.start as usize..r.end as usize].get(i)?;
        Some(&self.buf[a as usize..b as usize])
    }

    /// The cells of a row (for a diagnostic).
    fn cells(&self, r: &std::ops::Range<u32>) -> Vec<&str> {
        (0..(r.end - r.start) as usize)
            .filter_map(|i| self.cell(r, i))
            .collect()
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
    let (tx, rx) = std::sync::mpsc::sync_channel::<Block>(256);
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

/// Split actuals.csv into blocks of one unit's rows and send them, then a block for
/// every unit with budget lines but no rows. Problems of rows that belong to no unit
/// are returned.
fn split(
    shared: &Shared,
    path: &Path,
    grouped: bool,
    tx: std::sync::mpsc::SyncSender<Block>,
) -> Result<Diagnostics, NotGrouped> {
    let mut notes = Diagnostics::default();
    let mut columns = vec![UNIT_COLUMN];
    columns.extend_from_slice(crate::actuals::ACTUAL_COLUMNS);
    let mut done: HashSet<String> = HashSet::new();
    let mut held: HashMap<String, Block> = HashMap::new();
    let mut rdr = match csv_reader(path) {
        Ok(r) => r,
        Err(d) => {
            notes.push(d);
            return Ok(notes);
        }
    };
    let (map, header_row) = match header(&mut rdr, &columns, path) {
        Ok(m) => m,
        Err(d) => {
            notes.push(d);
            return Ok(notes);
        }
    };
    let map = match crate::actuals::with_month_column(map, &header_row, path) {
        Ok(m) => m,
        Err(d) => {
            notes.push(d);
            return Ok(notes);
        }
    };
    let detail = crate::actuals::is_detail(&map);
    let unit_col = map["unit"];
    let cols: [Option<usize>; 4] = ACTUAL_KEYS.map(|k| match k {
        "month" => map.get("date").or(map.get("month")).copied(),
        k => map.get(k).copied(),
    });
    // Month, item and value: a row without them is shorter than the header.
    let needed = cols[..3].iter().flatten().copied().max().unwrap_or(0);
    let mapped = mapped_columns(&header_row, &map);
    let value_at = map.get("value").copied();
    let mut cur = Block::default();
    let mut rec = csv::StringRecord::new();
    let send = |b: Block, tx: &std::sync::mpsc::SyncSender<Block>| {
        // The receiver only stops early when evaluation panics; the panic is raised
        // there.
        let _ = tx.send(b);
    };
    loop {
        match rdr.read_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                notes.push(csv_failure(&e, path));
                break;
            }
        }
        let line = rec.position().map_or(0, |p| p.line() as usize);
        let key = rec.get(unit_col).map(str::trim).unwrap_or("");
        if key.is_empty() {
            if rec.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let fields: Vec<&str> = rec.iter().collect();
            notes.push(
                row_of(line, &fields)
                    .point_row(path, Diagnostic::error(cat::row_without_unit()))
                    .help(cat::unit_code_help()),
            );
            continue;
        }
        if key != cur.key {
            let next = if grouped {
                if done.contains(key) {
                    return Err(NotGrouped);
                }
                // Units are of similar size: room for as much as the last one
                // took, so that the buffers do not grow row by row.
                let mut b = Block::new(key.to_string(), detail, cols);
                b.buf.reserve(cur.buf.len());
                b.fields.reserve(cur.fields.len());
                b.rows.reserve(cur.rows.len());
                b
            } else {
                held.remove(key)
                    .unwrap_or_else(|| Block::new(key.to_string(), detail, cols))
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
        match row_checks_with(&rec, &header_row, &map, &mapped, value_at, line, path) {
            (Some(e), _) => {
                cur.diagnostics.push(e);
                continue;
            }
            (None, Some(w)) => cur.diagnostics.push(w),
            (None, None) => {}
        }
        if rec.len() <= needed {
            let fields: Vec<&str> = rec.iter().collect();
            cur.diagnostics.push(
                row_of(line, &fields)
                    .point_row(path, Diagnostic::error(cat::row_short()))
                    .help(cat::row_short_help()),
            );
            continue;
        }
        let first = cur.fields.len() as u32;
        for text in rec.iter() {
            let start = cur.buf.len() as u32;
            cur.buf.push_str(text);
            cur.fields.push((start, cur.buf.len() as u32));
        }
        cur.rows.push((line, first..cur.fields.len() as u32));
    }
    if !cur.key.is_empty() {
        done.insert(cur.key.clone());
        if grouped {
            send(cur, &tx);
        } else {
            held.insert(cur.key.clone(), cur);
        }
    }
    let mut rest: Vec<Block> = held.into_values().collect();
    rest.sort_by(|a, b| a.key.cmp(&b.key));
    for b in rest {
        send(b, &tx);
    }
    let mut silent: Vec<&String> = shared
        .budgets
        .keys()
        .filter(|k| !done.contains(*k))
        .collect();
    silent.sort();
    for k in silent {
        send(Block::new(k.clone(), false, cols), &tx);
    }
    Ok(notes)
}

/// `file:line`, without the formatting machinery (once per row).
fn place(file: &str, line: usize) -> String {
    let mut digits = [0u8; 20];
    let mut n = line;
    let mut k = digits.len();
    loop {
        k -= 1;
        digits[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let mut s = String::with_capacity(file.len() + 1 + digits.len() - k);
    s.push_str(file);
    s.push(':');
    s.extend(digits[k..].iter().map(|&d| char::from(d)));
    s
}

/// One unit from its block: model, actuals and diagnostics.
fn unit(shared: &Shared, path: &Path, mut block: Block) -> Result<UnitData, UnitFailed> {
    let mut diags = Diagnostics::default();
    let (model, sources) = shared.model(&block.key, &mut diags);
    diags.extend(std::mem::take(&mut block.diagnostics));
    let year = model.unit.year;
    // The unit's qualitative words, built once for all its rows.
    let vocabulary = model.settings.vocabulary();
    let resolver = crate::actuals::Resolver::new(&model);
    let mut unknown = 0usize;
    let label = EXPORT_ACTUALS;
    let mut actuals = Actuals::with_capacity(block.rows.len());
    let mut ledger = Ledger::default();
    // Month, item and value are in every row (shorter rows are left out with an
    // error when the file is split).
    let [month_col, item_col, value_col, note_col] = block.cols;
    let (month_col, item_col, value_col) = (
        month_col.unwrap_or(0),
        item_col.unwrap_or(0),
        value_col.unwrap_or(0),
    );
    let mut last_month: Option<(&str, attain_core::Month)> = None;
    for (line, range) in &block.rows {
        let line = *line;
        let cell = |i: usize| block.cell(range, i).unwrap_or("");
        let month_raw = cell(month_col);
        let item_raw = cell(item_col);
        let value_raw = cell(value_col);
        let note_raw = note_col.map_or("", cell);
        let full_row = || row_of(line, &block.cells(range));
        // Rows of a unit mostly repeat the month of the row before.
        let parsed = match &last_month {
            Some((raw, m)) if *raw == month_raw => Ok(*m),
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
        let (item, ind) = match resolver.known(&item_text) {
            Some(x) => x,
            None => {
                let row = full_row();
                let suggest = unknown < crate::diag::MAX_PER_KIND;
                match resolver.item(path, &row, &row.cells[item_col], suggest) {
                    Ok(x) => x,
                    Err(d) => {
                        unknown += 1;
                        diags.push(d);
                        continue;
                    }
                }
            }
        };
        let value_text = clean(value_raw);
        let value = match resolver.plain(&value_text, &item, ind, &vocabulary) {
            Some(v) => v,
            None => {
                let row = full_row();
                match resolver.value(path, &row, &row.cells[value_col], &item, ind) {
                    Ok((v, warn)) => {
                        if let Some(w) = warn {
                            diags.push(w);
                        }
                        v
                    }
                    Err(d) => {
                        diags.push(d);
                        continue;
                    }
                }
            }
        };
        let source = place(label, line);
        if let (Item::Line(l), Value::Number(d)) = (&item, &value) {
            let months = match ledger.spending.get_mut(l) {
                Some(m) => m,
                None => ledger.spending.entry(l.clone()).or_default(),
            };
            *months.entry(month).or_default() += *d;
        }
        let entry = Entry {
            month,
            item,
            value,
            note: clean(note_raw).into_owned(),
            source,
        };
        let added = if block.detail && crate::actuals::adds_up(&entry.item, ind) {
            actuals.add(entry)
        } else {
            actuals.insert(entry)
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
                .related(cat::first_source(&first.source))
                .help(if block.detail {
                    cat::second_figure_detail_help()
                } else {
                    cat::second_figure_help()
                }),
            );
            continue;
        }
        *ledger.months.entry(month).or_default() += 1;
    }
    ledger.files.push((label.to_string(), block.rows.len()));
    crate::overspent(&model, &sources, &ledger, &actuals, &mut diags);
    if diags.has_errors() {
        return Err(UnitFailed {
            key: block.key,
            diagnostics: diags,
        });
    }
    Ok(UnitData {
        key: block.key,
        model,
        actuals,
        plan: None,
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

    #[test]
    fn places() {
        for n in [0, 7, 10, 99, 12345, usize::MAX] {
            assert_eq!(super::place("actuals.csv", n), format!("actuals.csv:{n}"));
        }
    }
}
