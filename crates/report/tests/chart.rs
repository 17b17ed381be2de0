//! Chart tests: the SVG is parsed and its structure checked against the input and
//! the plot-area mapping; the PNG is decoded when a CJK font is on the machine.
// Pixel coordinates of the drawing are floats; the model's figures are not.
#![allow(clippy::float_arithmetic)]

mod common;

use std::io::Write as _;

use attain_core::Decimal;
use attain_report::chart::{
    self, find_cjk_font, find_cjk_font_in, ChartError, ChartStyle, FontSource, Lang, Light,
    Milestone,
};
use roxmltree::{Document, Node};
use rust_decimal_macros::dec;

use common::m;

fn zh() -> ChartStyle {
    ChartStyle::default()
}

fn en() -> ChartStyle {
    ChartStyle {
        lang: Lang::En,
        ..ChartStyle::default()
    }
}

fn has_class(n: &Node<'_, '_>, class: &str) -> bool {
    n.attribute("class")
        .is_some_and(|c| c.split_whitespace().any(|w| w == class))
}

fn with_classes<'a, 'i>(doc: &'a Document<'i>, tag: &str, classes: &[&str]) -> Vec<Node<'a, 'i>> {
    doc.descendants()
        .filter(|n| n.has_tag_name(tag) && classes.iter().all(|c| has_class(n, c)))
        .collect()
}

fn num(n: &Node<'_, '_>, attr: &str) -> f64 {
    n.attribute(attr)
        .unwrap_or_else(|| panic!("no {attr} on {n:?}"))
        .parse()
        .unwrap()
}

fn points(n: &Node<'_, '_>) -> Vec<(f64, f64)> {
    n.attribute("points")
        .unwrap()
        .split_whitespace()
        .map(|p| {
            let (x, y) = p.split_once(',').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect()
}

fn text_of(n: &Node<'_, '_>) -> String {
    n.descendants()
        .filter(|d| d.is_text())
        .filter_map(|d| d.text())
        .collect()
}

/// The plot area and its mapping, read from the SVG.
struct Plot {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    y_max: f64,
}

impl Plot {
    fn read(doc: &Document<'_>) -> Plot {
        let r = with_classes(doc, "rect", &["plot-area"]);
        assert_eq!(r.len(), 1, "one plot area");
        let r = r[0];
        assert_eq!(r.attribute("data-y-min"), Some("0"));
        assert_eq!(r.attribute("data-x-slots"), Some("12"));
        Plot {
            x: num(&r, "x"),
            y: num(&r, "y"),
            w: num(&r, "width"),
            h: num(&r, "height"),
            y_max: num(&r, "data-y-max"),
        }
    }
    /// Month m in the middle of the m-th twelfth.
    fn x_of(&self, month: u8) -> f64 {
        self.x + self.w * (f64::from(month) - 0.5) / 12.0
    }
    fn y_of(&self, rate: f64) -> f64 {
        self.y + self.h * (1.0 - rate / self.y_max)
    }
}

// ---------- execution curve ----------

#[test]
fn execution_svg_parses_and_is_accessible() {
    let c = common::curve();
    let svg = chart::execution_svg(&c, &zh());
    let doc = Document::parse(&svg).expect("the SVG parses");
    let root = doc.root_element();
    assert!(root.has_tag_name("svg"));
    assert_eq!(root.attribute("role"), Some("img"));
    assert_eq!(root.attribute("aria-label"), Some(c.title.as_str()));
    assert_eq!(root.attribute("viewBox"), Some("0 0 800 480"));
    // Scales to its container instead of a fixed pixel size.
    assert_eq!(root.attribute("width"), Some("100%"));
    assert!(root.attribute("height").is_none());
    let title = root
        .children()
        .find(|n| n.has_tag_name("title"))
        .expect("<title>");
    assert_eq!(title.text(), Some("2026年 部门预算执行率（合计）"));
    let desc = root.children().find(|n| n.has_tag_name("desc")).unwrap();
    let desc = desc.text().unwrap();
    assert!(desc.contains("41.20%"), "{desc}");
    assert!(desc.contains("−4.80 个百分点"), "{desc}");
    // The visible title too.
    let t = with_classes(&doc, "text", &["title"]);
    assert_eq!(text_of(&t[0]), "2026年 部门预算执行率（合计）");
}

#[test]
fn markup_in_names_is_escaped() {
    let mut c = common::curve();
    c.title = "A&B <预算> \"x\"".into();
    c.reference_label = "<ref>".into();
    let svg = chart::execution_svg(&c, &zh());
    let doc = Document::parse(&svg).expect("still parses");
    assert_eq!(
        doc.root_element().attribute("aria-label"),
        Some("A&B <预算> \"x\"")
    );
}

#[test]
fn actual_series_has_a_point_per_month_and_ends_at_the_actual_rate() {
    let mut c = common::curve();
    // A month after as-of must not be drawn.
    c.actual.push((m(7), dec!(0.5)));
    let svg = chart::execution_svg(&c, &zh());
    let doc = Document::parse(&svg).unwrap();
    let plot = Plot::read(&doc);
    let actual = with_classes(&doc, "polyline", &["series", "actual"]);
    assert_eq!(actual.len(), 1);
    let pts = points(&actual[0]);
    assert_eq!(pts.len(), 6, "January to June");
    for (i, (x, _)) in pts.iter().enumerate() {
        assert!(
            (x - plot.x_of(i as u8 + 1)).abs() < 0.011,
            "x of month {}",
            i + 1
        );
    }
    let (x, y) = *pts.last().unwrap();
    assert!((x - plot.x_of(6)).abs() < 0.011);
    assert!(
        (y - plot.y_of(0.412)).abs() < 0.011,
        "last y {y}, expected {}",
        plot.y_of(0.412)
    );
    // And the first point is January's 3.1 %.
    assert!((pts[0].1 - plot.y_of(0.031)).abs() < 0.011);
    // The axis runs to at least 100 % and has its top tick.
    assert!(plot.y_max >= 1.0);
    let ticks: Vec<String> = with_classes(&doc, "text", &["tick", "y"])
        .iter()
        .map(text_of)
        .collect();
    assert!(ticks.contains(&"100%".to_string()), "{ticks:?}");
}

#[test]
fn series_differ_by_dash_pattern() {
    let svg = chart::execution_svg(&common::curve(), &zh());
    let doc = Document::parse(&svg).unwrap();
    let one = |class: &str| {
        let v = with_classes(&doc, "polyline", &["series", class]);
        assert_eq!(v.len(), 1, "{class}");
        v[0]
    };
    let (actual, reference, forecast) = (one("actual"), one("reference"), one("forecast"));
    assert!(
        actual.attribute("stroke-dasharray").is_none(),
        "actual is solid"
    );
    let r = reference
        .attribute("stroke-dasharray")
        .expect("reference dashed");
    let f = forecast
        .attribute("stroke-dasharray")
        .expect("forecast dotted");
    assert_ne!(r, f);
    assert_eq!(forecast.attribute("stroke-linecap"), Some("round"));
    // The actual line is the heaviest.
    assert!(num(&actual, "stroke-width") > num(&reference, "stroke-width"));
    assert!(num(&actual, "stroke-width") > num(&forecast, "stroke-width"));
    assert_eq!(points(&reference).len(), 12);
    assert_eq!(points(&forecast).len(), 7, "June to December");
}

#[test]
fn milestones_are_marked_and_labelled_at_their_months() {
    let svg = chart::execution_svg(&common::curve(), &zh());
    let doc = Document::parse(&svg).unwrap();
    let plot = Plot::read(&doc);
    let labels = with_classes(&doc, "text", &["milestone-label"]);
    let find = |needle: &str| {
        labels
            .iter()
            .find(|n| text_of(n).contains(needle))
            .copied()
            .unwrap_or_else(|| panic!("no milestone label with {needle}"))
    };
    let june = find("46%");
    assert_eq!(text_of(&june), "6月 46%");
    assert!((num(&june, "x") - plot.x_of(6)).abs() < 12.0);
    assert!(num(&june, "y") < plot.y_of(0.46), "above its point");
    let dec_ = find("100%");
    assert_eq!(text_of(&dec_), "12月 100%");
    assert!((num(&dec_, "x") - plot.x_of(12)).abs() < 12.0);
    assert!(num(&dec_, "y") < plot.y_of(1.0));
    // The diamonds sit on the milestone points.
    let diamonds = with_classes(&doc, "polygon", &["milestone-point", "diamond"]);
    assert_eq!(diamonds.len(), 2);
    assert!((num(&diamonds[0], "data-cx") - plot.x_of(6)).abs() < 0.011);
    assert!((num(&diamonds[0], "data-cy") - plot.y_of(0.46)).abs() < 0.011);
    // The caller's names for them are shown too.
    let names: Vec<String> = with_classes(&doc, "text", &["milestone-name"])
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(names, ["半年目标", "全年目标"]);
}

#[test]
fn milestones_come_from_the_input() {
    let mut c = common::curve();
    c.milestones = vec![Milestone {
        month: m(6),
        rate: dec!(0.5),
        label: String::new(),
    }];
    let svg = chart::execution_svg(&c, &zh());
    assert!(svg.contains("6月 50%"));
    assert!(!svg.contains("46%"), "no June 46% when the target says 50%");
    assert!(!svg.contains("12月 100%"));
}

#[test]
fn gap_is_annotated_in_percentage_points() {
    let svg = chart::execution_svg(&common::curve(), &zh());
    let doc = Document::parse(&svg).unwrap();
    let gap = with_classes(&doc, "text", &["gap"]);
    assert_eq!(gap.len(), 1);
    assert_eq!(text_of(&gap[0]), "\u{2212}4.80 个百分点");
    let value = with_classes(&doc, "text", &["actual-value"]);
    assert_eq!(text_of(&value[0]), "41.20%");
    // A bracket from the actual to the expected point at the as-of month.
    let plot = Plot::read(&doc);
    let bracket = with_classes(&doc, "polyline", &["gap-bracket"]);
    let ys: Vec<f64> = points(&bracket[0]).iter().map(|p| p.1).collect();
    let (lo, hi) = ys
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), y| (a.min(*y), b.max(*y)));
    assert!((hi - plot.y_of(0.412)).abs() < 0.011);
    assert!((lo - plot.y_of(0.46)).abs() < 0.011);

    let en_svg = chart::execution_svg(&common::curve(), &en());
    assert!(en_svg.contains(">\u{2212}4.80 pp</text>"));
    let mut ahead = common::curve();
    ahead.gap_pp = Some(dec!(1.25));
    assert!(chart::execution_svg(&ahead, &zh()).contains(">+1.25 个百分点</text>"));
    let mut none = common::curve();
    none.gap_pp = None;
    assert!(!chart::execution_svg(&none, &zh()).contains("个百分点"));
}

#[test]
fn months_and_legend_are_in_chinese_by_default() {
    let svg = chart::execution_svg(&common::curve(), &zh());
    let doc = Document::parse(&svg).unwrap();
    let months: Vec<String> = with_classes(&doc, "text", &["tick", "x"])
        .iter()
        .map(text_of)
        .collect();
    let want: Vec<String> = (1..=12).map(|k| format!("{k}月")).collect();
    assert_eq!(months, want);
    let legend: Vec<String> = with_classes(&doc, "text", &["legend-label"])
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(
        legend,
        [
            "实际累计执行率",
            "序时进度（里程碑）",
            "预测（12月 91.00%）",
            "里程碑目标"
        ]
    );
    let subtitle = with_classes(&doc, "text", &["subtitle"]);
    assert_eq!(text_of(&subtitle[0]), "截至2026年6月");

    let en_svg = chart::execution_svg(&common::curve(), &en());
    let doc = Document::parse(&en_svg).unwrap();
    let months: Vec<String> = with_classes(&doc, "text", &["tick", "x"])
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(months[0], "Jan");
    assert_eq!(months[11], "Dec");
}

#[test]
fn svg_is_deterministic() {
    let c = common::curve();
    let a = chart::execution_svg(&c, &zh());
    let b = chart::execution_svg(&c.clone(), &zh());
    assert_eq!(a, b);
    let p = common::progress();
    assert_eq!(
        chart::indicators_svg(&p, &zh()),
        chart::indicators_svg(&p.clone(), &zh())
    );
    // And the input shows: a different actual gives a different chart.
    let mut c2 = c.clone();
    c2.actual[5].1 = dec!(0.413);
    assert_ne!(a, chart::execution_svg(&c2, &zh()));
}

/// The box a label takes, estimated as the layout does (CJK one em, others 0.55 em).
fn label_box(n: &Node<'_, '_>) -> (f64, f64, f64, f64) {
    let text = text_of(n);
    let size = num(n, "font-size");
    let width: f64 = text
        .chars()
        .map(|c| {
            if (c as u32) >= 0x2e80 {
                size
            } else {
                size * 0.55
            }
        })
        .sum();
    let (x, y) = (num(n, "x"), num(n, "y"));
    let x0 = match n.attribute("text-anchor") {
        Some("end") => x - width,
        Some("middle") => x - width / 2.0,
        _ => x,
    };
    (x0, y - size, x0 + width, y + size * 0.25)
}

/// Whether the segment a–b passes through the box (sampled finely).
fn crosses(b: (f64, f64, f64, f64), a: (f64, f64), z: (f64, f64)) -> bool {
    (0..=200).any(|i| {
        let t = f64::from(i) / 200.0;
        let (x, y) = (a.0 + (z.0 - a.0) * t, a.1 + (z.1 - a.1) * t);
        x > b.0 && x < b.2 && y > b.1 && y < b.3
    })
}

#[test]
fn the_as_of_callout_keeps_clear_of_the_lines() {
    // December, just below the reference: right of the point there is no room, and
    // the lines crowd the corner; the value and gap go where no line passes, joined
    // to the point by a leader line. Likewise early in the year near the bottom.
    let rates = [
        dec!(0.06),
        dec!(0.11),
        dec!(0.18),
        dec!(0.26),
        dec!(0.33),
        dec!(0.41),
        dec!(0.50),
        dec!(0.57),
        dec!(0.68),
        dec!(0.77),
        dec!(0.875),
        dec!(0.9945),
    ];
    let mut december = common::curve();
    december.as_of = m(12);
    december.actual = rates
        .iter()
        .enumerate()
        .map(|(i, r)| (m(i as u8 + 1), *r))
        .collect();
    december.forecast.clear();
    december.gap_pp = Some(dec!(-0.55));
    let mut march = common::curve();
    march.as_of = m(3);
    march.actual = vec![(m(1), dec!(0)), (m(2), dec!(0)), (m(3), dec!(0.022))];
    march.reference = common::milestone_path(dec!(0.343), dec!(1));
    march.forecast = (3..=12u8)
        .map(|k| (m(k), dec!(0.022) * Decimal::from(k) / dec!(3)))
        .collect();
    march.gap_pp = Some(dec!(-14.9));
    for (name, c) in [("December", december), ("March", march)] {
        for style in [
            zh(),
            ChartStyle {
                width: 420,
                height: 360,
                ..zh()
            },
        ] {
            let svg = chart::execution_svg(&c, &style);
            let doc = Document::parse(&svg).unwrap();
            let plot = Plot::read(&doc);
            let lines: Vec<Vec<(f64, f64)>> = ["actual", "reference", "forecast"]
                .iter()
                .flat_map(|k| with_classes(&doc, "polyline", &["series", k]))
                .map(|n| points(&n))
                .collect();
            for class in ["actual-value", "gap"] {
                let label = with_classes(&doc, "text", &[class]);
                let b = label_box(&label[0]);
                assert!(
                    b.0 >= plot.x
                        && b.2 <= plot.x + plot.w
                        && b.1 >= plot.y
                        && b.3 <= plot.y + plot.h,
                    "{name} at {}: {class} inside the plot: {b:?}",
                    style.width
                );
                for l in &lines {
                    for w in l.windows(2) {
                        assert!(
                            !crosses(b, w[0], w[1]),
                            "{name} at {}: a line crosses the {class} label {b:?}",
                            style.width
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn early_in_the_year_and_without_forecast() {
    let mut c = common::curve();
    c.as_of = m(1);
    c.actual.truncate(1);
    c.forecast.clear();
    c.gap_pp = Some(Decimal::ZERO - dec!(4.6));
    let svg = chart::execution_svg(&c, &zh());
    let doc = Document::parse(&svg).unwrap();
    let actual = with_classes(&doc, "polyline", &["series", "actual"]);
    assert_eq!(points(&actual[0]).len(), 1);
    assert!(with_classes(&doc, "polyline", &["series", "forecast"]).is_empty());
    assert!(svg.contains("−4.60 个百分点"));
}

// ---------- indicator progress ----------

#[test]
fn one_bar_per_quantitative_indicator_with_its_light() {
    let p = common::progress();
    let svg = chart::indicators_svg(&p, &zh());
    let doc = Document::parse(&svg).expect("the SVG parses");
    assert_eq!(doc.root_element().attribute("role"), Some("img"));
    let rows = with_classes(&doc, "g", &["indicator"]);
    assert_eq!(rows.len(), 5, "five quantitative indicators");
    let want = [
        ("部门预算执行率", Some("41.20%"), "green", "绿"),
        ("政府采购完成率", Some("38.00%"), "yellow", "黄"),
        ("培训人次", Some("22.00%"), "red", "红"),
        ("课题结题数", Some("85.00%"), "blue", "蓝"),
        ("信息系统上线数", None, "none", Light::None.zh()),
    ];
    let area = with_classes(&doc, "rect", &["plot-area"])[0];
    let (x0, w, x_max) = (
        num(&area, "x"),
        num(&area, "width"),
        num(&area, "data-x-max"),
    );
    for (row, (name, value, code, word)) in rows.iter().zip(want) {
        let texts = |class: &str| -> Vec<String> {
            row.descendants()
                .filter(|n| n.has_tag_name("text") && has_class(n, class))
                .map(|n| text_of(&n))
                .collect()
        };
        assert_eq!(texts("name"), [name]);
        assert_eq!(texts("light-word"), [word], "{name}");
        let bars: Vec<Node> = row
            .descendants()
            .filter(|n| n.has_tag_name("rect") && has_class(n, "bar"))
            .collect();
        match value {
            Some(v) => {
                assert_eq!(bars.len(), 1, "{name}");
                assert!(has_class(&bars[0], &format!("light-{code}")));
                assert_eq!(texts("value"), [v]);
                // Bar length is the actual share of the full-year target.
                let frac: f64 = v.trim_end_matches('%').parse::<f64>().unwrap() / 100.0;
                assert!((num(&bars[0], "x") - x0).abs() < 0.011);
                assert!(
                    (num(&bars[0], "width") - w * frac / x_max).abs() < 0.011,
                    "{name}"
                );
            }
            None => {
                assert!(bars.is_empty(), "{name} has no bar");
                assert_eq!(texts("value"), ["无数据"]);
            }
        }
        // The light's symbol is drawn as a shape as well as written.
        let symbols = row
            .descendants()
            .filter(|n| has_class(n, "light-symbol"))
            .count();
        assert_eq!(symbols, 1);
    }
    // Yellow is a triangle, red a square, blue a diamond: readable without colour.
    assert_eq!(
        with_classes(
            &doc,
            "polygon",
            &["light-symbol", "light-yellow", "triangle"]
        )
        .len(),
        2
    );
    assert_eq!(
        with_classes(&doc, "polygon", &["light-symbol", "light-red", "square"]).len(),
        1
    );
    // Half-year target and expected-to-date marked on each row that has them, at
    // their share of the full-year target.
    let in_rows = |classes: &[&str]| -> Vec<(f64, f64)> {
        rows.iter()
            .flat_map(|r| r.descendants())
            .filter(|n| n.has_tag_name("polygon") && classes.iter().all(|c| has_class(n, c)))
            .map(|n| (num(&n, "data-cx"), num(&n, "data-cy")))
            .collect()
    };
    let h1: Vec<f64> = in_rows(&["h1-target", "diamond"])
        .iter()
        .map(|p| p.0)
        .collect();
    let expected: Vec<f64> = in_rows(&["expected", "triangle-down"])
        .iter()
        .map(|p| p.0)
        .collect();
    let at = |v: f64| x0 + w * v / x_max;
    let want = [at(0.46), at(0.5), at(0.5), at(0.4)];
    assert_eq!(h1.len(), 4);
    assert_eq!(expected.len(), 4);
    for ((a, b), c) in h1.iter().zip(&expected).zip(want) {
        assert!(
            (a - c).abs() < 0.011 && (b - c).abs() < 0.011,
            "{a} {b} {c}"
        );
    }
    // The full-year target line at 100 %.
    let fy: Vec<Node> = with_classes(&doc, "polyline", &["full-year-target"])
        .into_iter()
        .filter(|n| !has_class(n, "legend-sample"))
        .collect();
    assert_eq!(fy.len(), 1);
    assert!(fy[0].attribute("stroke-dasharray").is_some());
    assert!((points(&fy[0])[0].0 - (x0 + w / x_max)).abs() < 0.011);
}

#[test]
fn qualitative_indicators_are_listed_with_their_grade() {
    let svg = chart::indicators_svg(&common::progress(), &zh());
    let doc = Document::parse(&svg).unwrap();
    let rows = with_classes(&doc, "g", &["qualitative"]);
    assert_eq!(rows.len(), 2);
    let row_texts = |row: &Node| -> Vec<String> {
        row.descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|n| text_of(&n))
            .collect()
    };
    assert_eq!(row_texts(&rows[0]), ["服务对象满意度", "达成", "绿"]);
    assert_eq!(row_texts(&rows[1]), ["内控制度建设", "部分达成", "黄"]);
    for r in &rows {
        assert!(!r.descendants().any(|n| has_class(&n, "bar")));
    }
    let section = with_classes(&doc, "text", &["section"]);
    assert_eq!(text_of(&section[0]), "定性指标");
}

#[test]
fn indicator_chart_in_english_and_long_names() {
    let mut p = common::progress();
    p.rows[0].name = "一个非常非常长的指标名称用于测试截断是否正常工作而不溢出".into();
    p.rows[1].actual_pct_of_fy = Some(dec!(3.5));
    let svg = chart::indicators_svg(&p, &en());
    let doc = Document::parse(&svg).unwrap();
    let words: Vec<String> = with_classes(&doc, "text", &["light-word"])
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(
        words,
        ["green", "yellow", "red", "blue", "none", "green", "yellow"]
    );
    let name = text_of(&with_classes(&doc, "text", &["name"])[0]);
    assert!(name.ends_with('…'), "{name}");
    // The full name stays in the row's title.
    assert!(svg.contains("一个非常非常长的指标名称用于测试截断是否正常工作而不溢出"));
    // 350 % is cut at the axis end (200 %) and marked, its value still written.
    let clipped = with_classes(&doc, "rect", &["bar", "clipped"]);
    assert_eq!(clipped.len(), 1);
    assert!(svg.contains(">350.00%</text>"));
    let area = with_classes(&doc, "rect", &["plot-area"])[0];
    assert_eq!(area.attribute("data-x-max"), Some("2"));
    assert!((num(&clipped[0], "width") - num(&area, "width")).abs() < 0.011);
}

// ---------- PNG ----------

fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&png[12..16], b"IHDR");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&png[16..20]), be(&png[20..24]))
}

/// Pixels of the PNG (RGB) equal to `rgb`.
fn count_colour(png: &[u8], rgb: [u8; 3]) -> usize {
    let decoder = png::Decoder::new(png);
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgb);
    buf[..info.buffer_size()]
        .chunks(3)
        .filter(|p| *p == rgb)
        .count()
}

/// Keeps a rendered chart in $ATTAIN_CHART_DUMP, when set, for a person to look at.
fn dump(name: &str, bytes: &[u8]) {
    if let Some(dir) = std::env::var_os("ATTAIN_CHART_DUMP") {
        let dir = std::path::PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}

#[test]
fn dump_svgs_when_asked() {
    let narrow = ChartStyle {
        width: 420,
        height: 400,
        ..zh()
    };
    for (style, tag) in [(zh(), "zh"), (en(), "en"), (narrow, "narrow")] {
        let svg = chart::execution_svg(&common::curve(), &style);
        dump(&format!("execution-{tag}.svg"), svg.as_bytes());
        // Drawn at the style's size.
        let view = format!("viewBox=\"0 0 {} {}\"", style.width, style.height);
        assert!(svg.contains(&view), "{tag}: {view}");
        let svg = chart::indicators_svg(&common::progress(), &style);
        dump(&format!("indicators-{tag}.svg"), svg.as_bytes());
        assert!(svg.ends_with("</svg>\n"));
        assert!(
            svg.contains(&format!("viewBox=\"0 0 {} ", style.width)),
            "{tag}"
        );
    }
}

/// Outside CI a missing font only skips the test (with the reason on stderr); in CI,
/// where `.ci/run` installs the fonts, it is a failure.
fn skip(why: &str) {
    if common::in_ci() {
        panic!("CI must have what this test needs (.ci/run installs it): {why}");
    }
    writeln!(std::io::stderr(), "skipped: {why}").ok();
}

#[test]
fn png_charts_with_a_system_cjk_font() {
    let font = match find_cjk_font() {
        Ok(f) => f,
        Err(e) => return skip(&e.to_string()),
    };
    let style = zh();
    let png = chart::execution_png(&common::curve(), &style, &FontSource::System).unwrap();
    dump("execution-zh.png", &png);
    assert_eq!(png_size(&png), (1600, 960), "800×480 at scale 2");
    // The actual line is there, in its colour.
    assert!(count_colour(&png, [0x00, 0x5a, 0x9c]) > 500);
    // And the reference's orange.
    assert!(count_colour(&png, [0xe6, 0x9f, 0x00]) > 200);

    let png = chart::indicators_png(
        &common::progress(),
        &ChartStyle {
            png_scale: 1,
            ..style
        },
        &FontSource::File {
            path: font.path.clone(),
            index: Some(font.index),
        },
    )
    .unwrap();
    dump("indicators-zh.png", &png);
    let (w, h) = png_size(&png);
    assert_eq!(w, 800);
    let svg = chart::indicators_svg(&common::progress(), &zh());
    let vb = Document::parse(&svg)
        .unwrap()
        .root_element()
        .attribute("viewBox")
        .unwrap()
        .to_string();
    assert_eq!(vb, format!("0 0 800 {h}"), "PNG and SVG have one layout");
    // The green and the red bars.
    assert!(count_colour(&png, [0x00, 0x9e, 0x73]) > 100);
    assert!(count_colour(&png, [0xd5, 0x5e, 0x00]) > 100);
}

#[test]
fn png_is_deterministic() {
    if let Err(e) = find_cjk_font() {
        return skip(&e.to_string());
    }
    let c = common::curve();
    let a = chart::execution_png(&c, &zh(), &FontSource::System).unwrap();
    let b = chart::execution_png(&c, &zh(), &FontSource::System).unwrap();
    assert_eq!(a, b);
    let p = common::progress();
    let en_png = chart::indicators_png(&p, &en(), &FontSource::System).unwrap();
    dump("indicators-en.png", &en_png);
    assert_eq!(
        en_png,
        chart::indicators_png(&p, &en(), &FontSource::System).unwrap()
    );
    dump(
        "execution-en.png",
        &chart::execution_png(&c, &en(), &FontSource::System).unwrap(),
    );
}

#[test]
fn a_missing_font_file_says_what_to_install() {
    let e = chart::execution_png(
        &common::curve(),
        &zh(),
        &FontSource::file("/nonexistent/NotoSansCJK.ttc"),
    )
    .unwrap_err();
    assert!(matches!(e, ChartError::FontUnreadable { .. }), "{e:?}");
    let msg = e.to_string();
    assert!(msg.contains("/nonexistent/NotoSansCJK.ttc"), "{msg}");
    assert!(msg.contains("fonts-noto-cjk"), "{msg}");
    assert!(msg.contains("fonts-wqy-microhei"), "{msg}");
}

#[test]
fn no_font_in_the_folders_says_what_to_install() {
    let dir = tempfile::tempdir().unwrap();
    // A file that is named like a CJK font but is not one.
    std::fs::write(dir.path().join("wqy-microhei.ttc"), b"not a font").unwrap();
    let e = find_cjk_font_in(&[dir.path().to_path_buf()]).unwrap_err();
    assert!(matches!(e, ChartError::NoCjkFont { .. }), "{e:?}");
    let msg = e.to_string();
    assert!(msg.contains("fonts-noto-cjk"), "{msg}");
    assert!(msg.contains(&dir.path().display().to_string()), "{msg}");
    assert!(msg.contains("--font"), "{msg}");
}

#[test]
fn a_file_that_is_not_a_font_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("x.ttf");
    std::fs::write(&p, b"not a font at all").unwrap();
    let e = FontSource::file(&p).resolve().unwrap_err();
    assert!(matches!(e, ChartError::FontInvalid { .. }), "{e:?}");
}

#[test]
fn a_latin_only_font_is_refused_instead_of_drawing_boxes() {
    let p = std::path::Path::new("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    if !p.exists() {
        return skip("no DejaVuSans.ttf here");
    }
    let e = FontSource::file(p).resolve().unwrap_err();
    assert!(matches!(e, ChartError::FontLacksCjk { .. }), "{e:?}");
    assert!(e.to_string().contains("fonts-noto-cjk"));
}

#[test]
fn collection_faces_are_chosen_and_usable() {
    let p = std::path::Path::new("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");
    if !p.exists() {
        return skip("fonts-wqy-microhei not installed");
    }
    let auto = FontSource::file(p).resolve().unwrap();
    assert_eq!(auto.index, 0);
    assert_eq!(auto.family, "WenQuanYi Micro Hei");
    let mono = FontSource::File {
        path: p.to_path_buf(),
        index: Some(1),
    };
    let f = mono.resolve().unwrap();
    assert_eq!(f.family, "WenQuanYi Micro Hei Mono");
    // The second face draws (through the rewritten collection header).
    let png = chart::execution_png(&common::curve(), &zh(), &mono).unwrap();
    assert_eq!(png_size(&png), (1600, 960));
    let bad = FontSource::File {
        path: p.to_path_buf(),
        index: Some(7),
    };
    assert!(matches!(
        bad.resolve().unwrap_err(),
        ChartError::FontInvalid { .. }
    ));
}
