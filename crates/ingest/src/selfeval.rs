//! Reading a published 项目支出绩效自评表 (project self-evaluation table), pasted as
//! tab-separated text, into a [`PublishedTable`] for review.
//!
//! The layout (see `tests/data/examples/`): a funds block with a header row
//! (年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分) and a 年度资金总额 row; an
//! indicator header (一级指标 / 二级指标 / 三级指标 / 年度指标值 / 实际完成值 / 分值 / 得分 /
//! 偏差原因分析及改进措施) and its rows; a 总分 row; perhaps a grade (评价等级).
//! Cells are found by the header's columns. What published tables carry is handled,
//! and never silently:
//!
//! * `#` lines are comments; `-` and `/` cells are empty;
//! * a blank 一级 or 二级 cell means "as above"; a first-level label may carry its
//!   points (`[产出指标](50分)`);
//! * template residue: the `指标1:` prefix is dropped; `……` rows and rows with only a
//!   name (`指标2:`) are skipped with a note;
//! * a target without a comparator is read per DOMAIN.md §1 (≥ for counts, = for rates)
//!   with a warning; a target without `%` whose actual has one is a rate;
//! * an actual is read in the target's unit: `100%` is 1.00; for a rate target a bare
//!   number is a percentage (`95` is 95 %), with a note; for a word target it is a
//!   grade word (健全, 基本健全 …).
//!
//! Layouts are recognised by the header and recorded in `PublishedTable::layout`:
//! Yunnan (指标性质 and 度量单位 columns complete the target and actual), Hubei (no 分值
//! column; the section labels `预算执行（20分）` and `年度目标（80分）` carry the
//! weights), Sichuan (分值 before the target), weights as percentages (`权重` 20%), and
//! attain's own year-end table (Markdown `|` rows with `\|` escapes and bold `**…**`
//! cells, `决策小计` subtotal rows, `总分 … 等级 优`, and a 一级指标得分 table whose rows
//! are block scores, checked in core against the block's rows). Totals may be named
//! `得分合计`; actuals may carry their comparator (`≥266米`); a date target's actual is
//! a date. A footnote's block split
//! (`注：…产出指标50分、效益指标30分…`) is kept for the review.
//!
//! A row with a number cell that cannot be read (a cut cell) is left out with a
//! warning and recorded as skipped; the review reports it. A file that cannot be read,
//! has no indicator header, or has nothing left to check fails with diagnostics.

use std::path::Path;

use attain_core::review::{
    PublishedBlock, PublishedFunds, PublishedGrade, PublishedRow, PublishedSubtotal,
    PublishedTable, PublishedTotal, SkippedRow, StatedWeight,
};
use attain_core::target::{parse_decimal_prefix, Vocabulary};
use attain_core::{Decimal, Level1, Target, Tier, Value};

use crate::cells::{tsv_rows, Cell, Row};
use crate::diag::{Diagnostic, Diagnostics, Failed, Msg};
use crate::text;
use attain_core::msg::selfeval as cat;

/// A self-evaluation table as read, with what was noticed on the way.
#[derive(Debug, Clone)]
pub struct SelfEval {
    pub table: PublishedTable,
    /// Warnings and notes (errors make reading fail).
    pub diagnostics: Diagnostics,
}

/// Read and parse a self-evaluation table file (UTF-8, UTF-8 with BOM or GB18030).
pub fn read_file(path: &Path) -> Result<SelfEval, Failed> {
    read_file_with(path, &Vocabulary::default())
}

/// [`read_file`] with the qualitative words an evaluator adds (`尚可=部分达成`).
pub fn read_file_with(path: &Path, vocabulary: &Vocabulary) -> Result<SelfEval, Failed> {
    let t = text::read(path)?;
    parse_text_with(&t.content, path, vocabulary)
}

#[derive(Debug, Clone, Copy, Default)]
struct FundsCols {
    initial: Option<usize>,
    budget: Option<usize>,
    executed: Option<usize>,
    weight: Option<usize>,
    rate: Option<usize>,
    score: Option<usize>,
}

#[derive(Debug, Clone, Copy)]
struct IndCols {
    level1: usize,
    level2: Option<usize>,
    name: usize,
    target: Option<usize>,
    /// 指标性质 (Yunnan): the comparator in its own column.
    comparator: Option<usize>,
    /// 度量单位 / 计量单位 (Yunnan): the unit in its own column.
    unit: Option<usize>,
    actual: Option<usize>,
    /// 分值 or 权重; none in the Hubei layout.
    weight: Option<usize>,
    score: usize,
    explanation: Option<usize>,
}

const TOTAL_LABELS: &[&str] = &[
    "总分",
    "合计",
    "总计",
    "总得分",
    "自评总分",
    "得分合计",
    "合计得分",
    "总分合计",
];
const GRADE_LABELS: &[&str] = &[
    "评价等级",
    "自评等级",
    "绩效等级",
    "等级",
    "自评结果",
    "评价结果",
];
const FUNDS_TOTAL_LABELS: &[&str] = &["年度资金总额", "资金总额", "项目资金总额", "合计"];

fn strip_colon(s: &str) -> &str {
    s.trim().trim_end_matches([':', '：']).trim()
}

fn is_empty_mark(s: &str) -> bool {
    matches!(s.trim(), "" | "-" | "—" | "——" | "/" | "／")
}

/// Remove the template prefix `指标1:` / `指标1：` / `指标1` / `指标1、` from a name.
pub fn strip_template_prefix(name: &str) -> &str {
    let t = name.trim();
    let Some(rest) = t.strip_prefix("指标") else {
        return t;
    };
    let digits = rest
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || ('０'..='９').contains(c))
        .last()
        .map(|(i, c)| i + c.len_utf8());
    match digits {
        Some(n) => rest[n..]
            .trim_start_matches([':', '：', '、', '.', '．'])
            .trim(),
        None => t,
    }
}

/// The points in a first-level label: 50 for `[产出指标](50分)`.
fn label_points(label: &str) -> Option<Decimal> {
    let open = label.rfind(['(', '（'])?;
    let inner = &label[open..];
    let inner = inner
        .trim_start_matches(['(', '（'])
        .trim_end_matches([')', '）'])
        .trim();
    let inner = inner.strip_suffix('分')?.trim();
    match parse_decimal_prefix(inner) {
        Some((d, n)) if n == inner.len() => Some(d),
        _ => None,
    }
}

/// A Markdown table (`| a | b |`, as attain writes its own year-end table) as
/// tab-separated rows; `| --- |` rules become blank lines so that line numbers stay.
/// Other lines are kept as they are.
fn markdown_to_tsv(content: &str) -> std::borrow::Cow<'_, str> {
    if !content.lines().any(|l| l.trim_start().starts_with('|')) {
        return std::borrow::Cow::Borrowed(content);
    }
    let lines: Vec<String> = content
        .split('\n')
        .map(|l| {
            let t = l.trim_end_matches('\r').trim();
            if !(t.starts_with('|') && t.ends_with('|') && t.len() > 1) {
                return l.to_string();
            }
            let inner = &t[1..t.len() - 1];
            if inner.chars().all(|c| matches!(c, '-' | ':' | '|' | ' ')) {
                return String::new();
            }
            markdown_cells(inner).join("\t")
        })
        .collect();
    std::borrow::Cow::Owned(lines.join("\n"))
}

/// The cells of a Markdown table row (without its outer `|`): split at unescaped `|`,
/// backslash escapes (`\*`, `\|`, `\<`) undone, trimmed.
fn markdown_cells(inner: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(n) if n.is_ascii_punctuation() => cells.last_mut().unwrap().push(n),
                Some(n) => {
                    let cell = cells.last_mut().unwrap();
                    cell.push('\\');
                    cell.push(n);
                }
                None => cells.last_mut().unwrap().push('\\'),
            },
            '|' => cells.push(String::new()),
            // A tab inside a cell would make a new column.
            '\t' => cells.last_mut().unwrap().push(' '),
            c => cells.last_mut().unwrap().push(c),
        }
    }
    cells.into_iter().map(|c| c.trim().to_string()).collect()
}

/// A cell's text without Markdown strong emphasis around it (`**99.30**` is `99.30`;
/// attain writes subtotal and total rows in bold), as written or pasted from Markdown.
fn strip_emphasis(text: &str) -> Option<&str> {
    ["**", "__"].iter().find_map(|m| {
        text.strip_prefix(m)
            .and_then(|t| t.strip_suffix(m))
            .filter(|t| !t.is_empty())
            .map(str::trim)
    })
}

/// A cell's text without the apostrophe that marks it as text in a spreadsheet
/// (`'=100%`: attain's CSV writes a cell starting with `=`, `+`, `-`, `@` so, and
/// Excel keeps it when a table is copied out): `None` when there is none.
fn strip_text_mark(text: &str) -> Option<&str> {
    text.strip_prefix('\'')
        .filter(|t| t.starts_with(['=', '+', '-', '@', '\t', '\r']))
}

/// Points written in a label in any of the published ways: `(50分)`, `（20分）`,
/// `50分`, or a bare number after the words (`预算执行 20`).
fn loose_points(label: &str) -> Option<Decimal> {
    if let Some(p) = label_points(label) {
        return Some(p);
    }
    let t = label.trim().trim_end_matches('分').trim_end();
    let start = t
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
        .last()
        .map(|(i, _)| i)?;
    if start == 0 {
        return None;
    }
    attain_core::target::parse_decimal(&t[start..])
}

/// A section label with its weight: `预算执行（20分）`, `年度目标 80`. Returns whether
/// it is budget execution (else the indicator targets) and the points.
fn section_weight(text: &str) -> Option<(bool, Decimal)> {
    let t = text.trim();
    let weight = loose_points(t)?;
    let label = match t.rfind(['(', '（']) {
        Some(i) => &t[..i],
        None => t
            .trim_end_matches('分')
            .trim_end_matches(|c: char| c.is_ascii_digit() || c == '.'),
    }
    .trim();
    match label {
        "预算执行" | "预算执行情况" | "预算执行率" | "资金执行" | "资金执行情况" => {
            Some((true, weight))
        }
        "年度目标"
        | "年度目标完成情况"
        | "年度绩效目标"
        | "年度绩效目标完成情况"
        | "年度绩效指标"
        | "绩效指标" => Some((false, weight)),
        _ => None,
    }
}

/// The block split a footnote states: `产出指标50分、效益指标30分、服务对象满意度指标10分、
/// 预算资金执行率10分`. The budget-execution part has no block.
fn footnote_split(text: &str, line: usize) -> Vec<StatedWeight> {
    let body = text.split_once([':', '：']).map_or(text, |(_, b)| b);
    let mut out = Vec::new();
    for part in body.split(['、', '，', ',', ';', '；', '。']) {
        let part = part.trim();
        let Some(p) = part.strip_suffix('分') else {
            continue;
        };
        let digits = p
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
            .last()
            .map(|(i, _)| i);
        let Some(at) = digits.filter(|a| *a > 0) else {
            continue;
        };
        let Some(weight) = attain_core::target::parse_decimal(&p[at..]) else {
            continue;
        };
        // `一级指标分值统一设置为产出指标50分`: the label is the last words.
        let label = p[..at]
            .rsplit(['为', ':', '：'])
            .next()
            .unwrap_or("")
            .trim();
        if label.is_empty() {
            continue;
        }
        let level1 = if label.contains("执行率") || label.contains("预算执行") {
            None
        } else {
            match Level1::from_label(label) {
                Some(Level1::Other(_)) | None => continue,
                Some(l) => Some(l),
            }
        };
        out.push(StatedWeight {
            line,
            label: label.to_string(),
            level1,
            weight,
        });
    }
    out
}

fn is_placeholder(name: &str) -> bool {
    let t = name.trim();
    !t.is_empty() && t.chars().all(|c| matches!(c, '…' | '.' | '。' | '⋯'))
}

struct Parser<'a> {
    path: &'a Path,
    vocabulary: &'a Vocabulary,
    diags: Diagnostics,
    table: PublishedTable,
    funds_cols: Option<FundsCols>,
    ind_cols: Option<IndCols>,
    level1: Option<Level1>,
    level2: String,
    /// Weights were written as percentages (`权重` 20%).
    percent_weights: bool,
    /// The table's year (`（2023年度）`): a date target without one is in it.
    year: Option<u16>,
    /// The columns of a 一级指标得分 table after the indicator table (attain's own
    /// year-end output): its rows are block scores, not indicators.
    block_cols: Option<BlockCols>,
}

#[derive(Debug, Clone, Copy)]
struct BlockCols {
    weight: Option<usize>,
    score: usize,
    grade: Option<usize>,
}

/// Parse self-evaluation table text; `path` is used in diagnostics.
pub fn parse_text(content: &str, path: &Path) -> Result<SelfEval, Failed> {
    parse_text_with(content, path, &Vocabulary::default())
}

/// [`parse_text`] with a vocabulary of qualitative words.
pub fn parse_text_with(
    content: &str,
    path: &Path,
    vocabulary: &Vocabulary,
) -> Result<SelfEval, Failed> {
    let mut p = Parser {
        vocabulary,
        path,
        diags: Diagnostics::default(),
        table: PublishedTable::default(),
        funds_cols: None,
        ind_cols: None,
        level1: None,
        level2: String::new(),
        percent_weights: false,
        year: None,
        block_cols: None,
    };
    let content = markdown_to_tsv(content);
    // A CSV file (attain's own yearend.csv, or a sheet saved as CSV) by its name.
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let rows = if is_csv {
        crate::cells::csv_rows(&content, path)?
    } else {
        tsv_rows(&content)
    };
    for mut row in rows {
        if row.is_blank() || row.source.trim_start().starts_with('#') {
            continue;
        }
        for c in &mut row.cells {
            if let Some(t) = strip_emphasis(&c.text) {
                c.text = t.to_string();
            }
            if let Some(t) = strip_text_mark(&c.text) {
                c.text = t.to_string();
            }
        }
        p.row(&row);
    }
    if p.percent_weights {
        p.table
            .layout
            .push_str("; weights as percentages of 100 points (权重 20%)");
        p.diags
            .push(Diagnostic::note(cat::percent_weights()).in_file(path));
    }
    if p.ind_cols.is_none() {
        p.diags.push(
            Diagnostic::error(cat::no_header())
                .in_file(path)
                .help(cat::no_header_help()),
        );
    } else if p.table.rows.is_empty() && p.table.funds.is_none() && p.table.total.is_none() {
        p.diags.push(
            Diagnostic::error(cat::no_rows())
                .in_file(path)
                .help(cat::no_rows_help()),
        );
    }
    if p.diags.has_errors() {
        return Err(Failed(p.diags));
    }
    Ok(SelfEval {
        table: p.table,
        diagnostics: p.diags,
    })
}

fn find_col(row: &Row, pred: impl Fn(&str) -> bool) -> Option<usize> {
    row.cells.iter().position(|c| pred(&c.text))
}

impl Parser<'_> {
    fn cell<'r>(&self, row: &'r Row, i: Option<usize>) -> Option<&'r Cell> {
        i.and_then(|i| row.cells.get(i))
    }

    fn text(&self, row: &Row, i: Option<usize>) -> String {
        self.cell(row, i)
            .map(|c| c.text.clone())
            .unwrap_or_default()
    }

    /// A number cell (`10`, `10分`, `880`); `-` and empty are `None`.
    fn number(&mut self, row: &Row, i: Option<usize>, what: &str) -> Option<Decimal> {
        let c = self.cell(row, i)?;
        let t = c.text.trim();
        if is_empty_mark(t) {
            return None;
        }
        // A remark in brackets after the number (`0.30（人工调整；规则得分 0.34）`).
        let t = match t.find(['（', '(']) {
            Some(i) if i > 0 && t.ends_with(['）', ')']) => t[..i].trim(),
            _ => t,
        };
        let t2 = t.strip_suffix('分').unwrap_or(t).trim();
        let t2 = t2.strip_suffix("万元").unwrap_or(t2).trim();
        let t2 = match t2.strip_suffix(['%', '％']) {
            Some(w) if matches!(what, "分值" | "权重") => {
                self.percent_weights = true;
                w.trim()
            }
            _ => t2,
        };
        match parse_decimal_prefix(t2) {
            Some((d, n))
                if n == t2.len() && d < Decimal::ZERO && matches!(what, "分值" | "得分") =>
            {
                let d = row
                    .point(self.path, Diagnostic::error(cat::negative(what, t)), c, "")
                    .column_name(what)
                    .help(cat::negative_help());
                self.diags.push(d);
                None
            }
            Some((d, n)) if n == t2.len() => Some(d),
            _ => {
                let (msg, help): (Msg, Msg) = match crate::csvtable::number_problem(t2) {
                    Some((m, h)) => (cat::number_problem(what, m), h),
                    None => (cat::not_a_number(what, t), cat::not_a_number_help()),
                };
                let d = row
                    .point(self.path, Diagnostic::error(msg), c, "")
                    .column_name(what)
                    .help(help);
                self.diags.push(d);
                None
            }
        }
    }

    fn row(&mut self, row: &Row) {
        if self.year.is_none() && self.ind_cols.is_none() {
            self.year = row
                .non_empty()
                .filter(|c| c.text.contains("年度"))
                .find_map(|c| crate::table::find_year(&c.text));
        }
        // A section label with its weight (Hubei): 预算执行（20分）, 年度目标 80.
        if self.ind_cols.is_none() || row.non_empty().count() == 1 {
            if let Some(c) = row.non_empty().next() {
                if let Some((execution, weight)) = section_weight(&c.text) {
                    let w = StatedWeight {
                        line: row.line,
                        label: c.text.clone(),
                        level1: None,
                        weight,
                    };
                    if execution {
                        self.table.execution_weight = Some(w);
                    } else {
                        self.table.targets_weight = Some(w);
                    }
                    if row.non_empty().count() == 1 {
                        return;
                    }
                }
            }
        }
        let texts: Vec<&str> = row.cells.iter().map(|c| c.text.as_str()).collect();
        if texts.contains(&"一级指标") && texts.iter().any(|t| t.starts_with("三级指标")) {
            self.header(row);
            return;
        }
        // A 一级指标得分 table after the indicators: 一级指标 | 分值 | 得分 (| 等级).
        if self.ind_cols.is_some()
            && texts.first() == Some(&"一级指标")
            && !texts.iter().any(|t| t.starts_with("二级指标"))
        {
            if let Some(score) = find_col(row, |t| t.starts_with("得分")) {
                self.block_cols = Some(BlockCols {
                    weight: find_col(row, |t| t.starts_with("分值")),
                    score,
                    grade: find_col(row, |t| t.contains("等级")),
                });
                return;
            }
        }
        if let Some(cols) = self.block_cols {
            self.block_score_row(row, cols);
            return;
        }
        // The indicator table ends with its 总分 (and 自评等级) rows: what follows
        // (attain's spending lines, lists, the footnote) is not part of it.
        if self.table.total.is_some() {
            let first = row
                .non_empty()
                .next()
                .map(|c| strip_colon(&c.text).to_string())
                .unwrap_or_default();
            let footnote = first.starts_with('注') && row.cells[0].text.starts_with('注');
            if footnote || (GRADE_LABELS.contains(&first.as_str()) && self.table.grade.is_none()) {
                self.indicator_area(row);
            }
            return;
        }
        if self.ind_cols.is_none() {
            if texts.iter().any(|t| t.starts_with("年初预算数"))
                || (texts.iter().any(|t| t.starts_with("全年预算数"))
                    && texts.iter().any(|t| t.starts_with("全年执行数")))
            {
                self.funds_header(row);
                return;
            }
            if let Some(cols) = self.funds_cols {
                let first = row
                    .non_empty()
                    .next()
                    .map(|c| strip_colon(&c.text).to_string());
                if first
                    .as_deref()
                    .is_some_and(|f| FUNDS_TOTAL_LABELS.contains(&f))
                    && self.table.funds.is_none()
                {
                    self.funds_row(row, cols);
                }
            }
            return;
        }
        self.indicator_area(row);
    }

    /// A row of the 一级指标得分 table: a block's weight and score, or its 总分 row
    /// (which must agree with the indicator table's 总分 and grade).
    fn block_score_row(&mut self, row: &Row, cols: BlockCols) {
        let first = row
            .non_empty()
            .next()
            .map(|c| strip_colon(&c.text).to_string())
            .unwrap_or_default();
        if row.non_empty().count() <= 1 || row.cells[0].text.is_empty() {
            self.note(
                row,
                cat::skipped_not_block_score_row(&first),
                cat::only_rows_under_header_help(),
            );
            return;
        }
        let weight = self.number(row, cols.weight, "分值");
        let score = self.number(row, Some(cols.score), "得分");
        if TOTAL_LABELS.contains(&first.as_str()) {
            let grade = self
                .text(row, cols.grade)
                .trim_start_matches("等级")
                .trim()
                .to_string();
            let total = self.table.total;
            match total {
                None => {
                    self.table.total = Some(PublishedTotal {
                        line: row.line,
                        weight,
                        score,
                    })
                }
                Some(t) if (t.weight, t.score) != (weight.or(t.weight), score.or(t.score)) => {
                    let d = row.point_row(
                        self.path,
                        Diagnostic::error(cat::block_total_differs(
                            score.map(|d| d.to_string()).unwrap_or_default(),
                            weight.map(|d| d.to_string()).unwrap_or_default(),
                            t.line,
                            t.score.map(|d| d.to_string()).unwrap_or_default(),
                            t.weight.map(|d| d.to_string()).unwrap_or_default(),
                        )),
                    );
                    self.diags.push(d.help(cat::one_total_help()));
                }
                Some(_) => {}
            }
            if !is_empty_mark(&grade) {
                match &self.table.grade {
                    None => {
                        self.table.grade = Some(PublishedGrade {
                            line: row.line,
                            word: grade,
                        })
                    }
                    Some(g) if g.word != grade => {
                        let d = row.point_row(
                            self.path,
                            Diagnostic::error(cat::block_grade_differs(&grade, &g.word, g.line)),
                        );
                        self.diags.push(d.help(cat::one_grade_help()));
                    }
                    Some(_) => {}
                }
            }
            return;
        }
        match Level1::from_label(&first) {
            Some(level1) => self.table.block_scores.push(PublishedSubtotal {
                line: row.line,
                level1,
                weight,
                score,
            }),
            None => self.note(
                row,
                cat::skipped_not_block(&first),
                cat::block_scores_help(),
            ),
        }
    }

    fn funds_header(&mut self, row: &Row) {
        let col = |p: &str| find_col(row, |t| t.starts_with(p));
        self.funds_cols = Some(FundsCols {
            initial: col("年初预算数"),
            budget: col("全年预算数"),
            executed: col("全年执行数"),
            weight: col("分值").or(col("权重")),
            rate: col("执行率"),
            score: col("得分"),
        });
    }

    fn funds_row(&mut self, row: &Row, cols: FundsCols) {
        let rate = match self.cell(row, cols.rate) {
            Some(c) if !is_empty_mark(&c.text) => {
                let t = c.text.trim();
                match parse_decimal_prefix(t) {
                    Some((d, n)) => match t[n..].trim() {
                        "%" | "％" => Some((d / Decimal::ONE_HUNDRED, d.scale())),
                        "" if d <= Decimal::ONE => Some((d, d.scale().saturating_sub(2))),
                        "" => Some((d / Decimal::ONE_HUNDRED, d.scale())),
                        _ => None,
                    },
                    None => None,
                }
                .or_else(|| {
                    let d = row
                        .point(
                            self.path,
                            Diagnostic::warning(cat::rate_not_percentage(t)),
                            c,
                            "",
                        )
                        .column_name("执行率");
                    self.diags.push(d);
                    None
                })
            }
            _ => None,
        };
        let funds = PublishedFunds {
            line: row.line,
            initial: self.number(row, cols.initial, "年初预算数"),
            budget: self.number(row, cols.budget, "全年预算数"),
            executed: self.number(row, cols.executed, "全年执行数"),
            weight: self.number(row, cols.weight, "分值"),
            rate,
            score: self.number(row, cols.score, "得分"),
        };
        self.table.funds = Some(funds);
    }

    fn header(&mut self, row: &Row) {
        let col = |p: &[&str]| find_col(row, |t| p.iter().any(|x| t.starts_with(x)));
        let (Some(level1), Some(name), Some(score)) = (
            col(&["一级指标"]),
            col(&["三级指标"]),
            col(&["得分", "自评得分"]),
        ) else {
            let d = row.point_row(self.path, Diagnostic::error(cat::header_lacks_score()));
            self.diags.push(d.help(cat::header_lacks_score_help()));
            return;
        };
        let weight = col(&["分值", "权重"]);
        let target = col(&["年度指标值", "全年指标值", "指标值", "预期指标值", "目标值"]);
        let comparator = col(&["指标性质", "比较符", "运算符号"]);
        let unit = col(&["度量单位", "计量单位"]);
        let mut layout = Vec::new();
        if comparator.is_some() || unit.is_some() {
            layout.push("Yunnan (指标性质 and 度量单位 in their own columns)");
        }
        match (weight, target) {
            (None, _) => {
                layout.push("Hubei (no 分值 column: weights in the section and block labels)")
            }
            (Some(w), Some(t)) if w < t => layout.push("Sichuan (分值 before the target)"),
            _ => {}
        }
        if layout.is_empty() {
            layout.push("standard");
        }
        self.table.layout = layout.join("; ");
        self.table.has_row_weights = weight.is_some();
        self.ind_cols = Some(IndCols {
            level1,
            level2: col(&["二级指标"]),
            name,
            target,
            comparator,
            unit,
            actual: col(&["实际完成值", "全年实际值", "实际值", "完成值", "实际完成"]),
            weight,
            score,
            explanation: col(&["偏差原因", "偏差"]),
        });
    }

    fn note(&mut self, row: &Row, msg: Msg, help: Msg) {
        let d = row.point_row(self.path, Diagnostic::note(msg)).help(help);
        self.diags.push(d);
    }

    fn indicator_area(&mut self, row: &Row) {
        let Some(cols) = self.ind_cols else { return };
        let first = row
            .non_empty()
            .next()
            .map(|c| strip_colon(&c.text).to_string())
            .unwrap_or_default();
        if TOTAL_LABELS.contains(&first.as_str()) {
            self.total_row(row);
            return;
        }
        if GRADE_LABELS.contains(&first.as_str()) {
            if let Some(word) = row.non_empty().nth(1) {
                self.table.grade = Some(PublishedGrade {
                    line: row.line,
                    word: word.text.clone(),
                });
            }
            return;
        }
        if first.starts_with("注") && row.cells[0].text.starts_with('注') {
            // A footnote (注:1.一级指标分值统一设置为 …): the block split it states.
            let text: Vec<&str> = row.non_empty().map(|c| c.text.as_str()).collect();
            let split = footnote_split(&text.join(""), row.line);
            self.table.footnote.extend(split);
            return;
        }
        // A subtotal row (决策小计, 小计) closes its block: kept for the checks, never
        // an indicator.
        if first.ends_with("小计") {
            let level1 = match Level1::from_label(first.trim_end_matches("小计")) {
                Some(Level1::Other(_)) | None => self.level1.clone(),
                known => known,
            };
            let weight = self.number(row, cols.weight, "分值");
            let score = self.number(row, Some(cols.score), "得分");
            match level1 {
                Some(level1) => self.table.subtotals.push(PublishedSubtotal {
                    line: row.line,
                    level1,
                    weight,
                    score,
                }),
                None => self.note(row, cat::skipped_subtotal(&first), cat::subtotal_help()),
            }
            return;
        }
        // A line of prose between or after the tables (a list item, a 说明).
        if row.non_empty().count() == 1
            && self.text(row, Some(cols.level1)).is_empty()
            && self.text(row, Some(cols.name)).is_empty()
        {
            self.note(
                row,
                cat::skipped_not_row(&first),
                cat::only_rows_under_header_help(),
            );
            return;
        }
        // The block and group, "as above" when blank.
        let l1_text = self.text(row, Some(cols.level1));
        if !l1_text.is_empty() {
            // Points after the label without brackets (`产出指标 40`) are points too.
            let bare_points = label_points(&l1_text).is_none()
                && loose_points(&l1_text).is_some()
                && matches!(Level1::from_label(&l1_text), Some(Level1::Other(_)));
            let label_core = if bare_points {
                l1_text
                    .trim()
                    .trim_end_matches('分')
                    .trim_end_matches(|c: char| c.is_ascii_digit() || c == '.')
                    .trim()
                    .to_string()
            } else {
                l1_text.clone()
            };
            match Level1::from_label(&label_core) {
                Some(l) => {
                    self.table.blocks.push(PublishedBlock {
                        line: row.line,
                        level1: l.clone(),
                        label: l1_text.clone(),
                        weight: loose_points(&l1_text),
                    });
                    self.level1 = Some(l);
                    self.level2.clear();
                }
                None => self.level1 = None,
            }
        }
        let l2_text = self.text(row, cols.level2);
        if !l2_text.is_empty() {
            self.level2 = l2_text;
        }
        let raw_name = self.text(row, Some(cols.name));
        let name = strip_template_prefix(&raw_name).to_string();
        // Yunnan: the comparator and the unit in their own columns (`≤` | `90` | `万元`).
        let cmp_text = self.text(row, cols.comparator);
        let unit_text = self.text(row, cols.unit);
        let target_text = crate::table::with_columns(
            &self.text(row, cols.target),
            Some(&cmp_text),
            Some(&unit_text),
        );
        let actual_text =
            crate::table::with_columns(&self.text(row, cols.actual), None, Some(&unit_text));
        let weight_text = self.text(row, cols.weight);
        let score_text = self.text(row, Some(cols.score));
        let has_values = [&target_text, &actual_text, &weight_text, &score_text]
            .iter()
            .any(|t| !t.is_empty());
        if is_placeholder(&name) {
            self.note(
                row,
                cat::skipped_placeholder(&raw_name),
                cat::placeholder_help(),
            );
            return;
        }
        if !has_values {
            if name.is_empty() {
                self.note(
                    row,
                    cat::skipped_empty_template(&raw_name),
                    cat::empty_template_help(),
                );
            } else {
                self.note(row, cat::skipped_no_figures(&name), cat::no_figures_help());
            }
            return;
        }
        let Some(level1) = self.level1.clone() else {
            let d = row.point_row(self.path, Diagnostic::error(cat::row_before_level1()));
            self.diags.push(d.help(cat::row_before_level1_help()));
            return;
        };
        // A cut or unreadable number leaves the row out with a finding; the rest of the
        // table is still reviewed.
        let errors_before = self.diags.0.len();
        let weight = self.number(row, cols.weight, "分值");
        let score = self.number(row, Some(cols.score), "得分");
        if self.diags.0[errors_before..].iter().any(|d| d.is_error()) {
            let mut reasons = Vec::new();
            for d in &mut self.diags.0[errors_before..] {
                if d.is_error() {
                    d.severity = crate::diag::Severity::Warning;
                    reasons.push(d.message.clone());
                    d.message = cat::left_out(&d.message);
                }
            }
            self.table.skipped.push(SkippedRow {
                line: row.line,
                level1: self.level1.clone(),
                name: if name.is_empty() {
                    raw_name.clone()
                } else {
                    name
                },
                reasons,
            });
            return;
        }
        let (target, actual) = self.target_and_actual(row, cols, &target_text, &actual_text);
        self.table.rows.push(PublishedRow {
            line: row.line,
            level1,
            level2: self.level2.clone(),
            name,
            target_text,
            target,
            actual_text,
            actual,
            weight,
            score,
            explanation: self.text(row, cols.explanation),
        });
    }

    fn target_and_actual(
        &mut self,
        row: &Row,
        cols: IndCols,
        target_text: &str,
        actual_text: &str,
    ) -> (Option<Target>, Option<Value>) {
        let tcell = self.cell(row, cols.target).cloned();
        let acell = self.cell(row, cols.actual).cloned();
        let actual_pct = actual_text.ends_with(['%', '％']);
        let target = if target_text.trim().is_empty() {
            None
        } else {
            // A bare number whose actual is a percentage is a rate.
            let bare = parse_decimal_prefix(target_text.trim())
                .is_some_and(|(_, n)| n == target_text.trim().len());
            let text = if bare && actual_pct {
                format!("{}%", target_text.trim())
            } else {
                target_text.to_string()
            };
            match Target::parse(&text) {
                Ok(mut p) => {
                    if let Some(y) = self.year {
                        p.target = p.target.in_year(y);
                    }
                    if let Some(c) = &tcell {
                        for w in p.warnings {
                            let d = row
                                .point(self.path, Diagnostic::warning(w), c, "")
                                .column_name("年度指标值");
                            self.diags.push(d);
                        }
                    }
                    Some(p.target)
                }
                Err(e) => {
                    if let Some(c) = &tcell {
                        let d = row
                            .point(
                                self.path,
                                Diagnostic::warning(
                                    attain_core::msg::target::unreadable_taken_as_given(
                                        target_text,
                                        e.message,
                                    ),
                                ),
                                c,
                                "",
                            )
                            .column_name("年度指标值")
                            .help(e.help);
                        self.diags.push(d);
                    }
                    None
                }
            }
        };
        let a = actual_text.trim();
        if is_empty_mark(a) {
            return (target, None);
        }
        // An actual written with its comparator (`≥266米`, `100%以上`) is its value.
        let stripped;
        let a = match Target::parse(a) {
            Ok(p)
                if matches!(p.target, Target::Quantitative { explicit: true, .. })
                    && !p.target.is_date()
                    && !p.target.is_ratio()
                    && parse_decimal_prefix(a).is_none_or(|(_, n)| n != a.len()) =>
            {
                match &p.target {
                    Target::Quantitative { value, unit, .. } => {
                        stripped = format!("{value}{unit}");
                        stripped.as_str()
                    }
                    _ => a,
                }
            }
            _ => a,
        };
        let actual = match &target {
            // A date target: the date it was done (met when on or before).
            Some(t) if t.is_date() => match t.date_key(a) {
                Some(k) => Some(Value::Number(k)),
                None => {
                    if let Some(c) = &acell {
                        let d = row
                            .point(
                                self.path,
                                Diagnostic::warning(cat::actual_not_date(a, t)),
                                c,
                                "",
                            )
                            .column_name("实际完成值")
                            .help(cat::date_help());
                        self.diags.push(d);
                    }
                    None
                }
            },
            Some(Target::Qualitative(word)) => {
                match Tier::classify_with(a, word, self.vocabulary) {
                    Some(tier) => Some(Value::Grade {
                        word: a.to_string(),
                        tier,
                    }),
                    None => {
                        if let Some(c) = &acell {
                            let d = row
                                .point(
                                    self.path,
                                    Diagnostic::warning(cat::cannot_tell(a, word)),
                                    c,
                                    "",
                                )
                                .column_name("实际完成值")
                                .help(cat::write_one_of(Tier::accepted_words(word).join(", ")));
                            self.diags.push(d);
                        }
                        None
                    }
                }
            }
            _ => {
                let pct_target = target.as_ref().is_some_and(Target::is_percent);
                match parse_decimal_prefix(a) {
                    Some((d, n)) => {
                        let unit = a[n..].trim();
                        if unit == "%" || unit == "％" {
                            Some(Value::Number(d / Decimal::ONE_HUNDRED))
                        } else if pct_target {
                            if let Some(c) = &acell {
                                let d = row
                                    .point(
                                        self.path,
                                        Diagnostic::note(cat::actual_without_unit(a)),
                                        c,
                                        "",
                                    )
                                    .column_name("实际完成值");
                                self.diags.push(d);
                            }
                            Some(Value::Number(d / Decimal::ONE_HUNDRED))
                        } else {
                            Some(Value::Number(d))
                        }
                    }
                    None => {
                        if target.is_some() {
                            if let Some(c) = &acell {
                                let d = row
                                    .point(
                                        self.path,
                                        Diagnostic::warning(cat::actual_not_number(a)),
                                        c,
                                        "",
                                    )
                                    .column_name("实际完成值");
                                self.diags.push(d);
                            }
                        }
                        None
                    }
                }
            }
        };
        (target, actual)
    }

    fn total_row(&mut self, row: &Row) {
        let mut numbers = Vec::new();
        let mut grade = None;
        for c in row.non_empty().skip(1) {
            let t = c.text.trim();
            let t2 = t.strip_suffix('分').unwrap_or(t).trim();
            // A weight total written as a percentage (`100%`) when the weights are.
            let t2 = t2.strip_suffix(['%', '％']).unwrap_or(t2).trim();
            // `等级 优`, `等级：优` (attain's own year-end table).
            let word = t
                .trim_start_matches("等级")
                .trim_start_matches([':', '：'])
                .trim();
            match parse_decimal_prefix(t2) {
                Some((d, n)) if n == t2.len() => numbers.push(d),
                _ if word.parse::<attain_core::Grade>().is_ok() => grade = Some(word.to_string()),
                _ if is_empty_mark(t) => {}
                // A word, not a number: a grade in another spelling (優, Excellent).
                _ if t.chars().all(char::is_alphabetic) => {
                    let d = row
                        .point(self.path, Diagnostic::error(cat::total_not_grade(t)), c, "")
                        .help(cat::grade_help());
                    self.diags.push(d);
                    return;
                }
                _ => {
                    let d = row
                        .point(
                            self.path,
                            Diagnostic::error(cat::total_not_number(t)),
                            c,
                            "",
                        )
                        .help(cat::total_row_help());
                    self.diags.push(d);
                    return;
                }
            }
        }
        let (weight, score) = match numbers.as_slice() {
            [] => (None, None),
            [s] => (None, Some(*s)),
            [w, s] => (Some(*w), Some(*s)),
            _ => {
                let d = row.point_row(
                    self.path,
                    Diagnostic::error(cat::total_numbers(numbers.len())),
                );
                self.diags.push(d.help(cat::total_example_help()));
                return;
            }
        };
        self.table.total = Some(PublishedTotal {
            line: row.line,
            weight,
            score,
        });
        if let Some(word) = grade {
            self.table.grade = Some(PublishedGrade {
                line: row.line,
                word,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use attain_core::Comparator;
    use rust_decimal_macros::dec;

    #[test]
    fn template_prefixes() {
        assert_eq!(strip_template_prefix("指标1:完成项目数量"), "完成项目数量");
        assert_eq!(strip_template_prefix("指标2："), "");
        assert_eq!(strip_template_prefix("指标1工程资金金额"), "工程资金金额");
        assert_eq!(strip_template_prefix("指标1:/"), "/");
        assert_eq!(strip_template_prefix("指标完成率"), "指标完成率");
        assert!(is_placeholder("……"));
        assert_eq!(label_points("[产出指标](50分)"), Some(dec!(50)));
        assert_eq!(label_points("满意度指标（10分）"), Some(dec!(10)));
        assert_eq!(label_points("效益指标"), None);
        assert_eq!(section_weight("预算执行（20分）"), Some((true, dec!(20))));
        assert_eq!(section_weight("年度目标 80"), Some((false, dec!(80))));
        assert_eq!(section_weight("年度目标80分"), Some((false, dec!(80))));
        assert_eq!(
            section_weight("预算执行率 99.45%：分值 10.00，得分 9.95"),
            None
        );
        assert_eq!(section_weight("年度绩效指标完成情况"), None);
        let f = footnote_split("注:1.一级指标分值统一设置为:产出指标50分、效益指标30分、服务对象满意度指标10分、预算资金执行率10分。", 3);
        let f: Vec<_> = f
            .iter()
            .map(|w| (w.label.as_str(), w.level1.clone(), w.weight))
            .collect();
        assert_eq!(
            f,
            [
                ("产出指标", Some(Level1::Output), dec!(50)),
                ("效益指标", Some(Level1::Benefit), dec!(30)),
                ("服务对象满意度指标", Some(Level1::Satisfaction), dec!(10)),
                ("预算资金执行率", None, dec!(10)),
            ]
        );
    }

    #[test]
    fn a_small_table() {
        let text = "# a comment\n\
            项目资金(万元)\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n\
            年度资金总额：\t100\t100\t95\t10\t95%\t9.5\n\
            其中:当年财政拨款\t100\t100\t95\t-\t\t-\n\
            一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n\
            产出指标(50分)\t数量指标\t指标1:培训人次\t≥100人次\t90人次\t50\t45\t场地受限\n\
            \t\t指标2:\n\
            \t\t……\n\
            \t\t指标3:会议次数\n\
            满意度指标(50分)\t满意度\t指标1:满意度\t90\t95%\t40\t40\t\n\
            总分\t100\t94.5\t优\n";
        let s = parse_text(text, Path::new("t.txt")).unwrap();
        let t = &s.table;
        let f = t.funds.as_ref().unwrap();
        assert_eq!(
            (f.budget, f.executed, f.weight, f.rate, f.score, f.line),
            (
                Some(dec!(100)),
                Some(dec!(95)),
                Some(dec!(10)),
                Some((dec!(0.95), 0)),
                Some(dec!(9.5)),
                3
            )
        );
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].name, "培训人次");
        assert_eq!(t.rows[0].actual, Some(Value::Number(dec!(90))));
        assert_eq!(t.rows[0].explanation, "场地受限");
        // A bare 90 whose actual is 95% is a rate: =90%.
        assert_eq!(
            t.rows[1]
                .target
                .as_ref()
                .map(|t| (t.comparator(), t.threshold(), t.to_string())),
            Some((Some(Comparator::Eq), Some(dec!(0.9)), "=90%".to_string()))
        );
        assert_eq!(t.rows[1].actual, Some(Value::Number(dec!(0.95))));
        assert_eq!(t.rows[1].level1, Level1::Satisfaction);
        assert_eq!(t.blocks.len(), 2);
        assert_eq!(t.blocks[1].weight, Some(dec!(50)));
        assert_eq!(
            t.total,
            Some(PublishedTotal {
                line: 11,
                weight: Some(dec!(100)),
                score: Some(dec!(94.5))
            })
        );
        assert_eq!(t.grade.as_ref().map(|g| g.word.as_str()), Some("优"));
        let msgs: Vec<String> = s
            .diagnostics
            .iter()
            .map(|d| format!("{:?}:{:?}: {}", d.severity, d.line, d.message.en()))
            .collect();
        assert_eq!(
            msgs,
            [
                "Note:Some(7): skipped the empty template row `指标2:`",
                "Note:Some(8): skipped the template placeholder row `……`",
                "Note:Some(9): skipped `会议次数`: the row has a name but no target, actual, weight or score",
                "Warning:Some(10): `90%` has no comparator: read as `=90%` (a rate: =); write the comparator to make it explicit",
            ]
        );
    }

    #[test]
    fn unreadable_tables_fail() {
        let e = parse_text("just some text\nand more\n", Path::new("x.txt")).unwrap_err();
        assert!(e
            .0
            .errors()
            .next()
            .unwrap()
            .message
            .en()
            .contains("no indicator header"));
        let e = parse_text(
            "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n产出\t数量\t甲\t≥1\t1\t十\t10\n",
            Path::new("x.txt"),
        )
        .unwrap_err();
        // The one row is left out (a warning at its cell): nothing is left to check.
        let w: Vec<_> = e.0.iter().map(|d| (d.severity, d.line, d.column)).collect();
        assert_eq!(
            w,
            [
                (crate::diag::Severity::Warning, Some(2), Some(14)),
                (crate::diag::Severity::Error, None, None)
            ]
        );
        assert_eq!(
            e.0.errors().next().unwrap().message.en(),
            "the table has no indicator rows that can be read"
        );
    }

    #[test]
    fn a_row_left_out_says_why_in_each_language() {
        let text = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n\
            产出指标\t数量指标\t甲\t≥1个\t1个\t-5\t10\n\
            \t\t乙\t≥1个\t1个\t10\t10\n";
        let s = parse_text(text, Path::new("x.txt")).unwrap();
        let sk = &s.table.skipped;
        assert_eq!(sk.len(), 1);
        assert_eq!((sk[0].line, sk[0].name.as_str()), (2, "甲"));
        let why: Vec<_> = sk[0].reasons.iter().map(|m| (m.key(), m.zh())).collect();
        assert_eq!(why, [("selfeval.negative", "分值“-5”为负数".to_string())]);
        let d = s.diagnostics.iter().find(|d| d.line == Some(2)).unwrap();
        assert_eq!(d.severity, crate::diag::Severity::Warning);
        assert_eq!(d.message.zh(), "分值“-5”为负数：该行不计入复核");
        assert_eq!(
            d.message.en(),
            "分值 `-5` is negative: the row is left out of the review"
        );
        assert_eq!(
            d.help.as_ref().map(|h| h.zh()).as_deref(),
            Some("分值和得分应为 0 至该行分值之间的数：请改正正负号")
        );
    }
}
