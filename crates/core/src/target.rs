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

use crate::msg::target as msg;
use crate::msg::Msg;
use crate::value::Tier;

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

/// The qualitative target words in the rules and seen in published tables. Any other
/// word is read as a qualitative target too, with a warning; an importer uses this
/// list to tell a target cell from a name cell.
pub const QUALITATIVE_WORDS: &[&str] = &[
    "健全",
    "合理",
    "明确",
    "科学",
    "规范",
    "合规",
    "有效",
    "公开",
    "完善",
    "及时",
    "准确",
    "完整",
    "到位",
    "达标",
    "合格",
    "良好",
    "显著",
    "提升",
    "提高",
    "满意",
    "达成",
    "优秀",
    "安全",
    "稳定",
    "持续",
    "公正",
    "透明",
    "充分",
    "清晰",
    "可控",
    "好",
    "较好",
    "优",
    "优良",
    "高",
    "较高",
    "按时完成",
    "按期完成",
    "如期完成",
    "全面完成",
    "完成",
    "按时",
    "按期",
    "显著提升",
    "明显提升",
    "大幅提升",
    "稳步提升",
    "逐步提升",
    "持续提升",
    "有所提升",
    "显著提高",
    "明显提高",
    "逐步提高",
    "稳步提高",
    "不断提高",
    "有所提高",
    "改善",
    "明显改善",
    "有效改善",
    "逐步改善",
    "持续改善",
    "逐步完善",
    "不断完善",
    "符合要求",
    "符合标准",
    "长期",
    "长期有效",
    "保持稳定",
    "正常运行",
    "达到",
    "达到要求",
    "基本达标",
    "有所改善",
];

/// Qualitative words with the tier they report when written as an actual (and the
/// target is another word): `优良` against the target `好` is achieved, `较差` is not.
/// The target word itself, `基本`/`较` + the target and `不`/`未` + the target are
/// classified by [`crate::value::Tier::classify`] before this list is consulted.
pub const WORD_TIERS: &[(&str, Tier)] = &[
    ("好", Tier::Achieved),
    ("优", Tier::Achieved),
    ("优秀", Tier::Achieved),
    ("优良", Tier::Achieved),
    ("满意", Tier::Achieved),
    ("按时完成", Tier::Achieved),
    ("按期完成", Tier::Achieved),
    ("如期完成", Tier::Achieved),
    ("提前完成", Tier::Achieved),
    ("全面完成", Tier::Achieved),
    ("显著提升", Tier::Achieved),
    ("明显提升", Tier::Achieved),
    ("大幅提升", Tier::Achieved),
    ("显著提高", Tier::Achieved),
    ("明显提高", Tier::Achieved),
    ("显著改善", Tier::Achieved),
    ("明显改善", Tier::Achieved),
    ("达标", Tier::Achieved),
    ("合格", Tier::Achieved),
    ("较好", Tier::Partly),
    ("一般", Tier::Partly),
    ("较高", Tier::Partly),
    ("有所提升", Tier::Partly),
    ("有所提高", Tier::Partly),
    ("有所改善", Tier::Partly),
    ("逐步提高", Tier::Partly),
    ("逐步提升", Tier::Partly),
    ("逐步改善", Tier::Partly),
    ("基本达标", Tier::Partly),
    ("基本满意", Tier::Partly),
    ("差", Tier::NotAchieved),
    ("较差", Tier::NotAchieved),
    ("不合格", Tier::NotAchieved),
    ("不达标", Tier::NotAchieved),
    ("不满意", Tier::NotAchieved),
    ("滞后", Tier::NotAchieved),
    ("下降", Tier::NotAchieved),
    ("未按时完成", Tier::NotAchieved),
    ("延期完成", Tier::NotAchieved),
];

/// The qualitative words an evaluator accepts as actuals, with their tier: the
/// defaults of [`WORD_TIERS`] and any the unit adds (a province's own wording).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vocabulary {
    words: Vec<(String, Tier)>,
}

impl Default for Vocabulary {
    fn default() -> Self {
        Vocabulary {
            words: WORD_TIERS
                .iter()
                .map(|(w, t)| (w.to_string(), *t))
                .collect(),
        }
    }
}

impl Vocabulary {
    /// Add a word (or give a known word another tier).
    pub fn set(&mut self, word: &str, tier: Tier) {
        let word = word.trim();
        match self.words.iter_mut().find(|(w, _)| w == word) {
            Some(e) => e.1 = tier,
            None => self.words.push((word.to_string(), tier)),
        }
    }

    /// The tier of an actual word, when the vocabulary knows it.
    pub fn tier(&self, word: &str) -> Option<Tier> {
        let word = word.trim();
        self.words.iter().find(|(w, _)| w == word).map(|(_, t)| *t)
    }

    /// Read `word=tier` entries (one per line or separated by `,`/`，`; the tier as
    /// `achieved`/`达成`, `partly`/`部分达成` or `not`/`未达成`).
    pub fn with_entries(mut self, text: &str) -> Result<Self, Msg> {
        for e in text
            .split(['\n', ',', '，'])
            .map(str::trim)
            .filter(|e| !e.is_empty() && !e.starts_with('#'))
        {
            let (w, t) = e.split_once('=').ok_or_else(|| msg::not_word_tier(e))?;
            let tier = match t.trim() {
                "achieved" | "达成" => Tier::Achieved,
                "partly" | "部分达成" => Tier::Partly,
                "not" | "not-achieved" | "未达成" => Tier::NotAchieved,
                other => return Err(msg::not_a_tier(other)),
            };
            self.set(w, tier);
        }
        Ok(self)
    }
}

/// What a quantitative target counts in, beyond a number and a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Form {
    /// A number in its unit: `≥3个`, `=46%`.
    #[default]
    Number,
    /// A ratio `left:value` (`≥1:1.2`, 配比): compared as value ÷ left.
    Ratio { left: Decimal },
    /// A date, met when done on or before it (`2026年12月`, `12月底前`): the value is
    /// the month (1–12), the year when written.
    Date { year: Option<u16> },
}

/// A target.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// A comparator, a value as written and a unit: `≥3个`, `=46%`; or a ratio or a
    /// date (see [`Form`]).
    Quantitative {
        cmp: Comparator,
        /// The value as written: 46 for `46%`.
        value: Decimal,
        unit: Unit,
        /// False when the source had a bare number and the comparator was inferred.
        explicit: bool,
        form: Form,
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
    pub message: Msg,
    pub help: Msg,
}

/// In English; the fields render in the user's language.
impl fmt::Display for TargetParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message.en(), self.help.en())
    }
}

impl std::error::Error for TargetParseError {}

/// A target read from text, with the warnings the reading produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedTarget {
    pub target: Target,
    /// E.g. "no comparator: read `100` as `≥100`".
    pub warnings: Vec<Msg>,
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

/// Comparators written in words, longest first so that `小于等于` is not read as `小于`.
const WORD_COMPARATORS: &[(&str, Comparator)] = &[
    ("大于或等于", Comparator::Ge),
    ("小于或等于", Comparator::Le),
    ("大于等于", Comparator::Ge),
    ("小于等于", Comparator::Le),
    ("不低于", Comparator::Ge),
    ("不少于", Comparator::Ge),
    ("不小于", Comparator::Ge),
    ("不超过", Comparator::Le),
    ("不高于", Comparator::Le),
    ("不大于", Comparator::Le),
    ("不多于", Comparator::Le),
    ("不超出", Comparator::Le),
    ("至少", Comparator::Ge),
    ("最多", Comparator::Le),
    ("大于", Comparator::Gt),
    ("高于", Comparator::Gt),
    ("超过", Comparator::Gt),
    ("多于", Comparator::Gt),
    ("小于", Comparator::Lt),
    ("低于", Comparator::Lt),
    ("少于", Comparator::Lt),
    ("等于", Comparator::Eq),
    ("达到", Comparator::Ge),
];

/// A qualifier written after the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Qualifier {
    /// `以上`, `及以上`: at least.
    AtLeast,
    /// `以下`, `及以下`, `以内`: at most.
    AtMost,
    /// `（含）`: the bound is included.
    Inclusive,
    /// `（不含）`: the bound is excluded.
    Exclusive,
}

const QUALIFIERS: &[(&str, Qualifier)] = &[
    ("（不含）", Qualifier::Exclusive),
    ("(不含)", Qualifier::Exclusive),
    ("（含）", Qualifier::Inclusive),
    ("(含)", Qualifier::Inclusive),
    ("及以上", Qualifier::AtLeast),
    ("以上", Qualifier::AtLeast),
    ("及以下", Qualifier::AtMost),
    ("以下", Qualifier::AtMost),
    ("以内", Qualifier::AtMost),
    ("之内", Qualifier::AtMost),
];

/// A date target: `2026年12月`, `2026年12月底前`, `12月底前`, `12月前`, `年底前`,
/// `2026年底`. Returns (year, month).
pub fn parse_date(text: &str) -> Option<(Option<u16>, u8)> {
    let mut t = text.trim();
    for suffix in ["之前", "前", "底", "末", "份"] {
        t = t.strip_suffix(suffix).unwrap_or(t);
    }
    for suffix in ["底", "末", "份"] {
        t = t.strip_suffix(suffix).unwrap_or(t);
    }
    let t = t
        .strip_suffix("31日")
        .or(t.strip_suffix("30日"))
        .unwrap_or(t);
    let t = t.trim();
    let (year, rest) = match t.split_once('年') {
        Some((y, rest)) => {
            if y.is_empty() {
                (None, rest)
            } else {
                let y = parse_decimal(y).filter(|y| y.scale() == 0)?;
                let y = u16::try_from(y.mantissa()).ok()?;
                if !(1990..=2200).contains(&y) {
                    return None;
                }
                (Some(y), rest)
            }
        }
        None => (None, t),
    };
    if rest.is_empty() {
        // `年底前`, `2026年底`: the end of the year.
        return (t.ends_with('年')).then_some((year, 12));
    }
    let m = rest.strip_suffix('月')?;
    let m = parse_decimal(m)?;
    if m.scale() != 0 || m < Decimal::ONE || m > Decimal::from(12) {
        return None;
    }
    Some((year, u8::try_from(m.mantissa()).ok()?))
}

/// The comparator the qualifiers `以上`/`以下` give, if any.
fn direction_of(qualifiers: &[Qualifier]) -> Option<Comparator> {
    qualifiers.iter().find_map(|q| match q {
        Qualifier::AtLeast => Some(Comparator::Ge),
        Qualifier::AtMost => Some(Comparator::Le),
        _ => None,
    })
}

/// Does a written comparator agree with the direction of `以上`/`以下`?
fn agrees(cmp: Comparator, q: Comparator) -> bool {
    matches!(
        (cmp, q),
        (Comparator::Ge | Comparator::Gt, Comparator::Ge)
            | (Comparator::Le | Comparator::Lt, Comparator::Le)
    )
}

/// `（含）` makes a strict comparator inclusive, `（不含）` an inclusive one strict.
fn apply_qualifiers(cmp: Comparator, qualifiers: &[Qualifier]) -> Comparator {
    let mut cmp = cmp;
    for q in qualifiers {
        cmp = match (q, cmp) {
            (Qualifier::Inclusive, Comparator::Gt) => Comparator::Ge,
            (Qualifier::Inclusive, Comparator::Lt) => Comparator::Le,
            (Qualifier::Exclusive, Comparator::Ge) => Comparator::Gt,
            (Qualifier::Exclusive, Comparator::Le) => Comparator::Lt,
            (_, c) => c,
        };
    }
    cmp
}

impl Target {
    /// Parse a target cell. White space around and inside (`≥ 3 个`) is allowed.
    ///
    /// The grammar (README, "Target wordings"): an optional comparator (symbols, their
    /// published variants, or words: 不低于 ≥, 不超过 ≤, 大于 > …), a number, a unit,
    /// and optional qualifiers (以上 ≥, 以下/以内 ≤, （含） inclusive, （不含）
    /// exclusive); or a ratio (`≥1:1.2`); or a date (`2026年12月`, `12月底前`: met when
    /// done on or before); or a qualitative word. A rate is a rate whatever the
    /// qualifiers (`≥20%（含）` is `≥20%`).
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
            None => match WORD_COMPARATORS.iter().find(|(w, _)| {
                t.starts_with(w)
                    && t[w.len()..]
                        .trim_start()
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
            }) {
                Some((w, c)) => (Some(*c), w.len()),
                None => match t.strip_prefix("控制在") {
                    Some(_) => (None, "控制在".len()),
                    None => (None, 0),
                },
            },
        };
        // A date: met when done on or before.
        if let Some((year, month)) = parse_date(&t[rest_start..]) {
            return match cmp {
                None | Some(Comparator::Le | Comparator::Lt | Comparator::Eq) => {
                    ok(Target::Quantitative {
                        cmp: Comparator::Le,
                        value: Decimal::from(month),
                        unit: Unit::default(),
                        explicit: true,
                        form: Form::Date { year },
                    })
                }
                Some(c) => Err(TargetParseError {
                    offset: lead,
                    len: 1,
                    message: msg::date_comparator(c.symbol()),
                    help: msg::date_comparator_help(),
                }),
            };
        }
        // Qualifiers after the value, in any order.
        let mut body = &t[rest_start..];
        let mut qualifiers = Vec::new();
        loop {
            let b = body.trim_end();
            match QUALIFIERS.iter().find(|(q, _)| b.ends_with(q)) {
                Some((q, k)) if b.len() > q.len() => {
                    qualifiers.push(*k);
                    body = &b[..b.len() - q.len()];
                }
                _ => break,
            }
        }
        let rest = body;
        let rest_trimmed = rest.trim_start();
        let num_start = rest_start + (rest.len() - rest_trimmed.len());
        match parse_decimal_prefix(rest_trimmed) {
            Some((value, n)) => {
                let after = rest_trimmed[n..].trim_start();
                // A ratio `1:1.2`.
                if let Some(r) = after.strip_prefix([':', '：']) {
                    return match parse_decimal(r) {
                        Some(right) if value > Decimal::ZERO && right >= Decimal::ZERO => {
                            let mut warnings = Vec::new();
                            let cmp = cmp.unwrap_or_else(|| {
                                warnings.push(msg::ratio_no_comparator(t));
                                Comparator::Ge
                            });
                            Ok(ParsedTarget {
                                target: Target::Quantitative {
                                    cmp: apply_qualifiers(cmp, &qualifiers),
                                    value: right,
                                    unit: Unit::default(),
                                    explicit: warnings.is_empty(),
                                    form: Form::Ratio { left: value },
                                },
                                warnings,
                            })
                        }
                        _ => Err(TargetParseError {
                            offset: lead + char_offset(t, num_start),
                            len: rest_trimmed.chars().count().max(1),
                            message: msg::not_a_ratio(rest_trimmed),
                            help: msg::not_a_ratio_help(),
                        }),
                    };
                }
                let unit_text = rest_trimmed[n..].trim();
                let unit_start = num_start
                    + n
                    + (rest_trimmed[n..].len() - rest_trimmed[n..].trim_start().len());
                let bad = unit_text
                    .chars()
                    .position(|c| !is_unit_char(c) && c != ' ')
                    .or_else(|| {
                        // A rate is `%` alone: anything else next to it would make it a
                        // count.
                        (unit_text.contains(['%', '％']) && !matches!(unit_text, "%" | "％")).then(
                            || {
                                unit_text
                                    .chars()
                                    .position(|c| !matches!(c, '%' | '％'))
                                    .unwrap_or(0)
                            },
                        )
                    });
                if let Some(bad) = bad {
                    let at = lead + char_offset(t, unit_start) + bad;
                    return Err(TargetParseError {
                        offset: at,
                        len: 1,
                        message: msg::unexpected_in_unit(
                            unit_text.chars().nth(bad).unwrap_or(' '),
                            unit_text,
                        ),
                        help: msg::unexpected_in_unit_help(),
                    });
                }
                // After a comparator in words, a long tail is a name that starts like a
                // target (`超过60岁老人服务人次`), not a unit.
                if cmp.is_some()
                    && Comparator::parse_prefix(t).is_none()
                    && unit_text.chars().count() > 4
                {
                    return Err(TargetParseError {
                        offset: lead + char_offset(t, unit_start),
                        len: unit_text.chars().count(),
                        message: msg::not_a_unit(unit_text),
                        help: msg::not_a_unit_help(),
                    });
                }
                let unit = Unit::new(unit_text);
                let mut warnings = Vec::new();
                let cmp = match (cmp, direction_of(&qualifiers)) {
                    (Some(c), Some(q)) if !agrees(c, q) => {
                        return Err(TargetParseError {
                            offset: lead,
                            len: t.chars().count().max(1),
                            message: msg::both_comparators(
                                t,
                                c.symbol(),
                                if q == Comparator::Ge {
                                    "以上"
                                } else {
                                    "以下/以内"
                                },
                            ),
                            help: msg::both_comparators_help(),
                        });
                    }
                    (Some(c), _) => c,
                    (None, Some(q)) => q,
                    (None, None) => {
                        let inferred = if unit.is_percent() {
                            Comparator::Eq
                        } else {
                            Comparator::Ge
                        };
                        warnings.push(if unit.is_percent() {
                            msg::no_comparator_rate(t)
                        } else {
                            msg::no_comparator_count(t)
                        });
                        inferred
                    }
                };
                Ok(ParsedTarget {
                    target: Target::Quantitative {
                        cmp: apply_qualifiers(cmp, &qualifiers),
                        value,
                        unit,
                        explicit: warnings.is_empty(),
                        form: Form::Number,
                    },
                    warnings,
                })
            }
            None => {
                if cmp.is_none()
                    && rest_start == 0
                    && !t
                        .chars()
                        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
                {
                    // A word: qualitative.
                    let mut warnings = Vec::new();
                    if !QUALITATIVE_WORDS.contains(&t) {
                        warnings.push(msg::unusual_word(t, QUALITATIVE_WORDS[..9].join(" ")));
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
                        msg::no_number(t)
                    } else {
                        msg::number_expected(
                            cmp.map(|c| c.symbol()).unwrap_or(&t[..rest_start]),
                            &found,
                        )
                    },
                    help: msg::number_help(),
                })
            }
        }
    }

    /// For a date target, the key an actual date (`2026年10月`) is compared with, in
    /// the scale of [`Target::threshold`]: year × 100 + month, the year taken from the
    /// target when the actual has none (and ignored when the target has none).
    pub fn date_key(&self, actual: &str) -> Option<Decimal> {
        let Target::Quantitative {
            form: Form::Date { year },
            ..
        } = self
        else {
            return None;
        };
        let (ay, am) = parse_date(actual)?;
        let y = match year {
            None => 0,
            Some(ty) => ay.unwrap_or(*ty),
        };
        Some(Decimal::from(u32::from(y) * 100 + u32::from(am)))
    }

    /// For a ratio target, the value an actual ratio (`1:1.3`, or `1.3` alone) is
    /// compared with: right ÷ left, as [`Target::threshold`].
    pub fn ratio_value(&self, actual: &str) -> Option<Decimal> {
        if !self.is_ratio() {
            return None;
        }
        let t = actual.trim();
        match t.split_once([':', '：']) {
            Some((l, r)) => {
                let (l, r) = (parse_decimal(l)?, parse_decimal(r)?);
                (l > Decimal::ZERO).then(|| r / l)
            }
            None => parse_decimal(t),
        }
    }

    /// A computed value of a date or ratio target as people write it: 202610 for
    /// `≤2026年12月` is `2026年10月`, 1.3 for `≥1:1.2` is `1:1.3`. `None` for other
    /// targets or a value that is no date.
    pub fn show_value(&self, v: Decimal) -> Option<String> {
        match self {
            Target::Quantitative {
                form: Form::Ratio { left },
                ..
            } => Some(format!("{left}:{}", (v * *left).normalize())),
            Target::Quantitative {
                form: Form::Date { .. },
                ..
            } if v.scale() == 0 || v.fract().is_zero() => {
                let n = u32::try_from(v.trunc().mantissa()).ok()?;
                let (y, m) = (n / 100, n % 100);
                if !(1..=12).contains(&m) {
                    return None;
                }
                Some(if y == 0 {
                    format!("{m}月")
                } else {
                    format!("{y}年{m}月")
                })
            }
            _ => None,
        }
    }

    /// A date target without a year (`12月底前`) in the year of its table.
    pub fn in_year(self, y: u16) -> Target {
        match self {
            Target::Quantitative {
                cmp,
                value,
                unit,
                explicit,
                form: Form::Date { year: None },
            } => Target::Quantitative {
                cmp,
                value,
                unit,
                explicit,
                form: Form::Date { year: Some(y) },
            },
            t => t,
        }
    }

    /// True for a date target (`2026年12月`).
    pub fn is_date(&self) -> bool {
        matches!(
            self,
            Target::Quantitative {
                form: Form::Date { .. },
                ..
            }
        )
    }

    /// True for a ratio target (`≥1:1.2`).
    pub fn is_ratio(&self) -> bool {
        matches!(
            self,
            Target::Quantitative {
                form: Form::Ratio { .. },
                ..
            }
        )
    }

    /// The value to compute with: the written value, divided by 100 for a percentage.
    pub fn threshold(&self) -> Option<Decimal> {
        match self {
            Target::Quantitative {
                form: Form::Ratio { left },
                value,
                ..
            } => Some(*value / *left),
            Target::Quantitative {
                form: Form::Date { year },
                value,
                ..
            } => Some(Decimal::from(u32::from(year.unwrap_or(0)) * 100) + *value),
            Target::Quantitative { value, unit, .. } => Some(if unit.is_percent() {
                hundredth(*value)
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
        self.direction_at(self.threshold())
    }

    /// [`Target::direction`] with the target's [`Target::threshold`] worked out
    /// already (a division for a percentage).
    pub fn direction_at(&self, threshold: Option<Decimal>) -> Option<Direction> {
        match self {
            Target::Quantitative { cmp, .. } => threshold.map(|t| cmp.direction(t)),
            _ => None,
        }
    }
}

impl fmt::Display for Target {
    /// Writes the target as a table would: `≥3个`, `=46%`, `健全`, `/`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Quantitative {
                cmp,
                value,
                unit,
                form,
                ..
            } => match form {
                Form::Number => write!(f, "{}{}{}", cmp.symbol(), value, unit),
                Form::Ratio { left } => write!(f, "{}{}:{}", cmp.symbol(), left, value),
                Form::Date { year: Some(y) } => write!(f, "{}{}年{}月", cmp.symbol(), y, value),
                Form::Date { year: None } => write!(f, "{}{}月", cmp.symbol(), value),
            },
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

/// `d` ÷ 100 exactly as the division gives it, value and scale (`1.20` for 120 %,
/// `1` for 100 %, `0.4650` for 46.50 %), without dividing for the figures targets and
/// actuals have (a mantissa below 10¹⁶, at most 12 decimals: then the division strips
/// two zeros when the mantissa ends in them and otherwise only moves the point; a
/// test compares the two); by the division otherwise.
pub fn hundredth(d: Decimal) -> Decimal {
    // In 64-bit integers (128-bit remainders are a library call).
    let small = i64::try_from(d.mantissa())
        .ok()
        .filter(|m| m.unsigned_abs() < 10u64.pow(16) && d.scale() <= 12);
    match small {
        Some(m) => hundredth_of(m, d.scale()),
        None if d.is_zero() => Decimal::ZERO,
        None => d / Decimal::ONE_HUNDRED,
    }
}

/// [`hundredth`] of the decimal `m` × 10⁻`scale` given by its parts (a reader that
/// has them makes no `Decimal` first), for a mantissa below 10¹⁶ and at most 12
/// decimals.
#[inline]
pub fn hundredth_of(m: i64, scale: u32) -> Decimal {
    debug_assert!(m.unsigned_abs() < 10u64.pow(16) && scale <= 12);
    // `Decimal::new`, made in place (its checks hold).
    let new = |m: i64, scale: u32| {
        let a = m.unsigned_abs();
        Decimal::from_parts(a as u32, (a >> 32) as u32, 0, m < 0, scale)
    };
    if m == 0 {
        Decimal::ZERO
    } else if m % 100 == 0 {
        new(m / 100, scale)
    } else {
        new(m, scale + 2)
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
        assert!(p.warnings[0].en().contains("≥"));
    }

    #[test]
    fn malformed_targets_point_at_the_problem() {
        let e = Target::parse("≥三个").unwrap_err();
        assert_eq!(e.offset, 1);
        assert!(e.message.en().contains("三个"), "{:?}", e.message);
        let e = Target::parse("=abc%").unwrap_err();
        assert_eq!(e.offset, 1);
        let e = Target::parse("≥").unwrap_err();
        assert!(e.message.en().contains("no number"));
        let e = Target::parse("≥3个5").unwrap_err();
        assert_eq!(e.offset, 3);
    }

    proptest::proptest! {
        /// [`hundredth`] is the division by 100, to the scale and the text.
        #[test]
        fn hundredth_is_the_division(
            m in -(10i64.pow(17))..10i64.pow(17),
            zeros in 0u32..4,
            scale in 0u32..15,
        ) {
            let m = i128::from(m) * 10i128.pow(zeros);
            let d = Decimal::from_i128_with_scale(m, scale);
            let q = d / Decimal::ONE_HUNDRED;
            let h = super::hundredth(d);
            proptest::prop_assert_eq!((h, h.scale(), h.to_string()), (q, q.scale(), q.to_string()));
        }
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
        assert_eq!(Target::parse("尚可").unwrap().warnings.len(), 1);
        assert_eq!("/".parse::<Target>().unwrap(), Target::NotApplicable);
        assert_eq!("".parse::<Target>().unwrap(), Target::NotApplicable);
    }
}

#[cfg(test)]
mod grammar_tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn read(s: &str) -> (String, bool) {
        let p = Target::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        (p.target.to_string(), p.target.is_percent())
    }

    #[test]
    fn word_comparators() {
        assert_eq!(read("不低于90%"), ("≥90%".into(), true));
        assert_eq!(read("不少于3次"), ("≥3次".into(), false));
        assert_eq!(read("不超过5%"), ("≤5%".into(), true));
        assert_eq!(read("不高于 100 万元"), ("≤100万元".into(), false));
        assert_eq!(read("小于等于10天"), ("≤10天".into(), false));
        assert_eq!(read("小于或等于10天"), ("≤10天".into(), false));
        assert_eq!(read("大于0次"), (">0次".into(), false));
        assert_eq!(read("大于等于95%"), ("≥95%".into(), true));
        assert_eq!(read("低于2%"), ("<2%".into(), true));
        assert_eq!(read("控制在5%以内"), ("≤5%".into(), true));
        // 达到 before a number is ≥; alone it is a word.
        assert_eq!(read("达到100%"), ("≥100%".into(), true));
        assert_eq!(read("不少于1万人次"), ("≥1万人次".into(), false));
        // A name that starts like a target is not one.
        assert!(Target::parse("超过60岁老人服务人次").is_err());
        assert_eq!(
            Target::parse("达到").unwrap().target,
            Target::Qualitative("达到".into())
        );
    }

    #[test]
    fn qualifiers_keep_rates_rates() {
        assert_eq!(read("≥20%（含）"), ("≥20%".into(), true));
        assert_eq!(read("≥50%(含)"), ("≥50%".into(), true));
        assert_eq!(read("100%以上"), ("≥100%".into(), true));
        assert_eq!(read("90%及以上"), ("≥90%".into(), true));
        assert_eq!(read("≥95%以上"), ("≥95%".into(), true));
        assert_eq!(read("5%以下"), ("≤5%".into(), true));
        assert_eq!(read("3天以内"), ("≤3天".into(), false));
        assert_eq!(read(">20%（含）"), ("≥20%".into(), true));
        assert_eq!(read("≥20%（不含）"), (">20%".into(), true));
        assert_eq!(read("20%以上（含）"), ("≥20%".into(), true));
        // Qualifiers make the comparator explicit: no warning.
        assert!(Target::parse("100%以上").unwrap().warnings.is_empty());
        // Contradictions and rates with words attached are refused, never counts.
        assert!(Target::parse("≤20%以上").is_err());
        let e = Target::parse("≥20%左右").unwrap_err();
        assert!(e.message.en().contains("左"), "{:?}", e.message);
        assert!(Target::parse("≥20%个").is_err());
    }

    #[test]
    fn ratios() {
        let t = Target::parse("≥1:1.2").unwrap().target;
        assert_eq!(t.to_string(), "≥1:1.2");
        assert_eq!(t.threshold(), Some(dec!(1.2)));
        assert!(t.is_ratio() && !t.is_percent());
        let t = Target::parse("≥2：1").unwrap().target;
        assert_eq!(t.threshold(), Some(dec!(0.5)));
        assert!(Target::parse("≥1:abc").is_err());
        let count = Target::parse("≥3个").unwrap().target;
        assert_eq!(count.ratio_value("1:1.3"), None, "not a ratio target");
        let r = Target::parse("≥1:1.2").unwrap().target;
        assert_eq!(r.ratio_value("2:2.6"), Some(dec!(1.3)));
        assert_eq!(r.ratio_value("1.3"), Some(dec!(1.3)));
        assert_eq!(r.ratio_value("0:1"), None);
        assert_eq!(r.show_value(dec!(1.3)).as_deref(), Some("1:1.3"));
        assert!(Target::parse("≥0:1").is_err());
    }

    #[test]
    fn dates_are_met_on_or_before() {
        let t = Target::parse("2026年12月").unwrap().target;
        assert_eq!(t.to_string(), "≤2026年12月");
        assert!(t.is_date());
        assert_eq!(t.threshold(), Some(dec!(202612)));
        assert_eq!(t.comparator(), Some(Comparator::Le));
        assert_eq!(t.date_key("2026年10月"), Some(dec!(202610)));
        assert_eq!(t.date_key("10月"), Some(dec!(202610)));
        assert_eq!(t.date_key("2027年1月"), Some(dec!(202701)));
        assert_eq!(t.date_key("完成"), None);
        assert_eq!(t.show_value(dec!(202610)).as_deref(), Some("2026年10月"));
        assert_eq!(t.show_value(dec!(202613)), None);
        let t = Target::parse("12月底前").unwrap().target.in_year(2026);
        assert_eq!(t.to_string(), "≤2026年12月");
        assert_eq!(t.date_key("2027年1月"), Some(dec!(202701)));
        assert_eq!(
            Target::parse("12月底前")
                .unwrap()
                .target
                .show_value(dec!(11))
                .as_deref(),
            Some("11月")
        );
        for s in ["12月底前", "12月前", "12月底", "年底前", "≤12月"] {
            let t = Target::parse(s).unwrap().target;
            assert_eq!(t.to_string(), "≤12月", "{s}");
            assert_eq!(t.date_key("2026年11月"), Some(dec!(11)), "{s}");
        }
        assert_eq!(
            Target::parse("2026年12月31日前")
                .unwrap()
                .target
                .to_string(),
            "≤2026年12月"
        );
        assert!(Target::parse("≥2026年12月").is_err());
        assert_eq!(parse_date("13月"), None);
        assert_eq!(parse_date("12个月"), None);
        // Display round-trips.
        for s in ["≤2026年12月", "≤12月", "≥1:1.2", "≥20%", "<2%"] {
            assert_eq!(Target::parse(s).unwrap().target.to_string(), s);
        }
    }

    #[test]
    fn common_qualitative_words_with_tiers() {
        for w in [
            "好",
            "优良",
            "按时完成",
            "显著提升",
            "逐步提高",
            "达标",
            "及时",
        ] {
            let p = Target::parse(w).unwrap();
            assert_eq!(p.target, Target::Qualitative(w.into()));
            assert!(p.warnings.is_empty(), "{w}: {:?}", p.warnings);
        }
        assert_eq!(Tier::classify("优良", "好"), Some(Tier::Achieved));
        assert_eq!(Tier::classify("较好", "优良"), Some(Tier::Partly));
        assert_eq!(Tier::classify("较差", "好"), Some(Tier::NotAchieved));
        assert_eq!(
            Tier::classify("未按时完成", "按时完成"),
            Some(Tier::NotAchieved)
        );
        assert_eq!(Tier::classify("尚可", "好"), None);
        let v = Vocabulary::default()
            .with_entries("尚可=部分达成, 很好=achieved")
            .unwrap();
        assert_eq!(Tier::classify_with("尚可", "好", &v), Some(Tier::Partly));
        assert_eq!(Tier::classify_with("很好", "好", &v), Some(Tier::Achieved));
        assert!(Vocabulary::default().with_entries("尚可").is_err());
        assert!(Vocabulary::default().with_entries("尚可=maybe").is_err());
    }
}
