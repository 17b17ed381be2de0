//! Findings of `attain import`: the official target table (目标表), as text or as an
//! `.xlsx` workbook (the nested area `import_xlsx`).

crate::catalogue! { "import";
    page_number(page) {
        zh: "已跳过“{page}”：这是页码（表格是从分页的文档中复制的）",
        en: "skipped `{page}`: a page number (the table was copied from a document with pages)",
    }
    not_an_amount(text) {
        zh: "“{text}”不是金额",
        en: "`{text}` is not an amount",
    }
    amount_help() {
        zh: "请以万元为单位填写纯数字，例如 592.56",
        en: "write the amount in 万元 as a plain number, e.g. 592.56",
    }
    amount_or_none_help() {
        zh: "请以万元为单位填写纯数字，例如 592.56；没有金额的留空或填 0",
        en: "write the amount in 万元 as a plain number, e.g. 592.56; leave the cell empty or write 0 for none",
    }
    funds_row_without_name() {
        zh: "资金行有金额但没有名称",
        en: "a funds row has amounts but no name",
    }
    funds_row_without_name_help() {
        zh: "请在第一个单元格填写收入来源或预算项目的名称",
        en: "put the name of the income source or budget line in the first cell",
    }
    income_amounts(name, count) {
        zh: "收入行“{name}”有 {count} 个金额，应只有一个",
        en: "income row `{name}` has {count} amounts; expected one",
    }
    income_amounts_help() {
        zh: "收入行只填收入来源及其全年金额（万元）",
        en: "an income row is a source and its full-year amount in 万元",
    }
    expenditure_amounts(name, count) {
        zh: "支出行“{name}”有 {count} 个金额，应有两个：半年计划和全年预算数",
        en: "expenditure row `{name}` has {count} amount(s); expected two: the half-year plan and the full-year budget",
    }
    expenditure_amounts_help() {
        zh: "请填写半年计划执行数和全年预算数（没有的填 0）",
        en: "fill in both 半年计划执行数 and 全年预算数 (write 0 where there is none)",
    }
    header_repeated(line) {
        zh: "第 {line} 行的指标表头再次出现（表格换页或分节）：已跳过",
        en: "the indicator header of line {line} is repeated (a new page or section of the table): skipped",
    }
    unreadable_column(column) {
        zh: "三级指标之后的“{column}”列无法识别：其中的内容会被当作指标值",
        en: "the column `{column}` after 三级指标 cannot be read: its cells would be taken for targets",
    }
    unreadable_column_help() {
        zh: "请在导入前删除该列，或改用可识别的列名：半年指标值、全年指标值（或指标值）、指标性质、计量单位、分值、备注",
        en: "delete that column from the table before importing, or name it as one attain reads: 半年指标值, 全年指标值 (or 指标值), 指标性质, 计量单位, 分值, 备注",
    }
    no_full_year_column() {
        zh: "指标表头没有“全年指标值”（或“指标值”）列",
        en: "the indicator header has no 全年指标值 (or 指标值) column",
    }
    no_full_year_column_help() {
        zh: "请把全年指标值所在的列命名为“全年指标值”“年度指标值”或“指标值”",
        en: "name the column of the full-year targets 全年指标值, 年度指标值 or 指标值",
    }
    no_half_year_column() {
        zh: "表格没有“半年指标值”列：半年指标值按不适用（/）处理",
        en: "the table has no 半年指标值 column: the half-year targets are not applicable (/)",
    }
    no_half_year_column_help() {
        zh: "单位如有半年指标值，请在 targets.csv 中补填（h1_target 列）",
        en: "add the half-year targets in targets.csv (h1_target) if the unit has them",
    }
    row_truncated() {
        zh: "该指标行不完整：需要指标名称、半年指标值和全年指标值",
        en: "this indicator row is truncated: it needs a name, a half-year target and a full-year target",
    }
    row_truncated_help() {
        zh: "请补全该行（三级指标、半年指标值、全年指标值），或删除该行",
        en: "complete the row (三级指标, 半年指标值, 全年指标值), or delete it",
    }
    not_a_weight(text) {
        zh: "表格有“分值”列，但该行此处为“{text}”，不是分值",
        en: "the table has a 分值 column, but this row has `{text}` there, not a weight",
    }
    weight_help() {
        zh: "请在“分值”列填写每个指标的分值，例如 5",
        en: "give every indicator its weight in the 分值 column, e.g. 5",
    }
    only_one_target(h1, fy) {
        zh: "该指标行不完整：“{h1}”之后只有一个指标值“{fy}”",
        en: "this indicator row is truncated: `{h1}` is followed by only one target `{fy}`",
    }
    no_targets(h1, fy) {
        zh: "该行没有指标值：“{h1}”和“{fy}”都不是指标值",
        en: "this row has no targets: `{h1}` and `{fy}` are not targets",
    }
    targets_help() {
        zh: "每个指标行的末尾是半年指标值和全年指标值，例如 `≥1个` 和 `≥3个`",
        en: "each indicator row ends with 半年指标值 and 全年指标值, e.g. `≥1个` then `≥3个`",
    }
    not_a_target(text, column) {
        zh: "“{column}”列中的“{text}”不是指标值",
        en: "`{text}` in the {column} column is not a target",
    }
    not_a_target_help() {
        zh: "请把指标值写成 `≥3个`、`=100%`、“健全”之类的词，或 `/`",
        en: "write the target as `≥3个`, `=100%`, a word such as 健全, or `/`",
    }
    targets_without_name() {
        zh: "该指标行有指标值但没有指标名称",
        en: "this indicator row has targets but no indicator name",
    }
    targets_without_name_help() {
        zh: "请在指标值之前填写三级指标名称",
        en: "put the 三级指标 name before the targets",
    }
    block_name_cells(block, count) {
        zh: "该行开始“{block}”部分，有 {count} 个名称单元格；应为 3 个（一级、二级、三级）或 4 个（含重点工作）",
        en: "this row opens the block `{block}` with {count} name cells; expected 3 (一级 二级 三级) or 4 (with 重点工作)",
    }
    split_or_merged_help() {
        zh: "请检查是否有单元格被拆成两个，或与相邻单元格合并",
        en: "check for a cell split in two or merged with its neighbour",
    }
    layout_differs(line, header, block, rows) {
        zh: "第 {line} 行表头的列为 {header}，但“{block}”部分的行为 {rows}；按行读取",
        en: "the header on line {line} has the columns {header} but the rows of the block `{block}` have {rows}; read by the rows",
    }
    row_before_level1() {
        zh: "指标行出现在一级指标之前",
        en: "an indicator row before any 一级指标",
    }
    row_before_level1_help() {
        zh: "表头下的第一行须填写一级指标（决策、过程、产出、效益……）",
        en: "the first row under the header must name its 一级指标 (决策, 过程, 产出, 效益 …)",
    }
    too_many_name_cells(count, columns) {
        zh: "该行有 {count} 个名称单元格，但所在部分在指标值之前只有 {columns} 列",
        en: "this row has {count} name cells but its block has {columns} columns before the targets",
    }
    split_or_tab_help() {
        zh: "请检查是否有单元格被拆成两个，或多了一个制表符",
        en: "check for a cell split in two, or an extra tab",
    }
    no_level3_name() {
        zh: "该指标行没有三级指标名称",
        en: "this indicator row has no 三级指标 name",
    }
    no_level3_name_help() {
        zh: "请在半年指标值前一个单元格填写指标名称",
        en: "put the indicator name in the cell before the half-year target",
    }
    name_like_target(name) {
        zh: "指标名称“{name}”像是指标值：该行的单元格比表头多",
        en: "the indicator name `{name}` looks like a target: this row has more cells than its header says",
    }
    name_like_target_help() {
        zh: "请检查是否多了一列（分值、备注……）或有单元格被拆成两个；表头须列出每一列",
        en: "check for an extra column (分值, 备注 …) or a cell split in two; the header must name every column",
    }
    no_level2(name) {
        zh: "指标“{name}”没有二级指标",
        en: "indicator `{name}` has no 二级指标",
    }
    no_level2_help() {
        zh: "请在每组第一行填写二级指标",
        en: "fill in the 二级指标 of the first row of each group",
    }
    no_full_year_target(name) {
        zh: "指标“{name}”没有全年指标值：按不适用处理",
        en: "indicator `{name}` has no full-year target: not applicable",
    }
    indicator_twice(name) {
        zh: "指标“{name}”出现了两次",
        en: "indicator `{name}` appears twice",
    }
    first_place(place, level1, level2) {
        zh: "{place}（首次出现，位于 {level1}/{level2}）",
        en: "{place} (first, under {level1}/{level2})",
    }
    indicator_twice_help() {
        zh: "实际完成值按指标名称对应，名称必须唯一：请重命名其中一个（例如在括号中加上二级指标），或删除重复的一行",
        en: "actuals name indicators, so names must be unique: rename one (e.g. add its 二级指标 in brackets) or delete the copy",
    }
    year_differs(table, given) {
        zh: "表格写的是 {table} 年，但给出了 --year {given}：按 {given} 年处理",
        en: "the table says {table} but --year {given} was given: using {given}",
    }
    year_differs_help() {
        zh: "如要使用表格中的年度，请去掉 --year",
        en: "leave out --year to use the table's year",
    }
    no_year() {
        zh: "表格没有写明年度",
        en: "the table does not say which year it is for",
    }
    no_year_help() {
        zh: "请在表格上方加一行，如 `2026年度`，或传入 --year 2026",
        en: "add a line such as `2026年度` above the table, or pass --year 2026",
    }
    no_unit_name() {
        zh: "表格没有“单位名称”行，单位没有名称",
        en: "the table has no 单位名称 row; the unit has no name",
    }
    no_unit_name_help() {
        zh: "请加一行 `单位名称<TAB>…`，或在 unit.toml 的 [unit] 中填写 name",
        en: "add a row `单位名称<TAB>…`, or fill in [unit] name in unit.toml",
    }
    no_indicator_rows() {
        zh: "没有找到指标行",
        en: "no indicator rows found",
    }
    no_indicator_rows_help() {
        zh: "表格需要一行表头（一级指标 … 三级指标 半年指标值 全年指标值），其下是各指标行",
        en: "the table needs a header row with 一级指标 … 三级指标 半年指标值 全年指标值 and indicator rows under it",
    }
    remarks_not_imported(lines) {
        zh: "备注列不导入（所在行：第 {lines} 行）",
        en: "the 备注 column is not imported (rows on lines {lines})",
    }
    remarks_not_imported_help() {
        zh: "请在原表中保留这些备注；targets.csv 没有备注列",
        en: "keep such remarks in the source table; targets.csv has no remark column",
    }
}

/// Findings about an `.xlsx` workbook holding the target table.
pub mod xlsx {
    crate::catalogue! { "import_xlsx";
        sheet_not_read(other, sheet) {
            zh: "未读取工作表“{other}”：目标表取自工作表“{sheet}”",
            en: "the sheet `{other}` was not read: the table was read from `{sheet}`",
        }
        sheet_not_read_help() {
            zh: "请把目标表放在一个工作表中，其他表格放到别的文件里",
            en: "keep the target table on one sheet; move other tables to other files",
        }
        old_workbook() {
            zh: "这是旧版 Excel 工作簿（.xls）；`attain import` 读取 .xlsx 工作簿、文本和 CSV",
            en: "this is an old Excel workbook (.xls); `attain import` reads .xlsx workbooks, text and CSV",
        }
        old_workbook_help() {
            zh: "请在 Excel 中用“另存为 → Excel 工作簿（.xlsx）”或“另存为 → CSV UTF-8（逗号分隔）”保存",
            en: "in Excel use 另存为 → Excel 工作簿 (.xlsx), or 另存为 → CSV (UTF-8)",
        }
        unreadable(error) {
            zh: "无法按 .xlsx 读取该工作簿：{error}",
            en: "this workbook cannot be read as .xlsx: {error}",
        }
        unreadable_help() {
            zh: "请在 Excel 中打开并另存为 .xlsx（旧版 .xls 也一样），或把表格复制到 .txt 文件中",
            en: "open it in Excel and save it again as .xlsx (an old .xls too), or copy the table into a .txt file",
        }
        in_sheet(sheet, error) {
            zh: "工作表 {sheet}：{error}",
            en: "sheet {sheet}: {error}",
        }
        no_sheet_with_content() {
            zh: "工作簿中没有有内容的工作表",
            en: "the workbook has no sheet with content",
        }
        no_sheet_with_content_help() {
            zh: "请把目标表放在工作簿的第一个工作表中",
            en: "put the target table on the workbook's first sheet",
        }
        hidden_under_merge(text) {
            zh: "文字“{text}”被合并单元格遮住，未读取",
            en: "the text `{text}` is hidden under a merged cell and not read",
        }
        hidden_under_merge_help() {
            zh: "请在 Excel 中取消合并单元格，并把文字移到应在的位置",
            en: "unmerge the cells in Excel and move the text where it belongs",
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn import_messages_in_both_languages() {
        let m = super::expenditure_amounts("基本支出", 1);
        assert_eq!(
            m.zh(),
            "支出行“基本支出”有 1 个金额，应有两个：半年计划和全年预算数"
        );
        assert_eq!(
            m.en(),
            "expenditure row `基本支出` has 1 amount(s); expected two: the half-year plan and the full-year budget"
        );
        let m = super::first_place("t.txt:12", "产出指标", "数量指标");
        assert_eq!(m.zh(), "t.txt:12（首次出现，位于 产出指标/数量指标）");
        assert_eq!(m.en(), "t.txt:12 (first, under 产出指标/数量指标)");
        let m = super::year_differs(2025, 2026);
        assert_eq!(
            m.zh(),
            "表格写的是 2025 年，但给出了 --year 2026：按 2026 年处理"
        );
        assert_eq!(
            m.en(),
            "the table says 2025 but --year 2026 was given: using 2026"
        );
        assert_eq!(
            super::no_year_help().zh(),
            "请在表格上方加一行，如 `2026年度`，或传入 --year 2026"
        );
        // A reader's message inside: rendered in the same language.
        let m = crate::msg::target::malformed("≥三个", super::not_an_amount("三个"));
        assert_eq!(m.zh(), "指标值“≥三个”有误：“三个”不是金额");
        assert_eq!(m.key(), "target.malformed");
    }

    #[test]
    fn xlsx_messages_in_both_languages() {
        let m = super::xlsx::sheet_not_read("说明", "目标表");
        assert_eq!(m.zh(), "未读取工作表“说明”：目标表取自工作表“目标表”");
        assert_eq!(
            m.en(),
            "the sheet `说明` was not read: the table was read from `目标表`"
        );
        assert_eq!(m.key(), "import_xlsx.sheet_not_read");
        assert_eq!(
            super::xlsx::hidden_under_merge("甲").zh(),
            "文字“甲”被合并单元格遮住，未读取"
        );
    }
}
