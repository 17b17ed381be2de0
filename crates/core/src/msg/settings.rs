//! The unit's settings (`settings.rs`, `[settings]` in `unit.toml`).

crate::catalogue! { "settings";
    lights_order(red, yellow, blue) {
        zh: "settings.lights 的顺序不对：red_below {red}，yellow_below {yellow}，blue_from {blue}",
        en: "settings.lights are out of order: red_below {red}, yellow_below {yellow}, blue_from {blue}",
    }
    lights_order_help() {
        zh: "请按 red_below ≤ yellow_below ≤ blue_from 填写，例如 60、80、120",
        en: "use red_below ≤ yellow_below ≤ blue_from, e.g. 60, 80, 120",
    }
    h1_plan_tolerance(value) {
        zh: "settings.h1_plan_tolerance 为负数：{value}",
        en: "settings.h1_plan_tolerance is negative: {value}",
    }
    h1_plan_tolerance_help() {
        zh: "请填写小数，例如 0.01（一个百分点）",
        en: "use a fraction such as 0.01 (one percentage point)",
    }
    grades_order(excellent, good, fair) {
        zh: "settings.scoring.grades 的顺序不对：excellent {excellent}，good {good}，fair {fair}",
        en: "settings.scoring.grades are out of order: excellent {excellent}, good {good}, fair {fair}",
    }
    grades_order_help() {
        zh: "请按 fair ≤ good ≤ excellent ≤ 100 填写，例如 60、80、90（或 60、70、80）",
        en: "use fair ≤ good ≤ excellent ≤ 100, e.g. 60, 80, 90 (or 60, 70, 80)",
    }
    /// A tier score left to its default, in `tiers`.
    midpoint() { zh: "（区间中点）", en: "(midpoint)" }
    tiers(achieved_from, partly_from, partly_score, not_score) {
        zh: "settings.scoring.tiers 不能构成三个档次：achieved_from {achieved_from}，partly_from {partly_from}，partly_score {partly_score}，not_score {not_score}",
        en: "settings.scoring.tiers do not make three bands: achieved_from {achieved_from}, partly_from {partly_from}, partly_score {partly_score}, not_score {not_score}",
    }
    tiers_help() {
        zh: "请满足 0 < partly_from < achieved_from < 100（80 和 60，或 80 和 50），partly_score 在 [partly_from, achieved_from) 内，not_score 在 [0, partly_from) 内",
        en: "use 0 < partly_from < achieved_from < 100 (80 and 60, or 80 and 50), a partly_score in [partly_from, achieved_from) and a not_score in [0, partly_from)",
    }
    far_over_budget(value) {
        zh: "settings.far_over_budget 为 {value}：必须大于 1（项目预算的倍数）",
        en: "settings.far_over_budget is {value}: it must be above 1 (times a line's budget)",
    }
    far_over_budget_help() {
        zh: "请填写例如 3：支出超过项目预算三倍即为错误",
        en: "use e.g. 3: spending above three times a line's budget is an error",
    }
    cross_check_tolerance(value) {
        zh: "settings.cross_check_tolerance 为负数：{value}",
        en: "settings.cross_check_tolerance is negative: {value}",
    }
    cross_check_tolerance_help() {
        zh: "请填写小数，例如 0.005（半个百分点）",
        en: "use a fraction such as 0.005 (half a percentage point)",
    }
    over_achievement_review(value) {
        zh: "settings.scoring.over_achievement_review 为 {value}：低于 100 会把刚好达标的目标也标出来",
        en: "settings.scoring.over_achievement_review is {value}: below 100 it would flag targets that are merely met",
    }
    over_achievement_review_help() {
        zh: "请填写高于 100 的目标百分比，例如 120",
        en: "use a percentage of the target above 100, e.g. 120",
    }
    words(message) {
        zh: "settings.words 有误：{message}",
        en: "settings.words: {message}",
    }
    words_help() {
        zh: "请写成例如 \"尚可\" = \"部分达成\"",
        en: "write e.g. \"尚可\" = \"部分达成\"",
    }
    negative(name, value) {
        zh: "{name} 为负数：{value}",
        en: "{name} is negative: {value}",
    }
    negative_percent_help(example) {
        zh: "请填写零或正数：预期进度的百分比，例如 {example}",
        en: "use zero or more: a percentage of the expected progress, e.g. {example}",
    }
    negative_score_help(example) {
        zh: "请填写零或正数：百分制分数，例如 {example}",
        en: "use zero or more: a score out of 100, e.g. {example}",
    }
    negative_points_help(example) {
        zh: "请填写零或正数：百分制中的分值，例如 {example}",
        en: "use zero or more: points out of 100, e.g. {example}",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn settings_messages_in_both_languages() {
        let m = super::negative("settings.lights.red_below", "-10");
        assert_eq!(m.en(), "settings.lights.red_below is negative: -10");
        assert_eq!(m.zh(), "settings.lights.red_below 为负数：-10");
        let h = super::negative_points_help("20");
        assert_eq!(h.en(), "use zero or more: points out of 100, e.g. 20");
        assert_eq!(h.zh(), "请填写零或正数：百分制中的分值，例如 20");
    }
}
