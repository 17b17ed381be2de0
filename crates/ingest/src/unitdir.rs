//! The unit folder: `unit.toml`, `targets.csv`, `budget.csv` (and, read elsewhere,
//! `actuals/`). Reading with diagnostics that point at file, line and column (the CSV
//! schemas are in `csvtable`, atomic writing in `atomic`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use attain_core::{
    Budget, BudgetLine, Check, Decimal, IncomeSource, Indicator, IndicatorId, Level1, Measure,
    Model, Part, Rule, Settings, Target, UnitInfo,
};
use serde::{Deserialize, Serialize};

use crate::csvtable::{cell, decimal_cell, text_of};
use crate::diag::{Diagnostic, Diagnostics, Failed, Msg};
use crate::text;
use attain_core::msg::unit as msg;

// The CSV schema machinery and the atomic writer live in their own modules; these
// names stay reachable here for callers that knew them from the unit folder.
pub use crate::atomic::write_atomically;
pub use crate::csvtable::{map_header, month_in_year, stray_cell, Column, CsvTable};

pub const UNIT_FILE: &str = "unit.toml";
pub const TARGETS_FILE: &str = "targets.csv";
pub const BUDGET_FILE: &str = "budget.csv";

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
    /// 年初预算数
    #[serde(with = "attain_core::dec_serde")]
    amount: Decimal,
    /// 全年（调整）预算数, when adjusted during the year.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_dec")]
    adjusted: Option<Decimal>,
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

/// Read targets.csv.
pub fn read_targets(
    path: &Path,
    sources: &mut SourceMap,
    diags: &mut Diagnostics,
) -> Vec<Indicator> {
    read_targets_from(text::read_bytes(path).as_deref(), path, sources, diags)
}

/// [`read_targets`] on the file's bytes in memory (or why it could not be read); `path`
/// names it in diagnostics.
pub fn read_targets_from(
    bytes: Result<&[u8], &Diagnostic>,
    path: &Path,
    sources: &mut SourceMap,
    diags: &mut Diagnostics,
) -> Vec<Indicator> {
    let table = match bytes
        .map_err(Diagnostic::clone)
        .and_then(|b| CsvTable::from_bytes(b, path, TARGET_COLUMNS, diags))
    {
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
                row.point_row(
                    path,
                    Diagnostic::error(msg::row_truncated(row.cells.len(), header.cells.len())),
                )
                .help(msg::row_truncated_help()),
            );
            continue;
        }
        if id.is_empty() || name.is_empty() {
            let (c, message, help) = if id.is_empty() {
                ("id", msg::no_id(), msg::no_id_help())
            } else {
                ("name", msg::no_name(), msg::no_name_help())
            };
            let d = match cell(row, map, c) {
                Some(cl) => row.point(path, Diagnostic::error(message), cl, ""),
                None => row.point_row(path, Diagnostic::error(message)),
            };
            diags.push(d.help(help));
            continue;
        }
        if let Some(d) = invisible_in(row, map, &["id", "name", "level2", "key_work"], path, |k| {
            indicator_field(k)
        }) {
            diags.push(d);
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
                        row.at(
                            Diagnostic::error(attain_core::msg::target::malformed(
                                &c.text, e.message,
                            ))
                            .in_file(path),
                            c.column_of(&c.text) + e.offset,
                            part.chars().count(),
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
        let weight = match decimal_cell(row, map, "weight", path, msg::weight()) {
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
            Some(c) if !c.text.is_empty() => match c.text.parse::<Rule>() {
                Ok(r) => {
                    if let Some(Err(e)) = fy.as_ref().map(|fy| r.applies_to(fy)) {
                        diags.push(
                            row.point(path, Diagnostic::error(e), c, "")
                                .column_name("rule")
                                .help(msg::rule_help()),
                        );
                        ok = false;
                    }
                    Some(r)
                }
                Err(e) => {
                    diags.push(
                        row.point(
                            path,
                            Diagnostic::error(attain_core::msg::rule::malformed(e)),
                            c,
                            "",
                        )
                        .column_name("rule")
                        .help(msg::malformed_rule_help()),
                    );
                    ok = false;
                    None
                }
            },
            _ => None,
        };
        let level1_text = text_of(row, map, "level1");
        let Some(level1) = Level1::from_label(&level1_text) else {
            let c = cell(row, map, "level1");
            let d = match c {
                Some(c) => row.point(path, Diagnostic::error(msg::no_level1()), c, ""),
                None => row.point_row(path, Diagnostic::error(msg::no_level1())),
            };
            diags.push(d.help(msg::no_level1_help()));
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
    fold_duplicates(
        out.iter().map(|i| i.name.as_str()),
        sources,
        path,
        msg::names::indicator_name(),
        diags,
    );
    out
}

/// `indicator's {key}` (指标名称 …) for a column of targets.csv.
fn indicator_field(key: &str) -> Msg {
    use msg::names as n;
    match key {
        "id" => n::indicator_id(),
        "name" => n::indicators_name(),
        "level2" => n::indicator_level2(),
        "key_work" => n::indicator_key_work(),
        _ => n::indicator_field(key),
    }
}

/// `budget line's {key}` (预算项目名称 …) for a column of budget.csv.
pub(crate) fn line_field(key: &str) -> Msg {
    use msg::names as n;
    match key {
        "name" => n::lines_name(),
        "parent" => n::line_parent(),
        _ => n::line_field(key),
    }
}

/// An error for the first invisible character in the cells `keys` of `row`,
/// pointing at the character and naming its code point.
pub(crate) fn invisible_in(
    row: &crate::cells::Row,
    map: &BTreeMap<&'static str, usize>,
    keys: &[&str],
    path: &Path,
    what: fn(&str) -> Msg,
) -> Option<Diagnostic> {
    keys.iter().find_map(|k| {
        let c = cell(row, map, k)?;
        let (_, ch) = crate::names::invisible(&c.raw)?;
        let (message, help) = crate::names::invisible_message(what(k), &c.text, ch);
        let offset = c.raw.find(ch).map_or(0, |b| c.raw[..b].chars().count());
        let (line, column, text) = row.locate(c.column + offset);
        Some(
            Diagnostic::error(message)
                .in_file(path)
                .at(line, column, 1, &crate::names::visible(text))
                .column_name(*k)
                .help(help),
        )
    })
}

/// Errors for names that are one name once full-width and half-width forms are
/// folded, at the later name's line.
pub(crate) fn fold_duplicates<'a>(
    names: impl Iterator<Item = &'a str>,
    sources: &SourceMap,
    path: &Path,
    what: Msg,
    diags: &mut Diagnostics,
) {
    let lined = names.map(|n| (n, sources.get(n).map_or(0, |(_, l)| *l)));
    for ((later, line), (earlier, earlier_line)) in crate::names::fold_duplicates(lined) {
        let (message, help) =
            crate::names::fold_duplicate_message(what.clone(), later, earlier, earlier_line);
        diags.push(
            Diagnostic::error(message)
                .in_file(path)
                .at_line(line)
                .help(help),
        );
    }
}

/// Read budget.csv.
pub fn read_budget_lines(
    path: &Path,
    sources: &mut SourceMap,
    diags: &mut Diagnostics,
) -> Vec<BudgetLine> {
    read_budget_lines_from(text::read_bytes(path).as_deref(), path, sources, diags)
}

/// [`read_budget_lines`] on the file's bytes in memory (or why it could not be read); `path`
/// names it in diagnostics.
pub fn read_budget_lines_from(
    bytes: Result<&[u8], &Diagnostic>,
    path: &Path,
    sources: &mut SourceMap,
    diags: &mut Diagnostics,
) -> Vec<BudgetLine> {
    let table = match bytes
        .map_err(Diagnostic::clone)
        .and_then(|b| CsvTable::from_bytes(b, path, BUDGET_COLUMNS, diags))
    {
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
                row.point_row(path, Diagnostic::error(msg::line_without_name()))
                    .help(msg::line_without_name_help()),
            );
            continue;
        }
        if let Some(d) = invisible_in(row, map, &["name", "parent"], path, line_field) {
            diags.push(d);
            continue;
        }
        let h1 = decimal_cell(row, map, "h1_plan", path, msg::half_year_plan());
        let fy = decimal_cell(row, map, "budget", path, msg::full_year_budget());
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
    fold_duplicates(
        out.iter().map(|l| l.name.as_str()),
        sources,
        path,
        msg::names::line_name(),
        diags,
    );
    out
}

/// Where a TOML error is, as 1-based line and column.
pub(crate) fn toml_position(
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
    parse_unit_toml(&text::read_bytes(path)?, path)
}

fn parse_unit_toml(bytes: &[u8], path: &Path) -> Result<UnitToml, Diagnostic> {
    let t = text::decode(bytes, path)?;
    toml::from_str::<UnitToml>(&t.content).map_err(|e| {
        let d = Diagnostic::error(msg::unit_toml_unreadable(e.message().trim()))
            .in_file(path)
            .help(msg::unit_toml_help());
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
    if !dir.is_dir() {
        return Err(Diagnostic::error(msg::not_a_unit_folder(dir.display()))
            .in_file(dir)
            .help(msg::not_a_unit_folder_help())
            .into());
    }
    let read = |f: &str| text::read_bytes(&dir.join(f));
    load_from(
        dir,
        read(UNIT_FILE).as_deref(),
        read(TARGETS_FILE).as_deref(),
        read(BUDGET_FILE).as_deref(),
    )
}

/// [`load`] on the three files' bytes in memory: unit.toml, targets.csv and
/// budget.csv of the unit folder `dir` (which names them in diagnostics).
pub fn load_bytes(
    dir: &Path,
    unit_toml: &[u8],
    targets: &[u8],
    budget: &[u8],
) -> Result<UnitDir, Failed> {
    load_from(dir, Ok(unit_toml), Ok(targets), Ok(budget))
}

/// [`load`] on the three files' bytes, or why each could not be read.
fn load_from(
    dir: &Path,
    unit_toml: Result<&[u8], &Diagnostic>,
    targets: Result<&[u8], &Diagnostic>,
    budget: Result<&[u8], &Diagnostic>,
) -> Result<UnitDir, Failed> {
    UnitFiles::read(dir, unit_toml, targets, budget).load()
}

/// The three files of a unit folder, each read on its own: what [`load`] then puts
/// together into a model and checks. One file can be read again while the other two
/// stay as they were read (the fuzz targets of targets.csv and budget.csv do that for
/// every input).
#[derive(Debug, Clone)]
pub struct UnitFiles {
    dir: PathBuf,
    toml: Result<UnitToml, Diagnostic>,
    targets: FileRead<Vec<Indicator>>,
    budget: FileRead<Vec<BudgetLine>>,
}

/// One file as read: its content, where its entries came from, what was found.
#[derive(Debug, Clone)]
struct FileRead<T> {
    value: T,
    sources: SourceMap,
    diags: Diagnostics,
}

impl UnitFiles {
    fn read(
        dir: &Path,
        unit_toml: Result<&[u8], &Diagnostic>,
        targets: Result<&[u8], &Diagnostic>,
        budget: Result<&[u8], &Diagnostic>,
    ) -> UnitFiles {
        UnitFiles {
            dir: dir.to_path_buf(),
            toml: Self::read_toml(dir, unit_toml),
            targets: Self::read_targets(dir, targets),
            budget: Self::read_budget(dir, budget),
        }
    }

    fn read_toml(dir: &Path, bytes: Result<&[u8], &Diagnostic>) -> Result<UnitToml, Diagnostic> {
        bytes
            .map_err(Diagnostic::clone)
            .and_then(|b| parse_unit_toml(b, &dir.join(UNIT_FILE)))
    }

    fn read_targets(dir: &Path, bytes: Result<&[u8], &Diagnostic>) -> FileRead<Vec<Indicator>> {
        let (mut sources, mut diags) = (SourceMap::default(), Diagnostics::default());
        let value = read_targets_from(bytes, &dir.join(TARGETS_FILE), &mut sources, &mut diags);
        FileRead {
            value,
            sources,
            diags,
        }
    }

    fn read_budget(dir: &Path, bytes: Result<&[u8], &Diagnostic>) -> FileRead<Vec<BudgetLine>> {
        let (mut sources, mut diags) = (SourceMap::default(), Diagnostics::default());
        let value = read_budget_lines_from(bytes, &dir.join(BUDGET_FILE), &mut sources, &mut diags);
        FileRead {
            value,
            sources,
            diags,
        }
    }

    /// The three files' bytes in memory: unit.toml, targets.csv and budget.csv of the
    /// unit folder `dir` (which names them in diagnostics).
    pub fn from_bytes(dir: &Path, unit_toml: &[u8], targets: &[u8], budget: &[u8]) -> UnitFiles {
        UnitFiles::read(dir, Ok(unit_toml), Ok(targets), Ok(budget))
    }

    /// These files with unit.toml read from `bytes` instead.
    pub fn with_unit_toml(mut self, bytes: &[u8]) -> UnitFiles {
        self.toml = Self::read_toml(&self.dir, Ok(bytes));
        self
    }

    /// These files with targets.csv read from `bytes` instead.
    pub fn with_targets(mut self, bytes: &[u8]) -> UnitFiles {
        self.targets = Self::read_targets(&self.dir, Ok(bytes));
        self
    }

    /// These files with budget.csv read from `bytes` instead.
    pub fn with_budget(mut self, bytes: &[u8]) -> UnitFiles {
        self.budget = Self::read_budget(&self.dir, Ok(bytes));
        self
    }

    /// The files put together into the unit's model and checked, as [`load`] does.
    /// Fails when anything is an error.
    pub fn load(self) -> Result<UnitDir, Failed> {
        let UnitFiles {
            dir,
            toml,
            targets,
            budget,
        } = self;
        let dir = dir.as_path();
        let mut diags = Diagnostics::default();
        let unit_path = dir.join(UNIT_FILE);
        let toml = match toml {
            Ok(t) => Some(t),
            Err(d) => {
                diags.push(d);
                None
            }
        };
        let mut sources = SourceMap::default();
        for read in [targets.sources, budget.sources] {
            sources.places.extend(read.places);
            sources.parts.extend(read.parts);
        }
        diags.extend(targets.diags);
        diags.extend(budget.diags);
        let (indicators, lines) = (targets.value, budget.value);
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
                        adjusted: s.adjusted,
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
                Diagnostic::error(msg::no_year())
                    .in_file(&unit_path)
                    .help(msg::no_year_help()),
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
                    adjusted: s.adjusted,
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
    fn a_cell_beyond_the_header_is_an_error_not_dropped() {
        let t = tempfile::tempdir().unwrap();
        let p = t.path().join(BUDGET_FILE);
        // A comma in a name splits it; the row has five cells under four columns.
        std::fs::write(
            &p,
            "name,parent,h1_plan,budget\n基本支出,,290,592.56\n项目支出,,48.99,142.99,备注\n",
        )
        .unwrap();
        let mut diags = Diagnostics::default();
        let lines = read_budget_lines(&p, &mut SourceMap::default(), &mut diags);
        assert_eq!(lines.len(), 1, "the bad row is not read");
        let errs: Vec<&Diagnostic> = diags.errors().collect();
        assert_eq!(errs.len(), 1, "{diags}");
        assert_eq!(
            errs[0].message.en(),
            "this row has 5 cells but the header has 4: a comma inside the budget?"
        );
        assert_eq!((errs[0].line, errs[0].column), (Some(3), Some(20)));
        // A trailing empty cell is an error too: `1,290` would shift the same way.
        std::fs::write(&p, "name,parent,h1_plan,budget\n基本支出,,1,290,\n").unwrap();
        let mut diags = Diagnostics::default();
        let lines = read_budget_lines(&p, &mut SourceMap::default(), &mut diags);
        assert!(lines.is_empty());
        let errs: Vec<&Diagnostic> = diags.errors().collect();
        assert_eq!(
            errs[0].message.en(),
            "this row has 5 cells but the header has 4: 1 comma(s) too many at the end"
        );
        assert_eq!((errs[0].line, errs[0].column), (Some(2), Some(12)));
        // A cell under an empty header cell is not read either: an error too.
        std::fs::write(&p, "name,,h1_plan,budget\n基本支出,x,290,592.56\n").unwrap();
        let mut diags = Diagnostics::default();
        let lines = read_budget_lines(&p, &mut SourceMap::default(), &mut diags);
        assert!(lines.is_empty());
        assert!(
            diags
                .errors()
                .any(|d| d.message.en().contains("a column without a header")),
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
            errs[0].message.en().contains("needs a comparator"),
            "{}",
            errs[0]
        );
        assert_eq!((errs[0].line, errs[0].column), (Some(2), Some(39)));
        assert_eq!(errs[0].column_name.as_deref(), Some("rule"));
        assert!(
            errs[1].message.en().contains("needs a number target"),
            "{}",
            errs[1]
        );
    }
}
