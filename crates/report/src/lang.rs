//! Report label language. Indicator and line names stay as written.

#[allow(unused_imports)]
use crate::chart::ChartWords as _;
pub use attain_core::msg::Lang;

/// The wording table: every label of the reports (headers, section titles, words of
/// tables), in both languages, in one place. Sentences with figures (titles,
/// headlines, footnotes) are built by the documents from these and the figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum W {
    BudgetLine,
    Budget,
    BudgetAtStart,
    Spent,
    SpentTo(u8),
    Rate,
    /// The expected path's column, named by the path (目标进度 / 计划进度 / 序时进度).
    Path(attain_core::settings::ExpectedPath),
    TimeElapsed,
    GapPp,
    GapAmount,
    Light,
    ForecastRunRate,
    ForecastPlan,
    ForecastPlanYear,
    ForecastRunRateYear,
    PaceNeededAmount,
    Id,
    Level1,
    Level1Full,
    Level2,
    Level2Full,
    Indicator,
    H1Target,
    FyTarget,
    AnnualTarget,
    Unit,
    Actual,
    ActualTo(u8),
    ActualYear,
    ExpectedTarget,
    OfExpected,
    Forecast,
    ForecastYear,
    PaceNeeded,
    H1Verdict,
    FyVerdict,
    Deviation,
    DeviationRate,
    Likelihood,
    Cause,
    Measures,
    CauseAndMeasures,
    Weight,
    Score,
    RuleScore,
    AdjustmentReason,
    Grade,
    Block,
    Total,
    TotalScore,
    Subtotal,
    NoData,
    NotApplicable,
    Suggested,
    /// After a written 确定能 that the forecast in the same row contradicts.
    Contradicted,
    /// After an indicator in the to-fill list whose written 确定能 is contradicted.
    ContradictedToFill,
    ToFillMark,
    SheetMonitoringForm,
    SheetSelfEvaluationForm,
    SheetFunds,
    SectionFundsBySource,
    SectionGoal,
    SectionMissing,
    SectionCrossChecks,
    FundSource,
    BudgetFullYear,
    ExecutedYear,
    ExecutedShort,
    H1Plan,
    ExecutionTo(u8),
    /// The mark of a figure last reported in month n, before the report's month.
    ReportedIn(u8),
    /// The note under a table with such marks; n is the report's month.
    ReportedBeforeNote(u8),
    GoalExpected,
    GoalAchieved,
    GoalAchievedTo(u8),
    TargetValues,
    ActualShort,
    ReferenceScore,
    SelfGrade,
    OffTargetMark,
    SectionExecution,
    SectionBudget,
    SectionFunds,
    SectionIndicators,
    SectionTargets,
    SectionAnnualIndicators,
    SectionBlocks,
    /// 一级指标参考得分: the monitoring's block table when a reference score is asked for.
    SectionReferenceBlocks,
    /// 参考总分: the total row of the monitoring's reference scores.
    ReferenceTotalScore,
    SectionNotes,
    SectionToFill,
    SectionReview(u32),
    SheetExecution,
    SheetIndicators,
    SheetBlocks,
    Met,
    NotMet,
    PortfolioRank,
    PortfolioUnit,
    PortfolioName,
    PortfolioExpected,
    PortfolioExecutionLight,
    PortfolioLight,
    PortfolioRed,
    PortfolioYellow,
    PortfolioGapChange,
    PortfolioChange,
    PortfolioUnits,
    PortfolioIndicators,
    PortfolioErrors,
    PortfolioFirstError,
    SectionPortfolioAggregate,
    SectionPortfolioExcluded,
    SheetPortfolioAggregate,
    SheetPortfolioRanking,
    SheetPortfolioExcluded,
    Improved,
    Worsened,
    Unchanged,
}

impl W {
    /// The label in `lang`.
    pub fn text(self, lang: Lang) -> std::borrow::Cow<'static, str> {
        use std::borrow::Cow::{Borrowed, Owned};
        let (zh, en): (&'static str, &'static str) = match self {
            W::SpentTo(n) => {
                return Owned(match lang {
                    Lang::Zh => format!("1–{n}月执行数（万元）"),
                    Lang::En => format!("Spent Jan–{} (万元)", Lang::En.month(n)),
                })
            }
            W::ActualTo(n) => {
                return Owned(match lang {
                    Lang::Zh => format!("1–{n}月完成值"),
                    Lang::En => format!("Actual Jan–{}", Lang::En.month(n)),
                })
            }
            W::Path(p) => {
                use attain_core::settings::ExpectedPath;
                return Owned(match lang {
                    Lang::Zh => format!("{}（%）", p.zh()),
                    Lang::En => match p {
                        ExpectedPath::Milestone => "Milestone path (%)",
                        ExpectedPath::Plan => "Planned progress (%)",
                        ExpectedPath::Linear => "Expected (month ÷ 12, %)",
                    }
                    .to_string(),
                });
            }
            W::ReportedIn(n) => {
                return Owned(match lang {
                    Lang::Zh => format!("（{n}月数）"),
                    Lang::En => format!(" ({} figure)", Lang::En.month(n)),
                })
            }
            W::ReportedBeforeNote(n) => {
                return Owned(match lang {
                    Lang::Zh => format!(
                        "注：标“（N月数）”的实际完成值为该指标最近一次报送的数值（N 月），此后至 {n} 月未再报送，按 N 月数值计。"
                    ),
                    Lang::En => format!(
                        "Note: a figure marked “(month figure)” is the indicator's latest report, from that month; none came since, up to {}, and it is carried forward.",
                        Lang::En.month(n)
                    ),
                })
            }
            W::ExecutionTo(n) => {
                return Owned(match lang {
                    Lang::Zh => format!("1–{n}月执行情况"),
                    Lang::En => format!("Jan–{}", Lang::En.month(n)),
                })
            }
            W::GoalAchievedTo(n) => {
                return Owned(match lang {
                    Lang::Zh => format!("1–{n}月实际完成情况"),
                    Lang::En => format!("Achieved Jan–{}", Lang::En.month(n)),
                })
            }
            W::SectionReview(pct) => {
                return Owned(match lang {
                    Lang::Zh => format!("超额完成需复核目标（实际超过目标 {pct}%）"),
                    Lang::En => {
                        format!("Over-achieved: review the target (actual above {pct} % of target)")
                    }
                })
            }
            W::BudgetLine => ("预算项目", "Budget line"),
            W::Budget => ("全年预算数（万元）", "Budget (万元)"),
            W::BudgetAtStart => ("年初预算数（万元）", "Initial budget (万元)"),
            W::Spent => ("累计支出（万元）", "Spent (万元)"),
            W::Rate => ("执行率（%）", "Rate (%)"),
            W::TimeElapsed => ("序时进度（%）", "Time elapsed (%)"),
            W::GapPp => ("偏差（百分点）", "Gap (pp)"),
            W::GapAmount => ("偏差（万元）", "Gap (万元)"),
            W::Light => ("灯", "Light"),
            W::ForecastRunRate => ("年末预测（按当前进度，万元）", "Year-end (run rate, 万元)"),
            W::ForecastPlan => ("年末预测（按计划，万元）", "Year-end (plan, 万元)"),
            W::ForecastRunRateYear => (
                "全年预计执行数（按当前进度，万元）",
                "Year-end forecast (run rate, 万元)",
            ),
            W::ForecastPlanYear => (
                "全年预计执行数（按计划，万元）",
                "Year-end forecast (plan, 万元)",
            ),
            W::PaceNeededAmount => ("剩余每月需支出（万元）", "Needed per month (万元)"),
            W::Id => ("编号", "Id"),
            W::Level1 => ("一级", "Level 1"),
            W::Level1Full => ("一级指标", "Level 1"),
            W::Level2 => ("二级", "Level 2"),
            W::Level2Full => ("二级指标", "Level 2"),
            W::Indicator => ("三级指标", "Indicator"),
            W::H1Target => ("半年指标值", "H1 target"),
            W::FyTarget => ("全年指标值", "FY target"),
            W::AnnualTarget => ("年度指标值", "Annual target"),
            W::Unit => ("单位", "Unit"),
            W::Actual => ("累计实际", "Actual"),
            W::ActualYear => ("实际完成值", "Actual"),
            W::ExpectedTarget => ("目标进度", "Expected"),
            W::OfExpected => ("完成度（%）", "% of expected"),
            W::Forecast => ("年末预测", "Year-end forecast"),
            W::ForecastYear => ("全年预计完成值", "Year-end forecast"),
            W::PaceNeeded => ("剩余每月需完成", "Needed per month"),
            W::H1Verdict => ("半年判定", "H1 verdict"),
            W::FyVerdict => ("全年判定", "Full-year verdict"),
            W::Deviation => ("偏差值", "Deviation"),
            W::DeviationRate => ("偏差率（%）", "Deviation (%)"),
            W::Likelihood => ("完成目标可能性", "Likelihood"),
            W::Cause => ("偏差原因", "Cause"),
            W::Measures => ("改进措施", "Measures"),
            W::CauseAndMeasures => ("偏差原因分析及改进措施", "Cause and measures"),
            W::Weight => ("分值", "Weight"),
            W::Score => ("得分", "Score"),
            W::RuleScore => ("规则得分", "Rule score"),
            W::AdjustmentReason => ("调整理由", "Adjustment"),
            W::Grade => ("等级", "Grade"),
            W::Block => ("一级指标", "Block"),
            W::Total => ("合计", "Total"),
            W::TotalScore => ("总分", "Total"),
            W::Subtotal => ("小计", " subtotal"),
            W::NoData => ("无数据", "no data"),
            W::NotApplicable => ("不适用", "n/a"),
            W::Suggested => ("（建议）", " (suggested)"),
            W::Contradicted => ("（与预测不符）", " (contradicts the forecast)"),
            W::ContradictedToFill => (
                "：填写为确定能，但全年预计完成值未达全年指标值，请改填可能性并说明原因",
                ": written as certain, but the year-end forecast misses the full-year target; rewrite the likelihood and give the reason",
            ),
            W::ToFillMark => ("【待填写】", "[to fill]"),
            W::SheetMonitoringForm => ("绩效运行监控表", "Monitoring form"),
            W::SheetSelfEvaluationForm => ("绩效自评表", "Self-evaluation form"),
            W::SheetFunds => ("资金情况", "Funds"),
            W::SectionFundsBySource => ("年度资金情况（万元）", "Funds (万元)"),
            W::SectionGoal => ("年度总体目标", "Annual goal"),
            W::SectionMissing => ("缺报数据", "Missing data"),
            W::SectionCrossChecks => (
                "数据核对：报送值与推算值不符",
                "Reported vs derived figures",
            ),
            W::FundSource => ("资金来源", "Source"),
            W::BudgetFullYear => ("全年预算数（万元）", "Full-year budget (万元)"),
            W::ExecutedYear => ("全年执行数（万元）", "Spent in the year (万元)"),
            W::ExecutedShort => ("执行数（万元）", "Spent (万元)"),
            W::H1Plan => ("半年计划执行数（万元）", "H1 plan (万元)"),
            W::GoalExpected => ("预期目标", "Expected"),
            W::GoalAchieved => ("实际完成情况", "Achieved"),
            W::TargetValues => ("指标值", "Targets"),
            W::ActualShort => ("实际完成值", "Actual"),
            W::ReferenceScore => ("参考得分", "Reference score"),
            W::SelfGrade => ("自评等级", "Grade"),
            W::OffTargetMark => ("【偏离目标】", "[off target]"),
            W::SectionExecution => ("预算执行", "Budget execution"),
            W::SectionBudget => ("预算执行情况", "Budget"),
            W::SectionFunds => ("项目资金", "Budget"),
            W::SectionIndicators => ("绩效指标", "Indicators"),
            W::SectionTargets => ("绩效目标完成情况", "Indicators"),
            W::SectionAnnualIndicators => ("年度绩效指标完成情况", "Indicators"),
            W::SectionBlocks => ("一级指标得分", "Block scores"),
            W::SectionReferenceBlocks => ("一级指标参考得分", "Block reference scores"),
            W::ReferenceTotalScore => ("参考总分", "Reference total"),
            W::SectionNotes => ("备注", "Notes"),
            W::SectionToFill => ("待填写偏差原因及改进措施", "Causes and measures to fill"),
            W::SheetExecution => ("预算执行", "Execution"),
            W::SheetIndicators => ("绩效指标", "Indicators"),
            W::SheetBlocks => ("一级指标得分", "Blocks"),
            W::Met => ("达成", "met"),
            W::NotMet => ("未达成", "not met"),
            W::PortfolioRank => ("排名", "Rank"),
            W::PortfolioUnit => ("单位", "Unit"),
            W::PortfolioName => ("单位名称", "Name"),
            W::PortfolioExpected => ("序时进度（%）", "Expected (%)"),
            W::PortfolioExecutionLight => ("执行灯号", "Execution"),
            W::PortfolioLight => ("总体灯号", "Overall"),
            W::PortfolioRed => ("红灯指标", "Red"),
            W::PortfolioYellow => ("黄灯指标", "Yellow"),
            W::PortfolioGapChange => ("较上月（百分点）", "Since last month (pp)"),
            W::PortfolioChange => ("变化", "Change"),
            W::PortfolioUnits => ("单位数", "Units"),
            W::PortfolioIndicators => ("指标数", "Indicators"),
            W::PortfolioErrors => ("错误数", "Errors"),
            W::PortfolioFirstError => ("首个错误", "First error"),
            W::SectionPortfolioAggregate => ("全部单位合计执行进度", "Aggregate execution"),
            W::SectionPortfolioExcluded => {
                ("因数据错误未纳入排名的单位", "Units left out for errors")
            }
            W::SheetPortfolioAggregate => ("合计", "Aggregate"),
            W::SheetPortfolioRanking => ("排名", "Ranking"),
            W::SheetPortfolioExcluded => ("未纳入排名", "Left out"),
            W::Improved => ("好转", "improved"),
            W::Worsened => ("变差", "worsened"),
            W::Unchanged => ("持平", "unchanged"),
        };
        Borrowed(match lang {
            Lang::Zh => zh,
            Lang::En => en,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Columns side by side read apart: 年初预算数 and 全年预算数, 年度指标值 and 半年指标值,
    /// in English too.
    #[test]
    fn columns_side_by_side_are_told_apart() {
        for lang in [Lang::Zh, Lang::En] {
            assert_ne!(W::BudgetAtStart.text(lang), W::BudgetFullYear.text(lang));
            assert_ne!(W::BudgetAtStart.text(lang), W::Budget.text(lang));
        }
        assert_eq!(W::BudgetAtStart.text(Lang::En), "Initial budget (万元)");
        // Beside the half-year target, the annual one says which it is.
        assert_eq!(W::AnnualTarget.text(Lang::En), "Annual target");
        assert_ne!(W::AnnualTarget.text(Lang::En), W::H1Target.text(Lang::En));
    }
}
