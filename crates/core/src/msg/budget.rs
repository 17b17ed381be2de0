//! Findings of the budget checks (`Budget::check`).

crate::catalogue! { "budget";
    line_twice(name) {
        zh: "预算项目“{name}”出现了两次",
        en: "budget line `{name}` is listed twice",
    }
    line_twice_help() {
        zh: "给每个项目一个不同的名称，或把两行合并",
        en: "give each line a distinct name, or merge the two rows",
    }
    unknown_parent(name, parent) {
        zh: "预算项目“{name}”的上级“{parent}”不是预算项目",
        en: "budget line `{name}` names parent `{parent}`, which is not a line",
    }
    unknown_parent_help() {
        zh: "补上这个上级项目，或改正、清空上级一栏",
        en: "add the parent line, or correct or clear the parent column",
    }
    own_ancestor(name) {
        zh: "预算项目“{name}”是它自己的上级（层级成环）",
        en: "budget line `{name}` is its own ancestor",
    }
    own_ancestor_help() {
        zh: "改正上级一栏，使各项目构成一棵树",
        en: "correct the parent column so that the lines form a tree",
    }
    negative(name) {
        zh: "预算项目“{name}”的金额为负数",
        en: "budget line `{name}` has a negative amount",
    }
    negative_help() {
        zh: "金额以万元计，不能为负数",
        en: "amounts are 万元 and cannot be negative",
    }
    plan_over_budget(name, plan, budget) {
        zh: "预算项目“{name}”：半年计划 {plan} 超过全年预算数 {budget}",
        en: "budget line `{name}`: half-year plan {plan} exceeds the full-year budget {budget}",
    }
    plan_over_budget_help() {
        zh: "检查这两列是否填反了",
        en: "check that the two columns are not swapped",
    }
    children_budget(parent, children, sum, total) {
        zh: "“{parent}”下级项目（{children}）的全年预算数合计 {sum}，不等于 {total}",
        en: "full-year budgets of the children of `{parent}` ({children}) add up to {sum}, not {total}",
    }
    children_plan(parent, children, sum, total) {
        zh: "“{parent}”下级项目（{children}）的半年计划合计 {sum}，不等于 {total}",
        en: "half-year plans of the children of `{parent}` ({children}) add up to {sum}, not {total}",
    }
    children_help() {
        zh: "改正金额，使下级项目之和等于上级",
        en: "correct the amounts so that the children add up to their parent",
    }
    unbalanced_adjusted(expenditure, income, difference) {
        zh: "预算项目合计 {expenditure} 万元，但全年（调整后）收入为 {income} 万元（相差 {difference}）",
        en: "expenditure lines add up to {expenditure} 万元 but the full-year (adjusted) income is {income} 万元 (difference {difference})",
    }
    unbalanced_adjusted_help() {
        zh: "budget.csv 存放据以计算执行率的全年预算数：把各项目改为调整后预算，或改正 unit.toml 中的 `adjusted` 金额",
        en: "budget.csv holds the full-year budget (全年预算数) that execution is measured against: update its lines to the adjusted budget, or correct the `adjusted` amounts in unit.toml",
    }
    unbalanced(expenditure, income, difference) {
        zh: "预算项目合计 {expenditure} 万元，但收入为 {income} 万元（相差 {difference}）",
        en: "expenditure lines add up to {expenditure} 万元 but income is {income} 万元 (difference {difference})",
    }
    unbalanced_help() {
        zh: "收支必须平衡：改正某个预算项目或收入来源",
        en: "the budget must balance: correct a line or an income source",
    }
    sources_sum(sources, sum, total) {
        zh: "各收入来源（{sources}）合计 {sum} 万元，不等于所填总额 {total}",
        en: "income sources ({sources}) add up to {sum} 万元, not the stated total {total}",
    }
    sources_sum_help() {
        zh: "改正某个来源或总额（资金总额）",
        en: "correct a source or the total (资金总额)",
    }
}
