//! Targets as published: a comparator, an exact decimal and a unit (`≥3个`, `=46%`,
//! `≤0%`), a qualitative word (`健全`), or "not applicable" (`/`).
//!
//! Parsing keeps the value as written (46 for `46%`) so that a target reads back
//! exactly as it was written; [`Target::threshold`] gives the value to compute with
//! (0.46 for `46%`).

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// How an actual is compared with a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Comparator {
    /// `=`: equal (scored as ≥ when the target is above zero).
    Eq,
    /// `≥`
    Ge,
    /// `≤`
    Le,
    /// `>`
    Gt,
    /// `<`
    Lt,
}

impl Comparator {
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::Eq => "=",
            Comparator::Ge => "≥",
            Comparator::Le => "≤",
            Comparator::Gt => ">",
            Comparator::Lt => "<",
        }
    }

    /// Recognise a comparator at the start of `s`: the ASCII and mathematical forms,
    /// the variants seen in published tables (≧ ≦ ═ ﹦), full-width forms (＝ ＞ ＜) and
    /// the two-character spellings `>=` and `<=`. Returns the comparator and the
    /// number of bytes it took.
    pub fn parse_prefix(s: &str) -> Option<(Comparator, usize)> {
        for (text, cmp) in [
            (">=", Comparator::Ge),
            ("<=", Comparator::Le),
            ("＞＝", Comparator::Ge),
            ("＜＝", Comparator::Le),
        ] {
            if s.starts_with(text) {
                return Some((cmp, text.len()));
            }
        }
        let c = s.chars().next()?;
        let cmp = match c {
            '=' | '═' | '﹦' | '＝' | '⩵' => Comparator::Eq,
            '≥' | '≧' | '⩾' => Comparator::Ge,
            '≤' | '≦' | '⩽' => Comparator::Le,
            '>' | '＞' => Comparator::Gt,
            '<' | '＜' => Comparator::Lt,
            _ => return None,
        };
        Some((cmp, c.len_utf8()))
    }

    /// Which way is better for an actual measured against this comparator.
    pub fn direction(self, threshold: Decimal) -> Direction {
        match self {
            Comparator::Ge | Comparator::Gt => Direction::HigherIsBetter,
            Comparator::Le | Comparator::Lt => Direction::LowerIsBetter,
            Comparator::Eq if threshold.is_zero() => Direction::LowerIsBetter,
            Comparator::Eq => Direction::HigherIsBetter,
        }
    }

    /// Whether `actual` satisfies `actual <cmp> target`. An `=` target above zero is
    /// met when reached (100 % execution that ends at 100 % is met; the rules score `=`
    /// as `≥`); an `=0` target is met at or below zero.
    pub fn is_met(self, actual: Decimal, target: Decimal) -> bool {
        match self {
            Comparator::Ge => actual >= target,
            Comparator::Gt => actual > target,
            Comparator::Le => actual <= target,
            Comparator::Lt => actual < target,
            Comparator::Eq if target.is_zero() => actual <= target,
            Comparator::Eq => actual >= target,
        }
    }
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

/// The unit a quantitative target is written in: `%`, `个`, `次`, `人次`, `台/辆`, `万元` …
/// An empty unit is allowed (a bare count).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Unit(String);

impl Unit {
    pub const PERCENT: &'static str = "%";

    pub fn new(text: &str) -> Unit {
        let t = text.trim();
        if t == "％" || t == "%" {
            Unit(Self::PERCENT.to_string())
        } else {
            Unit(t.to_string())
        }
    }

    pub fn percent() -> Unit {
        Unit(Self::PERCENT.to_string())
    }

    pub fn is_percent(&self) -> bool {
        self.0 == Self::PERCENT
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The qualitative target words in the rules and seen in published tables.
pub const QUALITATIVE_WORDS: &[&str] = &[
    "健全", "合理", "明确", "科学", "规范", "合规", "有效", "公开", "完善", "及时", "准确", "完整",
    "到位", "达标", "合格", "良好", "显著", "提升", "提高", "满意", "达成", "优秀", "安全", "稳定",
    "持续", "公正", "透明", "充分", "清晰", "可控",
];

/// A target.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// A comparator, a value as written and a unit: `≥3个`, `=46%`.
    Quantitative {
        cmp: Comparator,
        /// The value as written: 46 for `46%`.
        value: Decimal,
        unit: Unit,
        /// False when the source had a bare number and the comparator was inferred.
        explicit: bool,
    },
    /// A qualitative word: `健全`, `规范`.
    Qualitative(String),
    /// `/`, `—` or an empty cell: no target for this period.
    NotApplicable,
}

/// Why a target could not be read: a message, the character offset in the text where
/// the problem starts, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetParseError {
    /// Character (not byte) offset into the trimmed-of-nothing input text.
    pub offset: usize,
    /// Length of the offending part, in characters (at least 1).
    pub len: usize,
    pub message: String,
    pub help: String,
}

impl fmt::Display for TargetParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.help)
    }
}

impl std::error::Error for TargetParseError {}

/// A target read from text, with the warnings the reading produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedTarget {
    pub target: Target,
    /// E.g. "no comparator: read `100` as `≥100`".
    pub warnings: Vec<String>,
}

fn is_unit_char(c: char) -> bool {
    !c.is_ascii_digit() && !c.is_whitespace() && !matches!(c, '.' | '．' | '０'..='９')
}

/// Parse an exact decimal written with ASCII or full-width digits, optional sign,
/// optional thousands separators `,`. Returns the value and the number of bytes taken.
pub fn parse_decimal_prefix(s: &str) -> Option<(Decimal, usize)> {
    let mut text = String::new();
    let mut end = 0;
    let mut seen_digit = false;
    let mut seen_point = false;
    let mut last_len = 0;
    for (i, c) in s.char_indices() {
        let c2 = match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '－' | '−' => '-',
            '＋' => '+',
            other => other,
        };
        match c2 {
            '0'..='9' => {
                seen_digit = true;
                text.push(c2);
            }
            '.' if !seen_point && seen_digit => {
                seen_point = true;
                text.push('.');
            }
            '-' | '+' if i == 0 => text.push(c2),
            ',' if seen_digit && !seen_point => {}
            _ => break,
        }
        end = i + c.len_utf8();
        last_len = c.len_utf8();
    }
    if !seen_digit {
        return None;
    }
    if text.ends_with('.') {
        text.pop();
        // Leave the trailing point (`.` or full-width `．`) unconsumed so that `3.个`
        // reports it as part of the unit.
        end -= last_len;
    }
    Decimal::from_str_exact(&text)
        .ok()
        .filter(|d| d.abs() < max_magnitude() && d.scale() <= MAX_DECIMALS)
        .map(|d| (d, end))
}

/// The most decimals accepted from a file. With [`max_magnitude`] this keeps every
/// quotient of two figures (10¹⁵ ÷ 10⁻¹⁰) far inside what exact decimals can hold.
pub const MAX_DECIMALS: u32 = 10;

/// The largest magnitude accepted from a file (10¹⁵): far above any budget in 万元,
/// far below where exact decimal arithmetic could overflow.
fn max_magnitude() -> Decimal {
    Decimal::from(1_000_000_000_000_000u64)
}

/// Parse a whole cell as an exact decimal (ASCII or full-width digits, optional sign
/// and thousands separators); `None` for anything else or an implausibly large value.
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    let t = text.trim();
    match parse_decimal_prefix(t) {
        Some((d, n)) if n == t.len() => Some(d),
        _ => None,
    }
}

fn char_offset(s: &str, byte: usize) -> usize {
    s[..byte].chars().count()
}

impl Target {
    /// Parse a target cell. White space around and inside (`≥ 3 个`) is allowed.
    ///
    /// A bare number without comparator is read as `≥` for counts and `=` for rates
    /// (DOMAIN.md §1), with a warning.
    pub fn parse(text: &str) -> Result<ParsedTarget, TargetParseError> {
        let lead = text.len() - text.trim_start().len();
        let t = text.trim();
        let ok = |target| {
            Ok(ParsedTarget {
                target,
                warnings: Vec::new(),
            })
        };
        if t.is_empty() || matches!(t, "/" | "／" | "—" | "-" | "——" | "无" | "N/A" | "n/a")
        {
            return ok(Target::NotApplicable);
        }
        let (cmp, rest_start) = match Comparator::parse_prefix(t) {
            Some((cmp, n)) => (Some(cmp), n),
            None => (None, 0),
        };
        let rest = &t[rest_start..];
        let rest_trimmed = rest.trim_start();
        let num_start = rest_start + (rest.len() - rest_trimmed.len());
        match parse_decimal_prefix(rest_trimmed) {
            Some((value, n)) => {
                let unit_text = rest_trimmed[n..].trim();
                let unit_start = num_start
                    + n
                    + (rest_trimmed[n..].len() - rest_trimmed[n..].trim_start().len());
                if let Some(bad) = unit_text.chars().position(|c| !is_unit_char(c) && c != ' ') {
                    let at = lead + char_offset(t, unit_start) + bad;
                    return Err(TargetParseError {
                        offset: at,
                        len: 1,
                        message: format!(
                            "unexpected `{}` in the unit `{unit_text}`",
                            unit_text.chars().nth(bad).unwrap_or(' ')
                        ),
                        help: "write one number and then the unit, e.g. `≥3个` or `=46%`".into(),
                    });
                }
                let unit = Unit::new(unit_text);
                let mut warnings = Vec::new();
                let cmp = match cmp {
                    Some(c) => c,
                    None => {
                        let inferred = if unit.is_percent() {
                            Comparator::Eq
                        } else {
                            Comparator::Ge
                        };
                        warnings.push(format!(
                            "`{t}` has no comparator: read as `{}{t}` ({}); write the comparator to make it explicit",
                            inferred.symbol(),
                            if unit.is_percent() { "a rate: =" } else { "a count: ≥" }
                        ));
                        inferred
                    }
                };
                Ok(ParsedTarget {
                    target: Target::Quantitative {
                        cmp,
                        value,
                        unit,
                        explicit: warnings.is_empty(),
                    },
                    warnings,
                })
            }
            None => {
                if cmp.is_none() && !rest_trimmed.chars().any(|c| c.is_ascii_digit()) {
                    // A word: qualitative.
                    let mut warnings = Vec::new();
                    if !QUALITATIVE_WORDS.contains(&t) {
                        warnings.push(format!(
                            "`{t}` is not one of the usual qualitative targets ({}); it is read as a qualitative target",
                            QUALITATIVE_WORDS[..9].join(" ")
                        ));
                    }
                    return Ok(ParsedTarget {
                        target: Target::Qualitative(t.to_string()),
                        warnings,
                    });
                }
                let at = lead + char_offset(t, num_start);
                let found: String = rest_trimmed
                    .chars()
                    .take_while(|c| !c.is_whitespace())
                    .collect();
                Err(TargetParseError {
                    offset: at,
                    len: found.chars().count().max(1),
                    message: if found.is_empty() {
                        format!("`{t}` has a comparator but no number")
                    } else {
                        format!(
                            "expected a number after `{}`, found `{found}`",
                            cmp.map(|c| c.symbol()).unwrap_or("")
                        )
                    },
                    help: "write the value in digits followed by the unit, e.g. `≥3个` or `=46%`"
                        .into(),
                })
            }
        }
    }

    /// The value to compute with: the written value, divided by 100 for a percentage.
    pub fn threshold(&self) -> Option<Decimal> {
        match self {
            Target::Quantitative { value, unit, .. } => Some(if unit.is_percent() {
                *value / Decimal::ONE_HUNDRED
            } else {
                *value
            }),
            _ => None,
        }
    }

    pub fn comparator(&self) -> Option<Comparator> {
        match self {
            Target::Quantitative { cmp, .. } => Some(*cmp),
            _ => None,
        }
    }

    pub fn unit(&self) -> Option<&Unit> {
        match self {
            Target::Quantitative { unit, .. } => Some(unit),
            _ => None,
        }
    }

    pub fn is_percent(&self) -> bool {
        self.unit().is_some_and(Unit::is_percent)
    }

    pub fn is_qualitative(&self) -> bool {
        matches!(self, Target::Qualitative(_))
    }

    pub fn is_applicable(&self) -> bool {
        !matches!(self, Target::NotApplicable)
    }

    /// Higher, lower or (for qualitative) none.
    pub fn direction(&self) -> Option<Direction> {
        match self {
            Target::Quantitative { cmp, .. } => self.threshold().map(|t| cmp.direction(t)),
            _ => None,
        }
    }
}

impl fmt::Display for Target {
    /// Writes the target as a table would: `≥3个`, `=46%`, `健全`, `/`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Quantitative {
                cmp, value, unit, ..
            } => {
                write!(f, "{}{}{}", cmp.symbol(), value, unit)
            }
            Target::Qualitative(w) => f.write_str(w),
            Target::NotApplicable => f.write_str("/"),
        }
    }
}

impl FromStr for Target {
    type Err = TargetParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Target::parse(s).map(|p| p.target)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn q(s: &str) -> (Comparator, Decimal, String) {
        match Target::parse(s).unwrap().target {
            Target::Quantitative {
                cmp, value, unit, ..
            } => (cmp, value, unit.0),
            other => panic!("{s}: {other:?}"),
        }
    }

    #[test]
    fn comparators_in_all_spellings() {
        assert_eq!(q("=46%"), (Comparator::Eq, dec!(46), "%".into()));
        assert_eq!(q("═46％"), (Comparator::Eq, dec!(46), "%".into()));
        assert_eq!(q("﹦100%"), (Comparator::Eq, dec!(100), "%".into()));
        assert_eq!(q("≧3个"), (Comparator::Ge, dec!(3), "个".into()));
        assert_eq!(q(">=3个"), (Comparator::Ge, dec!(3), "个".into()));
        assert_eq!(q("≤0%"), (Comparator::Le, dec!(0), "%".into()));
        assert_eq!(q("＜5次"), (Comparator::Lt, dec!(5), "次".into()));
        assert_eq!(q(" ≥ 6 台/辆 "), (Comparator::Ge, dec!(6), "台/辆".into()));
        assert_eq!(q("≥１５人次"), (Comparator::Ge, dec!(15), "人次".into()));
        assert_eq!(
            q("≤12.50万元"),
            (Comparator::Le, dec!(12.50), "万元".into())
        );
    }

    #[test]
    fn decimals_are_exact_and_bounded() {
        assert_eq!(parse_decimal(" 592.56 "), Some(dec!(592.56)));
        assert_eq!(parse_decimal("1,234.50"), Some(dec!(1234.50)));
        assert_eq!(parse_decimal("１２.５"), Some(dec!(12.5)));
        assert_eq!(parse_decimal("12.5万"), None);
        // A trailing full-width point is left unconsumed (3 bytes), not split.
        assert_eq!(parse_decimal_prefix("3．个"), Some((dec!(3), 1)));
        assert!(Target::parse("≥8．个").is_err());
        assert_eq!(parse_decimal("3．"), None);
        assert_eq!(parse_decimal("0.0000000001"), Some(dec!(0.0000000001)));
        assert_eq!(parse_decimal("0.00000000001"), None);
        assert_eq!(parse_decimal("99999999999999999999"), None);
        assert_eq!(parse_decimal(""), None);
    }

    #[test]
    fn display_round_trips() {
        for s in [
            "=46%",
            "≥3个",
            "≤0%",
            "≥6台/辆",
            "≥20人次",
            "=100%",
            "健全",
            "/",
            "≤12.50万元",
            ">0次",
        ] {
            assert_eq!(Target::parse(s).unwrap().target.to_string(), s);
        }
    }

    #[test]
    fn bare_numbers_are_inferred_with_a_warning() {
        let p = Target::parse("90%").unwrap();
        assert_eq!(p.target.comparator(), Some(Comparator::Eq));
        assert_eq!(p.warnings.len(), 1);
        let p = Target::parse("1").unwrap();
        assert_eq!(p.target.comparator(), Some(Comparator::Ge));
        assert!(p.warnings[0].contains("≥"));
    }

    #[test]
    fn malformed_targets_point_at_the_problem() {
        let e = Target::parse("≥三个").unwrap_err();
        assert_eq!(e.offset, 1);
        assert!(e.message.contains("三个"), "{}", e.message);
        let e = Target::parse("=abc%").unwrap_err();
        assert_eq!(e.offset, 1);
        let e = Target::parse("≥").unwrap_err();
        assert!(e.message.contains("no number"));
        let e = Target::parse("≥3个5").unwrap_err();
        assert_eq!(e.offset, 3);
    }

    #[test]
    fn thresholds_and_direction() {
        let t: Target = "=46%".parse().unwrap();
        assert_eq!(t.threshold(), Some(dec!(0.46)));
        assert_eq!(t.direction(), Some(Direction::HigherIsBetter));
        let t: Target = "=0%".parse().unwrap();
        assert_eq!(t.direction(), Some(Direction::LowerIsBetter));
        let t: Target = "≤100%".parse().unwrap();
        assert_eq!(t.direction(), Some(Direction::LowerIsBetter));
        assert!(Comparator::Eq.is_met(dec!(1), dec!(1)));
        assert!(Comparator::Eq.is_met(dec!(0), dec!(0)));
        assert!(!Comparator::Eq.is_met(dec!(0.01), dec!(0)));
    }

    #[test]
    fn qualitative_and_not_applicable() {
        assert_eq!(
            "健全".parse::<Target>().unwrap(),
            Target::Qualitative("健全".into())
        );
        assert!(Target::parse("健全").unwrap().warnings.is_empty());
        assert_eq!(Target::parse("较好").unwrap().warnings.len(), 1);
        assert_eq!("/".parse::<Target>().unwrap(), Target::NotApplicable);
        assert_eq!("".parse::<Target>().unwrap(), Target::NotApplicable);
    }
}
