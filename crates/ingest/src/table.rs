//! Import of a published 整体预算绩效目标表 (overall budget-performance target table),
//! pasted as tab-separated text from Word or a web page, or saved as CSV.
//!
//! Real tables are messy (DOMAIN.md §1): HTML tags inside cells, blank cells meaning
//! "as above", rows that lost leading tabs, and headers that do not match their rows.
//! The rules used here, none of them specific to one unit:
//!
//! * Unit facts are rows whose first cell is a known label (单位名称, 单位主要职能 …).
//! * The funds block starts at a row naming 资金 or 收入; a cell `收入` switches to
//!   income rows (label and one amount; 资金总额/合计 is the total) and a cell `支出` to
//!   expenditure rows (label, half-year plan, full-year budget, in that order).
//!   Expenditure lines other than 基本支出/项目支出 are children of the top-level line
//!   above them.
//! * An indicator header is a row with 一级指标 and 三级指标. Each indicator row ends
//!   with its two targets (half-year, full-year), so the row is anchored at its right
//!   end: a row that lost leading tabs still has its name next to its targets.
//! * A row whose first name cell is a first-level label (决策, 过程, 效益指标 …) opens a
//!   block; the number of name cells in that row is the block's layout (3: 一级 二级
//!   三级; 4: with 重点工作), whatever the header above says. Later rows of the block
//!   are right-aligned on that layout; an empty cell means "as above", and a new value
//!   at one level clears the levels below it.
//! * The columns after the names are placed by the header: 半年指标值, 全年指标值 (or an
//!   annual-only 指标值 / *指标值), 指标性质 (a comparator column), 计量单位 (a unit
//!   column that completes a bare number), 分值 and 备注. A row that lost its trailing
//!   tabs (no remark) is read with its remark empty. Any other column is refused by
//!   name.
//! * A row that is only a page number (`— 2 —`, a bare `2`) and the indicator header
//!   repeated on a later page are skipped with a note.
//! * Targets are read by the grammar of `attain_core::target` (words, entities,
//!   qualifiers, ratios, dates).

use std::path::Path;

use attain_core::indicator::generate_ids;
use attain_core::target::{parse_decimal_prefix, QUALITATIVE_WORDS};
use attain_core::weights::{default_weights, WeightProfile};
use attain_core::{
    Budget, BudgetLine, Comparator, Decimal, IncomeSource, Indicator, IndicatorId, Level1, Measure,
    Target, UnitInfo,
};

use crate::cells::{csv_rows, tsv_rows, Cell, Row};
use crate::diag::{Diagnostic, Diagnostics, Failed};
use attain_core::msg::import as cat;

/// What an import yields: the model parts and where each indicator came from.
#[derive(Debug, Clone)]
pub struct ImportedTable {
    pub unit: UnitInfo,
    pub budget: Budget,
    pub indicators: Vec<Indicator>,
    /// Source line of each indicator, parallel to `indicators`.
    pub indicator_lines: Vec<usize>,
    /// Source line of each budget line, parallel to `budget.lines`.
    pub budget_lines: Vec<usize>,
    /// Warnings and notes (errors make the import fail).
    pub diagnostics: Diagnostics,
}

/// Import table text; `path` is only used in diagnostics and to tell CSV from TSV.
pub fn import_text(content: &str, path: &Path, year: Option<u16>) -> Result<ImportedTable, Failed> {
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
        || (!content.contains('\t') && content.contains(','));
    let rows = if is_csv {
        csv_rows(content, path)?
    } else {
        tsv_rows(content)
    };
    import_rows(&rows, path, year)
}

/// Import a table already split into rows of cells (from text, CSV or a workbook);
/// `path` names the source in diagnostics.
pub fn import_rows(rows: &[Row], path: &Path, year: Option<u16>) -> Result<ImportedTable, Failed> {
    let mut p = Parser {
        path,
        diags: Diagnostics::default(),
        unit: UnitInfo::default(),
        budget: Budget::default(),
        budget_lines: Vec::new(),
        raw: Vec::new(),
        raw_by_name: std::collections::HashMap::new(),
        section: Section::Preamble,
        header_levels: None,
        header_width: 0,
        values: ValueColumns::classic(),
        header_text: None,
        remarks: Vec::new(),
        block: None,
    };
    for row in rows {
        if !row.is_blank() {
            p.row(row);
        }
    }
    p.finish(year)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Preamble,
    Income,
    Expenditure,
    Indicators,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    L1,
    L2,
    KeyWork,
    L3,
}

impl Level {
    fn name(self) -> &'static str {
        match self {
            Level::L1 => "一级指标",
            Level::L2 => "二级指标",
            Level::KeyWork => "重点工作",
            Level::L3 => "三级指标",
        }
    }
}

#[derive(Debug, Clone)]
struct Block {
    layout: Vec<Level>,
    level1: Level1,
    level2: String,
    key_work: Option<String>,
}

/// An indicator as read, before ids and weights.
#[derive(Debug, Clone)]
struct RawIndicator {
    level1: Level1,
    level2: String,
    key_work: Option<String>,
    name: String,
    h1: Target,
    fy: Target,
    /// 分值, when the table has that column.
    weight: Option<Decimal>,
    line: usize,
}

struct Parser<'a> {
    path: &'a Path,
    diags: Diagnostics,
    unit: UnitInfo,
    budget: Budget,
    budget_lines: Vec<usize>,
    raw: Vec<RawIndicator>,
    /// Position in `raw` by name, for the duplicate-name check.
    raw_by_name: std::collections::HashMap<String, usize>,
    section: Section,
    header_levels: Option<(Vec<Level>, usize)>,
    /// The columns after the names, as the header places them.
    values: ValueColumns,
    /// The number of cells of the header row.
    header_width: usize,
    /// The header's cells, to recognise it repeated on a later page.
    header_text: Option<Vec<String>>,
    /// Lines whose 备注 cell is not empty (not imported; said in a note).
    remarks: Vec<usize>,
    block: Option<Block>,
}

/// What a column after the indicator names holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ValueKind {
    /// 半年指标值
    H1,
    /// 全年指标值, 年度指标值, (*)指标值
    Fy,
    /// 指标性质 / 比较符: the comparator in its own column (`≥`).
    Comparator,
    /// 计量单位 / 度量单位
    Unit,
    /// 分值 / 权重
    Weight,
    /// 备注 / 说明: not imported.
    Remark,
}

impl ValueKind {
    fn of(header: &str) -> Option<ValueKind> {
        let h = header.trim().trim_start_matches(['*', '＊']).trim();
        Some(match h {
            "半年指标值" | "半年目标值" | "1-6月指标值" => ValueKind::H1,
            "全年指标值" | "年度指标值" | "指标值" | "全年目标值" | "年度目标值" | "目标值" => {
                ValueKind::Fy
            }
            "指标性质" | "比较符" | "运算符号" => ValueKind::Comparator,
            "计量单位" | "度量单位" | "单位" => ValueKind::Unit,
            "分值" | "权重" => ValueKind::Weight,
            "备注" | "说明" => ValueKind::Remark,
            _ => return None,
        })
    }
}

/// The value columns of the header, in order, with their names as written.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ValueColumns(Vec<(ValueKind, String)>);

impl ValueColumns {
    /// 半年指标值 and 全年指标值 only: the layout rows are read by their right end.
    fn classic() -> Self {
        ValueColumns(vec![
            (ValueKind::H1, "半年指标值".into()),
            (ValueKind::Fy, "全年指标值".into()),
        ])
    }

    fn is_classic(&self) -> bool {
        self.0.iter().map(|(k, _)| *k).collect::<Vec<_>>() == [ValueKind::H1, ValueKind::Fy]
    }

    fn position(&self, kind: ValueKind) -> Option<usize> {
        self.0.iter().position(|(k, _)| *k == kind)
    }
}

const FACT_LABELS: &[&str] = &[
    "单位名称",
    "部门名称",
    "单位主要职能",
    "部门主要职能",
    "主要职能",
    "机构设置及人员配置",
    "人员配置",
    "中长期目标",
    "年度目标",
    "年度绩效目标",
];

/// A four-digit year followed by 年 in `s`.
pub(crate) fn find_year(s: &str) -> Option<u16> {
    let chars: Vec<char> = s.chars().collect();
    chars.windows(5).find_map(|w| {
        (w[..4].iter().all(char::is_ascii_digit) && w[4] == '年')
            .then(|| w[..4].iter().collect::<String>().parse().ok())
            .flatten()
            .filter(|y| (2000..2100).contains(y))
    })
}

/// Does a cell look like a target (rather than a name)? Anything the target grammar
/// reads as a number, ratio or date (in symbols or words), a usual qualitative word,
/// or a cell that starts like one.
fn looks_like_target(text: &str) -> bool {
    let t = text.trim();
    t.is_empty()
        || matches!(t, "/" | "／" | "—" | "-" | "——")
        || Comparator::parse_prefix(t).is_some()
        || t.chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        || QUALITATIVE_WORDS.contains(&t)
        || matches!(Target::parse(t), Ok(p) if matches!(p.target, Target::Quantitative { .. }))
}

/// A row that is only a page number: `— 2 —`, `- 2 -`, `第2页`, `第 2 页 共 5 页`, or a
/// bare `2` alone in its row. Returns the text.
fn page_number(row: &Row) -> Option<String> {
    let mut cells = row.non_empty();
    let only = cells.next()?;
    if cells.next().is_some() {
        return None;
    }
    let t = only.text.trim();
    let core = t
        .trim_matches(|c: char| matches!(c, '—' | '-' | '－' | '–' | ' ' | '\u{3000}'))
        .trim();
    let core = core
        .strip_prefix('第')
        .and_then(|r| r.split('页').next())
        .unwrap_or(core)
        .trim();
    // A bare number is a page number only alone on its line (no tab): a funds row that
    // lost its label keeps its tabs and stays an error.
    let dashed = core.len() < t.len() || t.starts_with('第');
    let digits = !core.is_empty()
        && (dashed || row.cells.len() == 1)
        && core.len() <= 3
        && core
            .chars()
            .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    digits.then(|| t.to_string())
}

/// A target cell completed by the table's 指标性质 (comparator) and 计量单位 columns:
/// `90` with `≥` and `%` is `≥90%`. A cell that already has its comparator or unit, a
/// word or `/` is left as it is.
pub(crate) fn with_columns(target: &str, cmp: Option<&str>, unit: Option<&str>) -> String {
    let t = target.trim();
    if !t
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        return t.to_string();
    }
    let mut out = String::new();
    let has_cmp = Comparator::parse_prefix(t).is_some()
        || !t
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    // 指标性质 may also say the direction in words.
    let cmp = cmp.map(str::trim).map(|c| match c {
        "正向" | "正向指标" => "≥",
        "反向" | "反向指标" => "≤",
        "定性" | "定量" | "定性指标" | "定量指标" => "",
        other => other,
    });
    if let Some(c) = cmp.filter(|c| !c.is_empty() && !has_cmp) {
        out.push_str(c);
    }
    out.push_str(t);
    let bare = matches!(Target::parse(t), Ok(p) if p.target.unit().is_some_and(|u| u.is_empty()) && !p.target.is_ratio() && !p.target.is_date());
    if let Some(u) = unit.map(str::trim).filter(|u| !u.is_empty() && bare) {
        out.push_str(if u == "百分比" { "%" } else { u });
    }
    out
}

impl Parser<'_> {
    fn err(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    fn row(&mut self, row: &Row) {
        if let Some(page) = page_number(row) {
            let d = Diagnostic::note(cat::page_number(&page))
                .in_file(self.path)
                .at_line(row.line);
            self.diags.push(d);
            return;
        }
        let first = row
            .non_empty()
            .next()
            .map(|c| c.text.clone())
            .unwrap_or_default();
        if self.unit.year == 0 && self.section == Section::Preamble {
            if let Some(y) = row.non_empty().find_map(|c| find_year(&c.text)) {
                if row.non_empty().count() == 1 || first.ends_with("年度") {
                    self.unit.year = y;
                }
            }
        }
        // An indicator header row.
        let texts: Vec<&str> = row.cells.iter().map(|c| c.text.as_str()).collect();
        if texts.contains(&"一级指标") && texts.iter().any(|t| t.starts_with("三级指标")) {
            self.header(row);
            return;
        }
        if self.section != Section::Indicators {
            if let Some(label) = FACT_LABELS.iter().find(|l| first == **l) {
                self.fact(row, label);
                return;
            }
            if texts.contains(&"收入") {
                self.section = Section::Income;
                return;
            }
            if texts.contains(&"支出") {
                self.section = Section::Expenditure;
                return;
            }
            if first.contains("资金") && first.contains("万元") {
                self.section = Section::Income;
                return;
            }
        }
        match self.section {
            Section::Income => self.income(row),
            Section::Expenditure => self.expenditure(row),
            Section::Indicators => self.indicator(row),
            Section::Preamble => {}
        }
    }

    fn fact(&mut self, row: &Row, label: &str) {
        let value: Vec<&str> = row.non_empty().skip(1).map(|c| c.text.as_str()).collect();
        let value = value.join("\n");
        match label {
            "单位名称" | "部门名称" => self.unit.name = value,
            "单位主要职能" | "部门主要职能" | "主要职能" => {
                self.unit.functions = value.lines().map(str::to_string).collect();
            }
            "机构设置及人员配置" | "人员配置" => self.unit.staffing = value,
            "中长期目标" => self.unit.long_term_goal = value,
            _ => self.unit.annual_goal = value,
        }
    }

    /// Amount cells of a funds row, with the label (first non-numeric cell).
    fn amounts<'r>(&mut self, row: &'r Row) -> Option<(&'r Cell, Vec<Decimal>)> {
        let mut label = None;
        let mut amounts = Vec::new();
        for c in row.non_empty() {
            let t = c.text.as_str();
            match parse_decimal_prefix(t) {
                Some((d, n)) if n == t.len() => amounts.push(d),
                Some(_) if label.is_some() => {
                    let d = row.point(self.path, Diagnostic::error(cat::not_an_amount(t)), c, t);
                    self.err(d.help(cat::amount_help()));
                    return None;
                }
                _ if label.is_none() => label = Some(c),
                _ => {
                    if !matches!(t, "—" | "-" | "/") {
                        let d =
                            row.point(self.path, Diagnostic::error(cat::not_an_amount(t)), c, t);
                        self.err(d.help(cat::amount_or_none_help()));
                        return None;
                    }
                    amounts.push(Decimal::ZERO);
                }
            }
        }
        match label {
            Some(l) => Some((l, amounts)),
            None => {
                let d = row.point_row(self.path, Diagnostic::error(cat::funds_row_without_name()));
                self.err(d.help(cat::funds_row_without_name_help()));
                None
            }
        }
    }

    fn income(&mut self, row: &Row) {
        let Some((label, amounts)) = self.amounts(row) else {
            return;
        };
        let name = label.text.clone();
        if amounts.len() > 1 {
            let d = row.point_row(
                self.path,
                Diagnostic::error(cat::income_amounts(&name, amounts.len())),
            );
            self.err(d.help(cat::income_amounts_help()));
            return;
        }
        // A label without an amount (a sub-heading) carries nothing.
        let Some(&amount) = amounts.first() else {
            return;
        };
        if matches!(
            name.as_str(),
            "资金总额" | "合计" | "总计" | "收入合计" | "年度资金总额"
        ) {
            self.budget.income_total = Some(amount);
        } else {
            self.budget.income.push(IncomeSource {
                name,
                amount,
                adjusted: None,
            });
        }
    }

    fn expenditure(&mut self, row: &Row) {
        let Some((label, amounts)) = self.amounts(row) else {
            return;
        };
        let name = label.text.clone();
        let (h1_plan, budget) = match amounts.as_slice() {
            [h1, fy] => (*h1, *fy),
            _ => {
                let d = row.point_row(
                    self.path,
                    Diagnostic::error(cat::expenditure_amounts(&name, amounts.len())),
                );
                self.err(d.help(cat::expenditure_amounts_help()));
                return;
            }
        };
        let parent = if attain_core::budget::TOP_LEVEL_CATEGORIES.contains(&name.as_str()) {
            None
        } else {
            self.budget
                .lines
                .iter()
                .rev()
                .find(|l| l.parent.is_none())
                .map(|l| l.name.clone())
        };
        self.budget.lines.push(BudgetLine {
            name,
            parent,
            h1_plan,
            budget,
        });
        self.budget_lines.push(row.line);
    }

    fn header(&mut self, row: &Row) {
        let texts: Vec<String> = row.non_empty().map(|c| c.text.clone()).collect();
        if self.header_text.as_ref() == Some(&texts) {
            let d = Diagnostic::note(cat::header_repeated(
                self.header_levels.as_ref().map_or(0, |h| h.1),
            ))
            .in_file(self.path)
            .at_line(row.line);
            self.diags.push(d);
            return;
        }
        self.header_text = Some(texts);
        self.section = Section::Indicators;
        let levels: Vec<Level> = row
            .non_empty()
            .filter_map(|c| match c.text.as_str() {
                "一级指标" => Some(Level::L1),
                "二级指标" => Some(Level::L2),
                "重点工作" | "重点工作任务" => Some(Level::KeyWork),
                t if t.starts_with("三级指标") => Some(Level::L3),
                _ => None,
            })
            .collect();
        self.header_levels = Some((levels, row.line));
        // The columns after the names, placed by the header: targets (半年, 全年 or
        // an annual-only 指标值), a comparator or unit column, 分值, 备注. A column
        // attain cannot read would shift every row, so it is refused by name.
        let cells: Vec<&Cell> = row.non_empty().collect();
        let after = cells
            .iter()
            .rposition(|c| {
                c.text.starts_with("三级指标")
                    || matches!(c.text.as_str(), "二级指标" | "重点工作" | "重点工作任务")
            })
            .map_or(0, |i| i + 1);
        let mut values: Vec<(ValueKind, String)> = Vec::new();
        let mut ok = true;
        for c in &cells[after..] {
            match ValueKind::of(&c.text) {
                Some(k) if values.iter().all(|(v, _)| *v != k) => values.push((k, c.text.clone())),
                _ => {
                    ok = false;
                    let d = row.point(
                        self.path,
                        Diagnostic::error(cat::unreadable_column(&c.text)),
                        c,
                        "",
                    );
                    self.err(d.help(cat::unreadable_column_help()));
                }
            }
        }
        if ok && !values.iter().any(|(k, _)| *k == ValueKind::Fy) {
            let d = row.point_row(self.path, Diagnostic::error(cat::no_full_year_column()));
            self.err(d.help(cat::no_full_year_column_help()));
            ok = false;
        }
        if ok {
            let values = ValueColumns(values);
            if values.position(ValueKind::H1).is_none() {
                let d = Diagnostic::note(cat::no_half_year_column())
                    .in_file(self.path)
                    .at_line(row.line)
                    .help(cat::no_half_year_column_help());
                self.diags.push(d);
            }
            self.values = values;
        }
        self.header_width = row.trimmed().len();
    }

    /// The name cells, the two targets and the weight of an indicator row, by the
    /// header's value columns. `None` after an error.
    fn split_row(&mut self, row: &Row) -> Option<(Vec<Cell>, Cell, Cell, Option<Decimal>)> {
        let truncated = |p: &mut Self| {
            let d = row.point_row(p.path, Diagnostic::error(cat::row_truncated()));
            p.err(d.help(cat::row_truncated_help()));
        };
        if self.values.is_classic() {
            let cells = row.trimmed();
            if cells.len() < 3 {
                truncated(self);
                return None;
            }
            let n = cells.len();
            return Some((
                cells[..n - 2].to_vec(),
                cells[n - 2].clone(),
                cells[n - 1].clone(),
                None,
            ));
        }
        // By the header: the row's last cells are the value columns (a row that lost
        // leading tabs keeps its right end); empty cells beyond the header's width are
        // dropped. A row pasted without its trailing tabs lacks its empty 备注 cells:
        // when the right end does not hold targets, it is read with them added.
        let mut capped: Vec<Cell> = row.cells.clone();
        while capped.len() > self.header_width.max(row.trimmed().len()) {
            capped.pop();
        }
        let m = self.values.0.len();
        let fy_at = self.values.position(ValueKind::Fy).unwrap_or(0);
        let trailing_remarks = self.values.0[fy_at + 1..]
            .iter()
            .all(|(k, _)| *k == ValueKind::Remark);
        let h1_at = self.values.position(ValueKind::H1);
        // The value columns hold targets and the cell before them is a name.
        let holds_targets = |cells: &[Cell]| {
            if cells.len() <= m {
                return false;
            }
            let vals = &cells[cells.len() - m..];
            let name = cells[..cells.len() - m]
                .iter()
                .rev()
                .find(|c| !c.is_empty());
            looks_like_target(&vals[fy_at].text)
                && !vals[fy_at].is_empty()
                && h1_at.is_none_or(|i| looks_like_target(&vals[i].text))
                && name.is_some_and(|c| !looks_like_target(&c.text))
        };
        let cells: Vec<Cell> = if trailing_remarks && fy_at + 1 < m {
            let mut padded = row.trimmed().to_vec();
            for _ in fy_at + 1..m {
                padded.push(Cell {
                    text: String::new(),
                    raw: String::new(),
                    column: row.source.chars().count() + 1,
                });
            }
            let trimmed = row.trimmed().to_vec();
            if holds_targets(&padded) {
                padded
            } else if holds_targets(&trimmed) {
                trimmed
            } else if holds_targets(&capped) {
                capped
            } else {
                padded
            }
        } else {
            capped
        };
        if cells.len() < m + 1 || row.trimmed().len() + 1 < m {
            truncated(self);
            return None;
        }
        let vals = &cells[cells.len() - m..];
        let get = |k: ValueKind| self.values.position(k).map(|i| &vals[i]);
        let mut weight = None;
        if let Some(c) = get(ValueKind::Weight) {
            match attain_core::target::parse_decimal(&c.text) {
                Some(w) => weight = Some(w),
                None => {
                    let d = row.point(
                        self.path,
                        Diagnostic::error(cat::not_a_weight(&c.text)),
                        c,
                        "",
                    );
                    self.err(d.column_name("分值").help(cat::weight_help()));
                    return None;
                }
            }
        }
        if get(ValueKind::Remark).is_some_and(|c| !c.is_empty()) {
            self.remarks.push(row.line);
        }
        let cmp = get(ValueKind::Comparator).map(|c| c.text.clone());
        let unit = get(ValueKind::Unit).map(|c| c.text.clone());
        let compose = |c: &Cell| -> Cell {
            let mut out = c.clone();
            out.text = with_columns(&c.text, cmp.as_deref(), unit.as_deref());
            out
        };
        let fy = compose(get(ValueKind::Fy)?);
        let h1 = match get(ValueKind::H1) {
            Some(c) => compose(c),
            None => Cell {
                text: "/".into(),
                raw: String::new(),
                column: fy.column,
            },
        };
        Some((cells[..cells.len() - m].to_vec(), h1, fy, weight))
    }

    fn indicator(&mut self, row: &Row) {
        let Some((names, h1_cell, fy_cell, weight)) = self.split_row(row) else {
            return;
        };
        let (h1_cell, fy_cell) = (&h1_cell, &fy_cell);
        if !looks_like_target(&h1_cell.text) {
            let msg = if looks_like_target(&fy_cell.text) {
                cat::only_one_target(&h1_cell.text, &fy_cell.text)
            } else {
                cat::no_targets(&h1_cell.text, &fy_cell.text)
            };
            let d = row.point(self.path, Diagnostic::error(msg), h1_cell, "");
            self.err(d.help(cat::targets_help()));
            return;
        }
        if !looks_like_target(&fy_cell.text) && !self.values.is_classic() {
            let d = row.point(
                self.path,
                Diagnostic::error(cat::not_a_target(
                    &fy_cell.text,
                    &self.values.0[self.values.position(ValueKind::Fy).unwrap_or(0)].1,
                )),
                fy_cell,
                "",
            );
            self.err(d.help(cat::not_a_target_help()));
            return;
        }
        let mut prefix: &[Cell] = &names;
        while prefix.last().is_some_and(Cell::is_empty) {
            prefix = &prefix[..prefix.len() - 1];
        }
        if prefix.is_empty() {
            let d = row.point_row(self.path, Diagnostic::error(cat::targets_without_name()));
            self.err(d.help(cat::targets_without_name_help()));
            return;
        }
        let opens_block = Level1::is_known_label(&prefix[0].text)
            || (self.block.is_none() && !prefix[0].is_empty());
        if opens_block {
            let n = prefix.len();
            let layout = match (n, &self.header_levels) {
                (n, Some((h, _)))
                    if h.len() == n
                        && h.first() == Some(&Level::L1)
                        && h.last() == Some(&Level::L3) =>
                {
                    h.clone()
                }
                (3, _) => vec![Level::L1, Level::L2, Level::L3],
                (4, _) => vec![Level::L1, Level::L2, Level::KeyWork, Level::L3],
                (2, _) => vec![Level::L1, Level::L3],
                _ => {
                    let d = row.point_row(
                        self.path,
                        Diagnostic::error(cat::block_name_cells(&prefix[0].text, n)),
                    );
                    self.err(d.help(cat::split_or_merged_help()));
                    return;
                }
            };
            if let Some((h, hline)) = &self.header_levels {
                if *h != layout {
                    let names =
                        |ls: &[Level]| ls.iter().map(|l| l.name()).collect::<Vec<_>>().join(" ");
                    let d = Diagnostic::note(cat::layout_differs(
                        hline,
                        names(h),
                        &prefix[0].text,
                        names(&layout),
                    ))
                    .in_file(self.path)
                    .at_line(row.line);
                    self.diags.push(d);
                }
            }
            self.block = Some(Block {
                layout,
                level1: Level1::from_label(&prefix[0].text)
                    .unwrap_or(Level1::Other(prefix[0].text.clone())),
                level2: String::new(),
                key_work: None,
            });
        }
        let Some(block) = self.block.as_mut() else {
            let d = row.point_row(self.path, Diagnostic::error(cat::row_before_level1()));
            self.err(d.help(cat::row_before_level1_help()));
            return;
        };
        let k = prefix.len();
        if k > block.layout.len() {
            let d = row.point_row(
                self.path,
                Diagnostic::error(cat::too_many_name_cells(k, block.layout.len())),
            );
            self.err(d.help(cat::split_or_tab_help()));
            return;
        }
        let offset = block.layout.len() - k;
        let mut name_cell = None;
        for (cell, level) in prefix.iter().zip(&block.layout[offset..]) {
            if cell.is_empty() {
                continue;
            }
            match level {
                Level::L1 => {
                    if let Some(l) = Level1::from_label(&cell.text) {
                        block.level1 = l;
                    }
                    block.level2.clear();
                    block.key_work = None;
                }
                Level::L2 => {
                    block.level2 = cell.text.clone();
                    block.key_work = None;
                }
                Level::KeyWork => block.key_work = Some(cell.text.clone()),
                Level::L3 => name_cell = Some(cell),
            }
        }
        let Some(name_cell) = name_cell else {
            let d = row.point_row(self.path, Diagnostic::error(cat::no_level3_name()));
            self.err(d.help(cat::no_level3_name_help()));
            return;
        };
        // A cell pasted with a line break inside keeps one name.
        let name = name_cell.text.replace('\n', "");
        if matches!(Target::parse(&name), Ok(p) if matches!(p.target, Target::Quantitative { explicit: true, .. }))
        {
            let d = row.point(
                self.path,
                Diagnostic::error(cat::name_like_target(&name)),
                name_cell,
                "",
            );
            self.err(d.help(cat::name_like_target_help()));
            return;
        }
        if block.level2.is_empty() {
            let d = row.point(
                self.path,
                Diagnostic::warning(cat::no_level2(&name_cell.text)),
                name_cell,
                "",
            );
            self.diags.push(d.help(cat::no_level2_help()));
        }
        let (level1, level2, key_work) = (
            block.level1.clone(),
            block.level2.clone(),
            block.key_work.clone(),
        );
        let column = |k: ValueKind, default: &str| {
            self.values
                .position(k)
                .map_or(default.to_string(), |i| self.values.0[i].1.clone())
        };
        let (h1_name, fy_name) = (
            column(ValueKind::H1, "半年指标值"),
            column(ValueKind::Fy, "全年指标值"),
        );
        let h1 = self.target(row, h1_cell, &h1_name);
        let fy = self.target(row, fy_cell, &fy_name);
        let (Some(h1), Some(fy)) = (h1, fy) else {
            return;
        };
        if !fy.is_applicable() {
            let d = row.point(
                self.path,
                Diagnostic::note(cat::no_full_year_target(&name_cell.text)),
                fy_cell,
                "",
            );
            self.diags.push(d);
        }
        if let Some(prev) = self.raw_by_name.get(&name).map(|&k| &self.raw[k]) {
            let d = row
                .point(
                    self.path,
                    Diagnostic::error(cat::indicator_twice(&name)),
                    name_cell,
                    "",
                )
                .related(cat::first_place(
                    format!("{}:{}", self.path.display(), prev.line),
                    &prev.level1,
                    &prev.level2,
                ))
                .help(cat::indicator_twice_help());
            self.err(d);
            return;
        }
        self.raw_by_name.insert(name.clone(), self.raw.len());
        self.raw.push(RawIndicator {
            level1,
            level2,
            key_work,
            name,
            h1,
            fy,
            weight,
            line: row.line,
        });
    }

    fn target(&mut self, row: &Row, cell: &Cell, column: &str) -> Option<Target> {
        match Target::parse(&cell.text) {
            Ok(p) => {
                for w in p.warnings {
                    let d = row
                        .point(self.path, Diagnostic::warning(w), cell, "")
                        .column_name(column);
                    self.diags.push(d);
                }
                Some(p.target)
            }
            Err(e) => {
                let part: String = cell.text.chars().skip(e.offset).take(e.len).collect();
                let base = cell.column_of(&cell.text);
                let d = row
                    .point_at(
                        self.path,
                        Diagnostic::error(attain_core::msg::target::malformed(
                            &cell.text, e.message,
                        )),
                        cell,
                        base - cell.column + e.offset,
                        part.chars().count(),
                    )
                    .column_name(column)
                    .help(e.help);
                self.err(d);
                None
            }
        }
    }

    fn finish(mut self, year: Option<u16>) -> Result<ImportedTable, Failed> {
        if let Some(y) = year {
            if self.unit.year != 0 && self.unit.year != y {
                self.diags.push(
                    Diagnostic::warning(cat::year_differs(self.unit.year, y))
                        .in_file(self.path)
                        .help(cat::year_differs_help()),
                );
            }
            self.unit.year = y;
        }
        if self.unit.year == 0 {
            self.err(
                Diagnostic::error(cat::no_year())
                    .in_file(self.path)
                    .help(cat::no_year_help()),
            );
        }
        if self.unit.name.is_empty() {
            self.diags.push(
                Diagnostic::warning(cat::no_unit_name())
                    .in_file(self.path)
                    .help(cat::no_unit_name_help()),
            );
        }
        if self.raw.is_empty() && !self.diags.has_errors() {
            self.err(
                Diagnostic::error(cat::no_indicator_rows())
                    .in_file(self.path)
                    .help(cat::no_indicator_rows_help()),
            );
        }
        if !self.remarks.is_empty() {
            self.diags.push(
                Diagnostic::note(cat::remarks_not_imported(attain_core::msg::list(
                    &self.remarks,
                )))
                .in_file(self.path)
                .help(cat::remarks_not_imported_help()),
            );
        }
        if self.diags.has_errors() {
            return Err(Failed(self.diags));
        }
        // A date without a year (`12月底前`) is in the table's year.
        let year = self.unit.year;
        for r in &mut self.raw {
            r.h1 = std::mem::replace(&mut r.h1, Target::NotApplicable).in_year(year);
            r.fy = std::mem::replace(&mut r.fy, Target::NotApplicable).in_year(year);
        }
        let level1s: Vec<Level1> = self.raw.iter().map(|r| r.level1.clone()).collect();
        let ids: Vec<IndicatorId> = generate_ids(&level1s);
        let mut indicators: Vec<Indicator> = self
            .raw
            .iter()
            .zip(ids)
            .map(|(r, id)| Indicator {
                id,
                level1: r.level1.clone(),
                level2: r.level2.clone(),
                key_work: r.key_work.clone(),
                measure: Measure::infer(&r.name, &r.fy),
                name: r.name.clone(),
                h1: r.h1.clone(),
                fy: r.fy.clone(),
                weight: Decimal::ZERO,
                rule: None,
            })
            .collect();
        // The table's own 分值 when it has them, else the default profile's.
        let weights: Vec<Decimal> = match self
            .raw
            .iter()
            .map(|r| r.weight)
            .collect::<Option<Vec<_>>>()
        {
            Some(w) => w,
            None => {
                let profile = WeightProfile::for_blocks(indicators.iter().map(|i| &i.level1));
                default_weights(&indicators, &profile)
            }
        };
        for (i, w) in indicators.iter_mut().zip(weights) {
            i.weight = w;
        }
        Ok(ImportedTable {
            unit: self.unit,
            budget: self.budget,
            indicator_lines: self.raw.iter().map(|r| r.line).collect(),
            indicators,
            budget_lines: self.budget_lines,
            diagnostics: self.diags,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years() {
        assert_eq!(find_year("2026年度"), Some(2026));
        assert_eq!(find_year("（2022年度）"), Some(2022));
        assert_eq!(find_year("编制21人"), None);
    }

    #[test]
    fn page_numbers() {
        let page = |line: &str| page_number(&tsv_rows(line)[0]);
        assert_eq!(page("— 2 —").as_deref(), Some("— 2 —"));
        assert_eq!(page("- 12 -").as_deref(), Some("- 12 -"));
        assert_eq!(page("第 3 页 共 9 页").as_deref(), Some("第 3 页 共 9 页"));
        assert_eq!(page("2").as_deref(), Some("2"));
        // A number with tabs around it is a cell of the table, not a page number.
        assert_eq!(page("\t\t29"), None);
        assert_eq!(page("2026"), None);
        assert_eq!(page("735.55"), None);
    }

    #[test]
    fn target_columns() {
        assert_eq!(with_columns("90", Some("≤"), Some("万元")), "≤90万元");
        assert_eq!(with_columns("100", Some("＝"), Some("%")), "＝100%");
        assert_eq!(with_columns("≥95%", Some("≥"), Some("%")), "≥95%");
        assert_eq!(with_columns("健全", Some("="), Some("%")), "健全");
        assert_eq!(with_columns("95", None, Some("百分比")), "95%");
        assert_eq!(with_columns("5", Some("反向指标"), Some("%")), "≤5%");
        assert_eq!(with_columns("3", Some("定量"), Some("个")), "3个");
    }

    #[test]
    fn target_shapes() {
        assert!(looks_like_target("≥3个"));
        assert!(looks_like_target("健全"));
        assert!(looks_like_target("100"));
        assert!(!looks_like_target("预算执行率"));
    }

    #[test]
    fn a_duplicate_indicator_is_said_in_each_language() {
        let text = "2026年度\n单位名称\t某单位\n\
            一级指标\t二级指标\t三级指标\t半年指标值\t全年指标值\n\
            产出指标\t数量指标\t培训人次\t≥50人次\t≥100人次\n\
            \t质量指标\t培训人次\t≥50人次\t≥100人次\n";
        let e = import_text(text, Path::new("t.txt"), None).unwrap_err();
        let d = e.0.errors().next().expect("an error");
        assert_eq!(d.message.key(), "import.indicator_twice");
        assert_eq!(d.message.zh(), "指标“培训人次”出现了两次");
        assert_eq!(d.message.en(), "indicator `培训人次` appears twice");
        let related: Vec<String> = d.related.iter().map(|m| m.zh()).collect();
        assert_eq!(related, ["t.txt:4（首次出现，位于 产出/数量指标）"]);
        assert_eq!(
            d.help.as_ref().map(|h| h.zh()).as_deref(),
            Some("实际完成值按指标名称对应，名称必须唯一：请重命名其中一个（例如在括号中加上二级指标），或删除重复的一行")
        );
    }
}
