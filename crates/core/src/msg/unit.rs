//! The unit folder: `unit.toml`, `targets.csv`, `budget.csv`, names in them, and the
//! checks of a whole folder with its actuals.

crate::catalogue! { "unit";
    /// A targets.csv row with fewer cells than the header.
    row_truncated(cells, header) {
        zh: "这一行有 {cells} 个单元格；表头有 {header} 个",
        en: "this row has {cells} cells; the header has {header}",
    }
    row_truncated_help() {
        zh: "这一行不完整：请补齐缺少的单元格（空单元格也要保留逗号）",
        en: "the row is truncated: fill in the missing cells (empty cells need their commas)",
    }
    /// An indicator without an id.
    no_id() { zh: "该指标没有编号（id）", en: "this indicator has no id" }
    no_id_help() { zh: "请为该指标填写编号", en: "give the indicator an id" }
    /// An indicator without a name.
    no_name() { zh: "该指标没有名称（name）", en: "this indicator has no name" }
    no_name_help() { zh: "请为该指标填写名称", en: "give the indicator a name" }
    /// A rule that does not apply to its target.
    rule_help() {
        zh: "留空即采用该指标值的默认评分规则",
        en: "leave the cell empty for the default rule of the target",
    }
    malformed_rule_help() {
        zh: "参见 README 中 `rule` 列的说明；留空即采用默认规则",
        en: "see the `rule` column in the README; leave it empty for the default",
    }
    /// No 一级指标.
    no_level1() {
        zh: "该指标没有一级指标（level1）",
        en: "this indicator has no 一级指标 (level1)",
    }
    no_level1_help() {
        zh: "请填写一级指标：决策、过程、履职、产出、效益或满意度",
        en: "write the block: 决策, 过程, 履职, 产出, 效益 or 满意度",
    }
    /// A budget line without a name.
    line_without_name() {
        zh: "该预算项目没有名称",
        en: "this budget line has no name",
    }
    line_without_name_help() {
        zh: "请在第一列填写项目名称",
        en: "write the line's name in the first column",
    }
    /// Column words for number cells of budget.csv and targets.csv.
    half_year_plan() { zh: "半年计划", en: "half-year plan" }
    full_year_budget() { zh: "全年预算数", en: "full-year budget" }
    weight() { zh: "分值", en: "weight" }
    /// unit.toml does not parse (the TOML reader's message follows).
    unit_toml_unreadable(message) {
        zh: "无法读取 unit.toml：{message}",
        en: "unit.toml cannot be read: {message}",
    }
    unit_toml_help() {
        zh: "参见 README 中 unit.toml 的格式；金额写成带引号的小数，例如 \"735.55\"",
        en: "see the unit.toml format in the README; amounts are quoted decimals such as \"735.55\"",
    }
    /// The folder given is not a folder.
    not_a_unit_folder(path) {
        zh: "“{path}”不是单位文件夹",
        en: "`{path}` is not a unit folder",
    }
    not_a_unit_folder_help() {
        zh: "单位文件夹中有 unit.toml、targets.csv 和 budget.csv；可用 `attain import <table> --out <dir>` 创建",
        en: "a unit folder holds unit.toml, targets.csv and budget.csv; create one with `attain import <table> --out <dir>`",
    }
    /// No year.
    no_year() { zh: "unit.toml 中没有年度", en: "unit.toml has no year" }
    no_year_help() {
        zh: "请在 [unit] 下设置 `year = 2026`",
        en: "set `year = 2026` under [unit]",
    }
    /// An imported table without text.
    empty_table() {
        zh: "表格是空的：文件中没有文字",
        en: "the table is empty: the file has no text",
    }
    empty_table_help() {
        zh: "请把整张整体绩效目标表（从标题到最后一行）粘贴到文件中，或把表格另存为 CSV",
        en: "paste the whole 整体绩效目标表 (from its title to its last row) into the file, or save the table as CSV",
    }
    /// `expected = "plan"` without plan.csv.
    plan_missing() {
        zh: "settings.expected 为 `plan`，但没有 plan.csv：改按里程碑进度计算",
        en: "settings.expected is `plan` but there is no plan.csv: the milestone path is used",
    }
    plan_missing_help() {
        zh: "请添加 plan.csv（month、line、amount 三列），或设置 expected = \"milestone\"",
        en: "add plan.csv (month, line, amount) or set expected = \"milestone\"",
    }
    /// A year's spending far over a line's budget.
    far_overspent(line, spent, factor, budget) {
        zh: "预算项目“{line}”全年支出合计 {spent} 万元，超过其全年预算数 {budget} 万元的 {factor} 倍",
        en: "spending on `{line}` adds up to {spent} 万元 in the year, more than {factor} times its full-year budget of {budget} 万元",
    }
    far_overspent_help() {
        zh: "金额以万元计：请查找按元填写的数（除以 10000）或重复记账的月份；如预算已调增，请更新 budget.csv（上限见 settings.far_over_budget）",
        en: "amounts are in 万元: look for a figure in 元 (divide it by 10000) or a month booked twice; if the budget was raised, update budget.csv (the limit is settings.far_over_budget)",
    }
    /// The row of the largest month.
    largest_month(place, month) {
        zh: "{place}（支出最多的月份，{month}）",
        en: "{place} (the largest month, {month})",
    }
    /// A year's spending over a line's budget.
    overspent(line, spent, budget) {
        zh: "预算项目“{line}”全年支出合计 {spent} 万元，超过其全年预算数 {budget} 万元",
        en: "spending on `{line}` adds up to {spent} 万元 in the year, above its full-year budget of {budget} 万元",
    }
    overspent_help() {
        zh: "请检查实际数中是否有按元而非万元填写的数，或重复记账的月份；如预算已调增，请更新 budget.csv",
        en: "check the actuals for a figure in 元 instead of 万元, or a month booked twice; if the budget was raised, update budget.csv",
    }
}

/// Names: invisible characters, and names that differ only in full-width and
/// half-width forms.
pub mod names {
    crate::catalogue! { "names";
        /// A name holding an invisible character.
        invisible(what, name, code) {
            zh: "{what}“{name}”含有不可见字符 {code}",
            en: "the {what} `{name}` holds an invisible character {code}",
        }
        invisible_help() {
            zh: "请删除该字符（复制来的文字常带有零宽空格或方向标记）；如有疑问，请重新输入名称",
            en: "delete the character (copied text often brings zero-width spaces or direction marks along); type the name again if in doubt",
        }
        /// Two names that are one once folded.
        fold_duplicate(what, later, earlier, line) {
            zh: "{what}“{later}”与第 {line} 行的“{earlier}”在全角、半角视为相同后是同一个名称",
            en: "the {what} `{later}` is the same as `{earlier}` on line {line} once full-width and half-width forms are read alike",
        }
        fold_duplicate_help() {
            zh: "两个看起来相同的名称在实际数和报告中无法区分：请改掉其中一个，或把两者统一为同一写法",
            en: "two names that look alike cannot be told apart in actuals and reports: rename one, or write both the same way",
        }
        /// What holds the name (`the {what} …`).
        item() { zh: "项目", en: "item" }
        /// Columns of targets.csv and budget.csv holding names.
        indicator_id() { zh: "指标编号", en: "indicator's id" }
        indicator_level2() { zh: "指标的二级指标", en: "indicator's level2" }
        indicator_key_work() { zh: "指标的重点工作", en: "indicator's key_work" }
        line_parent() { zh: "预算项目的上级项目", en: "budget line's parent" }
        /// Another column (`indicator's {key}`).
        indicator_field(key) { zh: "指标的 `{key}` 列", en: "indicator's {key}" }
        line_field(key) { zh: "预算项目的 `{key}` 列", en: "budget line's {key}" }
        indicator_name() { zh: "指标名称", en: "indicator name" }
        line_name() { zh: "预算项目名称", en: "budget line name" }
        indicators_name() { zh: "指标名称", en: "indicator's name" }
        lines_name() { zh: "预算项目名称", en: "budget line's name" }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_answers() {
        let m = names::invisible(names::indicators_name(), "设备完好率<U+200B>", "U+200B");
        assert_eq!(m.zh(), "指标名称“设备完好率<U+200B>”含有不可见字符 U+200B");
        assert_eq!(
            m.en(),
            "the indicator's name `设备完好率<U+200B>` holds an invisible character U+200B"
        );
        let m = names::fold_duplicate(names::line_name(), "ＡＢ", "AB", 3);
        assert_eq!(
            m.zh(),
            "预算项目名称“ＡＢ”与第 3 行的“AB”在全角、半角视为相同后是同一个名称"
        );
        let m = far_overspent("基本支出", "5000", 3, "120");
        assert_eq!(
            m.zh(),
            "预算项目“基本支出”全年支出合计 5000 万元，超过其全年预算数 120 万元的 3 倍"
        );
        assert_eq!(
            m.en(),
            "spending on `基本支出` adds up to 5000 万元 in the year, more than 3 times its full-year budget of 120 万元"
        );
        assert_eq!(no_year_help().zh(), "请在 [unit] 下设置 `year = 2026`");
    }
}
