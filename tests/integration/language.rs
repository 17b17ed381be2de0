//! Messages in the user's language (issue 13): for each command one error and one
//! summary or warning, in Chinese (`--lang zh`) and in English (`--lang en`; `bin()`
//! runs under an English locale), and the rule that picks the language: `--lang`,
//! else LC_ALL / LC_MESSAGES / LANG, else Chinese; reports stay Chinese unless
//! `--lang en`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{attain_p, example, root, seed_table, tmp};

fn unit() -> PathBuf {
    root().join("data/jiangsu-wb-office-2026")
}

/// `attain` with `args` and `--lang <lang>`; returns (exit code, stdout, stderr).
fn run(lang: &str, args: &[&dyn AsRef<std::ffi::OsStr>]) -> (i32, String, String) {
    let mut all: Vec<&dyn AsRef<std::ffi::OsStr>> = args.to_vec();
    all.push(&"--lang");
    all.push(&lang);
    attain_p(&all)
}

/// `attain` with the locale variables set as given (the others removed), without
/// `--lang` unless `args` has it; returns stderr and stdout.
fn with_locale(vars: &[(&str, &str)], args: &[&dyn AsRef<std::ffi::OsStr>]) -> (String, String) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_attain"));
    for k in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        c.env_remove(k);
    }
    for (k, v) in vars {
        c.env(k, v);
    }
    let out = c
        .args(args.iter().map(|a| a.as_ref()))
        .output()
        .expect("the attain binary runs");
    (
        String::from_utf8_lossy(&out.stderr).into_owned(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn import_speaks_both_languages() {
    let (code, _, err) = run("zh", &[&"import", &seed_table(), &"--out", &"-"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("错误：`--out -` 不能存放单位文件夹（unit.toml、targets.csv、budget.csv）\n   = 帮助：请给出要写入的文件夹，例如 --out data/my-unit"),
        "{err}"
    );
    let (_, _, err) = run("en", &[&"import", &seed_table(), &"--out", &"-"]);
    assert!(
        err.contains(
            "error: `--out -` cannot hold a unit folder (unit.toml, targets.csv, budget.csv)"
        ),
        "{err}"
    );
    let t = tmp();
    let dir = t.path().join("zh");
    let (code, out, err) = run("zh", &[&"import", &seed_table(), &"--out", &dir]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with(&format!(
            "已导入江苏省环境保护利用世界银行贷款项目办公室（2026年）的 45 个指标和 4 个预算项目，写入 {}（表格按 UTF-8 读取）\n",
            dir.display()
        )),
        "{out}"
    );
    assert!(
        out.contains("指标       三级指标 45 个：决策 6 个（10 分），过程 25 个（20 分），履职 9 个（40 分），效益 4 个（20 分），满意度 1 个（10 分）；分值合计 100\n"),
        "{out}"
    );
    let dir = t.path().join("en");
    let (_, out, _) = run("en", &[&"import", &seed_table(), &"--out", &dir]);
    assert!(out.starts_with("imported 45 indicators and 4 budget lines of 江苏省环境保护利用世界银行贷款项目办公室 (2026) into"), "{out}");
    assert!(
        out.contains(
            "budget     4 lines, full-year 735.55 万元, half-year plan 338.99 万元 (46.09%)\n"
        ),
        "{out}"
    );
}

#[test]
fn check_speaks_both_languages() {
    let (code, out, _) = run("zh", &[&"check", &unit()]);
    assert_eq!(code, 0);
    assert!(
        out.contains(
            "预算       4 个预算项目，全年预算数 735.55 万元，半年计划 338.99 万元（46.09%）\n"
        ),
        "{out}"
    );
    assert!(out.contains("实际数据   142 行，12 个文件\n"), "{out}");
    assert!(out.ends_with("jiangsu-wb-office-2026：检查通过\n"), "{out}");
    let (_, out, _) = run("en", &[&"check", &unit()]);
    assert!(out.contains("actuals    142 rows in 12 files\n"), "{out}");
    assert!(out.ends_with("jiangsu-wb-office-2026: ok\n"), "{out}");
    // An error: the severity, the help and the count in the language.
    let t = tmp();
    let none = t.path().join("none");
    let (code, _, err) = run("zh", &[&"check", &none]);
    assert_eq!(code, 1);
    assert!(err.starts_with("错误："), "{err}");
    assert!(err.ends_with("1 个错误，0 个警告\n"), "{err}");
    let (_, _, err) = run("en", &[&"check", &none]);
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.ends_with("1 error(s), 0 warning(s)\n"), "{err}");
}

#[test]
fn show_speaks_both_languages() {
    let (code, out, _) = run("zh", &[&"show", &unit()]);
    assert_eq!(code, 0);
    let header = out.lines().next().unwrap_or_default();
    assert!(
        header.starts_with("一级") && header.contains("三级指标") && header.ends_with("计分方式"),
        "{header}"
    );
    assert!(out.contains("共 45 个指标，分值合计 100\n"), "{out}");
    assert!(out.contains("预算项目（万元）"), "{out}");
    let (_, out, _) = run("en", &[&"show", &unit()]);
    let header = out.lines().next().unwrap_or_default();
    assert!(
        header.starts_with("level 1") && header.ends_with("measure"),
        "{header}"
    );
    assert!(out.contains("45 indicators, weights total 100\n"), "{out}");
    let t = tmp();
    let (_, _, err) = run("zh", &[&"show", &t.path().join("none")]);
    assert!(
        err.starts_with("错误：") && err.contains("= 帮助："),
        "{err}"
    );
    let (_, _, err) = run("en", &[&"show", &t.path().join("none")]);
    assert!(
        err.starts_with("error: ") && err.contains("= help: "),
        "{err}"
    );
}

#[test]
fn report_speaks_both_languages_and_stays_chinese() {
    let t = tmp();
    let (code, _, err) = run("zh", &[&"report", &unit(), &"--as-of", &"2025-06"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("错误：--as-of 2025-06 不在本单位的预算年度 2026 内\n   = 帮助：请给出 2026 年的月份，例如 --as-of 2026-06"),
        "{err}"
    );
    let (_, _, err) = run("en", &[&"report", &unit(), &"--as-of", &"2025-06"]);
    assert!(
        err.contains("error: --as-of 2025-06 is outside the unit's year 2026\n   = help: pass a month of 2026, e.g. --as-of 2026-06"),
        "{err}"
    );
    let out = t.path().join("zh");
    let (code, stdout, err) = run(
        "zh",
        &[
            &"report",
            &unit(),
            &"--as-of",
            &"2026-06",
            &"--format",
            &"md,csv",
            &"--out",
            &out,
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("红灯预算项目：\n"), "{stdout}");
    assert!(
        stdout.ends_with(&format!(
            "已写入 progress.md、progress.csv，位于 {}\n",
            out.display()
        )),
        "{stdout}"
    );
    // A warning: the font without --png.
    let (_, _, err) = run(
        "zh",
        &[
            &"report",
            &unit(),
            &"--as-of",
            &"2026-06",
            &"--format",
            &"md",
            &"--font",
            &"x.ttf",
            &"--out",
            &out,
        ],
    );
    assert!(
        err.contains("警告：--font 只在加 --png 时使用；未生成 PNG\n   = 帮助：加 --png，用这个字体把图表画成 PNG"),
        "{err}"
    );
    let (_, _, err) = run(
        "en",
        &[
            &"report",
            &unit(),
            &"--as-of",
            &"2026-06",
            &"--format",
            &"md",
            &"--font",
            &"x.ttf",
            &"--out",
            &out,
        ],
    );
    assert!(
        err.contains("warning: --font is only used with --png; no PNG written"),
        "{err}"
    );
    // Under an English locale without --lang: messages in English, the report in
    // Chinese (a deliverable is the same wherever it is made).
    let en_locale = t.path().join("locale");
    let (err, stdout) = with_locale(
        &[("LC_ALL", "en_US.UTF-8")],
        &[
            &"report",
            &unit(),
            &"--as-of",
            &"2026-06",
            &"--format",
            &"md",
            &"--out",
            &en_locale,
        ],
    );
    assert!(stdout.contains("\nRed budget lines:\n"), "{stdout}\n{err}");
    assert!(stdout.contains("wrote progress.md to"), "{stdout}");
    let md = std::fs::read_to_string(en_locale.join("progress.md")).expect("progress.md");
    assert!(md.contains("预算执行"), "{md}");
    let (_, _) = with_locale(
        &[("LC_ALL", "en_US.UTF-8")],
        &[
            &"report",
            &unit(),
            &"--as-of",
            &"2026-06",
            &"--format",
            &"md",
            &"--out",
            &en_locale,
            &"--lang",
            &"en",
        ],
    );
    let md_en = std::fs::read_to_string(en_locale.join("progress.md")).expect("progress.md");
    assert!(md_en.contains("\n## Budget execution\n"), "{md_en}");
    assert!(!md.contains("\n## Budget execution\n"), "{md}");
    assert_ne!(md, md_en);
}

#[test]
fn review_speaks_both_languages() {
    let table = example("tianchang-2022-flood-selfeval.txt");
    let (code, out, _) = run("zh", &[&"review", &table]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with(&format!("复核 {}（口径", table.display())),
        "{out}"
    );
    assert!(
        out.contains("总分      所填 100；所填各行得分合计 100；重算 100\n等级      所填 无；应为 优（按所填总分 100）；重算 优\n结论      一致\n"),
        "{out}"
    );
    let (_, out, _) = run("en", &[&"review", &table]);
    assert!(out.ends_with("result   consistent\n"), "{out}");
    assert!(
        out.contains(
            "grade    published none; expected 优 (of the published total 100); recomputed 优\n"
        ),
        "{out}"
    );
    let (code, _, err) = run("zh", &[&"review", &table, &"--word", &"x=bad"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("错误：选项 --word："), "{err}");
    let (_, _, err) = run("en", &[&"review", &table, &"--word", &"x=bad"]);
    assert!(err.starts_with("error: --word: "), "{err}");
}

#[test]
fn template_speaks_both_languages() {
    let t = tmp();
    let (code, _, err) = run("zh", &[&"template", &unit(), &"--month", &"2025-07"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("错误：--month 2025-07 不在本单位的预算年度 2026 内\n   = 帮助：请给出 2026 年的月份，例如 --month 2026-07"),
        "{err}"
    );
    let (_, _, err) = run("en", &[&"template", &unit(), &"--month", &"2025-07"]);
    assert!(
        err.contains("error: --month 2025-07 is outside the unit's year 2026"),
        "{err}"
    );
    let file = t.path().join("t.xlsx");
    let (code, out, err) = run(
        "zh",
        &[
            &"template",
            &unit(),
            &"--month",
            &"2026-07",
            &"--out",
            &file,
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("警告：actuals/ 中已有 2026-07 的"), "{err}");
    assert!(
        out.starts_with(&format!(
            "已写入 {}：请填写 2026-07 的数值（及备注），然后保存到",
            file.display()
        )),
        "{out}"
    );
    let (_, out, err) = run(
        "en",
        &[
            &"template",
            &unit(),
            &"--month",
            &"2026-07",
            &"--out",
            &file,
            &"--force",
        ],
    );
    assert!(err.contains("warning: actuals/ already has"), "{err}");
    assert!(out.contains("fill in 数值 (and 备注) for 2026-07"), "{out}");
}

fn portfolio_input(t: &Path) -> PathBuf {
    let (code, _, err) = attain_p(&[
        &"gen",
        &"--units",
        &"4",
        &"--bad-units",
        &"1",
        &"--indicators",
        &"6",
        &"--shape",
        &"folders",
        &"--out",
        &t,
    ]);
    assert_eq!(code, 0, "{err}");
    t.join("folders")
}

#[test]
fn portfolio_speaks_both_languages() {
    let t = tmp();
    let input = portfolio_input(&t.path().join("g"));
    let out = t.path().join("p");
    let (code, _, err) = run(
        "zh",
        &[
            &"portfolio",
            &input,
            &"--as-of",
            &"2026-06",
            &"--out",
            &out,
            &"--strict",
        ],
    );
    assert_eq!(code, 1);
    assert!(
        err.ends_with("1 个单位有错误（--strict）：未写入任何文件\n"),
        "{err}"
    );
    let (_, _, err) = run(
        "en",
        &[
            &"portfolio",
            &input,
            &"--as-of",
            &"2026-06",
            &"--out",
            &out,
            &"--strict",
        ],
    );
    assert!(
        err.ends_with("1 units have errors (--strict): nothing written\n"),
        "{err}"
    );
    let (code, stdout, err) = run(
        "zh",
        &[
            &"portfolio",
            &input,
            &"--as-of",
            &"2026-06",
            &"--out",
            &out,
            &"--format",
            &"md",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("提示：1 个有错误的单位未参与排名，已在报告中列出"),
        "{err}"
    );
    assert!(stdout.contains("纳入排名 3 个单位"), "{stdout}");
    assert!(
        stdout.ends_with(&format!("已写入 portfolio.md，位于 {}\n", out.display())),
        "{stdout}"
    );
    let (_, stdout, err) = run(
        "en",
        &[
            &"portfolio",
            &input,
            &"--as-of",
            &"2026-06",
            &"--out",
            &out,
            &"--format",
            &"md",
        ],
    );
    assert!(
        err.contains("note: 1 units with errors are left out of the ranking"),
        "{err}"
    );
    assert!(stdout.contains("3 units ranked"), "{stdout}");
}

#[test]
fn the_language_follows_the_flag_then_the_locale_then_chinese() {
    let t = tmp();
    let none = t.path().join("none");
    let args: &[&dyn AsRef<std::ffi::OsStr>] = &[&"check", &none];
    // An English locale: English.
    let (err, _) = with_locale(&[("LC_ALL", "en_US.UTF-8")], args);
    assert!(err.starts_with("error: "), "{err}");
    let (err, _) = with_locale(&[("LANG", "en_GB.UTF-8")], args);
    assert!(err.starts_with("error: "), "{err}");
    // LC_ALL beats LANG.
    let (err, _) = with_locale(&[("LC_ALL", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")], args);
    assert!(err.starts_with("错误："), "{err}");
    // No locale, or one in another language: Chinese.
    let (err, _) = with_locale(&[], args);
    assert!(err.starts_with("错误："), "{err}");
    let (err, _) = with_locale(&[("LANG", "C")], args);
    assert!(err.starts_with("错误："), "{err}");
    // --lang beats the locale, either way.
    let (err, _) = with_locale(
        &[("LC_ALL", "en_US.UTF-8")],
        &[&"--lang", &"zh", &"check", &none],
    );
    assert!(err.starts_with("错误："), "{err}");
    let (err, _) = with_locale(&[], &[&"check", &none, &"--lang=en"]);
    assert!(err.starts_with("error: "), "{err}");
}

#[test]
fn help_is_chinese_by_default_and_english_on_request() {
    let (_, out) = with_locale(&[], &[&"report", &"--help"]);
    assert!(out.starts_with("生成截至某月的报告"), "{out}");
    assert!(out.contains("用法：attain report"), "{out}");
    assert!(
        out.contains("\n参数：\n") && out.contains("\n选项：\n"),
        "{out}"
    );
    assert!(
        out.contains("--as-of <AS_OF>    报告截至的月份，例如 2026-06"),
        "{out}"
    );
    assert!(out.contains("-h, --help             显示帮助"), "{out}");
    assert!(
        !out.contains("Options:") && !out.contains("[default:"),
        "{out}"
    );
    let (_, out) = with_locale(&[], &[&"--lang", &"en", &"-h"]);
    assert!(out.contains("\nCommands:\n"), "{out}");
    assert!(out.contains("Print version"), "{out}");
    let (_, out) = with_locale(&[("LC_ALL", "en_US.UTF-8")], &[&"help", &"check"]);
    assert!(
        out.starts_with("Validate a unit folder and print a summary"),
        "{out}"
    );
    let (_, out) = with_locale(&[], &[&"help"]);
    assert!(out.contains("显示本帮助，或所给子命令的帮助"), "{out}");
    // The man page and the completions are built from the same worded tree.
    let (_, man) = with_locale(&[], &[&"man"]);
    assert!(
        man.contains(".TH attain") && man.contains("生成截至某月的报告"),
        "{}",
        &man[..man.len().min(400)]
    );
    let (_, fish) = with_locale(&[("LC_ALL", "en_US.UTF-8")], &[&"completions", &"fish"]);
    assert!(fish.contains("The month the report is as of"), "{fish}");
}
