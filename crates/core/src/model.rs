//! A unit folder in memory: the unit's facts and settings, its budget and its
//! indicators, with the checks that apply to them together.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::budget::Budget;
use crate::check::Check;
use crate::indicator::{Indicator, Measure};
use crate::lookup::NameIndex;
use crate::msg::model as msg;
use crate::settings::Settings;
use crate::target::Target;

/// Facts about the budget unit (单位).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitInfo {
    /// 单位名称
    pub name: String,
    /// The budget year the targets are for.
    pub year: u16,
    /// 单位主要职能, one function per entry.
    #[serde(default)]
    pub functions: Vec<String>,
    /// 机构设置及人员配置
    #[serde(default)]
    pub staffing: String,
    /// 中长期目标
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub long_term_goal: String,
    /// 年度目标
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub annual_goal: String,
    /// 主管部门 (the supervising department), for the header of the official forms.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub supervisor: String,
}

/// A unit's indicators, shared by the units of a portfolio that read the same
/// targets: cloning a model does not copy them. Read as a `Vec`; changed through
/// `DerefMut`, which copies them first when they are shared (copy on write).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Indicators(std::sync::Arc<Vec<Indicator>>);

impl Indicators {
    /// The same list, shared (not only equal): made for one and read for the other.
    pub fn is(&self, other: &Indicators) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for Indicators {
    type Target = Vec<Indicator>;

    fn deref(&self) -> &Vec<Indicator> {
        &self.0
    }
}

impl std::ops::DerefMut for Indicators {
    fn deref_mut(&mut self) -> &mut Vec<Indicator> {
        std::sync::Arc::make_mut(&mut self.0)
    }
}

impl From<Vec<Indicator>> for Indicators {
    fn from(v: Vec<Indicator>) -> Indicators {
        Indicators(std::sync::Arc::new(v))
    }
}

impl<'a> IntoIterator for &'a Indicators {
    type Item = &'a Indicator;
    type IntoIter = std::slice::Iter<'a, Indicator>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Everything attain knows about one unit's year before any actuals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Model {
    pub unit: UnitInfo,
    pub settings: Settings,
    pub budget: Budget,
    pub indicators: Indicators,
    /// Hash indexes of the indicators by id and by name (a cache; see
    /// [`crate::lookup`]).
    pub lookup: ModelLookup,
}

/// The indexes behind [`Model::indicator`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ModelLookup {
    by_id: NameIndex,
    by_name: NameIndex,
    by_execution_line: NameIndex,
}

impl Model {
    pub fn new(
        unit: UnitInfo,
        settings: Settings,
        budget: Budget,
        indicators: impl Into<Indicators>,
    ) -> Model {
        Model {
            unit,
            settings,
            budget,
            indicators: indicators.into(),
            lookup: ModelLookup::default(),
        }
    }

    /// The indicator with this id, else the first with this name: a hash lookup.
    pub fn indicator(&self, id_or_name: &str) -> Option<&Indicator> {
        let list = &self.indicators;
        let n = list.len();
        self.lookup
            .by_id
            .find(id_or_name, n, |p| list.get(p).map(|i| i.id.0.as_str()))
            .or_else(|| {
                self.lookup
                    .by_name
                    .find(id_or_name, n, |p| list.get(p).map(|i| i.name.as_str()))
            })
            .map(|p| &list[p])
    }

    /// The first indicator measuring execution of budget line `line`
    /// (`execution:<line>`): a hash lookup.
    pub fn execution_indicator_of(&self, line: &str) -> Option<&Indicator> {
        self.execution_of(Some(line))
    }

    /// Forget the lookup indexes, after indicators or budget lines were renamed in
    /// place.
    pub fn reindex(&mut self) {
        self.lookup = ModelLookup::default();
        self.budget.lookup = Default::default();
    }

    /// The indicator measuring total budget execution, if any: a hash lookup.
    pub fn execution_indicator(&self) -> Option<&Indicator> {
        self.execution_of(None)
    }

    /// The first indicator measuring execution of `line` (`None`: of the total), from
    /// one index keyed by line; the total's key cannot be a line name (it holds a NUL).
    fn execution_of(&self, line: Option<&str>) -> Option<&Indicator> {
        const TOTAL: &str = "\0total";
        let list = &self.indicators;
        self.lookup
            .by_execution_line
            .find(line.unwrap_or(TOTAL), list.len(), |p| {
                match list.get(p).map(|i| &i.measure) {
                    Some(Measure::Execution { line: Some(l) }) => Some(l.as_str()),
                    Some(Measure::Execution { line: None }) => Some(TOTAL),
                    _ => None,
                }
            })
            .map(|p| &list[p])
    }

    pub fn total_weight(&self) -> Decimal {
        self.indicators.iter().map(|i| i.weight).sum()
    }

    /// Checks across the parts: the budget's own checks, distinct ids and names,
    /// weights adding up to 100, execution measures naming existing lines, targets that
    /// suit their measure, and the half-year plan ratio against the 预算执行率 H1
    /// target.
    pub fn check(&self) -> Vec<Check> {
        self.check_with(None)
    }

    /// [`Model::check`], with the indicators' own checks taken from `made` when it
    /// was made for this model's indicators and settings and every budget line it
    /// assumed is there (a portfolio's units sharing one template); otherwise made
    /// here. The same checks in the same order either way.
    pub fn check_with(&self, made: Option<&IndicatorChecks>) -> Vec<Check> {
        let mut out = self.budget.check();
        out.extend(self.settings.check());
        if !self.budget.lines.is_empty()
            && self.budget.income_total.is_none()
            && self.budget.income.is_empty()
        {
            out.push(
                Check::warning(None, msg::no_income(), msg::no_income_help())
                    .in_part(crate::check::Part::Income),
            );
        }
        let made = made.filter(|m| m.fits(self));
        match made {
            Some(m) => out.extend(m.checks.iter().cloned()),
            None => out.extend(indicator_checks(&self.indicators, &self.settings, |l| {
                self.budget.line(l).is_some()
            })),
        }
        // The total's execution indicator: the checks' own when they fit.
        let exec = match made {
            Some(m) => m.execution.map(|k| &self.indicators[k]),
            None => self.execution_indicator(),
        };
        out.extend(self.h1_plan_check(exec));
        out
    }

    /// The half-year plan ratio against the 预算执行率 H1 target of `exec`, the
    /// total's execution indicator.
    fn h1_plan_check(&self, exec: Option<&Indicator>) -> Option<Check> {
        let (exec, ratio) = (exec?, self.budget.h1_plan_ratio()?);
        let t = exec
            .h1
            .threshold()
            .filter(|_| matches!(exec.h1, Target::Quantitative { .. }))?;
        let gap = (ratio - t).abs();
        (gap > self.settings.h1_plan_tolerance).then(|| {
            Check::note(
                Some(&exec.id.0),
                msg::h1_plan(
                    crate::fmt::percent(ratio, 2),
                    self.budget.total_h1_plan(),
                    self.budget.total_budget(),
                    &exec.h1,
                ),
                msg::h1_plan_help(),
            )
        })
    }
}

/// The checks of the indicators on their own (with the settings they are read
/// with): distinct ids and names, weights adding up to 100, targets that suit their
/// measure, execution measures naming a line `has_line` knows.
fn indicator_checks(
    indicators: &[Indicator],
    settings: &Settings,
    has_line: impl Fn(&str) -> bool,
) -> Vec<Check> {
    let mut out = Vec::new();
    if indicators.is_empty() {
        out.push(
            Check::error(None, msg::no_indicators(), msg::no_indicators_help())
                .in_part(crate::check::Part::Indicators),
        );
    }
    // Whole-point rounding (廊坊 2019) fits whole-point weights only: with 1.67 or
    // 0.42 a row either keeps its fraction when met or rounds to 0 when missed.
    if settings.scoring.rounding == crate::settings::Rounding::Whole {
        let fractional: Vec<&str> = indicators
            .iter()
            .filter(|i| !i.weight.fract().is_zero())
            .map(|i| i.name.as_str())
            .collect();
        if let Some(first) = fractional.first() {
            out.push(
                Check::warning(
                    None,
                    msg::whole_points(fractional.len(), first),
                    msg::whole_points_help(),
                )
                .in_part(crate::check::Part::Settings),
            );
        }
    }
    let n = indicators.len();
    let mut ids = foldhash::HashSet::with_capacity_and_hasher(n, Default::default());
    let mut names = foldhash::HashSet::with_capacity_and_hasher(n, Default::default());
    for i in indicators {
        // Each threshold once (a division for a percentage).
        let (h1_at, fy_at) = (i.h1.threshold(), i.fy.threshold());
        if !ids.insert(i.id.0.as_str()) {
            out.push(Check::error(
                Some(&i.id.0),
                msg::id_twice(&i.id),
                msg::id_twice_help(),
            ));
        }
        if !names.insert(i.name.as_str()) {
            out.push(Check::error(
                Some(&i.id.0),
                msg::name_twice(&i.name, &i.level1, &i.level2),
                msg::name_twice_help(),
            ));
        }
        if let (Some(h1), Some(fy), Some(crate::target::Direction::HigherIsBetter)) =
            (h1_at, fy_at, i.fy.direction_at(fy_at))
        {
            if h1 > fy && i.h1.unit() == i.fy.unit() {
                out.push(Check::warning(
                    Some(&i.id.0),
                    msg::h1_above_fy(&i.name, &i.h1, &i.fy),
                    msg::h1_above_fy_help(),
                ));
            }
        }
        if let Measure::Execution { .. } = i.measure {
            for (t, at, which) in [
                (&i.h1, h1_at, msg::half_year()),
                (&i.fy, fy_at, msg::full_year()),
            ] {
                if at.is_some_and(|x| x > Decimal::ONE || x < Decimal::ZERO) {
                    out.push(Check::error(
                        Some(&i.id.0),
                        msg::not_a_rate(&i.name, which, t),
                        msg::not_a_rate_help(),
                    ));
                }
            }
        }
        if i.weight < Decimal::ZERO {
            out.push(Check::error(
                Some(&i.id.0),
                msg::negative_weight(&i.name, i.weight),
                msg::negative_weight_help(),
            ));
        }
        match &i.measure {
            Measure::Execution { line: Some(l) } if !has_line(l) => {
                out.push(Check::error(
                    Some(&i.id.0),
                    msg::unknown_line(&i.name, l),
                    msg::unknown_line_help(),
                ));
            }
            Measure::Grade if !i.fy.is_qualitative() && i.fy.is_applicable() => {
                out.push(Check::error(
                    Some(&i.id.0),
                    msg::grade_for_number(&i.name, &i.fy),
                    msg::grade_for_number_help(),
                ));
            }
            Measure::Sum | Measure::Latest | Measure::Execution { .. } if i.fy.is_qualitative() => {
                out.push(Check::error(
                    Some(&i.id.0),
                    msg::number_for_word(&i.name, &i.measure, &i.fy),
                    msg::number_for_word_help(),
                ));
            }
            _ => {}
        }
    }
    let total: Decimal = indicators.iter().map(|i| i.weight).sum();
    if !indicators.is_empty() && total != Decimal::ONE_HUNDRED {
        out.push(
            Check::error(
                None,
                msg::weights_not_100(total),
                msg::weights_not_100_help(),
            )
            .in_part(crate::check::Part::Indicators),
        );
    }
    out
}

/// The indicators' own checks ([`Model::check_with`]) made once for the models that
/// share the indicators (a portfolio's template), with what they were made for.
#[derive(Debug, Clone)]
pub struct IndicatorChecks {
    indicators: Indicators,
    rounding: crate::settings::Rounding,
    /// The lines the execution measures name: assumed to be in every budget.
    lines: Vec<String>,
    checks: Vec<Check>,
    /// The place of the total's execution indicator ([`Model::execution_indicator`]).
    execution: Option<usize>,
}

impl IndicatorChecks {
    /// The checks of `indicators` read with `settings`.
    pub fn new(indicators: &Indicators, settings: &Settings) -> IndicatorChecks {
        let lines = indicators
            .iter()
            .filter_map(|i| match &i.measure {
                Measure::Execution { line: Some(l) } => Some(l.clone()),
                _ => None,
            })
            .collect();
        IndicatorChecks {
            indicators: indicators.clone(),
            rounding: settings.scoring.rounding,
            lines,
            checks: indicator_checks(indicators, settings, |_| true),
            execution: indicators
                .iter()
                .position(|i| matches!(i.measure, Measure::Execution { line: None })),
        }
    }

    /// They are `model`'s: the same indicators (shared, not equal), the same
    /// rounding, and every line assumed is in its budget.
    fn fits(&self, model: &Model) -> bool {
        self.indicators.is(&model.indicators)
            && self.rounding == model.settings.scoring.rounding
            && self.lines.iter().all(|l| model.budget.line(l).is_some())
    }
}
