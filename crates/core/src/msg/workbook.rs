//! Reading Excel workbooks within their limits.

crate::catalogue! { "workbook";
    /// A part inflates beyond its declared size.
    damaged() {
        zh: "该工作簿已损坏：其中一部分解压后超出了它声明的大小",
        en: "this workbook is damaged: a part of it inflates beyond the size it declares",
    }
    damaged_help() {
        zh: "请在 Excel 中重新另存为 .xlsx，或把各工作表导出为 CSV；由其他程序生成的工作簿可能被刻意做成畸形",
        en: "save it again from Excel as .xlsx, or export the sheets as CSV; a workbook made by another program may be malformed on purpose",
    }
    /// The workbook reader failed (its error text follows).
    unreadable(error) {
        zh: "无法读取该工作簿：{error}",
        en: "this workbook cannot be read: {error}",
    }
    unreadable_help() {
        zh: "请在 Excel 中重新另存为 .xlsx，或把各工作表导出为 CSV",
        en: "save it again from Excel as .xlsx, or export the sheets as CSV",
    }
    /// A reader error inside one sheet.
    sheet_error(sheet, error) {
        zh: "工作表 {sheet}：{error}",
        en: "sheet {sheet}: {error}",
    }
    /// The shared strings part, in the size message.
    shared_strings() {
        zh: "共享字符串（工作簿中的文字）",
        en: "the shared strings (the workbook's text)",
    }
    /// Another part, in the size message.
    part(name) { zh: "部件 {name}", en: "the part {name}" }
    /// One part too large.
    part_too_big(what, mib, max) {
        zh: "{what}解压后将占 {mib} MiB，超过 attain 可读取的 {max} MiB",
        en: "{what} would take {mib} MiB uncompressed, more than the {max} MiB attain reads",
    }
    part_too_big_help() {
        zh: "一个月的实际数只有几百行：请确认是否选对了工作簿，或把各工作表导出为 CSV",
        en: "a month's actuals are a few hundred rows: check that this is the right workbook, or export the sheets as CSV",
    }
    /// All parts together too large.
    too_big(mib, max) {
        zh: "该工作簿解压后将占 {mib} MiB，超过 attain 可读取的 {max} MiB",
        en: "the workbook would take {mib} MiB uncompressed, more than the {max} MiB attain reads",
    }
    split_help() {
        zh: "请拆分为几个较小的工作簿，或把各工作表导出为 CSV",
        en: "split it into smaller workbooks, or export the sheets as CSV",
    }
    /// A file named .xlsx that is text.
    text_named_workbook() {
        zh: "该文件以工作簿命名，内容却是文本，不是 Excel 工作簿",
        en: "this file is named as a workbook but holds text, not an Excel workbook",
    }
    text_named_workbook_help() {
        zh: "如果它是 CSV，请把扩展名改为 .csv",
        en: "if it is CSV, rename it to .csv",
    }
    /// A file named .xlsx that is something else.
    not_a_workbook() {
        zh: "该文件以工作簿命名，但不是 Excel 工作簿（.xlsx）",
        en: "this file is named as a workbook but is not an Excel workbook (.xlsx)",
    }
    not_a_workbook_help() {
        zh: "请在 Excel 中打开并另存为 .xlsx，或导出为 CSV",
        en: "open it in Excel and save it as .xlsx, or export it as CSV",
    }
    /// A cell far right of any table.
    cell_too_far_right(sheet, cell, last, max) {
        zh: "工作表 {sheet} 的单元格 {cell} 有内容，超出了 attain 可读取的最右列 {last}（第 {max} 列）",
        en: "sheet {sheet} has content in cell {cell}, beyond column {last} ({max}), the rightmost attain reads",
    }
    cell_too_far_right_help() {
        zh: "请删除该单元格（选中表格右侧的列并删除），或把该工作表导出为 CSV",
        en: "delete that cell (select the columns right of the table and delete them), or export the sheet as CSV",
    }
    /// Shared strings declaring more strings than attain reads (a reader would
    /// reserve room for all of them first).
    too_many_shared_strings(count, max) {
        zh: "共享字符串表声明有 {count} 个字符串，超过 attain 可读取的 {max} 个",
        en: "the shared strings declare {count} strings, more than the {max} attain reads",
    }
    /// Too many cells.
    too_many_cells(max, sheet) {
        zh: "该工作簿有内容的单元格超过 {max} 个（工作表 {sheet}）",
        en: "the workbook has more than {max} cells with content (sheet {sheet})",
    }
    /// Where a finding is: a sheet (shown after the file).
    at_sheet(sheet) { zh: "工作表 {sheet}", en: "sheet {sheet}" }
    /// Where a finding is: a cell of a sheet.
    at_cell(sheet, cell) {
        zh: "工作表 {sheet}，单元格 {cell}",
        en: "sheet {sheet}, cell {cell}",
    }
    /// Where a finding is: a row of a sheet.
    at_row(sheet, row) {
        zh: "工作表 {sheet}，第 {row} 行",
        en: "sheet {sheet}, row {row}",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_answers() {
        assert_eq!(at_cell("8月", "C2").zh(), "工作表 8月，单元格 C2");
        assert_eq!(at_cell("8月", "C2").en(), "sheet 8月, cell C2");
        let m = part_too_big(shared_strings(), 900, 128);
        assert_eq!(
            m.zh(),
            "共享字符串（工作簿中的文字）解压后将占 900 MiB，超过 attain 可读取的 128 MiB"
        );
        assert_eq!(
            m.en(),
            "the shared strings (the workbook's text) would take 900 MiB uncompressed, more than the 128 MiB attain reads"
        );
    }
}
