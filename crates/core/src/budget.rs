//! Budget lines (支出) with parent/child structure, half-year plan and full-year
//! budget, and income by source (收入). Amounts are 万元, exact decimals.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::check::Check;
use crate::lookup::{GroupIndex, NameIndex};
use crate::msg::budget as msg;

/// An expenditure line: 基本支出, 项目支出, or a project under 项目支出.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BudgetLine {
    pub name: String,
    /// The line this one is part of; `None` for a top-level line.
    pub parent: Option<String>,
    /// 半年计划执行数 (万元)
    #[serde(with = "rust_decimal::serde::str")]
    pub h1_plan: Decimal,
    /// 全年预算数 (万元)
    #[serde(with = "rust_decimal::serde::str")]
    pub budget: Decimal,
}

/// A source of income (资金来源) and its amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IncomeSource {
    pub name: String,
    /// 年初预算数 (万元)
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    /// 全年（调整）预算数 (万元) when the budget was adjusted during the year; `None`:
    /// the same as `amount`.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub adjusted: Option<Decimal>,
}

impl IncomeSource {
    /// 全年（调整）预算数: the adjusted amount, or the initial one when not adjusted.
    pub fn full_year(&self) -> Decimal {
        self.adjusted.unwrap_or(self.amount)
    }
}

/// The rows of a form's funds block (资金来源, DOMAIN.md §8): 年度资金总额 and, under
/// it, 本年财政拨款, 上年结转资金 and 其他资金.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FundSource {
    /// 年度资金总额
    Total,
    /// 其中：本年财政拨款 (一般公共预算, 政府性基金, 国有资本经营预算 … of the year)
    Appropriation,
    /// 上年结转资金
    CarriedOver,
    /// 其他资金
    Other,
}

impl FundSource {
    pub fn zh(self) -> &'static str {
        match self {
            FundSource::Total => "年度资金总额",
            FundSource::Appropriation => "其中：本年财政拨款",
            FundSource::CarriedOver => "上年结转资金",
            FundSource::Other => "其他资金",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            FundSource::Total => "Total funds",
            FundSource::Appropriation => "of which: appropriations of the year",
            FundSource::CarriedOver => "Carried over from last year",
            FundSource::Other => "Other funds",
        }
    }

    /// The form row an income source of unit.toml belongs to, by its name: a name
    /// with 结转 (上年结转资金, 结转结余) is carried over, one with 其他 (其他资金, 其他收入)
    /// is other funds, every other source (一般公共预算资金, 政府性基金, 国有资本金, 社保基金,
    /// 财政专户管理资金) is an appropriation of the year.
    pub fn of(source_name: &str) -> FundSource {
        if source_name.contains("结转") {
            FundSource::CarriedOver
        } else if source_name.contains("其他") {
            FundSource::Other
        } else {
            FundSource::Appropriation
        }
    }
}

/// One row of the funds block: 年初预算数 and 全年（调整）预算数.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FundRow {
    pub source: FundSource,
    pub initial: Decimal,
    pub full_year: Decimal,
}

/// The unit's funds: income and expenditure lines.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Budget {
    pub lines: Vec<BudgetLine>,
    /// 资金总额 as stated; `None` when the source gives only the parts.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub income_total: Option<Decimal>,
    pub income: Vec<IncomeSource>,
    /// Hash indexes of the lines by name and by parent (a cache; see
    /// [`crate::lookup`]).
    #[serde(skip)]
    pub lookup: BudgetLookup,
}

/// The indexes behind [`Budget::line`] and [`Budget::children`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BudgetLookup {
    by_name: NameIndex,
    by_parent: GroupIndex,
}

/// The standard top-level expenditure categories. Lines listed under one of these in
/// a target table are its children.
pub const TOP_LEVEL_CATEGORIES: &[&str] = &["基本支出", "项目支出"];

/// Whether `spent` is far above `budget`: more than `factor` times a positive budget
/// (`settings.far_over_budget`, 3 by default). Such a figure is almost always 元
/// written in a 万元 column, and is an error rather than a red light.
pub fn far_over(spent: Decimal, budget: Decimal, factor: Decimal) -> bool {
    budget > Decimal::ZERO && spent > budget * factor
}

/// [`far_over`] of one line's budget and factor, made once for the line's many
/// figures: a figure plainly under the limit (at most its whole part, compared in
/// integers) is told so without a decimal comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FarOver {
    /// `budget × factor` for a positive budget (none: no figure is far over).
    limit: Option<Decimal>,
    /// The limit's whole part.
    whole: i128,
}

impl FarOver {
    pub fn new(budget: Decimal, factor: Decimal) -> FarOver {
        let limit = (budget > Decimal::ZERO).then(|| budget * factor);
        let whole = limit.map_or(0, |l| {
            let t = l.trunc();
            t.mantissa() / 10i128.pow(t.scale())
        });
        FarOver { limit, whole }
    }

    /// `far_over(spent, budget, factor)`.
    #[inline]
    pub fn by(&self, spent: Decimal) -> bool {
        let Some(limit) = self.limit else {
            return false;
        };
        // spent ≤ the limit's whole part (mantissa ≤ whole × 10^scale): not over.
        const TENS: [i128; 19] = {
            let mut t = [1i128; 19];
            let mut k = 1;
            while k < t.len() {
                t[k] = t[k - 1] * 10;
                k += 1;
            }
            t
        };
        let plainly_under = TENS
            .get(spent.scale() as usize)
            .and_then(|&ten| self.whole.checked_mul(ten))
            .is_some_and(|w| spent.mantissa() <= w);
        !plainly_under && spent > limit
    }
}

/// `amount` in 元 read as 万元: the 万元 figure it probably meant (÷ 10 000).
pub fn yuan_as_wan(amount: Decimal) -> Decimal {
    amount / Decimal::from(10_000)
}

impl Budget {
    /// The funds block by source (DOMAIN.md §8): 年度资金总额 (the stated total, or the
    /// sum of the sources; its 全年预算数 the sum of the adjusted sources, or the total
    /// when nothing was adjusted), then 本年财政拨款, 上年结转资金 and 其他资金, each the
    /// sum of its sources. With no income in unit.toml the total is the expenditure
    /// lines' budget and the parts are zero.
    pub fn funds_by_source(&self) -> Vec<FundRow> {
        let parts = [
            FundSource::Appropriation,
            FundSource::CarriedOver,
            FundSource::Other,
        ]
        .map(|source| {
            let of: Vec<&IncomeSource> = self
                .income
                .iter()
                .filter(|s| FundSource::of(&s.name) == source)
                .collect();
            FundRow {
                source,
                initial: of.iter().map(|s| s.amount).sum(),
                full_year: of.iter().map(|s| s.full_year()).sum(),
            }
        });
        let sources: Decimal = parts.iter().map(|p| p.initial).sum();
        let adjusted = self.income.iter().any(|s| s.adjusted.is_some());
        let initial = match (self.income_total, self.income.is_empty()) {
            (Some(t), _) => t,
            (None, false) => sources,
            (None, true) => self.top_level().map(|l| l.budget).sum(),
        };
        let full_year = if adjusted {
            initial - sources + parts.iter().map(|p| p.full_year).sum::<Decimal>()
        } else {
            initial
        };
        let mut rows = vec![FundRow {
            source: FundSource::Total,
            initial,
            full_year,
        }];
        rows.extend(parts);
        rows
    }

    /// The first line with this name: a hash lookup.
    pub fn line(&self, name: &str) -> Option<&BudgetLine> {
        let lines = &self.lines;
        self.lookup
            .by_name
            .find(name, lines.len(), |p| lines.get(p).map(|l| l.name.as_str()))
            .map(|p| &lines[p])
    }

    /// The position in `lines` of the first line with this name: a hash lookup.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        let lines = &self.lines;
        self.lookup
            .by_name
            .find(name, lines.len(), |p| lines.get(p).map(|l| l.name.as_str()))
    }

    pub fn top_level(&self) -> impl Iterator<Item = &BudgetLine> {
        self.lines.iter().filter(|l| l.parent.is_none())
    }

    /// The lines whose parent is `name`, in order: a hash lookup (a scan of a few
    /// lines, [`crate::lookup::SCAN_UP_TO`], with nothing allocated).
    pub fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a BudgetLine> + 'a {
        let lines = &self.lines;
        let scan = lines.len() <= crate::lookup::SCAN_UP_TO;
        let indexed = match scan {
            true => Vec::new(),
            false => self.lookup.by_parent.all(name, lines.len(), |p| {
                lines.get(p).and_then(|l| l.parent.as_deref())
            }),
        };
        let scanned = lines[..if scan { lines.len() } else { 0 }]
            .iter()
            .filter(move |l| l.parent.as_deref() == Some(name));
        indexed.into_iter().map(move |p| &lines[p]).chain(scanned)
    }

    pub fn has_children(&self, name: &str) -> bool {
        self.children(name).next().is_some()
    }

    /// Lines without children: where spending is booked.
    pub fn leaves(&self) -> impl Iterator<Item = &BudgetLine> {
        self.lines.iter().filter(|l| !self.has_children(&l.name))
    }

    /// Full-year budget of all top-level lines.
    pub fn total_budget(&self) -> Decimal {
        self.top_level().map(|l| l.budget).sum()
    }

    /// Half-year plan of all top-level lines.
    pub fn total_h1_plan(&self) -> Decimal {
        self.top_level().map(|l| l.h1_plan).sum()
    }

    /// The stated income total, else the sum of the sources.
    pub fn income_total(&self) -> Decimal {
        self.income_total
            .unwrap_or_else(|| self.income.iter().map(|s| s.amount).sum())
    }

    /// The half-year plan as a share of the full-year budget (338.99 / 735.55 = 0.4609),
    /// unrounded; `None` when the budget is zero.
    pub fn h1_plan_ratio(&self) -> Option<Decimal> {
        let total = self.total_budget();
        (!total.is_zero()).then(|| self.total_h1_plan() / total)
    }

    /// Depth of a line: 0 for top level.
    pub fn depth(&self, name: &str) -> usize {
        let mut depth = 0;
        let mut cur = self.line(name).and_then(|l| l.parent.as_deref());
        while let Some(p) = cur {
            depth += 1;
            if depth > self.lines.len() {
                break; // a cycle; reported by `check`
            }
            cur = self.line(p).and_then(|l| l.parent.as_deref());
        }
        depth
    }

    /// The structural and arithmetic checks: every parent exists, no cycles, no
    /// duplicate names, plans within budgets, children sum to their parent (plan and
    /// budget), top-level lines sum to the income total, and sources sum to the total.
    pub fn check(&self) -> Vec<Check> {
        let mut out = Vec::new();
        // A few lines are compared with the ones before them; more are hashed.
        let few = self.lines.len() <= crate::lookup::SCAN_UP_TO;
        let mut seen: foldhash::HashSet<&str> = foldhash::HashSet::with_capacity_and_hasher(
            if few { 0 } else { self.lines.len() },
            Default::default(),
        );
        for (i, l) in self.lines.iter().enumerate() {
            let twice = match few {
                true => self.lines[..i]
                    .iter()
                    .any(|o| crate::lookup::same_text(&o.name, &l.name)),
                false => !seen.insert(l.name.as_str()),
            };
            if twice {
                out.push(Check::error(
                    Some(&l.name),
                    msg::line_twice(&l.name),
                    msg::line_twice_help(),
                ));
            }
            if let Some(p) = &l.parent {
                if self.line(p).is_none() {
                    out.push(Check::error(
                        Some(&l.name),
                        msg::unknown_parent(&l.name, p),
                        msg::unknown_parent_help(),
                    ));
                }
            }
            if self.depth(&l.name) > self.lines.len() {
                out.push(Check::error(
                    Some(&l.name),
                    msg::own_ancestor(&l.name),
                    msg::own_ancestor_help(),
                ));
            }
            if crate::value::below_zero(l.budget) || crate::value::below_zero(l.h1_plan) {
                out.push(Check::error(
                    Some(&l.name),
                    msg::negative(&l.name),
                    msg::negative_help(),
                ));
            }
            if l.h1_plan > l.budget {
                out.push(Check::warning(
                    Some(&l.name),
                    msg::plan_over_budget(&l.name, l.h1_plan, l.budget),
                    msg::plan_over_budget_help(),
                ));
            }
        }
        for parent in &self.lines {
            let kids: smallvec::SmallVec<[&BudgetLine; 8]> = self.children(&parent.name).collect();
            if kids.is_empty() {
                continue;
            }
            let budget: Decimal = kids.iter().map(|k| k.budget).sum();
            let plan: Decimal = kids.iter().map(|k| k.h1_plan).sum();
            // The children's names, written only for a finding.
            let names = || {
                kids.iter()
                    .map(|k| k.name.as_str())
                    .collect::<Vec<_>>()
                    .join(" + ")
            };
            if budget != parent.budget {
                out.push(Check::error(
                    Some(&parent.name),
                    msg::children_budget(&parent.name, names(), budget, parent.budget),
                    msg::children_help(),
                ));
            }
            if plan != parent.h1_plan {
                out.push(Check::error(
                    Some(&parent.name),
                    msg::children_plan(&parent.name, names(), plan, parent.h1_plan),
                    msg::children_help(),
                ));
            }
        }
        if !self.lines.is_empty() {
            let expenditure = self.total_budget();
            // budget.csv holds the full-year budget (全年预算数) the execution rate is
            // measured against: with adjusted sources it balances the adjusted income.
            let adjusted = self.income.iter().any(|s| s.adjusted.is_some());
            let income = if adjusted {
                self.funds_by_source()[0].full_year
            } else {
                self.income_total()
            };
            if (self.income_total.is_some() || !self.income.is_empty()) && expenditure != income {
                out.push(
                    if adjusted {
                        Check::error(
                            None,
                            msg::unbalanced_adjusted(expenditure, income, expenditure - income),
                            msg::unbalanced_adjusted_help(),
                        )
                    } else {
                        Check::error(
                            None,
                            msg::unbalanced(expenditure, income, expenditure - income),
                            msg::unbalanced_help(),
                        )
                    }
                    .in_part(crate::check::Part::Income),
                );
            }
        }
        if let Some(total) = self.income_total {
            if !self.income.is_empty() {
                let sum: Decimal = self.income.iter().map(|s| s.amount).sum();
                if sum != total {
                    let names = self
                        .income
                        .iter()
                        .filter(|s| !s.amount.is_zero())
                        .map(|s| format!("{} {}", s.name, s.amount))
                        .collect::<Vec<_>>()
                        .join(" + ");
                    out.push(
                        Check::error(
                            None,
                            msg::sources_sum(&names, sum, total),
                            msg::sources_sum_help(),
                        )
                        .in_part(crate::check::Part::Income),
                    );
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    proptest::proptest! {
        /// A line's [`FarOver`] tells what [`far_over`] tells, near the limit too.
        #[test]
        fn far_over_of_a_line_is_far_over(
            budget in -1_000_000i64..100_000_000,
            budget_scale in 0u32..5,
            factor in prop_oneof_factor(),
            spent in -1_000i64..1_000_000_000_000,
            spent_scale in 0u32..13,
        ) {
            let budget = Decimal::new(budget, budget_scale);
            let f = FarOver::new(budget, factor);
            let limit = budget * factor;
            // The figure given, and figures at and next to the limit.
            let mut figures = vec![Decimal::new(spent, spent_scale), limit, limit.trunc()];
            for s in [0u32, 2, 6] {
                let step = Decimal::new(1, s);
                figures.extend([limit + step, limit - step, limit.trunc() + step]);
            }
            for d in figures {
                proptest::prop_assert_eq!(f.by(d), far_over(d, budget, factor), "{} {} {}", d, budget, factor);
            }
        }
    }

    fn prop_oneof_factor() -> impl proptest::strategy::Strategy<Value = Decimal> {
        use proptest::strategy::Strategy;
        (0i64..100_000, 0u32..4).prop_map(|(m, s)| Decimal::new(m, s))
    }

    pub(crate) fn seed_budget() -> Budget {
        let line = |name: &str, parent: Option<&str>, h1, fy| BudgetLine {
            name: name.into(),
            parent: parent.map(Into::into),
            h1_plan: h1,
            budget: fy,
        };
        Budget {
            lines: vec![
                line("基本支出", None, dec!(290), dec!(592.56)),
                line("项目支出", None, dec!(48.99), dec!(142.99)),
                line("环境国际合作及履约", Some("项目支出"), dec!(23), dec!(116)),
                line("办公设备购置", Some("项目支出"), dec!(25.99), dec!(26.99)),
            ],
            income_total: Some(dec!(735.55)),
            income: vec![
                IncomeSource {
                    name: "一般公共预算资金".into(),
                    amount: dec!(704.36),
                    adjusted: None,
                },
                IncomeSource {
                    name: "上年结转资金".into(),
                    amount: dec!(29.99),
                    adjusted: None,
                },
                IncomeSource {
                    name: "其他资金".into(),
                    amount: dec!(1.2),
                    adjusted: None,
                },
            ],
            lookup: Default::default(),
        }
    }

    #[test]
    fn seed_balances() {
        let b = seed_budget();
        assert!(b.check().is_empty(), "{:?}", b.check());
        assert_eq!(b.total_budget(), dec!(735.55));
        assert_eq!(b.total_h1_plan(), dec!(338.99));
        assert_eq!(b.h1_plan_ratio().unwrap().round_dp(4), dec!(0.4609));
        assert_eq!(b.depth("办公设备购置"), 1);
        assert_eq!(b.leaves().count(), 3);
    }

    #[test]
    fn adjusted_income_must_balance_the_budget_lines() {
        // +9 on the appropriation: the lines (735.55) no longer hold the full-year
        // budget (744.55), so every execution rate would be measured against the wrong
        // figure.
        let mut b = seed_budget();
        b.income[0].adjusted = Some(dec!(713.36));
        let msgs: Vec<String> = b.check().into_iter().map(|c| c.message.en()).collect();
        assert_eq!(
            msgs,
            vec!["expenditure lines add up to 735.55 万元 but the full-year (adjusted) income is 744.55 万元 (difference -9.00)".to_string()]
        );
        // The lines updated to the adjusted budget: balanced.
        b.lines[0].budget += dec!(9);
        assert!(b.check().is_empty(), "{:?}", b.check());
    }

    #[test]
    fn funds_by_source_sum_the_sources_of_each_kind() {
        let mut b = seed_budget();
        b.income.push(IncomeSource {
            name: "政府性基金".into(),
            amount: dec!(0),
            adjusted: Some(dec!(10)),
        });
        b.income[1].adjusted = Some(dec!(35.99));
        let rows = b.funds_by_source();
        let got: Vec<(FundSource, Decimal, Decimal)> = rows
            .iter()
            .map(|r| (r.source, r.initial, r.full_year))
            .collect();
        assert_eq!(
            got,
            vec![
                // The stated total; adjusted by +10 (政府性基金) and +6 (结转).
                (FundSource::Total, dec!(735.55), dec!(751.55)),
                (FundSource::Appropriation, dec!(704.36), dec!(714.36)),
                (FundSource::CarriedOver, dec!(29.99), dec!(35.99)),
                (FundSource::Other, dec!(1.2), dec!(1.2)),
            ]
        );
        // Without income: the lines' budget, nothing split.
        b.income.clear();
        b.income_total = None;
        assert_eq!(b.funds_by_source()[0].full_year, dec!(735.55));
        assert_eq!(b.funds_by_source()[1].initial, dec!(0));
    }

    #[test]
    fn imbalances_are_reported() {
        let mut b = seed_budget();
        b.lines[3].budget = dec!(27.99);
        let checks = b.check();
        assert!(
            checks
                .iter()
                .any(|c| c.message.en().contains("add up to 143.99, not 142.99")),
            "{checks:?}"
        );
        b = seed_budget();
        b.income[2].amount = dec!(1.3);
        let checks = b.check();
        assert!(
            checks.iter().any(|c| c.message.en().contains("735.65")),
            "{checks:?}"
        );
        b = seed_budget();
        b.lines[0].budget = dec!(600);
        let checks = b.check();
        assert!(
            checks
                .iter()
                .any(|c| c.message.en().contains("742.99") && c.message.en().contains("735.55")),
            "{checks:?}"
        );
    }
}
