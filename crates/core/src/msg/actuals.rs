//! Monthly actuals (`actuals/*.csv`, `actuals/*.xlsx`) and the monthly plan
//! (`plan.csv`).

crate::catalogue! { "actuals";
    /// The actuals folder cannot be listed (an OS error).
    cannot_list(error) {
        zh: "无法列出 actuals 文件夹的内容：{error}",
        en: "cannot list the actuals folder: {error}",
    }
    /// A subfolder of actuals/.
    skipped_folder(folder) {
        zh: "已跳过文件夹 {folder}：子文件夹中的文件不会读取",
        en: "skipped the folder {folder}: files in subfolders are not read",
    }
    skipped_folder_help() {
        zh: "如需计入，请把该月的文件移到 actuals/ 下",
        en: "move a month's file up into actuals/ if it should count",
    }
    /// An .xls workbook.
    old_xls() {
        zh: "这是旧版 Excel 工作簿（.xls），attain 不能读取",
        en: "this is an old Excel workbook (.xls), which attain does not read",
    }
    old_xls_help() {
        zh: "请用 Excel 打开并另存为 .xlsx（另存为 → Excel 工作簿），或导出为 CSV",
        en: "open it in Excel and save it as .xlsx (另存为 → Excel 工作簿), or export it as CSV",
    }
    /// Another kind of file in actuals/.
    not_csv_or_xlsx() {
        zh: "actuals/ 中的这个文件既不是 CSV，也不是 Excel 工作簿",
        en: "this file in actuals/ is neither CSV nor an Excel workbook",
    }
    not_csv_or_xlsx_help() {
        zh: "actuals/ 中只放 .csv 或 .xlsx 文件（请把其他文件移走）",
        en: "keep only .csv or .xlsx files in actuals/ (move other files elsewhere)",
    }
    /// Spending booked on a line with children.
    booked_on_parent(item, children) {
        zh: "支出记在了“{item}”上，而它有下级项目（{children}）：会被重复计算",
        en: "spending booked on `{item}`, which has children ({children}): it would be counted twice",
    }
    booked_on_parent_help(children, item) {
        zh: "请把支出记在没有下级的项目上（{children}）；“{item}”是它们的合计",
        en: "book spending on the lines without children ({children}); `{item}` is their sum",
    }
    /// An item cell naming nothing.
    unknown_item(item) {
        zh: "未知的项目“{item}”",
        en: "unknown item `{item}`",
    }
    unknown_item_help() {
        zh: "请填写 targets.csv 中三级指标的编号或完整名称，或 budget.csv 中的预算项目名称",
        en: "use a 三级 indicator's id or exact name from targets.csv, or a budget line name from budget.csv",
    }
    /// The same with close names (`did you mean …?`).
    unknown_item_suggest(did_you_mean) {
        zh: "{did_you_mean}项目应为三级指标的编号或完整名称，或 budget.csv 中的预算项目",
        en: "{did_you_mean} Items are a 三级 indicator's id or exact name, or a budget line from budget.csv",
    }
    /// An empty value cell.
    empty_value() { zh: "数值为空", en: "the value is empty" }
    empty_value_help() {
        zh: "请填写数值；如本月无可报数据，请删除该行",
        en: "fill in the value, or delete the row if there is nothing to report",
    }
    /// Spending that is not a number.
    spending_not_a_number(value) {
        zh: "支出“{value}”不是数字",
        en: "spending `{value}` is not a number",
    }
    spending_not_a_number_help() {
        zh: "请以万元填写当月支出，只写数字，例如 48.20",
        en: "write that month's spending in 万元 as a plain number, e.g. 48.20",
    }
    /// One month's spending far over the line's budget.
    month_far_over(value, line, factor, budget) {
        zh: "“{line}”一个月的支出 {value} 万元，超过其全年预算数 {budget} 万元的 {factor} 倍",
        en: "spending {value} 万元 on `{line}` in one month is more than {factor} times its full-year budget of {budget} 万元",
    }
    month_far_over_help(value, wan) {
        zh: "金额以万元计：如果 {value} 是元，请写 {wan}（÷ 10000）；如预算已调增，请更新 budget.csv（上限见 settings.far_over_budget）",
        en: "amounts are in 万元: if {value} is in 元, write {wan} (÷ 10000); if the budget was raised, update budget.csv (the limit is settings.far_over_budget)",
    }
    /// Negative spending.
    negative_spending(value, item) {
        zh: "“{item}”的支出为负数 {value}",
        en: "negative spending {value} on `{item}`",
    }
    negative_spending_help() {
        zh: "退款或更正会减少累计支出；请确认这是有意为之",
        en: "a refund or correction lowers the cumulative spending; check that this is intended",
    }
    /// A value for the execution-rate indicator.
    computed_indicator(indicator) {
        zh: "“{indicator}”由支出计算得出，不单独填写数值",
        en: "`{indicator}` is computed from spending; it takes no value of its own",
    }
    computed_indicator_help() {
        zh: "请改为在预算项目（budget.csv）上填报支出，执行率由此得出",
        en: "report spending on the budget lines (budget.csv) instead; the execution rate follows from them",
    }
    /// A grade word not accepted.
    not_a_grade(value, indicator) {
        zh: "“{value}”不是“{indicator}”可接受的等级",
        en: "`{value}` is not a grade `{indicator}` accepts",
    }
    not_a_grade_help(words) {
        zh: "请填写以下之一：{words}",
        en: "write one of: {words}",
    }
    /// Not a date for a date target.
    not_a_date(value, indicator, target) {
        zh: "“{value}”不是日期；“{indicator}”的指标值是日期 {target}",
        en: "`{value}` is not a date; `{indicator}` has the date target {target}",
    }
    not_a_date_help() {
        zh: "请填写完成的月份，例如 2026年10月（从完成当月起填报）",
        en: "write the month it was done, e.g. 2026年10月 (from the month it is done)",
    }
    /// Not a ratio for a ratio target.
    not_a_ratio(value, indicator, target) {
        zh: "“{value}”不是比例；“{indicator}”的指标值是比例 {target}",
        en: "`{value}` is not a ratio; `{indicator}` has the ratio target {target}",
    }
    not_a_ratio_help() {
        zh: "请用冒号连接两个数，例如 1:1.3",
        en: "write the ratio as two numbers with a colon, e.g. 1:1.3",
    }
    /// A value that is not a number.
    not_a_number(value) {
        zh: "“{value}”不是数字",
        en: "`{value}` is not a number",
    }
    rate_help() {
        zh: "请把比率写成 98%、98 % 或 0.98",
        en: "write the rate as 98%, 98 % or 0.98",
    }
    /// A small number without % read as a fraction.
    read_as_fraction(value, percent) {
        zh: "“{value}”没有 % 号，按小数 {value} 读取，即 {percent}%",
        en: "`{value}` has no % sign and is read as the fraction {value}, i.e. {percent}%",
    }
    read_as_fraction_help(value) {
        zh: "如果指的是 {value}%，请写 {value}%",
        en: "if you meant {value}%, write {value}%",
    }
    /// A larger number without %.
    no_percent_sign(value, percent) {
        zh: "“{value}”没有 % 号：按小数读取将是 {percent}%",
        en: "`{value}` has no % sign: as a fraction it would be {percent}%",
    }
    no_percent_sign_help(value) {
        zh: "百分数请写 {value}%，或写小数，例如 0.98",
        en: "write {value}% for a percentage, or a fraction such as 0.98",
    }
    /// A unit that is not one of a rate.
    not_a_rate_unit(unit) {
        zh: "“{unit}”不是比率的单位",
        en: "`{unit}` is not a unit of a rate",
    }
    count_help(unit) {
        zh: "请用数字填写数量，例如 3 或 3{unit}",
        en: "write the count in digits, e.g. 3 or 3{unit}",
    }
    /// A value with another unit than the indicator's.
    wrong_unit(value, unit, expected) {
        zh: "“{value}”：单位“{unit}”不是该指标的单位“{expected}”",
        en: "`{value}`: the unit `{unit}` is not the indicator's unit `{expected}`",
    }
    wrong_unit_help(expected) {
        zh: "请只写数字，或带上单位“{expected}”",
        en: "write the number alone or with `{expected}`",
    }
    /// A negative count.
    negative_count(value, indicator) {
        zh: "“{indicator}”的数量为负数 {value}",
        en: "negative count {value} for `{indicator}`",
    }
    negative_count_help() {
        zh: "数量不能为负数；请改正前面月份的数字",
        en: "a count cannot be negative; correct an earlier month's figure instead",
    }
    /// A count that is not whole.
    fractional_count(value, indicator, unit) {
        zh: "“{indicator}”的数量“{value}”不是整数（其单位为{unit}）",
        en: "the count `{value}` for `{indicator}` is not a whole number (its unit is {unit})",
    }
    fractional_count_help(unit) {
        zh: "以{unit}计的事物应为整数：请检查数字（小数点点错了？）；如该指标不是计数，请在 targets.csv 中改正其单位",
        en: "things counted in {unit} come whole: check the figure (a slip of the decimal point?); if the indicator is not a count, correct its unit in targets.csv",
    }
    /// No month (or date) column.
    no_month_column() {
        zh: "表头中没有“月份”（`month`）列",
        en: "the header has no `month` (月份) column",
    }
    no_month_column_help() {
        zh: "请添加该列；文件的第一行为各列的列名（如每笔支付一行，则改用“日期”（`date`）列）",
        en: "add the column; the first line of the file names the columns (one row per payment: a `date` (日期) column instead)",
    }
    /// A date cell that is not a date.
    not_a_date_or_month(value) {
        zh: "“{value}”不是日期或月份",
        en: "`{value}` is not a date or a month",
    }
    not_a_date_or_month_help() {
        zh: "请把支付日期写成 2026-06-15、2026/6/15 或 2026年6月15日（或写月份 2026-06）",
        en: "write the payment's date as 2026-06-15, 2026/6/15 or 2026年6月15日 (or its month, 2026-06)",
    }
    /// A file without rows.
    empty_file() { zh: "文件是空的", en: "the file is empty" }
    empty_file_help() {
        zh: "请删除该文件，或添加表头和数据行",
        en: "delete it, or add a header and rows",
    }
    /// A sheet of a workbook whose first row is not a header of actuals.
    sheet_without_header(sheet, message) {
        zh: "工作表 {sheet} 没有实际数的表头：{message}",
        en: "sheet {sheet} has no header of actuals: {message}",
    }
    sheet_without_header_help(help) {
        zh: "{help}；每个有内容的工作表都会读取，其第一行为各列的列名：请把说明文字移到其他文件，或删除该工作表",
        en: "{help}; every sheet with content is read, its first row naming the columns: move notes to another file, or delete the sheet",
    }
    sheet_without_header_help_alone() {
        zh: "每个有内容的工作表都会读取，其第一行为各列的列名：请把说明文字移到其他文件，或删除该工作表",
        en: "every sheet with content is read, its first row naming the columns: move notes to another file, or delete the sheet",
    }
    row_needs_help() {
        zh: "每行都需要月份、项目和数值",
        en: "each row needs month, item and value",
    }
    /// A second figure for an item and month.
    second_figure(item, month) {
        zh: "“{item}”在 {month} 有第二个数字",
        en: "`{item}` has a second figure for {month}",
    }
    /// Where the first figure is.
    first_place(place) {
        zh: "{place}（第一个）",
        en: "{place} (first)",
    }
    second_figure_detail_help() {
        zh: "水平值或等级每月只报一次，逐笔明细中也是如此：请保留最新的数字，或删除重复的行",
        en: "a level or a grade is reported once a month, even in the detail form: keep the latest figure, or delete the duplicate",
    }
    second_figure_help() {
        zh: "每个项目每月只保留一行：请把两个数相加，或删除重复的行（如需每笔支付一行，请把列命名为“日期”（`date`），各笔支付即会累加）",
        en: "keep one row per item and month: add the two figures together, or delete the duplicate (for one row per payment, name the column `date` (日期): then payments add up)",
    }
    /// Rows of an entry workbook left blank.
    blank_rows(blank, total, first, last) {
        zh: "{total} 行中有 {blank} 行没有数值，视为未填报（第 {first}–{last} 行）",
        en: "{blank} of {total} rows have no value and count as not reported (rows {first}–{last})",
    }
    blank_rows_help() {
        zh: "本月有数据的项目请都填写“数值”",
        en: "fill in 数值 for every item with a figure this month",
    }
    /// A note that is a number right after a short value.
    number_in_note(note, value, joined) {
        zh: "备注只是数字“{note}”，紧跟在数值“{value}”之后：“{joined}”是否是被逗号拆开的一个数？",
        en: "the note is only the number `{note}` right after the value `{value}`: was `{joined}` one value split by a comma?",
    }
    number_in_note_help() {
        zh: "小数请用小数点（1.5），数字不写千位分隔符；备注若是数字，请加双引号以保留",
        en: "write decimals with a point (1.5) and numbers without thousands separators; a note that is a number is kept when written in double quotes",
    }
    /// plan.csv: a line with children.
    plan_parent(line) {
        zh: "“{line}”有下级项目：请改为给其下级项目做计划",
        en: "`{line}` has children: plan its children instead",
    }
    /// plan.csv: an unknown line.
    plan_unknown_line(line) {
        zh: "未知的预算项目“{line}”",
        en: "unknown budget line `{line}`",
    }
    plan_unknown_line_help() {
        zh: "请填写 budget.csv 中的项目名称",
        en: "use a line name from budget.csv",
    }
    /// plan.csv: an amount that is not a number.
    plan_amount(amount) {
        zh: "金额“{amount}”不是数字",
        en: "amount `{amount}` is not a number",
    }
    plan_amount_help() {
        zh: "请以万元填写，只写数字",
        en: "write 万元 as a plain number",
    }
    /// A value with a thousands separator in a text cell or a quoted CSV field.
    thousands_in_value(value) {
        zh: "“{value}”带有千位分隔符",
        en: "`{value}` is written with a thousands separator",
    }
    thousands_in_value_help(plain) {
        zh: "请写成 {plain}，不带分隔符（在工作簿中请填为数字：数字格式可以显示分隔符）",
        en: "write {plain} without the separator (in a workbook, as a number: a number format may show separators)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_answers() {
        let m = unknown_item("出访团组数");
        assert_eq!(m.zh(), "未知的项目“出访团组数”");
        assert_eq!(m.en(), "unknown item `出访团组数`");
        let h =
            unknown_item_suggest(crate::msg::csv::did_you_mean(&["出访团组个数", "X1"]).unwrap());
        assert_eq!(
            h.zh(),
            "是不是“出访团组个数”或“X1”？项目应为三级指标的编号或完整名称，或 budget.csv 中的预算项目"
        );
        assert_eq!(
            h.en(),
            "did you mean `出访团组个数`, `X1`? Items are a 三级 indicator's id or exact name, or a budget line from budget.csv"
        );
        let m = month_far_over("4820", "基本支出", 3, "120.5");
        assert_eq!(
            m.zh(),
            "“基本支出”一个月的支出 4820 万元，超过其全年预算数 120.5 万元的 3 倍"
        );
        assert_eq!(
            m.en(),
            "spending 4820 万元 on `基本支出` in one month is more than 3 times its full-year budget of 120.5 万元"
        );
        let m = blank_rows(3, 10, 4, 9);
        assert_eq!(m.zh(), "10 行中有 3 行没有数值，视为未填报（第 4–9 行）");
        assert_eq!(
            m.en(),
            "3 of 10 rows have no value and count as not reported (rows 4–9)"
        );
    }

    #[test]
    fn the_sheet_wrapper_renders_its_inner_message_in_the_same_language() {
        let inner = crate::msg::csv::unknown_column("说明");
        let m = sheet_without_header("8月", inner.clone());
        assert_eq!(m.zh(), "工作表 8月 没有实际数的表头：未知的列“说明”");
        assert_eq!(
            m.en(),
            "sheet 8月 has no header of actuals: unknown column `说明`"
        );
        let h = sheet_without_header_help(crate::msg::csv::the_columns_are("month (月份)"));
        assert!(h
            .zh()
            .starts_with("可用的列为：month (月份)；每个有内容的工作表都会读取"));
        assert!(h
            .en()
            .starts_with("the columns are: month (月份); every sheet with content is read"));
        assert_eq!(m.key(), "actuals.sheet_without_header");
    }
}
