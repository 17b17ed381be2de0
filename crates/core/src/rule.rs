//! Scoring rules (评分规则): the grammar of the `rule` column of targets.csv, parsed
//! into [`Rule`]. Kept apart from scoring so that [`crate::indicator`] can hold a
//! rule without depending on the scoring engine (no module cycle).
//!
//! # The `rule` column of targets.csv
//!
//! Empty means the default of DOMAIN.md §3 (see [`crate::scoring::default_rule`]). Otherwise one of:
//!
//! | cell | meaning |
//! |---|---|
//! | `proportional` (比例) | higher is better: a ≥ t → w, else w × a ÷ t |
//! | `linear-to-zero` (线性) | lower is better (or the over side of `=`): a ≤ t → w, else w × (1 − (a − t) ÷ t), at least 0 |
//! | `ratio` (比值) | lower is better: a ≤ t → w, else w × t ÷ a |
//! | `all-or-nothing` (全或无) | target met → w, else 0 |
//! | `step:=0→3;≤10%→2;≤20%→1;≤30%→0.5;else→0` (阶梯) | the first entry whose condition the actual meets gives the points |
//! | `deduct:0.5/1%` (扣分) | w less 0.5 points per 1 % (percentage point) that the actual is on the wrong side of the target, at least 0 |
//! | `tier`, `tier:top`, `tier:middle`, `tier:bottom` (定性) | qualitative: 达成 w and the other tiers their default score (default), the middle, or the bottom of the tier's half-open band ([`crate::settings::Tiers`]) |
//!
//! An `=` target above zero is two-sided (DOMAIN.md §3): below t it is scored as ≥;
//! above t the row is marked [`crate::scoring::RowScore::deviation`] (偏离目标, to be
//! explained) and keeps full marks unless the indicator's own rule (`deduct`,
//! `linear-to-zero`, `ratio`, a step table, `all-or-nothing`) scores the over side.
//! 预算执行率 keeps w × min(1, rate).
//!
//! A step table is a list of `condition→points` entries separated by `;`. A condition
//! is a comparator (`=`, `≥`, `≤`, `>`, `<`, also `>=`, `<=`) and a number, with `%`
//! for a rate (`≤10%` is 0.10), or `else` (否则) for the rest; it is tested against
//! the actual as it stands (`=0` means exactly zero), and the first entry that holds
//! wins; when none holds the score is 0. `->` may be written for `→` and `；` for `;`.
//!
//! Points (after `→` in a step table, before `/` in a deduction) are points of the
//! weight, or with `%` a share of the weight: `deduct:10%/1%` takes 10 % of w per
//! percentage point (三公经费变动率). Points above the weight score the weight.
//!
//! A deduction's step is written in the target's unit: `1%` is one percentage point,
//! `5%` five points (`deduct:2/5%`: 预算完成率, 2 points per 5 % short), `1` one count.
//! The deduction is proportional: half a step over takes half the points.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use crate::msg::rule as msg;
use crate::msg::Msg;
use crate::settings::Tiers;
use crate::target::{parse_decimal_prefix, Comparator, Direction, Target, Unit};
use crate::value::Tier;

/// Points of a step table entry or of a deduction: points of the weight, or (written
/// with `%`) a share of the weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Points {
    /// As written: 0.5 for `0.5`, 10 for `10%`.
    pub value: Decimal,
    /// True when written with `%`: a share of the weight.
    pub of_weight: bool,
}

impl Points {
    /// The points for weight `w`.
    pub fn absolute(self, w: Decimal) -> Decimal {
        if self.of_weight {
            w * self.value / Decimal::ONE_HUNDRED
        } else {
            self.value
        }
    }
}

impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.value, if self.of_weight { "%" } else { "" })
    }
}

/// The condition of a step table entry: `≤10%`, `=0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StepCond {
    pub cmp: Comparator,
    /// As written: 10 for `10%`.
    pub value: Decimal,
    /// Written with `%`: compared as a fraction.
    pub percent: bool,
}

impl StepCond {
    /// The value to compare the actual with (0.10 for `10%`).
    pub fn threshold(self) -> Decimal {
        if self.percent {
            self.value / Decimal::ONE_HUNDRED
        } else {
            self.value
        }
    }

    /// Whether the actual meets the condition, literally (`=` is equality).
    pub fn holds(self, a: Decimal) -> bool {
        let t = self.threshold();
        match self.cmp {
            Comparator::Eq => a == t,
            Comparator::Ge => a >= t,
            Comparator::Gt => a > t,
            Comparator::Le => a <= t,
            Comparator::Lt => a < t,
        }
    }
}

impl fmt::Display for StepCond {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}{}{}",
            self.cmp.symbol(),
            self.value,
            if self.percent { "%" } else { "" }
        )
    }
}

/// One entry of a step table; `when: None` is `else`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Step {
    pub when: Option<StepCond>,
    pub points: Points,
}

/// A per-step deduction: `deduct:0.5/1%`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Deduction {
    /// Points taken per step.
    pub points: Points,
    /// The step as written: 1 for `1%`.
    pub per: Decimal,
    /// The step's unit (`%` for percentage points).
    pub per_unit: Unit,
}

impl Deduction {
    /// The step in computing units (0.01 for `1%`).
    pub fn step(&self) -> Decimal {
        if self.per_unit.is_percent() {
            self.per / Decimal::ONE_HUNDRED
        } else {
            self.per
        }
    }
}

/// Where in a qualitative tier's band the score is put. The bands are half-open
/// (DOMAIN.md §3): only 达成's top, the full weight, belongs to its band, so `Top` (the
/// default, `tier`) gives 达成 the full weight and 部分达成 and 未达成 their default score
/// (`settings.scoring.tiers`, by default the band's midpoint).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum BandPoint {
    /// 达成: the full weight; 部分达成 and 未达成: their default score. The default.
    #[default]
    Top,
    Middle,
    Bottom,
}

impl BandPoint {
    pub fn name(self) -> &'static str {
        match self {
            BandPoint::Top => "top",
            BandPoint::Middle => "middle",
            BandPoint::Bottom => "bottom",
        }
    }

    /// The fraction of the weight for `tier` under `tiers`: top of 达成 is 1, middle of
    /// 部分达成 0.7 (80/60 bands), bottom of 部分达成 0.6. Always inside the tier's band.
    pub fn fraction(self, tier: Tier, tiers: &Tiers) -> Decimal {
        let (lo, hi, _) = tiers.band(tier);
        match self {
            BandPoint::Top => tiers.default_fraction(tier),
            BandPoint::Middle => (lo + hi) / Decimal::TWO,
            BandPoint::Bottom => lo,
        }
    }
}

/// How an indicator is scored. See the module documentation for the cell syntax.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Rule {
    /// Higher is better: a ≥ t → w, else w × a ÷ t.
    Proportional,
    /// Lower is better: a ≤ t → w, else w × (1 − (a − t) ÷ t), at least 0.
    LinearToZero,
    /// Lower is better: a ≤ t → w, else w × t ÷ a.
    Ratio,
    /// Target met → w, else 0.
    AllOrNothing,
    /// A step table: the first entry whose condition holds gives the points.
    Step(Vec<Step>),
    /// w less the points per step on the wrong side of the target.
    Deduct(Deduction),
    /// Qualitative: the given point of the tier's band.
    Tier(BandPoint),
}

impl Rule {
    /// The rule's kind: `proportional`, `step` …
    pub fn kind(&self) -> &'static str {
        match self {
            Rule::Proportional => "proportional",
            Rule::LinearToZero => "linear-to-zero",
            Rule::Ratio => "ratio",
            Rule::AllOrNothing => "all-or-nothing",
            Rule::Step(_) => "step",
            Rule::Deduct(_) => "deduct",
            Rule::Tier(_) => "tier",
        }
    }

    /// Whether this rule can score an indicator with `target`: `tier` needs a
    /// qualitative target, the others a quantitative one; `proportional` a
    /// higher-is-better target, `linear-to-zero` and `ratio` a lower-is-better one.
    pub fn applies_to(&self, target: &Target) -> Result<(), Msg> {
        match (self, target) {
            (_, Target::NotApplicable) => Ok(()),
            (Rule::Tier(_), Target::Qualitative(_)) => Ok(()),
            (Rule::Tier(_), t) => Err(msg::tier_needs_word(t)),
            (r, Target::Qualitative(w)) => Err(msg::needs_number(r.kind(), w)),
            (r, t) => match (r, t.direction()) {
                (Rule::Proportional, Some(Direction::LowerIsBetter)) => {
                    Err(msg::proportional_needs_higher(t))
                }
                // An `=` target is two-sided: these rules score its over side.
                (Rule::LinearToZero | Rule::Ratio, Some(Direction::HigherIsBetter))
                    if t.comparator() != Some(Comparator::Eq) =>
                {
                    Err(msg::needs_lower(r.kind(), t))
                }
                _ => Ok(()),
            },
        }
    }
}

fn parse_points(s: &str, what: &str) -> Result<Points, Msg> {
    let t = s.trim();
    let (value, n) = parse_decimal_prefix(t).ok_or_else(|| msg::points_expected(what, t))?;
    let unit = t[n..].trim();
    let of_weight = match unit {
        "" | "分" => false,
        "%" | "％" => true,
        other => return Err(msg::points_unit(other, value)),
    };
    if value < Decimal::ZERO {
        return Err(msg::points_negative(t));
    }
    Ok(Points { value, of_weight })
}

fn parse_step(entry: &str) -> Result<Step, Msg> {
    let (left, right) = entry
        .split_once('→')
        .or_else(|| entry.split_once("->"))
        .ok_or_else(|| msg::step_no_arrow(entry))?;
    let left = left.trim();
    let points = parse_points(right, &format!("`{left}→`"))?;
    if matches!(left, "else" | "否则" | "其他" | "其它") {
        return Ok(Step { when: None, points });
    }
    let (cmp, n) = Comparator::parse_prefix(left).ok_or_else(|| msg::step_no_comparator(left))?;
    let rest = left[n..].trim();
    let (value, m) = parse_decimal_prefix(rest).ok_or_else(|| msg::step_no_number(left))?;
    let percent = match rest[m..].trim() {
        "" => false,
        "%" | "％" => true,
        other => return Err(msg::step_unexpected(left, other)),
    };
    Ok(Step {
        when: Some(StepCond {
            cmp,
            value,
            percent,
        }),
        points,
    })
}

impl FromStr for Rule {
    type Err = Msg;

    /// Parse a `rule` cell (see the module documentation).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let (head, arg) = match s.split_once([':', '：']) {
            Some((h, a)) => (h.trim(), Some(a.trim())),
            None => (s, None),
        };
        let head_lc = head.to_ascii_lowercase();
        let rule = match (head_lc.as_str(), arg) {
            ("proportional" | "比例", None) => Rule::Proportional,
            ("linear-to-zero" | "线性", None) => Rule::LinearToZero,
            ("ratio" | "比值", None) => Rule::Ratio,
            ("all-or-nothing" | "全或无", None) => Rule::AllOrNothing,
            ("tier" | "定性", None) => Rule::Tier(BandPoint::Top),
            ("tier" | "定性", Some(p)) => Rule::Tier(match p {
                "top" | "高" => BandPoint::Top,
                "middle" | "中" => BandPoint::Middle,
                "bottom" | "低" => BandPoint::Bottom,
                other => return Err(msg::not_a_band_point(other)),
            }),
            ("step" | "阶梯", Some(arg)) => {
                let mut steps = Vec::new();
                for entry in arg.split([';', '；']).map(str::trim) {
                    if entry.is_empty() {
                        continue;
                    }
                    if steps.last().is_some_and(|s: &Step| s.when.is_none()) {
                        return Err(msg::step_after_else(entry));
                    }
                    steps.push(parse_step(entry)?);
                }
                if steps.is_empty() {
                    return Err(msg::steps_empty());
                }
                Rule::Step(steps)
            }
            ("deduct" | "扣分", Some(arg)) => {
                let (pts, per) = arg
                    .split_once('/')
                    .ok_or_else(|| msg::deduct_no_slash(arg))?;
                let points = parse_points(pts, "`deduct:`")?;
                let per_t = per.trim();
                let (per, n) = parse_decimal_prefix(per_t)
                    .ok_or_else(|| msg::deduct_step_not_number(per_t))?;
                if per <= Decimal::ZERO {
                    return Err(msg::deduct_step_not_positive(per_t));
                }
                Rule::Deduct(Deduction {
                    points,
                    per,
                    per_unit: Unit::new(&per_t[n..]),
                })
            }
            ("step" | "阶梯" | "deduct" | "扣分", None) => return Err(msg::needs_table(s)),
            _ => return Err(msg::not_a_rule(s)),
        };
        Ok(rule)
    }
}

impl fmt::Display for Rule {
    /// The canonical cell text, which parses back to the same rule.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Step(steps) => {
                f.write_str("step:")?;
                for (i, s) in steps.iter().enumerate() {
                    if i > 0 {
                        f.write_str(";")?;
                    }
                    match s.when {
                        Some(c) => write!(f, "{c}→{}", s.points)?,
                        None => write!(f, "else→{}", s.points)?,
                    }
                }
                Ok(())
            }
            Rule::Deduct(d) => write!(f, "deduct:{}/{}{}", d.points, d.per, d.per_unit),
            Rule::Tier(BandPoint::Top) => f.write_str("tier"),
            Rule::Tier(p) => write!(f, "tier:{}", p.name()),
            other => f.write_str(other.kind()),
        }
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}
