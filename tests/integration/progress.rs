//! Monthly actuals and the progress report: known answers worked out by hand, light
//! boundaries, one test per bad-input class, encodings and workbooks, and the
//! reports in reports/ being current.

use std::path::{Path, PathBuf};

use serde_json::Value as Json;

use crate::util::{attain_p, data, read, root, tmp};

fn unit() -> PathBuf {
    root().join("data/jiangsu-wb-office-2026")
}

/// Copy a unit folder (with its actuals) into a temporary folder.
fn copy_unit(from: &Path, to: &Path) {
    std::fs::create_dir_all(to.join("actuals")).unwrap();
    for f in ["unit.toml", "targets.csv", "budget.csv"] {
        std::fs::copy(from.join(f), to.join(f)).unwrap();
    }
    for e in std::fs::read_dir(from.join("actuals")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, to.join("actuals").join(p.file_name().unwrap())).unwrap();
    }
}

/// Run `report` and parse progress.json.
fn progress(dir: &Path, as_of: &str) -> Json {
    let t = tmp();
    let out = t.path().join("r");
    let (code, stdout, stderr) = attain_p(&[&"report", &dir, &"--as-of", &as_of, &"--out", &out]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    serde_json::from_str(&read(&out.join("progress.json"))).unwrap()
}

fn indicator<'a>(j: &'a Json, name: &str) -> &'a Json {
    j["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == name)
        .unwrap()
}

fn line<'a>(j: &'a Json, name: &str) -> &'a Json {
    j["execution"]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["name"] == name)
        .unwrap()
}

#[test]
fn execution_known_answers() {
    // Spending in data/…/actuals, added by hand:
    //   March: 基本支出 42.10+40.35+47.80 = 130.25; 环境国际合作及履约 3.20; 办公设备购置 0
    //          total 133.45; 133.45 / 735.55 = 0.18143 → 0.1814; milestone 46 % × 3/6 = 23 %.
    //   June:  275.00 + 18.05 + 10.00 = 303.05; / 735.55 = 0.41200 → 0.4120; expected 0.46;
    //          gap −0.0480; in 万元 303.05 − 0.46 × 735.55 = −35.303 → −35.30;
    //          run-rate forecast 303.05 / 6 × 12 = 606.10; pace (735.55 − 303.05) / 6 = 72.083,
    //          printed as the total's own figure rounded once, 72.08 (review point 9;
    //          not the printed lines' 52.93 + 19.16 = 72.09).
    //   Sept.: milestone 46 % + 54 % × 3/6 = 73 %.
    //   Dec.:  592.56 + 112.80 + 26.15 = 731.51; / 735.55 = 0.99451 → 0.9945.
    let march = progress(&unit(), "2026-03");
    assert_eq!(march["execution"]["spent"], "133.45");
    assert_eq!(march["execution"]["rate"], "0.1814");
    assert_eq!(march["execution"]["expected"], "0.2300");
    // 0.1814 / 0.23 = 78.9 % of expected: yellow.
    assert_eq!(march["execution"]["light"], "yellow");

    let june = progress(&unit(), "2026-06");
    let e = &june["execution"];
    assert_eq!(
        (
            e["budget"].as_str(),
            e["spent"].as_str(),
            e["rate"].as_str()
        ),
        (Some("735.55"), Some("303.05"), Some("0.4120"))
    );
    assert_eq!(
        (
            e["expected"].as_str(),
            e["gap"].as_str(),
            e["gap_amount"].as_str()
        ),
        (Some("0.4600"), Some("-0.0480"), Some("-35.30"))
    );
    assert_eq!(
        (e["forecast"].as_str(), e["pace_needed"].as_str()),
        (Some("606.10"), Some("72.08"))
    );
    // 0.4120 / 0.46 = 89.6 %: green; June is below the 46 % milestone: not met.
    assert_eq!(
        (e["light"].as_str(), e["h1_verdict"].as_str()),
        (Some("green"), Some("not-met"))
    );
    // A parent's spending is the sum of its children's: 18.05 + 10.00.
    assert_eq!(line(&june, "项目支出")["spent"], "28.05");
    // 办公设备购置 follows its own half-year plan 25.99 / 26.99 = 96.29 %; spent 10.00 / 26.99 = 37.05 %.
    let eq = line(&june, "办公设备购置");
    assert_eq!(
        (
            eq["rate"].as_str(),
            eq["expected"].as_str(),
            eq["light"].as_str()
        ),
        (Some("0.3705"), Some("0.9629"), Some("red"))
    );

    let sept = progress(&unit(), "2026-09");
    assert_eq!(sept["execution"]["expected"], "0.7300");

    let dec = progress(&unit(), "2026-12");
    assert_eq!(dec["execution"]["rate"], "0.9945");
    assert_eq!(dec["execution"]["fy_verdict"], "not-met");
    assert_eq!(dec["execution"]["pace_needed"], Json::Null);
}

#[test]
fn indicator_known_answers() {
    let june = progress(&unit(), "2026-06");
    // 接待外宾人次: 3+2+5+4+6+4 = 24 by June against an expected 15 (the H1 target):
    // 160 % → blue; forecast 24 / 6 × 12 = 48; pace (50 − 24) / 6 = 4.3333.
    let v = indicator(&june, "接待外宾人次");
    assert_eq!(
        (
            v["actual"].as_str(),
            v["expected"].as_str(),
            v["light"].as_str()
        ),
        (Some("24"), Some("15"), Some("blue"))
    );
    assert_eq!(
        (v["forecast"].as_str(), v["pace_needed"].as_str()),
        (Some("48"), Some("4.3333"))
    );
    assert_eq!(v["h1_verdict"], "met");
    // 组织引导优秀技术企业“走出去”: 1 + 1 = 2 of an expected 3 = 66.7 % → yellow, H1 not met.
    let b = indicator(&june, "组织引导优秀技术企业“走出去”");
    assert_eq!(
        (
            b["actual"].as_str(),
            b["light"].as_str(),
            b["h1_verdict"].as_str()
        ),
        (Some("2"), Some("yellow"), Some("not-met"))
    );
    // A qualitative item only partly achieved: yellow.
    let q = indicator(&june, "基础信息完善性");
    assert_eq!(
        (q["actual"].as_str(), q["light"].as_str()),
        (Some("基本完善"), Some("yellow"))
    );
    // A lower-is-better rate within target: green.
    assert_eq!(indicator(&june, "“三公经费”变动率")["actual"], "-0.0500");
    assert_eq!(indicator(&june, "“三公经费”变动率")["light"], "green");
    // 预算执行率 is derived from spending.
    assert_eq!(indicator(&june, "预算执行率")["actual"], "0.4120");
    // March: 出访团组个数 expected 1 × 3/6 = 0.5, none yet → red; milestone path for counts.
    let march = progress(&unit(), "2026-03");
    let d = indicator(&march, "出访团组个数");
    assert_eq!(
        (
            d["actual"].as_str(),
            d["expected"].as_str(),
            d["light"].as_str()
        ),
        (Some("0"), Some("0.5"), Some("red"))
    );
    // The rate that slips: 设备完好率 100 % at June, 96 % in September, 95 % in December.
    let dec = progress(&unit(), "2026-12");
    let r = indicator(&dec, "设备完好率");
    assert_eq!(
        (r["actual"].as_str(), r["fy_verdict"].as_str()),
        (Some("0.9500"), Some("not-met"))
    );
    assert_eq!(indicator(&dec, "出访团组个数")["actual"], "4");
    assert_eq!(dec["light"], "yellow");
}

#[test]
fn json_contract_fields() {
    let j = progress(&unit(), "2026-06");
    assert_eq!(
        (
            j["unit"].as_str(),
            j["year"].as_u64(),
            j["as_of"].as_str(),
            j["kind"].as_str()
        ),
        (
            Some("江苏省环境保护利用世界银行贷款项目办公室"),
            Some(2026),
            Some("2026-06"),
            Some("progress")
        )
    );
    for k in ["budget", "spent", "rate", "expected", "light", "lines"] {
        assert!(j["execution"].get(k).is_some(), "execution.{k}");
    }
    for l in j["execution"]["lines"].as_array().unwrap() {
        for k in ["name", "budget", "spent", "rate", "expected", "light"] {
            assert!(l.get(k).is_some(), "line {k}");
        }
    }
    assert_eq!(j["indicators"].as_array().unwrap().len(), 45);
    // The values too, for the total and one indicator (as in the June report).
    let e = &j["execution"];
    assert_eq!(
        (&e["budget"], &e["spent"], &e["rate"], &e["expected"]),
        (
            &Json::from("735.55"),
            &Json::from("303.05"),
            &Json::from("0.4120"),
            &Json::from("0.4600")
        )
    );
    let dut4 = j["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "DUT-04")
        .unwrap();
    assert_eq!(
        (
            &dut4["actual"],
            &dut4["expected"],
            &dut4["light"],
            &dut4["h1_verdict"]
        ),
        (
            &Json::from("24"),
            &Json::from("15"),
            &Json::from("blue"),
            &Json::from("met")
        )
    );
    for i in j["indicators"].as_array().unwrap() {
        for k in [
            "id",
            "name",
            "level1",
            "level2",
            "h1_target",
            "fy_target",
            "measure",
            "actual",
            "expected",
            "light",
            "forecast",
        ] {
            assert!(i.get(k).is_some(), "indicator {k}");
        }
        assert!(["green", "yellow", "red", "blue", "none"].contains(&i["light"].as_str().unwrap()));
    }
    // Decimals are strings; rates are fractions.
    assert!(j["execution"]["rate"].is_string());
    assert_eq!(indicator(&j, "预算执行率")["h1_target"], "=46%");
}

#[test]
fn light_thresholds_at_their_boundaries() {
    // tests/data/units/boundaries: H1 targets ≥100次, June actuals 59, 60, 79, 80, 119, 120
    // (expected 100 at June); spending 30 of 100 against an expected 50 % → 60 % → yellow.
    let j = progress(&data("units/boundaries"), "2026-06");
    let lights: Vec<(&str, &str)> = j["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["name"].as_str().unwrap(), i["light"].as_str().unwrap()))
        .collect();
    assert_eq!(
        lights,
        [
            ("预算执行率", "yellow"),
            ("红灯59", "red"),
            ("黄灯60", "yellow"),
            ("黄灯79", "yellow"),
            ("绿灯80", "green"),
            ("绿灯119", "green"),
            ("蓝灯120", "blue")
        ]
    );
    assert_eq!(j["execution"]["light"], "yellow");
    assert_eq!(j["light"], "red");
}

#[test]
fn markdown_headline_in_words_and_languages() {
    let t = tmp();
    let out = t.path().join("r");
    let (code, stdout, _) = attain_p(&[
        &"report",
        &unit(),
        &"--as-of",
        &"2026-06",
        &"--out",
        &out,
        &"--lang",
        &"en",
    ]);
    assert_eq!(code, 0);
    let md = read(&out.join("progress.md"));
    assert!(md.contains("budget execution is 41.20% (303.05 of 735.55 万元 spent), 4.80 percentage points below the milestone path 46.00% and 8.80 below the time elapsed 50.00%"), "{md}");
    assert!(stdout.contains("4.80 percentage points below"), "{stdout}");
    let zh = read(&root().join("reports/jiangsu-wb-office-2026/2026-06/progress.md"));
    // The milestone path is 目标进度; 序时进度 is time elapsed, 6 ÷ 12 (issue 10).
    assert!(zh.contains("预算执行率 41.20%（累计支出 303.05 万元，全年预算数 735.55 万元），低于目标进度 46.00% 4.80 个百分点，低于序时进度 50.00% 8.80 个百分点"), "{zh}");
    // The total row (bold) and notes kept from the actuals.
    assert!(
        zh.contains("| **合计** | **735.55** | **303.05** | **41.20%** | **46.00%** | **50.00%** | **−4.80** | **−35.30** |"),
        "{zh}"
    );
    assert!(zh
        .contains("环境国际合作及履约（2026-06）：出访与国际会议集中在下半年，上半年支出低于计划"));
}

#[test]
fn reports_in_the_repository_are_current() {
    // The example reports are regenerated byte for byte (this also proves that the
    // output has no clock or other nondeterminism in it).
    // Each folder holds the progress report and, in June and December, the mid-year
    // and year-end evaluations.
    let unit_dir = unit();
    // The runs of reports/regenerate.sh: the official forms (mid-year, year-end) also
    // as the workbook that is submitted.
    let forms = "md,json,csv,html,svg,xlsx";
    for (m, kinds) in [
        ("2026-03", &["progress"][..]),
        ("2026-06", &["progress", "midyear"][..]),
        ("2026-12", &["progress", "yearend"][..]),
    ] {
        let t = tmp();
        let out = t.path().join("r");
        for kind in kinds {
            let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![
                &"report", &unit_dir, &"--as-of", &m, &"--kind", kind, &"--out", &out,
            ];
            if *kind != "progress" {
                args.extend([&"--format" as &dyn AsRef<std::ffi::OsStr>, &forms]);
            }
            let (code, _, stderr) = attain_p(&args);
            assert_eq!(code, 0, "{stderr}");
        }
        let committed = root().join("reports/jiangsu-wb-office-2026").join(m);
        let fresh = file_names(&out);
        // The default formats: md, json, csv, html and the SVG charts.
        for f in [
            "progress.md",
            "progress.json",
            "progress.csv",
            "progress.html",
            "execution.svg",
            "execution-1.svg",
            "execution-4.svg",
            "indicators.svg",
        ] {
            assert!(fresh.iter().any(|n| n == f), "{f} in {fresh:?}");
        }
        assert_eq!(
            file_names(&committed),
            fresh,
            "reports/jiangsu-wb-office-2026/{m} has other files than a fresh run: regenerate the reports with reports/regenerate.sh"
        );
        for f in &fresh {
            assert!(
                std::fs::read(out.join(f)).unwrap() == std::fs::read(committed.join(f)).unwrap(),
                "reports/jiangsu-wb-office-2026/{m}/{f} is stale: regenerate the reports with reports/regenerate.sh ({kinds:?})"
            );
        }
    }
}

/// The names of the files in a folder, sorted.
fn file_names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn svg_charts_one_per_budget_line_and_png_on_request() {
    let t = tmp();
    let out = t.path().join("r");
    let (code, stdout, stderr) = attain_p(&[
        &"report",
        &unit(),
        &"--as-of",
        &"2026-06",
        &"--out",
        &out,
        &"--format",
        &"svg",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        file_names(&out),
        [
            "execution-1.svg",
            "execution-2.svg",
            "execution-3.svg",
            "execution-4.svg",
            "execution.svg",
            "indicators.svg"
        ]
    );
    assert!(
        stdout.contains("wrote execution.svg, execution-1.svg"),
        "{stdout}"
    );
    // Budget lines in budget.csv order; each chart's title names its line.
    let budget = read(&unit().join("budget.csv"));
    for (n, line) in budget.lines().skip(1).enumerate() {
        let name = line.split(',').next().unwrap();
        let svg = read(&out.join(format!("execution-{}.svg", n + 1)));
        assert!(
            svg.contains(&format!("<title>2026年 预算执行率：{name}</title>")),
            "execution-{}.svg is {name}",
            n + 1
        );
    }
    let total = read(&out.join("execution.svg"));
    assert!(
        total.contains("按1–6月月均进度预测（12月 82.40%）"),
        "the legend names the forecast"
    );
    assert!(total.contains(">−4.80 个百分点</text>"));

    // PNG only on request, and only with a CJK font: a font that cannot be read is an
    // error that says what to install, and nothing is written.
    let bad = t.path().join("bad");
    let (code, _, stderr) = attain_p(&[
        &"report",
        &unit(),
        &"--as-of",
        &"2026-06",
        &"--out",
        &bad,
        &"--png",
        &"--font",
        &t.path().join("no-such-font.ttc"),
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("cannot draw the PNG charts"), "{stderr}");
    assert!(
        stderr.contains("apt-get install fonts-noto-cjk"),
        "{stderr}"
    );
    assert!(!bad.exists(), "nothing written");
}

#[test]
fn png_charts_with_a_cjk_font() {
    if attain_report_font_missing() {
        return;
    }
    let t = tmp();
    let out = t.path().join("r");
    let (code, _, stderr) = attain_p(&[
        &"report",
        &unit(),
        &"--as-of",
        &"2026-06",
        &"--out",
        &out,
        &"--format",
        &"md",
        &"--png",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let names = file_names(&out);
    for f in [
        "execution.png",
        "execution-1.png",
        "execution-4.png",
        "indicators.png",
    ] {
        assert!(names.iter().any(|n| n == f), "{f} in {names:?}");
        let bytes = std::fs::read(out.join(f)).unwrap();
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "{f} is a PNG");
        // Width and height from the IHDR chunk: the charts are drawn at scale 2.
        let dim = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
        let (w, h) = (dim(16), dim(20));
        if f.starts_with("execution") {
            assert_eq!((w, h), (1600, 960), "{f}");
        } else {
            assert!(w == 1600 && h > 200, "{f}: {w}×{h}");
        }
    }
}

/// Whether no CJK font is installed (then the PNG test skips, except under CI, which
/// installs one).
fn attain_report_font_missing() -> bool {
    use std::io::Write as _;
    let fonts = ["/usr/share/fonts", "/usr/local/share/fonts"];
    let found = fonts.iter().any(|d| has_cjk_font_file(Path::new(d)));
    if found {
        return false;
    }
    if crate::util::in_ci() {
        panic!("no CJK font under /usr/share/fonts; CI installs fonts-noto-cjk");
    }
    // Past the harness's capture, so that the skip shows.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED png_charts_with_a_cjk_font: no CJK font (apt-get install fonts-noto-cjk)"
    );
    true
}

fn has_cjk_font_file(dir: &Path) -> bool {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return false;
    };
    rd.filter_map(Result::ok).any(|e| {
        let p = e.path();
        let name = p
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_lowercase();
        if p.is_dir() {
            has_cjk_font_file(&p)
        } else {
            [
                "notosanscjk",
                "notoserifcjk",
                "wqy-",
                "sourcehansans",
                "droidsansfallback",
            ]
            .iter()
            .any(|k| name.contains(k))
        }
    })
}

#[test]
fn check_prints_a_ledger_to_reconcile() {
    let (code, stdout, stderr) = attain_p(&[&"check", &unit()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("actuals    142 rows in 12 files"),
        "{stdout}"
    );
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("actuals/2026-06.csv") && l.trim_end().ends_with("41")),
        "{stdout}"
    );
    let total = stdout.lines().find(|l| l.starts_with("total ")).unwrap();
    assert!(total.trim_end().ends_with("731.51  735.55"), "{total}");
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("环境国际合作及履约") && l.contains("112.80  116.00")),
        "{stdout}"
    );
}

/// Add a bad actuals file to a copy of the example unit; run report; return
/// (code, stderr, whether any output was written).
fn bad_actuals(name: &str, content: &[u8]) -> (i32, String, bool) {
    let t = tmp();
    let dir = t.path().join("unit");
    copy_unit(&unit(), &dir);
    std::fs::write(dir.join("actuals").join(name), content).unwrap();
    let out = t.path().join("out");
    let (code, _, stderr) = attain_p(&[&"report", &dir, &"--as-of", &"2026-06", &"--out", &out]);
    (code, stderr, out.exists())
}

const HEADER: &str = "month,item,value,note\n";

#[test]
fn unknown_item_suggests_the_closest_names() {
    let (code, err, written) = bad_actuals(
        "2026-07-extra.csv",
        format!("{HEADER}2026-07,接待外宾人数,5,\n").as_bytes(),
    );
    assert_eq!((code, written), (1, false));
    assert!(err.contains("error: unknown item `接待外宾人数`"), "{err}");
    assert!(
        err.contains("actuals/2026-07-extra.csv:2:9 (item)"),
        "{err}"
    );
    assert!(err.contains("did you mean `接待外宾人次`"), "{err}");
}

#[test]
fn month_outside_the_year_or_malformed() {
    let (code, err, written) = bad_actuals(
        "x.csv",
        format!("{HEADER}2025-12,接待外宾人次,5,\n").as_bytes(),
    );
    assert_eq!((code, written), (1, false));
    assert!(
        err.contains("month 2025-12 is outside the target year 2026")
            && err.contains("x.csv:2:1 (month)"),
        "{err}"
    );
    let (code, err, _) = bad_actuals(
        "x.csv",
        format!("{HEADER}2026-13,接待外宾人次,5,\n").as_bytes(),
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("`2026-13` is not a month; write it as 2026-06, 2026/6 or 2026年6月"),
        "{err}"
    );
}

#[test]
fn number_that_does_not_parse() {
    let (code, err, written) = bad_actuals(
        "x.csv",
        format!("{HEADER}2026-07,基本支出,四十,\n").as_bytes(),
    );
    assert_eq!((code, written), (1, false));
    assert!(
        err.contains("spending `四十` is not a number") && err.contains("x.csv:2:14 (value)"),
        "{err}"
    );
    let (code, err, _) = bad_actuals(
        "x.csv",
        format!("{HEADER}2026-07,设备完好率,98,\n").as_bytes(),
    );
    assert_eq!(code, 1);
    assert!(err.contains("`98` has no % sign"), "{err}");
}

#[test]
fn negative_count() {
    let (code, err, written) = bad_actuals(
        "x.csv",
        format!("{HEADER}2026-07,出访团组个数,-1,\n").as_bytes(),
    );
    assert_eq!((code, written), (1, false));
    assert!(
        err.contains("negative count -1 for `出访团组个数`"),
        "{err}"
    );
}

#[test]
fn grade_word_not_accepted() {
    let (code, err, written) = bad_actuals(
        "x.csv",
        format!("{HEADER}2026-07,预算管理制度健全性,良好,\n").as_bytes(),
    );
    assert_eq!((code, written), (1, false));
    assert!(
        err.contains("`良好` is not a grade `预算管理制度健全性` accepts"),
        "{err}"
    );
    assert!(
        err.contains("write one of: 健全 / 基本健全 / 不健全"),
        "{err}"
    );
}

#[test]
fn spending_on_a_parent_line() {
    let (code, err, written) =
        bad_actuals("x.csv", format!("{HEADER}2026-07,项目支出,5,\n").as_bytes());
    assert_eq!((code, written), (1, false));
    assert!(
        err.contains(
            "spending booked on `项目支出`, which has children (环境国际合作及履约, 办公设备购置)"
        ),
        "{err}"
    );
}

#[test]
fn the_same_month_and_item_twice_names_both_places() {
    let (code, err, written) = bad_actuals(
        "2026-07-late.csv",
        format!("{HEADER}2026/6,接待外宾人次,1,补报\n").as_bytes(),
    );
    assert_eq!((code, written), (1, false));
    assert!(
        err.contains("`接待外宾人次` has a second figure for 2026-06"),
        "{err}"
    );
    assert!(err.contains("2026-07-late.csv:2:8 (item)"), "{err}");
    let first_line = read(&unit().join("actuals/2026-06.csv"))
        .lines()
        .position(|l| l.contains(",接待外宾人次,"))
        .unwrap()
        + 1;
    assert!(
        err.contains(&format!("also: actuals/2026-06.csv:{first_line} (first)")),
        "{err}"
    );
}

#[test]
fn gbk_and_bom_actuals_and_excel_workbooks_give_the_same_report() {
    // The example folder already mixes UTF-8 with BOM (most months) and GB18030
    // (March, September). Convert June to a real .xlsx workbook, with the month typed
    // as an Excel date, and the report must not change.
    let t = tmp();
    let dir = t.path().join("unit");
    copy_unit(&unit(), &dir);
    let csv_path = dir.join("actuals/2026-06.csv");
    let text = read(&csv_path);
    std::fs::remove_file(&csv_path).unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let date_fmt = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm");
    for (r, line) in text.trim_start_matches('\u{feff}').lines().enumerate() {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(line.as_bytes());
        let rec = rdr.records().next().unwrap().unwrap();
        for (c, cell) in rec.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            if r > 0 && c == 0 {
                let d = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 6, 1).unwrap();
                ws.write_datetime_with_format(r, c, &d, &date_fmt).unwrap();
            } else if r > 0 && c == 2 && cell.parse::<rust_decimal::Decimal>().is_ok() {
                // Numbers as Excel numbers, as a user's sheet would have them.
                ws.write_number(r, c, cell.parse::<f64>().unwrap()).unwrap();
            } else {
                ws.write_string(r, c, cell).unwrap();
            }
        }
    }
    wb.save(dir.join("actuals/2026-06.xlsx")).unwrap();
    let a = progress(&unit(), "2026-06");
    let b = progress(&dir, "2026-06");
    assert_eq!(a, b);
    // A bad cell in a workbook is named by its spreadsheet address.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["月份", "项目", "数值"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "2026-07").unwrap();
    ws.write_string(1, 1, "出访团组个数").unwrap();
    ws.write_string(1, 2, "两个").unwrap();
    wb.save(dir.join("actuals/2026-07-bad.xlsx")).unwrap();
    let (code, _, err) = attain_p(&[&"check", &dir]);
    assert_eq!(code, 1);
    // `2026-07⇥出访团组个数⇥两个`: the value starts at character 16, in cell C2.
    assert!(
        err.contains("2026-07-bad.xlsx:2:16 (value, sheet Sheet1, cell C2)"),
        "{err}"
    );
}

#[test]
fn as_of_outside_the_year() {
    let (code, _, err) = attain_p(&[
        &"report",
        &unit(),
        &"--as-of",
        &"2027-01",
        &"--out",
        &tmp().path().join("r"),
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("--as-of 2027-01 is outside the unit's year 2026"),
        "{err}"
    );
}

/// A copy of the example unit with `expected = "<mode>"` and optional plan.csv.
fn unit_with_expected(mode: &str, plan: Option<&str>) -> tempfile::TempDir {
    let t = tmp();
    let dir = t.path().join("unit");
    copy_unit(&unit(), &dir);
    let toml = read(&dir.join("unit.toml")).replace(
        "expected = \"milestone\"",
        &format!("expected = \"{mode}\""),
    );
    std::fs::write(dir.join("unit.toml"), toml).unwrap();
    if let Some(p) = plan {
        std::fs::write(dir.join("plan.csv"), p).unwrap();
    }
    t
}

#[test]
fn expected_progress_linear_and_plan() {
    // m/12: March 3/12 = 0.25, September 0.75.
    let t = unit_with_expected("linear", None);
    let dir = t.path().join("unit");
    assert_eq!(progress(&dir, "2026-03")["execution"]["expected"], "0.2500");
    assert_eq!(progress(&dir, "2026-09")["execution"]["expected"], "0.7500");
    // The unit's own plan: 基本支出 49.38 a month (592.56 / 12), 环境国际合作及履约 5 in
    // March, 办公设备购置 nothing until April. By March: (3 × 49.38 + 5) / 735.55 =
    // 153.14 / 735.55 = 0.20820 → 0.2082; the line 5 / 116 = 0.0431.
    let mut plan = String::from("month,line,amount\n");
    for m in 1..=12 {
        plan.push_str(&format!("2026-{m:02},基本支出,49.38\n"));
    }
    for (m, a) in [
        (3, "5"),
        (4, "5"),
        (5, "5"),
        (6, "8"),
        (7, "10"),
        (8, "10"),
        (9, "20"),
        (10, "20"),
        (11, "18"),
        (12, "15"),
    ] {
        plan.push_str(&format!("2026-{m:02},环境国际合作及履约,{a}\n"));
    }
    plan.push_str("2026-04,办公设备购置,20\n2026-06,办公设备购置,5.99\n2026-08,办公设备购置,1\n");
    let t = unit_with_expected("plan", Some(&plan));
    let dir = t.path().join("unit");
    let j = progress(&dir, "2026-03");
    assert_eq!(j["execution"]["expected"], "0.2082");
    assert_eq!(line(&j, "环境国际合作及履约")["expected"], "0.0431");
    let md = read(&{
        let out = t.path().join("r");
        attain_p(&[&"report", &dir, &"--as-of", &"2026-03", &"--out", &out]);
        out.join("progress.md")
    });
    assert!(
        md.contains("计划进度按单位月度用款计划（plan.csv）计算"),
        "{md}"
    );
    // Plan mode without a plan: a warning, and the milestone path.
    let t = unit_with_expected("plan", None);
    let dir = t.path().join("unit");
    let out = t.path().join("r");
    let (code, _, err) = attain_p(&[&"report", &dir, &"--as-of", &"2026-03", &"--out", &out]);
    assert_eq!(code, 0);
    assert!(
        err.contains("settings.expected is `plan` but there is no plan.csv"),
        "{err}"
    );
    let j: Json = serde_json::from_str(&read(&out.join("progress.json"))).unwrap();
    assert_eq!(j["execution"]["expected"], "0.2300");
}

/// Run `report --format xlsx` (and md, to compare) and open the workbook.
fn report_xlsx(
    dir: &Path,
    as_of: &str,
    lang: &str,
) -> (
    calamine::Xlsx<std::io::Cursor<Vec<u8>>>,
    Vec<u8>,
    tempfile::TempDir,
) {
    let t = tmp();
    let out = t.path().join("r");
    let (code, stdout, stderr) = attain_p(&[
        &"report",
        &dir,
        &"--as-of",
        &as_of,
        &"--format",
        &"xlsx,md",
        &"--lang",
        &lang,
        &"--ids",
        &"--out",
        &out,
    ]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    let wrote = if lang == "zh" {
        "已写入 progress.xlsx、progress.md，位于"
    } else {
        "wrote progress.xlsx, progress.md to"
    };
    assert!(stdout.contains(wrote), "{stdout}");
    assert!(!out.join("progress.json").exists() && !out.join("progress.csv").exists());
    let bytes = std::fs::read(out.join("progress.xlsx")).unwrap();
    let wb = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.clone()))
        .expect("attain writes a workbook calamine can read");
    (wb, bytes, t)
}

#[test]
fn report_writes_an_excel_workbook() {
    use calamine::{Data, Reader};
    use rust_decimal::prelude::ToPrimitive;
    use rust_decimal_macros::dec;
    let (mut wb, bytes, _t) = report_xlsx(&unit(), "2026-06", "zh");
    assert_eq!(
        wb.sheet_names(),
        [
            "预算执行",
            "绩效指标",
            "备注",
            "数据核对：报送值与推算值不符"
        ]
    );
    let s = wb.worksheet_range("预算执行").unwrap();
    let total = s
        .rows()
        .find(|r| r.first() == Some(&Data::String("合计".into())))
        .expect("a total row");
    // Budget, spent and rate are numbers, not text: 735.55, 303.05, 0.4120.
    assert_eq!(
        &total[1..4],
        [
            Data::Float(dec!(735.55).to_f64().unwrap()),
            Data::Float(dec!(303.05).to_f64().unwrap()),
            Data::Float(dec!(0.412).to_f64().unwrap()),
        ]
    );
    let style = wb.worksheet_style("预算执行").unwrap();
    let row = s.rows().position(|r| r.first() == total.first()).unwrap() as u32;
    let format = style
        .get((row + s.start().unwrap().0, 3))
        .and_then(|st| st.number_format.clone())
        .map(|f| f.format_code);
    assert_eq!(format.as_deref(), Some("0.00%"));
    let ind = wb.worksheet_range("绩效指标").unwrap();
    let v = ind
        .rows()
        .find(|r| r.get(3) == Some(&Data::String("接待外宾人次".into())))
        .expect("接待外宾人次");
    assert_eq!(v[7], Data::Float(24.0));
    assert!(
        matches!(&v[10], Data::String(l) if l.contains('蓝')),
        "{v:?}"
    );
    // A second run writes the same bytes.
    let (_, again, _t2) = report_xlsx(&unit(), "2026-06", "zh");
    assert!(bytes == again, "two runs wrote different workbooks");
    // In English.
    let (mut wb, _, _t3) = report_xlsx(&unit(), "2026-06", "en");
    assert_eq!(
        wb.sheet_names(),
        [
            "Execution",
            "Indicators",
            "Notes",
            "Reported vs derived figures"
        ]
    );
    let ind = wb.worksheet_range("Indicators").unwrap();
    assert!(ind
        .rows()
        .any(|r| r.get(3) == Some(&Data::String("接待外宾人次".into()))
            && matches!(r.get(10), Some(Data::String(l)) if l.contains("blue"))));
}

#[test]
fn default_formats_are_md_json_csv_html_svg() {
    let t = tmp();
    let out = t.path().join("r");
    let (code, stdout, stderr) =
        attain_p(&[&"report", &unit(), &"--as-of", &"2026-06", &"--out", &out]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("wrote progress.md, progress.json, progress.csv, progress.html, execution.svg, execution-1.svg"),
        "{stdout}"
    );
    assert!(!out.join("progress.xlsx").exists());
}

#[test]
fn a_level_moves_from_its_half_year_to_its_full_year_target_after_june() {
    // 重点国家合作比率 ≥20% / ≥50%, 25 % reported in June: in July the expected level is
    // 20 % + (50 % − 20 %) × 1/6 = 25 %, so 25 % is on track (green), not red.
    let j = progress(&unit(), "2026-07");
    let b = indicator(&j, "重点国家合作比率");
    assert_eq!(
        (
            b["actual"].as_str(),
            b["expected"].as_str(),
            b["light"].as_str()
        ),
        (Some("0.2500"), Some("0.2500"), Some("green"))
    );
}

#[test]
fn a_full_width_point_is_an_error_not_a_crash() {
    let (code, err, written) = bad_actuals(
        "x.csv",
        format!("{HEADER}2026-07,接待外宾人次,3．,\n").as_bytes(),
    );
    assert_eq!((code, written), (1, false));
    assert!(
        err.contains("error: `3．`: the unit `．` is not the indicator's unit `人次`"),
        "{err}"
    );
    assert!(err.contains("x.csv:2:16 (value)"), "{err}");
}

#[test]
fn a_bare_rate_above_one_is_read_with_a_warning() {
    // `3` for 预算调整率 is read as the fraction 3 (300 %), and the user is told.
    let (code, err, written) = bad_actuals(
        "x.csv",
        format!("{HEADER}2026-07,预算调整率,3,\n").as_bytes(),
    );
    assert_eq!((code, written), (0, true), "{err}");
    assert!(
        err.contains("warning: `3` has no % sign and is read as the fraction 3, i.e. 300%"),
        "{err}"
    );
    assert!(err.contains("if you meant 3%, write 3%"), "{err}");
}

#[test]
fn spending_above_the_budget_warns_is_never_green_and_the_chart_stays_small() {
    // 40 more on 办公设备购置 in August: 18.45 + 40 = 58.45 of 26.99 (216.6 %) by
    // August, 66.15 in the year; above the budget but under 3 ×: the report still comes out (warnings do not stop
    // it), the user is told, the line is red, and the chart keeps about ten gridlines.
    let t = tmp();
    let dir = t.path().join("unit");
    copy_unit(&unit(), &dir);
    std::fs::write(
        dir.join("actuals/2026-08-extra.csv"),
        format!("{HEADER}2026-08,办公设备购置,40,\n"),
    )
    .unwrap();
    let out = t.path().join("r");
    let (code, _, err) = attain_p(&[
        &"report",
        &dir,
        &"--as-of",
        &"2026-08",
        &"--out",
        &out,
        &"--format",
        &"json,svg",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("warning: spending on `办公设备购置` adds up to 66.15 万元 in the year, above its full-year budget of 26.99 万元"), "{err}");
    assert!(err.contains("budget.csv:5"), "{err}");
    let j: Json = serde_json::from_str(&read(&out.join("progress.json"))).unwrap();
    assert_eq!(line(&j, "办公设备购置")["rate"], "2.1656");
    // Over 100 % of a line's budget is never green (issue 10; main gave green).
    assert_eq!(line(&j, "办公设备购置")["light"], "red");
    let svg = read(&out.join("execution-4.svg"));
    assert!(svg.len() < 40_000, "{} bytes", svg.len());
}

/// A user's note cannot make Markdown markup or an Excel formula: in progress.md a
/// line break in a note is a space (no heading) and link syntax is escaped; in
/// progress.csv a note or target starting with `=`, `+`, `-` or `@` is text.
#[test]
fn notes_cannot_inject_markdown_or_formulas() {
    let t = tmp();
    let dir = t.path().join("unit");
    copy_unit(&unit(), &dir);
    std::fs::write(
        dir.join("actuals/2026-06b.csv"),
        "month,item,value,note\n\
         2026-05,接待团组个数,0,\"=HYPERLINK(\"\"http://x\"\")\n# 标题 [链接](http://x)\"\n",
    )
    .unwrap();
    let out = t.path().join("r");
    let (code, stdout, stderr) = attain_p(&[
        &"report",
        &dir,
        &"--as-of",
        &"2026-06",
        &"--format",
        &"md,csv",
        &"--out",
        &out,
    ]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    let md = read(&out.join("progress.md"));
    assert!(!md.lines().any(|l| l.starts_with("# 标题")), "{md}");
    let note = md
        .lines()
        .find(|l| l.contains("HYPERLINK"))
        .expect("the note is listed");
    assert!(note.starts_with("- 接待团组个数（2026-05）："), "{note}");
    assert!(note.contains("\\# 标题 \\[链接\\](http://x)"), "{note}");
    let csv = read(&out.join("progress.csv"));
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let cells: Vec<String> = r
        .records()
        .flat_map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
        .collect();
    for c in &cells {
        let formula = c.starts_with(['=', '+', '@', '\t', '\r'])
            || (c.starts_with('-') && c.parse::<f64>().is_err());
        assert!(!formula, "a cell Excel would run: {c:?}");
    }
    assert!(
        cells.iter().any(|c| c == "'=46%"),
        "the =46% target as text"
    );
}

#[test]
fn spending_far_above_the_budget_is_an_error_with_the_wan_hint() {
    // 482000 written in 元 instead of 48.20 万元: more than 3 × the line's budget
    // (settings.far_over_budget) is an error naming the file, line and cell, with
    // the 万元 hint; nothing is written (main: a warning, exit 0, ● 绿 at 71 545 %).
    let t = tmp();
    let dir = t.path().join("unit");
    copy_unit(&unit(), &dir);
    std::fs::write(
        dir.join("actuals/2026-08-extra.csv"),
        format!("{HEADER}2026-08,办公设备购置,482000,\n"),
    )
    .unwrap();
    let out = t.path().join("r");
    let (code, _, err) = attain_p(&[&"report", &dir, &"--as-of", &"2026-08", &"--out", &out]);
    assert_eq!(code, 1, "{err}");
    assert!(!out.exists());
    assert!(
        err.contains("spending 482000 万元 on `办公设备购置` in one month is more than 3 times its full-year budget of 26.99 万元"),
        "{err}"
    );
    assert!(err.contains("2026-08-extra.csv:2:"), "{err}");
    assert!(err.contains("write 48.2 (÷ 10000)"), "{err}");
    // Spread over months, the year's total is caught too, naming the largest month.
    std::fs::write(
        dir.join("actuals/2026-08-extra.csv"),
        format!("{HEADER}2026-08,办公设备购置,60,\n2026-10,办公设备购置,50,\n"),
    )
    .unwrap();
    let (code, _, err) = attain_p(&[&"check", &dir]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("adds up to 136.15 万元 in the year, more than 3 times its full-year budget of 26.99 万元"),
        "{err}"
    );
    assert!(
        err.contains("2026-08-extra.csv:2 (the largest month, 2026-08)"),
        "{err}"
    );
    // The limit is a setting.
    let toml =
        read(&dir.join("unit.toml")).replace("far_over_budget = \"3\"", "far_over_budget = \"6\"");
    std::fs::write(dir.join("unit.toml"), toml).unwrap();
    let (code, _, err) = attain_p(&[&"check", &dir]);
    assert_eq!(code, 0, "{err}");
}

/// The legend states the unit's own light thresholds (settings.lights), so it never
/// contradicts the lights in the table.
#[test]
fn the_legend_states_the_units_light_thresholds() {
    let t = tmp();
    let dir = t.path().join("u");
    copy_unit(&unit(), &dir);
    let toml = read(&dir.join("unit.toml"))
        .replace("red_below = \"60\"", "red_below = \"50\"")
        .replace("yellow_below = \"80\"", "yellow_below = \"90\"")
        .replace("blue_from = \"120\"", "blue_from = \"150\"");
    std::fs::write(dir.join("unit.toml"), toml).unwrap();
    let out = t.path().join("r");
    let (code, _, err) = attain_p(&[
        &"report",
        &dir,
        &"--as-of",
        &"2026-06",
        &"--format",
        &"md",
        &"--out",
        &out,
    ]);
    assert_eq!(code, 0, "{err}");
    let md = read(&out.join("progress.md"));
    assert!(
        md.contains("● 绿（≥90%）▲ 黄（50%–90%）■ 红（\\<50%）◆ 蓝（≥150%，请复核目标）"),
        "{md}"
    );
    // The example's own settings give the documented defaults.
    let (code, _, err) = attain_p(&[
        &"report",
        &unit(),
        &"--as-of",
        &"2026-06",
        &"--format",
        &"md",
        &"--out",
        &out,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(read(&out.join("progress.md"))
        .contains("● 绿（≥80%）▲ 黄（60%–80%）■ 红（\\<60%）◆ 蓝（≥120%，请复核目标）"));
}

/// In December the indicator table gives the full-year verdict in every table format
/// (before, the column is empty): 设备完好率 95 % against =100 % is not met.
#[test]
fn december_tables_give_the_full_year_verdict() {
    let t = tmp();
    let out = t.path().join("r");
    for (m, fy) in [("2026-12", "未达成"), ("2026-06", "")] {
        let (code, _, err) = attain_p(&[
            &"report",
            &unit(),
            &"--as-of",
            &m,
            &"--format",
            &"md,csv",
            &"--out",
            &out,
        ]);
        assert_eq!(code, 0, "{err}");
        let md = read(&out.join("progress.md"));
        let row = md.lines().find(|l| l.contains("| 设备完好率 |")).unwrap();
        assert!(
            row.ends_with(&format!("| {fy} |").replace("|  |", "|  |")),
            "{m}: {row}"
        );
        let csv = read(&out.join("progress.csv"));
        assert!(csv.contains("半年判定,全年判定"), "{csv}");
        let row = csv.lines().find(|l| l.contains(",设备完好率,")).unwrap();
        assert!(row.ends_with(&format!(",{fy}")), "{m}: {row}");
    }
}

#[test]
fn a_month_on_the_command_line_is_refused_in_the_locales_language() {
    for (locale, said) in [
        (
            "zh_CN.UTF-8",
            "“2026-13”不是月份，请写成 2026-06、2026/6 或 2026年6月",
        ),
        (
            "en_US.UTF-8",
            "`2026-13` is not a month; write it as 2026-06, 2026/6 or 2026年6月",
        ),
    ] {
        let out = crate::util::bin()
            .env("LC_ALL", locale)
            .args(["report", "no-such-unit", "--as-of", "2026-13"])
            .output()
            .expect("the attain binary runs");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(said), "{locale}: {err}");
    }
}
