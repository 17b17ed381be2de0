//! The two evaluations a unit writes about itself (DOMAIN.md §2), decided here and
//! only presented by the report crate:
//!
//! * **mid-year monitoring** (绩效运行监控): as of the monitoring month (June by
//!   default; some provinces monitor January–July or –August), every indicator
//!   against its target with the deviation, light, full-year forecast, 完成目标可能性,
//!   偏差原因 and 改进措施. Up to June the comparison is with the 半年指标值 and the
//!   actual to date; after June with the 全年指标值 and the 全年预计完成值 (the
//!   half-year target was met or missed in June);
//! * **year-end self-evaluation** (绩效自评): every indicator against its full-year
//!   target, scored, with block subtotals, the total and the grade; before December
//!   the scores are provisional.
//!
//! [`Inputs::evaluate_period`] does all of it: scoring, manual adjustments (refused
//! ones come back as [`Check`]s), explanations, likelihoods, what is still to fill.

use rust_decimal::Decimal;

use crate::check::Check;
use crate::indicator::Indicator;
use crate::period::{Month, Period};
use crate::progress::{IndicatorStatus, Inputs, Progress};
use crate::scoring::{
    apply_adjustments, over_achievement, score_indicator, suggest_likelihood, Adjustment,
    Explanation, Likelihood, RowScore, Scorecard,
};
use crate::settings::GradeBands;
use crate::target::Direction;
use crate::value::Value;

/// Which evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// 绩效运行监控 (mid-year monitoring).
    Midyear,
    /// 绩效自评 (year-end self-evaluation).
    Yearend,
}

impl Kind {
    /// The file stem and JSON code: `midyear`, `yearend`.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Midyear => "midyear",
            Kind::Yearend => "yearend",
        }
    }

    /// The period whose targets the evaluation is about.
    pub fn period(self) -> Period {
        match self {
            Kind::Midyear => Period::H1,
            Kind::Yearend => Period::FullYear,
        }
    }

    /// Whether the evaluation is graded (优/良/中/差). Monitoring is not a score (no
    /// template grades it, DOMAIN.md §2): its score is a reference, never a grade.
    pub fn is_graded(self) -> bool {
        self == Kind::Yearend
    }

    /// The one month a written 实际完成情况 (summary.toml) applies to: the monitoring
    /// month it was written for (`midyear_month`, June by default) for the monitoring,
    /// December for the self-evaluation. In any other month its figures would be
    /// those of another period, so the form shows 【待填写】 instead.
    pub fn narrative_month(self, midyear_month: Option<u8>) -> u8 {
        match self {
            Kind::Midyear => midyear_month.unwrap_or(6),
            Kind::Yearend => 12,
        }
    }

    /// The month that closes the period: June for the half year, December for the
    /// year. Manual scores of a period are checked as of this month.
    pub fn closing_month(self) -> u8 {
        match self {
            Kind::Midyear => 6,
            Kind::Yearend => 12,
        }
    }
}

/// What a row is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The actual to date against the period's own target (monitoring up to June,
    /// the year-end self-evaluation).
    ActualToDate,
    /// The full-year forecast against the full-year target (monitoring after June).
    ForecastToYearEnd,
}

/// One indicator in an evaluation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvalRow {
    pub indicator: Indicator,
    pub status: IndicatorStatus,
    pub score: RowScore,
    /// The value compared with the target (the actual to date, or after June in
    /// monitoring the full-year forecast).
    pub compared: Option<Value>,
    /// compared − target, in the value's terms (a fraction for rates).
    pub deviation: Option<Decimal>,
    /// (compared − target) ÷ target.
    pub deviation_rate: Option<Decimal>,
    pub explanation: Option<Explanation>,
    /// The explanation's likelihood, else the one suggested (monitoring only).
    pub likelihood: Option<Likelihood>,
    pub likelihood_suggested: bool,
    /// A written 确定能 that the full-year forecast printed in the same row
    /// contradicts (it misses the full-year target, DOMAIN.md §2): shown as such in
    /// the forms and listed to fill.
    pub likelihood_contradicted: bool,
    /// 偏差原因 and 改进措施 still to fill: below target or off an `=` target
    /// (偏离目标), or (monitoring) 有可能 / 不可能, without an explanation; or a
    /// written 确定能 the forecast contradicts (to be rewritten).
    pub to_fill: bool,
}

/// A mid-year or year-end evaluation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub kind: Kind,
    pub as_of: Month,
    /// The targets compared with: the half year for monitoring up to June, else the
    /// full year.
    pub period: Period,
    pub basis: Basis,
    /// Year-end scores before December, or on incomplete actuals, are provisional
    /// (预评估).
    pub provisional: bool,
    /// What is missing from the actuals up to as-of, judged against the targets of
    /// [`Evaluation::period`].
    pub completeness: crate::completeness::Completeness,
    pub progress: Progress,
    pub rows: Vec<EvalRow>,
    pub scorecard: Scorecard,
    /// The grade bands scored with.
    pub bands: GradeBands,
    /// Written explanations that contradict the figures (a 确定能 whose full-year
    /// forecast misses the full-year target), as warnings on the indicator.
    pub warnings: Vec<Check>,
}

impl Evaluation {
    /// Rows whose 偏差原因 and 改进措施 are still to fill.
    pub fn to_fill(&self) -> impl Iterator<Item = &EvalRow> {
        self.rows.iter().filter(|r| r.to_fill)
    }

    /// Rows above the over-achievement threshold: the target should be reviewed.
    pub fn to_review(&self) -> impl Iterator<Item = &EvalRow> {
        self.rows.iter().filter(|r| r.score.review)
    }

    /// The row of the total 预算执行率 indicator, if the unit has one.
    pub fn execution_row(&self) -> Option<&EvalRow> {
        self.rows.iter().find(|r| {
            matches!(
                r.indicator.measure,
                crate::indicator::Measure::Execution { line: None }
            )
        })
    }
}

impl Inputs<'_> {
    /// The evaluation of `kind` as of a month, with the unit's manual scores and
    /// explanations. Refused manual scores come back as errors (subject: the id).
    pub fn evaluate_period(
        &self,
        kind: Kind,
        as_of: Month,
        adjustments: &[Adjustment],
        explanations: &[Explanation],
    ) -> Result<Evaluation, Vec<Check>> {
        let model = self.model;
        let progress = self.evaluate(as_of);
        let after_june = kind == Kind::Midyear && as_of.number() > Kind::Midyear.closing_month();
        let (period, basis) = if after_june {
            (Period::FullYear, Basis::ForecastToYearEnd)
        } else {
            (kind.period(), Basis::ActualToDate)
        };
        let completeness =
            crate::completeness::Completeness::of(model, self.actuals, as_of, period);
        let settings = &model.settings.scoring;
        let compared: Vec<Option<Value>> = progress
            .indicators
            .iter()
            .map(|s| match basis {
                Basis::ActualToDate => s.actual.clone(),
                Basis::ForecastToYearEnd => s.forecast.clone().or_else(|| s.actual.clone()),
            })
            .collect();
        let mut scores: Vec<RowScore> = model
            .indicators
            .iter()
            .zip(&compared)
            .map(|(i, c)| score_indicator(i, period, c.as_ref(), settings))
            .collect();
        // The over-achievement review is about an actual (DOMAIN.md §3): after June
        // the actual to date against the target in force (the full year), not the
        // forecast scored beside it.
        if basis == Basis::ForecastToYearEnd {
            for ((score, ind), (status, c)) in scores
                .iter_mut()
                .zip(&model.indicators)
                .zip(progress.indicators.iter().zip(&compared))
            {
                let target = ind.target(period);
                if let Some(by_forecast) = c
                    .as_ref()
                    .and_then(|c| over_achievement(target, c, settings))
                {
                    score.notes.retain(|n| *n != by_forecast);
                }
                let by_actual = status
                    .actual
                    .as_ref()
                    .and_then(|a| over_achievement(target, a, settings));
                score.review = by_actual.is_some();
                score.notes.extend(by_actual);
            }
        }
        // Manual scores are about the period's own result (June's, December's); a
        // forecast after June is not scored by hand.
        if basis == Basis::ActualToDate {
            let errors = apply_adjustments(&mut scores, adjustments, period);
            if !errors.is_empty() {
                return Err(errors);
            }
        }
        let scorecard = Scorecard::build(scores, settings);
        let mut warnings = Vec::new();
        let rows = model
            .indicators
            .iter()
            .zip(&progress.indicators)
            .zip(compared)
            .zip(&scorecard.rows)
            .map(|(((ind, status), compared), score)| {
                let t = ind.target(period);
                let (deviation, deviation_rate) =
                    match (t.threshold(), compared.as_ref().and_then(Value::number)) {
                        (Some(t), Some(a)) => (Some(a - t), (a - t).checked_div(t)),
                        _ => (None, None),
                    };
                // The explanation written for the period actually compared: the
                // full year after June (DOMAIN §2), the half year up to June.
                let explanation = explanations
                    .iter()
                    .find(|e| e.id == ind.id && e.period == period)
                    .cloned();
                let suggested = match kind {
                    Kind::Midyear => suggestion(ind, status, as_of),
                    Kind::Yearend => None,
                };
                let likelihood = explanation.as_ref().map(|e| e.likelihood).or(suggested);
                let contradicted = match (kind, &explanation, &status.forecast) {
                    (Kind::Midyear, Some(e), Some(f)) => {
                        e.likelihood == Likelihood::Certain
                            && suggest_likelihood(&ind.fy, f, false)
                                .is_some_and(|l| l != Likelihood::Certain)
                    }
                    _ => false,
                };
                if contradicted {
                    warnings.push(Check::warning(
                        Some(ind.id.0.as_str()),
                        crate::msg::indicator::evaluation::certain_contradicted(
                            &ind.id, &ind.name, &ind.fy,
                        ),
                        crate::msg::indicator::evaluation::certain_contradicted_help(),
                    ));
                }
                // Below target or off an `=` target (偏离目标): scoring's `to_fill`
                // rule; the explanation is looked up for this evaluation's period.
                let below = !crate::scoring::to_fill(std::slice::from_ref(score), &[]).is_empty();
                let doubtful = kind == Kind::Midyear
                    && matches!(
                        likelihood,
                        Some(Likelihood::Possible | Likelihood::Impossible)
                    );
                EvalRow {
                    indicator: ind.clone(),
                    status: status.clone(),
                    score: score.clone(),
                    compared,
                    deviation,
                    deviation_rate,
                    likelihood,
                    likelihood_suggested: explanation.is_none() && suggested.is_some(),
                    likelihood_contradicted: contradicted,
                    to_fill: (below || doubtful) && explanation.is_none() || contradicted,
                    explanation,
                }
            })
            .collect();
        Ok(Evaluation {
            kind,
            as_of,
            period,
            basis,
            provisional: kind == Kind::Yearend
                && !(as_of.is_year_end() && completeness.is_complete()),
            completeness,
            progress,
            rows,
            scorecard,
            bands: settings.grades.clone(),
            warnings,
        })
    }

    /// Score each period that has manual scores as of its closing month (June for
    /// the half year, December for the year), so that `check` refuses bad ones
    /// before a report does. The error carries the period and the refusals.
    pub fn check_adjustments(
        &self,
        adjustments: &[Adjustment],
        explanations: &[Explanation],
    ) -> Result<(), (Period, Vec<Check>)> {
        for kind in [Kind::Midyear, Kind::Yearend] {
            if !adjustments.iter().any(|a| a.period == kind.period()) {
                continue;
            }
            let Some(as_of) = Month::new(self.model.unit.year, kind.closing_month()) else {
                continue;
            };
            self.evaluate_period(kind, as_of, adjustments, explanations)
                .map_err(|e| (kind.period(), e))?;
        }
        Ok(())
    }
}

/// Whether the full-year target can no longer be reached, whatever the months left
/// bring: in December (no month left), or a count (a sum of monthly counts, which
/// only grows) already over a `≤` / `<` target. A level or a grade may still move
/// until December.
fn settled(ind: &Indicator, status: &IndicatorStatus, as_of: Month) -> bool {
    if as_of.is_year_end() {
        return true;
    }
    match (
        &ind.measure,
        &status.actual,
        ind.fy.threshold(),
        ind.fy.comparator(),
    ) {
        (crate::indicator::Measure::Sum, Some(Value::Number(a)), Some(t), Some(cmp)) => {
            ind.fy.direction() == Some(Direction::LowerIsBetter) && !cmp.is_met(*a, t)
        }
        _ => false,
    }
}

/// The likelihood of meeting the full-year target, suggested from the full-year
/// forecast printed in the same row (the actual when there is no forecast), by
/// [`suggest_likelihood`]: 确定能 when it meets the target, 不可能 only when the
/// target can no longer be reached ([`settled`]), otherwise 有可能.
fn suggestion(ind: &Indicator, status: &IndicatorStatus, as_of: Month) -> Option<Likelihood> {
    let value = status.forecast.as_ref().or(status.actual.as_ref())?;
    suggest_likelihood(&ind.fy, value, settled(ind, status, as_of))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicator::{IndicatorId, Level1, Measure};
    use crate::progress::Light;
    use rust_decimal_macros::dec;

    fn count(h1: &str, fy: &str) -> Indicator {
        Indicator {
            id: IndicatorId("DUT-01".into()),
            level1: Level1::Duty,
            level2: "国际合作".into(),
            key_work: None,
            name: "出访团组个数".into(),
            h1: h1.parse().unwrap(),
            fy: fy.parse().unwrap(),
            weight: dec!(4.45),
            measure: Measure::Sum,
            rule: None,
        }
    }

    fn status(actual: Decimal, expected: Decimal, forecast: Decimal) -> IndicatorStatus {
        IndicatorStatus {
            actual: Some(Value::Number(actual)),
            expected: Some(expected),
            ratio: None,
            light: Light::Green,
            forecast: Some(Value::Number(forecast)),
            pace_needed: None,
            h1_verdict: None,
            fy_verdict: None,
            last_reported: None,
            stale: false,
            notes: Vec::new(),
        }
    }

    fn month(m: u8) -> Month {
        Month::new(2026, m).unwrap()
    }

    /// Issue 10, point 5: a printed forecast of 2 against ≥3个 is never 确定能.
    /// Review point 3: short of the target with months to go is 有可能, however far
    /// behind (出访团组个数 1 of ≥3 at July was met by December), never 不可能.
    #[test]
    fn a_forecast_short_of_the_target_is_possible_until_settled() {
        let ind = count("≥1个", "≥3个");
        assert_eq!(
            suggestion(&ind, &status(dec!(1), dec!(1), dec!(2)), month(6)),
            Some(Likelihood::Possible)
        );
        // A forecast that meets the target is 确定能.
        assert_eq!(
            suggestion(&ind, &status(dec!(2), dec!(1), dec!(4)), month(6)),
            Some(Likelihood::Certain)
        );
        // Far behind its path and its forecast, in July: still 有可能 (was 不可能).
        assert_eq!(
            suggestion(&ind, &status(dec!(1), dec!(1.75), dec!(1.71)), month(7)),
            Some(Likelihood::Possible)
        );
        assert_eq!(
            suggestion(&ind, &status(dec!(0), dec!(2), dec!(0)), month(11)),
            Some(Likelihood::Possible)
        );
        // December: no month left, 不可能.
        assert_eq!(
            suggestion(&ind, &status(dec!(2), dec!(3), dec!(2)), month(12)),
            Some(Likelihood::Impossible)
        );
        // A count already over a `≤` target cannot come back: 不可能 in July.
        let cap = Indicator {
            fy: "≤2次".parse().unwrap(),
            ..count("≤1次", "≤2次")
        };
        assert_eq!(
            suggestion(&cap, &status(dec!(3), dec!(1), dec!(5)), month(7)),
            Some(Likelihood::Impossible)
        );
        assert_eq!(
            suggestion(&cap, &status(dec!(2), dec!(1), dec!(3)), month(7)),
            Some(Likelihood::Possible)
        );
    }

    /// Review point 5: a narrative applies to the month it was written for only.
    #[test]
    fn narratives_apply_to_their_own_month() {
        assert_eq!(Kind::Midyear.narrative_month(None), 6);
        assert_eq!(Kind::Midyear.narrative_month(Some(7)), 7);
        assert_eq!(Kind::Yearend.narrative_month(None), 12);
        assert_eq!(Kind::Yearend.narrative_month(Some(7)), 12);
    }

    #[test]
    fn only_the_self_evaluation_is_graded() {
        assert!(Kind::Yearend.is_graded());
        assert!(!Kind::Midyear.is_graded());
    }

    #[test]
    fn closing_months_are_june_and_december() {
        assert_eq!(Kind::Midyear.closing_month(), 6);
        assert_eq!(Kind::Yearend.closing_month(), 12);
        assert_eq!(Kind::Midyear.period(), Period::H1);
        assert_eq!(Kind::Yearend.period(), Period::FullYear);
    }
}
