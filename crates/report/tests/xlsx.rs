//! progress.xlsx read back: the example unit's June report rendered to a workbook and
//! read with calamine (values, number formats) and as raw XML inside the zip (layout,
//! print setup, document properties).

use std::io::{Cursor, Read as _};
use std::path::Path;

use attain_core::progress::Inputs;
use attain_core::Month;
use attain_report::progress::{build, ProgressReport};
use attain_report::write::xlsx::{XlsxError, EXECUTION_HEADER_ROW};
use attain_report::Lang;
use calamine::{open_workbook_from_rs, Data, Range, Reader, Xlsx};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn june() -> ProgressReport {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/jiangsu-wb-office-2026");
    let loaded = attain_ingest::load_all(&dir).expect("the example unit loads");
    let inputs = Inputs {
        model: &loaded.unit.model,
        actuals: &loaded.actuals.actuals,
        plan: loaded.plan.as_ref(),
    };
    let progress = inputs.evaluate(Month::new(2026, 6).expect("a month"));
    build(&loaded.unit.model, &progress)
}

fn xlsx(r: &ProgressReport, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    attain_report::write::xlsx::write(&attain_report::document::progress(r, lang, true))
}

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("a workbook calamine reads")
}

fn sheet(wb: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> Range<Data> {
    wb.worksheet_range(name)
        .unwrap_or_else(|e| panic!("sheet {name}: {e}"))
}

/// The row whose column `col` is the string `text`.
fn row_of(range: &Range<Data>, col: u32, text: &str) -> u32 {
    (range.start().unwrap().0..=range.end().unwrap().0)
        .find(|r| range.get_value((*r, col)) == Some(&Data::String(text.into())))
        .unwrap_or_else(|| panic!("no row with `{text}` in column {col}"))
}

fn cell(range: &Range<Data>, row: u32, col: u32) -> Data {
    range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

fn number(d: Decimal) -> Data {
    Data::Float(d.to_f64().unwrap())
}

/// The number format of a cell, as Excel's format code.
fn format_of(wb: &mut Xlsx<Cursor<Vec<u8>>>, sheet: &str, row: u32, col: u32) -> String {
    let styles = wb.worksheet_style(sheet).unwrap();
    styles
        .get((row, col))
        .and_then(|s| s.number_format.as_ref())
        .map(|f| f.format_code.clone())
        .unwrap_or_else(|| "General".into())
}

/// A file inside the xlsx zip, as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_string(&mut s)
        .unwrap();
    s
}

#[test]
fn sheets_are_named_and_ordered() {
    let r = june();
    let wb = open(&xlsx(&r, Lang::Zh).unwrap());
    // June's cross-check (支付进度符合率 reported 92 %, 89.40 % derived) has its sheet.
    assert_eq!(
        wb.sheet_names(),
        [
            "预算执行",
            "绩效指标",
            "备注",
            "数据核对：报送值与推算值不符"
        ]
    );
    let wb = open(&xlsx(&r, Lang::En).unwrap());
    assert_eq!(
        wb.sheet_names(),
        [
            "Execution",
            "Indicators",
            "Notes",
            "Reported vs derived figures"
        ]
    );
    // Without notes there is no notes sheet.
    let mut quiet = r.clone();
    quiet.lines.iter_mut().for_each(|l| l.status.notes.clear());
    quiet
        .indicators
        .iter_mut()
        .for_each(|i| i.status.notes.clear());
    quiet.cross_checks.clear();
    let wb = open(&xlsx(&quiet, Lang::Zh).unwrap());
    assert_eq!(wb.sheet_names(), ["预算执行", "绩效指标"]);
}

#[test]
fn execution_total_is_numbers_with_number_formats() {
    let bytes = xlsx(&june(), Lang::Zh).unwrap();
    let mut wb = open(&bytes);
    let s = sheet(&mut wb, "预算执行");
    // Title and headline above the table.
    assert!(
        matches!(cell(&s, 0, 0), Data::String(t) if t.contains("2026 年度预算绩效月度进度（截至 6 月）"))
    );
    assert!(matches!(cell(&s, 1, 0), Data::String(t) if t.contains("预算执行率 41.20%")));
    assert_eq!(
        cell(&s, EXECUTION_HEADER_ROW, 2),
        Data::String("累计支出（万元）".into())
    );
    // The total is the last row of the table (the legend follows after a blank row).
    let t = row_of(&s, 0, "合计");
    assert_eq!(cell(&s, t + 1, 0), Data::Empty);
    assert!(matches!(cell(&s, t + 2, 0), Data::String(l) if l.starts_with("说明：")));
    // Budget 735.55, spent 303.05, rate 0.4120, expected (目标进度) 0.46, 序时进度
    // 6 ÷ 12 = 0.5, gap −4.80 pp and −35.30 万元, run-rate forecast 606.10, pace
    // 72.08 ((735.55 − 303.05) ÷ 6 rounded once; worked out in tests/integration/progress.rs).
    assert_eq!(
        cell(&s, EXECUTION_HEADER_ROW, 4),
        Data::String("目标进度（%）".into())
    );
    assert_eq!(
        cell(&s, EXECUTION_HEADER_ROW, 5),
        Data::String("序时进度（%）".into())
    );
    let want = [
        (1, dec!(735.55), "#,##0.00"),
        (2, dec!(303.05), "#,##0.00"),
        (3, dec!(0.412), "0.00%"),
        (4, dec!(0.46), "0.00%"),
        (5, dec!(0.5), "0.00%"),
        (6, dec!(-4.80), "0.00"),
        (7, dec!(-35.30), "#,##0.00"),
        (9, dec!(606.10), "#,##0.00"),
        (11, dec!(72.08), "#,##0.00"),
    ];
    for (col, value, fmt) in want {
        assert_eq!(cell(&s, t, col), number(value), "column {col}");
        assert_eq!(format_of(&mut wb, "预算执行", t, col), fmt, "column {col}");
    }
    assert_eq!(cell(&s, t, 8), Data::String("● 绿".into()));
    // Lines are indented by depth with Excel's indent, not with spaces in the name.
    let kid = row_of(&s, 0, "办公设备购置");
    assert_eq!(cell(&s, kid, 3), number(dec!(0.3705)));
    assert_eq!(cell(&s, kid, 8), Data::String("■ 红".into()));
    let styles = wb.worksheet_style("预算执行").unwrap();
    let indent = |row| {
        styles
            .get((row, 0))
            .and_then(|st| st.alignment.as_ref())
            .and_then(|a| a.indent)
            .unwrap_or(0)
    };
    assert_eq!((indent(row_of(&s, 0, "项目支出")), indent(kid)), (0, 1));
}

#[test]
fn numbers_carry_no_float_noise() {
    // Every number cell holds the double nearest to a decimal of at most 4 places:
    // its shortest representation has no more digits than that.
    let bytes = xlsx(&june(), Lang::Zh).unwrap();
    let mut wb = open(&bytes);
    let mut seen = 0;
    for name in ["预算执行", "绩效指标"] {
        for c in sheet(&mut wb, name).used_cells() {
            if let (_, _, Data::Float(f)) = c {
                seen += 1;
                let s = f.to_string();
                let decimals = s.split('.').nth(1).map_or(0, str::len);
                assert!(decimals <= 4, "{name} {:?}: {s}", (c.0, c.1));
            }
        }
    }
    assert!(seen > 100, "{seen} number cells");
}

#[test]
fn indicators_are_typed_and_lit() {
    let bytes = xlsx(&june(), Lang::Zh).unwrap();
    let mut wb = open(&bytes);
    let s = sheet(&mut wb, "绩效指标");
    assert_eq!(cell(&s, 0, 7), Data::String("累计实际".into()));
    assert_eq!(cell(&s, 0, 6), Data::String("单位".into()));
    // 接待外宾人次: 24 of an expected 15 → 160.00 % → blue.
    let r = row_of(&s, 3, "接待外宾人次");
    assert_eq!(cell(&s, r, 7), number(dec!(24)));
    assert_eq!(cell(&s, r, 8), number(dec!(15)));
    assert_eq!(cell(&s, r, 9), number(dec!(1.6)));
    assert_eq!(format_of(&mut wb, "绩效指标", r, 9), "0.00%");
    // Counts show their unit through the number format, not as text.
    assert_eq!(format_of(&mut wb, "绩效指标", r, 7), "General\"人次\"");
    assert!(matches!(cell(&s, r, 10), Data::String(l) if l.contains('蓝')));
    assert_eq!(cell(&s, r, 13), Data::String("达成".into()));
    // Rates are fractions with a percent format; grades are words.
    let e = row_of(&s, 3, "预算执行率");
    assert_eq!(cell(&s, e, 7), number(dec!(0.412)));
    assert_eq!(format_of(&mut wb, "绩效指标", e, 7), "0.00%");
    assert_eq!(cell(&s, e, 4), Data::String("=46%".into()));
    let g = row_of(&s, 3, "基础信息完善性");
    assert_eq!(cell(&s, g, 7), Data::String("基本完善".into()));
    assert!(matches!(cell(&s, g, 10), Data::String(l) if l.contains('黄')));
    assert_eq!(s.end().unwrap().0, 45, "a header and 45 indicators");
}

#[test]
fn english_labels() {
    let bytes = xlsx(&june(), Lang::En).unwrap();
    let mut wb = open(&bytes);
    let s = sheet(&mut wb, "Execution");
    let t = row_of(&s, 0, "Total");
    assert_eq!(cell(&s, t, 8), Data::String("● green".into()));
    let s = sheet(&mut wb, "Indicators");
    let r = row_of(&s, 3, "接待外宾人次");
    assert!(matches!(cell(&s, r, 10), Data::String(l) if l.contains("blue")));
    assert_eq!(cell(&s, r, 13), Data::String("met".into()));
    assert!(part(&bytes, "xl/worksheets/sheet1.xml").contains("Page &amp;P of &amp;N"));
}

#[test]
fn notes_sheet_lists_the_notes() {
    let bytes = xlsx(&june(), Lang::Zh).unwrap();
    let mut wb = open(&bytes);
    let s = sheet(&mut wb, "备注");
    assert_eq!(cell(&s, 0, 0), Data::String("备注".into()));
    row_of(
        &s,
        0,
        "环境国际合作及履约（2026-06）：出访与国际会议集中在下半年，上半年支出低于计划",
    );
}

#[test]
fn frozen_header_autofilter_and_print_setup() {
    let r = june();
    let bytes = xlsx(&r, Lang::Zh).unwrap();
    let s1 = part(&bytes, "xl/worksheets/sheet1.xml");
    // Header on row 4: frozen below it and right of the names; the filter covers the
    // lines but not the total, so sorting keeps the total last.
    let lines = r.lines.len() + 4;
    assert!(
        s1.contains(r#"topLeftCell="B5""#) && s1.contains(r#"state="frozen""#),
        "{s1}"
    );
    assert!(
        s1.contains(&format!(r#"<autoFilter ref="A4:L{lines}"/>"#)),
        "{s1}"
    );
    assert!(s1.contains(r#"<mergeCell ref="A2:L2"/>"#), "{s1}");
    for s in [&s1, &part(&bytes, "xl/worksheets/sheet2.xml")] {
        assert!(s.contains(r#"paperSize="9""#), "{s}");
        assert!(s.contains(r#"orientation="landscape""#), "{s}");
        assert!(
            s.contains(r#"fitToHeight="0""#) && s.contains(r#"<pageSetUpPr fitToPage="1"/>"#),
            "{s}"
        );
        assert!(
            s.contains("<oddFooter>&amp;L&amp;A&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter>"),
            "{s}"
        );
        assert!(s.contains("<col "), "{s}");
    }
    let s2 = part(&bytes, "xl/worksheets/sheet2.xml");
    assert!(s2.contains(r#"<autoFilter ref="A1:O46"/>"#), "{s2}");
    assert!(s2.contains(r#"topLeftCell="E2""#), "{s2}");
    // The header row repeats on every printed page.
    let wbx = part(&bytes, "xl/workbook.xml");
    assert!(wbx.contains("预算执行!$4:$4"), "{wbx}");
    assert!(wbx.contains("绩效指标!$1:$1"), "{wbx}");
}

#[test]
fn the_same_report_gives_the_same_bytes() {
    let r = june();
    let a = xlsx(&r, Lang::Zh).unwrap();
    let b = xlsx(&june(), Lang::Zh).unwrap();
    assert!(a == b, "two renders of the same report differ");
    // Not the clock: the creation time is the first day of the as-of month.
    let core = part(&a, "docProps/core.xml");
    assert!(
        core.contains(
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">2026-06-01T00:00:00Z</dcterms:created>"#
        ),
        "{core}"
    );
    // And the report is in the bytes: another month gives another workbook.
    let mut other = r.clone();
    other.total.spent += dec!(0.01);
    assert!(xlsx(&other, Lang::Zh).unwrap() != a);
}

/// The entry workbook's 上月 column holds numbers as numbers with the reports' number
/// formats (万元 amounts, rates as fractions shown as percentages), grade words as
/// text, and nothing where nothing was reported.
#[test]
fn the_entry_workbook_writes_last_month_as_numbers() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/jiangsu-wb-office-2026");
    let loaded = attain_ingest::load_all(&dir).expect("the example unit loads");
    let bytes = attain_report::template::entry_workbook(
        &loaded.unit.model,
        &loaded.actuals.actuals,
        Month::new(2026, 7).expect("a month"),
    )
    .unwrap();
    let mut wb = open(&bytes);
    let s = sheet(&mut wb, "2026-07");
    assert_eq!(cell(&s, 0, 3), Data::String("上月".into()));
    let r = row_of(&s, 1, "基本支出");
    assert_eq!(cell(&s, r, 3), number(dec!(52.60)));
    assert_eq!(format_of(&mut wb, "2026-07", r, 3), "#,##0.00");
    let r = row_of(&s, 1, "公用经费控制率");
    assert_eq!(cell(&s, r, 3), number(dec!(0.453)));
    assert_eq!(format_of(&mut wb, "2026-07", r, 3), "0.00%");
    let r = row_of(&s, 1, "“三公经费”变动率");
    assert_eq!(cell(&s, r, 3), number(dec!(-0.05)));
    let r = row_of(&s, 1, "基础信息完善性");
    assert_eq!(cell(&s, r, 3), Data::String("基本完善".into()));
    // Value and note columns stay empty to fill.
    assert_eq!(cell(&s, r, 4), Data::Empty);
}
