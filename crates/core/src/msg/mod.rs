//! The message catalogue: every error, warning, note, summary and help text attain
//! shows a user, in Chinese and English, in one place.
//!
//! A message is a catalogue [`Entry`] (a stable key, its parameters and one template
//! per language) and the values of its parameters. It is rendered in the user's
//! language only when it is shown ([`Msg::render`]), so a diagnostic made deep in a
//! reader needs no language, and `check --json` can give the key beside the text.
//!
//! The catalogue is split by area into submodules, each declared with
//! [`catalogue!`](crate::catalogue): every entry has a `zh` and an `en` template side by
//! side, so a message cannot exist in one language only; the tests below check that
//! both templates use exactly the entry's parameters, that the Chinese one is Chinese
//! and the English one English, and that keys are unique.
//!
//! ```
//! use attain_core::msg::{self, Lang};
//! let m = msg::budget::line_twice("基本支出");
//! assert_eq!(m.render(Lang::Zh), "预算项目“基本支出”出现了两次");
//! assert_eq!(m.render(Lang::En), "budget line `基本支出` is listed twice");
//! assert_eq!(m.key(), "budget.line_twice");
//! ```

use std::fmt;
use std::str::FromStr;

pub mod actuals;
pub mod budget;
pub mod cli;
pub mod common;
pub mod crosscheck;
pub mod csv;
pub mod explain;
pub mod gen;
pub mod help;
pub mod import;
pub mod indicator;
pub mod model;
pub mod output;
pub mod period;
pub mod portfolio;
pub mod review;
pub mod rule;
pub mod scoring;
pub mod selfeval;
pub mod settings;
pub mod target;
pub mod text;
pub mod unit;
pub mod workbook;

/// Every area of the catalogue, for the completeness tests and `attain messages`.
pub fn areas() -> &'static [&'static [&'static Entry]] {
    static AREAS: &[&[&Entry]] = &[
        common::ENTRIES,
        common::diag::ENTRIES,
        budget::ENTRIES,
        scoring::ENTRIES,
        period::ENTRIES,
        rule::ENTRIES,
        review::ENTRIES,
        model::ENTRIES,
        settings::ENTRIES,
        target::ENTRIES,
        crosscheck::ENTRIES,
        indicator::ENTRIES,
        indicator::evaluation::ENTRIES,
        actuals::ENTRIES,
        csv::ENTRIES,
        explain::ENTRIES,
        output::ENTRIES,
        text::ENTRIES,
        unit::ENTRIES,
        unit::names::ENTRIES,
        workbook::ENTRIES,
        cli::ENTRIES,
        cli::report_cmd::ENTRIES,
        cli::portfolio_cmd::ENTRIES,
        cli::terminal::ENTRIES,
        cli::review_text::ENTRIES,
        help::attain::ENTRIES,
        help::import::ENTRIES,
        help::check::ENTRIES,
        help::show::ENTRIES,
        help::template::ENTRIES,
        help::completions::ENTRIES,
        help::man::ENTRIES,
        help::report::ENTRIES,
        help::review::ENTRIES,
        help::portfolio::ENTRIES,
        help::gen::ENTRIES,
        help::help::ENTRIES,
        import::ENTRIES,
        import::xlsx::ENTRIES,
        selfeval::ENTRIES,
        portfolio::ENTRIES,
        gen::ENTRIES,
    ];
    AREAS
}

/// The language of messages and report labels.
///
/// ```
/// use attain_core::msg::Lang;
/// assert_eq!("EN".parse::<Lang>(), Ok(Lang::En));
/// assert_eq!("zh_CN.UTF-8".parse::<Lang>(), Ok(Lang::Zh));
/// assert!("fr".parse::<Lang>().is_err());
/// assert_eq!(Lang::Zh.html(), "zh-CN");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Chinese (the default).
    #[default]
    Zh,
    /// English.
    En,
}

impl FromStr for Lang {
    type Err = Msg;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        // A locale such as `zh_CN.UTF-8` or `en_US` counts by its language part.
        let lang = lower.split(['_', '.', '@']).next().unwrap_or("");
        match (lower.as_str(), lang) {
            ("zh" | "cn" | "zh-cn" | "zh-hans" | "中文", _) | (_, "zh") => Ok(Lang::Zh),
            ("en" | "english" | "英文", _) | (_, "en") => Ok(Lang::En),
            _ => Err(common::not_a_language(s.trim())),
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

    /// The language a user's environment asks for: the first of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` that is set and not empty names it when it is English
    /// or Chinese; otherwise Chinese. Pure: the caller reads the environment.
    ///
    /// ```
    /// use attain_core::msg::Lang;
    /// assert_eq!(Lang::from_env([None, None, Some("en_US.UTF-8")]), Lang::En);
    /// assert_eq!(Lang::from_env([Some("C"), None, Some("en_US.UTF-8")]), Lang::Zh);
    /// assert_eq!(Lang::from_env([None, None, None]), Lang::Zh);
    /// ```
    pub fn from_env<'a>(vars: impl IntoIterator<Item = Option<&'a str>>) -> Lang {
        vars.into_iter()
            .flatten()
            .find(|v| !v.trim().is_empty())
            .and_then(|v| v.parse().ok())
            .unwrap_or_default()
    }

    /// Pick the text for this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// One entry of the catalogue.
#[derive(Debug)]
pub struct Entry {
    /// Stable key, `area.name`: what `check --json` gives as `code`.
    pub key: &'static str,
    /// The parameters, in the order the constructor takes them.
    pub params: &'static [&'static str],
    /// The Chinese template: `{name}` stands for a parameter, `{{` and `}}` for braces.
    pub zh: &'static str,
    /// The English template.
    pub en: &'static str,
}

impl Entry {
    pub fn template(&self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }
}

/// A value put into a message: a text (a name, a figure, a path, already formatted)
/// or another message, rendered in the same language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Msg(Box<Msg>),
    /// Values listed: `甲、乙、丙` in Chinese, `a, b, c` in English.
    List(Vec<Arg>),
}

impl Arg {
    fn render(&self, lang: Lang) -> std::borrow::Cow<'_, str> {
        match self {
            Arg::Text(s) => s.as_str().into(),
            Arg::Msg(m) => m.render(lang).into(),
            Arg::List(items) => items
                .iter()
                .map(|a| a.render(lang))
                .collect::<Vec<_>>()
                .join(lang.pick("、", ", "))
                .into(),
        }
    }
}

/// Values listed in a message, separated the way the language separates a list
/// (`、` in Chinese, `, ` in English).
pub fn list<T: Into<Arg>>(items: impl IntoIterator<Item = T>) -> Arg {
    Arg::List(items.into_iter().map(Into::into).collect())
}

impl From<Msg> for Arg {
    fn from(m: Msg) -> Arg {
        Arg::Msg(Box::new(m))
    }
}

impl From<&Msg> for Arg {
    fn from(m: &Msg) -> Arg {
        Arg::Msg(Box::new(m.clone()))
    }
}

impl<T: fmt::Display> From<T> for Arg {
    fn from(v: T) -> Arg {
        Arg::Text(v.to_string())
    }
}

/// A message: an entry of the catalogue with its values, or a text that is not
/// attain's wording ([`Msg::verbatim`]). There is deliberately no conversion from a
/// string: every sentence attain says is a catalogue entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg(Repr);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Repr {
    Entry(&'static Entry, Box<[Arg]>),
    /// A text outside the catalogue: only what is not attain's wording (an error a
    /// library gave, a user's text) should end up here.
    Verbatim(String),
}

impl PartialEq for Entry {
    fn eq(&self, other: &Entry) -> bool {
        self.key == other.key
    }
}

impl Eq for Entry {}

impl Msg {
    /// A message from its entry and values; used by [`catalogue!`](crate::catalogue).
    pub fn new(entry: &'static Entry, args: Vec<Arg>) -> Msg {
        debug_assert_eq!(entry.params.len(), args.len(), "{}", entry.key);
        Msg(Repr::Entry(entry, args.into_boxed_slice()))
    }

    /// A text that is not attain's wording and reads the same in every language
    /// (a library's error, a user's text). Never for attain's own sentences.
    pub fn verbatim(text: impl Into<String>) -> Msg {
        Msg(Repr::Verbatim(text.into()))
    }

    /// The entry's key (`area.name`), or `verbatim`.
    pub fn key(&self) -> &'static str {
        match &self.0 {
            Repr::Entry(e, _) => e.key,
            Repr::Verbatim(_) => "verbatim",
        }
    }

    /// The catalogue entry, if the message is one.
    pub fn entry(&self) -> Option<&'static Entry> {
        match &self.0 {
            Repr::Entry(e, _) => Some(e),
            Repr::Verbatim(_) => None,
        }
    }

    /// The message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match &self.0 {
            Repr::Verbatim(s) => s.clone(),
            Repr::Entry(e, args) => fill(e, e.template(lang), |i| args[i].render(lang)),
        }
    }

    /// The message in English (tests and logs).
    pub fn en(&self) -> String {
        self.render(Lang::En)
    }

    /// The message in Chinese.
    pub fn zh(&self) -> String {
        self.render(Lang::Zh)
    }
}

/// Fill `template` with the parameters of `entry`, looked up by name.
fn fill<'a>(
    entry: &Entry,
    template: &str,
    arg: impl Fn(usize) -> std::borrow::Cow<'a, str>,
) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
        } else if let (true, Some(end)) = (tail.starts_with('{'), tail.find('}')) {
            let name = &tail[1..end];
            match entry.params.iter().position(|p| *p == name) {
                Some(k) => out.push_str(&arg(k)),
                // Checked by the tests; shown as written rather than lost.
                None => out.push_str(&tail[..=end]),
            }
            rest = &tail[end + 1..];
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The placeholders of a template, in order (with repeats).
pub fn placeholders(template: &str) -> Result<Vec<&str>, String> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            rest = &tail[2..];
        } else if tail.starts_with('}') {
            return Err(format!("a lone `}}` in {template:?}"));
        } else {
            let end = tail
                .find('}')
                .ok_or_else(|| format!("an unclosed `{{` in {template:?}"))?;
            out.push(&tail[1..end]);
            rest = &tail[end + 1..];
        }
    }
    Ok(out)
}

/// Declare catalogue entries: for each, a constructor taking its parameters (anything
/// [`Display`](std::fmt::Display), or a [`Msg`]) and returning the [`Msg`]; plus
/// `ENTRIES`, the area's list.
///
/// ```text
/// catalogue! {
///     /// A budget line is listed twice.
///     line_twice(name) {
///         zh: "预算项目“{name}”出现了两次",
///         en: "budget line `{name}` is listed twice",
///     }
/// }
/// ```
#[macro_export]
macro_rules! catalogue {
    ($area:literal;
     $( $(#[$doc:meta])* $name:ident ( $($p:ident),* $(,)? ) { zh: $zh:literal, en: $en:literal $(,)? } )*) => {
        #[allow(non_upper_case_globals)]
        mod entries {
            $(
                pub static $name: $crate::msg::Entry = $crate::msg::Entry {
                    key: concat!($area, ".", stringify!($name)),
                    params: &[$(stringify!($p)),*],
                    zh: $zh,
                    en: $en,
                };
            )*
        }

        /// Every entry of this area.
        pub const ENTRIES: &[&$crate::msg::Entry] = &[$(&entries::$name),*];

        $(
            $(#[$doc])*
            #[allow(clippy::too_many_arguments)]
            pub fn $name($($p: impl Into<$crate::msg::Arg>),*) -> $crate::msg::Msg {
                $crate::msg::Msg::new(&entries::$name, vec![$($p.into()),*])
            }
        )*
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_separated_the_way_each_language_does() {
        let files = crate::msg::cli::wrote_files(list(["a.md", "b.csv", "c.xlsx"]), "out");
        assert_eq!(files.zh(), "已写入 a.md、b.csv、c.xlsx，位于 out");
        assert_eq!(files.en(), "wrote a.md, b.csv, c.xlsx to out");
        // One item, and none.
        assert_eq!(list(["a"]).render(Lang::Zh), "a");
        assert_eq!(list(Vec::<String>::new()).render(Lang::En), "");
    }
    use std::collections::BTreeSet;

    fn all() -> impl Iterator<Item = &'static Entry> {
        areas().iter().flat_map(|a| a.iter().copied())
    }

    fn is_cjk(c: char) -> bool {
        matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
    }

    /// Drop the parameters, quoted values and code spans: what is left is the
    /// sentence of the entry itself.
    fn prose(template: &str) -> String {
        let mut out = String::new();
        let (mut brace, mut tick) = (false, false);
        for c in template.chars() {
            match c {
                '{' => brace = true,
                '}' => brace = false,
                '`' => tick = !tick,
                _ if brace || tick => {}
                _ => out.push(c),
            }
        }
        out
    }

    #[test]
    fn keys_are_unique_and_areas_are_named() {
        let mut seen = BTreeSet::new();
        for e in all() {
            assert!(seen.insert(e.key), "{} is declared twice", e.key);
            assert!(e.key.contains('.'), "{}", e.key);
        }
        assert!(seen.len() >= 5, "the catalogue is nearly empty");
    }

    #[test]
    fn both_languages_use_exactly_the_parameters() {
        for e in all() {
            let declared: BTreeSet<&str> = e.params.iter().copied().collect();
            assert_eq!(
                declared.len(),
                e.params.len(),
                "{}: a parameter twice",
                e.key
            );
            for (lang, t) in [("zh", e.zh), ("en", e.en)] {
                let used: BTreeSet<&str> = placeholders(t)
                    .unwrap_or_else(|err| panic!("{} ({lang}): {err}", e.key))
                    .into_iter()
                    .collect();
                assert_eq!(used, declared, "{} ({lang}) uses other parameters", e.key);
            }
        }
    }

    #[test]
    fn chinese_is_chinese_and_english_is_english() {
        for e in all() {
            assert!(
                !e.zh.trim().is_empty() && !e.en.trim().is_empty(),
                "{}",
                e.key
            );
            let (zh, en) = (prose(e.zh), prose(e.en));
            // A Chinese text that is only a parameter or a code span (`{value}`), or
            // parameters and punctuation (`{first}；{rest}`), is allowed to hold no
            // Chinese of its own.
            if zh.chars().any(char::is_alphanumeric) {
                assert!(
                    zh.chars().any(is_cjk),
                    "{}: zh is not Chinese: {}",
                    e.key,
                    e.zh
                );
            }
            // English may name a Chinese term (万元, 全年预算数) but reads as English.
            let cjk = en.chars().filter(|c| is_cjk(*c)).count();
            let latin = en.chars().filter(char::is_ascii_alphabetic).count();
            if en.chars().any(char::is_alphanumeric) {
                assert!(latin > cjk, "{}: en is not English: {}", e.key, e.en);
            }
            assert!(
                !zh.contains("the ") && !zh.contains(" is "),
                "{}: zh reads like English: {}",
                e.key,
                e.zh
            );
        }
    }

    #[test]
    fn a_message_renders_in_each_language_with_its_values() {
        let m = budget::line_twice("基本支出");
        assert_eq!(m.render(Lang::Zh), "预算项目“基本支出”出现了两次");
        assert_eq!(m.en(), "budget line `基本支出` is listed twice");
        // A message inside a message follows the language of the outer one.
        let outer = common::in_sheet("Sheet1", m);
        assert_eq!(outer.zh(), "工作表“Sheet1”：预算项目“基本支出”出现了两次");
        assert_eq!(
            outer.en(),
            "sheet `Sheet1`: budget line `基本支出` is listed twice"
        );
    }

    #[test]
    fn braces_are_escaped_and_a_value_is_not_read_as_a_template() {
        static E: Entry = Entry {
            key: "test.braces",
            params: &["v"],
            zh: "{{值}} {v}",
            en: "{{value}} {v}",
        };
        let m = Msg::new(&E, vec![Arg::from("{v} {{")]);
        assert_eq!(m.en(), "{value} {v} {{");
        assert_eq!(m.zh(), "{值} {v} {{");
        assert!(placeholders("a } b").is_err());
        assert!(placeholders("a { b").is_err());
    }

    #[test]
    fn the_language_comes_from_the_locale() {
        assert_eq!("en_GB.UTF-8".parse::<Lang>(), Ok(Lang::En));
        assert_eq!("zh_TW".parse::<Lang>(), Ok(Lang::Zh));
        assert_eq!("中文".parse::<Lang>(), Ok(Lang::Zh));
        let e = "fr".parse::<Lang>().unwrap_err();
        assert!(e.zh().contains("fr") && e.en().contains("`fr`"), "{e:?}");
        assert_eq!(Lang::from_env([Some(""), Some("en"), None]), Lang::En);
        assert_eq!(Lang::from_env([Some("POSIX")]), Lang::Zh);
    }

    #[test]
    fn chinese_calls_each_thing_by_its_domain_term() {
        // DOMAIN.md: 指标值 (not 目标值), 预算项目 (not 支出项目), 实际完成值 (not 实际值).
        for e in all() {
            for other in ["目标值", "支出项目", "实际值"] {
                assert!(!e.zh.contains(other), "{}: {other} in {:?}", e.key, e.zh);
            }
        }
    }
}
