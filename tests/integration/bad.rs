//! tests/data/bad/: adversarial inputs, one case per folder, each run through the real
//! `attain` binary and compared with its expected exit code, first message and place
//! in tests/data/bad/cases.tsv.
//!
//! A case folder holds the files laid over a copy of the example unit
//! (data/jiangsu-wb-office-2026) for `check` and `report` (`actuals/2026-05.csv`
//! replaces that month's file; a symbolic link is laid as a link, and an empty
//! `NAME.mkfifo` becomes a named pipe `NAME`, which git cannot hold), or the one table read by `import` (`table.txt` or
//! `table.csv`) and `review` (`selfeval.txt`). Each case runs in English and again
//! with `--lang zh`: the last column is the first message in Chinese, at the same
//! place. `ATTAIN_BLESS=1 cargo test bad_inputs` rewrites cases.tsv from what the
//! binary does now: review the diff before committing.

use std::path::{Path, PathBuf};

use crate::util::{attain_p, data, root, tmp};

/// One row of cases.tsv.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Case {
    name: String,
    command: String,
    exit: i32,
    place: String,
    message: String,
    /// The same message with `--lang zh`.
    message_zh: String,
}

impl Case {
    fn line(&self) -> String {
        format!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            self.name, self.command, self.exit, self.place, self.message, self.message_zh
        )
    }
}

const HEADER: &str = "case\tcommand\texit\tplace\tmessage\tmessage_zh";

/// Copy a unit folder (for the tests of other files too).
pub fn copy_unit(from: &Path, to: &Path) {
    copy_dir(from, to);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        let ft = e.file_type().unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        if ft.is_dir() {
            copy_dir(&e.path(), &target);
        } else if ft.is_symlink() {
            // A link kept in git (to /dev/zero, or to itself): made again as a link.
            let _ = std::fs::remove_file(&target);
            #[cfg(unix)]
            std::os::unix::fs::symlink(std::fs::read_link(e.path()).unwrap(), &target).unwrap();
        } else if let Some(fifo) = name.strip_suffix(".mkfifo") {
            // Git keeps no FIFO: `name.mkfifo` stands for a named pipe `name`.
            let _ = std::fs::remove_file(to.join(fifo));
            let status = std::process::Command::new("mkfifo")
                .arg(to.join(fifo))
                .status()
                .expect("mkfifo runs");
            assert!(status.success());
        } else if ft.is_file() {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// The file a case reads (the one file in its folder, for import and review).
fn only_file(dir: &Path) -> PathBuf {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 1, "{}: one file expected", dir.display());
    files.remove(0)
}

/// Run one case in English and in Chinese; returns what it did, as a row of cases.tsv.
fn run(name: &str, command: &str) -> Case {
    let (exit, place, message) = run_in(name, command, "en");
    let (exit_zh, place_zh, message_zh) = run_in(name, command, "zh");
    // The language changes the words only.
    assert_eq!(exit, exit_zh, "{name}: exit code differs in Chinese");
    // The file, line and column are the same; what follows in brackets (the column,
    // a workbook's sheet and cell) is worded in the language.
    let at = |p: &str| p.split(" (").next().unwrap_or("").to_string();
    assert_eq!(
        at(&place),
        at(&place_zh),
        "{name}: the place differs in Chinese"
    );
    Case {
        name: name.to_string(),
        command: command.to_string(),
        exit,
        place,
        message,
        message_zh,
    }
}

/// Run one case in `lang`; returns the exit code, the place and the first message.
fn run_in(name: &str, command: &str, lang: &str) -> (i32, String, String) {
    let case_dir = data("bad").join(name);
    let t = tmp();
    let unit = t.path().join("unit");
    let out = t.path().join("out");
    let with_lang = |args: &[&dyn AsRef<std::ffi::OsStr>]| {
        let mut all = args.to_vec();
        all.push(&"--lang");
        all.push(&lang);
        attain_p(&all)
    };
    let (code, _stdout, stderr) = match command {
        "check" | "report" | "show" | "report-yearend" | "report-xlsx" => {
            copy_dir(&root().join("data/jiangsu-wb-office-2026"), &unit);
            copy_dir(&case_dir, &unit);
            match command {
                "check" | "show" => with_lang(&[&command, &unit]),
                "report" => with_lang(&[&"report", &unit, &"--as-of", &"2026-06", &"--out", &out]),
                "report-xlsx" => with_lang(&[
                    &"report",
                    &unit,
                    &"--as-of",
                    &"2026-06",
                    &"--format",
                    &"md,xlsx",
                    &"--out",
                    &out,
                ]),
                _ => with_lang(&[
                    &"report", &unit, &"--as-of", &"2026-12", &"--kind", &"yearend", &"--out", &out,
                ]),
            }
        }
        "import" => with_lang(&[&"import", &only_file(&case_dir), &"--out", &unit]),
        "review" => with_lang(&[&"review", &only_file(&case_dir)]),
        other => panic!("{name}: unknown command {other}"),
    };
    // The terminal never gets a raw control character from the user's files.
    assert!(
        !stderr
            .chars()
            .chain(_stdout.chars())
            .any(|c| c.is_control() && c != '\n' && c != '\t'),
        "{name}: raw control character in the output:\n{stderr:?}"
    );
    let (error, warning) = if lang == "zh" {
        ("错误：", "警告：")
    } else {
        ("error: ", "warning: ")
    };
    let message = stderr
        .lines()
        .find(|l| l.starts_with(error))
        .or_else(|| stderr.lines().find(|l| l.starts_with(warning)))
        .unwrap_or("")
        .to_string();
    // The place of that message, relative to the unit folder or the case folder.
    let place = stderr
        .lines()
        .skip_while(|l| *l != message)
        .nth(1)
        .and_then(|l| l.trim().strip_prefix("--> "))
        .map(|p| {
            p.replace(&format!("{}/", unit.display()), "")
                .replace(&format!("{}/", case_dir.display()), "")
                .replace(&format!("{}/", t.path().display()), "")
        })
        .unwrap_or_default();
    (code, place, message)
}

#[test]
fn bad_inputs_give_their_expected_exit_code_and_message() {
    let table = data("bad/cases.tsv");
    let text = std::fs::read_to_string(&table).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(HEADER));
    let expected: Vec<Case> = lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 6, "cases.tsv: {l}");
            Case {
                name: f[0].to_string(),
                command: f[1].to_string(),
                exit: f[2].parse().unwrap(),
                place: f[3].to_string(),
                message: f[4].to_string(),
                message_zh: f[5].to_string(),
            }
        })
        .collect();
    // Every case folder is in the table and every row has its folder.
    let mut folders: Vec<String> = std::fs::read_dir(data("bad"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    let mut named: Vec<String> = expected.iter().map(|c| c.name.clone()).collect();
    named.sort();
    assert_eq!(folders, named, "case folders and cases.tsv rows differ");
    let actual: Vec<Case> = expected.iter().map(|c| run(&c.name, &c.command)).collect();
    if std::env::var("ATTAIN_BLESS").is_ok_and(|v| v == "1") {
        let mut out = String::from(HEADER);
        out.push('\n');
        for c in &actual {
            out.push_str(&c.line());
            out.push('\n');
        }
        std::fs::write(&table, out).unwrap();
        return;
    }
    assert!(expected.len() >= 40, "at least 40 cases");
    let wrong: Vec<String> = expected
        .iter()
        .zip(&actual)
        .filter(|(e, a)| e != a)
        .map(|(e, a)| format!("expected {}\n   found {}", e.line(), a.line()))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // No case may crash or pass unnoticed: every one fails with 1 or 2 and says why,
    // except those whose point is a warning on a run that succeeds.
    for c in &actual {
        assert!(
            [0, 1, 2].contains(&c.exit),
            "{}: exit {} is a crash",
            c.name,
            c.exit
        );
        assert!(!c.message.is_empty(), "{}: no message", c.name);
        assert!(!c.message_zh.is_empty(), "{}: no Chinese message", c.name);
        if c.exit == 0 {
            assert!(c.message.starts_with("warning: "), "{}", c.name);
            assert!(c.message_zh.starts_with("警告："), "{}", c.name);
        }
    }
}
