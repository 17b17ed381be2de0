//! The indicator hierarchy: 一级 → 二级 → (重点工作) → 三级, each 三级 indicator with
//! its half-year and full-year target, weight (分值) and measure.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::target::{Target, Unit};

/// The first-level blocks of a target table. Names seen in tables carry a `指标`
/// suffix (`效益指标`) or a weight (`产出指标(50分)`); [`Level1::from_label`] strips both.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Level1 {
    /// 决策
    Decision,
    /// 过程
    Process,
    /// 履职 (department-overall tables; outputs)
    Duty,
    /// 产出 (project tables; outputs)
    Output,
    /// 效益
    Benefit,
    /// 满意度
    Satisfaction,
    /// Any other block name, kept as written.
    Other(String),
}

impl Level1 {
    pub const KNOWN: [Level1; 6] = [
        Level1::Decision,
        Level1::Process,
        Level1::Duty,
        Level1::Output,
        Level1::Benefit,
        Level1::Satisfaction,
    ];

    pub fn name(&self) -> &str {
        match self {
            Level1::Decision => "决策",
            Level1::Process => "过程",
            Level1::Duty => "履职",
            Level1::Output => "产出",
            Level1::Benefit => "效益",
            Level1::Satisfaction => "满意度",
            Level1::Other(s) => s,
        }
    }

    pub fn english(&self) -> &str {
        match self {
            Level1::Decision => "Decision-making",
            Level1::Process => "Process",
            Level1::Duty => "Duties",
            Level1::Output => "Outputs",
            Level1::Benefit => "Benefits",
            Level1::Satisfaction => "Satisfaction",
            Level1::Other(s) => s,
        }
    }

    /// The prefix of generated indicator ids.
    pub fn id_prefix(&self) -> &'static str {
        match self {
            Level1::Decision => "DEC",
            Level1::Process => "PRO",
            Level1::Duty => "DUT",
            Level1::Output => "OUT",
            Level1::Benefit => "BEN",
            Level1::Satisfaction => "SAT",
            Level1::Other(_) => "IND",
        }
    }

    /// Strip decorations (`[产出指标](50分)`, `效益指标`, `满意度指标（10分）`) and
    /// recognise a known block. Returns `None` for an empty label.
    pub fn from_label(label: &str) -> Option<Level1> {
        let core = strip_decorations(label);
        if core.is_empty() {
            return None;
        }
        let bare = core.strip_suffix("指标").unwrap_or(&core);
        Some(
            Level1::KNOWN
                .iter()
                .find(|l| l.name() == bare)
                .cloned()
                .or(match bare {
                    "服务对象满意度" => Some(Level1::Satisfaction),
                    _ => None,
                })
                .unwrap_or_else(|| Level1::Other(core.to_string())),
        )
    }

    /// True when `label` names a known block (so a row starting with it opens a block).
    pub fn is_known_label(label: &str) -> bool {
        !matches!(Level1::from_label(label), None | Some(Level1::Other(_)))
    }
}

/// Remove brackets and a parenthesised weight: `[产出指标](50分)` → `产出指标`.
fn strip_decorations(label: &str) -> String {
    let mut s = label.trim().to_string();
    for (open, close) in [('(', ')'), ('（', '）')] {
        if let (Some(a), Some(b)) = (s.rfind(open), s.rfind(close)) {
            if a < b && b + close.len_utf8() == s.len() && s[a..].contains('分') {
                s.truncate(a);
            }
        }
    }
    s.trim()
        .trim_start_matches(['[', '【'])
        .trim_end_matches([']', '】'])
        .trim()
        .to_string()
}

impl fmt::Display for Level1 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How the actual of an indicator is obtained from the monthly actuals.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Measure {
    /// 预算执行率: cumulative spending ÷ full-year budget, of the total (`None`) or of
    /// one budget line.
    Execution { line: Option<String> },
    /// A count: the sum of the monthly values.
    Sum,
    /// A level reported each month (a rate): the latest one.
    Latest,
    /// A qualitative judgement: the latest grade word.
    Grade,
}

impl Measure {
    /// The default measure of an indicator: `execution` for 预算执行率, `grade` for a
    /// qualitative target, `latest` for a rate, a ratio or a date, `sum` for a count.
    pub fn infer(name: &str, full_year: &Target) -> Measure {
        if name.contains("预算执行率") {
            return Measure::Execution { line: None };
        }
        match full_year {
            Target::Qualitative(_) => Measure::Grade,
            Target::Quantitative { unit, .. } if unit.is_percent() => Measure::Latest,
            // A ratio or a date is a level, never a count.
            t if t.is_ratio() || t.is_date() => Measure::Latest,
            Target::Quantitative { .. } => Measure::Sum,
            Target::NotApplicable => Measure::Latest,
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Measure::Execution { .. } => "execution",
            Measure::Sum => "sum",
            Measure::Latest => "latest",
            Measure::Grade => "grade",
        }
    }
}

impl fmt::Display for Measure {
    /// `execution`, `execution:项目支出`, `sum`, `latest`, `grade`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Measure::Execution { line: Some(l) } => write!(f, "execution:{l}"),
            other => f.write_str(other.kind()),
        }
    }
}

impl FromStr for Measure {
    type Err = crate::msg::Msg;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let (head, arg) = match s.split_once([':', '：']) {
            Some((h, a)) => (h.trim(), Some(a.trim())),
            None => (s, None),
        };
        let m = match (head, arg) {
            ("execution" | "执行率", None) => Measure::Execution { line: None },
            ("execution" | "执行率", Some(l)) if !l.is_empty() => Measure::Execution {
                line: Some(l.to_string()),
            },
            ("sum" | "累计", None) => Measure::Sum,
            ("latest" | "最新", None) => Measure::Latest,
            ("grade" | "定性", None) => Measure::Grade,
            _ => return Err(crate::msg::indicator::not_a_measure(s)),
        };
        Ok(m)
    }
}

impl Serialize for Measure {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A stable indicator id such as `PRO-03`. Generated on import, then kept in
/// targets.csv: editing names or order there does not change it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct IndicatorId(pub String);

impl fmt::Display for IndicatorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A 三级 indicator with its place in the hierarchy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicator {
    pub id: IndicatorId,
    pub level1: Level1,
    pub level2: String,
    /// 重点工作, where the table has that column.
    pub key_work: Option<String>,
    pub name: String,
    pub h1: Target,
    pub fy: Target,
    /// 分值
    pub weight: Decimal,
    pub measure: Measure,
    /// How the indicator is scored (评分规则); `None` for the default of its target
    /// (see [`crate::scoring::default_rule`]).
    pub rule: Option<crate::rule::Rule>,
}

impl Indicator {
    pub fn target(&self, period: crate::Period) -> &Target {
        match period {
            crate::Period::H1 => &self.h1,
            crate::Period::FullYear => &self.fy,
        }
    }

    /// The target in force at the end of month `m`: the half-year one through June
    /// (when it applies), the full-year one after.
    pub fn target_in_force(&self, m: crate::Month) -> &Target {
        if m.number() <= 6 && self.h1.is_applicable() {
            &self.h1
        } else {
            &self.fy
        }
    }

    /// The unit actuals of this indicator are written in (the full-year target's, else
    /// the half-year's).
    pub fn unit(&self) -> Option<&Unit> {
        self.fy.unit().or_else(|| self.h1.unit())
    }

    pub fn is_percent(&self) -> bool {
        matches!(self.measure, Measure::Execution { .. })
            || self.unit().is_some_and(Unit::is_percent)
    }
}

/// Generate ids `PRO-01`, `PRO-02` … in order of appearance within each block.
pub fn generate_ids<'a>(level1s: impl IntoIterator<Item = &'a Level1>) -> Vec<IndicatorId> {
    let mut counts: Vec<(&'a Level1, u32)> = Vec::new();
    level1s
        .into_iter()
        .map(|l| {
            let n = match counts.iter_mut().find(|(k, _)| *k == l) {
                Some((_, n)) => {
                    *n += 1;
                    *n
                }
                None => {
                    counts.push((l, 1));
                    1
                }
            };
            IndicatorId(format!("{}-{:02}", l.id_prefix(), n))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level1_labels() {
        assert_eq!(Level1::from_label("效益指标"), Some(Level1::Benefit));
        assert_eq!(Level1::from_label("[产出指标](50分)"), Some(Level1::Output));
        assert_eq!(
            Level1::from_label("满意度指标(10分)"),
            Some(Level1::Satisfaction)
        );
        assert_eq!(
            Level1::from_label("满意度指标（10分）"),
            Some(Level1::Satisfaction)
        );
        assert_eq!(Level1::from_label("过程"), Some(Level1::Process));
        assert_eq!(Level1::from_label(""), None);
        assert!(!Level1::is_known_label("预算执行"));
    }

    #[test]
    fn measures() {
        let t = |s: &str| s.parse::<Target>().unwrap();
        assert_eq!(
            Measure::infer("预算执行率", &t("=100%")),
            Measure::Execution { line: None }
        );
        assert_eq!(Measure::infer("出访团组个数", &t("≥3个")), Measure::Sum);
        assert_eq!(Measure::infer("设备完好率", &t("=100%")), Measure::Latest);
        assert_eq!(Measure::infer("预算编制科学性", &t("科学")), Measure::Grade);
        for m in ["execution", "execution:项目支出", "sum", "latest", "grade"] {
            assert_eq!(m.parse::<Measure>().unwrap().to_string(), m);
        }
        assert!("average".parse::<Measure>().is_err());
    }

    #[test]
    fn ids() {
        let ls = [
            Level1::Decision,
            Level1::Decision,
            Level1::Process,
            Level1::Decision,
        ];
        let ids: Vec<_> = generate_ids(&ls).into_iter().map(|i| i.0).collect();
        assert_eq!(ids, ["DEC-01", "DEC-02", "PRO-01", "DEC-03"]);
    }
}
