//! Actual values: a number (a count, or a rate as a fraction: 0.98 for 98 %) or a
//! qualitative grade word, and the three attainment tiers of qualitative indicators.

use std::fmt;

use rust_decimal::Decimal;
use serde::Serialize;

/// The three tiers of a qualitative judgement (DOMAIN.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tier {
    /// 未达成年度指标且效果较差: [0, 60 %) of the weight by default.
    NotAchieved,
    /// 部分达成年度指标并具有一定效果: [60 %, 80 %) by default.
    Partly,
    /// 达成年度指标: [80 %, 100 %] by default. The edges are a setting
    /// ([`crate::settings::Tiers`]).
    Achieved,
}

impl Tier {
    pub fn zh(self) -> &'static str {
        match self {
            Tier::Achieved => "达成",
            Tier::Partly => "部分达成",
            Tier::NotAchieved => "未达成",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Tier::Achieved => "achieved",
            Tier::Partly => "partly achieved",
            Tier::NotAchieved => "not achieved",
        }
    }

    /// Classify a grade word reported for an indicator whose target is `target`
    /// (e.g. `健全`): the target word itself or 达成/是/完成 is achieved; 基本 + the
    /// word, or 部分达成/基本达成, is partly; 不/未 + the word, or 未达成/否, is not;
    /// other words by the default [`Vocabulary`](crate::target::Vocabulary) (优良 is
    /// achieved, 较差 not). `None` for a word that says none of these.
    pub fn classify(word: &str, target: &str) -> Option<Tier> {
        Tier::classify_with(word, target, &crate::target::Vocabulary::default())
    }

    /// [`Tier::classify`] with a unit's own vocabulary.
    pub fn classify_with(
        word: &str,
        target: &str,
        vocabulary: &crate::target::Vocabulary,
    ) -> Option<Tier> {
        let w = word.trim();
        let t = target.trim();
        match w {
            "达成" | "已达成" | "完成" | "已完成" | "是" | "达到" => {
                return Some(Tier::Achieved)
            }
            "部分达成" | "基本达成" | "部分完成" | "基本完成" | "基本达到" => {
                return Some(Tier::Partly)
            }
            "未达成" | "未完成" | "否" | "未达到" => return Some(Tier::NotAchieved),
            _ => {}
        }
        if t.is_empty() {
            return vocabulary.tier(w);
        }
        // The word as a prefix and the target word (no text made per word).
        let prefixed = |prefix: &str| w.strip_prefix(prefix) == Some(t);
        if w == t {
            Some(Tier::Achieved)
        } else if prefixed("基本") || prefixed("较") {
            Some(Tier::Partly)
        } else if prefixed("不") || prefixed("未") || prefixed("不够") {
            Some(Tier::NotAchieved)
        } else {
            vocabulary.tier(w)
        }
    }

    /// The words accepted for a target word, best first (for error messages).
    pub fn accepted_words(target: &str) -> Vec<String> {
        vec![
            target.to_string(),
            format!("基本{target}"),
            format!("不{target}"),
            "达成".into(),
            "部分达成".into(),
            "未达成".into(),
        ]
    }
}

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.zh())
    }
}

/// An actual value as reported or derived.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Value {
    /// A count (in the indicator's unit) or a rate as a fraction (0.98 for 98 %).
    Number(Decimal),
    /// A qualitative judgement: the word as reported and its tier.
    Grade { word: String, tier: Tier },
}

impl Value {
    pub fn number(&self) -> Option<Decimal> {
        match self {
            Value::Number(d) => Some(*d),
            Value::Grade { .. } => None,
        }
    }

    pub fn tier(&self) -> Option<Tier> {
        match self {
            Value::Grade { tier, .. } => Some(*tier),
            Value::Number(_) => None,
        }
    }
}

/// `d < 0`, from its sign and mantissa (no comparison of scales; a negative zero is
/// not below zero): what the checks of settings and budgets ask of every figure.
#[inline]
pub(crate) fn below_zero(d: rust_decimal::Decimal) -> bool {
    d.is_sign_negative() && !d.is_zero()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn below_zero_is_less_than_zero() {
        use rust_decimal::Decimal;
        for (m, scale) in [
            (0i64, 0u32),
            (0, 5),
            (1, 0),
            (-1, 0),
            (-1, 28),
            (5, 2),
            (-5, 2),
        ] {
            for negative_zero in [false, true] {
                let mut d = Decimal::new(m, scale);
                if m == 0 && negative_zero {
                    d.set_sign_negative(true);
                }
                assert_eq!(below_zero(d), d < Decimal::ZERO, "{d:?}");
            }
        }
    }

    #[test]
    fn classify_words() {
        assert_eq!(Tier::classify("健全", "健全"), Some(Tier::Achieved));
        assert_eq!(Tier::classify("基本健全", "健全"), Some(Tier::Partly));
        assert_eq!(Tier::classify("不健全", "健全"), Some(Tier::NotAchieved));
        assert_eq!(Tier::classify("部分达成", "规范"), Some(Tier::Partly));
        assert_eq!(Tier::classify("未达成", "规范"), Some(Tier::NotAchieved));
        assert_eq!(Tier::classify("良好", "规范"), None);
    }
}
