//! Known answers for `review.rs` that cargo-mutants found untested from within core:
//! each test builds a published table in miniature and fixes the findings, notes and
//! totals the review must give (see crates/core/MUTANTS.md).

use attain_core::review::{
    is_blank_explanation, review, Figure, FindingKind, PublishedBlock, PublishedFunds,
    PublishedGrade, PublishedRow, PublishedSubtotal, PublishedTable, PublishedTotal, Review,
    SkippedRow, StatedWeight,
};
use attain_core::settings::{Rounding, Scoring};
use attain_core::{Decimal, Grade, Level1, Target, Value};
use rust_decimal_macros::dec;

fn row(line: usize, l1: &str, name: &str, t: &str, a: Option<Decimal>) -> PublishedRow {
    PublishedRow {
        line,
        level1: Level1::from_label(l1).unwrap(),
        level2: "数量指标".into(),
        name: name.into(),
        target_text: t.into(),
        target: (!t.is_empty()).then(|| Target::parse(t).unwrap().target),
        actual_text: a.map(|a| a.to_string()).unwrap_or_default(),
        actual: a.map(Value::Number),
        weight: None,
        score: None,
        explanation: String::new(),
    }
}

fn scored(mut r: PublishedRow, weight: Option<Decimal>, score: Option<Decimal>) -> PublishedRow {
    r.weight = weight;
    r.score = score;
    r
}

fn funds(
    weight: Option<Decimal>,
    budget: Decimal,
    executed: Decimal,
    score: Option<Decimal>,
) -> PublishedFunds {
    PublishedFunds {
        line: 5,
        initial: Some(budget),
        budget: Some(budget),
        executed: Some(executed),
        weight,
        rate: None,
        score,
    }
}

fn total(line: usize, weight: Option<Decimal>, score: Option<Decimal>) -> PublishedTotal {
    PublishedTotal {
        line,
        weight,
        score,
    }
}

/// (line, code, published, expected) of every finding.
fn findings(rv: &Review) -> Vec<(usize, &'static str, Option<String>, Option<String>)> {
    rv.findings
        .iter()
        .map(|f| {
            (
                f.line,
                f.kind.code(),
                f.published.as_ref().map(|p| p.to_string()),
                f.expected.as_ref().map(|p| p.to_string()),
            )
        })
        .collect()
}

fn messages(rv: &Review) -> Vec<String> {
    rv.findings.iter().map(|f| f.message.en()).collect()
}

fn notes(rv: &Review) -> Vec<(Option<usize>, String)> {
    rv.notes.iter().map(|n| (n.line, n.message.en())).collect()
}

fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

#[test]
fn finding_kinds_figures_and_blank_explanations() {
    use FindingKind::*;
    let all = [
        ScoreDiffers,
        ScoreAboveWeight,
        MetTargetDocked,
        DockedWithoutExplanation,
        SubtotalMismatch,
        TotalMismatch,
        GradeMismatch,
        WeightsNot100,
        RateDiffers,
        NotApplicableScored,
        FootnoteSplitDiffers,
        RowSkipped,
    ];
    assert_eq!(
        all.map(|k| k.to_string()),
        [
            "score-differs",
            "score-above-weight",
            "met-target-docked",
            "docked-without-explanation",
            "subtotal-mismatch",
            "total-mismatch",
            "grade-mismatch",
            "weights-not-100",
            "rate-differs",
            "not-applicable-scored",
            "footnote-split-differs",
            "row-skipped",
        ]
    );
    assert_eq!(
        serde_json::to_string(&RowSkipped).unwrap(),
        "\"row-skipped\""
    );
    assert_eq!(Figure::Points(dec!(8.50)).to_string(), "8.5");
    assert_eq!(Figure::Text("97.9%".into()).to_string(), "97.9%");
    assert_eq!(
        serde_json::to_string(&Figure::Points(dec!(10.00))).unwrap(),
        "\"10\""
    );
    for blank in ["", " 0 ", "-", "—", "——", "/", "／", "无", "不适用"] {
        assert!(is_blank_explanation(blank), "{blank:?}");
    }
    for said in ["尾款未付", "00", "无。"] {
        assert!(!is_blank_explanation(said), "{said:?}");
    }
}

#[test]
fn a_department_form_counts_its_repeated_funds_row_once() {
    // 预算执行率 10 of 10 repeated on the 年度资金总额 row; 90 for the other row.
    let t = PublishedTable {
        funds: Some(funds(Some(dec!(10)), dec!(100), dec!(100), Some(dec!(10)))),
        rows: vec![
            scored(
                row(10, "过程", "预算执行率", "=100%", None),
                Some(dec!(10)),
                Some(dec!(10)),
            ),
            scored(
                row(11, "产出", "完工率", "≥100", Some(dec!(100))),
                Some(dec!(90)),
                Some(dec!(90)),
            ),
        ],
        has_row_weights: true,
        total: Some(total(20, Some(dec!(100)), Some(dec!(100)))),
        grade: Some(PublishedGrade {
            line: 21,
            word: "优".into(),
        }),
        ..PublishedTable::default()
    };
    let rv = review(&t, &Scoring::default());
    assert_eq!(findings(&rv), []);
    assert!(rv.is_consistent());
    // Consistent as it is: no other profile to suggest.
    assert_eq!(rv.consistent_with, None);
    assert_eq!(rv.weight_total, dec!(100));
    assert_eq!(
        (rv.total.sum_of_rows, rv.total.recomputed),
        (dec!(100), dec!(100))
    );
    assert_eq!(
        notes(&rv),
        [
            (Some(5), "the 年度资金总额 row repeats the 分值 and 得分 of `预算执行率` on line 10: counted once".into()),
            (Some(10), "`预算执行率` has no actual: it cannot be recomputed and its published score is taken as given".into()),
        ]
    );
    // The funds row is still listed and checked.
    assert_eq!(rv.rows[0].indicator, "预算执行率 (年度资金总额)");
    assert_eq!(rv.rows[0].counted, dec!(10));
    assert_eq!(
        (rv.rows[0].target.as_str(), rv.rows[0].actual.as_str()),
        ("100", "100")
    );
    assert_eq!(rv.grade.published.as_deref(), Some("优"));
    assert_eq!(
        (rv.grade.expected, rv.grade.recomputed),
        (Grade::Excellent, Grade::Excellent)
    );
}

#[test]
fn the_funds_row_is_recomputed_when_it_can_be() {
    let table = |f: PublishedFunds| PublishedTable {
        funds: Some(f),
        rows: vec![scored(
            row(10, "产出", "完工率", "≥100", Some(dec!(100))),
            Some(dec!(90)),
            Some(dec!(90)),
        )],
        ..PublishedTable::default()
    };
    // No score published: the rule's 9 is counted, with a note.
    let rv = review(
        &table(funds(Some(dec!(10)), dec!(100), dec!(90), None)),
        &Scoring::default(),
    );
    assert_eq!(rv.rows[0].counted, dec!(9));
    assert_eq!(
        (rv.total.sum_of_rows, rv.total.recomputed),
        (dec!(90), dec!(99))
    );
    assert_eq!(
        notes(&rv)[0],
        (
            Some(5),
            "预算执行率 (年度资金总额) has no published score; the rule gives 9".into()
        )
    );
    assert!(!rv.rows[0].flagged && rv.rows[0].recomputed.is_some());
    // A zero budget: taken as given.
    let rv = review(
        &table(funds(Some(dec!(10)), dec!(0), dec!(5), Some(dec!(7)))),
        &Scoring::default(),
    );
    assert_eq!(
        notes(&rv)[0],
        (Some(5), "预算执行率 (年度资金总额) cannot be recomputed (the budget is 0: there is nothing to divide by): its score is taken as given".into())
    );
    assert_eq!(
        (rv.rows[0].counted, rv.rows[0].recomputed.is_none()),
        (dec!(7), true)
    );
    assert_eq!(rv.total.recomputed, dec!(97));
    // No weight: the section label's weight stands in; without one, taken as given.
    let mut t = table(funds(None, dec!(100), dec!(80), Some(dec!(8))));
    let rv = review(&t, &Scoring::default());
    assert_eq!(
        notes(&rv)[0],
        (Some(5), "预算执行率 (年度资金总额) lacks the budget, the executed amount or the weight: its score is taken as given".into())
    );
    assert_eq!((rv.weight_total, rv.total.recomputed), (dec!(90), dec!(98)));
    t.execution_weight = Some(StatedWeight {
        line: 4,
        label: "预算执行".into(),
        level1: None,
        weight: dec!(10),
    });
    let rv = review(&t, &Scoring::default());
    assert_eq!(findings(&rv), []);
    assert_eq!(
        (rv.weight_total, rv.rows[0].weight),
        (dec!(100), Some(dec!(10)))
    );
    // Scored 10 where 10 × 80 ÷ 100 = 8: above the rule, not above the weight.
    let rv = review(
        &table(funds(Some(dec!(10)), dec!(100), dec!(80), Some(dec!(10)))),
        &Scoring::default(),
    );
    assert_eq!(findings(&rv), [(5, "score-differs", s("10"), s("8"))]);
    assert!(rv.rows[0].flagged && !rv.rows[1].flagged);
}

#[test]
fn a_published_rate_may_be_rounded_or_truncated_but_not_wrong() {
    let rate = |r: Decimal, dp: u32| {
        let mut f = funds(Some(dec!(10)), dec!(100), dec!(97.8089), None);
        f.rate = Some((r, dp));
        let t = PublishedTable {
            funds: Some(f),
            ..PublishedTable::default()
        };
        review(&t, &Scoring::default())
            .findings
            .into_iter()
            .filter(|f| f.kind == FindingKind::RateDiffers)
            .map(|f| {
                (
                    f.published.unwrap().to_string(),
                    f.expected.unwrap().to_string(),
                    f.message.en(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(rate(dec!(0.9781), 2), []);
    assert_eq!(rate(dec!(0.9780), 2), []);
    assert_eq!(rate(dec!(0.98), 0), []);
    assert_eq!(rate(dec!(0.97), 0), []);
    assert_eq!(
        rate(dec!(0.9790), 2),
        [(
            "97.9%".to_string(),
            "97.81%".to_string(),
            "the published 执行率 is 97.9% but 97.8089 ÷ 100 = 97.81%".to_string()
        )]
    );
    assert_eq!(rate(dec!(0.96), 0).len(), 1);
}

#[test]
fn not_applicable_rows_are_dropped_and_must_carry_nothing() {
    let na = |line, name: &str, w: Option<Decimal>, sc: Option<Decimal>| {
        scored(row(line, "产出", name, "/", None), w, sc)
    };
    let mut empty = row(14, "产出", "空行", "", None);
    empty.target = None;
    let t = PublishedTable {
        rows: vec![
            scored(
                row(10, "产出", "完工率", "≥100", Some(dec!(100))),
                Some(dec!(100)),
                Some(dec!(100)),
            ),
            na(11, "/", Some(dec!(5)), Some(dec!(4))),
            na(12, "", Some(dec!(5)), None),
            na(13, "／", None, Some(dec!(3))),
            empty,
            // A weight and an actual but no target: nothing to score against.
            scored(
                row(15, "产出", "设备数", "/", Some(dec!(1))),
                Some(dec!(2)),
                None,
            ),
        ],
        has_row_weights: true,
        ..PublishedTable::default()
    };
    let rv = review(&t, &Scoring::default());
    assert_eq!(
        findings(&rv),
        [
            (10, "weights-not-100", s("112"), s("100")),
            (11, "not-applicable-scored", s("4"), s("/")),
            (12, "not-applicable-scored", None, s("/")),
            (13, "not-applicable-scored", s("3"), s("/")),
        ]
    );
    assert_eq!(
        messages(&rv)[1..],
        [
            "产出/数量指标: `/` has no target (/) but carries the weight 5 and the score 4: a not-applicable indicator is dropped and the other weights rescaled to 100",
            "产出/数量指标: `` has no target (/) but carries the weight 5: a not-applicable indicator is dropped and the other weights rescaled to 100",
            "产出/数量指标: `／` has no target (/) but carries the score 3: a not-applicable indicator is dropped and the other weights rescaled to 100",
        ]
    );
    assert_eq!(
        notes(&rv)[..2],
        [
            (
                Some(14),
                "产出/数量指标: `空行` is not applicable (no target, weight or score): not counted"
                    .into()
            ),
            (
                Some(15),
                "`设备数` has a weight but no target (/): its published score is taken as given"
                    .into()
            ),
        ]
    );
    // The scores carried count in the recomputed total; only rows reviewed are listed.
    assert_eq!(rv.total.recomputed, dec!(107));
    assert_eq!(rv.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [10, 15]);
}

#[test]
fn a_table_without_row_weights_is_weighted_by_its_block_labels() {
    // Hubei: `预算执行（20分）` with one row, `产出指标（80分）` with two.
    let block = |line, label: &str, w| PublishedBlock {
        line,
        level1: Level1::from_label(label).unwrap(),
        label: label.into(),
        weight: Some(w),
    };
    let t = PublishedTable {
        blocks: vec![
            block(9, "预算执行（20分）", dec!(20)),
            block(11, "产出指标（80分）", dec!(80)),
        ],
        rows: vec![
            scored(
                row(10, "预算执行", "预算执行率", "≥90%", Some(dec!(0.95))),
                None,
                Some(dec!(20)),
            ),
            scored(
                row(12, "产出", "完工率", "≥100", Some(dec!(100))),
                None,
                Some(dec!(50)),
            ),
            scored(
                row(13, "产出", "验收率", "≥100", Some(dec!(100))),
                None,
                Some(dec!(35)),
            ),
        ],
        // The footnote agrees with the 产出 label (80), whatever 预算执行's.
        footnote: vec![StatedWeight {
            line: 40,
            label: "产出指标".into(),
            level1: Some(Level1::Output),
            weight: dec!(80),
        }],
        total: Some(total(20, None, Some(dec!(105)))),
        ..PublishedTable::default()
    };
    let rv = review(&t, &Scoring::default());
    assert_eq!(
        findings(&rv),
        [(11, "score-above-weight", s("85"), s("80"))]
    );
    assert_eq!(
        messages(&rv),
        ["the rows of the block `产出指标（80分）` score 85 together but the block has 80 分"]
    );
    assert_eq!(
        rv.not_checked.iter().map(|m| m.en()).collect::<Vec<_>>(),
        ["row scores, met targets docked and scores above weight: the table has no 分值 column, so rows have no weights"]
    );
    assert_eq!(
        notes(&rv),
        [(
            Some(10),
            "`预算执行率` is the only row of its block: it has the block's 20 points".into()
        )]
    );
    assert_eq!(rv.weight_total, dec!(100));
    assert_eq!(rv.rows[0].weight, Some(dec!(20)));
    assert_eq!(rv.rows[1].weight, None);
    assert_eq!(rv.total.recomputed, dec!(105));
}

#[test]
fn stated_weights_subtotals_and_block_scores_add_up() {
    let w = |r, x: Decimal| scored(r, Some(x), Some(x));
    let st = |line, l1: &str, weight, score| PublishedSubtotal {
        line,
        level1: Level1::from_label(l1).unwrap(),
        weight,
        score,
    };
    let t = PublishedTable {
        rows: vec![
            w(row(10, "决策", "a", "≥1", Some(dec!(1))), dec!(10)),
            w(row(11, "决策", "b", "≥1", Some(dec!(1))), dec!(10)),
            w(row(13, "产出", "c", "≥1", Some(dec!(1))), dec!(30)),
            w(row(14, "决策", "d", "≥1", Some(dec!(1))), dec!(5)),
            w(row(16, "效益", "e", "≥1", Some(dec!(1))), dec!(45)),
        ],
        has_row_weights: true,
        subtotals: vec![
            st(12, "决策", Some(dec!(20)), Some(dec!(21))),
            st(15, "决策", Some(dec!(5)), None),
            st(17, "效益", Some(dec!(45)), Some(dec!(40))),
        ],
        block_scores: vec![
            st(30, "决策", Some(dec!(25)), Some(dec!(25))),
            st(31, "产出", Some(dec!(31)), Some(dec!(30))),
            st(32, "效益", None, Some(dec!(44))),
        ],
        targets_weight: Some(StatedWeight {
            line: 8,
            label: "年度目标".into(),
            level1: None,
            weight: dec!(90),
        }),
        footnote: vec![
            StatedWeight {
                line: 40,
                label: "产出指标".into(),
                level1: Some(Level1::Output),
                weight: dec!(50),
            },
            StatedWeight {
                line: 41,
                label: "决策指标".into(),
                level1: Some(Level1::Decision),
                weight: dec!(25),
            },
        ],
        total: Some(total(20, Some(dec!(100)), Some(dec!(100)))),
        ..PublishedTable::default()
    };
    let rv = review(&t, &Scoring::default());
    assert_eq!(
        findings(&rv),
        [
            (8, "score-above-weight", s("100"), s("90")),
            (8, "subtotal-mismatch", s("90"), s("100")),
            (12, "subtotal-mismatch", s("21"), s("20")),
            (17, "subtotal-mismatch", s("40"), s("45")),
            (31, "subtotal-mismatch", s("31"), s("30")),
            (32, "subtotal-mismatch", s("44"), s("45")),
            (40, "footnote-split-differs", s("30"), s("50")),
        ]
    );
    assert_eq!(
        messages(&rv),
        [
            "the indicator rows score 100 together but `年度目标` has 90 分",
            "`年度目标` has 90 分 but the weights of the indicator rows add up to 100",
            "the 决策小计 row gives 得分 21 but its 2 rows add up to 20",
            "the 效益小计 row gives 得分 40 but its 1 rows add up to 45",
            "the block score table gives 产出 分值 31 but its 1 rows add up to 30",
            "the block score table gives 效益 得分 44 but its 1 rows add up to 45",
            "the footnote sets 产出指标 at 50 分 but the table gives it 30",
        ]
    );
}

#[test]
fn a_row_left_out_stops_the_sums_that_would_miss_it() {
    let w = |r, x: Decimal| scored(r, Some(x), Some(x));
    let t = PublishedTable {
        blocks: vec![PublishedBlock {
            line: 9,
            level1: Level1::Output,
            label: "产出指标(60分)".into(),
            weight: Some(dec!(60)),
        }],
        rows: vec![
            w(row(10, "产出", "a", "≥1", Some(dec!(1))), dec!(30)),
            w(row(12, "效益", "b", "≥1", Some(dec!(1))), dec!(40)),
        ],
        has_row_weights: true,
        subtotals: vec![PublishedSubtotal {
            line: 13,
            level1: Level1::Output,
            weight: Some(dec!(60)),
            score: Some(dec!(60)),
        }],
        block_scores: vec![PublishedSubtotal {
            line: 30,
            level1: Level1::Output,
            weight: Some(dec!(60)),
            score: None,
        }],
        footnote: vec![StatedWeight {
            line: 40,
            label: "产出指标".into(),
            level1: Some(Level1::Output),
            weight: dec!(60),
        }],
        skipped: vec![SkippedRow {
            line: 11,
            level1: Some(Level1::Output),
            name: "c".into(),
            reasons: vec![
                attain_core::msg::Msg::verbatim("the score is cut"),
                attain_core::msg::Msg::verbatim("the weight is cut"),
            ],
        }],
        total: Some(total(20, Some(dec!(100)), Some(dec!(100)))),
        ..PublishedTable::default()
    };
    let rv = review(&t, &Scoring::default());
    assert_eq!(findings(&rv), [(11, "row-skipped", None, None)]);
    assert!(messages(&rv)[0].starts_with("`c` was left out of the review: the score is cut"));
    assert!(messages(&rv)[0].ends_with("the weight is cut"));
    assert_eq!(
        rv.not_checked.iter().map(|m| m.en()).collect::<Vec<_>>(),
        [
            "the block `产出指标(60分)`: one of its rows could not be read",
            "the 总分 and the sum of the weights: 1 row(s) could not be read",
        ]
    );
    // Without the cut row, the same table is checked in full.
    let mut whole = t.clone();
    whole.skipped.clear();
    let rv = review(&whole, &Scoring::default());
    assert_eq!(
        findings(&rv),
        [
            (9, "subtotal-mismatch", s("60"), s("30")),
            (13, "subtotal-mismatch", s("60"), s("30")),
            (13, "subtotal-mismatch", s("60"), s("30")),
            (20, "total-mismatch", s("100"), s("70")),
            (20, "total-mismatch", s("100"), s("70")),
            (20, "weights-not-100", s("70"), s("100")),
            (30, "subtotal-mismatch", s("60"), s("30")),
            (40, "footnote-split-differs", s("30"), s("60")),
        ]
    );
    // A skipped row without reasons still says it was left out.
    let mut bare = t;
    bare.skipped[0].reasons.clear();
    assert_eq!(
        messages(&review(&bare, &Scoring::default()))[0],
        "`c` was left out of the review: "
    );
}

#[test]
fn totals_and_grades_are_checked_against_the_rows() {
    let t = |total_row: Option<PublishedTotal>, grade: &str| PublishedTable {
        rows: vec![
            PublishedRow {
                explanation: "未完成".into(),
                ..scored(
                    row(10, "产出", "a", "≥10", Some(dec!(8))),
                    Some(dec!(50)),
                    Some(dec!(40)),
                )
            },
            scored(
                row(11, "效益", "b", "≥1", Some(dec!(1))),
                Some(dec!(40)),
                Some(dec!(40)),
            ),
        ],
        has_row_weights: true,
        total: total_row,
        grade: (!grade.is_empty()).then(|| PublishedGrade {
            line: 21,
            word: grade.into(),
        }),
        ..PublishedTable::default()
    };
    // 50 × 8 ÷ 10 = 40: the row is right; weights 90; 80 is 良.
    let rv = review(&t(None, "良"), &Scoring::default());
    assert_eq!(findings(&rv), [(10, "weights-not-100", s("90"), s("100"))]);
    assert_eq!(
        notes(&rv),
        [(None, "the table has no 总分 row: the total is not published (the published scores add up to 80)".into())]
    );
    assert_eq!(
        (rv.grade.expected, rv.grade.recomputed),
        (Grade::Good, Grade::Good)
    );
    assert_eq!(rv.total.published, None);
    // A 总分 without a score; a grade that is no grade.
    let rv = review(&t(Some(total(20, None, None)), "好"), &Scoring::default());
    assert_eq!(findings(&rv), [(20, "weights-not-100", s("90"), s("100"))]);
    assert_eq!(
        notes(&rv),
        [
            (Some(20), "the 总分 row has no score".into()),
            (
                Some(21),
                "`好` is not a grade; write 优, 良, 中 or 差".into()
            ),
        ]
    );
    // A published total of 90 is 优 whatever the rows: 良 is then a mismatch.
    let rv = review(
        &t(Some(total(20, Some(dec!(90)), Some(dec!(90)))), "良"),
        &Scoring::default(),
    );
    assert_eq!(
        findings(&rv),
        [
            // The 总分's weight 90 is the rows' 90: no finding for it.
            (20, "total-mismatch", s("90"), s("80")),
            (20, "weights-not-100", s("90"), s("100")),
            (21, "grade-mismatch", s("良"), s("优")),
        ]
    );
    assert_eq!(
        messages(&rv).last().unwrap(),
        "the grade is published as 良 but a total of 90 is 优 (bands 90/80/60)"
    );
    assert_eq!(
        (rv.grade.expected, rv.grade.recomputed),
        (Grade::Excellent, Grade::Good)
    );
    assert_eq!(rv.total.published, Some(dec!(90)));
    // No rows and no total: the weights finding points at line 0.
    let rv = review(&PublishedTable::default(), &Scoring::default());
    assert_eq!(findings(&rv), [(0, "weights-not-100", s("0"), s("100"))]);
    assert!(rv.not_checked.is_empty());
}

#[test]
fn rows_are_recomputed_or_taken_as_given_with_the_reason() {
    let grade_row = |line, word: &str, tier, score| {
        let mut r = row(line, "决策", "制度健全性", "健全", None);
        r.actual_text = word.into();
        r.actual = Some(Value::Grade {
            word: word.into(),
            tier,
        });
        r.weight = Some(dec!(10));
        r.score = Some(score);
        r.explanation = "见说明".into();
        r
    };
    use attain_core::Tier;
    let mut no_target = row(14, "产出", "c", "", Some(dec!(1)));
    no_target.weight = Some(dec!(5));
    let mut neither = row(15, "产出", "d", "", None);
    neither.weight = Some(dec!(5));
    neither.score = Some(dec!(5));
    let t = PublishedTable {
        rows: vec![
            // 基本健全 is 部分达成: 6 to 8 of 10 (8 itself not).
            grade_row(10, "基本健全", Tier::Partly, dec!(7.5)),
            grade_row(11, "基本健全", Tier::Partly, dec!(8)),
            grade_row(12, "健全", Tier::Achieved, dec!(10)),
            scored(
                row(13, "产出", "b", "≥10", None),
                Some(dec!(20)),
                Some(dec!(18)),
            ),
            no_target,
            neither,
            scored(
                row(16, "产出", "e", "≥10", Some(dec!(5))),
                Some(dec!(20)),
                None,
            ),
            scored(
                row(17, "产出", "f", "≥10", Some(dec!(5))),
                None,
                Some(dec!(3)),
            ),
            scored(
                row(18, "产出", "g", "≥10", Some(dec!(12))),
                Some(dec!(20)),
                Some(dec!(25)),
            ),
        ],
        has_row_weights: true,
        ..PublishedTable::default()
    };
    let rv = review(&t, &Scoring::default());
    assert_eq!(
        findings(&rv),
        [
            (11, "score-differs", s("8"), s("7")),
            (13, "docked-without-explanation", s("18"), s("20")),
            (18, "score-above-weight", s("25"), s("20")),
        ]
    );
    assert_eq!(
        messages(&rv)[0],
        "`制度健全性` is 部分达成 (基本健全 for target 健全) and may score 6 to 8 of 10, but publishes 8"
    );
    assert_eq!(
        notes(&rv),
        [
            (Some(13), "`b` has no actual: it cannot be recomputed and its published score is taken as given".into()),
            (Some(14), "`c` has no target: it cannot be recomputed and its published score is taken as given".into()),
            (Some(15), "`d` has no target and no actual: it cannot be recomputed and its published score is taken as given".into()),
            (Some(16), "`e` has no published score; the rule gives 10".into()),
            (Some(17), "`f` has no weight: its score cannot be checked".into()),
            (None, "the table has no 总分 row: the total is not published (the published scores add up to 76.5)".into()),
        ]
    );
    // Inside its band a grade row counts as published; outside, the rule's score.
    let counted: Vec<Decimal> = rv.rows.iter().map(|r| r.counted).collect();
    assert_eq!(counted[..3], [dec!(7.5), dec!(7), dec!(10)]);
    assert_eq!(rv.rows[6].counted, dec!(10));
    assert_eq!(rv.rows[8].counted, dec!(20));
    // The rule's score is kept for the rows it could score.
    assert_eq!(
        rv.rows
            .iter()
            .map(|r| r.recomputed.as_ref().map(|x| x.rule_score))
            .collect::<Vec<_>>(),
        [
            Some(dec!(7)),
            Some(dec!(7)),
            Some(dec!(10)),
            None,
            None,
            None,
            Some(dec!(10)),
            None,
            Some(dec!(20))
        ]
    );
    assert_eq!(
        rv.rows.iter().map(|r| r.flagged).collect::<Vec<_>>(),
        [false, true, false, true, false, false, false, false, true]
    );
}

#[test]
fn a_table_right_in_whole_points_says_so() {
    // 10 × 37.24 ÷ 43.2 = 8.62 in cents, 9 in whole points.
    let t = PublishedTable {
        rows: vec![
            PublishedRow {
                explanation: "尾款未付".into(),
                ..scored(
                    row(10, "产出", "金额", "≥43.2", Some(dec!(37.24))),
                    Some(dec!(10)),
                    Some(dec!(9)),
                )
            },
            scored(
                row(11, "效益", "b", "≥1", Some(dec!(1))),
                Some(dec!(90)),
                Some(dec!(90)),
            ),
        ],
        has_row_weights: true,
        ..PublishedTable::default()
    };
    let rv = review(&t, &Scoring::default());
    assert_eq!(findings(&rv), [(10, "score-differs", s("9"), s("8.62"))]);
    assert_eq!(rv.consistent_with.as_deref(), Some("--rounding whole"));
    let whole = Scoring {
        rounding: Rounding::Whole,
        ..Scoring::default()
    };
    let rv = review(&t, &whole);
    assert!(rv.is_consistent());
    assert_eq!(rv.consistent_with, None);
    // Wrong in whole points too: no such hint.
    let mut off = t;
    off.rows[0].score = Some(dec!(7));
    let rv = review(&off, &Scoring::default());
    assert_eq!(rv.consistent_with, None);
    assert_eq!(rv.layout, "");
}

#[test]
fn a_grade_rows_score_is_checked_against_its_tiers_band() {
    use attain_core::Tier;
    let t = |score: Decimal| {
        let mut r = row(10, "决策", "制度健全性", "健全", None);
        r.actual_text = "基本健全".into();
        r.actual = Some(Value::Grade {
            word: "基本健全".into(),
            tier: Tier::Partly,
        });
        r.weight = Some(dec!(10));
        r.score = Some(score);
        r.explanation = "见说明".into();
        let table = PublishedTable {
            rows: vec![r],
            has_row_weights: true,
            ..PublishedTable::default()
        };
        let rv = review(&table, &Scoring::default());
        (
            rv.findings
                .iter()
                .filter(|f| f.kind != FindingKind::WeightsNot100)
                .map(|f| (f.kind.code(), f.message.en()))
                .collect::<Vec<_>>(),
            rv.rows[0].counted,
        )
    };
    // 部分达成 is 6 (included) to 8 (excluded) of 10.
    assert_eq!(t(dec!(6)), (vec![], dec!(6)));
    assert_eq!(t(dec!(7.9)), (vec![], dec!(7.9)));
    let outside = |s: &str| {
        format!(
            "`制度健全性` is 部分达成 (基本健全 for target 健全) and may score 6 to 8 of 10, but publishes {s}"
        )
    };
    assert_eq!(
        t(dec!(5.9)),
        (vec![("score-differs", outside("5.9"))], dec!(7))
    );
    // At the weight: still outside the band, not "above the weight".
    assert_eq!(
        t(dec!(10)),
        (vec![("score-differs", outside("10"))], dec!(7))
    );
    assert_eq!(
        t(dec!(12)),
        (
            vec![(
                "score-above-weight",
                "`制度健全性` scores 12 but its weight is 10".to_string()
            )],
            dec!(7)
        )
    );
}

#[test]
fn a_stated_weight_of_all_the_rows_stands_in_for_missing_row_weights() {
    // No 分值 column, no block points: `年度目标 90` and the funds' 10 make the 100.
    let t = PublishedTable {
        funds: Some(funds(Some(dec!(10)), dec!(100), dec!(100), Some(dec!(10)))),
        rows: vec![
            scored(
                row(10, "产出", "a", "≥1", Some(dec!(1))),
                None,
                Some(dec!(50)),
            ),
            scored(
                row(11, "效益", "b", "≥1", Some(dec!(1))),
                None,
                Some(dec!(40)),
            ),
        ],
        targets_weight: Some(StatedWeight {
            line: 8,
            label: "年度目标".into(),
            level1: None,
            weight: dec!(90),
        }),
        total: Some(total(20, Some(dec!(100)), Some(dec!(100)))),
        ..PublishedTable::default()
    };
    let rv = review(&t, &Scoring::default());
    // Scores of 90 within 90: no finding; no row weights to add up.
    assert_eq!(findings(&rv), []);
    assert_eq!(rv.weight_total, dec!(100));
    // With points in a block label, those count instead.
    let mut labelled = t.clone();
    labelled.blocks = vec![PublishedBlock {
        line: 9,
        level1: Level1::Output,
        label: "产出指标(50分)".into(),
        weight: Some(dec!(50)),
    }];
    let rv = review(&labelled, &Scoring::default());
    assert_eq!(rv.weight_total, dec!(60));
    assert_eq!(
        findings(&rv),
        [
            (20, "total-mismatch", s("100"), s("60")),
            (20, "weights-not-100", s("60"), s("100")),
        ]
    );
}
