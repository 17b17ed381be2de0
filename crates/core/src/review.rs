//! Review of a filled-in 项目支出绩效自评表 (project self-evaluation table) as
//! published: recompute every row that can be recomputed under a scoring profile and
//! report where the published figures disagree with the rules or with themselves.
//!
//! Findings (each names the table line, the indicator, the published figure and the
//! expected one):
//!
//! * `score-differs`: the published score is not the rule's (a qualitative score
//!   outside its tier's band also counts);
//! * `score-above-weight`: more points than the row's weight;
//! * `met-target-docked`: the target is met but points were taken off;
//! * `docked-without-explanation`: points taken off with an empty
//!   偏差原因分析及改进措施 cell;
//! * `subtotal-mismatch`: a block labelled e.g. `产出指标(50分)` whose rows' weights do
//!   not add up to that;
//! * `total-mismatch`: the 总分 row's score (or weight) is not the sum of the rows';
//! * `grade-mismatch`: the published grade is not the grade of the published total;
//! * `weights-not-100`: the weights (funds row included) do not add up to 100;
//! * `rate-differs`: the published 执行率 is not executed ÷ budget at the precision
//!   published, rounded or truncated (97.80 % for 97.8089… % is truncation, not a
//!   finding);
//! * `subtotal-mismatch` also for a 小计 row that is not the sum of its block;
//! * `footnote-split-differs`: the weights used for a block are not the split the
//!   table's own footnote states (产出指标50分 stated, 70 used);
//! * `row-skipped`: a row with a cut or unreadable cell, left out of the review.
//!
//! What a layout does not allow is listed in [`Review::not_checked`] (a table without
//! a 分值 column: row scores). Under `--rounding cents`, a table with findings that is
//! consistent in whole points says so ([`Review::consistent_with`]).
//!
//! Rows without a target or an actual (qualitative rows with only a weight and a
//! score) cannot be recomputed: their published score is taken as given, with a note.
//! A table without a 总分 row has no published total: none is invented.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use crate::fmt::{plain, round};
use crate::indicator::{generate_ids, Indicator, Level1, Measure};
use crate::msg::review as msg;
use crate::msg::Msg;
use crate::period::Period;
use crate::scoring::{grade, score_execution, score_indicator, Grade, RowScore, Status};
use crate::settings::{Rounding, Scoring};
use crate::target::Target;
use crate::value::Value;

/// The funds block's 年度资金总额 row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PublishedFunds {
    /// 1-based line in the table.
    pub line: usize,
    /// 年初预算数
    pub initial: Option<Decimal>,
    /// 全年预算数 (A)
    pub budget: Option<Decimal>,
    /// 全年执行数 (B)
    pub executed: Option<Decimal>,
    /// 分值
    pub weight: Option<Decimal>,
    /// 执行率 (B/A) as a fraction, and the number of decimals it was published with
    /// as a percentage (0 for `86%`).
    pub rate: Option<(Decimal, u32)>,
    /// 得分
    pub score: Option<Decimal>,
}

/// A first-level block label, e.g. `[产出指标](50分)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedBlock {
    pub line: usize,
    pub level1: Level1,
    /// The label as written.
    pub label: String,
    /// The points in the label, when given.
    pub weight: Option<Decimal>,
}

/// An indicator row (三级指标).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedRow {
    pub line: usize,
    pub level1: Level1,
    pub level2: String,
    /// The 三级指标 name, without template residue such as `指标1:`.
    pub name: String,
    /// 年度指标值 as written.
    pub target_text: String,
    /// The target, `None` when the cell is empty or could not be read.
    pub target: Option<Target>,
    /// 实际完成值 as written.
    pub actual_text: String,
    /// The actual in the target's computing unit, `None` when empty or unreadable.
    pub actual: Option<Value>,
    /// 分值
    pub weight: Option<Decimal>,
    /// 得分
    pub score: Option<Decimal>,
    /// 偏差原因分析及改进措施
    pub explanation: String,
}

/// The 总分 row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublishedTotal {
    pub line: usize,
    pub weight: Option<Decimal>,
    pub score: Option<Decimal>,
}

/// A grade as published (评价等级 …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedGrade {
    pub line: usize,
    pub word: String,
}

/// A subtotal row (`决策小计`, `小计`) under a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedSubtotal {
    pub line: usize,
    /// The block it closes (the rows read since the previous subtotal or block).
    pub level1: Level1,
    pub weight: Option<Decimal>,
    pub score: Option<Decimal>,
}

/// A weight stated for a part of the table outside the rows: a section label
/// (`预算执行（20分）`, `年度目标 80`) or the table's footnote
/// (`注:1.一级指标分值统一设置为:产出指标50分、效益指标30分…`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatedWeight {
    pub line: usize,
    /// The part as written (`产出指标`, `预算资金执行率`).
    pub label: String,
    /// The block it names; `None` for budget execution or all the indicator rows.
    pub level1: Option<Level1>,
    pub weight: Decimal,
}

/// A row that could not be read whole (a cut cell): left out of the review, and said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedRow {
    pub line: usize,
    /// The block it was in, when known.
    pub level1: Option<Level1>,
    pub name: String,
    /// Why: the findings about the row's cells.
    pub reasons: Vec<crate::msg::Msg>,
}

/// A self-evaluation table as read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PublishedTable {
    /// The layout recognised from the headers (`standard`, `Yunnan` …), for the reader.
    pub layout: String,
    pub funds: Option<PublishedFunds>,
    pub blocks: Vec<PublishedBlock>,
    pub rows: Vec<PublishedRow>,
    pub subtotals: Vec<PublishedSubtotal>,
    /// A separate table of block scores (一级指标得分, as attain writes beside its
    /// year-end table): each row is checked against all the rows of its block.
    pub block_scores: Vec<PublishedSubtotal>,
    pub total: Option<PublishedTotal>,
    pub grade: Option<PublishedGrade>,
    /// True when the rows have a 分值 (or 权重) column.
    pub has_row_weights: bool,
    /// 预算执行 N in a section label: the funds row's weight when it has none.
    pub execution_weight: Option<StatedWeight>,
    /// 年度目标 N in a section label: the points of all the indicator rows.
    pub targets_weight: Option<StatedWeight>,
    /// The block split the table's footnote states.
    pub footnote: Vec<StatedWeight>,
    pub skipped: Vec<SkippedRow>,
}

/// A figure in a finding: points, or a word or percentage as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Figure {
    Points(Decimal),
    Text(String),
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Figure::Points(d) => f.write_str(&plain(*d)),
            Figure::Text(t) => f.write_str(t),
        }
    }
}

impl Serialize for Figure {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// What a finding is about. See the module documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FindingKind {
    ScoreDiffers,
    ScoreAboveWeight,
    MetTargetDocked,
    DockedWithoutExplanation,
    SubtotalMismatch,
    TotalMismatch,
    GradeMismatch,
    WeightsNot100,
    RateDiffers,
    /// A row marked not applicable (`/`) that carries a weight or a score.
    NotApplicableScored,
    /// The weights used for a block differ from the split the table's footnote states.
    FootnoteSplitDiffers,
    /// A row that could not be read (a cut cell) and was left out.
    RowSkipped,
}

impl FindingKind {
    /// The kebab-case code used in JSON.
    pub fn code(self) -> &'static str {
        match self {
            FindingKind::ScoreDiffers => "score-differs",
            FindingKind::ScoreAboveWeight => "score-above-weight",
            FindingKind::MetTargetDocked => "met-target-docked",
            FindingKind::DockedWithoutExplanation => "docked-without-explanation",
            FindingKind::SubtotalMismatch => "subtotal-mismatch",
            FindingKind::TotalMismatch => "total-mismatch",
            FindingKind::GradeMismatch => "grade-mismatch",
            FindingKind::WeightsNot100 => "weights-not-100",
            FindingKind::RateDiffers => "rate-differs",
            FindingKind::NotApplicableScored => "not-applicable-scored",
            FindingKind::FootnoteSplitDiffers => "footnote-split-differs",
            FindingKind::RowSkipped => "row-skipped",
        }
    }
}

impl fmt::Display for FindingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for FindingKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// A published figure that disagrees with the rules or with the table itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// 1-based table line.
    pub line: usize,
    /// The indicator, block or `总分`.
    pub indicator: String,
    pub kind: FindingKind,
    pub published: Option<Figure>,
    pub expected: Option<Figure>,
    /// For people, with the arithmetic; JSON gives it in English (the report renders
    /// it in its language).
    #[serde(serialize_with = "crate::msg::scoring::serialize_en")]
    pub message: Msg,
}

/// Something worth knowing that is not a fault (a row taken as given …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewNote {
    pub line: Option<usize>,
    #[serde(serialize_with = "crate::msg::scoring::serialize_en")]
    pub message: Msg,
}

/// One row as reviewed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewedRow {
    pub line: usize,
    pub block: String,
    pub indicator: String,
    pub target: String,
    pub actual: String,
    #[serde(with = "crate::dec_serde::option")]
    pub weight: Option<Decimal>,
    #[serde(with = "crate::dec_serde::option")]
    pub published: Option<Decimal>,
    /// The rule's score; `None` when the row cannot be recomputed.
    pub recomputed: Option<RowScore>,
    /// What the row adds to the recomputed total (its published score when it cannot
    /// be recomputed, or when a qualitative score lies inside its tier's band).
    #[serde(with = "crate::dec_serde")]
    pub counted: Decimal,
    /// True when the row has a finding.
    pub flagged: bool,
}

/// Published and recomputed totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TotalCheck {
    /// The 总分 row's score; `None` when the table has none.
    #[serde(with = "crate::dec_serde::option")]
    pub published: Option<Decimal>,
    /// The sum of the published row scores (funds row included).
    #[serde(with = "crate::dec_serde")]
    pub sum_of_rows: Decimal,
    /// The sum of the rows as recomputed.
    #[serde(with = "crate::dec_serde")]
    pub recomputed: Decimal,
}

/// Published and expected grades.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GradeCheck {
    pub published: Option<String>,
    /// The grade of the published total, or of the recomputed total when there is no
    /// published one.
    pub expected: Grade,
    /// The grade of the recomputed total.
    pub recomputed: Grade,
}

/// The result of a review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Review {
    /// The funds row first (when present), then the indicator rows.
    pub rows: Vec<ReviewedRow>,
    pub findings: Vec<Finding>,
    pub notes: Vec<ReviewNote>,
    /// The sum of the weights, funds row included.
    #[serde(with = "crate::dec_serde")]
    pub weight_total: Decimal,
    pub total: TotalCheck,
    pub grade: GradeCheck,
    /// The layout recognised (as [`PublishedTable::layout`]).
    pub layout: String,
    /// The checks the table's layout does not allow, each with why.
    #[serde(serialize_with = "crate::msg::scoring::serialize_all_en")]
    pub not_checked: Vec<Msg>,
    /// Another profile under which the table has no findings (`--rounding whole`).
    pub consistent_with: Option<String>,
}

impl Review {
    /// True when there are no findings.
    pub fn is_consistent(&self) -> bool {
        self.findings.is_empty()
    }
}

/// An explanation cell that says nothing (`0`, `-`, `/`, `无`, empty).
pub fn is_blank_explanation(text: &str) -> bool {
    matches!(
        text.trim(),
        "" | "0" | "-" | "—" | "——" | "/" | "／" | "无" | "不适用"
    )
}

struct Reviewer {
    findings: Vec<Finding>,
    notes: Vec<ReviewNote>,
}

impl Reviewer {
    fn find(
        &mut self,
        line: usize,
        indicator: &str,
        kind: FindingKind,
        published: Option<Figure>,
        expected: Option<Figure>,
        message: Msg,
    ) {
        self.findings.push(Finding {
            line,
            indicator: indicator.to_string(),
            kind,
            published,
            expected,
            message,
        });
    }

    fn note(&mut self, line: Option<usize>, message: Msg) {
        self.notes.push(ReviewNote { line, message });
    }

    /// Compare a published score with the rule's for a quantitative (or funds) row.
    /// Returns what the row counts in the recomputed total.
    fn compare(
        &mut self,
        line: usize,
        name: &str,
        w: Decimal,
        published: Decimal,
        rs: &RowScore,
    ) -> Decimal {
        let p = Figure::Points(published);
        if published > w {
            self.find(
                line,
                name,
                FindingKind::ScoreAboveWeight,
                Some(p),
                Some(Figure::Points(w)),
                msg::score_above_weight(name, plain(published), plain(w)),
            );
        } else if rs.met == Some(true) && published < w {
            self.find(
                line,
                name,
                FindingKind::MetTargetDocked,
                Some(p),
                Some(Figure::Points(rs.rule_score)),
                msg::met_target_docked(name, &rs.working, plain(published), plain(w)),
            );
        } else if published != rs.rule_score {
            self.find(
                line,
                name,
                FindingKind::ScoreDiffers,
                Some(p),
                Some(Figure::Points(rs.rule_score)),
                msg::score_differs(name, plain(published), plain(rs.rule_score), &rs.working),
            );
        }
        rs.rule_score
    }
}

/// Review `table` under the scoring profile `settings` (rounding, grade bands, rule for
/// lower-is-better targets). Pure: the table comes in as values.
pub fn review(table: &PublishedTable, settings: &Scoring) -> Review {
    let mut rv = review_under(table, settings);
    if !rv.is_consistent() && settings.rounding == Rounding::Cents {
        let whole = Scoring {
            rounding: Rounding::Whole,
            ..settings.clone()
        };
        if review_under(table, &whole).is_consistent() {
            rv.consistent_with = Some("--rounding whole".into());
        }
    }
    rv
}

fn review_under(table: &PublishedTable, settings: &Scoring) -> Review {
    let mut r = Reviewer {
        findings: Vec::new(),
        notes: Vec::new(),
    };
    let mut rows = Vec::new();
    let mut weight_total = Decimal::ZERO;
    let mut sum_of_rows = Decimal::ZERO;
    let mut recomputed_total = Decimal::ZERO;

    if let Some(f) = &table.funds {
        let name = "预算执行率 (年度资金总额)";
        let f = &PublishedFunds {
            weight: f
                .weight
                .or(table.execution_weight.as_ref().map(|w| w.weight)),
            ..f.clone()
        };
        // A department's form (部门整体支出绩效自评表) repeats the 预算执行率 indicator
        // row's 分值 and 得分 on the 年度资金总额 row: the funds row is checked, but
        // counted once, as that row.
        let repeated = table
            .rows
            .iter()
            .find(|p| p.name.contains("预算执行率") && p.weight == f.weight && p.score == f.score);
        if let Some(p) = repeated {
            r.note(Some(f.line), msg::funds_repeated(&p.name, p.line));
        }
        let once = if repeated.is_some() {
            Decimal::ZERO
        } else {
            Decimal::ONE
        };
        weight_total += f.weight.unwrap_or_default() * once;
        sum_of_rows += f.score.unwrap_or_default() * once;
        let mut recomputed = None;
        let mut counted = f.score.unwrap_or_default();
        match (f.weight, f.budget, f.executed) {
            (Some(w), Some(b), Some(e)) => {
                let rs = score_execution(w, e, b, settings);
                if let Status::Unscorable(why) = &rs.status {
                    r.note(Some(f.line), msg::funds_unscorable(name, why));
                } else {
                    match f.score {
                        Some(s) => counted = r.compare(f.line, name, w, s, &rs),
                        None => {
                            counted = rs.rule_score;
                            r.note(
                                Some(f.line),
                                msg::funds_no_score(name, plain(rs.rule_score)),
                            );
                        }
                    }
                    if let Some((rate, dp)) = f.rate {
                        let exact = e / b;
                        let at = round(exact * Decimal::ONE_HUNDRED, dp);
                        let published = round(rate * Decimal::ONE_HUNDRED, dp);
                        // Publishers truncate as often as they round: 97.8089… % shown
                        // as 97.80 % is not a finding.
                        let truncated = (exact * Decimal::ONE_HUNDRED).trunc_with_scale(dp);
                        if at != published && truncated != published {
                            r.find(
                                f.line,
                                name,
                                FindingKind::RateDiffers,
                                Some(Figure::Text(format!(
                                    "{}%",
                                    plain(rate * Decimal::ONE_HUNDRED)
                                ))),
                                Some(Figure::Text(format!("{}%", plain(at)))),
                                msg::rate_differs(
                                    plain(rate * Decimal::ONE_HUNDRED),
                                    plain(e),
                                    plain(b),
                                    plain(round(exact * Decimal::ONE_HUNDRED, 2)),
                                ),
                            );
                        }
                    }
                    recomputed = Some(rs);
                }
            }
            _ => r.note(Some(f.line), msg::funds_incomplete(name)),
        }
        recomputed_total += counted * once;
        let flagged = r.findings.iter().any(|x| x.line == f.line);
        rows.push(ReviewedRow {
            line: f.line,
            block: "预算执行".into(),
            indicator: name.into(),
            target: f.budget.map(plain).unwrap_or_default(),
            actual: f.executed.map(plain).unwrap_or_default(),
            weight: f.weight,
            published: f.score,
            recomputed,
            counted,
            flagged,
        });
    }

    // A table without a 分值 column (Hubei) weights its blocks in their labels.
    let rows_weighted = table.has_row_weights || table.rows.iter().any(|p| p.weight.is_some());
    let mut not_checked = Vec::new();
    if !rows_weighted && !table.rows.is_empty() {
        not_checked.push(msg::no_weight_column());
    }
    let ids = generate_ids(table.rows.iter().map(|p| &p.level1));
    for (p, id) in table.rows.iter().zip(ids) {
        let name = p.name.as_str();
        let line = p.line;
        weight_total += p.weight.unwrap_or_default();
        sum_of_rows += p.score.unwrap_or_default();
        let not_applicable = (matches!(p.target, Some(Target::NotApplicable))
            && matches!(p.name.as_str(), "" | "/" | "／"))
            || (p.weight.is_none()
                && p.score.is_none()
                && matches!(p.target, Some(Target::NotApplicable) | None));
        if not_applicable {
            if p.weight.is_some() || p.score.is_some() {
                // The rules drop a not-applicable indicator and rescale the others to
                // 100; a table that weights and scores it anyway is not consistent.
                r.find(
                    line,
                    name,
                    FindingKind::NotApplicableScored,
                    p.score.map(Figure::Points),
                    Some(Figure::Text("/".into())),
                    match (p.weight, p.score) {
                        (Some(w), Some(s)) => msg::not_applicable_weighted_scored(
                            &p.level1,
                            &p.level2,
                            &p.name,
                            plain(w),
                            plain(s),
                        ),
                        (Some(w), None) => {
                            msg::not_applicable_weighted(&p.level1, &p.level2, &p.name, plain(w))
                        }
                        (_, s) => msg::not_applicable_scored(
                            &p.level1,
                            &p.level2,
                            &p.name,
                            plain(s.unwrap_or_default()),
                        ),
                    },
                );
                recomputed_total += p.score.unwrap_or_default();
            } else {
                r.note(
                    Some(line),
                    msg::not_applicable(&p.level1, &p.level2, &p.name),
                );
            }
            continue;
        }
        let mut recomputed = None;
        let mut counted = p.score.unwrap_or_default();
        // Without row weights, the only row of a block with points in its label (Hubei's
        // `预算执行（20分）` | 预算执行率) has the block's weight.
        let weight = p.weight.or_else(|| {
            if rows_weighted || table.rows.iter().filter(|q| q.level1 == p.level1).count() != 1 {
                return None;
            }
            let w = table
                .blocks
                .iter()
                .find(|b| b.level1 == p.level1)
                .and_then(|b| b.weight)?;
            r.note(Some(line), msg::only_row(name, plain(w)));
            Some(w)
        });
        match (weight, &p.target, &p.actual) {
            (Some(w), Some(target), Some(actual)) if target.is_applicable() => {
                let ind = Indicator {
                    id,
                    level1: p.level1.clone(),
                    level2: p.level2.clone(),
                    key_work: None,
                    name: p.name.clone(),
                    h1: Target::NotApplicable,
                    measure: Measure::infer(&p.name, target),
                    fy: target.clone(),
                    weight: w,
                    rule: None,
                };
                let rs = score_indicator(&ind, Period::FullYear, Some(actual), settings);
                match (&rs.status, p.score) {
                    (Status::Unscorable(why), _) => {
                        r.note(Some(line), msg::row_unscorable(name, why))
                    }
                    (_, None) => {
                        counted = rs.rule_score;
                        r.note(Some(line), msg::row_no_score(name, plain(rs.rule_score)));
                    }
                    (_, Some(s)) => match (rs.tier, rs.band) {
                        (Some(tier), Some((lo, hi, closed))) => {
                            let (lo, hi) = (lo * w, hi * w);
                            if s > w {
                                r.compare(line, name, w, s, &rs);
                                counted = rs.rule_score;
                            } else if s < lo || s > hi || (s == hi && !closed) {
                                r.find(
                                    line,
                                    name,
                                    FindingKind::ScoreDiffers,
                                    Some(Figure::Points(s)),
                                    Some(Figure::Points(rs.rule_score)),
                                    msg::outside_band(
                                        name,
                                        tier.zh(),
                                        &p.actual_text,
                                        &p.target_text,
                                        plain(lo),
                                        plain(hi),
                                        plain(w),
                                        plain(s),
                                    ),
                                );
                                counted = rs.rule_score;
                            }
                        }
                        _ => counted = r.compare(line, name, w, s, &rs),
                    },
                }
                if rs.review {
                    for n in &rs.notes {
                        r.note(Some(line), crate::msg::scoring::over_achieved(name, n));
                    }
                }
                recomputed = Some(rs).filter(|x| !matches!(x.status, Status::Unscorable(_)));
            }
            (Some(_), Some(Target::NotApplicable), _) => {
                r.note(Some(line), msg::weight_without_target(name))
            }
            (Some(_), _, _) => {
                let missing = match (&p.target, &p.actual) {
                    (None, None) => msg::no_target_no_actual,
                    (None, _) => msg::no_target,
                    _ => msg::no_actual,
                };
                r.note(Some(line), missing(name));
            }
            (None, _, _) if rows_weighted => r.note(Some(line), msg::no_weight(name)),
            (None, _, _) => {}
        }
        if let (Some(w), Some(s)) = (weight, p.score) {
            if s < w && is_blank_explanation(&p.explanation) {
                r.find(
                    line,
                    name,
                    FindingKind::DockedWithoutExplanation,
                    Some(Figure::Points(s)),
                    Some(Figure::Points(w)),
                    msg::docked_without_explanation(name, plain(s), plain(w)),
                );
            }
        }
        recomputed_total += counted;
        let flagged = r.findings.iter().any(|x| x.line == line);
        rows.push(ReviewedRow {
            line,
            block: p.level1.name().to_string(),
            indicator: p.name.clone(),
            target: p.target_text.clone(),
            actual: p.actual_text.clone(),
            weight,
            published: p.score,
            recomputed,
            counted,
            flagged,
        });
    }

    // Block labels with points: the rows' weights add up to them, or (without row
    // weights) the rows' scores stay within them.
    let cut = |l: &Level1| table.skipped.iter().any(|k| k.level1.as_ref() == Some(l));
    for b in &table.blocks {
        let Some(bw) = b.weight else { continue };
        if cut(&b.level1) {
            not_checked.push(msg::block_cut(&b.label));
            continue;
        }
        let in_block = || table.rows.iter().filter(|p| p.level1 == b.level1);
        if rows_weighted {
            let sum: Decimal = in_block().filter_map(|p| p.weight).sum();
            if sum != bw {
                r.find(
                    b.line,
                    b.level1.name(),
                    FindingKind::SubtotalMismatch,
                    Some(Figure::Points(bw)),
                    Some(Figure::Points(sum)),
                    msg::block_weights(&b.label, plain(bw), plain(sum)),
                );
            }
        } else {
            weight_total += bw;
            let scored: Decimal = in_block().filter_map(|p| p.score).sum();
            if scored > bw {
                r.find(
                    b.line,
                    b.level1.name(),
                    FindingKind::ScoreAboveWeight,
                    Some(Figure::Points(scored)),
                    Some(Figure::Points(bw)),
                    msg::block_scores_above(&b.label, plain(scored), plain(bw)),
                );
            }
        }
    }
    if let Some(tw) = &table.targets_weight {
        let scored: Decimal = table.rows.iter().filter_map(|p| p.score).sum();
        if !rows_weighted && !table.blocks.iter().any(|b| b.weight.is_some()) {
            weight_total += tw.weight;
        }
        let weights: Decimal = table.rows.iter().filter_map(|p| p.weight).sum();
        if rows_weighted && weights != tw.weight {
            r.find(
                tw.line,
                &tw.label,
                FindingKind::SubtotalMismatch,
                Some(Figure::Points(tw.weight)),
                Some(Figure::Points(weights)),
                msg::targets_weights(&tw.label, plain(tw.weight), plain(weights)),
            );
        }
        if scored > tw.weight {
            r.find(
                tw.line,
                &tw.label,
                FindingKind::ScoreAboveWeight,
                Some(Figure::Points(scored)),
                Some(Figure::Points(tw.weight)),
                msg::targets_scores_above(plain(scored), &tw.label, plain(tw.weight)),
            );
        }
    }

    // 小计 rows: the sum of their block.
    let mut from = 0;
    for st in &table.subtotals {
        let rows_in: Vec<&PublishedRow> = table
            .rows
            .iter()
            .filter(|p| p.line > from && p.line < st.line && p.level1 == st.level1)
            .collect();
        from = st.line;
        if cut(&st.level1) {
            continue;
        }
        let label = format!("{}小计", st.level1.name());
        for (what, published, sum) in [
            (
                "分值",
                st.weight,
                rows_in.iter().filter_map(|p| p.weight).sum::<Decimal>(),
            ),
            (
                "得分",
                st.score,
                rows_in.iter().filter_map(|p| p.score).sum::<Decimal>(),
            ),
        ] {
            if let Some(p) = published {
                if p != sum {
                    r.find(
                        st.line,
                        &label,
                        FindingKind::SubtotalMismatch,
                        Some(Figure::Points(p)),
                        Some(Figure::Points(sum)),
                        msg::subtotal(&label, what, plain(p), rows_in.len(), plain(sum)),
                    );
                }
            }
        }
    }

    // A 一级指标得分 table: each block's weight and score against all its rows.
    for st in &table.block_scores {
        if cut(&st.level1) {
            continue;
        }
        let rows_in: Vec<&PublishedRow> = table
            .rows
            .iter()
            .filter(|p| p.level1 == st.level1)
            .collect();
        let label = format!("{}（一级指标得分）", st.level1.name());
        for (what, published, sum) in [
            (
                "分值",
                st.weight,
                rows_in.iter().filter_map(|p| p.weight).sum::<Decimal>(),
            ),
            (
                "得分",
                st.score,
                rows_in.iter().filter_map(|p| p.score).sum::<Decimal>(),
            ),
        ] {
            if let Some(p) = published.filter(|p| *p != sum) {
                r.find(
                    st.line,
                    &label,
                    FindingKind::SubtotalMismatch,
                    Some(Figure::Points(p)),
                    Some(Figure::Points(sum)),
                    msg::block_score_table(
                        st.level1.name(),
                        what,
                        plain(p),
                        rows_in.len(),
                        plain(sum),
                    ),
                );
            }
        }
    }

    // The split the table's own footnote states.
    for st in &table.footnote {
        if st.level1.as_ref().is_some_and(cut) {
            continue;
        }
        let used = match &st.level1 {
            Some(l) => {
                let rows: Decimal = table
                    .rows
                    .iter()
                    .filter(|p| &p.level1 == l)
                    .filter_map(|p| p.weight)
                    .sum();
                let label = table
                    .blocks
                    .iter()
                    .find(|b| &b.level1 == l)
                    .and_then(|b| b.weight);
                if rows_weighted {
                    Some(rows)
                } else {
                    label
                }
            }
            None => table
                .funds
                .as_ref()
                .and_then(|f| f.weight)
                .or(table.execution_weight.as_ref().map(|w| w.weight)),
        };
        if let Some(used) = used.filter(|u| *u != st.weight) {
            r.find(
                st.line,
                &st.label,
                FindingKind::FootnoteSplitDiffers,
                Some(Figure::Points(used)),
                Some(Figure::Points(st.weight)),
                msg::footnote_split(&st.label, plain(st.weight), plain(used)),
            );
        }
    }

    // Rows left out.
    for sk in &table.skipped {
        r.find(
            sk.line,
            &sk.name,
            FindingKind::RowSkipped,
            None,
            None,
            msg::row_skipped(
                &sk.name,
                sk.reasons
                    .iter()
                    .cloned()
                    .reduce(crate::msg::cli::list)
                    .unwrap_or_else(|| crate::msg::Msg::verbatim("")),
            ),
        );
    }

    // The 总分 row. With a row left out, the sums would be short by that row: the
    // total and the weights are not checked, and the review says so.
    if !table.skipped.is_empty() {
        not_checked.push(msg::total_cut(table.skipped.len()));
    }
    match &table.total {
        Some(_) if !table.skipped.is_empty() => {}
        Some(t) => {
            if let Some(s) = t.score {
                if s != sum_of_rows {
                    r.find(
                        t.line,
                        "总分",
                        FindingKind::TotalMismatch,
                        Some(Figure::Points(s)),
                        Some(Figure::Points(sum_of_rows)),
                        msg::total_differs(plain(s), plain(sum_of_rows)),
                    );
                }
            } else {
                r.note(Some(t.line), msg::total_no_score());
            }
            if let Some(tw) = t.weight {
                if tw != weight_total {
                    r.find(
                        t.line,
                        "总分",
                        FindingKind::TotalMismatch,
                        Some(Figure::Points(tw)),
                        Some(Figure::Points(weight_total)),
                        msg::total_weights(plain(tw), plain(weight_total)),
                    );
                }
            }
        }
        None => r.note(None, msg::no_total(plain(sum_of_rows))),
    }
    if weight_total != Decimal::ONE_HUNDRED && table.skipped.is_empty() {
        r.find(
            table
                .total
                .map(|t| t.line)
                .or(table.rows.first().map(|p| p.line))
                .unwrap_or(0),
            "分值",
            FindingKind::WeightsNot100,
            Some(Figure::Points(weight_total)),
            Some(Figure::Points(Decimal::ONE_HUNDRED)),
            msg::weights_not_100(plain(weight_total)),
        );
    }

    let published_total = table.total.and_then(|t| t.score);
    let expected = grade(
        published_total.unwrap_or(recomputed_total),
        &settings.grades,
    );
    if let Some(g) = &table.grade {
        match g.word.parse::<Grade>() {
            Ok(pg) if pg != expected => r.find(
                g.line,
                "评价等级",
                FindingKind::GradeMismatch,
                Some(Figure::Text(g.word.clone())),
                Some(Figure::Text(expected.zh().into())),
                msg::grade_differs(
                    &g.word,
                    plain(published_total.unwrap_or(recomputed_total)),
                    expected.zh(),
                    plain(settings.grades.excellent),
                    plain(settings.grades.good),
                    plain(settings.grades.fair),
                ),
            ),
            Ok(_) => {}
            Err(e) => r.note(Some(g.line), e),
        }
    }
    r.findings.sort_by_key(|f| (f.line, f.kind));
    Review {
        rows,
        findings: r.findings,
        notes: r.notes,
        weight_total,
        total: TotalCheck {
            published: published_total,
            sum_of_rows,
            recomputed: recomputed_total,
        },
        grade: GradeCheck {
            published: table.grade.as_ref().map(|g| g.word.clone()),
            expected,
            recomputed: grade(recomputed_total, &settings.grades),
        },
        layout: table.layout.clone(),
        not_checked,
        consistent_with: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Rounding;
    use crate::value::Tier;
    use rust_decimal_macros::dec;

    fn prow(
        line: usize,
        l1: &str,
        name: &str,
        t: &str,
        a: Option<Value>,
        w: i64,
        s: Decimal,
    ) -> PublishedRow {
        PublishedRow {
            line,
            level1: Level1::from_label(l1).unwrap(),
            level2: "数量指标".into(),
            name: name.into(),
            target_text: t.into(),
            target: (!t.is_empty()).then(|| t.parse().unwrap()),
            actual_text: String::new(),
            actual: a,
            weight: Some(Decimal::from(w)),
            score: Some(s),
            explanation: String::new(),
        }
    }

    /// 廊坊 2019 in miniature: funds 37.24 of 43.2 scored 9 of 10.
    fn langfang() -> PublishedTable {
        PublishedTable {
            funds: Some(PublishedFunds {
                line: 9,
                initial: Some(dec!(43.2)),
                budget: Some(dec!(43.2)),
                executed: Some(dec!(37.24)),
                weight: Some(dec!(10)),
                rate: Some((dec!(0.86), 0)),
                score: Some(dec!(9)),
            }),
            blocks: Vec::new(),
            rows: vec![
                PublishedRow {
                    explanation: "尾款未付".into(),
                    ..prow(
                        15,
                        "产出",
                        "工程资金金额",
                        "≥43.2",
                        Some(Value::Number(dec!(37.24))),
                        10,
                        dec!(9),
                    )
                },
                prow(
                    17,
                    "产出",
                    "工程完工率",
                    "≥100",
                    Some(Value::Number(dec!(100))),
                    80,
                    dec!(80),
                ),
            ],
            total: None,
            grade: None,
            ..PublishedTable::default()
        }
    }

    #[test]
    fn langfang_cents_finds_both_rows_whole_is_consistent() {
        // 10 × 37.24 ÷ 43.2 = 8.6203… → 8.62 in cents, 9 in whole points.
        let rv = review(&langfang(), &Scoring::default());
        let f: Vec<_> = rv
            .findings
            .iter()
            .map(|f| (f.line, f.kind, f.published.clone(), f.expected.clone()))
            .collect();
        assert_eq!(
            f,
            vec![
                (
                    9,
                    FindingKind::ScoreDiffers,
                    Some(Figure::Points(dec!(9))),
                    Some(Figure::Points(dec!(8.62)))
                ),
                (
                    15,
                    FindingKind::ScoreDiffers,
                    Some(Figure::Points(dec!(9))),
                    Some(Figure::Points(dec!(8.62)))
                ),
            ]
        );
        assert_eq!(rv.total.published, None);
        // Published 9 + 9 + 80 = 98; recomputed 8.62 + 8.62 + 80 = 97.24.
        assert_eq!(
            (rv.total.sum_of_rows, rv.total.recomputed),
            (dec!(98), dec!(97.24))
        );
        assert!(rv
            .notes
            .iter()
            .any(|n| n.message.en().contains("the total is not published")));
        let whole = Scoring {
            rounding: Rounding::Whole,
            ..Scoring::default()
        };
        let rv = review(&langfang(), &whole);
        assert!(rv.is_consistent(), "{:?}", rv.findings);
        assert_eq!(rv.total.recomputed, dec!(98));
    }

    #[test]
    fn faults_are_found() {
        let mut t = langfang();
        let f = t.funds.as_mut().unwrap();
        f.executed = Some(dec!(43.2));
        f.rate = Some((dec!(1), 0));
        f.score = Some(dec!(9)); // met, docked
        t.rows[0].score = Some(dec!(11)); // above weight 10
        t.rows[1].score = Some(dec!(70)); // met, docked, no explanation
        t.rows.push(PublishedRow {
            level2: "质量指标".into(),
            ..prow(
                18,
                "产出",
                "制度健全性",
                "健全",
                Some(Value::Grade {
                    word: "基本健全".into(),
                    tier: Tier::Partly,
                }),
                10,
                dec!(9),
            )
        });
        t.blocks.push(PublishedBlock {
            line: 14,
            level1: Level1::Output,
            label: "产出指标(90分)".into(),
            weight: Some(dec!(90)),
        });
        t.total = Some(PublishedTotal {
            line: 30,
            weight: Some(dec!(100)),
            score: Some(dec!(95)),
        });
        t.grade = Some(PublishedGrade {
            line: 31,
            word: "良".into(),
        });
        let rv = review(&t, &Scoring::default());
        let kinds: Vec<_> = rv
            .findings
            .iter()
            .map(|f| (f.line, f.kind.code()))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (9, "met-target-docked"),
                (14, "subtotal-mismatch"),
                (15, "score-above-weight"),
                (17, "met-target-docked"),
                (17, "docked-without-explanation"),
                (18, "score-differs"),
                (18, "docked-without-explanation"),
                (30, "total-mismatch"),
                (30, "total-mismatch"),
                (30, "weights-not-100"),
                (31, "grade-mismatch"),
            ]
        );
        // Published 9 + 11 + 70 + 9 = 99 ≠ 95; weights 10 + 10 + 80 + 10 = 110.
        let total: Vec<_> = rv
            .findings
            .iter()
            .filter(|f| f.line == 30)
            .map(|f| f.message.en())
            .collect();
        assert_eq!(
            total,
            [
                "the 总分 is 95 but the published scores add up to 99",
                "the 总分 row gives the weights as 100 but they add up to 110",
                "the weights (分值) add up to 110, not 100",
            ]
        );
        // 基本健全 is 部分达成: 6 to 8 of 10, not 9.
        let q = rv.findings.iter().find(|f| f.line == 18).unwrap();
        assert!(
            q.message
                .en()
                .contains("may score 6 to 8 of 10, but publishes 9"),
            "{:?}",
            q.message
        );
        // 95 is 优, not 良.
        assert_eq!(rv.grade.expected, Grade::Excellent);
    }
}
