//! Scoring known answers at the edges the rest of the suite left open (found with
//! cargo-mutants, see crates/core/MUTANTS.md): step conditions at their boundaries,
//! default rules for zero targets, workings, fractions, manual scores at the limits
//! of their range, and the words of grades and likelihoods.

use attain_core::scoring::{
    default_rule, round_score, rule_for, score_indicator, Adjustment, Cause, Likelihood, Status,
};
use attain_core::settings::{Rounding, Scoring};
use attain_core::{
    Decimal, Grade, Indicator, IndicatorId, Level1, Measure, Period, RowScore, Rule, Scorecard,
    Target, Value,
};
use rust_decimal_macros::dec;

fn ind(fy: &str, w: Decimal, rule: Option<&str>, measure: Measure) -> Indicator {
    Indicator {
        id: IndicatorId("X".into()),
        level1: Level1::from_label("产出").unwrap(),
        level2: "质量指标".into(),
        key_work: None,
        name: "X".into(),
        h1: Target::parse(fy).unwrap().target,
        fy: Target::parse(fy).unwrap().target,
        weight: w,
        measure,
        rule: rule.map(|r| r.parse().unwrap()),
    }
}

fn score(fy: &str, w: Decimal, rule: Option<&str>, a: Decimal) -> RowScore {
    score_indicator(
        &ind(fy, w, rule, Measure::Latest),
        Period::FullYear,
        Some(&Value::Number(a)),
        &Scoring::default(),
    )
}

#[test]
fn step_conditions_hold_at_their_boundaries() {
    let rule = Some("step:≥90%→3;>80%→2;<50%→0;else→1");
    let at = |a: Decimal| score("≥100%", dec!(3), rule, a).score;
    assert_eq!(at(dec!(0.90)), dec!(3), "≥ includes the boundary");
    assert_eq!(at(dec!(0.8999)), dec!(2));
    assert_eq!(at(dec!(0.80)), dec!(1), "> excludes it");
    assert_eq!(at(dec!(0.50)), dec!(1), "< excludes it");
    assert_eq!(at(dec!(0.4999)), dec!(0));
    let rule = Some("step:=0→3;≤10%→2;else→0");
    let at = |a: Decimal| score("=0%", dec!(3), rule, a).score;
    assert_eq!(
        (at(dec!(0)), at(dec!(0.10)), at(dec!(0.1001))),
        (dec!(3), dec!(2), dec!(0))
    );
}

#[test]
fn a_step_or_deduct_rule_needs_its_table() {
    for r in ["step", "阶梯", "deduct", "扣分"] {
        let e = r.parse::<Rule>().unwrap_err();
        assert!(
            e.en().contains("needs its table after a colon"),
            "{r}: {e:?}"
        );
    }
}

#[test]
fn default_rules_for_zero_and_positive_targets() {
    let s = Scoring::default();
    let t = |x: &str| Target::parse(x).unwrap().target;
    assert_eq!(default_rule(&t("≥5个"), &s), Some(Rule::Proportional));
    assert_eq!(default_rule(&t("≥0个"), &s), Some(Rule::AllOrNothing));
    assert_eq!(default_rule(&t("≤0%"), &s), Some(Rule::AllOrNothing));
    assert_eq!(default_rule(&t("≤5%"), &s), Some(Rule::LinearToZero));
    // Budget execution is proportional whatever its comparator, above zero.
    let exec = |fy: &str| {
        rule_for(
            &ind(fy, dec!(10), None, Measure::Execution { line: None }),
            Period::FullYear,
            &s,
        )
    };
    assert_eq!(exec("≤50%"), Some(Rule::Proportional));
    assert_eq!(exec("=100%"), Some(Rule::Proportional));
    assert_eq!(exec("=0%"), Some(Rule::AllOrNothing));
    // A zero target met scores in full.
    assert_eq!(score("≥0个", dec!(4), None, dec!(0)).score, dec!(4));
}

#[test]
fn rules_that_would_divide_by_zero_are_unscorable_not_a_crash() {
    for (fy, rule, a) in [
        ("≥0个", "proportional", dec!(0)),
        ("≤0%", "linear-to-zero", dec!(0.01)),
        ("≤0%", "ratio", dec!(0.01)),
        ("≤10%", "ratio", dec!(0)),
    ] {
        let r = score(fy, dec!(5), Some(rule), a);
        assert!(
            r.score >= Decimal::ZERO && r.score <= dec!(5),
            "{fy} {rule} {a}: {r:?}"
        );
    }
    // Ratio at an actual of zero is within the target: full points.
    assert_eq!(
        score("≤10%", dec!(5), Some("ratio"), dec!(0)).score,
        dec!(5)
    );
}

#[test]
fn workings_show_the_formula_and_the_rounding() {
    let w = |fy: &str, a: Decimal| score(fy, dec!(10), None, a).working.en();
    assert_eq!(w("≥100%", dec!(1)), "100% reaches 100%: 10");
    assert_eq!(
        score("≥100%", dec!(10), None, dec!(1)).working.zh(),
        "100% 达到 100%：10"
    );
    // A partial step score, rounded: the worded working and then the arithmetic.
    let q = score("≥3个", dec!(10), Some("step:≥2→7.5;else→0"), dec!(2));
    assert_eq!(q.working.en(), "2 meets ≥2: 7.5");
    assert_eq!(q.working.zh(), "2 符合 ≥2：7.5");
    assert_eq!(w("≥100%", dec!(0.5)), "10 × 50% ÷ 100% = 5");
    assert_eq!(w("≥3个", dec!(1)), "10 × 1 ÷ 3 = 3.3333… → 3.33");
    assert_eq!(w("≥8个", dec!(1)), "10 × 1 ÷ 8 = 1.25");
}

#[test]
fn the_fraction_of_a_row_is_its_score_over_its_weight() {
    let r = score("≥100%", dec!(10), None, dec!(0.75));
    assert_eq!(r.fraction(), dec!(0.75));
    let mut adjusted = r.clone();
    adjusted.score = dec!(4);
    adjusted.adjusted = true;
    assert_eq!(adjusted.fraction(), dec!(0.4));
    let zero = score("≥100%", dec!(0), None, dec!(0.75));
    assert_eq!(zero.fraction(), Decimal::ZERO);
}

#[test]
fn weights_that_do_not_add_up_are_not_rescaled_without_a_dropped_row() {
    let rows = vec![
        score("≥100%", dec!(50), None, dec!(1)),
        score("≥100%", dec!(40), None, dec!(0.5)),
    ];
    let card = Scorecard::build(rows, &Scoring::default());
    assert!(!card.rescaled);
    assert_eq!((card.total, card.max), (dec!(70), dec!(90)));
    assert!(card
        .findings
        .iter()
        .any(|f| f.message.en() == "the weights add up to 90, not 100"));
}

#[test]
fn an_unscorable_row_is_a_finding() {
    // A word for a number target cannot be scored.
    let r = score_indicator(
        &ind("≥3个", dec!(100), None, Measure::Sum),
        Period::FullYear,
        Some(&Value::Grade {
            word: "健全".into(),
            tier: attain_core::Tier::Achieved,
        }),
        &Scoring::default(),
    );
    assert!(matches!(r.status, Status::Unscorable(_)), "{r:?}");
    let card = Scorecard::build(vec![r], &Scoring::default());
    assert!(
        card.findings
            .iter()
            .any(|f| f.message.en().starts_with("`X` cannot be scored: ")),
        "{:?}",
        card.findings
    );
}

#[test]
fn manual_scores_at_the_limits_of_their_range_are_accepted() {
    let adj = |s: Decimal| Adjustment {
        id: IndicatorId("X".into()),
        period: Period::FullYear,
        score: s,
        reason: "核实".into(),
    };
    let row = score("≥100%", dec!(10), None, dec!(0.5));
    assert!(adj(dec!(0)).validate(&row).is_ok());
    assert!(adj(dec!(10)).validate(&row).is_ok());
    assert!(adj(dec!(10.01)).validate(&row).is_err());
    assert!(adj(dec!(-0.01)).validate(&row).is_err());
    // A qualitative row partly achieved: its band is [60 %, 80 %) of the weight, half-open
    // (DOMAIN.md §3): 6 is in, 8 belongs to the band above.
    let q = score_indicator(
        &ind("健全", dec!(10), None, Measure::Grade),
        Period::FullYear,
        Some(&Value::Grade {
            word: "基本健全".into(),
            tier: attain_core::Tier::Partly,
        }),
        &Scoring::default(),
    );
    assert!(adj(dec!(6)).validate(&q).is_ok());
    assert!(adj(dec!(7.99)).validate(&q).is_ok());
    assert!(adj(dec!(8)).validate(&q).is_err());
    assert!(adj(dec!(5.99)).validate(&q).is_err());
}

#[test]
fn grades_causes_and_likelihoods_have_their_words() {
    let g = [Grade::Excellent, Grade::Good, Grade::Fair, Grade::Poor];
    let words: Vec<_> = g.iter().map(|g| (g.zh(), g.en(), g.to_string())).collect();
    assert_eq!(words[0], ("优", "优 (excellent)", "优".to_string()));
    assert_eq!(words[3], ("差", "差 (poor)", "差".to_string()));
    let l = [
        Likelihood::Certain,
        Likelihood::Possible,
        Likelihood::Impossible,
    ];
    let words: Vec<_> = l.iter().map(|l| (l.zh(), l.en(), l.to_string())).collect();
    assert_eq!(
        words,
        [
            ("确定能", "certain", "确定能".to_string()),
            ("有可能", "possible", "有可能".to_string()),
            ("不可能", "impossible", "不可能".to_string())
        ]
    );
    assert_eq!(Cause::Funding.to_string(), "经费保障");
    assert_eq!(round_score(dec!(0), dec!(0), Rounding::Cents), dec!(0));
}

#[test]
fn zero_targets_and_steps_never_divide_by_zero() {
    use attain_core::scoring::{Deduction, Points};
    // A negative actual against a zero target under proportional: not met, 0.
    assert_eq!(
        score("≥0%", dec!(5), Some("proportional"), dec!(-0.01)).score,
        dec!(0)
    );
    // A deduction with a step of zero (only possible when built by hand).
    let mut i = ind("≥100%", dec!(5), None, Measure::Latest);
    i.rule = Some(Rule::Deduct(Deduction {
        points: Points {
            value: dec!(1),
            of_weight: false,
        },
        per: Decimal::ZERO,
        per_unit: attain_core::Unit::new("%"),
    }));
    let r = score_indicator(
        &i,
        Period::FullYear,
        Some(&Value::Number(dec!(0.5))),
        &Scoring::default(),
    );
    assert_eq!(r.score, dec!(0), "not met: nothing");
}

#[test]
fn a_card_of_only_not_applicable_rows_has_no_weight_warning() {
    let card = Scorecard::build(
        vec![score("/", dec!(100), None, dec!(1))],
        &Scoring::default(),
    );
    assert!(
        !card
            .findings
            .iter()
            .any(|f| f.message.en().starts_with("the weights add up to")),
        "{:?}",
        card.findings
    );
}

#[test]
fn a_negative_lower_is_better_target_under_ratio_is_all_or_nothing() {
    // 三公经费变动率 ≤ −5 %: −1 % misses it; the ratio t ÷ a would give 5 (full points).
    assert_eq!(
        score("≤-5%", dec!(5), Some("ratio"), dec!(-0.01)).score,
        dec!(0)
    );
    assert_eq!(
        score("≤-5%", dec!(5), Some("ratio"), dec!(-0.06)).score,
        dec!(5)
    );
}
