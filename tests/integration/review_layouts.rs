//! `attain review` on the provincial layouts and the publishers' habits of issue 14
//! (tests/data/review/layouts/, each file saying what it imitates), and on attain's
//! own year-end table read back. Each of these failed or gave false findings before
//! layouts were recognised by their headers.

use crate::util::{data, findings, review, review_json, root, tmp};

fn layout(name: &str) -> std::path::PathBuf {
    data(&format!("review/layouts/{name}"))
}

fn row(kind: &str, r: u64, published: &str, expected: &str) -> (u64, String, String, String) {
    (r, kind.into(), published.into(), expected.into())
}

/// The recomputed score of the row on table line `line`.
fn recomputed(v: &serde_json::Value, line: u64) -> String {
    v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["row"] == line)
        .unwrap_or_else(|| panic!("no row {line}: {v}"))["recomputed"]
        .as_str()
        .unwrap_or("null")
        .to_string()
}

#[test]
fn yunnan_comparator_and_unit_columns() {
    let (code, v) = review_json(&layout("yunnan.txt"), &[]);
    assert_eq!(code, 0, "{v}");
    assert!(v["layout"].as_str().unwrap().starts_with("Yunnan"), "{v}");
    // `≤` | `90` | `万元` with 99: 10 × (1 − 9/90) = 9, as published; no false
    // met-target-docked.
    assert_eq!(recomputed(&v, 12), "9");
    // `＝` | `100` | `%` with 100: a rate, met.
    assert_eq!(recomputed(&v, 11), "15");
    assert_eq!(v["rows"][2]["target"], "＝100%");
    assert_eq!(v["total"]["recomputed"], "98.8");
    let (_, _, err) = review(&layout("yunnan.txt"), &[]);
    assert!(!err.contains("no comparator"), "{err}");
}

#[test]
fn hubei_without_a_weight_column_reviews_what_it_can() {
    let (code, v) = review_json(&layout("hubei.txt"), &[]);
    assert_eq!(code, 0, "{v}");
    assert!(v["layout"].as_str().unwrap().starts_with("Hubei"), "{v}");
    // The execution score from the section label's 20 points: 20 × 48/50 = 19.2.
    assert_eq!(recomputed(&v, 8), "19.2");
    assert_eq!(v["weights"], "100");
    assert_eq!(v["total"]["recomputed"], "98.2");
    assert_eq!(v["grade"]["expected"], "优");
    let not_checked = v["not_checked"].as_array().unwrap();
    assert_eq!(not_checked.len(), 1, "{v}");
    assert!(not_checked[0].as_str().unwrap().starts_with("row scores"));
}

#[test]
fn hubei_rows_scoring_above_the_section_are_a_finding() {
    let t = tmp();
    let f = t.path().join("t.txt");
    let text = std::fs::read_to_string(layout("hubei.txt"))
        .unwrap()
        .replace("820人\t20\t", "820人\t22\t")
        .replace("总分\t98.2", "总分\t100.2");
    std::fs::write(&f, text).unwrap();
    let (code, v) = review_json(&f, &[]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(
        findings(&v),
        vec![row("score-above-weight", 9, "81", "80")],
        "{v}"
    );
}

#[test]
fn weights_written_as_percentages() {
    let (code, v) = review_json(&layout("percent-weights.txt"), &[]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["weights"], "100");
    assert_eq!(v["rows"][1]["weight"], "20");
    assert_eq!(v["total"]["recomputed"], "99.5");
}

#[test]
fn sichuan_weight_first_with_dates_and_comparators_in_actuals() {
    let (code, v) = review_json(&layout("sichuan.txt"), &[]);
    assert_eq!(code, 0, "{v}");
    assert!(v["layout"].as_str().unwrap().contains("Sichuan"), "{v}");
    // ≥266米 against ≥260米: met, 30.
    assert_eq!(recomputed(&v, 10), "30");
    // Done in October against a December date: met, 15.
    assert_eq!(recomputed(&v, 12), "15");
    // 得分合计 is the total.
    assert_eq!(v["total"]["published"], "99.5");
    assert_eq!(v["rows"].as_array().unwrap().len(), 6);
}

#[test]
fn a_date_done_late_is_not_met() {
    let t = tmp();
    let f = t.path().join("t.txt");
    let text = std::fs::read_to_string(layout("sichuan.txt"))
        .unwrap()
        .replace("2023年10月\t15", "2024年2月\t15");
    std::fs::write(&f, text).unwrap();
    let (code, v) = review_json(&f, &[]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(findings(&v), vec![row("score-differs", 12, "15", "0")]);
    // A date without a year is in the table's year (（2023年度）): January 2024 is late.
    let text = std::fs::read_to_string(layout("sichuan.txt"))
        .unwrap()
        .replace("2023年12月\t2023年10月\t15", "12月底前\t2024年1月\t15");
    std::fs::write(&f, text).unwrap();
    let (code, v) = review_json(&f, &[]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(findings(&v), vec![row("score-differs", 12, "15", "0")]);
}

#[test]
fn a_block_split_against_the_footnote_is_a_finding() {
    let (code, v) = review_json(&layout("footnote-split.txt"), &[]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(
        findings(&v),
        vec![
            row("footnote-split-differs", 15, "60", "50"),
            row("footnote-split-differs", 15, "20", "30"),
        ]
    );
}

#[test]
fn a_truncated_rate_is_not_a_finding() {
    let (code, v) = review_json(&layout("truncated-rate.txt"), &[]);
    assert_eq!(code, 0, "{v}");
    // A rate neither rounded nor truncated from the figures still is.
    let t = tmp();
    let f = t.path().join("t.txt");
    let text = std::fs::read_to_string(layout("truncated-rate.txt"))
        .unwrap()
        .replace("97.80%", "97.70%");
    std::fs::write(&f, text).unwrap();
    let (code, v) = review_json(&f, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        findings(&v),
        vec![row("rate-differs", 7, "97.7%", "97.81%")]
    );
}

#[test]
fn one_cut_cell_skips_its_row_with_a_finding() {
    let (code, out, err) = review(&layout("cut-cell.txt"), &[]);
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(err.contains("cut-cell.txt:10"), "{err}");
    let (_, v) = review_json(&layout("cut-cell.txt"), &[]);
    assert_eq!(findings(&v), vec![row("row-skipped", 10, "null", "null")]);
    assert_eq!(v["rows"].as_array().unwrap().len(), 5);
    assert_eq!(v["not_checked"].as_array().unwrap().len(), 2, "{v}");
}

#[test]
fn a_table_consistent_in_whole_points_says_so() {
    let (code, out, _) = review(
        &data("examples/langfang-2019-hvac-selfeval-partial.txt"),
        &[],
    );
    assert_eq!(code, 1);
    assert!(
        out.contains("result   2 finding(s); consistent with --rounding whole"),
        "{out}"
    );
    let (_, v) = review_json(&data("review/total-mismatch.txt"), &[]);
    assert_eq!(v["consistent_with"], serde_json::Value::Null);
}

/// attain's own year-end table, as written (Markdown) and as pasted from the page
/// (tab-separated): its 小计 rows are subtotals, never indicators.
#[test]
fn attains_own_year_end_table_reads_back() {
    let md = root().join("reports/jiangsu-wb-office-2026/2026-12/yearend.md");
    let text = std::fs::read_to_string(&md).unwrap();
    let tsv: String = text
        .lines()
        .filter(|l| !l.starts_with("| ---"))
        .map(|l| {
            let t = l.trim();
            if t.starts_with('|') && t.ends_with('|') && t.len() > 1 {
                t[1..t.len() - 1]
                    .split('|')
                    .map(str::trim)
                    .collect::<Vec<_>>()
                    .join("\t")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let t = tmp();
    let pasted = t.path().join("yearend.txt");
    std::fs::write(&pasted, tsv).unwrap();
    for f in [md, pasted] {
        let (code, v) = review_json(&f, &[]);
        assert_eq!(code, 0, "{}: {v}", f.display());
        let rows = v["rows"].as_array().unwrap();
        assert!(
            rows.iter()
                .all(|r| !r["indicator"].as_str().unwrap().contains("小计")
                    && !r["block"].as_str().unwrap().contains("小计")),
            "{v}"
        );
        // The 45 indicators (and the funds row of the budget table).
        let indicators = rows
            .iter()
            .filter(|r| !r["indicator"].as_str().unwrap().contains("年度资金总额"))
            .count();
        assert_eq!(indicators, 45, "{}", f.display());
        assert_eq!(v["weights"], "100");
        assert_eq!(v["total"]["sum_of_rows"], v["total"]["published"]);
    }
}

#[test]
fn an_evaluator_adds_qualitative_words_with_their_tier() {
    let t = tmp();
    let f = t.path().join("t.txt");
    let text = std::fs::read_to_string(layout("percent-weights.txt"))
        .unwrap()
        .replace(
            "显著提升\t显著提升\t30%\t30\t",
            "显著提升\t尚可\t30%\t21\t部分学员未参加实践环节",
        )
        .replace("99.5\t优", "90.5\t优");
    std::fs::write(&f, text).unwrap();
    // Unknown: taken as given, with a warning.
    let (code, out, err) = review(&f, &[]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(err.contains("cannot tell whether `尚可` achieves"), "{err}");
    // 部分达成: 60–80 % of 30, so 21 is inside the band (and its default score, 70 %).
    let (code, v) = review_json(&f, &["--word", "尚可=部分达成"]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(recomputed(&v, 12), "21");
    // 未达成: below 18 of 30 (the band 0–60 %, the top excluded); its default score
    // is the band's middle, 0.3 × 30 = 9.
    let (code, v) = review_json(&f, &["--word", "尚可=未达成"]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(findings(&v), vec![row("score-differs", 12, "21", "9")]);
    let (code, _, err) = review(&f, &["--word", "尚可"]);
    assert_eq!(code, 2);
    assert!(err.contains("is not `word=tier`"), "{err}");
}

#[test]
fn hubei_blocks_with_bare_points_check_the_execution_row() {
    let (code, v) = review_json(&layout("hubei-blocks.txt"), &[]);
    assert_eq!(code, 0, "{v}");
    // 预算执行 20 has one row: it has the block's 20 points; 20 × 96% = 19.2.
    assert_eq!(recomputed(&v, 8), "19.2");
    assert_eq!(v["weights"], "100");
    assert_eq!(v["total"]["recomputed"], "98.2");
    // Given full points, the execution row is a finding.
    let t = tmp();
    let f = t.path().join("t.txt");
    let text = std::fs::read_to_string(layout("hubei-blocks.txt"))
        .unwrap()
        .replace("96%\t19.2\t", "96%\t20\t")
        .replace("总分\t98.2", "总分\t99");
    std::fs::write(&f, text).unwrap();
    let (code, v) = review_json(&f, &[]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(findings(&v), vec![row("score-differs", 8, "20", "19.2")]);
}

/// The 一级指标得分 table under attain's year-end table is checked against the rows of
/// each block, and its 总分 against the indicator table's.
#[test]
fn the_block_score_table_is_checked() {
    let md = root().join("reports/jiangsu-wb-office-2026/2026-12/yearend.md");
    let text = std::fs::read_to_string(md).unwrap();
    let t = tmp();
    let f = t.path().join("yearend.md");
    std::fs::write(
        &f,
        text.replacen("| 过程 | 20.00 | 19.82 |", "| 过程 | 20.00 | 19.00 |", 1),
    )
    .unwrap();
    let (code, v) = review_json(&f, &[]);
    assert_eq!(code, 1, "{v}");
    let kinds: Vec<(&str, &str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["kind"].as_str().unwrap(),
                x["published"].as_str().unwrap_or(""),
                x["expected"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(kinds, vec![("subtotal-mismatch", "19", "19.82")], "{v}");
}
