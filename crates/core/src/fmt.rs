//! Formatting of exact decimals for people: percentages and amounts. No floats.

use rust_decimal::{Decimal, RoundingStrategy};

/// Round half away from zero (四舍五入), as finance staff do by hand.
pub fn round(d: Decimal, dp: u32) -> Decimal {
    d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// Decimals of every percentage a report prints (rates, 完成度, percentage points):
/// chosen here once, so that no format prints `92.0%` beside `92.00%`.
pub const PERCENT_DP: u32 = 2;

/// A fraction as a percentage with [`PERCENT_DP`] decimals: `0.92` is `92.00%`.
pub fn pct(fraction: Decimal) -> String {
    percent(fraction, PERCENT_DP)
}

/// A fraction as a percentage with `dp` decimals.
///
/// ```
/// use attain_core::{fmt::percent, Decimal};
/// let ratio = Decimal::new(33899, 2) / Decimal::new(73555, 2); // 338.99 / 735.55
/// assert_eq!(percent(ratio, 2), "46.09%");
/// ```
pub fn percent(fraction: Decimal, dp: u32) -> String {
    format!("{}%", fixed(fraction * Decimal::ONE_HUNDRED, dp))
}

/// A decimal with exactly `dp` decimals: `fixed(1.2, 2)` is `1.20`.
pub fn fixed(d: Decimal, dp: u32) -> String {
    fixed_decimal(d, dp).to_string()
}

/// The decimal that [`fixed`] writes: rounded to `dp` decimals and holding exactly
/// `dp` of them, zero without a sign (its `Display` is `fixed`'s text, for writers
/// that format into a buffer of their own).
pub fn fixed_decimal(d: Decimal, dp: u32) -> Decimal {
    let mut r = round(d, dp);
    r.rescale(dp);
    if r.is_zero() {
        r.set_sign_positive(true);
    }
    r
}

/// A decimal without trailing zeros: `plain(3.50)` is `3.5`, `plain(3.00)` is `3`.
pub fn plain(d: Decimal) -> String {
    let n = d.normalize();
    if n.is_zero() {
        "0".to_string()
    } else {
        n.to_string()
    }
}

/// Terminal width of a string (Unicode East Asian Width, as terminals lay it out):
/// CJK, full-width forms and emoji count 2, combining marks 0.
pub fn display_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn formats() {
        assert_eq!(percent(dec!(338.99) / dec!(735.55), 2), "46.09%");
        assert_eq!(fixed(dec!(1.2), 2), "1.20");
        assert_eq!(pct(dec!(0.92)), "92.00%");
        assert_eq!(fixed(dec!(0.125), 2), "0.13");
        assert_eq!(fixed(dec!(-0.001), 2), "0.00");
        assert_eq!(plain(dec!(3.50)), "3.5");
        assert_eq!(plain(dec!(0.00)), "0");
        assert_eq!(display_width("a预算％"), 7);
        // Emoji are two columns wide, as terminals draw them.
        assert_eq!(display_width("植树🌳"), 6);
        assert_eq!(display_width("≥3个"), 4);
    }
}
