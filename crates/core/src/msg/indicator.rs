//! Indicators (`indicator.rs`) and the evaluation built on them (`evaluation.rs`).

crate::catalogue! { "indicator";
    not_a_measure(value) {
        zh: "“{value}”不是计量方式；请用 execution、execution:<预算项目>、sum、latest 或 grade",
        en: "`{value}` is not a measure; use execution, execution:<budget line>, sum, latest or grade",
    }
}

/// The evaluation (`evaluation.rs`).
pub mod evaluation {
    crate::catalogue! { "evaluation";
        certain_contradicted(id, name, target) {
            zh: "“{id} {name}”的完成目标可能性填为“确定能”，但按全年预测达不到年度指标值 {target}",
            en: "`{id}` {name} is written as 确定能 (certain), but its full-year forecast misses the full-year target {target}",
        }
        certain_contradicted_help() {
            zh: "请改填“有可能”或“不可能”并写明改进措施，或核对据以预测的实际完成值",
            en: "write 有可能 or 不可能 with 改进措施, or check the actuals the forecast is made from",
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn indicator_messages_in_both_languages() {
        let e = "average".parse::<crate::indicator::Measure>().unwrap_err();
        assert_eq!(
            e.en(),
            "`average` is not a measure; use execution, execution:<budget line>, sum, latest or grade"
        );
        assert_eq!(
            e.zh(),
            "“average”不是计量方式；请用 execution、execution:<预算项目>、sum、latest 或 grade"
        );
        let m = super::evaluation::certain_contradicted("T-01", "培训人次", "≥100人次");
        assert_eq!(
            m.zh(),
            "“T-01 培训人次”的完成目标可能性填为“确定能”，但按全年预测达不到年度指标值 ≥100人次"
        );
    }
}
