//! Cross-checks between reported and derived figures (`crosscheck.rs`).

crate::catalogue! { "crosscheck";
    carry_over(name, reported, month, unspent, budget, derived) {
        zh: "“{name}”{month} 报送为 {reported}，但按账面推算为 {derived}（年末尚有 {unspent} 万元未支出，预算 {budget} 万元）",
        en: "`{name}` is reported as {reported} for {month}, but the ledger leaves {unspent} of {budget} 万元 unspent at year end: {derived}",
    }
    execution(name, reported, month, spent, budget, derived) {
        zh: "“{name}”{month} 报送为 {reported}，但按账面推算为 {derived}（预算 {budget} 万元，已支出 {spent} 万元）",
        en: "`{name}` is reported as {reported} for {month}, but {spent} of {budget} 万元 spent: {derived}",
    }
    payment(name, reported, month, spent, planned, derived) {
        zh: "“{name}”{month} 报送为 {reported}，但按账面推算为 {derived}（截至 {month} 已支出 {spent} 万元，计划支出 {planned} 万元）",
        en: "`{name}` is reported as {reported} for {month}, but {spent} 万元 spent against {planned} 万元 planned to {month}: {derived}",
    }
    help() {
        zh: "请更正报送值，或更正应与之一致的支出、预算或计划（容差为 settings.cross_check_tolerance）",
        en: "correct the reported value, or the spending, budget or plan it should agree with (within settings.cross_check_tolerance)",
    }
    /// Cross-checks on months after the report's, left out of its warnings.
    later(count, as_of) {
        zh: "{as_of} 之后的数据另有 {count} 条交叉核对警告，不在本报告范围内；`attain check` 会全部列出",
        en: "{count} cross-check warning(s) on figures after {as_of} are outside this report; `attain check` lists them",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn crosscheck_messages_in_both_languages() {
        let m = super::execution(
            "预算执行率",
            "50.00%",
            "2026-06",
            "40.00",
            "100.00",
            "40.00%",
        );
        assert_eq!(
            m.en(),
            "`预算执行率` is reported as 50.00% for 2026-06, but 40.00 of 100.00 万元 spent: 40.00%"
        );
        assert_eq!(
            m.zh(),
            "“预算执行率”2026-06 报送为 50.00%，但按账面推算为 40.00%（预算 100.00 万元，已支出 40.00 万元）"
        );
    }
}
