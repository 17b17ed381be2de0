//! `attain review` on the two published examples and on constructed tables with one
//! known fault each (tests/data/review/).

use crate::util::{data, example, findings, review, review_json, tmp};

const TIANCHANG: &str = "tianchang-2022-flood-selfeval.txt";
const LANGFANG: &str = "langfang-2019-hvac-selfeval-partial.txt";

fn fault(name: &str) -> std::path::PathBuf {
    data(&format!("review/{name}"))
}

fn row(kind: &str, r: u64, published: &str, expected: &str) -> (u64, String, String, String) {
    (r, kind.into(), published.into(), expected.into())
}

#[test]
fn tianchang_2022_is_consistent_100_excellent() {
    let (code, out, err) = review(&example(TIANCHANG), &[]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("findings: none"), "{out}");
    assert!(
        out.contains("total    published 100; the published scores add up to 100; recomputed 100"),
        "{out}"
    );
    assert!(out.contains("expected 优"), "{out}");
    assert!(out.contains("result   consistent"), "{out}");
    // Qualitative rows without target or actual are taken as given, in a note.
    assert!(
        out.contains("line 19  `工程质量合格` has no target and no actual: it cannot be recomputed and its published score is taken as given"),
        "{out}"
    );
    // Template residue is skipped with a note, never silently; bare targets warn.
    assert!(
        err.contains("note: skipped the template placeholder row `……`"),
        "{err}"
    );
    assert!(
        err.contains("note: skipped the empty template row `指标2:`"),
        "{err}"
    );
    assert!(
        err.contains("warning: `90%` has no comparator: read as `=90%`"),
        "{err}"
    );
    assert!(
        err.contains(&format!("{TIANCHANG}:29:34 (年度指标值)")),
        "{err}"
    );

    let (code, v) = review_json(&example(TIANCHANG), &[]);
    assert_eq!(code, 0);
    assert_eq!(v["consistent"], true);
    assert!(findings(&v).is_empty());
    assert_eq!(v["total"]["published"], "100");
    assert_eq!(v["total"]["recomputed"], "100");
    assert_eq!(v["grade"]["published"], serde_json::Value::Null);
    assert_eq!(v["grade"]["expected"], "优");
    assert_eq!(v["weights"], "100");
    // Funds row first: 880 of 880 → 10; then the indicator rows; 生态 (/) not counted.
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 10);
    assert_eq!(rows[0]["row"], 9);
    assert_eq!(rows[0]["recomputed"], "10");
    assert_eq!(rows[9]["indicator"], "服务对象满意度");
    assert_eq!(rows[9]["recomputed"], "10");
    assert!(v["notes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["row"] == 27 && n["message"].as_str().unwrap().contains("not applicable")));
}

#[test]
fn langfang_2019_rounding_cents_finds_9_where_the_rule_gives_8_62() {
    // 10 × 37.24 ÷ 43.2 = 8.6203… → 8.62, published 9: the 执行率 row and the 数量 row.
    let (code, v) = review_json(&example(LANGFANG), &["--rounding", "cents"]);
    assert_eq!(code, 1);
    assert_eq!(
        findings(&v),
        vec![
            row("score-differs", 9, "9", "8.62"),
            row("score-differs", 15, "9", "8.62"),
        ]
    );
    assert_eq!(v["findings"][0]["indicator"], "预算执行率 (年度资金总额)");
    assert_eq!(v["findings"][1]["indicator"], "工程资金金额");
    assert!(v["findings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("10 × 37.24 ÷ 43.2 = 8.6204… → 8.62"));
    // No 总分 row: the total is not published, and none is invented.
    assert_eq!(v["total"]["published"], serde_json::Value::Null);
    assert_eq!(v["total"]["sum_of_rows"], "98");
    assert_eq!(v["total"]["recomputed"], "97.24");
    assert!(v["notes"].as_array().unwrap().iter().any(|n| n["message"]
        .as_str()
        .unwrap()
        .starts_with("the table has no 总分 row: the total is not published")));

    let (code, out, _) = review(&example(LANGFANG), &[]);
    assert_eq!(code, 1);
    assert!(out.contains("line 9  [score-differs] `预算执行率 (年度资金总额)` publishes 9 where the rule gives 8.62"), "{out}");
    assert!(
        out.contains("published none (the table has no 总分 row)"),
        "{out}"
    );
    assert!(out.contains("result   2 finding(s)"), "{out}");
}

#[test]
fn langfang_2019_is_consistent_in_whole_points() {
    // Whole points, half away from zero: 8.62 → 9, as published.
    let (code, out, err) = review(&example(LANGFANG), &["--rounding", "whole"]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("result   consistent"), "{out}");
    let (_, v) = review_json(&example(LANGFANG), &["--rounding", "whole"]);
    assert_eq!(v["rounding"], "whole");
    assert_eq!(v["total"]["recomputed"], "98");
    assert_eq!(v["rows"][0]["recomputed"], "9");
}

#[test]
fn a_consistent_constructed_table_in_utf8_and_gbk() {
    for f in ["consistent.txt", "consistent-gbk.txt"] {
        let (code, v) = review_json(&fault(f), &[]);
        assert_eq!(code, 0, "{f}: {v}");
        // 9.5 + 20 + 14.21 + 15 + 30 + 10 = 98.71.
        assert_eq!(v["total"]["published"], "98.71", "{f}");
        assert_eq!(v["total"]["recomputed"], "98.71", "{f}");
        assert_eq!(v["grade"]["published"], "优", "{f}");
        // 15 × 0.90 ÷ 0.95 = 14.2105… → 14.21.
        assert_eq!(v["rows"][2]["recomputed"], "14.21", "{f}");
        assert_eq!(
            v["rows"][2]["working"], "15 × 90% ÷ 95% = 14.2105… → 14.21",
            "{f}"
        );
    }
}

#[test]
fn score_above_weight() {
    let (code, v) = review_json(&fault("score-above-weight.txt"), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        findings(&v),
        vec![row("score-above-weight", 12, "12", "10")]
    );
    assert_eq!(
        v["findings"][0]["message"],
        "`学员满意度` scores 12 but its weight is 10"
    );
}

#[test]
fn findings_and_notes_in_chinese_with_their_code() {
    let (code, v) = review_json(&fault("score-above-weight.txt"), &["--lang", "zh"]);
    assert_eq!(code, 1);
    assert_eq!(
        v["findings"][0]["message"],
        "“学员满意度”得分 12，但其分值为 10"
    );
    assert_eq!(v["findings"][0]["code"], "review.score_above_weight");
    let (_, v) = review_json(&example(LANGFANG), &["--lang", "zh"]);
    assert!(
        v["notes"].as_array().unwrap().iter().any(|n| n["message"]
            .as_str()
            .unwrap()
            .starts_with("该表没有总分行：未公布总分")
            && n["code"] == "review.no_total"),
        "{v}"
    );
    let (_, out, _) = review(&fault("score-above-weight.txt"), &["--lang", "zh"]);
    assert!(out.contains("“学员满意度”得分 12，但其分值为 10"), "{out}");
}

#[test]
fn total_that_does_not_add_up() {
    let (code, v) = review_json(&fault("total-mismatch.txt"), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        findings(&v),
        vec![row("total-mismatch", 13, "97.71", "98.71")]
    );
    assert_eq!(v["total"]["published"], "97.71");
    assert_eq!(v["total"]["recomputed"], "98.71");
}

#[test]
fn wrong_grade() {
    let (code, v) = review_json(&fault("wrong-grade.txt"), &[]);
    assert_eq!(code, 1);
    assert_eq!(findings(&v), vec![row("grade-mismatch", 13, "良", "优")]);
    assert_eq!(v["grade"]["published"], "良");
    assert_eq!(v["grade"]["expected"], "优");
}

#[test]
fn grade_bands_are_a_setting() {
    // 85.71 is 良 under 90/80/60 (as published) but 优 under 80/70/60.
    let (code, v) = review_json(&fault("good-85.txt"), &[]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["grade"]["expected"], "良");
    let (code, v) = review_json(&fault("good-85.txt"), &["--grades", "80/70/60"]);
    assert_eq!(code, 1);
    assert_eq!(v["grades"], "80/70/60");
    assert_eq!(findings(&v), vec![row("grade-mismatch", 13, "良", "优")]);
    let (code, _, err) = review(&fault("good-85.txt"), &["--grades", "85/75/60"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn weights_not_adding_to_100() {
    let (code, v) = review_json(&fault("weights-not-100.txt"), &[]);
    assert_eq!(code, 1);
    assert_eq!(findings(&v), vec![row("weights-not-100", 13, "105", "100")]);
    assert_eq!(v["weights"], "105");
}

#[test]
fn a_met_target_that_was_docked() {
    let (code, v) = review_json(&fault("met-target-docked.txt"), &[]);
    assert_eq!(code, 1);
    // =100% reached: the rule gives the full 15; published 12 (with a reason, so only
    // this finding).
    assert_eq!(findings(&v), vec![row("met-target-docked", 10, "12", "15")]);
    assert_eq!(
        v["findings"][0]["message"],
        "`按时完成率` meets its target (100% reaches 100%: 15) but scores 12 of 15"
    );
}

#[test]
fn a_docked_row_without_explanation() {
    let (code, v) = review_json(&fault("docked-without-explanation.txt"), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        findings(&v),
        vec![row("docked-without-explanation", 9, "14.21", "15")]
    );
}

#[test]
fn a_block_label_that_does_not_add_up() {
    let (code, v) = review_json(&fault("block-subtotal.txt"), &[]);
    assert_eq!(code, 1);
    assert_eq!(findings(&v), vec![row("subtotal-mismatch", 8, "60", "50")]);
}

#[test]
fn unreadable_tables_exit_2_with_diagnostics() {
    let (code, out, err) = review(&fault("not-a-table.txt"), &[]);
    assert_eq!(code, 2);
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains(
            "error: no indicator header found: this does not look like a self-evaluation table"
        ),
        "{err}"
    );

    // One unreadable cell leaves its row out with a finding; the rest is reviewed.
    let (code, out, err) = review(&fault("bad-score-cell.txt"), &[]);
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(
        err.contains("warning: 得分 `十五` is not a number: the row is left out of the review"),
        "{err}"
    );
    assert!(err.contains("bad-score-cell.txt:10:31 (得分)"), "{err}");
    assert!(out.contains("[row-skipped]"), "{out}");

    let dir = tmp();
    let bin = dir.path().join("table.txt");
    std::fs::write(&bin, b"\x81\xFF\xFE\x00binary").unwrap();
    let (code, _, err) = review(&bin, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("is not text in UTF-8 or GB18030"), "{err}");

    let (code, _, err) = review(&dir.path().join("missing.txt"), &["--json"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read the file"), "{err}");
}

#[test]
fn a_not_applicable_row_that_carries_points_is_a_finding() {
    // 天长 with the `/` 生态效益 row given 10 of 10 (and another row removed so that the
    // weights still add up): the rules drop such a row and rescale the rest.
    let (code, v) = review_json(&fault("not-applicable-scored.txt"), &[]);
    assert_eq!(code, 1);
    let f = findings(&v);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        (f[0].1.as_str(), f[0].2.as_str(), f[0].3.as_str()),
        ("not-applicable-scored", "10", "/")
    );
}
