//! The review of a published self-evaluation table (`review.rs`): its findings, notes
//! and the checks a layout does not allow.

crate::catalogue! { "review";
    score_above_weight(name, score, weight) {
        zh: "“{name}”得分 {score}，但其分值为 {weight}",
        en: "`{name}` scores {score} but its weight is {weight}",
    }
    met_target_docked(name, working, score, weight) {
        zh: "“{name}”已达到目标（{working}），但只得 {score} 分（分值 {weight}）",
        en: "`{name}` meets its target ({working}) but scores {score} of {weight}",
    }
    score_differs(name, published, rule, working) {
        zh: "“{name}”公布得分 {published}，按规则应为 {rule}（{working}）",
        en: "`{name}` publishes {published} where the rule gives {rule} ({working})",
    }
    funds_repeated(name, line) {
        zh: "年度资金总额行重复了第 {line} 行“{name}”的分值和得分：只计一次",
        en: "the 年度资金总额 row repeats the 分值 and 得分 of `{name}` on line {line}: counted once",
    }
    funds_unscorable(name, why) {
        zh: "{name}无法重新计算（{why}）：按公布得分计",
        en: "{name} cannot be recomputed ({why}): its score is taken as given",
    }
    funds_no_score(name, rule) {
        zh: "{name}没有公布得分；按规则应为 {rule}",
        en: "{name} has no published score; the rule gives {rule}",
    }
    rate_differs(published, executed, budget, rate) {
        zh: "公布的执行率为 {published}%，但 {executed} ÷ {budget} = {rate}%",
        en: "the published 执行率 is {published}% but {executed} ÷ {budget} = {rate}%",
    }
    funds_incomplete(name) {
        zh: "{name}缺少全年预算数、全年执行数或分值：按公布得分计",
        en: "{name} lacks the budget, the executed amount or the weight: its score is taken as given",
    }
    no_weight_column() {
        zh: "无法核对行得分、已达标却扣分、得分超过分值：该表没有分值列，各行没有分值",
        en: "row scores, met targets docked and scores above weight: the table has no 分值 column, so rows have no weights",
    }
    not_applicable_weighted(level1, level2, name, weight) {
        zh: "{level1}/{level2}：“{name}”没有指标值（/），却有分值 {weight}：不适用的指标应剔除，其余分值折算为 100",
        en: "{level1}/{level2}: `{name}` has no target (/) but carries the weight {weight}: a not-applicable indicator is dropped and the other weights rescaled to 100",
    }
    not_applicable_scored(level1, level2, name, score) {
        zh: "{level1}/{level2}：“{name}”没有指标值（/），却有得分 {score}：不适用的指标应剔除，其余分值折算为 100",
        en: "{level1}/{level2}: `{name}` has no target (/) but carries the score {score}: a not-applicable indicator is dropped and the other weights rescaled to 100",
    }
    not_applicable_weighted_scored(level1, level2, name, weight, score) {
        zh: "{level1}/{level2}：“{name}”没有指标值（/），却有分值 {weight} 和得分 {score}：不适用的指标应剔除，其余分值折算为 100",
        en: "{level1}/{level2}: `{name}` has no target (/) but carries the weight {weight} and the score {score}: a not-applicable indicator is dropped and the other weights rescaled to 100",
    }
    not_applicable(level1, level2, name) {
        zh: "{level1}/{level2}：“{name}”不适用（没有指标值、分值和得分）：不计入",
        en: "{level1}/{level2}: `{name}` is not applicable (no target, weight or score): not counted",
    }
    only_row(name, points) {
        zh: "“{name}”是所在一级指标的唯一一行：分值取该一级指标的 {points} 分",
        en: "`{name}` is the only row of its block: it has the block's {points} points",
    }
    row_unscorable(name, why) {
        zh: "“{name}”无法重新计算（{why}）：按公布得分计",
        en: "`{name}` cannot be recomputed ({why}): its published score is taken as given",
    }
    row_no_score(name, rule) {
        zh: "“{name}”没有公布得分；按规则应为 {rule}",
        en: "`{name}` has no published score; the rule gives {rule}",
    }
    outside_band(name, tier, actual, target, low, high, weight, score) {
        zh: "“{name}”为“{tier}”（实际完成值 {actual}，指标值 {target}），可得 {low} 至 {high} 分（分值 {weight}），但公布得分为 {score}",
        en: "`{name}` is {tier} ({actual} for target {target}) and may score {low} to {high} of {weight}, but publishes {score}",
    }
    weight_without_target(name) {
        zh: "“{name}”有分值但没有指标值（/）：按公布得分计",
        en: "`{name}` has a weight but no target (/): its published score is taken as given",
    }
    no_target_no_actual(name) {
        zh: "“{name}”没有指标值和实际完成值：无法重新计算，按公布得分计",
        en: "`{name}` has no target and no actual: it cannot be recomputed and its published score is taken as given",
    }
    no_target(name) {
        zh: "“{name}”没有指标值：无法重新计算，按公布得分计",
        en: "`{name}` has no target: it cannot be recomputed and its published score is taken as given",
    }
    no_actual(name) {
        zh: "“{name}”没有实际完成值：无法重新计算，按公布得分计",
        en: "`{name}` has no actual: it cannot be recomputed and its published score is taken as given",
    }
    no_weight(name) {
        zh: "“{name}”没有分值：无法核对其得分",
        en: "`{name}` has no weight: its score cannot be checked",
    }
    docked_without_explanation(name, score, weight) {
        zh: "“{name}”得分 {score}（分值 {weight}），但没有填写偏差原因分析及改进措施",
        en: "`{name}` scores {score} of {weight} but gives no 偏差原因分析及改进措施",
    }
    block_cut(label) {
        zh: "一级指标“{label}”：其中有一行无法读取",
        en: "the block `{label}`: one of its rows could not be read",
    }
    block_weights(label, points, sum) {
        zh: "一级指标“{label}”标为 {points} 分，但其各行分值合计 {sum}",
        en: "the block `{label}` is labelled {points} 分 but the weights of its rows add up to {sum}",
    }
    block_scores_above(label, scored, points) {
        zh: "一级指标“{label}”各行得分合计 {scored}，但该一级指标只有 {points} 分",
        en: "the rows of the block `{label}` score {scored} together but the block has {points} 分",
    }
    targets_weights(label, points, sum) {
        zh: "“{label}”为 {points} 分，但各指标行分值合计 {sum}",
        en: "`{label}` has {points} 分 but the weights of the indicator rows add up to {sum}",
    }
    targets_scores_above(scored, label, points) {
        zh: "各指标行得分合计 {scored}，但“{label}”只有 {points} 分",
        en: "the indicator rows score {scored} together but `{label}` has {points} 分",
    }
    subtotal(label, what, published, rows, sum) {
        zh: "{label}行的{what}为 {published}，但其 {rows} 行合计 {sum}",
        en: "the {label} row gives {what} {published} but its {rows} rows add up to {sum}",
    }
    block_score_table(block, what, published, rows, sum) {
        zh: "一级指标得分表中{block}的{what}为 {published}，但其 {rows} 行合计 {sum}",
        en: "the block score table gives {block} {what} {published} but its {rows} rows add up to {sum}",
    }
    footnote_split(label, stated, used) {
        zh: "表注规定{label}为 {stated} 分，但表中为 {used}",
        en: "the footnote sets {label} at {stated} 分 but the table gives it {used}",
    }
    row_skipped(name, reason) {
        zh: "“{name}”未纳入核对：{reason}",
        en: "`{name}` was left out of the review: {reason}",
    }
    total_cut(count) {
        zh: "总分和分值合计：有 {count} 行无法读取",
        en: "the 总分 and the sum of the weights: {count} row(s) could not be read",
    }
    total_differs(total, sum) {
        zh: "总分为 {total}，但公布的各行得分合计 {sum}",
        en: "the 总分 is {total} but the published scores add up to {sum}",
    }
    total_no_score() {
        zh: "总分行没有得分",
        en: "the 总分 row has no score",
    }
    total_weights(stated, sum) {
        zh: "总分行的分值为 {stated}，但各行分值合计 {sum}",
        en: "the 总分 row gives the weights as {stated} but they add up to {sum}",
    }
    no_total(sum) {
        zh: "该表没有总分行：未公布总分（公布的各行得分合计 {sum}）",
        en: "the table has no 总分 row: the total is not published (the published scores add up to {sum})",
    }
    weights_not_100(total) {
        zh: "分值合计 {total}，不是 100",
        en: "the weights (分值) add up to {total}, not 100",
    }
    grade_differs(published, total, expected, excellent, good, fair) {
        zh: "公布的评价等级为“{published}”，但总分 {total} 应为“{expected}”（等级线 {excellent}/{good}/{fair}）",
        en: "the grade is published as {published} but a total of {total} is {expected} (bands {excellent}/{good}/{fair})",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn review_messages_in_both_languages() {
        let m = super::score_differs("培训人次", "8", "8.62", "10 × 37.24 ÷ 43.2");
        assert_eq!(
            m.en(),
            "`培训人次` publishes 8 where the rule gives 8.62 (10 × 37.24 ÷ 43.2)"
        );
        assert_eq!(
            m.zh(),
            "“培训人次”公布得分 8，按规则应为 8.62（10 × 37.24 ÷ 43.2）"
        );
        let m = super::total_differs("92", "91.5");
        assert_eq!(m.zh(), "总分为 92，但公布的各行得分合计 91.5");
        assert_eq!(m.key(), "review.total_differs");
    }
}
