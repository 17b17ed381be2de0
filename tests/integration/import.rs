//! Import of the official target table: the facts of the seed, the round trip of
//! the unit folder, and one test per class of bad input.

use std::path::Path;

use crate::util::{attain_p, data, read, root, seed_table, tmp};

/// Parse targets.csv into rows of cells (the file is plain CSV).
fn targets(dir: &Path) -> Vec<Vec<String>> {
    let mut r = csv::Reader::from_path(dir.join("targets.csv")).unwrap();
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn row<'a>(rows: &'a [Vec<String>], name: &str) -> &'a Vec<String> {
    rows.iter()
        .find(|r| r[4] == name)
        .unwrap_or_else(|| panic!("no indicator {name}"))
}

fn import_seed(table: &Path) -> tempfile::TempDir {
    let t = tmp();
    let out = t.path().join("unit");
    let (code, stdout, stderr) = attain_p(&[&"import", &table, &"--out", &out]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    t
}

#[test]
fn seed_table_imports_to_the_known_facts() {
    let t = import_seed(&seed_table());
    let dir = t.path().join("unit");
    let rows = targets(&dir);
    assert_eq!(rows.len(), 45);
    let count = |block: &str| rows.iter().filter(|r| r[1] == block).count();
    assert_eq!(
        [
            count("决策"),
            count("过程"),
            count("履职"),
            count("效益"),
            count("满意度")
        ],
        [6, 25, 9, 4, 1]
    );
    // Rows that lost leading tabs keep their place in the hierarchy.
    let r = row(&rows, "在职人员控制率");
    assert_eq!((r[1].as_str(), r[2].as_str()), ("过程", "人员管理"));
    for name in [
        "组织建设工作及时完成率",
        "业务学习与培训及时完成率",
        "纪检监察工作有效性",
    ] {
        let r = row(&rows, name);
        assert_eq!(
            (r[1].as_str(), r[2].as_str()),
            ("过程", "机构建设"),
            "{name}"
        );
    }
    // The 效益 block has no 重点工作 although its header says so.
    let r = row(&rows, "组织引导优秀技术企业“走出去”");
    assert_eq!(
        (
            r[1].as_str(),
            r[2].as_str(),
            r[3].as_str(),
            r[5].as_str(),
            r[6].as_str()
        ),
        ("效益", "经济效益", "", "≥3个", "≥10个")
    );
    let r = row(&rows, "设备采购数量");
    assert_eq!(
        (
            r[1].as_str(),
            r[2].as_str(),
            r[3].as_str(),
            r[5].as_str(),
            r[6].as_str(),
            r[8].as_str()
        ),
        (
            "履职",
            "办公设备购置",
            "设备更新",
            "≥3台/辆",
            "≥6台/辆",
            "sum"
        )
    );
    let r = row(&rows, "预算执行率");
    assert_eq!(
        (r[5].as_str(), r[6].as_str(), r[7].as_str(), r[8].as_str()),
        ("=46%", "=100%", "10.00", "execution")
    );
    assert_eq!(row(&rows, "中长期规划制定健全性")[8], "grade");
    assert_eq!(row(&rows, "设备完好率")[8], "latest");
    assert_eq!(row(&rows, "“三公经费”变动率")[5], "≤0%");
    // Weights add up to exactly 100.00 in cents.
    let total: rust_decimal::Decimal = rows
        .iter()
        .map(|r| r[7].parse::<rust_decimal::Decimal>().unwrap())
        .sum();
    assert_eq!(total.to_string(), "100.00");
    for r in &rows {
        assert_eq!(
            r[7].split('.').nth(1).map(str::len),
            Some(2),
            "weight {} of {}",
            r[7],
            r[4]
        );
    }
    // Budget lines with their parents.
    let budget = read(&dir.join("budget.csv"));
    assert_eq!(
        budget,
        "name,parent,h1_plan,budget\n基本支出,,290,592.56\n项目支出,,48.99,142.99\n\
         环境国际合作及履约,项目支出,23,116\n办公设备购置,项目支出,25.99,26.99\n"
    );
    let unit = read(&dir.join("unit.toml"));
    assert!(unit.contains("name = \"江苏省环境保护利用世界银行贷款项目办公室\""));
    assert!(unit.contains("year = 2026"));
    assert!(unit.contains("total = \"735.55\""));
    for (name, amount) in [
        ("一般公共预算资金", "704.36"),
        ("上年结转资金", "29.99"),
        ("其他资金", "1.2"),
    ] {
        assert!(
            unit.contains(&format!("name = \"{name}\"\namount = \"{amount}\"")),
            "{name}"
        );
    }
    // Functions: HTML stripped, one per line.
    assert!(
        unit.contains("\"1.承担厅系统外事保障支撑工作，协助做好年度出访计划的编制和实施。\",\n")
    );
    assert!(!unit.contains("<p>"));
    assert!(unit.contains("[settings.lights]"));
    assert!(unit.contains("[settings.scoring]"));
}

#[test]
fn check_summarises_and_notes_nothing_on_the_seed() {
    let t = import_seed(&seed_table());
    let dir = t.path().join("unit");
    let (code, stdout, stderr) = attain_p(&[&"check", &dir]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("45 三级: 决策 6 (10 分), 过程 25 (20 分), 履职 9 (40 分), 效益 4 (20 分), 满意度 1 (10 分); weights total 100"), "{stdout}");
    assert!(
        stdout.contains("half-year plan 338.99 万元 (46.09%)"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "income     735.55 万元 = 一般公共预算资金 704.36 + 上年结转资金 29.99 + 其他资金 1.2"
        ),
        "{stdout}"
    );
    assert!(!stderr.contains("error"), "{stderr}");
}

#[test]
fn show_prints_the_tree() {
    let (code, stdout, stderr) = attain_p(&[&"show", &root().join("data/jiangsu-wb-office-2026")]);
    assert_eq!(code, 0, "{stderr}");
    let line = stdout.lines().find(|l| l.contains("PRO-03")).unwrap();
    assert!(
        line.contains("预算执行率")
            && line.contains("=46%")
            && line.contains("=100%")
            && line.contains("10.00")
            && line.contains("execution"),
        "{line}"
    );
    assert!(
        stdout.contains("  办公设备购置"),
        "children are indented: {stdout}"
    );
}

#[test]
fn bundled_unit_folder_is_the_import_of_the_bundled_table() {
    let t = import_seed(&seed_table());
    for f in ["unit.toml", "targets.csv", "budget.csv"] {
        assert_eq!(
            read(&t.path().join("unit").join(f)),
            read(&root().join("data/jiangsu-wb-office-2026").join(f)),
            "data/jiangsu-wb-office-2026/{f} is stale: re-run the import with --force"
        );
    }
}

#[test]
fn every_encoding_and_csv_give_the_same_folder() {
    let reference = import_seed(&seed_table());
    for f in ["seed-gbk.txt", "seed-utf8-bom.txt", "seed-gbk.csv"] {
        let t = import_seed(&data(&format!("tables/{f}")));
        for file in ["unit.toml", "targets.csv", "budget.csv"] {
            assert_eq!(
                read(&t.path().join("unit").join(file)),
                read(&reference.path().join("unit").join(file)),
                "{f}: {file}"
            );
        }
    }
}

#[test]
fn edited_folder_reads_back_exactly_with_chinese_headers() {
    // Round trip: targets.csv with Chinese headers (and then in GBK) reads back as the
    // same model: `show` prints exactly what it prints for the file as written.
    let t = import_seed(&seed_table());
    let dir = t.path().join("unit");
    let (code, reference, stderr) = attain_p(&[&"show", &dir]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        reference.contains("45 indicators, weights total 100"),
        "{reference}"
    );
    let original = read(&dir.join("targets.csv"));
    let zh = original.replacen(
        "id,level1,level2,key_work,name,h1_target,fy_target,weight,measure",
        "编号,一级指标,二级指标,重点工作,三级指标,半年指标值,全年指标值,分值,取数方式",
        1,
    );
    assert_ne!(zh, original, "the header was replaced");
    std::fs::write(dir.join("targets.csv"), &zh).unwrap();
    let (code, stdout, stderr) = attain_p(&[&"show", &dir]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout, reference,
        "Chinese headers read as the English ones"
    );
    // And GBK-encoded edits read back the same too.
    std::fs::write(dir.join("targets.csv"), encoding_rs::GB18030.encode(&zh).0).unwrap();
    let (code, stdout, stderr) = attain_p(&[&"show", &dir]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, reference, "GBK reads as UTF-8");
}

/// Import a variant of the seed table made by `edit`; returns (code, stderr, out dir exists).
fn import_variant(edit: impl Fn(&str) -> String) -> (i32, String, bool) {
    let t = tmp();
    let table = t.path().join("table.txt");
    std::fs::write(&table, edit(&read(&seed_table()))).unwrap();
    let out = t.path().join("unit");
    let (code, _stdout, stderr) = attain_p(&[&"import", &table, &"--out", &out]);
    (code, stderr, out.exists())
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn malformed_count_target_points_at_the_cell() {
    let seed = read(&seed_table());
    let line = line_of(&seed, "出访团组个数");
    let (code, err, written) = import_variant(|s| s.replacen("≥1个\t≥3个", "≥三个\t≥3个", 1));
    assert_eq!(code, 1);
    assert!(!written, "no output folder on error");
    assert!(
        err.contains("error: malformed target `≥三个`: expected a number after `≥`, found `三个`"),
        "{err}"
    );
    // Column: the cell starts after four tabs; `三` is its second character.
    let src_line = seed.lines().nth(line - 1).unwrap();
    let cell_col = src_line
        .split('\t')
        .take(4)
        .map(|c| c.chars().count() + 1)
        .sum::<usize>()
        + 1;
    assert!(
        err.contains(&format!("table.txt:{line}:{} (半年指标值)", cell_col + 1)),
        "{err}"
    );
    assert!(err.contains("help: write the value in digits"), "{err}");
}

#[test]
fn malformed_rate_target() {
    let (code, err, written) = import_variant(|s| s.replacen("=46%\t=100%", "=abc%\t=100%", 1));
    assert_eq!((code, written), (1, false));
    assert!(err.contains("malformed target `=abc%`"), "{err}");
    assert!(err.contains("(半年指标值)"), "{err}");
}

#[test]
fn table_without_indicator_rows() {
    let (code, err, written) = import_variant(|s| s.split("一级指标").next().unwrap().to_string());
    assert_eq!((code, written), (1, false));
    assert!(err.contains("error: no indicator rows found"), "{err}");
    assert!(err.contains("help: the table needs a header row"), "{err}");
}

#[test]
fn unbalanced_budget_names_the_parent_line() {
    let seed = read(&seed_table());
    let (code, err, written) = import_variant(|s| {
        s.replacen(
            "办公设备购置\t\t25.99\t\t26.99",
            "办公设备购置\t\t25.99\t\t27.99",
            1,
        )
    });
    assert_eq!((code, written), (1, false));
    assert!(err.contains("full-year budgets of the children of `项目支出` (环境国际合作及履约 + 办公设备购置) add up to 143.99, not 142.99"), "{err}");
    assert!(
        err.contains(&format!("table.txt:{}", line_of(&seed, "项目支出\t"))),
        "{err}"
    );
    let (code, err, _) =
        import_variant(|s| s.replacen("\t其他资金\t\t1.2", "\t其他资金\t\t1.3", 1));
    assert_eq!(code, 1);
    assert!(err.contains("income sources (一般公共预算资金 704.36 + 上年结转资金 29.99 + 其他资金 1.3) add up to 735.65 万元, not the stated total 735.55"), "{err}");
}

#[test]
fn duplicated_indicator_name_names_both_places() {
    let seed = read(&seed_table());
    let first = line_of(&seed, "\t设备交付率");
    let (code, err, written) = import_variant(|s| s.replacen("设备完好率", "设备交付率", 1));
    assert_eq!((code, written), (1, false));
    assert!(
        err.contains("error: indicator `设备交付率` appears twice"),
        "{err}"
    );
    assert!(err.contains(&format!("table.txt:{}", first + 1)), "{err}");
    assert!(
        err.contains(&format!("also: {}", ""))
            && err.contains(&format!(":{first} (first, under 履职/办公设备购置)")),
        "{err}"
    );
}

#[test]
fn truncated_row_is_an_error_not_a_guess() {
    let seed = read(&seed_table());
    let line = line_of(&seed, "\t接待外宾人次");
    let (code, err, written) = import_variant(|s| {
        s.replacen("接待外宾人次\t≥15人次\t≥50人次", "接待外宾人次\t≥15人次", 1)
    });
    assert_eq!((code, written), (1, false));
    assert!(err.contains("this indicator row is truncated: `接待外宾人次` is followed by only one target `≥15人次`"), "{err}");
    assert!(err.contains(&format!("table.txt:{line}:")), "{err}");
}

#[test]
fn unreadable_and_binary_files() {
    let t = tmp();
    let missing = t.path().join("nope.txt");
    let (code, _, err) = attain_p(&[&"import", &missing, &"--out", &t.path().join("u")]);
    assert_eq!(code, 1);
    assert!(
        err.contains("error: cannot read the file") && err.contains("nope.txt"),
        "{err}"
    );
    let bin = t.path().join("table.txt");
    std::fs::write(&bin, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\x81").unwrap();
    let (code, _, err) = attain_p(&[&"import", &bin, &"--out", &t.path().join("u")]);
    assert_eq!(code, 1);
    assert!(err.contains("is not text in UTF-8 or GB18030"), "{err}");
    assert!(!t.path().join("u").exists());
}

#[test]
fn existing_folder_is_not_overwritten_without_force() {
    let t = import_seed(&seed_table());
    let out = t.path().join("unit");
    let (code, _, err) = attain_p(&[&"import", &seed_table(), &"--out", &out]);
    assert_eq!(code, 1);
    assert!(
        err.contains("already has unit.toml, targets.csv, budget.csv"),
        "{err}"
    );
    let (code, _, err) = attain_p(&[&"import", &seed_table(), &"--out", &out, &"--force"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn warnings_alone_exit_zero() {
    // A bare target without comparator is read with a warning, and the import succeeds.
    let (code, err, written) = import_variant(|s| s.replacen("≥2次\t≥4次", "2次\t4次", 1));
    assert_eq!((code, written), (0, true), "{err}");
    assert!(
        err.contains("warning: `2次` has no comparator: read as `≥2次`"),
        "{err}"
    );
}

#[test]
fn import_says_which_encoding_it_read() {
    for (f, enc) in [
        ("seed-gbk.txt", "GB18030/GBK"),
        ("seed-utf8-bom.txt", "UTF-8 with BOM"),
        ("seed-gbk.csv", "GB18030/GBK"),
    ] {
        let t = tmp();
        let (code, stdout, stderr) = attain_p(&[
            &"import",
            &data(&format!("tables/{f}")),
            &"--out",
            &t.path().join("u"),
        ]);
        assert_eq!(code, 0, "{stderr}");
        assert!(
            stdout.contains(&format!("(the table was read as {enc})")),
            "{f}: {stdout}"
        );
    }
}

/// The seed with a 分值 column after 全年指标值 in every header and `weights[i]` at
/// the end of indicator row i.
fn with_weight_column(seed: &str, weights: &[&str]) -> String {
    let mut in_indicators = false;
    let mut k = 0;
    seed.split('\n')
        .map(|l| {
            if l.starts_with("一级指标\t") {
                in_indicators = true;
                format!("{}\t分值", l.trim_end_matches('\t'))
            } else if in_indicators && !l.trim().is_empty() {
                k += 1;
                format!("{}\t{}", l.trim_end_matches('\t'), weights[k - 1])
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_weight_column_in_the_table_is_read() {
    // 40 indicators of 2 points and 5 of 4: 80 + 20 = 100.
    let weights: Vec<&str> = (0..45).map(|i| if i < 40 { "2" } else { "4" }).collect();
    let t = tmp();
    let table = t.path().join("t.txt");
    std::fs::write(&table, with_weight_column(&read(&seed_table()), &weights)).unwrap();
    let out = t.path().join("u");
    let (code, _, err) = attain_p(&[&"import", &table, &"--out", &out]);
    assert_eq!(code, 0, "{err}");
    let rows = targets(&out);
    assert_eq!(row(&rows, "中长期规划制定健全性")[7], "2");
    assert_eq!(row(&rows, "完成满意度率")[7], "4");
    assert_eq!(
        row(&rows, "完成满意度率")[6],
        "=100%",
        "the weight is not taken for a target"
    );
}

#[test]
fn an_unknown_column_after_the_targets_is_refused_by_name() {
    let (code, err, written) = import_variant(|s| {
        s.replacen(
            "三级指标\t半年指标值\t全年指标值",
            "三级指标\t半年指标值\t全年指标值\t数据来源",
            1,
        )
    });
    assert_eq!((code, written), (1, false));
    assert!(
        err.contains("the column `数据来源` after 三级指标 cannot be read"),
        "{err}"
    );
}

#[test]
fn a_trailing_remark_column_is_placed_by_the_header() {
    // Every header gains 备注; one row carries a remark, the others have none (and no
    // trailing tab, as when a web table is pasted).
    let (code, err, written) = import_variant(|s| {
        s.replace(
            "三级指标\t半年指标值\t全年指标值",
            "三级指标\t半年指标值\t全年指标值\t备注",
        )
        .replacen(
            "“走出去”\t≥3个\t≥10个",
            "“走出去”\t≥3个\t≥10个\t按年度计划",
            1,
        )
    });
    assert_eq!((code, written), (0, true), "{err}");
    assert!(
        err.contains("the 备注 column is not imported (rows on lines"),
        "{err}"
    );
}

#[test]
fn a_row_with_an_extra_cell_is_not_shifted_silently() {
    // One row gains a cell at its end (a weight without a 分值 header): its name would be
    // `≥1个`; refuse it.
    // The 效益 block opens with 3 name cells; with the extra cell it would read as 4
    // (with 重点工作) and take `≥3个` for the name.
    let (code, err, written) =
        import_variant(|s| s.replacen("“走出去”\t≥3个\t≥10个", "“走出去”\t≥3个\t≥10个\t10", 1));
    assert_eq!((code, written), (1, false));
    assert!(
        err.contains("looks like a target: this row has more cells than its header says"),
        "{err}"
    );
}

#[test]
fn a_line_break_inside_a_name_cell_is_joined() {
    let t = tmp();
    let table = t.path().join("table.txt");
    let seed = read(&seed_table());
    let edited = seed.replacen("\t出访团组个数\t", "\t出访团组<br/>个数\t", 1);
    assert_ne!(edited, seed);
    std::fs::write(&table, edited).unwrap();
    let out = t.path().join("unit");
    let (code, _, err) = attain_p(&[&"import", &table, &"--out", &out]);
    assert_eq!(code, 0, "{err}");
    // The name is one name, as in the seed: the same targets.csv as the seed's.
    let reference = import_seed(&seed_table());
    assert_eq!(
        read(&out.join("targets.csv")),
        read(&reference.path().join("unit/targets.csv"))
    );
}

#[test]
fn year_given_against_the_table_warns() {
    let t = tmp();
    let (code, _, err) = attain_p(&[
        &"import",
        &seed_table(),
        &"--out",
        &t.path().join("u"),
        &"--year",
        &"2027",
    ]);
    assert_eq!(code, 0);
    assert!(
        err.contains("warning: the table says 2026 but --year 2027 was given: using 2027"),
        "{err}"
    );
}

#[test]
fn a_half_year_target_above_the_full_year_one_warns() {
    let (code, err, written) =
        import_variant(|s| s.replacen("≥15人次\t≥50人次", "≥150人次\t≥50人次", 1));
    assert_eq!((code, written), (0, true), "{err}");
    assert!(err.contains("warning: indicator `接待外宾人次`: the half-year target ≥150人次 is above the full-year target ≥50人次"), "{err}");
}

#[test]
fn import_errors_are_chinese_with_lang_zh() {
    let t = tmp();
    let table = t.path().join("table.txt");
    let seed = read(&seed_table());
    std::fs::write(&table, seed.replacen("设备完好率", "设备交付率", 1)).unwrap();
    let out = t.path().join("unit");
    let (code, _stdout, err) = attain_p(&[&"import", &table, &"--out", &out, &"--lang", &"zh"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("指标“设备交付率”出现了两次"), "{err}");
    assert!(
        err.contains("（首次出现，位于 履职/办公设备购置）"),
        "{err}"
    );
    assert!(
        err.contains("实际完成值按指标名称对应，名称必须唯一"),
        "{err}"
    );
    assert!(!err.contains("appears twice"), "{err}");
}
