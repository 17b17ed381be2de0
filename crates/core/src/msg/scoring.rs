//! Scoring (`scoring.rs`): why a row cannot be scored, the over-achievement review,
//! manual scores, deviation causes and likelihoods, and the scorecard's findings.

crate::catalogue! { "scoring";
    /// The over-achievement review of an actual far above a higher-is-better target.
    over_achievement(actual, ratio, target, threshold) {
        zh: "实际完成值 {actual} 为指标值 {target} 的 {ratio}，超过 {threshold}%：请检查指标值是否定得过低",
        en: "the actual {actual} is {ratio} of the target {target}, above {threshold}%: check whether the target was set too low",
    }
    /// A word target with a number for the actual.
    number_for_word(word, actual) {
        zh: "指标值是文字“{word}”，但实际完成值是数字 {actual}",
        en: "the target is the word `{word}` but the actual is the number {actual}",
    }
    /// A number target with a word for the actual.
    word_for_number(target, word) {
        zh: "指标值是“{target}”，但实际完成值是文字“{word}”",
        en: "the target is `{target}` but the actual is the word `{word}`",
    }
    /// Budget execution against a budget of zero or less.
    budget_not_positive(budget) {
        zh: "预算数为 {budget}，无法计算执行率",
        en: "the budget is {budget}: there is nothing to divide by",
    }
    not_a_grade(value) {
        zh: "“{value}”不是评价等级，请填写 优、良、中 或 差",
        en: "`{value}` is not a grade; write 优, 良, 中 or 差",
    }
    /// A row's weight after not-applicable rows were dropped.
    weight_rescaled(from, to) {
        zh: "分值由 {from} 折算为 {to}",
        en: "weight rescaled from {from} to {to}",
    }
    rescaled(count, before) {
        zh: "{count} 个指标不适用：已剔除，其余指标的分值（合计 {before}）按比例折算为 100",
        en: "{count} indicator(s) not applicable: dropped, and the other weights ({before}) rescaled to 100",
    }
    rescaled_help() {
        zh: "没有指标值的指标按此规则处理（DOMAIN.md §3）",
        en: "this is the rule for indicators without a target (DOMAIN.md §3)",
    }
    weights_not_100(total) {
        zh: "各指标分值合计 {total}，不是 100",
        en: "the weights add up to {total}, not 100",
    }
    weights_not_100_help() {
        zh: "请改正分值，使合计为 100",
        en: "correct the weights (分值) so that they add up to 100",
    }
    no_actual(name, period) {
        zh: "“{name}”没有{period}的实际完成值：得 0 分",
        en: "`{name}` has no actual for {period}: scored 0",
    }
    no_actual_help() {
        zh: "请填报实际完成值；该指标不适用时，把指标值改为 `/`",
        en: "report the actual, or mark the target `/` if it does not apply",
    }
    unscorable(name, why) {
        zh: "“{name}”无法评分：{why}",
        en: "`{name}` cannot be scored: {why}",
    }
    unscorable_help() {
        zh: "请改正指标值、实际完成值或评分规则",
        en: "fix the target, the actual or the rule",
    }
    /// A row's over-achievement note, named.
    over_achieved(name, note) {
        zh: "指标“{name}”：{note}",
        en: "indicator `{name}`: {note}",
    }
    over_achieved_help() {
        zh: "实际完成值远超指标值，说明指标值可能定得过低（财预〔2020〕10号）",
        en: "an actual far above target suggests the target was set too low (财预〔2020〕10号)",
    }
    manual(name, score, rule, reason) {
        zh: "“{name}”人工评分 {score}（按规则为 {rule}）：{reason}",
        en: "`{name}` scored {score} by hand (the rule gives {rule}): {reason}",
    }
    manual_help() {
        zh: "人工评分在报告中标为人工调整",
        en: "manual scores are shown as overrides in reports",
    }
    manual_no_reason(score, name) {
        zh: "“{name}”的人工评分 {score} 没有填写理由；人工评分必须写明理由",
        en: "the manual score {score} for `{name}` has no reason; a manual score needs a written reason",
    }
    manual_not_applicable(name, period) {
        zh: "“{name}”没有{period}的指标值：无需评分",
        en: "`{name}` has no target for {period}: there is nothing to score",
    }
    manual_out_of_range(score, name, weight) {
        zh: "“{name}”的人工评分 {score} 不在 0 至其分值 {weight} 之间",
        en: "the manual score {score} for `{name}` is outside 0 to its weight {weight}",
    }
    manual_out_of_band(score, name, tier, low, high, weight) {
        zh: "“{name}”的人工评分 {score} 超出其档次“{tier}”的分数区间（{low} 至 {high}，分值 {weight}）",
        en: "the manual score {score} for `{name}` is outside the band of its tier {tier} ({low} to {high} of {weight})",
    }
    /// As `manual_out_of_band`, for a band whose top is excluded.
    manual_out_of_band_open(score, name, tier, low, high, weight) {
        zh: "“{name}”的人工评分 {score} 超出其档次“{tier}”的分数区间（{low} 至 {high}，不含 {high}，分值 {weight}）",
        en: "the manual score {score} for `{name}` is outside the band of its tier {tier} ({low} to {high} of {weight}, the top excluded)",
    }
    manual_refused_help() {
        zh: "请写明理由，并给出不超过分值的得分（定性指标须在其档次的分数区间内）",
        en: "give a reason and a score within the weight (and, for a qualitative indicator, within its tier's band)",
    }
    manual_twice(id, period) {
        zh: "“{id}”的{period}人工评分有两个，只保留第一个",
        en: "two manual scores for `{id}` in {period}; keeping the first",
    }
    manual_twice_help() {
        zh: "每个指标每个期间只保留一个人工评分",
        en: "keep one manual score per indicator and period",
    }
    manual_unknown(id) {
        zh: "人工评分所指的“{id}”不是指标",
        en: "a manual score names `{id}`, which is not an indicator",
    }
    manual_unknown_help() {
        zh: "请使用 targets.csv 中的指标编号",
        en: "use an id from targets.csv",
    }
    not_a_cause(value, causes) {
        zh: "“{value}”不是偏差原因，请使用以下之一：{causes}",
        en: "`{value}` is not a deviation cause; use one of {causes}",
    }
    not_a_likelihood(value) {
        zh: "“{value}”不是可选的完成目标可能性，请填写“确定能”“有可能”或“不可能”",
        en: "`{value}` is not a likelihood; write 确定能, 有可能 or 不可能",
    }
    cause_not_in_list(cause, id, causes) {
        zh: "“{id}”的偏差原因“{cause}”不在本单位使用的原因列表中（{causes}）",
        en: "the cause {cause} of `{id}` is not in the unit's list ({causes})",
    }
    no_measures(id, likelihood) {
        zh: "“{id}”完成目标可能性为“{likelihood}”，但没有填写改进措施",
        en: "`{id}` is {likelihood} to reach its target but has no 改进措施 (corrective measures)",
    }
    /// The working of a row without a target.
    working_not_applicable() {
        zh: "无指标值：不适用",
        en: "no target: not applicable",
    }
    /// The working of a row without an actual.
    working_no_actual() {
        zh: "无实际完成值：0",
        en: "no actual: 0",
    }
    /// The working of a qualitative row: its tier, the place in the tier's band and
    /// the share of the weight.
    working_tier(tier, word, point, weight, share) {
        zh: "{tier}（目标 {word}）：取档次区间{point} → {weight} × {share}",
        en: "{tier} (target {word}): {point} of the band → {weight} × {share}",
    }
    band_top() { zh: "上限", en: "top" }
    band_middle() { zh: "中点", en: "middle" }
    band_bottom() { zh: "下限", en: "bottom" }
    /// An actual above an `=` target (偏离目标): full marks, to be explained.
    working_above_eq(actual, target, weight) {
        zh: "{actual} 高于 ={target}：{weight}，偏离目标（请说明偏差原因）",
        en: "{actual} above ={target}: {weight}, 偏离目标 (explain the deviation)",
    }
    working_reaches(actual, target, weight) {
        zh: "{actual} 达到 {target}：{weight}",
        en: "{actual} reaches {target}: {weight}",
    }
    working_within(actual, target, weight) {
        zh: "{actual} 不超过 {target}：{weight}",
        en: "{actual} within {target}: {weight}",
    }
    working_meets(actual, condition, points) {
        zh: "{actual} 符合 {condition}：{points}",
        en: "{actual} meets {condition}: {points}",
    }
    working_misses(actual, target) {
        zh: "{actual} 未达到 {target}：0",
        en: "{actual} misses {target}: 0",
    }
    working_no_step(actual) {
        zh: "{actual} 不符合任何一档：0",
        en: "{actual} meets no step: 0",
    }
    /// The `else` step of a step table, in a working.
    working_else() { zh: "其他情况", en: "else" }
    working_executed(executed, budget, weight) {
        zh: "预算 {budget} 已执行 {executed}：{weight}",
        en: "{executed} of {budget} executed: {weight}",
    }
    /// A working followed by its arithmetic (` = 8.6204… → 8.62`).
    working_then(working, arithmetic) {
        zh: "{working}{arithmetic}",
        en: "{working}{arithmetic}",
    }
}

/// Serialize a message in English (the JSON of core's own types; reports build
/// theirs in their language).
pub(crate) fn serialize_en<S: serde::Serializer>(m: &super::Msg, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&m.en())
}

/// Serialize messages in English.
pub(crate) fn serialize_all_en<S: serde::Serializer>(
    v: &[super::Msg],
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_seq(v.iter().map(super::Msg::en))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scoring_messages_in_both_languages() {
        let m = no_actual("培训人次", crate::period::Period::H1.label());
        assert_eq!(m.en(), "`培训人次` has no actual for H1: scored 0");
        assert_eq!(m.zh(), "“培训人次”没有半年的实际完成值：得 0 分");
        let m = manual_out_of_band_open("7", "制度健全", "部分达成", "6", "8", "10");
        assert_eq!(
            m.en(),
            "the manual score 7 for `制度健全` is outside the band of its tier 部分达成 (6 to 8 of 10, the top excluded)"
        );
        assert_eq!(
            m.zh(),
            "“制度健全”的人工评分 7 超出其档次“部分达成”的分数区间（6 至 8，不含 8，分值 10）"
        );
        let m = working_then(
            working_reaches("37.24", "30", "10"),
            crate::msg::Msg::verbatim(" = 10"),
        );
        assert_eq!(m.en(), "37.24 reaches 30: 10 = 10");
        assert_eq!(m.zh(), "37.24 达到 30：10 = 10");
        let m = not_a_grade("好");
        assert_eq!(m.zh(), "“好”不是评价等级，请填写 优、良、中 或 差");
        assert_eq!(m.key(), "scoring.not_a_grade");
    }
}
