//! Monthly actuals: `actuals/*.csv` (UTF-8, UTF-8 with BOM or GB18030) and
//! `actuals/*.xlsx` (every sheet with content, each with its own header row), read
//! in file-name order, every row checked against the model. Subfolders are skipped
//! with a note. Also the optional monthly spending plan `plan.csv`.
//!
//! Columns (header required; Chinese names accepted): `month` (月份), `item` (项目),
//! `value` (数值), `note` (备注, optional); `unit` (单位) and `previous` (上月) are
//! for reference and not read. A sheet with a `previous` column is an entry workbook
//! of `attain template`: there a row whose value is left blank is not reported, and
//! a note counts such rows; elsewhere a blank value is an error.

use std::path::{Path, PathBuf};

use attain_core::actuals::{Actuals, Entry, Item, Ledger, MonthlyPlan, Origin};
use attain_core::target::parse_decimal_prefix;
use attain_core::{Decimal, Indicator, Measure, Model, Target, Tier, Value};

use crate::cells::{Cell, CsvRows, Row};
use crate::csvtable::{map_header, month_in_year, split_number, stray_cell, Column, CsvTable};
use crate::diag::Msg;
use crate::diag::{Diagnostic, Diagnostics};
use crate::text;
use attain_core::msg::actuals as msg;

pub const ACTUALS_DIR: &str = "actuals";
pub const PLAN_FILE: &str = "plan.csv";

pub const ACTUAL_COLUMNS: &[Column] = &[
    // `month` or, in the detail form, `date` (one of them is required).
    Column {
        key: "month",
        zh: &["月份", "月度"],
        required: false,
    },
    Column {
        key: "date",
        zh: &["日期", "支付日期", "凭证日期"],
        required: false,
    },
    Column {
        key: "voucher",
        zh: &["凭证号", "凭证编号"],
        required: false,
    },
    Column {
        key: "item",
        zh: &["项目", "指标"],
        required: true,
    },
    Column {
        key: "value",
        zh: &["数值", "完成值", "金额"],
        required: true,
    },
    Column {
        key: "note",
        zh: &["备注", "说明"],
        required: false,
    },
    // For reference only, as `attain template` writes them: not read.
    Column {
        key: "unit",
        zh: &["单位", "计量单位"],
        required: false,
    },
    Column {
        key: "previous",
        zh: &["上月", "上月数值"],
        required: false,
    },
];

pub const PLAN_COLUMNS: &[Column] = &[
    Column {
        key: "month",
        zh: &["月份"],
        required: true,
    },
    Column {
        key: "line",
        zh: &["预算项目", "项目"],
        required: true,
    },
    Column {
        key: "amount",
        zh: &["计划金额", "金额"],
        required: true,
    },
];

/// Actuals read from a unit folder.
#[derive(Debug, Clone, Default)]
pub struct ReadActuals {
    pub actuals: Actuals,
    pub ledger: Ledger,
    pub diagnostics: Diagnostics,
}

/// The actuals files of a unit folder, in name order (`.csv` and `.xlsx`). Hidden
/// files and Excel's `~$` lock files are left out; a subfolder is skipped with a note
/// in `notes` (its files are not read, and the user is told so).
pub fn files(dir: &Path, notes: &mut Diagnostics) -> Result<Vec<PathBuf>, Diagnostic> {
    let adir = dir.join(ACTUALS_DIR);
    if !adir.exists() {
        return Ok(Vec::new());
    }
    let rd = std::fs::read_dir(&adir)
        .map_err(|e| Diagnostic::error(msg::cannot_list(e)).in_file(&adir))?;
    let mut out: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            !name.starts_with('.') && !name.starts_with("~$")
        })
        .collect();
    out.sort();
    out.retain(|p| {
        if !p.is_dir() {
            return true;
        }
        let rel = p.strip_prefix(dir).unwrap_or(p);
        notes.push(
            Diagnostic::note(msg::skipped_folder(rel.display()))
                .in_file(p)
                .help(msg::skipped_folder_help()),
        );
        false
    });
    Ok(out)
}

/// The rows of one sheet of an actuals file (a CSV file is one sheet without a name).
#[derive(Debug, Clone)]
struct Sheet {
    /// The sheet's name in a workbook; `None` for a CSV file.
    name: Option<String>,
    /// 0-based spreadsheet column of the first cell of every row.
    col0: usize,
    /// The rows with content, in order.
    rows: Vec<Row>,
}

/// What an actuals file is, by its extension: CSV text or a workbook. Any other kind
/// is refused before the file is read.
fn kind_of(path: &Path) -> Result<Kind, Diagnostic> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "csv" | "txt" => Ok(Kind::Csv),
        "xlsx" | "xlsm" => Ok(Kind::Workbook),
        "xls" => Err(Diagnostic::error(msg::old_xls())
            .in_file(path)
            .help(msg::old_xls_help())),
        _ => Err(Diagnostic::error(msg::not_csv_or_xlsx())
            .in_file(path)
            .help(msg::not_csv_or_xlsx_help())),
    }
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Csv,
    Workbook,
}

/// The content of an actuals file from its bytes: a CSV file's text, or every sheet
/// of a workbook that has a cell (empty sheets are skipped; no sheet means the file
/// is empty).
fn content_of(kind: Kind, bytes: Vec<u8>, path: &Path) -> Result<Content, Diagnostic> {
    let sheets = match kind {
        Kind::Csv => return Ok(Content::Csv(text::decode(&bytes, path)?)),
        Kind::Workbook => xlsx_sheets(bytes, path)?,
    };
    Ok(Content::Sheets(
        sheets
            .into_iter()
            .map(|s| Sheet {
                rows: s.rows.into_iter().filter(|r| !r.is_blank()).collect(),
                ..s
            })
            .filter(|s| !s.rows.is_empty())
            .collect(),
    ))
}

/// An actuals file's content: CSV text (read row by row) or a workbook's sheets.
enum Content {
    Csv(text::Text),
    Sheets(Vec<Sheet>),
}

pub use crate::workbook::column_letters;

/// Every sheet of a workbook with content as rows, in the workbook's order.
fn xlsx_sheets(bytes: Vec<u8>, path: &Path) -> Result<Vec<Sheet>, Diagnostic> {
    Ok(crate::workbook::read_sheets_bytes(bytes, path)?
        .into_iter()
        .map(|s| Sheet {
            name: Some(s.name),
            col0: s.col0,
            rows: s.rows,
        })
        .collect())
}

/// What a file or sheet is called in the ledger and in places: `actuals/2026-06.csv`,
/// `actuals/2026.xlsx[8月]`.
fn label(dir: &Path, path: &Path, sheet: Option<&str>) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path).display().to_string();
    match sheet {
        Some(s) => format!("{rel}[{s}]"),
        None => rel,
    }
}

/// The closest names to `wanted` among `candidates`, best first, at most three.
pub fn suggestions<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Vec<&'a str> {
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .map(|c| {
            let s = strsim::normalized_levenshtein(wanted, c).max(
                // Containment counts for a lot with CJK names: 执行率 in 预算执行率.
                if c.contains(wanted) || wanted.contains(c) {
                    0.7
                } else {
                    0.0
                },
            );
            (s, c)
        })
        .filter(|(s, _)| *s >= 0.4)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

/// Units of things counted one by one (个, 次, 人次, 台/辆 …): a figure in them is a
/// whole number. Money, percentages and measured quantities (吨, 公里, 小时 …) are not
/// counts.
const COUNT_UNITS: &[&str] = &[
    "个", "次", "人", "人次", "台", "辆", "场", "项", "家", "件", "份", "篇", "本", "套", "批",
    "期", "户", "名", "所", "处", "座", "部", "条", "张", "册", "间", "只", "头", "架", "艘", "团",
    "组", "届", "门", "节", "起", "宗", "例", "封", "棵", "株", "支", "队", "团组", "台套", "台次",
    "场次", "批次", "户次", "家次", "项次", "架次", "车次", "班次", "期次", "篇次", "个次", "国",
    "所次",
];

/// Whether `unit` counts things one by one: each of its `/`-separated parts (台/辆) is
/// a count unit.
fn is_count_unit(unit: &str) -> bool {
    !unit.is_empty()
        && unit
            .split(['/', '／'])
            .all(|u| COUNT_UNITS.contains(&u.trim()))
}

/// A number cell: exact decimal with optional thousands separators and an optional
/// unit suffix; returns the number and the suffix.
fn number_and_suffix(text: &str) -> Option<(Decimal, String)> {
    let t = text.trim();
    let (d, n) = parse_decimal_prefix(t)?;
    Some((d, t[n..].trim().to_string()))
}

/// What an item cell can name, looked up by hash: the model's own lookups scan
/// (an indicator by id, then by name; then a budget line), and a folder of a million
/// rows asks a million times.
struct Names<'a> {
    model: &'a Model,
    /// The indicators' ids and names, made here or shared by the units of a
    /// portfolio that read one template.
    indicators: std::borrow::Cow<'a, IndicatorNames>,
    /// The budget lines, the first of each name, and whether it has children.
    lines: LineNames<'a>,
    /// The same by folded name (full-width and half-width forms alike), built on
    /// the first name not found as written.
    folded: std::cell::OnceCell<foldhash::HashMap<String, Named<'a>>>,
}

/// The budget lines by name, the first of each name, and whether it has children:
/// a unit's few lines ([`attain_core::lookup::SCAN_UP_TO`]) are scanned (nothing
/// to build per unit), more are hashed.
enum LineNames<'a> {
    Few(&'a [attain_core::BudgetLine]),
    Many(foldhash::HashMap<&'a str, (&'a attain_core::BudgetLine, bool)>),
}

impl<'a> LineNames<'a> {
    fn new(lines: &'a [attain_core::BudgetLine]) -> Self {
        use foldhash::{HashMap, HashMapExt, HashSet};
        if lines.len() <= attain_core::lookup::SCAN_UP_TO {
            return LineNames::Few(lines);
        }
        let parents: HashSet<&str> = lines.iter().filter_map(|l| l.parent.as_deref()).collect();
        let mut map: HashMap<&str, _> = HashMap::with_capacity(lines.len());
        for l in lines {
            map.entry(l.name.as_str())
                .or_insert((l, parents.contains(l.name.as_str())));
        }
        LineNames::Many(map)
    }

    /// The first line named `name`, and whether it has children.
    fn get(&self, name: &str) -> Option<(&'a attain_core::BudgetLine, bool)> {
        match self {
            LineNames::Few(lines) => {
                let same = |t: &str| attain_core::lookup::same_text(t, name);
                let l = lines.iter().find(|l| same(&l.name))?;
                let kids = lines.iter().any(|k| k.parent.as_deref().is_some_and(same));
                Some((l, kids))
            }
            LineNames::Many(map) => map.get(name).copied(),
        }
    }
}

/// The indicators' part of [`Names`]: each id and name to the indicator's place, an
/// id before a name, within each the first. It depends on the indicators alone, so
/// that a portfolio makes it once for the units sharing a template
/// ([`Resolver::with_names`]).
#[derive(Debug, Clone)]
pub(crate) struct IndicatorNames {
    /// What it was made for (shared, not equal: [`attain_core::model::Indicators::is`]).
    of: attain_core::model::Indicators,
    places: TextIndex,
}

impl IndicatorNames {
    pub(crate) fn new(indicators: &attain_core::model::Indicators) -> IndicatorNames {
        // The higher priority first, each name kept at its first.
        let ids = indicators
            .iter()
            .enumerate()
            .map(|(k, i)| (i.id.0.as_str(), k));
        let names = indicators
            .iter()
            .enumerate()
            .map(|(k, i)| (i.name.as_str(), k));
        IndicatorNames {
            of: indicators.clone(),
            places: TextIndex::new(ids.chain(names)),
        }
    }
}

/// Texts to numbers by exact text, each text at its first number: an open-addressing
/// table probed from a multiply of the text's length and first and last eight bytes
/// (item names differ there; no pass over the whole text), each probe a short
/// comparison ([`same_text`](attain_core::lookup::same_text)).
#[derive(Debug, Clone, Default)]
pub(crate) struct TextIndex {
    /// The texts one after another.
    text: String,
    /// Per slot: the start and end of its text in `text` and its number (`u32::MAX`:
    /// empty); a power of two long, at most half full.
    slots: Vec<(u32, u32, u32)>,
}

impl TextIndex {
    /// The index of `pairs`, a text kept at its first number.
    pub(crate) fn new<'a>(pairs: impl Iterator<Item = (&'a str, usize)>) -> TextIndex {
        let pairs: Vec<(&str, usize)> = pairs.collect();
        let mut index = TextIndex {
            text: String::new(),
            slots: vec![(0, 0, u32::MAX); (2 * pairs.len()).next_power_of_two().max(8)],
        };
        for (t, k) in pairs {
            if index.get(t).is_none() {
                index.insert(t, k);
            }
        }
        index
    }

    /// Add `t` (not in the index yet) numbered `k`.
    fn insert(&mut self, t: &str, k: usize) {
        let (Ok(start), Ok(end), Some(k)) = (
            u32::try_from(self.text.len()),
            u32::try_from(self.text.len() + t.len()),
            u32::try_from(k).ok().filter(|&k| k != u32::MAX),
        ) else {
            panic!("more text or numbers than a text index holds");
        };
        self.text.push_str(t);
        let mask = self.slots.len() - 1;
        let mut at = TextIndex::hash(t) & mask;
        while self.slots[at].2 != u32::MAX {
            at = (at + 1) & mask;
        }
        self.slots[at] = (start, end, k);
    }

    #[inline]
    fn hash(t: &str) -> usize {
        let (first, last) = end_words(t);
        let h = (first.rotate_left(29) ^ last ^ t.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> 32) as usize
    }

    /// The number of text `t`.
    #[inline]
    pub(crate) fn get(&self, t: &str) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let mut at = TextIndex::hash(t) & mask;
        loop {
            let (a, b, k) = self.slots[at];
            if k == u32::MAX {
                return None;
            }
            if attain_core::lookup::same_text(&self.text[a as usize..b as usize], t) {
                return Some(k as usize);
            }
            at = (at + 1) & mask;
        }
    }
}

#[derive(Clone, Copy)]
enum Named<'a> {
    Indicator(&'a Indicator),
    /// A budget line and whether it has children.
    Line(&'a attain_core::BudgetLine, bool),
}

impl<'a> Names<'a> {
    fn new(model: &'a Model) -> Self {
        Names::with(model, None)
    }

    /// [`Names::new`] with the indicators' names from `shared` when it was made for
    /// this model's indicators.
    fn with(model: &'a Model, shared: Option<&'a IndicatorNames>) -> Self {
        let indicators = match shared.filter(|s| s.of.is(&model.indicators)) {
            Some(s) => std::borrow::Cow::Borrowed(s),
            None => std::borrow::Cow::Owned(IndicatorNames::new(&model.indicators)),
        };
        Names {
            model,
            indicators,
            lines: LineNames::new(&model.budget.lines),
            folded: std::cell::OnceCell::new(),
        }
    }

    /// What `text` names exactly: an indicator by id, then by name; then a budget
    /// line.
    fn get(&self, text: &str) -> Option<Named<'a>> {
        match self.indicators.places.get(text) {
            Some(k) => self.model.indicators.get(k).map(Named::Indicator),
            None => self.lines.get(text).map(|(l, kids)| Named::Line(l, kids)),
        }
    }

    /// The named thing whose folded name is `folded`.
    fn by_folded(&self, folded: &str) -> Option<Named<'a>> {
        self.folded
            .get_or_init(|| {
                let model = self.model;
                let mut all = foldhash::HashMap::default();
                // By priority, lowest first: a later group wins, within one the first
                // stays (an indicator by id, then by name; then a budget line).
                let mut add = |group: &mut dyn Iterator<Item = (&'a str, Named<'a>)>| {
                    let mut fold = foldhash::HashMap::default();
                    for (k, v) in group {
                        fold.entry(crate::names::fold(k).into_owned()).or_insert(v);
                    }
                    all.extend(fold);
                };
                add(&mut model.budget.lines.iter().filter_map(|l| {
                    let (first, kids) = self.lines.get(l.name.as_str())?;
                    Some((l.name.as_str(), Named::Line(first, kids)))
                }));
                add(&mut model
                    .indicators
                    .iter()
                    .map(|i| (i.name.as_str(), Named::Indicator(i))));
                add(&mut model
                    .indicators
                    .iter()
                    .map(|i| (i.id.0.as_str(), Named::Indicator(i))));
                all
            })
            .get(folded)
            .copied()
    }
}

struct Ctx<'a, 'n> {
    path: &'a Path,
    sheet: &'a Sheet,
    model: &'a Model,
    names: &'a Names<'n>,
}

impl Ctx<'_, '_> {
    fn point(&self, row: &Row, cell: &Cell, d: Diagnostic, column: &str) -> Diagnostic {
        let d = row.point(self.path, d, cell, "").column_name(column);
        self.in_sheet(d, row, Some(cell))
    }

    /// A diagnostic pointing at the whole row.
    fn point_row(&self, row: &Row, d: Diagnostic) -> Diagnostic {
        self.in_sheet(row.point_row(self.path, d), row, None)
    }

    /// In a workbook, say the sheet and the cell (or row) after the diagnostic's
    /// column name: `value, sheet 8月, cell C2`. CSV diagnostics are returned
    /// unchanged.
    fn in_sheet(&self, d: Diagnostic, row: &Row, cell: Option<&Cell>) -> Diagnostic {
        let Some(sheet) = &self.sheet.name else {
            return d;
        };
        use attain_core::msg::workbook as at;
        d.place(
            match cell.and_then(|c| row.cells.iter().position(|x| x.column == c.column)) {
                Some(i) => at::at_cell(
                    sheet,
                    format!("{}{}", column_letters(self.sheet.col0 + i), row.line),
                ),
                None => at::at_row(sheet, row.line),
            },
        )
    }

    /// A diagnostic from a shared helper (`map_header`, `stray_cell`) that points at a
    /// cell of `row` by its character column, placed in the sheet.
    fn located(&self, d: Diagnostic, row: &Row) -> Diagnostic {
        let whole_row = row.cells.len() > 1
            && d.column == Some(1)
            && d.width >= row.first_line().chars().count().max(1);
        let cell = match d.column {
            Some(col) if !whole_row => row.cells.iter().rfind(|c| c.column <= col),
            _ => None,
        };
        self.in_sheet(d, row, cell)
    }

    /// Resolve the item cell to an indicator or a leaf budget line.
    /// Resolve the item cell to an indicator or a leaf budget line. `suggest`: look
    /// for close names when it is unknown (the costly part, skipped once the message
    /// would no longer be shown).
    fn item(
        &self,
        row: &Row,
        cell: &Cell,
        suggest: bool,
    ) -> Result<(Item, Option<&Indicator>), Diagnostic> {
        let t = cell.text.as_str();
        let mut found = self.names.get(t);
        if found.is_none() {
            if let Some((_, c)) = crate::names::invisible(&cell.raw) {
                let (message, help) =
                    crate::names::invisible_message(attain_core::msg::unit::names::item(), t, c);
                return Err(self
                    .point(row, cell, Diagnostic::error(message), "item")
                    .help(help));
            }
            found = self.names.by_folded(&crate::names::fold(t));
        }
        if let Some(Named::Indicator(ind)) = found {
            return Ok((Item::Indicator(ind.id.0.as_str().into()), Some(ind)));
        }
        if let Some(Named::Line(line, has_children)) = found {
            if has_children {
                let kids = attain_core::msg::list(
                    self.model
                        .budget
                        .children(&line.name)
                        .map(|k| k.name.as_str()),
                );
                return Err(self
                    .point(
                        row,
                        cell,
                        Diagnostic::error(msg::booked_on_parent(t, kids.clone())),
                        "item",
                    )
                    .help(msg::booked_on_parent_help(kids, t)));
            }
            return Ok((Item::Line(line.name.as_str().into()), None));
        }
        let names = self
            .model
            .indicators
            .iter()
            .flat_map(|i| [i.name.as_str(), i.id.0.as_str()])
            .chain(self.model.budget.lines.iter().map(|l| l.name.as_str()));
        let close = if suggest {
            suggestions(t, names)
        } else {
            Vec::new()
        };
        let help = match attain_core::msg::csv::did_you_mean(&close) {
            None => msg::unknown_item_help(),
            Some(m) => msg::unknown_item_suggest(m),
        };
        Err(self
            .point(row, cell, Diagnostic::error(msg::unknown_item(t)), "item")
            .help(help))
    }

    fn value(
        &self,
        row: &Row,
        cell: &Cell,
        item: &Item,
        ind: Option<&Indicator>,
    ) -> Result<(Value, Option<Diagnostic>), Diagnostic> {
        let t = cell.text.as_str();
        let err = |message: Msg, help: Msg| {
            // A number-like value that is not read says why (too many decimals or
            // digits, binary rounding) rather than "not a number".
            let num = number_and_suffix(t)
                .is_none()
                .then(|| crate::csvtable::number_problem(t))
                .flatten();
            let (message, help) = num.unwrap_or((message, help));
            self.point(row, cell, Diagnostic::error(message), "value")
                .help(help)
        };
        if t.is_empty() {
            return Err(err(msg::empty_value(), msg::empty_value_help()));
        }
        // One rule for a quoted CSV field and a workbook's text cell, as for an
        // unquoted CSV field that the separator splits: `1,234.50` is refused, never
        // read silently (a numeric cell shown with separators is a number already).
        if has_thousands_separator(t) {
            return Err(self
                .point(
                    row,
                    cell,
                    Diagnostic::error(msg::thousands_in_value(t)),
                    "value",
                )
                .help(msg::thousands_in_value_help(t.replace([',', '，'], ""))));
        }
        let Some(ind) = ind else {
            // Spending on a budget line, 万元.
            let Some((d, _)) = number_and_suffix(t).filter(|(_, s)| s.is_empty() || s == "万元")
            else {
                return Err(err(
                    msg::spending_not_a_number(t),
                    msg::spending_not_a_number_help(),
                ));
            };
            // 元 written for 万元 (DOMAIN.md §6): far above the line's budget in one
            // month is an error here; in the year, see `load_all`.
            let line = match item {
                Item::Line(l) => self.model.budget.line(l),
                Item::Indicator(_) => None,
            };
            if let Some(line) = line {
                let l = &line.name;
                let factor = self.model.settings.far_over_budget;
                if attain_core::budget::far_over(d, line.budget, factor) {
                    return Err(err(
                        msg::month_far_over(d, l, factor, line.budget),
                        msg::month_far_over_help(
                            d,
                            attain_core::budget::yuan_as_wan(d).normalize(),
                        ),
                    ));
                }
            }
            let warn = (d < Decimal::ZERO).then(|| {
                let name = match item {
                    Item::Line(l) => l.as_str(),
                    Item::Indicator(i) => i.as_str(),
                };
                self.point(
                    row,
                    cell,
                    Diagnostic::warning(msg::negative_spending(d, name)),
                    "value",
                )
                .help(msg::negative_spending_help())
            });
            return Ok((Value::Number(d), warn));
        };
        match &ind.measure {
            Measure::Execution { .. } => Err(err(
                msg::computed_indicator(&ind.name),
                msg::computed_indicator_help(),
            )),
            Measure::Grade => {
                let target_word = match &ind.fy {
                    Target::Qualitative(w) => w.as_str(),
                    _ => "",
                };
                match Tier::classify_with(t, target_word, &self.model.settings.vocabulary()) {
                    Some(tier) => Ok((
                        Value::Grade {
                            word: t.to_string(),
                            tier,
                        },
                        None,
                    )),
                    None => Err(err(
                        msg::not_a_grade(t, &ind.name),
                        msg::not_a_grade_help(Tier::accepted_words(target_word).join(" / ")),
                    )),
                }
            }
            // A date target: the date it was done; a ratio: `1:1.3`.
            Measure::Sum | Measure::Latest if ind.fy.is_date() => match ind.fy.date_key(t) {
                Some(k) => Ok((Value::Number(k), None)),
                None => Err(err(
                    msg::not_a_date(t, &ind.name, &ind.fy),
                    msg::not_a_date_help(),
                )),
            },
            Measure::Sum | Measure::Latest if ind.fy.is_ratio() => match ind.fy.ratio_value(t) {
                Some(v) => Ok((Value::Number(v), None)),
                None => Err(err(
                    msg::not_a_ratio(t, &ind.name, &ind.fy),
                    msg::not_a_ratio_help(),
                )),
            },
            Measure::Sum | Measure::Latest => {
                if ind.is_percent() {
                    let Some((d, suffix)) = number_and_suffix(t) else {
                        return Err(err(msg::not_a_number(t), msg::rate_help()));
                    };
                    match suffix.as_str() {
                        "%" | "％" => Ok((Value::Number(attain_core::target::hundredth(d)), None)),
                        "" if d.abs() <= Decimal::ONE => Ok((Value::Number(d), None)),
                        // 1.05 may be a real 105 %, but 3 is more likely 3 % without its sign.
                        "" if d.abs() <= Decimal::from(5) => Ok((
                            Value::Number(d),
                            Some(
                                self.point(
                                    row,
                                    cell,
                                    Diagnostic::warning(msg::read_as_fraction(
                                        t,
                                        d * Decimal::ONE_HUNDRED,
                                    )),
                                    "value",
                                )
                                .help(msg::read_as_fraction_help(t)),
                            ),
                        )),
                        "" => Err(err(
                            msg::no_percent_sign(t, d * Decimal::ONE_HUNDRED),
                            msg::no_percent_sign_help(t),
                        )),
                        other => Err(err(msg::not_a_rate_unit(other), msg::rate_help())),
                    }
                } else {
                    let unit = ind.unit().map(|u| u.as_str()).unwrap_or("");
                    let Some((d, suffix)) = number_and_suffix(t) else {
                        return Err(err(msg::not_a_number(t), msg::count_help(unit)));
                    };
                    if !suffix.is_empty() && suffix != unit {
                        return Err(err(
                            msg::wrong_unit(t, &suffix, unit),
                            msg::wrong_unit_help(unit),
                        ));
                    }
                    if d < Decimal::ZERO {
                        return Err(err(
                            msg::negative_count(d, &ind.name),
                            msg::negative_count_help(),
                        ));
                    }
                    let warn = (is_count_unit(unit) && !d.fract().is_zero()).then(|| {
                        self.point(
                            row,
                            cell,
                            Diagnostic::warning(msg::fractional_count(t, &ind.name, unit)),
                            "value",
                        )
                        .help(msg::fractional_count_help(unit))
                    });
                    Ok((Value::Number(d), warn))
                }
            }
        }
    }
}

/// The unit-folder reader's rules for one model, for readers of other shapes (the
/// export shape of `portfolio`), which point at a CSV row: the same hash lookups,
/// name folding, invisible characters refused, suggestions, value checks (the
/// far-over-budget error included) and warnings.
pub(crate) struct Resolver<'a> {
    model: &'a Model,
    names: Names<'a>,
    sheet: Sheet,
}

impl<'a> Resolver<'a> {
    /// The resolver of `model`'s item names, with the indicators' names made already
    /// (for the same indicators: else made here).
    pub(crate) fn with_names(model: &'a Model, names: Option<&'a IndicatorNames>) -> Self {
        Resolver {
            model,
            names: Names::with(model, names),
            sheet: Sheet {
                name: None,
                col0: 0,
                rows: Vec::new(),
            },
        }
    }

    fn ctx<'c>(&'c self, path: &'c Path) -> Ctx<'c, 'a> {
        Ctx {
            path,
            sheet: &self.sheet,
            model: self.model,
            names: &self.names,
        }
    }

    /// The item a cell's text names exactly, without building a diagnostic: `None`
    /// when the full reading ([`Resolver::item`]) is needed (an unknown, folded or
    /// invisible-character name, or a line with children).
    ///
    /// The item as its number among the model's items (the indicators in order,
    /// then the budget lines; [`Resolver::numbered`] makes it), for a reader that
    /// keeps something per item, and its indicator.
    pub(crate) fn known(&self, text: &str) -> Option<(Option<&'a Indicator>, usize)> {
        match self.names.get(text)? {
            Named::Indicator(ind) => Some((Some(ind), position(&self.model.indicators, ind)?)),
            Named::Line(line, false) => Some((
                None,
                self.model.indicators.len() + position(&self.model.budget.lines, line)?,
            )),
            Named::Line(_, true) => None,
        }
    }

    /// The indicator numbered `k` by [`Resolver::known`] (`None` for a line).
    pub(crate) fn indicator(&self, k: usize) -> Option<&'a Indicator> {
        self.model.indicators.get(k)
    }

    /// The item numbered `k` by [`Resolver::known`]: what the unit-folder reader
    /// makes of any text naming it. `k` is below [`Resolver::items`] (as an index).
    pub(crate) fn numbered(&self, k: usize) -> Item {
        let n = self.model.indicators.len();
        match self.model.indicators.get(k) {
            Some(ind) => indicator_item(ind),
            None => Item::Line(self.model.budget.lines[k - n].name.as_str().into()),
        }
    }

    /// How many numbers [`Resolver::known`] gives.
    pub(crate) fn items(&self) -> usize {
        self.model.indicators.len() + self.model.budget.lines.len()
    }

    /// The item of `cell` with the unit-folder reader's diagnostic when it is not
    /// one; `suggest` as in the unit-folder reader (close names only while they are
    /// still shown, [`crate::diag::MAX_PER_KIND`]).
    pub(crate) fn item(
        &self,
        path: &Path,
        row: &Row,
        cell: &Cell,
        suggest: bool,
    ) -> Result<(Item, Option<&'a Indicator>), Diagnostic> {
        let (item, _) = self.ctx(path).item(row, cell, suggest)?;
        let ind = match &item {
            Item::Indicator(id) => self.model.indicator(id),
            Item::Line(_) => None,
        };
        Ok((item, ind))
    }

    /// The value of `cell` with the unit-folder reader's warnings and errors.
    pub(crate) fn value(
        &self,
        path: &Path,
        row: &Row,
        cell: &Cell,
        item: &Item,
        ind: Option<&Indicator>,
    ) -> Result<(Value, Option<Diagnostic>), Diagnostic> {
        self.ctx(path).value(row, cell, item, ind)
    }

    /// The value of a plainly valid cell that draws no warning and no error
    /// ([`PlainRule::read`], and for spending: not far over the line's budget), or
    /// `None` when the full reading ([`Resolver::value`]) is needed.
    pub(crate) fn plain(
        &self,
        text: &str,
        item: &Item,
        ind: Option<&Indicator>,
        line: Option<&attain_core::BudgetLine>,
        vocabulary: &attain_core::target::Vocabulary,
    ) -> Option<Value> {
        // The line when the caller has it (`line`), else by name.
        let far = match item {
            Item::Line(l) => Some(self.far_over(match line {
                Some(line) if line.name == *l => line,
                _ => self.model.budget.line(l)?,
            })),
            Item::Indicator(_) => None,
        };
        self.plain_by(text, PlainRule::of(ind), ind, far.as_ref(), vocabulary)
    }

    /// [`Resolver::plain`] of an item read by `rule`, far over its budget by `far`
    /// when it is a line ([`Resolver::far_over`]): made once per item.
    #[inline(always)]
    pub(crate) fn plain_by(
        &self,
        text: &str,
        rule: PlainRule,
        ind: Option<&Indicator>,
        far: Option<&attain_core::budget::FarOver>,
        vocabulary: &attain_core::target::Vocabulary,
    ) -> Option<Value> {
        let v = rule.read(text, ind, vocabulary)?;
        match (far, &v) {
            (Some(far), Value::Number(d)) if far.by(*d) => None,
            _ => Some(v),
        }
    }

    /// When a figure of `line` is far over its budget (an error of the full reading).
    pub(crate) fn far_over(&self, line: &attain_core::BudgetLine) -> attain_core::budget::FarOver {
        attain_core::budget::FarOver::new(line.budget, self.model.settings.far_over_budget)
    }
}

/// The first and last eight bytes of `t` as numbers, read as whole words (a text
/// of four to seven bytes as its first and last four, a shorter one byte by byte):
/// what tells item texts apart, for a hash of a short text without a pass over it.
#[inline]
pub(crate) fn end_words(t: &str) -> (u64, u64) {
    let b = t.as_bytes();
    let n = b.len();
    let word = |s: &[u8]| s.first_chunk::<8>().map(|w| u64::from_le_bytes(*w));
    let half = |s: &[u8]| {
        s.first_chunk::<4>()
            .map(|w| u64::from(u32::from_le_bytes(*w)))
    };
    match n {
        8.. => (word(b).unwrap_or(0), word(&b[n - 8..]).unwrap_or(0)),
        4..=7 => (half(b).unwrap_or(0), half(&b[n - 4..]).unwrap_or(0)),
        _ => {
            let w = b.iter().fold(0, |w, &c| w << 8 | u64::from(c));
            (w, w)
        }
    }
}

/// The item of actuals an indicator's figures are kept under (by its id).
pub(crate) fn indicator_item(ind: &Indicator) -> Item {
    Item::Indicator(ind.id.0.as_str().into())
}

/// Where `x`, a reference into `all`, is in it (from the addresses: no search).
fn position<T>(all: &[T], x: &T) -> Option<usize> {
    let size = std::mem::size_of::<T>().max(1);
    let k = (x as *const T as usize).wrapping_sub(all.as_ptr() as usize) / size;
    all.get(k).filter(|y| std::ptr::eq(*y, x)).map(|_| k)
}

/// The checks of a CSV row's cells against its header, as the unit-folder reader
/// makes them: a number split by a thousands separator and a cell outside the
/// header's columns are errors (the row is not read); a note that is only a number
/// right after a short value is a warning.
pub(crate) fn csv_row_checks(
    row: &Row,
    header: &Row,
    map: &std::collections::BTreeMap<&'static str, usize>,
    path: &Path,
) -> (Option<Diagnostic>, Option<Diagnostic>) {
    let value = map.get("value").and_then(|&i| row.cells.get(i));
    let after_value = map.get("value").and_then(|&i| row.cells.get(i + 1));
    if let (Some(v), Some(next)) = (value, after_value) {
        if let Some(d) = split_number(row, v, next, path) {
            return (Some(d.column_name("value")), None);
        }
    }
    if let Some(d) = stray_cell(row, header, map, path, true) {
        return (Some(d), None);
    }
    let warn = match (value, after_value) {
        (Some(v), Some(next)) => number_in_note(row, v, next, map, path),
        _ => None,
    };
    (None, warn)
}

/// Whether `t` has a comma between digits (`1,234.50`, `1，234`): a thousands
/// separator, which a value may not have.
pub(crate) fn has_thousands_separator(t: &str) -> bool {
    // A comma, or the first byte of '，' (U+FF0C: EF BC 8C), before any char work.
    if !t.bytes().any(|b| b == b',' || b == 0xEF) || !t.contains([',', '，']) {
        return false;
    }
    let c: Vec<char> = t.chars().collect();
    c.windows(3)
        .any(|w| w[0].is_ascii_digit() && matches!(w[1], ',' | '，') && w[2].is_ascii_digit())
}

/// A plain decimal (ASCII digits with at most one interior point, at most 15 digits
/// and [`attain_core::target::MAX_DECIMALS`] decimals) read without the general
/// parser: what `parse_decimal_prefix` reads from such text, faster.
pub(crate) fn plain_decimal(t: &str) -> Option<Decimal> {
    plain_parts(t).map(|(m, scale)| unsigned_decimal(m, scale))
}

/// [`plain_decimal`] as its mantissa and scale (not negative, below 10¹⁵; at most
/// [`attain_core::target::MAX_DECIMALS`]).
#[inline]
fn plain_parts(t: &str) -> Option<(i64, u32)> {
    let b = t.as_bytes();
    if b.is_empty() || b.len() > 16 {
        return None;
    }
    // One pass: digits into the mantissa, the place of the one interior point.
    let mut mantissa = 0i64;
    let mut point = None;
    for (i, &c) in b.iter().enumerate() {
        let digit = c.wrapping_sub(b'0');
        if digit < 10 {
            mantissa = mantissa * 10 + i64::from(digit);
        } else if c == b'.' && point.is_none() && i > 0 && i + 1 < b.len() {
            point = Some(i);
        } else {
            return None;
        }
    }
    // At most 15 digits: the mantissa fits; the scale is the digits after the point
    // (trailing zeros kept, as the general parser keeps them).
    if b.len() - usize::from(point.is_some()) > 15 {
        return None;
    }
    let scale = point.map_or(0, |p| b.len() - p - 1) as u32;
    if scale > attain_core::target::MAX_DECIMALS {
        return None;
    }
    Some((mantissa, scale))
}

/// How the plain values of an item read ([`PlainRule::read`]): what its indicator
/// (none for a budget line) decides, made once per item by a reader of many rows
/// (once per template by a portfolio).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PlainRule {
    /// No indicator (spending): a number, not negative.
    Number,
    /// A grade word, against the full-year target's word (if it has one).
    Grade,
    /// A percent: the number before a percent sign as a fraction, or a fraction up
    /// to 1.
    Percent,
    /// A count or level: a number, not negative, whole in a count unit.
    Count,
    /// Execution, dates and ratios: only the full reading.
    Full,
}

impl PlainRule {
    /// The rule of an item of indicator `ind` (`None`: a budget line).
    pub(crate) fn of(ind: Option<&Indicator>) -> PlainRule {
        let Some(ind) = ind else {
            return PlainRule::Number;
        };
        match &ind.measure {
            Measure::Execution { .. } => PlainRule::Full,
            Measure::Grade => PlainRule::Grade,
            // Dates and ratios take the full reading.
            Measure::Sum | Measure::Latest if ind.fy.is_date() || ind.fy.is_ratio() => {
                PlainRule::Full
            }
            Measure::Sum | Measure::Latest if ind.is_percent() => PlainRule::Percent,
            Measure::Sum | Measure::Latest => PlainRule::Count,
        }
    }

    /// The value of a cell when it is plainly valid and draws no warning, without
    /// building diagnostics: what [`resolve_value`] returns in that case, or `None`
    /// when the full reading is needed (then it gives the value with its warning, or
    /// the error). `text` is the cell's cleaned text, `ind` the indicator the rule
    /// was made of.
    #[inline(always)]
    pub(crate) fn read(
        self,
        text: &str,
        ind: Option<&Indicator>,
        vocabulary: &attain_core::target::Vocabulary,
    ) -> Option<Value> {
        // The most common values first: plain digits (before a percent sign for a
        // percent), as the general reading below reads them.
        match self {
            PlainRule::Number => {
                if let Some((m, scale)) = plain_parts(text) {
                    return Some(Value::Number(unsigned_decimal(m, scale)));
                }
            }
            PlainRule::Percent => {
                if let Some((m, scale)) = text.strip_suffix('%').and_then(plain_parts) {
                    return Some(Value::Number(attain_core::target::hundredth_of(m, scale)));
                }
            }
            PlainRule::Count => {
                if let Some((m, 0)) = plain_parts(text) {
                    return Some(Value::Number(unsigned_decimal(m, 0)));
                }
            }
            PlainRule::Grade | PlainRule::Full => {}
        }
        self.read_any(text, ind, vocabulary)
    }

    /// [`PlainRule::read`] of any text.
    #[inline(never)]
    fn read_any(
        self,
        text: &str,
        ind: Option<&Indicator>,
        vocabulary: &attain_core::target::Vocabulary,
    ) -> Option<Value> {
        // Digits and a point (before a percent sign, if any): no thousands separator
        // to look for.
        let percent_sign = text.strip_suffix('%');
        let digits = plain_parts(percent_sign.unwrap_or(text));
        if digits.is_none() && has_thousands_separator(text) {
            return None;
        }
        let plain = |t: &str| {
            plain_decimal(t)
                .or_else(|| parse_decimal_prefix(t).and_then(|(d, n)| (n == t.len()).then_some(d)))
        };
        // The text as a number (plain digits are not negative).
        let whole = || match digits {
            Some((m, scale)) if percent_sign.is_none() => Some(unsigned_decimal(m, scale)),
            _ => plain(text),
        };
        let not_negative = |d: &Decimal| d.is_sign_positive() || d.is_zero();
        match self {
            PlainRule::Number => whole().filter(not_negative).map(Value::Number),
            PlainRule::Full => None,
            PlainRule::Grade => {
                let target_word = match ind.map(|i| &i.fy) {
                    Some(Target::Qualitative(w)) => w.as_str(),
                    _ => "",
                };
                Tier::classify_with(text, target_word, vocabulary).map(|tier| Value::Grade {
                    word: text.to_string(),
                    tier,
                })
            }
            PlainRule::Percent => match (percent_sign, digits) {
                // The number before the sign, a hundredth of it.
                (Some(_), Some((m, scale))) => {
                    Some(Value::Number(attain_core::target::hundredth_of(m, scale)))
                }
                // (White space before the sign is left out.)
                (Some(n), None) => {
                    plain(n.trim_end()).map(|d| Value::Number(attain_core::target::hundredth(d)))
                }
                (None, _) => whole()
                    .filter(|d| d.abs() <= Decimal::ONE)
                    .map(Value::Number),
            },
            PlainRule::Count => {
                let unit = ind.and_then(|i| i.unit()).map_or("", |u| u.as_str());
                whole()
                    .filter(|d| {
                        not_negative(d)
                            && (d.scale() == 0 || d.fract().is_zero() || !is_count_unit(unit))
                    })
                    .map(Value::Number)
            }
        }
    }
}

/// `Decimal::new(m, scale)` of a mantissa that is not negative (from
/// [`plain_parts`]), made in place.
#[inline(always)]
fn unsigned_decimal(m: i64, scale: u32) -> Decimal {
    debug_assert!(m >= 0);
    Decimal::from_parts(m as u32, (m >> 32) as u32, 0, false, scale)
}

/// The header must have a `month` or a `date` column; the map as it is if so.
pub(crate) fn with_month_column(
    map: std::collections::BTreeMap<&'static str, usize>,
    header: &Row,
    path: &Path,
) -> Result<std::collections::BTreeMap<&'static str, usize>, Diagnostic> {
    if map.contains_key("month") || map.contains_key("date") {
        return Ok(map);
    }
    Err(header
        .point_row(path, Diagnostic::error(msg::no_month_column()))
        .help(msg::no_month_column_help()))
}

/// The detail form: one row per payment, with a `date` (日期) or `voucher` (凭证号)
/// column. Spending and counts of the same item and month then add up.
pub(crate) fn is_detail(map: &std::collections::BTreeMap<&'static str, usize>) -> bool {
    map.contains_key("date") || map.contains_key("voucher")
}

/// Whether figures of `item` add up within a month: spending and `sum` counts do;
/// levels and grades do not.
pub(crate) fn adds_up(item: &Item, ind: Option<&Indicator>) -> bool {
    match (item, ind) {
        (Item::Line(_), _) => true,
        (_, Some(i)) => i.measure == Measure::Sum,
        _ => false,
    }
}

/// The month of a month cell or, in the detail form, of a date cell.
pub(crate) fn month_of_cell(
    text: &str,
    year: u16,
    detail: bool,
) -> Result<attain_core::Month, (Msg, Option<Msg>)> {
    if !detail {
        return month_in_year(text, year);
    }
    match attain_core::Month::of_date(text) {
        Ok(m) => month_in_year(&m.to_string(), year),
        Err(_) => Err((
            msg::not_a_date_or_month(text.trim()),
            Some(msg::not_a_date_or_month_help()),
        )),
    }
}

/// Read all actuals of a unit folder. Rows with errors are reported and the result
/// carries the diagnostics; the caller fails if any is an error.
pub fn read(dir: &Path, model: &Model) -> ReadActuals {
    let mut out = ReadActuals::default();
    let paths = match files(dir, &mut out.diagnostics) {
        Ok(p) => p,
        Err(d) => {
            out.diagnostics.push(d);
            return out;
        }
    };
    let names = Names::new(model);
    for path in &paths {
        let content =
            kind_of(path).and_then(|k| text::read_bytes(path).and_then(|b| content_of(k, b, path)));
        read_content(dir, path, content, model, &names, &mut out);
    }
    out
}

/// Read one actuals file given as bytes in memory, as [`read`] reads each file of
/// `actuals/`: `path` (inside `dir`) names it in diagnostics and the ledger, and its
/// extension says whether it is CSV or a workbook.
pub fn read_bytes(dir: &Path, path: &Path, bytes: &[u8], model: &Model) -> ReadActuals {
    let mut out = ReadActuals::default();
    let names = Names::new(model);
    let content = kind_of(path).and_then(|k| content_of(k, bytes.to_vec(), path));
    read_content(dir, path, content, model, &names, &mut out);
    out
}

/// Read the content of one actuals file into `out`.
fn read_content(
    dir: &Path,
    path: &Path,
    content: Result<Content, Diagnostic>,
    model: &Model,
    names: &Names,
    out: &mut ReadActuals,
) {
    let empty = |out: &mut ReadActuals| {
        out.diagnostics.push(crate::csvtable::empty_file(path));
        out.ledger.files.push((label(dir, path, None), 0));
    };
    match content {
        Err(d) => out.diagnostics.push(d),
        Ok(Content::Csv(t)) => {
            let mut rows = match CsvRows::new(&t.content, path) {
                Ok(r) => r,
                Err(d) => {
                    out.diagnostics.push(d);
                    return;
                }
            };
            let meta = Sheet {
                name: None,
                col0: 0,
                rows: Vec::new(),
            };
            let mut content = rows.by_ref().filter(|r| !r.is_blank());
            let had_rows = read_sheet(dir, path, &meta, &mut content, model, names, out);
            if let Some(e) = rows.error.take() {
                out.diagnostics.push(e);
            } else if !had_rows {
                empty(out);
            }
        }
        Ok(Content::Sheets(sheets)) if sheets.is_empty() => empty(out),
        Ok(Content::Sheets(sheets)) => {
            for mut sheet in sheets {
                let rows = std::mem::take(&mut sheet.rows);
                read_sheet(dir, path, &sheet, &mut rows.into_iter(), model, names, out);
            }
        }
    }
}

/// Read the rows of one sheet (or CSV file) into `out`: its first row is the header.
/// Returns whether there was a row at all.
fn read_sheet(
    dir: &Path,
    path: &Path,
    sheet: &Sheet,
    rows: &mut dyn Iterator<Item = Row>,
    model: &Model,
    names: &Names,
    out: &mut ReadActuals,
) -> bool {
    let ctx = Ctx {
        path,
        sheet,
        model,
        names,
    };
    let mut unknown = 0usize;
    let year = model.unit.year;
    let Some(header) = rows.next() else {
        return false;
    };
    let header = &header;
    let map = match map_header(header, ACTUAL_COLUMNS, path) {
        Ok(m) => m,
        Err(d) => {
            let d = match &sheet.name {
                // Every sheet with content is read: say which one has no header.
                Some(name) => {
                    let help = match d.help.clone() {
                        Some(h) => msg::sheet_without_header_help(h),
                        None => msg::sheet_without_header_help_alone(),
                    };
                    Diagnostic {
                        message: msg::sheet_without_header(name, d.message.clone()),
                        ..d
                    }
                    .help(help)
                }
                None => d,
            };
            out.diagnostics.push(ctx.located(d, header));
            return true;
        }
    };
    let map = match with_month_column(map, header, path) {
        Ok(m) => m,
        Err(d) => {
            out.diagnostics.push(ctx.located(d, header));
            return true;
        }
    };
    let detail = is_detail(&map);
    let month_key = if map.contains_key("date") {
        "date"
    } else {
        "month"
    };
    let get = |row: &Row, key: &str| map.get(key).and_then(|&i| row.cells.get(i)).cloned();
    let entry_sheet = map.contains_key("previous");
    // Each entry names its row by the file's number and its line.
    let file = out.actuals.file(&label(dir, path, sheet.name.as_deref()));
    let mut blank = Vec::new();
    let mut count = 0;
    for row in rows {
        let row = &row;
        if entry_sheet && get(row, "value").is_none_or(|c| c.is_empty()) {
            blank.push(row.line);
            continue;
        }
        count += 1;
        if sheet.name.is_none() {
            match csv_row_checks(row, header, &map, path) {
                (Some(e), _) => {
                    out.diagnostics.push(e);
                    continue;
                }
                (None, Some(w)) => out.diagnostics.push(w),
                (None, None) => {}
            }
        } else if let Some(d) = stray_cell(row, header, &map, path, false) {
            out.diagnostics.push(ctx.located(d, row));
            continue;
        }
        let (Some(mc), Some(ic), Some(vc)) =
            (get(row, month_key), get(row, "item"), get(row, "value"))
        else {
            out.diagnostics.push(
                ctx.point_row(
                    row,
                    Diagnostic::error(attain_core::msg::csv::row_too_short()),
                )
                .help(msg::row_needs_help()),
            );
            continue;
        };
        let month = match month_of_cell(&mc.text, year, detail) {
            Ok(m) => m,
            Err((message, help)) => {
                let d = ctx.point(row, &mc, Diagnostic::error(message), month_key);
                out.diagnostics.push(match help {
                    Some(h) => d.help(h),
                    None => d,
                });
                continue;
            }
        };
        let (item, ind) = match ctx.item(row, &ic, unknown < crate::diag::MAX_PER_KIND) {
            Ok(x) => x,
            Err(d) => {
                unknown += 1;
                out.diagnostics.push(d);
                continue;
            }
        };
        let value = match ctx.value(row, &vc, &item, ind) {
            Ok((v, warn)) => {
                if let Some(w) = warn {
                    out.diagnostics.push(w);
                }
                v
            }
            Err(d) => {
                out.diagnostics.push(d);
                continue;
            }
        };
        let note = get(row, "note").map(|c| c.text).unwrap_or_default();
        let entry = Entry {
            month,
            item: item.clone(),
            value: value.clone(),
            note,
            source: Origin::at(file, row.line),
        };
        let added = if detail && adds_up(&item, ind) {
            out.actuals.add(entry)
        } else {
            out.actuals.insert(entry)
        };
        if let Err(first) = added {
            let what = match &item {
                Item::Indicator(id) => model
                    .indicator(id)
                    .map_or(id.to_string(), |i| i.name.clone()),
                Item::Line(l) => l.to_string(),
            };
            out.diagnostics.push(
                ctx.point(
                    row,
                    &ic,
                    Diagnostic::error(msg::second_figure(&what, month)),
                    "item",
                )
                .related(msg::first_place(&first))
                .help(if detail {
                    msg::second_figure_detail_help()
                } else {
                    msg::second_figure_help()
                }),
            );
            continue;
        }
        *out.ledger.months.entry(month).or_default() += 1;
        if let (Item::Line(l), Value::Number(d)) = (&item, &value) {
            *out.ledger
                .spending
                .entry(l.to_string())
                .or_default()
                .entry(month)
                .or_default() += *d;
        }
    }
    out.ledger
        .files
        .push((label(dir, path, sheet.name.as_deref()), count));
    if let (Some(first), Some(last)) = (blank.first(), blank.last()) {
        let d = Diagnostic::note(msg::blank_rows(
            blank.len(),
            count + blank.len(),
            first,
            last,
        ))
        .in_file(path)
        .help(msg::blank_rows_help());
        out.diagnostics.push(match &sheet.name {
            Some(n) => d.place(attain_core::msg::workbook::at_sheet(n)),
            None => d.column_name("value"),
        });
    }
    true
}

/// A warning for a note that is only a number right after a short value in a CSV row
/// (`2026-05,基本支出,1,5`): most likely a value split by a comma (`1,5` for 1.5).
fn number_in_note(
    row: &Row,
    value: &Cell,
    next: &Cell,
    map: &std::collections::BTreeMap<&'static str, usize>,
    path: &Path,
) -> Option<Diagnostic> {
    let note_follows = map
        .get("note")
        .is_some_and(|&n| map.get("value").is_some_and(|&v| n == v + 1));
    let short = value.raw.chars().count() <= 4;
    if !note_follows
        || !short
        || row.is_quoted(next)
        || attain_core::target::parse_decimal(&next.text).is_none()
    {
        return None;
    }
    Some(
        row.point(
            path,
            Diagnostic::warning(msg::number_in_note(
                &next.text,
                &value.raw,
                format!("{},{}", value.raw, next.raw),
            )),
            next,
            "",
        )
        .column_name("note")
        .help(msg::number_in_note_help()),
    )
}

/// Read plan.csv if present.
pub fn read_plan(dir: &Path, model: &Model, diags: &mut Diagnostics) -> Option<MonthlyPlan> {
    let path = dir.join(PLAN_FILE);
    let table = CsvTable::read_optional(&path, PLAN_COLUMNS, diags)?;
    let mut plan = MonthlyPlan::default();
    for row in &table.rows {
        let [mc, lc, ac] = match table.required(row, ["month", "line", "amount"], &path) {
            Ok(c) => c,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let month = match month_in_year(&mc.text, model.unit.year) {
            Ok(m) => m,
            Err((message, help)) => {
                let d = row
                    .point(&path, Diagnostic::error(message), mc, "")
                    .column_name("month");
                diags.push(match help {
                    Some(h) => d.help(h),
                    None => d,
                });
                continue;
            }
        };
        match model.budget.line(&lc.text) {
            Some(l) if !model.budget.has_children(&l.name) => {}
            Some(_) => {
                diags.push(row.point(&path, Diagnostic::error(msg::plan_parent(&lc.text)), lc, ""));
                continue;
            }
            None => {
                diags.push(
                    row.point(
                        &path,
                        Diagnostic::error(msg::plan_unknown_line(&lc.text)),
                        lc,
                        "",
                    )
                    .help(msg::plan_unknown_line_help()),
                );
                continue;
            }
        }
        match attain_core::target::parse_decimal(&ac.text).ok_or(()) {
            Ok(d) => {
                plan.amounts.insert((lc.text.clone(), month), d);
            }
            Err(_) => diags.push(
                row.point(&path, Diagnostic::error(msg::plan_amount(&ac.text)), ac, "")
                    .help(msg::plan_amount_help()),
            ),
        }
    }
    Some(plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_decimals_read_as_the_general_parser_does() {
        for t in [
            "0",
            "7",
            "30.66",
            "0.98",
            "1234567.89",
            "000.5",
            "999999999999999",
            "0.0000000001",
        ] {
            let general = parse_decimal_prefix(t)
                .filter(|(_, n)| *n == t.len())
                .map(|(d, _)| d);
            assert_eq!(plain_decimal(t), general, "{t}");
            assert_eq!(
                plain_decimal(t).map(|d| d.scale()),
                general.map(|d| d.scale()),
                "{t}"
            );
        }
        // Left to the general parser.
        for t in [
            "",
            ".5",
            "5.",
            "1,000",
            "-1",
            "1e3",
            "98%",
            "１２",
            "0.00000000001",
            "1000000000000000",
        ] {
            assert_eq!(plain_decimal(t), None, "{t}");
        }
    }

    proptest::proptest! {
        /// Digits with or without a point: the fast reading is the general one, value
        /// and scale, or leaves the text to it.
        #[test]
        fn plain_decimals_are_the_general_reading(
            t in proptest::prop_oneof!["[0-9]{0,12}[.]?[0-9]{0,12}", "[0-9.]{0,20}"]
        ) {
            let general = parse_decimal_prefix(&t)
                .filter(|(_, n)| *n == t.len())
                .map(|(d, _)| (d, d.scale()));
            if let Some(d) = plain_decimal(&t) {
                proptest::prop_assert_eq!(Some((d, d.scale())), general);
            }
        }
    }

    /// The example unit, with an indicator of every kind of value.
    fn example_model() -> Model {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/jiangsu-wb-office-2026");
        crate::unitdir::load(&dir).unwrap().model
    }

    proptest::proptest! {
        /// A value the fast reading takes is the full reading's, value and scale,
        /// without a warning, for every indicator and every budget line of the example
        /// unit (the fast reading may leave any value to the full one).
        #[test]
        fn plain_values_are_the_full_reading(
            t in proptest::prop_oneof![
                "[0-9]{1,6}([.][0-9]{1,4})?[%％]?",
                "[-+ 0-9.,，%％]{0,10}",
                "(健全|基本健全|不健全|优|良|较好|是|否)",
            ],
        ) {
            let model = example_model();
            let resolver = Resolver::with_names(&model, None);
            let vocabulary = model.settings.vocabulary();
            let path = Path::new("actuals.csv");
            let row = crate::portfolio::row_for_tests(7, &["2026-06", "x", &t, ""]);
            let items = model
                .indicators
                .iter()
                .map(|i| (Item::Indicator(i.id.0.as_str().into()), Some(i)))
                .chain(model.budget.lines.iter().map(|l| (Item::Line(l.name.as_str().into()), None)));
            for (item, ind) in items {
                let Some(fast) = resolver.plain(&t, &item, ind, None, &vocabulary) else {
                    continue;
                };
                let full = resolver.value(path, &row, &row.cells[2], &item, ind);
                let scale = |v: &Value| v.number().map(|d| d.scale());
                match full {
                    Ok((v, None)) => {
                        proptest::prop_assert_eq!(&v, &fast, "{} {:?}", t, item);
                        proptest::prop_assert_eq!(scale(&v), scale(&fast), "{} {:?}", t, item);
                    }
                    other => proptest::prop_assert!(false, "{t} {item:?}: fast {fast:?}, full {other:?}"),
                }
            }
        }
    }

    proptest::proptest! {
        /// A text index numbers each text as a map keeping the first number does.
        #[test]
        fn a_text_index_is_a_map_of_first_numbers(
            texts in proptest::collection::vec("[a-c调（）0-9-]{0,10}", 0..60),
            asked in proptest::collection::vec("[a-c调（）0-9-]{0,10}", 0..20),
        ) {
            let mut map = std::collections::HashMap::new();
            for (k, t) in texts.iter().enumerate() {
                map.entry(t.as_str()).or_insert(k);
            }
            let index = TextIndex::new(texts.iter().enumerate().map(|(k, t)| (t.as_str(), k)));
            for t in texts.iter().chain(&asked) {
                proptest::prop_assert_eq!(index.get(t), map.get(t.as_str()).copied(), "{}", t);
            }
        }
    }

    #[test]
    fn count_units() {
        for u in ["个", "次", "人次", "台/辆", "场", "项", "家", "人"] {
            assert!(is_count_unit(u), "{u}");
        }
        for u in ["", "万元", "元", "%", "吨", "公里", "小时", "台/吨"] {
            assert!(!is_count_unit(u), "{u}");
        }
    }

    /// What each text names, as the three groups overriding one another name it
    /// (the rule [`Names`] keeps in one lookup): by id, else by name, else a line.
    fn named_by_groups(model: &Model, text: &str) -> Option<String> {
        named_by_groups_as(model, text, |s| s.into())
    }

    /// [`named_by_groups`] with every name taken as `key` gives it.
    fn named_by_groups_as(
        model: &Model,
        text: &str,
        key: impl Fn(&str) -> std::borrow::Cow<'_, str>,
    ) -> Option<String> {
        let first = |f: &dyn Fn(&Indicator) -> bool| model.indicators.iter().find(|i| f(i));
        first(&|i| key(&i.id.0) == text)
            .or_else(|| first(&|i| key(&i.name) == text))
            .map(|i| format!("indicator {}", i.id.0))
            .or_else(|| {
                let l = model.budget.lines.iter().find(|l| key(&l.name) == text)?;
                let kids = model
                    .budget
                    .lines
                    .iter()
                    .any(|k| k.parent.as_deref() == Some(&l.name));
                Some(format!("line {} {kids}", l.name))
            })
    }

    fn show(n: Option<Named<'_>>) -> Option<String> {
        n.map(|n| match n {
            Named::Indicator(i) => format!("indicator {}", i.id.0),
            Named::Line(l, kids) => format!("line {} {kids}", l.name),
        })
    }

    #[test]
    fn names_shared_by_a_template_name_what_names_made_here_name() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/jiangsu-wb-office-2026");
        let mut model = crate::unitdir::load(&dir).unwrap().model;
        // Clashes: an indicator named as another's id, a line named as an indicator,
        // a second indicator of one name, a line with children, a full-width name.
        let (id0, name1) = (
            model.indicators[0].id.0.clone(),
            model.indicators[1].name.clone(),
        );
        model.indicators[2].name = id0.clone();
        model.indicators[4].name = name1.clone();
        model.indicators[5].name = "ＡＢＣ率".into();
        model.reindex();
        let line = |name: &str, parent: Option<&str>| attain_core::BudgetLine {
            name: name.into(),
            parent: parent.map(Into::into),
            h1_plan: Decimal::ZERO,
            budget: Decimal::ONE,
        };
        model.budget.lines.push(line(&name1, None));
        model.budget.lines.push(line("公用经费", None));
        model
            .budget
            .lines
            .push(line("公用经费（印刷）", Some("公用经费")));
        model.budget.lines.push(line(&id0, None));
        let template = IndicatorNames::new(&model.indicators);
        let own = Names::new(&model);
        let shared = Names::with(&model, Some(&template));
        assert!(matches!(shared.indicators, std::borrow::Cow::Borrowed(_)));
        // Names made for other indicators (equal, not shared) are not used.
        let other = IndicatorNames::new(&(*model.indicators).clone().into());
        assert!(matches!(
            Names::with(&model, Some(&other)).indicators,
            std::borrow::Cow::Owned(_)
        ));
        let texts: Vec<String> = model
            .indicators
            .iter()
            .flat_map(|i| [i.id.0.clone(), i.name.clone()])
            .chain(model.budget.lines.iter().map(|l| l.name.clone()))
            .chain([
                "nothing".to_string(),
                "ABC率".into(),
                "公用经费(印刷)".into(),
            ])
            .collect();
        for t in &texts {
            let want = named_by_groups(&model, t);
            assert_eq!(show(own.get(t)), want, "{t}");
            assert_eq!(show(shared.get(t)), want, "{t}");
            let folded = crate::names::fold(t);
            let want = named_by_groups_as(&model, &folded, crate::names::fold);
            assert_eq!(show(own.by_folded(&folded)), want, "{t}");
            assert_eq!(show(shared.by_folded(&folded)), want, "{t}");
        }
        assert_eq!(show(own.get(&id0)), Some(format!("indicator {id0}")));
        assert_eq!(
            show(own.get(&name1)),
            Some(format!("indicator {}", model.indicators[1].id.0))
        );
        assert_eq!(show(own.get("公用经费")), Some("line 公用经费 true".into()));
        assert_eq!(show(own.get("ABC率")), None);
        let abc = model.indicators[5].id.0.clone();
        assert_eq!(
            show(own.by_folded("ABC率")),
            Some(format!("indicator {abc}"))
        );
        assert_eq!(
            show(own.by_folded("公用经费(印刷)")),
            Some("line 公用经费（印刷） false".into())
        );
    }

    #[test]
    fn suggest() {
        let names = ["预算执行率", "预算调整率", "接待外宾人次", "基本支出"];
        assert_eq!(suggestions("预算执行", names)[0], "预算执行率");
        assert_eq!(suggestions("接待外宾人数", names)[0], "接待外宾人次");
        assert!(suggestions("完全无关的东西", names).is_empty());
    }
}
