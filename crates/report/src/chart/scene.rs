//! A backend-neutral drawing: what both the SVG writer and the PNG renderer draw.
//!
//! The chart layouts ([`super::execution`], [`super::indicators`]) place every line,
//! marker and label once, in view-box units (CSS pixels at 100 %); the two backends
//! only translate. So the SVG and the PNG of one chart always show the same thing.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub(crate) fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// Colours: the Okabe–Ito palette (safe for the common colour-vision deficiencies)
/// plus greys. Each series also differs by dash pattern and marker shape, and the
/// actual line is much darker than the reference, so greyscale prints stay readable.
pub(crate) mod colour {
    use super::Rgb;
    pub const TEXT: Rgb = Rgb(0x22, 0x22, 0x22);
    pub const MUTED: Rgb = Rgb(0x55, 0x55, 0x55);
    pub const AXIS: Rgb = Rgb(0x44, 0x44, 0x44);
    pub const GRID: Rgb = Rgb(0xdd, 0xdd, 0xdd);
    pub const FRAME: Rgb = Rgb(0x99, 0x99, 0x99);
    pub const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);
    /// Actual line: dark blue.
    pub const ACTUAL: Rgb = Rgb(0x00, 0x5a, 0x9c);
    /// Reference path: orange (light in greyscale, and dashed).
    pub const REFERENCE: Rgb = Rgb(0xe6, 0x9f, 0x00);
    /// Forecast: sky blue, dotted.
    pub const FORECAST: Rgb = Rgb(0x56, 0xb4, 0xe9);
    /// Milestones and the gap note: vermillion.
    pub const MILESTONE: Rgb = Rgb(0xd5, 0x5e, 0x00);
    pub const LIGHT_GREEN: Rgb = Rgb(0x00, 0x9e, 0x73);
    pub const LIGHT_YELLOW: Rgb = Rgb(0xf0, 0xe4, 0x42);
    pub const LIGHT_RED: Rgb = Rgb(0xd5, 0x5e, 0x00);
    pub const LIGHT_BLUE: Rgb = Rgb(0x00, 0x72, 0xb2);
    pub const LIGHT_NONE: Rgb = Rgb(0xbb, 0xbb, 0xbb);
}

/// How a line is stroked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dash {
    Solid,
    /// Long dashes: 8 on, 5 off.
    Dashed,
    /// Short dashes with round caps, which read as dots: 1 on, 5 off.
    Dotted,
}

impl Dash {
    /// The on/off lengths, in view-box units.
    pub(crate) fn pattern(self) -> Option<[f64; 2]> {
        match self {
            Dash::Solid => None,
            Dash::Dashed => Some([8.0, 5.0]),
            Dash::Dotted => Some([1.0, 5.0]),
        }
    }
}

/// Marker shapes; each series and each light has its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Circle,
    Diamond,
    Square,
    /// Pointing up.
    Triangle,
    /// Pointing down.
    TriangleDown,
}

impl Shape {
    /// The outline of the shape centred on `(x, y)` with half-size `r`, as a
    /// polygon (`None` for the circle).
    pub(crate) fn polygon(self, x: f64, y: f64, r: f64) -> Option<Vec<(f64, f64)>> {
        Some(match self {
            Shape::Circle => return None,
            Shape::Diamond => vec![(x, y - r * 1.25), (x + r, y), (x, y + r * 1.25), (x - r, y)],
            Shape::Square => {
                let s = r * 0.9;
                vec![
                    (x - s, y - s),
                    (x + s, y - s),
                    (x + s, y + s),
                    (x - s, y + s),
                ]
            }
            Shape::Triangle => vec![
                (x, y - r * 1.15),
                (x + r * 1.1, y + r * 0.8),
                (x - r * 1.1, y + r * 0.8),
            ],
            Shape::TriangleDown => vec![
                (x - r * 1.1, y - r * 0.8),
                (x + r * 1.1, y - r * 0.8),
                (x, y + r * 1.15),
            ],
        })
    }
}

/// Horizontal text alignment at the anchor point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    Start,
    Middle,
    End,
}

/// One thing to draw. `class` names what it is (e.g. `series actual`); the SVG
/// writer keeps it, so tests and style sheets can find the parts of a chart.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    /// Opens a group; `title` becomes a tooltip and an accessible name in SVG.
    Begin {
        class: String,
        title: Option<String>,
    },
    End,
    Line {
        class: String,
        points: Vec<(f64, f64)>,
        stroke: Rgb,
        width: f64,
        dash: Dash,
    },
    Rect {
        class: String,
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f64)>,
        /// Extra `data-*` attributes for the SVG (e.g. the plot area's value range).
        data: Vec<(&'static str, String)>,
    },
    Marker {
        class: String,
        x: f64,
        y: f64,
        r: f64,
        shape: Shape,
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f64)>,
    },
    /// `y` is the baseline.
    Text {
        class: String,
        x: f64,
        y: f64,
        text: String,
        size: f64,
        anchor: Anchor,
        bold: bool,
        colour: Rgb,
    },
}

/// A whole chart in view-box units.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Scene {
    pub width: f64,
    pub height: f64,
    /// The accessible name (SVG `<title>`, `aria-label`).
    pub title: String,
    /// A one-paragraph text equivalent of the chart (SVG `<desc>`).
    pub desc: String,
    /// A class on the root element, e.g. `attain-chart execution`.
    pub class: String,
    pub items: Vec<Item>,
}

impl Scene {
    pub(crate) fn new(width: f64, height: f64, class: &str) -> Self {
        Scene {
            width,
            height,
            title: String::new(),
            desc: String::new(),
            class: class.to_string(),
            items: Vec::new(),
        }
    }

    pub(crate) fn begin(&mut self, class: &str, title: Option<String>) {
        self.items.push(Item::Begin {
            class: class.to_string(),
            title,
        });
    }

    pub(crate) fn end(&mut self) {
        self.items.push(Item::End);
    }

    pub(crate) fn line(
        &mut self,
        class: &str,
        points: Vec<(f64, f64)>,
        stroke: Rgb,
        width: f64,
        dash: Dash,
    ) {
        self.items.push(Item::Line {
            class: class.to_string(),
            points,
            stroke,
            width,
            dash,
        });
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn rect(
        &mut self,
        class: &str,
        (x, y): (f64, f64),
        (w, h): (f64, f64),
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f64)>,
    ) {
        self.items.push(Item::Rect {
            class: class.to_string(),
            x,
            y,
            w,
            h,
            fill,
            stroke,
            data: Vec::new(),
        });
    }

    pub(crate) fn marker(
        &mut self,
        class: &str,
        (x, y): (f64, f64),
        r: f64,
        shape: Shape,
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f64)>,
    ) {
        self.items.push(Item::Marker {
            class: class.to_string(),
            x,
            y,
            r,
            shape,
            fill,
            stroke,
        });
    }

    pub(crate) fn text(
        &mut self,
        class: &str,
        (x, y): (f64, f64),
        text: impl Into<String>,
        style: TextStyle,
    ) {
        self.items.push(Item::Text {
            class: class.to_string(),
            x,
            y,
            text: text.into(),
            size: style.size,
            anchor: style.anchor,
            bold: style.bold,
            colour: style.colour,
        });
    }
}

/// Size, alignment, weight and colour of a label.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TextStyle {
    pub size: f64,
    pub anchor: Anchor,
    pub bold: bool,
    pub colour: Rgb,
}

impl TextStyle {
    pub(crate) fn new(size: f64) -> Self {
        TextStyle {
            size,
            anchor: Anchor::Start,
            bold: false,
            colour: colour::TEXT,
        }
    }
    pub(crate) fn middle(mut self) -> Self {
        self.anchor = Anchor::Middle;
        self
    }
    pub(crate) fn end(mut self) -> Self {
        self.anchor = Anchor::End;
        self
    }
    pub(crate) fn bold(mut self) -> Self {
        self.bold = true;
        self
    }
    pub(crate) fn colour(mut self, c: Rgb) -> Self {
        self.colour = c;
        self
    }
}

/// An estimate of the width of `s` at font size `size`: CJK and full-width characters
/// are one em, others about 0.55 em. Used only to keep labels apart and to size
/// columns; the viewer lays the SVG text out itself.
pub(crate) fn text_width(s: &str, size: f64) -> f64 {
    let columns = crate::terminal::width(s) as f64;
    let wide = (columns - s.chars().count() as f64).max(0.0);
    let narrow = columns - 2.0 * wide;
    (wide + narrow * 0.55) * size
}

/// `s` cut with `…` so that it fits in `max` at font size `size`.
pub(crate) fn fit_text(s: &str, size: f64, max: f64) -> String {
    if text_width(s, size) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        let mut next = out.clone();
        next.push(c);
        next.push('…');
        if text_width(&next, size) > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Places items of the given widths left to right from `x0`, `gap` apart, starting
/// a new row before one would pass `x_max`: `(x, row)` for each.
pub(crate) fn wrap(widths: &[f64], x0: f64, x_max: f64, gap: f64) -> Vec<(f64, usize)> {
    let mut out = Vec::with_capacity(widths.len());
    let (mut x, mut row) = (x0, 0usize);
    for w in widths {
        if x > x0 && x + w > x_max {
            x = x0;
            row += 1;
        }
        out.push((x, row));
        x += w + gap;
    }
    out
}

/// A coordinate for the SVG text: at most two decimals, no trailing zeros, no `-0`.
pub(crate) fn num(v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    let r = if r == 0.0 { 0.0 } else { r };
    let s = format!("{r:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// Splits a polyline into the "on" pieces of a dash pattern.
pub(crate) fn dash_pieces(points: &[(f64, f64)], pattern: [f64; 2]) -> Vec<Vec<(f64, f64)>> {
    let [on, off] = pattern;
    let period = on + off;
    let mut pieces = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    let mut travelled = 0.0_f64;
    for w in points.windows(2) {
        let ((x0, y0), (x1, y1)) = (w[0], w[1]);
        let len = ((x1 - x0).powi(2) + (y1 - y0).powi(2)).sqrt();
        if len == 0.0 {
            continue;
        }
        let at = |t: f64| (x0 + (x1 - x0) * t / len, y0 + (y1 - y0) * t / len);
        let mut t = 0.0;
        while t < len {
            let phase = travelled % period;
            if phase < on {
                let step = (on - phase).min(len - t);
                if current.is_empty() {
                    current.push(at(t));
                }
                current.push(at(t + step));
                t += step;
                travelled += step;
            } else {
                if !current.is_empty() {
                    pieces.push(std::mem::take(&mut current));
                }
                let step = (period - phase).min(len - t);
                t += step;
                travelled += step;
            }
        }
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_for_svg() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.345), "12.35");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(0.5), "0.5");
    }

    #[test]
    fn widths_and_fitting() {
        assert_eq!(text_width("中文", 10.0), 20.0);
        assert!((text_width("ab", 10.0) - 11.0).abs() < 1e-9);
        let cut = fit_text("一二三四五六七八九十", 10.0, 45.0);
        assert!(cut.ends_with('…'));
        assert!(text_width(&cut, 10.0) <= 45.0, "{cut}");
        assert_eq!(fit_text("短", 10.0, 45.0), "短");
    }

    #[test]
    fn wrapping() {
        let places = wrap(&[50.0, 50.0, 50.0], 10.0, 130.0, 10.0);
        assert_eq!(places, vec![(10.0, 0), (70.0, 0), (10.0, 1)]);
        // An item wider than the row still gets a row of its own.
        assert_eq!(
            wrap(&[500.0, 5.0], 0.0, 100.0, 0.0),
            vec![(0.0, 0), (0.0, 1)]
        );
    }

    #[test]
    fn dashes_cover_the_on_parts() {
        let pieces = dash_pieces(&[(0.0, 0.0), (30.0, 0.0)], [8.0, 5.0]);
        // 0–8, 13–21, 26–30
        assert_eq!(pieces.len(), 3);
        assert_eq!(pieces[0], vec![(0.0, 0.0), (8.0, 0.0)]);
        assert_eq!(pieces[1], vec![(13.0, 0.0), (21.0, 0.0)]);
        assert_eq!(pieces[2], vec![(26.0, 0.0), (30.0, 0.0)]);
    }
}
