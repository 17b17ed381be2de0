//! Findings of the reader of published self-evaluation tables (自评表), for `attain
//! review`.

crate::catalogue! { "selfeval";
    percent_weights() {
        zh: "分值以百分比填写：20% 按 100 分中的 20 分读取",
        en: "the weights are written as percentages: 20% is read as 20 of 100 points",
    }
    no_header() {
        zh: "没有找到指标表头：这看起来不是自评表",
        en: "no indicator header found: this does not look like a self-evaluation table",
    }
    no_header_help() {
        zh: "项目支出绩效自评表有一行表头：一级指标<TAB>二级指标<TAB>三级指标<TAB>年度指标值<TAB>实际完成值<TAB>分值<TAB>得分<TAB>偏差原因分析及改进措施，以制表符分隔",
        en: "a 项目支出绩效自评表 has a header row 一级指标<TAB>二级指标<TAB>三级指标<TAB>年度指标值<TAB>实际完成值<TAB>分值<TAB>得分<TAB>偏差原因分析及改进措施, tab-separated",
    }
    no_rows() {
        zh: "表格中没有可读取的指标行",
        en: "the table has no indicator rows that can be read",
    }
    no_rows_help() {
        zh: "请把“一级指标 … 得分”表头下的各行一并粘贴",
        en: "paste the rows under the 一级指标 … 得分 header as well",
    }
    negative(what, text) {
        zh: "{what}“{text}”为负数",
        en: "{what} `{text}` is negative",
    }
    negative_help() {
        zh: "分值和得分应为 0 至该行分值之间的数：请改正正负号",
        en: "分值 and 得分 are points from 0 to the row's weight: correct the sign",
    }
    number_problem(what, problem) {
        zh: "{what}{problem}",
        en: "{what} {problem}",
    }
    not_a_number(what, text) {
        zh: "{what}“{text}”不是数字",
        en: "{what} `{text}` is not a number",
    }
    not_a_number_help() {
        zh: "请只填写数字，例如 10 或 8.62；没有的留空或填 -",
        en: "write the number alone, e.g. 10 or 8.62; leave the cell empty or write - when there is none",
    }
    skipped_not_block_score_row(first) {
        zh: "已跳过“{first}”：不是一级指标得分表中的行",
        en: "skipped `{first}`: not a row of the block score table",
    }
    only_rows_under_header_help() {
        zh: "只读取表头下有单元格的行",
        en: "only rows with cells under the header are read",
    }
    block_total_differs(score, weight, line, first_score, first_weight) {
        zh: "一级指标得分表的总分（{weight} 分中得 {score} 分）与第 {line} 行的总分（{first_weight} 分中得 {first_score} 分）不同",
        en: "the 总分 of the block score table ({score} of {weight}) differs from the 总分 on line {line} ({first_score} of {first_weight})",
    }
    one_total_help() {
        zh: "一张表只有一个总分：请改正有误的那个",
        en: "a table has one 总分: correct the one that is wrong",
    }
    block_grade_differs(grade, first, line) {
        zh: "一级指标得分表的等级“{grade}”与第 {line} 行的“{first}”不同",
        en: "the grade of the block score table `{grade}` differs from `{first}` on line {line}",
    }
    one_grade_help() {
        zh: "一张表只有一个等级：请改正有误的那个",
        en: "a table has one grade: correct the one that is wrong",
    }
    skipped_not_block(first) {
        zh: "已跳过“{first}”：不是指标表中的一级指标",
        en: "skipped `{first}`: not a block of the indicator table",
    }
    block_scores_help() {
        zh: "一级指标得分表列出的是上表的各一级指标",
        en: "the block score table lists the 一级指标 of the table above",
    }
    rate_not_percentage(text) {
        zh: "执行率“{text}”不是百分比，不予核对",
        en: "执行率 `{text}` is not a percentage; it is not checked",
    }
    header_lacks_score() {
        zh: "指标表头缺少“得分”",
        en: "the indicator header lacks 得分",
    }
    header_lacks_score_help() {
        zh: "表头需要一级指标、三级指标和得分（核对各行得分还需要分值）",
        en: "the header needs 一级指标, 三级指标 and 得分 (and 分值 to check the rows' scores)",
    }
    skipped_subtotal(first) {
        zh: "已跳过“{first}”：小计出现在任何一级指标之前",
        en: "skipped `{first}`: a subtotal before any block",
    }
    subtotal_help() {
        zh: "小计行应在其所合计的各行之后",
        en: "a 小计 row follows the rows it adds up",
    }
    skipped_not_row(first) {
        zh: "已跳过“{first}”：不是表格中的行",
        en: "skipped `{first}`: not a row of the table",
    }
    skipped_placeholder(name) {
        zh: "已跳过模板占位行“{name}”",
        en: "skipped the template placeholder row `{name}`",
    }
    placeholder_help() {
        zh: "由省略号组成的行是空白表样留下的",
        en: "rows of dots are left over from the blank form",
    }
    skipped_empty_template(name) {
        zh: "已跳过空的模板行“{name}”",
        en: "skipped the empty template row `{name}`",
    }
    empty_template_help() {
        zh: "没有名称和数字的编号指标行是空白表样留下的",
        en: "a numbered 指标 row without a name or figures is left over from the blank form",
    }
    skipped_no_figures(name) {
        zh: "已跳过“{name}”：该行有名称，但没有指标值、实际完成值、分值或得分",
        en: "skipped `{name}`: the row has a name but no target, actual, weight or score",
    }
    no_figures_help() {
        zh: "该行如是指标，请填写各项数字",
        en: "fill in the row's figures if it is an indicator",
    }
    row_before_level1() {
        zh: "指标行出现在一级指标之前",
        en: "an indicator row before any 一级指标",
    }
    row_before_level1_help() {
        zh: "表头下的第一行须填写一级指标（产出指标、效益指标、满意度指标……）",
        en: "the first row under the header must name its 一级指标 (产出指标, 效益指标, 满意度指标 …)",
    }
    /// A number of a row could not be read: the row is left out, the rest reviewed.
    left_out(message) {
        zh: "{message}：该行不计入复核",
        en: "{message}: the row is left out of the review",
    }
    actual_not_date(actual, target) {
        zh: "实际完成值“{actual}”不是日期（指标值“{target}”是日期），该行得分以表中所填为准",
        en: "actual `{actual}` is not a date like its target `{target}`; the row's score is taken as given",
    }
    date_help() {
        zh: "请填写完成的日期，例如 2023年10月",
        en: "write the date it was done, e.g. 2023年10月",
    }
    cannot_tell(actual, target) {
        zh: "无法判断“{actual}”是否达到指标值“{target}”，该行得分以表中所填为准",
        en: "cannot tell whether `{actual}` achieves the target `{target}`; the row's score is taken as given",
    }
    write_one_of(words) {
        zh: "请填写以下之一：{words}",
        en: "write one of {words}",
    }
    actual_without_unit(actual) {
        zh: "实际完成值“{actual}”没有单位，按指标值读作 {actual}%",
        en: "actual `{actual}` has no unit; read as {actual}% like its target",
    }
    actual_not_number(actual) {
        zh: "实际完成值“{actual}”不是数字，该行得分以表中所填为准",
        en: "actual `{actual}` is not a number; the row's score is taken as given",
    }
    total_not_grade(text) {
        zh: "总分行中的“{text}”不是可识别的等级",
        en: "`{text}` in the 总分 row is not a grade attain reads",
    }
    grade_help() {
        zh: "请把等级写成优、良、中或差（也可写优秀、良好、合格、中等、一般、不合格、较差）",
        en: "write the grade as 优, 良, 中 or 差 (also 优秀, 良好, 合格, 中等, 一般, 不合格, 较差)",
    }
    total_not_number(text) {
        zh: "总分行中的“{text}”不是数字",
        en: "`{text}` in the 总分 row is not a number",
    }
    total_row_help() {
        zh: "总分行填写总分值和总得分，例如 总分<TAB>100<TAB>95",
        en: "the 总分 row holds the total weight and the total score, e.g. 总分<TAB>100<TAB>95",
    }
    total_numbers(count) {
        zh: "总分行有 {count} 个数字，应为总分值和总得分",
        en: "the 总分 row has {count} numbers; expected the total weight and the total score",
    }
    total_example_help() {
        zh: "例如 总分<TAB>100<TAB>95",
        en: "e.g. 总分<TAB>100<TAB>95",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn selfeval_messages_in_both_languages() {
        let m = super::left_out(super::not_a_number("分值", "十"));
        assert_eq!(m.zh(), "分值“十”不是数字：该行不计入复核");
        assert_eq!(
            m.en(),
            "分值 `十` is not a number: the row is left out of the review"
        );
        assert_eq!(m.key(), "selfeval.left_out");
        let m = super::block_total_differs(90, 100, 30, 95, 100);
        assert_eq!(
            m.zh(),
            "一级指标得分表的总分（100 分中得 90 分）与第 30 行的总分（100 分中得 95 分）不同"
        );
        assert_eq!(
            m.en(),
            "the 总分 of the block score table (90 of 100) differs from the 总分 on line 30 (95 of 100)"
        );
        let m = super::cannot_tell("基本满意", "满意");
        assert_eq!(
            m.zh(),
            "无法判断“基本满意”是否达到指标值“满意”，该行得分以表中所填为准"
        );
        assert_eq!(
            super::skipped_placeholder("……").en(),
            "skipped the template placeholder row `……`"
        );
    }
}
