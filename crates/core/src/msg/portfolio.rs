//! Findings of the portfolio reader: a folder of unit folders, or the export shape
//! (one unit.toml, targets.csv and budget.csv, and actuals.csv with a `unit` column).

crate::catalogue! { "portfolio";
    not_a_folder(path) {
        zh: "“{path}”不是文件夹",
        en: "`{path}` is not a folder",
    }
    not_a_folder_help() {
        zh: "请给出存放各单位文件夹的文件夹，或存放导出文件（unit.toml、targets.csv、budget.csv、actuals.csv）的文件夹",
        en: "give a folder of unit folders, or a folder with the export files (unit.toml, targets.csv, budget.csv, actuals.csv)",
    }
    cannot_list(error) {
        zh: "无法列出文件夹的内容：{error}",
        en: "cannot list the folder: {error}",
    }
    nothing_here() {
        zh: "这里既没有单位文件夹，也没有导出文件",
        en: "no unit folders and no export files here",
    }
    nothing_here_help() {
        zh: "请给出其子文件夹中有 unit.toml、targets.csv 和 budget.csv 的文件夹，或有 unit.toml、targets.csv、budget.csv 和带 `unit` 列的 actuals.csv 的文件夹",
        en: "give a folder whose subfolders hold unit.toml, targets.csv and budget.csv, or a folder with unit.toml, targets.csv, budget.csv and actuals.csv with a `unit` column",
    }
    not_grouped() {
        zh: "部分单位的行没有排在一起：文件读了两遍，所有行都放在内存中",
        en: "the rows of some units are not together: the file was read twice, holding every row in memory",
    }
    not_grouped_help() {
        zh: "请按单位对 actuals.csv 排序（即导出时的顺序），这样只需读一遍，占用内存少",
        en: "sort actuals.csv by unit (the order of an export) to read it once in little memory",
    }
    cannot_read(error) {
        zh: "无法读取文件：{error}",
        en: "cannot read the file: {error}",
    }
    cannot_read_help() {
        zh: "请检查路径，以及是否有读取该文件的权限",
        en: "check the path and that you may read the file",
    }
    bad_csv(error) {
        zh: "无法读取该 CSV：{error}",
        en: "this CSV cannot be read: {error}",
    }
    bad_csv_help() {
        zh: "请检查该行的引号：含逗号或引号的字段须放在双引号中，字段内的引号要写两遍",
        en: "check the quotes on this line: a field that contains a comma or a quote must be in double quotes, with inner quotes doubled",
    }
    empty_file() {
        zh: "文件是空的",
        en: "the file is empty",
    }
    empty_file_help() {
        zh: "第一行须写明各列的列名",
        en: "the first line names the columns",
    }
    budget_line_without_unit() {
        zh: "该预算项目没有填写单位",
        en: "this budget line has no unit",
    }
    unit_code_help() {
        zh: "请在每一行的 unit 列填写单位代码",
        en: "write the unit's code in the unit column of every row",
    }
    half_year_plan() {
        zh: "半年计划",
        en: "half-year plan",
    }
    full_year_budget() {
        zh: "全年预算数",
        en: "full-year budget",
    }
    amount_not_number(what, text) {
        zh: "{what}“{text}”不是数字",
        en: "the {what} `{text}` is not a number",
    }
    amount_help() {
        zh: "请以万元为单位填写纯数字，例如 116 或 25.99",
        en: "write 万元 as a plain number, e.g. 116 or 25.99",
    }
    budget_line_without_name() {
        zh: "该预算项目没有名称",
        en: "this budget line has no name",
    }
    budget_line_without_name_help() {
        zh: "请在 name 列填写预算项目的名称",
        en: "write the line's name in the name column",
    }
    actuals_without_budget(unit) {
        zh: "单位“{unit}”有实际数据，但没有预算项目",
        en: "unit `{unit}` has actuals but no budget lines",
    }
    actuals_without_budget_help() {
        zh: "请在 budget.csv 中补上该单位的预算项目，或改正 actuals.csv 中的单位代码",
        en: "add the unit's budget lines to budget.csv, or correct the unit code in actuals.csv",
    }
    row_without_unit() {
        zh: "该行没有填写单位",
        en: "this row has no unit",
    }
    row_short() {
        zh: "该行的列数少于表头",
        en: "this row is shorter than the header",
    }
    row_short_help() {
        zh: "每一行都需要 unit、month、item 和 value 四列",
        en: "each row needs unit, month, item and value",
    }
    second_figure(what, month) {
        zh: "“{what}”在 {month} 出现了第二个数",
        en: "`{what}` has a second figure for {month}",
    }
    first_source(place) {
        zh: "{place}（首次出现）",
        en: "{place} (first)",
    }
    second_figure_detail_help() {
        zh: "水平值或等级每月只报一次，明细表中也是如此：请保留最新的数，或删除重复的一行",
        en: "a level or a grade is reported once a month, even in the detail form: keep the latest figure, or delete the duplicate",
    }
    second_figure_help() {
        zh: "每个项目每月只保留一行：请把两个数相加，或删除重复的一行（如要每笔支付一行，请把该列命名为 `date`（日期），各笔支付就会相加）",
        en: "keep one row per item and month: add the two figures together, or delete the duplicate (for one row per payment, name the column `date` (日期): then payments add up)",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn portfolio_messages_in_both_languages() {
        let m = super::amount_not_number(super::half_year_plan(), "abc");
        assert_eq!(m.zh(), "半年计划“abc”不是数字");
        assert_eq!(m.en(), "the half-year plan `abc` is not a number");
        let m = super::second_figure("培训人次", "2026-05");
        assert_eq!(m.zh(), "“培训人次”在 2026-05 出现了第二个数");
        assert_eq!(m.en(), "`培训人次` has a second figure for 2026-05");
        assert_eq!(
            super::first_source("actuals.csv:3").zh(),
            "actuals.csv:3（首次出现）"
        );
        assert_eq!(
            super::actuals_without_budget("U000001").zh(),
            "单位“U000001”有实际数据，但没有预算项目"
        );
    }
}
