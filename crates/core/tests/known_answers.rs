//! Known answers that each hold one rule of the engine and of scoring in place: every
//! test here fails when its rule is broken (each was written against a deliberate bug
//! that the rest of the suite let through).

use attain_core::actuals::{Actuals, Entry, Item};
use attain_core::progress::{Inputs, Light, Verdict};
use attain_core::scoring::{apply_adjustments, round_score, score_indicator, Adjustment};
use attain_core::settings::{Rounding, Scoring};
use attain_core::{
    Budget, BudgetLine, Decimal, Indicator, IndicatorId, Level1, Measure, Model, Month, Period,
    Scorecard, Settings, Target, UnitInfo, Value,
};
use rust_decimal_macros::dec;

fn m(n: u8) -> Month {
    Month::new(2026, n).unwrap()
}

fn target(t: &str) -> Target {
    Target::parse(t).unwrap().target
}

fn ind(id: &str, h1: &str, fy: &str, weight: Decimal, measure: Measure) -> Indicator {
    Indicator {
        id: IndicatorId(id.into()),
        level1: Level1::from_label("产出").unwrap(),
        level2: "数量指标".into(),
        key_work: None,
        name: id.into(),
        h1: target(h1),
        fy: target(fy),
        weight,
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

/// A model with two budget lines under 项目支出 (A: 60 of 100, B: 30 of 60) and
/// the given indicators.
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

fn actuals(rows: &[(u8, Item, Decimal)]) -> Actuals {
    let mut a = Actuals::default();
    for (n, item, v) in rows {
        a.insert(Entry {
            month: m(*n),
            item: item.clone(),
            value: Value::Number(*v),
            note: String::new(),
            source: Default::default(),
        })
        .unwrap();
    }
    a
}

fn evaluate(model: &Model, a: &Actuals, as_of: u8) -> attain_core::progress::Progress {
    Inputs {
        model,
        actuals: a,
        plan: None,
    }
    .evaluate(m(as_of))
}

#[test]
fn a_lower_is_better_miss_is_red_and_a_hit_green() {
    let model = model(vec![ind("R", "≤5%", "≤5%", dec!(10), Measure::Latest)]);
    let item = Item::Indicator("R".into());
    let miss = evaluate(&model, &actuals(&[(3, item.clone(), dec!(0.08))]), 3);
    assert_eq!(miss.indicators[0].light, Light::Red);
    let hit = evaluate(&model, &actuals(&[(3, item, dec!(0.04))]), 3);
    assert_eq!(hit.indicators[0].light, Light::Green);
}

#[test]
fn a_lines_pace_needed_is_never_negative() {
    let model = model(Vec::new());
    // Line B (60) has spent 70 by June: nothing more is needed, not −10 / 6.
    let a = actuals(&[
        (6, Item::Line("B".into()), dec!(70)),
        (6, Item::Line("A".into()), dec!(40)),
    ]);
    let p = evaluate(&model, &a, 6);
    let b = p.lines.iter().find(|l| l.name == "B").unwrap();
    assert_eq!(b.pace_needed, Some(Decimal::ZERO));
    // Line A (100) has spent 40: 60 over the 6 remaining months.
    let a_line = p.lines.iter().find(|l| l.name == "A").unwrap();
    assert_eq!(a_line.pace_needed, Some(dec!(10)));
}

#[test]
fn a_half_year_only_count_is_prorated_through_june() {
    let model = model(vec![ind("C", "≥6个", "/", dec!(10), Measure::Sum)]);
    let a = actuals(&[(3, Item::Indicator("C".into()), dec!(3))]);
    assert_eq!(
        evaluate(&model, &a, 3).indicators[0].expected,
        Some(dec!(3))
    );
    assert_eq!(
        evaluate(&model, &a, 6).indicators[0].expected,
        Some(dec!(6))
    );
}

#[test]
fn a_lines_own_execution_target_sets_its_milestones() {
    let model = model(vec![ind(
        "E",
        "=30%",
        "=90%",
        dec!(10),
        Measure::Execution {
            line: Some("A".into()),
        },
    )]);
    let p = evaluate(&model, &Actuals::default(), 6);
    let a = p.lines.iter().find(|l| l.name == "A").unwrap();
    assert_eq!(a.milestones, (dec!(0.30), dec!(0.90)));
    assert_eq!(a.expected, dec!(0.30));
    // Line B keeps its own plan ratio: 30 / 60.
    let b = p.lines.iter().find(|l| l.name == "B").unwrap();
    assert_eq!(b.milestones, (dec!(0.5), Decimal::ONE));
}

#[test]
fn a_line_exactly_at_its_target_is_met() {
    let model = model(Vec::new());
    // A's half-year plan is 60 of 100: exactly 60 spent by June meets it, 59.99 not.
    let at = |spent: Decimal| {
        let a = actuals(&[(6, Item::Line("A".into()), spent)]);
        let p = evaluate(&model, &a, 6);
        p.lines.iter().find(|l| l.name == "A").unwrap().h1_verdict
    };
    assert_eq!(at(dec!(60)), Some(Verdict::Met));
    assert_eq!(at(dec!(59.99)), Some(Verdict::NotMet));
}

#[test]
fn round_score_never_rounds_above_the_weight() {
    // 4.4455 rounds to 4.45 in cents, above the weight 4.446.
    assert_eq!(
        round_score(dec!(4.4455), dec!(4.446), Rounding::Cents),
        dec!(4.446)
    );
    assert_eq!(
        round_score(dec!(2.55), dec!(2.6), Rounding::Whole),
        dec!(2.6)
    );
    assert_eq!(round_score(dec!(2.44), dec!(2.6), Rounding::Whole), dec!(2));
    assert_eq!(round_score(dec!(-0.4), dec!(2.6), Rounding::Whole), dec!(0));
}

#[test]
fn a_manual_score_is_rescaled_with_the_other_rows() {
    // Rows of 25 and 25 and one of 50 without a target: the two are rescaled to 50
    // each. A's manual 10 of 25 becomes 20 of 50; B is met: 50.
    let inds = [
        ind("A", "≥2个", "≥2个", dec!(25), Measure::Sum),
        ind("B", "≥2个", "≥2个", dec!(25), Measure::Sum),
        ind("C", "/", "/", dec!(50), Measure::Sum),
    ];
    let s = Scoring::default();
    let two = Value::Number(dec!(2));
    let mut rows: Vec<_> = inds
        .iter()
        .map(|i| score_indicator(i, Period::FullYear, Some(&two), &s))
        .collect();
    let errs = apply_adjustments(
        &mut rows,
        &[Adjustment {
            id: IndicatorId("A".into()),
            period: Period::FullYear,
            score: dec!(10),
            reason: "部分完成".into(),
        }],
        Period::FullYear,
    );
    assert!(errs.is_empty(), "{errs:?}");
    let card = Scorecard::build(rows, &s);
    let a = &card.rows[0];
    assert_eq!((a.weight, a.score, a.adjusted), (dec!(50), dec!(20), true));
    assert_eq!(card.total, dec!(70));
}
