//! Many units at once (a finance department's view): each unit's progress reduced to
//! a few figures, units ranked by their gap to the expected execution path, and the
//! aggregate of all of them. Pure: the units' [`Progress`] come in as values.

use rayon::prelude::*;
use rust_decimal::Decimal;

use crate::lookup::same_text;
use crate::period::Month;
use crate::settings::ExpectedPath;
use std::borrow::Cow;

use crate::actuals::Item;
use crate::indicator::Measure;
use crate::progress::{
    reported_actuals, spent_to, IndicatorBasis, Inputs, Judge, Light, LineBasis, Progress,
    Quotient, Spent,
};
use crate::value::Value;

/// The figures of one unit as of a month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// Cumulative spending, 万元.
    pub spent: Decimal,
    /// spent ÷ budget (`None` for a zero budget).
    pub rate: Option<Decimal>,
    /// The expected execution rate by this month.
    pub expected: Decimal,
    /// rate − expected (`None` without a rate).
    pub gap: Option<Decimal>,
    /// The light of budget execution.
    pub execution_light: Light,
    /// The worst light of execution and every indicator.
    pub light: Light,
    /// Indicators with a red light.
    pub red: usize,
    /// Indicators with a yellow light.
    pub yellow: usize,
}

impl Snapshot {
    pub fn of(p: &Progress) -> Snapshot {
        let count = |l: Light| p.indicators.iter().filter(|i| i.light == l).count();
        Snapshot {
            spent: p.total.spent,
            rate: p.total.rate,
            expected: p.total.expected,
            gap: p.total.gap,
            execution_light: p.total.light,
            light: p.light,
            red: count(Light::Red),
            yellow: count(Light::Yellow),
        }
    }
}

/// One unit of a portfolio.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitSummary {
    /// The unit's key: its folder name or its value in the `unit` column.
    pub key: String,
    /// 单位名称.
    pub name: String,
    /// Full-year budget, 万元.
    pub budget: Decimal,
    /// Number of indicators.
    pub indicators: usize,
    pub now: Snapshot,
    /// The same figures as of the previous month (`None` in January).
    pub previous: Option<Snapshot>,
    /// Cumulative spending by month, January to as-of, 万元.
    pub monthly_spent: Vec<Decimal>,
    /// The expected execution rate of every month of the year.
    pub expected_path: Vec<Decimal>,
}

/// Better, worse or the same as last month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Change {
    Improved,
    Worsened,
    Unchanged,
    /// No previous month (January).
    New,
}

impl Change {
    pub fn code(self) -> &'static str {
        match self {
            Change::Improved => "improved",
            Change::Worsened => "worsened",
            Change::Unchanged => "unchanged",
            Change::New => "new",
        }
    }
}

/// How bad a light is, for comparing months (blue and green count alike).
fn severity(l: Light) -> u8 {
    match l {
        Light::Red => 3,
        Light::Yellow => 2,
        Light::Green | Light::Blue => 1,
        Light::None => 0,
    }
}

impl UnitSummary {
    /// Summarise a unit from its progress as of the month and, when there is one,
    /// as of the month before.
    pub fn new(
        key: &str,
        name: &str,
        indicators: usize,
        now: &Progress,
        previous: Option<&Progress>,
    ) -> UnitSummary {
        UnitSummary {
            key: key.to_string(),
            name: name.to_string(),
            budget: now.total.budget,
            indicators,
            now: Snapshot::of(now),
            previous: previous.map(Snapshot::of),
            monthly_spent: now.total.monthly.iter().map(|(_, s, _)| *s).collect(),
            expected_path: now.total.expected_path.iter().map(|(_, e)| *e).collect(),
        }
    }

    /// Change of the gap since the previous month, as a fraction (+0.02 is two
    /// percentage points closer to or further ahead of the path).
    pub fn gap_change(&self) -> Option<Decimal> {
        Some(self.now.gap? - self.previous.as_ref()?.gap?)
    }

    /// Improved when the overall light is better, or the same light with fewer red
    /// and yellow indicators, or all that unchanged and the gap narrowed; worsened the
    /// other way round.
    pub fn change(&self) -> Change {
        let Some(p) = &self.previous else {
            return Change::New;
        };
        let n = &self.now;
        let key = |s: &Snapshot| (severity(s.light), s.red, s.yellow);
        match key(n).cmp(&key(p)) {
            std::cmp::Ordering::Less => Change::Improved,
            std::cmp::Ordering::Greater => Change::Worsened,
            std::cmp::Ordering::Equal => match self.gap_change() {
                Some(g) if g > Decimal::ZERO => Change::Improved,
                Some(g) if g < Decimal::ZERO => Change::Worsened,
                _ => Change::Unchanged,
            },
        }
    }
}

/// A line's (or the total's) execution as of a month: spending, rate, expected rate
/// and light.
#[derive(Debug, Clone, Copy)]
struct Execution<'q> {
    spent: Decimal,
    rate: Option<Decimal>,
    expected: Decimal,
    light: Light,
    /// The template's quotient the light was judged with, if any ([`Quotient`]:
    /// of `expected`, the unit's light thresholds and no blue).
    quotient: Option<&'q Quotient>,
}

/// The overall light and the red and yellow indicators of a month, as they add up.
#[derive(Debug, Clone, Copy)]
struct Lights {
    light: Light,
    red: usize,
    yellow: usize,
}

impl Lights {
    fn add(&mut self, l: Light) {
        match l {
            Light::Red => self.red += 1,
            Light::Yellow => self.yellow += 1,
            _ => {}
        }
        self.light = self.light.or_worse(l);
    }

    fn snapshot(self, total: &Execution<'_>) -> Snapshot {
        Snapshot {
            spent: total.spent,
            rate: total.rate,
            expected: total.expected,
            gap: total.rate.map(|r| r - total.expected),
            execution_light: total.light,
            light: self.light,
            red: self.red,
            yellow: self.yellow,
        }
    }
}

/// What the summaries of units sharing one template (the same indicators, shared
/// and not only equal, read with the same kind of expected path) have in common as of
/// a month, worked out once for all of them by the engine's own rules: every
/// indicator's thresholds, the expected value of every indicator not measuring
/// execution (both months) and how its light is judged then ([`Judge`], with the
/// ratio's part that depends on the expected value and the thresholds worked out:
/// [`Quotient`]), and the expected path of every milestone pair the template's
/// execution indicators set. [`summarize_with`] takes them from here for a unit it
/// fits, and works them out itself for any other.
#[derive(Debug, Clone)]
pub struct Template {
    indicators: crate::model::Indicators,
    expected: ExpectedPath,
    /// The light thresholds the judges were made with.
    lights: crate::settings::Lights,
    as_of: Month,
    /// Per indicator: the thresholds of its targets (h1, fy).
    thresholds: Vec<(Option<Decimal>, Option<Decimal>)>,
    /// Per indicator not measuring execution: its expected value as of the month
    /// before and as of the month.
    expected_values: Vec<Option<[Option<Decimal>; 2]>>,
    /// Per indicator not measuring execution: how its light is judged as of the month
    /// before and as of the month, and the index in `quotients` of its ratio's.
    judges: Vec<Option<Judges>>,
    /// The ratios' parts worked out once, one per expected value (and thresholds).
    quotients: Vec<Quotient>,
    /// The first indicator measuring the execution of each line it names (`None`: the
    /// total): its thresholds (h1, fy).
    executions: Vec<(Option<String>, Thresholds)>,
    paths: Vec<SharedPath>,
}

/// The expected rate of every month of the year on a basis (milestone or linear) from
/// milestones (h1, fy), each held exactly ([`Decimal::serialize`]: the same value at
/// the same scale), and the [`Quotient`] of the execution light against it as of the
/// month before and as of the month (with the template's light thresholds).
type SharedPath = (
    ExpectedPath,
    [u8; 16],
    [u8; 16],
    Vec<Decimal>,
    [Option<Quotient>; 2],
);

/// A target's thresholds (h1, fy).
type Thresholds = (Option<Decimal>, Option<Decimal>);

/// How an indicator's light is judged as of the month before and as of the month, and
/// the index of its ratio's [`Quotient`] in [`Template::quotients`].
type Judges = [Option<(Judge, Option<usize>)>; 2];

impl Template {
    /// The template of `model`'s indicators and settings as of `as_of`.
    pub fn new(model: &crate::Model, as_of: Month) -> Template {
        let actuals = crate::actuals::Actuals::default();
        let inputs = Inputs {
            model,
            actuals: &actuals,
            plan: None,
        };
        let previous = Month::new(as_of.year(), as_of.number().wrapping_sub(1));
        let thresholds: Vec<_> = model
            .indicators
            .iter()
            .map(|i| (i.h1.threshold(), i.fy.threshold()))
            .collect();
        let expected_values = model
            .indicators
            .iter()
            .zip(&thresholds)
            .map(|(ind, t)| {
                let b = IndicatorBasis::with(&inputs, ind, Some(*t), &[]);
                // An execution indicator's expected rate is its line's, the unit's own.
                b.line
                    .is_none()
                    .then(|| [previous, Some(as_of)].map(|m| b.expected(&inputs, m?)))
            })
            .collect::<Vec<_>>();
        let lights = &model.settings.lights;
        let mut quotients: Vec<Quotient> = Vec::new();
        let judges = model
            .indicators
            .iter()
            .zip(&thresholds)
            .zip(&expected_values)
            .map(|((ind, t), e)| {
                // Not for an execution indicator (its expected rate is the unit's own).
                let e = e.as_ref()?;
                let b = IndicatorBasis::with(&inputs, ind, Some(*t), &[]);
                let mut judges = [None, None];
                for ((judge, m), e) in judges.iter_mut().zip([previous, Some(as_of)]).zip(e) {
                    let Some(m) = m else { continue };
                    let j = b.judge(m, *e);
                    let q = match j {
                        Judge::Ratio {
                            execution: false,
                            expected: Some(e),
                        } => match quotients.iter().position(|q| q.is_for(e, lights, true)) {
                            Some(k) => Some(k),
                            None => Quotient::new(e, lights, true).map(|q| {
                                quotients.push(q);
                                quotients.len() - 1
                            }),
                        },
                        _ => None,
                    };
                    *judge = Some((j, q));
                }
                Some(judges)
            })
            .collect();
        let mut executions: Vec<(Option<String>, _)> = Vec::new();
        for (ind, t) in model.indicators.iter().zip(&thresholds) {
            if let Measure::Execution { line } = &ind.measure {
                if !executions.iter().any(|(l, _)| l == line) {
                    executions.push((line.clone(), *t));
                }
            }
        }
        let mut paths: Vec<SharedPath> = Vec::new();
        let bases = [ExpectedPath::Milestone, model.settings.expected];
        for (ind, t) in model.indicators.iter().zip(&thresholds) {
            let (Measure::Execution { .. }, (Some(h1), Some(fy))) = (&ind.measure, *t) else {
                continue;
            };
            for basis in bases {
                if basis == ExpectedPath::Plan
                    || paths.iter().any(|(b, x, y, ..)| {
                        (*b, *x, *y) == (basis, h1.serialize(), fy.serialize())
                    })
                {
                    continue;
                }
                let path: Vec<Decimal> = Month::all_of(as_of.year())
                    .map(|m| inputs.expected_rate_with(None, (h1, fy), basis, m))
                    .collect();
                let quotients = [previous, Some(as_of)].map(|m| {
                    let e = path[usize::from(m?.elapsed()) - 1];
                    Quotient::new(e, lights, false)
                });
                paths.push((basis, h1.serialize(), fy.serialize(), path, quotients));
            }
        }
        Template {
            indicators: model.indicators.clone(),
            expected: model.settings.expected,
            lights: lights.clone(),
            as_of,
            thresholds,
            expected_values,
            judges,
            quotients,
            executions,
            paths,
        }
    }

    /// Made for `model`'s indicators (shared), its kind of expected path and `as_of`.
    fn fits(&self, model: &crate::Model, as_of: Month) -> bool {
        self.indicators.is(&model.indicators)
            && self.expected == model.settings.expected
            && self.as_of == as_of
    }

    /// The judges of indicators' lights, when made with `lights` (exactly: the same
    /// values at the same scales).
    fn judges_for(&self, lights: &crate::settings::Lights) -> Option<&[Option<Judges>]> {
        let a = &self.lights;
        let same = |x: Decimal, y: Decimal| x.serialize() == y.serialize();
        (same(a.red_below, lights.red_below)
            && same(a.yellow_below, lights.yellow_below)
            && same(a.blue_from, lights.blue_from))
        .then_some(self.judges.as_slice())
    }

    /// The thresholds (h1, fy) of the first indicator measuring the execution of
    /// `line` (`None`: the total), if any ([`crate::Model::execution_indicator_of`]).
    fn execution_of(&self, line: Option<&str>) -> Option<Thresholds> {
        self.executions
            .iter()
            .find(|(l, _)| l.as_deref() == line)
            .map(|(_, t)| *t)
    }

    /// The expected path of a line (or the total) on `basis` from `milestones`, if
    /// worked out here, with its execution light's quotients ([`SharedPath`]).
    fn path(
        &self,
        basis: ExpectedPath,
        (h1, fy): (Decimal, Decimal),
    ) -> Option<(&[Decimal], &[Option<Quotient>; 2])> {
        let (h1, fy) = (h1.serialize(), fy.serialize());
        self.paths
            .iter()
            .find(|(b, x, y, ..)| *b == basis && *x == h1 && *y == fy)
            .map(|(_, _, _, p, q)| (p.as_slice(), q))
    }
}

/// Summarise a unit as of `as_of` and the month before: the same figures as
/// [`UnitSummary::new`] of the full [`Progress`] of both months (a test checks that
/// on generated portfolios), computed without the rest of the report, by the same
/// rules ([`Inputs::execution_light`], [`crate::progress::IndicatorBasis`]): what does
/// not depend on the month (budgets, milestones, targets' thresholds) is worked out
/// once, spending is summed once for both months, and each indicator's entries are
/// looked up once.
pub fn summarize(
    key: &str,
    model: &crate::Model,
    actuals: &crate::actuals::Actuals,
    plan: Option<&crate::actuals::MonthlyPlan>,
    as_of: Month,
) -> UnitSummary {
    summarize_with(None, &[], key, model, actuals, plan, as_of)
}

/// [`summarize`], with what depends only on the template taken from `template` when
/// it was made for this unit's indicators and settings as of `as_of` ([`Template`]),
/// and each indicator's and budget line's entries found at its place in `actuals` when `places` has it
/// (by the model's item numbers: the indicators in order, then the budget lines; a
/// place of another item, or none, is looked up by the item): the same summary
/// either way.
pub fn summarize_with(
    template: Option<&Template>,
    places: &[Option<crate::actuals::ItemSlot>],
    key: &str,
    model: &crate::Model,
    actuals: &crate::actuals::Actuals,
    plan: Option<&crate::actuals::MonthlyPlan>,
    as_of: Month,
) -> UnitSummary {
    let template = template.filter(|t| t.fits(model, as_of));
    let inputs = Inputs {
        model,
        actuals,
        plan,
    };
    // The budget lines' places follow the indicators'.
    let line_places = places.get(model.indicators.len()..).unwrap_or_default();
    let spent = Spent::with_places(model, actuals, as_of, line_places);
    let lines = &model.budget.lines;
    // What each line's execution is judged against: the total (0), then every budget
    // line (`k + 1` for line `k`), each worked out when first needed.
    let basis_of = |k: usize| {
        let line = k.checked_sub(1).map(|k| &*lines[k].name);
        match template {
            // The template knows the execution indicators.
            Some(t) => {
                let milestones = inputs.milestones_with(line, t.execution_of(line));
                LineBasis::with_milestones(&inputs, line, milestones)
            }
            None => LineBasis::of(&inputs, line),
        }
    };
    // (A unit's few lines kept inline: nothing allocated.)
    let mut bases: smallvec::SmallVec<[Option<LineBasis<'_>>; 8]> =
        smallvec::smallvec![None; lines.len() + 1];
    let total = basis_of(0);
    // A line's expected path, when the template has it.
    let shared_path = |b: &LineBasis<'_>| template?.path(b.basis, b.milestones);
    let expected_path: Vec<Decimal> = match shared_path(&total) {
        Some((p, _)) => p.to_vec(),
        None => Month::all_of(as_of.year())
            .map(|m| total.expected(&inputs, m))
            .collect(),
    };
    let previous = Month::new(as_of.year(), as_of.number().wrapping_sub(1));
    let settings = &model.settings.lights;
    // The template's quotients are for its light thresholds.
    let judges = template.and_then(|t| t.judges_for(settings));
    // Both months' execution of a line: [previous, as_of], each when `want` has it.
    let execution_of = |k: usize, b: &LineBasis<'_>, want: [bool; 2]| {
        let cumulative = spent.cumulative(model, actuals, b.line);
        let path = shared_path(b);
        [(0, previous), (1, Some(as_of))].map(|(j, m)| {
            let m = m.filter(|_| want[j])?;
            let spent = spent_to(&cumulative, m);
            let rate = spent.checked_div(b.budget);
            let (expected, quotient) = match path {
                Some((p, q)) => (
                    p[usize::from(m.elapsed()) - 1],
                    q[j].as_ref().filter(|_| judges.is_some()),
                ),
                None if k == 0 => (expected_path[usize::from(m.elapsed()) - 1], None),
                None => (b.expected(&inputs, m), None),
            };
            Some(Execution {
                spent,
                rate,
                expected,
                light: inputs.execution_light_with(rate, expected, quotient),
                quotient,
            })
        })
    };
    let mut execution: smallvec::SmallVec<[Option<[Option<Execution<'_>>; 2]>; 8]> =
        smallvec::smallvec![None; lines.len() + 1];
    execution[0] = Some(execution_of(0, &total, [true; 2]));
    bases[0] = Some(total);
    let mut lights = [previous, Some(as_of)].map(|_| Lights {
        light: Light::None,
        red: 0,
        yellow: 0,
    });
    // One item, its text reused for every indicator looked up by id.
    let mut item = Item::Indicator(Default::default());
    for (n, ind) in model.indicators.iter().enumerate() {
        // How the light is judged in each month, when the template has it (an
        // indicator not measuring execution).
        let shared_judges = judges.and_then(|j| j.get(n)?.as_ref());
        // The template judges both months (a month without a judge is one there is
        // not: January's previous).
        if let (Some(j), Some(t)) = (shared_judges, template) {
            let actual = reported(actuals, places, &mut item, n, ind, as_of);
            for (acc, (j, actual)) in lights.iter_mut().zip(j.iter().zip(&actual)) {
                if let Some((judge, q)) = j {
                    let q = q.map(|q| &t.quotients[q]);
                    acc.add(judge.light_alone(settings, actual.as_deref(), q));
                }
            }
            continue;
        }
        // An execution indicator of the total or a budget line (the first of its
        // name): that line's place above.
        let place = match &ind.measure {
            Measure::Execution { line: None } => Some(0),
            Measure::Execution { line: Some(l) } => {
                lines.iter().position(|b| b.name == *l).map(|k| k + 1)
            }
            _ => None,
        };
        let (basis_lines, line) = match place {
            Some(k) => {
                let e = execution_once(k, &mut bases, &mut execution, &basis_of, &execution_of);
                (bases[k].as_slice(), Some(e))
            }
            None => (&[][..], None),
        };
        let new_basis = || {
            let thresholds = template.map(|t| t.thresholds[n]);
            IndicatorBasis::with(&inputs, ind, thresholds, basis_lines)
        };
        let mut basis = (shared_judges.is_none()).then(new_basis);
        let actual: [Option<Cow<'_, Value>>; 2] = match (&ind.measure, line) {
            // Its rate and expected rate.
            (Measure::Execution { .. }, Some(e)) => {
                e.map(|e| e.and_then(|e| e.rate).map(|r| Cow::Owned(Value::Number(r))))
            }
            (Measure::Execution { .. }, None) => [previous, Some(as_of)]
                .map(|m| m.and_then(|m| inputs.actual(&spent, ind, m).map(Cow::Owned))),
            _ => reported(actuals, places, &mut item, n, ind, as_of),
        };
        for (k, m) in [previous, Some(as_of)].into_iter().enumerate() {
            let Some(m) = m else { continue };
            let actual = actual[k].as_deref();
            let light = match (shared_judges.and_then(|j| j[k]), template) {
                (Some((judge, q)), Some(t)) => {
                    judge.light(settings, actual, q.map(|q| &t.quotients[q])).0
                }
                _ => {
                    let basis = basis.get_or_insert_with(new_basis);
                    let shared_expected = template.and_then(|t| t.expected_values[n]);
                    let expected = match (line.and_then(|e| e[k]), shared_expected) {
                        (Some(e), _) if !ind.fy.is_qualitative() => Some(e.expected),
                        (_, Some(shared)) => shared[k],
                        _ => basis.expected(&inputs, m),
                    };
                    // Judged as `basis.light` judges it, with the line's quotient when
                    // it is the one of this ratio (the same light, decided faster).
                    let judge = basis.judge(m, expected);
                    let quotient = match judge {
                        Judge::Ratio {
                            execution,
                            expected: Some(e),
                        } => line
                            .and_then(|l| l[k]?.quotient)
                            .filter(|q| q.is_for(e, settings, !execution)),
                        _ => None,
                    };
                    judge.light_alone(settings, actual, quotient)
                }
            };
            lights[k].add(light);
        }
    }
    // The lights of the total's and every line's execution count only towards the
    // overall light, the worst of all: a month already red is left as it is, and a
    // line is worked out only for a month that is not (or for an indicator above).
    for k in 0..execution.len() {
        let open = [previous, Some(as_of)].map(|m| m.is_some());
        let open = [0, 1].map(|j| open[j] && lights[j].light != Light::Red);
        let e = match execution[k] {
            Some(e) => e,
            None if open == [false; 2] => continue,
            // Only the months it may make worse.
            None => {
                let b = bases[k].get_or_insert_with(|| basis_of(k));
                execution_of(k, b, open)
            }
        };
        for (acc, e) in lights.iter_mut().zip(e) {
            if let Some(e) = e {
                acc.light = acc.light.or_worse(e.light);
            }
        }
    }
    let [prev_lights, now_lights] = lights;
    let [prev_total, now_total] = execution[0].expect("the total");
    UnitSummary {
        key: key.to_string(),
        name: model.unit.name.clone(),
        budget: bases[0].as_ref().expect("the total").budget,
        indicators: model.indicators.len(),
        now: now_lights.snapshot(&now_total.expect("as of")),
        previous: prev_total.map(|t| prev_lights.snapshot(&t)),
        monthly_spent: spent.cumulative(model, actuals, None).into_owned(),
        expected_path,
    }
}

/// The actuals of indicator `n` (not measuring execution) as of the month before
/// `as_of` and as of `as_of`: its entries found at its place when that is the
/// indicator's, else by its id (`item`'s text reused). Made in place where it is
/// used (the summary's loop over every indicator).
#[inline(always)]
fn reported<'e>(
    actuals: &'e crate::actuals::Actuals,
    places: &[Option<crate::actuals::ItemSlot>],
    item: &mut Item,
    n: usize,
    ind: &crate::Indicator,
    as_of: Month,
) -> [Option<Cow<'e, Value>>; 2] {
    let previous = Month::new(as_of.year(), as_of.number().wrapping_sub(1));
    let at = places.get(n).copied().flatten().filter(
        |&at| matches!(actuals.item_at(at), Some(Item::Indicator(id)) if same_text(id, &ind.id.0)),
    );
    match at {
        Some(at) => reported_actuals(&ind.measure, actuals.series_at(at, as_of), previous),
        None => {
            if let Item::Indicator(id) = item {
                id.clear();
                id.push_str(&ind.id.0);
            }
            reported_actuals(&ind.measure, actuals.series_of(item, as_of), previous)
        }
    }
}

/// Both months' execution of line `k` (0: the total), worked out the first time it is
/// asked for, with its basis.
fn execution_once<'a, 'q>(
    k: usize,
    bases: &mut [Option<LineBasis<'a>>],
    execution: &mut [Option<[Option<Execution<'q>>; 2]>],
    basis_of: &impl Fn(usize) -> LineBasis<'a>,
    execution_of: &impl Fn(usize, &LineBasis<'a>, [bool; 2]) -> [Option<Execution<'q>>; 2],
) -> [Option<Execution<'q>>; 2] {
    let b = bases[k].get_or_insert_with(|| basis_of(k));
    *execution[k].get_or_insert_with(|| execution_of(k, b, [true; 2]))
}

/// [`summarize`] through the full engine: both months' whole [`Progress`].
pub fn summarize_in_full(
    key: &str,
    model: &crate::Model,
    actuals: &crate::actuals::Actuals,
    plan: Option<&crate::actuals::MonthlyPlan>,
    as_of: Month,
) -> UnitSummary {
    let inputs = Inputs {
        model,
        actuals,
        plan,
    };
    let now = inputs.evaluate(as_of);
    let previous =
        Month::new(as_of.year(), as_of.number().wrapping_sub(1)).map(|m| inputs.evaluate(m));
    UnitSummary::new(
        key,
        &model.unit.name,
        model.indicators.len(),
        &now,
        previous.as_ref(),
    )
}

/// A unit left out of the ranking because its files have errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excluded {
    pub key: String,
    /// Number of errors found.
    pub errors: usize,
    /// The first error, as the reader wrote it (file:line: message).
    pub first: String,
}

/// The order of the ranking: furthest behind first (the smallest gap), units
/// without a gap last, ties by key (then in the order given, as a stable sort).
fn ranking_order(a: &UnitSummary, b: &UnitSummary) -> std::cmp::Ordering {
    match (a.now.gap, b.now.gap) {
        (Some(x), Some(y)) => x.cmp(&y).then_with(|| a.key.cmp(&b.key)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.key.cmp(&b.key),
    }
}

/// A gap in units of 10⁻²⁸ (a decimal has at most 28 decimals), when that fits in
/// 128 bits: two such keys compare as their gaps do, without the decimal type's
/// rescaling in each of the sort's comparisons.
fn gap_key(gap: Decimal) -> Option<i128> {
    gap.mantissa()
        .checked_mul(10i128.checked_pow(28u32.checked_sub(gap.scale())?)?)
}

/// The places of `units` sorted by [`ranking_order`], stably: `order[r]` is the place
/// of the unit ranked `r`. The places are sorted on all cores by keys made once (the
/// place breaking ties, so that the order is a stable sort's).
fn ranking(units: &[Box<UnitSummary>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..units.len()).collect();
    // Gaps compared as integers where they fit ([`gap_key`]), else as decimals.
    let keys: Vec<Option<i128>> = units
        .par_iter()
        .map(|u| u.now.gap.and_then(gap_key))
        .collect();
    order.par_sort_unstable_by(|&i, &j| {
        match (keys[i], keys[j]) {
            (Some(x), Some(y)) => x.cmp(&y).then_with(|| units[i].key.cmp(&units[j].key)),
            _ => ranking_order(&units[i], &units[j]),
        }
        .then(i.cmp(&j))
    });
    order
}

/// Move each unit's box to its rank (`order` of [`ranking`]), once: follow each
/// cycle of the permutation, swapping each unit into its rank.
fn permute(units: &mut [Box<UnitSummary>], order: &[usize]) {
    let mut done = vec![false; units.len()];
    for start in 0..units.len() {
        let mut r = start;
        while !done[r] {
            done[r] = true;
            let from = order[r];
            if from == start {
                break;
            }
            units.swap(r, from);
            r = from;
        }
    }
}

/// One of the portfolio's sums over its ranked units.
#[derive(Debug, Clone, Copy)]
enum Column {
    Budget,
    /// Cumulative spending by the month (0 = January).
    Spent(usize),
}

/// Months' spending added up in one pass over the units.
const MONTHS_PER_TASK: usize = 4;

impl Column {
    /// Every sum, in the order [`Portfolio::new`] reads them, in groups made in one
    /// pass over the units each: the budget, then the months' spending up to
    /// `months` (read from each unit's own list), a few at a time.
    fn groups(months: usize) -> Vec<Vec<Column>> {
        let mut groups = vec![vec![Column::Budget]];
        groups.extend(
            (0..months)
                .collect::<Vec<_>>()
                .chunks(MONTHS_PER_TASK)
                .map(|ms| ms.iter().map(|&m| Column::Spent(m)).collect()),
        );
        groups
    }

    /// What a unit adds to the sum (nothing for a month it has no figure of).
    fn of(self, u: &UnitSummary) -> Option<Decimal> {
        match self {
            Column::Budget => Some(u.budget),
            Column::Spent(m) => u.monthly_spent.get(m).copied(),
        }
    }
}

/// The budget-weighted expected path over the ranked units, before the division by
/// their budget: Σ e × b per month, e a unit's expected rate and b its budget.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Weighted<'a> {
    /// Every unit has this path (bit for bit): it is the weighted path itself, with
    /// no product or division to round.
    Shared(&'a [Decimal]),
    /// The sums by month of the year.
    Sums([Decimal; 12]),
}

/// [`Weighted`] of `units`. Units with the same path (bit for bit: mostly every unit
/// of a template) are weighted together: their budgets are added (exactly: a sum
/// of budgets keeps every digit) and multiplied by the path once, so that a month's
/// sum rounds once per path rather than once per unit, and does not depend on the
/// units' order within a path. The paths are added in the order of the first unit
/// ranked with each. A path shorter than the year adds nothing to the months it
/// lacks.
fn weighted_path(units: &[Box<UnitSummary>]) -> Weighted<'_> {
    // Each path once with its units' budget, in the order of its first unit.
    let mut groups: Vec<(&[Decimal], Decimal)> = Vec::new();
    let mut index: hashbrown::HashTable<usize> = hashbrown::HashTable::new();
    let mut last: Option<usize> = None;
    for u in units {
        let path = u.expected_path.as_slice();
        // Mostly the path of the unit before.
        let g = match last {
            Some(g) if same_path(groups[g].0, path) => g,
            _ => {
                let h = path_hash(path);
                match index.find(h, |&g| same_path(groups[g].0, path)) {
                    Some(&g) => g,
                    None => {
                        groups.push((path, Decimal::ZERO));
                        let g = groups.len() - 1;
                        index.insert_unique(h, g, |&g| path_hash(groups[g].0));
                        g
                    }
                }
            }
        };
        groups[g].1 += u.budget;
        last = Some(g);
    }
    weighted_of(groups)
}

/// A sum of decimals kept exactly, as an integer at the largest scale added so far,
/// with the sum of their magnitudes. While that stays below 2⁹⁶ every partial sum,
/// in any order, is a decimal without rounding: adding the same decimals one at a
/// time in any order gives [`ExactSum::value`], bit for bit (the scale is the
/// largest of theirs). So sums can be made in parallel, in pieces, and still be the
/// one loop's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct ExactSum {
    sum: i128,
    magnitude: i128,
    scale: u32,
    /// A product or sum did not fit in 128 bits.
    overflow: bool,
}

impl ExactSum {
    /// Raise the scale to `scale` (not below the current one).
    fn rescale(&mut self, scale: u32) {
        let up = 10i128
            .checked_pow(scale - self.scale)
            .and_then(|f| Some((self.sum.checked_mul(f)?, self.magnitude.checked_mul(f)?)));
        match up {
            Some((sum, magnitude)) => {
                *self = ExactSum {
                    sum,
                    magnitude,
                    scale,
                    ..*self
                }
            }
            None => self.overflow = true,
        }
    }

    /// Add `mantissa` at `scale`.
    #[inline]
    fn add_parts(&mut self, mantissa: i128, scale: u32) {
        // Mostly at the scale of the sum (amounts in cents).
        if scale == self.scale {
            match (
                self.sum.checked_add(mantissa),
                self.magnitude.checked_add(mantissa.abs()),
            ) {
                (Some(sum), Some(magnitude)) => {
                    self.sum = sum;
                    self.magnitude = magnitude;
                }
                _ => self.overflow = true,
            }
            return;
        }
        if scale > self.scale {
            self.rescale(scale);
        }
        let sum = self.scale.checked_sub(scale).and_then(|up| {
            let m = mantissa.checked_mul(10i128.checked_pow(up)?)?;
            Some((
                self.sum.checked_add(m)?,
                self.magnitude.checked_add(m.abs())?,
            ))
        });
        match sum {
            Some((sum, magnitude)) => {
                self.sum = sum;
                self.magnitude = magnitude;
            }
            None => self.overflow = true,
        }
    }

    fn add(&mut self, d: Decimal) {
        self.add_parts(d.mantissa(), d.scale());
    }

    /// Add another sum (of decimals that come after).
    fn merge(&mut self, other: ExactSum) {
        let mut other = other;
        if other.scale > self.scale {
            self.rescale(other.scale);
        } else if self.scale > other.scale {
            other.rescale(self.scale);
        }
        self.overflow |= other.overflow;
        match (
            self.sum.checked_add(other.sum),
            self.magnitude.checked_add(other.magnitude),
        ) {
            (Some(sum), Some(magnitude)) => {
                self.sum = sum;
                self.magnitude = magnitude;
            }
            _ => self.overflow = true,
        }
    }

    /// The sum, when every partial sum is a decimal without rounding.
    fn value(self) -> Option<Decimal> {
        const LIMIT: i128 = 1 << 96;
        if self.overflow || self.magnitude >= LIMIT || self.scale > 28 {
            return None;
        }
        Some(Decimal::from_i128_with_scale(self.sum, self.scale))
    }
}

/// The most months a portfolio adds up (a year's).
const MONTHS: usize = 12;

/// What one pass over units adds up, in any order: the budget and each month's
/// spending ([`ExactSum`]), the counts ([`Tally`]) and each distinct expected path
/// (by the place of a unit with it) with its units' budget, and each unit's path
/// (by its number among the paths).
#[derive(Debug, Default)]
struct Pass {
    budget: ExactSum,
    spent: [ExactSum; MONTHS],
    tally: Tally,
    paths: Vec<(usize, ExactSum)>,
    /// `paths` by the hash of the path ([`path_hash`]).
    index: hashbrown::HashTable<usize>,
    /// Per unit, in order: its path's number in `paths`.
    path_of: Vec<u32>,
}

/// A path's hash, by its figures' mantissas and scales.
fn path_hash(p: &[Decimal]) -> u64 {
    use std::hash::BuildHasher;
    let mut h = foldhash::fast::FixedState::default().build_hasher();
    for d in p {
        std::hash::Hasher::write_i128(&mut h, d.mantissa());
        std::hash::Hasher::write_u32(&mut h, d.scale());
    }
    std::hash::Hasher::finish(&h)
}

/// Two paths are the same bit for bit: the same mantissas (with their signs) and
/// scales (a zero of either sign weighs nothing either way).
fn same_path(a: &[Decimal], b: &[Decimal]) -> bool {
    // Mostly the same bits (a copy of the template's path).
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.serialize() == y.serialize()
                || (x.mantissa() == y.mantissa() && x.scale() == y.scale())
        })
}

impl Pass {
    /// The number of the path of unit `at` of `all`, made when new; `last`, the path
    /// of the unit before, is tried first.
    fn path_group(&mut self, all: &[Box<UnitSummary>], at: usize, last: Option<usize>) -> usize {
        let path = all[at].expected_path.as_slice();
        let path_at = |g: usize| all[g].expected_path.as_slice();
        if let Some(g) = last.filter(|&g| same_path(path_at(self.paths[g].0), path)) {
            return g;
        }
        let h = path_hash(path);
        let paths = &self.paths;
        if let Some(&g) = self
            .index
            .find(h, |&g| same_path(path_at(paths[g].0), path))
        {
            return g;
        }
        self.paths.push((at, ExactSum::default()));
        let g = self.paths.len() - 1;
        let paths = &self.paths;
        self.index
            .insert_unique(h, g, |&g| path_hash(path_at(paths[g].0)));
        g
    }

    /// Add units `from..to` of `all` for `months` months.
    fn over(all: &[Box<UnitSummary>], from: usize, to: usize, months: usize) -> Pass {
        let mut p = Pass {
            path_of: Vec::with_capacity(to - from),
            ..Pass::default()
        };
        let mut last = None;
        for at in from..to {
            let u = &all[at];
            p.budget.add(u.budget);
            for (acc, d) in p.spent.iter_mut().zip(&u.monthly_spent).take(months) {
                acc.add(*d);
            }
            p.tally.add(u);
            let g = p.path_group(all, at, last);
            p.paths[g].1.add(u.budget);
            p.path_of.push(g as u32);
            last = Some(g);
        }
        p
    }

    /// Add the pass over the units that come after.
    fn merge(mut self, all: &[Box<UnitSummary>], next: Pass) -> Pass {
        self.budget.merge(next.budget);
        for (a, b) in self.spent.iter_mut().zip(next.spent) {
            a.merge(b);
        }
        self.tally.merge(next.tally);
        // The next pass's paths by their number here.
        let mut number = Vec::with_capacity(next.paths.len());
        for (at, budget) in next.paths {
            let g = self.path_group(all, at, None);
            self.paths[g].1.merge(budget);
            number.push(g as u32);
        }
        self.path_of
            .extend(next.path_of.iter().map(|&g| number[g as usize]));
        self
    }
}

/// The units added up in pieces on all cores ([`Pass`]).
const UNITS_PER_PASS: usize = 4096;

/// The portfolio's sums (budget, each month's spending to `months`), counts and
/// distinct paths with their budgets (each with the place of a unit on it; in the
/// order of the units here), and each unit's path by its number among them: in one
/// pass over the units, in pieces on all cores, when each sum is exact
/// ([`ExactSum`]; sums of amounts always are), else `None`. Exact sums do not depend
/// on the order of the units: they are those one loop over the ranked units makes.
fn sums_at_once(units: &[Box<UnitSummary>], months: usize) -> Option<AtOnce> {
    let pieces: Vec<(usize, usize)> = (0..units.len())
        .step_by(UNITS_PER_PASS)
        .map(|from| (from, (from + UNITS_PER_PASS).min(units.len())))
        .collect();
    let pass = pieces
        .par_iter()
        .map(|&(from, to)| Pass::over(units, from, to, months))
        .collect::<Vec<_>>()
        .into_iter()
        .reduce(|a, b| a.merge(units, b))
        .unwrap_or_default();
    Some(AtOnce {
        budget: pass.budget.value()?,
        spent: pass.spent[..months]
            .iter()
            .map(|s| s.value())
            .collect::<Option<Vec<_>>>()?,
        tally: pass.tally,
        paths: pass
            .paths
            .iter()
            .map(|&(at, b)| Some((at, b.value()?)))
            .collect::<Option<Vec<_>>>()?,
        path_of: pass.path_of,
    })
}

/// What [`sums_at_once`] makes.
#[derive(Debug)]
struct AtOnce {
    budget: Decimal,
    spent: Vec<Decimal>,
    tally: Tally,
    /// Each distinct path, by the place of a unit on it, with its units' budget.
    paths: Vec<(usize, Decimal)>,
    /// Per unit: its path's number in `paths`.
    path_of: Vec<u32>,
}

impl AtOnce {
    /// The sums as one loop over the units in the ranking's `order` ([`ranking`])
    /// makes them: the paths weighted in the order of the first unit ranked with
    /// each.
    fn in_order<'u>(
        self,
        units: &'u [Box<UnitSummary>],
        order: &[usize],
    ) -> (Decimal, Vec<Decimal>, Tally, Weighted<'u>) {
        let mut first = vec![false; self.paths.len()];
        let mut paths = Vec::with_capacity(self.paths.len());
        for &i in order {
            let g = self.path_of[i] as usize;
            if !first[g] {
                first[g] = true;
                let (at, budget) = self.paths[g];
                paths.push((units[at].expected_path.as_slice(), budget));
                if paths.len() == self.paths.len() {
                    break;
                }
            }
        }
        (self.budget, self.spent, self.tally, weighted_of(paths))
    }
}

/// The weighted path of distinct paths with their units' budgets ([`Weighted`]).
fn weighted_of(paths: Vec<(&[Decimal], Decimal)>) -> Weighted<'_> {
    // (Without a budget the weighted path is not defined: the sums are zero.)
    if let [(path, budget)] = paths[..] {
        if path.len() == 12 && !budget.is_zero() {
            return Weighted::Shared(path);
        }
    }
    let mut sums = [Decimal::ZERO; 12];
    for (path, budget) in paths {
        for (acc, e) in sums.iter_mut().zip(path) {
            *acc += *e * budget;
        }
    }
    Weighted::Sums(sums)
}

/// The portfolio as of a month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Portfolio {
    pub as_of: Month,
    /// Units ranked by their gap to the expected path, furthest behind first (units
    /// without a budget last), ties by key. Each in a box of its own, made where it
    /// was summarised: ranking 100 000 units moves pointers, not summaries.
    pub ranked: Vec<Box<UnitSummary>>,
    /// Units with errors, by key.
    pub excluded: Vec<Excluded>,
    /// Sum of the ranked units' budgets, 万元.
    pub budget: Decimal,
    /// Sum of their spending to date, 万元.
    pub spent: Decimal,
    /// Aggregate cumulative spending by month, January to as-of.
    pub monthly_spent: Vec<Decimal>,
    /// Aggregate expected rate by month of the year: each unit's expected rate
    /// weighted by its budget.
    pub expected_path: Vec<Decimal>,
    /// The counts over the ranked units, made once.
    tally: Tally,
}

/// Counts over the ranked units (lights, changes, indicators), made in one pass on
/// all cores when the portfolio is made, for every format and the terminal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Tally {
    /// Units by overall light, in the order of [`Tally::light`].
    lights: [usize; 5],
    /// Units by change since last month, in the order of [`Tally::change`].
    changes: [usize; 4],
    red: usize,
    yellow: usize,
    indicators: usize,
}

impl Tally {
    fn light(l: Light) -> usize {
        match l {
            Light::Green => 0,
            Light::Yellow => 1,
            Light::Red => 2,
            Light::Blue => 3,
            Light::None => 4,
        }
    }

    fn change(c: Change) -> usize {
        match c {
            Change::Improved => 0,
            Change::Worsened => 1,
            Change::Unchanged => 2,
            Change::New => 3,
        }
    }

    /// Count a unit.
    fn add(&mut self, u: &UnitSummary) {
        self.lights[Tally::light(u.now.light)] += 1;
        self.changes[Tally::change(u.change())] += 1;
        self.red += u.now.red;
        self.yellow += u.now.yellow;
        self.indicators += u.indicators;
    }

    /// Add the counts of other units.
    fn merge(&mut self, b: Tally) {
        for (x, y) in self.lights.iter_mut().zip(b.lights) {
            *x += y;
        }
        for (x, y) in self.changes.iter_mut().zip(b.changes) {
            *x += y;
        }
        self.red += b.red;
        self.yellow += b.yellow;
        self.indicators += b.indicators;
    }

    fn of(units: &[Box<UnitSummary>]) -> Tally {
        units
            .par_iter()
            .fold(Tally::default, |mut t, u| {
                t.add(u);
                t
            })
            .reduce(Tally::default, |mut a, b| {
                a.merge(b);
                a
            })
    }
}

impl Portfolio {
    /// Rank the units (summaries or boxed summaries) and add them up.
    pub fn new(
        as_of: Month,
        units: Vec<impl Into<Box<UnitSummary>>>,
        mut excluded: Vec<Excluded>,
    ) -> Self {
        // Boxed summaries are taken as they are (the list collected in place).
        let mut units: Vec<Box<UnitSummary>> = units.into_iter().map(Into::into).collect();
        excluded.sort_by(|a, b| a.key.cmp(&b.key));
        let months = usize::from(as_of.elapsed()).min(MONTHS);
        // The ranking, and beside it the sums over the units as they come (in the
        // order they were made in, so mostly one after another in memory).
        let (order, at_once) = rayon::join(|| ranking(&units), || sums_at_once(&units, months));
        let expected = |budget: Decimal, weighted: Weighted<'_>| match weighted {
            Weighted::Shared(path) => path.to_vec(),
            Weighted::Sums(w) => w
                .iter()
                .map(|w| w.checked_div(budget).unwrap_or(Decimal::ZERO))
                .collect(),
        };
        let (budget, monthly_spent, tally, expected_path) = match at_once {
            Some(s) => {
                let (budget, spent, tally, weighted) = s.in_order(&units, &order);
                let path = expected(budget, weighted);
                permute(&mut units, &order);
                (budget, spent, tally, path)
            }
            None => {
                permute(&mut units, &order);
                let (budget, spent, tally, weighted) = Portfolio::sums_one_by_one(&units, months);
                (budget, spent, tally, expected(budget, weighted))
            }
        };
        Portfolio {
            as_of,
            spent: monthly_spent.last().copied().unwrap_or_default(),
            tally,
            ranked: units,
            excluded,
            budget,
            monthly_spent,
            expected_path,
        }
    }

    /// The sums of [`sums_at_once`], each added one unit at a time in rank order
    /// (when one of them is not exact): the sums do not depend on each other, so
    /// they are made on all cores, a few at a time (one pass over the units each),
    /// beside the weighted path and the counts.
    fn sums_one_by_one(
        units: &[Box<UnitSummary>],
        months: usize,
    ) -> (Decimal, Vec<Decimal>, Tally, Weighted<'_>) {
        let ((sums, weighted), tally) = rayon::join(
            || {
                rayon::join(
                    || -> Vec<Decimal> {
                        Column::groups(months)
                            .par_iter()
                            .flat_map_iter(|cols| {
                                let mut acc = vec![Decimal::ZERO; cols.len()];
                                for u in units {
                                    for (acc, c) in acc.iter_mut().zip(cols) {
                                        if let Some(d) = c.of(u) {
                                            *acc += d;
                                        }
                                    }
                                }
                                acc
                            })
                            .collect()
                    },
                    || weighted_path(units),
                )
            },
            || Tally::of(units),
        );
        (sums[0], sums[1..=months].to_vec(), tally, weighted)
    }

    /// Aggregate execution rate (`None` for a zero budget).
    pub fn rate(&self) -> Option<Decimal> {
        self.spent.checked_div(self.budget)
    }

    /// Aggregate expected rate by the as-of month.
    pub fn expected(&self) -> Decimal {
        self.expected_path
            .get(usize::from(self.as_of.elapsed()) - 1)
            .copied()
            .unwrap_or_default()
    }

    /// Aggregate gap to the expected path.
    pub fn gap(&self) -> Option<Decimal> {
        Some(self.rate()? - self.expected())
    }

    /// Ranked units by overall light.
    pub fn count_light(&self, light: Light) -> usize {
        self.tally.lights[Tally::light(light)]
    }

    /// Ranked units by change since last month.
    pub fn count_change(&self, change: Change) -> usize {
        self.tally.changes[Tally::change(change)]
    }

    /// Red and yellow indicators over all ranked units.
    pub fn red_yellow_indicators(&self) -> (usize, usize) {
        (self.tally.red, self.tally.yellow)
    }

    /// Number of indicators over all ranked units.
    pub fn indicators(&self) -> usize {
        self.tally.indicators
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn snap(spent: Decimal, gap: Option<Decimal>, light: Light, red: usize) -> Snapshot {
        Snapshot {
            spent,
            rate: gap.map(|g| g + dec!(0.46)),
            expected: dec!(0.46),
            gap,
            execution_light: light,
            light,
            red,
            yellow: 0,
        }
    }

    fn unit(key: &str, budget: Decimal, now: Snapshot, prev: Option<Snapshot>) -> UnitSummary {
        UnitSummary {
            key: key.into(),
            name: key.into(),
            budget,
            indicators: 10,
            monthly_spent: vec![now.spent / dec!(2), now.spent],
            expected_path: (1..=12).map(|m| Decimal::from(m) / dec!(12)).collect(),
            now,
            previous: prev,
        }
    }

    #[test]
    fn ranks_many_units_as_a_stable_sort_would() {
        // 600 units in a scrambled order, gaps from a few values (ties broken by key,
        // then kept in their order; units without a gap last).
        let gaps = [
            Some(dec!(-0.1)),
            Some(dec!(0.05)),
            None,
            Some(dec!(-0.1000)),
            Some(dec!(0)),
        ];
        let units: Vec<UnitSummary> = (0..600usize)
            .map(|k| {
                let i = (k * 389) % 600;
                let gap = gaps[i % gaps.len()];
                // Five units a key: -0.1 and -0.1000 tie; the names tell them apart.
                let mut u = unit(
                    &format!("U{:03}", i / 5),
                    dec!(100),
                    snap(dec!(40), gap, Light::Green, 0),
                    None,
                );
                u.name = format!("n{k}");
                u
            })
            .collect();
        let mut want = units.clone();
        want.sort_by(|a, b| match (a.now.gap, b.now.gap) {
            (Some(x), Some(y)) => x.cmp(&y).then_with(|| a.key.cmp(&b.key)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.key.cmp(&b.key),
        });
        let p = Portfolio::new(Month::new(2026, 6).unwrap(), units, vec![]);
        assert!(p.ranked.iter().map(|u| &**u).eq(&want));
        assert_eq!(p.ranked[0].now.gap, Some(dec!(-0.1)));
        assert_eq!(p.ranked[599].now.gap, None);
    }

    /// A decimal's bits: mantissa (with its sign) and scale.
    fn bits(d: Decimal) -> (i128, u32, bool) {
        (d.mantissa(), d.scale(), d.is_sign_negative())
    }

    /// Units with budgets, months' spending and paths from `figures` (mantissa and
    /// scale), paths of `kinds` kinds, boxed in rank order.
    // Boxed, as the portfolio holds them.
    #[allow(clippy::vec_box)]
    fn summed_units(figures: &[(i64, u32)], kinds: usize) -> Vec<Box<UnitSummary>> {
        let d = |(m, s): (i64, u32)| Decimal::from_i128_with_scale(m.into(), s);
        figures
            .chunks(13)
            .enumerate()
            .map(|(k, f)| {
                let mut u = unit(
                    &format!("U{k:04}"),
                    d(f[0]),
                    snap(dec!(1), None, Light::Red, k % 3),
                    None,
                );
                u.monthly_spent = f[1..].iter().map(|&x| d(x)).collect();
                u.expected_path = (1..=12usize)
                    .map(|m| Decimal::from(m * (1 + k % kinds.max(1))) / dec!(36))
                    .collect();
                Box::new(u)
            })
            .collect()
    }

    /// The sums at once and one by one, as bits.
    type SumBits = (
        (i128, u32, bool),
        Vec<(i128, u32, bool)>,
        Tally,
        Vec<(i128, u32, bool)>,
    );

    fn sum_bits(s: (Decimal, Vec<Decimal>, Tally, Weighted<'_>)) -> SumBits {
        let path = match s.3 {
            Weighted::Shared(p) => p.to_vec(),
            Weighted::Sums(w) => w.to_vec(),
        };
        (
            bits(s.0),
            s.1.into_iter().map(bits).collect(),
            s.2,
            path.into_iter().map(bits).collect(),
        )
    }

    #[test]
    fn sums_too_large_to_be_exact_are_made_one_by_one() {
        // Budgets near the largest decimal: the magnitudes pass 2⁹⁶.
        let big = (i64::MAX, 0);
        let figures: Vec<(i64, u32)> = (0..13 * 3000)
            .map(|k| if k % 13 == 0 { big } else { (k as i64, 2) })
            .collect();
        let mut units = summed_units(&figures, 1);
        for u in &mut units {
            u.budget = Decimal::MAX / dec!(1000);
        }
        assert!(sums_at_once(&units, 12).is_none());
        // A sum that fits is made at once: the same as one by one.
        let units = summed_units(&figures, 3);
        let order: Vec<usize> = (0..units.len()).collect();
        let at_once = sums_at_once(&units, 12).expect("exact");
        assert_eq!(
            sum_bits(at_once.in_order(&units, &order)),
            sum_bits(Portfolio::sums_one_by_one(&units, 12))
        );
    }

    proptest::proptest! {
        /// The sums made at once, in pieces on all cores, are the one loop's bit for
        /// bit (mantissa, scale and sign): figures of every scale and sign, zeros,
        /// more units than a piece holds, any number of months and of paths.
        #[test]
        fn sums_at_once_are_one_loops(
            figures in proptest::collection::vec(
                (
                    proptest::prop_oneof![
                        -1_000_000_000_000i64..1_000_000_000_000,
                        -3i64..3,
                        proptest::num::i64::ANY,
                    ],
                    0u32..29,
                ),
                0..13 * 40,
            ),
            copies in 1usize..400,
            kinds in 0usize..4,
            months in 0usize..=12,
        ) {
            // Copies of the figures, to pass a piece's size.
            let all: Vec<(i64, u32)> = figures
                .iter()
                .copied()
                .cycle()
                .take(figures.len() / 13 * 13 * copies)
                .collect();
            let units = summed_units(&all, kinds);
            // Ranked in an order of their own: a rotation, every other unit reversed.
            let n = units.len();
            let order: Vec<usize> = (0..n)
                .map(|r| (r + copies) % n.max(1))
                .map(|i| if i % 2 == 1 { n - i } else { i }.min(n.saturating_sub(1)))
                .collect();
            let mut seen = vec![false; n];
            let order: Vec<usize> = order.into_iter().filter(|&i| !std::mem::replace(&mut seen[i], true)).collect();
            let order: Vec<usize> = order.into_iter().chain((0..n).filter(|&i| !seen[i])).collect();
            let mut ranked = units.clone();
            permute(&mut ranked, &order);
            let slow = sum_bits(Portfolio::sums_one_by_one(&ranked, months));
            if let Some(fast) = sums_at_once(&units, months) {
                proptest::prop_assert_eq!(sum_bits(fast.in_order(&units, &order)), slow);
            }
        }
    }

    proptest::proptest! {
        /// Units in any order, with many ties of gap and key: the ranking is the
        /// stable sort's, and each unit is there once.
        #[test]
        fn ranks_as_a_stable_sort_in_any_order(
            cells in proptest::collection::vec((0usize..11, 0usize..6), 0..300)
        ) {
            // Gaps of every scale, and some too large for an integer key.
            let gaps = [
                None,
                Some(dec!(-0.1)),
                Some(dec!(-0.10)),
                Some(dec!(0)),
                Some(dec!(0.3)),
                Some(dec!(0.2999999999999999999999999999)),
                Some(dec!(-0.0000000000000000000000000001)),
                Some(Decimal::MAX),
                Some(Decimal::MIN),
                Some(dec!(79228162514264337593543950)),
                Some(dec!(-792281625142643375935439503.3)),
            ];
            let units: Vec<UnitSummary> = cells
                .iter()
                .enumerate()
                .map(|(k, &(g, key))| {
                    let mut u = unit(
                        &format!("U{key}"),
                        dec!(10),
                        snap(dec!(1), gaps[g], Light::Green, 0),
                        None,
                    );
                    u.name = format!("n{k}");
                    u
                })
                .collect();
            let mut want = units.clone();
            want.sort_by(ranking_order);
            let p = Portfolio::new(Month::new(2026, 6).unwrap(), units, vec![]);
            proptest::prop_assert!(p.ranked.iter().map(|u| &**u).eq(&want));
        }
    }

    /// Units whose expected paths are `(m + k % kinds) / 84` for month `m` of unit `k`
    /// (28 decimals), with budgets of two decimals, ranked in a shuffled order.
    fn weighted_units(n: usize, kinds: usize) -> Vec<UnitSummary> {
        (0..n)
            .map(|k| {
                let gap = Some(Decimal::from((k * 37) % n) / dec!(1000));
                let budget = Decimal::from(1_000_003 + k * 7919) / dec!(100);
                let mut u = unit(
                    &format!("U{k:03}"),
                    budget,
                    snap(dec!(1), gap, Light::Green, 0),
                    None,
                );
                u.expected_path = (1..=12usize)
                    .map(|m| Decimal::from(m + k % kinds) / dec!(84))
                    .collect();
                u
            })
            .collect()
    }

    #[test]
    fn the_expected_path_is_the_budget_weighted_mean_to_the_last_digits() {
        // Five paths with 28 decimals: each month's weighted mean is worked out
        // exactly in integers (cents and 84ths) and compared with the portfolio's.
        let units = weighted_units(300, 5);
        let cents = |u: &UnitSummary| {
            let c = (u.budget * dec!(100)).normalize();
            assert_eq!(c.scale(), 0);
            c.mantissa()
        };
        let budget: i128 = units.iter().map(cents).sum();
        let p = Portfolio::new(Month::new(2026, 6).unwrap(), units.clone(), vec![]);
        for m in 1..=12i128 {
            let numerator: i128 = (0..units.len())
                .map(|k| (m + (k % 5) as i128) * cents(&units[k]))
                .sum();
            let exact = Decimal::from_i128_with_scale(numerator, 0)
                / Decimal::from_i128_with_scale(budget * 84, 0);
            let got = p.expected_path[m as usize - 1];
            assert!((got - exact).abs() <= dec!(1e-26), "{m}: {got} {exact}");
            assert!(got.scale() > 20, "{got}");
        }
        // The same whatever the order of the units of a path.
        let mut reversed = units;
        reversed.reverse();
        let q = Portfolio::new(Month::new(2026, 6).unwrap(), reversed, vec![]);
        assert_eq!(q.expected_path, p.expected_path);
    }

    #[test]
    fn units_on_one_path_have_that_path_to_the_last_digit() {
        let units = weighted_units(200, 1);
        let path = units[0].expected_path.clone();
        let p = Portfolio::new(Month::new(2026, 6).unwrap(), units.clone(), vec![]);
        assert_eq!(p.expected_path, path);
        // Without a budget, no weighted path (zeros, as for a portfolio without
        // units).
        let none: Vec<UnitSummary> = units
            .into_iter()
            .map(|mut u| {
                u.budget = Decimal::ZERO;
                u
            })
            .collect();
        let p = Portfolio::new(Month::new(2026, 6).unwrap(), none, vec![]);
        assert_eq!(p.expected_path, vec![Decimal::ZERO; 12]);
    }

    #[test]
    fn each_unit_on_its_own_path_is_weighted_in_rank_order() {
        // Every path different (as with plans): each product rounds, and they are
        // added in rank order, as one loop would.
        let units = weighted_units(300, 300);
        let p = Portfolio::new(Month::new(2026, 6).unwrap(), units, vec![]);
        let mut weighted = [Decimal::ZERO; 12];
        let mut budget = Decimal::ZERO;
        for u in &p.ranked {
            budget += u.budget;
            for (acc, e) in weighted.iter_mut().zip(&u.expected_path) {
                *acc += *e * u.budget;
            }
        }
        let want: Vec<Decimal> = weighted.iter().map(|w| w / budget).collect();
        assert_eq!(p.expected_path, want);
    }

    #[test]
    fn the_counts_are_those_of_the_ranked_units() {
        let lights = Light::ALL;
        let units: Vec<UnitSummary> = (0..2000usize)
            .map(|k| {
                let now = snap(dec!(1), Some(dec!(-0.1)), lights[k % 5], k % 7);
                // Every change: new, and a previous month worse, better or the same.
                let prev = match k % 4 {
                    0 => None,
                    1 => Some(snap(dec!(1), Some(dec!(-0.1)), Light::Red, 9)),
                    2 => Some(snap(dec!(1), Some(dec!(-0.1)), Light::Green, 0)),
                    _ => Some(now.clone()),
                };
                let mut u = unit(&format!("U{k}"), dec!(10), now, prev);
                u.now.yellow = k % 3;
                u.indicators = k % 11;
                u
            })
            .collect();
        let p = Portfolio::new(Month::new(2026, 6).unwrap(), units.clone(), vec![]);
        for l in lights {
            let n = units.iter().filter(|u| u.now.light == l).count();
            assert_eq!(p.count_light(l), n, "{l:?}");
            assert!(n > 0);
        }
        for c in [
            Change::Improved,
            Change::Worsened,
            Change::Unchanged,
            Change::New,
        ] {
            let n = units.iter().filter(|u| u.change() == c).count();
            assert_eq!(p.count_change(c), n, "{c:?}");
            assert!(n > 0);
        }
        let red = units.iter().map(|u| u.now.red).sum::<usize>();
        let yellow = units.iter().map(|u| u.now.yellow).sum::<usize>();
        assert_eq!(p.red_yellow_indicators(), (red, yellow));
        assert_eq!(
            p.indicators(),
            units.iter().map(|u| u.indicators).sum::<usize>()
        );
    }

    #[test]
    fn ranks_by_gap_and_adds_up() {
        let m = Month::new(2026, 2).unwrap();
        let units = vec![
            unit(
                "b",
                dec!(100),
                snap(dec!(40), Some(dec!(-0.06)), Light::Green, 0),
                None,
            ),
            unit(
                "a",
                dec!(300),
                snap(dec!(30), Some(dec!(-0.36)), Light::Red, 2),
                None,
            ),
            unit("c", dec!(0), snap(dec!(0), None, Light::None, 0), None),
            unit(
                "d",
                dec!(100),
                snap(dec!(40), Some(dec!(-0.06)), Light::Green, 0),
                None,
            ),
        ];
        let p = Portfolio::new(m, units, vec![]);
        let keys: Vec<&str> = p.ranked.iter().map(|u| u.key.as_str()).collect();
        assert_eq!(keys, ["a", "b", "d", "c"]);
        assert_eq!(p.budget, dec!(500));
        assert_eq!(p.spent, dec!(110));
        assert_eq!(p.monthly_spent, vec![dec!(55), dec!(110)]);
        assert_eq!(p.rate(), Some(dec!(0.22)));
        // Budget-weighted m/12 of units that all expect m/12 is m/12.
        assert_eq!(p.expected().round_dp(6), dec!(0.166667));
        assert_eq!(p.count_light(Light::Red), 1);
        assert_eq!(p.red_yellow_indicators(), (2, 0));
        assert_eq!(p.indicators(), 40);
    }

    #[test]
    fn change_since_last_month() {
        let green = snap(dec!(1), Some(dec!(-0.05)), Light::Green, 0);
        let red = snap(dec!(1), Some(dec!(-0.30)), Light::Red, 1);
        let better_gap = snap(dec!(1), Some(dec!(-0.01)), Light::Green, 0);
        let u = unit("x", dec!(1), green.clone(), Some(red.clone()));
        assert_eq!(u.change(), Change::Improved);
        let u = unit("x", dec!(1), red, Some(green.clone()));
        assert_eq!(u.change(), Change::Worsened);
        let u = unit("x", dec!(1), better_gap, Some(green.clone()));
        assert_eq!(u.change(), Change::Improved);
        assert_eq!(u.gap_change(), Some(dec!(0.04)));
        let u = unit("x", dec!(1), green.clone(), Some(green.clone()));
        assert_eq!(u.change(), Change::Unchanged);
        let u = unit("x", dec!(1), green, None);
        assert_eq!(u.change(), Change::New);
    }
}

/// Review of the summary's light rules worked out once from the template
/// ([`Template`], [`summarize_with`]) against the full engine ([`summarize_in_full`]):
/// units sharing the template's indicators, with their own budgets, light thresholds
/// (of several scales, out of order, equal, negative), spending over the budget or
/// returned, figures of many decimals, months without actuals, and templates made
/// with other thresholds, another budget, another month.
#[cfg(test)]
mod review {
    use super::*;
    use crate::actuals::{Actuals, Entry, Item};
    use crate::indicator::{Indicator, IndicatorId, Level1};
    use crate::settings::Lights as Thresholds;
    use crate::target::Target;
    use crate::value::Tier;
    use crate::{Budget, BudgetLine, Model, Settings, UnitInfo};
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn target(s: &str) -> Target {
        Target::parse(s).unwrap().target
    }

    fn indicator(id: &str, h1: Option<&str>, fy: &str, measure: Measure) -> Indicator {
        Indicator {
            id: IndicatorId(id.into()),
            level1: Level1::Output,
            level2: String::new(),
            key_work: None,
            name: id.into(),
            h1: h1.map_or(Target::NotApplicable, target),
            fy: target(fy),
            weight: dec!(10),
            measure,
            rule: None,
        }
    }

    const LINES: [&str; 5] = ["基本支出", "项目支出", "设备", "培训", "无此科目"];

    /// The indicators every unit shares: the total's and lines' execution (one of a
    /// name that is no budget line, two of one line), counts, levels, a `≤` target,
    /// a grade; targets
    /// chosen from `pick` (half-year, full-year).
    fn indicators(pick: [usize; 4]) -> Vec<Indicator> {
        let exec = [
            (Some("=46%"), "=100%"),
            (Some("≥33.3333333%"), "≥99.99%"),
            (None, "≥95%"),
            (Some("=0.0001%"), "=100.0%"),
        ];
        let count = [
            (Some("≥60人次"), "≥100人次"),
            (None, "≥0.3333333人次"),
            (Some("≥0.000001人次"), "≥1000000000000人次"),
            (Some("≥7人次"), "≥12.25人次"),
        ];
        let level = [
            (Some("≥80%"), "≥90%"),
            (None, "≥0.01%"),
            (Some("≥3.5"), "≥1000.123456"),
            (Some("≥90%"), "≥85%"),
        ];
        let of_line = |l: &str| Measure::Execution {
            line: Some(l.into()),
        };
        let (eh, ef) = exec[pick[0]];
        let (lh, lf) = exec[(pick[0] + pick[1]) % 4];
        let (ch, cf) = count[pick[2]];
        let (vh, vf) = level[pick[3]];
        vec![
            indicator("PRO-01", eh, ef, Measure::Execution { line: None }),
            indicator("PRO-02", lh, lf, of_line("设备")),
            indicator("PRO-03", None, "≥100%", of_line("无此科目")),
            indicator("PRO-04", Some("≥20%"), "≥90%", of_line("项目支出")),
            indicator("OUT-01", ch, cf, Measure::Sum),
            indicator("OUT-02", None, "≥120次", Measure::Sum),
            indicator("EFF-01", vh, vf, Measure::Latest),
            indicator("EFF-02", None, "≤5次", Measure::Latest),
            indicator("DEC-01", None, "健全", Measure::Grade),
            // Second indicators of the total's and a line's execution: the first
            // one's targets set the milestones.
            indicator(
                "PRO-05",
                Some("=30%"),
                "=90%",
                Measure::Execution { line: None },
            ),
            indicator("PRO-06", Some("≥10%"), "≥50%", of_line("设备")),
        ]
    }

    /// Light thresholds: the defaults, of other scales, out of order, all one,
    /// tiny, of 26 and 28 decimals, negative, blue from below yellow.
    fn thresholds(k: usize) -> Thresholds {
        let l = |r: Decimal, y: Decimal, b: Decimal| Thresholds {
            red_below: r,
            yellow_below: y,
            blue_from: b,
        };
        [
            Thresholds::default(),
            l(dec!(59.5), dec!(80), dec!(120.25)),
            l(dec!(90), dec!(70), dec!(100)),
            l(dec!(85), dec!(85), dec!(85)),
            l(dec!(60.0), dec!(80.0), dec!(120.0)),
            l(dec!(0.000001), dec!(1), dec!(33.333)),
            l(
                dec!(60.00000000000000000000000001),
                dec!(80),
                dec!(99.99999999999999999999999999),
            ),
            l(dec!(-5), dec!(0), dec!(0.0000000000000000000000000001)),
            l(dec!(60), dec!(80), dec!(70)),
        ][k]
            .clone()
    }

    fn model(pick: [usize; 4], budgets: [Decimal; 4], lights: usize, path: usize) -> Model {
        let line = |name: &str, parent: Option<&str>, budget: Decimal| BudgetLine {
            name: name.into(),
            parent: parent.map(Into::into),
            h1_plan: budget / dec!(3),
            budget,
        };
        let settings = Settings {
            lights: thresholds(lights),
            expected: [
                ExpectedPath::Milestone,
                ExpectedPath::Linear,
                ExpectedPath::Plan,
            ][path],
            ..Settings::default()
        };
        Model::new(
            UnitInfo {
                name: "复核单位".into(),
                year: 2026,
                ..UnitInfo::default()
            },
            settings,
            Budget {
                lines: vec![
                    line("基本支出", None, budgets[0]),
                    line("项目支出", None, budgets[1] + budgets[2] + budgets[3]),
                    line("设备", Some("项目支出"), budgets[2]),
                    line("培训", Some("项目支出"), budgets[3]),
                ],
                income_total: None,
                income: Vec::new(),
                lookup: Default::default(),
            },
            indicators(pick),
        )
    }

    /// A figure: whole, of many decimals, tiny, large, returned (negative), zero.
    fn figure() -> impl Strategy<Value = Decimal> {
        prop_oneof![
            (-50i64..400).prop_map(Decimal::from),
            (-1_000_000i64..100_000_000, 0u32..12).prop_map(|(m, s)| Decimal::new(m, s)),
            (1i64..1_000_000_000_000, 10u32..29).prop_map(|(m, s)| Decimal::new(m, s)),
            (1i64..1_000_000_000_000_000).prop_map(Decimal::from),
            Just(Decimal::ZERO),
        ]
    }

    /// A budget: zero, small, of many decimals, plain, or so small that rates come
    /// near the largest decimal (the full engine's forecast, rate × 12, is then
    /// beyond it: no forecast).
    fn budget() -> impl Strategy<Value = Decimal> {
        prop_oneof![
            Just(Decimal::ZERO),
            (1i64..1_000, 26u32..29).prop_map(|(m, s)| Decimal::new(m, s)),
            (1i64..1_000, 0u32..7).prop_map(|(m, s)| Decimal::new(m, s)),
            (1_000_000i64..1_000_000_000_000, 10u32..17).prop_map(|(m, s)| Decimal::new(m, s)),
            (1i64..10_000_000, 0u32..8).prop_map(|(m, s)| Decimal::new(m, s)),
        ]
    }

    fn entry(month: u8, item: Item, value: Value) -> Entry {
        Entry {
            month: Month::new(2026, month).unwrap(),
            item,
            value,
            note: String::new(),
            source: Default::default(),
        }
    }

    /// Rows (month, item, figure) of lines (also of no budget line) and indicators,
    /// a grade now and then.
    fn actuals(rows: &[(u8, usize, Decimal)]) -> Actuals {
        let items: Vec<Item> = LINES
            .iter()
            .map(|l| Item::Line((*l).into()))
            .chain(
                ["OUT-01", "OUT-02", "EFF-01", "EFF-02", "PRO-01"]
                    .iter()
                    .map(|i| Item::Indicator((*i).into())),
            )
            .collect();
        let mut a = Actuals::default();
        for &(month, k, v) in rows {
            // A duplicate month of an item is refused, as the reader refuses it.
            let _ = a.insert(entry(
                month,
                items[k % items.len()].clone(),
                Value::Number(v),
            ));
            if k % 7 == 3 {
                let tier = [Tier::Achieved, Tier::Partly, Tier::NotAchieved][k % 3];
                let grade = Value::Grade {
                    word: "基本健全".into(),
                    tier,
                };
                let _ = a.insert(entry(month, Item::Indicator("DEC-01".into()), grade));
            }
        }
        a
    }

    /// The overall and execution lights and the red and yellow indicators of a unit
    /// of 100 万元 in one line (46 planned by June), its total's and its line's
    /// execution judged against 46 % by June
    /// (the milestone path: 15.333…% by February, 23 % by March) and a count against
    /// 0.3333333 by December (0.083333325 by March), spending `spent` and counting
    /// `count` in the month `as_of`: with a template of the unit's indicators made from
    /// another unit, and by the full engine (the same).
    fn at_the_edges(
        spent: Decimal,
        count: Option<Decimal>,
        as_of: u8,
    ) -> (Light, Light, usize, usize) {
        let indicators = vec![
            indicator(
                "PRO-01",
                Some("=46%"),
                "=100%",
                Measure::Execution { line: None },
            ),
            indicator("OUT-01", None, "≥0.3333333人次", Measure::Sum),
        ];
        let mut unit = Model::new(
            UnitInfo {
                name: "边界".into(),
                year: 2026,
                ..UnitInfo::default()
            },
            Settings::default(),
            Budget {
                lines: vec![BudgetLine {
                    name: "基本支出".into(),
                    parent: None,
                    h1_plan: dec!(46),
                    budget: dec!(100),
                }],
                income_total: None,
                income: Vec::new(),
                lookup: Default::default(),
            },
            indicators,
        );
        let mut other = unit.clone();
        other.budget.lines[0].budget = dec!(7);
        unit.reindex();
        let mut a = Actuals::default();
        let m = Month::new(2026, as_of).unwrap();
        a.insert(entry(
            as_of,
            Item::Line("基本支出".into()),
            Value::Number(spent),
        ))
        .unwrap();
        if let Some(c) = count {
            a.insert(entry(
                as_of,
                Item::Indicator("OUT-01".into()),
                Value::Number(c),
            ))
            .unwrap();
        }
        let t = Template::new(&other, m);
        let full = summarize_in_full("u", &unit, &a, None, m);
        assert_eq!(summarize_with(Some(&t), &[], "u", &unit, &a, None, m), full);
        let s = full.now;
        (s.execution_light, s.light, s.red, s.yellow)
    }

    #[test]
    fn a_summary_at_the_thresholds_known_answers() {
        use Light::{Green, Red, Yellow};
        let cases = [
            // 13.8 of 23 %: 60 %, yellow; a hair less, red.
            (
                dec!(13.8),
                Some(dec!(0.049999995)),
                3,
                (Yellow, Yellow, 0, 2),
            ),
            (
                dec!(13.799999999999999999999999),
                Some(dec!(0.049999994)),
                3,
                (Red, Red, 2, 0),
            ),
            // 80 %: green (the count at 120 %: blue); a hair less, yellow.
            (dec!(18.4), Some(dec!(0.09999999)), 3, (Green, Green, 0, 0)),
            (
                dec!(18.39999999),
                Some(dec!(0.099999989)),
                3,
                (Yellow, Yellow, 0, 1),
            ),
            // Over the budget: red, however far ahead; the whole budget spent is not.
            (dec!(100.0000000001), Some(dec!(1)), 3, (Red, Red, 1, 0)),
            (dec!(100), Some(dec!(1)), 3, (Green, Green, 0, 0)),
            // Nothing counted: zero, red.
            (dec!(100), None, 3, (Green, Red, 1, 0)),
            // Against 0.1533333333333333333333333333 (46 % × 2 ÷ 6, rounded at its
            // 28th decimal) the products are too close to tell: 9.2 is 60 % of it by
            // the quotient (60.00000000000000000000000001), yellow; a hair less is
            // 59.99999999999999999999999995, red.
            (dec!(9.2), Some(dec!(1)), 2, (Yellow, Yellow, 0, 1)),
            (
                dec!(9.19999999999999999999999999),
                Some(dec!(1)),
                2,
                (Red, Red, 1, 0),
            ),
        ];
        for (spent, count, as_of, want) in cases {
            assert_eq!(
                at_the_edges(spent, count, as_of),
                want,
                "{spent} {count:?} {as_of}"
            );
        }
        // Those last two are decided by the quotient, not by the products.
        let february =
            crate::progress::milestone_path(dec!(0.46), dec!(1), Month::new(2026, 2).unwrap());
        assert_eq!(february, dec!(0.1533333333333333333333333333));
        for rate in [dec!(0.092), dec!(0.0919999999999999999999999999)] {
            assert_eq!(crate::progress::cmp_percent(rate, february, dec!(60)), None);
        }
        assert_eq!(
            crate::progress::percent(dec!(0.092), february),
            dec!(60.00000000000000000000000001)
        );
    }

    proptest! {
        /// A unit summarised with a template of its indicators, made from another
        /// unit (another budget, its own thresholds or others, this month or
        /// another), and without: the full engine's summary.
        #[test]
        fn a_summary_with_a_template_is_the_full_engines(
            pick in [0usize..4, 0usize..4, 0usize..4, 0usize..4],
            budgets in [budget(), budget(), budget(), budget()],
            other_budgets in [budget(), budget(), budget(), budget()],
            lights in 0usize..9,
            template_lights in proptest::option::of(0usize..9),
            path in 0usize..3,
            rows in proptest::collection::vec((1u8..13, 0usize..10, figure()), 0..40),
            as_of in 1u8..13,
            later in any::<bool>(),
            planned in proptest::option::of((0usize..3, 1i64..1000)),
        ) {
            let unit = model(pick, budgets, lights, path);
            let a = actuals(&rows);
            let m = Month::new(2026, as_of).unwrap();
            // A monthly plan of every leaf, of all but one, or of one, uneven.
            let plan = planned.map(|(leaves, w)| {
                let mut plan = crate::actuals::MonthlyPlan::default();
                for (k, l) in ["基本支出", "设备", "培训"].iter().enumerate().skip(leaves) {
                    for month in Month::all_of(2026) {
                        let weight = Decimal::new(w * i64::from(month.number() % 5 + k as u8), 3);
                        plan.amounts.insert(((*l).into(), month), weight);
                    }
                }
                plan
            });
            let plan = plan.as_ref();
            let full = summarize_in_full("u", &unit, &a, plan, m);
            prop_assert_eq!(&summarize("u", &unit, &a, plan, m), &full);
            // The template's unit: the same indicators (shared), its own budget and
            // thresholds.
            let mut other = unit.clone();
            other.budget = model(pick, other_budgets, 0, path).budget;
            other.settings.lights = thresholds(template_lights.unwrap_or(lights));
            prop_assert!(other.indicators.is(&unit.indicators));
            let month = match later {
                true => Month::new(2026, as_of % 12 + 1).unwrap(),
                false => m,
            };
            let t = Template::new(&other, month);
            let with = summarize_with(Some(&t), &[], "u", &unit, &a, plan, m);
            prop_assert_eq!(&with, &full);
            // And the template of the unit itself.
            let own = Template::new(&unit, m);
            prop_assert_eq!(&summarize_with(Some(&own), &[], "u", &unit, &a, plan, m), &full);
            // With each item's place in the actuals (the indicators', then the budget
            // lines', as the reader keeps them), and with places of other items (each
            // one off by one: looked up by the item instead).
            let mut placed = a.clone();
            let mut places: Vec<_> = unit
                .indicators
                .iter()
                .map(|i| Item::Indicator(i.id.0.as_str().into()))
                .chain(unit.budget.lines.iter().map(|l| Item::Line(l.name.as_str().into())))
                .map(|item| Some(placed.slot(&item)))
                .collect();
            let full_placed = summarize_in_full("u", &unit, &placed, plan, m);
            prop_assert_eq!(&full_placed, &full);
            for template in [Some(&t), Some(&own), None] {
                let with = summarize_with(template, &places, "u", &unit, &placed, plan, m);
                prop_assert_eq!(&with, &full);
            }
            places.rotate_left(1);
            places[as_of as usize % 3] = None;
            let with = summarize_with(Some(&t), &places, "u", &unit, &placed, plan, m);
            prop_assert_eq!(&with, &full);
            // A unit whose own targets differ from the template's (not shared): the
            // template is not used for it.
            let mut own_targets = unit.clone();
            let changed = &mut own_targets.indicators[(as_of as usize) % 11];
            changed.fy = target(["≥80人次", "=50%", "≤3次", "≥0.5%"][(as_of as usize) % 4]);
            prop_assert!(!own_targets.indicators.is(&unit.indicators));
            own_targets.reindex();
            let full = summarize_in_full("u", &own_targets, &a, plan, m);
            prop_assert_eq!(
                &summarize_with(Some(&own), &[], "u", &own_targets, &a, plan, m),
                &full
            );
        }
    }
}
