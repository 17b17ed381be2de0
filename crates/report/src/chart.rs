//! Charts: the cumulative budget-execution curve against its expected path, and the
//! indicators' progress towards their full-year targets.
//!
//! Both charts are laid out once into a backend-neutral scene ([`scene`]) and then
//! written as SVG (always: text stays text, drawn by the viewer, so Chinese labels need
//! no font here) or rasterised to PNG with plotters (optional: needs a CJK font file,
//! see [`FontSource`]).
//!
//! Inputs are plain structs that the engine fills; the charts compute nothing about
//! targets or lights — every figure and colour comes from the input, as for the other
//! renderers.
//!
//! Floats: the model's money and rates are exact decimals. This module converts them
//! to `f64` only to place things on the drawing (pixel coordinates, line lengths), so
//! float arithmetic is allowed here and nowhere else.
#![allow(clippy::float_arithmetic)]

mod execution;
mod font;
mod indicators;
mod png;
mod scene;
mod svg;

use attain_core::fmt::{fixed, plain, round};
use attain_core::{Decimal, Month};
use rust_decimal::prelude::ToPrimitive;

pub use font::{find_cjk_font, find_cjk_font_in, font_dirs, CjkFont, FontSource};

/// Language of the labels the chart writes itself (axes, legend, light words);
/// titles and the reference label come from the input as they are.
pub use crate::Lang;
/// The traffic light of an indicator, as the progress engine decides it.
pub use attain_core::progress::Light;

/// Size and language of a chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartStyle {
    pub lang: Lang,
    /// Design width in CSS pixels (the SVG view box; it scales to its container).
    pub width: u32,
    /// Design height of the execution curve. The indicator chart takes the height its
    /// rows need.
    pub height: u32,
    /// PNG pixels per design pixel (2 gives a sharp A4 print).
    pub png_scale: u32,
}

impl Default for ChartStyle {
    fn default() -> Self {
        ChartStyle {
            lang: Lang::Zh,
            width: 800,
            height: 480,
            png_scale: 2,
        }
    }
}

/// A target point on the execution curve, e.g. the half-year target at June.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Milestone {
    pub month: Month,
    /// The target as a fraction (0.46 for 46 %).
    pub rate: Decimal,
    /// What the target is, e.g. `半年目标`; shown above the point, may be empty.
    pub label: String,
}

/// One budget line's (or the total's) cumulative execution rate through the year.
/// Rates are fractions (0.412 for 41.2 %).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExecutionCurve {
    pub title: String,
    pub year: u16,
    pub as_of: Month,
    /// Cumulative execution rate, January to `as_of` (later months are ignored).
    pub actual: Vec<(Month, Decimal)>,
    /// The expected path, January to December (e.g. the milestone path).
    pub reference: Vec<(Month, Decimal)>,
    /// What the reference is, e.g. `目标进度（里程碑路径）`.
    pub reference_label: String,
    /// Target points, read from the targets (never assumed by the chart).
    pub milestones: Vec<Milestone>,
    /// Forecast, `as_of` to December; drawn dotted.
    pub forecast: Vec<(Month, Decimal)>,
    /// Which forecast it is, e.g. `按当前进度预测`; the legend adds its December
    /// value in brackets. Empty: `预测` / `Forecast`.
    pub forecast_label: String,
    /// Actual minus expected at `as_of`, in percentage points.
    pub gap_pp: Option<Decimal>,
}

/// One indicator's row in the progress chart. Percentages are fractions of the
/// indicator's full-year target (0.5 for half of it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorBar {
    pub name: String,
    pub actual_pct_of_fy: Option<Decimal>,
    pub h1_pct_of_fy: Option<Decimal>,
    pub expected_pct_of_fy: Option<Decimal>,
    pub light: Light,
    /// A word that stands for the row instead of a bar: a qualitative indicator's
    /// grade (e.g. `达成`, `部分达成`), or the value of one that a bar cannot show
    /// (a lower-is-better target such as `≤0%`). The row is then listed below the bars.
    pub qualitative: Option<String>,
}

/// The indicators' progress towards their full-year targets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorProgress {
    pub title: String,
    pub rows: Vec<IndicatorBar>,
    /// Heading of the listed rows; empty: `定性指标` / `Qualitative indicators`.
    pub list_title: String,
}

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error(
        "no CJK font found for the PNG chart (looked in: {searched}); install one, e.g. \
         `apt-get install fonts-noto-cjk` (or `fonts-wqy-microhei`), or give a font file \
         with --font PATH; the SVG chart needs no font"
    )]
    NoCjkFont { searched: String },
    #[error(
        "cannot read the font file {}: {source}; install a CJK font, e.g. \
         `apt-get install fonts-noto-cjk` (or `fonts-wqy-microhei`), or give the path of \
         a .ttf, .otf or .ttc font that has Chinese glyphs",
        path.display()
    )]
    FontUnreadable {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("{} is not a usable font: {reason}", path.display())]
    FontInvalid {
        path: std::path::PathBuf,
        reason: String,
    },
    #[error(
        "{} has no Chinese glyphs (lacks {missing}), so labels would be drawn as boxes; \
         use a CJK font, e.g. from `apt-get install fonts-noto-cjk` (or `fonts-wqy-microhei`)",
        path.display()
    )]
    FontLacksCjk {
        path: std::path::PathBuf,
        missing: String,
    },
    #[error("drawing the chart failed: {0}")]
    Draw(String),
    #[error("encoding the PNG failed: {0}")]
    Encode(String),
}

/// The execution curve as SVG.
pub fn execution_svg(curve: &ExecutionCurve, style: &ChartStyle) -> String {
    svg::write(&execution::layout(curve, style))
}

/// The indicator progress chart as SVG.
pub fn indicators_svg(progress: &IndicatorProgress, style: &ChartStyle) -> String {
    svg::write(&indicators::layout(progress, style))
}

/// The execution curve as PNG, drawn with the CJK font that `font` finds.
pub fn execution_png(
    curve: &ExecutionCurve,
    style: &ChartStyle,
    font: &FontSource,
) -> Result<Vec<u8>, ChartError> {
    let font = font.resolve()?;
    png::render(&execution::layout(curve, style), style.png_scale, &font)
}

/// The indicator progress chart as PNG, drawn with the CJK font that `font` finds.
pub fn indicators_png(
    progress: &IndicatorProgress,
    style: &ChartStyle,
    font: &FontSource,
) -> Result<Vec<u8>, ChartError> {
    let font = font.resolve()?;
    png::render(&indicators::layout(progress, style), style.png_scale, &font)
}

// ---- helpers shared by the two layouts ----

/// A rate as a drawing number.
pub(crate) fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// A fraction as a short percentage: `0.46` is `46%`, `0.465` is `46.5%`.
pub(crate) fn pct_short(d: Decimal) -> String {
    format!("{}%", plain(round(d * Decimal::ONE_HUNDRED, 1)))
}

/// A fraction as a percentage as every table prints it: `0.41234` is `41.23%`.
pub(crate) fn pct1(d: Decimal) -> String {
    crate::doc::Value::Rate(d).display(Lang::Zh)
}

/// Words of the charts in each language.
#[allow(clippy::wrong_self_convention)] // `as_of` is the domain's word, not a conversion
pub(crate) trait ChartWords {
    fn month(self, m: u8) -> String;
    fn as_of(self, m: Month) -> String;
    fn gap(self, pp: Decimal) -> String;
    fn light_word(self, l: Light) -> &'static str;
}

impl ChartWords for Lang {
    fn month(self, m: u8) -> String {
        const EN: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        match self {
            Lang::Zh => format!("{m}月"),
            Lang::En => EN[usize::from(m.clamp(1, 12) - 1)].to_string(),
        }
    }

    fn as_of(self, m: Month) -> String {
        match self {
            Lang::Zh => format!("截至{}年{}月", m.year(), m.number()),
            Lang::En => format!("as of {} {}", self.month(m.number()), m.year()),
        }
    }

    /// A gap in percentage points with its sign, to 0.01 point as in the tables:
    /// `−4.80 个百分点`, `+1.20 pp`.
    fn gap(self, pp: Decimal) -> String {
        let r = round(pp, 2);
        let sign = if r.is_sign_negative() && !r.is_zero() {
            "\u{2212}"
        } else if r.is_zero() {
            "±"
        } else {
            "+"
        };
        let n = fixed(r.abs(), 2);
        match self {
            Lang::Zh => format!("{sign}{n} 个百分点"),
            Lang::En => format!("{sign}{n} pp"),
        }
    }

    /// The light as a word, as the other reports write it (`绿`, `green`).
    fn light_word(self, l: Light) -> &'static str {
        match self {
            Lang::Zh => l.zh(),
            Lang::En => l.code(),
        }
    }
}

pub(crate) fn light_colour(l: Light) -> scene::Rgb {
    use scene::colour::*;
    match l {
        Light::Green => LIGHT_GREEN,
        Light::Yellow => LIGHT_YELLOW,
        Light::Red => LIGHT_RED,
        Light::Blue => LIGHT_BLUE,
        Light::None => LIGHT_NONE,
    }
}

/// ● green, ▲ yellow, ■ red, ◆ blue, ○ none (as [`Light::symbol`]): the shape tells
/// the light without colour.
pub(crate) fn light_shape(l: Light) -> scene::Shape {
    match l {
        Light::Green | Light::None => scene::Shape::Circle,
        Light::Yellow => scene::Shape::Triangle,
        Light::Red => scene::Shape::Square,
        Light::Blue => scene::Shape::Diamond,
    }
}
