//! Known answers for the rule-bearing core modules that cargo-mutants found untested
//! from within core (crosscheck, completeness, evaluation, rule, budget, settings,
//! target): each test fixes one rule's figures, so that a changed comparison, a
//! dropped branch or a constant answer fails here (see crates/core/MUTANTS.md).

use attain_core::actuals::{Actuals, Entry, Item, MonthlyPlan};
use attain_core::crosscheck::cross_checks;
use attain_core::{
    Budget, BudgetLine, Decimal, Indicator, IndicatorId, Level1, Measure, Model, Month, Settings,
    Target, UnitInfo, Value,
};
use rust_decimal_macros::dec;

fn m(n: u8) -> Month {
    Month::new(2026, n).unwrap()
}

fn target(t: &str) -> Target {
    Target::parse(t).unwrap().target
}

fn ind(id: &str, name: &str, fy: &str, measure: Measure) -> Indicator {
    Indicator {
        id: IndicatorId(id.into()),
        level1: Level1::from_label("产出").unwrap(),
        level2: "数量指标".into(),
        key_work: None,
        name: name.into(),
        h1: target(fy),
        fy: target(fy),
        weight: dec!(10),
        measure,
        rule: None,
    }
}

fn line(name: &str, parent: Option<&str>, h1_plan: Decimal, budget: Decimal) -> BudgetLine {
    BudgetLine {
        name: name.into(),
        parent: parent.map(Into::into),
        h1_plan,
        budget,
    }
}

/// Two leaves A (plan 60 of 100) and B (30 of 60) under 项目支出 (90 of 160).
fn model(indicators: Vec<Indicator>) -> Model {
    Model {
        unit: UnitInfo {
            name: "测试单位".into(),
            year: 2026,
            functions: Vec::new(),
            staffing: String::new(),
            long_term_goal: String::new(),
            annual_goal: String::new(),
            supervisor: String::new(),
        },
        settings: Settings::default(),
        budget: Budget {
            lines: vec![
                line("项目支出", None, dec!(90), dec!(160)),
                line("A", Some("项目支出"), dec!(60), dec!(100)),
                line("B", Some("项目支出"), dec!(30), dec!(60)),
            ],
            income_total: None,
            income: Vec::new(),
            lookup: Default::default(),
        },
        indicators: indicators.into(),
        lookup: Default::default(),
    }
}

fn actuals(rows: &[(u8, &str, Decimal)]) -> Actuals {
    let mut a = Actuals::default();
    for (n, item, v) in rows {
        let item = if item.contains('-') {
            Item::Indicator((*item).into())
        } else {
            Item::Line((*item).into())
        };
        a.insert(Entry {
            month: m(*n),
            item,
            value: Value::Number(*v),
            note: String::new(),
            source: Default::default(),
        })
        .unwrap();
    }
    a
}

/// (id, month, reported, derived) of every cross-check warning.
fn found(
    model: &Model,
    a: &Actuals,
    plan: Option<&MonthlyPlan>,
) -> Vec<(String, u8, Decimal, Decimal)> {
    cross_checks(model, a, plan)
        .into_iter()
        .map(|c| {
            assert_eq!(c.check.subject.as_deref(), Some(c.id.0.as_str()));
            (c.id.0, c.month.number(), c.reported, c.derived)
        })
        .collect()
}

#[test]
fn carry_over_is_derived_from_the_ledger_at_year_end_only() {
    let model = model(vec![ind("EFF-01", "结转结余率", "≤5%", Measure::Latest)]);
    // Spent to December: A 100 + B 44 = 144 of 160, so 16 ÷ 160 = 10 % is left.
    let a = actuals(&[
        (6, "A", dec!(50)),
        (12, "A", dec!(50)),
        (12, "B", dec!(44)),
        (6, "EFF-01", dec!(0.02)),
        (12, "EFF-01", dec!(0.02)),
    ]);
    assert_eq!(
        found(&model, &a, None),
        vec![("EFF-01".into(), 12, dec!(0.02), dec!(0.1))]
    );
    // Reported as derived (within the tolerance of 0.5 points): nothing.
    let a = actuals(&[
        (12, "A", dec!(100)),
        (12, "B", dec!(44)),
        (12, "EFF-01", dec!(0.104)),
    ]);
    assert!(found(&model, &a, None).is_empty());
    // A computed 预算执行率 (measure execution) is never cross-checked.
    let model2 = self::model(vec![ind(
        "EFF-02",
        "预算执行率",
        "≥95%",
        Measure::Execution { line: None },
    )]);
    let a = actuals(&[(6, "A", dec!(50)), (6, "EFF-02", dec!(0.9))]);
    assert!(found(&model2, &a, None).is_empty());
}

#[test]
fn a_reported_execution_rate_is_spending_to_date_over_the_budget() {
    let model = model(vec![ind(
        "EFF-02",
        "预算执行率（报告）",
        "≥95%",
        Measure::Latest,
    )]);
    // To June: A 50 + B 30 = 80 of 160 = 50 %.
    let a = actuals(&[
        (3, "A", dec!(20)),
        (6, "A", dec!(30)),
        (6, "B", dec!(30)),
        (3, "EFF-02", dec!(0.125)),
        (6, "EFF-02", dec!(0.4)),
    ]);
    // March: 20 ÷ 160 = 12.5 %, as reported.
    assert_eq!(
        found(&model, &a, None),
        vec![("EFF-02".into(), 6, dec!(0.4), dec!(0.5))]
    );
    // A count named like it is not a rate: not checked.
    let count = self::model(vec![ind("EFF-03", "预算执行率次数", "≥3次", Measure::Sum)]);
    let a = actuals(&[(6, "A", dec!(30)), (6, "EFF-03", dec!(1))]);
    assert!(found(&count, &a, None).is_empty());
    // An unrelated rate: not checked.
    let other = self::model(vec![ind("EFF-04", "设备完好率", "≥95%", Measure::Latest)]);
    let a = actuals(&[(6, "A", dec!(30)), (6, "EFF-04", dec!(0.1))]);
    assert!(found(&other, &a, None).is_empty());
}

#[test]
fn payment_progress_without_a_plan_is_checked_in_june_and_december() {
    let model = model(vec![ind(
        "EFF-05",
        "支付进度符合率",
        "≥90%",
        Measure::Latest,
    )]);
    let a = actuals(&[
        (3, "A", dec!(45)),
        (3, "EFF-05", dec!(0.2)),
        (6, "EFF-05", dec!(0.2)),
        (12, "B", dec!(35)),
        (12, "EFF-05", dec!(0.2)),
    ]);
    // March: no plan to compare with. June: 45 ÷ 90 (the half-year plan). December:
    // 80 ÷ 160 (the budget).
    assert_eq!(
        found(&model, &a, None),
        vec![
            ("EFF-05".into(), 6, dec!(0.2), dec!(0.5)),
            ("EFF-05".into(), 12, dec!(0.2), dec!(0.5)),
        ]
    );
}

#[test]
fn payment_progress_with_a_plan_of_every_leaf_is_checked_every_month() {
    let model = model(vec![ind(
        "EFF-05",
        "支付进度符合率",
        "≥90%",
        Measure::Latest,
    )]);
    let mut plan = MonthlyPlan::default();
    for n in 1..=3 {
        plan.amounts.insert(("A".into(), m(n)), dec!(10));
        plan.amounts.insert(("B".into(), m(n)), dec!(5));
    }
    // To March: 30 spent of 45 planned.
    let a = actuals(&[(3, "A", dec!(30)), (3, "EFF-05", dec!(0.5))]);
    let f = found(&model, &a, Some(&plan));
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].3.round_dp(6), dec!(0.666667));
    // A plan that leaves out a leaf (B) is not used: in March nothing is compared.
    let mut partial = MonthlyPlan::default();
    for n in 1..=3 {
        partial.amounts.insert(("A".into(), m(n)), dec!(10));
    }
    assert!(found(&model, &a, Some(&partial)).is_empty());
    // In June a partial plan falls back to the half-year plan: 30 ÷ 90.
    let a = actuals(&[(3, "A", dec!(30)), (6, "EFF-05", dec!(0.5))]);
    let f = found(&model, &a, Some(&partial));
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].3.round_dp(6), dec!(0.333333));
}

#[test]
fn payment_progress_against_nothing_planned_is_not_checked() {
    let model = model(vec![ind(
        "EFF-05",
        "支付进度符合率",
        "≥90%",
        Measure::Latest,
    )]);
    let mut plan = MonthlyPlan::default();
    for n in 1..=3 {
        plan.amounts.insert(("A".into(), m(n)), dec!(0));
        plan.amounts.insert(("B".into(), m(n)), dec!(0));
    }
    let a = actuals(&[(3, "A", dec!(30)), (3, "EFF-05", dec!(0.5))]);
    assert!(found(&model, &a, Some(&plan)).is_empty());
    // A budget of zero: nothing is derived at all.
    let mut zero = model.clone();
    for l in &mut zero.budget.lines {
        l.budget = dec!(0);
        l.h1_plan = dec!(0);
    }
    let a = actuals(&[(6, "A", dec!(30)), (6, "EFF-05", dec!(0.5))]);
    assert!(found(&zero, &a, None).is_empty());
    assert_eq!(found(&model, &a, None).len(), 1);
}

#[test]
fn an_evaluation_lists_the_rows_to_fill_and_to_review() {
    use attain_core::evaluation::Kind;
    use attain_core::progress::Inputs;
    assert_eq!(Kind::Midyear.code(), "midyear");
    assert_eq!(Kind::Yearend.code(), "yearend");
    let model = model(vec![
        ind("OUT-01", "培训次数", "≥10次", Measure::Sum),
        ind("OUT-02", "检查次数", "≥10次", Measure::Sum),
        ind("OUT-03", "会议次数", "≥10次", Measure::Sum),
        ind(
            "EFF-01",
            "预算执行率",
            "≥100%",
            Measure::Execution { line: None },
        ),
    ]);
    // OUT-01 missed (2 of 10), OUT-02 far above its target (40 of 10), OUT-03 met.
    let a = actuals(&[
        (12, "A", dec!(100)),
        (12, "B", dec!(60)),
        (12, "OUT-01", dec!(2)),
        (12, "OUT-02", dec!(40)),
        (12, "OUT-03", dec!(10)),
    ]);
    let e = Inputs {
        model: &model,
        actuals: &a,
        plan: None,
    }
    .evaluate_period(Kind::Yearend, m(12), &[], &[])
    .unwrap();
    let ids = |rows: Vec<&attain_core::evaluation::EvalRow>| -> Vec<String> {
        rows.iter().map(|r| r.indicator.id.0.clone()).collect()
    };
    assert_eq!(ids(e.to_fill().collect()), vec!["OUT-01"]);
    assert_eq!(ids(e.to_review().collect()), vec!["OUT-02"]);
    assert_eq!(ids(e.execution_row().into_iter().collect()), vec!["EFF-01"]);
}

fn ind2(id: &str, name: &str, h1: &str, fy: &str, measure: Measure) -> Indicator {
    Indicator {
        h1: target(h1),
        ..ind(id, name, fy, measure)
    }
}

fn explanation(
    id: &str,
    period: attain_core::Period,
    likelihood: attain_core::scoring::Likelihood,
) -> attain_core::scoring::Explanation {
    attain_core::scoring::Explanation {
        id: IndicatorId(id.into()),
        period,
        cause: attain_core::scoring::Cause::Staffing,
        likelihood,
        measures: "加派人手".into(),
    }
}

/// Counts of 5 by June (OUT-04: 2) and 10 for the year: OUT-01 4 by June and 8 by
/// August; OUT-02 7 by June (140 % of the half year) and 9 by August; OUT-03 4 by
/// August; OUT-04 3 by June, met for the half year but on course to miss the year.
fn midyear_case() -> (Model, Actuals) {
    let model = model(vec![
        ind2("OUT-01", "培训次数", "≥5次", "≥10次", Measure::Sum),
        ind2("OUT-02", "检查次数", "≥5次", "≥10次", Measure::Sum),
        ind2("OUT-03", "会议次数", "≥5次", "≥10次", Measure::Sum),
        ind2("OUT-04", "走访次数", "≥2次", "≥10次", Measure::Sum),
    ]);
    let a = actuals(&[
        (6, "OUT-04", dec!(3)),
        (1, "OUT-01", dec!(1)),
        (3, "OUT-01", dec!(1)),
        (6, "OUT-01", dec!(2)),
        (8, "OUT-01", dec!(4)),
        (6, "OUT-02", dec!(7)),
        (8, "OUT-02", dec!(2)),
        (2, "OUT-03", dec!(4)),
    ]);
    (model, a)
}

fn eval(
    model: &Model,
    a: &Actuals,
    kind: attain_core::evaluation::Kind,
    as_of: u8,
    adjustments: &[attain_core::scoring::Adjustment],
    explanations: &[attain_core::scoring::Explanation],
) -> Result<attain_core::evaluation::Evaluation, Vec<attain_core::Check>> {
    attain_core::progress::Inputs {
        model,
        actuals: a,
        plan: None,
    }
    .evaluate_period(kind, m(as_of), adjustments, explanations)
}

#[test]
fn monitoring_in_june_compares_the_actual_with_the_half_year_target() {
    use attain_core::evaluation::{Basis, Kind};
    let (model, a) = midyear_case();
    let e = eval(&model, &a, Kind::Midyear, 6, &[], &[]).unwrap();
    assert_eq!(e.period, attain_core::Period::H1);
    assert_eq!(e.basis, Basis::ActualToDate);
    let r = &e.rows[0];
    assert_eq!(r.compared, Some(Value::Number(dec!(4))));
    assert_eq!(r.deviation, Some(dec!(-1)));
    assert_eq!(r.deviation_rate, Some(dec!(-0.2)));
    assert!(r.to_fill);
    // 140 % of the half-year target: to review, and nothing to fill.
    assert!(e.rows[1].score.review);
    assert!(!e.rows[1].to_fill);
    assert_eq!(e.rows[1].deviation, Some(dec!(2)));
    assert_eq!(e.rows[1].deviation_rate, Some(dec!(0.4)));
    // OUT-04 met its half year, but the year is in doubt (suggested, not written):
    // to fill all the same.
    let r = &e.rows[3];
    assert_eq!(r.deviation, Some(dec!(1)));
    assert!(r.likelihood_suggested);
    assert_ne!(
        r.likelihood,
        Some(attain_core::scoring::Likelihood::Certain)
    );
    assert!(r.likelihood.is_some());
    assert!(r.to_fill);
    // The same without doubt in the year-end evaluation: met, nothing to fill.
    let y = eval(&model, &a, Kind::Yearend, 6, &[], &[]).unwrap();
    assert!(!y.rows[3].likelihood_suggested);
    assert_eq!(y.rows[3].likelihood, None);
    // With an explanation written for the half year, a row below target is done.
    let written = [explanation(
        "OUT-01",
        attain_core::Period::H1,
        attain_core::scoring::Likelihood::Possible,
    )];
    let e = eval(&model, &a, Kind::Midyear, 6, &[], &written).unwrap();
    assert!(!e.rows[0].to_fill);
    assert!(!e.rows[0].likelihood_suggested);
    assert_eq!(
        e.rows[0].likelihood,
        Some(attain_core::scoring::Likelihood::Possible)
    );
    assert!(e.rows[3].to_fill);
}

#[test]
fn monitoring_after_june_compares_the_forecast_with_the_full_year_target() {
    use attain_core::evaluation::{Basis, Kind};
    use attain_core::scoring::Likelihood;
    use attain_core::Period;
    let (model, a) = midyear_case();
    let explanations = [
        explanation("OUT-01", Period::H1, Likelihood::Possible),
        explanation("OUT-03", Period::FullYear, Likelihood::Certain),
    ];
    for as_of in [7, 8] {
        let e = eval(&model, &a, Kind::Midyear, as_of, &[], &explanations).unwrap();
        assert_eq!(e.period, Period::FullYear, "as of {as_of}");
        assert_eq!(e.basis, Basis::ForecastToYearEnd);
    }
    let e = eval(&model, &a, Kind::Midyear, 8, &[], &explanations).unwrap();
    for r in &e.rows {
        assert_eq!(r.compared, r.status.forecast, "{}", r.indicator.id);
        assert_ne!(r.compared, r.status.actual, "{}", r.indicator.id);
    }
    let fc = |i: usize| {
        e.rows[i]
            .status
            .forecast
            .as_ref()
            .and_then(Value::number)
            .unwrap()
    };
    assert_eq!(e.rows[0].deviation, Some(fc(0) - dec!(10)));
    // OUT-02's forecast is above 120 % of the year's 10, its actual (9) is not: no
    // review (the review is about the actual).
    assert!(fc(1) * dec!(100) > dec!(1200), "{}", fc(1));
    assert!(!e.rows[1].score.review);
    assert!(e.rows[1]
        .score
        .notes
        .iter()
        .all(|n| !n.en().contains("above 120%")));
    // OUT-01's explanation is for the half year: not the one for this comparison.
    assert_eq!(e.rows[0].explanation, None);
    // OUT-03 is written as certain, but its forecast misses 10: contradicted, to
    // fill again, and a warning on it.
    assert!(fc(2) < dec!(10));
    let r = &e.rows[2];
    assert!(r.explanation.is_some());
    assert!(r.likelihood_contradicted);
    assert!(r.to_fill);
    assert_eq!(e.warnings.len(), 1);
    assert_eq!(e.warnings[0].subject.as_deref(), Some("OUT-03"));
    // The year-end evaluation as of August compares the actual to date.
    let y = eval(&model, &a, Kind::Yearend, 8, &[], &[]).unwrap();
    assert_eq!(y.basis, Basis::ActualToDate);
    assert_eq!(y.rows[0].compared, Some(Value::Number(dec!(8))));
    assert!(y.warnings.is_empty());
    assert!(!y.rows[2].likelihood_contradicted);
}

#[test]
fn manual_scores_apply_to_the_actual_compared_not_to_a_forecast() {
    use attain_core::evaluation::Kind;
    use attain_core::scoring::Adjustment;
    use attain_core::Period;
    let (model, a) = midyear_case();
    let adj = |score: Decimal, period| Adjustment {
        id: IndicatorId("OUT-01".into()),
        period,
        score,
        reason: "专家评议".into(),
    };
    // A valid manual score in June replaces the row's score.
    let e = eval(
        &model,
        &a,
        Kind::Midyear,
        6,
        &[adj(dec!(7), Period::H1)],
        &[],
    )
    .unwrap();
    assert_eq!(e.rows[0].score.score, dec!(7));
    // One above the weight is refused.
    let err = eval(
        &model,
        &a,
        Kind::Midyear,
        6,
        &[adj(dec!(12), Period::H1)],
        &[],
    )
    .unwrap_err();
    assert_eq!(err.len(), 1);
    assert_eq!(err[0].subject.as_deref(), Some("OUT-01"));
    // After June the forecast is not scored by hand: a full-year manual score is
    // not applied (nor refused).
    let e = eval(
        &model,
        &a,
        Kind::Midyear,
        8,
        &[adj(dec!(12), Period::FullYear)],
        &[],
    )
    .unwrap();
    assert_ne!(e.rows[0].score.score, dec!(12));
}

#[test]
fn a_year_end_evaluation_is_provisional_until_december_with_complete_actuals() {
    use attain_core::evaluation::Kind;
    let (model, a) = midyear_case();
    let e = eval(&model, &a, Kind::Yearend, 8, &[], &[]).unwrap();
    assert!(e.provisional);
    let e = eval(&model, &a, Kind::Midyear, 6, &[], &[]).unwrap();
    assert!(!e.provisional);
    // Figures in every month to December: final. One month missing, or as of
    // November: provisional.
    let every: Vec<(u8, &str, Decimal)> = (1..=12).map(|n| (n, "A", dec!(1))).collect();
    let full = actuals(&every);
    assert!(
        !eval(&model, &full, Kind::Yearend, 12, &[], &[])
            .unwrap()
            .provisional
    );
    assert!(
        eval(&model, &full, Kind::Yearend, 11, &[], &[])
            .unwrap()
            .provisional
    );
    assert!(
        !eval(&model, &full, Kind::Midyear, 12, &[], &[])
            .unwrap()
            .provisional
    );
    let gap = actuals(&every[..11]);
    assert!(
        eval(&model, &gap, Kind::Yearend, 12, &[], &[])
            .unwrap()
            .provisional
    );
}

#[test]
fn manual_scores_are_checked_as_of_their_periods_closing_month() {
    use attain_core::progress::Inputs;
    use attain_core::scoring::Adjustment;
    use attain_core::Period;
    let (model, a) = midyear_case();
    let inputs = Inputs {
        model: &model,
        actuals: &a,
        plan: None,
    };
    let adj = |score: Decimal, period| Adjustment {
        id: IndicatorId("OUT-01".into()),
        period,
        score,
        reason: "专家评议".into(),
    };
    assert_eq!(inputs.check_adjustments(&[], &[]), Ok(()));
    assert_eq!(
        inputs.check_adjustments(
            &[adj(dec!(5), Period::H1), adj(dec!(6), Period::FullYear)],
            &[]
        ),
        Ok(())
    );
    for period in [Period::H1, Period::FullYear] {
        let (p, errors) = inputs
            .check_adjustments(&[adj(dec!(11), period)], &[])
            .unwrap_err();
        assert_eq!(p, period);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].subject.as_deref(), Some("OUT-01"));
    }
}

#[test]
fn the_funds_rows_have_distinct_labels_and_sources_fall_into_them() {
    use attain_core::budget::FundSource;
    let all = [
        FundSource::Total,
        FundSource::Appropriation,
        FundSource::CarriedOver,
        FundSource::Other,
    ];
    for (i, a) in all.iter().enumerate() {
        assert!(a
            .zh()
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
        assert!(a.en().chars().any(|c| c.is_ascii_alphabetic()));
        for b in &all[i + 1..] {
            assert_ne!(a.zh(), b.zh());
            assert_ne!(a.en(), b.en());
        }
    }
    assert_eq!(FundSource::of("上年结转资金"), FundSource::CarriedOver);
    assert_eq!(FundSource::of("其他资金"), FundSource::Other);
    assert_eq!(
        FundSource::of("一般公共预算资金"),
        FundSource::Appropriation
    );
}

#[test]
fn far_over_budget_is_strictly_more_than_the_factor_times_a_positive_budget() {
    use attain_core::budget::{far_over, yuan_as_wan};
    assert!(!far_over(dec!(300), dec!(100), dec!(3)));
    assert!(far_over(dec!(300.01), dec!(100), dec!(3)));
    assert!(!far_over(dec!(150), dec!(100), dec!(3)));
    // No budget: no limit to be far over.
    assert!(!far_over(dec!(5), dec!(0), dec!(3)));
    assert!(!far_over(dec!(5), dec!(-1), dec!(3)));
    assert_eq!(yuan_as_wan(dec!(526000)), dec!(52.6));
}

/// The number of errors the settings' own checks find.
fn setting_errors(f: impl FnOnce(&mut Settings)) -> usize {
    let mut s = Settings::default();
    f(&mut s);
    s.check()
        .iter()
        .filter(|c| c.severity == attain_core::check::Severity::Error)
        .count()
}

#[test]
fn settings_are_checked_at_their_edges() {
    assert_eq!(setting_errors(|_| {}), 0);
    // Lights: equal thresholds are in order, a higher red or yellow is not.
    assert_eq!(
        setting_errors(|s| {
            s.lights.red_below = dec!(80);
            s.lights.yellow_below = dec!(80);
            s.lights.blue_from = dec!(80);
        }),
        0
    );
    assert!(setting_errors(|s| s.lights.red_below = s.lights.yellow_below + dec!(1)) >= 1);
    // Zero is a threshold like any other; below zero is refused.
    assert_eq!(setting_errors(|s| s.lights.red_below = dec!(0)), 0);
    assert_eq!(setting_errors(|s| s.scoring.weights.execution = dec!(0)), 0);
    assert!(setting_errors(|s| s.lights.red_below = dec!(-1)) >= 1);
    assert!(setting_errors(|s| s.lights.yellow_below = s.lights.blue_from + dec!(1)) >= 1);
    // Tolerances: zero is allowed, below zero is not.
    assert_eq!(setting_errors(|s| s.h1_plan_tolerance = dec!(0)), 0);
    assert!(setting_errors(|s| s.h1_plan_tolerance = dec!(-0.01)) >= 1);
    assert_eq!(setting_errors(|s| s.cross_check_tolerance = dec!(0)), 0);
    assert!(setting_errors(|s| s.cross_check_tolerance = dec!(-0.01)) >= 1);
    // Grade bands: equal bands up to 100 are in order.
    assert_eq!(
        setting_errors(|s| {
            s.scoring.grades.fair = dec!(100);
            s.scoring.grades.good = dec!(100);
            s.scoring.grades.excellent = dec!(100);
        }),
        0
    );
    assert!(setting_errors(|s| s.scoring.grades.excellent = dec!(100.01)) >= 1);
    assert!(setting_errors(|s| s.scoring.grades.fair = s.scoring.grades.good + dec!(1)) >= 1);
    assert!(setting_errors(|s| s.scoring.grades.good = s.scoring.grades.excellent + dec!(1)) >= 1);
    // Tiers: 0 < partly_from < achieved_from < 100, scores inside their bands.
    assert!(setting_errors(|s| s.scoring.tiers.partly_from = dec!(0)) >= 1);
    assert!(setting_errors(|s| s.scoring.tiers.partly_from = s.scoring.tiers.achieved_from) >= 1);
    assert!(setting_errors(|s| s.scoring.tiers.achieved_from = dec!(100)) >= 1);
    assert_eq!(
        setting_errors(|s| s.scoring.tiers.achieved_from = dec!(99.99)),
        0
    );
    assert_eq!(
        setting_errors(|s| s.scoring.tiers.partly_from = dec!(0.01)),
        0
    );
    assert_eq!(
        setting_errors(|s| s.scoring.tiers.partly_score = Some(s.scoring.tiers.partly_from)),
        0
    );
    assert!(
        setting_errors(|s| s.scoring.tiers.partly_score = Some(s.scoring.tiers.achieved_from)) >= 1
    );
    assert!(
        setting_errors(
            |s| s.scoring.tiers.partly_score = Some(s.scoring.tiers.partly_from - dec!(0.01))
        ) >= 1
    );
    assert_eq!(
        setting_errors(|s| s.scoring.tiers.not_score = Some(dec!(0))),
        0
    );
    assert!(setting_errors(|s| s.scoring.tiers.not_score = Some(s.scoring.tiers.partly_from)) >= 1);
    assert!(setting_errors(|s| s.scoring.tiers.not_score = Some(dec!(-0.01))) >= 1);
    // Far over budget: above 1 times the budget.
    assert!(setting_errors(|s| s.far_over_budget = dec!(1)) >= 1);
    assert_eq!(setting_errors(|s| s.far_over_budget = dec!(1.01)), 0);
    // The over-achievement review: at least 100 % of the target.
    assert_eq!(
        setting_errors(|s| s.scoring.over_achievement_review = dec!(100)),
        0
    );
    assert!(setting_errors(|s| s.scoring.over_achievement_review = dec!(99.99)) >= 1);
}

fn budget(
    lines: Vec<BudgetLine>,
    income_total: Option<Decimal>,
    income: &[(&str, Decimal)],
) -> Budget {
    Budget {
        lines,
        income_total,
        income: income
            .iter()
            .map(|(n, a)| attain_core::budget::IncomeSource {
                name: (*n).into(),
                amount: *a,
                adjusted: None,
            })
            .collect(),
        lookup: Default::default(),
    }
}

/// (errors, warnings) of a budget's own checks.
fn budget_findings(b: &Budget) -> (usize, usize) {
    use attain_core::check::Severity;
    let c = b.check();
    (
        c.iter().filter(|c| c.severity == Severity::Error).count(),
        c.iter().filter(|c| c.severity == Severity::Warning).count(),
    )
}

#[test]
fn budget_lines_are_checked_at_their_edges() {
    let ok = |lines| budget(lines, Some(dec!(10)), &[("一般公共预算资金", dec!(10))]);
    assert_eq!(
        budget_findings(&ok(vec![line("基本支出", None, dec!(5), dec!(10))])),
        (0, 0)
    );
    // A plan equal to the budget is fine, above it a warning; zero is not negative.
    assert_eq!(
        budget_findings(&ok(vec![line("基本支出", None, dec!(10), dec!(10))])),
        (0, 0)
    );
    assert_eq!(
        budget_findings(&ok(vec![line("基本支出", None, dec!(10.01), dec!(10))])),
        (0, 1)
    );
    assert_eq!(
        budget_findings(&budget(
            vec![line("基本支出", None, dec!(0), dec!(0))],
            Some(dec!(0)),
            &[]
        )),
        (0, 0)
    );
    // A negative plan or budget is an error (one per line; a plan above a negative
    // budget is also a warning).
    assert_eq!(
        budget_findings(&budget(
            vec![line("基本支出", None, dec!(-1), dec!(0))],
            Some(dec!(0)),
            &[]
        )),
        (1, 0)
    );
    assert_eq!(
        budget_findings(&budget(
            vec![line("基本支出", None, dec!(0), dec!(-1))],
            Some(dec!(-1)),
            &[]
        )),
        (1, 1)
    );
    // A missing parent is one error, not also a cycle.
    assert_eq!(
        budget_findings(&budget(
            vec![line("A", Some("不存在"), dec!(0), dec!(0))],
            None,
            &[]
        )),
        (1, 0)
    );
    // Two lines each the other's parent: each its own ancestor (and no top level).
    let cycle = budget(
        vec![
            line("A", Some("B"), dec!(0), dec!(0)),
            line("B", Some("A"), dec!(0), dec!(0)),
        ],
        None,
        &[],
    );
    assert_eq!(budget_findings(&cycle), (2, 0), "{:?}", cycle.check());
    assert!(cycle.depth("A") > 2);
    // The balance is checked when there is an income total or sources, not without.
    let lines = || vec![line("基本支出", None, dec!(5), dec!(10))];
    assert_eq!(budget_findings(&budget(lines(), None, &[])), (0, 0));
    assert_eq!(
        budget_findings(&budget(lines(), Some(dec!(12)), &[])),
        (1, 0)
    );
    assert_eq!(
        budget_findings(&budget(lines(), None, &[("一般公共预算资金", dec!(12))])),
        (1, 0)
    );
    assert_eq!(
        budget_findings(&budget(lines(), None, &[("一般公共预算资金", dec!(10))])),
        (0, 0)
    );
}

#[test]
fn income_sources_off_their_total_are_listed_without_the_empty_ones() {
    let b = budget(
        vec![line("基本支出", None, dec!(5), dec!(12))],
        Some(dec!(12)),
        &[("一般公共预算资金", dec!(10)), ("政府性基金", dec!(0))],
    );
    let errors: Vec<_> = b
        .check()
        .into_iter()
        .filter(|c| c.severity == attain_core::check::Severity::Error)
        .collect();
    // The sources (10) are not the total (12); the balance 12 = 12 holds.
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].message.en().contains("一般公共预算资金 10"));
    assert!(!errors[0].message.en().contains("政府性基金"));
}

#[test]
fn grade_bands_by_name_and_partial_tables_keep_the_defaults() {
    use attain_core::settings::{ExpectedPath, GradeBands};
    let d = GradeBands::default();
    assert_eq!(
        (d.excellent, d.good, d.fair),
        (dec!(90), dec!(80), dec!(60))
    );
    assert_eq!(GradeBands::named("90/80/60"), Some(d.clone()));
    let g: GradeBands = serde_json::from_str(r#""90/80/60""#).unwrap();
    assert_eq!(g, d);
    // A table naming one band keeps the default of the others.
    let g: GradeBands = serde_json::from_str(r#"{"excellent": "85"}"#).unwrap();
    assert_eq!(
        (g.excellent, g.good, g.fair),
        (dec!(85), dec!(80), dec!(60))
    );
    let g: GradeBands = serde_json::from_str(r#"{"good": "70"}"#).unwrap();
    assert_eq!(
        (g.excellent, g.good, g.fair),
        (dec!(90), dec!(70), dec!(60))
    );
    // The expected paths have distinct names.
    let all = [
        ExpectedPath::Milestone,
        ExpectedPath::Plan,
        ExpectedPath::Linear,
    ];
    for (i, a) in all.iter().enumerate() {
        assert!(a
            .zh()
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
        assert!(a.en().chars().any(|c| c.is_ascii_alphabetic()));
        for b in &all[i + 1..] {
            assert_ne!(a.zh(), b.zh());
            assert_ne!(a.en(), b.en());
        }
    }
}

#[test]
fn strict_comparators_are_not_met_at_the_target() {
    use attain_core::target::Comparator;
    assert!(!Comparator::Gt.is_met(dec!(5), dec!(5)));
    assert!(Comparator::Gt.is_met(dec!(5.01), dec!(5)));
    assert!(!Comparator::Gt.is_met(dec!(4.99), dec!(5)));
    assert!(!Comparator::Lt.is_met(dec!(5), dec!(5)));
    assert!(Comparator::Lt.is_met(dec!(4.99), dec!(5)));
    assert!(!Comparator::Lt.is_met(dec!(5.01), dec!(5)));
    assert!(Comparator::Ge.is_met(dec!(5), dec!(5)));
    assert!(Comparator::Le.is_met(dec!(5), dec!(5)));
}

#[test]
fn units_and_words_of_targets() {
    use attain_core::target::{Unit, Vocabulary};
    let p = Unit::percent();
    assert!(p.is_percent());
    assert_eq!(p.as_str(), "%");
    assert_eq!(Unit::new("％"), p);
    assert_eq!(Unit::new(" 次 ").as_str(), "次");
    assert!(!p.is_empty());
    assert!(Unit::new(" ").is_empty());
    // Comments and blank entries are skipped, not read as words.
    let v = Vocabulary::default()
        .with_entries("# 本单位用语\n优良=达成\n\n尚可=部分达成")
        .unwrap();
    assert_eq!(v.tier("优良"), Some(attain_core::value::Tier::Achieved));
    assert_eq!(v.tier("尚可"), Some(attain_core::value::Tier::Partly));
}

#[test]
fn decimal_prefixes_stop_where_the_number_ends() {
    use attain_core::target::{parse_date, parse_decimal_prefix, TargetParseError};
    assert_eq!(parse_decimal_prefix("1.2.3"), Some((dec!(1.2), 3)));
    assert_eq!(parse_decimal_prefix(".5"), None);
    assert_eq!(parse_decimal_prefix(",5"), None);
    assert_eq!(parse_decimal_prefix("1-2"), Some((dec!(1), 1)));
    assert_eq!(parse_decimal_prefix("-2"), Some((dec!(-2), 2)));
    assert_eq!(parse_decimal_prefix("1,234.5"), Some((dec!(1234.5), 7)));
    assert_eq!(parse_decimal_prefix("1.5,3"), Some((dec!(1.5), 3)));
    // A trailing point is left to the unit.
    assert_eq!(parse_decimal_prefix("3.个"), Some((dec!(3), 1)));
    assert_eq!(parse_decimal_prefix("12.个"), Some((dec!(12), 2)));
    // 10¹⁵ is out of range, just below it is not.
    assert_eq!(parse_decimal_prefix("1000000000000000"), None);
    assert_eq!(
        parse_decimal_prefix("999999999999999"),
        Some((dec!(999999999999999), 15))
    );
    // Months: whole numbers 1 to 12.
    assert_eq!(parse_date("6月"), Some((None, 6)));
    assert_eq!(parse_date("1.5月"), None);
    assert_eq!(parse_date("13月"), None);
    assert_eq!(parse_date("0月"), None);
    let e = TargetParseError {
        offset: 0,
        len: 1,
        message: attain_core::msg::Msg::verbatim("m"),
        help: attain_core::msg::Msg::verbatim("h"),
    };
    assert_eq!(e.to_string(), "m (h)");
}

#[test]
fn a_bad_ratio_is_pointed_at_from_its_first_digit() {
    let e = Target::parse("≥  1:abc").unwrap_err();
    assert_eq!((e.offset, e.len), (3, 5));
    let e = Target::parse("≥1:abc").unwrap_err();
    assert_eq!((e.offset, e.len), (1, 5));
}

#[test]
fn a_qualifier_alone_is_pointed_at_whole() {
    let e = Target::parse("≥以上").unwrap_err();
    assert_eq!((e.offset, e.len), (1, 2), "{e:?}");
}

#[test]
fn a_bad_unit_character_is_pointed_at_past_the_space_and_the_percent_sign() {
    // `≥3 个5`: the unit starts after the space (char 3); the `5` is its second char.
    let e = Target::parse("≥3 个5").unwrap_err();
    assert_eq!((e.offset, e.len), (4, 1), "{e:?}");
    assert_eq!(e.message.en(), "unexpected `5` in the unit `个5`");
    // `=46%个`: a rate is `%` alone; the first character that is not `%` is the fault.
    let e = Target::parse("=46%个").unwrap_err();
    assert_eq!((e.offset, e.len), (4, 1), "{e:?}");
    assert_eq!(e.message.en(), "unexpected `个` in the unit `%个`");
}

#[test]
fn after_a_comparator_in_words_a_unit_has_at_most_four_characters() {
    let four = Target::parse("不少于5人次每月").unwrap().target;
    assert_eq!(four.to_string(), "≥5人次每月");
    // Five or more: a name that starts like a target, pointed at from the unit.
    let e = Target::parse("超过60岁老人服务人次").unwrap_err();
    assert_eq!((e.offset, e.len), (4, 7), "{e:?}");
    assert_eq!(e.message.en(), "`岁老人服务人次` is not a unit");
}

#[test]
fn a_comparator_and_a_contrary_qualifier_name_the_qualifier() {
    let e = Target::parse("≤3个以上").unwrap_err();
    assert_eq!(e.message.en(), "`≤3个以上` says both `≤` and 以上");
    let e = Target::parse("≥3个以下").unwrap_err();
    assert_eq!(e.message.en(), "`≥3个以下` says both `≥` and 以下/以内");
}

#[test]
fn only_a_text_without_comparator_or_digits_is_a_qualitative_word() {
    // `控制在` without a number is no word target.
    let e = Target::parse("控制在合理范围").unwrap_err();
    assert_eq!(
        e.message.en(),
        "expected a number after `控制在`, found `合理范围`"
    );
    // A full-width digit makes it no word either.
    let e = Target::parse("第３名").unwrap_err();
    assert_eq!(e.message.en(), "expected a number after ``, found `第３名`");
    assert!(Target::parse("第3名").is_err());
    assert_eq!(
        Target::parse("健全").unwrap().target,
        Target::Qualitative("健全".into())
    );
}

#[test]
fn a_computed_date_is_shown_only_when_it_is_a_whole_month() {
    let t = target("≤2026年12月");
    assert_eq!(t.show_value(dec!(202610)), Some("2026年10月".into()));
    // A whole number written with decimals is still that month.
    assert_eq!(t.show_value(dec!(202610.0)), Some("2026年10月".into()));
    // A fraction of a month (an average of dates) is no date.
    assert_eq!(t.show_value(dec!(202610.5)), None);
    assert_eq!(t.show_value(dec!(202613)), None);
    assert_eq!(target("12月底前").show_value(dec!(11)), Some("11月".into()));
    assert_eq!(target("≥1:1.2").show_value(dec!(1.3)), Some("1:1.3".into()));
    assert_eq!(target("≥3个").show_value(dec!(3)), None);
}

#[test]
fn kinds_of_targets() {
    assert!(target("健全").is_qualitative());
    assert!(!target("≥3个").is_qualitative());
    assert!(!target("/").is_qualitative());
    assert!(!target("/").is_applicable());
    assert!(!target("").is_applicable());
    assert!(target("健全").is_applicable());
    assert!(target("≥3个").is_applicable());
    // Through June the half-year target is in force, unless it does not apply.
    let mut i = ind("OUT-01", "培训人次", "≥100人次", Measure::Sum);
    i.h1 = target("/");
    assert_eq!(i.target_in_force(m(3)).to_string(), "≥100人次");
    i.h1 = target("≥40人次");
    assert_eq!(i.target_in_force(m(6)).to_string(), "≥40人次");
    assert_eq!(i.target_in_force(m(7)).to_string(), "≥100人次");
}
