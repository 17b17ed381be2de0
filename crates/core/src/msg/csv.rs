//! CSV files: quotes, headers and columns, cells beside the header, numbers and
//! months in cells.

crate::catalogue! { "csv";
    /// A quote that is never closed.
    quote_never_closed() {
        zh: "这个双引号没有闭合：其后的每一行都会被读成同一个单元格",
        en: "this double quote is never closed: every line after it would be read as one cell",
    }
    quote_never_closed_help() {
        zh: "请在文字末尾补上引号（\"像这样\"），或删除该引号；带引号的文字中，引号本身要写两次（\"\"）",
        en: "close the quote after the text (\"like this\"), or remove it; a quote inside quoted text is written twice (\"\")",
    }
    /// A quote that swallows lines that look like rows.
    quote_closed_late(end, line) {
        zh: "这个双引号直到第 {end} 行才闭合：第 {line} 行及其间各行都会被读成同一个单元格的一部分",
        en: "this double quote is closed only on line {end}: line {line} and the lines between would be read as part of one cell",
    }
    quote_closed_late_help() {
        zh: "请在文字结束处闭合引号，或删除该引号；带引号的文字中，引号本身要写两次（\"\"）",
        en: "close the quote where the text ends, or remove it; a quote inside quoted text is written twice (\"\")",
    }
    /// The csv reader failed (its error text follows).
    unreadable(error) {
        zh: "无法读取该 CSV：{error}",
        en: "this CSV cannot be read: {error}",
    }
    unreadable_help() {
        zh: "请检查这一行的引号：含有逗号或引号的字段须放在双引号中，其中的引号写两次",
        en: "check the quotes on this line: a field that contains a comma or a quote must be in double quotes, with inner quotes doubled",
    }
    /// A column named twice.
    column_twice(column) {
        zh: "表头中“{column}”列出现了两次",
        en: "column `{column}` appears twice in the header",
    }
    column_twice_help() {
        zh: "请删除两列中的一列",
        en: "delete one of the two columns",
    }
    /// A header cell that names no column.
    unknown_column(column) {
        zh: "未知的列“{column}”",
        en: "unknown column `{column}`",
    }
    /// The columns a file has (`key (中文名), …`).
    /// A column by its key and its Chinese header, in a list of columns.
    column_named(key, zh) {
        zh: "{zh}（{key}）",
        en: "{key} ({zh})",
    }
    the_columns_are(columns) {
        zh: "可用的列为：{columns}",
        en: "the columns are: {columns}",
    }
    /// A required column missing.
    missing_column(key, zh_name) {
        zh: "表头中没有“{zh_name}”（`{key}`）列",
        en: "the header has no `{key}` ({zh_name}) column",
    }
    missing_column_help() {
        zh: "请添加该列；文件的第一行为各列的列名",
        en: "add the column; the first line of the file names the columns",
    }
    /// A file with no header.
    empty_file() { zh: "文件是空的", en: "the file is empty" }
    empty_file_help() {
        zh: "文件的第一行须为各列的列名",
        en: "the first line must name the columns",
    }
    /// A row with fewer cells than it needs.
    row_too_short() {
        zh: "这一行比表头短",
        en: "this row is shorter than the header",
    }
    /// What a short row needs (`month, line, amount`).
    row_needs(keys) {
        zh: "每行都需要 {keys}",
        en: "each row needs {keys}",
    }
    /// Empty cells at the end of a CSV row beyond the header.
    trailing_commas(cells, header, extra) {
        zh: "这一行有 {cells} 个单元格，而表头只有 {header} 个：行末多了 {extra} 个逗号",
        en: "this row has {cells} cells but the header has {header}: {extra} comma(s) too many at the end",
    }
    trailing_commas_help() {
        zh: "被逗号挤开的单元格会读进错误的列：数字不要写千位分隔符（写 1234.50，不写 1,234.50），含逗号的文字请加双引号，或删除行末的逗号",
        en: "a cell shifted by a comma is read into the wrong column: write numbers without thousands separators (1234.50, not 1,234.50), put text with commas in double quotes, or delete the trailing commas",
    }
    /// A CSV row longer than its header: a comma in the last column's text?
    comma_inside(cells, header, last) {
        zh: "这一行有 {cells} 个单元格，而表头只有 {header} 个：“{last}”一栏中有逗号？",
        en: "this row has {cells} cells but the header has {header}: a comma inside the {last}?",
    }
    comma_inside_help() {
        zh: "请给文字加上双引号，或改用全角逗号“，”；数字不要写千位分隔符",
        en: "put the text in double quotes, or use the full-width ，; write numbers without thousands separators",
    }
    /// A sheet row longer than its header.
    row_longer(cells, header) {
        zh: "这一行有 {cells} 个单元格，而表头只有 {header} 个",
        en: "this row has {cells} cells but the header has {header}",
    }
    name_the_column_help() {
        zh: "请在表头行中为该列命名，或把该值移到有列名的列中",
        en: "name the column in the header row, or move the value into a named column",
    }
    /// A cell under an empty header cell.
    cell_without_header() {
        zh: "该单元格所在的列没有列名，不会被读取",
        en: "this cell is in a column without a header, so it would not be read",
    }
    /// `1,234.50` read as two cells.
    split_number(joined, first, second) {
        zh: "“{joined}”像是被千位分隔符拆开的一个数：会被读成 {first}，而 {second} 进入下一列",
        en: "`{joined}` looks like one number split by its thousands separator: it would be read as {first} with {second} in the next column",
    }
    split_number_help(number, joined) {
        zh: "请写成不带分隔符的 {number}，或加上双引号（\"{joined}\"）",
        en: "write {number} without the separator, or in double quotes (\"{joined}\")",
    }
    /// A month of another year.
    month_outside_year(month, year) {
        zh: "月份 {month} 不在目标年度 {year} 内",
        en: "month {month} is outside the target year {year}",
    }
    month_outside_year_help(year) {
        zh: "本单位文件夹是 {year} 年度的：请把其他年度的数据移到该年度的单位文件夹",
        en: "this unit folder is for {year}; move other years' figures to that year's unit folder",
    }
    /// A cell that is not a month.
    not_a_month(text) {
        zh: "“{text}”不是月份；请写成 2026-06、2026/6 或 2026年6月",
        en: "`{text}` is not a month; write it as 2026-06, 2026/6 or 2026年6月",
    }
    /// A computer's binary rounding (3.3000000000000003).
    binary_rounding(text) {
        zh: "“{text}”是二进制舍入的残余（电子表格中 1.1+2.2 得 3.3000000000000003），不是照原样填写的数",
        en: "`{text}` is a binary rounding artefact (a spreadsheet's 1.1+2.2 gives 3.3000000000000003), not a figure as written",
    }
    binary_rounding_help() {
        zh: "请在计算处取整（Excel：=ROUND(…, 2)）或直接填写数值；attain 最多读取 10 位小数",
        en: "round it where it is computed (Excel: =ROUND(…, 2)) or type the figure; attain reads at most 10 decimals",
    }
    /// Too many decimals.
    too_many_decimals(text, decimals, max) {
        zh: "“{text}”有 {decimals} 位小数；attain 最多读取 {max} 位",
        en: "`{text}` has {decimals} decimals; attain reads at most {max}",
    }
    too_many_decimals_help(rounded) {
        zh: "请对该数取整，例如取为 {rounded}",
        en: "round the figure, e.g. to {rounded}",
    }
    /// Too many digits.
    too_many_digits(text, digits) {
        zh: "“{text}”小数点前有 {digits} 位数字，超出任何预算数字（attain 读取小于 10¹⁵ 的数）",
        en: "`{text}` has {digits} digits before the decimal point, more than any budget figure (attain reads figures below 10¹⁵)",
    }
    too_many_digits_help() {
        zh: "请检查该单元格：是否粘贴了账号，或几个数连在了一起？",
        en: "check the cell: a pasted account number or several numbers run together?",
    }
    /// A row without the cell of a number column.
    no_cell(what, key) {
        zh: "这一行没有{what}（`{key}`）单元格",
        en: "this row has no {what} ({key}) cell",
    }
    no_cell_help() {
        zh: "这一行比表头短：请补齐缺少的单元格",
        en: "the row is shorter than the header: fill in the missing cells",
    }
    /// A number problem in a named column (`full-year budget …`).
    number_in(what, problem) {
        zh: "{what}一栏：{problem}",
        en: "{what} {problem}",
    }
    /// A cell of a number column that is not a number.
    not_a_number(what, text) {
        zh: "{what}“{text}”不是数字",
        en: "{what} `{text}` is not a number",
    }
    not_a_number_help() {
        zh: "请填写普通的小数，例如 592.56，不带单位，不写千位分隔符",
        en: "write a plain decimal number such as 592.56, without units or thousands separators",
    }
    /// Suggestions of close names: one, two or three.
    did_you_mean1(a) {
        zh: "是不是“{a}”？",
        en: "did you mean `{a}`?",
    }
    did_you_mean2(a, b) {
        zh: "是不是“{a}”或“{b}”？",
        en: "did you mean `{a}`, `{b}`?",
    }
    did_you_mean3(a, b, c) {
        zh: "是不是“{a}”“{b}”或“{c}”？",
        en: "did you mean `{a}`, `{b}`, `{c}`?",
    }
}

/// "did you mean …?" for up to three close names (more are left out); `None` when
/// there is none.
pub fn did_you_mean(names: &[&str]) -> Option<crate::msg::Msg> {
    match names {
        [] => None,
        [a] => Some(did_you_mean1(*a)),
        [a, b] => Some(did_you_mean2(*a, *b)),
        [a, b, c, ..] => Some(did_you_mean3(*a, *b, *c)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_answers() {
        let m = missing_column("item", "项目");
        assert_eq!(m.zh(), "表头中没有“项目”（`item`）列");
        assert_eq!(m.en(), "the header has no `item` (项目) column");
        let m = split_number("1,234.50", "1", "234.50");
        assert_eq!(
            m.zh(),
            "“1,234.50”像是被千位分隔符拆开的一个数：会被读成 1，而 234.50 进入下一列"
        );
        let m = month_outside_year("2025-12", 2026);
        assert_eq!(m.zh(), "月份 2025-12 不在目标年度 2026 内");
        assert_eq!(m.en(), "month 2025-12 is outside the target year 2026");
        let m = number_in(
            crate::msg::unit::full_year_budget(),
            too_many_decimals("1.123", 3, 2),
        );
        assert_eq!(
            m.zh(),
            "全年预算数一栏：“1.123”有 3 位小数；attain 最多读取 2 位"
        );
        assert_eq!(
            m.en(),
            "full-year budget `1.123` has 3 decimals; attain reads at most 2"
        );
    }

    #[test]
    fn close_names_are_listed_up_to_three() {
        assert_eq!(did_you_mean(&[]), None);
        assert_eq!(did_you_mean(&["a"]).unwrap().zh(), "是不是“a”？");
        assert_eq!(
            did_you_mean(&["a", "b", "c", "d"]).unwrap().zh(),
            "是不是“a”“b”或“c”？"
        );
        assert_eq!(
            did_you_mean(&["a", "b", "c"]).unwrap().en(),
            "did you mean `a`, `b`, `c`?"
        );
    }
}
