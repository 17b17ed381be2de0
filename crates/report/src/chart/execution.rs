//! Layout of the execution curve: months across (1月…12月, each month in the middle
//! of its twelfth of the plot), cumulative rate up (0 % at the bottom).

#[allow(unused_imports)]
use crate::chart::ChartWords as _;
use attain_core::{Decimal, Month};

use super::scene::{
    colour, fit_text, text_width, wrap, Anchor, Dash, Item, Scene, Shape, TextStyle,
};
use super::{f, pct1, pct_short, ChartStyle, ExecutionCurve, Lang};

/// Where the plot sits and how values map onto it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Frame {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    /// The rate at the top of the plot (the bottom is 0).
    pub y_max: f64,
}

impl Frame {
    /// Month `m` sits in the middle of the m-th of twelve equal slots.
    pub(crate) fn x(&self, m: u8) -> f64 {
        self.x0 + (self.x1 - self.x0) * (f64::from(m) - 0.5) / 12.0
    }

    pub(crate) fn y(&self, rate: f64) -> f64 {
        self.y1 - (self.y1 - self.y0) * rate / self.y_max
    }

    fn point(&self, (m, r): &(Month, Decimal)) -> (f64, f64) {
        (self.x(m.number()), self.y(f(*r)))
    }
}

/// The top of the rate axis and its tick step: at least 100 %, a whole number of
/// steps, with room above the highest point for its label.
pub(crate) fn y_axis(max_rate: f64) -> (f64, f64) {
    // Up to 230 % in steps of 10 or 20 %; above that a 1-2-5 step that keeps about ten
    // gridlines whatever the value (a 元-for-万元 slip can make a rate of 1 000 000 %).
    let max_rate = if max_rate.is_finite() { max_rate } else { 1.0 };
    let step = if max_rate <= 1.15 {
        0.1
    } else if max_rate <= 2.3 {
        0.2
    } else {
        let raw = max_rate / 10.0;
        let magnitude = 10f64.powf(raw.log10().floor());
        let nice = [1.0, 2.0, 5.0, 10.0]
            .into_iter()
            .map(|k| k * magnitude)
            .find(|s| *s >= raw)
            .unwrap_or(10.0 * magnitude);
        nice.max(0.5)
    };
    let wanted = max_rate.max(1.0) + step * 0.6;
    let steps = (wanted / step - 1e-9).ceil();
    (steps * step, step)
}

pub(crate) fn layout(c: &ExecutionCurve, style: &ChartStyle) -> Scene {
    let lang = style.lang;
    let (w, h) = (
        f64::from(style.width.max(320)),
        f64::from(style.height.max(240)),
    );
    let mut s = Scene::new(w, h, "attain-chart execution");
    s.title = c.title.clone();

    let mut actual: Vec<(Month, Decimal)> = c
        .actual
        .iter()
        .filter(|(m, _)| *m <= c.as_of)
        .copied()
        .collect();
    actual.sort_by_key(|(m, _)| *m);
    let mut reference = c.reference.clone();
    reference.sort_by_key(|(m, _)| *m);
    let mut forecast = c.forecast.clone();
    forecast.sort_by_key(|(m, _)| *m);

    let max_rate = actual
        .iter()
        .chain(&reference)
        .chain(&forecast)
        .map(|(_, r)| f(*r))
        .chain(c.milestones.iter().map(|m| f(m.rate)))
        .fold(0.0_f64, f64::max);
    let (y_max, step) = y_axis(max_rate);
    let (x0, x1) = (64.0, w - 24.0);
    let entries = legend_entries(c, lang, &forecast);
    let places = legend_places(&entries, x0, x1);
    let legend_rows = places.iter().map(|p| p.1).max().unwrap_or(0);
    let fr = Frame {
        x0,
        y0: 84.0,
        x1,
        y1: h - 64.0 - LEGEND_ROW * legend_rows as f64,
        y_max,
    };

    // Title, as-of line, axis title.
    s.text(
        "title",
        (16.0, 28.0),
        fit_text(&c.title, 18.0, w - 32.0),
        TextStyle::new(18.0).bold(),
    );
    s.text(
        "subtitle",
        (16.0, 50.0),
        lang.as_of(c.as_of),
        TextStyle::new(13.0).colour(colour::MUTED),
    );
    s.text(
        "axis-title y",
        (fr.x0, fr.y0 - 12.0),
        lang.pick("累计执行率（%）", "Cumulative execution rate (%)"),
        TextStyle::new(12.0).colour(colour::MUTED),
    );

    // Grid, ticks and frame.
    s.begin("axes", None);
    let n_steps = (y_max / step).round() as u32;
    for i in 0..=n_steps {
        let v = step * f64::from(i);
        let y = fr.y(v);
        s.line(
            "grid y",
            vec![(fr.x0, y), (fr.x1, y)],
            colour::GRID,
            1.0,
            Dash::Solid,
        );
        s.text(
            "tick y",
            (fr.x0 - 8.0, y + 4.0),
            format!("{}%", (v * 100.0).round()),
            TextStyle::new(12.0).end().colour(colour::AXIS),
        );
    }
    // Month labels shrink on narrow charts so that 10月 11月 12月 stay apart.
    let slot = (fr.x1 - fr.x0) / 12.0;
    let widest = (1..=12u8)
        .map(|m| text_width(&lang.month(m), 1.0))
        .fold(0.0_f64, f64::max);
    let month_size = (slot * 0.8 / widest).min(12.0);
    for m in 1..=12u8 {
        let x = fr.x(m);
        s.line(
            "tick-mark x",
            vec![(x, fr.y1), (x, fr.y1 + 5.0)],
            colour::FRAME,
            1.0,
            Dash::Solid,
        );
        s.text(
            "tick x",
            (x, fr.y1 + 20.0),
            lang.month(m),
            TextStyle::new(month_size).middle().colour(colour::AXIS),
        );
    }
    s.items.push(Item::Rect {
        class: "plot-area".into(),
        x: fr.x0,
        y: fr.y0,
        w: fr.x1 - fr.x0,
        h: fr.y1 - fr.y0,
        fill: None,
        stroke: Some((colour::FRAME, 1.0)),
        data: vec![
            ("y-min", "0".into()),
            ("y-max", super::scene::num(y_max)),
            ("x-slots", "12".into()),
        ],
    });
    s.end();

    // The as-of month: a drop line from the last actual point to the month axis.
    if let Some(last) = actual.last() {
        let (x, y) = fr.point(last);
        s.line(
            "as-of",
            vec![(x, y), (x, fr.y1)],
            colour::FRAME,
            1.0,
            Dash::Solid,
        );
    }

    // Series: reference (dashed), forecast (dotted), actual (solid, heavy).
    if reference.len() >= 2 {
        s.begin("series-group reference", Some(c.reference_label.clone()));
        s.line(
            "series reference",
            reference.iter().map(|p| fr.point(p)).collect(),
            colour::REFERENCE,
            2.25,
            Dash::Dashed,
        );
        s.end();
    }
    if forecast.len() >= 2 {
        s.begin(
            "series-group forecast",
            Some(if c.forecast_label.is_empty() {
                lang.pick("预测", "Forecast").to_string()
            } else {
                c.forecast_label.clone()
            }),
        );
        s.line(
            "series forecast",
            forecast.iter().map(|p| fr.point(p)).collect(),
            colour::FORECAST,
            2.5,
            Dash::Dotted,
        );
        s.end();
    }
    if !actual.is_empty() {
        s.begin(
            "series-group actual",
            Some(
                lang.pick("实际累计执行率", "Actual (cumulative)")
                    .to_string(),
            ),
        );
        s.line(
            "series actual",
            actual.iter().map(|p| fr.point(p)).collect(),
            colour::ACTUAL,
            3.5,
            Dash::Solid,
        );
        for p in &actual {
            s.marker(
                "point actual",
                fr.point(p),
                3.5,
                Shape::Circle,
                Some(colour::ACTUAL),
                Some((colour::WHITE, 1.0)),
            );
        }
        s.end();
    }

    // Milestones: diamonds with "6月 46%" above, the caller's label above that.
    let mut milestones = c.milestones.clone();
    milestones.sort_by_key(|m| m.month);
    // What the as-of callout must not cover besides the lines.
    let mut taken: Vec<Area> = Vec::new();
    for ms in &milestones {
        let (x, y) = (fr.x(ms.month.number()), fr.y(f(ms.rate)));
        let text = format!("{} {}", lang.month(ms.month.number()), pct_short(ms.rate));
        let title = if ms.label.is_empty() {
            text.clone()
        } else {
            format!("{}：{text}", ms.label)
        };
        s.begin("milestone", Some(title));
        s.marker(
            "milestone-point",
            (x, y),
            6.0,
            Shape::Diamond,
            Some(colour::MILESTONE),
            Some((colour::WHITE, 1.0)),
        );
        // Keep labels inside the plot at the right edge.
        let right_room = fr.x1 - x;
        let wide = text_width(&text, 12.0).max(text_width(&ms.label, 11.0));
        let (lx, st) = if right_room < wide / 2.0 + 4.0 {
            (x + 8.0, TextStyle::new(12.0).end())
        } else {
            (x, TextStyle::new(12.0).middle())
        };
        let top = if ms.label.is_empty() { 12.0 } else { 27.0 };
        taken.push(Area::text(lx, y - top, wide, 12.0, st.anchor).grow_to(y + 7.5));
        taken.push(Area::around((x - 6.0, y - 7.5), (x + 6.0, y + 7.5)));
        s.text(
            "milestone-label",
            (lx, y - 12.0),
            text,
            st.bold().colour(colour::MILESTONE),
        );
        if !ms.label.is_empty() {
            s.text(
                "milestone-name",
                (lx, y - 27.0),
                ms.label.clone(),
                TextStyle {
                    size: 11.0,
                    ..st.colour(colour::MUTED)
                },
            );
        }
        s.end();
    }

    // The as-of callout: the actual value and the gap, below and right of the last
    // actual point (left near the year end), with a bracket to the reference.
    let last = actual.last().copied();
    if let Some(last) = last {
        let (x, y) = fr.point(&last);
        let expected = reference.iter().find(|(m, _)| *m == last.0).copied();
        s.begin("as-of-callout", None);
        if let (Some(_), Some(e)) = (c.gap_pp, expected) {
            let ye = fr.y(f(e.1));
            s.line(
                "gap-bracket",
                vec![
                    (x - 4.0, ye),
                    (x + 4.0, ye),
                    (x, ye),
                    (x, y),
                    (x - 4.0, y),
                    (x + 4.0, y),
                ],
                colour::MILESTONE,
                1.25,
                Dash::Solid,
            );
        }
        let value = pct1(last.1);
        let gap = c.gap_pp.map(|g| lang.gap(g));
        let wide =
            text_width(&value, 13.0).max(gap.as_deref().map_or(0.0, |g| text_width(g, 12.0)));
        let lines: Vec<&[(Month, Decimal)]> = vec![&actual, &reference, &forecast];
        let segments: Vec<Segment> = lines
            .iter()
            .flat_map(|l| l.windows(2).map(|w| (fr.point(&w[0]), fr.point(&w[1]))))
            .collect();
        let spot = callout_spot(&fr, (x, y), wide, gap.is_some(), &segments, &taken);
        let (lx, st) = if spot.left {
            (x - 10.0, TextStyle::new(13.0).end())
        } else {
            (x + 10.0, TextStyle::new(13.0))
        };
        let (y_value, y_gap) = (spot.baseline, spot.baseline + 16.0);
        if spot.far {
            // Away from the point: a thin line leads from the label to it.
            let ly = if y_value > y {
                y_value - 13.0
            } else {
                y_gap + 3.0
            };
            s.line(
                "callout-leader",
                vec![(x, y), (lx, ly)],
                colour::FRAME,
                1.0,
                Dash::Solid,
            );
        }
        s.text(
            "actual-value",
            (lx, y_value),
            value,
            st.bold().colour(colour::ACTUAL),
        );
        if let Some(g) = gap {
            s.text(
                "gap",
                (lx, y_gap),
                g,
                TextStyle {
                    size: 12.0,
                    ..st.bold().colour(colour::MILESTONE)
                },
            );
        }
        s.end();
    }

    // Legend, below the month labels.
    legend(
        &mut s,
        &entries,
        &places,
        h - 16.0 - LEGEND_ROW * legend_rows as f64,
    );

    s.desc = describe(c, lang, &actual, &reference, &forecast, &milestones);
    s
}

/// A box in view-box units, for keeping labels clear of lines and other labels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Area {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Area {
    fn around((x0, y0): (f64, f64), (x1, y1): (f64, f64)) -> Area {
        Area {
            x0: x0.min(x1),
            y0: y0.min(y1),
            x1: x0.max(x1),
            y1: y0.max(y1),
        }
    }

    /// The box of a label `width` wide at font `size` with its baseline at `baseline`.
    fn text(x: f64, baseline: f64, width: f64, size: f64, anchor: Anchor) -> Area {
        let x0 = match anchor {
            Anchor::Start => x,
            Anchor::Middle => x - width / 2.0,
            Anchor::End => x - width,
        };
        Area {
            x0,
            y0: baseline - size,
            x1: x0 + width,
            y1: baseline + size * 0.25,
        }
    }

    fn grow_to(mut self, y: f64) -> Area {
        self.y0 = self.y0.min(y);
        self.y1 = self.y1.max(y);
        self
    }

    fn pad(self, by: f64) -> Area {
        Area {
            x0: self.x0 - by,
            y0: self.y0 - by,
            x1: self.x1 + by,
            y1: self.y1 + by,
        }
    }

    fn overlaps(&self, o: &Area) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    fn within(&self, o: &Area) -> bool {
        self.x0 >= o.x0 && self.x1 <= o.x1 && self.y0 >= o.y0 && self.y1 <= o.y1
    }

    /// Whether the segment from `a` to `b` passes through the box (Liang–Barsky).
    pub(crate) fn hit_by(&self, a: (f64, f64), b: (f64, f64)) -> bool {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
        for (p, q) in [
            (-dx, a.0 - self.x0),
            (dx, self.x1 - a.0),
            (-dy, a.1 - self.y0),
            (dy, self.y1 - a.1),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
                if t0 > t1 {
                    return false;
                }
            }
        }
        true
    }
}

/// A straight piece of a drawn line, from one point to the next.
type Segment = ((f64, f64), (f64, f64));

/// Where the as-of callout goes.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Spot {
    /// Left of the point (text ending 10 px before it), else right of it.
    left: bool,
    /// Baseline of the value; the gap is 16 px below it.
    baseline: f64,
    /// Not next to the point (then a leader line joins them).
    far: bool,
}

/// The first place beside the point `(x, y)` where a callout `wide` across (two lines
/// with the gap) stays inside the plot and clear of the lines and of `taken`: right
/// (when there is room) or left of the point, below or above it, then further down or
/// up in steps of a line. Without one, the first place inside the plot.
fn callout_spot(
    fr: &Frame,
    (x, y): (f64, f64),
    wide: f64,
    two_lines: bool,
    segments: &[Segment],
    taken: &[Area],
) -> Spot {
    let plot = Area {
        x0: fr.x0 + 2.0,
        y0: fr.y0 + 2.0,
        x1: fr.x1 - 2.0,
        y1: fr.y1 - 2.0,
    };
    let sides = if fr.x1 - x < wide + 14.0 {
        [true, false]
    } else {
        [false, true]
    };
    let block = |spot: &Spot| {
        let lx = if spot.left { x - 10.0 } else { x + 10.0 };
        let anchor = if spot.left {
            Anchor::End
        } else {
            Anchor::Start
        };
        let last = if two_lines {
            spot.baseline + 16.0
        } else {
            spot.baseline
        };
        Area::text(lx, spot.baseline, wide, 13.0, anchor).grow_to(last + 3.0)
    };
    let mut spots = Vec::new();
    for step in 0..=10u8 {
        let down = 16.0 * f64::from(step);
        for left in sides {
            spots.push(Spot {
                left,
                baseline: y + 19.0 + down,
                far: step > 0,
            });
            spots.push(Spot {
                left,
                baseline: y - 26.0 - down,
                far: step > 0,
            });
        }
    }
    let inside = |sp: &Spot| block(sp).within(&plot);
    spots
        .iter()
        .find(|sp| {
            // A little air between the label and any line.
            let b = block(sp).pad(4.0);
            inside(sp)
                && !segments.iter().any(|(a, z)| b.hit_by(*a, *z))
                && !taken.iter().any(|t| t.overlaps(&b))
        })
        .or_else(|| spots.iter().find(|sp| inside(sp)))
        .copied()
        .unwrap_or(Spot {
            left: sides[0],
            baseline: y + 19.0,
            far: false,
        })
}

/// The kinds of legend entry, each with its own sample.
#[derive(Debug, Clone, Copy)]
enum Sample {
    Actual,
    Reference,
    Forecast,
    Milestone,
}

const LEGEND_SIZE: f64 = 12.0;
const LEGEND_ROW: f64 = 18.0;

fn legend_entries(
    c: &ExecutionCurve,
    lang: Lang,
    forecast: &[(Month, Decimal)],
) -> Vec<(Sample, String)> {
    let mut out = vec![(
        Sample::Actual,
        lang.pick("实际累计执行率", "Actual (cumulative)")
            .to_string(),
    )];
    if c.reference.len() >= 2 {
        out.push((Sample::Reference, c.reference_label.clone()));
    }
    if forecast.len() >= 2 {
        let end = forecast
            .last()
            .map(|(m, r)| format!("{} {}", lang.month(m.number()), pct1(*r)));
        let name = if c.forecast_label.is_empty() {
            lang.pick("预测", "Forecast")
        } else {
            c.forecast_label.as_str()
        };
        let label = match (lang, end) {
            (Lang::Zh, Some(e)) => format!("{name}（{e}）"),
            (Lang::En, Some(e)) => format!("{name} ({e})"),
            (_, None) => name.to_string(),
        };
        out.push((Sample::Forecast, label));
    }
    if !c.milestones.is_empty() {
        out.push((
            Sample::Milestone,
            lang.pick("里程碑目标", "Milestone targets").to_string(),
        ));
    }
    out
}

/// Where each legend entry goes: `(x, row)`, wrapping before `x_max`.
fn legend_places(entries: &[(Sample, String)], x0: f64, x_max: f64) -> Vec<(f64, usize)> {
    let widths: Vec<f64> = entries
        .iter()
        .map(|(_, l)| 34.0 + text_width(l, LEGEND_SIZE))
        .collect();
    wrap(&widths, x0, x_max, 18.0)
}

fn legend(s: &mut Scene, entries: &[(Sample, String)], places: &[(f64, usize)], y_first: f64) {
    s.begin("legend", None);
    for ((kind, label), (x, row)) in entries.iter().zip(places) {
        let (x, y) = (*x, y_first + LEGEND_ROW * *row as f64);
        let ly = y - 4.0;
        match kind {
            Sample::Actual => {
                s.line(
                    "legend-sample actual",
                    vec![(x, ly), (x + 28.0, ly)],
                    colour::ACTUAL,
                    3.5,
                    Dash::Solid,
                );
                s.marker(
                    "legend-sample actual",
                    (x + 14.0, ly),
                    3.5,
                    Shape::Circle,
                    Some(colour::ACTUAL),
                    Some((colour::WHITE, 1.0)),
                );
            }
            Sample::Reference => s.line(
                "legend-sample reference",
                vec![(x, ly), (x + 28.0, ly)],
                colour::REFERENCE,
                2.25,
                Dash::Dashed,
            ),
            Sample::Forecast => s.line(
                "legend-sample forecast",
                vec![(x, ly), (x + 28.0, ly)],
                colour::FORECAST,
                2.5,
                Dash::Dotted,
            ),
            Sample::Milestone => s.marker(
                "legend-sample milestone",
                (x + 14.0, ly),
                6.0,
                Shape::Diamond,
                Some(colour::MILESTONE),
                Some((colour::WHITE, 1.0)),
            ),
        }
        s.text(
            "legend-label",
            (x + 34.0, y),
            label.clone(),
            TextStyle::new(LEGEND_SIZE).colour(colour::TEXT),
        );
    }
    s.end();
}

/// The chart in words, for screen readers and as the SVG `<desc>`.
fn describe(
    c: &ExecutionCurve,
    lang: Lang,
    actual: &[(Month, Decimal)],
    reference: &[(Month, Decimal)],
    forecast: &[(Month, Decimal)],
    milestones: &[super::Milestone],
) -> String {
    let mut parts: Vec<String> = Vec::new();
    let zh = lang == Lang::Zh;
    if let Some((m, r)) = actual.last() {
        let mut p = if zh {
            format!(
                "截至{}，实际累计执行率 {}",
                lang.month(m.number()),
                pct1(*r)
            )
        } else {
            format!(
                "As of {}, actual cumulative execution {}",
                lang.month(m.number()),
                pct1(*r)
            )
        };
        if let Some((_, e)) = reference.iter().find(|(rm, _)| rm == m) {
            p.push_str(&format!(
                "{}{} {}",
                if zh { "，" } else { "; " },
                c.reference_label,
                pct1(*e)
            ));
        }
        if let Some(g) = c.gap_pp {
            p.push_str(&format!(
                "{}{}",
                if zh { "，差 " } else { "; gap " },
                lang.gap(g)
            ));
        }
        parts.push(p);
    }
    if !milestones.is_empty() {
        let list: Vec<String> = milestones
            .iter()
            .map(|ms| {
                let t = format!("{} {}", lang.month(ms.month.number()), pct_short(ms.rate));
                if ms.label.is_empty() {
                    t
                } else if zh {
                    format!("{t}（{}）", ms.label)
                } else {
                    format!("{t} ({})", ms.label)
                }
            })
            .collect();
        parts.push(if zh {
            format!("里程碑：{}", list.join("，"))
        } else {
            format!("Milestones: {}", list.join(", "))
        });
    }
    if let Some((m, r)) = forecast.last() {
        parts.push(if zh {
            format!("预测{} {}", lang.month(m.number()), pct1(*r))
        } else {
            format!("Forecast for {}: {}", lang.month(m.number()), pct1(*r))
        });
    }
    let sep = if zh { "。" } else { ". " };
    let mut out = c.title.clone();
    for p in parts {
        out.push_str(sep);
        out.push_str(&p);
    }
    out.push_str(if zh { "。" } else { "." });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn y_axis_has_room_above_the_top_value() {
        let (top, step) = y_axis(1.0);
        assert!((step - 0.1).abs() < 1e-9);
        assert!((1.05..=1.11).contains(&top), "{top}");
        let (top, step) = y_axis(0.4);
        assert!(top >= 1.05, "{top}");
        assert!((step - 0.1).abs() < 1e-9);
        let (top, step) = y_axis(1.6);
        assert!((step - 0.2).abs() < 1e-9);
        assert!(top > 1.6, "{top}");
        // However large the rate, about ten gridlines.
        for big in [3.0, 25.0, 813.0, 4.8e6, 1e12] {
            let (top, step) = y_axis(big);
            assert!(top > big && top / step <= 13.0, "{big}: {top} / {step}");
        }
    }
}
