//! Deterministic synthetic portfolios (`attain gen`) for tests and benchmarks: many
//! units sharing one target template, with varied budgets, budget lines, spending
//! rhythms, late and missing months and, on request, bad rows; written as unit
//! folders, as the export shape of a budget system, or both.
//!
//! Unit *i* depends only on the seed and *i*: a portfolio of 200 units is the first
//! 200 units of one of 100 000 with the same seed. Money is generated in whole cents
//! from integers (no floating point).

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use attain_core::weights::split;
use attain_core::Decimal;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::diag::Diagnostic;

/// What to generate.
#[derive(Debug, Clone)]
pub struct GenOptions {
    pub units: usize,
    pub seed: u64,
    pub year: u16,
    /// Indicators per unit (the template's size); 45 is the example unit's.
    pub indicators: usize,
    /// Write unit folders (`<out>/folders/<key>/…`).
    pub folders: bool,
    /// Write the export shape (`<out>/export/…`).
    pub export: bool,
    /// Units that get one bad row each (spread over the portfolio).
    pub bad_units: usize,
    /// Spending as one row per payment with its date (the detail form) instead of one
    /// figure per line and month.
    pub detail: bool,
}

impl Default for GenOptions {
    fn default() -> Self {
        GenOptions {
            units: 10,
            seed: 1,
            year: 2026,
            indicators: 45,
            folders: true,
            export: true,
            bad_units: 0,
            detail: false,
        }
    }
}

/// What kind of indicator a template row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Execution,
    Grade,
    /// A rate reported as a level (`latest`), target =100 % or ≥ x %.
    Rate,
    /// A monthly count (`sum`).
    Count,
}

#[derive(Debug, Clone)]
struct TemplateRow {
    id: String,
    level1: &'static str,
    level2: &'static str,
    name: String,
    kind: Kind,
    h1: String,
    fy: String,
    weight: Decimal,
    /// Full-year target of a count or rate (a count's per-year total, a rate's %).
    fy_number: u32,
}

const GRADE_NAMES: &[&str] = &[
    "中长期规划制定健全性",
    "工作计划制定健全性",
    "预算管理制度健全性",
    "资产管理制度健全性",
    "项目管理制度健全性",
    "人员管理制度健全性",
];
const RATE_NAMES: &[&str] = &[
    "支付进度符合率",
    "政府采购执行率",
    "绩效管理覆盖率",
    "固定资产利用率",
    "组织建设工作及时完成率",
    "业务学习与培训及时完成率",
    "设备完好率",
    "服务对象满意度",
];
const COUNT_NAMES: &[(&str, &str)] = &[
    ("专项检查次数", "次"),
    ("培训人次", "人次"),
    ("服务企业场次", "场"),
    ("举办会议次数", "次"),
    ("设备采购数量", "台"),
    ("宣传活动次数", "次"),
    ("调研报告数量", "篇"),
];

/// The shared target template: `n` indicators (at least 6) over the five blocks of a
/// department-overall table, weights 决策 10, 过程 20 (预算执行率 10), 履职 40, 效益 20,
/// 满意度 10, split in cents.
fn template(n: usize) -> Vec<TemplateRow> {
    let n = n.max(6);
    // Shares of the example unit (6, 25, 9, 4, 1 of 45), each block at least one row
    // (过程 at least two: 预算执行率 and one more).
    let mut sizes = [
        (6 * n / 45).max(1),
        0,
        (9 * n / 45).max(1),
        (4 * n / 45).max(1),
        1,
    ];
    sizes[1] = n - sizes.iter().sum::<usize>();
    let blocks: [(&str, &str, &str, u32); 5] = [
        ("决策", "DEC", "计划制定", 10),
        ("过程", "PRO", "预算管理", 10),
        ("履职", "DUT", "重点工作", 40),
        ("效益", "BEN", "社会效益", 20),
        ("满意度", "SAT", "服务对象满意度", 10),
    ];
    let mut rows = Vec::new();
    let mut serial = 0usize;
    for (b, &(level1, prefix, level2, points)) in blocks.iter().enumerate() {
        let count = sizes[b];
        let weights = split(
            Decimal::from(points),
            count - usize::from(b == 1),
            Decimal::new(1, 2),
        );
        let mut k = 0;
        if b == 1 {
            rows.push(TemplateRow {
                id: format!("{prefix}-01"),
                level1,
                level2: "预算执行",
                name: "预算执行率".into(),
                kind: Kind::Execution,
                h1: "=46%".into(),
                fy: "=100%".into(),
                weight: Decimal::TEN,
                fy_number: 100,
            });
            k = 1;
        }
        for w in weights {
            serial += 1;
            let suffix = |base: &str| {
                if serial > 7 {
                    format!("{base}（{serial}）")
                } else {
                    base.to_string()
                }
            };
            let id = format!("{prefix}-{:02}", k + 1);
            k += 1;
            let row = match (b, serial % 3) {
                (0, _) => {
                    let name = suffix(GRADE_NAMES[serial % GRADE_NAMES.len()]);
                    TemplateRow {
                        id,
                        level1,
                        level2,
                        name,
                        kind: Kind::Grade,
                        h1: "健全".into(),
                        fy: "健全".into(),
                        weight: w,
                        fy_number: 0,
                    }
                }
                (4, _) | (1, _) | (_, 0) => {
                    let name = suffix(RATE_NAMES[serial % RATE_NAMES.len()]);
                    let pct = if b == 4 { 90 } else { 100 };
                    let t = if b == 4 {
                        format!("≥{pct}%")
                    } else {
                        format!("={pct}%")
                    };
                    TemplateRow {
                        id,
                        level1,
                        level2,
                        name,
                        kind: Kind::Rate,
                        h1: t.clone(),
                        fy: t,
                        weight: w,
                        fy_number: pct,
                    }
                }
                _ => {
                    let (base, unit) = COUNT_NAMES[serial % COUNT_NAMES.len()];
                    let fy = 4 + (serial as u32 * 7) % 20;
                    TemplateRow {
                        id,
                        level1,
                        level2,
                        name: suffix(base),
                        kind: Kind::Count,
                        h1: format!("≥{}{unit}", fy * 2 / 5),
                        fy: format!("≥{fy}{unit}"),
                        weight: w,
                        fy_number: fy,
                    }
                }
            };
            rows.push(row);
        }
    }
    // Names must be unique: number any repeat.
    let mut seen = std::collections::HashSet::new();
    for r in &mut rows {
        if !seen.insert(r.name.clone()) {
            r.name = format!("{}（{}）", r.name, r.id);
            seen.insert(r.name.clone());
        }
    }
    rows
}

fn targets_csv(rows: &[TemplateRow]) -> String {
    let mut s = String::from("id,level1,level2,key_work,name,h1_target,fy_target,weight,measure\n");
    for r in rows {
        let measure = match r.kind {
            Kind::Execution => "execution",
            Kind::Grade => "grade",
            Kind::Rate => "latest",
            Kind::Count => "sum",
        };
        let _ = writeln!(
            s,
            "{},{},{},,{},{},{},{},{measure}",
            r.id, r.level1, r.level2, r.name, r.h1, r.fy, r.weight
        );
    }
    s
}

fn unit_toml(name: &str, year: u16, budget: Option<Decimal>) -> String {
    let mut s = format!(
        "# attain unit file (generated by `attain gen`).\n\n[unit]\nname = \"{name}\"\nyear = {year}\n"
    );
    if let Some(b) = budget {
        let _ = write!(
            s,
            "\n[income]\ntotal = \"{b}\"\n\n[[income.sources]]\nname = \"一般公共预算资金\"\namount = \"{b}\"\n"
        );
    }
    s.push_str("\n[settings]\nexpected = \"milestone\"\n");
    s
}

const CITIES: &[&str] = &[
    "南京市",
    "无锡市",
    "徐州市",
    "常州市",
    "苏州市",
    "南通市",
    "连云港市",
    "淮安市",
    "盐城市",
    "扬州市",
    "镇江市",
    "泰州市",
    "宿迁市",
];
const OFFICES: &[&str] = &[
    "生态环境局",
    "教育局",
    "卫生健康委员会",
    "交通运输局",
    "农业农村局",
    "水务局",
    "文化广电和旅游局",
    "市场监督管理局",
    "自然资源和规划局",
    "应急管理局",
];
const PROJECTS: &[&str] = &[
    "信息化建设",
    "专项整治",
    "设备购置",
    "业务培训",
    "宣传教育",
    "监测运维",
    "课题研究",
];

/// One generated unit.
#[derive(Debug, Clone)]
struct GenUnit {
    key: String,
    name: String,
    /// (name, parent, h1 plan, budget), parents before children.
    lines: Vec<(String, Option<String>, Decimal, Decimal)>,
    /// (month, item, value, note) rows, in month order; in the detail form the month
    /// cell of spending rows is a date.
    rows: Vec<(String, String, String, String)>,
}

fn cents(c: i64) -> Decimal {
    Decimal::new(c, 2)
}

/// Share of the year's budget spent in each month, in per-mille, by rhythm.
fn rhythm(kind: u32) -> [i64; 12] {
    match kind {
        // Even.
        0 => [83, 83, 83, 83, 83, 84, 83, 83, 83, 84, 84, 84],
        // Back-loaded (year-end rush).
        1 => [40, 45, 55, 60, 65, 70, 75, 80, 90, 100, 140, 180],
        // Front-loaded.
        2 => [120, 110, 100, 95, 90, 85, 80, 75, 70, 65, 55, 55],
        // Late start.
        _ => [10, 20, 50, 80, 90, 100, 100, 100, 110, 110, 110, 120],
    }
}

fn unit(i: usize, opts: &GenOptions, template: &[TemplateRow]) -> GenUnit {
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    rng.set_stream(i as u64);
    let key = format!("U{:06}", i + 1);
    let name = format!(
        "{}{}（{:06}）",
        CITIES[rng.random_range(0..CITIES.len())],
        OFFICES[rng.random_range(0..OFFICES.len())],
        i + 1
    );
    // Budgets from 50 万元 to about 20 000 万元, spread over orders of magnitude.
    let scale = [5_000i64, 50_000, 500_000, 2_000_000][rng.random_range(0..4usize)];
    let basic = rng.random_range(scale..scale * 10);
    // Larger templates come with more project lines (about one per 11 indicators,
    // as in big departments); the example size has one to four.
    let projects = if opts.indicators > 45 {
        opts.indicators / 11
    } else {
        rng.random_range(1..=4usize)
    };
    let mut kids = Vec::new();
    for p in 0..projects {
        let amount = rng.random_range(scale / 5..scale * 3);
        kids.push((
            format!("{}{}", PROJECTS[(i + p) % PROJECTS.len()], p + 1),
            amount,
        ));
    }
    let year = opts.year;
    // Half-year plans of 45.5 % to 46.5 % of the budget: within the 1 % tolerance of
    // the 46 % target.
    let h1_share = rng.random_range(455..=465i64);
    let h1 = |c: i64| cents(c * h1_share / 1000);
    let project_total: i64 = kids.iter().map(|k| k.1).sum();
    let mut lines = vec![
        ("基本支出".to_string(), None, h1(basic), cents(basic)),
        (
            "项目支出".to_string(),
            None,
            Decimal::ZERO,
            cents(project_total),
        ),
    ];
    let mut kid_h1 = Decimal::ZERO;
    for (n, a) in &kids {
        kid_h1 += h1(*a);
        lines.push((n.clone(), Some("项目支出".into()), h1(*a), cents(*a)));
    }
    lines[1].2 = kid_h1;
    // Reporting: most units report every month; some stop early (late), some miss a
    // month of spending.
    let last = if rng.random_bool(0.1) {
        rng.random_range(8..=11u8)
    } else {
        12
    };
    let missing = rng.random_bool(0.1).then(|| rng.random_range(1..=last));
    let pace = rng.random_range(60..=110i64); // % of the rhythm actually spent
    let quality = rng.random_range(0..10u32); // higher is better
    let mut rows = Vec::new();
    let month = |m: u8| format!("{year}-{m:02}");
    for m in 1..=last {
        // Spending on the leaves.
        let leaves = std::iter::once(("基本支出".to_string(), basic, rng.random_range(0..4u32)))
            .chain(
                kids.iter()
                    .map(|(n, a)| (n.clone(), *a, rng.random_range(0..4u32))),
            )
            .collect::<Vec<_>>();
        if Some(m) != missing {
            for (leaf, budget, r) in leaves {
                let share = rhythm(r)[usize::from(m - 1)];
                let jitter = rng.random_range(90..=110i64);
                let c = budget * share * pace * jitter / 1000 / 100 / 100;
                if opts.detail {
                    // Two to four payments on days of the month that add up to `c`.
                    let n = rng.random_range(2..=4i64);
                    let mut left = c;
                    for k in 0..n {
                        let part = if k == n - 1 { left } else { c / n };
                        left -= part;
                        let day = rng.random_range(1..=28u8);
                        rows.push((
                            format!("{year}-{m:02}-{day:02}"),
                            leaf.clone(),
                            cents(part).to_string(),
                            String::new(),
                        ));
                    }
                } else {
                    rows.push((month(m), leaf, cents(c).to_string(), String::new()));
                }
            }
        }
        for t in template {
            match t.kind {
                Kind::Execution => {}
                Kind::Grade if m == 6 || m == 12 => {
                    let word = match quality {
                        0 => "不健全",
                        1..=2 => "基本健全",
                        _ => "健全",
                    };
                    rows.push((month(m), t.name.clone(), word.into(), String::new()));
                }
                Kind::Grade => {}
                Kind::Rate if m % 3 == 0 => {
                    let low = 55 + quality * 5;
                    let v = rng.random_range(low..=100u32);
                    rows.push((month(m), t.id.clone(), format!("{v}%"), String::new()));
                }
                Kind::Rate => {}
                Kind::Count => {
                    // About the full-year target spread over the months, with gaps.
                    if rng.random_range(0..12u32) < 7 {
                        let per = (t.fy_number * (6 + quality) / 10 / 6).max(1);
                        let v = rng.random_range(0..=per * 2);
                        if v > 0 {
                            rows.push((month(m), t.name.clone(), v.to_string(), String::new()));
                        }
                    }
                }
            }
        }
    }
    if let Some(r) = rows.first_mut() {
        if pace < 70 {
            r.3 = "项目招标延后，支出进度滞后".into();
        }
    }
    GenUnit {
        key,
        name,
        lines,
        rows,
    }
}

/// Whether unit `i` of `n` gets a bad row when `bad` units should.
fn is_bad(i: usize, n: usize, bad: usize) -> bool {
    bad > 0 && i.is_multiple_of((n / bad.min(n)).max(1)) && i / (n / bad.min(n)).max(1) < bad
}

/// Spoil one row of a unit: an unknown item, a month outside the year, or a value that
/// is not a number, by the unit's number.
fn spoil(u: &mut GenUnit, i: usize, year: u16) {
    let Some(r) = u.rows.get_mut(i % 7) else {
        return;
    };
    match i % 3 {
        0 => r.1 = "不存在的项目".into(),
        1 => r.0 = format!("{}-13", year),
        _ => r.2 = "十二".into(),
    }
}

/// Write the portfolio under `out`: `folders/<key>/` (unit.toml, targets.csv,
/// budget.csv, actuals/<year>.csv) and `export/` (unit.toml and targets.csv shared by
/// every unit, units.csv, budget.csv and actuals.csv with a `unit` column). Returns
/// the folders written.
pub fn generate(out: &Path, opts: &GenOptions) -> Result<Vec<PathBuf>, Diagnostic> {
    let io = |e: std::io::Error, p: &Path| {
        Diagnostic::error(attain_core::msg::gen::cannot_write(e))
            .in_file(p)
            .help(attain_core::msg::gen::cannot_write_help())
    };
    let template = template(opts.indicators);
    let targets = targets_csv(&template);
    let mut written = Vec::new();
    let quote = |s: &str| {
        if s.contains([',', '"', '\n']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut export = None;
    if opts.export {
        let dir = out.join("export");
        std::fs::create_dir_all(&dir).map_err(|e| io(e, &dir))?;
        std::fs::write(dir.join("targets.csv"), &targets).map_err(|e| io(e, &dir))?;
        std::fs::write(
            dir.join("unit.toml"),
            unit_toml("（各单位共用模板）", opts.year, None),
        )
        .map_err(|e| io(e, &dir))?;
        let open = |name: &str, header: &str| -> Result<_, Diagnostic> {
            let p = dir.join(name);
            let f = std::fs::File::create(&p).map_err(|e| io(e, &p))?;
            let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
            w.write_all(header.as_bytes()).map_err(|e| io(e, &p))?;
            Ok((w, p))
        };
        export = Some((
            open("units.csv", "unit,name\n")?,
            open("budget.csv", "unit,name,parent,h1_plan,budget\n")?,
            open(
                "actuals.csv",
                if opts.detail {
                    "unit,date,item,value,note\n"
                } else {
                    "unit,month,item,value,note\n"
                },
            )?,
        ));
        written.push(dir);
    }
    let folders = out.join("folders");
    if opts.folders {
        std::fs::create_dir_all(&folders).map_err(|e| io(e, &folders))?;
        written.push(folders.clone());
    }
    for i in 0..opts.units {
        let mut u = unit(i, opts, &template);
        if is_bad(i, opts.units, opts.bad_units) {
            spoil(&mut u, i, opts.year);
        }
        if let Some(((uw, up), (bw, bp), (aw, ap))) = export.as_mut() {
            writeln!(uw, "{},{}", u.key, quote(&u.name)).map_err(|e| io(e, up))?;
            for (n, p, h1, b) in &u.lines {
                writeln!(
                    bw,
                    "{},{},{},{h1},{b}",
                    u.key,
                    n,
                    p.as_deref().unwrap_or("")
                )
                .map_err(|e| io(e, bp))?;
            }
            for (m, item, v, note) in &u.rows {
                writeln!(aw, "{},{m},{item},{v},{}", u.key, quote(note)).map_err(|e| io(e, ap))?;
            }
        }
        if opts.folders {
            let dir = folders.join(&u.key);
            let adir = dir.join("actuals");
            std::fs::create_dir_all(&adir).map_err(|e| io(e, &adir))?;
            let total: Decimal = u.lines.iter().filter(|l| l.1.is_none()).map(|l| l.3).sum();
            std::fs::write(
                dir.join("unit.toml"),
                unit_toml(&u.name, opts.year, Some(total)),
            )
            .map_err(|e| io(e, &dir))?;
            std::fs::write(dir.join("targets.csv"), &targets).map_err(|e| io(e, &dir))?;
            let mut b = String::from("name,parent,h1_plan,budget\n");
            for (n, p, h1, bud) in &u.lines {
                let _ = writeln!(b, "{n},{},{h1},{bud}", p.as_deref().unwrap_or(""));
            }
            std::fs::write(dir.join("budget.csv"), b).map_err(|e| io(e, &dir))?;
            let mut a = String::from(if opts.detail {
                "date,item,value,note\n"
            } else {
                "month,item,value,note\n"
            });
            for (m, item, v, note) in &u.rows {
                let _ = writeln!(a, "{m},{item},{v},{}", quote(note));
            }
            let p = adir.join(format!("{}.csv", opts.year));
            std::fs::write(&p, a).map_err(|e| io(e, &p))?;
        }
    }
    if let Some(((mut uw, up), (mut bw, bp), (mut aw, ap))) = export {
        uw.flush().map_err(|e| io(e, &up))?;
        bw.flush().map_err(|e| io(e, &bp))?;
        aw.flush().map_err(|e| io(e, &ap))?;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_weights_add_up_and_names_are_unique() {
        for n in [6, 45, 441, 1321] {
            let t = template(n);
            assert_eq!(t.len(), n, "{n}");
            let total: Decimal = t.iter().map(|r| r.weight).sum();
            assert_eq!(total, Decimal::ONE_HUNDRED, "{n}");
            let names: std::collections::HashSet<_> = t.iter().map(|r| &r.name).collect();
            assert_eq!(names.len(), n);
            assert_eq!(t.iter().filter(|r| r.kind == Kind::Execution).count(), 1);
        }
    }

    #[test]
    fn a_unit_depends_on_seed_and_index_only() {
        let opts = GenOptions::default();
        let t = template(45);
        let a = unit(7, &opts, &t);
        let b = unit(
            7,
            &GenOptions {
                units: 100_000,
                ..opts.clone()
            },
            &t,
        );
        assert_eq!(a.rows, b.rows);
        assert_eq!(a.name, b.name);
        let c = unit(7, &GenOptions { seed: 2, ..opts }, &t);
        assert_ne!(a.rows, c.rows);
        // Children add up to their parent.
        let kids: Decimal = a.lines.iter().filter(|l| l.1.is_some()).map(|l| l.3).sum();
        assert_eq!(kids, a.lines[1].3);
    }

    #[test]
    fn bad_units_are_spread_and_counted() {
        let n = 200;
        let bad = (0..n).filter(|&i| is_bad(i, n, 5)).count();
        assert_eq!(bad, 5);
        assert_eq!((0..n).filter(|&i| is_bad(i, n, 0)).count(), 0);
    }
}
