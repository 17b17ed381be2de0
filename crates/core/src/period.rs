//! Months, half-years and years as types. The engine never needs day arithmetic:
//! everything is cumulative by month within one budget year.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A calendar month of a given year, e.g. `2026-06`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    year: u16,
    month: u8,
}

/// Why a month could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthParseError {
    pub text: String,
}

impl MonthParseError {
    /// The message, to render in the user's language.
    pub fn message(&self) -> crate::msg::Msg {
        crate::msg::period::not_a_month(&self.text)
    }
}

/// In English; [`MonthParseError::message`] gives it in the user's language.
impl fmt::Display for MonthParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en())
    }
}

impl From<MonthParseError> for crate::msg::Msg {
    fn from(e: MonthParseError) -> crate::msg::Msg {
        e.message()
    }
}

impl std::error::Error for MonthParseError {}

impl Month {
    /// The earliest month there is (January of year 0), a lower bound for ranges.
    pub const FIRST: Month = Month { year: 0, month: 1 };

    /// A month; `None` unless `1 <= month <= 12`.
    pub fn new(year: u16, month: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(Month { year, month })
    }

    pub fn year(self) -> u16 {
        self.year
    }

    /// 1 to 12.
    pub fn number(self) -> u8 {
        self.month
    }

    /// Months elapsed in the year at the end of this month (1 for January, 12 for December).
    pub fn elapsed(self) -> u8 {
        self.month
    }

    /// Months left in the year after this one (11 for January, 0 for December).
    pub fn remaining(self) -> u8 {
        12 - self.month
    }

    /// True from June on: the half-year targets can be judged.
    pub fn h1_closed(self) -> bool {
        self.month >= 6
    }

    pub fn is_year_end(self) -> bool {
        self.month == 12
    }

    /// January to this month, in order.
    pub fn year_to_date(self) -> impl Iterator<Item = Month> {
        let year = self.year;
        (1..=self.month).map(move |m| Month { year, month: m })
    }

    /// All twelve months of a year.
    pub fn all_of(year: u16) -> impl Iterator<Item = Month> {
        (1..=12).map(move |m| Month { year, month: m })
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for Month {
    type Err = MonthParseError;

    /// Accepts `2026-06`, `2026-6`, `2026/6`, `2026.6`, `2026年6月` and `2026年06月`,
    /// with surrounding white space.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || MonthParseError {
            text: s.to_string(),
        };
        // `2026-06` as the files mostly have it, read at once.
        if let &[y0, y1, y2, y3, b'-', m0, m1] = s.as_bytes() {
            let d = [y0, y1, y2, y3, m0, m1];
            if d.iter().all(u8::is_ascii_digit) {
                let n = |b: u8| u16::from(b - b'0');
                let year = n(y0) * 1000 + n(y1) * 100 + n(y2) * 10 + n(y3);
                let month = (m0 - b'0') * 10 + (m1 - b'0');
                return Month::new(year, month).ok_or_else(err);
            }
        }
        let t = s.trim();
        let t = t.strip_suffix('月').unwrap_or(t);
        let (y, m) = t.split_once(['-', '/', '.', '年']).ok_or_else(err)?;
        let (y, m) = (y.trim(), m.trim());
        if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        if m.is_empty() || m.len() > 2 || !m.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        let year: u16 = y.parse().map_err(|_| err())?;
        let month: u8 = m.parse().map_err(|_| err())?;
        Month::new(year, month).ok_or_else(err)
    }
}

impl Month {
    /// The month of a payment's date: `2026-06-15`, `2026/6/15`, `2026.6.15`,
    /// `2026年6月15日`, or a month alone as [`Month::from_str`] reads it. The day must
    /// exist in that month.
    pub fn of_date(s: &str) -> Result<Month, MonthParseError> {
        let err = || MonthParseError {
            text: s.to_string(),
        };
        let t = s.trim();
        let t = t.strip_suffix('日').unwrap_or(t);
        let parts: Vec<&str> = t
            .split(['-', '/', '.', '年', '月'])
            .map(str::trim)
            .collect();
        match parts.as_slice() {
            [y, m, d] if !d.is_empty() => {
                let month: Month = format!("{y}-{m}").parse().map_err(|_| err())?;
                if d.len() > 2 || !d.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(err());
                }
                let day: u8 = d.parse().map_err(|_| err())?;
                let leap = month.year.is_multiple_of(4)
                    && (!month.year.is_multiple_of(100) || month.year.is_multiple_of(400));
                let days = match month.month {
                    2 if leap => 29,
                    2 => 28,
                    4 | 6 | 9 | 11 => 30,
                    _ => 31,
                };
                if day == 0 || day > days {
                    return Err(err());
                }
                Ok(month)
            }
            _ => s.parse(),
        }
    }
}

impl Serialize for Month {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// The two periods a target table sets targets for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Period {
    /// 半年: January to June.
    #[serde(rename = "H1")]
    H1,
    /// 全年: January to December.
    #[serde(rename = "FY")]
    FullYear,
}

impl Period {
    pub fn code(self) -> &'static str {
        match self {
            Period::H1 => "H1",
            Period::FullYear => "FY",
        }
    }

    /// The period's name in messages: 半年 / 全年, `H1` / `FY` in English.
    pub fn label(self) -> crate::msg::Msg {
        match self {
            Period::H1 => crate::msg::period::h1(),
            Period::FullYear => crate::msg::period::fy(),
        }
    }

    /// The month at whose end the period closes.
    pub fn closing_month(self, year: u16) -> Month {
        match self {
            Period::H1 => Month { year, month: 6 },
            Period::FullYear => Month { year, month: 12 },
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Period {
    type Err = crate::msg::Msg;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "H1" | "h1" | "半年" | "上半年" => Ok(Period::H1),
            "FY" | "fy" | "全年" | "年度" => Ok(Period::FullYear),
            other => Err(crate::msg::period::not_a_period(other)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A month in the usual form is read as the general reading reads it: `2026-06`
    /// at once, and the same text with a space after it (which the shortcut leaves
    /// to the general reading).
    #[test]
    fn the_usual_form_is_read_as_any_other() {
        for y in ["0000", "0999", "2026", "9999", "20a6"] {
            for m in ["00", "01", "06", "09", "10", "12", "13", "99", "1x"] {
                let t = format!("{y}-{m}");
                let general: Result<Month, MonthParseError> = format!("{t} ").parse();
                assert_eq!(t.parse::<Month>().ok(), general.ok(), "{t}");
            }
        }
        assert_eq!("2026-06".parse(), Ok(Month::new(2026, 6).unwrap()));
        assert!("2026-13".parse::<Month>().is_err());
    }

    #[test]
    fn dates_give_their_month() {
        let june = Month::new(2026, 6).unwrap();
        for d in [
            "2026-06-15",
            "2026/6/1",
            "2026.06.30",
            "2026年6月15日",
            "2026-06",
            "2026年6月",
        ] {
            assert_eq!(Month::of_date(d), Ok(june), "{d}");
        }
        assert_eq!(
            Month::of_date("2028-02-29"),
            Ok(Month::new(2028, 2).unwrap())
        );
        for d in [
            "2026-06-31",
            "2026-02-29",
            "2026-06-00",
            "2026-13-01",
            "2026-06-1x",
            "15/06/2026",
        ] {
            assert!(Month::of_date(d).is_err(), "{d}");
        }
    }

    #[test]
    fn month_forms() {
        for s in [
            "2026-06",
            "2026-6",
            "2026/6",
            "2026年6月",
            "2026年06月",
            " 2026.06 ",
        ] {
            assert_eq!(
                s.parse::<Month>().unwrap(),
                Month::new(2026, 6).unwrap(),
                "{s}"
            );
        }
        for s in [
            "2026-13",
            "2026-0",
            "26-06",
            "June",
            "2026",
            "2026-06-01",
            "",
        ] {
            assert!(s.parse::<Month>().is_err(), "{s}");
        }
    }

    #[test]
    fn month_arithmetic() {
        let m = Month::new(2026, 3).unwrap();
        assert_eq!(m.elapsed(), 3);
        assert_eq!(m.remaining(), 9);
        assert!(!m.h1_closed());
        assert_eq!(m.year_to_date().count(), 3);
        assert_eq!(m.to_string(), "2026-03");
    }
}
