//! Months and periods (`period.rs`): their names and why a text is not one.

crate::catalogue! { "period";
    /// The half-year period (H1).
    h1() { zh: "半年", en: "H1" }
    /// The full-year period (FY).
    fy() { zh: "全年", en: "FY" }
    not_a_month(value) {
        zh: "“{value}”不是月份，请写成 2026-06、2026/6 或 2026年6月",
        en: "`{value}` is not a month; write it as 2026-06, 2026/6 or 2026年6月",
    }
    not_a_period(value) {
        zh: "“{value}”不是期间，请填写 H1（半年）或 FY（全年）",
        en: "`{value}` is not a period; write H1 (半年) or FY (全年)",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn period_messages_in_both_languages() {
        let m = super::not_a_month("2026-13");
        assert_eq!(
            m.en(),
            "`2026-13` is not a month; write it as 2026-06, 2026/6 or 2026年6月"
        );
        assert_eq!(
            m.zh(),
            "“2026-13”不是月份，请写成 2026-06、2026/6 或 2026年6月"
        );
        assert_eq!(
            super::not_a_period("Q3").zh(),
            "“Q3”不是期间，请填写 H1（半年）或 FY（全年）"
        );
        assert_eq!(
            (super::h1().zh(), super::fy().en()),
            ("半年".into(), "FY".into())
        );
    }
}
