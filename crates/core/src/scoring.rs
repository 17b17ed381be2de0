//! Scoring (绩效自评, DOMAIN.md §3): a score per indicator from its target, actual,
//! weight (分值) and rule; manual adjustments; block subtotals, the total out of 100
//! and the grade; and the deviation explanations (偏差原因, 完成目标可能性, 改进措施)
//! of mid-year monitoring.
//!
//! Let *t* be the target, *a* the actual and *w* the weight. Every score lies in
//! [0, *w*]; rates are fractions (0.98 for 98 %), so `≤10%` in a rule means 0.10.
//!
//! The `rule` column's grammar (评分规则) is in [`crate::rule`].

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::check::Check;
use crate::fmt::{percent, plain, round};
use crate::indicator::{Indicator, IndicatorId, Measure};
use crate::msg::scoring as msg;
use crate::msg::Msg;
use crate::period::Period;
use crate::settings::{GradeBands, LowerIsBetter, Rounding, Scoring};
use crate::target::{Comparator, Direction, Target};
use crate::value::{Tier, Value};

pub use crate::rule::{BandPoint, Deduction, Points, Rule, Step, StepCond};

/// The rule of an indicator without a `rule` cell (DOMAIN.md §3): ≥ and > proportional;
/// `=` with t > 0 as ≥ (its over side: full marks, marked as a deviation); `=0` all or nothing; ≤ and < per `lower_is_better` (default
/// linear to zero), all or nothing when t ≤ 0; qualitative the top of the tier's band;
/// `None` when there is no target.
pub fn default_rule(target: &Target, settings: &Scoring) -> Option<Rule> {
    match target {
        Target::NotApplicable => None,
        Target::Qualitative(_) => Some(Rule::Tier(BandPoint::Top)),
        // A date: done on or before it, or not.
        Target::Quantitative { .. } if target.is_date() => Some(Rule::AllOrNothing),
        Target::Quantitative { cmp, .. } => {
            let t = target.threshold().unwrap_or_default();
            Some(match cmp.direction(t) {
                Direction::HigherIsBetter if t > Decimal::ZERO => Rule::Proportional,
                Direction::HigherIsBetter => Rule::AllOrNothing,
                Direction::LowerIsBetter if t <= Decimal::ZERO => Rule::AllOrNothing,
                Direction::LowerIsBetter => match settings.lower_is_better {
                    LowerIsBetter::LinearToZero => Rule::LinearToZero,
                    LowerIsBetter::Ratio => Rule::Ratio,
                    LowerIsBetter::AllOrNothing => Rule::AllOrNothing,
                },
            })
        }
    }
}

/// The rule an indicator is scored by: its own, else the default for its target in
/// `period`. Budget execution (预算执行率) defaults to proportional: w × min(1, a ÷ t).
pub fn rule_for(ind: &Indicator, period: Period, settings: &Scoring) -> Option<Rule> {
    let target = ind.target(period);
    if !target.is_applicable() {
        return None;
    }
    ind.rule.clone().or_else(|| match ind.measure {
        Measure::Execution { .. } if target.threshold().is_some_and(|t| t > Decimal::ZERO) => {
            Some(Rule::Proportional)
        }
        _ => default_rule(target, settings),
    })
}

/// Round a row score per the setting (half away from zero) and keep it within [0, w].
/// Full points stay full points: a met target on a weight of 4.45 scores 4.45 under
/// whole-point rounding too (the rounding is of partial scores).
pub fn round_score(exact: Decimal, weight: Decimal, rounding: Rounding) -> Decimal {
    let dp = match rounding {
        Rounding::Cents => 2,
        Rounding::Whole => 0,
    };
    if weight > Decimal::ZERO && exact >= weight {
        return weight;
    }
    let mut r = round(exact, dp)
        .max(Decimal::ZERO)
        .min(weight.max(Decimal::ZERO));
    if r.is_zero() {
        r = Decimal::ZERO;
    }
    r
}

/// Whether a row could be scored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "status", content = "why")]
pub enum Status {
    Scored,
    /// No target for the period (`/`): dropped, the rest rescaled to 100.
    NotApplicable,
    /// No actual reported: scored 0.
    NoActual,
    /// The rule does not fit the target or the actual (e.g. a number for a word target).
    Unscorable(#[serde(serialize_with = "crate::msg::scoring::serialize_en")] Msg),
}

/// The score of one indicator (or the budget execution row) in one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowScore {
    pub id: IndicatorId,
    pub name: String,
    /// The first-level block (产出, 效益 …), for subtotals.
    pub block: String,
    pub period: Period,
    /// The weight scored against (after rescaling, in a [`Scorecard`]).
    #[serde(with = "crate::dec_serde")]
    pub weight: Decimal,
    pub status: Status,
    /// The rule applied.
    pub rule: Option<Rule>,
    /// Whether the target is met (qualitative: achieved); `None` when not scored.
    pub met: Option<bool>,
    /// The tier of a qualitative actual.
    pub tier: Option<Tier>,
    /// The rule's score before rounding, within [0, weight].
    #[serde(with = "crate::dec_serde")]
    pub exact: Decimal,
    /// The rule's score, rounded per the setting.
    #[serde(with = "crate::dec_serde")]
    pub rule_score: Decimal,
    /// The score that counts: the rule's, or a manual adjustment.
    #[serde(with = "crate::dec_serde")]
    pub score: Decimal,
    /// True when `score` was set by hand ([`apply_adjustments`]).
    pub adjusted: bool,
    /// The reason written for a manual adjustment.
    pub reason: Option<String>,
    /// Actual above `over_achievement_review` % of a higher-is-better target.
    pub review: bool,
    /// 偏离目标: the actual is above an `=` target (t > 0; not 预算执行率). The over
    /// side keeps full marks unless the indicator's rule deducts, and must be explained.
    pub deviation: bool,
    /// The band of a qualitative row's tier as fractions of the weight (low, high, high
    /// included), under the unit's settings; manual scores are checked against it.
    #[serde(skip)]
    pub band: Option<(Decimal, Decimal, bool)>,
    /// The arithmetic, for people: `10 × 37.24 ÷ 43.2 = 8.6204 → 8.62` (JSON gives it
    /// in English; a report renders it in its language).
    #[serde(serialize_with = "crate::msg::scoring::serialize_en")]
    pub working: Msg,
    /// The over-achievement review and rescaling, to render in the reader's language.
    #[serde(serialize_with = "crate::msg::scoring::serialize_all_en")]
    pub notes: Vec<Msg>,
}

impl RowScore {
    fn blank(id: IndicatorId, name: &str, block: &str, period: Period, weight: Decimal) -> Self {
        RowScore {
            id,
            name: name.to_string(),
            block: block.to_string(),
            period,
            weight,
            status: Status::Scored,
            rule: None,
            met: None,
            tier: None,
            exact: Decimal::ZERO,
            rule_score: Decimal::ZERO,
            score: Decimal::ZERO,
            adjusted: false,
            reason: None,
            review: false,
            deviation: false,
            band: None,
            working: Msg::verbatim(""),
            notes: Vec::new(),
        }
    }

    /// True unless the indicator has no target in the period.
    pub fn is_applicable(&self) -> bool {
        self.status != Status::NotApplicable
    }

    /// The fraction of the weight scored (the manual score's when adjusted).
    pub fn fraction(&self) -> Decimal {
        if self.weight.is_zero() {
            return Decimal::ZERO;
        }
        if self.adjusted {
            self.score / self.weight
        } else {
            self.exact / self.weight
        }
    }

    fn finish(&mut self, fraction: Decimal, working: Msg, rounding: Rounding) {
        let w = self.weight;
        let f = fraction.max(Decimal::ZERO).min(Decimal::ONE);
        self.exact = w * f;
        self.rule_score = round_score(self.exact, w, rounding);
        self.score = self.rule_score;
        let shown = round(self.exact, 4).normalize();
        // The worded workings end as `…: points` in every language (`：` in Chinese).
        let arithmetic = if shown == self.rule_score
            && working
                .en()
                .ends_with(&format!(": {}", plain(self.rule_score)))
        {
            None
        } else if shown == self.rule_score {
            Some(format!(" = {}", plain(self.rule_score)))
        } else {
            let approx = if shown == self.exact { "" } else { "…" };
            Some(format!(
                " = {}{approx} → {}",
                plain(shown),
                plain(self.rule_score)
            ))
        };
        self.working = match arithmetic {
            None => working,
            // Arithmetic after arithmetic stays one plain formula.
            Some(a) if working.entry().is_none() => Msg::verbatim(format!("{}{a}", working.en())),
            Some(a) => msg::working_then(working, Msg::verbatim(a)),
        };
    }
}

/// A working that is arithmetic only (`10 × 37.24 ÷ 43.2`): numbers and symbols, the
/// same in every language.
fn formula(text: String) -> Msg {
    Msg::verbatim(text)
}

/// The place in a tier's band, in a working.
fn band_point(p: BandPoint) -> Msg {
    match p {
        BandPoint::Top => msg::band_top(),
        BandPoint::Middle => msg::band_middle(),
        BandPoint::Bottom => msg::band_bottom(),
    }
}

/// A number as written in the target's unit, for workings: 0.862 → `86.2%`.
fn shown(d: Decimal, pct: bool) -> String {
    if pct {
        format!("{}%", plain(d * Decimal::ONE_HUNDRED))
    } else {
        plain(d)
    }
}

/// The over-achievement review (DOMAIN.md §3): an actual above
/// `over_achievement_review` % (120 by default) of a higher-is-better target, with the
/// note that says so; `None` otherwise.
pub fn over_achievement(target: &Target, actual: &Value, settings: &Scoring) -> Option<Msg> {
    let (Target::Quantitative { cmp, .. }, Value::Number(a)) = (target, actual) else {
        return None;
    };
    let t = target.threshold()?;
    let pct = target.is_percent();
    (cmp.direction(t) == Direction::HigherIsBetter
        && t > Decimal::ZERO
        && *a * Decimal::ONE_HUNDRED > t * settings.over_achievement_review)
        .then(|| {
            msg::over_achievement(
                shown(*a, pct),
                percent(*a / t, 0),
                shown(t, pct),
                plain(settings.over_achievement_review),
            )
        })
}

/// Score one indicator in `period` against its actual (a number in the target's
/// computing unit, or a grade word). See the module documentation for the rules.
pub fn score_indicator(
    ind: &Indicator,
    period: Period,
    actual: Option<&Value>,
    settings: &Scoring,
) -> RowScore {
    let mut row = RowScore::blank(
        ind.id.clone(),
        &ind.name,
        ind.level1.name(),
        period,
        ind.weight,
    );
    let target = ind.target(period);
    let Some(rule) = rule_for(ind, period, settings) else {
        row.status = Status::NotApplicable;
        row.working = msg::working_not_applicable();
        return row;
    };
    row.rule = Some(rule.clone());
    if let Err(e) = rule.applies_to(target) {
        row.status = Status::Unscorable(e);
        return row;
    }
    let Some(actual) = actual else {
        row.status = Status::NoActual;
        row.working = msg::working_no_actual();
        row.met = Some(false);
        return row;
    };
    let w = ind.weight;
    let pct = target.is_percent();
    match (target, actual) {
        (Target::Qualitative(word), Value::Grade { tier, .. }) => {
            let point = match rule {
                Rule::Tier(p) => p,
                _ => BandPoint::Top,
            };
            row.tier = Some(*tier);
            row.band = Some(settings.tiers.band(*tier));
            row.met = Some(*tier == Tier::Achieved);
            let f = point.fraction(*tier, &settings.tiers);
            row.finish(
                f,
                msg::working_tier(tier.zh(), word, band_point(point), plain(w), percent(f, 0)),
                settings.rounding,
            );
        }
        (Target::Quantitative { cmp, .. }, Value::Number(a)) => {
            let a = *a;
            let t = target.threshold().unwrap_or_default();
            let dir = cmp.direction(t);
            let met = cmp.is_met(a, t);
            row.met = Some(met);
            let (sa, st, sw) = (shown(a, pct), shown(t, pct), plain(w));
            // `=` with t > 0 is two-sided (DOMAIN.md §3): below t it is scored as ≥;
            // above t it is a deviation (偏离目标), with full marks unless the
            // indicator's own rule scores the over side. 预算执行率 keeps w × min(1, rate).
            let two_sided = *cmp == Comparator::Eq
                && t > Decimal::ZERO
                && !matches!(ind.measure, Measure::Execution { .. });
            let over = two_sided && a > t;
            row.deviation = over;
            let own_rule = ind.rule.is_some();
            let (f, working) = match &rule {
                // No rule of its own (or `proportional`): the over side keeps full marks.
                _ if over && (!own_rule || matches!(rule, Rule::Proportional)) => {
                    (Decimal::ONE, msg::working_above_eq(&sa, &st, &sw))
                }
                // The lower-is-better rules score only the over side of `=`; below t
                // it is scored as ≥.
                Rule::LinearToZero | Rule::Ratio if two_sided && a < t => {
                    (a / t, formula(format!("{sw} × {sa} ÷ {st}")))
                }
                Rule::AllOrNothing if over => {
                    (Decimal::ZERO, msg::working_misses(&sa, format!("={st}")))
                }
                Rule::Proportional if t > Decimal::ZERO => {
                    if a >= t {
                        (Decimal::ONE, msg::working_reaches(&sa, &st, &sw))
                    } else {
                        (a / t, formula(format!("{sw} × {sa} ÷ {st}")))
                    }
                }
                Rule::LinearToZero if t > Decimal::ZERO => {
                    if a <= t {
                        (Decimal::ONE, msg::working_within(&sa, &st, &sw))
                    } else {
                        (
                            Decimal::ONE - (a - t) / t,
                            formula(format!("{sw} × (1 − ({sa} − {st}) ÷ {st})")),
                        )
                    }
                }
                Rule::Ratio if t > Decimal::ZERO && a > Decimal::ZERO => {
                    if a <= t {
                        (Decimal::ONE, msg::working_within(&sa, &st, &sw))
                    } else {
                        (t / a, formula(format!("{sw} × {st} ÷ {sa}")))
                    }
                }
                Rule::Step(steps) => match steps.iter().find(|s| match s.when {
                    Some(c) => c.holds(a),
                    None => true,
                }) {
                    Some(s) => {
                        let p = s.points.absolute(w).min(w);
                        let cond = s
                            .when
                            .map_or(msg::working_else(), |c| Msg::verbatim(c.to_string()));
                        (
                            if w.is_zero() { Decimal::ZERO } else { p / w },
                            msg::working_meets(&sa, cond, plain(p)),
                        )
                    }
                    None => (Decimal::ZERO, msg::working_no_step(&sa)),
                },
                // A step of zero (only possible when built by hand) divides nothing.
                Rule::Deduct(d) if d.step() > Decimal::ZERO => {
                    let off = match dir {
                        _ if over => a - t,
                        Direction::HigherIsBetter => t - a,
                        Direction::LowerIsBetter => a - t,
                    };
                    if off <= Decimal::ZERO {
                        (Decimal::ONE, msg::working_meets(&sa, &st, &sw))
                    } else {
                        let steps = off / d.step();
                        let taken = d.points.absolute(w) * steps;
                        (
                            if w.is_zero() {
                                Decimal::ZERO
                            } else {
                                (w - taken) / w
                            },
                            formula(format!(
                                "{sw} − {} × ({} ÷ {}{})",
                                plain(d.points.absolute(w)),
                                shown(off, pct),
                                d.per,
                                d.per_unit
                            )),
                        )
                    }
                }
                // All or nothing, and the proportional rules where t ≤ 0 leaves nothing
                // to divide by.
                _ => {
                    if met {
                        (
                            Decimal::ONE,
                            msg::working_meets(&sa, format!("{}{st}", cmp.symbol()), &sw),
                        )
                    } else {
                        (
                            Decimal::ZERO,
                            msg::working_misses(&sa, format!("{}{st}", cmp.symbol())),
                        )
                    }
                }
            };
            row.finish(f, working, settings.rounding);
            if let Some(note) = over_achievement(target, actual, settings) {
                row.review = true;
                row.notes.push(note);
            }
        }
        (Target::Qualitative(word), Value::Number(a)) => {
            row.status = Status::Unscorable(msg::number_for_word(word, plain(*a)));
        }
        (Target::NotApplicable, _) => row.status = Status::NotApplicable,
        (t, Value::Grade { word, .. }) => {
            row.status = Status::Unscorable(msg::word_for_number(t, word));
        }
    }
    row
}

/// Score the budget execution row of a project: w × min(1, executed ÷ budget).
/// A budget of zero or less cannot be scored.
pub fn score_execution(
    weight: Decimal,
    executed: Decimal,
    budget: Decimal,
    settings: &Scoring,
) -> RowScore {
    let mut row = RowScore::blank(
        IndicatorId("EXEC".into()),
        "预算执行率",
        "预算执行",
        Period::FullYear,
        weight,
    );
    row.rule = Some(Rule::Proportional);
    if budget <= Decimal::ZERO {
        row.status = Status::Unscorable(msg::budget_not_positive(plain(budget)));
        return row;
    }
    row.met = Some(executed >= budget);
    let (se, sb, sw) = (plain(executed), plain(budget), plain(weight));
    if executed >= budget {
        row.finish(
            Decimal::ONE,
            msg::working_executed(&se, &sb, &sw),
            settings.rounding,
        );
    } else {
        row.finish(
            executed / budget,
            formula(format!("{sw} × {se} ÷ {sb}")),
            settings.rounding,
        );
    }
    row
}

/// The grade of a total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Grade {
    /// 差
    Poor,
    /// 中
    Fair,
    /// 良
    Good,
    /// 优
    Excellent,
}

impl Grade {
    pub fn zh(self) -> &'static str {
        match self {
            Grade::Excellent => "优",
            Grade::Good => "良",
            Grade::Fair => "中",
            Grade::Poor => "差",
        }
    }

    /// The grade with its English name: `优 (excellent)`.
    pub fn en(self) -> &'static str {
        match self {
            Grade::Excellent => "优 (excellent)",
            Grade::Good => "良 (good)",
            Grade::Fair => "中 (fair)",
            Grade::Poor => "差 (poor)",
        }
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.zh())
    }
}

impl FromStr for Grade {
    type Err = Msg;
    /// 优/优秀, 良/良好, 中/合格/一般, 差/不合格/较差.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "优" | "优秀" => Ok(Grade::Excellent),
            "良" | "良好" => Ok(Grade::Good),
            "中" | "合格" | "一般" | "中等" => Ok(Grade::Fair),
            "差" | "不合格" | "较差" => Ok(Grade::Poor),
            other => Err(msg::not_a_grade(other)),
        }
    }
}

/// The grade of `total`: 优 from `bands.excellent` on (90 itself is 优), 良 from
/// `good`, 中 from `fair`, else 差.
pub fn grade(total: Decimal, bands: &GradeBands) -> Grade {
    if total >= bands.excellent {
        Grade::Excellent
    } else if total >= bands.good {
        Grade::Good
    } else if total >= bands.fair {
        Grade::Fair
    } else {
        Grade::Poor
    }
}

/// Subtotal of a first-level block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BlockScore {
    pub block: String,
    #[serde(with = "crate::dec_serde")]
    pub weight: Decimal,
    #[serde(with = "crate::dec_serde")]
    pub score: Decimal,
}

/// Row scores with block subtotals, total, maximum and grade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scorecard {
    pub rows: Vec<RowScore>,
    /// In order of first appearance.
    pub blocks: Vec<BlockScore>,
    /// The sum of the applicable rows' scores.
    #[serde(with = "crate::dec_serde")]
    pub total: Decimal,
    /// The sum of the applicable rows' weights (100 unless the weights are wrong).
    #[serde(with = "crate::dec_serde")]
    pub max: Decimal,
    pub grade: Grade,
    /// True when not-applicable rows were dropped and the rest rescaled to 100.
    pub rescaled: bool,
    /// Over-achievement reviews, missing actuals, unscorable rows, manual scores,
    /// rescaling and weights that do not add up to 100. Not serialized: a report
    /// renders them in its language.
    #[serde(skip)]
    pub findings: Vec<Check>,
}

impl Scorecard {
    /// Total the rows. Not-applicable rows stay in `rows` but count for nothing; when
    /// there are any, the other rows' weights are rescaled to add up to exactly 100
    /// (in cents) and their scores scaled with them (manual scores too), rounded per
    /// the setting. The total is the sum of the row scores, so it always adds up.
    pub fn build(mut rows: Vec<RowScore>, settings: &Scoring) -> Scorecard {
        let mut findings = Vec::new();
        let applicable: Vec<usize> = (0..rows.len())
            .filter(|&i| rows[i].is_applicable())
            .collect();
        let dropped = rows.len() - applicable.len();
        let before: Decimal = applicable.iter().map(|&i| rows[i].weight).sum();
        let mut rescaled = false;
        if dropped > 0 && before > Decimal::ZERO && before != Decimal::ONE_HUNDRED {
            let old: Vec<Decimal> = applicable.iter().map(|&i| rows[i].weight).collect();
            let new = crate::weights::rescale(&old, Decimal::ONE_HUNDRED);
            for (&i, w) in applicable.iter().zip(new) {
                let r = &mut rows[i];
                let old_w = r.weight;
                let scale = |d: Decimal| {
                    if old_w.is_zero() {
                        Decimal::ZERO
                    } else {
                        d * w / old_w
                    }
                };
                r.weight = w;
                r.exact = scale(r.exact);
                r.rule_score = round_score(r.exact, w, settings.rounding);
                r.score = if r.adjusted {
                    round_score(scale(r.score), w, settings.rounding)
                } else {
                    r.rule_score
                };
                r.notes.push(msg::weight_rescaled(plain(old_w), plain(w)));
            }
            rescaled = true;
            findings.push(Check::note(
                None,
                msg::rescaled(dropped, plain(before)),
                msg::rescaled_help(),
            ));
        }
        let mut blocks: Vec<BlockScore> = Vec::new();
        for &i in &applicable {
            let r = &rows[i];
            match blocks.iter_mut().find(|b| b.block == r.block) {
                Some(b) => {
                    b.weight += r.weight;
                    b.score += r.score;
                }
                None => blocks.push(BlockScore {
                    block: r.block.clone(),
                    weight: r.weight,
                    score: r.score,
                }),
            }
        }
        let total: Decimal = applicable.iter().map(|&i| rows[i].score).sum();
        let max: Decimal = applicable.iter().map(|&i| rows[i].weight).sum();
        if !applicable.is_empty() && max != Decimal::ONE_HUNDRED {
            findings.push(Check::warning(
                None,
                msg::weights_not_100(plain(max)),
                msg::weights_not_100_help(),
            ));
        }
        for r in &rows {
            let subject = Some(r.id.0.as_str());
            match &r.status {
                Status::NoActual => findings.push(Check::warning(
                    subject,
                    msg::no_actual(&r.name, r.period.label()),
                    msg::no_actual_help(),
                )),
                Status::Unscorable(why) => findings.push(Check::error(
                    subject,
                    msg::unscorable(&r.name, why),
                    msg::unscorable_help(),
                )),
                _ => {}
            }
            if r.review {
                findings.push(Check::warning(
                    subject,
                    msg::over_achieved(
                        &r.name,
                        r.notes.first().cloned().unwrap_or(Msg::verbatim("")),
                    ),
                    msg::over_achieved_help(),
                ));
            }
            if r.adjusted {
                findings.push(Check::note(
                    subject,
                    msg::manual(
                        &r.name,
                        plain(r.score),
                        plain(r.rule_score),
                        r.reason.clone().unwrap_or_default(),
                    ),
                    msg::manual_help(),
                ));
            }
        }
        Scorecard {
            grade: grade(total, &settings.grades),
            rows,
            blocks,
            total,
            max,
            rescaled,
            findings,
        }
    }
}

/// A score set by hand for one indicator and period, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Adjustment {
    pub id: IndicatorId,
    pub period: Period,
    #[serde(with = "crate::dec_serde")]
    pub score: Decimal,
    pub reason: String,
}

impl Adjustment {
    /// Whether this adjustment may replace `row`'s score: it needs a reason, a score in
    /// [0, weight], and for a qualitative row a score inside its tier's band.
    pub fn validate(&self, row: &RowScore) -> Result<(), Msg> {
        let (s, w) = (self.score, row.weight);
        if self.reason.trim().is_empty() {
            return Err(msg::manual_no_reason(plain(s), &row.name));
        }
        if !row.is_applicable() {
            return Err(msg::manual_not_applicable(&row.name, self.period.label()));
        }
        if s < Decimal::ZERO || s > w {
            return Err(msg::manual_out_of_range(plain(s), &row.name, plain(w)));
        }
        if let (Some(tier), Some((lo, hi, closed))) = (row.tier, row.band) {
            let (lo, hi) = (lo * w, hi * w);
            if s < lo || s > hi || (s == hi && !closed) {
                let out_of_band = if closed {
                    msg::manual_out_of_band
                } else {
                    msg::manual_out_of_band_open
                };
                return Err(out_of_band(
                    plain(s),
                    &row.name,
                    tier.zh(),
                    plain(lo),
                    plain(hi),
                    plain(w),
                ));
            }
        }
        Ok(())
    }
}

/// Apply the adjustments for `period` to `rows`. Refused adjustments (no reason, score
/// out of range or out of its tier's band, unknown indicator, two for one indicator)
/// come back as errors and change nothing.
pub fn apply_adjustments(
    rows: &mut [RowScore],
    adjustments: &[Adjustment],
    period: Period,
) -> Vec<Check> {
    let mut errors = Vec::new();
    let mine: Vec<&Adjustment> = adjustments.iter().filter(|a| a.period == period).collect();
    for (k, adj) in mine.iter().enumerate() {
        let subject = Some(adj.id.0.as_str());
        if mine[..k].iter().any(|b| b.id == adj.id) {
            errors.push(Check::error(
                subject,
                msg::manual_twice(&adj.id, period.label()),
                msg::manual_twice_help(),
            ));
            continue;
        }
        let Some(row) = rows.iter_mut().find(|r| r.id == adj.id) else {
            errors.push(Check::error(
                subject,
                msg::manual_unknown(&adj.id),
                msg::manual_unknown_help(),
            ));
            continue;
        };
        match adj.validate(row) {
            Ok(()) => {
                row.score = adj.score;
                row.adjusted = true;
                row.reason = Some(adj.reason.trim().to_string());
            }
            Err(e) => errors.push(Check::error(subject, e, msg::manual_refused_help())),
        }
    }
    errors
}

/// Deviation causes (偏差原因), from the two fixed lists in use (DOMAIN.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cause {
    /// 经费保障
    Funding,
    /// 制度保障 (in both lists)
    Institutional,
    /// 人员保障
    Staffing,
    /// 硬件保障
    Hardware,
    /// 其他
    Other,
    /// 规划和目标设计
    Planning,
    /// 投入保障
    Inputs,
    /// 项目管理
    ProjectManagement,
}

/// Which list of causes a unit uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CauseList {
    /// 经费保障, 制度保障, 人员保障, 硬件保障, 其他 (财预〔2019〕136号). The default.
    #[default]
    Standard,
    /// 规划和目标设计, 投入保障, 制度保障, 项目管理.
    Alternative,
}

impl CauseList {
    pub fn causes(self) -> &'static [Cause] {
        match self {
            CauseList::Standard => &[
                Cause::Funding,
                Cause::Institutional,
                Cause::Staffing,
                Cause::Hardware,
                Cause::Other,
            ],
            CauseList::Alternative => &[
                Cause::Planning,
                Cause::Inputs,
                Cause::Institutional,
                Cause::ProjectManagement,
            ],
        }
    }
}

impl Cause {
    pub const ALL: [Cause; 8] = [
        Cause::Funding,
        Cause::Institutional,
        Cause::Staffing,
        Cause::Hardware,
        Cause::Other,
        Cause::Planning,
        Cause::Inputs,
        Cause::ProjectManagement,
    ];

    pub fn zh(self) -> &'static str {
        match self {
            Cause::Funding => "经费保障",
            Cause::Institutional => "制度保障",
            Cause::Staffing => "人员保障",
            Cause::Hardware => "硬件保障",
            Cause::Other => "其他",
            Cause::Planning => "规划和目标设计",
            Cause::Inputs => "投入保障",
            Cause::ProjectManagement => "项目管理",
        }
    }
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.zh())
    }
}

impl FromStr for Cause {
    type Err = Msg;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Cause::ALL
            .into_iter()
            .find(|c| c.zh() == t || (t == "其它" && *c == Cause::Other))
            .ok_or_else(|| msg::not_a_cause(t, crate::msg::list(Cause::ALL.map(Cause::zh))))
    }
}

/// 完成目标可能性: whether the full-year target will be reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Likelihood {
    /// 不可能
    Impossible,
    /// 有可能
    Possible,
    /// 确定能
    Certain,
}

impl Likelihood {
    pub fn zh(self) -> &'static str {
        match self {
            Likelihood::Certain => "确定能",
            Likelihood::Possible => "有可能",
            Likelihood::Impossible => "不可能",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Likelihood::Certain => "certain",
            Likelihood::Possible => "possible",
            Likelihood::Impossible => "impossible",
        }
    }
}

impl fmt::Display for Likelihood {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.zh())
    }
}

impl FromStr for Likelihood {
    type Err = Msg;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "确定能" | "能" | "certain" => Ok(Likelihood::Certain),
            "有可能" | "可能" | "possible" => Ok(Likelihood::Possible),
            "不可能" | "impossible" => Ok(Likelihood::Impossible),
            other => Err(msg::not_a_likelihood(other)),
        }
    }
}

/// Why an indicator is behind, how likely it is to catch up, and what will be done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explanation {
    pub id: IndicatorId,
    pub period: Period,
    pub cause: Cause,
    pub likelihood: Likelihood,
    /// 改进措施; required unless the likelihood is 确定能.
    pub measures: String,
}

impl Explanation {
    /// Problems with this explanation under the unit's cause list.
    pub fn problems(&self, list: CauseList) -> Vec<Msg> {
        let mut out = Vec::new();
        if !list.causes().contains(&self.cause) {
            out.push(msg::cause_not_in_list(
                self.cause,
                &self.id,
                crate::msg::list(list.causes().iter().map(|c| c.zh())),
            ));
        }
        if self.likelihood != Likelihood::Certain && self.measures.trim().is_empty() {
            out.push(msg::no_measures(&self.id, self.likelihood));
        }
        out
    }
}

/// Suggest a 完成目标可能性 from the full-year forecast printed in the same row
/// (DOMAIN.md §2): 确定能 when it meets the full-year target; 不可能 only when the
/// target can no longer be reached (`settled`: no month left, or a value that can
/// only move away from the target); otherwise 有可能, however far behind, since
/// months are left to catch up. Qualitative: 达成 is 确定能, any other tier 有可能
/// (不可能 when settled). `None` when the forecast does not fit the target.
pub fn suggest_likelihood(target: &Target, forecast: &Value, settled: bool) -> Option<Likelihood> {
    let met = match (target, forecast) {
        (Target::Qualitative(_), Value::Grade { tier, .. }) => *tier == Tier::Achieved,
        (Target::Quantitative { cmp, .. }, Value::Number(f)) => cmp.is_met(*f, target.threshold()?),
        _ => return None,
    };
    Some(if met {
        Likelihood::Certain
    } else if settled {
        Likelihood::Impossible
    } else {
        Likelihood::Possible
    })
}

/// The rows below target (not met, or without an actual) or off an `=` target
/// ([`RowScore::deviation`]) that have no explanation for their period: the 偏差原因
/// still to fill in.
pub fn to_fill<'a>(rows: &'a [RowScore], explanations: &[Explanation]) -> Vec<&'a RowScore> {
    rows.iter()
        .filter(|r| r.is_applicable() && (r.met == Some(false) || r.deviation))
        .filter(|r| {
            !explanations
                .iter()
                .any(|e| e.id == r.id && e.period == r.period)
        })
        .collect()
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod round_tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn whole_point_rounding_keeps_full_points() {
        assert_eq!(
            round_score(dec!(4.45), dec!(4.45), Rounding::Whole),
            dec!(4.45)
        );
        assert_eq!(
            round_score(dec!(0.42), dec!(0.42), Rounding::Whole),
            dec!(0.42)
        );
        // 37.24 / 43.2 of 10 = 8.6204 → 9 (廊坊 2019), and 8.62 in cents.
        assert_eq!(
            round_score(dec!(8.6204), dec!(10), Rounding::Whole),
            dec!(9)
        );
        assert_eq!(
            round_score(dec!(8.6204), dec!(10), Rounding::Cents),
            dec!(8.62)
        );
        // A partial score on a fractional weight never rounds above the weight.
        assert_eq!(
            round_score(dec!(4.40), dec!(4.45), Rounding::Whole),
            dec!(4)
        );
    }
}
