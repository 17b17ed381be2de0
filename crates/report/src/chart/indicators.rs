//! Layout of the indicator progress chart: one horizontal bar per quantitative
//! indicator (actual as a percentage of its full-year target), with the half-year
//! target (◇) and the expected-to-date (▼) marked and the light written beside it;
//! qualitative indicators listed below with their grade.

use super::scene::{colour, fit_text, num, text_width, wrap, Dash, Item, Scene, Shape, TextStyle};
use super::{
    f, light_colour, light_shape, pct1, pct_short, ChartStyle, IndicatorBar, IndicatorProgress,
    Lang, Light,
};
#[allow(unused_imports)]
use crate::chart::ChartWords as _;

const ROW: f64 = 30.0;
const BAR: f64 = 14.0;
const QROW: f64 = 24.0;
const NAME_SIZE: f64 = 13.0;

/// The right end of the percentage axis: at least 120 %, in steps of 20 %, at most
/// 200 % (longer bars are cut there; their label still gives the value).
pub(crate) fn x_axis_max(max: f64) -> f64 {
    let top = (max.max(1.2) / 0.2 - 1e-9).ceil() * 0.2;
    top.min(2.0)
}

pub(crate) fn layout(p: &IndicatorProgress, style: &ChartStyle) -> Scene {
    let lang = style.lang;
    let w = f64::from(style.width.max(320));
    let quantitative: Vec<&IndicatorBar> =
        p.rows.iter().filter(|r| r.qualitative.is_none()).collect();
    let qualitative: Vec<&IndicatorBar> =
        p.rows.iter().filter(|r| r.qualitative.is_some()).collect();

    // Columns: name | bars | value | light.
    let light_w = if lang == Lang::Zh { 44.0 } else { 70.0 };
    let value_w = 60.0;
    let longest = p
        .rows
        .iter()
        .map(|r| text_width(&r.name, NAME_SIZE))
        .fold(0.0_f64, f64::max);
    let name_w = longest.clamp(80.0, w * 0.32);
    let name_x = 16.0;
    let bx0 = name_x + name_w + 12.0;
    let light_x = w - 16.0 - light_w;
    let value_x = light_x - 10.0; // right edge of the value column
    let bx1 = value_x - value_w;

    let entries = legend_entries(lang);
    let widths: Vec<f64> = entries
        .iter()
        .map(|(_, sw, l)| sw + text_width(l, LEGEND_SIZE))
        .collect();
    let places = wrap(&widths, 16.0, w - 16.0, 18.0);
    let legend_rows = places.iter().map(|p| p.1).max().unwrap_or(0);
    let top = 96.0 + LEGEND_ROW * legend_rows as f64;
    let rows_h = ROW * quantitative.len() as f64;
    let axis_y = top + rows_h;
    let qual_top = axis_y + 34.0;
    let h = if qualitative.is_empty() {
        axis_y + 40.0
    } else {
        qual_top + 20.0 + QROW * qualitative.len() as f64 + 8.0
    };

    let max = quantitative
        .iter()
        .flat_map(|r| [r.actual_pct_of_fy, r.h1_pct_of_fy, r.expected_pct_of_fy])
        .flatten()
        .map(f)
        .fold(0.0_f64, f64::max);
    let x_max = x_axis_max(max);
    let x = |v: f64| bx0 + (bx1 - bx0) * v.clamp(0.0, x_max) / x_max;

    let mut s = Scene::new(w, h, "attain-chart indicators");
    s.title = p.title.clone();
    s.text(
        "title",
        (16.0, 28.0),
        fit_text(&p.title, 18.0, w - 32.0),
        TextStyle::new(18.0).bold(),
    );
    s.text(
        "subtitle",
        (16.0, 50.0),
        lang.pick(
            "实际完成占全年目标的百分比；颜色与符号为信号灯",
            "Actual as % of the full-year target; colour and symbol give the light",
        ),
        TextStyle::new(13.0).colour(colour::MUTED),
    );
    legend(&mut s, &entries, &places, 76.0);

    // Axis: vertical grid every 20 %, the full-year target (100 %) dashed.
    s.begin("axes", None);
    let steps = (x_max / 0.2).round() as u32;
    // On narrow charts, label every other grid line.
    let every = if (bx1 - bx0) / f64::from(steps.max(1)) < text_width("200%", 11.0) + 6.0 {
        2
    } else {
        1
    };
    for i in 0..=steps {
        let v = 0.2 * f64::from(i);
        let gx = x(v);
        s.line(
            "grid x",
            vec![(gx, top - 4.0), (gx, axis_y)],
            colour::GRID,
            1.0,
            Dash::Solid,
        );
        if i % every == 0 {
            s.text(
                "tick x",
                (gx, axis_y + 16.0),
                format!("{}%", (v * 100.0).round()),
                TextStyle::new(11.0).middle().colour(colour::AXIS),
            );
        }
    }
    s.items.push(Item::Rect {
        class: "plot-area".into(),
        x: bx0,
        y: top - 4.0,
        w: bx1 - bx0,
        h: rows_h + 4.0,
        fill: None,
        stroke: None,
        data: vec![("x-min", "0".into()), ("x-max", num(x_max))],
    });
    s.line(
        "axis x",
        vec![(bx0, axis_y), (bx1, axis_y)],
        colour::FRAME,
        1.0,
        Dash::Solid,
    );
    s.line(
        "full-year-target",
        vec![(x(1.0), top - 8.0), (x(1.0), axis_y)],
        colour::AXIS,
        1.25,
        Dash::Dashed,
    );
    s.end();

    for (i, r) in quantitative.iter().enumerate() {
        let mid = top + ROW * i as f64 + ROW / 2.0;
        s.begin(
            &format!("indicator light-{}", r.light.code()),
            Some(row_title(r, lang)),
        );
        s.text(
            "name",
            (name_x, mid + 4.5),
            fit_text(&r.name, NAME_SIZE, name_w),
            TextStyle::new(NAME_SIZE),
        );
        match r.actual_pct_of_fy {
            Some(a) => {
                let av = f(a);
                let clipped = av > x_max;
                s.rect(
                    &format!(
                        "bar light-{}{}",
                        r.light.code(),
                        if clipped { " clipped" } else { "" }
                    ),
                    (bx0, mid - BAR / 2.0),
                    ((x(av) - bx0).max(0.0), BAR),
                    Some(light_colour(r.light)),
                    Some((colour::TEXT, 0.75)),
                );
                if clipped {
                    // A break mark: two white slashes near the cut end.
                    let xe = x(x_max) - 8.0;
                    for dx in [0.0, 4.0] {
                        s.line(
                            "bar-break",
                            vec![
                                (xe + dx - 2.0, mid + BAR / 2.0),
                                (xe + dx + 2.0, mid - BAR / 2.0),
                            ],
                            colour::WHITE,
                            1.5,
                            Dash::Solid,
                        );
                    }
                }
                s.text(
                    "value",
                    (value_x, mid + 4.5),
                    pct1(a),
                    TextStyle::new(12.0).end().bold(),
                );
            }
            None => {
                s.text(
                    "value missing",
                    (value_x, mid + 4.5),
                    crate::lang::W::NoData.text(lang).into_owned(),
                    TextStyle::new(12.0).end().colour(colour::MUTED),
                );
            }
        }
        if let Some(h1) = r.h1_pct_of_fy {
            s.marker(
                "h1-target",
                (x(f(h1)), mid),
                5.0,
                Shape::Diamond,
                Some(colour::WHITE),
                Some((colour::TEXT, 1.25)),
            );
        }
        if let Some(e) = r.expected_pct_of_fy {
            let ex = x(f(e));
            s.line(
                "expected",
                vec![(ex, mid - BAR / 2.0 - 1.0), (ex, mid + BAR / 2.0 + 1.0)],
                colour::TEXT,
                1.5,
                Dash::Solid,
            );
            s.marker(
                "expected",
                (ex, mid - BAR / 2.0 - 5.0),
                4.0,
                Shape::TriangleDown,
                Some(colour::TEXT),
                None,
            );
        }
        light_mark(&mut s, r.light, lang, light_x, mid);
        s.end();
    }

    if !qualitative.is_empty() {
        s.text(
            "section",
            (name_x, qual_top),
            if p.list_title.is_empty() {
                lang.pick("定性指标", "Qualitative indicators")
            } else {
                p.list_title.as_str()
            },
            TextStyle::new(13.0).bold(),
        );
        for (i, r) in qualitative.iter().enumerate() {
            let mid = qual_top + 20.0 + QROW * i as f64;
            s.begin(
                &format!("qualitative light-{}", r.light.code()),
                Some(row_title(r, lang)),
            );
            s.text(
                "name",
                (name_x, mid + 4.5),
                fit_text(&r.name, NAME_SIZE, name_w),
                TextStyle::new(NAME_SIZE),
            );
            s.text(
                "grade",
                (bx0, mid + 4.5),
                r.qualitative.clone().unwrap_or_default(),
                TextStyle::new(NAME_SIZE).bold(),
            );
            light_mark(&mut s, r.light, lang, light_x, mid);
            s.end();
        }
    }

    s.desc = describe(p, lang);
    s
}

/// The light as shape, colour and word: ● 绿, ▲ 黄, ■ 红, ◆ 蓝, ○ —.
fn light_mark(s: &mut Scene, light: Light, lang: Lang, x: f64, mid: f64) {
    s.marker(
        &format!("light-symbol light-{}", light.code()),
        (x + 6.0, mid),
        5.5,
        light_shape(light),
        // No light: a hollow circle.
        Some(if light == Light::None {
            colour::WHITE
        } else {
            light_colour(light)
        }),
        Some((colour::TEXT, 0.75)),
    );
    s.text(
        &format!("light-word light-{}", light.code()),
        (x + 16.0, mid + 4.5),
        lang.light_word(light),
        TextStyle::new(12.5).bold(),
    );
}

#[derive(Debug, Clone, Copy)]
enum Sample {
    Bar,
    Expected,
    H1,
    FullYear,
}

const LEGEND_SIZE: f64 = 12.0;
const LEGEND_ROW: f64 = 20.0;

fn legend_entries(lang: Lang) -> Vec<(Sample, f64, &'static str)> {
    vec![
        (Sample::Bar, 28.0, lang.pick("实际完成", "Actual")),
        (
            Sample::Expected,
            16.0,
            lang.pick("目标进度（应完成）", "Expected to date"),
        ),
        (Sample::H1, 16.0, lang.pick("半年目标", "Half-year target")),
        (
            Sample::FullYear,
            16.0,
            lang.pick("全年目标（100%）", "Full-year target (100%)"),
        ),
    ]
}

fn legend(s: &mut Scene, entries: &[(Sample, f64, &str)], places: &[(f64, usize)], y_first: f64) {
    s.begin("legend", None);
    for ((kind, sample_w, label), (x, row)) in entries.iter().zip(places) {
        let (x, y) = (*x, y_first + LEGEND_ROW * *row as f64);
        let ly = y - 4.0;
        match kind {
            Sample::Bar => s.rect(
                "legend-sample bar",
                (x, ly - 6.0),
                (22.0, 12.0),
                Some(colour::LIGHT_NONE),
                Some((colour::TEXT, 0.75)),
            ),
            Sample::Expected => s.marker(
                "legend-sample expected",
                (x + 6.0, ly),
                4.0,
                Shape::TriangleDown,
                Some(colour::TEXT),
                None,
            ),
            Sample::H1 => s.marker(
                "legend-sample h1-target",
                (x + 6.0, ly),
                5.0,
                Shape::Diamond,
                Some(colour::WHITE),
                Some((colour::TEXT, 1.25)),
            ),
            Sample::FullYear => s.line(
                "legend-sample full-year-target",
                vec![(x + 6.0, ly - 10.0), (x + 6.0, ly + 11.0)],
                colour::AXIS,
                1.25,
                Dash::Dashed,
            ),
        }
        s.text(
            "legend-label",
            (x + sample_w, y),
            *label,
            TextStyle::new(LEGEND_SIZE),
        );
    }
    s.end();
}

fn row_title(r: &IndicatorBar, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut parts = Vec::new();
    if let Some(q) = &r.qualitative {
        parts.push(q.clone());
    } else {
        match r.actual_pct_of_fy {
            Some(a) if zh => parts.push(format!("实际完成全年目标的 {}", pct1(a))),
            Some(a) => parts.push(format!("actual {} of the full-year target", pct1(a))),
            None => parts.push(crate::lang::W::NoData.text(lang).into_owned()),
        }
        if let Some(h1) = r.h1_pct_of_fy {
            parts.push(if zh {
                format!("半年目标 {}", pct_short(h1))
            } else {
                format!("half-year target {}", pct_short(h1))
            });
        }
        if let Some(e) = r.expected_pct_of_fy {
            parts.push(if zh {
                format!("目标进度 {}", pct1(e))
            } else {
                format!("expected to date {}", pct1(e))
            });
        }
    }
    let light = lang.light_word(r.light);
    parts.push(if zh {
        format!("{light}灯")
    } else {
        format!("light {light}")
    });
    if zh {
        format!("{}：{}", r.name, parts.join("，"))
    } else {
        format!("{}: {}", r.name, parts.join(", "))
    }
}

fn describe(p: &IndicatorProgress, lang: Lang) -> String {
    let sep = if lang == Lang::Zh { "。" } else { ". " };
    let mut out = p.title.clone();
    for r in &p.rows {
        out.push_str(sep);
        out.push_str(&row_title(r, lang));
    }
    out.push_str(if lang == Lang::Zh { "。" } else { "." });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_end() {
        assert!((x_axis_max(0.5) - 1.2).abs() < 1e-9);
        assert!((x_axis_max(1.2) - 1.2).abs() < 1e-9);
        assert!((x_axis_max(1.3) - 1.4).abs() < 1e-9);
        assert!((x_axis_max(9.0) - 2.0).abs() < 1e-9);
    }
}
