//! The monthly progress engine: for an as-of month, the actual to date of every
//! indicator and budget line, what was expected by then, a traffic light, a
//! year-end forecast, the pace still needed, and the half-year and full-year
//! verdicts (DOMAIN.md §2, §4).

use std::borrow::Cow;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::actuals::{Actuals, Entry, Item, MonthlyPlan};
use crate::indicator::{Indicator, Measure};
use crate::model::Model;
use crate::period::Month;
use crate::settings::{ExpectedPath, Lights};
use crate::target::{Direction, Target};
use crate::value::{Tier, Value};

/// A traffic light.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Light {
    Green,
    Yellow,
    Red,
    /// Well ahead of the expected progress: check that the target was not set too low.
    Blue,
    /// Nothing to judge (no data, or nothing expected yet).
    None,
}

impl Light {
    /// Every light, in the order reports list them: red first, no light last.
    pub const ALL: [Light; 5] = [
        Light::Red,
        Light::Yellow,
        Light::Green,
        Light::Blue,
        Light::None,
    ];

    /// How bad: the overall light is the worst one.
    fn badness(self) -> u8 {
        match self {
            Light::None => 0,
            Light::Blue => 1,
            Light::Green => 2,
            Light::Yellow => 3,
            Light::Red => 4,
        }
    }

    /// The worse of `self` and `other` ([`Light::worst`] of the two).
    #[inline]
    pub(crate) fn or_worse(self, other: Light) -> Light {
        if other.badness() >= self.badness() {
            other
        } else {
            self
        }
    }

    /// The worst of `lights`; `None` when there is none to judge.
    pub fn worst(lights: impl IntoIterator<Item = Light>) -> Light {
        lights
            .into_iter()
            .max_by_key(|l| l.badness())
            .unwrap_or(Light::None)
    }

    pub fn code(self) -> &'static str {
        match self {
            Light::Green => "green",
            Light::Yellow => "yellow",
            Light::Red => "red",
            Light::Blue => "blue",
            Light::None => "none",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Light::Green => "绿",
            Light::Yellow => "黄",
            Light::Red => "红",
            Light::Blue => "蓝",
            Light::None => "—",
        }
    }

    /// A symbol that tells the lights apart without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            Light::Green => "●",
            Light::Yellow => "▲",
            Light::Red => "■",
            Light::Blue => "◆",
            Light::None => "○",
        }
    }

    /// The light for the ratio `actual` ÷ `expected` × 100 (`expected` above zero), per
    /// the thresholds: [`Light::for_ratio`] of that ratio ([`percent`]), decided
    /// without dividing where the cross-multiplied products tell ([`cmp_percent`]).
    /// The one rule of every light judged by a ratio: indicators' and budget
    /// execution's, in the report and the portfolio alike ([`Quotient`] is the same
    /// rule with what depends on `expected` worked out once).
    pub fn for_quotient(actual: Decimal, expected: Decimal, lights: &Lights, blue: bool) -> Light {
        // The products for the thresholds' scale (one for all of them, by default).
        let crossed = Crossed::new(actual, expected, lights.yellow_below.scale());
        let below = |t: Decimal| {
            let o = match crossed {
                Some(c) if c.threshold_scale == t.scale() => c.cmp(t),
                _ => cmp_percent(actual, expected, t),
            };
            match o {
                Some(o) => o.is_lt(),
                None => percent(actual, expected) < t,
            }
        };
        let thresholds = [lights.red_below, lights.yellow_below, lights.blue_from];
        Light::by_thresholds(ordered(lights), blue, |k| below(thresholds[k]))
    }

    /// The light from `below(k)`, whether the ratio is below threshold `k` (0: red,
    /// 1: yellow, 2: blue), asking as few of them as the order of the thresholds
    /// ([`ordered`]) allows.
    #[inline]
    fn by_thresholds(ordered: bool, blue: bool, mut below: impl FnMut(usize) -> bool) -> Light {
        const RED: usize = 0;
        const YELLOW: usize = 1;
        const BLUE: usize = 2;
        if ordered && !below(YELLOW) {
            // Neither red nor yellow: one comparison fewer.
            if blue && !below(BLUE) {
                Light::Blue
            } else {
                Light::Green
            }
        } else if below(RED) {
            Light::Red
        } else if below(YELLOW) {
            Light::Yellow
        } else if blue && !below(BLUE) {
            Light::Blue
        } else {
            Light::Green
        }
    }

    /// The light for `ratio` = actual ÷ expected × 100, per the thresholds.
    /// `blue` is false for budget execution, which has no blue.
    pub fn for_ratio(ratio: Decimal, lights: &Lights, blue: bool) -> Light {
        if ratio < lights.red_below {
            Light::Red
        } else if ratio < lights.yellow_below {
            Light::Yellow
        } else if blue && ratio >= lights.blue_from {
            Light::Blue
        } else {
            Light::Green
        }
    }
}

/// Red below yellow, known from the thresholds' mantissas (of one scale).
fn ordered(lights: &Lights) -> bool {
    let (red, yellow) = (lights.red_below, lights.yellow_below);
    red.scale() == yellow.scale() && red.mantissa() <= yellow.mantissa()
}

/// Met or not, for a closed period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Met,
    NotMet,
    /// No actual was reported for the period.
    NoData,
    /// The period has no target.
    NotApplicable,
}

/// The milestone path: 0 at the start of the year, `h1` at the end of June, `fy` at
/// the end of December, straight lines between.
pub fn milestone_path(h1: Decimal, fy: Decimal, m: Month) -> Decimal {
    let n = Decimal::from(m.elapsed());
    let six = Decimal::from(6);
    if m.elapsed() <= 6 {
        h1 * n / six
    } else {
        h1 + (fy - h1) * (n - six) / six
    }
}

/// 序时进度: the share of the year elapsed at the end of `m`, m ÷ 12 (DOMAIN.md §4;
/// June is 50 %).
pub fn time_elapsed(m: Month) -> Decimal {
    Decimal::from(m.elapsed()) / Decimal::from(12)
}

/// Plain m/12 of the full-year value.
pub fn linear_path(fy: Decimal, m: Month) -> Decimal {
    fy * Decimal::from(m.elapsed()) / Decimal::from(12)
}

/// Whether `ind`'s figure, last reported in `last`, is older than `as_of`: a level
/// or grade (not a date target: a thing done stays done) last reported before the
/// as-of month. See [`IndicatorStatus::stale`].
pub fn is_stale(ind: &Indicator, last: Option<Month>, as_of: Month) -> bool {
    let level = match ind.measure {
        Measure::Latest => !ind.fy.is_date(),
        Measure::Grade => true,
        Measure::Sum | Measure::Execution { .. } => false,
    };
    level && last.is_some_and(|m| m < as_of)
}

/// `rate` × `amount` (万元) without the residue of the division the rate came from:
/// a line's half-year plan ratio 25.99 ÷ 26.99 is cut at 28 digits, so that half of
/// it times 26.99 is 12.99499…, which prints 12.99 where the hand computes 12.995
/// and prints 13.00 (and the lines then miss their parent's figure by a cent).
/// Rounded half away from zero at 12 decimals, far below the cent.
pub fn share_of(rate: Decimal, amount: Decimal) -> Decimal {
    crate::fmt::round(rate * amount, 12)
}

/// Spending status of one budget line, or of the total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineStatus {
    pub name: String,
    pub parent: Option<String>,
    pub depth: usize,
    pub budget: Decimal,
    /// Cumulative spending January to as-of.
    pub spent: Decimal,
    /// spent ÷ budget (`None` for a zero budget).
    pub rate: Option<Decimal>,
    /// The expected rate by the as-of month.
    pub expected: Decimal,
    /// rate − expected, as a fraction (−0.048 is 4.8 percentage points behind).
    pub gap: Option<Decimal>,
    /// spent − expected × budget, 万元.
    pub gap_amount: Decimal,
    pub light: Light,
    /// Year-end spending at the run rate so far.
    pub forecast_run_rate: Decimal,
    /// The execution rate that forecast gives: `forecast_run_rate` ÷ budget (`None`
    /// for a zero budget), the progress headline's 年末预计执行率.
    pub forecast_rate: Option<Decimal>,
    /// Year-end spending if the plan is kept (全年预计执行数（按计划）): for a leaf,
    /// the spending so far, plus what the expected path still has for the remaining
    /// months, plus the shortfall so far against the path, which is deferred, not
    /// cancelled (spending ahead of the path is not taken back); in December the
    /// spending. For a parent line and the total, the sum of its lines'.
    pub forecast_plan: Decimal,
    /// Spending needed per remaining month to reach the budget (`None` in December);
    /// for a parent line and the total, the sum of its lines'.
    pub pace_needed: Option<Decimal>,
    /// Cumulative spending and rate by month, January to as-of.
    pub monthly: Vec<(Month, Decimal, Option<Decimal>)>,
    /// The expected rate for every month of the year (for charts).
    pub expected_path: Vec<(Month, Decimal)>,
    /// What `expected_path` follows: the setting, except that `plan` falls back to the
    /// milestone path for a line the plan does not cover.
    pub expected_basis: ExpectedPath,
    /// The line's execution milestones (H1, FY) as fractions: for the total the
    /// 预算执行率 targets, for a line its own `execution:<line>` targets or else its
    /// half-year plan ratio and 100 %.
    pub milestones: (Decimal, Decimal),
    /// Execution at June against the half-year milestone, once June is in.
    pub h1_verdict: Option<Verdict>,
    /// Execution at December against the full year, in December.
    pub fy_verdict: Option<Verdict>,
    /// Notes reported with this line's spending up to as-of (leaves only).
    pub notes: Vec<(Month, String)>,
}

/// Status of one indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorStatus {
    /// The actual to date (a fraction for rates), or `None` without data.
    pub actual: Option<Value>,
    /// The expected value by now, in the actual's terms (`None` for qualitative ones).
    pub expected: Option<Decimal>,
    /// actual ÷ expected × 100 where that is how the light is judged.
    pub ratio: Option<Decimal>,
    pub light: Light,
    /// Year-end forecast (`None` without data or for qualitative ones).
    pub forecast: Option<Value>,
    /// Needed per remaining month to meet the full-year target (sums only).
    pub pace_needed: Option<Decimal>,
    pub h1_verdict: Option<Verdict>,
    pub fy_verdict: Option<Verdict>,
    /// The month of the latest reported figure, if any.
    pub last_reported: Option<Month>,
    /// The figure is older than the as-of month: a level or grade (`latest`,
    /// `grade`; not a date it was done) last reported in `last_reported`, before
    /// as-of, and carried forward. The forms mark it with its month. A count
    /// (`sum`) is a total to date, which a month without a report leaves as it is.
    pub stale: bool,
    /// Notes reported with this indicator up to as-of, with their months.
    pub notes: Vec<(Month, String)>,
}

/// The whole picture as of a month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub as_of: Month,
    pub total: LineStatus,
    pub lines: Vec<LineStatus>,
    pub indicators: Vec<IndicatorStatus>,
    /// 序时进度: time elapsed, m ÷ 12, shown beside the expected path of each line.
    pub time_elapsed: Decimal,
    /// How many indicators have each light.
    pub indicator_lights: LightCounts,
    /// How many budget lines (every line of budget.csv, not the total) have each
    /// light.
    pub line_lights: LightCounts,
    /// The overall light: the worst of the total's, every budget line's and every
    /// indicator's.
    pub light: Light,
    /// What is missing from the actuals up to as-of (months nobody reported; levels
    /// and grades without a figure, against the targets in force). A monthly report is
    /// complete when every month is ([`crate::completeness::Completeness::months_complete`]).
    pub completeness: crate::completeness::Completeness,
    /// Reported rates that disagree with what spending, budget and plan give, for the
    /// months up to as-of ([`crate::crosscheck`]): shown in the reports, so that a
    /// reviewer sees the contradiction on the page.
    pub cross_checks: Vec<crate::crosscheck::CrossCheck>,
}

/// How many of a set of rows have each light.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct LightCounts {
    pub green: usize,
    pub yellow: usize,
    pub red: usize,
    pub blue: usize,
    pub none: usize,
}

impl LightCounts {
    pub fn of(lights: impl IntoIterator<Item = Light>) -> LightCounts {
        let mut c = LightCounts::default();
        for l in lights {
            *match l {
                Light::Green => &mut c.green,
                Light::Yellow => &mut c.yellow,
                Light::Red => &mut c.red,
                Light::Blue => &mut c.blue,
                Light::None => &mut c.none,
            } += 1;
        }
        c
    }

    pub fn total(&self) -> usize {
        self.green + self.yellow + self.red + self.blue + self.none
    }
}

/// `sum += v`; when `sum` is zero, or both are of one scale, neither is negative and
/// the mantissas' sum fits a decimal's 96 bits, by adding the mantissas (what the
/// addition does then, without its general path): the same decimal either way (a
/// test checks it).
#[inline]
fn add_to(sum: &mut Decimal, v: Decimal) {
    // Zero and a number add up to the number as it is, whatever the scales (what the
    // addition gives then).
    if sum.is_zero() {
        *sum = v;
        return;
    }
    let scale = v.scale();
    if sum.scale() == scale && sum.is_sign_positive() && v.is_sign_positive() {
        let m = sum.mantissa() + v.mantissa();
        if m < 1i128 << 96 {
            *sum = Decimal::from_i128_with_scale(m, scale);
            return;
        }
    }
    *sum += v;
}

/// Cumulative spending of a leaf line (the sum of its numbers) at the end of each
/// month from January to `as_of` (index 0 is January).
fn leaf_spent(actuals: &Actuals, name: &str, as_of: Month) -> Vec<Decimal> {
    leaf_spent_with(actuals, name, as_of, &mut Item::Line(Default::default()))
}

/// [`leaf_spent`] with an item whose text is reused for the lookup.
fn leaf_spent_with(actuals: &Actuals, name: &str, as_of: Month, item: &mut Item) -> Vec<Decimal> {
    set_line(item, name);
    leaf_spent_of(actuals.series_of(item, as_of), as_of)
}

/// `item` made the line `name`, its text reused.
fn set_line(item: &mut Item, name: &str) {
    *item = match std::mem::replace(item, Item::Line(Default::default())) {
        Item::Line(mut n) | Item::Indicator(mut n) => {
            n.clear();
            n.push_str(name);
            Item::Line(n)
        }
    };
}

/// [`leaf_spent`] from the line's entries January to `as_of`, in month order.
fn leaf_spent_of<'e>(entries: impl Iterator<Item = &'e Entry>, as_of: Month) -> Vec<Decimal> {
    let mut cum = vec![Decimal::ZERO; usize::from(as_of.elapsed())];
    leaf_spent_into(entries, &mut cum);
    cum
}

/// [`leaf_spent_of`] into `cum`, one figure per month from January.
fn leaf_spent_into<'e>(entries: impl Iterator<Item = &'e Entry>, cum: &mut [Decimal]) {
    // Each month's figure added to the running sum in month order; a month's sum is
    // the running sum before the first entry of a later month (or at the end).
    let mut running = Decimal::ZERO;
    let mut k = 0;
    for e in entries {
        let month = usize::from(e.month.elapsed());
        if month > cum.len() {
            break;
        }
        while k + 1 < month {
            cum[k] = running;
            k += 1;
        }
        if let Some(v) = e.value.number() {
            add_to(&mut running, v);
        }
    }
    cum[k..].fill(running);
}

/// Cumulative spending of every budget line (a leaf: its own entries; a parent: the
/// sum of its children's) and of the total (the sum of the top-level lines), for each
/// month from January to the month it was built for. Built once per evaluation, so
/// that spending is summed once, not once per line, month and indicator.
#[derive(Debug, Clone)]
pub(crate) struct Spent {
    as_of: Month,
    /// Cumulative spending per month (January first), `as_of.elapsed()` figures
    /// each: by the index of the first budget line of a name, then the total's
    /// (one table: one allocation).
    table: Vec<Decimal>,
}

impl Spent {
    pub(crate) fn new(model: &Model, actuals: &Actuals, as_of: Month) -> Spent {
        Spent::with_places(model, actuals, as_of, &[])
    }

    /// [`Spent::new`], each budget line's entries found at its place in `actuals`
    /// when `places` has it (by the line's index in the budget; a place of another
    /// item, or none, is looked up by the line's name): the same table either way.
    pub(crate) fn with_places(
        model: &Model,
        actuals: &Actuals,
        as_of: Month,
        places: &[Option<crate::actuals::ItemSlot>],
    ) -> Spent {
        let b = &model.budget;
        let months = usize::from(as_of.elapsed());
        let mut table = vec![Decimal::ZERO; (b.lines.len() + 1) * months];
        // Per line: whether its figures are in `table` yet.
        let mut filled: smallvec::SmallVec<[bool; 32]> = smallvec::smallvec![false; b.lines.len()];
        let mut item = Item::Line(Default::default());
        /// What [`fill`] works on.
        struct Fill<'a> {
            model: &'a Model,
            actuals: &'a Actuals,
            as_of: Month,
            months: usize,
            places: &'a [Option<crate::actuals::ItemSlot>],
        }
        /// Fills line `i` (the first of its name) in `table`, and what it needs.
        fn fill(
            f: &Fill<'_>,
            i: usize,
            table: &mut [Decimal],
            filled: &mut [bool],
            depth: usize,
            item: &mut Item,
        ) {
            if filled[i] {
                return;
            }
            let (b, actuals, months) = (&f.model.budget, f.actuals, f.months);
            let name = &b.lines[i].name;
            let mut kids = b.children(name).peekable();
            if kids.peek().is_none() {
                // A leaf: its own figures, at its place when that is the line's.
                let at = f.places.get(i).copied().flatten().filter(
                    |&at| matches!(actuals.item_at(at), Some(Item::Line(n)) if crate::lookup::same_text(n, name)),
                );
                let cum = &mut table[i * months..(i + 1) * months];
                match at {
                    Some(at) => leaf_spent_into(actuals.series_at(at, f.as_of), cum),
                    None => {
                        set_line(item, name);
                        leaf_spent_into(actuals.series_of(item, f.as_of), cum);
                    }
                }
                filled[i] = true;
                return;
            }
            let mut sum = [Decimal::ZERO; 12];
            let cum = &mut sum[..months];
            if depth <= b.lines.len() {
                // A parent: the sum of its children (a cycle, reported by `check`,
                // stops here).
                for k in kids {
                    let Some(at) = b.index_of(&k.name) else {
                        continue;
                    };
                    fill(f, at, table, filled, depth + 1, item);
                    for (c, x) in cum.iter_mut().zip(&table[at * months..(at + 1) * months]) {
                        add_to(c, *x);
                    }
                }
            }
            table[i * months..(i + 1) * months].copy_from_slice(cum);
            filled[i] = true;
        }
        let f = Fill {
            model,
            actuals,
            as_of,
            months,
            places,
        };
        let n = b.lines.len();
        let mut total = [Decimal::ZERO; 12];
        let total = &mut total[..months];
        for l in b.top_level() {
            let Some(at) = b.index_of(&l.name) else {
                continue;
            };
            fill(&f, at, &mut table, &mut filled, 0, &mut item);
            for (c, x) in total.iter_mut().zip(&table[at * months..(at + 1) * months]) {
                add_to(c, *x);
            }
        }
        for (i, l) in b.lines.iter().enumerate() {
            if !filled[i] && b.index_of(&l.name) == Some(i) {
                fill(&f, i, &mut table, &mut filled, 0, &mut item);
            }
        }
        table[n * months..].copy_from_slice(total);
        Spent { as_of, table }
    }

    /// The figures of line `i` (the budget's line count: the total).
    fn row(&self, i: usize) -> &[Decimal] {
        let months = usize::from(self.as_of.elapsed());
        &self.table[i * months..(i + 1) * months]
    }

    /// Cumulative spending of `line` (`None`: the total) at the end of each month from
    /// January (index 0) to the one the table was built for.
    pub(crate) fn cumulative<'s>(
        &'s self,
        model: &Model,
        actuals: &Actuals,
        line: Option<&str>,
    ) -> std::borrow::Cow<'s, [Decimal]> {
        match line {
            None => Cow::Borrowed(self.row(model.budget.lines.len())),
            Some(n) => match model.budget.index_of(n) {
                Some(i) => Cow::Borrowed(self.row(i)),
                // Not a budget line: its own figures, if any.
                None => Cow::Owned(leaf_spent(actuals, n, self.as_of)),
            },
        }
    }

    /// Cumulative spending of `line` (`None`: the total) to `m`, a month of the year
    /// up to the one the table was built for.
    pub(crate) fn at(
        &self,
        model: &Model,
        actuals: &Actuals,
        line: Option<&str>,
        m: Month,
    ) -> Decimal {
        debug_assert!(m.year() == self.as_of.year() && m <= self.as_of);
        spent_to(&self.cumulative(model, actuals, line), m)
    }
}

/// Spending to the end of `m` from a line's cumulative spending by month (index 0 is
/// January; [`Spent::cumulative`]); zero before the first month.
pub(crate) fn spent_to(cumulative: &[Decimal], m: Month) -> Decimal {
    let k = usize::from(m.elapsed()) - 1;
    cumulative.get(k).copied().unwrap_or_default()
}

/// 10⁰ … 10³⁸: every power of ten a `u128` holds.
const POWERS_OF_TEN: [u128; 39] = {
    let mut p = [1u128; 39];
    let mut k = 1;
    while k < 39 {
        p[k] = p[k - 1] * 10;
        k += 1;
    }
    p
};

/// `actual` ÷ `expected` × 100, the ratio an indicator's light is shown with (the
/// largest decimal when the quotient does not fit).
pub fn percent(actual: Decimal, expected: Decimal) -> Decimal {
    ratio(actual, expected)
        .unwrap_or(Decimal::MAX)
        .saturating_mul(Decimal::ONE_HUNDRED)
}

/// How `actual` ÷ `expected` × 100 compares with `threshold` (`expected` above zero),
/// when that is clear without dividing: `actual` × 100 against `threshold` ×
/// `expected`, their mantissas brought to one scale in 128-bit integers. The answer is
/// always that of the quotient ([`percent`]), which is rounded at its 28th digit (and
/// once more when multiplied by 100): `None` where the two products are so close that
/// this rounding could change the comparison (within 2⁻⁷⁹ of |`actual`| +
/// `expected`, and two units of the last digit: more than fifty times what it can
/// move), where the quotient may not fit a decimal (10²⁸ or more), or where the
/// products do not fit; then compare [`percent`]. Products exactly equal are the
/// quotient exactly on the threshold (a decimal holds threshold ÷ 100 exactly).
pub fn cmp_percent(
    actual: Decimal,
    expected: Decimal,
    threshold: Decimal,
) -> Option<std::cmp::Ordering> {
    Crossed::new(actual, expected, threshold.scale())?.cmp(threshold)
}

/// x × y when it fits; one 64-bit multiplication when both do.
#[inline]
fn mul_u128(x: u128, y: u128) -> Option<u128> {
    match (u64::try_from(x), u64::try_from(y)) {
        (Ok(x), Ok(y)) => Some(u128::from(x) * u128::from(y)),
        _ => x.checked_mul(y),
    }
}

/// `actual` ÷ `expected` × 100 as cross-multiplied products, for thresholds of one
/// scale ([`cmp_percent`]): worked out once per ratio, then one product per threshold.
#[derive(Debug, Clone, Copy)]
struct Crossed {
    /// The sign of `actual`.
    sign: i128,
    /// |`actual`| × 100 at the common scale, max(scale of `actual`, thresholds' scale
    /// + scale of `expected`).
    left: u128,
    /// `expected` at the common scale less the thresholds': a threshold's mantissa
    /// times this is threshold × `expected` at the common scale.
    per_unit: u128,
    /// How close the products may come before the quotient's rounding could matter.
    slack: u128,
    threshold_scale: u32,
}

/// x × 10^k, when it fits.
#[inline]
fn up(x: u128, k: u32) -> Option<u128> {
    match k {
        0 => Some(x),
        _ => mul_u128(x, *POWERS_OF_TEN.get(k as usize)?),
    }
}

/// What a [`Crossed`] takes from `expected` and the thresholds' scale, for an actual
/// of a given scale: the same for every actual of that scale.
#[derive(Debug, Clone, Copy)]
struct ExpectedPart {
    /// The power of ten that brings the actual's mantissa to the common scale.
    actual_up: u32,
    /// `expected` at the common scale.
    scaled: u128,
    /// [`Crossed::per_unit`].
    per_unit: u128,
    threshold_scale: u32,
}

impl ExpectedPart {
    #[inline]
    fn new(actual_scale: u32, expected: Decimal, threshold_scale: u32) -> Option<ExpectedPart> {
        debug_assert!(expected > Decimal::ZERO);
        let se = expected.scale();
        let st_se = threshold_scale + se;
        let common = actual_scale.max(st_se);
        let e = expected.mantissa().unsigned_abs();
        Some(ExpectedPart {
            actual_up: common - actual_scale,
            scaled: up(e, common - se)?,
            per_unit: up(e, common - st_se)?,
            threshold_scale,
        })
    }
}

impl Crossed {
    #[inline]
    fn new(actual: Decimal, expected: Decimal, threshold_scale: u32) -> Option<Crossed> {
        Crossed::with(
            actual,
            &ExpectedPart::new(actual.scale(), expected, threshold_scale)?,
        )
    }

    /// [`Crossed::new`] with the part of `expected` ([`ExpectedPart::new`] of
    /// `actual`'s scale) worked out already.
    #[inline]
    fn with(actual: Decimal, e: &ExpectedPart) -> Option<Crossed> {
        let a_scaled = up(actual.mantissa().unsigned_abs(), e.actual_up)?;
        // A quotient of 10²⁸ or more may not fit a decimal (then [`percent`] takes the
        // largest one, whatever the sign).
        if a_scaled >= POWERS_OF_TEN[28]
            && e.scaled
                .checked_mul(POWERS_OF_TEN[28])
                .is_some_and(|limit| a_scaled >= limit)
        {
            return None;
        }
        Some(Crossed {
            sign: actual.mantissa().signum(),
            left: mul_u128(a_scaled, 100)?,
            per_unit: e.per_unit,
            // At least 10⁻²⁴ × (|actual| + expected) at the common scale: 2⁷⁹ < 10²⁴.
            slack: (a_scaled >> 79) + (e.scaled >> 79) + 2,
            threshold_scale: e.threshold_scale,
        })
    }

    #[inline]
    fn cmp(&self, threshold: Decimal) -> Option<std::cmp::Ordering> {
        debug_assert_eq!(threshold.scale(), self.threshold_scale);
        let t = threshold.mantissa();
        // Zero divided is exactly zero; opposite signs (`expected` is positive, so
        // threshold × expected has the sign of the threshold; a quotient keeps its
        // sign or rounds to zero). Against a zero threshold a tiny quotient can round
        // to zero: that is for the products.
        if self.sign == 0 || (t != 0 && self.sign != t.signum()) {
            return Some(self.sign.cmp(&t.signum()));
        }
        let right = mul_u128(t.unsigned_abs(), self.per_unit)?;
        // Exactly on the threshold: the quotient is the threshold ÷ 100, which a
        // decimal holds exactly when the threshold has at most 26 decimals.
        if self.left == right && self.threshold_scale <= 26 {
            return Some(std::cmp::Ordering::Equal);
        }
        if self.left.abs_diff(right) <= self.slack {
            return None;
        }
        let o = self.left.cmp(&right);
        Some(if self.sign > 0 { o } else { o.reverse() })
    }
}

/// [`Light::for_quotient`] against one expected value and one set of thresholds, for
/// many actuals: what depends on them alone worked out once, down to the mantissas
/// of the actuals the products decide ([`Bound`]). Any other actual is decided as
/// [`Light::for_quotient`] decides it. Tests check it against [`Light::for_quotient`]
/// and the quotient, at the bounds and anywhere.
#[derive(Debug, Clone)]
pub(crate) struct Quotient {
    expected: Decimal,
    lights: Lights,
    blue: bool,
    /// [`ordered`] of the thresholds.
    ordered: bool,
    /// By threshold (red, yellow, blue): whether it is above zero.
    positive: [bool; 3],
    /// By the scale of the actual (0 to 28), then by threshold: its bound, where the
    /// products can decide.
    bounds: Box<[[Option<Bound>; 3]; 29]>,
    /// By the scale of the actual: the bounds of every threshold the light asks
    /// for, as one cut each ([`Cuts`]), when they decide every mantissa up to
    /// their `max`.
    cuts: Box<[Option<Cuts>; 29]>,
}

/// For the actuals of one scale above zero, up to mantissa `max`: below threshold
/// `k` exactly when the mantissa is below `at[k]` ([`Bound`]'s `below` and `from`,
/// with the mantissas between them decided once: below up to the cut, not below
/// from it).
#[derive(Debug, Clone, Copy)]
struct Cuts {
    max: u128,
    at: [u128; 3],
}

impl Cuts {
    /// Of the bounds of one scale, when every threshold the light asks for
    /// (blue's only when `blue`) has one that decides each mantissa up to its `max`:
    /// nothing between its `below` and `from`, or the few between decided below up
    /// to a point and not below from it.
    fn of(bounds: &[Option<Bound>; 3], blue: bool) -> Option<Cuts> {
        let mut cuts = Cuts {
            max: u128::MAX,
            at: [u128::MAX; 3],
        };
        for (k, b) in bounds.iter().enumerate().take(if blue { 3 } else { 2 }) {
            let b = (*b)?;
            let between = b.from.checked_sub(b.below)?;
            let below = match (between, b.near) {
                (0, _) => 0,
                (_, Some(near)) => {
                    // Below for the first few, then not: 1…10…0 from bit 0.
                    let ones = near.trailing_ones();
                    (u128::from(ones) <= between && near >> ones == 0).then_some(ones)?
                }
                _ => return None,
            };
            cuts.at[k] = b.below + u128::from(below);
            cuts.max = cuts.max.min(b.max);
        }
        Some(cuts)
    }
}

/// For the actuals of one scale above zero against one threshold above zero, the
/// mantissas for which [`Crossed`] decides, without the quotient: those up to `max`
/// (the products fit, the quotient is below 10²⁸), below `below` (below the
/// threshold) or from `from` on (not below). The few between (on the threshold, or
/// too close for the products), when there are at most [`Bound::NEAR`]: whether each
/// is below, as the quotient decides it, worked out once (bit `m − below` of `near`).
#[derive(Debug, Clone, Copy)]
struct Bound {
    max: u128,
    below: u128,
    from: u128,
    near: Option<u8>,
}

/// The first m at which `p` turns true (false for every m before it, true from it on),
/// found from `guess` in a few steps up or down; `None` beyond them.
fn turn(guess: u128, p: impl Fn(u128) -> bool) -> Option<u128> {
    let mut m = guess;
    if p(m) {
        for _ in 0..16 {
            if m == 0 || !p(m - 1) {
                return Some(m);
            }
            m -= 1;
        }
    } else {
        for _ in 0..16 {
            m = m.checked_add(1)?;
            if p(m) {
                return Some(m);
            }
        }
    }
    None
}

impl Bound {
    /// For actuals of scale `actual_scale`, `expected` (above zero) and `threshold`
    /// (above zero); `None` where some product does not fit.
    fn new(actual_scale: u32, expected: Decimal, threshold: Decimal) -> Option<Bound> {
        let e = ExpectedPart::new(actual_scale, expected, threshold.scale())?;
        // A mantissa m is m × 10^k at the common scale, and [`Crossed`]'s left side is
        // m × f; its right side and the expected value's part of the slack are fixed,
        // the actual's part of the slack is m × 10^k ÷ 2⁷⁹ (rounded down).
        let ten_k = *POWERS_OF_TEN.get(e.actual_up as usize)?;
        let f = ten_k.checked_mul(100)?;
        let right = mul_u128(threshold.mantissa().unsigned_abs(), e.per_unit)?;
        let slack = |m: u128| Some((m.checked_mul(ten_k)? >> 79) + (e.scaled >> 79) + 2);
        // left + slack < right, and left − slack > right: as m grows the first turns
        // false and the second true, each once (f is far above the slack's growth).
        let less = |m: u128| {
            let left = m.checked_mul(f)?;
            Some(left.checked_add(slack(m)?)? < right)
        };
        let more = |m: u128| {
            let left = m.checked_mul(f)?;
            Some(left > right.checked_add(slack(m)?)?)
        };
        // The products fit, and the quotient is below 10²⁸ (m × 10^k below
        // expected × 10²⁸ at the common scale).
        let fits = u128::MAX / f;
        let max = match e.scaled.checked_mul(POWERS_OF_TEN[28]) {
            Some(limit) => fits.min((limit - 1) / ten_k),
            None => fits,
        };
        // Where each turns, from an estimate with the actual's slack at the estimate
        // without it (the slack grows by 10^k ÷ 2⁷⁹ a mantissa, f by 100 × 10^k): the
        // first m not less, and the first m more, each exact by a few steps; past
        // `max` nothing is decided here, so the search ends there.
        let actual_slack = |m: u128| m.checked_mul(ten_k).map(|x| x >> 79);
        let s0 = slack(0)?;
        let guess = right.saturating_sub(s0).div_ceil(f);
        let guess = right
            .saturating_sub(s0 + actual_slack(guess).unwrap_or(0))
            .div_ceil(f);
        let below = turn(guess.min(max.saturating_add(1)), |m| {
            m > max || less(m) != Some(true)
        })?;
        let guess = right.checked_add(s0)? / f + 1;
        let guess = right.checked_add(s0 + actual_slack(guess).unwrap_or(0))? / f + 1;
        let from = turn(guess.min(max.saturating_add(1)), |m| {
            m > max || more(m) == Some(true)
        })?;
        Some(Bound {
            max,
            below,
            from,
            near: None,
        })
    }

    const NEAR: u128 = 8;

    /// With the mantissas between its two bounds decided by `below` (of the actual of
    /// that mantissa), when there are few and each is up to `max`.
    fn with_near(self, below: impl Fn(u128) -> bool) -> Bound {
        let near = (self.from - self.below <= Bound::NEAR && self.from <= self.max).then(|| {
            (self.below..self.from)
                .enumerate()
                .fold(0u8, |bits, (i, m)| bits | (u8::from(below(m)) << i))
        });
        Bound { near, ..self }
    }
}

impl Quotient {
    /// For `expected` above zero (else `None`: no ratio to judge).
    pub(crate) fn new(expected: Decimal, lights: &Lights, blue: bool) -> Option<Quotient> {
        if !is_positive(expected) {
            return None;
        }
        let thresholds = [lights.red_below, lights.yellow_below, lights.blue_from];
        let positive = thresholds.map(is_positive);
        let bounds = std::array::from_fn(|scale| {
            std::array::from_fn(|k| {
                let t = thresholds[k];
                let b = positive[k]
                    .then(|| Bound::new(scale as u32, expected, t))
                    .flatten()?;
                Some(b.with_near(|m| {
                    i128::try_from(m).is_ok_and(|m| {
                        let actual = Decimal::from_i128_with_scale(m, scale as u32);
                        below_by_quotient(actual, expected, t)
                    })
                }))
            })
        });
        let cuts = std::array::from_fn(|scale| Cuts::of(&bounds[scale], blue));
        Some(Quotient {
            expected,
            lights: lights.clone(),
            blue,
            ordered: ordered(lights),
            positive,
            bounds: Box::new(bounds),
            cuts: Box::new(cuts),
        })
    }

    /// Made for `expected`, `lights` and `blue`, exactly (the same values at the same
    /// scales).
    pub(crate) fn is_for(&self, expected: Decimal, lights: &Lights, blue: bool) -> bool {
        let same = |a: Decimal, b: Decimal| a.serialize() == b.serialize();
        same(self.expected, expected)
            && same(self.lights.red_below, lights.red_below)
            && same(self.lights.yellow_below, lights.yellow_below)
            && same(self.lights.blue_from, lights.blue_from)
            && self.blue == blue
    }

    /// [`Light::for_quotient`] of `actual` and the expected value.
    #[inline]
    pub(crate) fn light(&self, actual: Decimal) -> Light {
        let m = actual.mantissa();
        // Most actuals: above zero, and below the cuts' `max`.
        if let (true, Some(Some(c))) = (m > 0, self.cuts.get(actual.scale() as usize)) {
            let m = m.unsigned_abs();
            if m <= c.max {
                return Light::by_thresholds(self.ordered, self.blue, |k| m < c.at[k]);
            }
        }
        self.light_by_bounds(actual)
    }

    /// [`Quotient::light`] of an actual its cuts do not decide: by each threshold's
    /// bound, else by the quotient.
    #[inline(never)]
    fn light_by_bounds(&self, actual: Decimal) -> Light {
        let m = actual.mantissa();
        let bounds = self.bounds.get(actual.scale() as usize);
        Light::by_thresholds(self.ordered, self.blue, |k| {
            // Nothing done is below any threshold above zero (the quotient is zero).
            if m == 0 && self.positive[k] {
                return true;
            }
            if let (true, Some(Some(b))) = (m > 0, bounds.map(|b| &b[k])) {
                let m = m.unsigned_abs();
                if m <= b.max {
                    if m < b.below {
                        return true;
                    }
                    if m >= b.from {
                        return false;
                    }
                    if let Some(near) = b.near {
                        return near >> (m - b.below) & 1 == 1;
                    }
                }
            }
            self.below_by_quotient(actual, k)
        })
    }

    /// [`below_by_quotient`] of threshold `k`.
    #[cold]
    fn below_by_quotient(&self, actual: Decimal, k: usize) -> bool {
        let l = &self.lights;
        let t = [l.red_below, l.yellow_below, l.blue_from][k];
        below_by_quotient(actual, self.expected, t)
    }
}

/// Whether `actual` ÷ `expected` × 100 is below `threshold`, as
/// [`Light::for_quotient`] decides it: by the products when they tell, else by the
/// quotient.
fn below_by_quotient(actual: Decimal, expected: Decimal, threshold: Decimal) -> bool {
    match cmp_percent(actual, expected, threshold) {
        Some(o) => o.is_lt(),
        None => percent(actual, expected) < threshold,
    }
}

/// `d` > 1, from its sign, mantissa and scale (no rescaling): its mantissa above
/// 10^scale.
fn above_one(d: Decimal) -> bool {
    d.is_sign_positive()
        && match POWERS_OF_TEN.get(d.scale() as usize) {
            Some(&one) => d.mantissa().unsigned_abs() > one,
            None => d > Decimal::ONE,
        }
}

/// `d` > 0, from its sign and mantissa (no comparison of scales).
fn is_positive(d: Decimal) -> bool {
    d.is_sign_positive() && !d.is_zero()
}

/// a ÷ b; `None` for a zero divisor (or a quotient too large to hold).
fn ratio(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_div(b)
}

/// The actual of a count, level or grade (not execution, which follows from spending)
/// from its entries January to a month, in month order: a count is the sum of its
/// numbers (zero without rows: nothing happened), a level or grade the latest figure.
pub(crate) fn reported_actual<'e>(
    measure: &Measure,
    series: impl Iterator<Item = &'e Entry>,
) -> Option<Cow<'e, Value>> {
    match measure {
        Measure::Sum => Some(Cow::Owned(Value::Number(
            series.filter_map(|e| e.value.number()).sum(),
        ))),
        _ => series.last().map(|e| Cow::Borrowed(&e.value)),
    }
}

/// [`reported_actual`] as of `previous` (the month before, if any) and as of the last
/// month of `entries` (January to as-of, in month order), in one pass: a count's sum
/// to the month before is carried on to as-of (the same additions in the same order
/// as summing each month on its own); a level's or grade's latest figures are found
/// from the last entry back.
#[inline(always)]
pub(crate) fn reported_actuals<'e>(
    measure: &Measure,
    entries: impl DoubleEndedIterator<Item = &'e Entry> + Clone,
    previous: Option<Month>,
) -> [Option<Cow<'e, Value>>; 2] {
    let before = |e: &Entry| previous.is_some_and(|p| e.month <= p);
    match measure {
        Measure::Sum => {
            // The sum to the month before, taken at its first entry after it.
            let (mut sum, mut to_previous) = (Decimal::ZERO, None);
            for e in entries {
                if to_previous.is_none() && !before(e) {
                    to_previous = Some(sum);
                }
                if let Some(v) = e.value.number() {
                    add_to(&mut sum, v);
                }
            }
            [
                previous.map(|_| Cow::Owned(Value::Number(to_previous.unwrap_or(sum)))),
                Some(Cow::Owned(Value::Number(sum))),
            ]
        }
        _ => {
            let last = entries.clone().next_back();
            let to_previous = previous.and_then(|_| entries.rev().find(|e| before(e)));
            [to_previous, last].map(|e| e.map(|e| Cow::Borrowed(&e.value)))
        }
    }
}

/// What a line's (or the total's) execution is judged against, whatever the month:
/// its budget, milestones and the basis of its expected path, worked out once.
#[derive(Debug, Clone)]
pub(crate) struct LineBasis<'a> {
    pub(crate) line: Option<&'a str>,
    pub(crate) budget: Decimal,
    pub(crate) milestones: (Decimal, Decimal),
    pub(crate) basis: ExpectedPath,
}

impl<'a> LineBasis<'a> {
    pub(crate) fn of(inputs: &Inputs<'_>, line: Option<&'a str>) -> Self {
        LineBasis::with_milestones(inputs, line, inputs.milestones(line))
    }

    /// [`LineBasis::of`] with the line's milestones ([`Inputs::milestones`]) worked
    /// out already.
    pub(crate) fn with_milestones(
        inputs: &Inputs<'_>,
        line: Option<&'a str>,
        milestones: (Decimal, Decimal),
    ) -> Self {
        LineBasis {
            line,
            budget: inputs.budget_of(line),
            milestones,
            basis: inputs.expected_basis(line),
        }
    }

    /// [`Inputs::expected_rate`] of the line by `m`.
    pub(crate) fn expected(&self, inputs: &Inputs<'_>, m: Month) -> Decimal {
        inputs.expected_rate_with(self.line, self.milestones, self.basis, m)
    }
}

/// What an indicator is judged by, whatever the month: the thresholds of its half-year
/// and full-year targets (a division for a percentage) and, for an execution indicator,
/// its line's [`LineBasis`], worked out once. The one rule of an indicator's expected
/// value and light, for the report ([`Inputs::evaluate`]) and the portfolio's summary
/// alike.
#[derive(Debug, Clone)]
pub(crate) struct IndicatorBasis<'a> {
    pub(crate) ind: &'a Indicator,
    /// `ind.h1.threshold()`, once asked for.
    h1: std::cell::OnceCell<Option<Decimal>>,
    /// `ind.fy.threshold()`, once asked for (a level judged in the first half-year
    /// never needs it).
    fy: std::cell::OnceCell<Option<Decimal>>,
    /// The line an execution indicator measures.
    pub(crate) line: Option<LineBasis<'a>>,
}

impl<'a> IndicatorBasis<'a> {
    pub(crate) fn of(inputs: &Inputs<'_>, ind: &'a Indicator) -> Self {
        IndicatorBasis::with(inputs, ind, None, &[])
    }

    /// [`IndicatorBasis::of`] with the targets' thresholds (h1, fy) worked out
    /// already, when given (they are `ind.h1.threshold()` and `ind.fy.threshold()`),
    /// and an execution indicator's line taken from `lines` when it is there (each
    /// [`LineBasis::of`] its line).
    pub(crate) fn with(
        inputs: &Inputs<'_>,
        ind: &'a Indicator,
        thresholds: Option<(Option<Decimal>, Option<Decimal>)>,
        lines: &[LineBasis<'a>],
    ) -> Self {
        let cell = |t: Option<Option<Decimal>>| match t {
            Some(t) => std::cell::OnceCell::from(t),
            None => std::cell::OnceCell::new(),
        };
        IndicatorBasis {
            ind,
            h1: cell(thresholds.map(|t| t.0)),
            fy: cell(thresholds.map(|t| t.1)),
            line: match &ind.measure {
                Measure::Execution { line } => {
                    Some(match lines.iter().find(|b| b.line == line.as_deref()) {
                        Some(b) => b.clone(),
                        None => LineBasis::of(inputs, line.as_deref()),
                    })
                }
                _ => None,
            },
        }
    }

    /// The target in force in `m` ([`Indicator::target_in_force`]) and its threshold.
    fn h1(&self) -> Option<Decimal> {
        *self.h1.get_or_init(|| self.ind.h1.threshold())
    }

    fn fy(&self) -> Option<Decimal> {
        *self.fy.get_or_init(|| self.ind.fy.threshold())
    }

    fn in_force(&self, m: Month) -> (&'a Target, Option<Decimal>) {
        let t = self.ind.target_in_force(m);
        (
            t,
            if std::ptr::eq(t, &self.ind.h1) {
                self.h1()
            } else {
                self.fy()
            },
        )
    }

    /// The expected value of the indicator by `m`, in the actual's terms (`None` for a
    /// qualitative one).
    pub(crate) fn expected(&self, inputs: &Inputs<'_>, m: Month) -> Option<Decimal> {
        if self.ind.fy.is_qualitative() {
            return None;
        }
        if let Some(l) = &self.line {
            return Some(l.expected(inputs, m));
        }
        let n = Decimal::from(m.number());
        let six = Decimal::from(6);
        match self.ind.measure {
            // A count accumulates along the path.
            Measure::Sum => match (self.h1(), self.fy(), inputs.model.settings.expected) {
                (_, Some(fy), ExpectedPath::Linear) => Some(linear_path(fy, m)),
                (Some(h1), Some(fy), _) => Some(milestone_path(h1, fy, m)),
                // No half-year target: m/12 of the year's.
                (None, Some(fy), _) => Some(linear_path(fy, m)),
                // Only a half-year target: m/6 of it through June.
                (Some(h1), None, _) if m.number() <= 6 => Some(h1 * n / six),
                _ => None,
            },
            // A level is expected at the half-year target through June, then moves in a
            // straight line to the full-year target at December.
            // (Through June the full-year target is asked for only without a half-year
            // one.)
            _ => match self.h1() {
                Some(h1) if m.number() <= 6 => Some(h1),
                Some(h1) if m.number() > 6 => self.fy().map(|fy| h1 + (fy - h1) * (n - six) / six),
                _ => self.fy(),
            },
        }
    }

    /// The light of the indicator as of `as_of` from its actual and expected value,
    /// and, when it was judged by their ratio, the two ([`percent`] of them is the
    /// ratio shown).
    pub(crate) fn light(
        &self,
        lights: &Lights,
        as_of: Month,
        actual: Option<&Value>,
        expected: Option<Decimal>,
    ) -> (Light, Option<(Decimal, Decimal)>) {
        self.judge(as_of, expected).light(lights, actual, None)
    }

    /// How the indicator's light is judged as of `as_of`, its expected value then
    /// being `expected`: all of [`IndicatorBasis::light`] but the actual.
    pub(crate) fn judge(&self, as_of: Month, expected: Option<Decimal>) -> Judge {
        let (target, threshold) = self.in_force(as_of);
        match target {
            Target::NotApplicable => Judge::Nothing,
            Target::Qualitative(_) => Judge::Tier,
            Target::Quantitative { cmp, .. } => match target.direction_at(threshold) {
                Some(Direction::LowerIsBetter) => Judge::AtMost {
                    cmp: *cmp,
                    threshold: threshold.unwrap_or(Decimal::ZERO),
                },
                _ => Judge::Ratio {
                    execution: self.line.is_some(),
                    expected,
                },
            },
        }
    }
}

/// How an indicator's light is judged in a month, whatever its actual
/// ([`IndicatorBasis::judge`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Judge {
    /// No target in force: no light.
    Nothing,
    /// A qualitative target: by the grade's tier.
    Tier,
    /// Lower is better: green when the target is met, else red.
    AtMost {
        cmp: crate::target::Comparator,
        threshold: Decimal,
    },
    /// Higher is better: by the ratio of the actual to the expected value (an
    /// execution indicator above its budget is red).
    Ratio {
        execution: bool,
        expected: Option<Decimal>,
    },
}

impl Judge {
    /// The light of `actual` and, when it was judged by its ratio to the expected
    /// value, the two. `quotient`, when given, is [`Quotient::new`] of the expected
    /// value, `lights` and blue for all but execution: the same light, decided faster.
    pub(crate) fn light(
        &self,
        lights: &Lights,
        actual: Option<&Value>,
        quotient: Option<&Quotient>,
    ) -> (Light, Option<(Decimal, Decimal)>) {
        self.judged(lights, actual, quotient)
    }

    /// [`Judge::light`] without the two it was judged by (the portfolio's summary,
    /// where it is made in place).
    #[inline(always)]
    pub(crate) fn light_alone(
        &self,
        lights: &Lights,
        actual: Option<&Value>,
        quotient: Option<&Quotient>,
    ) -> Light {
        self.judged(lights, actual, quotient).0
    }

    /// [`Judge::light`], made in place in both of its callers (so that the one
    /// without the pair does not make it).
    #[inline(always)]
    fn judged(
        &self,
        lights: &Lights,
        actual: Option<&Value>,
        quotient: Option<&Quotient>,
    ) -> (Light, Option<(Decimal, Decimal)>) {
        let Some(v) = actual else {
            return (Light::None, None);
        };
        match *self {
            Judge::Nothing => (Light::None, None),
            Judge::Tier => (
                match v.tier() {
                    Some(Tier::Achieved) => Light::Green,
                    Some(Tier::Partly) => Light::Yellow,
                    Some(Tier::NotAchieved) => Light::Red,
                    None => Light::None,
                },
                None,
            ),
            Judge::AtMost { cmp, threshold } => {
                let a = v.number().unwrap_or(Decimal::ZERO);
                (
                    if cmp.is_met(a, threshold) {
                        Light::Green
                    } else {
                        Light::Red
                    },
                    None,
                )
            }
            Judge::Ratio {
                execution,
                expected,
            } => {
                let a = v.number().unwrap_or(Decimal::ZERO);
                match expected {
                    // Spending above the budget is never green.
                    _ if execution && above_one(a) => (Light::Red, None),
                    Some(e) if is_positive(e) => {
                        let light = match quotient {
                            Some(q) => {
                                debug_assert!(q.is_for(e, lights, !execution));
                                q.light(a)
                            }
                            None => Light::for_quotient(a, e, lights, !execution),
                        };
                        (light, Some((a, e)))
                    }
                    _ => (Light::Green, None),
                }
            }
        }
    }
}

/// The engine's inputs.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    pub model: &'a Model,
    pub actuals: &'a Actuals,
    pub plan: Option<&'a MonthlyPlan>,
}

impl Inputs<'_> {
    /// Execution milestones of a line as fractions (H1, FY): the total follows the
    /// 预算执行率 targets (=46 % / =100 %); a line its own half-year plan ratio.
    pub(crate) fn milestones(&self, line: Option<&str>) -> (Decimal, Decimal) {
        let m = self.model;
        let exec = match line {
            None => m.execution_indicator(),
            Some(name) => m.execution_indicator_of(name),
        };
        self.milestones_with(line, exec.map(|i| (i.h1.threshold(), i.fy.threshold())))
    }

    /// [`Inputs::milestones`], with the thresholds (h1, fy) of the first indicator
    /// measuring the execution of `line` (`None`: the total), when there is one,
    /// known already.
    pub(crate) fn milestones_with(
        &self,
        line: Option<&str>,
        execution: Option<(Option<Decimal>, Option<Decimal>)>,
    ) -> (Decimal, Decimal) {
        let m = self.model;
        if let Some((Some(h1), Some(fy))) = execution {
            return (h1, fy);
        }
        match line {
            None => (
                m.budget.h1_plan_ratio().unwrap_or(Decimal::new(5, 1)),
                Decimal::ONE,
            ),
            Some(name) => {
                let l = m.budget.line(name);
                let h1 = l
                    .and_then(|l| ratio(l.h1_plan, l.budget))
                    .unwrap_or(Decimal::new(5, 1));
                (h1, Decimal::ONE)
            }
        }
    }

    /// Leaves under `line` (itself when it is a leaf); all leaves for the total.
    fn leaves_under(&self, line: Option<&str>) -> Vec<String> {
        let b = &self.model.budget;
        match line {
            Some(name) if !b.has_children(name) => vec![name.to_string()],
            Some(name) => b
                .children(name)
                .flat_map(|k| self.leaves_under(Some(&k.name)))
                .collect(),
            None => b.leaves().map(|l| l.name.clone()).collect(),
        }
    }

    /// Whether the plan covers every leaf under `line` (all leaves for the total).
    fn plan_covers(&self, line: Option<&str>) -> bool {
        self.plan
            .is_some_and(|p| self.leaves_under(line).iter().all(|l| p.has_line(l)))
    }

    /// What the expected path of `line` follows (see [`LineStatus::expected_basis`]).
    pub fn expected_basis(&self, line: Option<&str>) -> ExpectedPath {
        match self.model.settings.expected {
            ExpectedPath::Plan if !self.plan_covers(line) => ExpectedPath::Milestone,
            e => e,
        }
    }

    /// The expected execution rate of a line (or the total) by month `m`.
    pub fn expected_rate(&self, line: Option<&str>, m: Month) -> Decimal {
        self.expected_rate_with(line, self.milestones(line), self.expected_basis(line), m)
    }

    /// [`Inputs::expected_rate`] with the line's milestones and basis worked out
    /// already (they do not depend on the month).
    pub(crate) fn expected_rate_with(
        &self,
        line: Option<&str>,
        (h1, fy): (Decimal, Decimal),
        basis: ExpectedPath,
        m: Month,
    ) -> Decimal {
        match basis {
            ExpectedPath::Milestone => milestone_path(h1, fy, m),
            ExpectedPath::Linear => linear_path(fy, m),
            ExpectedPath::Plan => {
                let leaves = self.leaves_under(line);
                match self.plan {
                    Some(p) => {
                        let planned: Decimal = leaves.iter().map(|l| p.cumulative(l, m)).sum();
                        let budget = match line {
                            Some(n) => self
                                .model
                                .budget
                                .line(n)
                                .map_or(Decimal::ZERO, |l| l.budget),
                            None => self.model.budget.total_budget(),
                        };
                        ratio(planned, budget).unwrap_or(Decimal::ZERO)
                    }
                    None => milestone_path(h1, fy, m),
                }
            }
        }
    }

    /// The light of a line's (or the total's) execution: red above the budget, else
    /// by the rate against the expected rate (no blue).
    pub(crate) fn execution_light(&self, rate: Option<Decimal>, expected: Decimal) -> Light {
        self.execution_light_with(rate, expected, None)
    }

    /// [`Inputs::execution_light`], with the ratio's [`Quotient::new`] of `expected`,
    /// the thresholds and no blue, when given: the same light, decided faster.
    pub(crate) fn execution_light_with(
        &self,
        rate: Option<Decimal>,
        expected: Decimal,
        quotient: Option<&Quotient>,
    ) -> Light {
        let lights = &self.model.settings.lights;
        match rate {
            // Spending above the budget is never green (often 元 written for 万元).
            Some(r) if above_one(r) => Light::Red,
            Some(r) if is_positive(expected) => match quotient {
                Some(q) => {
                    debug_assert!(q.is_for(expected, lights, false));
                    q.light(r)
                }
                None => Light::for_quotient(r, expected, lights, false),
            },
            Some(_) => Light::Green,
            None => Light::None,
        }
    }

    /// The budget of a line (`None`: the total).
    pub(crate) fn budget_of(&self, line: Option<&str>) -> Decimal {
        match line {
            Some(n) => self
                .model
                .budget
                .line(n)
                .map_or(Decimal::ZERO, |l| l.budget),
            None => self.model.budget.total_budget(),
        }
    }

    fn line_status(&self, spent: &Spent, line: Option<&str>, as_of: Month) -> LineStatus {
        let m = self.model;
        let (name, parent, depth, budget) = match line {
            Some(n) => {
                let l = m.budget.line(n);
                (
                    n.to_string(),
                    l.and_then(|l| l.parent.clone()),
                    m.budget.depth(n),
                    l.map_or(Decimal::ZERO, |l| l.budget),
                )
            }
            None => ("合计".to_string(), None, 0, m.budget.total_budget()),
        };
        let spent_at = |mm: Month| spent.at(m, self.actuals, line, mm);
        let spent_now = spent_at(as_of);
        let rate = ratio(spent_now, budget);
        let expected = self.expected_rate(line, as_of);
        let light = self.execution_light(rate, expected);
        let months = Decimal::from(as_of.elapsed());
        let forecast_run_rate = spent_now * Decimal::from(12) / months;
        let remaining = as_of.remaining();
        let verdict_at = |mm: Month, target: Decimal| {
            let r = ratio(spent_at(mm), budget);
            match r {
                Some(r) if r >= target => Verdict::Met,
                Some(_) => Verdict::NotMet,
                None => Verdict::NotApplicable,
            }
        };
        let (h1_target, fy_target) = self.milestones(line);
        LineStatus {
            name,
            parent,
            depth,
            budget,
            spent: spent_now,
            rate,
            expected,
            gap: rate.map(|r| r - expected),
            gap_amount: spent_now - share_of(expected, budget),
            light,
            forecast_run_rate,
            forecast_rate: ratio(forecast_run_rate, budget),
            forecast_plan: if remaining == 0 {
                spent_now
            } else {
                let planned_rest = share_of((Decimal::ONE - expected).max(Decimal::ZERO), budget);
                let deferred = (share_of(expected, budget) - spent_now).max(Decimal::ZERO);
                spent_now + planned_rest + deferred
            },
            pace_needed: (remaining > 0)
                .then(|| ((budget - spent_now) / Decimal::from(remaining)).max(Decimal::ZERO)),
            monthly: as_of
                .year_to_date()
                .map(|mm| {
                    let s = spent_at(mm);
                    (mm, s, ratio(s, budget))
                })
                .collect(),
            expected_path: Month::all_of(as_of.year())
                .map(|mm| (mm, self.expected_rate(line, mm)))
                .collect(),
            expected_basis: self.expected_basis(line),
            milestones: (h1_target, fy_target),
            h1_verdict: as_of
                .h1_closed()
                .then(|| verdict_at(crate::Period::H1.closing_month(as_of.year()), h1_target)),
            fy_verdict: as_of.is_year_end().then(|| verdict_at(as_of, fy_target)),
            notes: match line {
                Some(n) => {
                    let item = Item::Line(n.into());
                    self.actuals
                        .series(&item, as_of)
                        .filter(|e| !e.note.is_empty())
                        .map(|e| (e.month, e.note.clone()))
                        .collect()
                }
                None => Vec::new(),
            },
        }
    }

    /// The actual of an indicator to `m`.
    pub(crate) fn actual(&self, spent: &Spent, ind: &Indicator, m: Month) -> Option<Value> {
        match &ind.measure {
            Measure::Execution { line } => {
                let line = line.as_deref();
                let s = spent.at(self.model, self.actuals, line, m);
                ratio(s, self.budget_of(line)).map(Value::Number)
            }
            measure => {
                let item = Item::Indicator(ind.id.0.as_str().into());
                reported_actual(measure, self.actuals.series(&item, m)).map(Cow::into_owned)
            }
        }
    }

    fn verdict(target: &Target, actual: Option<&Value>) -> Verdict {
        match (target, actual) {
            (Target::NotApplicable, _) => Verdict::NotApplicable,
            (_, None) => Verdict::NoData,
            (Target::Qualitative(_), Some(v)) => match v.tier() {
                Some(Tier::Achieved) => Verdict::Met,
                Some(_) => Verdict::NotMet,
                None => Verdict::NoData,
            },
            (Target::Quantitative { cmp, .. }, Some(v)) => match (v.number(), target.threshold()) {
                (Some(a), Some(t)) if cmp.is_met(a, t) => Verdict::Met,
                (Some(_), Some(_)) => Verdict::NotMet,
                _ => Verdict::NoData,
            },
        }
    }

    fn indicator_status(&self, spent: &Spent, ind: &Indicator, as_of: Month) -> IndicatorStatus {
        let actual = self.actual(spent, ind, as_of);
        let basis = IndicatorBasis::of(self, ind);
        let expected = basis.expected(self, as_of);
        let (light, judged) = basis.light(
            &self.model.settings.lights,
            as_of,
            actual.as_ref(),
            expected,
        );
        let ratio_v = judged.map(|(a, e)| percent(a, e));
        let months = Decimal::from(as_of.elapsed());
        // A figure at the run rate: × 12 ÷ m (none where that is beyond what a
        // decimal holds: only figures far outside what the readers accept get there).
        let run_rate = |a: &Decimal| {
            a.checked_mul(Decimal::from(12))
                .map(|x| Value::Number(x / months))
        };
        let forecast = actual.as_ref().and_then(|v| match (&ind.measure, v) {
            (Measure::Sum, Value::Number(a)) => run_rate(a),
            // Spending at the run rate: spent ÷ m × 12 of the budget, i.e. rate × 12 ÷ m.
            (Measure::Execution { .. }, Value::Number(rate)) => run_rate(rate),
            (_, v) => Some(v.clone()),
        });
        let remaining = as_of.remaining();
        let pace_needed = match (&ind.measure, &actual, ind.fy.threshold()) {
            (Measure::Sum, a, Some(fy)) if remaining > 0 => {
                let a = a.as_ref().and_then(Value::number).unwrap_or(Decimal::ZERO);
                Some(((fy - a) / Decimal::from(remaining)).max(Decimal::ZERO))
            }
            _ => None,
        };
        let june = crate::Period::H1.closing_month(as_of.year());
        let item = Item::Indicator(ind.id.0.as_str().into());
        let series: Vec<_> = self.actuals.series(&item, as_of).collect();
        IndicatorStatus {
            expected,
            ratio: ratio_v,
            light,
            forecast,
            pace_needed,
            h1_verdict: as_of
                .h1_closed()
                .then(|| Self::verdict(&ind.h1, self.actual(spent, ind, june).as_ref())),
            fy_verdict: as_of
                .is_year_end()
                .then(|| Self::verdict(&ind.fy, actual.as_ref())),
            last_reported: series.last().map(|e| e.month),
            stale: is_stale(ind, series.last().map(|e| e.month), as_of),
            notes: series
                .iter()
                .filter(|e| !e.note.is_empty())
                .map(|e| (e.month, e.note.clone()))
                .collect(),
            actual,
        }
    }

    /// Evaluate everything as of `as_of`.
    pub fn evaluate(&self, as_of: Month) -> Progress {
        let spent = Spent::new(self.model, self.actuals, as_of);
        let mut total = self.line_status(&spent, None, as_of);
        let mut lines: Vec<LineStatus> = self
            .model
            .budget
            .lines
            .iter()
            .map(|l| self.line_status(&spent, Some(&l.name), as_of))
            .collect();
        // A parent's and the total's forecast and pace are the sums of their lines'
        // (issue 10: a 合计 adds up). Deepest parents first, so that sums nest.
        let budget = &self.model.budget;
        let mut order: Vec<usize> = (0..lines.len())
            .filter(|&i| budget.has_children(&lines[i].name))
            .collect();
        order.sort_by_key(|&i| std::cmp::Reverse(lines[i].depth));
        let sum_of = |lines: &[LineStatus], parent: Option<&str>| {
            let kids = lines
                .iter()
                .filter(|l| l.parent.as_deref() == parent)
                .collect::<Vec<_>>();
            let plan: Decimal = kids.iter().map(|l| l.forecast_plan).sum();
            let pace: Option<Decimal> = kids.iter().map(|l| l.pace_needed).sum::<Option<Decimal>>();
            (kids.is_empty(), plan, pace)
        };
        for i in order {
            let (empty, plan, pace) = sum_of(&lines, Some(&lines[i].name.clone()));
            if !empty {
                lines[i].forecast_plan = plan;
                lines[i].pace_needed = pace;
            }
        }
        let (empty, plan, pace) = sum_of(&lines, None);
        if !empty {
            total.forecast_plan = plan;
            total.pace_needed = pace;
        }
        let indicators: Vec<IndicatorStatus> = self
            .model
            .indicators
            .iter()
            .map(|i| self.indicator_status(&spent, i, as_of))
            .collect();
        let light = Light::worst(
            std::iter::once(total.light)
                .chain(lines.iter().map(|l| l.light))
                .chain(indicators.iter().map(|i| i.light)),
        );
        let period = if as_of.number() <= 6 {
            crate::period::Period::H1
        } else {
            crate::period::Period::FullYear
        };
        Progress {
            as_of,
            completeness: crate::completeness::Completeness::of(
                self.model,
                self.actuals,
                as_of,
                period,
            ),
            cross_checks: crate::crosscheck::cross_checks(self.model, self.actuals, self.plan)
                .into_iter()
                .filter(|c| c.month <= as_of)
                .collect(),
            time_elapsed: time_elapsed(as_of),
            indicator_lights: LightCounts::of(indicators.iter().map(|i| i.light)),
            line_lights: LightCounts::of(lines.iter().map(|l| l.light)),
            total,
            lines,
            indicators,
            light,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn m(n: u8) -> Month {
        Month::new(2026, n).unwrap()
    }

    /// An actual figure `v × 10^-scale` of `item` in month `month` of 2026.
    fn number_entry(month: u8, item: Item, v: i64, scale: u32) -> Entry {
        Entry {
            month: m(month),
            item,
            value: Value::Number(Decimal::new(v, scale)),
            note: String::new(),
            source: Default::default(),
        }
    }

    fn indicator(fy: &str, measure: Measure) -> Indicator {
        Indicator {
            id: crate::indicator::IndicatorId("X-01".into()),
            level1: crate::indicator::Level1::Duty,
            level2: "二级".into(),
            key_work: None,
            name: "指标".into(),
            h1: fy.parse().unwrap(),
            fy: fy.parse().unwrap(),
            weight: dec!(5),
            measure,
            rule: None,
        }
    }

    #[test]
    fn a_level_or_grade_reported_before_as_of_is_stale() {
        let level = indicator("≥95%", Measure::Latest);
        let grade = indicator("健全", Measure::Grade);
        for ind in [&level, &grade] {
            assert!(is_stale(ind, Some(m(6)), m(12)), "{}", ind.fy);
            assert!(is_stale(ind, Some(m(11)), m(12)), "{}", ind.fy);
            assert!(!is_stale(ind, Some(m(12)), m(12)), "{}", ind.fy);
            // Nothing reported is no data, not an old figure.
            assert!(!is_stale(ind, None, m(12)), "{}", ind.fy);
        }
        // A count is a total to date; a date target is done once; execution follows
        // from spending.
        assert!(!is_stale(
            &indicator("≥3个", Measure::Sum),
            Some(m(6)),
            m(12)
        ));
        assert!(!is_stale(
            &indicator("2026年10月", Measure::Latest),
            Some(m(10)),
            m(12)
        ));
        let exec = indicator("≥100%", Measure::Execution { line: None });
        assert!(!is_stale(&exec, Some(m(6)), m(12)));
    }

    #[test]
    fn milestone_path_known_answers() {
        // 46 % at June, 100 % at December.
        assert_eq!(milestone_path(dec!(0.46), dec!(1), m(3)), dec!(0.23));
        assert_eq!(milestone_path(dec!(0.46), dec!(1), m(6)), dec!(0.46));
        assert_eq!(milestone_path(dec!(0.46), dec!(1), m(9)), dec!(0.73));
        assert_eq!(milestone_path(dec!(0.46), dec!(1), m(12)), dec!(1));
        assert_eq!(linear_path(dec!(1), m(7)).round_dp(4), dec!(0.5833));
    }

    #[test]
    fn light_boundaries() {
        let l = Lights::default();
        assert_eq!(Light::for_ratio(dec!(59.99), &l, true), Light::Red);
        assert_eq!(Light::for_ratio(dec!(60), &l, true), Light::Yellow);
        assert_eq!(Light::for_ratio(dec!(79.99), &l, true), Light::Yellow);
        assert_eq!(Light::for_ratio(dec!(80), &l, true), Light::Green);
        assert_eq!(Light::for_ratio(dec!(119.99), &l, true), Light::Green);
        assert_eq!(Light::for_ratio(dec!(120), &l, true), Light::Blue);
        assert_eq!(Light::for_ratio(dec!(120), &l, false), Light::Green);
        assert_eq!(
            Light::worst([Light::Green, Light::Blue, Light::None]),
            Light::Green
        );
        assert_eq!(
            Light::worst([Light::Green, Light::Red, Light::Yellow]),
            Light::Red
        );
        assert_eq!(Light::worst([]), Light::None);
    }

    #[test]
    fn a_light_by_ratio_without_dividing_known_answers() {
        use std::cmp::Ordering::{Equal, Greater, Less};
        let l = Lights::default();
        let q = |a: Decimal, e: Decimal| Light::for_quotient(a, e, &l, true);
        // Exactly on a threshold: the products are equal (60 is yellow, 80 green, 120
        // blue); a threshold of 27 decimals is left to the quotient.
        assert_eq!(cmp_percent(dec!(0.6), dec!(1), dec!(60)), Some(Equal));
        let sixty_at_27 = Decimal::from_i128_with_scale(60 * 10i128.pow(27), 27);
        assert_eq!(cmp_percent(dec!(0.6), dec!(1), sixty_at_27), None);
        assert_eq!(q(dec!(0.6), dec!(1)), Light::Yellow);
        assert_eq!(q(dec!(12), dec!(20)), Light::Yellow);
        assert_eq!(q(dec!(16), dec!(20)), Light::Green);
        assert_eq!(q(dec!(24), dec!(20)), Light::Blue);
        assert_eq!(
            Light::for_quotient(dec!(24), dec!(20), &l, false),
            Light::Green
        );
        // Just off them, decided by the products alone.
        assert_eq!(cmp_percent(dec!(0.5999), dec!(1), dec!(60)), Some(Less));
        assert_eq!(q(dec!(0.5999), dec!(1)), Light::Red);
        assert_eq!(q(dec!(0.7999), dec!(1)), Light::Yellow);
        assert_eq!(q(dec!(1.1999), dec!(1)), Light::Green);
        assert_eq!(cmp_percent(dec!(1.2001), dec!(1), dec!(120)), Some(Greater));
        // 10 of 100 × 2 ÷ 12 due: the expected value is rounded up at its 28th digit,
        // so 10 × 100 is a hair below 60 × expected, but the quotient (what the light
        // has always followed) rounds to 60: too close for the products, yellow.
        let due = linear_path(dec!(100), Month::new(2026, 2).unwrap());
        assert_eq!(due, dec!(16.666666666666666666666666667));
        assert_eq!(cmp_percent(dec!(10), due, dec!(60)), None);
        assert_eq!(percent(dec!(10), due), dec!(60.000000000000000000000000000));
        assert_eq!(q(dec!(10), due), Light::Yellow);
        // Signs: nothing done, or a negative figure (money returned), is below any
        // positive threshold; zero against a zero threshold is equal.
        assert_eq!(cmp_percent(dec!(0), dec!(5), dec!(60)), Some(Less));
        assert_eq!(cmp_percent(dec!(-1), dec!(5), dec!(60)), Some(Less));
        assert_eq!(cmp_percent(dec!(0), dec!(5), dec!(0)), Some(Equal));
        assert_eq!(cmp_percent(dec!(1), dec!(5), dec!(-10)), Some(Greater));
        assert_eq!(cmp_percent(dec!(-1), dec!(1), dec!(-50)), Some(Less));
        assert_eq!(cmp_percent(dec!(-1), dec!(4), dec!(-50)), Some(Greater));
        assert_eq!(q(dec!(-3), dec!(5)), Light::Red);
        assert_eq!(q(dec!(0), dec!(5)), Light::Red);
        // Products too large for 128 bits: through the quotient (the largest decimal
        // when even that does not fit).
        let tiny = Decimal::new(1, 28);
        assert_eq!(cmp_percent(Decimal::MAX, tiny, dec!(60)), None);
        assert_eq!(percent(Decimal::MAX, tiny), Decimal::MAX);
        assert_eq!(q(Decimal::MAX, tiny), Light::Blue);
        // A quotient of 10²⁸ or more may not fit: through the quotient too.
        assert_eq!(cmp_percent(dec!(1), tiny, dec!(60)), None);
        assert_eq!(cmp_percent(dec!(-1), tiny, dec!(60)), None);
        assert_eq!(
            Light::for_quotient(dec!(-1), tiny, &l, true),
            Light::for_ratio(percent(dec!(-1), tiny), &l, true)
        );
        assert_eq!(cmp_percent(dec!(1), dec!(0.0001), dec!(60)), Some(Greater));
    }

    proptest::proptest! {
        /// Actuals of every scale at, just inside and just outside the bounds of a
        /// [`Quotient`] (where the products stop deciding, where the slack stops
        /// mattering): the light of the quotient.
        #[test]
        fn a_quotient_at_its_bounds_is_the_quotients(
            e in proptest::prop_oneof![1i128..100_000, 1i128..(1i128 << 96)],
            e_scale in 0u32..29,
            a_scale in 0u32..29,
            l in proptest::sample::select(vec![
                (dec!(60), dec!(80), dec!(120)),
                (dec!(59.5), dec!(80), dec!(120.25)),
                (dec!(90), dec!(70), dec!(100)),
                (dec!(0.000001), dec!(1), dec!(33.333)),
            ]),
            k in 0usize..3,
            which in 0usize..3,
            off in -3i128..4,
        ) {
            let e = Decimal::from_i128_with_scale(e, e_scale);
            let l = Lights {
                red_below: l.0,
                yellow_below: l.1,
                blue_from: l.2,
            };
            let q = Quotient::new(e, &l, true).unwrap();
            if let Some(b) = q.bounds[a_scale as usize][k] {
                let m = i128::try_from([b.max, b.below, b.from][which]).unwrap_or(i128::MAX);
                let m = m.saturating_add(off);
                if m > 0 && m < (1i128 << 96) {
                    let a = Decimal::from_i128_with_scale(m, a_scale);
                    for blue in [true, false] {
                        let q = Quotient::new(e, &l, blue).unwrap();
                        let want = Light::for_ratio(percent(a, e), &l, blue);
                        proptest::prop_assert_eq!(q.light(a), want, "{} {}", a, e);
                    }
                }
            }
        }
    }

    proptest::proptest! {
        /// Above one without rescaling is `>` one.
        #[test]
        fn above_one_is_greater_than_one(
            m in proptest::prop_oneof![-(1i128 << 96) + 1..(1i128 << 96), -1000i128..1000],
            scale in 0u32..29,
        ) {
            let d = Decimal::from_i128_with_scale(m, scale);
            proptest::prop_assert_eq!(above_one(d), d > Decimal::ONE, "{}", d);
        }
    }

    proptest::proptest! {
        /// A leaf's cumulative spending by month is, for each month, the sum of its
        /// entries to that month, added in order.
        #[test]
        fn leaf_spending_is_each_months_sum(
            rows in proptest::collection::vec((1u8..13, -100_000i64..100_000, 0u32..5), 0..12),
            as_of in 1u8..13,
        ) {
            let mut rows = rows;
            rows.sort_by_key(|r| r.0);
            rows.dedup_by_key(|r| r.0);
            // (Entries after as-of too: they count for no month.)
            let entries: Vec<Entry> = rows
                .iter()
                .map(|&(month, v, scale)| number_entry(month, Item::Line("L".into()), v, scale))
                .collect();
            let got = leaf_spent_of(entries.iter(), m(as_of));
            let want: Vec<Decimal> = (1..=as_of)
                .map(|k| {
                    entries
                        .iter()
                        .filter(|e| e.month.number() <= k)
                        .fold(Decimal::ZERO, |sum, e| sum + e.value.number().unwrap())
                })
                .collect();
            let bits = |v: &[Decimal]| v.iter().map(|d| d.serialize()).collect::<Vec<_>>();
            proptest::prop_assert_eq!(bits(&got), bits(&want));
        }

        /// Both months' actuals in one pass are each month's on its own.
        #[test]
        fn reported_actuals_are_each_months(
            rows in proptest::collection::vec((1u8..13, -100_000i64..100_000, 0u32..5), 0..12),
            as_of in 1u8..13,
        ) {
            let as_of = m(as_of);
            let mut rows = rows;
            rows.sort_by_key(|r| r.0);
            let entries: Vec<Entry> = rows
                .iter()
                .filter(|r| r.0 <= as_of.number())
                .map(|&(month, v, scale)| {
                    number_entry(month, Item::Indicator("X-01".into()), v, scale)
                })
                .collect();
            let refs: Vec<&Entry> = entries.iter().collect();
            let previous = Month::new(2026, as_of.number() - 1);
            for measure in [Measure::Sum, Measure::Latest] {
                let want = [
                    previous.and_then(|p| {
                        reported_actual(&measure, refs.iter().copied().take_while(|e| e.month <= p))
                    }),
                    reported_actual(&measure, refs.iter().copied()),
                ];
                let got = reported_actuals(&measure, refs.iter().copied(), previous);
                let show = |x: &[Option<Cow<'_, Value>>; 2]| x.clone().map(|v| v.map(|v| format!("{v:?}")));
                proptest::prop_assert_eq!(show(&got), show(&want));
            }
        }
    }

    proptest::proptest! {
        /// Adding mantissas where [`add_to`] does is the addition, to the bit.
        #[test]
        fn add_to_is_the_addition(
            a in proptest::prop_oneof![0i128..(1i128 << 96), -(1i128 << 96) + 1..(1i128 << 96), 0i128..1_000_000, proptest::strategy::Just(0i128)],
            b in proptest::prop_oneof![0i128..(1i128 << 96), -(1i128 << 96) + 1..(1i128 << 96), 0i128..1_000_000, proptest::strategy::Just(0i128)],
            sa in 0u32..29,
            sb in proptest::option::of(0u32..29),
            negative_zero in proptest::bool::ANY,
        ) {
            let mut x = Decimal::from_i128_with_scale(a, sa);
            let mut y = Decimal::from_i128_with_scale(b, sb.unwrap_or(sa));
            if negative_zero && b == 0 {
                y.set_sign_negative(true);
            }
            if negative_zero && a == 0 {
                x.set_sign_negative(true);
            }
            // (Too large a sum panics either way.)
            if let Some(want) = x.checked_add(y) {
                let mut sum = x;
                add_to(&mut sum, y);
                proptest::prop_assert_eq!(want.serialize(), sum.serialize(), "{} + {}", x, y);
            }
        }
    }

    #[test]
    fn above_one_known_answers() {
        for (d, want) in [
            (dec!(1), false),
            (dec!(1.0000), false),
            (dec!(1.0001), true),
            (dec!(0.9999999999999999999999999999), false),
            (dec!(1.0000000000000000000000000001), true),
            (dec!(-2), false),
            (dec!(0), false),
            (dec!(2), true),
        ] {
            assert_eq!(above_one(d), want, "{d}");
        }
    }

    #[test]
    fn the_worse_of_two_is_the_worst() {
        for a in Light::ALL {
            for b in Light::ALL {
                assert_eq!(a.or_worse(b), Light::worst([a, b]), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn a_quotient_worked_out_once_known_answers() {
        let l = Lights::default();
        // Nothing to judge by a ratio against zero or less.
        assert!(Quotient::new(dec!(0), &l, true).is_none());
        assert!(Quotient::new(dec!(-1), &l, true).is_none());
        // Actuals of the usual scales are decided by one cut per threshold.
        let q = Quotient::new(dec!(1), &l, true).unwrap();
        assert!((0..=6).all(|scale| q.cuts[scale].is_some()));
        let due = linear_path(dec!(100), Month::new(2026, 2).unwrap());
        let cases = [
            // On the thresholds, a hair off them, of every scale of the actual.
            (dec!(1), dec!(0.6), Light::Yellow),
            (dec!(1), dec!(0.5999), Light::Red),
            (dec!(1), dec!(0.5999999999999999999999999999), Light::Red),
            (dec!(1), dec!(0.8), Light::Green),
            (dec!(1), dec!(0.80), Light::Green),
            (dec!(1), dec!(0.7999), Light::Yellow),
            (dec!(1), dec!(1.2), Light::Blue),
            (dec!(1), dec!(1.1999999999999999999999999999), Light::Green),
            (dec!(20), dec!(12), Light::Yellow),
            (dec!(20), dec!(16), Light::Green),
            (dec!(20), dec!(24), Light::Blue),
            (dec!(0.46), dec!(0.276), Light::Yellow),
            (dec!(0.46), dec!(0.2759), Light::Red),
            // Too close for the products: the quotient rounds to 60.
            (due, dec!(10), Light::Yellow),
            (due, dec!(-3), Light::Red),
            (due, dec!(0), Light::Red),
            // Products too large, a quotient too large.
            (Decimal::new(1, 28), Decimal::MAX, Light::Blue),
            (Decimal::new(1, 28), dec!(-1), Light::Red),
        ];
        for (e, a, want) in cases {
            let q = Quotient::new(e, &l, true).unwrap();
            assert_eq!(q.light(a), want, "{a} ÷ {e}");
            assert_eq!(Light::for_quotient(a, e, &l, true), want, "{a} ÷ {e}");
            assert!(q.is_for(e, &l, true));
        }
        // Within the slack of a threshold, off it by less than the products' unit:
        // 32.333 ÷ 97 × 100 = 33.33298…, below 33.333 (32.333 × 100 is one unit short
        // of 33.333 × 97 at three decimals); 32.334 is well above.
        let odd = Lights {
            red_below: dec!(0.000001),
            yellow_below: dec!(1),
            blue_from: dec!(33.333),
        };
        let q = Quotient::new(dec!(97), &odd, true).unwrap();
        let b = q.bounds[3][2].unwrap();
        assert_eq!((b.below, b.from, b.near), (32333, 32334, Some(1)));
        assert_eq!(q.light(dec!(32.333)), Light::Green);
        assert_eq!(q.light(dec!(32.334)), Light::Blue);
        assert_eq!(q.light(dec!(32.332)), Light::Green);
        // Rates of 28 decimals (spending ÷ budget) against 46 %: the products decide
        // all but a band of a few hundred mantissas around each threshold.
        let q = Quotient::new(dec!(0.46), &l, false).unwrap();
        let b = q.bounds[28][1].unwrap();
        assert!(b.from - b.below < 1000, "{b:?}");
        for (a, want) in [
            (dec!(0.3680000000000000000000000001), Light::Green),
            (dec!(0.3679999999999999999999999999), Light::Yellow),
            (dec!(0.3678999999999999999999999999), Light::Yellow),
            (dec!(0.2759999999999999999999999999), Light::Red),
            (dec!(0.2760000000000000000000000000), Light::Yellow),
            (dec!(0.5000000000000000000000000000), Light::Green),
        ] {
            assert_eq!(q.light(a), want, "{a}");
            assert_eq!(Light::for_quotient(a, dec!(0.46), &l, false), want, "{a}");
        }
        // Made for one expected value at one scale, one set of thresholds, with blue.
        let q = Quotient::new(dec!(1), &l, false).unwrap();
        assert_eq!(q.light(dec!(1.5)), Light::Green);
        assert!(q.is_for(dec!(1), &l, false));
        assert!(!q.is_for(dec!(1.0), &l, false));
        assert!(!q.is_for(dec!(1), &l, true));
        let other = Lights {
            red_below: dec!(60.0),
            ..Lights::default()
        };
        assert!(!q.is_for(dec!(1), &other, false));
    }

    proptest::proptest! {
        /// The light by ratio is the light of the quotient, whatever the figures, on a
        /// threshold, a hair off it, or far from it.
        #[test]
        fn a_light_by_ratio_is_the_quotients(
            a in -(1i128 << 96) + 1..(1i128 << 96),
            a_scale in 0u32..29,
            e in 1i128..(1i128 << 96),
            e_scale in 0u32..29,
            t in proptest::sample::select(vec![dec!(60), dec!(80), dec!(120), dec!(59.5), dec!(0), dec!(-10)]),
            near in proptest::option::of(-3i64..4),
        ) {
            let e = Decimal::from_i128_with_scale(e, e_scale);
            let a = match near {
                // t × e ÷ 100 (rounded) moved by a few units of its last digit.
                Some(k) => t.checked_mul(e).and_then(|x| x.checked_div(dec!(100))).and_then(|x| x.checked_add(Decimal::new(k, 28))).unwrap_or(Decimal::ZERO),
                None => Decimal::from_i128_with_scale(a, a_scale),
            };
            let by_quotient = percent(a, e);
            if let Some(o) = cmp_percent(a, e, t) {
                proptest::prop_assert_eq!(o, by_quotient.cmp(&t), "{} {} {}", a, e, t);
            }
            let lights = |red_below, yellow_below, blue_from| Lights {
                red_below,
                yellow_below,
                blue_from,
            };
            // The defaults, thresholds of several scales, out of order, all one.
            for l in [
                Lights::default(),
                lights(dec!(59.5), dec!(80), dec!(120.25)),
                lights(dec!(80), dec!(60), dec!(120)),
                lights(t, t, t),
            ] {
                for blue in [true, false] {
                    let want = Light::for_ratio(by_quotient, &l, blue);
                    proptest::prop_assert_eq!(Light::for_quotient(a, e, &l, blue), want);
                    // With the expected value's part worked out once.
                    let q = Quotient::new(e, &l, blue).unwrap();
                    proptest::prop_assert_eq!(q.light(a), want, "{} {}", a, e);
                }
            }
        }
    }
}

/// Review of the light rules worked out once ([`Quotient`], [`Judge`]) against the
/// one rule ([`Light::for_quotient`]) and the quotient itself ([`percent`],
/// [`Light::for_ratio`]), with wide figures: thresholds of any sign, scale and size,
/// in any order; expected values of any scale and size; actuals anywhere, on the
/// products' bounds, and a hair off threshold × expected ÷ 100.
#[cfg(test)]
mod review {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    /// A mantissa: small, any of 96 bits, or near 2⁹⁶; either sign when `signed`.
    fn mantissa(signed: bool) -> impl Strategy<Value = i128> {
        let max = (1i128 << 96) - 1;
        let m = prop_oneof![
            0i128..1_000,
            0i128..1_000_000_000,
            0i128..=max,
            (max - 1_000)..=max,
            (0u32..29).prop_map(|k| 10i128.pow(k)),
        ];
        (m, any::<bool>()).prop_map(move |(m, neg)| if signed && neg { -m } else { m })
    }

    fn decimal(signed: bool) -> impl Strategy<Value = Decimal> {
        (mantissa(signed), 0u32..29).prop_map(|(m, s)| Decimal::from_i128_with_scale(m, s))
    }

    /// A threshold: mostly plain percentages at a few scales, sometimes anything.
    fn threshold() -> impl Strategy<Value = Decimal> {
        prop_oneof![
            3 => (0i64..200, 0u32..4).prop_map(|(m, s)| Decimal::new(m * 10i64.pow(s), s)),
            1 => (-200i64..20_000, 0u32..29).prop_map(|(m, s)| Decimal::new(m, s)),
            1 => decimal(true),
        ]
    }

    fn lights() -> impl Strategy<Value = Lights> {
        (threshold(), threshold(), threshold()).prop_map(|(r, y, b)| Lights {
            red_below: r,
            yellow_below: y,
            blue_from: b,
        })
    }

    /// An expected value above zero.
    fn expected() -> impl Strategy<Value = Decimal> {
        (mantissa(false), 0u32..29).prop_map(|(m, s)| Decimal::from_i128_with_scale(m.max(1), s))
    }

    /// The light of the quotient itself.
    fn of_quotient(a: Decimal, e: Decimal, l: &Lights, blue: bool) -> Light {
        Light::for_ratio(percent(a, e), l, blue)
    }

    /// Actuals where a light may turn for `e` and `l`: each threshold's product with
    /// the expected value ÷ 100 at several scales, moved by a few units of the last
    /// digit, and each bound of the quotient ([`Bound`]) moved by a few mantissas.
    fn turning_points(q: &Quotient, e: Decimal, l: &Lights, off: i128) -> Vec<Decimal> {
        let mut out = Vec::new();
        for t in [l.red_below, l.yellow_below, l.blue_from] {
            if let Some(x) = t.checked_mul(e).and_then(|x| x.checked_div(dec!(100))) {
                // At its own scale (exactly on the threshold when the product is
                // exact), and rounded to others.
                for scale in [x.scale(), 0, 2, 6, 12, 20, 27, 28] {
                    let mut y = x;
                    y.rescale(scale);
                    let moved = y
                        .mantissa()
                        .checked_add(off)
                        .and_then(|m| Decimal::try_from_i128_with_scale(m, y.scale()).ok());
                    out.extend(moved);
                }
            }
        }
        for (scale, bounds) in q.bounds.iter().enumerate() {
            for b in bounds.iter().flatten() {
                for at in [b.max, b.below, b.from] {
                    let m = i128::try_from(at).ok().and_then(|m| m.checked_add(off));
                    out.extend(
                        m.and_then(|m| Decimal::try_from_i128_with_scale(m, scale as u32).ok()),
                    );
                }
            }
        }
        out
    }

    /// Nothing done, written as zero of any scale or as a negative zero: below every
    /// threshold above zero, not below zero or less.
    #[test]
    fn nothing_done_known_answers() {
        let l = Lights {
            red_below: dec!(-5),
            yellow_below: dec!(0),
            blue_from: dec!(0.0000000000000000000000000001),
        };
        for scale in [0, 2, 28] {
            for negative in [false, true] {
                let mut a = Decimal::new(0, scale);
                a.set_sign_negative(negative);
                for e in [dec!(0.46), Decimal::new(1, 28), Decimal::MAX] {
                    for (l, want) in [(Lights::default(), Light::Red), (l.clone(), Light::Green)] {
                        let q = Quotient::new(e, &l, true).unwrap();
                        assert_eq!(q.light(a), want, "{a} {e} {l:?}");
                        assert_eq!(Light::for_quotient(a, e, &l, true), want, "{a} {e}");
                        assert_eq!(Light::for_ratio(percent(a, e), &l, true), want, "{a} {e}");
                    }
                }
            }
        }
    }

    /// Blue from below yellow, and thresholds out of order, of other scales: yellow
    /// is asked before blue, red before yellow.
    #[test]
    fn thresholds_out_of_order_known_answers() {
        let l = |r: Decimal, y: Decimal, b: Decimal| Lights {
            red_below: r,
            yellow_below: y,
            blue_from: b,
        };
        let cases = [
            // Blue from 70, below yellow: 75 % is yellow, 85 % blue, 65 % yellow.
            (
                l(dec!(60), dec!(80), dec!(70)),
                dec!(0.75),
                true,
                Light::Yellow,
            ),
            (
                l(dec!(60), dec!(80), dec!(70)),
                dec!(0.85),
                true,
                Light::Blue,
            ),
            (
                l(dec!(60), dec!(80), dec!(70)),
                dec!(0.85),
                false,
                Light::Green,
            ),
            (
                l(dec!(60), dec!(80), dec!(70)),
                dec!(0.65),
                true,
                Light::Yellow,
            ),
            // Red from 90, yellow from 70: below 90 is red, whatever yellow says.
            (
                l(dec!(90), dec!(70), dec!(100)),
                dec!(0.8),
                true,
                Light::Red,
            ),
            (
                l(dec!(90), dec!(70), dec!(100)),
                dec!(0.9),
                true,
                Light::Green,
            ),
            (l(dec!(90), dec!(70), dec!(100)), dec!(1), true, Light::Blue),
            // Of other scales, out of order: 80.0 > 60.00.
            (
                l(dec!(80.0), dec!(60.00), dec!(120)),
                dec!(0.7),
                true,
                Light::Red,
            ),
            (
                l(dec!(80.0), dec!(60.00), dec!(120)),
                dec!(0.8),
                true,
                Light::Green,
            ),
            // Equal values of other scales: in order.
            (
                l(dec!(60.000), dec!(60), dec!(120)),
                dec!(0.59999),
                true,
                Light::Red,
            ),
            (
                l(dec!(60.000), dec!(60), dec!(120)),
                dec!(0.6),
                true,
                Light::Green,
            ),
        ];
        for (l, rate, blue, want) in cases {
            for e in [dec!(1), dec!(0.46), dec!(0.1533333333333333333333333333)] {
                let a = rate * e;
                let want = match want {
                    // Not exactly the rate against a rounded expected value.
                    _ if a / e != rate => Light::for_ratio(percent(a, e), &l, blue),
                    w => w,
                };
                let q = Quotient::new(e, &l, blue).unwrap();
                assert_eq!(q.light(a), want, "{a} {e} {l:?}");
                assert_eq!(Light::for_quotient(a, e, &l, blue), want, "{a} {e} {l:?}");
            }
            let q = Quotient::new(dec!(1), &l, blue).unwrap();
            assert_eq!(q.light(rate), want, "{rate} {l:?}");
        }
    }

    proptest! {
        /// Whatever the figures and thresholds: the quotient worked out once gives
        /// [`Light::for_quotient`]'s light, and that is the quotient's.
        #[test]
        fn a_quotient_is_the_one_rule_for_any_figures(
            a in decimal(true),
            e in expected(),
            l in lights(),
            blue in any::<bool>(),
        ) {
            let q = Quotient::new(e, &l, blue).unwrap();
            let want = of_quotient(a, e, &l, blue);
            prop_assert_eq!(Light::for_quotient(a, e, &l, blue), want, "{} ÷ {} {:?}", a, e, l);
            prop_assert_eq!(q.light(a), want, "{} ÷ {} {:?}", a, e, l);
        }

        /// An indicator's light and a line's execution light judged with the
        /// quotient worked out once: the light without it, above the budget
        /// (rates just above one, of any scale) as well.
        #[test]
        fn judged_with_a_quotient_is_judged_without(
            a in prop_oneof![
                decimal(true),
                (0i128..(1i128 << 90), 0u32..29).prop_map(|(m, s)| {
                    // One, and a hair above or below it, at scale s.
                    let one = 10i128.pow(s);
                    Decimal::from_i128_with_scale(one + m % 5 - 2, s)
                }),
            ],
            e in expected(),
            l in lights(),
            execution in any::<bool>(),
        ) {
            let q = Quotient::new(e, &l, !execution).unwrap();
            let judge = Judge::Ratio { execution, expected: Some(e) };
            let v = Value::Number(a);
            let want = judge.light(&l, Some(&v), None);
            prop_assert_eq!(judge.light(&l, Some(&v), Some(&q)), want, "{} ÷ {} {:?}", a, e, l);
            // Above the budget: red, before any ratio.
            if execution && a > Decimal::ONE {
                prop_assert_eq!(want, (Light::Red, None));
            }
            if execution {
                let model = Model::new(
                    Default::default(),
                    crate::settings::Settings { lights: l.clone(), ..Default::default() },
                    Default::default(),
                    Vec::<Indicator>::new(),
                );
                let actuals = Actuals::default();
                let inputs = Inputs { model: &model, actuals: &actuals, plan: None };
                let want = inputs.execution_light(Some(a), e);
                prop_assert_eq!(inputs.execution_light_with(Some(a), e, Some(&q)), want);
                let by_rule = match a > Decimal::ONE {
                    true => Light::Red,
                    false => Light::for_quotient(a, e, &l, false),
                };
                prop_assert_eq!(want, by_rule);
            }
        }

        /// At every point where a light may turn, for any thresholds and expected
        /// value: the same.
        #[test]
        fn a_quotient_at_its_turning_points_is_the_one_rule(
            e in expected(),
            l in lights(),
            off in -4i128..5,
            blue in any::<bool>(),
        ) {
            let q = Quotient::new(e, &l, blue).unwrap();
            for a in turning_points(&q, e, &l, off) {
                for a in [a, -a] {
                    let want = of_quotient(a, e, &l, blue);
                    prop_assert_eq!(Light::for_quotient(a, e, &l, blue), want, "{} ÷ {} {:?}", a, e, l);
                    prop_assert_eq!(q.light(a), want, "{} ÷ {} {:?}", a, e, l);
                }
            }
        }
    }
}
