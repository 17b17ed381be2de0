//! Targets (`target.rs`): why a 指标值 cannot be read, the warnings its reading gives,
//! and the `[settings.words]` vocabulary.

crate::catalogue! { "target";
    not_word_tier(entry) {
        zh: "“{entry}”不是 `词=档次` 的写法（例如 `优良=达成`）",
        en: "`{entry}` is not `word=tier` (e.g. `优良=达成`)",
    }
    not_a_tier(value) {
        zh: "“{value}”不是档次：请写 achieved（达成）、partly（部分达成）或 not（未达成）",
        en: "`{value}` is not a tier: write achieved (达成), partly (部分达成) or not (未达成)",
    }
    date_comparator(symbol) {
        zh: "日期目标前不能写“{symbol}”",
        en: "a date target cannot be `{symbol}` a date",
    }
    date_comparator_help() {
        zh: "只写日期（`2026年12月`、`12月底前`）：在该日期或之前完成即为达成",
        en: "write the date alone (`2026年12月`, `12月底前`): it is met when done on or before it",
    }
    ratio_no_comparator(target) {
        zh: "“{target}”没有比较符：按 `≥{target}` 读取；请写明比较符",
        en: "`{target}` has no comparator: read as `≥{target}`; write the comparator to make it explicit",
    }
    not_a_ratio(text) {
        zh: "“{text}”不是两个数之比",
        en: "`{text}` is not a ratio of two numbers",
    }
    not_a_ratio_help() {
        zh: "比值请写成用冒号分隔的两个数，例如 `≥1:1.2`",
        en: "write a ratio as two numbers with a colon, e.g. `≥1:1.2`",
    }
    unexpected_in_unit(found, unit) {
        zh: "单位“{unit}”中有无法识别的“{found}”",
        en: "unexpected `{found}` in the unit `{unit}`",
    }
    unexpected_in_unit_help() {
        zh: "先写一个数，再写单位，例如 `≥3个` 或 `=46%`；以上、以下、以内、（含）写在单位后面",
        en: "write one number and then the unit, e.g. `≥3个` or `=46%`; qualifiers 以上, 以下, 以内, （含） go after the unit",
    }
    not_a_unit(unit) {
        zh: "“{unit}”不是单位",
        en: "`{unit}` is not a unit",
    }
    not_a_unit_help() {
        zh: "先写一个数，再写单位，例如 `不少于3次`",
        en: "write one number and then the unit, e.g. `不少于3次`",
    }
    both_comparators(target, symbol, qualifier) {
        zh: "“{target}”同时写了 `{symbol}` 和 {qualifier}",
        en: "`{target}` says both `{symbol}` and {qualifier}",
    }
    both_comparators_help() {
        zh: "只保留一个比较符，例如 `≥20%` 或 `20%以上`",
        en: "keep one comparator, e.g. `≥20%` or `20%以上`",
    }
    no_comparator_rate(target) {
        zh: "“{target}”没有比较符：按比率读作 `={target}`；请写明比较符",
        en: "`{target}` has no comparator: read as `={target}` (a rate: =); write the comparator to make it explicit",
    }
    no_comparator_count(target) {
        zh: "“{target}”没有比较符：按数量读作 `≥{target}`；请写明比较符",
        en: "`{target}` has no comparator: read as `≥{target}` (a count: ≥); write the comparator to make it explicit",
    }
    unusual_word(word, usual) {
        zh: "“{word}”不是常用的定性目标（{usual}）；按定性目标读取",
        en: "`{word}` is not one of the usual qualitative targets ({usual}); it is read as a qualitative target",
    }
    no_number(target) {
        zh: "“{target}”有比较符但没有数字",
        en: "`{target}` has a comparator but no number",
    }
    number_expected(after, found) {
        zh: "`{after}` 后面应为数字，实际为“{found}”",
        en: "expected a number after `{after}`, found `{found}`",
    }
    number_help() {
        zh: "请用数字写出数值，后接单位，例如 `≥3个` 或 `=46%`",
        en: "write the value in digits followed by the unit, e.g. `≥3个` or `=46%`",
    }
    /// A target cell that cannot be read, with why.
    malformed(text, message) {
        zh: "指标值“{text}”有误：{message}",
        en: "malformed target `{text}`: {message}",
    }
    /// A target of a published table that cannot be read: the row is taken as given.
    unreadable_taken_as_given(text, message) {
        zh: "指标值“{text}”无法读取（{message}）；该行按公布得分计",
        en: "target `{text}` cannot be read ({message}); the row's score is taken as given",
    }
}

#[cfg(test)]
mod tests {
    use crate::target::Target;

    #[test]
    fn target_messages_in_both_languages() {
        let e = Target::parse("≥3个5").unwrap_err();
        assert_eq!(e.message.en(), "unexpected `5` in the unit `个5`");
        assert_eq!(e.message.zh(), "单位“个5”中有无法识别的“5”");
        let w = Target::parse("100").unwrap().warnings;
        assert_eq!(
            w[0].zh(),
            "“100”没有比较符：按数量读作 `≥100`；请写明比较符"
        );
        assert_eq!(
            w[0].en(),
            "`100` has no comparator: read as `≥100` (a count: ≥); write the comparator to make it explicit"
        );
        let m = super::malformed("≥3个5", e.message);
        assert_eq!(m.zh(), "指标值“≥3个5”有误：单位“个5”中有无法识别的“5”");
    }
}
