//! Budget lines (支出) with parent/child structure, half-year plan and full-year
//! budget, and income by source (收入). Amounts are 万元, exact decimals.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::check::Check;
use crate::lookup::{GroupIndex, NameIndex};

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
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
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

impl Budget {
    /// The first line with this name: a hash lookup.
    pub fn line(&self, name: &str) -> Option<&BudgetLine> {
        let lines = &self.lines;
        self.lookup
            .by_name
            .find(name, lines.len(), |p| lines.get(p).map(|l| l.name.as_str()))
            .map(|p| &lines[p])
    }

    pub fn top_level(&self) -> impl Iterator<Item = &BudgetLine> {
        self.lines.iter().filter(|l| l.parent.is_none())
    }

    /// The lines whose parent is `name`, in order: a hash lookup.
    pub fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a BudgetLine> + 'a {
        let lines = &self.lines;
        self.lookup
            .by_parent
            .all(name, lines.len(), |p| {
                lines.get(p).and_then(|l| l.parent.as_deref())
            })
            .into_iter()
            .map(move |p| &lines[p])
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
        let mut seen = std::collections::HashSet::with_capacity(self.lines.len());
        for l in &self.lines {
            if !seen.insert(l.name.as_str()) {
                out.push(Check::error(
                    Some(&l.name),
                    format!("budget line `{}` is listed twice", l.name),
                    "give each line a distinct name, or merge the two rows",
                ));
            }
            if let Some(p) = &l.parent {
                if self.line(p).is_none() {
                    out.push(Check::error(
                        Some(&l.name),
                        format!(
                            "budget line `{}` names parent `{p}`, which is not a line",
                            l.name
                        ),
                        "add the parent line, or correct or clear the parent column",
                    ));
                }
            }
            if self.depth(&l.name) > self.lines.len() {
                out.push(Check::error(
                    Some(&l.name),
                    format!("budget line `{}` is its own ancestor", l.name),
                    "correct the parent column so that the lines form a tree",
                ));
            }
            if l.budget < Decimal::ZERO || l.h1_plan < Decimal::ZERO {
                out.push(Check::error(
                    Some(&l.name),
                    format!("budget line `{}` has a negative amount", l.name),
                    "amounts are 万元 and cannot be negative",
                ));
            }
            if l.h1_plan > l.budget {
                out.push(Check::warning(
                    Some(&l.name),
                    format!(
                        "budget line `{}`: half-year plan {} exceeds the full-year budget {}",
                        l.name, l.h1_plan, l.budget
                    ),
                    "check that the two columns are not swapped",
                ));
            }
        }
        for parent in &self.lines {
            let kids: Vec<_> = self.children(&parent.name).collect();
            if kids.is_empty() {
                continue;
            }
            let budget: Decimal = kids.iter().map(|k| k.budget).sum();
            let plan: Decimal = kids.iter().map(|k| k.h1_plan).sum();
            let names = kids
                .iter()
                .map(|k| k.name.as_str())
                .collect::<Vec<_>>()
                .join(" + ");
            if budget != parent.budget {
                out.push(Check::error(
                    Some(&parent.name),
                    format!(
                        "full-year budgets of the children of `{}` ({names}) add up to {budget}, not {}",
                        parent.name, parent.budget
                    ),
                    "correct the amounts so that the children add up to their parent",
                ));
            }
            if plan != parent.h1_plan {
                out.push(Check::error(
                    Some(&parent.name),
                    format!(
                        "half-year plans of the children of `{}` ({names}) add up to {plan}, not {}",
                        parent.name, parent.h1_plan
                    ),
                    "correct the amounts so that the children add up to their parent",
                ));
            }
        }
        if !self.lines.is_empty() {
            let expenditure = self.total_budget();
            let income = self.income_total();
            if (self.income_total.is_some() || !self.income.is_empty()) && expenditure != income {
                out.push(Check::error(
                    None,
                    format!(
                        "expenditure lines add up to {expenditure} 万元 but income is {income} 万元 (difference {})",
                        expenditure - income
                    ),
                    "the budget must balance: correct a line or an income source",
                ).in_part(crate::check::Part::Income));
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
                    out.push(Check::error(
                        None,
                        format!("income sources ({names}) add up to {sum} 万元, not the stated total {total}"),
                        "correct a source or the total (资金总额)",
                    ).in_part(crate::check::Part::Income));
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
                },
                IncomeSource {
                    name: "上年结转资金".into(),
                    amount: dec!(29.99),
                },
                IncomeSource {
                    name: "其他资金".into(),
                    amount: dec!(1.2),
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
    fn imbalances_are_reported() {
        let mut b = seed_budget();
        b.lines[3].budget = dec!(27.99);
        let checks = b.check();
        assert!(
            checks
                .iter()
                .any(|c| c.message.contains("add up to 143.99, not 142.99")),
            "{checks:?}"
        );
        b = seed_budget();
        b.income[2].amount = dec!(1.3);
        let checks = b.check();
        assert!(
            checks.iter().any(|c| c.message.contains("735.65")),
            "{checks:?}"
        );
        b = seed_budget();
        b.lines[0].budget = dec!(600);
        let checks = b.check();
        assert!(
            checks
                .iter()
                .any(|c| c.message.contains("742.99") && c.message.contains("735.55")),
            "{checks:?}"
        );
    }
}
