//! Known answers worked out by hand (the arithmetic is in the comments), and property
//! tests.

use super::*;
use crate::indicator::Level1;
use crate::settings::{GradeBands, LowerIsBetter, Rounding, Scoring};
use proptest::prelude::*;
use rust_decimal_macros::dec;

fn ind(fy: &str, w: Decimal, rule: Option<&str>) -> Indicator {
    let fy: Target = fy.parse().unwrap();
    Indicator {
        id: IndicatorId("T-01".into()),
        level1: Level1::Process,
        level2: "测试".into(),
        key_work: None,
        name: "测试指标".into(),
        h1: Target::NotApplicable,
        measure: Measure::infer("测试指标", &fy),
        fy,
        weight: w,
        rule: rule.map(|r| r.parse().unwrap()),
    }
}

fn num(d: Decimal) -> Value {
    Value::Number(d)
}

fn grade_word(word: &str, target: &str) -> Value {
    Value::Grade {
        word: word.into(),
        tier: Tier::classify(word, target).unwrap(),
    }
}

/// Score with the default settings.
fn s(fy: &str, w: Decimal, rule: Option<&str>, a: Decimal) -> Decimal {
    score_indicator(
        &ind(fy, w, rule),
        Period::FullYear,
        Some(&num(a)),
        &Scoring::default(),
    )
    .score
}

fn with(f: impl FnOnce(&mut Scoring)) -> Scoring {
    let mut sc = Scoring::default();
    f(&mut sc);
    sc
}

#[test]
fn proportional_at_and_below_target() {
    // a = t: 3 of ≥3 → full 10.
    assert_eq!(s("≥3个", dec!(10), None, dec!(3)), dec!(10));
    // Above: capped at w.
    assert_eq!(s("≥3个", dec!(10), None, dec!(5)), dec!(10));
    // Just below: 10 × 2.99 ÷ 3 = 9.9666… → 9.97.
    assert_eq!(s("≥3个", dec!(10), None, dec!(2.99)), dec!(9.97));
    // 10 × 0.9999 ÷ 1 = 9.999 → 10.00 in cents, although the target is missed.
    let r = score_indicator(
        &ind("≥100%", dec!(10), None),
        Period::FullYear,
        Some(&num(dec!(0.9999))),
        &Scoring::default(),
    );
    assert_eq!((r.score, r.met), (dec!(10), Some(false)));
    // = with t > 0 is scored as ≥: 10 × 0.98 ÷ 1 = 9.8.
    assert_eq!(s("=100%", dec!(10), None, dec!(0.98)), dec!(9.8));
    assert_eq!(s("=100%", dec!(10), None, dec!(1)), dec!(10));
    // Nothing done: 0. A negative actual scores 0, not below.
    assert_eq!(s("≥3个", dec!(10), None, dec!(0)), dec!(0));
    assert_eq!(s("≥3个", dec!(10), None, dec!(-1)), dec!(0));
}

#[test]
fn zero_targets_are_all_or_nothing() {
    // ≥0次: any a ≥ 0 meets it.
    assert_eq!(s("≥0次", dec!(10), None, dec!(0)), dec!(10));
    // =0% (预算调整率): a ≤ 0 → w, else 0.
    assert_eq!(s("=0%", dec!(3), None, dec!(0)), dec!(3));
    assert_eq!(s("=0%", dec!(3), None, dec!(0.001)), dec!(0));
    // ≤0% (三公经费变动率): all or nothing.
    assert_eq!(s("≤0%", dec!(4), None, dec!(-0.10)), dec!(4));
    assert_eq!(s("≤0%", dec!(4), None, dec!(0.05)), dec!(0));
    assert_eq!(
        default_rule(&"≤0%".parse().unwrap(), &Scoring::default()),
        Some(Rule::AllOrNothing)
    );
}

#[test]
fn lower_is_better_above_and_below() {
    // Within ≤100%: full.
    assert_eq!(s("≤100%", dec!(10), None, dec!(0.95)), dec!(10));
    assert_eq!(s("≤100%", dec!(10), None, dec!(1)), dec!(10));
    // Linear to zero (default): 10 × (1 − (1.10 − 1) ÷ 1) = 9.00.
    assert_eq!(s("≤100%", dec!(10), None, dec!(1.10)), dec!(9));
    // Zero at 2t, and not below zero past it.
    assert_eq!(s("≤100%", dec!(10), None, dec!(2)), dec!(0));
    assert_eq!(s("≤100%", dec!(10), None, dec!(2.5)), dec!(0));
    // Ratio: 10 × 1 ÷ 1.1 = 9.0909… → 9.09 (setting and explicit rule agree).
    let ratio = with(|s| s.lower_is_better = LowerIsBetter::Ratio);
    let one_ten = Some(num(dec!(1.10)));
    assert_eq!(
        score_indicator(
            &ind("≤100%", dec!(10), None),
            Period::FullYear,
            one_ten.as_ref(),
            &ratio
        )
        .score,
        dec!(9.09)
    );
    assert_eq!(s("≤100%", dec!(10), Some("ratio"), dec!(1.10)), dec!(9.09));
    // All or nothing by setting: 0 above.
    let aon = with(|s| s.lower_is_better = LowerIsBetter::AllOrNothing);
    assert_eq!(
        score_indicator(
            &ind("≤100%", dec!(10), None),
            Period::FullYear,
            one_ten.as_ref(),
            &aon
        )
        .score,
        dec!(0)
    );
    // Count: ≤5次, a = 6: 4 × (1 − 1 ÷ 5) = 3.2.
    assert_eq!(s("≤5次", dec!(4), None, dec!(6)), dec!(3.2));
}

#[test]
fn step_table_each_step() {
    // 预算调整率 =0 → 3, ≤10% → 2, ≤20% → 1, ≤30% → 0.5, else 0; weight 3.
    let rule = Some("step:=0→3;≤10%→2;≤20%→1;≤30%→0.5;else→0");
    for (a, want) in [
        (dec!(0), dec!(3)),
        (dec!(0.05), dec!(2)),
        (dec!(0.10), dec!(2)),
        (dec!(0.1001), dec!(1)),
        (dec!(0.20), dec!(1)),
        (dec!(0.25), dec!(0.5)),
        (dec!(0.30), dec!(0.5)),
        (dec!(0.31), dec!(0)),
    ] {
        assert_eq!(s("=0%", dec!(3), rule, a), want, "a = {a}");
    }
    // No else and nothing holds: 0. Points above the weight score the weight.
    assert_eq!(s("=0%", dec!(3), Some("step:≤10%→2"), dec!(0.5)), dec!(0));
    assert_eq!(s("=0%", dec!(2), Some("step:=0→3"), dec!(0)), dec!(2));
    // Points as a share of the weight: 50% of 4 = 2.
    assert_eq!(
        s("=0%", dec!(4), Some("step:=0→100%;else→50%"), dec!(0.1)),
        dec!(2)
    );
}

#[test]
fn deductions() {
    // 在职人员控制率 ≤100%, −0.5 per percentage point over; weight 5.
    let rule = Some("deduct:0.5/1%");
    assert_eq!(s("≤100%", dec!(5), rule, dec!(1)), dec!(5));
    // 3 points over: 5 − 0.5 × 3 = 3.5.
    assert_eq!(s("≤100%", dec!(5), rule, dec!(1.03)), dec!(3.5));
    // Half a point over: 5 − 0.5 × 0.5 = 4.75.
    assert_eq!(s("≤100%", dec!(5), rule, dec!(1.005)), dec!(4.75));
    // 20 points over: 5 − 10 → 0, not negative.
    assert_eq!(s("≤100%", dec!(5), rule, dec!(1.20)), dec!(0));
    // 三公经费变动率 ≤0%, −10 % of w per point: 4 − 0.4 × 2 = 3.2.
    assert_eq!(
        s("≤0%", dec!(4), Some("deduct:10%/1%"), dec!(0.02)),
        dec!(3.2)
    );
    // 预算完成率 ≥100%, −2 per 5 % short: 97 % is 3 points short, 10 − 2 × 3 ÷ 5 = 8.8.
    assert_eq!(
        s("≥100%", dec!(10), Some("deduct:2/5%"), dec!(0.97)),
        dec!(8.8)
    );
}

#[test]
fn qualitative_tiers() {
    let sc = Scoring::default();
    let t = |rule: Option<&str>, word: &str| {
        score_indicator(
            &ind("健全", dec!(1.67), rule),
            Period::FullYear,
            Some(&grade_word(word, "健全")),
            &sc,
        )
    };
    // 达成: top of 80–100 % → 1.67.
    let r = t(None, "健全");
    assert_eq!(
        (r.score, r.met, r.tier),
        (dec!(1.67), Some(true), Some(Tier::Achieved))
    );
    // 部分达成: the midpoint of [60 %, 80 %): 0.7 × 1.67 = 1.169 → 1.17.
    assert_eq!(t(None, "基本健全").score, dec!(1.17));
    // 未达成: the midpoint of [0, 60 %): 0.3 × 1.67 = 0.501 → 0.50.
    assert_eq!(t(None, "不健全").score, dec!(0.5));
    // Middle of the band: 0.9 × 1.67 = 1.503 → 1.50; 0.7 × 1.67 = 1.169 → 1.17.
    assert_eq!(t(Some("tier:middle"), "健全").score, dec!(1.5));
    assert_eq!(t(Some("tier:middle"), "基本健全").score, dec!(1.17));
    // Bottom of 部分达成 is its lower edge (included): 0.6 × 1.67 = 1.002 → 1.00; of
    // 未达成 0.
    assert_eq!(t(Some("tier:bottom"), "基本健全").score, dec!(1));
    assert_eq!(t(Some("tier:bottom"), "不健全").score, dec!(0));
    // A number for a word target cannot be scored.
    let r = score_indicator(
        &ind("健全", dec!(2), None),
        Period::FullYear,
        Some(&num(dec!(1))),
        &sc,
    );
    assert!(matches!(r.status, Status::Unscorable(_)));
}

#[test]
fn grades_at_the_edges() {
    let b = GradeBands::default();
    assert_eq!(grade(dec!(100), &b), Grade::Excellent);
    // 90.00 itself is 优; 89.99 is 良.
    assert_eq!(grade(dec!(90.00), &b), Grade::Excellent);
    assert_eq!(grade(dec!(89.99), &b), Grade::Good);
    assert_eq!(grade(dec!(80), &b), Grade::Good);
    assert_eq!(grade(dec!(79.99), &b), Grade::Fair);
    assert_eq!(grade(dec!(60), &b), Grade::Fair);
    assert_eq!(grade(dec!(59.99), &b), Grade::Poor);
    let b = GradeBands::named("80/70/60").unwrap();
    assert_eq!(grade(dec!(80), &b), Grade::Excellent);
    assert_eq!(grade(dec!(79.99), &b), Grade::Good);
    assert_eq!(grade(dec!(70), &b), Grade::Good);
    assert_eq!(grade(dec!(69.99), &b), Grade::Fair);
    assert_eq!(grade(dec!(60), &b), Grade::Fair);
    assert_eq!(grade(dec!(59.99), &b), Grade::Poor);
    assert_eq!("优秀".parse::<Grade>(), Ok(Grade::Excellent));
    assert!("甲".parse::<Grade>().is_err());
}

#[test]
fn rounding_cents_and_whole() {
    let whole = with(|s| s.rounding = Rounding::Whole);
    // 廊坊 2019: 10 × 37.24 ÷ 43.2 = 8.6203… → 8.62 in cents, 9 in whole points.
    let r = score_execution(dec!(10), dec!(37.24), dec!(43.2), &Scoring::default());
    assert_eq!((r.score, r.met), (dec!(8.62), Some(false)));
    assert_eq!(r.working.en(), "10 × 37.24 ÷ 43.2 = 8.6204… → 8.62");
    assert_eq!(
        score_execution(dec!(10), dec!(37.24), dec!(43.2), &whole).score,
        dec!(9)
    );
    // Half away from zero: 10 × 0.8625 = 8.625 → 8.63; 10 × 0.85 = 8.5 → 9 whole.
    assert_eq!(s("≥100%", dec!(10), None, dec!(0.8625)), dec!(8.63));
    let r = score_indicator(
        &ind("≥100%", dec!(10), None),
        Period::FullYear,
        Some(&num(dec!(0.85))),
        &whole,
    );
    assert_eq!((r.exact, r.score), (dec!(8.5), dec!(9)));
    // Whole points never exceed a fractional weight: 1.67 → 2 is kept at 1.67.
    assert_eq!(
        round_score(dec!(1.67), dec!(1.67), Rounding::Whole),
        dec!(1.67)
    );
}

#[test]
fn execution_rows() {
    let sc = Scoring::default();
    // 天长 2022: 880 of 880 → 10.
    assert_eq!(
        score_execution(dec!(10), dec!(880), dec!(880), &sc).score,
        dec!(10)
    );
    // Overspending is capped: 10 × min(1, 50 ÷ 40) = 10.
    assert_eq!(
        score_execution(dec!(10), dec!(50), dec!(40), &sc).score,
        dec!(10)
    );
    assert!(matches!(
        score_execution(dec!(10), dec!(5), dec!(0), &sc).status,
        Status::Unscorable(_)
    ));
    // A 预算执行率 indicator against its H1 target =46%: 10 × 0.40 ÷ 0.46 = 8.6956… → 8.70.
    let mut i = ind("=100%", dec!(10), None);
    i.name = "预算执行率".into();
    i.h1 = "=46%".parse().unwrap();
    i.measure = Measure::Execution { line: None };
    let r = score_indicator(&i, Period::H1, Some(&num(dec!(0.40))), &sc);
    assert_eq!(r.score, dec!(8.7));
}

#[test]
fn over_achievement_is_flagged() {
    // 120 % of ≥10 is 12: not above, no flag; 12.01 is.
    let at = |a| {
        score_indicator(
            &ind("≥10个", dec!(5), None),
            Period::FullYear,
            Some(&num(a)),
            &Scoring::default(),
        )
    };
    assert!(!at(dec!(12)).review);
    let r = at(dec!(12.01));
    assert!(r.review);
    assert_eq!(r.score, dec!(5));
    // Lower is better is never flagged.
    let r = score_indicator(
        &ind("≤10个", dec!(5), None),
        Period::FullYear,
        Some(&num(dec!(1))),
        &Scoring::default(),
    );
    assert!(!r.review);
}

fn row(id: &str, block: &str, w: Decimal, fy: &str, a: Option<Decimal>) -> RowScore {
    let mut i = ind(fy, w, None);
    i.id = IndicatorId(id.into());
    i.name = id.into();
    i.level1 = Level1::from_label(block).unwrap();
    score_indicator(
        &i,
        Period::FullYear,
        a.map(Value::Number).as_ref(),
        &Scoring::default(),
    )
}

#[test]
fn rescaling_with_a_not_applicable_row() {
    // Four rows of 25; one has no target (/). The other three are rescaled from 75 to
    // 100: 33.333… each, in cents 33.34 + 33.33 + 33.33. Row B is at half its target:
    // 0.5 × 33.33 = 16.665 → 16.67. Total 33.34 + 16.67 + 33.33 = 83.34 → 良.
    let rows = vec![
        row("A", "产出", dec!(25), "≥2个", Some(dec!(2))),
        row("B", "产出", dec!(25), "≥2个", Some(dec!(1))),
        row("C", "效益", dec!(25), "/", None),
        row("D", "效益", dec!(25), "≥2个", Some(dec!(3))),
    ];
    assert_eq!(rows[2].status, Status::NotApplicable);
    let card = Scorecard::build(rows, &Scoring::default());
    assert!(card.rescaled);
    let scores: Vec<_> = card.rows.iter().map(|r| (r.weight, r.score)).collect();
    assert_eq!(
        scores,
        vec![
            (dec!(33.34), dec!(33.34)),
            (dec!(33.33), dec!(16.67)),
            (dec!(25), dec!(0)),
            (dec!(33.33), dec!(33.33)),
        ]
    );
    assert_eq!((card.total, card.max), (dec!(83.34), dec!(100)));
    assert_eq!(card.grade, Grade::Good);
    assert_eq!(
        card.blocks,
        vec![
            BlockScore {
                block: "产出".into(),
                weight: dec!(66.67),
                score: dec!(50.01)
            },
            BlockScore {
                block: "效益".into(),
                weight: dec!(33.33),
                score: dec!(33.33)
            },
        ]
    );
}

#[test]
fn weights_not_adding_up_and_missing_actuals_are_findings() {
    let rows = vec![
        row("A", "产出", dec!(50), "≥2个", Some(dec!(2))),
        row("B", "产出", dec!(40), "≥2个", None),
    ];
    let card = Scorecard::build(rows, &Scoring::default());
    assert_eq!((card.total, card.max), (dec!(50), dec!(90)));
    assert!(!card.rescaled);
    let msgs: Vec<String> = card.findings.iter().map(|c| c.message.en()).collect();
    assert!(
        msgs.iter()
            .any(|m| m == "the weights add up to 90, not 100"),
        "{msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m == "`B` has no actual for FY: scored 0"),
        "{msgs:?}"
    );
}

#[test]
fn manual_adjustments() {
    let adj = |id: &str, score, reason: &str| Adjustment {
        id: IndicatorId(id.into()),
        period: Period::FullYear,
        score,
        reason: reason.into(),
    };
    let mut rows = vec![
        row("A", "产出", dec!(10), "=100%", Some(dec!(1))),
        row("B", "产出", dec!(10), "=100%", Some(dec!(1))),
    ];
    // 永德 2022: a met 100 % target docked to 7, with a reason: accepted.
    let errs = apply_adjustments(
        &mut rows,
        &[
            adj("A", dec!(7), "验收资料不全"),
            adj("B", dec!(7), "  "),
            adj("Z", dec!(1), "x"),
        ],
        Period::FullYear,
    );
    assert_eq!(
        (rows[0].rule_score, rows[0].score, rows[0].adjusted),
        (dec!(10), dec!(7), true)
    );
    assert_eq!(rows[0].reason.as_deref(), Some("验收资料不全"));
    // No reason, unknown indicator: refused, the score unchanged.
    assert_eq!((rows[1].score, rows[1].adjusted), (dec!(10), false));
    assert_eq!(errs.len(), 2);
    assert!(
        errs[0].message.en().contains("has no reason"),
        "{}",
        errs[0].message.en()
    );
    assert!(errs[1].message.en().contains("not an indicator"));
    // Above the weight: refused.
    assert!(adj("B", dec!(11), "r").validate(&rows[1]).is_err());
    assert!(adj("B", dec!(-1), "r").validate(&rows[1]).is_err());
    // A qualitative 达成 row may be set within 8–10 of 10, not to 7.
    let q = score_indicator(
        &ind("规范", dec!(10), None),
        Period::FullYear,
        Some(&grade_word("规范", "规范")),
        &Scoring::default(),
    );
    let e = adj("T-01", dec!(7), "r").validate(&q).unwrap_err();
    assert!(
        e.en()
            .contains("outside the band of its tier 达成 (8 to 10 of 10)"),
        "{e:?}"
    );
    assert!(adj("T-01", dec!(8.5), "r").validate(&q).is_ok());
    // Adjustments of the other period are not applied.
    let mut rows2 = rows.clone();
    let errs = apply_adjustments(
        &mut rows2,
        &[Adjustment {
            period: Period::H1,
            ..adj("B", dec!(1), "r")
        }],
        Period::FullYear,
    );
    assert!(errs.is_empty());
    assert_eq!(rows2[1].score, dec!(10));
    // The scorecard counts the manual score and notes it.
    let card = Scorecard::build(rows, &Scoring::default());
    assert_eq!(card.total, dec!(17));
    assert!(card
        .findings
        .iter()
        .any(|c| c.message.en() == "`A` scored 7 by hand (the rule gives 10): 验收资料不全"));
}

#[test]
fn explanations_and_likelihood() {
    let t: Target = "≥10个".parse().unwrap();
    // Review point 3: meeting the target is 确定能; short of it is 有可能 while months
    // are left, however far behind (1 of ≥10 too), and 不可能 only once settled.
    assert_eq!(
        suggest_likelihood(&t, &num(dec!(10)), false),
        Some(Likelihood::Certain)
    );
    assert_eq!(
        suggest_likelihood(&t, &num(dec!(10)), true),
        Some(Likelihood::Certain)
    );
    assert_eq!(
        suggest_likelihood(&t, &num(dec!(9.99)), false),
        Some(Likelihood::Possible)
    );
    assert_eq!(
        suggest_likelihood(&t, &num(dec!(1)), false),
        Some(Likelihood::Possible)
    );
    assert_eq!(
        suggest_likelihood(&t, &num(dec!(9.99)), true),
        Some(Likelihood::Impossible)
    );
    // ≤100 %: 121 % with months left 有可能; settled 不可能; within it 确定能.
    let le: Target = "≤100%".parse().unwrap();
    assert_eq!(
        suggest_likelihood(&le, &num(dec!(1.21)), false),
        Some(Likelihood::Possible)
    );
    assert_eq!(
        suggest_likelihood(&le, &num(dec!(1.21)), true),
        Some(Likelihood::Impossible)
    );
    assert_eq!(
        suggest_likelihood(&le, &num(dec!(1)), true),
        Some(Likelihood::Certain)
    );
    let q: Target = "健全".parse().unwrap();
    assert_eq!(
        suggest_likelihood(&q, &grade_word("基本健全", "健全"), false),
        Some(Likelihood::Possible)
    );
    assert_eq!(
        suggest_likelihood(&q, &grade_word("基本健全", "健全"), true),
        Some(Likelihood::Impossible)
    );
    assert_eq!(
        suggest_likelihood(&q, &grade_word("健全", "健全"), false),
        Some(Likelihood::Certain)
    );
    assert_eq!(suggest_likelihood(&q, &num(dec!(1)), false), None);

    let rows = vec![
        row("A", "产出", dec!(10), "≥2个", Some(dec!(1))),
        row("B", "产出", dec!(10), "≥2个", Some(dec!(1))),
        row("C", "产出", dec!(10), "≥2个", Some(dec!(2))),
        row("D", "产出", dec!(10), "/", None),
    ];
    let ex = Explanation {
        id: IndicatorId("A".into()),
        period: Period::FullYear,
        cause: Cause::Funding,
        likelihood: Likelihood::Possible,
        measures: "加快支付".into(),
    };
    let ids: Vec<&str> = to_fill(&rows, std::slice::from_ref(&ex))
        .iter()
        .map(|r| r.id.0.as_str())
        .collect();
    assert_eq!(ids, ["B"]);
    assert!(ex.problems(CauseList::Standard).is_empty());
    let bad = Explanation {
        cause: Cause::ProjectManagement,
        measures: String::new(),
        ..ex
    };
    let p = bad.problems(CauseList::Standard);
    assert_eq!(p.len(), 2, "{p:?}");
    assert!(bad.problems(CauseList::Alternative).len() == 1);
    assert_eq!("经费保障".parse::<Cause>(), Ok(Cause::Funding));
    assert_eq!("其它".parse::<Cause>(), Ok(Cause::Other));
    assert_eq!("有可能".parse::<Likelihood>(), Ok(Likelihood::Possible));
}

#[test]
fn rule_cells_round_trip() {
    for cell in [
        "proportional",
        "linear-to-zero",
        "ratio",
        "all-or-nothing",
        "tier",
        "tier:middle",
        "tier:bottom",
        "step:=0→3;≤10%→2;≤20%→1;≤30%→0.5;else→0",
        "step:≥90%→100%;≥60%→50%",
        "deduct:0.5/1%",
        "deduct:10%/1%",
        "deduct:2/5%",
        "deduct:1/1个",
    ] {
        let r: Rule = cell.parse().unwrap_or_else(|e| panic!("{cell}: {e:?}"));
        assert_eq!(r.to_string(), cell);
        assert_eq!(r.to_string().parse::<Rule>().unwrap(), r);
    }
    // Hand-written variants read to the canonical form.
    for (written, canonical) in [
        (
            "step: =0 -> 3 ； ≤10％→2; else→0;",
            "step:=0→3;≤10%→2;else→0",
        ),
        ("Proportional", "proportional"),
        ("阶梯:<=10%→2", "step:≤10%→2"),
        ("扣分:0.5/1%", "deduct:0.5/1%"),
        ("定性:中", "tier:middle"),
        ("tier:top", "tier"),
    ] {
        assert_eq!(written.parse::<Rule>().unwrap().to_string(), canonical);
    }
    for bad in [
        "best",
        "step",
        "step:",
        "step:≤10%",
        "step:10%→2",
        "step:else→0;≤10%→2",
        "step:≤10个→2",
        "step:≤10%→-1",
        "deduct:0.5",
        "deduct:0.5/0%",
        "tier:high",
        "ratio:2",
    ] {
        assert!(bad.parse::<Rule>().is_err(), "{bad}");
    }
    let e = "step:10%→2".parse::<Rule>().unwrap_err();
    assert!(e.en().contains("needs a comparator"), "{e:?}");
    // A rule that does not fit its target.
    assert!(Rule::Tier(BandPoint::Top)
        .applies_to(&"≥3个".parse().unwrap())
        .is_err());
    assert!(Rule::Proportional
        .applies_to(&"健全".parse().unwrap())
        .is_err());
    // Rules that point the wrong way.
    assert!(Rule::Proportional
        .applies_to(&"≤100%".parse().unwrap())
        .is_err());
    assert!(Rule::LinearToZero
        .applies_to(&"≥3个".parse().unwrap())
        .is_err());
    assert!(Rule::Ratio.applies_to(&"=0%".parse().unwrap()).is_ok());
    assert!(Rule::AllOrNothing
        .applies_to(&"≥3个".parse().unwrap())
        .is_ok());
}

// Property tests.

fn rule_strategy() -> impl Strategy<Value = Option<&'static str>> {
    prop::sample::select(vec![
        None,
        Some("proportional"),
        Some("linear-to-zero"),
        Some("ratio"),
        Some("all-or-nothing"),
        Some("step:=0→3;≤10%→2;≤20%→1;≤30%→0.5;else→0"),
        Some("step:≥90%→100%;≥60%→50%"),
        Some("deduct:0.5/1%"),
        Some("deduct:10%/1%"),
        Some("deduct:2/5%"),
    ])
}

fn cents(n: i64) -> Decimal {
    Decimal::new(n, 2)
}

proptest! {
    #[test]
    fn scores_lie_within_the_weight(
        cmp in prop::sample::select(vec!["≥", "≤", "=", ">", "<"]),
        t in 0i64..=300,
        a in -5000i64..=50_000,
        w in 0i64..=5000,
        rule in rule_strategy(),
        whole in any::<bool>(),
    ) {
        let sc = with(|s| s.rounding = if whole { Rounding::Whole } else { Rounding::Cents });
        let w = cents(w);
        let r = score_indicator(
            &ind(&format!("{cmp}{t}%"), w, rule),
            Period::FullYear,
            Some(&num(Decimal::new(a, 4))),
            &sc,
        );
        prop_assert!(r.score >= Decimal::ZERO && r.score <= w, "{r:?}");
        prop_assert!(r.exact >= Decimal::ZERO && r.exact <= w, "{r:?}");
        let e = score_execution(w, cents(a), cents(t), &sc);
        prop_assert!(e.score >= Decimal::ZERO && e.score <= w, "{e:?}");
    }

    #[test]
    fn more_actual_never_lowers_a_higher_is_better_score(
        t in 1i64..=10_000,
        a in 0i64..=20_000,
        more in 0i64..=5_000,
        w in 0i64..=5000,
        rule in prop::sample::select(vec![None, Some("proportional"), Some("all-or-nothing"), Some("deduct:2/5%")]),
        whole in any::<bool>(),
    ) {
        let sc = with(|s| s.rounding = if whole { Rounding::Whole } else { Rounding::Cents });
        for target in [format!("≥{}个", cents(t)), format!("≥{t}%"), format!("={t}%")] {
            // `=` is two-sided: a rule of its own may dock the over side (issue 10).
            if target.starts_with('=') && rule.is_some_and(|r| r != "proportional") && a + more > t {
                continue;
            }
            let i = ind(&target, cents(w), rule);
            let lo = score_indicator(&i, Period::FullYear, Some(&num(cents(a))), &sc);
            let hi = score_indicator(&i, Period::FullYear, Some(&num(cents(a + more))), &sc);
            prop_assert!(lo.score <= hi.score, "{target}: {lo:?} {hi:?}");
        }
    }

    #[test]
    fn the_total_is_the_sum_of_the_rows(
        rows in prop::collection::vec((1i64..=4000, any::<bool>(), 0i64..=300), 1..12),
        whole in any::<bool>(),
    ) {
        let sc = with(|s| s.rounding = if whole { Rounding::Whole } else { Rounding::Cents });
        let rs: Vec<RowScore> = rows
            .iter()
            .enumerate()
            .map(|(k, &(w, na, a))| {
                let mut i = ind(if na { "/" } else { "≥100%" }, cents(w), None);
                i.id = IndicatorId(format!("R-{k}"));
                score_indicator(&i, Period::FullYear, Some(&num(cents(a))), &sc)
            })
            .collect();
        let card = Scorecard::build(rs, &sc);
        // Each row's score from the formula, not from the rows `build` made: the
        // weights of the applicable rows, rescaled to 100 when some are dropped, times
        // min(1, actual ÷ 100 %), rounded; the total is their sum.
        let applicable: Vec<(i64, i64)> =
            rows.iter().filter(|r| !r.1).map(|&(w, _, a)| (w, a)).collect();
        let old: Vec<Decimal> = applicable.iter().map(|&(w, _)| cents(w)).collect();
        let before: Decimal = old.iter().copied().sum();
        let weights = if applicable.len() < rows.len() && before != Decimal::ONE_HUNDRED {
            crate::weights::rescale(&old, Decimal::ONE_HUNDRED)
        } else {
            old
        };
        let expected: Vec<Decimal> = applicable
            .iter()
            .zip(&weights)
            .map(|(&(_, a), &w)| round_score(w * cents(a).min(Decimal::ONE), w, sc.rounding))
            .collect();
        let scored: Vec<Decimal> =
            card.rows.iter().filter(|r| r.is_applicable()).map(|r| r.score).collect();
        prop_assert_eq!(&scored, &expected);
        prop_assert_eq!(card.total, expected.iter().copied().sum::<Decimal>());
        let blocks: Decimal = card.blocks.iter().map(|b| b.score).sum();
        prop_assert_eq!(card.total, blocks);
        prop_assert!(card.total <= card.max);
        for r in &card.rows {
            prop_assert!(r.score >= Decimal::ZERO && r.score <= r.weight);
        }
        if card.rescaled {
            prop_assert_eq!(card.max, Decimal::ONE_HUNDRED);
        }
    }
}

/// Issue 10 point 2: the default score of a tier lies inside its own half-open band,
/// and a manual score is checked against the same bands. On main 部分达成 defaulted to
/// 0.8 w (PRO-12: 0.34 of 0.42), which the manual-score check refused (band
/// 0.252–0.336); 0.336 itself was accepted as 部分达成.
#[test]
fn tier_defaults_lie_inside_half_open_bands() {
    let score = |sc: &Scoring, word: &str| {
        score_indicator(
            &ind("完善", dec!(0.42), None),
            Period::FullYear,
            Some(&grade_word(word, "完善")),
            sc,
        )
    };
    let sc = Scoring::default();
    let partly = score(&sc, "基本完善");
    // 0.42 × 70 % = 0.294 → 0.29 (main gave 0.34).
    assert_eq!(partly.score, dec!(0.29));
    // The rule's own score passes the manual-score check.
    let same = Adjustment {
        id: partly.id.clone(),
        period: Period::FullYear,
        score: partly.score,
        reason: "r".into(),
    };
    assert!(same.validate(&partly).is_ok());
    // The band is [0.252, 0.336): its top belongs to 达成.
    let at = |s: Decimal| Adjustment {
        score: s,
        ..same.clone()
    };
    assert!(at(dec!(0.252)).validate(&partly).is_ok());
    assert!(at(dec!(0.335)).validate(&partly).is_ok());
    let e = at(dec!(0.336)).validate(&partly).unwrap_err();
    assert!(e.en().contains("the top excluded"), "{e:?}");
    // 达成's band is closed: the full weight is allowed, 80 % too.
    let achieved = score(&sc, "完善");
    assert_eq!(achieved.score, dec!(0.42));
    assert!(at(dec!(0.42)).validate(&achieved).is_ok());
    assert!(at(dec!(0.336)).validate(&achieved).is_ok());
    assert!(at(dec!(0.335)).validate(&achieved).is_err());
    // 未达成: 0.42 × 30 % = 0.126 → 0.13, inside [0, 0.252).
    let not = score(&sc, "不完善");
    assert_eq!(not.score, dec!(0.13));
    assert!(at(not.score).validate(&not).is_ok());
    assert!(at(dec!(0.252)).validate(&not).is_err());

    // Hubei 80/50: 部分达成 [50 %, 80 %), midpoint 65 %: 0.42 × 0.65 = 0.273 → 0.27;
    // 未达成 [0, 50 %), midpoint 25 %: 0.105 → 0.11 (half away from zero).
    let hubei = with(|s| s.tiers.partly_from = dec!(50));
    assert_eq!(score(&hubei, "基本完善").score, dec!(0.27));
    assert_eq!(score(&hubei, "不完善").score, dec!(0.11));
    let p = score(&hubei, "基本完善");
    assert!(at(dec!(0.21)).validate(&p).is_ok());
    assert!(at(dec!(0.2)).validate(&p).is_err());
    // A default score set by the unit.
    let set = with(|s| s.tiers.partly_score = Some(dec!(75)));
    assert_eq!(score(&set, "基本完善").score, dec!(0.32));
}

/// Issue 10 point 1: `=` targets are two-sided. On main 在职人员控制率 =100% at 110 %
/// scored 0.41 of 0.41 with no deviation, `deduct:0.5/1%` gave full marks and
/// `linear-to-zero` was refused for the target.
#[test]
fn equal_targets_are_two_sided() {
    let row = |fy: &str, rule: Option<&str>, a: Decimal| {
        score_indicator(
            &ind(fy, dec!(0.41), rule),
            Period::FullYear,
            Some(&num(a)),
            &Scoring::default(),
        )
    };
    // Default over side: full marks, marked 偏离目标, listed to explain.
    let r = row("=100%", None, dec!(1.10));
    assert_eq!((r.score, r.deviation), (dec!(0.41), true));
    assert!(r.working.en().contains("偏离目标"), "{:?}", r.working);
    assert_eq!(to_fill(std::slice::from_ref(&r), &[]).len(), 1);
    // Exactly on target: no deviation, nothing to explain.
    let r = row("=100%", None, dec!(1));
    assert_eq!((r.score, r.deviation), (dec!(0.41), false));
    assert!(to_fill(std::slice::from_ref(&r), &[]).is_empty());
    // Below: scored as ≥: 0.41 × 0.95 = 0.3895 → 0.39.
    let r = row("=100%", None, dec!(0.95));
    assert_eq!((r.score, r.deviation), (dec!(0.39), false));
    // Hunan: −0.5 per point over: 10 points over on a weight of 10 → 5.
    let hunan = |a| {
        score_indicator(
            &ind("=100%", dec!(10), Some("deduct:0.5/1%")),
            Period::FullYear,
            Some(&num(a)),
            &Scoring::default(),
        )
    };
    let r = hunan(dec!(1.10));
    assert_eq!((r.score, r.deviation), (dec!(5), true));
    // On the 0.41 weight 110 % takes all: 0.41 − 0.5 × 10 < 0 → 0.
    assert_eq!(
        row("=100%", Some("deduct:0.5/1%"), dec!(1.10)).score,
        dec!(0)
    );
    // The under side of a deduction counts points short too: 96 % → 10 − 2 = 8.
    assert_eq!(hunan(dec!(0.96)).score, dec!(8));
    // linear-to-zero is accepted and scores the over side: 10 × (1 − 0.1 ÷ 1) = 9 at
    // 110 %; below it is scored as ≥ (9.5 at 95 %).
    let lin = |a| {
        score_indicator(
            &ind("=100%", dec!(10), Some("linear-to-zero")),
            Period::FullYear,
            Some(&num(a)),
            &Scoring::default(),
        )
    };
    assert!(Rule::LinearToZero
        .applies_to(&"=100%".parse().unwrap())
        .is_ok());
    assert_eq!(lin(dec!(1.10)).status, Status::Scored);
    assert_eq!(lin(dec!(1.10)).score, dec!(9));
    assert_eq!(lin(dec!(0.95)).score, dec!(9.5));
    // A step table applies to the over side: ≤105 % → 8, else 4.
    let step = |a| {
        score_indicator(
            &ind("=100%", dec!(10), Some("step:≤105%→8;else→4")),
            Period::FullYear,
            Some(&num(a)),
            &Scoring::default(),
        )
        .score
    };
    assert_eq!(step(dec!(1.03)), dec!(8));
    assert_eq!(step(dec!(1.2)), dec!(4));
    // t = 0: a ≤ 0 gives w, else 0.
    assert_eq!(row("=0%", None, dec!(0)).score, dec!(0.41));
    assert_eq!(row("=0%", None, dec!(0.01)).score, dec!(0));
    assert!(!row("=0%", None, dec!(0)).deviation);
    // 预算执行率 keeps w × min(1, rate), no deviation.
    let mut e = ind("=46%", dec!(10), None);
    e.measure = Measure::Execution { line: None };
    let r = score_indicator(
        &e,
        Period::FullYear,
        Some(&num(dec!(0.5))),
        &Scoring::default(),
    );
    assert_eq!((r.score, r.deviation), (dec!(10), false));
}
