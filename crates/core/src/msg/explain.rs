//! The evaluator's files: adjustments.csv (manual scores), explanations.csv
//! (causes of a shortfall) and summary.toml (the written summaries).

crate::catalogue! { "explain";
    /// midyear_month outside 1–12.
    midyear_month(month) {
        zh: "summary.toml：midyear_month = {month} 不是月份",
        en: "summary.toml: midyear_month = {month} is not a month",
    }
    midyear_month_help() {
        zh: "请填写半年文字所对应的监控月份，1 至 12（1–6月填 6，1–7月填 7）",
        en: "write the monitoring month the midyear text is for, 1 to 12 (6 for 1–6月, 7 for 1–7月)",
    }
    /// summary.toml does not parse (the TOML reader's message follows).
    summary_unreadable(message) {
        zh: "无法读取 summary.toml：{message}",
        en: "summary.toml cannot be read: {message}",
    }
    summary_help() {
        zh: "summary.toml 含两段文字和一个月份：midyear = \"…\"（1–N月实际完成情况）、midyear_month = 6（文字对应的月份）和 yearend = \"…\"（实际完成情况）",
        en: "summary.toml holds two texts and a month: midyear = \"…\" (1–N月实际完成情况), midyear_month = 6 (the month it is for) and yearend = \"…\" (实际完成情况)",
    }
    /// An indicator cell naming no indicator.
    unknown_indicator(indicator) {
        zh: "未知的指标“{indicator}”",
        en: "unknown indicator `{indicator}`",
    }
    unknown_indicator_help() {
        zh: "请填写 targets.csv 中的指标编号或完整名称",
        en: "use an id or exact name from targets.csv",
    }
    /// A second manual score.
    second_score(indicator, period, first) {
        zh: "“{indicator}”在 {period} 有第二个人工评分（第一个在第 {first} 行）",
        en: "a second manual score for `{indicator}` in {period} (the first is on line {first})",
    }
    second_score_help() {
        zh: "每个指标每个期间只保留一个人工评分：请删除两行中的一行",
        en: "keep one manual score per indicator and period: delete one of the two rows",
    }
    /// A second explanation.
    second_explanation(indicator, period, first) {
        zh: "“{indicator}”在 {period} 有第二条说明（第一条在第 {first} 行）",
        en: "a second explanation for `{indicator}` in {period} (the first is on line {first})",
    }
    second_explanation_help() {
        zh: "每个指标每个期间只保留一条说明：请把两行合并为一行",
        en: "keep one explanation per indicator and period: merge the two rows into one",
    }
    /// Where the first of two rows is.
    first_row(file, line) {
        zh: "{file}:{line}（第一行）",
        en: "{file}:{line} (first)",
    }
    /// A manual score that is not a number.
    score_not_a_number(score) {
        zh: "得分“{score}”不是数字",
        en: "score `{score}` is not a number",
    }
    score_not_a_number_help() {
        zh: "请把得分写成普通数字，例如 7.5",
        en: "write the points as a plain number, e.g. 7.5",
    }
    /// A manual score without a reason.
    no_reason() {
        zh: "人工评分须写明理由",
        en: "a manual score needs a written reason",
    }
    no_reason_help() {
        zh: "请说明得分为何不同于规则所得；审核人员会阅读",
        en: "say why the score differs from the rule's; auditors read it",
    }
    /// The causes there are.
    cause_help(standard, alternative) {
        zh: "请填写以下之一：{standard}；或 {alternative}",
        en: "use one of: {standard}; or {alternative}",
    }
    likelihood_help() {
        zh: "请填写以下之一：确定能、有可能或不可能",
        en: "use one of: 确定能, 有可能 or 不可能",
    }
    /// An empty summary.toml.
    empty_summary_help() {
        zh: "请删除该文件，或写明表单的文字：midyear = \"…\"，yearend = \"…\"",
        en: "delete it, or write the forms' texts: midyear = \"…\", yearend = \"…\"",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_answers() {
        let m = second_score("出访团组个数", "2026-H1", 4);
        assert_eq!(
            m.zh(),
            "“出访团组个数”在 2026-H1 有第二个人工评分（第一个在第 4 行）"
        );
        assert_eq!(
            m.en(),
            "a second manual score for `出访团组个数` in 2026-H1 (the first is on line 4)"
        );
        assert_eq!(
            first_row("adjustments.csv", 4).zh(),
            "adjustments.csv:4（第一行）"
        );
        assert_eq!(no_reason().zh(), "人工评分须写明理由");
    }
}
