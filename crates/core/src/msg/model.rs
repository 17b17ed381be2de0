//! The unit's model as a whole (`model.rs`): income, indicators, weights and the
//! half-year plan against the execution target.

crate::catalogue! { "model";
    no_income() {
        zh: "没有收入（unit.toml 中的 [income]）：无法核对预算收支平衡",
        en: "there is no income ([income] in unit.toml): the budget balance is not checked",
    }
    no_income_help() {
        zh: "按目标表在 unit.toml 中补上 [income] total 及其 [[income.sources]]",
        en: "add [income] total and its [[income.sources]] as in the target table",
    }
    no_indicators() {
        zh: "没有任何指标",
        en: "there are no indicators",
    }
    no_indicators_help() {
        zh: "目标表至少需要一行三级指标",
        en: "the targets need at least one 三级 indicator row",
    }
    whole_points(count, first) {
        zh: "settings.scoring.rounding 为 \"whole\"，但有 {count} 个指标的分值不是整数（“{first}”等）：这些指标的得分和总分都不会是整数",
        en: "settings.scoring.rounding is \"whole\" but {count} indicator(s) have weights that are not whole points (`{first}` …): their scores cannot be whole points and the total will not be",
    }
    whole_points_help() {
        zh: "这些分值请用 rounding = \"cents\"，或在 targets.csv 中把每个指标的分值改为整数",
        en: "use rounding = \"cents\" with these weights, or give every indicator a whole-point 分值 in targets.csv",
    }
    id_twice(id) {
        zh: "指标编号“{id}”用了两次",
        en: "indicator id `{id}` is used twice",
    }
    id_twice_help() {
        zh: "请给每个指标一个不同的编号",
        en: "give each indicator its own id",
    }
    name_twice(name, level1, level2) {
        zh: "指标名称“{name}”出现了两次（在{level1}/{level2}下，前面已有同名指标）；填报实际完成值时无法区分",
        en: "indicator name `{name}` appears twice (under {level1}/{level2} and earlier); actuals could not tell them apart",
    }
    name_twice_help() {
        zh: "请改掉其中一个名称，例如在括号中加上二级指标名称",
        en: "rename one of them, e.g. by adding its 二级 name in brackets",
    }
    h1_above_fy(name, h1, fy) {
        zh: "指标“{name}”：半年指标值 {h1} 高于年度指标值 {fy}",
        en: "indicator `{name}`: the half-year target {h1} is above the full-year target {fy}",
    }
    h1_above_fy_help() {
        zh: "请检查两个指标值是否填反或填错",
        en: "check that the two targets are not swapped or mistyped",
    }
    /// The half-year target, in `not_a_rate`.
    half_year() { zh: "半年指标值", en: "half-year target" }
    /// The full-year target, in `not_a_rate`.
    full_year() { zh: "年度指标值", en: "full-year target" }
    not_a_rate(name, which, target) {
        zh: "指标“{name}”：{which} {target} 不是执行率（预算的 0% 至 100%）",
        en: "indicator `{name}`: the {which} {target} is not an execution rate (0 % to 100 % of the budget)",
    }
    not_a_rate_help() {
        zh: "执行率是支出 ÷ 预算：请填写 0% 至 100% 的指标值，例如半年 =46%、全年 =100%",
        en: "an execution rate is spending ÷ budget: write a target from 0 % to 100 %, e.g. =46% at half-year and =100% for the year",
    }
    negative_weight(name, weight) {
        zh: "指标“{name}”的分值 {weight} 为负数",
        en: "indicator `{name}` has a negative weight {weight}",
    }
    negative_weight_help() {
        zh: "分值应为 0 至 100 之间的数",
        en: "weights (分值) are points from 0 to 100",
    }
    unknown_line(name, line) {
        zh: "指标“{name}”考核预算项目“{line}”的执行，但 budget.csv 中没有该项目",
        en: "indicator `{name}` measures execution of budget line `{line}`, which budget.csv does not have",
    }
    unknown_line_help() {
        zh: "在 `execution:` 后写 budget.csv 中的项目名称，或只写 `execution` 表示全部预算",
        en: "name a line from budget.csv after `execution:`, or write `execution` for the total",
    }
    grade_for_number(name, target) {
        zh: "指标“{name}”的计量方式为 `grade`，但指标值是定量的“{target}”",
        en: "indicator `{name}` has measure `grade` but a quantitative target `{target}`",
    }
    grade_for_number_help() {
        zh: "`grade` 只用于“健全”这类定性目标；数值请用 sum 或 latest",
        en: "use grade only with qualitative targets such as 健全; use sum or latest for numbers",
    }
    number_for_word(name, measure, target) {
        zh: "指标“{name}”的计量方式为 `{measure}`，但指标值是定性的“{target}”",
        en: "indicator `{name}` has measure `{measure}` but a qualitative target `{target}`",
    }
    number_for_word_help() {
        zh: "定性目标的计量方式请用 grade",
        en: "qualitative targets take the measure grade",
    }
    weights_not_100(total) {
        zh: "分值合计 {total}，不是 100",
        en: "weights add up to {total}, not 100",
    }
    weights_not_100_help() {
        zh: "请改正 targets.csv 的分值列，使合计为 100",
        en: "correct the weight column of targets.csv so that it adds up to 100",
    }
    h1_plan(ratio, plan, budget, target) {
        zh: "半年计划为预算的 {ratio}（{plan} / {budget} 万元），但预算执行率的半年指标值为 {target}",
        en: "the half-year plan is {ratio} of the budget ({plan} / {budget} 万元) but the 预算执行率 half-year target is {target}",
    }
    h1_plan_help() {
        zh: "请核对半年计划与指标值是否一致；容差为 unit.toml 中的 settings.h1_plan_tolerance",
        en: "check that the half-year plan and the target agree; the tolerance is settings.h1_plan_tolerance in unit.toml",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn model_messages_in_both_languages() {
        let m = super::not_a_rate("预算执行率", super::half_year(), "=146%");
        assert_eq!(
            m.en(),
            "indicator `预算执行率`: the half-year target =146% is not an execution rate (0 % to 100 % of the budget)"
        );
        assert_eq!(
            m.zh(),
            "指标“预算执行率”：半年指标值 =146% 不是执行率（预算的 0% 至 100%）"
        );
        assert_eq!(super::weights_not_100("95").zh(), "分值合计 95，不是 100");
    }
}
