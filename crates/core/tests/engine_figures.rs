//! The monthly engine's figures as known answers, worked by hand for a small unit:
//! budget lines 项目支出 (160) = A (100, half-year plan 60) + B (60, plan 30), and a
//! few indicators. Each figure of `LineStatus` and `IndicatorStatus` is asserted, so
//! that a changed formula fails here and not only in the byte snapshot of reports/.

use attain_core::actuals::{Actuals, Entry, Item, MonthlyPlan};
use attain_core::progress::{Inputs, Light, Progress, Verdict};
use attain_core::settings::ExpectedPath;
use attain_core::{
    Budget, BudgetLine, Decimal, Indicator, IndicatorId, Level1, Measure, Model, Month, Settings,
    Target, UnitInfo, Value,
};
use rust_decimal_macros::dec;

fn m(n: u8) -> Month {
    Month::new(2026, n).unwrap()
}

fn ind(id: &str, h1: &str, fy: &str, measure: Measure) -> Indicator {
    Indicator {
        id: IndicatorId(id.into()),
        level1: Level1::from_label("产出").unwrap(),
        level2: "数量指标".into(),
        key_work: None,
        name: id.into(),
        h1: Target::parse(h1).unwrap().target,
        fy: Target::parse(fy).unwrap().target,
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

fn model(indicators: Vec<Indicator>, expected: ExpectedPath) -> Model {
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
        settings: Settings {
            expected,
            ..Settings::default()
        },
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

/// Spending: A 10 in January and 20 in March (note "集中支付"), B 6 in February and
/// 6 in April; the count S: 2 in January, 1 in March (note "补报"); the level L: 72 %
/// in September.
fn actuals() -> Actuals {
    let mut a = Actuals::default();
    let rows: [(u8, Item, Decimal, &str); 7] = [
        (1, Item::Line("A".into()), dec!(10), ""),
        (3, Item::Line("A".into()), dec!(20), "集中支付"),
        (2, Item::Line("B".into()), dec!(6), ""),
        (4, Item::Line("B".into()), dec!(6), ""),
        (1, Item::Indicator("S".into()), dec!(2), ""),
        (3, Item::Indicator("S".into()), dec!(1), "补报"),
        (9, Item::Indicator("L".into()), dec!(0.72), ""),
    ];
    for (n, item, v, note) in rows {
        a.insert(Entry {
            month: m(n),
            item,
            value: Value::Number(v),
            note: note.into(),
            source: Default::default(),
        })
        .unwrap();
    }
    a
}

fn indicators() -> Vec<Indicator> {
    vec![
        ind("S", "≥3个", "≥12个", Measure::Sum),
        ind("L", "=80%", "=100%", Measure::Latest),
        ind("F", "/", "≥12个", Measure::Sum),
        ind("Z", "≥0次", "≥2次", Measure::Sum),
        ind("E", "=50%", "=100%", Measure::Execution { line: None }),
    ]
}

fn evaluate(model: &Model, plan: Option<&MonthlyPlan>, as_of: u8) -> Progress {
    Inputs {
        model,
        actuals: &actuals(),
        plan,
    }
    .evaluate(m(as_of))
}

fn line_of<'a>(p: &'a Progress, name: &str) -> &'a attain_core::progress::LineStatus {
    p.lines.iter().find(|l| l.name == name).unwrap()
}

fn indicator<'a>(
    p: &'a Progress,
    model: &Model,
    id: &str,
) -> &'a attain_core::progress::IndicatorStatus {
    let k = model.indicators.iter().position(|i| i.id.0 == id).unwrap();
    &p.indicators[k]
}

#[test]
fn the_total_and_the_lines_in_april() {
    // No execution indicator: the total follows the plan ratio 90 / 160 = 56.25 %.
    let model = model(Vec::new(), ExpectedPath::Milestone);
    let p = evaluate(&model, None, 4);
    let t = &p.total;
    // 42 of 160 spent; expected 56.25 % × 4 / 6 = 37.5 %; 26.25 ÷ 37.5 = 70 %: yellow.
    assert_eq!(
        (t.budget, t.spent, t.rate),
        (dec!(160), dec!(42), Some(dec!(0.2625)))
    );
    assert_eq!(t.expected, dec!(0.375));
    assert_eq!(t.gap, Some(dec!(-0.1125)));
    assert_eq!(t.gap_amount, dec!(-18));
    assert_eq!(t.light, Light::Yellow);
    assert_eq!(t.forecast_run_rate, dec!(126));
    // The headline's forecast rate is core's: 126 ÷ 160.
    assert_eq!(t.forecast_rate, Some(dec!(0.7875)));
    // With the plan kept and the shortfall so far deferred, not cancelled: 42 spent
    // + 160 × (1 − 37.5 %) = 100 still planned + (60 − 42) = 18 deferred = 160.
    assert_eq!(t.forecast_plan, dec!(160));
    assert_eq!(t.pace_needed, Some(dec!(14.75)));
    assert_eq!(t.milestones, (dec!(0.5625), Decimal::ONE));
    assert_eq!(
        t.monthly.iter().map(|(_, s, _)| *s).collect::<Vec<_>>(),
        [dec!(10), dec!(16), dec!(36), dec!(42)]
    );
    // Line A: 30 of 100 against 60 % × 4 / 6 = 40 %: 75 %, yellow.
    let a = line_of(&p, "A");
    assert_eq!(
        (a.spent, a.rate, a.expected),
        (dec!(30), Some(dec!(0.3)), dec!(0.4))
    );
    assert_eq!((a.gap, a.gap_amount), (Some(dec!(-0.1)), dec!(-10)));
    // Plan kept, shortfall deferred: 30 + 100 × 60 % + (40 − 30) = 100.
    assert_eq!(
        (a.forecast_run_rate, a.forecast_plan),
        (dec!(90), dec!(100))
    );
    assert_eq!(a.pace_needed, Some(dec!(8.75)));
    assert_eq!(a.light, Light::Yellow);
    assert_eq!(a.notes, vec![(m(3), "集中支付".to_string())]);
    assert_eq!((a.parent.as_deref(), a.depth), (Some("项目支出"), 1));
    // The parent line is the sum of its children.
    let parent = line_of(&p, "项目支出");
    assert_eq!((parent.spent, parent.depth), (dec!(42), 0));
    assert!(parent.notes.is_empty());
    // Line B: 12 of 60 = 20 % against 50 % × 4 / 6 = 33.3 %: 60 %, yellow.
    let b = line_of(&p, "B");
    assert_eq!(b.rate, Some(dec!(0.2)));
    assert_eq!(b.light, Light::Yellow);
    // Before June no half-year verdict; at December no pace.
    assert_eq!(a.h1_verdict, None);
    let dec_ = evaluate(&model, None, 12);
    assert_eq!(dec_.total.pace_needed, None);
    assert_eq!(dec_.total.fy_verdict, Some(Verdict::NotMet));
    assert_eq!(dec_.total.forecast_run_rate, dec!(42));
}

#[test]
fn the_lights_have_their_words() {
    let all = [
        Light::Green,
        Light::Yellow,
        Light::Red,
        Light::Blue,
        Light::None,
    ];
    let codes: Vec<_> = all.iter().map(|l| (l.code(), l.zh(), l.symbol())).collect();
    assert_eq!(
        codes,
        [
            ("green", "绿", "●"),
            ("yellow", "黄", "▲"),
            ("red", "红", "■"),
            ("blue", "蓝", "◆"),
            ("none", "—", "○")
        ]
    );
}

#[test]
fn a_line_with_nothing_expected_yet_is_green() {
    let mut model = model(Vec::new(), ExpectedPath::Milestone);
    model.budget.lines[2].h1_plan = Decimal::ZERO; // B plans nothing for the half year
    model.budget.lines[0].h1_plan = dec!(60);
    let p = evaluate(&model, None, 4);
    let b = line_of(&p, "B");
    assert_eq!(b.expected, Decimal::ZERO);
    assert_eq!(b.light, Light::Green);
}

#[test]
fn the_plan_sets_the_expected_path_where_it_covers_every_leaf() {
    let mut plan = MonthlyPlan::default();
    for n in 1..=4 {
        plan.amounts.insert(("A".into(), m(n)), dec!(10));
    }
    let model = model(Vec::new(), ExpectedPath::Plan);
    let none = Actuals::default();
    let inputs = |plan| Inputs {
        model: &model,
        actuals: &none,
        plan,
    };
    // Only A is planned: A follows the plan (40 of 100), B and the total the milestones.
    let plan_a = plan.clone();
    let only_a = inputs(Some(&plan_a));
    assert_eq!(only_a.expected_basis(Some("A")), ExpectedPath::Plan);
    assert_eq!(only_a.expected_basis(Some("B")), ExpectedPath::Milestone);
    assert_eq!(only_a.expected_basis(None), ExpectedPath::Milestone);
    assert_eq!(
        only_a.expected_basis(Some("项目支出")),
        ExpectedPath::Milestone
    );
    assert_eq!(only_a.expected_rate(Some("A"), m(4)), dec!(0.4));
    // A and B planned: every leaf is covered; the total is (40 + 30) / 160.
    plan.amounts.insert(("B".into(), m(4)), dec!(30));
    let both = inputs(Some(&plan));
    assert_eq!(both.expected_basis(None), ExpectedPath::Plan);
    assert_eq!(both.expected_basis(Some("项目支出")), ExpectedPath::Plan);
    assert_eq!(both.expected_rate(None, m(4)), dec!(0.4375));
    assert_eq!(both.expected_rate(Some("项目支出"), m(4)), dec!(0.4375));
    assert_eq!(both.expected_rate(Some("B"), m(4)), dec!(0.5));
    // No plan at all: the milestones.
    assert_eq!(
        inputs(None).expected_basis(Some("A")),
        ExpectedPath::Milestone
    );
}

#[test]
fn a_count_in_april_and_september() {
    let model = model(indicators(), ExpectedPath::Milestone);
    let p = evaluate(&model, None, 4);
    let s = indicator(&p, &model, "S");
    // 3 by April against the milestone path 3 × 4 / 6 = 2: 150 %, blue.
    assert_eq!(s.actual, Some(Value::Number(dec!(3))));
    assert_eq!(s.expected, Some(dec!(2)));
    assert_eq!(s.ratio, Some(dec!(150)));
    assert_eq!(s.light, Light::Blue);
    assert_eq!(s.forecast, Some(Value::Number(dec!(9))));
    assert_eq!(s.pace_needed, Some(dec!(1.125)));
    assert_eq!(s.last_reported, Some(m(3)));
    assert_eq!(s.notes, vec![(m(3), "补报".to_string())]);
    // September: expected 3 + (12 − 3) × 3 / 6 = 7.5; 3 is 40 %: red.
    let p9 = evaluate(&model, None, 9);
    let s9 = indicator(&p9, &model, "S");
    assert_eq!(s9.expected, Some(dec!(7.5)));
    assert_eq!(s9.ratio, Some(dec!(40)));
    assert_eq!(s9.light, Light::Red);
    assert_eq!(s9.h1_verdict, Some(Verdict::Met));
    // Only a full-year target: 12 × 4 / 12 = 4 by April.
    assert_eq!(indicator(&p, &model, "F").expected, Some(dec!(4)));
    // Nothing expected yet (≥0 at half year): green, no ratio.
    let z = indicator(&p, &model, "Z");
    assert_eq!(
        (z.expected, z.ratio, z.light),
        (Some(Decimal::ZERO), None, Light::Green)
    );
    // December: the year's verdicts, no pace.
    let p12 = evaluate(&model, None, 12);
    let s12 = indicator(&p12, &model, "S");
    assert_eq!(
        (s12.fy_verdict, s12.pace_needed),
        (Some(Verdict::NotMet), None)
    );
    assert_eq!(
        indicator(&p12, &model, "F").h1_verdict,
        Some(Verdict::NotApplicable)
    );
    assert_eq!(
        indicator(&p12, &model, "L").fy_verdict,
        Some(Verdict::NotMet)
    );
}

#[test]
fn a_count_on_the_linear_path() {
    let model = model(indicators(), ExpectedPath::Linear);
    let p = evaluate(&model, None, 4);
    // 12 × 4 / 12 = 4, not the milestone path's 2: 75 %, yellow.
    let s = indicator(&p, &model, "S");
    assert_eq!((s.expected, s.light), (Some(dec!(4)), Light::Yellow));
}

#[test]
fn a_level_holds_the_half_year_target_then_moves_to_the_full_year_one() {
    let model = model(indicators(), ExpectedPath::Milestone);
    let l4 = indicator(&evaluate(&model, None, 4), &model, "L").clone();
    assert_eq!(l4.expected, Some(dec!(0.8)));
    assert_eq!((l4.actual, l4.light), (None, Light::None));
    let p9 = evaluate(&model, None, 9);
    let l9 = indicator(&p9, &model, "L");
    // 80 % + (100 % − 80 %) × 3 / 6 = 90 %; 72 % is 80 % of it: green.
    assert_eq!(l9.expected, Some(dec!(0.9)));
    assert_eq!(l9.ratio, Some(dec!(80)));
    assert_eq!(l9.light, Light::Green);
    assert_eq!(l9.forecast, Some(Value::Number(dec!(0.72))));
}

#[test]
fn the_execution_indicator_follows_spending() {
    let model = model(indicators(), ExpectedPath::Milestone);
    let p = evaluate(&model, None, 4);
    let e = indicator(&p, &model, "E");
    // 42 / 160 = 26.25 %; the run rate to December: × 12 / 4 = 78.75 %.
    assert_eq!(e.actual, Some(Value::Number(dec!(0.2625))));
    assert_eq!(e.forecast, Some(Value::Number(dec!(0.7875))));
    // Its targets are the total's milestones: 50 % × 4 / 6.
    assert_eq!(p.total.milestones, (dec!(0.5), Decimal::ONE));
    let p6 = evaluate(&model, None, 6);
    assert_eq!(
        indicator(&p6, &model, "E").h1_verdict,
        Some(Verdict::NotMet)
    );
    assert_eq!(p6.total.h1_verdict, Some(Verdict::NotMet));
}

#[test]
fn one_sided_targets_expect_only_what_they_say() {
    let model = model(
        vec![
            ind("H", "≥6个", "/", Measure::Sum),
            ind("LF", "/", "=90%", Measure::Latest),
            ind("LH", "=80%", "/", Measure::Latest),
        ],
        ExpectedPath::Milestone,
    );
    let p4 = evaluate(&model, None, 4);
    let p9 = evaluate(&model, None, 9);
    // A half-year-only count: 6 × 4 / 6 by April, nothing expected after June.
    assert_eq!(indicator(&p4, &model, "H").expected, Some(dec!(4)));
    assert_eq!(indicator(&p9, &model, "H").expected, None);
    // A level with only a full-year target expects it all year.
    assert_eq!(indicator(&p4, &model, "LF").expected, Some(dec!(0.9)));
    assert_eq!(indicator(&p9, &model, "LF").expected, Some(dec!(0.9)));
    // A level with only a half-year target expects it through June, then nothing.
    assert_eq!(indicator(&p4, &model, "LH").expected, Some(dec!(0.8)));
    assert_eq!(indicator(&p9, &model, "LH").expected, None);
}

/// A line's expected amount is what the hand computes from its half-year plan, not
/// the residue of dividing by the budget and multiplying back: 25.99 ÷ 26.99 × 3/6 of
/// 26.99 is 12.995 (printed 13.00, not 12.99), and the lines add up to their
/// parent's gap exactly.
#[test]
fn expected_amounts_carry_no_division_residue() {
    let mut model = model(indicators(), ExpectedPath::Milestone);
    model.budget.lines = vec![
        line("项目支出", None, dec!(48.99), dec!(142.99)),
        line("A", Some("项目支出"), dec!(23), dec!(116)),
        line("B", Some("项目支出"), dec!(25.99), dec!(26.99)),
    ];
    let p = evaluate(&model, None, 3);
    let b = line_of(&p, "B");
    // Spending in B by March: 6 (February).
    assert_eq!(b.gap_amount, dec!(6) - dec!(12.995));
    let a = line_of(&p, "A");
    let parent = line_of(&p, "项目支出");
    assert_eq!(a.gap_amount, dec!(30) - dec!(11.5));
    assert_eq!(parent.gap_amount, a.gap_amount + b.gap_amount);
    // The plan forecast: 6 spent + 26.99 × (1 − 25.99 ÷ 53.98) still planned +
    // 12.995 − 6 deferred = 26.99 (the budget), exactly.
    assert_eq!(b.forecast_plan, dec!(26.99));
}
