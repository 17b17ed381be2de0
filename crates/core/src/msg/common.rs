//! Words and sentences every area uses: severities, framing of places, languages.

crate::catalogue! { "common";
    /// The label of an error.
    error() { zh: "错误", en: "error" }
    /// The label of a warning.
    warning() { zh: "警告", en: "warning" }
    /// The label of a note.
    note() { zh: "提示", en: "note" }
    /// The label of a help text.
    help() { zh: "帮助", en: "help" }
    /// A finding inside a named sheet of a workbook.
    in_sheet(sheet, message) {
        zh: "工作表“{sheet}”：{message}",
        en: "sheet `{sheet}`: {message}",
    }
    /// `--lang` (or the locale) names a language attain does not have.
    not_a_language(value) {
        zh: "“{value}”不是可用的语言，请用 zh（中文）或 en（英文）",
        en: "`{value}` is not a language attain speaks; use zh or en",
    }
}

/// Words of the diagnostics themselves.
pub mod diag {
    crate::catalogue! { "diag";
        /// Another place that belongs to a finding.
        also() { zh: "另见", en: "also" }
        /// The count of left-out diagnostics of one kind.
        more_of_kind(count, what, place, shown, example) {
            zh: "另有 {count} 条同类{what}{place}未显示（上面列出了前 {shown} 条），例如：{example}",
            en: "{count} more {what}(s) of this kind{place} not shown (the first {shown} are above), like: {example}",
        }
        /// Where the left-out diagnostics are.
        in_file(file) { zh: "（文件 {file}）", en: " in {file}" }
        /// The closing count of a list of diagnostics.
        totals(errors, warnings) {
            zh: "{errors} 个错误，{warnings} 个警告",
            en: "{errors} error(s), {warnings} warning(s)",
        }
    }
}
