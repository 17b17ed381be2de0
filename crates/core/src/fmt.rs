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
    let mut s = String::new();
    write_fixed(&mut s, d, dp);
    s
}

/// [`fixed`]'s text, written at the end of `out`.
pub fn write_fixed(out: &mut String, d: Decimal, dp: u32) {
    if !write_fixed_parts(out, d.mantissa(), d.scale(), dp) {
        write_display(out, fixed_decimal(d, dp));
    }
}

/// [`fixed`]'s text of `d × 100` (a fraction in percent), written at the end of
/// `out`: the same text as `fixed(d * Decimal::ONE_HUNDRED, dp)`.
pub fn write_fixed_percent(out: &mut String, d: Decimal, dp: u32) {
    // The product keeps every digit while its mantissa fits in 96 bits; else it
    // is rounded by the multiplication itself, which is left to do that (a rate of
    // 28 decimals, mostly), and then written from its parts all the same.
    let m = d.mantissa();
    let exact = m.unsigned_abs() <= MAX_MANTISSA / 100;
    if exact && write_fixed_parts(out, m * 100, d.scale(), dp) {
        return;
    }
    let hundredfold = d * Decimal::ONE_HUNDRED;
    if !write_fixed_parts(out, hundredfold.mantissa(), hundredfold.scale(), dp) {
        write_display(out, fixed_decimal(hundredfold, dp));
    }
}

fn write_display(out: &mut String, d: Decimal) {
    use std::fmt::Write as _;
    // Writing into a String cannot fail.
    let _ = write!(out, "{d}");
}

/// The largest mantissa of a [`Decimal`] (96 bits).
const MAX_MANTISSA: u128 = (1 << 96) - 1;

/// [`fixed`]'s text of `mantissa × 10^-scale` in integers, without the decimal
/// type's rounding and printing (which a report with 100 000 rows of figures
/// spends much of its time in): rounded half away from zero to `dp` decimals,
/// then written with exactly `dp` of them, zero without a sign. `false` (nothing
/// written) where the decimal type would not hold the result with `dp` decimals
/// (then [`fixed_decimal`] writes fewer), or for more than 28 decimals.
fn write_fixed_parts(out: &mut String, mantissa: i128, scale: u32, dp: u32) -> bool {
    const MAX_SCALE: u32 = 28;
    if dp > MAX_SCALE || scale > MAX_SCALE {
        return false;
    }
    let magnitude = mantissa.unsigned_abs();
    // Mostly a mantissa and powers of ten that fit in 64 bits: divided natively (a
    // 128-bit division is a call).
    if let (Ok(m), true) = (u64::try_from(magnitude), scale <= 19 && dp <= 19) {
        let units = if scale > dp {
            let p = 10u64.pow(scale - dp);
            let (q, r) = (m / p, m % p);
            Some(if r >= p - r { q + 1 } else { q })
        } else {
            m.checked_mul(10u64.pow(dp - scale))
        };
        if let Some(units) = units {
            if mantissa < 0 && units != 0 {
                out.push('-');
            }
            let p = 10u64.pow(dp);
            push_digits(out, u128::from(units / p), 1);
            if dp > 0 {
                out.push('.');
                push_digits(out, u128::from(units % p), dp as usize);
            }
            return true;
        }
    }
    // The figure in units of 10^-dp, rounded.
    let units = if scale > dp {
        let p = 10u128.pow(scale - dp);
        let (q, r) = (magnitude / p, magnitude % p);
        if r >= p - r {
            q + 1
        } else {
            q
        }
    } else {
        match magnitude.checked_mul(10u128.pow(dp - scale)) {
            Some(u) if u <= MAX_MANTISSA => u,
            _ => return false,
        }
    };
    if mantissa < 0 && units != 0 {
        out.push('-');
    }
    let p = 10u128.pow(dp);
    push_digits(out, units / p, 1);
    if dp > 0 {
        out.push('.');
        push_digits(out, units % p, dp as usize);
    }
    true
}

/// `n` in decimal digits, at least `width` of them (zeros in front).
fn push_digits(out: &mut String, mut n: u128, width: usize) {
    // A u128 has at most 39 digits: written in parts of 19 digits, each divided
    // in 64 bits (a 128-bit division is a call).
    const PART: u128 = 10u128.pow(19);
    let mut digits = [b'0'; 40];
    let mut end = digits.len();
    let mut k;
    loop {
        let (rest, mut part) = match u64::try_from(n) {
            Ok(part) => (0, part),
            Err(_) => (n / PART, (n % PART) as u64),
        };
        k = end;
        while part > 0 {
            k -= 1;
            digits[k] = b'0' + (part % 10) as u8;
            part /= 10;
        }
        if rest == 0 {
            break;
        }
        // The part below is 19 digits long, its leading zeros included.
        end -= 19;
        n = rest;
    }
    let k = k.min(digits.len() - width);
    // ASCII digits, pushed as they are (no check of the text).
    out.extend(digits[k..].iter().map(|&b| char::from(b)));
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

    /// A decimal from its parts (`scale` at most 28).
    fn parts(mantissa: i128, scale: u32) -> Decimal {
        Decimal::from_i128_with_scale(mantissa, scale)
    }

    #[test]
    fn digits_in_parts_of_nineteen() {
        let p19 = 10u128.pow(19);
        for n in [
            0,
            7,
            p19 - 1,
            p19,
            p19 + 1,
            p19 * p19 - 1,
            p19 * p19,
            u128::MAX,
        ] {
            let mut s = String::new();
            push_digits(&mut s, n, 1);
            assert_eq!(s, n.to_string());
            s.clear();
            push_digits(&mut s, n, 24);
            assert_eq!(s, format!("{n:024}"));
        }
    }

    #[test]
    fn fixed_is_the_decimal_types_text_at_the_edges() {
        let general = |d: Decimal, dp: u32| fixed_decimal(d, dp).to_string();
        let max = i128::try_from(MAX_MANTISSA).unwrap();
        let cases = [
            (0, 0),
            (0, 5),
            (-1, 3),
            (5, 3),
            (-5, 3),
            (-4999, 4),
            (-5000, 4),
            (15, 1),
            (-15, 1),
            (25, 1),
            (max, 0),
            (-max, 0),
            (max, 28),
            (-max, 28),
            (max, 2),
            (max / 100, 0),
            (max / 100 + 1, 0),
            (999_995, 4),
            (-999_995, 4),
        ];
        for (m, scale) in cases {
            let d = parts(m, scale);
            for dp in [0, 1, 2, 4, 27, 28, 29] {
                assert_eq!(fixed(d, dp), general(d, dp), "{d:?} to {dp}");
                // (A percentage too large for the decimal type panics either way.)
                if let Some(hundredfold) = d.checked_mul(Decimal::ONE_HUNDRED) {
                    let mut s = String::new();
                    write_fixed_percent(&mut s, d, dp);
                    assert_eq!(s, general(hundredfold, dp), "{d:?} ×100 to {dp}");
                }
            }
        }
        // Rounding half away from zero, and zero without a sign.
        assert_eq!(fixed(dec!(2.345), 2), "2.35");
        assert_eq!(fixed(dec!(-2.345), 2), "-2.35");
        assert_eq!(fixed(dec!(-0.004), 2), "0.00");
        assert_eq!(fixed(dec!(-0.00), 2), "0.00");
        // A figure too large for its decimals keeps the ones it can hold.
        assert_eq!(fixed(parts(max, 0), 2), max.to_string());
    }

    proptest::proptest! {
        /// The text written from the parts is the decimal type's, for every
        /// mantissa, scale and number of decimals.
        #[test]
        fn fixed_is_the_decimal_types_text(
            m in -(MAX_MANTISSA as i128)..=(MAX_MANTISSA as i128),
            bits in 0u32..97,
            scale in 0u32..=28,
            dp in 0u32..=30,
        ) {
            // Mantissas of every size, not only the (far more common) huge ones.
            let m = m >> (96 - bits.min(96));
            let d = parts(m, scale);
            proptest::prop_assert_eq!(fixed(d, dp), fixed_decimal(d, dp).to_string());
            if let Some(hundredfold) = d.checked_mul(Decimal::ONE_HUNDRED) {
                let mut s = String::new();
                write_fixed_percent(&mut s, d, dp);
                proptest::prop_assert_eq!(s, fixed_decimal(hundredfold, dp).to_string());
            }
        }
    }

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
