//! Scoring rules (`rule.rs`): a `rule` cell that cannot be read, or a rule that does
//! not fit its indicator's target.

crate::catalogue! { "rule";
    tier_needs_word(target) {
        zh: "评分规则 `tier` 只用于“健全”这类定性目标，但该指标的指标值是“{target}”",
        en: "rule `tier` is for qualitative targets such as 健全, but the target is `{target}`",
    }
    needs_number(rule, word) {
        zh: "评分规则 `{rule}` 需要数值目标，但该指标的指标值是文字“{word}”；定性目标请用 `tier`",
        en: "rule `{rule}` needs a number target, but the target is the word `{word}`; qualitative targets take `tier`",
    }
    proportional_needs_higher(target) {
        zh: "评分规则 `proportional` 只用于越高越好的目标（≥、>、大于零的 =），但该指标的指标值是“{target}”；请改用 linear-to-zero、ratio、deduct 或阶梯表",
        en: "rule `proportional` is for higher-is-better targets (≥, >, = above zero), but the target is `{target}`; use linear-to-zero, ratio, deduct or a step table",
    }
    needs_lower(rule, target) {
        zh: "评分规则 `{rule}` 只用于越低越好的目标（≤、<、=），但该指标的指标值是“{target}”；请改用 proportional、deduct 或阶梯表",
        en: "rule `{rule}` is for lower-is-better targets (≤, <, =) but the target is `{target}`; use proportional, deduct or a step table",
    }
    points_expected(after, found) {
        zh: "{after} 之后应为分数，实际为“{found}”",
        en: "expected points after {after}, found `{found}`",
    }
    points_unit(unit, value) {
        zh: "分数 `{value}` 后面的“{unit}”无法识别：请写分数（`2`）或占分值的比例（`50%`）",
        en: "`{unit}` after the points `{value}`: write points (`2`) or a share of the weight (`50%`)",
    }
    points_negative(points) {
        zh: "分数 `{points}` 为负数，请写成正数",
        en: "points `{points}` are negative; write the points as a positive number",
    }
    step_no_arrow(step) {
        zh: "阶梯 `{step}` 缺少 `→`：请写成 条件→分数，例如 `≤10%→2`",
        en: "step `{step}` has no `→`: write condition→points, e.g. `≤10%→2`",
    }
    step_no_comparator(condition) {
        zh: "阶梯条件 `{condition}` 缺少比较符，例如 `≤10%`、`=0` 或 `else`",
        en: "step condition `{condition}` needs a comparator, e.g. `≤10%`, `=0` or `else`",
    }
    step_no_number(condition) {
        zh: "阶梯条件 `{condition}` 的比较符后面缺少数字",
        en: "step condition `{condition}` needs a number after the comparator",
    }
    step_unexpected(condition, text) {
        zh: "阶梯条件 `{condition}` 中的“{text}”无法识别：请写数字，比率加 %",
        en: "step condition `{condition}`: unexpected `{text}`; write a number, with % for a rate",
    }
    not_a_band_point(value) {
        zh: "“{value}”不是档次区间中的位置，请写 tier:top、tier:middle 或 tier:bottom",
        en: "`{value}` is not a place in a tier's band; write tier:top, tier:middle or tier:bottom",
    }
    step_after_else(step) {
        zh: "阶梯 `{step}` 在 `else` 之后，永远不会适用；请把 `else` 放在最后",
        en: "step `{step}` comes after `else` and can never apply; put `else` last",
    }
    steps_empty() {
        zh: "阶梯表为空；请写成例如 step:=0→3;≤10%→2;else→0",
        en: "the step table is empty; write e.g. step:=0→3;≤10%→2;else→0",
    }
    deduct_no_slash(arg) {
        zh: "扣分规则 `{arg}` 需要写成 分数/步长，例如 deduct:0.5/1%",
        en: "deduction `{arg}` needs points/step, e.g. deduct:0.5/1%",
    }
    deduct_step_not_number(step) {
        zh: "扣分步长 `{step}` 不是数字，例如 `1%` 或 `1`",
        en: "deduction step `{step}` is not a number, e.g. `1%` or `1`",
    }
    deduct_step_not_positive(step) {
        zh: "扣分步长 `{step}` 必须大于零，例如 `1%`",
        en: "deduction step `{step}` must be above zero, e.g. `1%`",
    }
    needs_table(rule) {
        zh: "“{rule}”的冒号后面需要写出表，例如 step:≤10%→2;else→0 或 deduct:0.5/1%",
        en: "`{rule}` needs its table after a colon, e.g. step:≤10%→2;else→0 or deduct:0.5/1%",
    }
    /// A `rule` cell that cannot be read, with why.
    malformed(message) {
        zh: "评分规则有误：{message}",
        en: "malformed rule: {message}",
    }
    not_a_rule(rule) {
        zh: "“{rule}”不是评分规则；请写 proportional、linear-to-zero、ratio、all-or-nothing、tier、step:≤10%→2;else→0 或 deduct:0.5/1%",
        en: "`{rule}` is not a scoring rule; write proportional, linear-to-zero, ratio, all-or-nothing, tier, step:≤10%→2;else→0 or deduct:0.5/1%",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn rule_messages_in_both_languages() {
        let e = "tier:edge".parse::<crate::rule::Rule>().unwrap_err();
        assert_eq!(
            e.en(),
            "`edge` is not a place in a tier's band; write tier:top, tier:middle or tier:bottom"
        );
        assert_eq!(
            e.zh(),
            "“edge”不是档次区间中的位置，请写 tier:top、tier:middle 或 tier:bottom"
        );
        let e = "step:≤10%→x".parse::<crate::rule::Rule>().unwrap_err();
        assert_eq!(e.en(), "expected points after `≤10%→`, found `x`");
        assert_eq!(e.zh(), "`≤10%→` 之后应为分数，实际为“x”");
    }
}
