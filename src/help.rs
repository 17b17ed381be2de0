//! `--help` in the user's language: every command's about and every argument's help
//! come from the catalogue (`help.<command>.<argument>`, see
//! `attain_core::msg::help`), for Chinese and English alike, and so do the headings
//! of the help page and the built-in `-h`/`-V`/`help`. Clap's own parse errors
//! ("unexpected argument …") stay in English.

use attain_core::msg::{self, Lang, Msg};
use clap::Command;

/// The help text of catalogue key `key` in `lang`, if the catalogue has it.
fn entry(key: &str, lang: Lang) -> Option<String> {
    msg::areas()
        .iter()
        .flat_map(|a| a.iter())
        .find(|e| e.key == key && e.params.is_empty())
        .map(|e| Msg::new(e, Vec::new()).render(lang))
}

/// The help of argument `id` of command `path`: its own entry, else the program's
/// (a global option, `-h`, `-V`).
pub fn arg_help(path: &str, id: &str, lang: Lang) -> Option<String> {
    entry(&format!("help.{path}.{id}"), lang).or_else(|| entry(&format!("help.attain.{id}"), lang))
}

/// The about of command `path` (`attain` for the program).
pub fn about(path: &str, lang: Lang) -> Option<String> {
    entry(&format!("help.{path}.about"), lang)
}

/// The command tree, built (global options, `-h`, `-V` and `help` in place) and
/// worded in `lang`.
pub fn localized(mut cmd: Command, lang: Lang) -> Command {
    cmd.build();
    localize(cmd, "attain", lang)
}

/// The default and the possible values of an option, in `lang` (in place of clap's
/// English notes).
fn values_note(a: &clap::Arg, lang: Lang) -> String {
    let sep = lang.pick("", " ");
    let mut note = String::new();
    let takes_value = a.get_num_args().is_some_and(|n| n.takes_values());
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if takes_value && !defaults.is_empty() && !a.is_hide_default_value_set() {
        note.push_str(sep);
        note.push_str(&msg::help::attain::default_value(defaults.join(",")).render(lang));
    }
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if takes_value && !values.is_empty() && !a.is_hide_possible_values_set() {
        note.push_str(sep);
        note.push_str(
            &msg::help::attain::possible_values(values.join(lang.pick("、", ", "))).render(lang),
        );
    }
    note
}

fn localize(cmd: Command, path: &str, lang: Lang) -> Command {
    let heading = |key: &str| {
        let st = cmd.get_styles().get_header();
        format!("{st}{}{st:#}", entry(key, lang).unwrap_or_default())
    };
    let usage = {
        let st = cmd.get_styles().get_usage();
        format!(
            "{st}{}{st:#}",
            entry("help.attain.usage_heading", lang).unwrap_or_default()
        )
    };
    // "Usage: attain …", "用法：attain …".
    let space = if usage.contains(':') { " " } else { "" };
    let mut template =
        format!("{{before-help}}{{about-with-newline}}\n{usage}{space}{{usage}}\n\n");
    if cmd.get_subcommands().any(|c| !c.is_hide_set()) {
        template.push_str(&heading("help.attain.commands_heading"));
        template.push_str("\n{subcommands}\n\n");
    }
    if cmd.get_positionals().any(|a| !a.is_hide_set()) {
        template.push_str(&heading("help.attain.arguments_heading"));
        template.push_str("\n{positionals}\n\n");
    }
    template.push_str(&heading("help.attain.options_heading"));
    template.push_str("\n{options}{after-help}");
    let mut cmd = cmd.help_template(template).long_about(None);
    // The usage line's placeholders in the language ("[OPTIONS]" → "[选项]").
    let usage = cmd.render_usage().to_string();
    let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage).to_string();
    if !usage.is_empty() {
        let word = |key: &str| entry(key, lang).unwrap_or_default();
        cmd = cmd.override_usage(
            usage
                .replace("[OPTIONS]", &word("help.attain.options_placeholder"))
                .replace("<COMMAND>", &word("help.attain.command_placeholder")),
        );
    }
    if let Some(about) = about(path, lang) {
        cmd = cmd.about(about);
    }
    cmd.mut_args(|a| match arg_help(path, a.get_id().as_str(), lang) {
        Some(h) => {
            let h = format!("{h}{}", values_note(&a, lang));
            a.help(h)
                .long_help(None)
                .hide_default_value(true)
                .hide_possible_values(true)
        }
        None => a,
    })
    .mut_subcommands(|sc| {
        let name = sc.get_name().to_string();
        localize(sc, &name, lang)
    })
}

/// A parse error of clap's in `lang`: the common kinds worded from the catalogue, the
/// usage and the closing line too; what clap adds beyond (its tips' own text, the
/// reasons of other kinds) stays as clap words it.
pub fn parse_error(e: &clap::Error, lang: Lang) -> String {
    use attain_core::msg::cli as m;
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let text = e.render().to_string();
    let (head, tail) = text.split_once("\n\n").unwrap_or((text.as_str(), ""));
    let s = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(" ")),
        _ => None,
    };
    let message = match e.kind() {
        ErrorKind::UnknownArgument => s(ContextKind::InvalidArg).map(m::clap_unknown_argument),
        ErrorKind::InvalidSubcommand => {
            s(ContextKind::InvalidSubcommand).map(m::clap_invalid_subcommand)
        }
        ErrorKind::MissingRequiredArgument => {
            s(ContextKind::InvalidArg).map(m::clap_missing_arguments)
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            match (s(ContextKind::InvalidArg), s(ContextKind::InvalidValue)) {
                (Some(arg), Some(v)) if v.is_empty() => Some(m::clap_value_required(arg)),
                (Some(arg), Some(v)) if e.get(ContextKind::ValidValue).is_some() => {
                    let values = match e.get(ContextKind::ValidValue) {
                        Some(ContextValue::Strings(v)) => v.join(lang.pick("、", ", ")),
                        _ => String::new(),
                    };
                    Some(m::clap_not_one_of(v, arg, values))
                }
                (Some(arg), Some(v)) => {
                    // clap's reason after "for 'ARG': ", as the value parser gave it.
                    let reason = head
                        .split_once(&format!("'{arg}': "))
                        .map(|(_, r)| r.to_string())
                        .unwrap_or_default();
                    Some(m::clap_invalid_value(v, arg, reason))
                }
                _ => None,
            }
        }
        _ => None,
    };
    let label = attain_core::msg::common::error().render(lang);
    let colon = lang.pick("：", ": ");
    let head = match message {
        Some(msg) => format!("{label}{colon}{}", msg.render(lang)),
        None => format!(
            "{label}{colon}{}",
            head.strip_prefix("error: ").unwrap_or(head)
        ),
    };
    let space = lang.pick("", " ");
    let usage = entry("help.attain.usage_heading", lang).unwrap_or_default();
    let tail = tail
        .replace("Usage: ", &format!("{usage}{space}"))
        .replace(
            "For more information, try '--help'.",
            &m::clap_more_info().render(lang),
        )
        .replace("tip: ", &format!("{}{space}", m::clap_tip().render(lang)));
    if tail.is_empty() {
        format!("{head}\n")
    } else {
        format!("{head}\n\n{tail}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn is_cjk(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// Every command and every argument of the whole tree, as (path, id), with the
    /// help the localized tree shows.
    fn walk(cmd: &Command, path: &str, out: &mut Vec<(String, String, Option<String>)>) {
        out.push((
            path.to_string(),
            "about".to_string(),
            cmd.get_about().map(|s| s.to_string()),
        ));
        for a in cmd.get_arguments() {
            out.push((
                path.to_string(),
                a.get_id().to_string(),
                a.get_help().map(|s| s.to_string()),
            ));
        }
        for sc in cmd.get_subcommands() {
            walk(sc, sc.get_name(), out);
        }
    }

    #[test]
    fn every_command_and_argument_has_its_help_in_both_languages() {
        let mut built = crate::Cli::command();
        built.build();
        let mut all = Vec::new();
        walk(&built, "attain", &mut all);
        // The tree holds every subcommand, `help`, the global options and -h/-V.
        assert!(all.len() > 60, "{}", all.len());
        for (path, id) in [
            ("report", "as_of"),
            ("portfolio", "lang"),
            ("help", "about"),
        ] {
            assert!(
                all.iter().any(|(p, i, _)| p == path && i == id),
                "{path}.{id} missing from the walk"
            );
        }
        let mut missing = Vec::new();
        for (path, id, _) in &all {
            for lang in [Lang::Zh, Lang::En] {
                let text = if id == "about" {
                    about(path, lang)
                } else {
                    arg_help(path, id, lang)
                };
                match text {
                    Some(t) if lang == Lang::En || is_cjk(&t) => {}
                    _ => missing.push(format!("help.{path}.{id} ({lang})")),
                }
            }
        }
        assert!(
            missing.is_empty(),
            "no catalogue help for: {}",
            missing.join(", ")
        );
    }

    #[test]
    fn the_localized_tree_shows_the_catalogue_in_each_language() {
        for lang in [Lang::Zh, Lang::En] {
            let cmd = localized(crate::Cli::command(), lang);
            let mut all = Vec::new();
            walk(&cmd, "attain", &mut all);
            for (path, id, shown) in &all {
                let want = if id == "about" {
                    about(path, lang)
                } else {
                    arg_help(path, id, lang)
                };
                // The help is the catalogue's, followed by the default and the
                // possible values where the option has them.
                let (Some(shown), Some(want)) = (shown, want) else {
                    panic!("{path}.{id} ({lang}): no help");
                };
                assert!(
                    shown.starts_with(&want),
                    "{path}.{id} ({lang}): {shown:?} is not {want:?}"
                );
            }
        }
        let zh = localized(crate::Cli::command(), Lang::Zh);
        let report = zh.find_subcommand("report").expect("report");
        let as_of = report
            .get_arguments()
            .find(|a| a.get_id() == "as_of")
            .expect("--as-of");
        assert_eq!(
            as_of.get_help().map(|s| s.to_string()).as_deref(),
            Some("报告截至的月份，例如 2026-06")
        );
        let kind = report
            .get_arguments()
            .find(|a| a.get_id() == "kind")
            .expect("--kind");
        assert!(
            kind.get_help()
                .map(|s| s.to_string())
                .unwrap_or_default()
                .ends_with("（默认：progress）（可选值：progress、midyear、yearend）"),
            "{:?}",
            kind.get_help()
        );
        let help = report.clone().render_help().to_string();
        for word in ["用法：", "参数：", "选项：", "显示帮助", "报告截至的月份"]
        {
            assert!(help.contains(word), "{word} not in:\n{help}");
        }
        for word in ["Usage:", "Options:", "Arguments:", "Print help"] {
            assert!(!help.contains(word), "{word} in:\n{help}");
        }
        let en = localized(crate::Cli::command(), Lang::En)
            .render_help()
            .to_string();
        assert!(en.contains("Commands:") && en.contains("Usage:"), "{en}");
        assert!(
            en.contains("Track a budget unit's performance targets"),
            "{en}"
        );
    }

    fn error_of(args: &[&str], lang: Lang) -> String {
        let e = localized(crate::Cli::command(), lang)
            .color(clap::ColorChoice::Never)
            .try_get_matches_from(args)
            .expect_err("a parse error");
        parse_error(&e, lang)
    }

    #[test]
    fn clap_errors_are_worded_in_chinese() {
        assert_eq!(
            error_of(&["attain", "report", "--bogus"], Lang::Zh),
            "错误：无法识别的参数“--bogus”\n\n  提示：to pass '--bogus' as a value, use '-- --bogus'\n\n用法：attain report [选项] --as-of <AS_OF> <DIR>\n\n如需更多信息，请运行 --help。\n"
        );
        assert!(error_of(&["attain", "report"], Lang::Zh)
            .starts_with("错误：缺少以下必需的参数：--as-of <AS_OF> <DIR>\n\n用法："));
        assert!(error_of(&["attain", "bogus"], Lang::Zh).starts_with("错误：没有子命令“bogus”\n"));
        assert_eq!(
            error_of(&["attain", "review", "x", "--rounding", "z"], Lang::Zh),
            "错误：“--rounding <ROUNDING>”的值“z”无效（可选值：cents、whole）\n\n如需更多信息，请运行 --help。\n"
        );
        assert!(error_of(&["attain", "check", "x", "--lang"], Lang::Zh)
            .starts_with("错误：“--lang <LANG>”需要一个值，但没有给出\n"));
        // In English the words are clap's own, unchanged.
        assert!(error_of(&["attain", "report", "--bogus"], Lang::En)
            .starts_with("error: unexpected argument '--bogus' found\n"));
    }
}
