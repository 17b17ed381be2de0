//! The unit folder: `unit.toml`, `targets.csv`, `budget.csv` (and, read elsewhere,
//! `actuals/`). Reading with diagnostics that point at file, line and column; writing
//! atomically (a complete folder or nothing).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use attain_core::{
    Budget, BudgetLine, Check, Decimal, IncomeSource, Indicator, IndicatorId, Level1, Measure,
    Model, Part, Rule, Settings, Target, UnitInfo,
};
use serde::{Deserialize, Serialize};

use crate::cells::{csv_rows, Row};
use crate::diag::{Diagnostic, Diagnostics, Failed};
use crate::text;

pub const UNIT_FILE: &str = "unit.toml";
pub const TARGETS_FILE: &str = "targets.csv";
pub const BUDGET_FILE: &str = "budget.csv";

/// A column of a CSV file: its English key and the Chinese headers also accepted.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub key: &'static str,
    pub zh: &'static [&'static str],
    pub required: bool,
}

pub const TARGET_COLUMNS: &[Column] = &[
    Column {
        key: "id",
        zh: &["编号", "指标编号"],
        required: true,
    },
    Column {
        key: "level1",
        zh: &["一级指标"],
        required: true,
    },
    Column {
        key: "level2",
        zh: &["二级指标"],
        required: true,
    },
    Column {
        key: "key_work",
        zh: &["重点工作"],
        required: false,
    },
    Column {
        key: "name",
        zh: &["三级指标", "指标名称"],
        required: true,
    },
    Column {
        key: "h1_target",
        zh: &["半年指标值"],
        required: true,
    },
    Column {
        key: "fy_target",
        zh: &["全年指标值", "年度指标值"],
        required: true,
    },
    Column {
        key: "weight",
        zh: &["分值", "权重"],
        required: true,
    },
    Column {
        key: "measure",
        zh: &["取数方式", "计量方式"],
        required: true,
    },
    Column {
        key: "rule",
        zh: &["评分规则"],
        required: false,
    },
];

pub const BUDGET_COLUMNS: &[Column] = &[
    Column {
        key: "name",
        zh: &["名称", "预算项目", "支出项目"],
        required: true,
    },
    Column {
        key: "parent",
        zh: &["上级", "上级项目"],
        required: false,
    },
    Column {
        key: "h1_plan",
        zh: &["半年计划执行数", "半年计划"],
        required: true,
    },
    Column {
        key: "budget",
        zh: &["全年预算数", "预算数"],
        required: true,
    },
];

/// unit.toml as a file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitToml {
    unit: UnitInfo,
    #[serde(default)]
    income: IncomeToml,
    #[serde(default)]
    settings: Settings,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct IncomeToml {
    /// 资金总额, when stated.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_dec")]
    total: Option<Decimal>,
    #[serde(default)]
    sources: Vec<SourceToml>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceToml {
    name: String,
    #[serde(with = "attain_core::dec_serde")]
    amount: Decimal,
}

mod opt_dec {
    use attain_core::Decimal;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => attain_core::dec_serde::serialize(d, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        attain_core::dec_serde::deserialize(d).map(Some)
    }
}

/// Where each indicator and budget line came from, to point diagnostics at.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    places: BTreeMap<String, (PathBuf, usize)>,
    /// The file each part of the data lives in, for findings without a subject.
    parts: BTreeMap<Part, PathBuf>,
}

impl SourceMap {
    pub fn insert(&mut self, subject: &str, file: &Path, line: usize) {
        self.places
            .insert(subject.to_string(), (file.to_path_buf(), line));
    }

    /// Record the file a part of the data (income, settings …) was read from.
    pub fn set_part(&mut self, part: Part, file: &Path) {
        self.parts.insert(part, file.to_path_buf());
    }

    pub fn get(&self, subject: &str) -> Option<&(PathBuf, usize)> {
        self.places.get(subject)
    }

    /// A core check as a diagnostic, located where its subject (or its part of the
    /// data) came from; `fallback` when neither is known.
    pub fn diagnostic(&self, c: &Check, fallback: &Path) -> Diagnostic {
        let d = Diagnostic::new(c.severity, c.message.clone()).help(c.help.clone());
        match c.subject.as_deref().and_then(|s| self.get(s)) {
            Some((file, line)) => d.in_file(file).at_line(*line),
            None => d.in_file(
                c.part
                    .and_then(|p| self.parts.get(&p))
                    .map_or(fallback, |p| p.as_path()),
            ),
        }
    }
}

/// A loaded unit folder.
#[derive(Debug, Clone)]
pub struct UnitDir {
    pub dir: PathBuf,
    pub model: Model,
    pub sources: SourceMap,
    pub diagnostics: Diagnostics,
}

/// Map the header row of a CSV file to column keys. Errors name the unknown or
/// missing column.
pub fn map_header(
    row: &Row,
    columns: &[Column],
    path: &Path,
) -> Result<BTreeMap<&'static str, usize>, Diagnostic> {
    let mut map = BTreeMap::new();
    for (i, cell) in row.cells.iter().enumerate() {
        let h = cell.text.trim().trim_start_matches('\u{feff}');
        if h.is_empty() {
            continue;
        }
        let found = columns
            .iter()
            .find(|c| c.key.eq_ignore_ascii_case(h) || c.zh.contains(&h));
        match found {
            Some(c) if map.contains_key(c.key) => {
                return Err(row
                    .point(
                        path,
                        Diagnostic::error(format!("column `{h}` appears twice in the header")),
                        cell,
                        "",
                    )
                    .help("delete one of the two columns"));
            }
            Some(c) => {
                map.insert(c.key, i);
            }
            None => {
                let known = columns
                    .iter()
                    .map(|c| format!("{} ({})", c.key, c.zh[0]))
                    .collect::<Vec<_>>()
                    .join(", ");
                return Err(row
                    .point(
                        path,
                        Diagnostic::error(format!("unknown column `{h}`")),
                        cell,
                        "",
                    )
                    .help(format!("the columns are: {known}")));
            }
        }
    }
    for c in columns.iter().filter(|c| c.required) {
        if !map.contains_key(c.key) {
            return Err(row
                .point_row(
                    path,
                    Diagnostic::error(format!(
                        "the header has no `{}` ({}) column",
                        c.key, c.zh[0]
                    )),
                )
                .help("add the column; the first line of the file names the columns"));
        }
    }
    Ok(map)
}

/// A CSV file whose header has been mapped to column keys.
#[derive(Debug, Clone)]
pub struct CsvTable {
    pub header: Row,
    /// The data rows (blank lines dropped), in file order.
    pub rows: Vec<Row>,
    pub map: BTreeMap<&'static str, usize>,
}

impl CsvTable {
    /// Read `path` (any supported encoding) and map its header to `columns`. An empty
    /// file, an unknown or duplicated column, or a missing required one is an error.
    /// A row with a non-empty cell outside the header's columns (a comma in free
    /// text) is an error in `diags` and is left out of `rows`.
    pub fn read(
        path: &Path,
        columns: &[Column],
        diags: &mut Diagnostics,
    ) -> Result<CsvTable, Diagnostic> {
        let t = text::read(path)?;
        let mut rows = csv_rows(&t.content, path)?
            .into_iter()
            .filter(|r| !r.is_blank());
        let Some(header) = rows.next() else {
            return Err(Diagnostic::error("the file is empty")
                .in_file(path)
                .help("the first line must name the columns"));
        };
        let map = map_header(&header, columns, path)?;
        let rows = rows
            .filter(|row| match stray_cell(row, &header, &map, path, true) {
                Some(d) => {
                    diags.push(d);
                    false
                }
                None => true,
            })
            .collect();
        Ok(CsvTable { header, rows, map })
    }

    /// The cell of `row` in column `key`, if the row reaches it.
    pub fn cell<'r>(&self, row: &'r Row, key: &str) -> Option<&'r crate::cells::Cell> {
        cell(row, &self.map, key)
    }

    /// Read `path` if it exists: `None` when it does not, or cannot be read (the
    /// reason is then in `diags`).
    pub fn read_optional(
        path: &Path,
        columns: &[Column],
        diags: &mut Diagnostics,
    ) -> Option<CsvTable> {
        if !path.exists() {
            return None;
        }
        CsvTable::read(path, columns, diags)
            .map_err(|d| diags.push(d))
            .ok()
    }

    /// The cells of `row` in the columns `keys`, or an error saying the row is shorter
    /// than the header and what it needs.
    pub fn required<'r, const N: usize>(
        &self,
        row: &'r Row,
        keys: [&str; N],
        path: &Path,
    ) -> Result<[&'r crate::cells::Cell; N], Diagnostic> {
        let cells: Vec<&crate::cells::Cell> =
            keys.iter().filter_map(|k| self.cell(row, k)).collect();
        <[&crate::cells::Cell; N]>::try_from(cells).map_err(|_| {
            row.point_row(
                path,
                Diagnostic::error("this row is shorter than the header"),
            )
            .help(format!("each row needs {}", keys.join(", ")))
        })
    }

    /// The text of `row` in column `key` (empty when absent).
    pub fn text(&self, row: &Row, key: &str) -> String {
        text_of(row, &self.map, key)
    }
}

/// The first non-empty cell of `row` that no header column reads, as an error
/// pointing at it: a cell beyond the header's last column (in a CSV file most often
/// a half-width comma in free text, which splits the text in two) or under an empty
/// header cell. Such a cell would otherwise be dropped without a word. `csv` says
/// whether the row comes from CSV text (then the help is about commas and quotes).
pub fn stray_cell(
    row: &Row,
    header: &Row,
    map: &BTreeMap<&'static str, usize>,
    path: &Path,
    csv: bool,
) -> Option<Diagnostic> {
    let (i, cell) = row
        .cells
        .iter()
        .enumerate()
        .find(|(i, c)| !c.is_empty() && !map.values().any(|m| m == i))?;
    let named = header.trimmed();
    let d = if i >= named.len() {
        let last = named
            .last()
            .map_or("", |c| c.text.trim_start_matches('\u{feff}'));
        let msg = format!(
            "this row has {} cells but the header has {}",
            row.trimmed().len(),
            named.len()
        );
        if csv {
            row.point(
                path,
                Diagnostic::error(format!("{msg}: a comma inside the {last}?")),
                cell,
                "",
            )
            .help("put the text in double quotes, or use the full-width ，; write numbers without thousands separators")
        } else {
            row.point(path, Diagnostic::error(msg), cell, "")
                .help("name the column in the header row, or move the value into a named column")
        }
    } else {
        row.point(
            path,
            Diagnostic::error("this cell is in a column without a header, so it would not be read"),
            cell,
            "",
        )
        .help("name the column in the header row, or move the value into a named column")
    };
    Some(d)
}

fn cell<'r>(
    row: &'r Row,
    map: &BTreeMap<&str, usize>,
    key: &str,
) -> Option<&'r crate::cells::Cell> {
    map.get(key).and_then(|&i| row.cells.get(i))
}

fn text_of(row: &Row, map: &BTreeMap<&str, usize>, key: &str) -> String {
    cell(row, map, key)
        .map(|c| c.text.clone())
        .unwrap_or_default()
}

/// A month in the unit's year, from a cell's text; the error message and its help.
pub fn month_in_year(
    text: &str,
    year: u16,
) -> Result<attain_core::Month, (String, Option<String>)> {
    match text.parse::<attain_core::Month>() {
        Ok(m) if m.year() == year => Ok(m),
        Ok(m) => Err((
            format!("month {m} is outside the target year {year}"),
            Some(format!(
                "this unit folder is for {year}; move other years' figures to that year's unit folder"
            )),
        )),
        Err(e) => Err((e.to_string(), None)),
    }
}

/// Parse a decimal cell; the error points at the cell.
pub fn decimal_cell(
    row: &Row,
    map: &BTreeMap<&str, usize>,
    key: &str,
    path: &Path,
    what: &str,
) -> Result<Decimal, Diagnostic> {
    let Some(c) = cell(row, map, key) else {
        return Err(row
            .point_row(
                path,
                Diagnostic::error(format!("this row has no {what} ({key}) cell")),
            )
            .help("the row is shorter than the header: fill in the missing cells"));
    };
    let t = c.text.trim();
    attain_core::target::parse_decimal(t).ok_or_else(|| {
        row.point(
            path,
            Diagnostic::error(format!("{what} `{t}` is not a number")),
            c,
            "",
        )
        .column_name(key)
        .help("write a plain decimal number such as 592.56, without units or thousands separators")
    })
}

/// Read targets.csv.
pub fn read_targets(
    path: &Path,
    sources: &mut SourceMap,
    diags: &mut Diagnostics,
) -> Vec<Indicator> {
    let table = match CsvTable::read(path, TARGET_COLUMNS, diags) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return Vec::new();
        }
    };
    let (map, header) = (&table.map, &table.header);
    let mut out = Vec::new();
    for row in &table.rows {
        let id = text_of(row, map, "id");
        let name = text_of(row, map, "name");
        if row.cells.len() < header.cells.len() {
            diags.push(
                row.point_row(path, Diagnostic::error(format!("this row has {} cells; the header has {}", row.cells.len(), header.cells.len())))
                    .help("the row is truncated: fill in the missing cells (empty cells need their commas)"),
            );
            continue;
        }
        if id.is_empty() || name.is_empty() {
            let (c, what) = if id.is_empty() {
                ("id", "an id")
            } else {
                ("name", "a name")
            };
            let d = match cell(row, map, c) {
                Some(cl) => row.point(
                    path,
                    Diagnostic::error(format!("this indicator has no {c}")),
                    cl,
                    "",
                ),
                None => row.point_row(
                    path,
                    Diagnostic::error(format!("this indicator has no {c}")),
                ),
            };
            diags.push(d.help(format!("give the indicator {what}")));
            continue;
        }
        let mut ok = true;
        let mut target = |key: &str, column: &str| -> Option<Target> {
            let c = cell(row, map, key)?;
            match Target::parse(&c.text) {
                Ok(p) => {
                    for w in p.warnings {
                        diags.push(
                            row.point(path, Diagnostic::warning(w), c, "")
                                .column_name(column),
                        );
                    }
                    Some(p.target)
                }
                Err(e) => {
                    let part: String = c.text.chars().skip(e.offset).take(e.len).collect();
                    diags.push(
                        Diagnostic::error(format!("malformed target `{}`: {}", c.text, e.message))
                            .in_file(path)
                            .at(
                                row.line,
                                c.column_of(&c.text) + e.offset,
                                part.chars().count(),
                                &row.source,
                            )
                            .column_name(column)
                            .help(e.help),
                    );
                    ok = false;
                    None
                }
            }
        };
        let h1 = target("h1_target", "h1_target");
        let fy = target("fy_target", "fy_target");
        let weight = match decimal_cell(row, map, "weight", path, "weight") {
            Ok(w) => Some(w),
            Err(d) => {
                diags.push(d);
                None
            }
        };
        let measure = match cell(row, map, "measure") {
            Some(c) if c.text.is_empty() => fy.as_ref().map(|fy| Measure::infer(&name, fy)),
            Some(c) => match c.text.parse::<Measure>() {
                Ok(m) => Some(m),
                Err(e) => {
                    diags.push(
                        row.point(path, Diagnostic::error(e), c, "")
                            .column_name("measure"),
                    );
                    None
                }
            },
            None => None,
        };
        let rule = match cell(row, map, "rule") {
            Some(c) if !c.text.is_empty() => {
                match c.text.parse::<Rule>() {
                    Ok(r) => {
                        if let Some(Err(e)) = fy.as_ref().map(|fy| r.applies_to(fy)) {
                            diags.push(
                                row.point(path, Diagnostic::error(e), c, "")
                                    .column_name("rule")
                                    .help(
                                        "leave the cell empty for the default rule of the target",
                                    ),
                            );
                            ok = false;
                        }
                        Some(r)
                    }
                    Err(e) => {
                        diags.push(
                        row.point(path, Diagnostic::error(format!("malformed rule: {e}")), c, "")
                            .column_name("rule")
                            .help("see the `rule` column in the README; leave it empty for the default"),
                    );
                        ok = false;
                        None
                    }
                }
            }
            _ => None,
        };
        let level1_text = text_of(row, map, "level1");
        let Some(level1) = Level1::from_label(&level1_text) else {
            let c = cell(row, map, "level1");
            let d = match c {
                Some(c) => row.point(
                    path,
                    Diagnostic::error("this indicator has no 一级指标 (level1)"),
                    c,
                    "",
                ),
                None => row.point_row(
                    path,
                    Diagnostic::error("this indicator has no 一级指标 (level1)"),
                ),
            };
            diags.push(d.help("write the block: 决策, 过程, 履职, 产出, 效益 or 满意度"));
            continue;
        };
        let (Some(h1), Some(fy), Some(weight), Some(measure), true) = (h1, fy, weight, measure, ok)
        else {
            continue;
        };
        let key_work = Some(text_of(row, map, "key_work")).filter(|s| !s.is_empty());
        sources.insert(&id, path, row.line);
        sources.insert(&name, path, row.line);
        out.push(Indicator {
            id: IndicatorId(id),
            level1,
            level2: text_of(row, map, "level2"),
            key_work,
            name,
            h1,
            fy,
            weight,
            measure,
            rule,
        });
    }
    out
}

/// Read budget.csv.
pub fn read_budget_lines(
    path: &Path,
    sources: &mut SourceMap,
    diags: &mut Diagnostics,
) -> Vec<BudgetLine> {
    let table = match CsvTable::read(path, BUDGET_COLUMNS, diags) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return Vec::new();
        }
    };
    let map = &table.map;
    let mut out = Vec::new();
    for row in &table.rows {
        let name = text_of(row, map, "name");
        if name.is_empty() {
            diags.push(
                row.point_row(path, Diagnostic::error("this budget line has no name"))
                    .help("write the line's name in the first column"),
            );
            continue;
        }
        let h1 = decimal_cell(row, map, "h1_plan", path, "half-year plan");
        let fy = decimal_cell(row, map, "budget", path, "full-year budget");
        match (h1, fy) {
            (Ok(h1_plan), Ok(budget)) => {
                sources.insert(&name, path, row.line);
                out.push(BudgetLine {
                    parent: Some(text_of(row, map, "parent")).filter(|s| !s.is_empty()),
                    name,
                    h1_plan,
                    budget,
                });
            }
            (a, b) => {
                for e in [a.err(), b.err()].into_iter().flatten() {
                    diags.push(e);
                }
            }
        }
    }
    out
}

/// Where a TOML error is, as 1-based line and column.
fn toml_position(
    content: &str,
    span: Option<std::ops::Range<usize>>,
) -> Option<(usize, usize, usize)> {
    let span = span?;
    let start = span.start.min(content.len());
    let before = &content[..start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = content[line_start..start].chars().count() + 1;
    let width = content
        .get(span.clone())
        .map_or(1, |s| s.chars().count().max(1));
    Some((line, col, width))
}

fn read_unit_toml(path: &Path) -> Result<UnitToml, Diagnostic> {
    let t = text::read(path)?;
    toml::from_str::<UnitToml>(&t.content).map_err(|e| {
        let msg = e.message().trim().to_string();
        let d = Diagnostic::error(format!("unit.toml cannot be read: {msg}"))
            .in_file(path)
            .help("see the unit.toml format in the README; amounts are quoted decimals such as \"735.55\"");
        match toml_position(&t.content, e.span()) {
            Some((line, col, width)) => {
                let src = t.content.lines().nth(line - 1).unwrap_or("");
                d.at(line, col, width.min(src.chars().count().max(1)), src)
            }
            None => d,
        }
    })
}

/// The unit facts and settings of a unit.toml (its income, if any, is not read): the
/// shared template of the export shape.
pub(crate) fn read_unit_settings(path: &Path) -> Result<(UnitInfo, Settings), Diagnostic> {
    read_unit_toml(path).map(|t| (t.unit, t.settings))
}

/// Load a unit folder and run the model checks. Fails when anything is an error.
pub fn load(dir: &Path) -> Result<UnitDir, Failed> {
    let mut diags = Diagnostics::default();
    if !dir.is_dir() {
        return Err(Diagnostic::error(format!("`{}` is not a unit folder", dir.display()))
            .in_file(dir)
            .help("a unit folder holds unit.toml, targets.csv and budget.csv; create one with `attain import <table> --out <dir>`")
            .into());
    }
    let unit_path = dir.join(UNIT_FILE);
    let toml = match read_unit_toml(&unit_path) {
        Ok(t) => Some(t),
        Err(d) => {
            diags.push(d);
            None
        }
    };
    let mut sources = SourceMap::default();
    let indicators = read_targets(&dir.join(TARGETS_FILE), &mut sources, &mut diags);
    let lines = read_budget_lines(&dir.join(BUDGET_FILE), &mut sources, &mut diags);
    let Some(toml) = toml else {
        return Err(Failed(diags));
    };
    if diags.has_errors() {
        return Err(Failed(diags));
    }
    let model = Model::new(
        toml.unit,
        toml.settings,
        Budget {
            lines,
            income_total: toml.income.total,
            income: toml
                .income
                .sources
                .into_iter()
                .map(|s| IncomeSource {
                    name: s.name,
                    amount: s.amount,
                })
                .collect(),
            lookup: Default::default(),
        },
        indicators,
    );
    sources.set_part(Part::Settings, &unit_path);
    sources.set_part(Part::Income, &unit_path);
    sources.set_part(Part::Budget, &dir.join(BUDGET_FILE));
    sources.set_part(Part::Indicators, &dir.join(TARGETS_FILE));
    for c in model.check() {
        diags.push(sources.diagnostic(&c, &dir.join(TARGETS_FILE)));
    }
    if model.unit.year == 0 {
        diags.push(
            Diagnostic::error("unit.toml has no year")
                .in_file(&unit_path)
                .help("set `year = 2026` under [unit]"),
        );
    }
    if diags.has_errors() {
        return Err(Failed(diags));
    }
    Ok(UnitDir {
        dir: dir.to_path_buf(),
        model,
        sources,
        diagnostics: diags,
    })
}

/// The three files of a unit folder as text.
pub fn render_files(model: &Model) -> Vec<(&'static str, String)> {
    vec![
        (UNIT_FILE, render_unit_toml(model)),
        (TARGETS_FILE, render_targets(&model.indicators)),
        (BUDGET_FILE, render_budget(&model.budget)),
    ]
}

fn csv_string(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(&r);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

pub fn render_targets(indicators: &[Indicator]) -> String {
    let header: Vec<&str> = TARGET_COLUMNS.iter().map(|c| c.key).collect();
    csv_string(
        &header,
        indicators.iter().map(|i| {
            vec![
                i.id.0.clone(),
                i.level1.name().to_string(),
                i.level2.clone(),
                i.key_work.clone().unwrap_or_default(),
                i.name.clone(),
                i.h1.to_string(),
                i.fy.to_string(),
                i.weight.to_string(),
                i.measure.to_string(),
                i.rule.as_ref().map(ToString::to_string).unwrap_or_default(),
            ]
        }),
    )
}

pub fn render_budget(b: &Budget) -> String {
    let header: Vec<&str> = BUDGET_COLUMNS.iter().map(|c| c.key).collect();
    csv_string(
        &header,
        b.lines.iter().map(|l| {
            vec![
                l.name.clone(),
                l.parent.clone().unwrap_or_default(),
                l.h1_plan.to_string(),
                l.budget.to_string(),
            ]
        }),
    )
}

pub fn render_unit_toml(model: &Model) -> String {
    let t = UnitToml {
        unit: model.unit.clone(),
        income: IncomeToml {
            total: model.budget.income_total,
            sources: model
                .budget
                .income
                .iter()
                .map(|s| SourceToml {
                    name: s.name.clone(),
                    amount: s.amount,
                })
                .collect(),
        },
        settings: model.settings.clone(),
    };
    let body = toml::to_string_pretty(&t).unwrap_or_default();
    format!(
        "# attain unit file: the unit's facts, income by source and settings.\n\
         # Amounts are 万元 as quoted decimals. Settings follow DOMAIN.md; see the README.\n\n{body}"
    )
}

/// Write `files` into `dir` so that a reader never sees a half-written folder: a new
/// folder is built under a temporary name beside it and renamed into place; in an
/// existing folder each file is written to a temporary file and renamed over the old
/// one. Refuses to replace existing files unless `force`. Names are relative to `dir`;
/// contents are text or bytes (a PNG).
pub fn write_atomically<N: AsRef<str>, C: AsRef<[u8]>>(
    dir: &Path,
    files: &[(N, C)],
    force: bool,
) -> Result<(), Diagnostic> {
    let io = |e: std::io::Error, what: &Path| {
        Diagnostic::error(format!("cannot write: {e}"))
            .in_file(what)
            .help("check that the folder is writable and the disk is not full")
    };
    if dir.exists() {
        if !dir.is_dir() {
            return Err(Diagnostic::error("the output exists and is not a folder")
                .in_file(dir)
                .help("choose another --out"));
        }
        let existing: Vec<&str> = files
            .iter()
            .map(|(n, _)| n.as_ref())
            .filter(|n| dir.join(n).exists())
            .collect();
        if !existing.is_empty() && !force {
            return Err(Diagnostic::error(format!(
                "the folder already has {}; not replacing them",
                existing.join(", ")
            ))
            .in_file(dir)
            .help("pass --force to replace them (edits made to them are lost), or choose another --out"));
        }
        let mut temps = Vec::new();
        for (name, content) in files {
            let name = name.as_ref();
            let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| io(e, dir))?;
            std::io::Write::write_all(&mut tmp, content.as_ref())
                .map_err(|e| io(e, &dir.join(name)))?;
            // A temporary file is private (0600): reports go on shared drives.
            shared(tmp.path(), FILE_MODE).map_err(|e| io(e, &dir.join(name)))?;
            temps.push((tmp, dir.join(name)));
        }
        for (tmp, target) in temps {
            tmp.persist(&target).map_err(|e| io(e.error, &target))?;
        }
        return Ok(());
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| io(e, &parent))?;
    let tmp = tempfile::Builder::new()
        .prefix(".attain-")
        .tempdir_in(&parent)
        .map_err(|e| io(e, &parent))?;
    // A temporary folder is private (0700): open it up like a folder made by hand.
    shared(tmp.path(), DIR_MODE).map_err(|e| io(e, tmp.path()))?;
    for (name, content) in files {
        let p = tmp.path().join(name.as_ref());
        if let Some(d) = p.parent() {
            if !d.exists() {
                std::fs::create_dir_all(d).map_err(|e| io(e, d))?;
                shared(d, DIR_MODE).map_err(|e| io(e, d))?;
            }
        }
        std::fs::write(&p, content.as_ref()).map_err(|e| io(e, &p))?;
        shared(&p, FILE_MODE).map_err(|e| io(e, &p))?;
    }
    let tmp_path = tmp.keep();
    std::fs::rename(&tmp_path, dir).map_err(|e| {
        let _ = std::fs::remove_dir_all(&tmp_path);
        io(e, dir)
    })?;
    Ok(())
}

/// Unix permissions of written files (rw-r--r--) and new folders (rwxr-xr-x): others
/// on a shared drive may read the reports.
#[cfg(unix)]
const FILE_MODE: u32 = 0o644;
#[cfg(unix)]
const DIR_MODE: u32 = 0o755;
#[cfg(not(unix))]
const FILE_MODE: u32 = 0;
#[cfg(not(unix))]
const DIR_MODE: u32 = 0;

/// Give `path` the Unix permissions `mode` (nothing elsewhere).
fn shared(path: &Path, mode: u32) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = (path, mode);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Vec<Indicator>, Diagnostics) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(TARGETS_FILE);
        std::fs::write(&p, text).unwrap();
        let mut diags = Diagnostics::default();
        let out = read_targets(&p, &mut SourceMap::default(), &mut diags);
        (out, diags)
    }

    #[test]
    fn write_atomically_writes_bytes_into_new_and_existing_folders() {
        // Not UTF-8: a workbook's bytes must arrive unchanged.
        let bytes: Vec<u8> = vec![0x50, 0x4b, 0x03, 0x04, 0xff, 0x00, 0xfe];
        let t = tempfile::tempdir().unwrap();
        let dir = t.path().join("out");
        let files: Vec<(&str, Vec<u8>)> =
            vec![("a.xlsx", bytes.clone()), ("a.md", b"# a\n".to_vec())];
        write_atomically(&dir, &files, false).unwrap();
        assert_eq!(std::fs::read(dir.join("a.xlsx")).unwrap(), bytes);
        assert_eq!(std::fs::read_to_string(dir.join("a.md")).unwrap(), "# a\n");
        // Into the existing folder: refused without force, replaced with it.
        let again: Vec<(&str, Vec<u8>)> = vec![("a.xlsx", vec![1, 2, 3])];
        let err = write_atomically(&dir, &again, false).unwrap_err();
        assert!(err.message.contains("already has a.xlsx"), "{err}");
        assert_eq!(std::fs::read(dir.join("a.xlsx")).unwrap(), bytes);
        write_atomically(&dir, &again, true).unwrap();
        assert_eq!(std::fs::read(dir.join("a.xlsx")).unwrap(), [1, 2, 3]);
        // No temporary files are left behind.
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["a.md", "a.xlsx"]);
        let beside: Vec<_> = std::fs::read_dir(t.path()).unwrap().collect();
        assert_eq!(beside.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn written_files_and_new_folders_are_readable_by_others() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let t = tempfile::tempdir().unwrap();
        let dir = t.path().join("out");
        write_atomically(&dir, &[("a.md", "a"), ("charts/b.svg", "b")], false).unwrap();
        assert_eq!(mode(&dir), 0o755);
        assert_eq!(mode(&dir.join("charts")), 0o755);
        assert_eq!(mode(&dir.join("a.md")), 0o644);
        assert_eq!(mode(&dir.join("charts/b.svg")), 0o644);
        // Into the existing folder, new and replaced files alike.
        write_atomically(&dir, &[("a.md", "A"), ("c.json", "{}")], true).unwrap();
        assert_eq!(mode(&dir.join("a.md")), 0o644);
        assert_eq!(mode(&dir.join("c.json")), 0o644);
    }

    #[test]
    fn a_cell_beyond_the_header_is_an_error_not_dropped() {
        let t = tempfile::tempdir().unwrap();
        let p = t.path().join(BUDGET_FILE);
        // A comma in a name splits it; the row has five cells under four columns. A
        // trailing empty cell (as Excel writes) is no problem.
        std::fs::write(
            &p,
            "name,parent,h1_plan,budget\n基本支出,,290,592.56,\n项目支出,,48.99,142.99,备注\n",
        )
        .unwrap();
        let mut diags = Diagnostics::default();
        let lines = read_budget_lines(&p, &mut SourceMap::default(), &mut diags);
        assert_eq!(lines.len(), 1, "the bad row is not read");
        let errs: Vec<&Diagnostic> = diags.errors().collect();
        assert_eq!(errs.len(), 1, "{diags}");
        assert_eq!(
            errs[0].message,
            "this row has 5 cells but the header has 4: a comma inside the budget?"
        );
        assert_eq!((errs[0].line, errs[0].column), (Some(3), Some(20)));
        // A cell under an empty header cell is not read either: an error too.
        std::fs::write(&p, "name,,h1_plan,budget\n基本支出,x,290,592.56\n").unwrap();
        let mut diags = Diagnostics::default();
        let lines = read_budget_lines(&p, &mut SourceMap::default(), &mut diags);
        assert!(lines.is_empty());
        assert!(
            diags
                .errors()
                .any(|d| d.message.contains("a column without a header")),
            "{diags}"
        );
    }

    #[test]
    fn rule_column_round_trips() {
        let text = "\
id,level1,level2,key_work,name,h1_target,fy_target,weight,measure,rule
PRO-01,过程,预算管理,,预算调整率,=0%,=0%,3,latest,step:=0→3;≤10%→2;≤20%→1;≤30%→0.5;else→0
PRO-02,过程,预算管理,,在职人员控制率,≤100%,≤100%,2,latest,deduct:0.5/1%
PRO-03,过程,预算管理,,公用经费控制率,≤100%,≤100%,2,latest,
DEC-01,决策,计划制定,,中长期规划制定健全性,健全,健全,1.5,grade,tier:middle
";
        let (inds, diags) = read(text);
        assert!(diags.is_empty(), "{diags}");
        assert_eq!(inds.len(), 4);
        assert_eq!(inds[0].rule.as_ref().map(Rule::kind), Some("step"));
        assert_eq!(inds[2].rule, None);
        let rendered = render_targets(&inds);
        assert_eq!(rendered, text);
        assert_eq!(read(&rendered).0, inds);
    }

    #[test]
    fn rule_column_in_chinese_and_hand_written() {
        let text = "编号,一级指标,二级指标,三级指标,半年指标值,全年指标值,分值,取数方式,评分规则\n\
                    PRO-01,过程,预算管理,预算调整率,=0%,=0%,3,latest,阶梯: =0 -> 3 ； else→0\n";
        let (inds, diags) = read(text);
        assert!(diags.is_empty(), "{diags}");
        assert_eq!(
            inds[0].rule.as_ref().map(ToString::to_string).as_deref(),
            Some("step:=0→3;else→0")
        );
    }

    #[test]
    fn bad_rules_point_at_the_cell() {
        let text = "id,level1,level2,name,h1_target,fy_target,weight,measure,rule\n\
                    PRO-01,过程,预算管理,预算调整率,=0%,=0%,3,latest,step:10%→2\n\
                    DEC-01,决策,计划制定,规划健全性,健全,健全,1.5,grade,proportional\n";
        let (inds, diags) = read(text);
        assert!(inds.is_empty());
        let errs: Vec<&Diagnostic> = diags.errors().collect();
        assert_eq!(errs.len(), 2, "{diags}");
        assert!(
            errs[0].message.contains("needs a comparator"),
            "{}",
            errs[0]
        );
        assert_eq!((errs[0].line, errs[0].column), (Some(2), Some(39)));
        assert_eq!(errs[0].column_name.as_deref(), Some("rule"));
        assert!(
            errs[1].message.contains("needs a number target"),
            "{}",
            errs[1]
        );
    }
}
