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
        indicators,
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
            source: "test".into(),
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
