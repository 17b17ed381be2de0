//! Report label language. Indicator and line names stay as written.

use std::fmt;
use std::str::FromStr;

/// ```
/// use attain_report::Lang;
/// assert_eq!("zh".parse::<Lang>(), Ok(Lang::Zh));
/// assert_eq!("EN".parse::<Lang>(), Ok(Lang::En));
/// assert!("fr".parse::<Lang>().is_err());
/// assert_eq!(Lang::Zh.html(), "zh-CN");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Chinese labels (the default).
    #[default]
    Zh,
    /// English labels.
    En,
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "zh" | "cn" | "zh-cn" | "中文" => Ok(Lang::Zh),
            "en" | "english" => Ok(Lang::En),
            other => Err(format!("`{other}` is not a report language; use zh or en")),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        })
    }
}

impl Lang {
    /// The HTML `lang` attribute value.
    pub fn html(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
}
