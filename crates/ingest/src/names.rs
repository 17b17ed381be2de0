//! Names as people read them: an indicator or budget line name must not hold
//! characters that cannot be seen (control characters, zero-width spaces, direction
//! overrides), and two names that differ only in full-width and half-width forms
//! (`ＡＢＣ` and `ABC`, `（含线上）` and `(含线上)`) are the same name. Names are kept
//! as written; the comparison folds them (Unicode NFKC).

use attain_core::msg::unit::names as msg;
use attain_core::msg::Msg;
use unicode_normalization::UnicodeNormalization;

/// Whether `c` cannot be seen in a name: a control character or an invisible
/// formatting character (zero-width space and joiners, direction marks and
/// overrides, word joiner, byte-order mark, soft hyphen, tag characters).
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// The first invisible character of `name`: its character offset and the character.
pub fn invisible(name: &str) -> Option<(usize, char)> {
    // Printable ASCII and the CJK unified ideographs (most names are only those)
    // are all visible: two comparisons a character instead of the whole list.
    let plain = |c: char| (' '..='~').contains(&c) || ('\u{4E00}'..='\u{9FFF}').contains(&c);
    if name.chars().all(plain) {
        return None;
    }
    name.chars().enumerate().find(|(_, c)| is_invisible(*c))
}

/// `U+200B` for a character.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// The message and help for a name holding an invisible character.
pub fn invisible_message(what: Msg, name: &str, c: char) -> (Msg, Msg) {
    (
        msg::invisible(what, visible(name), code_point(c)),
        msg::invisible_help(),
    )
}

/// `s` with every invisible character shown as its code point (`\u{200B}` becomes
/// `<U+200B>`): safe to print on a terminal, and a reader sees what is there.
pub fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '\n' || c == '\t' || !is_invisible(c) {
            out.push(c);
        } else {
            out.push_str(&format!("<{}>", code_point(c)));
        }
    }
    out
}

/// The key two names are compared by: NFKC (full-width and half-width forms folded)
/// and trimmed. A name already in NFKC (most are) is only trimmed, not copied.
pub fn fold(name: &str) -> std::borrow::Cow<'_, str> {
    // ASCII and the CJK unified ideographs are their own NFKC (no decomposition, no
    // composition): most names are only those, and need no table.
    let plain = |c: char| c.is_ascii() || ('\u{4E00}'..='\u{9FFF}').contains(&c);
    if name.chars().all(plain) {
        return std::borrow::Cow::Borrowed(name.trim());
    }
    match unicode_normalization::is_nfkc_quick(name.chars()) {
        unicode_normalization::IsNormalized::Yes => std::borrow::Cow::Borrowed(name.trim()),
        _ => std::borrow::Cow::Owned(name.nfkc().collect::<String>().trim().to_string()),
    }
}

/// A name and the line it is on.
pub type Placed<'a> = (&'a str, usize);

/// Names that differ as written but are the same once folded: for each, the later
/// name with its line and the earlier one with its line. Names equal as written are
/// left to the model's own duplicate check.
pub fn fold_duplicates<'a>(
    names: impl IntoIterator<Item = (&'a str, usize)>,
) -> Vec<(Placed<'a>, Placed<'a>)> {
    let mut seen: foldhash::HashMap<std::borrow::Cow<'a, str>, Placed<'a>> =
        foldhash::HashMap::default();
    let mut out = Vec::new();
    for (name, line) in names {
        match seen.entry(fold(name)) {
            std::collections::hash_map::Entry::Occupied(e) => {
                if e.get().0 != name {
                    out.push(((name, line), *e.get()));
                }
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert((name, line));
            }
        }
    }
    out
}

/// The error for two names that fold to one.
pub fn fold_duplicate_message(
    what: Msg,
    later: &str,
    earlier: &str,
    earlier_line: usize,
) -> (Msg, Msg) {
    (
        msg::fold_duplicate(what, visible(later), visible(earlier), earlier_line),
        msg::fold_duplicate_help(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The characters `invisible` passes without the list are all visible.
    #[test]
    fn the_shortcut_characters_are_visible() {
        for c in (' '..='~').chain('\u{4E00}'..='\u{9FFF}') {
            assert!(!is_invisible(c), "{c:?}");
        }
    }

    #[test]
    fn invisible_characters_are_found_with_their_code_point() {
        assert_eq!(invisible("设备完好率"), None);
        assert_eq!(invisible("设备完好率\u{200B}"), Some((5, '\u{200B}')));
        assert_eq!(invisible("a\u{202E}b"), Some((1, '\u{202E}')));
        assert_eq!(invisible("a\0b"), Some((1, '\0')));
        assert_eq!(invisible("\u{1b}[31mred"), Some((0, '\u{1b}')));
        assert_eq!(code_point('\u{200B}'), "U+200B");
        assert_eq!(visible("a\u{1b}[31m\u{202E}b"), "a<U+001B>[31m<U+202E>b");
    }

    #[test]
    fn full_and_half_width_forms_fold_together() {
        assert_eq!(fold("ＡＢＣ１２"), "ABC12");
        assert_eq!(
            fold("举办国际会议次数（含线上）"),
            fold("举办国际会议次数(含线上)")
        );
        assert_ne!(fold("设备完好率"), fold("设备交付率"));
        // Trimmed, whether already in NFKC or not.
        assert_eq!(fold(" 设备完好率\u{3000}"), "设备完好率");
        assert_eq!(fold(" ＡＢＣ "), "ABC");
        assert!(matches!(fold("设备完好率"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn ascii_and_cjk_unified_ideographs_are_their_own_nfkc() {
        let chars = (0u32..0x80)
            .chain(0x4E00..=0x9FFF)
            .filter_map(char::from_u32);
        for c in chars {
            let one = c.to_string();
            assert_eq!(one.nfkc().collect::<String>(), one, "{:?}", c);
            assert!(unicode_normalization::is_nfkc(&one), "{:?}", c);
        }
    }

    proptest::proptest! {
        /// The quick path (a name already in NFKC) gives the full folding's key.
        #[test]
        fn fold_is_nfkc_trimmed(name in "[ -~\t\u{4e00}-\u{9fff}\u{3400}-\u{4dbf}\u{f900}-\u{faff}\u{2f00}-\u{2fdf}（）\u{3000}\u{ff01}-\u{ff5e}\u{2460}\u{fb01}\u{0301}\u{00a0}]{0,10}") {
            let full = name.nfkc().collect::<String>().trim().to_string();
            let quick = fold(&name);
            proptest::prop_assert_eq!(quick.as_ref(), full.as_str());
        }
    }
}
