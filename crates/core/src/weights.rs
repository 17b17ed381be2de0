//! Default weights (分值) and exact splitting of points.
//!
//! Weights are data: the defaults below only fill a freshly imported targets.csv,
//! which the user may then edit. They follow DOMAIN.md §3 (department-overall
//! default, an assumption since Jiangsu publishes none): 决策 10, 过程 20 (of which
//! 预算执行率 10), 履职 40, 效益 20, 满意度 10, split equally within each block, in
//! cents, so that the total is exactly 100.00.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::indicator::{Indicator, Level1, Measure};

/// Points of one first-level block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockWeight {
    /// The block name as in the table (决策, 过程, 履职, 产出, 效益, 满意度 …).
    pub block: String,
    #[serde(with = "crate::dec_serde")]
    pub points: Decimal,
}

/// The weight profile used when a targets file has no weights.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeightProfile {
    pub blocks: Vec<BlockWeight>,
    /// Points of the total 预算执行率 indicator, taken from its block's points.
    #[serde(with = "crate::dec_serde")]
    pub execution: Decimal,
    /// Points a block not listed in `blocks` gets before rescaling to 100.
    #[serde(with = "crate::dec_serde")]
    pub other_block: Decimal,
}

impl Default for WeightProfile {
    /// The department-overall (部门整体) profile.
    fn default() -> Self {
        WeightProfile::department()
    }
}

fn block(block: &str, points: i64) -> BlockWeight {
    BlockWeight {
        block: block.to_string(),
        points: Decimal::from(points),
    }
}

impl WeightProfile {
    /// Department-overall tables (DOMAIN.md §3, an assumption): 决策 10, 过程 20 (of
    /// which 预算执行率 10), 履职 40, 效益 20, 满意度 10. An output block named 产出
    /// takes 履职's 40.
    pub fn department() -> WeightProfile {
        WeightProfile {
            blocks: vec![
                block("决策", 10),
                block("过程", 20),
                block("履职", 40),
                block("产出", 40),
                block("效益", 20),
                block("满意度", 10),
            ],
            execution: Decimal::TEN,
            other_block: Decimal::TEN,
        }
    }

    /// Project tables (财预〔2020〕10号, printed on published tables): 产出 50, 效益 30,
    /// 满意度 10, 预算执行率 10.
    pub fn project() -> WeightProfile {
        WeightProfile {
            blocks: vec![
                block("产出", 50),
                block("效益", 30),
                block("满意度", 10),
                block("过程", 10),
            ],
            execution: Decimal::TEN,
            other_block: Decimal::TEN,
        }
    }

    /// The profile for a table with these blocks: a project profile when it has
    /// neither 决策 nor 过程 nor 履职, else the department profile.
    pub fn for_blocks<'a>(blocks: impl IntoIterator<Item = &'a Level1>) -> WeightProfile {
        let department = blocks
            .into_iter()
            .any(|b| matches!(b, Level1::Decision | Level1::Process | Level1::Duty));
        if department {
            WeightProfile::department()
        } else {
            WeightProfile::project()
        }
    }
}

/// Split `total` into `n` parts in units of `quantum` (0.01 for cents) that add up to
/// `total` exactly; earlier parts get the extra quanta. `split(10, 3, 0.01)` is
/// `[3.34, 3.33, 3.33]`.
pub fn split(total: Decimal, n: usize, quantum: Decimal) -> Vec<Decimal> {
    if n == 0 {
        return Vec::new();
    }
    let units = (total / quantum).trunc();
    let n_dec = Decimal::from(n as u64);
    let base = (units / n_dec).trunc();
    let extra = units - base * n_dec;
    (0..n)
        .map(|i| {
            let u = if Decimal::from(i as u64) < extra {
                base + Decimal::ONE
            } else {
                base
            };
            let mut part = u * quantum;
            part.rescale(quantum.scale());
            part
        })
        .collect()
}

/// Scale `parts` so that they add up to `total` exactly in cents (largest remainder).
pub fn rescale(parts: &[Decimal], total: Decimal) -> Vec<Decimal> {
    let sum: Decimal = parts.iter().sum();
    if sum.is_zero() {
        return parts.to_vec();
    }
    let cent = Decimal::new(1, 2);
    let exact: Vec<Decimal> = parts.iter().map(|p| *p * total / sum / cent).collect();
    let mut units: Vec<Decimal> = exact.iter().map(|e| e.trunc()).collect();
    let target_units = (total / cent).trunc();
    let mut short = target_units - units.iter().sum::<Decimal>();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|&a, &b| {
        (exact[b] - units[b])
            .cmp(&(exact[a] - units[a]))
            .then(a.cmp(&b))
    });
    for &i in order.iter().cycle().take(parts.len() * 2) {
        if short <= Decimal::ZERO {
            break;
        }
        units[i] += Decimal::ONE;
        short -= Decimal::ONE;
    }
    units
        .into_iter()
        .map(|u| {
            let mut part = u * cent;
            part.rescale(2);
            part
        })
        .collect()
}

fn is_total_execution(i: &Indicator) -> bool {
    matches!(i.measure, Measure::Execution { line: None })
}

/// Default weights for `indicators`, in order, adding up to exactly 100.
pub fn default_weights(indicators: &[Indicator], profile: &WeightProfile) -> Vec<Decimal> {
    // Blocks in order of appearance, with their profile points.
    let mut blocks: Vec<&Level1> = Vec::new();
    for i in indicators {
        if !blocks.contains(&&i.level1) {
            blocks.push(&i.level1);
        }
    }
    let points: Vec<Decimal> = blocks
        .iter()
        .map(|b| {
            profile
                .blocks
                .iter()
                .find(|w| w.block == b.name())
                .map(|w| w.points)
                .unwrap_or(profile.other_block)
        })
        .collect();
    let points = rescale(&points, Decimal::ONE_HUNDRED);
    let mut weights = vec![Decimal::ZERO; indicators.len()];
    for (block, block_points) in blocks.iter().zip(points) {
        let members: Vec<usize> = (0..indicators.len())
            .filter(|&k| &indicators[k].level1 == *block)
            .collect();
        let exec = members
            .iter()
            .copied()
            .find(|&k| is_total_execution(&indicators[k]));
        let others: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&k| Some(k) != exec)
            .collect();
        let mut rest = block_points;
        if let Some(e) = exec {
            let mut w = if others.is_empty() {
                block_points
            } else {
                profile.execution.min(block_points)
            };
            w.rescale(2);
            weights[e] = w;
            rest -= w;
        }
        for (k, w) in others
            .iter()
            .zip(split(rest, others.len(), Decimal::new(1, 2)))
        {
            weights[*k] = w;
        }
    }
    weights
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn split_is_exact() {
        assert_eq!(
            split(dec!(10), 3, dec!(0.01)),
            vec![dec!(3.34), dec!(3.33), dec!(3.33)]
        );
        assert_eq!(
            split(dec!(40), 9, dec!(0.01)).iter().sum::<Decimal>(),
            dec!(40)
        );
        assert_eq!(
            split(dec!(10), 24, dec!(0.01)).iter().sum::<Decimal>(),
            dec!(10)
        );
        assert_eq!(split(dec!(20), 4, dec!(0.01)), vec![dec!(5); 4]);
        assert!(split(dec!(1), 0, dec!(0.01)).is_empty());
    }

    #[test]
    fn profiles_by_blocks() {
        let dept = [
            Level1::Decision,
            Level1::Process,
            Level1::Output,
            Level1::Benefit,
        ];
        assert_eq!(
            WeightProfile::for_blocks(&dept),
            WeightProfile::department()
        );
        let project = [Level1::Output, Level1::Benefit, Level1::Satisfaction];
        assert_eq!(
            WeightProfile::for_blocks(&project),
            WeightProfile::project()
        );
    }

    #[test]
    fn rescale_is_exact() {
        let r = rescale(&[dec!(10), dec!(20), dec!(40)], dec!(100));
        assert_eq!(r.iter().sum::<Decimal>(), dec!(100));
        assert_eq!(r, vec![dec!(14.29), dec!(28.57), dec!(57.14)]);
    }
}
