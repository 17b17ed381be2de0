//! Known answers for core's model modules that cargo-mutants found untested from
//! within core (period, value, weights, indicator, lookup, model, actuals, portfolio,
//! dec_serde): each test fixes the exact value a rule gives, so that a changed
//! comparison, a dropped branch or a constant answer fails here (see
//! crates/core/MUTANTS.md).

use attain_core::period::MonthParseError;
use attain_core::{Decimal, Indicator, IndicatorId, Level1, Measure, Month, Target};
use rust_decimal_macros::dec;

fn m(n: u8) -> Month {
    Month::new(2026, n).unwrap()
}

#[test]
fn a_bad_month_says_how_to_write_one() {
    let e = "2026-13".parse::<Month>().unwrap_err();
    assert_eq!(
        e,
        MonthParseError {
            text: "2026-13".into()
        }
    );
    assert_eq!(
        e.to_string(),
        "`2026-13` is not a month; write it as 2026-06, 2026/6 or 2026年6月"
    );
}

#[test]
fn a_month_is_four_digits_then_one_or_two() {
    for s in ["2026-006", "2026-+6", "2026-", "2026年月", "+026-06", "2026-6x"] {
        assert_eq!(
            s.parse::<Month>(),
            Err(MonthParseError { text: s.into() }),
            "{s}"
        );
    }
    assert_eq!("2026-06".parse::<Month>(), Ok(m(6)));
    assert_eq!("2026-6".parse::<Month>(), Ok(m(6)));
    let all: Vec<String> = Month::all_of(2027).map(|m| m.to_string()).collect();
    assert_eq!(all.len(), 12);
    assert_eq!((all[0].as_str(), all[11].as_str()), ("2027-01", "2027-12"));
    assert!(m(6).h1_closed() && !m(5).h1_closed());
    assert!(m(12).is_year_end() && !m(11).is_year_end());
    assert_eq!((m(1).remaining(), m(12).remaining()), (11, 0));
}

#[test]
fn leap_years_follow_the_gregorian_rule() {
    assert_eq!(
        Month::of_date("2000-02-29"),
        Ok(Month::new(2000, 2).unwrap())
    );
    assert!(Month::of_date("2100-02-29").is_err());
    assert!(Month::of_date("2028-02-30").is_err());
    assert_eq!(Month::of_date("2026-01-31"), Ok(m(1)));
    assert_eq!(Month::of_date("2026-04-30"), Ok(m(4)));
    assert!(Month::of_date("2026-04-31").is_err());
    // A day is one or two digits.
    for d in ["2026-06-015", "2026-06-+1", "2026-06-1x"] {
        assert_eq!(
            Month::of_date(d),
            Err(MonthParseError { text: d.into() }),
            "{d}"
        );
    }
}

#[test]
fn periods_by_code_and_name() {
    use attain_core::Period;
    assert_eq!((Period::H1.code(), Period::FullYear.code()), ("H1", "FY"));
    assert_eq!(
        (Period::H1.to_string(), Period::FullYear.to_string()),
        ("H1".to_string(), "FY".to_string())
    );
    assert_eq!(
        (Period::H1.label().zh(), Period::FullYear.label().zh()),
        ("半年".to_string(), "全年".to_string())
    );
    for (s, p) in [
        ("h1", Period::H1),
        ("上半年", Period::H1),
        (" 年度 ", Period::FullYear),
        ("fy", Period::FullYear),
    ] {
        assert_eq!(s.parse::<Period>(), Ok(p), "{s}");
    }
    assert_eq!(
        "Q3".parse::<Period>().unwrap_err().en(),
        "`Q3` is not a period; write H1 (半年) or FY (全年)"
    );
    assert_eq!(Period::H1.closing_month(2026), m(6));
    assert_eq!(Period::FullYear.closing_month(2026), m(12));
}
