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
        weight_column: false,
        block: None,
    };
    for row in &rows {
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
    /// The header has a 分值 (weight) column after 全年指标值.
    weight_column: bool,
    block: Option<Block>,
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
fn find_year(s: &str) -> Option<u16> {
    let chars: Vec<char> = s.chars().collect();
    chars.windows(5).find_map(|w| {
        (w[..4].iter().all(char::is_ascii_digit) && w[4] == '年')
            .then(|| w[..4].iter().collect::<String>().parse().ok())
            .flatten()
            .filter(|y| (2000..2100).contains(y))
    })
}

/// Does a cell look like a target (rather than a name)?
fn looks_like_target(text: &str) -> bool {
    let t = text.trim();
    t.is_empty()
        || matches!(t, "/" | "／" | "—" | "-" | "——")
        || Comparator::parse_prefix(t).is_some()
        || t.chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        || QUALITATIVE_WORDS.contains(&t)
}

impl Parser<'_> {
    fn err(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    fn row(&mut self, row: &Row) {
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
                    let d = row.point(
                        self.path,
                        Diagnostic::error(format!("`{t}` is not an amount")),
                        c,
                        t,
                    );
                    self.err(d.help("write the amount in 万元 as a plain number, e.g. 592.56"));
                    return None;
                }
                _ if label.is_none() => label = Some(c),
                _ => {
                    if !matches!(t, "—" | "-" | "/") {
                        let d = row.point(
                            self.path,
                            Diagnostic::error(format!("`{t}` is not an amount")),
                            c,
                            t,
                        );
                        self.err(d.help("write the amount in 万元 as a plain number, e.g. 592.56; leave the cell empty or write 0 for none"));
                        return None;
                    }
                    amounts.push(Decimal::ZERO);
                }
            }
        }
        match label {
            Some(l) => Some((l, amounts)),
            None => {
                let d = row.point_row(
                    self.path,
                    Diagnostic::error("a funds row has amounts but no name"),
                );
                self.err(
                    d.help("put the name of the income source or budget line in the first cell"),
                );
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
                Diagnostic::error(format!(
                    "income row `{name}` has {} amounts; expected one",
                    amounts.len()
                )),
            );
            self.err(d.help("an income row is a source and its full-year amount in 万元"));
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
            self.budget.income.push(IncomeSource { name, amount });
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
                    Diagnostic::error(format!(
                        "expenditure row `{name}` has {} amount(s); expected two: the half-year plan and the full-year budget",
                        amounts.len()
                    )),
                );
                self.err(d.help(
                    "fill in both 半年计划执行数 and 全年预算数 (write 0 where there is none)",
                ));
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
        // Columns after the full-year target: a 分值 (weight) column is read; anything
        // else would shift every row, so it is refused by name.
        self.weight_column = false;
        let cells: Vec<&Cell> = row.non_empty().collect();
        if let Some(fy) = cells
            .iter()
            .position(|c| matches!(c.text.as_str(), "全年指标值" | "年度指标值"))
        {
            for c in &cells[fy + 1..] {
                match c.text.as_str() {
                    "分值" | "权重" if !self.weight_column => self.weight_column = true,
                    other => {
                        let d = row.point(
                            self.path,
                            Diagnostic::error(format!(
                                "the column `{other}` after 全年指标值 cannot be read: its cells would be taken for targets"
                            )),
                            c,
                            "",
                        );
                        self.err(d.help(
                            "delete that column from the table before importing (a 分值 column is the only one read after the targets)",
                        ));
                    }
                }
            }
        }
    }

    fn indicator(&mut self, row: &Row) {
        let cells = row.trimmed();
        if cells.len() < 3 {
            let d = row.point_row(
                self.path,
                Diagnostic::error("this indicator row is truncated: it needs a name, a half-year target and a full-year target"),
            );
            self.err(d.help("complete the row (三级指标, 半年指标值, 全年指标值), or delete it"));
            return;
        }
        // With a 分值 column the row ends with the weight.
        let mut weight = None;
        let cells = if self.weight_column {
            let last = &cells[cells.len() - 1];
            match attain_core::target::parse_decimal(&last.text) {
                Some(w) => {
                    weight = Some(w);
                    &cells[..cells.len() - 1]
                }
                None => {
                    let d = row.point(
                        self.path,
                        Diagnostic::error(format!(
                            "the table has a 分值 column, but this row ends with `{}`, not a weight",
                            last.text
                        )),
                        last,
                        "",
                    );
                    self.err(
                        d.column_name("分值")
                            .help("give every indicator its weight in the last cell, e.g. 5"),
                    );
                    return;
                }
            }
        } else {
            cells
        };
        if cells.len() < 3 {
            let d = row.point_row(
                self.path,
                Diagnostic::error("this indicator row is truncated: it needs a name, a half-year target and a full-year target"),
            );
            self.err(d.help("complete the row (三级指标, 半年指标值, 全年指标值), or delete it"));
            return;
        }
        let (h1_cell, fy_cell) = (&cells[cells.len() - 2], &cells[cells.len() - 1]);
        if !looks_like_target(&h1_cell.text) {
            let msg = if looks_like_target(&fy_cell.text) {
                format!(
                    "this indicator row is truncated: `{}` is followed by only one target `{}`",
                    h1_cell.text, fy_cell.text
                )
            } else {
                format!(
                    "this row has no targets: `{}` and `{}` are not targets",
                    h1_cell.text, fy_cell.text
                )
            };
            let d = row.point(self.path, Diagnostic::error(msg), h1_cell, "");
            self.err(d.help(
                "each indicator row ends with 半年指标值 and 全年指标值, e.g. `≥1个` then `≥3个`",
            ));
            return;
        }
        let mut prefix: &[Cell] = &cells[..cells.len() - 2];
        while prefix.last().is_some_and(Cell::is_empty) {
            prefix = &prefix[..prefix.len() - 1];
        }
        if prefix.is_empty() {
            let d = row.point_row(
                self.path,
                Diagnostic::error("this indicator row has targets but no indicator name"),
            );
            self.err(d.help("put the 三级指标 name before the targets"));
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
                        Diagnostic::error(format!(
                            "this row opens the block `{}` with {n} name cells; expected 3 (一级 二级 三级) or 4 (with 重点工作)",
                            prefix[0].text
                        )),
                    );
                    self.err(d.help("check for a cell split in two or merged with its neighbour"));
                    return;
                }
            };
            if let Some((h, hline)) = &self.header_levels {
                if *h != layout {
                    let names =
                        |ls: &[Level]| ls.iter().map(|l| l.name()).collect::<Vec<_>>().join(" ");
                    let d = Diagnostic::note(format!(
                        "the header on line {hline} has the columns {} but the rows of the block `{}` have {}; read by the rows",
                        names(h),
                        prefix[0].text,
                        names(&layout)
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
            let d = row.point_row(
                self.path,
                Diagnostic::error("an indicator row before any 一级指标"),
            );
            self.err(d.help(
                "the first row under the header must name its 一级指标 (决策, 过程, 产出, 效益 …)",
            ));
            return;
        };
        let k = prefix.len();
        if k > block.layout.len() {
            let d = row.point_row(
                self.path,
                Diagnostic::error(format!(
                    "this row has {k} name cells but its block has {} columns before the targets",
                    block.layout.len()
                )),
            );
            self.err(d.help("check for a cell split in two, or an extra tab"));
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
            let d = row.point_row(
                self.path,
                Diagnostic::error("this indicator row has no 三级指标 name"),
            );
            self.err(d.help("put the indicator name in the cell before the half-year target"));
            return;
        };
        // A cell pasted with a line break inside keeps one name.
        let name = name_cell.text.replace('\n', "");
        if matches!(Target::parse(&name), Ok(p) if matches!(p.target, Target::Quantitative { explicit: true, .. }))
        {
            let d = row.point(
                self.path,
                Diagnostic::error(format!(
                    "the indicator name `{name}` looks like a target: this row has more cells than its header says"
                )),
                name_cell,
                "",
            );
            self.err(d.help(
                "check for an extra column (分值, 备注 …) or a cell split in two; the header must name every column",
            ));
            return;
        }
        if block.level2.is_empty() {
            let d = row.point(
                self.path,
                Diagnostic::warning(format!("indicator `{}` has no 二级指标", name_cell.text)),
                name_cell,
                "",
            );
            self.diags
                .push(d.help("fill in the 二级指标 of the first row of each group"));
        }
        let (level1, level2, key_work) = (
            block.level1.clone(),
            block.level2.clone(),
            block.key_work.clone(),
        );
        let h1 = self.target(row, h1_cell, "半年指标值");
        let fy = self.target(row, fy_cell, "全年指标值");
        let (Some(h1), Some(fy)) = (h1, fy) else {
            return;
        };
        if !fy.is_applicable() {
            let d = row.point(
                self.path,
                Diagnostic::note(format!(
                    "indicator `{}` has no full-year target: not applicable",
                    name_cell.text
                )),
                fy_cell,
                "",
            );
            self.diags.push(d);
        }
        if let Some(prev) = self.raw_by_name.get(&name).map(|&k| &self.raw[k]) {
            let d = row
                .point(
                    self.path,
                    Diagnostic::error(format!("indicator `{name}` appears twice")),
                    name_cell,
                    "",
                )
                .related(format!("{}:{} (first, under {}/{})", self.path.display(), prev.line, prev.level1, prev.level2))
                .help("actuals name indicators, so names must be unique: rename one (e.g. add its 二级指标 in brackets) or delete the copy");
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
                let d =
                    Diagnostic::error(format!("malformed target `{}`: {}", cell.text, e.message))
                        .in_file(self.path)
                        .at(row.line, base + e.offset, part.chars().count(), &row.source)
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
                    Diagnostic::warning(format!(
                        "the table says {} but --year {y} was given: using {y}",
                        self.unit.year
                    ))
                    .in_file(self.path)
                    .help("leave out --year to use the table's year"),
                );
            }
            self.unit.year = y;
        }
        if self.unit.year == 0 {
            self.err(
                Diagnostic::error("the table does not say which year it is for")
                    .in_file(self.path)
                    .help("add a line such as `2026年度` above the table, or pass --year 2026"),
            );
        }
        if self.unit.name.is_empty() {
            self.diags.push(
                Diagnostic::warning("the table has no 单位名称 row; the unit has no name")
                    .in_file(self.path)
                    .help("add a row `单位名称<TAB>…`, or fill in [unit] name in unit.toml"),
            );
        }
        if self.raw.is_empty() && !self.diags.has_errors() {
            self.err(
                Diagnostic::error("no indicator rows found")
                    .in_file(self.path)
                    .help("the table needs a header row with 一级指标 … 三级指标 半年指标值 全年指标值 and indicator rows under it"),
            );
        }
        if self.diags.has_errors() {
            return Err(Failed(self.diags));
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
    fn target_shapes() {
        assert!(looks_like_target("≥3个"));
        assert!(looks_like_target("健全"));
        assert!(looks_like_target("100"));
        assert!(!looks_like_target("预算执行率"));
    }
}
